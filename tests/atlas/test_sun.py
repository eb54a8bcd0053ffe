"""Sunrise, sunset and day length against NREL SPA (pvlib, an independent implementation) and known values."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from longwalk.atlas.sun import day_length, solar_declination, sunrise_sunset
from longwalk.atlas.weather import day_of_year
from longwalk.errors import InputError

pvlib = pytest.importorskip("pvlib")

CASES = [  # (lat, lon, date): Way Back places and seasons, equator, southern hemisphere
    (62.03, 129.73, "2023-01-15"),  # Yakutsk, winter
    (52.27, 104.3, "2023-06-21"),  # Irkutsk, solstice
    (47.92, 106.92, "2023-09-23"),  # Ulaanbaatar, equinox
    (43.58, 104.42, "2023-04-10"),  # Dalanzadgad
    (29.65, 91.1, "2023-12-21"),  # Lhasa
    (27.04, 88.26, "2023-03-01"),  # Darjeeling
    (0.0, 0.0, "2023-07-04"),
    (-33.9, 18.4, "2023-11-05"),  # Cape Town
]


@pytest.mark.parametrize("lat, lon, date", CASES)
def test_sunrise_sunset_match_nrel_spa_within_three_minutes(lat, lon, date):
    times = pd.DatetimeIndex([pd.Timestamp(date, tz="UTC") + pd.Timedelta(hours=12 - lon / 15)])
    spa = pvlib.solarposition.sun_rise_set_transit_spa(times, lat, lon)
    midnight = pd.Timestamp(date, tz="UTC")
    spa_rise = (spa["sunrise"].iloc[0] - midnight) / pd.Timedelta(hours=1)
    spa_set = (spa["sunset"].iloc[0] - midnight) / pd.Timedelta(hours=1)
    rise, set_ = sunrise_sunset(lat, lon, date, utc=True)
    assert abs(float(rise) - spa_rise) * 60 < 3.0
    assert abs(float(set_) - spa_set) * 60 < 3.0


def test_day_length_known_values():
    # equinox: about 12 h plus ~7 min of refraction and solar disc at any latitude between the polar circles
    for lat in (0.0, 30.0, 50.0):
        assert day_length(lat, 80) == pytest.approx(12.1, abs=0.1)
    # polar night at 70°N in late December, midnight sun in late June
    assert day_length(70.0, 355) == 0.0
    assert day_length(70.0, 172) == 24.0
    # 60°N at the June solstice, by hand: cos w0 = (cos 90.833° - sin 60° sin 23.44°) / (cos 60° cos 23.44°)
    # = (-0.01454 - 0.34450) / 0.45875 = -0.7827, w0 = 141.51°, day = 2 w0 / 15 = 18.87 h
    assert day_length(60.0, 172) == pytest.approx(18.87, abs=0.02)
    # the two hemispheres mirror each other half a year apart
    assert day_length(-45.0, 355) == pytest.approx(day_length(45.0, 172), abs=0.05)


def test_polar_night_has_no_sunrise():
    rise, set_ = sunrise_sunset(75.0, 20.0, ["2023-12-21", "2023-06-21", "2023-03-21"])
    assert np.isnan(rise[0]) and np.isnan(set_[0]) and np.isnan(rise[1])
    assert 5.5 < rise[2] < 6.5 and 17.5 < set_[2] < 18.5


def test_declination_extremes():
    doy = np.arange(1, 366)
    dec = solar_declination(doy)
    assert dec.max() == pytest.approx(23.44, abs=0.05) and dec.min() == pytest.approx(-23.44, abs=0.1)
    assert doy[np.argmax(dec)] in range(170, 175)


def test_day_of_year_and_bad_input():
    assert day_of_year(np.datetime64("2024-12-31")) == 365
    with pytest.raises(InputError, match="latitude"):
        day_length(91.0, 10)
    with pytest.raises(InputError, match="day_of_year"):
        day_length(40.0, 400)
    with pytest.raises(InputError, match="not a date"):
        sunrise_sunset(40.0, 10.0, "yesterday")
