"""The Route result: per-step arrays with units, totals, water crossings, GeoJSON (RFC 7946) and GPX 1.1 export."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

import numpy as np

from longwalk.routing.geometry import line_geometry


@dataclass
class Crossing:
    """A water crossing on the route.

    ``kind`` is ``river`` or ``lake``; ``step`` the index of the path point where it is reached; ``river_class``
    0 for a lake; ``frozen`` whether it is crossed on ice; ``penalty`` the crossing time added [s].
    """

    kind: str
    lat: float
    lon: float
    step: int
    river_class: int
    frozen: bool
    penalty: float

    def as_dict(self) -> dict:
        return {"kind": self.kind, "lat": self.lat, "lon": self.lon, "step": self.step,
                "river_class": self.river_class, "frozen": self.frozen, "penalty_s": self.penalty}


@dataclass
class Route:
    """A walking route through grid cell centres.

    Per-point arrays (n,) — the first point is the start, ``distance``, ``slope``, ``time`` and ``cost`` refer to
    the step that *arrives* at the point (0 at the start):

    ``lat``, ``lon`` [degree]; ``elevation`` [m]; ``surface`` (0 ocean 1 land 2 lake); ``river_class``;
    ``distance`` [m] geodesic length of the step; ``slope`` [-] rise over run of the step; ``time`` [s] walking
    time of the step incl. water crossing (Tobler for the ``energy`` model, else the model's time);
    ``cost`` the step cost in ``cost_unit``; ``cum_distance`` [m]; ``cum_time`` [s]; ``cells`` (n, 2) row, col.

    ``waypoint_index`` (w,) index into the arrays of each waypoint; ``crossings`` list of :class:`Crossing`;
    ``leg_dates`` the date used for each leg (or None).
    """

    lat: np.ndarray
    lon: np.ndarray
    elevation: np.ndarray
    surface: np.ndarray
    river_class: np.ndarray
    distance: np.ndarray
    slope: np.ndarray
    time: np.ndarray
    cost: np.ndarray
    cells: np.ndarray
    waypoint_index: np.ndarray
    crossings: list[Crossing] = field(default_factory=list)
    cost_model: str = "tobler"
    cost_unit: str = "s"
    neighbours: int = 16
    leg_dates: list = field(default_factory=list)
    snapped: list = field(default_factory=list)

    @property
    def cum_distance(self) -> np.ndarray:
        """Distance walked from the start [m]."""
        return np.cumsum(self.distance)

    @property
    def cum_time(self) -> np.ndarray:
        """Walking time from the start [s]."""
        return np.cumsum(self.time)

    @property
    def total_distance(self) -> float:
        """[m]"""
        return float(np.sum(self.distance))

    @property
    def total_time(self) -> float:
        """[s]"""
        return float(np.sum(self.time))

    @property
    def total_cost(self) -> float:
        """In ``cost_unit``."""
        return float(np.sum(self.cost))

    @property
    def ascent(self) -> float:
        """Sum of the rises of the steps [m]."""
        dz = np.diff(self.elevation.astype(float))
        return float(dz[dz > 0].sum())

    @property
    def descent(self) -> float:
        """Sum of the drops of the steps [m], positive."""
        dz = np.diff(self.elevation.astype(float))
        return float(-dz[dz < 0].sum())

    def walking_days(self, hours_per_day: float = 8.0) -> float:
        """Days of walking at ``hours_per_day`` hours of walking a day."""
        return self.total_time / 3600.0 / hours_per_day

    def summary(self, hours_per_day: float = 8.0) -> dict:
        """Totals as plain numbers (what ``longwalk route --json`` prints)."""
        return {
            "distance_km": self.total_distance / 1000.0,
            "ascent_m": self.ascent,
            "descent_m": self.descent,
            "walking_hours": self.total_time / 3600.0,
            "hours_per_day": hours_per_day,
            "walking_days": self.walking_days(hours_per_day),
            "cost_model": self.cost_model,
            "total_cost": self.total_cost,
            "cost_unit": self.cost_unit,
            "neighbours": self.neighbours,
            "points": int(self.lat.size),
            "waypoints": [[float(self.lat[i]), float(self.lon[i])] for i in self.waypoint_index],
            "snapped": self.snapped,
            "leg_dates": [None if d is None else str(d) for d in self.leg_dates],
            "crossings": [c.as_dict() for c in self.crossings],
        }

    def to_geojson(self) -> str:
        """RFC 7946 FeatureCollection: the route as a LineString ([lon, lat, elevation]) and the waypoints.

        A route across the antimeridian is a MultiLineString cut at ±180 (RFC 7946 §3.1.9).
        """
        coords = [[round(float(x), 6), round(float(y), 6), round(float(z), 1)]
                  for x, y, z in zip(self.lon, self.lat, self.elevation, strict=True)]
        features = [{
            "type": "Feature",
            "geometry": line_geometry(coords),
            "properties": {k: v for k, v in self.summary().items() if k != "waypoints"},
        }]
        for n, i in enumerate(self.waypoint_index):
            features.append({
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": coords[int(i)]},
                "properties": {"waypoint": n, "cum_distance_m": float(self.cum_distance[i]),
                               "cum_time_s": float(self.cum_time[i])},
            })
        return json.dumps({"type": "FeatureCollection", "features": features})

    def to_gpx(self, name: str = "longwalk route") -> str:
        """GPX 1.1 document: waypoints as ``wpt``, the route as one ``trk`` segment with elevations."""
        lines = ['<?xml version="1.0" encoding="UTF-8"?>',
                 '<gpx version="1.1" creator="longwalk" xmlns="http://www.topografix.com/GPX/1/1">']
        for n, i in enumerate(self.waypoint_index):
            lines.append(f'  <wpt lat="{self.lat[i]:.6f}" lon="{self.lon[i]:.6f}"><ele>{self.elevation[i]:.1f}</ele>'
                         f'<name>waypoint {n}</name></wpt>')
        lines.append(f"  <trk><name>{escape(name)}</name><trkseg>")
        for y, x, z in zip(self.lat, self.lon, self.elevation, strict=True):
            lines.append(f'    <trkpt lat="{y:.6f}" lon="{x:.6f}"><ele>{z:.1f}</ele></trkpt>')
        lines.append("  </trkseg></trk>")
        lines.append("</gpx>")
        return "\n".join(lines) + "\n"
