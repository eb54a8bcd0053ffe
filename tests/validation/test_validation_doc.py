"""docs/validation.md is what tools/make_validation_doc.py writes from the cases as they are now.

The currency tests re-run the cases and compare each one's prediction and verdict (rounded as the doc rounds)
with docs/validation.json and with its row in docs/validation.md.  When they fail, regenerate the doc with
``python tools/make_validation_doc.py`` and commit the three files.
"""

import importlib.util
import json
from pathlib import Path

import pytest
from registry_fixture import tiny_registry  # noqa: F401  (a fixture)

from longwalk import validation
from longwalk.validation import format_value, run_case

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
REGENERATE = "regenerate with `python tools/make_validation_doc.py` and commit docs/validation.*"


def _tool():
    spec = importlib.util.spec_from_file_location("make_validation_doc", ROOT / "tools" / "make_validation_doc.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_script_writes_table_scores_failures_and_constraints(tiny_registry, tmp_path):
    tool = _tool()
    assert tool.main(["--out", str(tmp_path)]) == 0
    md = (tmp_path / "validation.md").read_text(encoding="utf-8")
    assert md.count(tool.COMMAND) >= 1 and md.index(tool.COMMAND) < md.index("## Scores")
    assert "**Validation cases**: 1 of 2 passed (50%)" in md
    assert "**Calibration cases**" in md and "1 of 1 passed (100%)" in md
    assert "### pace" in md and "### water" in md and "### journey" in md and "### cold" not in md
    assert "| `pace-made-up-pass`<br>A pass | Made up for the test | 20.0 km day-1 | 21.0 | 15.0–25.0" in md
    assert "`water-made-up-fail`: predicted 9.00 km day-1, outside 2.00–4.00. fails because it is made up" in md
    assert "| `models.water.y` | `water-made-up-fail`, `journey-made-up-slow` | `journey-made-up-slow` |" in md
    assert "| `models.walking.x` | `pace-made-up-pass`, `water-made-up-fail` |  |" in md
    assert (tmp_path / "validation.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    data = json.loads((tmp_path / "validation.json").read_text(encoding="utf-8"))
    assert data["scores"] == {"validation": {"passed": 1, "total": 2}, "calibration": {"passed": 1, "total": 1}}
    assert [r["id"] for r in data["results"]] == ["pace-made-up-pass", "water-made-up-fail", "journey-made-up-slow"]


def test_band_position_puts_the_band_edges_at_plus_and_minus_one(tiny_registry):
    tool = _tool()
    c = validation.REGISTRY["water-made-up-fail"]  # observed 3, band 2–4
    at = [tool.band_position(validation.Result(case=c, predicted=p, passed=True, seconds=0.0)) for p in (2, 3, 4, 9)]
    assert at == [-1.0, 0.0, 1.0, 6.0]


def _check_current(slow: bool) -> None:
    tool = _tool()
    path = DOCS / "validation.json"
    if not path.exists():
        pytest.fail(f"docs/validation.json is missing: {REGENERATE}")
    recorded = {r["id"]: r for r in json.loads(path.read_text(encoding="utf-8"))["results"]}
    md = (DOCS / "validation.md").read_text(encoding="utf-8")
    registry = validation.cases()
    if not slow:
        missing, gone = sorted(set(registry) - set(recorded)), sorted(set(recorded) - set(registry))
        assert not missing and not gone, f"cases not in the doc: {missing}; in the doc, not registered: {gone}; " \
                                         f"{REGENERATE}"
    stale = []
    for cid, c in registry.items():
        if c.slow is not slow:
            continue
        r = run_case(c)
        was = recorded[cid]
        if format_value(was["predicted"]) != format_value(r.predicted) or was["passed"] is not r.passed:
            stale.append(f"{cid}: the doc says {format_value(was['predicted'])} ({'pass' if was['passed'] else 'fail'})"
                         f", now {format_value(r.predicted)} ({'pass' if r.passed else 'fail'})")
        elif tool.table_row(r) not in md:
            stale.append(f"{cid}: its row in docs/validation.md differs (title, source, band or tolerance changed?)")
    assert not stale, "; ".join(stale) + f"; {REGENERATE}"


def test_the_doc_is_current_for_the_fast_cases():
    _check_current(slow=False)


@pytest.mark.slow
def test_the_doc_is_current_for_the_slow_cases():
    _check_current(slow=True)
