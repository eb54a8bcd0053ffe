"""The player's choices on small made-up journeys (tests/engine/engine_helpers.py): turning a stranger away keeps
them out of the party; a death stops the walk and its causes are shown in the journal's words."""

from __future__ import annotations

import asyncio
import dataclasses
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "engine"))  # the engine tests' made-up journeys
from engine_helpers import flat_track, person, plan_for, scenario  # noqa: E402

from longwalk.engine.records import Status  # noqa: E402
from longwalk.play.app import JourneyScreen, PlayApp, TextScreen  # noqa: E402
from longwalk.play.session import Session  # noqa: E402

MILD = dict(air_temperature_max=15.0, air_temperature_min=5.0)


def _stranger_journey():
    sc = scenario([person("A"), person("Stranger", present=False)], weather=MILD, max_days=10,
                  route=[dict(name="Start", lat=45.0, lon=100.0), dict(name="Mid", lat=45.1, lon=100.0),
                         dict(name="End", lat=45.2, lon=100.0)],
                  events=[dict(action="join", person="Stranger", at_waypoint="Mid")])
    track = flat_track(length=22_200.0, n=23, waypoints=3)
    return sc, plan_for(track, ("Start", "Mid", "End"))


def _play(session):
    while not session.over:
        session.step(5)
    return session


def test_stranger_taken_in_or_turned_away():
    sc, plan = _stranger_journey()
    taken = _play(Session(sc, 0, plan=plan))
    assert any(i.kind == "join" for i in taken.incidents)
    assert Status(int(taken.state.status[0, 1])) != Status.ABSENT
    s = Session(sc, 0, plan=plan)
    s.decide(dataclasses.replace(s.decisions, turned_away=("Stranger",)))
    away = _play(s)
    assert not any(i.kind == "join" for i in away.incidents)
    assert Status(int(away.state.status[0, 1])) == Status.ABSENT
    assert Status(int(away.state.status[0, 0])) == Status.ARRIVED


def test_a_death_stops_the_walk_and_shows_its_causes(tmp_path):
    # ESTIMATE of a deadly night, not a calibration: −40 °C in summer clothes, no shelter, no fire, no sleeping bag
    sc = scenario([person("A", clothing_insulation=0.5), person("B", clothing_insulation=0.5)],
                  weather=dict(air_temperature_max=-35.0, air_temperature_min=-40.0, wind_speed=10.0),
                  supplies=dict(food=[dict(kind="rations", mass=10.0, energy_density=4000.0)], water=6.0,
                                water_capacity=4.0, sleeping_insulation=0.0, shelter="none", fire="none"),
                  max_days=30)
    plan = plan_for(flat_track())
    app = PlayApp(Session(sc, 0, plan=plan), tmp_path / "g.json", out_dir=tmp_path / "out", plan_for_load=plan)

    async def go():
        async with app.run_test(size=(140, 45)) as pilot:
            await pilot.press("w")
            await pilot.pause()
            deaths = [i for i in app.session.incidents if i.kind == "death"]
            assert deaths, "nobody died: the test journey is not deadly"
            assert app.session.n_days == deaths[-1].day + 1  # the week's walk stopped on the day of the death
            assert isinstance(app.screen, TextScreen)
            text = "\n".join(app.screen.lines)
            assert f"died of {deaths[0].cause.replace('_', ' ')}" in text
            assert "kept to the scenario's plan" in text
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, JourneyScreen)
            await pilot.press("q")

    asyncio.run(go())


def test_going_round_a_waypoint_before_setting_out(tmp_path):
    route = [dict(name="Start", lat=45.0, lon=100.0), dict(name="Mid", lat=45.1, lon=100.0),
             dict(name="End", lat=45.2, lon=100.0)]
    sc = scenario([person("A")], weather=MILD, max_days=10, route=route)
    plans = {3: plan_for(flat_track(length=22_200.0, n=23, waypoints=3), ("Start", "Mid", "End")),
             2: plan_for(flat_track(length=22_200.0, n=23, waypoints=2), ("Start", "End"))}
    app = PlayApp(Session(sc, 0, plan=plans[3]), tmp_path / "g.json", planner=lambda variant: plans[len(variant.route)])

    async def go():
        async with app.run_test(size=(140, 45)) as pilot:
            await pilot.press("k")
            await pilot.pause()
            await pilot.press("space", "enter")  # tick Mid, accept
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert app.session.skip == ("Mid",) and app.session.party.waypoint_names == ("Start", "End")
            await pilot.press("space", "k")  # set out; then the way cannot change
            await pilot.pause()
            assert isinstance(app.screen, JourneyScreen) and "before setting out" in str(
                app.screen.query_one("#message").render())
            await pilot.press("q")

    asyncio.run(go())


def test_journal_told_a_day_at_a_time_is_the_journal():
    """The game's journal, told on from the day before, is `longwalk run`'s journal of the days so far (before its
    closing) every day: a long quiet walk with a rest every week makes quiet stretches that grow a day at a time and
    halts that end them; a shorter journey than the last one told starts the telling afresh."""
    from longwalk.report.journal import JournalSoFar, write_journal

    sc = scenario([person("A"), person("B", sex="female")], weather=MILD, max_days=40,
                  route=[dict(name="Start", lat=45.0, lon=100.0), dict(name="End", lat=48.6, lon=100.0)])
    session = Session(sc, 0, plan=plan_for(flat_track(length=400_000.0, n=401, water=True), ("Start", "End")))

    def journal(result):
        text = write_journal(result, 0, scenario=sc)
        return text[:text.find("\n## How it ended")].rstrip() + "\n"

    so_far = JournalSoFar(sc)
    first = None
    while not session.over:
        session.decide(dataclasses.replace(session.decisions, rest=session.n_days % 7 == 5))
        session.step(1)
        result = session.result()
        first = first or result
        assert so_far.text(result) == journal(result), session.n_days
    assert "–" in journal(result).split("**Set out:**")[1]  # quiet stretches were told
    assert so_far.text(first) == journal(first)
