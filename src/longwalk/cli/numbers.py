"""Negative numbers on the command line: ``atlas point -33.9 18.4`` and ``--from -33.9,18.4``.

Click reads every token that starts with ``-`` as an option, so ``-33.9`` fails with "No such option: -3".  An
option's value is already taken as it is (``--from -33.9,18.4``); a positional argument is not.  The root group
:class:`LongwalkGroup` therefore rewrites the command line once, for every command under it: when a positional
token is a negative number (:data:`NEGATIVE_NUMBER`, and no option of the command has that name), the options go
first and the positional values after ``--``, which click reads as values whatever they look like
(:func:`protect_negative_numbers`).  A command line without such a token is passed on untouched.
"""

from __future__ import annotations

import re

from typer.core import TyperGroup

#: A negative number, alone or first in a comma-separated list: ``-33.9``, ``-.5``, ``-1e3``, ``-33.9,18.4``.
NEGATIVE_NUMBER = re.compile(r"-(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?(?:,.*)?")


def _value_counts(command) -> dict[str, int]:
    """Option name -> how many values follow it, for the options of ``command`` that take values."""
    counts = {}
    for param in command.params:
        if getattr(param, "param_type_name", "") == "option" and not param.is_flag and not param.count:
            for name in (*param.opts, *param.secondary_opts):
                counts[name] = max(int(param.nargs), 1)
    return counts


def protect_negative_numbers(command, args: list[str]) -> list[str]:
    """The command line ``args`` of ``command`` (a group or a command), with negative positional values put after
    ``--`` so that click does not read them as options.

    A group's own options come before its subcommand's name (the first token that is no option), as click
    requires; the rewrite applies to the command that name leads to.

    >>> import typer
    >>> app = typer.Typer()
    >>> @app.command()
    ... def point(lat: float, lon: float, month: int = typer.Option(None, "--month")): ...
    >>> protect_negative_numbers(typer.main.get_command(app), ["-33.9", "--month", "6", "18.4"])
    ['--month', '6', '--', '-33.9', '18.4']
    """
    if not any(NEGATIVE_NUMBER.fullmatch(a) for a in args):
        return list(args)
    if isinstance(command, TyperGroup):
        for i, token in enumerate(args):
            if token == "--":
                break
            if not token.startswith("-"):
                sub = command.commands.get(token)
                if sub is None:
                    break
                return [*args[:i + 1], *protect_negative_numbers(sub, args[i + 1:])]
        return list(args)
    counts = _value_counts(command)
    options: list[str] = []
    values: list[str] = []
    i = 0
    while i < len(args):
        token = args[i]
        if token == "--":
            values.extend(args[i + 1:])
            break
        if token in counts:
            options.extend(args[i:i + 1 + counts[token]])
            i += 1 + counts[token]
            continue
        if token.startswith("-") and len(token) > 1 and not NEGATIVE_NUMBER.fullmatch(token):
            options.append(token)  # a flag, an option with its value attached (--x=1), or one click will reject
        else:
            values.append(token)
        i += 1
    if not any(NEGATIVE_NUMBER.fullmatch(v) for v in values):
        return list(args)
    return [*options, "--", *values]


class LongwalkGroup(TyperGroup):
    """The root ``longwalk`` group: every command under it takes negative numbers as values
    (:func:`protect_negative_numbers`)."""

    def resolve_command(self, ctx, args):
        name, command, rest = super().resolve_command(ctx, args)
        if command is not None:
            rest = protect_negative_numbers(command, rest)
        return name, command, rest
