"""Tests of longwalk.models.thermal against ISO 11079, JAG/TI 2001, pythermalcomfort and hand calculations."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from longwalk.models import thermal, water
from longwalk.models._validate import ModelRangeWarning


def test_iso11079_worked_example():
    # ISO 11079 annex example (physiology.md §4.1): IREQ_min 1.6, IREQ_neutral 1.9 clo
    assert round(float(thermal.required_insulation(-15.0, 0.55, 2.0, 175.0, 1.1)), 1) == 1.6
    assert round(float(thermal.required_insulation(-15.0, 0.55, 2.0, 175.0, 1.1, criterion="neutral")), 1) == 1.9


def test_ireq_matches_pythermalcomfort_on_a_grid():
    from pythermalcomfort.models import ireq

    ta = np.array([5.0, 0.0, -10.0, -20.0, -30.0, -40.0, -50.0])
    for met, ws, v in [(0.8, 0.0, 0.4), (1.0, 0.0, 3.0), (2.5, 1.1, 1.0), (4.0, 1.2, 8.0)]:
        ref = ireq(tdb=ta, tr=ta, vr=v, rh=70, met=met, clo=3.0, p=8, walk_sp=ws, limit_inputs=False,
                   round_output=False)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ModelRangeWarning)
            mine_min = thermal.required_insulation(ta, 0.7, v, met * 58.15, ws)
            mine_neu = thermal.required_insulation(ta, 0.7, v, met * 58.15, ws, criterion="neutral")
        np.testing.assert_allclose(mine_min, ref.ireq_min, atol=0.01)
        np.testing.assert_allclose(mine_neu, ref.ireq_neutral, atol=0.01)


def test_dle_matches_pythermalcomfort():
    from pythermalcomfort.models import ireq

    ta = np.array([0.0, -10.0, -20.0, -30.0, -40.0])
    ref = ireq(tdb=ta, tr=ta, vr=1.0, rh=70, met=0.8, clo=3.0, p=8, walk_sp=0.0, limit_inputs=False,
               round_output=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ModelRangeWarning)
        ir = thermal.resultant_insulation(3.0, 1.0, 0.0, 8.0)
        s = thermal.body_heat_storage_rate(ta, 0.7, 1.0, 0.8 * 58.15, ir)
    np.testing.assert_allclose(thermal.duration_limited_exposure(s), np.asarray(ref.dle_min, float), rtol=1e-3)


@settings(deadline=None)
@given(st.floats(-60.0, 10.0), st.floats(0.1, 30.0), st.floats(0.4, 15.0), st.floats(40.0, 300.0))
def test_colder_never_needs_less_insulation(t, dt, v, met):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ModelRangeWarning)
        warm = thermal.required_insulation(t, 0.6, v, met)
        cold = thermal.required_insulation(t - dt, 0.6, v, met)
    assert float(cold) >= float(warm) - 1e-6


@settings(deadline=None)
@given(st.floats(-50.0, 5.0), st.floats(0.0, 10.0), st.floats(0.1, 15.0))
def test_colder_night_never_smaller_debt(t, dt, insulation):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ModelRangeWarning)
        s_warm = thermal.body_heat_storage_rate(t, 0.6, 0.4, 41.0, insulation)
        s_cold = thermal.body_heat_storage_rate(t - dt, 0.6, 0.4, 41.0, insulation)
    assert thermal.night_heat_debt(s_cold, 1.8, 10.0) >= thermal.night_heat_debt(s_warm, 1.8, 10.0)
    assert thermal.shivering_energy(s_cold, 1.8, 10.0) >= thermal.shivering_energy(s_warm, 1.8, 10.0)


def test_sleeping_out_needs_a_bag_below_freezing():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ModelRangeWarning)
        # physiology.md §4.1 table: sleeping 0.8 met at -20 °C needs IREQ_min ≈ 8.2 clo
        assert float(thermal.required_insulation(-20.0, 0.7, 1.0, 0.8 * 58.15)) == pytest.approx(8.2, abs=0.05)
        bare = thermal.body_heat_storage_rate(-20.0, 0.7, 0.4, 41.0, 2.0)
        bagged = thermal.body_heat_storage_rate(-20.0, 0.7, 0.4, 41.0, thermal.night_insulation(2.0, 7.0, 0.5, 2.0))
    assert float(bare) < -90.0 < float(bagged)
    debt = thermal.night_heat_debt(bare, 1.8, 10.0)
    drop = thermal.body_temperature_drop(debt, 70.0)
    assert float(drop) > 2.0
    assert float(thermal.hypothermia_hazard(drop)) > float(thermal.hypothermia_hazard(0.0))


def test_night_heat_accounting_hand_values():
    assert float(thermal.shivering_energy(-30.0, 1.9, 10.0)) == pytest.approx(30 * 1.9 * 36000 / 4184)
    assert float(thermal.shivering_energy(-200.0, 1.9, 10.0)) == pytest.approx(90 * 1.9 * 36000 / 4184)
    assert float(thermal.shivering_energy(20.0, 1.9, 10.0)) == 0.0
    assert float(thermal.night_heat_debt(-110.0, 1.9, 10.0)) == pytest.approx(380.0)
    assert float(thermal.body_temperature_drop(349.0, 60.0)) == pytest.approx(6.0)
    assert float(thermal.duration_limited_exposure(-20.0)) == pytest.approx(2.0)
    assert float(thermal.huddling_heat_loss_factor(1)) == 1.0
    assert float(thermal.huddling_heat_loss_factor(4)) == pytest.approx(1 - 0.3 * 0.75)
    assert float(thermal.wet_clothing_insulation(2.0, 1.0, 0.9)) == pytest.approx(0.2)


def test_wind_chill_jagti_table_and_pythermalcomfort():
    from pythermalcomfort.models import wind_chill_temperature as ptc_wct

    kmh = np.array([10.0, 20.0, 40.0])
    mine = thermal.wind_chill_temperature(-30.0, kmh / 3.6)
    np.testing.assert_allclose(mine, [-39.2, -43.1, -47.5], atol=0.05)
    t = np.linspace(-50, 5, 12)[:, None]
    v = np.linspace(5, 80, 9)[None, :]
    np.testing.assert_allclose(thermal.wind_chill_temperature(t, v / 3.6), ptc_wct(t, v).wct, atol=0.051)


def test_frostbite_bands_environment_canada():
    t = thermal.frostbite_time(np.array([-27.0, -28.0, -40.0, -48.0, -55.0, -60.0]))
    assert np.isinf(t[0])
    np.testing.assert_allclose(t[1:5], [30.0, 10.0, 5.0, 2.0])
    assert t[5] < 2.0
    assert np.all(np.diff(t[1:]) < 0)
    assert float(thermal.frostbite_hazard(0.0, 5.0)) == 0.0
    assert float(thermal.frostbite_hazard(10.0, np.inf)) == 0.0


def test_desert_walkers_travel_at_night():
    """Hot dry plains before the monsoon: 45 °C, 30 % in the sun by day vs 25 °C, 50 % at night, walking with a
    load at 200 W m-2, 1.1 m s-1, 0.6 clo, unacclimatised."""
    kw = dict(air_speed=1.1, metabolic_rate_per_area=200.0, clothing_insulation=0.6, walking_speed=1.1,
              acclimatised=False)
    day_core = water.equilibrium_core_temperature(45.0, 0.3, radiant_temperature=60.0, **kw)
    night_core = water.equilibrium_core_temperature(25.0, 0.5, **kw)
    assert float(night_core) == pytest.approx(36.6 + 0.0036 * 200.0)
    assert float(day_core) > 38.0  # above the ISO 7933 rectal-temperature limit
    assert float(thermal.heat_illness_hazard(day_core, 8.0)) > 100 * float(thermal.heat_illness_hazard(night_core, 8.0))
    # and the water: by day over twice the sweat of the night
    day_sw = water.sweat_rate(45.0, 0.3, radiant_temperature=60.0, **kw)
    night_sw = water.sweat_rate(25.0, 0.5, **kw)
    assert float(day_sw) > 2.0 * float(night_sw)


@given(st.floats(36.0, 43.0), st.floats(0.0, 1.0))
def test_heat_hazard_monotone(t, dt):
    assert thermal.heat_illness_hazard(t + dt, 8.0) >= thermal.heat_illness_hazard(t, 8.0)


def test_broadcasting_shapes():
    t = np.linspace(-30, 0, 4)[:, None, None]
    v = np.array([0.5, 2.0])[None, :, None]
    m = np.array([45.0, 100.0, 200.0])[None, None, :]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ModelRangeWarning)
        assert thermal.required_insulation(t, 0.5, v, m).shape == (4, 2, 3)
        assert thermal.body_heat_storage_rate(t, 0.5, v, m, 3.0).shape == (4, 2, 3)


def test_bad_input_and_range_warnings():
    with pytest.raises(ValueError, match="air_temperature"):
        thermal.required_insulation(-280.0, 0.5, 1.0, 100.0)
    with pytest.raises(ValueError, match="metabolic_rate"):
        thermal.required_insulation(-10.0, 0.5, 1.0, np.nan)
    with pytest.raises(ValueError, match="body_mass"):
        thermal.body_temperature_drop(100.0, -5.0)
    with pytest.raises(ValueError, match="criterion"):
        thermal.required_insulation(-10.0, 0.5, 1.0, 100.0, criterion="cosy")
    with pytest.warns(ModelRangeWarning, match="air_temperature"):
        thermal.required_insulation(20.0, 0.5, 1.0, 100.0)
