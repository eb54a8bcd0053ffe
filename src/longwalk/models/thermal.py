"""Cold and heat: required insulation, night heat debt, shivering, hypothermia, frostbite, heat illness.

Insulation is in clo (1 clo = 0.155 m2 K W-1); heat fluxes per DuBois surface in [W m-2]; metabolic rate per
surface in [W m-2] (1 met = 58.15 W m-2).  Radiant temperature is taken equal to air temperature in the cold
models (no sun, no night-sky radiation): pass an operative temperature as ``air_temperature`` to include them.

The ISO 11079 heat balance is solved in a compiled kernel (``numba.vectorize``), so a whole population is
evaluated at once; tests compare it with pythermalcomfort's ``ireq``.  The heat side (sweat, core temperature)
lives in :mod:`longwalk.models.water`.

Sources: ISO 11079:2007 Annex A (as coded in pythermalcomfort 4.8.1 ``models/ireq.py``); JAG/TI 2001 wind chill;
Environment Canada wind-chill frostbite bands; physiology.md §4.

Equations that compiled code may also call are written once, in private
functions decorated with ``numba.extending.register_jitable`` (plain NumPy when the public function calls them on
arrays, compiled for scalars inside the kernel) or as ``njit`` scalar cores with a ``vectorize`` wrapper.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit
from numba.extending import register_jitable

from longwalk.models._jit import interp, vectorize, where
from longwalk.models._validate import (
    check_fraction,
    check_nonnegative,
    check_positive,
    check_temperature,
    warn_outside,
)

__all__ = [
    "CLO",
    "BODY_SPECIFIC_HEAT",
    "MAX_SHIVERING",
    "CAMPFIRE_HEAT_GAIN",
    "required_insulation",
    "resultant_insulation",
    "body_heat_storage_rate",
    "TISSUE_INSULATION",
    "cold_exposure_storage_rate",
    "duration_limited_exposure",
    "night_insulation",
    "huddling_heat_loss_factor",
    "wet_clothing_insulation",
    "shivering_energy",
    "night_heat_debt",
    "body_temperature_drop",
    "hypothermia_hazard",
    "wind_chill_temperature",
    "frostbite_time",
    "frostbite_hazard",
    "heat_illness_hazard",
    "clothing_walking_cost_factor",
]

CLO = 0.155
"""One clo [m2 K W-1]."""

BODY_SPECIFIC_HEAT = 3490.0
"""Specific heat of the human body [J kg-1 K-1] (ISO 7933 uses 57.83 W min m-2 K-1 ≈ 3.49 kJ kg-1 K-1)."""

MAX_SHIVERING = 90.0
"""Most heat shivering can add for hours [W m-2] — an estimate.  Peak shivering measured by Eyolfson et al. 2001
(Eur J Appl Physiol 84:100, 15 subjects) is 4.9 (SD 0.8) times resting metabolism, i.e. about 3.9 × 45 ≈ 175
W m-2 above rest; shivering fades over hours of exposure (Tikuisis et al. 2001, DCIEM "Evidence of shivering
fatigue"), so about half of that peak increment is taken as what a person keeps up through a night."""

CAMPFIRE_HEAT_GAIN = 40.0
"""Mean radiant gain from a tended campfire over the body surface [W m-2] — an estimate: one side of the body
at 1–2 m from a small fire receives about 100–150 W m-2, averaged over the whole surface and a night of tending."""

_ISO11079 = "ISO 11079"


@njit(cache=True)
def _ireq_core(ta, rh, vr, met, walk_sp, neutral):
    """IREQ [m2 K W-1] from the ISO 11079 balance with t_r = t_a (closed-form dry loss), by bisection."""
    if neutral > 0.5:
        t_sk = 35.7 - 0.0285 * met
        w = 0.001 * met
    else:
        t_sk = 33.34 - 0.0354 * met
        w = 0.06
    i_a = 0.092 * math.exp(-0.15 * vr - 0.22 * walk_sp) - 0.0045
    t_ex = 29.0 + 0.2 * ta
    p_ex = 0.1333 * math.exp(18.6686 - 4030.183 / (t_ex + 235.0))
    p_a = rh * 0.1333 * math.exp(18.6686 - 4030.183 / (ta + 235.0))
    p_sk = 0.1333 * math.exp(18.6686 - 4030.183 / (t_sk + 235.0))
    res = 1.73e-2 * met * (p_ex - p_a) + 1.4e-3 * met * (t_ex - ta)
    h = met - res
    c = w * (p_sk - p_a) / (0.06 / 0.38)
    d = t_sk - ta
    # g(I) = (H - c/(I_a + I)) (I + I_a/f_cl(I)) - (t_sk - t_a) rises with I: safeguarded Newton in [0, 6]
    lo = 0.0
    hi = 6.0
    if (h - c / i_a) * i_a - d >= 0.0:
        return 0.0
    x = min(max(d / max(h, 1.0), 0.01), 5.9)
    for _ in range(40):
        fcl = 1.0 + 1.197 * x
        e = c / (i_a + x)
        span = x + i_a / fcl
        g = (h - e) * span - d
        if g > 0.0:
            hi = x
        else:
            lo = x
        dg = e / (i_a + x) * span + (h - e) * (1.0 - 1.197 * i_a / (fcl * fcl))
        x_new = x - g / dg if dg > 0.0 else 0.5 * (lo + hi)
        if not (lo <= x_new <= hi):
            x_new = 0.5 * (lo + hi)
        if abs(x_new - x) < 1e-8:
            return x_new
        x = x_new
    return x


@vectorize(["float64(float64, float64, float64, float64, float64, float64)"], cache=True)
def _ireq_kernel(ta, rh, vr, met, walk_sp, neutral):  # pragma: no cover - compiled
    """Elementwise :func:`_ireq_core`."""
    return _ireq_core(ta, rh, vr, met, walk_sp, neutral)


@njit(cache=True)
def _storage_core(ta, rh, vr, met, walk_sp, i_r):
    """Body heat storage rate S [W m-2] at resultant insulation i_r [m2 K W-1], ISO 11079 minimal criterion."""
    t_sk = 33.34 - 0.0354 * met
    w = 0.06
    i_a = 0.092 * math.exp(-0.15 * vr - 0.22 * walk_sp) - 0.0045
    t_ex = 29.0 + 0.2 * ta
    p_ex = 0.1333 * math.exp(18.6686 - 4030.183 / (t_ex + 235.0))
    p_a = rh * 0.1333 * math.exp(18.6686 - 4030.183 / (ta + 235.0))
    p_sk = 0.1333 * math.exp(18.6686 - 4030.183 / (t_sk + 235.0))
    res = 1.73e-2 * met * (p_ex - p_a) + 1.4e-3 * met * (t_ex - ta)
    e = w * (p_sk - p_a) / ((0.06 / 0.38) * (i_a + i_r))
    dry = (t_sk - ta) / (i_r + i_a / (1.0 + 1.197 * i_r))
    return met - res - e - dry


@vectorize(["float64(float64, float64, float64, float64, float64, float64)"], cache=True)
def _storage_kernel(ta, rh, vr, met, walk_sp, i_r):  # pragma: no cover - compiled
    """Elementwise :func:`_storage_core`."""
    return _storage_core(ta, rh, vr, met, walk_sp, i_r)


def _cold_inputs(air_temperature, relative_humidity, air_speed, metabolic_rate_per_area, walking_speed):
    ta = check_temperature("air_temperature", air_temperature)
    rh = check_fraction("relative_humidity", relative_humidity)
    vr = check_nonnegative("air_speed", air_speed)
    met = check_positive("metabolic_rate_per_area", metabolic_rate_per_area)
    ws = check_nonnegative("walking_speed", walking_speed)
    warn_outside("air_temperature", ta, None, 10.0, _ISO11079)
    warn_outside("air_speed", vr, 0.4, 18.0, _ISO11079)
    return ta, rh, vr, met, ws


def required_insulation(air_temperature, relative_humidity, air_speed, metabolic_rate_per_area, walking_speed=0.0,
                        criterion="minimal"):
    """Clothing insulation needed for heat balance in the cold (ISO 11079 IREQ).

    Parameters
    ----------
    air_temperature : array_like
        Air (= mean radiant) temperature [°C].
    relative_humidity : array_like
        Relative humidity [-], 0..1.
    air_speed : array_like
        Air speed at the body [m s-1].
    metabolic_rate_per_area : array_like
        Metabolic rate per DuBois surface [W m-2]; sleeping about 41 (0.7 met), walking 1.1 m s-1 about 150.
    walking_speed : array_like
        Walking speed [m s-1].
    criterion : {"minimal", "neutral"}
        IREQ_min (skin 33.34 - 0.0354 M °C, wettedness 0.06: slight cooling accepted) or IREQ_neutral
        (35.7 - 0.0285 M °C, wettedness 0.001 M: thermal neutrality).

    Returns
    -------
    numpy.ndarray
        Required resultant clothing insulation [clo]; 0 where no clothing is needed.

    Notes
    -----
    ISO 11079:2007 Annex A: find I such that M - W - C_res - E_res - E(I) = R + C, with
    E = w (p_sk - p_a) / (0.06/0.38 · (I_a + I)), I_a = 0.092 exp(-0.15 v - 0.22 w_s) - 0.0045,
    f_cl = 1 + 1.197 I, C_res + E_res = 1.4e-3 M (t_ex - t_a) + 1.73e-2 M (p_ex - p_a), t_ex = 29 + 0.2 t_a.
    With t_r = t_a the standard's convective coefficient 1/I_a - h_r makes R + C = (t_sk - t_a)/(I + I_a/f_cl)
    exactly, solved here by safeguarded Newton iteration.  Valid range (ISO 11079): t_a ≤ 10 °C, 0.4–18 m s-1,
    58–400 W m-2.

    Examples
    --------
    ISO 11079 worked example (−15 °C, 55 %, 2 m s-1, 175 W m-2, walking 1.1 m s-1): IREQ_min 1.6 clo.

    >>> round(float(required_insulation(-15.0, 0.55, 2.0, 175.0, 1.1)), 1)
    1.6
    """
    ta, rh, vr, met, ws = _cold_inputs(air_temperature, relative_humidity, air_speed, metabolic_rate_per_area,
                                       walking_speed)
    if criterion not in ("minimal", "neutral"):
        raise ValueError(f"criterion must be 'minimal' or 'neutral', got {criterion!r}")
    warn_outside("metabolic_rate_per_area", met, 58.0, 400.0, _ISO11079)
    return _ireq_kernel(ta, rh, vr, met, ws, 1.0 if criterion == "neutral" else 0.0) / CLO


def resultant_insulation(clothing_insulation, air_speed, walking_speed=0.0, air_permeability=8.0):
    """Resultant (dynamic) insulation of clothing once wind and walking pump air through it.

    Parameters
    ----------
    clothing_insulation : array_like
        Basic (static) clothing insulation I_cl [clo].
    air_speed : array_like
        Air speed at the body [m s-1].
    walking_speed : array_like
        Walking speed [m s-1].
    air_permeability : array_like
        Air permeability of the outer layer [l m-2 s-1]; windproof about 1–8, ordinary wool 50–1000.

    Returns
    -------
    numpy.ndarray
        Resultant clothing insulation I_cl,r [clo].

    Notes
    -----
    ISO 11079 Annex A: I_cl,r = (I_cl + 0.085/f_cl) · c - I_a/f_cl, with
    c = 0.54 exp(-0.15 v - 0.22 w_s) p^0.075 - 0.06 ln p + 0.5, I_a = 0.092 exp(-0.15 v - 0.22 w_s) - 0.0045
    [m2 K W-1] and f_cl = 1 + 1.197 I_cl,r (fixed point, five iterations).  Valid range: 0.4–18 m s-1,
    1–1000 l m-2 s-1.

    Examples
    --------
    Windproof (p = 8) 3 clo standing in a 0.4 m s-1 breeze keeps about 2.9 clo:

    >>> round(float(resultant_insulation(3.0, 0.4)), 1)
    2.9
    """
    icl = check_nonnegative("clothing_insulation", clothing_insulation) * CLO
    vr = check_nonnegative("air_speed", air_speed)
    ws = check_nonnegative("walking_speed", walking_speed)
    p = check_positive("air_permeability", air_permeability)
    warn_outside("air_permeability", p, 1.0, 1000.0, _ISO11079)
    return _resultant_insulation(icl, vr, ws, p)


@register_jitable
def _resultant_insulation(icl, air_speed, walking_speed, air_permeability):
    """ISO 11079 resultant clothing insulation [clo] from the static insulation ``icl`` [m2 K W-1]."""
    ex = np.exp(-0.15 * air_speed - 0.22 * walking_speed)
    corr = 0.54 * ex * air_permeability**0.075 - 0.06 * np.log(air_permeability) + 0.5
    i_a = 0.092 * ex - 0.0045
    i_r = icl
    for _ in range(5):
        fcl = 1.0 + 1.197 * i_r
        i_r = (icl + 0.085 / fcl) * corr - i_a / fcl
    return np.maximum(i_r, 0.0) / CLO


def body_heat_storage_rate(air_temperature, relative_humidity, air_speed, metabolic_rate_per_area, insulation,
                           walking_speed=0.0):
    """Rate the body gains (+) or loses (−) heat at a given insulation in the cold (ISO 11079 minimal criterion).

    Parameters
    ----------
    air_temperature : array_like
        Air (= mean radiant) temperature [°C].
    relative_humidity : array_like
        Relative humidity [-].
    air_speed : array_like
        Air speed at the body [m s-1].
    metabolic_rate_per_area : array_like
        Metabolic rate per DuBois surface [W m-2].
    insulation : array_like
        Resultant insulation of everything around the body [clo] (clothing, bag, shelter).
    walking_speed : array_like
        Walking speed [m s-1].

    Returns
    -------
    numpy.ndarray
        Heat storage rate S [W m-2]; negative is a heat debt building up.

    Notes
    -----
    S = M - C_res - E_res - E - (t_sk - t_a)/(I + I_a/f_cl), skin at 33.34 - 0.0354 M °C, wettedness 0.06
    (ISO 11079 Annex A, the balance behind DLE).  Valid range (ISO 11079): t_a ≤ 10 °C, 0.4–18 m s-1; also used
    below 58 W m-2 (sleeping), as pythermalcomfort does with ``limit_inputs=False``.

    Examples
    --------
    At the insulation IREQ_min gives, the balance is zero:

    >>> i = required_insulation(-15.0, 0.55, 2.0, 175.0, 1.1)
    >>> abs(float(body_heat_storage_rate(-15.0, 0.55, 2.0, 175.0, i, 1.1))) < 1e-6
    True
    """
    ta, rh, vr, met, ws = _cold_inputs(air_temperature, relative_humidity, air_speed, metabolic_rate_per_area,
                                       walking_speed)
    ir = check_nonnegative("insulation", insulation) * CLO
    return _storage_kernel(ta, rh, vr, met, ws, ir)


TISSUE_INSULATION = 0.1
"""Insulation of the body shell of a vasoconstricted person at rest in the cold [m2 K W-1] (≈ 0.65 clo) — from
memory of the literature [M], not re-checked: maximal tissue insulation measured in cold-water immersion is about
0.05 m2 K W-1 in lean and 0.15 in fat men (Veicsteinas et al. 1982, J Appl Physiol 52:1557; Burton & Edholm 1955
*Man in a Cold Environment*); 0.1 is taken for an average man.  The conduction through this shell is the
core-to-skin path of Tikuisis's cold-survival model (Tikuisis 1995, Int J Biometeorol 39:94)."""


@njit(cache=True)
def _cold_storage_core(ta, rh, vr, met, walk_sp, i_r, t_core, i_t):
    """Heat storage rate S [W m-2] of a vasoconstricted body: core → tissue → clothing → air, ISO 11079 breath."""
    i_a = 0.092 * math.exp(-0.15 * vr - 0.22 * walk_sp) - 0.0045
    dry = (t_core - ta) / (i_t + i_r + i_a / (1.0 + 1.197 * i_r))
    t_sk = t_core - i_t * dry
    t_ex = 29.0 + 0.2 * ta
    p_ex = 0.1333 * math.exp(18.6686 - 4030.183 / (t_ex + 235.0))
    p_a = rh * 0.1333 * math.exp(18.6686 - 4030.183 / (ta + 235.0))
    p_sk = 0.1333 * math.exp(18.6686 - 4030.183 / (t_sk + 235.0))
    res = 1.73e-2 * met * (p_ex - p_a) + 1.4e-3 * met * (t_ex - ta)
    e = max(0.06 * (p_sk - p_a) / ((0.06 / 0.38) * (i_a + i_r)), 0.0)
    return met - res - e - dry


@vectorize(["float64(float64, float64, float64, float64, float64, float64, float64, float64)"], cache=True)
def _cold_storage_kernel(ta, rh, vr, met, walk_sp, i_r, t_core, i_t):  # pragma: no cover - compiled
    """Elementwise :func:`_cold_storage_core`."""
    return _cold_storage_core(ta, rh, vr, met, walk_sp, i_r, t_core, i_t)


def cold_exposure_storage_rate(air_temperature, relative_humidity, air_speed, metabolic_rate_per_area, insulation,
                               walking_speed=0.0, core_temperature=37.0, tissue_insulation=TISSUE_INSULATION):
    """Rate a person exposed to cold gains (+) or loses (−) heat, with the skin allowed to cool (survival balance).

    Parameters
    ----------
    air_temperature : array_like
        Air (= mean radiant) temperature [°C].
    relative_humidity : array_like
        Relative humidity [-].
    air_speed : array_like
        Air speed at the body [m s-1].
    metabolic_rate_per_area : array_like
        Metabolic rate without shivering, per DuBois surface [W m-2].
    insulation : array_like
        Resultant insulation of everything around the body [clo] (clothing, bag, shelter).
    walking_speed : array_like
        Walking speed [m s-1].
    core_temperature : array_like
        Core temperature [°C].
    tissue_insulation : array_like
        Insulation of the vasoconstricted body shell [m2 K W-1] (:data:`TISSUE_INSULATION`).

    Returns
    -------
    numpy.ndarray
        Heat storage rate S [W m-2] before shivering; negative is heat the body must make up by shivering or lose.

    Notes
    -----
    Heat flows from the core through the shell (tissue insulation I_t), the clothing (I_r) and the boundary air
    (I_a / f_cl, ISO 11079): dry = (t_core − t_a) / (I_t + I_r + I_a/f_cl); the skin settles at
    t_sk = t_core − I_t · dry.  Breath and skin diffusion follow ISO 11079 Annex A (wettedness 0.06, evaporation
    at the skin temperature so found); S = M − C_res − E_res − E − dry.  This is the single-cylinder balance of
    Tikuisis 1995 (core, fat-and-skin shell, clothing-and-air shell) in steady state.  ISO 11079's
    :func:`body_heat_storage_rate` instead holds the skin at 33.34 − 0.0354 M °C (31.7 °C asleep), a
    minimal-strain *comfort* criterion: for a person without bedding it overstates the heat lost in mild cold by
    half (at +6 °C in 1 clo: 150 against 100 W m-2), because a cold person's skin falls to 20–25 °C (Eyolfson et
    al. 2001 measured mean skin 22 °C at peak shivering).  Use this balance for hypothermia and survival, ISO 11079
    for clothing advice.  Valid range: −50..+25 °C, 0.4–18 m s-1, 40–400 W m-2.

    Examples
    --------
    Nude (0 clo) in still air (I_a = 0.092 e^-0.06 − 0.0045 = 0.0821) at 0 °C, sitting at 58 W m-2: the dry loss is
    37 / (0.1 + 0.0821) = 203 W m-2, breath and skin take about 14 more:

    >>> round(float(cold_exposure_storage_rate(0.0, 0.5, 0.4, 58.0, 0.0)))
    -159
    """
    ta = check_temperature("air_temperature", air_temperature)
    rh = check_fraction("relative_humidity", relative_humidity)
    vr = check_nonnegative("air_speed", air_speed)
    met = check_positive("metabolic_rate_per_area", metabolic_rate_per_area)
    ws = check_nonnegative("walking_speed", walking_speed)
    warn_outside("air_temperature", ta, -50.0, 25.0, "cold survival balance (Tikuisis 1995)")
    warn_outside("air_speed", vr, 0.4, 18.0, "cold survival balance (ISO 11079 air layer)")
    warn_outside("metabolic_rate_per_area", met, 40.0, 400.0, "cold survival balance")
    ir = check_nonnegative("insulation", insulation) * CLO
    tc = check_temperature("core_temperature", core_temperature)
    it = check_positive("tissue_insulation", tissue_insulation)
    return _cold_storage_kernel(ta, rh, vr, met, ws, ir, tc, it)


def duration_limited_exposure(storage_rate):
    """Time until the body's heat debt reaches the ISO 11079 limit of 40 W h m-2.

    Parameters
    ----------
    storage_rate : array_like
        Heat storage rate S [W m-2] (negative when losing heat).

    Returns
    -------
    numpy.ndarray
        DLE [h]; infinite where the body is not losing heat.

    Notes
    -----
    DLE = 40 / (−S) (ISO 11079:2007, Q_lim = 40 W h m-2).  Valid for any finite S.

    Examples
    --------
    >>> float(duration_limited_exposure(-20.0))
    2.0
    """
    s = check_nonnegative("-storage_rate", -np.minimum(np.asarray(storage_rate, dtype=np.float64), 0.0))
    with np.errstate(divide="ignore"):
        return np.where(s > 0, 40.0 / np.where(s > 0, s, 1.0), np.inf)


def night_insulation(clothing_insulation, sleeping_gear_insulation=0.0, shelter_insulation=0.0,
                     ground_insulation=0.0):
    """Total insulation around a sleeper: clothes, bag or blankets, shelter, ground pad.

    Parameters
    ----------
    clothing_insulation : array_like
        Resultant clothing insulation [clo].
    sleeping_gear_insulation : array_like
        Sleeping bag, blankets or furs [clo]; a −20 °C bag is about 8–9 clo equivalent (physiology.md §4.1).
    shelter_insulation : array_like
        Still-air layer of a tent, hut or snow cave [clo] — estimate ~0.5–1 for a tent, ~2 for a snow cave.
    ground_insulation : array_like
        Pad, boughs or grass under the sleeper [clo]; a pad of R 1 is about 1.1 clo (ASTM F3340) [M].

    Returns
    -------
    numpy.ndarray
        Total resultant insulation [clo].

    Notes
    -----
    Layers add (ISO 9920 summation rule: the insulation of an ensemble is about the sum of its garments).  The
    ground pad only covers the part of the body against the ground (about a quarter of the surface); it enters
    as a quarter of its value (an estimate).  Valid range: 0–20 clo in total.

    Examples
    --------
    >>> float(night_insulation(2.0, 6.0, 1.0, 2.0))
    9.5
    """
    c = check_nonnegative("clothing_insulation", clothing_insulation)
    b = check_nonnegative("sleeping_gear_insulation", sleeping_gear_insulation)
    s = check_nonnegative("shelter_insulation", shelter_insulation)
    g = check_nonnegative("ground_insulation", ground_insulation)
    total = _night_insulation(c, b, s, g)
    warn_outside("total insulation", total, 0.0, 20.0, "ISO 9920 summation")
    return total


@register_jitable
def _night_insulation(clothing, sleeping_gear, shelter, ground):
    """Total night insulation [clo] (ISO 9920 summation, a quarter of the ground pad)."""
    return clothing + sleeping_gear + shelter + 0.25 * ground


def huddling_heat_loss_factor(party_size):
    """Fraction of a lone sleeper's heat loss that remains when sleeping huddled with others.

    Parameters
    ----------
    party_size : array_like
        Number of people huddled together [-], at least 1.

    Returns
    -------
    numpy.ndarray
        Heat-loss factor [-], 1 alone.

    Notes
    -----
    f = 1 - 0.3 (1 - 1/n): an estimate from the share of body surface covered by neighbours (two sleepers
    back to back cover about 15 % each; a tight group of many tends to 30 %).  Valid range: 1–12.

    Examples
    --------
    >>> float(huddling_heat_loss_factor(2))
    0.85
    """
    n = check_positive("party_size", party_size)
    warn_outside("party_size", n, 1.0, 12.0, "huddling (estimate)")
    return _huddling(n)


@register_jitable
def _huddling(party_size):
    """Huddling heat-loss factor [-] (estimate)."""
    return 1.0 - 0.3 * (1.0 - 1.0 / np.maximum(party_size, 1.0))


def wet_clothing_insulation(clothing_insulation, wetness, soaked_loss=0.5):
    """Insulation left in clothing that is partly or wholly wet.

    Parameters
    ----------
    clothing_insulation : array_like
        Dry insulation [clo].
    wetness : array_like
        How wet [-]: 0 dry, 1 soaked.
    soaked_loss : array_like
        Fraction of insulation lost when soaked [-]: 0.3 for wool or fur, 0.9 for down, 0.5 for mixed
        (physiology.md §4.3: wet clothing loses 30–90 % [M]).

    Returns
    -------
    numpy.ndarray
        Wet insulation [clo].

    Notes
    -----
    I_wet = I (1 - soaked_loss · wetness); the linearity in wetness is an estimate.  Valid: any inputs in range.

    Examples
    --------
    Half-wet mixed clothing of 2 clo: 2 (1 - 0.5 · 0.5) = 1.5 clo:

    >>> float(wet_clothing_insulation(2.0, 0.5))
    1.5
    """
    i = check_nonnegative("clothing_insulation", clothing_insulation)
    w = check_fraction("wetness", wetness)
    f = check_fraction("soaked_loss", soaked_loss)
    return i * (1.0 - f * w)


def shivering_energy(storage_rate, body_surface_area, hours, max_shivering=MAX_SHIVERING):
    """Food energy burnt by shivering to cover a heat debt.

    Parameters
    ----------
    storage_rate : array_like
        Heat storage rate S without shivering [W m-2] (negative when losing heat); from
        :func:`body_heat_storage_rate`, times :func:`huddling_heat_loss_factor`, plus any fire gain.
    body_surface_area : array_like
        DuBois surface [m2].
    hours : array_like
        Duration [h].
    max_shivering : array_like
        Sustainable shivering heat [W m-2] (default :data:`MAX_SHIVERING`, an estimate; lower it when starving).

    Returns
    -------
    numpy.ndarray
        Energy [kcal].

    Notes
    -----
    Shivering heat = min(max(-S, 0), max_shivering); all of shivering's metabolic cost is released as heat, so
    E = shivering heat · A_D · t · 3600 / 4184 kcal.  Valid for any finite input.

    Examples
    --------
    A 30 W m-2 deficit on 1.9 m2 for 10 h: 30 · 1.9 · 36000 / 4184 = 490 kcal:

    >>> round(float(shivering_energy(-30.0, 1.9, 10.0)))
    490
    """
    s = np.asarray(storage_rate, dtype=np.float64)
    if np.any(~np.isfinite(s)):
        raise ValueError("storage_rate must be finite")
    a = check_positive("body_surface_area", body_surface_area)
    t = check_nonnegative("hours", hours)
    mx = check_nonnegative("max_shivering", max_shivering)
    return _shivering(s, a, t, mx)


@register_jitable
def _shivering(storage_rate, body_surface_area, hours, max_shivering):
    """Shivering energy [kcal]."""
    return np.minimum(np.maximum(-storage_rate, 0.0), max_shivering) * body_surface_area * hours * 3600.0 / 4184.0


def night_heat_debt(storage_rate, body_surface_area, hours, max_shivering=MAX_SHIVERING):
    """Heat the body loses over a period beyond what shivering can replace.

    Parameters
    ----------
    storage_rate : array_like
        Heat storage rate without shivering [W m-2] (negative when losing heat).
    body_surface_area : array_like
        DuBois surface [m2].
    hours : array_like
        Duration [h].
    max_shivering : array_like
        Sustainable shivering heat [W m-2].

    Returns
    -------
    numpy.ndarray
        Heat debt [W h] (≥ 0).

    Notes
    -----
    Q = max(-S - max_shivering, 0) · A_D · t.  The ISO 11079 tolerance is 40 W h m-2 (DLE); see
    :func:`body_temperature_drop` for what a debt does.  Valid for any finite input.

    Examples
    --------
    A 110 W m-2 deficit with 90 W m-2 of shivering leaves 20 W m-2; on 1.9 m2 over 10 h: 380 W h:

    >>> float(night_heat_debt(-110.0, 1.9, 10.0))
    380.0
    """
    s = np.asarray(storage_rate, dtype=np.float64)
    if np.any(~np.isfinite(s)):
        raise ValueError("storage_rate must be finite")
    a = check_positive("body_surface_area", body_surface_area)
    t = check_nonnegative("hours", hours)
    mx = check_nonnegative("max_shivering", max_shivering)
    return _heat_debt(s, a, t, mx)


@register_jitable
def _heat_debt(storage_rate, body_surface_area, hours, max_shivering):
    """Heat debt beyond shivering [W h]."""
    return np.maximum(-storage_rate - max_shivering, 0.0) * body_surface_area * hours


def body_temperature_drop(heat_debt, body_mass):
    """Fall in mean body temperature from a heat debt.

    Parameters
    ----------
    heat_debt : array_like
        Heat debt [W h].
    body_mass : array_like
        Body mass [kg].

    Returns
    -------
    numpy.ndarray
        Temperature drop [K].

    Notes
    -----
    ΔT = Q · 3600 / (m · c), c = 3490 J kg-1 K-1 (:data:`BODY_SPECIFIC_HEAT`).  Valid for any non-negative input.

    Examples
    --------
    349 W h in a 60 kg body: 349 · 3600 / (60 · 3490) = 6 K:

    >>> float(body_temperature_drop(349.0, 60.0))
    6.0
    """
    q = check_nonnegative("heat_debt", heat_debt)
    m = check_positive("body_mass", body_mass)
    return _temperature_drop(q, m)


@register_jitable
def _temperature_drop(heat_debt, body_mass):
    """Mean body temperature drop [K] from a heat debt [W h]."""
    return heat_debt * 3600.0 / (body_mass * BODY_SPECIFIC_HEAT)


HYPOTHERMIA_DROP_50 = 9.0
"""Mean body temperature drop that kills half within the day [K]: from 37 °C to 28 °C, the onset of severe
hypothermia (Swiss staging, physiology.md §4.4) — an estimate."""


def hypothermia_hazard(temperature_drop):
    """Daily mortality hazard from body cooling.

    Parameters
    ----------
    temperature_drop : array_like
        Fall in mean body temperature [K] (from :func:`body_temperature_drop`, carried over nights and
        recovered by day).

    Returns
    -------
    numpy.ndarray
        Hazard [day-1].

    Notes
    -----
    h = ln 2 · (ΔT / 9 K)^6: half die at 9 K (core 28 °C, severe hypothermia; Swiss staging 35/32/28 °C).  The
    exponent 6 is an estimate giving 1.1 % day-1 at 4.5 K (core ≈ 32.5 °C, moderate hypothermia).  Valid range:
    0–15 K.

    Examples
    --------
    >>> round(float(hypothermia_hazard(9.0)), 3)
    0.693
    """
    d = check_nonnegative("temperature_drop", temperature_drop)
    warn_outside("temperature_drop", d, 0.0, 15.0, "hypothermia hazard (estimate)")
    return _hypothermia(d)


@register_jitable
def _hypothermia(temperature_drop):
    """Hypothermia hazard [day-1], ln 2 (ΔT / 9 K)^6."""
    x2 = (temperature_drop / HYPOTHERMIA_DROP_50) ** 2
    return np.log(2.0) * x2 * x2 * x2


def wind_chill_temperature(air_temperature, wind_speed):
    """Wind chill temperature felt by the bare face (JAG/TI 2001).

    Parameters
    ----------
    air_temperature : array_like
        Air temperature [°C].
    wind_speed : array_like
        Wind speed at 10 m [m s-1].

    Returns
    -------
    numpy.ndarray
        Wind chill temperature [°C].

    Notes
    -----
    WCT = 13.12 + 0.6215 T - 11.37 V^0.16 + 0.3965 T V^0.16, V in km/h (= 3.6 × m s-1) at 10 m (JAG/TI 2001,
    physiology.md §4.2).  Valid range: T ≤ 10 °C, V ≥ 4.8 km/h (1.33 m s-1).

    Examples
    --------
    −30 °C in a 20 km/h wind: −43.1 °C (the JAG/TI table):

    >>> round(float(wind_chill_temperature(-30.0, 20.0 / 3.6)), 1)
    -43.1
    """
    t = check_temperature("air_temperature", air_temperature)
    v = check_nonnegative("wind_speed", wind_speed) * 3.6
    warn_outside("air_temperature", t, None, 10.0, "JAG/TI 2001 wind chill")
    warn_outside("wind_speed", v / 3.6, 4.8 / 3.6, None, "JAG/TI 2001 wind chill")
    return _wind_chill(t, v)


@register_jitable
def _wind_chill(air_temperature, wind_speed_kmh):
    """JAG/TI wind chill temperature [°C] from the wind in km h-1."""
    v16 = wind_speed_kmh**0.16
    return 13.12 + 0.6215 * air_temperature - 11.37 * v16 + 0.3965 * air_temperature * v16


_FROSTBITE_WCT = np.array([-55.0, -48.0, -40.0, -28.0])
_FROSTBITE_LOG_MIN = np.log(np.array([2.0, 5.0, 10.0, 30.0]))


def frostbite_time(wind_chill):
    """Time for bare skin to freeze at a wind chill.

    Parameters
    ----------
    wind_chill : array_like
        Wind chill temperature [°C] (:func:`wind_chill_temperature`).

    Returns
    -------
    numpy.ndarray
        Time to frostbite of exposed skin [min]; infinite above −28 °C.

    Notes
    -----
    Environment Canada wind-chill bands: −28 to −39 °C "exposed skin can freeze in 10 to 30 minutes",
    −40 to −47 in 5–10, −48 to −54 in 2–5, −55 and colder in under 2.  Times are interpolated log-linearly
    between the band edges (−28 → 30, −40 → 10, −48 → 5, −55 → 2 min) and extrapolated below −55 °C
    (interpolation is this implementation's).  Valid range: −80..10 °C.

    Examples
    --------
    >>> round(float(frostbite_time(-40.0)), 6), float(frostbite_time(-20.0))
    (10.0, inf)
    """
    w = check_temperature("wind_chill", wind_chill)
    warn_outside("wind_chill", w, -80.0, None, "Environment Canada frostbite bands")
    return _frostbite_time(w)


@register_jitable
def _frostbite_time(wind_chill):
    """Time to frostbite [min], log-linear between the Environment Canada band edges."""
    slope_lo = (_FROSTBITE_LOG_MIN[1] - _FROSTBITE_LOG_MIN[0]) / (_FROSTBITE_WCT[1] - _FROSTBITE_WCT[0])
    logt = interp(wind_chill, _FROSTBITE_WCT, _FROSTBITE_LOG_MIN)
    logt = where(wind_chill < _FROSTBITE_WCT[0], _FROSTBITE_LOG_MIN[0] + slope_lo * (wind_chill - _FROSTBITE_WCT[0]),
                 logt)
    return where(wind_chill > _FROSTBITE_WCT[-1], np.inf, np.exp(logt))


def frostbite_hazard(exposure_minutes, frostbite_minutes):
    """Daily hazard of frostbite from minutes of bare skin at a given time-to-freeze.

    Parameters
    ----------
    exposure_minutes : array_like
        Minutes of bare skin (face, hands) exposed in the day [min].
    frostbite_minutes : array_like
        Time to frostbite at that wind chill [min] (:func:`frostbite_time`; may be infinite).

    Returns
    -------
    numpy.ndarray
        Hazard [day-1].

    Notes
    -----
    h = ln 2 · exposure / t_fb: the band time is read as the median time to freeze (an estimate; Ducharme &
    Brajkovic found 58 % frostnip after 45 min at −20 °C, 32 km/h, WCT −33 °C, where the bands give 18 min).
    Valid range: 0–1440 min.

    Examples
    --------
    >>> round(float(frostbite_hazard(10.0, 10.0)), 3)
    0.693
    """
    e = check_nonnegative("exposure_minutes", exposure_minutes)
    t = np.asarray(frostbite_minutes, dtype=np.float64)
    if np.any(np.isnan(t) | (t <= 0)):
        raise ValueError("frostbite_minutes must be > 0 (or inf)")
    warn_outside("exposure_minutes", e, 0.0, 1440.0, "frostbite hazard")
    return _frostbite(e, t)


@register_jitable
def _frostbite(exposure_minutes, frostbite_minutes):
    """Frostbite hazard [day-1], ln 2 · exposure / time to freeze."""
    return np.log(2.0) * exposure_minutes / frostbite_minutes


HEAT_ILLNESS_CORE_50 = 42.0
"""Core temperature at which half of those held there for a day die of heat stroke [°C] — an estimate (heat
stroke is diagnosed above 40 °C with nervous-system failure; cell damage accelerates above 41–42 °C)."""


def heat_illness_hazard(core_temperature, hours):
    """Daily hazard of death from heat illness, from the core temperature reached and the hours spent there.

    Parameters
    ----------
    core_temperature : array_like
        Core temperature sustained [°C] (from :func:`longwalk.models.water.equilibrium_core_temperature`).
    hours : array_like
        Hours of that exposure in the day [h].

    Returns
    -------
    numpy.ndarray
        Hazard [day-1].

    Notes
    -----
    h = ln 2 · ((T - 37) / (42 - 37))^8 · hours / 8: half die after 8 h at 42 °C; nothing measurable below the
    ISO 7933 limit of 38 °C (1.8e-6 day-1 for 8 h at 38 °C).  Exponent and scale are estimates.  Valid range: 36–44 °C.

    Examples
    --------
    >>> round(float(heat_illness_hazard(42.0, 8.0)), 3)
    0.693
    """
    t = check_temperature("core_temperature", core_temperature)
    h = check_nonnegative("hours", hours)
    warn_outside("core_temperature", t, 30.0, 44.0, "heat illness hazard (estimate)")
    return _heat_illness(t, h)


@register_jitable
def _heat_illness(core_temperature, hours):
    """Heat illness hazard [day-1], ln 2 ((T - 37) / 5)^8 · hours / 8."""
    x = np.maximum(core_temperature - 37.0, 0.0) / (HEAT_ILLNESS_CORE_50 - 37.0)
    x2 = x * x
    x4 = x2 * x2
    return np.log(2.0) * x4 * x4 * hours / 8.0


CLOTHING_COST_HEAVY = 0.16
"""Extra metabolic cost of walking in heavy Arctic clothing and boots, over light clothing [-]: about +16 %
(Teitlebaum & Goldman 1972, J Appl Physiol 32:743, "Increased energy cost with multiple clothing layers") [M] —
from memory of the literature, not re-checked here."""


def clothing_walking_cost_factor(clothing_insulation):
    """Factor on the metabolic cost of walking for the bulk and hobbling of cold-weather clothing.

    Parameters
    ----------
    clothing_insulation : array_like
        Static insulation of the clothing worn while walking [clo].

    Returns
    -------
    numpy.ndarray
        Factor [-] ≥ 1 on the walking metabolic rate (1 in light clothing).

    Notes
    -----
    f = 1 + 0.16 · clip((I − 1 clo) / (4 clo − 1 clo), 0, 1): light clothing (≤ 1 clo) costs nothing extra; a
    full Arctic ensemble of about 4 clo (physiology.md §4.3: arctic parka, overtrousers, mittens 3.5–4.5 clo) costs
    the +16 % Teitlebaum & Goldman measured with heavy Arctic clothing and boots [M]; linear in between (an
    estimate).  The weight of the clothing is not in the load models, so this factor carries it too.  Valid range:
    0–6 clo.

    Examples
    --------
    Halfway, 2.5 clo: 1 + 0.16 · 0.5 = 1.08:

    >>> round(float(clothing_walking_cost_factor(2.5)), 2)
    1.08
    """
    i = check_nonnegative("clothing_insulation", clothing_insulation)
    warn_outside("clothing_insulation", i, 0.0, 6.0, "clothing cost of walking (Teitlebaum & Goldman 1972)")
    return 1.0 + CLOTHING_COST_HEAVY * np.clip((i - 1.0) / 3.0, 0.0, 1.0)
