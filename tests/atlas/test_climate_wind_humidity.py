"""Built-in wind and humidity estimates: hand calculations, the FAO-56 aridity offset, and the regional and seasonal
features against the sources they stand on (docs/climate.md, "Wind" and "Humidity")."""

from __future__ import annotations

import numpy as np
import pytest

from longwalk.atlas import climate as C
from longwalk.errors import DataError

YAKUTSK = (62.017, 129.717, 98.0)
ULAANBAATAR = (47.918, 106.848, 1303.0)
DALANZADGAD = (43.577, 104.418, 1462.0)
NAGQU = (31.48, 92.06, 4507.0)
DELHI = (28.583, 77.2, 211.4)


def _builtin():
    try:
        return C.builtin_climate()
    except DataError as err:  # the fitted coefficients are built by tools/fit_climate.py
        pytest.skip(f"built-in climate not available: {err}")


def test_hargreaves_by_hand():
    # FAO-56 eq. 52 with Ra = 40 MJ m-2 day-1 = 16.32 mm day-1: 0.0023 * (25 + 17.8) * sqrt(14) * 16.32 = 6.01
    q = 40e6 / 86400
    assert C.hargreaves_reference_evapotranspiration(25.0, 18.0, 32.0, q) == pytest.approx(
        0.0023 * 42.8 * np.sqrt(14.0) * 0.408 * 40.0, rel=1e-9)
    assert C.hargreaves_reference_evapotranspiration(-30.0, -35.0, -25.0, q) == 0.0  # no demand when frozen


def test_dewpoint_depression_follows_the_fao56_classes():
    # FAO-56 Annex 6: Ko ~ 0 humid, 2-4 °C arid; UNEP aridity classes (annual P / ET0): arid < 0.2, humid > 0.65
    p = np.array([0.0, 200.0, 425.0, 650.0, 1000.0, 100.0])
    et0 = np.array([1500.0, 1000.0, 1000.0, 1000.0, 1000.0, 0.0])
    np.testing.assert_allclose(C.dewpoint_depression(p, et0), [4.0, 4.0, 2.0, 0.0, 0.0, 0.0])


def test_relative_humidity_by_hand_and_without_evapotranspiration():
    # Tmin 10, Tmax 24, arid month: RH = e0(6) / ((e0(24) + e0(10)) / 2), FAO-56 table 2.3 values
    e6, e10, e24 = 0.935, 1.228, 2.985
    rh = C.relative_humidity_estimate(10.0, 24.0, 5.0, 200.0)
    assert rh == pytest.approx(e6 / ((e24 + e10) / 2), abs=0.002)
    assert C.relative_humidity_estimate(10.0, 24.0, 5.0) == pytest.approx(e10 / ((e24 + e10) / 2), abs=0.002)


def test_wind_far_from_every_feature_is_the_fao56_default():
    assert C.climatological_wind_speed(0.0, -30.0, 0.0, np.arange(1, 13)) == pytest.approx(2.0 / 0.748, rel=1e-3)
    assert (C.climatological_wind_speed(np.linspace(20, 70, 11)[:, None], np.linspace(70, 140, 15), 4000.0, 4)
            >= C.WIND_MINIMUM).all()


def test_wind_regions_and_seasons_on_the_builtin_climate():
    clim = _builtin()
    yak = clim.monthly(*YAKUTSK).wind_speed
    dal = clim.monthly(*DALANZADGAD).wind_speed
    nag = clim.monthly(*NAGQU).wind_speed
    delhi = clim.monthly(*DELHI).wind_speed
    # Siberian High: the calmest months are in winter at Yakutsk
    assert yak[0] < 2.0 and yak[0] < yak[6]
    # Ömnögovi (Dalanzadgad): strongest in spring, weaker in winter and summer; Gobi aimag means 3-5 m s-1
    assert dal[3:5].min() > max(dal[0], dal[6]) + 1.0 and 3.0 <= dal.mean() <= 5.0
    assert dal.mean() > yak.mean() + 1.0
    # Tibetan plateau stations: highest in spring, lowest in autumn (You et al. 2010, 2014)
    assert nag[1:4].mean() > nag[8:11].mean() + 0.5
    # India: all-India annual mean 1.4-2.7 m s-1 (Jaswal & Koppar 2013)
    assert 1.4 <= delhi.mean() <= 2.7


def test_arid_months_are_drier_humid_months_keep_tdew_at_tmin():
    clim = _builtin()
    dal = clim.monthly(*DALANZADGAD)
    yak = clim.monthly(*YAKUTSK)
    # Yakutsk in January: frozen, no evaporative demand, so FAO-56's humid rule Tdew = Tmin holds exactly
    humid = C.relative_humidity_estimate(yak.air_temperature_min[0], yak.air_temperature_max[0], 10.0)
    assert yak.relative_humidity[0] == pytest.approx(humid, abs=0.01)
    # the Gobi is arid (about 125 mm a year against about 900 mm of ET0, AI < 0.2): in July Tdew = Tmin - 4 °C
    arid = C.relative_humidity_estimate(dal.air_temperature_min[6], dal.air_temperature_max[6], dewpoint_offset=4.0)
    assert dal.relative_humidity[6] == pytest.approx(arid, abs=0.02)
    # Ömnögovi's warm-season mean relative humidity is 29-50 % (Mongolian meteorological service, aimag climate)
    assert 0.29 <= dal.relative_humidity[4:8].mean() <= 0.50


def test_fused_humidity_kernel_equals_the_model_functions():
    # the compiled kernel fuses ET0, the aridity offset and RH; the pure functions are its reference
    rng = np.random.default_rng(7)
    n = 400
    t = rng.uniform(-40, 35, (n, 12))
    dtr = rng.uniform(2, 20, (n, 12))
    p = rng.uniform(0, 300, (n, 12)) * (rng.random((n, 12)) > 0.2)
    lat = rng.uniform(20, 70, n)
    q = C.toa_daily_insolation(lat[:, None], C.MONTH_MID_DAY)
    fields = np.zeros((n, 6, 12))
    fields[:, 0], fields[:, 1], fields[:, 2], fields[:, 3] = t, t - dtr / 2, t + dtr / 2, p
    C._humidity_kernel(fields, q, C.MONTH_DAYS)
    thawed = np.clip(t / C.THAWED_TEMPERATURE, 0, 1)
    et0 = thawed * C.hargreaves_reference_evapotranspiration(t, t - dtr / 2, t + dtr / 2, q) * C.MONTH_DAYS
    offset = C.dewpoint_depression(p.sum(1), et0.sum(1))[:, None] * thawed
    expected = C.relative_humidity_estimate(t - dtr / 2, t + dtr / 2, dewpoint_offset=offset)
    np.testing.assert_allclose(fields[:, 5], expected, rtol=1e-9, atol=1e-12)
    # the fast path's tabulated insolation is within 0.1 W m-2 of the exact one
    assert np.abs(C._monthly_insolation(lat) - q).max() < 0.1
