"""Integration tests need RabbitMQ, MariaDB and PostgreSQL on loopback.

They skip when a server is missing on a developer machine, and fail in CI
(CI=true), where skipping them would hide that the AMQP path is untested.
"""
import os

import pytest

from tests.integration import daemons

SERVICES = {'rabbitmq': 5672, 'mysql': 3306, 'postgresql': 5432}


def require(service: str) -> None:
    if service == 'libvirtd':
        if daemons.libvirt_qemu_available():
            return
        message = 'libvirtd (qemu:///system) is not reachable'
    elif daemons.port_open('127.0.0.1', SERVICES[service]):
        return
    else:
        message = '%s is not reachable on 127.0.0.1:%d' % (
            service, SERVICES[service])
    if os.environ.get('CI'):
        pytest.fail(message + ' (CI must not skip integration tests)')
    pytest.skip(message)
