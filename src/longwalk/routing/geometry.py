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


def stencil_elongation(lat, neighbours: int = 16) -> np.ndarray:
    """Worst-case lengthening of a straight walk by the grid's moves, at latitude ``lat`` [degree] [-].

    A straight line between two adjacent move directions (unit vectors at angle θ apart) is walked as a zigzag of
    those two moves; its length over the straight distance is largest on the bisector, ``1 / cos(θ/2)``.  On a
    lat/lon grid a cell is ``cos(lat)`` as wide as it is tall, which widens the gaps between the moves' directions
    toward the poles.

    Parameters
    ----------
    lat : array_like [degree]
    neighbours : 8 or 16

    Returns
    -------
    numpy.ndarray
        ``1 / cos(θ_max / 2) - 1`` [-] with θ_max the widest angle between adjacent moves.

    Examples
    --------
    16 moves on square cells: the widest gap is atan(1/2) = 26.57° (rook to knight), 1/cos(13.28°) - 1 = 2.75 %;
    8 moves: 45°, 1/cos(22.5°) - 1 = 8.2 %.

    >>> round(float(stencil_elongation(0.0)) * 100, 2), round(float(stencil_elongation(0.0, 8)) * 100, 1)
    (2.75, 8.2)
    """
    off = neighbour_offsets(neighbours).astype(float)
    lat = np.asarray(lat, dtype=float)
    aspect = np.cos(np.radians(lat))[..., None]  # cell width / height
    angles = np.sort(np.arctan2(off[:, 0], off[:, 1] * aspect), axis=-1)
    gaps = np.diff(np.concatenate([angles, angles[..., :1] + 2 * np.pi], axis=-1), axis=-1)
    return 1.0 / np.cos(gaps.max(axis=-1) / 2.0) - 1.0


def split_antimeridian(coords) -> list[list[list[float]]]:
    """Cut a line of ``[lon, lat, ...]`` positions where it crosses the antimeridian (RFC 7946 §3.1.9).

    A step between consecutive positions whose longitudes differ by more than 180° is taken to cross 180°: the line
    is cut there, both parts ending at ±180 at the latitude (and further coordinates) interpolated along the step,
    so that no part's representation crosses the antimeridian.  Longitudes outside [-180, 180] are first brought
    into [-180, 180).

    Returns
    -------
    list of lines (one when nothing crosses); each a list of positions.

    Examples
    --------
    >>> split_antimeridian([[179.0, 10.0], [-179.0, 12.0]])
    [[[179.0, 10.0], [180.0, 11.0]], [[-180.0, 11.0], [-179.0, 12.0]]]
    """
    parts: list[list[list[float]]] = [[]]
    prev = None
    for pos in coords:
        pos = [float(v) for v in pos]
        if not -180.0 <= pos[0] <= 180.0:
            pos[0] = (pos[0] + 180.0) % 360.0 - 180.0
        if prev is not None and abs(pos[0] - prev[0]) > 180.0:
            edge = 180.0 if prev[0] > 0 else -180.0
            lon_next = pos[0] + (360.0 if edge > 0 else -360.0)  # the next position unwrapped past the edge
            t = (edge - prev[0]) / (lon_next - prev[0])
            mid = [p + t * (q - p) for p, q in zip(prev[1:], pos[1:], strict=True)]
            parts[-1].append([edge, *mid])
            parts.append([[-edge, *mid]])
        parts[-1].append(pos)
        prev = pos
    return parts


def line_geometry(coords) -> dict:
    """GeoJSON geometry of a line: a LineString, or a MultiLineString when it crosses the antimeridian."""
    parts = split_antimeridian(coords)
    if len(parts) == 1:
        return {"type": "LineString", "coordinates": parts[0]}
    return {"type": "MultiLineString", "coordinates": parts}
