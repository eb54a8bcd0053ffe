"""A run output directory made from the hand-built journey (journey_fixture), with its report.html.

Both the report tests and the browser test use it; the expected counts are read from the run's files here, by a
route of their own (not the report's code), so that the page is checked against the files."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from journey_fixture import make_result

from longwalk.report.export import write_outputs
from longwalk.report.html import REPORT_FILE, build_report

EVENT_POINT_KINDS_IN_SUMMARY = {"dead", "left", "arrived"}


def make_run_dir(directory: Path) -> Path:
    """Write the hand-built run's files and its report.html into ``directory``; return the report's path."""
    directory.mkdir(parents=True, exist_ok=True)
    write_outputs(make_result(), directory)
    path = directory / REPORT_FILE
    path.write_text(build_report(directory), encoding="utf-8")
    return path


def expected_events(directory: Path) -> int:
    """How many event markers the map must have, counted from the files: a death, leaving or arrival per person
    (summary.json), a joining per person whose first day is after day 0 (days.csv), a marker per day with a
    blizzard or sandstorm (days.csv), and any other event point in route.geojson."""
    summary = json.loads((directory / "summary.json").read_text())
    n = sum(p["fate"] in EVENT_POINT_KINDS_IN_SUMMARY and p["day"] is not None for p in summary["people"])
    with (directory / "days.csv").open() as f:
        rows = list(csv.DictReader(f))
    first_day: dict[str, int] = {}
    storm_days = set()
    for row in rows:
        first_day.setdefault(row["person"], int(row["day"]))
        if {"blizzard", "sandstorm"} & set(row["weather"].split("|")):
            storm_days.add(int(row["day"]))
    n += sum(day > 0 for day in first_day.values()) + len(storm_days)
    geojson = json.loads((directory / "route.geojson").read_text())
    n += sum(f["geometry"]["type"] == "Point"
             and f["properties"]["kind"] not in {"waypoint", "camp", "death", "left", "arrival", "leave", "arrive"}
             for f in geojson["features"])
    return n
