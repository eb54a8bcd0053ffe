"""The map of the region in the terminal: relief from the atlas elevation in half-block cells (two pixels a
character), the planned route dotted and the route walked so far drawn over it, the party marked.

The relief is sampled once per map size (cached); each day only the lines whose route marks changed (the walked
route grown, the party moved) are drawn again.
"""

from __future__ import annotations

import numpy as np
from rich.color import Color
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

# hypsometric tints: (elevation [m], RGB), the usual green-to-brown-to-white ramp of physical maps
_TINTS = ((-500.0, (40, 70, 120)), (0.0, (70, 110, 70)), (500.0, (120, 140, 80)), (1500.0, (150, 130, 90)),
          (3000.0, (130, 100, 80)), (4500.0, (180, 170, 160)), (6000.0, (235, 235, 235)))
_NO_DATA = (30, 30, 30)


def tint(elevation: np.ndarray) -> np.ndarray:
    """RGB (…, 3) uint8 colours of elevations [m] on the ramp; NaN (no atlas) dark grey."""
    z = np.asarray(elevation, float)
    levels = np.array([t[0] for t in _TINTS])
    rgb = np.array([t[1] for t in _TINTS], float)
    out = np.stack([np.interp(z, levels, rgb[:, k]) for k in range(3)], axis=-1)
    out[~np.isfinite(z)] = _NO_DATA
    return out.astype(np.uint8)


class MapView(Widget):
    """The region round the route with the journey so far."""

    DEFAULT_CSS = "MapView { height: 1fr; }"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.session = None
        self._relief_key = None
        self._relief: np.ndarray | None = None  # (2h, w, 3) uint8
        self._rows_key = None  # (w, h, route key) of the marks in _rows
        self._rows: dict[int, tuple] = {}  # line -> its route marks ((column, char, colour), ...)
        self._strips: dict[int, tuple[tuple, Strip]] = {}  # line -> (the marks it was drawn with, the line)
        self._strips_key = None  # the _frame of _strips
        self._styles_key = None
        self._styles: list[list[tuple[Style, Color]]] = []

    def show(self, session) -> None:
        """Show ``session``'s journey: only the lines whose route marks changed are drawn again (all of them for
        another journey or size)."""
        before, drawn = self._rows, self._rows_key
        self.session = session
        w, h = self.size.width, self.size.height
        if drawn is None or drawn[:2] != (w, h) or drawn[2][2] is not session:
            self.refresh()
            return
        after = self._marks(w, h)
        for y in range(h):
            if before.get(y) != after.get(y):
                self.refresh(Region(0, y, w, 1))

    def _frame(self) -> tuple:
        """What the relief, its styles and the drawn lines hold for: the map's size and the journey."""
        return self.size.width, self.size.height, self.session

    def _bounds(self, w: int, h: int):
        track = self.session.party.track
        lat, lon = np.asarray(track.lat, float), np.asarray(track.lon, float)
        south, north = lat.min(), lat.max()
        west, east = lon.min(), lon.max()
        mid = np.radians(0.5 * (south + north))
        # pixels are square: a character cell is two pixels tall; longitude degrees shrink by cos(latitude)
        span_x = max((east - west) * np.cos(mid), 1e-3)
        span_y = max(north - south, 1e-3)
        scale = max(span_x / max(w - 2, 1), span_y / max(2 * h - 2, 1)) * 1.1
        cx, cy = 0.5 * (west + east), 0.5 * (south + north)
        return cx, cy, scale, np.cos(mid)

    def _pixel(self, lat, lon, w, h):
        cx, cy, scale, c = self._bounds(w, h)
        col = np.floor((np.asarray(lon) - cx) * c / scale + w / 2).astype(int)
        row = np.floor((cy - np.asarray(lat)) / scale + h).astype(int)  # rows of pixels, 2h of them
        return row, col

    def _relief_for(self, w: int, h: int) -> np.ndarray:
        key = self._frame()
        if key == self._relief_key and self._relief is not None:
            return self._relief
        cx, cy, scale, c = self._bounds(w, h)
        rows = cy - (np.arange(2 * h) + 0.5 - h) * scale
        cols = cx + (np.arange(w) + 0.5 - w / 2) * scale / c
        lat, lon = np.meshgrid(rows, cols, indexing="ij")
        atlas = getattr(self.app, "atlas", None)
        if atlas is None:
            z = np.full(lat.shape, np.nan)
        else:
            inside = (lat >= atlas.grid.south) & (lat <= atlas.grid.north) & (lon >= atlas.grid.west) & \
                (lon <= atlas.grid.east)
            z = np.full(lat.shape, np.nan)
            if inside.any():
                z[inside] = atlas.sample(lat[inside], lon[inside])["elevation"]
        self._relief = tint(z)
        self._relief_key = key
        return self._relief

    def _overlay(self, w: int, h: int) -> dict[tuple[int, int], tuple[str, str]]:
        """Character cells of the route: planned (dim dots), walked (bright), waypoints, the party."""
        s = self.session
        track = s.party.track
        cells: dict[tuple[int, int], tuple[str, str]] = {}
        # the track's nodes are atlas cells (kilometres apart): drawn through points a few per map cell
        along = np.linspace(0.0, float(track.length), 8 * (w + 2 * h))
        row, col = self._pixel(track.at("lat", along), track.at("lon", along), w, h)
        for r, c in zip((row // 2).tolist(), col.tolist(), strict=True):
            cells[(r, c)] = ("·", "#dddddd")
        x = float(s.state.party_position[0])
        walked = along <= x
        for r, c in zip((row[walked] // 2).tolist(), col[walked].tolist(), strict=True):
            cells[(r, c)] = ("•", "#ffd75f")
        wx = np.asarray(track.waypoint_x, float)
        wlat, wlon = track.at("lat", wx), track.at("lon", wx)
        wr, wc = self._pixel(wlat, wlon, w, h)
        for r, c in zip((wr // 2).tolist(), wc.tolist(), strict=True):
            cells[(r, c)] = ("◆", "#87d7ff")
        plat, plon = track.at("lat", np.array([x])), track.at("lon", np.array([x]))
        pr, pc = self._pixel(plat, plon, w, h)
        cells[(int(pr[0]) // 2, int(pc[0]))] = ("@", "#ff5f5f")
        return cells

    def _marks(self, w: int, h: int) -> dict[int, tuple]:
        """The route marks of each line, for this size and the journey's day (worked out once a day)."""
        key = (w, h, self._route_key())
        if key != self._rows_key:
            rows: dict[int, list] = {}
            for (r, c), (char, colour) in sorted(self._overlay(w, h).items()):
                rows.setdefault(r, []).append((c, char, colour))
            self._rows, self._rows_key = {r: tuple(marks) for r, marks in rows.items()}, key
        return self._rows

    def render_line(self, y: int) -> Strip:
        w, h = self.size.width, self.size.height
        if self.session is None or w < 2 or h < 2:
            return Strip.blank(w)
        if self._strips_key != self._frame():
            self._strips, self._strips_key = {}, self._frame()
        marks = self._marks(w, h).get(y, ())
        kept = self._strips.get(y)
        if kept is None or kept[0] != marks:
            # a screen drawn again (a dialog closed) and the lines the route did not touch reuse their strips
            kept = self._strips[y] = (marks, self._line(y, w, h, marks))
        return kept[1]

    def _line(self, y: int, w: int, h: int, marks: tuple) -> Strip:
        styles = self._styles_for(w, h)[y]
        segments = [Segment("▀", style) for style, _ in styles]
        for xc, char, colour in marks:
            if 0 <= xc < w:
                segments[xc] = Segment(char, Style(color=Color.parse(colour), bold=True, bgcolor=styles[xc][1]))
        return Strip(segments, w)

    def _styles_for(self, w: int, h: int) -> list[list[tuple[Style, Color]]]:
        """Per cell: the half-block's style (upper pixel as foreground, lower as background) and the background."""
        key = self._frame()
        if self._styles_key != key:
            relief = self._relief_for(w, h)
            rows = []
            for y in range(h):
                row = []
                for xc in range(w):
                    top, bottom = relief[2 * y, xc], relief[2 * y + 1, xc]
                    bg = Color.from_rgb(*(int(v) for v in bottom))
                    row.append((Style(color=Color.from_rgb(*(int(v) for v in top)), bgcolor=bg), bg))
                rows.append(row)
            self._styles, self._styles_key = rows, key
        return self._styles

    def _route_key(self):
        s = self.session
        return s.n_days, float(s.state.party_position[0]), s
