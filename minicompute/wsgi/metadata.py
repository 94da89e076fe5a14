"""WSGI entry point of the metadata service for uwsgi/gunicorn:
``minicompute.wsgi.metadata:application``.

Reads the config files named by ``MINICOMPUTE_CONFIG_FILES`` (comma
separated; default /etc/minicompute/minicompute.conf).
"""
import os

from minicompute.cmd import common
from minicompute.metadata import handler

_files = os.environ.get('MINICOMPUTE_CONFIG_FILES',
                        '/etc/minicompute/minicompute.conf')
_conf = common.prepare(['minicompute-metadata'] + [
    arg for path in _files.split(',') if path and os.path.exists(path)
    for arg in ('--config-file', path)], service='api')
application = handler.MetadataRequestHandler(_conf)
