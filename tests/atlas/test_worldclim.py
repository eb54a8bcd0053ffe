"""WorldClim 2.1 directory reader, on tiny GeoTIFFs written here."""

from __future__ import annotations

import numpy as np
import pytest
import rasterio
from rasterio.transform import from_origin

from longwalk.atlas.climate import saturation_vapour_pressure
from longwalk.atlas.worldclim import VARIABLES, WorldClimClimatology, find_worldclim_files
from longwalk.errors import DataError

# rasterio 1.4 itself multiplies Affine objects with `*` when building transforms
pytestmark = pytest.mark.filterwarnings("ignore::PendingDeprecationWarning:rasterio")

NODATA = -3.4e38  # what WorldClim uses at sea


def value(var, month, row, col):
    """The value written to a cell, chosen so that each (var, month, cell) is distinct and easy to check."""
    base = {"tavg": 0.0, "tmin": -5.0, "tmax": 5.0, "prec": 100.0, "wind": 3.0, "vapr": 0.5}[var]
    scale = 0.01 if var == "vapr" else 1.0
    return base + scale * (month + 0.1 * row + 0.01 * col)


def make_worldclim(directory, res="10m", skip=(), elev=None, shape=(4, 6), cell=1.0):
    """4 x 6 cells of 1 degree (by default), north-west corner at 44 N, 100 E; cell (0, 5) is sea (no data)."""
    directory.mkdir(parents=True, exist_ok=True)
    transform = from_origin(100.0, 44.0, cell, cell)
    rows, cols = np.indices(shape)
    for var in VARIABLES:
        for month in range(1, 13):
            if (var, month) in skip:
                continue
            data = value(var, month, rows, cols).astype(np.float32)
            data[0, 5] = NODATA
            path = directory / f"wc2.1_{res}_{var}_{month:02d}.tif"
            with rasterio.open(path, "w", driver="GTiff", height=shape[0], width=shape[1], count=1,
                               dtype="float32", crs="EPSG:4326", transform=transform, nodata=NODATA) as ds:
                ds.write(data, 1)
    if elev is not None:
        with rasterio.open(directory / f"wc2.1_{res}_elev.tif", "w", driver="GTiff", height=shape[0],
                           width=shape[1], count=1, dtype="float32", crs="EPSG:4326", transform=transform) as ds:
            ds.write(np.full(shape, elev, np.float32), 1)
    return directory


def test_reads_the_cell_containing_each_point(tmp_path):
    clim = WorldClimClimatology(make_worldclim(tmp_path / "wc"))
    # 43.5 N, 100.5 E is row 0, col 0; 41.2 N, 103.9 E is row 2, col 3
    m = clim.normals(np.array([43.5, 41.2]), np.array([100.5, 103.9]), 0.0, 7)
    np.testing.assert_allclose(m.air_temperature_mean, [value("tavg", 7, 0, 0), value("tavg", 7, 2, 3)], atol=1e-5)
    np.testing.assert_allclose(m.precipitation, [value("prec", 7, 0, 0), value("prec", 7, 2, 3)], atol=1e-4)
    np.testing.assert_allclose(m.wind_speed[1], value("wind", 7, 2, 3), atol=1e-5)
    # relative humidity = vapr / mean(e0(tmax), e0(tmin)) (FAO-56 eq. 12, 19), computed by hand here
    tmin, tmax, vapr = value("tmin", 7, 2, 3), value("tmax", 7, 2, 3), value("vapr", 7, 2, 3)
    es = (0.6108 * np.exp(17.27 * tmin / (tmin + 237.3)) + 0.6108 * np.exp(17.27 * tmax / (tmax + 237.3))) / 2
    assert m.relative_humidity[1] == pytest.approx(vapr / es, rel=1e-5)
    assert float(saturation_vapour_pressure(tmax)) > vapr


def test_sea_and_outside_give_nan_and_months_follow_the_calendar(tmp_path):
    clim = WorldClimClimatology(make_worldclim(tmp_path / "wc"))
    m = clim.normals(np.array([43.5, 50.0]), np.array([105.5, 100.5]), 0.0, 1)
    assert np.isnan(m.air_temperature_mean).all()
    year = clim.monthly(42.5, 101.5, 0.0).air_temperature_mean
    np.testing.assert_allclose(year, [value("tavg", mo, 1, 1) for mo in range(1, 13)], atol=1e-5)
    daily = clim.daily_normals(42.5, 101.5, 0.0, np.arange(1, 366))
    assert daily.air_temperature_mean.argmax() in range(334, 366)  # December is the warmest month here


def test_elevation_file_moves_temperatures_by_the_standard_lapse_rate(tmp_path):
    clim = WorldClimClimatology(make_worldclim(tmp_path / "wc", elev=1000.0))
    at_cell = clim.normals(42.5, 101.5, 1000.0, 3)
    higher = clim.normals(42.5, 101.5, 2000.0, 3)
    assert float(at_cell.air_temperature_mean) == pytest.approx(value("tavg", 3, 1, 1), abs=1e-5)
    assert float(at_cell.air_temperature_mean - higher.air_temperature_mean) == pytest.approx(6.5, abs=1e-5)
    assert float(higher.precipitation) == pytest.approx(value("prec", 3, 1, 1), abs=1e-4)


def test_missing_months_are_named(tmp_path):
    make_worldclim(tmp_path / "wc", skip={("prec", 2), ("vapr", 11)})
    with pytest.raises(DataError, match=r"lacks 2 file\(s\): wc2\.1_10m_prec_02\.tif, wc2\.1_10m_vapr_11\.tif"):
        WorldClimClimatology(tmp_path / "wc")


def test_bad_directories(tmp_path):
    with pytest.raises(DataError, match="does not exist"):
        find_worldclim_files(tmp_path / "none")
    (tmp_path / "empty").mkdir()
    with pytest.raises(DataError, match="no WorldClim 2.1 files"):
        find_worldclim_files(tmp_path / "empty")
    make_worldclim(tmp_path / "two", res="10m")
    make_worldclim(tmp_path / "two", res="5m")
    with pytest.raises(DataError, match="several WorldClim resolutions"):
        find_worldclim_files(tmp_path / "two")
    assert find_worldclim_files(tmp_path / "two", "5m")[0] == "5m"


def test_points_in_different_cached_blocks(tmp_path):
    # 300 x 300 cells of 0.01 degree: more than one 128-pixel block each way
    clim = WorldClimClimatology(make_worldclim(tmp_path / "wc", shape=(300, 300), cell=0.01))
    rows, cols = np.array([3, 150, 299, 200]), np.array([7, 140, 1, 290])
    lat, lon = 44.0 - (rows + 0.5) * 0.01, 100.0 + (cols + 0.5) * 0.01
    got = clim.normals(lat, lon, 0.0, 5).air_temperature_mean
    np.testing.assert_allclose(got, value("tavg", 5, rows, cols), atol=1e-4)
    assert len(clim._blocks) == 4


def _fetched(cache, res="10m", manifest=True):
    """A folder laid out as `longwalk data fetch worldclim` leaves it: <cache>/worldclim/<res> with a manifest."""
    folder = make_worldclim(cache / "worldclim" / res, res=res)
    if manifest:
        (folder / "manifest.json").write_text("{}")
    return folder


def test_fetched_worldclim_is_found_in_the_cache(tmp_path, monkeypatch):
    from longwalk.atlas.climate import open_climatology
    from longwalk.atlas.worldclim import fetched_worldclim

    monkeypatch.setenv("LONGWALK_CACHE", str(tmp_path))
    with pytest.raises(DataError, match=r"has not been fetched.*`longwalk data fetch worldclim --res 10m`"):
        fetched_worldclim()
    folder = _fetched(tmp_path, "10m")
    assert fetched_worldclim() == folder == fetched_worldclim("10m")
    clim = open_climatology("worldclim")
    assert float(clim.normals(42.5, 101.5, 0.0, 7).air_temperature_mean) == pytest.approx(value("tavg", 7, 1, 1),
                                                                                          abs=1e-5)
    with pytest.raises(DataError, match=r"at 5m has not been fetched.*--res 5m.*fetched: 10m"):
        fetched_worldclim("5m")
    _fetched(tmp_path, "5m")
    with pytest.raises(DataError, match=r"several WorldClim resolutions.*worldclim:10m"):
        open_climatology("worldclim")
    assert "5m" in open_climatology("worldclim:5m").description
    with pytest.raises(DataError, match="not one of 10m, 5m, 2.5m, 30s"):
        fetched_worldclim("1km")


def test_an_unfinished_fetch_says_to_run_it_again(tmp_path, monkeypatch):
    from longwalk.atlas.worldclim import fetched_worldclim

    monkeypatch.setenv("LONGWALK_CACHE", str(tmp_path))
    folder = _fetched(tmp_path, "2.5m")
    (folder / "wc2.1_2.5m_vapr_12.tif").unlink()
    with pytest.raises(DataError, match=r"lacks 1 file.*run `longwalk data fetch worldclim --res 2.5m` again"):
        fetched_worldclim()


def test_data_fetch_writes_where_climate_worldclim_reads(tmp_path, monkeypatch):
    from longwalk.atlas import download
    from longwalk.paths import worldclim_location

    monkeypatch.setenv("LONGWALK_CACHE", str(tmp_path))
    monkeypatch.setattr(download, "worldclim_archives", lambda res: [])  # nothing to download: just the folder
    assert download.fetch_worldclim("5m") == worldclim_location("5m") == tmp_path / "worldclim" / "5m"


def test_the_climate_package_and_worldclim_do_not_import_each_other():
    """Issue 11: atlas/climate.py and atlas/worldclim.py imported each other.  Now worldclim builds on
    climate.normals alone, and no climate module imports worldclim at module level (climate.sources opens it when
    asked): the module-level import graph of the package and worldclim has no cycle."""
    import ast
    from pathlib import Path

    import longwalk.atlas.climate as package

    root = Path(package.__file__).parent
    files = {f"longwalk.atlas.climate.{p.stem}": p for p in root.glob("*.py") if p.stem != "__init__"}
    files["longwalk.atlas.worldclim"] = root.parent / "worldclim.py"
    graph = {}
    for name, path in files.items():
        imported = set()
        for node in ast.parse(path.read_text()).body:  # module level only
            if isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module)
            elif isinstance(node, ast.Import):
                imported.update(a.name for a in node.names)
        graph[name] = {m for m in imported if m in files}
    assert graph["longwalk.atlas.worldclim"] == {"longwalk.atlas.climate.normals"}
    done = set()

    def visit(node, path):
        assert node not in path, f"import cycle: {' -> '.join([*path, node])}"
        if node in done:
            return
        for nxt in graph[node]:
            visit(nxt, [*path, node])
        done.add(node)

    for name in graph:
        visit(name, [])
