"""`longwalk odds`: many runs of one scenario — who tends to survive, who dies where and of what."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from longwalk.cli.edge import guard
from longwalk.errors import InputError


def odds(
    scenario: str = typer.Argument("the-way-back", help="A built-in scenario name or a scenario .toml file."),
    runs: int = typer.Option(1000, "--runs", "-n", help="Number of runs (different weather and incidents)."),
    seed: int = typer.Option(0, "--seed", min=0, help="Ensemble seed; run k is the same story in any batch."),
    batch_size: int = typer.Option(2000, "--batch-size", help="Runs simulated together (memory vs speed)."),
    set_: list[str] = typer.Option([], "--set", help="Override a scenario field, e.g. policy.ration=2500."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
    out: Path = typer.Option(None, "--out", help="Also write report.html, odds.json and fates.csv into this "
                             "directory (made if missing).", show_default=False),
) -> None:
    """Run a scenario many times and print each person's chance of arriving, with 95 % Wilson intervals,
    the causes of death and the legs where deaths happen."""
    from longwalk.ensemble import run_ensemble
    from longwalk.scenario import load_scenario, scenario_warnings

    if runs < 1 or batch_size < 1:
        raise InputError(f"--runs and --batch-size must be at least 1 (got {runs} and {batch_size})")
    scen = load_scenario(scenario, set_)
    err = Console(stderr=True)
    for warning in scenario_warnings(scen):
        err.print(f"[yellow]warning:[/] {warning}", highlight=False, soft_wrap=True)

    def progress(done: int, total: int) -> None:
        err.print(f"{done}/{total} runs", highlight=False)

    collector = None
    if out is not None:
        from longwalk.cli.report_cmd import check_report_dir
        from longwalk.report.html import FateCollector

        out = check_report_dir(out)
        collector = FateCollector()
    summary = run_ensemble(scen, n_runs=runs, seed=seed, batch_size=batch_size, progress=progress,
                           on_batch=collector)
    if out is not None:
        from longwalk.cli.report_cmd import save_odds

        save_odds(summary, collector, out)
    if as_json:
        json.dump(summary.as_dict(), sys.stdout, indent=2, ensure_ascii=False, sort_keys=True)
        print()
        return
    table = Table(title=f"{scen.title or scen.name}: {runs} runs, seed {seed}")
    for col in ("person", "arrived (95 % CI)", "died", "left", "main cause of death", "deadliest leg", "death day"):
        table.add_column(col)
    for p in summary.people:
        n = max(p.runs, 1)
        cause = next(iter(p.causes.items()), None)
        leg = next(iter(p.death_legs.items()), None)
        table.add_row(
            p.name,
            f"{p.arrived / n:.1%} ({p.arrived_ci[0]:.1%}–{p.arrived_ci[1]:.1%})",
            f"{p.died / n:.1%}",
            f"{p.left / n:.1%}",
            f"{cause[0]} ({cause[1] / p.died:.0%})" if cause else "",
            f"{leg[0]} ({leg[1] / p.died:.0%})" if leg else "",
            "" if p.median_death_day is None else f"{p.median_death_day:.0f}",
        )
    console = Console()
    console.print(table)
    d10, d50, d90 = summary.days
    console.print(
        f"Journey length (10/50/90 %): {d10:.0f} / {d50:.0f} / {d90:.0f} days. "
        f"Runs where someone arrived: {runs - summary.none_arrived} of {runs}."
    )


def register(app: typer.Typer) -> None:
    app.command("odds")(guard(odds))
