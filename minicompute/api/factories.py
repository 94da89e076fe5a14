"""PasteDeploy factories named by etc/minicompute/api-paste.ini."""
from oslo_middleware import request_id

from minicompute import conf as mc_conf
from minicompute.api import auth
from minicompute.api.openstack import router


def pipeline_factory_v21(loader, global_conf, **local_conf):
    """Pick the pipeline for ``[api] auth_strategy``."""
    pipeline = local_conf[mc_conf.CONF.api.auth_strategy].split()
    filters = [loader.get_filter(name) for name in pipeline[:-1]]
    app = loader.get_app(pipeline[-1])
    for app_filter in reversed(filters):
        app = app_filter(app)
    return app


def api_router_factory(global_conf, **local_conf):
    return router.APIRouter(mc_conf.CONF)


class ComputeReqIdMiddleware(request_id.RequestId):
    """Adds Nova's ``X-Compute-Request-Id`` beside X-OpenStack-Request-Id."""
    compat_headers = ['x-compute-request-id']


def request_id_filter_factory(global_conf, **local_conf):
    def _filter(app):
        return ComputeReqIdMiddleware(app)
    return _filter


def noauth2_filter_factory(global_conf, **local_conf):
    return auth.NoAuthMiddleware


def keystonecontext_filter_factory(global_conf, **local_conf):
    return auth.KeystoneContext


def faultwrap_filter_factory(global_conf, **local_conf):
    return auth.FaultWrapper


def sizelimit_filter_factory(global_conf, **local_conf):
    def _filter(app):
        return auth.SizeLimit(app, mc_conf.CONF.api.max_request_body_size)
    return _filter
