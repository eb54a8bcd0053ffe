"""`longwalk odds`: many runs of one scenario — who tends to survive, who dies where and of what."""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from longwalk.cli.edge import guard, write_file
from longwalk.cli.sources import SCENARIO_CLIMATE_HELP, SCENARIO_DEM_HELP, check_sources
from longwalk.errors import InputError


def odds(
    scenario: str = typer.Argument("the-way-back", help="A built-in scenario name or a scenario .toml file."),
    runs: int = typer.Option(1000, "--runs", "-n", help="Number of runs (different weather and incidents)."),
    seed: int = typer.Option(0, "--seed", min=0, help="Ensemble seed; run k is the same story in any batch."),
    batch_size: int | None = typer.Option(None, "--batch-size", "--chunk-size",
                                          help="Runs simulated together (default: as few chunks as "
                                          "longwalk.ensemble.run's DEFAULT_CHUNK allows, the same number for "
                                          "each worker); the numbers do not depend on it.",
                                          show_default=False),
    workers: int | None = typer.Option(None, "--workers", "-w",
                                       help="Local worker processes (default: one per core for a large ensemble, "
                                       "as longwalk.ensemble.run.default_workers; one with --scheduler, --png or "
                                       "--netcdf).", show_default=False),
    scheduler: str | None = typer.Option(None, "--scheduler", help="Run on this Dask cluster instead, e.g. "
                                         "tcp://host:8786 (its workers need longwalk installed).",
                                         show_default=False),
    resume: bool = typer.Option(False, "--resume", help="Continue the interrupted ensemble in --out: keep its "
                                "finished runs, compute the rest."),
    set_: list[str] = typer.Option([], "--set", help="Override a scenario field, e.g. policy.ration=2500."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
    climate: str | None = typer.Option(None, "--climate", help=SCENARIO_CLIMATE_HELP, show_default=False),
    dem: Path | None = typer.Option(None, "--dem", help=SCENARIO_DEM_HELP, show_default=False),
    png: bool = typer.Option(False, "--png", help="Also draw survival.png, deaths_by_leg.png, arrivals.png in --out."),
    netcdf: bool = typer.Option(False, "--netcdf", help="Also write every run's days to --out/ensemble.nc (NetCDF)."),
    out: Path = typer.Option(None, "--out", help="Write report.html, odds.json and fates.csv (and what --png and "
                             "--netcdf ask for) into this folder (default with --png or --netcdf: ./SCENARIO-odds), "
                             "and each chunk of runs as it finishes (chunks/*.parquet, manifest.json), so that "
                             "--resume can continue there.", show_default=False),
) -> None:
    """Run a scenario many times and print each person's chance of arriving, with 95 % Wilson intervals,
    the causes of death and the legs where deaths happen, how many survive, when they arrive, the incidents,
    and (for a retold story) the runs closest to it: read one with `longwalk run SCENARIO --run K --seed S`."""
    from longwalk.engine.plan import plan_journey
    from longwalk.ensemble import run_ensemble
    from longwalk.scenario import load_scenario, scenario_warnings, with_sources

    workers = _workers(workers, runs, scheduler is not None or png or netcdf)
    if runs < 1 or (batch_size is not None and batch_size < 1) or workers < 1:
        raise InputError(f"--runs, --batch-size and --workers must be at least 1 (got {runs}, {batch_size} and "
                         f"{workers})")
    if scheduler is not None and workers != 1:
        raise InputError("--workers and --scheduler: give one (local processes or a Dask cluster), not both")
    if (png or netcdf) and (workers > 1 or scheduler is not None):
        raise InputError("--png and --netcdf need every run's days in this process: leave out --workers and "
                         "--scheduler, or leave out --png and --netcdf")
    if resume and out is None:
        raise InputError("--resume needs --out: the directory of the ensemble to continue")
    scen = with_sources(load_scenario(scenario, set_), climate, dem)
    check_sources(climate, dem)  # names checked by with_sources; here that they can be read, before any slow work
    err = Console(stderr=True)
    for warning in scenario_warnings(scen):
        err.print(f"[yellow]warning:[/] {warning}", highlight=False, soft_wrap=True)

    out_dir = None
    if png or netcdf or out is not None:
        from longwalk.ensemble.store import check_directory

        # another scenario's runs, or nothing to resume, are refused before anything is made or planned
        check_directory(Path(out or f"{scen.name}-odds").expanduser().absolute(), scen, seed, resume)
        out_dir = _out_dir(out, scen.name)
    client = None
    if scheduler is not None:
        from longwalk.ensemble.workers import connect

        client = connect(scheduler)  # before the route is planned: a scheduler that does not answer fails at once
    try:
        plan = plan_journey(scen, need_climate=scen.weather is None)
        fates = ensemble = None
        if out_dir is not None:
            from longwalk.report.export import EnsembleCollector

            fates = _fate_collector(scen, plan)
            ensemble = EnsembleCollector() if png or netcdf else None

        def on_chunk(start, stop, table) -> None:
            if fates is not None:
                _collect_fates(fates, table, scen, plan)

        with _progress_bar(err, runs) as progress:
            try:
                summary = run_ensemble(scen, n_runs=runs, seed=seed, batch_size=batch_size, plan=plan,
                                       progress=progress, on_batch=ensemble, workers=workers, scheduler=client,
                                       out=out_dir, resume=resume, on_chunk=on_chunk,
                                       notice=lambda text: err.print(f"[yellow]warning:[/] {text}", highlight=False,
                                                                     soft_wrap=True))
            except KeyboardInterrupt:
                kept = (f"the runs finished so far are kept in {out_dir}; add --resume to continue"
                        if out_dir is not None else "nothing was kept (give --out to keep finished runs)")
                err.print(f"[yellow]interrupted:[/] {kept}", highlight=False, soft_wrap=True)
                raise typer.Exit(130) from None
    finally:
        if client is not None:
            client.close()
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
    _print_summary(summary, scen, runs, seed)


def _print_summary(summary, scen, runs: int, seed: int) -> None:
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
        f"Runs where someone arrived: {runs - summary.none_arrived} of {runs}.", highlight=False)
    survivors = ", ".join(f"{k} in {v / runs:.1%}" for k, v in sorted(summary.survivors.items()))
    console.print(f"People arriving per run: {survivors} of the runs.", highlight=False)
    if summary.arrival_dates is not None:
        console.print(f"Arrival dates (10/50/90 %): {' / '.join(summary.arrival_dates)}.", highlight=False)
    seen = [f"{kind.replace('_', ' ')} {v['per_run']:.2f} a run (in {v['runs'] / runs:.0%} of runs)"
            for kind, v in summary.incidents.items() if v["episodes"]]
    if seen:
        console.print(f"Incidents: {'; '.join(seen)}.", highlight=False)
    if summary.closest:
        near = ", ".join(f"{c['run']} ({c['distance']:g})" for c in summary.closest[:5])
        console.print(f"Runs closest to the told story (distance): {near}; read one with "
                      f"`longwalk run {scen.name} --run K --seed {seed}`.", highlight=False, soft_wrap=True)


class _Rate(ProgressColumn):
    """Runs a second, as the bar's task measures it."""

    def render(self, task) -> Text:
        return Text("" if task.speed is None else f"{task.speed:,.1f} runs/s", style="progress.data.speed")


def _workers(asked: int | None, runs: int, one_process: bool) -> int:
    """The local worker processes to use: those asked for, or every core for a large ensemble
    (:func:`longwalk.ensemble.run.default_workers`) unless the run must stay in this process (``one_process``: a
    Dask scheduler, or --png/--netcdf, which read every run's days here).

    >>> _workers(3, 10, False), _workers(None, 10, False), _workers(None, 10**9, True)
    (3, 1, 1)
    """
    if asked is not None:
        return asked
    from longwalk.ensemble.run import default_workers

    return 1 if one_process else default_workers(runs)


@contextmanager
def _progress_bar(err: Console, total: int):
    """``progress(done, total)`` for :func:`run_ensemble`: a Rich bar with runs/s and ETA on a terminal, otherwise a
    plain line at each tenth of the runs and at the end (progress is told each simulated day)."""
    if not err.is_terminal:
        shown = [0]

        def line(done: int, total: int) -> None:
            if done == total or done - shown[0] >= max(total // 10, 1):
                shown[0] = done
                err.print(f"{done}/{total} runs", highlight=False)

        yield line
        return
    with Progress(TextColumn("runs"), BarColumn(), MofNCompleteColumn(), _Rate(), TextColumn("ETA"),
                  TimeRemainingColumn(), console=err, transient=False) as bar:
        task = bar.add_task("runs", total=total)
        yield lambda done, total: bar.update(task, completed=done)


def _fate_collector(scen, plan):
    """A :class:`~longwalk.report.html.FateCollector` with the route and waypoints of ``plan`` and no runs yet
    (rows are added from the chunk tables, wherever the chunks ran)."""
    from types import SimpleNamespace

    from longwalk.report.html import FateCollector

    collector = FateCollector()
    collector(SimpleNamespace(start_date=scen.start_date, route=plan.route, waypoint_names=plan.waypoint_names,
                              run_ids=[], fates=[], daily=None))
    return collector


def _collect_fates(collector, table, scen, plan) -> None:
    """Add a chunk's fates (:data:`longwalk.ensemble.chunks.FATE_SCHEMA`) as ``fates.csv`` rows."""
    import datetime as dt
    import math

    from longwalk.engine.records import Status

    names = [p.name for p in scen.party]
    legs = [f"{a} → {b}" for a, b in zip(plan.waypoint_names[:-1], plan.waypoint_names[1:], strict=True)]
    for row in table.to_pylist():
        day = row["day"]
        collector.rows.append({
            "run": row["run"], "person": names[row["person"]], "fate": Status(row["status"]).name.lower(),
            "day": day if day >= 0 else "",
            "date": (scen.start_date + dt.timedelta(days=day)).isoformat() if day >= 0 else "",
            "cause": row["cause"], "lat": f"{row['lat']:.4f}" if math.isfinite(row["lat"]) else "",
            "lon": f"{row['lon']:.4f}" if math.isfinite(row["lon"]) else "",
            "leg": legs[row["leg"]] if day >= 0 and legs else "",
        })


def _out_dir(out: Path | None, name: str) -> Path:
    """The folder for the report, --png and --netcdf, made and tried before the runs start so that a bad place
    fails at once; it may hold only earlier `longwalk odds` output."""
    from longwalk.cli.report_cmd import check_report_dir
    from longwalk.ensemble.store import CHUNK_DIR, MANIFEST
    from longwalk.report.export import ENSEMBLE_FILE
    from longwalk.report.figures import ENSEMBLE_FIGURES

    return check_report_dir(Path(out) if out is not None else Path(f"{name}-odds"),
                            also={ENSEMBLE_FILE, *ENSEMBLE_FIGURES, MANIFEST, CHUNK_DIR})


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
