"""Many runs of one scenario: who tends to survive, who dies where and of what, when the survivors arrive.

:func:`run_ensemble` plans the route once and simulates the runs in batches (``run_ids`` slices of one ensemble),
so the numbers do not depend on the batch size: run *k* is the same story in any batch
(:mod:`longwalk.engine.random`).  Only the fates are kept, not the daily arrays, so memory stays small.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from scipy.stats import norm

from longwalk.engine.records import JourneyResult, Status
from longwalk.errors import InputError


def wilson_interval(successes, trials, confidence: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval of a binomial proportion.

    ``(p + z²/2n ± z sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n)`` with z the normal quantile of the confidence
    (Wilson EB 1927, J Am Stat Assoc 22:209).  Returns (0, 1) where there are no trials.

    >>> lo, hi = wilson_interval(5, 10)
    >>> round(float(lo), 4), round(float(hi), 4)
    (0.2366, 0.7634)
    """
    x = np.asarray(successes, dtype=float)
    n = np.asarray(trials, dtype=float)
    z = norm.ppf(0.5 + confidence / 2.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = x / n
        centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    # At x = 0 and x = n the bounds are exactly 0 and 1; rounding would leave them a hair off.
    lo = np.where((n > 0) & (x > 0), centre - half, 0.0)
    hi = np.where((n > 0) & (x < n), centre + half, 1.0)
    return np.clip(lo, 0.0, 1.0), np.clip(hi, 0.0, 1.0)


@dataclass
class PersonOdds:
    """One person's fate over the ensemble."""

    name: str
    runs: int
    arrived: int
    died: int
    left: int
    on_the_way: int
    arrived_ci: tuple[float, float]
    died_ci: tuple[float, float]
    causes: dict[str, int]  # cause of death -> count
    death_legs: dict[str, int]  # "Camp → Lake Baikal" -> deaths on that leg
    median_death_day: float | None
    arrival_days: tuple[float, float, float] | None  # 10th, 50th, 90th percentile day of arrival


@dataclass
class EnsembleSummary:
    scenario_name: str
    seed: int
    n_runs: int
    people: list[PersonOdds]
    all_arrived: int  # runs in which everyone who set out or joined arrived or left by choice
    none_arrived: int
    days: tuple[float, float, float]  # 10th, 50th, 90th percentile of the journey's length [day]
    causes: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict:
        from dataclasses import asdict

        return asdict(self)


def run_ensemble(
    scenario,
    n_runs: int = 1000,
    seed: int = 0,
    batch_size: int = 2000,
    atlas=None,
    plan=None,
    progress: Callable[[int, int], None] | None = None,
    on_batch: Callable[[JourneyResult], None] | None = None,
) -> EnsembleSummary:
    """Simulate ``n_runs`` runs of ``scenario`` in batches and summarise the fates.

    Parameters
    ----------
    scenario : Scenario
    n_runs : int
        Number of runs (run indices ``0 .. n_runs-1``).
    seed : int
        Ensemble seed.
    batch_size : int
        Runs simulated together; the result does not depend on it.
    atlas, plan
        As for :func:`longwalk.engine.simulate`; the plan is made once for all batches.
    progress : callable(done, total), optional
    on_batch : callable(result), optional
        Called with each batch's :class:`~longwalk.engine.records.JourneyResult` (daily arrays, fates with their
        causal chains; only the incidents fates are built from), for callers that need more than the summary
        without simulating the runs twice (``tools/make_scenario_docs.py``).
    """
    from longwalk.engine import simulate
    from longwalk.engine.plan import plan_journey

    if n_runs < 1 or batch_size < 1:
        raise InputError(f"n_runs and batch_size must be at least 1, got {n_runs} and {batch_size}")
    if plan is None:
        plan = plan_journey(scenario, atlas=atlas, need_climate=scenario.weather is None)
    names = [p.name for p in scenario.party]
    wp_x = plan.track.waypoint_x
    wp_names = plan.waypoint_names
    status = np.zeros((n_runs, len(names)), dtype=np.int8)
    day = np.full((n_runs, len(names)), -1, dtype=np.int64)
    cause = np.full((n_runs, len(names)), "", dtype=object)
    leg = np.full((n_runs, len(names)), -1, dtype=np.int64)
    length = np.zeros(n_runs, dtype=np.int64)
    for start in range(0, n_runs, batch_size):
        ids = np.arange(start, min(start + batch_size, n_runs))
        # the summary reads the fates and the last day: the day record only for a caller that reads it
        result = simulate(scenario, seed=seed, run_ids=ids, plan=plan, incidents="fates",
                          record="full" if on_batch is not None else "fates")
        final_pos = result.daily.route_position[:, -1, :]
        for i, row in enumerate(result.fates):
            k = ids[i]
            ends = [f.day for f in row if f.day >= 0]
            on_the_way = any(f.status in (Status.WALKING, Status.RESTING, Status.SICK, Status.LOST) for f in row)
            length[k] = result.n_days if on_the_way or not ends else max(ends) + 1
            for p, f in enumerate(row):
                status[k, p] = int(f.status)
                day[k, p] = f.day
                cause[k, p] = f.cause
        leg[ids] = np.clip(np.searchsorted(wp_x, final_pos, side="right") - 1, 0, len(wp_x) - 2)
        if on_batch is not None:
            on_batch(result)
        if progress is not None:
            progress(int(ids[-1]) + 1, n_runs)

    people = []
    for p, name in enumerate(names):
        s = status[:, p]
        arrived = int((s == Status.ARRIVED).sum())
        died = int((s == Status.DEAD).sum())
        left = int((s == Status.LEFT).sum())
        joined = int((s != Status.ABSENT).sum())
        dead = s == Status.DEAD
        legs = Counter(f"{wp_names[i]} → {wp_names[i + 1]}" for i in leg[dead, p])
        arr_days = day[s == Status.ARRIVED, p]
        people.append(PersonOdds(
            name=name, runs=joined, arrived=arrived, died=died, left=left,
            on_the_way=joined - arrived - died - left,
            arrived_ci=tuple(float(v) for v in wilson_interval(arrived, joined)),
            died_ci=tuple(float(v) for v in wilson_interval(died, joined)),
            causes=dict(Counter(cause[dead, p]).most_common()),
            death_legs=dict(legs.most_common()),
            median_death_day=float(np.median(day[dead, p])) if died else None,
            arrival_days=tuple(float(v) for v in np.percentile(arr_days, [10, 50, 90])) if arrived else None,
        ))
    finished = np.isin(status, [int(Status.ARRIVED), int(Status.LEFT), int(Status.ABSENT)])
    any_arrived = (status == Status.ARRIVED).any(axis=1)
    return EnsembleSummary(
        scenario_name=scenario.name, seed=int(seed), n_runs=int(n_runs), people=people,
        all_arrived=int((finished.all(axis=1) & any_arrived).sum()),
        none_arrived=int((~any_arrived).sum()),
        days=tuple(float(v) for v in np.percentile(length, [10, 50, 90])),
        causes=dict(Counter(c for c in cause[status == Status.DEAD]).most_common()),
    )
