"""Fit the built-in climate model to station normals, or print its leave-one-station-out cross-validation.

    python tools/fit_climate.py PATH...          # refit; writes src/longwalk/atlas/data/climate_coefficients.json
    python tools/fit_climate.py --cv PATH...     # print the CV table (ours and the cubic-polynomial baseline)

PATH are station tables in the format of ``longwalk.atlas.stations`` (e.g. the Asian table and the derived Indian
normals in ``../shared/data/climate/``; the worldwide table there repeats the Asian stations).
Bad rows are reported and skipped.  Method and figures: ``docs/climate.md``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path

import numpy as np

from longwalk.atlas.climate import (
    COEFFICIENTS_FILE,
    PRECIPITATION_OFFSET,
    FittedClimatology,
    KrigingSettings,
    distance_to_ocean,
    fit_diurnal_range,
)
from longwalk.atlas.stations import read_station_files

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "src" / "longwalk" / "atlas" / "data" / COEFFICIENTS_FILE

# (south, north, west, east, min elevation, max elevation) [degree, m]
REGIONS = {
    "Siberia": (52.0, 90.0, -180.0, 180.0, -1e9, 1e9),
    "Mongolia/Gobi": (41.0, 52.0, 87.0, 122.0, -1e9, 1e9),
    "Tibetan plateau": (26.0, 38.0, 78.0, 104.0, 2500.0, 1e9),
    "Indian plains/Himalayan foothills": (20.0, 31.5, 70.0, 92.0, -1e9, 2500.0),
}


def region_masks(table) -> dict[str, np.ndarray]:
    masks = {"all": np.ones(len(table), bool)}
    for name, (s, n, w, e, zlo, zhi) in REGIONS.items():
        masks[name] = ((table.lat >= s) & (table.lat <= n) & (table.lon >= w) & (table.lon <= e)
                       & (table.elevation >= zlo) & (table.elevation < zhi))
    return masks


def baseline_loo(table, full: bool = True) -> tuple[np.ndarray, int]:
    """LOO prediction of the baseline: per-month OLS cubic polynomial in lat, lon, elevation, distance to the ocean.

    ``full``: all 35 monomials of degree <= 3 in the four standardised variables; else the 13-term separable
    cubic (each variable's 1st-3rd power, no products).  The OLS leave-one-out residual is ``e_i / (1 - h_ii)``
    (hat matrix), exactly a refit without station i.  Returns the predictions and the number of coefficients.
    """
    variables = [(v - v.mean()) / v.std() for v in (table.lat, table.lon, table.elevation,
                                                    distance_to_ocean(table.lat, table.lon))]
    cols = [np.ones(len(table))]
    for degree in (1, 2, 3):
        if full:
            cols += [np.prod([variables[i] for i in c], axis=0)
                     for c in itertools.combinations_with_replacement(range(4), degree)]
        else:
            cols += [v**degree for v in variables]
    x = np.column_stack(cols)
    hat = x @ np.linalg.pinv(x)
    residual = table.air_temperature_mean - hat @ table.air_temperature_mean
    return table.air_temperature_mean - residual / (1.0 - np.diag(hat))[:, None], x.shape[1] * 12


def dtr_loo(table) -> np.ndarray:
    """Leave-one-station-out error of the diurnal-range regression [°C], (stations with max/min, 12)."""
    from longwalk.atlas.climate import MONTH_MID_DAY, diurnal_temperature_range, toa_daily_insolation

    ok = np.flatnonzero(np.isfinite(table.air_temperature_max).all(1) & np.isfinite(table.precipitation).all(1))
    errors = []
    for i in ok:
        keep = np.ones(len(table), bool)
        keep[i] = False
        c = fit_diurnal_range(table.subset(keep))
        pred = diurnal_temperature_range(c, table.precipitation[i], toa_daily_insolation(table.lat[i], MONTH_MID_DAY),
                                         table.elevation[i], distance_to_ocean(table.lat[i], table.lon[i]))
        errors.append(pred - (table.air_temperature_max[i] - table.air_temperature_min[i]))
    return np.array(errors)


def cv_table(table, settings: KrigingSettings) -> str:
    model = FittedClimatology.from_stations(table, settings, dtr=np.zeros(5))
    ours = model.temperature.loo
    base, n_base = baseline_loo(table, full=True)
    base13, n_base13 = baseline_loo(table, full=False)
    truth = table.air_temperature_mean
    lines = [
        f"Leave-one-station-out CV, monthly mean air temperature [°C], {len(table)} stations",
        "",
        "| region | stations | ours RMSE | ours bias | ours worst month | cubic RMSE | cubic bias | "
        "separable cubic RMSE |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, m in region_masks(table).items():
        eo, eb, e13 = ours[m] - truth[m], base[m] - truth[m], base13[m] - truth[m]
        worst = np.sqrt((eo**2).mean(0))
        lines.append(f"| {name} | {m.sum()} | {np.sqrt((eo**2).mean()):.2f} | {eo.mean():+.2f} | "
                     f"{worst.max():.2f} (month {worst.argmax() + 1}) | {np.sqrt((eb**2).mean()):.2f} | "
                     f"{eb.mean():+.2f} | {np.sqrt((e13**2).mean()):.2f} |")
    overall = np.sqrt(((ours - truth) ** 2).mean())
    lines += ["", f"Overall RMSE to three decimals: ours {overall:.3f} °C, baseline "
              f"{np.sqrt(((base - truth) ** 2).mean()):.3f} °C."]
    has_p = np.isfinite(table.precipitation).all(1)
    p_true = table.precipitation[has_p]
    p_loo = np.maximum(np.exp(model.precipitation.loo) - PRECIPITATION_OFFSET, 0.0)
    monthly_rel = np.abs(p_loo - p_true) / np.maximum(p_true, 1.0)
    annual_rel = (p_loo.sum(1) - p_true.sum(1)) / p_true.sum(1)
    lines += ["", f"Precipitation ({has_p.sum()} stations): leave-one-out relative error",
              "", "| region | median abs monthly | median abs annual | mean annual (bias) |", "|---|---|---|---|"]
    for name, m in region_masks(table).items():
        mm = m[has_p]
        lines.append(f"| {name} | {np.median(monthly_rel[mm]):.0%} | {np.median(np.abs(annual_rel[mm])):.0%} | "
                     f"{annual_rel[mm].mean():+.0%} |")
    d = dtr_loo(table)
    lines += ["", f"Diurnal range Tmax - Tmin ({len(d)} stations with max/min): leave-one-station-out RMSE "
              f"{np.sqrt((d**2).mean()):.2f} °C, bias {d.mean():+.2f} °C",
              "", f"Baselines: cubic {n_base} numbers, separable cubic {n_base13} numbers. Ours: {settings}."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path, help="station tables (CSV)")
    parser.add_argument("--cv", action="store_true", help="print the cross-validation table, write nothing")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"coefficients file (default {DEFAULT_OUT})")
    args = parser.parse_args(argv)
    table, reports = read_station_files(args.paths)
    for report in reports:
        print(report, file=sys.stderr)
    settings = KrigingSettings()
    if args.cv:
        print(cv_table(table, settings))
        return 0
    dtr = fit_diurnal_range(table)
    model = FittedClimatology.from_stations(
        table, settings, dtr=dtr,
        description=f"built-in: kriging fit to {len(table)} WMO 1991-2020 station normals (docs/climate.md)")
    data = model.to_coefficients()
    args.out.write_text(json.dumps(data, separators=(",", ":")) + "\n")
    n_numbers = sum(np.size(np.asarray(v)) for f in ("temperature", "precipitation") for v in data[f].values())
    n_numbers += len(data["knots"]) + len(data["diurnal_range"])
    print(f"wrote {args.out}: {n_numbers} numbers, {args.out.stat().st_size / 1e3:.0f} kB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
