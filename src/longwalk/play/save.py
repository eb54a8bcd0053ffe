"""Saved games: a versioned, checksummed JSON file from which a game resumes exactly.

The engine's random numbers are counter-based (:mod:`longwalk.engine.random`): a day's draws depend only on the
seed, the run and the day, never on a generator's position.  So a game's whole state is its scenario, seed, route
choices and the decisions in force each day; the file holds those, and the journey state arrays at the save.
Loading replays the decisions and refuses the file unless the replay reaches exactly the saved arrays (a save
from an engine that has changed since, or a hand-edited one, is refused, never resumed as something else).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from longwalk import __version__
from longwalk.errors import InputError, OutputError, os_error_message

FORMAT = "longwalk-play-save"
VERSION = 1


def _digest(payload: dict) -> str:
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return "sha256:" + hashlib.sha256(text.encode("ascii")).hexdigest()


def game_dict(session) -> dict:
    """The saved form of ``session`` (a :class:`longwalk.play.session.Session`), checksum included."""
    payload = {
        "format": FORMAT,
        "version": VERSION,
        "longwalk": __version__,
        "scenario": session.base.model_dump(mode="json"),
        "seed": session.seed,
        "skip": list(session.skip),
        "day": session.n_days,
        "history": [{"from_day": d, "decisions": dec.to_json()} for d, dec in session.history],
        "decisions": session.decisions.to_json(),
        "state": session.state_arrays(),
    }
    return payload | {"checksum": _digest(payload)}


def save_game(session, path: str | Path) -> Path:
    """Write ``session`` to ``path`` (whole or not at all: a temporary file renamed into place)."""
    path = Path(path).expanduser()
    text = json.dumps(game_dict(session), indent=1, ensure_ascii=False) + "\n"
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise OutputError(os_error_message(err, path=str(path), what="cannot save the game")) from None
    return path


def read_game(path: str | Path) -> dict:
    """The checked contents of a saved game; :class:`InputError` (one sentence) if it is not one."""
    path = Path(path).expanduser()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"{path}: cannot read the saved game ({err.__class__.__name__})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(f"{path}: not a saved game (not valid JSON: {err.msg}, line {err.lineno})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError(f"{path}: not a longwalk saved game (its 'format' should be '{FORMAT}')")
    if data.get("version") != VERSION:
        raise InputError(f"{path}: saved game format version {data.get('version')!r}; this longwalk reads "
                         f"version {VERSION}")
    checksum = data.pop("checksum", None)
    if checksum != _digest(data):
        raise InputError(f"{path}: the saved game is corrupt or was edited (its checksum does not match)")
    missing = [k for k in ("scenario", "seed", "skip", "day", "history", "decisions", "state") if k not in data]
    if missing:
        raise InputError(f"{path}: saved game lacks {', '.join(missing)}")
    return data


def load_game(path: str | Path, plan=None):
    """Resume the game saved at ``path``: a :class:`longwalk.play.session.Session` on the saved day.

    ``plan``: a prepared route plan (tests); default the route's cached plan.
    """
    from pydantic import ValidationError

    from longwalk.play.session import Decisions, Session
    from longwalk.scenario.schema import Scenario

    data = read_game(path)
    try:
        scenario = Scenario.model_validate(data["scenario"])
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise InputError(f"{path}: the saved game's scenario is invalid at {where}: {first['msg']}") from None
    try:
        history = [(int(h["from_day"]), Decisions.from_json(h["decisions"])) for h in data["history"]]
        current = Decisions.from_json(data["decisions"])
        session = Session(scenario, int(data["seed"]), tuple(data["skip"]), plan=plan)
    except (TypeError, KeyError, ValueError) as err:
        raise InputError(f"{path}: the saved game's decisions are malformed ({err})") from None
    target = int(data["day"])
    for i, (_, decisions) in enumerate(history):
        last = history[i + 1][0] if i + 1 < len(history) else target
        session.decide(decisions)
        while session.n_days < last and not session.over:
            session._one_day()
    session.decide(current)
    if session.n_days != target or session.state_arrays() != data["state"]:
        raise InputError(f"{path}: replaying the saved decisions does not reach the saved state (the game was saved "
                         "by a different version of the engine); start a new game")
    return session
