"""The journal on a hand-built twelve-day journey whose facts are known in advance (journey_fixture.py)."""

import re

import pytest
from journey_fixture import make_result

from longwalk.report import weather_words, write_journal
from longwalk.scenario.schema import Person, Scenario, Waypoint


def entries(text):
    """(date text, entry text) of each dated entry."""
    return re.findall(r"^\*\*([^*]+)\.\*\* (.*)$", text, flags=re.M)


def test_same_result_same_text(result):
    assert write_journal(result) == write_journal(make_result())


def test_phrasing_varies_with_seed():
    texts = {write_journal(make_result(seed)) for seed in range(6)}
    # Word choices come from the seed; six seeds cannot all pick the same templates for six entries.
    assert len(texts) > 1


def test_death_told_with_its_chain_and_cause(result):
    text = write_journal(result)
    assert ("Kazik, night-blind, went for firewood at dusk and lost the camp; −24 °C at night, no shelter, no fire"
            in text)
    death = [e for d, e in entries(text) if d == "2 March 1941"][0]
    assert "hypothermia" in death
    # Kazik died 20 km along the route from Camp (the fixture walks him 20 km on day 0).
    assert "20 km south of the Camp" in death


def test_quiet_days_are_told_together(result):
    found = entries(write_journal(result))
    dates = [d for d, _ in found]
    # Day 0 (start), day 1 (blizzard, death), day 5 (water), day 11 (arrival) stand alone; days 2-4 and 6-10 are
    # quiet and grouped.
    assert dates == ["1 March 1941", "2 March 1941", "3–5 March 1941", "6 March 1941", "7–11 March 1941",
                     "12 March 1941"]
    quiet = dict(found)
    # 3 days x 25 km and 5 days x 25 km (fixture), told in words and km.
    assert "three" in quiet["3–5 March 1941"].lower() and "75 km" in quiet["3–5 March 1941"]
    assert "five" in quiet["7–11 March 1941"].lower() and "125 km" not in quiet["7–11 March 1941"]
    assert "120 km" in quiet["7–11 March 1941"]  # 125 km rounds to tens above 100 km


def test_weather_and_direction_in_words(result):
    text = write_journal(result)
    assert "hard frost (−18 to −6 °C)" in text  # fixture: -18..-6 °C every quiet day
    assert "blizzard" in dict(entries(text))["2 March 1941"].lower()
    # The route runs from 58.3N 108.5E to 55.8N 109.55E: bearing about 166°, i.e. south.
    assert "south" in dict(entries(text))["3–5 March 1941"]


def test_arrival_and_closing_summary(result):
    text = write_journal(result)
    last = dict(entries(text))["12 March 1941"]
    assert "Lake Baikal" in last and "Janusz" in last
    # the engine's arrival incident carries the last waypoint's name: told as an arrival, not "Janusz was Lake Baikal"
    assert "Janusz had arrived" in last and "was Lake Baikal" not in last
    closing = text.split("## How it ended", 1)[1]
    assert "Twelve days" in closing
    assert "**Janusz** arrived near Lake Baikal on 12 March 1941" in closing
    assert "**Kazik** died of cold (hypothermia)" in closing and "2 March 1941" in closing
    # 20 + 9 x 25 + rest = the route's length, 287 km by the haversine; told to tens of km.
    assert "290 km" in closing


def test_header_uses_scenario_roles_and_traits(result):
    scenario = Scenario(
        name="tiny-way-back", title="The Way Back (tiny)", start_date=result.start_date,
        party=(Person(name="Janusz", sex="male", age=27, height=1.78, body_mass=62, role="Polish army officer"),
               Person(name="Kazik", sex="male", age=24, height=1.72, body_mass=56, traits=("night_blindness",))),
        route=(Waypoint(name="Camp", lat=58.3, lon=108.5), Waypoint(name="Lake Baikal", lat=55.783, lon=109.55)),
    )
    text = write_journal(result, scenario=scenario)
    assert text.startswith("# The Way Back (tiny)\n")
    assert "Janusz (Polish army officer, 27)" in text
    assert "Kazik (24, night blindness)" in text
    assert "seed 0" in text


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        # Bands: very cold below -12 °C max (10 °F), hot above 32 °C (90 °F); Beaufort gale from 17.2 m/s.
        ((-30.0, -15.0, 2.0, 0.0, 0), "bitter cold (−30 to −15 °C)"),
        ((-8.0, 4.0, 2.0, 0.0, 0), "frost at night and thaw by day (−8 to 4 °C)"),
        ((5.0, 15.0, 18.0, 3.0, 0), "mild weather, rain and a gale (5 to 15 °C)"),
        ((-20.0, -5.0, 20.0, 5.0, 1), "a blizzard and hard frost (−20 to −5 °C)"),
        ((25.0, 40.0, 4.0, 0.0, 0), "scorching heat (25 to 40 °C)"),
    ],
)
def test_weather_words(args, expected):
    assert weather_words(*args) == expected


def test_run_out_of_range(result):
    with pytest.raises(IndexError):
        write_journal(result, run=1)


def test_places_named_after_the_gazetteer_when_closer():
    """With an atlas, a camp is named after the nearest gazetteer place; waypoints win when about as close."""
    from types import SimpleNamespace

    from longwalk.report._view import PlaceNamer, Waypoint

    village = SimpleNamespace(name="Village", lat=57.0, lon=109.0)
    places = SimpleNamespace(nearest=lambda lat, lon, k=1: [village])
    waypoints = [Waypoint("Camp", 58.3, 108.5, 0.0), Waypoint("Lake Baikal", 55.783, 109.55, 290e3)]
    namer = PlaceNamer(waypoints, SimpleNamespace(places=places))
    # 0.2 degree of latitude north of the village: 22.2 km (2π·6371 km·0.2/360).
    assert namer(57.2, 109.0) == "22 km north of Village"
    assert namer(57.05, 109.0) == "near Village"  # 5.6 km
    assert namer(58.29, 108.5) == "near the Camp"
    # Without an atlas, the nearest waypoint: Camp is 1.1° of latitude (122.3 km) and 0.5° of longitude at 57.75°
    # (29.7 km) away, 126 km, rounded to tens above 100 km; Lake Baikal is 161 km away.
    assert PlaceNamer(waypoints)(57.2, 109.0) == "130 km south of the Camp"


def _engine():
    from longwalk.cli.run_cmd import engine_simulate

    try:
        return engine_simulate()
    except (ImportError, AttributeError):
        return None


@pytest.mark.skipif(_engine() is None, reason="longwalk.engine.simulate is not built yet")
def test_real_run_every_death_told_on_its_day():
    """On a real run of The Way Back: every death the engine recorded is told on its date, with its cause."""
    from longwalk.report._view import run_view
    from longwalk.report.journal import CAUSE_WORDS, _date_range
    from longwalk.scenario import load_scenario

    scenario = load_scenario("the-way-back")
    result = _engine()(scenario, n_runs=1, seed=1)
    text = write_journal(result, scenario=scenario)
    found = dict(entries(text))
    view = run_view(result, 0)
    deaths = [i for i in result.incidents if i.kind == "death" and i.run == 0]
    for death in deaths:
        entry = found[_date_range(result.date(death.day), result.date(death.day))]
        assert result.people[death.person] in entry
        assert CAUSE_WORDS.get(death.cause, death.cause).lower() in entry.lower()
    for event in (i for i in result.incidents if i.kind in ("join", "leave") and i.run == 0):
        entry = found[_date_range(result.date(event.day), result.date(event.day))]
        verb = "joined the party" if event.kind == "join" else "left the party"
        reason = next(e.reason for e in scenario.events if e.person == result.people[event.person])
        assert f"{result.people[event.person]} {verb}" in entry and reason in entry
    closing = text.split("## How it ended", 1)[1]
    for name in result.people:
        assert f"**{name}**" in closing
    if view.days > 20:
        assert len(found) < view.days  # quiet days were told together


def test_incidents_are_matched_by_global_run_id():
    """In a batch that is a slice of an ensemble (run_ids = [5]), Incident.run holds the global id 5."""
    import dataclasses

    import numpy as np

    result = make_result()
    result.run_ids = np.array([5])
    result.incidents = [dataclasses.replace(i, run=5) for i in result.incidents]
    text = write_journal(result)
    assert "run 5" in text and "went for firewood at dusk" in dict(entries(text))["2 March 1941"]


def test_a_party_that_stays_put():
    """Nobody walks (policy.stay_put): quiet days are told as staying, and the end says they did not move on."""
    result = make_result()
    d = result.daily
    d.distance[:] = 0.0
    d.route_position[:] = 0.0
    d.lat[:] = 58.3
    d.lon[:] = 108.5
    text = write_journal(result)
    quiet = dict(entries(text))["3–5 March 1941"]
    assert "km" not in quiet.split("(")[0] and "near the Camp" in quiet
    assert "they did not move on" in text.split("## How it ended", 1)[1]
