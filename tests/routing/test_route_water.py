"""Water: thin rivers and lakes must not leak through diagonal or knight moves; lakes by season."""

import datetime as dt

import numpy as np
import pytest

from longwalk.errors import RoutingError
from longwalk.routing import build_cost_surface, cost_distance, route_on_grid
from longwalk.routing.costs import river_crossing_time


def _bresenham(r0, c0, r1, c1):
    """8-connected raster line (the thinnest one-cell-wide line)."""
    cells = []
    dr, dc = abs(r1 - r0), abs(c1 - c0)
    sr, sc = (1 if r1 > r0 else -1), (1 if c1 > c0 else -1)
    err = dc - dr
    r, c = r0, c0
    while True:
        cells.append((r, c))
        if (r, c) == (r1, c1):
            return cells
        e2 = 2 * err
        if e2 > -dr:
            err -= dr
            c += sc
        if e2 < dc:
            err += dc
            r += sr


N = 21
ANGLES = np.arange(0.0, 180.0, 7.5)  # includes 0 (rook), 45 (bishop), 26.6/63.4-ish (knight) directions


def _line_grid(angle):
    """A one-cell-wide line through the centre at ``angle``; returns the line mask and each cell's side."""
    t = np.radians(angle)
    r0, c0 = int(round(N // 2 - 15 * np.sin(t))), int(round(N // 2 - 15 * np.cos(t)))
    r1, c1 = int(round(N // 2 + 15 * np.sin(t))), int(round(N // 2 + 15 * np.cos(t)))
    line = np.zeros((N + 10, N + 10), dtype=bool)
    for r, c in _bresenham(r0 + 5, c0 + 5, r1 + 5, c1 + 5):
        line[r, c] = True
    line = line[5:-5, 5:-5]
    rr, cc = np.mgrid[0:N, 0:N]
    side = (cc - N // 2) * np.sin(t) - (rr - N // 2) * np.cos(t)  # signed distance from the line [cells]
    return line, side


def _grid():
    lat = 45.0 + np.arange(N) * 0.01
    lon = 90.0 + np.arange(N) * 0.01
    return lat, lon


@pytest.mark.parametrize("neighbours", [8, 16])
@pytest.mark.parametrize("angle", ANGLES)
@pytest.mark.parametrize("kind", ["ocean", "lake", "flood"])
def test_impassable_line_does_not_leak(neighbours, angle, kind):
    line, side = _line_grid(angle)
    lat, lon = _grid()
    surface = np.ones((N, N), np.uint8)
    river = np.zeros((N, N), np.uint8)
    if kind == "ocean":
        surface[line] = 0
    elif kind == "lake":
        surface[line] = 2
    else:
        river[line] = 1
    cs = build_cost_surface(np.zeros((N, N)), surface, river, lat, lon, neighbours=neighbours, river_state="flood")
    src = np.argwhere((side < -2) & ~line)[0]
    t = cost_distance(cs, [tuple(src)])
    far = (side > 1.5) & ~line
    near = (side < -1.5) & ~line
    assert far.any() and near.any()
    assert np.all(np.isinf(t[far])), f"leak across a {kind} line at {angle}°"
    assert np.all(np.isfinite(t[near]))


@pytest.mark.parametrize("neighbours", [8, 16])
@pytest.mark.parametrize("angle", ANGLES)
def test_river_crossing_is_always_paid(neighbours, angle):
    line, side = _line_grid(angle)
    lat, lon = _grid()
    river = np.zeros((N, N), np.uint8)
    river[line] = 2
    cs = build_cost_surface(np.zeros((N, N)), 1, river, lat, lon, neighbours=neighbours, river_state="open")
    src = np.argwhere((side < -2) & ~line)[0]
    t = cost_distance(cs, [tuple(src)])
    far = (side > 1.5) & ~line
    dry = cost_distance(build_cost_surface(np.zeros((N, N)), 1, 0, lat, lon, neighbours=neighbours), [tuple(src)])
    penalty = float(river_crossing_time(2, 0))
    assert penalty == 4 * 3600.0
    extra = t[far] - dry[far]
    assert np.all(extra >= penalty * (1 - 1e-12)), f"a move jumped the river at {angle}° without paying"
    # ... and it is paid once, not once per river cell: less than two crossings more than on dry ground
    assert np.all(extra < 2 * penalty)


def _lake_world():
    # a lake strip across the map with a land bridge at the east end; from the south to the north shore
    ny, nx = 30, 40
    lat = 52.0 + np.arange(ny) * (1 / 12)
    lon = 104.0 + np.arange(nx) * (1 / 12)
    surface = np.ones((ny, nx), np.uint8)
    surface[10:20, :36] = 2
    return np.zeros((ny, nx)), surface, np.zeros((ny, nx), np.uint8), lat, lon


def test_frozen_lake_is_crossed_open_lake_is_not():
    z, surface, river, lat, lon = _lake_world()
    a, b = (lat[5], lon[10]), (lat[25], lon[10])
    frozen = route_on_grid(z, surface, river, lat, lon, [a, b], lake_frozen=True)
    thawed = route_on_grid(z, surface, river, lat, lon, [a, b], lake_frozen=False)
    assert (frozen.surface == 2).any()
    assert [c.kind for c in frozen.crossings] == ["lake"] and frozen.crossings[0].frozen
    assert not (thawed.surface == 2).any()
    assert thawed.total_distance > 2 * frozen.total_distance
    surface[10:20, :] = 2  # close the land bridge: now the open lake separates them
    with pytest.raises(RoutingError, match="unfrozen lake"):
        route_on_grid(z, surface, river, lat, lon, [a, b], lake_frozen=False)


def test_per_leg_dates_change_the_season():
    z, surface, river, lat, lon = _lake_world()
    a, b = (lat[5], lon[10]), (lat[25], lon[10])

    def frozen_in_winter(date):
        return date.month in (12, 1, 2, 3)

    r = route_on_grid(z, surface, river, lat, lon, [a, b, a], date=[dt.date(1941, 3, 10), dt.date(1941, 8, 10)],
                      lake_frozen=frozen_in_winter)
    on_lake = r.surface == 2
    wp = r.waypoint_index
    assert on_lake[: wp[1]].any() and not on_lake[wp[1]:].any()


def test_baikal_frozen_in_march_not_in_august():
    ice = pytest.importorskip("longwalk.atlas.ice", reason="longwalk.atlas.ice (lake ice model) not built yet")
    atlas_mod = pytest.importorskip("longwalk.atlas")
    atlas = atlas_mod.load_atlas((50.5, 56.5, 102.5, 110.5))
    west, east = (52.25, 105.55), (52.45, 106.75)  # near Kultuk side / Babushkin side of the southern basin
    assert ice is not None
    march = route_on_grid(atlas.elevation, atlas.surface, atlas.river_class, atlas.grid.lat, atlas.grid.lon,
                          [west, east], date=dt.date(1941, 3, 15))
    august = route_on_grid(atlas.elevation, atlas.surface, atlas.river_class, atlas.grid.lat, atlas.grid.lon,
                           [west, east], date=dt.date(1941, 8, 15))
    assert any(c.kind == "lake" and c.frozen for c in march.crossings)
    assert not (august.surface == 2).any()
