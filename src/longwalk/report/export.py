"""Open formats for one run: ``summary.json``, ``days.csv``, ``route.geojson``, ``track.gpx``.

Every writer is deterministic: the same result gives the same bytes (sorted keys, rounded floats, fixed
order, no timestamps of the machine), so two runs with the same seed can be compared with ``cmp``.
See ``docs/outputs.md`` for what each file holds.
"""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import numpy as np

from longwalk import __version__
from longwalk.engine.records import JourneyResult, Status
from longwalk.report._view import ACTIVE, PlaceNamer, RunView, run_view

COORDINATE_DECIMALS = 5  # [degree] 1e-5 degree is about 1 m: finer than any cell, as RFC 7946 §11.2 advises
_FLAG_NAMES = ((1, "injured"), (2, "ill"), (4, "frostbite"), (8, "altitude_sick"), (16, "lost"))
_WEATHER_NAMES = ((1, "blizzard"), (2, "sandstorm"), (4, "heat_wave"), (8, "cold_snap"))


def _num(value: float, decimals: int) -> float | None:
    """A float rounded for output; None (JSON null) for nan or inf.

    >>> _num(58.300000001, 4), _num(float("nan"), 2)
    (58.3, None)
    """
    value = float(value)
    if not math.isfinite(value):
        return None
    out = round(value, decimals)
    return 0.0 if out == 0 else out  # no "-0.0"


def _status_word(status: int) -> str:
    return Status(int(status)).name.lower()


def summary_dict(result: JourneyResult, run: int = 0, atlas: object | None = None) -> dict:
    """The content of ``summary.json`` for run ``run`` (an index into the batch)."""
    view = run_view(result, run)
    namer = PlaceNamer(view.waypoints, atlas)
    walked = view.person_distance()
    people = []
    for i, name in enumerate(result.people):
        fate = view.fates[i] if i < len(view.fates) else None
        if fate is None:
            status = int(view.status[-1, i])
            lat = float(result.daily.lat[run, view.last_day, i])
            lon = float(result.daily.lon[run, view.last_day, i])
            entry = {"name": name, "fate": _status_word(status), "day": None, "date": None, "place": "",
                     "cause": "", "chain": []}
        elif fate.status == Status.ABSENT:  # never joined: no place of their own on this journey
            lat = lon = float("nan")
            entry = {"name": name, "fate": "absent", "day": None, "date": None, "place": "", "cause": "",
                     "chain": []}
        else:
            lat, lon = fate.lat, fate.lon
            entry = {
                "name": name,
                "fate": _status_word(fate.status),
                "day": int(fate.day) if fate.day >= 0 else None,
                "date": fate.date.isoformat() if fate.date is not None else None,
                "place": namer(lat, lon) or fate.place,
                "cause": fate.cause,
                "chain": list(fate.chain),
            }
        entry["lat"] = _num(lat, COORDINATE_DECIMALS)
        entry["lon"] = _num(lon, COORDINATE_DECIMALS)
        entry["distance_km"] = _num(walked[i] / 1000.0, 1) if i < walked.size else None
        people.append(entry)
    fates = [p["fate"] for p in people]
    return {
        "scenario": result.scenario_name,
        "seed": int(result.seed),
        "run": view.run_id,
        "version": __version__,
        "start_date": result.start_date.isoformat(),
        "end_date": result.date(view.last_day).isoformat(),
        "people": people,
        "totals": {
            "days": view.days,
            "distance_km": _num(float(np.max(walked)) / 1000.0 if walked.size else 0.0, 1),
            "arrived": fates.count("arrived"),
            "dead": fates.count("dead"),
            "left": fates.count("left"),
            "on_the_way": sum(f in {s.name.lower() for s in ACTIVE} for f in fates),
            "planned_distance_km": _num(float(getattr(result.route, "total_distance", float("nan"))) / 1000.0, 1),
        },
    }


def write_summary(result: JourneyResult, run: int = 0, atlas: object | None = None) -> str:
    """``summary.json`` text: sorted keys, two-space indent, UTF-8, a final newline."""
    return json.dumps(summary_dict(result, run, atlas), sort_keys=True, indent=2, ensure_ascii=False,
                      allow_nan=False) + "\n"


DAYS_COLUMNS = (
    "date", "day", "person", "status", "lat", "lon", "elevation_m", "route_position_km", "distance_km",
    "hours_walked_h", "energy_intake_kcal", "energy_expenditure_kcal", "body_mass_kg", "fat_mass_kg",
    "water_intake_kg", "water_loss_kg", "water_deficit", "food_carried_kcal", "water_carried_kg",
    "air_temperature_min_c", "air_temperature_max_c", "wind_speed_m_s", "precipitation_mm", "snow_depth_m",
    "weather", "night_travel", "flags",
)


def _fmt(value: float, decimals: int) -> str:
    """CSV number: fixed decimals, empty for nan.

    >>> _fmt(1.23456, 2), _fmt(float("nan"), 2), _fmt(-0.001, 2)
    ('1.23', '', '0.00')
    """
    if not math.isfinite(value):
        return ""
    text = f"{value:.{decimals}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def _bits(value: int, names) -> str:
    return "|".join(name for bit, name in names if value & bit)


def write_days_csv(result: JourneyResult, run: int = 0) -> str:
    """``days.csv`` text: one row per day per person, from the day they are with the party (or the start)
    to the day their journey ended (death, leaving, arrival) or the run's last day; columns ``DAYS_COLUMNS``."""
    view = run_view(result, run)
    d = result.daily
    r = run
    n_days, n_people = view.status.shape
    status = view.status
    # Rows: a person counts from their first non-absent day to their end (inclusive).
    present = status != Status.ABSENT
    ended = np.isin(status, [int(Status.DEAD), int(Status.LEFT), int(Status.ARRIVED)])
    first_end = np.where(ended.any(axis=0), np.argmax(ended, axis=0), n_days - 1)
    keep = present & (np.arange(n_days)[:, None] <= first_end[None, :])

    def person(a):
        return np.asarray(a[r, :n_days], dtype=float)

    def party(a):
        return np.broadcast_to(np.asarray(a[r, :n_days], dtype=float)[:, None], (n_days, n_people))

    columns = [
        (person(d.lat), COORDINATE_DECIMALS), (person(d.lon), COORDINATE_DECIMALS), (party(d.elevation), 0),
        (person(d.route_position) / 1000.0, 2), (person(d.distance) / 1000.0, 2), (person(d.hours_walked), 2),
        (person(d.energy_intake), 0), (person(d.energy_expenditure), 0), (person(d.body_mass), 2),
        (person(d.fat_mass), 2), (person(d.water_intake), 2), (person(d.water_loss), 2),
        (person(d.water_deficit), 4), (party(d.food_carried), 0), (party(d.water_carried), 2),
        (party(d.air_temperature_min), 1), (party(d.air_temperature_max), 1), (party(d.wind_speed), 1),
        (party(d.precipitation), 1), (party(d.snow_depth), 2),
    ]
    weather = np.asarray(d.weather_flags[r, :n_days], dtype=np.int64)
    night = np.asarray(d.night_travel[r, :n_days], dtype=bool)
    flags = np.asarray(d.flags[r, :n_days], dtype=np.int64)

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(DAYS_COLUMNS)
    for day, p in zip(*np.nonzero(keep), strict=True):
        writer.writerow(
            [result.date(day).isoformat(), int(day), result.people[p], _status_word(status[day, p])]
            + [_fmt(float(values[day, p]), decimals) for values, decimals in columns]
            + [_bits(int(weather[day]), _WEATHER_NAMES), int(night[day]), _bits(int(flags[day, p]), _FLAG_NAMES)]
        )
    return out.getvalue()


def _planned_line(result: JourneyResult) -> list[list[float]]:
    route = result.route
    try:
        lat = np.asarray(route.lat, dtype=float)
        lon = np.asarray(route.lon, dtype=float)
    except (AttributeError, TypeError, ValueError):
        return []
    ok = np.isfinite(lat) & np.isfinite(lon)
    return [[_num(x, COORDINATE_DECIMALS), _num(y, COORDINATE_DECIMALS)] for x, y in zip(lon[ok], lat[ok],
                                                                                           strict=True)]


def _point(lat: float, lon: float, properties: dict) -> dict | None:
    if not (math.isfinite(lat) and math.isfinite(lon)):
        return None
    return {
        "type": "Feature",
        "geometry": {"type": "Point",
                     "coordinates": [_num(lon, COORDINATE_DECIMALS), _num(lat, COORDINATE_DECIMALS)]},
        "properties": properties,
    }


def _camps(view: RunView) -> list[tuple[int, float, float]]:
    """(day, lat, lon) of each night's camp, one per day, skipping days without a position."""
    ok = np.isfinite(view.camp_lat) & np.isfinite(view.camp_lon)
    return [(int(day), float(view.camp_lat[day]), float(view.camp_lon[day])) for day in np.flatnonzero(ok)]


def route_geojson(result: JourneyResult, run: int = 0, atlas: object | None = None) -> dict:
    """``route.geojson`` as a dict: an RFC 7946 FeatureCollection.

    Features: the planned route (LineString), the walked track of the party's camps (LineString), and Points
    for waypoints, camps, deaths, leavings and arrivals.  A line across the antimeridian is a MultiLineString cut
    at ±180 (RFC 7946 §3.1.9; :func:`longwalk.routing.geometry.line_geometry`).  Coordinates are
    ``[longitude, latitude]`` in WGS84 (RFC 7946 §3.1.1), rounded to 1e-5 degree.
    """
    from longwalk.routing.geometry import line_geometry

    view = run_view(result, run)
    namer = PlaceNamer(view.waypoints, atlas)
    features = []
    planned = _planned_line(result)
    if len(planned) >= 2:
        total = getattr(result.route, "total_distance", float("nan"))
        features.append({
            "type": "Feature",
            "geometry": line_geometry(planned),
            "properties": {"kind": "planned_route", "distance_km": _num(float(total) / 1000.0, 1)},
        })
    camps = _camps(view)
    track = _track_points(view)
    if len(track) >= 2:
        features.append({
            "type": "Feature",
            "geometry": line_geometry(
                [[_num(lon, COORDINATE_DECIMALS), _num(lat, COORDINATE_DECIMALS)] for lat, lon, _ in track]),
            "properties": {"kind": "track", "run": view.run_id},
        })
    for i, w in enumerate(view.waypoints):
        feature = _point(w.lat, w.lon, {"kind": "waypoint", "name": w.name, "index": i})
        if feature:
            features.append(feature)
    for day, lat, lon in camps:
        features.append(_point(lat, lon, {"kind": "camp", "day": day, "date": result.date(day).isoformat(),
                                          "place": namer(lat, lon)}))
    kinds = {Status.DEAD: "death", Status.LEFT: "left", Status.ARRIVED: "arrival"}
    for fate in view.fates:
        kind = kinds.get(Status(int(fate.status)))
        if kind is None:
            continue
        feature = _point(fate.lat, fate.lon, {
            "kind": kind, "person": fate.name, "day": int(fate.day),
            "date": fate.date.isoformat() if fate.date is not None else None,
            "place": namer(fate.lat, fate.lon) or fate.place, "cause": fate.cause, "chain": list(fate.chain),
        })
        if feature:
            features.append(feature)
    return {"type": "FeatureCollection", "features": features}


def write_geojson(result: JourneyResult, run: int = 0, atlas: object | None = None) -> str:
    """``route.geojson`` text (deterministic)."""
    return json.dumps(route_geojson(result, run, atlas), sort_keys=True, ensure_ascii=False, allow_nan=False,
                      separators=(",", ":")) + "\n"


GPX_NAMESPACE = "http://www.topografix.com/GPX/1/1"


def _track_points(view: RunView) -> list[tuple[float, float, float]]:
    """(lat, lon, ele) of the walked track: the planned route's vertices between one camp and the next while
    the party follows the route, then the camp itself."""
    route = view.result.route
    try:
        rlat = np.asarray(route.lat, dtype=float)
        rlon = np.asarray(route.lon, dtype=float)
        rcum = np.asarray(route.cum_distance, dtype=float)
        rele = np.asarray(getattr(route, "elevation", np.full(rlat.shape, np.nan)), dtype=float)
    except (AttributeError, TypeError, ValueError):
        rcum = None
    elevation = np.asarray(view.result.daily.elevation[view.run, : view.days], dtype=float)
    points = []
    previous = 0.0
    if rcum is not None and rcum.size:
        points.append((float(rlat[0]), float(rlon[0]), float(rele[0])))  # the departure point
    for day, lat, lon in _camps(view):
        position = float(view.camp_position[day])
        if rcum is not None and math.isfinite(position) and position > previous:
            lo, hi = np.searchsorted(rcum, [previous, position], side="right")
            points.extend(zip(rlat[lo:hi], rlon[lo:hi], rele[lo:hi], strict=True))
            previous = position
        points.append((lat, lon, elevation[day]))
    return [p for p in points if math.isfinite(p[0]) and math.isfinite(p[1])]


def write_gpx(result: JourneyResult, run: int = 0, atlas: object | None = None) -> str:
    """``track.gpx``: GPX 1.1 with one waypoint per night's camp and per route waypoint, and the walked track.

    No ``<time>`` elements: the engine knows the day of each camp, not the hour, and GPX times are instants.
    The date is in each camp's ``<name>`` and ``<desc>``.
    """
    view = run_view(result, run)
    namer = PlaceNamer(view.waypoints, atlas)

    def coord(x: float) -> str:
        return f"{x:.{COORDINATE_DECIMALS}f}"

    def ele(x: float) -> str:
        return f"<ele>{x:.0f}</ele>" if math.isfinite(x) else ""

    elevation = np.asarray(result.daily.elevation[run, : view.days], dtype=float)
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<gpx version="1.1" creator={quoteattr(f"longwalk {__version__}")} xmlns="{GPX_NAMESPACE}">',
           "<metadata>",
           f"<name>{escape(result.scenario_name)}, seed {int(result.seed)}, run {view.run_id}</name>",
           "<desc>A simulated journey (model outcome, not a recorded track).</desc>",
           "</metadata>"]
    for i, w in enumerate(view.waypoints):
        out.append(f'<wpt lat="{coord(w.lat)}" lon="{coord(w.lon)}"><name>{escape(w.name)}</name>'
                   f"<desc>route waypoint {i + 1}</desc><type>waypoint</type></wpt>")
    for day, lat, lon in _camps(view):
        date = result.date(day).isoformat()
        out.append(f'<wpt lat="{coord(lat)}" lon="{coord(lon)}">{ele(float(elevation[day]))}'
                   f"<name>Camp {date}</name><desc>{escape(f'day {day}, {namer(lat, lon)}')}</desc>"
                   f"<type>camp</type></wpt>")
    out.append(f"<trk><name>{escape(result.scenario_name)} walked track</name><trkseg>")
    for lat, lon, z in _track_points(view):
        if math.isfinite(lat) and math.isfinite(lon):
            out.append(f'<trkpt lat="{coord(lat)}" lon="{coord(lon)}">{ele(float(z))}</trkpt>')
    out.append("</trkseg></trk>")
    out.append("</gpx>")
    return "\n".join(out) + "\n"


OUTPUT_FILES = ("journal.md", "summary.json", "days.csv", "route.geojson", "track.gpx")


def write_outputs(result: JourneyResult, directory: str | Path, run: int = 0, scenario: object | None = None,
                  atlas: object | None = None) -> list[Path]:
    """Write every output file of run ``run`` into ``directory`` (which must exist); return their paths."""
    from longwalk.report.journal import write_journal

    directory = Path(directory)
    texts = {
        "journal.md": write_journal(result, run, scenario=scenario, atlas=atlas),
        "summary.json": write_summary(result, run, atlas),
        "days.csv": write_days_csv(result, run),
        "route.geojson": write_geojson(result, run, atlas),
        "track.gpx": write_gpx(result, run, atlas),
    }
    paths = []
    for name in OUTPUT_FILES:
        path = directory / name
        path.write_text(texts[name], encoding="utf-8", newline="\n")
        paths.append(path)
    return paths
