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


# --- hand-carts and sledges (supplies.carts) ----------------------------------------------------------------------


def test_carts_validate_and_need_a_load_and_a_kind_from_the_vocabulary():
    s = validate_scenario(_data(carts=1, cart_kind="sledge", cart_mass=20.0, cart_load=100.0))
    assert (s.supplies.carts, s.supplies.cart_kind, s.supplies.cart_mass) == (1, "sledge", 20.0)
    assert validate_scenario(_data()).supplies.carts == 0
    with pytest.raises(ScenarioError, match="cart_load"):
        validate_scenario(_data(carts=1))
    with pytest.raises(ScenarioError) as err:
        validate_scenario(_data(carts=1, cart_kind="wheelbarrow", cart_load=50.0), path="walk.toml")
    assert "supplies.cart_kind" in str(err.value) and "'hand_cart'" in str(err.value) and "'sledge'" in str(err.value)


def test_the_cart_kinds_are_the_keys_of_the_resistance_table():
    import typing

    from longwalk.models import walking
    from longwalk.scenario.schema import CartKind

    assert set(typing.get_args(CartKind)) == set(walking.ROLLING_RESISTANCE)


def test_a_bad_cart_field_exits_2_naming_it(tmp_path):
    path = tmp_path / "cart.toml"
    path.write_text('name = "cart"\nstart_date = 2024-07-01\n[[party]]\nname = "A"\nsex = "male"\nage = 30\n'
                    'height = 1.8\nbody_mass = 75\n[supplies]\ncarts = 1\ncart_kind = "wagon"\ncart_load = 40\n'
                    '[[route]]\nname = "a"\nlat = 45.0\nlon = 100.0\n[[route]]\nname = "b"\nlat = 45.5\nlon = 100.0\n',
                    encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "longwalk.cli.main", "scenario", "validate", str(path)],
                          capture_output=True, text=True)
    assert done.returncode == 2
    assert "supplies.cart_kind" in done.stdout + done.stderr


def _cart_party(carts, cart_kind="hand_cart", food=20.0, water=10.0):
    import numpy as np

    from longwalk.engine.plan import synthetic_plan
    from longwalk.engine.simulate import build_party, initial_state
    from longwalk.engine.track import build_track

    n = 51
    x = np.linspace(0.0, 50_000.0, n)
    track = build_track(x, 45.0 + x / 111_000.0, np.full(n, 100.0), np.full(n, 1000.0), np.ones(n), np.zeros(n),
                        np.diff(x, prepend=0.0) / 1.4, waypoint_x=np.array([0.0, 50_000.0]),
                        water=np.zeros(n, bool))
    data = _data(food=[dict(kind="rations", mass=food, energy_density=4000.0)], water=water, water_capacity=5.0,
                 load_other=8.0, carts=carts, cart_kind=cart_kind, cart_mass=15.0, cart_load=25.0 if carts else 0.0)
    data["party"].append(dict(name="B", sex="female", age=30, height=1.65, body_mass=60))
    data["route"] = [dict(name="Start", lat=45.0, lon=100.0), dict(name="End", lat=45.45, lon=100.0)]
    party = build_party(validate_scenario(data), synthetic_plan(track, ("Start", "End")).track)
    return party, initial_state(party, np.arange(1))


def test_a_cart_takes_the_food_and_water_off_the_backs_up_to_its_load_and_is_hauled():
    import numpy as np

    from longwalk.engine import compose

    party, state = _cart_party(0)
    assert compose.hauled_mass(party, state).sum() == 0.0
    np.testing.assert_allclose(compose.load_mass(party, state).sum(), 2 * 8.0 + 20.0 + 10.0)
    party, state = _cart_party(1)
    # the 30 kg of food and water: 25 kg on the cart, 5 kg on the backs; the walkers haul cart and load, 40 kg
    np.testing.assert_allclose(compose.load_mass(party, state).sum(), 2 * 8.0 + 5.0)
    np.testing.assert_allclose(compose.hauled_mass(party, state).sum(), 15.0 + 25.0)


def test_hauling_slows_the_walkers_in_proportion_to_the_resistance():
    import numpy as np

    from longwalk.engine import compose

    speeds = {}
    for kind in ("hand_cart", "sledge"):
        party, state = _cart_party(1, kind, food=60.0)
        load, hauled = compose.load_mass(party, state), compose.hauled_mass(party, state)
        vo2 = np.full(load.shape, 30.0)
        mu = compose.cart_resistance(party, np.zeros(1))[:, None]  # bare ground
        speeds[kind] = compose.walking_pace(0.0, 1.1, state.body_mass, load, vo2, 8.0, 1.0, 0.0, hauled, mu)[0]
        speeds[kind + " unhauled"] = compose.walking_pace(0.0, 1.1, state.body_mass, load, vo2, 8.0, 1.0)[0]
    # a sledge dragged over bare ground (μ 0.4) is far slower than a hand-cart rolled (μ 0.06)
    assert np.all(speeds["sledge"] < speeds["hand_cart"])
    assert np.all(speeds["hand_cart"] <= speeds["hand_cart unhauled"])
    np.testing.assert_allclose(compose.cart_resistance(party, np.array([0.0, 0.3])), [0.4, 0.05])
