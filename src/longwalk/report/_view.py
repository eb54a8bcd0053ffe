"""One run of a :class:`~longwalk.engine.records.JourneyResult`, cut to its length, with the facts every
writer needs: where the party was each day, which waypoints it passed, how places are named.

Only reads the result; never changes it.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

import numpy as np

from longwalk.atlas.places import normalize_name
from longwalk.engine.records import Fate, Incident, JourneyResult, Status

ACTIVE = (Status.WALKING, Status.RESTING, Status.SICK, Status.LOST)
"""Statuses of someone still on the way."""

_EARTH_RADIUS = 6_371_008.8  # [m] mean Earth radius (IUGG); only for naming places, not for routing

_COMPASS = ("north", "north-east", "east", "south-east", "south", "south-west", "west", "north-west")


def great_circle_distance(lat1, lon1, lat2, lon2):
    """Haversine distance on a sphere of the mean Earth radius.

    Parameters
    ----------
    lat1, lon1, lat2, lon2 : array_like
        Positions [degree].

    Returns
    -------
    numpy.ndarray
        Distance [m]; within 0.5 % of the WGS84 geodesic, which is enough to say "40 km north of".

    Examples
    --------
    One degree of latitude is 2π·6371008.8/360 = 111 195 m:

    >>> round(float(great_circle_distance(0.0, 0.0, 1.0, 0.0)))
    111195
    """
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp = p2 - p1
    dl = np.radians(np.asarray(lon2) - np.asarray(lon1))
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * _EARTH_RADIUS * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


def compass_direction(lat1: float, lon1: float, lat2: float, lon2: float) -> str:
    """Eight-point compass direction of the initial great-circle bearing from point 1 to point 2.

    >>> compass_direction(50.0, 100.0, 49.0, 101.0)
    'south-east'
    >>> compass_direction(50.0, 100.0, 51.0, 100.0)
    'north'
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    y = math.sin(dl) * math.cos(p2)
    x = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    bearing = math.degrees(math.atan2(y, x)) % 360.0
    return _COMPASS[int((bearing + 22.5) // 45) % 8]


@dataclass(frozen=True)
class Waypoint:
    name: str
    lat: float
    lon: float
    route_position: float  # [m] along the planned route; nan if the route does not say


def route_waypoints(result: JourneyResult) -> list[Waypoint]:
    """Waypoints with coordinates and positions along the planned route, read from ``result.route``.

    Uses the routing layer's ``lat``, ``lon``, ``cum_distance`` and ``waypoint_index`` arrays; returns an
    empty list when the route does not carry them.
    """
    route = result.route
    try:
        lat = np.asarray(route.lat, dtype=float)
        lon = np.asarray(route.lon, dtype=float)
        index = np.asarray(route.waypoint_index, dtype=int)
    except (AttributeError, TypeError, ValueError):
        return []
    cum = getattr(route, "cum_distance", None)
    cum = np.asarray(cum, dtype=float) if cum is not None else np.full(lat.shape, np.nan)
    names = list(result.waypoint_names)
    return [
        Waypoint(names[i] if i < len(names) else f"waypoint {i + 1}", float(lat[k]), float(lon[k]), float(cum[k]))
        for i, k in enumerate(index)
    ]


_THE_WORDS = frozenset({"Great", "Gobi", "Himalaya", "Himalayas", "Monastery", "Camp", "Pass", "Border"})
_QUALIFIERS = frozenset({"Southern", "Northern", "Eastern", "Western", "Upper", "Lower", "Central"})


def with_article(name: str) -> str:
    """A waypoint name as it reads in a sentence: "the Mongolian border", "the Gobi", but "Lake Baikal".

    Waypoint names are often descriptions rather than proper names; a name with a lower-case word, or one that
    starts with a word that takes "the" in English, gets the article.

    >>> [with_article(n) for n in ("Mongolian border", "Gobi", "Great Wall", "Lake Baikal", "Camp 303", "India")]
    ['the Mongolian border', 'the Gobi', 'the Great Wall', 'Lake Baikal', 'Camp 303', 'India']
    >>> with_article("Southern Gobi"), with_article("Northern Tibet")
    ('the Southern Gobi', 'Northern Tibet')
    """
    words = name.split()
    if not words or words[0].lower() == "the" or any(c.isdigit() for c in name):
        return name
    if words[0] in _QUALIFIERS and len(words) > 1:  # "Southern Gobi" as "Gobi", "Northern Tibet" as "Tibet"
        rest = " ".join(words[1:])
        return name if with_article(rest) == rest else "the " + name
    lower = [w for w in words[1:] if w[:1].islower() and w not in ("of", "de", "la")]
    if lower or words[0] in _THE_WORDS:
        return "the " + name
    return name


class PlaceNamer:
    """Names a position for a reader: "near X" within :attr:`near` of a waypoint or a gazetteer place, else
    "40 km south of X" measured from the gazetteer place X (a point: a town or village) to the position.

    A route waypoint is named only when the position is near it: a waypoint may stand for a feature much larger
    than its point ("Lake Baikal" pinned to a town at the lake's north end), and a distance measured from that
    point would misplace the reader.  Without a gazetteer, the waypoints' points are the only reference.

    One spelling per place: a gazetteer place that is a waypoint under another spelling (GeoNames "Ulan Bator"
    for the waypoint "Ulaanbaatar": the waypoint's name found among the place's names, within :attr:`alias_reach`
    of the waypoint) is called by the waypoint's name (:attr:`aliases`, also used by :meth:`spell`).

    ``atlas`` (optional) is a :class:`longwalk.atlas.Atlas`; its ``places.nearest`` is asked first.
    """

    near = 15_000.0  # [m] closer than this is "near X"
    far = 250_000.0  # [m] a gazetteer place further than this is not worth naming
    alias_reach = 30_000.0  # [m] a gazetteer place this close to a waypoint of the same name is that waypoint

    def __init__(self, waypoints: list[Waypoint], atlas: object | None = None):
        self.waypoints = waypoints
        self.places = getattr(atlas, "places", None)
        self.aliases: dict[str, str] = {}  # gazetteer name -> waypoint name
        if self.places is None:
            return
        if not waypoints:
            return
        names = getattr(self.places, "name", None)
        alternates = getattr(self.places, "alternates", None)
        if names is None or alternates is None:
            return
        try:
            dist, index = self.places.query([w.lat for w in waypoints], [w.lon for w in waypoints], k=8)
        except Exception:  # noqa: BLE001 - a gazetteer failure must not lose the journal; no aliases then
            return
        for w, row_d, row_i in zip(waypoints, dist, index, strict=True):
            key = normalize_name(w.name)
            for d, i in zip(row_d.tolist(), row_i.tolist(), strict=True):
                if d > self.alias_reach or i >= len(names):
                    continue
                spellings = {normalize_name(a) for a in str(alternates[i]).split("|")} | {normalize_name(names[i])}
                if key in spellings:
                    if str(names[i]) != w.name:
                        self.aliases[str(names[i])] = w.name
                    break

    def spell(self, text: str) -> str:
        """``text`` with every gazetteer spelling of a waypoint replaced by the waypoint's name.

        >>> namer = PlaceNamer([])
        >>> namer.aliases = {"Ulan Bator": "Ulaanbaatar"}
        >>> namer.spell("bought food at Ulan Bator")
        'bought food at Ulaanbaatar'
        """
        for alias, name in self.aliases.items():
            text = re.sub(rf"(?<![\w-]){re.escape(alias)}(?![\w-])", name, text)
        return text

    def __call__(self, lat: float, lon: float) -> str:
        if not (np.isfinite(lat) and np.isfinite(lon)):
            return ""
        if self.waypoints:
            d = great_circle_distance(lat, lon, [w.lat for w in self.waypoints], [w.lon for w in self.waypoints])
            k = int(np.argmin(d))
            # a waypoint is the name the reader knows from the route: it wins whenever the position is near it
            if float(d[k]) < self.near or self.places is None:
                w = self.waypoints[k]
                return self._phrase(float(d[k]), with_article(w.name), w.lat, w.lon, lat, lon)
        if self.places is not None:
            try:
                place = self.places.nearest(lat, lon, k=1)[0]
            except Exception:  # noqa: BLE001 - a gazetteer failure must not lose the journal
                place = None
            if place is not None:
                d = float(great_circle_distance(lat, lon, place.lat, place.lon))
                if d <= self.far:
                    name = self.aliases.get(place.name, place.name)
                    return self._phrase(d, name, place.lat, place.lon, lat, lon)
        return format_coordinates(lat, lon)

    def _phrase(self, d: float, name: str, plat: float, plon: float, lat: float, lon: float) -> str:
        if d < self.near:
            return f"near {name}"
        return f"{round_km(d)} km {compass_direction(plat, plon, lat, lon)} of {name}"


def round_km(metres: float) -> str:
    """Distance for prose: whole km below 100 km, tens of km above.

    >>> round_km(42_400.0), round_km(1_234_000.0)
    ('42', '1,230')
    """
    km = metres / 1000.0
    if km >= 100:
        km = round(km, -1)
    return f"{km:,.0f}"


def format_coordinates(lat: float, lon: float) -> str:
    """Coordinates with hemisphere letters.

    >>> format_coordinates(55.78, -109.55)
    '55.8°N 109.5°W'
    """
    ns = "N" if lat >= 0 else "S"
    ew = "E" if lon >= 0 else "W"
    return f"{abs(lat):.1f}°{ns} {abs(lon):.1f}°{ew}"


@dataclass
class RunView:
    """One run of a result, cut at its last day, with the party's daily camp."""

    result: JourneyResult
    run: int  # index into the batch
    run_id: int  # global run index
    last_day: int  # the last day with anything to tell (everyone arrived, dead or gone, or the end)
    status: np.ndarray  # (days, people) int8
    lead: np.ndarray  # (days,) index of the person whose position stands for the party's camp; -1 none
    camp_lat: np.ndarray  # (days,) [degree]
    camp_lon: np.ndarray  # (days,) [degree]
    camp_position: np.ndarray  # (days,) [m] along the route
    party_distance: np.ndarray  # (days,) [m] walked by the party (the furthest-walking person)
    incidents: list[Incident]
    fates: list[Fate]
    waypoints: list[Waypoint]

    @property
    def days(self) -> int:
        """Days on the road, counting the start day: ``last_day + 1``."""
        return self.last_day + 1

    def date(self, day: int) -> dt.date:
        return self.result.date(day)

    def person_distance(self) -> np.ndarray:
        """Each person's total distance [m], (people,): the sum of their day distances (``day_distance_km`` in
        ``days.csv``), the ground they themselves covered along the route; ``total_distance_km`` in
        ``summary.json``."""
        d = np.asarray(self.result.daily.distance[self.run, : self.last_day + 1], dtype=float)
        return np.nansum(d, axis=0)

    def route_reached(self) -> float:
        """The party's journey length [m]: the furthest route position of the party's camp (``route_position_km``
        in ``days.csv``; ``totals.route_position_km`` in ``summary.json``).

        It can exceed every person's total distance: a member who joins on the way, or a lost one found again,
        is counted from where they joined the party, while the party's camp has come all the way.
        """
        pos = self.camp_position[np.isfinite(self.camp_position)]
        return float(pos.max()) if pos.size else 0.0


def run_view(result: JourneyResult, run: int = 0) -> RunView:
    """Cut run ``run`` (an index into the batch) of ``result`` to its length and find the party's camps."""
    n_runs = len(result.run_ids)
    if not 0 <= run < n_runs:
        raise IndexError(f"run {run} is not in this result (0..{n_runs - 1})")
    daily = result.daily
    status_all = np.asarray(daily.status[run])
    active = np.isin(status_all, [int(s) for s in ACTIVE])
    active_days = np.flatnonzero(active.any(axis=1))
    if active_days.size == 0:
        last = 0
    else:
        last = min(int(active_days[-1]) + 1, status_all.shape[0] - 1)
    fate_days = [f.day for f in (result.fates[run] if run < len(result.fates) else []) if f.day >= 0]
    if fate_days:
        last = max(last, min(max(fate_days), status_all.shape[0] - 1))
    sl = slice(0, last + 1)
    status = status_all[sl]
    position = np.asarray(daily.route_position[run, sl], dtype=float)
    lat = np.asarray(daily.lat[run, sl], dtype=float)
    lon = np.asarray(daily.lon[run, sl], dtype=float)

    # The camp is where the furthest-along person still with the party slept, or where someone's journey
    # ended that day (arrival, death, leaving); on days with nobody (everyone lost) it stays where it was.
    on_way = np.isin(status, [int(s) for s in (Status.WALKING, Status.RESTING, Status.SICK)])
    ended = np.isin(status, [int(s) for s in (Status.ARRIVED, Status.DEAD, Status.LEFT)])
    ended_today = ended.copy()
    ended_today[1:] &= ~ended[:-1]
    counts = np.where(on_way.any(axis=1, keepdims=True), on_way, ended_today)
    ranked = np.where(counts & np.isfinite(position) & np.isfinite(lat), position, -np.inf)
    rows = np.arange(status.shape[0])
    lead = np.argmax(ranked, axis=1)
    lead = np.where(np.isfinite(ranked[rows, lead]), lead, -1)
    # Carry the last known camp over days without one (numpy forward fill of the row index).
    known = np.where(lead >= 0, rows, 0)
    np.maximum.accumulate(known, out=known)
    pick = np.where(lead >= 0, lead, lead[known])
    valid = pick >= 0
    pick = np.where(valid, pick, 0)
    camp_lat = np.where(valid, lat[known, pick], np.nan)
    camp_lon = np.where(valid, lon[known, pick], np.nan)
    camp_position = np.where(valid, position[known, pick], np.nan)

    distance = np.asarray(daily.distance[run, sl], dtype=float)
    party_distance = np.nanmax(np.where(np.isfinite(distance), distance, 0.0), axis=1)

    run_id = int(result.run_ids[run])
    incidents = sorted(  # Incident.run is the global run id (the engine's run_ids), not the batch index
        (i for i in result.incidents if i.run == run_id and i.day <= last),
        key=lambda i: (i.day, i.person, i.kind),
    )
    fates = list(result.fates[run]) if run < len(result.fates) else []
    return RunView(
        result=result,
        run=run,
        run_id=run_id,
        last_day=last,
        status=status,
        lead=lead,
        camp_lat=camp_lat,
        camp_lon=camp_lon,
        camp_position=camp_position,
        party_distance=party_distance,
        incidents=incidents,
        fates=fates,
        waypoints=route_waypoints(result),
    )
