"""Monthly and daily climate normals: the records every climatology gives, the common interface
(:class:`Climatology`), and the pure functions of the calendar and the atmosphere they use."""

from __future__ import annotations

import functools
from abc import ABC, abstractmethod
from dataclasses import dataclass, fields, replace

import numpy as np

from longwalk.errors import InputError

EARTH_RADIUS = 6371.0088e3  # mean Earth radius [m] (IUGG)
MONTH_MID_DAY = np.array([16.5, 46.0, 75.5, 106.0, 136.5, 167.0, 197.5, 228.5, 259.0, 289.5, 320.0, 350.5])
MONTH_DAYS = np.array([31, 28.25, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])


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
        from longwalk.atlas.climate.fitted import builtin_climate  # the fallback fit, not a base of the interface

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


UNITS = {"air_temperature_mean": "°C", "air_temperature_min": "°C", "air_temperature_max": "°C",
         "precipitation": "mm month-1", "wind_speed": "m s-1", "relative_humidity": "-", "wet_day_fraction": "-"}


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


def _unit_vectors(lat, lon) -> np.ndarray:
    phi, lam = np.radians(lat), np.radians(lon)
    return np.stack([np.cos(phi) * np.cos(lam), np.cos(phi) * np.sin(lam), np.sin(phi)], axis=-1)
