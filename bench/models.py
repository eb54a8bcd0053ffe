"""Benchmark: one day of physiology for a population, vectorised vs a plain per-person Python loop.

The same ``daily_physiology`` function runs once on arrays of N person-days and, for the baseline, once per person
on scalars for a sample of them (the loop's rate is per person-day, so the sample size does not bias it).  Prints
both rates and their ratio, median of several repeats.  Goal (issue 5): ≥ 10 M person-days s-1 vectorised and
≥ 100× the loop.

    python bench/models.py [--n 1000000] [--loop-sample 500] [--repeats 3]
"""

from __future__ import annotations

import argparse
import statistics
import time
import warnings

import numpy as np

from longwalk.models import altitude, energy, hazards, thermal, walking, water
from longwalk.models._validate import ModelRangeWarning


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


def daily_physiology(p: dict) -> dict:
    """One day of physiology: works on scalars or on arrays of person-days (parts A and B of issue 5)."""
    mass, height = p["body_mass"], p["height"]
    pressure = altitude.barometric_pressure(p["elevation"])
    vo2 = (p["vo2max"] * altitude.vo2max_altitude_factor(p["elevation"])
           * walking.vo2max_starvation_factor(p["lean_mass"], p["baseline_lean_mass"]))
    speed = walking.daily_walking_speed(p["slope"], p["terrain_factor"], mass, p["load_mass"], vo2, p["hours_walked"])
    m_walk = walking.walking_metabolic_rate(speed, p["slope"], mass, p["load_mass"], p["terrain_factor"])
    rmr = energy.resting_metabolic_rate(mass, height, p["age"], p["sex"])
    area = water.body_surface_area(mass, height)
    air_speed = 0.67 * p["wind_speed"]
    # water
    sweat, core = water.heat_strain(p["air_temperature_max"], p["relative_humidity"], air_speed, m_walk / area,
                                    np.minimum(p["clothing_insulation"], 1.0), walking_speed=speed)
    out = (water.sweat_loss(sweat, area, p["hours_walked"])
           + water.respiratory_water_loss(p["air_temperature_min"], p["relative_humidity"], m_walk,
                                          p["hours_walked"], pressure)
           + water.skin_diffusion_loss(area) + water.obligatory_urine_loss()
           + water.faecal_water_loss(p["energy_intake"]))
    water_in = water.metabolic_water(0.1, p["energy_intake"] * 0.6 / 4100.0, 0.05)
    # cold: marching insulation need and the night
    ireq_march = thermal.required_insulation(p["air_temperature_min"], p["relative_humidity"], air_speed,
                                             m_walk / area, speed)
    i_clothes = thermal.resultant_insulation(p["clothing_insulation"], air_speed)
    i_night = thermal.night_insulation(i_clothes, p["sleeping_gear_insulation"], 0.0, 1.0)
    s_night = thermal.body_heat_storage_rate(p["air_temperature_min"], p["relative_humidity"], 0.4, 41.0, i_night)
    s_night = 41.0 - thermal.huddling_heat_loss_factor(3.0) * (41.0 - s_night)
    shiver = thermal.shivering_energy(s_night, area, 10.0)
    drop = thermal.body_temperature_drop(thermal.night_heat_debt(s_night, area, 10.0), mass)
    # energy and body composition
    expenditure = rmr + m_walk * p["hours_walked"] * 3600.0 / 4184.0 + shiver
    fat, lean = energy.body_composition_step(p["fat_mass"], p["lean_mass"], p["energy_intake"], expenditure)
    water_in = water_in + water.tissue_water_release(np.maximum(p["lean_mass"] - lean, 0.0))
    # hazards
    wct = thermal.wind_chill_temperature(p["air_temperature_min"], p["wind_speed"])
    distance = speed * p["hours_walked"] * 3600.0
    hazard = (water.dehydration_hazard(p["water_deficit"], p["air_temperature_max"])
              + thermal.hypothermia_hazard(drop)
              + thermal.frostbite_hazard(10.0, thermal.frostbite_time(wct))
              + thermal.heat_illness_hazard(core, p["hours_walked"])
              + hazards.injury_hazard(distance, p["terrain_factor"], p["load_mass"] / mass)
              + hazards.fall_hazard(p["slope"], p["hours_walked"])
              + hazards.waterborne_illness_hazard(0.5)
              + hazards.exhaustion_illness_hazard(0.1, p["hours_walked"])
              + hazards.lost_hazard(p["hours_walked"], 0.0)
              + altitude.ams_hazard(p["elevation"], p["acclimatised_altitude"]))
    return {"water_balance": water_in - out, "ireq": ireq_march, "fat_mass": fat, "lean_mass": lean,
            "hazard": hazard}


def _time(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="person-days in the vectorised run")
    parser.add_argument("--loop-sample", type=int, default=500, help="person-days in the plain-loop run")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    warnings.simplefilter("ignore", ModelRangeWarning)
    rng = np.random.default_rng(np.random.SeedSequence(5))
    pop = make_population(args.n, rng)
    daily_physiology({k: v[:10] for k, v in pop.items()})  # compile the numba kernels outside the timing
    sample = [{k: float(v[i]) for k, v in pop.items()} for i in range(args.loop_sample)]

    # the loop and the vectorised run must agree on the sample
    vec = daily_physiology({k: v[: args.loop_sample] for k, v in pop.items()})
    loop = [daily_physiology(person) for person in sample]
    for key in vec:
        np.testing.assert_allclose(vec[key], [float(r[key]) for r in loop], rtol=1e-9, atol=1e-12)

    t_vec = _time(lambda: daily_physiology(pop), args.repeats)
    t_loop = _time(lambda: [daily_physiology(person) for person in sample], args.repeats)
    rate_vec = args.n / t_vec
    rate_loop = args.loop_sample / t_loop
    print(f"vectorised: {args.n:,} person-days in {t_vec:.3f} s = {rate_vec / 1e6:.2f} M person-days/s")
    print(f"plain loop: {args.loop_sample:,} person-days in {t_loop:.3f} s = {rate_loop:,.0f} person-days/s")
    print(f"ratio vectorised / loop: {rate_vec / rate_loop:,.0f}x  (median of {args.repeats} repeats)")


if __name__ == "__main__":
    main()
