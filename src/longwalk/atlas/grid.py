"""A regular latitude/longitude grid with true geodesic cell dimensions on the WGS84 ellipsoid.

Row 0 is the **southernmost** row and column 0 the westernmost column.  Cell ``(r, c)`` covers
latitudes ``[south + r*res, south + (r+1)*res)`` and longitudes ``[west + c*res, west + (c+1)*res)``.
Distances are geodesics on WGS84 computed with :class:`pyproj.Geod` (Karney's algorithm), never a flat plane.
"""

from __future__ import annotations

from functools import cached_property

import numpy as np
from pyproj import Geod

from longwalk.errors import InputError

WGS84 = Geod(ellps="WGS84")

#: Native resolution of the built-in layers: 5 arc-minutes [degree].
NATIVE_RESOLUTION = 1.0 / 12.0

_EPS = 1e-9

#: Southern and northern latitude limits of routing and of atlas windows [degree]: the limits of the UTM grid (80°S,
#: 84°N; DMA TM 8358.2, 1989), past which mapping agencies leave latitude/longitude-based grids for polar ones because
#: the meridians converge.  On a 5′ lat/lon grid the cells there are 10 times taller than wide, and the 16 moves of
#: the routing stencil leave gaps so wide that the worst-placed straight walk is 23 % (80°) to 29 % (84°) longer on
#: the grid than on the ground (:func:`longwalk.routing.geometry.stencil_elongation`; 2.8 % at the equator).
#: Nothing in longwalk routes beyond them: the Antarctic ice sheet and the Arctic Ocean lie there, and the northmost
#: land (Kaffeklubben Island, 83.7°N) lies just inside.
POLAR_LIMITS = (-80.0, 84.0)


def wrap_lon(lon) -> np.ndarray:
    """Longitudes [degree] brought into [-180, 180): the inverse of :meth:`Grid.unwrap`.

    >>> wrap_lon([185.0, 179.5, -180.0]).tolist()
    [-175.0, 179.5, -180.0]
    """
    return (np.asarray(lon, dtype=float) + 180.0) % 360.0 - 180.0


def check_lat_lon(lat, lon, what: str = "point") -> tuple[np.ndarray, np.ndarray]:
    """Return ``lat, lon`` as float arrays, raising :class:`InputError` if any is out of range.

    Latitude must lie in [-90, 90] and longitude in [-180, 180] [degree].

    >>> check_lat_lon(53.5, 108.0)[0]
    array(53.5)
    """
    lat = np.asarray(lat, dtype=float)
    lon = np.asarray(lon, dtype=float)
    bad_lat = ~np.isfinite(lat) | (lat < -90.0) | (lat > 90.0)
    if np.any(bad_lat):
        value = lat[bad_lat].ravel()[0] if lat.ndim else float(lat)
        raise InputError(f"{what}: latitude {value:g} is out of range; latitude must be between -90 and 90 degrees")
    bad_lon = ~np.isfinite(lon) | (lon < -180.0) | (lon > 180.0)
    if np.any(bad_lon):
        value = lon[bad_lon].ravel()[0] if lon.ndim else float(lon)
        raise InputError(
            f"{what}: longitude {value:g} is out of range; longitude must be between -180 and 180 degrees"
        )
    return lat, lon


def check_region(region, what: str = "region", antimeridian: bool = False) -> tuple[float, float, float, float]:
    """Validate a region ``(south, north, west, east)`` [degree] and return it as floats.

    Raises :class:`InputError` for a malformed region, out-of-range bounds, a region of zero area, or (unless
    ``antimeridian``) a region crossing the antimeridian.  With ``antimeridian`` a region crossing it may be
    given as ``west > east`` (e.g. 170, -170) or with ``east`` beyond 180 (170, 190); it is returned with ``east``
    unwrapped past 180, so that ``west < east`` always holds (the grids of :class:`Grid` and
    :func:`longwalk.atlas.load_atlas` are built that way).

    >>> check_region((20, 70, 70, 140))
    (20.0, 70.0, 70.0, 140.0)
    >>> check_region((60, 70, 170, -170), antimeridian=True)
    (60.0, 70.0, 170.0, 190.0)
    """
    try:
        south, north, west, east = (float(v) for v in region)
    except (TypeError, ValueError) as err:
        raise InputError(
            f"{what}: {region!r} is not a region; give four numbers south,north,west,east in degrees, "
            "e.g. 20,70,70,140"
        ) from err
    for name, value, lo, hi in (
        ("south", south, -90, 90),
        ("north", north, -90, 90),
        ("west", west, -180, 180),
        ("east", east, -180, 540 if antimeridian else 180),
    ):
        if not np.isfinite(value) or value < lo or value > hi:
            raise InputError(f"{what}: {name} = {value:g} is out of range; it must be between {lo} and {hi} degrees")
    if north <= south:
        raise InputError(
            f"{what}: north ({north:g}) must be greater than south ({south:g}); "
            + ("the region has zero area" if north == south else "swap them")
        )
    if east == west:
        raise InputError(f"{what}: west and east are both {west:g}; the region has zero area")
    if antimeridian and west > east:
        east += 360.0
    if east - west > 360.0 + _EPS:
        raise InputError(f"{what}: west {west:g} to east {east:g} spans more than 360 degrees of longitude")
    if west > east:
        raise InputError(
            f"{what}: west ({west:g}) is east of east ({east:g}): a region crossing the antimeridian (180°) is not "
            "supported; split it into two regions or use longitudes with west < east"
        )
    return south, north, west, east


class Grid:
    """A regular latitude/longitude grid on WGS84.

    Parameters
    ----------
    south, north, west, east : float
        Region bounds [degree].  The grid starts at ``south``/``west``; when the extent is not a whole number of
        cells the last row/column is completed, so ``north``/``east`` may grow by less than one cell.  A grid
        crossing the antimeridian is given with ``west > east`` or ``east`` beyond 180; it keeps ``east`` (and its
        cell-centre longitudes) unwrapped past 180, and :meth:`index` takes points on either side
        (:attr:`crosses_antimeridian`).
    resolution : float
        Cell size [degree] (5′ = 1/12).

    Attributes
    ----------
    lat : ndarray (ny,)
        Cell-centre latitudes [degree], south to north.
    lon : ndarray (nx,)
        Cell-centre longitudes [degree], west to east.
    cell_width, cell_height : ndarray (ny,)
        Geodesic east-west width and north-south height of a cell in each row [m].

    Examples
    --------
    >>> g = Grid(59.5, 60.5, 0.0, 1.0, 1.0)
    >>> round(float(g.cell_width[0]) / 1000, 1)  # 1 degree of longitude at 60°N
    55.8
    """

    def __init__(self, south: float, north: float, west: float, east: float, resolution: float = NATIVE_RESOLUTION):
        south, north, west, east = check_region((south, north, west, east), antimeridian=True)
        try:
            resolution = float(resolution)
        except (TypeError, ValueError) as err:
            raise InputError(f"resolution {resolution!r} is not a number of degrees (e.g. 0.0833 for 5′)") from err
        if not np.isfinite(resolution) or resolution <= 0 or resolution > 10:
            raise InputError(f"resolution {resolution:g} degrees is invalid; it must be > 0 and <= 10 degrees")
        ny = max(1, int(np.ceil((north - south) / resolution - 1e-6)))
        nx = max(1, int(np.ceil((east - west) / resolution - 1e-6)))
        self.south = south
        self.west = west
        self.resolution = resolution
        self.north = min(90.0, south + ny * resolution)
        self.east = west + nx * resolution
        self.shape = (ny, nx)
        self.lat = south + (np.arange(ny) + 0.5) * resolution
        self.lon = west + (np.arange(nx) + 0.5) * resolution

    def __repr__(self) -> str:
        return (
            f"Grid(south={self.south:g}, north={self.north:g}, west={self.west:g}, east={self.east:g}, "
            f"resolution={self.resolution:g}, shape={self.shape})"
        )

    def __eq__(self, other) -> bool:
        return isinstance(other, Grid) and self.key == other.key

    def __hash__(self) -> int:
        return hash(self.key)

    @property
    def key(self) -> tuple[float, float, float, float, float]:
        """``(south, north, west, east, resolution)``, rounded to 1e-9 degree; identifies the grid."""
        return tuple(round(v, 9) for v in (self.south, self.north, self.west, self.east, self.resolution))

    @property
    def crosses_antimeridian(self) -> bool:
        """True when the grid runs east past 180° (its longitudes beyond 180 are those of -180 + x)."""
        return self.east > 180.0 + _EPS

    def unwrap(self, lon) -> np.ndarray:
        """Longitudes [degree] in the grid's own range: +360 for points west of ``west`` on a grid crossing 180°.

        >>> Grid(60, 70, 170, -170, 1.0).unwrap([-175.0, 175.0]).tolist()
        [185.0, 175.0]
        """
        lon = np.asarray(lon, dtype=float)
        if not self.crosses_antimeridian:
            return lon
        return np.where(lon < self.west - _EPS, lon + 360.0, lon)

    @property
    def region(self) -> tuple[float, float, float, float]:
        """``(south, north, west, east)`` of the grid [degree]."""
        return (self.south, self.north, self.west, self.east)

    @cached_property
    def cell_width(self) -> np.ndarray:
        """Geodesic east-west width of a cell at its centre latitude [m], per row (ny,)."""
        lat = self.lat
        _, _, dist = WGS84.inv(np.zeros_like(lat), lat, np.full_like(lat, self.resolution), lat)
        return np.asarray(dist, dtype=float)

    @cached_property
    def cell_height(self) -> np.ndarray:
        """Geodesic north-south height of a cell [m], per row (ny,)."""
        lat = self.lat
        lo = np.clip(lat - self.resolution / 2, -90, 90)
        hi = np.clip(lat + self.resolution / 2, -90, 90)
        _, _, dist = WGS84.inv(np.zeros_like(lat), lo, np.zeros_like(lat), hi)
        return np.asarray(dist, dtype=float)

    @cached_property
    def cell_area(self) -> np.ndarray:
        """Area of a cell on the WGS84 ellipsoid [m2], per row (ny,)."""
        lat = self.lat
        h = self.resolution / 2
        lons = np.array([0.0, self.resolution, self.resolution, 0.0])
        area = np.empty_like(lat)
        # One polygon per row (ny is at most a few thousand): exact ellipsoidal area from pyproj.
        for i, la in enumerate(lat):
            a, _ = WGS84.polygon_area_perimeter(lons, np.array([la - h, la - h, la + h, la + h]))
            area[i] = abs(a)
        return area

    def neighbour_distances(self, offsets) -> np.ndarray:
        """Geodesic distance from a cell centre to the centre of the cell at each ``(drow, dcol)`` offset.

        Parameters
        ----------
        offsets : array_like (k, 2) of int
            Row and column offsets, e.g. the 8 or 16 moves of a routing stencil.

        Returns
        -------
        ndarray (ny, k)
            Distance [m] for a cell in each row (it does not depend on the column).  Offsets leaving the grid
            north or south still get the distance to where that cell would be (clipped at the poles).

        Examples
        --------
        >>> g = Grid(59.5, 60.5, 0.0, 1.0, 1.0)
        >>> d = g.neighbour_distances([(0, 1), (1, 0)])
        >>> bool(abs(d[0, 0] - g.cell_width[0]) < 1e-6)
        True
        """
        off = np.asarray(offsets, dtype=float).reshape(-1, 2)
        lat1 = np.broadcast_to(self.lat[:, None], (self.shape[0], len(off)))
        lat2 = np.clip(lat1 + off[None, :, 0] * self.resolution, -90, 90)
        dlon = np.broadcast_to(off[None, :, 1] * self.resolution, lat1.shape)
        _, _, dist = WGS84.inv(np.zeros(lat1.size), lat1.ravel(), dlon.ravel(), lat2.ravel())
        return np.asarray(dist, dtype=float).reshape(lat1.shape)

    def contains(self, lat, lon) -> np.ndarray:
        """True where ``(lat, lon)`` [degree] lies inside the grid (edges included)."""
        lat = np.asarray(lat, dtype=float)
        lon = self.unwrap(lon)
        in_lat = (lat >= self.south - _EPS) & (lat <= self.north + _EPS)
        return in_lat & (lon >= self.west - _EPS) & (lon <= self.east + _EPS)

    def index(self, lat, lon) -> tuple[np.ndarray, np.ndarray]:
        """Row and column of the cell holding each point (vectorised).

        Raises :class:`InputError` if a point is out of range or outside the grid.

        >>> Grid(20, 70, 70, 140).index([20.01, 69.99], [70.01, 139.99])
        (array([  0, 599]), array([  0, 839]))
        """
        lat, lon = check_lat_lon(lat, lon)
        inside = self.contains(lat, lon)
        if not np.all(inside):
            bad = np.flatnonzero(~np.broadcast_to(inside, np.broadcast(lat, lon).shape))[0]
            la = np.broadcast_to(lat, inside.shape).ravel()[bad]
            lo = np.broadcast_to(lon, inside.shape).ravel()[bad]
            raise InputError(
                f"point ({la:g}, {lo:g}) is outside the atlas region "
                f"{self.south:g}..{self.north:g}N, {self.west:g}..{self.east:g}E; load an atlas whose region holds "
                "it (load_atlas(region) with a larger region)"
            )
        return self.index_unchecked(lat, self.unwrap(lon))

    def index_unchecked(self, lat, lon) -> tuple[np.ndarray, np.ndarray]:
        """Row and column for points known to be inside the grid (no checks; clipped to the grid)."""
        row = np.floor((np.asarray(lat, dtype=float) - self.south) / self.resolution).astype(np.intp)
        col = np.floor((np.asarray(lon, dtype=float) - self.west) / self.resolution).astype(np.intp)
        return np.clip(row, 0, self.shape[0] - 1), np.clip(col, 0, self.shape[1] - 1)
