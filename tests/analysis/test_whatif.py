"""`whatif` on a tiny journey with few samples: the screening covers every input, the search stops at the first
size that reaches the probability asked for, and a flat outcome says that the ranking means nothing."""

from __future__ import annotations

import pytest
from helpers import itinerary, person

from longwalk.analysis.uncertain import FACTORS
from longwalk.analysis.whatif import whatif
from longwalk.errors import InputError

SMALL = dict(runs=6, trajectories=2, top=2, sobol_samples=2, search=2)


def test_an_outcome_met_in_every_run_needs_no_change():
    sc, plan = itinerary(60, "2020-06-10", max_days=10)
    result = whatif(sc, "everyone arrives", plan=plan, **SMALL)
    assert result.baseline.met == 6
    assert {s.name for s in result.screening} == {f.name for f in FACTORS}
    assert result.trials == [] and result.answer is None
    assert "already met" in result.answer_words()
    assert any("every Morris point" in n for n in result.notes)  # nothing moves it: the ranking says nothing
    assert result.ensembles == 1 + (len(FACTORS) + 1) * 2


def test_an_outcome_met_in_no_run_reports_the_best_tried():
    # 600 km in 5 days: nobody arrives whatever the inputs
    sc, plan = itinerary(600, "2020-06-06", max_days=5)
    result = whatif(sc, "a arrives", plan=plan, **SMALL)
    assert result.baseline.met == 0 and result.answer is None
    assert len(result.trials) == 4  # two inputs: each alone, both, then every input at once
    assert len(result.trials[-1].changes) == len(FACTORS)
    assert result.answer_words() == ("No set of changes tried (of 4, every input within its range) lifts it to 50 %; "
                                     "none meets it in any of its 6 runs.")


def test_bad_counts_and_targets_are_refused():
    sc, plan = itinerary(60, "2020-06-10", party=[person("a")], max_days=10)
    with pytest.raises(InputError, match="power of two"):
        whatif(sc, "a arrives", plan=plan, **{**SMALL, "sobol_samples": 3})
    with pytest.raises(InputError, match="the party is a"):
        whatif(sc, "Janusz arrives", plan=plan, **SMALL)
