"""compose.only_where: a per-person model worked out for the masked entries only gives them exactly what the full
arrays give, and the fill elsewhere, whatever the shapes of the arguments."""

from __future__ import annotations

import numpy as np
import pytest

from longwalk.engine.compose import only_where


def _model(a, b, c, d, e=0.0):
    return np.exp(a) * b + c - d / (1.0 + e), np.hypot(a, b)


@pytest.mark.parametrize("runs, people", [(5, 3), (3, 3), (1, 4), (6, 1), (4, 2)])
def test_masked_entries_equal_the_full_arrays_bit_for_bit(runs, people):
    rng = np.random.default_rng(runs * 10 + people)
    mask = rng.random((runs, people)) < 0.6
    a = rng.normal(size=(runs, people))
    b = rng.normal(size=(runs, 1))  # per run
    c = rng.normal(size=people)  # per person
    d = rng.normal(size=(1, people))
    got = only_where(mask, _model, a, b, c, d, e=2.5, fill=-7.0)
    full = _model(a, b, c, d, 2.5)  # the reference: NumPy broadcasting over the whole arrays
    for g, f in zip(got, full, strict=True):
        assert g.shape == (runs, people)
        np.testing.assert_array_equal(g[mask], np.broadcast_to(f, (runs, people))[mask])
        assert (g[~mask] == -7.0).all()


def test_nobody_masked_gives_the_fill_and_one_result_an_array():
    mask = np.zeros((3, 2), bool)
    out = only_where(mask, np.sqrt, np.ones((3, 2)), fill=0.5)
    assert isinstance(out, np.ndarray) and out.shape == (3, 2) and (out == 0.5).all()
