"""The one registry of what a journey can record: incident kinds, the facts of their chains, causes of death, why
the party halted, people's conditions and the weather's flags.

Every other module names these things through this registry — never by a bare string or a hand-numbered bit.
Each member carries its wording key (:attr:`key`): the report (:mod:`longwalk.report.journal`) holds the one
wording of each key, and it refuses to load when a member has none, so a new hazard cannot be added here and then
silently go untold.  Adding a hazard is one entry here (its incident kind, its cause of death or its condition),
one model function (:mod:`longwalk.models`), one line in a phase (:mod:`longwalk.engine.phases`) and one wording
entry (:mod:`longwalk.report.journal`); see ``docs/engine.md``.

String registries are :class:`enum.StrEnum`: a member *is* its key (``IncidentKind.DEATH == "death"``), so the
files written from them (``summary.json``, ``route.geojson``) keep the words they had.  Bit registries are
:class:`enum.IntFlag`: their values are the bits of :attr:`longwalk.engine.records.DailyRecord.flags` and
``weather_flags``, and their keys the names ``days.csv`` writes.
"""

from __future__ import annotations

from enum import IntEnum, IntFlag, StrEnum


class IncidentKind(StrEnum):
    """What an :class:`longwalk.engine.records.Incident` records: something that happened to a person or (person
    -1) to the party.  Facts, not words: ``FOOD_GONE`` is the day the last food carried was eaten, ``WATER_GONE``
    the day the water carried ran out with no source to refill it, ``SANDSTORM_THIRSTY`` a sandstorm walked
    through because the party was short of water (it would otherwise have waited it out), ``DETOUR_SETTLEMENT`` and
    ``DETOUR_WATER`` the start of a detour off the route."""

    # what happens to a person
    DEATH = "death"
    JOIN = "join"
    LEAVE = "leave"
    ARRIVE = "arrive"
    LOST = "lost"
    FOUND = "found"
    LEFT_BEHIND = "left_behind"
    INJURY = "injury"
    ILLNESS = "illness"
    FROSTBITE = "frostbite"
    ALTITUDE_SICKNESS = "altitude_sickness"
    # what happens to the party (person -1)
    WAYPOINT = "waypoint"
    WATER_FOUND = "water_found"
    WATER_LOST = "water_lost"
    WATER_GONE = "water_gone"
    FOOD_GONE = "food_gone"
    FOOD_GIVEN = "food_given"
    FOOD_BOUGHT = "food_bought"
    CACHE = "cache"
    BETRAYED = "betrayed"
    DETOUR_SETTLEMENT = "detour_settlement"
    DETOUR_WATER = "detour_water"
    BLIZZARD_HALT = "blizzard_halt"
    SANDSTORM = "sandstorm"
    SANDSTORM_THIRSTY = "sandstorm_thirsty"
    RIVER_CROSSING = "river_crossing"
    LAKE_CROSSING = "lake_crossing"

    @property
    def key(self) -> str:
        """The wording key (:data:`longwalk.report.journal.KIND_WORDS`)."""
        return self.value


FATE_KINDS = frozenset({IncidentKind.DEATH, IncidentKind.JOIN, IncidentKind.LEAVE, IncidentKind.ARRIVE})
"""The incident kinds a run's fates are built from (all an ensemble needs)."""

FINAL_KINDS = frozenset({IncidentKind.DEATH, IncidentKind.LEAVE, IncidentKind.ARRIVE})
"""The incident kinds that end a person's journey (each person has at most one)."""


class Cause(StrEnum):
    """The cause of a death (:attr:`Incident.cause`): the largest of the day's hazards, named by its key."""

    HYPOTHERMIA = "hypothermia"
    DEHYDRATION = "dehydration"
    STARVATION = "starvation"
    HEAT_ILLNESS = "heat_illness"
    ALTITUDE_ILLNESS = "altitude_illness"
    FALL = "fall"

    @property
    def key(self) -> str:
        """The wording key (:data:`longwalk.report.journal.CAUSE_WORDS`)."""
        return self.value


class FactKind(StrEnum):
    """One fact in an incident's chain (:class:`longwalk.engine.records.Fact`), with its numbers and names as
    named fields (listed after each member).  The engine says what happened; the journal says it in words."""

    NIGHT_BLIND = "night_blind"  # a trait: the person cannot see after dusk
    WENT_FOR_FIREWOOD = "went_for_firewood"  # camp work after dusk
    STRAGGLED = "straggled"  # fell behind on a night march
    LOST_CAMP = "lost_camp"  # lost the camp (the day they got lost)
    LOST_PARTY = "lost_party"  # lost the party the day before
    LOST_DAYS = "lost_days"  # days: lost for so many days
    AGED = "aged"  # age [year]: an elderly person
    FRAIL = "frail"  # a trait
    NIGHT_COLD = "night_cold"  # temperature [°C] of the night, shelter [clo] (0: none), fire (bool)
    BODY_COOLING = "body_cooling"  # drop [°C] of the body temperature
    WATER_DEFICIT = "water_deficit"  # fraction [-] of body mass lost as water
    DAY_HEAT = "day_heat"  # temperature [°C]: the day's maximum
    NO_WATER = "no_water"  # no water found that day
    BODY_MASS_INDEX = "body_mass_index"  # bmi [kg m-2]
    BODY_MASS_LEFT = "body_mass_left"  # mass, start [kg]: body mass left of that at the start
    HEAT = "heat"  # temperature [°C]: the day's maximum (heat illness)
    CORE_TEMPERATURE = "core_temperature"  # temperature [°C]
    CONDITION = "condition"  # condition (a Condition): ill or injured at the time
    NO_FOOD = "no_food"  # days: no food carried for so many days (told by the journal from the daily record)
    HURT = "hurt"  # a foot or leg injured on the march
    FELL_ILL = "fell_ill"
    FOUND_PARTY = "found_party"
    TOO_WEAK = "too_weak"  # too weak to walk
    ABANDONED = "abandoned"  # left behind by the party
    GOT_FROSTBITE = "got_frostbite"
    ALTITUDE_SICK = "altitude_sick"
    REASON = "reason"  # text: the scenario's reason for a joining or a leaving, quoted as written
    PLACE = "place"  # name: a waypoint reached, arrived at
    SETTLEMENT_HELP = "settlement_help"  # settlement (name), bought (bool: travellers bought; else given), detour
    # (bool: reached by a detour off the route)
    BETRAYED_AT = "betrayed_at"  # settlement (name), food_lost [-] (share of the food carried robbed; 0: fled)
    HERDERS_FED = "herders_fed"  # fed by herders and given water
    HERDERS_BETRAYED = "herders_betrayed"  # food_lost [-], as BETRAYED_AT
    WENT_BACK_FOR_WATER = "went_back_for_water"
    FOUND_WELL = "found_well"
    BOUGHT_AT = "bought_at"  # name: food and water bought at a waypoint (planned)
    FOOD_CACHE = "food_cache"  # name: a cache of food picked up at a waypoint
    WATER_CACHE = "water_cache"  # name: cached water taken up at a waypoint
    STORM_SPILL = "storm_spill"  # the water lost to a sandstorm
    WAITED_BLIZZARD = "waited_blizzard"
    SHELTERED_SANDSTORM = "sheltered_sandstorm"
    CROSSING = "crossing"  # water ("river" or "lake"), river_class (1 largest - 5 minor), frozen (bool),
    # search_hours [h] spent finding a ford

    @property
    def key(self) -> str:
        """The wording key (:data:`longwalk.report.journal.FACT_WORDS`)."""
        return self.value


class Condition(IntFlag):
    """A person's conditions at the end of a day: the bits of :attr:`DailyRecord.flags`."""

    INJURED = 1
    ILL = 2
    FROSTBITE = 4
    ALTITUDE_SICK = 8
    LOST = 16
    LEFT_BEHIND = 32  # alive, apart from the party, not lost (policy ``leave_behind``)

    @property
    def key(self) -> str:
        """The wording key, and the flag's name in ``days.csv``."""
        return self.name.lower()


class WeatherFlag(IntFlag):
    """The day's weather events where the party is: the bits of :attr:`DailyRecord.weather_flags`."""

    BLIZZARD = 1
    SANDSTORM = 2
    HEAT_WAVE = 4
    COLD_SNAP = 8

    @property
    def key(self) -> str:
        """The wording key, and the flag's name in ``days.csv`` and the event files."""
        return self.name.lower()


class Halt(IntEnum):
    """Why the party did not walk on a day (:attr:`DailyRecord.halt`); ``NONE`` when it walked."""

    NONE = 0
    REST = 1  # a rest day of the policy
    WAYPOINT = 2  # resting at a waypoint (scenario rest_days)
    BLIZZARD = 3
    SANDSTORM = 4
    STAY_PUT = 5
    SEARCH = 6  # searching for / waiting for someone lost
    UNABLE = 7  # nobody able to walk
    DONE = 8  # everyone has arrived, died or left

    @property
    def key(self) -> str:
        """The wording key (:data:`longwalk.report.journal.HALT_WORDS`)."""
        return self.name.lower()


REGISTRIES = (IncidentKind, FactKind, Cause, Condition, WeatherFlag, Halt)
"""Every registry whose members the report must word."""


def flag_names(value: int, flags: type[IntFlag]) -> list[str]:
    """The keys of the bits set in ``value``, in bit order.

    >>> flag_names(33, Condition)
    ['injured', 'left_behind']
    """
    return [member.key for member in flags if value & member]


__all__ = ["FATE_KINDS", "FINAL_KINDS", "REGISTRIES", "Cause", "Condition", "FactKind", "Halt", "IncidentKind",
           "WeatherFlag", "flag_names"]
