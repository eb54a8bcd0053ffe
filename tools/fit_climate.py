"""Fit the built-in climate model to the world's station normals, and cross-validate it by continent.

    python tools/fit_climate.py                    # refit; writes src/longwalk/atlas/data/climate_coefficients.json
    python tools/fit_climate.py --cv --write-doc   # ... and print the cross-validation tables into docs/climate.md
    python tools/fit_climate.py --cv --subset 0.2  # CV of a fit to a random fifth of the stations (a quick check)

The station table defaults to ``../shared/data/climate/wmo_normals_1991_2020_world.csv`` (WMO 1991-2020
climatological normals, 5,665 stations; see that folder's README); other tables in the format of
``longwalk.atlas.stations`` can be given instead.  Bad rows are reported and skipped.

Screening: a station whose leave-one-out error in some quantity is more than :data:`SCREEN_FACTOR` times the
median station's is left out of that quantity's fit (wrong coordinates or elevation in the metadata, e.g. two
Zambian stations listed at the same position 480 km from one of them); its values are still predicted, out of
sample, and counted in the "all stations" rows of the tables.  Method and figures: ``docs/climate.md``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
from scipy.cluster.vq import kmeans2

from longwalk.atlas.climate import (
    COEFFICIENTS_FILE,
    MONTH_DAYS,
    QUANTITIES,
    FittedClimatology,
    KrigingSettings,
    _unit_vectors,
    physical_fields,
    saturation_vapour_pressure,
    transformed_targets,
)
from longwalk.atlas.stations import read_station_files

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "src" / "longwalk" / "atlas" / "data" / COEFFICIENTS_FILE
SHARED = ROOT.parent / "shared" / "data" / "climate"
DEFAULT_TABLE = SHARED / "wmo_normals_1991_2020_world.csv"
ASIAN_TABLE = SHARED / "wmo_normals_1991_2020_asia.csv"
DOC = ROOT / "docs" / "climate.md"
BEGIN, END = "<!-- BEGIN fit_climate.py --cv -->", "<!-- END fit_climate.py --cv -->"

SCREEN_FACTOR = 6.0  # a station's LOO RMSE (fitting space) above this many times the median station's: screened
N_BLOCKS = 10  # spatial blocks for block cross-validation: k-means clusters of the stations' positions
#: The Asian built-in model's leave-one-out RMSE of monthly mean temperature [°C] (docs/climate.md before issue
#: 10, 689 stations of the Asian table and 13 derived Indian ones): the world model may not be worse there.
ASIAN_RMSE_BEFORE = 1.197


def continent_of(lat, lon) -> np.ndarray:
    """A continent name per station, from latitude/longitude boxes (rules in docs/climate.md)."""
    lat, lon = np.asarray(lat), np.asarray(lon)
    out = np.full(lat.shape, "Asia", dtype=object)
    west = lon < -25.0
    south_america = west & (lon > -82.0) & (lat < 12.5) | west & (lat < -20.0) & (lon > -90.0)
    out[west] = "North America"
    out[south_america] = "South America"
    out[(lon >= 50.0) & (lon < 180.0) & (lat > -60.0) & (lat < -10.0) & (lon > 110.0)] = "Oceania"
    out[((lon > 150.0) | (lon < -150.0)) & (lat < 0.0) & (lat > -60.0)] = "Oceania"
    africa = (lon >= -25.0) & (lon <= 52.0) & (lat >= -36.0) & (lat <= 37.5) \
        & ~((lon >= 35.0) & (lat >= 12.5)) & ~((lon > 43.5) & (lat > 11.0))
    out[africa] = "Africa"
    europe = (lon >= -25.0) & (lon < 60.0) & (lat > 35.0) & ~africa & ~((lon > 26.0) & (lat < 42.0)) \
        & ~((lon > 40.0) & (lat < 44.0)) & ~((lon > 50.0) & (lat < 50.0))
    out[europe] = "Europe"
    out[lat <= -60.0] = "Antarctica"
    return out


def spatial_blocks(lat, lon, k: int = N_BLOCKS) -> np.ndarray:
    """Block label per station: k-means (fixed seed) of the stations' unit position vectors."""
    _, labels = kmeans2(_unit_vectors(lat, lon), k, seed=np.random.default_rng(0), minit="++")
    return labels


def held_out(model: FittedClimatology, table, kind: str) -> dict[str, np.ndarray]:
    """Every quantity at every station, predicted without that station ("loo") or its block ("block"): a station
    a quantity was not fitted to gets the model's value, which does not use it either.  name -> (n, 12)."""
    pred = model.transformed(table.lat, table.lon, table.elevation)
    for q, f in model.fields.items():
        values = f.loo if kind == "loo" else f.block
        pred[q] = pred[q].copy()
        pred[q][f.rows] = values
    return pred


def _rmse(e) -> float:
    return float(np.sqrt(np.nanmean(e**2))) if np.isfinite(e).any() else float("nan")


def errors(table, pred: dict[str, np.ndarray]) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """(per-station error (n, 12) or NaN, station has it (n,)) for each reported quantity."""
    phys = physical_fields(pred)
    out = {}
    t, tx, tn, p = table.air_temperature_mean, table.air_temperature_max, table.air_temperature_min, \
        table.precipitation
    out["T mean [°C]"] = phys["air_temperature_mean"] - t
    out["T max [°C]"] = phys["air_temperature_max"] - tx
    out["T min [°C]"] = phys["air_temperature_min"] - tn
    out["P [rel]"] = np.abs(phys["precipitation"] - p) / np.maximum(p, 1.0)
    out["wet days [day]"] = phys["wet_day_fraction"] * MONTH_DAYS - table.wet_days
    es = 0.5 * (saturation_vapour_pressure(phys["air_temperature_max"])
                + saturation_vapour_pressure(phys["air_temperature_min"])) * 10.0
    out["vapour pressure [hPa]"] = phys["relative_humidity"] * es - table.vapour_pressure
    return out


def _summary(name: str, e: np.ndarray) -> str:
    ok = np.isfinite(e).all(1)
    if not ok.any():
        return "–"
    if name == "P [rel]":
        return f"{np.median(e[ok]):.0%}"
    return f"{_rmse(e[ok]):.2f}"


def cv_tables(table, model: FittedClimatology, screened: dict[str, np.ndarray], asian=None) -> str:
    """The markdown cross-validation tables (leave-one-out and spatial blocks, by continent)."""
    continents = continent_of(table.lat, table.lon)
    names = ["all", *sorted(set(continents) - {"Antarctica"}), "Antarctica"]
    lines = []
    for kind, title in (("loo", "Leave-one-station-out"), ("block", f"Spatial blocks ({N_BLOCKS} k-means clusters "
                                                                     "of the stations, each left out whole)")):
        errs = errors(table, held_out(model, table, kind))
        lines += [f"**{title}** — RMSE of the monthly normals (precipitation: median absolute relative error of "
                  "the monthly totals); stations with the quantity in brackets:", "",
                  "| continent | " + " | ".join(errs) + " |", "|---" * (len(errs) + 1) + "|"]
        for c in names:
            m = np.ones(len(table), bool) if c == "all" else continents == c
            cells = [f"{_summary(k, e[m])} ({int(np.isfinite(e[m]).all(1).sum())})" for k, e in errs.items()]
            lines.append(f"| {c} | " + " | ".join(cells) + " |")
        lines.append("")
    loo = errors(table, held_out(model, table, "loo"))
    n_screened = {q: int(s.sum()) for q, s in screened.items() if s.any()}
    kept = ~np.any(np.stack([screened[q] for q in screened]), axis=0)
    lines += [f"Screened out of the fit (leave-one-out error over {SCREEN_FACTOR:g}× the median station's; still "
              f"predicted, out of sample, and counted above): {n_screened}. Without them, mean temperature RMSE "
              f"is {_rmse(loo['T mean [°C]'][kept]):.2f} °C, max {_rmse(loo['T max [°C]'][kept]):.2f} °C, min "
              f"{_rmse(loo['T min [°C]'][kept]):.2f} °C.", ""]
    if asian is not None:
        lines += [f"The Asian table's stations (20–70°N, 70–140°E, {int(asian.sum())} found in the world table): "
                  f"mean temperature leave-one-out RMSE {_rmse(loo['T mean [°C]'][asian]):.3f} °C (the Asian-only "
                  f"model: {ASIAN_RMSE_BEFORE} °C on the same table plus 13 derived Indian stations).", ""]
    lines.append(f"Settings: {model.settings}; {len(table)} stations.")
    return "\n".join(lines)


def asian_mask(table) -> np.ndarray | None:
    """The stations of the Asian table (matched by position to 0.01°), or None if that table is absent."""
    if not ASIAN_TABLE.is_file():
        return None
    from longwalk.atlas.stations import read_stations

    asia, _ = read_stations(ASIAN_TABLE)
    key = {(round(a, 2), round(b, 2)) for a, b in zip(asia.lat, asia.lon, strict=True)}
    return np.array([(round(a, 2), round(b, 2)) in key for a, b in zip(table.lat, table.lon, strict=True)])


def screen(table, settings: KrigingSettings, log) -> tuple[dict[str, np.ndarray], FittedClimatology]:
    """Fit once, and mark per quantity the stations whose LOO error is gross; return the marks and the fit."""
    first = FittedClimatology.from_stations(table, settings)
    targets = transformed_targets(table)
    marks = {}
    for q in QUANTITIES:
        rows, values = targets[q]
        per_station = np.sqrt(((first.fields[q].loo - values) ** 2).mean(1))
        bad = per_station > SCREEN_FACTOR * np.median(per_station)
        marks[q] = np.zeros(len(table), bool)
        marks[q][rows[bad]] = True
        worst = rows[bad][np.argsort(-per_station[bad])][:5]
        log(f"{q}: {bad.sum()} screened, e.g. " + ", ".join(f"{table.name[i]} ({table.lat[i]:.2f}, "
                                                             f"{table.lon[i]:.2f})" for i in worst))
    return marks, first


def fit(table, settings: KrigingSettings, blocks, log) -> tuple[FittedClimatology, dict[str, np.ndarray]]:
    """Screen, then fit each quantity to its unscreened stations."""
    marks, _ = screen(table, settings, log)
    masked = table_without(table, marks)
    model = FittedClimatology.from_stations(masked, settings, blocks=blocks)
    return model, marks


def table_without(table, marks: dict[str, np.ndarray]):
    """The table with each screened station's values of the screened quantity set to NaN."""
    import dataclasses

    columns = {"temperature": ["air_temperature_mean"], "diurnal_range": ["air_temperature_max", "air_temperature_min"],
               "max_share": ["air_temperature_max", "air_temperature_min"], "precipitation": ["precipitation"],
               "wet_days": ["wet_days"], "humidity": ["vapour_pressure"]}
    values = {k: getattr(table, k).copy() for k in ("air_temperature_mean", "air_temperature_max",
                                                    "air_temperature_min", "precipitation", "wet_days",
                                                    "vapour_pressure")}
    for q, m in marks.items():
        for c in columns[q]:
            values[c][m] = np.nan
    return dataclasses.replace(table, **values)


def write_doc(text: str, doc: Path = DOC) -> None:
    """Replace the text between the generated markers of docs/climate.md."""
    content = doc.read_text()
    if BEGIN not in content or END not in content:
        raise SystemExit(f"{doc} lacks the markers {BEGIN} / {END}")
    head, rest = content.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    doc.write_text(f"{head}{BEGIN}\n{text}\n{END}{tail}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[DEFAULT_TABLE], help="station tables (CSV)")
    parser.add_argument("--cv", action="store_true", help="print the cross-validation tables")
    parser.add_argument("--write-doc", action="store_true", help="with --cv: put the tables into docs/climate.md")
    parser.add_argument("--subset", type=float, default=1.0,
                        help="use this random fraction of the stations (writes no coefficients)")
    parser.add_argument("--no-coefficients", action="store_true", help="write no coefficients")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"coefficients file (default {DEFAULT_OUT})")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()

    def log(msg: str) -> None:
        print(f"[{time.perf_counter() - t0:6.1f} s] {msg}", file=sys.stderr, flush=True)

    missing = [str(p) for p in args.paths if not p.is_file()]
    if missing:
        print(f"station table(s) not found: {', '.join(missing)}", file=sys.stderr)
        return 2
    table, reports = read_station_files(args.paths, require_temperature=False)
    for report in reports:
        log(f"{report.path}: {report.rows_read} rows read, {report.rows_kept} kept, {len(report.skipped)} skipped")
    if args.subset < 1.0:
        table = table.subset(np.random.default_rng(0).random(len(table)) < args.subset)
        log(f"subset: {len(table)} stations")
    settings = KrigingSettings()
    blocks = spatial_blocks(table.lat, table.lon) if args.cv else None
    model, marks = fit(table, settings, blocks, log)
    log("fitted")
    if args.cv:
        text = cv_tables(table, model, marks, asian_mask(table) if args.subset >= 1.0 else None)
        print(text)
        if args.write_doc:
            write_doc(text)
            log(f"wrote {DOC}")
    if args.subset >= 1.0 and not args.no_coefficients:
        model.description = (f"built-in: kriging fit to the WMO 1991-2020 normals of {len(table)} stations "
                             "worldwide (docs/climate.md)")
        data = model.to_coefficients()
        args.out.write_text(json.dumps(data, separators=(",", ":")) + "\n")
        log(f"wrote {args.out}: {args.out.stat().st_size / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
