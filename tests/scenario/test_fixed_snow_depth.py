"""Fixed weather with snow on the ground: ``[weather] snow_depth`` is held every day and slows the walkers, as the
generator's snow does; it is validated against the deepest snow ever measured."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from longwalk.engine import simulate
from longwalk.engine.compose import snow_terrain_factor
from longwalk.errors import ScenarioError
from longwalk.models import walking
from longwalk.scenario import validate_scenario
from longwalk.scenario.schema import SNOW_DEPTH_RECORD, FixedWeather

_spec = importlib.util.spec_from_file_location("engine_helpers",
                                               Path(__file__).parents[1] / "engine" / "engine_helpers.py")
helpers = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(helpers)

COLD = dict(air_temperature_max=-2.0, air_temperature_min=-10.0, relative_humidity=0.7)


def test_snow_depth_is_optional_and_bounded_by_the_record():
    assert FixedWeather(**COLD).snow_depth == 0.0
    assert FixedWeather(**COLD, snow_depth=0.6).snow_depth == 0.6
    data = dict(name="t", start_date="2021-01-10", party=[helpers.person("a")],
                route=[dict(name="S", lat=45.0, lon=100.0), dict(name="E", lat=46.0, lon=100.0)],
                weather=dict(COLD, snow_depth=12.5))
    with pytest.raises(ScenarioError, match=r"weather\.snow_depth"):
        validate_scenario(data, path="walk.toml")
    data["weather"]["snow_depth"] = -0.1
    with pytest.raises(ScenarioError, match=r"weather\.snow_depth"):
        validate_scenario(data, path="walk.toml")
    assert SNOW_DEPTH_RECORD == pytest.approx(11.82)  # Mount Ibuki, 14 February 1927 (JMA)


def _first_day_km(snow_depth: float) -> tuple[float, np.ndarray]:
    track = helpers.flat_track(length=150_000.0, water=True)
    sc = helpers.scenario([helpers.person("a"), helpers.person("b")], start="2021-01-10", max_days=3,
                          weather=dict(COLD, snow_depth=snow_depth), policy=dict(hours_per_day=8.0))
    r = simulate(sc, n_runs=4, seed=5, plan=helpers.plan_for(track))
    return float(r.daily.route_position[:, 0, :].mean()) / 1000.0, np.asarray(r.daily.snow_depth)


def test_fixed_snow_is_on_the_ground_every_day_and_slows_the_walk():
    bare_km, bare_snow = _first_day_km(0.0)
    deep_km, deep_snow = _first_day_km(0.5)
    assert np.all(bare_snow == 0.0) and np.all(deep_snow == pytest.approx(0.5))
    # half a metre of settled snow: footprints held at η's 37 cm limit, η well above bare ground's (Ramaswamy 1966)
    eta = float(np.ravel(snow_terrain_factor(np.array([0.5])))[0])
    assert eta > 2.0 * walking.BARE_GROUND_TERRAIN
    assert deep_km < 0.75 * bare_km
