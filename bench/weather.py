"""Benchmark: daily weather for 100,000 runs x 365 days at one place and along a 300-day route.

Prints run-days per second of :func:`longwalk.atlas.weather.generate_weather` (compiled, counter-based draws,
parallel over runs) against a baseline measured in the same run: the plain per-run Python loop a user would
write (``_reference_weather``, the same model), timed on a small sample and scaled.  Goal: >= 20 M run-days/s.

On a shared machine the wall-clock rate depends on what else runs, so the CPU time is printed too:
``run-days / CPU second x cores`` is what the machine would give unloaded, and the load average says how busy
it was.

    python bench/weather.py [--runs 100000] [--repeats 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

import numpy as np

from longwalk.atlas.climate import builtin_climate
from longwalk.atlas.weather import _day_parameters, _reference_weather, day_of_year, generate_weather, run_keys

CHUNK = 20_000  # runs per call: keeps the (runs, days) float32 output near 300 MB

# The Way Back, roughly: Yakutsk, Irkutsk, Ulaanbaatar, Dalanzadgad, Lhasa, Darjeeling; (lat, lon, elevation m)
ROUTE_WAYPOINTS = np.array([
    (62.03, 129.73, 100.0),
    (52.27, 104.30, 470.0),
    (47.92, 106.92, 1300.0),
    (43.58, 104.42, 1460.0),
    (29.65, 91.10, 3650.0),
    (27.04, 88.26, 2040.0),
])


def route(n_days: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Waypoints joined by straight lines in (lat, lon), walked at an even pace over n_days."""
    s = np.linspace(0, len(ROUTE_WAYPOINTS) - 1, n_days)
    return tuple(np.interp(s, np.arange(len(ROUTE_WAYPOINTS)), ROUTE_WAYPOINTS[:, i]) for i in range(3))


def time_generator(climate, lat, lon, elev, start, n_days, n_runs, repeats) -> tuple[float, float]:
    """Median wall-clock and CPU seconds (all threads) of generating n_runs x n_days."""
    wall, cpu = [], []
    for _ in range(repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        for first in range(0, n_runs, CHUNK):
            idx = np.arange(first, min(first + CHUNK, n_runs))
            generate_weather(climate, lat, lon, elev, start, n_days, idx.size, seed=1, run_index=idx)
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return statistics.median(wall), statistics.median(cpu)


def time_baseline(climate, lat, lon, elev, start, n_days, n_runs) -> float:
    dates = np.datetime64(start) + np.arange(n_days)
    normals = climate.daily_normals(np.broadcast_to(lat, n_days), np.broadcast_to(lon, n_days),
                                    np.broadcast_to(elev, n_days), day_of_year(dates))
    t0 = time.perf_counter()
    params = _day_parameters(normals, n_days)
    for key in run_keys(1, np.arange(n_runs)):
        _reference_weather(params, int(key), n_days)
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--baseline-runs", type=int, default=20)
    args = parser.parse_args()
    climate = builtin_climate()
    generate_weather(climate, 62.0, 129.7, 100.0, "2023-01-01", 5, 2)  # compile / load the kernel cache
    cases = [
        ("one place (Yakutsk), 365 days", (62.03, 129.73, 100.0), "2023-01-01", 365),
        ("The Way Back route, 300 days", route(300), "1941-04-10", 300),
    ]
    cores = os.cpu_count() or 1
    print(f"{'case':32s} {'runs':>7s} {'days':>4s} {'wall s':>7s} {'M run-days/s':>12s} {'CPU s':>6s} "
          f"{'M/s unloaded':>12s} {'baseline M/s':>12s} {'speed-up':>8s}")
    for name, (lat, lon, elev), start, n_days in cases:
        wall, cpu = time_generator(climate, lat, lon, elev, start, n_days, args.runs, args.repeats)
        run_days = args.runs * n_days
        tb = time_baseline(climate, lat, lon, elev, start, n_days, args.baseline_runs)
        base_rate = args.baseline_runs * n_days / tb
        print(f"{name:32s} {args.runs:7d} {n_days:4d} {wall:7.2f} {run_days / wall / 1e6:12.1f} {cpu:6.2f} "
              f"{run_days / cpu * cores / 1e6:12.1f} {base_rate / 1e6:12.4f} {run_days / wall / base_rate:7.0f}x")
    print(f"goal: >= 20 M run-days/s; median of {args.repeats} repeats; {cores} cores, load average "
          f"{os.getloadavg()[0]:.1f}; baseline: per-run Python loop over {args.baseline_runs} runs, scaled")


if __name__ == "__main__":
    main()
