"""`longwalk check`: could a claimed itinerary have been walked?  A verdict for each leg and for the whole."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict

import typer

from longwalk.cli.edge import guard
from longwalk.errors import InputError


def check(
    itinerary: str = typer.Argument(..., help="A built-in scenario name or a .toml file whose waypoints carry "
                                    "claimed_date (and claimed_conditions), e.g. the-long-walk-1941."),
    runs: int = typer.Option(1000, "--runs", "-n", help="Runs of each ensemble: as written, and with every "
                             "uncertain input at its favourable end ('impossible': none of these gets through)."),
    seed: int = typer.Option(0, "--seed", min=0, help="Ensemble seed; run k is the same story in any batch."),
    set_: list[str] = typer.Option([], "--set", help="Override a scenario field, e.g. policy.hours_per_day=12."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Weigh a claimed journey: for each claimed waypoint, the chance that the party is there alive by the claimed
    date (95 % Wilson interval), the constraint that binds (daily distance, water, food, cold, heat, altitude) and
    its margin, and an overall verdict with its evidence."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from longwalk.analysis.check import check_itinerary
    from longwalk.scenario import load_scenario, scenario_warnings

    if runs < 1:
        raise InputError(f"--runs must be at least 1 (got {runs}); 'impossible' needs a large ensemble, e.g. 1000")
    scen = load_scenario(itinerary, set_)
    if not any(w.claimed_date is not None for w in scen.route):
        raise InputError(f"{itinerary}: no waypoint of its route has a claimed_date, so there is nothing to check; "
                         "give some a date (claimed_date = 1941-05-15) or a range ([1941-05-01, 1941-05-31])")
    err = Console(stderr=True)
    for warning in scenario_warnings(scen):
        err.print(f"[yellow]warning:[/] {warning}", highlight=False, soft_wrap=True)
    with Progress(TextColumn("check"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=err,
                  transient=True) as bar:
        task = bar.add_task("runs", total=None)
        result = check_itinerary(scen, n_runs=runs, seed=seed,
                                 progress=lambda done, total: bar.update(task, completed=done, total=total))
    if as_json:
        json.dump(_plain(asdict(result)), sys.stdout, indent=2, ensure_ascii=False, default=str)
        print()
        return
    console = Console()
    console.print(f"[bold]{scen.title or scen.name}[/]: {runs:,} runs as written and {runs:,} with every uncertain "
                  f"input at its favourable end, seed {seed}", highlight=False)
    for line in result.lines():
        console.print(line, highlight=False, soft_wrap=True)


def _plain(value):
    """``value`` with NaN (a pace no run could measure) as null, so the output is standard JSON."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return None if isinstance(value, float) and value != value else value


def register(app: typer.Typer) -> None:
    app.command("check")(guard(check))
