"""`longwalk scenarios` and `longwalk scenario validate FILE`."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table

from longwalk.cli.edge import guard

scenario_app = typer.Typer(help="Check scenario files.", no_args_is_help=True)


@scenario_app.command("validate")
@guard
def validate(
    file: str = typer.Argument(..., help="A scenario .toml file or a built-in scenario name."),
    set_: list[str] = typer.Option([], "--set", help="Override a field, e.g. policy.hours_per_day=10."),
) -> None:
    """Validate a scenario file and print a short summary; errors name the line and field."""
    from longwalk.scenario import load_scenario, scenario_warnings

    scenario = load_scenario(file, set_)
    for warning in scenario_warnings(scenario):
        Console(stderr=True).print(f"[yellow]warning:[/] {warning}", highlight=False, soft_wrap=True)
    present = sum(p.present for p in scenario.party)
    Console().print(
        f"[green]valid[/]: {scenario.name} — {len(scenario.party)} people ({present} at the start), "
        f"{len(scenario.route)} waypoints, {len(scenario.events)} events, starts {scenario.start_date}"
    )


def scenarios() -> None:
    """List the built-in scenarios."""
    from longwalk.scenario import builtin_scenarios, load_scenario

    table = Table("name", "title", "start", "people", "waypoints")
    for name in builtin_scenarios():
        s = load_scenario(name)
        table.add_row(name, s.title, str(s.start_date), str(len(s.party)), str(len(s.route)))
    Console().print(table)


def register(app: typer.Typer) -> None:
    app.add_typer(scenario_app, name="scenario")
    app.command("scenarios")(guard(scenarios))
