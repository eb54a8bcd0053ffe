"""The phases' contracts (landlab's component tests, for the engine): every phase reads and writes only the journey
state it declares in ``phases.CONTRACTS``, reads only the day's records of the phases it declares it needs, fills only
its own record, and that record is a frozen dataclass.  No phase reads ``Party.scenario``: policy, supplies and
context are the party's own declared fields."""

from __future__ import annotations

import copy
import dataclasses

import numpy as np
import pytest
from engine_helpers import constant_climate, flat_track, person, plan_for, scenario

from longwalk.engine import compose, phases
from longwalk.engine.random import Streams
from longwalk.engine.simulate import build_party, initial_state
from longwalk.engine.state import JourneyState

_DERIVED = {"alive": "status", "n_runs": "run_ids"}  # JourneyState properties: the fields they read
_DAY_INTERNAL = {"day", "shape", "keep", "chains", "incidents"}  # a Day's own bookkeeping, not a phase's record
_DAY_FIELDS = {name: record for record, cls in (
    ("provisions", phases.Provisions), ("mishaps", phases.Mishaps), ("body", phases.Body))
    for name in [f.name for f in dataclasses.fields(cls)]}  # Day properties: the record they read


class _Recording:
    """Stands for an object and notes which attributes are read and which are set."""

    def __init__(self, target, names=None):
        object.__setattr__(self, "_target", target)
        object.__setattr__(self, "_names", names or {})
        object.__setattr__(self, "reads", set())
        object.__setattr__(self, "writes", set())

    def __getattr__(self, name):
        self.reads.add(self._names.get(name, name))
        return getattr(self._target, name)

    def __setattr__(self, name, value):
        self.writes.add(name)
        setattr(self._target, name, value)


def _snapshot(state: JourneyState) -> dict:
    return {f.name: copy.deepcopy(getattr(state, f.name)) for f in dataclasses.fields(state)}


def _same(a, b) -> bool:
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.shape == b.shape and \
            np.array_equal(a, b, equal_nan=a.dtype.kind == "f")
    if dataclasses.is_dataclass(a) and dataclasses.is_dataclass(b):
        return all(_same(getattr(a, f.name), getattr(b, f.name)) for f in dataclasses.fields(a))
    return a is b or a == b


def _journeys():
    """Journeys that take the phases through most of their branches: a hot desert crossing by hungry, thirsty
    fugitives who leave the sick behind, past settlements and herders; a snowy march of a night-blind party."""
    desert = flat_track(water=False, settlement_distance=6_000.0, country="MN")
    hot = scenario([person("a"), person("b", traits=["ill"]), person("c", traits=["night_blindness", "frail"])],
                   supplies=dict(food=[dict(kind="rations", mass=1.0, energy_density=4000.0)], water=2.0,
                                 water_capacity=2.0, sleeping_insulation=1.0, shelter="none", fire="none"),
                   policy=dict(leave_behind=True, pace="own", night_travel_above=38.0, detour_distance=30.0),
                   max_days=8)
    hot = hot.model_copy(update={"context": "fugitives"})
    yield hot, plan_for(desert, climate=constant_climate(desert, tmean=30.0, tmin=20.0, tmax=42.0, precip=0.0,
                                                        rh=0.15, wind=9.0))
    snowy = flat_track(length=60_000.0, n=61, water=True, settlement_distance=40_000.0, country="RU", waypoints=3)
    cold = scenario([person("a", traits=["night_blindness"]), person("b", traits=["elderly"], age=70),
                     person("c", present=False)],
                    supplies=dict(food=[dict(kind="rations", mass=20.0, energy_density=4000.0)], water=2.0,
                                  water_capacity=2.0, sleeping_insulation=1.0, shelter="tarp", fire="matches"),
                    route=[dict(name="Start", lat=45.0, lon=100.0),
                           dict(name="Mid", lat=45.27, lon=100.0, buy_food=5.0, cache=2.0, cache_water=2.0),
                           dict(name="End", lat=45.54, lon=100.0)],
                    events=[dict(action="join", person="c", at_waypoint="Mid"),
                            dict(action="leave", person="b", on_date="2020-01-13", reason="turns back")],
                    max_days=8, start="2020-01-10")
    climate = constant_climate(snowy, tmean=-20.0, tmin=-28.0, tmax=-12.0, precip=2.0, wind=8.0)
    yield cold, plan_for(snowy, ("Start", "Mid", "End"), climate=climate)


@pytest.mark.parametrize("journey", list(range(2)))
def test_every_phase_reads_and_writes_only_what_it_declares(journey):
    sc, plan = list(_journeys())[journey]
    party = build_party(sc, plan.track, plan.waypoint_names)
    run_ids = np.arange(300)
    streams = Streams(7)
    env = compose.Environment(party, run_ids, streams, climate_table=plan.climate_table,
                              day_length_table=plan.day_length_table)
    state = initial_state(party, run_ids)
    seen: dict[str, tuple[set, set, set, set]] = {}
    kinds = set()
    with compose.quiet():
        state.weather_state = env.initial_weather_state(run_ids.size)
        for d in range(sc.max_days):
            state.day = d
            today = phases.Day(state, d)
            for contract in phases.CONTRACTS:
                before = _snapshot(state)
                slots = {name: getattr(today, name) for name in phases.Day.__slots__}
                s, p, t = _Recording(state, _DERIVED), _Recording(party), _Recording(today, _DAY_FIELDS)
                contract.run(s, p, env, streams, t)
                kinds |= {i.kind for i in today.incidents}
                changed = {name for name, value in before.items() if not _same(value, getattr(state, name))}
                made = {name for name in phases.Day.__slots__ if getattr(today, name) is not slots[name]}
                name = contract.phase.__name__
                reads, writes, needs, sets = seen.setdefault(name, (set(), set(), set(), set()))
                reads |= s.reads
                writes |= s.writes | changed
                needs |= t.reads - _DAY_INTERNAL
                sets |= (t.writes | made) - {"incidents"}
                assert "scenario" not in p.reads, f"{name} reads Party.scenario"
                if contract.makes is not None:
                    record = getattr(today, contract.makes)
                    assert dataclasses.is_dataclass(record) and record.__dataclass_params__.frozen, name
    # the journeys went through the branches the declarations are about (their incidents say so)
    assert kinds >= ({"left_behind", "betrayed", "food_given", "lost", "found", "water_found", "death"} if journey == 0
                     else {"join", "leave", "food_bought", "cache", "frostbite", "blizzard_halt", "waypoint"})
    for contract in phases.CONTRACTS:
        name = contract.phase.__name__
        reads, writes, needs, sets = seen[name]
        assert reads <= contract.reads, f"{name} reads undeclared {sorted(reads - contract.reads)}"
        assert writes <= contract.writes, f"{name} writes undeclared {sorted(writes - contract.writes)}"
        assert needs <= contract.needs | ({contract.makes} - {None}), \
            f"{name} reads the records {sorted(needs - contract.needs)} it does not declare"
        assert sets <= {contract.makes} - {None}, f"{name} sets {sorted(sets)}, declares {contract.makes}"


def test_the_contracts_cover_every_phase_once_in_order():
    names = [c.phase.__name__ for c in phases.CONTRACTS]
    assert names == ["weather", "decisions", "movement", "supplies", "incidents", "physiology", "deaths", "events"]
    fields = {f.name for f in dataclasses.fields(JourneyState)}
    made = [c.makes for c in phases.CONTRACTS if c.makes is not None]
    assert len(made) == len(set(made)) and set(made) <= set(phases.Day.__slots__)
    for c in phases.CONTRACTS:  # a declaration names real state fields and records of earlier phases only
        assert c.reads <= fields and c.writes <= fields, c.phase.__name__
        earlier = {e.makes for e in phases.CONTRACTS[: phases.CONTRACTS.index(c)]}
        assert c.needs <= earlier, c.phase.__name__
