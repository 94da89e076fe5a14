"""A real keystone for the integration tests: keystone-manage bootstrap on
SQLite, served by gunicorn with one worker on 127.0.0.1, from the separate
venv tools/keystone-venv.sh builds."""
from __future__ import annotations

import os
import subprocess
import time

import requests

from tests.integration import daemons

REPO = os.path.dirname(os.path.dirname(os.path.dirname(__file__)))
VENV_BIN = os.path.join(REPO, '.venv-keystone', 'bin')
ADMIN_PASSWORD = 'keystone-admin-secret'
SERVICE_PASSWORD = 'minicompute-service-secret'
USER_PASSWORD = 'user-secret'


def available() -> bool:
    return os.path.exists(os.path.join(VENV_BIN, 'keystone-manage'))


class Keystone:
    def __init__(self, workdir: str):
        self.workdir = os.path.join(workdir, 'keystone')
        os.makedirs(self.workdir)
        self.port = daemons.free_port()
        self.url = 'http://127.0.0.1:%d/v3' % self.port
        self.conf = os.path.join(self.workdir, 'keystone.conf')
        self.process = None
        with open(self.conf, 'w') as f:
            f.write(f"""[DEFAULT]
log_file = {self.workdir}/keystone.log

[database]
connection = sqlite:///{self.workdir}/keystone.sqlite

[fernet_tokens]
key_repository = {self.workdir}/fernet-keys

[fernet_receipts]
key_repository = {self.workdir}/fernet-receipts

[credential]
key_repository = {self.workdir}/credential-keys

[token]
provider = fernet
""")

    def _manage(self, *args: str) -> None:
        subprocess.run([os.path.join(VENV_BIN, 'keystone-manage'),
                        '--config-file', self.conf, *args], check=True,
                       capture_output=True, timeout=300)

    def start(self) -> None:
        user = os.getuid(), os.getgid()
        self._manage('db_sync')
        for what in ('fernet_setup', 'credential_setup'):
            self._manage(what, '--keystone-user', str(user[0]),
                         '--keystone-group', str(user[1]))
        self._manage('bootstrap', '--bootstrap-password', ADMIN_PASSWORD,
                     '--bootstrap-admin-url', self.url,
                     '--bootstrap-public-url', self.url,
                     '--bootstrap-internal-url', self.url,
                     '--bootstrap-region-id', 'RegionOne')
        # keystone's app parses sys.argv with oslo.config: hide gunicorn's
        # arguments from it.
        with open(os.path.join(self.workdir, 'ks_wsgi.py'), 'w') as f:
            f.write('import sys\nsys.argv = sys.argv[:1]\n'
                    'from keystone.wsgi.api import application  # noqa\n')
        log = open(os.path.join(self.workdir, 'gunicorn.log'), 'w')
        self.process = subprocess.Popen(
            [os.path.join(VENV_BIN, 'gunicorn'), '-w', '1', '-b',
             '127.0.0.1:%d' % self.port, '--chdir', self.workdir,
             'ks_wsgi:application'],
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            env=dict(os.environ, OS_KEYSTONE_CONFIG_FILES=self.conf))
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if requests.get(self.url, timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            if self.process.poll() is not None:
                break
            time.sleep(0.3)
        # Do not leave a gunicorn master respawning broken workers behind.
        self.stop()
        raise AssertionError('keystone did not start:\n' + self.log())

    def log(self) -> str:
        out = []
        for name in ('gunicorn.log', 'keystone.log'):
            try:
                with open(os.path.join(self.workdir, name)) as f:
                    out.append(f.read()[-4000:])
            except OSError:
                pass
        return '\n'.join(out)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, 9)
                self.process.wait(10)

    def admin(self):
        import openstack
        return openstack.connect(
            auth_url=self.url, username='admin', password=ADMIN_PASSWORD,
            project_name='admin', user_domain_name='Default',
            project_domain_name='Default', region_name='RegionOne')

    def user(self, name: str, project: str):
        import openstack
        return openstack.connect(
            auth_url=self.url, username=name, password=USER_PASSWORD,
            project_name=project, user_domain_name='Default',
            project_domain_name='Default', region_name='RegionOne')

    def setup_cloud(self, compute_url: str, image_url: str) -> None:
        """Projects demo and alt with a member each, the minicompute
        service user, and compute and image endpoints in the catalog."""
        admin = self.admin()
        ident = admin.identity
        member = ident.find_role('member')
        admin_role = ident.find_role('admin')
        service_project = ident.create_project(name='service',
                                               domain_id='default')
        service_user = ident.create_user(name='minicompute',
                                         password=SERVICE_PASSWORD,
                                         domain_id='default')
        ident.assign_project_role_to_user(service_project, service_user,
                                          admin_role)
        for name in ('demo', 'alt'):
            project = ident.create_project(name=name, domain_id='default')
            user = ident.create_user(name=name, password=USER_PASSWORD,
                                     domain_id='default')
            ident.assign_project_role_to_user(project, user, member)
        for kind, name, url in (('compute', 'minicompute', compute_url),
                                ('image', 'minicompute-image', image_url)):
            service = ident.create_service(type=kind, name=name)
            for interface in ('public', 'internal', 'admin'):
                ident.create_endpoint(service_id=service.id,
                                      interface=interface, url=url,
                                      region_id='RegionOne')

    def authtoken_config(self) -> str:
        return f"""[keystone_authtoken]
www_authenticate_uri = {self.url}
auth_url = {self.url}
auth_type = password
project_name = service
project_domain_name = Default
username = minicompute
user_domain_name = Default
password = {SERVICE_PASSWORD}
"""
