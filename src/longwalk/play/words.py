"""What the game's screens say about the party: each person's condition, the weather and sky, the supplies, and
the causes of a death — in words, with the numbers they come from.

Conditions come from the engine's own state and thresholds (no second model): thirsty past the engine's
``THIRST_DEFICIT``, hungry when the food carried is below the engine's ``HUNGRY_DAYS`` of ration, ill, injured,
frostbitten and altitude-sick from the state's counters and flags.  Thinness bands are the WHO body-mass-index
cut-offs.  Deaths are told with the journal's own wording of the engine's causal chain
(:mod:`longwalk.report.journal`).
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from longwalk.engine.phases import HUNGRY_DAYS, THIRST_DEFICIT
from longwalk.engine.records import Incident, Status
from longwalk.engine.registry import Halt

# WHO (1995) Physical status: the use and interpretation of anthropometry, Technical Report Series 854, p. 5 and
# table 14 (adults): body mass index below 18.5 kg m-2 is thinness, below 16 severe thinness (grade 3).
UNDERWEIGHT_BMI = 18.5  # [kg m-2]
SEVERE_THINNESS_BMI = 16.0  # [kg m-2]

STATUS_WORDS = {Status.ABSENT: "not yet with the party", Status.WALKING: "walking", Status.RESTING: "resting",
                Status.SICK: "sick", Status.LOST: "lost", Status.LEFT: "left the party", Status.ARRIVED: "arrived",
                Status.DEAD: "dead"}


def person_condition(session, p: int) -> tuple[str, list[str], dict[str, float]]:
    """(status word, condition words, numbers) of person ``p`` at the end of the last day walked.

    The numbers: ``body_mass`` [kg], ``mass_change`` [kg] since the start, ``bmi`` [kg m-2], ``water_deficit``
    [%] of body mass.
    """
    s, party = session.state, session.party
    status = Status(int(s.status[0, p]))
    mass = float(s.body_mass[0, p])
    height = float(party.height[p])
    deficit = float(s.water_deficit[0, p]) / max(mass, 1.0)
    bmi = mass / height**2
    words: list[str] = []
    alive = bool(s.alive[0, p])
    if alive:
        if deficit > THIRST_DEFICIT:
            words.append("thirsty")
        members = int((s.with_party & s.alive)[0].sum())
        ration = party.policy.ration
        if s.with_party[0, p] and float(s.food[0]) < HUNGRY_DAYS * ration * members:
            words.append("hungry")
        if bmi < SEVERE_THINNESS_BMI:
            words.append("starving")
        elif bmi < UNDERWEIGHT_BMI:
            words.append("thin")
        if int(s.ill_days[0, p]) > 0:
            words.append("feverish")
        if int(s.injured_days[0, p]) > 0:
            words.append("limping")
        if bool(s.frostbite[0, p]):
            words.append("frostbitten")
        if bool(s.altitude_sick[0, p]):
            words.append("altitude-sick")
        if not s.with_party[0, p] and status != Status.LOST:
            words.append("left behind")
    numbers = {"body_mass": mass, "mass_change": mass - float(party.body_mass[p]), "bmi": bmi,
               "water_deficit": 100.0 * deficit}
    return STATUS_WORDS[status], words, numbers


def weather_text(session) -> list[str]:
    """The last day's weather and sky where the party is, in lines."""
    from longwalk.atlas.sun import sunrise_sunset
    from longwalk.report.journal import weather_words

    if session.n_days == 0:
        return ["not yet set out"]
    d = session.recorder.a
    i = session.n_days - 1
    tmin = float(d["air_temperature_min"][i, 0])
    tmax = float(d["air_temperature_max"][i, 0])
    wind = float(d["wind_speed"][i, 0])
    precip = float(d["precipitation"][i, 0])
    snow = float(d["snow_depth"][i, 0])
    flags = int(d["weather_flags"][i, 0])
    halt = int(d["halt"][i, 0])
    lines = [weather_words(tmin, tmax, wind, precip, flags).capitalize(),
             f"wind {wind:.0f} m/s · precipitation {precip:.0f} mm · snow on the ground {100 * snow:.0f} cm"]
    track = session.party.track
    x = float(session.state.party_position[0])
    lat, lon = float(track.at("lat", np.array([x]))[0]), float(track.at("lon", np.array([x]))[0])
    date = session.scenario.start_date + dt.timedelta(days=i)
    rise, set_ = sunrise_sunset(lat, lon, date)
    rise, set_ = float(rise), float(set_)
    if np.isfinite(rise) and np.isfinite(set_):
        lines.append(f"sunrise {_clock(rise)}, sunset {_clock(set_)} (local solar time): {set_ - rise:.1f} h of day")
    else:
        lines.append("the sun does not rise or does not set today")
    night = bool(d["night_travel"][i, 0])
    why = halt_words(session, halt)
    lines.append("walked by night" if night else (f"did not walk: {why}" if why else "walked by day"))
    return lines


def halt_words(session, halt: int) -> str:
    """Why the party did not walk on the last day, in the journal's words (``""`` when it walked)."""
    from longwalk.report.journal import HALT_WORDS

    try:
        code = Halt(int(halt))
    except ValueError:
        return ""
    s, party = session.state, session.party
    status = s.status[0]
    if code in (Halt.SEARCH, Halt.DONE):
        who = [party.names[p] for p in np.flatnonzero(status == Status.LOST)]
    else:  # those in camp who could not walk
        who = [party.names[p] for p in np.flatnonzero(s.with_party[0] & s.alive[0]
                                                       & ((s.injured_days[0] > 0) | (s.ill_days[0] > 0)))]
    passed = int(s.next_waypoint[0]) - 1
    waypoint = party.waypoint_names[passed] if 0 <= passed < len(party.waypoint_names) else "the waypoint"
    return HALT_WORDS[code].format(rest_every=party.policy.rest_every, waypoint=waypoint,
                                   names=" and ".join(who) if who else "the others")


def _clock(hours: float) -> str:
    m = int(round(hours * 60.0)) % (24 * 60)
    return f"{m // 60:02d}:{m % 60:02d}"


def supplies_text(session) -> list[str]:
    """Food and water carried, in kcal and days of the ration decided, litres."""
    s, eat = session.state, session.decisions.ration  # the ration decided for the days ahead
    members = int((s.with_party & s.alive)[0].sum())
    food, water = float(s.food[0]), float(s.water[0])
    days = food / (eat * members) if members and eat > 0 else float("inf")
    ration = f"{days:.1f} days at {eat:.0f} kcal each" if np.isfinite(days) else "no ration eaten"
    return [f"food {food:,.0f} kcal ({ration})",
            f"water {water:.1f} L of {float(s.water_capacity[0]):.1f} L the containers hold"]


def place_text(session) -> str:
    """How far along the route the party is and where it is going."""
    s, party = session.state, session.party
    x = float(s.party_position[0])
    nxt = int(s.next_waypoint[0])
    names = party.waypoint_names
    total = float(party.track.length)
    where = f"{x / 1000:,.0f} of {total / 1000:,.0f} km"
    if nxt < len(names):
        ahead = float(party.track.waypoint_x[nxt]) - x
        where += f" · {ahead / 1000:,.0f} km to {names[nxt]}"
    return where


def death_story(session, incident: Incident) -> list[str]:
    """A death's causes: the engine's causal chain in the journal's words, the person's last days, and the
    decisions in force then that differed from the scenario's plan."""
    from longwalk.report.journal import _join_chain

    party = session.party
    name = party.names[incident.person]
    date = session.scenario.start_date + dt.timedelta(days=incident.day)
    lines = [f"{name} died of {incident.cause.replace('_', ' ') or 'unknown causes'} on day {incident.day + 1} "
             f"({date:%d %B %Y}){' near ' + incident.place if incident.place else ''}."]
    if incident.chain:
        lines.append(_join_chain(name, incident.chain) + ".")
    a = session.recorder.a
    first = max(incident.day - 6, 0)
    lines.append("")
    lines.append("The last days (body mass [kg], water deficit [% of body mass], temperature [°C], hours walked):")
    for d in range(first, incident.day + 1):
        lines.append(f"  day {d + 1}: {float(a['body_mass'][d, 0, incident.person]):.1f} kg, "
                     f"{100 * float(a['water_deficit'][d, 0, incident.person]):.1f} %, "
                     f"{float(a['air_temperature_min'][d, 0]):.0f} to {float(a['air_temperature_max'][d, 0]):.0f} °C, "
                     f"{float(a['hours_walked'][d, 0, incident.person]):.1f} h")
    plan = session.base.policy
    changed = []
    for start, dec in session.history:
        if start > incident.day:
            break
        pol = dec.policy(session.scenario)
        diffs = [f"{k.replace('_', ' ')} {getattr(pol, k)} (planned {getattr(plan, k)})"
                 for k in ("hours_per_day", "ration", "forage_hours", "night_travel_above", "leave_behind",
                           "resupply", "wait_out_storms", "stay_put") if getattr(pol, k) != getattr(plan, k)]
        if diffs:
            changed.append(f"  from day {start + 1}: " + "; ".join(diffs))
    lines.append("")
    if changed:
        lines.append("Your decisions before it, where they differed from the scenario's plan:")
        lines.extend(changed)
    else:
        lines.append("The party kept to the scenario's plan throughout: no decision of yours differed from it.")
    return lines
