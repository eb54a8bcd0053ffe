"""Counter-based random numbers: run *k*'s story does not depend on how many runs are computed together.

A journey draws its random numbers day by day, for many runs at once.  With one ``numpy.random.Generator`` per
batch, the numbers run *k* gets would depend on the batch it sits in.  Instead every draw is a pure function of
``(key, run, day, draw, person, lane)``: a 64-bit hash (the ``splitmix64`` finaliser, Steele, Lea & Flood 2014,
"Fast splittable pseudorandom number generators", OOPSLA) applied to the counter, one mixing round per
coordinate.  This is the construction of counter-based generators (Salmon et al. 2011, "Parallel random numbers:
as easy as 1, 2, 3", SC'11), with splitmix64 as the bijection.

The keys come from one ``numpy.random.SeedSequence(seed)``: one child sequence per purpose (weather, decisions,
movement, ...), so the streams of different phases are independent (STYLE.md: explicit, seeded, one stream per
purpose).  The hash is computed by a small numba kernel, tested against a plain NumPy implementation of the same
function (``tests/engine/test_random.py``).  The splitmix64 finaliser and the uniform convention are those of
:mod:`longwalk.rng`, shared with the weather generator.
"""

from __future__ import annotations

import numba
import numpy as np

from longwalk.rng import GAMMA, TWO_M53, finalise, finalise_np

PURPOSES: tuple[str, ...] = (
    "weather",
    "decisions",
    "movement",
    "supplies",
    "physiology",
    "incidents",
    "deaths",
    "events",
)
"""The streams, one per phase or purpose; the order is fixed so that a seed keeps its meaning."""

# odd multipliers that spread each counter coordinate before it is mixed in
_C_RUN = np.uint64(0xD1B54A32D192ED03)
_C_DAY = np.uint64(0xABC98388FB8FAC03)
_C_DRAW = np.uint64(0x8CB92BA72F3D8DD7)
_C_PERSON = np.uint64(0xDB4F0B9175AE2165)
_C_LANE = np.uint64(0xC2B2AE3D27D4EB4F)


@numba.njit(cache=True, inline="always")
def _mix(x):
    """One mixing round: splitmix64's next output from state ``x``."""
    return finalise(x + np.uint64(GAMMA))


@numba.njit(cache=True)
def _hash_kernel(key, run_ids, day, draw, n_people, lane, out):
    c_run = np.uint64(0xD1B54A32D192ED03)
    c_day = np.uint64(0xABC98388FB8FAC03)
    c_draw = np.uint64(0x8CB92BA72F3D8DD7)
    c_person = np.uint64(0xDB4F0B9175AE2165)
    c_lane = np.uint64(0xC2B2AE3D27D4EB4F)
    h_day = np.uint64(day) * c_day
    h_draw = np.uint64(draw) * c_draw
    h_lane = np.uint64(lane) * c_lane
    for i in range(run_ids.shape[0]):
        h = _mix(key + np.uint64(run_ids[i]) * c_run)
        h = _mix(h + h_day)
        h = _mix(h + h_draw)
        h = _mix(h + h_lane)
        for p in range(n_people):
            out[i, p] = _mix(h + np.uint64(p) * c_person)


def hash_counters(key: int, run_ids: np.ndarray, day: int, draw: int, n_people: int, lane: int = 0) -> np.ndarray:
    """The 64-bit hash of every counter ``(key, run, day, draw, person, lane)``, shape (runs, people)."""
    run_ids = np.ascontiguousarray(run_ids, dtype=np.uint64)
    out = np.empty((run_ids.shape[0], n_people), dtype=np.uint64)
    _hash_kernel(np.uint64(key), run_ids, int(day), int(draw), int(n_people), int(lane), out)
    return out


def hash_counters_reference(
    key: int, run_ids: np.ndarray, day: int, draw: int, n_people: int, lane: int = 0
) -> np.ndarray:
    """Plain NumPy version of :func:`hash_counters` (the slow, obvious reference the kernel is tested against)."""

    def mix(x):
        return finalise_np(x + np.uint64(GAMMA))

    with np.errstate(over="ignore"):
        runs = np.asarray(run_ids, dtype=np.uint64)[:, None]
        people = np.arange(n_people, dtype=np.uint64)[None, :]
        h = mix(np.uint64(key) + runs * _C_RUN)
        h = mix(h + np.uint64(day) * _C_DAY)
        h = mix(h + np.uint64(draw) * _C_DRAW)
        h = mix(h + np.uint64(lane) * _C_LANE)
        return mix(h + people * _C_PERSON)


def _to_unit(h: np.ndarray) -> np.ndarray:
    """Top 53 bits of a uint64 hash → float64 uniform on [0, 1) (the cell's lower edge).

    Not :func:`longwalk.rng.unit_np` (the cell's centre, on (0, 1]): the engine's normals take ``log1p(-u)``, the
    weather's ``log(u)``; moving the engine to the shared convention changes every draw it makes (its fates with
    them), so it waits for a change that regenerates the same-seed fates on purpose.
    """
    return (h >> np.uint64(11)).astype(np.float64) * TWO_M53


class Streams:
    """One counter-based random stream per purpose, all derived from one seed.

    Every method takes the global run indices (so run *k* gets the same numbers in any batch), the day, and a
    ``draw`` number that separates different uses within one phase and day; ``people`` is the number of
    columns (a person index).  Two calls with the same arguments return the same numbers.

    >>> s = Streams(0)
    >>> a = s.uniform("deaths", np.array([3, 7]), day=5, draw=0, people=2)
    >>> b = s.uniform("deaths", np.array([7]), day=5, draw=0, people=2)
    >>> bool((a[1] == b[0]).all())
    True
    """

    def __init__(self, seed: int):
        self.seed = int(seed)
        children = np.random.SeedSequence(self.seed).spawn(len(PURPOSES))
        self.keys = {
            name: int(child.generate_state(1, dtype=np.uint64)[0])
            for name, child in zip(PURPOSES, children, strict=True)
        }

    def _key(self, purpose: str) -> int:
        try:
            return self.keys[purpose]
        except KeyError:
            raise ValueError(f"unknown random stream '{purpose}'; known: {', '.join(PURPOSES)}") from None

    def uniform(self, purpose: str, run_ids: np.ndarray, day: int, draw: int, people: int = 1) -> np.ndarray:
        """Uniform numbers on [0, 1), shape (runs, people)."""
        return _to_unit(hash_counters(self._key(purpose), run_ids, day, draw, people))

    def normal(self, purpose: str, run_ids: np.ndarray, day: int, draw: int, people: int = 1) -> np.ndarray:
        """Standard normal numbers, shape (runs, people), by the Box–Muller transform of two uniforms."""
        key = self._key(purpose)
        u1 = _to_unit(hash_counters(key, run_ids, day, draw, people, lane=1))
        u2 = _to_unit(hash_counters(key, run_ids, day, draw, people, lane=2))
        return np.sqrt(-2.0 * np.log1p(-u1)) * np.cos(2.0 * np.pi * u2)

    def generators(self, purpose: str, run_ids: np.ndarray) -> list[np.random.Generator]:
        """One ``numpy.random.Generator`` per run, seeded from (purpose key, run id) — for setup-time draws only.

        Daily draws use :meth:`uniform` (vectorised); this is for the rare per-run object that wants a Generator.
        """
        key = self._key(purpose)
        return [np.random.default_rng([key, int(r)]) for r in np.asarray(run_ids)]
