"""What every command does at its edge: file-system and data errors become exit 2 and one sentence, and output
is written whole or not at all.

* :func:`guard` wraps a command so that an :class:`OSError` (a read-only place, a full disk, a directory where a
  file was expected) or a file that is not text ends as a :class:`~longwalk.errors.LongwalkError` naming the path,
  never a traceback.
* :func:`check_writable` tries a place before the slow work starts, so a run does not simulate for a minute and
  then fail to save.
* :func:`write_file` and :func:`staging_dir` write next to the destination and move into place, so a full disk
  or an interruption leaves the earlier file (or nothing), never half a file.  New files and folders get the
  usual permissions (``0o666`` / ``0o777`` less the umask), as any other program's would.
"""

from __future__ import annotations

import functools
import os
import secrets
import shutil
from collections.abc import Callable
from pathlib import Path

from longwalk.errors import DataError, InputError, LongwalkError, OutputError, os_error_message


def guard(command: Callable) -> Callable:
    """Wrap a Typer command: an :class:`OSError` or :class:`UnicodeDecodeError` escaping it becomes exit 2 with a
    sentence naming the path (Typer reads the wrapped signature, so options are unchanged)."""

    @functools.wraps(command)
    def guarded(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except LongwalkError:
            raise
        except BrokenPipeError:  # the reader of stdout went away (`longwalk scenarios | head`): nothing to say
            raise SystemExit(0) from None
        except OSError as err:
            if err.filename is None:
                raise LongwalkError(os_error_message(err, path="longwalk", what="cannot finish")) from None
            raise LongwalkError(os_error_message(err, what="cannot use it")) from None
        except UnicodeDecodeError as err:
            raise DataError(f"a file given is not text ({err.reason} at byte {err.start}); "
                            "give a UTF-8 text file") from None

    return guarded


def _tmp_name(path: Path, kind: str) -> Path:
    """A hidden name beside ``path`` that keeps its suffix (writers such as matplotlib choose the format by it)."""
    return path.with_name(f".{path.stem}.{kind}-{secrets.token_hex(4)}{path.suffix}")


def check_writable(folder: Path, option: str, target: Path | None = None) -> None:
    """Raise :class:`OutputError` unless a file can be created in ``folder`` (tried, then removed at once).

    ``option`` and ``target`` name what the user gave (``--out``, the output path) in the message.
    """
    probe = _tmp_name(folder / "probe", "probe")
    try:
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
        os.unlink(probe)
    except OSError as err:
        named = f"{option} {target}" if target is not None else option
        raise OutputError(os_error_message(err, path=named, what=f"cannot write in {folder}")) from None


def check_parent(out: Path, option: str = "--out") -> None:
    """Raise :class:`InputError` unless the folder ``out`` is to go in exists (a file there is named as such)."""
    parent = out.parent
    if parent.is_dir():
        return
    if parent.exists() or any(p.is_file() for p in parent.parents):
        raise InputError(f"{option} {out}: {parent} is not a folder (a part of it is a file); give {option} a path "
                         "in an existing folder")
    raise InputError(f"{option} {out}: the folder {parent} does not exist; create it first or give {option} a path "
                     "in an existing folder")


def staging_dir(out: Path) -> Path:
    """A new, empty folder next to ``out`` (same file system, so it can be renamed into place), made with the
    usual permissions: ``0o777`` less the umask (``tempfile.mkdtemp`` would make it private, ``0o700``)."""
    while True:
        tmp = _tmp_name(out, "partial")
        try:
            tmp.mkdir()
            return tmp
        except FileExistsError:
            continue


def remove_quietly(path: Path | None) -> None:
    """Remove a temporary file or folder, ignoring errors (it is already the fallback of a failure)."""
    if path is None:
        return
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        try:
            path.unlink(missing_ok=True)
        except OSError:
            pass


def write_file(path: Path, write: Callable[[Path], object], option: str = "--out") -> Path:
    """Write ``path`` whole or not at all: ``write(tmp)`` fills a temporary file beside it, which then replaces
    ``path``.  An :class:`OSError` (a full disk, a read-only place) becomes :class:`OutputError` and leaves
    ``path`` as it was."""
    tmp = _tmp_name(path, "partial")
    try:
        write(tmp)
        if tmp.exists():
            mode = 0o666 & ~_umask()
            os.chmod(tmp, mode)  # writers that go through mkstemp would leave it 0o600
        os.replace(tmp, path)
    except OSError as err:
        remove_quietly(tmp)
        raise OutputError(os_error_message(err, path=f"{option} {path}", what="cannot write")) from None
    except BaseException:
        remove_quietly(tmp)
        raise
    return path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
