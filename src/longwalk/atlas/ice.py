"""Ice on lakes and rivers by date, from a degree-day model run on the climatology.

Day by day through the climatological year, from the warmest day (open water) on:

* **freeze-up** once the water has given up its stored heat: freezing degree-days ``-T`` (``T`` the normal daily
  mean air temperature [°C]) first pay off a heat deficit of ``freeze_up_fdd`` [°C day] (0 for shallow water:
  ice forms with the first frost; a deep lake such as Baikal stores far more), thawing degree-days refill it;
* **growth** by Stefan's law, ``h = a sqrt(FDD)`` [m], applied incrementally as ``h^2 <- h^2 + a^2 (-T)``, with
  the empirical coefficient ``a`` of Michel (1971) as tabulated in USACE EM 1110-2-1612 (*Ice Engineering*,
  2002): 1.7-2.4 cm (°C day)^-1/2 for an average lake with snow (we use 2.0), 1.4-1.7 for an average river with
  snow (we use 1.5);
* **decay** by thawing degree-days, ``h <- h - b T`` for ``T > 0``, the relation Bilello (1980, CRREL Report
  80-6) found between accumulated thawing degree-days and ice decay; ``b = 1 cm °C-1 day-1`` is an **estimate**.

Lake Baikal (``docs/weather.md``): the model with ``freeze_up_fdd = 0`` freezes the lake with the first frost in
October-November, two months before the observed January freeze-up, because it ignores the lake's heat storage.
"""

from __future__ import annotations

import numpy as np

from longwalk.atlas.grid import check_lat_lon
from longwalk.atlas.weather import as_dates, day_of_year
from longwalk.errors import InputError

__all__ = ["STEFAN_COEFFICIENT", "ice_cover", "ice_thickness_series"]

#: Stefan's-law coefficients a [m (°C day)^-1/2] (Michel 1971 via USACE EM 1110-2-1612).
STEFAN_COEFFICIENT = {"lake": 0.020, "river": 0.015}
#: Ice decay per thawing degree-day b [m °C-1 day-1] (estimate; degree-day decay after Bilello 1980).
ICE_DECAY_FACTOR = 0.010


def ice_thickness_series(air_temperature, start: int = 0, freeze_up_fdd=0.0, coefficient: float = 0.020,
                         decay_factor: float = ICE_DECAY_FACTOR, cycles: int = 2) -> np.ndarray:
    """Ice thickness through a repeating year of daily mean air temperatures [m].

    Parameters
    ----------
    air_temperature : array_like
        Daily mean air temperature [°C], shaped (points, 365): one climatological year per point.
    start : int or array_like of int
        Day index (0-based, per point) to start from with open water and no heat deficit, e.g. the warmest day.
    freeze_up_fdd : float or array_like
        Heat deficit to pay off before ice forms [°C day], >= 0.
    coefficient : float
        Stefan coefficient a [m (°C day)^-1/2].
    decay_factor : float
        Ice decay per thawing degree-day [m °C-1 day-1].
    cycles : int
        Years to run; the last one is returned, so ice that survives a summer carries over.

    Returns
    -------
    numpy.ndarray
        Thickness at the end of each day [m], (points, 365), indexed by day of the year like the input.

    Examples
    --------
    Constant -10 °C from a start with open water: after 100 days h = 0.02 sqrt(1000) = 0.632 m.

    >>> h = ice_thickness_series(np.full((1, 365), -10.0), cycles=1)
    >>> round(float(h[0, 99]), 3)
    0.632
    """
    t = np.atleast_2d(np.asarray(air_temperature, dtype=float))
    n, days = t.shape
    start = np.broadcast_to(np.asarray(start, dtype=int), (n,))
    deficit_max = np.broadcast_to(np.asarray(freeze_up_fdd, dtype=float), (n,))
    if np.any(deficit_max < 0):
        raise InputError("freeze_up_fdd must be >= 0 [°C day]")
    rows = np.arange(n)
    h = np.zeros(n)
    paid = np.zeros(n)  # freezing degree-days spent on the water's heat so far
    out = np.empty((n, days))
    for step in range(cycles * days):
        d = (start + step) % days
        temp = t[rows, d]
        frost = np.maximum(-temp, 0.0)
        thaw = np.maximum(temp, 0.0)
        to_deficit = np.minimum(frost, deficit_max - paid)
        paid = np.clip(paid + to_deficit - np.where(h > 0, 0.0, thaw), 0.0, deficit_max)
        growth = frost - to_deficit
        h = np.sqrt(h * h + coefficient * coefficient * growth)
        h = np.maximum(h - decay_factor * thaw, 0.0)
        if step >= (cycles - 1) * days:
            out[rows, d] = h
    return out


def ice_cover(lat, lon, elevation, date, *, climatology=None, water: str = "lake", freeze_up_fdd=0.0):
    """Ice thickness and whether there is an ice cover on lakes or rivers, on a date, from the climatology.

    Parameters
    ----------
    lat, lon : array_like
        Position [degree].
    elevation : array_like
        Water surface elevation [m].
    date : date, str or datetime64 (or an array of them)
        Calendar date; broadcast with the position.
    climatology : Climatology, optional
        Source of daily normals; the built-in model by default.
    water : {"lake", "river"}
        Selects the Stefan coefficient (:data:`STEFAN_COEFFICIENT`).
    freeze_up_fdd : float or array_like
        Freezing degree-days the water must lose before ice forms [°C day] (0: shallow water).

    Returns
    -------
    thickness : numpy.ndarray
        Ice thickness [m].
    frozen : numpy.ndarray
        True where there is an ice cover (thickness > 0).  A person needs about 0.1 m of clear ice to walk on.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> class Cold:  # -10 °C all year: the ice grows through both years of the spin-up
    ...     def daily_normals(self, lat, lon, elevation, day_of_year):
    ...         return SimpleNamespace(air_temperature_mean=np.full(np.broadcast(lat, day_of_year).shape, -10.0))
    >>> h, frozen = ice_cover(60.0, 100.0, 0.0, "2023-12-31", climatology=Cold())
    >>> bool(frozen), round(float(h), 2)  # 0.02 sqrt(10 * 730): two whole years of frost
    (True, 1.71)
    """
    if water not in STEFAN_COEFFICIENT:
        raise InputError(f"water must be one of {sorted(STEFAN_COEFFICIENT)}, got {water!r}")
    lat, lon = check_lat_lon(lat, lon, "ice_cover")
    elevation = np.asarray(elevation, dtype=float)
    dates = as_dates(date, "date")
    shape = np.broadcast_shapes(lat.shape, lon.shape, elevation.shape, np.shape(dates), np.shape(freeze_up_fdd))
    flat = [np.broadcast_to(a, shape).ravel() for a in (lat, lon, elevation, dates, np.asarray(freeze_up_fdd))]
    if climatology is None:
        from longwalk.atlas.climate import builtin_climate

        climatology = builtin_climate()
    doy = np.arange(1, 366)
    normals = climatology.daily_normals(flat[0][:, None], flat[1][:, None], flat[2][:, None], doy[None, :])
    temp = np.broadcast_to(np.asarray(normals.air_temperature_mean, dtype=float), (flat[0].size, 365))
    if not np.all(np.isfinite(temp)):
        raise InputError("ice_cover: the climatology gave non-finite temperatures at this position")
    warmest = np.argmax(temp, axis=1)
    h = ice_thickness_series(temp, start=warmest, freeze_up_fdd=flat[4], coefficient=STEFAN_COEFFICIENT[water])
    thickness = h[np.arange(h.shape[0]), day_of_year(flat[3]) - 1].reshape(shape)
    return thickness, thickness > 0.0
