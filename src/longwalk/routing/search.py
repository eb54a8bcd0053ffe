"""Thin Python wrappers around the compiled search: cost-distance maps and point-to-point least-cost paths."""

from __future__ import annotations

import numpy as np

from longwalk.errors import InputError
from longwalk.routing.kernels import MAX_CELL_MOVES, NO_PRED, search, trace_path
from longwalk.routing.surfaces import CostSurface


def _flat_cells(cs: CostSurface, cells) -> np.ndarray:
    cells = np.atleast_2d(np.asarray(cells, dtype=np.int64))
    ny, nx = cs.shape
    if ny * nx * cs.moves.shape[0] > MAX_CELL_MOVES:
        raise InputError(f"a grid of {ny}×{nx} cells is too large to search in one piece (cells × moves must stay "
                         f"below 2^31); route it by corridor refinement (plan_route(..., corridor=10)) or on a "
                         f"smaller region")
    r, c = cells[:, 0], cells[:, 1]
    if np.any((r < 0) | (r >= ny) | (c < 0) | (c >= nx)):
        raise InputError(f"source cell(s) {cells.tolist()} outside the grid of shape {cs.shape}")
    return r * nx + c


def _bucket_width(cs: CostSurface) -> float:
    """The search's bucket width: the least cost of any move, or 0 (the heap alone) where it has no positive bound."""
    delta = cs.min_move_cost()
    return delta if delta > 0.0 else 0.0


def cost_distance(cs: CostSurface, sources, direction: str = "from", return_pred: bool = False):
    """Accumulated cost from (``direction="from"``) or to (``"to"``) the source cells, over the whole grid.

    Parameters
    ----------
    cs : CostSurface
    sources : (n, 2) int array of (row, col) cells
    direction : ``from`` — cost of walking from the nearest source to each cell; ``to`` — cost of walking from
        each cell to the nearest source (uphill and downhill swap).
    return_pred : also return the (ny, nx) uint8 move index that reached each cell (255 none).

    Returns
    -------
    numpy.ndarray
        (ny, nx) float64 cost in the model's unit (:data:`longwalk.routing.costs.COST_UNITS`); inf if unreachable.
    """
    if direction not in ("from", "to"):
        raise InputError(f"direction={direction!r}; use 'from' or 'to'")
    flat = _flat_cells(cs, sources)
    cost = np.full(cs.shape, np.inf)
    pred = np.full(cs.shape, NO_PRED, dtype=np.uint8)
    rad = np.zeros(1)
    search(cs.elevation, cs.factor, cs.barrier, cs.dry().reshape(-1), cs.dlen, cs.moves, cs.model, cs.params, cs.wrap,
           flat, -1, direction == "to", _bucket_width(cs), 0.0, rad, rad, cs.min_cost_per_metre(),
           cost.reshape(-1), pred.reshape(-1))
    return (cost, pred) if return_pred else cost


def least_cost_path(cs: CostSurface, start, end, method: str = "astar"):
    """Least-cost path between two cells by A* (default) or Dijkstra stopped at the end cell.

    Returns
    -------
    path : numpy.ndarray
        (m,) flat cell indices from start to end (empty if unreachable).
    total : float
        Accumulated cost at the end cell (inf if unreachable).
    settled : int
        Number of cells the search settled.
    """
    src = _flat_cells(cs, [start])
    tgt = int(_flat_cells(cs, [end])[0])
    cost = np.full(cs.shape, np.inf)
    pred = np.full(cs.shape, NO_PRED, dtype=np.uint8)
    if method == "astar" and cs.heuristic_scale() > 0.0:
        h = cs.heuristic_scale()
        lat_rad, lon_rad = np.radians(cs.lat), np.radians(cs.lon)
    elif method in ("dijkstra", "astar"):
        h = 0.0
        lat_rad = lon_rad = np.zeros(1)
    else:
        raise InputError(f"method={method!r}; use 'astar' or 'dijkstra'")
    delta = 0.0 if h > 0.0 else _bucket_width(cs)  # A* keys are not exact costs: the heap alone
    settled = search(cs.elevation, cs.factor, cs.barrier, cs.dry().reshape(-1), cs.dlen, cs.moves, cs.model,
                     cs.params, cs.wrap, src, tgt, False, delta, h, lat_rad, lon_rad, cs.min_cost_per_metre(),
                     cost.reshape(-1), pred.reshape(-1))
    total = float(cost.reshape(-1)[tgt])
    if not np.isfinite(total):
        return np.zeros(0, dtype=np.int64), np.inf, int(settled)
    return trace_path(pred.reshape(-1), cs.moves, cs.shape[0], cs.shape[1], cs.wrap, tgt), total, int(settled)
