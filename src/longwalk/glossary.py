"""One vocabulary: every physical quantity longwalk computes, with its one name and its unit.

Units are SI internally, with two deliberate exceptions that follow the physiology literature and are used
everywhere without conversion: daily food energy in kcal (``*_kcal``, ``*_kcal_per_day``) and clothing
insulation in clo (1 clo = 0.155 m2 K W-1).  Temperatures are in °C; absolute temperatures never appear in
public signatures.  Angles are in degrees of latitude/longitude, slopes are rise over run [-].

Each layer adds its quantities in its own section below.  A name used in a public signature or a result
field must appear here, and ``tests/test_glossary.py`` checks that the entries are well formed.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Quantity:
    """A named quantity: ``unit`` is written as in docstrings (``kg``, ``m s-1``, ``°C``, ``-``)."""

    name: str
    unit: str
    description: str


_ENTRIES: list[tuple[str, str, str]] = [
    # --- geography (atlas) ---
    ("latitude", "degree", "geodetic latitude on WGS84, positive north"),
    ("longitude", "degree", "longitude on WGS84, positive east, in [-180, 180)"),
    ("elevation", "m", "height of the ground above mean sea level"),
    ("surface", "-", "surface class of a cell: 0 ocean, 1 land, 2 lake"),
    ("river_class", "-", "size class of the largest river in a cell: 0 none, 1 largest ... higher is smaller"),
    ("cell_width", "m", "geodesic east-west width of a grid cell at its centre latitude"),
    ("cell_height", "m", "geodesic north-south height of a grid cell"),
    ("distance", "m", "geodesic distance on the WGS84 ellipsoid"),
    ("slope", "-", "rise over horizontal run, positive uphill in the direction of travel"),
    ("resolution", "degree", "grid cell size in degrees of latitude and longitude (5′ = 1/12)"),
    ("cell_area", "m2", "area of a grid cell on the WGS84 ellipsoid"),
    ("population", "-", "number of inhabitants of a place (GeoNames)"),
    ("distance_km", "km", "geodesic distance in kilometres, only in `atlas point` output for people to read"),
    ("elevation_m", "m", "elevation as printed by `atlas point` (same quantity as elevation)"),
    # --- climate and weather (atlas) ---
    ("air_temperature", "°C", "air temperature at screen height"),
    ("air_temperature_mean", "°C", "daily or monthly mean air temperature"),
    ("air_temperature_min", "°C", "daily minimum air temperature (or its monthly mean)"),
    ("air_temperature_max", "°C", "daily maximum air temperature (or its monthly mean)"),
    ("precipitation", "mm", "liquid-water-equivalent precipitation over the stated period"),
    ("snow_depth", "m", "depth of snow on the ground"),
    ("wind_speed", "m s-1", "wind speed at 10 m"),
    ("relative_humidity", "-", "relative humidity as a fraction 0..1"),
    ("day_length", "h", "time between sunrise and sunset"),
    ("ice_thickness", "m", "thickness of ice on a lake or river"),
    # daily weather generator, sun and ice (atlas.weather, atlas.sun, atlas.ice)
    ("snowfall", "mm", "water equivalent of the day's precipitation that fell as snow"),
    ("snow_water_equivalent", "mm", "water held in the snowpack (1 mm = 1 kg m-2)"),
    ("snow_density", "kg m-3", "bulk density of the snowpack"),
    ("temperature_anomaly", "°C", "departure of the day's air temperature from its normal"),
    ("wet_day_fraction", "-", "fraction of days with at least 1 mm of precipitation"),
    ("blizzard", "-", "flag: snow falling or dry snow lying, with wind above the blowing-snow threshold"),
    ("sandstorm", "-", "flag: dust or sand storm (arid season, dry bare ground, strong wind)"),
    ("heat_wave", "-", "flag: third or later day in a row with the temperature anomaly above its 90th percentile, "
                       "and a maximum of 30 °C or more"),
    ("cold_snap", "-", "flag: third or later day in a row with the temperature anomaly below its 10th percentile"),
    ("sunrise", "h", "time of sunrise after midnight (local mean solar time unless stated as UTC)"),
    ("sunset", "h", "time of sunset after midnight (local mean solar time unless stated as UTC)"),
    ("solar_declination", "degree", "latitude at which the sun is overhead at noon"),
    ("equation_of_time", "min", "apparent minus mean solar time"),
    ("freezing_degree_days", "°C day", "sum over days of the amount by which the daily mean is below 0 °C"),
    ("frozen", "-", "flag: a lake or river carries an ice cover"),
    ("month", "-", "calendar month 1..12"),
    ("day_of_year", "day", "day of the year 1..366, 1 = 1 January"),
    ("distance_to_ocean", "m", "great-circle distance to the nearest ocean coast (lakes do not count)"),
    ("diurnal_temperature_range", "°C", "daily maximum minus daily minimum air temperature (or its monthly mean)"),
    ("toa_insolation", "W m-2", "daily mean solar irradiance at the top of the atmosphere"),
    ("saturation_vapour_pressure", "kPa", "saturation vapour pressure of water at a temperature"),
    ("vapour_pressure", "kPa", "actual water vapour pressure of the air"),
    # --- bodies (models) ---
    ("body_mass", "kg", "total body mass"),
    ("fat_mass", "kg", "body fat mass"),
    ("lean_mass", "kg", "fat-free mass"),
    ("height", "m", "standing height"),
    ("age", "year", "age in years"),
    ("load_mass", "kg", "mass carried"),
    ("walking_speed", "m s-1", "horizontal walking speed"),
    ("pace_floor", "m s-1", "speed a walker on soft ground slows no further than: the economical speed"),
    ("economical_speed", "m s-1", "walking speed of least energy per metre above the resting rate (LCDA)"),
    ("constant_power_speed", "m s-1", "speed at which walking on the ground costs what the preferred pace costs on "
     "bare ground"),
    ("metabolic_rate", "W", "whole-body metabolic rate"),
    ("energy_intake", "kcal day-1", "food energy eaten per day"),
    ("energy_expenditure", "kcal day-1", "total energy expended per day"),
    ("water_intake", "kg day-1", "water drunk per day (1 kg = 1 L)"),
    ("water_loss", "kg day-1", "water lost per day by sweat, breath, skin, urine and faeces"),
    ("water_deficit", "-", "body water deficit as a fraction of body mass"),
    ("clothing_insulation", "clo", "intrinsic clothing insulation, 1 clo = 0.155 m2 K W-1"),
    ("required_insulation", "clo", "insulation needed for heat balance (ISO 11079 IREQ)"),
    ("barometric_pressure", "kPa", "air pressure"),
    ("hazard", "day-1", "instantaneous daily hazard rate; probability over a day is 1 - exp(-hazard)"),
    # walking, energy and altitude (models.walking, models.energy, models.altitude)
    ("sex", "-", "1 for men, 0 for women (Deurenberg's convention)"),
    ("body_mass_index", "kg m-2", "body mass over height squared"),
    ("previous_body_mass_index", "kg m-2", "the body-mass index a day earlier (starvation hazard per BMI fallen)"),
    ("glycogen", "kg", "glycogen stored in liver and muscle (Hall 2011), without its bound water"),
    ("extracellular_fluid_change", "kg", "change of extracellular fluid from its fed level (Hall 2011)"),
    ("training", "-", "endurance training from Bink's industrial workforce (0) to the endurance-trained (1)"),
    ("halt_fraction", "-", "share of the hours on the march spent halted (FM 21-18's 50/10 rule: 1/6)"),
    ("body_fat_fraction", "-", "fat mass as a fraction of body mass"),
    ("terrain_factor", "-", "terrain coefficient eta multiplying the movement part of walking cost (1 = paved)"),
    ("pace_factor", "-", "multiplier on the preferred (Tobler) walking speed, e.g. 0.6 off paths"),
    ("down_pace_factor", "-", "pace_factor on the way down a stretch that climbs and descends"),
    ("hauled_mass", "kg", "a walker's share of a hand-cart or sledge and its load, hauled, not carried"),
    ("rolling_resistance", "-", "force to haul a cart or sledge over the weight hauled (models.walking)"),
    ("fitness_percentile", "-", "fitness percentile in the population: Campbell 2019 speeds, FRIEND VO2max; 0..1"),
    ("baseline_vo2max", "mL kg-1 min-1", "VO2max of the rested, fed person at the start (FRIEND registry)"),
    ("footprint_depth", "m", "depth a walker's foot sinks into snow"),
    ("snow_density", "kg m-3", "bulk density of the snowpack"),
    ("vo2max", "mL kg-1 min-1", "maximal oxygen uptake per kg of current body mass"),
    ("vo2max_fraction", "-", "fraction of VO2max sustained (or remaining, for altitude and starvation factors)"),
    ("resting_metabolic_rate", "kcal day-1", "resting (basal) energy expenditure"),
    ("resting_rate_offset", "kcal day-1", "person's constant K in Hall's resting expenditure K + 3.107 F + 21.99 L"),
    ("adaptive_thermogenesis", "kcal day-1", "Hall's adaptive change in expenditure after a change of intake"),
    ("weight_loss_fraction", "-", "fraction of baseline body mass lost (negative for a gain)"),
    ("days", "day", "length of a model time step"),
    ("duration", "h", "time spent on an activity"),
    ("baseline_body_mass", "kg", "body mass before the journey"),
    ("baseline_lean_mass", "kg", "fat-free mass before the journey"),
    ("baseline_energy_intake", "kcal day-1", "intake at which the person was weight-stable before the journey"),
    ("sleeping_altitude", "m", "altitude where a person sleeps"),
    ("acclimatised_altitude", "m", "altitude a person is acclimatised to; starts at the home altitude"),
    ("unacclimatised_excess", "m", "sleeping altitude above max(acclimatised altitude, 1500 m)"),
    ("inspired_oxygen_pressure", "kPa", "partial pressure of O2 in moist inspired air"),
    ("descent", "m", "fall in sleeping altitude since the previous night"),
    ("pending", "day-1", "HAPE risk already incurred, due tonight and on each following night (hape_onset_step)"),
    ("nights", "-", "number of nights a night's HAPE risk is spread over (hape_onset_kernel)"),
    ("incidence", "-", "probability that an illness has started, as the model counts it (lake_louise_3_incidence)"),
    # water, cold, heat and other hazards (models.water, models.thermal, models.hazards)
    ("body_surface_area", "m2", "DuBois body surface area"),
    ("metabolic_rate_per_area", "W m-2", "metabolic rate per m2 of DuBois surface (1 met = 58.15 W m-2)"),
    ("air_speed", "m s-1", "air speed at the body (about 2/3 of the 10 m wind speed)"),
    ("radiant_temperature", "°C", "mean radiant temperature (air + models.water.SUN_RADIANT_EXCESS in full sun)"),
    ("sweat_rate_w", "W m-2", "sweat rate as evaporative-equivalent heat flux (x 3600/2430 for g m-2 h-1)"),
    ("core_temperature", "°C", "core (rectal) body temperature"),
    ("acclimatised", "-", "heat-acclimatised (True/False)"),
    ("required_evaporation", "W m-2", "evaporative cooling needed for heat balance (E_req)"),
    ("maximum_evaporation", "W m-2", "evaporative capacity of the environment (E_max)"),
    ("hours", "h", "duration of an exposure or activity"),
    ("solute_load", "mOsm day-1", "osmoles the kidneys must excrete per day"),
    ("max_urine_osmolality", "mOsm kg-1", "maximum urine concentration"),
    ("urine", "kg day-1", "urine passed in a day: dilute in one who drinks as he likes, concentrated as he dries"),
    ("fat_oxidised", "kg", "fat burned"),
    ("carbohydrate_oxidised", "kg", "carbohydrate burned"),
    ("protein_oxidised", "kg", "protein burned"),
    ("lean_mass_lost", "kg", "fat-free mass catabolised"),
    ("lean_density", "kcal kg-1", "energy released per kg of fat-free mass lost (models.energy.lean_energy_density)"),
    ("forbes_constant", "kg", "Forbes's constant C of the lean share p = C/(C + F) of an energy imbalance "
     "(models.energy.forbes_constant)"),
    ("insulation", "clo", "resultant insulation of everything around the body (clothing, bag, shelter)"),
    ("resultant_insulation", "clo", "clothing insulation left once wind and walking pump air through it"),
    ("sleeping_gear_insulation", "clo", "insulation of a sleeping bag, blankets or furs"),
    ("shelter_insulation", "clo", "still-air insulation of a tent, hut or snow cave"),
    ("ground_insulation", "clo", "insulation of a pad or boughs under a sleeper"),
    ("air_permeability", "l m-2 s-1", "air permeability of the outer clothing layer"),
    ("wetness", "-", "how wet clothing is, 0 dry .. 1 soaked"),
    ("storage_rate", "W m-2", "body heat storage rate; negative is a heat debt building up"),
    ("heat_debt", "W h", "heat lost by the body beyond what shivering replaced"),
    ("shivering_energy", "kcal", "food energy burnt by shivering"),
    ("max_shivering", "W m-2", "most heat shivering can add for hours"),
    ("tissue_insulation", "m2 K W-1", "insulation of the vasoconstricted body shell between core and skin"),
    ("walking_metabolic_rate", "W", "whole-body metabolic rate while walking"),
    ("walking_hours", "h", "hours walked in the day"),
    ("walking_air_temperature", "°C", "air temperature of the walking hours"),
    ("walking_radiant_temperature", "°C",
     "mean radiant temperature of the walking hours (air + models.water.SUN_RADIANT_EXCESS in sun)"),
    ("resting_air_temperature", "°C", "air temperature of the day's resting hours in daylight"),
    ("night_air_temperature", "°C", "air temperature of the day's resting hours at night"),
    ("daylight_resting_hours", "h", "resting hours of the day that fall in daylight"),
    ("sleeping_hours", "h", "hours asleep in the day"),
    ("temperature_drop", "K", "fall in mean body temperature from a heat debt"),
    ("duration_limited_exposure", "h", "time until the heat debt reaches 40 W h m-2 (ISO 11079 DLE)"),
    ("party_size", "-", "number of people huddled together"),
    ("wind_chill", "°C", "wind chill temperature (JAG/TI 2001)"),
    ("frostbite_minutes", "min", "time for bare skin to freeze at a wind chill"),
    ("exposure_minutes", "min", "minutes of bare skin exposed in a day"),
    ("darkness_fraction", "-", "fraction of hours spent in darkness"),
    ("untreated_fraction", "-", "fraction of drinking water not boiled or treated"),
    ("source_risk", "-", "contamination of a water source relative to a lowland river"),
    ("body_mass_loss", "-", "fraction of starting body mass lost"),
    ("blizzard_fraction", "-", "fraction of walking time in a blizzard, whiteout or sandstorm"),
    ("biome", "-", "biome code: 0 tundra, 1 taiga, 2 steppe, 3 desert, 4 alpine, 5 temperate forest"),
    ("annual_mean_temperature", "°C", "mean air temperature over the year"),
    ("warmest_month_temperature", "°C", "mean air temperature of the warmest month"),
    ("annual_precipitation", "mm", "precipitation over the year"),
    ("warm_half_fraction", "-", "fraction of the year's precipitation falling April-September"),
    ("month", "-", "month of the year, 1..12"),
    ("skill", "-", "multiplier on an unskilled traveller's foraging return"),
    ("foraging_return_rate", "kcal h-1", "mean food energy gained per hour of foraging, hunting or fishing"),
    ("spacing", "m", "mean distance between water points"),
    ("failure", "-", "probability a water point is dry, broken or too salty"),
    # the night in camp
    ("night_hours", "h", "hours of the night spent asleep in camp"),
    # --- routes (routing) ---
    ("walking_time", "s", "walking time of a route or route step at the cost model's speed, water crossings included"),
    ("cum_distance", "m", "distance along a route from its start"),
    ("cum_time", "s", "walking time along a route from its start"),
    ("ascent", "m", "sum of the rises along a route"),
    ("descent", "m", "sum of the drops along a route, counted positive"),
    ("route_cost", "s", "accumulated least cost: walking time [s]; for the energy model net energy [J kg-1]"),
    ("river_crossing_time", "s", "time to cross a river, by size class and season (an estimate table)"),
    ("snap_distance", "m", "how far a waypoint in water may be moved to the nearest land cell"),
    ("altitude_speed_fraction", "-", "walking speed at altitude over that at sea level, from the VO2max decline"),
    ("neighbours", "-", "moves searched from a grid cell: 8 (rook and bishop) or 16 (plus knight moves)"),
    # --- journey (engine) ---
    ("route_position", "m", "distance walked along the planned route from its start"),
    ("day_distance_km", "km", "how far one person came along the planned route in a day (days.csv)"),
    ("total_distance_km", "km", "one person's total: the sum of their day distances (summary.json)"),
    ("route_position_km", "km", "route_position in km (days.csv); the party's, its journey length (summary.json)"),
    ("route_length_km", "km", "length of the planned route (summary.json, route.geojson)"),
    ("hours_walked", "h", "hours spent walking in a day"),
    ("water_carried", "kg", "water carried in containers"),
    ("food_carried", "kcal", "food energy carried"),
]

GLOSSARY: dict[str, Quantity] = {name: Quantity(name, unit, text) for name, unit, text in _ENTRIES}


def unit_of(name: str) -> str:
    """Return the unit of a glossary quantity.

    >>> unit_of("body_mass")
    'kg'
    """
    return GLOSSARY[name].unit
