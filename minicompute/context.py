"""The request context that travels with every API call and RPC message."""
from __future__ import annotations

from oslo_context import context as oslo_context
from oslo_utils import timeutils


class RequestContext(oslo_context.RequestContext):
    """Who is asking (user, project, roles) and the request id to log with.

    ``to_dict``/``from_dict`` carry it across RPC, so the request id of an API
    call appears in the conductor's, scheduler's and compute's logs too.
    """

    def __init__(self, user_id=None, project_id=None, is_admin=None,
                 roles=None, timestamp=None, **kwargs):
        kwargs.setdefault('user_id', user_id)
        kwargs.setdefault('project_id', project_id)
        roles = list(roles or [])
        if is_admin is None:
            is_admin = 'admin' in [r.lower() for r in roles]
        super().__init__(is_admin=is_admin, roles=roles, **kwargs)
        self.timestamp = timestamp or timeutils.utcnow()

    def to_dict(self) -> dict:
        values = super().to_dict()
        values.update({'user_id': self.user_id,
                       'project_id': self.project_id,
                       'roles': self.roles,
                       'timestamp': self.timestamp.isoformat()})
        return values

    @classmethod
    def from_dict(cls, values: dict) -> RequestContext:
        values = dict(values)
        timestamp = values.pop('timestamp', None)
        if isinstance(timestamp, str):
            timestamp = timeutils.parse_isotime(timestamp).replace(
                tzinfo=None)
        return super().from_dict(values, timestamp=timestamp,
                                 user_id=values.get('user_id'),
                                 project_id=values.get('project_id'),
                                 roles=values.get('roles'))

    def elevated(self) -> RequestContext:
        ctx = self.from_dict(self.to_dict())
        ctx.is_admin = True
        if 'admin' not in ctx.roles:
            ctx.roles.append('admin')
        return ctx


def get_admin_context() -> RequestContext:
    return RequestContext(user_id=None, project_id=None, is_admin=True,
                          roles=['admin'], overwrite=False)
