"""`longwalk atlas weather LAT LON --start DATE --days N --seed S [--csv]`: a seeded daily weather series."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import typer

from longwalk.cli.edge import guard
from longwalk.cli.sources import CLIMATE_HELP, DEM_HELP, check_sources
from longwalk.errors import DataError, InputError

# (field, table heading, format); units are in the table caption.
COLUMNS = (
    ("date", "date", ""),
    ("air_temperature_mean", "Tmean", ".1f"),
    ("air_temperature_min", "Tmin", ".1f"),
    ("air_temperature_max", "Tmax", ".1f"),
    ("precipitation", "prec", ".1f"),
    ("snowfall", "snow", ".1f"),
    ("snow_depth", "depth", ".2f"),
    ("wind_speed", "wind", ".1f"),
    ("relative_humidity", "RH", ".2f"),
    ("day_length", "day", ".1f"),
    ("sunrise", "rise", "time"),
    ("sunset", "set", "time"),
    ("events", "events", ""),
)
CAPTION = (
    "T °C; prec(ipitation) and snow(fall) mm water equivalent; snow depth m; wind m/s at 10 m; RH fraction; "
    "day length h; sunrise and sunset in local mean solar time"
)
FLAGS = ("blizzard", "sandstorm", "heat_wave", "cold_snap")


def _clock(hours: float) -> str:
    import numpy as np

    if not np.isfinite(hours):
        return "-"
    minutes = int(round(hours * 60.0)) % (24 * 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _elevation_at(lat: float, lon: float, dem: Path | None = None) -> float:
    from longwalk.atlas import load_atlas
    from longwalk.cli.atlas_cmd import point_region

    point = load_atlas(point_region(lat, lon), dem=dem).point(lat, lon, n_places=0)
    return float(point["elevation_m"])


def weather_rows(lat: float, lon: float, start: str, days: int, seed: int, run: int,
                 elevation: float | None = None, climate: str | None = None, dem: Path | None = None) -> list[dict]:
    """The rows `atlas weather` prints: one dict per day with the :data:`COLUMNS` keys (numbers unformatted).

    ``climate``: a source for :func:`longwalk.atlas.climate.open_climatology` (default the built-in model);
    ``dem``: an elevation file for the ground elevation when ``elevation`` is not given.
    """
    import numpy as np

    from longwalk.atlas.climate import FIELDS, climate_support, open_climatology
    from longwalk.atlas.grid import check_lat_lon
    from longwalk.atlas.sun import day_length, sunrise_sunset
    from longwalk.atlas.weather import day_of_year, generate_weather

    check_lat_lon(lat, lon, what="atlas weather")
    where = str(climate_support(lat, lon))
    if where:
        raise InputError(f"atlas weather {lat:g} {lon:g}: the point is on the {where}; the built-in climate is "
                         "fitted to station normals on land off the ice sheets - give a point on land")
    clim = open_climatology(climate)
    if elevation is None:
        elevation = _elevation_at(lat, lon, dem)
    normals = clim.monthly(lat, lon, elevation)
    if not all(np.isfinite(getattr(normals, f)).all() for f in FIELDS if getattr(normals, f) is not None):
        raise DataError(f"--climate {climate}: {clim.description} has no data at {lat:g}, {lon:g} (the sea, or "
                        "outside the area it covers)")
    series = generate_weather(clim, lat, lon, elevation, start, n_days=days, n_runs=1, seed=seed, run_index=[run])
    rise, set_ = sunrise_sunset(lat, lon, series.dates)
    length = day_length(lat, day_of_year(series.dates))
    rows = []
    for i, date in enumerate(series.dates):
        row = {"date": str(date)}
        for name, _, _ in COLUMNS[1:9]:
            row[name] = float(getattr(series, name)[0, i])
        row.update(day_length=float(length[i]), sunrise=float(rise[i]), sunset=float(set_[i]))
        row["events"] = " ".join(f for f in FLAGS if getattr(series, f)[0, i])
        rows.append(row)
    return rows


def weather(
    lat: float = typer.Argument(..., help="Latitude in degrees, -90..90 (north positive)."),
    lon: float = typer.Argument(..., help="Longitude in degrees, -180..180 (east positive)."),
    start: str = typer.Option(..., "--start", help="First day, YYYY-MM-DD."),
    days: int = typer.Option(30, "--days", help="Number of days, 1..3660."),
    seed: int = typer.Option(0, "--seed", help="Seed (>= 0): the same seed gives the same weather."),
    run: int = typer.Option(0, "--run", help="Which run of the seeded ensemble to show (>= 0)."),
    elevation: float | None = typer.Option(
        None, "--elevation", help="Ground elevation in m (default: the built-in atlas at the point)."
    ),
    as_csv: bool = typer.Option(False, "--csv", help="Print CSV instead of a table."),
    climate: str | None = typer.Option(None, "--climate", help=CLIMATE_HELP, show_default=False),
    dem: Path | None = typer.Option(None, "--dem", help=DEM_HELP + " Gives the ground elevation (no --elevation).",
                                    show_default=False),
) -> None:
    """A seeded daily weather series at LAT LON from the built-in climate or --climate (temperatures, precipitation,
    snow, wind, humidity, sunrise and sunset, blizzards, sandstorms, heat waves, cold snaps)."""
    if not 1 <= days <= 3660:
        raise InputError(f"--days {days}: give a number of days between 1 and 3660")
    if seed < 0:
        raise InputError(f"--seed {seed}: the seed must be a non-negative integer")
    if run < 0:
        raise InputError(f"--run {run}: the run index must be a non-negative integer")
    if elevation is not None and not -500.0 <= elevation <= 9000.0:
        # ESTIMATE of the land surface's span: Dead Sea shore about -430 m, Everest 8849 m
        raise InputError(f"--elevation {elevation}: give a ground elevation in metres between -500 and 9000")
    check_sources(climate, dem)
    from longwalk.atlas.weather import as_dates

    start_day = as_dates(start, "--start")
    if start_day.ndim:
        raise InputError(f"--start {start!r}: give one date, YYYY-MM-DD")
    rows = weather_rows(lat, lon, str(start_day), days, seed, run, elevation, climate=climate, dem=dem)
    if as_csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow([name for name, _, _ in COLUMNS])
        for row in rows:
            writer.writerow([_format(row[name], fmt, csv_mode=True) for name, _, fmt in COLUMNS])
        return
    from rich import box
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"Daily weather at {lat:g}, {lon:g} (seed {seed}, run {run})", caption=CAPTION,
                  box=box.SIMPLE_HEAD, pad_edge=False)
    for _, title, fmt in COLUMNS:
        table.add_column(title, justify="left" if fmt in ("", "time") else "right", no_wrap=True)
    for row in rows:
        table.add_row(*(_format(row[name], fmt) for name, _, fmt in COLUMNS))
    console = Console()
    if not console.is_terminal:  # piped: do not squeeze the table into the 80-column default
        console = Console(width=130)
    console.print(table)


def _format(value, fmt: str, csv_mode: bool = False) -> str:
    import numpy as np

    from longwalk.report.numbers import fixed

    if fmt == "":
        return str(value)
    if fmt == "time":
        return _clock(value) if not csv_mode else ("" if not np.isfinite(value) else f"{value:.3f}")
    return fixed(value, int(fmt.removeprefix(".").removesuffix("f")))


def register(app: typer.Typer) -> None:
    """Add `weather` to the `atlas` command group (defined in :mod:`longwalk.cli.atlas_cmd`)."""
    from longwalk.cli.atlas_cmd import atlas_app

    atlas_app.command("weather")(guard(weather))
