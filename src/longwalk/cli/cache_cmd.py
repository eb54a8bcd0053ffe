"""`longwalk cache path|clear`: find the cache of built atlases, plans and downloads, and remove longwalk's entries."""

from __future__ import annotations

from pathlib import Path

import typer

from longwalk.cli.edge import guard
from longwalk.paths import ENTRIES, SIGNATURE, CacheError, cache_location, is_signed

cache_app = typer.Typer(help="Show or clear the cache of built atlases and downloads.", no_args_is_help=True)


@cache_app.command("path")
@guard
def path() -> None:
    """Print the cache directory (set LONGWALK_CACHE to move it)."""
    print(cache_location())


def _remove_entries(folder: Path) -> tuple[int, list[str]]:
    """Delete the files longwalk writes under ``folder`` (:data:`longwalk.paths.ENTRIES`), then its emptied folders.

    Returns the number of files removed and the names of the top-level entries left in place (not longwalk's).
    """
    removed = 0
    for sub, patterns in ENTRIES.items():
        base = folder / sub
        if not base.is_dir() or base.is_symlink():
            continue
        real = base.resolve()
        for pattern in patterns:
            for entry in base.glob(pattern):
                # a symlinked folder inside the cache must not lead clear to files elsewhere
                if entry.parent.resolve() != real / entry.parent.relative_to(base):
                    continue
                if entry.is_file() or entry.is_symlink():
                    entry.unlink()
                    removed += 1
        # folders emptied by the above, deepest first; a folder still holding anything else stays
        for child in sorted((p for p in base.rglob("*") if p.is_dir() and not p.is_symlink()),
                            key=lambda p: len(p.parts), reverse=True):
            if not any(child.iterdir()):
                child.rmdir()
        if not any(base.iterdir()):
            base.rmdir()
    kept = sorted(e.name for e in folder.iterdir() if e.name != SIGNATURE)
    return removed, kept


@cache_app.command("clear")
@guard
def clear() -> None:
    """Delete longwalk's own files from the cache directory (nothing else in it is touched)."""
    folder = cache_location()
    if not folder.exists():
        print(f"nothing to clear: {folder} does not exist")
        return
    if not folder.is_dir():
        raise CacheError(f"the cache directory {folder} is a file, not a directory: nothing was cleared; set "
                         "LONGWALK_CACHE to longwalk's cache directory (see 'longwalk cache path')")
    if not is_signed(folder):
        raise CacheError(f"{folder} is not a longwalk cache (it has no {SIGNATURE} file), so nothing was cleared: "
                         "check LONGWALK_CACHE, or delete the folder's longwalk entries yourself")
    try:
        removed, kept = _remove_entries(folder)
    except OSError as err:
        raise CacheError(f"cannot clear the cache {folder} ({err.strerror or err}): make it writable, or delete its "
                         "longwalk entries yourself") from None
    entries = "entry" if len(kept) == 1 else "entries"
    note = f"; left {len(kept)} {entries} that are not longwalk's: {', '.join(kept[:5])}" if kept else ""
    if len(kept) > 5:
        note += ", ..."
    print(f"cleared {folder}: removed {removed} file{'' if removed == 1 else 's'}{note}")


def register(app: typer.Typer) -> None:
    app.add_typer(cache_app, name="cache")
