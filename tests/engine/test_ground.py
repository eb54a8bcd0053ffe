"""The ground a leg is walked on (scenario ``[[route]] ground``): one vocabulary, the leg it belongs to, and what it
does to the walk — sand is slower and costlier than the engine's bare ground, a paved road cheaper, a hand-cart rolls
worse on sand."""

from __future__ import annotations

import subprocess
import sys
import typing

import numpy as np
import pytest
from engine_helpers import flat_track, person, plan_for, scenario

from longwalk.engine import compose
from longwalk.engine.simulate import build_party, simulate
from longwalk.errors import ScenarioError
from longwalk.models import walking
from longwalk.scenario import validate_scenario
from longwalk.scenario.schema import Ground

_WEATHER = dict(air_temperature_min=8.0, air_temperature_max=18.0, wind_speed=2.0, relative_humidity=0.5,
                precipitation=0.0, snow_depth=0.0)


def _route(*grounds):
    """Start and one waypoint per leg, 50 km apart northwards, each leg on its ground (None: unset)."""
    route = [dict(name="W0", lat=45.0, lon=100.0)]
    for i, g in enumerate(grounds, start=1):
        w = dict(name=f"W{i}", lat=45.0 + 0.45 * i, lon=100.0)
        if g is not None:
            w["ground"] = g
        route.append(w)
    return route


def _journey(*grounds, carts=0, days=3):
    """Two men walking the legs of ``grounds`` on a flat track for ``days`` days; the party's day records."""
    sc = scenario([person("A"), person("B")], weather=_WEATHER, route=_route(*grounds), max_days=days,
                  supplies=dict(food=[dict(kind="rations", mass=30.0, energy_density=4000.0)], water=6.0,
                                water_capacity=6.0, sleeping_insulation=4.0, shelter="tent", fire="matches",
                                carts=carts, cart_mass=15.0, cart_load=30.0 if carts else 0.0))
    track = flat_track(length=50_000.0 * len(grounds), n=50 * len(grounds) + 1, water=True,
                       waypoints=len(grounds) + 1)
    names = tuple(w.name for w in sc.route)
    return simulate(sc, n_runs=1, seed=0, plan=plan_for(track, names))


def test_the_grounds_are_one_vocabulary():
    assert tuple(typing.get_args(Ground)) == walking.GROUNDS
    assert set(walking.HAND_CART_GROUND_RESISTANCE) == set(walking.GROUNDS)
    assert set(walking.GROUNDS) <= set(walking.TERRAIN_FACTORS)
    # the default leg is the engine's bare ground, a dirt road (Soule & Goldman's η and the cart's μ alike)
    assert walking.TERRAIN_FACTORS["dirt_road"] == walking.BARE_GROUND_TERRAIN
    assert walking.HAND_CART_GROUND_RESISTANCE["dirt_road"] == walking.ROLLING_RESISTANCE["hand_cart"]["ground"]


def test_a_ground_outside_the_vocabulary_exits_2_naming_the_field(tmp_path):
    path = tmp_path / "sand.toml"
    path.write_text('name = "sand"\nstart_date = 2024-07-01\n[[party]]\nname = "A"\nsex = "male"\nage = 30\n'
                    'height = 1.8\nbody_mass = 75\n[[route]]\nname = "a"\nlat = 45.0\nlon = 100.0\n'
                    '[[route]]\nname = "b"\nlat = 45.5\nlon = 100.0\nground = "dunes"\n', encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "longwalk.cli.main", "scenario", "validate", str(path)],
                          capture_output=True, text=True)
    assert done.returncode == 2
    out = done.stdout + done.stderr
    assert "sand.toml" in out and "route[1](b).ground" in out and "'sand_dunes'" in out


def test_the_start_has_no_leg_to_give_a_ground():
    data = dict(name="t", start_date="2024-07-01", party=[person("A")], route=_route(None))
    data["route"][0]["ground"] = "loose_sand"
    with pytest.raises(ScenarioError, match="is the start"):
        validate_scenario(data)


def test_the_ground_is_that_of_the_leg_ahead():
    sc = scenario([person("A")], route=_route(None, "loose_sand", "paved"))
    track = flat_track(length=150_000.0, n=151, waypoints=4)
    party = build_party(sc, plan_for(track, ("W0", "W1", "W2", "W3")).track)
    eta, mu = compose.ground_at(party, np.array([0.0, 49_999.0, 50_000.0, 120_000.0, 150_000.0]))
    np.testing.assert_array_equal(eta, [1.1, 1.1, 2.1, 1.0, 1.0])  # at W1 the party is on the leg that leaves it
    np.testing.assert_array_equal(mu, [0.06, 0.06, 0.15, 0.02, 0.02])
    # snow lies on top: on a paved road 30 cm of it costs what it costs anywhere; the sand beneath stays costlier
    # than shallow snow
    snowy = compose.snow_terrain_factor(np.array([0.3, 0.02]), ground=np.array([1.0, 2.1]))
    assert snowy[0] == pytest.approx(float(compose.snow_terrain_factor(np.array(0.3))))
    assert snowy[1] == 2.1


def test_a_sledge_is_dragged_alike_on_any_bare_ground():
    data = dict(name="t", start_date="2024-07-01", party=[person("A")], route=_route("paved", "loose_sand"),
                supplies=dict(carts=1, cart_kind="sledge", cart_mass=10.0, cart_load=20.0))
    _, mu = compose.leg_grounds(validate_scenario(data))
    np.testing.assert_array_equal(mu[1:], [walking.ROLLING_RESISTANCE["sledge"]["ground"]] * 2)


def test_sand_is_walked_slower_and_at_a_greater_cost_than_bare_ground_and_a_road_quicker():
    walked, energy = {}, {}
    for g in (None, "loose_sand", "paved"):
        r = _journey(g, g, g, days=2)
        walked[g] = float(r.daily.distance[0, 0, 0])
        energy[g] = float(r.daily.energy_expenditure[0, 0, 0])
    # loose sand: η 2.1 against bare ground's 1.1 (Soule & Goldman 1972); the same hours of walking cover less
    assert walked["loose_sand"] < 0.8 * walked[None]
    # the walker spends at least as much on sand in fewer km: the cost per km is far higher
    assert energy["loose_sand"] / walked["loose_sand"] > 1.2 * energy[None] / walked[None]
    # a paved road (η 1.0): these unladen men walk it at their preferred pace as they do a dirt road, for less
    assert walked["paved"] >= walked[None]
    assert energy["paved"] / walked["paved"] < energy[None] / walked[None]


def test_a_hand_cart_is_hauled_slower_on_sand():
    on_ground = _journey(None, None, None, carts=1, days=2).daily.distance[0, 0, 0]
    on_sand = _journey("sand_dunes", "sand_dunes", "sand_dunes", carts=1, days=2).daily.distance[0, 0, 0]
    # the same η 1.8 walked without the cart: the cart's μ on sand (0.15 against 0.06) costs distance of its own
    unhauled_sand = _journey("sand_dunes", "sand_dunes", "sand_dunes", days=2).daily.distance[0, 0, 0]
    assert on_sand < on_ground and on_sand < unhauled_sand


def test_a_journey_slows_when_it_reaches_the_sand():
    # 50 km of bare ground, then dunes: the first day's ~34 km are on the bare leg; the day that starts on the
    # dunes is walked at their η and covers less
    r = _journey(None, "sand_dunes", "sand_dunes", days=4)
    start = r.daily.route_position[0, :, 0] - r.daily.distance[0, :, 0]  # where each day began
    walked = r.daily.distance[0, :, 0]
    on_bare = walked[start < 50_000.0]
    on_sand = walked[(start >= 50_000.0) & (walked > 0)]
    assert on_bare.size and on_sand.size
    assert on_sand.max() < 0.85 * on_bare.min()


def test_snow_on_a_sand_leg_is_hauled_as_snow():
    data = dict(name="t", start_date="2024-07-01", party=[person("A")], route=_route("loose_sand"),
                supplies=dict(carts=1, cart_kind="hand_cart", cart_mass=10.0, cart_load=20.0))
    sc = validate_scenario(data)
    party = build_party(sc, plan_for(flat_track(length=50_000.0, n=51), ("W0", "W1")).track)
    _, mu = compose.ground_at(party, np.array([10_000.0, 10_000.0]))
    np.testing.assert_array_equal(compose.cart_resistance(party, np.array([0.0, 0.2]), mu),
                                  [0.15, walking.ROLLING_RESISTANCE["hand_cart"]["snow"]])


def test_a_track_planned_for_another_route_is_refused():
    sc = scenario([person("A")], route=_route(None, "loose_sand"))
    with pytest.raises(ValueError, match="waypoints"):
        build_party(sc, plan_for(flat_track(length=100_000.0, n=101), ("W0", "W2")).track)
