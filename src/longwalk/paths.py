"""Where longwalk keeps what is expensive to rebuild.

The cache directory is ``$LONGWALK_CACHE`` if set, else ``$XDG_CACHE_HOME/longwalk``, else
``~/.cache/longwalk``.  ``longwalk cache path`` prints it and ``longwalk cache clear`` empties it.
"""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    """Return the cache directory, creating it if needed."""
    env = os.environ.get("LONGWALK_CACHE")
    if env:
        path = Path(env)
    else:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        path = Path(base) / "longwalk"
    path.mkdir(parents=True, exist_ok=True)
    return path
