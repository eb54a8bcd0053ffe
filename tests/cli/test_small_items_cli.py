"""The smaller items of issue 15: no negative zero anywhere a number is printed, advice a user can follow."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from cli_process import longwalk  # noqa: F401  (a fixture)
from rich.console import Console

from longwalk.report.numbers import MINUS, fixed


@pytest.mark.parametrize(("value", "decimals", "expected"), [
    (-0.4, 0, "0"), (-0.5, 0, "0"), (-0.04, 1, "0.0"), (-0.0, 2, "0.00"), (-0.6, 0, "-1"), (0.4, 0, "0"),
    (12.5, 0, "12"), (13.5, 0, "14"),  # Python rounds halves to even, as format() does
    (-2.26, 1, "-2.3"), (float("nan"), 1, "nan"),
])
def test_fixed_never_writes_a_negative_zero(value, decimals, expected):
    assert fixed(value, decimals) == expected
    assert fixed(value, decimals, minus=MINUS) == expected.replace("-", MINUS)


def test_run_progress_line_has_no_negative_zero():
    """Issue 15: '−0 to 13 °C' in the progress of `longwalk run`."""
    from longwalk.cli.run_cmd import _Progress

    scenario = SimpleNamespace(start_date=dt.date(1941, 3, 1), route=[])
    progress = _Progress(scenario, Console(), None, ["A"])
    state = {"conditions": {"air_temperature_min": [-0.3], "air_temperature_max": [12.8]}}
    assert progress._line(0, state, None).endswith("| 0 to 13 °C")


def test_route_summary_has_no_negative_zero(longwalk, monkeypatch):
    """Issue 15: 'descent −0 m' for a route that only climbs."""
    from longwalk import atlas, routing

    summary = {"distance_km": 12.34, "ascent_m": 215.2, "descent_m": -0.2, "walking_hours": 3.0,
               "walking_days": 0.375, "total_cost": 1.0, "snapped": [], "crossings": []}
    monkeypatch.setattr(atlas, "load_atlas", lambda *a, **k: SimpleNamespace(grid=None))
    monkeypatch.setattr("longwalk.routing.window.touches_edge", lambda route, grid, reach=0: False)
    monkeypatch.setattr(routing, "plan_route",
                        lambda *a, **k: SimpleNamespace(summary=lambda hours: summary))
    result = longwalk("route", "--from", "34.16,77.58", "--to", "34.20,77.60")
    assert result.returncode == 0, result.stderr
    assert "descent       0 m" in result.stdout and "-0" not in result.stdout


def test_atlas_point_and_weather_tables_have_no_negative_zero(capsys):
    from longwalk.cli.atlas_cmd import print_point
    from longwalk.cli.weather_cmd import _format

    print_point({"lat": 45.0, "lon": 10.0, "elevation_m": -0.3, "surface": "land", "places": [],
                 "river": {"in_cell": False, "nearby_class": None},
                 "cell": {"width_m": 6500.0, "height_m": 9200.0}}, as_json=False)
    row = next(line for line in capsys.readouterr().out.splitlines() if "elevation" in line)
    assert row.split("│")[2].strip() == "0 m", row
    assert _format(-0.04, ".1f") == "0.0" and _format(-0.004, ".2f") == "0.00"


def test_snap_advice_names_the_option_that_follows_it(longwalk):
    """Issue 15: 'allow a larger snap distance' named no option. A waypoint 8 km out in southern Lake Baikal in
    July, with --snap-km 1: the refusal says which option moves it further."""
    result = longwalk("route", "--from", "51.80,104.95", "--to", "52.3,104.3", "--snap-km", "1",
                      "--date", "1941-07-01")
    assert result.returncode == 2
    said = " ".join(result.stderr.split())
    assert "give a larger --snap-km" in said and "move the waypoint onto land" in said
    assert "allow a larger snap distance" not in said
