"""`--climate` and `--dem` on every command that reads the climate or the terrain, with small files the tests write
(tests/cli/climate_files.py): a WorldClim-2.1-like set of GeoTIFFs and a station table."""

from __future__ import annotations

import csv
import functools
import http.server
import json
import threading
import zipfile

import numpy as np
import pytest
from cli_process import longwalk  # noqa: F401  (a fixture)
from climate_files import CELL_ELEVATION, LAPSE, SCENARIO, precipitation, tavg, write_stations, write_worldclim

# rasterio 1.4 itself multiplies Affine objects with `*` when building transforms
pytestmark = pytest.mark.filterwarnings("ignore::PendingDeprecationWarning:rasterio")



@pytest.fixture(scope="module")
def worldclim(tmp_path_factory):
    return write_worldclim(tmp_path_factory.mktemp("wc") / "wc")


def test_atlas_point_shows_the_worldclim_month(longwalk, worldclim):
    out = longwalk("atlas", "point", 45.0, 103.0, "--month", 7, "--climate", worldclim, "--json", "--places", 0)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    climate = data["climate"]
    # the set's July at 1000 m, moved to the atlas elevation at -6.5 °C km-1 (climate_files docstring)
    expected = tavg(7) + LAPSE * (data["elevation_m"] - CELL_ELEVATION)
    assert climate["air_temperature_mean"] == pytest.approx(expected, abs=0.01)
    assert climate["air_temperature_max"] == pytest.approx(expected + 6.0, abs=0.01)
    assert climate["precipitation"] == pytest.approx(precipitation(7), abs=0.01)
    assert "WorldClim" in climate["source"]


def test_atlas_point_shows_the_station_table(longwalk, tmp_path):
    table = write_stations(tmp_path / "stations.csv", july=18.0)
    out = longwalk("atlas", "point", 45.0, 103.0, "--month", 7, "--climate", table, "--json", "--places", 0)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    # every station has July 18 °C at 1000 m less 6.5 °C km-1: the interpolation stays near that line
    expected = 18.0 + LAPSE * (data["elevation_m"] - 1000.0)
    assert data["climate"]["air_temperature_mean"] == pytest.approx(expected, abs=2.0)
    assert "station table" in data["climate"]["source"]


def test_climate_without_month_and_sources_that_do_not_exist(longwalk, tmp_path, monkeypatch):
    out = longwalk("atlas", "point", 45.0, 103.0, "--climate", "builtin")
    assert out.returncode == 2 and "--month" in out.stderr
    out = longwalk("atlas", "weather", 45.0, 103.0, "--start", "2021-07-01", "--elevation", 1000,
                   "--climate", tmp_path / "nowhere.csv")
    assert out.returncode == 2 and "nowhere.csv" in out.stderr and "Traceback" not in out.stderr
    monkeypatch.setenv("LONGWALK_CACHE", str(tmp_path / "cache"))
    out = longwalk("atlas", "weather", 45.0, 103.0, "--start", "2021-07-01", "--elevation", 1000,
                   "--climate", "worldclim")
    assert out.returncode == 2 and "longwalk data fetch worldclim" in out.stderr


def _weather_csv(out) -> list[dict]:
    assert out.returncode == 0, out.stderr
    return list(csv.DictReader(out.stdout.splitlines()))


def test_atlas_weather_follows_the_worldclim_normals(longwalk, worldclim):
    rows = _weather_csv(longwalk("atlas", "weather", 45.0, 103.0, "--start", "2021-07-01", "--days", 62,
                                 "--seed", 3, "--climate", worldclim, "--elevation", CELL_ELEVATION, "--csv"))
    mean = np.mean([float(r["air_temperature_mean"]) for r in rows])
    # July and August of the set at its own elevation: (20.0 + 18.0) / 2 °C; daily weather scatters round it
    assert mean == pytest.approx((tavg(7) + tavg(8)) / 2, abs=3.0)


def test_negative_coordinates_in_atlas_point_weather_and_route(longwalk, tmp_path):
    south = write_worldclim(tmp_path / "south", box=(-36.0, -30.0, 16.0, 22.0))
    out = longwalk("atlas", "point", -33.5, 19.5, "--month", 1, "--climate", south, "--json", "--places", 0)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert (data["lat"], data["lon"]) == (-33.5, 19.5)
    assert data["climate"]["precipitation"] == pytest.approx(precipitation(1), abs=0.01)
    rows = _weather_csv(longwalk("atlas", "weather", -33.5, 19.5, "--start", "2021-01-01", "--days", 3,
                                 "--climate", south, "--elevation", 300, "--csv"))
    assert [r["date"] for r in rows] == ["2021-01-01", "2021-01-02", "2021-01-03"]
    # the negative --from is read as LAT,LON: the error is about --to, then about --from's latitude
    out = longwalk("route", "--from", "-33.9,18.4", "--to", "-33.9")
    assert out.returncode == 2 and "--to" in out.stderr and "No such option" not in out.stderr
    out = longwalk("route", "--from", "-95,18.4", "--to", "-33.9,18.9")
    assert out.returncode == 2 and "--from" in out.stderr and "-90..90" in out.stderr


def _zip_worldclim(folder, archives):
    """One zip per variable, as the WorldClim server has them."""
    archives.mkdir()
    for var in ("tavg", "tmin", "tmax", "prec", "wind", "vapr", "elev"):
        with zipfile.ZipFile(archives / f"wc2.1_10m_{var}.zip", "w") as zf:
            for tif in sorted(folder.glob(f"wc2.1_10m_{var}*.tif")):
                zf.write(tif, tif.name)


def test_data_fetch_worldclim_is_what_climate_worldclim_uses(longwalk, worldclim, tmp_path, monkeypatch):
    _zip_worldclim(worldclim, tmp_path / "server")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path / "server"))
    handler.log_message = lambda *args: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    monkeypatch.setenv("LONGWALK_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("LONGWALK_WORLDCLIM_URL", f"http://127.0.0.1:{httpd.server_address[1]}")
    args = ("atlas", "weather", 45.0, 103.0, "--start", "2021-07-01", "--days", 2, "--elevation", 1000, "--csv")
    try:
        assert longwalk(*args, "--climate", "worldclim").returncode == 2  # not fetched yet
        fetched = longwalk("data", "fetch", "worldclim", "--res", "10m")
        assert fetched.returncode == 0, fetched.stderr
        assert "--climate worldclim:10m" in fetched.stderr
        direct = _weather_csv(longwalk(*args, "--climate", worldclim))
        assert _weather_csv(longwalk(*args, "--climate", "worldclim")) == direct
        assert _weather_csv(longwalk(*args, "--climate", "worldclim:10m")) == direct
        out = longwalk(*args, "--climate", "worldclim:5m")
        assert out.returncode == 2 and "--res 5m" in out.stderr
    finally:
        httpd.shutdown()
        httpd.server_close()


def _mean_temperature(out_dir) -> float:
    with open(out_dir / "days.csv") as f:
        rows = list(csv.DictReader(f))
    return float(np.mean([(float(r["air_temperature_min_c"]) + float(r["air_temperature_max_c"])) / 2
                          for r in rows]))


@pytest.mark.slow
def test_run_and_odds_use_the_scenario_climate_and_the_option_overrides_it(longwalk, tmp_path):
    write_worldclim(tmp_path / "cold", offset=-20.0)  # July -5 °C at 1000 m
    hot = write_worldclim(tmp_path / "hot", offset=5.0)  # July 20 °C
    scenario = tmp_path / "tiny.toml"
    # a relative path in the scenario is read from the scenario's folder, not from the working directory
    scenario.write_text(SCENARIO.format(climate='\n[climate]\nsource = "cold"\n'))
    cold_run = longwalk("run", scenario, "--out", tmp_path / "cold-run")
    assert cold_run.returncode == 0, cold_run.stderr
    hot_run = longwalk("run", scenario, "--climate", hot, "--out", tmp_path / "hot-run")
    assert hot_run.returncode == 0, hot_run.stderr
    # the two sets differ by 25 °C on every day; the seeded daily weather scatters a few degrees round each
    difference = _mean_temperature(tmp_path / "hot-run") - _mean_temperature(tmp_path / "cold-run")
    assert difference == pytest.approx(25.0, abs=7.0)
    table = write_stations(tmp_path / "stations.csv", july=5.0)  # July 5 °C at 1000 m
    station_run = longwalk("run", scenario, "--climate", table, "--out", tmp_path / "station-run")
    assert station_run.returncode == 0, station_run.stderr
    # the station table is 15 °C colder than the hot set in July (both at 1000 m, the same lapse rate)
    colder = _mean_temperature(tmp_path / "hot-run") - _mean_temperature(tmp_path / "station-run")
    assert colder == pytest.approx(15.0, abs=7.0)
    odds = longwalk("odds", scenario, "--runs", 4, "--climate", table, "--json")
    assert odds.returncode == 0, odds.stderr
    assert [p["name"] for p in json.loads(odds.stdout)["people"]] == ["A", "B"]


def test_scenario_climate_source_that_is_not_there_exits_2(longwalk, tmp_path):
    scenario = tmp_path / "tiny.toml"
    scenario.write_text(SCENARIO.format(climate='\n[climate]\nsource = "missing.csv"\n'))
    out = longwalk("run", scenario, "--out", tmp_path / "run")
    assert out.returncode == 2 and str(tmp_path / "missing.csv") in out.stderr
    assert not (tmp_path / "run").exists()
    out = longwalk("odds", scenario, "--runs", 2, "--climate", "worldclim:1km")
    assert out.returncode == 2 and "--climate: 'worldclim:1km' names no WorldClim resolution" in out.stderr


def test_route_reads_lake_ice_from_the_climate(longwalk, tmp_path):
    # across southern Lake Baikal in mid-March: frozen in a set whose coldest month is -30 °C, open water all year
    # in one whose coldest month is +10 °C, where the route must go round the lake
    box = (48.0, 57.0, 100.0, 112.0)
    cold = write_worldclim(tmp_path / "cold", box=box, offset=-15.0)
    warm = write_worldclim(tmp_path / "warm", box=box, offset=25.0)
    args = ("route", "--from", "51.86,104.87", "--to", "52.05,106.0", "--date", "2021-03-15", "--json")
    on_ice, around = (longwalk(*args, "--climate", c) for c in (cold, warm))
    assert on_ice.returncode == 0 and around.returncode == 0, on_ice.stderr + around.stderr
    on_ice, around = json.loads(on_ice.stdout), json.loads(around.stdout)
    assert any(c["kind"] == "lake" and c["frozen"] for c in on_ice["crossings"])
    assert not any(c["kind"] == "lake" for c in around["crossings"])
    assert around["distance_km"] > 2 * on_ice["distance_km"]
    out = longwalk("route", "--from", "51.86,104.87", "--to", "52.05,106.0", "--climate", cold)
    assert out.returncode == 2 and "--date" in out.stderr
