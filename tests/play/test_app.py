"""The game's screens driven headlessly with Textual's pilot: walk, decide, save, quit, load; the plan played
through writes what `longwalk run` writes; unknown keys, bad saves and a small terminal are handled."""

from __future__ import annotations

import asyncio

import numpy as np
from play_helpers import SEED

from longwalk.play.app import MIN_HEIGHT, MIN_WIDTH, JourneyScreen, PlayApp
from longwalk.play.session import Session

SIZE = (140, 45)


def _app(scenario, plan, tmp_path, **kw):
    return PlayApp(Session(scenario, SEED, plan=plan), tmp_path / "game.json", out_dir=tmp_path / "out",
                   plan_for_load=plan, **kw)


def _run(coro):
    return asyncio.run(coro)


def _message(app) -> str:
    return str(app._journey_screen().query_one("#message").render())


def test_decide_save_quit_load_same_state(scenario, plan, tmp_path):
    async def first():
        app = _app(scenario, plan, tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("plus", "left_square_bracket", "n", "space", "space", "f")
            await pilot.press("s")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            assert "Saved day 2" in _message(app)
            await pilot.press("q")
        return app.session

    played = _run(first())
    assert played.n_days == 2 and played.decisions.hours_per_day == scenario.policy.hours_per_day + 1
    assert played.decisions.forage_hours == scenario.policy.forage_hours + 1

    async def second():
        app = _app(scenario, plan, tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("l")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            assert "Loaded day 2" in _message(app)
            await pilot.press("q")
        return app.session

    loaded = _run(second())
    assert loaded.n_days == played.n_days and loaded.decisions == played.decisions
    assert loaded.state_arrays() == played.state_arrays()


def test_plan_played_through_writes_what_run_writes(scenario, plan, reference, tmp_path):
    from longwalk.report.export import write_outputs

    async def go():
        app = _app(scenario, plan, tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            for _ in range(scenario.max_days):
                if app.session.over:
                    break
                await pilot.press("w")
                await pilot.pause()
                if not isinstance(app.screen, JourneyScreen):  # a death's causes: read, then back
                    await pilot.press("escape")
            await pilot.press("q")
        return app

    app = _run(go())
    s = app.session
    assert s.over and s.n_days == reference.n_days
    assert [(f.status, f.day) for f in s.result().fates[0]] == [(f.status, f.day) for f in reference.fates[0]]
    ref_dir = tmp_path / "ref"
    ref_dir.mkdir()
    write_outputs(reference, ref_dir, run=0, scenario=scenario, atlas=None)
    for name in ("journal.md", "summary.json", "days.csv"):
        assert (tmp_path / "out" / name).read_text(encoding="utf-8") == (ref_dir / name).read_text(encoding="utf-8")
    assert (tmp_path / "out" / "report.html").is_file()


def test_unknown_keys_do_nothing(scenario, plan, tmp_path):
    async def go():
        app = _app(scenario, plan, tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            before = (app.session.n_days, app.session.decisions, app.session.state_arrays())
            await pilot.press("x", "z", "9", "ctrl+t", "f5", "tab", "escape", "u", "at")
            await pilot.pause()
            after = (app.session.n_days, app.session.decisions, app.session.state_arrays())
            assert after == before and isinstance(app.screen, JourneyScreen)
            await pilot.press("space")
            assert app.session.n_days == 1
            await pilot.press("q")

    _run(go())


def test_bad_save_refused_in_the_game(scenario, plan, tmp_path):
    (tmp_path / "game.json").write_text('{"format": "something else"}', encoding="utf-8")

    async def go():
        app = _app(scenario, plan, tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("space", "l")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            assert "Not loaded" in _message(app) and "not a longwalk saved game" in _message(app)
            assert app.session.n_days == 1  # the game goes on
            await pilot.press("q")

    _run(go())


def test_small_terminal_says_the_size_needed(scenario, plan, tmp_path):
    async def go():
        app = _app(scenario, plan, tmp_path)
        async with app.run_test(size=(60, 20)) as pilot:
            await pilot.pause()
            screen = app._journey_screen()
            text = str(screen.query_one("#too-small").render())
            assert f"at least {MIN_WIDTH}×{MIN_HEIGHT}" in text and "60×20" in text
            assert not screen.query_one("#main").display
            await pilot.resize_terminal(*SIZE)
            await pilot.pause()
            assert screen.query_one("#main").display
            await pilot.press("q")

    _run(go())


def test_help_screen_names_the_models_and_sources(scenario, plan, tmp_path):
    from longwalk.play.help import help_markdown

    text = help_markdown()
    for words in ("Tobler 1993", "policy.ration", "WHO 1995"):
        assert words in text

    async def go():
        app = _app(scenario, plan, tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("h")
            await pilot.pause()
            assert not isinstance(app.screen, JourneyScreen)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, JourneyScreen)
            await pilot.press("q")

    _run(go())


def test_map_draws_relief_and_route(scenario, plan, tmp_path):
    from longwalk.play.mapview import tint

    assert tuple(tint(np.array([0.0]))[0]) == (70, 110, 70)  # sea level: the ramp's own colour
    assert tuple(tint(np.array([np.nan]))[0]) == (30, 30, 30)

    async def go():
        app = _app(scenario, plan, tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("space")
            await pilot.pause()
            view = app._journey_screen().query_one("#map")
            lines = "".join(view.render_line(y).text for y in range(view.size.height))
            assert "@" in lines and "◆" in lines
            await pilot.press("q")

    _run(go())


def test_map_and_journal_drawn_a_day_at_a_time_are_drawn_afresh(scenario, plan, tmp_path):
    """Each day only the map's lines whose route marks changed are drawn again, and the journal panel wraps only its
    new lines: after three days the screen is what a game started at day three draws from scratch."""

    async def shown(walk_first: bool):
        session = Session(scenario, SEED, plan=plan)
        if not walk_first:
            session.step(3)
        app = PlayApp(session, tmp_path / "game.json", out_dir=None)
        async with app.run_test(size=SIZE) as pilot:
            if walk_first:
                for _ in range(3):
                    await pilot.press("space")
                    await pilot.pause()
            else:
                app.update_journal()
                app._journey_screen().refresh_all()
                await pilot.pause()
            drawn = app.export_screenshot()
            journal = app._journey_screen().query_one("#journal")
            assert journal.max_scroll_y > 0 and journal.scroll_y == journal.max_scroll_y  # the newest day in view
            await pilot.press("q")
        return app.session.n_days, drawn

    assert _run(shown(True)) == _run(shown(False))
