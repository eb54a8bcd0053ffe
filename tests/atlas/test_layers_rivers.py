"""Rivers: the rasteriser on hand-drawn segments, and the named rivers at known points."""

import numpy as np
import pytest

from longwalk.atlas import WAY_BACK_REGION, Grid, load_atlas
from longwalk.atlas.rivers import N_RIVER_CLASSES, rasterise_lines, river_polylines


def slow_rasterise(grid, x0, y0, x1, y1, cls, n=20000):
    """Obvious reference: walk each segment in many tiny steps (one Python loop per segment)."""
    out = np.zeros(grid.shape, dtype=np.uint8)
    for a, b, c, d, k in zip(x0, y0, x1, y1, cls, strict=True):
        t = np.linspace(0, 1, n)
        lon, lat = a + t * (c - a), b + t * (d - b)
        row = np.floor((lat - grid.south) / grid.resolution).astype(int)
        col = np.floor((lon - grid.west) / grid.resolution).astype(int)
        ok = (row >= 0) & (row < grid.shape[0]) & (col >= 0) & (col < grid.shape[1])
        for r, q in set(zip(row[ok].tolist(), col[ok].tolist(), strict=True)):
            out[r, q] = k if out[r, q] == 0 else min(out[r, q], k)
    return out


def test_rasterise_horizontal_vertical_lines():
    g = Grid(0, 4, 0, 4, 1.0)
    out = rasterise_lines(g, [0.1, 2.5], [1.5, 0.2], [3.9, 2.5], [1.5, 3.8], [3, 1])
    expected = np.zeros((4, 4), np.uint8)
    expected[1, :] = 3  # row 1 is latitude 1..2 (row 0 is the south)
    expected[:, 2] = 1  # the smaller class (larger river) wins where they cross
    assert np.array_equal(out, expected)


def test_rasterise_matches_slow_reference_on_random_segments():
    rng = np.random.default_rng(3)
    g = Grid(10, 12, 20, 23, 0.1)
    x0, x1 = rng.uniform(19.5, 23.5, (2, 40))
    y0, y1 = rng.uniform(9.5, 12.5, (2, 40))
    cls = rng.integers(1, 6, 40)
    fast = rasterise_lines(g, x0, y0, x1, y1, cls)
    slow = slow_rasterise(g, x0, y0, x1, y1, cls)
    # The reference walks in finite steps, so it may miss a cell a segment clips at a corner; never the reverse.
    differ = fast != slow
    assert differ.sum() <= 0.01 * (slow > 0).sum()
    assert np.all((slow[differ] == 0) | (fast[differ] < slow[differ]))


def test_river_classes_inferred_from_file_structure():
    lon, lat, start, cls = river_polylines()
    assert len(start) == len(cls) + 1 == 23257
    assert set(np.unique(cls)) == set(range(1, N_RIVER_CLASSES + 1))
    closed = np.all(np.abs(np.c_[lon, lat][start[:-1]] - np.c_[lon, lat][start[1:] - 1]) < 1e-6, axis=1)
    # Class 1 is exactly the closed outlines of the double-lined rivers.
    assert np.array_equal(closed, cls == 1)
    # Each class block is sorted from north to south overall (the signature of a new WDB II level).
    assert np.all(np.diff(cls.astype(int)) >= 0)


@pytest.fixture(scope="module")
def way_back():
    return load_atlas(WAY_BACK_REGION, cache=False)


@pytest.mark.parametrize(
    ("river", "lat", "lon", "largest_class"),
    [
        ("Lena (Must show)", 60.5, 122.0, 1),
        ("Lena at Yakutsk", 62.03, 129.73, 1),
        ("Yenisei at Krasnoyarsk", 56.01, 92.87, 2),
        ("Yenisei at Igarka", 67.47, 86.58, 1),
        ("Angara at Irkutsk", 52.28, 104.28, 2),
        ("Selenga at Ulan-Ude", 51.83, 107.60, 3),
        ("Amur at Khabarovsk", 48.48, 135.07, 1),
        ("Amur at Blagoveshchensk", 50.27, 127.53, 2),
        ("Yellow River at Lanzhou", 36.06, 103.83, 2),
        ("Yellow River at Zhengzhou", 34.90, 113.60, 2),
        ("Yarlung Tsangpo at Shigatse", 29.27, 88.88, 2),
        ("Brahmaputra at Guwahati", 26.18, 91.75, 2),
        ("Ganges at Varanasi", 25.30, 83.01, 2),
        ("Ganges at Patna", 25.62, 85.14, 2),
    ],
)
def test_named_rivers_within_a_cell_or_two(way_back, river, lat, lon, largest_class):
    cls, dist = way_back.nearest_river(lat, lon, radius_cells=2)
    assert cls != 0, river
    assert cls <= largest_class, river
    assert dist < 20_000, river


def test_lena_point_says_river(way_back):
    river = way_back.point(60.5, 122.0)["river"]
    assert river["in_cell"] or river["nearby_class"] > 0
    assert river["nearby_description"].startswith("double-lined")


def test_gobi_has_no_big_river(way_back):
    # Central Gobi (43N, 105E): no river of class 1-3 within several cells.
    r, c = way_back.grid.index(43.0, 105.0)
    window = way_back.river_class[r - 5 : r + 6, c - 5 : c + 6]
    assert not ((window > 0) & (window <= 3)).any()
