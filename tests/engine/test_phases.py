"""Single phases on made-up states: movement, sharing water, drawing deaths, the stop at a waypoint."""

from __future__ import annotations

import numpy as np
from engine_helpers import flat_track, person, plan_for, scenario

from longwalk.engine import compose, phases
from longwalk.engine.random import Streams
from longwalk.engine.records import Status
from longwalk.engine.registry import Halt
from longwalk.engine.simulate import build_party, initial_state
from longwalk.models import walking

LIGHT = dict(food=[dict(kind="rations", mass=8.0, energy_density=4000.0)], water=2.0, water_capacity=2.0,
             sleeping_insulation=4.0, shelter="tent", fire="matches")

MILD = dict(air_temperature_max=18.0, air_temperature_min=8.0, relative_humidity=0.5)


def _setup(people, n_runs=4, track=None, **kw):
    sc = scenario(people, weather=MILD, **kw)
    plan = plan_for(track if track is not None else flat_track(water=True))
    party = build_party(sc, plan.track, plan.waypoint_names)
    streams = Streams(0)
    run_ids = np.arange(n_runs)
    env = compose.Environment(party, run_ids, streams, fixed=sc.weather)
    state = initial_state(party, run_ids)
    return party, streams, env, state


def _day(party, streams, env, state, d=0):
    today = phases.Day(state, d)
    with compose.quiet():
        phases.weather(state, party, env, streams, today)
        phases.decisions(state, party, env, today)
        phases.movement(state, party, env, today)
    return today


def test_movement_is_hours_times_the_models_speed_on_the_flat():
    party, streams, env, state = _setup([person("a", fitness=0.5)], policy=dict(hours_per_day=7.0),
                                        supplies=LIGHT)
    today = _day(party, streams, env, state)
    load = compose.load_mass(party, state)[0, 0]
    # VO2max at the track's 1000 m: a walker at the median (endurance training 0) loses nothing below 1500 m
    # (models.altitude.vo2max_altitude_factor's untrained curve)
    vo2 = walking.baseline_vo2max(np.array(True), np.array(30.0), np.array(0.5))
    # 7 h on the march with FM 21-18's 10-minute halt in every hour: 5 h 50 min of walking
    walked = 7.0 * 50.0 / 60.0
    v = float(walking.daily_walking_speed(0.0, 1.1, 72.0, load, vo2, walked, halt_fraction=10.0 / 60.0))
    np.testing.assert_allclose(today.movement.distance[:, 0], v * walked * 3600.0, rtol=1e-9)
    np.testing.assert_allclose(today.movement.hours[:, 0], 7.0)
    np.testing.assert_allclose(state.party_position, v * walked * 3600.0, rtol=1e-9)


def test_a_fit_walker_moves_at_the_models_speed_with_their_endurance_training():
    # a man of 65 at the 95th percentile with a 25 kg pack: the endurance cap binds for Bink's workforce, and the
    # engine passes the walker's training (models.walking.endurance_training of the percentile) to the models' speed
    heavy = dict(LIGHT, load_other=25.0)
    party, streams, env, state = _setup([person("a", age=65, fitness=0.95)], policy=dict(hours_per_day=9.0),
                                        supplies=heavy)
    today = _day(party, streams, env, state)
    load = compose.load_mass(party, state)[0, 0]
    # at 1000 m the trained lose 6.3 % per 1000 m above 300 m (Wehrlin & Hallén), the untrained nothing; the 95th
    # percentile stands τ = z(0.95)/z(0.99) of the way to the trained (models.altitude.vo2max_altitude_factor)
    tau = float(walking.endurance_training(0.95))
    vo2 = walking.baseline_vo2max(np.array(True), np.array(65.0), np.array(0.95)) * (1 - tau * 0.063 * 0.7)
    walked = 9.0 * 50.0 / 60.0
    args = (0.0, 1.1, 72.0, load, vo2, walked)
    trained = float(walking.daily_walking_speed(*args, halt_fraction=10.0 / 60.0,
                                                training=walking.endurance_training(0.95)))
    bink = float(walking.daily_walking_speed(*args, halt_fraction=10.0 / 60.0))
    assert bink < trained
    np.testing.assert_allclose(today.movement.distance[:, 0], trained * walked * 3600.0, rtol=1e-9)


def test_the_party_walks_at_the_slowest_and_stops_at_a_rest_waypoint():
    track = flat_track(length=30_000.0, n=31, water=True, waypoints=3)
    party, streams, env, state = _setup(
        [person("fast", fitness=0.95), person("slow", fitness=0.2, body_mass=80.0)], track=track, supplies=LIGHT,
        route=[dict(name="Start", lat=45.0, lon=100.0), dict(name="Hut", lat=45.18, lon=100.0, rest_days=2),
               dict(name="End", lat=45.36, lon=100.0)])
    today = _day(party, streams, env, state)
    d = today.movement.distance
    assert np.all(d[:, 0] == d[:, 1])  # together
    assert np.allclose(state.party_position, 15_000.0)  # the hut is 15 km on: the day ends there
    with compose.quiet():
        phases.supplies(state, party, env, streams, today)
        phases.incidents(state, party, env, streams, today)
        phases.physiology(state, party, env, streams, today)
        phases.deaths(state, party, streams, today)
        phases.events(state, party, today)
    assert np.all(state.rest_left == 2)
    today = _day(party, streams, env, state, d=1)
    assert np.all(today.plan.halt == Halt.WAYPOINT) and np.all(today.movement.distance == 0.0)


def test_carried_water_is_shared_by_need_when_there_is_no_source():
    track = flat_track(water=False)  # no rivers, unknown climate: no streams or wells either
    party, streams, env, state = _setup([person("a"), person("b")], track=track,
                                        supplies=dict(water=1.0, water_capacity=2.0))
    today = _day(party, streams, env, state)
    with compose.quiet():
        phases.supplies(state, party, env, streams, today)
    assert not today.water_source.any()
    np.testing.assert_allclose(today.water_intake.sum(axis=1), 1.0)  # all of it drunk: the need is larger
    np.testing.assert_allclose(today.water_intake[:, 0] / today.water_intake[:, 1],
                               today.water_loss[:, 0] / today.water_loss[:, 1])  # in proportion to the need
    np.testing.assert_allclose(state.water, 0.0, atol=1e-12)


def test_death_is_drawn_from_the_summed_hazard_and_named_for_the_largest():
    party, streams, env, state = _setup([person("a"), person("b")], n_runs=20_000)
    today = _day(party, streams, env, state)
    facts = {k: np.zeros(state.status.shape) for k in
             ("night_temperature", "temperature_drop", "water_deficit_fraction", "bmi", "core_temperature",
              "wind_chill", "shelter")}
    facts["fire"] = np.ones(state.status.shape, bool)
    shape = state.status.shape
    hazards = {"hypothermia": np.full(shape, 0.2), "dehydration": np.full(shape, 0.5)}
    hazards["dehydration"][:, 1] = 0.0
    today.body = phases.Body(hazards=hazards, energy_expenditure=np.zeros(shape), facts=facts,
                             ams_onset_hazard=np.zeros(shape), ams_recovery_hazard=np.zeros(shape))
    with compose.quiet():
        phases.deaths(state, party, streams, today)
    dead = state.status == Status.DEAD
    # P(death) = 1 - exp(-0.7) = 0.503 for a, 1 - exp(-0.2) = 0.181 for b; 4-sigma binomial bounds
    for p, expected in ((0, 1 - np.exp(-0.7)), (1, 1 - np.exp(-0.2))):
        sd = np.sqrt(expected * (1 - expected) / shape[0])
        assert abs(dead[:, p].mean() - expected) < 4 * sd
    causes = {(i.person, i.cause) for i in today.incidents}
    assert causes == {(0, "dehydration"), (1, "hypothermia")}
