"""plan_route / route_on_grid: waypoints, snapping, errors, multi-leg routes, exports, corridor refinement."""

import json
import xml.etree.ElementTree as ET

import numpy as np
import pytest

from longwalk.errors import InputError, RoutingError
from longwalk.routing import build_cost_surface, cost_distance, route_on_grid
from longwalk.routing.corridor import corridor_route
from longwalk.routing.geometry import geodesic_distance


def _world(ny=40, nx=50, seed=0):
    rng = np.random.default_rng(seed)
    lat = 40.0 + np.arange(ny) * (1 / 12)
    lon = 60.0 + np.arange(nx) * (1 / 12)
    z = np.cumsum(rng.normal(0, 30, (ny, nx)), axis=1) + 500.0
    surface = np.ones((ny, nx), np.uint8)
    surface[:, :5] = 0  # sea to the west
    return z, surface, np.zeros((ny, nx), np.uint8), lat, lon


def test_route_totals_match_its_steps_and_the_cost_map():
    z, surface, river, lat, lon = _world()
    a, b = (lat[5], lon[10]), (lat[30], lon[40])
    r = route_on_grid(z, surface, river, lat, lon, [a, b])
    cs = build_cost_surface(z, surface, river, lat, lon)
    full = cost_distance(cs, [(5, 10)])
    assert r.total_time == pytest.approx(full[30, 40], rel=1e-9)
    assert r.total_distance == pytest.approx(r.cum_distance[-1])
    # each step length is the geodesic between consecutive points
    np.testing.assert_allclose(r.distance[1:], geodesic_distance(r.lat[:-1], r.lon[:-1], r.lat[1:], r.lon[1:]),
                               rtol=1e-9)
    dz = np.diff(r.elevation)
    assert r.ascent == pytest.approx(dz[dz > 0].sum()) and r.descent == pytest.approx(-dz[dz < 0].sum())
    np.testing.assert_allclose(r.slope[1:], dz / r.distance[1:])
    assert list(r.waypoint_index) == [0, r.lat.size - 1]


def test_multi_leg_route_chains_legs():
    z, surface, river, lat, lon = _world()
    a, v, b = (lat[5], lon[10]), (lat[35], lon[12]), (lat[30], lon[40])
    r = route_on_grid(z, surface, river, lat, lon, [a, v, b])
    r1 = route_on_grid(z, surface, river, lat, lon, [a, v])
    r2 = route_on_grid(z, surface, river, lat, lon, [v, b])
    assert r.total_time == pytest.approx(r1.total_time + r2.total_time, rel=1e-12)
    i = r.waypoint_index
    assert (r.lat[i[1]], r.lon[i[1]]) == (lat[35], lon[12])
    assert r.lat.size == r1.lat.size + r2.lat.size - 1


def test_waypoint_in_the_sea_is_snapped_or_refused():
    z, surface, river, lat, lon = _world()
    near_coast = (lat[20], lon[4])  # one cell offshore (~7 km)
    r = route_on_grid(z, surface, river, lat, lon, [near_coast, (lat[20], lon[30])])
    assert r.snapped and r.snapped[0]["reason"] == "in the ocean"
    assert r.snapped[0]["distance_m"] == pytest.approx(geodesic_distance(lat[20], lon[4], lat[20], lon[5]), rel=1e-9)
    with pytest.raises(RoutingError, match=r"in the ocean; the nearest land cell is 2\d\.\d km away"):
        route_on_grid(z, surface, river, lat, lon, [(lat[20], lon[1]), (lat[20], lon[30])])
    with pytest.raises(RoutingError, match="snap distance 1.0 km"):
        route_on_grid(z, surface, river, lat, lon, [near_coast, (lat[20], lon[30])], snap_distance=1000.0)


def test_unreachable_waypoints_name_the_barrier():
    z, surface, river, lat, lon = _world()
    surface[:, 25] = 0  # a sea strait
    with pytest.raises(RoutingError, match="ocean"):
        route_on_grid(z, surface, river, lat, lon, [(lat[5], lon[10]), (lat[5], lon[40])])
    surface[:, 25] = 1
    river[:, 25] = 1
    with pytest.raises(RoutingError, match="spring flood.*class 1"):
        route_on_grid(z, surface, river, lat, lon, [(lat[5], lon[10]), (lat[5], lon[40])], river_state="flood")
    r = route_on_grid(z, surface, river, lat, lon, [(lat[5], lon[10]), (lat[5], lon[40])], river_state="frozen")
    assert [(c.kind, c.river_class, c.frozen) for c in r.crossings] == [("river", 1, True)]


def test_bad_input_is_reported():
    z, surface, river, lat, lon = _world()
    with pytest.raises(InputError, match="DEM/grid mismatch"):
        route_on_grid(z[:, :-1], surface, river, lat, lon, [(lat[5], lon[10]), (lat[6], lon[11])])
    with pytest.raises(InputError, match="cost='walk'.*tobler"):
        route_on_grid(z, surface, river, lat, lon, [(lat[5], lon[10]), (lat[6], lon[11])], cost="walk")
    with pytest.raises(InputError, match="neighbours=4"):
        route_on_grid(z, surface, river, lat, lon, [(lat[5], lon[10]), (lat[6], lon[11])], neighbours=4)
    with pytest.raises(InputError, match="outside the routing grid"):
        route_on_grid(z, surface, river, lat, lon, [(10.0, 60.0), (lat[6], lon[11])])
    with pytest.raises(InputError, match="one date per leg"):
        route_on_grid(z, surface, river, lat, lon, [(lat[5], lon[10]), (lat[6], lon[11])], date=["1941-03-01"] * 2)
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        route_on_grid(z, surface, river, lat, lon, [(lat[5], lon[10]), (lat[6], lon[11])], date="March")
    bad = z.copy()
    bad[3, 3] = np.nan
    with pytest.raises(InputError, match="NaN"):
        route_on_grid(bad, surface, river, lat, lon, [(lat[5], lon[10]), (lat[6], lon[11])])


def test_geojson_and_gpx():
    z, surface, river, lat, lon = _world()
    r = route_on_grid(z, surface, river, lat, lon, [(lat[5], lon[10]), (lat[30], lon[40])])
    gj = json.loads(r.to_geojson())
    assert gj["type"] == "FeatureCollection"
    line = gj["features"][0]["geometry"]
    assert line["type"] == "LineString"
    assert line["coordinates"][0][:2] == [round(lon[10], 6), round(lat[5], 6)]  # RFC 7946: longitude first
    assert len(line["coordinates"]) == r.lat.size
    root = ET.fromstring(r.to_gpx())
    ns = {"g": "http://www.topografix.com/GPX/1/1"}
    assert root.tag == "{http://www.topografix.com/GPX/1/1}gpx" and root.get("version") == "1.1"
    pts = root.findall("g:trk/g:trkseg/g:trkpt", ns)
    assert len(pts) == r.lat.size and float(pts[-1].get("lat")) == pytest.approx(lat[30], abs=1e-6)
    assert len(root.findall("g:wpt", ns)) == 2


def test_corridor_refinement_close_to_full_search():
    rng = np.random.default_rng(5)
    ny, nx = 120, 150
    lat = 30.0 + np.arange(ny) * (1 / 120)
    lon = 80.0 + np.arange(nx) * (1 / 120)
    from scipy import ndimage

    z = ndimage.gaussian_filter(rng.normal(size=(ny, nx)), 6) * 4000.0 + 2000.0
    wps = [(lat[10], lon[10]), (lat[110], lon[140])]
    full = route_on_grid(z, 1, 0, lat, lon, wps)
    corr = corridor_route(z, np.ones((ny, nx), np.uint8), np.zeros((ny, nx), np.uint8), lat, lon, wps, factor=10,
                          buffer=10_000.0)
    assert corr.total_time >= full.total_time * (1 - 1e-12)  # restricted search can't beat the full one
    assert corr.total_time <= full.total_time * 1.03
    np.testing.assert_array_equal(corr.cells[0], [10, 10])
    np.testing.assert_array_equal(corr.cells[-1], [110, 140])
