"""`longwalk play`: lead one journey yourself in the terminal, with the same engine as `longwalk run`."""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.console import Console

from longwalk.cli.edge import guard
from longwalk.errors import InputError

DEFAULT_SCENARIO = "the-way-back"


def _is_save(argument: str) -> bool:
    """A saved game is given as an existing ``.json`` file; anything else is a scenario name or file."""
    path = Path(argument).expanduser()
    return path.suffix.lower() == ".json" and path.is_file()


def atlas_for(session):
    """The atlas ``longwalk run`` names places with (the region round the planned route), or None."""
    from types import SimpleNamespace

    from longwalk.cli.run_cmd import _atlas_for_places

    return _atlas_for_places(SimpleNamespace(route=session.plan.route)) if session.plan.route is not None else None


def play(
    scenario: str = typer.Argument(
        DEFAULT_SCENARIO, help="A built-in scenario name, a scenario .toml file, or a saved game (.json) to resume."
    ),
    seed: int = typer.Option(0, "--seed", min=0, help="Random seed: the same seed and decisions give the same "
                             "journey; with the scenario's plan throughout, the journey of `longwalk run --seed`."),
    skip: list[str] = typer.Option([], "--skip", help="Go round this waypoint (a fork in the way, chosen before "
                                   "setting out), e.g. --skip Ulaanbaatar."),
    set_: list[str] = typer.Option([], "--set", help="Override a scenario field, as in `longwalk run`."),
    out: Path = typer.Option(None, "--out", help="Where the journal and report are written when the journey ends "
                             "(default: ./SCENARIO-play).", show_default=False),
) -> None:
    """Lead a party yourself: decide pace, rations, rest, night travel, foraging, who joins and who is left, day
    by day, on the same engine as `longwalk run`; see the map, the weather, each person's condition and the
    journal, and the causes of every death.  Press h in the game for the keys and the models.

    Save and load at any time (s, l); a saved game resumes exactly.  At the end, the files of `longwalk run --out`.
    """
    from longwalk.cli.run_cmd import _check_out_dir
    from longwalk.play.app import PlayApp
    from longwalk.play.save import load_game, read_game
    from longwalk.play.session import Session, route_variant
    from longwalk.scenario import load_scenario

    # every argument checked before the slow work (planning the route, replaying a saved game)
    if _is_save(scenario):
        if skip or set_:
            raise InputError("--skip and --set apply to a new game, not to a saved one; give a scenario instead")
        saved = read_game(scenario)["scenario"]
        name = str(saved.get("name", "game")) if isinstance(saved, dict) else "game"
        save_path = Path(scenario).expanduser()
    else:
        loaded = load_scenario(scenario, set_)
        route_variant(loaded, tuple(skip))
        name = loaded.name
        save_path = Path(f"{loaded.name}-seed{seed}.save.json")
    out_dir = (Path(out) if out is not None else Path(f"{name}-play")).expanduser().absolute()
    _check_out_dir(out_dir)
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise InputError("longwalk play needs a terminal (stdin and stdout); use `longwalk run` for a script")
    if _is_save(scenario):
        session = load_game(scenario)
    else:
        Console(stderr=True).print(f"{loaded.title or loaded.name}: planning the route by season (a few seconds the "
                                   "first time, cached afterwards).", highlight=False, soft_wrap=True)
        session = Session(loaded, seed, tuple(skip))
    app = PlayApp(session, save_path, out_dir=out_dir, atlas=atlas_for(session))
    app.run()
    final = app.session
    if app.written:
        Console().print(f"Wrote {', '.join(p.name for p in app.written)} to {out_dir}", highlight=False,
                        soft_wrap=True)
    elif not final.over:
        Console().print(f"Left the journey on day {final.n_days}; save with s in the game to resume it later.",
                        highlight=False)


def register(app: typer.Typer) -> None:
    """Add ``longwalk play`` to the app."""
    app.command("play")(guard(play))
