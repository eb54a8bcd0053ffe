"""The outcome docs are generated, never typed: `tools/make_scenario_docs.py` re-runs the built-in scenarios and
rewrites the marked blocks of docs/the-way-back.md, docs/scenario-outcomes.md and README.md.  These tests check that
the committed blocks are what the script produces today (same seeds, same run counts: the numbers must match
exactly), and that the script keeps the hand-written text around them."""

from __future__ import annotations

import difflib
import doctest
import importlib.util
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _tool():
    name = "make_scenario_docs"
    if name not in sys.modules:  # dataclasses look their module up in sys.modules
        spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def test_every_generated_block_has_its_markers():
    tool = _tool()
    for path, names in tool.BLOCKS.items():
        found = list(tool.blocks((ROOT / path).read_text(encoding="utf-8")))
        assert found == list(names), f"{path}: generated blocks {found}, expected {list(names)}"


def test_fill_replaces_only_the_marked_blocks():
    tool = _tool()
    text = ("# Title\n\nHand-written, 6,500 km.\n\n<!-- generated:a:start -->\nold 1\n<!-- generated:a:end -->\n"
            "\nMore prose.\n<!-- generated:b:start -->\n<!-- generated:b:end -->\n")
    out = tool.fill(text, {"a": "new 1\n", "b": "new 2\n"})
    assert out == ("# Title\n\nHand-written, 6,500 km.\n\n<!-- generated:a:start -->\nnew 1\n<!-- generated:a:end -->\n"
                   "\nMore prose.\n<!-- generated:b:start -->\nnew 2\n<!-- generated:b:end -->\n")
    assert tool.blocks(out) == {"a": "new 1\n", "b": "new 2\n"}
    with pytest.raises(SystemExit, match="no markers for the generated block"):
        tool.fill(text, {"c": "x\n"})


def test_tool_doctests():
    failures, tried = doctest.testmod(_tool(), optionflags=doctest.ELLIPSIS)
    assert tried > 0 and failures == 0


@pytest.mark.slow
def test_generated_docs_are_current():
    """About 40 s of CPU on a warm route-plan cache (1,000 + 5 × 300 runs of The Way Back, 1,000 of each of the two
    other scenarios); the first plans of a fresh cache add a few seconds each."""
    tool = _tool()
    generated = tool.generate()
    assert {path: tuple(blocks) for path, blocks in generated.items()} == tool.BLOCKS
    stale = []
    for path, new in generated.items():
        committed = tool.blocks((ROOT / path).read_text(encoding="utf-8"))
        for name, text in new.items():
            if committed.get(name) != text:
                diff = difflib.unified_diff(committed.get(name, "").splitlines(), text.splitlines(),
                                            f"{path} (committed)", "generated", lineterm="", n=0)
                stale.append(f"{path}, block '{name}':\n" + "\n".join(list(diff)[:20]))
    assert not stale, f"out of date; run `{tool.COMMAND}`:\n" + "\n\n".join(stale)


def _outcomes(status, furthest):
    """A hand-made ensemble of a three-waypoint route (A at 0 km, B at 100 km, C at 200 km)."""
    import numpy as np

    tool = _tool()
    status = np.asarray(status, dtype=np.int8)
    track = SimpleNamespace(waypoint_x=np.array([0.0, 100e3, 200e3]), x=np.array([0.0, 100e3, 200e3]),
                            settlement_country=np.array(["RU", "MN", "CN"]))
    plan = SimpleNamespace(track=track, waypoint_names=("A", "B", "C"))
    shape = status.shape
    return tool.Outcomes(scenario=None, summary=None, plan=plan, overrides=(), status=status,
                         day=np.zeros(shape, int), cause=np.full(shape, "", dtype=object), chain=[],
                         furthest=np.asarray(furthest, dtype=float), end_position=np.zeros(shape),
                         end_bmi=np.zeros(shape), alive_at_join=np.zeros(shape, int), length=np.zeros(shape[0]),
                         walk_km=np.zeros(shape[0]))


def test_verdict_follows_the_numbers():
    tool = _tool()
    dead, arrived = 7, 6
    # four runs of two people: nobody arrives; the furthest anyone gets is B (100 km), in two runs
    none = _outcomes([[dead, dead]] * 4, [[150e3, 20e3], [99.95e3, 0.0], [50e3, 60e3], [10e3, 0.0]])
    assert tool.verdict(none, "the film", "two reach C", 2) == (
        "**The model disagrees with the film.** In the film two reach C; in the model nobody arrives in any of the 4 "
        "runs, and the furthest anyone gets is B, reached in 2 of 4 runs (50 %).")
    assert none.entered("MN").any(axis=1).sum() == 1  # 150 km; 99.95 km is within 100 m of B but short of Mongolia
    some = _outcomes([[arrived, dead]] + [[dead, dead]] * 19, [[200e3, 10e3]] + [[10e3, 10e3]] * 19)
    assert tool.verdict(some, "the book", "two reach C", 2) == (
        "**The model finds the book's outcome unlikely but possible.** In the book two reach C; in the model someone "
        "arrives in 1 of 20 runs (5.0 %), and 2 or more arrive in none of the 20 runs.")
