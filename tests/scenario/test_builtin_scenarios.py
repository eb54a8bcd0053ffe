"""The built-in scenarios: they validate, say what is sourced and what is assumed, tell the story their sources
tell (people, joinings, leavings), and put every waypoint on land."""

import csv
import datetime as dt
from pathlib import Path

import pytest

from longwalk.scenario import builtin_scenarios, load_scenario

REFERENCE = Path(__file__).resolve().parents[2].parent / "shared" / "reference" / "the_way_back_waypoints.csv"
NAMES = sorted(builtin_scenarios())


def test_the_three_builtins_exist():
    assert {"the-way-back", "the-long-walk-1941", "gobi-crossing-spring"} <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_validates_and_states_sources_and_assumptions(name):
    scenario = load_scenario(name)
    assert scenario.name == name and scenario.title
    assert len(scenario.sources) >= 2 and len(scenario.assumptions) >= 2
    assert all(len(text) > 20 for text in scenario.sources + scenario.assumptions)
    assert all(w.lat is not None and w.lon is not None for w in scenario.route)  # offline: no name lookups


def test_the_way_back_follows_the_film():
    s = load_scenario("the-way-back")
    people = {p.name: p for p in s.party}
    # The seven escapees of the synopsis, and Irena, who joins later; Khabarov is left behind.
    assert set(people) == {"Janusz", "Mr Smith", "Valka", "Tomasz", "Voss", "Zoran", "Kazik", "Irena"}
    assert "night_blindness" in people["Kazik"].traits
    assert "elderly" in people["Mr Smith"].traits and people["Mr Smith"].age >= 50
    assert [p.name for p in s.party if not p.present] == ["Irena"]
    events = {(e.action, e.person): e.at_waypoint for e in s.events}
    assert events == {("join", "Irena"): "Lake Baikal", ("leave", "Valka"): "Mongolian border",
                      ("leave", "Mr Smith"): "Monastery"}
    order = [w.name for w in s.route]
    for earlier, later in [("Camp", "Lake Baikal"), ("Lake Baikal", "Mongolian border"),
                           ("Mongolian border", "Ulaanbaatar"), ("Ulaanbaatar", "Gobi"), ("Gobi", "Great Wall"),
                           ("Great Wall", "Northern Tibet"), ("Northern Tibet", "Monastery"),
                           ("Monastery", "Himalaya"), ("Himalaya", "India")]:
        assert order.index(earlier) < order.index(later)
    camp, baikal = s.route[0], s.route[1]
    assert camp.lat > baikal.lat  # the camp is north of Lake Baikal
    assert s.start_date.month in (12, 1, 2, 3)  # a winter escape


def test_the_long_walk_follows_the_book():
    s = load_scenario("the-long-walk-1941")
    assert s.start_date.year == 1941 and s.start_date.month == 4  # escape in April 1941
    names = [p.name for p in s.party]
    assert len(names) == 8 and [p.name for p in s.party if not p.present] == ["Kristina"]
    assert {(e.action, e.person, e.at_waypoint) for e in s.events} == {("join", "Kristina", "Lake Baikal")}
    assert s.route[0].name == "Camp 303" and (s.route[0].lat, s.route[0].lon) == (60.6, 122.5)
    assert s.policy.hours_per_day == 10  # "ten hours daily"
    # The book claims about 11 months, arriving March 1942: the simulation must be allowed that long.
    assert s.start_date + dt.timedelta(days=s.max_days) > dt.date(1942, 3, 31)


def test_present_day_gobi_crossing_is_equipped():
    s = load_scenario("gobi-crossing-spring")
    assert s.start_date.year >= 2000 and s.start_date.month in (3, 4, 5)
    assert s.supplies.shelter == "tent" and "gps" in s.supplies.tools
    assert s.supplies.water == pytest.approx(s.supplies.water_capacity * len(s.party))  # full at the start
    kcal = sum(f.mass * f.energy_density for f in s.supplies.food)
    # five days for five people at 3,200 kcal (the assumption the file states: soum centres 65-120 km apart), within 2 %
    assert kcal == pytest.approx(5 * len(s.party) * s.policy.ration, rel=0.02)


@pytest.mark.skipif(not REFERENCE.exists(), reason=f"shared reference waypoints not found at {REFERENCE}")
@pytest.mark.parametrize("name", ["the-way-back", "the-long-walk-1941"])
def test_station_waypoints_match_the_reference_table(name):
    """Waypoints pinned to a station use exactly the reference table's coordinates."""
    with REFERENCE.open(encoding="utf-8") as f:
        reference = [(float(r["lat"]), float(r["lon"])) for r in csv.DictReader(f) if r["lat"]]
    scenario = load_scenario(name)
    matched = [w.name for w in scenario.route if (w.lat, w.lon) in reference]
    # All but the film's camp (not in the table: assumed) and the Shigatse monastery (a station, not a waypoint
    # of the table).
    unmatched = {w.name for w in scenario.route} - set(matched)
    assert unmatched <= {"Camp", "Monastery"}, unmatched


@pytest.mark.parametrize("name", NAMES)
def test_waypoints_lie_on_land(name):
    atlas_module = pytest.importorskip("longwalk.atlas")
    if not hasattr(atlas_module, "load_atlas"):
        pytest.skip("longwalk.atlas.load_atlas is not built yet")
    s = load_scenario(name)
    lats = [w.lat for w in s.route]
    lons = [w.lon for w in s.route]
    atlas = atlas_module.load_atlas((min(lats) - 1, max(lats) + 1, min(lons) - 1, max(lons) + 1))
    for w in s.route:
        point = atlas.point(w.lat, w.lon)
        assert point["surface"] == "land", f"{name}: waypoint {w.name} ({w.lat}, {w.lon}) is {point['surface']}"


def test_docs_field_tables_are_current():
    """docs/scenarios.md carries the field tables generated from the schema by docs/_scenario_fields.py."""
    import importlib.util

    root = Path(__file__).resolve().parents[2]
    spec = importlib.util.spec_from_file_location("_scenario_fields", root / "docs" / "_scenario_fields.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text = (root / "docs" / "scenarios.md").read_text(encoding="utf-8")
    between = text.split("<!-- fields:start -->\n", 1)[1].split("<!-- fields:end -->", 1)[0]
    assert between == module.field_tables(), "run `python docs/_scenario_fields.py` and paste it into docs/scenarios.md"


def test_docs_example_validates(tmp_path):
    root = Path(__file__).resolve().parents[2]
    text = (root / "docs" / "scenarios.md").read_text(encoding="utf-8")
    example = text.split("```toml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "tiny.toml"
    path.write_text(example, encoding="utf-8")
    scenario = load_scenario(path)
    assert scenario.name == "tiny" and [p.name for p in scenario.party if not p.present] == ["B"]
