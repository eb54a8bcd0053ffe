"""`longwalk atlas point` and `longwalk atlas map`: the Must-show answers, and exit 2 for bad input."""

import json
import subprocess
import sys
from importlib import resources

import h5py
import pytest
from cli_process import longwalk  # noqa: F401  (a fixture)


@pytest.fixture
def point_json(longwalk):
    def run(lat, lon):
        out = longwalk("atlas", "point", lat, lon, "--json")
        assert out.returncode == 0, out.stderr
        return json.loads(out.stdout)

    return run


def test_baikal_is_lake_end_to_end():
    """The Must-show command exactly as a user types it, in a fresh process."""
    out = subprocess.run(
        [sys.executable, "-m", "longwalk", "atlas", "point", "53.5", "108.0", "--json"],
        capture_output=True, text=True, timeout=300,
    )
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["surface"] == "lake"
    assert data["places"] and data["places"][0]["distance_km"] > 0


def test_pacific_is_ocean(point_json):
    data = point_json(40, 160)
    assert data["surface"] == "ocean"
    assert data["elevation_m"] == 0.0
    assert data["places"]  # nearest places come from the whole world even at sea


def test_lhasa_land_with_the_data_elevation(point_json):
    data = point_json(29.65, 91.13)
    assert data["surface"] == "land"
    with h5py.File(str(resources.files("pvlib").joinpath("data", "Altitude.h5")), "r") as f:
        # Row 0 at 90°N, column 0 at 180°W, 5' cells; 28 m steps from -450 m.
        raw = int(f["Altitude"][int((90 - 29.65) * 12), int((91.13 + 180) * 12)])
    assert data["elevation_m"] == raw * 28 - 450
    assert "Lhasa" in [p["name"] for p in data["places"]]


def test_lena_near_60_5_122(point_json):
    river = point_json(60.5, 122.0)["river"]
    assert river["in_cell"] or river["nearby_class"] > 0
    assert river["nearby_distance_km"] < 20


def test_point_table_output(longwalk):
    out = longwalk("atlas", "point", "53.5", "108.0")
    assert out.returncode == 0, out.stderr
    assert "lake" in out.stdout and "elevation" in out.stdout


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["point", "95", "10"], ["latitude", "95"]),
        (["point", "--", "-91", "10"], ["latitude"]),
        (["point", "10", "200"], ["longitude", "200"]),
        (["map", "--region", "50,60,100", "--out", "x.png"], ["four numbers"]),
        (["map", "--region", "50,50,100,110", "--out", "x.png"], ["zero area"]),
        (["map", "--region", "50,60,170,-170", "--out", "x.png"], ["antimeridian"]),
        (["map", "--region", "a,b,c,d", "--out", "x.png"], ["--region"]),
        (["map", "--region", "50,60,100,110", "--out", "x.jpg"], [".png"]),
    ],
)
def test_bad_input_exit_2(longwalk, args, words, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = longwalk("atlas", *args)
    assert out.returncode == 2, out.stdout + out.stderr
    assert "Traceback" not in out.stderr
    for w in words:
        assert w in out.stderr


def test_map_writes_png(longwalk, tmp_path):
    png = tmp_path / "baikal.png"
    out = longwalk("atlas", "map", "--region", "51,56,103,111", "--out", str(png), "--places", "8")
    assert out.returncode == 0, out.stderr
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 50_000


def test_corrupt_dem_exit_2(longwalk, tmp_path):
    bad = tmp_path / "bad.tif"
    bad.write_bytes(b"II*\x00garbage")
    out = longwalk("atlas", "point", "53.5", "108.0", "--dem", str(bad))
    assert out.returncode == 2
    assert "bad.tif" in out.stderr and "Traceback" not in out.stderr
