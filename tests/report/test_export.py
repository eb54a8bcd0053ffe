"""summary.json, days.csv, days.parquet, route.geojson, track.gpx on the hand-built journey of journey_fixture.py."""

import csv
import datetime as dt
import io
import json
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from journey_fixture import END, START, haversine, janusz_daily_distance, make_result

from longwalk.report import route_geojson, write_days_csv, write_geojson, write_gpx, write_outputs, write_summary
from longwalk.report.export import (
    DAY_DISTANCE,
    DAYS_COLUMNS,
    DAYS_UNITS,
    ELEVATION,
    OUTPUT_FILES,
    ROUTE_POSITION,
    write_days_parquet,
)

GPX = "{http://www.topografix.com/GPX/1/1}"


def test_summary_content(result):
    summary = json.loads(write_summary(result))
    janusz, kazik = summary["people"]
    assert (janusz["name"], janusz["fate"], janusz["day"], janusz["date"]) == ("Janusz", "arrived", 11, "1941-03-12")
    assert (janusz["lat"], janusz["lon"], janusz["place"]) == (55.783, 109.55, "near Lake Baikal")
    assert (kazik["fate"], kazik["cause"], kazik["date"]) == ("dead", "hypothermia", "1941-03-02")
    assert kazik["chain"][0] == "night-blind"
    route_km = haversine(*START, *END) / 1000.0  # the fixture's route is a straight line of 30 segments
    assert summary["totals"]["days"] == 12
    assert summary["totals"]["route_position_km"] == pytest.approx(route_km, abs=0.15)
    assert summary["totals"]["route_length_km"] == pytest.approx(route_km, abs=0.15)
    assert kazik["total_distance_km"] == 20.0
    assert (summary["totals"]["arrived"], summary["totals"]["dead"], summary["totals"]["left"]) == (1, 1, 0)
    assert (summary["scenario"], summary["seed"], summary["run"]) == ("tiny-way-back", 0, 0)


def test_summary_is_byte_identical_and_canonical(result):
    text = write_summary(result)
    assert text == write_summary(make_result())
    data = json.loads(text)
    assert text == json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    assert write_summary(make_result(seed=1)) != text  # the seed is recorded


def test_summary_nan_is_null(result):
    result.fates[0][1] = result.fates[0][1].__class__(**{**result.fates[0][1].__dict__, "lat": float("nan")})
    data = json.loads(write_summary(result))
    assert data["people"][1]["lat"] is None


def test_days_csv_rows_and_values(result):
    rows = list(csv.DictReader(io.StringIO(write_days_csv(result))))
    assert tuple(rows[0]) == DAYS_COLUMNS
    # Janusz: days 0-11 (12 rows); Kazik: day 0 and the day he died (2 rows).
    assert [r["person"] for r in rows].count("Janusz") == 12
    kazik = [r for r in rows if r["person"] == "Kazik"]
    assert [(r["day"], r["status"]) for r in kazik] == [("0", "walking"), ("1", "dead")]
    janusz = [r for r in rows if r["person"] == "Janusz"]
    expected = janusz_daily_distance(make_result().route.total_distance) / 1000.0
    np.testing.assert_allclose([float(r["day_distance_km"]) for r in janusz], expected, atol=0.005)
    assert janusz[1]["weather"] == "blizzard" and janusz[1]["status"] == "resting"
    assert janusz[0]["date"] == "1941-03-01" and janusz[-1]["date"] == "1941-03-12"
    assert janusz[0]["air_temperature_min_c"] == "-18.0"


def _positions(geometry):
    if geometry["type"] == "Point":
        return [geometry["coordinates"]]
    return geometry["coordinates"]


def test_geojson_follows_rfc7946(result):
    data = json.loads(write_geojson(result))
    assert data["type"] == "FeatureCollection"
    for feature in data["features"]:
        assert feature["type"] == "Feature" and isinstance(feature["properties"], dict)
        assert feature["geometry"]["type"] in ("Point", "LineString")
        for lon, lat in _positions(feature["geometry"]):
            assert -180 <= lon <= 180 and -90 <= lat <= 90
        if feature["geometry"]["type"] == "LineString":
            assert len(feature["geometry"]["coordinates"]) >= 2  # RFC 7946 §3.1.4
    planned = [f for f in data["features"] if f["properties"]["kind"] == "planned_route"][0]
    # RFC 7946 §3.1.1: longitude first.  Camp is at 58.3 N, 108.5 E.
    assert planned["geometry"]["coordinates"][0] == [108.5, 58.3]
    assert planned["geometry"]["coordinates"][-1] == [109.55, 55.783]
    kinds = [f["properties"]["kind"] for f in data["features"]]
    assert kinds.count("waypoint") == 2 and kinds.count("camp") == 12
    assert kinds.count("death") == 1 and kinds.count("arrival") == 1
    events = [(f["properties"]["event"], f["properties"]["day"]) for f in data["features"]
              if f["properties"]["kind"] == "event"]
    assert events == [("blizzard", 1), ("water_found", 5)]
    camp5 = [f for f in data["features"] if f["properties"]["kind"] == "camp"][5]["properties"]
    assert (camp5[DAY_DISTANCE], camp5[ELEVATION]) == (25.0, 480.0)
    assert camp5[ROUTE_POSITION] == pytest.approx(20 + 4 * 25, abs=0.005)  # 20 km on day 0, none on day 1
    death = [f for f in data["features"] if f["properties"]["kind"] == "death"][0]
    assert death["properties"]["person"] == "Kazik" and death["properties"]["cause"] == "hypothermia"
    assert route_geojson(result) == json.loads(write_geojson(make_result()))


def test_gpx_is_gpx_1_1(result):
    root = ET.fromstring(write_gpx(result).encode("utf-8"))
    assert root.tag == GPX + "gpx" and root.get("version") == "1.1" and root.get("creator")
    children = [c.tag.removeprefix(GPX) for c in root]
    # GPX 1.1 schema order: metadata?, wpt*, rte*, trk*, extensions?
    order = {"metadata": 0, "wpt": 1, "rte": 2, "trk": 3, "extensions": 4}
    assert [order[c] for c in children] == sorted(order[c] for c in children)
    wpts = root.findall(GPX + "wpt")
    camps = [w for w in wpts if w.findtext(GPX + "type") == "camp"]
    assert len(camps) == 12
    # The fixture's events: 2 route waypoints, Kazik's death (day 1), the blizzard (day 1), water found (day 5),
    # Janusz's arrival (day 11).
    types = [w.findtext(GPX + "type") for w in wpts if w.findtext(GPX + "type") != "camp"]
    assert types == ["waypoint", "waypoint", "death", "blizzard", "water_found", "arrival"]
    for w in wpts:
        # wptType order: ele, time, ..., name, cmt, desc, src, link, sym, type
        tags = [c.tag.removeprefix(GPX) for c in w]
        ranks = {"ele": 0, "time": 1, "name": 2, "cmt": 3, "desc": 4, "type": 5}
        assert [ranks[t] for t in tags] == sorted(ranks[t] for t in tags)
        assert -90 <= float(w.get("lat")) <= 90 and -180 <= float(w.get("lon")) <= 180
    points = root.findall(f"{GPX}trk/{GPX}trkseg/{GPX}trkpt")
    lat = np.array([float(p.get("lat")) for p in points])
    assert lat[0] == START[0] and lat[-1] == pytest.approx(END[0], abs=1e-5)
    assert np.all(np.diff(lat) <= 1e-9)  # the track runs steadily south along the route
    # The track follows the route's vertices between camps: more points than camps.
    assert len(points) > 12
    # From the start to the arrival along the fixture's straight route: its whole length.
    lon = np.array([float(p.get("lon")) for p in points])
    walked = sum(haversine(lat[i], lon[i], lat[i + 1], lon[i + 1]) for i in range(len(lat) - 1))
    assert walked == pytest.approx(haversine(*START, *END), rel=1e-4)


def test_write_outputs(tmp_path, result):
    paths = write_outputs(result, tmp_path)
    assert [p.name for p in paths] == list(OUTPUT_FILES)
    assert all(p.stat().st_size > 0 for p in paths)


def test_someone_who_never_joined_has_no_place(result):
    import dataclasses

    from longwalk.engine.records import Status

    result.fates[0][1] = dataclasses.replace(result.fates[0][1], status=Status.ABSENT, day=-1, date=None, cause="",
                                             chain=())
    kazik = json.loads(write_summary(result))["people"][1]
    assert (kazik["fate"], kazik["place"], kazik["lat"], kazik["day"]) == ("absent", "", None, None)


def test_parquet_holds_the_daily_table_at_full_precision(tmp_path, result):
    pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow is a dependency; install the package")
    path = tmp_path / "days.parquet"
    write_days_parquet(result, path)
    table = pq.read_table(path)
    assert tuple(table.column_names) == DAYS_COLUMNS
    rows = table.to_pylist()
    # Janusz's days from the fixture, independent of the writer: 20 km, blizzard rest, 25 km a day, the rest.
    janusz = [r for r in rows if r["person"] == "Janusz"]
    expected = janusz_daily_distance(make_result().route.total_distance) / 1000.0
    assert [r[DAY_DISTANCE] for r in janusz] == pytest.approx(expected, abs=1e-9)
    assert janusz[0]["date"] == dt.date(1941, 3, 1) and janusz[-1]["status"] == "arrived"
    assert janusz[1]["weather"] == "blizzard" and janusz[0]["night_travel"] is False
    assert janusz[0]["air_temperature_min_c"] == -18.0 and janusz[1]["air_temperature_min_c"] == -24.0
    # The same rows as days.csv: every number equal to the CSV's within the CSV's rounding.
    csv_rows = list(csv.DictReader(io.StringIO(write_days_csv(result))))
    assert len(csv_rows) == len(rows) == 14
    for c, p in zip(csv_rows, rows, strict=True):
        for name in DAYS_COLUMNS:
            if isinstance(p[name], float):
                assert float(c[name]) == pytest.approx(p[name], abs=0.51 * 10 ** -_decimals(c[name])), name
            elif name == "night_travel":
                assert c[name] == str(int(p[name]))
            else:
                assert c[name] == str(p[name]), name
    schema = table.schema
    assert schema.field(DAY_DISTANCE).metadata == {b"unit": b"km"}
    assert schema.field("air_temperature_max_c").metadata == {b"unit": b"degC"}
    assert schema.metadata[b"scenario"] == b"tiny-way-back"
    again = tmp_path / "again.parquet"
    write_days_parquet(make_result(), again)
    assert again.read_bytes() == path.read_bytes()  # same run, same bytes


def _decimals(text: str) -> int:
    return len(text.split(".")[1]) if "." in text else 0


def test_parquet_missing_numbers_are_nulls(tmp_path, result):
    pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow is a dependency; install the package")
    result.daily.body_mass[0, 3, 0] = np.nan
    write_days_parquet(result, tmp_path / "d.parquet")
    rows = pq.read_table(tmp_path / "d.parquet").to_pylist()
    janusz = [r for r in rows if r["person"] == "Janusz"]
    assert janusz[3]["body_mass_kg"] is None and janusz[4]["body_mass_kg"] == pytest.approx(62 - 2 * 4 / 11)


def test_gpx_reads_back_in_an_independent_parser(result):
    gpxpy = pytest.importorskip("gpxpy", reason="gpxpy (test extra) reads GPX independently of our writer")
    gpx = gpxpy.parse(write_gpx(result))
    assert gpx.version == "1.1"
    camps = [w for w in gpx.waypoints if w.type == "camp"]
    assert len(camps) == 12 and camps[0].name == "Camp 1941-03-01"
    death = [w for w in gpx.waypoints if w.type == "death"][0]
    assert death.name == "Death Kazik 1941-03-02" and "hypothermia" in death.description
    assert (death.latitude, death.longitude) == pytest.approx((result.daily.lat[0, 1, 1], result.daily.lon[0, 1, 1]),
                                                              abs=1e-5)
    points = gpx.tracks[0].segments[0].points
    assert (points[0].latitude, points[0].longitude) == START
    # gpxpy's own 2D length (haversine on its Earth radius) against the fixture's straight route
    assert gpx.tracks[0].length_2d() == pytest.approx(haversine(*START, *END), rel=2e-3)


def test_events_are_in_date_order_with_their_people(result):
    features = route_geojson(result)["features"]
    events = [f["properties"] for f in features if f["properties"]["kind"] in ("event", "death", "arrival")]
    assert [e["day"] for e in events] == sorted(e["day"] for e in events)
    water = [e for e in events if e.get("event") == "water_found"][0]
    assert water["person"] == "" and water["date"] == "1941-03-06"  # the party's find, on day 5
    arrival = [e for e in events if e["kind"] == "arrival"][0]
    assert arrival["person"] == "Janusz" and arrival["place"] == "near Lake Baikal"


def test_write_outputs_with_figures(tmp_path, result):
    from longwalk.report.figures import RUN_FIGURES

    paths = write_outputs(result, tmp_path, figures=True)
    assert [p.name for p in paths] == list(OUTPUT_FILES) + list(RUN_FIGURES)
    assert all(p.stat().st_size > 0 for p in paths)


def test_daily_field_names_are_columns():
    # the names this module reads back must stay columns of the table (a rename is a change in one place)
    assert {DAY_DISTANCE, ROUTE_POSITION, ELEVATION} <= set(DAYS_COLUMNS)
    assert set(DAYS_UNITS) <= set(DAYS_COLUMNS)
