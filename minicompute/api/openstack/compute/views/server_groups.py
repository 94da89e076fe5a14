"""Server group bodies as Nova's API reference gives them at 2.1."""


def show(request, group) -> dict:
    return {'id': group.uuid, 'name': group.name,
            'policies': group.policies, 'members': list(group.members),
            'metadata': {}}
