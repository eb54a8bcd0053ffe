"""The scenario's data sources: ``[climate] source`` and ``[terrain] dem``; relative paths are read from the
scenario's folder, and ``--climate`` / ``--dem`` (``with_sources``) override them."""

from __future__ import annotations

from pathlib import Path

import pytest

from longwalk.errors import InputError, ScenarioError
from longwalk.scenario import load_scenario, with_sources

BASE = """\
name = "t"
start_date = 2021-07-01
[[party]]
name = "A"
sex = "female"
age = 30
height = 1.65
body_mass = 60
[[route]]
name = "S"
lat = 45.0
lon = 103.0
[[route]]
name = "E"
lat = 45.2
lon = 103.3
"""


def _write(folder: Path, extra: str = "") -> Path:
    path = folder / "walk.toml"
    path.write_text(BASE + extra)
    return path


def test_defaults_are_the_builtin_climate_and_elevation(tmp_path):
    s = load_scenario(_write(tmp_path))
    assert s.climate.source == "builtin" and s.terrain.dem is None


@pytest.mark.parametrize("name", ["builtin", "worldclim", "worldclim:30s"])
def test_named_sources_stay_names(tmp_path, name):
    s = load_scenario(_write(tmp_path, f'[climate]\nsource = "{name}"\n'))
    assert s.climate.source == name


def test_relative_paths_are_read_from_the_scenario_folder(tmp_path, monkeypatch):
    folder = tmp_path / "trip"
    folder.mkdir()
    monkeypatch.chdir(tmp_path)
    s = load_scenario(_write(folder, '[climate]\nsource = "data/stations.csv"\n[terrain]\ndem = "dem.tif"\n'))
    assert s.climate.source == str(folder / "data" / "stations.csv")
    assert s.terrain.dem == str(folder / "dem.tif")
    absolute = tmp_path / "elsewhere.csv"
    s = load_scenario(_write(folder, f'[climate]\nsource = "{absolute}"\n'))
    assert s.climate.source == str(absolute)
    # an override on the command line is the user's path as typed
    s = load_scenario(_write(folder), ["climate.source=worldclim:5m"])
    assert s.climate.source == "worldclim:5m"


def test_bad_fields_name_themselves(tmp_path):
    with pytest.raises(ScenarioError, match=r"walk.toml:\d+: climate.source.*'worldclim:1km'.*10m, 5m, 2.5m, 30s"):
        load_scenario(_write(tmp_path, '[climate]\nsource = "worldclim:1km"\n'))
    with pytest.raises(ScenarioError, match=r"climate.sorce: unknown field \(did you mean source\?\)"):
        load_scenario(_write(tmp_path, '[climate]\nsorce = "worldclim"\n'))
    with pytest.raises(ScenarioError, match=r"terrain.dem"):
        load_scenario(_write(tmp_path, '[terrain]\ndem = ""\n'))


def test_command_line_sources_override_the_scenario(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    s = load_scenario(_write(tmp_path, '[climate]\nsource = "worldclim"\n[terrain]\ndem = "a.tif"\n'))
    assert with_sources(s) is s
    t = with_sources(s, climate="mine.csv", dem="b.tif")
    assert t.climate.source == str(tmp_path / "mine.csv") and t.terrain.dem == str(tmp_path / "b.tif")
    assert with_sources(s, climate="builtin").climate.source == "builtin"
    assert with_sources(s, climate="worldclim:10m").terrain.dem == str(tmp_path / "a.tif")
    with pytest.raises(InputError, match=r"--climate: 'worldclim:1km' names no WorldClim resolution; they are 10m, 5m"):
        with_sources(s, climate="worldclim:1km")
