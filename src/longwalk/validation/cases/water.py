"""Validation cases: water and heat (see longwalk.validation).

Predictions go through :func:`longwalk.models.water.daily_water_loss` (the same day the engine's
``compose.daily_water_loss`` computes) and the dehydration hazard; the heat cases and the walks without water through
:func:`longwalk.models.water.transient_heat_strain` and :func:`~longwalk.models.water.heat_tolerance_hours` (ISO 7933
PHS minute by minute; the latter is the engine's limit on walking hours in the heat).  The day's temperatures follow
the engine's diurnal rules (``engine.compose.walking_air_temperature``, ``resting_air_temperature`` and
``daylight_resting_hours``): a night walk at minimum + 25 % of the span, a day walk at + 85 %; the resting hours in
daylight at the mean of a sinusoidal day over the day length (the sun model, ``longwalk.atlas.sun``), those at night
at its mean over the night.
"""

from __future__ import annotations

import contextlib
import math
import warnings

import numpy as np

from longwalk.atlas.sun import day_length
from longwalk.engine.compose import SLEEP_HOURS
from longwalk.models import ModelRangeWarning, energy, walking, water
from longwalk.validation import case

_MASS, _HEIGHT = 70.0, 1.75  # an average man (Adolph's soldiers; Wiseman's reader)
_DESERT_RH = 0.15  # ESTIMATE: afternoon relative humidity of a hot desert (Sonoran summer ~10-20 %)
_DIURNAL_SPAN = 15.0  # ESTIMATE: desert day-night range [K] (Adolph's Colorado-desert camps: ~15 K)
_WIND = 2.0  # [m s-1] at 10 m; air speed at the body 2/3 of it, as the engine
# Adolph's camp at Blythe, California (33.6° N; the Rochester Desert Unit's summers of 1942-45, as reviewed in JAMA,
# jamanetwork.com article 1180637): the day length of mid-July, 14.2 h by the sun model
_DESERT_DAY_LENGTH = float(day_length(33.6, 196))
_ADOLPH_TABLE = ("Adolph EF et al. 1947, Physiology of Man in the Desert, survival table as reproduced in US Army "
                 "FM 21-76 Survival (1970), 'expected days of survival, no walking at all, no water' [M: the table "
                 "as commonly reproduced; 110 °F = 3 days confirmed in Nesbitt, Pond & Allen 1959, The Survival "
                 "Book, p. 14, as quoted on forums.equipped.org]")


@contextlib.contextmanager
def _quiet():
    """Extrapolation is intended here (deficits and temperatures beyond the models' calibrated ranges)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ModelRangeWarning)
        yield


def _resting_day(t_min, t_max, day_hours, walk_hours, night):
    """The resting day as the engine composes it (engine.compose.daily_water_loss): keywords of
    models.water.daily_water_loss for the air in daylight and at night, the daylight resting hours and the sleep."""
    return dict(resting_air_temperature=float(water.diurnal_mean_air_temperature(t_min, t_max, day_hours)),
                night_air_temperature=float(water.diurnal_mean_air_temperature(t_min, t_max, 24.0 - day_hours,
                                                                               warm=False)),
                daylight_resting_hours=float(water.daylight_resting_hours(walk_hours, day_hours, night)),
                sleeping_hours=min(SLEEP_HOURS, 24.0 - walk_hours), sleeping_by_day=night and walk_hours > 0.0)


def _desert_day(t_max, walk_hours=0.0, night=True, speed=1.2, load=5.0, sun=True, terrain=1.1, water_deficit=0.0):
    """The day's water loss [kg] of a 70 kg man in a hot desert, composed as the engine composes it; sweat and urine
    at ``water_deficit`` (0 for one who drinks as he likes)."""
    t_min = t_max - _DIURNAL_SPAN
    t_walk = t_min + (0.25 if night else 0.85) * _DIURNAL_SPAN
    power = float(walking.walking_metabolic_rate(speed, 0.0, _MASS, load, terrain)) if walk_hours > 0 else 0.0
    t_rad = t_walk + water.SUN_RADIANT_EXCESS if (sun and not night) else t_walk
    return water.daily_water_loss(_MASS, _HEIGHT, power, walk_hours, speed, t_walk, relative_humidity=_DESERT_RH,
                                  air_speed=_WIND * 2.0 / 3.0, clothing_insulation=0.5,
                                  walking_radiant_temperature=t_rad, water_deficit=water_deficit,
                                  **_resting_day(t_min, t_max, _DESERT_DAY_LENGTH, walk_hours, night))


def _fasting_water_gain():
    """Water made and freed per day by a fasting man [kg]: 2,000 kcal, 85 % from fat, 15 % from lean tissue
    (ESTIMATE of a fasting fuel mix after Cahill 1970, [M]), each at the energy density the energy model books for
    it in a fast (models.energy.RHO_FAT; lean tissue as protein with its water, RHO_LEAN_FASTING, of which
    LEAN_PROTEIN_FRACTION is protein), the lean tissue's water freed (models.water.tissue_water_release) as the
    engine frees it (engine.compose)."""
    fat = 0.85 * 2000.0 / energy.RHO_FAT
    lean = 0.15 * 2000.0 / energy.RHO_LEAN_FASTING
    return float(water.metabolic_water(fat, 0.0, energy.LEAN_PROTEIN_FRACTION * lean)
                 + water.tissue_water_release(lean))


_DEFICITS = np.linspace(0.0, 0.35, 71)  # [-] the grid on which the day's loss is computed for the survival cases


def _median_survival_days(t_max, daily_loss):
    """Days until half of those losing ``daily_loss`` [kg day-1] at each deficit of :data:`_DEFICITS` have died of
    dehydration (the cumulative models.water.dehydration_hazard reaches ln 2), the deficit growing through the day
    at the rate of the deficit reached."""
    dt = 0.01
    cumulative, t, deficit = 0.0, 0.0, 0.0
    net = np.asarray(daily_loss) - _fasting_water_gain()
    while cumulative < math.log(2.0) and t < 60.0:
        t += dt
        deficit = min(deficit + float(np.interp(deficit, _DEFICITS, net)) * dt / _MASS, 0.35)
        cumulative += float(water.dehydration_hazard(deficit, t_max)) * dt
    return t


def _resting_survival(t_max):
    with _quiet():
        return _median_survival_days(t_max, _desert_day(t_max, water_deficit=_DEFICITS).total)


_REST_METHOD = ("models.water.daily_water_loss of a 70 kg man resting all day in shade (1.2 met awake, 8 h asleep at "
                "night at 0.8 met, 0.5 clo), the day 15 K warmer than the night, 15 % RH, 1.3 m s-1 air; the 14.2 h "
                "of daylight at the mean of a sinusoidal day over them, the night at its mean over the night; urine "
                "and sweat at the deficit reached (models.water.urine_loss, the core raised by "
                "models.water.dehydration_core_rise); fasting metabolic and tissue water added back; median survival "
                "where the cumulative models.water.dehydration_hazard reaches ln 2")
_REST_CONSTRAINS = ("models.water.daily_water_loss", "models.water.lethal_water_deficit",
                    "models.water.DEHYDRATION_HAZARD_SHAPE", "models.water.diurnal_mean_air_temperature",
                    "models.water.urine_loss", "models.water.dehydration_core_rise",
                    "engine.compose.resting_air_temperature")
_REST_TOLERANCE = "× / ÷ 1.5: a judgement; the table gives rounded expectations for an average man, no spread"


@case(id="water-rest-survival-49c", title="No water, resting in shade, 49 °C maximum: days of survival",
      topic="water", source=_ADOLPH_TABLE + ": 120 °F, 2 days", observed=2.0, low=2.0 / 1.5, high=3.0, unit="days",
      tolerance=_REST_TOLERANCE, method=_REST_METHOD, constrains=_REST_CONSTRAINS)
def _rest_49() -> float:
    return _resting_survival(49.0)


@case(id="water-rest-survival-43c", title="No water, resting in shade, 43 °C maximum: days of survival",
      topic="water", source=_ADOLPH_TABLE + ": 110 °F, 3 days", observed=3.0, low=2.0, high=4.5, unit="days",
      tolerance=_REST_TOLERANCE, method=_REST_METHOD, constrains=_REST_CONSTRAINS)
def _rest_43() -> float:
    return _resting_survival(43.0)


@case(id="water-rest-survival-38c", title="No water, resting in shade, 38 °C maximum: days of survival",
      topic="water", source=_ADOLPH_TABLE + ": 100 °F, 5 days", observed=5.0, low=5.0 / 1.5, high=7.5, unit="days",
      tolerance=_REST_TOLERANCE, method=_REST_METHOD, constrains=_REST_CONSTRAINS,
      note="Passes (3.45 days; 3.33, just outside, when the fasting man's water from his lean tissue was reckoned "
           "at Hall's 1,816 kcal/kg, half the lean tissue the energy model books in a fast at 888 kcal/kg, "
           "models.energy.RHO_LEAN_FASTING: 0.47 kg a day made and freed instead of 0.33).  The man rests "
           "through the 14.2 h of a July daylight at its sinusoidal mean, 34.4 °C, and sweats 2.8 kg a day while "
           "he still has water in him, 2.5 kg at a deficit of 8 % (the core 1.3 °C warmer, the skin with it, "
           "shedding more heat dry); his urine falls from 1.2 to 0.5 kg by a 5 % deficit "
           "(models.water.urine_loss).  It lies near the band's lower edge, the table's 5 days divided by 1.5: "
           "asleep through the heat of the day instead of the night he would last longer, so where a resting man "
           "sleeps moves the answer by about as much as the gap.  The same day passes the Army's and Brown's "
           "charts of men who drank freely (water-army-1959-rest-shade-30c, water-brown-1947-rest-shade-30c).")
def _rest_38() -> float:
    return _resting_survival(38.0)


@case(id="water-rest-survival-32c", title="No water, resting in shade, 32 °C maximum: days of survival",
      topic="water", source=_ADOLPH_TABLE + ": 90 °F, 7 days", observed=7.0, low=7.0 / 1.5, high=10.5, unit="days",
      tolerance=_REST_TOLERANCE, method=_REST_METHOD, constrains=_REST_CONSTRAINS)
def _rest_32() -> float:
    return _resting_survival(32.0)


_WISEMAN = ("Wiseman J, SAS Survival Handbook, 'Life expectancy in the desert' (reproduced at "
            "sheepdogia.org/life-expectancy-in-the-desert), after Adolph 1947")


@case(id="water-rest-survival-cool", title="No water, resting, below 21 °C: days of survival",
      topic="water", source=_WISEMAN + ": 'as long as 12 days if the temperature stays below 21 °C'",
      observed=12.0, low=8.0, high=18.0, unit="days", tolerance=_REST_TOLERANCE, method=_REST_METHOD,
      constrains=_REST_CONSTRAINS,
      note="In the cool the day's loss is breath, skin and urine (1.2 kg of urine falling to 0.5 kg by a 5 % "
           "deficit, models.water.urine_loss) less fasting metabolic and tissue water (0.47 kg a day, lean tissue "
           "lost at the energy model's fasting density, models.energy.RHO_LEAN_FASTING; 15.2 days when it was "
           "reckoned at Hall's 1,816 kcal/kg, 16.1 days before that when the urine was the obligatory 0.5 kg "
           "throughout).  The lethal deficit in the cool is the middle of the reported 15-25 % "
           "(models.water.lethal_water_deficit); with NAVEDTRA's 25 % (the most tolerated, not the median) as the "
           "median it would be longer still.  Longer than the manuals' 10-12 days, near the band's upper edge: the "
           "median is an estimate from a range.")
def _rest_cool() -> float:
    return _resting_survival(21.0)


def _distance_to_collapse(night):
    """km walked at 1.2 m s-1, up to 8 h a day (by night, resting in shade by day; or by day in the sun), without
    water, until the walker collapses: heat exhaustion (models.water.heat_tolerance_hours, the engine's limit on
    walking hours in the heat) or a deficit of 10 % of body mass ('inability to walk', US Navy NAVEDTRA)."""
    with _quiet():
        t_max = 48.0
        t_min = t_max - _DIURNAL_SPAN
        t_walk = t_min + (0.25 if night else 0.85) * _DIURNAL_SPAN
        t_rad = t_walk if night else t_walk + water.SUN_RADIANT_EXCESS
        power = float(walking.walking_metabolic_rate(1.2, 0.0, _MASS, 5.0, 1.1))
        m_area = power / float(water.body_surface_area(_MASS, _HEIGHT))
        lost, km = 0.0, 0.0
        for _ in range(10):  # days: walk, then rest
            day = _desert_day(t_max, walk_hours=8.0, night=night, water_deficit=lost / _MASS)
            walk_rate = (float(day.sweat_walking) + float(day.respiratory) * 8.0 / 24.0) / 8.0  # kg h-1 walking
            rest_rate = (float(day.total) - walk_rate * 8.0 - _fasting_water_gain()) / 16.0  # kg h-1 the rest
            args = (t_walk, _DESERT_RH, _WIND * 2.0 / 3.0, m_area, 0.5)
            kw = dict(radiant_temperature=t_rad, walking_speed=1.2, body_mass=_MASS, height=_HEIGHT,
                      water_deficit=lost / _MASS, drinking=False)
            hours = float(water.heat_tolerance_hours(*args, 8.0, **kw))
            walked = float(water.transient_heat_strain(*args, max(hours, 1.0 / 60.0), **kw).water_loss)
            to_ten = max(0.10 * _MASS - lost, 0.0) / max(walked / max(hours, 1e-9), 1e-9)
            km += min(hours, to_ten) * 1.2 * 3.6
            if hours < 8.0 or to_ten <= hours:
                return km  # collapsed: heat exhaustion, or too dry to walk
            lost += walked
            lost += rest_rate * 16.0
            if lost >= 0.10 * _MASS:
                return km
        return km


_WALK_METHOD = ("models.water.heat_tolerance_hours and transient_heat_strain (ISO 7933 PHS minute by minute, the "
                "deficit raising the core 0.16 °C per 1 % and lowering the tolerated 39 °C by 0.08) for walking at "
                "1.2 m s-1 with 5 kg (LCDA, 175 W m-2) at 48 °C maximum, 15 % RH, 0.5 clo, without water, by night "
                "(air at min + 25 % of the span, rest in shade by day, models.water.daily_water_loss) or by day in "
                f"the sun (air + 85 %, radiant + {water.SUN_RADIANT_EXCESS:g} K); distance covered until heat "
                "exhaustion or a deficit of 10 % of body mass")


@case(id="water-night-walk-48c-distance", title="No water at 48 °C, walking only by night: distance before collapse",
      topic="water", source=_WISEMAN + ": 'walking only at night, resting all day, you could cover 40 km'",
      observed=40.0, low=20.0, high=60.0, unit="km",
      tolerance="± 50 %: a judgement; a survival manual's rounded figure without spread", method=_WALK_METHOD,
      constrains=("models.water.daily_water_loss", "models.water.heat_tolerance_hours",
                  "models.water.HEAT_EXHAUSTION_CORE", "models.water.dehydration_core_rise"))
def _night_walk() -> float:
    return _distance_to_collapse(True)


@case(id="water-day-walk-48c-distance", title="No water at 48 °C, walking by day: distance before collapse",
      topic="water", source=_WISEMAN + ": 'attempting to walk by day you would be lucky to complete 8 km before you "
                                       "collapse'",
      observed=8.0, low=4.0, high=12.0, unit="km",
      tolerance="± 50 %: a judgement; a survival manual's rounded figure without spread", method=_WALK_METHOD,
      constrains=("models.water.heat_tolerance_hours", "models.water.HEAT_EXHAUSTION_CORE",
                  "models.water.dehydration_core_rise", "models.water.HYPOHYDRATION_TOLERANCE_DROP"),
      note="In dry desert air the walk stays compensable (ISO 7933 steady core ≈ 37.2 °C); what stops the day walker "
           "is heat exhaustion: PHS's transient settles the core near 38.2 °C in the sun, and the water lost without "
           "drinking raises it (Pflügers Arch 2000) while lowering what is tolerated (Sawka et al. 1992).  With only "
           "the 10 % water limit the walker covered 31 km.")
def _day_walk() -> float:
    return _distance_to_collapse(False)


def _stull_wet_bulb(t, rh):
    """Psychrometric wet-bulb temperature [°C] (Stull 2011, J Appl Meteor Climatol 50:2267, eq. 1)."""
    r = rh * 100.0
    return (t * math.atan(0.151977 * math.sqrt(r + 8.313659)) + math.atan(t + r) - math.atan(r - 1.676331)
            + 0.00391838 * r ** 1.5 * math.atan(0.023101 * r) - 4.686035)


@case(id="water-tbmed507-moderate-work-cat1", title="Sweat of moderate work in the shade, heat category 1",
      topic="water",
      source="US Army TB MED 507 (2003) / Soldier heat-stress guidance table (irwin.amedd.army.mil/pages/wbgt.htm): "
             "heat category 1 (WBGT 78-81.9 °F), moderate work (walking hard surface 3.5 mph, < 40 lb): 3/4 qt h-1, "
             "minus 1/4 qt h-1 in full shade",
      observed=0.5 * 0.946, low=0.25 * 0.946, high=0.75 * 0.946, unit="L h-1",
      tolerance="± 1/4 qt h-1: the table's own individual variation",
      method="models.water.sweat_rate + respiratory_water_loss, 70 kg man walking 1.56 m s-1 (3.5 mph) with 15 kg "
             "(LCDA) in shade at 33 °C, 50 % RH (indoor WBGT 0.7 Twb + 0.3 Ta = 27.1 °C = 80.8 °F with Stull's "
             "wet bulb), 0.6 clo, 1 m s-1 air, acclimatised",
      constrains=("models.water.sweat_rate", "models.water.respiratory_water_loss"))
def _tbmed507() -> float:
    ta, rh = 33.0, 0.5
    assert 78.0 <= (0.7 * _stull_wet_bulb(ta, rh) + 0.3 * ta) * 1.8 + 32.0 < 82.0  # heat category 1
    speed = 3.5 * 0.44704
    power = float(walking.walking_metabolic_rate(speed, 0.0, _MASS, 15.0, 1.0))
    area = float(water.body_surface_area(_MASS, _HEIGHT))
    sw = water.sweat_rate(ta, rh, 1.0, power / area, 0.6, walking_speed=speed)
    return float(water.sweat_loss(sw, area, 1.0) + water.respiratory_water_loss(ta, rh, power, 1.0))


_AMOS = ("Amos D et al. 2000, Physiological and cognitive performance of soldiers conducting routine patrol and "
         "reconnaissance operations in the tropics, Mil Med 165(12):961-966 (abstract)")
_PATROL = dict(ta=31.5, rh=0.55, speed=1.0, load=20.0, clo=0.8)  # 30-33 °C, 52-59 %; patrol pace and kit: ESTIMATE


def _patrol():
    p = _PATROL
    power = float(walking.walking_metabolic_rate(p["speed"], 0.0, 75.0, p["load"], 1.2))
    area = float(water.body_surface_area(75.0, 1.78))
    return water.heat_strain(p["ta"], p["rh"], 1.0, power / area, p["clo"],
                             radiant_temperature=p["ta"] + water.SUN_RADIANT_EXCESS, walking_speed=p["speed"]), area


@case(id="water-tropical-patrol-sweat", title="Sweat rate of soldiers on patrol in the tropics", topic="water",
      source=_AMOS + ": sweat rates of approximately 9 g kg-1 h-1 on patrol, 30-33 °C, 52-59 % RH, moderate to "
                     "high solar radiation",
      observed=9.0, low=6.0, high=12.0, unit="g kg-1 h-1",
      tolerance="± 3 g kg-1 h-1: a judgement (between-soldier spread of sweat rates is typically ± 30 %); the "
                "patrol's pace and kit are not given",
      method="models.water.heat_strain: 75 kg soldier walking 1.0 m s-1 with 20 kg on rough ground (η 1.2, LCDA), "
             f"31.5 °C, 55 % RH, sun (radiant + {water.SUN_RADIANT_EXCESS:g} K), 0.8 clo uniform, 1 m s-1 air",
      constrains=("models.water.sweat_rate",))
def _patrol_sweat() -> float:
    hs, area = _patrol()
    return float(water.sweat_loss(hs.sweat_rate_w, area, 1.0)) * 1000.0 / 75.0


@case(id="heat-tropical-patrol-core", title="Core temperature of soldiers on patrol in the tropics", topic="heat",
      source=_AMOS + ": rectal temperature peaked at 38.2 °C on patrol",
      observed=38.2, low=37.7, high=38.7, unit="°C",
      tolerance="± 0.5 °C: a judgement (the between-subject SD of rectal temperature in such marches is "
                "0.3-0.4 °C, Hunt et al. 2016); patrol pace and kit are estimates",
      method="models.water.transient_heat_strain (ISO 7933 PHS minute by minute from rest): the core at the end of a "
             "4-h patrol, as water-tropical-patrol-sweat (the core settles within the first hour, so the patrol's "
             "length, not in the abstract, hardly matters: ESTIMATE)",
      constrains=("models.water.transient_heat_strain",),
      note="The source reports the peak; the steady-state core of equilibrium_core_temperature (36.6 + 0.0036 M, "
           "37.3 °C) is a different quantity and stood here before.  PHS's transient settles higher, by the heat "
           "stored while sweating catches up with the load; it predicts the average soldier, the peak of the "
           "group lies a little above.")
def _patrol_core() -> float:
    p = _PATROL
    power = float(walking.walking_metabolic_rate(p["speed"], 0.0, 75.0, p["load"], 1.2))
    area = float(water.body_surface_area(75.0, 1.78))
    return float(water.transient_heat_strain(p["ta"], p["rh"], 1.0, power / area, p["clo"], 4.0,
                                             radiant_temperature=p["ta"] + water.SUN_RADIANT_EXCESS,
                                             walking_speed=p["speed"], body_mass=75.0, height=1.78).core_temperature)


@case(id="heat-loaded-march-core", title="Core temperature after 50 min of a loaded march at WBGT 23 °C",
      topic="heat",
      source="Hunt AP, Billing DC, Patterson MJ, Caldwell JN 2016, PubMed 27857960 (abstract, seen at "
             "ai-bt.com): 10 km at ~5.5 km h-1 carrying 41.8 kg in 23.1 °C WBGT; core 37.94 ± 0.37 °C after 50 min "
             "in the 23 soldiers who completed it",
      observed=37.94, low=37.94 - 0.37, high=37.94 + 0.37, unit="°C",
      tolerance="± 1 SD of the completers (0.37 °C)",
      method="models.water.transient_heat_strain (ISO 7933 PHS minute by minute from rest, 50 min): 80 kg, 1.80 m "
             "soldier at 1.53 m s-1 with 41.8 kg (LCDA), 26 °C air, 60 % RH, "
             f"sun (radiant + {water.SUN_RADIANT_EXCESS:g} K) — WBGT about "
             "23 °C — 0.8 clo, 1 m s-1 air",
      constrains=("models.water.transient_heat_strain",),
      note="Air temperature and humidity are not in the abstract; 26 °C / 60 % in sun gives WBGT ≈ 23 °C.  The "
           "steady state (equilibrium_core_temperature) gives 37.7 °C; the 50-min transient is the like-for-like "
           "prediction.")
def _march_core() -> float:
    with _quiet():
        speed = 5.5 / 3.6
        power = float(walking.walking_metabolic_rate(speed, 0.0, 80.0, 41.8, 1.0))
        area = float(water.body_surface_area(80.0, 1.80))
        return float(water.transient_heat_strain(26.0, 0.6, 1.0, power / area, 0.8, 50.0 / 60.0,
                                                 radiant_temperature=26.0 + water.SUN_RADIANT_EXCESS,
                                                 walking_speed=speed, body_mass=80.0, height=1.80).core_temperature)



_MUDAMBO = ("Mudambo et al. 1997 as quoted in Institute of Medicine (2005) Dietary Reference Intakes for Water, "
            "Potassium, Sodium, Chloride, and Sulfate, National Academies Press, ch. 4 p. 128: 'the daily fluid intake "
            "of soldiers performing either \"normal\" work (~ 3,350 kcal/day) or physical training (~ 5,500 "
            "kcal/day) over a 12-day period in hot climate (mean daytime conditions 40 °C [104 °F] and 29 percent "
            "relative humidity) averaged approximately 7 and 11 L/day'")
_FOOD_WATER = 0.5  # ESTIMATE [kg day-1]: water in field rations eaten (mostly dry food), not counted as fluid intake
# Zimbabwean soldiers in the African bush (Mudambo, Scrimgeour & Rennie 1997, Eur J Appl Physiol 76:346, abstract:
# Army HQ, Harare); the month is not in the abstract: ESTIMATE October, when such heat comes before the rains; the day
# length at Harare (17.8° S) on 15 October by the sun model, 12.5 h
_ZIMBABWE_DAY_LENGTH = float(day_length(-17.8, 288))


def _hot_work_fluid(energy_per_day: float, speed: float, load: float) -> float:
    """Fluid [L day-1] a 70 kg soldier must drink to replace the day's loss (models.water.daily_water_loss) when he
    spends ``energy_per_day`` [kcal]: 1.4 × resting rate off work, walking at ``speed`` with ``load`` in the day's
    sun for the hours that make up the rest (a judgement of what 'work' was), less metabolic and food water."""
    rmr = float(energy.resting_metabolic_rate(_MASS, _HEIGHT, 25.0, 1))
    power = float(walking.walking_metabolic_rate(speed, 0.0, _MASS, load, 1.0))
    off_work = 1.4 * rmr / 24.0  # [kcal h-1]
    hours = (energy_per_day - 1.4 * rmr) / (power * 3600.0 / energy.KCAL - off_work)
    t_min = 40.0 - _DIURNAL_SPAN  # the source's 40 °C is the day's maximum
    t_walk = t_min + 0.85 * _DIURNAL_SPAN
    with _quiet():
        loss = float(water.daily_water_loss(_MASS, _HEIGHT, power, hours, speed, t_walk, relative_humidity=0.29,
                                            air_speed=_WIND * 2.0 / 3.0, clothing_insulation=0.6,
                                            walking_radiant_temperature=t_walk + water.SUN_RADIANT_EXCESS,
                                            **_resting_day(t_min, 40.0, _ZIMBABWE_DAY_LENGTH, hours, False)).total)
    return loss - _ration_water(energy_per_day)


def _ration_water(energy_per_day: float) -> float:
    """Water made by burning a day's food and held in it [kg]: a mixed diet's fuel, 30 % of energy from fat, 55 %
    carbohydrate, 15 % protein (ESTIMATE of a ration; models.water.metabolic_water), and :data:`_FOOD_WATER`."""
    made = float(water.metabolic_water(0.30 * energy_per_day / 9400.0, 0.55 * energy_per_day / 4000.0,
                                       0.15 * energy_per_day / 4000.0))
    return made + _FOOD_WATER


_MUDAMBO_METHOD = ("models.water.daily_water_loss of a 70 kg, 1.75 m soldier: off work at 1.4 × resting rate, at work "
                   f"walking in the sun (radiant + {water.SUN_RADIANT_EXCESS:g} K, air at min + 85 % of a 15 K day, "
                   "40 °C maximum, 29 % RH, 0.6 clo, 1.3 m s-1 air) for the hours that make up the day's energy; off "
                   "work in shade, in the daylight not worked (12.5 h of daylight at Harare in October) at the "
                   "daylight's sinusoidal mean and at night at the night's, 8 h asleep at night; less metabolic water "
                   "(a mixed ration, models.water.metabolic_water) and 0.5 kg of water in food (ESTIMATE)")


@case(id="water-mudambo-1997-hot-normal-work", title="Soldiers doing normal work for 12 days at 40 °C: fluid drunk a "
      "day", topic="water", source=_MUDAMBO + ": normal work, ~7 L/day",
      observed=7.0, low=5.6, high=8.4, unit="L day-1",
      tolerance="± 20 %, a judgement: the source gives an approximate mean without spread",
      method=_MUDAMBO_METHOD + "; work as walking at 1.34 m s-1 with 10 kg for ~4.9 h (3,350 kcal/day)",
      constrains=("models.water.daily_water_loss", "models.water.sweat_rate",
                  "models.water.diurnal_mean_air_temperature", "models.water.urine_loss",
                  "engine.compose.resting_air_temperature"),
      note="Passes since the resting day is split by the sun (4.8 L before).  The soldiers work ~4.9 h and sit the "
           "other 7.6 h of a 12.5-h daylight in the day's heat (its sinusoidal mean, 37.1 °C), and sleep 8 h of "
           "the night; the rule before put all ~19 h off work in the evening's 27.7 °C.  Their urine is that of "
           "men who drink as they like, 1.2 kg (6.2 L when it was the obligatory 0.5 kg).  The month is an "
           "estimate (October); 12 or 13 h of daylight give 6.89 or 6.93 L.")
def _mudambo_normal() -> float:
    return _hot_work_fluid(3350.0, 1.34, 10.0)


@case(id="water-mudambo-1997-hot-training", title="Soldiers in physical training for 12 days at 40 °C: fluid drunk a "
      "day", topic="water", source=_MUDAMBO + ": physical training, ~11 L/day",
      observed=11.0, low=8.8, high=13.2, unit="L day-1",
      tolerance="± 20 %, a judgement: the source gives an approximate mean without spread",
      method=_MUDAMBO_METHOD + "; training as walking at 1.56 m s-1 with 20 kg for ~10.3 h (5,500 kcal/day)",
      constrains=("models.water.daily_water_loss", "models.water.sweat_rate", "models.water.urine_loss"),
      note="What the training was is not in the source; walking stands for it, with its metabolic heat.  The urine "
           "is that of men who drink as they like, 1.2 kg (10.7 L when it was the obligatory 0.5 kg).")
def _mudambo_training() -> float:
    return _hot_work_fluid(5500.0, 1.56, 20.0)


_IOM_CHARTS = ("Institute of Medicine (2005) Dietary Reference Intakes for Water, Potassium, Sodium, Chloride, and "
               "Sulfate, National Academies Press, ch. 4 pp. 129-130, reading its Figures 4-16 and 4-17")
_BROWN = (_IOM_CHARTS + ": Brown 1947 (in Adolph et al., Physiology of Man in the Desert), soldiers' daily fluid "
          "requirements, 'experiments mostly conducted in desert climates': 'if the daily mean temperature was 30 °C "
          "(86 °F), the daily fluid requirements approximated ≈ 10 qt (9.5 L) if working 8 hours per day or ≈ 5 qt "
          "(4.5 L) if resting in the shade'")
_ARMY_1959 = (_IOM_CHARTS + ": U.S. Army (1959) chart of soldiers' daily water requirements: 'if the daily mean "
              "temperature was 30 °C (86 °F), the daily water requirements estimated in this graph approximate 12 qt "
              "(11.4 L) if working 8 hours per day and 4 qt (3.8 L) if resting in the shade' (top line: hard work in "
              "sun, 8 h/day)")
_CHART_TOLERANCE = ("± 20 %, a judgement: read from a chart in whole quarts, without spread; the two charts differ by "
                    "15-20 % at the same point")
_HARD_WORK = dict(speed=3.5 * 0.44704, load=40.0 * 0.4536)  # TB MED 507's hard work: hard surface, 3.5 mph, 40 lb


def _desert_fluid(walk_hours: float, speed: float = 1.2, load: float = 0.0) -> float:
    """Fluid [L day-1] a 70 kg, 1.75 m man of 25 must drink on a desert day of 30 °C mean (22.5-37.5 °C), resting in
    shade or walking ``walk_hours`` by day in the sun: models.water.daily_water_loss (as _desert_day), less the water
    made from and held in the day's food (1.4 × resting rate off work, LCDA walking)."""
    rmr = float(energy.resting_metabolic_rate(_MASS, _HEIGHT, 25.0, 1))
    power = float(walking.walking_metabolic_rate(speed, 0.0, _MASS, load, 1.0)) if walk_hours > 0 else 0.0
    energy_per_day = 1.4 * rmr * (24.0 - walk_hours) / 24.0 + power * walk_hours * 3600.0 / energy.KCAL
    with _quiet():
        loss = float(_desert_day(30.0 + _DIURNAL_SPAN / 2.0, walk_hours, night=False, speed=speed, load=load,
                                 terrain=1.0).total)
    return loss - _ration_water(energy_per_day)


_CHART_REST_METHOD = ("models.water.daily_water_loss of a 70 kg man resting all day in shade (1.2 met, 0.5 clo) on a "
                      "desert day of 30 °C mean (22.5-37.5 °C, 15 % RH, 1.3 m s-1 air, 14.2 h of daylight at Blythe "
                      "in July): daylight at the mean of a sinusoidal day over the day length, the night at its mean "
                      "over the night; less the water made from and held in the day's food (1.4 × resting rate)")
_CHART_WORK_METHOD = ("as the resting day, with 8 h of TB MED 507's hard work (walking a hard surface at 3.5 mph with "
                      "40 lb, LCDA) by day in the sun (air at min + 85 % of the span, "
                      f"radiant + {water.SUN_RADIANT_EXCESS:g} K) and the rest of the daylight and the night in shade")
_CHART_REST_NOTE = ("Of 4.54 kg lost, 2.63 kg is sweat in the 14.2 h of daylight at their sinusoidal mean (33.9 °C); "
                    "breath 0.35, skin 0.36 and urine 1.20 kg make the rest, less 0.81 kg of water made from and held "
                    "in the food: 3.73 L.  The urine is that of men who drink what they like, as these charts' did "
                    "(models.water.urine_loss: 600 mOsm at the 500 mOsm kg-1 of free-living men, 50 mL h-1); 3.03 L "
                    "when the model booked the obligatory 0.5 kg for everyone, 2.87 L under the rule before the "
                    "resting day was split by the sun.")

_CHART_CONSTRAINS = ("models.water.daily_water_loss", "models.water.sweat_rate",
                     "models.water.diurnal_mean_air_temperature", "models.water.urine_loss",
                     "models.water.FREE_DRINKING_URINE_OSMOLALITY", "engine.compose.resting_air_temperature")


@case(id="water-brown-1947-rest-shade-30c", title="Daily fluid of men resting in shade at a 30 °C daily mean",
      topic="water", source=_BROWN, observed=4.5, low=4.5 * 0.8, high=4.5 * 1.2, unit="L day-1",
      tolerance=_CHART_TOLERANCE, method=_CHART_REST_METHOD, constrains=_CHART_CONSTRAINS,
      note="Passes since the urine follows the deficit.  " + _CHART_REST_NOTE)
def _brown_rest() -> float:
    return _desert_fluid(0.0)


@case(id="water-army-1959-rest-shade-30c", title="Daily water of soldiers resting in shade at a 30 °C daily mean "
      "(US Army 1959)", topic="water", source=_ARMY_1959, observed=3.8, low=3.8 * 0.8, high=3.8 * 1.2,
      unit="L day-1", tolerance=_CHART_TOLERANCE, method=_CHART_REST_METHOD, constrains=_CHART_CONSTRAINS,
      note="Passes since the urine follows the deficit.  " + _CHART_REST_NOTE)
def _army_rest() -> float:
    return _desert_fluid(0.0)


@case(id="water-brown-1947-work-8h-30c", title="Daily fluid of men working 8 h a day at a 30 °C daily mean",
      topic="water", source=_BROWN, observed=9.5, low=9.5 * 0.8, high=9.5 * 1.2, unit="L day-1",
      tolerance=_CHART_TOLERANCE + "; Brown's work is not specified (IOM: no metabolic rates given)",
      method=_CHART_WORK_METHOD, constrains=_CHART_CONSTRAINS)
def _brown_work() -> float:
    return _desert_fluid(8.0, **_HARD_WORK)


@case(id="water-army-1959-hard-work-sun-8h-30c", title="Daily water of soldiers doing hard work in the sun 8 h a day "
      "at a 30 °C daily mean (US Army 1959)", topic="water", source=_ARMY_1959, observed=11.4, low=11.4 * 0.8,
      high=11.4 * 1.2, unit="L day-1", tolerance=_CHART_TOLERANCE, method=_CHART_WORK_METHOD,
      constrains=_CHART_CONSTRAINS,
      note="Fails (8.7 L; 8.0 L when the urine was the obligatory 0.5 kg for everyone, 6.9 L under the rule "
           "before the resting day was split by the sun).  Of 9.82 kg lost, 6.42 kg is sweat on the 8 h of work, "
           "1.15 kg in the 6.2 h of daylight left, at 33.9 °C in shade, and 1.2 kg the urine of a man who drinks "
           "as he likes.  The chart's hard work is not defined (IOM: no metabolic rates given); TB MED 507's hard "
           "work stands for it, walked without halts.  Brown's chart at the same point (9.5 L, "
           "water-brown-1947-work-8h-30c) is met; the two charts differ by a fifth.  The acute fall of urine in "
           "exercise and heat (20-60 %, IOM 2005 p. 83) would take it further away.  The sun's radiant "
           "temperature (models.water.SUN_RADIANT_EXCESS, 15 K, an ESTIMATE) moves it most: 9.1 L at 20 K, 9.5 L "
           "at 25 K, 10.0 L at 30 K, where water-mudambo-1997-hot-training, water-tropical-patrol-sweat and "
           "heat-loaded-march-core leave their bands; a measured desert peak is about +28 K, but no mean over a "
           "working day was found, so the constant is not moved for this case.")
def _army_work() -> float:
    return _desert_fluid(8.0, **_HARD_WORK)
