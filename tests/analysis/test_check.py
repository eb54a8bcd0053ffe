"""`check_itinerary`: the must-shows of issue 12 (an impossible itinerary says so and names its constraint, an easy
one is feasible), the calibrated wording, and the claimed-conditions stretch."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import constant_climate, flat_track, itinerary, person, plan_for, scenario

from longwalk.analysis.check import Tally, check_itinerary, leg_plan
from longwalk.errors import InputError

RUNS = 30


def test_sixty_km_a_day_for_a_month_with_20_kg_is_impossible_and_the_distance_binds():
    # 1,800 km by 1 July from 1 June: 60 km a day for 30 days with 20 kg besides food and water.  The fastest
    # multi-week foot journeys average well under that (the Spartathlon's 246 km is one day and a half; the Bibbulmun
    # and Appalachian trail records are 50-75 km a day with support, from memory): the walker's 8 h a day at
    # Tobler's flat pace of 5 km h-1 give 40 km.
    sc, plan = itinerary(1800, "2020-07-01", party=[person("a")], max_days=40,
                         supplies=dict(food=[dict(kind="r", mass=40.0, energy_density=4000.0)], water=4.0,
                                       load_other=20.0))
    result = check_itinerary(sc, n_runs=RUNS, plan=plan)
    (leg,) = result.legs
    assert result.verdict == "impossible"
    assert leg.constraint == "daily distance"
    assert leg.tally.met == leg.tally.met_favourable == 0
    assert round(leg.needed) == 60 and leg.best < 60
    assert "impossible" in result.lines()[-1] and "60 km a day over the 30 days" in result.lines()[-1]


def test_an_easy_itinerary_is_feasible():
    # 150 km in up to 14 days on a flat track with water and 60 kg of food: 11 km a day
    sc, plan = itinerary(150, ["2020-06-05", "2020-06-15"], max_days=30)
    result = check_itinerary(sc, n_runs=RUNS, plan=plan)
    assert result.verdict == "feasible"
    assert result.legs[0].tally.met == RUNS
    assert result.legs[0].median > result.legs[0].needed


def test_a_month_without_water_is_impossible_and_water_binds():
    # Nobody survives a month without drinking: Adolph (1947, Physiology of Man in the Desert) gives about a week
    # at most resting in the shade at moderate temperatures (from memory).
    sc, plan = itinerary(400, ["2020-06-20", "2020-07-20"], max_days=60, climate=dict(tmax=30.0, tmin=18.0),
                         claimed_conditions=dict(no_water_days=30))
    result = check_itinerary(sc, n_runs=RUNS, plan=plan)
    (leg,) = result.legs
    (water,) = leg.conditions
    assert water.kind == "water" and water.tally.met == water.tally.met_favourable == 0
    assert water.best_days < 30
    assert result.verdict == "impossible" and "30 days without water" in result.evidence
    assert leg.constraint == "water (claimed)"


def test_the_stretch_without_water_has_no_water_on_it():
    sc, plan = itinerary(100, "2020-06-10", water=True)
    sub = leg_plan(plan, 0)
    assert not sub.track.water.any() and np.isinf(sub.track.settlement_distance).all()
    assert np.isnan(sub.track.annual_precipitation).all()
    assert sub.track.x[-1] == pytest.approx(plan.track.x[-1])


@pytest.mark.parametrize(("tally", "grade"), [
    (Tally(0, 0, 1000), "impossible"),
    (Tally(0, 3, 1000), "not seen as written"),
    (Tally(5, 40, 1000), "unlikely"),
    (Tally(100, 400, 1000), "possible"),
    (Tally(500, 900, 1000), "feasible"),
])
def test_grades_follow_their_thresholds(tally, grade):
    assert tally.grade == grade


def test_impossible_states_the_ensemble_and_its_upper_bound():
    # Wilson 95 % upper bound of 0 in 1,000 is 0.38 % (z²/(n+z²) = 3.8416/1003.8416)
    assert Tally(0, 0, 1000).words() == ("impossible: met in none of 1,000 runs with every uncertain input at its "
                                         "favourable end (nor as written; 95 % upper bound 0.38 %)")


def test_an_itinerary_without_claims_or_runs_is_refused():
    sc, plan = itinerary(100, "2020-06-10")
    bare = sc.model_copy(update={"route": tuple(w.model_copy(update={"claimed_date": None}) for w in sc.route)})
    with pytest.raises(InputError, match="claims no dates"):
        check_itinerary(bare, n_runs=5, plan=plan)
    with pytest.raises(InputError, match="--runs"):
        check_itinerary(sc, n_runs=0, plan=plan)


def test_a_leg_lost_to_a_late_start_says_how_late():
    # B (100 km) claimed in 2-20 June, C (200 km) by 6 June: the generous reading allows 4 days from 2 June for the
    # second 100 km, but a party walking 8 h a day on the flat (Tobler, 5 km h-1: 40 km a day at most) is not at B
    # before 4 June, and then has 2 days or less
    track = flat_track(length=200_000.0, n=201, water=True, waypoints=3)
    plan = plan_for(track, names=("A", "B", "C"), climate=constant_climate(track))
    sc = scenario([person("a")], max_days=20, route=[
        dict(name="A", lat=45.0, lon=100.0),
        dict(name="B", lat=45.9, lon=100.0, claimed_date=["2020-06-02", "2020-06-20"]),
        dict(name="C", lat=46.8, lon=100.0, claimed_date="2020-06-06")])
    result = check_itinerary(sc, n_runs=RUNS, plan=plan)
    first, second = result.legs
    assert first.tally.grade == "feasible"
    assert second.constraint == "daily distance" and second.tally.met == 0
    assert "days the claims allow, but the" in second.margin and "in the median" in second.margin


def test_the_stretch_without_water_keeps_each_legs_ground():
    import datetime as dt

    from longwalk.analysis.check import without
    from longwalk.engine.simulate import build_party

    track = flat_track(length=200_000.0, n=201, water=True, waypoints=3)
    plan = plan_for(track, names=("Start", "Mid", "End"))
    sc = scenario([person("a")], route=[dict(name="Start", lat=45.0, lon=100.0),
                                        dict(name="Mid", lat=45.9, lon=100.0, ground="loose_sand"),
                                        dict(name="End", lat=46.8, lon=100.0, ground="paved",
                                             claimed_date="2020-06-30")])
    sub_plan = leg_plan(plan, 0)
    sub = without(sc, "water", 5, 0, dt.date(2020, 6, 1))
    assert [w.ground for w in sub.route] == [None, "loose_sand", "paved"]
    np.testing.assert_allclose(sub_plan.track.waypoint_x, [0.0, 100_000.0, 200_000.0])
    party = build_party(sub, sub_plan.track, sub_plan.waypoint_names)
    np.testing.assert_array_equal(party.leg_terrain[1:], [2.1, 1.0])  # Soule & Goldman's loose sand and blacktop
    # from the middle waypoint on: one leg, the paved one
    sub = without(sc, "water", 5, 1, dt.date(2020, 6, 1))
    assert [w.ground for w in sub.route] == [None, "paved"]
    np.testing.assert_allclose(leg_plan(plan, 1).track.waypoint_x, [0.0, 100_000.0])
