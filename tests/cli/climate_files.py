"""Small climate sources written by the tests: a WorldClim-2.1-like folder of GeoTIFFs and a station table.

The WorldClim set is the same everywhere in its box, so the normals at any point are known by hand:
mean temperature ``tavg(m) = offset - 15 cos(2π (m - 1) / 12)`` [°C] (January offset - 15, July offset + 15),
``tmin = tavg - 6``, ``tmax = tavg + 6``, precipitation ``10 + 5 m`` [mm month-1], wind 3 m s-1, vapour pressure
60 % of saturation at ``tmin`` [kPa], all at the cells' elevation of 1000 m (the ``elev`` file), from which the
reader moves temperatures by -6.5 °C km-1.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np

CELL_ELEVATION = 1000.0  # [m]
#: A two-day walk of two people in Mongolia, 34 km, in July; ``{climate}`` takes extra tables.
SCENARIO = """\
name = "tiny-walk"
start_date = 2021-07-01
max_days = 30
{climate}
[[party]]
name = "A"
sex = "female"
age = 30
height = 1.68
body_mass = 62

[[party]]
name = "B"
sex = "male"
age = 35
height = 1.78
body_mass = 75

[supplies]
water = 4
water_capacity = 4
sleeping_insulation = 3
shelter = "tent"
fire = "matches"

[[supplies.food]]
kind = "rations"
mass = 20
energy_density = 4000

[[route]]
name = "Here"
lat = 45.0
lon = 103.0

[[route]]
name = "There"
lat = 45.25
lon = 103.3
"""

LAPSE = -6.5e-3  # [°C m-1], the reader's standard atmosphere


def tavg(month: int, offset: float = 5.0) -> float:
    """The set's monthly mean temperature at 1000 m [°C]."""
    return offset - 15.0 * math.cos(2.0 * math.pi * (month - 1) / 12.0)


def precipitation(month: int) -> float:
    """The set's monthly precipitation [mm month-1]."""
    return 10.0 + 5.0 * month


def _e0(t):
    return 0.6108 * np.exp(17.27 * t / (t + 237.3))  # FAO-56 eq. 11 [kPa]


def write_worldclim(folder: Path, box=(40.0, 48.0, 98.0, 110.0), offset: float = 5.0, cell: float = 0.5,
                    res: str = "10m") -> Path:
    """Write ``wc2.1_<res>_<var>_<MM>.tif`` for the six variables and 12 months, and the ``elev`` file, over
    ``box = (south, north, west, east)`` [degree]."""
    import rasterio
    from rasterio.transform import from_origin

    folder.mkdir(parents=True, exist_ok=True)
    south, north, west, east = box
    shape = (int(round((north - south) / cell)), int(round((east - west) / cell)))
    transform = from_origin(west, north, cell, cell)

    def write(name, value):
        with rasterio.open(folder / name, "w", driver="GTiff", height=shape[0], width=shape[1], count=1,
                           dtype="float32", crs="EPSG:4326", transform=transform, nodata=-3.4e38) as ds:
            ds.write(np.full(shape, value, np.float32), 1)

    for m in range(1, 13):
        t = tavg(m, offset)
        values = {"tavg": t, "tmin": t - 6.0, "tmax": t + 6.0, "prec": precipitation(m), "wind": 3.0,
                  "vapr": 0.6 * float(_e0(t - 6.0))}
        for var, value in values.items():
            write(f"wc2.1_{res}_{var}_{m:02d}.tif", value)
    write(f"wc2.1_{res}_elev.tif", CELL_ELEVATION)
    return folder


def write_stations(path: Path, center=(45.0, 103.0), july: float = 18.0) -> Path:
    """A station table (docs/atlas.md columns) of eight stations round ``center`` with the same climate at 1000 m,
    less 6.5 °C km-1 above it: July mean ``july`` [°C], January ``july - 30``; 20-60 mm a month."""
    rng = np.random.default_rng(1)
    header = ["name", "lat", "lon", "elev_m", *(f"t{m:02d}" for m in range(1, 13)),
              *(f"p{m:02d}" for m in range(1, 13))]
    lines = [",".join(header)]
    for i in range(8):
        lat = center[0] + rng.uniform(-1.5, 1.5)
        lon = center[1] + rng.uniform(-1.5, 1.5)
        elev = rng.uniform(600.0, 1600.0)
        temps = [july - 15.0 + 15.0 * math.cos(2.0 * math.pi * (m - 7) / 12.0) + LAPSE * (elev - 1000.0)
                 for m in range(1, 13)]
        rain = [20.0 + 40.0 * (m in (6, 7, 8)) for m in range(1, 13)]
        lines.append(",".join([f"S{i}", f"{lat:.3f}", f"{lon:.3f}", f"{elev:.0f}",
                               *(f"{t:.2f}" for t in temps), *(f"{p:.1f}" for p in rain)]))
    path.write_text("\n".join(lines) + "\n")
    return path
