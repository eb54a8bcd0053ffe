"""Setting out on real terrain: leg dates, the season's ice on Lake Baikal, unreachable legs, the plan cache."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from longwalk.engine.plan import plan_journey
from longwalk.engine.records import Status
from longwalk.engine.simulate import simulate
from longwalk.errors import RoutingError
from longwalk.scenario.schema import Scenario

# West shore (Bolshoye Goloustnoye side) to the east shore near Ust-Barguzin: 170 km across the ice, about 700 km
# round the south end by land (routing_anchors.md: Baikal is crossed on ice in winter).
WEST = dict(name="West shore", lat=53.0, lon=106.6)
EAST = dict(name="East shore", lat=53.0, lon=108.9)
REGION = (51.0, 56.0, 104.0, 111.0)


@pytest.fixture(scope="module")
def atlas():
    from longwalk.atlas import load_atlas

    return load_atlas(REGION)


@pytest.fixture(autouse=True)
def _own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("LONGWALK_CACHE", str(tmp_path))


def _crossing(start: str, atlas, **kw) -> Scenario:
    return Scenario.model_validate(dict(
        name="baikal-crossing", start_date=start, max_days=40,
        party=[dict(name="a", sex="male", age=30, height=1.78, body_mass=75.0, body_fat=0.18, fitness=0.6,
                    clothing_insulation=3.5)],
        supplies=dict(food=[dict(kind="rations", mass=25.0, energy_density=4000.0)], water=2.0, water_capacity=2.0,
                      sleeping_insulation=8.0, shelter="tent", fire="matches"),
        route=[WEST, EAST], **kw))


def test_frozen_baikal_is_crossed_in_march(atlas):
    march = plan_journey(_crossing("1941-03-05", atlas), atlas=atlas)
    lake = [c for c in march.route.crossings if c.kind == "lake"]
    assert lake and all(c.frozen for c in lake)
    assert (march.track.surface == 2).sum() >= 5  # the route runs over the lake's cells
    assert march.track.length < 250_000.0
    r = simulate(_crossing("1941-03-05", atlas), n_runs=20, seed=1, atlas=atlas)
    arrived = [f for row in r.fates for f in row if f.status == Status.ARRIVED]
    assert len(arrived) >= 18
    on_ice = march.track.x[march.track.surface == 2]
    # the walkers' daily positions pass through the stretch on the ice
    pos = r.daily.route_position[:, :, 0]
    assert np.any((pos > on_ice.min()) & (pos < on_ice.max()))


def test_open_baikal_in_august_is_walked_round(atlas):
    august = plan_journey(_crossing("1941-08-05", atlas), atlas=atlas)
    assert not any(c.kind == "lake" for c in august.route.crossings)
    assert (august.track.surface == 2).sum() == 0
    assert august.track.length > 2 * 170_000.0


def test_leg_dates_follow_the_walk(atlas):
    sc = _crossing("1941-03-05", atlas, policy=dict(hours_per_day=6.0, rest_every=3))
    sc = sc.model_copy(update={"route": sc.route[:1] + (sc.route[1].model_copy(update={"rest_days": 3}),)
                               + (sc.route[0].model_copy(update={"name": "Back"}),)})
    from longwalk.routing import plan_route

    plan = plan_journey(sc, atlas=atlas, need_climate=False)
    assert plan.leg_dates[0] == dt.date(1941, 3, 5)
    # the dates come from the season-free routing of each leg (lakes open: Baikal walked round)
    rough = plan_route(atlas, [(w.lat, w.lon) for w in sc.route], date=None)
    wi = np.asarray(rough.waypoint_index)
    leg1_hours = rough.time[wi[0] + 1: wi[1] + 1].sum() / 3600.0
    expected = leg1_hours / 6.0 * (1 + 1 / 3) + 3  # walking days at 6 h, a rest day in four, 3 days at the shore
    assert abs((plan.leg_dates[1] - plan.leg_dates[0]).days - expected) <= 1


def test_unreachable_leg_names_the_leg(atlas):
    sc = _crossing("1941-08-05", atlas)
    sea = sc.route[0].model_copy(update={"name": "Olkhon strait", "lat": 53.55, "lon": 108.2})  # mid-lake
    bad = sc.model_copy(update={"route": (sc.route[0], sea)})
    with pytest.raises(RoutingError, match="leg 1 from 'West shore' to 'Olkhon strait'"):
        plan_journey(bad, atlas=atlas, need_climate=False)


def test_plan_is_cached(atlas, tmp_path):
    sc = _crossing("1941-03-05", atlas)
    plan_journey(sc, atlas=atlas)
    assert len(list((tmp_path / "engine").glob("plan-*.npz"))) == 1
    assert len(list((tmp_path / "engine").glob("plan-*.json"))) == 1
    assert not list((tmp_path / "engine").glob("plan-*.pkl"))  # no pickle
    again = plan_journey(sc, atlas=atlas)
    assert np.array_equal(again.track.x, plan_journey(sc, atlas=atlas, cache=False).track.x)


def _same(a, b, where="plan"):
    """Recursive equality of a plan's parts: arrays equal in dtype, shape and bits; same fields, same types."""
    assert type(a) is type(b), where
    if isinstance(a, np.ndarray | np.generic):
        assert a.dtype == b.dtype and np.shape(a) == np.shape(b), where
        if a.dtype == object:
            assert a.tolist() == b.tolist(), where
        else:
            assert np.asarray(a).tobytes() == np.asarray(b).tobytes(), where
    elif isinstance(a, dict):
        assert a.keys() == b.keys(), where
        for k in a:
            _same(a[k], b[k], f"{where}[{k!r}]")
    elif isinstance(a, list | tuple):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            _same(x, y, f"{where}[{i}]")
    elif hasattr(a, "__dict__"):
        assert vars(a).keys() == vars(b).keys(), where
        for k in vars(a):
            _same(getattr(a, k), getattr(b, k), f"{where}.{k}")
    elif isinstance(a, float) and np.isnan(a):
        assert np.isnan(b), where
    else:
        assert a == b, where


def _result_bytes(result) -> list:
    """Everything a simulation produced, as bytes and reprs, for a byte-for-byte comparison."""
    out = [repr(result.fates), repr(result.incidents), result.n_days]
    for name, value in sorted(vars(result.daily).items()):
        out.append((name, np.asarray(value).tobytes() if isinstance(value, np.ndarray) else repr(value)))
    return out


def test_cached_plan_reads_back_equal_and_simulates_identically(atlas, tmp_path):
    from longwalk.engine.plan import load_plan, save_plan

    sc = _crossing("1941-03-05", atlas)
    built = plan_journey(sc, atlas=atlas, cache=False)
    assert save_plan(tmp_path / "engine" / "plan-roundtrip", built)
    loaded = load_plan(tmp_path / "engine" / "plan-roundtrip")
    assert loaded is not built
    _same(built, loaded)
    assert built.route.crossings and built.track.biome is not None  # the round trip covered these parts
    a = simulate(sc, n_runs=4, seed=3, atlas=atlas, plan=built)
    b = simulate(sc, n_runs=4, seed=3, atlas=atlas, plan=loaded)
    assert _result_bytes(a) == _result_bytes(b)


@pytest.mark.parametrize("how", ["truncated", "empty", "zeroed", "bitflip"])
def test_damaged_cached_plan_is_rebuilt(atlas, tmp_path, capsys, how):
    sc = _crossing("1941-03-05", atlas)
    first = plan_journey(sc, atlas=atlas, need_climate=False)
    (path,) = (tmp_path / "engine").glob("plan-*.npz")
    data = path.read_bytes()
    damaged = {"truncated": data[: len(data) // 2], "empty": b"", "zeroed": bytes(len(data)),
               "bitflip": data[: len(data) * 2 // 3] + bytes([data[len(data) * 2 // 3] ^ 0x10])
               + data[len(data) * 2 // 3 + 1:]}
    path.write_bytes(damaged[how])
    capsys.readouterr()
    again = plan_journey(sc, atlas=atlas, need_climate=False)
    assert "the cached route plan" in capsys.readouterr().err
    assert np.array_equal(again.track.x, first.track.x)
    assert again.leg_dates == first.leg_dates


def test_fixed_weather_keeps_streams_wells_and_biomes():
    # a what-if on the weather alone: the climate still places biomes and the arid stretches (wells, streams)
    from longwalk.engine.plan import plan_journey
    from longwalk.scenario import load_scenario

    sc = load_scenario("the-way-back", ["weather.air_temperature_max=10", "weather.air_temperature_min=0"])
    fixed = plan_journey(sc, need_climate=False)
    full = plan_journey(load_scenario("the-way-back"), need_climate=True)
    assert fixed.climate_table is None and full.climate_table is not None
    np.testing.assert_array_equal(fixed.track.biome, full.track.biome)
    np.testing.assert_array_equal(fixed.track.annual_precipitation, full.track.annual_precipitation)


def test_place_names_resolve_worldwide_without_an_atlas():
    from longwalk.engine.plan import resolve_waypoints

    sc = Scenario.model_validate({**_crossing("1941-03-05", None).model_dump(),
                                  "route": [dict(name="Sapporo", place="Sapporo"), dict(name="Otaru", place="Otaru")]})
    (lat0, lon0), (lat1, lon1) = resolve_waypoints(sc)  # outside the old 20-70N, 70-140E region
    assert (lat0, lon0) == pytest.approx((43.06, 141.35), abs=0.1)
    assert (lat1, lon1) == pytest.approx((43.19, 141.0), abs=0.1)


def test_the_window_is_in_the_cache_key():
    from longwalk.atlas import load_atlas
    from longwalk.engine.plan import _cache_key

    sc = _crossing("1941-03-05", None)
    points = [(53.0, 106.6), (53.0, 108.9)]
    small = load_atlas((52.0, 54.0, 106.0, 109.0), resolution=0.25)
    large = load_atlas((51.0, 55.0, 105.0, 110.0), resolution=0.25)
    assert _cache_key(sc, points, small, True) != _cache_key(sc, points, large, True)


def test_a_climate_outside_the_possible_fails_the_plan_clearly():
    from longwalk.engine.plan import _check_climate
    from longwalk.engine.track import build_track
    from longwalk.errors import DataError

    track = build_track([0.0, 1000.0], [39.7, 39.8], [-105.0, -105.1], [1600, 1650], [1, 1], [0, 0], [0, 900],
                        waypoint_x=[0, 1000])
    table = {"air_temperature_mean": np.full((2, 366), 10.0), "precipitation": np.full((2, 366), 1.0)}
    _check_climate(track, table)  # a possible climate passes
    table["air_temperature_mean"][1, 40] = -543.3  # what the old regional climate gave near Denver
    with pytest.raises(DataError, match=r"does not cover this route.*-543.3 °C at 39.80, -105.10 \(day 41"):
        _check_climate(track, table)
