"""Benchmark: building the Way Back atlas (20–70°N, 70–140°E, 5′) cold and cached.

Cold   = no cached atlas; the data files are read again (in-process file caches cleared) and every layer is
         built (elevation, surface, rivers, places within the region).  The GeoNames places table, converted once
         per machine into ``cache_dir()/atlas/places-*.npz``, is reused (``--places-cold`` times that one-off step).
Cached = the atlas ``.npz`` exists.
Baseline = pvlib's own one-point lookup ``pvlib.location.lookup_altitude`` (opens the HDF5 file per call), timed on
         a sample of points and scaled to every cell of the grid: what reading just the elevation layer would cost
         point by point.

Run: ``python bench/atlas.py [--repeat 5] [--places-cold]``.  Prints medians and ratios; asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np


def _median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement (median reported)")
    parser.add_argument("--sample", type=int, default=200, help="points for the per-point baseline")
    parser.add_argument("--places-cold", action="store_true", help="also time the one-off GeoNames conversion")
    args = parser.parse_args()

    from pvlib.location import lookup_altitude

    import longwalk.atlas.build as build
    from longwalk.atlas import WAY_BACK_REGION, Grid, layers, load_atlas, places, rivers

    grid = Grid(*WAY_BACK_REGION)
    n_cells = grid.shape[0] * grid.shape[1]

    if args.places_cold:
        with tempfile.TemporaryDirectory() as tmp:
            import os

            old = os.environ.get("LONGWALK_CACHE")
            os.environ["LONGWALK_CACHE"] = tmp
            places.builtin_places.cache_clear()
            t0 = time.perf_counter()
            places.builtin_places()
            print(f"one-off GeoNames → npz conversion: {time.perf_counter() - t0:.2f} s")
            if old is None:
                del os.environ["LONGWALK_CACHE"]
            else:
                os.environ["LONGWALK_CACHE"] = old
            places.builtin_places.cache_clear()
    places.builtin_places()  # make sure the places table exists in the normal cache

    with tempfile.TemporaryDirectory() as tmp:
        build.atlas_cache_dir = lambda: Path(tmp)

        def cold():
            for f in (layers.native_elevation_counts, layers.native_surface, rivers.river_polylines,
                      places.builtin_places):
                f.cache_clear()
            for p in Path(tmp).glob("*.npz"):
                p.unlink()
            load_atlas(WAY_BACK_REGION)

        def cached():
            load_atlas(WAY_BACK_REGION)

        t_cold = _median_time(cold, args.repeat)
        cached()
        t_cached = _median_time(cached, args.repeat)

    rng = np.random.default_rng(0)
    lat = rng.uniform(20.01, 69.99, args.sample)
    lon = rng.uniform(70.01, 139.99, args.sample)

    def baseline():
        for a, o in zip(lat, lon, strict=True):
            lookup_altitude(a, o)

    t_base = _median_time(baseline, max(1, args.repeat // 2)) / args.sample * n_cells

    print(f"Way Back atlas {grid.shape[0]}×{grid.shape[1]} cells at 5′ (median of {args.repeat})")
    print(f"  cold build (all layers):  {t_cold:8.3f} s   goal < 2 s")
    print(f"  cached load:              {t_cached:8.3f} s   goal < 0.2 s")
    print(f"  baseline, pvlib lookup_altitude per cell (elevation only, scaled from {args.sample} points): "
          f"{t_base:8.1f} s")
    print(f"  ratio baseline / cold:   {t_base / t_cold:8.0f}×")
    print(f"  ratio baseline / cached: {t_base / t_cached:8.0f}×")
    print(f"  ratio cold / cached:     {t_cold / t_cached:8.1f}×")


if __name__ == "__main__":
    main()
