"""Input checks shared by the model functions.

Every model function converts its inputs with :func:`as_array` and then checks them with the helpers here, so a
bad value always gives a ``ValueError`` that names the parameter, and a value outside a model's documented valid
range always gives a :class:`ModelRangeWarning` (not silence).  The helpers are vectorised: they accept scalars or
arrays of any shape and report the first offending value.

Speed: valid input is the common case, so each check first makes one compiled pass over the values
(:func:`_all_within`, no temporary arrays) and only builds the boolean masks of the slow path — which finds the first
offending value for the message — when that pass finds something wrong.
"""

from __future__ import annotations

import math
import threading
import warnings
from contextlib import contextmanager

import numpy as np
from numba import njit

ABSOLUTE_ZERO_C = -273.15
"""Absolute zero [°C]."""


class ModelRangeWarning(UserWarning):
    """A model was evaluated outside the range of conditions its source paper validated it for.

    The result is still returned (usually by extrapolating the published equation), but it is less trustworthy.
    Filter it with ``warnings.simplefilter("ignore", ModelRangeWarning)`` where extrapolation is intended.
    """


def as_array(value, name: str) -> np.ndarray:
    """Convert ``value`` to a float64 array; raise ``ValueError`` naming ``name`` if it is not numeric.

    >>> as_array(2, "body_mass")
    array(2.)
    """
    try:
        return np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be a number or an array of numbers, got {value!r}") from exc


def _first_bad(arr: np.ndarray, bad: np.ndarray) -> float:
    return float(np.asarray(arr)[bad].flat[0]) if np.ndim(bad) else float(arr)


@njit(cache=True)
def _all_within_flat(flat, lo, hi, open_lo):  # pragma: no cover - compiled; checked against the mask path in tests
    """True if every element is finite and lo <= x <= hi (lo < x when ``open_lo``).

    Branch-free so that LLVM vectorises it: valid input, the common case, is read once at memory speed.
    """
    ok = True
    for i in range(flat.size):
        x = flat[i]
        ok &= (x >= lo) & (x <= hi) & (x - x == 0.0) & ((not open_lo) | (x != lo))
    return ok


@njit(cache=True)
def _first_outside_flat(flat, lo, hi):  # pragma: no cover - compiled; checked against the mask path in tests
    """Index of the first element below lo or above hi (NaN never counts), or -1."""
    for i in range(flat.size):
        if flat[i] < lo or flat[i] > hi:
            return i
    return -1


def _all_within(arr: np.ndarray, lo: float = -math.inf, hi: float = math.inf, open_lo: bool = False) -> bool:
    """Fast accept test for the checks below: all elements finite and in [lo, hi] (or (lo, hi])."""
    return arr.size == 0 or bool(_all_within_flat(arr.reshape(-1), lo, hi, open_lo))


def check_finite(name: str, value) -> np.ndarray:
    """Raise ``ValueError`` naming ``name`` if any element is NaN or infinite; return the value as an array.

    >>> check_finite("age", [30.0, 40.0])
    array([30., 40.])
    """
    arr = as_array(value, name)
    if _all_within(arr):
        return arr
    bad = ~np.isfinite(arr)
    if np.any(bad):
        raise ValueError(f"{name} must be a finite number, got {_first_bad(arr, bad)!r}")
    return arr


def check_nonnegative(name: str, value) -> np.ndarray:
    """Raise ``ValueError`` naming ``name`` unless every element is finite and >= 0.

    >>> check_nonnegative("load_mass", 0.0)
    array(0.)
    """
    arr = as_array(value, name)
    if _all_within(arr, 0.0):
        return arr
    arr = check_finite(name, value)
    bad = arr < 0
    if np.any(bad):
        raise ValueError(f"{name} must be >= 0, got {_first_bad(arr, bad)!r}")
    return arr


def check_positive(name: str, value) -> np.ndarray:
    """Raise ``ValueError`` naming ``name`` unless every element is finite and > 0.

    >>> check_positive("body_mass", 70.0)
    array(70.)
    """
    arr = as_array(value, name)
    if _all_within(arr, 0.0, open_lo=True):
        return arr
    arr = check_finite(name, value)
    bad = arr <= 0
    if np.any(bad):
        raise ValueError(f"{name} must be > 0, got {_first_bad(arr, bad)!r}")
    return arr


def check_fraction(name: str, value) -> np.ndarray:
    """Raise ``ValueError`` naming ``name`` unless every element is finite and in [0, 1].

    >>> check_fraction("relative_humidity", 0.5)
    array(0.5)
    """
    arr = as_array(value, name)
    if _all_within(arr, 0.0, 1.0):
        return arr
    arr = check_finite(name, value)
    bad = (arr < 0) | (arr > 1)
    if np.any(bad):
        raise ValueError(f"{name} must be between 0 and 1, got {_first_bad(arr, bad)!r}")
    return arr


def check_temperature(name: str, value) -> np.ndarray:
    """Raise ``ValueError`` naming ``name`` if any temperature [°C] is NaN or below absolute zero (-273.15 °C).

    >>> check_temperature("air_temperature", -40.0)
    array(-40.)
    """
    arr = as_array(value, name)
    if _all_within(arr, ABSOLUTE_ZERO_C):
        return arr
    arr = check_finite(name, value)
    bad = arr < ABSOLUTE_ZERO_C
    if np.any(bad):
        raise ValueError(f"{name} must be >= -273.15 °C (absolute zero), got {_first_bad(arr, bad)!r} °C")
    return arr


def check_in(name: str, value, allowed) -> np.ndarray:
    """Raise ``ValueError`` naming ``name`` unless every element is one of ``allowed``.

    >>> check_in("sex", [0, 1], (0, 1))
    array([0., 1.])
    """
    arr = check_finite(name, value)
    bad = ~np.isin(arr, np.asarray(allowed, dtype=np.float64))
    if np.any(bad):
        raise ValueError(f"{name} must be one of {tuple(allowed)}, got {_first_bad(arr, bad)!r}")
    return arr


_quiet = threading.local()  # .on: inside :func:`no_range_warnings` (per thread: a threaded Dask worker)


@contextmanager
def no_range_warnings():
    """Context in which :func:`warn_outside` returns at once: for a caller that ignores :class:`ModelRangeWarning`
    anyway (the engine's daily loop, thousands of model calls a day), so that it does not pay for the range scans.
    The ``check_*`` helpers still reject invalid values.

    >>> with no_range_warnings():
    ...     warn_outside("walking_speed", 3.0, 0.0, 2.0, "LCDA (Looney 2019)")  # no warning
    """
    before, _quiet.on = getattr(_quiet, "on", False), True
    try:
        yield
    finally:
        _quiet.on = before


def warn_outside(name: str, value, lo: float | None, hi: float | None, model: str, stacklevel: int = 3) -> None:
    """Issue a :class:`ModelRangeWarning` if any element of ``value`` lies outside [lo, hi] (None = unbounded).

    ``model`` names the model and its source, e.g. ``"Pandolf 1977"``; it goes into the message so the user knows
    which equation is being extrapolated.  NaNs are ignored here (they are rejected by the ``check_*`` helpers).

    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     warn_outside("walking_speed", 3.0, 0.0, 2.0, "LCDA (Looney 2019)")
    >>> caught[0].category.__name__
    'ModelRangeWarning'
    """
    if getattr(_quiet, "on", False):
        return
    arr = np.asarray(value, dtype=np.float64)
    first = -1 if arr.size == 0 else _first_outside_flat(
        arr.reshape(-1), -math.inf if lo is None else lo, math.inf if hi is None else hi)
    if first >= 0:
        lo_s = "-inf" if lo is None else f"{lo:g}"
        hi_s = "inf" if hi is None else f"{hi:g}"
        warnings.warn(
            f"{name} = {arr.reshape(-1)[first]:g} is outside the valid range [{lo_s}, {hi_s}] of {model}; "
            "the result is extrapolated",
            ModelRangeWarning,
            stacklevel=stacklevel,
        )
