"""Many runs of one scenario: who tends to survive, who dies where and of what, when the survivors arrive.

:func:`run_ensemble` plans the route once and simulates the runs in chunks (``run_ids`` slices of one ensemble),
in this process, in local worker processes or on a Dask cluster, so the numbers depend neither on the chunk size
nor on where the chunks ran: run *k* is the same story in any chunk (:mod:`longwalk.engine.random`).  Only the
fates are kept (:mod:`longwalk.ensemble.chunks`), not the daily arrays, so memory stays small; with ``out`` each
finished chunk is also written to disk at once (:mod:`longwalk.ensemble.store`) and ``resume`` continues there.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

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
    survivors: dict[int, int] = field(default_factory=dict)  # people arrived in a run -> runs
    arrival_days: tuple[float, float, float] | None = None  # 10/50/90th percentile day of every arrival [day]
    arrival_dates: tuple[str, str, str] | None = None  # the same as ISO dates
    incidents: dict[str, dict[str, float]] = field(default_factory=dict)
    # incident kind -> {"episodes": total over runs and people, "runs": runs with at least one, "per_run": mean}
    reference: str = ""  # the told story the closest runs are measured against (ensemble.reference), "" if none
    closest: list[dict] = field(default_factory=list)  # [{"run": k, "distance": d}], closest first; ties: the
    # run whose party got further along the route, then the lower run number

    def as_dict(self) -> dict:
        from dataclasses import asdict

        return asdict(self)



DEFAULT_CHUNK = 10_000  # [runs] the most simulated together: each simulated day has a fixed cost (some 8 ms of
# Python and NumPy calls) that a larger chunk shares among more runs.  The Way Back, one process, fates only, measured
# here 2026-12-03 on a quiet machine: 10,000 runs took 11.0, 9.9, 8.1 and 7.5 s in chunks of 1,250, 2,500, 5,000 and
# 10,000 (medians of 3); 40,000 runs 32.4, 29.9 and 31.5 s in chunks of 5,000, 10,000 and 20,000 (means of 2), at a
# peak RSS of 281, 345 and 476 MiB.


def chunk_ranges(n_runs: int, chunk_size: int) -> list[tuple[int, int]]:
    """``(start, stop)`` run-id ranges of ``chunk_size`` runs (the last may be shorter).

    >>> chunk_ranges(5, 2)
    [(0, 2), (2, 4), (4, 5)]
    """
    return [(start, min(start + chunk_size, n_runs)) for start in range(0, n_runs, chunk_size)]


AUTO_RUNS_PER_WORKER = 10_000  # [runs] a worker process is started (by default) for each this many runs: starting
# one and sharing the chunks costs a few seconds; `longwalk odds the-way-back` on this two-core machine took 14.6 s
# on one process and 13.6 s on two for 10,000 runs, 42.6 s and 23.3 s for 40,000 (measured here, 2026-12-03)


def default_workers(n_runs: int, cores: int | None = None) -> int:
    """Local worker processes ``odds`` starts when not told: one per :data:`AUTO_RUNS_PER_WORKER` runs, at most one
    per core (``cores``, default ``os.cpu_count()``), at least one.

    >>> [default_workers(n, 2) for n in (1000, 19_999, 20_000, 100_000)], default_workers(100_000, 8)
    ([1, 1, 2, 2], 8)
    """
    import os

    cores = cores if cores is not None else (os.cpu_count() or 1)
    return int(max(1, min(cores, n_runs // AUTO_RUNS_PER_WORKER)))


def default_chunk_size(n_runs: int, workers: int) -> int:
    """As few chunks as :data:`DEFAULT_CHUNK` allows, their number a multiple of ``workers`` so that each worker gets
    as many runs: the engine's fixed cost of a day is paid once a chunk.  Progress still shows within a chunk run in
    this process (:func:`longwalk.ensemble.workers.finished_chunks`); an interrupt loses the chunks under way.

    >>> [default_chunk_size(n, w) for n, w in ((100_000, 2), (30_000, 2), (10_000, 2), (1000, 1), (200, 2), (10, 1))]
    [10000, 7500, 5000, 1000, 100, 10]
    """
    workers = max(workers, 1)
    chunks = workers * -(-n_runs // (workers * DEFAULT_CHUNK))
    return int(max(1, -(-n_runs // chunks)))


def run_ensemble(
    scenario,
    n_runs: int = 1000,
    seed: int = 0,
    batch_size: int | None = None,
    atlas=None,
    plan=None,
    progress: Callable[[int, int], None] | None = None,
    on_batch: Callable[[JourneyResult], None] | None = None,
    *,
    workers: int = 1,
    scheduler=None,
    out: str | Path | None = None,
    resume: bool = False,
    on_chunk: Callable[[int, int, object], None] | None = None,
    notice: Callable[[str], None] | None = None,
) -> EnsembleSummary:
    """Simulate ``n_runs`` runs of ``scenario`` in chunks and summarise the fates.

    Parameters
    ----------
    scenario : Scenario
    n_runs : int
        Number of runs (run indices ``0 .. n_runs-1``).
    seed : int
        Ensemble seed.
    batch_size : int, optional
        Runs per chunk (default :func:`default_chunk_size`); the result does not depend on it.  With ``resume``
        the directory's own chunk size is kept.
    atlas, plan
        As for :func:`longwalk.engine.simulate`; the plan is made once for all chunks.
    progress : callable(done, total), optional
        Called as chunks finish (and once for the chunks ``resume`` found done), with the runs done so far.
    on_batch : callable(result), optional
        Called with each chunk's :class:`~longwalk.engine.records.JourneyResult` (daily arrays, fates with their
        causal chains; only the incidents fates are built from), for callers that need more than the summary
        without simulating the runs twice (``tools/make_scenario_docs.py``).  Runs the chunks in this process.
    workers : int
        Local worker processes (1: this process).
    scheduler : str or distributed.Client, optional
        Run the chunks on this Dask cluster instead (a scheduler address such as ``tcp://host:8786``).
    out : path, optional
        Write each finished chunk to this directory at once (:class:`longwalk.ensemble.store.ChunkStore`).
    resume : bool
        Continue the ensemble in ``out``: keep its intact chunks, compute the others.  Refused when ``out`` holds
        another scenario or seed.
    on_chunk : callable(start, stop, table), optional
        Called with each chunk's fate table (:data:`longwalk.ensemble.chunks.FATE_SCHEMA`), resumed ones too,
        in the order they become available.
    notice : callable(message), optional
        Told, in a sentence, of chunk files in ``out`` that did not match their checksum (they are recomputed).
    """
    import pyarrow as pa

    from longwalk.engine.plan import plan_journey
    from longwalk.ensemble.chunks import FATE_SCHEMA, Job, fate_table, simulate_runs
    from longwalk.ensemble.store import ChunkStore
    from longwalk.ensemble.workers import chunk_executor, finished_chunks

    if n_runs < 1 or (batch_size is not None and batch_size < 1) or workers < 1:
        raise InputError(f"n_runs, batch_size and workers must be at least 1, got {n_runs}, {batch_size} and "
                         f"{workers}")
    if on_batch is not None and (workers > 1 or scheduler is not None):
        raise InputError("on_batch needs every chunk's daily arrays in this process: leave out workers and "
                         "scheduler")
    if resume and out is None:
        raise InputError("--resume needs --out: the directory of the ensemble to continue")
    chunk_size = batch_size if batch_size is not None else default_chunk_size(n_runs, workers)
    store = ChunkStore(Path(out), scenario, seed, chunk_size, resume=resume) if out is not None else None
    if store is not None:
        chunk_size = store.chunk_size
    ranges = chunk_ranges(n_runs, chunk_size)
    tables: dict[int, pa.Table] = {}
    done = 0

    def finished(start: int, stop: int, table: pa.Table) -> None:
        nonlocal done
        tables[start] = table
        done += stop - start
        if on_chunk is not None:
            on_chunk(start, stop, table)

    if store is not None:
        for start, stop in ranges:
            table = store.load(start, stop)
            if table is not None:
                finished(start, stop, table)
        if store.damaged and notice is not None:
            notice(f"{len(store.damaged)} chunk file(s) in {out} did not match their checksum "
                   f"({', '.join(store.damaged[:3])}); their runs are computed again")
        if done and progress is not None:
            progress(done, n_runs)
    todo = [r for r in ranges if r[0] not in tables]
    if todo:
        if plan is None:
            plan = plan_journey(scenario, atlas=atlas, need_climate=scenario.weather is None)
        job = Job(scenario=scenario, plan=plan, seed=int(seed))
        if on_batch is not None:
            def chunks():
                for start, stop in todo:
                    result = simulate_runs(job, np.arange(start, stop), record="full")
                    on_batch(result)
                    yield start, stop, fate_table(result, plan.track.waypoint_x)
        with chunk_executor(job, workers, scheduler) as (executor, job_ref, slots):
            # two chunks a worker: one running, one ready, so no worker waits for the driver
            def under_way(finished: int) -> None:  # a chunk in this process: its runs ended so far
                if progress is not None and finished:
                    progress(done + finished, n_runs)

            stream = chunks() if on_batch is not None else finished_chunks(executor, job_ref, todo, 2 * slots,
                                                                            under_way)
            for start, stop, table in stream:
                if store is not None:
                    store.save(start, stop, table)
                finished(start, stop, table)
                if progress is not None:
                    progress(done, n_runs)
    if plan is None:
        plan = plan_journey(scenario, atlas=atlas, need_climate=scenario.weather is None)
    fates = pa.concat_tables([tables[start] for start, _ in ranges]).cast(FATE_SCHEMA)
    return summarise(fates, scenario, plan.waypoint_names, seed, n_runs)


def summarise(fates, scenario, waypoint_names: tuple[str, ...], seed: int, n_runs: int) -> EnsembleSummary:
    """The :class:`EnsembleSummary` of a fate table (:data:`longwalk.ensemble.chunks.FATE_SCHEMA`) holding every
    person of runs ``0 .. n_runs-1``."""
    from longwalk.ensemble.chunks import EPISODE_KINDS
    from longwalk.ensemble.reference import REFERENCE_STORIES, story_distance

    names = [p.name for p in scenario.party]
    people_n = len(names)
    order = np.lexsort((fates["person"].to_numpy(), fates["run"].to_numpy()))
    if fates.num_rows != n_runs * people_n or not np.array_equal(
            fates["run"].to_numpy()[order], np.repeat(np.arange(n_runs), people_n)):
        raise ValueError("the fate table does not hold every person of runs 0 .. n_runs-1 once")

    def column(name, dtype=None):
        values = fates[name].to_numpy(zero_copy_only=False)[order]
        return values.reshape(n_runs, people_n) if dtype is None else values.astype(dtype).reshape(n_runs, people_n)

    status = column("status", np.int8)
    day = column("day", np.int64)
    cause = column("cause", object)
    leg = column("leg", np.int64)
    length = column("journey_days", np.int64)[:, 0]
    wp_names = waypoint_names

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
    is_arrived = status == Status.ARRIVED
    any_arrived = is_arrived.any(axis=1)
    every_arrival = day[is_arrived]
    arrival_days = tuple(float(v) for v in np.percentile(every_arrival, [10, 50, 90])) if every_arrival.size else None
    incidents = {}
    for kind, _ in EPISODE_KINDS:
        per_run = column(kind, np.int64).sum(axis=1)
        incidents[kind] = {"episodes": int(per_run.sum()), "runs": int((per_run > 0).sum()),
                           "per_run": float(per_run.mean())}
    story = REFERENCE_STORIES.get(scenario.name)
    closest = []
    if story is not None:
        distance = story_distance(story, names, wp_names, status, cause, leg)
        # among runs equally far from the story, those that got further along the route first
        reached = np.where(status == Status.ABSENT, -1, leg).max(axis=1)
        nearest = np.lexsort((np.arange(n_runs), -reached, distance))[:10]
        closest = [{"run": int(k), "distance": float(distance[k])} for k in nearest]
    return EnsembleSummary(
        scenario_name=scenario.name, seed=int(seed), n_runs=int(n_runs), people=people,
        all_arrived=int((finished.all(axis=1) & any_arrived).sum()),
        none_arrived=int((~any_arrived).sum()),
        days=tuple(float(v) for v in np.percentile(length, [10, 50, 90])),
        causes=dict(Counter(c for c in cause[status == Status.DEAD]).most_common()),
        survivors={int(k): int(v) for k, v in zip(*np.unique(is_arrived.sum(axis=1), return_counts=True),
                                                   strict=True)},
        arrival_days=arrival_days,
        arrival_dates=None if arrival_days is None else tuple(
            (scenario.start_date + dt.timedelta(days=round(d))).isoformat() for d in arrival_days),
        incidents=incidents,
        reference=story.source if story is not None else "",
        closest=closest,
    )
