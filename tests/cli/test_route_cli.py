"""`longwalk route` on the built-in atlas."""

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from longwalk.cli.main import app
from longwalk.errors import InputError

pytest.importorskip("longwalk.atlas", reason="the atlas layer is not built yet")
runner = CliRunner()
LEH, SRINAGAR = "34.16,77.58", "34.08,74.80"


def test_route_json_and_gpx(tmp_path):
    out = tmp_path / "r.gpx"
    res = runner.invoke(app, ["route", "--from", LEH, "--to", SRINAGAR, "--json", "--out", str(out),
                              "--hours-per-day", "6"])
    assert res.exit_code == 0, res.output
    s = json.loads(res.output)
    # the route is longer than the great circle (≈ 257 km) but not absurdly so
    assert 257 < s["distance_km"] < 400
    assert s["walking_days"] == pytest.approx(s["walking_hours"] / 6)
    assert s["ascent_m"] > 0 and s["descent_m"] > s["ascent_m"]  # Leh (3500 m) is higher than Srinagar (1600 m)
    assert out.read_text().startswith("<?xml") and "<trkpt" in out.read_text()


def test_route_text_output_with_via():
    res = runner.invoke(app, ["route", "--from", LEH, "--via", "34.56,76.13", "--to", SRINAGAR, "--neighbours", "8"])
    assert res.exit_code == 0, res.output
    assert "distance" in res.output and "km" in res.output and "days at 8 h walking a day" in res.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "34.16", "--to", SRINAGAR], "expected LAT,LON"),
        (["--from", LEH, "--to", SRINAGAR, "--neighbours", "4"], "use 8 or 16"),
        (["--from", LEH, "--to", SRINAGAR, "--out", "r.kml"], ".geojson, .json or .gpx"),
        (["--from", LEH, "--to", SRINAGAR, "--date", "1941-13-01"], "YYYY-MM-DD"),
    ],
)
def test_bad_arguments(args, message):
    res = runner.invoke(app, ["route", *args])
    assert isinstance(res.exception, InputError) and message in str(res.exception)


def test_user_mistake_exits_2_without_traceback():
    p = subprocess.run([sys.executable, "-m", "longwalk", "route", "--from", LEH, "--to", SRINAGAR, "--cost", "walk"],
                       capture_output=True, text=True, timeout=300)
    assert p.returncode == 2
    assert "Traceback" not in p.stderr and "cost model" in p.stderr
