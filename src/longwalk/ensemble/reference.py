"""Reference stories: the fates a source tells, and how far a simulated run is from them.

A scenario retold from a book or a film has one told outcome; an ensemble shows how likely it is and which runs
come closest, so that a reader can open them (``longwalk run SCENARIO --run K --seed S``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from longwalk.engine.records import Status


@dataclass(frozen=True)
class ToldFate:
    """One person's fate as a source tells it.

    ``causes`` and ``legs`` (``"From → To"``, waypoint names) list what agrees with the telling; empty means the
    source does not say.
    """

    status: Status
    causes: tuple[str, ...] = ()
    legs: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReferenceStory:
    scenario: str  # the built-in scenario it belongs to
    source: str
    fates: dict[str, ToldFate]  # person -> told fate


_GOBI = ("Ulaanbaatar → Gobi", "Gobi → Southern Gobi", "Southern Gobi → Great Wall")
_DESERT_DEATH = ("dehydration", "heat_illness", "exhaustion")

REFERENCE_STORIES: dict[str, ReferenceStory] = {
    story.scenario: story for story in (
        ReferenceStory(
            scenario="the-way-back",
            source="The Way Back (Peter Weir, 2010), film synopsis (shared/seed/the_way_back_synopsis.txt): Kazik "
                   "freezes to death on the second night, searching for firewood; Irena ('frail and exhausted, "
                   "collapsed and died') and, days later, Tomasz die crossing the Gobi after the storm took their "
                   "water; Valka stays at the Mongolian border, Mr Smith leaves for Lhasa from the monastery; "
                   "Janusz, Voss and Zoran reach India.",
            fates={
                "Kazik": ToldFate(Status.DEAD, ("hypothermia",), ("Camp → Lake Baikal",)),
                "Irena": ToldFate(Status.DEAD, _DESERT_DEATH, _GOBI),
                "Tomasz": ToldFate(Status.DEAD, _DESERT_DEATH, _GOBI),
                "Valka": ToldFate(Status.LEFT),
                "Mr Smith": ToldFate(Status.LEFT),
                "Janusz": ToldFate(Status.ARRIVED),
                "Voss": ToldFate(Status.ARRIVED),
                "Zoran": ToldFate(Status.ARRIVED),
            },
        ),
    )
}
"""The told outcome of each scenario that retells one, by scenario name."""


def story_distance(story: ReferenceStory, people: list[str], waypoint_names: tuple[str, ...],
                   status: np.ndarray, cause: np.ndarray, leg: np.ndarray) -> np.ndarray:
    """How far each run is from the told story [-]: 0 is the story itself.

    Per person the source names: 1 if the run's end (arrived, died, left, still on the way) is another; for a
    death told as such, plus 0.5 if the cause is not one the telling allows and 0.5 if the leg is not.  A definition
    (not a measurement): a wrong fate weighs as much as a wrong cause and place together.

    ``status``, ``cause``, ``leg``: (runs, people) arrays of the ensemble's fates, people in ``people``'s order.

    >>> s = ReferenceStory("x", "", {"a": ToldFate(Status.DEAD, ("hypothermia",), ("A → B",))})
    >>> story_distance(s, ["a"], ("A", "B"), np.array([[7], [7], [6]]), np.array([["hypothermia"], ["fall"],
    ...                [""]]), np.array([[0], [0], [0]])).tolist()
    [0.0, 0.5, 1.0]
    """
    status, leg = np.asarray(status), np.asarray(leg)
    cause = np.asarray(cause, dtype=object)
    legs = np.array([f"{a} → {b}" for a, b in zip(waypoint_names[:-1], waypoint_names[1:], strict=True)],
                    dtype=object)
    distance = np.zeros(status.shape[0])
    for p, name in enumerate(people):
        told = story.fates.get(name)
        if told is None:
            continue
        same = status[:, p] == int(told.status)
        distance += ~same
        if told.status == Status.DEAD:
            if told.causes:
                distance += 0.5 * (same & ~np.isin(cause[:, p], told.causes))
            if told.legs and legs.size:
                distance += 0.5 * (same & ~np.isin(legs[np.clip(leg[:, p], 0, legs.size - 1)], told.legs))
    return distance
