"""The two built-in treks outside Asia: they say what their real counterparts say (places, season, resupply,
water), and `longwalk run` walks each of them offline.  The run is skipped, with the reason, while the built-in
climate has no station near the route (it was fitted to Asia only before issue 10)."""

import math

import pytest
from typer.testing import CliRunner

from longwalk.cli.main import app
from longwalk.scenario import builtin_scenarios, load_scenario

TREKS = ("walkers-haute-route", "larapinta-trail")
# A fitted climate with no station within this distance of a route has not been fitted to its region: the WMO
# stations Zermatt (06748) and Alice Springs Airport (94326) lie on or 14 km from these routes.
COVERED_WITHIN = 300e3  # [m]


def _great_circle(lat1, lon1, lat2, lon2) -> float:
    """Haversine distance [m] on a sphere of 6,371 km (a coverage test, not a survey)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6_371e3 * math.asin(math.sqrt(a))


def _climate_covers(scenario) -> bool:
    from longwalk.atlas.climate import builtin_climate

    knots = builtin_climate().knots
    return all(min(_great_circle(w.lat, w.lon, k[0], k[1]) for k in knots) < COVERED_WITHIN for w in scenario.route)


def test_both_treks_are_built_in():
    assert set(TREKS) <= set(builtin_scenarios())


def test_haute_route_goes_chamonix_to_zermatt_hut_to_hut_in_summer():
    s = load_scenario("walkers-haute-route")
    names = [w.name for w in s.route]
    assert names[0] == "Chamonix" and names[-1] == "Zermatt"
    # the Trailblazer stage order, La Sage and Gruben aside (no sourced coordinates)
    stages = ["Trient", "Champex", "Le Chable", "Cabane du Mont Fort", "Cabane de Prafleuri", "Arolla",
              "Cabane de Moiry", "Zinal", "St Niklaus", "Europahutte"]
    assert names[1:-1] == stages
    assert s.start_date.month in (7, 8)  # the main season: snow lies on the high passes into July (Cicerone)
    # meals at every overnight stop, two days of trail food from the start
    assert all(w.buy_food > 0 for w in s.route[1:-1])
    kcal = sum(f.mass * f.energy_density for f in s.supplies.food)
    assert kcal == pytest.approx(2 * len(s.party) * s.policy.ration, rel=0.02)
    assert all(45.8 < w.lat < 46.3 and 6.8 < w.lon < 7.9 for w in s.route)  # the Pennine Alps


def test_larapinta_lives_on_the_tanks_and_three_food_drops_in_the_cool_season():
    s = load_scenario("larapinta-trail")
    assert s.route[0].name == "Telegraph Station" and s.route[-1].name == "Redbank Gorge"
    assert all(w.lat < 0 for w in s.route)  # southern hemisphere: negative latitudes
    assert s.start_date.month in (5, 6, 7)  # the cool season of the accounts cited
    people = len(s.party)
    # every waypoint after the start is a tank that fills everyone's containers
    assert all(w.cache_water >= s.supplies.water_capacity * people for w in s.route[1:-1])
    # two days at the advised minimum of 6 L a day (larapintatrail.com.au): sections 6 and 9 take two days
    assert s.supplies.water_capacity >= 2 * 6.0
    assert s.supplies.water == pytest.approx(s.supplies.water_capacity * people)
    drops = {w.name for w in s.route if w.cache > 0}
    assert drops == {"Standley Chasm", "Ellery Creek", "Ormiston Gorge"}
    kcal = sum(f.mass * f.energy_density for f in s.supplies.food)
    assert kcal == pytest.approx(5 * people * s.policy.ration, rel=0.02)


@pytest.mark.parametrize("name", TREKS)
def test_run_works_offline(name, tmp_path, monkeypatch):
    """`longwalk run NAME` walks the trek and writes its journal, with no network (GeoNames, DEM and climate all
    ship with the installed packages)."""
    scenario = load_scenario(name)
    if not _climate_covers(scenario):
        pytest.skip(f"{name}: the built-in climate has no station within {COVERED_WITHIN / 1e3:.0f} km of the route "
                    "(fitted to 20-70N 70-140E only); needs the worldwide climate of issue 10 (branch climfit)")
    import socket

    def no_network(*args, **kwargs):
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket, "create_connection", no_network)
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["run", name, "--seed", "0", "--out", str(out)])
    assert result.exit_code == 0, result.output
    journal = (out / "journal.md").read_text(encoding="utf-8")
    assert scenario.route[0].name in journal
