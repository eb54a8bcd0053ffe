"""The scenario file format: what a journey is, validated with pydantic.

A scenario is a TOML file (see ``docs/scenarios.md``).  Unknown fields are errors, so a typo never passes
silently.  Units follow :mod:`longwalk.glossary`: masses in kg, heights in m, water in L (= kg), food
energy in kcal, insulation in clo, durations in hours or days as the field name says.
"""

from __future__ import annotations

import datetime as dt
import typing
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Trait = Literal[
    "night_blindness",  # cannot see after dusk: lost far more often when moving at night
    "frail",  # low reserves and work capacity
    "injured_leg",  # slower, higher injury hazard
    "elderly",  # older body: lower VO2max, worse thermoregulation
    "hardened",  # used to cold, hunger and labour (a camp survivor, a herder)
    "weak_lungs",  # higher altitude-illness hazard
    "ill",  # starts the journey ill
]

Tool = Literal[
    "rifle",  # hunting (models.hazards HUNT)
    "bow",  # hunting
    "snares",  # hunting (small game)
    "traps",  # hunting (small game)
    "fishing_line",  # line and hooks: fishing at the full rate
    "net",  # fishing at the full rate
    "knife",
    "axe",
    "cooking_pot",
    "stove",
    "compass",
    "map",
    "gps",
    "satellite_messenger",
    "first_aid_kit",
    "water_filter",
    "rope",
    "needle_and_thread",
]
"""The tools a scenario can list (``supplies.tools``), by these exact names: the foraging model reads the hunting and
fishing ones, a ``water_filter`` cuts waterborne illness, a ``gps`` keeps the party on its track (getting lost); the
rest are told in the journal."""

CartKind = Literal[
    "hand_cart",  # wheeled: a hand-cart, a trailer, a rickshaw
    "sledge",  # a sledge or pulk, dragged
]
"""What the walkers haul (``supplies.cart_kind``): the resistance of each on the ground and on snow is
``longwalk.models.walking.ROLLING_RESISTANCE``, keyed by these names."""

Ground = Literal[
    "paved",
    "dirt_road",
    "grass",
    "light_brush",
    "hard_surface_road",
    "ploughed_field",
    "heavy_brush",
    "swamp",
    "sand_dunes",
    "loose_sand",
]
"""The ground a leg is walked on (``[[route]] ground``): the snow-free terrain classes of Soule & Goldman (1972),
``longwalk.models.walking.GROUNDS`` (their energy coefficients ``TERRAIN_FACTORS``, a hand-cart's resistance
``HAND_CART_GROUND_RESISTANCE``), keyed by these names."""

Context = Literal["fugitives", "travellers"]
"""Who the party is to the people it meets: ``fugitives`` (escapees and the hunted, who beg and risk being denounced),
or ``travellers`` (who buy food and water and are not denounced)."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Person(_Strict):
    """One member of the party."""

    name: str = Field(min_length=1)
    sex: Literal["male", "female"]
    age: float = Field(ge=5, le=100, description="[year]")
    height: float = Field(ge=1.0, le=2.3, description="standing height [m]")
    body_mass: float = Field(gt=20, le=250, description="[kg]")
    body_fat: float | None = Field(
        default=None, ge=0.02, le=0.6, description="fat fraction of body mass [-]; estimated if absent"
    )
    fitness: float = Field(
        default=0.5, ge=0.0, le=1.0, description="walking fitness percentile in the population [-]"
    )
    traits: tuple[Trait, ...] = ()
    clothing_insulation: float = Field(default=1.5, ge=0.0, le=6.0, description="worn clothing [clo]")
    present: bool = Field(default=True, description="false if the person joins later through an event")
    role: str = Field(default="", description="who this is, for the journal (e.g. 'American engineer')")
    acclimatised_altitude: float = Field(
        default=0.0, ge=0, le=6000,
        description="altitude the person is acclimatised to at the start: where they live or have spent the last "
        "weeks; the default is a lowlander (the altitude models give no illness below 1500 m) [m]",
    )


class Food(_Strict):
    kind: str = Field(min_length=1, description="e.g. 'bread', 'dried fish', 'tsampa'")
    mass: float = Field(ge=0, description="[kg]")
    energy_density: float = Field(gt=0, le=9500, description="[kcal kg-1]")


class Supplies(_Strict):
    """What the party carries at the start."""

    food: tuple[Food, ...] = ()
    water: float = Field(default=0.0, ge=0, description="water carried at the start [L]")
    water_capacity: float = Field(default=2.0, ge=0, description="container capacity per person [L]")
    sleeping_insulation: float = Field(
        default=0.0, ge=0, le=10, description="sleeping bag / blankets per person [clo]"
    )
    shelter: Literal["none", "tarp", "tent", "snow_cave"] = "none"
    fire: Literal["none", "flint", "matches"] = "none"
    tools: tuple[Tool, ...] = ()  # the fixed vocabulary Tool: refused otherwise, naming the valid names
    load_other: float = Field(default=5.0, ge=0, le=80, description="other load per person [kg]")
    pack_animals: int = Field(
        default=0, ge=0, le=200,
        description="pack animals or vehicles carrying the party's common load (food, water, then gear)",
    )
    pack_animal_load: float = Field(
        default=0.0, ge=0, le=2000,
        description="load each pack animal or vehicle carries [kg]",
    )

    carts: int = Field(
        default=0, ge=0, le=50,
        description="hand-carts or sledges hauled by the walkers, carrying the food and water the pack animals do "
        "not; the walkers share the pull",
    )
    cart_kind: CartKind = Field(default="hand_cart", description="what is hauled: 'hand_cart' (wheeled) or 'sledge'")
    cart_mass: float = Field(
        default=0.0, ge=0, le=500,
        description="mass of each cart or sledge without the food and water: its own and what always rides on it "
        "(tent, stove, fuel) [kg]",
    )
    cart_load: float = Field(
        default=0.0, ge=0, le=2000, description="food and water each cart or sledge carries at most [kg]"
    )

    @model_validator(mode="after")
    def _animals_carry(self) -> Supplies:
        if self.pack_animals > 0 and self.pack_animal_load <= 0:
            raise ValueError("pack_animals is set: give pack_animal_load, the kg each animal or vehicle carries")
        if self.carts > 0 and self.cart_load <= 0:
            raise ValueError("carts is set: give cart_load, the kg each cart or sledge carries")
        return self


class ClaimedConditions(_Strict):
    """What an account claims the party went through on the leg that ends at a waypoint (``longwalk check``).

    Each field is a stretch of days at the start of the leg's claimed span without something; ``longwalk check``
    walks the party over the leg's real terrain and climate with that thing taken away (no water sources and nothing
    carried, or no food at all) and asks whether anyone is alive at the end of it.
    """

    no_water_days: int | None = Field(
        default=None, ge=1, le=60,
        description="days on this leg with nothing to drink: no water carried, found or given (e.g. 12 for "
        "'twelve days without water in the Gobi') [day]",
    )
    no_food_days: int | None = Field(
        default=None, ge=1, le=120,
        description="days on this leg with nothing to eat: no food carried, foraged, bought or given [day]",
    )

    @model_validator(mode="after")
    def _claims_something(self) -> ClaimedConditions:
        if self.no_water_days is None and self.no_food_days is None:
            raise ValueError("give no_water_days or no_food_days (or leave out claimed_conditions)")
        return self


def _claimed_span(value):
    """A claimed date (``1941-05-15``) or range (``[1941-05-01, 1941-05-31]``) as an (earliest, latest) pair."""
    if value is None:
        return None

    def as_date(v):  # an ISO text, as JSON and ``--set`` give dates
        try:
            return dt.date.fromisoformat(v) if isinstance(v, str) else v
        except ValueError:
            return v

    value = [as_date(v) for v in value] if isinstance(value, list | tuple) else as_date(value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return (value, value)
    if isinstance(value, list | tuple) and len(value) == 2 and all(
            isinstance(v, dt.date) and not isinstance(v, dt.datetime) for v in value):
        if value[0] > value[1]:
            raise ValueError(f"the range [{value[0]}, {value[1]}] ends before it starts; give [earliest, latest]")
        return tuple(value)
    raise ValueError(f"{value!r} is not a date: give a TOML date (1941-05-15) or a range of two "
                     "([1941-05-01, 1941-05-31])")


class Waypoint(_Strict):
    """A named point on the route: coordinates, or a place name resolved offline."""

    name: str = Field(min_length=1)
    lat: float | None = Field(default=None, ge=-90, le=90, description="[degree]")
    lon: float | None = Field(default=None, ge=-180, le=180, description="[degree]")
    place: str | None = Field(default=None, description="place name resolved with the offline gazetteer")
    rest_days: int = Field(default=0, ge=0, le=365, description="days spent here before moving on")
    buy_food: float = Field(
        default=0.0, ge=0, le=120,
        description="a town where food is bought: on arrival the food carried is filled up to this many days of "
        "ration for the members (and the water containers filled) [day]",
    )
    cache: float = Field(
        default=0.0, ge=0, le=2000,
        description="food left here beforehand, picked up on arrival, at the energy density of the food carried [kg]",
    )
    cache_water: float = Field(
        default=0.0, ge=0, le=5000, description="water left here beforehand, taken up to the containers' capacity [L]",
    )
    ground: Ground | None = Field(
        default=None,
        description="the ground of the leg that ends here (Soule & Goldman's snow-free terrain classes); it sets the "
        "cost and pace of walking and hauling there; unset, the engine's bare ground (as a dirt road); snow lies on "
        "top",
    )
    note: str = ""
    claimed_date: tuple[dt.date, dt.date] | None = Field(
        default=None,
        description="when an account says the party was here: a date (1941-05-15) or a list of two, the earliest "
        "and the latest; `longwalk check` asks whether the party can be here alive by the latest",
    )
    claimed_conditions: ClaimedConditions | None = Field(
        default=None, description="what the account says the party went without on the leg that ends here",
    )

    @field_validator("claimed_date", mode="before")
    @classmethod
    def _date_or_range(cls, value):
        return _claimed_span(value)

    @model_validator(mode="after")
    def _coordinates_or_place(self) -> Waypoint:
        has_coords = self.lat is not None and self.lon is not None
        if not has_coords and not self.place:
            raise ValueError("give both 'lat' and 'lon', or a 'place' name to resolve")
        if (self.lat is None) != (self.lon is None):
            raise ValueError("give both 'lat' and 'lon', not one of them")
        return self


class Policy(_Strict):
    """How the party behaves.  Defaults are those of a cautious, experienced party."""

    hours_per_day: float = Field(default=8.0, gt=0, le=18, description="walking hours on a walking day [h]")
    rest_every: int = Field(default=0, ge=0, le=60, description="a rest day every N walking days; 0 never")
    ration: float = Field(
        default=2500.0, ge=0, le=8000, description="food eaten per person per day when there is food [kcal]"
    )
    water_target: float = Field(
        default=1.0, ge=0, le=4, description="fraction of the day's loss the party tries to drink [-]"
    )
    night_travel_above: float = Field(
        default=30.0, description="walk by night when the day's maximum exceeds this [°C]"
    )
    forage_hours: float = Field(default=1.0, ge=0, le=12, description="time spent foraging per day [h]")
    forage_hours_hungry: float = Field(
        default=4.0, ge=0, le=12,
        description="time spent foraging, hunting or fishing per day once carried food is below a few days of "
        "ration; the extra hours come out of walking [h]",
    )
    detour_distance: float = Field(
        default=25.0, ge=0, le=100,
        description="farthest the party goes off its way to a settlement or water when short of food or water [km]",
    )
    wait_out_storms: bool = True
    pace: Literal["weakest", "own"] = Field(
        default="weakest", description="walk at the pace of the weakest, or each at their own"
    )
    leave_behind: bool = Field(default=False, description="leave those who cannot walk on")
    stay_put: bool = Field(default=False, description="stay at the start, waiting for rescue, instead of walking")
    resupply: bool = Field(default=True, description="buy, beg or be given food and water at settlements")


class Event(_Strict):
    """Someone joins or leaves the party at a waypoint, on a date, or on a condition."""

    action: Literal["join", "leave"]
    person: str = Field(min_length=1)
    at_waypoint: str | None = None
    on_date: dt.date | None = None
    reason: str = ""

    @model_validator(mode="after")
    def _has_trigger(self) -> Event:
        if self.at_waypoint is None and self.on_date is None:
            raise ValueError("give 'at_waypoint' or 'on_date'")
        return self


#: The deepest snow ever measured on the ground: 11.82 m on Mount Ibuki, Japan, 14 February 1927 (Japan
#: Meteorological Agency record, as listed at https://japaneserecords.org/japanese-records/36100).  A fixed snow depth
#: beyond it is a typing mistake, not a what-if.
SNOW_DEPTH_RECORD = 11.82  # [m]


class FixedWeather(_Strict):
    """Constant weather every day, instead of the generator (a what-if control)."""

    air_temperature_max: float = Field(ge=-90, le=60, description="[°C]")
    air_temperature_min: float = Field(ge=-90, le=60, description="[°C]")
    wind_speed: float = Field(default=2.0, ge=0, le=60, description="[m s-1]")
    relative_humidity: float = Field(default=0.5, ge=0, le=1, description="[-]")
    precipitation: float = Field(default=0.0, ge=0, le=500, description="[mm day-1]")
    snow_depth: float = Field(
        default=0.0, ge=0, le=SNOW_DEPTH_RECORD,
        description="snow on the ground every day, held as it is (no fall, no melt); it slows walking and hauling "
        "as the generator's snow does [m]",
    )

    @model_validator(mode="after")
    def _ordered(self) -> FixedWeather:
        if self.air_temperature_min > self.air_temperature_max:
            raise ValueError("air_temperature_min must not exceed air_temperature_max")
        return self


ClimateName = Literal["builtin", "worldclim", "worldclim:10m", "worldclim:5m", "worldclim:2.5m", "worldclim:30s"]
"""The named climate sources; any other ``source`` is a path (a WorldClim 2.1 folder or a station table .csv)."""


class ClimateSource(_Strict):
    """Where the climate comes from (``longwalk.atlas.climate.open_climatology``); ``--climate`` overrides it."""

    source: str = Field(
        default="builtin", min_length=1,
        description="'builtin' (the model fitted to station normals, offline), 'worldclim' (WorldClim 2.1 as "
        "`longwalk data fetch worldclim` unpacked it; 'worldclim:5m' picks a resolution), the path of a WorldClim "
        "2.1 folder, or the path of a station table .csv (docs/atlas.md); a relative path is read from the "
        "scenario file's folder",
    )

    @field_validator("source")
    @classmethod
    def _named_or_path(cls, source: str) -> str:
        named = typing.get_args(ClimateName)
        if source.startswith("worldclim:") and source not in named:
            raise ValueError(f"{source!r} names no WorldClim resolution; they are "
                             f"{', '.join(n.split(':')[1] for n in named if ':' in n)}, e.g. 'worldclim:10m'")
        return source


class Terrain(_Strict):
    """The elevation model; ``--dem`` overrides it."""

    dem: str | None = Field(
        default=None, min_length=1,
        description="a GeoTIFF (any CRS) or NetCDF elevation file that replaces the built-in elevation where it has "
        "data; a relative path is read from the scenario file's folder",
    )


class Scenario(_Strict):
    """A whole journey: who, with what, from where to where, when, and how they behave."""

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="short identifier, e.g. 'the-way-back'")
    title: str = ""
    description: str = ""
    sources: tuple[str, ...] = Field(default=(), description="which facts are sourced, and where from")
    assumptions: tuple[str, ...] = Field(default=(), description="which values are modelling assumptions")
    start_date: dt.date
    max_days: int = Field(default=500, ge=1, le=3000, description="the simulation stops after this many days")
    party: tuple[Person, ...] = Field(min_length=1)
    supplies: Supplies = Supplies()
    route: tuple[Waypoint, ...] = Field(min_length=2)
    policy: Policy = Policy()
    events: tuple[Event, ...] = ()
    weather: FixedWeather | None = None
    climate: ClimateSource = ClimateSource()
    terrain: Terrain = Terrain()
    context: Context = Field(
        default="travellers",
        description="who the party is to the people it meets: 'travellers' buy food and are not denounced; "
        "'fugitives' (escapees) beg, and may be denounced and robbed, at the rates of the places they pass",
    )

    @model_validator(mode="after")
    def _consistent(self) -> Scenario:
        names = [p.name for p in self.party]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ValueError(f"party names must be unique; repeated: {', '.join(dupes)}")
        if not any(p.present for p in self.party):
            raise ValueError("at least one person must be present at the start (present = true)")
        route_names = [w.name for w in self.route]
        repeated = sorted({n for n in route_names if route_names.count(n) > 1})
        if repeated:
            raise ValueError(f"route waypoint names must be unique (events name them); repeated: {', '.join(repeated)}")
        waypoints = set(route_names)
        first = self.route[0]
        if first.buy_food or first.cache or first.cache_water:
            raise ValueError(f"route[0] ({first.name}) is the start: give what the party sets out with in [supplies], "
                             "not buy_food or cache")
        if first.ground is not None:
            raise ValueError(f"route[0] ({first.name}) is the start: no leg ends there; give the ground of each leg "
                             "on the waypoint it leads to")
        if first.claimed_date is not None or first.claimed_conditions is not None:
            raise ValueError(f"route[0] ({first.name}) is the start: its date is start_date; claim dates and "
                             "conditions on later waypoints")
        for i, w in enumerate(self.route):
            if w.claimed_date is not None and w.claimed_date[1] < self.start_date:
                raise ValueError(f"route[{i}] ({w.name}).claimed_date {w.claimed_date[1]} is before start_date "
                                 f"{self.start_date}")
        for i, event in enumerate(self.events):
            if event.person not in names:
                raise ValueError(f"events[{i}].person '{event.person}' is not in the party ({', '.join(names)})")
            if event.at_waypoint is not None and event.at_waypoint == self.route[0].name:
                raise ValueError(
                    f"events[{i}].at_waypoint '{event.at_waypoint}' is the start: give the person present = "
                    f"{str(event.action == 'join').lower()} instead, or name a later waypoint"
                )
            if event.at_waypoint is not None and event.at_waypoint not in waypoints:
                raise ValueError(
                    f"events[{i}].at_waypoint '{event.at_waypoint}' is not a route waypoint "
                    f"({', '.join(w.name for w in self.route)})"
                )
        return self
