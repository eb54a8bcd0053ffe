"""Routing benchmark: our direction-dependent 16-neighbour geodesic cost-distance against the anchors, same run.

Contenders, each in a fresh process so that its peak memory (ru_maxrss) is its own:

- ours: ``longwalk.routing.cost_distance`` — 16 neighbours, Tobler with the altitude factor, uphill ≠ downhill,
  geodesic step lengths per row, water rules; and point-to-point A* across the Way Back region;
- skimage ``MCP_Geometric`` — 8 neighbours, isotropic friction (Tobler time per metre of each cell's steepest
  slope), one constant spacing per axis;
- GRASS ``r.walk -k`` (16 neighbours), if ``grass`` is installed — timed on the command alone (``/usr/bin/time``),
  on a non-georeferenced (XY) location because r.walk measures lat/lon cells in degrees anyway (ocean cells null).

Grids: the whole 5′ world (2160×4320 = 9.3 M cells) and the Way Back region (20-70°N, 70-140°E, 600×840), from the
built-in atlas when it can be loaded, else a synthetic DEM of the same size (said in the output).

    python bench/routing.py [--repeat 3] [--no-global] [--no-grass]

Prints medians of ``--repeat`` runs and the ratios (MCP time / ours, etc.) and bytes per cell.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import numpy as np

WAY_BACK = (20.0, 70.0, 70.0, 140.0)
WORLD = (-90.0, 90.0, -180.0, 180.0)
START_WAY_BACK = (62.0, 129.7)  # near Yakutsk
END_WAY_BACK = (27.04, 88.26)  # Darjeeling


def _grid(region, source_dir, grids=None, name=""):
    """Write elevation/surface/river arrays of ``region`` to ``source_dir``; returns a description.

    ``grids``: a folder with ``<name>.npz`` saved by ``--save-grids`` (to benchmark the atlas on another machine).
    """
    saved = os.path.join(grids, name + ".npz") if grids else None
    if saved and os.path.exists(saved):
        shutil.copy(saved, os.path.join(source_dir, "grid.npz"))
        d = np.load(saved)
        return f"built-in 5' atlas, saved in {grids}", d["z"].shape
    try:
        from longwalk.atlas import load_atlas

        atlas = load_atlas(region)
        z, s, r = atlas.elevation, atlas.surface, atlas.river_class
        lat, lon = atlas.grid.lat, atlas.grid.lon
        what = "built-in 5' atlas"
    except Exception as err:  # the atlas layer may be missing on a bare machine: synthetic of the same size
        from scipy import ndimage

        south, north, west, east = region
        lat = south + (np.arange(int(round((north - south) * 12))) + 0.5) / 12
        lon = west + (np.arange(int(round((east - west) * 12))) + 0.5) / 12
        rng = np.random.default_rng(0)
        coarse = rng.normal(size=(lat.size // 8 + 1, lon.size // 8 + 1))
        z = (ndimage.zoom(coarse, 8, order=1)[: lat.size, : lon.size] * 1500 + 1000).astype(np.float32)
        s = np.where(z > 0, 1, 0).astype(np.uint8)
        r = np.zeros_like(s)
        what = f"synthetic DEM (atlas unavailable: {type(err).__name__})"
    np.savez(os.path.join(source_dir, "grid.npz"), z=z, s=s, r=r, lat=lat, lon=lon)
    return what, z.shape


def _worker(kind, path, repeat, start, end):
    """Run one contender in this (fresh) process; print a JSON line with times and memory."""
    import resource

    def rss():
        # VmHWM (peak resident set of this program's memory map) resets at exec; ru_maxrss would keep the
        # high-water mark of the forking parent
        try:
            with open("/proc/self/status") as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1]) * 1024
        except OSError:
            pass
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

    # imports and compilation go into the baseline; inputs, set-up and search into the peak
    if kind in ("ours", "astar"):
        from longwalk.routing import build_cost_surface, cost_distance, least_cost_path

        lat0 = np.arange(20.0)
        small = build_cost_surface(np.zeros((20, 20)), 1, 0, lat0, lat0)
        cost_distance(small, [(1, 1)])
        least_cost_path(small, (1, 1), (18, 18))
    else:
        from skimage.graph import MCP_Geometric

        from longwalk.routing.costs import tobler_speed
        from longwalk.routing.geometry import neighbour_offsets, step_lengths

        MCP_Geometric(np.ones((20, 20))).find_costs([(1, 1)])
    base = rss()
    d = np.load(path)
    z, s, r, lat, lon = d["z"], d["s"], d["r"], d["lat"], d["lon"]
    ny, nx = z.shape
    times = []
    out = {"kind": kind, "cells": int(z.size)}
    if kind in ("ours", "astar"):
        a, b = start, end
        cs = build_cost_surface(z, s, r, lat, lon, neighbours=16)
        for _ in range(repeat):
            t = time.perf_counter()
            if kind == "ours":
                c = cost_distance(cs, [a])
                out["reached"] = int(np.isfinite(c).sum())
            else:
                _, total, settled = least_cost_path(cs, a, b)
                out["hours"], out["settled"] = total / 3600.0, settled
            times.append(time.perf_counter() - t)
    elif kind == "mcp":
        L = step_lengths(lat, lon, neighbour_offsets(8))
        dy, dx = float(np.nanmedian(L[:, 0])), float(np.nanmedian(L[:, 1]))
        gy, gx = np.gradient(z.astype(float), dy, dx)
        friction = 1.0 / tobler_speed(np.hypot(gx, gy))  # isotropic: steepest slope, either direction
        friction[s == 0] = np.inf
        a = start
        del gy, gx
        for _ in range(repeat):
            t = time.perf_counter()
            m = MCP_Geometric(friction, sampling=(dy, dx), fully_connected=True)
            c, _ = m.find_costs([a])
            times.append(time.perf_counter() - t)
            del m, c
    out["times"] = times
    out["peak_bytes"] = rss() - base
    print("RESULT " + json.dumps(out))


def _cells(path):
    """Source and target cells: nearest land cells to START_WAY_BACK and END_WAY_BACK."""
    d = np.load(path)
    land = d["s"] == 1
    rows, cols = np.nonzero(land)
    out = []
    for p in (START_WAY_BACK, END_WAY_BACK):
        k = np.argmin((d["lat"][rows] - p[0]) ** 2 + (d["lon"][cols] - p[1]) ** 2)
        out.append((int(rows[k]), int(cols[k])))
    return out


def _run_worker(kind, path, repeat, start, end):
    cmd = [sys.executable, __file__, "--worker", kind, path, str(repeat), json.dumps([start, end])]
    p = subprocess.run(cmd, capture_output=True, text=True)
    for line in p.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:])
    raise RuntimeError(f"{kind} failed:\n{p.stdout[-2000:]}\n{p.stderr[-4000:]}")


def _run_grass(path, repeat, start):
    grass = shutil.which("grass")
    if grass is None or not os.path.exists("/usr/bin/time"):
        return None
    d = np.load(path)
    z = d["z"].astype(np.float32)
    z[d["s"] == 0] = np.nan  # ocean: null in GRASS
    ny, nx = z.shape
    work = tempfile.mkdtemp(prefix="lw_grass_")
    z[::-1].tofile(os.path.join(work, "z.bin"))  # GRASS rows run north to south
    runs = "\n".join(
        f"/usr/bin/time -f 'RWALK %e %M' r.walk -k elevation=dem friction=zero output=cost{i} "
        f"start_coordinates={start[1]}.5,{start[0]}.5 --q --o" for i in range(repeat))
    script = (
        "set -e\n"
        f"r.in.bin -f input=z.bin output=dem bytes=4 north={ny} south=0 east={nx} west=0 rows={ny} cols={nx} --q\n"
        "g.region raster=dem\nr.mapcalc 'zero = 0' --q\n" + runs + "\n")
    with open(os.path.join(work, "run.sh"), "w") as f:
        f.write(script)
    p = subprocess.run([grass, "--tmp-location", "XY", "--exec", "bash", "run.sh"], cwd=work, capture_output=True,
                       text=True)
    shutil.rmtree(work, ignore_errors=True)
    rows = [line.split() for line in p.stderr.splitlines() if line.startswith("RWALK ")]
    if not rows:
        raise RuntimeError(f"r.walk failed: {p.stderr[-2000:]}")
    return {"kind": "grass", "times": [float(r[1]) for r in rows], "peak_bytes": max(int(r[2]) for r in rows) * 1024}


def _report(name, what, shape, results):
    cells = shape[0] * shape[1]
    print(f"\n== {name}: {shape[0]}x{shape[1]} = {cells / 1e6:.2f} M cells ({what}) ==")
    med = {}
    for r in results:
        if r is None:
            continue
        t = float(np.median(r["times"]))
        med[r["kind"]] = t
        label = {"ours": "ours cost-distance (16 nb, directional, geodesic)",
                 "mcp": "skimage MCP_Geometric (8 nb, isotropic)",
                 "grass": "GRASS r.walk -k (16 nb, directional, planar)",
                 "astar": "ours A* point to point (16 nb)"}[r["kind"]]
        extra = ""
        if r["kind"] == "astar":
            extra = f"  [{r['hours']:.0f} h walking, {r['settled'] / 1e6:.2f} M cells settled]"
        print(f"  {label:52s} median {t:8.3f} s  (runs {', '.join(f'{x:.3f}' for x in r['times'])})  "
              f"peak +{r['peak_bytes'] / 2**20:7.0f} MiB = {r['peak_bytes'] / cells:5.1f} B/cell{extra}")
    if "ours" in med:
        for k, label in (("mcp", "MCP_Geometric"), ("grass", "GRASS r.walk -k")):
            if k in med:
                print(f"  ratio {label} / ours: {med[k] / med['ours']:.2f}x  (goal for MCP: >= 2)")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-global", action="store_true")
    ap.add_argument("--no-grass", action="store_true")
    ap.add_argument("--grids", help="folder of grids saved by --save-grids (instead of loading the atlas)")
    ap.add_argument("--save-grids", help="save the grids to this folder and stop")
    ap.add_argument("--worker", nargs=4, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        kind, path, repeat, se = args.worker
        start, end = json.loads(se)
        _worker(kind, path, int(repeat), tuple(start), tuple(end))
        return
    with tempfile.TemporaryDirectory(prefix="lw_bench_") as tmp:
        regions = [("Way Back region", WAY_BACK)]
        if not args.no_global:
            regions += [("whole 5' world", WORLD), ("whole 5' world, every cell walkable", WORLD)]
        for name, region in regions:
            key = "wayback" if region == WAY_BACK else "world"
            what, shape = _grid(region, tmp, args.grids, key)
            path = os.path.join(tmp, "grid.npz")
            if name.endswith("walkable"):
                # as in the anchors' measurements: every cell is searched (the sea as land at its filled elevation)
                d = dict(np.load(path))
                d["s"][:] = 1
                d["r"][:] = 0
                np.savez(path, **d)
            if args.save_grids and not name.endswith("walkable"):
                os.makedirs(args.save_grids, exist_ok=True)
                d = dict(np.load(path))
                np.savez_compressed(os.path.join(args.save_grids, key + ".npz"), **d)
                print(f"saved {key}.npz ({what})")
            if args.save_grids:
                continue
            a, b = _cells(path)
            results = [_run_worker("ours", path, args.repeat, a, b), _run_worker("mcp", path, args.repeat, a, b)]
            if name == "Way Back region":
                results.append(_run_worker("astar", path, args.repeat, a, b))
            if not args.no_grass:
                results.append(_run_grass(path, args.repeat, a))
            _report(name, what, shape, results)


if __name__ == "__main__":
    main()
