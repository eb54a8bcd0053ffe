"""Where the built-in model is valid, a point's normals for ``atlas point``, and the climate source a user names
(``--climate``): the built-in model, WorldClim 2.1 or a station table."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from longwalk.atlas.climate.fitted import FittedClimatology, builtin_climate, station_climate
from longwalk.atlas.climate.normals import FIELDS, UNITS, Climatology
from longwalk.atlas.climate.ocean import distance_to_ocean
from longwalk.errors import DataError

#: Ice sheets, where no station normal constrains the built-in model: Antarctica (all land south of 60°S, the
#: Antarctic Treaty limit; its few stations are on the coast) and Greenland's interior — land inside 59-84°N,
#: 74-10°W more than GREENLAND_ICE_MARGIN from the ocean (the ice sheet covers about 80 % of Greenland and leaves
#: a coastal strip of up to ~200 km free; a 50 km margin is an ESTIMATE that keeps the coastal stations outside).
ANTARCTIC_LIMIT = -60.0
GREENLAND_BOX = (59.0, 84.0, -74.0, -10.0)
GREENLAND_ICE_MARGIN = 50e3  # [m]


def climate_support(lat, lon) -> np.ndarray:
    """Where the built-in climate is not valid, and why: "ocean", "ice sheet" or "" (land it is fitted for).

    Ocean is the atlas's 5' land/ocean/lake mask (:func:`longwalk.atlas.layers.native_surface`; lakes count as
    land: their shores' climate applies); ice sheets as :data:`ANTARCTIC_LIMIT` and :data:`GREENLAND_BOX` say.
    The poles are ocean (north) and ice sheet (south).

    >>> climate_support([51.5, 45.0, -90.0, 90.0], [-0.1, -30.0, 0.0, 0.0]).tolist()
    ['', 'ocean', 'ice sheet', 'ocean']
    """
    from longwalk.atlas.layers import NATIVE_SHAPE, OCEAN, native_surface

    lat, lon = np.broadcast_arrays(np.asarray(lat, dtype=float), np.asarray(lon, dtype=float))
    lon = ((lon + 180.0) % 360.0) - 180.0
    step = 180.0 / NATIVE_SHAPE[0]
    rows = np.clip(((lat + 90.0) / step).astype(int), 0, NATIVE_SHAPE[0] - 1)
    cols = np.clip(((lon + 180.0) / step).astype(int), 0, NATIVE_SHAPE[1] - 1)
    ocean = native_surface()[rows, cols] == OCEAN
    s, n, w, e = GREENLAND_BOX
    greenland = (lat >= s) & (lat <= n) & (lon >= w) & (lon <= e) & ~ocean
    ice = (lat < ANTARCTIC_LIMIT) & ~ocean
    if greenland.any():
        ice |= greenland & (distance_to_ocean(lat, lon) > GREENLAND_ICE_MARGIN)
    out = np.full(lat.shape, "", dtype=object)
    out[ocean] = "ocean"
    out[ice] = "ice sheet"
    return out


def climate_point_data(lat: float, lon: float, elevation: float, month: int,
                       climatology: Climatology | None = None) -> dict:
    """The month's normals at a point as a JSON-ready dict (what ``longwalk atlas point --month`` adds).

    Keys: ``month``, ``source``, each field of :class:`MonthlyNormals` rounded, and ``units``; ``estimated``
    lists the fields that are estimates rather than fits to data (built-in model).  At sea or on an ice sheet the
    built-in model gives no numbers: ``valid`` is False and ``reason`` says why.
    """
    clim = climatology if climatology is not None else builtin_climate()
    out: dict = {"month": int(month), "source": clim.description or type(clim).__name__,
                 "elevation_m": float(elevation)}
    if isinstance(clim, FittedClimatology):  # the built-in model or a station table: fits to stations on land
        where = str(climate_support(lat, lon))
        if where:
            out.update(valid=False, reason=f"{where}: a climate fitted to station normals on land off the ice "
                                            "sheets gives no values here")
            return out
    normals = clim.normals(lat, lon, elevation, int(month))
    out["valid"] = True
    for name in FIELDS:
        value = float(getattr(normals, name))
        out[name] = round(value, 3 if name in ("relative_humidity", "wet_day_fraction") else 2)
    out["units"] = UNITS
    if isinstance(clim, FittedClimatology):
        out["estimated"] = ["wind_speed"]
    return out


def _climate_source(source: str | Path | None) -> tuple[str, object]:
    """What a climate source names, from the names and the file system alone: ("builtin", None), ("worldclim",
    the fetched folder), ("folder", path) or ("stations", path); a source that is none of them raises
    :class:`DataError`."""
    if source is None or str(source) == "builtin":
        return "builtin", None
    name, _, resolution = str(source).partition(":")
    if name == "worldclim":
        from longwalk.atlas.worldclim import fetched_worldclim

        return "worldclim", fetched_worldclim(resolution or None)
    path = Path(source).expanduser()
    if path.is_dir():
        return "folder", path
    if path.is_file() and path.suffix.lower() == ".csv":
        return "stations", path
    raise DataError(f"climate source {path}: expected builtin, worldclim, a WorldClim 2.1 directory or a station "
                    "table .csv file" + ("" if path.exists() else " (it does not exist)"))


def check_climate_source(source: str | Path | None) -> None:
    """Refuse a climate source :func:`open_climatology` cannot open, without reading it (for commands to check
    their options before slow work): the same errors, from the names and the file system alone."""
    _climate_source(source)


def open_climatology(source: str | Path | None = None) -> Climatology:
    """The climatology a user names (``--climate``, a scenario's ``[climate] source``): None or ``"builtin"`` for
    the built-in model; ``"worldclim"`` (or ``"worldclim:5m"``) for WorldClim 2.1 as ``longwalk data fetch
    worldclim`` unpacked it; a directory for WorldClim 2.1 files elsewhere; a CSV file for a station table (its
    skipped rows are in ``.report``).

    Raises
    ------
    DataError
        WorldClim not fetched; the path does not exist, or is neither a directory nor a ``.csv`` file.
    """
    kind, where = _climate_source(source)
    if kind == "builtin":
        return builtin_climate()
    if kind in ("worldclim", "folder"):
        from longwalk.atlas.worldclim import WorldClimClimatology

        return WorldClimClimatology(where)
    clim, report = station_climate(where)
    clim.report = report
    return clim
