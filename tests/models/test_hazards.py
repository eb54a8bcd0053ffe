"""Tests of longwalk.models.hazards: cited anchors, hand values, monotonicity."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from longwalk.models import hazards
from longwalk.models._validate import ModelRangeWarning


def test_calibration_injury_reynolds_1999_march():
    """CALIBRATION, not validation: MARCH_INJURY_PER_KM was fitted to this very number, 36 % of 218 soldiers injured
    over a 161 km cross-country march with 47 kg (Reynolds et al. 1999, taken at terrain factor 1.2 and a 76 kg
    soldier); 17 of the 78 injured could not finish (SERIOUS_INJURY_SHARE), and 27 had 69 limited-duty days in all
    (SERIOUS_INJURY_DAYS)."""
    h = hazards.injury_hazard(161_000.0, 1.2, 47.0 / 76.0)
    assert 1 - np.exp(-float(h)) == pytest.approx(0.36)
    assert hazards.SERIOUS_INJURY_SHARE == pytest.approx(17 / 78)
    assert hazards.SERIOUS_INJURY_DAYS == pytest.approx(69 / 27)
    assert hazards.injury_hazard(30_000.0, 1.8) > hazards.injury_hazard(30_000.0, 1.0)
    assert hazards.injury_hazard(30_000.0, 1.0, 0.1) < hazards.injury_hazard(30_000.0, 1.0, 0.6)


def test_calibration_injury_knapik_1992_maximal_effort():
    """CALIBRATION, not validation: INJURY_EFFORT_EXPONENT was fitted to this very number, 24 % of 335 soldiers
    injured on a 20 km road march carried out as fast as they could with 46 kg (Knapik et al. 1992), at the effort of
    racing that the walking model gives (MAXIMAL_MARCH_EFFORT)."""
    h = hazards.injury_hazard(20_000.0, 1.0, 46.0 / 76.0, hazards.MAXIMAL_MARCH_EFFORT)
    assert 1 - np.exp(-float(h)) == pytest.approx(0.24)
    # the same march at the soldiers' own pace on fresh feet: Reynolds et al.'s rate per km with the blisters' share
    # hardening over the 20 km, by hand 0.003046 × 20 × 1.004 × (0.52 + 0.48 × 0.8989)
    assert float(hazards.injury_hazard(20_000.0, 1.0, 46.0 / 76.0)) == pytest.approx(0.0582, abs=2e-4)


def test_calibration_blister_hardening_lipman_2016():
    """CALIBRATION, not validation: BLISTER_HARDENING_DISTANCE was fitted so that, of the 83 % of runners blistered
    over a 250 km stage race, 94 of 117 blisters (80 %) come by the end of stage 2 (80 km) (Lipman et al. 2016);
    checked here by hand: a rate falling as exp(-x / L) gives a cumulative hazard ∝ L (1 - exp(-x / L))."""
    big_l = hazards.BLISTER_HARDENING_DISTANCE
    assert big_l == pytest.approx(92.1, abs=0.1)
    k = -np.log(1 - 106 / 128) / (big_l * (1 - np.exp(-250 / big_l)))
    assert -np.expm1(-k * big_l * (1 - np.exp(-80 / big_l))) / (106 / 128) == pytest.approx(94 / 117, rel=1e-6)
    # a rate that did not fall would give about half by stage 2, not 80 %
    k0 = -np.log(1 - 106 / 128) / 250
    assert -np.expm1(-k0 * 80) / (106 / 128) == pytest.approx(0.520, abs=1e-3)


def test_blister_hardening_hand_values_and_the_days_add_up():
    big_l = hazards.BLISTER_HARDENING_DISTANCE
    assert float(hazards.blister_hardening(0.0, 0.0)) == 1.0
    assert float(hazards.blister_hardening(big_l * 1000.0, 0.0)) == pytest.approx(np.exp(-1.0), rel=1e-12)
    # the mean over 161 km: L / d (1 - exp(-d / L))
    assert float(hazards.blister_hardening(0.0, 161_000.0)) == pytest.approx(
        big_l / 161 * (1 - np.exp(-161 / big_l)), rel=1e-12)
    # five days of 32.2 km walked one after another give the hazard of the 161 km walked at once
    days = sum(float(hazards.injury_hazard(32_200.0, 1.2, 47 / 76, walked=i * 32_200.0)) for i in range(5))
    assert days == pytest.approx(float(hazards.injury_hazard(161_000.0, 1.2, 47 / 76)), rel=1e-9)
    # after 1,000 km the blisters' share has gone: the rest of the rate, 52 %, is left (by hand 0.003046 × 20 × 1.004
    # × 0.52 = 0.0318)
    assert float(hazards.injury_hazard(20_000.0, 1.0, 46 / 76, walked=1e6)) == pytest.approx(0.0318, abs=1e-4)


@given(st.floats(0.0, 5e6), st.floats(0.0, 60_000.0))
def test_hardened_feet_never_injure_more(walked, distance):
    h0 = float(hazards.injury_hazard(distance, 1.2, 0.3))
    h = float(hazards.injury_hazard(distance, 1.2, 0.3, walked=walked))
    assert h <= h0 * (1 + 1e-12)
    assert h >= h0 * (1 - hazards.BLISTER_SHARE) * (1 - 1e-12)


def test_maximal_march_effort_is_the_walking_models_own():
    """MAXIMAL_MARCH_EFFORT is written as a number in models.hazards; it must stay what models.walking gives for
    Knapik et al.'s march (racing fraction over Bink's for the time taken), or the calibration has gone stale."""
    from longwalk.validation.cases.injury import racing_march_effort

    assert racing_march_effort(20_000.0, 76.0, 46.0, 22.0, 0.5) == pytest.approx(hazards.MAXIMAL_MARCH_EFFORT,
                                                                                  rel=2e-3)


@given(st.floats(0.0, 1.0), st.floats(0.0, 60_000.0))
def test_effort_at_or_below_own_pace_leaves_the_rate_per_km(effort, distance):
    assert float(hazards.injury_hazard(distance, 1.2, 0.3, effort)) == pytest.approx(
        float(hazards.injury_hazard(distance, 1.2, 0.3)), rel=1e-12, abs=0.0)


@given(st.floats(1.0, 1.3), st.floats(0.0, 0.2))
def test_harder_effort_never_safer(effort, step):
    assert hazards.march_injury_effort_factor(effort + step) >= hazards.march_injury_effort_factor(effort)
    # hand value of the power law
    assert float(hazards.march_injury_effort_factor(effort)) == pytest.approx(
        effort ** hazards.INJURY_EFFORT_EXPONENT, rel=1e-12)


@given(st.floats(0.0, 1.4), st.floats(0.0, 0.1), st.floats(0.0, 1.0))
def test_steeper_darker_never_safer(s, ds, dark):
    base = hazards.fall_hazard(s, 5.0, 0.0)
    assert hazards.fall_hazard(s + ds, 5.0, 0.0) >= base
    assert hazards.fall_hazard(s, 5.0, dark) >= base
    assert hazards.fall_hazard(s, 5.0, 0.0, icy=True) >= base
    assert hazards.fall_hazard(-s, 5.0) == pytest.approx(float(base))


def test_calibration_waterborne_cdc_travellers_diarrhoea():
    """CALIBRATION: TRAVELLERS_DIARRHOEA_HAZARD was fitted to the middle of the CDC attack rate, 50 % in two weeks.
    The model is validated on Appalachian Trail backpackers (Boulware 2004) in longwalk.validation.cases.starvation
    (topic "water")."""
    h = hazards.waterborne_illness_hazard(1.0, 1.0)
    assert 1 - np.exp(-14 * float(h)) == pytest.approx(0.5)
    assert float(hazards.waterborne_illness_hazard(0.0, 2.0)) == 0.0


def test_exhaustion_illness_hand_value():
    assert float(hazards.exhaustion_illness_hazard(0.0, 8.0)) == pytest.approx(0.002)
    assert float(hazards.exhaustion_illness_hazard(0.2, 12.0)) == pytest.approx(0.012)


def test_lost_darkness_blizzard_night_blindness():
    day = hazards.lost_hazard(10.0, 0.0)
    night = hazards.lost_hazard(0.0, 10.0)
    blind = hazards.lost_hazard(0.0, 10.0, night_blind=True)
    bliz = hazards.lost_hazard(10.0, 0.0, blizzard_fraction=1.0)
    track = hazards.lost_hazard(10.0, 0.0, on_track=True)
    assert track < day < night < blind
    assert float(bliz) == pytest.approx(10 * float(day))
    # night blindness only matters in the dark
    assert hazards.lost_hazard(10.0, 0.0, night_blind=True) == pytest.approx(float(day))


def test_foraging_return_rates_table_and_seasons():
    b = np.array([hazards.TAIGA, hazards.DESERT, hazards.ALPINE])
    aug = hazards.foraging_return_rate(b, 8, hazards.GATHER)
    jan = hazards.foraging_return_rate(b, 1, hazards.GATHER)
    assert np.all(aug > jan)
    # physiology.md §6.1: unskilled returns 0–300 kcal/h in steppe and desert, near zero in high alpine
    for m in range(1, 13):
        for k in (hazards.GATHER, hazards.HUNT, hazards.FISH):
            assert 0 <= float(hazards.foraging_return_rate(hazards.STEPPE, m, k)) <= 300
            assert float(hazards.foraging_return_rate(hazards.DESERT, m, k)) <= 300
            assert float(hazards.foraging_return_rate(hazards.ALPINE, m, k)) <= 100
    grid = hazards.foraging_return_rate(np.arange(6)[:, None], np.arange(1, 13)[None, :], hazards.FISH, 5.0)
    assert grid.shape == (6, 12)
    with pytest.raises(ValueError, match="biome"):
        hazards.foraging_return_rate(9, 8)
    with pytest.raises(ValueError, match="month"):
        hazards.foraging_return_rate(hazards.TAIGA, 13)


def test_foraging_returns_for_skilled_locals_and_by_fish_bearing_water():
    # physiology.md §6.1: skilled locals ~1000-2000 kcal per forager-hour overall (skill ~5, the docstring's
    # reading); the best method in peak season in the taiga and the temperate forest falls in that band
    for b in (hazards.TAIGA, hazards.TEMPERATE_FOREST):
        best = max(float(hazards.foraging_return_rate(b, 8, k, 5.0)) for k in (hazards.GATHER, hazards.HUNT,
                                                                                 hazards.FISH))
        assert 1000.0 <= best <= 2000.0
    # higher near fish-bearing water in the taiga than on the steppe or in the desert, and than gathering in spring
    assert hazards.foraging_return_rate(hazards.TAIGA, 8, hazards.FISH) > 300.0
    assert hazards.foraging_return_rate(hazards.TAIGA, 8, hazards.FISH) > \
        hazards.foraging_return_rate(hazards.TAIGA, 4, hazards.GATHER)


def test_water_points():
    s = hazards.water_point_spacing(np.array([True, False]))
    np.testing.assert_allclose(s, [32_500.0, 100_000.0])
    p = hazards.water_point_probability(np.array([0.0, 32_500.0]), 32_500.0, 0.0)
    np.testing.assert_allclose(p, [0.0, 1 - np.exp(-1)])
    assert hazards.water_point_probability(40_000.0, 32_500.0) < hazards.water_point_probability(40_000.0, 32_500.0, 0)


def test_bad_input_and_warnings():
    with pytest.raises(ValueError, match="distance"):
        hazards.injury_hazard(-1.0)
    with pytest.raises(ValueError, match="darkness_fraction"):
        hazards.fall_hazard(0.2, 1.0, 1.5)
    with pytest.raises(ValueError, match="slope"):
        hazards.fall_hazard(np.nan, 1.0)
    with pytest.warns(ModelRangeWarning, match="terrain_factor"):
        hazards.injury_hazard(10_000.0, 6.0)
    with pytest.raises(ValueError, match="effort"):
        hazards.injury_hazard(10_000.0, 1.0, 0.3, -0.1)
    with pytest.raises(ValueError, match="walked"):
        hazards.injury_hazard(10_000.0, 1.0, 0.3, 1.0, -1.0)
    with pytest.raises(ValueError, match="walked"):
        hazards.blister_hardening(-1.0, 0.0)
    with pytest.warns(ModelRangeWarning, match="effort"):
        hazards.injury_hazard(10_000.0, 1.0, 0.3, 2.0)


def test_encounter_count_hand_value_and_a_simulated_poisson_field_of_camps():
    # hand value: 2 · 2 km · 25 km · 0.04 km-2 = 4 camps
    assert float(hazards.encounter_count(2_000.0, 25_000.0, 0.04e-6)) == pytest.approx(4.0, rel=1e-12)
    # vectorised and linear in each argument
    out = hazards.encounter_count(np.array([1_000.0, 2_000.0]), 10_000.0, np.array([[1e-8], [2e-8]]))
    np.testing.assert_allclose(out, [[0.2, 0.4], [0.4, 0.8]])
    # independent check: camps scattered at random (uniform, Poisson count) over a 40 km × 20 km box; a straight
    # 30 km walk down the middle meets those within r of the path (a segment, so the ends' half-discs add π r² D)
    rng = np.random.default_rng(7)
    r, d, dens = 1_500.0, 30_000.0, 0.05e-6
    n = rng.poisson(dens * 40_000.0 * 20_000.0, size=4000)
    met = np.empty(n.size)
    for i, k in enumerate(n):
        x = rng.uniform(-5_000.0, 35_000.0, k)
        y = rng.uniform(-10_000.0, 10_000.0, k)
        dx = np.clip(x, 0.0, d) - x
        met[i] = np.count_nonzero(np.hypot(dx, y) <= r)
    expected = float(hazards.encounter_count(r, d, dens)) + np.pi * r**2 * dens
    assert abs(met.mean() - expected) < 4.0 * np.sqrt(expected / n.size)
    with pytest.raises(ValueError, match="radius"):
        hazards.encounter_count(-1.0, 1.0, 1e-8)
    with pytest.raises(ValueError, match="density"):
        hazards.encounter_count(1.0, 1.0, -1e-8)
