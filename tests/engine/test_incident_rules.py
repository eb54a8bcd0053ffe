"""Injuries, illness, water treatment, and the time base of the planned route.

References used here (not the code under test):
- Tobler W (1993) hiking function: 6 exp(-3.5 |s + 0.05|) km/h; the routing's altitude factor is
  routing.costs.altitude_speed_fraction, applied as the mean of the step's two cells (routing.kernels.move_cost).
- A microfilter removes bacteria and protozoa, not viruses (Wilderness Medical Society field water guideline), so a
  party that filters its river water falls ill from it far less often than one that drinks it untreated.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest
from engine_helpers import flat_track, person, plan_for, scenario

from longwalk.engine.plan import bare_ground_time
from longwalk.engine.simulate import simulate
from longwalk.routing.costs import altitude_speed_fraction


def _tobler(slope):
    return 6.0 / 3.6 * np.exp(-3.5 * np.abs(np.asarray(slope) + 0.05))


def test_the_track_time_base_has_no_altitude_factor_but_keeps_the_crossing_time():
    # a route climbing from 3,000 to 5,000 m in 1 km steps, timed as the router times it: Tobler's time divided by
    # the mean of the two cells' altitude speed fractions, plus 2 h to ford a river on step 3
    z = np.linspace(3000.0, 5000.0, 6)
    d = np.r_[0.0, np.full(5, 1000.0)]
    slope = np.r_[0.0, np.diff(z) / 1000.0]
    bare = np.r_[0.0, d[1:] / _tobler(slope[1:])]
    frac = altitude_speed_fraction(z)
    routed = bare.copy()
    routed[1:] *= 0.5 * (1.0 / frac[:-1] + 1.0 / frac[1:])
    routed[3] += 7200.0
    route = SimpleNamespace(time=routed, elevation=z, cost_model="tobler",
                            crossings=[SimpleNamespace(kind="river", step=3, penalty=7200.0)])
    expected = bare.copy()
    expected[3] += 7200.0
    np.testing.assert_allclose(bare_ground_time(route), expected, rtol=1e-12)
    assert routed.sum() > 1.5 * bare.sum()  # the factor that is taken out is large at these heights


def _ill_days(tools, n_runs=40):
    track = flat_track(length=600_000.0, n=601, water=True)
    sc = scenario([person("a"), person("b"), person("c")],
                  supplies=dict(food=[dict(kind="rations", mass=80.0, energy_density=4000.0)], water=6.0,
                                water_capacity=4.0, sleeping_insulation=4.0, shelter="tent", fire="none",
                                tools=tools),
                  weather=dict(air_temperature_max=18.0, air_temperature_min=8.0), max_days=20)
    r = simulate(sc, n_runs=n_runs, seed=4, plan=plan_for(track))
    return sum(1 for i in r.incidents if i.kind == "illness")


@pytest.mark.slow
def test_a_party_that_filters_its_river_water_falls_ill_far_less_often():
    untreated = _ill_days([])
    filtered = _ill_days(["water_filter"])
    assert untreated >= 20  # river water drunk untreated for 20 days by three people: bouts are common
    assert filtered < 0.5 * untreated
