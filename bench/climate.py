"""Benchmark: climate normals for the engine's daily call (10,000 positions) and a year at one place.

    python bench/climate.py

Compares the default tabulated kriging with the exact kernel sum over all knots (the baseline), in the same run,
and prints medians of several repetitions and their ratio.  No thresholds: read the numbers.
"""

from __future__ import annotations

import time

import numpy as np

from longwalk.atlas.climate import builtin_climate


def median_time(fn, repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return float(np.median(times))


def main() -> None:
    clim = builtin_climate()
    rng = np.random.default_rng(0)
    n = 10_000
    # runs spread along ~300 km of a route (how the engine's positions cluster on one day)
    lat, lon = 51.0 + rng.uniform(0, 2, n), 104.0 + rng.uniform(0, 3, n)
    elev = rng.uniform(400, 1500, n)
    t0 = time.perf_counter()
    clim.daily_normals(lat, lon, elev, 100)  # first call tabulates the nodes it needs
    first = time.perf_counter() - t0
    fast = median_time(lambda: clim.daily_normals(lat, lon, elev, 100))
    exact = median_time(lambda: clim.monthly(lat, lon, elev, exact=True), repeat=3)
    year = median_time(lambda: clim.daily_normals(62.0, 129.7, 100.0, np.arange(1, 366)))
    print(f"daily_normals, {n} positions: {fast * 1e3:.1f} ms (first call incl. tabulation {first * 1e3:.0f} ms, "
          f"{clim._nodes.ids.size} nodes)")
    print(f"exact kernel sum, same positions (baseline): {exact * 1e3:.1f} ms; speed-up {exact / fast:.1f}x")
    print(f"daily_normals, one place x 365 days: {year * 1e3:.2f} ms")


if __name__ == "__main__":
    main()
