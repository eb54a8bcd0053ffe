"""NumPy helpers that the model equations use and that numba compiles for scalars without temporary arrays.

The equations shared by the public functions and the compiled kernels (the walking speed solvers) are
``register_jitable``: NumPy on arrays when called from Python, compiled when called from the kernel.  numba compiles
``np.where`` and ``np.interp`` on a scalar into a 0-d array allocation, which costs more than the equation itself;
these two helpers are ``np.where`` / ``np.interp`` from Python and a branch / a table walk when compiled for a scalar,
giving the same numbers (the interpolation follows NumPy's formula, ``slope · (x - xp[j]) + fp[j]``).
"""

from __future__ import annotations

import numpy as np
from numba import types
from numba.extending import overload


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
