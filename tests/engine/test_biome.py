"""The biome reading of the climate normals against the published Köppen classes of known stations."""

import types

import numpy as np
import pytest

from longwalk.engine.plan import biome_codes
from longwalk.models import hazards

# Köppen-Geiger classes of these stations (Peel, Finlayson & McMahon 2007 map; station climate summaries):
# Yakutsk Dfd (boreal larch taiga, 240 mm a year), Irkutsk Dwb (taiga), Ulaanbaatar BSk (cold steppe),
# Dalanzadgad BWk (cold desert), Nagqu ET/alpine above 4,500 m.
STATIONS = [
    ("Yakutsk", 62.02, 129.72, 98.0, hazards.TAIGA),
    ("Irkutsk", 52.27, 104.32, 467.0, hazards.TAIGA),
    ("Ulaanbaatar", 47.92, 106.85, 1306.0, hazards.STEPPE),
    ("Dalanzadgad", 43.58, 104.42, 1465.0, hazards.DESERT),
    ("Nagqu", 31.48, 92.07, 4507.0, hazards.ALPINE),
]


@pytest.fixture(scope="module")
def classes():
    from longwalk.atlas.climate import builtin_climate

    lat = np.array([s[1] for s in STATIONS])
    lon = np.array([s[2] for s in STATIONS])
    elev = np.array([s[3] for s in STATIONS])
    doy = np.arange(1, 367)
    normals = builtin_climate().daily_normals(lat[:, None], lon[:, None], elev[:, None], doy[None, :])
    table = {"air_temperature_mean": np.asarray(normals.air_temperature_mean),
             "precipitation": np.asarray(normals.precipitation)}
    track = types.SimpleNamespace(x=np.zeros(len(STATIONS)), elevation=elev)
    return biome_codes(track, table)


@pytest.mark.parametrize("i", range(len(STATIONS)), ids=[s[0] for s in STATIONS])
def test_station_biome_matches_its_koppen_class(classes, i):
    assert classes[i] == STATIONS[i][4]
