import pytest

from longwalk.errors import ScenarioError
from longwalk.scenario import apply_override, builtin_scenarios, load_scenario

MINIMAL = """
name = "tiny"
start_date = 2024-05-01

[[party]]
name = "A"
sex = "female"
age = 30
height = 1.65
body_mass = 60

[[route]]
name = "start"
lat = 45.0
lon = 100.0

[[route]]
name = "end"
lat = 44.0
lon = 101.0
"""


def write(tmp_path, text):
    path = tmp_path / "s.toml"
    path.write_text(text)
    return path


def test_builtins_validate():
    assert "the-way-back" in builtin_scenarios()
    for name in builtin_scenarios():
        assert load_scenario(name).name == name


def test_minimal_file_and_defaults(tmp_path):
    s = load_scenario(write(tmp_path, MINIMAL))
    assert s.party[0].fitness == 0.5
    assert s.policy.hours_per_day == 8.0


def test_unknown_field_names_file_line_and_valid_fields(tmp_path):
    text = MINIMAL.replace("body_mass = 60", "body_mass = 60\nbody_mas = 61")
    with pytest.raises(ScenarioError) as err:
        load_scenario(write(tmp_path, text))
    msg = str(err.value)
    assert "s.toml:11" in msg  # line 1 of MINIMAL is empty
    assert "party[0](A).body_mas" in msg
    assert "body_mass" in msg  # suggestion


def test_negative_mass_is_refused_with_field(tmp_path):
    with pytest.raises(ScenarioError) as err:
        load_scenario(write(tmp_path, MINIMAL.replace("body_mass = 60", "body_mass = -60")))
    assert "party[0](A).body_mass" in str(err.value)
    assert "greater than 20" in str(err.value)


def test_toml_syntax_error_names_line(tmp_path):
    with pytest.raises(ScenarioError) as err:
        load_scenario(write(tmp_path, MINIMAL.replace('name = "A"', 'name = "A')))
    assert "line" in str(err.value) and "s.toml" in str(err.value)


def test_unknown_builtin_lists_known():
    with pytest.raises(ScenarioError) as err:
        load_scenario("the-way-bak")
    assert "the-way-back" in str(err.value)


def test_overrides(tmp_path):
    s = load_scenario(write(tmp_path, MINIMAL), ["policy.hours_per_day=10", "party.A.age=31"])
    assert s.policy.hours_per_day == 10
    assert s.party[0].age == 31
    with pytest.raises(ScenarioError, match="valid fields"):
        load_scenario(write(tmp_path, MINIMAL), ["policy.nope=1"])
    with pytest.raises(ScenarioError, match="party.B"):
        load_scenario(write(tmp_path, MINIMAL), ["party.B.age=3"])
    with pytest.raises(ScenarioError, match="hours_per_day"):
        load_scenario(write(tmp_path, MINIMAL), ["policy.hours_per_day=lots"])


def test_event_must_name_party_member_and_waypoint(tmp_path):
    text = MINIMAL + '\n[[events]]\naction = "leave"\nperson = "Z"\nat_waypoint = "end"\n'
    with pytest.raises(ScenarioError, match="not in the party"):
        load_scenario(write(tmp_path, text))


def test_apply_override_doctest_style():
    d = {"party": [{"name": "x", "traits": []}]}
    apply_override(d, 'party.0.traits=["frail"]')
    assert d["party"][0]["traits"] == ["frail"]


def test_event_at_the_start_and_repeated_waypoints_are_refused(tmp_path):
    text = MINIMAL + '\n[[events]]\naction = "leave"\nperson = "A"\nat_waypoint = "start"\n'
    with pytest.raises(ScenarioError, match="is the start"):
        load_scenario(write(tmp_path, text))
    with pytest.raises(ScenarioError, match="repeated: start"):
        load_scenario(write(tmp_path, MINIMAL.replace('name = "end"', 'name = "start"')))
