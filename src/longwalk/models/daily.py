"""One person-day of physiology in one compiled pass: the fused kernel behind the issue-5 benchmark.

:func:`daily_physiology_reference` composes the public model functions of :mod:`longwalk.models` for one day —
walking speed and cost, sweat and breath, marching insulation, a night in the cold, the energy and body-composition
step, and the day's hazards — exactly as an engine would, on arrays or on scalars.  :func:`daily_physiology`
computes the same quantities in one compiled loop over person-days (``numba``, optionally on all cores), without
the temporary arrays and the repeated input checks of the composition.

One implementation of each equation: the loop calls the *same* scalar functions the public functions call (the
``register_jitable`` equations and the ``njit`` solver cores of :mod:`~longwalk.models.walking`,
:mod:`~longwalk.models.water`, :mod:`~longwalk.models.thermal`, :mod:`~longwalk.models.energy`,
:mod:`~longwalk.models.altitude` and :mod:`~longwalk.models.hazards`); only the composition is written twice, and
``tests/models/test_daily.py`` checks that the two agree to 1e-9 relative on random person-days.

Input checks: :func:`daily_physiology` raises the same ``ValueError`` (naming the parameter) for bad inputs and warns
(:class:`~longwalk.models._validate.ModelRangeWarning`) when an *input* lies outside the range of a model it feeds;
range warnings about *derived* quantities (e.g. the walking metabolic rate per m2 outside ISO 7933's 55–450 W m-2)
are issued only by :func:`daily_physiology_reference`.

The day's fixed circumstances are keyword parameters whose defaults are the illustrative day of ``bench/models.py``
(they are choices of that benchmark, not physiology): air speed at the body 0.67 × the 10 m wind, walking clothing
capped at 1 clo for the heat model, 10 h nights asleep (41 W m-2) in a 0.4 m s-1 breeze with 1 clo of ground
insulation and no shelter, three people huddled, 10 min of bare skin, half the water untreated, 100 g of fat and
50 g of protein oxidised plus 60 % of the food energy as carbohydrate (4.1 kcal g-1), 10 % body-mass loss for the
exhaustion hazard, no walking in the dark.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import numpy as np
from numba import njit, prange

from longwalk.models import altitude, energy, hazards, thermal, walking, water
from longwalk.models._validate import (
    check_finite,
    check_fraction,
    check_in,
    check_nonnegative,
    check_positive,
    check_temperature,
    warn_outside,
)
from longwalk.models.altitude import _ams, _unacclimatised_excess, _vo2max_altitude, _west_pressure
from longwalk.models.energy import _hall_step, _mifflin_st_jeor
from longwalk.models.hazards import _exhaustion, _fall, _injury, _lost, _waterborne
from longwalk.models.thermal import (
    CLO,
    MAX_SHIVERING,
    TISSUE_INSULATION,
    _cold_storage_core,
    _frostbite,
    _frostbite_time,
    _heat_debt,
    _heat_illness,
    _huddling,
    _hypothermia,
    _ireq_core,
    _night_insulation,
    _resultant_insulation,
    _shivering,
    _temperature_drop,
    _wind_chill,
)
from longwalk.models.walking import (
    _affordable_movement_cost,
    _bink_fraction,
    _lcda_grade_coefficient,
    _lcda_rate,
    _lean_mass_ratio,
    _load_term,
    _preferred_speed,
    _rested_speed_core,
    _sustainable_rate,
)
from longwalk.models.water import (
    _dehydration,
    _dubois,
    _faecal_water,
    _heat_strain_core,
    _lethal_deficit,
    _metabolic_water,
    _obligatory_urine,
    _respiratory_loss,
    _skin_diffusion,
    _sweat_mass,
    _tissue_water,
)

__all__ = ["PERSON_DAY_INPUTS", "DailyPhysiology", "daily_physiology", "daily_physiology_reference"]

PERSON_DAY_INPUTS = (
    "body_mass", "height", "age", "sex", "fat_mass", "lean_mass", "baseline_lean_mass", "load_mass", "vo2max",
    "slope", "terrain_factor", "hours_walked", "elevation", "air_temperature_min", "air_temperature_max",
    "relative_humidity", "wind_speed", "clothing_insulation", "sleeping_gear_insulation", "energy_intake",
    "water_deficit", "acclimatised_altitude",
)
"""Names of the per-person-day inputs of :func:`daily_physiology`, in order."""

KCAL = 4184.0
"""One kcal [J]."""


class DailyPhysiology(NamedTuple):
    """Result of :func:`daily_physiology` and :func:`daily_physiology_reference`; arrays of the broadcast shape."""

    walking_speed: np.ndarray
    """The day's walking speed [m s-1] (Tobler's pace capped by the sustainable LCDA cost)."""
    water_balance: np.ndarray
    """Water made and freed minus water lost over the day, before drinking [kg]."""
    required_insulation: np.ndarray
    """ISO 11079 IREQ_min while walking at the night's minimum temperature [clo]."""
    energy_expenditure: np.ndarray
    """Resting metabolism + walking + night shivering [kcal day-1]."""
    fat_mass: np.ndarray
    """Fat mass after the day [kg]."""
    lean_mass: np.ndarray
    """Lean mass after the day [kg]."""
    hazard: np.ndarray
    """Sum of the day's mortality and morbidity hazards [day-1]."""


def daily_physiology_reference(body_mass, height, age, sex, fat_mass, lean_mass, baseline_lean_mass, load_mass,
                               vo2max, slope, terrain_factor, hours_walked, elevation, air_temperature_min,
                               air_temperature_max, relative_humidity, wind_speed, clothing_insulation,
                               sleeping_gear_insulation, energy_intake, water_deficit, acclimatised_altitude, *,
                               air_speed_fraction=0.67, walking_clothing_max=1.0, night_hours=10.0,
                               sleeping_metabolic_rate=41.0, night_air_speed=0.4, shelter_insulation=0.0,
                               ground_insulation=1.0, party_size=3.0, exposure_minutes=10.0,
                               untreated_fraction=0.5, fat_oxidised=0.1, carbohydrate_energy_fraction=0.6,
                               protein_oxidised=0.05, body_mass_loss=0.1) -> DailyPhysiology:
    """One day of physiology composed from the public model functions (the slow, obvious reference).

    Parameters are those of :func:`daily_physiology`.  Works on scalars or on arrays of any broadcastable shape and
    issues every range warning of the functions it calls.

    Examples
    --------
    A fit 70 kg man (VO2max 55) walking 8 h on the level with 15 kg at sea level keeps Tobler's 1.399 m s-1: he can
    sustain 0.347 · 55 · 70 / 60000 · 20100 = 447 W and LCDA costs 85 · (1.44 + 1.94 · 1.399^0.43 + 0.24 · 1.399^4)
    = 391 W at that speed:

    >>> day = daily_physiology_reference(70.0, 1.75, 30.0, 1.0, 12.0, 58.0, 58.0, 15.0, 55.0, 0.0, 1.0, 8.0,
    ...                                  0.0, 5.0, 20.0, 0.5, 3.0, 1.5, 4.0, 2500.0, 0.0, 0.0)
    >>> round(float(day.walking_speed), 3)
    1.399
    """
    mass = body_mass
    pressure = altitude.barometric_pressure(elevation)
    vo2 = (vo2max * altitude.vo2max_altitude_factor(elevation)
           * walking.vo2max_starvation_factor(lean_mass, baseline_lean_mass))
    speed = walking.daily_walking_speed(slope, terrain_factor, mass, load_mass, vo2, hours_walked)
    m_walk = walking.walking_metabolic_rate(speed, slope, mass, load_mass, terrain_factor)
    rmr = energy.resting_metabolic_rate(mass, height, age, sex)
    area = water.body_surface_area(mass, height)
    air_speed = air_speed_fraction * np.asarray(wind_speed, dtype=np.float64)
    # water
    sweat, core = water.heat_strain(air_temperature_max, relative_humidity, air_speed, m_walk / area,
                                    np.minimum(clothing_insulation, walking_clothing_max), walking_speed=speed)
    out = (water.sweat_loss(sweat, area, hours_walked)
           + water.respiratory_water_loss(air_temperature_min, relative_humidity, m_walk, hours_walked, pressure)
           + water.skin_diffusion_loss(area) + water.obligatory_urine_loss()
           + water.faecal_water_loss(energy_intake))
    water_in = water.metabolic_water(fat_oxidised, energy_intake * carbohydrate_energy_fraction / 4100.0,
                                     protein_oxidised)
    # cold: marching insulation need and the night
    ireq_march = thermal.required_insulation(air_temperature_min, relative_humidity, air_speed, m_walk / area, speed)
    i_clothes = thermal.resultant_insulation(clothing_insulation, air_speed)
    i_night = thermal.night_insulation(i_clothes, sleeping_gear_insulation, shelter_insulation, ground_insulation)
    s_night = thermal.cold_exposure_storage_rate(air_temperature_min, relative_humidity, night_air_speed,
                                                 sleeping_metabolic_rate, i_night)
    s_night = sleeping_metabolic_rate - thermal.huddling_heat_loss_factor(party_size) * (sleeping_metabolic_rate
                                                                                          - s_night)
    shiver = thermal.shivering_energy(s_night, area, night_hours)
    drop = thermal.body_temperature_drop(thermal.night_heat_debt(s_night, area, night_hours), mass)
    # energy and body composition
    expenditure = rmr + energy.activity_energy(m_walk, hours_walked, rmr) + shiver  # resting counted once
    fat, lean = energy.body_composition_step(fat_mass, lean_mass, energy_intake, expenditure)
    water_in = water_in + water.tissue_water_release(np.maximum(lean_mass - lean, 0.0))
    # hazards
    wct = thermal.wind_chill_temperature(air_temperature_min, wind_speed)
    distance = speed * hours_walked * 3600.0
    hazard = (water.dehydration_hazard(water_deficit, air_temperature_max)
              + thermal.hypothermia_hazard(drop)
              + thermal.frostbite_hazard(exposure_minutes, thermal.frostbite_time(wct))
              + thermal.heat_illness_hazard(core, hours_walked)
              + hazards.injury_hazard(distance, terrain_factor, load_mass / mass)
              + hazards.fall_hazard(slope, hours_walked)
              + hazards.waterborne_illness_hazard(untreated_fraction)
              + hazards.exhaustion_illness_hazard(body_mass_loss, hours_walked)
              + hazards.lost_hazard(hours_walked, 0.0)
              + altitude.ams_hazard(elevation, acclimatised_altitude))
    return DailyPhysiology(speed, water_in - out, ireq_march, expenditure, fat, lean, hazard)


@njit(cache=True, parallel=True)
def _daily_kernel_parallel(x, c, out):  # pragma: no cover - compiled; tested against the reference
    """All person-days on all cores: ``x`` the 22 input arrays (n,), ``c`` the day's constants, ``out`` (7, n)."""
    for i in prange(out.shape[1]):
        _person_day(x, c, out, i)


@njit(cache=True)
def _daily_kernel_serial(x, c, out):  # pragma: no cover - compiled; tested against the reference
    """As :func:`_daily_kernel_parallel`, on one core."""
    for i in range(out.shape[1]):
        _person_day(x, c, out, i)


@njit(cache=True)
def _person_day(x, c, out, i):  # pragma: no cover - compiled; tested against the reference
    """One person-day: the composition of :func:`daily_physiology_reference`, on scalars, written to ``out[:, i]``."""
    (mass, height, age, sex, fat0, lean0, lean_base, load, vo2max, slope, eta, hours, elevation, t_min, t_max, rh,
     wind, clothing, sleeping_gear, intake, deficit, acclimatised) = (
        x[0][i], x[1][i], x[2][i], x[3][i], x[4][i], x[5][i], x[6][i], x[7][i], x[8][i], x[9][i], x[10][i], x[11][i],
        x[12][i], x[13][i], x[14][i], x[15][i], x[16][i], x[17][i], x[18][i], x[19][i], x[20][i], x[21][i])
    (air_speed_fraction, walking_clothing_max, night_hours, sleep_met, night_air_speed, shelter, ground, party,
     exposed, untreated, fat_ox, carb_fraction, protein_ox, mass_loss) = (
        c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9], c[10], c[11], c[12], c[13])
    pressure = _west_pressure(elevation)
    vo2 = vo2max * _vo2max_altitude(elevation) * _lean_mass_ratio(lean0, lean_base)
    # daily_walking_speed (pace factor 1)
    ceiling = _sustainable_rate(_bink_fraction(hours), vo2, mass)
    target = _affordable_movement_cost(ceiling, mass, load, eta)
    speed = _rested_speed_core(1.0 * _preferred_speed(slope), target, _lcda_grade_coefficient(slope),
                               _load_term(mass, load, eta))
    m_walk = _lcda_rate(speed, slope, mass, load, eta)
    rmr = _mifflin_st_jeor(mass, height, age, sex)
    area = _dubois(mass, height)
    air_speed = air_speed_fraction * wind
    # water
    sweat, core = _heat_strain_core(t_max, t_max, air_speed, rh, m_walk / area, min(clothing, walking_clothing_max),
                                    speed, 1.0)
    lost = (_sweat_mass(sweat, area, hours)
            + _respiratory_loss(t_min, rh, m_walk, hours, pressure)
            + _skin_diffusion(area, 24.0) + _obligatory_urine(600.0, 1200.0)
            + _faecal_water(intake))
    water_in = _metabolic_water(fat_ox, intake * carb_fraction / 4100.0, protein_ox)
    # cold
    ireq = _ireq_core(t_min, rh, air_speed, m_walk / area, speed, 0.0) / CLO
    i_clothes = _resultant_insulation(clothing * CLO, air_speed, 0.0, 8.0)
    i_night = _night_insulation(i_clothes, sleeping_gear, shelter, ground)
    s_night = _cold_storage_core(t_min, rh, night_air_speed, sleep_met, 0.0, i_night * CLO, 37.0, TISSUE_INSULATION)
    s_night = sleep_met - _huddling(party) * (sleep_met - s_night)
    shiver = _shivering(s_night, area, night_hours, MAX_SHIVERING)
    drop = _temperature_drop(_heat_debt(s_night, area, night_hours, MAX_SHIVERING), mass)
    # energy and body composition
    # the walking rate is gross (it includes resting metabolism): count resting once, as energy.activity_energy
    expenditure = rmr + max(m_walk - rmr / (86400.0 / KCAL), 0.0) * hours * 3600.0 / KCAL + shiver
    fat, lean = _hall_step(fat0, lean0, intake - expenditure, 1.0)
    water_in = water_in + _tissue_water(max(lean0 - lean, 0.0))
    # hazards
    wct = _wind_chill(t_min, wind * 3.6)
    distance = speed * hours * 3600.0
    hazard = (_dehydration(deficit, _lethal_deficit(t_max))
              + _hypothermia(drop)
              + _frostbite(exposed, _frostbite_time(wct))
              + _heat_illness(core, hours)
              + _injury(distance / 1000.0, eta, load / mass)
              + _fall(abs(slope), hours, 0.0, False)
              + _waterborne(untreated, 1.0)
              + _exhaustion(mass_loss, hours)
              + _lost(hours, 0.0, 0.0, 0.0, False)
              + _ams(_unacclimatised_excess(elevation, acclimatised)))
    out[0, i] = speed
    out[1, i] = water_in - lost
    out[2, i] = ireq
    out[3, i] = expenditure
    out[4, i] = fat
    out[5, i] = lean
    out[6, i] = hazard


def _check_inputs(values: dict) -> list[np.ndarray]:
    """The input checks of the composed functions, once per input; the arrays in :data:`PERSON_DAY_INPUTS` order."""
    checks = {
        "body_mass": check_positive, "height": check_positive, "age": check_nonnegative,
        "fat_mass": check_nonnegative, "lean_mass": check_nonnegative, "baseline_lean_mass": check_positive,
        "load_mass": check_nonnegative, "vo2max": check_positive, "slope": check_finite,
        "terrain_factor": check_positive, "hours_walked": check_positive, "elevation": check_finite,
        "air_temperature_min": check_temperature, "air_temperature_max": check_temperature,
        "relative_humidity": check_fraction, "wind_speed": check_nonnegative,
        "clothing_insulation": check_nonnegative, "sleeping_gear_insulation": check_nonnegative,
        "energy_intake": check_nonnegative, "water_deficit": check_nonnegative,
        "acclimatised_altitude": check_finite,
    }
    arrays = []
    for name in PERSON_DAY_INPUTS:
        value = values[name]
        arrays.append(check_in(name, value, (0, 1)) if name == "sex" else checks[name](name, value))
    return arrays


def _warn_inputs(a: dict) -> None:
    """Range warnings of the composed functions that concern the inputs themselves (not derived quantities)."""
    warn_outside("body_mass", a["body_mass"], 30.0, 150.0, "DuBois 1916 body surface area", stacklevel=4)
    warn_outside("height", a["height"], 1.4, 2.1, "DuBois 1916 body surface area", stacklevel=4)
    warn_outside("age", a["age"], 18.0, 80.0, "Mifflin-St Jeor 1990", stacklevel=4)
    warn_outside("slope", a["slope"], -0.40, 0.45, "LCDA (Looney 2019)", stacklevel=4)
    warn_outside("hours_walked", a["hours_walked"], 1.0, 12.0, "Bink 1962 sustainable work fraction", stacklevel=4)
    warn_outside("elevation", a["elevation"], -500.0, 8848.0,
                 "VO2max-altitude points (Wehrlin 2006, MacInnis 2015, OEII)", stacklevel=4)
    warn_outside("air_temperature_max", a["air_temperature_max"], 15.0, 50.0, "ISO 7933 steady state", stacklevel=4)
    warn_outside("air_temperature_min", a["air_temperature_min"], None, 10.0, "ISO 11079", stacklevel=4)
    warn_outside("energy_intake", a["energy_intake"], 0.0, 6000.0, "faecal water (IOM 2005, estimate)", stacklevel=4)
    warn_outside("water_deficit", a["water_deficit"], 0.0, 0.3, "dehydration hazard (NAVEDTRA, estimate)",
                 stacklevel=4)


def daily_physiology(body_mass, height, age, sex, fat_mass, lean_mass, baseline_lean_mass, load_mass, vo2max, slope,
                     terrain_factor, hours_walked, elevation, air_temperature_min, air_temperature_max,
                     relative_humidity, wind_speed, clothing_insulation, sleeping_gear_insulation, energy_intake,
                     water_deficit, acclimatised_altitude, *, air_speed_fraction=0.67, walking_clothing_max=1.0,
                     night_hours=10.0, sleeping_metabolic_rate=41.0, night_air_speed=0.4, shelter_insulation=0.0,
                     ground_insulation=1.0, party_size=3.0, exposure_minutes=10.0, untreated_fraction=0.5,
                     fat_oxidised=0.1, carbohydrate_energy_fraction=0.6, protein_oxidised=0.05, body_mass_loss=0.1,
                     parallel=True) -> DailyPhysiology:
    """One day of physiology for many person-days in one compiled pass (fused kernel).

    Computes what :func:`daily_physiology_reference` composes from the public model functions — the same equations,
    called as the same compiled scalar functions — for every person-day at once, optionally on all cores.

    Parameters
    ----------
    body_mass, height, age, sex : array_like
        Body mass [kg], height [m], age [year], sex [-] (1 male, 0 female).
    fat_mass, lean_mass, baseline_lean_mass : array_like
        Fat and lean mass at the start of the day, lean mass before the journey [kg].
    load_mass : array_like
        Carried load [kg].
    vo2max : array_like
        Sea-level, well-fed VO2max per kg of current body mass [mL kg-1 min-1].
    slope, terrain_factor : array_like
        The day's slope (rise over run) [-] and terrain coefficient η [-].
    hours_walked : array_like
        Hours walked in the day [h].
    elevation : array_like
        Altitude of the day's walk and of the night [m].
    air_temperature_min, air_temperature_max : array_like
        Night minimum (cold models, breath) and day maximum (heat model, dehydration) air temperature [°C].
    relative_humidity : array_like
        Relative humidity [-].
    wind_speed : array_like
        Wind speed at 10 m [m s-1].
    clothing_insulation, sleeping_gear_insulation : array_like
        Static clothing and sleeping-gear insulation [clo].
    energy_intake : array_like
        Food energy eaten [kcal day-1].
    water_deficit : array_like
        Body water deficit at the start of the day [-] (fraction of body mass).
    acclimatised_altitude : array_like
        Acclimatised altitude [m].
    air_speed_fraction, walking_clothing_max, night_hours, sleeping_metabolic_rate, night_air_speed, \
shelter_insulation, ground_insulation, party_size, exposure_minutes, untreated_fraction, fat_oxidised, \
carbohydrate_energy_fraction, protein_oxidised, body_mass_loss : float
        The day's fixed circumstances: air speed at the body per wind [-], clothing cap for the heat model [clo],
        night length [h], sleeping metabolic rate [W m-2], air speed at the sleeper [m s-1], shelter and ground
        insulation [clo], people huddled [-], minutes of bare skin [min], untreated fraction of the water [-], fat
        and protein oxidised [kg], share of the food energy eaten as carbohydrate [-], body-mass loss fraction for
        the exhaustion hazard [-].  Defaults: the benchmark day described in the module docstring.
    parallel : bool
        Use all cores (numba ``prange``); the results are identical either way.

    Returns
    -------
    DailyPhysiology
        Arrays of the broadcast shape of the inputs (see the field docs for units).

    Notes
    -----
    Equations, sources and valid ranges: those of the public functions named in :func:`daily_physiology_reference`.
    Bad inputs raise ``ValueError`` naming the parameter; inputs outside a model's range warn
    (:class:`~longwalk.models._validate.ModelRangeWarning`); derived quantities are not range-checked here.

    Examples
    --------
    The example of :func:`daily_physiology_reference`, fused: Tobler's 1.399 m s-1 on the level:

    >>> day = daily_physiology(70.0, 1.75, 30.0, 1.0, 12.0, 58.0, 58.0, 15.0, 55.0, 0.0, 1.0, 8.0,
    ...                        0.0, 5.0, 20.0, 0.5, 3.0, 1.5, 4.0, 2500.0, 0.0, 0.0)
    >>> round(float(day.walking_speed), 3)
    1.399
    """
    named = dict(zip(PERSON_DAY_INPUTS, (
        body_mass, height, age, sex, fat_mass, lean_mass, baseline_lean_mass, load_mass, vo2max, slope,
        terrain_factor, hours_walked, elevation, air_temperature_min, air_temperature_max, relative_humidity,
        wind_speed, clothing_insulation, sleeping_gear_insulation, energy_intake, water_deficit,
        acclimatised_altitude), strict=True))
    arrays = _check_inputs(named)
    _warn_inputs(dict(zip(PERSON_DAY_INPUTS, arrays, strict=True)))
    constants = np.array([air_speed_fraction, walking_clothing_max, night_hours, sleeping_metabolic_rate,
                          night_air_speed, shelter_insulation, ground_insulation, party_size, exposure_minutes,
                          untreated_fraction, fat_oxidised, carbohydrate_energy_fraction, protein_oxidised,
                          body_mass_loss], dtype=np.float64)
    if not np.all(np.isfinite(constants)) or np.any(constants < 0.0):
        raise ValueError(f"the day's constants must be finite and >= 0, got {constants.tolist()}")
    shape = np.broadcast_shapes(*(a.shape for a in arrays))
    x = tuple(_flat_readonly(a, shape) for a in arrays)
    out = np.empty((len(DailyPhysiology._fields), int(np.prod(shape))), dtype=np.float64)
    (_daily_kernel_parallel if parallel else _daily_kernel_serial)(x, constants, out)
    return DailyPhysiology(*(row.reshape(shape) for row in out))


def _flat_readonly(a: np.ndarray, shape: tuple) -> np.ndarray:
    """``a`` broadcast to ``shape``, flat and C-contiguous — a view when ``a`` already has that shape, else a copy.

    Always read-only, so the kernel sees one argument type whichever inputs are scalars (numba compiles, and caches,
    one specialisation per combination of argument types).
    """
    flat = np.ascontiguousarray(np.broadcast_to(a, shape)).reshape(-1).view()
    flat.flags.writeable = False
    return flat


def _drop_stale_kernel_cache() -> None:
    """Delete this module's cached kernels when an equation module is newer than them.

    numba's on-disk cache is keyed on the source file of the cached function only, so an edit to an equation in
    ``walking.py`` (say) would not reach the fused kernel compiled here.  Numba recompiles what is missing.
    """
    here = Path(__file__).parent
    cache_dir = here / "__pycache__"
    try:
        newest = max(p.stat().st_mtime for p in here.glob("*.py"))
        for cached in cache_dir.glob("daily.*.nb[ci]"):
            if cached.stat().st_mtime < newest:
                cached.unlink(missing_ok=True)
    except OSError:  # read-only install or a concurrent clean-up: numba's own checks still apply
        pass


_drop_stale_kernel_cache()
