"""Other hazards of the road, and what the land gives: injuries, falls, illness, getting lost; foraging, water points.

Every hazard is a daily rate [day-1]; the probability of the event over the day is 1 - exp(-hazard), drawn by the
engine with its own generator.  Few of these have a published rate that fits a party of escapees; where a number
is an estimate, the docstring says so and gives its basis.  physiology.md §6 figures are tagged [M] there and
are used here as estimates.

Equations that compiled code may also call are written once, in private
functions decorated with ``numba.extending.register_jitable`` (plain NumPy when the public function calls them on
arrays, compiled for scalars inside the kernel) or as ``njit`` scalar cores with a ``vectorize`` wrapper.
"""

from __future__ import annotations

import numpy as np
from numba.extending import register_jitable

from longwalk.models._jit import where
from longwalk.models._validate import (
    check_finite,
    check_fraction,
    check_nonnegative,
    check_positive,
    check_temperature,
    warn_outside,
)

__all__ = [
    "TUNDRA",
    "TAIGA",
    "STEPPE",
    "DESERT",
    "ALPINE",
    "TEMPERATE_FOREST",
    "BIOMES",
    "GATHER",
    "HUNT",
    "FISH",
    "WATER_POINT_FAILURE",
    "BLISTER_SHARE",
    "BLISTER_HARDENING_DISTANCE",
    "MARCH_INJURY_PER_KM",
    "SERIOUS_INJURY_SHARE",
    "SERIOUS_INJURY_DAYS",
    "MAXIMAL_MARCH_EFFORT",
    "INJURY_EFFORT_EXPONENT",
    "blister_hardening",
    "injury_hazard",
    "march_injury_effort_factor",
    "fall_hazard",
    "waterborne_illness_hazard",
    "exhaustion_illness_hazard",
    "lost_hazard",
    "foraging_return_rate",
    "biome_from_climate",
    "water_point_spacing",
    "water_point_probability",
    "encounter_count",
]

BLISTER_SHARE = 0.48
"""Share of the march injury rate of feet new to the march that is foot blisters [-]: 48 % of the injuries on
Reynolds et al.'s (1999) 161 km march were blisters (Prev Med 28:167, abstract), the most common injury on Knapik et
al.'s (1992) too (35 %).  A share of the injuries is taken for the same share of the rate (ESTIMATE).  Only this
share hardens (:func:`blister_hardening`); no source found gives the time course of the rest (foot pain, sprains,
stress injuries)."""

# Lipman et al.'s (2016) blisters on RacingThePlanet's 2014 six-stage races: 106 of 128 runners (83 %) blistered, 94
# of their 117 blisters (80 %) by the end of stage 2; most had one blister (78 %), so the blisters' timing is taken
# for the first blisters'.  Stages 1-2 cover about 80 of the 250 km (ESTIMATE: the races' usual format of four
# stages of about 40 km, a long stage of about 80 km and a short last one; the stage lengths are not in the abstract).
_PRE_TAPED_II = dict(by_stage_2=94.0 / 117.0, blistered=106.0 / 128.0, stage_2_km=80.0, race_km=250.0)


def _blister_hardening(walked_km, distance_km, hardening_km):
    """Mean factor on the blister rate per km over ``distance_km`` walked after ``walked_km`` [-]: exp(-x / L)
    averaged over the day; at a day of no distance, its value at ``walked_km``."""
    start = np.exp(-walked_km / hardening_km)
    d = np.where(distance_km > 0.0, distance_km, 1.0)  # expm1: no cancellation on short days
    return start * np.where(distance_km > 0.0, -np.expm1(-d / hardening_km) * hardening_km / d, 1.0)


def _share_blistered_by_stage_2(hardening_km, by=_PRE_TAPED_II):
    """Of the runners blistered over the whole race, the share blistered by the end of stage 2 [-], for blister
    rates per km falling as exp(-x / hardening_km) and the race's total share blistered."""
    total = by["race_km"] * _blister_hardening(0.0, by["race_km"], hardening_km)
    early = by["stage_2_km"] * _blister_hardening(0.0, by["stage_2_km"], hardening_km)
    rate = -np.log(1.0 - by["blistered"]) / total
    return float(-np.expm1(-rate * early) / by["blistered"])


def _fit_hardening_distance(target=_PRE_TAPED_II["by_stage_2"]):
    """The hardening distance [km] that gives Lipman et al.'s share of blisters by the end of stage 2 (bisection:
    the share falls as the distance grows)."""
    lo, hi = 1.0, 10_000.0
    for _ in range(80):
        mid = 0.5 * (lo + hi)
        lo, hi = (mid, hi) if _share_blistered_by_stage_2(mid) > target else (lo, mid)
    return 0.5 * (lo + hi)


BLISTER_HARDENING_DISTANCE = _fit_hardening_distance()
"""Distance walked over which the blister rate per km of feet new to a long walk falls by a factor e [km]: 92.
FITTED to Lipman et al.'s (2016) blister prevention trial on RacingThePlanet's 2014 250 km six-stage races (Clin J
Sport Med 26:362, abstract): 106 of 128 runners blistered and 80 % of the 117 blisters came by the end of stage 2
(about 80 km, ESTIMATE), where a constant rate per km would give 52 % (a calibration, validation case
``injury-lipman-2016-blister-time-course``).  Skin under repeated rubbing toughens within days (within 7 days
in MacKenzie's 1974 mouse ears, as reviewed at blister-prevention.com), and walkers learn to tape hot spots; a
population's blister rate falls also as the blister-prone blister first, which for the share ever blistered comes to
the same.  The runners' earlier trial reported the same front-loading (Lipman et al. 2014, Wilderness Environ
Med 25:457, abstract: all 90 participants blistered, 89 % of blisters by day 2), and on long trails blisters are
as common after 3,380 km as after 272 km (53 % of Appalachian Trail 2,000-milers against 57 % of John Muir
Trail hikers: Crouse & Josephs 1993; Spano et al. 2018), as a rate falling to nothing within a few hundred km would
have it.  The range that the 95 % interval of the 80 % (73-87 %) and stages 1-2 of 70-90 km allow: 56-179 km."""

def _hardening(walked_km, distance_km):
    """Factor [-] on the injury rate per km for the day's walk: the blisters' share of it hardens, the rest not."""
    return 1.0 - BLISTER_SHARE + BLISTER_SHARE * _blister_hardening(walked_km, distance_km, BLISTER_HARDENING_DISTANCE)


MARCH_INJURY_PER_KM = -np.log(1.0 - 0.36) / (161.0 * 1.2 * (0.5 + 0.5 * (47.0 / 76.0) / 0.6)
                                             * float(_hardening(0.0, 161.0)))
"""Injury hazard per km of loaded marching at the reference terrain (η = 1) and load ratio (0.6), for feet new to the
march [km-1]: 36 % of 218 light infantry soldiers injured (one or more injuries, 48 % of them blisters) on a 161 km
cross-country march over 5 days carrying 47 ± 5 kg (Reynolds et al. 1999, Prev Med 28:167, abstract); the march
taken at η = 1.2 (light brush, a judgement for "cross-country") and 47 kg on a 76 kg soldier (body mass assumed), its
blisters hardening over the 161 km (:func:`blister_hardening`: the march's mean rate is 0.750 of its first km's):
0.00303 km-1.  FITTED to that march (a calibration, validation case ``injury-reynolds-1999-road-march``).  An earlier
version took 24 % over 161 km from Knapik et al. 1992 from memory; that march was 20 km at maximal effort with 46 kg
(Mil Med 157:64, abstract), which a per-km rate at a marching pace cannot describe: :data:`INJURY_EFFORT_EXPONENT` is
fitted to it."""

SERIOUS_INJURY_SHARE = 17.0 / 78.0
"""Share of march injuries that stop a walker from keeping the march's pace [-]: of the 78 soldiers injured on
Reynolds et al.'s (1999) 161 km march, 17 could not complete it because of their injuries; the other 61 (blisters
and foot pain mostly) finished the march with their unit (abstract).  0.218."""

SERIOUS_INJURY_DAYS = 69.0 / 27.0
"""Mean days a serious march injury lasts [day]: the 27 soldiers with limited-duty days after Reynolds et al.'s
(1999) march had 69 such days in all (abstract): 2.6 days each."""


MAXIMAL_MARCH_EFFORT = 0.668 / 0.483
"""Effort of a 20 km road march with 46 kg walked as fast as possible, over the walker's own sustainable rate [-]:
1.38.  A man racing holds the fraction of VO2max of the endurance-trained for the race's length
(:func:`longwalk.models.walking.sustainable_vo2max_fraction` with training 1: 0.668 for 3.0 h; recreational
marathoners, racing 3-4 h, hold about 70 % of VO2max, from memory of the running literature); a soldier of median
fitness walking at his own pace holds Bink's fraction for those hours (0.483).  The 3.0 h is the models' own: 20 km at
the fastest speed the trained fraction allows a 76 kg man of 22 (VO2max 48 mL kg-1 min-1, the median, FRIEND) with
46 kg on a road (:func:`longwalk.models.walking.max_sustainable_walking_speed`, no halts); the march time is not in
Knapik et al.'s (1992) abstract (ESTIMATE, computed in validation case ``injury-knapik-1992-road-march``)."""

INJURY_EFFORT_EXPONENT = float(
    np.log(-np.log(1.0 - 0.24) / (20.0 * MARCH_INJURY_PER_KM * (0.5 + 0.5 * (46.0 / 76.0) / 0.6)
                                  * float(_hardening(0.0, 20.0))))
    / np.log(MAXIMAL_MARCH_EFFORT))
"""Steepness of the rise of the injury rate per km with effort above the walker's own sustainable rate [-]: 4.8.
FITTED to Knapik et al.'s (1992) maximal-effort march (Mil Med 157:64, abstract): 24 % of 335 light infantry soldiers
injured in 20 km with 46 kg, 4.7 times the rate per km of Reynolds et al.'s (1999) 161 km march at a marching pace
on fresh feet (their first 20 km, :func:`blister_hardening`),
at :data:`MAXIMAL_MARCH_EFFORT` (a calibration, validation case ``injury-knapik-1992-road-march``).  That injuries
rise with the effort of a march is the sources' (Knapik & Reynolds 2015, 'Load carriage-related injury mechanisms,
risk factors, and prevention', abstract: with heavier loads come altered gait, more stress on the musculoskeletal
system 'and more rapid fatigue, factors that may increase the risk of injury'; US Army Public Health Center, 'The
weight of war', army.mil 2016: 'ruck running may increase injury risk'); the power law and its steepness are not:
one march fits one number.  Knapik et al. also name the other cause, a unit 'without recent road marching
training', which the model does not hold (no conditioning to marching); the exponent takes both."""


def march_injury_effort_factor(effort):
    """Factor on the march injury rate per km for walking above one's own sustainable effort [-].

    Parameters
    ----------
    effort : array_like
        Metabolic rate while walking over the rate the walker can sustain for the hours walked
        (:func:`longwalk.models.walking.sustainable_metabolic_rate`, Bink's fraction of VO2max or more for the
        endurance-trained) [-]: 1 at the walker's own marching pace, :data:`MAXIMAL_MARCH_EFFORT` (1.38) racing.

    Returns
    -------
    numpy.ndarray
        Factor [-], 1 at and below the walker's own sustainable effort.

    Notes
    -----
    f = max(effort, 1) ^ n, n = :data:`INJURY_EFFORT_EXPONENT` (4.8, fitted to Knapik et al. 1992).  At and below the
    walker's own pace the rate per km is Reynolds et al.'s (1999) march's, which the model takes for a march at the
    soldiers' sustainable pace (161 km in 5 days with 47 kg); slower walking is not assumed to injure less per km
    (West Point cadets walking 21 km in about 6.5 h with about 33 kg, 3.2 km h-1 with the halts, had foot blisters in
    48 % on examination: Knapik et al. 1998, J Am Acad Dermatol 39:202, abstract, and DTIC ADA326046).  Valid
    range: effort 0-1.5 (racing with a load).

    Examples
    --------
    At the walker's own pace, or slower, no change; racing 20 km with 46 kg, the 4.7-fold rate of Knapik et al. 1992
    against Reynolds et al.'s rate per km on fresh feet (-ln(1 - 0.24) = 0.274 against 0.00305 × 20 km × 1.004 ×
    (0.52 + 0.48 × 0.899) = 0.0582):

    >>> float(march_injury_effort_factor(0.8))
    1.0
    >>> round(float(march_injury_effort_factor(MAXIMAL_MARCH_EFFORT)), 2)
    4.71
    """
    e = check_nonnegative("effort", effort)
    warn_outside("effort", e, 0.0, 1.5, "march injury effort factor (fitted to one march)")
    return _effort_factor(e)


@register_jitable
def _effort_factor(effort):
    """Injury factor [-] for effort above the walker's own sustainable rate; also compiled for scalars."""
    return np.maximum(effort, 1.0) ** INJURY_EFFORT_EXPONENT


def blister_hardening(walked, distance):
    """Mean factor on the blister rate per km over a day's walk, for feet that have walked before on this journey [-].

    Feet new to a long walk blister most in its first days; the rate per km falls as the skin toughens and the walker
    learns to care for hot spots (:data:`BLISTER_HARDENING_DISTANCE`).

    Parameters
    ----------
    walked : array_like
        Distance walked on the journey before the day [m].
    distance : array_like
        Distance walked in the day [m].

    Returns
    -------
    numpy.ndarray
        Factor [-]: 1 for the first metre of a journey, falling towards 0.

    Notes
    -----
    The rate per km at x km walked is r(x) = r(0) · exp(-x / L), L = :data:`BLISTER_HARDENING_DISTANCE` (92 km,
    fitted to Lipman et al.'s 2016 blisters by race stage); the day's mean over [W, W + d] is
    f = L / d · (exp(-W / L) - exp(-(W + d) / L)), exp(-W / L) for a day of no distance.  The walk is the journey's:
    feet soften again over weeks without walking, which the factor does not hold.  Valid range: what the runners
    walked, 0-250 km; beyond, an extrapolation (to nothing, as long trails' blisters suggest: see the fitted
    constant).

    Examples
    --------
    Fresh feet; after 92 km, 1/e; the mean over Reynolds et al.'s 161 km march, L / d · (1 - exp(-d / L)):

    >>> float(blister_hardening(0.0, 0.0))
    1.0
    >>> round(float(blister_hardening(BLISTER_HARDENING_DISTANCE * 1000.0, 0.0)), 4)
    0.3679
    >>> round(float(blister_hardening(0.0, 161_000.0)), 3)
    0.473
    """
    w = check_nonnegative("walked", walked) / 1000.0
    d = check_nonnegative("distance", distance) / 1000.0
    return _blister_hardening(w, d, BLISTER_HARDENING_DISTANCE)


def injury_hazard(distance, terrain_factor=1.0, load_ratio=0.6, effort=1.0, walked=0.0):
    """Daily hazard of a foot or leg injury on the march (blisters, foot pain, sprains, stress injuries).

    Most of these injuries are minor: blisters were 48 % of the injuries on Reynolds et al.'s (1999) march and the
    most common on Knapik et al.'s (1992), and the injured mostly walked on; :data:`SERIOUS_INJURY_SHARE` of them
    stop a walker keeping the pace, for :data:`SERIOUS_INJURY_DAYS` on average (the engine draws which).

    Parameters
    ----------
    distance : array_like
        Distance walked in the day [m].
    terrain_factor : array_like
        Terrain coefficient η [-] (:data:`longwalk.models.walking.TERRAIN_FACTORS`: 1.0 paved, 1.1 dirt road,
        1.2 light brush, 1.5 heavy brush, 1.8 swamp, snow higher), the same factor that scales walking energy.
    load_ratio : array_like
        Load carried over body mass [-].
    effort : array_like
        Metabolic rate while walking over the rate the walker can sustain for the hours walked [-]: 1 at the
        walker's own marching pace (see :func:`march_injury_effort_factor`).
    walked : array_like
        Distance walked on the journey before the day [m]: the blisters' share of the rate falls with it
        (:func:`blister_hardening`).

    Returns
    -------
    numpy.ndarray
        Hazard [day-1].

    Notes
    -----
    h = 0.00305 km-1 · d · η · (0.5 + 0.5 · load_ratio / 0.6) · (0.52 + 0.48 · f_blister) · max(effort, 1)^4.8.  The
    rate per km is Reynolds et al.'s (1999) 161 km march (:data:`MARCH_INJURY_PER_KM`), the effort factor Knapik et
    al.'s (1992) maximal-effort 20 km (:data:`INJURY_EFFORT_EXPONENT`), the blisters' hardening Lipman et al.'s (2016)
    stage race (:data:`BLISTER_HARDENING_DISTANCE`); all three fitted.  Scaling by η and by load is an estimate
    (Knapik's later reviews report more injuries with heavier loads and rougher ground, without a fitted law).  Valid
    range: 0–60 km day-1, η 1–4, load ratio 0–1, effort 0-1.5.  The rest of the rate (foot pain, sprains, stress
    injuries: :data:`BLISTER_SHARE`) does not fall as walkers harden; over months it overstates injuries
    (validation case ``injury-crouse-1993-appalachian-trail``).

    Examples
    --------
    Reynolds et al.'s march, 161 km at η 1.2 with 47 kg on 76 kg: -ln(1 - 0.36) = 0.446 (36 % injured):

    >>> round(float(injury_hazard(161_000.0, 1.2, 47.0 / 76.0)), 3)
    0.446

    Knapik et al.'s, 20 km on a road with 46 kg as fast as possible: -ln(1 - 0.24) = 0.274 (24 % injured):

    >>> round(float(injury_hazard(20_000.0, 1.0, 46.0 / 76.0, MAXIMAL_MARCH_EFFORT)), 3)
    0.274

    The same 20 km at one's own pace on fresh feet and after 1,000 km, when the blisters' share has gone: 0.00305 ×
    20 × 1.004 × (0.52 + 0.48 × 0.899) = 0.0582 and 0.00305 × 20 × 1.004 × 0.52 = 0.0318:

    >>> round(float(injury_hazard(20_000.0, 1.0, 46.0 / 76.0)), 4), round(float(injury_hazard(
    ...     20_000.0, 1.0, 46.0 / 76.0, walked=1_000_000.0)), 4)
    (0.0582, 0.0318)
    """
    d = check_nonnegative("distance", distance) / 1000.0
    eta = check_positive("terrain_factor", terrain_factor)
    lr = check_nonnegative("load_ratio", load_ratio)
    e = check_nonnegative("effort", effort)
    w = check_nonnegative("walked", walked) / 1000.0
    warn_outside("terrain_factor", eta, 1.0, 4.0, "injury hazard (estimate)")
    warn_outside("load_ratio", lr, 0.0, 1.0, "injury hazard (estimate)")
    warn_outside("effort", e, 0.0, 1.5, "injury hazard (effort factor fitted to one march)")
    return _injury(d, eta, lr) * _hardening(w, d) * _effort_factor(e)


@register_jitable
def _injury(distance_km, terrain_factor, load_ratio):
    """Injury hazard [day-1] from the distance [km] at the walker's own pace, on feet new to the walk."""
    return MARCH_INJURY_PER_KM * distance_km * terrain_factor * (0.5 + 0.5 * load_ratio / 0.6)


def fall_hazard(slope, hours, darkness_fraction=0.0, icy=False):
    """Daily hazard of a serious fall on steep ground.

    Parameters
    ----------
    slope : array_like
        Steepness of the ground walked, rise over run [-] (absolute value is used).
    hours : array_like
        Hours spent on that ground [h].
    darkness_fraction : array_like
        Fraction of those hours in darkness [-].
    icy : bool or array_like
        Snow or ice underfoot.

    Returns
    -------
    numpy.ndarray
        Hazard [day-1].

    Notes
    -----
    h = 1e-5 h-1 · exp(|s| / 0.15) · t · (1 + 2 f_dark) · (3 if icy else 1).  An estimate throughout: about one
    serious fall in 100 000 walking hours on the flat, ten times that at 35 % slopes (19°), and 1 in 130 hours on
    45° ground, three times worse in the dark and on ice; no published daily rate for untrained walkers was found.
    Valid range: slope 0–1.5.

    Examples
    --------
    One hour on the flat in daylight: 1e-5:

    >>> float(fall_hazard(0.0, 1.0))
    1e-05
    """
    s = np.abs(check_finite("slope", slope))
    t = check_nonnegative("hours", hours)
    f = check_fraction("darkness_fraction", darkness_fraction)
    warn_outside("slope", s, 0.0, 1.5, "fall hazard (estimate)")
    return _fall(s, t, f, np.asarray(icy, dtype=bool))


@register_jitable
def _fall(abs_slope, hours, darkness_fraction, icy):
    """Fall hazard [day-1]."""
    ice = where(icy, 3.0, 1.0)
    return 1e-5 * np.exp(abs_slope / 0.15) * hours * (1.0 + 2.0 * darkness_fraction) * ice


TRAVELLERS_DIARRHOEA_HAZARD = -np.log(1.0 - 0.5) / 14.0
"""Daily hazard of travellers' diarrhoea in high-risk regions [day-1]: attack rates of 30–70 % over a two-week trip
(CDC Yellow Book, travellers' diarrhoea) [M — not re-checked]; the middle, 50 % in 14 days, is 0.0495 day-1.
FITTED to that middle (a calibration); validated on Appalachian Trail backpackers (Boulware 2004, J Travel Med
11:27), validation case ``water-appalachian-trail-diarrhoea``."""


def waterborne_illness_hazard(untreated_fraction, source_risk=1.0):
    """Daily hazard of a diarrhoeal illness from drinking untreated water.

    Parameters
    ----------
    untreated_fraction : array_like
        Fraction of the day's drinking water not boiled or treated [-].
    source_risk : array_like
        Contamination of the source relative to a lowland river used by herds [-]: an estimate of about 0.1
        for snow or ice melt, 0.3 for a spring or deep well, 1 for a river, 2 for a stagnant pond or trough.

    Returns
    -------
    numpy.ndarray
        Hazard [day-1].

    Notes
    -----
    h = 0.0495 day-1 · untreated · source_risk.  The base is the travellers' diarrhoea attack rate (CDC Yellow
    Book, 50 % in two weeks, which mixes food and water); proportionality to the untreated share and the source
    factors are estimates.  Valid range: source_risk 0–3.

    Examples
    --------
    >>> round(float(waterborne_illness_hazard(1.0)), 4)
    0.0495
    """
    u = check_fraction("untreated_fraction", untreated_fraction)
    r = check_nonnegative("source_risk", source_risk)
    warn_outside("source_risk", r, 0.0, 3.0, "waterborne illness (estimate)")
    return _waterborne(u, r)


@register_jitable
def _waterborne(untreated_fraction, source_risk):
    """Waterborne illness hazard [day-1]."""
    return TRAVELLERS_DIARRHOEA_HAZARD * untreated_fraction * source_risk


def exhaustion_illness_hazard(body_mass_loss, hours_walked):
    """Daily hazard of falling ill (infection, collapse) from exhaustion and wasting.

    Parameters
    ----------
    body_mass_loss : array_like
        Fraction of starting body mass lost [-].
    hours_walked : array_like
        Hours walked in the day [h].

    Returns
    -------
    numpy.ndarray
        Hazard [day-1].

    Notes
    -----
    h = 0.002 · (1 + 20 · max(ℓ - 0.10, 0)) · (1 + max(t - 8, 0) / 4).  An estimate: a base of one illness in
    500 days for a fit walker; above 10 % weight loss resistance to infection falls (famine and Minnesota
    experience, Keys et al. 1950, qualitative), tripling the rate at 20 % loss; days of more than 8 h walking
    add strain.  Valid range: loss 0–0.5, 0–16 h.

    Examples
    --------
    20 % loss, 12 h walked: 0.002 · 3 · 2 = 0.012:

    >>> round(float(exhaustion_illness_hazard(0.2, 12.0)), 4)
    0.012
    """
    loss = check_nonnegative("body_mass_loss", body_mass_loss)
    t = check_nonnegative("hours_walked", hours_walked)
    warn_outside("body_mass_loss", loss, 0.0, 0.5, "exhaustion illness (estimate)")
    warn_outside("hours_walked", t, 0.0, 16.0, "exhaustion illness (estimate)")
    return _exhaustion(loss, t)


@register_jitable
def _exhaustion(body_mass_loss, hours_walked):
    """Exhaustion illness hazard [day-1]."""
    return 0.002 * (1.0 + 20.0 * np.maximum(body_mass_loss - 0.10, 0.0)) * (1.0 + np.maximum(hours_walked - 8.0, 0.0)
                                                                             / 4.0)


def lost_hazard(hours_daylight, hours_dark, blizzard_fraction=0.0, night_blind=False, on_track=False):
    """Daily hazard of getting lost (losing the way for a day or more).

    Parameters
    ----------
    hours_daylight : array_like
        Hours walked in daylight [h].
    hours_dark : array_like
        Hours walked in darkness [h].
    blizzard_fraction : array_like
        Fraction of the walking time in a blizzard, whiteout or sandstorm [-].
    night_blind : bool or array_like
        The navigator is night-blind (vitamin A deficiency is common in long starvation).
    on_track : bool or array_like
        Following a road, caravan track or river.

    Returns
    -------
    numpy.ndarray
        Hazard [day-1].

    Notes
    -----
    h = 1e-3 h-1 · (t_day + 4 (1 + 2 b_nb) t_dark) · (1 + 9 f_bliz) · (0.2 if on track else 1).  All factors are
    estimates: one day lost in about 100 days of 10 h off-track daylight travel with sun and stars for
    direction; darkness four times worse, tripled again for the night-blind; a blizzard ten times worse; a track
    five times better.  Valid range: 0–24 h in total.

    Examples
    --------
    10 h of daylight off-track: 1e-3 · 10 = 0.01:

    >>> float(lost_hazard(10.0, 0.0))
    0.01
    """
    td = check_nonnegative("hours_daylight", hours_daylight)
    tn = check_nonnegative("hours_dark", hours_dark)
    fb = check_fraction("blizzard_fraction", blizzard_fraction)
    warn_outside("hours walked", td + tn, 0.0, 24.0, "lost hazard (estimate)")
    return _lost(td, tn, fb, np.asarray(night_blind, dtype=np.float64), np.asarray(on_track, dtype=bool))


@register_jitable
def _lost(hours_daylight, hours_dark, blizzard_fraction, night_blind, on_track):
    """Hazard of getting lost [day-1]."""
    track = where(on_track, 0.2, 1.0)
    return (1e-3 * (hours_daylight + 4.0 * (1.0 + 2.0 * night_blind) * hours_dark) * (1.0 + 9.0 * blizzard_fraction)
            * track)


TUNDRA, TAIGA, STEPPE, DESERT, ALPINE, TEMPERATE_FOREST = range(6)
BIOMES = ("tundra", "taiga", "steppe", "desert", "alpine", "temperate_forest")
"""Biome codes accepted by :func:`foraging_return_rate`, in code order."""
GATHER, HUNT, FISH = range(3)

# Peak-season encounter-inclusive return [kcal h-1] for an unskilled traveller without weapons or nets, by method
# (rows: gather, hunt with improvised snares/sticks, fish with improvised line/trap) and biome (columns as BIOMES).
# Estimates anchored on physiology.md §6.1: 0–300 kcal/h in steppe/desert, higher near fish-bearing rivers and
# lakes in the taiga and in the late-summer berry and pine-nut season, near zero in high alpine country.
_PEAK_RETURN = np.array(
    [
        [150.0, 250.0, 100.0, 30.0, 20.0, 250.0],
        [100.0, 100.0, 80.0, 30.0, 30.0, 100.0],
        [300.0, 400.0, 200.0, 50.0, 100.0, 300.0],
    ]
)
# Month factor (January first, northern hemisphere) per method: plants from late summer to autumn; game all year,
# thinner in late winter; fishing poor under ice.  Estimates.  Gulag escapees knew the season: 'A trip through the
# taiga is possible only during the summer, when it is possible to eat grass, mushrooms, berries, roots ... to catch
# fieldmice, chipmunks, squirrels' (a memoirist quoted by Applebaum A 2003, Gulag: A History, ch. 'Escape').
_MONTH_FACTOR = np.array(
    [
        [0.05, 0.05, 0.05, 0.1, 0.3, 0.6, 0.9, 1.0, 1.0, 0.6, 0.2, 0.05],
        [0.6, 0.6, 0.6, 0.7, 0.8, 0.9, 1.0, 1.0, 1.0, 1.0, 0.8, 0.7],
        [0.2, 0.2, 0.2, 0.4, 0.8, 1.0, 1.0, 1.0, 1.0, 0.8, 0.4, 0.2],
    ]
)


def foraging_return_rate(biome, month, method=GATHER, skill=1.0):
    """Expected food energy gained per hour of foraging, hunting or fishing (including search time).

    Parameters
    ----------
    biome : array_like of int
        Biome code [-]: ``TUNDRA`` 0, ``TAIGA`` 1, ``STEPPE`` 2, ``DESERT`` 3, ``ALPINE`` 4, ``TEMPERATE_FOREST`` 5.
    month : array_like of int
        Month [-], 1–12 (northern hemisphere seasons).
    method : array_like of int
        ``GATHER`` 0, ``HUNT`` 1, ``FISH`` 2 (fishing needs a river or lake: the engine checks).
    skill : array_like
        Multiplier on an unskilled traveller's return [-]; skilled locals about 5 (1000–2000 kcal h-1 overall).

    Returns
    -------
    numpy.ndarray
        Mean return [kcal h-1].

    Notes
    -----
    rate = peak(method, biome) · month_factor(method, month) · skill.  Every number is an estimate (physiology.md
    §6.1, from Kelly 1995/2013 post-encounter returns and ethnographic overall returns [M]): unskilled, unarmed
    travellers 0–300 kcal h-1 in steppe and desert, more by fish-bearing water in the taiga and in the late-summer
    berry and pine-nut season, near zero in high alpine country.  The engine draws the day's actual catch.  Valid
    range: skill 0–10.

    Examples
    --------
    Fishing a taiga river in August: 400 · 1.0 = 400 kcal h-1:

    >>> float(foraging_return_rate(TAIGA, 8, FISH))
    400.0
    """
    b = np.asarray(biome)
    m = np.asarray(month)
    k = np.asarray(method)
    if not np.issubdtype(b.dtype, np.integer) or np.any((b < 0) | (b >= len(BIOMES))):
        raise ValueError(f"biome must be an integer code 0..{len(BIOMES) - 1} ({', '.join(BIOMES)}), got {biome!r}")
    if not np.issubdtype(m.dtype, np.integer) or np.any((m < 1) | (m > 12)):
        raise ValueError(f"month must be an integer 1..12, got {month!r}")
    if not np.issubdtype(k.dtype, np.integer) or np.any((k < 0) | (k > 2)):
        raise ValueError(f"method must be GATHER (0), HUNT (1) or FISH (2), got {method!r}")
    s = check_nonnegative("skill", skill)
    warn_outside("skill", s, 0.0, 10.0, "foraging return (estimate)")
    return _PEAK_RETURN[k, b] * _MONTH_FACTOR[k, m - 1] * s


ALPINE_ELEVATION = 3500.0
"""Elevation above which :func:`biome_from_climate` calls the land alpine [m] (an estimate: about the tree line
of the Tibetan plateau's margins and of the Altai and Tian Shan, 3,000-4,000 m)."""
TAIGA_ANNUAL_TEMPERATURE = 2.0
"""Annual mean temperature below which a humid climate counts as boreal taiga [°C] (an estimate standing in for
Köppen's Dfc/Dwc/Dfd classes, which need the monthly means)."""
FOREST_PRECIPITATION = 600.0
"""Annual precipitation above which a humid, temperate climate counts as forest rather than steppe [mm] (an
estimate)."""


def biome_from_climate(annual_mean_temperature, warmest_month_temperature, annual_precipitation, warm_half_fraction,
                       elevation):
    """Biome code (:data:`BIOMES`) of a place from its climate normals, by a Köppen-style reading.

    Rules, the later overriding the earlier:

    1. ``TEMPERATE_FOREST`` where ``P > 600 mm``, else ``STEPPE``;
    2. ``TAIGA`` where ``T_ann < 2 °C`` (boreal climates, approximating Köppen's Dfc/Dwc/Dfd: an estimate);
    3. ``TUNDRA`` where the warmest month's mean ``T_warm < 10 °C`` (Köppen ET);
    4. ``STEPPE`` (Köppen BS) where ``P < P_th`` and ``DESERT`` (BW) where ``P < P_th / 2``, with Köppen's dryness
       threshold ``P_th = max(20 · T_ann + c, 0)`` [mm]: ``c`` = 280 when at least 70 % of the year's precipitation
       falls in the warm half (April-September), 0 when at most 30 % does, 140 otherwise (Köppen 1936, as written
       by Peel, Finlayson & McMahon 2007, Hydrol Earth Syst Sci 11:1633, Table 1);
    5. ``ALPINE`` above 3500 m (an estimate).

    A fixed aridity limit would call the cold, dry steppe of northern Mongolia taiga and the larch taiga of Yakutia
    (about 240 mm a year, but little evaporation) steppe; Köppen's temperature-dependent threshold gets both right.

    Parameters
    ----------
    annual_mean_temperature : array_like
        Mean air temperature over the year [°C].
    warmest_month_temperature : array_like
        Mean air temperature of the warmest month [°C].
    annual_precipitation : array_like
        Precipitation over the year [mm].
    warm_half_fraction : array_like
        Fraction of the year's precipitation that falls from April to September [-], 0..1.
    elevation : array_like
        Ground elevation [m].

    Returns
    -------
    numpy.ndarray of int64
        Biome code [-] (``TUNDRA`` 0, ``TAIGA`` 1, ``STEPPE`` 2, ``DESERT`` 3, ``ALPINE`` 4, ``TEMPERATE_FOREST`` 5).

    Examples
    --------
    A cold, summer-rain place at 1,500 m with T_ann = 0 °C, 25 °C in July and 130 mm a year: P_th = 20·0 + 280 =
    280 mm and 130 < 280/2, so desert (3):

    >>> int(biome_from_climate(0.0, 25.0, 130.0, 0.8, 1500.0))
    3
    """
    t_ann = check_temperature("annual_mean_temperature", annual_mean_temperature)
    t_warm = check_temperature("warmest_month_temperature", warmest_month_temperature)
    precip = check_nonnegative("annual_precipitation", annual_precipitation)
    warm_half = check_fraction("warm_half_fraction", warm_half_fraction)
    elev = check_finite("elevation", elevation)
    offset = np.where(warm_half >= 0.7, 280.0, np.where(warm_half <= 0.3, 0.0, 140.0))
    threshold = np.maximum(20.0 * t_ann + offset, 0.0)  # [mm]
    shape = np.broadcast_shapes(t_ann.shape, t_warm.shape, precip.shape, warm_half.shape, elev.shape)
    code = np.full(shape, STEPPE, dtype=np.int64)
    code = np.where(precip > FOREST_PRECIPITATION, TEMPERATE_FOREST, code)
    code = np.where(t_ann < TAIGA_ANNUAL_TEMPERATURE, TAIGA, code)
    code = np.where(t_warm < 10.0, TUNDRA, code)
    code = np.where(precip < threshold, STEPPE, code)
    code = np.where(precip < 0.5 * threshold, DESERT, code)
    code = np.where(elev > ALPINE_ELEVATION, ALPINE, code)
    return code.astype(np.int64)


WATER_POINT_FAILURE = 0.3
"""Probability that a well or spring found is dry, broken or too salty [-]: 20–40 % (physiology.md §6.2,
Gobi practice and the Oyu Tolgoi well-repair programme [V-anecdotal]); the middle is used."""


def water_point_spacing(on_track):
    """Mean distance between wells or springs in the Gobi and dry steppe.

    Parameters
    ----------
    on_track : bool or array_like
        On an established caravan track (True) or off it.

    Returns
    -------
    numpy.ndarray
        Mean spacing [m].

    Notes
    -----
    On caravan tracks about one well or spring per day-march, 25–40 km (midpoint 32.5 km); off-track and in the
    Alashan–Black Gobi 50–150 km (midpoint 100 km) (physiology.md §6.2, caravan practice and Stein's "five long
    marches without water" [V-anecdotal]).  Intended for the Gobi; wetter biomes have water almost everywhere.

    Examples
    --------
    >>> float(water_point_spacing(True))
    32500.0
    """
    return np.where(np.asarray(on_track, dtype=bool), 32_500.0, 100_000.0)


def water_point_probability(distance, spacing, failure=WATER_POINT_FAILURE):
    """Probability of passing at least one usable water point over a distance.

    Parameters
    ----------
    distance : array_like
        Distance walked [m].
    spacing : array_like
        Mean spacing of water points [m] (:func:`water_point_spacing`).
    failure : array_like
        Probability a water point is unusable [-].

    Returns
    -------
    numpy.ndarray
        Probability [-].

    Notes
    -----
    Water points as a Poisson process along the way (physiology.md §6.2 modelling suggestion), thinned by the
    failure probability: P = 1 - exp(-d (1 - f) / spacing).

    Examples
    --------
    One mean spacing with no failures: 1 - e^-1 = 0.632:

    >>> round(float(water_point_probability(32_500.0, 32_500.0, 0.0)), 3)
    0.632
    """
    d = check_nonnegative("distance", distance)
    s = check_positive("spacing", spacing)
    f = check_fraction("failure", failure)
    return 1.0 - np.exp(-d * (1.0 - f) / s)


def encounter_count(radius, distance, density):
    """Expected number of stationary targets (herders' camps) met by a traveller: the ideal-gas encounter model.

    Parameters
    ----------
    radius : array_like
        Detection radius [m]: how far to either side of the way a camp (tent, ger, its herds or smoke) is seen.
    distance : array_like
        Ground covered in the day, walked plus searched [m].
    density : array_like
        Density of camps [m-2] (1 camp km-2 = 1e-6 m-2).

    Returns
    -------
    numpy.ndarray
        Expected number of camps met [-], the mean of a Poisson count.

    Notes
    -----
    N = 2 r d D: the traveller sweeps a strip 2r wide and d long, and the camps inside it are met.  This is the
    "ideal gas" (random encounter) model of ecology for a moving searcher and targets placed at random (Hutchinson &
    Waser 2007, Biol Rev 82:335, their eq. for a moving searcher and stationary targets; the same geometry as
    Rowcliffe et al. 2008, J Appl Ecol 45:1228).  It assumes camps scattered independently (a Poisson field) and
    a path that does not re-cross its own strip; clustered camps (along rivers, at wells) make the count more
    variable, not different in mean.  Valid while 2r is small against the spacing of camps along the way.

    Examples
    --------
    3 km radius, 20 km walked, 0.01 camps per km2 (1e-8 m-2): 2 · 3000 · 20000 · 1e-8 = 1.2 camps:

    >>> round(float(encounter_count(3_000.0, 20_000.0, 1e-8)), 6)
    1.2
    """
    r = check_nonnegative("radius", radius)
    d = check_nonnegative("distance", distance)
    rho = check_nonnegative("density", density)
    return 2.0 * r * d * rho
