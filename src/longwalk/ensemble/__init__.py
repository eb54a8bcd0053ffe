"""ensemble layer (see docs/architecture.md): many runs of a scenario, summarised.

``run_ensemble(scenario, n_runs=1000, seed=0, batch_size=2000)`` → :class:`EnsembleSummary`.
"""

from longwalk.ensemble.run import EnsembleSummary, PersonOdds, run_ensemble, wilson_interval

__all__ = ["EnsembleSummary", "PersonOdds", "run_ensemble", "wilson_interval"]
