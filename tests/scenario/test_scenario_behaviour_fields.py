"""Scenario fields of the behaviour rules: the tool vocabulary, who the party is, planned resupply, acclimatisation,
and the warning for a start date the data do not stand for."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from longwalk.errors import ScenarioError
from longwalk.scenario import builtin_scenarios, load_scenario, scenario_warnings, validate_scenario


def _data(**supplies):
    return dict(
        name="t", start_date=dt.date(2024, 7, 1),
        party=[dict(name="A", sex="female", age=30, height=1.65, body_mass=60)],
        supplies=dict(supplies),
        route=[dict(name="Chamonix", lat=45.92, lon=6.87), dict(name="Zermatt", lat=46.02, lon=7.75)],
    )


@pytest.mark.parametrize("tool", ["cooking bowl", "wool bonnet", "Bow", "fishing line"])
def test_a_tool_outside_the_vocabulary_is_refused_naming_the_field_and_the_valid_names(tool):
    with pytest.raises(ScenarioError) as err:
        validate_scenario(_data(tools=["knife", tool]), path="walk.toml")
    message = str(err.value)
    assert "walk.toml" in message and "supplies.tools[1]" in message
    for valid in ("'rifle'", "'bow'", "'fishing_line'", "'net'", "'cooking_pot'"):
        assert valid in message


def test_the_builtin_scenarios_use_the_vocabulary_and_say_who_the_party_is():
    for name in builtin_scenarios():
        s = load_scenario(name)  # validates the tools
        assert s.context == ("fugitives" if name in ("the-way-back", "the-long-walk-1941") else "travellers")


def test_planned_resupply_and_pack_animals_validate():
    data = _data(pack_animals=2, pack_animal_load=80.0)
    data["route"].insert(1, dict(name="Arolla", lat=46.02, lon=7.48, buy_food=5.0, cache=3.0, cache_water=10.0))
    s = validate_scenario(data)
    assert s.route[1].buy_food == 5.0 and s.supplies.pack_animals == 2
    with pytest.raises(ScenarioError, match="pack_animal_load"):
        validate_scenario(_data(pack_animals=2))
    start = _data()
    start["route"][0]["cache"] = 5.0
    with pytest.raises(ScenarioError, match="is the start"):
        validate_scenario(start)


def test_acclimatisation_defaults_to_a_lowlander_and_can_be_set():
    data = _data()
    assert validate_scenario(data).party[0].acclimatised_altitude == 0.0
    data["party"][0]["acclimatised_altitude"] = 3650.0
    assert validate_scenario(data).party[0].acclimatised_altitude == 3650.0


@pytest.mark.parametrize(("year", "warned"), [(1800, True), (1899, True), (1900, False), (1941, False),
                                              (2024, False), (2050, False), (2051, True), (2200, True)])
def test_a_start_date_far_from_the_data_is_warned_of(year, warned):
    s = validate_scenario(_data()).model_copy(update={"start_date": dt.date(year, 7, 1)})
    warnings = scenario_warnings(s)
    assert bool(warnings) == warned
    if warned:
        assert str(year) in warnings[0] and "GeoNames" in warnings[0] and "1991-2020" in warnings[0]


def test_the_cli_prints_the_era_warning_and_still_validates():
    run = subprocess.run([sys.executable, "-m", "longwalk", "scenario", "validate", "gobi-crossing-spring",
                          "--set", "start_date=1800-04-20"], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "warning" in run.stderr and "1800" in run.stderr and "valid" in run.stdout
    quiet = subprocess.run([sys.executable, "-m", "longwalk", "scenario", "validate", "gobi-crossing-spring"],
                           capture_output=True, text=True, timeout=120)
    assert "warning" not in quiet.stderr
