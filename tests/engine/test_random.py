"""Counter-based random streams: the numba kernel against the plain NumPy reference, uniformity, independence
of batching, of purposes and of seeds."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from longwalk.engine.random import PURPOSES, Streams, hash_counters, hash_counters_reference


def test_kernel_matches_reference():
    runs = np.array([0, 1, 7, 12345, 2**40])
    for key, day, draw, lane in [(0, 0, 0, 0), (2**63 + 5, 17, 3, 2), (123456789, 400, 9, 1)]:
        got = hash_counters(key, runs, day, draw, 5, lane)
        ref = hash_counters_reference(key, runs, day, draw, 5, lane)
        assert np.array_equal(got, ref)


def test_splitmix_known_value():
    # one mixing round is splitmix64's next(): its first output from state 0 is 0xE220A8397B1DCDAF
    # (Vigna's reference implementation splitmix64.c, prng.di.unimi.it)
    from longwalk.engine.random import _mix

    assert int(_mix(np.uint64(0))) == 0xE220A8397B1DCDAF


def test_uniform_distribution():
    s = Streams(42)
    u = s.uniform("deaths", np.arange(20_000), day=3, draw=1, people=5).ravel()
    assert u.min() >= 0.0 and u.max() < 1.0
    # Kolmogorov-Smirnov against U(0, 1); p < 1e-3 would be a real defect at this sample size
    assert stats.kstest(u, "uniform").pvalue > 1e-3
    # adjacent people and adjacent runs are uncorrelated
    grid = s.uniform("deaths", np.arange(20_000), day=3, draw=1, people=2)
    assert abs(np.corrcoef(grid[:, 0], grid[:, 1])[0, 1]) < 0.03


def test_normal_distribution():
    z = Streams(1).normal("weather", np.arange(50_000), day=0, draw=0, people=2).ravel()
    assert abs(z.mean()) < 0.02 and abs(z.std() - 1.0) < 0.02
    assert stats.kstest(z, "norm").pvalue > 1e-3


def test_independent_of_batching():
    s = Streams(7)
    batch = s.uniform("incidents", np.arange(10_000), day=12, draw=2, people=8)
    for k in (0, 1, 5000, 9999):
        alone = s.uniform("incidents", np.array([k]), day=12, draw=2, people=8)
        assert np.array_equal(alone[0], batch[k])
    shuffled = np.array([9999, 3, 5000])
    assert np.array_equal(s.uniform("incidents", shuffled, 12, 2, 8), batch[shuffled])


def test_streams_differ_by_purpose_day_draw_and_seed():
    runs = np.arange(1000)
    a = Streams(0)
    base = a.uniform("deaths", runs, 1, 0, 3)
    for other in (a.uniform("incidents", runs, 1, 0, 3), a.uniform("deaths", runs, 2, 0, 3),
                  a.uniform("deaths", runs, 1, 1, 3), Streams(1).uniform("deaths", runs, 1, 0, 3)):
        assert not np.any(other == base)
        assert abs(np.corrcoef(other.ravel(), base.ravel())[0, 1]) < 0.06
    assert len(set(a.keys.values())) == len(PURPOSES)


def test_unknown_purpose():
    with pytest.raises(ValueError, match="unknown random stream"):
        Streams(0).uniform("nope", np.arange(2), 0, 0)
