"""Processes compiling the models' kernels at once into one fresh numba cache leave a cache every later run loads
safely (models._jit.compile_lock): without the lock, numba's gufunc cache races (numba issue #10128) and, in 4 of 6
tries here, every later run that loaded the cache died of a segmentation fault."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from longwalk.models._jit import compile_lock, compile_lock_path

# Import the three modules with eagerly compiled kernels and use one of each kind; print a number to compare.
_CHILD = """
import numpy as np
from longwalk.models import thermal, walking, water
loss = water.daily_water_loss(np.full(3, 70.0), 1.75, np.full(3, 400.0), np.full(3, 8.0), np.full(3, 1.2),
                              np.full(3, 30.0), np.full(3, 25.0), 0.3, 1.0, 0.6)
speed = walking.daily_walking_speed(0.05, 1.6, 70.0, 20.0, 35.0, 8.0)
print(repr((float(loss.total[0]), float(speed))))
"""


def _start(cache):
    env = dict(os.environ, NUMBA_CACHE_DIR=str(cache))
    return subprocess.Popen([sys.executable, "-c", _CHILD], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


@pytest.mark.slow
def test_kernels_compiled_at_once_by_three_processes_load_safely_afterwards(tmp_path):
    answers = set()
    for trial in range(3):
        cache = tmp_path / f"numba-{trial}"
        racing = [_start(cache) for _ in range(3)]
        for p in racing:
            out, err = p.communicate(timeout=600)
            assert p.returncode == 0, err[-2000:]
            answers.add(out.strip())
        later = _start(cache)  # loads every kernel from the cache the three wrote
        out, err = later.communicate(timeout=600)
        assert later.returncode == 0, f"a run loading the cache failed (rc {later.returncode}): {err[-2000:]}"
        answers.add(out.strip())
    assert len(answers) == 1  # the same numbers compiled or loaded


def test_the_lock_is_one_per_cache_location_and_reentrant_across_calls(monkeypatch, tmp_path):
    monkeypatch.setenv("NUMBA_CACHE_DIR", str(tmp_path / "a"))
    a = compile_lock_path()
    monkeypatch.setenv("NUMBA_CACHE_DIR", str(tmp_path / "b"))
    assert compile_lock_path() != a
    with compile_lock():
        with compile_lock():  # re-entrant: a compile that imports a module compiling more does not wait on itself
            pass
    with compile_lock():  # released on leaving: taken again at once
        assert compile_lock_path().exists()


def test_every_model_kernel_is_compiled_under_the_lock():
    """A ufunc kernel decorated with numba's own vectorize or guvectorize would compile outside the lock: the
    models take them from models._jit (a kernel added with numba's decorator would bring back the race)."""
    import re
    from pathlib import Path

    import longwalk.models

    numba_decorator = re.compile(r"^\s*@numba\.(gu)?vectorize\b|numba\.(gu)?vectorize\(")

    unlocked = [f"{path.name}:{n}" for path in Path(longwalk.models.__file__).parent.glob("*.py")
                if path.name != "_jit.py"
                for n, line in enumerate(path.read_text().splitlines(), 1)
                if numba_decorator.search(line)]
    assert not unlocked, f"compile these with longwalk.models._jit's decorators: {unlocked}"
