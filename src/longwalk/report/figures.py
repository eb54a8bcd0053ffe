"""Static figures (PNG) of one run and of an ensemble, for papers and slides.

One style for all: the Okabe–Ito palette, which stays distinct under the common colour-vision deficiencies
(Okabe M, Ito K 2008, "Color Universal Design (CUD): how to make figures and presentations that are friendly to
colorblind people", https://jfly.uni-koeln.de/color/), labelled axes with units, a fixed size and resolution
(``DPI``), so a figure is the same number of pixels every time.  Drawn with matplotlib's object API on the Agg
canvas (no pyplot state, no display needed).

Run figures (:func:`write_run_figures`, ``longwalk run --png``): ``route.png`` (the map), ``profiles.png``
(elevation, temperature, snow and distance day by day), ``people.png`` (body mass, water deficit and condition of
each person).  Ensemble figures (:func:`write_ensemble_figures`, ``longwalk odds --png``): ``survival.png``,
``deaths_by_leg.png``, ``arrivals.png``, drawn from the dataset that ``ensemble.nc`` holds.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from longwalk.engine.records import JourneyResult, Status
from longwalk.engine.registry import IncidentKind, WeatherFlag
from longwalk.report._view import PlaceNamer, run_view

DPI = 200  # [dot inch-1] fixed, so every figure has the same pixels; 200 is sharp on slides and in print columns
SIZE = (7.0, 4.5)  # [inch] width, height of every figure: 1400 x 900 pixels at DPI
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000")
"""Okabe & Ito (2008) colours: orange, sky blue, bluish green, yellow, blue, vermilion, reddish purple, black."""
_LINESTYLES = ("-", "--", ":", "-.")  # a ninth person gets the first colour again with the next line style
STYLE = {
    "font.size": 9, "axes.titlesize": 10, "axes.labelsize": 9, "legend.fontsize": 8, "xtick.labelsize": 8,
    "ytick.labelsize": 8, "axes.grid": True, "grid.color": "#d9d9d9", "grid.linewidth": 0.5,
    "axes.spines.top": False, "axes.spines.right": False, "lines.linewidth": 1.4, "savefig.facecolor": "white",
    "figure.facecolor": "white",
}
RUN_FIGURES = ("route.png", "profiles.png", "people.png")
ENSEMBLE_FIGURES = ("survival.png", "deaths_by_leg.png", "arrivals.png")
_STATUS_COLOURS = {  # condition strips in people.png
    Status.WALKING: OKABE_ITO[2], Status.RESTING: OKABE_ITO[1], Status.SICK: OKABE_ITO[0],
    Status.LOST: OKABE_ITO[3], Status.LEFT: "#999999", Status.ARRIVED: OKABE_ITO[4], Status.DEAD: OKABE_ITO[7],
}
_EVENT_MARKERS = {  # map symbol and colour of each kind of event in route.png (the event files' words)
    "death": ("X", OKABE_ITO[7]), "arrival": ("*", OKABE_ITO[4]), "left": ("v", "#999999"),
    IncidentKind.JOIN.key: ("^", OKABE_ITO[2]), IncidentKind.WATER_FOUND.key: ("o", OKABE_ITO[1]),
    WeatherFlag.BLIZZARD.key: ("D", OKABE_ITO[6]), WeatherFlag.SANDSTORM.key: ("D", OKABE_ITO[0]),
    WeatherFlag.HEAT_WAVE.key: ("D", OKABE_ITO[5]), WeatherFlag.COLD_SNAP.key: ("D", OKABE_ITO[1]),
    IncidentKind.FROSTBITE.key: ("P", OKABE_ITO[1]), IncidentKind.INJURY.key: ("P", OKABE_ITO[5]),
    IncidentKind.ILLNESS.key: ("h", OKABE_ITO[0]), IncidentKind.LOST.key: ("d", OKABE_ITO[3]),
    IncidentKind.FOUND.key: ("d", OKABE_ITO[2]), IncidentKind.RIVER_CROSSING.key: ("s", OKABE_ITO[4]),
    IncidentKind.LAKE_CROSSING.key: ("s", OKABE_ITO[1]), IncidentKind.FOOD_GIVEN.key: ("p", OKABE_ITO[2]),
    IncidentKind.FOOD_BOUGHT.key: ("p", OKABE_ITO[0]),
}


def line_style(i: int) -> dict:
    """Colour and line style of the ``i``-th series: the eight Okabe–Ito colours, then again dashed, ...

    >>> line_style(0), line_style(9)
    ({'color': '#E69F00', 'linestyle': '-'}, {'color': '#56B4E9', 'linestyle': '--'})
    """
    n = len(OKABE_ITO)
    return {"color": OKABE_ITO[i % n], "linestyle": _LINESTYLES[(i // n) % len(_LINESTYLES)]}


def _figure(rows: int = 1, sharex: bool = True):
    from matplotlib.figure import Figure

    fig = Figure(figsize=SIZE, dpi=DPI, layout="constrained")
    axes = fig.subplots(rows, 1, sharex=sharex, squeeze=False)[:, 0]
    return fig, axes


def _save(fig, path: Path) -> Path:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    # No "Software" text chunk: the bytes then depend on the drawing only, not on the matplotlib version string.
    fig.savefig(path, dpi=DPI, format="png", metadata={"Software": None})
    return path


def _styled(draw):
    """Run a drawing function inside the common style."""
    import matplotlib

    def wrapper(*args, **kwargs):
        with matplotlib.rc_context(STYLE):
            return draw(*args, **kwargs)

    wrapper.__doc__ = draw.__doc__
    wrapper.__name__ = draw.__name__
    return wrapper


# --- one run ------------------------------------------------------------------------------------------------------


def _dates(result: JourneyResult, days: int) -> np.ndarray:
    return np.array([np.datetime64(result.date(d)) for d in range(days)])


RELIEF_COLOURS = ("#f7f7f7", "#525252")  # low and high ground: grey, so the coloured route and events stand out
_WATER = (0.62, 0.79, 0.90)  # lakes and sea, light blue


def _hillshade(atlas, south: float, north: float, west: float, east: float):
    """(rgb image, extent, (lowest, highest) [m]) of the atlas's relief inside the box, grey by height and lit
    from the north-west; None without an atlas or outside it."""
    from matplotlib.colors import LightSource, LinearSegmentedColormap

    grid = getattr(atlas, "grid", None)
    elevation = getattr(atlas, "elevation", None)
    if grid is None or elevation is None:
        return None
    lat, lon = np.asarray(grid.lat), np.asarray(grid.lon)
    rows = np.flatnonzero((lat >= south) & (lat <= north))
    cols = np.flatnonzero((lon >= west) & (lon <= east))
    if rows.size < 2 or cols.size < 2:
        return None
    box = (slice(rows[0], rows[-1] + 1), slice(cols[0], cols[-1] + 1))
    z = np.asarray(elevation, dtype=float)[box]
    surface = getattr(atlas, "surface", None)
    low, high = float(np.nanmin(z)), float(np.nanmax(z))
    cmap = LinearSegmentedColormap.from_list("relief", RELIEF_COLOURS)
    # Shading from the cells' ground size [m]; a vertical exaggeration of 10 shows ranges on 5' (~9 km) cells
    # without blackening valleys (a choice for legibility, not a model number).
    dy = float(np.mean(np.asarray(getattr(grid, "cell_height", [9000.0]))))
    dx = float(np.mean(np.asarray(getattr(grid, "cell_width", [9000.0]))))
    rgb = LightSource(azdeg=315, altdeg=45).shade(z, cmap=cmap, vert_exag=10.0, dx=dx, dy=dy, blend_mode="soft",
                                                  vmin=low, vmax=max(high, low + 1.0))[..., :3]
    if surface is not None:
        rgb[np.asarray(surface)[box] != 1] = _WATER
    half = 0.5 * (lat[1] - lat[0])
    extent = (lon[cols[0]] - half, lon[cols[-1]] + half, lat[rows[0]] - half, lat[rows[-1]] + half)
    return rgb, extent, (low, high)


@_styled
def route_figure(result: JourneyResult, path: str | Path, run: int = 0, atlas: object | None = None) -> Path:
    """``route.png``: shaded relief (with an atlas), the planned route, the walked track, camps and events."""
    from longwalk.report.export import _track_points, run_events

    view = run_view(result, run)
    fig, (ax,) = _figure(1)
    rlat = np.asarray(getattr(result.route, "lat", []), dtype=float)
    rlon = np.asarray(getattr(result.route, "lon", []), dtype=float)
    track = np.array([(lat, lon) for lat, lon, _ in _track_points(view)]).reshape(-1, 2)
    lats = np.concatenate([rlat, track[:, 0], view.camp_lat])
    lons = np.concatenate([rlon, track[:, 1], view.camp_lon])
    south, north = float(np.nanmin(lats)), float(np.nanmax(lats))
    west, east = float(np.nanmin(lons)), float(np.nanmax(lons))
    # a margin inside the atlas the run loads for naming places (the route's box plus 1 degree)
    pad = min(0.05 * max(north - south, east - west) + 0.2, 0.9)
    south, north, west, east = south - pad, north + pad, west - pad, east + pad
    relief = _hillshade(atlas, south, north, west, east) if atlas is not None else None
    if relief is not None:
        from matplotlib.cm import ScalarMappable
        from matplotlib.colors import LinearSegmentedColormap, Normalize

        ax.imshow(relief[0], extent=relief[1], origin="lower", interpolation="bilinear", zorder=0)
        colours = ScalarMappable(Normalize(*relief[2]), LinearSegmentedColormap.from_list("relief", RELIEF_COLOURS))
        fig.colorbar(colours, ax=ax, location="bottom", shrink=0.4, aspect=30, label="elevation [m]")
    if rlat.size:
        ax.plot(rlon, rlat, color="#555555", linestyle="--", linewidth=1.0, label="planned route", zorder=2)
    if len(track):
        ax.plot(track[:, 1], track[:, 0], color=OKABE_ITO[5], linewidth=1.8, label="walked", zorder=3)
    ax.scatter(view.camp_lon, view.camp_lat, s=6, color="white", edgecolors=OKABE_ITO[5], linewidths=0.6,
               label="camps", zorder=4)
    shown = set()
    for lat, lon, e in run_events(view, PlaceNamer(view.waypoints)):
        word = e.get("event", e["kind"])
        marker, colour = _EVENT_MARKERS.get(word, (".", "#666666"))
        label = word.replace("_", " ") if word not in shown else None
        shown.add(word)
        fate = "event" not in e  # a death or arrival stays visible on top of that day's weather
        ax.scatter([lon], [lat], marker=marker, s=60 if fate else 36, color=colour, edgecolors="white",
                   linewidths=0.5, label=label, zorder=6 if fate else 5)
    for w in view.waypoints:
        ax.annotate(w.name, (w.lon, w.lat), xytext=(4, 4), textcoords="offset points", fontsize=7, zorder=7)
    ax.set_xlim(west, east)
    ax.set_ylim(south, north)
    # equal ground distances both ways (the frame shrinks to fit; the relief covers exactly the limits)
    ax.set_aspect(1.0 / max(np.cos(np.radians(0.5 * (south + north))), 0.05))
    ax.set_xlabel("longitude [°E]")
    ax.set_ylabel("latitude [°N]")
    ax.set_title(f"{result.scenario_name}, seed {int(result.seed)}, run {view.run_id}: the way they went")
    fig.legend(loc="outside right upper", frameon=False)
    return _save(fig, Path(path))


@_styled
def profiles_figure(result: JourneyResult, path: str | Path, run: int = 0) -> Path:
    """``profiles.png``: day by day at the party's camp: elevation, air temperature range, snow depth, distance."""
    view = run_view(result, run)
    d, n = result.daily, view.days
    dates = _dates(result, n)
    fig, axes = _figure(4)
    axes[0].plot(dates, np.asarray(d.elevation[run, :n], float), color=OKABE_ITO[7])
    axes[0].set_ylabel("elevation [m]")
    tmin = np.asarray(d.air_temperature_min[run, :n], float)
    tmax = np.asarray(d.air_temperature_max[run, :n], float)
    axes[1].fill_between(dates, tmin, tmax, color=OKABE_ITO[1], alpha=0.5, linewidth=0, label="daily range")
    axes[1].plot(dates, tmin, color=OKABE_ITO[4], linewidth=0.8, label="minimum")
    axes[1].plot(dates, tmax, color=OKABE_ITO[5], linewidth=0.8, label="maximum")
    axes[1].axhline(0.0, color="#777777", linewidth=0.6)
    axes[1].set_ylabel("air temp. [°C]")
    axes[1].legend(loc="lower right", ncols=3)
    axes[2].fill_between(dates, 0.0, 100.0 * np.asarray(d.snow_depth[run, :n], float), color=OKABE_ITO[1],
                         step="mid", linewidth=0)
    axes[2].set_ylabel("snow [cm]")
    axes[3].bar(dates, view.party_distance / 1000.0, width=1.0, color=OKABE_ITO[2])
    axes[3].set_ylabel("walked [km day⁻¹]")
    axes[3].set_xlabel("date")
    axes[0].set_title(f"{result.scenario_name}, seed {int(result.seed)}: along the way, day by day")
    fig.autofmt_xdate()
    return _save(fig, Path(path))


@_styled
def people_figure(result: JourneyResult, path: str | Path, run: int = 0) -> Path:
    """``people.png``: each person's body mass, water deficit and condition over time."""
    view = run_view(result, run)
    d, n = result.daily, view.days
    dates = _dates(result, n)
    fig, axes = _figure(3)
    status = view.status
    present = status != Status.ABSENT
    ended = np.isin(status, [int(Status.DEAD), int(Status.LEFT), int(Status.ARRIVED)])
    # a line stops the day the person's journey ends (that day's value is still drawn)
    after = np.cumsum(ended, axis=0) > 1
    shown = present & ~after
    mass = np.where(shown, np.asarray(d.body_mass[run, :n], float), np.nan)
    deficit = np.where(shown, 100.0 * np.asarray(d.water_deficit[run, :n], float), np.nan)
    for i, name in enumerate(result.people):
        axes[0].plot(dates, mass[:, i], label=str(name), **line_style(i))
        axes[1].plot(dates, deficit[:, i], **line_style(i))
    axes[0].set_ylabel("body mass [kg]")
    fig.legend(loc="outside right upper", frameon=False)
    axes[1].set_ylabel("water deficit\n[% body mass]")
    ax = axes[2]
    for i in range(len(result.people)):
        for state, colour in _STATUS_COLOURS.items():
            days = np.flatnonzero(status[:, i] == int(state))
            if days.size:
                ax.broken_barh([(np.datetime64(result.date(int(k))) - np.timedelta64(12, "h"), np.timedelta64(1, "D"))
                                for k in days], (i - 0.4, 0.8), facecolors=colour)
    ax.set_yticks(range(len(result.people)), result.people)
    ax.set_ylim(len(result.people) - 0.5, -0.5)
    ax.grid(False)
    ax.set_ylabel("condition")
    ax.set_xlabel("date")
    from matplotlib.patches import Patch

    ax.legend(handles=[Patch(color=c, label=s.name.lower()) for s, c in _STATUS_COLOURS.items()],
              loc="upper center", bbox_to_anchor=(0.5, -0.55), ncols=7, frameon=False)
    fig.suptitle(f"{result.scenario_name}, seed {int(result.seed)}: the people")
    return _save(fig, Path(path))


def write_run_figures(result: JourneyResult, directory: str | Path, run: int = 0,
                      atlas: object | None = None) -> list[Path]:
    """Write ``RUN_FIGURES`` of run ``run`` into ``directory``; return their paths."""
    directory = Path(directory)
    return [route_figure(result, directory / RUN_FIGURES[0], run, atlas),
            profiles_figure(result, directory / RUN_FIGURES[1], run),
            people_figure(result, directory / RUN_FIGURES[2], run)]


# --- an ensemble --------------------------------------------------------------------------------------------------


def survival(status: np.ndarray) -> np.ndarray:
    """Fraction of runs in which each person is alive at the end of each day, among the runs they took part in.

    Parameters
    ----------
    status : ndarray (runs, days, people) of :class:`~longwalk.engine.records.Status` values

    Returns
    -------
    ndarray (days, people)
        ``S(t) = 1 - deaths up to day t / runs in which the person was ever with the party``; nan for a person
        who never took part.  Every run is followed to its end, so nothing is censored and this equals the
        Kaplan–Meier estimate.

    Examples
    --------
    Four runs, one person: dead from day 1 in one run, from day 2 in another:

    >>> s = np.array([[1, 7, 7], [1, 1, 7], [1, 1, 1], [1, 6, 6]])[:, :, None]
    >>> survival(s)[:, 0].tolist()
    [1.0, 0.75, 0.5]
    """
    status = np.asarray(status)
    took_part = (status != Status.ABSENT).any(axis=1)  # (runs, people)
    dead = (status == Status.DEAD) & took_part[:, None, :]
    runs = took_part.sum(axis=0).astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(runs > 0, 1.0 - dead.sum(axis=0) / runs, np.nan)


@_styled
def survival_figure(ds, path: str | Path) -> Path:
    """``survival.png``: each person's survival curve over the ensemble's runs."""
    s = survival(ds["status"].values)
    fig, (ax,) = _figure(1)
    for i, name in enumerate(ds["person"].values):
        ax.step(ds["date"].values, 100.0 * s[:, i], where="post", label=str(name), **line_style(i))
    ax.set_ylim(0, 101)
    ax.set_xlabel("date")
    ax.set_ylabel("alive [% of runs]")
    ax.set_title(f"{ds.attrs['scenario']}: survival over {ds.sizes['run']} runs")
    ax.legend(loc="lower left", ncols=2)
    fig.autofmt_xdate()
    return _save(fig, Path(path))


@_styled
def deaths_by_leg_figure(ds, path: str | Path) -> Path:
    """``deaths_by_leg.png``: deaths on each leg of the route, stacked by cause."""
    dead = ds["fate"].values == int(Status.DEAD)
    legs = list(ds.attrs["legs"].split("|")) if ds.attrs.get("legs") else []
    leg = ds["death_leg"].values[dead]
    cause = ds["cause"].values[dead].astype(str)
    causes = sorted(set(cause))
    fig, (ax,) = _figure(1)
    left = np.zeros(len(legs))
    for k, c in enumerate(causes):
        counts = np.array([np.sum((leg == j) & (cause == c)) for j in range(len(legs))], dtype=float)
        ax.barh(range(len(legs)), 100.0 * counts / ds.sizes["run"], left=left, color=OKABE_ITO[k % 8],
                label=c.replace("_", " "), hatch=("", "//", "..")[k // 8 % 3])
        left += 100.0 * counts / ds.sizes["run"]
    ax.set_yticks(range(len(legs)), legs)
    ax.invert_yaxis()
    ax.set_xlabel("deaths [per 100 runs]")
    ax.set_ylabel("leg of the route")
    ax.set_title(f"{ds.attrs['scenario']}: where and of what people die ({ds.sizes['run']} runs)")
    if causes:
        ax.legend(loc="lower right")
    else:
        ax.text(0.5, 0.5, "no deaths", transform=ax.transAxes, ha="center")
    return _save(fig, Path(path))


@_styled
def arrivals_figure(ds, path: str | Path) -> Path:
    """``arrivals.png``: how many people arrive on each date, over all runs."""
    arrived = ds["fate"].values == int(Status.ARRIVED)
    days = ds["end_day"].values[arrived]
    start = np.datetime64(ds.attrs["start_date"])
    fig, (ax,) = _figure(1)
    width = 1
    if days.size:
        width = max(1, int(np.ceil((days.max() - days.min() + 1) / 60)))  # [day] at most ~60 bars
        edges = np.arange(days.min(), days.max() + width + 1, width)
        counts, _ = np.histogram(days, bins=edges)
        ax.bar(start + edges[:-1].astype("timedelta64[D]"), 100.0 * counts / ds.sizes["run"],
               width=np.timedelta64(width, "D"), align="edge", color=OKABE_ITO[4])
        fig.autofmt_xdate()
    else:
        ax.text(0.5, 0.5, "nobody arrived", transform=ax.transAxes, ha="center")
    ax.set_xlabel(f"arrival date ({width}-day bins)")
    ax.set_ylabel("arrivals [per 100 runs]")
    ax.set_title(f"{ds.attrs['scenario']}: when they arrive ({ds.sizes['run']} runs)")
    return _save(fig, Path(path))


def write_ensemble_figures(ds, directory: str | Path) -> list[Path]:
    """Write ``ENSEMBLE_FIGURES`` of an ensemble dataset (:func:`longwalk.report.export.ensemble_dataset`)."""
    directory = Path(directory)
    return [survival_figure(ds, directory / ENSEMBLE_FIGURES[0]),
            deaths_by_leg_figure(ds, directory / ENSEMBLE_FIGURES[1]),
            arrivals_figure(ds, directory / ENSEMBLE_FIGURES[2])]


__all__ = ["DPI", "ENSEMBLE_FIGURES", "OKABE_ITO", "RUN_FIGURES", "SIZE", "line_style", "survival",
           "write_ensemble_figures", "write_run_figures"]
