"""The cached ice calendar equals the ice model evaluated date by date (``longwalk.atlas.ice.ice_cover``)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from longwalk.routing import seasonal_state, seasons
from longwalk.routing.seasons import BREAKUP_FLOOD_DAYS, WALKABLE_ICE, ice_calendar

# the same dates in leap and common years, the turn of the year, 29 February, Baikal's freeze-up (January),
# the break-up and spring flood of the rivers (April-June), midsummer and the autumn freeze (October-November)
DATES = [dt.date(1941, 1, 1), dt.date(1941, 1, 12), dt.date(1940, 2, 29), dt.date(1941, 3, 15),
         dt.date(1941, 4, 20), dt.date(1941, 5, 10), dt.date(1941, 5, 25), dt.date(1941, 6, 12),
         dt.date(1941, 8, 15), dt.date(1941, 10, 25), dt.date(1941, 11, 20), dt.date(1940, 12, 31)]


@pytest.fixture(scope="module")
def baikal():
    atlas_mod = pytest.importorskip("longwalk.atlas")
    return atlas_mod.load_atlas((50.5, 56.5, 102.5, 110.5))


def _reference(atlas, rows, cols, water, dates):
    """Walkable ice straight from ice_cover for every (cell, date) pair: (cells, dates) bool."""
    from longwalk.atlas.ice import ice_cover

    lat, lon = atlas.grid.lat[rows], atlas.grid.lon[cols]
    z = atlas.elevation[rows, cols].astype(float)
    d = np.array([np.datetime64(x, "D") for x in dates])
    h, _ = ice_cover(lat[:, None], lon[:, None], z[:, None], d[None, :], water=water)
    return np.asarray(h) >= WALKABLE_ICE


def test_calendar_equals_ice_cover_on_sampled_cells_and_dates(baikal, tmp_path, monkeypatch):
    monkeypatch.setenv("LONGWALK_CACHE", str(tmp_path))
    a = baikal
    lat, lon = np.asarray(a.grid.lat), np.asarray(a.grid.lon)
    cal = ice_calendar(lat, lon, a.elevation, a.surface, a.river_class)
    rng = np.random.default_rng(20261126)
    lr, lc = np.nonzero(a.surface == 2)
    rr, rc = np.nonzero((a.river_class > 0) & (a.surface != 2))
    li = rng.choice(lr.size, size=min(200, lr.size), replace=False)
    ri = rng.choice(rr.size, size=min(200, rr.size), replace=False)
    before = [d - dt.timedelta(days=BREAKUP_FLOOD_DAYS) for d in DATES]
    lake_ref = _reference(a, lr[li], lc[li], "lake", DATES)
    river_now = _reference(a, rr[ri], rc[ri], "river", DATES)
    river_before = _reference(a, rr[ri], rc[ri], "river", before)
    river_ref = np.where(river_now, 1, np.where(river_before, 2, 0))
    for k, d in enumerate(DATES):
        lake_frozen, river_state = cal.state(d)
        np.testing.assert_array_equal(lake_frozen[lr[li], lc[li]], lake_ref[:, k], err_msg=str(d))
        np.testing.assert_array_equal(river_state[rr[ri], rc[ri]], river_ref[:, k], err_msg=str(d))
        assert not lake_frozen[a.surface != 2].any() and not river_state[a.river_class == 0].any()
    # the comparison saw every state: frozen and open lake, frozen, open and flooded rivers
    assert lake_ref.any() and not lake_ref.all()
    assert {0, 1, 2} <= set(np.unique(river_ref).tolist())


def test_seasonal_state_uses_the_cache_and_matches_a_fresh_build(baikal, tmp_path, monkeypatch):
    monkeypatch.setenv("LONGWALK_CACHE", str(tmp_path))
    a = baikal
    lat, lon = np.asarray(a.grid.lat), np.asarray(a.grid.lon)
    seasons._memory.clear()
    lf, rs, note = seasonal_state(lat, lon, a.elevation, a.surface, a.river_class, dt.date(1941, 3, 15))
    assert note is None
    files = list((tmp_path / "ice").glob("calendar-*.npz"))
    assert len(files) == 1
    seasons._memory.clear()  # the next call reads the file
    fresh = ice_calendar(lat, lon, a.elevation, a.surface, a.river_class, cache=False)
    for d in (dt.date(1941, 3, 15), dt.date(1941, 5, 25), dt.date(1941, 8, 15)):
        lf, rs, _ = seasonal_state(lat, lon, a.elevation, a.surface, a.river_class, d)
        lf0, rs0 = fresh.state(d)
        np.testing.assert_array_equal(lf, lf0)
        np.testing.assert_array_equal(rs, rs0)
    # a truncated cache file is rebuilt, not trusted
    seasons._memory.clear()
    files[0].write_bytes(b"not an npz")
    lf, _, _ = seasonal_state(lat, lon, a.elevation, a.surface, a.river_class, dt.date(1941, 3, 15))
    np.testing.assert_array_equal(lf, fresh.state(dt.date(1941, 3, 15))[0])
    # a different grid (one cell of lake turned to land) gets its own calendar
    surface = a.surface.copy()
    surface[np.nonzero(surface == 2)[0][0], np.nonzero(surface == 2)[1][0]] = 1
    seasonal_state(lat, lon, a.elevation, surface, a.river_class, dt.date(1941, 3, 15))
    assert len(list((tmp_path / "ice").glob("calendar-*.npz"))) == 2


def test_no_date_no_state():
    z = np.zeros((3, 3))
    assert seasonal_state(np.arange(3.0), np.arange(3.0), z, np.ones((3, 3), np.uint8), np.zeros((3, 3), np.uint8),
                          None) == (None, None, None)
