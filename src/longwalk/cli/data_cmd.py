"""`longwalk data`: fetch optional external data sets into the cache."""

from __future__ import annotations

from pathlib import Path

import typer

from longwalk.cli.edge import guard

data_app = typer.Typer(help="Fetch optional external data (WorldClim 2.1) into the cache.", no_args_is_help=True)
fetch_app = typer.Typer(help="Download, verify and unpack a data set.", no_args_is_help=True)
data_app.add_typer(fetch_app, name="fetch")


@fetch_app.command("worldclim")
@guard
def fetch_worldclim_cmd(
    res: str = typer.Option("10m", "--res", help="Resolution: 10m, 5m, 2.5m or 30s."),
    base_url: str = typer.Option(None, "--base-url", envvar="LONGWALK_WORLDCLIM_URL",
                                 help="Server to fetch from (default: the WorldClim server)."),
    target: Path = typer.Option(None, "--target", help="Directory to unpack into (default: the cache)."),
    quiet: bool = typer.Option(False, "--quiet", help="No progress bar."),
) -> None:
    """Download WorldClim 2.1 monthly climate (tavg, tmin, tmax, prec, wind, vapr, elev); resumable. Every command
    then reads it with --climate worldclim.

    WorldClim publishes no checksums: archives are verified by a .sha256 sidecar when the server has one,
    else by the zip CRC-32 of every member, and their sha256 is recorded in manifest.json.
    """
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TransferSpeedColumn

    from longwalk.atlas.download import fetch_worldclim

    console = Console(stderr=True)
    columns = (TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TransferSpeedColumn())
    with Progress(*columns, console=console, disable=quiet) as bar:
        tasks: dict[str, int] = {}

        def progress(advance: int, total: int | None, name: str) -> None:
            if name not in tasks:
                tasks[name] = bar.add_task(name, total=total)
            bar.update(tasks[name], advance=advance, total=total)

        directory = fetch_worldclim(res, target=target, base_url=base_url, progress=progress,
                                    log=lambda line: None if quiet else console.print(line))
    print(directory)
    if not quiet:
        console.print(f"use it with --climate worldclim:{res} (or --climate worldclim when it is the only resolution "
                      f'fetched), or in a scenario: [climate] source = "worldclim"', highlight=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    """Add `longwalk data` to the app."""
    app.add_typer(data_app, name="data")
