"""Read climate station tables defensively.

The format is the one of the WMO 1991–2020 normals extract the climate model is fitted to: a CSV file with a
header row and the columns

``name, lat, lon, elev_m, t01..t12`` (required) — station name, latitude and longitude [degree], elevation [m],
monthly mean air temperature [°C];
``p01..p12`` (optional) — monthly precipitation [mm month-1], empty where unknown;
``tmax01_12``, ``tmin01_12`` (optional) — twelve space-separated monthly means of the daily maximum and minimum
[°C]; or, as in the worldwide WMO extract, ``tx01..tx12`` and ``tn01..tn12``;
``wd01..wd12`` (optional) — mean number of days with at least 1 mm of precipitation [day];
``vp01..vp12`` (optional) — mean vapour pressure [hPa].

Other columns (``wmo_id``, ``country``, ``source``) are ignored.  An optional field is kept only when all twelve
months are present and plausible.  With ``require_temperature=False`` (how ``tools/fit_climate.py`` reads the
worldwide table, where many stations report only some elements) a row without mean temperatures is kept if it has
any other field.  Real tables have faults — an impossible elevation, a month
missing, text where a number belongs — so :func:`read_stations` never stops at a bad row: it skips it (or, for
optional fields, drops just that field) and lists every problem in a :class:`StationReport`.  A file that cannot be
used at all (unreadable, missing a required column, no valid row) raises :class:`~longwalk.errors.DataError`.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from longwalk.errors import DataError

MONTHS = tuple(f"{m:02d}" for m in range(1, 13))
REQUIRED_COLUMNS = ("name", "lat", "lon", "elev_m", *(f"t{m}" for m in MONTHS))

# Plausibility limits: the lowest dry land is the Dead Sea shore (about -430 m) and the highest station-bearing
# ground is below 9000 m; monthly mean temperatures on Earth lie within about -70..+50 °C and monthly
# precipitation below the Cherrapunji record (9300 mm, July 1861).
ELEVATION_RANGE = (-450.0, 9000.0)
TEMPERATURE_RANGE = (-70.0, 50.0)
PRECIPITATION_RANGE = (0.0, 10000.0)
# A month has at most 31 days with precipitation; vapour pressure is at most the saturation pressure at the hottest
# monthly mean on Earth (e0(50 °C) = 123 hPa, FAO-56 eq. 11).
WET_DAYS_RANGE = (0.0, 31.0)
VAPOUR_PRESSURE_RANGE = (0.0, 123.0)


@dataclass(frozen=True)
class BadRow:
    """One problem found in a station table: ``line`` is the 1-based line in the file (the header is line 1)."""

    line: int
    name: str
    problem: str
    skipped: bool

    def __str__(self) -> str:
        action = "row skipped" if self.skipped else "field ignored"
        return f"line {self.line} ({self.name or 'no name'}): {self.problem}; {action}"


@dataclass
class StationReport:
    """What :func:`read_stations` found wrong: the file, rows read and kept, and each problem."""

    path: str
    rows_read: int = 0
    rows_kept: int = 0
    problems: list[BadRow] = field(default_factory=list)

    @property
    def skipped(self) -> list[BadRow]:
        """The problems that made a whole row unusable."""
        return [p for p in self.problems if p.skipped]

    def __str__(self) -> str:
        lines = [f"{self.path}: {self.rows_read} rows read, {self.rows_kept} kept, {len(self.skipped)} skipped"]
        lines += [f"  {p}" for p in self.problems]
        return "\n".join(lines)


@dataclass(frozen=True)
class StationTable:
    """Valid station rows as arrays (n stations).

    Attributes
    ----------
    name : (n,) station names.
    lat, lon : (n,) [degree].
    elevation : (n,) [m].
    air_temperature_mean : (n, 12) monthly mean air temperature [°C].
    precipitation : (n, 12) [mm month-1], NaN where the row has none.
    air_temperature_max, air_temperature_min : (n, 12) monthly means of daily max/min [°C], NaN where unknown.
    wet_days : (n, 12) mean number of days with >= 1 mm of precipitation [day], NaN where unknown.
    vapour_pressure : (n, 12) mean vapour pressure [hPa], NaN where unknown.
    """

    name: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    elevation: np.ndarray
    air_temperature_mean: np.ndarray
    precipitation: np.ndarray
    air_temperature_max: np.ndarray
    air_temperature_min: np.ndarray
    wet_days: np.ndarray
    vapour_pressure: np.ndarray

    def __len__(self) -> int:
        return len(self.lat)

    def subset(self, keep: np.ndarray) -> StationTable:
        """Return the stations selected by a boolean mask or index array."""
        return StationTable(*(getattr(self, f)[keep] for f in self.__dataclass_fields__))

    @staticmethod
    def concatenate(tables: list[StationTable]) -> StationTable:
        """Join tables row-wise."""
        fields = StationTable.__dataclass_fields__
        return StationTable(*(np.concatenate([getattr(t, f) for t in tables]) for f in fields))


def _number(text: str | None) -> float:
    """Parse a float; empty or missing gives NaN; anything else unparsable raises ValueError."""
    if text is None:
        raise ValueError("missing")
    text = text.strip()
    if not text:
        return float("nan")
    return float(text)


def _twelve(text: str | None) -> np.ndarray:
    parts = (text or "").split()
    if len(parts) != 12:
        raise ValueError(f"expected 12 space-separated values, got {len(parts)}")
    return np.array([float(p) for p in parts])


def read_stations(path: str | Path, *, require_temperature: bool = True) -> tuple[StationTable, StationReport]:
    """Read a station table, skipping and reporting invalid rows.

    Parameters
    ----------
    path : CSV file in the format described in this module's docstring.
    require_temperature : skip rows without twelve mean temperatures (default); False keeps them (NaN) when they
        have some other field.

    Returns
    -------
    (StationTable, StationReport)
        The valid stations and the list of problems (rows skipped; optional fields ignored).

    Raises
    ------
    DataError
        The file cannot be read, lacks a required column, or has no valid station.
    """
    path = Path(path)
    report = StationReport(str(path))
    try:
        handle = path.open(newline="", encoding="utf-8-sig")  # -sig: tolerate the BOM spreadsheets write
    except OSError as err:
        raise DataError(f"cannot read station table {path}: {err.strerror or err}") from err
    rows: dict[str, list] = {k: [] for k in StationTable.__dataclass_fields__}
    try:
        _read_rows(handle, path, report, rows, require_temperature)
    except UnicodeDecodeError as err:
        raise DataError(f"station table {path} is not UTF-8 text ({err.reason} at byte {err.start}); "
                        "save it as UTF-8 CSV") from err
    except csv.Error as err:
        raise DataError(f"station table {path} is not a readable CSV file: {err}") from err
    if report.rows_kept == 0:
        raise DataError(f"station table {path} has no valid station row\n{report}")
    table = StationTable(
        name=np.array(rows["name"], dtype=object),
        **{k: np.array(rows[k], dtype=float) for k in StationTable.__dataclass_fields__ if k != "name"},
    )
    return table, report


def _monthly(row: dict, prefix: str) -> np.ndarray:
    """Twelve values of columns ``<prefix>01..<prefix>12`` (NaN where empty); ValueError if one is not a number."""
    return np.array([_number(row.get(f"{prefix}{m}")) for m in MONTHS])


def _optional_field(row, header, bad, what: str, prefix: str, valid: tuple[float, float], unit: str) -> np.ndarray:
    """An optional monthly field: twelve plausible values, or NaN (with the reason reported unless all empty)."""
    nan = np.full(12, np.nan)
    if f"{prefix}01" not in header:
        return nan
    try:
        values = _monthly(row, prefix)
    except ValueError as err:
        bad(f"{what} is not a number ({err})", skipped=False)
        return nan
    if np.isnan(values).all():
        return nan
    if np.isnan(values).any():
        bad(f"{what} incomplete (some months empty)", skipped=False)
        return nan
    if (values < valid[0]).any() or (values > valid[1]).any():
        bad(f"{what} {values.min():g}..{values.max():g} {unit} is outside {valid[0]:g}..{valid[1]:g} {unit}",
            skipped=False)
        return nan
    return values


def _read_rows(handle, path: Path, report: StationReport, rows: dict[str, list], require_temperature: bool) -> None:
    """Parse every row into ``rows`` and record problems in ``report`` (see :func:`read_stations`)."""
    with handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames or []
        required = REQUIRED_COLUMNS if require_temperature else REQUIRED_COLUMNS[:4]
        missing = [c for c in required if c not in header]
        if missing:
            raise DataError(
                f"station table {path} lacks required column(s) {', '.join(missing)}; "
                f"needed: {', '.join(REQUIRED_COLUMNS)} (optional: p01..p12, tmax01_12, tmin01_12 or tx01..tx12, "
                "tn01..tn12, wd01..wd12, vp01..vp12)"
            )
        has_p = all(f"p{m}" in header for m in MONTHS)
        for line_offset, row in enumerate(reader):
            line = line_offset + 2
            report.rows_read += 1
            name = (row.get("name") or "").strip()

            def bad(problem: str, skipped: bool = True, line=line, name=name) -> None:
                report.problems.append(BadRow(line, name, problem, skipped))

            if None in row:  # more cells than header columns
                bad("more fields than the header has columns")
                continue
            try:
                lat, lon, elev = (_number(row[c]) for c in ("lat", "lon", "elev_m"))
                temp = _monthly(row, "t")
            except ValueError as err:
                bad(f"a required field is not a number ({err})")
                continue
            if not (-90.0 <= lat <= 90.0) or not (-180.0 <= lon <= 360.0):
                bad(f"position lat={lat}, lon={lon} is outside -90..90, -180..360")
                continue
            if not (ELEVATION_RANGE[0] <= elev <= ELEVATION_RANGE[1]):
                bad(f"elev_m={elev} m is impossible (valid {ELEVATION_RANGE[0]:g}..{ELEVATION_RANGE[1]:g} m)")
                continue
            if np.isnan(temp).any() and (require_temperature or not np.isnan(temp).all()):
                months = ", ".join(f"t{MONTHS[i]}" for i in np.flatnonzero(np.isnan(temp)))
                if require_temperature:
                    bad(f"mean temperature missing for {months}")
                    continue
                bad(f"mean temperature incomplete ({months} empty)", skipped=False)
                temp[:] = np.nan
            if (temp < TEMPERATURE_RANGE[0]).any() or (temp > TEMPERATURE_RANGE[1]).any():
                bad(f"a monthly mean temperature {np.nanmin(temp):g}..{np.nanmax(temp):g} °C is outside "
                    f"{TEMPERATURE_RANGE[0]:g}..{TEMPERATURE_RANGE[1]:g} °C", skipped=require_temperature)
                if require_temperature:
                    continue
                temp[:] = np.nan
            prec = np.full(12, np.nan)
            if has_p:
                try:
                    prec = _monthly(row, "p")
                except ValueError as err:
                    bad(f"precipitation is not a number ({err})", skipped=False)
                    prec = np.full(12, np.nan)
                if np.isnan(prec).any() and not np.isnan(prec).all():
                    bad("precipitation incomplete (some months empty)", skipped=False)
                    prec[:] = np.nan
                elif np.isnan(prec).all():
                    bad("no precipitation", skipped=False)
                elif (prec < PRECIPITATION_RANGE[0]).any() or (prec > PRECIPITATION_RANGE[1]).any():
                    bad(f"precipitation {prec.min():g}..{prec.max():g} mm is outside 0..10000 mm", skipped=False)
                    prec[:] = np.nan
            tmax = np.full(12, np.nan)
            tmin = np.full(12, np.nan)
            try:
                if row.get("tmax01_12") or row.get("tmin01_12"):
                    tmax, tmin = _twelve(row.get("tmax01_12")), _twelve(row.get("tmin01_12"))
                elif "tx01" in header and "tn01" in header:
                    tmax, tmin = _monthly(row, "tx"), _monthly(row, "tn")
                    if np.isnan(tmax).any() or np.isnan(tmin).any():
                        if not (np.isnan(tmax).all() and np.isnan(tmin).all()):
                            bad("daily max/min incomplete (some months empty)", skipped=False)
                        tmax = np.full(12, np.nan)
                        tmin = np.full(12, np.nan)
                if (tmax < tmin).any():
                    raise ValueError("a monthly max is below the min")
                both = np.concatenate([tmax, tmin])
                if (both < TEMPERATURE_RANGE[0]).any() or (both > TEMPERATURE_RANGE[1] + 10.0).any():
                    raise ValueError(f"a value outside {TEMPERATURE_RANGE[0]:g}..{TEMPERATURE_RANGE[1] + 10:g} °C")
                if np.isfinite(temp).all() and ((temp > tmax) | (temp < tmin)).any():
                    raise ValueError("a monthly mean lies outside its max..min")
            except ValueError as err:
                bad(f"daily max/min unusable ({err})", skipped=False)
                tmax = np.full(12, np.nan)
                tmin = np.full(12, np.nan)
            wet = _optional_field(row, header, bad, "wet days", "wd", WET_DAYS_RANGE, "days")
            vapour = _optional_field(row, header, bad, "vapour pressure", "vp", VAPOUR_PRESSURE_RANGE, "hPa")
            if not require_temperature and all(np.isnan(a).all() for a in (temp, prec, tmax, wet, vapour)):
                bad("no usable monthly field")
                continue
            for key, value in (("name", name), ("lat", lat), ("lon", ((lon + 180.0) % 360.0) - 180.0),
                               ("elevation", elev), ("air_temperature_mean", temp), ("precipitation", prec),
                               ("air_temperature_max", tmax), ("air_temperature_min", tmin), ("wet_days", wet),
                               ("vapour_pressure", vapour)):
                rows[key].append(value)
            report.rows_kept += 1


def read_station_files(paths: list[str | Path], *, require_temperature: bool = True
                       ) -> tuple[StationTable, list[StationReport]]:
    """Read and join several station tables; see :func:`read_stations`."""
    tables, reports = zip(*(read_stations(p, require_temperature=require_temperature) for p in paths), strict=True)
    return StationTable.concatenate(list(tables)), list(reports)
