"""A game session: one run of the engine, stepped a day at a time, with the player's decisions as its policy.

The session calls the engine's phases in the order of :func:`longwalk.engine.simulate._loop` (weather → decisions →
movement → supplies → incidents → physiology → deaths → events), for one run, and records each day with the
engine's own recorder.  The player's decisions are a :class:`Decisions`; before each day they become the scenario's
``policy`` (the phases read ``party.policy`` every day), so a game played with the default decisions is the
policy of the scenario unchanged and tells the same story as ``longwalk run`` at the same seed.

Every random draw is a pure function of ``(seed, run, day, draw)`` (:mod:`longwalk.engine.random`), so the state
of a game is its scenario, seed, route choices and the decisions in force each day: replaying them gives the same
journey.  A saved game holds those and the state arrays at the save; loading replays the decisions and checks
that the replay reaches the saved arrays exactly (:mod:`longwalk.play.save`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field

import numba
import numpy as np

from longwalk.engine import compose, phases
from longwalk.engine.plan import JourneyPlan, day_length_tables, plan_journey
from longwalk.engine.random import Streams
from longwalk.engine.records import Incident, JourneyResult, Status, condition_onsets
from longwalk.engine.simulate import _joins_pending, _Recorder, build_party, fate_fields, initial_state
from longwalk.errors import InputError
from longwalk.scenario.schema import Scenario

NIGHT_CHOICES = ("as planned", "always", "never")
"""When the party walks by night: when the day is hotter than the scenario's ``night_travel_above`` (as planned),
every night, or never."""
ALWAYS_NIGHT = -100.0  # [°C] a night_travel_above no day's maximum is below: walk every night
NEVER_NIGHT = 100.0  # [°C] one no day's maximum exceeds: never walk by night


@dataclass(frozen=True)
class Decisions:
    """What the player decides for the days ahead: the levers of ``scenario.policy`` a leader holds.

    ``rest`` halts the party for the next day only (the engine's "staying put": nobody walks, everyone forages
    round the camp).  ``turned_away`` names people whose joining (a scenario ``join`` event) the party refuses.
    """

    hours_per_day: float  # [h] walking hours on a walking day
    ration: float  # [kcal] per person per day
    forage_hours: float  # [h] per day
    night: str  # one of NIGHT_CHOICES
    leave_behind: bool  # walk on without those who cannot walk
    resupply: bool  # seek food and water at settlements
    wait_out_storms: bool
    rest: bool = False
    turned_away: tuple[str, ...] = ()

    @classmethod
    def of(cls, scenario: Scenario) -> Decisions:
        """The scenario's own policy, as decisions: playing these is ``longwalk run``."""
        p = scenario.policy
        return cls(hours_per_day=p.hours_per_day, ration=p.ration, forage_hours=p.forage_hours, night="as planned",
                   leave_behind=p.leave_behind, resupply=p.resupply, wait_out_storms=p.wait_out_storms)

    def policy(self, scenario: Scenario):
        """The scenario's policy with these decisions in it (unchanged where they are the scenario's own)."""
        base = scenario.policy
        night = {"as planned": base.night_travel_above, "always": ALWAYS_NIGHT, "never": NEVER_NIGHT}[self.night]
        return base.model_copy(update={
            "hours_per_day": float(self.hours_per_day), "ration": float(self.ration),
            "forage_hours": float(self.forage_hours), "night_travel_above": night,
            "leave_behind": bool(self.leave_behind), "resupply": bool(self.resupply),
            "wait_out_storms": bool(self.wait_out_storms), "stay_put": bool(base.stay_put or self.rest)})

    def to_json(self) -> dict:
        return {k: (list(v) if isinstance(v, tuple) else v) for k, v in dataclasses.asdict(self).items()}

    @classmethod
    def from_json(cls, data: dict) -> Decisions:
        names = {f.name for f in dataclasses.fields(cls)}
        if not isinstance(data, dict) or set(data) != names:
            raise InputError(f"decisions: expected the fields {', '.join(sorted(names))}")
        data = dict(data)
        data["turned_away"] = tuple(data["turned_away"])
        out = cls(**data)
        if out.night not in NIGHT_CHOICES:
            raise InputError(f"decisions.night: {out.night!r}; valid: {', '.join(NIGHT_CHOICES)}")
        return out


LIMITS = {"hours_per_day": (1.0, 18.0), "ration": (0.0, 8000.0), "forage_hours": (0.0, 12.0)}
"""The ranges ``scenario.schema.Policy`` allows for the stepped levers (hours_per_day must be above 0)."""


def skippable_waypoints(scenario: Scenario) -> tuple[str, ...]:
    """Waypoints the party may go round: not the start or the end, and no event (a join, a leave) happens there."""
    evented = {e.at_waypoint for e in scenario.events if e.at_waypoint}
    return tuple(w.name for w in scenario.route[1:-1] if w.name not in evented)


def route_variant(scenario: Scenario, skip: tuple[str, ...]) -> Scenario:
    """The scenario with the waypoints ``skip`` left out (the way round them); the route is planned afresh."""
    allowed = set(skippable_waypoints(scenario))
    bad = [s for s in skip if s not in allowed]
    if bad:
        raise InputError(f"skip: {', '.join(bad)} cannot be gone round; valid: {', '.join(sorted(allowed)) or 'none'}")
    if not skip:
        return scenario
    return scenario.model_copy(update={"route": tuple(w for w in scenario.route if w.name not in set(skip))})


@dataclass
class DaySummary:
    """What one stepped day brought: its number and incidents."""

    day: int
    incidents: list[Incident] = field(default_factory=list)


class Session:
    """One run of a scenario, stepped by the player.

    Parameters
    ----------
    scenario : Scenario
        The scenario as loaded (its policy gives the default decisions).
    seed : int
        The ensemble seed; the game is run 0 of it, as ``longwalk run`` is.
    skip : tuple of str
        Waypoints gone round (:func:`skippable_waypoints`), chosen before setting out.
    plan : JourneyPlan, optional
        A prepared plan of the route (tests); default the cached season plan of the route.
    """

    def __init__(self, scenario: Scenario, seed: int = 0, skip: tuple[str, ...] = (), plan: JourneyPlan | None = None):
        self.base = scenario
        self.seed = int(seed)
        self.skip = tuple(skip)
        self.scenario = route_variant(scenario, self.skip)
        fixed = self.scenario.weather
        if plan is None:
            plan = plan_journey(self.scenario, need_climate=fixed is None)
        if plan.day_length_table is None and plan.route is not None:
            plan.day_length_table = day_length_tables(plan.track)
        if plan.route is not None and getattr(plan.route, "crossings", None):
            plan.track.crossing_text = tuple(phases.crossing_fact(c) for c in plan.route.crossings)  # as simulate
        self.plan = plan
        self.party = build_party(self.scenario, plan.track, plan.waypoint_names)
        self.run_ids = np.zeros(1, dtype=np.int64)
        self.streams = Streams(self.seed)
        self.env = compose.Environment(self.party, self.run_ids, self.streams, climate_table=plan.climate_table,
                                       fixed=fixed, day_length_table=plan.day_length_table)
        self.state = initial_state(self.party, self.run_ids)
        with compose.quiet():
            self.state.weather_state = self.env.initial_weather_state(1)
        self.recorder = _Recorder(1, self.scenario.max_days, self.party.n_people)
        self.incidents: list[Incident] = []
        self.decisions = Decisions.of(self.scenario)
        self.history: list[tuple[int, Decisions]] = []  # (first day, decisions in force from it)
        self.n_days = 0
        self.over = False
        self._events = (self.party.event_join, self.party.event_person, self.party.event_waypoint,
                        self.party.event_day, self.party.event_reason)

    # --- stepping ---------------------------------------------------------------------------------------------

    @property
    def day(self) -> int:
        """The next day to walk (0 before the first)."""
        return self.n_days

    @property
    def date(self) -> dt.date:
        return self.scenario.start_date + dt.timedelta(days=self.n_days)

    def decide(self, decisions: Decisions) -> None:
        """Set the decisions for the days ahead (from the next day stepped)."""
        known = {self.party.names[p] for p, j in zip(self._events[1], self._events[0], strict=True) if j}
        bad = [n for n in decisions.turned_away if n not in known]
        if bad:
            raise InputError(f"turned_away: {', '.join(bad)} is nobody who may join; valid: {', '.join(sorted(known))}")
        self.decisions = decisions

    def step(self, days: int = 1) -> list[DaySummary]:
        """Walk ``days`` days (fewer if the journey ends, or someone dies or joins: the player decides again)."""
        out = []
        for _ in range(max(int(days), 0)):
            if self.over:
                break
            summary = self._one_day()
            out.append(summary)
            if any(i.kind in ("death", "join", "leave", "lost", "left_behind") for i in summary.incidents):
                break
        return out

    def _apply(self) -> None:
        d = self.decisions
        if not self.history or self.history[-1][1] != d:
            self.history.append((self.n_days, d))
        policy = d.policy(self.scenario)
        self.party.policy = policy
        self.party.scenario = self.scenario.model_copy(update={"policy": policy})
        join, person, waypoint, day, reason = self._events
        keep = np.array([not (j and self.party.names[p] in d.turned_away) for j, p in zip(join, person, strict=True)],
                        bool)
        self.party.event_join, self.party.event_person = join[keep], person[keep]
        self.party.event_waypoint, self.party.event_day = waypoint[keep], day[keep]
        self.party.event_reason = tuple(r for r, k in zip(reason, keep, strict=True) if k)

    def _one_day(self) -> DaySummary:
        """One day of :func:`longwalk.engine.simulate._loop`, for this one run (the phases in the same order)."""
        self._apply()
        state, party, env, streams = self.state, self.party, self.env, self.streams
        d = self.n_days
        threads = numba.get_num_threads()
        numba.set_num_threads(1)  # as simulate does for small batches
        try:
            with compose.quiet():
                state.day = d
                today = phases.Day(state, d, None)
                phases.weather(state, party, env, streams, today)
                phases.decisions(state, party, env, today)
                phases.movement(state, party, env, today)
                phases.supplies(state, party, env, streams, today)
                phases.incidents(state, party, env, streams, today)
                phases.physiology(state, party, env, streams, today)
                phases.deaths(state, party, streams, today)
                phases.events(state, party, today)
                self.recorder.record(d, state, party, today, None)
        finally:
            numba.set_num_threads(threads)
        self.incidents.extend(today.incidents)
        state.conditions = today.conditions
        self.n_days = d + 1
        going = (state.alive | (state.status == Status.ABSENT) & _joins_pending(party, state)).any(axis=1)
        if not going.any() or self.n_days >= self.scenario.max_days:
            self.over = True
        if self.decisions.rest:  # a rest is for one day
            self.decisions = dataclasses.replace(self.decisions, rest=False)
        return DaySummary(day=d, incidents=list(today.incidents))

    # --- what the screens show --------------------------------------------------------------------------------

    def result(self) -> JourneyResult:
        """The journey so far as :func:`longwalk.engine.simulate` returns it (the days walked)."""
        if self.n_days == 0:
            raise InputError("no day has been walked yet")
        n = self.n_days
        daily = self._daily(n)
        incidents = list(self.incidents)
        return JourneyResult(
            scenario_name=self.scenario.name, seed=self.seed, run_ids=self.run_ids, start_date=self.scenario.start_date,
            n_days=n, people=self.party.names, waypoint_names=self.party.waypoint_names, route=self.plan.route,
            daily=daily, incidents=incidents, onsets=condition_onsets(daily.flags),
            **fate_fields(self.party, daily, incidents, self.run_ids))

    def _daily(self, n: int):
        """The recorder's (runs, days, ...) record of the first ``n`` days, without ending the recording.

        One run is never compacted and its record ends the day it ends, so this is what the recorder's ``finish``
        gives at the end."""
        from longwalk.engine.records import DailyRecord

        return DailyRecord(**{k: np.swapaxes(v[:n], 0, 1).copy() for k, v in self.recorder.a.items()})

    STATE_FIELDS = ("status", "position", "with_party", "body_mass", "fat_mass", "lean_mass", "glycogen",
                    "water_deficit", "injured_days", "ill_days", "lost_days", "frostbite", "altitude_sick",
                    "cold_debt", "party_position", "food", "water", "walking_days", "rest_left", "next_waypoint")
    """The journey state arrays a saved game keeps to check that its replay reaches them."""

    def state_arrays(self) -> dict[str, list]:
        """The state arrays of :data:`STATE_FIELDS` as JSON lists (float repr is exact)."""
        out = {}
        for name in self.STATE_FIELDS:
            v = np.asarray(getattr(self.state, name))
            out[name] = v.astype(float).tolist() if v.dtype.kind == "f" else v.astype(int).tolist()
        return out
