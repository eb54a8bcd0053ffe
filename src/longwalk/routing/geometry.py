"""Neighbourhoods and true step lengths on a latitude/longitude grid (row 0 southernmost)."""

from __future__ import annotations

import numpy as np
from pyproj import Geod

from longwalk.errors import InputError

_GEOD = Geod(ellps="WGS84")

#: Smallest radius of curvature of the WGS84 ellipsoid, a(1 - e²) [m]: a great circle on a sphere of this radius
#: is never longer than the ellipsoidal geodesic between the same latitude/longitude points, so it gives an
#: admissible and consistent A* heuristic.
MIN_CURVATURE_RADIUS = 6378137.0 * (1.0 - 0.00669437999014)

_OFFSETS_8 = [(1, 0), (0, 1), (-1, 0), (0, -1), (1, 1), (1, -1), (-1, 1), (-1, -1)]
_KNIGHT = [(1, 2), (2, 1), (2, -1), (1, -2), (-1, -2), (-2, -1), (-2, 1), (-1, 2)]


def neighbour_offsets(neighbours: int) -> np.ndarray:
    """Row/column offsets of the moves: 8 (rook and bishop) or 16 (plus knight moves).

    Returns
    -------
    numpy.ndarray
        (K, 2) int64 ``(drow, dcol)``; :func:`reverse_index` gives the opposite of each move.

    Examples
    --------
    >>> neighbour_offsets(16).shape
    (16, 2)
    """
    if neighbours == 8:
        return np.array(_OFFSETS_8, dtype=np.int64)
    if neighbours == 16:
        return np.array(_OFFSETS_8 + _KNIGHT, dtype=np.int64)
    raise InputError(f"neighbours={neighbours!r} is not supported; use 8 or 16")


def reverse_index(offsets: np.ndarray) -> np.ndarray:
    """Index of the opposite move for each move (``offsets[reverse[k]] == -offsets[k]``)."""
    lookup = {tuple(o): i for i, o in enumerate(offsets.tolist())}
    return np.array([lookup[(-o[0], -o[1])] for o in offsets.tolist()], dtype=np.int64)


def step_lengths(lat: np.ndarray, lon: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """Geodesic (WGS84) length of each move from each row, between cell centres.

    Parameters
    ----------
    lat : numpy.ndarray
        (ny,) cell-centre latitudes [degree], increasing (row 0 southernmost), equally spaced.
    lon : numpy.ndarray
        (nx,) cell-centre longitudes [degree], equally spaced.
    offsets : numpy.ndarray
        (K, 2) moves from :func:`neighbour_offsets`.

    Returns
    -------
    numpy.ndarray
        (ny, K) float64 distance [m] of the move ``k`` that starts in row ``r``; NaN where it would leave the grid.
        East-west steps shrink with latitude (``≈ R cos φ Δλ``).

    Examples
    --------
    >>> L = step_lengths(np.array([0.0, 1.0]), np.array([0.0, 1.0]), neighbour_offsets(8))
    >>> round(float(L[0, 1]))      # 1 degree of the equator: a·π/180
    111319
    """
    lat = np.asarray(lat, dtype=float)
    lon = np.asarray(lon, dtype=float)
    ny = lat.size
    dlon = float(lon[1] - lon[0]) if lon.size > 1 else 0.0
    dlat = float(lat[1] - lat[0]) if ny > 1 else 0.0
    out = np.full((ny, offsets.shape[0]), np.nan)
    rows = np.arange(ny)
    for k, (dr, dc) in enumerate(offsets.tolist()):
        r2 = rows + dr
        ok = (r2 >= 0) & (r2 < ny)
        lat1 = lat[ok]
        lat2 = lat1 + dr * dlat
        lon2 = np.full(lat1.shape, dc * dlon)
        _, _, dist = _GEOD.inv(np.zeros_like(lat1), lat1, lon2, lat2)
        out[ok, k] = dist
    return out


def planar_step_lengths(ny: int, dx: float, dy: float, offsets: np.ndarray) -> np.ndarray:
    """Step lengths [m] on a projected grid with cells ``dx`` by ``dy`` [m] (GRASS's EW/NS/DIAG/V_DIAG/H_DIAG).

    Examples
    --------
    >>> float(planar_step_lengths(1, 30.0, 40.0, neighbour_offsets(8))[0, 4])   # hypot(30, 40)
    50.0
    """
    L = np.hypot(offsets[:, 0] * float(dy), offsets[:, 1] * float(dx))
    return np.repeat(L[None, :], ny, axis=0)


def great_circle_lower_bound(lat1, lon1, lat2, lon2):
    """A lower bound of the geodesic distance [m]: great circle on a sphere of :data:`MIN_CURVATURE_RADIUS`.

    Examples
    --------
    >>> d = float(great_circle_lower_bound(0.0, 0.0, 0.0, 1.0))   # 6335439 m × π/180
    >>> d < 111319.49 and round(d)
    110574
    """
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dl = np.radians(np.asarray(lon2) - np.asarray(lon1))
    h = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2.0 * MIN_CURVATURE_RADIUS * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))


def geodesic_distance(lat1, lon1, lat2, lon2):
    """Geodesic distance on WGS84 [m] (pyproj), vectorised."""
    lat1, lon1, lat2, lon2 = np.broadcast_arrays(*(np.asarray(x, dtype=float) for x in (lat1, lon1, lat2, lon2)))
    _, _, d = _GEOD.inv(lon1, lat1, lon2, lat2)
    return np.asarray(d)
