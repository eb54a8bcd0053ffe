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
             "most hikers men), at their own pace (effort 1)",
      constrains=("models.hazards.injury_hazard",),
      note="Fails (99.9 %): the rate per km, fitted to a 5-day march, is kept over five months.  Hikers harden to "
           "walking: to give 62-82 % over the trail the mean rate per km would have to be 15-26 % of the model's "
           "(Reynolds et al.'s rate, scaled to this load and ground), which a rate falling as feet and legs adapt "
           "would give (Knapik et al. 1992 name a unit 'without recent road marching training' as the reason for "
           "their soldiers' injuries).  No source found gives the time course of that hardening as a rate per km, so "
           "the model has none: fitting one to this survey would validate nothing.  Searched and not usable for a "
           "fit: the weekly stress fractures of 701,027 US Army recruits (J Athl Train 2021, 56:1278, abstract: "
           "rising steeply in weeks 3-4, peaking in weeks 5-8, falling after, a course set by the training's "
           "rising load, with no distance walked); the Nijmegen Four Days Marches' dropouts per day (2023: 732, "
           "1,788, 1,354 and 470 of ~43,000, the second day humid: four days show weather, not hardening); skin "
           "toughening under rubbing complete within 7 days (MacKenzie 1974, mouse ears, as reviewed at "
           "blister-prevention.com).  The nearest independent evidence of the hardening is a survey of another "
           "trail's hikers, which reports prevalence, not a time course: of 771 who finished the John Muir Trail "
           "in 2014 (272 km on average in 15 days) 57 % had blisters (Spano SJ et al. 2018, Wilderness Environ Med "
           "29:203, abstract), as many as the AT's 2,000-milers after twelve times the distance (53 %), so the "
           "blisters of a long walk come in its first few hundred km; its 57 % with 'illness or injury' counts "
           "altitude illness and sleep problems too, so it cannot set the rate.  The endpoints also differ: a "
           "survey of recalled problems against injuries brought to medics.")
def _appalachian_trail() -> float:
    return 100.0 * float(-np.expm1(-hazards.injury_hazard(3_380_000.0, 1.2, 20.0 / 75.0)))
