"""A tiny registry of made-up cases, so that tests of the command and the doc run fast and depend on no real case."""

from __future__ import annotations

import pytest

from longwalk import validation


@pytest.fixture
def tiny_registry(monkeypatch):
    """Replace the registry with three cases: a fast pass, a fast failure with a note, a slow calibration case."""
    monkeypatch.setattr(validation, "REGISTRY", {})
    common = dict(source="Made up for the test", unit="km day-1", tolerance="a stated judgement")
    validation.case(id="pace-made-up-pass", title="A pass", topic="pace", observed=20.0, low=15.0, high=25.0,
                    constrains=("models.walking.x",), **common)(lambda: 21.0)
    validation.case(id="water-made-up-fail", title="A failure", topic="water", observed=3.0, low=2.0, high=4.0,
                    note="fails because it is made up", constrains=("models.walking.x", "models.water.y"),
                    **common)(lambda: 9.0)
    validation.case(id="journey-made-up-slow", title="A slow calibration case", topic="journey", observed=30.0,
                    low=25.0, high=35.0, constrains=("models.water.y",), fitted=("models.water.y",), slow=True,
                    **common)(lambda: 30.0)
    return validation.REGISTRY
