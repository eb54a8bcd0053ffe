"""Setting out: resolve the waypoints, plan the route with a date per leg, build the along-route tables.

Each leg is routed for the season the party is expected to walk it (Lake Baikal is frozen in March, not in
August; Siberian rivers flood in spring): leg dates come from a planning pace — the routing time of each leg at
the scenario's hours per day, its rest days and waypoint rests — taken from a first, season-free routing pass
(or the great-circle distance when that fails); the second pass routes every leg for its date.  The planned
route and the tables are cached in ``cache_dir()/engine`` keyed by everything they depend on, so repeated runs
of a scenario start at once: plain arrays and JSON (:mod:`longwalk.cache`, no pickle), checksummed and rebuilt
when damaged.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import inspect
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from longwalk import cache as plaincache
from longwalk.engine.track import Track, build_track
from longwalk.errors import DataError, RoutingError
from longwalk.models import hazards
from longwalk.paths import cache_dir
from longwalk.scenario.schema import Scenario

PLAN_VERSION = 5  # bump when the tables change meaning (4: track time without the altitude factor; 5: npz + json)
WINDING = 1.3  # ESTIMATE: route length / great-circle length for the first date estimate only
PLANNING_SPEED = 1.1  # [m s-1] ESTIMATE: planning pace for the first pass only (Tobler's 1.4 off path × ~0.8)


@dataclass
class JourneyPlan:
    """The planned route and everything precomputed along it."""

    route: object  # longwalk.routing.Route (or None for a synthetic track)
    track: Track
    waypoint_names: tuple[str, ...]
    leg_dates: tuple[dt.date, ...]
    climate_table: dict | None  # field -> (nodes, 366) daily normals
    day_length_table: np.ndarray | None  # (nodes, 366) [h]


def resolve_waypoints(scenario: Scenario, atlas=None) -> list[tuple[float, float]]:
    """(lat, lon) of every waypoint: given coordinates, or a place name resolved in the atlas gazetteer (the whole
    world's, :func:`longwalk.atlas.builtin_places`, when ``atlas`` is None; read only when a waypoint is named)."""
    places = None if atlas is None else atlas.places
    out = []
    for i, w in enumerate(scenario.route):
        if w.lat is not None:
            out.append((float(w.lat), float(w.lon)))
        else:
            if places is None:  # the world's table costs seconds to convert the first time: only when needed
                from longwalk.atlas.places import builtin_places

                places = builtin_places()
            try:
                place = places.resolve(w.place)
            except Exception as err:  # InputError with suggestions
                raise RoutingError(f"route[{i}] '{w.name}': place '{w.place}' cannot be resolved: {err}") from None
            out.append((float(place.lat), float(place.lon)))
    return out


def default_atlas(points: list[tuple[float, float]], margin: float | None = None, dem=None):
    """The built-in atlas of the routing window of ``points``: their box plus a margin
    (:func:`longwalk.atlas.build.route_window`), anywhere between the polar limits, across 180° too; ``dem`` (a
    user's elevation file, the scenario's ``terrain.dem``) replaces the built-in elevation where it has data."""
    from longwalk.atlas.build import WINDOW_MARGIN, load_atlas, route_window

    return load_atlas(route_window(points, WINDOW_MARGIN if margin is None else margin), dem=dem)


def _leg_days(seconds: np.ndarray, scenario: Scenario) -> np.ndarray:
    """Days to walk each leg at the scenario's hours per day, with its policy rest days."""
    pol = scenario.policy
    days = seconds / 3600.0 / pol.hours_per_day
    if pol.rest_every > 0:
        days = days * (1.0 + 1.0 / pol.rest_every)
    return days


def _dates_from(leg_days: np.ndarray, scenario: Scenario) -> list[dt.date]:
    rest = np.array([w.rest_days for w in scenario.route], float)
    start = np.concatenate([[0.0], np.cumsum(leg_days + rest[1:])[:-1]]) + rest[0]
    return [scenario.start_date + dt.timedelta(days=round(float(d))) for d in start]


@functools.lru_cache(maxsize=1)
def _code_fingerprint() -> bytes:
    """Hash of the code and shipped data a plan depends on (the atlas and routing layers, this module, the track
    and the biome reading in models.hazards), so that a changed model plans anew instead of reading a stale cached
    plan.  The engine's daily composition (compose.py) is not part of a plan and is left out."""
    root = Path(__file__).resolve().parent.parent
    files = sorted((root / "atlas").rglob("*.py")) + sorted((root / "atlas" / "data").glob("*"))
    files += sorted((root / "routing").rglob("*.py"))
    files += [root / "engine" / name for name in ("plan.py", "track.py")]
    h = hashlib.sha256()
    for path in files:
        if path.is_file():
            h.update(path.name.encode())
            h.update(path.read_bytes())
    # of models.hazards only the biome reading enters a plan: its source and thresholds, not the whole module (a
    # change to the injury or illness hazards must not re-plan every route)
    h.update(inspect.getsource(hazards.biome_from_climate).encode())
    h.update(repr((hazards.ALPINE_ELEVATION, hazards.TAIGA_ANNUAL_TEMPERATURE, hazards.FOREST_PRECIPITATION)).encode())
    return h.digest()


def _cache_key(scenario: Scenario, points, atlas, need_climate: bool) -> str:
    h = hashlib.sha256(_code_fingerprint())
    h.update(json.dumps({
        "v": PLAN_VERSION,
        "points": points,
        "names": [w.name for w in scenario.route],
        "rest": [w.rest_days for w in scenario.route],
        "start": str(scenario.start_date),
        "hours": scenario.policy.hours_per_day,
        "rest_every": scenario.policy.rest_every,
        "grid": list(atlas.grid.key) if hasattr(atlas.grid, "key") else repr(atlas.grid),
        "climate": need_climate,
        "climate_source": climate_source_key(scenario.climate.source),
    }, sort_keys=True).encode())
    for arr in (atlas.elevation, atlas.surface, atlas.river_class):
        h.update(np.ascontiguousarray(arr).tobytes())
    return h.hexdigest()[:24]


def plan_journey(scenario: Scenario, atlas=None, need_climate: bool = True, cache: bool = True) -> JourneyPlan:
    """Resolve, route (a season-free pass for the leg dates, then a seasonal one), tabulate along the route; cached.

    Without ``atlas`` the route is planned on the built-in atlas of its window (:func:`default_atlas`): the
    waypoints' box plus :data:`longwalk.atlas.build.WINDOW_MARGIN`, widened while the season-free route runs along
    its edge (:mod:`longwalk.routing.window`), anywhere between :data:`longwalk.atlas.grid.POLAR_LIMITS`.  The
    window's region is part of the cache key.

    Raises
    ------
    RoutingError
        A waypoint that cannot be resolved or reached: the message names the leg and the reason.
    """
    from longwalk.atlas.build import WINDOW_MARGIN
    from longwalk.routing import plan_route
    from longwalk.routing.geometry import geodesic_distance
    from longwalk.routing.window import MAX_WIDENINGS, touches_edge

    window = atlas is None  # the atlas follows the route: the waypoints' box plus a margin, widened if needed
    points = resolve_waypoints(scenario, atlas)
    if window:
        margin = WINDOW_MARGIN
        atlas = default_atlas(points, margin, dem=scenario.terrain.dem)
    key = _cache_key(scenario, points, atlas, need_climate)
    stem = cache_dir() / "engine" / f"plan-{key}" if cache else None
    if stem is not None:
        plan = load_plan(stem)
        if plan is not None:
            return plan
    from longwalk.atlas.climate import open_climatology

    climatology = open_climatology(scenario.climate.source)  # before routing: a missing source fails at once

    names = [w.name for w in scenario.route]
    lat = np.array([p[0] for p in points])
    lon = np.array([p[1] for p in points])
    straight = np.asarray(geodesic_distance(lat[:-1], lon[:-1], lat[1:], lon[1:]), float)
    dates = _dates_from(_leg_days(straight * WINDING / PLANNING_SPEED, scenario), scenario)
    # pass 1 without seasons (fast: no ice model over the grid) gives each leg's walking time, hence its dates;
    # pass 2 routes each leg for its season
    # (routing.window.plan_in_window's widening, on this season-free pass; the seasonal pass keeps its window)
    for widening in range(MAX_WIDENINGS + 1):
        try:
            rough = plan_route(atlas, points, date=None)
        except RoutingError:
            break  # e.g. a lake only crossable on ice: keep the great-circle estimate
        wi = np.asarray(rough.waypoint_index)
        dates = _dates_from(_leg_days(np.diff(np.cumsum(rough.time)[wi]), scenario), scenario)
        if not (window and widening < MAX_WIDENINGS and touches_edge(rough, atlas.grid)):
            break
        margin *= 2.0
        atlas = default_atlas(points, margin, dem=scenario.terrain.dem)
    # the seasonal pass reads lake ice and river seasons from the scenario's climate too
    route = _route(functools.partial(plan_route, climatology=climatology), atlas, points, dates, names)
    track = track_from_route(route, atlas)
    # The climate also says where small streams, desert wells and biomes are: fixed weather (a what-if on the
    # weather alone) keeps those, and only drops the table that would drive the weather generator.
    table, day_length_table = climate_tables(track, climatology)
    _climate_indicators(track, table)
    climate_table = table if need_climate else None
    plan = JourneyPlan(route=route, track=track, waypoint_names=tuple(names), leg_dates=tuple(dates),
                       climate_table=climate_table, day_length_table=day_length_table)
    if stem is not None:
        save_plan(stem, plan)
    return plan


def _route(plan_route, atlas, points, dates, names):
    """Plan leg by leg's dates; a failure names the leg."""
    try:
        return plan_route(atlas, points, date=list(dates))
    except RoutingError:
        # find the failing leg to name it
        for i in range(len(points) - 1):
            try:
                plan_route(atlas, points[i:i + 2], date=[dates[i]])
            except RoutingError as err:
                raise RoutingError(
                    f"route leg {i + 1} from '{names[i]}' to '{names[i + 1]}' (planned for {dates[i]}) "
                    f"cannot be walked: {err}") from None
        raise


def track_from_route(route, atlas) -> Track:
    """Along-route tables from a planned route and the atlas it was planned on."""
    x = np.cumsum(np.asarray(route.distance, float))
    lat = np.asarray(route.lat, float)
    lon = np.asarray(route.lon, float)
    cells = np.asarray(route.cells)
    rows, cols = cells[:, 0], cells[:, 1]
    ny, nx = atlas.surface.shape
    water = np.zeros(lat.size, bool)
    for dr in (-1, 0, 1):
        for dc in (-1, 0, 1):
            r = np.clip(rows + dr, 0, ny - 1)
            c = np.clip(cols + dc, 0, nx - 1)
            water |= (atlas.river_class[r, c] > 0) | (atlas.surface[r, c] == 2)
    places = atlas.places
    if len(places):
        dist, idx = places.query(lat, lon, k=1)
        dist, idx = dist[:, 0], idx[:, 0]
        ok = idx < len(places)
        safe = np.where(ok, idx, 0)
        names = np.where(ok, np.asarray(places.name, dtype=object)[safe], "")
        country = np.where(ok, np.asarray(places.country, dtype=object)[safe], "")
        index = np.where(ok, idx, -1)
    else:
        dist = np.full(lat.size, np.inf)
        names = np.full(lat.size, "", dtype=object)
        country = np.full(lat.size, "", dtype=object)
        index = np.full(lat.size, -1)
    crossings = list(getattr(route, "crossings", []) or [])
    crossing_x = np.array([x[min(int(c.step), x.size - 1)] for c in crossings], float)
    crossing_kind = tuple(c.kind for c in crossings)
    texts = tuple(crossing_text(c) for c in crossings)
    time = bare_ground_time(route)
    # a zero-time step would make position_after ambiguous; the route's steps all have positive length
    time = np.where((time <= 0) & (np.arange(time.size) > 0), 1e-3, time)
    track = build_track(
        x, lat, lon, np.asarray(route.elevation, float), route.surface, route.river_class, time,
        waypoint_x=x[np.asarray(route.waypoint_index)], water=water, settlement_distance=dist,
        settlement_index=index, settlement_name=names, settlement_country=country,
    )
    track.crossing_x, track.crossing_kind, track.crossing_text = crossing_x, crossing_kind, texts
    return track


def bare_ground_time(route) -> np.ndarray:
    """Walking time of each step of ``route`` [s] on bare ground at sea-level fitness, water crossings included.

    The router divides the speed by :func:`longwalk.routing.costs.altitude_speed_fraction` (the mean of the step's
    two cells) so that the path avoids high ground where a lower one is quicker; the engine's time base must not
    hold that factor, because the engine slows each walker at altitude through their own altitude-reduced VO2max
    (models.walking.daily_walking_speed, engine.compose.Environment.vo2max) - keeping both would count altitude
    twice.  Crossing penalties (the step's water time, route.crossings) are not scaled.  Routes of the ``energy``
    and ``rwalk`` models carry no altitude factor and are returned as they are.
    """
    from longwalk.routing import costs

    time = np.asarray(route.time, float).copy()
    if getattr(route, "cost_model", "tobler") not in ("tobler", "campbell") or time.size < 2:
        return time
    pen = np.zeros(time.size)
    for c in getattr(route, "crossings", []) or []:
        if c.kind == "river" and 0 < int(c.step) < time.size:
            pen[int(c.step)] += float(c.penalty)
    frac = costs.altitude_speed_fraction(np.asarray(route.elevation, float))
    factor = np.ones(time.size)
    factor[1:] = 0.5 * (1.0 / frac[:-1] + 1.0 / frac[1:])
    walk = np.maximum(time - pen, 0.0)
    return walk / factor + pen


_RIVER_SIZE = {1: "a great river", 2: "a large river", 3: "a river", 4: "a small river"}


def crossing_text(c) -> str:
    """A verb phrase for the journal: "crossed a large river on the ice", "forded a river"."""
    if c.kind == "lake":
        return "crossed a lake on the ice" if c.frozen else "crossed a lake"
    size = _RIVER_SIZE.get(int(c.river_class), "a stream")
    if c.frozen:
        return f"crossed {size} on the ice"
    hours = c.penalty / 3600.0
    return f"forded {size}" + (f" after searching {hours:.0f} h for a ford" if hours >= 1 else "")


def climate_source_key(source: str) -> str:
    """What identifies a climate source's data for the plan cache: the built-in model is part of the code
    fingerprint; a file or folder is named with the size and modification time of each file in it."""
    if source == "builtin":
        return source
    if source.partition(":")[0] == "worldclim":
        from longwalk.paths import worldclim_location

        path = worldclim_location()
    else:
        path = Path(source).expanduser().absolute()
    files = sorted(path.rglob("*")) if path.is_dir() else [path]
    stats = [(str(f), f.stat().st_size, f.stat().st_mtime_ns) for f in files if f.is_file()]
    return hashlib.sha256(json.dumps([source, stats]).encode()).hexdigest()


def climate_tables(track: Track, climatology=None) -> tuple[dict, np.ndarray]:
    """Daily climate normals and day length at every node for every day of the year: (nodes, 366) arrays.

    ``climatology``: a :class:`longwalk.atlas.climate.Climatology` (default the built-in one).  A source with
    cells without data (WorldClim at sea: a lake or a coast the route crosses) lends each such node the normals of
    the nearest node along the track that has them.

    Raises
    ------
    DataError
        The source has no data at a waypoint (it covers another part of the world) or nowhere along the route.
    """
    from longwalk.atlas.climate import builtin_climate
    from longwalk.engine.compose import NORMAL_FIELDS

    climatology = builtin_climate() if climatology is None else climatology
    doy = np.arange(1, 367)
    normals = climatology.daily_normals(track.lat[:, None], track.lon[:, None], track.elevation[:, None],
                                        doy[None, :])
    table = {f: np.ascontiguousarray(np.broadcast_to(getattr(normals, f), (track.x.size, 366)), dtype=float)
             for f in NORMAL_FIELDS}
    valid = np.all([np.isfinite(v).all(axis=1) for v in table.values()], axis=0)
    if not valid.all():
        source = getattr(climatology, "description", "") or type(climatology).__name__
        waypoints = np.clip(np.searchsorted(track.x, track.waypoint_x), 0, track.x.size - 1)
        missing = waypoints[~valid[waypoints]]
        if not valid.any() or missing.size:
            i = int(missing[0]) if missing.size else 0
            raise DataError(f"the climate source ({source}) has no data at {track.lat[i]:.3f}, {track.lon[i]:.3f} "
                            "on the route: give a source that covers the whole route (e.g. --climate builtin)")
        good = np.flatnonzero(valid)
        right = np.clip(np.searchsorted(track.x[good], track.x), 0, good.size - 1)
        left = np.clip(right - 1, 0, good.size - 1)
        nearer = np.where(np.abs(track.x[good[left]] - track.x) <= np.abs(track.x[good[right]] - track.x),
                          good[left], good[right])
        for f in table:
            table[f] = np.ascontiguousarray(table[f][nearer])
    return table, day_length_tables(track)


def day_length_tables(track: Track) -> np.ndarray:
    """Day length [h] at every node for every day of the year, (nodes, 366) (``longwalk.atlas.sun``)."""
    from longwalk.atlas.sun import day_length

    doy = np.arange(1, 367)
    return np.asarray(day_length(track.lat[:, None], doy[None, :]), float)


def _check_climate(track: Track, table: dict) -> None:
    """Refuse a climate table outside the physically possible (a climate model used beyond the region it was fitted
    to) with a message naming the place, instead of a model's traceback further on."""
    from longwalk.errors import DataError

    checks = (("air_temperature_mean", -90.0, 60.0, "°C"), ("precipitation", 0.0, 2000.0, "mm a day"))
    # bounds beyond the world records a daily normal cannot pass (WMO World Weather and Climate Extremes Archive,
    # from memory: -89.2 °C at Vostok 1983, 56.7 °C in Death Valley 1913, 1825 mm in 24 h at Foc-Foc 1966)
    for name, low, high, unit in checks:
        values = table.get(name)
        if values is None:
            continue
        bad = ~np.isfinite(values) | (values < low) | (values > high)
        if bad.any():
            node, day = np.argwhere(bad)[0]
            raise DataError(
                f"the built-in climate does not cover this route: it gives {name} = {values[node, day]:.4g} {unit} "
                f"at {track.lat[node]:.2f}, {track.lon[node]:.2f} (day {day + 1} of the year), outside what is "
                "physically possible; the route cannot be planned with this climate")


def _climate_indicators(track: Track, table: dict) -> None:
    _check_climate(track, table)
    track.annual_precipitation = table["precipitation"][:, :365].sum(axis=1)
    track.biome = biome_codes(track, table)


def biome_codes(track: Track, table: dict) -> np.ndarray:
    """Biome of each node (models.hazards codes) from the climate table: the adapter to
    :func:`longwalk.models.hazards.biome_from_climate`, which holds the Köppen reading.

    From the daily normals of the first 365 days: the annual mean temperature, the warmest day's mean temperature
    (standing in for the warmest month's mean: 0.1-0.4 °C above it at five stations on the route)
    and the year's precipitation and the fraction of it that falls from 1 April to 30 September (days 91-273).
    """
    t = table["air_temperature_mean"][:, :365]
    daily_p = table["precipitation"][:, :365]
    precip = daily_p.sum(axis=1)
    warm_half = daily_p[:, 90:273].sum(axis=1) / np.maximum(precip, 1e-9)  # 1 April - 30 September
    return hazards.biome_from_climate(t.mean(axis=1), t.max(axis=1), precip, warm_half, track.elevation)


def synthetic_plan(track: Track, waypoint_names: tuple[str, ...], climate_table=None, day_length_table=None,
                   route=None) -> JourneyPlan:
    """A plan from a hand-made track (tests, what-if studies on made-up terrain)."""
    if climate_table is not None:
        _climate_indicators(track, climate_table)
    return JourneyPlan(route=route, track=track, waypoint_names=tuple(waypoint_names), leg_dates=(),
                       climate_table=climate_table, day_length_table=day_length_table)


# -- the plan cache: plain arrays and JSON, no pickle ---------------------------------------------------------------


def _plan_classes() -> dict[str, type]:
    """The only classes a cached plan may hold, by name: a file can name nothing else."""
    from longwalk.routing.route import Crossing, Route

    return {"JourneyPlan": JourneyPlan, "Track": Track, "Route": Route, "Crossing": Crossing}


def _encode(value, arrays: dict[str, np.ndarray]):
    """A JSON-ready form of ``value``; arrays and numpy scalars go to ``arrays`` and are referred to by key."""
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, np.ndarray | np.generic):
        key = f"a{len(arrays)}"
        arr = np.asarray(value)
        if arr.dtype.hasobject:  # text held as objects (place names): stored as unicode, restored as objects
            if not all(isinstance(v, str) for v in arr.ravel()):
                raise TypeError("an object array that is not all text cannot be cached")
            arrays[key] = arr.astype(str) if arr.size else np.zeros(arr.shape, "<U1")
            return {"__array__": key, "object": True}
        arrays[key] = arr
        return {"__array__": key, "scalar": isinstance(value, np.generic)}
    if isinstance(value, int | float):
        return value
    if isinstance(value, dt.date):
        return {"__date__": value.isoformat()}
    if isinstance(value, tuple):
        return {"__tuple__": [_encode(v, arrays) for v in value]}
    if isinstance(value, list):
        return [_encode(v, arrays) for v in value]
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            raise TypeError("only dicts with text keys can be cached")
        return {"__dict__": {k: _encode(v, arrays) for k, v in value.items()}}
    name = type(value).__name__
    if dataclasses.is_dataclass(value) and _plan_classes().get(name) is type(value):
        return {"__class__": name, "fields": {k: _encode(v, arrays) for k, v in vars(value).items()}}
    raise TypeError(f"a {name} cannot be cached in a plan")


def _decode(value, arrays: dict[str, np.ndarray]):
    if isinstance(value, list):
        return [_decode(v, arrays) for v in value]
    if not isinstance(value, dict):
        return value
    if "__array__" in value:
        arr = arrays[value["__array__"]]
        if value.get("object"):
            return arr.astype(object)
        return arr[()] if value.get("scalar") else arr
    if "__date__" in value:
        return dt.date.fromisoformat(value["__date__"])
    if "__tuple__" in value:
        return tuple(_decode(v, arrays) for v in value["__tuple__"])
    if "__dict__" in value:
        return {k: _decode(v, arrays) for k, v in value["__dict__"].items()}
    cls = _plan_classes()[value["__class__"]]
    obj = cls.__new__(cls)  # as unpickling does: the fields as they were, no __post_init__ rerun
    obj.__dict__.update({k: _decode(v, arrays) for k, v in value["fields"].items()})
    return obj


def save_plan(stem: Path, plan: JourneyPlan) -> bool:
    """Store ``plan`` as ``stem.npz`` + ``stem.json`` (:func:`longwalk.cache.save_entry`); False if not stored."""
    arrays: dict[str, np.ndarray] = {}
    try:
        meta = {"plan_version": PLAN_VERSION, "plan": _encode(plan, arrays)}
    except TypeError as err:  # something new in a plan that has no plain form: run uncached, say why
        plaincache.notice(f"the route plan is not cached ({err})")
        return False
    return plaincache.save_entry(stem, arrays, meta)


def load_plan(stem: Path) -> JourneyPlan | None:
    """A plan stored by :func:`save_plan`, or None when absent or damaged (then rebuilt by the caller)."""
    entry = plaincache.load_entry(stem, "the cached route plan")
    if entry is None:
        return None
    arrays, meta = entry
    try:
        if meta.get("plan_version") != PLAN_VERSION:
            return None
        plan = _decode(meta["plan"], arrays)
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
    return plan if isinstance(plan, JourneyPlan) else None
