"""ensemble layer (see docs/architecture.md): many runs of a scenario, summarised.

``run_ensemble(scenario, n_runs=1000, seed=0, batch_size=None, *, workers=1, scheduler=None, out=None,
resume=False)`` → :class:`EnsembleSummary`.
"""

from longwalk.ensemble.reference import REFERENCE_STORIES, ReferenceStory, ToldFate, story_distance
from longwalk.ensemble.run import EnsembleSummary, PersonOdds, run_ensemble, summarise, wilson_interval

__all__ = ["EnsembleSummary", "PersonOdds", "REFERENCE_STORIES", "ReferenceStory", "ToldFate", "run_ensemble",
           "story_distance", "summarise", "wilson_interval"]
