"""Benchmark of ensembles at scale: local worker processes against a Dask ``LocalCluster``, in the same run.

For each round, each mode runs the same ensemble (``longwalk.ensemble.run_ensemble``, the route plan cached and
made once before the clock starts) in a fresh Python process, the two modes taking turns (interleaved, the order
swapped every round) so that load on the machine falls on both alike.  Reported per mode: wall time, runs per
second, person-days per second (each run's length in days times the people in the party), the peak resident
memory of the driver and of the largest worker, and whether the two modes' summaries are identical.

Run: ``python bench/ensemble.py [--runs 100000] [--scenario the-way-back] [--workers K] [--chunk N]
[--rounds 1]`` (``--chunk`` by default as ``run_ensemble`` chooses).  The default is the issue's 100,000 runs; on a
shared two-core machine that takes long.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import threading
import time


def load() -> str:
    """The 1, 5 and 15 minute load averages (other work on the machine slows every figure here)."""
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg()) + f" on {os.cpu_count()} CPUs"


class WorkerPeak:
    """The largest peak resident memory (``VmHWM``) among this process's descendants, sampled while they live:
    the local pool's workers are children of multiprocessing's fork server, which ``RUSAGE_CHILDREN`` does not
    count."""

    def __init__(self, every: float = 0.2):
        self.peak_kib = 0
        self.every = every
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._watch, daemon=True)

    def _watch(self) -> None:
        import psutil

        me = psutil.Process()
        while not self.stop.wait(self.every):
            for child in me.children(recursive=True):
                try:
                    with open(f"/proc/{child.pid}/status", encoding="ascii") as f:
                        hwm = next((int(line.split()[1]) for line in f if line.startswith("VmHWM:")), 0)
                except (OSError, ValueError):
                    continue
                self.peak_kib = max(self.peak_kib, hwm)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.thread.join()


def one(mode: str, scenario: str, runs: int, workers: int, chunk: int | None) -> dict:
    """Run one ensemble in this process (the child of :func:`main`) and return its figures."""
    import pyarrow as pa

    from longwalk.engine.plan import plan_journey
    from longwalk.ensemble import run_ensemble
    from longwalk.scenario import load_scenario

    sc = load_scenario(scenario)
    plan = plan_journey(sc, need_climate=sc.weather is None)
    days = []

    def on_chunk(start, stop, table: pa.Table) -> None:
        days.append(int(table["journey_days"].to_numpy()[:: len(sc.party)].sum()))

    cluster = None
    if mode == "dask":
        from distributed import LocalCluster

        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
    try:
        with WorkerPeak() as workers_peak:
            t0 = time.perf_counter()
            summary = run_ensemble(sc, n_runs=runs, seed=0, batch_size=chunk, plan=plan, on_chunk=on_chunk,
                                   workers=workers if mode == "local" else 1,
                                   scheduler=cluster.scheduler_address if cluster is not None else None)
            wall = time.perf_counter() - t0
    finally:
        if cluster is not None:
            cluster.close()
    kib = 1024.0  # ru_maxrss is in KiB on Linux
    return {
        "mode": mode, "wall_s": wall, "runs_per_s": runs / wall, "person_days_per_s": sum(days) * len(sc.party) / wall,
        "driver_peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / kib,
        "worker_peak_rss_mib": workers_peak.peak_kib / kib,
        "summary": summary.as_dict(),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=100_000)
    ap.add_argument("--scenario", default="the-way-back")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--chunk", type=int, default=None, help="runs per chunk (default: run_ensemble's choice)")
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--one", choices=("local", "dask"), help=argparse.SUPPRESS)  # a child's single mode
    args = ap.parse_args()
    if args.one:
        json.dump(one(args.one, args.scenario, args.runs, args.workers, args.chunk), sys.stdout)
        return

    from longwalk.ensemble.run import default_chunk_size

    chunk = args.chunk or default_chunk_size(args.runs, args.workers)
    print(f"{args.scenario}: {args.runs:,} runs, {args.workers} workers, chunks of {chunk}; {load()}")
    results: dict[str, list[dict]] = {"local": [], "dask": []}
    for r in range(args.rounds):
        for mode in ("local", "dask") if r % 2 == 0 else ("dask", "local"):
            child = subprocess.run([sys.executable, __file__, "--one", mode, "--scenario", args.scenario, "--runs",
                                    str(args.runs), "--workers", str(args.workers), "--chunk", str(chunk)],
                                   capture_output=True, text=True, check=True)
            results[mode].append(json.loads(child.stdout))
    for mode, rows in results.items():
        print(f"{mode:5s}: {statistics.median(x['wall_s'] for x in rows):8.1f} s, "
              f"{statistics.median(x['runs_per_s'] for x in rows):8.1f} runs/s, "
              f"{statistics.median(x['person_days_per_s'] for x in rows):12,.0f} person-days/s, "
              f"peak RSS driver {max(x['driver_peak_rss_mib'] for x in rows):6.0f} MiB, "
              f"largest worker {max(x['worker_peak_rss_mib'] for x in rows):6.0f} MiB")
    same = all(x["summary"] == results["local"][0]["summary"] for rows in results.values() for x in rows)
    print(f"identical summaries in both modes: {'yes' if same else 'NO'}; {load()}")


if __name__ == "__main__":
    main()
