"""Corridor refinement for fine DEMs: route on a coarsened grid, then on the fine grid inside a buffer around it.

Only the bounding box of the corridor is ever turned into search arrays on the fine grid, so memory scales with
the corridor, not the continent.  The result is exact *within the corridor*: the fine route is the least-cost
route among those that stay within ``buffer`` of the coarse route (it can only be worse than an unrestricted
fine search, never better; see the tests).
"""

from __future__ import annotations

import numpy as np
from scipy import ndimage

from longwalk.routing.planner import route_on_grid
from longwalk.routing.route import Route
from longwalk.routing.surfaces import LAKE, LAND, OCEAN


def _pad(a, f, fill):
    ny, nx = a.shape
    py, px = (-ny) % f, (-nx) % f
    if py or px:
        a = np.pad(a, ((0, py), (0, px)), constant_values=fill)
    return a


def _blocks(a, f, fill):
    a = _pad(a, f, fill)
    ny, nx = a.shape
    return a.reshape(ny // f, f, nx // f, f)


def coarsen(elevation, surface, river_class, lat, lon, f):
    """Block-aggregate a fine grid by ``f``: mean elevation, land if any land (else lake if any lake), the largest
    river class present; returns coarse arrays and cell-centre coordinates."""
    res_lat, res_lon = lat[1] - lat[0], lon[1] - lon[0]
    eb = _blocks(np.asarray(elevation, dtype=np.float32), f, np.nan)
    elev_c = np.nanmean(eb, axis=(1, 3)).astype(np.float32)
    sb = _blocks(np.asarray(surface), f, OCEAN)
    surf_c = np.where((sb == LAND).any(axis=(1, 3)), LAND, np.where((sb == LAKE).any(axis=(1, 3)), LAKE, OCEAN))
    rb = _blocks(np.where(np.asarray(river_class) == 0, 255, river_class).astype(np.uint8), f, 255)
    riv_c = rb.min(axis=(1, 3))
    riv_c = np.where(riv_c == 255, 0, riv_c).astype(np.uint8)
    ny_c, nx_c = elev_c.shape
    lat_c = lat[0] - res_lat / 2 + (np.arange(ny_c) + 0.5) * res_lat * f
    lon_c = lon[0] - res_lon / 2 + (np.arange(nx_c) + 0.5) * res_lon * f
    return elev_c, surf_c.astype(np.uint8), riv_c, lat_c, lon_c


def corridor_route(elevation, surface, river_class, lat, lon, waypoints, date=None, cost="tobler", neighbours=16,
                   *, factor: int = 10, buffer: float = 50_000.0, **kwargs) -> Route:
    """Route on a grid coarsened by ``factor``, then on the fine grid within ``buffer`` [m] of that route.

    Per-cell keyword arrays (``snow_depth``, ``sand`` ...) are not supported here (give scalars or none); the
    season state by date is computed on each grid.
    """
    for k in ("snow_depth", "lake_frozen", "river_state", "sand", "wet", "terrain_factor"):
        if k in kwargs and np.ndim(kwargs[k]) > 0 and not callable(kwargs[k]):
            from longwalk.errors import InputError

            raise InputError(f"{k} as a per-cell array is not supported with corridor refinement; give a scalar")
    lat = np.asarray(lat, dtype=float)
    lon = np.asarray(lon, dtype=float)
    elev_c, surf_c, riv_c, lat_c, lon_c = coarsen(elevation, surface, river_class, lat, lon, factor)
    coarse = route_on_grid(elev_c, surf_c, riv_c, lat_c, lon_c, waypoints, date, cost, neighbours, **kwargs)
    ny, nx = np.shape(elevation)
    mask_c = np.zeros(elev_c.shape, dtype=bool)
    mask_c[coarse.cells[:, 0], coarse.cells[:, 1]] = True
    cell_c = 111_000.0 * (lat_c[1] - lat_c[0]) * max(np.cos(np.radians(np.abs(lat_c).max())), 0.1)
    grow = int(np.ceil(buffer / cell_c))
    if grow > 0:
        mask_c = ndimage.binary_dilation(mask_c, structure=np.ones((2 * grow + 1, 2 * grow + 1), dtype=bool))
    rows_c, cols_c = np.nonzero(mask_c)
    r0, r1 = rows_c.min() * factor, min((rows_c.max() + 1) * factor, ny)
    c0, c1 = cols_c.min() * factor, min((cols_c.max() + 1) * factor, nx)
    allowed = np.repeat(np.repeat(mask_c, factor, axis=0), factor, axis=1)[r0:r1, c0:c1]
    fine = route_on_grid(np.asarray(elevation)[r0:r1, c0:c1], np.asarray(surface)[r0:r1, c0:c1],
                         np.asarray(river_class)[r0:r1, c0:c1], lat[r0:r1], lon[c0:c1], waypoints, date, cost,
                         neighbours, allowed=allowed, **kwargs)
    fine.cells = fine.cells + np.array([r0, c0])
    return fine
