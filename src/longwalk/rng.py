"""Counter-based random numbers: the one hash and the one uniform convention of the engine and the weather.

A draw is a pure function of a counter — ``(key, run, day, draw, person, lane)`` in the engine
(:mod:`longwalk.engine.random`), ``(run key, day · 4 + j)`` in the weather generator (:mod:`longwalk.atlas.weather`)
— so run *k*'s story does not depend on how many runs are computed together.  This is the construction of
counter-based generators (Salmon et al. 2011, "Parallel random numbers: as easy as 1, 2, 3", SC'11) with the
splitmix64 finaliser as the bijection (Steele, Lea & Flood 2014, "Fast splittable pseudorandom number generators",
OOPSLA; the constants are splitmix64's).

Each primitive is here once, in the three forms its users need: compiled for scalars (numba kernels), NumPy on
arrays, and plain Python integers (the slow, obvious references the kernels are tested against).

Uniforms: the top 53 bits of a hash ``h``, ``u = (h >> 11 + 1/2) · 2**-53``, the centre of each of 2**53 cells:
never 0, so ``log(u)`` is always finite (in float64 the centres of the top half of the cells round to even, so ``u``
lies in (0, 1], 1 with probability 2**-53).
"""

from __future__ import annotations

import numba
import numpy as np

GAMMA = 0x9E3779B97F4A7C15
"""splitmix64's increment (the golden ratio, 2**64 / φ, odd)."""
MASK64 = (1 << 64) - 1
TWO_M53 = 1.0 / 9007199254740992.0  # 2**-53

_M1 = 0xBF58476D1CE4E5B9
_M2 = 0x94D049BB133111EB
_U64 = numba.uint64


@numba.njit(inline="always")
def finalise(z):  # pragma: no cover - compiled; checked against finalise_py in the tests
    """The splitmix64 finaliser of a uint64 (a bijection that mixes every bit into every other)."""
    z = (z ^ (z >> _U64(30))) * _U64(_M1)
    z = (z ^ (z >> _U64(27))) * _U64(_M2)
    return z ^ (z >> _U64(31))


def finalise_np(z: np.ndarray) -> np.ndarray:
    """:func:`finalise` on a NumPy array (uint64; a copy)."""
    z = np.asarray(z).astype(np.uint64, copy=True)
    with np.errstate(over="ignore"):
        z ^= z >> np.uint64(30)
        z *= np.uint64(_M1)
        z ^= z >> np.uint64(27)
        z *= np.uint64(_M2)
        z ^= z >> np.uint64(31)
    return z


def finalise_py(z: int) -> int:
    """:func:`finalise` on a Python integer (the reference).

    >>> finalise_py(0)
    0
    >>> hex(finalise_py(GAMMA))  # splitmix64's first output from seed 0 (Steele et al. 2014)
    '0xe220a8397b1dcdaf'
    """
    z = z & MASK64
    z = ((z ^ (z >> 30)) * _M1) & MASK64
    z = ((z ^ (z >> 27)) * _M2) & MASK64
    return z ^ (z >> 31)


@numba.njit(inline="always")
def unit(h):  # pragma: no cover - compiled; checked against unit_py in the tests
    """Uniform on (0, 1] from a uint64 hash (the top 53 bits; an int64 converts to float in one instruction)."""
    return (float(numba.int64(h >> _U64(11))) + 0.5) * TWO_M53


def unit_np(h: np.ndarray) -> np.ndarray:
    """:func:`unit` on a NumPy array of hashes."""
    return ((np.asarray(h, dtype=np.uint64) >> np.uint64(11)).astype(np.float64) + 0.5) * TWO_M53


def unit_py(h: int) -> float:
    """:func:`unit` on a Python integer (the reference).

    >>> unit_py(0) == 2.0**-54, unit_py(2**64 - 1)
    (True, 1.0)
    """
    return ((h >> 11) + 0.5) * TWO_M53


@numba.njit(inline="always")
def uniform_at(key, counter):  # pragma: no cover - compiled; checked against uniform_at_py in the tests
    """The ``counter``-th uniform of the stream ``key``: ``unit(finalise(key + counter · GAMMA))`` (splitmix64's
    ``counter``-th output from state ``key``)."""
    return unit(finalise(key + _U64(counter) * _U64(GAMMA)))


def uniform_at_py(key: int, counter: int) -> float:
    """:func:`uniform_at` on Python integers (the reference)."""
    return unit_py(finalise_py(key + counter * GAMMA))
