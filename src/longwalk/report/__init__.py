"""report layer: the journal and the open-format exports of one run (see docs/outputs.md)."""

from longwalk.report.export import (
    OUTPUT_FILES,
    route_geojson,
    summary_dict,
    write_days_csv,
    write_geojson,
    write_gpx,
    write_outputs,
    write_summary,
)
from longwalk.report.journal import weather_words, write_journal

__all__ = [
    "OUTPUT_FILES", "route_geojson", "summary_dict", "weather_words", "write_days_csv", "write_geojson",
    "write_gpx", "write_journal", "write_outputs", "write_summary",
]
