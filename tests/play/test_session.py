"""The game session: the engine stepped a day at a time gives `longwalk run`'s journey with the default decisions,
other decisions change it, and a saved game resumes exactly or is refused with a clear message."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest
from play_helpers import SEED

from longwalk.engine.records import Incident, fact
from longwalk.engine.registry import Cause, FactKind, IncidentKind
from longwalk.errors import InputError
from longwalk.play import words
from longwalk.play.save import load_game, save_game
from longwalk.play.session import Decisions, Session, skippable_waypoints


def _play_out(session):
    while not session.over:
        session.step(7)
    return session.result()


def test_default_decisions_are_the_run(scenario, plan, reference):
    got = _play_out(Session(scenario, SEED, plan=plan))
    assert got.n_days == reference.n_days
    def fates(r):
        return [(f.status, f.day, f.cause) for f in r.fates[0]]

    assert fates(got) == fates(reference)
    assert got.incidents == reference.incidents
    for f in dataclasses.fields(reference.daily):
        a, b = getattr(reference.daily, f.name), getattr(got.daily, f.name)
        if a is not None:
            assert np.array_equal(a, b), f.name


def test_decisions_change_the_journey(scenario, plan, reference):
    s = Session(scenario, SEED, plan=plan)
    s.decide(dataclasses.replace(s.decisions, hours_per_day=4.0, rest=True))
    s.step(1)
    assert s.state.party_position[0] == 0.0  # rested the first day: nobody walked
    assert s.decisions.rest is False  # a rest is for one day
    s.step(1)
    walked = float(s.state.party_position[0])
    assert 0.0 < walked < float(reference.daily.route_position[0, 0].max())  # 4 h walk less than the plan's day


def test_save_and_load_resume_exactly(scenario, plan, tmp_path):
    s = Session(scenario, SEED, plan=plan)
    s.decide(dataclasses.replace(s.decisions, ration=1500.0, night="never"))
    s.step(2)
    s.decide(dataclasses.replace(s.decisions, forage_hours=3.0))
    path = save_game(s, tmp_path / "game.json")
    back = load_game(path, plan=plan)
    assert back.n_days == s.n_days and back.decisions == s.decisions and back.history == s.history
    assert back.state_arrays() == s.state_arrays()
    a, b = _play_out(s), _play_out(back)
    assert a.incidents == b.incidents and np.array_equal(a.daily.body_mass, b.daily.body_mass)


@pytest.mark.parametrize("content, message", [
    ("not json at all {", "not valid JSON"),
    ('{"some": "other program"}', "not a longwalk saved game"),
    ('{"format": "longwalk-play-save", "version": 99}', "format version 99"),
])
def test_foreign_or_corrupt_saves_are_refused(tmp_path, content, message):
    path = tmp_path / "x.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_game(path)


def test_edited_save_is_refused(scenario, plan, tmp_path):
    s = Session(scenario, SEED, plan=plan)
    s.step(1)
    path = save_game(s, tmp_path / "game.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["state"]["food"] = [1e9]
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InputError, match="checksum"):
        load_game(path, plan=plan)


def test_save_whose_replay_differs_is_refused(scenario, plan, tmp_path):
    """A save whose state the engine does not reach again (another engine version) is refused, not resumed."""
    from longwalk.play.save import _digest

    s = Session(scenario, SEED, plan=plan)
    s.step(1)
    path = save_game(s, tmp_path / "game.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["checksum"]
    data["state"]["food"] = [data["state"]["food"][0] + 1.0]
    data["checksum"] = _digest(data)
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InputError, match="does not reach the saved state"):
        load_game(path, plan=plan)


def test_turning_a_stranger_away(scenario):
    """The Way Back's join events are decisions: a name that nobody's join event has is refused."""
    s = object.__new__(Session)  # only the event arrays are needed
    s.party = type("P", (), {"names": ("A", "B")})()
    s._events = (np.array([True]), np.array([1]), np.array([1]), np.array([-1]), ("",))
    s.decisions = Decisions.of(scenario)
    s.decide(dataclasses.replace(s.decisions, turned_away=("B",)))
    with pytest.raises(InputError, match="nobody who may join"):
        s.decide(dataclasses.replace(s.decisions, turned_away=("A",)))


def test_route_forks(scenario):
    names = skippable_waypoints(scenario)
    assert scenario.route[0].name not in names and scenario.route[-1].name not in names
    with pytest.raises(InputError, match="cannot be gone round"):
        Session(scenario, 0, skip=(scenario.route[0].name,))


def test_death_story_words_the_chain_and_the_decisions(scenario, plan):
    s = Session(scenario, SEED, plan=plan)
    s.decide(dataclasses.replace(s.decisions, ration=1000.0))
    s.step(3)
    chain = (fact(FactKind.NIGHT_BLIND), fact(FactKind.WENT_FOR_FIREWOOD), fact(FactKind.LOST_CAMP),
             fact(FactKind.NIGHT_COLD, temperature=-24.0, shelter=0.0, fire=False))
    death = Incident(run=0, day=2, person=1, kind=IncidentKind.DEATH, cause=Cause.HYPOTHERMIA, chain=chain)
    text = "\n".join(words.death_story(s, death))
    name = s.party.names[1]
    # the journal's wording of the chain (report.journal._join_chain's doctest, by hand)
    assert f"{name}, night-blind, went for firewood at dusk and lost the camp; −24 °C at night, no shelter, no fire." \
        in text
    assert "died of hypothermia on day 3" in text
    assert f"ration 1000.0 (planned {scenario.policy.ration})" in text


def test_condition_words(scenario, plan):
    s = Session(scenario, SEED, plan=plan)
    s.step(1)
    s.state.water_deficit[0, 0] = 0.05 * s.state.body_mass[0, 0]  # 5 % > the engine's 2 % threshold
    s.state.ill_days[0, 0] = 2
    s.state.frostbite[0, 0] = True
    _, cond, numbers = words.person_condition(s, 0)
    assert {"thirsty", "feverish", "frostbitten"} <= set(cond)
    assert numbers["water_deficit"] == pytest.approx(5.0)
