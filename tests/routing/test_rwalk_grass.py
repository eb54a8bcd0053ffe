"""Our ``rwalk`` model against GRASS GIS r.walk itself (Debian package grass-core), cell for cell."""

import shutil
import subprocess

import numpy as np
import pytest
from scipy import ndimage

from longwalk.routing import build_cost_surface, cost_distance

GRASS = shutil.which("grass")
pytestmark = pytest.mark.skipif(
    GRASS is None, reason="GRASS GIS is not installed (apt-get install grass-core); r.walk comparison skipped"
)


def _run_rwalk(tmp_path, z, cell, start, knight):
    ny, nx = z.shape
    west, south = 500000.0, 1000.0
    with open(tmp_path / "dem.asc", "w") as f:
        f.write(f"north: {south + ny * cell}\nsouth: {south}\neast: {west + nx * cell}\nwest: {west}\n"
                f"rows: {ny}\ncols: {nx}\n")
        for row in z[::-1]:  # GRASS rows run north to south
            f.write(" ".join(repr(float(v)) for v in row) + "\n")
    x = west + (start[1] + 0.5) * cell
    y = south + (start[0] + 0.5) * cell
    flag = "-k " if knight else ""
    (tmp_path / "run.sh").write_text(
        "set -e\n"
        "r.in.ascii input=dem.asc output=dem type=DCELL --q\n"
        "g.region raster=dem\n"
        "r.mapcalc 'zero = 0' --q\n"
        f"r.walk {flag}elevation=dem friction=zero output=cost start_coordinates={x},{y} --q\n"
        "r.out.ascii input=cost output=cost.txt precision=17 --q\n"
    )
    subprocess.run([GRASS, "--tmp-location", "EPSG:32632", "--exec", "bash", "run.sh"], cwd=tmp_path, check=True,
                   capture_output=True, timeout=120)
    return np.loadtxt(tmp_path / "cost.txt", skiprows=6)[::-1]


@pytest.mark.parametrize("neighbours", [8, 16])
def test_rwalk_matches_grass(tmp_path, neighbours):
    rng = np.random.default_rng(42)
    ny, nx, cell = 30, 40, 100.0
    z = ndimage.gaussian_filter(rng.normal(size=(ny, nx)), 2.5)
    # relief up to 900 m over 100 m cells: uphill, moderate and steep (< -0.2125) descents all occur
    z = ((z - z.min()) / (z.max() - z.min()) * 900.0).astype(np.float32)
    start = (15, 20)
    grass = _run_rwalk(tmp_path, z, cell, start, knight=neighbours == 16)
    cs = build_cost_surface(z, 1, 0, np.arange(ny) * 1e-3, np.arange(nx) * 1e-3, cost="rwalk",
                            neighbours=neighbours, cell_size=(cell, cell))
    ours = cost_distance(cs, [start])
    slopes = np.diff(z, axis=1) / cell
    assert (slopes > 0).any() and (slopes < -0.2125).any() and ((slopes < 0) & (slopes > -0.2125)).any()
    away = np.ones_like(ours, dtype=bool)
    away[start] = False
    np.testing.assert_allclose(ours[away], grass[away], rtol=1e-6)
    # and the direction matters: the cost of walking *to* the start differs from GRASS's outbound cost
    back = cost_distance(cs, [start], direction="to")
    assert np.median(np.abs(back[away] - grass[away]) / grass[away]) > 1e-3
