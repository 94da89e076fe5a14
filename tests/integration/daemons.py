"""Runs minicompute's daemons as real processes for the integration tests:
config files, databases on the real servers, start, wait, stop."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid

BIN_DIR = os.path.dirname(sys.executable)
RABBIT_URL = 'rabbit://guest:guest@127.0.0.1:5672/'
RABBITMQCTL = 'rabbitmqctl'
MYSQL = dict(host='127.0.0.1', port=3306, user='root', password='')
POSTGRES = dict(host='127.0.0.1', port=5432, user='postgres')


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def port_open(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=2):
            return True
    except OSError:
        return False


class Database:
    """A throw-away database on MariaDB or PostgreSQL."""

    def __init__(self, backend: str):
        self.backend = backend
        self.name = 'minicompute_it_%s' % uuid.uuid4().hex[:8]

    @property
    def url(self) -> str:
        if self.backend == 'mysql':
            return 'mysql+pymysql://root@127.0.0.1/%s' % self.name
        return 'postgresql+psycopg2://postgres@127.0.0.1/%s' % self.name

    def _admin(self, statement: str) -> None:
        if self.backend == 'mysql':
            import pymysql
            conn = pymysql.connect(autocommit=True, **MYSQL)
        else:
            import psycopg2
            conn = psycopg2.connect(dbname='postgres', **POSTGRES)
            conn.autocommit = True
        try:
            with conn.cursor() as cursor:
                cursor.execute(statement)
        finally:
            conn.close()

    def query(self, statement: str):
        if self.backend == 'mysql':
            import pymysql
            conn = pymysql.connect(database=self.name, **MYSQL)
        else:
            import psycopg2
            conn = psycopg2.connect(dbname=self.name, **POSTGRES)
        try:
            with conn.cursor() as cursor:
                cursor.execute(statement)
                return cursor.fetchall()
        finally:
            conn.close()

    def create(self) -> None:
        self._admin('CREATE DATABASE %s' % self.name)

    def drop(self) -> None:
        if self.backend == 'postgresql':
            self._admin("SELECT pg_terminate_backend(pid) FROM "
                        "pg_stat_activity WHERE datname = '%s'" % self.name)
        self._admin('DROP DATABASE IF EXISTS %s' % self.name)


class RabbitVhost:
    """A throw-away RabbitMQ virtual host: each deployment's topics
    (``conductor``, ``scheduler``, ...) live in their own vhost, so that
    deployments running at the same time never take each other's
    messages."""

    def __init__(self, name: str):
        self.name = name
        self.url = RABBIT_URL + name

    def _ctl(self, *args: str) -> None:
        subprocess.run([RABBITMQCTL, '-q', *args], check=True,
                       capture_output=True, timeout=60)

    def create(self) -> None:
        self._ctl('add_vhost', self.name)
        self._ctl('set_permissions', '-p', self.name, 'guest',
                  '.*', '.*', '.*')

    def delete(self) -> None:
        try:
            self._ctl('delete_vhost', self.name)
        except (subprocess.SubprocessError, OSError):
            pass


#: Every integration deployment's host names start with this (and the
#: control services' too), so what a run leaves behind can be found.
HOST_PREFIX = 'it-'

class Deployment:
    """One minicompute deployment: a config dir, logs, processes."""

    def __init__(self, workdir, db_url: str, computes: int = 2,
                 compute_options: dict | None = None):
        self.workdir = str(workdir)
        self.db_url = db_url
        self.compute_options = compute_options or {}
        self.run_id = uuid.uuid4().hex[:6]
        self.vhost = RabbitVhost('%s%s' % (HOST_PREFIX, self.run_id))
        self.vhost.create()
        self.transport_url = self.vhost.url
        self.api_port = free_port()
        self.metadata_port = free_port()
        self.metadata_secret = uuid.uuid4().hex
        self.compute_hosts = ['%s%s-cpu%d' % (HOST_PREFIX, self.run_id, i + 1)
                              for i in range(computes)]
        self.processes: dict[str, subprocess.Popen] = {}
        self.conf_file = os.path.join(self.workdir, 'minicompute.conf')
        self._write_config()

    @property
    def endpoint(self) -> str:
        return 'http://127.0.0.1:%d/v2.1' % self.api_port

    def _write_config(self) -> None:
        with open(self.conf_file, 'w') as f:
            f.write(f"""[DEFAULT]
host = {HOST_PREFIX}{self.run_id}-ctl
state_path = {self.workdir}/state
transport_url = {self.transport_url}
osapi_compute_listen = 127.0.0.1
osapi_compute_listen_port = {self.api_port}
report_interval = 2
service_down_time = 30
periodic_interval = 10
debug = false
# Domains of deployments sharing qemu:///system never clash.
instance_name_template = {HOST_PREFIX}{self.run_id}-%08x

[database]
connection = {self.db_url}

[metadata]
metadata_listen = 127.0.0.1
metadata_listen_port = {self.metadata_port}
metadata_proxy_shared_secret = {self.metadata_secret}

[api]
auth_strategy = noauth2

[quota]
instances = 50
cores = 100

[libvirt]
connection_uri = test:///default
""")
        for host in self.compute_hosts:
            with open(self._compute_conf(host), 'w') as f:
                f.write('[DEFAULT]\nhost = %s\ninstances_path = %s\n'
                        % (host, self.instances_path(host)))
                for group, options in self.compute_options.items():
                    f.write('[%s]\n' % group)
                    for key, value in options.items():
                        f.write('%s = %s\n' % (key, value))

    def instances_path(self, host: str) -> str:
        return os.path.join(self.workdir, host)

    def _compute_conf(self, host: str) -> str:
        return os.path.join(self.workdir, '%s.conf' % host)

    def manage(self, *args: str, command: str = 'minicompute-manage') -> str:
        result = subprocess.run(
            [os.path.join(BIN_DIR, command), '--config-file',
             self.conf_file, *args], capture_output=True, text=True,
            timeout=120)
        if result.returncode != 0:
            raise AssertionError('%s %s failed:\n%s%s' % (
                command, ' '.join(args), result.stdout, result.stderr))
        return result.stdout

    def seed(self, flavor_ram_mb: int = 128) -> str:
        """Schema, the m1.nano flavor (id 42) and a 1 MiB blank image
        ``tiny``; returns the image id."""
        self.manage('db', 'sync')
        self.manage('flavor', 'create', 'm1.nano', '--ram',
                    str(flavor_ram_mb), '--vcpus', '1', '--disk', '1',
                    '--id', '42')
        blank = os.path.join(self.workdir, 'blank.raw')
        with open(blank, 'wb') as f:
            f.truncate(1024 * 1024)
        return self.create_image('tiny', blank)

    def create_image(self, name: str, path: str, *args: str) -> str:
        output = self.manage('image', 'create', name, '--file', path, *args)
        # "Created image NAME (id UUID, N bytes)"
        return output.split('(id ', 1)[1].split(',', 1)[0]

    def signal(self, name: str, signum: int) -> None:
        """Signal a daemon's whole process group (launcher and worker)."""
        os.killpg(self.processes[name].pid, signum)

    def start_compute(self, host: str, env: dict | None = None) -> None:
        self.start(host, 'minicompute-compute', self._compute_conf(host),
                   env=env)

    def start(self, name: str, binary: str, extra_conf: str | None = None,
              env: dict | None = None) -> None:
        argv = [os.path.join(BIN_DIR, binary), '--config-file',
                self.conf_file]
        if extra_conf:
            argv += ['--config-file', extra_conf]
        log = open(os.path.join(self.workdir, '%s.log' % name), 'a')
        self.processes[name] = subprocess.Popen(
            argv, stdout=log, stderr=subprocess.STDOUT,
            env=dict(os.environ, **(env or {})), start_new_session=True)

    def start_all(self, control_env: dict | None = None) -> None:
        self.start('conductor', 'minicompute-conductor', env=control_env)
        self.start('scheduler', 'minicompute-scheduler', env=control_env)
        for host in self.compute_hosts:
            self.start_compute(host)
        self.start('api', 'minicompute-api')
        self.start('metadata', 'minicompute-metadata')

    @property
    def metadata_url(self) -> str:
        return 'http://127.0.0.1:%d' % self.metadata_port

    def wait_until_up(self, timeout: float = 60, expected=None,
                      hypervisors: int | None = None) -> None:
        deadline = time.monotonic() + timeout
        expected = expected or {
            'minicompute-conductor', 'minicompute-scheduler'} | {
            'minicompute-compute@%s' % h for h in self.compute_hosts}
        while time.monotonic() < deadline:
            self.check_alive()
            up = set()
            for line in self.manage('service', 'list').splitlines()[1:]:
                binary, host, _status, state = line.split()[:4]
                if state == 'up':
                    up.add('%s@%s' % (binary, host)
                           if binary == 'minicompute-compute' else binary)
            if expected <= up and port_open('127.0.0.1', self.api_port) \
                    and self._metadata_listening() \
                    and self._hypervisors_reported(hypervisors):
                return
            time.sleep(0.5)
        raise AssertionError('services did not come up:\n' + self.logs())

    def _metadata_listening(self) -> bool:
        return ('metadata' not in self.processes or
                port_open('127.0.0.1', self.metadata_port))

    def _hypervisors_reported(self, count: int | None = None) -> bool:
        """Every compute has reported its node: a service is up as soon
        as it starts, but the scheduler only sees reported nodes."""
        import requests
        try:
            response = requests.get(
                self.endpoint + '/os-hypervisors', timeout=10,
                headers={'X-Auth-Token': 'admin:admin'})
        except requests.RequestException:
            return False
        if response.status_code != 200:
            return False
        if count is None:
            count = len(self.compute_hosts)
        return len(response.json()['hypervisors']) >= count

    def check_alive(self) -> None:
        for name, proc in self.processes.items():
            if proc.poll() is not None:
                raise AssertionError('%s exited with %s:\n%s' % (
                    name, proc.returncode, self.log(name)))

    def kill(self, name: str) -> None:
        """SIGKILL a daemon's process group, as a crash would."""
        self.signal(name, signal.SIGKILL)
        self.processes.pop(name).wait(30)

    def stop_all(self, timeout: float = 60) -> dict:
        """SIGTERM every daemon; return {name: exit code}."""
        for proc in self.processes.values():
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        codes = {}
        deadline = time.monotonic() + timeout
        for name, proc in self.processes.items():
            try:
                codes[name] = proc.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                codes[name] = 'killed'
        self.vhost.delete()
        return codes

    def log(self, name: str, tail: int = 60) -> str:
        path = os.path.join(self.workdir, '%s.log' % name)
        try:
            with open(path, errors='replace') as f:
                return ''.join(f.readlines()[-tail:])
        except OSError:
            return ''

    def logs(self) -> str:
        return '\n'.join('==== %s ====\n%s' % (name, self.log(name))
                         for name in self.processes)

    def errors_in_logs(self) -> list[str]:
        found = []
        for name in self.processes:
            path = os.path.join(self.workdir, '%s.log' % name)
            with open(path, errors='replace') as f:
                found += ['%s: %s' % (name, line.rstrip()) for line in f
                          if ' ERROR ' in line or 'Traceback' in line]
        return found


def make_workdir(prefix: str) -> str:
    """A work directory QEMU (running as libvirt's own user) can traverse:
    pytest's tmp_path sits under a 0700 directory."""
    import tempfile
    path = tempfile.mkdtemp(prefix=prefix, dir='/var/tmp')
    os.chmod(path, 0o755)
    return path


def libvirt_qemu_available() -> bool:
    try:
        import libvirt
        libvirt.registerErrorHandler(lambda *_: None, None)
        libvirt.open('qemu:///system').close()
        return True
    except Exception:
        return False


def _remove_domains_if(owned) -> None:
    """Destroy and undefine the qemu:///system domains whose minicompute
    metadata names an owner host for which ``owned(host)`` is true."""
    import libvirt

    from minicompute.virt.libvirt import guest as libvirt_guest
    conn = libvirt.open('qemu:///system')
    try:
        for domain in conn.listAllDomains():
            try:
                owner = libvirt_guest.Guest(domain).owner_host()
                if not owned(owner or ''):
                    continue
                if domain.isActive():
                    domain.destroy()
                domain.undefine()
            except libvirt.libvirtError:
                continue        # gone while we looked
    finally:
        conn.close()


def remove_domains(hosts) -> None:
    """Remove the domains a deployment's computes (``hosts``) made."""
    hosts = set(hosts)
    _remove_domains_if(lambda owner: owner in hosts)


def _live_run_ids() -> set[str]:
    """Run ids of the deployments whose daemons are running on this
    machine (their config files are named after their hosts)."""
    runs = set()
    for pid in os.listdir('/proc'):
        try:
            with open('/proc/%s/cmdline' % pid, 'rb') as f:
                argv = f.read().decode(errors='replace').split('\0')
        except OSError:
            continue
        for arg in argv:
            name = os.path.basename(arg)
            if name.startswith(HOST_PREFIX):
                runs.add(name[len(HOST_PREFIX):].split('-', 1)[0])
    return runs


def remove_leftover_domains() -> None:
    """Remove domains that runs no longer alive left on qemu:///system (a
    killed test run), never those of a deployment still running beside
    this one."""
    live = _live_run_ids()

    def leftover(owner: str) -> bool:
        if not owner.startswith(HOST_PREFIX):
            return False
        return owner[len(HOST_PREFIX):].split('-', 1)[0] not in live
    _remove_domains_if(leftover)
