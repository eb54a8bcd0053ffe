"""Routing anywhere: windows that follow the waypoints, widening, the antimeridian, the polar limits."""

from __future__ import annotations

import json

import numpy as np
import pytest
from pyproj import Geod
from typer.testing import CliRunner

from longwalk.atlas.build import Atlas, load_atlas, route_window
from longwalk.atlas.grid import POLAR_LIMITS, Grid
from longwalk.atlas.places import builtin_places
from longwalk.errors import InputError
from longwalk.routing import plan_route, route_on_grid
from longwalk.routing.geometry import split_antimeridian, stencil_elongation
from longwalk.routing.window import plan_in_window, touches_edge

GEOD = Geod(ellps="WGS84")  # an independent geodesic for the lower bound of a route's length


def geodesic_km(a, b) -> float:
    return GEOD.inv(a[1], a[0], b[1], b[0])[2] / 1000.0


@pytest.fixture(autouse=True)
def _own_cache(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("LONGWALK_CACHE", str(tmp_path_factory.getbasetemp() / "cache"))


# -- the window ------------------------------------------------------------------------------------------------------


def test_window_is_the_box_plus_margin_in_whole_degrees():
    # Chamonix 45.92N 6.87E, Zermatt 46.02N 7.75E: 45.92 - 2 -> 43, 46.02 + 2 -> 49 (ceil), 6.87 - 2 -> 4, 9.75 -> 10
    assert route_window([(45.92, 6.87), (46.02, 7.75)]) == (43.0, 49.0, 4.0, 10.0)
    assert route_window([(45.92, 6.87), (46.02, 7.75)], margin=0.5) == (45.0, 47.0, 6.0, 9.0)


def test_window_takes_the_short_way_across_180():
    # 179.5E and 179.9W are 0.6° apart across 180°, 359.4° the other way round
    south, north, west, east = route_window([(-16.5, 179.5), (-16.8, -179.9)])
    assert (south, north, west, east) == (-19.0, -14.0, 177.0, 183.0)
    assert route_window([(0.0, -170.0), (0.0, 170.0)])[2:] == (168.0, 192.0)
    # gaps 90, 90, 89 and 91° (179E to 90W): the window leaves out the widest, 90W..179E + 2° = -92..181
    assert route_window([(0.0, -90.0), (0.0, 0.0), (0.0, 90.0), (0.0, 179.0)])[2:] == (-92.0, 181.0)
    assert route_window([(0.0, -120.0), (0.0, 0.0), (0.0, 120.0)], margin=60.0)[2:] == (-180.0, 180.0)


def test_window_stops_at_the_polar_limits():
    south, north, _, _ = route_window([(83.0, 20.0), (82.5, 30.0)])
    assert north == POLAR_LIMITS[1] == 84.0
    assert route_window([(-79.0, 160.0), (-78.0, 165.0)])[0] == POLAR_LIMITS[0] == -80.0


@pytest.mark.parametrize(("points", "word"), [([(85.0, 10.0), (83.0, 10.0)], "north of 84°N"),
                                              ([(-70.0, 0.0), (-81.0, 0.0)], "south of 80°S")])
def test_polar_refusal(points, word):
    with pytest.raises(InputError, match=word):
        route_window(points)


def test_polar_refusal_on_the_command_line_exits_2():
    from longwalk.cli.main import app

    res = CliRunner().invoke(app, ["route", "--from", "85.0,10.0", "--to", "83.5,20.0"])
    assert isinstance(res.exception, InputError) and "north of 84°N" in str(res.exception)


def test_stencil_elongation_grows_toward_the_poles():
    # hand check at 60°: cells half as wide as tall; the widest gap is between the rook move north (90°) and the
    # knight move (1 row, 2 columns) at atan(1 / (2 cos 60°)) = 45°: 1/cos(22.5°) - 1 = 8.24 %
    assert float(stencil_elongation(60.0)) == pytest.approx(1 / np.cos(np.radians(22.5)) - 1, rel=1e-9)
    e = stencil_elongation([0.0, 45.0, 80.0, 84.0])
    assert np.all(np.diff(e) > 0) and 0.2 < e[-1] < 0.3


# -- widening ---------------------------------------------------------------------------------------------------------


def _walled_loader(calls):
    """Synthetic flat land with a north-south sea wall at 2°E from the south pole up to 1.75°N: the route from
    (0, 0) to (0, 4) must go round its north end."""

    def load(region):
        calls.append(region)
        grid = Grid(*region, 0.25)
        lon2d = np.broadcast_to(grid.lon[None, :], grid.shape)
        lat2d = np.broadcast_to(grid.lat[:, None], grid.shape)
        surface = np.where((np.abs(lon2d - 2.0) < 0.2) & (lat2d < 1.75), 0, 1).astype(np.uint8)
        elevation = np.where(surface == 1, 100.0, 0.0).astype(np.float32)
        return Atlas(grid, elevation, surface, np.zeros(grid.shape, np.uint8), builtin_places().subset([]))

    return load


def test_route_along_the_window_edge_widens_the_window():
    calls: list = []
    route, atlas = plan_in_window([(0.0, 0.0), (0.0, 4.0)], plan_route, load=_walled_loader(calls))
    # the first window (-2..2 N) leaves only its top rows round the wall: the route runs along the edge, so the
    # window is widened (margin 4: -4..4 N) and the route then keeps clear of it
    assert calls[0] == (-2.0, 2.0, -2.0, 6.0) and calls[1] == (-4.0, 4.0, -4.0, 8.0) and len(calls) == 2
    assert not touches_edge(route, atlas.grid)
    assert route.lat.max() >= 1.75  # round the wall's end
    wide = plan_route(_walled_loader([])((-10.0, 10.0, -10.0, 14.0)), [(0.0, 0.0), (0.0, 4.0)])
    assert route.total_cost == pytest.approx(wide.total_cost, rel=1e-12)  # the same as on a much larger window


# -- the antimeridian ------------------------------------------------------------------------------------------------


def _flat(lon0):
    lat = -16.5 + (np.arange(12) - 5.5) * 0.1
    lon = lon0 + (np.arange(40) + 0.5) * 0.1
    z = np.full((12, 40), 50.0) + 30.0 * np.sin(np.arange(40) / 5.0)[None, :]  # hills along the way
    s = np.ones((12, 40), np.uint8)
    return z, s, np.zeros_like(s), lat, lon


def test_route_across_180_equals_the_same_route_shifted_west():
    # the same terrain at 178..182 (unwrapped) and at 168..172: the routes must cost the same; waypoints on either
    # side of 180 are given in [-180, 180]
    across = route_on_grid(*_flat(178.0), [(-16.5, 179.05), (-16.6, -179.05)])
    shifted = route_on_grid(*_flat(168.0), [(-16.5, 169.05), (-16.6, 170.95)])
    assert across.total_cost == pytest.approx(shifted.total_cost, rel=1e-12)
    assert np.all((across.lon >= -180) & (across.lon < 180))
    assert across.lon[0] == pytest.approx(179.05) and across.lon[-1] == pytest.approx(-179.05)
    geo = json.loads(across.to_geojson())["features"][0]["geometry"]
    assert geo["type"] == "MultiLineString" and len(geo["coordinates"]) == 2
    west, east = geo["coordinates"]
    assert west[-1][0] == 180.0 and east[0][0] == -180.0 and west[-1][1] == east[0][1]
    assert all(p[0] > 0 for p in west) and all(p[0] < 0 for p in east)


def test_split_interpolates_the_crossing():
    # 179 -> -178 is 3° across 180; 180 is a third of the way: lat 10 + (13 - 10) / 3 = 11
    parts = split_antimeridian([[178.0, 9.0], [179.0, 10.0], [-178.0, 13.0], [-177.0, 14.0]])
    assert parts == [[[178.0, 9.0], [179.0, 10.0], [180.0, 11.0]], [[-180.0, 11.0], [-178.0, 13.0], [-177.0, 14.0]]]
    assert split_antimeridian([[10.0, 0.0], [11.0, 1.0]]) == [[[10.0, 0.0], [11.0, 1.0]]]


def test_atlas_across_180_is_its_two_halves():
    # Chukotka: land on both sides of 180°; the window is built as 178..180E and 180..182E (178W) joined
    both = load_atlas((66.0, 68.0, 178.0, -178.0), resolution=0.25)
    west = load_atlas((66.0, 68.0, 178.0, 180.0), resolution=0.25)
    east = load_atlas((66.0, 68.0, -180.0, -178.0), resolution=0.25)
    assert both.grid.shape == (8, 16) and both.grid.east == 182.0
    np.testing.assert_array_equal(both.elevation, np.hstack([west.elevation, east.elevation]))
    np.testing.assert_array_equal(both.surface, np.hstack([west.surface, east.surface]))
    assert both.sample(67.0, -179.0)["surface"] == east.sample(67.0, -179.0)["surface"]
    assert both.point(67.0, -179.1)["cell"]["lon"] == pytest.approx(-179.125)  # the cell 180.75..181 unwrapped


def test_route_across_chukotka_on_the_atlas():
    a, b = (67.125, 179.125), (67.125, -179.125)  # cell centres 1.75° of longitude apart at 67°N: 76 km
    atlas = load_atlas((66.0, 68.0, 178.0, -178.0), resolution=0.25)
    assert atlas.sample(67.0, 179.0)["surface"] == 1 and atlas.sample(67.0, -179.0)["surface"] == 1
    route = plan_route(atlas, [a, b])
    assert geodesic_km(a, b) <= route.total_distance / 1000 < 1.3 * geodesic_km(a, b)
    assert np.all(np.abs(route.lon) > 178.0)  # the short way, not round the world


def test_track_interpolates_longitude_across_180():
    from longwalk.engine.track import build_track

    t = build_track([0.0, 1000.0, 2000.0], [0, 0, 0], [179.9, -179.9, -179.7], [0, 0, 0], [1, 1, 1], [0, 0, 0],
                    [0, 1000, 1000], waypoint_x=[0, 2000])
    assert t.at("lon", np.array([250.0, 500.0, 1500.0])) == pytest.approx([179.95, 180.0, -179.8])


# -- real terrain far from Asia (route only: no climate) ----------------------------------------------------------


def test_alps_chamonix_to_zermatt():
    a, b = (45.92, 6.87), (46.02, 7.75)
    route, atlas = plan_in_window([a, b], plan_route)
    assert atlas.grid.region == (43.0, 49.0, 4.0, 10.0)
    assert geodesic_km(a, b) <= route.total_distance / 1000 < 1.5 * geodesic_km(a, b)
    assert route.ascent - route.descent == pytest.approx(route.elevation[-1] - route.elevation[0])


def test_andes_cusco_to_machu_picchu_goes_down():
    # Cusco lies at 3399 m, Machu Picchu at 2430 m: the walk loses height overall, from a high basin
    a, b = (-13.52, -71.97), (-13.16, -72.55)
    route, _ = plan_in_window([a, b], plan_route)
    assert route.descent > route.ascent and route.elevation[0] > 3000.0
    assert geodesic_km(a, b) <= route.total_distance / 1000 < 1.5 * geodesic_km(a, b)


def test_patagonia_el_calafate_to_el_chalten_goes_round_the_lakes():
    # the straight line crosses Lago Argentino and Lago Viedma, which are open water without a date
    a, b = (-50.34, -72.26), (-49.33, -72.89)
    route, _ = plan_in_window([a, b], plan_route)
    assert not np.any(route.surface == 2)
    assert route.total_distance / 1000 > 1.2 * geodesic_km(a, b)


def test_sapporo_routes_on_the_command_line():
    from longwalk.cli.main import app

    res = CliRunner().invoke(app, ["route", "--from", "43.06,141.35", "--to", "43.19,141.0", "--json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["distance_km"] >= geodesic_km((43.06, 141.35), (43.19, 141.0))
