"""The trek docs (docs/walkers-haute-route.md, docs/larapinta-trail.md) put the runs next to what walkers report:
these tests check, on a hand-made ensemble, that each row's verdict and the summary sentence follow the numbers,
and that a scenario that cannot run here gets blocks that say so instead of stale numbers."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import SimpleNamespace

import numpy as np

ROOT = Path(__file__).resolve().parents[1]


def _tool():
    name = "make_scenario_docs"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def _ensemble(tool, lengths, walk_km):
    """Four runs of two walkers who all arrive, on a 100 km route with 3,000 m of climb."""
    n = len(lengths)
    track = SimpleNamespace(x=np.array([0.0, 50e3, 100e3]), cum_ascent=np.array([0.0, 2000.0, 3000.0]),
                            waypoint_x=np.array([0.0, 100e3]), settlement_country=np.array(["CH", "CH", "CH"]))
    plan = SimpleNamespace(track=track, waypoint_names=("A", "B"))
    shape = (n, 2)
    return tool.Outcomes(scenario=None, summary=None, plan=plan, overrides=(),
                         status=np.full(shape, 6, np.int8), day=np.zeros(shape, int),
                         cause=np.full(shape, "", dtype=object), chain=[], furthest=np.full(shape, 100e3),
                         end_position=np.full(shape, 100e3), end_bmi=np.zeros(shape),
                         alive_at_join=np.zeros(shape, int), length=np.asarray(lengths),
                         walk_km=np.asarray(walk_km, dtype=float))


def test_each_row_and_the_summary_follow_the_numbers():
    tool = _tool()
    o = _ensemble(tool, lengths=[9, 10, 10, 11], walk_km=[12.0, 12.0, 12.0, 12.0])
    facts = tool.TrekFacts(water_intake=[np.array([2.0, 2.0, 2.0])], air_temperature_min=[np.array([4.0, 6.0])],
                           air_temperature_max=[np.array([20.0, 22.0])])
    reports = (
        tool.Report("Length of the route [km]", "150 km (a guide)", 150.0, 200.0, "route_length"),
        tool.Report("Days end to end", "8 to 12 (accounts)", 8.0, 12.0, "days"),
        tool.Report("Distance on a walking day [km]", "5 to 10 km", 5.0, 10.0, "walk_km"),
        tool.Report("Water a person a day [L]", "at least 1 L", 1.0, None, "water"),
        tool.Report("Mean daily minimum [°C]", "a station: 6 °C", 6.0, 6.0, "nights_mean"),
    )
    lines = tool.walkers_block(o, facts, reports)
    # 100 km < 150; 10 days in 8-12; 12 km > 10; 2 L >= 1; mean of 4 and 6 °C is 5 < 6
    assert lines[0] == ("**The runs against what walkers report.** Of 5 quantities that walkers, guidebooks and "
                        "weather stations give, the median run falls within walkers' range for days end to end and "
                        "water a person a day; below their range for length of the route and mean daily minimum; "
                        "above their range for distance on a walking day.")
    rows = [line for line in lines if line.startswith("| ")][1:]
    verdicts = [row.rsplit(" | ", 1)[1].rstrip(" |") for row in rows]
    assert verdicts == ["below the reported range", "within the reported range", "above the reported range",
                        "within the reported range", "below the reported range"]
    assert "100 km along the planned route" in rows[0]
    # 150-200 km at 12 km a day is 12.5-16.7 days, above the 8-12 walkers take: the pace, not the route
    assert lines[-1] == ("At the runs' median of 12 km a walking day, the 150–200 km that walkers report would take "
                         "12–17 days, above the 8–12 days they take: the runs walk slower than walkers do.")
    assert "3,000 m" in tool.MEASURES["route_climb"](o, facts)[0]


def test_nobody_arriving_gives_no_days():
    tool = _tool()
    o = _ensemble(tool, lengths=[9, 10], walk_km=[12.0, 12.0])
    o.status[:, 1] = 7  # the second walker dies in both runs
    text, value = tool.MEASURES["days"](o, tool.TrekFacts())
    assert value is None and text == "everyone arrives in none of the 2 runs"


def test_a_trek_that_cannot_run_says_why(monkeypatch):
    tool = _tool()
    from longwalk.errors import DataError

    def fail(*args, **kwargs):
        raise DataError("no climate here")

    monkeypatch.setattr(tool, "collect", fail)
    blocks = tool.trek_blocks("larapinta-trail", tool.LARAPINTA_REPORTS, "the runs")
    assert set(blocks) == set(tool.BLOCKS[tool.LARAPINTA_DOC])
    assert "no climate here" in blocks["walkers"][0] and blocks["walkers"] == blocks["ensemble"]
    assert "longwalk odds larapinta-trail --runs 200 --seed 0" in blocks["walkers"][0]
