"""Cost surfaces: the per-cell arrays the search kernels read, built from plain arrays (no Atlas needed)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numba import njit
from scipy import ndimage

from longwalk.errors import InputError
from longwalk.routing import costs
from longwalk.routing.geometry import (
    MIN_CURVATURE_RADIUS,
    neighbour_offsets,
    planar_step_lengths,
    reverse_index,
    step_lengths,
)
from longwalk.routing.kernels import _model_cost, move_table

#: Energy charged per second of a water crossing under the ``energy`` model [J kg-1 s-1]: the flat-ground
#: Minetti cost 2.5 J kg-1 m-1 times the flat Tobler speed (an estimate: crossings are treated as flat walking).
ENERGY_PER_CROSSING_SECOND = 2.5 * float(costs.tobler_speed(0.0))

OCEAN, LAND, LAKE = 0, 1, 2


@dataclass
class CostSurface:
    """Everything one search needs, on a lat/lon grid with row 0 southernmost.

    Attributes
    ----------
    elevation : (ny, nx) float32 [m]
    surface : (ny, nx) uint8, 0 ocean 1 land 2 lake
    river_class : (ny, nx) uint8, 0 none, 1 largest
    factor : (ny, nx) float32 [-] terrain factor on the cost of moves touching the cell (snow, sand, wet)
    barrier : (ny, nx) float32 water penalty in cost units (0 dry, inf impassable)
    barrier_time : (ny, nx) float32 water penalty [s] (the same as ``barrier`` for time models)
    lake_frozen, river_state : (ny, nx) bool / uint8 (0 open 1 frozen 2 flood)
    lat, lon : cell centres [degree]
    """

    elevation: np.ndarray
    surface: np.ndarray
    river_class: np.ndarray
    factor: np.ndarray
    barrier: np.ndarray
    barrier_time: np.ndarray
    lake_frozen: np.ndarray
    river_state: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    cost: str
    model: int
    params: np.ndarray
    neighbours: int
    moves: np.ndarray = field(repr=False)
    dlen: np.ndarray = field(repr=False)
    wrap: bool = False
    planar: bool = False

    @property
    def shape(self) -> tuple[int, int]:
        return self.elevation.shape

    @property
    def resolution(self) -> float:
        return float(self.lat[1] - self.lat[0]) if self.lat.size > 1 else float(self.lon[1] - self.lon[0])

    def min_cost_per_metre(self) -> float:
        """A lower bound of the cost of one metre of any move: min over slope of the model × min terrain factor."""
        return min_cost_per_metre(self.model, self.params) * float(np.min(self.factor))

    def dry(self) -> np.ndarray:
        """uint8 per cell: 1 where no cell within two rows and columns has water (no move from it pays any).

        Computed once and kept: change ``barrier`` only before the first search."""
        if getattr(self, "_dry", None) is not None:
            return self._dry
        wet = self.barrier != 0
        mode = "wrap" if self.wrap else "nearest"
        near = ndimage.maximum_filter(wet, size=5, mode=mode) if wet.any() else wet
        self._dry = (~near).astype(np.uint8)
        return self._dry

    def min_move_cost(self) -> float:
        """A lower bound of the cost of any move (the bucket width of the exact bucket-queue Dijkstra)."""
        return float(np.nanmin(self.dlen)) * self.min_cost_per_metre()

    def heuristic_scale(self) -> float:
        """Factor turning ``asin(sqrt(haversine))`` into an admissible cost bound (2 R_min × min cost per metre)."""
        if self.planar:
            return 0.0
        return 2.0 * MIN_CURVATURE_RADIUS * self.min_cost_per_metre() * 0.999


def model_params(cost: str, percentile: float = 0.5, rwalk: dict | None = None) -> tuple[int, np.ndarray]:
    """Model id and parameter vector for the kernels; raises :class:`InputError` naming the valid choices."""
    if cost not in costs.COST_MODELS:
        raise InputError(f"cost={cost!r} is not a cost model; choose one of {', '.join(costs.COST_MODELS)}")
    if cost == "campbell":
        if percentile not in costs.CAMPBELL_2019:
            valid = ", ".join(f"{p:g}" for p in costs.CAMPBELL_2019)
            raise InputError(f"percentile={percentile!r} has no Campbell (2019) fit; choose one of {valid}")
        params = np.array([*costs.CAMPBELL_2019[percentile], costs.CAMPBELL_MAX_SLOPE_DEG])
    elif cost == "rwalk":
        p = {**costs.RWALK_DEFAULTS, **(rwalk or {})}
        params = np.array([p["a"], p["b"], p["c"], p["d"], p["slope_factor"]], dtype=float)
    elif cost == "energy":
        params = np.array([costs.MINETTI_MAX_SLOPE])
    else:
        params = np.zeros(1)
    return costs.COST_MODELS[cost], params.astype(np.float64)


@njit(cache=True)
def _min_over_slopes(model, params, slopes):
    best = np.inf
    for s in slopes:
        c = _model_cost(model, params, s, 1.0)
        if c < best:
            best = c
    return best


def min_cost_per_metre(model: int, params: np.ndarray) -> float:
    """Smallest cost of one metre over slopes -3 ... 3 (dense grid, including the kink points), times 0.99.

    All four models cost more at steeper slopes than at their optimum, so the minimum lies inside that range; the
    0.99 margin covers the grid spacing (1e-4) around a minimum between grid points.
    """
    slopes = np.concatenate([np.linspace(-3.0, 3.0, 60001), [-0.05, params[-1] if model == 2 else 0.0]])
    return 0.99 * float(_min_over_slopes(model, params, slopes))


def _chunks(n, size=256):
    return [slice(i, min(i + size, n)) for i in range(0, n, size)]


def _as_grid_array(name, value, shape, dtype, default):
    if value is None:
        return np.full(shape, default, dtype=dtype)
    arr = np.asarray(value)
    if arr.ndim == 0:
        return np.full(shape, arr, dtype=dtype)
    if arr.shape != shape:
        raise InputError(f"{name} has shape {arr.shape} but the elevation grid is {shape}; give one value per cell")
    return arr.astype(dtype, copy=False)


def check_grid(elevation, lat, lon) -> tuple[np.ndarray, np.ndarray]:
    """Validate a lat/lon grid against a DEM; raises :class:`InputError` describing the mismatch."""
    lat = np.asarray(lat, dtype=float)
    lon = np.asarray(lon, dtype=float)
    if elevation.ndim != 2:
        raise InputError(f"elevation must be a 2-D (lat, lon) array, got {elevation.ndim} dimensions")
    if elevation.shape != (lat.size, lon.size):
        raise InputError(
            f"DEM/grid mismatch: elevation is {elevation.shape} but the grid has {lat.size} latitudes x "
            f"{lon.size} longitudes"
        )
    if lat.size < 2 or lon.size < 2:
        raise InputError(f"the grid must have at least 2 rows and 2 columns, got {elevation.shape}")
    for name, v in (("latitude", lat), ("longitude", lon)):
        d = np.diff(v)
        if not np.all(d > 0) or not np.allclose(d, d[0], rtol=1e-6, atol=1e-9):
            raise InputError(f"grid {name}s must increase in equal steps (row 0 southernmost); got steps {d[:3]}...")
    if lat[0] < -90 or lat[-1] > 90:
        raise InputError(f"grid latitudes {lat[0]}..{lat[-1]} are outside -90..90")
    if not np.all(np.isfinite(elevation)):
        raise InputError("elevation has NaN or infinite values; fill them (e.g. 0 m over the ocean) before routing")
    return lat, lon


def build_cost_surface(
    elevation,
    surface,
    river_class,
    lat,
    lon,
    *,
    cost: str = "tobler",
    neighbours: int = 16,
    snow_depth=None,
    lake_frozen=None,
    river_state=None,
    sand=None,
    wet=None,
    terrain_factor=None,
    percentile: float = 0.5,
    rwalk: dict | None = None,
    altitude: bool | None = None,
    cell_size: tuple[float, float] | None = None,
) -> CostSurface:
    """Build the arrays one search reads.

    Parameters
    ----------
    elevation : (ny, nx) array [m]
    surface : (ny, nx) uint8: 0 ocean (impassable), 1 land, 2 lake (impassable unless ``lake_frozen``)
    river_class : (ny, nx) uint8: 0 none, 1 largest ...; crossing cost by class and ``river_state``
    lat, lon : (ny,), (nx,) cell centres [degree], equal steps, row 0 southernmost
    cost : ``tobler`` | ``campbell`` | ``rwalk`` | ``energy``
    neighbours : 8 or 16
    snow_depth : (ny, nx) [m] or scalar, optional: snow terrain factor (:func:`costs.snow_terrain_factor`)
    lake_frozen : (ny, nx) bool or scalar, optional: frozen lake cells are walked on (default: not frozen)
    river_state : (ny, nx) uint8 or scalar or name (``open``/``frozen``/``flood``), default open
    sand, wet : (ny, nx) bool, optional: loose sand / wet ground factors (:data:`costs.SAND_FACTOR`, ``WET_FACTOR``)
    terrain_factor : (ny, nx) float, optional: an extra multiplicative factor [-] (≥ 0.1)
    percentile : Campbell (2019) fitness percentile
    rwalk : overrides of :data:`costs.RWALK_DEFAULTS` (``a b c d slope_factor``)
    altitude : divide walking speed by :func:`costs.altitude_speed_fraction` (time per metre rises with altitude);
        default True for the time models ``tobler`` and ``campbell``, False for ``rwalk`` (kept exactly GRASS's
        model) and ``energy`` (the energy per metre does not depend on altitude)
    cell_size : (dx, dy) [m] for a *projected* grid (e.g. UTM): step lengths are planar and ``lat``/``lon`` are
        only labels (A* then searches without a heuristic)
    """
    elevation = np.ascontiguousarray(elevation, dtype=np.float32)
    lat, lon = check_grid(elevation, lat, lon)
    shape = elevation.shape
    surface = _as_grid_array("surface", surface, shape, np.uint8, LAND)
    if surface.max(initial=0) > 2:
        raise InputError(f"surface has class {int(surface.max())}; valid classes are 0 ocean, 1 land, 2 lake")
    river_class = _as_grid_array("river_class", river_class, shape, np.uint8, 0)
    model, params = model_params(cost, percentile, rwalk)

    if isinstance(river_state, str):
        if river_state not in costs.RIVER_STATES:
            raise InputError(f"river_state={river_state!r}; choose one of {', '.join(costs.RIVER_STATES)}")
        river_state = costs.RIVER_STATES[river_state]
    river_state = _as_grid_array("river_state", river_state, shape, np.uint8, 0)
    lake_frozen = _as_grid_array("lake_frozen", lake_frozen, shape, bool, False)

    factor = np.ones(shape, dtype=np.float32)
    if altitude if altitude is not None else cost in ("tobler", "campbell"):
        for rows in _chunks(shape[0]):  # in row blocks: the float64 temporaries stay small on large grids
            factor[rows] /= costs.altitude_speed_fraction(elevation[rows]).astype(np.float32)
    if snow_depth is not None:
        snow = _as_grid_array("snow_depth", snow_depth, shape, np.float32, 0.0)
        for rows in _chunks(shape[0]):
            factor[rows] *= costs.snow_terrain_factor(snow[rows]).astype(np.float32)
    if sand is not None:
        factor[_as_grid_array("sand", sand, shape, bool, False)] *= costs.SAND_FACTOR
    if wet is not None:
        factor[_as_grid_array("wet", wet, shape, bool, False)] *= costs.WET_FACTOR
    if terrain_factor is not None:
        tf = _as_grid_array("terrain_factor", terrain_factor, shape, np.float32, 1.0)
        if not np.all(np.isfinite(tf)) or tf.min() < 0.1:
            raise InputError(f"terrain_factor must be finite and >= 0.1, got min {float(np.nanmin(tf))}")
        factor *= tf

    barrier_time = np.zeros(shape, dtype=np.float32)
    rr, rc = np.nonzero(river_class)
    barrier_time[rr, rc] = costs.river_crossing_time(river_class[rr, rc], river_state[rr, rc])
    barrier_time[surface == OCEAN] = np.inf
    lake = surface == LAKE
    barrier_time[lake & ~lake_frozen] = np.inf
    barrier_time[lake & lake_frozen] = 0.0
    barrier = barrier_time * np.float32(ENERGY_PER_CROSSING_SECOND) if cost == "energy" else barrier_time

    offsets = neighbour_offsets(neighbours)
    moves = move_table(offsets, reverse_index(offsets))
    if cell_size is None:
        dlen = step_lengths(lat, lon, offsets)
    else:
        dlen = planar_step_lengths(shape[0], cell_size[0], cell_size[1], offsets)
    span = (lon[-1] - lon[0]) + (lon[1] - lon[0])
    wrap = bool(abs(span - 360.0) < 1e-6) and cell_size is None
    return CostSurface(
        elevation=elevation, surface=surface, river_class=river_class, factor=factor, barrier=barrier,
        barrier_time=barrier_time, lake_frozen=lake_frozen, river_state=river_state, lat=lat, lon=lon, cost=cost,
        model=model, params=params, neighbours=neighbours, moves=moves, dlen=dlen, wrap=wrap,
        planar=cell_size is not None,
    )
