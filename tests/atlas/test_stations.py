"""Station table reader: bad rows are reported and skipped, never a crash."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from longwalk.atlas.stations import read_stations
from longwalk.errors import DataError

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "climate"
HEADER = "name,country,lat,lon,elev_m," + ",".join(f"t{m:02d}" for m in range(1, 13)) + "," + \
    ",".join(f"p{m:02d}" for m in range(1, 13))
TEMPS = ",".join(str(t) for t in range(-10, 2))
PRECS = ",".join(["10"] * 12)


def write(tmp_path, lines, header=HEADER):
    path = tmp_path / "stations.csv"
    path.write_text("\n".join([header, *lines]) + "\n")
    return path


def test_valid_rows_are_read_with_units_as_given(tmp_path):
    path = write(tmp_path, [f"A,X,50.5,100.25,1200,{TEMPS},{PRECS}"])
    table, report = read_stations(path)
    assert len(table) == 1 and report.rows_kept == 1 and not report.problems
    assert table.lat[0] == 50.5 and table.lon[0] == 100.25 and table.elevation[0] == 1200
    np.testing.assert_array_equal(table.air_temperature_mean[0], np.arange(-10, 2))
    assert table.precipitation[0].sum() == 120
    assert np.isnan(table.air_temperature_max).all()


def test_bad_rows_are_skipped_and_listed_with_their_reason(tmp_path):
    months_missing = TEMPS.replace("-5", "")
    path = write(tmp_path, [
        f"Good,X,50,100,100,{TEMPS},{PRECS}",
        f"Deep,X,22.35,91.8,-876.5,{TEMPS},{PRECS}",  # the real fault of WMO 41977 in the shared table
        f"NoMonth,X,50,100,100,{months_missing},{PRECS}",
        f"Text,X,fifty,100,100,{TEMPS},{PRECS}",
        f"Hot,X,50,100,100,{TEMPS.replace('-10', '75')},{PRECS}",
        f"DryData,X,50,100,100,{TEMPS}," + ",".join([""] * 12),
        f"Pole,X,95,100,100,{TEMPS},{PRECS}",
    ])
    table, report = read_stations(path)
    assert list(table.name) == ["Good", "DryData"]
    reasons = {p.name: (p.line, p.skipped, p.problem) for p in report.problems}
    assert reasons["Deep"][:2] == (3, True) and "-876.5" in reasons["Deep"][2]
    assert "t06" in reasons["NoMonth"][2]
    assert reasons["Text"][1] and reasons["Hot"][1] and reasons["Pole"][1]
    assert reasons["DryData"][1] is False  # precipitation missing: keep the station, drop the field
    assert np.isnan(table.precipitation[1]).all()
    assert report.rows_read == 7 and report.rows_kept == 2
    assert "Deep" in str(report)


def test_missing_required_column_names_it(tmp_path):
    path = write(tmp_path, ["A,X,50,100,1,2,3"], header="name,country,lat,lon,t01,t02,t03")
    with pytest.raises(DataError, match=r"elev_m.*t04"):
        read_stations(path)


def test_unreadable_or_empty_file(tmp_path):
    with pytest.raises(DataError, match="cannot read"):
        read_stations(tmp_path / "nope.csv")
    with pytest.raises(DataError, match="no valid station"):
        read_stations(write(tmp_path, [f"Deep,X,22.35,91.8,-876.5,{TEMPS},{PRECS}"]))


def test_tmax_tmin_columns(tmp_path):
    header = HEADER + ",tmax01_12,tmin01_12"
    tmax = " ".join(str(t + 5) for t in range(-10, 2))
    tmin = " ".join(str(t - 5) for t in range(-10, 2))
    path = write(tmp_path, [f"A,X,50,100,100,{TEMPS},{PRECS},{tmax},{tmin}",
                            f"B,X,50,100,100,{TEMPS},{PRECS},1 2 3,{tmin}"], header=header)
    table, report = read_stations(path)
    assert len(table) == 2
    np.testing.assert_array_equal(table.air_temperature_max[0] - table.air_temperature_min[0], 10.0)
    assert np.isnan(table.air_temperature_max[1]).all()
    assert [p.name for p in report.problems] == ["B"]


@pytest.mark.skipif(not SHARED.is_dir(), reason="shared station data ../shared/data/climate absent")
def test_shared_table_faults_match_its_readme():
    # README: one station at -876.5 m (WMO 41977), 29 rows without precipitation, 677 stations.
    table, report = read_stations(SHARED / "wmo_normals_1991_2020_asia.csv")
    assert report.rows_read == 677
    assert [(p.line, p.problem) for p in report.skipped] == [(2, "elev_m=-876.5 m is impossible (valid -450..9000 m)")]
    assert sum("precipitation" in p.problem for p in report.problems) == 29
    assert len(table) == 676


def test_spreadsheet_bom_is_accepted_and_non_utf8_is_an_error(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes(("\ufeff" + HEADER + "\n" + f"A,X,50,100,100,{TEMPS},{PRECS}\n").encode("utf-8"))
    table, _ = read_stations(path)
    assert list(table.name) == ["A"]
    path.write_bytes((HEADER + "\n" + f"Ürümqi,X,50,100,100,{TEMPS},{PRECS}\n").encode("latin-1"))
    with pytest.raises(DataError, match="not UTF-8"):
        read_stations(path)


WORLD_HEADER = "wmo_id,name,country,lat,lon,elev_m," + ",".join(
    f"{v}{m:02d}" for v in ("t", "tx", "tn", "p", "wd", "vp") for m in range(1, 13))


def _world_row(name, lat, lon, elev, t=None, tx=None, tn=None, p=None, wd=None, vp=None):
    cells = [name, name, "X", str(lat), str(lon), str(elev)]
    for values in (t, tx, tn, p, wd, vp):
        cells += [""] * 12 if values is None else [f"{v:g}" for v in values]
    return ",".join(cells)


def test_world_format_reads_every_element_and_reports_its_faults(tmp_path):
    t = np.linspace(-5, 20, 12)
    good = _world_row("Good", -33.9, 18.6, 40, t, t + 5, t - 4, np.full(12, 50.0), np.full(12, 8.0), np.full(12, 9.0))
    sentinel = _world_row("Sentinel", 10, 10, 100, t, p=np.r_[np.full(11, 5.0), -99.9])  # a -99.9 "missing" value
    p_only = _world_row("OnlyRain", 5, -75, 2600, p=np.full(12, 80.0), wd=np.full(12, 32.0))  # 32 wet days
    swapped = _world_row("Swapped", 45, 9, 100, t, t - 4, t + 5)  # max below min
    nowhere = _world_row("NoElev", 45, 9, -9999, t)
    path = write(tmp_path, [good, sentinel, p_only, swapped, nowhere], header=WORLD_HEADER)
    table, report = read_stations(path)
    assert list(table.name) == ["Good", "Sentinel", "Swapped"]  # OnlyRain lacks t01..t12
    np.testing.assert_allclose(table.air_temperature_max[0] - table.air_temperature_min[0], 9.0, atol=1e-3)
    assert table.wet_days[0, 0] == 8.0 and table.vapour_pressure[0, 0] == 9.0
    assert np.isnan(table.precipitation[1]).all() and np.isnan(table.air_temperature_max[2]).all()
    problems = {p.name: p for p in report.problems}
    assert "-99.9" in problems["Sentinel"].problem and not problems["Sentinel"].skipped
    assert "max is below the min" in problems["Swapped"].problem
    assert problems["NoElev"].skipped and "-9999" in problems["NoElev"].problem
    # the fitting tool keeps stations without mean temperatures; a field out of range is dropped, not the row
    table, report = read_stations(path, require_temperature=False)
    assert "OnlyRain" in list(table.name)
    i = list(table.name).index("OnlyRain")
    assert np.isnan(table.air_temperature_mean[i]).all() and table.precipitation[i, 0] == 80.0
    assert np.isnan(table.wet_days[i]).all() and "wet days" in str(report)  # 32 days in a month is impossible
