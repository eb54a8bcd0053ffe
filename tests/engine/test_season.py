"""The season in the engine: cold nights, winter marches and the water of the day (issue 9).

References (not the code under test):
- Cold raises energy needs: the US Military Recommended Dietary Allowance is 4,500 kcal a day for men in environments
  colder than 14 °C (AR 40-25, 1985, as quoted in IOM 1996, Nutritional Needs in Cold and High-Altitude Environments,
  ch. 11), against 3,600 in temperate conditions [M: the temperate MRDA from memory].  The same walk in winter must
  cost more than in summer.
- People survive a night in the open at +6 °C in ordinary clothes (Tikuisis 1995: clothed survival > 24 h down to
  −10 °C); a night at −30 °C without bedding, shelter or fire is lethal (Tikuisis 1995: < 2 h nude, 4-9 h lightly
  clothed at −30 to −50 °C).
"""

from __future__ import annotations

from collections import Counter
from types import SimpleNamespace

import numpy as np
from engine_helpers import flat_track, person, plan_for, scenario

from longwalk.engine import compose
from longwalk.engine.simulate import simulate
from longwalk.models import altitude, water

JANUARY = dict(air_temperature_max=-37.0, air_temperature_min=-44.0, wind_speed=3.0, relative_humidity=0.7)
JULY = dict(air_temperature_max=28.0, air_temperature_min=15.0, wind_speed=3.0, relative_humidity=0.5)


def _bare_supplies(food_kg=60.0):
    return dict(food=[dict(kind="rations", mass=food_kg, energy_density=4000.0)], water=6.0, water_capacity=4.0,
                sleeping_insulation=0.0, shelter="none", fire="none")


def test_the_same_walk_costs_more_in_winter_than_in_summer():
    track = flat_track(length=300_000.0, n=301, water=True)
    energy = {}
    for name, weather, start in (("winter", JANUARY, "2021-01-10"), ("summer", JULY, "2021-07-10")):
        sc = scenario([person("a", body_mass=75.0, clothing_insulation=3.0)], weather=weather, start=start,
                      max_days=12)
        d = simulate(sc, n_runs=10, seed=1, plan=plan_for(track)).daily
        walking = d.status[:, :10, 0] == 1
        assert np.all(d.distance[:, :10, 0][walking].mean() > 5_000.0)
        energy[name] = d.energy_expenditure[:, :10, 0][walking].mean()
    assert energy["winter"] > 1.03 * energy["summer"], energy


def test_a_june_night_at_plus_6_does_not_kill_a_fit_man_without_gear():
    sc = scenario([person("a", body_mass=80.0, height=1.80, clothing_insulation=1.0)], supplies=_bare_supplies(),
                  weather=dict(air_temperature_max=14.0, air_temperature_min=6.0, wind_speed=5.0,
                               relative_humidity=0.7), start="2021-06-10", max_days=10)
    r = simulate(sc, n_runs=30, seed=2, plan=plan_for(flat_track(water=True)))
    causes = Counter(f.cause for row in r.fates for f in row if f.cause)
    assert causes["hypothermia"] == 0, causes


def test_a_minus_30_night_in_the_open_without_bedding_or_fire_kills():
    sc = scenario([person("a", clothing_insulation=1.5)], supplies=_bare_supplies(),
                  weather=dict(air_temperature_max=-25.0, air_temperature_min=-32.0, wind_speed=3.0,
                               relative_humidity=0.7), start="2021-01-10", max_days=4)
    r = simulate(sc, n_runs=30, seed=2, plan=plan_for(flat_track(water=True)))
    hypothermia = [f.day for row in r.fates for f in row if f.cause == "hypothermia"]
    assert len(hypothermia) >= 25 and max(hypothermia) <= 2, hypothermia


def test_the_engines_day_of_water_is_the_models_day():
    """engine.compose.daily_water_loss is models.water.daily_water_loss with the engine's weather rules (a night walk
    at min + 25 % of the span, rest in daylight at the daylight's mean air and at night at the night's, 8 h of sleep at
    night or, after a night's walk, in the daylight, clothing shed in the heat, urine at the deficit of the day's
    start)."""
    n = 3
    c = SimpleNamespace(air_temperature_min=np.array([20.0, 25.0, 5.0]),
                        air_temperature_max=np.array([35.0, 40.0, 15.0]),
                        relative_humidity=np.array([0.3, 0.2, 0.6]), wind_speed=np.array([2.0, 4.0, 0.0]),
                        precipitation=np.zeros(n), elevation=np.array([0.0, 1500.0, 300.0]),
                        day_length=np.array([14.0, 12.0, 10.0]))
    party = SimpleNamespace(height=np.array([1.75, 1.60]), clothing_insulation=np.array([1.0, 2.0]))
    state = SimpleNamespace(body_mass=np.array([[70.0, 55.0]] * n),
                            water_deficit=np.array([[0.0, 1.1], [3.5, 0.0], [0.7, 22.0]]))
    mv = SimpleNamespace(hours=np.array([[8.0, 8.0], [0.0, 6.0], [9.0, 0.0]]),
                         walking_power=np.full((n, 2), 300.0), speed=np.full((n, 2), 1.2))
    plan = SimpleNamespace(night=np.array([True, False, False]))
    with compose.quiet():
        engine = compose.daily_water_loss(party, state, c, mv, plan, 2.0)
        span = c.air_temperature_max - c.air_temperature_min
        t_walk = (c.air_temperature_min + np.where(plan.night, 0.25, 0.85) * span)[:, None] * np.ones((n, 2))
        # the sinusoidal day's mean over the daylight centred on the maximum, and over the night on the minimum
        x_day, x_night = np.pi * c.day_length / 24.0, np.pi * (24.0 - c.day_length) / 24.0
        t_day = (c.air_temperature_min + span * (1.0 + np.sin(x_day) / x_day) / 2.0)[:, None]
        t_night = (c.air_temperature_min + span * (1.0 - np.sin(x_night) / x_night) / 2.0)[:, None]
        # daylight not walked: by day 14 − 8 = 6 h (run 0 walks by night: all 14 h), 12 h and 10 − 9 = 1 h, and all
        # the daylight for those who do not walk
        day_rest = np.array([[14.0, 14.0], [12.0, 6.0], [1.0, 10.0]])
        clo = np.clip(np.minimum(party.clothing_insulation, np.maximum(0.5, (20.0 - t_walk) / 10.0)), 0.3, 4.0)
        t_rad = np.where(plan.night[:, None], t_walk, t_walk + 15.0)
        air = np.maximum(c.wind_speed * 2 / 3, 0.4)[:, None]
        models = water.daily_water_loss(state.body_mass, party.height, mv.walking_power, mv.hours, mv.speed, t_walk,
                                        t_day, c.relative_humidity[:, None], air, clo,
                                        walking_radiant_temperature=t_rad,
                                        barometric_pressure=altitude.barometric_pressure(c.elevation)[:, None],
                                        night_air_temperature=t_night, daylight_resting_hours=day_rest,
                                        sleeping_hours=np.minimum(8.0, 24.0 - mv.hours),
                                        sleeping_by_day=plan.night[:, None] & (mv.hours > 0),
                                        # a deficit of 0, 2 %, 5 %, 0, 1 % and 40 % (held at 35 %) of body mass
                                        water_deficit=np.array([[0.0, 0.02], [0.05, 0.0], [0.01, 0.35]])).total
    np.testing.assert_allclose(engine, models, rtol=1e-12)


def test_heat_stops_a_day_walker_without_water_but_not_one_who_drinks():
    """SAS Survival Handbook (Wiseman, after Adolph 1947): at 48 °C without water a man walking by day 'would be lucky
    to complete 8 km before you collapse'.  The engine caps the hours walked in the heat at heat exhaustion
    (models.water.heat_tolerance_hours): the dry walker stops within a few hours, one who carries water walks on."""
    hot = dict(air_temperature_max=48.0, air_temperature_min=33.0, wind_speed=2.0, relative_humidity=0.15)
    first_day = {}
    for name, carried in (("dry", 0.0), ("drinking", 30.0)):
        sup = dict(food=[dict(kind="rations", mass=10.0, energy_density=4000.0)], water=carried,
                   water_capacity=max(carried, 1.0), sleeping_insulation=0.0, shelter="none", fire="none")
        sc = scenario([person("a", body_mass=70.0, height=1.75, clothing_insulation=0.5)], supplies=sup,
                      weather=hot, policy=dict(night_travel_above=60.0), start="2021-07-10", max_days=2)
        d = simulate(sc, n_runs=5, seed=3, plan=plan_for(flat_track(water=False))).daily
        first_day[name] = float(d.distance[:, 0, 0].mean())
    assert first_day["dry"] < 15_000.0, first_day
    assert first_day["drinking"] > 1.5 * first_day["dry"], first_day
