"""WSGI entry point for uwsgi/gunicorn: ``minicompute.wsgi.api:application``.

Reads the config files named by ``MINICOMPUTE_CONFIG_FILES`` (comma
separated; default /etc/minicompute/minicompute.conf).
"""
import os

from minicompute.cmd import common

_files = os.environ.get('MINICOMPUTE_CONFIG_FILES',
                        '/etc/minicompute/minicompute.conf')
_conf = common.prepare(['minicompute-api'] + [
    arg for path in _files.split(',') if path and os.path.exists(path)
    for arg in ('--config-file', path)], service='api')
application = common.load_api_app(_conf)
