"""Water balance: sweat, breath, skin, urine and faeces out; metabolic and tissue water in; dehydration.

All rates are per person.  Water masses are in kg (1 kg = 1 L).  Heat fluxes per unit body surface are in
[W m-2] as in ISO 7933; metabolic rate enters as [W m-2] of DuBois body surface (1 met = 58.15 W m-2).

The daily sweat model is a steady-state form of ISO 7933 (Predicted Heat Strain): the heat-exchange equations of
ISO 7933:2023 (dynamic clothing insulation, skin-temperature equilibrium, respiratory exchange, sweat efficiency
r = 1 - w²/2) evaluated at the equilibrium core temperature 36.6 + 0.0036 M, instead of integrating minute by
minute.  Tests check it against the ISO 7933 annex cases through pythermalcomfort's ``phs``.

Sources: ISO 7933:2023 (equations as coded in pythermalcomfort 4.8.1 ``models/phs.py``); ISO 11079:2007 (respiratory
exchange); Gonzalez et al. 2009 J Appl Physiol 107:379; IOM 2005 *Dietary Reference Intakes for Water*; US Navy
NAVEDTRA desert-survival table (dehydration thresholds); see ``../shared/reference/physiology.md`` §3.

Equations that compiled code may also call are written once, in private
functions decorated with ``numba.extending.register_jitable`` (plain NumPy when the public function calls them on
arrays, compiled for scalars inside the kernel) or as ``njit`` scalar cores with a ``vectorize`` wrapper.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
from numba import njit
from numba.extending import register_jitable

from longwalk.models._jit import guvectorize
from longwalk.models._validate import (
    check_fraction,
    check_nonnegative,
    check_positive,
    check_temperature,
    warn_outside,
)

__all__ = [
    "LATENT_HEAT_SWEAT",
    "SUN_RADIANT_EXCESS",
    "body_surface_area",
    "sweat_rate",
    "sweat_rate_gonzalez",
    "equilibrium_core_temperature",
    "HeatStrain",
    "heat_strain",
    "DEHYDRATION_CORE_RISE",
    "DEHYDRATION_CORE_RISE_TEMPERATE",
    "dehydration_core_rise",
    "HEAT_EXHAUSTION_CORE",
    "HYPOHYDRATION_TOLERANCE_DROP",
    "TransientHeatStrain",
    "transient_heat_strain",
    "heat_tolerance_hours",
    "sweat_loss",
    "respiratory_water_loss",
    "skin_diffusion_loss",
    "obligatory_urine_loss",
    "FREE_DRINKING_URINE_OSMOLALITY",
    "URINE_CONCENTRATING_DEFICIT",
    "urine_loss",
    "faecal_water_loss",
    "metabolic_water",
    "tissue_water_release",
    "dehydration_work_capacity",
    "lethal_water_deficit",
    "dehydration_hazard",
    "RESTING_METABOLIC_RATE",
    "SLEEPING_METABOLIC_RATE",
    "diurnal_mean_air_temperature",
    "daylight_resting_hours",
    "DailyWaterLoss",
    "daily_water_loss",
]

LATENT_HEAT_SWEAT = 2430.0
"""Latent heat of evaporation of sweat [J g-1] (ISO 7933; 1 W h of evaporation = 3600/2430 = 1.48 g)."""

SUN_RADIANT_EXCESS = 15.0
"""Mean radiant temperature of a person in the open in full sun above the air temperature, over the hours of a
working day [K]: ESTIMATE, the value of the reference runs of physiology.md §3.1.  What was found to weigh it: the
one measured desert figure is a peak, 76.4 °C at 15:00 on a day whose air peaked at 48.5 °C, about +28 K, in a
sunlit street canyon with walls that add their own heat (Middel A, Krayenhoff ES 2019, Sci Total Environ 687:137,
abstract, six-directional radiometry of a standing person in Tempe, Arizona); temperate open squares at midday are
higher still, +25 to +35 K (Thorsson et al. 2007, Int J Climatol 27:1983, as remembered, not checked).  No
measurement of the mean over the hours of a working day was found, when the sun stands lower; a globe
thermometer's reading turned into a radiant temperature by ISO 7726 can be 15-20 K off in desert sun (Vanos JK et
al. 2021, Int J Biometeorol, abstract), so the WBGT literature's globe temperatures do not settle it.  The day's
mean lies below the afternoon peak, so 15 K is the low end of what the evidence allows; it is held until a day's
course is measured.  Used by the engine for the walking hours in sun (engine.compose) and by the validation cases
that walk in sun."""

_ISO7933 = "ISO 7933 steady state"


def body_surface_area(body_mass, height):
    """DuBois body surface area.

    Parameters
    ----------
    body_mass : array_like
        Body mass [kg].
    height : array_like
        Standing height [m].

    Returns
    -------
    numpy.ndarray
        Body surface area A_D [m2].

    Notes
    -----
    A_D = 0.202 · m^0.425 · h^0.725 (DuBois & DuBois 1916, as used in ISO 7933 and ISO 8996).
    Valid range: adults, 30–150 kg, 1.4–2.1 m.

    Examples
    --------
    >>> round(float(body_surface_area(70.0, 1.75)), 2)
    1.84
    """
    m = check_positive("body_mass", body_mass)
    h = check_positive("height", height)
    warn_outside("body_mass", m, 30.0, 150.0, "DuBois 1916 body surface area")
    warn_outside("height", h, 1.4, 2.1, "DuBois 1916 body surface area")
    return _dubois(m, h)


@register_jitable
def _dubois(body_mass, height):
    """DuBois body surface area [m2]."""
    return 0.202 * body_mass**0.425 * height**0.725


@njit(cache=True)
def _p_sat(t):
    """Saturation vapour pressure [kPa] at t [°C] (ISO 7933 form)."""
    return 0.6105 * math.exp(17.27 * t / (t + 237.3))


@njit(cache=True)
def _heat_exchange(ta, tr, v, rh, met, clo, walk_sp, t_re):
    """ISO 7933:2023 steady-state heat exchange: (E_req, E_max, E_res) [W m-2] at rectal temperature t_re.

    Follows pythermalcomfort 4.8.1 ``_phs_optimized_scalar`` line by line for the per-minute exchange terms, with
    standing posture (A_r/A_D 0.77), no reflective clothing, static moisture permeability 0.38, and the sweat and
    core temperatures held at their equilibrium values (no exponential lags, no storage term).
    """
    return _heat_exchange_at(_heat_exchange_terms(ta, tr, v, rh, met, clo, walk_sp), t_re)


@njit(cache=True)
def _heat_exchange_terms(ta, tr, v, rh, met, clo, walk_sp):
    """The terms of :func:`_heat_exchange` that do not depend on the core temperature (computed once per case)."""
    p_a = rh * _p_sat(ta)
    fcl = 1.0 + 0.28 * clo
    i_tot_st = clo * 0.155 + 0.111 / fcl
    if walk_sp <= 0.0:
        walk_sp = min(max(0.0052 * (met - 58.0), 0.0), 0.7)
        v_r = v
    else:
        v_r = max(v, walk_sp)
    v_ux = min(v_r, 3.0)
    w_ux = min(walk_sp, 1.5)
    corr_cl = min(1.044 * math.exp((0.066 * v_ux - 0.398) * v_ux + (0.094 * w_ux - 0.378) * w_ux), 1.0)
    corr_ia = min(math.exp((0.047 * v_r - 0.472) * v_r + (0.117 * w_ux - 0.342) * w_ux), 1.0)
    corr_tot = corr_cl
    if clo <= 0.6:
        corr_tot = ((0.6 - clo) * corr_ia + clo * corr_cl) / 0.6
    i_tot_dyn = i_tot_st * corr_tot
    i_a_dyn = corr_ia * 0.111
    i_cl_dyn = max(i_tot_dyn - i_a_dyn / fcl, 1e-4)
    corr_e = (2.6 * corr_tot - 6.5) * corr_tot + 4.9
    im_dyn = min(0.38 * corr_e, 0.9)
    r_t_dyn = i_tot_dyn / im_dyn / 16.7
    t_exp = 28.56 + 0.115 * ta + 0.641 * p_a
    c_res = 0.001516 * met * (t_exp - ta)
    e_res = 0.00127 * met * (59.34 + 0.53 * ta - 11.63 * p_a)
    z = 3.5 + 5.2 * v_r
    if v_r > 1.0:
        z = 8.7 * v_r**0.6
    hc = max(2.38 * math.sqrt(math.sqrt(abs(tr + 0.1 - ta))), z)
    # the skin-temperature sums up to their core-temperature term, in the order of the full sums (same rounding)
    t_sk_cl0 = 12.165 + 0.02017 * ta + 0.04361 * tr + 0.19354 * p_a - 0.25315 * v + 0.005346 * met
    t_sk_nu0 = 7.191 + 0.064 * ta + 0.061 * tr + 0.198 * p_a - 0.348 * v
    return ta, tr, met, clo, p_a, fcl, i_cl_dyn, r_t_dyn, c_res, e_res, hc, t_sk_cl0, t_sk_nu0


@njit(cache=True)
def _heat_exchange_at(terms, t_re):
    """:func:`_heat_exchange` from its core-independent ``terms`` (:func:`_heat_exchange_terms`) at t_re [°C]."""
    ta, tr, met, clo, p_a, fcl, i_cl_dyn, r_t_dyn, c_res, e_res, hc, t_sk_cl0, t_sk_nu0 = terms
    t_sk_cl = t_sk_cl0 + 0.51274 * t_re
    t_sk_nu = t_sk_nu0 + 0.616 * t_re
    if clo >= 0.6:
        t_sk = t_sk_cl
    elif clo <= 0.2:
        t_sk = t_sk_nu
    else:
        t_sk = t_sk_nu + 2.5 * (t_sk_cl - t_sk_nu) * (clo - 0.2)
    p_sk = _p_sat(t_sk)
    aux_r = 5.67e-08 * 0.77 * 0.97
    t_cl = tr + 0.1
    trk = tr + 273.0
    trk4 = trk * trk * trk * trk
    h_r = 4.0 * aux_r * trk * trk * trk
    # t_cl is a weighted mean of t_sk, t_a and t_r whose weights (through h_r) barely move: plain fixed-point
    # iteration converges in a few steps to the same point as PHS's damped loop.
    for _ in range(20):
        d = t_cl - tr
        if abs(d) > 1e-6:
            tck = t_cl + 273.0
            h_r = aux_r * (tck * tck * tck * tck - trk4) / d
        t_new = (fcl * (hc * ta + h_r * tr) + t_sk / i_cl_dyn) / (fcl * (hc + h_r) + 1.0 / i_cl_dyn)
        if abs(t_cl - t_new) <= 0.001:
            t_cl = t_new
            break
        t_cl = t_new
    dry = fcl * hc * (t_cl - ta) + fcl * h_r * (t_cl - tr)
    e_max = max((p_sk - p_a) / r_t_dyn, 1e-3)
    e_req = met - c_res - e_res - dry
    return e_req, e_max, e_res


@njit(cache=True)
def _required_sweat(e_req, e_max, sw_max):
    """ISO 7933 required sweat rate [W m-2] from required wettedness w = E_req/E_max, efficiency r(w)."""
    if e_req <= 0.0:
        return 0.0
    w = e_req / e_max
    if w >= 1.7:
        return sw_max
    eff = (2.0 - w) ** 2 / 2.0 if w > 1.0 else 1.0 - w * w / 2.0
    return min(e_req / max(eff, 0.05), sw_max)


@njit(cache=True)
def _uncompensable(e_req, e_max, w_max, sw_max):
    """True when evaporation cannot balance: wettedness above w_max or the sweat needed above SW_max."""
    if e_req <= 0.0:
        return False
    return e_req > w_max * e_max or _required_sweat(e_req, e_max, 1e9) > sw_max


@njit(cache=True)
def _compensating_core(terms, lo, w_max, sw_max):
    """Core temperature [°C] at which the heat becomes compensable (bisection, lo ... 43 °C), given that it is
    uncompensable at ``lo`` = 36.6 + 0.0036 M; ``terms`` from :func:`_heat_exchange_terms`."""
    hi = 43.0
    e_req, e_max, _ = _heat_exchange_at(terms, hi)
    if _uncompensable(e_req, e_max, w_max, sw_max):
        return hi
    for _ in range(12):
        mid = 0.5 * (lo + hi)
        e_req, e_max, _ = _heat_exchange_at(terms, mid)
        if _uncompensable(e_req, e_max, w_max, sw_max):
            lo = mid
        else:
            hi = mid
    return 0.5 * (lo + hi)


@njit(cache=True)
def _heat_strain_core(ta, tr, v, rh, met, clo, walk_sp, acclimatised, core_rise=0.0):
    """Sweat rate [W m-2] and equilibrium core temperature [°C] of steady-state ISO 7933, in one pass; the core
    ``core_rise`` [°C] above its equilibrium (hypohydration, :func:`daily_water_loss`)."""
    sw_max = 500.0 if acclimatised > 0.5 else 400.0
    w_max = 1.0 if acclimatised > 0.5 else 0.85
    t_re0 = 36.6 + 0.0036 * met + core_rise
    terms = _heat_exchange_terms(ta, tr, v, rh, met, clo, walk_sp)
    e_req, e_max, _ = _heat_exchange_at(terms, t_re0)
    sw0 = _required_sweat(e_req, e_max, sw_max)
    if not _uncompensable(e_req, e_max, w_max, sw_max):
        return sw0, t_re0
    t_re1 = _compensating_core(terms, t_re0, w_max, sw_max)
    e_req1, e_max1, _ = _heat_exchange_at(terms, t_re1)
    return 0.5 * (sw0 + _required_sweat(e_req1, e_max1, sw_max)), t_re1


@guvectorize(["void(float64, float64, float64, float64, float64, float64, float64, float64, float64[:], float64[:])"],
             "(),(),(),(),(),(),(),()->(),()", cache=True)
def _heat_strain_kernel(ta, tr, v, rh, met, clo, walk_sp, acclimatised, sweat, core):  # pragma: no cover - compiled
    """Elementwise :func:`_heat_strain_core`."""
    sweat[0], core[0] = _heat_strain_core(ta, tr, v, rh, met, clo, walk_sp, acclimatised)


@guvectorize(["void(float64, float64, float64, float64, float64, float64, float64, float64, float64, float64[:])"],
             "(),(),(),(),(),(),(),(),()->()", cache=True)
def _hypohydrated_sweat_kernel(ta, tr, v, rh, met, clo, walk_sp, acclimatised, core_rise,
                               sweat):  # pragma: no cover - compiled
    """Elementwise sweat rate of :func:`_heat_strain_core` with the core raised by ``core_rise``."""
    sweat[0] = _heat_strain_core(ta, tr, v, rh, met, clo, walk_sp, acclimatised, core_rise)[0]


def _heat_inputs(air_temperature, relative_humidity, air_speed, metabolic_rate_per_area, clothing_insulation,
                 radiant_temperature, walking_speed):
    ta = check_temperature("air_temperature", air_temperature)
    tr = ta if radiant_temperature is None else check_temperature("radiant_temperature", radiant_temperature)
    rh = check_fraction("relative_humidity", relative_humidity)
    v = check_nonnegative("air_speed", air_speed)
    met = check_positive("metabolic_rate_per_area", metabolic_rate_per_area)
    clo = check_nonnegative("clothing_insulation", clothing_insulation)
    ws = np.zeros(()) if walking_speed is None else check_nonnegative("walking_speed", walking_speed)
    warn_outside("air_temperature", ta, 15.0, 50.0, _ISO7933)
    warn_outside("air_speed", v, 0.0, 3.0, _ISO7933)
    warn_outside("metabolic_rate_per_area", met, 55.0, 450.0, _ISO7933)
    warn_outside("clothing_insulation", clo, 0.1, 1.0, _ISO7933)
    warn_outside("radiant_temperature - air_temperature", tr - ta, 0.0, 60.0, _ISO7933)
    return ta, tr, v, rh, met, clo, ws


def sweat_rate(air_temperature, relative_humidity, air_speed, metabolic_rate_per_area, clothing_insulation,
               radiant_temperature=None, walking_speed=None, acclimatised=True):
    """Sweat rate of a person in steady heat exposure (steady-state ISO 7933 Predicted Heat Strain).

    Parameters
    ----------
    air_temperature : array_like
        Air temperature [°C].
    relative_humidity : array_like
        Relative humidity [-], 0..1.
    air_speed : array_like
        Air speed at the body [m s-1] (about 2/3 of the 10 m wind).
    metabolic_rate_per_area : array_like
        Metabolic rate per unit DuBois surface [W m-2] (1 met = 58.15 W m-2).
    clothing_insulation : array_like
        Static intrinsic clothing insulation [clo].
    radiant_temperature : array_like, optional
        Mean radiant temperature [°C]; default the air temperature (shade, night).  In full sun, air +
        :data:`SUN_RADIANT_EXCESS`.
    walking_speed : array_like, optional
        Walking speed [m s-1]; default (None or 0) estimates it from the metabolic rate as ISO 7933 does,
        0.0052 (M - 58), at most 0.7.
    acclimatised : bool or array_like
        Heat-acclimatised (maximum sweat 500 W m-2, maximum wettedness 1.0) or not (400 W m-2, 0.85).

    Returns
    -------
    numpy.ndarray
        Sweat rate, as evaporative-equivalent heat flux [W m-2]; multiply by 3600 / 2430 for [g m-2 h-1].

    Notes
    -----
    ISO 7933: w = E_req / E_max; SW = E_req / r(w) with r = 1 - w²/2 (w ≤ 1) or (2 - w)²/2 (1 < w < 1.7),
    capped at SW_max; E_req and E_max from the ISO 7933:2023 heat exchange at the equilibrium core temperature
    t_cr,eq = 36.6 + 0.0036 M.  When the heat is uncompensable (w > w_max, or the sweat needed exceeds SW_max)
    the core warms until it is compensable again (skin temperature follows it, raising E_max); the
    returned rate is then the mean of the rates at the starting and at that compensating core temperature, a
    trapezoid over the transient that PHS integrates minute by minute (an approximation of this implementation;
    it brings annex case 2 from +47 % to within 15 % of PHS).  Valid range (ISO 7933): 15–50 °C, air speed
    0–3 m s-1, 55–450 W m-2, 0.1–1 clo, radiant minus air temperature 0–60 °C.

    References: ISO 7933:2023; pythermalcomfort 4.8.1 ``phs`` (equations followed).

    Examples
    --------
    ISO 7933 annex case 3 (30 °C, 45 %, 1 m s-1, 450 W on 1.94 m2 = 232 W m-2, 0.5 clo, unacclimatised): adding
    the respiratory 15.6 W m-2, over 8 h: (193 + 15.6) · 8 h · 1.94 m2 · 1.481 g (W h)-1 ≈ 4.8 kg, against the
    annex's 4593 g.

    >>> round(float(sweat_rate(30.0, 0.45, 1.0, 232.2, 0.5, acclimatised=False)))
    193
    """
    ta, tr, v, rh, met, clo, ws = _heat_inputs(air_temperature, relative_humidity, air_speed, metabolic_rate_per_area,
                                               clothing_insulation, radiant_temperature, walking_speed)
    return _heat_strain_kernel(ta, tr, v, rh, met, clo, ws, np.asarray(acclimatised, dtype=np.float64))[0]


def sweat_rate_gonzalez(required_evaporation, maximum_evaporation, cool=False):
    """Sweat rate from the evaporative requirement and capacity (Gonzalez et al. 2009 piecewise equation).

    Parameters
    ----------
    required_evaporation : array_like
        Required evaporative cooling E_req [W m-2].
    maximum_evaporation : array_like
        Evaporative capacity of the environment E_max [W m-2].
    cool : bool or array_like
        Use the cool/night form of Gonzalez et al. 2012 (air below 20 °C): intercept 350 instead of 147.

    Returns
    -------
    numpy.ndarray
        Sweat rate [g m-2 h-1].

    Notes
    -----
    m_sw = 147 + 1.527 E_req - 0.87 E_max (Gonzalez et al. 2009 J Appl Physiol 107:379, "PW"; SEE < 100
    g m-2 h-1; fitted on 15–46 °C, rest–450 W m-2, 2–8 h), cool form 350 + ... (Gonzalez et al. 2012 J Appl
    Physiol 112:1300), valid up to 700 g m-2 h-1.  Negative results are clipped to 0.  An alternative to
    :func:`sweat_rate` where E_req and E_max come from USARIEM's Givoni–Goldman formulation.

    Examples
    --------
    Worked example of physiology.md §3.1: E_req 203, E_max 166 → 147 + 1.527·203 − 0.87·166 = 313:

    >>> round(float(sweat_rate_gonzalez(203.0, 166.0)))
    313
    """
    e_req = check_nonnegative("required_evaporation", required_evaporation)
    e_max = check_nonnegative("maximum_evaporation", maximum_evaporation)
    intercept = np.where(np.asarray(cool, dtype=bool), 350.0, 147.0)
    out = np.maximum(intercept + 1.527 * e_req - 0.87 * e_max, 0.0)
    warn_outside("sweat rate", out, None, 700.0, "Gonzalez 2009/2012")
    return out


def equilibrium_core_temperature(air_temperature, relative_humidity, air_speed, metabolic_rate_per_area,
                                 clothing_insulation, radiant_temperature=None, walking_speed=None,
                                 acclimatised=True):
    """Core temperature a person settles at in steady heat: the heat-strain measure of steady-state ISO 7933.

    Parameters
    ----------
    air_temperature, relative_humidity, air_speed, metabolic_rate_per_area, clothing_insulation, \
radiant_temperature, walking_speed, acclimatised
        As in :func:`sweat_rate` ([°C], [-], [m s-1], [W m-2], [clo], [°C], [m s-1], bool).

    Returns
    -------
    numpy.ndarray
        Core (rectal) temperature [°C]: 36.6 + 0.0036 M when the heat is compensable, otherwise the
        temperature at which the required skin wettedness falls to its maximum (0.85 unacclimatised, 1.0
        acclimatised) and the sweat needed to SW_max (400 or 500 W m-2), capped at 43 °C.

    Notes
    -----
    ISO 7933 equilibrium core temperature t_cr,eq = 36.6 + 0.0036 M; skin temperature rises 0.51 °C per °C of
    core (ISO 7933:2023 clothed skin model), raising E_max until the balance closes.  A steady state: PHS takes
    hours to get there (annex case 2 reaches 40.8 °C after 8 h; this gives 41.1 °C).  Valid range as
    :func:`sweat_rate`.  This is why desert travellers walk at night: by day in the sun the walk is
    uncompensable, by night it is not.

    Examples
    --------
    Walking at 150 W m-2 in 20 °C night air: compensable, 36.6 + 0.0036 · 150 = 37.14 °C:

    >>> round(float(equilibrium_core_temperature(20.0, 0.3, 1.0, 150.0, 0.6, walking_speed=1.2)), 2)
    37.14
    """
    ta, tr, v, rh, met, clo, ws = _heat_inputs(air_temperature, relative_humidity, air_speed, metabolic_rate_per_area,
                                               clothing_insulation, radiant_temperature, walking_speed)
    return _heat_strain_kernel(ta, tr, v, rh, met, clo, ws, np.asarray(acclimatised, dtype=np.float64))[1]


class HeatStrain(NamedTuple):
    """Result of :func:`heat_strain`."""

    sweat_rate_w: np.ndarray
    """Sweat rate [W m-2]."""
    core_temperature: np.ndarray
    """Equilibrium core temperature [°C]."""


def heat_strain(air_temperature, relative_humidity, air_speed, metabolic_rate_per_area, clothing_insulation,
                radiant_temperature=None, walking_speed=None, acclimatised=True) -> HeatStrain:
    """Sweat rate and equilibrium core temperature together, for the price of one (steady-state ISO 7933).

    Parameters
    ----------
    air_temperature, relative_humidity, air_speed, metabolic_rate_per_area, clothing_insulation, \
radiant_temperature, walking_speed, acclimatised
        As in :func:`sweat_rate` ([°C], [-], [m s-1], [W m-2], [clo], [°C], [m s-1], bool).

    Returns
    -------
    HeatStrain
        ``sweat_rate_w`` [W m-2] as :func:`sweat_rate`, ``core_temperature`` [°C] as
        :func:`equilibrium_core_temperature`.

    Notes
    -----
    The equations, sources and valid range are those of :func:`sweat_rate`; the engine should call this rather
    than the two separately, which would solve the same heat balance twice.

    Examples
    --------
    Night walking at 150 W m-2 in 20 °C air: compensable, core 36.6 + 0.0036 · 150 = 37.14 °C:

    >>> hs = heat_strain(20.0, 0.3, 1.0, 150.0, 0.6, walking_speed=1.2)
    >>> round(float(hs.core_temperature), 2)
    37.14
    """
    ta, tr, v, rh, met, clo, ws = _heat_inputs(air_temperature, relative_humidity, air_speed,
                                               metabolic_rate_per_area, clothing_insulation, radiant_temperature,
                                               walking_speed)
    sweat, core = _heat_strain_kernel(ta, tr, v, rh, met, clo, ws, np.asarray(acclimatised, dtype=np.float64))
    return HeatStrain(sweat, core)


DEHYDRATION_CORE_RISE = 0.16
"""Rise of the core temperature of a person working in the heat per 1 % of body mass lost as water [°C].

0.16 °C per 1 % measured at 33 °C, 60 % VO2max, 5 % hypohydration, and half that, 0.08, at 23 °C (Pflügers Arch
2000, 440:476, PubMed 10954335, abstract); Sawka, Montain & Latzka 2001 review 0.1–0.25 °C per 1 % (as quoted on
scite.ai).  Mediated by a lower sweat rate and skin blood flow at a given core temperature.  See
:func:`dehydration_core_rise` for the air temperature between."""

DEHYDRATION_CORE_RISE_TEMPERATE = 0.08
"""The same in temperate air, 23 °C [°C per 1 %] (Pflügers Arch 2000, as :data:`DEHYDRATION_CORE_RISE`)."""


@register_jitable
def _core_rise(air_temperature):
    """Core rise per 1 % deficit [°C]: 0.08 at ≤ 23 °C, 0.16 at ≥ 33 °C, linear between."""
    f = np.minimum(np.maximum((air_temperature - 23.0) / 10.0, 0.0), 1.0)
    return DEHYDRATION_CORE_RISE_TEMPERATE + (DEHYDRATION_CORE_RISE - DEHYDRATION_CORE_RISE_TEMPERATE) * f


def dehydration_core_rise(air_temperature):
    """Rise of the working core temperature per 1 % of body mass lost as water, by air temperature.

    Parameters
    ----------
    air_temperature : array_like
        Air temperature [°C].

    Returns
    -------
    numpy.ndarray
        Core rise [°C per 1 % deficit].

    Notes
    -----
    0.08 at 23 °C and 0.16 at 33 °C (Pflügers Arch 2000, 440:476: the two environments measured), held outside
    them and linear between (the interpolation an estimate).  Valid range: any air temperature.

    Examples
    --------
    >>> round(float(dehydration_core_rise(28.0)), 2)
    0.12
    """
    return _core_rise(check_temperature("air_temperature", air_temperature))


_CORE_RISE_DEFICIT_MAX = 0.08  # [-] the core rise is measured up to deficits of ~8 % of body mass: held there

HEAT_EXHAUSTION_CORE = 39.0
"""Core temperature at which half of euhydrated, heat-acclimatised walkers are exhausted by heat strain [°C] — an
ESTIMATE: Sawka et al. 1992 (J Appl Physiol 73:368, abstract, 17 men walking at 49 °C, 20 % RH) found exhaustion
rarely at a core up to 38 °C and always before 40 °C; the median is taken at the middle of that range."""

HYPOHYDRATION_TOLERANCE_DROP = 0.08
"""Fall of the core temperature a person tolerates per 1 % of body mass lost as water [°C].  Sawka et al. 1992:
hypohydration "reduced the core temperature that could be tolerated" (abstract); about 0.4 °C lower at a deficit
of 8 % of body water (≈ 5 % of body mass) [M: the size from memory of the paper, not re-checked]."""

_PHS_STEPS_PER_HOUR = 60  # ISO 7933 integrates minute by minute


@njit(cache=True)
def _phs_core(ta, tr, v, rh, met, clo, walk_sp, acclimatised, body_mass, height, minutes, deficit0, drinking,
              stop_at_exhaustion):
    """ISO 7933:2023 PHS minute by minute (as pythermalcomfort 4.8.1 ``_phs_optimized_scalar``, standing, no
    reflective clothing, starting at rest 36.8 °C), with the walker's water deficit raising the core
    (:func:`dehydration_core_rise`) and lowering what is tolerated (:data:`HYPOHYDRATION_TOLERANCE_DROP`).

    Returns (rectal temperature at the end [°C], minutes until heat exhaustion (``minutes`` if never), sweat and
    breath water [kg], the deficit-raised core at the end [°C])."""
    sw_max = 500.0 if acclimatised > 0.5 else 400.0
    w_max = 1.0 if acclimatised > 0.5 else 0.85
    terms = _heat_exchange_terms(ta, tr, v, rh, met, clo, walk_sp)
    _, _, _, _, p_a, fcl, i_cl_dyn, r_t_dyn, c_res, e_res, hc, t_sk_cl0, t_sk_nu0 = terms
    area = _dubois(body_mass, height)
    sp_heat = 58.15 * body_mass / area  # ISO 7933 body heat capacity [W min m-2 K-1]
    c_eq = math.exp(-1.0 / 10.0)
    c_sk = math.exp(-1.0 / 3.0)
    c_sw = math.exp(-1.0 / 10.0)
    t_sk, t_cr, t_re, t_cr_eq, wg = 34.1, 36.8, 36.8, 36.8, 0.3
    t_cr_eq_m = 0.0036 * met + 36.6
    rise = _core_rise(ta)
    sweat_w = 0.0
    water = 0.0
    aux_r = 5.67e-08 * 0.77 * 0.97
    trk4 = (tr + 273.0) ** 4
    limit_min = minutes
    strained = t_re
    for minute in range(1, minutes + 1):
        t_sk0, t_cr0, t_re0, t_cr_eq0, wg0 = t_sk, t_cr, t_re, t_cr_eq, wg
        t_cr_eq = t_cr_eq0 * c_eq + t_cr_eq_m * (1.0 - c_eq)
        d_stored_eq = sp_heat * (t_cr_eq - t_cr_eq0) * (1.0 - wg0)
        t_sk_cl = t_sk_cl0 + 0.51274 * t_re
        t_sk_nu = t_sk_nu0 + 0.616 * t_re
        if clo >= 0.6:
            t_sk_eq = t_sk_cl
        elif clo <= 0.2:
            t_sk_eq = t_sk_nu
        else:
            t_sk_eq = t_sk_nu + 2.5 * (t_sk_cl - t_sk_nu) * (clo - 0.2)
        t_sk = t_sk_eq if minute == 1 else t_sk0 * c_sk + t_sk_eq * (1.0 - c_sk)
        p_sk = _p_sat(t_sk)
        t_cl = tr + 0.1
        h_r = 4.0 * aux_r * (tr + 273.0) ** 3
        for _ in range(20):
            d = t_cl - tr
            if abs(d) > 1e-6:
                h_r = aux_r * ((t_cl + 273.0) ** 4 - trk4) / d
            t_new = (fcl * (hc * ta + h_r * tr) + t_sk / i_cl_dyn) / (fcl * (hc + h_r) + 1.0 / i_cl_dyn)
            if abs(t_cl - t_new) <= 0.001:
                t_cl = t_new
                break
            t_cl = t_new
        dry = fcl * hc * (t_cl - ta) + fcl * h_r * (t_cl - tr)
        e_max = max((p_sk - p_a) / r_t_dyn, 1e-3)
        e_req = met - d_stored_eq - c_res - e_res - dry
        sw_req = _required_sweat(e_req, e_max, sw_max)
        sweat_w = sweat_w * c_sw + sw_req * (1.0 - c_sw)
        e_p = 0.0
        if sweat_w > 0.0:
            k = e_max / max(sweat_w, 1e-6)
            wp = 1.0
            if k >= 0.5:
                wp = -k + math.sqrt(k * k + 2.0)
            e_p = min(wp, w_max) * e_max
        storage = max(e_req, 0.0) - e_p + d_stored_eq
        t_cr_new = t_cr0
        for _ in range(50):
            wg = min(max(0.3 - 0.09 * (t_cr_new - 36.8), 0.1), 0.3)
            t_cr = storage / sp_heat + t_sk0 * wg0 / 2.0 - t_sk * wg / 2.0
            t_cr = (t_cr + t_cr0 * (1.0 - wg0 / 2.0)) / (1.0 - wg / 2.0)
            if abs(t_cr - t_cr_new) <= 0.001:
                break
            t_cr_new = 0.5 * (t_cr_new + t_cr)
        t_re = t_re0 + (2.0 * t_cr - 1.962 * t_re0 - 1.31) / 9.0
        water += (sweat_w + e_res) * area * 60.0 / LATENT_HEAT_SWEAT / 1000.0
        deficit = 100.0 * (deficit0 + (0.0 if drinking > 0.5 else water / body_mass))
        strained = t_re + rise * deficit
        if limit_min == minutes and strained >= HEAT_EXHAUSTION_CORE - HYPOHYDRATION_TOLERANCE_DROP * deficit:
            limit_min = minute
            if stop_at_exhaustion > 0.5:
                break
        # drinking and settled: the core no longer moves, the limit cannot come
        if drinking > 0.5 and minute > 30 and abs(t_re - t_re0) < 1e-5 and stop_at_exhaustion > 0.5:
            break
    return t_re, limit_min, water, strained


@guvectorize(["void(float64, float64, float64, float64, float64, float64, float64, float64, float64, float64, "
              "float64, float64, float64, float64, float64[:], float64[:], float64[:], float64[:])"],
             "(),(),(),(),(),(),(),(),(),(),(),(),(),()->(),(),(),()", cache=True)
def _phs_kernel(ta, tr, v, rh, met, clo, walk_sp, acc, mass, height, minutes, deficit0, drinking, stop,
                core, limit, water, strained):  # pragma: no cover - compiled
    """Elementwise :func:`_phs_core`."""
    core[0], limit[0], water[0], strained[0] = _phs_core(ta, tr, v, rh, met, clo, walk_sp, acc, mass, height,
                                                         int(minutes), deficit0, drinking, stop)


class TransientHeatStrain(NamedTuple):
    """Result of :func:`transient_heat_strain`."""

    core_temperature: np.ndarray
    """Rectal temperature at the end of the exposure [°C] (ISO 7933 PHS, without the water deficit's rise)."""
    exhaustion_hours: np.ndarray
    """Hours until half are exhausted by heat strain [h]; the exposure's length if never."""
    water_loss: np.ndarray
    """Sweat and breath water over the exposure (or until exhaustion) [kg]."""


def transient_heat_strain(air_temperature, relative_humidity, air_speed, metabolic_rate_per_area, clothing_insulation,
                          hours, radiant_temperature=None, walking_speed=None, acclimatised=True, body_mass=75.0,
                          height=1.8, water_deficit=0.0, drinking=True) -> TransientHeatStrain:
    """Core temperature over hours of work in the heat, and how long a walker lasts before heat exhaustion.

    Parameters
    ----------
    air_temperature, relative_humidity, air_speed, metabolic_rate_per_area, clothing_insulation, \
radiant_temperature, walking_speed, acclimatised
        As in :func:`sweat_rate` ([°C], [-], [m s-1], [W m-2], [clo], [°C], [m s-1], bool).
    hours : array_like
        Length of the exposure, starting from rest [h], at most 24.
    body_mass, height : array_like
        Body mass [kg] and height [m].
    water_deficit : array_like
        Water deficit at the start, as a fraction of body mass [-].
    drinking : bool or array_like
        Whether the walker drinks what they sweat (the deficit stays) or not (it grows by the sweat and breath).

    Returns
    -------
    TransientHeatStrain
        The core temperature at the end [°C], the hours until heat exhaustion [h] and the water lost [kg].

    Notes
    -----
    ISO 7933:2023 Predicted Heat Strain integrated minute by minute (equations as coded in pythermalcomfort 4.8.1
    ``phs``; standing, no reflective clothing, start at rest at 36.8 °C): the core rises while sweating lags the
    heat load (time constant 10 min) and settles where evaporation balances it — above the steady-state
    36.6 + 0.0036 M of :func:`equilibrium_core_temperature`, by the heat stored on the way.  Heat exhaustion comes
    when the core, raised by the water deficit d [%] (:func:`dehydration_core_rise` · d), reaches what is
    tolerated, :data:`HEAT_EXHAUSTION_CORE` − :data:`HYPOHYDRATION_TOLERANCE_DROP` · d (Sawka et al. 1992).  Without
    drinking d grows by the sweat and breath water.  Valid range as :func:`sweat_rate`.

    Examples
    --------
    ISO 7933 annex-like case: 40 °C, 10 % RH, walking 1.1 m s-1 at 163 W m-2 in 0.6 clo with sun (radiant 55 °C),
    drinking: the core settles at about 38 °C, below what is tolerated, so the walker lasts the 8 h:

    >>> hs = transient_heat_strain(40.0, 0.1, 1.0, 163.0, 0.6, 8.0, radiant_temperature=55.0, walking_speed=1.1,
    ...                            body_mass=70.0, height=1.75)
    >>> round(float(hs.core_temperature), 1), float(hs.exhaustion_hours)
    (38.0, 8.0)
    """
    core, limit, lost = _phs_run("hours", hours, False, air_temperature, relative_humidity, air_speed,
                                 metabolic_rate_per_area, clothing_insulation, radiant_temperature, walking_speed,
                                 acclimatised, body_mass, height, water_deficit, drinking)
    return TransientHeatStrain(core, limit, lost)


def _phs_run(hours_name, hours, stop_at_limit, air_temperature, relative_humidity, air_speed, metabolic_rate_per_area,
             clothing_insulation, radiant_temperature, walking_speed, acclimatised, body_mass, height, water_deficit,
             drinking):
    """Check the inputs of the transient PHS and run its kernel: core temperature [°C], hours until exhaustion [h]
    and water lost [kg] (the integration stops at exhaustion when ``stop_at_limit``)."""
    ta, tr, v, rh, met, clo, ws = _heat_inputs(air_temperature, relative_humidity, air_speed, metabolic_rate_per_area,
                                               clothing_insulation, radiant_temperature, walking_speed)
    t = check_nonnegative(hours_name, hours)
    if np.any(t > 24.0):
        raise ValueError(f"{hours_name} must be at most 24 h")
    m = check_positive("body_mass", body_mass)
    h = check_positive("height", height)
    d = check_nonnegative("water_deficit", water_deficit)
    minutes = np.maximum(np.round(t * _PHS_STEPS_PER_HOUR), 1.0)
    core, limit, lost, _ = _phs_kernel(ta, tr, v, rh, met, clo, ws, np.asarray(acclimatised, dtype=np.float64), m, h,
                                       minutes, d, np.asarray(drinking, dtype=np.float64),
                                       np.ones(()) if stop_at_limit else np.zeros(()))
    return core, limit / _PHS_STEPS_PER_HOUR, lost


def heat_tolerance_hours(air_temperature, relative_humidity, air_speed, metabolic_rate_per_area, clothing_insulation,
                         max_hours, radiant_temperature=None, walking_speed=None, acclimatised=True, body_mass=75.0,
                         height=1.8, water_deficit=0.0, drinking=True):
    """Hours a walker can keep up work in the heat before half such walkers are exhausted (the engine's limit).

    Parameters
    ----------
    As :func:`transient_heat_strain`; ``max_hours`` [h] is the longest walk considered (at most 24).

    Returns
    -------
    numpy.ndarray
        Hours [h] until heat exhaustion, ``max_hours`` where it does not come.

    Notes
    -----
    The ``exhaustion_hours`` of :func:`transient_heat_strain`, stopping the integration at exhaustion (or once a
    drinking walker's core has settled below the limit), for the engine's daily decision.

    Examples
    --------
    48 °C in the sun (air 46 °C, radiant 61 °C, 15 % RH), walking 1.2 m s-1 at 175 W m-2 in 0.5 clo without water:
    the PHS core settles near 38.2 °C within the first hour and the deficit then raises it 0.16 °C per 1 %
    while lowering the tolerated 39 °C by 0.08: exhaustion at about 3.3 % (2.3 kg at about 1 kg h-1), some 2.5 h:

    >>> round(float(heat_tolerance_hours(45.75, 0.15, 1.33, 175.0, 0.5, 8.0, radiant_temperature=60.75,
    ...                                  walking_speed=1.2, body_mass=70.0, height=1.75, drinking=False)), 1)
    2.5
    """
    _, limit, _ = _phs_run("max_hours", max_hours, True, air_temperature, relative_humidity, air_speed,
                           metabolic_rate_per_area, clothing_insulation, radiant_temperature, walking_speed,
                           acclimatised, body_mass, height, water_deficit, drinking)
    return limit


def sweat_loss(sweat_rate_w, body_surface_area, hours):
    """Mass of sweat produced over some hours.

    Parameters
    ----------
    sweat_rate_w : array_like
        Sweat rate as evaporative heat flux [W m-2] (from :func:`sweat_rate`).
    body_surface_area : array_like
        DuBois surface [m2].
    hours : array_like
        Hours of exposure [h].

    Returns
    -------
    numpy.ndarray
        Sweat [kg].

    Notes
    -----
    m = SW · A_D · t · 3600 / 2430 / 1000 (latent heat 2430 J g-1, ISO 7933).  Valid for any non-negative input.

    Examples
    --------
    243 W m-2 on 2 m2 for 10 h: 243 · 2 · 36000 / 2430 g = 7.2 kg:

    >>> round(float(sweat_loss(243.0, 2.0, 10.0)), 3)
    7.2
    """
    sw = check_nonnegative("sweat_rate_w", sweat_rate_w)
    a = check_positive("body_surface_area", body_surface_area)
    t = check_nonnegative("hours", hours)
    return _sweat_mass(sw, a, t)


@register_jitable
def _sweat_mass(sweat_rate_w, body_surface_area, hours):
    """Sweat [kg] from a sweat rate [W m-2]."""
    return sweat_rate_w * body_surface_area * hours * 3.6 / LATENT_HEAT_SWEAT


def respiratory_water_loss(air_temperature, relative_humidity, metabolic_rate, hours, barometric_pressure=101.325):
    """Water lost in breath: warm, saturated expired air; more of it at altitude.

    Parameters
    ----------
    air_temperature : array_like
        Inspired air temperature [°C].
    relative_humidity : array_like
        Relative humidity [-], 0..1.
    metabolic_rate : array_like
        Whole-body metabolic rate [W].
    hours : array_like
        Hours at that metabolic rate [h].
    barometric_pressure : array_like
        Air pressure [kPa]; sea level 101.325.

    Returns
    -------
    numpy.ndarray
        Water lost [kg].

    Notes
    -----
    ISO 11079:2007: E_res = 0.0173 M (p_ex - p_a) [W] with expired air at t_ex = 29 + 0.2 t_a, saturated
    (p_ex = p_sat(t_ex) [kPa]); water = E_res · t · 3600 / 2430 g.  Ventilation per unit metabolic rate rises
    about as p0/p at altitude, so the loss is multiplied by 101.325/p (physiology.md §3.2; an estimate of the
    hypoxic ventilatory increase, not a fitted model).  Valid range: −50..+40 °C, 50–101.325 kPa.

    Examples
    --------
    physiology.md §3.2: 150 W m-2 on 1.8 m2 (270 W), −20 °C dry air: t_ex = 25 °C, p_ex = 3.17 kPa,
    0.0173 · 270 · 3.17 · 3600 / 2430 ≈ 21.9 g per hour:

    >>> round(float(respiratory_water_loss(-20.0, 0.0, 270.0, 1.0)) * 1000, 1)
    21.9
    """
    ta = check_temperature("air_temperature", air_temperature)
    rh = check_fraction("relative_humidity", relative_humidity)
    m = check_nonnegative("metabolic_rate", metabolic_rate)
    t = check_nonnegative("hours", hours)
    p = check_positive("barometric_pressure", barometric_pressure)
    warn_outside("air_temperature", ta, -50.0, 40.0, "ISO 11079 respiratory exchange")
    warn_outside("barometric_pressure", p, 50.0, 105.0, "ISO 11079 respiratory exchange with p0/p ventilation")
    return _respiratory_loss(ta, rh, m, t, p)


@register_jitable
def _respiratory_loss(air_temperature, relative_humidity, metabolic_rate, hours, barometric_pressure):
    """Respiratory water loss [kg] (ISO 11079 exchange, p0/p ventilation); also compiled into the daily kernel."""
    t_ex = 29.0 + 0.2 * air_temperature
    p_ex = 0.1333 * np.exp(18.6686 - 4030.183 / (t_ex + 235.0))
    p_a = relative_humidity * 0.1333 * np.exp(18.6686 - 4030.183 / (air_temperature + 235.0))
    e_res = 0.0173 * metabolic_rate * np.maximum(p_ex - p_a, 0.0)
    return e_res * hours * 3.6 / LATENT_HEAT_SWEAT * (101.325 / barometric_pressure)


def skin_diffusion_loss(body_surface_area, hours=24.0):
    """Insensible water diffusing through the skin (not sweat).

    Parameters
    ----------
    body_surface_area : array_like
        DuBois surface [m2].
    hours : array_like
        Duration [h].

    Returns
    -------
    numpy.ndarray
        Water lost [kg].

    Notes
    -----
    0.35 kg per day per 1.8 m2 (USAF AFR 64-4 survival manual: 0.3–0.4 qt a day; IOM 2005 DRI Water),
    scaled with surface area and time.  Valid range: adults, 1.3–2.5 m2.

    Examples
    --------
    >>> round(float(skin_diffusion_loss(1.8, 24.0)), 3)
    0.35
    """
    a = check_positive("body_surface_area", body_surface_area)
    t = check_nonnegative("hours", hours)
    warn_outside("body_surface_area", a, 1.3, 2.5, "AFR 64-4 skin diffusion")
    return _skin_diffusion(a, t)


@register_jitable
def _skin_diffusion(body_surface_area, hours):
    """Insensible skin water loss [kg]."""
    return 0.35 * (body_surface_area / 1.8) * (hours / 24.0)


def obligatory_urine_loss(solute_load=600.0, max_urine_osmolality=1200.0):
    """Smallest daily urine that can carry the day's solutes out.

    Parameters
    ----------
    solute_load : array_like
        Osmoles to excrete per day [mOsm day-1]; about 600 on a normal diet, less when starving.
    max_urine_osmolality : array_like
        Maximum concentrating ability of the kidney [mOsm kg-1]; about 1200 in healthy adults.

    Returns
    -------
    numpy.ndarray
        Urine [kg day-1].

    Notes
    -----
    V = solute load / maximum osmolality (Guyton & Hall, *Textbook of Medical Physiology*, chapter on urine
    concentration: 600 mOsm / 1200 mOsm L-1 = 0.5 L day-1 obligatory urine volume).  Valid range: 200–1500 mOsm
    day-1, 300–1400 mOsm kg-1.

    Examples
    --------
    >>> float(obligatory_urine_loss(600.0, 1200.0))
    0.5
    """
    return _obligatory_urine(*_kidney_inputs(solute_load, max_urine_osmolality))


def _kidney_inputs(solute_load, max_urine_osmolality):
    """Checked solute load and maximum urine osmolality of :func:`obligatory_urine_loss` and :func:`urine_loss`."""
    s = check_nonnegative("solute_load", solute_load)
    o = check_positive("max_urine_osmolality", max_urine_osmolality)
    warn_outside("solute_load", s, 200.0, 1500.0, "urine volume (Guyton & Hall)")
    warn_outside("max_urine_osmolality", o, 300.0, 1400.0, "urine volume (Guyton & Hall)")
    return s, o


@register_jitable
def _obligatory_urine(solute_load, max_urine_osmolality):
    """Obligatory urine [kg day-1]."""
    return solute_load / max_urine_osmolality


FREE_DRINKING_URINE_OSMOLALITY = 500.0
"""Urine osmolality of men who drink as they like [mOsm kg-1]: 24-h urine of 482 ± 229 mOsm kg-1 in 49 US men whose
total water intake (7-day deuterium turnover) was 3.57 L a day (Seal et al. 2022, abstract at hydrationforhealth.com);
24-h urine at or below 500 mOsm kg-1 marks an intake that covers the day's losses (Perrier et al. 2015, Dis Markers
231063, abstract).  With a normal diet's 600 mOsm it is 1.2 L a day, 50 mL an hour: the apex of the curve of urine
output against hydration, that of a man in water balance (Lee 1964, Handbook of Physiology, as quoted in IOM 2005,
*Dietary Reference Intakes for Water*, p. 83), within the 1-2 L a day that urine 'generally averages' (ibid. p. 82)."""

URINE_CONCENTRATING_DEFICIT = 0.05
"""Water deficit at which the urine is as concentrated as the kidneys can make it [-]: a loss of more than 5 % of body
weight is 'serious dehydration', with urine specific gravity above 1.030, the top of the scale; 1-3 % gives 1.010-1.020
and 3-5 % 1.021-1.030 (National Athletic Trainers' Association position statement, Casa et al. 2000, J Athl Train
35:212, table of hydration indices; from memory of the table)."""


def urine_loss(water_deficit, solute_load=600.0, max_urine_osmolality=1200.0):
    """Daily urine of a man at a body water deficit: dilute while he drinks as he likes, concentrated as he dries.

    Parameters
    ----------
    water_deficit : array_like
        Body water deficit as a fraction of body mass [-], 0 for a man in water balance.
    solute_load : array_like
        Osmoles to excrete per day [mOsm day-1]; about 600 on a normal diet.
    max_urine_osmolality : array_like
        Maximum concentrating ability of the kidney [mOsm kg-1]; about 1200 in healthy adults.

    Returns
    -------
    numpy.ndarray
        Urine [kg day-1].

    Notes
    -----
    V = S / U(d),  U(d) = U_free + (U_max − U_free) · min(d / d_c, 1)

    The kidneys pass the day's solutes S at an osmolality U that antidiuretic hormone raises as the body dries: at
    :data:`FREE_DRINKING_URINE_OSMOLALITY` (U_free) in a man who drinks what he likes, rising linearly with the deficit
    d to the kidney's maximum U_max at :data:`URINE_CONCENTRATING_DEFICIT` (d_c), beyond which the volume is the
    obligatory one of :func:`obligatory_urine_loss`.  So the volume falls steeply at first and then gradually, the
    shape of the hyperbola of urine output against hydration (Lee 1964 in IOM 2005 p. 83).  The linear rise of the
    osmolality between the two is an approximation.  A man without water, who eats little, passes less than the
    obligatory 0.5 L of a normal diet (15 mL h-1 in dehydrated men in the desert, Adolph 1947 in IOM 2005 p. 83): a
    smaller ``solute_load``.  The acute fall of urine during exercise and heat strain, 20-60 % (IOM 2005 p. 83), is
    not modelled: over a day the drinker passes what he does not need.  Valid range: deficits 0-0.35, solute loads
    200-1500 mOsm day-1.

    Examples
    --------
    In water balance 600 / 500 = 1.2 kg; at a 2.5 % deficit, half way, 600 / 850 = 0.71 kg; at 5 % and beyond the
    obligatory 600 / 1200 = 0.5 kg:

    >>> [round(float(u), 2) for u in urine_loss([0.0, 0.025, 0.05, 0.10])]
    [1.2, 0.71, 0.5, 0.5]
    """
    d = check_nonnegative("water_deficit", water_deficit)
    warn_outside("water_deficit", d, 0.0, 0.35, "urine against the deficit (Lee 1964; NATA 2000)")
    return _urine(d, *_kidney_inputs(solute_load, max_urine_osmolality))


@register_jitable
def _urine(water_deficit, solute_load, max_urine_osmolality):
    """Urine at a deficit [kg day-1] (:func:`urine_loss`); never less than the obligatory volume."""
    dilute = np.minimum(FREE_DRINKING_URINE_OSMOLALITY, max_urine_osmolality)
    concentrating = np.minimum(water_deficit / URINE_CONCENTRATING_DEFICIT, 1.0)
    return solute_load / (dilute + (max_urine_osmolality - dilute) * concentrating)


def faecal_water_loss(energy_intake):
    """Water lost in faeces, proportional to food eaten.

    Parameters
    ----------
    energy_intake : array_like
        Food energy eaten [kcal day-1].

    Returns
    -------
    numpy.ndarray
        Water lost [kg day-1].

    Notes
    -----
    0.1 kg per 2500 kcal eaten (IOM 2005 DRI Water / AFR 64-4 give 0.1–0.2 L day-1 on a normal diet; the
    proportionality to intake is an estimate).  Valid range: 0–6000 kcal day-1.

    Examples
    --------
    >>> float(faecal_water_loss(1250.0))
    0.05
    """
    e = check_nonnegative("energy_intake", energy_intake)
    warn_outside("energy_intake", e, 0.0, 6000.0, "faecal water (IOM 2005, estimate)")
    return _faecal_water(e)


@register_jitable
def _faecal_water(energy_intake):
    """Faecal water [kg day-1]."""
    return 0.1 * energy_intake / 2500.0


def metabolic_water(fat_oxidised, carbohydrate_oxidised, protein_oxidised):
    """Water made by oxidising fuel.

    Parameters
    ----------
    fat_oxidised : array_like
        Fat burned [kg].
    carbohydrate_oxidised : array_like
        Carbohydrate (as glucose) burned [kg].
    protein_oxidised : array_like
        Protein burned [kg].

    Returns
    -------
    numpy.ndarray
        Water produced [kg].

    Notes
    -----
    1.07 g water per g fat, 0.60 per g carbohydrate, 0.41 per g protein (stoichiometry of oxidation; standard
    physiology texts, physiology.md §3.2).  Valid for any non-negative amounts.

    Examples
    --------
    100 g fat and 300 g carbohydrate: 107 + 180 = 287 g:

    >>> round(float(metabolic_water(0.1, 0.3, 0.0)), 3)
    0.287
    """
    f = check_nonnegative("fat_oxidised", fat_oxidised)
    c = check_nonnegative("carbohydrate_oxidised", carbohydrate_oxidised)
    p = check_nonnegative("protein_oxidised", protein_oxidised)
    return _metabolic_water(f, c, p)


@register_jitable
def _metabolic_water(fat_oxidised, carbohydrate_oxidised, protein_oxidised):
    """Water of oxidation [kg]."""
    return 1.07 * fat_oxidised + 0.60 * carbohydrate_oxidised + 0.41 * protein_oxidised


def tissue_water_release(lean_mass_lost):
    """Water freed when lean tissue is catabolised.

    Parameters
    ----------
    lean_mass_lost : array_like
        Fat-free mass lost [kg]; 0 when gaining.

    Returns
    -------
    numpy.ndarray
        Water freed [kg].

    Notes
    -----
    Fat-free mass is 73 % water (Pace & Rathbun 1945, J Biol Chem 158:685).  The fat lost in the Hall model is
    pure lipid and frees no water here.  Valid for any non-negative input.

    Examples
    --------
    >>> float(tissue_water_release(0.1))
    0.073
    """
    lean = check_nonnegative("lean_mass_lost", lean_mass_lost)
    return _tissue_water(lean)


@register_jitable
def _tissue_water(lean_mass_lost):
    """Water freed from catabolised lean tissue [kg]."""
    return 0.73 * lean_mass_lost


def dehydration_work_capacity(water_deficit):
    """Fraction of normal work capacity left at a water deficit.

    Parameters
    ----------
    water_deficit : array_like
        Body water deficit as a fraction of body mass [-].

    Returns
    -------
    numpy.ndarray
        Work-capacity factor [-], 1 with no deficit.

    Notes
    -----
    f = 1 for d ≤ 0.02; f = 1 - (d - 0.02) / 0.10, floored at 0.  Basis: aerobic performance falls from a
    2 % deficit (Sawka et al. 2007, ACSM position stand); at up to 10 % "inability to walk" (US Navy NAVEDTRA
    desert-survival table, physiology.md §3.3).  The linear shape and the zero at 12 % are an estimate.
    Valid range: 0–0.3.

    Examples
    --------
    At 7 % deficit: 1 - 0.05 / 0.10 = 0.5:

    >>> float(dehydration_work_capacity(0.07))
    0.5
    """
    d = check_nonnegative("water_deficit", water_deficit)
    warn_outside("water_deficit", d, 0.0, 0.3, "dehydration work capacity (estimate)")
    return np.clip(1.0 - (d - 0.02) / 0.10, 0.0, 1.0)


def lethal_water_deficit(air_temperature):
    """Water deficit that kills half of those who reach it within a day, by heat of the day.

    Parameters
    ----------
    air_temperature : array_like
        Daily maximum air temperature [°C].

    Returns
    -------
    numpy.ndarray
        Deficit D50 as a fraction of body mass [-].

    Notes
    -----
    US Navy NAVEDTRA "Desert survival" (physiology.md §3.3): above 15 % deficit generally fatal above 32 °C
    (90 °F); up to 25 % tolerated at 29 °C (85 °F) and below.  D50 = 0.15 at ≥ 32 °C.  In the cool the 25 % is
    the most a survivor has been seen to tolerate — the upper tail, not the median — so D50 is taken at 0.20 at
    ≤ 29 °C, the middle of the 15–25 % of body mass at which deaths from water deprivation are reported (ESTIMATE
    of the median from that range; linear in between).  With the day's losses of a resting man in the cool
    (about 1 kg, less 0.3 kg of fasting metabolic water) it gives a median survival of about two weeks, against
    Adolph's 10 days at 50–70 °F in FM 21-76's table (validation case water-rest-survival-cool).
    Valid range: −60..55 °C.

    Examples
    --------
    Half way, 30.5 °C: (0.15 + 0.20) / 2 = 0.175:

    >>> round(float(lethal_water_deficit(30.5)), 3)
    0.175
    """
    t = check_temperature("air_temperature", air_temperature)
    warn_outside("air_temperature", t, -60.0, 55.0, "lethal water deficit (NAVEDTRA)")
    return _lethal_deficit(t)


@register_jitable
def _lethal_deficit(air_temperature):
    """Lethal water deficit D50 [-]."""
    return 0.20 - 0.05 * np.minimum(np.maximum((air_temperature - 29.0) / 3.0, 0.0), 1.0)


DEHYDRATION_HAZARD_SHAPE = 10
"""Exponent of the dehydration hazard [-]: an estimate, chosen so 2 % deficit carries no measurable risk (1e-9
day-1 in the heat) while 10 % in the heat gives 0.012 day-1 and the lethal deficit 0.69 day-1."""


def dehydration_hazard(water_deficit, air_temperature):
    """Daily mortality hazard of dehydration, by deficit and heat.

    Parameters
    ----------
    water_deficit : array_like
        Body water deficit as a fraction of body mass [-].
    air_temperature : array_like
        Daily maximum air temperature [°C].

    Returns
    -------
    numpy.ndarray
        Hazard [day-1]; probability of death over the day is 1 - exp(-hazard).

    Notes
    -----
    h = ln 2 · (d / D50(T))^k with D50 from :func:`lethal_water_deficit` (NAVEDTRA thresholds) and
    k = :data:`DEHYDRATION_HAZARD_SHAPE` (estimate).  At d = D50 half die within a day.  The hazard never falls
    as the deficit or the temperature rises.  Valid range: deficit 0–0.35.

    Examples
    --------
    15 % deficit at 40 °C is the lethal deficit: ln 2 = 0.693 day-1; the same deficit at 20 °C:
    ln 2 · (0.15 / 0.20)^10 = 0.039 day-1:

    >>> round(float(dehydration_hazard(0.15, 40.0)), 3), round(float(dehydration_hazard(0.15, 20.0)), 3)
    (0.693, 0.039)
    """
    d = check_nonnegative("water_deficit", water_deficit)
    warn_outside("water_deficit", d, 0.0, 0.35, "dehydration hazard (NAVEDTRA, estimate)")
    return _dehydration(d, lethal_water_deficit(air_temperature))


@register_jitable
def _dehydration(water_deficit, lethal_deficit):
    """Dehydration hazard [day-1] ln 2 (d / D50)^10."""
    x2 = (water_deficit / lethal_deficit) ** 2
    x8 = x2 * x2 * x2 * x2
    return np.log(2.0) * x8 * x2  # (d / D50)^DEHYDRATION_HAZARD_SHAPE, by multiplication for speed


RESTING_METABOLIC_RATE = 1.2 * 58.15
"""Metabolic rate of camp and rest [W m-2]: 1.2 met, sitting quietly or light camp tasks (ISO 8996 table A.2)."""

SLEEPING_METABOLIC_RATE = 0.8 * 58.15
"""Metabolic rate of sleep [W m-2]: 0.8 met (pythermalcomfort's met table: sleeping 0.7-0.8)."""



def diurnal_mean_air_temperature(air_temperature_min, air_temperature_max, hours, warm=True):
    """Mean air temperature of a sinusoidal day over ``hours`` centred on its maximum (``warm``) or its minimum.

    Parameters
    ----------
    air_temperature_min, air_temperature_max : array_like
        The day's minimum and maximum air temperature [°C].
    hours : array_like
        Length of the window [h], 0–24: the daylight (``warm``) or the night.
    warm : bool or array_like
        Centre the window on the maximum (the daylight) or on the minimum (the night).

    Returns
    -------
    numpy.ndarray
        Mean air temperature over the window [°C].

    Notes
    -----
    With T(t) = T_min + (T_max − T_min)(1 + cos 2π(t − t_peak)/24)/2, the mean over H hours centred on the peak is
    T_min + (T_max − T_min)(1 + s)/2 and centred on the trough T_min + (T_max − T_min)(1 − s)/2, where
    s = sin(πH/24)/(πH/24).  Twelve hours give the warm and cool halves of the day, T_min + (1/2 ± 1/π) of the span;
    24 hours give the daily mean.  The sinusoid is an approximation of the diurnal cycle (the real one rises faster
    in the morning than it falls at night), and centring the daylight on the maximum ignores the two or three hours
    by which the maximum follows noon: both make the daylight a little warmer than a measured one.

    Examples
    --------
    A 25–40 °C day: its warm half is 25 + 15 (1/2 + 1/π) = 37.3 °C, and a 14-hour daylight, with
    s = sin(105°) / (7π/12) = 0.527, 25 + 15 · 1.527 / 2 = 36.45 °C:

    >>> round(float(diurnal_mean_air_temperature(25.0, 40.0, 12.0)), 2)
    37.27
    >>> round(float(diurnal_mean_air_temperature(25.0, 40.0, 14.0)), 2)
    36.45
    """
    t_min = check_temperature("air_temperature_min", air_temperature_min)
    t_max = check_temperature("air_temperature_max", air_temperature_max)
    h = check_nonnegative("hours", hours)
    if np.any(h > 24.0):
        raise ValueError("hours must be at most 24 h")
    x = np.pi * h / 24.0
    s = np.divide(np.sin(x), x, out=np.ones_like(x), where=x > 0.0)
    return t_min + (t_max - t_min) * (1.0 + np.where(warm, s, -s)) / 2.0


def daylight_resting_hours(walking_hours, day_length, by_night):
    """Hours of the day's rest that fall in daylight [h].

    Parameters
    ----------
    walking_hours : array_like
        Hours walked [h], 0–24.
    day_length : array_like
        Time from sunrise to sunset [h] (e.g. :func:`longwalk.atlas.sun.day_length`).
    by_night : bool or array_like
        Walking by night.

    Returns
    -------
    numpy.ndarray
        Daylight hours not walked [h]; the other 24 − walking_hours − these are rest at night.

    Notes
    -----
    A day walker walks in daylight and, past its end, into the night; a night walker walks in the dark and, past
    its end, into the daylight.  Those who walk by day rest in the night and in the daylight they do not walk —
    before setting off, at the halts, after the day's march — and those who walk by night rest through the day.
    So soldiers in the desert are told to do: 'Rest during the day. Work during the cool evenings and nights ... Get
    in the shade when resting' (US Army FM 21-76 Survival, 1992, ch. 13, heat injuries), and a day's work keeps a
    noon rest of at least an hour ('Practical Guidance and Suggestions for Deployment and Survival in Desert
    Operations', a Gulf War guide among the declassified Air Force documents at gulflink.health.mil).

    Examples
    --------
    Eight hours walked in a 14-hour day leave 6 h of rest in daylight; by night (10 h of dark) all 14 h of the
    daylight are rest:

    >>> float(daylight_resting_hours(8.0, 14.0, False)), float(daylight_resting_hours(8.0, 14.0, True))
    (6.0, 14.0)
    """
    w = check_nonnegative("walking_hours", walking_hours)
    d = check_nonnegative("day_length", day_length)
    if np.any(w > 24.0) or np.any(d > 24.0):
        raise ValueError("walking_hours and day_length must be at most 24 h")
    night_walk = np.asarray(by_night, dtype=bool)
    by_day_rest = np.maximum(d - w, 0.0)
    by_night_rest = d - np.maximum(w - (24.0 - d), 0.0)
    return np.maximum(np.where(night_walk, by_night_rest, by_day_rest), 0.0)


class DailyWaterLoss(NamedTuple):
    """Result of :func:`daily_water_loss`; every field in [kg] over the day."""

    sweat_walking: np.ndarray
    """Sweat while walking."""
    sweat_resting: np.ndarray
    """Sweat at rest (in shade), in daylight and at night."""
    respiratory: np.ndarray
    """Water in expired air, walking and resting."""
    skin: np.ndarray
    """Insensible diffusion through the skin."""
    urine: np.ndarray
    """Urine at the day's deficit (:func:`urine_loss`)."""
    total: np.ndarray
    """Sum of the above (faeces, which depend on food eaten, are not included)."""


def daily_water_loss(body_mass, height, walking_metabolic_rate, walking_hours, walking_speed,
                     walking_air_temperature, resting_air_temperature, relative_humidity, air_speed,
                     clothing_insulation, walking_radiant_temperature=None, barometric_pressure=101.325,
                     solute_load=600.0, acclimatised=True, night_air_temperature=None,
                     daylight_resting_hours=None, sleeping_hours=0.0, sleeping_by_day=False,
                     water_deficit=0.0) -> DailyWaterLoss:
    """Water a walker loses in a day: sweat walking and resting, breath, skin and urine (the engine's day).

    Parameters
    ----------
    body_mass, height : array_like
        Body mass [kg] and height [m].
    walking_metabolic_rate : array_like
        Whole-body metabolic rate while walking [W] (e.g. :func:`longwalk.models.walking.walking_metabolic_rate`).
    walking_hours : array_like
        Hours walked [h]; the remaining 24 − hours are rest.
    walking_speed : array_like
        Walking speed [m s-1].
    walking_air_temperature : array_like
        Air temperature of the walking hours [°C].
    resting_air_temperature : array_like
        Air temperature of the resting hours in daylight [°C] (e.g. :func:`diurnal_mean_air_temperature` over the
        day length).
    relative_humidity : array_like
        Relative humidity [-].
    air_speed : array_like
        Air speed at the body [m s-1].
    clothing_insulation : array_like
        Clothing worn [clo].
    walking_radiant_temperature : array_like, optional
        Mean radiant temperature while walking [°C]; default the air's (night, overcast).  In full sun, air +
        :data:`SUN_RADIANT_EXCESS`.  Rest is in shade (radiant = air).
    barometric_pressure : array_like
        Air pressure [kPa] (breath water rises at altitude).
    solute_load : array_like
        Solutes to excrete [mOsm day-1] (600 on a normal diet).
    acclimatised : bool or array_like
        Heat-acclimatised (ISO 7933 limits).
    night_air_temperature : array_like, optional
        Air temperature of the resting hours at night [°C]; default ``resting_air_temperature`` (a day of one
        temperature).
    daylight_resting_hours : array_like, optional
        Resting hours spent in daylight [h] (:func:`daylight_resting_hours`), at most 24 − ``walking_hours``; the
        rest of them are at night.  Default: all of them.
    sleeping_hours : array_like
        Resting hours asleep [h], at :data:`SLEEPING_METABOLIC_RATE`; the others are awake at
        :data:`RESTING_METABOLIC_RATE`.
    sleeping_by_day : bool or array_like
        Sleep in the daylight (those who walk by night) rather than in the night; what does not fit in the one
        falls in the other.
    water_deficit : array_like
        Body water deficit as a fraction of body mass [-] over the day: 0 for one who drinks as he likes, who
        passes 1.2 kg of urine a day; from 5 % the kidneys pass only the obligatory 0.5 kg (:func:`urine_loss`).
        The deficit also lowers the sweat (see Notes).

    Returns
    -------
    DailyWaterLoss
        The day's losses by route and their total [kg].

    Notes
    -----
    total = [SW(walk) t_walk + Σ SW(rest, i) t_i] · A_D · 3.6/2430 + breath(walk) + Σ breath(rest, i)
    + skin(24 h) + urine, over the four parts i of the 24 − t_walk resting hours — awake or asleep, in daylight
    or at night — with SW from steady-state ISO 7933 (:func:`sweat_rate`, the walking rate per m2 floored at
    70 W m-2), the rest in shade at each part's air temperature and at :data:`RESTING_METABOLIC_RATE` awake or
    :data:`SLEEPING_METABOLIC_RATE` asleep, breath from :func:`respiratory_water_loss`, skin from
    :func:`skin_diffusion_loss` and urine from :func:`urine_loss` at ``water_deficit``.  This is the function the
    engine's day calls (``engine.compose.daily_water_loss``), so the public models and a simulation give the same
    water for the same walk.  Valid ranges: those of the functions composed (ISO 7933: 15–50 °C for sweat; colder
    air sweats nothing and is extrapolated to 0).

    Hypohydration lowers the sweat at a given core temperature, by the hypertonicity and the smaller blood volume of
    the dry body (Sawka 1992, Med Sci Sports Exerc 24:657, abstract; Fortney et al. 1984, J Appl Physiol 57:1688:
    the core threshold for sweating 0.22 °C higher at 11 mOsm kg-1 more in the plasma); the body settles warmer, by
    :func:`dehydration_core_rise` per 1 % of body mass (held beyond 8 %, the measured range), and the sweat is that
    of ISO 7933's steady state at that core: the skin runs warmer with it (ISO 7933's skin temperature, 0.51 °C per
    °C of core clothed, 0.62 nude) and sheds more heat dry, so less need be sweated.  In air hotter than the skin the
    saving is small — 5-9 % of the resting sweat and 3 % of the walking sweat at 8 % — for the heat must still
    leave by sweat ('ration your sweat, not your water'); the heat stored in a warmer body is not counted.

    Examples
    --------
    A day of rest (no walking) in 20 °C air at 50 %: no sweat, so the day's loss is breath at 1.2 met, 128 W on
    1.84 m2, expired at 33 °C (0.0173 · 128 · (5.03 − 1.17) kPa = 8.55 W, × 24 h · 3.6 / 2430 = 0.30 kg), skin
    0.36 kg and the urine of one who drinks as he likes, 1.2 kg; at a deficit of 5 % the urine is 0.5 kg:

    >>> round(float(daily_water_loss(70.0, 1.75, 300.0, 0.0, 0.0, 20.0, 20.0, 0.5, 0.5, 0.6).total), 2)
    1.86
    >>> round(float(daily_water_loss(70.0, 1.75, 300.0, 0.0, 0.0, 20.0, 20.0, 0.5, 0.5, 0.6,
    ...                              water_deficit=0.05).total), 2)
    1.16
    """
    m = check_positive("body_mass", body_mass)
    h = check_positive("height", height)
    power = check_nonnegative("walking_metabolic_rate", walking_metabolic_rate)
    hours = check_nonnegative("walking_hours", walking_hours)
    speed = check_nonnegative("walking_speed", walking_speed)
    t_walk = check_temperature("walking_air_temperature", walking_air_temperature)
    t_rest = check_temperature("resting_air_temperature", resting_air_temperature)
    rh = check_fraction("relative_humidity", relative_humidity)
    v = check_nonnegative("air_speed", air_speed)
    clo = check_nonnegative("clothing_insulation", clothing_insulation)
    t_rad = t_walk if walking_radiant_temperature is None else check_temperature(
        "walking_radiant_temperature", walking_radiant_temperature)
    p = check_positive("barometric_pressure", barometric_pressure)
    solutes = check_nonnegative("solute_load", solute_load)
    deficit = check_nonnegative("water_deficit", water_deficit)
    acc = np.asarray(acclimatised, dtype=np.float64)
    if np.any(hours > 24.0):
        raise ValueError("walking_hours must be at most 24 h")
    t_night = t_rest if night_air_temperature is None else check_temperature("night_air_temperature",
                                                                             night_air_temperature)
    rest_hours = 24.0 - hours
    day_rest = rest_hours if daylight_resting_hours is None else np.minimum(
        check_nonnegative("daylight_resting_hours", daylight_resting_hours), rest_hours)
    area = _dubois(m, h)
    shape = np.broadcast_shapes(area.shape, power.shape, hours.shape, speed.shape, t_walk.shape, t_rest.shape,
                                t_night.shape, np.shape(day_rest), rh.shape, v.shape, clo.shape, t_rad.shape,
                                acc.shape, deficit.shape, solutes.shape)
    m_walk = np.maximum(power / area, 70.0)
    # hypohydration: the core settles higher, by the measured rise per 1 % of body mass up to 8 % (its data)
    hypohydration = 100.0 * np.minimum(deficit, _CORE_RISE_DEFICIT_MAX)
    # the walking sweat kernel runs only where someone walked: a simulation's resting people cost nothing
    walked = np.broadcast_to(hours > 0.0, shape)
    sw_walk = np.zeros(shape)
    if walked.any():
        args = (np.ascontiguousarray(np.broadcast_to(x, shape)[walked], dtype=np.float64)
                for x in (t_walk, t_rad, v, rh, m_walk, clo, speed, acc, _core_rise(t_walk) * hypohydration))
        sw_walk[walked] = _hypohydrated_sweat_kernel(*args)
    night_rest = rest_hours - day_rest
    sleep = np.minimum(check_nonnegative("sleeping_hours", sleeping_hours), rest_hours)
    by_day = np.asarray(sleeping_by_day, dtype=bool)
    sleep_day = np.where(by_day, np.minimum(sleep, day_rest), np.maximum(sleep - night_rest, 0.0))
    sleep_night = sleep - sleep_day
    # the four parts of the rest: (air, metabolic rate [W m-2], hours)
    parts = ((t_rest, RESTING_METABOLIC_RATE, day_rest - sleep_day), (t_rest, SLEEPING_METABOLIC_RATE, sleep_day),
             (t_night, RESTING_METABOLIC_RATE, night_rest - sleep_night),
             (t_night, SLEEPING_METABOLIC_RATE, sleep_night))
    sw_rest = _resting_sweat(parts, v, rh, clo, acc, shape, hypohydration)
    sweat_walk = _sweat_mass(sw_walk, area, hours)
    sweat_rest = sum(_sweat_mass(sw, area, t) for sw, (_, _, t) in zip(sw_rest, parts, strict=True))
    breath = _respiratory_loss(t_walk, rh, power, hours, p) + sum(
        _respiratory_loss(ta, rh, met * area, t, p) for ta, met, t in parts)
    skin = _skin_diffusion(area, 24.0)
    urine = _urine(deficit, solutes, 1200.0)
    total = sweat_walk + sweat_rest + breath + skin + urine
    return DailyWaterLoss(*(np.broadcast_to(x, shape) * 1.0
                            for x in (sweat_walk, sweat_rest, breath, skin, urine, total)))


def _resting_sweat(parts, air_speed, relative_humidity, clothing_insulation, acclimatised, shape, hypohydration):
    """Steady-state ISO 7933 sweat rates [W m-2] at rest in shade, one array of ``shape`` for each part of the rest
    ``(air temperature [°C], metabolic rate [W m-2], hours)``, in one call of the kernel; the core raised by
    ``hypohydration`` [% of body mass] times the rise per 1 % at each air temperature.  The kernel runs only where a
    part lasts: a part of no hours sweats no mass whatever its rate (its rate is returned as 0)."""
    n = len(parts)
    ta = np.stack([np.broadcast_to(t, shape) for t, _, _ in parts])
    met = np.stack([np.full(shape, m) for _, m, _ in parts])
    lasts = np.stack([np.broadcast_to(h, shape) for _, _, h in parts]) != 0.0
    # guvectorize wants arrays of one type throughout (a Python float among 0-d arrays crashes it)
    args = np.broadcast_arrays(ta, ta, air_speed, relative_humidity, met, clothing_insulation,
                               np.zeros((n, *shape)), acclimatised, _core_rise(ta) * hypohydration)
    sweat = np.zeros((n, *shape))
    if lasts.any():
        sweat[lasts] = _hypohydrated_sweat_kernel(*(np.ascontiguousarray(x[lasts], dtype=np.float64) for x in args))
    return list(sweat.reshape((n, *shape)))
