#!/usr/bin/env python3
"""Benchmark: how long POST /servers takes to reach ACTIVE, and how much of
that is the control plane rather than the hypervisor.

    python bench/create_servers.py                 # libvirt test driver
    python bench/create_servers.py --qemu          # real QEMU guests (root,
                                                   # libvirtd running)
    python bench/create_servers.py --qemu -n 7 --json

It runs the all-in-one in this process (fake:// transport, SQLite). With
--qemu it boots the tiny kernel+initrd guest (tools/build-tiny-image.sh) and,
in the same run, starts the very same domain XML with a bare ``virsh
create``; the overhead is the median of (POST -> ACTIVE) minus the median of
(virsh create -> running). Prints one JSON document.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO)

import minicompute  # noqa: E402,F401  (selects the threading backend)
from minicompute import allinone  # noqa: E402
from minicompute import conf as mc_conf  # noqa: E402
from minicompute import context as mc_context  # noqa: E402
from minicompute.image import registry  # noqa: E402
from tests.functional import client as api_client  # noqa: E402


def _start(state: str, qemu: bool, transport_url: str
           ) -> allinone.AllInOne:
    conf = mc_conf.CONF
    conf([], project='minicompute', default_config_files=[])
    allinone.set_defaults(conf)
    conf.set_override('transport_url', transport_url)
    conf.set_override('state_path', state)
    conf.set_override('connection', 'sqlite:///%s/bench.sqlite' % state,
                      group='database')
    conf.set_override('host', 'bench')
    if qemu:
        conf.set_override('connection_uri', 'qemu:///system',
                          group='libvirt')
        conf.set_override('virt_type', 'qemu', group='libvirt')
    aio = allinone.AllInOne(conf, computes=1, listen_port=0,
                            metadata_port=0)
    aio.start()
    return aio


def _tiny_guest_image(conf, workdir: str) -> str:
    tiny = os.path.join(workdir, 'tiny')
    subprocess.run([os.path.join(REPO, 'tools', 'build-tiny-image.sh'),
                    tiny], check=True, capture_output=True)
    ctx = mc_context.get_admin_context()
    kernel = registry.create(conf, ctx, 'k', os.path.join(tiny, 'vmlinuz'),
                             disk_format='aki', container_format='aki')
    ramdisk = registry.create(conf, ctx, 'r',
                              os.path.join(tiny, 'initrd.img'),
                              disk_format='ari', container_format='ari')
    root = os.path.join(workdir, 'root.raw')
    with open(root, 'wb') as f:
        f.truncate(16 * 1024 * 1024)
    return registry.create(conf, ctx, 'tiny-guest', root,
                           disk_format='ami', container_format='ami',
                           properties={'kernel_id': kernel.id,
                                       'ramdisk_id': ramdisk.id}).id


def _post_to_active(client, image_id: str, count: int,
                    keep_last: bool = False) -> tuple[list, str | None]:
    """Boot ``count`` servers one at a time, each deleted before the next
    (booting TCG guests would otherwise slow each other's launch on two
    cores); returns the times and the id of the last server if kept."""
    times, kept = [], None
    for index in range(count):
        start = time.monotonic()
        server = client.create_server('bench-%d' % index, image_id, '42')
        server_id = server['server']['id']
        api_client.wait_for_state(client, server_id, 'ACTIVE', timeout=120,
                                  interval=0.01)
        times.append(time.monotonic() - start)
        if keep_last and index == count - 1:
            kept = server_id
            break
        client.delete('/servers/%s' % server_id, expect=204)
        api_client.wait_until_deleted(client, server_id)
    return times, kept


def _copy_disk(instance_dir: str, workdir: str) -> str:
    """A copy of the instance's root overlay for the bare runs."""
    bare_dir = os.path.join(workdir, 'bare')
    os.makedirs(bare_dir, exist_ok=True)
    shutil.copy(os.path.join(instance_dir, 'disk'), bare_dir)
    return bare_dir


def _bare_virsh(template_xml: str, count: int) -> list[float]:
    """Start the same domain with ``virsh create`` (transient), one at a
    time, each destroyed before the next."""
    times = []
    for _ in range(count):
        xml = template_xml
        new_uuid = str(uuid.uuid4())
        name = 'bench-bare-%s' % new_uuid[:8]
        xml = xml.replace(xml.split('<uuid>')[1].split('</uuid>')[0],
                          new_uuid)
        xml = xml.replace(xml.split('<name>')[1].split('</name>')[0], name)
        with tempfile.NamedTemporaryFile('w', suffix='.xml',
                                         delete=False) as f:
            f.write(xml)
        start = time.monotonic()
        subprocess.run(['virsh', '-c', 'qemu:///system', 'create', f.name],
                       check=True, capture_output=True)
        times.append(time.monotonic() - start)
        subprocess.run(['virsh', '-c', 'qemu:///system', 'destroy', name],
                       check=True, capture_output=True)
        os.unlink(f.name)
    return times


def main() -> int:
    import logging
    logging.basicConfig(level=os.environ.get("BENCH_LOG", "WARNING"),
                        format="%(asctime)s.%(msecs)03d %(name)s %(message)s",
                        datefmt="%H:%M:%S")
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--qemu', action='store_true')
    parser.add_argument('-n', '--count', type=int, default=5)
    parser.add_argument('--transport-url', default=None,
                        help='default: RabbitMQ on 127.0.0.1 if it answers, '
                             'else fake:// (which polls every 50 ms, so it '
                             'inflates every hop)')
    args = parser.parse_args()
    if args.transport_url is None:
        import socket
        try:
            socket.create_connection(('127.0.0.1', 5672), 1).close()
            args.transport_url = 'rabbit://guest:guest@127.0.0.1:5672/'
        except OSError:
            args.transport_url = 'fake:///'

    workdir = tempfile.mkdtemp(prefix='minicompute-bench-', dir='/var/tmp')
    os.chmod(workdir, 0o755)
    aio = _start(workdir, args.qemu, args.transport_url)
    try:
        client = api_client.ApiClient(aio.endpoint)
        image_id = (_tiny_guest_image(aio.conf, workdir) if args.qemu
                    else client.first_image_id())
        # One warm-up: the first build also fills the image cache.
        _post_to_active(client, image_id, 1)
        api_times, kept = _post_to_active(client, image_id, args.count,
                                          keep_last=args.qemu)
        result = {
            'driver': 'qemu (TCG)' if args.qemu else 'libvirt test driver',
            'transport': args.transport_url.split(':')[0],
            'servers': args.count,
            'post_to_active_s': {
                'median': round(statistics.median(api_times), 4),
                'min': round(min(api_times), 4),
                'max': round(max(api_times), 4)},
        }
        if args.qemu:
            import libvirt
            conn = libvirt.open('qemu:///system')
            xml = conn.lookupByUUIDString(kept).XMLDesc()
            conn.close()
            instance_dir = os.path.join(aio.conf.instances_path, kept)
            bare_dir = _copy_disk(instance_dir, workdir)
            client.delete('/servers/%s' % kept, expect=204)
            api_client.wait_until_deleted(client, kept)
            bare = _bare_virsh(xml.replace(instance_dir, bare_dir),
                               args.count)
            result['virsh_create_s'] = {
                'median': round(statistics.median(bare), 4),
                'min': round(min(bare), 4), 'max': round(max(bare), 4)}
            result['control_plane_overhead_s'] = round(
                statistics.median(api_times) - statistics.median(bare), 4)
        print(json.dumps(result, indent=2))
    finally:
        aio.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == '__main__':
    sys.exit(main())
