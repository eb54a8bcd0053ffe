"""A short built-in journey (the Walker's Haute Route, a week for three walkers) and its cached route plan."""

from __future__ import annotations

import pytest
from play_helpers import SCENARIO, SEED


@pytest.fixture(scope="session")
def scenario():
    from longwalk.scenario import load_scenario

    return load_scenario(SCENARIO, [])


@pytest.fixture(scope="session")
def plan(scenario):
    from longwalk.engine.plan import plan_journey

    return plan_journey(scenario, need_climate=scenario.weather is None)


@pytest.fixture(scope="session")
def reference(scenario, plan):
    """`longwalk run`'s journey at SEED: the engine's batch simulation of run 0."""
    from longwalk.engine import simulate

    return simulate(scenario, 1, seed=SEED, plan=plan)
