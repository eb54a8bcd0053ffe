"""``report.html``: one self-contained page to look at a run (or an ensemble) — a map and plots, no network.

The page is built from the files a run or ``odds --out`` wrote (never from the engine's arrays), so that
``longwalk report DIR`` rebuilds it from a directory alone and the page shows exactly what the files say:

* a run: ``summary.json``, ``days.csv``, ``route.geojson``, ``journal.md`` (see ``docs/outputs.md``);
* odds: ``odds.json`` and ``fates.csv`` (written here, by :func:`write_odds_files`).

Everything the page needs is inside it: Leaflet (vendored in ``static/``, BSD-2-Clause, its licence copied into
the page), the shaded relief of the atlas as a PNG ``data:`` URI drawn as an image overlay (Web Mercator rows, as
Leaflet's map projection wants), the rivers as vector lines, the charts as inline SVG.  The page requests nothing.
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import io
import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from html import escape
from importlib import resources
from pathlib import Path

import numpy as np

from longwalk.engine.registry import IncidentKind, WeatherFlag
from longwalk.errors import InputError
from longwalk.report import svg

REPORT_FILE = "report.html"
LEAFLET_VERSION = "1.9.4"
RUN_FILES = ("summary.json", "days.csv", "route.geojson", "journal.md")
"""The files of a run that the report is built from (``longwalk run`` writes them)."""
ODDS_FILES = ("odds.json", "fates.csv")
"""The files of an ensemble that the report is built from (``longwalk odds --out`` writes them)."""

DAYS_NEEDED = ("date", "day", "person", "status", "lat", "lon", "elevation_m", "route_position_km", "day_distance_km",
               "body_mass_kg", "water_deficit", "food_carried_kcal", "air_temperature_min_c",
               "air_temperature_max_c", "snow_depth_m", "weather", "flags")
FATES_COLUMNS = ("run", "person", "fate", "day", "date", "cause", "lat", "lon", "leg")

RELIEF_MAX_WIDTH = 1600  # [px] the relief image is thinned to at most this many columns (keeps the page small)
RIVER_DECIMALS = 3  # [degree] 1e-3 degree is about 100 m, finer than the 5′ atlas cells the rivers are drawn over
RIVER_MAX_CLASS = 4  # the smallest river class drawn (1 largest … 5 minor): class 5 adds lines, not information

EVENT_STYLE = {  # kind -> (words on the map's legend, colour)
    "death": ("death", "#000000"),
    IncidentKind.JOIN.key: ("joined the party", "#2ca02c"),
    "left": ("left the party", "#ff7f0e"),
    "arrival": ("arrived", "#1f77b4"),
    IncidentKind.WATER_FOUND.key: ("found water", "#17becf"),
    WeatherFlag.BLIZZARD.key: ("blizzard", "#9467bd"),
    WeatherFlag.SANDSTORM.key: ("sandstorm", "#8c564b"),
}
# The engine's incident words -> the words of the output files and of the map.
_KIND_ALIASES = {IncidentKind.LEAVE.key: "left", IncidentKind.ARRIVE.key: "arrival",
                 IncidentKind.BLIZZARD_HALT.key: WeatherFlag.BLIZZARD.key}
_FATE_KINDS = {"dead": "death", "left": "left", "arrived": "arrival"}
_STORMS = (WeatherFlag.BLIZZARD.key, WeatherFlag.SANDSTORM.key)
STATUS_COLOURS = {"walking": "#2ca02c", "resting": "#98df8a", "sick": "#ff7f0e", "lost": "#e377c2",
                  "left": "#7f7f7f", "arrived": "#1f77b4", "dead": "#000000"}


# --------------------------------------------------------------------------------------------------- reading

def _load_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise InputError(f"{path}: not valid JSON (line {err.lineno}: {err.msg}); rewrite it with `longwalk run` "
                         "or `longwalk odds --out`") from None
    if not isinstance(data, dict):
        raise InputError(f"{path}: a JSON object was expected at the top level")
    return data


def _need_keys(path: Path, data: dict, keys: tuple[str, ...]) -> None:
    missing = [k for k in keys if k not in data]
    if missing:
        raise InputError(f"{path}: missing {', '.join(missing)}; it is not a complete longwalk output file")


def _load_csv(path: Path, needed: tuple[str, ...]) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        missing = [c for c in needed if c not in (reader.fieldnames or ())]
        if missing:
            raise InputError(f"{path}: missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}; "
                             "it is not a complete longwalk output file")
        return list(reader)


def _float(text: str | None) -> float:
    try:
        return float(text) if text not in (None, "") else float("nan")
    except ValueError:
        return float("nan")


def report_kind(directory: Path) -> str:
    """``"run"`` or ``"odds"``: which output ``directory`` holds; :class:`InputError` naming what is missing."""
    directory = Path(directory)
    if not directory.is_dir():
        raise InputError(f"{directory}: no such directory; give the output directory of `longwalk run` or "
                         "`longwalk odds --out`")
    run_have = [n for n in RUN_FILES if (directory / n).is_file()]
    odds_have = [n for n in ODDS_FILES if (directory / n).is_file()]
    if len(run_have) == len(RUN_FILES):
        return "run"
    if len(odds_have) == len(ODDS_FILES):
        return "odds"
    if run_have and len(run_have) >= len(odds_have):
        missing = [n for n in RUN_FILES if n not in run_have]
        raise InputError(f"{directory}: an incomplete run output, {', '.join(missing)} missing; rerun "
                         f"`longwalk run --out {directory}`")
    if odds_have:
        missing = [n for n in ODDS_FILES if n not in odds_have]
        raise InputError(f"{directory}: an incomplete odds output, {', '.join(missing)} missing; rerun "
                         f"`longwalk odds --out {directory}`")
    raise InputError(f"{directory}: not a longwalk output directory: it has none of {', '.join(RUN_FILES)} (a run) "
                     f"or {', '.join(ODDS_FILES)} (odds)")


# --------------------------------------------------------------------------------------------------- journal

_MONTHS = {m: i for i, m in enumerate(("January", "February", "March", "April", "May", "June", "July", "August",
                                       "September", "October", "November", "December"), start=1)}
_ENTRY = re.compile(r"^\*\*(?P<head>[^*]+?)\.\*\*\s*(?P<body>.*)$", re.S)
_DATE = re.compile(r"^\s*(?P<d>\d{1,2})(?:\s+(?P<m>[A-Z][a-z]+))?(?:\s+(?P<y>\d{3,4}))?\s*$")


def _entry_dates(head: str) -> tuple[dt.date, dt.date] | None:
    """The first and last date a journal entry's heading names: "3 March 1941", "3–6 March 1941",
    "30 March – 2 April 1941"; None if it is not a date.

    >>> _entry_dates("3–6 March 1941")
    (datetime.date(1941, 3, 3), datetime.date(1941, 3, 6))
    >>> _entry_dates("31 December 1941 – 2 January 1942")
    (datetime.date(1941, 12, 31), datetime.date(1942, 1, 2))
    >>> _entry_dates("The party") is None
    True
    """
    parts = re.split(r"\s*[–-]\s*", head.strip())
    if len(parts) not in (1, 2):
        return None
    found = [_DATE.match(p) for p in parts]
    if not all(found):
        return None
    end = found[-1]
    if end["m"] not in _MONTHS or end["y"] is None:
        return None
    last = dt.date(int(end["y"]), _MONTHS[end["m"]], int(end["d"]))
    start = found[0]
    month = _MONTHS.get(start["m"], last.month) if start["m"] else last.month
    year = int(start["y"]) if start["y"] else (last.year - 1 if month > last.month else last.year)
    try:
        return dt.date(year, month, int(start["d"])), last
    except ValueError:
        return None


def markdown_inline(text: str) -> str:
    """Markdown's inline emphasis as HTML, everything else escaped: ``**bold**``, ``*italic*``, ```code```.

    >>> markdown_inline("**12 March.** Voss <died> of *hunger*")
    '<b>12 March.</b> Voss &lt;died&gt; of <i>hunger</i>'
    """
    out = escape(text, quote=False)
    out = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", out)
    out = re.sub(r"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?![*\w])", r"<i>\1</i>", out)
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", out)


def markdown_blocks(text: str) -> str:
    """The journal's Markdown (headings, paragraphs, ``-`` lists) as HTML."""
    out: list[str] = []
    in_list = False
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = block.strip().splitlines()
        if not lines:
            continue
        if all(line.startswith("- ") for line in lines):
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.extend(f"<li>{markdown_inline(line[2:])}</li>" for line in lines)
            continue
        if in_list:
            out.append("</ul>")
            in_list = False
        heading = re.match(r"^(#{1,4})\s+(.*)$", block.strip())
        if heading and len(lines) == 1:
            level = min(len(heading.group(1)) + 1, 5)  # the page's own title is the <h1>
            out.append(f"<h{level}>{markdown_inline(heading.group(2))}</h{level}>")
        else:
            out.append(f"<p>{markdown_inline(' '.join(line.strip() for line in lines))}</p>")
    if in_list:
        out.append("</ul>")
    return "\n".join(out)


def journal_entries(text: str) -> list[tuple[dt.date, dt.date, str]]:
    """The dated entries of ``journal.md``: ``(first date, last date, Markdown text)``, in the journal's order."""
    entries = []
    for block in re.split(r"\n\s*\n", text):
        found = _ENTRY.match(block.strip())
        if not found:
            continue
        dates = _entry_dates(found["head"])
        if dates is not None:
            entries.append((dates[0], dates[1], block.strip()))
    return entries


# ------------------------------------------------------------------------------------------------------ map

def _mercator_y(lat):
    """Web Mercator northing of a latitude [degree], divided by the sphere's radius [-]: ``ln tan(π/4 + φ/2)``.

    At 45° it is ln tan 67.5° = asinh(1):

    >>> round(float(_mercator_y(45.0)), 4)
    0.8814
    """
    return np.log(np.tan(np.pi / 4 + np.radians(np.asarray(lat, float)) / 2))


def relief_overlay(atlas, max_width: int = RELIEF_MAX_WIDTH) -> dict:
    """The atlas's shaded relief (lakes and ocean in blue) as a PNG ``data:`` URI for a Leaflet image overlay.

    Leaflet stretches an overlay linearly between its corner coordinates on its Web Mercator map, so the atlas's
    rows (equal steps of latitude) are resampled to equal steps of Mercator northing (nearest row); without
    that, a map from 20 °N to 70 °N would put the relief up to a few degrees away from the route.

    Returns ``{"url": "data:image/png;base64,…", "bounds": [[south, west], [north, east]]}``.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from longwalk.atlas.plot import relief_rgb

    g = atlas.grid
    rgb = relief_rgb(atlas)
    stride = max(1, math.ceil(rgb.shape[1] / max_width))
    rgb = rgb[::stride, ::stride]
    ny, nx = rgb.shape[:2]
    south, north = max(g.south, -85.0), min(g.north, 85.0)
    y0, y1 = _mercator_y(south), _mercator_y(north)
    height = max(2, int(round((y1 - y0) / math.radians(g.east - g.west) * nx)))
    y = y1 - (np.arange(height) + 0.5) * (y1 - y0) / height  # top row first, as a PNG is stored
    lat = np.degrees(2 * np.arctan(np.exp(y)) - np.pi / 2)
    rows = np.clip(((lat - g.south) / (g.resolution * stride)).astype(int), 0, ny - 1)
    buffer = io.BytesIO()
    plt.imsave(buffer, np.clip(rgb[rows], 0.0, 1.0), format="png")
    return {"url": "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii"),
            "bounds": [[south, g.west], [north, g.east]]}


def river_layer(atlas) -> list[dict]:
    """Rivers of the atlas's region as ``[{"class": c, "lines": [[[lat, lon], …], …]}]``, largest class first."""
    from longwalk.atlas.plot import river_lines

    by_class: dict[int, list] = {}
    for cls, lon, lat in river_lines(atlas):
        if cls > RIVER_MAX_CLASS or lon.size < 2:
            continue
        points = np.round(np.column_stack([lat, lon]), RIVER_DECIMALS)
        keep = np.concatenate([[True], np.any(np.diff(points, axis=0) != 0, axis=1)])
        by_class.setdefault(cls, []).append(points[keep].tolist())
    return [{"class": c, "lines": by_class[c]} for c in sorted(by_class)]


def region_of(lat, lon, margin: float = 1.0) -> tuple[float, float, float, float]:
    """``(south, north, west, east)`` [degree] around the points, at least ``margin`` degrees wider, rounded out
    to whole degrees, inside the globe.  The atlas of a run (``longwalk run`` names places with it) and of its
    report is the one of this region around the planned route: rounding makes the route's coordinates as written
    to ``route.geojson`` (1e-5 degree) give the same region, so the report reuses the run's cached atlas.

    >>> region_of([50.2, 52.0], [100.0, 104.5])
    (49.0, 53.0, 99.0, 106.0)
    """
    lat = np.asarray(lat, float)
    lon = np.asarray(lon, float)
    return (float(max(math.floor(np.nanmin(lat) - margin), -89)), float(min(math.ceil(np.nanmax(lat) + margin), 89)),
            float(max(math.floor(np.nanmin(lon) - margin), -180)), float(min(math.ceil(np.nanmax(lon) + margin), 180)))


def _atlas_layers(lat, lon, atlas) -> tuple[dict | None, list[dict], str]:
    """Relief and rivers around the points (the planned route), from ``atlas`` or the built-in atlas; (None, [],
    why) if there is no atlas."""
    if atlas is None:
        from longwalk.atlas import load_atlas
        from longwalk.errors import LongwalkError

        try:
            atlas = load_atlas(region_of(lat, lon))
        except (LongwalkError, OSError, ValueError) as err:
            return None, [], f"no relief: the atlas could not be loaded ({err})"
    return relief_overlay(atlas), river_layer(atlas), ""


# --------------------------------------------------------------------------------------------------- the run

@dataclass
class RunData:
    """What the run report shows, read from a run's output files."""

    directory: Path
    summary: dict
    days: list[dict[str, str]]
    geojson: dict
    journal: str
    events: list[dict] = field(default_factory=list)


def read_run(directory: str | Path) -> RunData:
    """Read a run's output files; :class:`InputError` naming the file and what is missing or malformed."""
    directory = Path(directory)
    summary = _load_json(directory / "summary.json")
    _need_keys(directory / "summary.json", summary, ("scenario", "seed", "start_date", "people"))
    geojson = _load_json(directory / "route.geojson")
    _need_keys(directory / "route.geojson", geojson, ("features",))
    days = _load_csv(directory / "days.csv", DAYS_NEEDED)
    journal = (directory / "journal.md").read_text(encoding="utf-8")
    data = RunData(directory, summary, days, geojson, journal)
    data.events = run_events(data)
    return data


def _party_days(days: list[dict[str, str]]) -> dict[int, dict[str, str]]:
    """One row per day (the first person's), for the party's columns (elevation, weather, stores)."""
    out: dict[int, dict[str, str]] = {}
    for row in days:
        out.setdefault(int(row["day"]), row)
    return out


def _camps(data: RunData) -> dict[int, tuple[float, float]]:
    camps = {}
    for f in data.geojson.get("features", []):
        p = f.get("properties") or {}
        if p.get("kind") == "camp" and (f.get("geometry") or {}).get("type") == "Point":
            lon, lat = f["geometry"]["coordinates"][:2]
            camps[int(p["day"])] = (float(lat), float(lon))
    return camps


def run_events(data: RunData) -> list[dict]:
    """The events to mark on the map, in date order: deaths, leavings and arrivals (``summary.json``), joinings
    (a person's first row in ``days.csv`` after day 0), storm days (``days.csv`` ``weather``) and the event points
    of these kinds (``EVENT_STYLE``, e.g. ``water_found``) in ``route.geojson``, each event once.  Each: kind, day,
    date, lat, lon, person, title, detail."""
    start = dt.date.fromisoformat(data.summary["start_date"])
    events = []
    for person in data.summary["people"]:
        kind = _FATE_KINDS.get(person.get("fate"))
        if kind is None or person.get("day") is None:
            continue
        verb = {"death": "died", "left": "left the party", "arrival": "arrived"}[kind]
        cause = f" of {person['cause'].replace('_', ' ')}" if person.get("cause") else ""
        events.append({"kind": kind, "day": int(person["day"]), "lat": _float(person.get("lat")),
                       "lon": _float(person.get("lon")), "person": person["name"],
                       "title": f"{person['name']} {verb}{cause}", "detail": "; ".join(person.get("chain") or [])})
    first: dict[str, dict[str, str]] = {}
    for row in data.days:
        first.setdefault(row["person"], row)
    for name, row in first.items():
        if int(row["day"]) > 0:
            events.append({"kind": IncidentKind.JOIN.key, "day": int(row["day"]), "lat": _float(row["lat"]),
                           "lon": _float(row["lon"]), "person": name, "title": f"{name} joined the party",
                           "detail": ""})
    camps = _camps(data)
    for day, row in sorted(_party_days(data.days).items()):
        for storm in _STORMS:
            if storm in (row.get("weather") or "").split("|"):
                lat, lon = camps.get(day, (_float(row["lat"]), _float(row["lon"])))
                events.append({"kind": storm, "day": day, "lat": lat, "lon": lon, "person": "",
                               "title": f"A {storm}", "detail": f"{row['air_temperature_min_c']} to "
                               f"{row['air_temperature_max_c']} °C"})
    have = {(e["kind"], e["day"], e["person"]) for e in events}
    for f in data.geojson.get("features", []):
        p = f.get("properties") or {}
        kind = _KIND_ALIASES.get(p.get("kind"), p.get("kind"))
        if kind not in EVENT_STYLE or (f.get("geometry") or {}).get("type") != "Point" or p.get("day") is None:
            continue
        key = (kind, int(p["day"]), p.get("person") or "")
        if key in have:  # the same event from summary.json or days.csv
            continue
        have.add(key)
        lon, lat = f["geometry"]["coordinates"][:2]
        words = EVENT_STYLE[kind][0]
        title = f"{key[2]}: {words}" if key[2] else words[:1].upper() + words[1:]
        events.append({"kind": kind, "day": key[1], "lat": float(lat), "lon": float(lon), "person": key[2],
                       "title": title, "detail": "; ".join(p.get("chain") or []) or p.get("place", "")})
    events = [e for e in events if math.isfinite(e["lat"]) and math.isfinite(e["lon"])]
    for e in events:
        e["date"] = (start + dt.timedelta(days=e["day"])).isoformat()
    events.sort(key=lambda e: (e["day"], e["kind"], e["person"]))
    return events


def _journal_for(entries, date: dt.date) -> str:
    for first, last, text in entries:
        if first <= date <= last:
            return text
    return ""


def _line(features, kind: str) -> list[list[float]]:
    for f in features:
        if (f.get("properties") or {}).get("kind") == kind and f["geometry"]["type"] == "LineString":
            return [[lat, lon] for lon, lat in f["geometry"]["coordinates"]]
    return []


def _run_map_data(data: RunData, atlas) -> dict:
    features = data.geojson.get("features", [])
    entries = journal_entries(data.journal)
    events = []
    for e in data.events:
        text = _journal_for(entries, dt.date.fromisoformat(e["date"]))
        popup = (f"<b>{escape(e['date'])}</b> · day {e['day']}<br><b>{escape(e['title'])}</b>"
                 + (f"<br>{escape(e['detail'])}" if e["detail"] else "")
                 + (f'<div class="entry">{markdown_inline(text)}</div>' if text else ""))
        events.append({"kind": e["kind"], "lat": e["lat"], "lon": e["lon"], "popup": popup})
    camps = [{"lat": lat, "lon": lon, "popup": f"Camp, day {day}"} for day, (lat, lon) in sorted(_camps(data).items())]
    waypoints = []
    for f in features:
        p = f.get("properties") or {}
        if p.get("kind") == "waypoint":
            lon, lat = f["geometry"]["coordinates"][:2]
            waypoints.append({"lat": lat, "lon": lon, "name": p.get("name", "")})
    planned, track = _line(features, "planned_route"), _line(features, "track")
    points = np.array(planned or (track + [[e["lat"], e["lon"]] for e in events]
                                  + [[w["lat"], w["lon"]] for w in waypoints]), dtype=float).reshape(-1, 2)
    relief, rivers, note = _atlas_layers(points[:, 0], points[:, 1], atlas) if len(points) else (None, [], "")
    return {"relief": relief, "rivers": rivers, "note": note, "planned": planned, "track": track,
            "camps": camps, "waypoints": waypoints, "events": events,
            "styles": {k: {"label": v[0], "colour": v[1]} for k, v in EVENT_STYLE.items()}}


def _date_format(start: dt.date):
    def fmt(day: float) -> str:
        return (start + dt.timedelta(days=int(round(day)))).strftime("%-d %b")

    return fmt


def _run_charts(data: RunData) -> tuple[list[str], list[str]]:
    """The charts along the way (profiles by date) and of each person (body mass, water deficit, condition)."""
    start = dt.date.fromisoformat(data.summary["start_date"])
    fmt = _date_format(start)
    party = _party_days(data.days)
    day = np.array(sorted(party), dtype=float)

    def col(name: str) -> np.ndarray:
        return np.array([_float(party[int(d)][name]) for d in day])

    walked: dict[int, float] = {}
    for row in data.days:
        d = int(row["day"])
        walked[d] = max(walked.get(d, 0.0), np.nan_to_num(_float(row["day_distance_km"])))
    charts = [
        svg.line_chart([("elevation", day, col("elevation_m"))], title="Ground height at the camp",
                       xlabel="date", ylabel="elevation [m]", css_class="profile", xtick_format=fmt),
        svg.line_chart([("daily minimum", day, col("air_temperature_min_c")),
                        ("daily maximum", day, col("air_temperature_max_c"))], title="Air temperature",
                       xlabel="date", ylabel="temperature [°C]", css_class="profile", xtick_format=fmt),
        svg.line_chart([("snow depth", day, col("snow_depth_m"))], title="Snow on the ground", xlabel="date",
                       ylabel="snow depth [m]", css_class="profile", xtick_format=fmt),
        svg.line_chart([("walked", day, np.array([walked.get(int(d), np.nan) for d in day]))],
                       title="Distance walked each day (the furthest of the party)", xlabel="date",
                       ylabel="distance [km day⁻¹]", css_class="profile", xtick_format=fmt),
        svg.line_chart([("food", day, col("food_carried_kcal") / 1000.0)], title="Food the party carried",
                       xlabel="date", ylabel="food [1000 kcal]", css_class="profile", xtick_format=fmt),
    ]
    people = list(dict.fromkeys(row["person"] for row in data.days))
    mass, deficit, strips = [], [], []
    n = int(day.max()) + 1 if day.size else 1
    for name in people:
        rows = [r for r in data.days if r["person"] == name]
        d = np.array([int(r["day"]) for r in rows], dtype=float)
        mass.append((name, d, np.array([_float(r["body_mass_kg"]) for r in rows])))
        deficit.append((name, d, 100.0 * np.array([_float(r["water_deficit"]) for r in rows])))
        states = [""] * n
        for r in rows:
            condition = r["status"] + (f" ({r['flags'].replace('|', ', ')})" if r["flags"] else "")
            states[int(r["day"])] = condition if r["status"] in ("walking", "resting", "sick", "lost") \
                else r["status"]
        strips.append((name, states))
    colours = {}
    for _, states in strips:
        for s in states:
            if s:
                colours.setdefault(s, STATUS_COLOURS.get(s.split(" ")[0], "#999"))
                if "(" in s and s.startswith("walking"):
                    colours[s] = "#bcbd22"  # walking with a condition (injured, frostbite, …)
    return charts, [
        svg.line_chart(mass, title="Body mass", xlabel="date", ylabel="body mass [kg]", css_class="person",
                       xtick_format=fmt),
        svg.line_chart(deficit, title="Water deficit", xlabel="date", ylabel="deficit [% of body mass]",
                       css_class="person", xtick_format=fmt),
        svg.strip_chart(strips, colours, title="Condition each day (hover for the day)", css_class="person"),
    ]


def _fate_table(summary: dict) -> str:
    rows = []
    for p in summary["people"]:
        rows.append("<tr>" + "".join(f"<td>{escape(str(v))}</td>" for v in (
            p["name"], p["fate"], p.get("date") or "", p.get("place") or "", (p.get("cause") or "").replace("_", " "),
            "; ".join(p.get("chain") or []),
            "" if p.get("total_distance_km") is None else p["total_distance_km"])) + "</tr>")
    return ('<table class="fates"><thead><tr><th>person</th><th>fate</th><th>date</th><th>place</th><th>cause</th>'
            '<th>why</th><th>walked [km]</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table>")


def run_report(directory: str | Path, atlas=None) -> str:
    """The HTML text of a run's ``report.html``, from the run's output files in ``directory``."""
    data = read_run(directory)
    s = data.summary
    totals = s.get("totals", {})
    title = f"{s['scenario']}, seed {s['seed']}, run {s.get('run', 0)}"
    facts = (f"{s['start_date']} to {s.get('end_date', '')}: {totals.get('days', '?')} days; "
             f"{totals.get('arrived', 0)} arrived, {totals.get('dead', 0)} died, {totals.get('left', 0)} left. "
             f"A model outcome, not history (longwalk {escape(str(s.get('version', '')))}).")
    map_data = _run_map_data(data, atlas)
    along, people = _run_charts(data)
    body = (f"<h1>{escape(title)}</h1><p>{escape(facts)}</p>"
            + _map_section(map_data)
            + "<h2>Along the way</h2>" + "".join(along)
            + "<h2>Each person</h2>" + _fate_table(s) + "".join(people)
            + f'<h2>Journal</h2><div class="journal">{markdown_blocks(data.journal)}</div>')
    return _page(title, body, map_data)


# ------------------------------------------------------------------------------------------------------ odds

def odds_texts(summary, collector: FateCollector) -> dict[str, str]:
    """The texts of ``odds.json`` (the ensemble summary, the start date, the waypoints and the planned route as
    ``[lon, lat]``) and ``fates.csv`` (``FATES_COLUMNS``: one row per run per person), by file name."""
    odds = dict(summary.as_dict())
    odds.update({"start_date": collector.start_date.isoformat() if collector.start_date else None,
                 "waypoints": collector.waypoints, "planned_route": collector.planned})
    out = io.StringIO()
    writer = csv.DictWriter(out, FATES_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(sorted(collector.rows, key=lambda r: r["run"]))  # stable: party order within a run
    return {"odds.json": json.dumps(odds, sort_keys=True, indent=1, ensure_ascii=False, allow_nan=False) + "\n",
            "fates.csv": out.getvalue()}


class FateCollector:
    """``on_batch`` for :func:`longwalk.ensemble.run_ensemble`: keeps each run's fates (day, cause, place, leg)
    for ``fates.csv``, and the planned route and waypoints for the map."""

    def __init__(self) -> None:
        self.rows: list[dict] = []
        self.start_date: dt.date | None = None
        self.waypoints: list[dict] = []
        self.planned: list[list[float]] = []

    def __call__(self, result) -> None:
        from longwalk.report._view import route_waypoints

        if self.start_date is None:
            self.start_date = result.start_date
            wps = route_waypoints(result)
            self.waypoints = [{"name": w.name, "lat": round(w.lat, 5), "lon": round(w.lon, 5),
                               "route_position_km": round(w.route_position / 1000.0, 2)} for w in wps]
            try:
                lat, lon = np.asarray(result.route.lat, float), np.asarray(result.route.lon, float)
                step = max(1, lat.size // 3000)  # the map's line needs no more vertices than it has pixels
                self.planned = [[round(float(x), 4), round(float(y), 4)] for x, y in
                                zip(lon[::step], lat[::step], strict=True)]
            except (AttributeError, TypeError, ValueError):
                self.planned = []
        positions = np.array([w["route_position_km"] for w in self.waypoints], float) * 1000.0
        for i, row in enumerate(result.fates):
            for p, fate in enumerate(row):
                leg = ""
                if fate.day >= 0 and positions.size >= 2:
                    position = result.daily.route_position[i]
                    x = float(position[min(fate.day, position.shape[0] - 1), p])
                    k = int(np.clip(np.searchsorted(positions, x, side="right") - 1, 0, positions.size - 2))
                    leg = f"{self.waypoints[k]['name']} → {self.waypoints[k + 1]['name']}"
                self.rows.append({
                    "run": int(result.run_ids[i]), "person": fate.name, "fate": fate.status.name.lower(),
                    "day": fate.day if fate.day >= 0 else "", "date": fate.date.isoformat() if fate.date else "",
                    "cause": fate.cause, "lat": f"{fate.lat:.4f}" if math.isfinite(fate.lat) else "",
                    "lon": f"{fate.lon:.4f}" if math.isfinite(fate.lon) else "", "leg": leg,
                })


def odds_report(directory: str | Path, atlas=None) -> str:
    """The HTML text of an ensemble's ``report.html``, from ``odds.json`` and ``fates.csv`` in ``directory``."""
    directory = Path(directory)
    odds = _load_json(directory / "odds.json")
    _need_keys(directory / "odds.json", odds, ("scenario_name", "seed", "n_runs", "people", "start_date"))
    fates = _load_csv(directory / "fates.csv", FATES_COLUMNS)
    start = dt.date.fromisoformat(odds["start_date"])
    fmt = _date_format(start)
    names = [p["name"] for p in odds["people"]]
    last = max([int(r["day"]) for r in fates if r["day"]] + [1])
    days = np.arange(last + 1, dtype=float)
    curves = []
    for name in names:
        mine = [r for r in fates if r["person"] == name and r["fate"] != "absent"]
        if not mine:
            continue  # never with the party: no curve
        died = np.array([int(r["day"]) for r in mine if r["fate"] == "dead"], dtype=float)
        n = max(len(mine), 1)
        curves.append((name, days, 100.0 * (1.0 - np.searchsorted(np.sort(died), days, side="right") / n)))
    dead = [r for r in fates if r["fate"] == "dead"]
    legs = list(dict.fromkeys(r["leg"] for r in sorted(dead, key=lambda r: int(r["day"]))))
    causes = [c for c, _ in Counter(r["cause"] for r in dead).most_common()]
    counts = Counter((r["leg"], r["cause"]) for r in dead)
    stacks = {c.replace("_", " "): [counts[(leg, c)] for leg in legs] for c in causes}
    arrivals = [int(r["day"]) for r in fates if r["fate"] == "arrived"]
    title = f"{odds['scenario_name']}: {odds['n_runs']} runs, seed {odds['seed']}"
    charts = [
        svg.line_chart(curves, title="Still alive (share of the runs in which each person set out or joined)",
                       xlabel="date", ylabel="alive [%]", step=True, ylim=(0.0, 100.0), css_class="survival",
                       xtick_format=fmt),
        svg.stacked_bars(legs or ["(no deaths)"], stacks, title="Deaths by leg and cause", xlabel="deaths",
                         css_class="legs"),
        svg.histogram(arrivals, title="Arrival dates (every arrival of every run)", xlabel="date",
                      ylabel="arrivals", bin_width=max(1.0, float(np.ceil((max(arrivals, default=1)
                                                                           - min(arrivals, default=0)) / 40))),
                      css_class="arrivals", xtick_format=fmt),
    ]
    table = "".join(
        f"<tr><td>{escape(p['name'])}</td><td>{p['arrived']}</td><td>{p['died']}</td><td>{p['left']}</td>"
        f"<td>{p['runs']}</td><td>{100 * p['arrived_ci'][0]:.1f}–{100 * p['arrived_ci'][1]:.1f} %</td></tr>"
        for p in odds["people"])
    planned = [[lat, lon] for lon, lat in odds.get("planned_route", [])]
    causes_colour = {c: svg.PALETTE[k % len(svg.PALETTE)] for k, c in enumerate(causes)}
    events = [{"kind": "death", "lat": _float(r["lat"]), "lon": _float(r["lon"]),
               "colour": causes_colour.get(r["cause"], "#000"),
               "popup": f"<b>{escape(r['person'])}</b>, run {escape(r['run'])}: died of "
                        f"{escape(r['cause'].replace('_', ' '))} on {escape(r['date'])} (day {escape(r['day'])})"}
              for r in dead if r["lat"] and r["lon"]]
    waypoints = [{"lat": w["lat"], "lon": w["lon"], "name": w["name"]} for w in odds.get("waypoints", [])]
    pts = np.array(planned or [[e["lat"], e["lon"]] for e in events], float).reshape(-1, 2)
    relief, rivers, note = _atlas_layers(pts[:, 0], pts[:, 1], atlas) if len(pts) else (None, [], "")
    map_data = {"relief": relief, "rivers": rivers, "note": note, "planned": planned, "track": [], "camps": [],
                "waypoints": waypoints, "events": events, "canvas": len(events) > 500,
                "styles": {"death": {"label": "death (colour: cause)", "colour": "#000000"}},
                "legend": {c.replace("_", " "): col for c, col in causes_colour.items()}}
    body = (f"<h1>{escape(title)}</h1>"
            f"<p>Each run has different weather and incidents; a model outcome, not history.</p>"
            '<table class="fates"><thead><tr><th>person</th><th>arrived</th><th>died</th><th>left</th>'
            "<th>runs with them</th><th>arrived, 95 % CI</th></tr></thead><tbody>" + table + "</tbody></table>"
            + "<h2>Where deaths happen</h2>" + _map_section(map_data) + "".join(charts))
    return _page(title, body, map_data)


# ------------------------------------------------------------------------------------------------------ page

def _static(name: str) -> bytes:
    return resources.files("longwalk.report").joinpath("static", name).read_bytes()


def _static_text(name: str) -> str:
    """A vendored text file with ``\\n`` line ends (the npm files have CRLF; the page is the same everywhere)."""
    return _static(name).decode("utf-8").replace("\r\n", "\n")


def _leaflet_css() -> str:
    """Leaflet's stylesheet with its images as ``data:`` URIs, so that the page asks for no file."""
    css = _static_text("leaflet.css")

    def inline(found: re.Match) -> str:
        data = base64.b64encode(_static(f"images/{found.group(1)}")).decode("ascii")
        return f"url(data:image/png;base64,{data})"

    return re.sub(r"url\(images/([\w.-]+\.png)\)", inline, css)


def _map_section(map_data: dict) -> str:
    note = f'<p class="note">{escape(map_data["note"])}</p>' if map_data.get("note") else ""
    return f'<div id="map" role="region" aria-label="map"></div>{note}'


_CSS = """
body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1000px;padding:0 14px 40px;color:#222}
h1{font-size:1.5em}h2{margin-top:1.6em;border-bottom:1px solid #ddd}
#map{height:560px;border:1px solid #bbb;background:#e6e6e6}
svg.chart{width:100%;height:auto;margin:10px 0;font-size:11px}
svg .t{font-size:13px;font-weight:600}svg .g{stroke:#e4e4e4}svg .a{stroke:#444;fill:none}
table.fates{border-collapse:collapse;font-size:13px;margin:8px 0}
table.fates td,table.fates th{border-bottom:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}
.journal p{margin:.5em 0}.leaflet-popup-content{max-height:260px;overflow:auto}
.entry{margin-top:6px;border-top:1px solid #ddd;padding-top:4px}
.legend{background:#fff;padding:6px 8px;border-radius:4px;font-size:12px;line-height:1.5}
.legend i{display:inline-block;width:10px;height:10px;border-radius:5px;margin-right:5px}
.note{color:#a00}
"""

_SCRIPT = """
(function(){
var d=JSON.parse(document.getElementById('report-data').textContent);
var map=L.map('map',{preferCanvas:false,attributionControl:true});
map.attributionControl.setPrefix('Leaflet (BSD-2-Clause)');
var layers={},bounds=L.latLngBounds([]);
// The view must be set before any vector layer is added (Leaflet clips lines to the view).
// It shows where the story happened (the walked route and the events), else the planned route, else the atlas.
[d.track,d.events.map(function(e){return [e.lat,e.lon];})].forEach(function(pts){
  if(pts.length)bounds.extend(L.latLngBounds(pts));});
if(!bounds.isValid()&&d.planned.length)bounds.extend(L.latLngBounds(d.planned));
if(!bounds.isValid()&&d.relief)bounds.extend(L.latLngBounds(d.relief.bounds));
if(bounds.isValid())map.fitBounds(bounds.pad(0.05));else map.setView([0,0],2);
if(d.relief){layers['relief, lakes']=L.imageOverlay(d.relief.url,d.relief.bounds,{opacity:0.9,
  attribution:'relief: longwalk atlas'}).addTo(map);}
var rivers=L.layerGroup();d.rivers.forEach(function(r){L.polyline(r.lines,{color:'#2966bf',
  weight:Math.max(0.6,3.2-0.6*r['class']),opacity:0.8,interactive:false,className:'lw-river'}).addTo(rivers);});
rivers.addTo(map);layers['rivers']=rivers;
if(d.planned.length){layers['planned route']=L.polyline(d.planned,{color:'#555',weight:2,dashArray:'6 5',
  className:'lw-planned'}).addTo(map);}
if(d.track.length){layers['walked route']=L.polyline(d.track,{color:'#d62728',weight:3,className:'lw-route'})
  .addTo(map);}
var camps=L.layerGroup();d.camps.forEach(function(c){L.circleMarker([c.lat,c.lon],{radius:3,color:'#d62728',
  weight:1,fillColor:'#fff',fillOpacity:1,className:'lw-camp'}).bindTooltip(c.popup).addTo(camps);});
camps.addTo(map);layers['camps']=camps;
var wps=L.layerGroup();d.waypoints.forEach(function(w){L.circleMarker([w.lat,w.lon],{radius:5,color:'#333',
  weight:2,fillColor:'#ffd700',fillOpacity:1,className:'lw-waypoint'}).bindTooltip(w.name).addTo(wps);});
wps.addTo(map);layers['waypoints']=wps;
var renderer=d.canvas?L.canvas():undefined;
var ev=L.layerGroup();d.events.forEach(function(e){var s=d.styles[e.kind]||{colour:'#e377c2'};
  L.circleMarker([e.lat,e.lon],{radius:7,color:'#fff',weight:1.5,fillColor:e.colour||s.colour,fillOpacity:0.95,
  className:'lw-event lw-'+e.kind,renderer:renderer}).bindPopup(e.popup,{maxWidth:360}).addTo(ev);});
ev.addTo(map);layers['events']=ev;
L.control.layers(null,layers,{collapsed:false}).addTo(map);L.control.scale().addTo(map);
var legend=L.control({position:'bottomleft'});legend.onAdd=function(){var div=L.DomUtil.create('div','legend');
  var used={};d.events.forEach(function(e){used[e.kind]=1;});var rows=[];
  Object.keys(d.styles).forEach(function(k){if(used[k])rows.push('<i style="background:'+d.styles[k].colour+
  '"></i>'+d.styles[k].label);});
  Object.keys(d.legend||{}).forEach(function(k){rows.push('<i style="background:'+d.legend[k]+'"></i>'+k);});
  div.innerHTML=rows.join('<br>');return div;};
if(d.events.length)legend.addTo(map);
window.longwalkReport={map:map,events:d.events.length,camps:d.camps.length};
})();
"""


def _page(title: str, body: str, map_data: dict) -> str:
    data = json.dumps(map_data, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    data = data.replace("</", "<\\/")  # a "</script>" inside a journal entry must not end the data block
    licence = _static_text("LEAFLET-LICENSE").replace("*/", "* /")
    script = _static_text("leaflet.js")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title>"
        f"<style>{_leaflet_css()}</style><style>{_CSS}</style>"
        f"<script>/* Leaflet {LEAFLET_VERSION}, https://leafletjs.com\n{licence}*/\n{script}</script>"
        f"</head><body>{body}"
        f'<script type="application/json" id="report-data">{data}</script>'
        f"<script>{_SCRIPT}</script></body></html>\n"
    )


def build_report(directory: str | Path, atlas=None) -> str:
    """The HTML text of ``report.html`` for the run or odds output in ``directory``."""
    kind = report_kind(Path(directory))
    return run_report(directory, atlas) if kind == "run" else odds_report(directory, atlas)

