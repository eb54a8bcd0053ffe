"""`longwalk run --png` and `longwalk odds --png --netcdf`: the figures and the ensemble file, written whole."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from longwalk.cli import main as cli_main
from longwalk.cli import run_cmd
from longwalk.engine.records import Status
from longwalk.report.export import ENSEMBLE_FILE, OUTPUT_FILES
from longwalk.report.figures import ENSEMBLE_FIGURES, RUN_FIGURES
from longwalk.report.html import ODDS_FILES, REPORT_FILE

_spec = importlib.util.spec_from_file_location(
    "journey_fixture", Path(__file__).parents[1] / "report" / "journey_fixture.py"
)
journey_fixture = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(journey_fixture)


def invoke(monkeypatch, capsys, *args) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["longwalk", *args])
    with pytest.raises(SystemExit) as exit_info:
        cli_main.main()
    out = capsys.readouterr()
    return (exit_info.value.code or 0), out.out, out.err


def test_run_png_writes_the_figures_and_can_be_rerun(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(run_cmd, "_simulate", lambda scenario, seed, progress: journey_fixture.make_result(seed))
    monkeypatch.setattr(run_cmd, "_atlas_for_places", lambda result: None)
    out = tmp_path / "out"
    code, stdout, _ = invoke(monkeypatch, capsys, "run", "--png", "--out", str(out))
    assert code == 0
    assert sorted(p.name for p in out.iterdir()) == sorted((*OUTPUT_FILES, *RUN_FIGURES, REPORT_FILE))
    assert "route.png" in stdout
    # an earlier output with figures is an earlier output: replaced, here by one without figures
    code, _, err = invoke(monkeypatch, capsys, "run", "--out", str(out))
    assert code == 0, err
    assert sorted(p.name for p in out.iterdir()) == sorted((*OUTPUT_FILES, REPORT_FILE))


def odds(*args):
    return subprocess.run([sys.executable, "-m", "longwalk", "odds", *args], capture_output=True, text=True,
                          timeout=900)


def test_odds_png_and_netcdf_agree_with_the_summary(tmp_path):
    xr = pytest.importorskip("xarray")
    out = tmp_path / "odds"
    done = odds("the-way-back", "--runs", "3", "--set", "max_days=15", "--json", "--png", "--netcdf",
                "--out", str(out))
    assert done.returncode == 0, done.stderr
    # beside the report's own files (odds.json, fates.csv, report.html) and the chunks --resume reads
    assert sorted(p.name for p in out.iterdir()) == sorted((ENSEMBLE_FILE, *ENSEMBLE_FIGURES, *ODDS_FILES, REPORT_FILE,
                                                            "chunks", "manifest.json"))
    summary = json.loads(done.stdout)  # stdout stays pure JSON; "Wrote ..." goes to stderr
    with xr.open_dataset(out / ENSEMBLE_FILE) as ds:
        assert dict(ds.sizes)["run"] == 3 and dict(ds.sizes)["day"] == 15
        fate = ds["fate"].values
        for p, person in enumerate(summary["people"]):
            assert int(np.sum(fate[:, p] == int(Status.DEAD))) == person["died"], person["name"]
            assert int(np.sum(fate[:, p] == int(Status.ARRIVED))) == person["arrived"], person["name"]
        assert ds["body_mass"].attrs["units"] == "kg"
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temporary left


def test_odds_out_that_is_a_file_is_refused_before_the_runs(tmp_path):
    target = tmp_path / "file"
    target.write_text("x")
    done = odds("the-way-back", "--runs", "2", "--png", "--out", str(target))
    assert done.returncode == 2 and "--out" in done.stderr and "Traceback" not in done.stderr
    assert "runs" not in done.stderr.split("--out")[0]  # refused before any run was simulated
