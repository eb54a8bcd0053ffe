"""Tests of the fused daily kernel (longwalk.models.daily) and of the compiled helpers it is built from.

The fused kernel is checked against the composition of the public model functions (``daily_physiology_reference``),
which the other test modules check against published figures; the compiled helpers against NumPy and SciPy.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numba import njit

from longwalk.models import ModelRangeWarning, thermal, walking, water
from longwalk.models._jit import interp, where
from longwalk.models._validate import _all_within
from longwalk.models.daily import PERSON_DAY_INPUTS, daily_physiology, daily_physiology_reference


def _population(n: int, seed: int) -> dict[str, np.ndarray]:
    """Person-days spanning the models' ranges and beyond: arctic nights to desert days, sea level to 6,000 m."""
    rng = np.random.default_rng(seed)
    mass = rng.uniform(40.0, 110.0, n)
    fat_frac = rng.uniform(0.03, 0.35, n)
    return {
        "body_mass": mass,
        "height": rng.uniform(1.45, 2.0, n),
        "age": rng.uniform(16.0, 75.0, n),
        "sex": (rng.random(n) < 0.6).astype(np.float64),
        "fat_mass": mass * fat_frac,
        "lean_mass": mass * (1.0 - fat_frac),
        "baseline_lean_mass": mass * (1.0 - fat_frac) * rng.uniform(1.0, 1.3, n),
        "load_mass": rng.uniform(0.0, 40.0, n),
        "vo2max": rng.uniform(20.0, 70.0, n),
        "slope": rng.uniform(-0.6, 0.6, n),
        "terrain_factor": rng.uniform(1.0, 3.0, n),
        "hours_walked": rng.uniform(0.5, 14.0, n),
        "elevation": rng.uniform(-100.0, 6000.0, n),
        "air_temperature_min": rng.uniform(-50.0, 25.0, n),
        "air_temperature_max": rng.uniform(-30.0, 50.0, n),
        "relative_humidity": rng.uniform(0.0, 1.0, n),
        "wind_speed": rng.uniform(0.0, 20.0, n),
        "clothing_insulation": rng.uniform(0.1, 4.0, n),
        "sleeping_gear_insulation": rng.uniform(0.0, 9.0, n),
        "energy_intake": rng.uniform(0.0, 4500.0, n),
        "water_deficit": rng.uniform(0.0, 0.2, n),
        "acclimatised_altitude": rng.uniform(0.0, 4000.0, n),
    }


def _quiet(fn, *args, **kwargs):
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore", ModelRangeWarning)
        return fn(*args, **kwargs)


@pytest.mark.parametrize("seed", [1, 2])
def test_fused_kernel_equals_the_composed_public_functions(seed):
    pop = _population(3000, seed)
    fused = _quiet(daily_physiology, **pop)
    reference = _quiet(daily_physiology_reference, **pop)
    for key in fused._fields:
        np.testing.assert_allclose(getattr(fused, key), getattr(reference, key), rtol=1e-9, atol=1e-12, err_msg=key)


def test_the_sample_exercises_every_branch():
    # the equality above means something only if both sides of each branch were taken
    pop = _population(3000, 1)
    day = _quiet(daily_physiology_reference, **pop)
    preferred = _quiet(walking.walking_speed_preferred, pop["slope"])
    assert 0.05 < np.mean(day.walking_speed < preferred * (1.0 - 1e-12)) < 0.95  # speed cap binding or not
    assert 0.01 < np.mean(day.required_insulation == 0.0) < 0.95  # no clothing needed, or IREQ solved
    met = _quiet(walking.walking_metabolic_rate, day.walking_speed, pop["slope"], pop["body_mass"], pop["load_mass"],
                 pop["terrain_factor"]) / _quiet(water.body_surface_area, pop["body_mass"], pop["height"])
    core = _quiet(water.equilibrium_core_temperature, pop["air_temperature_max"], pop["relative_humidity"],
                  0.67 * pop["wind_speed"], met, np.minimum(pop["clothing_insulation"], 1.0),
                  walking_speed=day.walking_speed)
    assert 0.02 < np.mean(core > 36.6 + 0.0036 * met + 1e-9) < 0.95  # uncompensable heat, solved by bisection


def test_custom_day_constants_reach_the_kernel():
    pop = _population(500, 3)
    kwargs = dict(air_speed_fraction=0.5, walking_clothing_max=0.8, night_hours=12.0, sleeping_metabolic_rate=45.0,
                  night_air_speed=1.0, shelter_insulation=0.7, ground_insulation=0.0, party_size=1.0,
                  exposure_minutes=60.0, untreated_fraction=1.0, fat_oxidised=0.2,
                  carbohydrate_energy_fraction=0.4, protein_oxidised=0.1, body_mass_loss=0.3)
    fused = _quiet(daily_physiology, **pop, **kwargs)
    reference = _quiet(daily_physiology_reference, **pop, **kwargs)
    default = _quiet(daily_physiology, **pop)
    for key in fused._fields:
        np.testing.assert_allclose(getattr(fused, key), getattr(reference, key), rtol=1e-9, atol=1e-12, err_msg=key)
    assert not np.allclose(fused.hazard, default.hazard)


def test_one_core_and_all_cores_give_identical_results():
    pop = _population(2000, 4)
    a = _quiet(daily_physiology, **pop, parallel=True)
    b = _quiet(daily_physiology, **pop, parallel=False)
    for key in a._fields:
        np.testing.assert_array_equal(getattr(a, key), getattr(b, key))


def test_inputs_broadcast_like_numpy():
    pop = {k: float(v[0]) for k, v in _population(1, 5).items()}
    pop["air_temperature_min"] = np.array([[-30.0], [-10.0], [5.0]])
    pop["slope"] = np.array([0.0, 0.1])
    fused = _quiet(daily_physiology, **pop)
    reference = _quiet(daily_physiology_reference, **pop)
    assert fused.hazard.shape == (3, 2)
    for key in fused._fields:
        np.testing.assert_allclose(getattr(fused, key), np.broadcast_to(getattr(reference, key), (3, 2)),
                                   rtol=1e-9, atol=1e-12, err_msg=key)


def _one_day(**changes):
    day = {k: float(v[0]) for k, v in _population(1, 6).items()}
    day.update(changes)
    return day


@pytest.mark.parametrize(
    ("changes", "name"),
    [
        ({"body_mass": -70.0}, "body_mass"),
        ({"air_temperature_min": -300.0}, "air_temperature_min"),
        ({"air_temperature_max": np.nan}, "air_temperature_max"),
        ({"relative_humidity": 1.5}, "relative_humidity"),
        ({"sex": 2.0}, "sex"),
        ({"hours_walked": 0.0}, "hours_walked"),
        ({"load_mass": np.array([10.0, -1.0])}, "load_mass"),
    ],
)
def test_bad_input_raises_value_error_naming_the_parameter(changes, name):
    with pytest.raises(ValueError, match=name):
        _quiet(daily_physiology, **_one_day(**changes))


def test_input_outside_a_models_range_warns():
    with pytest.warns(ModelRangeWarning, match="hours_walked"):
        daily_physiology(**_one_day(hours_walked=14.0, air_temperature_max=30.0, air_temperature_min=5.0))


def test_person_day_inputs_are_the_signature():
    import inspect

    params = list(inspect.signature(daily_physiology).parameters)
    assert tuple(params[: len(PERSON_DAY_INPUTS)]) == PERSON_DAY_INPUTS
    assert list(inspect.signature(daily_physiology_reference).parameters) == params[:-1]


def test_every_quantity_is_in_the_glossary():
    import inspect

    from longwalk.glossary import GLOSSARY
    from longwalk.models.daily import DailyPhysiology

    names = [p for p in inspect.signature(daily_physiology).parameters if p != "parallel"]
    assert [n for n in names + list(DailyPhysiology._fields) if n not in GLOSSARY] == []


# --- compiled helpers --------------------------------------------------------------------------------------------

@njit
def _interp_compiled(x, xp, fp):
    out = np.empty_like(x)
    for i in range(x.size):
        out[i] = interp(x[i], xp, fp)
    return out


@njit
def _where_compiled(c, x, y):
    out = np.empty_like(x)
    for i in range(x.size):
        out[i] = where(c[i], x[i], y[i])
    return out


def test_compiled_interp_is_numpy_interp():
    xp = np.array([-55.0, -48.0, -40.0, -28.0])
    fp = np.log(np.array([2.0, 5.0, 10.0, 30.0]))
    x = np.concatenate([np.random.default_rng(7).uniform(-70.0, -10.0, 1000), xp, [-80.0, 0.0]])
    np.testing.assert_array_equal(_interp_compiled(x, xp, fp), np.interp(x, xp, fp))


def test_compiled_where_is_numpy_where():
    rng = np.random.default_rng(8)
    c = rng.random(100) < 0.5
    x, y = rng.random(100), rng.random(100)
    np.testing.assert_array_equal(_where_compiled(c, x, y), np.where(c, x, y))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([0.0, 1.0, -1.0, 0.5, 2.0, np.nan, np.inf, -np.inf, 1e-300]), min_size=1,
                max_size=20),
       st.sampled_from([(-math.inf, math.inf, False), (0.0, math.inf, False), (0.0, math.inf, True),
                        (0.0, 1.0, False)]))
def test_fast_accept_test_agrees_with_the_mask_formulation(values, bounds):
    lo, hi, open_lo = bounds
    a = np.array(values)
    ok = np.isfinite(a) & (a >= lo) & (a <= hi) & ~(open_lo & (a == lo))
    assert _all_within(a, lo, hi, open_lo) == bool(np.all(ok))


# --- solvers ------------------------------------------------------------------------------------------------------

def test_speed_solver_converges_outside_the_tabulated_grades():
    # starts are tabulated for -40..45 % grades; steeper slopes clamp the start but must still reach the root
    from scipy.optimize import brentq

    for slope in (-0.7, -0.5, 0.5, 0.8):
        for vo2 in (20.0, 35.0, 60.0):
            v = _quiet(walking.max_sustainable_walking_speed, slope, 70.0, 10.0, 1.2, vo2, 6.0)
            ceiling = float(walking.sustainable_metabolic_rate(vo2, 70.0, 6.0))

            def excess(s, slope=slope, ceiling=ceiling):
                return float(_quiet(walking.walking_metabolic_rate, s, slope, 70.0, 10.0, 1.2)) - ceiling

            if excess(0.0) >= 0.0:
                assert v == 0.0
            elif excess(walking.LCDA_MAX_SPEED) <= 0.0:
                assert v == walking.LCDA_MAX_SPEED
            else:
                assert v == pytest.approx(brentq(excess, 0.0, walking.LCDA_MAX_SPEED, xtol=1e-14), rel=1e-11)


def test_daily_speed_is_the_minimum_of_preferred_and_sustainable_speed_or_the_rested_economical_pace():
    # daily_walking_speed skips the root where the preferred pace is affordable; check it against the plain minimum,
    # including fast paces beyond the LCDA limit of 1.96 m s-1, and, where that minimum falls below the speed of least
    # net cost per metre, against walking at that speed with rests (the mean rate kept at the cap), the least net cost
    # per metre found here by a bounded scalar minimisation of the LCDA rate itself (not the model's root)
    from scipy.optimize import minimize_scalar

    rng = np.random.default_rng(12)
    n = 400
    args = (rng.uniform(-0.5, 0.6, n), rng.uniform(1.0, 2.5, n), rng.uniform(40.0, 110.0, n), rng.uniform(0.0, 40.0, n),
            rng.uniform(15.0, 80.0, n), rng.uniform(1.0, 12.0, n))
    pace = rng.uniform(0.5, 1.6, n)
    speed = _quiet(walking.daily_walking_speed, *args, pace)
    slope, eta, mass, load, vo2, hours = args
    preferred = pace * _quiet(walking.walking_speed_preferred, slope)
    continuous = np.minimum(preferred, _quiet(walking.max_sustainable_walking_speed, slope, mass, load, eta, vo2,
                                              hours))
    expected = continuous.copy()
    for i in range(n):
        rest = walking.REST_METABOLIC_RATE * mass[i]

        def net_per_metre(v, i=i, rest=rest):
            return (float(_quiet(walking.walking_metabolic_rate, v, slope[i], mass[i], load[i], eta[i])) - rest) / v

        v_e = minimize_scalar(net_per_metre, bounds=(0.3, walking.LCDA_MAX_SPEED), method="bounded",
                              options={"xatol": 1e-10}).x
        v_s = min(v_e, preferred[i])
        if continuous[i] < v_s:
            cap = float(_quiet(walking.sustainable_metabolic_rate, vo2[i], mass[i], hours[i]))
            m_s = float(_quiet(walking.walking_metabolic_rate, v_s, slope[i], mass[i], load[i], eta[i]))
            share = np.clip((cap - rest) / (m_s - rest), 0.0, 1.0)
            expected[i] = max(share * v_s, continuous[i])
    np.testing.assert_allclose(speed, expected, rtol=1e-6, atol=1e-9)
    assert np.any(expected > continuous + 0.05)  # the rested pace is exercised
    assert np.any(preferred > walking.LCDA_MAX_SPEED)
    assert speed.max() <= walking.LCDA_MAX_SPEED


def test_ireq_does_not_jump_when_newton_lands_on_the_root():
    # a case where a Newton step landed exactly on the bracket's end: the solver used to bisect and return a point
    # 5e-9 m2 K W-1 away from the root, so a 1-ulp change of the input moved IREQ by 1.6e-6 relative
    args = (6.903533444447298, 0.812659029215766, 0.3134379671521663, 254.8001485451246, 0.38797559518538266)
    a = _quiet(thermal.required_insulation, *args)
    b = _quiet(thermal.required_insulation, *args[:3], np.nextafter(args[3], np.inf), args[4])
    assert a == pytest.approx(b, rel=1e-11)
    # and it is the root: the heat balance at IREQ is zero
    assert abs(float(_quiet(thermal.body_heat_storage_rate, *args[:4], a, args[4]))) < 1e-9
