"""`longwalk --help` stays cheap: building the app imports no heavy package, and the help reads cleanly.

No timing here (bench/startup.py measures it); what is checked is the cause of a slow start: which modules load.
"""

import subprocess
import sys

from cli_process import longwalk  # noqa: F401  (a fixture)

HEAVY = ("numpy", "scipy", "numba", "pydantic", "pyproj", "longwalk.engine", "longwalk.atlas", "longwalk.scenario")


def test_building_the_app_imports_no_heavy_package():
    """A fresh interpreter (this test process has them all loaded already) imports the CLI and lists modules."""
    code = ("import sys, longwalk.cli.main; "
            "print('\\n'.join(sorted(m for m in sys.modules)))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    heavy = sorted(m for m in loaded if any(m == h or m.startswith(h + ".") for h in HEAVY))
    assert heavy == []


def _commands():
    """Every command path of the app."""
    from typer.main import get_command

    from longwalk.cli.main import app

    def walk(command, path):
        yield path
        for name, sub in getattr(command, "commands", {}).items():
            yield from walk(sub, (*path, name))

    return list(walk(get_command(app), ()))


def test_help_has_no_type_placeholders_for_flags_or_lists(longwalk):  # noqa: F811 (the fixture)
    paths = _commands()
    assert ("run",) in paths and ("atlas", "point") in paths
    for path in paths:
        result = longwalk(*path, "--help")
        assert result.returncode == 0, path
        assert "<bool>" not in result.stdout, path
        assert "<list[" not in result.stdout, path
    run_help = longwalk("run", "--help").stdout
    assert "<str> (repeatable)" in run_help  # --set takes one string each time it is given
