"""PNG figures of a run and of an ensemble: the right size, not blank, drawn in the common style."""

from types import SimpleNamespace

import numpy as np
import pytest
from journey_fixture import make_result
from matplotlib.image import imread

from longwalk.engine.records import Status
from longwalk.report.export import EnsembleCollector
from longwalk.report.figures import (
    DPI,
    ENSEMBLE_FIGURES,
    OKABE_ITO,
    RUN_FIGURES,
    SIZE,
    survival,
    write_ensemble_figures,
    write_run_figures,
)

PIXELS = (round(SIZE[1] * DPI), round(SIZE[0] * DPI))  # (rows, columns)


def inked(path) -> float:
    """Fraction of pixels that are not the white background."""
    image = imread(path)
    assert image.shape[:2] == PIXELS, path.name
    return float(np.mean(np.any(image[..., :3] < 0.95, axis=-1)))


def colours(path) -> set:
    image = (imread(path)[..., :3] * 255).round().astype(int)
    return {"#" + "".join(f"{int(v):02X}" for v in c) for c in np.unique(image.reshape(-1, 3), axis=0)}


def tiny_atlas():
    """Relief around the fixture's route: a ridge rising to 2000 m east of 109° E, a lake west of the route."""
    lat = np.arange(55.0, 59.0, 1 / 12) + 1 / 24
    lon = np.arange(107.5, 110.5, 1 / 12) + 1 / 24
    elevation = np.clip((lon[None, :] - 109.0) * 2000.0, 0.0, None) + 0.0 * lat[:, None] + 400.0
    surface = np.ones(elevation.shape, dtype=np.uint8)
    surface[12:16, 10:13] = 2  # 56.0-56.3 N, 108.3-108.5 E
    grid = SimpleNamespace(lat=lat, lon=lon, cell_width=np.full(lat.size, 5000.0),
                           cell_height=np.full(lat.size, 9000.0))
    return SimpleNamespace(grid=grid, elevation=elevation.astype(np.float32), surface=surface)


def test_run_figures_have_their_size_and_are_not_blank(tmp_path):
    paths = write_run_figures(make_result(), tmp_path)
    assert [p.name for p in paths] == list(RUN_FIGURES)
    for path in paths:
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert inked(path) > 0.02, path.name  # axes, lines and labels, not an empty canvas
    # the people figure shows Janusz in the first Okabe-Ito colour and the dead in its black
    assert {OKABE_ITO[0], OKABE_ITO[7]} <= colours(paths[2])


def test_route_map_draws_the_relief(tmp_path):
    (tmp_path / "plain").mkdir()
    (tmp_path / "relief").mkdir()
    plain = write_run_figures(make_result(), tmp_path / "plain")[0]
    relief = write_run_figures(make_result(), tmp_path / "relief", atlas=tiny_atlas())[0]
    assert inked(relief) > inked(plain) + 0.05  # the shaded ridge east of the route
    image = imread(relief)[..., :3]
    lake = np.all(np.abs(image - (0.62, 0.79, 0.90)) < 0.02, axis=-1)
    assert lake.sum() > 100  # the lake's cells, in the water colour


def test_figures_are_the_same_bytes_each_time(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a = write_run_figures(make_result(), tmp_path / "a")
    b = write_run_figures(make_result(), tmp_path / "b")
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]


def test_survival_by_hand():
    dead, walking, absent, arrived = int(Status.DEAD), int(Status.WALKING), int(Status.ABSENT), int(Status.ARRIVED)
    # three runs, three days, two people; the second person never joins in run 2
    status = np.array([
        [[walking, walking], [dead, walking], [dead, arrived]],
        [[walking, absent], [walking, absent], [arrived, absent]],
        [[walking, walking], [walking, dead], [walking, dead]],
    ])
    s = survival(status)
    np.testing.assert_allclose(s[:, 0], [1.0, 2 / 3, 2 / 3])
    np.testing.assert_allclose(s[:, 1], [1.0, 0.5, 0.5])  # two runs with the second person, one death
    assert np.isnan(survival(np.full((2, 3, 1), absent))).all()


def ensemble_dataset():
    collect = EnsembleCollector()
    collect(make_result())
    return collect.dataset()


def test_ensemble_figures_have_their_size_and_are_not_blank(tmp_path):
    paths = write_ensemble_figures(ensemble_dataset(), tmp_path)
    assert [p.name for p in paths] == list(ENSEMBLE_FIGURES)
    for path in paths:
        assert inked(path) > 0.02, path.name


@pytest.mark.parametrize("name", ENSEMBLE_FIGURES)
def test_ensemble_figures_without_deaths_or_arrivals(tmp_path, name):
    ds = ensemble_dataset()
    ds["fate"][:] = int(Status.WALKING)
    ds["status"][:] = int(Status.WALKING)
    paths = write_ensemble_figures(ds, tmp_path)
    assert inked(paths[ENSEMBLE_FIGURES.index(name)]) > 0.01
