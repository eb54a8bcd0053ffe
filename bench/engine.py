"""Benchmark of the journey engine on The Way Back.

1. One full run (the route plan and atlas cached; the first, compiling call is not timed): wall time.
2. 10,000 runs in one vectorised batch vs the same engine one run at a time (a sample of runs, scaled to
   10,000): wall time, person-days per second and the ratio.

Person-days are counted two ways: *lived* (a person on the journey that day: walking, resting, sick or lost)
and *array* (runs x days x people, what the vectorised phases compute).  Goals (issue 6): one run < 5 s;
>= 5 M person-days per second vectorised.

Run: ``python bench/engine.py [--runs 10000] [--sample 20] [--repeat 3]``
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

import numpy as np

from longwalk.engine import simulate
from longwalk.engine.plan import plan_journey
from longwalk.engine.records import Status
from longwalk.scenario.loader import load_scenario

LIVED = (Status.WALKING, Status.RESTING, Status.SICK, Status.LOST)


def person_days(result) -> tuple[int, int]:
    status = result.daily.status
    lived = int(np.isin(status, [int(s) for s in LIVED]).sum())
    return lived, int(status.size)


def load() -> str:
    """The 1, 5 and 15 minute load averages (other work on the machine slows every figure here)."""
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg()) + f" on {os.cpu_count()} CPUs"


def timed(fn, repeat: int):
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), times, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=10_000)
    ap.add_argument("--sample", type=int, default=20, help="runs simulated one at a time")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    print(load())
    sc = load_scenario("the-way-back")
    t0 = time.perf_counter()
    plan = plan_journey(sc)  # cached after the first call
    t_plan = time.perf_counter() - t0
    print(f"route plan (cached: atlas, route, climate tables): {t_plan:.2f} s; "
          f"{plan.track.length / 1000:.0f} km, {plan.track.x.size} nodes")
    simulate(sc, seed=0)  # compile the numba kernels (cached on disk afterwards)

    # 1. one full run, seeds 0..4, as a user runs it (the cached plan is loaded each time)
    singles = []
    for seed in range(5):
        t, _, r = timed(lambda seed=seed: simulate(sc, seed=seed), 1)
        lived, _ = person_days(r)
        singles.append((t, r.n_days, lived))
    med = statistics.median(s[0] for s in singles)
    print("one full run (seeds 0-4): " + ", ".join(f"{t:.2f} s/{d} days" for t, d, _ in singles)
          + f"; median {med:.2f} s (goal < 5 s)")

    # 2. vectorised batch vs one run at a time
    # engine only from here: the plan is passed in, so neither side pays for loading it
    t_batch, times, batch = timed(lambda: simulate(sc, n_runs=args.runs, seed=0, plan=plan), args.repeat)
    lived, array = person_days(batch)
    print(f"{args.runs} runs vectorised: median {t_batch:.2f} s of {[round(t, 2) for t in times]}; "
          f"{batch.n_days} days; {lived / t_batch / 1e6:.2f} M lived person-days/s, "
          f"{array / t_batch / 1e6:.2f} M array person-days/s (goal >= 5 M)")

    t_fates, times_f, lean = timed(lambda: simulate(sc, n_runs=args.runs, seed=0, plan=plan, incidents="fates"),
                                   args.repeat)
    lived_f, _ = person_days(lean)
    print(f"{args.runs} runs vectorised, fates only (what an ensemble records): median {t_fates:.2f} s of "
          f"{[round(t, 2) for t in times_f]}; {lived_f / t_fates / 1e6:.2f} M lived person-days/s")

    ids = np.linspace(0, args.runs - 1, args.sample).astype(int)
    per_run = []
    lived_sample = 0
    for k in ids:
        t, _, r = timed(lambda k=k: simulate(sc, seed=0, run_ids=[int(k)], plan=plan), 1)
        per_run.append(t)
        lived_sample += person_days(r)[0]
    t_loop = statistics.median(per_run) * args.runs
    lived_rate_loop = lived_sample / sum(per_run)
    print(f"one run at a time ({args.sample} sampled, median {statistics.median(per_run):.3f} s each, scaled to "
          f"{args.runs}): {t_loop:.1f} s; {lived_rate_loop / 1e6:.3f} M lived person-days/s")
    print(f"vectorised / one-at-a-time speed-up: {t_loop / t_batch:.1f}x")
    same = all(
        np.array_equal(batch.daily.route_position[k, : r.n_days], r.daily.route_position[0])
        for k in ids[:3]
        for r in [simulate(sc, seed=0, run_ids=[int(k)], plan=plan)]
    )
    print(f"run k in the batch == run k alone: {same}")
    print(load())


if __name__ == "__main__":
    main()
