"""engine layer (see docs/architecture.md): journey state, daily phases, policy, events, journal records.

``simulate(scenario, n_runs=1, seed=0, ...)`` runs a scenario; :mod:`longwalk.engine.records` holds what it returns.
"""

from longwalk.engine.records import DailyRecord, Fate, Incident, JourneyResult, Status
from longwalk.engine.simulate import simulate

__all__ = ["DailyRecord", "Fate", "Incident", "JourneyResult", "Status", "simulate"]
