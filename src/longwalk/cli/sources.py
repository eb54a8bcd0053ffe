"""The data-source options every command that reads the climate or the terrain shares: ``--climate`` and ``--dem``.

One wording, so that ``run``, ``odds``, ``route``, ``atlas point`` and ``atlas weather`` say the same thing; each
command declares ``typer.Option(None, "--climate", help=CLIMATE_HELP)`` and ``typer.Option(None, "--dem",
help=DEM_HELP)``.
"""

from __future__ import annotations

CLIMATE_HELP = (
    "Climate source: builtin (the default, offline), worldclim (WorldClim 2.1 after `longwalk data fetch "
    "worldclim`; worldclim:5m picks a resolution), a WorldClim 2.1 folder, or a station table .csv "
    "(docs/atlas.md)."
)
DEM_HELP = (
    "A GeoTIFF (any CRS) or NetCDF elevation file that replaces the built-in elevation where it has data."
)
#: The same, for the commands that run a scenario: the options override its fields.
SCENARIO_CLIMATE_HELP = CLIMATE_HELP + " Overrides the scenario's climate.source."
SCENARIO_DEM_HELP = DEM_HELP + " Overrides the scenario's terrain.dem."


def check_sources(climate, dem) -> None:
    """Refuse a ``--climate`` or ``--dem`` that cannot be read, before any slow work (exit 2, one sentence)."""
    if dem is not None:
        from longwalk.atlas.dem import check_dem_path

        check_dem_path(dem)
    if climate is not None:
        from longwalk.atlas.climate import check_climate_source

        check_climate_source(climate)
