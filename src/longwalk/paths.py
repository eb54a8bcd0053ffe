"""Where longwalk keeps what is expensive to rebuild, and how it recognises that place as its own.

The cache directory is ``$LONGWALK_CACHE`` if set, else ``$XDG_CACHE_HOME/longwalk``, else
``~/.cache/longwalk``.  ``longwalk cache path`` prints it and ``longwalk cache clear`` removes longwalk's entries
from it.

Because ``LONGWALK_CACHE`` can point anywhere (a home directory by mistake), the directory marks itself: when
longwalk creates it, it writes a signature file :data:`SIGNATURE` holding the cache format version.  A directory
that already exists is adopted (signed) only when it is empty or holds nothing but longwalk's own folders
(:data:`FOLDERS`, a cache made before the signature existed); ``cache clear`` refuses a directory without the
signature and, in a signed one, removes only the files longwalk writes (:data:`ENTRIES`).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from longwalk.errors import LongwalkError

#: The signature file that marks a directory as a longwalk cache.
SIGNATURE = ".longwalk-cache"
#: Version of the cache layout written into the signature.
CACHE_FORMAT = 2
#: What longwalk writes under the cache directory: folder -> glob patterns of its files (relative to the folder).
ENTRIES: dict[str, tuple[str, ...]] = {
    "atlas": ("atlas-*.npz", "atlas-*.json", "places-*.npz", "*.tmp.npz", "*.tmp"),
    "engine": ("plan-*.npz", "plan-*.json", "plan-*.pkl", "plan-*.tmp", "*.tmp.npz", "*.tmp"),
    "ice": ("calendar-*.npz", "*.tmp.npz", "*.tmp"),
    "climate": ("nodes-*/*.npz", "nodes-*/*.json", "nodes-*/*.tmp", "nodes-*/*.npy"),  # .npy: before format 2
    "worldclim": ("*/manifest.json", "*/wc2.1_*.tif", "*/downloads/wc2.1_*"),
}
FOLDERS = frozenset(ENTRIES)
#: The folder under the cache where ``longwalk data fetch worldclim`` unpacks each resolution (``worldclim/10m``)
#: and where ``--climate worldclim`` looks for it.
WORLDCLIM_FOLDER = "worldclim"


class CacheError(LongwalkError):
    """The cache directory cannot be used: a file in its place, or a place that cannot be created or written."""


def cache_location() -> Path:
    """The cache directory as configured, without creating or checking it."""
    env = os.environ.get("LONGWALK_CACHE")
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "longwalk"


def is_signed(path: Path) -> bool:
    """Whether ``path`` holds a longwalk cache signature."""
    try:
        return json.loads((path / SIGNATURE).read_text()).get("longwalk_cache") is not None
    except (OSError, ValueError, AttributeError):
        return False


def _sign(path: Path) -> None:
    (path / SIGNATURE).write_text(json.dumps({"longwalk_cache": CACHE_FORMAT,
                                              "note": "longwalk's cache; 'longwalk cache clear' empties it"}) + "\n")


def _adoptable(path: Path) -> bool:
    """An unsigned directory that is empty or holds only longwalk's folders (a cache from before the signature)."""
    try:
        return all(entry.name in FOLDERS and entry.is_dir() for entry in path.iterdir())
    except OSError:
        return False


def cache_dir() -> Path:
    """The cache directory, created (and signed) if needed.

    Raises
    ------
    CacheError
        ``LONGWALK_CACHE`` names a file, or a directory that cannot be created.
    """
    path = cache_location()
    if path.exists() and not path.is_dir():
        raise CacheError(f"the cache directory {path} is a file, not a directory: set LONGWALK_CACHE to a directory "
                         "longwalk may write to (or unset it to use ~/.cache/longwalk)")
    if not path.exists():
        try:
            path.mkdir(parents=True, exist_ok=True)
            _sign(path)
        except OSError as err:
            reason = err.strerror or str(err)
            raise CacheError(f"the cache directory {path} cannot be created ({reason}): set LONGWALK_CACHE to a "
                             "directory longwalk may write to") from None
    elif not is_signed(path) and _adoptable(path):
        try:
            _sign(path)
        except OSError:  # a read-only cache can still be read; clear will refuse it
            pass
    return path


def worldclim_location(resolution: str | None = None) -> Path:
    """Where ``longwalk data fetch worldclim`` unpacks WorldClim 2.1: ``<cache>/worldclim``, or the folder of one
    resolution in it (``<cache>/worldclim/10m``); nothing is created or checked."""
    folder = cache_location() / WORLDCLIM_FOLDER
    return folder if resolution is None else folder / resolution
