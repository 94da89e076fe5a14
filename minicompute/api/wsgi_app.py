"""Loads the Compute API WSGI application from its paste pipeline."""
from __future__ import annotations

import os

from paste import deploy

_PACKAGED_PASTE = os.path.join(os.path.dirname(os.path.dirname(__file__)),
                               'etc', 'api-paste.ini')


def find_paste_config(conf) -> str:
    name = conf.api.api_paste_config
    if os.path.isabs(name) and os.path.exists(name):
        return name
    found = conf.find_file(name)
    return os.path.abspath(found) if found else _PACKAGED_PASTE


def load_app(conf, name: str = 'osapi_compute'):
    return deploy.loadapp('config:%s' % find_paste_config(conf), name=name)
