"""`longwalk run`: output files, atomic writes, exit codes.

The plumbing tests replace the engine with the hand-built journey of tests/report/journey_fixture.py (the
engine seam ``run_cmd._simulate``); the end-to-end tests run the real engine and skip until it exists.
"""

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
from longwalk.errors import RoutingError
from longwalk.report.export import OUTPUT_FILES
from longwalk.report.html import REPORT_FILE

_spec = importlib.util.spec_from_file_location(
    "journey_fixture", Path(__file__).parents[1] / "report" / "journey_fixture.py"
)
journey_fixture = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(journey_fixture)


def invoke(monkeypatch, capsys, *args) -> tuple[int, str, str]:
    """Run the `longwalk` entry point in-process (as the console script does) and return (code, out, err)."""
    monkeypatch.setattr(sys, "argv", ["longwalk", *args])
    with pytest.raises(SystemExit) as exit_info:
        cli_main.main()
    out = capsys.readouterr()
    code = exit_info.value.code
    return (0 if code is None else code), out.out, out.err


@pytest.fixture
def fake_engine(monkeypatch):
    """Replace the engine by the hand-built journey; record what the CLI passed it."""
    calls = []

    def simulate(scenario, seed, progress):
        calls.append((scenario, seed))
        result = journey_fixture.make_result(seed)
        daily = result.daily
        for day in range(result.n_days):
            # What the engine passes: its JourneyState (here a dict with the same field names).
            progress(day, {"status": daily.status[:, day], "body_mass": daily.body_mass[:, day],
                           "party_position": daily.route_position[:, day, 0], "next_waypoint": np.array([1]),
                           "conditions": {"air_temperature_min": daily.air_temperature_min[:, day],
                                          "air_temperature_max": daily.air_temperature_max[:, day],
                                          "blizzard": daily.weather_flags[:, day] & 1}})
        return result

    monkeypatch.setattr(run_cmd, "_simulate", simulate)
    return calls


def test_writes_all_files(tmp_path, monkeypatch, capsys, fake_engine):
    out = tmp_path / "out"
    code, stdout, _ = invoke(monkeypatch, capsys, "run", "--seed", "3", "--out", str(out))
    assert code == 0
    assert sorted(p.name for p in out.iterdir()) == sorted((*OUTPUT_FILES, REPORT_FILE))
    assert json.loads((out / "summary.json").read_text())["seed"] == 3
    assert fake_engine[0][0].name == "the-way-back" and fake_engine[0][1] == 3
    # Plain progress (stdout is not a terminal under pytest): a line every ten days, then the summary.
    assert "day 0 | 1941-03-01 | 20 km along, toward Lake Baikal | -18 to -6 °C | 2 walking" in stdout
    assert "day 10 |" in stdout
    assert "1 arrived, 1 died" in stdout
    # the party's journey length: its camp's route position (Janusz arrived at the end of the 287 km route)
    assert "12 days, 290 km of the 290 km route;" in stdout  # rounded to tens above 100 km, as in the journal
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.")]  # no temporary left


def test_default_out_dir_is_named_after_the_scenario(tmp_path, monkeypatch, capsys, fake_engine):
    monkeypatch.chdir(tmp_path)
    code, _, _ = invoke(monkeypatch, capsys, "run")
    assert code == 0
    assert (tmp_path / "the-way-back-run" / "journal.md").is_file()


def test_set_reaches_the_engine(tmp_path, monkeypatch, capsys, fake_engine):
    code, _, _ = invoke(monkeypatch, capsys, "run", "--out", str(tmp_path / "o"), "--set", "policy.hours_per_day=6")
    assert code == 0
    assert fake_engine[0][0].policy.hours_per_day == 6


def test_rerun_replaces_earlier_output(tmp_path, monkeypatch, capsys, fake_engine):
    out = tmp_path / "out"
    invoke(monkeypatch, capsys, "run", "--seed", "1", "--out", str(out))
    invoke(monkeypatch, capsys, "run", "--seed", "2", "--out", str(out))
    assert json.loads((out / "summary.json").read_text())["seed"] == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["run", "no-such-journey"], "Built-in scenarios: "),
        (["run", "--set", "policy.hours_per_dya=10"], "hours_per_day"),
        (["run", "--set", "policy.hours_per_day=lots"], "policy.hours_per_day"),
        (["run", "--set", "party.Nobody.age=30"], "Janusz"),
    ],
)
def test_bad_input_exits_2_and_writes_nothing(tmp_path, monkeypatch, capsys, fake_engine, args, message):
    out = tmp_path / "out"
    code, stdout, stderr = invoke(monkeypatch, capsys, *args, "--out", str(out))
    assert code == 2
    assert message in stderr
    assert "Traceback" not in stderr + stdout
    assert list(tmp_path.iterdir()) == []
    assert fake_engine == []


def test_unreachable_waypoint_exits_2_and_keeps_old_output(tmp_path, monkeypatch, capsys, fake_engine):
    out = tmp_path / "out"
    invoke(monkeypatch, capsys, "run", "--out", str(out))
    before = (out / "summary.json").read_bytes()

    def unreachable(scenario, seed, progress):
        raise RoutingError("leg 3 (Mongolian border -> Ulaanbaatar): no path on land between them")

    monkeypatch.setattr(run_cmd, "_simulate", unreachable)
    code, _, stderr = invoke(monkeypatch, capsys, "run", "--out", str(out))
    assert code == 2 and "leg 3" in stderr and "Traceback" not in stderr
    assert (out / "summary.json").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_failure_while_writing_leaves_nothing(tmp_path, monkeypatch, capsys, fake_engine):
    def broken(*args, **kwargs):
        raise KeyboardInterrupt  # Ctrl-C in the middle of writing

    monkeypatch.setattr(run_cmd, "write_outputs", broken)
    code, _, stderr = invoke(monkeypatch, capsys, "run", "--out", str(tmp_path / "out"))
    assert code == 130 and "nothing was written" in stderr
    assert list(tmp_path.iterdir()) == []


def test_refuses_to_replace_a_foreign_directory(tmp_path, monkeypatch, capsys, fake_engine):
    out = tmp_path / "thesis"
    out.mkdir()
    (out / "chapter1.tex").write_text("precious")
    code, _, stderr = invoke(monkeypatch, capsys, "run", "--out", str(out))
    assert code == 2 and "not longwalk output" in stderr
    assert (out / "chapter1.tex").read_text() == "precious"
    assert fake_engine == []


def _engine_available() -> bool:
    try:
        return callable(run_cmd.engine_simulate())
    except (ImportError, AttributeError):
        return False


engine = pytest.mark.skipif(not _engine_available(), reason="longwalk.engine.simulate is not built yet")


@engine
@pytest.mark.slow
def test_same_seed_same_summary_different_seeds_differ(tmp_path):
    """End to end, in a fresh process as a user runs it: the real engine, the built-in The Way Back."""

    def run(seed, name):
        out = tmp_path / name
        done = subprocess.run([sys.executable, "-m", "longwalk", "run", "--seed", str(seed), "--out", str(out)],
                              capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr
        return out

    a, b, c = run(7, "a"), run(7, "b"), run(8, "c")
    assert (a / "summary.json").read_bytes() == (b / "summary.json").read_bytes()
    assert (a / "journal.md").read_bytes() == (b / "journal.md").read_bytes()
    assert (a / "days.csv").read_bytes() != (c / "days.csv").read_bytes()
    assert (a / "journal.md").read_text() != (c / "journal.md").read_text()
    summary = json.loads((a / "summary.json").read_text())
    assert [p["name"] for p in summary["people"]][:2] == ["Janusz", "Mr Smith"]
    assert np.isfinite(summary["totals"]["route_position_km"])


def test_live_view_on_a_terminal(tmp_path, monkeypatch, capsys, fake_engine):
    monkeypatch.setenv("TTY_COMPATIBLE", "1")  # rich: treat stdout as a terminal
    monkeypatch.setattr(run_cmd, "_PLAIN_EVERY", 1)
    code, stdout, _ = invoke(monkeypatch, capsys, "run", "--out", str(tmp_path / "out"))
    assert code == 0
    assert "day 0 |" not in stdout  # no plain progress lines on a terminal
    assert "Janusz: arrived" in stdout and (tmp_path / "out" / "journal.md").is_file()


def test_ctrl_c_during_the_simulation(tmp_path, monkeypatch, capsys):
    def interrupted(scenario, seed, progress):
        progress(0, None)
        raise KeyboardInterrupt

    monkeypatch.setattr(run_cmd, "_simulate", interrupted)
    code, _, stderr = invoke(monkeypatch, capsys, "run", "--out", str(tmp_path / "out"))
    assert code == 130 and "Traceback" not in stderr
    assert list(tmp_path.iterdir()) == []


@engine
@pytest.mark.slow
def test_waypoint_in_the_sea_names_the_leg(tmp_path, monkeypatch, capsys):
    """The real engine: a waypoint in the Sea of Japan makes an unwalkable leg; exit 2, nothing written."""
    scenario = tmp_path / "sea.toml"
    scenario.write_text(
        'name = "sea"\nstart_date = 2024-05-01\nmax_days = 10\n'
        '[[party]]\nname = "A"\nsex = "female"\nage = 30\nheight = 1.65\nbody_mass = 60\n'
        '[[route]]\nname = "start"\nlat = 45.0\nlon = 100.0\n'
        '[[route]]\nname = "Sea of Japan"\nlat = 40.0\nlon = 135.0\n'
    )
    out = tmp_path / "out"
    code, _, stderr = invoke(monkeypatch, capsys, "run", str(scenario), "--out", str(out))
    assert code == 2 and "Traceback" not in stderr
    assert "Sea of Japan" in stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sea.toml"]
