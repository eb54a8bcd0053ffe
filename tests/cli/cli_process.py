"""Run the real ``longwalk`` entry point in the test's own process, as the console script does (fast, and the
exit code, stdout and stderr are what a user sees)."""

import sys
from dataclasses import dataclass

import pytest


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def longwalk(capsys, monkeypatch):
    """Run the real entry point (``longwalk.cli.main.main``) in this process, as the console script does."""
    from longwalk.cli.main import main

    def run(*args):
        monkeypatch.setattr(sys, "argv", ["longwalk", *map(str, args)])
        code = 0
        try:
            main()
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run
