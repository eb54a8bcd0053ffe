"""Benchmark: the model functions the engine's day spends its time in, on N person-days and in a plain loop.

The engine's physiology is the public model functions of :mod:`longwalk.models` called on arrays of (runs, people)
(there is no second, fused copy of them to keep in step).  This times each of the heaviest of them, vectorised on N
plausible person-days and once per person on scalars for a sample, and prints the rates and their ratio, the median
of several repeats.  The whole day, in the engine, is timed by ``bench/engine.py``.  On a shared machine the
wall-clock rate depends on what else runs: the load average and the process CPU time are printed too.

    python bench/models.py [--n 1000000] [--loop-sample 500] [--repeats 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
import warnings

import numpy as np

from longwalk.models import energy, thermal, walking, water
from longwalk.models._validate import ModelRangeWarning


def make_population(n: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Plausible person-days of a long walk: Siberian winter to Gobi summer to Tibetan plateau."""
    mass = rng.uniform(50.0, 85.0, n)
    return {
        "body_mass": mass,
        "height": rng.uniform(1.55, 1.90, n),
        "age": rng.uniform(20.0, 60.0, n),
        "sex": (rng.random(n) < 0.7).astype(np.float64),
        "load_mass": rng.uniform(5.0, 25.0, n),
        "vo2max": rng.uniform(35.0, 55.0, n),
        "slope": rng.uniform(-0.15, 0.25, n),
        "terrain_factor": rng.uniform(1.0, 2.0, n),
        "hours_walked": rng.uniform(4.0, 10.0, n),
        "air_temperature": rng.uniform(-25.0, 45.0, n),
        "relative_humidity": rng.uniform(0.1, 0.9, n),
        "wind_speed": rng.uniform(0.5, 12.0, n),
        "clothing_insulation": rng.uniform(0.6, 3.0, n),
        "hauled_mass": rng.uniform(0.0, 40.0, n),
    }


def calls(p: dict) -> dict:
    """The model calls timed, each a function of the population ``p`` (arrays or scalars)."""
    return {
        "walking.daily_walking_speed": lambda: walking.daily_walking_speed(
            p["slope"], p["terrain_factor"], p["body_mass"], p["load_mass"], p["vo2max"], p["hours_walked"]),
        "walking.daily_hauling_speed": lambda: walking.daily_hauling_speed(
            p["slope"], p["terrain_factor"], p["body_mass"], p["load_mass"], p["vo2max"], p["hours_walked"],
            p["hauled_mass"], 0.06),
        "walking.terrain_pace_factor": lambda: walking.terrain_pace_factor(
            p["slope"], p["terrain_factor"], p["body_mass"], p["load_mass"]),
        "walking.walking_metabolic_rate": lambda: walking.walking_metabolic_rate(
            1.2, p["slope"], p["body_mass"], p["load_mass"], p["terrain_factor"]),
        "energy.resting_metabolic_rate": lambda: energy.resting_metabolic_rate(
            p["body_mass"], p["height"], p["age"], p["sex"]),
        "water.heat_strain": lambda: water.heat_strain(
            p["air_temperature"], p["relative_humidity"], p["wind_speed"], 250.0, p["clothing_insulation"],
            walking_speed=1.2),
        "thermal.resultant_insulation": lambda: thermal.resultant_insulation(
            p["clothing_insulation"], p["wind_speed"]),
    }


def _time(fn, repeats: int) -> tuple[float, float]:
    """Median wall-clock and median process CPU time of ``fn()`` [s]."""
    wall, cpu = [], []
    for _ in range(repeats):
        w0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - w0)
        cpu.append(time.process_time() - c0)
    return statistics.median(wall), statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="person-days in the vectorised calls")
    parser.add_argument("--loop-sample", type=int, default=500, help="person-days in the plain loop")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    warnings.simplefilter("ignore", ModelRangeWarning)
    pop = make_population(args.n, np.random.default_rng(np.random.SeedSequence(5)))
    sample = [{k: float(v[i]) for k, v in pop.items()} for i in range(args.loop_sample)]
    print(f"load average (1 min) {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; median of {args.repeats}")
    vector = calls(pop)
    scalar = [calls(person) for person in sample]
    for name, fn in vector.items():
        fn()  # compile (or load) the kernels outside the timing
        wall, cpu = _time(fn, args.repeats)
        loop_wall, _ = _time(lambda name=name: [c[name]() for c in scalar], args.repeats)
        rate, rate_loop = args.n / wall, args.loop_sample / loop_wall
        print(f"{name:32s}: {rate / 1e6:7.2f} M person-days/s [CPU {args.n / cpu / 1e6:.2f} M]; "
              f"loop {rate_loop / 1e3:7.1f} k/s; {rate / rate_loop:,.0f}x")


if __name__ == "__main__":
    main()
