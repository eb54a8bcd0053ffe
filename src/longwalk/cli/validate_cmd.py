"""`longwalk validate`: run the validation cases (published observations of real people) and report the scores."""

from __future__ import annotations

import difflib
import json
import sys

import typer
from rich.console import Console
from rich.table import Table

from longwalk.cli.edge import guard
from longwalk.errors import InputError


def select_cases(ids: list[str], fast: bool) -> list:
    """The registered cases to run: those named (in registry order), else all; without the slow ones if ``fast``.

    Raises
    ------
    InputError
        A named case id is not registered: the message names the closest id and every valid one.
    """
    from longwalk import validation

    registry = validation.cases()
    unknown = [i for i in ids if i not in registry]
    if unknown:
        bad = unknown[0]
        # a truncated id is the common slip, and difflib's ratio prefers short ids to a long one it begins
        close = [i for i in registry if i.startswith(bad)] or difflib.get_close_matches(bad, list(registry), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        valid = ", ".join(registry) or "none are registered"
        raise InputError(f"--case '{bad}' is not a validation case{hint}; valid ids: {valid}")
    chosen = [c for i, c in registry.items() if not ids or i in ids]
    return [c for c in chosen if not (fast and c.slow)]


def scores(results: list) -> dict[str, tuple[int, int]]:
    """``{"validation": (passed, total), "calibration": (passed, total)}`` over ``results``."""
    out = {}
    for role in ("validation", "calibration"):
        mine = [r for r in results if r.case.role == role]
        out[role] = (sum(r.passed for r in mine), len(mine))
    return out


def validate(
    case: list[str] = typer.Option([], "--case", "-c", help="Run only this case id (repeatable)."),
    as_json: bool = typer.Option(False, "--json", help="Print every result as JSON instead of the table."),
    fast: bool = typer.Option(False, "--fast", help="Skip the slow cases (whole journeys through the engine)."),
) -> None:
    """Compare longwalk's predictions with published observations of real people (journeys, experiments).

    Prints each case's observed value, accepted band and prediction, and the share of cases passed.
    Calibration cases (whose number was used to fit a parameter) are scored apart from validation cases.
    The command reports: it exits 0 even when cases fail; a case id that does not exist exits 2.
    """
    from longwalk.validation import format_value as _number
    from longwalk.validation import run_case

    chosen = select_cases(case, fast)
    err = Console(stderr=True)
    results = []
    for k, c in enumerate(chosen, 1):
        err.print(f"[{k}/{len(chosen)}] {c.id}{' (slow)' if c.slow else ''}", highlight=False)
        results.append(run_case(c))
    if as_json:
        json.dump([r.as_dict() for r in results], sys.stdout, indent=2, ensure_ascii=False)
        print()
        return
    table = Table(title=f"Validation: {len(results)} cases")
    table.add_column("case", no_wrap=True)  # an id is what a user types back into --case: never cut it
    for col in ("topic", "role", "observed", "band", "predicted", "pass"):
        table.add_column(col)
    for r in results:
        c = r.case
        table.add_row(
            c.id, c.topic, c.role, f"{_number(c.observed)} {c.unit}", f"{_number(c.low)}–{_number(c.high)}",
            r.error or _number(r.predicted), "[green]yes[/]" if r.passed else "[red]no[/]",
        )
    console = Console()
    console.print(table)
    for role, (passed, total) in scores(results).items():
        share = f" ({passed / total:.0%})" if total else ""
        console.print(f"{role} cases passed: {passed}/{total}{share}", highlight=False)


def register(app: typer.Typer) -> None:
    app.command("validate")(guard(validate))
