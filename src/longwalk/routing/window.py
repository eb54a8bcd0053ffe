"""Routing windows that follow the route: the atlas of the waypoints' box plus a margin, widened while the route
runs along its edge.

The least-cost route on a window is the least-cost route on the whole globe when no cheaper route leaves the window;
a route that stays clear of the window's edge has not been pressed against it, so widening the window would only add
cells the search never needed.  A route that runs along an edge (within the reach of one move) may have been cut
off from a cheaper detour beyond it: the window is then widened (the margin doubled) and the route planned again.
"""

from __future__ import annotations

from longwalk.atlas.build import WINDOW_MARGIN, load_atlas, route_window
from longwalk.atlas.grid import POLAR_LIMITS

#: Times the margin is doubled at most (2° → 4° → 8° → 16° with the default margin).
MAX_WIDENINGS = 3

#: Cells from an edge that count as running along it: the reach of a knight move.
EDGE_REACH = 2


def touches_edge(route, grid, reach: int = EDGE_REACH) -> bool:
    """True when ``route`` comes within ``reach`` cells of an edge of ``grid`` that a wider window would move.

    Edges at :data:`~longwalk.atlas.grid.POLAR_LIMITS` and the east/west edges of a window round the whole globe
    are not counted: no wider window exists there.

    >>> from types import SimpleNamespace
    >>> import numpy as np
    >>> from longwalk.atlas.grid import Grid
    >>> g = Grid(40, 50, 0, 10, 1.0)
    >>> touches_edge(SimpleNamespace(cells=np.array([[5, 5], [5, 8]])), g)
    True
    >>> touches_edge(SimpleNamespace(cells=np.array([[5, 5], [5, 7]])), g)
    False
    """
    import numpy as np

    cells = np.asarray(route.cells)
    rows, cols = cells[:, 0], cells[:, 1]
    ny, nx = grid.shape
    eps = 1e-9
    near = False
    if grid.south > POLAR_LIMITS[0] + eps:
        near |= bool((rows < reach).any())
    if grid.north < POLAR_LIMITS[1] - eps:
        near |= bool((rows >= ny - reach).any())
    if grid.east - grid.west < 360.0 - eps:
        near |= bool(((cols < reach) | (cols >= nx - reach)).any())
    return near


def plan_in_window(points, plan, margin: float = WINDOW_MARGIN, load=load_atlas, **kwargs):
    """Plan a route through ``points`` [(lat, lon) degree] on the window it needs.

    Parameters
    ----------
    points : sequence of (lat, lon) [degree]
    plan : callable ``plan(atlas, points, **kwargs) -> Route`` (e.g. :func:`longwalk.routing.plan_route`)
    margin : float
        First margin round the waypoints' box [degree] (:func:`longwalk.atlas.build.route_window`).
    load : callable ``load(region) -> Atlas``

    Returns
    -------
    route, atlas
        The route and the atlas of the window it was planned on (widened up to :data:`MAX_WIDENINGS` times while the
        route runs along an edge; after that the last route is returned).

    Raises
    ------
    InputError
        A waypoint out of range or beyond the polar limits.
    """
    atlas = load(route_window(points, margin))
    route = plan(atlas, points, **kwargs)
    for _ in range(MAX_WIDENINGS):
        if not touches_edge(route, atlas.grid):
            break
        margin *= 2.0
        atlas = load(route_window(points, margin))
        route = plan(atlas, points, **kwargs)
    return route, atlas
