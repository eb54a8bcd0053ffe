"""The registry of incident kinds, facts, causes, halts and flags: every member worded, every flag in days.csv."""

from __future__ import annotations

import csv
import io
from enum import IntFlag, StrEnum

import numpy as np
import pytest
from engine_helpers import flat_track, person, plan_for, scenario

from longwalk.engine import registry, simulate
from longwalk.engine.registry import Condition, IncidentKind, WeatherFlag
from longwalk.report import journal
from longwalk.report.export import write_days_csv


def test_every_registry_member_has_one_wording():
    journal.check_wording()  # raises naming any member without wording
    for reg, table in journal.wording_tables().items():
        assert {m.key for m in reg} == {k.key for k in table}, reg.__name__


def test_a_new_incident_kind_without_wording_stops_the_journal(monkeypatch):
    """A hazard added to the registry and not to the journal's wording table is caught, by name."""
    extended = StrEnum("IncidentKind", [(m.name, m.value) for m in IncidentKind] + [("SNOW_BLINDNESS", "snow_blind")])
    extended.key = property(lambda self: self.value)
    monkeypatch.setattr(registry, "IncidentKind", extended)
    with pytest.raises(LookupError, match="IncidentKind.SNOW_BLINDNESS"):
        journal.check_wording()


def test_a_new_condition_without_wording_stops_the_journal(monkeypatch):
    extended = IntFlag("Condition", [(m.name, m.value) for m in Condition] + [("SNOW_BLIND", 64)])
    extended.key = property(lambda self: self.name.lower())
    monkeypatch.setattr(registry, "Condition", extended)
    with pytest.raises(LookupError, match="Condition.SNOW_BLIND"):
        journal.check_wording()


def test_days_csv_names_every_flag():
    """Every condition and weather flag, one bit at a time, has its own name in the flags column."""
    from longwalk.report.export import _bits

    for flags in (Condition, WeatherFlag):
        names = [_bits(int(m), flags) for m in flags]
        assert names == [m.key for m in flags] and all(names)
        assert _bits(sum(int(m) for m in flags), flags).split("|") == names
    assert "left_behind" in [m.key for m in Condition]


def test_days_csv_shows_who_was_left_behind():
    """A party that leaves the ill behind (policy ``leave_behind``): days.csv flags them ``left_behind`` while they
    live apart from the party.  The ill walk half the policy's hours (``phases.ILL_HOURS``): 0.4 h a day leaves
    them 0.2 h, below the quarter hour a walker needs, so they cannot walk and are left on day 0."""
    sc = scenario([person("well"), person("ill", traits=["ill"])],
                  weather=dict(air_temperature_max=18.0, air_temperature_min=8.0),
                  policy=dict(leave_behind=True, hours_per_day=0.4), max_days=4)
    r = simulate(sc, n_runs=1, seed=0, plan=plan_for(flat_track(water=True)))
    assert (r.daily.flags[0, :, 1] & Condition.LEFT_BEHIND).all()
    assert not (r.daily.flags[0, :, 0] & Condition.LEFT_BEHIND).any()
    assert any(i.kind == IncidentKind.LEFT_BEHIND and i.person == 1 for i in r.incidents)
    rows = list(csv.DictReader(io.StringIO(write_days_csv(r))))
    flags = {(row["person"], int(row["day"])): row["flags"].split("|") for row in rows}
    assert all("left_behind" in flags[("ill", d)] for d in range(r.n_days))
    assert not any("left_behind" in flags[("well", d)] for d in range(r.n_days))
    assert np.isin(["left_behind"], [f for v in flags.values() for f in v]).all()


def test_alive_is_walking_resting_sick_or_lost_and_nothing_else():
    """JourneyState.alive by its range of codes names exactly the four statuses of the living, written out here."""
    from longwalk.engine.records import Status
    from longwalk.engine.state import JourneyState

    state = JourneyState.__new__(JourneyState)  # only the status is read
    state.status = np.array([[int(s) for s in Status]], dtype=np.int8)
    living = {Status.WALKING, Status.RESTING, Status.SICK, Status.LOST}
    assert state.alive[0].tolist() == [s in living for s in Status]
