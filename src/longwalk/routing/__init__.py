"""Routing layer: direction-dependent least-cost walking routes on a lat/lon grid (see docs/routing.md).

Entry points: :func:`plan_route` (on an Atlas), :func:`route_on_grid` (on plain arrays),
:func:`build_cost_surface` + :func:`cost_distance` / :func:`least_cost_path` for maps and single queries.
"""

from longwalk.routing.costs import COST_MODELS, COST_UNITS
from longwalk.routing.planner import plan_route, route_on_grid, seasonal_state
from longwalk.routing.route import Crossing, Route
from longwalk.routing.search import cost_distance, least_cost_path
from longwalk.routing.surfaces import CostSurface, build_cost_surface

__all__ = [
    "COST_MODELS",
    "COST_UNITS",
    "CostSurface",
    "Crossing",
    "Route",
    "build_cost_surface",
    "cost_distance",
    "least_cost_path",
    "plan_route",
    "route_on_grid",
    "seasonal_state",
]
