"""Plan a walking route through waypoints: environment by date, snapping, reachability, A*, corridor refinement."""

from __future__ import annotations

import datetime as _dt
import warnings

import numpy as np
from scipy import ndimage

from longwalk.atlas.grid import wrap_lon
from longwalk.errors import InputError, RoutingError
from longwalk.routing import costs
from longwalk.routing.geometry import geodesic_distance
from longwalk.routing.kernels import path_steps
from longwalk.routing.route import Crossing, Route
from longwalk.routing.search import least_cost_path
from longwalk.routing.seasons import BREAKUP_FLOOD_DAYS, WALKABLE_ICE, ice_calendar  # noqa: F401 (re-exported)
from longwalk.routing.surfaces import LAKE, OCEAN, CostSurface, build_cost_surface

#: Default distance within which a waypoint in the sea or on a lake is moved to the nearest land cell [m].
SNAP_DISTANCE = 20_000.0

#: Above this number of grid cells inside the waypoints' box a fine grid is routed by corridor refinement.
CORRIDOR_MIN_CELLS = 20_000_000


def _as_date(value, what="date"):
    if value is None or isinstance(value, _dt.date):
        return value
    try:
        return _dt.date.fromisoformat(str(value))
    except ValueError:
        raise InputError(f"{what}={value!r} is not a date; write YYYY-MM-DD, e.g. 1941-04-15") from None


def seasonal_state(lat, lon, elevation, surface, river_class, date, climatology=None):
    """Lake ice and river state on a date from :func:`longwalk.atlas.ice.ice_cover`, if that module exists, on
    ``climatology`` (default the built-in one).

    A lake or river is walkable where the ice is at least :data:`WALKABLE_ICE` thick; a river is in spring flood
    for :data:`BREAKUP_FLOOD_DAYS` after its ice broke up (had walkable ice that many days earlier, none now).
    The grid's whole ice year is computed once and cached (:func:`longwalk.routing.seasons.ice_calendar`), so
    each further date is an array lookup.

    Returns
    -------
    lake_frozen : (ny, nx) bool or None
    river_state : (ny, nx) uint8 (0 open, 1 frozen, 2 spring flood) or None
    note : str or None
        Why the state could not be computed (module missing).
    """
    if date is None:
        return None, None, None
    try:
        import longwalk.atlas.ice  # noqa: F401
    except ImportError:
        return None, None, "longwalk.atlas.ice is not available: lakes are treated as open and rivers as unfrozen"
    lake_frozen, river_state = ice_calendar(lat, lon, elevation, surface, river_class,
                                            climatology=climatology).state(date)
    return lake_frozen, river_state, None


def _components(passable: np.ndarray, wrap: bool) -> np.ndarray:
    """4-connected components of passable cells (the moves' water rules make reachability exactly this)."""
    labels, n = ndimage.label(passable)
    if wrap and n > 1:
        a, b = labels[:, 0], labels[:, -1]
        both = (a > 0) & (b > 0)
        parent = np.arange(n + 1)

        def find(x):
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for p, q in set(zip(a[both].tolist(), b[both].tolist(), strict=True)):
            parent[find(p)] = find(q)
        roots = np.array([find(i) for i in range(n + 1)])
        labels = roots[labels]
    return labels


def _describe_barrier(cs: CostSurface, a, b, date) -> str:
    """Name the barrier that separates cells a and b (row, col)."""
    def same(passable):
        lab = _components(passable, cs.wrap)
        return lab[a] != 0 and lab[a] == lab[b]

    not_ocean = cs.surface != OCEAN
    if not same(not_ocean):
        return "the ocean (they are on different land masses at this grid resolution)"
    flooded = (cs.river_class > 0) & ~np.isfinite(cs.barrier_time) & (cs.surface != LAKE)
    when = f" on {date}" if date else " (no date given: lakes count as unfrozen)"
    if same(not_ocean & ~flooded):
        return f"an unfrozen lake{when}"
    classes = sorted(set(cs.river_class[flooded].tolist()))
    return f"a river in spring flood{when} (river class {', '.join(map(str, classes))}; class 1 is the largest)"


def _snap(cs: CostSurface, lat, lon, n, snap_distance):
    """Cell of a waypoint, moved to the nearest passable cell within ``snap_distance`` [m] if needed."""
    ny, nx = cs.shape
    res_lat = cs.lat[1] - cs.lat[0]
    res_lon = cs.lon[1] - cs.lon[0]
    if not (cs.lat[0] - res_lat / 2 <= lat <= cs.lat[-1] + res_lat / 2
            and (cs.wrap or cs.lon[0] - res_lon / 2 <= lon <= cs.lon[-1] + res_lon / 2)):
        raise InputError(
            f"waypoint {n} ({lat:.4f}, {lon:.4f}) is outside the routing grid "
            f"(lat {cs.lat[0] - res_lat / 2:.3f}..{cs.lat[-1] + res_lat / 2:.3f}, "
            f"lon {cs.lon[0] - res_lon / 2:.3f}..{cs.lon[-1] + res_lon / 2:.3f}); plan on an atlas whose region "
            "holds every waypoint (load_atlas(region) with a larger region)"
        )
    r = int(np.clip(np.floor((lat - cs.lat[0]) / res_lat + 0.5), 0, ny - 1))
    c = int(np.floor((lon - cs.lon[0]) / res_lon + 0.5))
    c = c % nx if cs.wrap else int(np.clip(c, 0, nx - 1))
    if np.isfinite(cs.barrier[r, c]):
        return (r, c), None
    what = "in the ocean" if cs.surface[r, c] == OCEAN else (
        "on a lake that is not frozen" if cs.surface[r, c] == LAKE else "in a river in spring flood")
    # search a window of up to 10x the snap distance so that a refusal can say how far land is
    reach = max(snap_distance, 1000.0) * 10
    dr = int(np.ceil(reach / 110_000.0 / res_lat)) + 1
    cos_min = max(np.cos(np.radians(min(abs(lat) + dr * res_lat, 89.0))), 0.01)
    dc = min(int(np.ceil(reach / (111_000.0 * cos_min) / res_lon)) + 1, nx // 2 if cs.wrap else nx)
    rows = np.arange(max(r - dr, 0), min(r + dr + 1, ny))
    cols = np.arange(c - dc, c + dc + 1)
    cols = cols % nx if cs.wrap else cols[(cols >= 0) & (cols < nx)]
    win = cs.barrier[np.ix_(rows, cols)]
    ok = np.isfinite(win)
    if not ok.any():
        raise RoutingError(
            f"waypoint {n} ({lat:.4f}, {lon:.4f}) is {what} and there is no passable land within "
            f"{reach / 1000:.0f} km; move the waypoint onto land"
        )
    ri, ci = np.nonzero(ok)
    d = geodesic_distance(lat, lon, cs.lat[rows[ri]], cs.lon[cols[ci]])
    j = int(np.argmin(d))
    if d[j] > snap_distance:
        raise RoutingError(
            f"waypoint {n} ({lat:.4f}, {lon:.4f}) is {what}; the nearest land cell is {d[j] / 1000:.1f} km away "
            f"at ({cs.lat[rows[ri[j]]]:.4f}, {cs.lon[cols[ci[j]]]:.4f}), more than the snap distance "
            f"{snap_distance / 1000:.1f} km; move the waypoint onto land, or (with `longwalk route`) give a larger "
            "--snap-km"
        )
    cell = (int(rows[ri[j]]), int(cols[ci[j]]))
    return cell, {"waypoint": n, "from": [lat, float(wrap_lon(lon))],
                  "to": [float(cs.lat[cell[0]]), float(wrap_lon(cs.lon[cell[1]]))],
                  "distance_m": float(d[j]), "reason": what}


def _leg_dates(date, n_legs):
    if isinstance(date, list | tuple):
        if len(date) != n_legs:
            raise InputError(f"date has {len(date)} entries but there are {n_legs} legs; give one date per leg")
        return [_as_date(d, f"date[{i}]") for i, d in enumerate(date)]
    return [_as_date(date)] * n_legs


def route_on_grid(
    elevation,
    surface,
    river_class,
    lat,
    lon,
    waypoints,
    date=None,
    cost: str = "tobler",
    neighbours: int = 16,
    *,
    snow_depth=None,
    lake_frozen=None,
    river_state=None,
    sand=None,
    wet=None,
    terrain_factor=None,
    percentile: float = 0.5,
    rwalk: dict | None = None,
    altitude: bool | None = None,
    snap_distance: float = SNAP_DISTANCE,
    method: str = "astar",
    allowed=None,
    climatology=None,
) -> Route:
    """Least-cost route through ``waypoints`` on plain arrays (the core of :func:`plan_route`).

    ``date`` is None, one date, or a list with one date per leg; the lake ice and river state of each leg come
    from that date (:func:`seasonal_state`) unless ``lake_frozen`` / ``river_state`` are given.  ``snow_depth``,
    ``lake_frozen``, ``river_state`` may also be callables ``f(date) -> array``.  Other parameters: see
    :func:`~longwalk.routing.surfaces.build_cost_surface`.  ``allowed`` (bool per cell) restricts the search to a
    corridor.  ``climatology`` (a user's climate, ``--climate``) sets the lake ice and river seasons instead of the
    built-in climate.
    """
    waypoints = [tuple(map(float, w)) for w in waypoints]
    if len(waypoints) < 2:
        raise InputError(f"a route needs at least 2 waypoints, got {len(waypoints)}")
    elevation = np.asarray(elevation)
    lat = np.asarray(lat, dtype=float)
    lon = np.asarray(lon, dtype=float)
    # a grid running east past 180° holds the points west of its first column at their longitude + 360; the route
    # is returned with longitudes in [-180, 180) (GeoJSON cuts it there)
    half = 0.5 * abs(float(lon[1] - lon[0])) if lon.size > 1 else 0.0
    waypoints = [(la, lo + 360.0 if lo < lon[0] - half and lo + 360.0 <= lon[-1] + half else lo)
                 for la, lo in waypoints]
    geo_lon = wrap_lon(lon)
    surface = np.asarray(surface)
    river_class = np.asarray(river_class)
    dates = _leg_dates(date, len(waypoints) - 1)
    surfaces: dict = {}
    notes: list[str] = []

    def surface_for(d):
        if d not in surfaces:
            lf, rs, note = seasonal_state(lat, geo_lon, elevation, surface, river_class, d, climatology)
            if note and note not in notes:
                notes.append(note)
            user = {k: (v(d) if callable(v) else v) for k, v in
                    (("snow_depth", snow_depth), ("lake_frozen", lake_frozen), ("river_state", river_state))}
            surfaces[d] = build_cost_surface(
                elevation, surface, river_class, lat, lon, cost=cost, neighbours=neighbours,
                snow_depth=user["snow_depth"],
                lake_frozen=user["lake_frozen"] if user["lake_frozen"] is not None else lf,
                river_state=user["river_state"] if user["river_state"] is not None else rs,
                sand=sand, wet=wet, terrain_factor=terrain_factor, percentile=percentile, rwalk=rwalk,
                altitude=altitude)
            if allowed is not None:
                cs = surfaces[d]
                cs.barrier[~allowed] = np.inf
                if cs.barrier_time is not cs.barrier:
                    cs.barrier_time[~allowed] = np.inf
        return surfaces[d]

    pieces = []
    wp_index = [0]
    snapped = []
    crossings: list[Crossing] = []
    offset = 0
    for leg, d in enumerate(dates):
        cs = surface_for(d)
        a, snap_a = _snap(cs, *waypoints[leg], leg, snap_distance)
        b, snap_b = _snap(cs, *waypoints[leg + 1], leg + 1, snap_distance)
        for s in (snap_a, snap_b):
            if s and s not in snapped:
                snapped.append(s)
        lab = _components(np.isfinite(cs.barrier), cs.wrap)
        if lab[a] != lab[b]:
            raise RoutingError(
                f"no route from waypoint {leg} {waypoints[leg]} to waypoint {leg + 1} {waypoints[leg + 1]}: they "
                f"are separated by {_describe_barrier(cs, a, b, d)}"
            )
        path, total, _ = least_cost_path(cs, a, b, method=method)
        if path.size == 0:  # pragma: no cover - reachability was checked above
            raise RoutingError(f"no route found between waypoints {leg} and {leg + 1}")
        piece = _assemble(cs, path)
        if leg > 0:
            piece = {k: v[1:] for k, v in piece.items()}  # the shared waypoint is already there
        for c in _crossings(cs, path, piece_offset=offset - (1 if leg > 0 else 0), skip_first=leg > 0):
            crossings.append(c)
        pieces.append(piece)
        offset += piece["lat"].size
        wp_index.append(offset - 1)
    cat = {k: np.concatenate([p[k] for p in pieces]) for k in pieces[0]}
    for note in notes:
        warnings.warn(note, stacklevel=2)
    return Route(
        lat=cat["lat"], lon=wrap_lon(cat["lon"]), elevation=cat["elevation"], surface=cat["surface"],
        river_class=cat["river_class"], distance=cat["distance"], slope=cat["slope"], time=cat["time"],
        cost=cat["cost"], cells=cat["cells"], waypoint_index=np.array(wp_index), crossings=crossings,
        cost_model=cost, cost_unit=costs.COST_UNITS[cost], neighbours=neighbours, leg_dates=dates,
        snapped=snapped,
    )


def _assemble(cs: CostSurface, path: np.ndarray) -> dict:
    ny, nx = cs.shape
    rows, cols = path // nx, path % nx
    ks, step_cost, _ = path_steps(cs.elevation, cs.factor, cs.barrier, cs.dlen, cs.moves, cs.model, cs.params,
                                  cs.wrap, path)
    if cs.model in (0, 1, 2):
        step_time = step_cost
    else:  # energy routes: walking time from Tobler's speed on the same moves, crossings in seconds
        _, step_time, _ = path_steps(cs.elevation, cs.factor, cs.barrier_time, cs.dlen, cs.moves, 0, np.zeros(1),
                                     cs.wrap, path)
    dist = np.zeros(path.size)
    dist[1:] = cs.dlen[rows[:-1], ks[1:]]
    z = cs.elevation[rows, cols].astype(float)
    slope = np.zeros(path.size)
    slope[1:] = np.diff(z) / dist[1:]
    return {"lat": cs.lat[rows], "lon": cs.lon[cols], "elevation": z, "surface": cs.surface[rows, cols],
            "river_class": cs.river_class[rows, cols], "distance": dist, "slope": slope, "time": step_time,
            "cost": step_cost, "cells": np.stack([rows, cols], axis=1)}


def _crossings(cs: CostSurface, path: np.ndarray, piece_offset: int, skip_first: bool) -> list[Crossing]:
    ny, nx = cs.shape
    rows, cols = path // nx, path % nx
    ks, _, _ = path_steps(cs.elevation, cs.factor, cs.barrier, cs.dlen, cs.moves, cs.model, cs.params, cs.wrap,
                          path)
    _, _, pen_time = path_steps(cs.elevation, cs.factor, cs.barrier_time, cs.dlen, cs.moves, 0, np.zeros(1),
                                cs.wrap, path)
    out = []
    for i in np.nonzero(pen_time > 0)[0]:
        k = ks[i]
        ru, cu = rows[i - 1], cols[i - 1]
        cand = [(rows[i], cols[i])] + [(ru + cs.moves[k, j], (cu + cs.moves[k, j + 1]) % nx) for j in (2, 4)
                                       if cs.moves[k, 6] != 0]
        rc = [(int(cs.river_class[c]), c) for c in cand if cs.river_class[c] > 0]
        cls, cell = min(rc) if rc else (0, (rows[i], cols[i]))
        out.append(Crossing("river", float(cs.lat[cell[0]]), float(wrap_lon(cs.lon[cell[1]])), int(i) + piece_offset,
                            cls, bool(cs.river_state[cell] == 1), float(pen_time[i])))
    on_lake = cs.surface[rows, cols] == LAKE
    starts = np.nonzero(on_lake & ~np.concatenate([[False], on_lake[:-1]]))[0]
    for s in starts:
        out.append(Crossing("lake", float(cs.lat[rows[s]]), float(wrap_lon(cs.lon[cols[s]])), int(s) + piece_offset, 0,
                            bool(cs.lake_frozen[rows[s], cols[s]]), 0.0))
    out.sort(key=lambda c: c.step)
    if skip_first:
        out = [c for c in out if c.step > piece_offset]
    return out


def plan_route(atlas, waypoints, date=None, cost: str = "tobler", neighbours: int = 16, **kwargs) -> Route:
    """Least-cost walking route through ``waypoints`` [(lat, lon), ...] on an :class:`longwalk.atlas.Atlas`.

    Parameters
    ----------
    atlas : longwalk.atlas.Atlas
        Grid with elevation [m], surface (0 ocean 1 land 2 lake) and river_class.
    waypoints : list of (lat, lon) [degree]
    date : datetime.date, str, list of those (one per leg) or None
        Sets lake ice and river season per leg (``longwalk.atlas.ice``).
    cost : ``tobler`` | ``campbell`` | ``rwalk`` | ``energy``
    neighbours : 8 or 16
    **kwargs
        Passed to :func:`route_on_grid` (``snow_depth``, ``lake_frozen``, ``river_state``, ``sand``, ``wet``,
        ``terrain_factor``, ``percentile``, ``rwalk``, ``snap_distance``, ``method``, ``climatology``) and
        ``corridor`` (coarsening factor for corridor refinement; automatic for very large fine grids) and
        ``corridor_buffer`` [m].

    Raises
    ------
    RoutingError
        A waypoint in the sea or on a lake farther than ``snap_distance`` from land; waypoints separated by the
        ocean, an open lake or a flooded river (the message names which).
    InputError
        Bad arguments, a grid that does not match the arrays, a waypoint beyond
        :data:`longwalk.atlas.grid.POLAR_LIMITS`.
    """
    from longwalk.atlas.build import check_polar

    check_polar([float(w[0]) for w in waypoints])
    grid = atlas.grid
    elevation, surface, river_class = atlas.elevation, atlas.surface, atlas.river_class
    lat, lon = np.asarray(grid.lat), np.asarray(grid.lon)
    corridor = kwargs.pop("corridor", None)
    buffer = kwargs.pop("corridor_buffer", 50_000.0)
    if corridor is None and elevation.size > CORRIDOR_MIN_CELLS:
        corridor = max(int(round((1 / 12) / float(lat[1] - lat[0]))), 2)
    if corridor:
        from longwalk.routing.corridor import corridor_route

        return corridor_route(elevation, surface, river_class, lat, lon, waypoints, date, cost, neighbours,
                              factor=int(corridor), buffer=buffer, **kwargs)
    return route_on_grid(elevation, surface, river_class, lat, lon, waypoints, date, cost, neighbours, **kwargs)
