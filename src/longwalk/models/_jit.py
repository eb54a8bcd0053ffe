"""NumPy helpers that the model equations use and that numba compiles for scalars without temporary arrays.

The equations shared by the public functions and the compiled kernels (the walking speed solvers) are
``register_jitable``: NumPy on arrays when called from Python, compiled when called from the kernel.  numba compiles
``np.where`` and ``np.interp`` on a scalar into a 0-d array allocation, which costs more than the equation itself;
these two helpers are ``np.where`` / ``np.interp`` from Python and a branch / a table walk when compiled for a scalar,
giving the same numbers (the interpolation follows NumPy's formula, ``slope · (x - xp[j]) + fp[j]``).

:func:`vectorize` and :func:`guvectorize` are numba's, compiled and written to numba's on-disk cache under a lock
across processes (:func:`compile_lock`): numba's cache races when two processes compile the same gufunc at once.
The kernel's cache file and its wrapper's can then come from different processes, whose native names differ, and
every later load of the pair crashes the interpreter (numba issue #10128, open; PR #10545 not merged).  Reproduced
here with three processes importing ``models.water`` at once into a fresh cache: 4 of 6 caches made that way
segfaulted every run after (tests/models/test_compile_lock.py).  Two ``longwalk`` commands started together on a
fresh install, or Dask workers importing the models for the first time, do just that.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import threading
from pathlib import Path

import numba
import numpy as np
from numba import types
from numba.extending import overload


def compile_lock_path() -> Path:
    """The lock file of the numba cache this process compiles into: one per cache location (``NUMBA_CACHE_DIR``, or
    numba's default beside these modules), in the system's temporary directory."""
    where = os.environ.get("NUMBA_CACHE_DIR") or str(Path(__file__).resolve().parent)
    key = hashlib.sha256(os.path.abspath(where).encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"longwalk-numba-{key}.lock"


_HELD = threading.RLock()  # re-entrant within the process: a compile that imports a module compiling more must not
_DEPTH = [0]  # wait on the file lock this process already holds (flock locks each open file on its own)


def _flock():
    """An open file descriptor holding the exclusive lock of :func:`compile_lock_path`, or None where no lock can be
    had (no ``fcntl``: not POSIX, where numba's race stays; an unwritable temporary directory)."""
    try:
        import fcntl
        fd = os.open(compile_lock_path(), os.O_RDONLY | os.O_CREAT, 0o644)
    except (ImportError, OSError):
        return None
    fcntl.flock(fd, fcntl.LOCK_EX)
    return fd


@contextlib.contextmanager
def compile_lock():
    """Hold an exclusive lock across processes (``flock`` on :func:`compile_lock_path`) while numba compiles and
    caches; re-entrant within a process; without a lock where none can be had."""
    with _HELD:
        fd = _flock() if _DEPTH[0] == 0 else None
        _DEPTH[0] += 1
        try:
            yield
        finally:
            _DEPTH[0] -= 1
            if fd is not None:
                os.close(fd)  # closing releases the lock


def _locked(decorator):
    def compile_under_lock(function):
        with compile_lock():
            return decorator(function)
    return compile_under_lock


def vectorize(*args, **kwargs):
    """``numba.vectorize``, compiled (and cached) under :func:`compile_lock`."""
    return _locked(numba.vectorize(*args, **kwargs))


def guvectorize(*args, **kwargs):
    """``numba.guvectorize``, compiled (and cached) under :func:`compile_lock`."""
    return _locked(numba.guvectorize(*args, **kwargs))


def where(condition, x, y):
    """``np.where(condition, x, y)``; a plain branch when compiled for a scalar condition.

    >>> where(np.array([True, False]), 1.0, 2.0)
    array([1., 2.])
    """
    return np.where(condition, x, y)


def interp(x, xp, fp):
    """``np.interp(x, xp, fp)`` (xp increasing); a walk along the table when compiled for a scalar ``x``.

    >>> float(interp(1.5, np.array([1.0, 2.0]), np.array([10.0, 20.0])))
    15.0
    """
    return np.interp(x, xp, fp)


@overload(where)
def _where_scalar(condition, x, y):  # pragma: no cover - compiled; checked against np.where in the tests
    if isinstance(condition, (types.Boolean, types.Number)):
        def impl(condition, x, y):
            return x if condition else y
        return impl
    return None


@overload(interp)
def _interp_scalar(x, xp, fp):  # pragma: no cover - compiled; checked against np.interp in the tests
    if isinstance(x, types.Float):
        def impl(x, xp, fp):
            last = xp.size - 1
            if not x >= xp[0]:  # below the table (NaN also lands here and propagates below)
                return fp[0] if x < xp[0] else x
            if x >= xp[last]:
                return fp[last]
            j = 0
            while x >= xp[j + 1]:
                j += 1
            if x == xp[j]:
                return fp[j]
            slope = (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j])
            return slope * (x - xp[j]) + fp[j]
        return impl
    return None
