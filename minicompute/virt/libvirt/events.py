"""libvirt domain lifecycle events, delivered to the compute service.

libvirt calls back from its event loop thread, which must never block, so
each event only queues the domain's UUID; a worker thread hands the UUIDs
to the listener (the compute manager, which then asks the driver for the
domain's real state). Events are hints: a missed one is caught by the
periodic power-state sync.

Usage::

    events.start_event_loop()        # before the connection is opened
    emitter = events.LifecycleEmitter(listener)
    emitter.watch(conn)              # on every (re)connection
"""
from __future__ import annotations

import queue
import threading

import libvirt
from oslo_log import log as logging

LOG = logging.getLogger(__name__)

_loop_lock = threading.Lock()
_loop_started = False


def start_event_loop() -> None:
    """Run libvirt's default event loop in a daemon thread (once per
    process). Connections opened afterwards can deliver events."""
    global _loop_started
    with _loop_lock:
        if _loop_started:
            return
        libvirt.virEventRegisterDefaultImpl()

        def run():
            while True:
                try:
                    libvirt.virEventRunDefaultImpl()
                except Exception:
                    LOG.exception('libvirt event loop iteration failed')

        threading.Thread(target=run, name='libvirt-events',
                         daemon=True).start()
        _loop_started = True


class LifecycleEmitter:
    """Queues lifecycle events and calls ``listener(uuid)`` off the loop."""

    def __init__(self, listener):
        self._listener = listener
        self._queue: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._dispatch, name='libvirt-lifecycle',
                         daemon=True).start()

    def watch(self, conn: libvirt.virConnect) -> None:
        conn.domainEventRegisterAny(
            None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE, self._on_event,
            None)

    def _on_event(self, conn, domain, event, detail, opaque) -> None:
        self._queue.put(domain.UUIDString())

    def _dispatch(self) -> None:
        while True:
            uuid = self._queue.get()
            try:
                self._listener(uuid)
            except Exception:
                LOG.exception('Handling a lifecycle event of %s failed',
                              uuid)
