"""`longwalk route`: a least-cost walking route between places on the built-in atlas."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from longwalk.cli.edge import check_parent, check_writable, guard, write_file
from longwalk.cli.sources import CLIMATE_HELP, DEM_HELP, check_sources
from longwalk.errors import InputError


def parse_latlon(text: str, option: str) -> tuple[float, float]:
    """Parse ``LAT,LON`` [degree] (raises :class:`InputError` naming the option).

    >>> parse_latlon("34.16,77.58", "--from")
    (34.16, 77.58)
    """
    parts = [p.strip() for p in str(text).split(",")]
    try:
        if len(parts) != 2:
            raise ValueError("need two numbers")
        lat, lon = float(parts[0]), float(parts[1])
    except ValueError as err:
        raise InputError(f"{option} {text!r}: {err}; expected LAT,LON in degrees, e.g. {option} 34.16,77.58") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise InputError(f"{option} {text!r}: latitude must be in -90..90 and longitude in -180..180")
    return lat, lon


def register(app: typer.Typer) -> None:
    """Add the ``route`` command to the app."""

    @app.command("route")
    @guard
    def route(
        from_: str = typer.Option(..., "--from", help="Start as LAT,LON in degrees, e.g. 34.16,77.58 (Leh)."),
        to: str = typer.Option(..., "--to", help="Destination as LAT,LON, e.g. 34.08,74.80 (Srinagar)."),
        via: list[str] = typer.Option([], "--via", help="Intermediate waypoint LAT,LON; repeat for more."),
        date: str = typer.Option(None, "--date", help="Walking date YYYY-MM-DD: sets lake ice and river season."),
        cost: str = typer.Option("tobler", "--cost", help="Cost model: tobler, campbell, rwalk or energy."),
        neighbours: int = typer.Option(16, "--neighbours", help="8 or 16 neighbours (16: 2.8 % max elongation)."),
        out: Path = typer.Option(None, "--out", help="Write the route to a .geojson or .gpx file."),
        as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
        hours_per_day: float = typer.Option(8.0, "--hours-per-day", help="Walking hours a day, for the day count."),
        percentile: float = typer.Option(
            0.05, "--percentile",
            help="Campbell (2019) speed percentile, 0.01-0.99. Its population includes runners: walkers sit near "
                 "the 1st-10th percentiles (0.5 is about 9 km/h on the flat).",
        ),
        snap_km: float = typer.Option(
            20.0, "--snap-km", help="Move a waypoint in water to the nearest land within this many km."
        ),
        dem: Path | None = typer.Option(None, "--dem", help=DEM_HELP, show_default=False),
        climate: str | None = typer.Option(None, "--climate", help=CLIMATE_HELP + " Sets lake ice and river seasons "
                                           "with --date.", show_default=False),
    ) -> None:
        """Least-cost walking route: distance, ascent and descent, walking hours and days."""
        import datetime as dt

        from longwalk.atlas import load_atlas
        from longwalk.report.numbers import fixed
        from longwalk.routing import COST_MODELS, plan_route
        from longwalk.routing.costs import CAMPBELL_2019

        waypoints = [parse_latlon(from_, "--from"), *(parse_latlon(v, "--via") for v in via), parse_latlon(to, "--to")]
        if neighbours not in (8, 16):
            raise InputError(f"--neighbours {neighbours}: use 8 or 16")
        if not hours_per_day > 0 or hours_per_day > 24:
            raise InputError(f"--hours-per-day {hours_per_day}: must be in (0, 24]")
        if cost not in COST_MODELS:
            raise InputError(f"--cost {cost!r} is not a cost model; choose one of {', '.join(COST_MODELS)}")
        if percentile not in CAMPBELL_2019:
            raise InputError(f"--percentile {percentile}: Campbell (2019) has fits for "
                             f"{', '.join(f'{p:g}' for p in CAMPBELL_2019)}; give one of them, e.g. 0.05")
        if not 0 <= snap_km <= 1000:
            raise InputError(f"--snap-km {snap_km}: give a distance between 0 and 1000 km (0: never move a "
                             "waypoint)")
        if out is not None:
            if out.suffix.lower() not in (".geojson", ".json", ".gpx"):
                raise InputError(f"--out {out}: the file name must end in .geojson, .json or .gpx")
            check_parent(out)
            check_writable(out.parent, "--out", out)  # before the route is planned, which can take a minute
        day = None
        if date is not None:
            try:
                day = dt.date.fromisoformat(date)
            except ValueError:
                raise InputError(f"--date {date!r}: write YYYY-MM-DD, e.g. --date 1941-04-15") from None
        if climate is not None and day is None:
            raise InputError(f"--climate {climate}: the climate sets lake ice and river seasons on a date; "
                             "add --date YYYY-MM-DD")
        check_sources(climate, dem)
        climatology = None
        if climate is not None:
            from longwalk.atlas.climate import open_climatology

            climatology = open_climatology(climate)
        from longwalk.routing.window import plan_in_window

        r, _ = plan_in_window(waypoints, plan_route, load=lambda region: load_atlas(region, dem=dem), date=day,
                              cost=cost, neighbours=neighbours, percentile=percentile,
                              snap_distance=snap_km * 1000.0, climatology=climatology)
        if out is not None:
            text = r.to_gpx() if out.suffix.lower() == ".gpx" else r.to_geojson()
            write_file(out, lambda tmp: tmp.write_text(text, encoding="utf-8"))
        s = r.summary(hours_per_day)
        if as_json:
            print(json.dumps(s, indent=2))
            return
        print(f"route ({cost}, {neighbours} neighbours{', ' + str(day) if day else ''}):")
        print(f"  distance      {fixed(s['distance_km'], 1)} km")
        print(f"  ascent        {fixed(s['ascent_m'])} m")
        print(f"  descent       {fixed(s['descent_m'])} m")
        print(f"  walking time  {s['walking_hours']:.1f} h = {s['walking_days']:.1f} days at "
              f"{hours_per_day:g} h walking a day")
        if cost == "energy":
            print(f"  energy        {s['total_cost'] / 1000:.1f} kJ per kg moved (net, Minetti 2002)")
        for snap in s["snapped"]:
            print(f"  waypoint {snap['waypoint']} was {snap['reason']}: moved {snap['distance_m'] / 1000:.1f} km "
                  f"to {snap['to'][0]:.3f}, {snap['to'][1]:.3f}")
        for c in s["crossings"]:
            what = f"river class {c['river_class']}" if c["kind"] == "river" else "lake"
            state = "frozen" if c["frozen"] else "open"
            print(f"  crossing      {what} ({state}) at {c['lat']:.3f}, {c['lon']:.3f}")
        if out is not None:
            print(f"  written to    {out}")
