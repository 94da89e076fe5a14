"""Chooses the concurrency backend before oslo.service/messaging load.

Native threads are the default, as in Nova. ``eventlet`` is opt-in, by
``[DEFAULT] concurrency_backend = eventlet`` in a config file named on the
command line or by ``MINICOMPUTE_CONCURRENCY_BACKEND=eventlet``; the process
is then monkey-patched here, before any other import.
"""
import configparser
import os
import sys
import warnings

ENV_VAR = 'MINICOMPUTE_CONCURRENCY_BACKEND'
_chosen = None


def _config_files(argv):
    files = []
    for index, arg in enumerate(argv):
        for flag in ('--config-file', '--config-dir'):
            value = None
            if arg == flag and index + 1 < len(argv):
                value = argv[index + 1]
            elif arg.startswith(flag + '='):
                value = arg.split('=', 1)[1]
            if value and flag == '--config-dir' and os.path.isdir(value):
                files.extend(os.path.join(value, name)
                             for name in sorted(os.listdir(value))
                             if name.endswith('.conf'))
            elif value:
                files.append(value)
    return files


def requested_backend(argv=None, environ=None) -> str:
    environ = os.environ if environ is None else environ
    if environ.get(ENV_VAR):
        return environ[ENV_VAR]
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read(_config_files(sys.argv if argv is None else argv))
    except (configparser.Error, UnicodeDecodeError):
        return 'threading'
    return parser.defaults().get('concurrency_backend', 'threading')


def init() -> str:
    """Select the backend once per process; returns its name."""
    global _chosen
    if _chosen is None:
        name = requested_backend()
        if name != 'eventlet':
            # futurist imports eventlet whenever it is installed; its
            # import-time deprecation notice is noise when it is not used.
            warnings.filterwarnings('ignore',
                                    message=r'\s*Eventlet is deprecated')
            warnings.filterwarnings('ignore',
                                    message='Using fork\\(\\) is a bad idea')
        from oslo_service import backend
        already = backend.get_backend_type()
        if already is not None:
            # A tool that imported oslo.messaging before minicompute (the
            # config generator, a WSGI host) already chose; keep its choice.
            _chosen = already.value
            return _chosen
        if name == 'eventlet':
            import eventlet
            eventlet.monkey_patch()
            backend.init_backend(backend.BackendType.EVENTLET)
        else:
            name = 'threading'
            backend.init_backend(backend.BackendType.THREADING)
        _chosen = name
    return _chosen
