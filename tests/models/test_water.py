"""Tests of longwalk.models.water against ISO 7933 annex cases, pythermalcomfort PHS and hand calculations."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from longwalk.models import walking, water
from longwalk.models._validate import ModelRangeWarning

# ISO 7933:2023 annex cases as coded in pythermalcomfort's tests: 75 kg, 1.8 m, standing, 0.5 clo, 8 h.
A_DU = 0.202 * 75**0.425 * 1.8**0.725
ANNEX = [
    # air °C, rh, air speed, metabolic W, acclimatised, annex sweat g over 8 h
    (40.0, 0.35, 0.3, 300.0, True, 6538.0),
    (35.0, 0.60, 0.1, 300.0, False, 6345.0),
    (30.0, 0.45, 1.0, 450.0, False, 4593.0),
]


def _daily_model_8h(ta, rh, v, m_watt, acc):
    """Sweat plus respiratory water over 8 h [g], the quantity PHS reports as its water loss."""
    sw = water.sweat_rate(ta, rh, v, m_watt / A_DU, 0.5, acclimatised=acc)
    sweat = water.sweat_loss(sw, A_DU, 8.0)
    breath = water.respiratory_water_loss(ta, rh, m_watt, 8.0)
    return 1000.0 * float(sweat + breath)


@pytest.mark.parametrize("ta, rh, v, m_watt, acc, annex_g", ANNEX)
def test_sweat_matches_iso7933_annex_within_15_percent(ta, rh, v, m_watt, acc, annex_g):
    assert _daily_model_8h(ta, rh, v, m_watt, acc) == pytest.approx(annex_g, rel=0.15)


@pytest.mark.parametrize("ta, rh, v, m_watt, acc, annex_g", ANNEX)
def test_sweat_matches_pythermalcomfort_phs_within_15_percent(ta, rh, v, m_watt, acc, annex_g):
    from pythermalcomfort.models import phs

    ref = phs(tdb=ta, tr=ta, rh=100 * rh, v=v, met=m_watt / 58.15 / A_DU, clo=0.5, posture="standing", wme=0,
              model="7933-2023", duration=480, limit_inputs=False, acclimatized=100 if acc else 0,
              round_output=False)
    assert _daily_model_8h(ta, rh, v, m_watt, acc) == pytest.approx(ref.sweat_loss_g, rel=0.15)


def test_sweat_against_phs_over_a_grid_of_compensable_walking():
    """Walking 2.8 met at 1.1 m s-1, 0.6 clo, sun (tr = ta + 15): physiology.md §3.1 PHS runs, within 20 %."""
    from pythermalcomfort.models import phs

    cases = [(30.0, 0.20), (35.0, 0.15), (40.0, 0.10)]
    m = 2.8 * 58.15
    a = 0.202 * 70**0.425 * 1.75**0.725
    for ta, rh in cases:
        ref = phs(tdb=ta, tr=ta + 15, rh=100 * rh, v=1.1, met=2.8, clo=0.6, posture="standing", weight=70,
                  height=1.75, walk_sp=1.1, duration=480, limit_inputs=False, round_output=False)
        sw = water.sweat_rate(ta, rh, 1.1, m, 0.6, radiant_temperature=ta + 15, walking_speed=1.1)
        mine = 1000 * float(water.sweat_loss(sw, a, 8.0) + water.respiratory_water_loss(ta, rh, m * a, 8.0))
        assert mine == pytest.approx(ref.sweat_loss_g, rel=0.20), (ta, mine, ref.sweat_loss_g)


def test_sweat_rate_broadcasts_and_rises_with_heat():
    ta = np.array([[25.0], [35.0], [45.0]])
    rh = np.array([0.1, 0.3, 0.5, 0.7])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ModelRangeWarning)
        sw = water.sweat_rate(ta, rh, 1.0, 150.0, 0.6, walking_speed=1.2)
    assert sw.shape == (3, 4)
    assert np.all(np.diff(sw, axis=0) > 0)


def test_walking_by_night_sweats_less_than_by_day_in_the_desert():
    day = water.sweat_rate(40.0, 0.1, 1.0, 180.0, 0.6, radiant_temperature=55.0, walking_speed=1.2)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ModelRangeWarning)
        night = water.sweat_rate(18.0, 0.3, 1.0, 180.0, 0.6, walking_speed=1.2)
    assert float(day) > 2.5 * float(night)


def test_equilibrium_core_temperature_case2_close_to_phs():
    # annex case 2 (uncompensable): PHS reaches 40.8 °C after 8 h; the steady state is a little above.
    t = water.equilibrium_core_temperature(35.0, 0.6, 0.1, 300.0 / A_DU, 0.5, acclimatised=False)
    assert 40.5 <= float(t) <= 41.5


def test_gonzalez_worked_example():
    assert float(water.sweat_rate_gonzalez(203.0, 166.0)) == pytest.approx(147 + 1.527 * 203 - 0.87 * 166)
    assert float(water.sweat_rate_gonzalez(203.0, 166.0, cool=True)) == pytest.approx(350 + 1.527 * 203 - 0.87 * 166)


def test_respiratory_loss_reference_value_and_altitude():
    # physiology.md §3.2: 150 W m-2, −20 °C dry air ≈ 22 g h-1 (1.8 m2 → 270 W)
    assert float(water.respiratory_water_loss(-20.0, 0.0, 270.0, 1.0)) == pytest.approx(0.022, rel=0.03)
    sea = water.respiratory_water_loss(-20.0, 0.0, 270.0, 1.0)
    high = water.respiratory_water_loss(-20.0, 0.0, 270.0, 1.0, barometric_pressure=101.325 / 1.8)
    assert float(high / sea) == pytest.approx(1.8)
    # humid air takes less water than dry air at the same temperature
    humid, dry = water.respiratory_water_loss(5.0, [0.9, 0.0], 270.0, 1.0)
    assert humid < dry


def test_obligatory_losses_and_gains_hand_values():
    assert float(water.obligatory_urine_loss()) == pytest.approx(0.5)
    assert float(water.skin_diffusion_loss(1.8)) == pytest.approx(0.35)
    assert float(water.faecal_water_loss(2500.0)) == pytest.approx(0.1)
    assert float(water.metabolic_water(0.2, 0.1, 0.05)) == pytest.approx(0.214 + 0.06 + 0.0205)
    assert float(water.tissue_water_release(1.0)) == pytest.approx(0.73)
    assert float(water.body_surface_area(70.0, 1.75)) == pytest.approx(1.84, abs=0.01)


def test_urine_follows_the_deficit_between_the_drinkers_and_the_obligatory_volume():
    """IOM 2005 p. 82-83: urine 'generally averages 1 to 2 L/day'; the curve of urine output against hydration peaks
    near 50 mL/h (1.2 L a day) in water balance and 'descends gradually with dehydration' to the obligatory volume
    (600 mOsm at 1,200 mOsm kg-1 = 0.5 L, Guyton & Hall)."""
    d = np.linspace(0.0, 0.35, 36)
    urine = water.urine_loss(d)
    assert 1.0 <= float(urine[0]) <= 2.0
    assert float(urine[0]) == pytest.approx(0.050 * 24.0)
    assert np.all(np.diff(urine) <= 0.0)
    np.testing.assert_allclose(urine[d >= 0.05], float(water.obligatory_urine_loss()))
    # the steepest fall is at the start: the first 1 % costs more than the last before 5 %
    assert float(urine[0] - urine[1]) > float(urine[4] - urine[5])
    # less food, fewer solutes: 15 mL h-1 in dehydrated men (Adolph 1947 in IOM 2005 p. 83) is 432 mOsm at 1,200
    assert float(water.urine_loss(0.1, solute_load=0.015 * 24.0 * 1200.0)) == pytest.approx(0.36)
    with pytest.raises(ValueError, match="water_deficit"):
        water.urine_loss(-0.01)


def test_dehydration_thresholds_navedtra():
    hot, cool = water.dehydration_hazard(0.15, 40.0), water.dehydration_hazard(0.15, 20.0)
    # a deficit that kills half within a day at 40 °C is survived in the cool
    assert 1 - np.exp(-float(hot)) == pytest.approx(0.5)
    assert 1 - np.exp(-float(cool)) < 0.05
    # in the cool the median lethal deficit is 20 %, inside the 15-25 % range; 25 % (NAVEDTRA's most tolerated)
    # is survived by few: more than 90 % die within a day there
    assert float(water.dehydration_hazard(0.20, 25.0)) == pytest.approx(np.log(2))
    assert 1 - np.exp(-float(water.dehydration_hazard(0.25, 25.0))) > 0.9
    assert float(water.dehydration_hazard(0.02, 45.0)) < 1e-6
    assert float(water.dehydration_work_capacity(0.01)) == 1.0
    assert float(water.dehydration_work_capacity(0.15)) == 0.0


@given(
    st.floats(0.0, 0.3), st.floats(0.0, 0.3), st.floats(-40.0, 50.0), st.floats(-40.0, 50.0),
)
def test_larger_deficit_or_hotter_never_lowers_hazard(d1, d2, t1, t2):
    lo_d, hi_d = sorted((d1, d2))
    lo_t, hi_t = sorted((t1, t2))
    assert water.dehydration_hazard(hi_d, lo_t) >= water.dehydration_hazard(lo_d, lo_t)
    assert water.dehydration_hazard(lo_d, hi_t) >= water.dehydration_hazard(lo_d, lo_t)


@given(st.floats(15.0, 49.0), st.floats(0.5, 5.0))
def test_hotter_air_never_sweats_less(t, dt):
    a = water.sweat_rate(t, 0.3, 1.0, 150.0, 0.6, walking_speed=1.2)
    b = water.sweat_rate(min(t + dt, 50.0), 0.3, 1.0, 150.0, 0.6, walking_speed=1.2)
    assert float(b) >= float(a) - 0.05  # the compensating core temperature is found to ~0.002 °C


def test_bad_input_names_parameter():
    with pytest.raises(ValueError, match="body_mass"):
        water.body_surface_area(-70.0, 1.75)
    with pytest.raises(ValueError, match="air_temperature"):
        water.sweat_rate(-300.0, 0.3, 1.0, 150.0, 0.6)
    with pytest.raises(ValueError, match="relative_humidity"):
        water.sweat_rate(30.0, np.nan, 1.0, 150.0, 0.6)
    with pytest.raises(ValueError, match="water_deficit"):
        water.dehydration_hazard(-0.1, 30.0)


def test_outside_valid_range_warns():
    with pytest.warns(ModelRangeWarning, match="air_temperature"):
        water.sweat_rate(5.0, 0.3, 1.0, 150.0, 0.6)
    with pytest.warns(ModelRangeWarning, match="water_deficit"):
        water.dehydration_hazard(0.5, 30.0)


def test_heat_strain_returns_both_outputs_of_the_same_balance():
    ta = np.array([20.0, 35.0, 45.0])
    hs = water.heat_strain(ta, 0.3, 1.0, 200.0, 0.6, radiant_temperature=ta + 15.0, walking_speed=1.1,
                           acclimatised=False)
    np.testing.assert_array_equal(hs.sweat_rate_w, water.sweat_rate(ta, 0.3, 1.0, 200.0, 0.6, ta + 15.0, 1.1, False))
    np.testing.assert_array_equal(hs.core_temperature,
                                  water.equilibrium_core_temperature(ta, 0.3, 1.0, 200.0, 0.6, ta + 15.0, 1.1, False))
    assert hs.core_temperature[0] == pytest.approx(36.6 + 0.0036 * 200.0)


# --- the day's water (models.water.daily_water_loss, which the engine's day calls) ---


def test_daily_water_loss_is_the_sum_of_its_routes_hand_value():
    # rest day at 20 °C, 50 %: no sweat; breath 0.0173 · 1.2 · 58.15 · A · (p_ex(33 °C) − 0.5 p_sat(20 °C)) · 24 h
    area = float(water.body_surface_area(70.0, 1.75))
    p_ex = 0.1333 * np.exp(18.6686 - 4030.183 / (33.0 + 235.0))
    p_a = 0.5 * 0.1333 * np.exp(18.6686 - 4030.183 / (20.0 + 235.0))
    breath = 0.0173 * 1.2 * 58.15 * area * (p_ex - p_a) * 24.0 * 3.6 / 2430.0
    day = water.daily_water_loss(70.0, 1.75, 300.0, 0.0, 0.0, 20.0, 20.0, 0.5, 0.5, 0.6)
    assert float(day.sweat_walking) == 0.0 and float(day.sweat_resting) == 0.0
    assert float(day.respiratory) == pytest.approx(breath, rel=1e-6)
    # the urine of one who drinks as he likes, 600 mOsm at 500 mOsm kg-1; at a deficit of 5 % the obligatory 0.5 kg
    assert float(day.total) == pytest.approx(breath + 0.35 * area / 1.8 + 1.2, rel=1e-6)
    dry = water.daily_water_loss(70.0, 1.75, 300.0, 0.0, 0.0, 20.0, 20.0, 0.5, 0.5, 0.6, water_deficit=0.05)
    assert float(dry.total) == pytest.approx(breath + 0.35 * area / 1.8 + 0.5, rel=1e-6)


def test_daily_water_loss_broadcasts_and_skips_sweat_for_those_who_rest():
    hours = np.array([[0.0, 8.0], [4.0, 0.0]])
    day = water.daily_water_loss(70.0, 1.75, 320.0, hours, 1.2, 30.0, 35.0, 0.3, 1.0, 0.5)
    assert day.total.shape == (2, 2)
    assert np.all(day.sweat_walking[hours == 0] == 0.0) and np.all(day.sweat_walking[hours > 0] > 0.0)
    # the walking sweat of 4 h is half that of 8 h in the same conditions
    assert float(day.sweat_walking[1, 0]) == pytest.approx(0.5 * float(day.sweat_walking[0, 1]))


def test_tb_med_507_moderate_work_heat_category_1():
    """US Army TB MED 507 soldier heat-stress table: moderate work (3.5 mph, < 40 lb), WBGT 78-81.9 °F: 3/4 qt/h,
    ± 1/4 qt/h for shade/sun and between soldiers.  In the shade at 33 °C, 50 % (WBGT ≈ 80.8 °F) the walk's sweat and
    breath must lie within 1/4 to 3/4 qt (0.24-0.71 L) an hour."""
    speed = 3.5 * 0.44704
    power = walking.walking_metabolic_rate(speed, 0.0, 70.0, 15.0, 1.0)  # LCDA, 445 W
    day = water.daily_water_loss(70.0, 1.75, power, 1.0, speed, 33.0, 20.0, 0.5, 1.0, 0.6)
    per_hour = float(day.sweat_walking) + float(water.respiratory_water_loss(33.0, 0.5, power, 1.0))
    assert 0.25 * 0.946 <= per_hour <= 0.75 * 0.946


def _desert_rest_split(t_max, walk_hours, by_night):
    """(daylight air, night air, daylight resting hours) of a 15 K desert day with 14 h of daylight."""
    t_min = t_max - 15.0
    return (water.diurnal_mean_air_temperature(t_min, t_max, 14.0), water.diurnal_mean_air_temperature(
        t_min, t_max, 10.0, warm=False), water.daylight_resting_hours(walk_hours, 14.0, by_night))


@pytest.mark.xfail(strict=True, reason="resting in the day's heat through 14 h of daylight, a man loses water faster "
                   "than this reading of Adolph's survival table allows (the time to the lethal deficit at the day's "
                   "net loss, without the hazard's spread: 1.15 and 1.85 days; the validation cases "
                   "water-rest-survival-43c, -49c and -38c pass, the last near the band's edge, with more water from a "
                   "fasting man's lean tissue than the ~0.3 kg taken here); the urine falling and the "
                   "sweat lowered as the deficit grows leave the day's loss 8-16 % above what the table needs")
def test_adolph_resting_survival_without_water_in_the_heat():
    """Adolph 1947 (FM 21-76 table): resting in shade without water, 2 days at 49 °C and 3 at 43 °C maximum.  The
    day's loss at each deficit on the way, less fasting metabolic water (~0.3 kg), must bring the lethal deficit
    within those times × / ÷ 1.5: the time is the integral of dd / rate(d) from 0 to the lethal deficit."""
    for t_max, days in ((49.0, 2.0), (43.0, 3.0)):
        t_day, t_night, day_rest = _desert_rest_split(t_max, 0.0, False)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ModelRangeWarning)
            d50 = float(water.lethal_water_deficit(t_max))
            deficit = np.linspace(0.0, d50, 301)
            day = water.daily_water_loss(70.0, 1.75, 0.0, 0.0, 0.0, t_night, t_day, 0.15, 1.3, 0.5,
                                         night_air_temperature=t_night, daylight_resting_hours=day_rest,
                                         sleeping_hours=8.0, water_deficit=deficit)
        to_d50 = float(np.trapezoid(70.0 / (day.total - 0.3), deficit))
        assert days / 1.5 <= to_d50 <= days * 1.5, (t_max, to_d50)


def test_hypohydration_lowers_sweat_by_the_warmer_skin_of_a_warmer_body():
    """Hypohydration lowers the sweat at a given core temperature (Sawka 1992; Fortney et al. 1984): the body settles
    warmer, by models.water.dehydration_core_rise per 1 % (0.16 °C in the heat), up to the measured 8 %.  In ISO 7933
    the skin follows the core (0.51 °C per °C clothed), and the extra dry heat loss is what is no longer sweated:
    a few per cent, because in air hotter than the skin the heat must still be sweated."""
    deficit = np.array([0.0, 0.02, 0.05, 0.08, 0.12])
    rest = water.daily_water_loss(70.0, 1.75, 0.0, 0.0, 0.0, 40.0, 40.0, 0.15, 1.3, 0.6,
                                  water_deficit=deficit).sweat_resting
    assert np.all(np.diff(rest[:4]) < 0.0) and rest[4] == pytest.approx(rest[3])
    # the extra dry loss of a skin 0.51 · 0.16 · 8 = 0.66 °C warmer, through 0.6 clo, is ~4-8 W m-2 of ~120
    assert 0.02 < 1.0 - rest[3] / rest[0] < 0.10
    # no sweat in the cool, with or without a deficit
    cool = water.daily_water_loss(70.0, 1.75, 0.0, 0.0, 0.0, 15.0, 15.0, 0.5, 1.0, 1.0, water_deficit=deficit)
    np.testing.assert_array_equal(cool.sweat_resting, 0.0)
    # the walking sweat falls too
    walk = water.daily_water_loss(70.0, 1.75, 400.0, 8.0, 1.4, 40.0, 40.0, 0.15, 1.3, 0.6,
                                  walking_radiant_temperature=55.0, water_deficit=deficit).sweat_walking
    assert np.all(np.diff(walk[:4]) < 0.0)


def test_night_walkers_lose_less_water_than_day_walkers_in_desert_heat():
    """Adolph 1947: desert travellers walk by night.  Same 8 h walk at 48/33 °C: by night (air 37 °C, rest through
    the day's heat) against by day in the sun (air 46 °C + 15 K radiant, rest in the night and 6 h of daylight)."""
    kw = dict(zip(("resting_air_temperature", "night_air_temperature", "daylight_resting_hours"),
                  _desert_rest_split(48.0, 8.0, True), strict=True))
    night = water.daily_water_loss(70.0, 1.75, 330.0, 8.0, 1.2, 36.75, relative_humidity=0.15, air_speed=1.3,
                                   clothing_insulation=0.5, **kw)
    kw = dict(zip(("resting_air_temperature", "night_air_temperature", "daylight_resting_hours"),
                  _desert_rest_split(48.0, 8.0, False), strict=True))
    by_day = water.daily_water_loss(70.0, 1.75, 330.0, 8.0, 1.2, 45.75, relative_humidity=0.15, air_speed=1.3,
                                    clothing_insulation=0.5, walking_radiant_temperature=60.75, **kw)
    assert float(night.sweat_walking) < 0.6 * float(by_day.sweat_walking)
    assert float(night.total) < float(by_day.total)
    # the day walker sits 6 h of the 14-h daylight out in the heat, the night walker all 14 h
    assert float(by_day.sweat_resting) < float(night.sweat_resting)


def test_diurnal_mean_air_temperature_hand_values():
    # warm and cool halves of a sinusoidal day: min + (1/2 ± 1/π) of the span; the whole day: the mean
    assert float(water.diurnal_mean_air_temperature(20.0, 30.0, 12.0)) == pytest.approx(25.0 + 10.0 / np.pi)
    assert float(water.diurnal_mean_air_temperature(20.0, 30.0, 12.0, warm=False)) == pytest.approx(25.0 - 10.0 / np.pi)
    assert float(water.diurnal_mean_air_temperature(20.0, 30.0, 24.0)) == pytest.approx(25.0)
    # a window of no length is the maximum or the minimum
    np.testing.assert_allclose(water.diurnal_mean_air_temperature(20.0, 30.0, 0.0, warm=np.array([True, False])),
                               [30.0, 20.0])
    # daylight and night together average to the day's mean: D·T_day + (24 − D)·T_night = 24 · T_mean
    d = np.array([6.0, 10.0, 14.5, 20.0])
    day = water.diurnal_mean_air_temperature(20.0, 30.0, d)
    night = water.diurnal_mean_air_temperature(20.0, 30.0, 24.0 - d, warm=False)
    np.testing.assert_allclose(d * day + (24.0 - d) * night, 24.0 * 25.0)


def test_daylight_resting_hours_follow_the_walk():
    walk = np.array([0.0, 8.0, 8.0, 12.0, 12.0])
    by_night = np.array([False, False, True, False, True])
    # 14 h of daylight, 10 of night: a day walker of 12 h rests 2 h of daylight; a night walker of 12 h walks 2 h
    # of daylight too
    np.testing.assert_allclose(water.daylight_resting_hours(walk, 14.0, by_night), [14.0, 6.0, 14.0, 2.0, 12.0])
    with pytest.raises(ValueError, match="at most 24"):
        water.daylight_resting_hours(25.0, 14.0, False)


def test_sleep_in_the_heat_saves_water():
    """Asleep (0.8 met) a man makes 0.4 met less heat than resting awake (1.2 met): in compensable heat the sweat
    falls by that heat over the latent heat, 0.4 · 58.15 W m-2 · A_D · 8 h · 3.6 / 2430 kg ≈ 0.5 kg for 8 h at 40 °C;
    sleeping in the cool night instead saves little."""
    area = float(water.body_surface_area(70.0, 1.75))
    kw = dict(night_air_temperature=20.0, daylight_resting_hours=14.0)
    awake = water.daily_water_loss(70.0, 1.75, 0.0, 0.0, 0.0, 20.0, 40.0, 0.15, 1.3, 0.5, **kw)
    by_day = water.daily_water_loss(70.0, 1.75, 0.0, 0.0, 0.0, 20.0, 40.0, 0.15, 1.3, 0.5, sleeping_hours=8.0,
                                    sleeping_by_day=True, **kw)
    at_night = water.daily_water_loss(70.0, 1.75, 0.0, 0.0, 0.0, 20.0, 40.0, 0.15, 1.3, 0.5, sleeping_hours=8.0,
                                      **kw)
    saved = float(awake.sweat_resting - by_day.sweat_resting)
    assert saved == pytest.approx(0.4 * 58.15 * area * 8.0 * 3.6 / 2430.0, rel=0.25)
    assert float(awake.sweat_resting - at_night.sweat_resting) < 0.1 * saved
    # a night of 10 h holds the 8 h of sleep; what does not fit in the daylight falls in the night
    short = water.daily_water_loss(70.0, 1.75, 0.0, 0.0, 0.0, 20.0, 40.0, 0.15, 1.3, 0.5, sleeping_hours=8.0,
                                   sleeping_by_day=True, night_air_temperature=20.0, daylight_resting_hours=4.0)
    four_h = water.daily_water_loss(70.0, 1.75, 0.0, 0.0, 0.0, 20.0, 40.0, 0.15, 1.3, 0.5, sleeping_hours=4.0,
                                    sleeping_by_day=True, night_air_temperature=20.0, daylight_resting_hours=4.0)
    assert float(short.sweat_resting) == pytest.approx(float(four_h.sweat_resting))
    assert float(short.respiratory) < float(four_h.respiratory)


def test_resting_hours_sweat_at_their_own_air():
    """The day's rest sweats in daylight at the daylight's air and at night at the night's: splitting 24 h of rest
    half and half gives the mean of two days at one temperature each."""
    hot = water.daily_water_loss(70.0, 1.75, 0.0, 0.0, 0.0, 20.0, 40.0, 0.2, 1.0, 0.5)
    cool = water.daily_water_loss(70.0, 1.75, 0.0, 0.0, 0.0, 20.0, 25.0, 0.2, 1.0, 0.5)
    split = water.daily_water_loss(70.0, 1.75, 0.0, 0.0, 0.0, 20.0, 40.0, 0.2, 1.0, 0.5, night_air_temperature=25.0,
                                   daylight_resting_hours=12.0)
    assert float(split.sweat_resting) == pytest.approx(0.5 * (float(hot.sweat_resting) + float(cool.sweat_resting)))
    assert float(split.respiratory) == pytest.approx(0.5 * (float(hot.respiratory) + float(cool.respiratory)))


def test_daily_water_loss_bad_input_names_parameter():
    with pytest.raises(ValueError, match="walking_hours"):
        water.daily_water_loss(70.0, 1.75, 300.0, 25.0, 1.0, 20.0, 20.0, 0.5, 0.5, 0.6)
    with pytest.raises(ValueError, match="body_mass"):
        water.daily_water_loss(-70.0, 1.75, 300.0, 5.0, 1.0, 20.0, 20.0, 0.5, 0.5, 0.6)


@pytest.mark.parametrize("ta, tr, rh, v, met, clo, ws, acc, minutes", [
    (45.75, 60.75, 0.15, 1.33, 174.7, 0.5, 1.2, True, 120),  # a desert day walk in the sun
    (31.5, 46.5, 0.55, 1.0, 200.5, 0.8, 1.0, True, 240),  # a tropical patrol
    (35.0, 35.0, 0.60, 0.1, 300.0 / A_DU, 0.5, 0.0, False, 480),  # annex case 2
])
def test_transient_core_and_water_match_pythermalcomfort_phs(ta, tr, rh, v, met, clo, ws, acc, minutes):
    """The minute-by-minute PHS port against pythermalcomfort 4.8.1's own (an independent implementation)."""
    from pythermalcomfort.models import phs

    kw = dict(walk_sp=ws) if ws > 0 else {}
    ref = phs(tdb=ta, tr=tr, rh=100 * rh, v=v, met=met / 58.15, clo=clo, posture="standing", weight=75, height=1.8,
              duration=minutes, acclimatized=100 if acc else 0, a_p=0.0, round_output=False, limit_inputs=False, **kw)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ModelRangeWarning)
        hs = water.transient_heat_strain(ta, rh, v, met, clo, minutes / 60.0, radiant_temperature=tr,
                                         walking_speed=ws if ws > 0 else None, acclimatised=acc, body_mass=75.0,
                                         height=1.8)
    assert float(hs.core_temperature) == pytest.approx(float(ref.t_re), abs=0.05)
    assert 1000.0 * float(hs.water_loss) == pytest.approx(float(ref.sweat_loss_g), rel=0.02)


def test_heat_tolerance_by_hand_and_by_water():
    """Without water the desert day walker is exhausted where 38.2 + 0.16 d = 39.0 − 0.08 d (d ≈ 3.3 % of body
    mass, about 2.3 kg at ~1 kg h-1); drinking, the core settles at 38.2 °C, under the limit, all day."""
    args = (45.75, 0.15, 1.33, 174.7, 0.5, 8.0)
    kw = dict(radiant_temperature=60.75, walking_speed=1.2, body_mass=70.0, height=1.75)
    dry = float(water.heat_tolerance_hours(*args, drinking=False, **kw))
    wet = float(water.heat_tolerance_hours(*args, drinking=True, **kw))
    lost = float(water.transient_heat_strain(*args[:5], dry, drinking=False, **kw).water_loss)
    d = (water.HEAT_EXHAUSTION_CORE - 38.2) / (water.DEHYDRATION_CORE_RISE + water.HYPOHYDRATION_TOLERANCE_DROP)
    assert lost / 70.0 * 100.0 == pytest.approx(d, abs=0.3)
    assert wet == 8.0 and 1.5 < dry < 4.0
    # 4 % dehydrated at the start (38.2 + 0.64 > 39 − 0.32), even drinking, the limit comes; by night (no sun,
    # cooler) later
    assert float(water.heat_tolerance_hours(*args, water_deficit=0.04, drinking=True, **kw)) < wet
    night = float(water.heat_tolerance_hours(36.75, 0.15, 1.33, 174.7, 0.5, 8.0, walking_speed=1.2, body_mass=70.0,
                                             height=1.75, drinking=False))
    assert night > dry


def test_dehydration_core_rise_is_the_measured_two_environments():
    """Pflügers Arch 2000 (PubMed 10954335): +0.08 °C per 1 % at 23 °C, +0.16 at 33 °C."""
    assert float(water.dehydration_core_rise(23.0)) == pytest.approx(0.08)
    assert float(water.dehydration_core_rise(33.0)) == pytest.approx(0.16)
    assert float(water.dehydration_core_rise(-10.0)) == pytest.approx(0.08)
    assert float(water.dehydration_core_rise(45.0)) == pytest.approx(0.16)
