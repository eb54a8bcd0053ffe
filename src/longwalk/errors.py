"""Errors that speak to the user.

Every mistake a user can make (a bad scenario file, a coordinate in the sea, a corrupt raster) raises a
:class:`LongwalkError` subclass whose message names the file, the field and what would be valid.  The CLI
prints the message and exits with status 2; it never shows a traceback for a user mistake.
"""

from __future__ import annotations


class LongwalkError(Exception):
    """A problem the user can fix; ``str(err)`` is the whole message to show."""

    exit_code = 2


class InputError(LongwalkError, ValueError):
    """A value given on the command line or in a file is out of range or malformed."""


class ScenarioError(LongwalkError):
    """A scenario file cannot be read or does not validate."""


class DataError(LongwalkError):
    """A data file (DEM, climate table, raster) is missing, corrupt or unusable."""


class RoutingError(LongwalkError):
    """No route can be found: unreachable waypoint, waypoint in the sea, grid mismatch."""


class OutputError(LongwalkError):
    """An output file or folder cannot be written: a read-only place, a full disk, no permission."""


#: Why an operating-system error happened, in words, and what would work instead (by errno name).
_OS_ADVICE = {
    "EROFS": ("the file system is read-only", "choose a folder on a writable disk"),
    "EACCES": ("permission denied", "choose a place you may write to, or change its permissions"),
    "EPERM": ("operation not permitted", "choose a place you may write to, or change its permissions"),
    "ENOSPC": ("the disk is full", "free some space on that disk or choose a place on another one"),
    "EDQUOT": ("the disk quota is exceeded", "free some space or choose a place on another disk"),
    "EISDIR": ("it is a directory", "give a file, not a directory"),
    "ENOTDIR": ("a part of the path is a file, not a directory", "check the path"),
    "ENOENT": ("it does not exist", "check the path"),
    "EBUSY": ("it is busy (a mount point?)", "choose a folder inside it or elsewhere"),
    "ENAMETOOLONG": ("the name is too long", "choose a shorter path"),
    "EIO": ("an input/output error from the disk", "check the disk, or choose a place on another one"),
}


def os_error_message(err: OSError, path: object | None = None, what: str = "") -> str:
    """One sentence for an :class:`OSError`: the path, why it failed in words, and what would work.

    ``path`` defaults to the error's own file name; ``what`` says what longwalk was doing ("cannot write").

    >>> import errno
    >>> os_error_message(OSError(errno.ENOSPC, "No space left on device", "/mnt/j.md"), what="cannot write")
    '/mnt/j.md: cannot write (the disk is full); free some space on that disk or choose a place on another one'
    """
    import errno as _errno

    name = _errno.errorcode.get(err.errno or 0, "")
    reason, advice = _OS_ADVICE.get(name, (err.strerror or str(err), "check the path and try again"))
    where = path if path is not None else (err.filename if err.filename is not None else "a file")
    because = f"{what} ({reason})" if what else reason
    return f"{where}: {because}; {advice}"
