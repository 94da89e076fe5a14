"""[DEFAULT] config drive options, under Nova's names (nova/conf/
configdrive.py keeps them in DEFAULT too): whether a guest gets a config
drive, and in what format."""
from oslo_config import cfg

configdrive_opts = [
    cfg.BoolOpt('force_config_drive',
                default=False,
                help="""
Give every new instance a config drive, whether or not its create request
asked for one (``config_drive``) or its image requires one
(``img_config_drive=mandatory``).

An instance built before this was set keeps what it had: a guest that
boots from the metadata service is not handed a drive on its next rebuild.

Related options:
* config_drive_format
"""),
    cfg.StrOpt('config_drive_format',
               default='iso9660',
               choices=[('iso9660', 'An ISO 9660 image (Rock Ridge and '
                                    'Joliet names) labelled config-2, '
                                    'attached as a CD-ROM')],
               help="""
The format of config drives.

Possible values:
* ``iso9660``: what cloud-init and Nova's guests read (Nova's ``vfat``,
  deprecated there, is not offered)

Related options:
* force_config_drive
"""),
]


def register_opts(conf: cfg.ConfigOpts) -> None:
    conf.register_opts(configdrive_opts)


def list_opts():
    return {'DEFAULT': configdrive_opts}
