"""Altitude: barometric pressure, inspired oxygen, work capacity, and acute mountain sickness, HAPE and HACE.

Pure vectorised functions (scalars or arrays of any broadcastable shape).  Elevations and altitudes are in m,
pressures in kPa (1 Torr = 0.133322 kPa), hazards in day-1 (probability over a night = 1 - exp(-hazard)).

Altitude illness is driven by one state per person, the *acclimatised altitude* A [m]: it starts at the person's
home altitude and is advanced each night by :func:`acclimatised_altitude_step`.  The unacclimatised excess
``x = max(0, h_sleep - max(A, 1500 m))`` sets the nightly hazards :func:`ams_hazard`, :func:`hape_hazard` and
:func:`hace_hazard`, so sleeping altitude, the day's ascent and days spent acclimatising all act through x.  HAPE
needs time at altitude: a second state, the HAPE risk still to come (:func:`hape_onset_step`), delays its onset by
the 2-5 days observed.  Sick people recover at :func:`ams_recovery_hazard`, much faster when they descend.  Engine
sketch, per night::

    h_ams = ams_hazard(sleep_alt, accl_alt)
    h_hape, hape_pending = hape_onset_step(hape_pending, hape_hazard(sleep_alt, accl_alt), descent) ...
    accl_alt = acclimatised_altitude_step(accl_alt, sleep_alt)

Equations that compiled code may also call are written once, in private
functions decorated with ``numba.extending.register_jitable`` (plain NumPy when the public function calls them on
arrays, compiled for scalars inside the kernel) or as ``njit`` scalar cores with a ``vectorize`` wrapper.
"""

from __future__ import annotations

import math

import numpy as np
from numba.extending import register_jitable

from longwalk.models._jit import interp
from longwalk.models._validate import check_finite, check_nonnegative, check_positive, warn_outside

TORR = 0.133322
"""One Torr (mmHg) in kPa."""

WATER_VAPOUR_PRESSURE_37C = 47.0 * TORR
"""Saturated water-vapour pressure at body temperature, 47 Torr [kPa]."""

O2_FRACTION = 0.2094
"""Fraction of oxygen in dry air [-]."""

AMS_THRESHOLD_ALTITUDE = 1500.0
"""Altitude [m] below which the model gives no altitude illness (estimate, chosen with the fit below; AMS is rare
below 2000–2500 m)."""

# Nightly AMS onset hazard (x / s)^k, x the unacclimatised excess [m].  FITTED (least squares on prevalence) to
# Maggiorini M, Bühler B, Walter M, Oelz O (1990) "Prevalence of acute mountain sickness in the Swiss Alps", BMJ
# 301:853–855: 9 % at 2850 m, 13 % at 3050 m, 34 % at 3650 m, 53 % at 4559 m among climbers examined at the huts (the
# abstract does not say whether on the evening of arrival or the next morning), read as the probability after a direct
# ascent and one night (x = h - 1500 m); :data:`AMS_ARRIVAL_SHARE` gives the part of that night seen on arrival.
# Maggiorini's AMS is his clinical score: more than two symptoms and signs (abstract).  On 490 climbers at the same huts
# that score, the AMS-C score >= 0.7 and the Lake Louise score > 4 gave 38, 40 and 39 % at 4559 m (Maggiorini M et al.
# 1998, "Assessment of acute mountain sickness by different score protocols in the Swiss Alps", Aviat Space Environ Med
# 69:1186, abstract; below 4000 m the clinical score counted more: 22 % against 4 and 8 %).  The model's AMS is
# therefore AMS-C >= 0.7, or Lake Louise >= 5, "moderate to severe" AMS; :func:`lake_louise_3_incidence` converts to the
# milder Lake Louise >= 3 most field studies count.

# Same subjects scored by both Lake Louise thresholds: (number, % with LLS >= 3, % with LLS >= 5).
_LLS_SAME_SUBJECTS = (
    # McDevitt M et al. (2014) Wilderness Environ Med 25:152, trekkers crossing a 5400 m pass in Nepal (abstract:
    # 22 % AMS-C >= 0.7, 23 % LLS >= 5, 48 % LLS >= 3 of 332)
    (332, 48.0, 23.0),
    # Xtreme Everest trek to 5300 m (PMC8077104, abstract): 73.5 % LLS >= 3, 50.3 % moderate-severe (>= 5) of 332
    (332, 73.5, 50.3),
    # "Risk determinants of acute mountain sickness and summit success on a 6-day ascent of Mount Kilimanjaro",
    # Wilderness Environ Med (2016) 27:78 (abstract; authors not recorded here): 52.6 % LLS >= 3, 22.9 % >= 5 of 175
    (175, 52.6, 22.9),
)


def _pooled_lls_hazard_ratio() -> float:
    """Ratio of the cumulative hazards ln(1 - P) of LLS >= 3 and LLS >= 5, prevalences pooled over the studies."""
    n = sum(row[0] for row in _LLS_SAME_SUBJECTS)
    p3 = sum(row[0] * row[1] for row in _LLS_SAME_SUBJECTS) / n / 100.0
    p5 = sum(row[0] * row[2] for row in _LLS_SAME_SUBJECTS) / n / 100.0
    return float(np.log1p(-p3) / np.log1p(-p5))


LLS3_HAZARD_RATIO = _pooled_lls_hazard_ratio()
"""Cumulative hazard of AMS by the Lake Louise score >= 3 over that of LLS >= 5 (the model's definition), 2.17, from
839 subjects scored both ways (:data:`_LLS_SAME_SUBJECTS`, pooled; the single studies give 1.90, 2.50 and 2.87)."""
# Same climbers scored on the day of ascent and the next morning (AMS-C >= 0.7): (altitude [m], % on the day of ascent,
# % the next morning).  Berger MM et al. (2023) "Prevalence and knowledge about acute mountain sickness in the Western
# Alps", PLoS ONE 18:e0291060 (PMC10501682, abstract): 1,370 mountaineers at Maggiorini's four huts; at 2,850 and
# 3,050 m the prevalence did not change overnight (3.9 and 3.1 %), so only the two higher huts measure the share.
_ARRIVAL_AND_MORNING = (
    (3650.0, 10.1, 14.5),
    (4559.0, 15.0, 25.2),
)


def _arrival_share() -> float:
    """Mean over the huts of the cumulative hazard ln(1 - P) by the day of ascent over that by the next morning."""
    shares = [np.log1p(-day / 100.0) / np.log1p(-morning / 100.0) for _, day, morning in _ARRIVAL_AND_MORNING]
    return float(np.mean(shares))


AMS_ARRIVAL_SHARE = _arrival_share()
"""Share of the AMS hazard of the first night at a new altitude that has come due when people are scored on the day
of arrival, before that night [-]: 0.62, the mean of 0.68 at 3,650 m and 0.56 at 4,559 m in the same climbers scored
that day and the next morning (Berger et al. 2023, :data:`_ARRIVAL_AND_MORNING`).  :func:`ams_hazard` counts the whole
night (Maggiorini's 1990 abstract, to which it is fitted, says the climbers were examined at the huts, not whether on
the evening of arrival or the next morning; the model reads his figures as a night); a study that scored people on
arrival, before their first night at the altitude, counts this share of it."""
AMS_SCALE = 3387.0
"""Scale s of the AMS hazard [m] (fitted to Maggiorini 1990)."""
AMS_SHAPE = 2.314
"""Shape k of the AMS hazard [-] (fitted to Maggiorini 1990)."""

# HAPE and HACE: same form, steeper (shape twice the AMS shape — an estimate: both are rare below ~3000 m), scaled so
# that five nights after a direct ascent to 4559 m give 6 % HAPE and 0.75 % HACE, the figures for unselected
# mountaineers at 4500 m in Schommer K, Bärtsch P (2011) Dtsch Arztebl Int 108:839–848 (HACE 0.5–1 %, HAPE 6 %;
# Maggiorini 1990 found 11 of 209 with HAPE and/or HACE at 4559 m).
HAPE_SHAPE = 2.0 * AMS_SHAPE
"""Shape of the HAPE and HACE hazards [-] (estimate: twice the AMS shape)."""
HAPE_SCALE = 6085.0
"""Scale of the HAPE hazard [m] (fitted: 6 % after 5 nights following a direct ascent to 4559 m, the onset delayed by
:func:`hape_onset_kernel`; refitted from 5640 when acclimatisation became rate-limited, and from 6412 when the onset
delay was added)."""
HACE_SCALE = 10108.0
"""Scale of the HACE hazard [m] (fitted: 0.75 % after 5 nights following a direct ascent to 4559 m; refitted from
8890 when acclimatisation became rate-limited)."""

ACCLIMATISATION_RATE = 400.0
"""Rise of the acclimatised altitude per night spent higher [m day-1], the most the body keeps up with — from the
Wilderness Medical Society guideline (Luks AM et al. 2019, Wilderness Environ Med 30(4S):S3–S18: above 3000 m sleep
no more than 500 m higher each night, with a rest day every 3–4 days, i.e. 375–400 m day-1 on average).  The
traditional guidelines quoted by Burtscher et al. (2022, J Sci Sport Exerc 4:331: 500 m a day above 2500 m with a
rest day every further 1000–1500 m, 333–375 m day-1) and the Medex booklet (Travel at High Altitude: 300 m a night
above 3000 m, a rest day every 2–3 days, ~225 m day-1) are slower; the guideline of record is used."""
DEACCLIMATISATION_TIME = 14.0
"""Time constant [day] with which acclimatisation is lost below the acclimatised altitude — estimate (acclimatisation
is largely lost within 2–3 weeks at low altitude)."""
# HAPE onset delay.  Hultgren HN, Honigman B, Theis K, Nicholas D (1996) "High-altitude pulmonary edema at a ski
# resort", West J Med 164:222-227 (abstract): 150 patients at a Colorado ski area at 2,928 m, mean time to the onset of
# symptoms 3 +/- 1.3 days after arrival.  The reviews say the same in words: HAPE usually develops 2-5 days after
# arrival, rarely on the first night and rarely after a week at the same altitude (Bärtsch P, Swenson ER 2013, N Engl J
# Med 368:2294; Schommer & Bärtsch 2011, as quoted from memory here) -- the normal 3 +/- 1.3 days puts 6 % of onsets in
# the first 24 h and 1 % after the sixth day.
HAPE_ONSET_MEAN = 3.0
"""Mean time from arrival at altitude to the onset of HAPE [day] (Hultgren et al. 1996: 3 ± 1.3 days, n = 150)."""
HAPE_ONSET_SD = 1.3
"""Standard deviation of the time from arrival to the onset of HAPE [day] (Hultgren et al. 1996)."""
HAPE_ONSET_NIGHTS = 7
"""Nights over which a night's HAPE risk is spread by :func:`hape_onset_kernel` [-]: the seventh takes every onset
later than six days (1 % of them)."""

AMS_RECOVERY_RATE = 0.5
"""Daily rate [day-1] at which AMS resolves with rest at the same altitude (estimate: symptoms resolve in 1–3 days,
Luks et al. 2019 WMS guideline)."""
AMS_RECOVERY_DESCENT_SCALE = 300.0
"""Descent [m] that multiplies the recovery rate by e (estimate: WMS guideline, descent of 300–1000 m usually relieves
symptoms)."""

# VO2max at altitude relative to sea level, interpolated linearly between published points: no decline up to 300 m;
# -6.3 % per 1000 m from 300 to 2800 m (Wehrlin JP, Hallén J 2006, Eur J Appl Physiol 96:404–412); ≈ 50 % at 5300 m
# (MacInnis MJ et al. 2015, Med Sci Sports Exerc 47:1869, acute exposure); 28 % at 8848 m (Operation Everest II:
# 15.3 mL kg-1 min-1 at the simulated summit, 28 % of the sea-level value — Wagner PD 2010, High Alt Med Biol 11:111).
_VO2MAX_ALTITUDES = np.array([300.0, 2800.0, 5300.0, 8848.0])
_VO2MAX_FRACTIONS = np.array([1.0, 1.0 - 0.063 * 2.5, 0.50, 0.28])


def barometric_pressure(elevation):
    """Barometric pressure at an elevation, West's model atmosphere.

    Equation: ``PB = exp(6.63268 - 0.1112 h - 0.00149 h²)`` Torr with h in km, returned in kPa.

    Reference: West JB (1996) "Prediction of barometric pressures at high altitudes with the use of model
    atmospheres", J Appl Physiol 81:1850–1854 (fitted to measurements on high mountains at low and middle latitudes;
    253 Torr on the summit of Everest).  Valid range: -500 … 9000 m; a ``ModelRangeWarning`` is issued outside.

    Parameters
    ----------
    elevation : array_like
        Height above mean sea level [m].

    Returns
    -------
    numpy.ndarray
        Barometric pressure [kPa].

    Examples
    --------
    Sea level: exp(6.63268) = 759.5 Torr = 101.3 kPa:

    >>> round(float(barometric_pressure(0.0) / TORR), 1)
    759.5
    """
    h = check_finite("elevation", elevation)
    warn_outside("elevation", h, -500.0, 9000.0, "West 1996 model atmosphere")
    return _west_pressure(h)


@register_jitable
def _west_pressure(elevation):
    """West 1996 barometric pressure [kPa]."""
    km = elevation / 1000.0
    return np.exp(6.63268 - 0.1112 * km - 0.00149 * km**2) * TORR


def inspired_oxygen_pressure(barometric_pressure):
    """Partial pressure of oxygen in moist inspired air.

    Equation: ``PIO2 = 0.2094 (PB - 47 Torr)`` (air saturated with water vapour at 37 °C).

    Reference: standard respiratory physiology, as in West 1996 (J Appl Physiol 81:1850).

    Parameters
    ----------
    barometric_pressure : array_like
        Barometric pressure [kPa].

    Returns
    -------
    numpy.ndarray
        Inspired PO2 [kPa].

    Examples
    --------
    At sea level, 0.2094 · (760 - 47) = 149.3 Torr:

    >>> round(float(inspired_oxygen_pressure(760.0 * TORR) / TORR), 1)
    149.3
    """
    pb = check_positive("barometric_pressure", barometric_pressure)
    return O2_FRACTION * np.maximum(pb - WATER_VAPOUR_PRESSURE_37C, 0.0)


# VO2max at altitude of untrained lowlanders: no decline up to 1500 m ('VO2peak of sedentary subjects is not affected
# by altitudes below 1500 m', Terrados et al. 1985 and Gore et al. 1996 as quoted by Marconi et al. 2004, Fig. 1);
# -31 % after four weeks at 5050 m (Marconi C, Marzorati M, Cerretelli P et al. 2004, 'Second generation Tibetan
# lowlanders acclimatize to high altitude more quickly than Caucasians', J Physiol, PMC1664949 (volume and pages
# 556:661 from memory), abstract: untrained Caucasians -31 %, trained ones -46 %, at the Pyramid laboratory); the
# summit point shared with the trained (ESTIMATE: Operation Everest II is the only summit value).
_VO2MAX_ALTITUDES_UNTRAINED = np.array([1500.0, 5050.0, 8848.0])
_VO2MAX_FRACTIONS_UNTRAINED = np.array([1.0, 1.0 - 0.31, 0.28])


def vo2max_altitude_factor(elevation, training=1.0):
    """VO2max at an altitude as a fraction of its sea-level value, for the endurance-trained and the untrained.

    Equation: ``f = f_U(h) + τ · (f_T(h) - f_U(h))``, both curves linear between published points:

    - trained, ``f_T``: 1.0 up to 300 m; 0.8425 at 2800 m (-6.3 % per 1000 m, Wehrlin & Hallén 2006, Eur J Appl
      Physiol 96:404–412, endurance athletes); 0.50 at 5300 m (MacInnis et al. 2015, Med Sci Sports Exerc 47:1869);
      0.28 at 8848 m (Operation Everest II, 15.3 mL kg-1 min-1 at the simulated summit: Wagner PD 2010, High Alt Med
      Biol 11:111).  At 5050 m this gives 0.534, the trained Caucasians' -46 % of Marconi et al. 2004.
    - untrained, ``f_U``: 1.0 up to 1500 m (sedentary people lose nothing below it: Terrados 1985, Gore 1996, as
      quoted by Marconi et al. 2004); 0.69 at 5050 m (Marconi et al. 2004, J Physiol, PMC1664949: untrained Caucasians
      -31 % after four weeks at 5050 m); 0.28 at 8848 m (the trained curve's point: ESTIMATE).

    The fitter lose more: the decrement in hypoxia 'was linearly correlated with the subjects' normoxic VO2 max (r =
    -0.91)' in eight highly trained (67 mL kg-1 min-1) and eight untrained (45) men (Martin D, O'Kroy J 1993, J
    Sports Sci 11:37, abstract; also Lawler J, Powers SK, Thompson D 1988, 'Linear relationship between VO2max and
    VO2max decrement during exposure to acute hypoxia', J Appl Physiol 64:1486, by its title); trained runners lost
    26 % at 4000 m (Buskirk et al. 1967, J Appl Physiol 23:259, where ``f_T`` gives 32 %).  τ (``training``,
    models.walking.endurance_training: linear in the z-score, so in VO2max, within a sex and age; 0 at the median, 1
    at the 99th percentile) places the person between the curves; ESTIMATE: that the studies' untrained stand at the
    median of their age and the trained at the endurance athletes' top percent.  Acclimatisation is not in it: it
    restores little of VO2max (Fulco et al. 1998, Aviat Space Environ Med 69:793, as quoted), and Marconi's points
    are after four weeks, the others acute.  The default τ = 1 is the trained curve.  Valid range: 0–8848 m; held at
    0.28 above with a ``ModelRangeWarning``.

    Parameters
    ----------
    elevation : array_like
        Altitude at which the person works [m].
    training : array_like
        Endurance training τ [-], 0 (untrained) to 1 (endurance-trained).

    Returns
    -------
    numpy.ndarray
        Multiplier on sea-level VO2max [-].

    Examples
    --------
    At 1300 m the trained lose 6.3 % per 1000 m above 300 m, 1 - 0.063 · 1.0 = 0.937; the untrained nothing:

    >>> round(float(vo2max_altitude_factor(1300.0)), 3), float(vo2max_altitude_factor(1300.0, 0.0))
    (0.937, 1.0)

    At 5050 m, Marconi's untrained 0.69; halfway trained, halfway to the trained 0.534: (0.69 + 0.534) / 2 = 0.612:

    >>> round(float(vo2max_altitude_factor(5050.0, 0.0)), 3), round(float(vo2max_altitude_factor(5050.0, 0.5)), 3)
    (0.69, 0.612)
    """
    h = check_finite("elevation", elevation)
    tau = check_finite("training", training)
    if np.any((tau < 0.0) | (tau > 1.0)):
        raise ValueError(f"training must be between 0 and 1, got {tau!r}")
    warn_outside("elevation", h, -500.0, 8848.0, "VO2max-altitude points (Wehrlin 2006, MacInnis 2015, OEII)")
    return _vo2max_altitude_training(h, tau)


@register_jitable
def _vo2max_altitude(elevation):
    """VO2max fraction at altitude of the endurance-trained [-], linear between the published points."""
    return interp(elevation, _VO2MAX_ALTITUDES, _VO2MAX_FRACTIONS)


@register_jitable
def _vo2max_altitude_training(elevation, training):
    """VO2max fraction at altitude [-] between the untrained and the trained curves by the training τ."""
    untrained = interp(elevation, _VO2MAX_ALTITUDES_UNTRAINED, _VO2MAX_FRACTIONS_UNTRAINED)
    return untrained + training * (_vo2max_altitude(elevation) - untrained)


def unacclimatised_excess(sleeping_altitude, acclimatised_altitude):
    """Sleeping altitude above what the person is acclimatised to: the dose that drives altitude illness.

    Equation: ``x = max(0, h - max(A, 1500 m))``; below :data:`AMS_THRESHOLD_ALTITUDE` = 1500 m (estimate) there is
    no dose.

    Parameters
    ----------
    sleeping_altitude : array_like
        Altitude where the person sleeps tonight [m].
    acclimatised_altitude : array_like
        Person's acclimatised altitude A [m], from :func:`acclimatised_altitude_step`.

    Returns
    -------
    numpy.ndarray
        Unacclimatised excess [m].

    Examples
    --------
    A lowlander sleeping at 3650 m: 3650 - 1500 = 2150 m; acclimatised to 3400 m: 250 m:

    >>> float(unacclimatised_excess(3650.0, 200.0)), float(unacclimatised_excess(3650.0, 3400.0))
    (2150.0, 250.0)
    """
    h = check_finite("sleeping_altitude", sleeping_altitude)
    a = check_finite("acclimatised_altitude", acclimatised_altitude)
    return _unacclimatised_excess(h, a)


@register_jitable
def _unacclimatised_excess(sleeping_altitude, acclimatised_altitude):
    """Sleeping altitude above max(A, 1500 m) [m]."""
    return np.maximum(sleeping_altitude - np.maximum(acclimatised_altitude, AMS_THRESHOLD_ALTITUDE), 0.0)


# Endurance before acclimatisation.  Bradbury KE, Berryman CE, Wilson MA, Luippold AJ, Kenefick RW, Young AJ,
# Pasiakos SM (2020) 'Effects of carbohydrate supplementation on aerobic exercise performance during acute high
# altitude exposure and after 22 days of acclimatization and energy deficit', J Int Soc Sports Nutr 17,
# doi:10.1186/s12970-020-0335-2, abstract: fourteen unacclimatised men walked 80 min and then ran a self-paced 2-mile
# time trial at sea level, 'after ~ 5 h of acute HA exposure' at 4300 m and 'after 22 days of HA acclimatization':
# 17.6 +/- 3.6, 27.3 +/- 6.3 and 23.6 +/- 4.5 min.  VO2max at altitude does not rise with the stay (Fulco CS, Rock PB,
# Cymerman A 1998, Aviat Space Environ Med 69:793, abstract: it 'does not improve with extended exposure', while
# 'submaximal exercise performance at altitude can improve with continued exposure without an increase in VO2max'),
# so the acute walker holds 23.6 / 27.3 = 0.864 of the fraction of the same VO2max that the acclimatised one holds.
ACCLIMATISATION_ENDURANCE_LOSS = (1.0 - 23.6 / 27.3) / (4300.0 - AMS_THRESHOLD_ALTITUDE)
"""Loss of the sustainable fraction of VO2max per metre of unacclimatised excess [m-1], 4.84e-5: FITTED to Bradbury
et al. 2020 (above): 1 - 23.6/27.3 at the excess of a lowlander arriving at 4300 m, 4300 - 1500 = 2800 m."""


def unacclimatised_endurance_factor(elevation, acclimatised_altitude):
    """Share of the acclimatised walker's sustainable fraction of VO2max that a walker holds for hours at an altitude
    they are not yet acclimatised to.

    Equation: ``m = 1 - k · x``, ``x = max(0, h - max(A, 1500 m))`` the unacclimatised excess of the working altitude
    h (:func:`unacclimatised_excess`), k = 4.84e-5 m-1 (:data:`ACCLIMATISATION_ENDURANCE_LOSS`, FITTED to Bradbury et
    al. 2020: a self-paced time trial at 4300 m took 27.3 min ~5 h after arrival and 23.6 min after 22 days, so 0.864
    at x = 2800 m).  The sustainable fraction of VO2max (models.walking.sustainable_vo2max_fraction) is multiplied by
    m; VO2max itself (:func:`vo2max_altitude_factor`) does not change with acclimatisation (Fulco, Rock & Cymerman
    1998, Aviat Space Environ Med 69:793, abstract), so the whole gain in submaximal endurance with the days at
    altitude is the fraction's.

    ESTIMATES: that the fully acclimatised walker holds the sea-level fraction (m = 1 at x = 0, the model's fraction
    of the altitude VO2max as before this factor); that m is linear in the excess, with the excess measured as for
    altitude illness (the one study altitude is 4300 m); that a time trial of 25 min after an 80-min walk stands for
    a day's march (a 720-kJ cycle time trial of 1.5-1.75 h at 4300 m gained as much between days 3 and 10: Fulco et
    al. 2005, validation case pace-fulco-2005-acclimatisation-time-trial).  Bradbury's men were also in a 40 %
    energy deficit for the 22 days, which may hide part of the gain.  Valid range: excess 0-2800 m (the data); a
    ``ModelRangeWarning`` above, where the line is extrapolated.

    Parameters
    ----------
    elevation : array_like
        Altitude at which the person works [m].
    acclimatised_altitude : array_like
        Person's acclimatised altitude A [m] (:func:`acclimatised_altitude_step`).

    Returns
    -------
    numpy.ndarray
        Multiplier on the sustainable fraction of VO2max [-], 1 when acclimatised.

    Examples
    --------
    A lowlander on arrival at 4300 m: x = 4300 - 1500 = 2800 m, m = 1 - 2800 · (1 - 23.6/27.3) / 2800 = 23.6/27.3
    = 0.864; after two nights there (A = 1500 + 2 · 400 = 2300 m): x = 2000 m, m = 1 - 2000 · 4.8404e-5 = 0.903;
    acclimatised to 4670 m and working there, 1:

    >>> round(float(unacclimatised_endurance_factor(4300.0, 200.0)), 3)
    0.864
    >>> round(float(unacclimatised_endurance_factor(4300.0, 2300.0)), 3)
    0.903
    >>> float(unacclimatised_endurance_factor(4670.0, 4670.0))
    1.0
    """
    h = check_finite("elevation", elevation)
    a = check_finite("acclimatised_altitude", acclimatised_altitude)
    x = _unacclimatised_excess(h, a)
    warn_outside("unacclimatised excess", x, 0.0, 2800.0, "endurance before acclimatisation (Bradbury 2020, 4300 m)")
    return _unacclimatised_endurance(x)


@register_jitable
def _unacclimatised_endurance(excess):
    """Multiplier on the sustainable fraction of VO2max [-] from the unacclimatised excess [m], not below 0."""
    return np.maximum(1.0 - ACCLIMATISATION_ENDURANCE_LOSS * excess, 0.0)


@register_jitable
def _ams(excess):
    """Nightly AMS onset hazard [day-1] from the unacclimatised excess [m]."""
    return (excess / AMS_SCALE) ** AMS_SHAPE


def ams_hazard(sleeping_altitude, acclimatised_altitude):
    """Nightly hazard of the onset of acute mountain sickness (AMS).

    Equation: ``λ = (x / s)^k`` with x from :func:`unacclimatised_excess`, s = 3387 m, k = 2.314, fitted to the
    prevalence at four Swiss huts (Maggiorini et al. 1990, BMJ 301:853: 9, 13, 34, 53 % at 2850, 3050, 3650, 4559 m)
    read as the probability after a direct ascent and one night.  Other surveys of the Alps bracket it: 6.9–38 % at
    2200–3500 m in the Eastern Alps ("Prevalence of acute mountain sickness in the Eastern Alps",
    High Alt Med Biol 2009, 10:239) and 2–25 % at the same four
    huts in 2023 (PMC10501682).  Valid range: sleeping altitude up to 6000 m (estimate; the fit stops at 4559 m); a
    ``ModelRangeWarning`` is issued above.

    Parameters
    ----------
    sleeping_altitude : array_like
        Altitude where the person sleeps tonight [m].
    acclimatised_altitude : array_like
        Person's acclimatised altitude [m].

    Returns
    -------
    numpy.ndarray
        Hazard of AMS onset tonight [day-1].

    Examples
    --------
    A lowlander's first night at 4559 m: (3059/3387)^2.314 = 0.790, i.e. 1 - e^-0.790 = 55 % (published 53 %):

    >>> round(float(ams_hazard(4559.0, 200.0)), 3)
    0.79
    """
    x = unacclimatised_excess(sleeping_altitude, acclimatised_altitude)
    warn_outside("sleeping_altitude", sleeping_altitude, None, 6000.0, "AMS hazard fitted to Maggiorini 1990")
    return _ams(x)


def hape_hazard(sleeping_altitude, acclimatised_altitude):
    """HAPE risk a night at altitude carries: the cumulative hazard of high-altitude pulmonary oedema it causes.

    Equation: ``λ = (x / s)^k`` with s = 6085 m, k = 4.63 (twice the AMS shape — an estimate).  The risk does not
    come due that night: :func:`hape_onset_step` spreads it over that and the following nights as HAPE's onset 3 ± 1.3
    days after arrival (:func:`hape_onset_kernel`, Hultgren et al. 1996), and descent cancels what has not come due.
    The scale is fitted so that five nights after a direct ascent to 4559 m (with :func:`acclimatised_altitude_step`
    and that delay) give 6 % HAPE, the incidence in unselected mountaineers at 4500 m (Schommer K, Bärtsch P 2011,
    Dtsch Arztebl Int 108:839).  Over the usual Everest trek (fly-in to Lukla, on to Gorak Shep, 5,160 m) it gives
    0.09-0.11 %, within the 0.03-0.17 % of Everest-region trekkers evacuated to Kathmandu with HAPE in 1999-2005
    (Leshem E et al. 2008, J Travel Med 15:315), a lower bound; Hackett's 2.5 % of 278 trekkers at Pheriche
    (Hackett et al. 1976, Lancet 2:1149) and the pilgrims' nil at Gosainkund (4,380 m, HRA camp 2014) cannot both be
    matched by any hazard that rises with altitude and falls with acclimatisation, with this onset delay (validation
    case altitude-hackett-1976-pheriche-hape).  Valid range as :func:`ams_hazard`.

    Parameters
    ----------
    sleeping_altitude : array_like
        Altitude where the person sleeps tonight [m].
    acclimatised_altitude : array_like
        Person's acclimatised altitude [m].

    Returns
    -------
    numpy.ndarray
        HAPE risk of tonight's exposure [day-1], due over the following nights.

    Examples
    --------
    A lowlander's first night at 4559 m: (3059/6085)^4.628 = 0.0415:

    >>> round(float(hape_hazard(4559.0, 200.0)), 4)
    0.0415
    """
    x = unacclimatised_excess(sleeping_altitude, acclimatised_altitude)
    warn_outside("sleeping_altitude", sleeping_altitude, None, 6000.0, "HAPE hazard (Schommer & Bärtsch 2011)")
    return (x / HAPE_SCALE) ** HAPE_SHAPE


def hape_onset_kernel(nights=HAPE_ONSET_NIGHTS):
    """Share of a night's HAPE risk that comes due on that night and on each following night: the onset-time kernel.

    Equation: the onset time T after arrival is normal with mean 3 days and SD 1.3 days (Hultgren HN et al. 1996, West
    J Med 164:222: 150 cases at 2,928 m); night j after arrival (j = 1 the night of arrival) takes the onsets with
    ``j - 1 < T <= j``::

        f_1 = Φ((1 - μ) / σ)          f_j = Φ((j - μ) / σ) - Φ((j - 1 - μ) / σ)          f_n = 1 - Φ((n - 1 - μ) / σ)

    so the first night also takes the normal's tail below zero and the last every later onset; the shares sum to 1.
    Read as the timing of the risk a night at a given excess carries when the excess stays as it is (for a rare
    illness the onset density is proportional to the hazard), it reproduces the source's mean and spread.  With
    acclimatisation (:func:`acclimatised_altitude_step`) the excess shrinks night by night while each later night adds
    its own delayed risk: lowlanders staying at 2,928 m then start HAPE 3.2 ± 1.4 days after arrival, and after a
    direct ascent to 4,559 m three quarters of the onsets fall on nights 2-5, 3 % on the first.  Valid range: the
    source is a Colorado ski resort; applying the same timing at every altitude is an assumption.

    Parameters
    ----------
    nights : int
        Number of nights n the risk is spread over [-] (at least 1).

    Returns
    -------
    numpy.ndarray
        Shares f_1 … f_n [-], shape (n,).

    Examples
    --------
    The night of arrival: Φ((1 - 3) / 1.3) = Φ(-1.54) = 0.062; the third night: Φ(0) - Φ(-0.77) = 0.5 - 0.221 = 0.279:

    >>> f = hape_onset_kernel()
    >>> round(float(f[0]), 3), round(float(f[2]), 3), round(float(f.sum()), 6)
    (0.062, 0.279, 1.0)
    """
    n = int(nights)
    if n < 1:
        raise ValueError(f"nights = {nights} must be at least 1")
    edges = (np.arange(1, n) - HAPE_ONSET_MEAN) / HAPE_ONSET_SD
    cdf = np.array([0.5 * (1.0 + math.erf(z / math.sqrt(2.0))) for z in edges])
    return np.diff(np.concatenate(([0.0], cdf, [1.0])))


_HAPE_KERNEL = hape_onset_kernel()


def hape_onset_step(pending, hazard, descent):
    """HAPE onset hazard tonight, and the risk still to come, from tonight's HAPE risk and the risk carried in.

    Each night at an unacclimatised excess carries the HAPE risk :func:`hape_hazard`, which comes due over that and the
    following nights in the shares of :func:`hape_onset_kernel` (Hultgren et al. 1996: onset 3 ± 1.3 days after
    arrival), so HAPE needs time at altitude.  Descent takes it away: the risk carried in shrinks by
    ``exp(-d / 300 m)`` for a descent d since the previous night (the constant of :func:`ams_recovery_hazard`; WMS
    guideline, Luks et al. 2019: descent of 300–1000 m usually relieves altitude illness — an estimate for HAPE's
    precursor).  Equations, with p the pending risk of tonight and the following n - 1 nights::

        p ← p exp(-d / 300 m) + λ f          tonight = p_1          p ← (p_2, …, p_n, 0)

    Parameters
    ----------
    pending : array_like
        Risk carried in [day-1], shape (..., n) with n = :data:`HAPE_ONSET_NIGHTS`: element j is due on the (j+1)-th
        night from tonight (zeros at the start of a journey).
    hazard : array_like
        Tonight's HAPE risk λ from :func:`hape_hazard` [day-1], shape (...).
    descent : array_like
        Fall in sleeping altitude since the previous night [m], shape (...); a rise counts as 0.

    Returns
    -------
    tonight : numpy.ndarray
        Hazard of HAPE onset tonight [day-1], shape (...).
    pending : numpy.ndarray
        Risk carried into tomorrow night [day-1], shape (..., n).

    Examples
    --------
    A first night with λ = 0.1: 0.1 f_1 = 0.0062 comes due tonight, 0.1 f_2 = 0.0159 tomorrow; a 300 m descent then
    leaves e^-1 of tomorrow's share, 0.0159 / e = 0.0058:

    >>> tonight, p = hape_onset_step(np.zeros(7), 0.1, 0.0)
    >>> round(float(tonight), 4), round(float(p[0]), 4)
    (0.0062, 0.0159)
    >>> round(float(hape_onset_step(p, 0.0, 300.0)[0]), 4)
    0.0058
    """
    p = check_nonnegative("pending", pending)
    lam = check_nonnegative("hazard", hazard)
    d = check_finite("descent", descent)
    if p.shape[-1:] != (HAPE_ONSET_NIGHTS,):
        raise ValueError(f"pending must end in an axis of {HAPE_ONSET_NIGHTS} nights, got shape {p.shape}")
    keep = np.exp(-np.clip(d, 0.0, 2000.0) / AMS_RECOVERY_DESCENT_SCALE)
    p = p * keep[..., None] + lam[..., None] * _HAPE_KERNEL
    out = np.zeros(p.shape)
    out[..., :-1] = p[..., 1:]
    return p[..., 0], out


def hace_hazard(sleeping_altitude, acclimatised_altitude):
    """Nightly hazard of the onset of high-altitude cerebral oedema (HACE).

    Equation: ``λ = (x / s)^k`` with s = 10108 m, k = 4.63, scaled so that five nights after a direct ascent to 4559 m
    give 0.75 % HACE (0.5–1 % in unselected mountaineers at 4500 m, Schommer & Bärtsch 2011).  Valid range as
    :func:`ams_hazard`.

    Parameters
    ----------
    sleeping_altitude : array_like
        Altitude where the person sleeps tonight [m].
    acclimatised_altitude : array_like
        Person's acclimatised altitude [m].

    Returns
    -------
    numpy.ndarray
        Hazard of HACE onset tonight [day-1].

    Examples
    --------
    A lowlander's first night at 4559 m: (3059/10108)^4.628 = 0.0040:

    >>> round(float(hace_hazard(4559.0, 200.0)), 4)
    0.004
    """
    x = unacclimatised_excess(sleeping_altitude, acclimatised_altitude)
    warn_outside("sleeping_altitude", sleeping_altitude, None, 6000.0, "HACE hazard (Schommer & Bärtsch 2011)")
    return (x / HACE_SCALE) ** HAPE_SHAPE


def acclimatised_altitude_step(acclimatised_altitude, sleeping_altitude, days=1.0):
    """Advance a person's acclimatised altitude after ``days`` nights at ``sleeping_altitude``.

    Equations, with A' = max(A, 1500 m) and x = h - A'::

        h >  A':  A ← A' + min(x, r Δt)                                   r = 400 m day-1
        h <= A:   A ← h + (A - h) exp(-Δt / τ_d)                          τ_d = 14 days

    Acclimatisation is rate-limited: whatever the excess, the body gains at most r a day (ventilatory acclimatisation
    takes days to weeks; the guideline rate of ascent, :data:`ACCLIMATISATION_RATE`, is the pace it keeps up with).
    Climbing faster leaves an excess that drives :func:`ams_hazard` and persists until rest days at the same altitude
    absorb it; acclimatisation decays slowly after descent (:data:`DEACCLIMATISATION_TIME`, an estimate).  After a
    direct ascent the nightly hazard falls as the excess shrinks, so most cases start in the first three nights
    (physiology.md §5.2: 90 % within 72 h).

    Parameters
    ----------
    acclimatised_altitude : array_like
        Acclimatised altitude before the night [m] (initially the home altitude).
    sleeping_altitude : array_like
        Altitude slept at [m].
    days : float
        Number of nights [day].

    Returns
    -------
    numpy.ndarray
        Acclimatised altitude after the night [m].

    Examples
    --------
    A lowlander's first night at 3650 m: A = 1500 + 400 = 1900 m; one night at 3650 m when acclimatised to 3400 m
    completes acclimatisation:

    >>> float(acclimatised_altitude_step(200.0, 3650.0))
    1900.0
    >>> float(acclimatised_altitude_step(3400.0, 3650.0))
    3650.0
    """
    a = check_finite("acclimatised_altitude", acclimatised_altitude)
    h = check_finite("sleeping_altitude", sleeping_altitude)
    dt = check_nonnegative("days", days)
    base = np.maximum(a, AMS_THRESHOLD_ALTITUDE)
    x = h - base
    up = base + np.minimum(x, ACCLIMATISATION_RATE * dt)
    down = h + (a - h) * np.exp(-dt / DEACCLIMATISATION_TIME)
    return np.where(x > 0.0, up, np.where(h <= a, down, h))


def lake_louise_3_incidence(incidence):
    """Incidence of AMS by the Lake Louise score >= 3 from the model's incidence (AMS-C >= 0.7, LLS >= 5).

    Equation: ``P3 = 1 - (1 - P)^r`` with r = :data:`LLS3_HAZARD_RATIO` = 2.17: the milder threshold is crossed with a
    cumulative hazard r times the model's, r pooled from 839 people scored by both thresholds (McDevitt et al. 2014,
    Wilderness Environ Med 25:152; Xtreme Everest, PMC8077104; a 6-day Kilimanjaro ascent, Wilderness Environ Med
    2016 27:78).  That one ratio holds at every dose (proportional hazards) is an assumption; the three studies, at
    5300–5895 m, give 1.9–2.9.  Valid range: ascents above ~3500 m (Maggiorini 1998 found the clinical score the
    hazard is fitted to equal to LLS >= 5 at 4559 m, not below 4000 m).

    Parameters
    ----------
    incidence : array_like
        Probability of AMS as the model counts it (from :func:`ams_hazard`) [-].

    Returns
    -------
    numpy.ndarray
        Probability of AMS by the Lake Louise score >= 3 [-].

    Examples
    --------
    10 % by the model's definition: 1 - 0.9^2.166 = 20.4 % by LLS >= 3 (pooled, 33.8 % with LLS >= 5 had 59.1 % with
    LLS >= 3):

    >>> round(float(lake_louise_3_incidence(0.1)), 3)
    0.204
    """
    p = check_finite("incidence", incidence)
    return 1.0 - (1.0 - np.clip(p, 0.0, 1.0)) ** LLS3_HAZARD_RATIO


def ams_recovery_hazard(descent):
    """Daily hazard that a person's acute mountain sickness resolves, given how far they descended that day.

    Equation: ``λ = 0.5 exp(d / 300 m)`` [day-1]: with rest at the same altitude AMS lasts ~2 days on average; a
    descent of 300 m makes recovery e times faster and 1000 m all but certain within a day.

    Reference: Luks AM et al. (2019) Wilderness Medical Society clinical practice guidelines for the prevention and
    treatment of acute altitude illness, Wilderness Environ Med 30(4S):S3–S18 (symptoms resolve in 1–3 days at the
    same altitude; descent of 300–1000 m usually relieves them).  The constants are estimates.  Valid range: descent
    0–2000 m; negative values (ascent) are treated as 0.

    Parameters
    ----------
    descent : array_like
        Fall in sleeping altitude since the previous night [m].

    Returns
    -------
    numpy.ndarray
        Recovery hazard [day-1].

    Examples
    --------
    Resting at the same altitude: 0.5 per day (mean duration 2 days):

    >>> float(ams_recovery_hazard(0.0))
    0.5
    """
    d = check_finite("descent", descent)
    return AMS_RECOVERY_RATE * np.exp(np.clip(d, 0.0, 2000.0) / AMS_RECOVERY_DESCENT_SCALE)
