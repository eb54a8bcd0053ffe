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


def make_run_dir(directory: Path) -> Path:
    """Write the hand-built run's files and its report.html into ``directory``; return the report's path."""
    directory.mkdir(parents=True, exist_ok=True)
    write_outputs(make_result(), directory)
    path = directory / REPORT_FILE
    path.write_text(build_report(directory), encoding="utf-8")
    return path


def expected_events(directory: Path) -> int:
    """How many event markers the map must have, counted from the files: one per distinct (kind, day, person) of
    a death, leaving or arrival (summary.json), a joining (a person's first day in days.csv after day 0), a day
    with a blizzard or sandstorm (days.csv), and the event points of those kinds and water_found in
    route.geojson (as the engine or the files name them)."""
    words = {"dead": "death", "left": "left", "arrived": "arrival", "leave": "left", "arrive": "arrival",
             "blizzard_halt": "blizzard"}
    summary = json.loads((directory / "summary.json").read_text())
    keys = {(words[p["fate"]], p["day"], p["name"]) for p in summary["people"]
            if p["fate"] in ("dead", "left", "arrived") and p["day"] is not None}
    with (directory / "days.csv").open() as f:
        rows = list(csv.DictReader(f))
    first_day: dict[str, int] = {}
    for row in rows:
        first_day.setdefault(row["person"], int(row["day"]))
        for storm in {"blizzard", "sandstorm"} & set(row["weather"].split("|")):
            keys.add((storm, int(row["day"]), ""))
    keys |= {("join", day, name) for name, day in first_day.items() if day > 0}
    geojson = json.loads((directory / "route.geojson").read_text())
    for f in geojson["features"]:
        p = f["properties"]
        kind = words.get(p["kind"], p["kind"])
        if f["geometry"]["type"] == "Point" and kind in {"death", "left", "arrival", "join", "water_found",
                                                          "blizzard", "sandstorm"}:
            keys.add((kind, p["day"], p.get("person") or ""))
    return len(keys)
