"""load_atlas: shapes, caching, the point report, and errors."""

import json

import numpy as np
import pytest

from longwalk.atlas import WAY_BACK_REGION, Atlas, Grid, load_atlas
from longwalk.errors import InputError


@pytest.fixture
def private_cache(tmp_path, monkeypatch):
    monkeypatch.setattr("longwalk.atlas.build.atlas_cache_dir", lambda: tmp_path)
    return tmp_path


def test_way_back_atlas_shapes_and_types(private_cache):
    atlas = load_atlas(WAY_BACK_REGION)
    assert isinstance(atlas, Atlas)
    assert atlas.grid == Grid(20, 70, 70, 140, 1 / 12)
    assert atlas.elevation.shape == atlas.surface.shape == atlas.river_class.shape == (600, 840)
    assert atlas.elevation.dtype == np.float32
    assert atlas.surface.dtype == atlas.river_class.dtype == np.uint8
    assert set(np.unique(atlas.surface)) == {0, 1, 2}
    assert set(np.unique(atlas.river_class)) == {0, 1, 2, 3, 4, 5}
    assert len(atlas.places) > 20_000


def test_cache_round_trip(private_cache):
    region = (50.0, 54.0, 100.0, 110.0)
    cold = load_atlas(region)
    files = list(private_cache.glob("atlas-*.npz"))
    assert len(files) == 1
    warm = load_atlas(region)
    fresh = load_atlas(region, cache=False)
    for a in (warm, fresh):
        assert np.array_equal(a.elevation, cold.elevation)
        assert np.array_equal(a.surface, cold.surface)
        assert np.array_equal(a.river_class, cold.river_class)
        assert a.places.name.tolist() == cold.places.name.tolist()
        assert a.sources == cold.sources
    # A different resolution is a different cache entry.
    load_atlas(region, resolution=0.25)
    assert len(list(private_cache.glob("atlas-*.npz"))) == 2


def test_corrupt_cache_file_is_rebuilt(private_cache):
    region = (50.0, 51.0, 100.0, 101.0)
    first = load_atlas(region)
    (path,) = private_cache.glob("atlas-*.npz")
    path.write_bytes(b"not an npz")
    again = load_atlas(region)
    assert np.array_equal(again.elevation, first.elevation)


def test_point_report_is_json_ready(private_cache):
    atlas = load_atlas((52.5, 54.5, 107.0, 110.0))
    report = atlas.point(53.5, 108.0)
    text = json.dumps(report)
    assert json.loads(text)["surface"] == "lake"
    assert report["cell"]["row"] == 12 and report["cell"]["col"] == 12  # (53.5 - 52.5) * 12, (108 - 107) * 12
    assert len(report["places"]) == 3
    d = [p["distance_km"] for p in report["places"]]
    assert d == sorted(d)


def test_sample_vectorised():
    atlas = load_atlas((53.0, 54.0, 107.5, 108.5), cache=False)
    out = atlas.sample([53.5, 53.9], [108.0, 107.6])
    assert out["surface"].shape == (2,)
    assert out["surface"][0] == 2


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"region": (50, 50, 100, 110)}, "zero area"),
        ({"region": (50, 60, 170.01, -170)}, "cell edge"),
        ({"region": (50, 60, 100, 110), "resolution": 0}, "resolution"),
        ({"region": (50, 60, 100, 110), "resolution": None}, "resolution"),
        ({"region": (-90, 90, -180, 180), "resolution": 0.01}, "smaller region"),
    ],
)
def test_bad_inputs(kwargs, match):
    with pytest.raises(InputError, match=match):
        load_atlas(**kwargs, cache=False)


def test_point_outside_atlas():
    atlas = load_atlas((53.0, 54.0, 107.5, 108.5), cache=False)
    with pytest.raises(InputError, match="outside the atlas region"):
        atlas.point(10.0, 10.0)
    with pytest.raises(InputError, match="latitude"):
        atlas.point(100.0, 10.0)
