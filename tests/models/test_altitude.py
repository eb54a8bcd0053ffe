"""Altitude models against published figures (physiology.md §5) and hand calculations."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from longwalk.models import ModelRangeWarning
from longwalk.models.altitude import (
    AMS_ARRIVAL_SHARE,
    HAPE_ONSET_MEAN,
    HAPE_ONSET_NIGHTS,
    HAPE_ONSET_SD,
    TORR,
    acclimatised_altitude_step,
    ams_hazard,
    ams_recovery_hazard,
    barometric_pressure,
    hace_hazard,
    hape_hazard,
    hape_onset_kernel,
    hape_onset_step,
    inspired_oxygen_pressure,
    lake_louise_3_incidence,
    unacclimatised_endurance_factor,
    unacclimatised_excess,
    vo2max_altitude_factor,
)

LOWLANDER = 200.0  # home altitude [m] of the people in the calibration scenarios


def stay(hazard, sleeping_altitudes, start=LOWLANDER):
    """Probability that illness starts during a sequence of nights, and the acclimatised altitude after it."""
    a, cumulative, by_night = start, 0.0, []
    for h in sleeping_altitudes:
        cumulative += float(hazard(h, a))
        by_night.append(1 - math.exp(-cumulative))
        a = acclimatised_altitude_step(a, h)
    return np.array(by_night), a


def stay_hape(sleeping_altitudes, start=LOWLANDER):
    """HAPE onset hazard night by night (the risk of each night coming due over the following nights)."""
    a, pending, prev, tonight = start, np.zeros(HAPE_ONSET_NIGHTS), None, []
    for h in sleeping_altitudes:
        descent = 0.0 if prev is None else max(prev - h, 0.0)
        t, pending = hape_onset_step(pending, hape_hazard(h, a), descent)
        tonight.append(float(t))
        a, prev = acclimatised_altitude_step(a, h), h
    return np.array(tonight)


def test_everest_summit_pressure_253_torr():
    # West 1996: 253 Torr measured and modelled on the summit of Everest (8,848 m).
    assert barometric_pressure(8848.0) / TORR == pytest.approx(253.0, abs=1.0)
    # inspired PO2 there ≈ 43 Torr (physiology.md §5.1)
    assert inspired_oxygen_pressure(barometric_pressure(8848.0)) / TORR == pytest.approx(43.0, abs=0.5)


@pytest.mark.parametrize(
    ("km", "pb", "pio2"), [(1, 679, 132), (2, 604, 117), (3, 537, 103), (4, 475, 90), (5, 420, 78), (6, 369, 68)]
)
def test_west_pressure_table(km, pb, pio2):
    # physiology.md §5.1, values computed from West 1996.
    p = barometric_pressure(km * 1000.0)
    assert p / TORR == pytest.approx(pb, abs=1.0)
    assert inspired_oxygen_pressure(p) / TORR == pytest.approx(pio2, abs=1.0)


@pytest.mark.parametrize(("altitude", "torr"), [(5400, 400.4), (6300, 351.0), (8050, 283.6), (8848, 253.0)])
def test_west_matches_pressures_measured_on_everest(altitude, torr):
    # West et al. 1983 J Appl Physiol 54:1188, American Medical Research Expedition to Everest (mean daily pressures).
    assert barometric_pressure(altitude) / TORR == pytest.approx(torr, rel=0.015)


def test_west_is_above_the_standard_atmosphere_high_up():
    # West 1996: pressures on low-latitude mountains exceed the ICAO standard atmosphere.
    h = np.array([4000.0, 6000.0, 8000.0])
    isa = 101.325 * (1 - 2.25577e-5 * h) ** 5.25588
    assert np.all(barometric_pressure(h) > isa)
    # and agree with it within 1 % near sea level
    assert barometric_pressure(500.0) == pytest.approx(101.325 * (1 - 2.25577e-5 * 500) ** 5.25588, rel=0.01)


def test_vo2max_altitude_factor_published_points():
    # Wehrlin & Hallén 2006: -6.3 % per 1000 m above ~300 m.
    assert vo2max_altitude_factor(300.0) == 1.0
    assert vo2max_altitude_factor(2800.0) == pytest.approx(1 - 0.063 * 2.5)
    # Operation Everest II: 15.3 mL/kg/min at the simulated summit, 28 % of sea level (Wagner 2010)
    assert vo2max_altitude_factor(8848.0) == pytest.approx(0.28, abs=0.005)
    assert np.all(np.diff(vo2max_altitude_factor(np.linspace(0, 8848, 50))) <= 0)


def test_vo2max_altitude_factor_of_the_untrained_and_the_trained_at_5050_m():
    # Marconi et al. 2004 (J Physiol 556:661, abstract): after four weeks at 5050 m untrained Caucasians had lost 31 %
    # of their peak VO2, trained ones 46 % (the trained curve, anchored elsewhere, gives 0.534 there)
    assert vo2max_altitude_factor(5050.0, 0.0) == pytest.approx(1 - 0.31)
    assert vo2max_altitude_factor(5050.0, 1.0) == pytest.approx(1 - 0.46, abs=0.01)
    # sedentary people lose nothing below 1500 m (Terrados 1985, Gore 1996, as Marconi quotes them)
    assert vo2max_altitude_factor(np.array([0.0, 1000.0, 1500.0]), 0.0) == pytest.approx(1.0)
    # the default is the trained curve
    h = np.linspace(0.0, 8848.0, 40)
    np.testing.assert_allclose(vo2max_altitude_factor(h), vo2max_altitude_factor(h, 1.0))


def test_the_fitter_lose_more_vo2max_at_altitude():
    # Martin & O'Kroy 1993: the decrement grows linearly with normoxic VO2max; never the other way round here
    h = np.linspace(0.0, 8848.0, 60)[:, None]
    tau = np.linspace(0.0, 1.0, 11)[None, :]
    f = vo2max_altitude_factor(h, tau)
    assert np.all(np.diff(f, axis=1) <= 1e-12)
    assert np.all(np.diff(f, axis=0) <= 1e-12)
    # linear in τ: halfway trained is halfway between the curves
    np.testing.assert_allclose(f[:, 5], 0.5 * (f[:, 0] + f[:, -1]))
    with pytest.raises(ValueError, match="training"):
        vo2max_altitude_factor(3000.0, 1.5)


@pytest.mark.parametrize(("altitude", "prevalence"), [(2850, 0.09), (3050, 0.13), (3650, 0.34), (4559, 0.53)])
def test_ams_maggiorini_swiss_huts(altitude, prevalence):
    # Maggiorini et al. 1990 BMJ 301:853: climbers at four huts after ascending from the lowlands.
    p, _ = stay(ams_hazard, [altitude])
    assert p[0] == pytest.approx(prevalence, abs=0.05)


@pytest.mark.parametrize(("altitude", "prevalence"), [(2200, 0.069), (2500, 0.091), (2800, 0.174), (3500, 0.38)])
def test_ams_eastern_alps_within_spread_of_surveys(altitude, prevalence):
    # High Alt Med Biol 2009 10:239 (morning after the first night; LLS >= 4, less experienced hikers — the authors
    # report 4–8 points more AMS than in the Western Alps).  The model is fitted to the Western Alps.
    p, _ = stay(ams_hazard, [altitude])
    assert prevalence - 0.13 <= p[0] <= prevalence + 0.02


def test_ams_at_4500_m_about_half():
    # Schommer & Bärtsch 2011: 50 % AMS at 4500 m in unselected mountaineers.
    p, _ = stay(ams_hazard, [4500.0])
    assert p[0] == pytest.approx(0.50, abs=0.08)


def test_ams_starts_within_three_days():
    # physiology.md §5.2: 90 % of symptoms begin within 72 h.
    p, _ = stay(ams_hazard, [4559.0] * 10)
    assert p[2] / p[-1] >= 0.9


def test_hape_and_hace_incidence_at_4559_m():
    # Schommer & Bärtsch 2011: HAPE 6 %, HACE 0.5–1 % in unselected mountaineers at 4500 m.
    hape = 1 - math.exp(-stay_hape([4559.0] * 5).sum())
    hace, _ = stay(hace_hazard, [4559.0] * 5)
    assert hape == pytest.approx(0.06, abs=0.005)
    assert 0.005 <= hace[-1] <= 0.01
    # rare at moderate altitude
    assert 1 - math.exp(-stay_hape([2850.0] * 5).sum()) < 0.002


def test_staged_ascent_is_much_safer_than_a_direct_one():
    # WMS (Luks 2019): above 3000 m, +500 m per night with a rest day every 1000 m is low-risk; a direct ascent from
    # the lowlands to 5000 m is high-risk.
    start = 3000.0
    staged = [3500, 4000, 4000, 4500, 5000, 5000]
    p_staged, a = stay(ams_hazard, staged, start=start)
    p_direct, _ = stay(ams_hazard, [5000.0] * 6)
    assert p_staged[-1] < 0.25
    assert p_direct[-1] > 0.6
    assert a == pytest.approx(5000.0)


def test_rest_days_complete_acclimatisation_and_descent_loses_it_slowly():
    a = LOWLANDER
    for _ in range(10):
        a = acclimatised_altitude_step(a, 4000.0)
    assert a == pytest.approx(4000.0)
    assert ams_hazard(4000.0, a) == 0.0
    after = acclimatised_altitude_step(a, 1000.0, days=14.0)
    assert after == pytest.approx(1000.0 + 3000.0 / math.e)


def test_recovery_faster_on_descent():
    assert ams_recovery_hazard(0.0) == 0.5
    assert ams_recovery_hazard(300.0) == pytest.approx(0.5 * math.e)
    assert ams_recovery_hazard(-500.0) == 0.5
    # a 1000 m descent resolves nearly all cases within a day
    assert 1 - math.exp(-ams_recovery_hazard(1000.0)) > 0.99


def test_no_illness_at_low_altitude():
    assert ams_hazard(1400.0, 0.0) == 0.0
    assert unacclimatised_excess(np.array([1000.0, 2500.0]), 0.0) == pytest.approx([0.0, 1000.0])


def test_shapes_and_bad_input():
    out = ams_hazard(np.full((2, 1), 4000.0), np.array([0.0, 2000.0, 4000.0]))
    assert out.shape == (2, 3)
    with pytest.raises(ValueError, match="sleeping_altitude"):
        ams_hazard(np.nan, 0.0)
    with pytest.raises(ValueError, match="barometric_pressure"):
        inspired_oxygen_pressure(-1.0)
    with pytest.warns(ModelRangeWarning, match="elevation"):
        barometric_pressure(12000.0)


alts = st.floats(0.0, 6000.0)


@settings(max_examples=200, deadline=None)
@given(alts, alts, alts)
def test_higher_never_safer_and_acclimatised_never_worse(h1, h2, a):
    lo, hi = min(h1, h2), max(h1, h2)
    assert ams_hazard(hi, a) >= ams_hazard(lo, a)
    assert hape_hazard(hi, a) >= hape_hazard(lo, a)
    assert ams_hazard(hi, lo) <= ams_hazard(hi, 0.0)


@settings(max_examples=200, deadline=None)
@given(alts, alts)
def test_acclimatisation_moves_towards_sleeping_altitude(a, h):
    new = acclimatised_altitude_step(a, h)
    assert min(a, h) - 1e-9 <= new <= max(a, h, 1500.0) + 1e-9


def test_acclimatisation_is_rate_limited():
    # WMS (Luks 2019) pace, 400 m a night above 1500 m, whatever the excess (hand calculation): a lowlander at 4559 m
    # is acclimatised to 1900, 2300, ... 3500 m after five nights and fully only after eight.
    a, seen = LOWLANDER, []
    for _ in range(8):
        a = float(acclimatised_altitude_step(a, 4559.0))
        seen.append(a)
    assert seen[:5] == pytest.approx([1900.0, 2300.0, 2700.0, 3100.0, 3500.0])
    assert seen[-1] == pytest.approx(4559.0)
    # a +300 m night from an acclimatised state is absorbed at once; +600 m leaves 200 m for the next night
    assert float(acclimatised_altitude_step(3500.0, 3800.0)) == pytest.approx(3800.0)
    assert float(acclimatised_altitude_step(3500.0, 4100.0)) == pytest.approx(3900.0)


@pytest.mark.parametrize(
    ("n", "lls3", "lls5"),
    [(332, 0.48, 0.23), (332, 0.735, 0.503), (175, 0.526, 0.229)],
    ids=["mcdevitt-2014-nepal", "xtreme-everest", "kilimanjaro-6-day"],
)
def test_lake_louise_3_conversion_reproduces_each_same_subject_study(n, lls3, lls5):
    # Each study's LLS >= 5 prevalence converted with the pooled ratio lands within the binomial 95 % interval of its
    # LLS >= 3 prevalence, widened by 5 points for the spread between studies (abstracts quoted in models.altitude).
    half_width = 1.96 * math.sqrt(lls3 * (1 - lls3) / n) + 0.05
    assert abs(float(lake_louise_3_incidence(lls5)) - lls3) < half_width


def test_lake_louise_3_conversion_bounds():
    p = np.array([0.0, 0.1, 0.5, 0.9, 1.0])
    out = lake_louise_3_incidence(p)
    assert out[0] == 0.0 and out[-1] == 1.0
    assert np.all(out[1:-1] > p[1:-1]) and np.all(np.diff(out) > 0)
    # hand calculation: 1 - 0.9^2.1659 = 0.2044
    assert float(lake_louise_3_incidence(0.1)) == pytest.approx(1 - 0.9**2.1659, abs=1e-4)


def test_arrival_share_from_berger_2023_day_of_ascent_and_next_morning():
    # Hand calculation from the abstract's prevalences (AMS-C >= 0.7): ln(1 - 0.101) / ln(1 - 0.145) = 0.680 at 3650 m,
    # ln(1 - 0.15) / ln(1 - 0.252) = 0.560 at 4559 m; the share is their mean.
    assert AMS_ARRIVAL_SHARE == pytest.approx((0.6797 + 0.5597) / 2, abs=1e-3)
    assert 0.5597 < AMS_ARRIVAL_SHARE < 0.6797


def test_hape_onset_kernel_reproduces_hultgren_1996():
    # Hultgren et al. 1996 West J Med 164:222: onset 3 +/- 1.3 days after arrival (150 cases at 2,928 m).  Night j
    # holds the onsets between j - 1 and j days, so its mid-time is j - 0.5 days.
    f = hape_onset_kernel()
    assert HAPE_ONSET_MEAN == 3.0 and HAPE_ONSET_SD == 1.3
    assert f.sum() == pytest.approx(1.0) and np.all(f > 0)
    t = np.arange(1, f.size + 1) - 0.5
    mean = (f * t).sum()
    assert mean == pytest.approx(3.0, abs=0.05)
    # the spread of a normal binned by whole days: sqrt(1.3^2 + 1/12) = 1.33
    assert math.sqrt((f * (t - mean) ** 2).sum()) == pytest.approx(math.sqrt(1.3**2 + 1 / 12), abs=0.05)
    # hand calculation: the first night takes Phi(-2/1.3) = 0.062, the third and fourth 0.279 each
    assert f[0] == pytest.approx(0.0620, abs=5e-4)
    assert f[2] == pytest.approx(0.2791, abs=5e-4) and f[3] == pytest.approx(f[2])
    with pytest.raises(ValueError, match="nights"):
        hape_onset_kernel(0)


def test_hape_onset_at_a_colorado_ski_resort_matches_hultgren():
    # The kernel with rate-limited acclimatisation (the excess shrinks each night, later nights add their own delayed
    # risk): lowlanders staying at 2,928 m start HAPE 3 +/- 1.3 days after arrival in Hultgren's 150 cases.
    tonight = stay_hape([2928.0] * 12)
    w = tonight / tonight.sum()
    t = np.arange(1, w.size + 1) - 0.5
    mean = (w * t).sum()
    assert mean == pytest.approx(3.0, abs=0.5)
    assert 1.0 <= math.sqrt((w * (t - mean) ** 2).sum()) <= 1.8


def test_hape_needs_time_at_altitude_and_comes_rarely_after_a_week():
    # Bärtsch & Swenson 2013 (NEJM 368:2294), as quoted: HAPE 2-5 days after arrival, rarely on the first night,
    # rarely after a week at the same altitude.  Direct ascent to 4,559 m.
    tonight = stay_hape([4559.0] * 14)
    share = tonight / tonight.sum()
    assert share[0] < 0.05
    assert share[1:5].sum() > 0.7
    assert share[7:].sum() < 0.05
    # one night up and straight down (the Gosainkund pilgrims) carries a small part of the risk of staying five nights
    assert stay_hape([4380.0, 1950.0]).sum() < 0.1 * stay_hape([4380.0] * 5).sum()


def test_hape_onset_step_descent_cancels_risk_not_yet_due():
    tonight, pending = hape_onset_step(np.zeros(HAPE_ONSET_NIGHTS), 0.1, 0.0)
    assert tonight == pytest.approx(0.1 * hape_onset_kernel()[0])
    assert pending[-1] == 0.0 and pending.sum() == pytest.approx(0.1 * (1 - hape_onset_kernel()[0]))
    # staying: the rest comes due over the following nights, all of it
    total, p = float(tonight), pending
    for _ in range(HAPE_ONSET_NIGHTS):
        t, p = hape_onset_step(p, 0.0, 0.0)
        total += float(t)
    assert total == pytest.approx(0.1)
    # descending 1000 m keeps e^(-1000/300) = 3.6 % of tomorrow's share
    assert hape_onset_step(pending, 0.0, 1000.0)[0] == pytest.approx(pending[0] * math.exp(-1000 / 300))
    # an ascent is no descent
    assert hape_onset_step(pending, 0.0, -500.0)[0] == pytest.approx(pending[0])


def test_hape_onset_step_shapes_and_bad_input():
    tonight, pending = hape_onset_step(np.zeros((4, 3, HAPE_ONSET_NIGHTS)), np.full((4, 3), 0.02), np.zeros((4, 3)))
    assert tonight.shape == (4, 3) and pending.shape == (4, 3, HAPE_ONSET_NIGHTS)
    with pytest.raises(ValueError, match="pending"):
        hape_onset_step(np.zeros(3), 0.1, 0.0)
    with pytest.raises(ValueError, match="hazard"):
        hape_onset_step(np.zeros(HAPE_ONSET_NIGHTS), -0.1, 0.0)


def test_unacclimatised_endurance_reproduces_bradbury_2020():
    # Bradbury et al. 2020 (J Int Soc Sports Nutr 17, abstract): a 2-mile time trial at 4300 m took 27.3 min ~5 h
    # after arrival and 23.6 min after 22 days; VO2max does not rise with the stay, so on arrival the walker holds
    # 23.6 / 27.3 of the acclimatised fraction (the fitted number: a calibration, not a validation)
    arrival = unacclimatised_endurance_factor(4300.0, LOWLANDER)
    a = LOWLANDER
    for _ in range(22):
        a = acclimatised_altitude_step(a, 4300.0)
    assert float(arrival / unacclimatised_endurance_factor(4300.0, a)) == pytest.approx(23.6 / 27.3, rel=1e-12)


def test_unacclimatised_endurance_by_hand():
    # m = 1 - k x, k = (1 - 23.6/27.3) / 2800 m = 4.8404e-5 m-1; x = 5400 - 4670 = 730 m: 1 - 0.035335 = 0.964665;
    # below the acclimatised altitude, or below 1500 m, nothing is lost
    m = unacclimatised_endurance_factor(np.array([5400.0, 4000.0, 1400.0]), np.array([4670.0, 4670.0, 0.0]))
    np.testing.assert_allclose(m, [1.0 - 730.0 * (1.0 - 23.6 / 27.3) / 2800.0, 1.0, 1.0], rtol=1e-12)
    assert float(m[0]) == pytest.approx(0.964665, abs=1e-6)


def test_unacclimatised_endurance_warns_beyond_the_data_and_stays_nonnegative():
    with pytest.warns(ModelRangeWarning):
        m = unacclimatised_endurance_factor(8848.0, 0.0)  # x = 7348 m, extrapolated: 1 - 7348 k = 0.644
    assert float(m) == pytest.approx(1.0 - 7348.0 * (1.0 - 23.6 / 27.3) / 2800.0)
    with pytest.warns(ModelRangeWarning):
        assert float(unacclimatised_endurance_factor(30000.0, 0.0)) == 0.0
