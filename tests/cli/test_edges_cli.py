"""Every command at its edge (issue 15): a read-only place, a full disk, a directory or a binary file where a file
was expected, no network — exit 2 and one sentence naming the path, nothing half-written, never a traceback.

Read-only and full file systems are real tmpfs mounts where the machine allows mounting (root), and otherwise the
same ``OSError`` injected into the calls that write (:mod:`cli_process`); both variants run where they can.
"""

from __future__ import annotations

import errno
import json
import os
import socket
import stat
from pathlib import Path
from types import SimpleNamespace

import pytest
from cli_process import full_disk_dir, hand_built_engine, longwalk, read_only_dir  # noqa: F401  (fixtures)

from longwalk.report.export import OUTPUT_FILES
from longwalk.report.html import REPORT_FILE


def one_sentence(text: str) -> str:
    """The message as one line; it must not be a traceback."""
    assert "Traceback" not in text
    assert text.strip(), "no message at all"
    return " ".join(text.split())


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*"))


# --- longwalk run --out --------------------------------------------------------------------------------------


def test_run_out_under_a_read_only_folder_fails_before_the_simulation(longwalk, read_only_dir, hand_built_engine):
    out = read_only_dir / "run"
    result = longwalk("run", "--out", out)
    assert result.returncode == 2
    message = one_sentence(result.stderr)
    assert f"--out {out}" in message and "read-only" in message and "writable" in message
    assert hand_built_engine == []  # refused before a minute of simulation, not after
    assert leftovers(read_only_dir) == []


def test_run_out_an_empty_folder_that_is_a_read_only_mount(longwalk, read_only_dir, hand_built_engine, monkeypatch):
    real_ismount = os.path.ismount
    # the injected variant is not a real mount point: say it is, as the mounted variant is
    monkeypatch.setattr(os.path, "ismount", lambda p: Path(p) == read_only_dir or real_ismount(p))
    result = longwalk("run", "--out", read_only_dir)
    assert result.returncode == 2
    message = one_sentence(result.stderr)
    assert f"--out {read_only_dir}" in message and "read-only" in message
    assert hand_built_engine == []
    assert leftovers(read_only_dir) == []


def test_run_out_on_a_full_disk_leaves_nothing_half_written(longwalk, full_disk_dir, hand_built_engine, tmp_path):
    out = full_disk_dir / "run"
    result = longwalk("run", "--out", out)
    assert result.returncode == 2
    message = one_sentence(result.stderr)
    assert f"--out {out}" in message and "disk is full" in message and "nothing was written" in message
    assert hand_built_engine == [0]  # the simulation ran; writing failed
    assert leftovers(full_disk_dir) == []  # no partial folder, no half file


def test_run_out_a_full_mount_point_keeps_it_empty(longwalk, full_disk_dir, hand_built_engine, monkeypatch):
    real_ismount = os.path.ismount
    monkeypatch.setattr(os.path, "ismount", lambda p: Path(p) == full_disk_dir or real_ismount(p))
    result = longwalk("run", "--out", full_disk_dir)
    assert result.returncode == 2 and "disk is full" in one_sentence(result.stderr)
    assert leftovers(full_disk_dir) == []


def test_run_into_a_mount_point_replaces_the_files_inside_it(longwalk, tmp_path, hand_built_engine, monkeypatch):
    """A mount point cannot be renamed: the new output is put together inside it, then moved file by file."""
    out = tmp_path / "mounted"
    out.mkdir()
    monkeypatch.setattr(os.path, "ismount", lambda p: Path(p) == out)
    assert longwalk("run", "--seed", "1", "--out", out).returncode == 0
    assert longwalk("run", "--seed", "2", "--out", out).returncode == 0
    assert sorted(p.name for p in out.iterdir()) == sorted((*OUTPUT_FILES, REPORT_FILE))
    assert json.loads((out / "summary.json").read_text())["seed"] == 2


def test_run_output_folder_and_files_follow_the_umask(longwalk, tmp_path, hand_built_engine):
    """Issue 15: output directories were mode 0700 (tempfile.mkdtemp); they get 0777 less the umask, as `mkdir`."""
    old = os.umask(0o022)
    try:
        assert longwalk("run", "--out", tmp_path / "out").returncode == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "out").stat().st_mode) == 0o755
    assert {stat.S_IMODE(p.stat().st_mode) for p in (tmp_path / "out").iterdir()} == {0o644}


def test_run_out_in_a_missing_folder_says_what_to_do(longwalk, tmp_path, hand_built_engine):
    result = longwalk("run", "--out", tmp_path / "no" / "such" / "run")
    assert result.returncode == 2
    assert "does not exist; create it first" in one_sentence(result.stderr)
    assert hand_built_engine == []


# --- atlas map --out and route --out -----------------------------------------------------------------------------


@pytest.fixture
def no_atlas(monkeypatch):
    """Building an atlas is slow and beside the point here: a stand-in, and a record of whether it was asked for."""
    import longwalk.atlas

    asked = []

    def load_atlas(*args, **kwargs):
        asked.append(args)
        return SimpleNamespace(grid=None)

    monkeypatch.setattr(longwalk.atlas, "load_atlas", load_atlas)
    # with a stand-in atlas, the routing window is never widened (routing.window.plan_in_window)
    monkeypatch.setattr("longwalk.routing.window.touches_edge", lambda route, grid, reach=0: False)
    return asked


def _fake_png(monkeypatch, size=40_000):
    import longwalk.atlas.plot

    def plot_atlas(atlas, out, n_places=25, dpi=150):
        with open(out, "wb") as handle:
            for _ in range(size // 1000):
                handle.write(b"\x89PNG" + b"x" * 996)
        return out

    monkeypatch.setattr(longwalk.atlas.plot, "plot_atlas", plot_atlas)


def test_atlas_map_on_a_read_only_place_fails_before_building(longwalk, read_only_dir, no_atlas):
    png = read_only_dir / "map.png"
    result = longwalk("atlas", "map", "--region", "51,56,103,111", "--out", png)
    assert result.returncode == 2
    message = one_sentence(result.stderr)
    assert f"--out {png}" in message and "read-only" in message
    assert no_atlas == [] and leftovers(read_only_dir) == []


def test_atlas_map_on_a_full_disk_leaves_no_half_png(longwalk, full_disk_dir, no_atlas, monkeypatch):
    _fake_png(monkeypatch)
    png = full_disk_dir / "map.png"
    result = longwalk("atlas", "map", "--region", "51,56,103,111", "--out", png)
    assert result.returncode == 2 and "disk is full" in one_sentence(result.stderr)
    assert leftovers(full_disk_dir) == []


def test_atlas_map_replaces_an_earlier_png_only_when_complete(longwalk, tmp_path, no_atlas, monkeypatch):
    from longwalk.atlas import plot

    png = tmp_path / "map.png"
    png.write_bytes(b"the earlier map")

    def interrupted(atlas, out, n_places=25, dpi=150):
        Path(out).write_bytes(b"half a m")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(out))

    monkeypatch.setattr(plot, "plot_atlas", interrupted)
    result = longwalk("atlas", "map", "--region", "51,56,103,111", "--out", png)
    assert result.returncode == 2
    assert png.read_bytes() == b"the earlier map" and leftovers(tmp_path) == ["map.png"]


def test_atlas_map_requires_out(longwalk, tmp_path, monkeypatch, no_atlas):
    """Issue 15: without --out it wrote atlas.png into the current directory unasked."""
    monkeypatch.chdir(tmp_path)
    result = longwalk("atlas", "map", "--region", "51,56,103,111")
    assert result.returncode == 2 and "--out" in result.stderr and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == [] and no_atlas == []


def test_route_out_on_a_read_only_place_fails_before_planning(longwalk, read_only_dir, no_atlas):
    out = read_only_dir / "leh.gpx"
    result = longwalk("route", "--from", "34.16,77.58", "--to", "34.08,74.80", "--out", out)
    assert result.returncode == 2
    assert f"--out {out}" in one_sentence(result.stderr) and "read-only" in result.stderr
    assert no_atlas == []


def test_route_out_on_a_full_disk_leaves_no_half_file(longwalk, full_disk_dir, no_atlas, monkeypatch):
    from longwalk import routing

    class Route:
        def to_gpx(self):
            return "<gpx>" + "x" * 40_000 + "</gpx>\n"

    monkeypatch.setattr(routing, "plan_route", lambda *a, **k: Route())
    result = longwalk("route", "--from", "34.16,77.58", "--to", "34.08,74.80", "--out", full_disk_dir / "r.gpx")
    assert result.returncode == 2 and "disk is full" in one_sentence(result.stderr)
    assert leftovers(full_disk_dir) == []


# --- the cache -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("args", [
    ("atlas", "weather", "50", "100", "--start", "2024-01-01", "--days", "3"),
    ("route", "--from", "50,100", "--to", "50.2,100.2"),
    ("data", "fetch", "worldclim", "--base-url", "http://127.0.0.1:9/none"),
    ("cache", "clear"),
])
def test_cache_pointing_at_a_file_is_exit_2_for_every_command(longwalk, tmp_path, monkeypatch, args):
    blocker = tmp_path / "cache-file"
    blocker.write_text("mine")
    monkeypatch.setenv("LONGWALK_CACHE", str(blocker))
    result = longwalk(*args)
    assert result.returncode == 2
    message = one_sentence(result.stderr)
    assert str(blocker) in message and "LONGWALK_CACHE" in message
    assert blocker.read_text() == "mine"


@pytest.mark.slow
def test_a_read_only_cache_is_read_and_the_run_goes_on(longwalk, read_only_dir, monkeypatch):
    """A cache on a read-only file system: one warning, the answer still comes (built without caching)."""
    monkeypatch.setenv("LONGWALK_CACHE", str(read_only_dir))
    result = longwalk("atlas", "point", "53.5", "108.0", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["surface"] == "lake"
    assert "cannot write to the cache" in one_sentence(result.stderr) and "Traceback" not in result.stderr
    cleared = longwalk("cache", "clear")  # nothing of longwalk's there: refused, with a sentence
    assert cleared.returncode == 2 and str(read_only_dir) in one_sentence(cleared.stderr)


# --- files that are not what they should be ------------------------------------------------------------------


@pytest.fixture
def binary_file(tmp_path):
    path = tmp_path / "photo.toml"
    path.write_bytes(bytes(range(256)) * 4)
    return path


@pytest.mark.parametrize("command", [("run",), ("scenario", "validate"), ("odds", "--runs", "2")])
def test_a_binary_file_as_a_scenario(longwalk, binary_file, command, hand_built_engine):
    result = longwalk(*command, binary_file)
    assert result.returncode == 2
    message = one_sentence(result.stderr)
    assert str(binary_file) in message and "not a text file" in message and "UnicodeDecodeError" not in message


@pytest.mark.parametrize("command", [("run",), ("scenario", "validate"), ("odds", "--runs", "2")])
def test_a_directory_as_a_scenario(longwalk, tmp_path, command, hand_built_engine):
    result = longwalk(*command, tmp_path)
    assert result.returncode == 2
    message = one_sentence(result.stderr)
    assert f"{tmp_path} is a directory" in message and "does not exist" not in message


@pytest.mark.parametrize("command", [("atlas", "point", "53.5", "108.0"),
                                     ("atlas", "map", "--region", "51,56,103,111", "--out", "x.png")])
def test_a_directory_or_binary_file_as_a_dem(longwalk, tmp_path, monkeypatch, command, binary_file, no_atlas):
    monkeypatch.chdir(tmp_path)
    folder = longwalk(*command, "--dem", tmp_path)
    assert folder.returncode == 2
    assert f"DEM file {tmp_path} is a directory" in one_sentence(folder.stderr)
    assert no_atlas == []  # refused before any atlas is built


def test_a_binary_file_as_a_dem(longwalk, binary_file):
    result = longwalk("atlas", "point", "53.5", "108.0", "--dem", binary_file)
    assert result.returncode == 2
    assert f"cannot read DEM {binary_file}" in one_sentence(result.stderr)


# --- data fetch worldclim --------------------------------------------------------------------------------------


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again on leaving: nobody listens there


def test_fetch_without_a_network_is_one_sentence_and_leaves_no_folder(longwalk, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("LONGWALK_CACHE", str(cache))
    result = longwalk("data", "fetch", "worldclim", "--quiet", "--base-url",
                      f"http://127.0.0.1:{_closed_port()}/worldclim")
    assert result.returncode == 2
    message = one_sentence(result.stderr)
    assert "cannot reach 127.0.0.1" in message and "check the network connection" in message
    assert "urlopen error" not in message and "Errno" not in message
    assert not (cache / "worldclim").exists()  # no empty folder left behind
    target = tmp_path / "wc"
    result = longwalk("data", "fetch", "worldclim", "--quiet", "--target", target / "10m", "--base-url",
                      f"http://127.0.0.1:{_closed_port()}/worldclim")
    assert result.returncode == 2 and not target.exists()


@pytest.fixture
def worldclim_server(tmp_path):
    """The Range-capable local WorldClim server of tests/atlas/test_download.py, serving tiny archives."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "download_server", Path(__file__).parents[1] / "atlas" / "test_download.py")
    helpers = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(helpers)
    server = helpers.Server(helpers.make_archives(tmp_path))
    yield server
    server.close()


def test_fetch_interrupted_then_resumed_from_the_command_line(longwalk, tmp_path, worldclim_server):
    server = worldclim_server
    name = "wc2.1_10m_prec.zip"
    server.cut_once.add(name)
    target = tmp_path / "wc"
    first = longwalk("data", "fetch", "worldclim", "--quiet", "--target", target, "--base-url", server.url)
    assert first.returncode == 2
    message = one_sentence(first.stderr)
    assert "interrupted" in message and "run the command again to resume" in message
    part = target / "downloads" / (name + ".part")
    assert 0 < part.stat().st_size < len(server.files[name])
    second = longwalk("data", "fetch", "worldclim", "--quiet", "--target", target, "--base-url", server.url)
    assert second.returncode == 0, second.stderr
    assert (name, f"bytes={len(server.files[name]) // 2}-") in server.requests  # resumed, not restarted
    manifest = json.loads((target / "manifest.json").read_text())
    assert manifest[name]["verified_by"] == "sha256 sidecar" and not part.exists()


@pytest.mark.parametrize("room", [3000, 60_000])  # full during the first download; during unpacking or later
def test_fetch_on_a_full_disk_says_why_and_leaves_no_half_file(longwalk, tmp_path, monkeypatch, worldclim_server,
                                                                room):
    from cli_process import inject_os_error

    target = tmp_path / "wc"
    target.mkdir()
    inject_os_error(monkeypatch, target, errno.ENOSPC, on_write_bytes=room)
    result = longwalk("data", "fetch", "worldclim", "--quiet", "--target", target, "--base-url", worldclim_server.url)
    assert result.returncode == 2
    message = one_sentence(result.stderr)
    assert "disk is full" in message and "run the command again" in message
    assert not list(target.glob(".*"))  # no temporary unpacked file stays
    if (target / "manifest.json").exists():  # what the manifest records is whole
        json.loads((target / "manifest.json").read_text())


def test_run_on_a_disk_that_fills_keeps_the_earlier_output(longwalk, tmp_path, hand_built_engine, monkeypatch):
    from cli_process import inject_os_error

    out = tmp_path / "out"
    assert longwalk("run", "--seed", "1", "--out", out).returncode == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    inject_os_error(monkeypatch, tmp_path, errno.ENOSPC, on_write_bytes=5000)  # room for about two of five files
    result = longwalk("run", "--seed", "2", "--out", out)
    assert result.returncode == 2 and "disk is full" in one_sentence(result.stderr)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert leftovers(tmp_path) == sorted(["out", *before])  # no partial folder beside it
