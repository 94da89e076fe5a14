#!/usr/bin/env python3
"""Benchmark: what the metadata path costs a guest.

    python bench/metadata_boot.py            # config drive build, metadata
                                             # service requests (test driver)
    python bench/metadata_boot.py --qemu     # also: the tiny guest booting
                                             # from its config drive (root,
                                             # libvirtd running)

It runs the all-in-one in this process (SQLite, the metadata service on a
free port). Measured: writing one config drive ISO (pycdlib) for an
instance with a key pair, 16 KiB of user data and one VIF; one signed
``meta_data.json`` request to the metadata service, served cold (cache
off) and warm; with --qemu, POST -> ACTIVE and POST -> the guest's
"TINY GUEST UP" (it has read config-2, set its hostname, installed its key,
run its user data and started sshd by then). Prints one JSON document and
a short table.
"""
from __future__ import annotations

import argparse
import base64
import json
import os
import shutil
import statistics
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO)

import minicompute  # noqa: E402,F401  (selects the threading backend)
from minicompute import allinone, objects  # noqa: E402
from minicompute import conf as mc_conf  # noqa: E402
from minicompute import context as mc_context  # noqa: E402
from minicompute.image import registry  # noqa: E402
from minicompute.metadata import base, signing  # noqa: E402
from minicompute.virt import configdrive  # noqa: E402
from tests.functional import client as api_client  # noqa: E402
from tests.unit.metadata import fakes  # noqa: E402

USER_DATA = b'#!/bin/sh\n' + b'# padding\n' * 1638      # about 16 KiB


def _stats(times: list[float]) -> dict:
    return {'median': round(statistics.median(times), 4),
            'min': round(min(times), 4), 'max': round(max(times), 4)}


def _start(state: str, qemu: bool) -> allinone.AllInOne:
    conf = mc_conf.CONF
    conf([], project='minicompute', default_config_files=[])
    allinone.set_defaults(conf)
    conf.set_override('state_path', state)
    conf.set_override('connection', 'sqlite:///%s/bench.sqlite' % state,
                      group='database')
    conf.set_override('host', 'bench')
    conf.set_override('metadata_proxy_shared_secret', 'bench',
                      group='metadata')
    if qemu:
        conf.set_override('connection_uri', 'qemu:///system',
                          group='libvirt')
        conf.set_override('virt_type', 'qemu', group='libvirt')
    aio = allinone.AllInOne(conf, computes=1, listen_port=0,
                            metadata_port=0)
    aio.start()
    return aio


def _config_drive_times(conf, workdir: str, count: int) -> list[float]:
    instance = fakes.instance(
        user_data=base64.b64encode(USER_DATA).decode())
    network_info = [fakes.vif([fakes.subnet_v4(dhcp=True)])]
    times = []
    for index in range(count):
        path = os.path.join(workdir, 'drive-%d.iso' % index)
        start = time.monotonic()
        metadata = base.InstanceMetadata(conf, instance, fakes.ec2_ids(),
                                         network_info)
        configdrive.make_drive(path, metadata.config_drive_files())
        times.append(time.monotonic() - start)
        os.unlink(path)
    return times


def _request_times(conf, server_id: str, project: str, count: int,
                   cached: bool) -> list[float]:
    """Signed meta_data.json requests to a metadata service of its own,
    with its document cache on or off."""
    import requests

    from minicompute.api import server as api_server
    from minicompute.metadata import handler
    conf.set_override('metadata_cache_expiration', 15 if cached else 0,
                      group='metadata')
    service = api_server.WSGIServer(handler.MetadataRequestHandler(conf),
                                    '127.0.0.1', 0, pool_size=4)
    service.start()
    try:
        session = requests.Session()
        headers = signing.signed_headers('bench', server_id, project)
        url = 'http://127.0.0.1:%d/openstack/latest/meta_data.json' % (
            service.port)
        session.get(url, headers=headers, timeout=10).raise_for_status()
        times = []
        for _ in range(count):
            start = time.monotonic()
            session.get(url, headers=headers, timeout=10).raise_for_status()
            times.append(time.monotonic() - start)
        return times
    finally:
        service.stop()


def _tiny_guest_image(conf) -> str:
    from tests.integration import images
    tiny = images.tiny_image()
    ctx = mc_context.get_admin_context()
    kernel = registry.create(conf, ctx, 'k', os.path.join(tiny, 'vmlinuz'),
                             disk_format='aki', container_format='aki')
    ramdisk = registry.create(conf, ctx, 'r',
                              os.path.join(tiny, 'initrd.img'),
                              disk_format='ari', container_format='ari')
    root = os.path.join(conf.state_path, 'root.raw')
    with open(root, 'wb') as f:
        f.truncate(16 * 1024 * 1024)
    return registry.create(conf, ctx, 'tiny-guest', root,
                           disk_format='ami', container_format='ami',
                           properties={'kernel_id': kernel.id,
                                       'ramdisk_id': ramdisk.id}).id


def _boot_times(client, image_id: str, count: int) -> tuple[list, list]:
    active, up = [], []
    for index in range(count):
        start = time.monotonic()
        server_id = client.create_server(
            'cd-bench-%d' % index, image_id, '42', config_drive=True,
            user_data=base64.b64encode(b'#!/bin/sh\necho ran\n').decode()
        )['server']['id']
        api_client.wait_for_state(client, server_id, 'ACTIVE', timeout=300,
                                  interval=0.05)
        active.append(time.monotonic() - start)

        def console():
            return client.post('/servers/%s/action' % server_id,
                               {'os-getConsoleOutput': {}},
                               expect=200).json()['output']
        api_client.wait_for(lambda: 'TINY GUEST UP' in console(),
                            timeout=300, interval=0.25,
                            message='the guest to be up')
        up.append(time.monotonic() - start)
        client.delete('/servers/%s' % server_id, expect=204)
        api_client.wait_until_deleted(client, server_id, timeout=120)
    return active, up


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--qemu', action='store_true')
    parser.add_argument('-n', '--count', type=int, default=20)
    parser.add_argument('--boots', type=int, default=3)
    args = parser.parse_args()
    objects.register_all()
    workdir = tempfile.mkdtemp(prefix='minicompute-bench-', dir='/var/tmp')
    os.chmod(workdir, 0o755)
    aio = _start(workdir, args.qemu)
    try:
        result = {'config_drive_build_s': _stats(
            _config_drive_times(aio.conf, workdir, args.count))}
        client = api_client.ApiClient(aio.endpoint, 'admin:admin')
        server = client.create_server('md-bench', client.first_image_id(),
                                      '42')['server']
        api_client.wait_for_state(client, server['id'], 'ACTIVE')
        project = client.show_server(server['id'])['tenant_id']
        result['meta_data_json_request_s'] = {
            'cold': _stats(_request_times(aio.conf, server['id'], project,
                                          args.count, cached=False)),
            'cached': _stats(_request_times(aio.conf, server['id'],
                                            project, args.count,
                                            cached=True))}
        client.delete('/servers/%s' % server['id'], expect=204)
        if args.qemu:
            image_id = _tiny_guest_image(aio.conf)
            active, up = _boot_times(client, image_id, args.boots)
            result['tiny_guest_config_drive'] = {
                'boots': args.boots, 'post_to_active_s': _stats(active),
                'post_to_guest_up_s': _stats(up)}
        print(json.dumps(result, indent=2))
        print('\n| measure | median | min | max |\n|---|---|---|---|')
        rows = [('config drive build', result['config_drive_build_s']),
                ('meta_data.json, cold', result[
                    'meta_data_json_request_s']['cold']),
                ('meta_data.json, cached', result[
                    'meta_data_json_request_s']['cached'])]
        if args.qemu:
            boot = result['tiny_guest_config_drive']
            rows += [('tiny guest POST -> ACTIVE', boot['post_to_active_s']),
                     ('tiny guest POST -> up', boot['post_to_guest_up_s'])]
        for name, stats in rows:
            print('| %s | %s s | %s s | %s s |' % (
                name, stats['median'], stats['min'], stats['max']))
    finally:
        aio.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == '__main__':
    sys.exit(main())
