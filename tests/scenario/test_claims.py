"""Claimed dates and conditions on waypoints (the itineraries `longwalk check` weighs): accepted forms, and bad
ones refused with the file, line and field."""

from __future__ import annotations

import datetime as dt

import pytest

from longwalk.errors import ScenarioError
from longwalk.scenario import load_scenario

BASE = """name = "claims"
start_date = 1941-04-09

[[party]]
name = "A"
sex = "male"
age = 30
height = 1.8
body_mass = 70

[[route]]
name = "Start"
lat = 45.0
lon = 100.0

[[route]]
name = "End"
lat = 46.0
lon = 100.0
"""


def load(tmp_path, extra):
    path = tmp_path / "it.toml"
    path.write_text(BASE + extra)
    return load_scenario(path)


def test_a_date_or_a_range_and_conditions(tmp_path):
    one = load(tmp_path, "claimed_date = 1941-05-15\n")
    assert one.route[1].claimed_date == (dt.date(1941, 5, 15), dt.date(1941, 5, 15))
    both = load(tmp_path, "claimed_date = [1941-05-01, 1941-05-31]\n\n[route.claimed_conditions]\n"
                          "no_water_days = 12\nno_food_days = 8\n")
    assert both.route[1].claimed_date == (dt.date(1941, 5, 1), dt.date(1941, 5, 31))
    assert (both.route[1].claimed_conditions.no_water_days, both.route[1].claimed_conditions.no_food_days) == (12, 8)


@pytest.mark.parametrize(("extra", "line", "field", "words"), [
    ('claimed_date = "May"\n', 20, "route[1](End).claimed_date", "is not a date"),
    ("claimed_date = [1941-06-01, 1941-05-01]\n", 20, "route[1](End).claimed_date", "ends before it starts"),
    ("claimed_date = 1941-03-01\n", 20, "route[1] (End).claimed_date", "before start_date 1941-04-09"),
    ("\n[route.claimed_conditions]\nno_water_days = 0\n", 22, "route[1](End).claimed_conditions.no_water_days",
     "greater than or equal to 1"),
    ("\n[route.claimed_conditions]\nno_water = 12\n", 22, "route[1](End).claimed_conditions.no_water",
     "no_water_days"),
    ("\n[route.claimed_conditions]\n", 21, "route[1](End).claimed_conditions", "give no_water_days or no_food_days"),
])
def test_bad_claims_name_line_and_field(tmp_path, extra, line, field, words):
    with pytest.raises(ScenarioError) as err:
        load(tmp_path, extra)
    message = str(err.value)
    assert f"it.toml:{line}:" in message and field in message and words in message, message


def test_the_start_claims_nothing(tmp_path):
    path = tmp_path / "it.toml"
    path.write_text(BASE.replace('name = "Start"\n', 'name = "Start"\nclaimed_date = 1941-04-09\n'))
    with pytest.raises(ScenarioError, match="route.0. .Start. is the start"):
        load_scenario(path)


def test_the_long_walk_claims_the_books_dates_and_the_twelve_days_without_water():
    s = load_scenario("the-long-walk-1941")
    claimed = {w.name: w.claimed_date for w in s.route if w.claimed_date}
    assert claimed["India"] == (dt.date(1942, 3, 1), dt.date(1942, 3, 31))
    assert len(claimed) == len(s.route) - 1
    water = [w.claimed_conditions.no_water_days for w in s.route if w.claimed_conditions]
    assert water == [12]
