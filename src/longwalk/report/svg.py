"""Small inline-SVG charts for ``report.html``: line charts, status strips, bars — no JavaScript, no library.

Each function returns one ``<svg>`` element as text, sized by its ``viewBox`` so that it scales with the page.
Missing values (nan) break a line rather than being drawn as zero.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

import numpy as np

PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22",
           "#17becf")
"""matplotlib's ``tab10`` colours, so that the report's lines match the PNG figures."""

_W, _H = 760, 230  # [px] viewBox of a chart
_LEFT, _RIGHT, _TOP, _BOTTOM = 58, 130, 26, 34  # [px] margins: axis labels left, legend right


def nice_ticks(lo: float, hi: float, n: int = 5) -> list[float]:
    """About ``n`` round tick values (1, 2 or 5 times a power of ten apart) covering ``[lo, hi]``.

    >>> nice_ticks(0, 97)
    [0.0, 20.0, 40.0, 60.0, 80.0, 100.0]
    >>> nice_ticks(-32.3, 4.0)
    [-40.0, -30.0, -20.0, -10.0, 0.0, 10.0]
    """
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return [0.0, 1.0]
    if hi <= lo:
        lo, hi = lo - 1.0, hi + 1.0
    raw = (hi - lo) / max(n, 1)
    power = 10.0 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.floor(lo / step) * step
    count = int(math.ceil((hi - first) / step - 1e-9)) + 1
    return [round(first + i * step, 10) + 0.0 for i in range(count)]


def _label(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 or value == int(value) else f"{value:g}"


class _Axes:
    """Maps data to the chart's pixels: x from ``xlim``, y from ``ylim`` (y up)."""

    def __init__(self, xlim: tuple[float, float], ylim: tuple[float, float]):
        self.x0, self.x1 = xlim
        self.y0, self.y1 = ylim
        if self.x1 <= self.x0:
            self.x1 = self.x0 + 1.0
        if self.y1 <= self.y0:
            self.y1 = self.y0 + 1.0

    def px(self, x):
        return _LEFT + (np.asarray(x, float) - self.x0) / (self.x1 - self.x0) * (_W - _LEFT - _RIGHT)

    def py(self, y):
        return _H - _BOTTOM - (np.asarray(y, float) - self.y0) / (self.y1 - self.y0) * (_H - _TOP - _BOTTOM)


def _frame(ax: _Axes, title: str, xlabel: str, ylabel: str, xticks, yticks, xtick_text=None) -> list[str]:
    out = [f'<text x="{_LEFT}" y="16" class="t">{escape(title)}</text>']
    for y in yticks:
        py = float(ax.py(y))
        out.append(f'<line x1="{_LEFT}" x2="{_W - _RIGHT}" y1="{py:.1f}" y2="{py:.1f}" class="g"/>'
                   f'<text x="{_LEFT - 4}" y="{py + 4:.1f}" text-anchor="end">{_label(y)}</text>')
    for i, x in enumerate(xticks):
        px = float(ax.px(x))
        text = xtick_text[i] if xtick_text is not None else _label(x)
        out.append(f'<line x1="{px:.1f}" x2="{px:.1f}" y1="{_H - _BOTTOM}" y2="{_H - _BOTTOM + 4}" class="a"/>'
                   f'<text x="{px:.1f}" y="{_H - _BOTTOM + 16}" text-anchor="middle">{escape(text)}</text>')
    out.append(f'<polyline points="{_LEFT},{_TOP} {_LEFT},{_H - _BOTTOM} {_W - _RIGHT},{_H - _BOTTOM}" class="a"/>')
    out.append(f'<text x="{(_LEFT + _W - _RIGHT) / 2:.0f}" y="{_H - 4}" text-anchor="middle">{escape(xlabel)}</text>')
    out.append(f'<text x="12" y="{(_TOP + _H - _BOTTOM) / 2:.0f}" text-anchor="middle" '
               f'transform="rotate(-90 12 {(_TOP + _H - _BOTTOM) / 2:.0f})">{escape(ylabel)}</text>')
    return out


def _svg(body: list[str], css_class: str) -> str:
    return (f'<svg class="chart {css_class}" viewBox="0 0 {_W} {_H}" xmlns="http://www.w3.org/2000/svg" '
            f'role="img">' + "".join(body) + "</svg>")


def _segments(x: np.ndarray, y: np.ndarray) -> list[np.ndarray]:
    """Runs of consecutive finite points (a nan ends a line)."""
    ok = np.isfinite(x) & np.isfinite(y)
    idx = np.flatnonzero(ok)
    if idx.size == 0:
        return []
    breaks = np.flatnonzero(np.diff(idx) > 1) + 1
    return [part for part in np.split(idx, breaks) if part.size]


def line_chart(series: Sequence[tuple[str, Sequence[float], Sequence[float]]], *, title: str, xlabel: str,
               ylabel: str, css_class: str = "", step: bool = False, ylim: tuple[float, float] | None = None,
               xtick_format=None) -> str:
    """An SVG line chart of ``series``, each ``(label, x, y)``; a legend at the right when there are several.

    ``step`` draws each value as a level until the next x (a survival curve).  ``xtick_format(x) -> str``
    labels the x ticks (e.g. a day as a date).
    """
    xs = [np.asarray(x, float) for _, x, _ in series]
    ys = [np.asarray(y, float) for _, _, y in series]
    allx = np.concatenate(xs) if xs else np.zeros(0)
    ally = np.concatenate(ys) if ys else np.zeros(0)
    finite_x, finite_y = allx[np.isfinite(allx)], ally[np.isfinite(ally)]
    xlo, xhi = (float(finite_x.min()), float(finite_x.max())) if finite_x.size else (0.0, 1.0)
    if ylim is None:
        ylo, yhi = (float(finite_y.min()), float(finite_y.max())) if finite_y.size else (0.0, 1.0)
        yt = nice_ticks(ylo, yhi, 4)
        ylim = (yt[0], yt[-1])
    else:
        yt = nice_ticks(*ylim, 4)
    xt = [t for t in nice_ticks(xlo, xhi, 6) if xlo <= t <= xhi] or [xlo]
    ax = _Axes((xlo, xhi), ylim)
    body = _frame(ax, title, xlabel, ylabel, xt, yt, [xtick_format(t) for t in xt] if xtick_format else None)
    for k, ((label, _, _), x, y) in enumerate(zip(series, xs, ys, strict=True)):
        colour = PALETTE[k % len(PALETTE)]
        for part in _segments(x, y):
            px, py = ax.px(x[part]), ax.py(y[part])
            if step and part.size > 1:
                px = np.repeat(px, 2)[1:]
                py = np.repeat(py, 2)[:-1]
            points = " ".join(f"{a:.1f},{b:.1f}" for a, b in zip(px, py, strict=True))
            if part.size == 1:
                body.append(f'<circle cx="{px[0]:.1f}" cy="{py[0]:.1f}" r="2.5" fill="{colour}"/>')
            else:
                body.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="1.6">'
                            f"<title>{escape(label)}</title></polyline>")
        if len(series) > 1:
            ly = _TOP + 6 + 15 * k
            body.append(f'<line x1="{_W - _RIGHT + 8}" x2="{_W - _RIGHT + 26}" y1="{ly}" y2="{ly}" stroke="{colour}" '
                        f'stroke-width="2"/><text x="{_W - _RIGHT + 30}" y="{ly + 4}">{escape(label)}</text>')
    return _svg(body, css_class)


def strip_chart(rows: Sequence[tuple[str, Sequence[str]]], colours: dict[str, str], *, title: str,
                first_day: int = 0, css_class: str = "") -> str:
    """One row of coloured day cells per label: ``rows`` is ``(label, [state of day 0, day 1, …])``; an empty
    state is left blank.  The legend names the states that occur."""
    n_days = max((len(states) for _, states in rows), default=1) or 1
    legend_rows = 1 + sum(6 * len(s) + 24 for s in {s for _, states in rows for s in states if s}) // (_W - _LEFT)
    height = _TOP + 18 * len(rows) + 28 + 16 * legend_rows
    width_px = (_W - _LEFT - _RIGHT) / n_days
    body = [f'<text x="{_LEFT}" y="16" class="t">{escape(title)}</text>']
    seen: list[str] = []
    for r, (label, states) in enumerate(rows):
        y = _TOP + 18 * r
        body.append(f'<text x="{_LEFT - 4}" y="{y + 12}" text-anchor="end">{escape(label)}</text>')
        for d, state in enumerate(states):
            if not state:
                continue
            if state not in seen:
                seen.append(state)
            body.append(f'<rect x="{_LEFT + d * width_px:.2f}" y="{y}" width="{width_px + 0.05:.2f}" height="15" '
                        f'fill="{colours.get(state, "#999")}"><title>{escape(label)}, day {first_day + d}: '
                        f"{escape(state)}</title></rect>")
    y = _TOP + 18 * len(rows) + 14
    x = _LEFT
    for state in seen:
        if x + 6 * len(state) + 24 > _W:  # wrap the legend
            x, y = _LEFT, y + 16
        body.append(f'<rect x="{x}" y="{y - 9}" width="10" height="10" fill="{colours.get(state, "#999")}"/>'
                    f'<text x="{x + 13}" y="{y}">{escape(state)}</text>')
        x += 24 + 6 * len(state)
    return (f'<svg class="chart {css_class}" viewBox="0 0 {_W} {height}" xmlns="http://www.w3.org/2000/svg" '
            f'role="img">' + "".join(body) + "</svg>")


def stacked_bars(categories: Sequence[str], stacks: dict[str, Sequence[float]], *, title: str, xlabel: str,
                 css_class: str = "") -> str:
    """Horizontal bars, one per category, each split into the ``stacks`` (label → value per category)."""
    n = max(len(categories), 1)
    label_w = 230
    height = _TOP + 20 * n + 44
    totals = np.sum([np.asarray(v, float) for v in stacks.values()], axis=0) if stacks else np.zeros(n)
    top = float(np.max(totals)) if np.size(totals) else 1.0
    ticks = nice_ticks(0.0, max(top, 1.0), 5)
    scale = (_W - label_w - _RIGHT) / ticks[-1]
    body = [f'<text x="{label_w}" y="16" class="t">{escape(title)}</text>']
    for t in ticks:
        x = label_w + t * scale
        body.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{_TOP}" y2="{_TOP + 20 * n}" class="g"/>'
                    f'<text x="{x:.1f}" y="{_TOP + 20 * n + 14}" text-anchor="middle">{_label(t)}</text>')
    body.append(f'<text x="{label_w + (_W - label_w - _RIGHT) / 2:.0f}" y="{height - 6}" '
                f'text-anchor="middle">{escape(xlabel)}</text>')
    for i, category in enumerate(categories):
        y = _TOP + 20 * i
        body.append(f'<text x="{label_w - 4}" y="{y + 13}" text-anchor="end">{escape(category)}</text>')
        x = float(label_w)
        for k, (label, values) in enumerate(stacks.items()):
            w = float(values[i]) * scale
            if w > 0:
                body.append(f'<rect x="{x:.1f}" y="{y + 2}" width="{w:.1f}" height="15" '
                            f'fill="{PALETTE[k % len(PALETTE)]}"><title>{escape(category)}: {escape(label)} '
                            f"{_label(float(values[i]))}</title></rect>")
                x += w
    for k, label in enumerate(stacks):
        ly = _TOP + 6 + 15 * k
        body.append(f'<rect x="{_W - _RIGHT + 8}" y="{ly - 8}" width="10" height="10" '
                    f'fill="{PALETTE[k % len(PALETTE)]}"/><text x="{_W - _RIGHT + 22}" y="{ly + 1}">'
                    f"{escape(label)}</text>")
    return (f'<svg class="chart {css_class}" viewBox="0 0 {_W} {height}" xmlns="http://www.w3.org/2000/svg" '
            f'role="img">' + "".join(body) + "</svg>")


def histogram(values: Sequence[float], *, title: str, xlabel: str, ylabel: str, bin_width: float = 1.0,
              css_class: str = "", xtick_format=None) -> str:
    """Counts of ``values`` in bins of ``bin_width``, as bars."""
    v = np.asarray(values, float)
    v = v[np.isfinite(v)]
    if v.size == 0:
        return line_chart([], title=title + " (none)", xlabel=xlabel, ylabel=ylabel, css_class=css_class)
    lo = math.floor(v.min() / bin_width) * bin_width
    edges = np.arange(lo, v.max() + bin_width * 1.0001, bin_width)
    if edges.size < 2:
        edges = np.array([lo, lo + bin_width])
    counts, edges = np.histogram(v, bins=edges)
    yt = nice_ticks(0.0, float(counts.max()), 4)
    ax = _Axes((float(edges[0]), float(edges[-1])), (yt[0], yt[-1]))
    xt = [t for t in nice_ticks(edges[0], edges[-1], 6) if edges[0] <= t <= edges[-1]]
    body = _frame(ax, title, xlabel, ylabel, xt, yt, [xtick_format(t) for t in xt] if xtick_format else None)
    for c, a, b in zip(counts, edges[:-1], edges[1:], strict=True):
        if c:
            x0, x1 = float(ax.px(a)), float(ax.px(b))
            y = float(ax.py(c))
            body.append(f'<rect x="{x0:.1f}" y="{y:.1f}" width="{max(x1 - x0 - 0.5, 0.5):.1f}" '
                        f'height="{_H - _BOTTOM - y:.1f}" fill="{PALETTE[0]}"><title>{int(c)}</title></rect>')
    return _svg(body, css_class)
