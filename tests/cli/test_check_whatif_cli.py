"""`longwalk check` and `longwalk whatif` at the command line: bad input is exit 2 and one sentence."""

from __future__ import annotations

import pytest
from cli_process import longwalk  # noqa: F401  (the fixture)


def test_check_refuses_no_runs_and_a_scenario_without_claims(longwalk):  # noqa: F811
    out = longwalk("check", "the-long-walk-1941", "--runs", "0")
    assert out.returncode == 2 and "--runs must be at least 1" in out.stderr and "Traceback" not in out.stderr
    out = longwalk("check", "the-way-back", "--runs", "5")
    assert out.returncode == 2 and "no waypoint of its route has a claimed_date" in out.stderr


def test_check_refuses_a_bad_claim_with_its_line(longwalk, tmp_path):  # noqa: F811
    from longwalk.scenario import builtin_scenarios

    text = builtin_scenarios()["the-long-walk-1941"].read_text(encoding="utf-8")
    path = tmp_path / "bad.toml"
    path.write_text(text.replace("no_water_days = 12", "no_water_days = -3"), encoding="utf-8")
    out = longwalk("check", path)
    line = next(i for i, row in enumerate(text.splitlines(), 1) if row.startswith("no_water_days"))
    assert out.returncode == 2 and f"bad.toml:{line}:" in out.stderr
    assert "claimed_conditions.no_water_days" in out.stderr


def test_whatif_target_naming_nobody_lists_the_party(longwalk):  # noqa: F811
    out = longwalk("whatif", "the-way-back", "--target", "Bob arrives")
    assert out.returncode == 2
    assert "the party is Janusz, Mr Smith, Valka, Tomasz, Voss, Zoran, Kazik, Irena" in out.stderr.replace("\n", " ")


def test_whatif_refuses_bad_counts(longwalk):  # noqa: F811
    out = longwalk("whatif", "the-way-back", "--target", "3 arrive", "--sobol-samples", "6")
    assert out.returncode == 2 and "power of two" in out.stderr


@pytest.mark.slow
def test_check_json_of_the_book_has_every_claimed_leg(longwalk):  # noqa: F811
    import json

    out = longwalk("check", "the-long-walk-1941", "--runs", "3", "--json")
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert [leg["end"] for leg in result["legs"]][-1] == "India" and len(result["legs"]) == 11
    assert result["verdict"] in ("impossible", "not seen as written", "unlikely", "possible", "feasible")
    assert result["legs"][6]["conditions"][0]["days"] == 12
