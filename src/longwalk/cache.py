"""Cache files in plain formats, verified on load: arrays in an ``.npz`` and a JSON sidecar with a checksum.

A cache entry ``<stem>`` is two files: ``<stem>.npz`` (arrays only, read with ``allow_pickle=False``) and
``<stem>.json`` (the scalars and strings, and the sha256 of the ``.npz`` bytes together with those scalars).  A
missing, truncated, zeroed, bit-flipped or foreign entry fails the checksum or the parser and is reported as
absent, so the caller rebuilds it; nothing read from the cache is ever executed.

Writes are atomic (temporary files moved into place).  A cache that cannot be written (a read-only file system,
a full disk) is not an error: the entry is not stored, one warning line says so, and the run goes on without
caching.  Where the cache directory itself is unusable, :func:`longwalk.paths.cache_dir` raises
:class:`~longwalk.paths.CacheError` instead (exit status 2 at the command line).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import sys
import zipfile
from pathlib import Path

import numpy as np

#: Paths already warned about in this process (one line per cache, not one per entry).
_warned: set[str] = set()


def notice(message: str) -> None:
    """One line on standard error about the cache (a rebuilt entry, a cache that cannot be written)."""
    print(f"longwalk: {message}", file=sys.stderr, flush=True)


def progress(step: str, total: int = 1) -> ProgressBar:
    """A progress bar on standard error for a slow step that builds what the cache then keeps (so it is seen on a
    first run, or after ``longwalk cache clear``, and not again), of ``total`` parts: ``advance()`` after each,
    ``close()`` (or a ``with`` block) at the end.  On a terminal the bar is redrawn in place; elsewhere (a log, a
    pipe, a test) the step is one line as it begins, as before."""
    return ProgressBar(step, total)


class ProgressBar:
    """``longwalk: building the atlas ... [#########...............]  40 %`` on standard error (see :func:`progress`).
    """

    WIDTH = 24  # characters of the bar

    def __init__(self, step: str, total: int = 1, stream=None):
        self.step, self.total, self.done = step, max(int(total), 1), 0
        self.stream = sys.stderr if stream is None else stream
        # a rich live view (``longwalk run``'s) proxies standard error and prints each flushed write as a line of its
        # own; it draws nothing while the route is planned, so the bar goes to the terminal beneath
        self.stream = getattr(self.stream, "rich_proxied_file", self.stream)
        try:
            self.live = bool(self.stream.isatty())
        except (AttributeError, ValueError):  # a closed or foreign stream
            self.live = False
        self._open = True
        if self.live:
            import shutil

            room = shutil.get_terminal_size().columns - 1 - len(f"longwalk:  ... [{'#' * self.WIDTH}] 100 %")
            if len(step) > room and step.endswith(")"):  # one line, or \r cannot redraw it: the aside goes first
                step = self.step = step[:step.rfind(" (")] if " (" in step else step
            if len(step) > room:
                self.step = step[:max(room - 1, 10)] + "…"
            self._draw()
        else:
            print(f"longwalk: {step} ...", file=self.stream, flush=True)

    def _draw(self) -> None:
        filled = self.WIDTH * self.done // self.total
        self.stream.write(f"\rlongwalk: {self.step} ... [{'#' * filled}{'.' * (self.WIDTH - filled)}] "
                          f"{100 * self.done // self.total:3d} %")
        self.stream.flush()

    def advance(self, parts: int = 1) -> None:
        """``parts`` more parts are done."""
        self.done = min(self.done + parts, self.total)
        if self.live and self._open:
            self._draw()

    def close(self) -> None:
        """The step is over: a full bar and a new line on a terminal."""
        if self._open and self.live:
            self.done = self.total
            self._draw()
            self.stream.write("\n")
            self.stream.flush()
        self._open = False

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, kind, value, traceback) -> None:
        if kind is None:
            self.close()
        elif self._open and self.live:  # an error: end the line so its message starts on its own
            self.stream.write("\n")
            self.stream.flush()
            self._open = False


def warn_unwritable(folder: Path, err: OSError) -> None:
    """Say once per folder that the cache cannot be written and the run goes on without it."""
    key = str(folder)
    if key in _warned:
        return
    _warned.add(key)
    reason = err.strerror or str(err)
    notice(f"warning: cannot write to the cache {folder} ({reason}); continuing without caching (set "
           "LONGWALK_CACHE to a writable directory to keep built atlases and plans)")


def _digest(npz: bytes, meta: dict) -> str:
    h = hashlib.sha256(npz)
    h.update(json.dumps(meta, sort_keys=True).encode())
    return h.hexdigest()


def save_entry(stem: Path, arrays: dict[str, np.ndarray], meta: dict) -> bool:
    """Store ``arrays`` and the JSON-ready ``meta`` as ``stem.npz`` + ``stem.json``; False if it could not be written.

    No array may have dtype ``object`` (it would need pickle).
    """
    for name, arr in arrays.items():
        if np.asarray(arr).dtype.hasobject:
            raise TypeError(f"cache array {name!r} has dtype object; convert it to a plain dtype")
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    npz = buf.getvalue()
    sidecar = json.dumps({"sha256": _digest(npz, meta), "meta": meta}, sort_keys=True)
    tag = f"{os.getpid()}.tmp"
    tmp_npz, tmp_json = stem.with_name(f"{stem.name}.npz.{tag}"), stem.with_name(f"{stem.name}.json.{tag}")
    final_npz = stem.with_name(stem.name + ".npz")
    placed = []
    try:
        stem.parent.mkdir(parents=True, exist_ok=True)
        tmp_npz.write_bytes(npz)
        tmp_json.write_text(sidecar)
        os.replace(tmp_npz, final_npz)
        placed.append(final_npz)
        os.replace(tmp_json, stem.with_name(stem.name + ".json"))
    except OSError as err:
        for tmp in (tmp_npz, tmp_json, *placed):  # no half entry stays behind
            try:
                tmp.unlink(missing_ok=True)
            except OSError:
                pass
        warn_unwritable(stem.parent, err)
        return False
    return True


def load_entry(stem: Path, what: str) -> tuple[dict[str, np.ndarray], dict] | None:
    """The arrays and meta stored by :func:`save_entry`, or None when absent or bad (bad files are removed).

    ``what`` names the entry in the one-line notice printed when a bad entry is found ("the cached atlas").
    """
    npz_path, json_path = stem.with_name(stem.name + ".npz"), stem.with_name(stem.name + ".json")
    if not npz_path.exists() and not json_path.exists():
        return None
    try:
        sidecar = json.loads(json_path.read_text())
        npz = npz_path.read_bytes()
        if not isinstance(sidecar, dict) or sidecar.get("sha256") != _digest(npz, sidecar.get("meta")):
            raise ValueError("checksum mismatch")
        with np.load(io.BytesIO(npz), allow_pickle=False) as data:
            arrays = {k: data[k] for k in data.files}
        meta = sidecar["meta"]
    except (OSError, ValueError, KeyError, TypeError, EOFError, zipfile.BadZipFile) as err:
        reason = "checksum mismatch" if "checksum" in str(err) else type(err).__name__
        notice(f"{what} {npz_path.name} is damaged ({reason}); rebuilding it")
        for path in (npz_path, json_path):
            try:
                path.unlink(missing_ok=True)
            except OSError:
                pass
        return None
    return arrays, meta
