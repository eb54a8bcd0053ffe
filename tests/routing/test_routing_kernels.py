"""The compiled search against the slow reference (tests/routing/routing_reference.py) on tiny random grids."""

import zlib

import numpy as np
import pytest
from routing_reference import dijkstra as ref_dijkstra

from longwalk.routing.search import cost_distance, least_cost_path
from longwalk.routing.surfaces import build_cost_surface


def _random_grid(rng, ny=6, nx=7, water=True):
    lat = 40.0 + np.arange(ny) * 0.01
    lon = 10.0 + np.arange(nx) * 0.01
    elev = rng.uniform(0, 300, (ny, nx)).astype(np.float32)
    surface = np.ones((ny, nx), np.uint8)
    river = np.zeros((ny, nx), np.uint8)
    if water:
        surface[rng.random((ny, nx)) < 0.1] = 2
        river[rng.random((ny, nx)) < 0.2] = rng.integers(1, 6)
        surface[0, 0] = 1
    return elev, surface, river, lat, lon


@pytest.mark.parametrize("cost", ["tobler", "campbell", "rwalk", "energy"])
@pytest.mark.parametrize("neighbours", [8, 16])
@pytest.mark.parametrize("direction", ["from", "to"])
def test_cost_distance_matches_reference(cost, neighbours, direction):
    rng = np.random.default_rng(zlib.crc32(f"{cost}{neighbours}{direction}".encode()))
    for _ in range(2):
        elev, surface, river, lat, lon = _random_grid(rng)
        snow = rng.uniform(0, 0.3, elev.shape)
        cs = build_cost_surface(elev, surface, river, lat, lon, cost=cost, neighbours=neighbours, snow_depth=snow,
                                river_state=rng.integers(0, 3, elev.shape).astype(np.uint8))
        ours = cost_distance(cs, [(0, 0)], direction=direction)
        ref = ref_dijkstra(cs.elevation, cs.factor, cs.barrier, lat, lon, (0, 0), cost, neighbours,
                           reverse=direction == "to")
        assert np.array_equal(np.isinf(ours), np.isinf(ref))
        fin = np.isfinite(ref)
        np.testing.assert_allclose(ours[fin], ref[fin], rtol=1e-7)


@pytest.mark.parametrize("cost", ["tobler", "rwalk", "energy", "campbell"])
def test_astar_equals_dijkstra(cost):
    rng = np.random.default_rng(7)
    for _ in range(5):
        elev, surface, river, lat, lon = _random_grid(rng, 12, 15)
        cs = build_cost_surface(elev, surface, river, lat, lon, cost=cost)
        full = cost_distance(cs, [(0, 0)])
        end = (int(rng.integers(0, 12)), int(rng.integers(0, 15)))
        path, total, _ = least_cost_path(cs, (0, 0), end, method="astar")
        if np.isfinite(full[end]):
            assert total == pytest.approx(full[end], rel=1e-12)
            assert path[0] == 0 and path[-1] == end[0] * 15 + end[1]
        else:
            assert path.size == 0 and total == np.inf


@pytest.mark.parametrize("direction", ["from", "to"])
def test_cost_distance_matches_reference_away_from_the_edges(direction):
    # a grid large enough that most cells are "inner" (every move stays inside: the kernels' flat-offset path)
    rng = np.random.default_rng(11)
    elev, surface, river, lat, lon = _random_grid(rng, 14, 17)
    cs = build_cost_surface(elev, surface, river, lat, lon, cost="tobler", neighbours=16)
    ours = cost_distance(cs, [(7, 8)], direction=direction)
    ref = ref_dijkstra(cs.elevation, cs.factor, cs.barrier, lat, lon, (7, 8), "tobler", 16, reverse=direction == "to")
    assert np.array_equal(np.isinf(ours), np.isinf(ref))
    fin = np.isfinite(ref)
    np.testing.assert_allclose(ours[fin], ref[fin], rtol=1e-7)


@pytest.mark.parametrize("method", ["dijkstra", "astar"])
def test_a_global_grid_wraps_alike_wherever_its_seam_is(method):
    # the whole globe at 5°: rolling the arrays east by 7 columns (and the source with them) moves cells between the
    # edge (wrapped) and the inner path of the kernels; the costs must roll with them
    rng = np.random.default_rng(3)
    lat = -57.5 + 5.0 * np.arange(24)
    lon = -177.5 + 5.0 * np.arange(72)
    elev = rng.uniform(0, 2000, (24, 72)).astype(np.float32)
    surface = np.where(rng.random((24, 72)) < 0.15, 0, 1).astype(np.uint8)
    surface[10, 70] = surface[12, 1] = 1
    river = np.zeros((24, 72), np.uint8)
    a = build_cost_surface(elev, surface, river, lat, lon)
    b = build_cost_surface(np.roll(elev, 7, axis=1), np.roll(surface, 7, axis=1), river, lat, lon)
    assert a.wrap and b.wrap
    ca, cb = cost_distance(a, [(10, 70)]), cost_distance(b, [(10, 5)])
    np.testing.assert_allclose(np.roll(ca, 7, axis=1), cb, rtol=1e-12)
    # across the seam: from column 70 to column 1 is 3 columns east, not 69 west
    _, total, _ = least_cost_path(a, (10, 70), (12, 1), method=method)
    assert total == pytest.approx(ca[12, 1], rel=1e-12)


@pytest.mark.parametrize("direction", ["from", "to"])
def test_the_search_gives_one_answer_whatever_its_queue(direction):
    """One search loop, three queues: the heap alone (delta 0), buckets as wide as the cheapest move, and buckets so
    narrow that most keys lie beyond the 65,536-bucket window and wait in the overflow heap.  All are exact
    Dijkstra, so the costs agree with each other and with the slow reference."""
    from longwalk.routing.kernels import NO_PRED, search

    rng = np.random.default_rng(11)
    elev, surface, river, lat, lon = _random_grid(rng, 14, 17)
    cs = build_cost_surface(elev, surface, river, lat, lon, cost="energy", neighbours=16)
    ref = ref_dijkstra(cs.elevation, cs.factor, cs.barrier, lat, lon, (0, 0), "energy", 16,
                       reverse=direction == "to")
    rad = np.zeros(1)
    widths = (0.0, cs.min_move_cost(), cs.min_move_cost() * 1e-6)
    costs = []
    for delta in widths:
        cost = np.full(cs.shape, np.inf)
        pred = np.full(cs.shape, NO_PRED, dtype=np.uint8)
        search(cs.elevation, cs.factor, cs.barrier, cs.dry().reshape(-1), cs.dlen, cs.moves, cs.model, cs.params,
               cs.wrap, np.array([0]), -1, direction == "to", delta, 0.0, rad, rad, cs.min_cost_per_metre(),
               cost.reshape(-1), pred.reshape(-1))
        costs.append(cost)
    assert np.nanmax(np.where(np.isfinite(ref), ref, np.nan)) > 65536 * widths[2]  # the overflow heap was used
    for cost in costs:
        assert np.array_equal(np.isinf(cost), np.isinf(ref))
        fin = np.isfinite(ref)
        np.testing.assert_allclose(cost[fin], ref[fin], rtol=1e-7)


def test_astar_keys_refuse_the_bucket_queue():
    from longwalk.routing.kernels import NO_PRED, search

    elev, surface, river, lat, lon = _random_grid(np.random.default_rng(3))
    cs = build_cost_surface(elev, surface, river, lat, lon)
    cost = np.full(cs.shape, np.inf)
    pred = np.full(cs.shape, NO_PRED, dtype=np.uint8)
    with pytest.raises(ValueError, match="A\\*"):
        search(cs.elevation, cs.factor, cs.barrier, cs.dry().reshape(-1), cs.dlen, cs.moves, cs.model, cs.params,
               cs.wrap, np.array([0]), 5, False, cs.min_move_cost(), 1.0, np.radians(lat), np.radians(lon),
               cs.min_cost_per_metre(), cost.reshape(-1), pred.reshape(-1))
