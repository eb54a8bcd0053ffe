"""Along-route lookup tables: everything the daily loop needs about the route, as arrays indexed by position.

The planned route is a polyline of ``n`` nodes (grid cell centres).  Position along it is a distance ``x`` [m]
from the start; :class:`Track` holds, per node, cumulative quantities (distance, walking time at the routing
cost model's speed, ascent, uphill distance, water and settlement indicators) so that whatever happens between
two positions (the day's stretch) is a difference of two interpolated or indexed values — no searching in the
daily loop.
"""

from __future__ import annotations

from dataclasses import dataclass

import numba
import numpy as np


@numba.njit(cache=True, nogil=True)
def _interp(x, xp, fp):  # pragma: no cover - compiled
    """``numpy.interp(x, xp, fp)`` bit for bit (the same branches and the same floating-point expression as
    numpy's ``arr_interp``), for a flat ``x``; the node is found from a table of equal buckets and a short walk,
    not by numpy's per-element binary search (slow on unsorted positions: a branch misprediction per level)."""
    n = xp.size
    out = np.empty(x.size)
    # start[b]: the largest node at or before the left edge of bucket b of nb equal buckets (a first guess only:
    # the walks below make the node exact whatever the rounding of the bucket)
    nb = 4 * n
    x0 = xp[0]
    h = (xp[n - 1] - x0) / nb
    start = np.zeros(nb, np.int64)
    k = 0
    for b in range(nb):
        edge = x0 + b * h
        while k < n - 1 and xp[k + 1] <= edge:
            k += 1
        start[b] = k
    j = 0
    for i in range(x.size):
        v = x[i]
        if np.isnan(v):
            out[i] = v
            continue
        if v < xp[0]:
            out[i] = fp[0]
            continue
        if v > xp[n - 1]:
            out[i] = fp[n - 1]
            continue
        # j: the largest index with xp[j] <= v
        if h > 0.0:
            b = int((v - x0) / h)
            j = start[min(max(b, 0), nb - 1)]
        while j > 0 and xp[j] > v:
            j -= 1
        while j < n - 1 and xp[j + 1] <= v:
            j += 1
        if j == n - 1 or xp[j] == v:
            out[i] = fp[j]
            continue
        slope = (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j])
        r = slope * (v - xp[j]) + fp[j]
        if np.isnan(r):
            r = slope * (v - xp[j + 1]) + fp[j + 1]
            if np.isnan(r) and fp[j] == fp[j + 1]:
                r = fp[j]
        out[i] = r
    return out


def interp(x, xp: np.ndarray, fp: np.ndarray) -> np.ndarray:
    """``numpy.interp(x, xp, fp)`` (default ends: ``fp[0]``, ``fp[-1]``) for increasing float ``xp``: the same
    numbers, faster for large batches of unsorted positions.

    >>> float(interp(np.array(1.5), np.array([0.0, 1.0, 2.0]), np.array([0.0, 10.0, 30.0])))
    20.0
    """
    x = np.asarray(x, dtype=np.float64)
    if x.size < 64 or xp.size < 2:
        return np.interp(x, xp, fp)
    out = _interp(np.ascontiguousarray(x).reshape(-1), np.ascontiguousarray(xp, dtype=np.float64),
                  np.ascontiguousarray(fp, dtype=np.float64))
    return out.reshape(x.shape)


@dataclass
class Track:
    """Per-node arrays of the planned route (``n`` nodes) and derived cumulative tables.

    Attributes
    ----------
    x : (n,) cumulative distance along the route [m], ``x[0] == 0``.
    lat, lon : (n,) [degree]
    elevation : (n,) [m]
    surface : (n,) 0 ocean, 1 land, 2 lake (of the cell the node lies in).
    river_class : (n,) 0 none, 1 largest ... higher smaller.
    slope : (n,) rise over run of the step arriving at the node [-] (0 at node 0).
    cum_time : (n,) cumulative walking time at the routing cost model's speed [s], including crossings.
    cum_ascent, cum_descent : (n,) cumulative ascent and descent [m].
    cum_up_distance : (n,) cumulative horizontal distance on uphill steps [m].
    water : (n,) bool, surface water at or next to the node (river or lake within one cell).
    cum_water : (n,) int, number of water nodes up to and including each node.
    settlement_distance : (n,) distance to the nearest settlement [m].
    settlement_index : (n,) index of that settlement in the atlas places (-1 if none).
    settlement_country : (n,) ISO country code of that settlement ("" if none).
    annual_precipitation : (n,) climatological precipitation [mm year-1] (NaN: unknown, no small streams or
        wells are assumed).
    waypoint_x : (w,) position of each waypoint [m].
    """

    x: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    elevation: np.ndarray
    surface: np.ndarray
    river_class: np.ndarray
    slope: np.ndarray
    cum_time: np.ndarray
    cum_ascent: np.ndarray
    cum_descent: np.ndarray
    cum_up_distance: np.ndarray
    water: np.ndarray
    cum_water: np.ndarray
    settlement_distance: np.ndarray
    settlement_index: np.ndarray
    settlement_name: np.ndarray
    settlement_country: np.ndarray
    annual_precipitation: np.ndarray
    waypoint_x: np.ndarray
    biome: np.ndarray | None = None  # (n,) models.hazards biome code, from the climate (plan.biome_codes)
    crossing_x: np.ndarray | None = None  # (k,) [m] position of each water crossing of the planned route
    crossing_text: tuple[str, ...] = ()  # (k,) e.g. "a large river, frozen", "a lake, on the ice"
    crossing_kind: tuple[str, ...] = ()  # (k,) "river" or "lake"

    @property
    def length(self) -> float:
        """Total length of the route [m]."""
        return float(self.x[-1])

    def node(self, position: np.ndarray) -> np.ndarray:
        """Index of the node at or before each position (the stretch a walker is on)."""
        return np.clip(np.searchsorted(self.x, position, side="right") - 1, 0, self.x.size - 1)

    def nearest_node(self, position: np.ndarray) -> np.ndarray:
        """Index of the node nearest to each position."""
        i = self.node(position)
        j = np.minimum(i + 1, self.x.size - 1)
        return np.where(position - self.x[i] > self.x[j] - position, j, i)

    def at(self, name: str, position: np.ndarray) -> np.ndarray:
        """A per-node quantity linearly interpolated at each position.

        ``lon`` is interpolated the short way round: between nodes on either side of the antimeridian (179.9 and
        -179.9) a position lies near ±180, not near 0, and comes back in [-180, 180].
        """
        values = getattr(self, name)
        if name == "lon" and values.size > 1 and np.any(np.abs(np.diff(values)) > 180.0):
            out = interp(position, self.x, np.unwrap(values, period=360.0))
            return np.where(out > 180.0, out - 360.0, np.where(out < -180.0, out + 360.0, out))
        return interp(position, self.x, values)

    def position_after(self, position: np.ndarray, time_budget: np.ndarray) -> np.ndarray:
        """Where a walker starting at ``position`` [m] is after ``time_budget`` [s] of route time."""
        t0 = interp(position, self.x, self.cum_time)
        return interp(t0 + time_budget, self.cum_time, self.x)

    def route_time_between(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Route time [s] of the stretch from ``a`` to ``b`` [m]."""
        return interp(b, self.x, self.cum_time) - interp(a, self.x, self.cum_time)

    def water_between(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """True where the stretch ``[a, b]`` passes a node with surface water (a river or lake)."""
        ia = self.nearest_node(a)
        ib = self.nearest_node(b)
        before = np.where(ia > 0, self.cum_water[np.maximum(ia - 1, 0)], 0)
        return (self.cum_water[ib] - before) > 0


def build_track(
    x,
    lat,
    lon,
    elevation,
    surface,
    river_class,
    step_time,
    *,
    waypoint_x,
    water=None,
    settlement_distance=None,
    settlement_index=None,
    settlement_name=None,
    settlement_country=None,
    annual_precipitation=None,
) -> Track:
    """Assemble a :class:`Track` from per-node arrays; ``step_time[i]`` is the time of the step into node ``i``.

    Quantities not given get their "nothing there" value (no water, no settlement, unknown climate), which is
    what a synthetic test route needs.

    >>> t = build_track([0, 1000, 2000], [0, 0, 0], [0, .009, .018], [0, 100, 50], [1, 1, 1], [0, 0, 0],
    ...                 [0, 1000, 500], waypoint_x=[0, 2000])
    >>> t.cum_ascent.tolist(), t.cum_descent.tolist(), float(t.position_after(np.array(0.0), 1250.0))
    ([0.0, 100.0, 100.0], [0.0, 0.0, 50.0], 1500.0)
    """
    x = np.asarray(x, dtype=float)
    n = x.size
    elevation = np.asarray(elevation, dtype=float)
    dx = np.diff(x, prepend=x[0])
    dz = np.diff(elevation, prepend=elevation[0])
    slope = np.divide(dz, dx, out=np.zeros(n), where=dx > 0)
    up = dz > 0
    water = np.zeros(n, bool) if water is None else np.asarray(water, bool)
    return Track(
        x=x,
        lat=np.asarray(lat, dtype=float),
        lon=np.asarray(lon, dtype=float),
        elevation=elevation,
        surface=np.asarray(surface, dtype=np.uint8),
        river_class=np.asarray(river_class, dtype=np.uint8),
        slope=slope,
        cum_time=np.cumsum(np.asarray(step_time, dtype=float)),
        cum_ascent=np.cumsum(np.where(up, dz, 0.0)),
        cum_descent=np.cumsum(np.where(up, 0.0, np.maximum(-dz, 0.0))),
        cum_up_distance=np.cumsum(np.where(up, dx, 0.0)),
        water=water,
        cum_water=np.cumsum(water.astype(np.int64)),
        settlement_distance=np.full(n, np.inf) if settlement_distance is None else np.asarray(settlement_distance),
        settlement_index=np.full(n, -1) if settlement_index is None else np.asarray(settlement_index),
        settlement_name=np.full(n, "", dtype=object) if settlement_name is None else np.asarray(settlement_name),
        settlement_country=(
            np.full(n, "", dtype=object) if settlement_country is None else np.asarray(settlement_country)
        ),
        annual_precipitation=(
            np.full(n, np.nan) if annual_precipitation is None else np.asarray(annual_precipitation, dtype=float)
        ),
        waypoint_x=np.asarray(waypoint_x, dtype=float),
    )
