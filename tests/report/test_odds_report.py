"""The odds report: fates.csv and odds.json from an ensemble's batches, and the page built from them."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from types import SimpleNamespace

import pytest
from journey_fixture import make_result

from longwalk.report.html import REPORT_FILE, FateCollector, build_report, odds_texts


@pytest.fixture(scope="module")
def odds_dir(tmp_path_factory):
    directory = tmp_path_factory.mktemp("odds")
    collector = FateCollector()
    collector(make_result())
    summary = SimpleNamespace(as_dict=lambda: {"scenario_name": "tiny-way-back", "seed": 0, "n_runs": 1,
                                               "people": [
        {"name": "Janusz", "runs": 1, "arrived": 1, "died": 0, "left": 0, "arrived_ci": [0.2, 1.0]},
        {"name": "Kazik", "runs": 1, "arrived": 0, "died": 1, "left": 0, "arrived_ci": [0.0, 0.8]}]})
    for name, text in odds_texts(summary, collector).items():
        (directory / name).write_text(text)
    (directory / REPORT_FILE).write_text(build_report(directory))
    return directory


def test_fates_csv_has_one_row_per_run_per_person(odds_dir):
    with (odds_dir / "fates.csv").open() as f:
        rows = list(csv.DictReader(f))
    # journey_fixture: Janusz arrives on day 11; Kazik dies of hypothermia on day 1, on the only leg.
    assert [(r["person"], r["fate"], r["day"], r["cause"], r["leg"]) for r in rows] == [
        ("Janusz", "arrived", "11", "", "Camp → Lake Baikal"), ("Kazik", "dead", "1", "hypothermia",
                                                                "Camp → Lake Baikal")]
    odds = json.loads((odds_dir / "odds.json").read_text())
    assert odds["start_date"] == "1941-03-01" and [w["name"] for w in odds["waypoints"]] == ["Camp", "Lake Baikal"]


def test_odds_page_has_each_chart_and_a_death_marker(odds_dir):
    html = (odds_dir / REPORT_FILE).read_text()
    for css in ("survival", "legs", "arrivals"):
        assert f'class="chart {css}"' in html
    data = json.loads(re.search(r'id="report-data">(.*?)</script>', html, re.S).group(1).replace("<\\/", "</"))
    assert [e["kind"] for e in data["events"]] == ["death"] and "hypothermia" in data["events"][0]["popup"]
    # The survival curve's legend names both people; the legs chart names the leg.
    assert ">Janusz</text>" in html and ">Kazik</text>" in html and "Camp → Lake Baikal" in html


@pytest.mark.slow
def test_odds_out_writes_the_files_and_report_rebuilds_them(tmp_path):
    out = tmp_path / "odds"
    proc = subprocess.run([sys.executable, "-m", "longwalk", "odds", "--runs", "3", "--set", "max_days=15",
                           "--out", str(out)], capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in out.iterdir()) == ["chunks", "fates.csv", "manifest.json", "odds.json", REPORT_FILE]
    with (out / "fates.csv").open() as f:
        assert {r["run"] for r in csv.DictReader(f)} == {"0", "1", "2"}
    before = (out / REPORT_FILE).read_text()
    proc = subprocess.run([sys.executable, "-m", "longwalk", "report", str(out)], capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert (out / REPORT_FILE).read_text() == before
