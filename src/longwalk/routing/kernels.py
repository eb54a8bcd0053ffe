"""Compiled least-cost search on a lat/lon raster: Dijkstra cost-distance and A*, with direction-dependent moves.

A move from cell ``u`` to cell ``v`` (one of 8 or 16 neighbour offsets) costs

    w(u→v) = L · p(s) · (f_u + f_v)/2 + P(u→v),     s = (z_v - z_u) / L

with ``L`` the geodesic length of the move for the row of ``u`` (see :func:`~longwalk.routing.geometry.step_lengths`),
``p(s)`` the model's cost per metre (:mod:`longwalk.routing.costs`; for ``rwalk`` the term ``L p(s)`` is GRASS's
``a L + fdtm``), ``f`` the per-cell terrain factor and ``P`` the water penalty: every water cell the move crosses is
paid for, so that a one-cell-wide river or lake cannot be jumped by a diagonal or knight move.  The cells a move
crosses are its end cell, for a diagonal move the two cells beside the corner it passes through (the move crosses
water only if *both* are water: the shared corner is the only gap), and for a knight move the two cells its
segment runs through.  ``P`` is the largest barrier value among them, and nothing is paid when the move starts in
a cell whose barrier value is at least as large (walking along a river, or leaving it).  Barrier values: 0 dry
land, > 0 a crossing cost (a river), inf impassable (ocean, open lake, a river in flood).

Memory: the kernels hold cost (8 B/cell), predecessor move (1) and a settled flag (1), plus a heap as large as the
search front; with elevation, factor and barrier as float32 inputs that is 22 B/cell.  The bucket queue links its
entries by 32-bit cell and slot numbers (10 % faster than 64-bit ones: less memory traffic), which holds for grids
whose cells × moves stay below 2^31 (:data:`MAX_CELL_MOVES`, checked by the callers).
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

NO_PRED = np.uint8(255)

#: Largest cells × moves of a grid :func:`search` takes: its queue holds at most one entry per cell and
#: in-neighbour (a cell is improved at most once by each neighbour settled before it), numbered in 32 bits.
MAX_CELL_MOVES = 2**31 - 1


@njit(cache=True, inline="always")
def _model_cost(model, params, dz, L):
    """Cost of a move of length L [m] and rise dz [m] before terrain factor and water."""
    s = dz / L
    if model == 0:  # Tobler: time = L / v = L 0.6 exp(3.5 |s + 0.05|) (overflows to inf, never divides by 0)
        return L * 0.6 * math.exp(3.5 * abs(s + 0.05))
    if model == 1:  # Campbell 2019 Lorentz, params a, b, c, d, e, max_deg
        theta = math.degrees(math.atan(s))
        if theta > params[5]:
            theta = params[5]
        elif theta < -params[5]:
            theta = -params[5]
        x = (theta - params[0]) / params[1]
        v = params[2] / (math.pi * params[1] * (1.0 + x * x)) + params[3] + params[4] * theta
        return L / v
    if model == 2:  # GRASS r.walk, params a, b, c, d, slope_factor
        if s >= 0.0:
            f = dz * params[1]
        elif s < params[4]:
            f = dz * params[3]
        else:
            f = dz * params[2]
        return params[0] * L + f
    # Minetti 2002 energy per kg, params max_slope
    if s > params[0]:
        s = params[0]
    elif s < -params[0]:
        s = -params[0]
    return L * (((((280.5 * s - 58.7) * s - 76.8) * s + 51.9) * s + 19.6) * s + 2.5)


@njit(cache=True, inline="always")
def _wrapcol(c, nx, wrap):
    if wrap:
        if c < 0:
            return c + nx
        if c >= nx:
            return c - nx
    return c


@njit(cache=True, inline="always")
def _penalty(barrier, nx, wrap, ru, cu, k, moves):
    """Water penalty of move k from (ru, cu); the end cell is known to be inside the grid."""
    dr = moves[k, 0]
    dc = moves[k, 1]
    p = barrier[ru + dr, _wrapcol(cu + dc, nx, wrap)]
    kind = moves[k, 6]
    if kind != 0:
        b1 = barrier[ru + moves[k, 2], _wrapcol(cu + moves[k, 3], nx, wrap)]
        b2 = barrier[ru + moves[k, 4], _wrapcol(cu + moves[k, 5], nx, wrap)]
        if kind == 1:
            m = b1 if b1 < b2 else b2
        else:
            m = b1 if b1 > b2 else b2
        if m > p:
            p = m
    if p == np.inf or p > barrier[ru, cu]:
        return p
    return 0.0


@njit(cache=True)
def move_cost(elev, factor, barrier, dlen, moves, model, params, wrap, ru, cu, k):
    """Cost of move ``k`` from cell (ru, cu); inf if it leaves the grid or crosses an impassable cell."""
    ny, nx = elev.shape
    rv = ru + moves[k, 0]
    cv = cu + moves[k, 1]
    if rv < 0 or rv >= ny:
        return np.inf
    if wrap:
        cv = _wrapcol(cv, nx, wrap)
    elif cv < 0 or cv >= nx:
        return np.inf
    pen = _penalty(barrier, nx, wrap, ru, cu, k, moves)
    if pen == np.inf:
        return np.inf
    L = dlen[ru, k]
    w = _model_cost(model, params, np.float64(elev[rv, cv]) - np.float64(elev[ru, cu]), L)
    return w * 0.5 * (np.float64(factor[ru, cu]) + np.float64(factor[rv, cv])) + pen


@njit(cache=True, inline="always")
def _flat_moves(moves, nx):
    """Row, column and flat offsets of the moves, and the reach (rows, columns) of the longest: a cell at least
    that far from every edge reaches its neighbours by flat offsets alone."""
    mdr = moves[:, 0].copy()
    mdc = moves[:, 1].copy()
    return mdr, mdc, mdr * nx + mdc, np.max(np.abs(mdr)), np.max(np.abs(mdc))


@njit(cache=True, inline="always")
def _neighbour(u, ru, cu, k, inner, mdr, mdc, mdv, ny, nx, wrap):
    """Flat index, row and column of the neighbour of cell ``u`` (row ``ru``, column ``cu``) by move ``k``; the
    flat index is -1 when the move leaves the grid.  ``inner``: ``u`` is beyond every move's reach of the edges."""
    rv = ru + mdr[k]
    cv = cu + mdc[k]
    if inner:
        return u + mdv[k], rv, cv
    if rv < 0 or rv >= ny:
        return -1, rv, cv
    if wrap:
        cv = _wrapcol(cv, nx, wrap)
    elif cv < 0 or cv >= nx:
        return -1, rv, cv
    return rv * nx + cv, rv, cv


@njit(cache=True, inline="always")
def _push(hk, hv, size, k, v):
    """Push (k, v) on the binary min-heap held in (hk, hv); the caller makes sure there is room."""
    i = size
    while i > 0:
        parent = (i - 1) >> 1
        if hk[parent] <= k:
            break
        hk[i] = hk[parent]
        hv[i] = hv[parent]
        i = parent
    hk[i] = k
    hv[i] = v
    return size + 1


@njit(cache=True, inline="always")
def _pop(hk, hv, size):
    """Remove the smallest entry; returns (key, value, new size)."""
    top_k = hk[0]
    top_v = hv[0]
    size -= 1
    if size > 0:
        k = hk[size]
        v = hv[size]
        i = 0
        while True:
            child = 2 * i + 1
            if child >= size:
                break
            c2 = child + 1
            if c2 < size and hk[c2] < hk[child]:
                child = c2
            if hk[child] >= k:
                break
            hk[i] = hk[child]
            hv[i] = hv[child]
            i = child
        hk[i] = k
        hv[i] = v
    return top_k, top_v, size


@njit(cache=True, inline="always")
def _doubled(a, n):
    """A copy of ``a`` with twice its length, its first ``n`` entries kept (a queue array that ran out of room)."""
    b = np.empty(2 * a.shape[0], dtype=a.dtype)
    b[:n] = a[:n]
    return b


@njit(cache=True, inline="always")
def _bucket_put(head, nxt, val, used, free, b, v):
    """Link cell ``v`` at the front of bucket ``b``, in a slot from the free list or a new one at ``used`` (the
    caller makes sure there is room).  Returns the new ``used`` and ``free``."""
    if free >= 0:
        slot = free
        free = np.int64(nxt[free])
    else:
        slot = used
        used += 1
    nxt[slot] = head[b]
    head[b] = slot
    val[slot] = v
    return used, free


@njit(cache=True)
def search(elev, factor, barrier, dry, dlen, moves, model, params, wrap, sources, target, reverse, delta, h_scale,
           lat_rad, lon_rad, low, cost, pred):
    """The one least-cost search: Dijkstra or A* from flat ``sources``, its queue chosen by ``delta``.

    ``delta > 0``: exact Dijkstra with a circular bucket queue (Dial's algorithm) of bucket width ``delta``, which
    must not exceed the smallest possible move cost (min step length × min cost per metre × min terrain factor):
    then no cell in the current bucket can improve another one, so each bucket is settled in one pass, in any
    order, with exact costs.  Keys beyond the 65536 buckets ahead wait in the binary heap.  Push and pop are O(1)
    and touch little memory, which makes this 2-3x faster than a heap alone on large grids.  Needs
    ``h_scale == 0``.

    ``delta == 0``: every entry in the binary heap, keyed by cost (Dijkstra, ``h_scale == 0``) or cost plus the
    great-circle heuristic (A*, ``h_scale > 0``, needs ``target``; ``lat_rad``/``lon_rad`` the rows' and columns'
    coordinates).  Lazy deletion keeps the heap as small as the search front.

    ``cost`` (flat float64, filled with inf by the caller) receives the accumulated cost, ``pred`` (flat uint8,
    filled with ``NO_PRED``) the move that reached each settled cell; a byte per cell marks settled cells.  With
    ``reverse`` the cost is of travelling *to* the sources (each relaxation charges the opposite move).  ``dry``
    (uint8 per cell) is 1 where no cell within two rows and columns has a barrier value, so the water penalty of
    every move from it is 0; ``low`` a lower bound of the cost per metre, to skip moves that cannot improve a
    neighbour before evaluating the model.  Stops when ``target`` (flat index, or -1) is settled.  Returns the
    number of settled cells.
    """
    if delta > 0.0 and h_scale > 0.0:
        raise ValueError("the bucket queue (delta > 0) orders exact costs: A* (h_scale > 0) needs delta = 0")
    ny, nx = elev.shape
    n = ny * nx
    nk = moves.shape[0]
    buckets = delta > 0.0
    nb = 65536 if buckets else 1
    mask = nb - 1
    done = np.zeros(n, dtype=np.uint8)
    head = np.full(nb, -1, dtype=np.int32)
    nxt = np.empty(65536 if buckets else 1, dtype=np.int32)
    val = np.empty(nxt.shape[0], dtype=np.int32)
    used = np.int64(0)
    free = np.int64(-1)
    count = 0
    hk = np.empty(1024, dtype=np.float64)
    hv = np.empty(1024, dtype=np.int64)
    size = 0
    inv = 1.0 / delta if buckets else 0.0
    cur = np.int64(0)
    rt = 0
    ct = 0
    if target >= 0:
        rt = target // nx
        ct = target - rt * nx
    z = elev.ravel()
    fac = factor.ravel()
    mdr, mdc, mdv, rmax, cmax = _flat_moves(moves, nx)
    for s in sources:
        cost[s] = 0.0
        if buckets:
            if used == nxt.shape[0]:
                nxt = _doubled(nxt, used)
                val = _doubled(val, used)
            used, free = _bucket_put(head, nxt, val, used, free, 0, s)
            count += 1
        else:
            if size == hk.shape[0]:
                hk = _doubled(hk, size)
                hv = _doubled(hv, size)
            size = _push(hk, hv, size, 0.0, s)
    settled = 0
    while count > 0 or size > 0:
        if buckets:
            if count == 0:
                cur = np.int64(hk[0] * inv)
            while size > 0 and np.int64(hk[0] * inv) - cur < nb:  # the heap's keys now in the window
                key, v, size = _pop(hk, hv, size)
                b = max(np.int64(key * inv), cur)
                if used == nxt.shape[0]:
                    nxt = _doubled(nxt, used)
                    val = _doubled(val, used)
                used, free = _bucket_put(head, nxt, val, used, free, b & mask, v)
                count += 1
            h = head[cur & mask]
            if h < 0:
                cur += 1
                continue
            head[cur & mask] = nxt[h]
            u = np.int64(val[h])
            nxt[h] = free
            free = np.int64(h)
            count -= 1
        else:
            _, u, size = _pop(hk, hv, size)
        if done[u]:
            continue
        done[u] = 1
        settled += 1
        if u == target:
            break
        if buckets and used + nk > nxt.shape[0]:  # room for every neighbour, in the buckets or in the heap
            nxt = _doubled(nxt, used)
            val = _doubled(val, used)
        if size + nk > hk.shape[0]:
            hk = _doubled(hk, size)
            hv = _doubled(hv, size)
        ru = u // nx
        cu = u - ru * nx
        cost_u = cost[u]
        zu = np.float64(z[u])
        fu = np.float64(fac[u])
        dry_u = dry[u] != 0
        drow = dlen[ru]
        inner = ru >= rmax and ru < ny - rmax and cu >= cmax and cu < nx - cmax
        for k in range(nk):
            v, rv, cv = _neighbour(u, ru, cu, k, inner, mdr, mdc, mdv, ny, nx, wrap)
            if v < 0:
                continue
            L = drow[k]
            cv_old = cost[v]
            if cost_u + L * low >= cv_old:
                continue  # also skips settled cells, whose cost is <= cost_u
            pen = 0.0
            if reverse:
                # travel v -> u: the opposite move starts in v; same crossed cells, end cell u
                if not dry_u:
                    pen = _penalty(barrier, nx, wrap, rv, cv, moves[k, 7], moves)
                    if pen == np.inf:
                        continue
                w = _model_cost(model, params, zu - np.float64(z[v]), L)
            else:
                if not dry_u:
                    pen = _penalty(barrier, nx, wrap, ru, cu, k, moves)
                    if pen == np.inf:
                        continue
                w = _model_cost(model, params, np.float64(z[v]) - zu, L)
            nc = cost_u + w * 0.5 * (fu + np.float64(fac[v])) + pen
            if nc < cv_old:
                cost[v] = nc
                pred[v] = k
                key = nc
                if h_scale > 0.0:
                    p1 = lat_rad[rv]
                    p2 = lat_rad[rt]
                    sa = math.sin(0.5 * (p2 - p1))
                    sb = math.sin(0.5 * (lon_rad[ct] - lon_rad[cv]))
                    hh = min(sa * sa + math.cos(p1) * math.cos(p2) * sb * sb, 1.0)
                    key = nc + h_scale * math.asin(math.sqrt(hh))
                if buckets:
                    b = max(np.int64(key * inv), cur)
                    if b - cur < nb:
                        used, free = _bucket_put(head, nxt, val, used, free, b & mask, v)
                        count += 1
                        continue
                size = _push(hk, hv, size, key, v)
    return settled


@njit(cache=True)
def trace_path(pred, moves, ny, nx, wrap, end):
    """Flat cell indices from the search origin to ``end`` following the flat ``pred``; stops at a cell without one."""
    out = np.empty(pred.size, dtype=np.int64)
    n = 0
    v = end
    while True:
        out[n] = v
        n += 1
        r = v // nx
        c = v - r * nx
        k = pred[v]
        if k == NO_PRED:
            break
        r -= moves[k, 0]
        c = _wrapcol(c - moves[k, 1], nx, wrap)
        if n >= pred.size or r < 0 or r >= ny:
            return out[:0]
        v = r * nx + c
    return out[:n][::-1].copy()


def move_table(offsets: np.ndarray, reverse: np.ndarray) -> np.ndarray:
    """Kernel move table (K, 8) int64: dr, dc, crossed cell 1 (dr, dc), crossed cell 2 (dr, dc), kind, reverse move.

    kind 0: rook move (no crossed cell); 1: diagonal (crosses water if both side cells are water); 2: knight move
    (its segment runs through both listed cells).
    """
    out = np.zeros((offsets.shape[0], 8), dtype=np.int64)
    for k, (dr, dc) in enumerate(offsets.tolist()):
        sr, sc = int(np.sign(dr)), int(np.sign(dc))
        if abs(dr) + abs(dc) == 1:
            cells, kind = [(0, 0), (0, 0)], 0
        elif abs(dr) == 1 and abs(dc) == 1:
            cells, kind = [(dr, 0), (0, dc)], 1
        elif abs(dc) == 2:
            cells, kind = [(0, sc), (dr, sc)], 2
        else:
            cells, kind = [(sr, 0), (sr, dc)], 2
        out[k] = [dr, dc, cells[0][0], cells[0][1], cells[1][0], cells[1][1], kind, reverse[k]]
    return out


@njit(cache=True)
def path_steps(elev, factor, barrier, dlen, moves, model, params, wrap, path):
    """Per-step move index, cost and water penalty along a path of flat cell indices (step 0 is the start)."""
    ny, nx = elev.shape
    n = path.size
    ks = np.full(n, -1, dtype=np.int64)
    cost = np.zeros(n)
    pen = np.zeros(n)
    for i in range(1, n):
        ru = path[i - 1] // nx
        cu = path[i - 1] - ru * nx
        rv = path[i] // nx
        cv = path[i] - rv * nx
        dr = rv - ru
        dc = cv - cu
        if wrap:
            if dc > 2:
                dc -= nx
            elif dc < -2:
                dc += nx
        for k in range(moves.shape[0]):
            if moves[k, 0] == dr and moves[k, 1] == dc:
                ks[i] = k
                break
        k = ks[i]
        if k < 0:
            cost[i] = np.nan
            continue
        cost[i] = move_cost(elev, factor, barrier, dlen, moves, model, params, wrap, ru, cu, k)
        pen[i] = _penalty(barrier, nx, wrap, ru, cu, k, moves)
    return ks, cost, pen
