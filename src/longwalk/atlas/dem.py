"""User elevation models (DEMs) that replace the built-in elevation where they have data.

- GeoTIFF (or any raster GDAL reads) in any CRS: reprojected to WGS84 latitude/longitude on the atlas grid with
  ``rasterio.warp.reproject`` — bilinear when the atlas cell is finer than or similar to the DEM pixel, average
  when it is much coarser.  The file must carry a CRS.
- NetCDF (read with xarray): a 2-D elevation variable on regular ``lat``/``lon`` (or ``latitude``/
  ``longitude``, ``y``/``x``) coordinates in degrees; it is resampled the same way (the coordinates are taken as
  WGS84).

Cells the DEM does not cover, or where it holds no data, keep the built-in elevation.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from longwalk.atlas.grid import Grid
from longwalk.errors import DataError

NETCDF_SUFFIXES = {".nc", ".nc4", ".netcdf", ".cdf"}
LAT_NAMES = ("lat", "latitude", "y", "nav_lat", "rlat")
LON_NAMES = ("lon", "longitude", "x", "nav_lon", "rlon")
ELEVATION_NAMES = (
    "elevation", "elev", "height", "altitude", "z", "topo", "topography", "dem", "orog", "orography", "hgt",
    "band1", "surface_altitude",
)  # fmt: skip


def check_dem_path(dem) -> Path:
    """Return ``dem`` as an existing file path or raise :class:`DataError`."""
    path = Path(dem).expanduser()
    if path.is_dir():
        raise DataError(f"DEM file {path} is a directory; give a GeoTIFF (.tif) or NetCDF (.nc) elevation file")
    if not path.is_file():
        raise DataError(f"DEM file {path} does not exist; give a GeoTIFF (.tif) or NetCDF (.nc) elevation file")
    return path


def _is_netcdf(path: Path) -> bool:
    if path.suffix.lower() in NETCDF_SUFFIXES:
        return True
    with open(path, "rb") as f:
        head = f.read(8)
    return head[:3] == b"CDF" or head[:8] == b"\x89HDF\r\n\x1a\n"


def _open_netcdf(path: Path):
    """(elevation (ny, nx) float64 with row 0 north, affine transform, CRS) from a NetCDF file."""
    import xarray as xr
    from rasterio.crs import CRS
    from rasterio.transform import Affine

    try:
        ds = xr.open_dataset(path)
    except Exception as err:  # xarray raises many types for unreadable files
        raise DataError(f"cannot read NetCDF DEM {path}: {err}; expected a NetCDF file with an elevation variable "
                        "on lat/lon coordinates") from err
    with ds:
        coords = {name.lower(): name for name in list(ds.coords) + list(ds.dims) + list(ds.data_vars)}
        lat_name = next((coords[n] for n in LAT_NAMES if n in coords), None)
        lon_name = next((coords[n] for n in LON_NAMES if n in coords), None)
        if lat_name is None or lon_name is None:
            raise DataError(
                f"NetCDF DEM {path}: no latitude/longitude coordinates found (have {sorted(coords.values())}); "
                f"expected one of {LAT_NAMES} and one of {LON_NAMES}"
            )
        candidates = [
            v for v in ds.data_vars if set(ds[v].dims) == {ds[lat_name].dims[0], ds[lon_name].dims[0]}
        ]
        named = [v for v in candidates if str(v).lower() in ELEVATION_NAMES]
        if named:
            var = named[0]
        elif len(candidates) == 1:
            var = candidates[0]
        else:
            raise DataError(
                f"NetCDF DEM {path}: cannot tell which variable is elevation among {sorted(map(str, candidates))}; "
                f"expected a 2-D variable on ({lat_name}, {lon_name}) named one of {ELEVATION_NAMES}"
            )
        lat = np.asarray(ds[lat_name].values, dtype=float)
        lon = np.asarray(ds[lon_name].values, dtype=float)
        if lat.ndim != 1 or lon.ndim != 1 or len(lat) < 2 or len(lon) < 2:
            raise DataError(f"NetCDF DEM {path}: {lat_name}/{lon_name} must be 1-D with at least 2 values each")
        dlat, dlon = np.diff(lat), np.diff(lon)
        if not (np.allclose(dlat, dlat[0], rtol=1e-3) and np.allclose(dlon, dlon[0], rtol=1e-3)):
            raise DataError(f"NetCDF DEM {path}: {lat_name}/{lon_name} are not regularly spaced")
        elev = ds[var].transpose(ds[lat_name].dims[0], ds[lon_name].dims[0]).values.astype(np.float64)
    if abs(lat[0]) > 90 or abs(lat[-1]) > 90 or abs(lon[0]) > 360:
        raise DataError(f"NetCDF DEM {path}: {lat_name}/{lon_name} are not in degrees")
    if dlat[0] > 0:
        elev, lat = elev[::-1], lat[::-1]
    if dlon[0] < 0:
        elev, lon = elev[:, ::-1], lon[::-1]
    rlat = abs(float(lat[-1] - lat[0])) / (len(lat) - 1)
    rlon = abs(float(lon[-1] - lon[0])) / (len(lon) - 1)
    transform = Affine(rlon, 0.0, lon[0] - rlon / 2, 0.0, -rlat, lat[0] + rlat / 2)
    return elev, transform, CRS.from_epsg(4326)


def _open_raster(path: Path):
    """(elevation (ny, nx) float64 with NaN for no data, transform, CRS) from a GDAL raster."""
    import rasterio
    from rasterio.errors import RasterioIOError

    try:
        with rasterio.open(path) as src:
            if src.crs is None:
                raise DataError(
                    f"DEM {path} has no coordinate reference system (CRS); longwalk needs it to place the raster — "
                    "add one (e.g. `gdal_edit.py -a_srs EPSG:4326 FILE`) or use a georeferenced GeoTIFF"
                )
            elev = src.read(1, masked=True).astype(np.float64).filled(np.nan)
            return elev, src.transform, src.crs
    except RasterioIOError as err:
        raise DataError(
            f"cannot read DEM {path}: {err}; expected a GeoTIFF with a CRS or a NetCDF file with lat/lon/elevation"
        ) from err


def open_dem(dem):
    """Read a user DEM: ``(elevation [m] (ny, nx) float64, affine transform, CRS)``; no data as NaN."""
    path = check_dem_path(dem)
    try:
        return _open_netcdf(path) if _is_netcdf(path) else _open_raster(path)
    except OSError as err:
        raise DataError(f"cannot read DEM {path}: {err}") from err


def dem_resolution(dem) -> float:
    """The DEM's own pixel size expressed in degrees of latitude [degree] (for ``resolution=None``)."""
    elev, transform, crs = open_dem(dem)
    return dem_pixel_degrees(elev.shape, transform, crs)


def read_dem_on_grid(dem, grid: Grid) -> np.ndarray:
    """The user DEM resampled onto ``grid`` [m] (ny, nx) float32, row 0 south; NaN where it has no data.

    Bilinear resampling, or the average of the DEM pixels when an atlas cell spans more than two DEM pixels.
    """
    from rasterio.crs import CRS
    from rasterio.transform import Affine
    from rasterio.warp import Resampling, reproject

    path = check_dem_path(dem)
    elev, transform, crs = open_dem(path)
    ny, nx = grid.shape
    dst = np.full((ny, nx), np.nan, dtype=np.float64)
    dst_transform = Affine(grid.resolution, 0.0, grid.west, 0.0, -grid.resolution, grid.north)
    dst_crs = CRS.from_epsg(4326)
    try:
        src_res = dem_pixel_degrees(elev.shape, transform, crs)
        resampling = Resampling.average if grid.resolution > 2 * src_res else Resampling.bilinear
        reproject(
            source=elev,
            destination=dst,
            src_transform=transform,
            src_crs=crs,
            src_nodata=np.nan,
            dst_transform=dst_transform,
            dst_crs=dst_crs,
            dst_nodata=np.nan,
            resampling=resampling,
        )
    except DataError:
        raise
    except Exception as err:  # rasterio/GDAL raise CRSError, CPLE_* and others for unusable rasters
        raise DataError(f"cannot reproject DEM {path} onto the atlas grid: {err}") from err
    # The destination transform has row 0 at the north; the atlas has row 0 at the south.
    return dst[::-1].astype(np.float32)


def dem_pixel_degrees(shape, transform, crs) -> float:
    """The DEM's pixel size as degrees of latitude [degree]: the geodesic size of its central pixel (mean of
    the two sides) divided by the length of a degree of latitude there."""
    from rasterio.warp import transform as warp_transform

    from longwalk.atlas.grid import WGS84

    ny, nx = shape
    r, c = ny // 2, nx // 2
    cols = np.array([c, c + 1, c]) + 0.5
    rows = np.array([r, r, r + 1]) + 0.5
    xs, ys = transform @ (cols, rows)
    lon, lat = warp_transform(crs, "EPSG:4326", list(np.ravel(xs)), list(np.ravel(ys)))
    _, _, d = WGS84.inv([lon[0], lon[0]], [lat[0], lat[0]], [lon[1], lon[2]], [lat[1], lat[2]])
    _, _, degree = WGS84.inv(lon[0], lat[0] - 0.5, lon[0], lat[0] + 0.5)
    return float(np.mean(d) / degree)
