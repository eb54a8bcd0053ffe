"""The daily phases of a journey, each a function of the state and the day's conditions.

A day runs: :func:`weather` → :func:`decisions` → :func:`movement` → :func:`supplies` → :func:`incidents` →
:func:`physiology` → :func:`deaths` → :func:`events`; :mod:`longwalk.engine.simulate` records the day.
Incidents come before physiology because what goes wrong in the day changes the night: a night-blind man who
loses the camp at dusk spends the night alone, without fire or shelter, and the night's cold is computed for him
that way.

Every physical quantity comes from :mod:`longwalk.engine.compose`, the one place the engine calls the models;
this module only decides, moves, shares, counts and draws.  Every random draw comes from the counter-based
streams of :mod:`longwalk.engine.random` with a fixed ``draw`` number per use, so a run's story does not depend on
the batch.  Behavioural and availability rates that no paper gives are module constants marked ESTIMATE.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from longwalk.engine import compose
from longwalk.engine.random import Streams
from longwalk.engine.records import Fact, Incident, Status, fact
from longwalk.engine.registry import FactKind, Halt, IncidentKind, WeatherFlag
from longwalk.engine.state import JourneyState, Party
from longwalk.models import walking
from longwalk.models.hazards import BIOMES, SERIOUS_INJURY_DAYS, SERIOUS_INJURY_SHARE, STEPPE

# --- behaviour and availability: ESTIMATES (no published rate; each says what it encodes) -----------------------
# Injuries: most march injuries are blisters and foot pain that walkers walk on; a serious one (a sprain, a stress
# injury) stops a walker keeping the pace (models.hazards.SERIOUS_INJURY_SHARE, from Reynolds et al. 1999: 17 of 78
# injured soldiers could not finish a 161 km march, the other 61 finished it with their unit).
INJURY_PACE = 0.5  # ESTIMATE: a seriously injured walker (a sprain, a stress injury) keeps half the pace.
INJURY_DAYS = int(np.ceil(SERIOUS_INJURY_DAYS))  # [day] a serious injury lasts: 69 limited-duty days among 27
# soldiers after Reynolds et al.'s march (2.6 days), as whole days: 3.
# Illness: of 160 travellers with diarrhoea (Soonawala, Vlot & Visser 2011, BMC Infect Dis 11:322, a prospective
# study), 67 % kept to their planned activities, 21 % had to alter them and 13 % were confined to their lodging for
# one or more daylight days; the episode's median duration was 2.5 days.
ILL_MODERATE_SHARE = 33.0 / 160.0  # [-] a bout that alters the day: the walker manages ILL_HOURS of it
ILL_CONFINED_SHARE = 20.0 / 160.0  # [-] a bout that confines the walker (no walking) for CONFINED_DAYS first
ILL_HOURS = 0.5  # ESTIMATE: an ill (or altitude-sick) walker whose illness alters the day manages half its hours.
ILLNESS_DAYS = 5  # ESTIMATE: a bout of fever or illness from exhaustion lasts about five days (also the "ill" trait).
DIARRHOEA_DAYS = 2  # [day] days of a waterborne bout after the day it began (which the engine has already walked):
# the median 2.5 days of Soonawala et al. (2011), less the half day of onset.
CONFINED_DAYS = 1  # [day] a confining bout keeps the walker in camp this long ("one or more daylight days", the
# least: Soonawala et al. 2011); the ill_days counter holds it above the bout's days (see incidents()).
FOUND_PROBABILITY_SEARCH = 0.6  # ESTIMATE: chance per day that a searching party finds a lost member.
FOUND_PROBABILITY_ALONE = 0.25  # ESTIMATE: chance per day that a lost person finds the party/route unaided.
LOST_DAYS_GIVE_UP = 4  # ESTIMATE: after this many days the party stops searching and walks on.
SANDSTORM_CONTAINER_LOSS = 0.25  # ESTIMATE: chance per sandstorm day that the party's water is spilt or buried.
STREAM_SPACING_HUMID = 10_000.0  # ESTIMATE [m]: mean spacing of streams too small for the atlas, humid land.
STREAM_SPACING_STEPPE = 40_000.0  # ESTIMATE [m]: the same in semi-arid steppe.
HUMID_PRECIPITATION = 400.0  # [mm year-1] above: humid (streams common); below DESERT_PRECIPITATION: desert.
DESERT_PRECIPITATION = 200.0  # Meigs (1953) arid/semi-arid limits are near 200-250 mm; taken as round values.
TOBLER_FLAT = 1.4  # [m s-1] Tobler's (1993) hiking speed on the flat: 6·exp(-3.5·0.05) km/h
FORAGE_RANGE = 1_000.0  # ESTIMATE [m h-1]: new ground a forager covers per hour, searched for streams and wells too
# (a slow search walk of 1-2 km/h, partly over ground already seen).
SETTLEMENT_REACH = 10_000.0  # ESTIMATE [m]: a settlement this close to the day's camp can be visited (it is, when
# the party needs food or water: a fed party with water passes through; fugitives risk being denounced at each visit).
# --- the ground round a camp: searched once, not afresh each day ----------------------------------------------------
# Wells and small streams are drawn over the ground searched (models.hazards: water points as a Poisson process along
# a path).  Round a fixed camp the foragers cover the same ground again: the search path L walked there sweeps a
# strip of width W over the disc of radius R they can reach, and the area covered is that of Koopman's random search,
# A (1 - exp(-W L / A)) with A = pi R^2: the random-search formula (Koopman 1946, "Search and Screening"; Washburn,
# "Search and Detection", ch. 2, as presented in sarbayes.org "A Brief Intro to Search Theory (2 of 4)").  The new
# ground of a day is the growth of that area, expressed as path length (divided by W), so a stay-put party finds the
# water within its reach in the first days, then knows it and goes back to it.
CAMP_SEARCH_RADIUS = 5_000.0  # ESTIMATE [m]: foragers range this far from a fixed camp (out and back within the
# day's foraging hours at 2-3 km/h, keeping the camp in reach); a party that moved farther is at a new camp.
SEARCH_SWEEP_WIDTH = 1_000.0  # ESTIMATE [m]: a well, spring or stream is seen within ~500 m either side of the
# searcher's path (herd tracks and green growth lead to it in open country); with the off-track well spacing of
# 100 km (models.hazards.water_point_spacing) it makes 0.01 wells km-2, 0.55 usable ones within a 5 km radius.
ROBBERY_MIN_DAYS = 0.5  # ESTIMATE [day]: carried food below half a day's ration for the members is nothing to rob
# (a few crusts, hidden on the body): a betrayal then costs the help and the water, not food.
# --- who the party is to the people it meets (scenario.context) -----------------------------------------------------
# "fugitives" (escapees, the hunted) beg and may be denounced: HELP_PROBABILITY and BETRAYAL_PROBABILITY below, by
# country, estimates for the Soviet Union and its neighbours of the 1940s.  "travellers" (anyone not hunted, in any
# era) are not denounced: they buy food and water at settlements and are hosted by herders.
TRAVELLER_BUY_PROBABILITY = 0.9  # ESTIMATE: chance that a settlement visited sells food to travellers (GeoNames
# "populated places" include hamlets with no shop; a soum centre or village nearly always has one or a household
# that sells).
BUY_FOOD_DAYS = 7.0  # ESTIMATE [day]: travellers buying food unplanned fill the food carried up to a week of ration
# for the members (what a walker buys at a village shop to reach the next: long-distance hikers resupply every 4-7
# days, a judgement; planned purchases are the route's ``buy_food``).
HELP_PROBABILITY = {  # ESTIMATE: chance a visited settlement gives fugitives food and water, by country.
    "RU": 0.2,  # Stalin's Siberia: 'The escaping prisoner was not likely to find much help from those local people
    # who were not guards or prisoners' (Applebaum A 2003, Gulag: A History, ch. 'Escape'): the tsarist custom of bread
    # and milk on the doorstep for runaways had gone; 0.2 of those who do not denounce them is an ESTIMATE.  It was
    # 0.4, after Rawicz's and Glinski's accounts, which the archives contradict (Rawicz was amnestied in 1942).
    "MN": 0.7,  # herders' hospitality to travellers (Lattimore's Mongol Journeys)
    "CN": 0.5,
    "IN": 0.8,
    "NP": 0.7,
    "BT": 0.7,
}
HELP_PROBABILITY_DEFAULT = 0.5
TIBET_HELP = 0.8  # ESTIMATE: monasteries and herders on the plateau (places in CN above 3500 m).
BETRAYAL_PROBABILITY = {"RU": 0.5, "MN": 0.05, "CN": 0.05}  # ESTIMATE: fugitives denounced or robbed when
# asking for help, by country.  Russia: 'Most people would have been inclined to turn in an escaped "enemy"', those
# who did not risked long sentences, and rewards of 250-300 roubles were paid for runaways, local peoples among the
# bounty hunters (Applebaum A 2003, Gulag: A History, ch. 'Escape', from memoirs and the Gulag archives): 'most' is
# taken at its lower edge, 0.5 (it was 0.15).  The Mongolian and Chinese border zones: ESTIMATES.
BETRAYAL_PROBABILITY_DEFAULT = 0.02
GIVEN_FOOD_DAYS = 3.0  # ESTIMATE: days of ration per person a helpful settlement gives fugitives.
BETRAYAL_FOOD_LOSS = 0.5  # ESTIMATE: fraction of carried food lost when fleeing a betrayal (when there is food).
# --- herders' camps (gers, drokpa tents, Buryat and Evenk camps): not in any gazetteer ------------------------------
# Camps met in a day: models.hazards.encounter_count (ideal-gas model, N = 2 r d D), drawn as a Poisson count.
# Densities [camps km-2] by the nearest settlement's country and the node's biome (models.hazards codes: TUNDRA,
# TAIGA, STEPPE, DESERT, ALPINE, TEMPERATE_FOREST); a country not listed has no camps modelled (0).
# Mongolia: 738,600 people in 1940 (Library of Congress Country Study "Mongolia", 1989, Appendix table 2, from the
# Central Statistical Board's "National Economy of the MPR for 65 Years", 1986; 738,200 at the 1935 census) on
# 1,564,116 km2: 0.47 km-2, nearly all herders then; at ~12 people a camp (khot ail of 2-3 gers of ~5: ESTIMATE)
# ~0.04 camps km-2.  Rural densities in 1986 were 1.9 km-2 in the best pasture (Selenge, Bayan-Olgii) and 0.22 in
# the South Gobi (same study), a third of the rural mean (~0.67): the Gobi is given a third, ESTIMATE, assuming the
# 1940 distribution was like 1986's.  Tibetan Changtang drokpa: ~0.2 people km-2 in ~10-person tent camps, ESTIMATE.
# Siberia 1941: herding was collectivised into villages (in the gazetteer); summer camps in the Buryat steppe near
# Baikal are given 0.01 km-2, Evenk reindeer camps in the taiga and tundra 0.001 km-2, ESTIMATES.
HERDER_DENSITY = {  # ESTIMATE [camps km-2]: columns TUNDRA, TAIGA, STEPPE, DESERT, ALPINE, TEMPERATE_FOREST
    "MN": (0.01, 0.01, 0.04, 0.013, 0.01, 0.02),
    "CN": (0.0, 0.0, 0.02, 0.005, 0.02, 0.0),  # Inner Mongolian steppe and Alashan Gobi; the Tibetan plateau
    "RU": (0.001, 0.001, 0.01, 0.0, 0.001, 0.0),
}
HERDER_RADIUS_OPEN = 3_000.0  # ESTIMATE [m]: a ger or tent, its herds or smoke, seen across open steppe, desert,
# tundra or plateau (a white ger 6 m wide subtends 2 mrad at 3 km, well above the eye's ~0.3 mrad acuity).
HERDER_RADIUS_FOREST = 300.0  # ESTIMATE [m]: in taiga or forest, a camp is met only close by.
HERDER_HELP_PROBABILITY = {  # ESTIMATE: chance that herders approached give food and water, by country.
    "MN": 0.8,  # guest-right of the steppe: a traveller at a ger is fed (Lattimore's Mongol Journeys) - above villages
    "CN": 0.8,  # drokpa and Mongol herders of the plateau and Alashan, as TIBET_HELP
    "RU": 0.4,  # collective herders in 1941 risked the NKVD as villagers did (fugitives are also denounced at
    # BETRAYAL_PROBABILITY["RU"]); the rate applies to travellers too
}
HERDER_HELP_DEFAULT = 0.5
# --- what a party short of food or water does (ESTIMATES; no published rate) ---------------------------------------
HUNGRY_DAYS = 3.0  # ESTIMATE [day]: below this many days of ration carried the party turns to the land and to people
# (survival manuals tell a party to start living off the land while food remains, not after: an estimate of "a few
# days"); it forages ``policy.forage_hours_hungry`` and seeks settlements within ``policy.detour_distance``.
DAY_WATER_MIN = 3.0  # ESTIMATE [kg person-1]: less carried than about a day's minimum drinking need (2-4 L a day at
# rest; 8 h walking at 30 °C loses 3.5 L, physiology.md §3.1), and less than half the containers hold, makes
# the party thirsty (a party with small containers that refills daily from snow or streams is not).
THIRST_DEFICIT = 0.02  # [-] body-mass water deficit above which thirst drives decisions: 2 %, where aerobic
# performance starts to fall (Sawka et al. 2007, ACSM position stand).
DETOUR_DAYS = 1.0  # ESTIMATE [day]: a party goes out of its way only for a settlement or water it can reach and come
# back from within this many days' walking at today's pace (the slowest walker's), so that it camps where it would
# have: a day off the route for a village that may refuse it is as far as a party short of food or water goes, and
# a round trip longer than that costs more food and water than a village's gift is sure to return.
THIRSTY_HOURS = 12.0  # ESTIMATE [h]: a thirsty party with known water ahead within reach pushes on for up to this many
# hours (by dark if need be) to reach it.


@dataclass(frozen=True)
class Conditions:
    """What :func:`weather` makes: the day's weather and light where the party is, arrays (runs,)."""

    air_temperature_min: np.ndarray  # [°C]
    air_temperature_max: np.ndarray  # [°C]
    air_temperature_mean: np.ndarray  # [°C]
    wind_speed: np.ndarray  # [m s-1]
    relative_humidity: np.ndarray  # [-]
    precipitation: np.ndarray  # [mm day-1]
    snow_depth: np.ndarray  # [m]
    blizzard: np.ndarray  # bool
    sandstorm: np.ndarray  # bool
    heat_wave: np.ndarray  # bool
    cold_snap: np.ndarray  # bool
    day_length: np.ndarray  # [h]
    elevation: np.ndarray  # [m] at the party's position
    ground_terrain: np.ndarray  # [-] terrain coefficient η of the ground underfoot, under any snow (the leg's ground)
    ground_resistance: np.ndarray  # [-] resistance μ of the party's cart or sledge on that ground, snow-free

    @property
    def flags(self) -> np.ndarray:
        """The day's weather events as :class:`~longwalk.engine.registry.WeatherFlag` bits (runs,) uint8."""
        return (self.blizzard * WeatherFlag.BLIZZARD | self.sandstorm * WeatherFlag.SANDSTORM
                | self.heat_wave * WeatherFlag.HEAT_WAVE | self.cold_snap * WeatherFlag.COLD_SNAP).astype(np.uint8)


@dataclass(frozen=True)
class Plan:
    """What :func:`decisions` makes: what the party decided for the day."""

    halt: np.ndarray  # (runs,) a Halt, Halt.NONE when walking
    night: np.ndarray  # (runs,) bool: walking by night
    hours: np.ndarray  # (runs, people) hours each person can walk today [h]
    walkers: np.ndarray  # (runs, people) bool: with the party and able to walk
    forage: np.ndarray | None = None  # (runs,) hours each member forages, hunts or fishes today [h]
    hungry: np.ndarray | None = None  # (runs,) bool: carried food below HUNGRY_DAYS of ration
    thirsty: np.ndarray | None = None  # (runs,) bool: carried water low or a member past THIRST_DEFICIT
    detour: np.ndarray | None = None  # (runs,) int DETOUR_*: an off-route detour begun today
    detour_node: np.ndarray | None = None  # (runs,) track node the detour starts from (its settlement or water)
    march: tuple | None = None  # what _march_budget gave for these hours and night, when the detours needed it


@dataclass(frozen=True)
class Movement:
    """What :func:`movement` makes: how far and how hard each person walked."""

    distance: np.ndarray  # (runs, people) [m]
    hours: np.ndarray  # (runs, people) [h] on the march, its halts included (compose.WALKING_SHARE is walked)
    walking_power: np.ndarray  # (runs, people) [W] mean over the hours on the march (walking and halts)
    speed: np.ndarray  # (runs, people) [m s-1] while walking
    start: np.ndarray  # (runs, people) [m] position at dawn


@dataclass(frozen=True)
class Provisions:
    """What :func:`supplies` makes: the day's water and food, per person (runs, people) or per party (runs,)."""

    water_source: np.ndarray  # (runs,) bool: the party drank and filled up at a source today
    source_risk: np.ndarray  # (runs,) [-] waterborne risk of that source (compose.SOURCE_RISK; 0 none)
    water_loss: np.ndarray  # (runs, people) [kg day-1]
    water_intake: np.ndarray  # (runs, people) [kg day-1]
    energy_intake: np.ndarray  # (runs, people) [kcal day-1] eaten and foraged
    foraged: np.ndarray  # (runs, people) [kcal day-1] of it foraged
    forage_hours: np.ndarray  # (runs, people) [h] spent foraging, hunting or fishing
    herders_met: np.ndarray  # (runs,) herders' camps met today (Poisson draw)


@dataclass(frozen=True)
class Mishaps:
    """What :func:`incidents` makes besides its incidents: what went wrong that the night and the deaths see."""

    minor_injuries: np.ndarray  # (runs, people) bool: blisters and the like, walked on (counted, not told)
    mild_illness: np.ndarray  # (runs, people) bool: a bout walked through (counted, not told)
    lost_today: np.ndarray  # (runs, people) bool: got lost today
    night_alone: np.ndarray  # (runs, people) bool: spends the night apart from the party (lost or left behind)


@dataclass(frozen=True)
class Body:
    """What :func:`physiology` makes besides the new body state: the day's hazards and the numbers behind them."""

    hazards: dict  # Cause -> (runs, people) [day-1] death hazard
    energy_expenditure: np.ndarray  # (runs, people) [kcal day-1]
    facts: dict  # compose.BodyDay.facts: what a death chain tells
    ams_onset_hazard: np.ndarray  # (runs, people) [day-1]
    ams_recovery_hazard: np.ndarray  # (runs, people) [day-1]


DETOUR_NONE, DETOUR_SETTLEMENT, DETOUR_WATER = 0, 1, 2
"""What an off-route detour goes to: nothing, the nearest settlement, or water back along the route."""


class Day:
    """The day's records, passed from phase to phase and then recorded: one frozen record per phase that makes one
    (its slot, :data:`CONTRACTS`), and the incidents.  Nothing else can be set on a day (``__slots__``).

    The properties below read a field of a record (zeros before its phase has run), for the recorder and compose.
    """

    __slots__ = ("day", "shape", "keep", "chains", "incidents", "conditions", "plan", "movement", "provisions",
                 "mishaps", "body")

    def __init__(self, state: JourneyState, day: int, keep: frozenset | None = None, chains: bool = True):
        self.day = day
        self.shape = state.status.shape
        self.keep = keep  # incident kinds to record (None: all)
        self.chains = chains  # deaths carry the chain of facts that led to them (False: their cause only)
        self.incidents: list[Incident] = []
        self.conditions: Conditions | None = None
        self.plan: Plan | None = None
        self.movement: Movement | None = None
        self.provisions: Provisions | None = None
        self.mishaps: Mishaps | None = None
        self.body: Body | None = None

    def _field(self, record: str, name: str, per_person: bool = True, dtype=float):
        made = getattr(self, record)
        if made is not None:
            return getattr(made, name)
        return np.zeros(self.shape if per_person else self.shape[:1], dtype)

    energy_intake = property(lambda self: self._field("provisions", "energy_intake"))
    water_intake = property(lambda self: self._field("provisions", "water_intake"))
    water_loss = property(lambda self: self._field("provisions", "water_loss"))
    foraged = property(lambda self: self._field("provisions", "foraged"))
    forage_hours = property(lambda self: self._field("provisions", "forage_hours"))
    water_source = property(lambda self: self._field("provisions", "water_source", False, bool))
    source_risk = property(lambda self: self._field("provisions", "source_risk", False))
    herders_met = property(lambda self: self._field("provisions", "herders_met", False, np.int64))
    minor_injuries = property(lambda self: self._field("mishaps", "minor_injuries", dtype=bool))
    mild_illness = property(lambda self: self._field("mishaps", "mild_illness", dtype=bool))
    lost_today = property(lambda self: self._field("mishaps", "lost_today", dtype=bool))
    night_alone = property(lambda self: self._field("mishaps", "night_alone", dtype=bool))
    energy_expenditure = property(lambda self: self._field("body", "energy_expenditure"))
    ams_onset_hazard = property(lambda self: self._field("body", "ams_onset_hazard"))
    ams_recovery_hazard = property(lambda self: self._field("body", "ams_recovery_hazard"))
    hazards = property(lambda self: self.body.hazards if self.body is not None else {})
    facts = property(lambda self: self.body.facts if self.body is not None else {})


# --- weather ------------------------------------------------------------------------------------------------------


def weather(state: JourneyState, party: Party, env: compose.Environment, streams: Streams, today: Day) -> None:
    """The day's weather at the party's position (or the scenario's fixed weather)."""
    doy = compose.day_of_year(party.start_date, today.day)
    node = party.track.nearest_node(state.party_position)
    lat = party.track.lat[node]
    wx, state.weather_state = env.weather_at(node, lat, doy, state, streams, today.day)
    terrain, resistance = compose.ground_at(party, state.party_position)
    today.conditions = Conditions(elevation=party.track.elevation[node], ground_terrain=terrain,
                                  ground_resistance=resistance, **wx)


# --- decisions ----------------------------------------------------------------------------------------------------


def decisions(state: JourneyState, party: Party, env: compose.Environment, today: Day) -> None:
    """Walk or halt, by day or by night, and for how many hours each member can walk."""
    pol = party.policy
    c = today.conditions
    members = state.with_party & state.alive
    able = members & (state.status != Status.LOST)
    n_runs = state.n_runs

    # short of food or water? (hungry: forage more and walk less; thirsty: push on to known water; either: detour
    # to settlements and water, below)
    track = party.track
    n_members = members.sum(axis=1)
    hungry = state.food < HUNGRY_DAYS * pol.ration * n_members
    dry = (members & (state.water_deficit > THIRST_DEFICIT * state.body_mass)).any(axis=1)
    short = (state.water < DAY_WATER_MIN * n_members) & (state.water < 0.5 * state.water_capacity)
    # snow on the ground and a fire to melt it: water is at hand, whatever is carried
    melt = (c.snow_depth > 0.02) & (party.supplies.fire != "none")
    thirsty = members.any(axis=1) & (short | dry) & ~melt
    tables = _route_tables(track)
    node = track.nearest_node(state.party_position)
    halt = np.full(n_runs, Halt.NONE, dtype=np.int8)
    missing = ((state.status == Status.LOST) & ~state.with_party & (state.lost_days < LOST_DAYS_GIVE_UP)).any(axis=1)
    rest_due = (pol.rest_every > 0) & (state.walking_days >= pol.rest_every)
    # priority: last condition written wins
    # a thirsty party takes no rest day and does not sit out a sandstorm with empty bottles: it goes for water
    # (ESTIMATE: a judgement of what people do; a blizzard, which hides the way entirely, still halts everyone)
    halt = np.where(rest_due & ~thirsty, Halt.REST, halt)
    halt = np.where(missing & ~pol.leave_behind, Halt.SEARCH, halt)
    halt = np.where(c.sandstorm & pol.wait_out_storms & ~thirsty, Halt.SANDSTORM, halt)
    halt = np.where(c.blizzard, Halt.BLIZZARD, halt)  # a blizzard hides the way: nobody walks
    halt = np.where(state.rest_left > 0, Halt.WAYPOINT, halt)
    if pol.stay_put:
        halt[:] = Halt.STAY_PUT
    halt = np.where(~able.any(axis=1) & members.any(axis=1), Halt.UNABLE, halt)
    halt = np.where(~members.any(axis=1), Halt.DONE, halt)

    night = c.air_temperature_max > pol.night_travel_above
    light = np.where(night, 24.0 - c.day_length, c.day_length)
    forage = np.where(hungry, max(pol.forage_hours, pol.forage_hours_hungry), pol.forage_hours)
    base = np.maximum(np.minimum(pol.hours_per_day, light) - (forage - pol.forage_hours), 0.0)
    reach = pol.detour_distance * 1000.0
    nxt = np.minimum(tables["next_water"][node], np.where(pol.resupply, tables["next_near"][node], track.x.size))
    water_ahead = np.where(nxt < track.x.size, track.x[np.minimum(nxt, track.x.size - 1)] - state.party_position,
                           np.inf)
    push = thirsty & (water_ahead > 0.0) & (water_ahead <= reach)
    base = np.where(push, np.maximum(base, THIRSTY_HOURS), base)
    hours = base[:, None] * np.ones(state.status.shape)
    hours = np.where((state.ill_days > 0) | state.altitude_sick, hours * ILL_HOURS, hours)
    # a confining bout of illness: its first CONFINED_DAYS (the counter above the bout's own days) without walking
    hours = np.where(state.ill_days > max(ILLNESS_DAYS, DIARRHOEA_DAYS), 0.0, hours)
    hours = hours * compose.dehydration_work_capacity(state.water_deficit / state.body_mass)
    # starvation: the hours a body keeps walking fall with the muscle it has lost (compose.starvation_work_capacity)
    hours = hours * compose.starvation_work_capacity(party, state)
    # heat (waterheat): nobody keeps up walking whose heat they cannot shed — hours until heat exhaustion
    hours = np.minimum(hours, compose.heat_walking_hours(party, state, c, night, hours))
    walkers = able & (halt == Halt.NONE)[:, None] & (hours > 0.25)
    if not pol.leave_behind and pol.pace == "weakest":
        # nobody walks on while a member cannot: the party rests with them
        waiting = (able & (halt == Halt.NONE)[:, None] & ~walkers).any(axis=1)
        halt = np.where(waiting, Halt.UNABLE, halt)
        walkers &= ~waiting[:, None]
    if pol.leave_behind:
        # the party walks on without those who cannot walk today (too sick, too dehydrated)
        unable = able & (halt == Halt.NONE)[:, None] & ~walkers & walkers.any(axis=1)[:, None]
        state.with_party &= ~unable
        _note(today, state, party, unable, IncidentKind.LEFT_BEHIND,
              (fact(FactKind.TOO_WEAK), fact(FactKind.ABANDONED)))
    # off-route detours, begun only on a walking day and not again until the party has walked on by ``reach``
    free = walkers.any(axis=1) & (state.detour_left <= 0.0) & \
        (state.party_position >= state.last_detour_x + reach) & (reach > 0.0)
    d_set = track.settlement_distance[node]
    near_ahead = tables["next_near"][node]
    passes = (near_ahead < track.x.size) & \
        (track.x[np.minimum(near_ahead, track.x.size - 1)] - state.party_position <= reach)
    to_settlement = free & (hungry | thirsty) & pol.resupply & (d_set <= reach) & ~passes
    prv = tables["prev_water"][node]
    water_behind = np.where(prv >= 0, state.party_position - track.x[np.maximum(prv, 0)], np.inf)
    to_water = free & thirsty & ~push & ~track.water[node] & (water_behind <= reach) & \
        ~(to_settlement & (d_set <= water_behind))
    to_settlement &= ~to_water
    there = np.where(to_settlement, d_set, np.where(to_water, water_behind, 0.0))
    # there and back, at the route's local time per metre (its terrain), walked before going on
    lo = np.maximum(state.party_position - 2_500.0, 0.0)
    hi = np.minimum(state.party_position + 2_500.0, track.length)
    per_m = np.divide(track.route_time_between(lo, hi), hi - lo, out=np.full(lo.shape, 1.0 / 1.4),
                      where=hi > lo)
    round_trip = 2.0 * there * per_m  # [s] of route time
    night_walk = night & (halt == Halt.NONE)
    march = None
    if (to_settlement | to_water).any():
        # only a round trip within DETOUR_DAYS of the day's march at the slowest walker's pace today
        march = _march_budget(state, party, env, c, np.where(walkers, hours, 0.0), night_walk)
        budget = march[0]
        slowest = np.where(walkers, budget, np.inf).min(axis=1)
        within = np.isfinite(slowest) & (round_trip <= DETOUR_DAYS * np.where(np.isfinite(slowest), slowest, 0.0))
        to_settlement &= within
        to_water &= within
    detour = np.where(to_settlement, DETOUR_SETTLEMENT, np.where(to_water, DETOUR_WATER, DETOUR_NONE))
    begun = detour != DETOUR_NONE
    detour_node = np.where(to_water, np.maximum(prv, 0), node)
    state.detour_left = np.where(begun, round_trip, state.detour_left)
    state.last_detour_x = np.where(begun, state.party_position, state.last_detour_x)
    state.detour_kind = np.where(begun, detour, state.detour_kind).astype(np.int8)
    state.detour_node = np.where(begun, detour_node, state.detour_node)
    _note_party(today, state, party, to_settlement, IncidentKind.DETOUR_SETTLEMENT)  # the day's walk goes off the route
    _note_party(today, state, party, to_water, IncidentKind.DETOUR_WATER)
    today.plan = Plan(halt=halt, night=night_walk, hours=np.where(walkers, hours, 0.0),
                      walkers=walkers, forage=forage, hungry=hungry, thirsty=thirsty, detour=detour,
                      detour_node=detour_node, march=march)


def _march_budget(state: JourneyState, party: Party, env: compose.Environment, c, hours, night):
    """Route time each person can cover in ``hours`` on the march today [s] (runs, people), and what it was worked
    out from: (budget, load, terrain, grade, vo2max, training), vo2max that of the march's ceiling
    (compose.endurance_vo2max).  Route time is at Tobler's pace on bare ground;
    the budget is the march's walking share of the hours at the person's sustainable pace on today's terrain."""
    track = party.track
    load = compose.load_mass(party, state)
    terrain = compose.day_terrain(c)[:, None]
    # Representative slope of the stretch ahead: the mean uphill grade of the next ~30 km.
    ahead = np.minimum(state.party_position + 30_000.0, track.length)
    up = track.at("cum_up_distance", ahead) - track.at("cum_up_distance", state.party_position)
    climb = track.at("cum_ascent", ahead) - track.at("cum_ascent", state.party_position)
    grade = np.divide(climb, up, out=np.zeros_like(up), where=up > 0)[:, None]
    pace_factor = np.where(state.injured_days > 0, INJURY_PACE, 1.0)
    pace_factor = np.where(night[:, None], pace_factor * compose.NIGHT_PACE, pace_factor)
    # the march's ceiling: today's VO2max, of which a walker not yet acclimatised to the altitude holds less for hours
    vo2max = compose.endurance_vo2max(env.vo2max(party, state, c.elevation[:, None]), state, c.elevation[:, None])
    training = compose.endurance_training(party)
    # hours are hours on the march; a tenth-of-an-hour halt in every hour (FM 21-18's 50/10) is not walked
    walking_share = compose.WALKING_SHARE
    # a cart or sledge hauled adds its pull under the cap
    hauled, mu = compose.hauled_mass(party, state), compose.day_cart_resistance(party, c)[:, None]
    # the pace of those on the march today only (the others' budget is nought whatever their pace); the speed of
    # constant power on the day's ground, up and down the stretch's grade, is the party's: worked out once a run
    on_march = hours > 0.0
    going = on_march.any(axis=1)
    constant_power = [np.ones_like(grade) for _ in range(2)]
    for sign, out in zip((1.0, -1.0), constant_power, strict=True):
        out[going] = walking.constant_power_speed(sign * grade[going], terrain[going])
    _, ratio = compose.only_where(on_march, compose.walking_pace, grade, terrain, state.body_mass, load, vo2max,
                                  np.maximum(hours, 0.25) * walking_share, pace_factor, training, hauled, mu,
                                  *constant_power)
    budget = hours * walking_share * 3600.0 * ratio
    return budget, load, terrain, grade, vo2max, training


# --- movement -----------------------------------------------------------------------------------------------------


def movement(state: JourneyState, party: Party, env: compose.Environment, today: Day) -> None:
    """Move the walkers along the route: each person's sustainable pace, the party at the slowest (policy)."""
    track = party.track
    plan = today.plan
    c = today.conditions
    pol = party.policy
    walkers = plan.walkers
    start = state.position.copy()

    # The next place the party must stop at: a waypoint with a rest, an event, or the end.
    stop_x = party.stop_x[np.minimum(state.next_waypoint, party.stop_x.size - 1)]
    # the march's budget for the plan's hours and night, as decisions worked it out for the detours (nothing it
    # reads has changed since) or afresh
    march = plan.march if plan.march is not None else _march_budget(state, party, env, c, plan.hours, plan.night)
    budget, load, terrain, grade, vo2max, training = march
    walking_share = compose.WALKING_SHARE
    budget = np.where(walkers, budget, 0.0)
    if pol.pace == "weakest":
        party_budget = np.where(walkers, budget, np.inf).min(axis=1)
        party_budget = np.where(np.isfinite(party_budget), party_budget, 0.0)
        budget = np.where(walkers, party_budget[:, None], 0.0)
    # an off-route detour (to a settlement or water, and back) is walked first, at the party's pace
    slowest = np.where(walkers, budget, np.inf).min(axis=1)
    detour = np.where(np.isfinite(slowest), np.minimum(state.detour_left, slowest), 0.0)
    state.detour_left = state.detour_left - detour
    route_budget = np.where(walkers, budget - detour[:, None], 0.0)
    target = np.minimum(track.position_after(start, route_budget), stop_x[:, None])
    new_pos = np.where(walkers, np.maximum(target, start), start)
    used = track.route_time_between(start, new_pos) + np.where(walkers, detour[:, None], 0.0)
    hours = np.where(walkers, np.divide(used, np.maximum(budget, 1e-9)) * plan.hours, 0.0)
    hours = np.minimum(hours, plan.hours)  # on the march, halts included
    walked = hours * walking_share
    distance = new_pos - start
    # walking speed over ground, the detour included (detour metres at Tobler's flat pace per route second)
    ground = distance + np.where(walkers, detour[:, None], 0.0) * TOBLER_FLAT
    v = np.divide(ground, walked * 3600.0, out=np.zeros_like(distance), where=walked > 0)
    hauled, mu = compose.hauled_mass(party, state), compose.day_cart_resistance(party, c)[:, None]
    power = compose.stretch_walking_power(track, start, new_pos, v, state.body_mass, load, terrain, hauled, mu)
    # the detour's share of the day's walking time, on level ground
    on_detour = np.where(walkers, np.divide(detour[:, None], np.maximum(used, 1e-9)), 0.0)
    power = (1.0 - on_detour) * power + on_detour * compose.flat_walking_power(v, state.body_mass, load, terrain,
                                                                               hauled, mu)
    # nobody keeps up more than the sustainable rate for the hours walked: in deep snow they slow to it
    power = np.minimum(power, compose.sustainable_power(vo2max, state.body_mass, np.maximum(walked, 0.25), training))
    # what the day's energy and sweat see: the mean over the hours on the march, halts at the resting rate
    power = np.where(walked > 0, compose.march_power(power, state.body_mass), power)
    state.position = new_pos
    if pol.pace == "weakest":
        moved = walkers.any(axis=1)
        state.party_position = np.where(moved, np.where(walkers, new_pos, -np.inf).max(axis=1),
                                        state.party_position)
    else:
        # each at their own pace; supplies stay pooled and the party's place (weather, water, settlements) is its
        # median walker's — an idealisation of a party that spreads out by day and shares in the evening
        moved = walkers.any(axis=1)
        centre = state.party_position.copy()
        centre[moved] = np.nanmedian(np.where(walkers, new_pos, np.nan)[moved], axis=1)
        state.party_position = centre
    today.movement = Movement(distance=distance, hours=hours, walking_power=power, speed=v, start=start)


# --- water and food -----------------------------------------------------------------------------------------------


def supplies(state: JourneyState, party: Party, env: compose.Environment, streams: Streams, today: Day) -> None:
    """Find, carry, share, eat and drink: water from rivers, lakes, streams, snow, wells and settlements; food
    carried, foraged and given."""
    pol = party.policy
    track = party.track
    c = today.conditions
    mv = today.movement
    members = state.with_party & state.alive
    n_members = members.sum(axis=1)
    rid = state.run_ids
    d = today.day
    u = streams.uniform("supplies", rid, d, 0, 4)
    had_food, had_water = state.food > 0.0, state.water > 0.0  # for the facts "food_gone", "water_gone" below

    # --- water sources on the day's stretch (runs,) ---
    a = np.where(members.any(axis=1), np.where(members, mv.start, np.inf).min(axis=1), state.party_position)
    b = state.party_position
    node = track.nearest_node(b)
    precip = track.annual_precipitation[node]
    walked = np.maximum(b - a, 0.0)
    plan = today.plan
    forage = np.where(plan.halt != Halt.NONE, np.maximum(plan.forage, 2.0 * pol.forage_hours), plan.forage)  # idle
    # ground searched for small streams and wells: the day's walk, the camp's surroundings, the foragers' rounds
    round_camp = 2_000.0 + FORAGE_RANGE * np.where(n_members > 0, forage, 0.0)
    searched = walked + round_camp
    # round a camp already searched only the new ground counts (Koopman's random search over the disc in reach);
    # what was found there is known
    new_camp = np.abs(b - state.camp_x) > CAMP_SEARCH_RADIUS
    before = np.where(new_camp, 0.0, state.camp_searched)
    state.camp_searched = before + round_camp
    state.camp_x = np.where(new_camp, b, state.camp_x)
    known = state.known_water & ~new_camp
    fresh = walked + _search_coverage(state.camp_searched) - _search_coverage(before)
    surface = track.water_between(np.minimum(a, b), b)
    spacing = np.where(precip >= HUMID_PRECIPITATION, STREAM_SPACING_HUMID,
                       np.where(precip >= DESERT_PRECIPITATION, STREAM_SPACING_STEPPE, np.inf))
    stream = u[:, 0] < 1.0 - np.exp(-fresh / spacing)
    desert = precip < DESERT_PRECIPITATION
    p_well = compose.water_point_probability(fresh)
    well = desert & (u[:, 1] < p_well)
    new_well = well & ~known
    state.known_water = known | stream | well
    stream |= known & ~desert
    well |= known & desert
    freezing = c.air_temperature_max < 0.0
    fire = party.supplies.fire != "none"
    snow = (c.snow_depth > 0.02) & fire
    liquid = (surface | stream) & (~freezing | fire)  # frozen water needs a fire to melt
    # in need of people: hungry, or thirsty with no water of the land found today
    low = plan.hungry | (plan.thirsty & ~(liquid | snow | well))
    staying = plan.halt == Halt.STAY_PUT
    settlement_near = (track.settlement_distance[node] < SETTLEMENT_REACH) & pol.resupply
    # a party short of food or water stops at a settlement it passed within SETTLEMENT_REACH today
    tables = _route_tables(track)
    passed_node = tables["next_near"][track.nearest_node(np.minimum(a, b))]
    passed = low & pol.resupply & (passed_node < track.x.size) & \
        (track.x[np.minimum(passed_node, track.x.size - 1)] <= b) & ~settlement_near
    # a detour brings its food and water when its way back is walked, not on the day it begins
    detour_done = (state.detour_kind != DETOUR_NONE) & (state.detour_left <= 1e-6)
    detour_settlement = detour_done & (state.detour_kind == DETOUR_SETTLEMENT)
    water_detour = detour_done & (state.detour_kind == DETOUR_WATER)
    state.detour_kind = np.where(detour_done, DETOUR_NONE, state.detour_kind).astype(np.int8)
    visit_node = np.where(detour_settlement, state.detour_node,
                          np.where(passed, np.minimum(passed_node, track.x.size - 1), node))
    fugitives = party.context == "fugitives"
    help_p, betray_p = _help_tables(track)
    if fugitives:
        help_p, betray_p = help_p[visit_node], betray_p[visit_node]
    else:  # travellers are not denounced: they buy food where it is sold
        help_p, betray_p = np.full(state.n_runs, TRAVELLER_BUY_PROBABILITY), np.zeros(state.n_runs)
    # a settlement is visited when it is needed: a fed party with water passes through (a fugitive's every visit is
    # a risk); staying put by one, the party asks for food when short of it (water it fetches every day, below)
    visit = ((settlement_near & low & ~staying) | passed | detour_settlement
             | (settlement_near & staying & plan.hungry)) & (n_members > 0)
    betrayed = visit & (u[:, 2] < betray_p)
    helped = visit & ~betrayed & (u[:, 3] < help_p)
    # herders' camps met on the ground covered today (ideal-gas encounter model); a party short of food or water
    # that visits no settlement today approaches one of them (ESTIMATE: one camp a day)
    density, radius, herder_help, herder_betray = _herder_tables(track)
    met = compose.herder_encounters(radius[node], searched, density[node])
    u_h = streams.uniform("supplies", rid, d, 2, 3)
    herders_met = np.where(n_members > 0, _poisson(met, u_h[:, 0]), 0)
    approach = (herders_met > 0) & low & pol.resupply & ~visit & (n_members > 0)
    herders_betrayed = approach & (u_h[:, 1] < np.where(fugitives, herder_betray[node], 0.0))
    herders_helped = approach & ~herders_betrayed & (u_h[:, 2] < herder_help[node])
    # every settlement stands on water (a well, spring or river), and water is not refused to those who are not
    # denounced: ESTIMATE.  Staying put within SETTLEMENT_REACH of one, the party fetches water there each day;
    # travellers fill their bottles at any settlement by their camp (a tap, a well, a shop).  Herders camp by water
    # too (a well, spring or stream for the herds): the same, ESTIMATE.
    settlement_water = (visit & ~betrayed) | (settlement_near & (staying | (not fugitives)) & (n_members > 0)) | \
        (approach & ~herders_betrayed)
    source = liquid | snow | well | helped | settlement_water | water_detour
    source_risk = np.select([liquid | water_detour, well | helped | settlement_water, snow],
                            [compose.SOURCE_RISK["river"], compose.SOURCE_RISK["settlement"],
                             compose.SOURCE_RISK["snow"]], 0.0)

    # refill containers at a source; a sandstorm may spill them
    capacity = state.water_capacity
    state.water = np.where(source, capacity, state.water)

    # --- the day's water loss and drinking, per person ---
    water_loss = compose.daily_water_loss(party, state, c, mv, today.plan, compose.CAMP_HOURS, where=state.alive)
    want = np.where(state.alive, pol.water_target * water_loss + state.water_deficit, 0.0)
    at_source = source[:, None] & members
    drink = np.where(at_source, want, 0.0)
    # without a source, members share what is carried, equally
    need = np.where(members & ~at_source, want, 0.0)
    total_need = need.sum(axis=1)
    share = np.divide(state.water, total_need, out=np.zeros_like(total_need), where=total_need > 0)
    from_carried = need * np.minimum(share, 1.0)[:, None]
    drink = drink + from_carried
    state.water = np.maximum(state.water - from_carried.sum(axis=1), 0.0)

    # --- food ---
    # fugitives are given GIVEN_FOOD_DAYS of ration; travellers buy up to BUY_FOOD_DAYS; herders feed either
    ration_days = pol.ration * n_members
    gift = GIVEN_FOOD_DAYS * ration_days
    if fugitives:
        state.food = state.food + np.where(helped, gift, 0.0)
    else:
        state.food = np.where(helped, np.maximum(state.food, BUY_FOOD_DAYS * ration_days), state.food)
    state.food = state.food + np.where(herders_helped, gift, 0.0)
    # a robbery needs something to rob: with less than ROBBERY_MIN_DAYS of ration the betrayed flee with what they have
    robbed = (betrayed | herders_betrayed) & (state.food >= ROBBERY_MIN_DAYS * ration_days) & (state.food > 0.0)
    state.food = np.where(robbed, state.food * (1.0 - BETRAYAL_FOOD_LOSS), state.food)
    forage_hours = np.where(members & (plan.halt != Halt.DONE)[:, None], forage[:, None], 0.0)
    month = (party.start_date + dt.timedelta(days=d)).month
    foraged = compose.forage_return(party, node, month, surface | stream, forage_hours,
                                    streams.uniform("supplies", rid, d, 1, state.status.shape[1]))
    foraged = np.where(members, foraged, 0.0)
    eat_want = np.where(members, pol.ration, 0.0)
    total_want = eat_want.sum(axis=1)
    fshare = np.divide(state.food, total_want, out=np.zeros_like(total_want), where=total_want > 0)
    eaten = eat_want * np.minimum(fshare, 1.0)[:, None]
    state.food = np.maximum(state.food - eaten.sum(axis=1), 0.0)
    energy_intake = eaten + foraged
    foraged = foraged

    # incidents: helped, betrayed, wells (to the journal)
    runs = np.flatnonzero(helped)
    _emit_each(today, state, party, runs, np.full(runs.size, -1),
               IncidentKind.FOOD_GIVEN if fugitives else IncidentKind.FOOD_BOUGHT,
               [(fact(FactKind.SETTLEMENT_HELP, settlement=str(track.settlement_name[i]), bought=not fugitives,
                      detour=bool(detour_settlement[r])),)
                for r, i in zip(runs.tolist(), visit_node[runs].tolist(), strict=True)])
    runs = np.flatnonzero(betrayed)
    _emit_each(today, state, party, runs, np.full(runs.size, -1), IncidentKind.BETRAYED,
               [(fact(FactKind.BETRAYED_AT, settlement=str(track.settlement_name[i]),
                      food_lost=BETRAYAL_FOOD_LOSS if robbed[r] else 0.0),)
                for r, i in zip(runs.tolist(), visit_node[runs].tolist(), strict=True)])
    _note_party(today, state, party, herders_helped, IncidentKind.FOOD_GIVEN, (fact(FactKind.HERDERS_FED),))
    _note_party(today, state, party, herders_betrayed & robbed, IncidentKind.BETRAYED,
                (fact(FactKind.HERDERS_BETRAYED, food_lost=BETRAYAL_FOOD_LOSS),))
    _note_party(today, state, party, herders_betrayed & ~robbed, IncidentKind.BETRAYED,
                (fact(FactKind.HERDERS_BETRAYED, food_lost=0.0),))
    _note_party(today, state, party, water_detour, IncidentKind.WATER_FOUND, (fact(FactKind.WENT_BACK_FOR_WATER),))
    _note_party(today, state, party, new_well & ~(liquid | snow | helped | herders_helped) & (n_members > 0),
                IncidentKind.WATER_FOUND, (fact(FactKind.FOUND_WELL),))
    # supplies running out: the day the last food carried was eaten, the day the water carried was drunk with no
    # source to refill it (facts without words: the journal words them)
    _note_party(today, state, party, had_food & (state.food <= 0.0) & (n_members > 0), IncidentKind.FOOD_GONE)
    _note_party(today, state, party, had_water & (state.water <= 0.0) & ~source & (n_members > 0),
                IncidentKind.WATER_GONE)
    today.provisions = Provisions(water_source=source, source_risk=source_risk, water_loss=water_loss,
                                  water_intake=drink, energy_intake=energy_intake, foraged=foraged,
                                  forage_hours=forage_hours, herders_met=herders_met)


def _search_coverage(path):
    """The ground round a fixed camp covered by a search path of ``path`` [m] walked there, as the length of a
    straight path that would cover it [m]: A (1 - exp(-W L / A)) / W, A the disc of CAMP_SEARCH_RADIUS, W
    SEARCH_SWEEP_WIDTH (Koopman's random search; see the constants).  Near L for a short search, A / W at most.

    One idle day's search of 4 km, almost all of it new ground: A / W = pi 5000^2 / 1000 = 78,540 m, and
    78,540 (1 - exp(-4000 / 78,540)) = 78,540 x 0.04966 = 3,900 m:

    >>> round(float(_search_coverage(4_000.0)))
    3900
    """
    disc = np.pi * CAMP_SEARCH_RADIUS**2 / SEARCH_SWEEP_WIDTH
    return disc * -np.expm1(-np.asarray(path, float) / disc)


def _route_tables(track) -> dict:
    """Per-node indices along the route: the next node with surface water (``next_water``, n if none), the last one
    at or before (``prev_water``, -1 if none), the next node within SETTLEMENT_REACH of a settlement
    (``next_near``, n if none).  Cached on the track."""
    cached = track.__dict__.get("_route_tables")
    if cached is None:
        n = track.x.size
        idx = np.arange(n)
        near = track.settlement_distance < SETTLEMENT_REACH

        def next_of(mask):
            return np.minimum.accumulate(np.where(mask, idx, n)[::-1])[::-1]

        cached = track.__dict__["_route_tables"] = {
            "next_water": next_of(track.water),
            "prev_water": np.maximum.accumulate(np.where(track.water, idx, -1)),
            "next_near": next_of(near),
        }
    return cached


def _help_tables(track) -> tuple[np.ndarray, np.ndarray]:
    """Per-node chance that the nearest settlement helps, and that it betrays (by its country; estimates)."""
    cached = track.__dict__.get("_help_tables")
    if cached is None:
        country = [str(k) for k in track.settlement_country]
        help_p = np.array([HELP_PROBABILITY.get(k, HELP_PROBABILITY_DEFAULT) for k in country], float)
        help_p = np.where((track.elevation > 3500.0) & (np.array(country) == "CN"), TIBET_HELP, help_p)
        betray_p = np.array([BETRAYAL_PROBABILITY.get(k, BETRAYAL_PROBABILITY_DEFAULT) for k in country], float)
        cached = track.__dict__["_help_tables"] = (help_p, betray_p)
    return cached


def _herder_tables(track) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per-node herders' camp density [m-2], detection radius [m], and chances that herders help and betray (by the
    nearest settlement's country and the node's biome; estimates).  Cached on the track."""
    cached = track.__dict__.get("_herder_tables")
    if cached is None:
        country = [str(k) for k in track.settlement_country]
        biome = track.biome if track.biome is not None else np.full(track.x.size, STEPPE)
        per_km2 = np.array([HERDER_DENSITY.get(k, (0.0,) * len(BIOMES))[b]
                            for k, b in zip(country, biome.tolist(), strict=True)], float)
        forest = np.isin(biome, compose.FOREST_BIOMES)
        radius = np.where(forest, HERDER_RADIUS_FOREST, HERDER_RADIUS_OPEN)
        help_p = np.array([HERDER_HELP_PROBABILITY.get(k, HERDER_HELP_DEFAULT) for k in country], float)
        betray_p = np.array([BETRAYAL_PROBABILITY.get(k, BETRAYAL_PROBABILITY_DEFAULT) for k in country], float)
        cached = track.__dict__["_herder_tables"] = (per_km2 * 1e-6, radius, help_p, betray_p)
    return cached


def _poisson(mean: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Poisson counts with the given means from uniforms on [0, 1), by inverting the cumulative distribution
    (vectorised over runs; the loop is over the count, a handful of steps for the means met here)."""
    mean = np.asarray(mean, float)
    p = np.exp(-mean)
    cdf = p.copy()
    k = np.zeros(mean.shape, np.int64)
    for i in range(1, 1000):
        more = u >= cdf
        if not more.any():
            break
        k += more
        p = p * mean / i
        cdf = cdf + p
    return k


# --- incidents ----------------------------------------------------------------------------------------------------


def incidents(state: JourneyState, party: Party, env: compose.Environment, streams: Streams, today: Day) -> None:
    """Injuries, illness, people getting lost (the night-blind after dusk), sandstorms spilling water."""
    c = today.conditions
    mv = today.movement
    plan = today.plan
    rid = state.run_ids
    d = today.day
    n_p = state.status.shape[1]
    alive = state.alive
    u = streams.uniform("incidents", rid, d, 0, n_p)
    u_ill = streams.uniform("incidents", rid, d, 1, n_p)
    u_lost = streams.uniform("incidents", rid, d, 2, n_p)
    u_found = streams.uniform("incidents", rid, d, 3, n_p)
    u_storm = streams.uniform("incidents", rid, d, 4, 1)[:, 0]

    # injuries while walking: most are blisters and foot pain, walked on; a serious one slows the walker
    h_inj = compose.injury_hazard(party, state, mv, party.track, compose.day_terrain(c)[:, None],
                                  compose.load_mass(party, state))
    u_sev = streams.uniform("incidents", rid, d, 5, n_p)
    hurt = alive & (state.injured_days == 0) & (u < -np.expm1(-h_inj))
    injured = hurt & (u_sev < SERIOUS_INJURY_SHARE)
    state.injured_days = np.where(injured, INJURY_DAYS, np.maximum(state.injured_days - 1, 0))
    _note(today, state, party, injured, IncidentKind.INJURY, (fact(FactKind.HURT),))
    minor_injuries = hurt & ~injured  # walked on; counted, not told (the journal would be all blisters)

    # illness from untreated water and exhaustion; of a waterborne bout, most are walked through, some alter the day,
    # a few confine the walker (Soonawala et al. 2011); illness from exhaustion alters the days it lasts
    h_water, h_exh = compose.illness_hazards(party, state, today)
    h_ill = h_water + h_exh
    ill = alive & (state.ill_days == 0) & (u_ill < -np.expm1(-h_ill))
    u_kind = streams.uniform("incidents", rid, d, 6, n_p)
    u_bout = streams.uniform("incidents", rid, d, 7, n_p)
    waterborne = u_kind * h_ill < h_water
    confined = waterborne & (u_bout < ILL_CONFINED_SHARE)
    moderate = waterborne & ~confined & (u_bout < ILL_CONFINED_SHARE + ILL_MODERATE_SHARE)
    mild = ill & waterborne & ~confined & ~moderate
    days = np.where(~waterborne, ILLNESS_DAYS,
                    np.where(confined, max(ILLNESS_DAYS, DIARRHOEA_DAYS) + CONFINED_DAYS, DIARRHOEA_DAYS))
    slowed = ill & ~mild
    state.ill_days = np.where(slowed, days, np.maximum(state.ill_days - 1, 0))
    _note(today, state, party, slowed, IncidentKind.ILLNESS, (fact(FactKind.FELL_ILL),))
    mild_illness = mild  # walked through; counted, not told

    # the lost: found again, or still out there
    lost_before = (state.status == Status.LOST) & alive
    searching = (plan.halt == Halt.SEARCH)[:, None]
    p_found = np.where(searching, FOUND_PROBABILITY_SEARCH, FOUND_PROBABILITY_ALONE)
    found = lost_before & (u_found < p_found)
    state.status = np.where(found, Status.WALKING, state.status).astype(np.int8)
    state.with_party |= found
    state.position = np.where(found, state.party_position[:, None], state.position)
    state.lost_days = np.where(found, 0, np.where(lost_before, state.lost_days + 1, 0))
    _note(today, state, party, found, IncidentKind.FOUND, (fact(FactKind.FOUND_PARTY),))

    # getting lost: at dusk, in camp or on a night march; darkness matters most for the night-blind
    members = state.with_party & alive & (state.status != Status.LOST)
    h_lost = compose.lost_hazard(party, plan, c, members, mv.hours)
    lost = members & (u_lost < -np.expm1(-h_lost))
    state.status = np.where(lost, Status.LOST, state.status).astype(np.int8)
    state.with_party &= ~lost
    state.lost_days = np.where(lost, 1, state.lost_days)
    lost_today = lost
    # the lost and those left behind spend the night without the party's shelter, fire and huddle
    night_alone = alive & ~state.with_party
    runs, people = np.nonzero(lost)
    chains = [compose.lost_chain(bool(party.night_blind[p]), bool(plan.night[r]))
              for r, p in zip(runs.tolist(), people.tolist(), strict=True)]
    _emit_each(today, state, party, runs, people, IncidentKind.LOST, chains)

    # sandstorm: water spilt or buried
    spill = c.sandstorm & (u_storm < SANDSTORM_CONTAINER_LOSS) & (state.water > 0) & \
        (state.with_party & alive).any(axis=1)  # a party that has ended keeps no story
    _note_party(today, state, party, spill, IncidentKind.WATER_LOST, (fact(FactKind.STORM_SPILL),))
    state.water = np.where(spill, 0.0, state.water)
    _note_party(today, state, party, c.blizzard & (plan.halt == Halt.BLIZZARD), IncidentKind.BLIZZARD_HALT,
                (fact(FactKind.WAITED_BLIZZARD),))
    _note_party(today, state, party, c.sandstorm & (plan.halt == Halt.SANDSTORM), IncidentKind.SANDSTORM,
                (fact(FactKind.SHELTERED_SANDSTORM),))
    # a party that would wait out a sandstorm walks on through it when short of water (decisions): the reason, as a fact
    walked_on = c.sandstorm & party.policy.wait_out_storms & plan.thirsty & (plan.halt == Halt.NONE) & \
        plan.walkers.any(axis=1)
    _note_party(today, state, party, walked_on, IncidentKind.SANDSTORM_THIRSTY)
    today.mishaps = Mishaps(minor_injuries=minor_injuries, mild_illness=mild_illness, lost_today=lost_today,
                            night_alone=night_alone)


# --- physiology ---------------------------------------------------------------------------------------------------


def physiology(state: JourneyState, party: Party, env: compose.Environment, streams: Streams, today: Day) -> None:
    """Energy balance and body composition, water balance, the night's cold, heat, altitude: state and hazards."""
    c = today.conditions
    alive = state.alive
    # foraging, hunting and fishing are costed as camp work (light work, compose.CAMP_MET_FACTOR): ESTIMATE
    camp = compose.CAMP_HOURS + today.forage_hours
    result = compose.body_day(party, state, c, today.movement, today.plan, today, camp)
    for name, value in result.updates.items():  # compose.BODY_WRITES
        setattr(state, name, value)
    today.body = Body(hazards={k: np.where(alive, v, 0.0) for k, v in result.hazards.items()},
                      energy_expenditure=np.where(alive, result.energy_expenditure, 0.0), facts=result.facts,
                      ams_onset_hazard=result.ams_onset_hazard, ams_recovery_hazard=result.ams_recovery_hazard)
    u_frost = streams.uniform("physiology", state.run_ids, today.day, 1, state.status.shape[1])
    frostbitten = alive & ~state.frostbite & (u_frost < -np.expm1(-result.frostbite_hazard))
    state.frostbite |= frostbitten
    _note(today, state, party, frostbitten, IncidentKind.FROSTBITE, (fact(FactKind.GOT_FROSTBITE),))
    u = streams.uniform("physiology", state.run_ids, today.day, 0, state.status.shape[1])
    onset = alive & ~state.altitude_sick & (u < -np.expm1(-result.ams_onset_hazard))
    recover = state.altitude_sick & (u < -np.expm1(-result.ams_recovery_hazard))
    state.altitude_sick = (state.altitude_sick & ~recover) | onset
    _note(today, state, party, onset, IncidentKind.ALTITUDE_SICKNESS, (fact(FactKind.ALTITUDE_SICK),))


# --- deaths -------------------------------------------------------------------------------------------------------


def deaths(state: JourneyState, party: Party, streams: Streams, today: Day) -> None:
    """Sum the day's hazards, draw who dies, name the dominant cause and the chain of facts that led to it."""
    if not today.hazards:
        return
    causes = list(today.hazards)
    stack = np.stack([today.hazards[k] for k in causes])
    total = stack.sum(axis=0)
    u = streams.uniform("deaths", state.run_ids, today.day, 0, state.status.shape[1])
    dies = state.alive & (u < -np.expm1(-total))
    if not dies.any():
        return
    dominant = stack.argmax(axis=0)
    state.status = np.where(dies, Status.DEAD, state.status).astype(np.int8)
    state.with_party &= ~dies
    runs, people = np.nonzero(dies)
    named = [causes[k] for k in dominant[runs, people].tolist()]
    if today.chains:
        chains = [compose.death_chain(cause, party, state, today, r, p)
                  for cause, r, p in zip(named, runs.tolist(), people.tolist(), strict=True)]
    else:  # an ensemble's fate table needs the cause, not the story
        chains = [()] * len(named)
    _emit_each(today, state, party, runs, people, IncidentKind.DEATH, chains, named)


# --- events, arrivals ---------------------------------------------------------------------------------------------


def events(state: JourneyState, party: Party, today: Day) -> None:
    """Waypoints reached (rests, joins, leaves), dated events, arrivals at the end of the route."""
    d = today.day
    track = party.track
    n_wp = track.waypoint_x.size
    alive_members = state.with_party & state.alive
    # waypoints reached today by the party (several may be passed; events fire for each)
    reached_any = np.zeros(state.n_runs, bool)
    rest = np.zeros(state.n_runs, dtype=np.int64)
    for w in range(1, n_wp):
        reached = (state.next_waypoint == w) & (state.party_position >= track.waypoint_x[w] - 1.0) & \
            alive_members.any(axis=1)
        if not reached.any():
            continue
        state.next_waypoint = np.where(reached, w + 1, state.next_waypoint)
        reached_any |= reached
        rest = np.where(reached, party.waypoint_rest_days[w], rest)
        _note_party(today, state, party, reached, IncidentKind.WAYPOINT,
                    (fact(FactKind.PLACE, name=party.waypoint_names[w]),))
        _resupply_at(state, party, today, w, reached & alive_members.any(axis=1))
        for e in np.flatnonzero(party.event_waypoint == w):
            _apply_event(state, party, today, e, reached)
    state.rest_left = np.where(reached_any, rest, np.maximum(state.rest_left - (today.plan.halt == Halt.WAYPOINT),
                                                             0))
    for e in np.flatnonzero(party.event_day == d):  # only where the party is still on its way
        _apply_event(state, party, today, e, alive_members.any(axis=1))

    # water crossed today
    if track.crossing_x is not None and track.crossing_x.size:
        start = np.where(alive_members, today.movement.start, np.inf).min(axis=1)
        passed = (track.crossing_x[None, :] > start[:, None]) & \
            (track.crossing_x[None, :] <= state.party_position[:, None])
        runs, ks = np.nonzero(passed)
        for kind, incident in (("lake", IncidentKind.LAKE_CROSSING), ("river", IncidentKind.RIVER_CROSSING)):
            sel = np.array([track.crossing_kind[k] == kind for k in ks.tolist()], bool)
            _emit_each(today, state, party, runs[sel], np.full(int(sel.sum()), -1), incident,
                       [(track.crossing_text[k],) for k in ks[sel].tolist()])

    # arrivals: everyone alive who has reached the end
    arrived = state.alive & (state.position >= track.length - 1.0) & (state.status != Status.LOST)
    state.status = np.where(arrived, Status.ARRIVED, state.status).astype(np.int8)
    state.with_party &= ~arrived
    _note(today, state, party, arrived, IncidentKind.ARRIVE, (fact(FactKind.PLACE, name=party.waypoint_names[-1]),))

    # statuses for the record
    walking = today.movement.hours > 0
    resting = state.alive & (state.status != Status.LOST) & ~walking
    status = np.where(walking & state.alive & (state.status != Status.LOST), Status.WALKING, state.status)
    status = np.where(resting, Status.RESTING, status)
    status = np.where(state.alive & (state.ill_days > 0) & (state.status != Status.LOST), Status.SICK, status)
    state.status = status.astype(np.int8)

    halted = today.plan.halt
    state.walking_days = np.where(halted == Halt.NONE, state.walking_days + 1,
                                  np.where(halted == Halt.REST, 0, state.walking_days))


def _resupply_at(state: JourneyState, party: Party, today: Day, w: int, reached: np.ndarray) -> None:
    """The planned resupply of waypoint ``w`` (scenario ``buy_food``, ``cache``, ``cache_water``) for the runs that
    reached it: food bought up to so many days of ration for the members and the containers filled; a cache of food
    picked up; cached water taken up to the containers' capacity."""
    name = party.waypoint_names[w]
    buy, cache, cache_water = (party.waypoint_buy_food[w], party.waypoint_cache[w], party.waypoint_cache_water[w])
    if buy > 0:
        members = (state.with_party & state.alive).sum(axis=1)
        state.food = np.where(reached, np.maximum(state.food, buy * party.policy.ration * members),
                              state.food)
        state.water = np.where(reached, state.water_capacity, state.water)
        _note_party(today, state, party, reached, IncidentKind.FOOD_BOUGHT, (fact(FactKind.BOUGHT_AT, name=name),))
    if cache > 0:
        state.food = np.where(reached, state.food + cache, state.food)
        _note_party(today, state, party, reached, IncidentKind.CACHE, (fact(FactKind.FOOD_CACHE, name=name),))
    if cache_water > 0:
        state.water = np.where(reached, np.minimum(state.water + cache_water, state.water_capacity), state.water)
        _note_party(today, state, party, reached, IncidentKind.CACHE, (fact(FactKind.WATER_CACHE, name=name),))


def _reason(reason: str) -> tuple[Fact, ...]:
    """The scenario's reason for a joining or a leaving, as the incident's chain (none when it gives none)."""
    return (fact(FactKind.REASON, text=reason),) if reason else ()


def _apply_event(state: JourneyState, party: Party, today: Day, e: int, where: np.ndarray) -> None:
    p = int(party.event_person[e])
    reason = party.event_reason[e]
    if party.event_join[e]:
        joins = where & (state.status[:, p] == Status.ABSENT)
        state.status[:, p] = np.where(joins, Status.WALKING, state.status[:, p])
        state.with_party[:, p] |= joins
        state.position[:, p] = np.where(joins, state.party_position, state.position[:, p])
        _note_column(today, state, party, joins, p, IncidentKind.JOIN, _reason(reason))
    else:
        # one who was to part from the party here and lost it here the same day has parted from it all the same
        # (else, found again, they would walk on with a party they meant to leave)
        leaves = where & state.alive[:, p] & (state.with_party[:, p] | (state.status[:, p] == Status.LOST))
        state.status[:, p] = np.where(leaves, Status.LEFT, state.status[:, p])
        state.with_party[:, p] &= ~leaves
        _note_column(today, state, party, leaves, p, IncidentKind.LEAVE, _reason(reason))


def crossing_fact(c) -> Fact:
    """A water crossing of the planned route (a ``longwalk.routing`` crossing) as a fact: river or lake, the river's
    class, on the ice or not, and the hours spent searching for a ford (its routing penalty)."""
    return fact(FactKind.CROSSING, water=str(c.kind), river_class=int(getattr(c, "river_class", 0) or 0),
                frozen=bool(c.frozen), search_hours=float(c.penalty) / 3600.0)


@dataclass(frozen=True)
class Contract:
    """What a phase reads and writes, declared (landlab's component ``_info``): the JourneyState fields it reads
    (``reads``) and writes (``writes``), the day's records of earlier phases it reads (``needs``, :class:`Day` slots)
    and the record it makes (``makes``: its slot; None when it makes only incidents).  ``uses`` are the other
    arguments it takes besides ``(state, party)`` and ``today``: the weather ``env`` and the random ``streams``.
    ``tests/engine/test_contracts.py`` checks every declaration against what the phase does."""

    phase: Callable
    reads: frozenset
    writes: frozenset
    needs: frozenset = frozenset()
    makes: str | None = None
    uses: tuple[str, ...] = ()

    def run(self, state: JourneyState, party: Party, env: compose.Environment, streams: Streams, today: Day) -> None:
        given = {"env": env, "streams": streams}
        self.phase(state, party, *(given[name] for name in self.uses), today)


def _fields(text: str) -> frozenset:
    return frozenset(text.split())


CONTRACTS = (
    Contract(weather, reads=_fields("party_position weather_state"), writes=_fields("weather_state"),
             makes="conditions", uses=("env", "streams")),
    Contract(decisions,
             reads=_fields("acclimatised_altitude altitude_sick body_mass detour_kind detour_left detour_node food "
                           "ill_days injured_days last_detour_x lean_mass lost_days party_position position rest_left "
                           "run_ids status walking_days water water_capacity water_deficit with_party"),
             writes=_fields("detour_kind detour_left detour_node last_detour_x with_party"),
             needs=_fields("conditions"), makes="plan", uses=("env",)),
    Contract(movement,
             reads=_fields("acclimatised_altitude body_mass detour_left food injured_days lean_mass next_waypoint "
                           "party_position position status water with_party"),
             writes=_fields("detour_left party_position position"),
             needs=_fields("conditions plan"), makes="movement", uses=("env",)),
    Contract(supplies,
             reads=_fields("body_mass camp_searched camp_x detour_kind detour_left detour_node food known_water "
                           "party_position position run_ids status water water_capacity water_deficit with_party"),
             writes=_fields("camp_searched camp_x detour_kind food known_water water"),
             needs=_fields("conditions movement plan"), makes="provisions", uses=("env", "streams")),
    Contract(incidents,
             reads=_fields("body_mass fat_mass food ill_days injured_days lean_mass lost_days party_position position "
                           "run_ids status water with_party"),
             writes=_fields("ill_days injured_days lost_days position status water with_party"),
             needs=_fields("conditions movement plan provisions"), makes="mishaps", uses=("env", "streams")),
    Contract(physiology,
             reads=_fields("acclimatised_altitude adaptive_thermogenesis altitude_sick body_mass cold_debt fat_mass "
                           "frostbite glycogen hape_pending lean_mass party_position position run_ids sleep_elevation "
                           "status water_deficit with_party"),
             writes=_fields("altitude_sick frostbite") | compose.BODY_WRITES,
             needs=_fields("conditions mishaps movement plan provisions"), makes="body", uses=("env", "streams")),
    Contract(deaths,
             reads=_fields("body_mass ill_days injured_days lost_days party_position position run_ids status "
                           "with_party"),
             writes=_fields("status with_party"),
             needs=_fields("body conditions mishaps plan provisions"), uses=("streams",)),
    Contract(events,
             reads=_fields("food ill_days next_waypoint party_position position rest_left run_ids status "
                           "walking_days water water_capacity with_party"),
             writes=_fields("food next_waypoint position rest_left status walking_days water with_party"),
             needs=_fields("movement plan")),
)
"""The day's phases in their order, each with its declared contract."""


# --- incident helpers ---------------------------------------------------------------------------------------------


def _places(party: Party, positions: np.ndarray) -> list[tuple[float, float, str]]:
    """(lat, lon, nearest settlement within 50 km) of route positions, by the nearest node (vectorised)."""
    cache = party.__dict__.get("_place_cache")
    if cache is None:
        track = party.track
        near = track.settlement_distance < 50_000.0
        names = [str(n) if ok else "" for n, ok in zip(track.settlement_name, near, strict=True)]
        cache = list(zip(track.lat.tolist(), track.lon.tolist(), names, strict=True))
        party.__dict__["_place_cache"] = cache
    return [cache[i] for i in party.track.nearest_node(np.asarray(positions, float)).tolist()]


def _emit(today: Day, state, party, runs: np.ndarray, people: np.ndarray, kind: str, chain=()) -> None:
    """One incident per (run, person) pair with the same kind and chain (person -1: the party)."""
    if runs.size == 0 or (today.keep is not None and kind not in today.keep):
        return
    pos = np.where(people >= 0, state.position[runs, np.maximum(people, 0)], state.party_position[runs])
    run_ids = state.run_ids[runs].tolist()
    chain = tuple(chain)
    today.incidents.extend(
        Incident(run=rid, day=today.day, person=p, kind=kind, chain=chain, lat=lat, lon=lon, place=place)
        for rid, p, (lat, lon, place) in zip(run_ids, people.tolist(), _places(party, pos), strict=True)
    )


def _emit_each(today: Day, state, party, runs, people, kind: str, chains: list, causes: list | None = None) -> None:
    """Incidents with a chain (and cause) each; places looked up in one vectorised call."""
    runs = np.asarray(runs, dtype=np.int64)
    people = np.asarray(people, dtype=np.int64)
    if runs.size == 0 or (today.keep is not None and kind not in today.keep):
        return
    pos = np.where(people >= 0, state.position[runs, np.maximum(people, 0)], state.party_position[runs])
    causes = causes if causes is not None else [""] * runs.size
    today.incidents.extend(
        Incident(run=rid, day=today.day, person=p, kind=kind, cause=cause, chain=tuple(chain), lat=lat, lon=lon,
                 place=place)
        for rid, p, chain, cause, (lat, lon, place) in zip(
            state.run_ids[runs].tolist(), people.tolist(), chains, causes, _places(party, pos), strict=True)
    )


def _note(today: Day, state, party, mask: np.ndarray, kind: str, chain=()) -> None:
    runs, people = np.nonzero(mask)
    _emit(today, state, party, runs, people, kind, chain)


def _note_column(today: Day, state, party, mask: np.ndarray, p: int, kind: str, chain=()) -> None:
    runs = np.flatnonzero(mask)
    _emit(today, state, party, runs, np.full(runs.size, p), kind, chain)


def _note_party(today: Day, state, party, mask: np.ndarray, kind: str, chain=()) -> None:
    runs = np.flatnonzero(mask)
    _emit(today, state, party, runs, np.full(runs.size, -1), kind, chain)


__all__ = [
    "Conditions",
    "Day",
    "Movement",
    "Plan",
    "decisions",
    "deaths",
    "events",
    "incidents",
    "movement",
    "physiology",
    "supplies",
    "weather",
]
