"""Whole journeys on small made-up tracks with hand-checkable outcomes.

References used here (not the code under test):
- Days of survival without water, resting in the shade, by maximum shade temperature: 120 °F (49 °C) 2 days,
  110 °F (43 °C) 3, 100 °F (38 °C) 5, 90 °F (32 °C) 7 — Adolph EF (1947) *Physiology of Man in the Desert*, as
  tabulated in US Army FM 21-76 *Survival* (1970), ch. on water [M: the table as commonly reproduced].
- models.hazards.lost_hazard: darkness ×4, night blindness ×3 on the dark hours (its docstring), so walking only by
  night the night-blind should get lost ≈ 3 times as often as the sighted, and by day little more often.
- Walking speed: models.walking.daily_walking_speed (Tobler capped by the Bink fraction of VO2max over the march,
  its FM 21-18 halts included), checked there against published values; here the arrival day is the route length
  over that speed times the hours walked.
"""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pytest
from engine_helpers import constant_climate, flat_track, person, plan_for, scenario

from longwalk.engine.records import Status, fact
from longwalk.engine.registry import FactKind
from longwalk.engine.simulate import simulate
from longwalk.models import walking, water


def _no_water_in_heat(tmax, tmin, n_runs=100):
    return simulate(r_scenario_heat(tmax, tmin), n_runs=n_runs, seed=3, plan=plan_for(flat_track()))


def test_no_water_in_heat_dies_of_dehydration_in_adolphs_time():
    r = _no_water_in_heat(45.0, 30.0)
    causes = Counter(f.cause for row in r.fates for f in row)
    assert causes == {"dehydration": 200}, causes
    survived = np.array([f.day + 1 for row in r.fates for f in row])  # days begun alive
    # Adolph/FM 21-76: 3 days at 43 °C, 2 days at 49 °C → about 2.5-3 at 45 °C; allow a factor 1.5 either way
    assert 2.5 / 1.5 <= np.median(survived) <= 3.0 * 1.5
    r32 = _no_water_in_heat(32.0, 20.0)
    survived32 = np.array([f.day + 1 for row in r32.fates for f in row])
    assert 7 / 1.5 <= np.median(survived32) <= 7 * 1.5
    assert np.median(survived32) > np.median(survived)


def test_no_water_deficit_grows_by_the_models_water_balance():
    r = _no_water_in_heat(45.0, 30.0, n_runs=5)
    d = r.daily
    deficit_kg = d.water_deficit[:, 0, :] * d.body_mass[:, 0, :]
    mass = d.body_mass[:, 0, :] + deficit_kg
    assert np.all(d.water_intake[:, 0, :] == 0.0)
    # balance of day 0: losses (recorded) + faeces - metabolic water of the fat and lean burnt - tissue water
    fat0 = np.array([72.0 * 0.15, 58.0 * 0.25])
    lean0 = np.array([72.0, 58.0]) - fat0
    fat1 = d.fat_mass[:, 0, :]
    lean1 = mass - fat1  # recorded body mass = fat + lean - deficit
    gain = water.metabolic_water(np.maximum(fat0 - fat1, 0.0), 0.0, 0.0) + \
        water.tissue_water_release(np.maximum(lean0 - lean1, 0.0))
    expected = d.water_loss[:, 0, :] + water.faecal_water_loss(d.energy_intake[:, 0, :]) - gain
    # carbohydrate oxidation water is the part not reconstructed here (≤ 0.6 g per g of the day's food)
    carbohydrate_water = 0.6 * d.energy_intake[:, 0, :].max() / 4000.0 * 0.55
    np.testing.assert_allclose(deficit_kg, expected, atol=carbohydrate_water + 1e-3)
    # and the losses are those of a body resting in 45 °C heat: litres, not decilitres
    assert np.all(d.water_loss[:, 0, :] > 2.5)


def test_ample_food_and_water_in_mild_weather_arrives_on_time():
    track = flat_track(length=150_000.0, water=True)
    sc = scenario([person("a"), person("b", fitness=0.3), person("c", sex="female", body_mass=60, height=1.68,
                                                                 body_fat=0.25)],
                  weather=dict(air_temperature_max=18.0, air_temperature_min=8.0, relative_humidity=0.6),
                  policy=dict(hours_per_day=8.0, rest_every=0))
    r = simulate(sc, n_runs=40, seed=11, plan=plan_for(track))
    statuses = Counter(f.status for row in r.fates for f in row)
    assert statuses[Status.ARRIVED] >= 0.95 * 120, statuses
    # hand check of the pace: the slowest person's sustainable speed, 8 h a day, over 150 km
    vo2 = walking.baseline_vo2max(np.array([True, True, False]), np.array([30.0] * 3), np.array([0.6, 0.3, 0.6]))
    load = 5.0 + (60.0 + 6.0) / 3  # other load + a third of the food and water at the start
    # 8 h on the march, a 10-minute halt in every hour (FM 21-18): 6 h 40 min of walking
    walked = 8.0 * 50.0 / 60.0
    v = walking.daily_walking_speed(0.0, 1.1, np.array([72.0, 72.0, 60.0]), load, vo2, walked,
                                    halt_fraction=10.0 / 60.0).min()
    days = 150_000.0 / (v * walked * 3600)
    arrivals = [f.day for row in r.fates for f in row if f.status == Status.ARRIVED]
    # the load lightens as food is eaten, injuries slow: arrival within a day or two of the hand estimate
    assert math.floor(days) - 2 <= np.median(arrivals) <= math.ceil(days) + 2


def test_night_blind_get_lost_more_at_night():
    def lost_counts(tmax):
        sc = scenario([person("seeing"), person("blind", traits=["night_blindness"])],
                      weather=dict(air_temperature_max=tmax, air_temperature_min=tmax - 12.0, relative_humidity=0.3),
                      policy=dict(pace="own", leave_behind=True, night_travel_above=30.0), max_days=6)
        r = simulate(sc, n_runs=1500, seed=5, plan=plan_for(flat_track(length=1_000_000.0, n=1001, water=True)))
        c = Counter(i.person for i in r.incidents if i.kind == "lost")
        return c[0], c[1], r.daily.night_travel.mean()

    seeing_n, blind_n, night_share = lost_counts(35.0)  # hot: the party walks by night
    assert night_share > 0.9
    seeing_d, blind_d, day_share = lost_counts(20.0)  # mild: by day, camp work at dusk only
    assert day_share == 0.0
    assert 2.0 < blind_n / seeing_n < 3.6  # expected ≈ 3 (darkness × night blindness), fewer walk once lost
    assert blind_d / seeing_d < 1.7  # only the half hour of camp work in the dark differs
    assert blind_n > 3 * blind_d


def test_stay_put_does_not_move_and_no_resupply_gets_no_help():
    track = flat_track(water=True, settlement_distance=2_000.0, country="MN")
    base = dict(weather=dict(air_temperature_max=18.0, air_temperature_min=8.0), max_days=10)
    r = simulate(scenario([person("a")], policy=dict(stay_put=True), **base), n_runs=5, seed=1,
                 plan=plan_for(track))
    assert np.all(r.daily.route_position == 0.0)
    assert np.all(r.daily.hours_walked == 0.0)
    assert np.all(r.daily.halt == 5)
    # a party short of food (1 kg) asks at the settlements it camps by, unless resupply is off
    short = dict(food=[dict(kind="rations", mass=1.0, energy_density=4000.0)], water=6.0, water_capacity=4.0,
                 sleeping_insulation=4.0, shelter="tent", fire="matches")
    helped = simulate(scenario([person("a")], supplies=short, **base), n_runs=50, seed=1, plan=plan_for(track))
    alone = simulate(scenario([person("a")], supplies=short, policy=dict(resupply=False), **base), n_runs=50,
                     seed=1, plan=plan_for(track))
    assert any(i.kind == "food_bought" for i in helped.incidents)
    assert not any(i.kind in ("food_given", "food_bought", "betrayed") for i in alone.incidents)


def test_events_join_and_leave_at_waypoints():
    track = flat_track(length=100_000.0, water=True, waypoints=3)
    sc = scenario(
        [person("a"), person("b"), person("c", present=False)],
        route=[dict(name="Start", lat=45.0, lon=100.0), dict(name="Lake", lat=45.45, lon=100.0, rest_days=1),
               dict(name="End", lat=45.9, lon=100.0)],
        events=[dict(action="join", person="c", at_waypoint="Lake", reason="met at the lake"),
                dict(action="leave", person="b", at_waypoint="Lake", reason="stays")],
        weather=dict(air_temperature_max=18.0, air_temperature_min=8.0), max_days=30)
    r = simulate(sc, n_runs=10, seed=2, plan=plan_for(track, ("Start", "Lake", "End")))
    for row in r.fates:
        assert row[1].status == Status.LEFT and row[1].chain == (fact(FactKind.REASON, text="stays"),)
        assert row[2].status in (Status.ARRIVED, Status.DEAD)
    st = r.daily.status
    first_c = np.argmax(st[:, :, 2] != Status.ABSENT, axis=1)
    left_b = np.argmax(st[:, :, 1] == Status.LEFT, axis=1)
    assert np.array_equal(first_c, left_b)  # c joins the day b leaves: both at the lake
    lake = r.daily.route_position[np.arange(10), first_c, 0]
    assert np.allclose(lake, 50_000.0, atol=1.0)


def test_reproducible_and_independent_of_batching():
    track = flat_track(length=400_000.0, n=401, water=True)
    plan = plan_for(track, climate=constant_climate(track, tmean=2.0, tmin=-6.0, tmax=9.0, precip=2.0, wind=5.0))
    sc = scenario([person("a"), person("b", traits=["night_blindness"]), person("c", fitness=0.2)], max_days=25,
                  start="2020-03-01")
    batch = simulate(sc, n_runs=30, seed=9, plan=plan)
    again = simulate(sc, n_runs=30, seed=9, plan=plan)
    alone = simulate(sc, seed=9, run_ids=[17], plan=plan)
    other = simulate(sc, n_runs=30, seed=10, plan=plan)
    n = alone.n_days
    for name in ("route_position", "body_mass", "water_deficit", "status", "air_temperature_min", "snow_depth"):
        a = getattr(batch.daily, name)
        assert np.array_equal(a, getattr(again.daily, name))
        assert np.array_equal(a[17, :n], getattr(alone.daily, name)[0])
        assert not np.array_equal(a, getattr(other.daily, name)[:, : a.shape[1]]) or name == "status"
    assert [i for i in batch.incidents if i.run == 17] == alone.incidents
    assert batch.fates[17] == alone.fates[0]


def test_sandstorm_and_blizzard_flags_halt_walking():
    track = flat_track(water=True)
    plan = plan_for(track, climate=constant_climate(track, tmean=-12.0, tmin=-18.0, tmax=-6.0, precip=3.0,
                                                    wind=12.0, rh=0.8))
    sc = scenario([person("a")], max_days=20, start="2020-01-10")
    r = simulate(sc, n_runs=40, seed=4, plan=plan)
    bliz = (r.daily.weather_flags & 1).astype(bool)
    assert bliz.any()
    assert np.all(r.daily.hours_walked[:, :, 0][bliz] == 0.0)
    assert np.all(r.daily.halt[bliz] != 0)


@pytest.mark.parametrize("bad", [0, -1])
def test_bad_run_count(bad):
    from longwalk.errors import InputError

    with pytest.raises(InputError):
        simulate(scenario([person("a")]), n_runs=bad, plan=plan_for(flat_track()))


def test_finished_runs_dropped_from_a_batch_keep_their_story():
    # runs end on different days (deaths in the heat); the batch drops finished runs from its arrays
    r = _no_water_in_heat(38.0, 24.0, n_runs=60)
    ends = np.array([max(f.day for f in row) for row in r.fates])
    assert ends.min() < ends.max()  # so the batch did compact
    for k in (int(np.argmin(ends)), int(np.argmax(ends)), 7):
        alone = simulate(r_scenario_heat(38.0, 24.0), seed=3, run_ids=[k], plan=plan_for(flat_track()))
        n = alone.n_days
        assert n == ends[k] + 1
        for name in ("status", "body_mass", "water_deficit", "air_temperature_max"):
            batch = getattr(r.daily, name)
            assert np.array_equal(batch[k, :n], getattr(alone.daily, name)[0])
            assert np.all(batch[k, n:] == batch[k, n - 1])  # after the end: the final state
        assert np.all(r.daily.distance[k, n:] == 0.0)
        assert r.fates[k] == alone.fates[0]


def r_scenario_heat(tmax, tmin):
    return scenario(
        [person("a"), person("b", sex="female", body_mass=58.0, height=1.65, body_fat=0.25)],
        weather=dict(air_temperature_max=tmax, air_temperature_min=tmin, relative_humidity=0.2, wind_speed=2.0),
        supplies=dict(food=[dict(kind="dates", mass=20.0, energy_density=2800.0)], water=0.0, water_capacity=2.0,
                      shelter="tarp", fire="matches"),
        policy=dict(stay_put=True), max_days=40)


def test_fates_only_mode_keeps_the_same_story():
    track = flat_track(length=400_000.0, n=401, water=True)
    plan = plan_for(track, climate=constant_climate(track, tmean=-2.0, tmin=-10.0, tmax=5.0, precip=1.0, wind=4.0))
    sc = scenario([person("a"), person("b", traits=["night_blindness"])], max_days=20, start="2020-03-01")
    full = simulate(sc, n_runs=20, seed=4, plan=plan)
    lean = simulate(sc, n_runs=20, seed=4, plan=plan, incidents="fates")
    assert lean.fates == full.fates
    assert np.array_equal(lean.daily.body_mass, full.daily.body_mass)
    assert {i.kind for i in lean.incidents} <= {"death", "join", "leave", "arrive"}
    assert [i for i in full.incidents if i.kind in ("death", "arrive")] == \
        [i for i in lean.incidents if i.kind in ("death", "arrive")]


def test_a_finished_runs_record_does_not_depend_on_its_batch():
    # generated weather (not fixed), no water in the heat: runs end on different days, some before the batch
    # compacts; every run's daily record must equal the same run simulated alone, after its end as well
    track = flat_track()
    plan = plan_for(track, climate=constant_climate(track, tmean=31.0, tmin=23.0, tmax=39.0, precip=0.0, rh=0.2))
    sc = scenario([person("a"), person("b", fitness=0.3)],
                  supplies=dict(water=0.0, water_capacity=2.0, shelter="tarp", fire="matches"), max_days=30)
    batch = simulate(sc, n_runs=40, seed=5, plan=plan)
    ends = np.array([max(f.day for f in row) for row in batch.fates])
    assert ends.min() < ends.max()
    for k in np.argsort(ends)[:6]:
        alone = simulate(sc, seed=5, run_ids=[k], plan=plan)
        n = min(alone.n_days, batch.n_days)
        for name in ("air_temperature_max", "wind_speed", "body_mass", "status", "distance"):
            assert np.array_equal(getattr(batch.daily, name)[k, :n], getattr(alone.daily, name)[0, :n]), (k, name)
        tail = batch.daily.air_temperature_max[k, ends[k]:]
        assert np.all(tail == tail[0]), k  # after its end the record repeats the final day
