"""Every option and argument of every command, given a value of the wrong type or an impossible number: exit 2
and a sentence naming it, never a traceback — and refused before any slow work starts.

The commands and their parameters are read from the CLI app itself, so an option added later is covered without
editing this file; a new command needs one line in :data:`VALID` (its required arguments).
"""

from __future__ import annotations

import types
import typing
from pathlib import Path

import pytest
import typer
from cli_process import longwalk  # noqa: F401  (a fixture)

from longwalk.cli.main import app

#: A valid call of each command (the required arguments); the value under test replaces one of them or is added.
VALID: dict[tuple[str, ...], list[str]] = {
    ("run",): [],
    ("odds",): [],
    ("check",): ["the-long-walk-1941"],
    ("whatif",): ["the-way-back", "--target", "Janusz arrives"],
    ("play",): [],
    ("report",): ["."],
    ("scenarios",): [],
    ("scenario", "validate"): ["the-way-back"],
    ("atlas", "point"): ["53.5", "108.0"],
    ("atlas", "map"): ["--out", "map.png"],
    ("atlas", "weather"): ["53.5", "108.0", "--start", "2024-01-01"],
    ("route",): ["--from", "34.16,77.58", "--to", "34.08,74.80"],
    ("validate",): [],
    ("data", "fetch", "worldclim"): [],
    ("cache", "path"): [],
    ("cache", "clear"): [],
}


def commands(group, path: tuple[str, ...] = ()):
    if hasattr(group, "commands"):  # a group (typer's click, vendored or not)
        for name, sub in sorted(group.commands.items()):
            yield from commands(sub, (*path, name))
    else:
        yield path, group


COMMANDS = dict(commands(typer.main.get_command(app)))


def python_type(param) -> type | None:
    """The Python type a parameter is declared with (``int`` for ``int | None`` and ``list[int]``)."""
    descriptor = getattr(param, "type_descriptor", None)
    annotation = getattr(descriptor, "annotation", None)
    if annotation is None:  # older Typer: the click type's Python type
        annotation = {"integer": int, "float": float, "path": Path, "text": str, "boolean": bool}.get(
            getattr(getattr(param, "type", None), "name", ""))
    while typing.get_origin(annotation) in (list, typing.Union, types.UnionType):
        annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
    return annotation


def wrong_values(param) -> list[str]:
    """Values no parameter of this type can take."""
    kind = python_type(param)
    if kind is int:
        return ["abc", "1.5"]
    if kind is float:
        return ["abc", "nan", "inf"]
    if kind is not None and issubclass(kind, Path):
        return ["a-file/inside"]  # a path through a file: no file or folder can be there
    if kind is str:
        return ["abc"]
    return []


CASES = [
    pytest.param(path, param.name, value, id=f"{' '.join(path)} {param.name}={value}")
    for path, command in COMMANDS.items()
    for param in command.params
    if not getattr(param, "is_flag", False) and not getattr(param, "hidden", False)
    for value in wrong_values(param)
]


def test_every_command_has_a_valid_call():
    assert sorted(COMMANDS) == sorted(VALID), "add the new command's required arguments to VALID"


def test_cases_cover_parameters_of_every_kind():
    kinds = {python_type(p) for c in COMMANDS.values() for p in c.params}
    assert {int, float, str, Path, bool} <= kinds and len(CASES) > 40


@pytest.fixture
def no_slow_work(monkeypatch, tmp_path):
    """The slow steps (simulation, atlas, ensemble, validation cases, downloads) fail the test if reached: a bad
    value must be refused before them."""
    import longwalk.atlas
    import longwalk.ensemble
    import longwalk.validation
    from longwalk.cli import run_cmd

    def reached(*args, **kwargs):
        raise AssertionError("slow work started with a bad option value")

    monkeypatch.setattr(run_cmd, "_simulate", reached)
    monkeypatch.setattr(longwalk.atlas, "load_atlas", reached)
    monkeypatch.setattr(longwalk.ensemble, "run_ensemble", reached)
    monkeypatch.setattr(longwalk.validation, "run_case", reached)
    monkeypatch.setenv("LONGWALK_WORLDCLIM_URL", "http://127.0.0.1:9/nothing-listens-here")
    monkeypatch.setenv("LONGWALK_CACHE", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a-file").write_text("not a folder")


def call(path: tuple[str, ...], name: str, value: str) -> list[str]:
    """The command line: the valid call with ``value`` given to parameter ``name``."""
    command = COMMANDS[path]
    param = next(p for p in command.params if p.name == name)
    args = list(VALID[path])
    arguments = [p.name for p in command.params if p.param_type_name == "argument"]
    if name in arguments:
        position = arguments.index(name)
        while len(args) < position + 1:  # an optional argument left at its default
            args.append(value)
        args[position] = value
        return [*path, *args]
    flag = max(param.opts, key=len)
    if flag in args:
        args[args.index(flag) + 1] = value
        return [*path, *args]
    return [*path, *args, flag, value]


@pytest.mark.parametrize(("path", "name", "value"), CASES)
def test_a_wrong_value_is_exit_2_and_a_sentence(longwalk, no_slow_work, path, name, value):
    argv = call(path, name, value)
    result = longwalk(*argv)
    said = " ".join(result.stderr.split())
    assert result.returncode == 2, (argv, result.stdout, said)
    assert "Traceback" not in result.stderr + result.stdout
    command = COMMANDS[path]
    param = next(p for p in command.params if p.name == name)
    names = [*getattr(param, "opts", []), name, name.upper(), value]
    assert any(n in said for n in names), (argv, said)


@pytest.mark.parametrize("path", sorted(COMMANDS), ids=" ".join)
def test_help_texts_survive_rich_markup(path):
    """Issue 15: `route --help` printed '--snap-km ... within this .': rich took the unit "[km]" for a markup tag.
    Every help text must print as written."""
    from rich.markup import render

    command = COMMANDS[path]
    texts = [command.help or "", *(getattr(p, "help", None) or "" for p in command.params)]
    for text in texts:
        assert render(text).plain == text, text


def _registered(typer_app, path=()):
    for info in typer_app.registered_commands:
        yield (*path, info.name or info.callback.__name__), info.callback
    for group in typer_app.registered_groups:
        yield from _registered(group.typer_instance, (*path, group.name))


def test_every_command_is_guarded():
    """Each command goes through :func:`longwalk.cli.edge.guard`, which turns a file-system error into exit 2 and a
    sentence; a command added without it fails here."""
    from longwalk.cli.edge import guard

    guarded_code = guard(lambda: None).__code__
    registered = dict(_registered(app))
    assert sorted(registered) == sorted(VALID)
    unguarded = [" ".join(path) for path, callback in registered.items() if callback.__code__ is not guarded_code]
    assert unguarded == []
