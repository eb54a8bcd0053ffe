"""The behaviour rules of issue 9 on small made-up journeys: villages are visited when needed, a robbery needs food
to rob, the ground round a fixed camp is searched once, acclimatisation comes from the scenario, planned resupply
(towns, caches, pack animals), travellers are not denounced.  Expected values are worked out by hand from the rule
and the constants, or from the public model functions the engine composes."""

from __future__ import annotations

import collections

import numpy as np
import pytest
from engine_helpers import TOBLER_FLAT, first_day_to_supplies, person, plan_for, scenario

from longwalk.engine import compose, phases
from longwalk.engine.records import Status, fact
from longwalk.engine.registry import FactKind
from longwalk.engine.simulate import build_party, initial_state, simulate
from longwalk.engine.track import build_track
from longwalk.models import altitude, hazards
from longwalk.report.journal import fact_words

MILD = dict(air_temperature_max=18.0, air_temperature_min=8.0, relative_humidity=0.5)


def _track(length=100_000.0, settlement_distance=None, country="RU", water=True, precipitation=None,
           elevation=100.0, waypoints=2):
    """A flat north-going track with 1 km nodes: water at every node (or none), a settlement ``settlement_distance``
    [m] off every node (or none: no settlement and no herders' camps), the annual precipitation given."""
    n = int(length // 1000) + 1
    x = np.linspace(0.0, length, n)
    kw = {}
    if settlement_distance is not None:
        kw = dict(settlement_distance=np.full(n, float(settlement_distance)) if np.isscalar(settlement_distance)
                  else np.asarray(settlement_distance, float),
                  settlement_index=np.zeros(n, int), settlement_name=np.full(n, "Testville", dtype=object),
                  settlement_country=np.full(n, country, dtype=object))
    if precipitation is not None:
        kw["annual_precipitation"] = np.full(n, float(precipitation))
    return build_track(x, 45.0 + x / 111_000.0, np.full(n, 100.0), np.full(n, float(elevation)), np.ones(n),
                       np.zeros(n), np.diff(x, prepend=0.0) / TOBLER_FLAT,
                       waypoint_x=np.linspace(0.0, length, waypoints), water=np.full(n, water), **kw)


def _supplies(food_kg, water=4.0, capacity=2.0, **more):
    return dict(food=[dict(kind="rations", mass=food_kg, energy_density=4000.0)], water=water,
                water_capacity=capacity, sleeping_insulation=4.0, shelter="tent", fire="matches", **more)


def _scenario(people, supplies, context="travellers", **kw):
    return scenario(people, weather=MILD, supplies=supplies, **kw).model_copy(update={"context": context})


def _one_day(sc, track, n_runs):
    return first_day_to_supplies(sc, plan_for(track), n_runs)


# --- 1. a village is visited when it is needed ---------------------------------------------------------------------


def test_a_fed_party_passing_villages_gains_no_food_and_is_never_betrayed():
    # fugitives in Russia (betrayal 0.5 a visit) camping within 5 km of a village every night for 30 days, with food
    # for 60 days and water at every node: they pass through
    track = _track(length=1_500_000.0, settlement_distance=5_000.0)
    sc = _scenario([person("a"), person("b")], _supplies(75.0), context="fugitives",
                   policy=dict(forage_hours=0.0), max_days=30)
    r = simulate(sc, n_runs=20, seed=0, plan=plan_for(track))
    kinds = collections.Counter(i.kind for i in r.incidents)
    assert kinds["food_given"] == kinds["betrayed"] == kinds["food_bought"] == 0
    food = r.daily.food_carried
    assert np.all(np.diff(food, axis=1) <= 0.0)  # it only goes down: eaten, never given
    # from 300,000 kcal, 2 x 2500 kcal a day eaten (less on the nights a member is lost and eats nothing of it)
    assert np.all(food[:, -1] >= 300_000.0 - 30 * 5_000.0) and np.all(food[:, -1] <= 300_000.0 - 30 * 2_500.0)


def test_a_hungry_party_by_a_village_asks_there():
    # the same fugitives with 1 kg of food (under HUNGRY_DAYS of ration) ask at the village by their camp: helped
    # with HELP_PROBABILITY["RU"] unless denounced (BETRAYAL_PROBABILITY["RU"]), give or take 4 s.d.
    track = _track(settlement_distance=5_000.0)
    sc = _scenario([person("a"), person("b")], _supplies(1.0), context="fugitives", policy=dict(forage_hours=0.0))
    today, state, food0 = _one_day(sc, track, 1000)
    given = np.isin(np.arange(1000), [i.run for i in today.incidents if i.kind == "food_given"])
    p = (1.0 - phases.BETRAYAL_PROBABILITY["RU"]) * phases.HELP_PROBABILITY["RU"]
    assert abs(given.mean() - p) < 4 * np.sqrt(p * (1.0 - p) / 1000)
    # given GIVEN_FOOD_DAYS (3) of ration for two: 15,000 kcal, less the day's 5,000 kcal eaten
    np.testing.assert_allclose(state.food[given], food0[given] + 15_000.0 - 5_000.0)


# --- 2. a robbery needs something to rob ---------------------------------------------------------------------------


@pytest.mark.parametrize("food_kg", [0.0, 0.1, 2.0])
def test_a_robbery_needs_food_to_rob(monkeypatch, food_kg):
    monkeypatch.setitem(phases.BETRAYAL_PROBABILITY, "RU", 1.0)  # every visit betrayed
    track = _track(settlement_distance=5_000.0)
    sc = _scenario([person("a"), person("b")], _supplies(food_kg), context="fugitives", policy=dict(forage_hours=0.0))
    today, state, food0 = _one_day(sc, track, 20)
    betrayals = [i for i in today.incidents if i.kind == "betrayed"]
    assert len(betrayals) == 20
    # ROBBERY_MIN_DAYS of ration for two is 2,500 kcal: 0 and 400 kcal are not worth robbing, 16,000 kcal is
    robbed = food0[0] >= 0.5 * 2 * 2500.0
    for inc in betrayals:
        assert inc.chain == (fact(FactKind.BETRAYED_AT, settlement="Testville", food_lost=0.5 if robbed else 0.0),)
        assert fact_words(inc.chain[0]) == ("denounced at Testville and robbed of half their food" if robbed
                                            else "denounced at Testville and fled")
    expected = np.maximum(food0 * (0.5 if robbed else 1.0) - 5_000.0, 0.0)  # then the day's ration is eaten
    np.testing.assert_allclose(state.food, expected)


# --- 3. the ground round a fixed camp is searched once -------------------------------------------------------------


def test_a_party_staying_put_in_the_desert_finds_the_wells_in_reach_once():
    # 100 mm a year (desert), no surface water, no settlement, no herders; water carried for the whole stay
    days, runs = 40, 300
    track = _track(water=False, precipitation=100.0)
    sc = _scenario([person("a")], _supplies(40.0, water=300.0, capacity=300.0), policy=dict(stay_put=True),
                   max_days=days)
    r = simulate(sc, n_runs=runs, seed=0, plan=plan_for(track))
    finds = [i for i in r.incidents if i.kind == "water_found"]
    per_run = collections.Counter(i.run for i in finds)
    assert max(per_run.values(), default=0) <= 1  # a well found is known, not found again
    # hand value: each idle day searches 2 km round the camp + 1 km per hour for 2 foraging hours = 4 km of path;
    # over the 5 km disc with a 1 km sweep (A/W = 78.5 km) the ground covered in 40 days is 78.5 (1 - e^(-160/78.5))
    # km of path, with wells every 100 km of path, 30 % unusable
    disc = np.pi * 5.0**2 / 1.0
    covered = disc * (1.0 - np.exp(-days * 4.0 / disc))
    p_any = 1.0 - np.exp(-covered * 0.7 / 100.0)
    assert abs(len(per_run) / runs - p_any) < 4 * np.sqrt(p_any * (1 - p_any) / runs)
    # the chance falls: more finds in the first ten days than in the last ten
    by_day = np.array([i.day for i in finds])
    assert (by_day < 10).sum() > 2 * (by_day >= days - 10).sum()
    # and at most 1 in 50 days is a day a well is found (before: a new well every ~30 days, indefinitely)
    assert len(finds) / (runs * days) < 0.02


def test_a_well_once_found_gives_water_every_day_after():
    track = _track(water=False, precipitation=100.0)
    sc = _scenario([person("a")], _supplies(40.0, water=300.0, capacity=300.0), policy=dict(stay_put=True),
                   max_days=30)
    r = simulate(sc, n_runs=100, seed=0, plan=plan_for(track))
    found = {i.run: i.day for i in r.incidents if i.kind == "water_found"}
    assert found
    for run, day in found.items():
        carried = r.daily.water_carried[run, day:]
        np.testing.assert_allclose(carried, 300.0)  # the containers are refilled at the well each day


def test_a_walking_party_searches_new_ground_every_day():
    # _search_coverage is nearly the path itself for one camp's search (the disc is not yet covered)
    assert phases._search_coverage(4_000.0) == pytest.approx(4_000.0, rel=0.03)
    disc = np.pi * phases.CAMP_SEARCH_RADIUS**2 / phases.SEARCH_SWEEP_WIDTH
    assert phases._search_coverage(1e9) == pytest.approx(disc)


# --- 4. acclimatisation from the scenario --------------------------------------------------------------------------


def test_a_party_from_the_lowlands_starting_at_4000_m_gets_altitude_sickness_and_a_local_one_does_not():
    track = _track(elevation=4000.0)
    runs = 1000
    for home, expect in ((0.0, True), (4000.0, False)):
        sc = _scenario([person("a", acclimatised_altitude=home)], _supplies(20.0), policy=dict(stay_put=True),
                       max_days=1)
        r = simulate(sc, n_runs=runs, seed=0, plan=plan_for(track))
        sick = sum(i.kind == "altitude_sickness" for i in r.incidents) / runs
        # the first night's AMS onset at 4000 m for a lowlander, from the model the engine composes
        p = float(-np.expm1(-altitude.ams_hazard(4000.0, home)))
        if expect:
            assert p > 0.2
            assert abs(sick - p) < 4 * np.sqrt(p * (1 - p) / runs)
        else:
            assert p == 0.0 and sick == 0.0


def test_a_lowlander_on_the_first_day_at_4000_m_covers_less_ground_than_one_acclimatised_there():
    # the march's ceiling is the sustainable fraction of the same VO2max times the share a walker not yet
    # acclimatised keeps (models.altitude.unacclimatised_endurance_factor: 1 - 2500 k = 0.879 for a lowlander at
    # 4000 m); a slow walker with a pack is held to the ceiling, so the lowlander walks less on the first day
    track = _track(elevation=4000.0)
    km = {}
    for home in (0.0, 4000.0):
        sc = _scenario([person("a", fitness=0.2, acclimatised_altitude=home)], _supplies(20.0, load_other=15.0),
                       max_days=1)
        r = simulate(sc, n_runs=4, seed=0, plan=plan_for(track))
        km[home] = float(np.median(r.daily.route_position[:, 0, 0]))
    assert float(altitude.unacclimatised_endurance_factor(4000.0, 0.0)) == pytest.approx(0.879, abs=1e-3)
    assert km[0.0] < 0.97 * km[4000.0]


# --- 5. planned resupply: towns, caches, pack animals --------------------------------------------------------------


def _route(n, **at_middle):
    names = ["Start"] + [f"W{i}" for i in range(1, n - 1)] + ["End"]
    return [dict(name=nm, lat=45.0 + 0.1 * i, lon=100.0, **(at_middle if 0 < i < n - 1 else {}))
            for i, nm in enumerate(names)], tuple(names)


def test_food_is_bought_up_to_the_days_of_ration_at_a_town_and_a_cache_is_picked_up():
    track = _track(length=40_000.0, water=False, waypoints=3)
    for field, value, expect in (("buy_food", 10.0, 10 * 2 * 2500.0), ("cache", 5.0, 5.0 * 4000.0)):
        route, names = _route(3, **{field: value})
        sc = _scenario([person("a"), person("b")], _supplies(0.5, water=0.0), route=route,
                       policy=dict(resupply=False, forage_hours=0.0, hours_per_day=10.0), max_days=3)
        r = simulate(sc, n_runs=3, seed=0, plan=plan_for(track, names))
        kind = "food_bought" if field == "buy_food" else "cache"
        day = {i.run: i.day for i in r.incidents if i.kind == kind}
        assert len(day) == 3  # every run reached W1 (20 km) on day 0 and resupplied there
        food = r.daily.food_carried[:, 0]
        # recorded after the day: 0.5 kg (2,000 kcal) eaten (1,000 each of 5,000 wanted), then the resupply
        np.testing.assert_allclose(food, expect)
        if field == "buy_food":
            np.testing.assert_allclose(r.daily.water_carried[:, 0], 4.0)  # containers filled: 2 x 2 L


def test_pack_animals_take_the_common_load_off_the_walkers():
    track = _track()
    people = [person("a"), person("b")]
    base = _supplies(10.0, water=2.0, capacity=2.0)  # 10 kg food + 2 kg water common; 5 kg other each
    loads = {}
    for animals, each in ((0, 0.0), (1, 5.0), (2, 50.0)):
        sc = _scenario(people, dict(base, pack_animals=animals, pack_animal_load=each))
        party = build_party(sc, plan_for(track).track)
        loads[animals] = compose.load_mass(party, initial_state(party, np.arange(1)))[0]
    np.testing.assert_allclose(loads[0].sum(), 12.0 + 10.0)
    np.testing.assert_allclose(loads[1].sum(), 12.0 - 5.0 + 10.0)  # one animal takes 5 kg of the food
    np.testing.assert_allclose(loads[2], 0.0)  # 100 kg of animals take the 12 kg and the 10 kg of gear


def test_a_party_of_ten_on_a_post_road_with_towns_to_buy_food_in_does_not_starve():
    # the party: ten people, 1,400 km, seven towns between start and end, 3,000 kcal ration, a rest day every
    # third day; charity is 30 km off the road except at the towns, so the towns are the food
    length, n_wp = 1_400_000.0, 9
    x = np.linspace(0.0, length, int(length // 1000) + 1)
    town = np.min(np.abs(x[:, None] - np.linspace(0.0, length, n_wp)[None, :]), axis=1) < 3_000.0
    track = _track(length=length, settlement_distance=np.where(town, 2_000.0, 30_000.0), waypoints=n_wp)
    route, names = _route(n_wp, buy_food=20.0)
    people = [person(f"p{i}") for i in range(10)]
    policy = dict(ration=3000.0, rest_every=2)
    sc = _scenario(people, _supplies(75.0, water=20.0), route=route, policy=policy, max_days=250)
    r = simulate(sc, n_runs=10, seed=0, plan=plan_for(track, names), incidents="fates")
    fates = [f for row in r.fates for f in row]
    assert not any(f.cause == "starvation" for f in fates)
    assert sum(f.status == Status.ARRIVED for f in fates) / len(fates) >= 0.95


# --- 6. help and betrayal by who the party is ----------------------------------------------------------------------


def test_present_day_travellers_are_never_denounced_and_buy_food():
    track = _track(length=600_000.0, settlement_distance=5_000.0, country="RU")
    out = {}
    for context in ("travellers", "fugitives"):
        sc = _scenario([person("a"), person("b")], _supplies(3.0), context=context, max_days=20,
                       start="2024-07-01")
        r = simulate(sc, n_runs=20, seed=0, plan=plan_for(track))
        out[context] = collections.Counter(i.kind for i in r.incidents)
    assert out["travellers"]["betrayed"] == 0 and out["travellers"]["food_bought"] > 0
    assert out["fugitives"]["betrayed"] > 0 and out["fugitives"]["food_bought"] == 0


def test_a_hungry_traveller_buys_a_week_of_food_where_it_is_sold():
    track = _track(settlement_distance=5_000.0)
    sc = _scenario([person("a"), person("b")], _supplies(1.0), policy=dict(forage_hours=0.0))
    today, state, food0 = _one_day(sc, track, 1000)
    bought = np.isin(np.arange(1000), [i.run for i in today.incidents if i.kind == "food_bought"])
    assert abs(bought.mean() - 0.9) < 4 * np.sqrt(0.9 * 0.1 / 1000)  # TRAVELLER_BUY_PROBABILITY
    # filled up to BUY_FOOD_DAYS (7) of ration for two (35,000 kcal), less the day's 5,000
    np.testing.assert_allclose(state.food[bought], 35_000.0 - 5_000.0)
    assert today.water_source.all()  # and water, sold or not


# --- 7. tools from a fixed vocabulary: the foraging model reads names exactly ---------------------------------------


def test_a_cooking_pot_does_not_hunt_and_a_bow_does():
    import typing

    from longwalk.scenario.schema import Tool

    assert compose.HUNTING_TOOLS | compose.FISHING_TOOLS <= set(typing.get_args(Tool))
    track = _track(water=False)
    node = np.zeros(4, int)
    u = np.full((4, 1), 0.5)
    rates = {}
    for tools in ((), ("cooking_pot", "knife"), ("bow",)):
        sc = _scenario([person("a")], _supplies(10.0, tools=list(tools)))
        party = build_party(sc, plan_for(track).track)
        party.track.biome = np.full(track.x.size, hazards.TAIGA)
        rates[tools] = compose.forage_return(party, node, 8, np.zeros(4, bool), np.ones((4, 1)), u)
    np.testing.assert_array_equal(rates[("cooking_pot", "knife")], rates[()])
    hunt = hazards.foraging_return_rate(hazards.TAIGA, 8, hazards.HUNT)
    gather = hazards.foraging_return_rate(hazards.TAIGA, 8, hazards.GATHER)
    np.testing.assert_allclose(rates[("bow",)], max(hunt, gather) * np.log(2.0))
