"""Per-project quota overrides and key pairs in the database
(quotas_api, keypairs_api) and the limits compute/quota.py derives."""
import pytest

from minicompute import exception
from minicompute.compute import quota
from minicompute.db import keypairs_api, quotas_api


def test_overrides_replace_defaults_per_project(conf, db):
    conf.set_override('instances', 7, group='quota')
    quotas_api.quota_set('p1', {'instances': 3, 'cores': 4})
    quotas_api.quota_set('p1', {'instances': 5})

    assert quotas_api.quota_get_all_by_project('p1') == {'instances': 5,
                                                          'cores': 4}
    limits = quota.get_limits(conf, 'p1')
    assert (limits['instances'], limits['cores'], limits['ram']) == \
        (5, 4, conf.quota.ram)
    assert quota.get_limits(conf, 'p2')['instances'] == 7
    assert set(limits) == set(quota.RESOURCES)

    quotas_api.quota_destroy_all_by_project('p1')
    assert quota.get_limits(conf, 'p1') == quota.get_defaults(conf)


def test_defaults_follow_conf_and_network_quotas_are_unlimited(conf):
    conf.set_override('injected_file_path_length', 99, group='quota')
    defaults = quota.get_defaults(conf)
    assert defaults['injected_file_path_bytes'] == 99
    assert defaults['floating_ips'] == defaults['security_groups'] == -1


def test_project_override_applies_to_instance_check(conf, db, ctx):
    quotas_api.quota_set(ctx.project_id, {'instances': 2})

    class Flavor:
        vcpus = 1
        memory_mb = 64

    assert quota.check_instances(conf, ctx, Flavor, 1, 5) == 2
    quotas_api.quota_set(ctx.project_id, {'instances': 0})
    with pytest.raises(exception.TooManyInstances):
        quota.check_instances(conf, ctx, Flavor, 1, 5)


def test_metadata_uses_project_override(conf, db):
    quotas_api.quota_set('p1', {'metadata_items': 1})
    quota.check_metadata(conf, {'a': '1'}, 'p1')
    with pytest.raises(exception.Forbidden):
        quota.check_metadata(conf, {'a': '1', 'b': '2'}, 'p1')
    quota.check_metadata(conf, {'a': '1', 'b': '2'}, 'p2')


def test_key_pairs_are_per_user(db):
    values = {'fingerprint': 'f', 'public_key': 'k', 'type': 'ssh'}
    keypairs_api.key_pair_create(dict(values, name='b', user_id='u1'))
    keypairs_api.key_pair_create(dict(values, name='a', user_id='u1'))
    keypairs_api.key_pair_create(dict(values, name='a', user_id='u2'))
    with pytest.raises(exception.KeyPairExists):
        keypairs_api.key_pair_create(dict(values, name='a', user_id='u1'))

    assert [k['name'] for k in
            keypairs_api.key_pair_get_all_by_user('u1')] == ['a', 'b']
    assert keypairs_api.key_pair_count_by_user('u1') == 2
    assert quota.get_usages('p', 'u1')['key_pairs'] == 2
    assert quota.get_usages('p')['key_pairs'] == 0
    keypairs_api.key_pair_destroy('u1', 'a')
    assert keypairs_api.key_pair_get('u2', 'a')['user_id'] == 'u2'
    with pytest.raises(exception.KeypairNotFound):
        keypairs_api.key_pair_destroy('u1', 'a')
