"""What a journey produces: the contract between the engine and everything that reads its results.

The engine fills these; the report layer (journal, summary, CSV, GeoJSON/GPX), the ensemble layer and the
CLI only read them.  Arrays are shaped ``(runs, days, people)`` or ``(runs, days)``; day 0 is the start date.
Units follow :mod:`longwalk.glossary`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import IntEnum

import numpy as np


class Status(IntEnum):
    """A person's status at the end of a day."""

    ABSENT = 0  # not yet joined
    WALKING = 1
    RESTING = 2
    SICK = 3
    LOST = 4
    LEFT = 5  # left the party by choice (scenario event or policy)
    ARRIVED = 6
    DEAD = 7


INCIDENT_KINDS = (
    # what happens to a person
    "death", "join", "leave", "arrive", "lost", "found", "left_behind", "injury", "illness", "frostbite",
    "altitude_sickness",
    # what happens to the party (person -1)
    "waypoint", "water_found", "water_lost", "water_gone", "food_gone", "food_given", "food_bought", "cache",
    "betrayed", "detour_settlement", "detour_water", "blizzard_halt", "sandstorm", "sandstorm_thirsty",
    "river_crossing", "lake_crossing",
)
"""Every :attr:`Incident.kind` the engine records.  Facts, not words: ``food_gone`` is the day the last food
carried was eaten, ``water_gone`` the day the water carried ran out with no source to refill it,
``sandstorm_thirsty`` a sandstorm walked through because the party was short of water (it would otherwise have
waited it out), ``detour_settlement`` and ``detour_water`` the start of a detour off the route.  The journal
(:mod:`longwalk.report.journal`) holds the one wording of each."""


@dataclass(frozen=True)
class Incident:
    """Something that happened to someone (or to the party: ``person == -1``) on a day of one run.

    ``kind`` is one of :data:`INCIDENT_KINDS`.
    ``cause`` is set for deaths (``hypothermia``, ``dehydration``, ``starvation``, ``heat_illness``,
    ``altitude_illness``, ``fall``, ``drowning``, ``exhaustion``, ``illness``).  ``chain`` lists, in order,
    the facts that led to it, each a short clause a journal can join into a sentence
    (``("night-blind", "went for firewood at dusk", "lost the camp", "-24 °C, no shelter")``).
    """

    run: int
    day: int
    person: int
    kind: str
    cause: str = ""
    chain: tuple[str, ...] = ()
    lat: float = float("nan")
    lon: float = float("nan")
    place: str = ""


@dataclass
class DailyRecord:
    """Per-day arrays of one simulation batch.

    Person arrays are ``(runs, days, people)``; party/weather arrays are ``(runs, days)``.
    """

    status: np.ndarray  # Status codes, int8
    route_position: np.ndarray  # [m] along the planned route (people walk together unless lost/left)
    lat: np.ndarray  # [degree]
    lon: np.ndarray  # [degree]
    elevation: np.ndarray  # [m], (runs, days)
    distance: np.ndarray  # [m] walked that day, (runs, days, people)
    hours_walked: np.ndarray  # [h]
    energy_intake: np.ndarray  # [kcal day-1]
    energy_expenditure: np.ndarray  # [kcal day-1]
    body_mass: np.ndarray  # [kg]
    fat_mass: np.ndarray  # [kg]
    water_intake: np.ndarray  # [kg day-1]
    water_loss: np.ndarray  # [kg day-1]
    water_deficit: np.ndarray  # [-] fraction of body mass
    food_carried: np.ndarray  # [kcal], (runs, days) party total
    water_carried: np.ndarray  # [kg], (runs, days) party total
    air_temperature_min: np.ndarray  # [°C], (runs, days)
    air_temperature_max: np.ndarray  # [°C], (runs, days)
    wind_speed: np.ndarray  # [m s-1], (runs, days)
    precipitation: np.ndarray  # [mm day-1], (runs, days)
    snow_depth: np.ndarray  # [m], (runs, days)
    weather_flags: np.ndarray  # bit field (runs, days): 1 blizzard, 2 sandstorm, 4 heat wave, 8 cold snap
    night_travel: np.ndarray  # bool (runs, days)
    flags: np.ndarray  # bit field (runs, days, people): 1 injured, 2 ill, 4 frostbite, 8 altitude sick, 16 lost,
    # 32 left behind (alive, apart from the party, not lost)
    halt: np.ndarray | None = None  # (runs, days) int8: why the party did not walk (engine.state.HALT_REASONS)


@dataclass(frozen=True)
class Fate:
    """How one person's journey ended in one run (``status`` WALKING etc. if the simulation ran out of days)."""

    person: int
    name: str
    status: Status
    day: int  # day of death / leaving / arrival; -1 if still on the way
    date: dt.date | None
    lat: float
    lon: float
    place: str
    cause: str
    chain: tuple[str, ...] = ()


@dataclass
class JourneyResult:
    """Everything one batch of runs of a scenario produced."""

    scenario_name: str
    seed: int
    run_ids: np.ndarray  # (runs,) global run indices (run k is the same story in any batch)
    start_date: dt.date
    n_days: int  # days simulated (the longest run)
    people: tuple[str, ...]
    waypoint_names: tuple[str, ...]
    route: object  # longwalk.routing.Route of the planned route
    daily: DailyRecord
    incidents: list[Incident] = field(default_factory=list)
    fates: list[list[Fate]] = field(default_factory=list)  # [run][person]

    def date(self, day: int) -> dt.date:
        return self.start_date + dt.timedelta(days=int(day))
