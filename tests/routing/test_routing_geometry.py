"""Geometry on the sphere: flat-ground elongation, lengths along parallels, direction dependence."""

import numpy as np
import pytest
from pyproj import Geod

from longwalk.routing import build_cost_surface, cost_distance, least_cost_path
from longwalk.routing.geometry import great_circle_lower_bound, neighbour_offsets, step_lengths

GEOD = Geod(ellps="WGS84")
A_WGS84, E2_WGS84 = 6378137.0, 0.00669437999014
TOBLER_FLAT = 6.0 * np.exp(-3.5 * 0.05) / 3.6  # [m s-1], Tobler (1993) at zero slope, computed by hand here


def _parallel_arc(lat_deg, dlon_deg):
    """Length of an arc of a parallel on WGS84: N(φ) cos φ Δλ (prime-vertical radius N = a / sqrt(1 - e² sin² φ))."""
    phi = np.radians(lat_deg)
    return A_WGS84 / np.sqrt(1 - E2_WGS84 * np.sin(phi) ** 2) * np.cos(phi) * np.radians(dlon_deg)


@pytest.mark.parametrize(("neighbours", "worst", "lowest"), [(8, 0.083, 0.080), (16, 0.028, 0.025)])
def test_flat_ground_elongation(neighbours, worst, lowest):
    # Known worst cases (Goodchild; Huber & Church): 8 neighbours sqrt(4 - 2 sqrt 2) - 1 = 8.24 %, 16: 2.79 %
    # square cells at the equator (as in the derivation): Δλ = Δφ · M/N with M = a(1 - e²), N = a
    n = 141
    res = 0.01
    lat = (np.arange(n) - n // 2) * res
    lon = (np.arange(n) - n // 2) * res * (1 - E2_WGS84)
    cs = build_cost_surface(np.zeros((n, n)), 1, 0, lat, lon, neighbours=neighbours)
    c = n // 2
    t = cost_distance(cs, [(c, c)])
    la, lo = np.meshgrid(lat, lon, indexing="ij")
    _, _, d = GEOD.inv(np.zeros_like(lo), np.zeros_like(la), lo, la)
    far = d > 50 * 1105.0
    elong = t[far] * TOBLER_FLAT / d[far] - 1.0
    assert elong.max() <= worst
    assert elong.max() >= lowest  # the worst direction is really sampled
    assert elong.min() > -1e-6  # never shorter than the geodesic


@pytest.mark.parametrize("lat0", [0.0, 45.0, 60.0])
@pytest.mark.parametrize("neighbours", [8, 16])
def test_one_degree_of_parallel(lat0, neighbours):
    res = 1 / 12
    lat = lat0 + (np.arange(5) - 2) * res
    lon = 30.0 + np.arange(13) * res
    cs = build_cost_surface(np.zeros((5, 13)), 1, 0, lat, lon, neighbours=neighbours)
    path, total, _ = least_cost_path(cs, (2, 0), (2, 12))
    expected = _parallel_arc(lat0, 1.0) / TOBLER_FLAT
    assert total == pytest.approx(expected, rel=0.005)
    assert path.size == 13


def test_step_lengths_shrink_with_latitude():
    L = step_lengths(np.array([0.0, 60.0]), np.array([0.0, 1.0]), neighbour_offsets(8))
    assert L[1, 1] / L[0, 1] == pytest.approx(_parallel_arc(60.0, 1.0) / _parallel_arc(0.0, 1.0), rel=1e-4)


def test_heuristic_bound_is_below_geodesic():
    rng = np.random.default_rng(3)
    la1, la2 = rng.uniform(-85, 85, (2, 2000))
    lo1, lo2 = rng.uniform(-180, 180, (2, 2000))
    _, _, d = GEOD.inv(lo1, la1, lo2, la2)
    assert np.all(great_circle_lower_bound(la1, lo1, la2, lo2) <= d)


def _tobler_time(L, dz):
    return L / (6.0 * np.exp(-3.5 * abs(dz / L + 0.05)) / 3.6)


@pytest.mark.parametrize("neighbours", [8, 16])
def test_uphill_differs_from_downhill(neighbours):
    # a plane rising 20 m per 0.01° eastwards at the equator (slope ≈ 0.018): the straight line is optimal
    nx = 11
    lat = np.array([-0.005, 0.005])
    lon = np.arange(nx) * 0.01
    z = np.tile(np.arange(nx) * 20.0, (2, 1))
    cs = build_cost_surface(z, 1, 0, lat, lon, neighbours=neighbours, altitude=False)
    _, ab, _ = least_cost_path(cs, (0, 0), (0, nx - 1))
    _, ba, _ = least_cost_path(cs, (0, nx - 1), (0, 0))
    steps = [GEOD.inv(lon[i], lat[0], lon[i + 1], lat[0])[2] for i in range(nx - 1)]
    up = sum(_tobler_time(L, 20.0) for L in steps)
    down = sum(_tobler_time(L, -20.0) for L in steps)
    assert ab == pytest.approx(up, rel=1e-9)
    assert ba == pytest.approx(down, rel=1e-9)
    assert ab > ba * 1.1
    # the "to" map at A equals the A->B query
    to_b = cost_distance(cs, [(0, nx - 1)], direction="to")
    assert to_b[0, 0] == pytest.approx(ab, rel=1e-12)
