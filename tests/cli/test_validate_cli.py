"""`longwalk validate` on a tiny made-up registry (tests/validation/conftest.py's cases, copied here as a fixture)."""

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from longwalk import validation
from longwalk.cli.main import app
from longwalk.errors import InputError

runner = CliRunner()


@pytest.fixture
def tiny(monkeypatch):
    monkeypatch.setattr(validation, "REGISTRY", {})
    common = dict(source="Made up for the test", unit="km day-1", tolerance="a stated judgement")
    validation.case(id="pace-made-up-pass", title="A pass", topic="pace", observed=20.0, low=15.0, high=25.0,
                    **common)(lambda: 21.0)
    validation.case(id="water-made-up-fail", title="A failure", topic="water", observed=3.0, low=2.0, high=4.0,
                    **common)(lambda: 9.0)
    validation.case(id="journey-made-up-slow", title="A slow calibration case", topic="journey", observed=30.0,
                    low=25.0, high=35.0, constrains=("models.water.y",), fitted=("models.water.y",), slow=True,
                    **common)(lambda: 30.0)


def test_table_and_scores_by_role_and_exit_0_despite_a_failure(tiny):
    res = runner.invoke(app, ["validate"], env={"COLUMNS": "200"})
    assert res.exit_code == 0, res.output
    for cid in ("pace-made-up-pass", "water-made-up-fail", "journey-made-up-slow"):
        assert cid in res.stdout
    assert "validation cases passed: 1/2 (50%)" in res.stdout
    assert "calibration cases passed: 1/1 (100%)" in res.stdout
    assert "[3/3] journey-made-up-slow" in res.stderr  # progress goes to stderr


def test_json_results_and_fast_skips_slow_cases(tiny):
    res = runner.invoke(app, ["validate", "--json", "--fast"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert [r["id"] for r in out] == ["pace-made-up-pass", "water-made-up-fail"]
    assert [r["passed"] for r in out] == [True, False]
    assert out[1]["predicted"] == 9.0 and out[1]["role"] == "validation"


def test_case_option_runs_only_the_named_cases(tiny):
    res = runner.invoke(app, ["validate", "--json", "--case", "journey-made-up-slow"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert [(r["id"], r["role"], r["passed"]) for r in out] == [("journey-made-up-slow", "calibration", True)]


def test_unknown_case_names_the_closest_and_the_valid_ids(tiny):
    res = runner.invoke(app, ["validate", "--case", "pace-made-up-pas"])
    assert isinstance(res.exception, InputError)
    msg = str(res.exception)
    assert "did you mean 'pace-made-up-pass'" in msg
    assert "water-made-up-fail" in msg and "journey-made-up-slow" in msg
    res = runner.invoke(app, ["validate", "--case", "watr-made-up-fail"])
    assert "did you mean 'water-made-up-fail'" in str(res.exception)
    res = runner.invoke(app, ["validate", "--case", "journey-made"])  # a truncated long id, not the shortest id
    assert "did you mean 'journey-made-up-slow'" in str(res.exception)


def test_unknown_case_exits_2_without_traceback():
    p = subprocess.run([sys.executable, "-m", "longwalk", "validate", "--case", "no-such-case"],
                       capture_output=True, text=True, timeout=300)
    assert p.returncode == 2
    assert "Traceback" not in p.stderr and "no-such-case" in p.stderr and "valid ids" in p.stderr
