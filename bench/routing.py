"""Routing benchmark: set-up and search timed apart for every contender, interleaved, with a check that routes agree.

Two problems on each grid:

- **longwalk's own** (``lw``): 16 neighbours, Tobler with the altitude factor, uphill ≠ downhill, geodesic step
  lengths per row, water rules.  Only longwalk solves it; timed for the record: ``cost_distance`` (one source to
  every cell) and A* between two points.
- **the shared problem** (``iso``): what ``skimage.graph.MCP_Geometric`` solves — 8 neighbours, isotropic friction
  ``F`` (Tobler time per metre of each cell's steepest slope), one constant spacing per axis, every move costing
  ``length × (F_u + F_v) / 2``, every cell walkable.  longwalk solves exactly this problem with a flat elevation, a
  planar ``cell_size`` and ``terrain_factor = F / (Tobler's cost per metre on the flat)``; both must give the same
  cost map (to float32 rounding of the factor) and the same path.  Timed: one source to every cell, and point to
  point (longwalk: Dijkstra stopped at the target; MCP: ``find_costs`` with ``ends``, which stops there too).

GRASS ``r.walk -k`` (16 neighbours, directional, on a planar XY location, ocean null), if ``grass`` is installed, is
timed on the command alone (``/usr/bin/time``): reading the raster, set-up and search in one figure, which cannot be
split; it solves a problem of its own (r.walk's cost model), so no route is compared.

Set-up is everything from the grid arrays to a searchable object (longwalk: friction, ``build_cost_surface`` and its
water-proximity mask; MCP: friction and the ``MCP_Geometric`` constructor); search is the query alone.  Each
repetition of each contender runs in a fresh process (its peak memory is its own), contenders interleaved
(``ours, mcp, ours, mcp ...``) so that a busy machine slows them alike; medians and ratios are printed.

Grids: the Way Back region (20-70°N, 70-140°E, 600×840) and the whole 5′ world (2160×4320 = 9.3 M cells), from the
built-in atlas when it can be loaded, else a synthetic DEM of the same size (said in the output).

    python bench/routing.py [--repeat 5] [--no-global] [--no-grass] [--grids DIR] [--save-grids DIR]
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
KINDS = ("lw", "iso", "mcp")
LABELS = {
    "lw": "ours, longwalk's problem (16 nb, directional, geodesic, water)",
    "iso": "ours, the shared problem (8 nb, isotropic, planar)",
    "mcp": "skimage MCP_Geometric, the shared problem",
}


def _grid(region, source_dir, grids=None, name=""):
    """Write elevation/surface/river arrays of ``region`` to ``source_dir``; returns a description and the shape.

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


def friction(z, lat, lon):
    """The shared problem's isotropic friction [s m-1] and spacing (dy, dx) [m]: Tobler's time per metre of each
    cell's steepest slope, on one median spacing per axis (what an isotropic tool can take)."""
    from longwalk.routing.costs import tobler_speed
    from longwalk.routing.geometry import neighbour_offsets, step_lengths

    L = step_lengths(lat, lon, neighbour_offsets(8))
    dy, dx = float(np.nanmedian(L[:, 0])), float(np.nanmedian(L[:, 1]))
    gy, gx = np.gradient(z.astype(float), dy, dx)
    return 1.0 / tobler_speed(np.hypot(gx, gy)), dy, dx


def _rss():
    # VmHWM (peak resident set of this program's memory map) resets at exec; ru_maxrss would keep the
    # high-water mark of the forking parent
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _worker(kind, path, start, end, save):
    """One repetition of one contender in this (fresh) process; prints a JSON line with times and memory."""
    # imports and compilation go into the baseline; inputs, set-up and search into the peak
    from longwalk.routing import build_cost_surface, cost_distance, least_cost_path
    from longwalk.routing.kernels import NO_PRED

    if kind == "mcp":
        from skimage.graph import MCP_Geometric

        MCP_Geometric(np.ones((20, 20))).find_costs([(1, 1)])
    else:
        lat0 = np.arange(20.0)
        small = build_cost_surface(np.zeros((20, 20)), 1, 0, lat0, lat0, neighbours=8, cell_size=(1.0, 1.0))
        cost_distance(small, [(1, 1)])
        least_cost_path(small, (1, 1), (18, 18))
        small = build_cost_surface(np.zeros((20, 20)), 1, 0, lat0, lat0)
        cost_distance(small, [(1, 1)])
        least_cost_path(small, (1, 1), (18, 18))
    base = _rss()
    d = np.load(path)
    z, s, r, lat, lon = d["z"], d["s"], d["r"], d["lat"], d["lon"]
    out = {"kind": kind, "cells": int(z.size)}
    a, b = tuple(start), tuple(end)
    t0 = time.perf_counter()
    if kind == "lw":
        cs = build_cost_surface(z, s, r, lat, lon, neighbours=16)
        cs.dry()
    elif kind == "iso":
        F, dy, dx = friction(z, lat, lon)
        flat = 0.6 * np.exp(3.5 * 0.05)  # Tobler's cost per metre on the flat [s m-1] (kernels._model_cost)
        cs = build_cost_surface(np.zeros(z.shape, np.float32), 1, 0, lat, lon, neighbours=8, altitude=False,
                                terrain_factor=F / flat, cell_size=(dx, dy))
        cs.dry()
    else:
        F, dy, dx = friction(z, lat, lon)
        m = MCP_Geometric(F, sampling=(dy, dx), fully_connected=True)
    out["setup"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    if kind == "mcp":
        c, _ = m.find_costs([a])
    else:
        c, pred = cost_distance(cs, [a], return_pred=True)
    out["search"] = time.perf_counter() - t0
    out["reached"] = int(np.isfinite(c).sum())
    if save:
        np.save(save + "-cost.npy", c)
    del c
    if kind == "mcp":
        m = MCP_Geometric(F, sampling=(dy, dx), fully_connected=True)
        t0 = time.perf_counter()
        c, _ = m.find_costs([a], [b])
        path = np.asarray(m.traceback(b))
        out["p2p"] = time.perf_counter() - t0
        out["p2p_cost"] = float(c[b])
    else:
        del pred
        t0 = time.perf_counter()
        flat_path, total, settled = least_cost_path(cs, a, b, method="astar" if kind == "lw" else "dijkstra")
        out["p2p"] = time.perf_counter() - t0
        out["p2p_cost"], out["settled"] = total, settled
        path = np.stack([flat_path // z.shape[1], flat_path % z.shape[1]], axis=1)
    if save:
        np.save(save + "-path.npy", path)
    out["peak_bytes"] = _rss() - base
    assert NO_PRED == 255
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


def _run_worker(kind, path, start, end, save=""):
    cmd = [sys.executable, __file__, "--worker", kind, path, json.dumps([start, end]), save]
    p = subprocess.run(cmd, capture_output=True, text=True)
    for line in p.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:])
    raise RuntimeError(f"{kind} failed:\n{p.stdout[-2000:]}\n{p.stderr[-4000:]}")


def _run_grass(path, start):
    """One r.walk run: ``{"kind": "grass", "total": s, "peak_bytes": B}``, or None without GRASS."""
    grass = shutil.which("grass")
    if grass is None or not os.path.exists("/usr/bin/time"):
        return None
    d = np.load(path)
    z = d["z"].astype(np.float32)
    z[d["s"] == 0] = np.nan  # ocean: null in GRASS
    ny, nx = z.shape
    work = tempfile.mkdtemp(prefix="lw_grass_")
    z[::-1].tofile(os.path.join(work, "z.bin"))  # GRASS rows run north to south
    script = (
        "set -e\n"
        f"r.in.bin -f input=z.bin output=dem bytes=4 north={ny} south=0 east={nx} west=0 rows={ny} cols={nx} --q\n"
        "g.region raster=dem\nr.mapcalc 'zero = 0' --q\n"
        f"/usr/bin/time -f 'RWALK %e %M' r.walk -k elevation=dem friction=zero output=cost "
        f"start_coordinates={start[1]}.5,{start[0]}.5 --q --o\n")
    with open(os.path.join(work, "run.sh"), "w") as f:
        f.write(script)
    p = subprocess.run([grass, "--tmp-location", "XY", "--exec", "bash", "run.sh"], cwd=work, capture_output=True,
                       text=True)
    shutil.rmtree(work, ignore_errors=True)
    rows = [line.split() for line in p.stderr.splitlines() if line.startswith("RWALK ")]
    if not rows:
        raise RuntimeError(f"r.walk failed: {p.stderr[-2000:]}")
    return {"kind": "grass", "total": float(rows[0][1]), "peak_bytes": int(rows[0][2]) * 1024}


def _agreement(tmp):
    """How far ours and MCP's cost maps and paths on the shared problem differ."""
    ours, mcp = np.load(tmp + "/iso-cost.npy"), np.load(tmp + "/mcp-cost.npy")
    both = np.isfinite(ours) & np.isfinite(mcp)
    rel = np.abs(ours[both] - mcp[both]) / np.maximum(mcp[both], 1e-12)
    po, pm = np.load(tmp + "/iso-path.npy"), np.load(tmp + "/mcp-path.npy")
    same_path = po.shape == pm.shape and bool(np.all(po == pm))
    return {"reach_equal": bool(np.array_equal(np.isfinite(ours), np.isfinite(mcp))),
            "max_rel_cost_diff": float(rel.max()) if rel.size else 0.0, "same_path": same_path,
            "path_cells": (int(po.shape[0]), int(pm.shape[0]))}


def _report(name, what, shape, results, agree):
    cells = shape[0] * shape[1]
    print(f"\n== {name}: {shape[0]}x{shape[1]} = {cells / 1e6:.2f} M cells ({what}) ==")
    med = {}
    for kind in KINDS:
        runs = [r for r in results if r["kind"] == kind]  # GRASS is reported below
        if not runs:
            continue
        m = {k: float(np.median([r[k] for r in runs])) for k in ("setup", "search", "p2p")}
        med[kind] = m
        peak = max(r["peak_bytes"] for r in runs)
        print(f"  {LABELS[kind]}")
        for k, label in (("setup", "set-up"), ("search", "search, one source to all"),
                         ("p2p", "search, point to point" + (" (A*)" if kind == "lw" else ""))):
            print(f"    {label:34s} median {m[k]:8.3f} s  (runs {', '.join(f'{r[k]:.3f}' for r in runs)})")
        extra = f", {runs[0]['settled'] / 1e6:.2f} M cells settled point to point" if "settled" in runs[0] else ""
        print(f"    peak +{peak / 2**20:.0f} MiB = {peak / cells:.1f} B/cell, {runs[0]['reached'] / 1e6:.2f} M cells "
              f"reached, point-to-point cost {runs[0]['p2p_cost'] / 3600:.1f} h{extra}")
    grass = [r for r in results if r["kind"] == "grass"]
    if grass:
        totals = [r["total"] for r in grass]
        t = float(np.median(totals))
        print(f"  GRASS r.walk -k (16 nb, directional, planar), command total (read, set-up, search) median {t:.3f} s "
              f"(runs {', '.join(f'{x:.3f}' for x in totals)}), peak {grass[0]['peak_bytes'] / cells:.1f} B/cell")
        if "lw" in med:
            lw = med["lw"]["setup"] + med["lw"]["search"]
            print(f"  ratio r.walk / ours (longwalk's problem, set-up + one source to all): {t / lw:.2f}x")
    if "iso" in med and "mcp" in med:
        iso = [r for r in results if r["kind"] == "iso"]
        mcp = [r for r in results if r["kind"] == "mcp"]
        for k, label in (("search", "one source to all"), ("p2p", "point to point"), ("setup", "set-up")):
            # each repetition's pair ran back to back: the median of their ratios is the least hurt by a machine
            # whose load changes between repetitions
            pairs = [m[k] / o[k] for o, m in zip(iso, mcp, strict=True)]
            listed = ", ".join(f"{x:.2f}" for x in pairs)
            best = min(r[k] for r in mcp) / min(r[k] for r in iso)  # the fastest runs: the least disturbed
            print(f"  ratio MCP / ours on the shared problem, {label}: {med['mcp'][k] / med['iso'][k]:.2f}x of the "
                  f"medians, {float(np.median(pairs)):.2f}x median of the pairs ({listed}), {best:.2f}x of the best")
        tot_m, tot_o = med["mcp"]["setup"] + med["mcp"]["search"], med["iso"]["setup"] + med["iso"]["search"]
        print(f"  ratio MCP / ours on the shared problem, set-up + one source to all: {tot_m / tot_o:.2f}x")
    if agree:
        print(f"  agreement on the shared problem: same cells reached {agree['reach_equal']}, largest relative cost "
              f"difference {agree['max_rel_cost_diff']:.1e}, same path {agree['same_path']} "
              f"({agree['path_cells'][0]} and {agree['path_cells'][1]} cells)")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--no-global", action="store_true")
    ap.add_argument("--no-grass", action="store_true")
    ap.add_argument("--grids", help="folder of grids saved by --save-grids (instead of loading the atlas)")
    ap.add_argument("--save-grids", help="save the grids to this folder and stop")
    ap.add_argument("--worker", nargs=4, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        kind, path, se, save = args.worker
        start, end = json.loads(se)
        _worker(kind, path, start, end, save)
        return
    with tempfile.TemporaryDirectory(prefix="lw_bench_") as tmp:
        regions = [("Way Back region", WAY_BACK)] + ([] if args.no_global else [("whole 5' world", WORLD)])
        for name, region in regions:
            key = "wayback" if region == WAY_BACK else "world"
            what, shape = _grid(region, tmp, args.grids, key)
            path = os.path.join(tmp, "grid.npz")
            if args.save_grids:
                os.makedirs(args.save_grids, exist_ok=True)
                np.savez_compressed(os.path.join(args.save_grids, key + ".npz"), **dict(np.load(path)))
                print(f"saved {key}.npz ({what})")
                continue
            a, b = _cells(path)
            results = []
            for rep in range(args.repeat):
                for kind in KINDS:  # interleaved: a busy machine slows every contender alike
                    save = f"{tmp}/{kind}" if rep == 0 and kind in ("iso", "mcp") else ""
                    results.append(_run_worker(kind, path, a, b, save))
                grass = None if args.no_grass else _run_grass(path, a)
                if grass is not None:
                    results.append(grass)
            _report(name, what, shape, results, _agreement(tmp))


if __name__ == "__main__":
    main()
