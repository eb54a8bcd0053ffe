"""Seasonal route planning of The Way Back: the ice calendar against evaluating the ice model date by date.

``longwalk.engine.plan.plan_journey`` routes each leg for its date, so it needs the lake ice and river state of
the whole Way Back grid on about a dozen dates.  Contenders, each in a fresh process (no climate tiles or
calendars kept in memory from a previous run), the atlas from the cache, the plan cache off:

- ``per-date``: ``seasonal_state`` evaluating ``longwalk.atlas.ice.ice_cover`` on every water cell for each date
  (three calls a date: lakes, rivers now, rivers 30 days earlier) — what the planner did before the calendar;
- ``cold``: the ice calendar computed once for the grid (all water cells, all 365 days) and stored;
- ``warm``: the calendar read from ``cache_dir()/ice`` (a second run of any scenario on the same atlas).

    python bench/seasons.py [--repeat 3] [--scenario the-way-back]

Prints the median wall time of each, the ratios, and whether the three planned routes are identical (they must be).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np


def _per_date_state(lat, lon, elevation, surface, river_class, date):
    """The planner's seasonal state evaluated with ``ice_cover`` on the date (no calendar)."""
    from longwalk.atlas.ice import ice_cover
    from longwalk.routing.seasons import BREAKUP_FLOOD_DAYS, LAKE, WALKABLE_ICE

    if date is None:
        return None, None, None
    lake_frozen = np.zeros(surface.shape, dtype=bool)
    river_state = np.zeros(surface.shape, dtype=np.uint8)
    rows, cols = np.nonzero(surface == LAKE)
    if rows.size:
        h, _ = ice_cover(lat[rows], lon[cols], elevation[rows, cols], date, water="lake")
        lake_frozen[rows, cols] = np.asarray(h) >= WALKABLE_ICE
    rows, cols = np.nonzero((river_class > 0) & (surface != LAKE))
    if rows.size:
        la, lo, z = lat[rows], lon[cols], elevation[rows, cols]
        h_now, _ = ice_cover(la, lo, z, date, water="river")
        h_before, _ = ice_cover(la, lo, z, date - dt.timedelta(days=BREAKUP_FLOOD_DAYS), water="river")
        frozen = np.asarray(h_now) >= WALKABLE_ICE
        flood = ~frozen & (np.asarray(h_before) >= WALKABLE_ICE)
        river_state[rows, cols] = np.where(frozen, 1, np.where(flood, 2, 0))
    return lake_frozen, river_state, None


def child(mode: str, scenario: str, cache: str) -> None:
    from longwalk.atlas import WAY_BACK_REGION, load_atlas
    from longwalk.engine.plan import default_atlas, plan_journey
    from longwalk.routing import planner
    from longwalk.scenario import load_scenario

    sc = load_scenario(scenario)
    given = [(w.lat, w.lon) for w in sc.route if w.lat is not None]
    atlas = default_atlas(given) if len(given) == len(sc.route) else load_atlas(WAY_BACK_REGION)  # as plan_journey
    os.environ["LONGWALK_CACHE"] = cache  # after the atlas is loaded from the user's cache: ice calendars go here
    if mode == "per-date":
        planner.seasonal_state = _per_date_state
    t = time.perf_counter()
    plan = plan_journey(sc, atlas=atlas, cache=False)
    elapsed = time.perf_counter() - t
    h = hashlib.sha256(np.ascontiguousarray(plan.route.cells).tobytes())
    h.update(np.ascontiguousarray(plan.track.x).tobytes())
    h.update(repr([(c.kind, int(c.step), bool(c.frozen)) for c in plan.route.crossings]).encode())
    print(json.dumps({"mode": mode, "seconds": elapsed, "route": h.hexdigest()[:16], "legs": len(plan.leg_dates)}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--scenario", default="the-way-back")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--cache", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, args.scenario, args.cache)
        return

    def run(mode, cache):
        out = subprocess.run([sys.executable, __file__, "--child", mode, "--cache", cache, "--scenario",
                              args.scenario], capture_output=True, text=True, check=True)
        return json.loads(out.stdout.strip().splitlines()[-1])

    results: dict[str, list] = {"per-date": [], "cold": [], "warm": []}
    print(f"load average at start: {os.getloadavg()[0]:.2f}", flush=True)
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as cache:
            results["per-date"].append(run("per-date", cache))
            results["cold"].append(run("cold", cache))
            results["warm"].append(run("warm", cache))
        print("  " + "  ".join(f"{m} {r[-1]['seconds']:.2f} s" for m, r in results.items()), flush=True)
    med = {m: float(np.median([x["seconds"] for x in r])) for m, r in results.items()}
    routes = {x["route"] for r in results.values() for x in r}
    print(f"load average at end: {os.getloadavg()[0]:.2f}")
    print(f"plan_journey({args.scenario!r}), {results['cold'][0]['legs']} legs, median of {args.repeat}:")
    for m, s in med.items():
        print(f"  {m:9s} {s:7.2f} s   per-date / {m} = {med['per-date'] / s:5.1f}x")
    print(f"identical routes in every run: {len(routes) == 1}")
    if len(routes) != 1:
        sys.exit(1)


if __name__ == "__main__":
    main()
