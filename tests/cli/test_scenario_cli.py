"""The CLI speaks to the user: exit status 2 and a message, never a traceback, for a user mistake."""

import subprocess
import sys


def longwalk(*args):
    return subprocess.run(
        [sys.executable, "-m", "longwalk", *args], capture_output=True, text=True, timeout=120
    )


def test_scenarios_lists_builtins():
    out = longwalk("scenarios")
    assert out.returncode == 0
    assert "the-way-back" in out.stdout


def test_validate_builtin():
    out = longwalk("scenario", "validate", "the-way-back")
    assert out.returncode == 0, out.stderr
    assert "valid" in out.stdout


def test_bad_scenario_file_exit_2_no_traceback(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "x"\nstart_date = 2024-01-01\nfoo = 1\n')
    out = longwalk("scenario", "validate", str(bad))
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    assert "bad.toml:3" in out.stderr and "foo" in out.stderr


def test_bad_override_exit_2():
    out = longwalk("scenario", "validate", "the-way-back", "--set", "policy.hours_per_day=lots")
    assert out.returncode == 2
    assert "hours_per_day" in out.stderr
    assert "Traceback" not in out.stderr
