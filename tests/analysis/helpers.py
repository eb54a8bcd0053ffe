"""Small itineraries on made-up flat tracks for the analysis tests (the engine tests' helpers)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "engine"))
from engine_helpers import constant_climate, flat_track, person, plan_for, scenario  # noqa: E402,F401


def itinerary(length_km, claimed, party=None, climate=None, water=True, claimed_conditions=None, **kw):
    """A two-waypoint journey of ``length_km`` on a flat track whose end is claimed on ``claimed``; returns
    ``(scenario, plan)``."""
    track = flat_track(length=length_km * 1000.0, n=int(length_km) + 1, water=water)
    plan = plan_for(track, climate=constant_climate(track, **(climate or {})))
    end = dict(name="End", lat=45.0 + length_km / 111.0, lon=100.0, claimed_date=claimed)
    if claimed_conditions:
        end["claimed_conditions"] = claimed_conditions
    sc = scenario(party or [person("a"), person("b")], route=[dict(name="Start", lat=45.0, lon=100.0), end], **kw)
    return sc, plan
