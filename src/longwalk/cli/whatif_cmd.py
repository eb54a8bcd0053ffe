"""`longwalk whatif`: which uncertain inputs decide an outcome, and the fewest changes that make it likely."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict

import typer

from longwalk.cli.edge import guard


def whatif(
    scenario: str = typer.Argument(..., help="A built-in scenario name or a scenario .toml file."),
    target: str = typer.Option(..., "--target", "-t", help="The outcome, e.g. \"Janusz arrives\", \"3 arrive\", "
                               "\"everyone survives\", \"nobody dies of thirst\" (join several with 'and')."),
    runs: int = typer.Option(40, "--runs", "-n", help="Runs per sample point (every point uses the same seed)."),
    trajectories: int = typer.Option(4, "--trajectories", help="Morris trajectories: (inputs + 1) × this ensembles."),
    top: int = typer.Option(3, "--top", help="Inputs, by Morris mu*, given Sobol indices (0: none)."),
    sobol_samples: int = typer.Option(8, "--sobol-samples", help="Sobol base samples, a power of two: "
                                      "this × (top + 2) ensembles."),
    search: int = typer.Option(4, "--search", help="Most influential inputs the search combines (at most "
                               "2^search - 1 ensembles)."),
    above: float = typer.Option(0.5, "--above", help="The probability the search must lift the target to."),
    seed: int = typer.Option(0, "--seed", min=0, help="Ensemble seed."),
    set_: list[str] = typer.Option([], "--set", help="Override a scenario field first, e.g. policy.ration=2500."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """What would have to be true: rank the scenario's uncertain inputs (body fat, fitness, clothing, food, water
    containers, load; docs/the-way-back.md lists the ranges) by how much they move the target's probability
    (SALib Morris screening, then Sobol indices on the top ones), and search for the smallest set of changes that
    lifts it above --above."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from longwalk.analysis.target import parse_target
    from longwalk.analysis.whatif import whatif as run_whatif
    from longwalk.scenario import load_scenario

    scen = load_scenario(scenario, set_)
    parse_target(target, [p.name for p in scen.party])  # a bad target fails before any run
    err = Console(stderr=True)
    with Progress(TextColumn("whatif ensembles"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=err, transient=True) as bar:
        task = bar.add_task("ensembles", total=None)
        result = run_whatif(scen, target, runs=runs, seed=seed, trajectories=trajectories, top=top,
                            sobol_samples=sobol_samples, search=search, above=above,
                            progress=lambda done, total: bar.update(task, completed=done, total=max(total, done)))
    if as_json:
        json.dump(asdict(result), sys.stdout, indent=2, ensure_ascii=False, default=str)
        print()
        return
    console = Console()
    console.print(f"[bold]{scen.title or scen.name}[/]: {result.ensembles} ensembles of {runs} runs, seed {seed}",
                  highlight=False)
    for line in result.lines():
        console.print(line, highlight=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.command("whatif")(guard(whatif))
