"""A small journey built by hand, so the writers can be checked against numbers known in advance.

Two people walk from "Camp" (58.3 N 108.5 E) to "Lake Baikal" (55.783 N 109.55 E) over twelve days starting
1 March 1941.  Kazik (night-blind) dies of hypothermia on day 1, during a blizzard in which nobody walks;
Janusz walks 20 km on day 0, 25 km a day on days 2-10, finds water on day 5, and covers the rest of the route
on day 11, when he arrives.
"""

from __future__ import annotations

import datetime as dt
import math
from types import SimpleNamespace

import numpy as np

from longwalk.engine.records import DailyRecord, Fate, Incident, JourneyResult, Status, fact
from longwalk.engine.registry import FactKind

START = (58.3, 108.5)
END = (55.783, 109.55)
N_DAYS = 12
KAZIK_CHAIN = (fact(FactKind.NIGHT_BLIND), fact(FactKind.WENT_FOR_FIREWOOD), fact(FactKind.LOST_CAMP),
               fact(FactKind.NIGHT_COLD, temperature=-24.0, shelter=0.0, fire=False))


def haversine(lat1, lon1, lat2, lon2, radius=6_371_008.8):
    """Independent of the code under test: the textbook haversine formula, scalar math."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * radius * math.asin(math.sqrt(a))


def make_route(n=31):
    t = np.linspace(0.0, 1.0, n)
    lat = START[0] + t * (END[0] - START[0])
    lon = START[1] + t * (END[1] - START[1])
    step = np.array([0.0] + [haversine(lat[i], lon[i], lat[i + 1], lon[i + 1]) for i in range(n - 1)])
    cum = np.cumsum(step)
    return SimpleNamespace(
        lat=lat, lon=lon, distance=step, cum_distance=cum, elevation=np.linspace(500.0, 460.0, n),
        waypoint_index=np.array([0, n - 1]), total_distance=float(cum[-1]),
    )


def janusz_daily_distance(total):
    d = np.zeros(N_DAYS)
    d[0] = 20_000.0
    d[2:11] = 25_000.0
    d[11] = total - d.sum()
    return d


def make_result(seed=0):
    route = make_route()
    total = route.total_distance
    shape = (1, N_DAYS, 2)
    status = np.full(shape, int(Status.WALKING), dtype=np.int8)
    status[0, 1, 0] = int(Status.RESTING)  # blizzard day: Janusz waits
    status[0, 1:, 1] = int(Status.DEAD)
    status[0, 11, 0] = int(Status.ARRIVED)

    distance = np.zeros(shape)
    distance[0, :, 0] = janusz_daily_distance(total)
    distance[0, 0, 1] = 20_000.0
    position = np.cumsum(distance, axis=1)
    lat = np.interp(position, route.cum_distance, route.lat)
    lon = np.interp(position, route.cum_distance, route.lon)

    tmin = np.full((1, N_DAYS), -18.0)
    tmax = np.full((1, N_DAYS), -6.0)
    tmin[0, 1] = -24.0
    weather_flags = np.zeros((1, N_DAYS), dtype=np.int8)
    weather_flags[0, 1] = 1  # blizzard
    body_mass = np.linspace(62.0, 60.0, N_DAYS)[None, :, None] * np.ones(shape)

    daily = DailyRecord(
        status=status, route_position=position, lat=lat, lon=lon,
        elevation=np.full((1, N_DAYS), 480.0), distance=distance, hours_walked=np.where(distance > 0, 8.0, 0.0),
        energy_intake=np.full(shape, 1800.0), energy_expenditure=np.full(shape, 3400.0), body_mass=body_mass,
        fat_mass=body_mass * 0.1, water_intake=np.full(shape, 2.5), water_loss=np.full(shape, 2.6),
        water_deficit=np.full(shape, 0.01), food_carried=np.linspace(50_000, 10_000, N_DAYS)[None, :],
        water_carried=np.full((1, N_DAYS), 1.0), air_temperature_min=tmin, air_temperature_max=tmax,
        wind_speed=np.full((1, N_DAYS), 3.0), precipitation=np.zeros((1, N_DAYS)),
        snow_depth=np.full((1, N_DAYS), 0.4), weather_flags=weather_flags,
        night_travel=np.zeros((1, N_DAYS), dtype=bool), flags=np.zeros(shape, dtype=np.int8),
    )
    start = dt.date(1941, 3, 1)
    klat, klon = float(lat[0, 1, 1]), float(lon[0, 1, 1])
    incidents = [
        Incident(0, 1, 1, "death", cause="hypothermia", chain=KAZIK_CHAIN, lat=klat, lon=klon),
        Incident(0, 5, -1, "water_found"),
        # as the engine emits it
        Incident(0, 11, 0, "arrive", chain=(fact(FactKind.PLACE, name="Lake Baikal"),), place="Lake Baikal"),
    ]
    fates = [[
        Fate(0, "Janusz", Status.ARRIVED, 11, start + dt.timedelta(days=11), END[0], END[1], "Lake Baikal", ""),
        Fate(1, "Kazik", Status.DEAD, 1, start + dt.timedelta(days=1), klat, klon, "", "hypothermia",
             KAZIK_CHAIN),
    ]]
    return JourneyResult(
        scenario_name="tiny-way-back", seed=seed, run_ids=np.array([0]), start_date=start, n_days=N_DAYS,
        people=("Janusz", "Kazik"), waypoint_names=("Camp", "Lake Baikal"), route=route, daily=daily,
        incidents=incidents, fates=fates,
    )

