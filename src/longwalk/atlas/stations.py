"""Read climate station tables defensively.

The format is the one of the WMO 1991–2020 normals extract the climate model is fitted to: a CSV file with a
header row and the columns

``name, lat, lon, elev_m, t01..t12`` (required) — station name, latitude and longitude [degree], elevation [m],
monthly mean air temperature [°C];
``p01..p12`` (optional) — monthly precipitation [mm month-1], empty where unknown;
``tmax01_12``, ``tmin01_12`` (optional) — twelve space-separated monthly means of the daily maximum and minimum
[°C].

Other columns (``country``, ``source``) are ignored.  Real tables have faults — an impossible elevation, a month
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
    """

    name: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    elevation: np.ndarray
    air_temperature_mean: np.ndarray
    precipitation: np.ndarray
    air_temperature_max: np.ndarray
    air_temperature_min: np.ndarray

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


def read_stations(path: str | Path) -> tuple[StationTable, StationReport]:
    """Read a station table, skipping and reporting invalid rows.

    Parameters
    ----------
    path : CSV file in the format described in this module's docstring.

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
        _read_rows(handle, path, report, rows)
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


def _read_rows(handle, path: Path, report: StationReport, rows: dict[str, list]) -> None:
    """Parse every row into ``rows`` and record problems in ``report`` (see :func:`read_stations`)."""
    with handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames or []
        missing = [c for c in REQUIRED_COLUMNS if c not in header]
        if missing:
            raise DataError(
                f"station table {path} lacks required column(s) {', '.join(missing)}; "
                f"needed: {', '.join(REQUIRED_COLUMNS)} (optional: p01..p12, tmax01_12, tmin01_12)"
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
                temp = np.array([_number(row[f"t{m}"]) for m in MONTHS])
            except ValueError as err:
                bad(f"a required field is not a number ({err})")
                continue
            if not (-90.0 <= lat <= 90.0) or not (-180.0 <= lon <= 360.0):
                bad(f"position lat={lat}, lon={lon} is outside -90..90, -180..360")
                continue
            if not (ELEVATION_RANGE[0] <= elev <= ELEVATION_RANGE[1]):
                bad(f"elev_m={elev} m is impossible (valid {ELEVATION_RANGE[0]:g}..{ELEVATION_RANGE[1]:g} m)")
                continue
            if np.isnan(temp).any():
                months = ", ".join(f"t{MONTHS[i]}" for i in np.flatnonzero(np.isnan(temp)))
                bad(f"mean temperature missing for {months}")
                continue
            if (temp < TEMPERATURE_RANGE[0]).any() or (temp > TEMPERATURE_RANGE[1]).any():
                bad(f"a monthly mean temperature {temp.min():g}..{temp.max():g} °C is outside "
                    f"{TEMPERATURE_RANGE[0]:g}..{TEMPERATURE_RANGE[1]:g} °C")
                continue
            prec = np.full(12, np.nan)
            if has_p:
                try:
                    prec = np.array([_number(row[f"p{m}"]) for m in MONTHS])
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
            if row.get("tmax01_12") or row.get("tmin01_12"):
                try:
                    tmax, tmin = _twelve(row.get("tmax01_12")), _twelve(row.get("tmin01_12"))
                    if (tmax < tmin).any():
                        raise ValueError("a monthly max is below the min")
                except ValueError as err:
                    bad(f"tmax01_12/tmin01_12 unusable ({err})", skipped=False)
                    tmax = np.full(12, np.nan)
                    tmin = np.full(12, np.nan)
            for key, value in (("name", name), ("lat", lat), ("lon", ((lon + 180.0) % 360.0) - 180.0),
                               ("elevation", elev), ("air_temperature_mean", temp), ("precipitation", prec),
                               ("air_temperature_max", tmax), ("air_temperature_min", tmin)):
                rows[key].append(value)
            report.rows_kept += 1


def read_station_files(paths: list[str | Path]) -> tuple[StationTable, list[StationReport]]:
    """Read and join several station tables; see :func:`read_stations`."""
    tables, reports = zip(*(read_stations(p) for p in paths), strict=True)
    return StationTable.concatenate(list(tables)), list(reports)
