"""The journal: one run told as a dated chronicle a person would want to read.

Quiet days (no incident, no waypoint, no storm) are told together ("For six days they walked south ...");
days on which something happened get their own entry.  Every death is told with its causal chain joined into
a sentence, as the engine recorded it in :attr:`Incident.chain`.  Phrasing varies: each sentence picks one of
several templates with a ``numpy.random.Generator`` seeded from ``(seed, run)``, so the same run always reads
the same, and two runs differ in their words as well as in their story.  Nothing is invented: every number
and name in the text comes from the result (or, for roles and reasons, from the scenario).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from longwalk import __version__
from longwalk.engine import registry
from longwalk.engine.records import Fact, Incident, JourneyResult, Status, fact
from longwalk.engine.registry import Cause, Condition, FactKind, Halt, IncidentKind, WeatherFlag
from longwalk.report._view import (
    ACTIVE,
    PlaceNamer,
    RunView,
    compass_direction,
    round_km,
    run_view,
    with_article,
)
from longwalk.report.numbers import MINUS, fixed

_JOURNAL_STREAM = 0x4A4F55524E414C  # "JOURNAL": keeps the journal's word choices apart from any engine stream


_QUIET_STRETCH_MAX = 10  # [day] longest stretch told as one entry; longer ones are split so dates stay useful

_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                 "twelve")

# The one wording of each cause of death (engine.registry.Cause).
CAUSE_WORDS = {
    Cause.HYPOTHERMIA: "cold (hypothermia)",
    Cause.DEHYDRATION: "thirst (dehydration)",
    Cause.STARVATION: "hunger (starvation)",
    Cause.HEAT_ILLNESS: "heat (heat stroke)",
    Cause.ALTITUDE_ILLNESS: "altitude sickness",
    Cause.FALL: "a fall",
}

_DEATH_TEMPLATES = (  # after a chain that tells what the person did
    "{chain}. {Subject} died of {cause} {place}.",
    "{chain}. It was {cause} that killed {them}, {place}.",
    "{chain}. {Subject} did not live to see the next day: {cause}, {place}.",
)
_DEATH_TEMPLATES_STATE = (  # the chain holds only states and numbers
    "{Name}{appos} died of {cause} {place}{details}.",
    "{Name}{appos} died {place}, of {cause}{details}.",
    "{Cause} killed {Name}{appos} {place}{details}.",
)

_QUIET_WALK = (
    "For {n} days they walked {direction} toward {target}, {km} km in all, through {weather}.",
    "{N} days of walking {direction}: {km} km toward {target}, in {weather}.",
    "They kept on {direction} for {n} days and covered {km} km; {weather}.",
    "{N} days, {km} km, always {direction} toward {target}, in {weather}.",
    "The next {n} days took them {km} km {direction}, through {weather}.",
)
_QUIET_WALK_ONE = (
    "They walked {km} km {direction} toward {target} in {weather}.",
    "A day of {weather}; {km} km {direction}.",
    "{Km} km {direction} toward {target}, in {weather}.",
)
_QUIET_STILL = (
    "For {n} days they stayed {place}; {weather}.",
    "{N} days without moving on, {place}, in {weather}.",
    "They stayed {place} for {n} days, in {weather}.",
)
_QUIET_STILL_ONE = (
    "They stayed {place}; {weather}.",
    "A day in camp {place}, in {weather}.",
)
_CAMP = (
    "That night they camped {place}.",
    "They camped {place}.",
    "By evening they were {place}.",
)
_CAMP_STRETCH = (
    "By the evening of the {nth} they were {place}.",
    "On the {nth} they camped {place}.",
    "The {nth} found them {place}.",
)
_REACHED = (
    "They reached {name}.",
    "{Name} at last.",
    "They came to {name}.",
)

_STORM_HALT = (
    "A {storm} kept them in camp.",
    "They sat out a {storm}.",
    "No walking today: a {storm}.",
)

# The one wording of each incident kind the engine records (engine.registry.IncidentKind) that has no chain of its
# own to tell: a verb phrase after the person's name, or after "They" for the party (person -1).  {where} is where
# it happened ("" when only the day's camp is known).
KIND_WORDS = {
    IncidentKind.DEATH: "died",
    IncidentKind.JOIN: "joined the party {where}",
    IncidentKind.LEAVE: "left the party {where}",
    IncidentKind.ARRIVE: "arrived",
    IncidentKind.LOST: "lost the others",
    IncidentKind.FOUND: "found the others again",
    IncidentKind.LEFT_BEHIND: "was left behind, too weak to walk",
    IncidentKind.INJURY: "was hurt",
    IncidentKind.ILLNESS: "fell ill",
    IncidentKind.FROSTBITE: "got frostbite",
    IncidentKind.ALTITUDE_SICKNESS: "fell sick with the altitude",
    IncidentKind.WAYPOINT: "reached a waypoint",
    IncidentKind.WATER_FOUND: "found water {where}",
    IncidentKind.WATER_LOST: "lost the water they carried",
    IncidentKind.WATER_GONE: "drank the last of the water they carried, with none to be found",
    IncidentKind.FOOD_GONE: "ate the last of the food they carried; from then on they had only what they foraged or "
                            "were given",
    IncidentKind.FOOD_GIVEN: "were given food {where}",
    IncidentKind.FOOD_BOUGHT: "bought food {where}",
    IncidentKind.CACHE: "picked up a cache {where}",
    IncidentKind.BETRAYED: "were betrayed {where}",
    IncidentKind.DETOUR_SETTLEMENT: "left the route for a settlement, for food and water",
    IncidentKind.DETOUR_WATER: "turned back along the route for water",
    IncidentKind.BLIZZARD_HALT: "waited out a blizzard",
    IncidentKind.SANDSTORM: "sheltered from a sandstorm",
    IncidentKind.SANDSTORM_THIRSTY: "were too short of water to sit out the sandstorm, and walked on through it",
    IncidentKind.RIVER_CROSSING: "crossed a river",
    IncidentKind.LAKE_CROSSING: "crossed the lake on the ice",
}

# Why the party did not walk (engine.registry.Halt, recorded in DailyRecord.halt), as the reason after "They
# stayed ...": a participle phrase; {names} are the people it concerns.
HALT_WORDS = {
    Halt.NONE: "",
    Halt.REST: "resting (a rest day every {rest_every} days of walking)",
    Halt.WAYPOINT: "resting as planned at {waypoint}",
    Halt.BLIZZARD: "sitting out a blizzard",
    Halt.SANDSTORM: "sitting out a sandstorm",
    Halt.STAY_PUT: "staying put, waiting for rescue",
    Halt.SEARCH: "searching for {names}",
    Halt.UNABLE: "waiting for {names}, who could not walk",
    Halt.DONE: "with nobody left in camp: {names} lost and alone",
}
_HALT_NOBODY = "with nobody able to walk"  # Halt.UNABLE when nobody in camp can walk (the lost are away)
_NO_HEADWAY = "on the march {hours} hours but gained less than a kilometre along the route"
_TOO_WEAK = "none of them strong enough to walk"  # no halt, yet nobody walked: the body's limits (compose)

# The one wording of each condition (engine.registry.Condition), as a state after a name ("Kazik, ill, ...").
CONDITION_WORDS = {
    Condition.INJURED: "injured",
    Condition.ILL: "ill",
    Condition.FROSTBITE: "frostbitten",
    Condition.ALTITUDE_SICK: "sick with the altitude",
    Condition.LOST: "lost",
    Condition.LEFT_BEHIND: "left behind",
}

# The one wording of each weather event (engine.registry.WeatherFlag), a noun.
WEATHER_WORDS = {
    WeatherFlag.BLIZZARD: "blizzard",
    WeatherFlag.SANDSTORM: "sandstorm",
    WeatherFlag.HEAT_WAVE: "great heat",
    WeatherFlag.COLD_SNAP: "cold snap",
}

# Conditions followed through: a person's flag that ends while they live (engine.records.DailyRecord.flags).
_RECOVERED = {
    Condition.ILL: "{name} had recovered from the illness.",
    Condition.INJURED: "{name}'s injury had healed enough to keep the pace.",
    Condition.ALTITUDE_SICK: "{name} was over the altitude sickness.",
}


def wording_tables() -> dict:
    """Each registry of :mod:`longwalk.engine.registry` with the table that words its members."""
    return {registry.IncidentKind: KIND_WORDS, registry.FactKind: FACT_WORDS, registry.Cause: CAUSE_WORDS,
            registry.Halt: HALT_WORDS, registry.Condition: CONDITION_WORDS, registry.WeatherFlag: WEATHER_WORDS}


def check_wording() -> None:
    """Raise ``LookupError`` naming every registry member without a wording.

    The registry (:mod:`longwalk.engine.registry`) is read when this is called, so a member added there without a
    wording entry here stops the journal from loading (this runs on import).
    """
    missing = [f"{reg.__name__}.{member.name}" for reg, table in wording_tables().items()
               for member in reg if member.key not in {k.key for k in table}]
    if missing:
        raise LookupError("no wording in longwalk.report.journal for " + ", ".join(missing))


def _number(n: int) -> str:
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else str(n)


def _names(names: Sequence[str]) -> str:
    """Join names in prose.

    >>> _names(["A"]), _names(["A", "B"]), _names(["A", "B", "C"])
    ('A', 'A and B', 'A, B and C')
    """
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _minus(text: str) -> str:
    """Typeset negative numbers with a real minus sign.

    >>> _minus("-24 °C, no shelter")
    '−24 °C, no shelter'
    """
    return re.sub(r"(?<![\w-])-(?=\d)", "\u2212", text)


def _temperature(value: float) -> str:
    """Whole degrees with a real minus sign, never "−0".

    >>> _temperature(-0.4), _temperature(-2.6)
    ('0', '−3')
    """
    return fixed(value, 0, minus=MINUS)


def _temperature_range(tmin: float, tmax: float) -> str:
    """Temperature range with a real minus sign.

    >>> _temperature_range(-24.4, -9.0)
    '−24 to −9 °C'
    """
    if not (np.isfinite(tmin) and np.isfinite(tmax)):
        return ""
    return f"{_temperature(tmin)} to {_temperature(tmax)} °C"


def weather_words(tmin: float, tmax: float, wind: float, precipitation: float, flags: int,
                  typical_min: float | None = None, typical_max: float | None = None) -> str:
    """Describe a day's (or a stretch's) weather in words, with its temperature range.

    Parameters
    ----------
    tmin, tmax : float
        Lowest minimum and highest maximum air temperature [°C].
    wind : float
        Mean wind speed [m s-1].
    precipitation : float
        Mean precipitation [mm day-1].
    flags : int
        Weather flag bits (1 blizzard, 2 sandstorm, 4 heat wave, 8 cold snap), or-ed over the days.
    typical_min, typical_max : float, optional
        Mean daily minimum and maximum over a stretch of days [°C]: they choose the words, while ``tmin`` and
        ``tmax`` give the range shown (default: the same as ``tmin``, ``tmax``).

    The bands are those of the Oregon Trail's weather words, on the day's maximum (the MECC manual's bands as
    quoted in ``reference/game_anchors.md``: very hot above 90 °F = 32 °C, hot 70-90 °F = 21-32 °C, warm
    50-70 °F = 10-21 °C, cool 30-50 °F = −1-10 °C, cold 10-30 °F = −12 to −1 °C, very cold below 10 °F), told
    here as heat, warm weather, mild weather, cool weather (or frost at night and thaw by day), hard frost and
    bitter cold; "scorching heat" above 38 °C (100 °F) is added here.  Wind follows the Beaufort scale (strong
    breeze from 10.8 m s-1, gale from 17.2 m s-1); rain or snow from 1 mm day-1, heavy from 10 mm day-1 (snow
    when the maximum is at most 1 °C).

    >>> weather_words(-24.0, -13.0, 3.0, 0.0, 0)
    'bitter cold (−24 to −13 °C)'
    >>> weather_words(22.0, 41.0, 12.0, 0.0, 2)
    'a sandstorm and scorching heat (22 to 41 °C)'
    """
    low = tmin if typical_min is None else typical_min
    high = tmax if typical_max is None else typical_max
    text = _weather_band(low, high, wind, precipitation, flags)
    rng = _temperature_range(tmin, tmax)
    return f"{text} ({rng})" if rng else text


def _weather_band(tmin: float, tmax: float, wind: float, precipitation: float, flags: int) -> str:
    parts = []
    for storm in (WeatherFlag.BLIZZARD, WeatherFlag.SANDSTORM):
        if flags & storm:
            parts.append("a " + WEATHER_WORDS[storm])
    if tmax > 38:
        temp = "scorching heat"
    elif tmax > 32:
        temp = WEATHER_WORDS[WeatherFlag.HEAT_WAVE] if flags & WeatherFlag.HEAT_WAVE else "heat"
    elif tmax > 21:
        temp = "warm weather"
    elif tmax > 10:
        temp = "mild weather"
    elif tmax > -1:
        temp = "frost at night and thaw by day" if tmin < -1 else "cool weather"
    elif tmax > -12:
        temp = "hard frost"
    else:
        temp = "bitter cold"
    if flags & WeatherFlag.COLD_SNAP and tmax <= 10:
        temp = f"a {WEATHER_WORDS[WeatherFlag.COLD_SNAP]}, {temp}"
    parts.append(temp)
    if not flags & (WeatherFlag.BLIZZARD | WeatherFlag.SANDSTORM):
        if precipitation >= 10:
            parts.append("heavy snow" if tmax <= 1 else "heavy rain")
        elif precipitation >= 1:
            parts.append("snow" if tmax <= 1 else "rain")
        if wind >= 17.2:
            parts.append("a gale")
        elif wind >= 10.8:
            parts.append("a strong wind")
    return _names(parts)


class _Phrases:
    """Picks templates with a seeded generator, never the same one twice in a row for a group."""

    def __init__(self, rng: np.random.Generator):
        self.rng = rng
        self.last: dict[int, int] = {}

    def pick(self, templates: Sequence[str]) -> str:
        key = id(templates)
        n = len(templates)
        if n == 1:
            return templates[0]
        i = int(self.rng.integers(n - 1 if key in self.last else n))
        if key in self.last and i >= self.last[key]:
            i += 1
        self.last[key] = i
        return templates[i]


# How each fact of a chain reads, by its grammatical role: a state set off after the name ("Kazik, night-blind,"), an
# action (an active verb phrase: "lost the camp"; consecutive ones are joined with "and"), a passive participle phrase
# ("denounced at X": the party "were" so) or a detail (a state or a measurement: "−23 °C at night, no shelter").
STATE, ACTION, PASSIVE, DETAIL = "state", "action", "passive", "detail"

SEVERE_HYPOTHERMIA_DROP = 9.0  # [°C] a body-temperature drop told as severe hypothermia: a core below 28 °C from
# 37 °C (severe hypothermia below 28 °C: from memory of the Wilderness Medical Society practice guidelines for
# accidental hypothermia, Zafren et al. 2014, and the Swiss staging they use)
_RIVER_SIZE = {1: "a great river", 2: "a large river", 3: "a river", 4: "a small river"}  # by river class; 5 a stream


def _degrees(value: float) -> str:
    """Whole degrees as a fact tells them (ASCII minus; never "-0": typeset by :func:`_minus`).

    >>> _degrees(-23.4), _degrees(-0.4)
    ('-23', '0')
    """
    return f"{round(float(value)):d}"


def _food_share(share: float) -> str:
    """The share of the food carried that was robbed, in words.

    >>> _food_share(0.5), _food_share(0.25)
    ('half their food', '25 % of their food')
    """
    return "half their food" if share == 0.5 else f"{100.0 * share:.0f} % of their food"


def _crossing_words(f: dict) -> str:
    """A water crossing: "crossed a large river on the ice", "forded a river after searching 3 h for a ford"."""
    if f["water"] == "lake":
        return "crossed a lake on the ice" if f["frozen"] else "crossed a lake"
    size = _RIVER_SIZE.get(int(f["river_class"]), "a stream")
    if f["frozen"]:
        return f"crossed {size} on the ice"
    hours = float(f["search_hours"])
    return f"forded {size}" + (f" after searching {hours:.0f} h for a ford" if hours >= 1 else "")


def _settlement_help(f: dict) -> str:
    got = "bought food and water" if f["bought"] else "were given food and water"
    return f"went out of their way to {f['settlement']} and {got}" if f["detour"] else f"{got} at {f['settlement']}"


# The one wording of each fact (engine.registry.FactKind): its role and its words, a template of the fact's fields
# or a function of them.
FACT_WORDS = {
    FactKind.NIGHT_BLIND: (STATE, "night-blind"),
    FactKind.WENT_FOR_FIREWOOD: (ACTION, "went for firewood at dusk"),
    FactKind.STRAGGLED: (ACTION, "straggled on the night march"),
    FactKind.LOST_CAMP: (ACTION, "lost the camp"),
    FactKind.LOST_PARTY: (ACTION, "lost the party"),
    FactKind.LOST_DAYS: (DETAIL, "lost for {days} days"),
    FactKind.AGED: (DETAIL, "aged {age:.0f}"),
    FactKind.FRAIL: (STATE, "frail"),
    FactKind.NIGHT_COLD: (DETAIL, lambda f: f"{_degrees(f['temperature'])} °C at night, "
                                            f"{'no shelter' if f['shelter'] == 0 else 'poor shelter'}, "
                                            f"{'a small fire' if f['fire'] else 'no fire'}"),
    FactKind.BODY_COOLING: (DETAIL, lambda f: "severe hypothermia" if f["drop"] >= SEVERE_HYPOTHERMIA_DROP
                            else f"body temperature down {f['drop']:.1f} °C"),
    FactKind.WATER_DEFICIT: (DETAIL, lambda f: f"{100 * f['fraction']:.0f} % of body weight lost as water"),
    FactKind.DAY_HEAT: (DETAIL, lambda f: f"{_degrees(f['temperature'])} °C in the day"),
    FactKind.NO_WATER: (DETAIL, "no water found"),
    FactKind.BODY_MASS_INDEX: (DETAIL, "body mass index {bmi:.1f}"),
    FactKind.BODY_MASS_LEFT: (DETAIL, "{mass:.0f} kg left of {start:.0f} kg"),
    FactKind.HEAT: (DETAIL, lambda f: f"{_degrees(f['temperature'])} °C"),
    FactKind.CORE_TEMPERATURE: (DETAIL, "core temperature {temperature:.1f} °C"),
    FactKind.CONDITION: (STATE, lambda f: CONDITION_WORDS[Condition(f["condition"])]),
    FactKind.NO_FOOD: (DETAIL, lambda f: f"no food carried for {f['days']} day{'s' if f['days'] > 1 else ''}"),
    FactKind.HURT: (ACTION, "injured a foot or leg on the march"),
    FactKind.FELL_ILL: (ACTION, "fell ill"),
    FactKind.FOUND_PARTY: (ACTION, "found the party again"),
    FactKind.TOO_WEAK: (DETAIL, "too weak to walk"),
    FactKind.ABANDONED: (ACTION, "left behind by the party"),
    FactKind.GOT_FROSTBITE: (ACTION, "got frostbite"),
    FactKind.ALTITUDE_SICK: (ACTION, "fell sick with the altitude"),
    FactKind.REASON: (DETAIL, "{text}"),
    FactKind.PLACE: (DETAIL, "{name}"),
    FactKind.SETTLEMENT_HELP: (ACTION, _settlement_help),
    FactKind.BETRAYED_AT: (PASSIVE, lambda f: f"denounced at {f['settlement']} and " + (
        f"robbed of {_food_share(f['food_lost'])}" if f["food_lost"] > 0 else "fled")),
    FactKind.HERDERS_FED: (ACTION, "were fed by herders and given water"),
    FactKind.HERDERS_BETRAYED: (PASSIVE, lambda f: "betrayed by herders and fled" + (
        f", losing {_food_share(f['food_lost'])}" if f["food_lost"] > 0 else "")),
    FactKind.WENT_BACK_FOR_WATER: (ACTION, "went back for water"),
    FactKind.FOUND_WELL: (ACTION, "found a well"),
    FactKind.BOUGHT_AT: (ACTION, "bought food and water at {name}"),
    FactKind.FOOD_CACHE: (ACTION, "picked up the food cached at {name}"),
    FactKind.WATER_CACHE: (ACTION, "took up the water cached at {name}"),
    FactKind.STORM_SPILL: (ACTION, "lost their water to the sandstorm"),
    FactKind.WAITED_BLIZZARD: (ACTION, "waited out a blizzard"),
    FactKind.SHELTERED_SANDSTORM: (ACTION, "sheltered from a sandstorm"),
    FactKind.CROSSING: (ACTION, _crossing_words),
}


def fact_words(f: Fact) -> str:
    """One fact in words (numbers with an ASCII minus, as ``summary.json`` and ``route.geojson`` write them).

    >>> from longwalk.engine.records import fact
    >>> fact_words(fact(FactKind.NIGHT_COLD, temperature=-23.4, shelter=0.0, fire=False))
    '-23 °C at night, no shelter, no fire'
    >>> fact_words(fact(FactKind.BETRAYED_AT, settlement="Kyakhta", food_lost=0.5))
    'denounced at Kyakhta and robbed of half their food'
    """
    words = FACT_WORDS[f.kind][1]
    return words(f.fields) if callable(words) else words.format(**f.fields)


def _said(chain: Sequence[Fact]) -> list[tuple[str, str]]:
    """(words, role) of each fact of a chain, negative numbers typeset with a real minus."""
    said = [(_minus(fact_words(f).strip()), FACT_WORDS[f.kind][0]) for f in chain]
    return [(words, role) for words, role in said if words]


def _chain_parts(chain: Sequence[Fact]) -> tuple[list[str], list[tuple[str, str]]]:
    """Split a causal chain into appositions (states: ``night-blind``, ``injured``) and (words, role) segments in
    their order, consecutive actions joined with "and".

    >>> from longwalk.engine.records import fact
    >>> states, segments = _chain_parts((fact(FactKind.NIGHT_BLIND), fact(FactKind.WENT_FOR_FIREWOOD),
    ...     fact(FactKind.LOST_CAMP), fact(FactKind.NIGHT_COLD, temperature=-24.0, shelter=0.0, fire=False)))
    >>> states
    ['night-blind']
    >>> segments
    [('went for firewood at dusk and lost the camp', 'action'), ('−24 °C at night, no shelter, no fire', 'detail')]
    """
    clauses = _said(chain)
    appositions = [words for words, role in clauses if role == STATE]
    segments: list[tuple[str, str]] = []
    actions: list[str] = []
    for words, role in clauses:
        if role == STATE:
            continue
        if role == ACTION:
            actions.append(words)
            continue
        if actions:
            segments.append((_names(actions), ACTION))
            actions = []
        segments.append((words, role))
    if actions:
        segments.append((_names(actions), ACTION))
    return appositions, segments


def _join_chain(name: str, chain: Sequence[Fact]) -> str:
    """Join a causal chain into one clause: "Kazik, night-blind, went for firewood at dusk and lost the camp;
    −24 °C at night, no shelter, no fire".

    States are set off as an apposition after the name; consecutive actions are joined with "and"; everything
    else follows in order after semicolons.

    >>> from longwalk.engine.records import fact
    >>> _join_chain("Voss", (fact(FactKind.HURT),))
    'Voss injured a foot or leg on the march'
    """
    appositions, segments = _chain_parts(chain)
    text = name + (", " + ", ".join(appositions) + ("," if segments else "") if appositions else "")
    if segments:
        text += (" " if segments[0][1] == ACTION else ": ") + "; ".join(words for words, _ in segments)
    return text


@dataclass(frozen=True)
class _Mark:
    """Where the telling of a journal's body stood before an entry: the entry's first day, the month last headed,
    and what the entries after it depend on (the phrase generator's state, the levels of thirst and hunger told)."""

    day: int
    month: tuple[int, int] | None
    words: dict
    last: dict
    thirst_said: int
    hunger_said: int
    told: int  # lines of the body before the entry


class _Journal:
    def __init__(self, view: RunView, scenario: object | None, atlas: object | None, place: PlaceNamer | None = None):
        self.view = view
        self.result = view.result
        self.scenario = scenario
        self.place = place or PlaceNamer(view.waypoints, atlas)
        seed = int(self.result.seed) % (2**63)
        self.words = _Phrases(np.random.default_rng(np.random.SeedSequence([seed, view.run_id, _JOURNAL_STREAM])))
        self.people = list(self.result.people)
        self.persons = {p.name: p for p in getattr(scenario, "party", ())}
        self.events = {(e.action, e.person): e for e in getattr(scenario, "events", ())}
        self.wp_reached = self._waypoints_reached()
        self.hunger_said = 0  # last level of weight loss told [5 kg]
        self.recovered = self._recoveries()
        self.thirst_said = 0  # last level of water deficit told [2 % of body mass]

    # --- facts ---------------------------------------------------------------------------------------------

    def _waypoints_reached(self) -> dict[int, list[str]]:
        """Day -> names of waypoints the party's camp passed that day (the start excluded)."""
        v = self.view
        out: dict[int, list[str]] = {}
        recorded = [i for i in v.incidents if i.kind == IncidentKind.WAYPOINT and i.chain]
        if recorded:
            for incident in recorded:
                out.setdefault(incident.day, []).append(incident.chain[0]["name"])
            return out
        pos = v.camp_position
        if not v.waypoints or not np.isfinite(pos).any():
            return out
        before = np.concatenate([[0.0], np.fmax.accumulate(np.nan_to_num(pos, nan=0.0))[:-1]])
        after = np.fmax.accumulate(np.nan_to_num(pos, nan=0.0))
        for w in v.waypoints[1:]:
            if not np.isfinite(w.route_position):
                continue
            reach = w.route_position - 100.0  # [m] a stop "at" a waypoint may end a few metres short of it
            days = np.flatnonzero((before < reach) & (after >= reach))
            if days.size:
                out.setdefault(int(days[0]), []).append(w.name)
        return out

    def _next_waypoint(self, position: float) -> str:
        for w in self.view.waypoints[1:]:
            if np.isfinite(w.route_position) and w.route_position > position:
                return with_article(w.name)
        return with_article(self.view.waypoints[-1].name) if self.view.waypoints else "the south"

    def _pronoun(self, name: str, case: str = "object") -> str:
        """"him"/"her" (``case="object"``) or "He"/"She" (``"subject"``); the name when the sex is unknown."""
        person = self.persons.get(name)
        if person is None:
            return name
        female = person.sex == "female"
        if case == "subject":
            return "She" if female else "He"
        return "her" if female else "him"

    def _weather(self, d0: int, d1: int, drop: int = 0) -> str:
        daily, r = self.result.daily, self.view.run
        sl = slice(d0, d1 + 1)

        def pick(a, how):
            values = np.asarray(a[r, sl], dtype=float)
            return float(how(values)) if np.isfinite(values).any() else float("nan")

        flags = int(np.bitwise_or.reduce(np.asarray(daily.weather_flags[r, sl], dtype=np.int64))) & ~drop
        return weather_words(
            pick(daily.air_temperature_min, np.nanmin),
            pick(daily.air_temperature_max, np.nanmax),
            pick(daily.wind_speed, np.nanmean),
            pick(daily.precipitation, np.nanmean),
            flags,
            typical_min=pick(daily.air_temperature_min, np.nanmean),
            typical_max=pick(daily.air_temperature_max, np.nanmean),
        )

    def _notable(self) -> np.ndarray:
        """(days,) bool: a day that gets its own entry."""
        v = self.view
        notable = np.zeros(v.days, dtype=bool)
        notable[0] = True
        for incident in v.incidents:
            notable[incident.day] = True
        for day in self.wp_reached:
            notable[day] = True
        flags = np.asarray(self.result.daily.weather_flags[v.run, : v.days], dtype=np.int64)
        notable |= (flags & (WeatherFlag.BLIZZARD | WeatherFlag.SANDSTORM)) != 0
        # A change of status is news, except between walking and resting (rest days are told as such).
        routine = np.isin(v.status, [int(Status.WALKING), int(Status.RESTING)])
        changed = np.zeros(v.days, dtype=bool)
        changed[1:] = ((v.status[1:] != v.status[:-1]) & ~(routine[1:] & routine[:-1])).any(axis=1)
        notable |= changed
        # the first day of each halt, and days on the march without headway, are told with their reason
        for day in range(1, v.days):
            code = self._halt(day)
            if code is not None and code not in (Halt.NONE, Halt.REST) and code != self._halt(day - 1):
                notable[day] = True
            if code == Halt.NONE and v.party_distance[day] < 1000.0:
                notable[day] = True
        for day in self.recovered:
            notable[day] = True
        notable[v.last_day] = True
        return notable

    def _halt(self, day: int) -> int | None:
        """The engine's reason the party did not walk on ``day`` (an engine.state HALT_* code); None when the
        result does not record it."""
        halt = self.result.daily.halt
        return None if halt is None else int(halt[self.view.run, day])

    def _recoveries(self) -> dict[int, list[str]]:
        """Day -> sentences on conditions that ended that day for someone still on the way."""
        v = self.view
        flags = np.asarray(self.result.daily.flags[v.run, : v.days], dtype=np.int64)
        here = np.isin(v.status, [int(s) for s in ACTIVE])
        out: dict[int, list[str]] = {}
        for bit, text in _RECOVERED.items():
            ended = (flags[:-1] & bit).astype(bool) & ~(flags[1:] & bit).astype(bool) & here[1:]
            for day, person in zip(*np.nonzero(ended), strict=True):
                out.setdefault(int(day) + 1, []).append(text.format(name=self._name(int(person))))
        return out

    def _last_waypoint(self, day: int) -> str:
        reached = [name for d in sorted(self.wp_reached) if d <= day for name in self.wp_reached[d]]
        return with_article(reached[-1]) if reached else "the waypoint"

    def _halt_reason(self, day: int, code: int) -> str:
        """Why the party did not walk on ``day``, as a phrase after "they stayed where they were," ("" if the
        engine does not say)."""
        v = self.view
        if code == Halt.UNABLE:
            names = self._unable(day)
            return HALT_WORDS[code].format(names=_names(names)) if names else _HALT_NOBODY
        lost = v.status[day] == Status.LOST  # the lost of the day: still out there, or found (or dead) today
        if day > 0:
            lost |= v.status[day - 1] == Status.LOST
        names = [self._name(int(i)) for i in np.flatnonzero(lost)]
        if code == Halt.DONE:
            return HALT_WORDS[code].format(names=_names(names)) if names else ""
        if code == Halt.SEARCH:
            return HALT_WORDS[code].format(names=_names(names) if names else "the lost")
        if code == Halt.WAYPOINT:
            return HALT_WORDS[code].format(waypoint=self._last_waypoint(day))
        if code == Halt.REST:
            every = int(getattr(getattr(self.scenario, "policy", None), "rest_every", 0) or 0)
            return HALT_WORDS[code].format(rest_every=every) if every else "resting"
        return HALT_WORDS.get(code, "")

    def _unable(self, day: int) -> list[str]:
        """Those in camp held back by a condition (ill, injured, sick with the altitude) on ``day``."""
        v = self.view
        flags = np.asarray(self.result.daily.flags[v.run, day], dtype=np.int64)
        in_camp = np.isin(v.status[day], [int(Status.WALKING), int(Status.RESTING), int(Status.SICK)])
        held = in_camp & (((flags & (Condition.ILL | Condition.INJURED | Condition.ALTITUDE_SICK)) != 0)
                          | (v.status[day] == Status.SICK))
        return [self._name(int(i)) for i in np.flatnonzero(held)]

    def _still_sentence(self, day: int, code: int | None, place: str, weather: str) -> str:
        """The sentence for a day without progress (under a kilometre along the route), with its reason."""
        v = self.view
        where = place or "where they were"
        if code is None:  # a result without the engine's halt codes: only what the statuses say
            if np.any(v.status[day] == Status.RESTING):
                return f"A day of rest; {weather}."
            return f"{weather[0].upper() + weather[1:]}."
        if code == Halt.NONE:
            hours = np.asarray(self.result.daily.hours_walked[v.run, day], dtype=float)
            most = float(np.nanmax(hours)) if np.isfinite(hours).any() else 0.0
            if most >= 0.5:
                return f"They were {_NO_HEADWAY.format(hours=f'{most:.0f}')}; {weather}."
            return f"They stayed {where}, {_TOO_WEAK}; {weather}."
        reason = self._halt_reason(day, code)
        waypoint = self._last_waypoint(day)
        if code == Halt.WAYPOINT and place.endswith(waypoint):  # "near X, resting as planned at X": once is enough
            reason = reason.replace(f" at {waypoint}", " there")
        if code == Halt.DONE and reason:  # the party has ended; someone lost is still out there
            return f"Nobody {reason.removeprefix('with nobody ')}; {weather}."
        if code == Halt.REST:
            return f"A day of rest, {where}; {weather}." if place else f"A day of rest; {weather}."
        return f"They stayed {where}, {reason}; {weather}." if reason else f"They stayed {where}; {weather}."

    # --- text ----------------------------------------------------------------------------------------------

    def header(self) -> list[str]:
        r, v, s = self.result, self.view, self.scenario
        title = getattr(s, "title", "") or r.scenario_name
        lines = [f"# {title}", ""]
        lines.append(
            f"*A journal of one simulated journey: scenario `{r.scenario_name}`, seed {r.seed}, run {v.run_id}; "
            f"longwalk {__version__}. The story is a model outcome, not history.*"
        )
        lines.append("")
        party = []
        for i, name in enumerate(self.people):
            p = self.persons.get(name)
            bits = []
            if p is not None:
                if p.role:
                    bits.append(p.role)
                bits.append(f"{p.age:.0f}")
                bits.extend(t.replace("_", " ") for t in p.traits)
            text = f"{name} ({', '.join(bits)})" if bits else name
            if v.status.shape[0] and v.status[0, i] == Status.ABSENT:
                text += ", who joins later"
            party.append(text)
        lines.append(f"**The party:** {_names(party)}.")
        lines.append("")
        if v.waypoints:
            start, end = v.waypoints[0], v.waypoints[-1]
            total = getattr(r.route, "total_distance", float("nan"))
            via = _names([with_article(w.name) for w in v.waypoints[1:-1]])
            route = f"**The route:** from {with_article(start.name)} to {with_article(end.name)}" + (
                f" by {via}" if via else "")
            if np.isfinite(total):
                route += f", {round_km(float(total))} km as planned"
            lines.append(route + ".")
            lines.append("")
        lines.append(f"**Set out:** {_long_date(r.start_date)}.")
        lines.append("")
        return lines

    def body(self) -> list[str]:
        return self.tell()[0]

    def tell(self, mark: _Mark | None = None) -> tuple[list[str], list[_Mark]]:
        """The body's lines from the entry at ``mark`` on (from the first day when None), and the mark before each
        entry told: where :class:`JournalSoFar` can take the telling up again."""
        v = self.view
        notable = self._notable()
        by_day: dict[int, list[Incident]] = {}
        for incident in v.incidents:
            by_day.setdefault(incident.day, []).append(incident)
        lines: list[str] = []
        marks: list[_Mark] = []
        month, day, before = None, 0, 0
        if mark is not None:
            month, day, before = mark.month, mark.day, mark.told
            self._restore(mark)
        while day <= v.last_day:
            marks.append(self._mark(day, month, before + len(lines)))
            if notable[day]:
                end = day
            else:
                end = day
                while end + 1 <= v.last_day and not notable[end + 1] and end + 1 - day < _QUIET_STRETCH_MAX:
                    end += 1
            start_date = self.result.date(day)
            if (start_date.year, start_date.month) != month:
                month = (start_date.year, start_date.month)
                lines.extend([f"## {start_date:%B} {start_date.year}", ""])
            if notable[day]:
                text = self._day_entry(day, by_day.get(day, []))
            else:
                text = self._quiet_entry(day, end)
            lines.append(f"**{_date_range(start_date, self.result.date(end))}.** {text}")
            lines.append("")
            day = end + 1
        return lines, marks

    def _mark(self, day: int, month: tuple[int, int] | None, told: int) -> _Mark:
        return _Mark(day, month, self.words.rng.bit_generator.state, dict(self.words.last), self.thirst_said,
                     self.hunger_said, told)

    def _restore(self, mark: _Mark) -> None:
        self.words.rng.bit_generator.state = mark.words
        self.words.last = dict(mark.last)
        self.thirst_said, self.hunger_said = mark.thirst_said, mark.hunger_said

    def _movement(self, d0: int, d1: int) -> tuple[float, str]:
        v = self.view
        km = float(np.sum(v.party_distance[d0 : d1 + 1]))
        prev = d0 - 1 if d0 > 0 else 0
        lat0, lon0 = v.camp_lat[prev], v.camp_lon[prev]
        if d0 == 0 and v.waypoints:
            lat0, lon0 = v.waypoints[0].lat, v.waypoints[0].lon
        lat1, lon1 = v.camp_lat[d1], v.camp_lon[d1]
        if np.isfinite([lat0, lon0, lat1, lon1]).all() and (lat0, lon0) != (lat1, lon1):
            direction = compass_direction(lat0, lon0, lat1, lon1)
        else:
            direction = "on"
        return km, direction

    def _quiet_entry(self, d0: int, d1: int) -> str:
        v = self.view
        n = d1 - d0 + 1
        metres, direction = self._movement(d0, d1)
        weather = self._weather(d0, d1)
        place = self.place(float(v.camp_lat[d1]), float(v.camp_lon[d1]))
        fields = {
            "n": _number(n), "N": _number(n).capitalize(), "direction": direction, "weather": weather,
            "km": round_km(metres), "Km": round_km(metres), "place": place,
            "target": self._next_waypoint(float(v.camp_position[d1])),
        }
        codes = {self._halt(d) for d in range(d0, d1 + 1)}
        if metres < 1000.0:
            code = codes.pop() if len(codes) == 1 else None
            reason = self._halt_reason(d0, code) if code not in (None, Halt.NONE) else ""
            fields["place"] = f"{place or 'where they were'}, {reason}" if reason else place
            if code == Halt.DONE and reason:  # nobody in camp: the stretch is about someone lost
                text = (f"{fields['N']} days {reason}; {weather}." if n > 1
                        else f"Nobody {reason.removeprefix('with nobody ')}; {weather}.")
            else:
                text = self.words.pick(_QUIET_STILL if n > 1 else _QUIET_STILL_ONE).format(**fields)
        else:
            text = self.words.pick(_QUIET_WALK if n > 1 else _QUIET_WALK_ONE).format(**fields)
            rested = sum(self._halt(d) == Halt.REST for d in range(d0, d1 + 1))
            if rested:
                text += f" They rested {_number(rested)} day{'s' if rested > 1 else ''} of {_number(n)}."
            if place:
                nth = _ordinal(self.result.date(d1).day)
                text += " " + self.words.pick(_CAMP_STRETCH if n > 1 else _CAMP).format(place=place, nth=nth)
        return text + self._condition_note(d1)

    def _condition_note(self, day: int) -> str:
        """A sentence on hunger or thirst when the party's bodies say so (no sentence otherwise)."""
        v, daily = self.view, self.result.daily
        here = np.isin(v.status[day], [int(s) for s in ACTIVE])
        if not here.any():
            return ""
        deficit = np.asarray(daily.water_deficit[v.run, day], dtype=float)[here]
        mass0 = np.asarray(daily.body_mass[v.run], dtype=float)
        first = np.argmax(np.isfinite(mass0), axis=0)
        start_mass = mass0[first, np.arange(mass0.shape[1])][here]
        lost = start_mass - mass0[day][here]
        notes = []
        # Said once per new level (every 2 % of body mass of water, every 5 kg lost), not every day.
        worst = float(np.nanmax(deficit)) if np.isfinite(deficit).any() else 0.0
        level = int(worst / 0.02)
        if level >= 2 and level > self.thirst_said:
            notes.append(f"thirst: the worst off had lost {worst * 100:.0f} % of body mass in water")
        self.thirst_said = level if level >= 2 or worst < 0.01 else self.thirst_said
        mean_lost = float(np.nanmean(lost)) if np.isfinite(lost).any() else 0.0
        level = int(mean_lost / 5.0)
        if level >= 1 and level > self.hunger_said:
            notes.append(f"hunger: on average {fixed(mean_lost)} kg lighter than at the start")
            self.hunger_said = level
        return "".join(f" {note[0].upper()}{note[1:]}." for note in notes)

    def _day_entry(self, day: int, incidents: list[Incident]) -> str:
        v = self.view
        sentences = []
        metres, direction = self._movement(day, day)
        code = self._halt(day)
        flags = int(self.result.daily.weather_flags[v.run, day])
        if code is None:  # a result without halt codes: a storm day without progress was sat out
            storm = next((WEATHER_WORDS[w] for w in (WeatherFlag.BLIZZARD, WeatherFlag.SANDSTORM) if flags & w), "")
            halted = bool(storm) and metres < 1000.0 and day > 0
        else:  # the engine's own reason: a storm sat out is a day nobody walked (days.csv: 0 hours)
            storm = {Halt.BLIZZARD: WEATHER_WORDS[WeatherFlag.BLIZZARD],
                     Halt.SANDSTORM: WEATHER_WORDS[WeatherFlag.SANDSTORM]}.get(code, "")
            halted = bool(storm)
        # A storm told by its own incident sentence is not repeated in the weather words.
        told = {i.kind for i in incidents} & {IncidentKind.BLIZZARD_HALT, IncidentKind.SANDSTORM,
                                              IncidentKind.SANDSTORM_THIRSTY}
        weather = self._weather(day, day, drop=WeatherFlag.BLIZZARD | WeatherFlag.SANDSTORM if told or halted else 0)
        place = self.place(float(v.camp_lat[day]), float(v.camp_lon[day]))
        start = with_article(v.waypoints[0].name) if v.waypoints else "the start"
        if halted:
            first = f"They were to set out from {start}. " if day == 0 else ""
            sentences.append(first + self.words.pick(_STORM_HALT).format(storm=storm)
                             + f" {weather[0].upper()}{weather[1:]}.")
            # the storm sentence says what the engine's storm incidents say
            incidents = [i for i in incidents if i.kind not in (IncidentKind.BLIZZARD_HALT, IncidentKind.SANDSTORM)]
        elif day == 0 and metres < 1000.0:
            sentences.append(f"They set out from {start}; {weather}.")
        elif metres >= 1000.0:
            verb = "set out and walked" if day == 0 else "walked"
            sentences.append(f"They {verb} {round_km(metres)} km {direction} in {weather}.")
        else:
            sentences.append(self._still_sentence(day, code, place, weather))
        for name in self.wp_reached.get(day, []):
            name = with_article(name)
            sentences.append(self.words.pick(_REACHED).format(name=name, Name=name[0].upper() + name[1:]))
        sentences.extend(self._incident_sentences(incidents))
        sentences.extend(self.recovered.get(day, []))
        if day > 0 and metres >= 1000.0 and place and not self.wp_reached.get(day):
            sentences.append(self.words.pick(_CAMP).format(place=place))
        return " ".join(sentences) + self._condition_note(day)

    def _incident_sentences(self, incidents: list[Incident]) -> list[str]:
        """Deaths, joinings and leavings one by one; party incidents one by one; everything else that
        happened to people grouped: one clause per person ("hurt on the march and fell ill"), and people with
        the same clause named together ("Zoran and Kazik fell ill")."""
        out = []
        later = []  # deaths, joinings and leavings come after what led to them
        clauses: dict[int, list[str]] = {}
        arrivals: list[int] = []
        for incident in incidents:
            if incident.kind == IncidentKind.WAYPOINT:
                continue
            if incident.kind == IncidentKind.ARRIVE and incident.person >= 0:  # its chain is only the place
                arrivals.append(incident.person)
            elif incident.person < 0:
                out.append(self._incident_sentence(incident))
            elif incident.kind in (IncidentKind.DEATH, IncidentKind.JOIN, IncidentKind.LEAVE):
                later.append(self._incident_sentence(incident))
            else:
                clause = self._person_clause(incident)
                if clause not in clauses.setdefault(incident.person, []):
                    clauses[incident.person].append(clause)
        by_clause: dict[str, list[str]] = {}
        for person, parts in clauses.items():
            by_clause.setdefault(_names(parts), []).append(self._name(person))
        for clause, names in by_clause.items():
            out.append(f"{_names(names)} {clause}.")
        out.extend(later)
        if arrivals:
            names = [self._name(i) for i in arrivals]
            them = "them" if len(names) > 1 else self._pronoun(names[0])
            out.append(f"{_names(names)} had arrived: for {them} the walk was over.")
        return out

    def _person_clause(self, incident: Incident) -> str:
        """What happened to someone, as a verb phrase without the subject ("fell ill")."""
        if incident.chain:
            appositions, segments = _chain_parts(incident.chain)
            text = "; ".join(words for words, _ in segments) if segments else ", ".join(appositions)
            return text if segments and segments[0][1] == ACTION else f"was {text}"
        where = self._where(incident, camp=False)
        return re.sub(r"\s+", " ", KIND_WORDS[incident.kind].format(where=where)).strip()

    def _name(self, person: int) -> str:
        return self.people[person] if 0 <= person < len(self.people) else "the party"

    def _where(self, incident: Incident, camp: bool = True) -> str:
        """Where an incident happened; with ``camp=False``, "" when only the day's camp is known (the entry
        names the camp already)."""
        v = self.view
        # Coordinates first, named the same way as the camps; the engine's place name when there are none.
        if np.isfinite(incident.lat) and np.isfinite(incident.lon):
            return self.place(incident.lat, incident.lon)
        if incident.place:
            return _at(incident.place)
        if not camp:
            return ""
        return self.place(float(v.camp_lat[incident.day]), float(v.camp_lon[incident.day]))

    def _reason(self, incident: Incident, action: str) -> str:
        if incident.chain:
            return ", ".join(words for words, _ in _said(incident.chain))
        event = self.events.get((action, self._name(incident.person)))
        return event.reason if event is not None and event.reason else ""

    def _death_sentence(self, name: str, cause_code: str, chain: Sequence[str], where: str) -> str:
        cause = CAUSE_WORDS.get(cause_code, cause_code.replace("_", " ") or "unknown causes")
        fields = {"Name": name, "cause": cause, "Cause": cause[0].upper() + cause[1:], "place": where,
                  "them": self._pronoun(name), "Subject": self._pronoun(name, "subject")}
        appositions, segments = _chain_parts(chain)
        if segments and segments[0][1] == ACTION:
            fields["chain"] = _join_chain(name, chain)
            return self.words.pick(_DEATH_TEMPLATES).format(**fields)
        fields["appos"] = ", " + ", ".join(appositions) + "," if appositions else ""
        fields["details"] = (": " + "; ".join(words for words, _ in segments)) if segments else ""
        text = self.words.pick(_DEATH_TEMPLATES_STATE).format(**fields)
        return re.sub(r",(\s*[.:;])", r"\1", re.sub(r"\s+", " ", text))

    def _incident_sentence(self, incident: Incident) -> str:
        name = self._name(incident.person)
        if incident.kind == IncidentKind.DEATH:
            chain = incident.chain + self._without_food(incident.day, incident.cause)
            return self._death_sentence(name, incident.cause, chain, self._where(incident))
        if incident.kind in (IncidentKind.JOIN, IncidentKind.LEAVE):
            reason = self._reason(incident, incident.kind)
            where = self._where(incident)
            verb = "joined the party" if incident.kind == IncidentKind.JOIN else "left the party"
            return f"{name} {verb} {where}" + (f": {reason}." if reason else ".")
        # Party incidents: verb phrases after "They", or passive ones ("denounced at X") after "They were".
        clauses = _said(incident.chain)
        if clauses:
            return ("They were " if clauses[0][1] == PASSIVE else "They ") + _names([w for w, _ in clauses]) + "."
        return self._simple_sentence(incident.kind, "They", incident)

    def _simple_sentence(self, kind: str, subject: str, incident: Incident) -> str:
        where = self._where(incident, camp=False)
        return re.sub(r"\s+", " ", f"{subject} {KIND_WORDS[kind].format(where=where)}").strip() + "."

    def closing(self) -> list[str]:
        v, r = self.view, self.result
        lines = ["## How it ended", ""]
        walked = v.person_distance()
        reached = v.route_reached()
        days = _number(v.days).capitalize() if v.days < 13 else str(v.days)
        span = f"from {_long_date(r.start_date)} to {_long_date(r.date(v.last_day))}"
        planned = float(getattr(r.route, "total_distance", float("nan")))
        of_route = f" of the {round_km(planned)} km planned route" if np.isfinite(planned) else " along the route"
        if reached < 1000.0:
            lines.append(f"{days} days, {span}; they did not move on.")
        else:
            lines.append(f"{days} days on the road, {span}; the party came {round_km(reached)} km{of_route}.")
        lines.append("")
        frostbite = self._frostbite_days()
        groups: dict[str, list[tuple[int, int, str]]] = {
            "arrived": [], "died": [], "left": [], "on the way": [], "never joined": []}
        for fate in v.fates:
            where = self.place(fate.lat, fate.lon) or fate.place
            when = _long_date(fate.date) if fate.date is not None else ""
            i = fate.person
            km = f"; walked {round_km(float(walked[i]))} km" if 0 <= i < walked.size and walked[i] >= 1000.0 else ""
            if i in frostbite:
                km += f"; frostbitten since {_long_date(r.date(frostbite[i]))}"
            order = (fate.day if fate.day >= 0 else v.days, i)
            if fate.status == Status.ARRIVED:
                groups["arrived"].append((*order, f"- **{fate.name}** arrived {_at(where)} on {when}{km}."))
            elif fate.status == Status.DEAD:
                cause = CAUSE_WORDS.get(fate.cause, fate.cause.replace("_", " ") or "unknown causes")
                appositions, segments = _chain_parts(fate.chain + self._without_food(fate.day, fate.cause))
                parts = appositions + [words for words, _ in segments]
                chain = f": {'; '.join(parts)}" if parts else ""
                groups["died"].append((*order, f"- **{fate.name}** died of {cause} {_at(where)} on {when}{chain}"
                                                f"{km}."))
            elif fate.status == Status.LEFT:
                event = self.events.get(("leave", fate.name))
                why = f": {event.reason}" if event is not None and event.reason else ""
                groups["left"].append((*order, f"- **{fate.name}** left the party {_at(where)} on {when}{why}{km}."))
            elif fate.status == Status.ABSENT:
                groups["never joined"].append(
                    (*order, f"- **{fate.name}** never joined: the party did not come that way."))
            else:
                state = Status(fate.status).name.lower()
                groups["on the way"].append((*order, f"- **{fate.name}** was still on the way ({state}) {_at(where)} "
                                                     f"when the simulation stopped{km}."))
        titles = {"arrived": "Arrived", "died": "Died", "left": "Left the party", "on the way": "Still on the way",
                  "never joined": "Never joined"}
        for key, entries in groups.items():
            if entries:
                lines.append(f"**{titles[key]}:**")
                lines.append("")
                lines.extend(text for _, _, text in sorted(entries))  # in date order
                lines.append("")
        return lines

    def _without_food(self, day: int, cause: str) -> tuple[Fact, ...]:
        """For a death from hunger: how long the party had carried no food ("no food carried for 9 days"), when
        the food ran out on the way (the engine's ``food_gone``) and nothing was carried since."""
        if cause != Cause.STARVATION or day < 0:
            return ()
        gone = [i.day for i in self.view.incidents if i.kind == IncidentKind.FOOD_GONE and i.day <= day]
        if not gone:
            return ()
        food = np.asarray(self.result.daily.food_carried[self.view.run, gone[-1]: day + 1], dtype=float)
        days = day - gone[-1]
        if days < 1 or np.any(food > 0):
            return ()
        return (fact(FactKind.NO_FOOD, days=days),)

    def _frostbite_days(self) -> dict[int, int]:
        """Person -> the first day they carried frostbite."""
        flags = np.asarray(self.result.daily.flags[self.view.run, : self.view.days], dtype=np.int64)
        bitten = (flags & Condition.FROSTBITE) != 0
        return {int(p): int(np.argmax(bitten[:, p])) for p in np.flatnonzero(bitten.any(axis=0))}

    def about(self, frostbite: bool) -> list[str]:
        """The scenario's sources and assumptions, and how the journal counts."""
        s = self.scenario
        lines = ["## About this journal", ""]
        sources = list(getattr(s, "sources", ()) or ())
        assumptions = list(getattr(s, "assumptions", ()) or ())
        for title, items in (("Sources of the scenario", sources), ("Assumptions of the scenario", assumptions)):
            if items:
                lines.extend([f"**{title}:**", ""])
                lines.extend(f"- {item}" for item in items)
                lines.append("")
        notes = [
            "Distances are along the planned route. A day's distance is how far each walker came along it that "
            "day; the party's journey length is the furthest its camp came along the route; a person's total is "
            "the sum of their days (it is shorter for one who joined on the way).",
        ]
        if frostbite:
            notes.append("Frostbite is recorded the day it happens; the model follows neither its healing nor the "
                         "loss of fingers or toes, and a frostbitten walker walks on as before.")
        lines.extend(notes)
        lines.append("")
        return lines


def _ordinal(n: int) -> str:
    """Day of the month as an ordinal.

    >>> [_ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 23)]
    ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '23rd']
    """
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _at(where: str) -> str:
    if not where:
        return "somewhere on the route"
    return where if where.split(" ", 1)[0] in ("near", "at", "in", "on") or " of " in where else f"at {where}"


def _long_date(date: dt.date | None) -> str:
    """A date as a reader writes it.

    >>> _long_date(dt.date(1941, 4, 9))
    '9 April 1941'
    """
    return "" if date is None else f"{date.day} {date:%B} {date.year}"


def _date_range(a: dt.date, b: dt.date) -> str:
    """A range of dates, without repeating the month or year.

    >>> _date_range(dt.date(1941, 4, 3), dt.date(1941, 4, 9))
    '3–9 April 1941'
    >>> _date_range(dt.date(1941, 4, 28), dt.date(1941, 5, 4))
    '28 April – 4 May 1941'
    >>> _date_range(dt.date(1941, 12, 30), dt.date(1942, 1, 2))
    '30 December 1941 – 2 January 1942'
    """
    if a == b:
        return _long_date(a)
    if a.year != b.year:
        return f"{_long_date(a)} – {_long_date(b)}"
    if a.month != b.month:
        return f"{a.day} {a:%B} – {b.day} {b:%B} {b.year}"
    return f"{a.day}–{b.day} {a:%B} {a.year}"


def write_journal(result: JourneyResult, run: int = 0, scenario: object | None = None,
                  atlas: object | None = None) -> str:
    """Tell one run of a journey as a Markdown chronicle (the text of ``journal.md``).

    Parameters
    ----------
    result : JourneyResult
        What :func:`longwalk.engine.simulate` returned.
    run : int
        Index of the run in the batch (not the global run id).
    scenario : longwalk.scenario.Scenario, optional
        Adds roles, ages, traits and pronouns for people, and the reasons of joinings and leavings when the
        engine did not record them.
    atlas : longwalk.atlas.Atlas, optional
        Names positions after the nearest gazetteer place; without it, after the nearest route waypoint.

    Returns
    -------
    str
        Markdown; the same result, run and seed always give the same text.
    """
    view = run_view(result, run)
    journal = _Journal(view, scenario, atlas)
    # one spelling per place in what the journal tells; the scenario's sources and assumptions are quoted as written
    told = journal.place.spell("\n".join(journal.header() + journal.body() + journal.closing()))
    lines = [told] + journal.about(bool(journal._frostbite_days()))
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"


class JournalSoFar:
    """The journal of a journey still under way, as it grows a day at a time: what :func:`write_journal` tells
    before its closing ("How it ended"), the same text, with the entries that can no longer change kept.

    Telling the whole journal again every day cost more each day (some 10 ms a day by the third week of a game).
    An entry is settled once the day after it is not the last day: whether a day gets its own entry or joins a
    quiet stretch depends only on its own day and the one before, except that the last day always gets one.  The
    telling is taken up again at the first unsettled entry, with the phrase generator and the hunger and thirst
    levels as they stood there, so the text is the one the whole telling gives.  One instance follows one journey:
    a result with fewer days than the last one told starts the telling afresh.
    """

    def __init__(self, scenario: object | None = None, atlas: object | None = None, run: int = 0):
        self.scenario, self.atlas, self.run = scenario, atlas, run
        self._settled: list[str] = []  # the body's lines before the mark, spelled
        self._mark: _Mark | None = None
        self._days = 0
        self._place: PlaceNamer | None = None  # the journey's waypoints and gazetteer (half the cost of a day)

    def text(self, result: JourneyResult) -> str:
        """The journal so far: header and entries of the days walked, as Markdown."""
        view = run_view(result, self.run)
        if view.days < self._days:
            self._settled, self._mark, self._place = [], None, None
        self._days = view.days
        journal = _Journal(view, self.scenario, self.atlas, self._place)
        self._place = journal.place
        lines, marks = journal.tell(self._mark)
        told = self._settled + [journal.place.spell(line) for line in lines]  # aliases never span lines
        # the entry holding the day before the last: it and the ones after may change with the next day
        self._mark = [m for m in marks if m.day <= view.last_day - 1 or m is marks[0]][-1]
        self._settled = told[:self._mark.told]
        text = "\n".join([journal.place.spell("\n".join(journal.header()))] + told)
        return text.rstrip() + "\n"


check_wording()  # a registry member without a wording stops the journal (and the report) from loading
