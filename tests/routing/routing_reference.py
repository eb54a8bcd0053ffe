"""A slow, obvious reference: Dijkstra with heapq over an explicit edge list, edge costs from the NumPy model
functions in ``longwalk.routing.costs`` and lengths from pyproj between cell centres.  Independent of the kernels'
move table: the cells a move crosses are found by sampling points along the segment between the two centres."""

from __future__ import annotations

import functools
import heapq

import numpy as np
from pyproj import Geod

from longwalk.routing import costs

GEOD = Geod(ellps="WGS84")
MOVES8 = [(dr, dc) for dr in (-1, 0, 1) for dc in (-1, 0, 1) if (dr, dc) != (0, 0)]
MOVES16 = MOVES8 + [(dr, dc) for dr in (-2, -1, 1, 2) for dc in (-2, -1, 1, 2) if abs(dr) != abs(dc)]


def per_metre_cost(model, L, dz, percentile=0.5):
    s = dz / L
    if model == "tobler":
        return L / float(costs.tobler_speed(s))
    if model == "campbell":
        return L / float(costs.campbell_speed(s, percentile))
    if model == "rwalk":
        return float(costs.rwalk_time(L, dz))
    return L * float(costs.minetti_energy_cost(s))


def crossed_cells(r, c, dr, dc):
    """Cells whose interior the open segment between the centres passes through (end cell excluded)."""
    return [(r + a, c + b) for a, b in _crossed_offsets(dr, dc)]


@functools.cache
def _crossed_offsets(dr, dc):
    r = c = 0
    out = set()
    for t in np.linspace(0.0, 1.0, 2001)[1:-1]:
        y, x = r + t * dr, c + t * dc
        fy, fx = y - np.floor(y), x - np.floor(x)
        if abs(fy - 0.5) < 1e-9 or abs(fx - 0.5) < 1e-9:
            continue  # on a cell boundary
        cell = (int(np.floor(y + 0.5)), int(np.floor(x + 0.5)))
        if cell not in ((r, c), (r + dr, c + dc)):
            out.add(cell)
    return sorted(out)


def edge_cost(elev, factor, barrier, lat, lon, u, v, model, percentile=0.5):
    (r, c), (r2, c2) = u, v
    dr, dc = r2 - r, c2 - c
    L = GEOD.inv(lon[c], lat[r], lon[c2], lat[r2])[2]
    w = per_metre_cost(model, L, float(elev[r2, c2]) - float(elev[r, c]), percentile)
    w *= 0.5 * (float(factor[r, c]) + float(factor[r2, c2]))
    p = float(barrier[r2, c2])
    if abs(dr) == 1 and abs(dc) == 1:
        # the segment passes through a corner: the gap is closed when both cells beside it are water
        p = max(p, min(float(barrier[r + dr, c]), float(barrier[r, c + dc])))
    else:
        for cell in crossed_cells(r, c, dr, dc):
            p = max(p, float(barrier[cell]))
    if p == np.inf:
        return np.inf
    return w + (p if p > float(barrier[r, c]) else 0.0)


def dijkstra(elev, factor, barrier, lat, lon, source, model="tobler", neighbours=16, reverse=False, percentile=0.5):
    ny, nx = elev.shape
    moves = MOVES16 if neighbours == 16 else MOVES8
    dist = np.full((ny, nx), np.inf)
    dist[source] = 0.0
    heap = [(0.0, source)]
    done = set()
    while heap:
        d, u = heapq.heappop(heap)
        if u in done:
            continue
        done.add(u)
        for dr, dc in moves:
            v = (u[0] + dr, u[1] + dc)
            if not (0 <= v[0] < ny and 0 <= v[1] < nx) or v in done:
                continue
            if reverse:
                w = edge_cost(elev, factor, barrier, lat, lon, v, u, model, percentile)
            else:
                w = edge_cost(elev, factor, barrier, lat, lon, u, v, model, percentile)
            if d + w < dist[v]:
                dist[v] = d + w
                heapq.heappush(heap, (d + w, v))
    return dist
