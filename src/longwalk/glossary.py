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
    # --- bodies (models) ---
    ("body_mass", "kg", "total body mass"),
    ("fat_mass", "kg", "body fat mass"),
    ("lean_mass", "kg", "fat-free mass"),
    ("height", "m", "standing height"),
    ("age", "year", "age in years"),
    ("load_mass", "kg", "mass carried"),
    ("walking_speed", "m s-1", "horizontal walking speed"),
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
    # --- journey (engine) ---
    ("route_position", "m", "distance walked along the planned route from its start"),
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
