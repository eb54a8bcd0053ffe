"""engine.track.interp must return numpy.interp's exact bits: the engine's results depend on it."""

import numpy as np

from longwalk.engine.track import interp


def test_interp_is_bit_identical_to_numpy():
    rng = np.random.default_rng(7)
    for _ in range(200):
        n = int(rng.integers(2, 300))
        xp = np.sort(rng.uniform(0.0, 1e6, n))
        if n > 4:  # duplicate nodes, as a route has where a waypoint is also a step
            xp[n // 2] = xp[n // 2 - 1]
        fp = rng.normal(size=n)
        x = np.concatenate([
            rng.uniform(-1e5, 1.1e6, 400),  # in and out of range, unsorted
            xp,  # exact node hits
            np.nextafter(xp, np.inf), np.nextafter(xp, -np.inf),  # just either side of a node
            [np.nan, np.inf, -np.inf],
        ])
        assert interp(x, xp, fp).tobytes() == np.interp(x, xp, fp).tobytes()
