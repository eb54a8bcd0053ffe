"""The per-run facts ``check`` and ``whatif`` read from an ensemble: how far the party's front got each day, each
person's fate, the weather and ground on the way — kept small (no incidents, no per-person daily arrays).

The runs are simulated in batches with :func:`longwalk.engine.simulate` (``incidents="causes"``: the fates' causes,
not their stories); run *k* is the same story in any batch, so the facts do not depend on the batch size.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from longwalk.engine.records import Status

_WITH_JOURNEY = (Status.WALKING, Status.RESTING, Status.SICK, Status.LOST, Status.ARRIVED)


@dataclass
class RunFacts:
    """Arrays over runs (and days, people) of one ensemble; positions along the planned route [m]."""

    front: np.ndarray  # (runs, days) furthest position of anyone alive and with the journey; -inf if nobody
    status: np.ndarray  # (runs, people) final Status code
    death_day: np.ndarray  # (runs, people) day of death, -1 if not dead
    cause: np.ndarray  # (runs, people) cause of death, "" if not dead (object)
    air_temperature_min: np.ndarray  # (runs, days) [°C]
    air_temperature_max: np.ndarray  # (runs, days) [°C]
    elevation: np.ndarray  # (runs, days) [m]
    people: tuple[str, ...]

    @property
    def n_runs(self) -> int:
        return self.front.shape[0]

    def alive(self) -> np.ndarray:
        """(runs, days) bool: someone is alive and with the journey at the end of the day."""
        return np.isfinite(self.front)

    def reach_day(self, x: float, tolerance: float = 100.0) -> np.ndarray:
        """(runs,) the first day someone alive stood at or beyond position ``x`` [m] (a large number if never)."""
        there = self.front >= x - tolerance
        return np.where(there.any(axis=1), there.argmax(axis=1), np.iinfo(np.int64).max // 2)

    def last_death(self) -> np.ndarray:
        """(runs,) the cause of the death that came last in each run ("" where nobody died)."""
        day = np.where(self.death_day >= 0, self.death_day, -1)
        who = day.argmax(axis=1)
        rows = np.arange(self.n_runs)
        return np.where(day[rows, who] >= 0, self.cause[rows, who], "")


def collect(scenario, plan, n_runs: int, seed: int = 0, batch_size: int = 200,
            progress: Callable[[int], None] | None = None) -> RunFacts:
    """Simulate runs ``0 .. n_runs-1`` of ``scenario`` on ``plan`` and keep the facts of :class:`RunFacts`.

    ``progress(k)`` is called after each batch with the number of runs it simulated.
    """
    from longwalk.engine import simulate

    days = scenario.max_days + 1
    front = np.full((n_runs, days), -np.inf)
    tmin = np.full((n_runs, days), np.nan)
    tmax = np.full((n_runs, days), np.nan)
    elevation = np.full((n_runs, days), np.nan)
    n_p = len(scenario.party)
    status = np.zeros((n_runs, n_p), np.int8)
    death_day = np.full((n_runs, n_p), -1, np.int64)
    cause = np.full((n_runs, n_p), "", dtype=object)
    for start in range(0, n_runs, batch_size):
        ids = np.arange(start, min(start + batch_size, n_runs))
        result = simulate(scenario, seed=seed, run_ids=ids, plan=plan, incidents="causes")
        daily = result.daily
        d = daily.status.shape[1]
        with_journey = np.isin(daily.status, [int(s) for s in _WITH_JOURNEY])
        front[ids, :d] = np.where(with_journey, daily.route_position, -np.inf).max(axis=2)
        tmin[ids, :d] = daily.air_temperature_min
        tmax[ids, :d] = daily.air_temperature_max
        elevation[ids, :d] = daily.elevation
        # an arrival ends a person's days: they stay at the end, alive, for the days the others are simulated
        arrived_front = np.where(daily.status[:, -1, :] == Status.ARRIVED, daily.route_position[:, -1, :], -np.inf)
        tail = arrived_front.max(axis=1)
        front[ids, d:] = tail[:, None]
        for i, row in enumerate(result.fates):
            for p, fate in enumerate(row):
                status[ids[i], p] = int(fate.status)
                if fate.status == Status.DEAD:
                    death_day[ids[i], p] = fate.day
                    cause[ids[i], p] = fate.cause
        if progress is not None:
            progress(len(ids))
    return RunFacts(front=front, status=status, death_day=death_day, cause=cause, air_temperature_min=tmin,
                    air_temperature_max=tmax, elevation=elevation, people=tuple(p.name for p in scenario.party))
