"""Walking cost models for routing: pure, vectorised functions of slope, and the terrain and water terms.

Every routing cost is a *cost per metre* of horizontal distance as a function of the slope ``s`` (rise over run
[-], positive uphill in the direction of travel), so that the search can charge a move from cell A to cell B the
slope from A to B and the reverse move the opposite slope (direction-dependent cost).  The numba search kernels
in :mod:`longwalk.routing.kernels` evaluate the same equations; these NumPy versions are the documented reference
and are what the tests compare the kernels against.

Model names (``cost=`` in :func:`longwalk.routing.plan_route`):

``tobler``   time [s], Tobler (1993) hiking function.
``campbell`` time [s], Campbell et al. (2019) Lorentz fits to crowd-sourced tracks, by fitness percentile.
``rwalk``    time [s], Naismith/Aitken/Langmuir exactly as GRASS ``r.walk`` codes it (same defaults).
``energy``   net metabolic energy [J kg-1] per kg moved, Minetti et al. (2002) gradient polynomial.
"""

from __future__ import annotations

import numpy as np

#: Names accepted by ``cost=``; the integer is the model id the numba kernels dispatch on.
COST_MODELS: dict[str, int] = {"tobler": 0, "campbell": 1, "rwalk": 2, "energy": 3}

#: Unit of the accumulated cost of each model.
COST_UNITS: dict[str, str] = {"tobler": "s", "campbell": "s", "rwalk": "s", "energy": "J kg-1"}

#: GRASS r.walk defaults (r.walk --help, GRASS 8.2.1): walk_coeff a,b,c,d [s m-1], lambda [-], slope_factor [-].
RWALK_DEFAULTS = {"a": 0.72, "b": 6.0, "c": 1.9998, "d": -1.9998, "lambda_": 1.0, "slope_factor": -0.2125}

#: Campbell et al. (2019) Lorentz terms a, b, c, d, e by percentile (slope in degrees, speed in m s-1), as tabulated
#: in the R package leastcostpath 2.0 (``R/cost.R``, ``campbell 2019``).  The fits are to Strava tracks that include
#: runners: the 50th percentile is 2.55 m s-1 on the flat; walkers with loads sit near the 1st-5th percentiles
#: (0.81-1.15 m s-1 on the flat).
CAMPBELL_2019: dict[float, tuple[float, float, float, float, float]] = {
    p: (a, b, c, d, e)
    for p, a, b, c, d, e in zip(
        (0.01, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9,
         0.95, 0.99),
        (-2.1, -1.527, -1.568, -1.626, -1.71, -1.822, -1.858, -1.891, -1.958, -2.05, -2.171, -2.317, -2.459, -2.647,
         -2.823, -3.067, -3.371, -3.661, -3.06, -3.485, -4.0),
        (12.273, 14.041, 13.328, 11.847, 10.154, 8.827, 8.412, 8.584, 8.96, 9.402, 10.064, 10.712, 11.311, 12.089,
         12.784, 13.888, 15.395, 17.137, 16.653, 17.033, 13.903),
        (21.816, 36.813, 38.892, 38.231, 36.905, 37.111, 39.995, 44.852, 50.34, 56.172, 63.66, 71.572, 79.287, 89.143,
         98.697, 113.655, 134.409, 159.027, 138.875, 138.04, 123.515),
        (0.263, 0.32, 0.404, 0.481, 0.557, 0.616, 0.645, 0.649, 0.649, 0.646, 0.628, 0.608, 0.599, 0.576, 0.566,
         0.518, 0.443, 0.385, 0.823, 1.179, 1.961),
        (-0.00193, -0.00273, -0.00323, -0.00356, -0.00389, -0.00402, -0.0043, -0.00443, -0.00457, -0.0046, -0.00463,
         -0.00451, -0.00461, -0.00465, -0.00493, -0.00488, -0.00472, -0.00534, -0.01386, -0.01252, -0.01081),
        strict=True,
    )
}

#: Slope beyond which the Campbell fits are not calibrated (30 degrees, leastcostpath); steeper slopes use the
#: speed at 30 degrees.
CAMPBELL_MAX_SLOPE_DEG = 30.0

#: Range of the Minetti polynomial (-0.45 ... +0.45); steeper slopes use the value at the limit.
MINETTI_MAX_SLOPE = 0.45


def tobler_speed(slope):
    """Walking speed from Tobler's hiking function.

    Parameters
    ----------
    slope : array_like
        Rise over run in the direction of travel [-].

    Returns
    -------
    numpy.ndarray
        Walking speed [m s-1]: ``v = 6 exp(-3.5 |s + 0.05|) / 3.6``.

    Notes
    -----
    Tobler W (1993) *Three presentations on geographical analysis and modeling*, NCGIA Technical Report 93-1,
    fitted to Imhof's data.  5.04 km/h on the flat, 6 km/h at s = -0.05.  Valid for footpaths; Tobler gives 3/5 of
    it off path.

    Examples
    --------
    >>> round(float(tobler_speed(0.0)) * 3.6, 3)   # 6 exp(-0.175) km/h
    5.037
    """
    s = np.asarray(slope, dtype=float)
    return 6.0 * np.exp(-3.5 * np.abs(s + 0.05)) / 3.6


def campbell_speed(slope, percentile=0.5):
    """Walking (or running) speed from Campbell et al. (2019), a modified Lorentz function of slope in degrees.

    Parameters
    ----------
    slope : array_like
        Rise over run [-]; converted to degrees ``θ = atan(s)``; clipped to ±30°.
    percentile : float
        Fitness percentile of the fit, one of the keys of :data:`CAMPBELL_2019` (0.01 ... 0.99).

    Returns
    -------
    numpy.ndarray
        Speed [m s-1]: ``v = c / (π b (1 + ((θ - a)/b)²)) + d + e θ``.

    Notes
    -----
    Campbell MJ, Dennison PE, Butler BW, Page WG (2019) Using crowdsourced fitness tracker data to model the
    relationship between slope and travel rates. *Applied Geography* 106:93-107.  Terms as in leastcostpath 2.0.

    Examples
    --------
    >>> round(float(campbell_speed(0.0, 0.5)), 3)   # 63.66/(π 10.064 (1 + (2.171/10.064)²)) + 0.628
    2.552
    """
    if percentile not in CAMPBELL_2019:
        raise KeyError(percentile)
    a, b, c, d, e = CAMPBELL_2019[percentile]
    theta = np.degrees(np.arctan(np.asarray(slope, dtype=float)))
    theta = np.clip(theta, -CAMPBELL_MAX_SLOPE_DEG, CAMPBELL_MAX_SLOPE_DEG)
    return c / (np.pi * b * (1.0 + ((theta - a) / b) ** 2)) + d + e * theta


def rwalk_time(distance, rise, a=0.72, b=6.0, c=1.9998, d=-1.9998, slope_factor=-0.2125):
    """Walking time of one move as GRASS ``r.walk`` computes it (Aitken 1977 / Langmuir 1984, after Naismith).

    Parameters
    ----------
    distance : array_like
        Horizontal length of the move [m].
    rise : array_like
        Elevation of the end minus elevation of the start [m].
    a, b, c, d : float
        ``walk_coeff`` [s m-1]: flat, uphill, moderate downhill, steep downhill (r.walk defaults).
    slope_factor : float
        Rise over run below which a descent is steep (r.walk default -0.2125 ≈ tan(-12°)).

    Returns
    -------
    numpy.ndarray
        Time [s]: ``a L + b Δh`` if ``Δh/L ≥ 0``; ``a L + d Δh`` if ``Δh/L < slope_factor``; else ``a L + c Δh``.

    Notes
    -----
    As coded in GRASS ``raster/r.walk/main.c`` (no 5° lower bound on the moderate band, unlike its manual);
    friction is zero here.

    Examples
    --------
    >>> float(rwalk_time(100.0, 10.0))     # 0.72*100 + 6*10
    132.0
    >>> round(float(rwalk_time(100.0, -30.0)), 4)   # steep descent: 72 + (-1.9998)(-30)
    131.994
    """
    L = np.asarray(distance, dtype=float)
    dh = np.asarray(rise, dtype=float)
    s = dh / L
    f = np.where(s >= 0.0, dh * b, np.where(s < slope_factor, dh * d, dh * c))
    return a * L + f


def minetti_energy_cost(slope):
    """Net metabolic cost of walking per kg and metre, Minetti et al. (2002) gradient polynomial.

    Parameters
    ----------
    slope : array_like
        Rise over run [-], clipped to the fitted range ±0.45.

    Returns
    -------
    numpy.ndarray
        Cost [J kg-1 m-1]: ``C = 280.5 s⁵ - 58.7 s⁴ - 76.8 s³ + 51.9 s² + 19.6 s + 2.5``.

    Notes
    -----
    Minetti AE, Moia C, Roi GS, Susta D, Ferretti G (2002) Energy cost of walking and running at extreme uphill
    and downhill slopes. *J Appl Physiol* 93:1039-1046.  Net of standing; valid -0.45 ... +0.45.

    Examples
    --------
    >>> float(minetti_energy_cost(0.0))
    2.5
    """
    s = np.clip(np.asarray(slope, dtype=float), -MINETTI_MAX_SLOPE, MINETTI_MAX_SLOPE)
    return ((((280.5 * s - 58.7) * s - 76.8) * s + 51.9) * s + 19.6) * s + 2.5


def snow_terrain_factor(snow_depth, snow_density=300.0):
    """Terrain factor of walking in snow relative to bare ground (energy, and time at constant power).

    Parameters
    ----------
    snow_depth : array_like
        Depth of snow on the ground [m].
    snow_density : float
        Snow density [kg m-3] (300: settled seasonal snow).

    Returns
    -------
    numpy.ndarray
        Factor [-] ≥ 1: ``η_snow / 1.1`` with ``η_snow = 1.30 + 0.082 D`` (D footprint depth [cm], Pandolf et al.
        1976), ``D = 100 h (1 - ρ/1186)`` (ERDC sinkage) capped at 35 cm (the measured range), and 1.1 the
        Soule & Goldman (1972) coefficient of dirt road or grass; no snow gives 1.

    Notes
    -----
    Applying the same factor to walking *time* assumes the walker keeps metabolic power constant (an estimate).

    Examples
    --------
    >>> round(float(snow_terrain_factor(0.2)), 3)   # D = 20 (1 - 300/1186) = 14.94 cm; (1.30 + 1.225)/1.1
    2.296
    """
    h = np.asarray(snow_depth, dtype=float)
    footprint_cm = np.minimum(100.0 * np.maximum(h, 0.0) * (1.0 - snow_density / 1186.0), 35.0)
    eta = 1.30 + 0.082 * footprint_cm
    return np.where(h > 0.0, np.maximum(eta / 1.1, 1.0), 1.0)


def altitude_speed_fraction(elevation):
    """Fraction of the sea-level sustainable walking speed left at altitude, from the decline of VO2max.

    Parameters
    ----------
    elevation : array_like
        Elevation [m].

    Returns
    -------
    numpy.ndarray
        ``VO2max(h)/VO2max(0)`` [-]: 1 up to 300 m; ``1 - 0.063 (h - 0.3)`` (h in km) up to 3 km (Wehrlin & Hallén
        2006, Eur J Appl Physiol 96:404-412); then linear to 0.5 at 5.3 km (MacInnis et al. 2015, MSSE); held at
        0.5 · (1 - 0.1435 (h - 5.3)) above, floored at 0.25.  Walking speed is taken proportional to it because
        a day's sustainable work is a fixed fraction of VO2max (Bink 1962); the piecewise-linear join is an
        estimate.

    Examples
    --------
    >>> [round(float(x), 3) for x in altitude_speed_fraction([0.0, 3000.0, 5300.0])]
    [1.0, 0.83, 0.5]
    """
    h = np.asarray(elevation, dtype=float) / 1000.0
    low = 1.0 - 0.063 * np.clip(h - 0.3, 0.0, None)
    f3 = 1.0 - 0.063 * 2.7
    mid = f3 + (0.5 - f3) * (h - 3.0) / 2.3
    high = 0.5 * (1.0 - 0.1435 * (h - 5.3))
    return np.maximum(np.where(h <= 3.0, low, np.where(h <= 5.3, mid, high)), 0.25)


#: Time factors [-] of other surfaces relative to flat trails (Herzog 2020 speed divisors divided by 1.25, the
#: divisor of "flat trails & meadows"): loose sand 1.19 / 1.25 would be < 1, so sand uses the Soule & Goldman
#: energy ratio 2.1 / 1.1 instead (an estimate for time); bog 1.79 / 1.25.
SAND_FACTOR = 2.1 / 1.1
WET_FACTOR = 1.79 / 1.25


#: River crossing penalties [h] by river class (1 largest ... 5 and more smallest) and season.  ESTIMATES: no
#: published table exists; the values encode "frozen: easy; open: hours to find a ford or build a raft; spring
#: flood: impossible for the largest rivers".  Index 0 is unused (class 0 = no river).
RIVER_CROSSING_HOURS = {
    "open": (0.0, 8.0, 4.0, 2.0, 1.0, 0.5),
    "frozen": (0.0, 0.25, 0.25, 0.25, 0.25, 0.25),
    "flood": (0.0, np.inf, 16.0, 6.0, 2.0, 1.0),
}
RIVER_STATES = {"open": 0, "frozen": 1, "flood": 2}


def river_crossing_time(river_class, state):
    """Time to cross a river of a size class in a season (estimate table :data:`RIVER_CROSSING_HOURS`).

    Parameters
    ----------
    river_class : array_like of int
        0 none, 1 largest ... higher is smaller (5 and above share the last entry).
    state : array_like of int
        0 open, 1 frozen, 2 spring flood (:data:`RIVER_STATES`).

    Returns
    -------
    numpy.ndarray
        Crossing time [s]; 0 where there is no river, inf where it cannot be crossed.

    Examples
    --------
    >>> river_crossing_time([0, 1, 1, 3], [0, 1, 2, 0]).tolist()   # none; frozen 0.25 h; flood; open 2 h
    [0.0, 900.0, inf, 7200.0]
    """
    rc = np.clip(np.asarray(river_class, dtype=np.int64), 0, 5)
    st = np.asarray(state, dtype=np.int64)
    table = np.array([RIVER_CROSSING_HOURS[k] for k in ("open", "frozen", "flood")]) * 3600.0
    out = table[np.clip(st, 0, 2), rc]
    return np.where(rc == 0, 0.0, out)
