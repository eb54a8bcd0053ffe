"""Records chosen by need: a fates-only record is the full record's last day, and the fates are the same."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from longwalk.engine import simulate
from longwalk.engine.plan import plan_journey
from longwalk.engine.records import CONDITION_BITS
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


def test_causes_level_is_the_fates_without_their_chains(way_back):
    """``incidents="causes"`` gives the same fates, deaths with the same causes, and no chain of facts; the chains
    of the ``"fates"`` level are there (deaths on this walk tell how they came)."""
    sc, plan = way_back
    ids = np.arange(20, 60)
    told = simulate(sc, seed=5, run_ids=ids, plan=plan, incidents="fates", record="fates")
    bare = simulate(sc, seed=5, run_ids=ids, plan=plan, incidents="causes", record="fates")
    assert [[(x.status, x.day, x.cause, x.lat, x.lon, x.place) for x in row] for row in bare.fates] == \
        [[(x.status, x.day, x.cause, x.lat, x.lon, x.place) for x in row] for row in told.fates]
    deaths = [x for row in told.fates for x in row if x.cause]
    assert len(deaths) > 20 and all(x.chain for x in deaths)
    assert not any(x.chain for row in bare.fates for x in row)
    np.testing.assert_array_equal(bare.onsets, told.onsets)


def test_onsets_are_those_of_the_full_records_flags(way_back):
    """The conditions' onsets counted as the engine goes equal those counted from the full day record by hand (a
    bit set on a day it was not set the day before), and a fates-only record counts the same."""
    sc, plan = way_back
    ids = np.arange(0, 40)
    full = simulate(sc, seed=4, run_ids=ids, plan=plan, incidents="fates")
    lean = simulate(sc, seed=4, run_ids=ids, plan=plan, incidents="fates", record="fates")
    flags = full.daily.flags
    by_hand = np.zeros_like(full.onsets)
    for r in range(flags.shape[0]):
        for p in range(flags.shape[2]):
            for i, bit in enumerate(CONDITION_BITS):
                before = False
                for d in range(flags.shape[1]):
                    now = bool(flags[r, d, p] & int(bit))
                    by_hand[r, p, i] += now and not before
                    before = now
    assert by_hand.sum() > 20  # injuries, illness, frostbite... happen on this walk
    np.testing.assert_array_equal(full.onsets, by_hand)
    np.testing.assert_array_equal(lean.onsets, by_hand)


def test_unknown_record_level_is_refused(way_back):
    sc, plan = way_back
    with pytest.raises(InputError, match="record must be one of"):
        simulate(sc, plan=plan, record="everything")


def test_fate_arrays_are_the_fates_and_the_fate_table_reads_either(way_back):
    """The engine's fates as arrays hold what each Fate holds (status, day, cause, place where it ended), and an
    ensemble's fate table built from them equals the one built from the Fate objects."""
    from longwalk.engine.records import Status
    from longwalk.ensemble.chunks import fate_table

    sc, plan = way_back
    ids = np.arange(100, 160)
    r = simulate(sc, seed=6, run_ids=ids, plan=plan, incidents="causes", record="fates")
    a = r.fate_arrays
    rows = [list(row) for row in r.fates]
    assert len(rows) == ids.size and r.fates == rows and r.fates[-1] == rows[-1] and r.fates[1:3] == rows[1:3]
    for name, value in (("status", lambda f: int(f.status)), ("day", lambda f: f.day), ("cause", lambda f: f.cause),
                        ("lat", lambda f: f.lat), ("lon", lambda f: f.lon)):
        assert getattr(a, name).tolist() == [[value(f) for f in row] for row in rows], name
    assert {Status(s) for s in a.status.ravel()} >= {Status.DEAD}  # deaths are among them
    assert all((k >= 0) == (f.day >= 0) for k, f in zip(a.final.ravel(), (f for row in rows for f in row), strict=True))
    waypoints = np.array([0.0, 1.5e6, 4e6, plan.track.x[-1]])
    assert fate_table(r, waypoints).equals(fate_table(dataclasses.replace(r, fate_arrays=None), waypoints))
