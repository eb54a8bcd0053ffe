"""``longwalk check``: could a claimed itinerary have been walked?  A verdict for each leg and for the whole.

An itinerary is a scenario whose waypoints carry ``claimed_date`` (a date or a range) and, on some legs,
``claimed_conditions`` (days without water or food).  For each claimed waypoint the check counts the runs in which
someone is alive at the waypoint by the end of its claimed range, and names what stops the others:

* the **daily distance** — the party is alive but too slow: it needs the leg's length over the days the claims
  allow (from the earliest claimed date of the leg's start to the latest of its end, the most generous reading),
  and the runs' best 1 % manage less;
* a **cause of death** — everyone is dead before the waypoint: starvation is *food*, dehydration *water*,
  hypothermia *cold*, heat illness *heat*, altitude illness *altitude*, the rest *accidents and illness*.

A claimed condition (``no_water_days = 12``) is checked apart: the party, as it set out (which flatters it: by then it
was worn), walks on from the leg's start over the real terrain and climate, from the middle of the leg's start
waypoint's claimed range, with that thing taken away (no water carried, no sources, no help; or no food, no
foraging); the claim holds in a run where someone is alive at the end of those days.

**Calibrated wording** (:data:`GRADES`).  Every check runs twice: the scenario as written, and in *favourable
mode*, with every uncertain input of :mod:`longwalk.analysis.uncertain` at the end that helps the party (more body
fat, fitness, clothing, food and water containers, less load).  A claim is called **impossible** only when no run
of the favourable ensemble meets it; otherwise it is graded by the probability as written, given with its 95 %
Wilson interval.  The whole itinerary is graded by its weakest claim; the claims of the dates are met together, in
the same run.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from longwalk.analysis.ensemble import RunFacts, collect
from longwalk.analysis.uncertain import favourable
from longwalk.ensemble import wilson_interval

CONSTRAINT_OF_CAUSE = {
    "starvation": "food",
    "dehydration": "water",
    "hypothermia": "cold",
    "heat_illness": "heat",
    "altitude_illness": "altitude",
}
"""The constraint a cause of death stands for; any other cause (falls, drowning, illness) is 'accidents and
illness'."""

_DEATH_WORDS = {"food": "starvation", "water": "dehydration", "cold": "hypothermia", "heat": "heat illness",
                "altitude": "altitude illness"}

GRADES = (
    (0.5, "feasible"),  # more likely than not as written
    (0.1, "possible"),
    (0.0, "unlikely"),  # met in some runs as written, fewer than 1 in 10
)
"""Words for a claim met in a share p > 0 of the runs as written: the first whose threshold p reaches.  Met in no run
as written but in some of the favourable ones: 'not seen as written'; in none of those either: 'impossible'."""

def percent(p: float) -> str:
    """A share as the docs write it: ``12 %``, ``3.4 %``, ``0.12 %``.

    >>> percent(0.5), percent(0.034), percent(0.0012), percent(1.0)
    ('50 %', '3.4 %', '0.12 %', '100 %')
    """
    value = 100.0 * p
    digits = 0 if value >= 10 or value == 0 else 1 if value >= 1 else 2
    return f"{value:.{digits}f} %"


TOLERANCE = 100.0  # [m] a party stopped within this of a waypoint is at it (as in the journal)


@dataclass(frozen=True)
class Tally:
    """A claim met in ``met`` of ``runs`` runs as written and ``met_favourable`` of ``runs`` in favourable mode."""

    met: int
    met_favourable: int
    runs: int

    @property
    def p(self) -> float:
        return self.met / self.runs

    @property
    def interval(self) -> tuple[float, float]:
        lo, hi = wilson_interval(self.met, self.runs)
        return float(lo), float(hi)

    @property
    def grade(self) -> str:
        if self.met_favourable == 0 and self.met == 0:
            return "impossible"
        if self.met == 0:
            return "not seen as written"
        return next(word for threshold, word in GRADES if self.p >= threshold)

    def words(self) -> str:
        """``feasible: 93 % of 1,000 runs (95 % CI 91-94 %)`` and the like."""
        lo, hi = self.interval
        if self.grade == "impossible":
            return (f"impossible: met in none of {self.runs:,} runs with every uncertain input at its favourable end "
                    f"(nor as written; 95 % upper bound {percent(hi)})")
        if self.grade == "not seen as written":
            return (f"not seen as written (0 of {self.runs:,} runs, 95 % CI 0–{percent(hi)}); possible only with "
                    f"favourable inputs ({self.met_favourable:,} of {self.runs:,} runs)")
        return f"{self.grade}: {percent(self.p)} of {self.runs:,} runs (95 % CI {percent(lo)}–{percent(hi)})"


@dataclass(frozen=True)
class ConditionCheck:
    """A claimed stretch of days without water or food, walked apart (see the module docstring)."""

    kind: str  # "water" or "food"
    days: int
    start: dt.date
    tally: Tally
    best_days: float  # the 99th percentile over runs of the days the last survivor lived (capped at ``days``)
    median_days: float
    air_temperature_max: float  # [°C] mean daily maximum over the stretch (median run)
    distance: float  # [km] furthest anyone alive got in the stretch (median run)

    def margin(self) -> str:
        return (f"needs {self.days} days without {self.kind} from {self.start:%-d %b %Y} at "
                f"{self.air_temperature_max:.0f} °C by day; the best 1 % of runs survive {self.best_days:.0f} "
                f"(median {self.median_days:.0f}), getting {self.distance:.0f} km on in the median run")


@dataclass(frozen=True)
class LegCheck:
    """One claimed waypoint: how often the party is there alive by its claimed date, and what stops it."""

    start: str
    end: str
    earliest: dt.date
    latest: dt.date
    distance: float  # [km] along the planned route from the previous claimed waypoint (or the start)
    days: int  # days the claims allow for it
    tally: Tally  # every claimed date up to this one met in the same run
    set_out: int  # runs (as written) in which someone alive reached the leg's start
    needed: float  # [km day-1]
    best: float  # [km day-1] 99th percentile over the runs that set out, while alive on the leg
    median: float  # [km day-1]
    constraint: str
    margin: str
    conditions: tuple[ConditionCheck, ...] = ()


@dataclass(frozen=True)
class CheckResult:
    scenario_name: str
    runs: int
    seed: int
    legs: tuple[LegCheck, ...]
    verdict: str  # the grade of the weakest claim
    evidence: str

    def lines(self) -> list[str]:
        """The report as plain lines (the CLI prints them; the docs quote them)."""
        out = []
        for leg in self.legs:
            when = f"{leg.latest:%-d %b %Y}" if leg.earliest == leg.latest else \
                f"{leg.earliest:%-d %b}-{leg.latest:%-d %b %Y}"
            out.append(f"{leg.start} → {leg.end} (claimed {when}, {leg.distance:,.0f} km in at most {leg.days} days): "
                       f"{leg.tally.words()}; binding: {leg.constraint} — {leg.margin}")
            for c in leg.conditions:
                out.append(f"  claimed {c.days} days without {c.kind}: {c.tally.words()} — {c.margin()}")
        out.append(f"Verdict: {self.verdict}. {self.evidence}")
        return out


def check_itinerary(scenario, n_runs: int = 1000, seed: int = 0, plan=None, batch_size: int = 200,
                    progress: Callable[[int, int], None] | None = None) -> CheckResult:
    """Check every claim of ``scenario`` with ``n_runs`` runs as written and ``n_runs`` in favourable mode.

    Parameters
    ----------
    scenario : Scenario
        An itinerary: some waypoints after the first carry ``claimed_date``.
    n_runs : int
        Runs of each ensemble (as written, favourable, and each claimed condition's two).
    plan : JourneyPlan, optional
        The route plan (planned once if not given).
    progress : callable(done, total), optional
        Runs simulated so far, of all the ensembles.

    Raises
    ------
    InputError
        The scenario claims no date, or ``n_runs`` < 1.
    """
    from longwalk.engine.plan import plan_journey
    from longwalk.errors import InputError

    claimed = [i for i, w in enumerate(scenario.route) if w.claimed_date is not None]
    if not claimed:
        raise InputError(f"scenario {scenario.name} claims no dates: give some route waypoints a claimed_date "
                         "(a date or a range [earliest, latest]) to check")
    if n_runs < 1:
        raise InputError(f"--runs must be at least 1 (got {n_runs})")
    if plan is None:
        plan = plan_journey(scenario, need_climate=scenario.weather is None)
    n_conditions = sum(w.claimed_conditions is not None for w in scenario.route)
    total = n_runs * 2 * (1 + n_conditions)
    done = [0]

    def tick(k: int) -> None:
        done[0] += k
        if progress is not None:
            progress(done[0], total)

    best_case = favourable(scenario)
    facts = collect(scenario, plan, n_runs, seed, batch_size, tick)
    facts_fav = collect(best_case, plan, n_runs, seed, batch_size, tick)
    wp_x = np.asarray(plan.track.waypoint_x, float)
    met = np.ones(n_runs, bool)
    met_fav = np.ones(n_runs, bool)
    legs = []
    prev = 0
    everyone = np.ones(n_runs, bool)
    for i in claimed:
        w = scenario.route[i]
        first = scenario.start_date if prev == 0 else scenario.route[prev].claimed_date[0]
        deadline = (w.claimed_date[1] - scenario.start_date).days
        days = max((w.claimed_date[1] - first).days, 1)
        here = scenario.route[prev].name
        # what stops the runs that met every earlier claim; failing those, the favourable runs that did; failing
        # those, any run that got to the leg's start at all, however late
        attempts = ((facts, met.copy(), ""),
                    (facts_fav, met_fav.copy(), "as written no run meets the earlier claims; with favourable inputs: "),
                    (facts, everyone, f"no run meets the earlier claims; of the runs that reach {here} at all: "),
                    (facts_fav, everyone, "no run meets the earlier claims, even with favourable inputs; of the "
                                          f"favourable runs that reach {here} at all: "))
        met &= facts.reach_day(wp_x[i], TOLERANCE) <= deadline
        met_fav &= facts_fav.reach_day(wp_x[i], TOLERANCE) <= deadline
        tally = Tally(int(met.sum()), int(met_fav.sum()), n_runs)
        leg = None
        for source, eligible, lead in attempts:
            leg = _leg(source, scenario, prev, i, wp_x, days, deadline, tally, eligible)
            if leg.set_out:
                leg = _replace(leg, margin=lead + leg.margin)
                break
        conditions = ()
        if w.claimed_conditions is not None:
            conditions = _conditions(scenario, best_case, plan, prev, i, n_runs, seed, batch_size, tick)
            worst = min(conditions, key=lambda c: c.tally.p)
            if worst.tally.met < leg.tally.met or leg.constraint == "none":
                leg = _replace(leg, constraint=f"{worst.kind} (claimed)", margin=worst.margin())
        legs.append(_replace(leg, conditions=conditions))
        prev = i
    verdict, evidence = _verdict(legs, n_runs)
    return CheckResult(scenario_name=scenario.name, runs=n_runs, seed=seed, legs=tuple(legs), verdict=verdict,
                       evidence=evidence)


def _replace(leg: LegCheck, **kw) -> LegCheck:
    from dataclasses import replace

    return replace(leg, **kw)


def _leg(facts: RunFacts, scenario, prev: int, i: int, wp_x: np.ndarray, days: int, deadline: int,
         tally: Tally, eligible: np.ndarray) -> LegCheck:
    """The leg from waypoint ``prev`` to ``i`` over the ``eligible`` runs that reached ``prev`` alive: their pace on
    it, when they set out, and why those that fail do."""
    w = scenario.route[i]
    start = scenario.start_date
    distance = (wp_x[i] - wp_x[prev]) / 1000.0
    needed = distance / days
    t0 = facts.reach_day(wp_x[prev], TOLERANCE)
    reached = facts.reach_day(wp_x[i], TOLERANCE)
    n_days = facts.front.shape[1]
    set_out = eligible & (t0 < n_days)
    common = dict(start=scenario.route[prev].name, end=w.name, earliest=w.claimed_date[0],
                  latest=w.claimed_date[1], distance=float(distance), days=int(days), tally=tally,
                  set_out=int(set_out.sum()), needed=float(needed))
    if not set_out.any():
        return LegCheck(**common, best=float("nan"), median=float("nan"), constraint="an earlier leg",
                        margin=f"nobody alive reaches {scenario.route[prev].name} in any run, even with favourable "
                        "inputs")
    alive = facts.alive()
    rows = np.flatnonzero(set_out)
    pace = np.full(rows.size, np.nan)
    for k, r in enumerate(rows):
        window = np.arange(t0[r], min(t0[r] + days, reached[r], n_days - 1) + 1)
        living = window[alive[r, window]]
        if living.size > 1:
            got = min(facts.front[r, living].max(), wp_x[i]) - wp_x[prev]
            pace[k] = max(got, 0.0) / 1000.0 / (living[-1] - living[0])
    pace = pace[np.isfinite(pace)]
    best = float(np.percentile(pace, 99)) if pace.size else float("nan")
    median = float(np.median(pace)) if pace.size else float("nan")
    setting_out = np.sort(t0[rows])
    typical, earliest = int(np.median(setting_out)), int(setting_out[0])
    claimed_start = (w.claimed_date[1] - start).days - days
    pace_words = (f"needs {distance:,.0f} km by {w.claimed_date[1]:%-d %b %Y}, {needed:.0f} km a day over the {days} "
                  "days the claims allow")
    if typical > claimed_start:
        left = deadline - typical
        pace_words += (f", but the {rows.size:,} runs reach {scenario.route[prev].name} on "
                       f"{start + dt.timedelta(days=typical):%-d %b} in the median (the earliest on "
                       f"{start + dt.timedelta(days=earliest):%-d %b}), leaving "
                       + (f"{left} day{'s' if left > 1 else ''}: {distance / left:.0f} km a day" if left > 0
                          else "no time"))
    if pace.size:
        pace_words += f"; the best 1 % of runs manage {best:.0f} km a day (median {median:.0f})"
    common.update(best=best, median=median)
    failed = set_out & (reached > deadline)
    all_dead = ~alive[np.arange(facts.n_runs), np.minimum(deadline, n_days - 1)]
    last = facts.last_death()
    reasons = Counter(
        CONSTRAINT_OF_CAUSE.get(last[r], "accidents and illness") if all_dead[r] and reached[r] > deadline
        else "daily distance" for r in np.flatnonzero(failed))
    if not reasons:
        return LegCheck(**common, constraint="none", margin=f"met in every run that set out; {pace_words}")
    constraint, count = reasons.most_common(1)[0]
    if constraint == "daily distance":
        margin = pace_words
    else:
        margin = (f"everyone is dead before {w.name} in {count:,} of the {rows.size:,} runs that set out on the leg, "
                  f"the last of {_DEATH_WORDS.get(constraint, constraint)}"
                  f"{_context(facts, constraint, failed, t0, deadline)}; {pace_words}")
    return LegCheck(**common, constraint=constraint, margin=margin)


def _context(facts: RunFacts, constraint: str, rows: np.ndarray, t0: np.ndarray, deadline: int) -> str:
    """The weather or ground behind a cause of death on the leg, over the runs that failed it (median run)."""
    n_days = facts.front.shape[1]
    spans = [(t0[r], min(deadline, n_days - 1)) for r in np.flatnonzero(rows) if t0[r] < n_days]
    if not spans:
        return ""

    def median_of(arr, fn):
        vals = [fn(arr[r, a:b + 1]) for r, (a, b) in zip(np.flatnonzero(rows), spans, strict=False)
                if np.isfinite(arr[r, a:b + 1]).any()]
        return float(np.median(vals)) if vals else float("nan")

    if constraint == "cold":
        return f" (coldest night {median_of(facts.air_temperature_min, np.nanmin):.0f} °C in the median run)"
    if constraint in ("heat", "water"):
        return f" (hottest day {median_of(facts.air_temperature_max, np.nanmax):.0f} °C in the median run)"
    if constraint == "altitude":
        return f" (up to {median_of(facts.elevation, np.nanmax):,.0f} m in the median run)"
    return ""


def _conditions(scenario, best_case, plan, prev: int, i: int, n_runs: int, seed: int, batch_size: int,
                tick) -> tuple[ConditionCheck, ...]:
    """Each claimed condition of the leg ``prev`` → ``i``, walked apart as written and in favourable mode."""
    claim = scenario.route[i].claimed_conditions
    lo, hi = scenario.route[prev].claimed_date or (scenario.start_date, scenario.start_date)
    start = lo + (hi - lo) / 2
    out = []
    for kind, days in (("water", claim.no_water_days), ("food", claim.no_food_days)):
        if days is None:
            continue
        sub_plan = leg_plan(plan, prev)
        runs = []
        for scen in (scenario, best_case):
            sub = without(scen, kind, days, prev, start)
            runs.append(collect(sub, sub_plan, n_runs, seed, batch_size, tick))
        lived = [_days_lived(f, days) for f in runs]
        tally = Tally(int((lived[0] >= days).sum()), int((lived[1] >= days).sum()), n_runs)
        tmax = np.nanmean(runs[0].air_temperature_max[:, :days], axis=1)
        covered = np.nanmax(np.where(np.isfinite(runs[0].front[:, :days]), runs[0].front[:, :days], np.nan), axis=1)
        out.append(ConditionCheck(kind=kind, days=int(days), start=start, tally=tally,
                                  best_days=float(np.percentile(lived[0], 99)), median_days=float(np.median(lived[0])),
                                  air_temperature_max=float(np.nanmedian(tmax)),
                                  distance=float(np.nanmedian(covered)) / 1000.0))
    return tuple(out)


def _days_lived(facts: RunFacts, days: int) -> np.ndarray:
    """(runs,) days until the last survivor died (``days`` if someone lived through them)."""
    alive = facts.alive()[:, :days]
    return np.where(alive.all(axis=1), days, alive.argmin(axis=1)).astype(float)


def leg_plan(plan, prev: int):
    """The planned route from waypoint ``prev`` to the end, with every water source, settlement and small stream
    taken away: the ground of a claimed stretch without water or food."""
    from longwalk.engine.plan import synthetic_plan
    from longwalk.engine.track import build_track

    t = plan.track
    x0 = float(t.waypoint_x[prev])
    k = max(int(np.searchsorted(t.x, x0, side="right")) - 1, 0)
    sl = slice(k, None)
    x = t.x[sl] - t.x[k]
    step = np.diff(t.cum_time[sl], prepend=t.cum_time[k])
    # the waypoints from ``prev`` on stay, so that each leg keeps its ground (scenario ``ground``)
    track = build_track(x, t.lat[sl], t.lon[sl], t.elevation[sl], t.surface[sl], t.river_class[sl], step,
                        waypoint_x=np.asarray(t.waypoint_x[prev:], float) - t.x[k])
    climate = None if plan.climate_table is None else {key: v[sl] for key, v in plan.climate_table.items()}
    day_length = None if plan.day_length_table is None else plan.day_length_table[sl]
    sub = synthetic_plan(track, tuple(plan.waypoint_names[prev:]), climate_table=climate,
                         day_length_table=day_length)
    track.annual_precipitation = np.full(x.size, np.nan)  # no wells or small streams either
    return sub


def without(scenario, kind: str, days: int, prev: int, start: dt.date):
    """The party with the journey at waypoint ``prev``, as it set out, starting there on ``start`` for ``days`` days
    with no water (nothing carried, no help) or no food (nothing carried, no foraging, no help)."""
    data = scenario.model_dump()
    here = {e.person for e in scenario.events if e.action == "join" and e.at_waypoint is not None
            and [w.name for w in scenario.route].index(e.at_waypoint) <= prev}
    gone = {e.person for e in scenario.events if e.action == "leave" and e.at_waypoint is not None
            and [w.name for w in scenario.route].index(e.at_waypoint) <= prev}
    for person in data["party"]:
        person["present"] = (person["present"] or person["name"] in here) and person["name"] not in gone
    data["events"] = []
    data["start_date"] = start
    data["max_days"] = days
    # the route from ``prev`` on, with each leg's ground and nothing else (no rests, purchases or caches)
    keep = ("name", "lat", "lon", "place", "note", "ground")
    data["route"] = [{k: v for k, v in w.items() if k in keep} for w in data["route"][prev:]]
    data["route"][0]["ground"] = None  # the start of the check: no leg ends there
    data["policy"]["resupply"] = False
    data["policy"]["stay_put"] = False
    if kind == "water":
        data["supplies"]["water"] = 0.0
    else:
        data["supplies"]["food"] = []
        data["policy"]["forage_hours"] = 0.0
        data["policy"]["forage_hours_hungry"] = 0.0
    from longwalk.scenario.schema import Scenario

    return Scenario.model_validate(data)


def _verdict(legs: list[LegCheck], n_runs: int) -> tuple[str, str]:
    """The whole itinerary's grade: that of its weakest claim (the first, among equals), with the claim and its
    margin as evidence."""
    claims = []
    for leg in legs:
        claims.append((leg.tally, f"reaching {leg.end} by {leg.latest:%-d %b %Y}", leg.constraint, leg.margin))
        claims += [(c.tally, f"{c.days} days without {c.kind} before {leg.end}", f"{c.kind} (claimed)", c.margin())
                   for c in leg.conditions]
    order = {"impossible": 0, "not seen as written": 1, "unlikely": 2, "possible": 3, "feasible": 4}
    tally, what, constraint, margin = min(claims, key=lambda c: (order[c[0].grade], c[0].p, c[0].met_favourable))
    final = legs[-1].tally
    lead = f"All the claimed dates together: {final.words()}. " if len(legs) > 1 else ""
    if tally.grade == "feasible":
        return "feasible", f"{lead}Every claim is met in most runs; the weakest, {what}, {tally.words()}."
    out = f"{lead}The weakest claim is {what}: {tally.words()}; binding: {constraint} — {margin}."
    first = next((c for c in claims if order[c[0].grade] < order["feasible"]), None)
    if first is not None and first[1] != what:
        out += f" The first claim to fall short is {first[1]}: {first[0].words()}; binding: {first[2]} — {first[3]}."
    return tally.grade, out
