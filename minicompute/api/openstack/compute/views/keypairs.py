"""Key pair bodies as Nova's API reference gives them at 2.1."""

DATETIME_FORMAT = '%Y-%m-%dT%H:%M:%S.%f'


def _time(value):
    return value.strftime(DATETIME_FORMAT) if value else None


def create(keypair: dict, private_key: str | None = None) -> dict:
    body = {'name': keypair['name'], 'public_key': keypair['public_key'],
            'fingerprint': keypair['fingerprint'],
            'user_id': keypair['user_id']}
    if private_key is not None:
        body['private_key'] = private_key
    return body


def index_item(keypair: dict) -> dict:
    return {'keypair': {'name': keypair['name'],
                        'public_key': keypair['public_key'],
                        'fingerprint': keypair['fingerprint']}}


def show(keypair: dict) -> dict:
    # Key pairs are hard-deleted; Nova still shows the soft-delete fields.
    return {'name': keypair['name'], 'public_key': keypair['public_key'],
            'fingerprint': keypair['fingerprint'],
            'user_id': keypair['user_id'], 'id': keypair['id'],
            'created_at': _time(keypair['created_at']),
            'updated_at': _time(keypair['updated_at']),
            'deleted': False, 'deleted_at': None}
