"""Validation against real people: published observations, predictions through the public models or a scenario
run through the engine, and a tolerance declared with each case.

A :class:`Case` is one published observation of real people (a trail's thru-hikers, a starvation experiment, a
desert march) with its source, the observed value, the band the prediction must fall in (from the source's own
spread where it gives one), and a ``predict`` function that computes the same quantity from longwalk.  Cases live
in :mod:`longwalk.validation.cases`, one module per topic, registered with :func:`case`.

Honest calibration: a case whose number was used to fit a parameter is a *calibration* case (``role =
"calibration"``, the parameters named in ``fitted``); it shows the fit holds but validates nothing.  The suite's
score is reported for the two roles apart (``longwalk validate``, ``docs/validation.md``).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

TOPICS = ("pace", "starvation", "water", "cold", "heat", "altitude", "injury", "journey")
"""The kinds of observation, in the order the report lists them."""

Role = Literal["validation", "calibration"]


@dataclass(frozen=True)
class Case:
    """One published observation of real people and how longwalk predicts it.

    ``low``/``high`` bound the accepted prediction, in ``unit``; ``tolerance`` says where the band comes from
    (the source's own spread, or a stated judgement).  ``constrains`` names the model parameters or behaviour rules
    the case tests (dotted paths such as ``"models.walking.sustainable_vo2max_fraction"`` or
    ``"engine.phases.HUNGRY_DAYS"``); ``fitted`` those of them whose value was fitted to this very number, which
    makes the case a calibration check.
    """

    id: str
    title: str
    topic: str
    source: str  # author(s), year, title, and the table, figure or page the number comes from
    observed: float
    low: float
    high: float
    unit: str
    tolerance: str  # where the band comes from
    predict: Callable[[], float]
    method: str = ""  # how longwalk predicts it: which models or which scenario, with the inputs
    constrains: tuple[str, ...] = ()
    fitted: tuple[str, ...] = ()
    slow: bool = False  # runs the engine for more than a few seconds
    note: str = ""  # what a failure means, or caveats of the comparison

    @property
    def role(self) -> Role:
        return "calibration" if self.fitted else "validation"


@dataclass(frozen=True)
class Result:
    case: Case
    predicted: float
    passed: bool
    seconds: float
    error: str = ""

    def as_dict(self) -> dict:
        c = self.case
        return {
            "id": c.id, "title": c.title, "topic": c.topic, "role": c.role, "source": c.source,
            "observed": c.observed, "low": c.low, "high": c.high, "unit": c.unit, "tolerance": c.tolerance,
            "predicted": None if math.isnan(self.predicted) else self.predicted, "passed": self.passed,
            "method": c.method, "constrains": list(c.constrains), "fitted": list(c.fitted), "slow": c.slow,
            "note": c.note, "error": self.error, "seconds": round(self.seconds, 3),
        }


REGISTRY: dict[str, Case] = {}
"""Every case by id, filled when :mod:`longwalk.validation.cases` is imported (see :func:`cases`)."""


def case(*, id: str, title: str, topic: str, source: str, observed: float, low: float, high: float, unit: str,
         tolerance: str, method: str = "", constrains: tuple[str, ...] = (), fitted: tuple[str, ...] = (),
         slow: bool = False, note: str = "") -> Callable[[Callable[[], float]], Callable[[], float]]:
    """Register the decorated function (no arguments, returns the prediction in ``unit``) as a case."""

    def register(predict: Callable[[], float]) -> Callable[[], float]:
        if id in REGISTRY:
            raise ValueError(f"validation case id {id!r} is registered twice")
        if topic not in TOPICS:
            raise ValueError(f"validation case {id!r}: topic {topic!r} is not one of {', '.join(TOPICS)}")
        if not low <= high:
            raise ValueError(f"validation case {id!r}: low {low} exceeds high {high}")
        if not set(fitted) <= set(constrains):
            raise ValueError(f"validation case {id!r}: fitted parameters must also be listed in constrains")
        REGISTRY[id] = Case(id=id, title=title, topic=topic, source=source, observed=observed, low=low, high=high,
                            unit=unit, tolerance=tolerance, predict=predict, method=method,
                            constrains=tuple(constrains), fitted=tuple(fitted), slow=slow, note=note)
        return predict

    return register


def cases() -> dict[str, Case]:
    """All registered cases, by topic then id."""
    import longwalk.validation.cases  # noqa: F401  (registers them)

    return dict(sorted(REGISTRY.items(), key=lambda kv: (TOPICS.index(kv[1].topic), kv[0])))


def run_case(c: Case) -> Result:
    """Predict one case; an exception in the prediction is a failed case with its message, not a crash."""
    t0 = time.perf_counter()
    try:
        predicted = float(c.predict())
        error = ""
    except Exception as exc:  # a broken prediction is reported as a failure of that case
        predicted, error = math.nan, f"{type(exc).__name__}: {exc}"
    passed = not error and math.isfinite(predicted) and c.low <= predicted <= c.high
    return Result(case=c, predicted=predicted, passed=passed, seconds=time.perf_counter() - t0, error=error)


__all__ = ["TOPICS", "Case", "Result", "REGISTRY", "case", "cases", "run_case"]
