"""Quota checks counted from the instances in the database at request time
(minicompute/compute/quota.py)."""
import types

import pytest

from minicompute import exception
from minicompute.compute import quota
from minicompute.db import api as db_api


def _flavor(vcpus=2, memory_mb=1024):
    return types.SimpleNamespace(vcpus=vcpus, memory_mb=memory_mb)


def _limits(conf, instances=10, cores=20, ram=10240):
    for name, value in (('instances', instances), ('cores', cores),
                        ('ram', ram)):
        conf.set_override(name, value, group='quota')


def _use(project, count, vcpus=2, memory_mb=1024):
    for _ in range(count):
        db_api.instance_create({'project_id': project, 'vcpus': vcpus,
                                'memory_mb': memory_mb})


@pytest.mark.parametrize('limits, used, flavor, min_count, max_count, '
                         'allowed', [
    # Nothing used: max_count fits.
    ({}, 0, {}, 1, 5, 5),
    # instances: 10 - 8 used = 2.
    ({}, 8, {'vcpus': 1, 'memory_mb': 1}, 1, 5, 2),
    # cores: (20 - 16) // 2 = 2.
    ({}, 8, {}, 1, 5, 2),
    # ram: (10240 - 4096) // 4096 = 1.
    ({}, 4, {'vcpus': 1, 'memory_mb': 4096}, 1, 5, 1),
    # The tightest resource wins.
    ({'instances': 4, 'cores': 100, 'ram': 100000}, 1, {}, 1, 10, 3),
    # Exactly min_count fits.
    ({}, 9, {'vcpus': 1, 'memory_mb': 1}, 1, 1, 1),
    # -1 is unlimited, for each resource separately.
    ({'instances': -1, 'cores': -1, 'ram': -1}, 50, {}, 1, 1000, 1000),
    ({'instances': -1, 'cores': 10, 'ram': -1}, 3, {}, 1, 100, 2),
    # A zero-sized resource never limits.
    ({'cores': 0}, 0, {'vcpus': 0}, 1, 3, 3),
])
def test_reduces_to_what_fits(conf, db, ctx, limits, used, flavor,
                              min_count, max_count, allowed):
    _limits(conf, **limits)
    _use(ctx.project_id, used)

    assert quota.check_instances(conf, ctx, _flavor(**flavor), min_count,
                                 max_count) == allowed


@pytest.mark.parametrize('limits, used, flavor, min_count, kwargs', [
    ({}, 10, {'vcpus': 1, 'memory_mb': 1}, 1,
     {'overs': 'instances', 'req': 1, 'used': 10, 'allowed': 10}),
    ({}, 9, {'vcpus': 1, 'memory_mb': 1}, 2,
     {'overs': 'instances', 'req': 2, 'used': 9, 'allowed': 10}),
    ({'instances': 100}, 9, {}, 2,
     {'overs': 'cores', 'req': 4, 'used': 18, 'allowed': 20}),
    # Several resources over: the first one checked is reported.
    ({}, 9, {}, 2,
     {'overs': 'instances', 'req': 2, 'used': 9, 'allowed': 10}),
    ({'cores': 100}, 0, {'vcpus': 1, 'memory_mb': 20480}, 1,
     {'overs': 'ram', 'req': 20480, 'used': 0, 'allowed': 10240}),
    # Zero quota refuses even one.
    ({'instances': 0}, 0, {}, 1,
     {'overs': 'instances', 'req': 1, 'used': 0, 'allowed': 0}),
])
def test_raises_below_min_count(conf, db, ctx, limits, used, flavor,
                                min_count, kwargs):
    _limits(conf, **limits)
    _use(ctx.project_id, used)

    with pytest.raises(exception.TooManyInstances) as raised:
        quota.check_instances(conf, ctx, _flavor(**flavor), min_count, 10)

    assert raised.value.kwargs == kwargs
    assert raised.value.code == 403
    assert str(raised.value) == (
        'Quota exceeded for %(overs)s: Requested %(req)s, but already used '
        '%(used)s of %(allowed)s %(overs)s' % kwargs)


def test_other_projects_and_deleted_instances_do_not_count(conf, db, ctx):
    _limits(conf, instances=3)
    _use('someone-else', 5)
    _use(ctx.project_id, 1)
    doomed = db_api.instance_create({'project_id': ctx.project_id,
                                     'vcpus': 2, 'memory_mb': 1024})
    db_api.instance_destroy(doomed.uuid)

    assert quota.check_instances(conf, ctx, _flavor(), 1, 10) == 2


@pytest.mark.parametrize('limit, items, ok', [
    (3, 3, True),
    (3, 4, False),
    (0, 1, False),
    (0, 0, True),
    (-1, 500, True),
])
def test_metadata_items(conf, limit, items, ok):
    conf.set_override('metadata_items', limit, group='quota')
    metadata = {'k%d' % i: 'v' for i in range(items)}

    if ok:
        quota.check_metadata(conf, metadata)
    else:
        with pytest.raises(exception.Forbidden) as raised:
            quota.check_metadata(conf, metadata)
        assert str(raised.value) == (
            'Quota exceeded for metadata_items: Requested %d, but the '
            'limit is %d' % (items, limit))
