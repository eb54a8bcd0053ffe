"""`longwalk atlas weather`: a seeded daily table or CSV; user mistakes exit 2 with a message."""

import csv
import io
import subprocess
import sys

import pytest


def longwalk(*args):
    return subprocess.run([sys.executable, "-m", "longwalk", *args], capture_output=True, text=True, timeout=180)


@pytest.fixture(scope="module")
def yakutsk_csv():
    out = longwalk("atlas", "weather", "62.03", "129.73", "--start", "2023-01-10", "--days", "5", "--seed", "4",
                   "--elevation", "98", "--csv")
    if out.returncode == 2 and "climate" in out.stderr:
        pytest.skip(f"built-in climate not available: {out.stderr.strip()}")
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_csv_has_one_row_per_day_and_a_cold_january(yakutsk_csv):
    rows = list(csv.DictReader(io.StringIO(yakutsk_csv)))
    assert [r["date"] for r in rows] == [f"2023-01-{d}" for d in range(10, 15)]
    temps = [float(r["air_temperature_mean"]) for r in rows]
    assert all(-60 < t < -15 for t in temps)  # Yakutsk January normal -36.9 °C (WMO 1991-2020)
    assert all(float(r["air_temperature_min"]) <= float(r["air_temperature_max"]) for r in rows)
    assert all(4.5 < float(r["day_length"]) < 6.5 for r in rows)  # about 5 h of daylight at 62°N in January


def test_same_seed_same_output_other_seed_differs(yakutsk_csv):
    again = longwalk("atlas", "weather", "62.03", "129.73", "--start", "2023-01-10", "--days", "5", "--seed", "4",
                     "--elevation", "98", "--csv")
    other = longwalk("atlas", "weather", "62.03", "129.73", "--start", "2023-01-10", "--days", "5", "--seed", "5",
                     "--elevation", "98", "--csv")
    assert again.stdout == yakutsk_csv
    assert other.stdout != yakutsk_csv


def test_table_output(yakutsk_csv):
    out = longwalk("atlas", "weather", "62.03", "129.73", "--start", "2023-01-10", "--days", "3", "--elevation", "98")
    assert out.returncode == 0, out.stderr
    assert "Daily weather" in out.stdout and "2023-01-12" in out.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (["62", "129", "--start", "2023-02-30"], "--start"),
        (["62", "129", "--start", "2023-01-01", "--days", "0"], "--days"),
        (["95", "129", "--start", "2023-01-01"], "latitude"),
        (["62", "129", "--start", "2023-01-01", "--seed", "-3"], "--seed"),
    ],
)
def test_bad_input_exits_2_with_a_message(args, message):
    out = longwalk("atlas", "weather", *args, "--elevation", "100")
    assert out.returncode == 2
    assert message in out.stderr and "Traceback" not in out.stderr
