"""WorldClim 2.1 monthly climate from a directory of GeoTIFFs (Fick & Hijmans 2017, Int. J. Climatol. 37, 4302).

A directory holds ``wc2.1_<res>_<var>_<MM>.tif`` for ``var`` in tavg, tmin, tmax [°C], prec [mm month-1],
wind [m s-1 at 10 m] and vapr [kPa], ``MM`` = 01..12, as unpacked by ``longwalk data fetch worldclim`` or by hand
from https://www.worldclim.org/data/worldclim21.html.  An optional ``wc2.1_<res>_elev.tif`` [m] lets temperatures
be moved from the cell's mean elevation to the elevation asked for with the standard-atmosphere lapse rate
(-6.5 °C km-1, ICAO 1993) — an approximation: real lapse rates vary with season and inversions.

Values are those of the raster cell containing the point (no interpolation); cells without data (the sea) give NaN.
Relative humidity is ``vapr / ((e0(Tmax) + e0(Tmin)) / 2)`` (FAO-56 eq. 12, 19).
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np

from longwalk.atlas.climate.normals import Climatology, MonthlyNormals, saturation_vapour_pressure
from longwalk.errors import DataError
from longwalk.paths import worldclim_location

VARIABLES = ("tavg", "tmin", "tmax", "prec", "wind", "vapr")
#: The resolutions WorldClim 2.1 publishes (https://www.worldclim.org/data/worldclim21.html).
RESOLUTIONS = ("10m", "5m", "2.5m", "30s")
STANDARD_LAPSE_RATE = -6.5e-3  # [°C m-1], ICAO standard atmosphere troposphere
_BLOCK = 128  # pixels per side of a cached raster block (73 float32 layers: 4.8 MB)
_NAME = re.compile(r"^wc2\.1_(?P<res>[0-9.]+[ms])_(?P<var>[a-z]+)_(?P<month>\d\d)\.tif$")


def find_worldclim_files(directory: str | Path, resolution: str | None = None) -> tuple[str, dict, Path | None]:
    """Locate the 72 monthly files (and the optional elevation file) of one resolution.

    Returns ``(resolution, {(var, month): path}, elev_path or None)``.

    Raises
    ------
    DataError
        The directory does not exist, holds no WorldClim 2.1 files, several resolutions without ``resolution``
        chosen, or lacks some months (all of them are named in the message).
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise DataError(f"WorldClim directory {directory} does not exist; fetch it with "
                        "`longwalk data fetch worldclim --res 10m`")
    found: dict[str, dict] = {}
    for path in directory.rglob("wc2.1_*.tif"):
        match = _NAME.match(path.name)
        if match and match["var"] in VARIABLES:
            found.setdefault(match["res"], {})[(match["var"], int(match["month"]))] = path
    if not found:
        raise DataError(f"no WorldClim 2.1 files (wc2.1_<res>_<var>_<MM>.tif) in {directory}")
    if resolution is None:
        if len(found) > 1:
            raise DataError(f"{directory} holds several WorldClim resolutions ({', '.join(sorted(found))}); "
                            "choose one")
        resolution = next(iter(found))
    if resolution not in found:
        raise DataError(f"{directory} has no WorldClim files at resolution {resolution!r}; "
                        f"it has {', '.join(sorted(found))}")
    files = found[resolution]
    missing = [f"wc2.1_{resolution}_{v}_{m:02d}.tif" for v in VARIABLES for m in range(1, 13) if (v, m) not in files]
    if missing:
        raise DataError(f"WorldClim directory {directory} lacks {len(missing)} file(s): {', '.join(missing)}")
    elev = next(directory.rglob(f"wc2.1_{resolution}_elev.tif"), None)
    return resolution, files, elev


def fetched_worldclim(resolution: str | None = None) -> Path:
    """The folder where ``longwalk data fetch worldclim`` unpacked WorldClim 2.1
    (:func:`longwalk.paths.worldclim_location`).

    ``resolution`` picks one of :data:`RESOLUTIONS`; without it the one resolution fetched is used.

    Raises
    ------
    DataError
        Nothing fetched (the message names the command that fetches it), a resolution not fetched, several fetched
        and none chosen, or a fetch that did not finish.
    """
    if resolution is not None and resolution not in RESOLUTIONS:
        raise DataError(f"WorldClim resolution {resolution!r} is not one of {', '.join(RESOLUTIONS)}")
    root = worldclim_location()
    fetched = [r for r in RESOLUTIONS if (root / r / "manifest.json").is_file()]
    fetch = f"`longwalk data fetch worldclim --res {resolution or '10m'}`"
    if resolution is None:
        if not fetched:
            raise DataError(f"WorldClim 2.1 has not been fetched (nothing in {root}): download it once with {fetch} "
                            "(about 1 GB at 10m), or give --climate a WorldClim folder or a station table .csv")
        if len(fetched) > 1:
            raise DataError(f"several WorldClim resolutions have been fetched ({', '.join(fetched)}): choose one, "
                            f"e.g. --climate worldclim:{fetched[0]}")
        resolution = fetched[0]
    elif resolution not in fetched:
        raise DataError(f"WorldClim 2.1 at {resolution} has not been fetched (nothing in {root / resolution}): "
                        f"download it once with {fetch}" + (f"; fetched: {', '.join(fetched)}" if fetched else ""))
    folder = root / resolution
    try:
        find_worldclim_files(folder, resolution)
    except DataError as err:
        raise DataError(f"{err}; the fetch did not finish: run `longwalk data fetch worldclim --res {resolution}` "
                        "again to complete it") from None
    return folder


class WorldClimClimatology(Climatology):
    """:class:`~longwalk.atlas.climate.Climatology` read from a WorldClim 2.1 directory with rasterio.

    Rasters are read lazily in 128 x 128 pixel blocks (float32), which stay in memory once read.
    """

    def __init__(self, directory: str | Path, resolution: str | None = None, lapse_rate: float = STANDARD_LAPSE_RATE):
        import rasterio

        self.resolution, files, elev = find_worldclim_files(directory, resolution)
        self.description = f"WorldClim 2.1 {self.resolution} from {directory}"
        self.lapse_rate = lapse_rate
        self._paths = [files[(v, m)] for v in VARIABLES for m in range(1, 13)]
        if elev is not None:
            self._paths.append(elev)
        self._has_elev = elev is not None
        try:
            with rasterio.open(self._paths[0]) as ds:
                self._transform, self._shape = ds.transform, ds.shape
            for path in self._paths[1:]:
                with rasterio.open(path) as ds:
                    if ds.shape != self._shape or not ds.transform.almost_equals(self._transform):
                        raise DataError(f"{path} is on a different grid ({ds.shape}) from {self._paths[0]} "
                                        f"({self._shape}); all WorldClim files of one resolution must match")
        except rasterio.errors.RasterioIOError as err:
            raise DataError(f"cannot read WorldClim raster: {err}") from err
        self._blocks: dict[tuple[int, int], np.ndarray] = {}

    def _block(self, brow: int, bcol: int) -> np.ndarray:
        key = (brow, bcol)
        if key not in self._blocks:
            import rasterio
            from rasterio.windows import Window

            window = Window(bcol * _BLOCK, brow * _BLOCK, min(_BLOCK, self._shape[1] - bcol * _BLOCK),
                            min(_BLOCK, self._shape[0] - brow * _BLOCK))
            layers = []
            for path in self._paths:
                with rasterio.open(path) as ds:
                    a = ds.read(1, window=window, masked=True).astype(np.float32)
                    layers.append(a.filled(np.float32(np.nan)))
            self._blocks[key] = np.stack(layers)
        return self._blocks[key]

    def _sample(self, lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
        """Values (n, 72 or 73) of the cells containing the points; NaN outside the raster or at no-data cells."""
        inv = ~self._transform
        col = inv.a * lon + inv.b * lat + inv.c
        row = inv.d * lon + inv.e * lat + inv.f
        row, col = np.floor(row).astype(int), np.floor(col).astype(int)
        inside = (row >= 0) & (row < self._shape[0]) & (col >= 0) & (col < self._shape[1])
        out = np.full((lat.size, len(self._paths)), np.nan)
        keys = np.where(inside, (row // _BLOCK) * 100000 + col // _BLOCK, -1)
        for key in np.unique(keys[inside]):
            sel = keys == key
            block = self._block(int(key // 100000), int(key % 100000))
            out[sel] = block[:, row[sel] % _BLOCK, col[sel] % _BLOCK].T
        return out

    def monthly(self, lat, lon, elevation) -> MonthlyNormals:
        lat, lon, elevation = np.broadcast_arrays(np.asarray(lat, dtype=float), np.asarray(lon, dtype=float),
                                                  np.asarray(elevation, dtype=float))
        shape = lat.shape
        values = self._sample(lat.ravel(), ((lon.ravel() + 180.0) % 360.0) - 180.0)
        v = {name: values[:, 12 * i:12 * (i + 1)] for i, name in enumerate(VARIABLES)}
        shift = 0.0
        if self._has_elev:
            shift = self.lapse_rate * (elevation.ravel() - values[:, 72])[:, None]
        tavg, tmin, tmax = v["tavg"] + shift, v["tmin"] + shift, v["tmax"] + shift
        rh = np.clip(v["vapr"] / (0.5 * (saturation_vapour_pressure(tmax) + saturation_vapour_pressure(tmin))),
                     0.0, 1.0)
        out = dict(air_temperature_mean=tavg, air_temperature_min=tmin, air_temperature_max=tmax,
                   precipitation=v["prec"], wind_speed=v["wind"], relative_humidity=rh)
        return MonthlyNormals(**{k: a.reshape(*shape, 12) for k, a in out.items()})
