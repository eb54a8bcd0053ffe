"""The one place where the engine calls the body models, the climate and the weather generator.

Each function here composes :mod:`longwalk.models` (and the atlas' climate/weather) for the engine's arrays:
(runs, people) for people, (runs,) for the party.  Nothing here is a new physical model; where the engine needs a
behavioural or availability number no paper gives, it is a module constant marked ESTIMATE with what it encodes.
Model range warnings (:class:`longwalk.models._validate.ModelRangeWarning`) are silenced for the daily loop: a
starving body is out of most models' calibrated ranges by design, and the summary reports the extrapolation.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import warnings
from dataclasses import dataclass

import numpy as np

from longwalk.atlas.climate import FIELDS, DailyNormals
from longwalk.engine.random import Streams, hash_counters
from longwalk.engine.records import Fact, Status, fact
from longwalk.engine.registry import Cause, Condition, FactKind
from longwalk.models import altitude, energy, hazards, thermal, walking, water
from longwalk.models._validate import ModelRangeWarning

# --- ESTIMATES of behaviour and circumstance (not physics) --------------------------------------------------------
NIGHT_PACE = 0.7  # ESTIMATE: pace by night relative to day; FM 21-18 (1990) gives ~2.4 km/h cross-country by day
# and less by night; 0.7 is the ratio of its night and day march rates for infantry (≈ 1.6/2.4 rounded up).
BASELINE_PAL = 1.4  # FAO/WHO/UNU (2004) Human energy requirements: sedentary lifestyle PAL 1.40-1.69 (lowest).
CAMP_MET_FACTOR = 2.5  # ESTIMATE: camp work (firewood, water, shelter) at ~2.5 x RMR (light work, 2-3 met).
AIR_SPEED_FRACTION = 2.0 / 3.0  # air speed at the body ≈ 2/3 of the 10 m wind (ISO 7933 practice, models.water)
SHELTER_INSULATION = {"none": 0.0, "tarp": 0.3, "tent": 0.7, "snow_cave": 2.0}  # [clo] per models.thermal docs
CAMP_WIND_FOREST = 0.2  # ESTIMATE: air speed at a sleeper in a forest camp / 10 m open wind (canopy shelter:
# wind near the floor of a boreal forest is typically 10-30 % of the open 10 m wind)
CAMP_WIND_OPEN = 0.4  # ESTIMATE: the same in the open behind a windbreak of packs, rocks or snow
FOREST_BIOMES = (1, 5)  # models.hazards TAIGA, TEMPERATE_FOREST
GROUND_INSULATION = 1.0  # ESTIMATE [clo]: boughs, grass or coats under a sleeper (≈ an R 1 pad, ASTM F3340)
SLEEP_MET = water.SLEEPING_METABOLIC_RATE  # [W m-2] 0.8 met (pythermalcomfort met table: sleeping 0.7-0.8)
NIGHT_HOURS_MIN = 8.0  # hours of the night spent resting in camp, at least
SLEEP_HOURS = 8.0  # ESTIMATE [h]: hours asleep a day; adults need 7-9 h (from memory of the AASM/SRS 2015 consensus,
# 7 h or more); one who walked the night sleeps them in the daylight
EXPOSED_MINUTES_DAY = 30.0  # ESTIMATE: minutes of bare face/hands exposed per walking day (adjusting, eating)
EXPOSED_MINUTES_NIGHT = 60.0  # ESTIMATE: the same for a night in the open without shelter
SPINUP_DAYS = 150  # days of weather generated at the start point before the journey (snowpack, persistence)

@contextlib.contextmanager
def quiet():
    """Context that silences model range warnings (and NumPy's overflow notes) inside the daily loop."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore", ModelRangeWarning)
        yield


def only_where(mask: np.ndarray, fn, *args, fill: float = 0.0, **kwargs):
    """``fn(*args, **kwargs)`` worked out for the entries of ``mask`` (runs, people) only, ``fill`` elsewhere.

    For the costly per-person models of the day (walking speed solves, sweat) over those they matter for, the living
    or the walkers, not the dead and absent.  ``fn`` must work element by element: each argument is broadcast to
    ``mask``'s shape and the masked entries passed as one flat array (scalars as they are), so every entry gets the
    bits it would get in the full arrays.  A tuple of results gives a tuple of arrays.
    """
    mask = np.asarray(mask, dtype=bool)
    runs, people = mask.shape
    flat = np.flatnonzero(mask)
    run_of = person_of = None

    def pick(x):
        nonlocal run_of, person_of
        if not np.ndim(x):
            return x
        x = np.asarray(x)
        if x.shape == mask.shape:
            return x.reshape(-1).take(flat)
        if x.shape == (runs, 1):
            run_of = flat // people if run_of is None else run_of
            return x.reshape(-1).take(run_of)
        if x.shape in ((people,), (1, people)):
            person_of = flat % people if person_of is None else person_of
            return x.reshape(-1).take(person_of)
        return np.broadcast_to(x, mask.shape).reshape(-1).take(flat)

    result = fn(*(pick(a) for a in args), **{k: pick(v) for k, v in kwargs.items()})
    many = isinstance(result, tuple)
    out = []
    for r in result if many else (result,):
        r = np.asarray(r)
        full = np.full(mask.size, fill, dtype=np.result_type(r.dtype, np.asarray(fill).dtype))
        full[flat] = r
        out.append(full.reshape(mask.shape))
    return tuple(out) if many else out[0]


def day_of_year(start: dt.date, day: int) -> int:
    return (start + dt.timedelta(days=int(day))).timetuple().tm_yday


def load_mass(party, state) -> np.ndarray:
    """What each person carries on their back [kg]: their other load plus a share of the party's food and water.

    A party that walks at its weakest member's pace (``policy.pace = "weakest"``) shares the common load by
    strength — in proportion to each member's aerobic capacity, body mass × baseline VO2max [mL min-1] — so that
    the weakest does not set a slower pace than need be (ESTIMATE: expedition and military practice of loading by
    strength; the weight is the capacity that caps the pace in models.walking.daily_walking_speed).  Walking each at
    their own pace, the shares are equal.  Pack animals or vehicles (``supplies.pack_animals`` ×
    ``pack_animal_load``) carry the common load first and then the members' other gear; hand-carts or sledges
    (``supplies.carts`` × ``cart_load``) take the common food and water the animals leave and are hauled by the
    walkers (:func:`hauled_mass`; what always rides on them, a tent or a stove, is part of ``cart_mass``); the
    walkers carry the rest.
    """
    return _loads(party, state)[0]


def hauled_mass(party, state) -> np.ndarray:
    """Each person's share of the carts or sledges they haul, empty mass and load [kg] (runs, people): shared as
    :func:`load_mass` shares the common load; 0 without ``supplies.carts``."""
    return _loads(party, state)[1]


def _loads(party, state) -> tuple[np.ndarray, np.ndarray]:
    """(on the back, hauled) [kg] (runs, people): see :func:`load_mass` and :func:`hauled_mass`."""
    sup = party.supplies
    members = state.with_party & state.alive
    kcal_per_kg = party.food_energy_density
    common = state.food / kcal_per_kg + state.water
    if party.policy.pace == "weakest":
        with quiet():  # FRIEND covers ages 20-79; younger and older members are extrapolated flat
            vo2max0 = walking.baseline_vo2max(party.male, party.age, party.fitness)
        weight = party.body_mass * vo2max0 * np.ones(members.shape)
    else:
        weight = np.ones(members.shape)
    weight = np.where(members, weight, 0.0)
    total = weight.sum(axis=1)
    share = np.divide(weight, total[:, None], out=np.zeros_like(weight), where=total[:, None] > 0)
    # pack animals or vehicles take the common food and water first, then the members' other gear equally
    animals = float(sup.pack_animals * sup.pack_animal_load)
    on_animals = np.minimum(common, animals)
    n = members.sum(axis=1)
    spare = np.divide(animals - on_animals, n, out=np.zeros_like(common), where=n > 0)
    other = np.where(members, np.maximum(sup.load_other - spare[:, None], 0.0), sup.load_other)
    # carts or sledges the food and water the animals leave
    on_carts = np.minimum(common - on_animals, float(sup.carts * sup.cart_load))
    back = other + (common - on_animals - on_carts)[:, None] * share
    hauled = (sup.carts * sup.cart_mass + on_carts)[:, None] * share
    return back, hauled


def cart_resistance(party, snow_depth, ground=None) -> np.ndarray:
    """Resistance coefficient μ [-] (runs,) of the party's carts or sledges on today's ground: on snow where the
    ground is snow-covered (more than 1 cm, as :func:`snow_terrain_factor`), else on the ground (runs,) ``ground``
    gives (:func:`ground_at`; by default bare ground, models.walking.ROLLING_RESISTANCE)."""
    mu = walking.ROLLING_RESISTANCE[party.supplies.cart_kind]
    bare = mu["ground"] if ground is None else ground
    return np.where(np.asarray(snow_depth) > 0.01, mu["snow"], bare)


def day_cart_resistance(party, c) -> np.ndarray:
    """Resistance μ [-] (runs,) of the party's carts or sledges today: :func:`cart_resistance` on the day's snow
    and the leg's ground (engine.phases.Conditions ``snow_depth``, ``ground_resistance``)."""
    return cart_resistance(party, c.snow_depth, c.ground_resistance)


def snow_terrain_factor(snow_depth: np.ndarray, snow_density: float = 300.0,
                        ground=walking.BARE_GROUND_TERRAIN) -> np.ndarray:
    """Terrain factor η [-] for the day's snow (models.walking: ERDC's sinkage, then η from the footprint depth);
    at least the η of the ground beneath, ``ground`` (bare ground's, models.walking.BARE_GROUND_TERRAIN, unless a
    leg names another: :func:`ground_at`).  ``snow_density`` [kg m-3] defaults to the settled density the weather
    generator's snowpack compacts towards (atlas.weather.SNOW_DENSITY_MAX)."""
    # footprints deeper than η's linear range (37 cm: Ramaswamy 1966) are held there; deeper still, walkers post-hole
    # at a cost the sources put higher yet, so the hold errs towards speed
    depth = np.minimum(walking.snow_footprint_depth(np.maximum(snow_depth, 0.0), snow_density), 0.37)
    return np.where(snow_depth > 0.01, np.maximum(walking.terrain_factor_snow(depth), ground), ground)


def day_terrain(c) -> np.ndarray:
    """Terrain factor η [-] (runs,) of the day's walking: the snow on the ground (:func:`snow_terrain_factor`), or
    the leg's ground where it is costlier (engine.phases.Conditions ``snow_depth``, ``ground_terrain``)."""
    return snow_terrain_factor(c.snow_depth, ground=c.ground_terrain)


def leg_grounds(scenario) -> tuple[np.ndarray, np.ndarray]:
    """The ground of the leg that ends at each waypoint (scenario ``[[route]] ground``), as its terrain coefficient
    η [-] (models.walking.TERRAIN_FACTORS) and the resistance μ [-] of the party's cart or sledge there
    (models.walking.HAND_CART_GROUND_RESISTANCE; a sledge off the snow is dragged at its bare-ground μ on any
    ground), each (W,).  A leg without a ground is the engine's bare ground (η 1.1 and μ as a dirt road)."""
    kind = scenario.supplies.cart_kind
    bare_mu = walking.ROLLING_RESISTANCE[kind]["ground"]
    eta = [walking.BARE_GROUND_TERRAIN if w.ground is None else walking.TERRAIN_FACTORS[w.ground]
           for w in scenario.route]
    mu = [bare_mu if w.ground is None or kind != "hand_cart" else walking.HAND_CART_GROUND_RESISTANCE[w.ground]
          for w in scenario.route]
    return np.array(eta, float), np.array(mu, float)


def ground_at(party, position: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Terrain coefficient η and cart resistance μ [-] (runs,) of the ground at the party's ``position`` [m]: the
    leg ahead of it (a party standing at a waypoint is on the leg that leaves it)."""
    waypoints = party.track.waypoint_x
    leg = np.clip(np.searchsorted(waypoints, position, side="right"), 1, waypoints.size - 1)
    return party.leg_terrain[leg], party.leg_cart_resistance[leg]


def endurance_training(party) -> np.ndarray:
    """Each member's endurance training τ [-] from their fitness percentile (models.walking.endurance_training)."""
    return walking.endurance_training(party.fitness)


def endurance_vo2max(vo2max, state, elevation) -> np.ndarray:
    """The VO2max [mL kg-1 min-1] whose sustainable fraction a member holds for hours today at ``elevation``: today's
    VO2max (:meth:`Environment.vo2max`) times the share of the fraction kept by a walker not yet acclimatised to it
    (models.altitude.unacclimatised_endurance_factor, from their acclimatised altitude).  The sustainable rate is the
    fraction times VO2max, so the factor on the fraction is carried on VO2max: only the march's ceiling
    (:func:`walking_pace`, :func:`sustainable_power`) reads it."""
    accl = state.acclimatised_altitude
    return vo2max * altitude.unacclimatised_endurance_factor(np.clip(elevation, 0.0, 8848.0), accl)


def walking_pace(grade, terrain, body_mass, load, vo2max, hours, pace_factor, training=0.0, hauled=0.0,
                 rolling_resistance=0.0, constant_power_up=None, constant_power_down=None):
    """A person's walking speed on the stretch's climbs [m s-1] and the ratio of the route's time (Tobler's) to the
    person's time over the stretch [-].

    ``hours`` are the hours *walking*, the march's halts excluded.  Speed is the models' daily walking speed:
    the preferred pace (models.walking.walking_speed_preferred: Tobler's on the flat, Campbell 2019's walkers'
    change with slope, which gains almost nothing on gentle descents) × ``pace_factor``, capped by the LCDA cost at
    the day's terrain factor ``terrain`` that the person can sustain while walking ``hours`` with the 50/10 halts of
    FM 21-18 (the mean over the march at Bink 1962's fraction of VO2max, or above it for the endurance-trained:
    ``training`` τ, models.walking.sustainable_metabolic_rate).  On snow the preferred pace slows to keep bare
    ground's metabolic rate, but not below the economical speed: in deep snow the walker works harder to keep that
    speed, up to the cap, and where even the cap cannot pay for it walks part of the time and rests the rest
    (models.walking.terrain_pace_factor, daily_walking_speed).  The engine's route time is Tobler's time on bare ground
    (with altitude and water crossings, no snow or sand: engine.plan routes without them), so the terrain of the
    day (snow, soft ground) acts here, once: through the cap.  The ratio to the route's time is taken over a stretch
    that descends as far as it climbs, at +``grade`` and -``grade`` (``grade`` is the mean uphill grade of the
    stretch ahead): it carries the preferred pace's departure from Tobler's on both into the route time; on the
    flat it is ``speed / v_Tobler(0)``.  A cart or sledge hauled (``hauled`` kg at ``rolling_resistance``,
    :func:`hauled_mass`, :func:`cart_resistance`) adds its pull to the cost under the cap
    (models.walking.daily_hauling_speed).  ``constant_power_up`` and ``_down``: models.walking.constant_power_speed
    at +``grade`` and -``grade`` on ``terrain``, where the caller has them (one per party: they depend on the ground).
    """
    floor = walking.economical_pace_floor(terrain, body_mass, load)  # the same uphill and down
    grade_down = -np.asarray(grade, dtype=np.float64)
    pace_up = pace_factor * walking.terrain_pace_factor(grade, terrain, body_mass, load, pace_floor=floor,
                                                        constant_power_speed=constant_power_up)
    pace_down = pace_factor * walking.terrain_pace_factor(grade_down, terrain, body_mass, load, pace_floor=floor,
                                                          constant_power_speed=constant_power_down)
    # The route's time is Tobler's on its climbs and its descents, the preferred pace departs from it both ways
    # (slower down, faster up): the ratio is the route time over the person's time on a stretch that descends as
    # far as it climbs, half at +grade and half at -grade (ESTIMATE: ``grade`` is the stretch's mean uphill grade).
    # the floor is the economical speed on soft ground (0 on bare ground, where it is not solved): not solved again
    speed, down = walking.daily_hauling_speeds(grade, terrain, body_mass, load, vo2max, hours, hauled,
                                               rolling_resistance, pace_up, pace_down,
                                               halt_fraction=walking.MARCH_HALT_FRACTION, training=training,
                                               economical_speed=np.where(floor > 0.0, floor, np.nan))
    route_time = 1.0 / walking.walking_speed_tobler(grade) + 1.0 / walking.walking_speed_tobler(grade_down)
    ratio = route_time / (1.0 / np.maximum(speed, 1e-9) + 1.0 / np.maximum(down, 1e-9))
    return speed, ratio


def sustainable_power(vo2max, body_mass, hours, training=0.0) -> np.ndarray:
    """The metabolic rate [W] a person of endurance training τ can keep up while walking ``hours`` with the march's
    halts (models.walking)."""
    return walking.sustainable_metabolic_rate(vo2max, body_mass, hours, walking.MARCH_HALT_FRACTION, training)


WALKING_SHARE = 1.0 - walking.MARCH_HALT_FRACTION
"""Share of the hours on the march spent walking [-]: FM 21-18's 10-minute halt in every hour (models.walking)."""


def march_power(walking_power, body_mass) -> np.ndarray:
    """Mean metabolic rate over the time on the march [W]: walking, and the 50/10 halts at the resting rate."""
    h = walking.MARCH_HALT_FRACTION
    return (1.0 - h) * walking_power + h * walking.REST_METABOLIC_RATE * body_mass


def stretch_walking_power(track, start, end, speed, body_mass, load, terrain, hauled=0.0,
                          rolling_resistance=0.0):
    """Mean walking metabolic rate [W] over the stretch ``start → end``: uphill and other parts costed apart.

    LCDA (Looney et al. 2019, models.walking) at the mean uphill grade on the uphill part and the mean downhill
    grade on the rest, weighted by distance, with the pull of a cart or sledge hauled
    (models.walking.hauling_metabolic_rate).
    """
    dist = np.maximum(end - start, 0.0)
    up_d = np.clip(track.at("cum_up_distance", end) - track.at("cum_up_distance", start), 0.0, dist)
    asc = track.at("cum_ascent", end) - track.at("cum_ascent", start)
    desc = track.at("cum_descent", end) - track.at("cum_descent", start)
    dn_d = dist - up_d
    g_up = np.divide(asc, up_d, out=np.zeros_like(dist), where=up_d > 1.0)
    g_dn = -np.divide(desc, dn_d, out=np.zeros_like(dist), where=dn_d > 1.0)
    v = np.maximum(speed, 0.05)
    p_up = walking.walking_metabolic_rate(v, np.clip(g_up, -0.4, 0.45), body_mass, load, terrain) + \
        walking.hauling_metabolic_rate(v, g_up, hauled, rolling_resistance)
    p_dn = walking.walking_metabolic_rate(v, np.clip(g_dn, -0.4, 0.45), body_mass, load, terrain) + \
        walking.hauling_metabolic_rate(v, g_dn, hauled, rolling_resistance)
    w_up = np.divide(up_d, dist, out=np.zeros_like(dist), where=dist > 0)
    return np.where(dist > 0, w_up * p_up + (1.0 - w_up) * p_dn, 0.0)


def flat_walking_power(speed, body_mass, load, terrain, hauled=0.0, rolling_resistance=0.0) -> np.ndarray:
    """Walking metabolic rate [W] on level ground (LCDA, models.walking), with the pull of a cart or sledge hauled
    (models.walking.hauling_metabolic_rate): an off-route detour, whose grades the route tables do not hold."""
    v = np.maximum(speed, 0.05)
    return walking.walking_metabolic_rate(v, 0.0, body_mass, load, terrain) + \
        walking.hauling_metabolic_rate(v, 0.0, hauled, rolling_resistance)


def node_of(party, state) -> np.ndarray:
    """Index of the route node where each run's party is (runs,)."""
    return party.track.nearest_node(state.party_position)


def walking_air_temperature(c, night: np.ndarray) -> np.ndarray:
    """Air temperature of the walking hours [°C] (runs,): the warm part of the day, or the cool part of the night.

    A day walk spans the afternoon maximum (85 % of the way from minimum to maximum on average); a night walk
    starts after dusk and ends before dawn (25 % of the way).  ESTIMATE of the diurnal cycle's shape.
    """
    span = c.air_temperature_max - c.air_temperature_min
    return np.where(night, c.air_temperature_min + 0.25 * span, c.air_temperature_min + 0.85 * span)


OVERCAST_RADIANT_EXCESS = 5.0  # ESTIMATE [K]: radiant over air temperature on a wet (> 1 mm), overcast day's walk


def walking_radiant_excess(c, night: np.ndarray) -> np.ndarray:
    """Mean radiant temperature of the walking hours above their air temperature [K] (runs,): full sun by day
    (models.water.SUN_RADIANT_EXCESS), :data:`OVERCAST_RADIANT_EXCESS` on a wet day, none by night."""
    day = np.where(c.precipitation > 1.0, OVERCAST_RADIANT_EXCESS, water.SUN_RADIANT_EXCESS)
    return np.where(night, 0.0, day)


def dehydration_work_capacity(deficit_fraction):
    return water.dehydration_work_capacity(np.clip(deficit_fraction, 0.0, 0.3))


def starvation_work_capacity(party, state) -> np.ndarray:
    """Share of the policy's walking hours a starving walker keeps [-] (runs, people): their absolute aerobic
    capacity against their own before the journey (``models.walking.vo2max_starvation_factor``), at most 1.

    ESTIMATE: the hours a day a body can keep walking scale with the muscle that does the work — physiology.md §1.8
    ("reduce hours ∝ current VO2max (starvation, altitude, illness)"); the share of that capacity held over the day
    stays the fed walker's.  What the sources say (abstracts and excerpts read; none gives a curve of daily walking
    against the mass lost):

    - the capacity: performance is "well maintained up to a weight loss of 10 %", maximal O2 intake per kg of
      fat-free tissue did not change and the total declined slowly (Taylor, Buskirk, Brozek, Anderson & Grande 1957,
      J Appl Physiol 10:421); performance is "maintained until weight loss approaches or exceeds 10 percent" (Friedl
      KE 1995, in Not Eating Enough, National Academy Press, pp. 253-283);
    - the share held: severely undernourished Colombian men held 80 % of their VO2max for 113 min on admission and
      42 min after protein repletion (Barac-Nieto et al. 1980, Am J Clin Nutr 33:2268): undernutrition did not
      shorten it;
    - goal-directed work goes on: a 500 kcal/day deficit cut discretionary walking by 17 min a day while
      "obligatory activities were not affected" (Gorsky & Calloway 1983, Hum Biol 55:3); Ranger students spent
      4,010 kcal/day on 2,800 eaten over 8.5 weeks and lost 15.6 % of their mass (Moore, Friedl et al. 1992,
      DTIC ADA257437); the voluntary activity that does fall (Minnesota; Biosphere 2, 45 % less spontaneous activity
      after two years of restriction, Weyer et al. 2000) is the discretionary kind, which ``models.energy.
      starvation_activity_factor`` takes from the rest of the day;
    - the limit: chronic energy deficiency is graded at BMI 18.5, 17 and 16 (James, Ferro-Luzzi & Waterlow 1988,
      Eur J Clin Nutr 42:969), and "before physical activity is affected, the BMI would probably have to be 17 or
      less" (Durnin 1994, Eur J Clin Nutr 48 Suppl 3:S39); no source found gives how fast the hours fall below it.

    So a journey walked for one's life is kept up at the capacity left, which errs on the side of too much walking
    below BMI ~17, where the sources expect activity to fall and none says by how much.  A walker heavier in lean
    mass than at the start walks no more than the policy's hours.
    """
    lean0 = party.body_mass - party.fat_mass
    return np.minimum(walking.vo2max_starvation_factor(state.lean_mass, lean0), 1.0)


@dataclass(frozen=True)
class BodyDay:
    """What :func:`body_day` works out for a day: the new body state (``updates``, JourneyState field -> array, for
    the physiology phase to apply: :data:`BODY_WRITES`) and the day's expenditure, hazards and facts."""

    energy_expenditure: np.ndarray  # [kcal day-1]
    hazards: dict  # Cause -> [day-1]
    facts: dict  # the night's and the day's numbers a death chain tells (night_temperature, bmi, ...)
    frostbite_hazard: np.ndarray  # [day-1] frostbite onset (models.thermal.frostbite_hazard); drawn by the engine
    ams_onset_hazard: np.ndarray  # [day-1] acute mountain sickness onset (models.altitude); drawn by the engine
    ams_recovery_hazard: np.ndarray  # [day-1] recovery from it
    updates: dict  # JourneyState field -> its value at the end of the day


BODY_WRITES = frozenset({"adaptive_thermogenesis", "cold_debt", "glycogen", "fat_mass", "lean_mass", "water_deficit",
                         "body_mass", "hape_pending", "acclimatised_altitude", "sleep_elevation"})
"""The JourneyState fields :func:`body_day` gives new values for (``BodyDay.updates``)."""


def resting_air_temperature(c) -> tuple[np.ndarray, np.ndarray]:
    """Air temperatures of the resting hours [°C] (runs, 1): in daylight and at night.

    The means of a sinusoidal day (models.water.diurnal_mean_air_temperature) over the day length (the sun model,
    ``c.day_length``) centred on the day's maximum, and over the night centred on its minimum.  Which resting hours
    fall in daylight is :func:`daylight_resting_hours`: those who walk by day rest through the night and in the
    daylight they do not walk — before setting off, at the halts, after the march — and those who walk by night
    rest through the day.
    """
    day = np.clip(c.day_length, 0.0, 24.0)
    t_min, t_max = c.air_temperature_min, np.maximum(c.air_temperature_max, c.air_temperature_min)
    daylight = water.diurnal_mean_air_temperature(t_min, t_max, day, warm=True)
    night = water.diurnal_mean_air_temperature(t_min, t_max, 24.0 - day, warm=False)
    return daylight[:, None], night[:, None]


def daylight_resting_hours(c, night: np.ndarray, walk_hours: np.ndarray) -> np.ndarray:
    """Resting hours in daylight [h] (runs, people): models.water.daylight_resting_hours for the day's walk."""
    return water.daylight_resting_hours(np.clip(walk_hours, 0.0, 24.0), np.clip(c.day_length, 0.0, 24.0)[:, None],
                                        night[:, None])


def walking_clothing(party, t_walk) -> np.ndarray:
    """Clothing worn on the march [clo]: what they have, shed down to 0.5 clo as the air warms (ESTIMATE: one clo
    layer shed per 10 °C above 10 °C; 0.5 clo is shirt and trousers)."""
    return np.clip(np.minimum(party.clothing_insulation, np.maximum(0.5, (20.0 - t_walk) / 10.0)), 0.3, 4.0)


HEAT_MIN_AIR = 15.0  # [°C] below this walking air no heat limit is computed (ISO 7933's lower bound)
DRINK_ON_MARCH = 0.5  # ESTIMATE [kg person-1]: water carried below which walkers cannot drink what they sweat
# (half a litre each, less than an hour's sweat in the heat)


def heat_walking_hours(party, state, c, night, hours) -> np.ndarray:
    """Hours each person can walk today before heat exhaustion [h] (runs, people): ``hours`` where the heat allows.

    Nobody keeps up walking whose heat they cannot shed: models.water.heat_tolerance_hours (ISO 7933 PHS minute by
    minute; the water deficit raises the core and lowers what is tolerated, Sawka et al. 1992) for the day's walking
    air, sun, wind and clothing as :func:`daily_water_loss` sees them, at the mean metabolic rate of the march at
    Tobler's flat pace (by night × NIGHT_PACE) with the person's load.  Those who carry water drink on the march
    (the deficit stays); a party without water (under :data:`DRINK_ON_MARCH` each) dries out as it walks.
    """
    shape = state.body_mass.shape
    t_walk = walking_air_temperature(c, night)[:, None] * np.ones(shape)
    out = np.broadcast_to(np.asarray(hours, dtype=float), shape).copy()
    todo = (out > 0.0) & (t_walk >= HEAT_MIN_AIR) & state.alive
    if not todo.any():
        return out
    rh = c.relative_humidity[:, None] * np.ones(shape)
    air = np.maximum(c.wind_speed[:, None] * AIR_SPEED_FRACTION, 0.4) * np.ones(shape)
    t_rad = t_walk + walking_radiant_excess(c, night)[:, None]
    speed = walking.walking_speed_tobler(0.0) * np.where(night, NIGHT_PACE, 1.0)[:, None] * np.ones(shape)
    load, hauled = _loads(party, state)
    power = march_power(flat_walking_power(speed, state.body_mass, load, c.ground_terrain[:, None], hauled,
                                           day_cart_resistance(party, c)[:, None]), state.body_mass)
    bsa = water.body_surface_area(np.maximum(state.body_mass, 20.0), party.height * np.ones(shape))
    n = np.maximum((state.with_party & state.alive).sum(axis=1), 1)
    drinking = (state.water > DRINK_ON_MARCH * n)[:, None] * np.ones(shape, bool)
    deficit = np.clip(state.water_deficit / np.maximum(state.body_mass, 20.0), 0.0, 0.35)
    args = [np.broadcast_to(x, shape)[todo] for x in (t_walk, rh, air, np.maximum(power / bsa, 58.15),
                                                       np.minimum(walking_clothing(party, t_walk), 1.0),
                                                       np.minimum(out, 24.0))]
    out[todo] = water.heat_tolerance_hours(
        *args, radiant_temperature=t_rad[todo], walking_speed=np.minimum(speed[todo], 1.9),
        acclimatised=True, body_mass=np.maximum(state.body_mass, 20.0)[todo],
        height=(party.height * np.ones(shape))[todo], water_deficit=deficit[todo], drinking=drinking[todo])
    return out


def _water_loss_total(*args, **kwargs) -> np.ndarray:
    return water.daily_water_loss(*args, **kwargs).total


def daily_water_loss(party, state, c, mv, plan, camp_hours, where=None) -> np.ndarray:
    """Water lost over the day [kg]: :func:`longwalk.models.water.daily_water_loss` (sweat walking and resting,
    breath, skin, urine) for the day's walk, weather and clothing; faeces are added with the food eaten.

    The resting hours are split between daylight and night (:func:`daylight_resting_hours`), each in its own air
    (:func:`resting_air_temperature`), and :data:`SLEEP_HOURS` of them are sleep at :data:`SLEEP_MET`: in the
    daylight for those who walked the night, at night for the others (a day without a march keeps the day's
    rhythm).  ``camp_hours`` of camp work count as rest (an approximation).  The urine follows the deficit the
    day starts with (models.water.urine_loss): 1.2 kg for those who drank what they needed, falling toward the
    obligatory 0.5 kg as a deficit builds; on the first day without water the kidneys are still those of a drinker (a
    day's lag).  ``where`` (runs, people): work it out for these only (the living), 0 for the others.
    """
    walk_hours = mv.hours
    night = plan.night[:, None]
    t_walk = walking_air_temperature(c, plan.night)[:, None] * np.ones_like(walk_hours)
    rh = c.relative_humidity[:, None] * np.ones_like(walk_hours)
    air = np.maximum(c.wind_speed[:, None] * AIR_SPEED_FRACTION, 0.4) * np.ones_like(walk_hours)
    t_rad = t_walk + walking_radiant_excess(c, plan.night)[:, None]
    pressure = altitude.barometric_pressure(np.clip(c.elevation[:, None], 0.0, 8848.0))
    t_day_rest, t_night_rest = resting_air_temperature(c)
    where = np.ones(walk_hours.shape, bool) if where is None else where
    return only_where(where, _water_loss_total,
                      state.body_mass, party.height, mv.walking_power, np.clip(walk_hours, 0.0, 24.0),
                      np.minimum(mv.speed, 1.9), t_walk, t_day_rest, rh, air,
                      walking_clothing(party, t_walk), walking_radiant_temperature=t_rad,
                      barometric_pressure=pressure, acclimatised=True,
                      night_air_temperature=t_night_rest,
                      daylight_resting_hours=daylight_resting_hours(c, plan.night, walk_hours),
                      sleeping_hours=np.minimum(SLEEP_HOURS, 24.0 - np.clip(walk_hours, 0.0, 24.0)),
                      sleeping_by_day=night & (walk_hours > 0.0),
                      water_deficit=np.clip(state.water_deficit / np.maximum(state.body_mass, 20.0), 0.0,
                                            0.35))


def body_day(party, state, c, mv, plan, today, camp_hours) -> BodyDay:
    """Energy, water, cold, heat: the day's hazards and expenditure and the new body state (``updates``); ``state``
    is read, never changed."""
    shape = state.body_mass.shape
    male = party.male.astype(float)
    alive = state.alive
    members = state.with_party & alive
    intake = today.energy_intake

    # --- energy (models.energy, the composition its module doc gives) ---
    mass0 = party.body_mass
    lean0 = party.body_mass - party.fat_mass
    loss_frac = energy.weight_loss_fraction(state.fat_mass + state.lean_mass, mass0)
    rmr = energy.resting_metabolic_rate_composition(state.fat_mass, state.lean_mass, party.rmr_offset) * \
        energy.starvation_resting_factor(loss_frac)
    adaptive = energy.adaptive_thermogenesis_step(state.adaptive_thermogenesis, intake, party.baseline_intake)
    walking_kcal = mv.walking_power * mv.hours * 3600.0 / 4184.0
    # net of resting: the walking rate includes the resting rate for those hours
    walking_net = np.maximum(walking_kcal - rmr * mv.hours / 24.0, 0.0)
    other = party.other_activity0 * (state.fat_mass + state.lean_mass) / mass0 * \
        energy.starvation_activity_factor(loss_frac)

    # --- the night (models.thermal) ---
    bsa = water.body_surface_area(state.body_mass, party.height)
    night_hours = np.maximum(24.0 - np.maximum(mv.hours, plan.hours) - camp_hours, NIGHT_HOURS_MIN)
    sup = party.supplies
    alone = today.night_alone
    shelter = np.where(alone, 0.0, SHELTER_INSULATION[sup.shelter])
    gear = np.where(alone, 0.0, sup.sleeping_insulation)
    t_night = np.where(plan.night, c.air_temperature_max - 0.3 * (c.air_temperature_max - c.air_temperature_min),
                       c.air_temperature_min)[:, None] * np.ones(shape)
    forest = np.isin(party.track.biome[node_of(party, state)], FOREST_BIOMES) if party.track.biome is not None \
        else np.zeros(shape[0], bool)
    camp_fraction = np.where(forest, CAMP_WIND_FOREST, CAMP_WIND_OPEN)[:, None]
    air = np.maximum(c.wind_speed[:, None] * np.where(alone, AIR_SPEED_FRACTION, camp_fraction), 0.4)
    air = np.where(shelter > 0, 0.4, air)
    clo_r = thermal.resultant_insulation(party.clothing_insulation * np.ones(shape), air)
    insulation = thermal.night_insulation(clo_r, gear, shelter, np.where(alone, 0.0, GROUND_INSULATION))
    rh = c.relative_humidity[:, None] * np.ones(shape)
    # the survival balance (skin free to cool, models.thermal.cold_exposure_storage_rate), not ISO 11079's comfort
    # criterion, which holds the skin at 31.7 °C and would chill a man in 1 clo at +6 °C by 6 K in a night
    storage = thermal.cold_exposure_storage_rate(t_night, rh, air, SLEEP_MET, insulation)
    n_huddle = np.maximum(members.sum(axis=1), 1)[:, None] * np.ones(shape)
    storage = storage * np.where(alone, 1.0, thermal.huddling_heat_loss_factor(n_huddle))
    fire = (sup.fire != "none") & ~alone
    storage = storage + np.where(fire, thermal.CAMPFIRE_HEAT_GAIN, 0.0)
    starving_shiver = thermal.MAX_SHIVERING * np.clip(state.fat_mass / (0.05 * state.body_mass), 0.3, 1.0)
    shiver_kcal = thermal.shivering_energy(storage, bsa, night_hours, starving_shiver)
    debt = thermal.night_heat_debt(storage, bsa, night_hours, starving_shiver)

    # --- the march in the cold: the same balance at the walking rate, in the clothes worn; the bulk of cold-weather
    # clothing makes the walking itself dearer (models.thermal.clothing_walking_cost_factor) ---
    t_march = walking_air_temperature(c, plan.night)[:, None] * np.ones(shape)
    clo_march = walking_clothing(party, t_march)
    air_march = np.maximum(c.wind_speed[:, None] * AIR_SPEED_FRACTION, 0.4) * np.ones(shape)
    speed_march = np.clip(mv.speed, 0.0, 1.9)
    storage_march = thermal.cold_exposure_storage_rate(
        t_march, rh, air_march, np.maximum(mv.walking_power / bsa, 58.15),
        thermal.resultant_insulation(clo_march, air_march, speed_march), speed_march)
    walked = mv.hours > 0
    shiver_kcal = shiver_kcal + np.where(walked, thermal.shivering_energy(storage_march, bsa, mv.hours,
                                                                         starving_shiver), 0.0)
    debt = debt + np.where(walked, thermal.night_heat_debt(storage_march, bsa, mv.hours, starving_shiver), 0.0)
    clothing_kcal = walking_kcal * (thermal.clothing_walking_cost_factor(clo_march) - 1.0)
    drop = thermal.body_temperature_drop(debt, state.body_mass) + state.cold_debt
    h_hypo = thermal.hypothermia_hazard(np.clip(drop, 0.0, 15.0))
    # a lost person does not rewarm by a fire in the morning: the drop is carried
    cold_debt = np.where(alone, drop * 0.5, 0.0)

    wct_day = thermal.wind_chill_temperature(np.minimum(c.air_temperature_min + 0.3 * (c.air_temperature_max
                                                                                       - c.air_temperature_min), 10.0),
                                             np.maximum(c.wind_speed, 1.4))[:, None]
    t_fb = thermal.frostbite_time(np.clip(wct_day, -80.0, 10.0)) * np.ones(shape)
    exposure = np.where(mv.hours > 0, EXPOSED_MINUTES_DAY, 0.0) + np.where(alone | (shelter == 0),
                                                                            EXPOSED_MINUTES_NIGHT * 0.25, 0.0)
    h_frost_event = thermal.frostbite_hazard(exposure, t_fb)

    # --- heat (models.water core temperature, models.thermal heat illness) ---
    t_rad = np.where(plan.night[:, None], t_march, t_march + 15.0)
    m_walk = np.maximum(mv.walking_power / bsa, 70.0)
    core = water.equilibrium_core_temperature(t_march, rh, air_march, m_walk, np.minimum(clo_march, 1.0),
                                              radiant_temperature=t_rad, walking_speed=speed_march,
                                              acclimatised=True)
    dehyd_frac = np.clip(state.water_deficit / state.body_mass, 0.0, 0.35)
    # the deficit raises the core while working in the heat (models.water.dehydration_core_rise per 1 %, from data
    # up to ~8 % deficits: held there) — only when walking
    core = core + np.where(mv.hours > 0, water.dehydration_core_rise(t_march) * 100.0 * np.minimum(dehyd_frac, 0.08),
                           0.0)
    h_heat = thermal.heat_illness_hazard(np.clip(core, 36.0, 44.0), mv.hours)

    tef = energy.thermic_effect_of_food(intake)
    camp_kcal = rmr * (CAMP_MET_FACTOR - 1.0) * camp_hours / 24.0
    expenditure = rmr + adaptive + tef + walking_net + other + shiver_kcal + camp_kcal + \
        clothing_kcal
    fat_before, lean_before = state.fat_mass, state.lean_mass
    mass_before = state.body_mass + state.water_deficit  # tissue and labile mass, without the dehydration deficit
    # glycogen pays part of the day's bill first and takes its water with it (models.energy.glycogen_step)
    glycogen = np.where(alive, energy.glycogen_step(state.glycogen, intake, party.baseline_intake), state.glycogen)
    released = energy.RHO_GLYCOGEN * (state.glycogen - glycogen)
    # lean tissue lost on short rations is nearer bare protein with its water (models.energy.lean_energy_density)
    fat, lean = energy.body_composition_step(state.fat_mass, state.lean_mass, intake + released, expenditure,
                                             lean_density=energy.lean_energy_density(intake, party.baseline_intake),
                                             forbes_constant=energy.forbes_constant(
                                                 party.body_mass - party.fat_mass, intake, party.baseline_intake))
    fat = np.where(alive, fat, fat_before)
    lean = np.where(alive, lean, lean_before)
    labile = energy.labile_mass_change(glycogen, energy.extracellular_fluid_change(intake, party.baseline_intake))

    # --- water balance (models.water) ---
    lean_lost = np.maximum(lean_before - lean, 0.0)
    fat_burnt = np.maximum(fat_before - fat, 0.0)
    # oxidised carbohydrate [kg]: ESTIMATE 55 % of the food energy eaten (a mixed diet) at 4000 kcal kg-1
    carb = np.minimum(intake, expenditure) / 4000.0 * 0.55
    gain = water.metabolic_water(fat_burnt, carb, 0.0) + water.tissue_water_release(lean_lost)
    loss = today.water_loss + water.faecal_water_loss(intake)
    deficit = np.maximum(state.water_deficit + loss - today.water_intake - gain, 0.0)
    water_deficit = np.where(alive, deficit, state.water_deficit)
    body_mass = np.where(alive, fat + lean + labile - water_deficit, state.body_mass)
    frac = np.clip(water_deficit / np.maximum(fat + lean, 1.0), 0.0, 0.35)

    # --- hazards ---
    # Henry's limits are on weighed BMI: glycogen water and the ECF a fast loses count, a dehydration deficit not
    bmi = energy.body_mass_index(np.where(alive, fat + lean + labile, mass_before), party.height)
    bmi_before = energy.body_mass_index(mass_before, party.height)
    h_starve = energy.starvation_bmi_hazard(bmi, bmi_before, male) + \
        energy.fat_exhaustion_hazard(fat, fat + lean) + energy.lean_loss_hazard(lean, lean0)
    h_dehyd = water.dehydration_hazard(frac, np.maximum(c.air_temperature_max[:, None], -60.0) * np.ones(shape))
    hazards = {
        Cause.HYPOTHERMIA: h_hypo,
        Cause.DEHYDRATION: h_dehyd,
        Cause.STARVATION: h_starve,
        Cause.HEAT_ILLNESS: h_heat,
    }
    altitude_hazards, ams_onset, ams_recovery, altitude_updates = altitude_and_other_hazards(party, state, c, mv,
                                                                                            today)
    hazards.update(altitude_hazards)
    facts = {
        "night_temperature": t_night,
        "temperature_drop": drop,
        "water_deficit_fraction": frac,
        "bmi": bmi,
        "core_temperature": core,
        "wind_chill": wct_day * np.ones(shape),
        "shelter": shelter,
        "fire": fire * np.ones(shape, bool),
    }
    updates = dict(adaptive_thermogenesis=adaptive, cold_debt=cold_debt, glycogen=glycogen, fat_mass=fat,
                   lean_mass=lean, water_deficit=water_deficit, body_mass=body_mass, **altitude_updates)
    return BodyDay(
        energy_expenditure=expenditure,
        hazards=hazards,
        facts=facts,
        frostbite_hazard=np.zeros(shape) if h_frost_event is None else h_frost_event,
        ams_onset_hazard=ams_onset,
        ams_recovery_hazard=ams_recovery,
        updates=updates,
    )


HAPE_FATALITY = 0.44  # [M] case fatality of untreated HAPE (Hultgren 1996 review, widely quoted): ESTIMATE here
HACE_FATALITY = 0.6  # ESTIMATE: untreated HACE, often fatal without descent or oxygen (Luks et al. 2019, qualitative)
FALL_FATALITY = 0.3  # ESTIMATE: share of serious falls on steep ground that kill; the rest injure
CAMP_HOURS = 2.0  # ESTIMATE: hours of camp work (firewood, water, shelter) each day, at a light-work rate.
CAMP_DARK_MIN = 0.5  # ESTIMATE [h]: camp work (firewood, water) done after dusk even on long days
UNTREATED_WITH_FIRE = 0.5  # ESTIMATE: share of water drunk unboiled when the party has fire (boiling is slow)
FILTER_RESIDUAL_RISK = 0.2  # [-] waterborne illness risk left in water passed through a microfilter: a 0.1-0.2 µm
# microfilter removes bacteria and protozoa but not viruses (Wilderness Medical Society field water guideline,
# Backer et al. 2024 update, Wilderness Environ Med 35(1S):45S, and NOLS Wilderness Medicine as summarised by
# adventureplusme.com; US EPA 1987 purifier standard: 6 log bacteria, 3 log cysts), and bacteria cause about 80 % of
# travellers' diarrhoea (World Gastroenterology Organisation FAQ on travelers' diarrhea, 2011): the other 20 % is kept
# as an upper bound (protozoa, which the filter removes, are part of it).  A party with a filter filters all its
# water (ESTIMATE: squeezing or pumping a litre takes a minute or two, unlike boiling).
WATER_FILTER_TOOLS = frozenset({"water_filter"})  # names of scenario.schema.Tool, matched exactly
SOURCE_RISK = {"river": 1.0, "snow": 0.1, "well": 0.3, "settlement": 0.3}  # models.hazards docs (estimates)
HUNTING_TOOLS = frozenset({"rifle", "bow", "snares", "traps"})  # names of scenario.schema.Tool, matched exactly
FISHING_TOOLS = frozenset({"fishing_line", "net"})


def altitude_and_other_hazards(party, state, c, mv, today) -> tuple[dict, np.ndarray, np.ndarray, dict]:
    """Death hazards of altitude illness (HAPE/HACE onset × case fatality) and of falls, the hazards of AMS onset and
    recovery [day-1], and the new altitude state (``hape_pending``, ``acclimatised_altitude``, ``sleep_elevation``).
    HAPE comes days after the nights that cause it: ``state.hape_pending`` carries the risk not yet due."""
    sleep = np.broadcast_to(c.elevation[:, None], state.status.shape)
    accl = state.acclimatised_altitude
    descent = np.maximum(state.sleep_elevation - sleep, 0.0)
    h_ams = altitude.ams_hazard(sleep, accl) * np.where(party.weak_lungs, 2.0, 1.0)
    h_hape, hape_pending = altitude.hape_onset_step(
        state.hape_pending, altitude.hape_hazard(sleep, accl) * np.where(party.weak_lungs, 2.0, 1.0), descent)
    h_alt = HAPE_FATALITY * h_hape + HACE_FATALITY * altitude.hace_hazard(sleep, accl)
    updates = dict(hape_pending=hape_pending, acclimatised_altitude=altitude.acclimatised_altitude_step(accl, sleep),
                   sleep_elevation=sleep.copy())
    grade = np.abs(stretch_grade(party.track, mv.start, state.position))
    icy = (c.snow_depth > 0.02) | (c.air_temperature_max < 0.0)
    dark = np.where(today.plan.night, 1.0, 0.0)[:, None]
    h_fall = FALL_FATALITY * hazards.fall_hazard(grade, mv.hours, dark, icy[:, None])
    return ({Cause.ALTITUDE_ILLNESS: h_alt, Cause.FALL: h_fall}, h_ams, altitude.ams_recovery_hazard(descent),
            updates)


def water_point_probability(distance) -> np.ndarray:
    """Chance of passing a usable well or spring in the desert over ``distance`` [m], off the caravan tracks
    (models.hazards: Poisson water points, 100 km apart off-track, 30 % unusable)."""
    return hazards.water_point_probability(distance, hazards.water_point_spacing(False), hazards.WATER_POINT_FAILURE)


def herder_encounters(radius, searched, density) -> np.ndarray:
    """Expected herders' camps met over the ground ``searched`` [m] with detection ``radius`` [m] where camps stand
    at ``density`` [m-2] (models.hazards.encounter_count, the ideal-gas encounter model)."""
    return hazards.encounter_count(radius, searched, density)


def stretch_grade(track, start, end) -> np.ndarray:
    """Mean steepness of the day's stretch [-]: (ascent + descent) / distance."""
    dist = np.maximum(end - start, 0.0)
    climb = (track.at("cum_ascent", end) - track.at("cum_ascent", start)) + \
        (track.at("cum_descent", end) - track.at("cum_descent", start))
    return np.divide(climb, dist, out=np.zeros_like(dist), where=dist > 100.0)


def injury_hazard(party, state, mv, track, terrain, load) -> np.ndarray:
    """Foot and leg injuries from distance, terrain, load and effort (models.hazards.injury_hazard).

    The effort is the walking metabolic rate over the rate the walker can sustain for the hours walked: the
    movement phase walks everyone at their own pace, capped at that rate (models.walking.daily_walking_speed,
    engine.phases.movement), so the engine's effort is at most 1, where the effort factor is 1.  Forced or racing
    marches, whose effort exceeds it (Knapik et al. 1992), are not a policy the engine has.

    The feet harden as the journey goes (models.hazards.blister_hardening): what each walker had walked before the
    day is taken as where they started it along the route (positions start at 0; off-route detours and searches
    are not counted, so the hardening is, if anything, understated).
    """
    walked = np.maximum(mv.start, 0.0)
    return hazards.injury_hazard(mv.distance, terrain, load / np.maximum(state.body_mass, 20.0), effort=1.0,
                                 walked=walked)


def untreated_share(supplies) -> float:
    """Share of the drinking water's waterborne risk left after the party's treatment [-]: boiled where it has fire
    (all but :data:`UNTREATED_WITH_FIRE` of it), filtered where it carries a water filter (the risk of filtered water
    :data:`FILTER_RESIDUAL_RISK`); both: the unboiled share is filtered."""
    share = UNTREATED_WITH_FIRE if supplies.fire != "none" else 1.0
    if set(supplies.tools) & WATER_FILTER_TOOLS:
        share *= FILTER_RESIDUAL_RISK
    return share


def illness_hazards(party, state, today) -> tuple[np.ndarray, np.ndarray]:
    """Daily hazards [day-1] of waterborne illness (water drunk by source, less what was boiled or filtered) and of
    illness from exhaustion and wasting (models.hazards), (runs, people) each."""
    untreated = untreated_share(party.supplies)
    risk = today.source_risk[:, None]
    drank = np.divide(today.water_intake, np.maximum(today.water_loss, 0.1))
    h_water = hazards.waterborne_illness_hazard(untreated * np.clip(drank, 0.0, 1.0), risk)
    loss = np.clip(1.0 - (state.fat_mass + state.lean_mass) / party.body_mass, 0.0, 0.5)
    h_exh = hazards.exhaustion_illness_hazard(loss, today.movement.hours)
    return h_water, h_exh


def illness_hazard(party, state, today) -> np.ndarray:
    """Waterborne illness and illness from exhaustion, summed [day-1] (:func:`illness_hazards`)."""
    h_water, h_exh = illness_hazards(party, state, today)
    return h_water + h_exh


def lost_hazard(party, plan, c, members, walk_hours) -> np.ndarray:
    """Getting lost: hours on the move in daylight and darkness, camp work after dusk, night blindness, a GPS
    (models.hazards).  Darkness in camp is the part of the walking day plus camp work beyond the day's light."""
    night = plan.night[:, None]
    dark_camp = np.maximum(walk_hours + CAMP_HOURS - c.day_length[:, None], CAMP_DARK_MIN)
    dark_camp = np.where(night, CAMP_DARK_MIN, np.minimum(dark_camp, CAMP_HOURS))
    hours_day = np.where(night, 0.0, walk_hours)
    hours_dark = np.where(night, walk_hours, 0.0) + dark_camp
    bliz = c.blizzard.astype(float)[:, None]
    h = hazards.lost_hazard(hours_day, hours_dark, bliz, party.night_blind, has_gps(party.supplies))
    return np.where(members, h, 0.0)


GPS_TOOLS = frozenset({"gps"})  # names of scenario.schema.Tool, matched exactly


def has_gps(supplies) -> bool:
    """A party with a GPS receiver keeps its way and marks its camp as one on a track does (models.hazards
    lost_hazard ``on_track``, five times less often lost: the same ESTIMATE there)."""
    return bool(set(supplies.tools) & GPS_TOOLS)


def forage_return(party, node, month, water_here, hours, u) -> np.ndarray:
    """The day's food from foraging [kcal] (runs, people): the best method available here times hours, the catch
    drawn as an exponential variate around the mean rate (models.hazards.foraging_return_rate)."""
    track = party.track
    biome = track.biome[node] if track.biome is not None else np.full(node.shape, hazards.STEPPE)
    tools = set(party.supplies.tools)
    rate = hazards.foraging_return_rate(biome, month, hazards.GATHER)
    if tools & HUNTING_TOOLS:
        rate = np.maximum(rate, hazards.foraging_return_rate(biome, month, hazards.HUNT))
    fish = hazards.foraging_return_rate(biome, month, hazards.FISH)
    if not tools & FISHING_TOOLS:
        fish = fish * 0.5  # ESTIMATE: by hand or improvised line, half the rate of a line and hooks
    rate = np.where(water_here, np.maximum(rate, fish), rate)
    return rate[:, None] * hours * -np.log1p(-np.minimum(u, 1 - 1e-12))


# --- the environment: climate table along the route and the weather generator --------------------------------------


class Environment:
    """Weather along the route for a batch of runs: climatology at each node by day of year, stepped daily.

    ``fixed`` (a :class:`longwalk.scenario.schema.FixedWeather`) replaces the generator with constant weather.
    """

    def __init__(self, party, run_ids: np.ndarray, streams: Streams, climate_table=None, fixed=None,
                 day_length_table=None):
        self.party = party
        self.fixed = fixed
        self.table = climate_table  # dict field -> (nodes, 366)
        self.day_length_table = day_length_table  # (nodes, 366) [h]
        with quiet():  # FRIEND covers ages 20-79; younger and older members are extrapolated flat
            self.vo2max0 = walking.baseline_vo2max(party.male, party.age, party.fitness)
        self.keys = hash_counters(streams.keys["weather"], run_ids, 0, 0, 1)[:, 0]

    def initial_weather_state(self, n_runs: int):
        """The weather generator's state on the start date: spun up over :data:`SPINUP_DAYS` days at the start,
        so the snow on the ground and the weather's persistence are those of the season, not of an empty world."""
        if self.fixed is not None:
            return None
        from longwalk.atlas.weather import advance_weather, init_weather

        start = self.party.start_date
        doy = np.array([(start - dt.timedelta(days=k)).timetuple().tm_yday for k in range(SPINUP_DAYS, 0, -1)])
        normals = DailyNormals(**{f: v[0, doy - 1] for f, v in self.table.items()})
        return advance_weather(init_weather(n_runs, keys=self.keys), normals)

    def vo2max(self, party, state, elevation) -> np.ndarray:
        """Today's VO2max per kg of current body mass [mL kg-1 min-1]: baseline, the muscle lost to starvation
        (models.walking.vo2max_starvation_factor), altitude (models.altitude.vo2max_altitude_factor: the fitter lose
        more, by the endurance training of their fitness, :func:`endurance_training`); per kg of today's body mass."""
        lean0 = party.body_mass - party.fat_mass
        k = walking.vo2max_starvation_factor(state.lean_mass, lean0) * altitude.vo2max_altitude_factor(
            np.clip(elevation, 0.0, 8848.0), endurance_training(party))
        return np.maximum(self.vo2max0 * k * party.body_mass / np.maximum(state.body_mass, 20.0), 5.0)

    def weather_at(self, node, lat, doy, state, streams, day):
        n = node.shape[0]
        if self.day_length_table is not None:
            day_length = self.day_length_table[node, doy - 1]
        else:
            day_length = np.full(n, 12.0)
        if self.fixed is not None:
            f = self.fixed
            tmax = np.full(n, f.air_temperature_max)
            tmin = np.full(n, f.air_temperature_min)
            no = np.zeros(n, bool)
            return dict(
                air_temperature_min=tmin, air_temperature_max=tmax, air_temperature_mean=0.5 * (tmin + tmax),
                wind_speed=np.full(n, f.wind_speed), relative_humidity=np.full(n, f.relative_humidity),
                precipitation=np.full(n, f.precipitation), snow_depth=np.full(n, f.snow_depth), blizzard=no,
                sandstorm=no.copy(), heat_wave=no.copy(), cold_snap=no.copy(), day_length=day_length,
            ), None
        from longwalk.atlas.weather import step_weather

        normals = DailyNormals(**{k: v[node, doy - 1] for k, v in self.table.items()})
        wx, new_state = step_weather(state.weather_state, normals)
        return dict(
            air_temperature_min=np.asarray(wx.air_temperature_min, float),
            air_temperature_max=np.asarray(wx.air_temperature_max, float),
            air_temperature_mean=np.asarray(wx.air_temperature_mean, float),
            wind_speed=np.asarray(wx.wind_speed, float),
            relative_humidity=np.asarray(wx.relative_humidity, float),
            precipitation=np.asarray(wx.precipitation, float),
            snow_depth=np.asarray(wx.snow_depth, float),
            blizzard=np.asarray(wx.blizzard, bool),
            sandstorm=np.asarray(wx.sandstorm, bool),
            heat_wave=np.asarray(wx.heat_wave, bool),
            cold_snap=np.asarray(wx.cold_snap, bool),
            day_length=day_length,
        ), new_state


NORMAL_FIELDS = FIELDS  # the climatology's daily normals, one table per field along the track


def lost_chain(night_blind: bool, night: bool) -> tuple[Fact, ...]:
    """How someone got lost: night-blind or not, straggling on a night march or out for firewood at dusk."""
    how = fact(FactKind.STRAGGLED) if night else fact(FactKind.WENT_FOR_FIREWOOD)
    return ((fact(FactKind.NIGHT_BLIND),) if night_blind else ()) + (how, fact(FactKind.LOST_CAMP))


def death_chain(cause: str, party, state, today, r: int, p: int) -> tuple[Fact, ...]:
    """The facts that led to a death, in order, with their numbers (words: :mod:`longwalk.report.journal`)."""
    f = today.facts
    c = today.conditions
    chain: list[Fact] = []
    if party.night_blind[p] and today.lost_today[r, p]:
        # the same facts as the day's "lost" incident, so the journal does not contradict itself
        chain += lost_chain(True, bool(today.plan.night[r]))
    elif state.lost_days[r, p] > 1:
        chain.append(fact(FactKind.LOST_DAYS, days=int(state.lost_days[r, p])))
    elif state.lost_days[r, p] == 1:
        chain.append(fact(FactKind.LOST_PARTY))
    if party.elderly[p]:
        chain.append(fact(FactKind.AGED, age=float(party.age[p])))
    if party.frail[p]:
        chain.append(fact(FactKind.FRAIL))
    if cause == Cause.HYPOTHERMIA:
        chain.append(fact(FactKind.NIGHT_COLD, temperature=float(f["night_temperature"][r, p]),
                          shelter=float(f["shelter"][r, p]), fire=bool(f["fire"][r, p])))
        chain.append(fact(FactKind.BODY_COOLING, drop=float(f["temperature_drop"][r, p])))
    elif cause == Cause.DEHYDRATION:
        chain.append(fact(FactKind.WATER_DEFICIT, fraction=float(f["water_deficit_fraction"][r, p])))
        chain.append(fact(FactKind.DAY_HEAT, temperature=float(c.air_temperature_max[r])))
        if not today.water_source[r]:
            chain.append(fact(FactKind.NO_WATER))
    elif cause == Cause.STARVATION:
        chain.append(fact(FactKind.BODY_MASS_INDEX, bmi=float(f["bmi"][r, p])))
        chain.append(fact(FactKind.BODY_MASS_LEFT, mass=float(state.body_mass[r, p]), start=float(party.body_mass[p])))
    elif cause == Cause.HEAT_ILLNESS:
        chain.append(fact(FactKind.HEAT, temperature=float(c.air_temperature_max[r])))
        chain.append(fact(FactKind.CORE_TEMPERATURE, temperature=float(f["core_temperature"][r, p])))
    if state.ill_days[r, p] > 0:
        chain.append(fact(FactKind.CONDITION, condition=Condition.ILL))
    if state.injured_days[r, p] > 0:
        chain.append(fact(FactKind.CONDITION, condition=Condition.INJURED))
    return tuple(chain)


__all__ = ["Environment", "Status"]
