"""Benchmark: the climate along a 4,000 km route, cold and cached, the Asian region model against the world model.

    python bench/climate.py [--repeats 5]

The route runs from Yakutsk by Irkutsk and Ulaanbaatar towards Lhasa (inside the region the old model was fitted
for, so both models are valid on it), one node per kilometre at the atlas's 5' ground elevation.  For each model,
in the same run and interleaved (old, new, old, new, ...):

* **cold**: a fresh model object without a disk cache — ``monthly`` at every node tabulates the slabs it needs;
* **cached**: the same call again on that object (slabs in memory);
* **exact**: the kernel summed over every knot at every node (what a slab node costs).

Prints medians over the repetitions, the ratio world / region, and checks that both models' answers are
plausible and agree within what their cross-validation allows.  The old model is the one shipped before issue 10,
read from git (commit ``OLD_COMMIT``); without git it is skipped.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from longwalk.atlas import climate as world
from longwalk.atlas.layers import counts_to_elevation, native_elevation_counts

ROOT = Path(__file__).resolve().parents[1]
OLD_COMMIT = "52d5ec8"  # the last commit with the Asian-only model (20-70°N, 70-140°E)
WAYPOINTS = np.array([(62.03, 129.73), (52.27, 104.30), (47.92, 106.92), (36.0, 95.0)])  # lat, lon [degree]
ROUTE_KM = 4000.0


def route(step_km: float = 1.0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(lat, lon, elevation) every ``step_km`` along the waypoints (straight in lat/lon, length on the sphere)."""
    fine = np.concatenate([np.linspace(a, b, 2000, endpoint=False) for a, b in zip(WAYPOINTS[:-1], WAYPOINTS[1:],
                                                                                    strict=True)])
    u = world._unit_vectors(fine[:, 0], fine[:, 1])
    s = np.concatenate([[0.0], np.cumsum(np.arccos(np.clip((u[1:] * u[:-1]).sum(1), -1, 1)))]) * 6371.0
    at = np.arange(0.0, min(ROUTE_KM, s[-1]), step_km)
    lat, lon = np.interp(at, s, fine[:, 0]), np.interp(at, s, fine[:, 1])
    rows = np.clip(((lat + 90.0) * 12).astype(int), 0, 2159)
    cols = np.clip(((lon + 180.0) * 12).astype(int), 0, 4319)
    elev = np.nan_to_num(counts_to_elevation(native_elevation_counts()[rows, cols]), nan=0.0)
    return lat, lon, np.maximum(elev, 0.0).astype(float)


def old_model():
    """The Asian-only model and its coefficients as shipped at OLD_COMMIT, or None without git."""
    try:
        src = subprocess.run(["git", "show", f"{OLD_COMMIT}:src/longwalk/atlas/climate.py"], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout
        coef = subprocess.run(["git", "show", f"{OLD_COMMIT}:src/longwalk/atlas/data/climate_coefficients.json"],
                              cwd=ROOT, check=True, capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    folder = Path(tempfile.mkdtemp(prefix="longwalk-old-climate-"))
    (folder / "old_climate.py").write_text(src)
    spec = importlib.util.spec_from_file_location("old_climate", folder / "old_climate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["old_climate"] = module
    spec.loader.exec_module(module)
    data = json.loads(coef)
    return lambda: module.FittedClimatology.from_coefficients(data, disk_cache=False)


def new_model():
    path = Path(world.__file__).parent / "data" / world.COEFFICIENTS_FILE
    data = json.loads(path.read_text())
    return world.FittedClimatology.from_coefficients(data, disk_cache=False)


def timings(make, lat, lon, elev, exact_sample) -> dict:
    model = make()
    t0 = time.perf_counter()
    first = model.monthly(lat, lon, elev)
    cold = time.perf_counter() - t0
    t0 = time.perf_counter()
    model.monthly(lat, lon, elev)
    cached = time.perf_counter() - t0
    t0 = time.perf_counter()
    model.monthly(lat[exact_sample], lon[exact_sample], elev[exact_sample], exact=True)
    exact = (time.perf_counter() - t0) / exact_sample.size
    return {"cold": cold, "cached": cached, "exact per node": exact, "slabs": len(model._slabs), "normals": first}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    lat, lon, elev = route()
    exact_sample = np.arange(0, lat.size, 40)
    makers = {"world": new_model}
    old = old_model()
    if old is not None:
        makers = {"region (old)": old, "world": new_model}
    for make in makers.values():  # compile the kernels and read the land mask once, outside the timings
        make().monthly(lat[:5], lon[:5], elev[:5])
    results = {name: [] for name in makers}
    for _ in range(args.repeats):
        for name, make in makers.items():
            results[name].append(timings(make, lat, lon, elev, exact_sample))
    print(f"{lat.size} nodes along {ROUTE_KM:.0f} km (Yakutsk - Irkutsk - Ulaanbaatar - towards Lhasa), "
          f"{args.repeats} repetitions, medians")
    print(f"{'model':14s} {'cold s':>8s} {'cached ms':>10s} {'exact us/node':>14s} {'slabs':>6s}")
    med = {}
    for name, runs in results.items():
        med[name] = {k: statistics.median(r[k] for r in runs) for k in ("cold", "cached", "exact per node")}
        print(f"{name:14s} {med[name]['cold']:8.2f} {med[name]['cached'] * 1e3:10.1f} "
              f"{med[name]['exact per node'] * 1e6:14.0f} {runs[0]['slabs']:6d}")
    normals = {name: runs[0]["normals"] for name, runs in results.items()}
    w = normals["world"]
    assert np.all(w.air_temperature_min < w.air_temperature_mean) and np.all(w.air_temperature_mean
                                                                             < w.air_temperature_max)
    assert np.all((w.relative_humidity > 0) & (w.relative_humidity < 1)) and np.all(w.precipitation >= 0)
    assert np.all((w.air_temperature_mean > -50) & (w.air_temperature_mean < 35))
    if "region (old)" in med:
        o = normals["region (old)"]
        diff = w.air_temperature_mean - o.air_temperature_mean
        ratios = {k: med["world"][k] / med["region (old)"][k] for k in med["world"]}
        print("world / region: " + ", ".join(f"{k} {v:.2f}x" for k, v in ratios.items()))
        print(f"mean temperature, world - region: rms {np.sqrt((diff**2).mean()):.2f} °C, "
              f"largest {np.abs(diff).max():.2f} °C")
        # both fit the same Asian stations with CV RMSEs near 1.2 °C: they must agree to a few degrees
        assert np.sqrt((diff**2).mean()) < 2.0


if __name__ == "__main__":
    main()
