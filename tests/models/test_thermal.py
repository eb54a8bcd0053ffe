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


# --- the survival balance (cold_exposure_storage_rate) and what it means for a night in the open ---


def test_survival_balance_hand_value():
    # nude (0 clo) at 0 °C, 0.4 m s-1: I_a = 0.092 e^-0.06 − 0.0045; dry = 37 / (0.1 + I_a); skin at 37 − 0.1 dry
    i_a = 0.092 * np.exp(-0.06) - 0.0045
    dry = 37.0 / (0.1 + i_a)
    t_sk = 37.0 - 0.1 * dry
    p = lambda t: 0.1333 * np.exp(18.6686 - 4030.183 / (t + 235.0))  # noqa: E731  (ISO 11079 p_sat)
    res = 1.73e-2 * 58.0 * (p(29.0) - 0.5 * p(0.0)) + 1.4e-3 * 58.0 * 29.0
    evap = 0.06 * (p(t_sk) - 0.5 * p(0.0)) / ((0.06 / 0.38) * i_a)
    assert float(thermal.cold_exposure_storage_rate(0.0, 0.5, 0.4, 58.0, 0.0)) == pytest.approx(
        58.0 - res - evap - dry, rel=1e-9)


def test_june_night_at_plus_6_in_one_clo_does_not_chill_a_fit_man():
    """Issue 9: a fit 80 kg man lost without shelter at +6 °C in 1 clo 'died, body temperature down 6.4 °C'.
    People survive such nights shivering: Tikuisis 1995 predicts clothed survival beyond 24 h down to −10 °C.  In a
    5 m s-1 wind the night's loss must be within what sustained shivering replaces: no heat debt, no hazard."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ModelRangeWarning)
        air = 5.0 * 2.0 / 3.0
        s = thermal.cold_exposure_storage_rate(6.0, 0.7, air, 0.8 * 58.15, thermal.resultant_insulation(1.0, air))
    area = float(water.body_surface_area(80.0, 1.80))
    assert -thermal.MAX_SHIVERING < float(s) < 0.0  # he shivers...
    assert float(thermal.night_heat_debt(s, area, 10.0)) == 0.0  # ...and holds his temperature
    assert float(thermal.shivering_energy(s, area, 10.0)) > 500.0  # a cold, expensive night: hundreds of kcal
    # ISO 11079's comfort criterion (skin held at 31.7 °C) is what chilled him: it loses about half again as much
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ModelRangeWarning)
        iso = thermal.body_heat_storage_rate(6.0, 0.7, air, 0.8 * 58.15, thermal.resultant_insulation(1.0, air))
    assert float(iso) < 1.3 * float(s)


def test_a_minus_30_night_in_the_open_without_bedding_kills():
    """−30 °C in 1.5 clo with no bag, shelter or fire, 3 m s-1 wind: Tikuisis 1995 gives under 2 h to lethal cooling
    nude at −30 °C and 4-9 h lightly clothed at −30 to −40 °C; a 10 h night must carry a lethal hazard."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ModelRangeWarning)
        air = 2.0
        s = thermal.cold_exposure_storage_rate(-30.0, 0.7, air, 0.8 * 58.15, thermal.resultant_insulation(1.5, air))
        drop = thermal.body_temperature_drop(thermal.night_heat_debt(s, 1.9, 10.0), 75.0)
        assert 1.0 - np.exp(-float(thermal.hypothermia_hazard(np.minimum(drop, 15.0)))) > 0.5


def test_tikuisis_1995_nude_survival_times():
    """Tikuisis 1995 (Int J Biometeorol 39:94) predicted nude survival in calm air: 1.8, 2.5, 4.1, 9.0 h at −30, −20,
    −10, 0 °C.  Hours for the mean body temperature to fall HYPOTHERMIA_DROP_50, sitting and shivering at most
    MAX_SHIVERING, must lie within a factor 2 of them and keep their order."""
    ta = np.array([-30.0, -20.0, -10.0, 0.0])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ModelRangeWarning)
        s = thermal.cold_exposure_storage_rate(ta, 0.5, 0.4, 58.15, 0.0)
    drop_per_hour = thermal.body_temperature_drop(thermal.night_heat_debt(s, 1.9, 1.0), 75.0)
    hours = thermal.HYPOTHERMIA_DROP_50 / drop_per_hour
    tikuisis = np.array([1.8, 2.5, 4.1, 9.0])
    assert np.all(np.diff(hours) > 0)
    assert np.all((hours > tikuisis / 2.0) & (hours < tikuisis * 2.0)), hours


@settings(deadline=None)
@given(st.floats(-50.0, 20.0), st.floats(0.1, 10.0), st.floats(0.0, 8.0))
def test_survival_balance_colder_or_thinner_never_loses_less(t, dt, insulation):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ModelRangeWarning)
        s = thermal.cold_exposure_storage_rate(t, 0.6, 1.0, 46.0, insulation)
        assert float(thermal.cold_exposure_storage_rate(t - dt, 0.6, 1.0, 46.0, insulation)) <= float(s) + 1e-9
        assert float(thermal.cold_exposure_storage_rate(t, 0.6, 1.0, 46.0, insulation * 0.5)) <= float(s) + 1e-9


def test_clothing_walking_cost_factor():
    # Teitlebaum & Goldman 1972: heavy Arctic clothing and boots cost about 16 % more to walk in
    np.testing.assert_allclose(thermal.clothing_walking_cost_factor([0.5, 1.0, 2.5, 4.0, 5.0]),
                               [1.0, 1.0, 1.08, 1.16, 1.16])
