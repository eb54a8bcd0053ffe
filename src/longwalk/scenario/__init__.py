"""Scenario files: TOML, validated; the built-in scenarios ship in ``builtin/``."""

from longwalk.scenario.loader import (
    apply_override,
    builtin_scenarios,
    load_scenario,
    scenario_warnings,
    validate_scenario,
    with_sources,
)
from longwalk.scenario.schema import Event, Food, Person, Policy, Scenario, Supplies, Waypoint

__all__ = [
    "Event", "Food", "Person", "Policy", "Scenario", "Supplies", "Waypoint",
    "apply_override", "builtin_scenarios", "load_scenario", "scenario_warnings", "validate_scenario",
    "with_sources",
]
