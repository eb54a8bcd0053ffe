"""`longwalk cache path|clear`: find and empty the cache of built atlases and fitted data."""

from __future__ import annotations

import shutil

import typer

from longwalk.paths import cache_dir

cache_app = typer.Typer(help="Show or clear the cache of built atlases and downloads.", no_args_is_help=True)


@cache_app.command("path")
def path() -> None:
    """Print the cache directory (set LONGWALK_CACHE to move it)."""
    print(cache_dir())


@cache_app.command("clear")
def clear() -> None:
    """Delete everything in the cache directory."""
    folder = cache_dir()
    for entry in folder.iterdir():
        if entry.is_dir():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    print(f"cleared {folder}")


def register(app: typer.Typer) -> None:
    app.add_typer(cache_app, name="cache")
