"""The ``longwalk`` command: one Typer app; each layer's commands live in their own module."""

from __future__ import annotations

import sys

import typer
from rich.console import Console

from longwalk import __version__
from longwalk.errors import LongwalkError

app = typer.Typer(
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
    # Imported here so that `longwalk --help` stays fast and each layer owns its commands.
    from longwalk.cli import (
        atlas_cmd,
        cache_cmd,
        data_cmd,
        odds_cmd,
        report_cmd,
        route_cmd,
        run_cmd,
        scenario_cmd,
        validate_cmd,
        weather_cmd,
    )

    # weather_cmd adds `atlas weather` to the atlas group, so it comes after atlas_cmd.
    for module in (scenario_cmd, atlas_cmd, weather_cmd, route_cmd, run_cmd, odds_cmd, report_cmd, validate_cmd,
                   data_cmd, cache_cmd):
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
