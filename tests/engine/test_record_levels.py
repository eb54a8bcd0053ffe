"""Records chosen by need: a fates-only record is the full record's last day, and the fates are the same."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from longwalk.engine import simulate
from longwalk.engine.plan import plan_journey
from longwalk.errors import InputError
from longwalk.scenario.loader import load_scenario


@pytest.fixture(scope="module")
def way_back():
    sc = load_scenario("the-way-back")
    return sc, plan_journey(sc)  # from the route cache


def test_fates_record_is_the_full_records_last_day(way_back):
    sc, plan = way_back
    ids = np.array([3, 17, 40, 41, 99, 150])  # a slice of a larger ensemble: runs end on different days
    full = simulate(sc, seed=2, run_ids=ids, plan=plan, incidents="fates")
    lean = simulate(sc, seed=2, run_ids=ids, plan=plan, incidents="fates", record="fates")
    assert lean.n_days == full.n_days
    for f in dataclasses.fields(full.daily):
        a, b = getattr(full.daily, f.name), getattr(lean.daily, f.name)
        assert b.shape[1] == 1
        np.testing.assert_array_equal(b, a[:, -1:], err_msg=f.name)
    assert [[(x.status, x.day, x.cause, x.lat, x.lon) for x in row] for row in lean.fates] == \
        [[(x.status, x.day, x.cause, x.lat, x.lon) for x in row] for row in full.fates]


def test_unknown_record_level_is_refused(way_back):
    sc, plan = way_back
    with pytest.raises(InputError, match="record must be one of"):
        simulate(sc, plan=plan, record="everything")
