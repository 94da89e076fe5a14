"""The compute host's late server group check (compute/group_policy.py)."""
import uuid

import pytest

from minicompute import exception, objects
from minicompute.compute import group_policy
from minicompute.db import api as db_api
from minicompute.db import groups_api


def _instance(host, vm_state='building'):
    row = db_api.instance_create({'uuid': str(uuid.uuid4()), 'host': host,
                                  'vm_state': vm_state})
    return objects.Instance(uuid=row.uuid)


def _spec(group_uuid):
    group = objects.InstanceGroup.get_by_uuid(None, group_uuid)
    return objects.RequestSpec(instance_group=group,
                               scheduler_hints={'group': [group_uuid]})


def _group(policy, instances, rules=None):
    return groups_api.group_create({'policy': policy,
                                    'rules': rules or {}},
                                   [i.uuid for i in instances])['uuid']


def test_anti_affinity_of_two_racing_builds_keeps_one(db, ctx):
    first, second = _instance('h1'), _instance('h1')
    spec = _spec(_group('anti-affinity', [first, second]))

    group_policy.validate(ctx, 'h1', first, spec)
    with pytest.raises(exception.RescheduledException) as raised:
        group_policy.validate(ctx, 'h1', second, spec)

    assert 'Anti-affinity instance group policy was violated' in str(
        raised.value)


@pytest.mark.parametrize('other_state, rules, passes', [
    ('active', None, False),
    ('error', None, False),
    # Still building and not checked here yet: it will see this one.
    ('building', None, True),
    ('active', {'max_server_per_host': '2'}, True),
])
def test_anti_affinity_counts_settled_members(db, ctx, other_state, rules,
                                              passes):
    other, mine = _instance('h1', other_state), _instance('h1')
    spec = _spec(_group('anti-affinity', [other, mine], rules))

    if passes:
        group_policy.validate(ctx, 'h1', mine, spec)
    else:
        with pytest.raises(exception.RescheduledException):
            group_policy.validate(ctx, 'h1', mine, spec)


@pytest.mark.parametrize('other_host, passes', [
    ('h1', True), ('h2', False), (None, True),
])
def test_affinity(db, ctx, other_host, passes):
    other, mine = _instance(other_host, 'active'), _instance('h1')
    spec = _spec(_group('affinity', [other, mine]))

    if passes:
        group_policy.validate(ctx, 'h1', mine, spec)
    else:
        with pytest.raises(exception.RescheduledException) as raised:
            group_policy.validate(ctx, 'h1', mine, spec)
        assert 'Affinity instance group policy' in str(raised.value)


@pytest.mark.parametrize('policy', ['soft-affinity', 'soft-anti-affinity'])
def test_soft_policies_are_not_checked(db, ctx, policy):
    other, mine = _instance('h1', 'active'), _instance('h1')
    group_policy.validate(ctx, 'h1', mine,
                          _spec(_group(policy, [other, mine])))


def test_no_group(db, ctx):
    group_policy.validate(ctx, 'h1', _instance('h1'),
                          objects.RequestSpec(scheduler_hints={}))
