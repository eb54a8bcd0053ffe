"""Journey state: arrays shaped (runs, people) for the people and (runs,) for the party, advanced day by day.

:class:`Party` holds what does not change during a journey (the people's bodies at the start, their traits, the
policy, the route tables); :class:`JourneyState` holds what the daily phases change.  Units follow
:mod:`longwalk.glossary`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np

from longwalk.engine.records import Status
from longwalk.engine.track import Track
from longwalk.scenario.schema import Policy, Scenario, Supplies

ALIVE_STATUSES = (Status.WALKING, Status.RESTING, Status.SICK, Status.LOST)
_FIRST_ALIVE, _LAST_ALIVE = int(min(ALIVE_STATUSES)), int(max(ALIVE_STATUSES))  # plain ints: no enum lookup a call
assert {int(x) for x in ALIVE_STATUSES} == set(range(_FIRST_ALIVE, _LAST_ALIVE + 1)), "the living's codes: one range"


@dataclass
class Party:
    """The fixed description of a journey, as arrays over people (P,) — built once from the scenario."""

    scenario: Scenario  # for the loop and the records; the phases read only the parts below
    policy: Policy  # what the party decides by (scenario.policy)
    supplies: Supplies  # what it carries: food, water, shelter, fire, tools, carts (scenario.supplies)
    context: str  # who the party is to the people it meets: "travellers" or "fugitives" (scenario.context)
    names: tuple[str, ...]
    male: np.ndarray  # bool
    age: np.ndarray  # [year]
    height: np.ndarray  # [m]
    body_mass: np.ndarray  # [kg] at the start
    fat_mass: np.ndarray  # [kg] at the start
    fitness: np.ndarray  # [-] percentile
    clothing_insulation: np.ndarray  # [clo]
    present: np.ndarray  # bool at the start
    night_blind: np.ndarray  # bool, one per trait below
    frail: np.ndarray
    injured_leg: np.ndarray
    elderly: np.ndarray
    hardened: np.ndarray
    weak_lungs: np.ndarray
    ill: np.ndarray
    track: Track
    start_date: dt.date
    waypoint_names: tuple[str, ...]
    waypoint_rest_days: np.ndarray  # (W,) int
    # events: arrays over events (E,)
    event_join: np.ndarray  # bool: join (True) or leave (False)
    event_person: np.ndarray  # int person index
    event_waypoint: np.ndarray  # int waypoint index, -1 if by date
    event_day: np.ndarray  # int day number, -1 if by waypoint
    event_reason: tuple[str, ...]
    stop_x: np.ndarray | None = None  # (W+1,) [m] where the party must stop next, by next-waypoint index
    rmr0: np.ndarray | None = None  # [kcal day-1] resting metabolic rate at the start
    rmr_offset: np.ndarray | None = None  # [kcal day-1] Hall's constant term (models.energy.resting_rate_offset)
    baseline_intake: np.ndarray | None = None  # [kcal day-1] weight-stable intake before the journey
    other_activity0: np.ndarray | None = None  # [kcal day-1] non-walking activity before the journey
    food_energy_density: float = 2500.0  # [kcal kg-1] of the food carried
    acclimatised_altitude: np.ndarray | None = None  # (P,) [m] at the start (scenario Person.acclimatised_altitude)
    waypoint_buy_food: np.ndarray | None = None  # (W,) [day] of ration the food carried is filled up to there
    waypoint_cache: np.ndarray | None = None  # (W,) [kcal] food cached there
    waypoint_cache_water: np.ndarray | None = None  # (W,) [kg] water cached there
    # the ground of the leg that ends at each waypoint (scenario ``ground``; the start's entry is unused)
    leg_terrain: np.ndarray | None = None  # (W,) terrain coefficient η [-] (models.walking.TERRAIN_FACTORS)
    leg_cart_resistance: np.ndarray | None = None  # (W,) resistance μ [-] of the party's cart or sledge there

    @property
    def n_people(self) -> int:
        return len(self.names)


@dataclass
class JourneyState:
    """What the phases change, for a batch of runs.  Person arrays are (runs, people); party arrays (runs,)."""

    run_ids: np.ndarray
    day: int
    status: np.ndarray  # int8 Status
    position: np.ndarray  # [m] along the route, per person
    with_party: np.ndarray  # bool: travelling with the party (not lost, left behind, absent, dead, gone)
    body_mass: np.ndarray  # [kg]
    fat_mass: np.ndarray  # [kg]
    lean_mass: np.ndarray  # [kg]
    glycogen: np.ndarray  # [kg]
    adaptive_thermogenesis: np.ndarray  # [kcal day-1]
    water_deficit: np.ndarray  # [kg] body water below euhydration
    injured_days: np.ndarray  # days of injury left (0 healthy)
    ill_days: np.ndarray  # days of illness left
    lost_days: np.ndarray  # days lost so far (0 not lost)
    frostbite: np.ndarray  # bool
    altitude_sick: np.ndarray  # bool
    acclimatised_altitude: np.ndarray  # [m] (models.altitude.acclimatised_altitude_step)
    sleep_elevation: np.ndarray  # [m] last night's sleeping elevation
    cold_debt: np.ndarray  # [W h m-2] carried heat debt (recovered on warm nights)
    # party (runs,)
    party_position: np.ndarray  # [m]
    food: np.ndarray  # [kcal]
    water: np.ndarray  # [kg]
    water_capacity: np.ndarray  # [kg] total container capacity
    walking_days: np.ndarray  # walking days since the last rest day
    rest_left: np.ndarray  # rest days still to spend at the current waypoint
    next_waypoint: np.ndarray  # index of the next waypoint not yet reached
    detour_left: np.ndarray | None = None  # [s] route time of an off-route detour still to walk (the way back)
    last_detour_x: np.ndarray | None = None  # [m] party position where the last detour began
    # the detour under way: what it goes to (engine.phases DETOUR_*) and the track node of its settlement or water;
    # what it brings comes when its way back is walked (detour_left reaches 0)
    detour_kind: np.ndarray | None = None  # (runs,) int8
    detour_node: np.ndarray | None = None  # (runs,) int
    camp_x: np.ndarray | None = None  # [m] route position of the camp whose surroundings are being searched
    camp_searched: np.ndarray | None = None  # [m] search path walked round that camp so far (phases.supplies)
    known_water: np.ndarray | None = None  # bool: a well or stream found within reach of that camp
    # (runs, people, models.altitude.HAPE_ONSET_NIGHTS) [day-1] HAPE risk already incurred at altitude, due tonight
    # and on the following nights (models.altitude.hape_onset_step): HAPE starts 2-5 days after arrival
    hape_pending: np.ndarray | None = None
    weather_state: object = None
    conditions: object = None  # the last day's weather where the party is (phases.Conditions), for progress views
    # the last day's facts kept for causal chains: (runs, people) bool/values
    memo: dict = field(default_factory=dict)

    @property
    def alive(self) -> np.ndarray:
        """(runs, people) on the journey and alive: walking, resting, sick or lost (codes 1-4, one range)."""
        s = self.status
        return (s >= _FIRST_ALIVE) & (s <= _LAST_ALIVE)

    @property
    def n_runs(self) -> int:
        return self.run_ids.shape[0]
