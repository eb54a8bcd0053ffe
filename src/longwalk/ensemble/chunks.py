"""One chunk of an ensemble: a range of run ids simulated together and reduced to a table of fates.

A chunk is what travels between the driver and its workers (local processes or a Dask cluster) and what is
written to disk: one row per run and person, a few hundred bytes, never the daily arrays.  Run *k* is the same
story in any chunk (:mod:`longwalk.engine.random`), so a table of runs ``a..b`` does not depend on how the
ensemble was cut.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from longwalk.engine.records import CONDITION_BITS, JourneyResult, Status
from longwalk.engine.registry import Condition, IncidentKind

EPISODE_KINDS: tuple[tuple[str, int], ...] = tuple(
    (kind.value, int(flag)) for kind, flag in (
        (IncidentKind.INJURY, Condition.INJURED), (IncidentKind.ILLNESS, Condition.ILL),
        (IncidentKind.FROSTBITE, Condition.FROSTBITE), (IncidentKind.ALTITUDE_SICKNESS, Condition.ALTITUDE_SICK),
        (IncidentKind.LOST, Condition.LOST),
    )
)
"""Incident kinds (names from :class:`longwalk.engine.registry.IncidentKind`) counted per person and run from the
conditions' onsets the engine counts (:attr:`~longwalk.engine.records.JourneyResult.onsets`): an episode is a day
the condition's bit is set that was not set the day before.  Counting the bits rather than the incident records
lets the ensemble ask the engine for fates only (``incidents="causes"``, ``record="fates"``)."""

FATE_SCHEMA = pa.schema([
    ("run", pa.int64()),
    ("person", pa.int16()),  # index into the scenario's party
    ("status", pa.int8()),  # longwalk.engine.records.Status at the end of the run
    ("day", pa.int32()),  # day of death / leaving / arrival; -1 if still on the way
    ("cause", pa.string()),  # cause of death, "" otherwise
    ("leg", pa.int16()),  # leg (0 = first waypoint to second) where the fate happened or the run ended
    ("lat", pa.float64()),  # [degree] where the fate happened
    ("lon", pa.float64()),  # [degree]
    ("journey_days", pa.int32()),  # the run's length [day]: last fate + 1, or the days simulated if cut off
    *[(kind, pa.int16()) for kind, _ in EPISODE_KINDS],  # episodes of each kind
])
"""The columns of a chunk table (and of the Parquet files in an ``odds --out`` directory)."""


@dataclass(frozen=True)
class Job:
    """What every chunk of one ensemble shares: sent to each worker once, not with each chunk."""

    scenario: object  # longwalk.scenario.Scenario
    plan: object  # longwalk.engine.plan.JourneyPlan
    seed: int


_WORKER_JOB: Job | None = None  # the job of a local worker process, installed once by its initializer


def install_job(job: Job) -> None:
    """Initializer of a local worker process: keep the job for every chunk, and run the compiled kernels on
    one thread (the processes already fill the cores)."""
    import signal

    import numba

    global _WORKER_JOB
    _WORKER_JOB = job
    numba.set_num_threads(1)
    # Ctrl-C is the driver's to handle: it keeps what is finished and stops the workers itself
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def simulate_chunk(job: Job | None, run_ids: np.ndarray, on_runs: Callable[[int], None] | None = None) -> pa.Table:
    """Simulate runs ``run_ids`` of ``job`` (``None``: the job installed in this worker) and return their fates
    as a :data:`FATE_SCHEMA` table; ``on_runs`` as :func:`simulate_runs`."""
    job = job if job is not None else _WORKER_JOB
    return fate_table(simulate_runs(job, run_ids, on_runs=on_runs), job.plan.track.waypoint_x)


def simulate_runs(job: Job, run_ids: np.ndarray, record: str = "fates",
                  on_runs: Callable[[int], None] | None = None) -> JourneyResult:
    """Simulate runs ``run_ids`` of ``job``: their fates, and their day record as ``record`` says
    (:func:`longwalk.engine.simulate`; the fate table needs only the fates' record and their causes, so with
    ``record="fates"`` deaths come without their chain of facts; with the full record, for callers that tell the
    runs, with it).  ``on_runs(finished)`` is told after each simulated day how many of the runs have ended (no one
    left on the way), so that a large chunk shows progress while it runs."""
    from longwalk.engine import simulate

    ids = np.asarray(run_ids, dtype=np.int64)
    progress = None
    if on_runs is not None:
        def progress(day, state):  # runs dropped from the state ended earlier; those left may have ended today
            on_runs(int(ids.size - state.alive.any(axis=1).sum()))
    return simulate(job.scenario, seed=job.seed, run_ids=ids, plan=job.plan,
                    incidents="causes" if record == "fates" else "fates", record=record, progress=progress)


def fate_table(result: JourneyResult, waypoint_x: np.ndarray) -> pa.Table:
    """The fates of a batch of runs, one row per run and person (:data:`FATE_SCHEMA`).

    ``waypoint_x`` [m]: the waypoints' positions along the track, to name the leg where each fate happened.
    """
    runs, days, people = result.daily.status.shape
    a = result.fate_arrays
    if a is not None:  # the engine's fates as arrays
        status, day, cause, lat, lon = a.status, a.day, a.cause, a.lat, a.lon
    else:  # a maker that gives only the Fate objects
        fates = result.fates
        status = np.array([[int(f.status) for f in row] for row in fates], dtype=np.int8).reshape(runs, people)
        day = np.array([[f.day for f in row] for row in fates], dtype=np.int32).reshape(runs, people)
        cause = np.array([[f.cause for f in row] for row in fates], dtype=object).reshape(runs, people)
        lat = np.array([[f.lat for f in row] for row in fates], dtype=float).reshape(runs, people)
        lon = np.array([[f.lon for f in row] for row in fates], dtype=float).reshape(runs, people)

    # where the fate happened, or where the run left them
    when = np.where(day >= 0, np.minimum(day, days - 1), days - 1)
    position = np.take_along_axis(result.daily.route_position, when[:, None, :], axis=1)[:, 0, :]
    wp_x = np.asarray(waypoint_x, dtype=float)
    leg = np.clip(np.searchsorted(wp_x, position, side="right") - 1, 0, max(wp_x.size - 2, 0))

    on_the_way = np.isin(status, [Status.WALKING, Status.RESTING, Status.SICK, Status.LOST]).any(axis=1)
    last = np.where(day >= 0, day, -1).max(axis=1)
    journey_days = np.where(on_the_way | (last < 0), result.n_days, last + 1)

    onsets = result.onsets
    columns = {
        "run": np.repeat(np.asarray(result.run_ids, dtype=np.int64), people),
        "person": np.tile(np.arange(people, dtype=np.int16), runs),
        "status": status.ravel(), "day": day.ravel(), "cause": cause.ravel().tolist(),
        "leg": leg.astype(np.int16).ravel(), "lat": lat.ravel(), "lon": lon.ravel(),
        "journey_days": np.repeat(journey_days.astype(np.int32), people),
    }
    for kind, bit in EPISODE_KINDS:
        columns[kind] = onsets[..., CONDITION_BITS.index(bit)].astype(np.int16).ravel()
    return pa.table(columns, schema=FATE_SCHEMA)
