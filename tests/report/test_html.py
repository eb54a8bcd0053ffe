"""report.html built from a run's files: what it holds, and the message for a directory that is not a run."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys

import pytest
from report_fixture import expected_events, make_run_dir

from longwalk.report.html import (
    LEAFLET_VERSION,
    REPORT_FILE,
    build_report,
    journal_entries,
    read_run,
    report_kind,
)


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory):
    directory = tmp_path_factory.mktemp("run")
    make_run_dir(directory)
    return directory


def _data(html: str) -> dict:
    found = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', html, re.S)
    return json.loads(found.group(1).replace("<\\/", "</"))


def test_the_page_names_no_url_it_would_fetch(run_dir):
    html = (run_dir / REPORT_FILE).read_text()
    markup = re.sub(r"<script\b[^>]*>.*?</script>", "", html, flags=re.S)  # what the browser parses as HTML/CSS
    # Every src/href/url() in the page is a data: URI or an in-page anchor; nothing to ask a network or disk for.
    # (What the scripts would fetch is checked in a browser: test_report_browser.py.)
    for ref in re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)["']""", markup):
        assert ref.startswith(("data:", "#")), ref
    for ref in re.findall(r"url\(([^)]*)\)", markup):
        assert ref.strip("'\"").startswith(("data:", "#")), ref
    assert "<link" not in markup and "<script" in html
    assert f"Leaflet {LEAFLET_VERSION}" in html and "BSD 2-Clause License" in html  # the licence travels with it


def test_events_on_the_map_match_the_files(run_dir):
    data = _data((run_dir / REPORT_FILE).read_text())
    kinds = sorted(e["kind"] for e in data["events"])
    # journey_fixture: Kazik dies on day 1 during a blizzard; Janusz arrives on day 11.
    assert kinds == ["arrival", "blizzard", "death"]
    assert len(data["events"]) == expected_events(run_dir)
    death = next(e for e in data["events"] if e["kind"] == "death")
    assert "Kazik died of hypothermia" in death["popup"]
    assert "went for firewood at dusk" in death["popup"]
    # The popup carries the journal's entry of that day (2 March 1941).
    assert "2 March 1941" in death["popup"]
    assert len(data["camps"]) == 12 and data["relief"]["url"].startswith("data:image/png;base64,")
    assert len(data["track"]) >= 2 and len(data["planned"]) == 31


def test_relief_overlay_spans_the_route(run_dir):
    (south, west), (north, east) = _data((run_dir / REPORT_FILE).read_text())["relief"]["bounds"]
    # journey_fixture: from 58.3 N 108.5 E to 55.783 N 109.55 E.
    assert south < 55.783 and north > 58.3 and west < 108.5 and east > 109.55


def test_joinings_and_other_geojson_events_are_marked(tmp_path):
    make_run_dir(tmp_path)
    # A third person who joins on day 4, and a water_found point as the exports may write it.
    rows = (tmp_path / "days.csv").read_text().splitlines()
    header = rows[0].split(",")
    janusz_day4 = next(r for r in rows[1:] if r.split(",")[header.index("day")] == "4")
    rows.append(janusz_day4.replace("Janusz", "Irena"))
    (tmp_path / "days.csv").write_text("\n".join(rows) + "\n")
    geojson = json.loads((tmp_path / "route.geojson").read_text())
    geojson["features"].append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [108.9, 57.2]},
                                "properties": {"kind": "water_found", "day": 5, "place": "a well"}})
    # The day-1 blizzard as the engine names it (already in days.csv) and a kind the map does not show.
    geojson["features"].append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [108.6, 58.1]},
                                "properties": {"kind": "blizzard_halt", "day": 1, "person": None}})
    geojson["features"].append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [108.6, 58.1]},
                                "properties": {"kind": "river_crossing", "day": 3}})
    (tmp_path / "route.geojson").write_text(json.dumps(geojson))
    events = read_run(tmp_path).events
    assert [(e["kind"], e["day"]) for e in events] == [("blizzard", 1), ("death", 1), ("join", 4),
                                                      ("water_found", 5), ("arrival", 11)]
    assert len(events) == expected_events(tmp_path)


def test_journal_entries_cover_their_dates():
    text = ("## March 1941\n\n**1 March 1941.** They set out.\n\n**3–6 March 1941.** Four days.\n\n"
            "**30 March – 2 April 1941.** Across the month.\n\n- **Kazik** died.\n")
    entries = journal_entries(text)
    assert [(a, b) for a, b, _ in entries] == [
        (dt.date(1941, 3, 1), dt.date(1941, 3, 1)), (dt.date(1941, 3, 3), dt.date(1941, 3, 6)),
        (dt.date(1941, 3, 30), dt.date(1941, 4, 2))]


def test_a_run_report_is_rebuilt_the_same(run_dir):
    assert build_report(run_dir) == (run_dir / REPORT_FILE).read_text()


@pytest.mark.parametrize(("files", "words"), [
    ((), "not a longwalk output directory"),
    (("summary.json", "journal.md"), "an incomplete run output, days.csv, route.geojson missing"),
    (("odds.json",), "an incomplete odds output, fates.csv missing"),
])
def test_not_a_run_says_what_is_missing(tmp_path, run_dir, files, words):
    for name in files:
        source = run_dir / name
        (tmp_path / name).write_text(source.read_text() if source.exists() else "{}")
    with pytest.raises(Exception, match=re.escape(words)):
        report_kind(tmp_path)


def test_cli_report_exit_2_with_one_sentence(tmp_path, run_dir):
    (tmp_path / "summary.json").write_text((run_dir / "summary.json").read_text())
    proc = subprocess.run([sys.executable, "-m", "longwalk.cli.main", "report", str(tmp_path)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert "days.csv, route.geojson, journal.md missing" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / REPORT_FILE).exists()


def test_cli_report_names_a_broken_file(tmp_path, run_dir):
    for name in ("summary.json", "days.csv", "route.geojson", "journal.md"):
        (tmp_path / name).write_text((run_dir / name).read_text())
    (tmp_path / "days.csv").write_text("date,day,person\n1941-03-01,0,Janusz\n")
    proc = subprocess.run([sys.executable, "-m", "longwalk.cli.main", "report", str(tmp_path)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert "days.csv: missing columns status, lat" in proc.stderr


def test_cli_report_writes_the_page(tmp_path, run_dir):
    for name in ("summary.json", "days.csv", "route.geojson", "journal.md"):
        (tmp_path / name).write_text((run_dir / name).read_text())
    proc = subprocess.run([sys.executable, "-m", "longwalk.cli.main", "report", str(tmp_path)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / REPORT_FILE).read_text() == (run_dir / REPORT_FILE).read_text()
