"""Benchmark: one day of physiology for a population — composed public functions, fused kernel, plain loop.

Three ways, in the same run, on the same person-days:

* composed: ``longwalk.models.daily.daily_physiology_reference``, the public model functions on arrays of N
  person-days;
* fused: ``longwalk.models.daily.daily_physiology``, one compiled pass (on all cores, and on one core);
* loop: the composed function once per person on scalars, for a sample (the loop's rate is per person-day, so
  the sample size does not bias it).

All must agree (checked before timing).  Prints the rates and their ratios to the loop, median of several repeats,
and the load average.  On a shared machine the wall-clock rate depends on what else runs, so the process CPU time is
printed too: for the one-core runs its rate is close to what an idle core would do (for the all-cores run it is the
rate per core-second).  Goal (issue 5): ≥ 10 M person-days s-1 vectorised and ≥ 100× the loop.

    python bench/models.py [--n 1000000] [--loop-sample 500] [--repeats 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
import warnings

import numba
import numpy as np

from longwalk.models._validate import ModelRangeWarning
from longwalk.models.daily import daily_physiology, daily_physiology_reference


def make_population(n: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Plausible person-days of a long walk: Siberian winter to Gobi summer to Tibetan plateau."""
    mass = rng.uniform(50.0, 85.0, n)
    fat_frac = rng.uniform(0.08, 0.25, n)
    return {
        "body_mass": mass,
        "height": rng.uniform(1.55, 1.90, n),
        "age": rng.uniform(20.0, 60.0, n),
        "sex": (rng.random(n) < 0.7).astype(np.float64),
        "fat_mass": mass * fat_frac,
        "lean_mass": mass * (1.0 - fat_frac),
        "baseline_lean_mass": mass * (1.0 - fat_frac) * rng.uniform(1.0, 1.15, n),
        "load_mass": rng.uniform(5.0, 25.0, n),
        "vo2max": rng.uniform(35.0, 55.0, n),
        "slope": rng.uniform(-0.15, 0.25, n),
        "terrain_factor": rng.uniform(1.0, 2.0, n),
        "hours_walked": rng.uniform(4.0, 10.0, n),
        "elevation": rng.uniform(0.0, 5000.0, n),
        "air_temperature_min": rng.uniform(-40.0, 20.0, n),
        "air_temperature_max": rng.uniform(-25.0, 45.0, n),
        "relative_humidity": rng.uniform(0.1, 0.9, n),
        "wind_speed": rng.uniform(0.5, 12.0, n),
        "clothing_insulation": rng.uniform(0.6, 3.0, n),
        "sleeping_gear_insulation": rng.uniform(0.0, 6.0, n),
        "energy_intake": rng.uniform(800.0, 3000.0, n),
        "water_deficit": rng.uniform(0.0, 0.12, n),
        "acclimatised_altitude": rng.uniform(0.0, 3000.0, n),
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
    parser.add_argument("--n", type=int, default=1_000_000, help="person-days in the vectorised runs")
    parser.add_argument("--loop-sample", type=int, default=500, help="person-days in the plain-loop run")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    warnings.simplefilter("ignore", ModelRangeWarning)
    rng = np.random.default_rng(np.random.SeedSequence(5))
    pop = make_population(args.n, rng)
    head = {k: v[: args.loop_sample] for k, v in pop.items()}
    # compile (or load) the numba kernels outside the timing
    daily_physiology(**head)
    daily_physiology(**head, parallel=False)
    sample = [{k: float(v[i]) for k, v in pop.items()} for i in range(args.loop_sample)]

    # the loop, the composed functions and the fused kernel must agree on the sample
    composed = daily_physiology_reference(**head)
    loop = [daily_physiology_reference(**person) for person in sample]
    fused = daily_physiology(**head)
    for key, vec in composed._asdict().items():
        np.testing.assert_allclose(vec, [float(getattr(r, key)) for r in loop], rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(getattr(fused, key), vec, rtol=1e-9, atol=1e-12)

    load_before = os.getloadavg()
    t_composed = _time(lambda: daily_physiology_reference(**pop), args.repeats)
    t_fused = _time(lambda: daily_physiology(**pop), args.repeats)
    t_fused_1 = _time(lambda: daily_physiology(**pop, parallel=False), args.repeats)
    t_loop = _time(lambda: [daily_physiology_reference(**person) for person in sample], args.repeats)
    load_after = os.getloadavg()
    rate_loop = args.loop_sample / t_loop[0]
    rate_loop_cpu = args.loop_sample / t_loop[1]
    print(f"load average (1 min) {load_before[0]:.1f} before, {load_after[0]:.1f} after, on {os.cpu_count()} cores;"
          f" numba threads {numba.get_num_threads()}; median of {args.repeats} repeats")
    print(f"{'plain loop (scalars)':27s}: {args.loop_sample:,} person-days in {t_loop[0]:.3f} s"
          f" = {rate_loop:,.0f} person-days/s  [CPU: {rate_loop_cpu:,.0f} person-days/s]")
    for label, (wall, cpu) in (("composed public functions", t_composed), ("fused kernel, all cores", t_fused),
                               ("fused kernel, one core", t_fused_1)):
        rate, rate_cpu = args.n / wall, args.n / cpu
        print(f"{label:27s}: {args.n:,} person-days in {wall:.3f} s = {rate / 1e6:.2f} M person-days/s"
              f" = {rate / rate_loop:,.0f}x the loop  [CPU: {rate_cpu / 1e6:.2f} M person-days/s"
              f" = {rate_cpu / rate_loop_cpu:,.0f}x]")


if __name__ == "__main__":
    main()
