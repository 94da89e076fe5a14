"""Server group bodies as Nova's API reference gives them per microversion.

- 2.1: id, name, policies (a one-item list), members, metadata (always {});
- 2.13: project_id and user_id;
- 2.64: policy and rules replace policies and metadata.
"""


def show(request, group) -> dict:
    body = {'id': group.uuid, 'name': group.name}
    if request.is_at_least('2.64'):
        body['policy'] = group.policy
        body['rules'] = group.typed_rules
    else:
        body['policies'] = group.policies
        body['metadata'] = {}
    body['members'] = list(group.members)
    if request.is_at_least('2.13'):
        body['project_id'] = group.project_id
        body['user_id'] = group.user_id
    return body
