"""The counter-based primitives: compiled, NumPy and plain-Python forms agree; splitmix64's published output."""

from __future__ import annotations

import numba
import numpy as np

from longwalk.rng import GAMMA, finalise, finalise_np, finalise_py, uniform_at, uniform_at_py, unit, unit_np, unit_py

VALUES = [0, 1, GAMMA, 2**63, 2**64 - 1, 0x0123456789ABCDEF] + [int(v) for v in np.random.default_rng(3).integers(
    0, 2**63, 50, dtype=np.uint64)]


@numba.njit
def _compiled(zs, out_h, out_u, out_c):
    for i in range(zs.shape[0]):
        out_h[i] = finalise(zs[i])
        out_u[i] = unit(zs[i])
        out_c[i] = uniform_at(zs[i], i)


def test_three_forms_agree():
    zs = np.array(VALUES, dtype=np.uint64)
    h, u, c = np.empty_like(zs), np.empty(zs.size), np.empty(zs.size)
    _compiled(zs, h, u, c)
    assert [int(x) for x in h] == [finalise_py(v) for v in VALUES]
    assert [int(x) for x in finalise_np(zs)] == [finalise_py(v) for v in VALUES]
    assert list(u) == [unit_py(v) for v in VALUES] == list(unit_np(zs))
    assert list(c) == [uniform_at_py(v, i) for i, v in enumerate(VALUES)]


def test_splitmix64_first_outputs_from_seed_zero():
    # splitmix64 (Steele, Lea & Flood 2014; Vigna's reference C code) from state 0: the n-th output is
    # finalise(n · GAMMA); the first two are well known
    assert finalise_py(GAMMA) == 0xE220A8397B1DCDAF
    assert finalise_py(2 * GAMMA & (2**64 - 1)) == 0x6E789E6AA1B965F4


def test_uniforms_are_never_zero():
    # the smallest is half a cell, 2**-54; the top cell's centre 1 - 2**-54 rounds (to even) to 1
    assert unit_py(0) == 2.0**-54
    assert unit_py(2**11 - 1) == 2.0**-54  # the low 11 bits do not count
    assert unit_py(2**64 - 1) == 1.0
