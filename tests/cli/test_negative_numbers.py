"""Negative numbers are values in every command: the rewrite of the command line (longwalk.cli.numbers) and the
commands a user types (`atlas point -33.9 18.4`, `--from -33.9,18.4`)."""

from __future__ import annotations

import pytest
import typer

from longwalk.cli.main import app
from longwalk.cli.numbers import NEGATIVE_NUMBER, protect_negative_numbers


def _command():
    sub = typer.Typer()

    @sub.command()
    def point(lat: float, lon: float, month: int = typer.Option(None, "--month", "-m"),
              pair: tuple[float, float] = typer.Option((0.0, 0.0), "--pair"),
              flag: bool = typer.Option(False, "--flag")):
        print(lat, lon, month, pair, flag)

    @sub.command()
    def other():
        pass

    root = typer.Typer()
    root.add_typer(sub, name="atlas")
    return typer.main.get_command(root)


@pytest.mark.parametrize(("token", "number"), [("-33.9", True), ("-.5", True), ("-1e3", True), ("-33.9,18.4", True),
                                               ("-3", True), ("--month", False), ("-m", False), ("-", False),
                                               ("-x1", False)])
def test_what_counts_as_a_negative_number(token, number):
    assert bool(NEGATIVE_NUMBER.fullmatch(token)) is number


@pytest.mark.parametrize(("args", "expected"), [
    # positional negatives go after "--", options (with their values) before
    (["atlas", "point", "-33.9", "18.4"], ["atlas", "point", "--", "-33.9", "18.4"]),
    (["atlas", "point", "--flag", "-33.9", "-m", "-4", "-18.4", "--pair", "-1", "-2"],
     ["atlas", "point", "--flag", "-m", "-4", "--pair", "-1", "-2", "--", "-33.9", "-18.4"]),
    (["atlas", "point", "--month=6", "-33.9", "18.4"], ["atlas", "point", "--month=6", "--", "-33.9", "18.4"]),
    # nothing to protect: untouched (an option's negative value is taken as it is by click)
    (["atlas", "point", "33.9", "18.4", "--month", "-6"], ["atlas", "point", "33.9", "18.4", "--month", "-6"]),
    # a "--" already there is kept as the start of the values
    (["atlas", "point", "-33.9", "--", "-18.4"], ["atlas", "point", "--", "-33.9", "-18.4"]),
    # an unknown command is left for click to name
    (["atlas", "nothing", "-33.9"], ["atlas", "nothing", "-33.9"]),
])
def test_protect_negative_numbers(args, expected):
    assert protect_negative_numbers(_command(), args) == expected


def test_every_command_of_longwalk_gets_the_rewrite():
    # the root group's class does it once for all: a command added later needs nothing of its own
    from longwalk.cli.numbers import LongwalkGroup

    assert isinstance(typer.main.get_command(app), LongwalkGroup)


@pytest.mark.parametrize("args", [
    ["atlas", "point", "-33.9", "18.4", "--places", "1", "--json"],
    ["atlas", "point", "--json", "-33.9", "18.4", "--places", "1"],
    ["atlas", "point", "--places", "1", "--json", "--", "-33.9", "18.4"],
])
def test_atlas_point_takes_negative_coordinates(args):
    import json

    from typer.testing import CliRunner

    out = CliRunner().invoke(app, args)
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert (data["lat"], data["lon"]) == (-33.9, 18.4)
    assert data["places"][0]["name"] == "Cape Town"


def test_a_misspelt_option_is_still_named():
    from typer.testing import CliRunner

    out = CliRunner().invoke(app, ["atlas", "point", "--bogus", "-33.9", "18.4"])
    assert out.exit_code == 2 and "--bogus" in out.output
