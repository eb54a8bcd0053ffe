"""What a journey produces: the contract between the engine and everything that reads its results.

The engine fills these; the report layer (journal, summary, CSV, GeoJSON/GPX), the ensemble layer and the
CLI only read them.  Arrays are shaped ``(runs, days, people)`` or ``(runs, days)``; day 0 is the start date.
Units follow :mod:`longwalk.glossary`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import IntEnum

import numpy as np

from longwalk.engine.registry import Condition, FactKind, IncidentKind


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


INCIDENT_KINDS = tuple(IncidentKind)
"""Every :attr:`Incident.kind` the engine records (:class:`longwalk.engine.registry.IncidentKind`)."""


@dataclass(frozen=True)
class Fact:
    """One fact of an incident's chain: a :class:`~longwalk.engine.registry.FactKind` and its numbers and names as
    named fields (``Fact(FactKind.NIGHT_COLD, (("temperature", -23.4), ("shelter", 0.0), ("fire", False)))``).

    Facts carry no words: :func:`longwalk.report.journal.fact_words` says them.  Build one with :func:`fact`; read a
    field with ``f["temperature"]``.
    """

    kind: FactKind
    values: tuple[tuple[str, object], ...] = ()

    def __getitem__(self, name: str):
        for key, value in self.values:
            if key == name:
                return value
        raise KeyError(f"{self.kind.name} has no field {name!r}")

    @property
    def fields(self) -> dict:
        return dict(self.values)


def fact(kind: FactKind, **values) -> Fact:
    """A :class:`Fact` of ``kind`` with the named ``values`` (NumPy scalars become Python numbers).

    >>> fact(FactKind.LOST_DAYS, days=3)["days"]
    3
    """
    return Fact(FactKind(kind), tuple((k, v.item() if isinstance(v, np.generic) else v) for k, v in values.items()))


@dataclass(frozen=True)
class Incident:
    """Something that happened to someone (or to the party: ``person == -1``) on a day of one run.

    ``kind`` is an :class:`~longwalk.engine.registry.IncidentKind`.
    ``cause`` is set for deaths (a :class:`~longwalk.engine.registry.Cause`).  ``chain`` lists, in order, the
    :class:`Fact` s that led to it or that it consists of (night-blind; went for firewood at dusk; lost the camp;
    the night's temperature, shelter and fire), which the journal words (:mod:`longwalk.report.journal`).
    """

    run: int
    day: int
    person: int
    kind: IncidentKind
    cause: str = ""  # a longwalk.engine.registry.Cause for deaths
    chain: tuple[Fact, ...] = ()
    lat: float = float("nan")
    lon: float = float("nan")
    place: str = ""

    def __post_init__(self):
        if type(self.kind) is not IncidentKind:  # a bare word: held to the registry (ValueError if not in it)
            object.__setattr__(self, "kind", IncidentKind(self.kind))


CONDITION_BITS: tuple[Condition, ...] = tuple(Condition)
"""The conditions in the order of the last axis of :attr:`JourneyResult.onsets`."""


def condition_onsets(flags: np.ndarray) -> np.ndarray:
    """Onsets of each condition in a ``(runs, days, people)`` record of :attr:`DailyRecord.flags`: days its bit is
    set that was not set the day before (the first day counts when set), as ``(runs, people, len(Condition))``.

    >>> condition_onsets(np.array([[[1], [1], [0], [3]]], dtype=np.uint8))[0, 0].tolist()
    [2, 1, 0, 0, 0, 0]
    """
    flags = np.asarray(flags)
    out = np.zeros(flags.shape[:1] + flags.shape[2:] + (len(CONDITION_BITS),), dtype=np.int16)
    for i, bit in enumerate(CONDITION_BITS):
        on = (flags & int(bit)) != 0
        out[..., i] = on[:, :1].sum(axis=1) + (on[:, 1:] & ~on[:, :-1]).sum(axis=1)
    return out


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
    weather_flags: np.ndarray  # bit field (runs, days): longwalk.engine.registry.WeatherFlag
    night_travel: np.ndarray  # bool (runs, days)
    flags: np.ndarray  # bit field (runs, days, people): longwalk.engine.registry.Condition
    halt: np.ndarray | None = None  # (runs, days) int8: why the party did not walk (longwalk.engine.registry.Halt)


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
    chain: tuple[Fact, ...] = ()  # the chain of the incident that ended the journey (Incident.chain)


@dataclass(frozen=True)
class FateArrays:
    """The fates of a batch of runs as arrays (runs, people): what an ensemble's fate table reads, without a
    :class:`Fate` object per person (:class:`Fates` makes those when they are asked for).

    ``final`` is the index in the result's ``incidents`` of the incident that ended each person's journey (the
    last one of a final kind), -1 for those still on the way; ``day``, ``cause``, ``lat`` and ``lon`` are that
    incident's, or -1, "" and the last day's position."""

    status: np.ndarray  # int8 Status codes
    day: np.ndarray  # int32 day of death / leaving / arrival, -1 if still on the way
    cause: np.ndarray  # object str
    lat: np.ndarray  # float64 [degree]
    lon: np.ndarray  # float64 [degree]
    final: np.ndarray  # int64 index into JourneyResult.incidents, -1: none


_STATUS_OF = tuple(Status(v) for v in range(max(Status) + 1))  # code -> Status, without an enum call per person


class Fates(Sequence):
    """``[run][person] -> Fate`` over :class:`FateArrays`, each run's row made when it is first read: a
    ``list[list[Fate]]`` to read (index, iterate, compare with a list of lists)."""

    def __init__(self, arrays: FateArrays, names: tuple[str, ...], start_date: dt.date, incidents: list):
        self.arrays = arrays
        self._names = names
        self._start = start_date
        self._incidents = incidents
        self._rows: list[list[Fate] | None] = [None] * arrays.status.shape[0]

    def __len__(self) -> int:
        return len(self._rows)

    def _row(self, i: int) -> list[Fate]:
        row = self._rows[i]
        if row is None:
            a = self.arrays
            row = []
            for p, name in enumerate(self._names):
                s = _STATUS_OF[a.status[i, p]]
                k = int(a.final[i, p])
                if k >= 0:
                    inc = self._incidents[k]
                    row.append(Fate(person=p, name=name, status=s, day=inc.day,
                                    date=self._start + dt.timedelta(days=inc.day), lat=inc.lat, lon=inc.lon,
                                    place=inc.place, cause=inc.cause, chain=inc.chain))
                else:
                    row.append(Fate(person=p, name=name, status=s, day=-1, date=None, lat=float(a.lat[i, p]),
                                    lon=float(a.lon[i, p]), place="", cause=""))
            self._rows[i] = row
        return row

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self._row(k) for k in range(*i.indices(len(self)))]
        n = len(self)
        if not -n <= i < n:
            raise IndexError(f"run {i} of {n}")
        return self._row(i % n)

    def __eq__(self, other) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    def __repr__(self) -> str:
        return repr(list(self))


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
    fates: Sequence[list[Fate]] = field(default_factory=list)  # [run][person]: a list of lists, or Fates
    #: (runs, people, len(Condition)) int16: how many times each condition came on over each run (days its
    #: :attr:`DailyRecord.flags` bit was set and had not been the day before; :func:`condition_onsets`), counted
    #: by the engine as it goes, so a record of fates only still has them.  ``None`` from an older maker.
    onsets: np.ndarray | None = None
    #: the fates as arrays (the engine's; ``None`` from a maker that gives only ``fates``)
    fate_arrays: FateArrays | None = None

    def date(self, day: int) -> dt.date:
        return self.start_date + dt.timedelta(days=int(day))
