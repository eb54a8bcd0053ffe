"""`longwalk run`: simulate one journey and write its journal and data files.

Everything is written into a temporary directory next to ``--out`` and moved into place only when every file
is complete, so a failure or Ctrl-C never leaves half-written output.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from pathlib import Path

import typer
from rich.console import Console
from rich.live import Live
from rich.table import Table

from longwalk.cli.edge import check_parent, check_writable, guard, remove_quietly, staging_dir
from longwalk.cli.sources import SCENARIO_CLIMATE_HELP, SCENARIO_DEM_HELP, check_sources
from longwalk.errors import InputError, LongwalkError, OutputError, os_error_message

DEFAULT_SCENARIO = "the-way-back"
_PLAIN_EVERY = 10  # [day] a plain progress line every this many days when stdout is not a terminal


def _status_words() -> dict[int, str]:
    from longwalk.engine.records import Status

    return {int(s): s.name.lower() for s in Status} | {int(Status.ABSENT): "not yet with them"}


def _simulate(scenario, seed: int, progress, run: int = 0):
    """Run the engine for run ``run`` of the ensemble of ``seed`` (a seam the CLI tests replace with a hand-built
    result)."""
    return engine_simulate()(scenario, seed=seed, run_ids=[run], progress=progress)


def engine_simulate():
    """``longwalk.engine.simulate``, imported when needed so that ``longwalk --help`` stays fast."""
    from longwalk.engine import simulate

    return simulate


def fixed(value: float, decimals: int = 0) -> str:
    """:func:`longwalk.report.numbers.fixed` (no negative zero), imported when needed: ``longwalk.report`` imports
    the exports, which --help must not wait for."""
    from longwalk.report.numbers import fixed as write

    return write(value, decimals)


def write_outputs(*args, **kwargs):
    """:func:`longwalk.report.export.write_outputs`, imported when needed (a seam the CLI tests replace)."""
    from longwalk.report.export import write_outputs as write

    return write(*args, **kwargs)


def _field(snapshot, name: str):
    """A field of the engine's progress snapshot, run 0, or None (the live view shows what it is given)."""
    import numpy as np

    if snapshot is None:
        return None
    value = snapshot.get(name) if isinstance(snapshot, dict) else getattr(snapshot, name, None)
    if value is None:
        return None
    value = np.asarray(value)
    return value[0] if value.ndim >= 1 and value.shape[0] == 1 else value


def _first(value) -> float | None:
    import numpy as np

    if value is None:
        return None
    flat = np.ravel(value)
    return float(flat[0]) if flat.size and np.isfinite(flat[0]) else None


class _Progress:
    """The ``progress`` callback given to :func:`longwalk.engine.simulate`: ``progress(day, state)``.

    ``state`` is the engine's ``JourneyState`` (or any object or dict with its field names): (runs, people)
    ``status``, ``body_mass`` [kg], ``water_deficit`` [kg]; (runs,) ``party_position`` [m], ``next_waypoint``,
    ``food`` [kcal], ``water`` [kg].  The day's weather is shown when the state, or an optional third argument,
    has ``conditions`` (or is the conditions) with ``air_temperature_min``/``air_temperature_max`` [°C] and
    ``blizzard``/``sandstorm`` flags.  Fields that are missing are left out of the view.
    """

    def __init__(self, scenario, console: Console, live: Live | None, people: list[str]):
        self.scenario = scenario
        self.console = console
        self.live = live
        self.people = people
        self.last_plain = -_PLAIN_EVERY
        self.last_draw = 0.0

    def __call__(self, day, state=None, today=None):
        day = int(day)
        if self.live is not None:
            now = time.monotonic()
            if now - self.last_draw >= 0.1:  # redraw at most ten times a second
                self.last_draw = now
                self.live.update(self._table(day, state, today), refresh=True)
        elif day - self.last_plain >= _PLAIN_EVERY:
            self.last_plain = day
            self.console.print(self._line(day, state, today), highlight=False, soft_wrap=True)

    def _date(self, day: int) -> str:
        return (self.scenario.start_date + dt.timedelta(days=day)).isoformat()

    def _weather(self, state, today) -> str:
        conditions = None
        for source in (today, state):
            if source is None:
                continue
            found = source.get("conditions") if isinstance(source, dict) else getattr(source, "conditions", None)
            conditions = found if found is not None else (source if _field(source, "air_temperature_min")
                                                          is not None else None)
            if conditions is not None:
                break
        tmin = _first(_field(conditions, "air_temperature_min"))
        tmax = _first(_field(conditions, "air_temperature_max"))
        if tmin is None or tmax is None:
            return ""
        text = f"{fixed(tmin)} to {fixed(tmax)} °C"
        for flag in ("blizzard", "sandstorm"):
            if _first(_field(conditions, flag)):
                text += f", {flag}"
        return text

    def _place(self, state) -> str:
        position = _first(_field(state, "party_position"))
        target = _first(_field(state, "next_waypoint"))
        bits = []
        if position is not None:
            bits.append(f"{position / 1000:,.0f} km along")
        route = self.scenario.route
        if target is not None and 0 <= int(target) < len(route):
            bits.append(f"toward {route[int(target)].name}")
        return ", ".join(bits)

    def _counts(self, state) -> str:
        import numpy as np

        status = _field(state, "status")
        if status is None:
            return ""
        values, counts = np.unique(np.ravel(status).astype(int), return_counts=True)
        return ", ".join(f"{c} {_status_words().get(v, str(v))}" for v, c in zip(values, counts, strict=True) if v)

    def _line(self, day: int, state, today) -> str:
        bits = [f"day {day}", self._date(day), self._place(state), self._weather(state, today), self._counts(state)]
        return " | ".join(b for b in bits if b)

    def _table(self, day: int, state, today) -> Table:
        import numpy as np

        title = " · ".join(b for b in (f"Day {day}", self._date(day), self._place(state),
                                       self._weather(state, today)) if b)
        food, water = _first(_field(state, "food")), _first(_field(state, "water"))
        caption = " · ".join(b for b in (f"food {food:,.0f} kcal" if food is not None else "",
                                         f"water {water:.1f} L" if water is not None else "") if b)
        table = Table(title=title, title_justify="left", caption=caption or None, caption_justify="left")
        table.add_column("person")
        table.add_column("condition")
        table.add_column("body mass [kg]", justify="right")
        table.add_column("water deficit [kg]", justify="right")
        status = _field(state, "status")
        mass = _field(state, "body_mass")
        deficit = _field(state, "water_deficit")

        def cell(values, i, text):
            values = None if values is None else np.ravel(values)
            return text(values[i]) if values is not None and i < values.size and np.isfinite(values[i]) else ""

        for i, name in enumerate(self.people):
            table.add_row(name, cell(status, i, lambda v: _status_words().get(int(v), "")),
                          cell(mass, i, lambda v: fixed(v, 1)), cell(deficit, i, lambda v: fixed(v, 1)))
        return table


def _at(place: str) -> str:
    return place if place.split(" ", 1)[0] in ("near", "at", "in", "on") or " of " in place else f"at {place}"


def _atlas_for_places(result):
    """The built-in atlas around the planned route, to name places in the journal; None if unavailable (the
    journal then names places after the route's waypoints)."""
    if getattr(result, "atlas", None) is not None:  # the engine's own, if it hands it over
        return result.atlas
    import numpy as np

    try:
        from longwalk.atlas import load_atlas
        from longwalk.report.html import region_of

        lat = np.asarray(result.route.lat, dtype=float)
        lon = np.asarray(result.route.lon, dtype=float)
        region = region_of(lat, lon)  # the report's region too: one atlas, cached once
        return load_atlas(region)
    except (ImportError, AttributeError, TypeError, ValueError, LongwalkError):
        return None


def _check_out_dir(out: Path) -> None:
    """Refuse to replace anything but an earlier run's output (or an empty directory), and try writing there
    before the simulation starts, so that a read-only or missing place fails at once, not after the run."""
    from longwalk.report.export import OUTPUT_FILES
    from longwalk.report.figures import RUN_FIGURES

    if not out.exists():
        check_parent(out)
        check_writable(out.parent, "--out", out)
        return
    if not out.is_dir():
        raise InputError(f"--out {out}: exists and is not a directory; give a new or earlier output directory")
    from longwalk.report.html import REPORT_FILE

    entries = {p.name for p in out.iterdir()}
    if entries and not entries <= set(OUTPUT_FILES) | set(RUN_FIGURES) | {REPORT_FILE}:
        raise InputError(
            f"--out {out}: exists and holds files that are not longwalk output ({', '.join(sorted(entries)[:5])}); "
            "give a new directory or an earlier `longwalk run` output directory"
        )
    check_writable(_staging_parent(out), "--out", out)


def _staging_parent(out: Path) -> Path:
    """Where the new output is put together: beside ``out``, or inside it when ``out`` is a mount point (which
    cannot be renamed)."""
    return out if out.is_dir() and os.path.ismount(out) else out.parent


def _move_into_place(tmp: Path, out: Path) -> None:
    """Replace ``out`` by ``tmp``: the old output stays until the new one is complete."""
    if tmp.parent == out:  # out is a mount point: replace its files one by one, each atomically
        for path in sorted(tmp.iterdir()):
            os.replace(path, out / path.name)
        tmp.rmdir()
    elif out.exists():
        old = staging_dir(out.with_name(f"{out.name}.old"))
        old.rmdir()
        out.rename(old)
        try:
            tmp.rename(out)
        except OSError:
            old.rename(out)
            raise
        shutil.rmtree(old, ignore_errors=True)
    else:
        tmp.rename(out)


def run(
    scenario: str = typer.Argument(
        DEFAULT_SCENARIO, help="A built-in scenario name (see `longwalk scenarios`) or a scenario .toml file."
    ),
    seed: int = typer.Option(0, "--seed", min=0, help="Random seed: the same seed gives the same journey."),
    run_k: int = typer.Option(0, "--run", min=0, help="Which run of the ensemble of --seed to tell: run K of "
                              "`longwalk odds --seed S` is the same story here."),
    out: Path = typer.Option(
        None, "--out", help="Output directory (default: ./SCENARIO-run, e.g. ./the-way-back-run).",
        show_default=False,
    ),
    set_: list[str] = typer.Option(
        [], "--set", help="Override a scenario field, e.g. --set policy.hours_per_day=10 --set party.Kazik.age=30.",
    ),
    climate: str | None = typer.Option(None, "--climate", help=SCENARIO_CLIMATE_HELP, show_default=False),
    dem: Path | None = typer.Option(None, "--dem", help=SCENARIO_DEM_HELP, show_default=False),
    png: bool = typer.Option(False, "--png", help="Also draw route.png, profiles.png and people.png (figures)."),
) -> None:
    """Simulate one journey and write journal.md, summary.json, days.csv, days.parquet, route.geojson, track.gpx
    and report.html (with --png also the figures route.png, profiles.png, people.png).

    Shows a live view of the party on a terminal, plain progress lines otherwise.

    Nothing is written half-way: the files go to a temporary directory next to --out first.
    """
    from longwalk.report.export import summary_dict
    from longwalk.report.html import REPORT_FILE, build_report
    from longwalk.scenario import load_scenario, scenario_warnings, with_sources

    loaded = with_sources(load_scenario(scenario, set_), climate, dem)
    check_sources(climate, dem)  # names checked by with_sources; here that they can be read, before any slow work
    for warning in scenario_warnings(loaded):
        Console(stderr=True).print(f"[yellow]warning:[/] {warning}", highlight=False, soft_wrap=True)
    out_dir = Path(out) if out is not None else Path(f"{loaded.name}-run")
    out_dir = out_dir.expanduser().absolute()
    _check_out_dir(out_dir)

    console = Console()
    people = [p.name for p in loaded.party]
    tmp: Path | None = None
    Console(stderr=True).print(
        f"{loaded.title or loaded.name}: planning the route by season (a few seconds the first time, "
        "cached afterwards), then walking it day by day.", highlight=False, soft_wrap=True,
    )
    # run 0 goes through the seam as it always has (the CLI tests replace it with a three-argument stand-in)
    which = {"run": run_k} if run_k else {}
    try:
        if console.is_terminal:
            with Live(console=console, transient=True, auto_refresh=False) as live:
                progress = _Progress(loaded, console, live, people)
                result = _simulate(loaded, seed, progress, **which)
        else:
            progress = _Progress(loaded, console, None, people)
            result = _simulate(loaded, seed, progress, **which)
        atlas = _atlas_for_places(result)
        try:
            tmp = staging_dir(_staging_parent(out_dir) / out_dir.name)
            written = write_outputs(result, tmp, run=0, scenario=loaded, atlas=atlas, figures=png)
            (tmp / REPORT_FILE).write_text(build_report(tmp), encoding="utf-8", newline="\n")
            written.append(out_dir / REPORT_FILE)
            _move_into_place(tmp, out_dir)
        except OSError as err:
            raise OutputError(os_error_message(err, path=f"--out {out_dir}", what="cannot write the output")
                              + "; nothing was written") from None
        tmp = None
    except KeyboardInterrupt:
        Console(stderr=True).print("[yellow]interrupted: nothing was written[/]")
        raise typer.Exit(130) from None
    finally:
        remove_quietly(tmp)

    from longwalk.report._view import round_km

    summary = summary_dict(result, 0, atlas)
    totals = summary["totals"]
    # the party's journey length: how far its camp came along the planned route (docs/outputs.md), rounded as the
    # journal rounds it
    length = totals["route_length_km"]
    of_route = f" of the {round_km(length * 1000.0)} km route" if length is not None else " along the route"
    which_run = f", run {run_k}" if run_k else ""
    console.print(
        f"[bold]{loaded.title or loaded.name}[/], seed {seed}{which_run}: {totals['days']} days, "
        f"{round_km(totals['route_position_km'] * 1000.0)} km{of_route}; {totals['arrived']} arrived, "
        f"{totals['dead']} died, {totals['left']} left.",
        highlight=False,
    )
    for person in summary["people"]:
        where = f" {_at(person['place'])}" if person["place"] else ""
        cause = f" ({person['cause']})" if person["cause"] else ""
        when = f" on {person['date']}" if person["date"] else ""
        fate = "never joined" if person["fate"] == "absent" else person["fate"]
        console.print(f"  {person['name']}: {fate}{cause}{where}{when}", highlight=False)
    console.print(f"Wrote {', '.join(p.name for p in written)} to {out_dir}", highlight=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    """Add ``longwalk run`` to the app."""
    app.command("run")(guard(run))

