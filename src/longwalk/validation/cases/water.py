"""Validation cases: water and heat (see longwalk.validation).

Predictions go through :func:`longwalk.models.water.daily_water_loss` (the same day the engine's
``compose.daily_water_loss`` computes) and the dehydration hazard; the heat cases and the walks without water through
:func:`longwalk.models.water.transient_heat_strain` and :func:`~longwalk.models.water.heat_tolerance_hours` (ISO 7933
PHS minute by minute; the latter is the engine's limit on walking hours in the heat).  The day's temperatures follow
the engine's diurnal rules (``engine.compose.walking_air_temperature`` and ``resting_air_temperature``): a night walk
at minimum + 25 % of the span, a day walk at + 85 %, rest through the day's heat at + 82 % (the warm half of a
sinusoidal day).
"""

from __future__ import annotations

import contextlib
import math
import warnings

from longwalk.models import ModelRangeWarning, walking, water
from longwalk.validation import case

_MASS, _HEIGHT = 70.0, 1.75  # an average man (Adolph's soldiers; Wiseman's reader)
_DESERT_RH = 0.15  # ESTIMATE: afternoon relative humidity of a hot desert (Sonoran summer ~10-20 %)
_DIURNAL_SPAN = 15.0  # ESTIMATE: desert day-night range [K] (Adolph's Colorado-desert camps: ~15 K)
_WIND = 2.0  # [m s-1] at 10 m; air speed at the body 2/3 of it, as the engine
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


def _desert_day(t_max, walk_hours=0.0, night=True, speed=1.2, load=5.0, sun=True):
    """The day's water loss [kg] of a 70 kg man in a hot desert, composed as the engine composes it."""
    t_min = t_max - _DIURNAL_SPAN
    t_walk = t_min + (0.25 if night else 0.85) * _DIURNAL_SPAN
    warm_rest = night or walk_hours <= 0.0
    t_rest = t_min + (0.5 + 1.0 / math.pi if warm_rest else 0.5 - 1.0 / math.pi) * _DIURNAL_SPAN
    power = float(walking.walking_metabolic_rate(speed, 0.0, _MASS, load, 1.1)) if walk_hours > 0 else 0.0
    t_rad = t_walk + 15.0 if (sun and not night) else t_walk
    return water.daily_water_loss(_MASS, _HEIGHT, power, walk_hours, speed, t_walk, t_rest, _DESERT_RH,
                                  _WIND * 2.0 / 3.0, 0.5, walking_radiant_temperature=t_rad)


def _fasting_water_gain():
    """Water made and freed per day by a fasting man [kg]: 2,000 kcal, 85 % from fat (9.4 kcal g-1), 15 % from lean
    tissue (1.8 kcal g-1, Hall 2008) of which 27 % protein — ESTIMATE of a fasting fuel mix (Cahill 1970, [M])."""
    fat = 0.85 * 2000.0 / 9400.0
    lean = 0.15 * 2000.0 / 1800.0
    return float(water.metabolic_water(fat, 0.0, 0.27 * lean) + water.tissue_water_release(lean))


def _median_survival_days(t_max, daily_loss):
    """Days until half of those losing ``daily_loss`` [kg day-1] have died of dehydration (the cumulative
    models.water.dehydration_hazard reaches ln 2), the deficit growing linearly through the day."""
    dt = 0.01
    cumulative, t = 0.0, 0.0
    net = daily_loss - _fasting_water_gain()
    while cumulative < math.log(2.0) and t < 60.0:
        t += dt
        frac = min(net * t / _MASS, 0.35)
        cumulative += float(water.dehydration_hazard(frac, t_max)) * dt
    return t


def _resting_survival(t_max):
    with _quiet():
        return _median_survival_days(t_max, float(_desert_day(t_max).total))


_REST_METHOD = ("models.water.daily_water_loss of a 70 kg man resting all day in shade (1.2 met, 0.5 clo), the day "
                "15 K warmer than the night, 15 % RH, 1.3 m s-1 air; fasting metabolic and tissue water added back; "
                "median survival where the cumulative models.water.dehydration_hazard reaches ln 2")
_REST_CONSTRAINS = ("models.water.daily_water_loss", "models.water.lethal_water_deficit",
                    "models.water.DEHYDRATION_HAZARD_SHAPE", "engine.compose.resting_air_temperature")
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
      note="Resting sweat in shade follows ISO 7933 (PHS) hour by hour; if this fails, the model loses water faster "
           "than Adolph's men at moderate heat — dehydration lowering the sweat rate (Sawka 2007) is not modelled.")
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
      note="In the cool the day's loss is breath, skin and urine (about 1 kg) less fasting metabolic water.  The "
           "lethal deficit in the cool is the middle of the reported 15-25 % (models.water.lethal_water_deficit); "
           "with NAVEDTRA's 25 % (the most tolerated, not the median) as the median it was 18.6 days.  Still longer "
           "than the manuals' 10-12 days: the median is an estimate from a range.")
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
        t_rad = t_walk if night else t_walk + 15.0
        power = float(walking.walking_metabolic_rate(1.2, 0.0, _MASS, 5.0, 1.1))
        m_area = power / float(water.body_surface_area(_MASS, _HEIGHT))
        day = _desert_day(t_max, walk_hours=8.0, night=night)
        walk_rate = (float(day.sweat_walking) + float(day.respiratory) * 8.0 / 24.0) / 8.0  # kg h-1 walking
        rest_rate = (float(day.total) - walk_rate * 8.0 - _fasting_water_gain()) / 16.0  # kg h-1 the rest
        lost, km = 0.0, 0.0
        for _ in range(10):  # days: walk, then rest
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
                "the sun (air + 85 %, radiant + 15 K); distance covered until heat exhaustion or a deficit of 10 % "
                "of body mass")


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
    return water.heat_strain(p["ta"], p["rh"], 1.0, power / area, p["clo"], radiant_temperature=p["ta"] + 15.0,
                             walking_speed=p["speed"]), area


@case(id="water-tropical-patrol-sweat", title="Sweat rate of soldiers on patrol in the tropics", topic="water",
      source=_AMOS + ": sweat rates of approximately 9 g kg-1 h-1 on patrol, 30-33 °C, 52-59 % RH, moderate to "
                     "high solar radiation",
      observed=9.0, low=6.0, high=12.0, unit="g kg-1 h-1",
      tolerance="± 3 g kg-1 h-1: a judgement (between-soldier spread of sweat rates is typically ± 30 %); the "
                "patrol's pace and kit are not given",
      method="models.water.heat_strain: 75 kg soldier walking 1.0 m s-1 with 20 kg on rough ground (η 1.2, LCDA), "
             "31.5 °C, 55 % RH, sun (radiant + 15 K), 0.8 clo uniform, 1 m s-1 air",
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
                                             radiant_temperature=p["ta"] + 15.0, walking_speed=p["speed"],
                                             body_mass=75.0, height=1.78).core_temperature)


@case(id="heat-loaded-march-core", title="Core temperature after 50 min of a loaded march at WBGT 23 °C",
      topic="heat",
      source="Hunt AP, Billing DC, Patterson MJ, Caldwell JN 2016, PubMed 27857960 (abstract, seen at "
             "ai-bt.com): 10 km at ~5.5 km h-1 carrying 41.8 kg in 23.1 °C WBGT; core 37.94 ± 0.37 °C after 50 min "
             "in the 23 soldiers who completed it",
      observed=37.94, low=37.94 - 0.37, high=37.94 + 0.37, unit="°C",
      tolerance="± 1 SD of the completers (0.37 °C)",
      method="models.water.transient_heat_strain (ISO 7933 PHS minute by minute from rest, 50 min): 80 kg, 1.80 m "
             "soldier at 1.53 m s-1 with 41.8 kg (LCDA), 26 °C air, 60 % RH, sun (radiant + 15 K) — WBGT about "
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
                                                 radiant_temperature=41.0, walking_speed=speed, body_mass=80.0,
                                                 height=1.80).core_temperature)



_MUDAMBO = ("Mudambo et al. 1997 as quoted in Institute of Medicine (2005) Dietary Reference Intakes for Water, "
            "Potassium, Sodium, Chloride, and Sulfate, National Academies Press, ch. 4 p. 128: 'the daily fluid intake "
            "of soldiers performing either \"normal\" work (~ 3,350 kcal/day) or physical training (~ 5,500 "
            "kcal/day) over a 12-day period in hot climate (mean daytime conditions 40 °C [104 °F] and 29 percent "
            "relative humidity) averaged approximately 7 and 11 L/day'")
_FOOD_WATER = 0.5  # ESTIMATE [kg day-1]: water in field rations eaten (mostly dry food), not counted as fluid intake


def _hot_work_fluid(energy_per_day: float, speed: float, load: float) -> float:
    """Fluid [L day-1] a 70 kg soldier must drink to replace the day's loss (models.water.daily_water_loss) when he
    spends ``energy_per_day`` [kcal]: 1.4 × resting rate off work, walking at ``speed`` with ``load`` in the day's
    sun for the hours that make up the rest (a judgement of what 'work' was), less metabolic and food water."""
    from longwalk.models import energy

    rmr = float(energy.resting_metabolic_rate(_MASS, _HEIGHT, 25.0, 1))
    power = float(walking.walking_metabolic_rate(speed, 0.0, _MASS, load, 1.0))
    off_work = 1.4 * rmr / 24.0  # [kcal h-1]
    hours = (energy_per_day - 1.4 * rmr) / (power * 3600.0 / energy.KCAL - off_work)
    t_min = 40.0 - _DIURNAL_SPAN  # the source's 40 °C is the day's maximum
    t_walk = t_min + 0.85 * _DIURNAL_SPAN
    t_rest = t_min + (0.5 - 1.0 / math.pi) * _DIURNAL_SPAN
    with _quiet():
        loss = float(water.daily_water_loss(_MASS, _HEIGHT, power, hours, speed, t_walk, t_rest, 0.29,
                                            _WIND * 2.0 / 3.0, 0.6, walking_radiant_temperature=t_walk + 15.0).total)
    # a mixed diet's fuel: 30 % of energy from fat, 55 % carbohydrate, 15 % protein (ESTIMATE of a ration)
    made = float(water.metabolic_water(0.30 * energy_per_day / 9400.0, 0.55 * energy_per_day / 4000.0,
                                       0.15 * energy_per_day / 4000.0))
    return loss - made - _FOOD_WATER


_MUDAMBO_METHOD = ("models.water.daily_water_loss of a 70 kg, 1.75 m soldier: off work at 1.4 × resting rate, at work "
                   "walking in the sun (radiant + 15 K, air at min + 85 % of a 15 K day, 40 °C maximum, 29 % RH, 0.6 "
                   "clo, 1.3 m s-1 air) for the hours that make up the day's energy; less metabolic water (a mixed "
                   "ration, models.water.metabolic_water) and 0.5 kg of water in food (ESTIMATE)")


@case(id="water-mudambo-1997-hot-normal-work", title="Soldiers doing normal work for 12 days at 40 °C: fluid drunk a "
      "day", topic="water", source=_MUDAMBO + ": normal work, ~7 L/day",
      observed=7.0, low=5.6, high=8.4, unit="L day-1",
      tolerance="± 20 %, a judgement: the source gives an approximate mean without spread",
      method=_MUDAMBO_METHOD + "; work as walking at 1.34 m s-1 with 10 kg for ~4.9 h (3,350 kcal/day)",
      constrains=("models.water.daily_water_loss", "models.water.sweat_rate",
                  "engine.compose.resting_air_temperature"),
      note="Fails (4.8 L).  The day is composed as the engine composes a day walker's: the resting hours sweat at "
           "the evening's temperature (min + 18 % of the span, 27.7 °C), so the ~19 h off work lose only 0.75 kg of "
           "sweat.  A soldier on normal work in camp spends the rest of the daytime in the 40 °C heat; with the warm "
           "half of the day for the resting hours (min + 82 %, 37.3 °C) the same composition gives 3.2 kg of "
           "resting sweat and 7.2 L to drink.  The root is the engine's rule that those who walk by day rest in "
           "the evening's air, which holds for a walker out all day, not for one who works a few hours.")
def _mudambo_normal() -> float:
    return _hot_work_fluid(3350.0, 1.34, 10.0)


@case(id="water-mudambo-1997-hot-training", title="Soldiers in physical training for 12 days at 40 °C: fluid drunk a "
      "day", topic="water", source=_MUDAMBO + ": physical training, ~11 L/day",
      observed=11.0, low=8.8, high=13.2, unit="L day-1",
      tolerance="± 20 %, a judgement: the source gives an approximate mean without spread",
      method=_MUDAMBO_METHOD + "; training as walking at 1.56 m s-1 with 20 kg for ~10.3 h (5,500 kcal/day)",
      constrains=("models.water.daily_water_loss", "models.water.sweat_rate"),
      note="What the training was is not in the source; walking stands for it, with its metabolic heat.")
def _mudambo_training() -> float:
    return _hot_work_fluid(5500.0, 1.56, 20.0)
