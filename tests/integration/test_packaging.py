"""minicompute as a packager or ``pip install .`` gets it: the sdist and the
wheel built from it carry everything, and the wheel, installed into a fresh
venv outside the source tree, syncs a schema, runs the all-in-one (a server
goes ACTIVE on test:///default) and every console script answers --help.

The tree's own venv has an editable install, which reads migrations and
paste config from the tree: only an installed wheel shows what is missing
from it (a wheel without the migrations' env.py once shipped).
"""
import json
import os
import pathlib
import shutil
import signal
import subprocess
import sys
import tarfile
import time
import venv
import zipfile

import pytest

from tests.functional import client as api_client
from tests.integration import daemons

TOP_DIR = pathlib.Path(__file__).resolve().parents[2]

# The installed distribution's own console scripts, read from its metadata
# so that a script added to setup.cfg is covered without editing this test.
_LIST_SCRIPTS = """
import importlib.metadata, json
dist = importlib.metadata.distribution('minicompute')
print(json.dumps(sorted(ep.name for ep in dist.entry_points
                        if ep.group == 'console_scripts')))
"""


def _run(argv, cwd, timeout=300, **kwargs):
    result = subprocess.run([str(a) for a in argv], cwd=cwd,
                            capture_output=True, text=True,
                            timeout=timeout, **kwargs)
    assert result.returncode == 0, '%s failed (%s):\n%s\n%s' % (
        ' '.join(map(str, argv)), result.returncode, result.stdout[-3000:],
        result.stderr[-5000:])
    return result.stdout


def _source_files() -> list[str]:
    """The tree as a fresh clone would have it: the files git tracks or
    would add (ignored ones left out), or, outside a git checkout (an
    unpacked sdist), every file but build and venv left-overs."""
    try:
        out = subprocess.run(['git', 'ls-files', '-z', '--cached',
                              '--others', '--exclude-standard'],
                             cwd=TOP_DIR, capture_output=True, check=True,
                             timeout=60)
        names = out.stdout.decode().split('\0')
    except (OSError, subprocess.CalledProcessError):
        names = [str(path.relative_to(TOP_DIR))
                 for path in TOP_DIR.rglob('*')
                 if not any(part.startswith(('.venv', 'build', 'dist',
                                             '__pycache__', '.tox'))
                            or part.endswith('.egg-info')
                            for part in path.relative_to(TOP_DIR).parts)]
    # git's own files (.gitignore) are no part of a release.
    return sorted(name for name in names
                  if name and not name.startswith('.git')
                  and (TOP_DIR / name).is_file())


def _build(files: list[str], workdir: pathlib.Path
           ) -> tuple[pathlib.Path, pathlib.Path]:
    """Build from a clean copy of the tree: setuptools reads the
    manifest an earlier build left in the tree's egg-info back in, so
    a build in a used tree can carry files a fresh clone would not."""
    source, outdir = workdir / 'source', workdir / 'dist'
    for name in files:
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(TOP_DIR / name, source / name)
    outdir.mkdir()
    # python -m build makes the sdist, then the wheel from the unpacked
    # sdist: what the sdist lacks, the wheel lacks too.
    _run([sys.executable, '-m', 'build', '--outdir', outdir, source],
         cwd=workdir)
    (sdist,) = outdir.glob('minicompute-*.tar.gz')
    (wheel,) = outdir.glob('minicompute-*.whl')
    return sdist, wheel


def _check_contents(files: list[str], sdist: pathlib.Path,
                    wheel: pathlib.Path) -> None:
    with tarfile.open(sdist) as tar:
        top = tar.getnames()[0].split('/')[0]
        in_sdist = {name.split('/', 1)[1] for name in tar.getnames()
                    if '/' in name}
    with zipfile.ZipFile(wheel) as whl:
        in_wheel = set(whl.namelist())
    missing = sorted(set(files) - in_sdist)
    assert not missing, 'the sdist %s lacks %s' % (top, missing)
    # Everything under the package is needed at run time (modules,
    # migrations, paste config, alembic's ini and template).
    missing = sorted({name for name in files
                      if name.startswith('minicompute/')} - in_wheel)
    assert not missing, 'the wheel lacks %s' % missing
    for needed in ('minicompute/db/migrations/env.py',
                   'minicompute/db/migrations/alembic.ini',
                   'minicompute/etc/api-paste.ini'):
        assert needed in in_wheel, needed
    samples = {name.rsplit('/', 1)[-1] for name in in_wheel
               if '.data/data/etc/minicompute/' in name}
    assert {'minicompute.conf.sample', 'policy.yaml.sample',
            'api-paste.ini'} <= samples, samples


def _install(wheel: pathlib.Path, where: pathlib.Path) -> pathlib.Path:
    """A fresh venv (no system site-packages, no access to the tree's
    venv) with the wheel and its dependencies from the package index
    (pip's cache keeps this at about half a minute)."""
    venv.EnvBuilder(with_pip=True, clear=True).create(where)
    bin_dir = where / 'bin'
    _run([bin_dir / 'pip', 'install', '-q', wheel], cwd=where, timeout=600)
    return bin_dir


def _write_config(run_dir: pathlib.Path, port: int) -> pathlib.Path:
    conf = run_dir / 'minicompute.conf'
    conf.write_text(f"""[DEFAULT]
host = pkg-{os.getpid()}
state_path = {run_dir}/state
osapi_compute_listen_port = {port}
report_interval = 1

[database]
connection = sqlite:///{run_dir}/minicompute.sqlite
""")
    return conf


def _check_all_in_one(bin_dir: pathlib.Path, conf: pathlib.Path,
                      run_dir: pathlib.Path, port: int) -> None:
    log = open(run_dir / 'all.log', 'w')
    proc = subprocess.Popen([bin_dir / 'minicompute-all', '--config-file',
                             conf], cwd=run_dir, stdout=log,
                            stderr=subprocess.STDOUT, start_new_session=True)
    endpoint = 'http://127.0.0.1:%d' % port
    try:
        api_client.wait_for(
            lambda: proc.poll() is not None or
            daemons.port_open('127.0.0.1', port), timeout=90)
        assert proc.poll() is None, (run_dir / 'all.log').read_text()
        import requests
        versions = requests.get(endpoint + '/', timeout=10).json()
        assert versions['versions'][0]['id'] == 'v2.1', versions
        client = api_client.ApiClient(endpoint + '/v2.1', 'demo:demo')
        server = client.create_server('from-the-wheel',
                                      client.first_image_id(), '42')
        server_id = server['server']['id']
        api_client.wait_for_state(client, server_id, 'ACTIVE')
        client.delete('/servers/%s' % server_id, expect=204)
        api_client.wait_until_deleted(client, server_id)
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
        try:
            code = proc.wait(60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            code = 'killed'
        log.close()
    assert code == 0, (code, (run_dir / 'all.log').read_text()[-5000:])


@pytest.mark.integration
@pytest.mark.timeout(900)
def test_wheel_installed_outside_the_tree_runs(tmp_path):
    run_dir = tmp_path / 'run'
    run_dir.mkdir()
    started = time.monotonic()
    files = _source_files()
    sdist, wheel = _build(files, tmp_path)
    _check_contents(files, sdist, wheel)
    bin_dir = _install(wheel, tmp_path / 'venv')
    # Nothing may come from the tree: run from elsewhere, with no
    # PYTHONPATH, and make sure the venv's minicompute is the wheel's.
    env = {k: v for k, v in os.environ.items() if k != 'PYTHONPATH'}
    where = _run([bin_dir / 'python', '-c',
                  'import minicompute; print(minicompute.__file__)'],
                 cwd=run_dir, env=env)
    assert str(tmp_path / 'venv') in where, where

    port = daemons.free_port()
    conf = _write_config(run_dir, port)
    out = _run([bin_dir / 'minicompute-manage', '--config-file', conf,
                'db', 'sync'], cwd=run_dir, env=env)
    assert 'Database schema is at 0' in out, out

    scripts = json.loads(_run([bin_dir / 'python', '-c', _LIST_SCRIPTS],
                              cwd=run_dir, env=env))
    assert 'minicompute-all' in scripts and 'minicompute-manage' in scripts
    for script in scripts:
        out = _run([bin_dir / script, '--help'], cwd=run_dir, env=env,
                   timeout=60)
        assert out.lower().startswith('usage:'), (script, out)

    _check_all_in_one(bin_dir, conf, run_dir, port)
    print('wheel test: %.1f s' % (time.monotonic() - started))
