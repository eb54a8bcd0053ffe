"""Grid geometry against independent geodesic values (closed-form WGS84 arcs), and point → cell lookup."""

import numpy as np
import pytest

from longwalk.atlas.grid import Grid, check_lat_lon, check_region
from longwalk.errors import InputError

# WGS84 defining constants (NIMA TR8350.2).
A = 6378137.0
F = 1 / 298.257223563
E2 = F * (2 - F)


def parallel_arc(lat_deg, dlon_deg):
    """Length of an arc of the parallel at lat: pi a cos(phi) dlon / (180 sqrt(1 - e2 sin^2 phi)) [m]."""
    phi = np.radians(lat_deg)
    return np.pi * A * np.cos(phi) * dlon_deg / (180 * np.sqrt(1 - E2 * np.sin(phi) ** 2))


def meridian_degree(lat_deg):
    """Length of one degree of latitude on WGS84 centred at lat (standard series, accurate to ~1 cm) [m]."""
    phi = np.radians(lat_deg)
    return 111132.954 - 559.822 * np.cos(2 * phi) + 1.175 * np.cos(4 * phi)


def haversine(lat1, lon1, lat2, lon2, r=6371008.8):
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = p2 - p1, np.radians(lon2 - lon1)
    h = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * r * np.arcsin(np.sqrt(h))


def test_degree_of_longitude_at_60n_is_55_8_km():
    g = Grid(59.5, 60.5, 10.0, 11.0, 1.0)
    assert g.cell_width[0] == pytest.approx(55_800, abs=5)
    # The geodesic between two points of a parallel is a hair shorter than the parallel arc itself.
    assert g.cell_width[0] <= parallel_arc(60.0, 1.0)
    assert g.cell_width[0] == pytest.approx(parallel_arc(60.0, 1.0), rel=2e-5)


def test_cell_width_and_height_follow_wgs84_at_all_latitudes():
    g = Grid(-80, 80, 0, 1, 1 / 12)
    assert g.cell_width == pytest.approx(parallel_arc(g.lat, 1 / 12), rel=1e-6)
    assert g.cell_height == pytest.approx(meridian_degree(g.lat) / 12, rel=1e-6)
    # A degree of latitude is ~110.57 km at the equator and ~111.69 km at the poles (WGS84).
    assert Grid(-0.5, 0.5, 0, 1, 1.0).cell_height[0] == pytest.approx(110_574, abs=2)
    assert Grid(88.5, 89.5, 0, 1, 1.0).cell_height[0] == pytest.approx(111_692, abs=3)


def test_row_zero_is_southernmost_and_centres():
    g = Grid(20, 70, 70, 140)
    assert g.shape == (600, 840)
    assert g.lat[0] == pytest.approx(20 + 1 / 24)
    assert g.lat[-1] == pytest.approx(70 - 1 / 24)
    assert np.all(np.diff(g.lat) > 0) and np.all(np.diff(g.lon) > 0)
    assert g.cell_width[0] > g.cell_width[-1]  # cells narrow northwards


def test_cell_area_matches_width_times_height():
    g = Grid(50, 52, 100, 101, 0.5)
    assert g.cell_area == pytest.approx(g.cell_width * g.cell_height, rel=1e-4)


def test_neighbour_distances_against_independent_values():
    g = Grid(59, 61, 100, 102, 1 / 12)
    offsets = [(0, 1), (1, 0), (-1, 0), (1, 1), (2, 1), (1, -2)]
    d = g.neighbour_distances(offsets)
    assert d.shape == (g.shape[0], len(offsets))
    assert d[:, 0] == pytest.approx(g.cell_width, rel=1e-12)
    # North/south neighbours: one 5' meridian arc centred half a cell away.
    assert d[:, 1] == pytest.approx(meridian_degree(g.lat + 1 / 24) / 12, rel=1e-6)
    assert d[:, 2] == pytest.approx(meridian_degree(g.lat - 1 / 24) / 12, rel=1e-6)
    # Diagonal/knight moves: within 0.5 % of a spherical haversine (the ellipsoid differs by < 0.5 %).
    for k, (dr, dc) in enumerate(offsets[3:], start=3):
        ref = haversine(g.lat, 0, g.lat + dr / 12, dc / 12)
        assert d[:, k] == pytest.approx(ref, rel=5e-3)
    # Symmetry: (1, 1) from row r equals (-1, -1) from row r + 1.
    back = g.neighbour_distances([(-1, -1)])
    assert d[:-1, 3] == pytest.approx(back[1:, 0], rel=1e-9)


def test_index_vectorised_and_hand_checked():
    g = Grid(20, 70, 70, 140)
    row, col = g.index([20.0, 20.0834, 53.5, 69.9999, 70.0], [70.0, 70.0, 108.0, 139.9999, 140.0])
    # 53.5N: (53.5 - 20) * 12 = 402; 108E: (108 - 70) * 12 = 456.
    assert row.tolist() == [0, 1, 402, 599, 599]
    assert col.tolist() == [0, 0, 456, 839, 839]
    rr, cc = np.meshgrid(np.arange(600), np.arange(840), indexing="ij")
    r2, c2 = g.index(g.lat[rr], g.lon[cc])
    assert np.array_equal(r2, rr) and np.array_equal(c2, cc)
    assert g.contains([10, 50], [100, 100]).tolist() == [False, True]


@pytest.mark.parametrize(
    ("lat", "lon", "word"),
    [(91, 0, "latitude"), (-90.5, 0, "latitude"), (0, 181, "longitude"), (0, -200, "longitude"), (np.nan, 0, "lat")],
)
def test_out_of_range_points(lat, lon, word):
    with pytest.raises(InputError, match=word):
        check_lat_lon(lat, lon)
    with pytest.raises(InputError, match=word):
        Grid(20, 70, 70, 140).index(lat, lon)


def test_point_outside_grid():
    with pytest.raises(InputError, match="outside the atlas region"):
        Grid(20, 70, 70, 140).index(10.0, 100.0)


@pytest.mark.parametrize(
    ("region", "match"),
    [
        ((50, 50, 100, 110), "zero area"),
        ((50, 60, 100, 100), "zero area"),
        ((60, 50, 100, 110), "greater than south"),
        ((50, 60, 170, -170), "antimeridian"),
        ((50, 60, 100), "four numbers"),
        (("a", 60, 100, 110), "four numbers"),
        ((-95, 60, 100, 110), "south"),
        ((50, 60, 100, 190), "east"),
    ],
)
def test_bad_regions(region, match):
    with pytest.raises(InputError, match=match):
        check_region(region)


@pytest.mark.parametrize("res", [0, -1, float("nan"), 20, "x"])
def test_bad_resolution(res):
    with pytest.raises(InputError, match="resolution"):
        Grid(50, 60, 100, 110, res)


def test_uneven_extent_is_completed():
    g = Grid(50.0, 50.2, 100.0, 100.25, 0.1)
    assert g.shape == (2, 3)
    assert g.north == pytest.approx(50.2) and g.east == pytest.approx(100.3)
