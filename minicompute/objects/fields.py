"""Field types: oslo.versionedobjects' plus minicompute's own."""
from oslo_versionedobjects.fields import *  # noqa: F401,F403
