"""Target outcomes for ``longwalk whatif``, written as a person would say them, read into a predicate over fates.

Forms (case does not matter; join several with ``and``):

* ``NAME arrives`` / ``NAME survives`` — that person reaches the end alive / is not dead at the end;
* ``N arrive`` / ``at least N arrive`` / ``N survive`` — at least N people do;
* ``everyone arrives`` / ``everyone survives``;
* ``nobody dies`` / ``nobody dies of CAUSE`` — CAUSE a cause of death or its everyday word (:data:`CAUSE_WORDS`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

from longwalk.engine.records import Status
from longwalk.errors import InputError

CAUSE_WORDS = {
    "thirst": "dehydration",
    "dehydration": "dehydration",
    "hunger": "starvation",
    "starvation": "starvation",
    "cold": "hypothermia",
    "hypothermia": "hypothermia",
    "heat": "heat_illness",
    "heat illness": "heat_illness",
    "altitude": "altitude_illness",
    "altitude illness": "altitude_illness",
    "a fall": "fall",
    "falls": "fall",
    "fall": "fall",
    "drowning": "drowning",
    "exhaustion": "exhaustion",
    "illness": "illness",
}
"""Everyday words for the engine's causes of death (:class:`longwalk.engine.records.Incident`)."""

Predicate = Callable[[np.ndarray, np.ndarray], np.ndarray]
"""``(status, cause) -> met``: final Status codes and causes of death, both (runs, people), to (runs,) bool."""

_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                 "ten": 10}


def parse_target(text: str, people: tuple[str, ...] | list[str]) -> Predicate:
    """Read ``text`` into a predicate over the fates of a party called ``people``.

    >>> met = parse_target("Ann arrives and nobody dies of thirst", ["Ann", "Bo"])
    >>> status = np.array([[6, 7], [6, 7], [7, 6]])
    >>> cause = np.array([["", "dehydration"], ["", "hypothermia"], ["starvation", ""]], dtype=object)
    >>> met(status, cause).tolist()
    [False, True, False]
    >>> parse_target("2 arrive", ["Ann", "Bo"])(status, cause).tolist()
    [False, False, False]

    Raises
    ------
    InputError
        The text is not one of the forms, names nobody in the party (the message lists the party), or asks for
        more people than there are.
    """
    parts = [p.strip() for p in re.split(r"\s+and\s+", text.strip(), flags=re.IGNORECASE) if p.strip()]
    if not parts:
        raise InputError("--target is empty; e.g. --target \"Janusz arrives\", \"3 arrive\", \"nobody dies of thirst\"")
    checks = [_one(part, list(people), text) for part in parts]

    def met(status: np.ndarray, cause: np.ndarray) -> np.ndarray:
        out = np.ones(status.shape[0], bool)
        for check in checks:
            out &= check(np.asarray(status), np.asarray(cause, dtype=object))
        return out

    return met


def _one(part: str, people: list[str], text: str) -> Predicate:
    low = part.lower()
    count = re.fullmatch(r"(?:at least\s+)?(\d+|" + "|".join(_NUMBER_WORDS) + r")\s+(arrive|survive)s?", low)
    if count:
        n = int(count.group(1)) if count.group(1).isdigit() else _NUMBER_WORDS[count.group(1)]
        if not 1 <= n <= len(people):
            raise InputError(f"--target {text!r}: {n} of a party of {len(people)} ({', '.join(people)}); give 1 to "
                             f"{len(people)}")
        arrive = count.group(2) == "arrive"
        return lambda s, c: (_arrived(s) if arrive else _alive(s)).sum(axis=1) >= n
    every = re.fullmatch(r"(everyone|everybody|all)\s+(arrive|survive)s?", low)
    if every:
        arrive = every.group(2) == "arrive"
        return lambda s, c: ((_arrived(s) if arrive else _alive(s)) | (s == Status.ABSENT) | (s == Status.LEFT)
                             ).all(axis=1)
    nobody = re.fullmatch(r"(?:nobody|no one|none)\s+dies(?:\s+of\s+(.+))?", low)
    if nobody:
        if nobody.group(1) is None:
            return lambda s, c: ~(s == Status.DEAD).any(axis=1)
        word = nobody.group(1).strip()
        if word not in CAUSE_WORDS:
            raise InputError(f"--target {text!r}: '{word}' is not a cause of death; use one of "
                             f"{', '.join(sorted(CAUSE_WORDS))}")
        cause = CAUSE_WORDS[word]
        return lambda s, c: ~((s == Status.DEAD) & (c == cause)).any(axis=1)
    person = re.fullmatch(r"(.+?)\s+(arrives|survives)", part.strip(), flags=re.IGNORECASE)
    if person:
        name = person.group(1).strip()
        match = [i for i, p in enumerate(people) if p.lower() == name.lower()]
        if not match:
            raise InputError(f"--target {text!r}: '{name}' is not in the party; the party is {', '.join(people)}")
        i = match[0]
        arrive = person.group(2).lower() == "arrives"
        return lambda s, c: _arrived(s)[:, i] if arrive else _alive(s)[:, i]
    raise InputError(f"--target {text!r}: '{part}' is not a target; write e.g. \"{people[0]} arrives\", \"3 arrive\", "
                     "\"everyone survives\", \"nobody dies of thirst\" (join several with 'and')")


def _arrived(status: np.ndarray) -> np.ndarray:
    return status == Status.ARRIVED


def _alive(status: np.ndarray) -> np.ndarray:
    return (status != Status.DEAD) & (status != Status.ABSENT)
