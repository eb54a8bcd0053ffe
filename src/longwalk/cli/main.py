"""The ``longwalk`` command: one Typer app; each layer's commands live in their own module.

The command modules import only Typer and Rich at module level (the engine, NumPy, SciPy and numba inside the
command functions), so ``longwalk --help`` costs the interpreter, Typer and Rich (``bench/startup.py`` measures it);
``tests/cli/test_startup.py`` checks that building the app imports none of the heavy packages.
"""

from __future__ import annotations

import re
import sys

import typer
from rich.console import Console

from longwalk import __version__
from longwalk.cli.numbers import LongwalkGroup
from longwalk.errors import LongwalkError

_LIST_TYPE = re.compile(r"<list\[(.+)\]>")


def _tidy_placeholders(command) -> None:
    """Type placeholders in help as a person would write them, for ``command`` and every subcommand.

    Typer shows a flag as ``--json <bool>`` (it takes no value) and a repeatable option as ``--set <list[str]>``
    (it takes one string each time); a flag gets no placeholder and a repeatable option ``<str> (repeatable)``.
    """
    ctx = command.context_class(command, info_name=command.name)
    for param in command.get_params(ctx):  # includes the help option, which click builds (and keeps) on demand
        display = getattr(param, "display_type", None)
        if display is None or getattr(param, "metavar", None) is not None:
            continue  # not a Typer parameter, or one with its own metavar
        if getattr(param, "is_flag", False) and not getattr(param, "count", False):
            param.metavar = ""
        elif getattr(param, "multiple", False):
            found = _LIST_TYPE.fullmatch(display(ctx))
            if found:
                param.metavar = f"<{found.group(1)}> (repeatable)"
    for sub in getattr(command, "commands", {}).values():
        _tidy_placeholders(sub)


class _App(LongwalkGroup):
    """The root command group: negative numbers are values in every command (`atlas point -33.9 18.4`,
    :class:`LongwalkGroup`), and the help placeholders of the whole tree are tidied before it runs."""

    def main(self, *args, **kwargs):
        _tidy_placeholders(self)
        return super().main(*args, **kwargs)


app = typer.Typer(
    cls=_App,
    name="longwalk",
    help=(
        "Simulate long journeys on foot across real terrain, climate and bodies.\n\n"
        "Start with `longwalk run` (The Way Back, offline, on the built-in data), "
        "`longwalk scenarios` to list the built-in journeys, or `longwalk atlas point LAT LON` "
        "to see what the built-in atlas knows about a place."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

err_console = Console(stderr=True)


def _version(value: bool) -> None:
    if value:
        print(f"longwalk {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version."),
) -> None:
    """Simulate long journeys on foot across real terrain, climate and bodies."""


def _register() -> None:
    # Each layer owns its commands; the modules are light to import (see the module docstring).
    from longwalk.cli import (
        atlas_cmd,
        cache_cmd,
        check_cmd,
        data_cmd,
        odds_cmd,
        play_cmd,
        report_cmd,
        route_cmd,
        run_cmd,
        scenario_cmd,
        validate_cmd,
        weather_cmd,
        whatif_cmd,
    )

    # weather_cmd adds `atlas weather` to the atlas group, so it comes after atlas_cmd.
    for module in (scenario_cmd, atlas_cmd, weather_cmd, route_cmd, run_cmd, play_cmd, odds_cmd, check_cmd,
                   whatif_cmd, report_cmd, validate_cmd, data_cmd, cache_cmd):
        module.register(app)


_register()


def main() -> None:
    """Entry point: run the app; a user mistake prints its message and exits with status 2."""
    try:
        app()
    except LongwalkError as err:
        err_console.print(f"[bold red]error:[/] {err}", highlight=False, soft_wrap=True)
        sys.exit(err.exit_code)
    except KeyboardInterrupt:
        err_console.print("[yellow]interrupted[/]")
        sys.exit(130)


if __name__ == "__main__":
    main()
