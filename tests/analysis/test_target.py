"""Target expressions of `longwalk whatif`, read into predicates over hand-made fates."""

from __future__ import annotations

import numpy as np
import pytest

from longwalk.analysis.target import parse_target
from longwalk.errors import InputError

PARTY = ["Janusz", "Mr Smith", "Irena"]
A, D, L, X, W = 6, 7, 5, 0, 1  # Status ARRIVED, DEAD, LEFT, ABSENT, WALKING
STATUS = np.array([[A, A, A], [A, D, A], [A, L, D], [D, D, X], [W, A, D]])
CAUSE = np.array([["", "", ""], ["", "dehydration", ""], ["", "", "hypothermia"], ["starvation", "dehydration", ""],
                  ["", "", "dehydration"]], dtype=object)


@pytest.mark.parametrize(("text", "expected"), [
    ("Janusz arrives", [1, 1, 1, 0, 0]),
    ("janusz ARRIVES", [1, 1, 1, 0, 0]),
    ("Mr Smith survives", [1, 0, 1, 0, 1]),
    ("3 arrive", [1, 0, 0, 0, 0]),
    ("at least two arrive", [1, 1, 0, 0, 0]),
    ("2 survive", [1, 1, 1, 0, 1]),  # still walking at the end counts as alive
    ("everyone arrives", [1, 0, 0, 0, 0]),
    ("nobody dies", [1, 0, 0, 0, 0]),
    ("nobody dies of thirst", [1, 0, 1, 0, 0]),
    ("nobody dies of cold and Janusz arrives", [1, 1, 0, 0, 0]),
])
def test_targets_read_as_said(text, expected):
    assert parse_target(text, PARTY)(STATUS, CAUSE).astype(int).tolist() == expected


def test_a_target_naming_nobody_in_the_party_lists_the_party():
    with pytest.raises(InputError, match="'Bob' is not in the party; the party is Janusz, Mr Smith, Irena"):
        parse_target("Bob arrives", PARTY)


@pytest.mark.parametrize(("text", "words"), [
    ("4 arrive", "party of 3"),
    ("nobody dies of boredom", "not a cause of death"),
    ("Janusz flies", "not a target"),
    ("  ", "empty"),
])
def test_bad_targets_say_what_is_valid(text, words):
    with pytest.raises(InputError, match=words):
        parse_target(text, PARTY)
