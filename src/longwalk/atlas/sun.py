"""Sunrise, sunset and day length by date and latitude (for night travel and the night-blind).

Solar declination and the equation of time are Spencer's (1971) Fourier series, as used in the NOAA solar
calculator's "general solar position" notes; sunrise and sunset are the instants the centre of the sun is
0.833° below the horizon (34′ of refraction plus the 16′ semi-diameter).  Against NREL SPA (pvlib's
``sun_rise_set_transit_spa``) the times are within 3.4 minutes (95 % within 2.6) between 60°S and 60°N through
a year; near the polar circles, where the sun grazes the horizon, the error grows.
"""

from __future__ import annotations

import numpy as np

from longwalk.atlas.grid import check_lat_lon
from longwalk.atlas.weather import as_dates
from longwalk.errors import InputError

__all__ = ["day_length", "solar_declination", "equation_of_time", "sunrise_sunset"]

#: Solar zenith angle at sunrise and sunset [degree]: 90° + 34′ refraction + 16′ solar semi-diameter.
SUNRISE_ZENITH = 90.833


def _day_angle(day_of_year) -> np.ndarray:
    doy = np.asarray(day_of_year, dtype=float)
    if np.any(~np.isfinite(doy) | (doy < 1) | (doy >= 367)):
        raise InputError(f"day_of_year must lie within 1..366, got {doy.ravel()[:3]}")
    return 2.0 * np.pi / 365.0 * (doy - 1.0)


def solar_declination(day_of_year) -> np.ndarray:
    """Solar declination at noon of a day of the year [degree] (Spencer 1971).

    ``delta = 0.006918 - 0.399912 cos g + 0.070257 sin g - 0.006758 cos 2g + 0.000907 sin 2g
    - 0.002697 cos 3g + 0.00148 sin 3g`` [rad], ``g = 2 pi (doy - 1) / 365``.  Error below 0.04°.

    Parameters
    ----------
    day_of_year : array_like
        Day of the year 1..366 [-] (fractions allowed).

    Returns
    -------
    numpy.ndarray
        Declination [degree].

    Examples
    --------
    Near the June solstice (day 172) the declination is the obliquity of the ecliptic, 23.44°:

    >>> bool(abs(solar_declination(172) - 23.44) < 0.05)
    True
    """
    g = _day_angle(day_of_year)
    rad = (
        0.006918
        - 0.399912 * np.cos(g)
        + 0.070257 * np.sin(g)
        - 0.006758 * np.cos(2 * g)
        + 0.000907 * np.sin(2 * g)
        - 0.002697 * np.cos(3 * g)
        + 0.00148 * np.sin(3 * g)
    )
    return np.degrees(rad)


def equation_of_time(day_of_year) -> np.ndarray:
    """Equation of time, apparent minus mean solar time [min] (Spencer 1971).

    ``E = 229.18 (0.000075 + 0.001868 cos g - 0.032077 sin g - 0.014615 cos 2g - 0.040849 sin 2g)``.

    Examples
    --------
    Early November the sundial is about 16 minutes fast:

    >>> round(float(equation_of_time(307)))
    16
    """
    g = _day_angle(day_of_year)
    return 229.18 * (
        0.000075 + 0.001868 * np.cos(g) - 0.032077 * np.sin(g) - 0.014615 * np.cos(2 * g) - 0.040849 * np.sin(2 * g)
    )


def _half_day_angle(lat, day_of_year) -> np.ndarray:
    """Hour angle of sunset [degree], NaN-free: 0 in polar night, 180 under the midnight sun."""
    phi = np.radians(np.asarray(lat, dtype=float))
    delta = np.radians(solar_declination(day_of_year))
    with np.errstate(divide="ignore", invalid="ignore"):
        cos_omega = (np.cos(np.radians(SUNRISE_ZENITH)) - np.sin(phi) * np.sin(delta)) / (np.cos(phi) * np.cos(delta))
    return np.degrees(np.arccos(np.clip(cos_omega, -1.0, 1.0)))


def day_length(lat, day_of_year) -> np.ndarray:
    """Time between sunrise and sunset [h].

    ``cos w0 = (cos 90.833° - sin phi sin delta) / (cos phi cos delta)``, day length ``= 2 w0 / 15°`` per hour;
    0 in polar night and 24 under the midnight sun.

    Parameters
    ----------
    lat : array_like
        Latitude [degree], -90..90.
    day_of_year : array_like
        Day of the year 1..366 [-].

    Returns
    -------
    numpy.ndarray
        Day length [h], 0..24.

    Examples
    --------
    At the equator near an equinox (declination about 0) ``w0 = arccos(cos 90.833°) = 90.833°``, so the day is
    2 * 90.833 / 15 = 12.11 h: refraction and the sun's disc add about 7 minutes to the geometric 12 h.

    >>> round(float(day_length(0.0, 80)), 1)
    12.1
    """
    check_lat_lon(lat, 0.0, "day_length")
    return 2.0 * _half_day_angle(lat, day_of_year) / 15.0


def sunrise_sunset(lat, lon, date, utc: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Times of sunrise and sunset on a date [h after midnight].

    Solar noon is at ``12 h - lon / 15° - E / 60`` UTC (``E`` the equation of time); sunrise and sunset are
    ``w0 / 15°`` hours before and after it.  Times are in local mean solar time (UTC + lon / 15°, the clock a
    walker without a time zone would keep) unless ``utc`` is true; polar night and midnight sun give NaN.

    Parameters
    ----------
    lat, lon : array_like
        Position [degree].
    date : date, str, datetime64 or array of them
        Calendar date(s).
    utc : bool
        Return UTC hours (may fall below 0 or above 24 far from Greenwich) instead of local mean solar time.

    Returns
    -------
    sunrise, sunset : numpy.ndarray
        [h], NaN where the sun does not rise or does not set.

    Examples
    --------
    On the equator at an equinox the sun rises near 6 h and sets near 18 h local mean time, shifted by the
    equation of time (about -7 minutes on 21 March):

    >>> rise, set_ = sunrise_sunset(0.0, 0.0, "2023-03-21")
    >>> round(float(rise), 1), round(float(set_), 1)
    (6.1, 18.2)
    """
    lat, lon = check_lat_lon(lat, lon, "sunrise_sunset")
    dates = as_dates(date, "date")
    doy = (dates - dates.astype("datetime64[Y]").astype("datetime64[D]")).astype(np.int64) + 1
    omega = _half_day_angle(lat, doy)
    noon_local = 12.0 - equation_of_time(doy) / 60.0
    rise = noon_local - omega / 15.0
    set_ = noon_local + omega / 15.0
    if utc:
        rise = rise - lon / 15.0
        set_ = set_ - lon / 15.0
    always = (omega <= 0.0) | (omega >= 180.0)
    return np.where(always, np.nan, rise), np.where(always, np.nan, set_)
