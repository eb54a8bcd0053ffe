"""Open formats for one run (``summary.json``, ``days.csv``, ``days.parquet``, ``route.geojson``, ``track.gpx``)
and for an ensemble (``ensemble.nc``).

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
from longwalk.engine.registry import FINAL_KINDS, Condition, WeatherFlag, flag_names
from longwalk.report._view import ACTIVE, PlaceNamer, RunView, route_waypoints, run_view
from longwalk.report.journal import fact_words

COORDINATE_DECIMALS = 5  # [degree] 1e-5 degree is about 1 m: finer than any cell, as RFC 7946 §11.2 advises


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
                "chain": [fact_words(f) for f in fate.chain],
            }
        entry["lat"] = _num(lat, COORDINATE_DECIMALS)
        entry["lon"] = _num(lon, COORDINATE_DECIMALS)
        entry["total_distance_km"] = _num(walked[i] / 1000.0, 1) if i < walked.size else None
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
            "route_position_km": _num(view.route_reached() / 1000.0, 1),
            "arrived": fates.count("arrived"),
            "dead": fates.count("dead"),
            "left": fates.count("left"),
            "on_the_way": sum(f in {s.name.lower() for s in ACTIVE} for f in fates),
            "route_length_km": _num(float(getattr(result.route, "total_distance", float("nan"))) / 1000.0, 1),
        },
    }


def write_summary(result: JourneyResult, run: int = 0, atlas: object | None = None) -> str:
    """``summary.json`` text: sorted keys, two-space indent, UTF-8, a final newline."""
    return json.dumps(summary_dict(result, run, atlas), sort_keys=True, indent=2, ensure_ascii=False,
                      allow_nan=False) + "\n"


DAYS_COLUMNS = (
    "date", "day", "person", "status", "lat", "lon", "elevation_m", "route_position_km", "day_distance_km",
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


def _bits(value: int, flags) -> str:
    """The names of the bits set in ``value`` (a :class:`~longwalk.engine.registry.Condition` or
    :class:`~longwalk.engine.registry.WeatherFlag` field), joined with "|" as ``days.csv`` writes them.

    >>> _bits(33, Condition)
    'injured|left_behind'
    """
    return "|".join(flag_names(value, flags))


DAYS_UNITS = {
    "lat": "degree_north", "lon": "degree_east", "elevation_m": "m", "route_position_km": "km", "day_distance_km": "km",
    "hours_walked_h": "h", "energy_intake_kcal": "kcal", "energy_expenditure_kcal": "kcal", "body_mass_kg": "kg",
    "fat_mass_kg": "kg", "water_intake_kg": "kg", "water_loss_kg": "kg", "water_deficit": "1",
    "food_carried_kcal": "kcal", "water_carried_kg": "kg", "air_temperature_min_c": "degC",
    "air_temperature_max_c": "degC", "wind_speed_m_s": "m s-1", "precipitation_mm": "mm", "snow_depth_m": "m",
}
"""Unit of each numeric column of the daily table (UDUNITS spelling), written into ``days.parquet``'s schema."""

# The daily-table fields this module and figures.py read back by name: a rename in DAYS_COLUMNS is a change here.
DAY_DISTANCE = "day_distance_km"  # [km] walked that day
ROUTE_POSITION = "route_position_km"  # [km] along the planned route
ELEVATION = "elevation_m"  # [m] at the party's camp


def days_table(result: JourneyResult, run: int = 0) -> dict[str, np.ndarray]:
    """The daily table of run ``run``, one entry per column of ``DAYS_COLUMNS`` in that order, unrounded.

    One row per day per person, from the day they are with the party (or the start) to the day their journey
    ended (death, leaving, arrival) or the run's last day.  Numbers are float64 in the units of ``DAYS_UNITS``
    (nan where unknown); ``date`` holds ``datetime.date``, ``day`` int64, ``night_travel`` bool, the rest str.
    ``days.csv`` and ``days.parquet`` are both written from it, so they cannot disagree.
    """
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
    days, people = np.nonzero(keep)

    def person(a):
        return np.asarray(a[r, :n_days], dtype=float)[days, people]

    def party(a):
        return np.asarray(a[r, :n_days], dtype=float)[days]

    numbers = [
        person(d.lat), person(d.lon), party(d.elevation), person(d.route_position) / 1000.0,
        person(d.distance) / 1000.0, person(d.hours_walked), person(d.energy_intake),
        person(d.energy_expenditure), person(d.body_mass), person(d.fat_mass), person(d.water_intake),
        person(d.water_loss), person(d.water_deficit), party(d.food_carried), party(d.water_carried),
        party(d.air_temperature_min), party(d.air_temperature_max), party(d.wind_speed), party(d.precipitation),
        party(d.snow_depth),
    ]
    weather = np.asarray(d.weather_flags[r, :n_days], dtype=np.int64)[days]
    night = np.asarray(d.night_travel[r, :n_days], dtype=bool)[days]
    flags = np.asarray(d.flags[r, :n_days], dtype=np.int64)[days, people]
    values = [
        np.array([result.date(day) for day in days], dtype=object), days.astype(np.int64),
        np.array([result.people[p] for p in people], dtype=object),
        np.array([_status_word(status[day, p]) for day, p in zip(days, people, strict=True)], dtype=object),
        *numbers,
        np.array([_bits(int(w), WeatherFlag) for w in weather], dtype=object), night,
        np.array([_bits(int(f), Condition) for f in flags], dtype=object),
    ]
    return dict(zip(DAYS_COLUMNS, values, strict=True))


_CSV_DECIMALS = (COORDINATE_DECIMALS, COORDINATE_DECIMALS, 0, 2, 2, 2, 0, 0, 2, 2, 2, 2, 4, 0, 2, 1, 1, 1, 1, 2)
"""Decimals of the numeric columns of ``days.csv``, in ``DAYS_COLUMNS`` order (from ``lat`` on)."""


def write_days_csv(result: JourneyResult, run: int = 0) -> str:
    """``days.csv`` text: the rows of :func:`days_table`, numbers rounded (``_CSV_DECIMALS``), empty for nan."""
    table = days_table(result, run)
    numeric = DAYS_COLUMNS[4:4 + len(_CSV_DECIMALS)]
    decimals = dict(zip(numeric, _CSV_DECIMALS, strict=True))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(DAYS_COLUMNS)
    columns = []
    for name in DAYS_COLUMNS:
        values = table[name]
        if name == "date":
            columns.append([v.isoformat() for v in values])
        elif name in decimals:
            columns.append([_fmt(float(v), decimals[name]) for v in values])
        elif values.dtype == bool:
            columns.append([int(v) for v in values])
        else:
            columns.append([v.item() if isinstance(v, np.generic) else v for v in values])
    writer.writerows(zip(*columns, strict=True))
    return out.getvalue()


def write_days_parquet(result: JourneyResult, path: str | Path, run: int = 0) -> None:
    """``days.parquet``: the rows of :func:`days_table` at full precision, missing numbers as nulls.

    Each numeric field carries its unit in the field metadata (``unit``, from ``DAYS_UNITS``).  No statistics
    with clock times and no pandas index, so the same run gives the same bytes for the same pyarrow version.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = days_table(result, run)
    fields, arrays = [], []
    for name in DAYS_COLUMNS:
        values = table[name]
        if name == "date":
            array = pa.array(list(values), type=pa.date32())
        elif name == "day":
            array = pa.array(values, type=pa.int32())
        elif values.dtype == bool:
            array = pa.array(values, type=pa.bool_())
        elif values.dtype == object:
            array = pa.array(list(values), type=pa.string())
        else:
            array = pa.array(values, type=pa.float64(), mask=~np.isfinite(values))
        metadata = {"unit": DAYS_UNITS[name]} if name in DAYS_UNITS else None
        fields.append(pa.field(name, array.type, metadata=metadata))
        arrays.append(array)
    schema = pa.schema(fields, metadata={"scenario": result.scenario_name, "seed": str(int(result.seed)),
                                         "run": str(int(result.run_ids[run])), "longwalk": __version__})
    pq.write_table(pa.Table.from_arrays(arrays, schema=schema), str(path), compression="zstd")


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


_FATE_KINDS = {Status.DEAD: "death", Status.LEFT: "left", Status.ARRIVED: "arrival"}


def run_events(view: RunView, namer: PlaceNamer) -> list[tuple[float, float, dict]]:
    """(lat, lon, properties) of everything that happened on the way, in date order: each person's end (death,
    leaving, arrival: ``kind`` of that name), each other incident (``kind`` ``event``, ``event`` the engine's
    incident word: ``join``, ``water_found``, ``frostbite``, ...) and each day of bad weather (``kind`` ``event``,
    ``event`` ``blizzard``, ``sandstorm``, ``heat_wave``, ``cold_snap``; at that night's camp).

    One list for ``route.geojson`` and ``track.gpx``.  An incident without its own position is placed where its
    person (or, for the party, the camp) was that night.
    """
    result = view.result
    names = result.people
    lat_all = np.asarray(result.daily.lat[view.run, : view.days], dtype=float)
    lon_all = np.asarray(result.daily.lon[view.run, : view.days], dtype=float)
    events = []  # (day, order, lat, lon, properties)

    def common(day: int, person: int) -> dict:
        return {"day": int(day), "date": result.date(day).isoformat() if day >= 0 else None,
                "person": names[person] if 0 <= person < len(names) else ""}

    for fate in view.fates:
        kind = _FATE_KINDS.get(Status(int(fate.status)))
        if kind is None:
            continue
        properties = {"kind": kind, **common(fate.day, fate.person), "person": fate.name,
                      "place": namer(fate.lat, fate.lon) or fate.place, "cause": fate.cause,
                      "chain": [fact_words(f) for f in fate.chain]}
        events.append((int(fate.day), 0, fate.lat, fate.lon, properties))
    for incident in view.incidents:
        if incident.kind in FINAL_KINDS:  # told once, by the fates
            continue
        day, who = int(incident.day), int(incident.person)
        lat, lon = float(incident.lat), float(incident.lon)
        if not (math.isfinite(lat) and math.isfinite(lon)) and 0 <= day < view.days:
            lat, lon = ((lat_all[day, who], lon_all[day, who]) if 0 <= who < lat_all.shape[1]
                        else (view.camp_lat[day], view.camp_lon[day]))
        properties = {"kind": "event", "event": incident.kind.key, **common(day, who),
                      "place": namer(lat, lon) or incident.place, "cause": incident.cause,
                      "chain": [fact_words(f) for f in incident.chain]}
        events.append((day, 1, float(lat), float(lon), properties))
    weather = np.asarray(result.daily.weather_flags[view.run, : view.days], dtype=np.int64)
    for day in np.flatnonzero(weather):
        lat, lon = float(view.camp_lat[day]), float(view.camp_lon[day])
        for word in flag_names(int(weather[day]), WeatherFlag):
            properties = {"kind": "event", "event": word, **common(int(day), -1), "place": namer(lat, lon),
                          "cause": "", "chain": []}
            events.append((int(day), 2, lat, lon, properties))
    events.sort(key=lambda e: (e[0], e[1]))
    return [(lat, lon, properties) for _, _, lat, lon, properties in events]


def route_geojson(result: JourneyResult, run: int = 0, atlas: object | None = None) -> dict:
    """``route.geojson`` as a dict: an RFC 7946 FeatureCollection.

    Features: the planned route (LineString), the walked track of the party's camps (LineString), and Points
    for waypoints, camps (with the day's elevation, route position and distance) and events (:func:`run_events`:
    deaths, leavings, arrivals, incidents, bad weather).  A line across the antimeridian is a MultiLineString cut
    at ±180 (RFC 7946 §3.1.9; :func:`longwalk.routing.geometry.line_geometry`).  Coordinates are ``[longitude,
    latitude]`` in WGS84 (RFC 7946 §3.1.1), rounded to 1e-5 degree.
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
            "properties": {"kind": "planned_route", "route_length_km": _num(float(total) / 1000.0, 1)},
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
    elevation = np.asarray(result.daily.elevation[run, : view.days], dtype=float)
    for day, lat, lon in camps:
        features.append(_point(lat, lon, {
            "kind": "camp", "day": day, "date": result.date(day).isoformat(), "place": namer(lat, lon),
            ELEVATION: _num(elevation[day], 0), ROUTE_POSITION: _num(view.camp_position[day] / 1000.0, 2),
            DAY_DISTANCE: _num(view.party_distance[day] / 1000.0, 2)}))
    for lat, lon, properties in run_events(view, namer):
        feature = _point(lat, lon, properties)
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
    """``track.gpx``: GPX 1.1 with one waypoint per route waypoint, per night's camp and per event (death,
    arrival, leaving, incident, bad weather: ``<type>`` is the event's word), and the walked track.

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
    for lat, lon, e in run_events(view, namer):
        if not (math.isfinite(lat) and math.isfinite(lon)):
            continue
        word = e.get("event", e["kind"])
        title = " ".join(b for b in (word.replace("_", " ").capitalize(), e["person"], e["date"] or "") if b)
        desc = "; ".join(b for b in (f"day {e['day']}", e["place"], e["cause"], ", ".join(e["chain"])) if b)
        out.append(f'<wpt lat="{coord(lat)}" lon="{coord(lon)}"><name>{escape(title)}</name>'
                   f"<desc>{escape(desc)}</desc><type>{escape(word)}</type></wpt>")
    out.append(f"<trk><name>{escape(result.scenario_name)} walked track</name><trkseg>")
    for lat, lon, z in _track_points(view):
        if math.isfinite(lat) and math.isfinite(lon):
            out.append(f'<trkpt lat="{coord(lat)}" lon="{coord(lon)}">{ele(float(z))}</trkpt>')
    out.append("</trkseg></trk>")
    out.append("</gpx>")
    return "\n".join(out) + "\n"


OUTPUT_FILES = ("journal.md", "summary.json", "days.csv", "days.parquet", "route.geojson", "track.gpx")


def write_outputs(result: JourneyResult, directory: str | Path, run: int = 0, scenario: object | None = None,
                  atlas: object | None = None, figures: bool = False) -> list[Path]:
    """Write every output file of run ``run`` into ``directory`` (which must exist); return their paths.

    ``figures``: also the PNG figures of :data:`longwalk.report.figures.RUN_FIGURES` (``longwalk run --png``).
    """
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
        if name == "days.parquet":
            write_days_parquet(result, path, run)
        else:
            path.write_text(texts[name], encoding="utf-8", newline="\n")
        paths.append(path)
    if figures:
        from longwalk.report.figures import write_run_figures

        paths.extend(write_run_figures(result, directory, run, atlas))
    return paths


# --- an ensemble (``longwalk odds``) -------------------------------------------------------------------------------

ENSEMBLE_FILE = "ensemble.nc"
_STATUS_FLAGS = {"flag_values": np.array([int(s) for s in Status], dtype=np.int8),
                 "flag_meanings": " ".join(s.name.lower() for s in Status)}
# (name in the dataset, DailyRecord field, scale to the unit, CF attributes); person arrays are (run, day, person)
_ENSEMBLE_PERSON = (
    ("route_position", "route_position", 1e-3, {"units": "km", "long_name": "distance along the planned route"}),
    ("distance", "distance", 1e-3, {"units": "km", "long_name": "distance walked that day"}),
    ("body_mass", "body_mass", 1.0, {"units": "kg", "long_name": "body mass at the end of the day"}),
    ("water_deficit", "water_deficit", 1.0,
     {"units": "1", "long_name": "body water deficit as a fraction of body mass"}),
)
_ENSEMBLE_PARTY = (
    ("air_temperature_min", "air_temperature_min", 1.0,
     {"units": "degC", "long_name": "daily minimum air temperature where the party was",
      "standard_name": "air_temperature", "cell_methods": "day: minimum"}),
    ("air_temperature_max", "air_temperature_max", 1.0,
     {"units": "degC", "long_name": "daily maximum air temperature where the party was",
      "standard_name": "air_temperature", "cell_methods": "day: maximum"}),
    ("snow_depth", "snow_depth", 1.0, {"units": "m", "long_name": "snow depth where the party was",
                                       "standard_name": "surface_snow_thickness"}),
)


class EnsembleCollector:
    """Keeps what ``ensemble.nc`` and the ensemble figures need from each batch of an ensemble.

    Pass it as ``on_batch`` to :func:`longwalk.ensemble.run_ensemble`; :meth:`dataset` then builds the
    :class:`xarray.Dataset`.  The four per-person daily arrays are kept as float32: 0.026 MB per run of 200 days
    and 8 people (4 arrays × 200 × 8 × 4 bytes), some 30 MB for 1000 such runs.
    """

    def __init__(self) -> None:
        self.batches: list[dict] = []
        self.first: JourneyResult | None = None

    def __call__(self, result: JourneyResult) -> None:
        if self.first is None:
            self.first = result
        d = result.daily
        waypoints = route_waypoints(result)
        x = np.array([w.route_position for w in waypoints], dtype=float)
        n_runs, n_people = len(result.run_ids), len(result.people)
        fate = np.zeros((n_runs, n_people), dtype=np.int8)
        end_day = np.full((n_runs, n_people), -1, dtype=np.int32)
        cause = np.full((n_runs, n_people), "", dtype=object)
        for i, row in enumerate(result.fates):
            for p, f in enumerate(row):
                fate[i, p], end_day[i, p], cause[i, p] = int(f.status), int(f.day), f.cause
        position = np.asarray(d.route_position, dtype=float)
        at_end = np.take_along_axis(position, np.clip(end_day, 0, position.shape[1] - 1)[:, None, :], axis=1)[:, 0]
        leg = (np.clip(np.searchsorted(x, at_end, side="right") - 1, 0, max(len(x) - 2, 0)) if len(x) >= 2
               else np.zeros(at_end.shape, dtype=np.int64))
        batch = {"run": np.asarray(result.run_ids, dtype=np.int64), "status": np.asarray(d.status, dtype=np.int8),
                 "fate": fate, "end_day": end_day, "cause": cause,
                 "death_leg": np.where(fate == int(Status.DEAD), leg, -1).astype(np.int16)}
        for name, field, scale, _ in _ENSEMBLE_PERSON + _ENSEMBLE_PARTY:
            batch[name] = (np.asarray(getattr(d, field), dtype=float) * scale).astype(np.float32)
        self.batches.append(batch)

    def dataset(self, scenario_title: str = ""):
        """The ensemble as an :class:`xarray.Dataset` with dims ``run``, ``day``, ``person`` (CF-1.10)."""
        import xarray as xr

        if self.first is None:
            raise ValueError("no batch was collected")
        result = self.first
        n_days = max(b["status"].shape[1] for b in self.batches)

        def pad(a, fill):
            # a batch that stopped early (everyone arrived or dead) keeps its last day's status
            extra = n_days - a.shape[1]
            if extra == 0:
                return a
            tail = np.repeat(a[:, -1:], extra, axis=1) if fill is None else np.full(
                (a.shape[0], extra) + a.shape[2:], fill, dtype=a.dtype)
            return np.concatenate([a, tail], axis=1)

        def join(name, fill=np.nan, daily=True):
            return np.concatenate([pad(b[name], fill) if daily else b[name] for b in self.batches], axis=0)

        waypoints = route_waypoints(result)
        legs = [f"{a.name} → {b.name}" for a, b in zip(waypoints[:-1], waypoints[1:], strict=True)]
        start = np.datetime64(result.start_date.isoformat())
        dims3, dims2 = ("run", "day", "person"), ("run", "day")
        data = {
            "status": (dims3, join("status", None), {"long_name": "condition at the end of the day",
                                                     **_STATUS_FLAGS}),
            "fate": (("run", "person"), join("fate", daily=False),
                     {"long_name": "how the journey ended (or the status when the simulation stopped)",
                      **_STATUS_FLAGS}),
            "end_day": (("run", "person"), join("end_day", daily=False),
                        {"long_name": "day of arrival, death or leaving (from 0); -1 if none", "units": "1"}),
            "cause": (("run", "person"), join("cause", daily=False).astype(str),
                      {"long_name": "cause of death; empty if the person did not die"}),
            "death_leg": (("run", "person"), join("death_leg", daily=False),
                          {"long_name": "leg of the route where the person died (index into the legs attribute); "
                                        "-1 if the person did not die", "units": "1"}),
        }
        for name, _, _, attrs in _ENSEMBLE_PERSON:
            data[name] = (dims3, join(name), dict(attrs))
        for name, _, _, attrs in _ENSEMBLE_PARTY:
            data[name] = (dims2, join(name), dict(attrs))
        days = np.arange(n_days)
        ds = xr.Dataset(
            data,
            coords={
                "run": ("run", join("run", daily=False), {"long_name": "run index (run k is the same story in any "
                                                                       "batch)", "units": "1"}),
                "day": ("day", days, {"long_name": "day of the journey, from 0 (the start date)", "units": "1"}),
                "date": ("day", start + days.astype("timedelta64[D]"), {"long_name": "date", "standard_name": "time"}),
                "person": ("person", np.array(result.people, dtype=str), {"long_name": "name of the person"}),
            },
            attrs={
                "Conventions": "CF-1.10",
                "title": f"{scenario_title or result.scenario_name}: an ensemble of simulated journeys",
                "source": f"longwalk {__version__} simulation (model output, not observations)",
                "scenario": result.scenario_name, "seed": int(result.seed), "start_date": result.start_date.isoformat(),
                "legs": "|".join(legs),
                "references": "docs/outputs.md (longwalk)",
            },
        )
        return ds


def write_netcdf(ds, path: str | Path) -> Path:
    """Write an ensemble dataset (:meth:`EnsembleCollector.dataset`) as NetCDF-4 (HDF5, via h5netcdf), zlib
    compressed; dates as ``days since`` the start date."""
    path = Path(path)
    encoding = {name: {"zlib": True, "complevel": 4} for name in ds.data_vars if ds[name].dtype.kind in "fiu"}
    encoding["date"] = {"units": f"days since {ds.attrs['start_date']}", "calendar": "proleptic_gregorian",
                        "dtype": "int32"}
    ds.to_netcdf(path, engine="h5netcdf", encoding=encoding)
    return path
