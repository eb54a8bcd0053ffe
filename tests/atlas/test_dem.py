"""User DEMs: made-up GeoTIFF (projected) and NetCDF rasters of known planes, reprojected onto the atlas grid."""

import warnings

import numpy as np
import pytest
import rasterio
import xarray as xr
from pyproj import Transformer
from rasterio.transform import Affine

from longwalk.atlas import Grid, load_atlas
from longwalk.atlas.dem import dem_resolution, read_dem_on_grid
from longwalk.atlas.layers import builtin_elevation
from longwalk.errors import DataError

UTM47 = "EPSG:32647"  # WGS84 / UTM zone 47N, central meridian 99°E
X0, Y0, PIXEL = 400_000.0, 5_660_000.0, 500.0  # upper-left corner and pixel size [m]
NX, NY = 320, 240


def plane_utm(x, y):
    """The made-up terrain: a tilted plane in UTM metres [m]."""
    return 1000.0 + 0.01 * (x - X0) + 0.02 * (Y0 - y)


@pytest.fixture
def utm_tif(tmp_path):
    path = tmp_path / "plane_utm.tif"
    cols, rows = np.meshgrid(np.arange(NX), np.arange(NY))
    z = plane_utm(X0 + (cols + 0.5) * PIXEL, Y0 - (rows + 0.5) * PIXEL).astype(np.float32)
    with rasterio.open(
        path, "w", driver="GTiff", width=NX, height=NY, count=1, dtype="float32", crs=UTM47,
        transform=Affine(PIXEL, 0.0, X0, 0.0, -PIXEL, Y0), nodata=-9999.0,
    ) as dst:
        dst.write(z, 1)
    return path


def expected_on_grid(grid):
    to_utm = Transformer.from_crs("EPSG:4326", UTM47, always_xy=True)
    lon, lat = np.meshgrid(grid.lon, grid.lat)
    x, y = to_utm.transform(lon, lat)
    inside = (x > X0 + PIXEL) & (x < X0 + (NX - 1) * PIXEL) & (y < Y0 - PIXEL) & (y > Y0 - (NY - 1) * PIXEL)
    return plane_utm(x, y), inside


def test_geotiff_utm_reprojected_bilinear(utm_tif):
    grid = Grid(49.3, 50.8, 97.8, 100.8, 1 / 240)  # ~460 m × 290 m cells: finer than the 500 m pixels
    got = read_dem_on_grid(utm_tif, grid)
    expected, inside = expected_on_grid(grid)
    assert inside.sum() > 0.3 * inside.size
    # Bilinear interpolation reproduces a plane exactly (up to float32 and GDAL's approximate transformer).
    assert got[inside] == pytest.approx(expected[inside], abs=1.0)
    # Outside the raster footprint the DEM has no data.
    assert np.isnan(got[0, 0]) or not inside[0, 0]
    assert np.isnan(got).any()


def test_geotiff_utm_reprojected_average(utm_tif):
    grid = Grid(49.3, 50.8, 97.8, 100.8, 1 / 60)  # ~1.2 km × 1.85 km cells: averaged over the pixels
    got = read_dem_on_grid(utm_tif, grid)
    expected, inside = expected_on_grid(grid)
    # The mean of a plane over a cell is the plane at the cell's centroid; pixel edges make a few metres' error.
    assert got[inside] == pytest.approx(expected[inside], abs=15.0)


def test_load_atlas_with_dem_replaces_only_covered_cells(utm_tif, tmp_path, monkeypatch):
    # A private atlas cache (the places table keeps using the normal cache: it is slow to rebuild).
    monkeypatch.setattr("longwalk.atlas.build.atlas_cache_dir", lambda: tmp_path)
    region = (49.0, 51.5, 97.0, 101.0)
    atlas = load_atlas(region, dem=utm_tif)
    expected, inside = expected_on_grid(atlas.grid)
    assert atlas.elevation[inside] == pytest.approx(expected[inside], abs=15.0)
    builtin = builtin_elevation(atlas.grid)
    covered = np.isfinite(read_dem_on_grid(utm_tif, atlas.grid))
    assert np.array_equal(atlas.elevation[~covered], builtin[~covered])
    assert str(utm_tif) in atlas.sources["elevation"]
    # Cached: the same arrays come back, and a changed file would change the key.
    again = load_atlas(region, dem=utm_tif)
    assert np.array_equal(again.elevation, atlas.elevation)
    assert len(list(tmp_path.glob("atlas-*.npz"))) == 1


def test_dem_own_resolution(utm_tif):
    res = dem_resolution(utm_tif)
    # 500 m is 500 / 111 250 ≈ 0.0045° of latitude near 50°N.
    assert res == pytest.approx(500 / 111_250, rel=0.1)
    atlas = load_atlas((49.5, 50.5, 98.5, 99.5), resolution=None, dem=utm_tif, cache=False)
    assert atlas.grid.resolution == pytest.approx(res)


def write_netcdf(path, lat, lon, name="height", lat_name="latitude", lon_name="longitude", extra=None):
    z = 100.0 * lat[:, None] + 10.0 * lon[None, :]
    data = {name: ((lat_name, lon_name), z)}
    if extra:
        data[extra] = ((lat_name, lon_name), -z)
    xr.Dataset(data, coords={lat_name: lat, lon_name: lon}).to_netcdf(path)
    return path


@pytest.mark.parametrize("descending", [False, True])
def test_netcdf_plane(tmp_path, descending):
    lat = np.arange(49.0, 52.0001, 0.05)
    lon = np.arange(97.0, 101.0001, 0.05)
    if descending:
        lat = lat[::-1]
    path = write_netcdf(tmp_path / "plane.nc", lat, lon)
    grid = Grid(49.5, 51.5, 97.5, 100.5, 1 / 12)
    got = read_dem_on_grid(path, grid)
    lon2, lat2 = np.meshgrid(grid.lon, grid.lat)
    # GDAL's bilinear kernel widens when downsampling by a non-integer ratio (0.05° → 1/12°); on this plane
    # (100 m per degree) that shifts values by < 0.2 m, i.e. < 0.002°. Same-resolution sampling is exact.
    assert got == pytest.approx(100.0 * lat2 + 10.0 * lon2, abs=0.3)
    same = Grid(49.5, 51.5, 97.5, 100.5, 0.05)
    lon3, lat3 = np.meshgrid(same.lon, same.lat)
    assert read_dem_on_grid(path, same) == pytest.approx(100.0 * lat3 + 10.0 * lon3, abs=1e-3)


def test_netcdf_variable_names(tmp_path):
    lat = np.arange(49.0, 50.0001, 0.1)
    lon = np.arange(97.0, 98.0001, 0.1)
    path = write_netcdf(tmp_path / "z.nc", lat, lon, name="z", lat_name="lat", lon_name="lon", extra="slope")
    got = read_dem_on_grid(path, Grid(49.2, 49.8, 97.2, 97.8, 0.1))
    assert np.nanmean(got) == pytest.approx(100 * 49.5 + 10 * 97.5, abs=0.5)


def test_corrupt_geotiff(tmp_path):
    bad = tmp_path / "broken.tif"
    bad.write_bytes(b"II*\x00" + np.random.default_rng(0).bytes(2000))
    with pytest.raises(DataError, match="broken.tif"):
        read_dem_on_grid(bad, Grid(49, 50, 97, 98))


def test_geotiff_without_crs(tmp_path):
    path = tmp_path / "nocrs.tif"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with rasterio.open(path, "w", driver="GTiff", width=4, height=4, count=1, dtype="float32") as dst:
            dst.write(np.ones((4, 4), np.float32), 1)
    with pytest.raises(DataError, match=r"nocrs.tif.*coordinate reference system"):
        read_dem_on_grid(path, Grid(49, 50, 97, 98))
    with pytest.raises(DataError, match="nocrs.tif"):
        load_atlas((49, 50, 97, 98), dem=path, cache=False)


def test_netcdf_without_coordinates(tmp_path):
    path = tmp_path / "nocoords.nc"
    xr.Dataset({"elevation": (("a", "b"), np.ones((3, 3)))}).to_netcdf(path)
    with pytest.raises(DataError, match=r"nocoords.nc.*latitude/longitude"):
        read_dem_on_grid(path, Grid(49, 50, 97, 98))


def test_netcdf_ambiguous_variables(tmp_path):
    lat = np.arange(49.0, 50.0001, 0.1)
    lon = np.arange(97.0, 98.0001, 0.1)
    path = write_netcdf(tmp_path / "two.nc", lat, lon, name="foo", extra="bar")
    with pytest.raises(DataError, match=r"two.nc.*cannot tell which variable"):
        read_dem_on_grid(path, Grid(49, 50, 97, 98))


def test_corrupt_netcdf_and_missing_file(tmp_path):
    bad = tmp_path / "bad.nc"
    bad.write_bytes(b"CDF\x01garbage")
    with pytest.raises(DataError, match="bad.nc"):
        read_dem_on_grid(bad, Grid(49, 50, 97, 98))
    with pytest.raises(DataError, match="does not exist"):
        read_dem_on_grid(tmp_path / "nothere.tif", Grid(49, 50, 97, 98))
