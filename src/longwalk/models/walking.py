"""Walking: speed from slope and fitness, metabolic rate with load, grade and terrain, and daily work capacity.

Pure vectorised functions: every argument may be a scalar or an array, all arguments broadcast together and the
result has the broadcast shape.  Units follow :mod:`longwalk.glossary`: speeds in m s-1, slopes as rise over run
[-] (positive uphill in the direction of travel), masses in kg, metabolic rates in W, VO2max in mL kg-1 min-1.

How the engine composes them for one person-day::

    vo2 = vo2max * altitude.vo2max_altitude_factor(elevation) * vo2max_starvation_factor(lean, lean0) * mass0 / mass
    speed = daily_walking_speed(slope, terrain_factor, body_mass, load_mass, vo2, hours_walked, pace_factor)
    power = walking_metabolic_rate(speed, slope, body_mass, load_mass, terrain_factor)      # W while walking

Sources are cited per function; constants tagged "estimate" are not from a paper.

Each equation is written once, in a private function decorated with ``numba.extending.register_jitable``: called
from Python it is plain NumPy on arrays (what the public function returns after checking its inputs), and called
from compiled code it is compiled for scalars (the speed solvers' kernels are built from these).
"""

from __future__ import annotations

import numba
import numpy as np
from numba.extending import register_jitable

from longwalk.models._jit import guvectorize, vectorize
from longwalk.models._validate import (
    check_finite,
    check_fraction,
    check_in,
    check_nonnegative,
    check_positive,
    warn_outside,
)

KMH = 1.0 / 3.6
"""One km h-1 in m s-1."""

LCDA_MAX_SPEED = 1.96
"""Highest speed in the data behind the LCDA equation [m s-1] (Looney et al. 2019)."""


OXYGEN_ENERGY_EQUIVALENT = 20.1e3
"""Energy released per litre of O2 consumed [J L-1] at a mixed-fuel respiratory quotient (≈0.85), as used by Ludlow &
Weyand 2017 (J Appl Physiol 123:1288) to convert VO2 to metabolic power."""

MARCH_HALT_FRACTION = 10.0 / 60.0
"""Share of the time on the march spent halted [-]: a 10-minute halt in every hour of marching, the "50/10" rule of
US Army FM 21-18 *Foot Marches* (1990), as quoted in the FM 21-20 road-march guidance ("a cadence of 106 steps per
minute ... 4.8 km/h; when a 10-minute rest is taken each hour, a net speed of 4 km/h results") and by Scott (2017,
Mountain Tactical Institute, "Calculating movement over uneven terrain", quoting FM 21-18 and USMC MCRP 3-02A)."""

REST_METABOLIC_RATE = 1.44
"""Metabolic rate of a walker standing at a halt [W kg-1 of body mass]: the LCDA standing term (Looney et al. 2019),
pack off (FM 21-18 halts); an upper estimate of resting, since many sit."""

TERRAIN_FACTORS: dict[str, float] = {
    "paved": 1.0,
    "dirt_road": 1.1,
    "grass": 1.1,
    "light_brush": 1.2,
    "hard_surface_road": 1.2,
    "ploughed_field": 1.3,
    "heavy_brush": 1.5,
    "hard_packed_snow": 1.6,
    "swamp": 1.8,
    "sand_dunes": 1.8,
    "loose_sand": 2.1,
}
"""Terrain coefficients η [-] for *energy* (multiply the speed-dependent part of the walking cost).

Soule RG, Goldman RF (1972) "Terrain coefficients for energy cost prediction", J Appl Physiol 32:706–708, as tabulated
in the R package ``movecost`` (Alberti 2019, doi:10.1016/j.softx.2019.100331).  "ploughed_field" is the low end of the
published 1.3–1.5 range.  For snow use :func:`terrain_factor_snow`.
"""

# Campbell MJ, Dennison PE, Butler BW, Page WG (2019) "Using crowdsourced fitness tracker data to model the relationship
# between slope and travel rates", Applied Geography 106:93–107: modified Lorentz function fitted to Strava on-foot
# activities at 21 percentiles of speed.  Coefficients (a, b, c, d, e) as coded in the R package leastcostpath
# (Lewis, R/cost.R, "campbell 2019"); θ in degrees, speed in m s-1.
_CAMPBELL_PERCENTILES = np.array(
    [0.01, 0.05, 0.10, 0.15, 0.20, 0.25, 0.30, 0.35, 0.40, 0.45, 0.50, 0.55, 0.60, 0.65, 0.70, 0.75, 0.80, 0.85, 0.90,
     0.95, 0.99]
)
_CAMPBELL_COEFFS = np.array(
    [
        [-2.1, -1.527, -1.568, -1.626, -1.71, -1.822, -1.858, -1.891, -1.958, -2.05, -2.171, -2.317, -2.459, -2.647,
         -2.823, -3.067, -3.371, -3.661, -3.06, -3.485, -4.0],
        [12.273, 14.041, 13.328, 11.847, 10.154, 8.827, 8.412, 8.584, 8.96, 9.402, 10.064, 10.712, 11.311, 12.089,
         12.784, 13.888, 15.395, 17.137, 16.653, 17.033, 13.903],
        [21.816, 36.813, 38.892, 38.231, 36.905, 37.111, 39.995, 44.852, 50.34, 56.172, 63.66, 71.572, 79.287, 89.143,
         98.697, 113.655, 134.409, 159.027, 138.875, 138.04, 123.515],
        [0.263, 0.32, 0.404, 0.481, 0.557, 0.616, 0.645, 0.649, 0.649, 0.646, 0.628, 0.608, 0.599, 0.576, 0.566, 0.518,
         0.443, 0.385, 0.823, 1.179, 1.961],
        [-0.00193, -0.00273, -0.00323, -0.00356, -0.00389, -0.00402, -0.0043, -0.00443, -0.00457, -0.0046, -0.00463,
         -0.00451, -0.00461, -0.00465, -0.00493, -0.00488, -0.00472, -0.00534, -0.01386, -0.01252, -0.01081],
    ]
)


def walking_speed_tobler(slope):
    """Preferred walking speed on a slope, Tobler's hiking function.

    Equation: ``v = 6 exp(-3.5 |slope + 0.05|)`` km h-1, converted to m s-1.  5.04 km h-1 on the flat, the maximum
    6 km h-1 at a slope of -0.05.  Tobler suggests × 0.6 off paths (pass that as ``pace_factor`` to
    :func:`daily_walking_speed`).

    Reference: Tobler W (1993) "Three presentations on geographical analysis and modeling", NCGIA Technical Report
    93-1 (fitted to Imhof's data).  Valid range: |slope| <= 1 (45°) — a ``ModelRangeWarning`` is issued beyond
    (estimate of the range of the underlying hill-walking data).

    Parameters
    ----------
    slope : array_like
        Rise over run in the direction of travel [-], positive uphill.

    Returns
    -------
    numpy.ndarray
        Walking speed [m s-1].

    Examples
    --------
    6 exp(-0.175) = 5.037 km h-1 = 1.399 m s-1 on the flat:

    >>> round(float(walking_speed_tobler(0.0) * 3.6), 3)
    5.037
    """
    s = check_finite("slope", slope)
    warn_outside("slope", s, -1.0, 1.0, "Tobler 1993 hiking function")
    return _tobler_speed(s)


@register_jitable
def _tobler_speed(slope):
    """Tobler's hiking function [m s-1]."""
    return 6.0 * np.exp(-3.5 * np.abs(slope + 0.05)) * KMH


WALKERS_PERCENTILE_INDEX = 2
"""Index in Campbell 2019's percentiles of the curve whose *shape* the preferred pace follows: the 10th percentile,
4.75 km h-1 on the flat, the tabulated percentile whose flat speed is nearest Tobler's 5.04 km h-1 (the 5th and
10th percentiles, the walkers among the on-foot activities, have nearly the same shape: within 0.5 % between -10 %
and +10 %)."""


def walking_speed_preferred(slope):
    """Preferred walking speed on a slope: Tobler's speed on the flat, Campbell 2019's walkers' change with slope.

    Equation (θ = atan(slope) in degrees, L the Campbell 2019 Lorentz curve of the 10th percentile,
    :data:`WALKERS_PERCENTILE_INDEX`)::

        v = v_Tobler(0) · L(θ) / L(0),   L(θ) = c / (π b (1 + ((θ - a) / b)²)) + d + e θ

    Tobler's function (:func:`walking_speed_tobler`) is fitted to Imhof's (1950) Swiss marching times and gives
    15 % more than the flat speed at -5 % and -6 %, the function's fastest.  Campbell et al. (2019) fitted the same
    relation to Strava on-foot tracks at 21 percentiles of speed; at the walkers' percentiles (5th and 10th, 4.1 and
    4.75 km h-1 on the flat) the speed at -6 % is the flat speed (+0.4 %), the fastest, at about -2°, less than
    1.5 % above it, and uphill they slow less than Tobler (0.91 of the flat speed at +6 %, Tobler 0.81).  Langmuir's
    correction of Naismith's rule (Langmuir E (1984) *Mountaincraft and Leadership*, as quoted in 'Naismith's
    rule', docsbay.net, and Wikipedia 'Naismith's rule': 10 minutes less per 300 m of descent on slopes of 5-12°)
    likewise gives descents gentler than 5° (8.7 %) no time back.  The flat speed stays Tobler's, the engine's
    route time base and the FM 21-18 road-march cases'.  Hours downhill at Tobler's faster pace with a pack are
    what the thru-hike case (pace-pct-thru-hike-km-per-walking-day) exposed.

    References: Campbell MJ, Dennison PE, Butler BW, Page WG (2019) Applied Geography 106:93–107 (coefficients as
    coded in the R package leastcostpath); Tobler W (1993) NCGIA Technical Report 93-1.  Valid range: |θ| <= 30°
    (Campbell's); a ``ModelRangeWarning`` is issued beyond.

    Parameters
    ----------
    slope : array_like
        Rise over run in the direction of travel [-], positive uphill.

    Returns
    -------
    numpy.ndarray
        Walking speed [m s-1].

    Examples
    --------
    On the flat, Tobler's 1.399 m s-1; at -6 % (θ = -3.434°) the 10th-percentile curve gives
    38.892 / (π · 13.328 · (1 + (1.866/13.328)²)) + 0.404 + 0.01109 = 1.3245 m s-1 against 1.3193 on the flat, so
    1.399 · 1.0040 = 1.405 m s-1 (Tobler: 1.609):

    >>> round(float(walking_speed_preferred(0.0)), 3), round(float(walking_speed_preferred(-0.06)), 3)
    (1.399, 1.405)
    """
    s = check_finite("slope", slope)
    warn_outside("slope", np.degrees(np.arctan(s)), -30.0, 30.0, "Campbell 2019 walkers' speed (degrees)")
    return _preferred_speed(s)


_WALKER_A, _WALKER_B, _WALKER_C, _WALKER_D, _WALKER_E = (float(_CAMPBELL_COEFFS[k][WALKERS_PERCENTILE_INDEX])
                                                         for k in range(5))


@register_jitable
def _walker_lorentz(slope):
    """Campbell 2019's Lorentz curve of the walkers' percentile [m s-1] at a slope [-]."""
    theta = np.arctan(slope) * (180.0 / np.pi)
    z = (theta - _WALKER_A) / _WALKER_B
    return _WALKER_C / (np.pi * _WALKER_B * (1.0 + z * z)) + _WALKER_D + _WALKER_E * theta


@register_jitable
def _preferred_speed(slope):
    """Preferred walking speed [m s-1]: Tobler's flat speed times the walkers' Campbell curve over its flat value."""
    return _tobler_speed(0.0) * _walker_lorentz(slope) / _walker_lorentz(0.0)


def walking_speed_campbell(slope, fitness_percentile=0.5):
    """Walking/hiking speed on a slope at a given percentile of the fitness-tracker population (Campbell 2019).

    Equation (modified Lorentz function, θ = atan(slope) in degrees)::

        v = c / (π b (1 + ((θ - a) / b)²)) + d + e θ     [m s-1]

    with (a, b, c, d, e) published for the 1st, 5th, 10th, …, 95th and 99th percentiles; between tabulated
    percentiles the *speed* is interpolated linearly.  The population is Strava on-foot activities, which include
    runners: the 50th percentile is 2.55 m s-1 on the flat and walkers lie in the lowest percentiles (the 5th is
    1.14 m s-1 ≈ 4.1 km h-1).

    Reference: Campbell MJ, Dennison PE, Butler BW, Page WG (2019) Applied Geography 106:93–107; coefficients as coded
    in the R package leastcostpath (``"campbell 2019"``).  Valid range: |θ| <= 30° (the package caps slopes there);
    a ``ModelRangeWarning`` is issued beyond.

    Parameters
    ----------
    slope : array_like
        Rise over run in the direction of travel [-].
    fitness_percentile : array_like
        Percentile of the speed distribution [-], 0.01 … 0.99.

    Returns
    -------
    numpy.ndarray
        Speed [m s-1].

    Examples
    --------
    5th percentile on the flat: 36.813 / (π · 14.041 · (1 + (1.527/14.041)²)) + 0.32 = 1.145 m s-1:

    >>> round(float(walking_speed_campbell(0.0, 0.05)), 3)
    1.145
    """
    s = check_finite("slope", slope)
    p = check_finite("fitness_percentile", fitness_percentile)
    if np.any((p < 0.01) | (p > 0.99)):
        raise ValueError(f"fitness_percentile must be between 0.01 and 0.99, got {p!r}")
    theta = np.degrees(np.arctan(s))
    warn_outside("slope", theta, -30.0, 30.0, "Campbell 2019 speed model (degrees)")
    theta, p = np.broadcast_arrays(theta, p)
    hi = np.clip(np.searchsorted(_CAMPBELL_PERCENTILES, p, side="left"), 1, len(_CAMPBELL_PERCENTILES) - 1)
    lo = hi - 1

    def lorentz(i):
        a, b, c, d, e = (_CAMPBELL_COEFFS[k][i] for k in range(5))
        return c / (np.pi * b * (1.0 + ((theta - a) / b) ** 2)) + d + e * theta

    p_lo, p_hi = _CAMPBELL_PERCENTILES[lo], _CAMPBELL_PERCENTILES[hi]
    w = (p - p_lo) / (p_hi - p_lo)
    return (1.0 - w) * lorentz(lo) + w * lorentz(hi)


def walking_metabolic_rate(walking_speed, slope, body_mass, load_mass=0.0, terrain_factor=1.0):
    """Metabolic rate of walking with a load on a grade, LCDA equation (Looney et al. 2019).

    Equation (S speed [m s-1], G = 100·slope [%], η terrain factor)::

        M = (W + L) · (1.44 + η [1.94 S^0.43 + 0.24 S^4 + 0.34 S G (1 - 1.05^(1 - 1.1^(G + 32)))])   [W]

    With η = 1 this is the published LCDA equation; applying η to the movement terms (not the 1.44 W kg-1 standing
    term) follows the LCDA backpacking extension (Looney et al. 2022, MSSE).

    Reference: Looney DP, Santee WR, Hansen EO, Bonventre PJ, Chalmers CR, Potter AW (2019) "Estimating energy
    expenditure during level, uphill, and downhill walking", Med Sci Sports Exerc 51(9):1954–1960,
    doi:10.1249/MSS.0000000000002002.  Valid range: speed 0–1.96 m s-1, grade -40 … +45 % (the fitted data); a
    ``ModelRangeWarning`` is issued outside.

    Parameters
    ----------
    walking_speed : array_like
        Horizontal speed [m s-1].
    slope : array_like
        Rise over run [-], positive uphill.
    body_mass : array_like
        Nude body mass W [kg].
    load_mass : array_like
        Carried load incl. clothing L [kg].
    terrain_factor : array_like
        Terrain coefficient η [-] (1 = treadmill/paved), see :data:`TERRAIN_FACTORS`.

    Returns
    -------
    numpy.ndarray
        Gross metabolic rate [W].

    Examples
    --------
    Level walking, 70 kg at 1.34 m s-1: (1.44 + 1.94·1.134 + 0.24·3.224) · 70 ≈ 309 W:

    >>> round(float(walking_metabolic_rate(1.34, 0.0, 70.0)), 1)
    309.0
    """
    v = check_nonnegative("walking_speed", walking_speed)
    s = check_finite("slope", slope)
    w = check_positive("body_mass", body_mass)
    load = check_nonnegative("load_mass", load_mass)
    eta = check_positive("terrain_factor", terrain_factor)
    warn_outside("walking_speed", v, 0.0, LCDA_MAX_SPEED, "LCDA (Looney 2019)")
    warn_outside("slope", s, -0.40, 0.45, "LCDA (Looney 2019)")
    return _lcda_rate(v, s, w, load, eta)


@register_jitable
def _lcda_rate(walking_speed, slope, body_mass, load_mass, terrain_factor):
    """LCDA gross metabolic rate [W]."""
    return (body_mass + load_mass) * (1.44 + terrain_factor * _lcda_movement(walking_speed,
                                                                             _lcda_grade_coefficient(slope)))


@register_jitable
def _lcda_grade_coefficient(slope):
    """LCDA grade term per unit speed, 0.34 G (1 - 1.05^(1 - 1.1^(G + 32))) with G = 100·slope [W kg-1 per m s-1]."""
    grade = 100.0 * slope
    return 0.34 * grade * (1.0 - 1.05 ** (1.0 - 1.1 ** (grade + 32.0)))


@register_jitable
def _lcda_movement(v, grade_coefficient):
    """LCDA movement cost 1.94 S^0.43 + 0.24 S^4 + k S [W kg-1]."""
    v2 = v * v
    return 1.94 * v**0.43 + 0.24 * v2 * v2 + grade_coefficient * v


@numba.njit(cache=True)
def _lcda_newton(target, k, u):  # pragma: no cover - compiled; checked against brentq in the tests
    """Speed v in [0, 1.96] with 1.94 v^0.43 + 0.24 v^4 + k v = target > 0, from a start ``u`` = v^0.43 > 0.

    Safeguarded Newton in u = v^0.43, in which the cost is nearly linear at low speed.  The cost increases with v
    (its derivative is >= 0.83 v^-0.57 + 0.96 v^3 + k > 0 because k >= -1.0 on -40..45 %), so [lo, hi] always
    brackets the root; a Newton step leaving the bracket is replaced by bisection.  Stops when the cost is within
    1e-13 (1 + target) of the target, whatever the start.
    """
    lo = 0.0
    hi = LCDA_MAX_SPEED**0.43
    for _ in range(60):
        v = u ** (1.0 / 0.43)
        v2 = v * v
        g = 1.94 * u + 0.24 * v2 * v2 + k * v - target
        if abs(g) <= 1e-13 * (1.0 + target):
            return v
        if g > 0.0:
            hi = u
        else:
            lo = u
        step = u - g / (1.94 + (0.96 * v2 * v + k) * v / (0.43 * u))
        u = step if lo <= step <= hi else 0.5 * (lo + hi)
        if hi - lo <= 1e-15:
            break
    return u ** (1.0 / 0.43)


@numba.njit(cache=True)
def _lcda_speed_for_cost_core(target, k):  # pragma: no cover - compiled; checked against brentq in the tests
    """:func:`_lcda_newton` (0 if target <= 0) from a start that needs no table: below the smallest speed at which
    one positive term alone reaches the target.  Used to tabulate the starts of :func:`_lcda_start`."""
    if target <= 0.0:
        return 0.0
    hi = LCDA_MAX_SPEED**0.43
    u = min(target / 1.94, (target / 0.24) ** (0.25 * 0.43), hi)
    if k > 0.0:
        u = min(u, (target / k) ** 0.43)
    return _lcda_newton(target, k, max(u, 1e-9))


@vectorize(["float64(float64, float64)"], cache=True)
def _lcda_speed_for_cost(target, k):  # pragma: no cover - compiled
    """Elementwise :func:`_lcda_speed_for_cost_core`."""
    return _lcda_speed_for_cost_core(target, k)


# Starting points for the LCDA speed solver: u = v^0.43 tabulated on a grid of grade coefficient k (grades -40 … 45 %)
# and of target / (cost at 1.96 m s-1), interpolated bilinearly.  The start is within ~1e-4 of the root, so Newton
# needs two or three cost evaluations instead of five to eight; accuracy is still set by _lcda_newton's stopping rule.
_LCDA_COST_196 = 1.94 * LCDA_MAX_SPEED**0.43 + 0.24 * LCDA_MAX_SPEED**4
_START_K = _lcda_grade_coefficient(np.linspace(-0.40, 0.45, 861))
_START_K0 = float(_START_K.min())
_START_DK = (float(_START_K.max()) - _START_K0) / 63.0
_START_DS = 1.0 / 128.0


def _tabulate_starts() -> np.ndarray:
    k = _START_K0 + _START_DK * np.arange(64.0)
    s = _START_DS * np.arange(129.0)
    target = (_LCDA_COST_196 + LCDA_MAX_SPEED * k)[:, None] * s[None, :]
    return _lcda_speed_for_cost(target, k[:, None]) ** 0.43


_START_U = _tabulate_starts()


@numba.njit(cache=True)
def _lcda_start(target, k):  # pragma: no cover - compiled; checked against brentq in the tests
    """Start u = v^0.43 for :func:`_lcda_newton`, for 0 < target < the cost at 1.96 m s-1 (bilinear in the table)."""
    fk = min(max((k - _START_K0) / _START_DK, 0.0), 62.999999)
    fs = min(max(target / (_LCDA_COST_196 + LCDA_MAX_SPEED * k) / _START_DS, 0.0), 127.999999)
    i = int(fk)
    j = int(fs)
    a = fk - i
    b = fs - j
    u = ((1.0 - a) * ((1.0 - b) * _START_U[i, j] + b * _START_U[i, j + 1])
         + a * ((1.0 - b) * _START_U[i + 1, j] + b * _START_U[i + 1, j + 1]))
    return max(u, 1e-9)


@numba.njit(cache=True)
def _max_speed_core(target, k):  # pragma: no cover - compiled; checked against brentq in the tests
    """Fastest speed [m s-1] in [0, 1.96] whose LCDA movement cost 1.94 v^0.43 + 0.24 v^4 + k v is <= target."""
    if target <= 0.0:
        return 0.0
    if _lcda_movement(LCDA_MAX_SPEED, k) <= target:
        return LCDA_MAX_SPEED
    return _lcda_newton(target, k, _lcda_start(target, k))


@vectorize(["float64(float64, float64)"], cache=True)
def _max_speed(target, k):  # pragma: no cover - compiled
    """Elementwise :func:`_max_speed_core`."""
    return _max_speed_core(target, k)


@numba.njit(cache=True)
def _daily_speed_core(preferred, target, k):  # pragma: no cover - compiled; checked against the slow path in tests
    """min(preferred, fastest sustainable speed) [m s-1]; no root is solved where the preferred speed is affordable.

    The movement cost rises with speed, so cost(preferred) <= target means the sustainable speed (at most the LCDA
    limit 1.96 m s-1) is at least the preferred one and the minimum is the preferred speed itself.
    """
    if target > 0.0 and preferred <= LCDA_MAX_SPEED and _lcda_movement(preferred, k) <= target:
        return preferred
    return min(preferred, _max_speed_core(target, k))


@register_jitable
def _economical_speed_core(load_term, four=4, three=3):
    """Speed [m s-1] of least walking energy per metre above the resting rate (see :func:`economical_walking_speed`):
    the root of 0.72 v^4 - 1.1058 v^0.43 - a = 0 by Newton's method from 1.2 m s-1, at most the LCDA limit.

    The exponents are arguments because numba compiles an integer power as repeated multiplication and a float one
    as ``pow``, which differ in the last bit: :func:`_economical_speed` passes floats to give the numbers Python's
    ``float ** int`` (a ``pow`` call) gave, the fused speed kernel keeps the integer powers it was compiled with.
    """
    v = 1.2
    for _ in range(40):
        h = 0.72 * v**four - 1.1058 * v**0.43 - load_term
        dh = 2.88 * v**three - 0.475494 * v ** (-0.57)
        step = v - h / dh
        v = min(max(step, 0.5), LCDA_MAX_SPEED)
        if abs(h) < 1e-12:
            break
    return v


@vectorize(["float64(float64)"], cache=True)
def _economical_speed(load_term):  # pragma: no cover - compiled; checked against the Python loop in the tests
    """Elementwise :func:`_economical_speed_core`, compiled (the engine calls it for every walker every day)."""
    return _economical_speed_core(load_term, 4.0, 3.0)


@numba.njit(cache=True)
def _rested_speed_core(preferred, target, k, load_term):  # pragma: no cover - compiled; checked in the tests
    """The day's mean walking speed [m s-1]: continuous at min(preferred, sustainable), or, where the sustainable
    speed falls below the economical one, the economical speed with Bonjer's rest allowance (the larger)."""
    continuous = _daily_speed_core(preferred, target, k)
    if continuous >= preferred:  # the preferred pace is affordable: v_s <= preferred, no root to solve
        return continuous
    return _rested_below(preferred, target, k, load_term, continuous, _economical_speed_core(load_term))


@numba.njit(cache=True)
def _rested_below(preferred, target, k, load_term, continuous, economical):  # pragma: no cover - compiled
    """:func:`_rested_speed_core` where the preferred pace is not affordable, the economical speed given."""
    v_s = min(economical, preferred)
    if continuous >= v_s:
        return continuous
    share = (target + load_term) / (_lcda_movement(v_s, k) + load_term)
    return max(min(max(share, 0.0), 1.0) * v_s, continuous)


@guvectorize(["void(float64, float64, float64, float64, float64, float64, float64, float64[:], float64[:])"],
             "(),(),(),(),(),(),()->(),()", cache=True)
def _daily_speed_pair(preferred_a, k_a, preferred_b, k_b, target, load_term, economical, out_a,
                      out_b):  # pragma: no cover - compiled; checked against two single solves in the tests
    """:func:`_daily_speed` at two grades (their preferred speeds and grade coefficients) of one walker, whose
    ceiling and load are the same: the economical speed, which depends on neither grade, is solved once for both,
    only where one of them needs it, unless given (NaN: not given).  Bit for bit the two single calls where it is
    not given."""
    a = _daily_speed_core(preferred_a, target, k_a)
    b = _daily_speed_core(preferred_b, target, k_b)
    if a < preferred_a or b < preferred_b:
        if economical != economical:  # NaN: solve it here
            economical = _economical_speed_core(load_term)
        if a < preferred_a:
            a = _rested_below(preferred_a, target, k_a, load_term, a, economical)
        if b < preferred_b:
            b = _rested_below(preferred_b, target, k_b, load_term, b, economical)
    out_a[0] = a
    out_b[0] = b


@vectorize(["float64(float64, float64, float64, float64)"], cache=True)
def _daily_speed(preferred, target, k, load_term):  # pragma: no cover - compiled
    """Elementwise :func:`_rested_speed_core`."""
    return _rested_speed_core(preferred, target, k, load_term)


@register_jitable
def _load_term(body_mass, load_mass, terrain_factor):
    """a = 1.44 L / ((W + L) η) [W kg-1]: the standing cost of the load, carried while walking and put down at rest,
    per kg of the moving mass and per unit terrain factor."""
    return REST_METABOLIC_RATE * load_mass / ((body_mass + load_mass) * terrain_factor)


def economical_walking_speed(body_mass, load_mass=0.0, terrain_factor=1.0):
    """Speed at which walking costs least energy per metre above the resting rate [m s-1] (LCDA).

    A walker who walks part of the time and rests the rest covers the most ground for a given mean metabolic rate
    by walking at the speed that minimises the net cost per metre, ``(M(v) - M_rest) / v``, with ``M`` the LCDA
    rate (Looney et al. 2019) carrying the load and ``M_rest`` = 1.44 W kg-1 of body mass at rest, pack off
    (:data:`REST_METABOLIC_RATE`).  Writing ``a = 1.44 L / ((W + L) η)``, the minimum solves::

        0.72 v^4 - 1.1058 v^0.43 - a = 0

    (the grade term k·v of LCDA adds a constant per metre and does not move it).  Unloaded, v = (1.1058 /
    0.72)^(1/3.57) = 1.128 m s-1, near the speed of least cost per metre that walkers choose (about 1.2-1.3 m s-1
    gross: Ralston 1958, cited from memory); a load moves it up a little.  Valid range as LCDA.

    Parameters
    ----------
    body_mass : array_like
        Body mass [kg].
    load_mass : array_like
        Carried load [kg].
    terrain_factor : array_like
        Terrain coefficient η [-].

    Returns
    -------
    numpy.ndarray
        Speed [m s-1].

    Examples
    --------
    >>> round(float(economical_walking_speed(70.0)), 3)
    1.128
    """
    w = check_positive("body_mass", body_mass)
    load = check_nonnegative("load_mass", load_mass)
    eta = check_positive("terrain_factor", terrain_factor)
    a = np.asarray(_load_term(w, load, eta), dtype=np.float64)
    return _economical_speed(a)


def walking_metabolic_rate_pandolf(walking_speed, slope, body_mass, load_mass=0.0, terrain_factor=1.0):
    """Metabolic rate of walking with a load, Pandolf 1977, with Santee's downhill correction for -15 % <= G < 0.

    Equations (W body, L load [kg], V [m s-1], G = 100·slope [%], η terrain factor)::

        M = 1.5 W + 2.0 (W + L)(L/W)² + η (W + L)(1.5 V² + 0.35 V G)                      [W]
        downhill (G < 0):  M -= η [G (W + L) V / 3.5 - (W + L)(G + 6)² / W + (25 - V²)]

    The correction's (G + 6)² term diverges below -15 % (it predicts 776 W at -30 % where LCDA gives 332 W), so below
    -15 % the downhill equation is held at its value for G = -15 % and a ``ModelRangeWarning`` is issued.  Kept for
    comparison; the engine uses :func:`walking_metabolic_rate` (LCDA), which Pandolf under-predicts by 10–30 % for
    heavy loads.

    References: Pandolf KB, Givoni B, Goldman RF (1977) J Appl Physiol 43(4):577–581; Santee WR, Allison WF, Blanchard
    LA, Small MG (2001) Aviat Space Environ Med 72:562–566 (signed G).  Valid range: speed 0–2 m s-1 (estimate: the
    equation describes walking, not running), grade -15 … +45 % (estimate above; Santee's calibration below).

    Parameters
    ----------
    walking_speed : array_like
        Horizontal speed [m s-1].
    slope : array_like
        Rise over run [-].
    body_mass : array_like
        Nude body mass [kg].
    load_mass : array_like
        External load incl. clothing [kg].
    terrain_factor : array_like
        Terrain coefficient η [-].

    Returns
    -------
    numpy.ndarray
        Metabolic rate [W].

    Examples
    --------
    70 kg + 15 kg at 1.2 m s-1 on the level: 105 + 170·(15/70)² + 85·1.5·1.44 = 296.4 W:

    >>> round(float(walking_metabolic_rate_pandolf(1.2, 0.0, 70.0, 15.0)), 1)
    296.4
    """
    v = check_nonnegative("walking_speed", walking_speed)
    s = check_finite("slope", slope)
    w = check_positive("body_mass", body_mass)
    load = check_nonnegative("load_mass", load_mass)
    eta = check_positive("terrain_factor", terrain_factor)
    warn_outside("walking_speed", v, 0.0, 2.0, "Pandolf 1977")
    warn_outside("slope", s, -0.15, 0.45, "Pandolf 1977 with Santee 2001 downhill correction")
    grade = np.maximum(100.0 * s, -15.0)
    total = w + load
    m = 1.5 * w + 2.0 * total * (load / w) ** 2 + eta * total * (1.5 * v**2 + 0.35 * v * grade)
    correction = eta * (grade * total * v / 3.5 - total * (grade + 6.0) ** 2 / w + (25.0 - v**2))
    return np.where(grade < 0.0, m - correction, m)


def snow_footprint_depth(snow_depth, snow_density):
    """Depth of a walker's footprint in snow from snow depth and density (ERDC/CRREL).

    Equation: ``z = h (1 - ρ / 1186)`` with ρ in kg m-3 (1.186 g cm-3 in the source).

    Reference: US Army ERDC/CRREL, "Terrain coefficients for predicting energy costs of walking over snow" (sinkage
    formula as given in its abstract).  Valid range: ρ 50–600 kg m-3 (estimate: seasonal snow from fresh to
    wind-packed); a ``ModelRangeWarning`` is issued outside.

    Parameters
    ----------
    snow_depth : array_like
        Depth of snow on the ground [m].
    snow_density : array_like
        Bulk snow density [kg m-3].

    Returns
    -------
    numpy.ndarray
        Footprint depth [m].

    Examples
    --------
    0.3 m of 300 kg m-3 snow: 0.3 · (1 - 300/1186) = 0.224 m:

    >>> round(float(snow_footprint_depth(0.3, 300.0)), 3)
    0.224
    """
    h = check_nonnegative("snow_depth", snow_depth)
    rho = check_positive("snow_density", snow_density)
    warn_outside("snow_density", rho, 50.0, 600.0, "ERDC snow sinkage formula")
    return h * np.clip(1.0 - rho / 1186.0, 0.0, 1.0)


SNOW_TERRAIN_SLOPE = 0.184
"""Rise of the snow terrain coefficient η per cm of footprint depth [cm-1], for LCDA's movement cost at the pace a
walker chooses in loose snow: CALIBRATED to Ramaswamy SS et al. (1966) J Appl Physiol 21:1747-1749 (abstract: O2 per
km of a 60-kg soldier in loose deep snow, Y = 9.0 + 1.27 X^1.038 L, X the footprint depth in cm, linear up to 37 cm),
least squares in log(O2 per km) over 5-37 cm for the walker of validation cases pace-snow-ramaswamy-o2-per-km-*
(man of 22, FRIEND median VO2max, 60 kg, no load, 2,270 m, an hour walked at the endurance cap of
:func:`daily_walking_speed`).  Pandolf, Haisman & Goldman (1976, Ergonomics 19:683) give 0.082 per cm for Pandolf's
equation at imposed speeds; 'Terrain coefficients for predicting energy costs of walking over snow' (US Army ERDC,
abstract; Richmond, Potter & Santee 2015, authors and year from memory) found that η must rise faster than that, as a
cubic of the sinkage."""


def terrain_factor_snow(footprint_depth):
    """Terrain coefficient η for walking in snow from footprint depth.

    Equation: ``η = 1.30 + 0.184 D`` with D the footprint depth in cm (:data:`SNOW_TERRAIN_SLOPE`).

    The intercept is Pandolf, Haisman & Goldman's (1976) for snow without sinkage (Richmond et al. 2015: 1.26).  The
    slope is fitted to the oxygen that soldiers used per km in loose deep snow at their own pace (Ramaswamy et al.
    1966, :data:`SNOW_TERRAIN_SLOPE`), for LCDA's movement cost (:func:`walking_metabolic_rate`): Pandolf's 0.082
    per cm, fitted with Pandolf's equation (whose movement cost falls as v² at the slow paces of deep snow), leaves
    a walker at the endurance cap going twice as fast as the soldiers did at 30 cm.  At imposed walking speeds the
    sources disagree: Smolander et al. (1989, Ergonomics 32:3) measured about 2.8 times the treadmill's O2 uptake in
    26 cm footprints, between Pandolf's η (2.5 times) and this one (about 4 times); see validation case
    pace-snow-smolander-vo2-ratio-26cm.  Valid range: D 0–0.37 m (Ramaswamy's linear range; deeper, their oxygen
    per km rose faster still); a ``ModelRangeWarning`` is issued beyond.

    Parameters
    ----------
    footprint_depth : array_like
        Depth of the footprint [m].

    Returns
    -------
    numpy.ndarray
        Terrain coefficient η [-].

    Examples
    --------
    A 10 cm footprint: 1.30 + 0.184·10 = 3.14:

    >>> round(float(terrain_factor_snow(0.10)), 2)
    3.14
    """
    d = check_nonnegative("footprint_depth", footprint_depth)
    warn_outside("footprint_depth", d, 0.0, 0.37, "snow terrain coefficient (Ramaswamy 1966 linear range)")
    return 1.30 + SNOW_TERRAIN_SLOPE * (100.0 * d)


TRAINED_FRACTION_7H = 0.60
"""Fraction of VO2max that endurance-trained men hold for about 7 hours and longer [-]: Myles WS (1979) The energy
cost of an 80 km run, Br J Sports Med 13:12-14 (abstract: one runner finished 80 km at 58 % of VO2max, the other,
at 74 %, retired at 55 km; 'about 60 % of VO2max can be continued for seven hours and longer')."""

TRAINED_FRACTION_24H = 0.50
"""Fraction of VO2max that endurance-trained men hold over 24 hours [-]: Davies CTM, Thompson MW (1979) Estimated
aerobic performance and energy cost of severe exercise of 24 h duration, Ergonomics 22:1249-1255 (abstract: the
first two of a 24-hour race, 254 and 235 km, ran at about 50 % of their VO2max)."""

TRAINED_PERCENTILE = 0.99
"""VO2max percentile [-] that stands for the endurance-trained: ESTIMATE.  The runners of the two sources above are
ultra-distance athletes, whose VO2max lies in the top percent of men of their age (FRIEND, Kaminsky 2015: the
median of 20-29 is 48 mL kg-1 min-1); below this percentile the fraction is interpolated towards Bink's."""


def sustainable_vo2max_fraction(hours_walked, training=0.0):
    """Fraction of VO2max that can be sustained for a given working time, from Bink's workforce to trained athletes.

    Equation::

        f_B(t) = log10(5700 / t_min) / 3.1                     (Bink 1962)
        f_T(t) = 0.60 - b · log10(t / 7 h),  b = 0.10 / log10(24 / 7)      (trained: Myles 1979; Davies 1979)
        f = f_B + τ · max(f_T - f_B, 0),   capped at 1

    Bink's relation is the acceptable load of an industrial working day: 64 % for 1 h, 44 % for 4 h, 35 % for 8 h.
    It describes the general workforce; endurance-trained people hold far more for as long: about 60 % of VO2max for
    7 h and longer (Myles 1979, an 80 km run) and 50 % over 24 h (Davies & Thompson 1979, a 24-hour race), where
    Bink gives 37 % and 19 %.  ``f_T`` is the log-linear line through those two points.  τ (``training``, 0..1, see
    :func:`endurance_training`) places the walker between the two: 0 for Bink's workers (the default), 1 for the
    trained.  The trained points are single efforts; day after day the line is checked against a week of 17.5-hour
    days at about half of VO2max (Berger et al. 2020, validation case pace-berger-7-day-run-fraction); no source
    was found for weeks.

    Reference: Bink B (1962) "The physical working capacity in relation to working time and age", Ergonomics 5:25–28
    (the maximum acceptable work load relation as cited in the ergonomics literature); Myles 1979; Davies & Thompson
    1979 (:data:`TRAINED_FRACTION_7H`, :data:`TRAINED_FRACTION_24H`).  Valid range: 1–24 h (Bink's working days to
    the 24-hour race); a ``ModelRangeWarning`` is issued outside.

    Parameters
    ----------
    hours_walked : array_like
        Working (walking) time in the day [h], > 0.
    training : array_like
        Endurance training τ [-], 0 (Bink's workforce) to 1 (endurance-trained).

    Returns
    -------
    numpy.ndarray
        Sustainable fraction of VO2max [-].

    Examples
    --------
    8 h = 480 min: log10(5700/480)/3.1 = log10(11.875)/3.1 = 0.347; trained: 0.60 - 0.1867 · log10(8/7) = 0.589:

    >>> round(float(sustainable_vo2max_fraction(8.0)), 3)
    0.347
    >>> round(float(sustainable_vo2max_fraction(8.0, 1.0)), 3)
    0.589
    """
    t = check_positive("hours_walked", hours_walked)
    tau = check_fraction("training", training)
    warn_outside("hours_walked", t, 1.0, 24.0, "Bink 1962 / trained-athlete sustainable fraction")
    return _sustainable_fraction(t, tau)


@register_jitable
def _bink_fraction(hours_walked):
    """Bink's sustainable fraction of VO2max [-]."""
    return np.minimum(np.log10(5700.0 / (60.0 * hours_walked)) / 3.1, 1.0)


@register_jitable
def _trained_fraction(hours_walked):
    """Endurance-trained sustainable fraction of VO2max [-]: the line through Myles 1979 and Davies 1979."""
    slope = (TRAINED_FRACTION_7H - TRAINED_FRACTION_24H) / np.log10(24.0 / 7.0)
    return np.minimum(TRAINED_FRACTION_7H - slope * np.log10(hours_walked / 7.0), 1.0)


@register_jitable
def _sustainable_fraction(hours_walked, training):
    """Bink's fraction moved towards the trained one by the training τ [-]."""
    bink = _bink_fraction(hours_walked)
    return bink + training * np.maximum(_trained_fraction(hours_walked) - bink, 0.0)


def endurance_training(fitness_percentile):
    """Endurance training τ [-] of a person at a VO2max percentile of their sex and age, for
    :func:`sustainable_vo2max_fraction`.

    Equation: ``τ = clip(z(p) / z(0.99), 0, 1)`` with ``z`` the standard normal quantile: 0 at and below the median
    (Bink's workforce), 1 at :data:`TRAINED_PERCENTILE` (the ultra-distance athletes of the trained points), linear
    in the z-score of VO2max between them.  ESTIMATE: no source gives the fraction held by people between the two
    groups; a person's VO2max percentile stands for their endurance training because training raises both.

    Parameters
    ----------
    fitness_percentile : array_like
        The person's percentile of VO2max among people of their sex and age [-], 0..1.

    Returns
    -------
    numpy.ndarray
        Training τ [-], 0..1.

    Examples
    --------
    The median is untrained; the 90th percentile: z = 1.2816 over z(0.99) = 2.3263 gives 0.551:

    >>> float(endurance_training(0.5)), round(float(endurance_training(0.9)), 3)
    (0.0, 0.551)
    """
    from scipy.special import ndtri

    p = check_fraction("fitness_percentile", fitness_percentile)
    return np.clip(ndtri(np.clip(p, 0.01, 0.99)) / ndtri(TRAINED_PERCENTILE), 0.0, 1.0)


def sustainable_metabolic_rate(vo2max, body_mass, hours_walked, halt_fraction=0.0, training=0.0):
    """Metabolic rate a person can keep up *while walking* for ``hours_walked`` hours a day, halts included.

    Bink's fraction is the acceptable *mean* metabolic rate over the whole working time, pauses included (the way
    the ergonomics literature applies it, e.g. Bonjer's rest-allowance formula).  A march with halts taking a share
    ``h`` of the time on the march lasts ``T = t / (1 - h)`` for ``t`` hours of walking; the walking rate that keeps
    the mean over ``T`` at Bink's level, with the halts at the resting rate, is::

        M_walk = (f(T) · M_max - h · M_rest) / (1 - h)        [W]
        M_max = VO2max · W / 60000 · 20100,   M_rest = 1.44 W kg-1 · W

    with f from :func:`sustainable_vo2max_fraction` (Bink's, or above it for the endurance-trained: ``training``),
    20.1 kJ per litre of O2 (:data:`OXYGEN_ENERGY_EQUIVALENT`) and :data:`REST_METABOLIC_RATE`.  With ``h = 0`` (no
    halts) this is ``f(t) · M_max``.  A self-paced walker of Bink's workforce on the FM 21-18 march (8 h on the
    march, 50/10 halts: h = 1/6) may walk at about 40 % of VO2max, within the 30-45 % of VO2max quoted for
    self-paced load carriage (Astrand 1967; Saha et al. 1979; Haisman 1988, as quoted by Scott & Christie 2000,
    Ergonomics SA 12(1)) and near the 44 % that unfit men held when walking "as fast as possible" for 2.5-3.5 h
    (Levine et al. 1982, Ergonomics 25:393).

    References: Bink 1962, Myles 1979, Davies & Thompson 1979 (fraction); Ludlow & Weyand 2017 (energy equivalent of
    O2); FM 21-18 (1990) (halts); Looney et al. 2019 (standing cost).  Valid range as
    :func:`sustainable_vo2max_fraction`; VO2max 15-85 mL kg-1 min-1 (estimate: sick adult to elite athlete);
    halt_fraction 0 … 0.5.

    Parameters
    ----------
    vo2max : array_like
        Maximal oxygen uptake per kg of current body mass [mL kg-1 min-1].
    body_mass : array_like
        Body mass [kg].
    hours_walked : array_like
        Walking time in the day, halts excluded [h].
    halt_fraction : array_like
        Share of the time on the march spent halted [-] (:data:`MARCH_HALT_FRACTION` for the 50/10 rule).
    training : array_like
        Endurance training τ [-] of :func:`sustainable_vo2max_fraction` (0: Bink's workforce).

    Returns
    -------
    numpy.ndarray
        Sustainable gross metabolic rate while walking [W].

    Examples
    --------
    VO2max 45, 70 kg, 8 h without halts: 0.3466 · 45 · 70 / 60000 · 20100 = 365.8 W:

    >>> round(float(sustainable_metabolic_rate(45.0, 70.0, 8.0)), 1)
    365.8

    The same 8 h march with 50/10 halts (6 h 40 min walking): (365.8 - 100.8 / 6) / (5/6) = 418.8 W:

    >>> round(float(sustainable_metabolic_rate(45.0, 70.0, 8.0 * 5 / 6, 1 / 6)), 1)
    418.8
    """
    vo2 = check_positive("vo2max", vo2max)
    w = check_positive("body_mass", body_mass)
    h = check_finite("halt_fraction", halt_fraction)
    if np.any((h < 0.0) | (h > 0.5)):
        raise ValueError(f"halt_fraction must be between 0 and 0.5, got {h!r}")
    t = check_positive("hours_walked", hours_walked)
    warn_outside("vo2max", vo2, 15.0, 85.0, "VO2max of adults")
    march = t / (1.0 - h)
    return _halted_rate(sustainable_vo2max_fraction(march, training), vo2, w, h)


@register_jitable
def _halted_rate(fraction, vo2max, body_mass, halt_fraction):
    """Walking rate [W] that keeps the march's mean at ``fraction`` of VO2max, the halts at the resting rate."""
    return (_sustainable_rate(fraction, vo2max, body_mass) - halt_fraction * REST_METABOLIC_RATE * body_mass) / \
        (1.0 - halt_fraction)


@register_jitable
def _sustainable_rate(fraction, vo2max, body_mass):
    """Sustainable metabolic rate [W] from the sustainable fraction of VO2max."""
    return fraction * vo2max * body_mass / 60000.0 * OXYGEN_ENERGY_EQUIVALENT


@register_jitable
def _affordable_movement_cost(ceiling, body_mass, load_mass, terrain_factor):
    """LCDA movement cost per kg [W kg-1] that a metabolic ceiling [W] leaves after the standing 1.44 W kg-1."""
    return (ceiling / (body_mass + load_mass) - 1.44) / terrain_factor


def max_sustainable_walking_speed(slope, body_mass, load_mass, terrain_factor, vo2max, hours_walked,
                                  halt_fraction=0.0, training=0.0):
    """Fastest speed at which the LCDA walking cost stays within the sustainable metabolic rate.

    Solves ``walking_metabolic_rate(v, slope, W, L, η) = sustainable_metabolic_rate(VO2max, W, t)`` for v by
    safeguarded Newton iteration (the LCDA rate increases monotonically with speed at every grade:
    ∂M/∂S >= 0.83·S^-0.57 + 0.96 S³ - 1.0 > 0).
    Returns 0 where even standing with the load exceeds the ceiling, and 1.96 m s-1 (the LCDA limit) where that speed
    is still sustainable.

    References: Looney et al. 2019 (cost), Bink 1962 (sustainable fraction).  Valid ranges as those functions.

    Parameters
    ----------
    slope : array_like
        Rise over run [-].
    body_mass : array_like
        Body mass [kg].
    load_mass : array_like
        Carried load [kg].
    terrain_factor : array_like
        Terrain coefficient η [-].
    vo2max : array_like
        VO2max per kg of current body mass [mL kg-1 min-1], already reduced for altitude and starvation.
    hours_walked : array_like
        Walking time in the day, halts excluded [h].
    halt_fraction : array_like
        Share of the time on the march spent halted [-] (see :func:`sustainable_metabolic_rate`).
    training : array_like
        Endurance training τ [-] (see :func:`sustainable_vo2max_fraction`).

    Returns
    -------
    numpy.ndarray
        Speed [m s-1].

    Examples
    --------
    Level, 70 kg + 15 kg, VO2max 45, 8 h: the ceiling is 365.8 W and LCDA reaches it at about 1.30 m s-1:

    >>> round(float(max_sustainable_walking_speed(0.0, 70.0, 15.0, 1.0, 45.0, 8.0)), 2)
    1.3
    """
    ceiling = sustainable_metabolic_rate(vo2max, body_mass, hours_walked, halt_fraction, training)
    s = check_finite("slope", slope)
    load = check_nonnegative("load_mass", load_mass)
    eta = check_positive("terrain_factor", terrain_factor)
    warn_outside("slope", s, -0.40, 0.45, "LCDA (Looney 2019)")
    # movement cost per kg the walker can afford: g(v) = 1.94 v^0.43 + 0.24 v^4 + k v = target
    target = _affordable_movement_cost(ceiling, np.asarray(body_mass, dtype=np.float64), load, eta)
    return _max_speed(target, _lcda_grade_coefficient(s))


def daily_walking_speed(slope, terrain_factor, body_mass, load_mass, vo2max, hours_walked, pace_factor=1.0,
                        halt_fraction=0.0, training=0.0):
    """The day's mean walking speed: preferred speed, capped by what the person can sustain for the day.

    Equation: ``v = min(pace_factor · v_p(slope), v_max)`` with ``v_p`` the preferred speed
    (:func:`walking_speed_preferred`: Tobler's on the flat, Campbell 2019's walkers' change with slope) and v_max from
    :func:`max_sustainable_walking_speed` (LCDA cost at the terrain factor, Bink's fraction of VO2max, or more for the
    endurance-trained (``training``, :func:`sustainable_vo2max_fraction`), for the hours
    walked, halts included).  Load, fitness (VO2max), altitude and starvation (through ``vo2max``) and terrain all
    act through the cap; ``pace_factor`` scales the preferred pace (0.6 off paths per Tobler 1993, below 1 for
    darkness or way-finding).

    Where the cap would push the speed below the economical speed ``v_e``
    (:func:`economical_walking_speed`, at most the preferred one), slowing down further costs more energy per
    metre (LCDA's 1.94 v^0.43 term: at 0.3 m s-1 a metre costs nearly twice what it does at 1.1), so the walker
    keeps ``v_e`` and rests more instead: Bonjer's rest allowance (the ergonomics rule that pauses keep the mean
    rate at the acceptable level, quoted with Bink's limit there; cited from memory; see
    :func:`sustainable_metabolic_rate`), the share of the walking time walked being
    ``p = (M_cap - M_rest) / (M(v_e) - M_rest)`` with ``M_rest`` = 1.44 W kg-1 of body mass (pack off).  The
    mean speed over the walking hours is then ``p · v_e``, never less than the continuous capped speed, and the
    mean metabolic rate is the cap.  Without this a weak walker's speed falls steeply towards zero as the cap
    nears the standing cost (0.07 m s-1 for a 58 kg woman of VO2max 24 with 20 kg for 7.5 h), which no walker
    does.

    References: Tobler 1993; Campbell et al. 2019; Looney et al. 2019; Bink 1962; Bonjer's rest allowance.  Valid
    ranges as those functions.

    Parameters
    ----------
    slope : array_like
        Rise over run [-].
    terrain_factor : array_like
        Terrain coefficient η [-].
    body_mass : array_like
        Body mass [kg].
    load_mass : array_like
        Carried load [kg].
    vo2max : array_like
        VO2max per kg of current body mass [mL kg-1 min-1].
    hours_walked : array_like
        Walking time in the day, halts excluded [h].
    pace_factor : array_like
        Multiplier on the preferred speed [-], > 0.
    halt_fraction : array_like
        Share of the time on the march spent halted [-] (:data:`MARCH_HALT_FRACTION` for FM 21-18's 50/10 rule).
    training : array_like
        Endurance training τ [-] (:func:`endurance_training`; 0, the default, is Bink's workforce).

    Returns
    -------
    numpy.ndarray
        Speed [m s-1].

    Examples
    --------
    A fit walker (VO2max 50) on the flat with 10 kg for 8 h walks at the preferred (Tobler's) 1.399 m s-1; with
    VO2max 35 the cap binds:

    >>> round(float(daily_walking_speed(0.0, 1.0, 70.0, 10.0, 50.0, 8.0)), 3)
    1.399
    >>> bool(daily_walking_speed(0.0, 1.0, 70.0, 10.0, 35.0, 8.0) < 1.2)
    True

    The 50/10 halts of an 8-hour march leave 6 h 40 min of walking at a higher sustainable rate, so the VO2max-35
    walker is faster while walking, though he covers less in the day:

    >>> bool(daily_walking_speed(0.0, 1.0, 70.0, 10.0, 35.0, 8.0 * 5 / 6, halt_fraction=1 / 6)
    ...      > daily_walking_speed(0.0, 1.0, 70.0, 10.0, 35.0, 8.0))
    True
    """
    # nothing hauled: the one implementation is daily_hauling_speed's
    return daily_hauling_speed(slope, terrain_factor, body_mass, load_mass, vo2max, hours_walked, 0.0, 0.0,
                               pace_factor, halt_fraction, training)


BARE_GROUND_TERRAIN = 1.1
"""Terrain coefficient of the ground the preferred pace (Tobler's hiking function) describes [-]: dirt road or
grass (Soule & Goldman 1972); the engine's bare ground, and the least η of a day's snow."""


def economical_pace_floor(terrain_factor, body_mass, load_mass=0.0):
    """The floor :func:`terrain_pace_factor` holds the pace at [m s-1]: the economical speed
    (:func:`economical_walking_speed`) on ground costlier than bare ground (η > :data:`BARE_GROUND_TERRAIN`), 0 on
    bare ground, where it never binds.  It does not depend on the slope, so a caller that needs the factor at several
    slopes works it out once and passes it on.

    Reference: as :func:`economical_walking_speed` (LCDA, Looney et al. 2019); the floor as in
    :func:`terrain_pace_factor`.  Valid range: as :func:`walking_metabolic_rate`.

    >>> economical_pace_floor(1.1, 70.0).item(), round(economical_pace_floor(1.6, 70.0).item(), 3)
    (0.0, 1.128)
    """
    eta = check_positive("terrain_factor", terrain_factor)
    w = check_positive("body_mass", body_mass)
    load = check_nonnegative("load_mass", load_mass)
    shape = np.broadcast_shapes(eta.shape, w.shape, load.shape)
    floor = np.zeros(shape)
    # solved on soft ground only (most days of most journeys have none)
    soft = np.broadcast_to(eta > BARE_GROUND_TERRAIN, shape)
    if soft.any():
        floor[soft] = economical_walking_speed(np.broadcast_to(w, shape)[soft], np.broadcast_to(load, shape)[soft],
                                               np.broadcast_to(eta, shape)[soft])
    return floor


def terrain_pace_factor(slope, terrain_factor, body_mass, load_mass=0.0, pace_floor=None,
                        constant_power_speed=None):
    """Factor on the preferred pace (:func:`walking_speed_preferred`) on ground costlier than bare ground: the
    walker holds bare ground's metabolic rate, but not at a pace below the economical speed.

    On snow or sand walkers slow down even when they could afford their usual pace: a fit snowshoer goes about a
    quarter slower on hard-packed snow than on bare ground (T. Sobal, validation case pace-packed-snow-speed-ratio),
    and the slowing keeps the metabolic rate of the preferred pace on bare ground (η0 = 1.1), as ``longwalk.routing``
    assumes for the time of its terrain factors (docs/routing.md).  In deep snow that rate would leave the walker
    crawling, at a pace whose energy per metre is far above the least (LCDA's 1.94 v^0.43 term); walkers there work
    harder instead: soldiers in loose deep snow worked as hard as 'running on snow-free ground at 8 km/hr or
    marching with a 70-lb load at 6 km/hr' (Ramaswamy et al. 1966, J Appl Physiol 21:1747, abstract), and walkers
    in 26 cm footprints used 2.24 L/min of O2, 2.8 times their treadmill uptake at the same speed (Smolander et al.
    1989, Ergonomics 32:3).  So the pace is held no lower than the economical speed ``v_e``
    (:func:`economical_walking_speed`, the least energy per metre above rest); where even the endurance cap cannot
    pay for ``v_e``, :func:`daily_walking_speed` walks it for part of the time and rests the rest.  With the LCDA
    movement cost g(v, k) (k the grade term)::

        g(v_c, k) · η = g(v_p, k) · η0        (constant power; v_c = v_p where η <= η0)
        k_pace = min(max(v_c, v_e) / v_p, 1)

    References: Looney et al. 2019 (LCDA), Tobler 1993 and Campbell et al. 2019 (preferred pace), Soule & Goldman
    1972 (η0), Ramaswamy et al. 1966 and Smolander et al. 1989 (effort in deep snow).  The constant-power part is an
    ESTIMATE (as the routing's); the floor at ``v_e`` follows from the least energy per metre.  Valid range: as
    :func:`walking_metabolic_rate`.

    Parameters
    ----------
    slope : array_like
        Rise over run [-].
    terrain_factor : array_like
        Terrain coefficient η [-].
    body_mass : array_like
        Body mass [kg].
    load_mass : array_like
        Carried load [kg].
    pace_floor : array_like, optional
        :func:`economical_pace_floor` of the same ground, mass and load [m s-1], where the caller has it already.
    constant_power_speed : array_like, optional
        :func:`constant_power_speed` of the same slope and ground [m s-1], where the caller has it already (it
        depends on neither the walker nor the load: one for a whole party on one ground).

    Returns
    -------
    numpy.ndarray
        Multiplier on the preferred pace [-], 0 < k <= 1.

    Examples
    --------
    Bare ground keeps Tobler's pace.  On hard-packed snow (η 1.6) on the flat, 1.94 v^0.43 + 0.24 v^4 must fall
    from 3.161 at 1.399 m s-1 to 3.161 · 1.1 / 1.6 = 2.173, reached at 0.996 m s-1; an unloaded 70-kg walker's
    economical speed is 1.128 m s-1 (:func:`economical_walking_speed`), so the pace is 1.128 / 1.399 = 0.81 of
    Tobler's:

    >>> float(terrain_pace_factor(0.0, 1.1, 70.0))
    1.0
    >>> round(float(terrain_pace_factor(0.0, 1.6, 70.0)), 2)
    0.81
    """
    s = check_finite("slope", slope)
    eta = check_positive("terrain_factor", terrain_factor)
    warn_outside("slope", s, -0.40, 0.45, "LCDA (Looney 2019)")
    v_c = _constant_power_speed(s, eta) if constant_power_speed is None else constant_power_speed
    if pace_floor is None:
        pace_floor = economical_pace_floor(eta, body_mass, load_mass)
    return np.minimum(np.maximum(v_c, pace_floor) / _preferred_speed(s), 1.0)


def constant_power_speed(slope, terrain_factor):
    """The speed on ground of terrain factor η at which walking costs what the preferred pace costs on bare ground
    [m s-1]: ``v_c`` of :func:`terrain_pace_factor` (the preferred pace itself where η <= η0, bare ground).  It
    depends on the slope and the ground only.

    Reference: as :func:`terrain_pace_factor`.

    >>> round(float(constant_power_speed(0.0, 1.6)), 3), round(float(constant_power_speed(0.0, 1.1)), 3)
    (0.996, 1.399)
    """
    s = check_finite("slope", slope)
    eta = check_positive("terrain_factor", terrain_factor)
    warn_outside("slope", s, -0.40, 0.45, "LCDA (Looney 2019)")
    return _constant_power_speed(s, eta)


def _constant_power_speed(s, eta):
    """:func:`constant_power_speed` of checked arrays."""
    k = _lcda_grade_coefficient(s)
    preferred = _preferred_speed(s)
    target = _lcda_movement(preferred, k) * BARE_GROUND_TERRAIN / np.maximum(eta, BARE_GROUND_TERRAIN)
    # the speed of constant power is solved on soft ground only (most days of most journeys have none)
    shape = np.broadcast_shapes(np.shape(target), np.shape(k), np.shape(preferred))
    soft = np.broadcast_to(eta > BARE_GROUND_TERRAIN, shape)
    constant_power = np.array(np.broadcast_to(preferred, shape), dtype=np.float64)
    if soft.any():
        constant_power[soft] = _lcda_speed_for_cost(np.broadcast_to(target, shape)[soft],
                                                    np.broadcast_to(k, shape)[soft])
    return constant_power


def vo2max_starvation_factor(lean_mass, baseline_lean_mass):
    """Factor by which absolute VO2max [L min-1] falls with loss of lean (fat-free) mass in starvation.

    Aerobic capacity follows muscle, and starvation takes muscle faster than the rest of the lean body: in chronically
    undernourished men VO2max tracked the muscle cell mass (creatinine excretion) best of all body compartments
    (Barac-Nieto, Spurr, Dahners & Maksud 1980, "Aerobic work capacity and endurance during nutritional repletion of
    severely undernourished men", Am J Clin Nutr 33:2268, abstract), and the severely undernourished had lost 41 % of
    their muscle cell mass but 29 % of their body cell mass (Barac-Nieto, Spurr, Lotero & Maksud 1978, "Body
    composition in chronic undernutrition", Am J Clin Nutr 31:23, abstract).  As a power law of lean mass,

    ``k = (L / L0) ** MUSCLE_LOSS_EXPONENT``,  ``MUSCLE_LOSS_EXPONENT = ln(1 - 0.41) / ln(1 - 0.29) = 1.54``.

    The exponent treats fat-free mass as the body cell mass of that study; fat-free mass keeps its extracellular
    water and falls less than cell mass, so the factor errs on the side of too little loss.  Small losses agree with
    what was measured: with up to ~10 % of body mass lost, maximal O2 intake per kg of fat-free tissue did not
    change (Taylor, Buskirk, Brozek, Anderson & Grande 1957, J Appl Physiol 10:421, abstract); after two years of
    calorie restriction (-7.7 kg) absolute VO2max fell while VO2max per kg of body mass rose and per kg of lean mass
    did not change (Racette et al. 2017, Med Sci Sports Exerc 49:2240, CALERIE, abstract).  To get VO2max per kg of
    current body mass multiply by ``W0 / W``.

    Valid range: 0.5 <= L/L0 <= 1.2 (the undernourished men of the sources lost up to ~40 % of muscle); a
    ``ModelRangeWarning`` is issued outside.

    Parameters
    ----------
    lean_mass : array_like
        Current fat-free mass [kg].
    baseline_lean_mass : array_like
        Fat-free mass before the journey [kg].

    Returns
    -------
    numpy.ndarray
        Multiplier on absolute VO2max [-].

    Examples
    --------
    Lean mass down 29 %, as the body cell mass of Barac-Nieto's severely undernourished men: VO2max down 41 %, as
    their muscle:

    >>> round(float(vo2max_starvation_factor(71.0, 100.0)), 2)
    0.59
    """
    lean = check_nonnegative("lean_mass", lean_mass)
    lean0 = check_positive("baseline_lean_mass", baseline_lean_mass)
    ratio = lean / lean0
    warn_outside("lean_mass / baseline_lean_mass", ratio, 0.5, 1.2, "muscle scaling of VO2max in starvation")
    return _lean_mass_ratio(lean, lean0)


# Barac-Nieto et al. (1978, Am J Clin Nutr 31:23, abstract): severe chronic undernutrition, muscle cell mass -41 %,
# body cell mass -29 %; muscle is lost as this power of the cell (lean) mass [-].
MUSCLE_LOSS_EXPONENT = float(np.log(1.0 - 0.41) / np.log(1.0 - 0.29))


@register_jitable
def _lean_mass_ratio(lean_mass, baseline_lean_mass):
    """Starvation factor on absolute VO2max, (L / L0) ** MUSCLE_LOSS_EXPONENT [-]."""
    return (lean_mass / baseline_lean_mass) ** MUSCLE_LOSS_EXPONENT


# FRIEND registry 50th-percentile treadmill VO2max [mL kg-1 min-1] by sex and age decade 20-29 ... 70-79, placed at
# the decades' midpoints [year].  Kaminsky LA, Arena R, Myers J (2015) "Reference standards for cardiorespiratory
# fitness measured with cardiopulmonary exercise testing: data from the Fitness Registry and the Importance of
# Exercise National Database", Mayo Clin Proc 90(11):1515-1523, doi:10.1016/j.mayocp.2015.07.026, Table 2 (also
# ACSM's Guidelines, 10th ed.).  The four end values (men 48.0 and 24.4, women 37.6 and 18.3) are confirmed by the
# paper's abstract; the others were quoted from memory and are not yet checked against Table 2 — two secondary
# sources give the women's 30-39 ... 60-69 medians as 30.2, 26.7, 23.4, 20.0 (see tests/models/test_fitness.py).
_FRIEND_AGES = np.array([25.0, 35.0, 45.0, 55.0, 65.0, 75.0])
_FRIEND_MEN = np.array([48.0, 42.4, 37.8, 32.6, 28.2, 24.4])
_FRIEND_WOMEN = np.array([37.6, 30.9, 27.9, 23.7, 20.7, 18.3])
VO2MAX_SPREAD = 0.2
"""Coefficient of variation of VO2max within a sex and age group [-]: an ESTIMATE, rounded up from the 15-18 % of
Loe et al. (2013, PLoS ONE 8:e64319: 54.4 ± 8.4 and 43.0 ± 7.7 mL kg-1 min-1 for Norwegian men and women of 20-29)."""


def baseline_vo2max(sex, age, fitness_percentile):
    """VO2max [mL kg-1 min-1] of a rested, fed person of a given sex, age and fitness percentile.

    Equation: ``VO2max = M(sex, age) · (1 + s · z)`` with ``z = Φ⁻¹(p)`` the standard normal quantile of the
    percentile ``p`` (clipped to 0.01..0.99), ``s = VO2MAX_SPREAD`` = 0.2 (an estimate) and ``M`` the FRIEND
    registry median for the sex, interpolated linearly in age between the decade midpoints 25, 35, ..., 75 years and
    held constant below 25 and above 75 (Kaminsky, Arena & Myers 2015, Mayo Clin Proc 90:1515, Table 2: treadmill
    cardiopulmonary exercise tests of 7783 US adults without cardiovascular disease).

    Valid range: age 20-79 years (the registry's); a ``ModelRangeWarning`` is issued outside.

    Parameters
    ----------
    sex : array_like
        1 for men, 0 for women [-] (booleans work).
    age : array_like
        Age [year].
    fitness_percentile : array_like
        The person's percentile of VO2max among people of their sex and age [-], 0..1.

    Returns
    -------
    numpy.ndarray
        VO2max per kg of body mass [mL kg-1 min-1].

    Examples
    --------
    A man of 30 at the median: halfway between the 20-29 and 30-39 medians, (48.0 + 42.4) / 2 = 45.2:

    >>> round(float(baseline_vo2max(1, 30.0, 0.5)), 2)
    45.2
    """
    from scipy.special import ndtri

    male = check_in("sex", sex, (0, 1))
    years = check_nonnegative("age", age)
    p = check_fraction("fitness_percentile", fitness_percentile)
    warn_outside("age", years, 20.0, 79.0, "FRIEND VO2max reference (Kaminsky et al. 2015)")
    median = np.where(male, np.interp(years, _FRIEND_AGES, _FRIEND_MEN), np.interp(years, _FRIEND_AGES, _FRIEND_WOMEN))
    z = ndtri(np.clip(p, 0.01, 0.99))
    return median * (1.0 + VO2MAX_SPREAD * z)


# --- hauling a hand-cart or a sledge ------------------------------------------------------------------------------

GRAVITY = 9.81
"""Acceleration of gravity [m s-2]."""

HAULING_EFFICIENCY = GRAVITY / 34.0
"""Efficiency of the muscles' work hauling a cart or a sledge [-]: the work done against a horizontal pull over the
metabolic power it adds, taken as the efficiency of lifting the body that the LCDA equation's grade term implies on
steep climbs (0.34 W kg-1 per % grade and m s-1 against 9.81 W kg-1 of lifting per unit grade and m s-1: 9.81 / 34 =
0.289; Looney et al. 2019).  Walking against a horizontal force and walking up a gradient cost alike: 'at work rates
above 250 kg-m/min the curves describing the relationship between energy expenditure and work rate were parallel for
vertical and horizontal forces, indicating equivalent efficiencies', and with both together 'the energy costs of both
types of work [were] found to be additive' ('Muscular efficiency during steady-rate exercise. II. Effects of walking
speed and work rate', J Appl Physiol 43:431-439, 1977, abstract; walkers towing a trailing weight at 3.0-6.0 km/h;
authors not recorded here)."""

ROLLING_RESISTANCE: dict[str, dict[str, float]] = {
    "hand_cart": {"ground": 0.06, "snow": 0.09},
    "sledge": {"ground": 0.4, "snow": 0.05},
}
"""Resistance coefficients μ [-] (force to haul over the weight hauled) of a hand-cart and a sledge, on the engine's
bare ground (a dirt track or gravel plain) and on snow.

- Hand-cart on the ground, 0.06: pneumatic tyres on 'loose worn gravel' 0.04 and 'medium hard soil' 0.08, sand
  0.1-0.2 (Carvill J 1993, Mechanical Engineer's Data Handbook, as tabulated by Precision Mining, 'Appendix 4:
  Rolling resistance'); 'dry, firm, and well packed gravel, 0.012; wet loose gravel, 0.06' (Moyer, in Marks' Standard
  Handbook for Mechanical Engineers, as quoted by Engineers Edge, 'Coefficients of rolling friction'); car tyres on
  'solid sand, gravel loose worn, soil medium hard' 0.04-0.08 (Engineering Toolbox, 'Rolling resistance').  ESTIMATE:
  the middle of the worn gravel and soil values; a cart's smaller wheels roll worse than a car's on soft ground.
- Hand-cart on snow, 0.09: the snow's own part of the resistance of 38 cm tyres in 13-22 cm of snow of 160-220 kg
  m-3 was 0.05-0.12, most 0.06-0.08 (CRREL TR-01-16, Table 11, after Blaisdell et al. 1990 and Richmond 1995),
  plus the tyre's on hard ground (about 0.02, car tyres on rolled gravel, Engineering Toolbox).  ESTIMATE: 0.07 +
  0.02.
- Sledge on snow, 0.05: ESTIMATE, from memory of the snow-friction literature (Colbeck SC 1992, A review of the
  processes that control snow friction, CRREL Monograph 92-2: runners and skis on snow mostly 0.02-0.1); it rises
  in very cold snow ('as the temperature sinks below -20 °C ... the sled becomes harder to pull', of Scott's
  man-hauling), which is not modelled.
- Sledge on bare ground, 0.4: ESTIMATE, from memory of sliding friction of wood or plastic on soil and gravel
  (0.3-0.6): a sledge is dragged, not rolled, off the snow.

Haisman & Goldman (1974, 'Effect of terrain on the energy cost of walking with back loads and handcart loads', J
Appl Physiol 36:545, as cited by Lejeune et al. 1998, J Exp Biol 201:2071) measured handcarts by terrain; their
numbers were not found here and would test these coefficients.

The keys are the cart kinds a scenario can name (``supplies.cart_kind``, scenario.schema.CartKind)."""

GROUNDS: tuple[str, ...] = tuple(k for k in TERRAIN_FACTORS if k != "hard_packed_snow")
"""The grounds a leg of a route can be walked on (scenario ``[[route]] ground``): the snow-free classes of
:data:`TERRAIN_FACTORS` (snow comes from the weather, on top of the ground)."""

HAND_CART_GROUND_RESISTANCE: dict[str, float] = {
    "paved": 0.02,
    "dirt_road": ROLLING_RESISTANCE["hand_cart"]["ground"],
    "grass": 0.08,
    "light_brush": 0.08,
    "hard_surface_road": ROLLING_RESISTANCE["hand_cart"]["ground"],
    "ploughed_field": 0.15,
    "heavy_brush": 0.08,
    "swamp": 0.15,
    "sand_dunes": 0.15,
    "loose_sand": 0.15,
}
"""Resistance coefficient μ [-] of a hand-cart on each ground of :data:`GROUNDS` (a sledge off the snow is dragged at
its bare-ground μ whatever the ground).  Pneumatic tyres (Carvill J 1993, Mechanical Engineer's Data Handbook, as
tabulated by Precision Mining, 'Appendix 4: Rolling resistance'): worn asphalt or concrete 0.02, loose worn gravel
0.04, medium hard soil 0.08, sand 0.1-0.2; car tyres on tar or asphalt 0.02, on large worn cobbles 0.03, on loose
sand 0.2-0.4 (Engineering ToolBox, 'Rolling resistance').

- paved 0.02: worn asphalt (Carvill) and tar (Engineering ToolBox).
- dirt_road and hard_surface_road: the engine's bare ground, ``ROLLING_RESISTANCE['hand_cart']['ground']`` (an
  ESTIMATE there).  Walked, Soule & Goldman's 'hard surface road' costs more than a dirt road (η 1.2 against 1.1),
  so it is not taken for a paved one: ESTIMATE.
- grass, light_brush, heavy_brush 0.08: ESTIMATE, medium hard soil (Carvill) under the vegetation; the brush's own
  drag on the cart is not counted.
- sand_dunes, loose_sand 0.15: the middle of Carvill's sand for pneumatic tyres (ESTIMATE for a hand-cart's: no
  cart was measured on sand; see below); ploughed_field and swamp 0.15: ESTIMATE, soft soil taken as sand.
- A sledge off the snow: dragged at ``ROLLING_RESISTANCE['sledge']['ground']`` (0.4, an ESTIMATE) on any ground.

Against the sand's value: walkers hauling purpose-built carts across the Simpson Desert's dune field made 23.5 km a
day with 160 kg (L. Trihey, 400 km in 17 days, June 2006, as reported by L.-P. Loncke's expedition blog) and 25 km a
day with ~180 kg each (S. Copeland and M. George, 404 miles in 26 days over more than 900 dunes, August 2016, Men's
Journal), where :func:`daily_hauling_speed` at 0.15 on sand_dunes (η 1.8) gives a man of 85 kg with a VO2max of
42 mL kg-1 min-1 and an 8 kg pack about 12 km a day with 180 kg in 9.5 h on the march, and about 20 at 0.06.  The
crossings mix dunes with firm swales and clay pans, and their carts rode on wide low-pressure tyres; no measured
resistance of such a cart on sand was found, so none is fitted: name the dune legs' ground and leave the swales bare,
or read the figure as the loose sand it stands for."""


def hauling_metabolic_rate(walking_speed, slope, hauled_mass, rolling_resistance):
    """Metabolic power a walker adds by hauling a hand-cart or a sledge [W].

    Equation: ``P = m g max(μ + s, 0) v / e`` with ``m`` the mass hauled (cart and load) [kg], ``μ`` its resistance
    coefficient (:data:`ROLLING_RESISTANCE`), ``s`` the slope (the cart's weight pulls back uphill), ``v`` the speed
    and ``e`` the muscles' efficiency of hauling work (:data:`HAULING_EFFICIENCY`).  The cart is held back downhill
    at no cost here (ESTIMATE: the braking of a heavy cart on a steep descent is not counted).  Added to the walking
    rate (:func:`walking_metabolic_rate`): the costs are additive (see :data:`HAULING_EFFICIENCY`).

    Valid range: slopes of tracks a cart is hauled on (|s| <= 0.15, ESTIMATE); speeds of walking.

    Parameters
    ----------
    walking_speed : array_like
        Horizontal speed [m s-1].
    slope : array_like
        Rise over run [-], positive uphill.
    hauled_mass : array_like
        Mass of the cart or sledge and its load, the walker's share [kg].
    rolling_resistance : array_like
        Resistance coefficient μ [-].

    Returns
    -------
    numpy.ndarray
        Metabolic power of hauling [W].

    Examples
    --------
    40 kg of cart and load at μ 0.06 on the level at 1.2 m s-1: 40 · 9.81 · 0.06 · 1.2 / 0.2885 = 97.9 W:

    >>> round(float(hauling_metabolic_rate(1.2, 0.0, 40.0, 0.06)), 1)
    97.9
    """
    v = check_nonnegative("walking_speed", walking_speed)
    s = check_finite("slope", slope)
    m = check_nonnegative("hauled_mass", hauled_mass)
    mu = check_nonnegative("rolling_resistance", rolling_resistance)
    warn_outside("slope", s, -0.15, 0.15, "hauling a cart (ESTIMATE)")
    return _hauling_force(s, m, mu) * v / HAULING_EFFICIENCY


@register_jitable
def _hauling_force(slope, hauled_mass, rolling_resistance):
    """Force hauling the cart along [N]: its resistance and, uphill, its weight's share along the slope."""
    return hauled_mass * GRAVITY * np.maximum(rolling_resistance + slope, 0.0)


def daily_hauling_speed(slope, terrain_factor, body_mass, load_mass, vo2max, hours_walked, hauled_mass,
                        rolling_resistance, pace_factor=1.0, halt_fraction=0.0, training=0.0):
    """The day's mean walking speed of a walker who hauls a cart or a sledge [m s-1]: :func:`daily_walking_speed`
    with the power of hauling (:func:`hauling_metabolic_rate`) inside the sustainable cap.

    Hauling adds ``c v`` to the walking rate, ``c = m g max(μ + s, 0) / e``: linear in speed, as LCDA's grade term
    ``(W + L) η k v`` is, so the cap is solved with the grade coefficient ``k + c / ((W + L) η)`` (the preferred pace
    and the rest allowance are those of :func:`daily_walking_speed`: the pull, like the grade, adds a constant per
    metre and does not move the economical speed).  With nothing hauled this is :func:`daily_walking_speed`.

    References: as :func:`daily_walking_speed` and :func:`hauling_metabolic_rate`.

    Parameters
    ----------
    slope, terrain_factor, body_mass, load_mass, vo2max, hours_walked, pace_factor, halt_fraction, training
        As :func:`daily_walking_speed` (``load_mass`` is what is carried on the back) [SI units there].
    hauled_mass : array_like
        Mass of the cart or sledge and its load, the walker's share [kg].
    rolling_resistance : array_like
        Resistance coefficient μ [-] (:data:`ROLLING_RESISTANCE`).

    Returns
    -------
    numpy.ndarray
        Speed [m s-1].

    Examples
    --------
    The fit walker of :func:`daily_walking_speed` (VO2max 50, 8 h, 70 kg with 10 kg) keeps Tobler's 1.399 m s-1
    with nothing hauled, and slows with 100 kg on a sledge dragged over bare ground (μ 0.4, 392 N):

    >>> round(float(daily_hauling_speed(0.0, 1.0, 70.0, 10.0, 50.0, 8.0, 0.0, 0.06)), 3)
    1.399
    >>> bool(daily_hauling_speed(0.0, 1.0, 70.0, 10.0, 50.0, 8.0, 100.0, 0.4) < 0.7)
    True
    """
    k = check_positive("pace_factor", pace_factor)
    preferred = k * walking_speed_preferred(slope)
    s, target, grade_coefficient, load_term = _hauling_terms(slope, terrain_factor, body_mass, load_mass, vo2max,
                                                             hours_walked, hauled_mass, rolling_resistance,
                                                             halt_fraction, training)
    return _daily_speed(preferred, target, grade_coefficient(s), load_term)


def _hauling_terms(slope, terrain_factor, body_mass, load_mass, vo2max, hours_walked, hauled_mass, rolling_resistance,
                   halt_fraction, training):
    """What the hauling speeds solve with, from checked inputs: the slope, the movement cost per kg the ceiling
    affords [W kg-1], the grade coefficient with the pull at a given slope [W kg-1 per m s-1] and the load's term.
    The checks and warnings are those of max_sustainable_walking_speed; the solve is one compiled pass."""
    ceiling = sustainable_metabolic_rate(vo2max, body_mass, hours_walked, halt_fraction, training)
    s = check_finite("slope", slope)
    load = check_nonnegative("load_mass", load_mass)
    eta = check_positive("terrain_factor", terrain_factor)
    m = check_nonnegative("hauled_mass", hauled_mass)
    mu = check_nonnegative("rolling_resistance", rolling_resistance)
    warn_outside("slope", s, -0.40, 0.45, "LCDA (Looney 2019)")
    w = np.asarray(body_mass, dtype=np.float64)
    target = _affordable_movement_cost(ceiling, w, load, eta)

    def grade_coefficient(g):
        return _lcda_grade_coefficient(g) + _hauling_force(g, m, mu) / HAULING_EFFICIENCY / ((w + load) * eta)

    return s, target, grade_coefficient, _load_term(w, load, eta)


def daily_hauling_speeds(slope, terrain_factor, body_mass, load_mass, vo2max, hours_walked, hauled_mass,
                         rolling_resistance, pace_factor=1.0, down_pace_factor=1.0, halt_fraction=0.0, training=0.0,
                         economical_speed=None):
    """:func:`daily_hauling_speed` up ``slope`` (at ``pace_factor``) and down it (``-slope``, at
    ``down_pace_factor``) [m s-1], the two speeds of a stretch that descends as far as it climbs: the same numbers
    as two calls, for about the work of one where the walker cannot pay for the preferred pace (the ceiling, the
    load's terms and the economical speed are worked out once).  Arguments as :func:`daily_hauling_speed`;
    ``economical_speed`` [m s-1], where given (NaN elsewhere), is the walker's :func:`economical_walking_speed` already
    worked out (as :func:`economical_pace_floor` has it on soft ground), which then is not solved again (the two
    solvers differ in the last bit: their powers are compiled differently).

    Examples
    --------
    >>> up, down = daily_hauling_speeds(0.1, 3.0, 70.0, 10.0, 40.0, 8.0, 0.0, 0.06)
    >>> bool(up == daily_hauling_speed(0.1, 3.0, 70.0, 10.0, 40.0, 8.0, 0.0, 0.06))
    True
    >>> bool(down == daily_hauling_speed(-0.1, 3.0, 70.0, 10.0, 40.0, 8.0, 0.0, 0.06))
    True
    """
    k_up = check_positive("pace_factor", pace_factor)
    k_down = check_positive("down_pace_factor", down_pace_factor)
    s, target, grade_coefficient, load_term = _hauling_terms(slope, terrain_factor, body_mass, load_mass, vo2max,
                                                             hours_walked, hauled_mass, rolling_resistance,
                                                             halt_fraction, training)
    preferred_up = k_up * walking_speed_preferred(s)
    preferred_down = k_down * walking_speed_preferred(-s)
    given = np.nan if economical_speed is None else np.asarray(economical_speed, dtype=np.float64)
    return _daily_speed_pair(preferred_up, grade_coefficient(s), preferred_down, grade_coefficient(-s), target,
                             load_term, given)
