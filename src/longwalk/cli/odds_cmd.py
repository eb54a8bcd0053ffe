"""`longwalk odds`: many runs of one scenario — who tends to survive, who dies where and of what."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from longwalk.cli.edge import guard, write_file
from longwalk.cli.sources import SCENARIO_CLIMATE_HELP, SCENARIO_DEM_HELP, check_sources
from longwalk.errors import InputError


def odds(
    scenario: str = typer.Argument("the-way-back", help="A built-in scenario name or a scenario .toml file."),
    runs: int = typer.Option(1000, "--runs", "-n", help="Number of runs (different weather and incidents)."),
    seed: int = typer.Option(0, "--seed", min=0, help="Ensemble seed; run k is the same story in any batch."),
    batch_size: int = typer.Option(2000, "--batch-size", help="Runs simulated together (memory vs speed)."),
    set_: list[str] = typer.Option([], "--set", help="Override a scenario field, e.g. policy.ration=2500."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
    climate: str | None = typer.Option(None, "--climate", help=SCENARIO_CLIMATE_HELP, show_default=False),
    dem: Path | None = typer.Option(None, "--dem", help=SCENARIO_DEM_HELP, show_default=False),
    png: bool = typer.Option(False, "--png", help="Also draw survival.png, deaths_by_leg.png, arrivals.png in --out."),
    netcdf: bool = typer.Option(False, "--netcdf", help="Also write every run's days to --out/ensemble.nc (NetCDF)."),
    out: Path = typer.Option(None, "--out", help="Write report.html, odds.json and fates.csv (and what --png and "
                             "--netcdf ask for) into this folder (default with --png or --netcdf: ./SCENARIO-odds).",
                             show_default=False),
) -> None:
    """Run a scenario many times and print each person's chance of arriving, with 95 % Wilson intervals,
    the causes of death and the legs where deaths happen."""
    from longwalk.ensemble import run_ensemble
    from longwalk.scenario import load_scenario, scenario_warnings, with_sources

    if runs < 1 or batch_size < 1:
        raise InputError(f"--runs and --batch-size must be at least 1 (got {runs} and {batch_size})")
    scen = with_sources(load_scenario(scenario, set_), climate, dem)
    check_sources(climate, dem)  # names checked by with_sources; here that they can be read, before any slow work
    err = Console(stderr=True)
    for warning in scenario_warnings(scen):
        err.print(f"[yellow]warning:[/] {warning}", highlight=False, soft_wrap=True)

    out_dir = _out_dir(out, scen.name) if png or netcdf or out is not None else None

    def progress(done: int, total: int) -> None:
        err.print(f"{done}/{total} runs", highlight=False)

    fates = ensemble = None
    if out_dir is not None:
        from longwalk.report.export import EnsembleCollector
        from longwalk.report.html import FateCollector

        fates = FateCollector()
        ensemble = EnsembleCollector() if png or netcdf else None
    collectors = [c for c in (fates, ensemble) if c is not None]

    def on_batch(result) -> None:
        for collect in collectors:
            collect(result)

    summary = run_ensemble(scen, n_runs=runs, seed=seed, batch_size=batch_size, progress=progress,
                           on_batch=on_batch if collectors else None)
    if out_dir is not None:
        from longwalk.cli.report_cmd import save_odds

        written = save_odds(summary, fates, out_dir)
        if ensemble is not None:
            written += _write_files(ensemble.dataset(scen.title), out_dir, png, netcdf)
        err.print(f"Wrote {', '.join(p.name for p in written)} to {out_dir}", highlight=False, soft_wrap=True)
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


def _out_dir(out: Path | None, name: str) -> Path:
    """The folder for the report, --png and --netcdf, made and tried before the runs start so that a bad place
    fails at once; it may hold only earlier `longwalk odds` output."""
    from longwalk.cli.report_cmd import check_report_dir
    from longwalk.report.export import ENSEMBLE_FILE
    from longwalk.report.figures import ENSEMBLE_FIGURES

    return check_report_dir(Path(out) if out is not None else Path(f"{name}-odds"),
                            also={ENSEMBLE_FILE, *ENSEMBLE_FIGURES})


def _write_files(ds, out_dir: Path, png: bool, netcdf: bool) -> list[Path]:
    """ensemble.nc and the figures, each written whole (beside its place, then moved) or not at all."""
    from longwalk.report import figures
    from longwalk.report.export import ENSEMBLE_FILE, write_netcdf

    out_dir.mkdir(exist_ok=True)
    jobs = [(ENSEMBLE_FILE, lambda tmp: write_netcdf(ds, tmp))] if netcdf else []
    if png:
        jobs += list(zip(figures.ENSEMBLE_FIGURES, (lambda tmp: figures.survival_figure(ds, tmp),
                                                    lambda tmp: figures.deaths_by_leg_figure(ds, tmp),
                                                    lambda tmp: figures.arrivals_figure(ds, tmp)), strict=True))
    return [write_file(out_dir / name, write) for name, write in jobs]


def register(app: typer.Typer) -> None:
    app.command("odds")(guard(odds))
