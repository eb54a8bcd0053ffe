"""Same seed, same fates: the engine as it is now against the engine of a named commit, on every built-in scenario.

``tests/engine/data/fates-<scenario>.json`` holds the fates (status, day, cause of each person) of runs 0-49, seed
0, written by ``tools/engine_fates.py`` from the engine of the commit the file names.  A change meant to make the
engine faster or better organised must leave them exactly as they are.  A change to a model or a rule that is
meant to change outcomes regenerates them (``python tools/engine_fates.py``, committed with the change, its message
saying why the fates moved); they are a guard against unintended change, not a validation of the models.

The plans come from the route cache; a scenario whose plan is not cached is planned first (a minute or more).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
FILES = sorted(DATA.glob("fates-*.json"))
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
from engine_fates import fates_of  # noqa: E402


def test_every_builtin_scenario_has_fates():
    from longwalk.scenario.loader import builtin_scenarios

    assert {f.name for f in FILES} == {f"fates-{n}.json" for n in builtin_scenarios()}


@pytest.mark.parametrize("path", FILES, ids=[f.stem.removeprefix("fates-") for f in FILES])
def test_same_fates_as_the_recorded_engine(path):
    recorded = json.loads(path.read_text())
    now = fates_of(recorded["scenario"], recorded["runs"], recorded["seed"])
    assert now["people"] == recorded["people"]
    differ = [(run, person, before, after)
              for run, (row_before, row_after) in enumerate(zip(recorded["fates"], now["fates"], strict=True))
              for person, (before, after) in enumerate(zip(row_before, row_after, strict=True))
              if before != after]
    assert not differ, (f"{len(differ)} fates differ from the engine of {recorded['commit']} "
                        f"(run, person, [status, day, cause] then, now): {differ[:10]}")
