"""A service without database access waits for a conductor before it
registers: a call to a topic nobody listens on yet is lost, so the compute
pings until one answers (regression: computes that started before the
conductor never came up)."""
import threading

import oslo_messaging as messaging
import pytest

from minicompute import context as mc_context
from minicompute import rpc
from minicompute.conductor import api as conductor_api
from minicompute.conductor import manager as conductor_manager


@pytest.fixture
def admin():
    return mc_context.get_admin_context()


def test_gives_up_only_when_stopped(rpc_conf, admin):
    stop = threading.Event()
    threading.Timer(0.5, stop.set).start()

    ready = conductor_api.ConductorAPI().wait_until_ready(
        admin, stop=stop, attempt_timeout=0.1)

    assert ready is False


def test_returns_once_a_conductor_answers(rpc_conf, admin):
    manager = conductor_manager.ConductorManager(rpc_conf, 'conductor-w')
    server = rpc.get_server(
        messaging.Target(topic='conductor', server='conductor-w'),
        [manager])
    # The conductor comes up while the compute is already waiting.
    starter = threading.Timer(0.3, server.start)
    starter.start()
    try:
        ready = conductor_api.ConductorAPI().wait_until_ready(
            admin, stop=threading.Event(), attempt_timeout=0.2)
    finally:
        starter.join()
        server.stop()
        server.wait()

    assert ready is True
