"""Lake and river ice: Stefan's law by hand, decay, freeze-up delay by lake size, and Lake Baikal on the built-in
climate against its observed ice season."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from longwalk.atlas.ice import (
    BAIKAL_FREEZE_UP_FDD,
    ICE_DECAY_FACTOR,
    ice_cover,
    ice_thickness_series,
    lake_area,
    lake_freeze_up_fdd,
)
from longwalk.errors import DataError, InputError

BAIKAL = (53.5, 108.0, 456.0)  # middle of the lake; water surface 456 m


def test_stefan_growth_by_hand():
    # -5 °C for 60 days after open water: h = a sqrt(FDD) = 0.02 sqrt(300) = 0.3464 m (Stefan's law, a = 2 cm)
    temps = np.concatenate([np.full(60, -5.0), np.full(305, 10.0)])[None]
    h = ice_thickness_series(temps, cycles=1)
    assert h[0, 59] == pytest.approx(0.02 * np.sqrt(300.0), rel=1e-9)
    # then +10 °C decays it by b * 10 a day: gone after ceil(0.3464 / 0.1) = 4 days
    assert h[0, 60] == pytest.approx(0.3464 - 10 * ICE_DECAY_FACTOR, abs=1e-4)
    assert h[0, 63] == 0.0 and h[0, 62] > 0.0


def test_heat_storage_delays_freeze_up():
    temps = np.full((1, 365), -5.0)
    h0 = ice_thickness_series(temps, freeze_up_fdd=0.0, cycles=1)
    h1 = ice_thickness_series(temps, freeze_up_fdd=100.0, cycles=1)
    assert h0[0, 0] > 0 and h1[0, 19] == 0.0 and h1[0, 20] > 0.0  # 100 °C day at 5 °C day-1 takes 20 days
    with pytest.raises(InputError, match="freeze_up_fdd"):
        ice_thickness_series(temps, freeze_up_fdd=-1.0)


class Sinusoid:
    def __init__(self, mean, amplitude):
        self.mean, self.amplitude = mean, amplitude

    def daily_normals(self, lat, lon, elevation, day_of_year):
        doy = np.asarray(day_of_year, dtype=float)
        t = self.mean + self.amplitude * np.cos(2 * np.pi * (doy - 196) / 365)
        return SimpleNamespace(air_temperature_mean=np.broadcast_to(t, np.broadcast(lat, doy).shape))


def test_warm_climates_never_freeze_and_rivers_grow_thinner_ice():
    h, frozen = ice_cover([20.0, 60.0], 100.0, 0.0, "2023-02-15", climatology=Sinusoid(5.0, 20.0))
    assert frozen.all()
    h_warm, frozen_warm = ice_cover(25.0, 80.0, 0.0, "2023-02-15", climatology=Sinusoid(20.0, 8.0))
    assert not frozen_warm and h_warm == 0.0
    h_river, _ = ice_cover(60.0, 100.0, 0.0, "2023-02-15", climatology=Sinusoid(5.0, 20.0), water="river")
    assert h_river == pytest.approx(h[1] * 0.015 / 0.020, rel=1e-6)  # the coefficient ratio of Stefan's law
    with pytest.raises(InputError, match="water"):
        ice_cover(60.0, 100.0, 0.0, "2023-02-15", climatology=Sinusoid(5.0, 20.0), water="sea")


def _builtin():
    from longwalk.atlas.climate import builtin_climate

    try:
        return builtin_climate()
    except DataError as err:  # the fitted coefficients are built by tools/fit_climate.py
        pytest.skip(f"built-in climate not available: {err}")


def test_baikal_frozen_in_march_open_in_august():
    climate = _builtin()
    h, frozen = ice_cover(*BAIKAL, ["2023-03-15", "2023-08-15"], climatology=climate)
    assert frozen.tolist() == [True, False]
    # March ice on Baikal is typically 0.7-1.2 m thick (Kouraev et al. 2007, Limnol. Oceanogr. 52, 1268-1286)
    assert 0.5 < h[0] < 1.4


def test_baikal_break_up_in_may():
    climate = _builtin()
    dates = np.arange("2023-04-01", "2023-07-01", dtype="datetime64[D]")
    _, frozen = ice_cover(*BAIKAL, dates, climatology=climate)
    last_ice = dates[np.nonzero(frozen)[0].max()]
    assert np.datetime64("2023-05-01") <= last_ice <= np.datetime64("2023-06-10")


def test_lake_areas_from_the_atlas_mask_match_published_areas():
    # Lake Baikal 31,722 km2 and Khövsgöl 2,760 km2 (published surface areas); a 5' mask resolves them to a few %
    area = lake_area([53.5, 51.0, 60.0], [108.0, 100.5, 100.0])
    assert area[0] == pytest.approx(31_722, rel=0.05)
    assert area[1] == pytest.approx(2_760, rel=0.10)
    assert area[2] == 0.0  # the taiga west of Baikal: no lake
    assert lake_area(51.87, 104.83) == area[0]  # Listvyanka, on the shore: the lake next to it


def test_freeze_up_deficit_scales_with_the_fourth_root_of_area():
    # F = F_Baikal (A / A_Baikal)^(1/4): 16 times smaller, half the deficit; no lake, none
    np.testing.assert_allclose(lake_freeze_up_fdd([31_500.0, 31_500.0 / 16, 0.0]),
                               [BAIKAL_FREEZE_UP_FDD, BAIKAL_FREEZE_UP_FDD / 2, 0.0])


def test_default_deficit_is_the_lakes_and_rivers_get_none():
    climate = Sinusoid(-2.0, 20.0)
    date = "2024-01-10"
    h_default, _ = ice_cover(*BAIKAL, date, climatology=climate)
    h_explicit, _ = ice_cover(*BAIKAL, date, climatology=climate,
                              freeze_up_fdd=lake_freeze_up_fdd(lake_area(*BAIKAL[:2])))
    h_shallow, _ = ice_cover(*BAIKAL, date, climatology=climate, freeze_up_fdd=0.0)
    assert h_default == h_explicit and h_default < h_shallow
    h_river, _ = ice_cover(*BAIKAL, date, climatology=climate, water="river")
    assert h_river == pytest.approx(h_shallow * 0.015 / 0.020, rel=1e-6)  # a river pays no deficit


def test_baikal_freezes_in_december_or_january():
    # Observed: late December in the north, January in the south; "usually January" (Lake Baikal: atlas, Irkutsk
    # 2005, p. 57); the whole lake by 15-20 January.  BAIKAL_FREEZE_UP_FDD was set from this observation, so this
    # guards that setting; March ice, August water and the May break-up above are independent checks.
    climate = _builtin()
    dates = np.arange("2023-09-01", "2024-03-01", dtype="datetime64[D]")
    _, frozen = ice_cover(*BAIKAL, dates, climatology=climate)
    first_ice = dates[np.nonzero(frozen)[0].min()]
    assert np.datetime64("2023-12-15") <= first_ice <= np.datetime64("2024-01-31")
    assert frozen[dates >= first_ice].all()  # and it stays frozen through the winter
    # with no heat storage the same model froze the lake in October, two months early
    _, frozen0 = ice_cover(*BAIKAL, dates, climatology=climate, freeze_up_fdd=0.0)
    assert dates[np.nonzero(frozen0)[0].min()] < np.datetime64("2023-11-15")


def _series_numpy(t, start, deficit_max, coefficient, decay_factor=ICE_DECAY_FACTOR, cycles=2):
    """The array form of the model (all points advanced together, numpy operations): the implementation the
    compiled kernel replaced, kept here as the independent reference."""
    n, days = t.shape
    rows = np.arange(n)
    h = np.zeros(n)
    paid = np.zeros(n)
    out = np.empty((n, days))
    for step in range(cycles * days):
        d = (start + step) % days
        temp = t[rows, d]
        frost = np.maximum(-temp, 0.0)
        thaw = np.maximum(temp, 0.0)
        to_deficit = np.minimum(frost, deficit_max - paid)
        paid = np.clip(paid + to_deficit - np.where(h > 0, 0.0, thaw), 0.0, deficit_max)
        growth = frost - to_deficit
        h = np.sqrt(h * h + coefficient * coefficient * growth)
        h = np.maximum(h - decay_factor * thaw, 0.0)
        if step >= (cycles - 1) * days:
            out[rows, d] = h
    return out


def test_compiled_series_equals_the_array_form_bit_for_bit():
    rng = np.random.default_rng(7)
    n = 300
    doy = np.arange(365)
    # seasonal cycles from tropical to arctic, with day-to-day noise and some exact zeros
    mean = rng.uniform(-20.0, 25.0, n)[:, None]
    amp = rng.uniform(0.0, 25.0, n)[:, None]
    t = mean + amp * np.cos(2 * np.pi * (doy - rng.integers(0, 365, n)[:, None]) / 365) + rng.normal(0, 2, (n, 365))
    t[rng.random((n, 365)) < 0.02] = 0.0
    start = np.argmax(t, axis=1)
    deficit = np.where(rng.random(n) < 0.3, 0.0, rng.uniform(0.0, 1200.0, n))
    for coefficient in (0.020, 0.015):
        fast = ice_thickness_series(t, start=start, freeze_up_fdd=deficit, coefficient=coefficient)
        ref = _series_numpy(t, start, deficit, coefficient)
        np.testing.assert_array_equal(fast, ref)
        assert (ref > 0).any() and (ref == 0).any()
    with pytest.raises(InputError, match="NaN"):
        ice_thickness_series(np.full((1, 365), np.nan))


def test_temperature_shortcut_equals_the_climatologys_daily_normals():
    from longwalk.atlas.ice import _daily_mean_temperature

    climate = _builtin()
    rng = np.random.default_rng(11)
    lat, lon, z = rng.uniform(25, 65, 200), rng.uniform(75, 135, 200), rng.uniform(0, 4000, 200)
    fast = _daily_mean_temperature(climate, lat, lon, z)
    ref = climate.daily_normals(lat[:, None], lon[:, None], z[:, None], np.arange(1, 366)[None, :])
    np.testing.assert_array_equal(fast, ref.air_temperature_mean)
    # a climatology of its own is asked through daily_normals
    np.testing.assert_array_equal(_daily_mean_temperature(Sinusoid(0.0, 10.0), lat[:2], lon[:2], z[:2])[:, 195],
                                  [10.0, 10.0])
