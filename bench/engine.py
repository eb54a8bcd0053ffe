"""Benchmark of the journey engine against the engine of an earlier commit, side by side, on The Way Back.

What ``longwalk odds the-way-back --runs N`` does with the engine: runs ``0 .. N-1`` simulated in batches of
``--batch-size`` (default: the chunk odds takes for N runs on ``--workers`` processes; fates only, as an ensemble
records them).  Each measurement runs in its own Python process, the
current engine (``src/`` of this tree) and the previous one (``src/`` of ``--ref``, extracted by ``git archive``
into a temporary directory) interleaved, ``--repeat`` times; the median of each and their ratio are printed.  The
numba kernels are compiled (or loaded from the cache) before the clock starts; the route plan comes from the cache.

*Lived person-days*: a person on the journey that day (walking, resting, sick or lost), counted from the engine's
state after each day, the same way for both engines.  Each side's fates (status, day, cause of every person of every
run) are hashed, outside the timed part (from the engine's fate arrays where it has them, as an ensemble's fate table
reads them; from its Fate objects otherwise): the ratio is only meaningful if they are the same.

Peak memory: the peak RSS of a process that simulates ``--rss-runs`` runs (the largest this machine allows) and of
one with a tenth of them: equal peaks show the memory is bounded by the batch, not by the number of runs.

The machine's load is printed before and after: other work on it slows every figure here.

All cores: the current engine is timed on one process and, as ``longwalk odds --workers`` runs it, over
``--workers`` processes (default: every core); each worker loads the scenario, plan and kernels before the clock
starts, as the single process does, and the batches are handed out in run order.  The previous engine ran on one
core (its second numba thread gained nothing), so it is timed on one.

Run: ``python bench/engine.py [--runs 10000 100000] [--repeat 3] [--ref 16ad21f] [--rss-runs 20000]
[--previous-max-runs 10000] [--workers 2] [--current SNAPSHOT/src]``
"""

from __future__ import annotations

import argparse
import hashlib
import inspect
import json
import os
import resource
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIVED_CODES = (1, 2, 3, 4)  # Status.WALKING, RESTING, SICK, LOST (the same codes in every engine version)


def load() -> str:
    """The 1, 5 and 15 minute load averages."""
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg()) + f" on {os.cpu_count()} CPUs"


_JOB: dict = {}


def _lean(simulate) -> dict:
    """What ``run_ensemble`` asks the engine for, where the engine has it: only the last day recorded, and the
    deaths' causes without their chains of facts; fate incidents only, as every engine since the first ensemble."""
    levels = getattr(sys.modules[simulate.__module__], "INCIDENT_LEVELS", ())
    lean = {"incidents": "causes" if "causes" in levels else "fates"}
    if "record" in inspect.signature(simulate).parameters:
        lean["record"] = "fates"
    return lean


def _install(scenario: str, seed: int, barrier) -> None:
    """Worker initializer: load the scenario and its plan, load the compiled kernels, then wait for the others.
    One numba thread per worker, as longwalk.ensemble.chunks.install_job: the processes fill the cores."""
    import numba

    from longwalk.engine import simulate
    from longwalk.engine.plan import plan_journey
    from longwalk.scenario.loader import load_scenario

    numba.set_num_threads(1)
    sc = load_scenario(scenario)
    plan = plan_journey(sc)
    simulate(sc, n_runs=8, seed=seed, plan=plan, incidents="fates")
    _JOB.update(scenario=sc, plan=plan, seed=seed, barrier=barrier)


def _ready(_: int) -> int:
    _JOB["barrier"].wait()  # every worker has taken one of these: all are warm
    return os.getpid()


def _batch(ids) -> tuple[int, list]:
    """Simulate the runs ``ids`` in a worker: (lived person-days, fates as (status, day, cause) per run)."""
    import numpy as np

    from longwalk.engine import simulate

    codes = np.array(LIVED_CODES)
    lived = [0]

    def count(day, state):
        lived[0] += int(np.isin(state.status, codes).sum())

    lean = _lean(simulate)
    result = simulate(_JOB["scenario"], seed=_JOB["seed"], run_ids=np.asarray(ids), plan=_JOB["plan"],
                      progress=count, **lean)
    return lived[0], fate_columns(result)


def fate_columns(result):
    """The fates as the engine holds them, compact to send between processes: its fate arrays' status, day and cause
    where it has them (as an ensemble's fate table reads them), else (status, day, cause) rows of its Fate objects."""
    a = getattr(result, "fate_arrays", None)
    if a is not None:
        return a.status, a.day, a.cause.tolist()
    return [[(int(f.status), int(f.day), f.cause) for f in row] for row in result.fates]


def fate_rows(columns) -> list:
    """Each run's fates as (status, day, cause) per person, from :func:`fate_columns`: the same rows either way."""
    if isinstance(columns, tuple):
        rows = zip(columns[0].tolist(), columns[1].tolist(), columns[2], strict=True)
        return [list(zip(s, d, c, strict=True)) for s, d, c in rows]
    return columns


def child_workers(scenario: str, runs: int, seed: int, batch_size: int, workers: int) -> dict:
    """The same ensemble over ``workers`` processes, as ``longwalk odds --workers`` runs it: each worker loads the
    scenario, plan and kernels first (not timed, as in :func:`child`); the batches are then handed out in order."""
    import multiprocessing

    context = multiprocessing.get_context("forkserver")  # as longwalk.ensemble.workers
    barrier = context.Barrier(workers)
    batches = [list(range(s, min(s + batch_size, runs))) for s in range(0, runs, batch_size)]
    digest = hashlib.sha256()
    lived = 0
    got = []
    with context.Pool(workers, initializer=_install, initargs=(scenario, seed, barrier)) as pool:
        pool.map(_ready, range(workers), chunksize=1)
        t0 = time.perf_counter()
        for n, columns in pool.imap(_batch, batches, chunksize=1):
            lived += n
            got.append(columns)
        seconds = time.perf_counter() - t0
    for columns in got:  # the check that the engines agree is not timed (nor run beside the workers)
        for row in fate_rows(columns):
            digest.update(repr(row).encode())
    return {"seconds": seconds, "lived": lived, "fates": digest.hexdigest()[:16], "peak_rss_mib": float("nan")}


def child(scenario: str, runs: int, seed: int, batch_size: int) -> dict:
    """Simulate the ensemble in this process (whichever engine PYTHONPATH points at) and measure it."""
    import numpy as np

    from longwalk.engine import simulate
    from longwalk.engine.plan import plan_journey
    from longwalk.scenario.loader import load_scenario

    sc = load_scenario(scenario)
    plan = plan_journey(sc)
    simulate(sc, n_runs=8, seed=seed, plan=plan, incidents="fates")  # load the compiled kernels from the cache
    lived = [0]
    codes = np.array(LIVED_CODES)

    def count(day, state):
        lived[0] += int(np.isin(state.status, codes).sum())

    lean = _lean(simulate)
    digest = hashlib.sha256()
    seconds = 0.0
    for start in range(0, runs, batch_size):
        ids = np.arange(start, min(start + batch_size, runs))
        t0 = time.perf_counter()
        result = simulate(sc, seed=seed, run_ids=ids, plan=plan, progress=count, **lean)
        seconds += time.perf_counter() - t0
        for row in fate_rows(fate_columns(result)):  # the check that both engines agree is not timed
            digest.update(repr(row).encode())
    return {"seconds": seconds, "lived": lived[0], "fates": digest.hexdigest()[:16],
            "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def batch_size(args, runs: int) -> int:
    """``--batch-size``, or the chunk ``longwalk odds --runs RUNS --workers W`` takes (the current engine's
    longwalk.ensemble.run.default_chunk_size), for every contender alike."""
    if args.batch_size is not None:
        return args.batch_size
    sys.path.insert(0, str(args.current))
    from longwalk.ensemble.run import default_chunk_size

    return default_chunk_size(runs, max(args.workers, 1))


def run_child(src: Path, args, runs: int, workers: int = 1, batch: int | None = None) -> dict:
    env = dict(os.environ, PYTHONPATH=str(src))
    batch = batch_size(args, runs) if batch is None else batch
    cmd = [sys.executable, __file__, "--_child", "--runs", str(runs), "--seed", str(args.seed),
           "--batch-size", str(batch), "--scenario", args.scenario, "--workers", str(workers)]
    out = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _spin(n: int) -> float:
    """Seconds a pure-Python loop of ``n`` steps takes (a CPU-bound task that shares nothing)."""
    t0 = time.perf_counter()
    x = 0
    for i in range(n):
        x += i * i
    return time.perf_counter() - t0


def machine_scaling(workers: int, n: int = 20_000_000) -> float:
    """How many times one process's work ``workers`` CPU-bound processes get done at once on this machine (the
    ceiling of what the workers can gain: cores that are hyperthreads of one, or shared with other guests, give
    less than ``workers``); the median of three tries."""
    import multiprocessing

    ratios = []
    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        for _ in range(3):
            alone = _spin(n)
            together = pool.map(_spin, [n] * workers, chunksize=1)
            ratios.append(workers * alone / max(together))
    return statistics.median(ratios)


def extract(ref: str, into: Path) -> str:
    commit = subprocess.run(["git", "rev-parse", ref], cwd=ROOT, check=True, capture_output=True,
                            text=True).stdout.strip()
    archive = subprocess.run(["git", "archive", commit, "src"], cwd=ROOT, check=True, capture_output=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return commit


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--ref", default="16ad21f", help="the previous engine (default: the merge-base with main)")
    ap.add_argument("--rss-runs", type=int, default=20_000, help="runs of the peak-memory measurement (0: skip)")
    ap.add_argument("--batch-size", type=int, default=None,
                    help="as longwalk odds --batch-size (default: the chunk odds takes for the largest --runs on "
                         "--workers processes, longwalk.ensemble.run.default_chunk_size)")
    ap.add_argument("--previous-batch-size", type=int, default=None,
                    help="the previous engine's batch (default: the same as the current engine's); each engine at "
                         "the batch it does best with, where the two differ")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--scenario", default="the-way-back")
    ap.add_argument("--current", type=Path, default=ROOT / "src", help="the current engine's src/ (a snapshot)")
    ap.add_argument("--previous-max-runs", type=int, default=None,
                    help="above this many runs time and measure the current engine only (the previous one is too "
                         "slow)")
    ap.add_argument("--workers", type=int, default=os.cpu_count(),
                    help="processes the current engine's runs are spread over, as longwalk odds --workers (also "
                         "timed on one); the previous engine ran on one core")
    ap.add_argument("--_child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args._child:
        if args.workers > 1:
            print(json.dumps(child_workers(args.scenario, args.runs[0], args.seed, args.batch_size, args.workers)))
        else:
            print(json.dumps(child(args.scenario, args.runs[0], args.seed, args.batch_size)))
        return

    print(load())
    if args.workers > 1:
        print(f"this machine runs {args.workers} CPU-bound processes at {machine_scaling(args.workers):.2f}x the "
              "work of one (a pure-Python loop: the ceiling of what the workers can gain)")
    now_src = args.current
    with tempfile.TemporaryDirectory(prefix="longwalk-bench-") as tmp:
        commit = extract(args.ref, Path(tmp))
        then_src = Path(tmp) / "src"
        print(f"previous engine: {args.ref} = {commit[:12]}; current engine: {now_src}; batches of "
              + ", ".join(f"{batch_size(args, n)} for {n} runs" for n in args.runs)
              + (f" (the previous engine: {args.previous_batch_size})" if args.previous_batch_size else ""))
        for src in (then_src, now_src):  # compile both engines' kernels, serial and parallel, into the cache
            run_child(src, args, 16)
        for runs in args.runs:
            many = f"current, {args.workers} workers"
            results: dict[str, list[dict]] = {"previous": [], "current": []}
            if args.workers > 1:
                results[many] = []
            both = args.previous_max_runs is None or runs <= args.previous_max_runs
            sides = [("previous", then_src, 1, args.previous_batch_size)] if both else []
            sides += [("current", now_src, 1, None)] + ([(many, now_src, args.workers, None)] if args.workers > 1
                                                          else [])
            for _ in range(args.repeat):
                for name, src, workers, batch in sides:
                    results[name].append(run_child(src, args, runs, workers, batch))
            line = []
            rate = {}
            for name, rs in results.items():
                if not rs:
                    continue
                t = statistics.median(r["seconds"] for r in rs)
                rate[name] = rs[0]["lived"] / t
                line.append(f"{name} {t:.1f} s (of {[round(r['seconds'], 1) for r in rs]}), "
                            f"{rate[name] / 1e6:.3f} M lived person-days/s")
            same = len({r["fates"] for rs in results.values() for r in rs}) == 1
            if both:
                ratio = "; ratio to the previous engine: " + ", ".join(
                    f"{name} {rate[name] / rate['previous']:.2f}x" for name in rate if name != "previous")
            else:
                ratio = " (previous engine not timed at this size)"
            print(f"{runs} runs ({results['current'][0]['lived']} lived person-days): " + "; ".join(line) + ratio
                  + f"; same fates: {same}")
        if args.rss_runs:
            for name, src in (("previous", then_src), ("current", now_src)):
                sizes = [n for n in (args.rss_runs // 10, args.rss_runs)
                         if name == "current" or args.previous_max_runs is None or n <= args.previous_max_runs]
                if not sizes:
                    print(f"peak RSS, {name} engine: not measured above --previous-max-runs")
                    continue
                batch = batch_size(args, args.rss_runs)  # one batch size for both: the peaks compare
                peaks = {n: run_child(src, args, n, batch=batch)["peak_rss_mib"] for n in sizes}
                print(f"peak RSS, {name} engine, one process, batches of {batch}: "
                      + ", ".join(f"{n} runs {p:.0f} MiB" for n, p in peaks.items()))
    print(load())


if __name__ == "__main__":
    main()
