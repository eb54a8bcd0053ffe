"""Benchmark of the journey engine against the engine of an earlier commit, side by side, on The Way Back.

What ``longwalk odds the-way-back --runs N`` does with the engine: runs ``0 .. N-1`` simulated in batches of
``--batch-size`` (fates only, as an ensemble records them).  Each measurement runs in its own Python process, the
current engine (``src/`` of this tree) and the previous one (``src/`` of ``--ref``, extracted by ``git archive``
into a temporary directory) interleaved, ``--repeat`` times; the median of each and their ratio are printed.  The
numba kernels are compiled (or loaded from the cache) before the clock starts; the route plan comes from the cache.

*Lived person-days*: a person on the journey that day (walking, resting, sick or lost), counted from the engine's
state after each day, the same way for both engines.  Each side's fates (status, day, cause of every person of every
run) are hashed: the ratio is only meaningful if they are the same.

Peak memory: the peak RSS of a process that simulates ``--rss-runs`` runs (the largest this machine allows) and of
one with a tenth of them: equal peaks show the memory is bounded by the batch, not by the number of runs.

The machine's load is printed before and after: other work on it slows every figure here.

Run: ``python bench/engine.py [--runs 10000 100000] [--repeat 3] [--ref 16ad21f] [--rss-runs 20000]
[--previous-max-runs 10000] [--current SNAPSHOT/src]``
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

    # what run_ensemble asks for (only the last day recorded) where the engine has it
    lean = {"record": "fates"} if "record" in inspect.signature(simulate).parameters else {}
    digest = hashlib.sha256()
    t0 = time.perf_counter()
    for start in range(0, runs, batch_size):
        ids = np.arange(start, min(start + batch_size, runs))
        result = simulate(sc, seed=seed, run_ids=ids, plan=plan, incidents="fates", progress=count, **lean)
        for row in result.fates:
            digest.update(repr([(int(f.status), int(f.day), f.cause) for f in row]).encode())
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "lived": lived[0], "fates": digest.hexdigest()[:16],
            "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def run_child(src: Path, args, runs: int) -> dict:
    env = dict(os.environ, PYTHONPATH=str(src))
    cmd = [sys.executable, __file__, "--_child", "--runs", str(runs), "--seed", str(args.seed),
           "--batch-size", str(args.batch_size), "--scenario", args.scenario]
    out = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


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
    ap.add_argument("--batch-size", type=int, default=2000, help="as longwalk odds --batch-size")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--scenario", default="the-way-back")
    ap.add_argument("--current", type=Path, default=ROOT / "src", help="the current engine's src/ (a snapshot)")
    ap.add_argument("--previous-max-runs", type=int, default=None,
                    help="above this many runs time and measure the current engine only (the previous one is too "
                         "slow)")
    ap.add_argument("--_child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args._child:
        print(json.dumps(child(args.scenario, args.runs[0], args.seed, args.batch_size)))
        return

    print(load())
    now_src = args.current
    with tempfile.TemporaryDirectory(prefix="longwalk-bench-") as tmp:
        commit = extract(args.ref, Path(tmp))
        then_src = Path(tmp) / "src"
        print(f"previous engine: {args.ref} = {commit[:12]}; current engine: {now_src}")
        for src in (then_src, now_src):  # compile both engines' kernels, serial and parallel, into the cache
            run_child(src, args, args.batch_size)
        for runs in args.runs:
            results: dict[str, list[dict]] = {"previous": [], "current": []}
            both = args.previous_max_runs is None or runs <= args.previous_max_runs
            sides = (("previous", then_src), ("current", now_src)) if both else (("current", now_src),)
            for _ in range(args.repeat):
                for name, src in sides:
                    results[name].append(run_child(src, args, runs))
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
            ratio = (f"; ratio {rate['current'] / rate['previous']:.2f}x; same fates: {same}" if both
                     else " (previous engine not timed at this size)")
            print(f"{runs} runs ({results['current'][0]['lived']} lived person-days): " + "; ".join(line) + ratio)
        if args.rss_runs:
            for name, src in (("previous", then_src), ("current", now_src)):
                sizes = [n for n in (args.rss_runs // 10, args.rss_runs)
                         if name == "current" or args.previous_max_runs is None or n <= args.previous_max_runs]
                if not sizes:
                    print(f"peak RSS, {name} engine: not measured above --previous-max-runs")
                    continue
                peaks = {n: run_child(src, args, n)["peak_rss_mib"] for n in sizes}
                print(f"peak RSS, {name} engine, batches of {args.batch_size}: "
                      + ", ".join(f"{n} runs {p:.0f} MiB" for n, p in peaks.items()))
    print(load())


if __name__ == "__main__":
    main()
