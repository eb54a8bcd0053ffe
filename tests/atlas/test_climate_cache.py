"""The built-in climate model's tabulated nodes persisted in ``cache_dir()/climate``: same bits with and without."""

import json
from importlib import resources

import numpy as np
import pytest

from longwalk.atlas import climate as C


def _coefficients() -> dict:
    return json.loads(resources.files("longwalk.atlas").joinpath("data", C.COEFFICIENTS_FILE).read_text())


def _points(seed: int = 0, n: int = 60):
    """Random points inside one 5° tile (50-55°N, 105-110°E) between 300 and 1200 m: a handful of slabs."""
    rng = np.random.default_rng(seed)
    lat = rng.uniform(50.0, 54.99, n)
    lon = rng.uniform(105.0, 109.99, n)
    z = rng.uniform(300.0, 1200.0, n)
    doy = rng.integers(1, 367, n)
    return lat, lon, z, doy


def _daily(clim, pts) -> dict:
    d = clim.daily_normals(*pts)
    return {f: getattr(d, f) for f in C.FIELDS}


def _slab_files(root):
    return sorted((root / "climate").glob("nodes-*/*.npy"))


@pytest.fixture
def data():
    return _coefficients()


def test_nodes_reloaded_from_disk_give_identical_bits(tmp_path, monkeypatch, data):
    monkeypatch.setenv("LONGWALK_CACHE", str(tmp_path))
    pts = _points()
    memory_only = _daily(C.FittedClimatology.from_coefficients(data), pts)
    assert _slab_files(tmp_path) == []  # without disk_cache nothing is written
    first = _daily(C.FittedClimatology.from_coefficients(data, disk_cache=True), pts)
    files = _slab_files(tmp_path)
    assert 3 <= len(files) <= 8  # one tile, levels 0..1500 m
    assert not list((tmp_path / "climate").glob("nodes-*/*.tmp"))  # temporary files moved into place

    fresh = C.FittedClimatology.from_coefficients(data, disk_cache=True)

    def no_exact(*args):
        raise AssertionError("a cached node was recomputed")

    monkeypatch.setattr(fresh, "_fields_exact", no_exact)
    second = _daily(fresh, pts)
    for f in C.FIELDS:
        assert first[f].tobytes() == memory_only[f].tobytes(), f
        assert second[f].tobytes() == memory_only[f].tobytes(), f
    # the monthly path too, at other random points of the same tile
    lat, lon, z, _ = _points(seed=1)
    a = C.FittedClimatology.from_coefficients(data).monthly(lat, lon, z)
    b = fresh.monthly(lat, lon, z)
    for f in C.FIELDS:
        assert getattr(a, f).tobytes() == getattr(b, f).tobytes(), f


def test_corrupt_cache_file_is_rebuilt_silently(tmp_path, monkeypatch, data):
    monkeypatch.setenv("LONGWALK_CACHE", str(tmp_path))
    pts = _points(seed=2, n=20)
    reference = _daily(C.FittedClimatology.from_coefficients(data), pts)
    _daily(C.FittedClimatology.from_coefficients(data, disk_cache=True), pts)
    files = _slab_files(tmp_path)
    files[0].write_bytes(b"not a numpy file")
    files[1].write_bytes(files[1].read_bytes()[:200])  # truncated
    np.save(files[2], np.zeros((3, 3)))  # a valid .npy of the wrong layout
    again = _daily(C.FittedClimatology.from_coefficients(data, disk_cache=True), pts)
    for f in C.FIELDS:
        assert again[f].tobytes() == reference[f].tobytes(), f
    for path in files[:3]:  # rewritten with the right layout
        assert np.load(path).shape == (C._TILE_NODES, C._TILE_NODES, len(C.FIELDS) * 12)


def test_unwritable_cache_falls_back_to_memory(tmp_path, monkeypatch, data):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("LONGWALK_CACHE", str(blocker / "cache"))  # cannot be created under a file
    pts = _points(seed=3, n=20)
    clim = C.FittedClimatology.from_coefficients(data, disk_cache=True)
    got = _daily(clim, pts)
    ref = _daily(C.FittedClimatology.from_coefficients(data), pts)
    for f in C.FIELDS:
        assert got[f].tobytes() == ref[f].tobytes(), f
    assert clim._slabs  # kept in memory
    assert list(tmp_path.iterdir()) == [blocker]


def test_a_model_change_changes_the_cache_key(data):
    base = C.FittedClimatology.from_coefficients(data)._model_key
    assert C.FittedClimatology.from_coefficients(data)._model_key == base
    changed = json.loads(json.dumps(data))
    changed["fields"]["temperature"]["alpha"][0] += 1e-6
    assert C.FittedClimatology.from_coefficients(changed)._model_key != base
    changed = json.loads(json.dumps(data))
    changed["fields"]["diurnal_range"]["beta"][0] += 1e-6
    assert C.FittedClimatology.from_coefficients(changed)._model_key != base


def test_daily_normals_fields_subset_is_bit_identical(data):
    from longwalk.errors import InputError

    clim = C.FittedClimatology.from_coefficients(data)
    lat, lon, z, doy = _points(seed=4, n=30)
    full = clim.daily_normals(lat, lon, z, doy)
    for subset in (("air_temperature_mean",), ("precipitation", "relative_humidity", "wind_speed")):
        part = clim.daily_normals(lat, lon, z, doy, fields=subset)
        for f in C.FIELDS:
            if f in subset:
                assert getattr(part, f).tobytes() == getattr(full, f).tobytes(), f
            else:
                assert getattr(part, f) is None, f
    with pytest.raises(InputError, match="air_temperature"):
        clim.daily_normals(lat, lon, z, doy, fields=("temperature",))


def test_nodes_of_an_earlier_model_are_removed(tmp_path, monkeypatch, data):
    monkeypatch.setenv("LONGWALK_CACHE", str(tmp_path))
    stale = tmp_path / "climate" / "nodes-0123456789abcdef01234567"
    stale.mkdir(parents=True)
    (stale / "1.npy").write_bytes(b"old")
    clim = C.FittedClimatology.from_coefficients(data, disk_cache=True)
    _daily(clim, _points(seed=5, n=5))
    assert not stale.exists()
    assert [p.name for p in (tmp_path / "climate").iterdir()] == [f"nodes-{clim._model_key}"]
