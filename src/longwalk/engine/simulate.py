"""``simulate``: run a scenario for a batch of runs, day by day, and collect what happened.

The batch is vectorised: state arrays are (runs, people) and every phase works on all runs at once.  Run *k*'s
story depends only on ``(seed, k)`` (counter-based random numbers, :mod:`longwalk.engine.random`), so a run is
the same whether it is simulated alone or among 10,000 — pass ``run_ids`` to simulate a slice of a larger
ensemble.
"""

from __future__ import annotations

import dataclasses
import mmap
from collections.abc import Callable

import numba
import numpy as np

from longwalk.engine import compose, phases
from longwalk.engine.random import Streams
from longwalk.engine.records import (
    CONDITION_BITS,
    DailyRecord,
    FateArrays,
    Fates,
    Incident,
    JourneyResult,
    Status,
    condition_onsets,
)
from longwalk.engine.registry import FATE_KINDS, FINAL_KINDS, Condition, Halt
from longwalk.engine.state import JourneyState, Party
from longwalk.engine.track import Track
from longwalk.errors import InputError
from longwalk.models import altitude, energy
from longwalk.models._validate import no_range_warnings
from longwalk.scenario.schema import FixedWeather, Scenario

PARALLEL_MIN_RUNS = 2000  # batches smaller than this run the numba kernels on one thread


def build_party(scenario: Scenario, track: Track, waypoint_names: tuple[str, ...] | None = None) -> Party:
    """The fixed arrays of a journey: people, traits, events, stops along ``track``."""
    if len(scenario.route) != track.waypoint_x.size:
        raise ValueError(f"scenario {scenario.name!r} has {len(scenario.route)} waypoints but the track "
                         f"{track.waypoint_x.size}: plan the track from this scenario's route")
    people = scenario.party
    names = tuple(p.name for p in people)
    male = np.array([p.sex == "male" for p in people])
    age = np.array([p.age for p in people], float)
    height = np.array([p.height for p in people], float)
    mass = np.array([p.body_mass for p in people], float)
    with compose.quiet():
        bmi = energy.body_mass_index(mass, height)
        est_fat = energy.body_fat_fraction(bmi, age, male.astype(float))
    fat_frac = np.array([p.body_fat if p.body_fat is not None else est_fat[i] for i, p in enumerate(people)])
    fat = mass * fat_frac

    def trait(t):
        return np.array([t in p.traits for p in people])

    wp_names = waypoint_names or tuple(w.name for w in scenario.route)
    wp_index = {w.name: i for i, w in enumerate(scenario.route)}
    ev = scenario.events
    event_join = np.array([e.action == "join" for e in ev], bool)
    event_person = np.array([names.index(e.person) for e in ev], int)
    event_waypoint = np.array([wp_index[e.at_waypoint] if e.at_waypoint else -1 for e in ev], int)
    event_day = np.array([(e.on_date - scenario.start_date).days if e.on_date else -1 for e in ev], int)

    rest_days = np.array([w.rest_days for w in scenario.route], int)
    n_wp = len(scenario.route)
    # a waypoint is a stop (the day's walk ends there) if it has a rest, an event, or is the last
    is_stop = rest_days > 0
    is_stop[event_waypoint[event_waypoint >= 0]] = True
    is_stop[-1] = True
    stop_x = np.empty(n_wp + 1)
    nxt = track.waypoint_x[-1]
    for w in range(n_wp - 1, -1, -1):
        if is_stop[w]:
            nxt = track.waypoint_x[w]
        stop_x[w] = nxt
    stop_x[n_wp] = track.waypoint_x[-1]

    with compose.quiet():
        rmr0 = energy.resting_metabolic_rate(mass, height, age, male.astype(float))
        offset = energy.resting_rate_offset(rmr0, fat, mass - fat)
    foods = scenario.supplies.food
    total_mass = sum(f.mass for f in foods)
    density = sum(f.mass * f.energy_density for f in foods) / total_mass if total_mass > 0 else 2500.0
    party = Party(
        scenario=scenario,
        policy=scenario.policy,
        supplies=scenario.supplies,
        context=scenario.context,
        names=names,
        male=male,
        age=age,
        height=height,
        body_mass=mass,
        fat_mass=fat,
        fitness=np.array([p.fitness for p in people], float),
        clothing_insulation=np.array([p.clothing_insulation for p in people], float),
        present=np.array([p.present for p in people]),
        night_blind=trait("night_blindness"),
        frail=trait("frail"),
        injured_leg=trait("injured_leg"),
        elderly=trait("elderly"),
        hardened=trait("hardened"),
        weak_lungs=trait("weak_lungs"),
        ill=trait("ill"),
        track=track,
        start_date=scenario.start_date,
        waypoint_names=wp_names,
        waypoint_rest_days=rest_days,
        event_join=event_join,
        event_person=event_person,
        event_waypoint=event_waypoint,
        event_day=event_day,
        event_reason=tuple(e.reason for e in ev),
    )
    party.stop_x = stop_x
    party.rmr0 = rmr0
    party.rmr_offset = offset
    # weight-stable intake before the journey and the non-walking activity in it (FAO/WHO/UNU 2004 PAL)
    party.baseline_intake = rmr0 * compose.BASELINE_PAL
    party.other_activity0 = rmr0 * (compose.BASELINE_PAL - 1.0) - 0.1 * party.baseline_intake
    party.food_energy_density = density
    party.acclimatised_altitude = np.array([p.acclimatised_altitude for p in people], float)
    party.waypoint_buy_food = np.array([w.buy_food for w in scenario.route], float)
    party.waypoint_cache = np.array([w.cache for w in scenario.route], float) * density
    party.waypoint_cache_water = np.array([w.cache_water for w in scenario.route], float)
    party.leg_terrain, party.leg_cart_resistance = compose.leg_grounds(scenario)
    return party


def initial_state(party: Party, run_ids: np.ndarray) -> JourneyState:
    """Everyone at the start, as the scenario describes them."""
    n_runs, n_p = run_ids.shape[0], party.n_people
    full = np.ones((n_runs, n_p))
    sc = party.scenario
    sup = sc.supplies
    present = np.broadcast_to(party.present, (n_runs, n_p)).copy()
    status = np.where(present, Status.WALKING, Status.ABSENT).astype(np.int8)
    food = sum(f.mass * f.energy_density for f in sup.food)
    n_present = int(party.present.sum())
    capacity = sup.water_capacity * n_present
    return JourneyState(
        run_ids=run_ids,
        day=0,
        status=status,
        position=np.zeros((n_runs, n_p)),
        with_party=present,
        body_mass=party.body_mass * full,
        fat_mass=party.fat_mass * full,
        lean_mass=(party.body_mass - party.fat_mass) * full,
        glycogen=np.full((n_runs, n_p), energy.GLYCOGEN_BASELINE),  # starvation: models.energy glycogen
        adaptive_thermogenesis=np.zeros((n_runs, n_p)),
        water_deficit=np.zeros((n_runs, n_p)),
        injured_days=np.where(party.injured_leg, 10_000, 0) * np.ones((n_runs, n_p), int),
        ill_days=np.where(party.ill, phases.ILLNESS_DAYS, 0) * np.ones((n_runs, n_p), int),
        lost_days=np.zeros((n_runs, n_p), int),
        frostbite=np.zeros((n_runs, n_p), bool),
        altitude_sick=np.zeros((n_runs, n_p), bool),
        # where each person lives or has stayed (the scenario's field; a lowlander by default), not the start's
        # elevation: a journey that starts high gives altitude illness to those who came up from the lowlands
        acclimatised_altitude=party.acclimatised_altitude * full,
        sleep_elevation=np.full((n_runs, n_p), float(party.track.elevation[0])),
        cold_debt=np.zeros((n_runs, n_p)),
        party_position=np.zeros(n_runs),
        food=np.full(n_runs, float(food)),
        water=np.full(n_runs, min(float(sup.water), capacity) if capacity > 0 else float(sup.water)),
        water_capacity=np.full(n_runs, float(capacity if capacity > 0 else sup.water)),
        walking_days=np.zeros(n_runs, int),
        rest_left=np.full(n_runs, int(party.waypoint_rest_days[0])),
        next_waypoint=np.ones(n_runs, int),
        detour_left=np.zeros(n_runs),
        last_detour_x=np.full(n_runs, -np.inf),
        detour_kind=np.zeros(n_runs, np.int8),
        detour_node=np.zeros(n_runs, int),
        camp_x=np.full(n_runs, -np.inf),
        camp_searched=np.zeros(n_runs),
        known_water=np.zeros(n_runs, bool),
        hape_pending=np.zeros((n_runs, n_p, altitude.HAPE_ONSET_NIGHTS)),
    )


HUGE_PAGES_FROM = 32 << 20  # [byte] record arrays at least this big are mapped on transparent huge pages


def _zeros(shape: tuple, dtype) -> np.ndarray:
    """``np.zeros(shape, dtype)``; a large one on anonymous memory advised for transparent huge pages (Linux).

    A 10,000-run record is about a gigabyte written once: on 4 KiB pages its first-touch page faults cost more
    than the writes themselves.  Where huge pages are not available this is plain ``np.zeros``.
    """
    dtype = np.dtype(dtype)
    count = int(np.prod(shape))
    if count * dtype.itemsize < HUGE_PAGES_FROM or not hasattr(mmap, "MADV_HUGEPAGE"):
        return np.zeros(shape, dtype)
    try:
        buf = mmap.mmap(-1, count * dtype.itemsize, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)
        buf.madvise(mmap.MADV_HUGEPAGE)
    except (OSError, ValueError, AttributeError):
        return np.zeros(shape, dtype)
    return np.frombuffer(buf, dtype=dtype, count=count).reshape(shape)  # anonymous memory is zero-filled


class _Recorder:
    """(runs, days, people) records, filled day by day and trimmed at the end.

    Stored day-major while recording — ``(days, runs, people)``, a day's state rows written as one contiguous
    block rather than one cache line and one page per run, or scattered to the rows of a compacted batch — and
    put in place once at the end: transposed into the usual run-major arrays, each stretch of days between two
    compactions scattered to its batch rows in one assignment.
    """

    PERSON = ("status", "route_position", "lat", "lon", "distance", "hours_walked", "energy_intake",
              "energy_expenditure", "body_mass", "fat_mass", "water_intake", "water_loss", "water_deficit", "flags")
    PARTY = ("elevation", "food_carried", "water_carried", "air_temperature_min", "air_temperature_max",
             "wind_speed", "precipitation", "snow_depth", "weather_flags", "night_travel", "halt")
    DTYPES = {"status": np.int8, "flags": np.uint8, "weather_flags": np.uint8, "night_travel": bool,
              "halt": np.int8}

    def __init__(self, n_runs: int, n_days: int, n_p: int):
        self.n_runs, self.max_days, self.n_p = n_runs, n_days, n_p
        self.closed: list[tuple[np.ndarray, int]] = []
        # All max_days at once: np.zeros maps untouched pages lazily, so the days a journey never reaches cost
        # address space only (growing in chunks copied every recorded day again at each growth).
        self.a = {
            k: _zeros((n_days, n_runs, n_p) if k in self.PERSON else (n_days, n_runs),
                      dtype=self.DTYPES.get(k, np.float32))
            for k in self.PERSON + self.PARTY
        }
        self._segments: list[tuple[int, np.ndarray | None]] = []  # (first day, batch rows of the state rows)
        self._rows = None

    @staticmethod
    def flags(state: JourneyState, sel=None) -> np.ndarray:
        """Each person's conditions at the end of the day (:class:`Condition` bits) in the runs ``sel``."""
        def at(v):
            return v if sel is None else v[sel]

        status = at(state.status)
        alive = (status >= Status.WALKING) & (status <= Status.LOST)  # JourneyState.alive on these rows
        return ((at(state.injured_days) > 0) * Condition.INJURED | (at(state.ill_days) > 0) * Condition.ILL
                | at(state.frostbite) * Condition.FROSTBITE | at(state.altitude_sick) * Condition.ALTITUDE_SICK
                | (status == Status.LOST) * Condition.LOST
                | (alive & ~at(state.with_party) & (status != Status.LOST)) * Condition.LEFT_BEHIND)

    def onsets(self, daily: DailyRecord) -> np.ndarray:
        """The conditions' onsets over the record (:attr:`JourneyResult.onsets`)."""
        return condition_onsets(daily.flags)

    @staticmethod
    def values(state: JourneyState, party: Party, today: phases.Day, sel=None) -> dict[str, np.ndarray]:
        """The day's record of the runs ``sel`` of ``state`` (an index or mask of its rows; all when None)."""
        def at(v):
            return v if sel is None else v[sel]

        track = party.track
        c = today.conditions
        status, position, body_mass = at(state.status), at(state.position), at(state.body_mass)
        flags = _Recorder.flags(state, sel)
        return {
            "status": status,
            "route_position": position,
            "lat": track.at("lat", position),
            "lon": track.at("lon", position),
            "distance": at(today.movement.distance),
            "hours_walked": at(today.movement.hours),
            "energy_intake": at(today.energy_intake),
            "energy_expenditure": at(today.energy_expenditure),
            "body_mass": body_mass,
            "fat_mass": at(state.fat_mass),
            "water_intake": at(today.water_intake),
            "water_loss": at(today.water_loss),
            "water_deficit": at(state.water_deficit) / np.maximum(body_mass, 1.0),
            "flags": flags,
            "elevation": track.at("elevation", at(state.party_position)),
            "food_carried": at(state.food),
            "water_carried": at(state.water),
            "air_temperature_min": at(c.air_temperature_min),
            "air_temperature_max": at(c.air_temperature_max),
            "wind_speed": at(c.wind_speed),
            "precipitation": at(c.precipitation),
            "snow_depth": at(c.snow_depth),
            "weather_flags": at(c.flags),
            "night_travel": at(today.plan.night),
            "halt": at(today.plan.halt),
        }

    def record(self, d: int, state: JourneyState, party: Party, today: phases.Day, rows=None, ending=None) -> None:
        """Record day ``d`` of the runs in ``state`` (rows ``rows`` of the batch; all when None).

        ``ending`` (a mask of the state's rows whose record ends today) is for :class:`_FinalRecorder`.
        """
        values = self.values(state, party, today)
        if rows is not self._rows or not self._segments:  # the batch was compacted: a new segment of days
            self._segments.append((d, rows))
            self._rows = rows
        m = state.n_runs
        for k, v in values.items():
            self.a[k][d, :m] = v  # state row i is batch row rows[i]: scattered into place once, in finish

    TRANSPOSE_BLOCK = 512  # runs

    FLUXES = ("distance", "hours_walked", "energy_intake", "energy_expenditure", "water_intake", "water_loss")

    def close_rows(self, rows: np.ndarray, last_day: int) -> None:
        """Runs that ended on ``last_day``: their later days repeat the final state, with no fluxes."""
        self.closed.append((np.asarray(rows), int(last_day)))

    def finish(self, n_days: int) -> DailyRecord:
        """The run-major ``(runs, days[, people])`` record of the first ``n_days`` days."""
        bounds = [d for d, _ in self._segments] + [n_days]
        block = self.TRANSPOSE_BLOCK
        out = {}
        for k in list(self.a):
            src = self.a.pop(k)
            dst = _zeros((self.n_runs, n_days) + src.shape[2:], dtype=src.dtype)
            for (d0, rows), d1 in zip(self._segments, bounds[1:], strict=True):
                if d1 <= d0:
                    continue
                if rows is None:  # in blocks of runs: a whole-array transpose thrashes the TLB
                    for r0 in range(0, self.n_runs, block):
                        dst[r0: r0 + block, d0:d1] = np.swapaxes(src[d0:d1, r0: r0 + block], 0, 1)
                else:
                    dst[rows, d0:d1] = np.swapaxes(src[d0:d1, : rows.size], 0, 1)
            for rows, last in self.closed:
                if last + 1 >= n_days:
                    continue
                if k in self.FLUXES or k in ("night_travel", "halt"):
                    dst[rows, last + 1: n_days] = Halt.DONE if k == "halt" else 0
                else:
                    dst[rows, last + 1: n_days] = dst[rows, last][:, None]
            out[k] = dst
        return DailyRecord(**out)


class _FinalRecorder(_Recorder):
    """The record of each run's last day only, ``(runs, 1[, people])``: what the fates and an ensemble's summary
    read, without the whole day record (about 130 KiB a run).

    A run's last day is written on the day its record ends (or on the last day simulated); it is the full record's
    last day: a run that ended earlier repeats its final state with no fluxes, as :meth:`_Recorder.finish` does.
    """

    def __init__(self, n_runs: int, n_days: int, n_p: int):
        self.n_runs, self.max_days, self.n_p = n_runs, n_days, n_p
        self.closed = []
        self.a = {k: np.zeros((n_runs, 1, n_p) if k in self.PERSON else (n_runs, 1),
                              dtype=self.DTYPES.get(k, np.float32))
                  for k in self.PERSON + self.PARTY}
        self._written = np.zeros(n_runs, bool)
        self._flags = np.zeros((n_runs, n_p), dtype=np.uint8)  # yesterday's conditions
        self._onsets = np.zeros((n_runs, n_p, len(CONDITION_BITS)), dtype=np.int16)

    def record(self, d: int, state: JourneyState, party: Party, today: phases.Day, rows=None, ending=None) -> None:
        last = d == self.max_days - 1
        all_rows = np.arange(state.n_runs) if rows is None else rows
        # the conditions' onsets, counted up to the day each run's record ends (as the full record's flags)
        going = np.flatnonzero(~self._written[all_rows])
        flags = self.flags(state, going).astype(np.uint8)
        came_on = flags & ~self._flags[all_rows[going]]
        for i, bit in enumerate(CONDITION_BITS):
            self._onsets[all_rows[going], :, i] += (came_on & int(bit)) != 0
        self._flags[all_rows[going]] = flags
        sel = np.flatnonzero(~self._written[all_rows]) if last else np.flatnonzero(ending)
        if sel.size == 0:
            return
        for k, v in self.values(state, party, today, sel).items():
            self.a[k][all_rows[sel], 0] = v
        self._written[all_rows[sel]] = True

    def finish(self, n_days: int) -> DailyRecord:
        for rows, last in self.closed:
            if last + 1 < n_days:
                for k in self.FLUXES + ("night_travel", "halt"):
                    self.a[k][rows, 0] = Halt.DONE if k == "halt" else 0
        return DailyRecord(**self.a)

    def onsets(self, daily: DailyRecord) -> np.ndarray:
        return self._onsets


RECORDS = ("full", "fates")
INCIDENT_LEVELS = ("all", "fates", "causes")
"""What :func:`simulate` records: every day of every run, or each run's last day (``daily`` then has one day)."""


def simulate(
    scenario: Scenario,
    n_runs: int = 1,
    seed: int = 0,
    atlas=None,
    run_ids=None,
    progress: Callable[[int, JourneyState], None] | None = None,
    weather_override: FixedWeather | None = None,
    *,
    plan=None,
    incidents: str = "all",
    record: str = "full",
) -> JourneyResult:
    """Simulate ``n_runs`` runs of a scenario, day by day, vectorised over runs.

    Parameters
    ----------
    scenario : Scenario
        A validated scenario (:func:`longwalk.scenario.loader.load_scenario`).
    n_runs : int
        Number of runs (ignored when ``run_ids`` is given).
    seed : int
        Ensemble seed: with the run index it fixes every random draw of a run.
    atlas : Atlas, optional
        The atlas to route on; default the built-in atlas of the region around the route.
    run_ids : array_like of int, optional
        Global indices of the runs to simulate (default ``0 .. n_runs-1``): run *k* is the same story in any
        batch.
    progress : callable(day, state), optional
        Called after each simulated day.
    weather_override : FixedWeather, optional
        Constant weather every day instead of the generator (what-if); ``scenario.weather`` does the same.
    plan : JourneyPlan, optional
        A prepared plan (route, track, climate tables) from :func:`longwalk.engine.plan.plan_journey`, to skip
        route planning (used by tests with synthetic routes and by ensembles).
    incidents : ``"all"``, ``"fates"`` or ``"causes"``
        Record every incident (the journal needs them), or only deaths, joins, leaves and arrivals (what the fates
        need; much faster for large batches), or those with each death's cause but without the chain of facts that
        led to it (:attr:`Fate.chain` empty: what an ensemble's fate table needs; the fates are otherwise the same).
    record : ``"full"`` or ``"fates"``
        Record every day of every run (``daily`` shaped ``(runs, n_days[, people])``), or only each run's last day
        (``daily`` shaped ``(runs, 1[, people])``, equal to the full record's ``[:, -1:]``: the final status and
        position, what the fates and an ensemble's summary need), in memory of the order of the runs, not of the
        runs times the days.

    Returns
    -------
    JourneyResult
    """
    from longwalk.engine.plan import plan_journey

    if run_ids is None:
        if int(n_runs) < 1:
            raise InputError(f"n_runs must be at least 1, got {n_runs}")
        run_ids = np.arange(int(n_runs), dtype=np.int64)
    run_ids = np.asarray(run_ids, dtype=np.int64)
    if incidents not in INCIDENT_LEVELS:
        raise InputError(f"incidents must be one of {', '.join(INCIDENT_LEVELS)}, got {incidents!r}")
    if record not in RECORDS:
        raise InputError(f"record must be one of {', '.join(RECORDS)}, got {record!r}")
    keep = None if incidents == "all" else FATE_KINDS
    if run_ids.ndim != 1 or run_ids.size == 0 or (run_ids < 0).any():
        raise InputError("run_ids must be a non-empty list of non-negative run indices")
    fixed = weather_override if weather_override is not None else scenario.weather
    if plan is None:
        plan = plan_journey(scenario, atlas=atlas, need_climate=fixed is None)
    if plan.day_length_table is None and plan.route is not None:  # a plan cached without one
        from longwalk.engine.plan import day_length_tables

        plan.day_length_table = day_length_tables(plan.track)
    if plan.route is not None and getattr(plan.route, "crossings", None):
        plan.track.crossing_text = tuple(phases.crossing_fact(c) for c in plan.route.crossings)  # facts, not text
    party = build_party(scenario, plan.track, plan.waypoint_names)
    streams = Streams(seed)
    env = compose.Environment(party, run_ids, streams, climate_table=plan.climate_table, fixed=fixed,
                              day_length_table=plan.day_length_table)
    state = initial_state(party, run_ids)
    max_days = scenario.max_days
    recorder = (_Recorder if record == "full" else _FinalRecorder)(run_ids.shape[0], max_days, party.n_people)
    found: list[Incident] = []
    n_days = 0
    # Small batches: one numba thread (the weather kernel's thread start-up costs more than it saves).
    threads = numba.get_num_threads()
    if run_ids.shape[0] < PARALLEL_MIN_RUNS:
        numba.set_num_threads(1)
    try:
        with compose.quiet():
            state.weather_state = env.initial_weather_state(run_ids.shape[0])
        n_days = _loop(state, party, env, streams, recorder, found, max_days, progress, keep,
                       chains=incidents != "causes")
    finally:
        numba.set_num_threads(threads)
    daily = recorder.finish(n_days)
    onsets = recorder.onsets(daily)
    return JourneyResult(
        scenario_name=scenario.name,
        seed=int(seed),
        run_ids=run_ids,
        start_date=scenario.start_date,
        n_days=n_days,
        people=party.names,
        waypoint_names=party.waypoint_names,
        route=plan.route,
        daily=daily,
        incidents=found,
        onsets=onsets,
        **fate_fields(party, daily, found, run_ids),
    )


COMPACT_BELOW = 0.8  # drop finished runs from the arrays when fewer than this share of them is still going


def _loop(state, party, env, streams, recorder, incidents, max_days, progress, keep=None, chains=True) -> int:
    """The daily loop: the phases in their fixed order, until everyone has arrived, died or left.

    Runs that have finished are dropped from the state arrays (their record repeats their last day), so a large
    batch costs what its unfinished runs cost.
    """
    n_days = 0
    rows = None  # rows of the batch still in ``state`` (None: all)
    ended = None  # (rows in state,) runs whose record has been closed
    with compose.quiet(), no_range_warnings():  # the warnings are ignored in the loop: no scans for them
        for d in range(max_days):
            state.day = d
            today = phases.Day(state, d, keep, chains)
            phases.weather(state, party, env, streams, today)
            phases.decisions(state, party, env, today)
            phases.movement(state, party, env, today)
            phases.supplies(state, party, env, streams, today)
            phases.incidents(state, party, env, streams, today)
            phases.physiology(state, party, env, streams, today)
            phases.deaths(state, party, streams, today)
            phases.events(state, party, today)
            going = (state.alive | (state.status == Status.ABSENT) & _joins_pending(party, state)).any(axis=1)
            # A run's record ends on the day it ends, whether or not the batch is compacted then, so that its
            # daily arrays are the same in any batch.
            all_rows = np.arange(state.n_runs) if rows is None else rows
            if ended is None:
                ended = np.zeros(state.n_runs, dtype=bool)
            newly = ~going & ~ended
            recorder.record(d, state, party, today, rows, newly)
            incidents.extend(today.incidents)
            n_days = d + 1
            state.conditions = today.conditions
            if progress is not None:
                progress(d, state)
            if newly.any():
                recorder.close_rows(all_rows[newly], d)
                ended = ended | newly
            if not going.any():
                break
            if going.mean() < COMPACT_BELOW:
                still = np.flatnonzero(going)
                rows = all_rows[still]
                ended = ended[still]
                state = _select_runs(state, still)
    return n_days


def _select_runs(state: JourneyState, keep: np.ndarray) -> JourneyState:
    """The state of the runs ``keep`` only (every per-run array indexed; the weather generator's state too)."""
    n = state.n_runs
    out = {}
    for f in dataclasses.fields(state):
        v = getattr(state, f.name)
        if isinstance(v, np.ndarray) and v.ndim >= 1 and v.shape[0] == n:
            v = v[keep]
        out[f.name] = v
    ws = state.weather_state
    if ws is not None and dataclasses.is_dataclass(ws):
        out["weather_state"] = dataclasses.replace(ws, **{
            f.name: getattr(ws, f.name)[keep] for f in dataclasses.fields(ws)
            if isinstance(getattr(ws, f.name), np.ndarray) and getattr(ws, f.name).shape[:1] == (n,)})
    return JourneyState(**out)


def _joins_pending(party: Party, state: JourneyState) -> np.ndarray:
    """(runs, people) True where a join event for an absent person can still happen (the party is still going)."""
    going = (state.alive & state.with_party).any(axis=1)
    return going[:, None] & np.ones(state.status.shape, bool)


def _fates(party: Party, daily: DailyRecord, incidents: list[Incident], run_ids) -> FateArrays:
    """Each person's fate as arrays: the last incident of a final kind that ended their journey, or where the run
    left them."""
    index = {int(r): i for i, r in enumerate(run_ids)}
    final: dict[tuple[int, int], int] = {}
    for k, inc in enumerate(incidents):
        if inc.person >= 0 and inc.kind in FINAL_KINDS:
            final[(index[inc.run], inc.person)] = k  # the last one counts
    shape = (run_ids.shape[0], party.n_people)
    which = np.full(shape, -1, dtype=np.int64)
    day = np.full(shape, -1, dtype=np.int32)
    cause = np.full(shape, "", dtype=object)
    lat = daily.lat[:, -1].astype(np.float64)  # the last day (the only one of a fates-only record)
    lon = daily.lon[:, -1].astype(np.float64)
    if final:
        rows, people = np.array(list(final.keys()), dtype=np.int64).T
        ks = list(final.values())
        ended = [incidents[k] for k in ks]
        which[rows, people] = ks
        day[rows, people] = [inc.day for inc in ended]
        cause[rows, people] = [inc.cause for inc in ended]
        lat[rows, people] = [inc.lat for inc in ended]
        lon[rows, people] = [inc.lon for inc in ended]
    return FateArrays(status=daily.status[:, -1].astype(np.int8), day=day, cause=cause, lat=lat, lon=lon,
                      final=which)


def fate_fields(party: Party, daily: DailyRecord, incidents: list[Incident], run_ids) -> dict:
    """The :class:`JourneyResult` fields of the fates: ``fate_arrays`` and ``fates`` over them (``incidents`` is the
    list the result holds: the arrays index into it)."""
    arrays = _fates(party, daily, incidents, run_ids)
    return dict(fates=Fates(arrays, party.names, party.start_date, incidents), fate_arrays=arrays)
