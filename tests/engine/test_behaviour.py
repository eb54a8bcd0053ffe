"""What a party short of food or water does: forage more and walk less, push on or go back to known water, go out
of its way to a settlement, fetch water at the settlement it waits by.  Small made-up journeys, hand-checkable."""

from __future__ import annotations

import numpy as np
from engine_helpers import TOBLER_FLAT, person, plan_for, scenario

from longwalk.engine import compose, phases
from longwalk.engine.random import Streams
from longwalk.engine.registry import FactKind
from longwalk.engine.simulate import build_party, initial_state, simulate
from longwalk.engine.track import build_track
from longwalk.models import walking

MILD = dict(air_temperature_max=18.0, air_temperature_min=8.0, relative_humidity=0.5)


def _track(length=60_000.0, water_at=(), settlement_distance=np.inf, country="MN"):
    """A flat north-going track with 1 km nodes, surface water only at the nodes ``water_at`` [m], and a
    settlement ``settlement_distance`` [m] off every node in ``country`` (no climate: no random streams or wells;
    herders' camps as the engine estimates them for that country's steppe)."""
    n = int(length // 1000) + 1
    x = np.linspace(0.0, length, n)
    water = np.isin(np.round(x), np.asarray(water_at, float))
    kw = {}
    if np.isfinite(settlement_distance):
        kw = dict(settlement_distance=np.full(n, float(settlement_distance)), settlement_index=np.zeros(n, int),
                  settlement_name=np.full(n, "Testville", dtype=object),
                  settlement_country=np.full(n, country, dtype=object))
    return build_track(x, 45.0 + x / 111_000.0, np.full(n, 100.0), np.full(n, 1000.0), np.ones(n), np.zeros(n),
                       np.diff(x, prepend=0.0) / TOBLER_FLAT, waypoint_x=np.array([0.0, length]), water=water, **kw)


def _supplies(food_kg=20.0, water=2.0):
    return dict(food=[dict(kind="rations", mass=food_kg, energy_density=4000.0)], water=water, water_capacity=2.0,
                sleeping_insulation=4.0, shelter="tent", fire="matches")


def _setup(track, n_runs=4, food_kg=20.0, water=2.0, start_x=0.0, context="travellers", **policy):
    sc = scenario([person("a")], weather=MILD, supplies=_supplies(food_kg, water), policy=policy)
    sc = sc.model_copy(update={"context": context})
    plan = plan_for(track)
    party = build_party(sc, plan.track, plan.waypoint_names)
    streams = Streams(0)
    run_ids = np.arange(n_runs)
    env = compose.Environment(party, run_ids, streams, fixed=sc.weather)
    state = initial_state(party, run_ids)
    state.position[:] = start_x
    state.party_position[:] = start_x
    return party, streams, env, state


def _day(party, streams, env, state, d=0, supplies=True):
    today = phases.Day(state, d)
    with compose.quiet():
        phases.weather(state, party, env, streams, today)
        phases.decisions(state, party, env, today)
        phases.movement(state, party, env, today)
        if supplies:
            phases.supplies(state, party, env, streams, today)
    return today


def test_a_hungry_party_forages_more_hours_and_walks_fewer():
    track = _track(water_at=np.arange(0.0, 60_001.0, 1000.0))  # water everywhere: nobody is thirsty
    pol = dict(hours_per_day=8.0, forage_hours=1.0, forage_hours_hungry=4.0)
    fed = _day(*_setup(track, **pol))
    # 1 kg of food (4000 kcal) is less than HUNGRY_DAYS (3) x 2500 kcal of ration: hungry
    hungry = _day(*_setup(track, food_kg=1.0, **pol))
    assert not fed.plan.hungry.any() and hungry.plan.hungry.all()
    np.testing.assert_allclose(fed.forage_hours, 1.0)
    np.testing.assert_allclose(hungry.forage_hours, 4.0)
    # the three extra foraging hours come out of the walk: 8 h -> 5 h (June at 45° N: daylight is not limiting)
    np.testing.assert_allclose(fed.movement.hours, 8.0)
    np.testing.assert_allclose(hungry.movement.hours, 5.0)
    # (a shorter day is walked a little faster, models.walking.daily_walking_speed, but still covers less)
    assert np.all(hungry.movement.distance < fed.movement.distance)


def test_a_thirsty_party_within_20_km_of_a_river_pushes_on_and_reaches_it():
    track = _track(water_at=[20_000.0])
    pol = dict(hours_per_day=3.0)
    # containers full: not thirsty, 3 h at about 1.2 m/s (~13 km) do not reach the river
    calm = _day(*_setup(track, water=2.0, **pol))
    assert not calm.plan.thirsty.any()
    assert np.all(calm.movement.distance < 16_000.0) and not calm.water_source.any()
    # empty containers: thirsty, the party walks on (up to THIRSTY_HOURS) to the river 20 km ahead and drinks there
    party, streams, env, state = _setup(track, water=0.0, **pol)
    today = _day(party, streams, env, state)
    assert today.plan.thirsty.all()
    assert np.all(state.party_position >= 20_000.0)
    assert today.water_source.all()
    np.testing.assert_allclose(state.water, 2.0)  # refilled at the river
    np.testing.assert_allclose(today.water_intake, today.water_loss)  # drank the day's loss (water_target 1)


def test_a_thirsty_party_goes_back_to_water_10_km_behind_at_the_cost_of_the_way_there_and_back():
    track = _track(water_at=[10_000.0])
    args = dict(water=0.0, start_x=20_000.0, hours_per_day=10.0)  # a day's walk stops short of the end at 60 km
    stay = _day(*_setup(track, detour_distance=0.0, **args), supplies=False)  # no detours: the same pace, no water
    party, streams, env, state = _setup(track, **args)
    today = _day(party, streams, env, state)
    assert np.all(today.plan.detour == phases.DETOUR_WATER)
    assert today.water_source.all()
    # 2 x 10 km there and back at Tobler's flat pace of route time: the route progress is 20 km shorter
    assert np.all(stay.movement.distance > 20_000.0)
    np.testing.assert_allclose(today.movement.distance, stay.movement.distance - 20_000.0, rtol=1e-6)
    np.testing.assert_allclose(today.movement.hours, stay.movement.hours)
    # and it is walked, at the same speed on the same level ground: the same metabolic rate for the same hours
    np.testing.assert_allclose(today.movement.walking_power, stay.movement.walking_power, rtol=1e-6)


def test_a_hungry_party_goes_out_of_its_way_to_a_settlement_15_km_off_and_pays_for_it_in_distance():
    track = _track(water_at=np.arange(0.0, 60_001.0, 1000.0), settlement_distance=15_000.0)
    pol = dict(hours_per_day=8.0, forage_hours=0.0, forage_hours_hungry=0.0)
    stay = _day(*_setup(track, n_runs=200, food_kg=1.0, detour_distance=0.0, context="fugitives", **pol))
    party, streams, env, state = _setup(track, n_runs=200, food_kg=1.0, context="fugitives", **pol)
    today = _day(party, streams, env, state)
    assert np.all(today.plan.detour == phases.DETOUR_SETTLEMENT)
    assert not (stay.plan.detour != phases.DETOUR_NONE).any()
    # 30 km there and back is within the ~39 km day: walked first, the rest of the day on the route
    assert np.all(stay.movement.distance > 30_000.0)
    np.testing.assert_allclose(today.movement.distance, stay.movement.distance - 30_000.0, rtol=1e-6)
    np.testing.assert_allclose(today.movement.hours, stay.movement.hours)
    np.testing.assert_allclose(state.detour_left, 0.0, atol=1e-6)
    # helped in MN with chance 0.7 unless denounced (0.05): 0.95 x 0.7 = 0.665 of the runs, give or take 4 s.d.
    helped = sum(i.kind == "food_given" for i in today.incidents) / 200
    assert abs(helped - 0.665) < 4 * np.sqrt(0.665 * 0.335 / 200)


def test_a_settlement_farther_than_a_days_walk_there_and_back_is_not_worth_the_detour():
    # 20 km off: 40 km there and back is more than the ~39 km day (phases.DETOUR_DAYS = 1): the party walks on
    track = _track(water_at=np.arange(0.0, 60_001.0, 1000.0), settlement_distance=20_000.0)
    pol = dict(hours_per_day=8.0, forage_hours=0.0, forage_hours_hungry=0.0)
    stay = _day(*_setup(track, n_runs=20, food_kg=1.0, detour_distance=0.0, context="fugitives", **pol))
    assert np.all(stay.movement.distance < 40_000.0)
    party, streams, env, state = _setup(track, n_runs=20, food_kg=1.0, context="fugitives", **pol)
    today = _day(party, streams, env, state)
    assert not (today.plan.detour != phases.DETOUR_NONE).any()
    np.testing.assert_allclose(today.movement.distance, stay.movement.distance)
    # halve the hours (a slower party): then 30 km there and back (15 km off) is past the day's walk too
    near = _track(water_at=np.arange(0.0, 60_001.0, 1000.0), settlement_distance=15_000.0)
    slow = dict(pol, hours_per_day=4.0)
    party, streams, env, state = _setup(near, n_runs=20, food_kg=1.0, context="fugitives", **slow)
    today = _day(party, streams, env, state)
    assert np.all(today.movement.distance < 30_000.0)
    assert not (today.plan.detour != phases.DETOUR_NONE).any()


def test_what_a_detour_brings_comes_the_day_its_way_back_is_walked():
    # a detour to a settlement under way with a day and a half of walking left (as when a party slowed after
    # setting out): nothing on the first day, the settlement's help on the second
    track = _track(water_at=np.arange(0.0, 60_001.0, 1000.0), settlement_distance=15_000.0)
    pol = dict(hours_per_day=8.0, forage_hours=0.0, forage_hours_hungry=0.0)
    stay = _day(*_setup(track, n_runs=200, food_kg=1.0, detour_distance=0.0, context="fugitives", **pol))
    day_s = stay.movement.distance[:, 0] / TOBLER_FLAT  # a day's route time on the level track [s]
    party, streams, env, state = _setup(track, n_runs=200, food_kg=1.0, context="fugitives", **pol)
    state.detour_kind[:] = phases.DETOUR_SETTLEMENT
    state.detour_node[:] = 0
    state.detour_left[:] = 1.5 * day_s
    state.last_detour_x[:] = 0.0  # begun here: no new detour until the party has walked on
    first = _day(party, streams, env, state, d=0)
    np.testing.assert_allclose(first.movement.distance, 0.0, atol=1e-6)
    # (herders met on the way may feed them: only the settlement's help and betrayal count here)
    assert not any(f.kind == FactKind.BETRAYED_AT or (f.kind == FactKind.SETTLEMENT_HELP and f["detour"])
                   for i in first.incidents for f in i.chain)
    np.testing.assert_allclose(state.detour_left, 0.5 * day_s, rtol=1e-6)
    second = _day(party, streams, env, state, d=1)
    np.testing.assert_allclose(state.detour_left, 0.0, atol=1e-6)
    assert np.all(second.movement.distance > 0.4 * stay.movement.distance)
    helped = sum(f.kind == FactKind.SETTLEMENT_HELP and f["detour"] for i in second.incidents for f in i.chain) / 200
    assert abs(helped - 0.665) < 4 * np.sqrt(0.665 * 0.335 / 200)
    assert np.all(state.detour_kind == phases.DETOUR_NONE)


def test_staying_put_by_a_settlement_the_party_fetches_water_there_and_does_not_die_of_thirst():
    # in India no herders' camps are modelled, so only the settlement can give water
    near = _track(settlement_distance=5_000.0, country="IN")
    far = _track(settlement_distance=40_000.0, country="IN")
    for track, ok in ((near, True), (far, False)):
        party, streams, env, state = _setup(track, water=0.0, stay_put=True)
        today = _day(party, streams, env, state)
        assert today.water_source.all() == ok
        assert np.all(state.position == 0.0)
    sc = scenario([person("a"), person("b")], weather=MILD, supplies=_supplies(40.0, 0.0),
                  policy=dict(stay_put=True), max_days=20)
    result = simulate(sc, n_runs=8, seed=1, plan=plan_for(near))
    assert not any(f.cause == "dehydration" for row in result.fates for f in row)
    assert float(result.daily.water_deficit.max()) < 0.02


def test_a_party_at_the_weakest_pace_shares_the_common_load_by_strength():
    track = _track(water_at=np.arange(0.0, 60_001.0, 1000.0))
    people = [person("strong", fitness=0.9, body_mass=80.0), person("weak", fitness=0.2, body_mass=60.0)]
    sup = _supplies(food_kg=10.0, water=2.0)  # 40,000 kcal at 4000 kcal/kg = 10 kg, + 2 kg water: 12 kg common
    for pace in ("weakest", "own"):
        sc = scenario(people, weather=MILD, supplies=sup, policy=dict(pace=pace))
        party = build_party(sc, plan_for(track).track)
        state = initial_state(party, np.arange(1))
        load = compose.load_mass(party, state)[0] - sc.supplies.load_other
        np.testing.assert_allclose(load.sum(), 12.0)
        if pace == "own":
            np.testing.assert_allclose(load, [6.0, 6.0])
        else:
            vo2 = walking.baseline_vo2max(party.male, party.age, party.fitness)
            capacity = np.array([80.0, 60.0]) * vo2
            np.testing.assert_allclose(load, 12.0 * capacity / capacity.sum())
            assert load[0] > 1.5 * load[1]


def test_water_from_a_detour_comes_when_the_party_is_back_with_it():
    # going back 10 km for water with a day and a half of walking left: the bottles are filled, and drunk from,
    # the day the way back is walked, not the day the detour began
    track = _track(water_at=[10_000.0])
    args = dict(water=0.0, start_x=20_000.0, hours_per_day=10.0)
    stay = _day(*_setup(track, detour_distance=0.0, **args), supplies=False)
    day_s = stay.movement.distance[:, 0] / TOBLER_FLAT
    party, streams, env, state = _setup(track, **args)
    state.detour_kind[:] = phases.DETOUR_WATER
    state.detour_node[:] = 10
    state.detour_left[:] = 1.5 * day_s
    state.last_detour_x[:] = 20_000.0
    first = _day(party, streams, env, state, d=0)
    assert not first.water_source.any()
    np.testing.assert_allclose(state.water, 0.0)
    second = _day(party, streams, env, state, d=1)
    assert second.water_source.all()
    assert np.all(state.water > 0.0)


def test_a_starving_walker_walks_the_hours_their_muscle_allows():
    # lean mass down 29 %, as the body cell mass of Barac-Nieto et al.'s (1978) severely undernourished men, whose
    # muscle was down 41 %: 59 % of the policy's hours (compose.starvation_work_capacity); a fed walker all of them
    track = _track(water_at=np.arange(0.0, 60_001.0, 1000.0))
    pol = dict(hours_per_day=8.0, forage_hours=0.0, forage_hours_hungry=0.0)
    fed = _day(*_setup(track, **pol))
    party, streams, env, state = _setup(track, **pol)
    lean0 = party.body_mass - party.fat_mass
    state.lean_mass[:] = 0.71 * lean0
    state.body_mass[:] = state.lean_mass + state.fat_mass
    starved = _day(party, streams, env, state)
    np.testing.assert_allclose(fed.plan.hours, 8.0)
    np.testing.assert_allclose(starved.plan.hours, 8.0 * 0.59, rtol=0.01)
    assert np.all(starved.movement.distance < 0.7 * fed.movement.distance)
