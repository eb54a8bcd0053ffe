"""Routes follow the landscape: Leh to Srinagar on the built-in 5′ atlas crosses the Great Himalaya near Zoji La."""

import numpy as np
import pytest

from longwalk.routing import plan_route
from longwalk.routing.geometry import geodesic_distance

atlas_mod = pytest.importorskip("longwalk.atlas", reason="the atlas layer is not built yet")

LEH, SRINAGAR, ZOJI_LA = (34.16, 77.58), (34.08, 74.80), (34.28, 75.47)


@pytest.fixture(scope="module")
def atlas():
    return atlas_mod.load_atlas((32.5, 36.0, 73.5, 79.0))


@pytest.mark.parametrize("cost", ["tobler", "campbell"])
def test_leh_to_srinagar_crosses_near_zoji_la(atlas, cost):
    r = plan_route(atlas, [LEH, SRINAGAR], cost=cost)
    # where the route crosses the meridian of the pass
    i = int(np.nonzero((r.lon[:-1] > ZOJI_LA[1]) & (r.lon[1:] <= ZOJI_LA[1]))[0][0])
    w = (r.lon[i] - ZOJI_LA[1]) / (r.lon[i] - r.lon[i + 1])
    lat_x = r.lat[i] + w * (r.lat[i + 1] - r.lat[i])
    assert geodesic_distance(lat_x, ZOJI_LA[1], *ZOJI_LA) < 25_000.0  # within 3 cells of 5' (~7.7 km)
    # ... and not over the highest ridges: between 75.2 and 76.0 E the route stays below the median height of the
    # range crest (the highest cell of each meridian between 33.6 and 34.9 N)
    g = atlas.grid
    cols = (g.lon > 75.2) & (g.lon < 76.0)
    rows = (g.lat > 33.6) & (g.lat < 34.9)
    crest = atlas.elevation[np.ix_(rows, cols)].max(axis=0)
    band = (r.lon > 75.2) & (r.lon < 76.0)
    assert r.elevation[band].max() < np.median(crest)
    # it does not take the straight line either: the direct line's highest point is higher
    straight = atlas.elevation[g.index(np.linspace(LEH[0], SRINAGAR[0], 200), np.linspace(LEH[1], SRINAGAR[1], 200))]
    assert r.elevation.max() < straight.max()
