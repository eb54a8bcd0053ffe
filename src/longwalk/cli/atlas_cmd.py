"""`longwalk atlas` commands: what the built-in atlas knows about a point, and maps of a region."""

from __future__ import annotations

import json
import math
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from longwalk.cli.edge import check_parent, check_writable, guard, write_file
from longwalk.cli.sources import CLIMATE_HELP, DEM_HELP, check_sources
from longwalk.errors import DataError, InputError

atlas_app = typer.Typer(
    name="atlas",
    help=(
        "The built-in atlas: elevation (pvlib Altitude.h5), land/ocean/lakes (GSHHS), rivers (World Data Bank II) "
        "and places (GeoNames), all offline. Built arrays are cached under `longwalk cache path`."
    ),
    no_args_is_help=True,
)

TILE = 10.0  # [degree] atlas tiles built for `atlas point`
# ESTIMATE: a map of more cells than this needs several GB of memory for its layers (about 40 bytes a cell); the
# 5′ world is 9.3 million cells, so this leaves room for fine regional maps and refuses a mistyped resolution.
MAX_MAP_CELLS = 50_000_000


def parse_region(text: str) -> tuple[float, float, float, float]:
    """Parse ``S,N,W,E`` [degree] into a validated region tuple (raises :class:`InputError`).

    >>> parse_region("20,70,70,140")
    (20.0, 70.0, 70.0, 140.0)
    """
    from longwalk.atlas.grid import check_region

    parts = [p.strip() for p in str(text).split(",")]
    if len(parts) != 4:
        raise InputError(f"--region {text!r}: expected four numbers S,N,W,E in degrees, e.g. --region 20,70,70,140")
    try:
        values = [float(p) for p in parts]
    except ValueError as err:
        raise InputError(
            f"--region {text!r}: {err}; expected four numbers S,N,W,E in degrees, e.g. --region 20,70,70,140"
        ) from err
    return check_region(values, what="--region")


def point_region(lat: float, lon: float) -> tuple[float, float, float, float]:
    """The region built for ``atlas point``: the 10° tile holding the point plus 1° all round.

    Whole degrees keep the grid aligned with the 5′ source cells (so a cell holds the data's own value), and one
    cached tile serves every point inside it.

    >>> point_region(53.5, 108.0)
    (49.0, 61.0, 99.0, 111.0)
    """
    south = max(-90.0, math.floor(lat / TILE) * TILE - 1.0)
    west = max(-180.0, math.floor(lon / TILE) * TILE - 1.0)
    return south, min(90.0, south + TILE + 2.0), west, min(180.0, west + TILE + 2.0)


def atlas_point_data(lat: float, lon: float, places: int = 3, dem: Path | None = None) -> dict:
    """The dict `atlas point` prints (built here so that other options can extend it before printing)."""
    from longwalk.atlas import builtin_places, load_atlas
    from longwalk.atlas.grid import check_lat_lon

    check_lat_lon(lat, lon, what="atlas point")
    atlas = load_atlas(point_region(lat, lon), dem=dem)
    return atlas.point(lat, lon, n_places=places, places=builtin_places())


def _climate_rows(table, climate: dict, fixed) -> None:
    """One row per climate field of `atlas point`, with its unit; the source and any reason it gives no numbers."""
    table.add_row("climate", f"month {climate.get('month')}: {climate.get('source', '')}")
    if climate.get("valid") is False:
        table.add_row("", str(climate.get("reason", "no climate here")))
        return
    units = climate.get("units", {})
    estimated = set(climate.get("estimated", ()))
    for name, unit in units.items():
        value = climate.get(name)
        if isinstance(value, int | float):
            decimals = 3 if unit == "-" else 1
            note = " (estimate)" if name in estimated else ""
            table.add_row(f"  {name}", f"{fixed(value, decimals)} {'' if unit == '-' else unit}".rstrip() + note)


def print_point(data: dict, as_json: bool) -> None:
    """Print the dict of `atlas point`: as JSON, or as a readable table."""
    from longwalk.report.numbers import fixed

    if as_json:
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return
    console = Console()
    river = data["river"]
    table = Table(title=f"Atlas at {data['lat']:.4f}, {data['lon']:.4f}", show_header=False)
    table.add_row("elevation", f"{fixed(data['elevation_m'])} m")
    table.add_row("surface", data["surface"])
    if river["in_cell"]:
        river_text = f"class {river['river_class']}: {river['description']} (in this cell)"
    elif river["nearby_class"]:
        river_text = (
            f"class {river['nearby_class']}: {river['nearby_description']}, "
            f"{river['nearby_distance_km']:.1f} km away (next cell)"
        )
    else:
        river_text = "none within a cell"
    table.add_row("river", river_text)
    cell = data["cell"]
    table.add_row("cell", f"{cell['width_m'] / 1000:.2f} km × {cell['height_m'] / 1000:.2f} km")
    for p in data["places"]:
        table.add_row(
            "place",
            f"{p['name']} ({p['country']}, {p['kind']}, pop. {p['population']:,}) {p['distance_km']:.1f} km",
        )
    climate = data.get("climate")
    if isinstance(climate, dict):
        _climate_rows(table, climate, fixed)
    for key, value in data.items():
        if key not in {"lat", "lon", "cell", "elevation_m", "surface", "surface_code", "river", "places", "sources",
                       "climate"}:
            table.add_row(key, json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else str(value))
    console.print(table)


@atlas_app.command("point")
@guard
def point(
    lat: float = typer.Argument(..., help="Latitude in degrees, -90..90 (north positive)."),
    lon: float = typer.Argument(..., help="Longitude in degrees, -180..180 (east positive)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
    places: int = typer.Option(3, "--places", min=0, max=50, help="How many nearest places to list."),
    dem: Path | None = typer.Option(None, "--dem", help=DEM_HELP, show_default=False),
    month: int | None = typer.Option(None, "--month", min=1, max=12, help="Add this month's climate normals."),
    climate: str | None = typer.Option(None, "--climate", help=CLIMATE_HELP + " Used with --month.",
                                       show_default=False),
) -> None:
    """What the atlas knows at LAT LON: elevation, ocean/land/lake, rivers, nearest places (and climate)."""
    if climate is not None and month is None:
        raise InputError(f"--climate {climate}: the climate is shown for one month; add --month 1..12")
    check_sources(climate, dem)
    data = atlas_point_data(lat, lon, places=places, dem=dem)
    if month is not None:
        from longwalk.atlas.climate import climate_point_data, open_climatology

        clim = open_climatology(climate)
        data["climate"] = climate_point_data(lat, lon, data["elevation_m"], month, climatology=clim)
        if not all(math.isfinite(v) for v in data["climate"].values() if isinstance(v, float)):
            raise DataError(f"--climate {climate}: {clim.description} has no data at {lat:g}, {lon:g} (the sea, "
                            "or outside the area it covers)")
    print_point(data, as_json)


@atlas_app.command("map")
@guard
def map_(
    region: str = typer.Option(
        "20,70,70,140", "--region", help="S,N,W,E in degrees (default: The Way Back, 20,70,70,140)."
    ),
    out: Path = typer.Option(..., "--out", help="PNG file to write, e.g. --out baikal.png (required: nothing is "
                             "written where you did not ask)."),
    places: int = typer.Option(25, "--places", min=0, max=500, help="How many places to label (largest first)."),
    resolution: float = typer.Option(1 / 12, "--resolution", help="Cell size in degrees (5′ = 0.0833)."),
    dem: Path | None = typer.Option(None, "--dem", help=DEM_HELP, show_default=False),
) -> None:
    """Draw a shaded-relief map of a region with lakes, rivers and places."""
    from longwalk.atlas import load_atlas
    from longwalk.atlas.plot import plot_atlas

    box = parse_region(region)
    if not 0 < resolution <= 10:  # also refuses nan
        raise InputError(f"--resolution {resolution}: give a cell size in degrees, > 0 and <= 10 (5′ = 0.0833)")
    cells = (box[1] - box[0]) / resolution * ((box[3] - box[2]) / resolution)
    if cells > MAX_MAP_CELLS:
        raise InputError(f"--resolution {resolution}: the map would have {cells:.2g} cells, more than "
                         f"{MAX_MAP_CELLS:.0e}; give a coarser --resolution or a smaller --region")
    if out.suffix.lower() != ".png":
        raise InputError(f"--out {out}: the map is written as PNG; give a file name ending in .png")
    check_parent(out)
    if out.is_dir():
        raise InputError(f"--out {out}: is a directory; give a file name ending in .png")
    check_writable(out.parent, "--out", out)  # before the atlas is built, which can take a while
    if dem is not None:
        from longwalk.atlas.dem import check_dem_path

        check_dem_path(dem)
    atlas = load_atlas(box, resolution=resolution, dem=dem)
    write_file(out, lambda tmp: plot_atlas(atlas, tmp, n_places=places))
    print(f"wrote {out}")


def register(app: typer.Typer) -> None:
    """Add the `atlas` command group to the app."""
    app.add_typer(atlas_app, name="atlas")
