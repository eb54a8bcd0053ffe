"""The season and the march in the engine's pace: short winter days, snow on the ground, halts, the Gobi team.

References used here (not the code under test):
- FM 21-18 Foot Marches (1990): a 10-minute halt in every hour of marching (the 50/10 rule).
- Snow costs more per metre than bare ground (Pandolf, Haisman & Goldman 1976: η = 1.30 + 0.082 D at imposed
  speeds; more in loose snow at the walker's own pace, Ramaswamy et al. 1966), and walkers on packed snow go about
  25 % slower than on bare ground (a snowshoer's rule, validation case pace-packed-snow-speed-ratio); a winter day
  at 60° N has about 6 hours of daylight, a summer day about 18.
- FM 31-70 Basic Cold Weather Manual (1968), 4-2a(1): in snow 61 cm or deeper a man on foot has 'almost no
  mobility' without skis or snowshoes.
- Documented Gobi foot crossings made 25-40 km a day, all of them supported by camels, vans or a trailer (scenario
  gobi-crossing-spring's sources); the scenario's team has two pack camels as Davenport's 2011 team had.
"""

from __future__ import annotations

import numpy as np
import pytest
from engine_helpers import constant_climate, flat_track, person, plan_for, scenario

from longwalk.engine.simulate import simulate

WARM = dict(clothing_insulation=3.0)  # dressed for the cold, so that cold injury does not stop the winter walk


def _walk(tmean, daylight, *, n_runs=8, start="2021-01-10", precip=0.4):
    track = flat_track(length=500_000.0, n=501, water=True, lat=60.0)
    table, _ = constant_climate(track, tmean=tmean, tmin=tmean - 5.0, tmax=tmean + 5.0, precip=precip, wind=2.0)
    day_length = np.full((track.x.size, 366), float(daylight))
    sc = scenario([person("a", **WARM), person("b", fitness=0.4, **WARM)],
                  supplies=dict(food=[dict(kind="rations", mass=12.0, energy_density=4000.0)], water=4.0,
                                water_capacity=4.0, sleeping_insulation=8.0, shelter="tent", fire="matches",
                                load_other=8.0),
                  policy=dict(hours_per_day=10.0, rest_every=0), max_days=8, start=start)
    r = simulate(sc, n_runs=n_runs, seed=2, plan=plan_for(track, climate=(table, day_length)))
    d = r.daily
    km_per_day = d.route_position[:, :8].max(axis=2)[:, -1] / 1000.0 / 8.0
    return float(np.median(km_per_day)), d


def test_a_winter_walk_is_slower_per_calendar_day_than_the_same_walk_in_summer():
    summer, ds = _walk(14.0, 18.0)
    winter, dw = _walk(-12.0, 6.0)
    snow_only, dn = _walk(-12.0, 18.0)
    dark_only, _ = _walk(14.0, 6.0)
    assert np.median(dw.snow_depth) > 0.05 and np.all(ds.snow_depth == 0.0)
    # the march fits in the daylight: 6 h of light, not the 10 h the policy asks for (on the first day, before a
    # search or thirst can change the day: a thirsty party pushes on to water for longer)
    assert dw.hours_walked.max() <= 6.0 + 1e-9 and ds.hours_walked[:, 0].max() == pytest.approx(10.0)
    # each cause slows the walk on its own: six hours of daylight instead of ten on the march; ~10 cm of snow
    # (footprints ~7.5 cm, η ~2.7), whose cost slows the preferred pace and makes the endurance cap bind
    assert dark_only < 0.75 * summer
    assert snow_only < 0.6 * summer
    assert winter < 0.6 * summer


def test_in_two_feet_of_snow_walkers_on_foot_have_almost_no_mobility_but_are_not_stopped():
    # FM 31-70 (1968) 4-2a(1): in snow 61 cm or deeper 'the individual has almost no mobility without the aid of
    # skis or snowshoes' (read as under 1 km/h on the march, less than half FM 21-18's 2.4 km/h cross-country);
    # Ramaswamy 1966's soldiers still marched in footprints 37 cm deep
    _, d = _walk(-12.0, 18.0, precip=1.5)
    walked = d.hours_walked[:, :8] > 0
    assert np.median(d.snow_depth[:, :8]) > 0.61
    rate = d.distance[:, :8][walked].sum() / 1000.0 / d.hours_walked[:, :8][walked].sum()
    assert 0.1 < rate < 1.0


@pytest.mark.slow
def test_the_gobi_team_makes_the_documented_daily_distance_of_gobi_foot_crossings():
    from longwalk.engine.records import Status
    from longwalk.scenario.loader import load_scenario

    sc = load_scenario("gobi-crossing-spring")
    r = simulate(sc, n_runs=20, seed=0)
    per_day = []
    for k in range(len(r.run_ids)):
        arrived = [f.day for f in r.fates[k] if f.status == Status.ARRIVED]
        days = max(arrived) + 1 if arrived else r.n_days
        per_day.append(r.daily.route_position[k, days - 1].max() / 1000.0 / days)
    assert 25.0 <= np.median(per_day) <= 40.0
