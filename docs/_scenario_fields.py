"""Print the field tables of docs/scenarios.md from the pydantic scenario schema.

Run ``python docs/_scenario_fields.py`` and paste its output between the markers in docs/scenarios.md;
``tests/scenario/test_builtin_scenarios.py`` checks that the tables are up to date.
"""

from __future__ import annotations

import re
import typing

from pydantic_core import PydanticUndefined

from longwalk.scenario import schema

MODELS = [
    ("Scenario (top level)", schema.Scenario),
    ("[[party]]: Person", schema.Person),
    ("[supplies]: Supplies", schema.Supplies),
    ("[[supplies.food]]: Food", schema.Food),
    ("[[route]]: Waypoint", schema.Waypoint),
    ("[route.claimed_conditions]: ClaimedConditions", schema.ClaimedConditions),
    ("[policy]: Policy", schema.Policy),
    ("[[events]]: Event", schema.Event),
    ("[weather]: FixedWeather", schema.FixedWeather),
    ("[climate]: ClimateSource", schema.ClimateSource),
    ("[terrain]: Terrain", schema.Terrain),
]


# Meanings of fields whose schema description is empty (the schema is the lead's; the words are added here).
EXTRA = {
    "Scenario.title": "title for reports",
    "Scenario.description": "a paragraph on the journey",
    "Scenario.start_date": "the first day of the journey (a TOML date, e.g. 1941-03-01)",
    "Scenario.party": "the people, at the start or joining later (`[[party]]` tables)",
    "Scenario.supplies": "what the party carries at the start (`[supplies]` table)",
    "Scenario.route": "waypoints in order, first = start, last = destination (`[[route]]` tables)",
    "Scenario.policy": "how the party behaves (`[policy]` table)",
    "Scenario.events": "people joining or leaving (`[[events]]` tables)",
    "Scenario.weather": "constant weather instead of the weather generator (a what-if control)",
    "Scenario.climate": "where the climate comes from (`[climate]` table; `--climate` overrides it)",
    "Scenario.terrain": "the elevation model (`[terrain]` table; `--dem` overrides it)",
    "Person.name": "unique within the party; used by events and by `--set party.NAME.field=...`",
    "Person.sex": "",
    "Person.age": "",
    "Person.body_mass": "at the start",
    "Supplies.food": "food carried at the start (`[[supplies.food]]` tables)",
    "Supplies.shelter": "",
    "Supplies.fire": "means of making fire (melting snow, warmth)",
    "Food.mass": "",
    "Food.energy_density": "food energy per kg",
    "Waypoint.name": "unique name; events refer to it",
    "Waypoint.lat": "give lat and lon, or place",
    "Waypoint.lon": "",
    "Waypoint.note": "free text (e.g. where the coordinates come from)",
    "Policy.wait_out_storms": "stay in camp on blizzard and sandstorm days",
    "Event.action": "",
    "Event.person": "a party name",
    "Event.at_waypoint": "when the party reaches this waypoint",
    "Event.on_date": "on this date (a TOML date)",
    "Event.reason": "told in the journal",
    "FixedWeather.air_temperature_max": "daily maximum, every day",
    "FixedWeather.air_temperature_min": "daily minimum, every day",
    "FixedWeather.wind_speed": "",
    "FixedWeather.relative_humidity": "",
    "FixedWeather.precipitation": "",
}
EXTRA["Person.traits"] = "conditions the models know: " + ", ".join(typing.get_args(schema.Trait))
EXTRA["Supplies.tools"] = ("tools carried, from this list: " + ", ".join(typing.get_args(schema.Tool))
                           + "; rifle, bow, snares or traps let the party hunt, fishing_line or net fish at the full "
                           "rate (by hand, half), a water_filter cuts waterborne illness, a gps keeps them on "
                           "their track; the others are told in the journal")


def _type(annotation) -> str:
    text = str(annotation) if not isinstance(annotation, type) else annotation.__name__
    if typing.get_origin(annotation) is typing.Literal:
        return " \\| ".join(f'"{a}"' for a in typing.get_args(annotation))
    if typing.get_origin(annotation) is tuple:
        inner = typing.get_args(annotation)[0]
        if typing.get_origin(inner) is typing.Literal:
            return "list of strings"
        return f"list of {_type(inner)}"
    text = text.replace("typing.", "").replace("longwalk.scenario.schema.", "").replace("datetime.", "")
    text = text.replace("date | None", "date (optional)").replace("float | None", "float (optional)")
    text = text.replace("str | None", "str (optional)").replace("FixedWeather | None", "FixedWeather (optional)")
    text = re.sub(r"Literal\[([^\]]*)\]", "one of \\1", text)
    return text.replace("|", "\\|").replace("NoneType", "None")


def _limits(field) -> str:
    out = []
    for m in field.metadata:
        for name, sym in (("ge", "≥"), ("gt", ">"), ("le", "≤"), ("lt", "<"), ("min_length", "length ≥"),
                          ("pattern", "matches")):
            value = getattr(m, name, None)
            if value is not None:
                out.append(f"{sym} `{value}`" if name == "pattern" else f"{sym} {value}")
    return ", ".join(out)


def _unit_and_text(description: str | None) -> tuple[str, str]:
    if not description:
        return "", ""
    match = re.search(r"\[([^\]]+)\]", description)
    unit = match.group(1) if match else ""
    text = re.sub(r"\s*\[[^\]]+\]", "", description).strip(" ;")
    return unit, text


def _default(field) -> str:
    if field.is_required():
        return "**required**"
    value = field.default
    if value is PydanticUndefined:
        return ""
    if isinstance(value, schema.BaseModel):
        return "defaults below"
    if value == ():
        return "`[]`"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, str):
        return f'`"{value}"`'
    return f"`{value}`"


def field_tables() -> str:
    lines = []
    for title, model in MODELS:
        lines.append(f"### {title}")
        lines.append("")
        lines.append("| field | type | unit | default | valid | meaning |")
        lines.append("|---|---|---|---|---|---|")
        for name, field in model.model_fields.items():
            unit, text = _unit_and_text(field.description)
            text = text or EXTRA.get(f"{model.__name__}.{name}", "")
            lines.append(f"| `{name}` | {_type(field.annotation)} | {unit} | {_default(field)} | "
                         f"{_limits(field)} | {text} |")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


if __name__ == "__main__":
    print(field_tables(), end="")
