"""The kriging fit to station normals (:class:`FittedClimatology`): the built-in model and a user's station table,
evaluated exactly or between lazily tabulated nodes kept in the cache."""

from __future__ import annotations

import copy
import functools
import hashlib
import json
import shutil
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path

import numpy as np

from longwalk import cache as plaincache
from longwalk.atlas.climate.kriging import (
    _SMALL_TREND,
    _TINY_TREND,
    N_TREND,
    QUANTITIES,
    FittedField,
    KrigingSettings,
    _gp_coordinates,
    _kriged_rows,
    fit_field,
    kriged_sum,
    physical_fields,
    transformed_targets,
    trend_features,
    trilinear,
    wet_day_fraction_bound,
)
from longwalk.atlas.climate.normals import (
    _P_INDEX,
    _SLAB_FIELDS,
    EARTH_RADIUS,
    FIELDS,
    MONTH_DAYS,
    PRECIPITATION_OFFSET,
    Climatology,
    MonthlyNormals,
    _check_position,
    _unit_vectors,
    expit,
)
from longwalk.atlas.climate.ocean import distance_to_ocean
from longwalk.atlas.climate.wind import climatological_wind_speed
from longwalk.errors import DataError

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


def model_sources() -> list[Path]:
    """The source files of the climate model (every module of this package), for the hashes of what is cached
    from it: its tabulated nodes here, the ice calendar (:mod:`longwalk.routing.seasons`)."""
    return sorted(Path(__file__).resolve().parent.glob("*.py"))


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
        frame.far[cells] = _kriged_rows(np.ascontiguousarray(frame.grid[cells]), self._points, self._alpha,
                                        1.0 / self.settings.length, far_knots)
        frame.todo &= ~cells

    def _far_apply(self, frame: _FarFrame, lat, lon, elevation, query, rowwise: bool = False) -> np.ndarray:
        """The near knots summed at the points plus the far field interpolated from ``frame`` (:meth:`_far_frame`;
        a lazy frame's grid points are computed as the points need them); ``rowwise``: the near sum by
        :func:`_kriged_rows` (a point's bits independent of the others)."""
        near = frame.near
        if rowwise:
            use = np.zeros(len(self._points), dtype=bool)
            use[near] = True
            out = _kriged_rows(np.ascontiguousarray(query, dtype=float), self._points, self._alpha,
                               1.0 / self.settings.length, use)
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
        """Hash of everything a tabulated node depends on: the climate package's and the land mask reader's source, the
        mask's package version, the node layout, and the model's coefficients (exact bytes)."""
        from longwalk.atlas import layers

        h = hashlib.sha256(f"climate nodes v3 {_SLAB_FIELDS} {_KRIGE_TILE} {_TILE_SPACING} {_ELEVATION_STEP}".encode())
        for mod in (*model_sources(), layers.__file__):
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
        thousands of nodes that no later run reads.
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
