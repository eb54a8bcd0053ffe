"""summary.json, days.csv, route.geojson, track.gpx on the hand-built journey of journey_fixture.py."""

import csv
import io
import json
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from journey_fixture import END, START, haversine, janusz_daily_distance, make_result

from longwalk.report import route_geojson, write_days_csv, write_geojson, write_gpx, write_outputs, write_summary
from longwalk.report.export import DAYS_COLUMNS, OUTPUT_FILES

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
    assert len(camps) == 12 and len(wpts) == 14
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
