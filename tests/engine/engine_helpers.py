"""Small made-up journeys for the engine tests: straight flat tracks, constant weather, hand-checkable."""

from __future__ import annotations

import numpy as np

from longwalk.engine.plan import synthetic_plan
from longwalk.engine.track import build_track
from longwalk.models.walking import walking_speed_tobler
from longwalk.scenario.schema import Scenario

TOBLER_FLAT = float(walking_speed_tobler(0.0))  # 1.4 m s-1


def flat_track(length=150_000.0, n=151, water=False, lat=45.0, settlement_distance=None, country="MN",
               waypoints=2):
    """A straight, flat, north-going track; route time at Tobler's flat pace."""
    x = np.linspace(0.0, length, n)
    t = np.diff(x, prepend=0.0) / TOBLER_FLAT
    lats = lat + x / 111_000.0
    wx = np.linspace(0.0, length, waypoints)
    kw = {}
    if settlement_distance is not None:
        kw = dict(settlement_distance=np.full(n, settlement_distance), settlement_index=np.zeros(n, int),
                  settlement_name=np.full(n, "Testville", dtype=object),
                  settlement_country=np.full(n, country, dtype=object))
    return build_track(x, lats, np.full(n, 100.0), np.full(n, 1000.0), np.ones(n), np.zeros(n), t,
                       waypoint_x=wx, water=np.full(n, water), **kw)


def constant_climate(track, tmean=10.0, tmin=5.0, tmax=15.0, precip=1.0, wind=3.0, rh=0.6):
    """Daily normals that are the same at every node on every day (drives the real weather generator)."""
    shape = (track.x.size, 366)
    table = {
        "air_temperature_mean": np.full(shape, tmean),
        "air_temperature_min": np.full(shape, tmin),
        "air_temperature_max": np.full(shape, tmax),
        "precipitation": np.full(shape, precip),
        "wind_speed": np.full(shape, wind),
        "relative_humidity": np.full(shape, rh),
    }
    return table, np.full(shape, 13.0)


def person(name, **kw):
    base = dict(name=name, sex="male", age=30, height=1.78, body_mass=72.0, body_fat=0.15, fitness=0.6,
                clothing_insulation=1.5)
    base.update(kw)
    return base


def scenario(party, *, weather=None, supplies=None, policy=None, route=None, events=(), max_days=60,
             start="2020-06-01"):
    data = dict(
        name="test", start_date=start, max_days=max_days, party=party,
        supplies=supplies or dict(food=[dict(kind="rations", mass=60.0, energy_density=4000.0)], water=6.0,
                                  water_capacity=4.0, sleeping_insulation=4.0, shelter="tent", fire="matches"),
        route=route or [dict(name="Start", lat=45.0, lon=100.0), dict(name="End", lat=46.35, lon=100.0)],
        policy=policy or {}, events=list(events),
    )
    if weather is not None:
        data["weather"] = weather
    return Scenario.model_validate(data)


def plan_for(track, names=("Start", "End"), climate=None):
    if climate is None:
        return synthetic_plan(track, names)
    table, day_length = climate
    return synthetic_plan(track, names, climate_table=table, day_length_table=day_length)


def first_day_to_supplies(sc, plan, n_runs, seed=0):
    """Run day 0 of ``sc`` on ``plan`` for ``n_runs`` runs through weather, decisions, movement and supplies (the
    phases that decide where the party goes and what it finds); returns ``(today, state, food_at_start)``."""
    from longwalk.engine import compose, phases
    from longwalk.engine.random import Streams
    from longwalk.engine.simulate import build_party, initial_state

    party = build_party(sc, plan.track, plan.waypoint_names)
    streams = Streams(seed)
    run_ids = np.arange(n_runs)
    env = compose.Environment(party, run_ids, streams, fixed=sc.weather)
    state = initial_state(party, run_ids)
    food0 = state.food.copy()
    today = phases.Day(state, 0)
    with compose.quiet():
        phases.weather(state, party, env, streams, today)
        phases.decisions(state, party, env, today)
        phases.movement(state, party, env, today)
        phases.supplies(state, party, env, streams, today)
    return today, state, food0
