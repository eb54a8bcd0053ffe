"""`longwalk play` at the command line: a corrupt or foreign save file is refused with exit 2 and one sentence;
without a terminal the game says so instead of drawing into a pipe."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "cli"))  # the CLI tests' in-process runner
from cli_process import longwalk  # noqa: E402, F401  (a fixture)


@pytest.mark.parametrize("content, message", [
    ("{ half a file", "not a saved game"),
    ('{"format": "geojson"}', "not a longwalk saved game"),
])
def test_bad_save_file_exit_2(longwalk, tmp_path, content, message):  # noqa: F811
    path = tmp_path / "saved.json"
    path.write_text(content, encoding="utf-8")
    done = longwalk("play", path)
    assert done.returncode == 2
    assert message in done.stderr and str(path) in done.stderr.replace("\n", "")


def test_save_options_for_a_new_game_only(longwalk, tmp_path):  # noqa: F811
    path = tmp_path / "saved.json"
    path.write_text("{}", encoding="utf-8")
    done = longwalk("play", path, "--skip", "Trient")
    assert done.returncode == 2 and "--skip and --set apply to a new game" in done.stderr


def test_help_lists_play(longwalk):  # noqa: F811
    done = longwalk("--help")
    assert "play" in done.stdout


def test_without_a_terminal_says_so_before_planning(longwalk, tmp_path, monkeypatch):  # noqa: F811
    from longwalk.play import session

    def planned(*args, **kwargs):
        raise AssertionError("the route was planned before the terminal was checked")

    monkeypatch.setattr(session, "plan_journey", planned)
    done = longwalk("play", "walkers-haute-route", "--out", tmp_path / "out")
    assert done.returncode == 2 and "needs a terminal" in done.stderr


def test_bad_out_refused_before_the_game(longwalk, tmp_path):  # noqa: F811
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    done = longwalk("play", "walkers-haute-route", "--out", tmp_path / "a-file" / "inside")
    assert done.returncode == 2 and "--out" in done.stderr
