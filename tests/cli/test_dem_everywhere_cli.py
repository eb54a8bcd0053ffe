"""`--dem FILE` works the same way on every command that reads the terrain: a flat 3000 m plateau written here
replaces the built-in elevation where it lies, in `atlas point`, `atlas weather`, `route`, `run` and `odds`."""

from __future__ import annotations

import csv
import json

import numpy as np
import pytest
from cli_process import longwalk  # noqa: F401  (a fixture)
from climate_files import CELL_ELEVATION, LAPSE, SCENARIO, tavg, write_worldclim

pytestmark = pytest.mark.filterwarnings("ignore::PendingDeprecationWarning:rasterio")

PLATEAU = 3000.0  # [m]


@pytest.fixture(scope="module")
def plateau(tmp_path_factory):
    """A GeoTIFF at 0.05° holding 3000 m over 42-49 N, 99-107 E."""
    import rasterio
    from rasterio.transform import from_origin

    path = tmp_path_factory.mktemp("dem") / "plateau.tif"
    with rasterio.open(path, "w", driver="GTiff", height=140, width=160, count=1, dtype="float32",
                       crs="EPSG:4326", transform=from_origin(99.0, 49.0, 0.05, 0.05)) as ds:
        ds.write(np.full((140, 160), PLATEAU, np.float32), 1)
    return path


def test_atlas_point_and_weather_stand_on_the_dem(longwalk, plateau, tmp_path):
    out = longwalk("atlas", "point", 45.0, 103.0, "--dem", plateau, "--json", "--places", 0)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["elevation_m"] == pytest.approx(PLATEAU)
    wc = write_worldclim(tmp_path / "wc")
    rows = list(csv.DictReader(longwalk("atlas", "weather", 45.0, 103.0, "--start", "2021-07-01", "--days", 62,
                                        "--seed", 3, "--climate", wc, "--dem", plateau, "--csv").stdout.splitlines()))
    mean = np.mean([float(r["air_temperature_mean"]) for r in rows])
    # the set's July-August normal moved from 1000 m to the plateau's 3000 m: 13 °C colder than at 1000 m
    assert mean == pytest.approx((tavg(7) + tavg(8)) / 2 + LAPSE * (PLATEAU - CELL_ELEVATION), abs=3.0)


def test_route_crosses_the_dem(longwalk, plateau):
    out = longwalk("route", "--from", "45.0,103.0", "--to", "45.25,103.3", "--dem", plateau, "--json")
    assert out.returncode == 0, out.stderr
    s = json.loads(out.stdout)
    assert s["ascent_m"] == pytest.approx(0.0, abs=1.0) and s["descent_m"] == pytest.approx(0.0, abs=1.0)


def test_a_missing_dem_is_named(longwalk, tmp_path):
    for args in (("atlas", "point", 45.0, 103.0), ("atlas", "weather", 45.0, 103.0, "--start", "2021-07-01"),
                 ("route", "--from", "45.0,103.0", "--to", "45.25,103.3"), ("odds", "gobi-crossing-spring")):
        out = longwalk(*args, "--dem", tmp_path / "none.tif")
        assert out.returncode == 2 and "none.tif" in out.stderr and "Traceback" not in out.stderr, args


@pytest.mark.slow
def test_run_and_odds_walk_on_the_dem(longwalk, plateau, tmp_path):
    scenario = tmp_path / "tiny.toml"
    scenario.write_text(SCENARIO.format(climate=""))
    out = longwalk("run", scenario, "--dem", plateau, "--out", tmp_path / "run")
    assert out.returncode == 0, out.stderr
    with open(tmp_path / "run" / "days.csv") as f:
        assert {float(r["elevation_m"]) for r in csv.DictReader(f)} == {PLATEAU}
    # the same through the scenario's [terrain] dem, relative to its folder, and in odds
    (tmp_path / "plateau.tif").write_bytes(plateau.read_bytes())
    scenario.write_text(SCENARIO.format(climate='\n[terrain]\ndem = "plateau.tif"\n'))
    out = longwalk("odds", scenario, "--runs", 2, "--json")
    assert out.returncode == 0, out.stderr
