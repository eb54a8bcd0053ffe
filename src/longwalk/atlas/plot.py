"""Maps of an atlas: shaded relief, ocean and lakes, rivers by size class, labelled places (matplotlib, Agg)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from longwalk.atlas.build import Atlas
from longwalk.atlas.layers import LAKE, OCEAN
from longwalk.atlas.rivers import N_RIVER_CLASSES, river_polylines

OCEAN_COLOUR = (0.62, 0.76, 0.88)
LAKE_COLOUR = (0.50, 0.70, 0.90)
RIVER_COLOUR = (0.16, 0.40, 0.75)


def _label_places(atlas: Atlas, n: int) -> np.ndarray:
    """Indices of up to ``n`` places to label: largest first, skipping places too close to one already chosen."""
    places = atlas.places
    if n <= 0 or len(places) == 0:
        return np.zeros(0, dtype=np.intp)
    g = atlas.grid
    order = np.argsort(-places.population, kind="stable")[: max(50 * n, 500)]
    min_sep = max(g.north - g.south, g.east - g.west) / (2.5 * np.sqrt(n))  # [degree] keeps labels apart
    chosen: list[int] = []
    lat, lon = places.lat[order], places.lon[order]
    taken = np.zeros(len(order), dtype=bool)
    # Greedy thinning over at most a few thousand candidates, vectorised per chosen label.
    for j in range(len(order)):
        if taken[j]:
            continue
        chosen.append(int(order[j]))
        if len(chosen) >= n:
            break
        taken |= (np.abs(lat - lat[j]) < min_sep / 2) & (np.abs(lon - lon[j]) * np.cos(np.radians(lat[j])) < min_sep)
    return np.asarray(chosen, dtype=np.intp)


def river_lines(atlas: Atlas) -> list[tuple[int, np.ndarray, np.ndarray]]:
    """The World Data Bank II river polylines that reach into the atlas's region: ``(river_class, lon, lat)``
    each, lon and lat [degree]; class 1 is the largest.  The same lines the ``river_class`` layer is rasterised
    from, for maps drawn as vectors (they do not look blocky when zoomed in)."""
    g = atlas.grid
    lon, lat, start, cls = river_polylines()
    lo, hi = start[:-1], start[1:]
    # Bounding-box test per polyline from its vertices (vectorised with reduceat).
    north = np.maximum.reduceat(lat, lo)
    south = np.minimum.reduceat(lat, lo)
    east = np.maximum.reduceat(lon, lo)
    west = np.minimum.reduceat(lon, lo)
    keep = (north >= g.south) & (south <= g.north) & (east >= g.west) & (west <= g.east)
    return [(int(cls[i]), lon[lo[i] : hi[i]], lat[lo[i] : hi[i]]) for i in np.flatnonzero(keep)]


def _draw_rivers(ax, atlas: Atlas) -> None:
    """Draw the river lines over the map; larger classes bolder and more opaque."""
    from matplotlib.collections import LineCollection

    lines = river_lines(atlas)
    for level in range(N_RIVER_CLASSES, 0, -1):
        chosen = [np.column_stack([x, y]) for c, x, y in lines if c == level]
        if not chosen:
            continue
        weight = (N_RIVER_CLASSES - level) / (N_RIVER_CLASSES - 1)  # 1 for the largest, 0 for the smallest
        ax.add_collection(
            LineCollection(
                chosen, colors=[(*RIVER_COLOUR, 0.35 + 0.65 * weight)], linewidths=0.3 + 1.2 * weight, zorder=2
            )
        )

def _relief(atlas: Atlas):
    """Shaded relief of ``atlas`` as ``(rgb, cmap, norm)``: rgb (ny, nx, 3) in 0..1, row 0 southernmost, ocean and
    lakes in flat blue; cmap and norm give the elevation colour bar."""
    import matplotlib.pyplot as plt
    from matplotlib.colors import LightSource, ListedColormap

    g = atlas.grid
    elev = atlas.elevation.astype(float)
    land = atlas.surface != OCEAN
    # matplotlib's "terrain" without its blue (sea) end, so low land never looks like water.
    cmap = ListedColormap(plt.get_cmap("terrain")(np.linspace(0.25, 1.0, 256)), name="land")
    top = max(float(np.nanpercentile(elev[land], 99.5)) if land.any() else 1.0, 500.0)
    norm = plt.Normalize(vmin=min(0.0, float(np.nanmin(elev[land])) if land.any() else 0.0), vmax=top)
    # Hill shading needs metres in both axes: the cell sizes vary with latitude.
    dx = float(np.mean(g.cell_width))
    dy = float(np.mean(g.cell_height))
    ls = LightSource(azdeg=315, altdeg=40)
    rgb = ls.shade(elev, cmap=cmap, norm=norm, blend_mode="soft", vert_exag=3.0, dx=dx, dy=dy)[..., :3]
    rgb[atlas.surface == OCEAN] = OCEAN_COLOUR
    rgb[atlas.surface == LAKE] = LAKE_COLOUR
    return rgb, cmap, norm


def relief_rgb(atlas: Atlas) -> np.ndarray:
    """Shaded relief of ``atlas``: (ny, nx, 3) floats in 0..1, row 0 southernmost; ocean and lakes flat blue, land
    coloured by elevation and lit from the north-west (the same picture as :func:`plot_atlas`)."""
    return _relief(atlas)[0]


def plot_atlas(atlas: Atlas, out: Path, n_places: int = 25, dpi: int = 150) -> Path:
    """Draw ``atlas`` to the PNG file ``out`` and return its path."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    g = atlas.grid
    extent = (g.west, g.east, g.south, g.north)
    aspect = 1.0 / np.cos(np.radians(0.5 * (g.south + g.north)))
    width = 11.0
    # The map takes about 80 % of the width (the colour bar the rest); add room for the title and axis labels.
    height = float(np.clip(0.8 * width * (g.north - g.south) * aspect / (g.east - g.west), 3.0, 14.0))
    fig, ax = plt.subplots(figsize=(width, height + 1.0), layout="constrained")
    rgb, cmap, norm = _relief(atlas)
    ax.imshow(rgb, origin="lower", extent=extent, interpolation="nearest", aspect=aspect)

    _draw_rivers(ax, atlas)

    chosen = _label_places(atlas, n_places)
    if len(chosen):
        p = atlas.places
        ax.scatter(p.lon[chosen], p.lat[chosen], s=9, c="black", edgecolors="white", linewidths=0.6, zorder=3)
        for i in chosen:
            ax.annotate(
                str(p.name[i]),
                (p.lon[i], p.lat[i]),
                xytext=(3, 3),
                textcoords="offset points",
                fontsize=7,
                color="black",
                zorder=4,
                bbox={"boxstyle": "round,pad=0.1", "fc": (1, 1, 1, 0.6), "ec": "none"},
            )

    sm = plt.cm.ScalarMappable(cmap=cmap, norm=norm)
    fig.colorbar(sm, ax=ax, shrink=0.7, pad=0.01, label="elevation [m]")
    ax.set_xlim(g.west, g.east)
    ax.set_ylim(g.south, g.north)
    ax.set_xlabel("longitude [°E]")
    ax.set_ylabel("latitude [°N]")
    ax.set_title(
        f"{g.south:g}–{g.north:g}°N, {g.west:g}–{g.east:g}°E at {g.resolution * 60:g}′: "
        "relief, lakes, rivers (darker = larger), places",
        fontsize=10,
    )
    ax.grid(color="white", alpha=0.25, linewidth=0.5)
    out = Path(out)
    fig.savefig(out, dpi=dpi)
    plt.close(fig)
    return out
