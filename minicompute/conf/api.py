"""[api] options: how the Compute API authenticates and pages."""
from oslo_config import cfg

from minicompute.conf import groups

api_group = cfg.OptGroup('api', title='API options',
                         help='Options for the Compute REST API.')

api_opts = [
    cfg.StrOpt('auth_strategy',
               default='keystone',
               choices=[('keystone', 'Validate tokens with keystone'),
                        ('noauth2', 'Development only: the token is '
                                    '"user:project"; user "admin" is admin')],
               help="""
How API requests are authenticated.

Related options:
* [keystone_authtoken] (used with ``keystone``)
"""),
    cfg.StrOpt('api_paste_config',
               default='api-paste.ini',
               help="""
PasteDeploy file that assembles the API pipeline; a relative name is looked
up next to the config files and then in the installed package.
"""),
    cfg.IntOpt('max_limit',
               default=1000, min=1,
               help="Largest number of items a list request returns."),
    cfg.IntOpt('max_request_body_size',
               default=114688, min=1,
               help="Largest request body, in bytes, the API accepts."),
]


def register_opts(conf: cfg.ConfigOpts) -> None:
    groups.register(conf, api_group, api_opts)


def list_opts():
    return {api_group: api_opts}
