"""Base rules the per-resource policies are written in terms of."""
from oslo_policy import policy

ADMIN = 'rule:context_is_admin'
PROJECT_MEMBER_OR_ADMIN = 'rule:project_member_or_admin'
ANY = '@'

rules = [
    policy.RuleDefault('context_is_admin', 'role:admin',
                       description='The admin role of any project.'),
    policy.RuleDefault('project_member_or_admin',
                       'rule:context_is_admin or '
                       'project_id:%(project_id)s',
                       description='Admins, or users of the project that '
                                   'owns the resource.'),
]


def list_rules():
    return rules
