"""`longwalk atlas point --month` and the user station-table climatology through files."""

from __future__ import annotations

import json

import numpy as np
import pytest
from typer.testing import CliRunner

from longwalk.atlas.climate import builtin_climate, climate_point_data, station_climate
from longwalk.errors import DataError, InputError


def test_climate_point_data_reports_units_and_estimates():
    data = climate_point_data(47.92, 106.85, 1300.0, 1)
    assert data["month"] == 1 and data["units"]["precipitation"] == "mm month-1"
    assert data["estimated"] == ["wind_speed"] and data["valid"]
    assert data["air_temperature_mean"] == pytest.approx(
        float(builtin_climate().normals(47.92, 106.85, 1300.0, 1).air_temperature_mean), abs=0.01)
    assert 0.0 < data["wet_day_fraction"] < 1.0 and data["units"]["wet_day_fraction"] == "-"


@pytest.mark.parametrize(("lat", "lon", "where"), [(-90.0, 0.0, "ice sheet"), (90.0, 0.0, "ocean"),
                                                   (45.0, -30.0, "ocean"), (72.6, -38.5, "ice sheet"),
                                                   (-77.0, 105.0, "ice sheet"), (0.0, -170.0, "ocean")])
def test_ocean_ice_sheet_and_poles_give_a_reason_not_numbers(lat, lon, where):
    data = climate_point_data(lat, lon, 0.0, 6)
    assert data["valid"] is False and data["reason"].startswith(where)
    assert "air_temperature_mean" not in data


def test_cli_atlas_point_at_the_south_pole_prints_no_impossible_value():
    from longwalk.cli.main import app

    result = CliRunner().invoke(app, ["atlas", "point", "--month", "6", "--json", "--places", "0", "--", "-90", "0"])
    assert result.exit_code == 0, result.output
    clim = json.loads(result.output)["climate"]
    assert clim["valid"] is False and "ice sheet" in clim["reason"]


def test_cli_atlas_weather_at_sea_exits_2():
    from longwalk.cli.main import app

    result = CliRunner().invoke(app, ["atlas", "weather", "40.0", "150.0", "--start", "2023-12-16", "--days", "3"])
    # the InputError reaches longwalk.cli.main.main, which prints it and exits with its exit_code, 2
    assert result.exit_code != 0 and isinstance(result.exception, InputError)
    assert result.exception.exit_code == 2 and "ocean" in str(result.exception)


def test_cli_atlas_point_month_json():
    from longwalk.cli.main import app

    result = CliRunner().invoke(app, ["atlas", "point", "47.92", "106.85", "--month", "7", "--json", "--places", "0"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    clim = data["climate"]
    assert clim["month"] == 7 and clim["elevation_m"] == data["elevation_m"]
    # Ulaanbaatar, July: WMO 1991-2020 normal 19.0 °C at 1303 m; the atlas cell's elevation differs a little
    assert clim["air_temperature_mean"] == pytest.approx(19.0, abs=3.0)


def test_user_station_table_file(tmp_path):
    # five stations on a plane field: T = 10 - 6.5 °C/km * z in every month, 30 mm of precipitation
    header = "name,lat,lon,elev_m," + ",".join(f"t{m:02d}" for m in range(1, 13)) + "," + \
        ",".join(f"p{m:02d}" for m in range(1, 13))
    rows = []
    for i, (lat, lon, z) in enumerate([(50, 100, 0), (51, 102, 1000), (49, 103, 2000), (52, 99, 500),
                                       (50.5, 101, 1500), (48, 98, -876.5)]):
        t = 10 - 6.5e-3 * z
        rows.append(f"S{i},{lat},{lon},{z}," + ",".join([f"{t:.4f}"] * 12) + "," + ",".join(["30"] * 12))
    path = tmp_path / "mine.csv"
    path.write_text("\n".join([header, *rows]) + "\n")
    clim, report = station_climate(path)
    assert [p.name for p in report.skipped] == ["S5"]
    m = clim.normals(50.2, 101.5, 800.0, 4)
    assert float(m.air_temperature_mean) == pytest.approx(10 - 6.5 * 0.8, abs=1e-6)
    assert float(m.precipitation) == pytest.approx(30.0, rel=1e-9)
    assert np.isfinite(m.relative_humidity)
    path.write_text("\n".join([header, *rows[:2]]) + "\n")
    with pytest.raises(DataError, match="at least 3 valid stations"):
        station_climate(path)


def test_open_climatology_dispatches_on_the_source(tmp_path):
    from longwalk.atlas.climate import open_climatology

    assert open_climatology() is builtin_climate()
    with pytest.raises(DataError, match="does not exist"):
        open_climatology(tmp_path / "nowhere.csv")
    (tmp_path / "x.txt").write_text("hello")
    with pytest.raises(DataError, match="WorldClim 2.1 directory or a station table"):
        open_climatology(tmp_path / "x.txt")
    with pytest.raises(DataError, match="no WorldClim 2.1 files"):
        open_climatology(tmp_path)


def test_station_table_with_one_elevation_still_fits(tmp_path):
    # four stations at 500 m: the lapse-rate term cannot be estimated and is left out, not a crash
    header = "name,lat,lon,elev_m," + ",".join(f"t{m:02d}" for m in range(1, 13)) + "," + \
        ",".join(f"p{m:02d}" for m in range(1, 13))
    rows = [f"S{i},{50 + i},{100 + 2 * i},500," + ",".join([f"{5.0 + i}"] * 12) + "," + ",".join(["20"] * 12)
            for i in range(4)]
    path = tmp_path / "flat.csv"
    path.write_text("\n".join([header, *rows]) + "\n")
    clim, _ = station_climate(path)
    t = clim.monthly(np.array([50.0, 53.0]), np.array([100.0, 106.0]), 500.0).air_temperature_mean
    # kriging with a 3 % nugget passes close to the stations' own values
    np.testing.assert_allclose(t[:, 0], [5.0, 8.0], atol=0.3)
