"""The journal tells why, checked on real runs of the built-in scenarios against the engine's own daily record.

Each test reads a fact from the daily arrays (food and water carried, flags, hours walked, route positions) or
from an independent calculation (the haversine distance and bearing written out here) and checks that the journal
tells it, on the day it happens.  Short batches: a few runs of each scenario, a few seconds each.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import re

import numpy as np
import pytest
from journey_fixture import haversine

from longwalk.cli.run_cmd import _atlas_for_places
from longwalk.engine import simulate
from longwalk.engine.records import INCIDENT_KINDS, Status
from longwalk.engine.registry import Condition
from longwalk.report import write_days_csv, write_journal, write_summary
from longwalk.report._view import PlaceNamer, route_waypoints, run_view
from longwalk.report.journal import KIND_WORDS
from longwalk.scenario import load_scenario

ILL, FROSTBITE = Condition.ILL, Condition.FROSTBITE
_COMPASS = ("north", "north-east", "east", "south-east", "south", "south-west", "west", "north-west")


def _batch(name, n_runs, overrides=()):
    scenario = load_scenario(name, list(overrides))
    result = simulate(scenario, n_runs=n_runs, seed=1)
    return scenario, result, _atlas_for_places(result)


@pytest.fixture(scope="module")
def way_back():
    return _batch("the-way-back", 4)


@pytest.fixture(scope="module")
def long_walk():
    return _batch("the-long-walk-1941", 12)


@pytest.fixture(scope="module")
def gobi_waiting():
    """The Gobi crossing with a policy of sitting out sandstorms (the scenario itself walks through them)."""
    return _batch("gobi-crossing-spring", 8, ["policy.wait_out_storms=true"])


def journals(batch):
    scenario, result, atlas = batch
    return [write_journal(result, k, scenario, atlas) for k in range(len(result.run_ids))]


def entries(text):
    """Dated entries: {date text: entry text}."""
    return dict(re.findall(r"^\*\*([^*]+)\.\*\* (.*)$", text, flags=re.M))


def day_text(result, day):
    date = result.date(day)
    return f"{date.day} {date:%B} {date.year}"


def test_every_incident_kind_has_one_wording(way_back, long_walk, gobi_waiting):
    assert set(KIND_WORDS) == set(INCIDENT_KINDS)
    for _, result, _ in (way_back, long_walk, gobi_waiting):
        assert {i.kind for i in result.incidents} <= set(INCIDENT_KINDS)


def test_food_running_out_is_told_the_day_it_happens(way_back, long_walk):
    told_any = 0
    for batch in (way_back, long_walk):
        scenario, result, _ = batch
        for k, text in enumerate(journals(batch)):
            last = run_view(result, k).last_day
            food = np.asarray(result.daily.food_carried[k, : last + 1], dtype=float)
            before = np.concatenate([[np.inf], food[:-1]])  # the food carried at the start was more than none
            gone = np.flatnonzero((before > 0) & (food <= 0))
            told = {d for d, e in entries(text).items() if "ate the last of the food they carried" in e}
            assert told == {day_text(result, int(d)) for d in gone}
            told_any += len(told)
    assert told_any >= 4  # food runs out in nearly every run of these winter escapes


def test_water_running_out_is_told_on_a_day_the_record_shows_it(long_walk):
    scenario, result, _ = long_walk
    told_any = 0
    for k, text in enumerate(journals(long_walk)):
        water = np.asarray(result.daily.water_carried[k], dtype=float)
        for date, entry in entries(text).items():
            if "drank the last of the water they carried" not in entry:
                continue
            day = (np.datetime64(_iso(date)) - np.datetime64(result.start_date.isoformat())).astype(int)
            assert water[day] == 0.0 and (day == 0 or water[day - 1] > 0.0)
            told_any += 1
    assert told_any >= 1


def _iso(date_text):
    return dt.datetime.strptime(date_text, "%d %B %Y").date().isoformat()


def test_illness_is_followed_to_recovery(way_back, long_walk):
    recoveries = 0
    for batch in (way_back, long_walk):
        _, result, _ = batch
        for k, text in enumerate(journals(batch)):
            view = run_view(result, k)
            flags = np.asarray(result.daily.flags[k, : view.days], dtype=np.int64)
            on_way = np.isin(view.status, [int(s) for s in (Status.WALKING, Status.RESTING, Status.SICK,
                                                            Status.LOST)])
            ended = ((flags[:-1] & ILL) != 0) & ((flags[1:] & ILL) == 0) & on_way[1:]
            by_date = entries(text)
            for day, person in zip(*np.nonzero(ended), strict=True):
                entry = by_date[day_text(result, int(day) + 1)]
                assert f"{result.people[person]} had recovered from the illness" in entry
                recoveries += 1
            assert text.count("had recovered from the illness") == int(ended.sum())
    assert recoveries >= 3


def test_frostbite_is_followed_through(way_back):
    _, result, _ = way_back
    for k, text in enumerate(journals(way_back)):
        closing = text.split("## How it ended", 1)[1]
        flags = np.asarray(result.daily.flags[k], dtype=np.int64)
        bitten = (flags & FROSTBITE) != 0
        for p in np.flatnonzero(bitten.any(axis=0)):
            first = int(np.argmax(bitten[:, p]))
            line = next(x for x in closing.splitlines() if x.startswith(f"- **{result.people[p]}**"))
            assert f"frostbitten since {day_text(result, first)}" in line
        if bitten.any():
            # what the engine does not model is said, not left to be guessed
            assert "follows neither its healing nor the loss of fingers or toes" in closing


_REASONS = re.compile(
    r"sat out a (blizzard|sandstorm)|kept them in camp|No walking today|A day of rest|resting|searching for|"
    r"waiting for|staying put|nobody able to walk|strong enough to walk|less than a kilometre|were to set out|"
    r"Nobody left in camp"
)


def test_every_day_without_progress_says_why(way_back, long_walk, gobi_waiting):
    checked = 0
    for batch in (way_back, long_walk, gobi_waiting):
        _, result, _ = batch
        for k, text in enumerate(journals(batch)):
            view = run_view(result, k)
            by_date = entries(text)
            for day in range(1, view.last_day + 1):
                entry = by_date.get(day_text(result, day))
                if entry is None or view.party_distance[day] >= 1000.0 or entry.startswith("They walked"):
                    continue  # told in a stretch, or a day with headway
                ended = np.isin(view.status[day], [int(s) for s in (Status.DEAD, Status.ARRIVED, Status.LEFT,
                                                                      Status.ABSENT)])
                if ended.all():
                    continue  # the journey is over
                assert _REASONS.search(entry), entry
                checked += 1
    assert checked >= 10


def test_a_storm_sat_out_has_no_walking_hours(gobi_waiting):
    _, result, _ = gobi_waiting
    sat_out = 0
    for k, text in enumerate(journals(gobi_waiting)):
        hours = np.asarray(result.daily.hours_walked[k], dtype=float)
        for date, entry in entries(text).items():
            if re.search(r"sat out a sandstorm|kept them in camp|No walking today", entry):
                day = (np.datetime64(_iso(date)) - np.datetime64(result.start_date.isoformat())).astype(int)
                assert np.nansum(hours[day]) == 0.0, (date, entry)
                sat_out += 1
    assert sat_out >= 5


def test_a_sandstorm_walked_through_despite_the_policy_says_why(gobi_waiting):
    scenario, result, _ = gobi_waiting
    assert scenario.policy.wait_out_storms
    walked_through = 0
    for k, text in enumerate(journals(gobi_waiting)):
        flags = np.asarray(result.daily.weather_flags[k], dtype=np.int64)
        hours = np.asarray(result.daily.hours_walked[k], dtype=float)
        by_date = entries(text)
        for day in np.flatnonzero((flags & 2) != 0):
            entry = by_date.get(day_text(result, int(day)))
            if entry is None or np.nansum(hours[day]) == 0.0:
                continue
            assert "too short of water to sit out the sandstorm" in entry, entry
            walked_through += 1
    assert walked_through >= 3


def _bearing(lat1, lon1, lat2, lon2):
    """Initial great-circle bearing [degree], the textbook formula, independent of the code under test."""
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    y = math.sin(dl) * math.cos(p2)
    x = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return math.degrees(math.atan2(y, x)) % 360.0


def test_positions_are_measured_from_the_named_place(long_walk):
    _, result, atlas = long_walk
    namer = PlaceNamer(route_waypoints(result), atlas)
    places = {name: (lat, lon) for name, lat, lon in zip(atlas.places.name, atlas.places.lat, atlas.places.lon,
                                                          strict=True)}
    checked = 0
    for k in range(len(result.run_ids)):
        view = run_view(result, k)
        for lat, lon in zip(view.camp_lat, view.camp_lon, strict=True):
            m = re.fullmatch(r"([\d,]+) km (\S+) of (.+)", namer(float(lat), float(lon)))
            if m is None:
                continue
            km, direction, name = int(m[1].replace(",", "")), m[2], m[3]
            # the reference is a gazetteer place (a point), never a distant waypoint standing for a large feature
            candidates = [(haversine(p[0], p[1], lat, lon), p) for n, p in places.items() if n == name]
            assert candidates, name
            d, (plat, plon) = min(candidates)
            assert abs(d / 1000.0 - km) <= (5.0 if km >= 100 else 0.5)
            assert direction == _COMPASS[int((_bearing(plat, plon, lat, lon) + 22.5) // 45) % 8]
            checked += 1
    assert checked >= 50


def test_a_lake_is_not_a_distant_reference(way_back):
    """Ust-Barguzin, on Baikal's east shore about 265 km south of Nizhneangarsk (where the scenario pins "Lake
    Baikal"), is not "265 km south of Lake Baikal": it is on the lake."""
    _, result, atlas = way_back
    namer = PlaceNamer(route_waypoints(result), atlas)
    text = namer(53.42, 109.02)
    assert "Lake Baikal" not in text and "Barguzin" in text


def test_one_spelling_per_place(way_back):
    _, result, atlas = way_back
    namer = PlaceNamer(route_waypoints(result), atlas)
    # GeoNames calls the waypoint "Ulaanbaatar" "Ulan Bator": the waypoint's spelling is used
    assert namer.aliases.get("Ulan Bator") == "Ulaanbaatar"
    assert namer(47.95, 106.95) == "near Ulaanbaatar"
    for lat in (47.6, 48.0, 48.4):  # around the city, whatever the nearest place
        assert "Ulan Bator" not in namer(lat, 106.9)
    assert namer.spell("They were given food and water at Ulan Bator.") == \
        "They were given food and water at Ulaanbaatar."
    for text in journals(way_back):
        assert "Ulan Bator" not in text


def test_deaths_are_listed_in_date_order(way_back):
    _, result, _ = way_back
    listed = 0
    for text in journals(way_back):
        died = text.split("**Died:**", 1)[1].split("\n\n**", 1)[0].split("## About", 1)[0] if "**Died:**" in text \
            else ""
        dates = [np.datetime64(_iso(d)) for d in re.findall(r" on (\d+ \w+ \d{4})", died)]
        assert dates == sorted(dates)
        listed += len(dates)
    assert listed >= 10


def test_the_journal_ends_with_the_scenarios_sources_and_assumptions(way_back):
    scenario, _, _ = way_back
    text = journals(way_back)[0]
    about = text.split("## About this journal", 1)[1]
    assert "\n## " not in about  # the last section
    assert scenario.sources and scenario.assumptions
    for item in scenario.sources + scenario.assumptions:
        assert f"- {item}" in about


def test_journey_length_is_one_thing_in_every_output(long_walk):
    scenario, result, atlas = long_walk
    for k in range(len(result.run_ids)):
        summary = json.loads(write_summary(result, k, atlas))
        rows = list(csv.DictReader(io.StringIO(write_days_csv(result, k))))
        assert "distance_km" not in rows[0] and "distance_km" not in summary["totals"]
        # the party's journey length: the furthest route position anyone with the party reached
        furthest = max(float(r["route_position_km"]) for r in rows if r["route_position_km"])
        assert summary["totals"]["route_position_km"] == pytest.approx(furthest, abs=0.06)
        for person in summary["people"]:
            days = [float(r["day_distance_km"]) for r in rows if r["person"] == person["name"] and
                    r["day_distance_km"]]
            if person["total_distance_km"] is not None and days:
                assert person["total_distance_km"] == pytest.approx(sum(days), abs=0.06 + 0.005 * len(days))
        text = write_journal(result, k, scenario, atlas)
        km = furthest if furthest < 100 else round(furthest, -1)
        assert f"the party came {km:,.0f} km of the" in text


def test_a_death_from_hunger_says_how_long_the_food_had_been_gone(way_back):
    scenario, result, _ = way_back
    told = 0
    for k, text in enumerate(journals(way_back)):
        food = np.asarray(result.daily.food_carried[k], dtype=float)
        for fate in result.fates[k]:
            if fate.status != Status.DEAD or fate.cause != "starvation":
                continue
            empty = food[: fate.day + 1] <= 0
            if not empty[fate.day]:
                continue
            # the day the food ran out for the last time before the death, read from the daily record
            last_full = np.flatnonzero(~empty)
            gone = int(last_full[-1]) + 1 if last_full.size else 0
            days = fate.day - gone
            if days < 1:
                continue
            entry = entries(text)[day_text(result, fate.day)]
            assert re.search(rf"no food carried for {days} days?\b", entry), entry
            told += 1
    assert told >= 5
