"""The built-in climate model's tabulated nodes persisted in ``cache_dir()/climate``: same bits with and without,
checksummed, independent of the batch a node was computed in."""

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
    """The ``.npz`` of each slab's cache entry (its checksummed sidecar is the ``.json`` beside it)."""
    return sorted((root / "climate").glob("nodes-*/*.npz"))


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
    assert all(f.with_suffix(".json").exists() for f in files)  # each with its checksum
    assert not list((tmp_path / "climate").glob("nodes-*/*.tmp"))  # temporary files moved into place

    fresh = C.FittedClimatology.from_coefficients(data, disk_cache=True)

    def no_exact(*args):
        raise AssertionError("a cached node was recomputed")

    monkeypatch.setattr(fresh, "_fields_exact", no_exact)
    second = _daily(fresh, pts)
    for f in C.FIELDS:
        assert first[f].tobytes() == memory_only[f].tobytes(), f
        assert second[f].tobytes() == memory_only[f].tobytes(), f
    # the monthly path too, at other random points of the same tile: some of their nodes read back, others computed
    lat, lon, z, _ = _points(seed=1)
    a = C.FittedClimatology.from_coefficients(data).monthly(lat, lon, z)
    b = C.FittedClimatology.from_coefficients(data, disk_cache=True).monthly(lat, lon, z)
    for f in C.FIELDS:
        assert getattr(a, f).tobytes() == getattr(b, f).tobytes(), f


def test_corrupt_cache_file_is_rebuilt(tmp_path, monkeypatch, capsys, data):
    monkeypatch.setenv("LONGWALK_CACHE", str(tmp_path))
    pts = _points(seed=2, n=20)
    reference = _daily(C.FittedClimatology.from_coefficients(data), pts)
    _daily(C.FittedClimatology.from_coefficients(data, disk_cache=True), pts)
    files = _slab_files(tmp_path)
    files[0].write_bytes(b"not a numpy file")
    files[1].write_bytes(files[1].read_bytes()[:200])  # truncated
    np.savez(files[2], nodes=np.zeros(3, np.uint16), values=np.zeros((3, 60)))  # a valid .npz, not the one summed
    capsys.readouterr()
    again = _daily(C.FittedClimatology.from_coefficients(data, disk_cache=True), pts)
    for f in C.FIELDS:
        assert again[f].tobytes() == reference[f].tobytes(), f
    assert capsys.readouterr().err.count("the cached climate nodes") == 3  # one line per damaged entry
    fresh = C.FittedClimatology.from_coefficients(data, disk_cache=True)
    for path in files[:3]:  # rewritten whole
        ids, values = fresh._load_slab(path.with_suffix(""))
        assert values.shape == (ids.size, len(C.FIELDS) * 12)


def test_a_nodes_value_does_not_depend_on_what_was_computed_before(data):
    """Nodes are tabulated as points need them, a slab at a time: the same point gets the same bits whichever
    points, in whichever order, were asked for before (the far knots' field is tabulated per slab)."""
    lat, lon, z, _ = _points(seed=2)
    alone = C.FittedClimatology.from_coefficients(data).monthly(lat[:5], lon[:5], z[:5])
    other = C.FittedClimatology.from_coefficients(data)
    other.monthly(lat[::-1], lon[::-1], z[::-1] + 400.0)  # other points of the same tile first
    again = other.monthly(lat[:5], lon[:5], z[:5])
    for f in C.FIELDS:
        assert getattr(alone, f).tobytes() == getattr(again, f).tobytes(), f


def test_a_grid_of_nodes_is_not_kept_on_disk_by_the_ice_model(tmp_path, monkeypatch, data):
    """The ice calendar's nodes stay in memory (the calendar is cached itself); they are the model's nodes."""
    from longwalk.atlas import ice

    monkeypatch.setenv("LONGWALK_CACHE", str(tmp_path))
    C.builtin_climate.cache_clear()
    try:
        lat, lon, z = np.array([52.0, 53.5]), np.array([105.0, 108.0]), np.array([456.0, 456.0])
        h = ice.ice_thickness_year(lat, lon, z, freeze_up_fdd=0.0)
        assert _slab_files(tmp_path) == []
        kept = C.FittedClimatology.from_coefficients(data, disk_cache=True)
        same = ice.ice_thickness_year(lat, lon, z, climatology=kept, freeze_up_fdd=0.0)
        assert h.tobytes() == same.tobytes()
        assert _slab_files(tmp_path)  # a disk-cached model does keep them
    finally:
        C.builtin_climate.cache_clear()


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
    assert clim._nodes.ids.size  # kept in memory
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
    (stale / "1.npz").write_bytes(b"old")
    clim = C.FittedClimatology.from_coefficients(data, disk_cache=True)
    _daily(clim, _points(seed=5, n=5))
    assert not stale.exists()
    assert [p.name for p in (tmp_path / "climate").iterdir()] == [f"nodes-{clim._model_key}"]


def test_a_node_computed_alone_has_the_bits_of_its_whole_slab(data):
    """Only the nodes points need are computed (not whole slabs): each from its slab's far field, fixed by the
    whole slab, and its own near knots — so a node's bits do not depend on which nodes share its batch."""
    clim = C.FittedClimatology.from_coefficients(data)
    key = ((10 + 100) * 1000 + (21 + 100)) * 100 + 3  # 50-55°N, 105-110°E, 1000 m
    slab = key * C._SLAB_NODES + np.arange(C._SLAB_NODES, dtype=np.int64)
    whole = clim._compute_nodes(slab)
    other = C.FittedClimatology.from_coefficients(data)
    pick = np.array([0, 7, 200, 440])
    mixed = np.concatenate([slab[pick], slab[pick] + 2 * C._SLAB_NODES])  # with nodes of another slab (2000 m)
    part = other._compute_nodes(mixed)
    assert part[:4].tobytes() == whole[pick].tobytes()
    assert other._compute_nodes(slab[pick[2:3]]).tobytes() == whole[pick[2]].tobytes()


def test_tabulated_nodes_are_the_far_field_model_at_the_nodes(data):
    # the node path (a slab's frame, near knots summed row by row) is the model of FittedClimatology.transformed
    # with the far field, evaluated at the nodes' positions: the same numbers up to rounding
    clim = C.FittedClimatology.from_coefficients(data)
    for key in (((10 + 100) * 1000 + (21 + 100)) * 100 + 3, ((-5 + 100) * 1000 + (26 + 100)) * 100 + 2,
                ((13 + 100) * 1000 + (35 + 100)) * 100 + 1):  # Siberia, central Australia, Chukotka across 180°
        slab = key * C._SLAB_NODES + np.arange(C._SLAB_NODES, dtype=np.int64)
        lat, lon, z = C._node_positions(slab)
        ref = clim._fields_exact(lat, lon, z)  # the slab evaluated together, its far field fixed by its extent
        ref[:, C._P_INDEX] = np.log(ref[:, C._P_INDEX] + C.PRECIPITATION_OFFSET)
        np.testing.assert_allclose(clim._compute_nodes(slab), ref.reshape(slab.size, -1), rtol=1e-12, atol=1e-12)
