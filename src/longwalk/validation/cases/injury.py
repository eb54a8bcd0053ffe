"""Validation cases: foot and leg injuries on marches and long walks (topic "injury"; see longwalk.validation).

Predictions use :func:`longwalk.models.hazards.injury_hazard`, the share injured over a walk being
1 - exp(-hazard).  The model's injury is what soldiers brought to their medics on Reynolds et al.'s (1999) march
(blisters, foot pain, sprains, stress injuries; the rate per km is fitted to it); surveys that count every blister
a foot examination finds count more.  Two cases of this topic, Knapik et al. 1992 and Reynolds et al. 1999, live in
:mod:`longwalk.validation.cases.starvation`; :func:`racing_march_effort` gives the first its effort.
"""

from __future__ import annotations

import warnings

import numpy as np

from longwalk.models import ModelRangeWarning, hazards, walking
from longwalk.validation import case


def racing_march_effort(distance: float, body_mass: float, load_mass: float, age: float,
                        fitness_percentile: float, terrain_factor: float = 1.0) -> float:
    """Effort of a march walked as fast as possible, over the walker's own sustainable rate [-].

    A walker racing holds the fraction of VO2max of the endurance-trained for the race's length
    (:func:`longwalk.models.walking.sustainable_vo2max_fraction` with training 1); walking at their own pace, the
    fraction their training allows (:func:`longwalk.models.walking.endurance_training` of their fitness
    percentile).  The race's length is the time at which ``distance`` is covered at the fastest speed the racing
    fraction allows on level ground (:func:`longwalk.models.walking.max_sustainable_walking_speed`, no halts),
    found by bisection.  A man (sex 1) of ``age`` [year] and ``body_mass`` [kg] carrying ``load_mass`` [kg] over
    ``distance`` [m].
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ModelRangeWarning)
        vo2max = float(walking.baseline_vo2max(1, age, fitness_percentile))
        training = float(walking.endurance_training(fitness_percentile))
        lo, hi = 0.5, 24.0
        for _ in range(60):
            hours = 0.5 * (lo + hi)
            v = float(walking.max_sustainable_walking_speed(0.0, body_mass, load_mass, terrain_factor, vo2max, hours,
                                                            training=1.0))
            lo, hi = (lo, hours) if v * hours * 3600.0 > distance else (hours, hi)
        race = float(walking.sustainable_vo2max_fraction(hours, 1.0))
        own = float(walking.sustainable_vo2max_fraction(hours, training))
    return race / own


@case(id="injury-lipman-2016-blister-time-course", title="250 km six-stage desert races of 2014: share of the "
      "runners' foot blisters that came by the end of stage 2", topic="injury",
      source="Lipman GS, Sharp LJ, Christensen M, et al. (2016) Paper tape prevents foot blisters: a randomized "
             "prevention trial assessing paper tape in endurance distances II (Pre-TAPED II), Clin J Sport Med "
             "26:362-368 (abstract): 128 runners of RacingThePlanet's 2014 races in Jordan, the Gobi, Madagascar and "
             "the Atacama; 106 (83 %) developed 117 blisters, most one (78 %); 94 (80 %) of the blisters by the end of "
             "stage 2",
      observed=80.3, low=73.1, high=87.6, unit="% of blisters",
      tolerance="binomial 95 % interval of 94 of 117 blisters",
      method="models.hazards.blister_hardening: the blister rate per km falling as exp(-x / L) from the start; its "
             "level set so that 106 of 128 runners blister over the 250 km, the share of them blistered by 80 km "
             "(the end of stage 2: ESTIMATE, four stages of about 40 km, a long stage of about 80 km and a short last "
             "one, the races' usual format; not in the abstract) taken for the share of blisters",
      constrains=("models.hazards.blister_hardening", "models.hazards.BLISTER_HARDENING_DISTANCE"),
      fitted=("models.hazards.BLISTER_HARDENING_DISTANCE",),
      note="Calibration: BLISTER_HARDENING_DISTANCE (92 km) was fitted to this share; a rate per km that did not fall "
           "would give 52 %.  The same runners' series found the same two years before (Lipman et al. 2014, "
           "Wilderness Environ Med 25:457, abstract: all 90 participants blistered, 89 % of the blisters by day 2), "
           "too loosely reported to check the fit with (per foot, 52 % and 39 % blistered).  Runners are not "
           "walkers: the hardening distance is taken to carry over to walking, step for step of the way.")
def _lipman_blisters() -> float:
    race, stage_2, blistered = 250_000.0, 80_000.0, 106.0 / 128.0
    # cumulative blister hazard ∝ distance × mean hardening factor over it; its level from the share blistered
    total = race * float(hazards.blister_hardening(0.0, race))
    rate = -np.log(1.0 - blistered) / total
    return 100.0 * float(-np.expm1(-rate * stage_2 * float(hazards.blister_hardening(0.0, stage_2)))) / blistered


@case(id="injury-crouse-1993-appalachian-trail", title="Appalachian Trail 2,000-milers of 1987-88: hikers with leg "
      "and joint pain or other injuries over the whole trail", topic="injury",
      source="Crouse BJ, Josephs D (1993) Health care needs of Appalachian Trail hikers, J Fam Pract 36:521-525 "
             "(abstract: 'injuries and illnesses were reported by 82% of the respondents', an average loss of 4.7 days "
             "of hiking); figures from the paper as reported by Vernier VG, 'Walking well: common AT health problems', "
             "gorp.com: 180 of the 224 hikers who completed the trail in 1987 or 1988 answered, 80 % men, "
             "thru-hikers 34 years old on average; 'leg and joint pain from the effort and the terrain occurred in 62 "
             "percent of hikers'; blisters in 53 % (structured question); 163 days on the trail on average",
      observed=62.0, low=55.0, high=88.0, unit="% injured",
      tolerance="from 62 % with leg and joint pain (binomial 95 % lower limit for 180 hikers, 55 %) to 82 % with any "
                "injury or illness (upper limit 88 %): the share with a foot or leg injury lies between",
      method="models.hazards.injury_hazard over 3,380 km (the trail's 2,100 miles of the late 1980s, from memory), "
             "terrain factor 1.2 (light brush in models.walking.TERRAIN_FACTORS, the judgement taken for Reynolds et "
             "al.'s cross-country march), 20 kg on a 75 kg hiker (ESTIMATE: packs of the 1980s with food and water, "
             "most hikers men), at their own pace (effort 1), on feet new to the walk at the start (the blisters' "
             "share hardening over the 3,380 km)",
      constrains=("models.hazards.injury_hazard", "models.hazards.blister_hardening"),
      note=("Fails (99.1 %; 99.9 % before the blisters hardened): the rate per km of feet new to marching, fitted to a "
           "5-day march, hardens only in its blisters' share (48 %, models.hazards.blister_hardening, fitted to a "
           "stage race's blisters by stage: case injury-lipman-2016-blister-time-course); the rest, foot pain, sprains"
           " and stress injuries, is kept for five months.  To give 62-82 % over the trail the mean rate per km would "
           "have to be 15-26 % of the first days' (Reynolds et al.'s rate, scaled to this load and ground), which that"
           " rest's hardening too would give (Knapik et al. 1992 name a unit 'without recent road marching training' "
           "as the reason for their soldiers' injuries; on RacingThePlanet's stage races musculoskeletal and skin "
           "injuries peaked on days 3-4 and were few on the last, longest stage: Krabak et al. 2011, Med Sci Sports "
           "Exerc 43:2314, abstract, no rates by stage in it).  Applied to the whole rate, the blisters' hardening "
           "distance (92 km) would give 32 %, too few: the rest hardens more slowly, over 300 km or more for the "
           "trail's 55 %, a number no source gives.  Searched and not usable for a fit: the weekly stress fractures of"
           " 701,027 US Army recruits (J Athl Train 2021, 56:1278, abstract: rising steeply in weeks 3-4, peaking in "
           "weeks 5-8, falling after, a course set by the training's rising load, with no distance walked); the "
           "Nijmegen Four Days Marches' dropouts per day (2023: 732, 1,788, 1,354 and 470 of ~43,000, the second day "
           "humid: four days show weather, not hardening); injury incidence by week of basic training (Jones et al. "
           "1993, Med Sci Sports Exerc 25:197; Almeida et al. 1999; abstracts give no weekly rates against distance, "
           "and the training load rises week by week); novice runners' distance to a first injury (Nielsen et al. "
           "2014, Br J Sports Med 48:440: 252 of 927 injured over 163,401 km, no curve in the abstract); ten marathons"
           " on ten days (Small K, Relph N 2018, J Athl Enhanc 7(1), abstract: 108 injuries in 26 runners, 'more "
           "injuries in days 1-3 than days 4-6 (p=0.013) and days 7-10 (p=0.001)', no counts by day), which says the "
           "soft-tissue rate falls after the first ~130 km but not by how much; and the Appalachian Trail's later "
           "surveys (Boulware DR et al. 2003, Am J Med 114:288: acute joint pain in 36 % of 280 hikers; a survey of "
           "1,295 hikers reported with 61 % musculoskeletal complaints, the citation not checked here), with no time "
           "course.  The endpoints also differ: a survey of recalled problems against injuries brought to medics; the "
           "survey's blisters (53 %), as many as the John Muir Trail's after 272 km (57 %, Spano SJ et al. 2018, "
           "Wilderness Environ Med 29:203), agree with blisters that come in the first few hundred km."))
def _appalachian_trail() -> float:
    return 100.0 * float(-np.expm1(-hazards.injury_hazard(3_380_000.0, 1.2, 20.0 / 75.0)))
