"""The ice calendar of a grid's lakes and rivers: which water cells carry a walker on each day of the year.

The ice model (:func:`longwalk.atlas.ice.ice_thickness_year`) is deterministic given the climatology, so a grid's
ice season is computed once, for every water cell and all 365 climatological days, and kept as one bit per cell
and day (46 bytes a cell): in memory and in ``cache_dir()/ice``, keyed by the grid's arrays and a fingerprint of
the ice and climate model sources and coefficients.  The state on a date is then an array lookup
(:meth:`IceCalendar.state`), equal to evaluating :func:`longwalk.atlas.ice.ice_cover` on that date
(``tests/routing/test_seasons.py``).
"""

from __future__ import annotations

import datetime as _dt
import functools
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

#: Ice thickness a walker needs [m] ("about 0.1 m of clear ice", longwalk.atlas.ice.ice_cover).
WALKABLE_ICE = 0.10

#: Days after a river's ice breaks up during which it is in spring flood (an ESTIMATE of the breakup flood of
#: snow-fed northern rivers; rain and monsoon floods are not modelled).
BREAKUP_FLOOD_DAYS = 30

#: Bump when the meaning of a cached calendar changes.
CALENDAR_VERSION = 1

#: Water cells whose ice year is computed at once (bounds the memory of a grid's calendar to about 60 MB).
_CHUNK = 4096

#: Calendars kept in memory (one per grid; a corridor route uses two grids).
_MEMORY_SLOTS = 4

OCEAN, LAND, LAKE = 0, 1, 2


@dataclass(frozen=True)
class IceCalendar:
    """Walkable ice per water cell and climatological day, packed as bits.

    Attributes
    ----------
    shape : (ny, nx) of the grid
    lake_rows, lake_cols : int32 (n_lake,) lake cells (``surface == 2``)
    lake_bits : uint8 (n_lake, 46) ``packbits`` along the day axis: bit ``k`` is day of year ``k + 1``, set
        where the lake ice is at least :data:`WALKABLE_ICE` thick
    river_rows, river_cols, river_bits : the same for river cells off the lakes (``river_class > 0``)
    """

    shape: tuple[int, int]
    lake_rows: np.ndarray
    lake_cols: np.ndarray
    lake_bits: np.ndarray
    river_rows: np.ndarray
    river_cols: np.ndarray
    river_bits: np.ndarray

    @staticmethod
    def _on(bits: np.ndarray, doy: int) -> np.ndarray:
        k = int(doy) - 1
        return ((bits[:, k >> 3] >> np.uint8(7 - (k & 7))) & np.uint8(1)).astype(bool)

    def state(self, date: _dt.date) -> tuple[np.ndarray, np.ndarray]:
        """Lake ice and river state on a date.

        Returns
        -------
        lake_frozen : (ny, nx) bool, walkable lake ice
        river_state : (ny, nx) uint8, 0 open, 1 frozen (walkable ice), 2 spring flood (walkable ice
            :data:`BREAKUP_FLOOD_DAYS` days before, none now)
        """
        from longwalk.atlas.weather import day_of_year

        now = int(day_of_year(np.datetime64(date, "D")))
        before = int(day_of_year(np.datetime64(date - _dt.timedelta(days=BREAKUP_FLOOD_DAYS), "D")))
        lake_frozen = np.zeros(self.shape, dtype=bool)
        lake_frozen[self.lake_rows, self.lake_cols] = self._on(self.lake_bits, now)
        river_state = np.zeros(self.shape, dtype=np.uint8)
        frozen = self._on(self.river_bits, now)
        flood = ~frozen & self._on(self.river_bits, before)
        river_state[self.river_rows, self.river_cols] = np.where(frozen, 1, np.where(flood, 2, 0))
        return lake_frozen, river_state


def _walkable_bits(lat, lon, elevation, water: str, climatology=None, bar=None) -> np.ndarray:
    from longwalk.atlas.ice import ice_thickness_year

    if lat.size == 0:
        return np.zeros((0, 46), dtype=np.uint8)
    own = np.ones(lat.size, dtype=bool)
    if climatology is not None:  # cells the source has no data for (WorldClim on a lake) take the built-in climate
        own = np.isfinite(climatology.monthly(lat, lon, elevation).air_temperature_mean).all(axis=-1)
    # a few thousand cells at a time: a whole grid's daily thickness at once would hold 3 kB a cell (and its
    # temperatures as much again) for bits that take 46 bytes; every cell's year is computed on its own
    parts = []
    for i in range(0, lat.size, _CHUNK):
        cell = slice(i, i + _CHUNK)
        mine = own[cell]
        h = np.empty((mine.size, 365))
        if mine.any():
            h[mine] = ice_thickness_year(lat[cell][mine], lon[cell][mine], elevation[cell][mine], water=water,
                                         climatology=climatology)
        if not mine.all():
            h[~mine] = ice_thickness_year(lat[cell][~mine], lon[cell][~mine], elevation[cell][~mine], water=water)
        parts.append(np.packbits(h >= WALKABLE_ICE, axis=1))
        if bar is not None:
            bar.advance()
    return np.concatenate(parts)


def build_ice_calendar(lat, lon, elevation, surface, river_class, climatology=None, bar=None) -> IceCalendar:
    """Compute the calendar of a grid from ``climatology`` (default the built-in one; no cache, see
    :func:`ice_calendar`); ``bar``: a :class:`longwalk.cache.ProgressBar` advanced after each chunk of
    :data:`_CHUNK` cells."""
    lat = np.asarray(lat, dtype=float)
    lon = np.asarray(lon, dtype=float)
    elevation = np.asarray(elevation)
    lr, lc = np.nonzero(surface == LAKE)
    rr, rc = np.nonzero((river_class > 0) & (surface != LAKE))
    lake = _walkable_bits(lat[lr], lon[lc], elevation[lr, lc].astype(float), "lake", climatology, bar)
    river = _walkable_bits(lat[rr], lon[rc], elevation[rr, rc].astype(float), "river", climatology, bar)
    i32 = np.int32
    return IceCalendar(tuple(surface.shape), lr.astype(i32), lc.astype(i32), lake, rr.astype(i32), rc.astype(i32),
                       river)


@functools.lru_cache(maxsize=1)
def _model_fingerprint() -> bytes:
    """Hash of what the calendar depends on besides the grid: the ice, climate and weather model sources, the
    lake mask code and the built-in climate coefficients (a change to any of them computes a new calendar)."""
    from importlib import resources

    from longwalk.atlas import climate, ice, layers, weather

    h = hashlib.sha256(f"{CALENDAR_VERSION} {WALKABLE_ICE!r}".encode())
    for path in (ice.__file__, *climate.model_sources(), weather.__file__, layers.__file__):
        h.update(Path(path).read_bytes())
    try:
        h.update(resources.files("longwalk.atlas").joinpath("data", climate.COEFFICIENTS_FILE).read_bytes())
    except OSError:
        pass  # builtin_climate() will raise its DataError when it is asked for
    return h.digest()


def _grid_key(lat, lon, elevation, surface, river_class) -> str:
    h = hashlib.sha256(_model_fingerprint())
    for a in (lat, lon, elevation, surface, river_class):
        a = np.ascontiguousarray(a)
        h.update(f"{a.dtype.str}{a.shape}".encode())
        h.update(a.tobytes())
    return h.hexdigest()[:32]


_memory: dict[str, IceCalendar] = {}
_user_memory: dict[tuple[str, int], tuple[object, IceCalendar]] = {}  # (grid, climatology) -> (it, its calendar)


def _load(path: Path) -> IceCalendar | None:
    try:
        with np.load(path) as f:
            return IceCalendar(tuple(int(v) for v in f["shape"]), f["lake_rows"], f["lake_cols"], f["lake_bits"],
                               f["river_rows"], f["river_cols"], f["river_bits"])
    except Exception:  # a stale or truncated cache file is rebuilt
        path.unlink(missing_ok=True)
        return None


def _save(path: Path, cal: IceCalendar) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.stem}.{os.getpid()}.tmp.npz")
    np.savez(tmp, shape=np.array(cal.shape), lake_rows=cal.lake_rows, lake_cols=cal.lake_cols,
             lake_bits=cal.lake_bits, river_rows=cal.river_rows, river_cols=cal.river_cols,
             river_bits=cal.river_bits)
    tmp.replace(path)


def ice_calendar(lat, lon, elevation, surface, river_class, *, cache: bool = True, climatology=None) -> IceCalendar:
    """The :class:`IceCalendar` of a grid, from memory, ``cache_dir()/ice`` or computed (then stored).

    Parameters
    ----------
    lat, lon : (ny,), (nx,) cell centres [degree]
    elevation : (ny, nx) [m]
    surface : (ny, nx) uint8, 0 ocean 1 land 2 lake
    river_class : (ny, nx) uint8, 0 none
    cache : use and fill the memory and disk caches
    climatology : a user's :class:`~longwalk.atlas.climate.Climatology` (``--climate``); default the built-in
        one.  A user's calendar is kept in memory for the process only (its files may change between runs).
    """
    surface = np.asarray(surface)
    river_class = np.asarray(river_class)
    if climatology is not None:
        from longwalk.atlas.climate import builtin_climate

        if climatology is builtin_climate():
            climatology = None
    if not cache:
        return build_ice_calendar(lat, lon, elevation, surface, river_class, climatology)
    if climatology is not None:
        key = (_grid_key(lat, lon, elevation, surface, river_class), id(climatology))
        held = _user_memory.get(key)
        if held is None or held[0] is not climatology:
            while len(_user_memory) >= _MEMORY_SLOTS:
                _user_memory.pop(next(iter(_user_memory)))
            held = _user_memory[key] = (climatology, build_ice_calendar(lat, lon, elevation, surface, river_class,
                                                                        climatology))
        return held[1]
    from longwalk.paths import cache_dir

    key = _grid_key(lat, lon, elevation, surface, river_class)
    if key in _memory:
        return _memory[key]
    path = cache_dir() / "ice" / f"calendar-{key}.npz"
    cal = _load(path) if path.exists() else None
    if cal is None:
        from longwalk.cache import progress

        lakes, rivers = np.count_nonzero(surface == LAKE), np.count_nonzero((river_class > 0) & (surface != LAKE))
        chunks = -(-lakes // _CHUNK) - (-rivers // _CHUNK)
        with progress(f"computing the ice season of {lakes} lake and {rivers} river cells (once; cached afterwards)",
                      chunks) as bar:
            cal = build_ice_calendar(lat, lon, elevation, surface, river_class, bar=bar)
        try:
            _save(path, cal)
        except OSError:  # a read-only or full cache: keep it in memory for this process
            pass
    while len(_memory) >= _MEMORY_SLOTS:
        _memory.pop(next(iter(_memory)))
    _memory[key] = cal
    return cal
