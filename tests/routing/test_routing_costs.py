"""Cost model functions against published values and an independent implementation (longwalk.models.walking)."""

import numpy as np
import pytest

from longwalk.routing import costs
from longwalk.routing.kernels import _model_cost
from longwalk.routing.surfaces import min_cost_per_metre, model_params


def test_tobler_against_published_table():
    # Tobler (1993) samples (physiology reference §1.7, Wikipedia table; its slopes are 5, 10, 15, 20, 30 degrees)
    table = {0.0: 5.04, -0.05: 6.0}
    table.update({np.tan(np.radians(d)): v for d, v in ((5, 3.71), (10, 2.72), (15, 1.97), (20, 1.41), (30, 0.67))})
    for s, kmh in table.items():
        assert float(costs.tobler_speed(s)) * 3.6 == pytest.approx(kmh, abs=0.006)


def test_rwalk_time_by_hand():
    # GRASS r.walk defaults: 0.72 s/m flat, 6 s per m up, +-1.9998 s per m down (moderate / steep at tan 12°)
    assert float(costs.rwalk_time(100.0, 0.0)) == pytest.approx(72.0)
    assert float(costs.rwalk_time(100.0, 25.0)) == pytest.approx(72.0 + 150.0)
    assert float(costs.rwalk_time(100.0, -10.0)) == pytest.approx(72.0 - 19.998)  # moderate: faster
    assert float(costs.rwalk_time(100.0, -30.0)) == pytest.approx(72.0 + 59.994)  # steep: slower


def test_minetti_minimum_and_level():
    s = np.linspace(-0.45, 0.45, 9001)
    c = costs.minetti_energy_cost(s)
    assert float(costs.minetti_energy_cost(0.0)) == 2.5
    # minimum between -0.10 and -0.20 (Minetti et al. 2002); at -0.15 by hand: 0.936 J/kg/m
    assert -0.2 <= s[np.argmin(c)] <= -0.1
    assert float(costs.minetti_energy_cost(-0.15)) == pytest.approx(0.936, abs=5e-4)


def test_altitude_and_snow_factors():
    f = costs.altitude_speed_fraction([300.0, 2000.0, 5300.0, 6000.0, 9000.0])
    # above 5.3 km the documented 0.5 (1 - 0.1435 (h - 5.3)), by hand at 6 km: 0.5 * (1 - 0.10045) = 0.449775
    assert f.tolist()[:4] == pytest.approx([1.0, 1 - 0.063 * 1.7, 0.5, 0.449775])
    assert f[4] == 0.25  # 0.5 (1 - 0.1435 * 3.7) = 0.235 is below the floor
    assert float(costs.snow_terrain_factor(0.0)) == 1.0
    # 1 m of snow: footprint capped at 35 cm -> (1.30 + 0.082*35)/1.1
    assert float(costs.snow_terrain_factor(1.0)) == pytest.approx((1.30 + 2.87) / 1.1)


@pytest.mark.parametrize("slope", [-0.6, -0.2125, -0.1, -0.05, 0.0, 0.05, 0.3, 0.7])
def test_kernel_cost_equals_numpy_models(slope):
    L = 1234.5
    for name in costs.COST_MODELS:
        model, params = model_params(name)
        got = _model_cost(model, params, slope * L, L)
        if name == "tobler":
            ref = L / float(costs.tobler_speed(slope))
        elif name == "campbell":
            ref = L / float(costs.campbell_speed(slope, 0.5))
        elif name == "rwalk":
            ref = float(costs.rwalk_time(L, slope * L))
        else:
            ref = L * float(costs.minetti_energy_cost(slope))
        assert got == pytest.approx(ref, rel=1e-12), name


def test_min_cost_per_metre_is_a_lower_bound():
    s = np.linspace(-5, 5, 200001)
    for name in costs.COST_MODELS:
        model, params = model_params(name)
        lb = min_cost_per_metre(model, params)
        vals = np.array([_model_cost(model, params, x, 1.0) for x in s[::50]])
        assert lb <= vals.min() and lb >= 0.98 * vals.min(), name
    # Tobler's is 0.6 s/m at s = -0.05 (6 km/h), times the 0.99 margin
    assert min_cost_per_metre(*model_params("tobler")) == pytest.approx(0.594)


def test_speeds_agree_with_models_walking():
    walking = pytest.importorskip("longwalk.models.walking", reason="longwalk.models.walking not built yet")
    s = np.linspace(-0.5, 0.5, 101)
    np.testing.assert_allclose(costs.tobler_speed(s), walking.walking_speed_tobler(s), rtol=1e-12)
    for p in (0.05, 0.5, 0.95):
        with np.errstate(all="ignore"):
            np.testing.assert_allclose(costs.campbell_speed(s, p), walking.walking_speed_campbell(s, p), rtol=1e-9)


def test_river_crossing_table_is_ordered():
    t = {k: [float(costs.river_crossing_time(c, v)) for c in range(1, 6)] for k, v in costs.RIVER_STATES.items()}
    assert all(np.diff(t["open"]) <= 0) and t["flood"][0] == np.inf
    assert all(f <= o <= fl for f, o, fl in zip(t["frozen"], t["open"], t["flood"], strict=True))
