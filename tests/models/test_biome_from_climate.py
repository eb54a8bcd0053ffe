"""The Köppen reading of climate normals (models.hazards.biome_from_climate), checked by hand.

Köppen's dryness threshold as written by Peel, Finlayson & McMahon (2007, Hydrol Earth Syst Sci 11:1633, Table 1):
P_th = 2·MAT + 28 [cm] (= 20·MAT + 280 mm) when >= 70 % of the precipitation falls in the summer half, 2·MAT when
>= 70 % falls in the winter half, 2·MAT + 14 otherwise; BW (desert) where MAP < P_th/2, BS (steppe) where MAP < P_th,
and B takes precedence over E (T_hot < 10 °C).  The station cases use rounded, approximate climate normals (quoted
from memory: the hand calculation in each comment is what is checked) and the stations' published Köppen-Geiger
classes (Peel et al. 2007 map).
"""

import numpy as np
import pytest

from longwalk.models import hazards
from longwalk.models.hazards import ALPINE, DESERT, STEPPE, TAIGA, TEMPERATE_FOREST, TUNDRA, biome_from_climate

# (name, T_ann [°C], T_warmest month [°C], P [mm], warm-half fraction, elevation [m], expected, hand calculation)
CASES = [
    # Yakutsk, Dfd: P_th = -176 + 280 = 104 mm < 238 mm, so humid; T_ann < 2 -> taiga
    ("Yakutsk Dfd", -8.8, 19.5, 238.0, 0.75, 98.0, TAIGA),
    # Ulaanbaatar, BSk: P_th = -8 + 280 = 272 mm; 136 <= 267 < 272 -> steppe
    ("Ulaanbaatar BSk", -0.4, 19.0, 267.0, 0.9, 1306.0, STEPPE),
    # Dalanzadgad, BWk: P_th = 130 + 280 = 410 mm; 130 < 205 -> desert
    ("Dalanzadgad BWk", 6.5, 22.0, 130.0, 0.85, 1465.0, DESERT),
    # Barrow-like ET: P_th = max(-240 + 140, 0) = 0; not dry; warmest month 4 °C < 10 -> tundra
    ("arctic ET", -12.0, 4.0, 120.0, 0.6, 10.0, TUNDRA),
    # humid temperate: P_th = 200 + 140 = 340 < 800, T_ann >= 2, P > 600 -> temperate forest
    ("humid temperate", 10.0, 22.0, 800.0, 0.5, 200.0, TEMPERATE_FOREST),
    # same temperatures, 500 mm: humid (340 < 500) but under the 600 mm forest limit -> steppe
    ("subhumid temperate", 10.0, 22.0, 500.0, 0.5, 200.0, STEPPE),
    # winter rain: c = 0, P_th = 200 mm; 90 < 100 -> desert (with summer rain the same place would be too)
    ("winter-rain desert", 10.0, 24.0, 90.0, 0.2, 200.0, DESERT),
    # B before E: T_warm 8 °C but P_th = 20·5 + 280 = 380 mm and 100 < 190 -> desert
    ("cold dry summer-rain", 5.0, 8.0, 100.0, 0.8, 500.0, DESERT),
    # above 3500 m the land is alpine whatever the climate
    ("Tibetan plateau", -1.0, 9.0, 400.0, 0.9, 4507.0, ALPINE),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_hand_classified_climates(case):
    _, t_ann, t_warm, precip, warm_half, elev, expected = case
    assert int(biome_from_climate(t_ann, t_warm, precip, warm_half, elev)) == expected


def test_threshold_offset_follows_the_seasonality_of_rain():
    # T_ann = 10 °C, P = 230 mm.  Summer rain (c = 280): P_th = 480, 230 < 240 -> desert.  Even (c = 140): P_th = 340,
    # 170 <= 230 < 340 -> steppe.  Winter rain (c = 0): P_th = 200 < 230 -> humid, but under 600 mm -> steppe.
    got = biome_from_climate(10.0, 24.0, 230.0, np.array([0.7, 0.5, 0.3]), 0.0)
    np.testing.assert_array_equal(got, [DESERT, STEPPE, STEPPE])
    got = biome_from_climate(10.0, 24.0, 650.0, np.array([0.71, 0.5, 0.29]), 0.0)
    # 650 mm is humid for every offset (P_th <= 480) and above 600 mm -> forest
    np.testing.assert_array_equal(got, [TEMPERATE_FOREST] * 3)
    # boundaries: exactly 70 % is summer rain (c = 280), exactly 30 % is winter rain (c = 0)
    got = biome_from_climate(0.0, 20.0, 200.0, np.array([0.7, 0.3]), 0.0)
    np.testing.assert_array_equal(got, [STEPPE, TAIGA])  # P_th 280 -> 200 < 280 steppe; P_th 0 -> humid, T_ann < 2


def test_vectorised_broadcast_and_int_codes():
    got = biome_from_climate(np.array([[-8.8], [10.0]]), 20.0, np.array([238.0, 800.0]), 0.5, 100.0)
    assert got.shape == (2, 2) and got.dtype == np.int64
    # row 0: T_ann -8.8, c = 140 -> P_th = 0 (clipped): both humid, taiga; row 1: P_th 340: 238 steppe, 800 forest
    np.testing.assert_array_equal(got, [[TAIGA, TAIGA], [STEPPE, TEMPERATE_FOREST]])
    assert hazards.BIOMES[int(got[1, 1])] == "temperate_forest"


@pytest.mark.parametrize(("kwargs", "name"), [
    ({"annual_precipitation": -1.0}, "annual_precipitation"),
    ({"warm_half_fraction": 1.2}, "warm_half_fraction"),
    ({"annual_mean_temperature": -300.0}, "annual_mean_temperature"),
    ({"warmest_month_temperature": np.nan}, "warmest_month_temperature"),
    ({"elevation": np.inf}, "elevation"),
])
def test_bad_input_names_the_parameter(kwargs, name):
    args = {"annual_mean_temperature": 0.0, "warmest_month_temperature": 15.0, "annual_precipitation": 300.0,
            "warm_half_fraction": 0.5, "elevation": 100.0}
    args.update(kwargs)
    with pytest.raises(ValueError, match=name):
        biome_from_climate(**args)
