"""The cache: its signature, the plain checksummed entry format, the plan without pickle, and fault injection.

Every cache file kind (atlas, route plan, ice calendar, places, climate nodes) is truncated, zeroed and
bit-flipped, and must be rebuilt to the same content; a cache that cannot be written (read-only, simulated with an
injected ``OSError`` since the tests run as root) leaves the run going without caching and one warning line.
"""

from __future__ import annotations

import errno
import json
from pathlib import Path

import numpy as np
import pytest

from longwalk import cache as plaincache
from longwalk import paths

CORRUPTIONS = ("truncated", "empty", "zeroed", "bitflip")


def corrupt(path: Path, how: str, at: bytes | None = None) -> None:
    """Damage a file the way a crash, a full disk or bad storage would; a bit flip lands in ``at`` if given."""
    data = path.read_bytes()
    if how == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif how == "empty":
        path.write_bytes(b"")
    elif how == "zeroed":
        path.write_bytes(bytes(len(data)))
    elif how == "bitflip":
        flipped = bytearray(data)
        flipped[data.find(at) if at else len(data) * 2 // 3] ^= 0x10  # in the array data, past every header
        path.write_bytes(bytes(flipped))
    else:
        raise ValueError(how)


@pytest.fixture
def own_cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("LONGWALK_CACHE", str(folder))
    plaincache._warned.clear()
    return folder


def _read_only(monkeypatch, code=errno.EROFS):
    """Make every write under the cache fail as on a read-only mount (root ignores file modes)."""
    def refuse(*args, **kwargs):
        raise OSError(code, "Read-only file system" if code == errno.EROFS else "Permission denied")

    savez = np.savez

    def savez_to_memory_only(file, *args, **kwargs):
        if isinstance(file, str | Path):
            refuse()
        return savez(file, *args, **kwargs)

    monkeypatch.setattr(Path, "write_bytes", refuse)
    monkeypatch.setattr(Path, "write_text", refuse)
    monkeypatch.setattr(np, "savez", savez_to_memory_only)


# -- the directory and its signature ----------------------------------------------------------------------------


def test_a_new_cache_directory_is_signed(own_cache):
    assert paths.cache_dir() == own_cache
    signature = json.loads((own_cache / paths.SIGNATURE).read_text())
    assert signature["longwalk_cache"] == paths.CACHE_FORMAT
    assert paths.is_signed(own_cache)


def test_an_old_unsigned_cache_of_longwalk_folders_is_adopted(own_cache):
    (own_cache / "atlas").mkdir(parents=True)
    (own_cache / "engine").mkdir()
    paths.cache_dir()
    assert paths.is_signed(own_cache)


def test_a_foreign_directory_is_not_signed(own_cache):
    (own_cache / "Documents").mkdir(parents=True)
    paths.cache_dir()
    assert not paths.is_signed(own_cache)


def test_cache_pointing_at_a_file_is_a_sentence(own_cache):
    own_cache.parent.mkdir(exist_ok=True)
    own_cache.write_text("a file")
    with pytest.raises(paths.CacheError, match="is a file, not a directory.*LONGWALK_CACHE"):
        paths.cache_dir()


def test_cache_that_cannot_be_created_is_a_sentence(own_cache, monkeypatch):
    def refuse(self, *a, **k):
        raise OSError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(Path, "mkdir", refuse)
    with pytest.raises(paths.CacheError, match=r"cannot be created \(Permission denied\).*LONGWALK_CACHE"):
        paths.cache_dir()


# -- the entry format -------------------------------------------------------------------------------------------


def test_entry_round_trip_and_every_corruption_is_refused(own_cache, capsys):
    stem = own_cache / "engine" / "plan-x"
    arrays = {"a": np.arange(5000, dtype=float), "b": np.array(["Irkutsk", "Ulan-Ude"])}
    meta = {"name": "test", "n": 3, "nan": float("nan")}
    assert plaincache.save_entry(stem, arrays, meta)
    got, got_meta = plaincache.load_entry(stem, "the test entry")
    assert got.keys() == arrays.keys() and all(np.array_equal(got[k], arrays[k]) for k in arrays)
    assert got_meta["name"] == "test" and np.isnan(got_meta["nan"])
    for suffix in (".npz", ".json"):
        for how in CORRUPTIONS:
            plaincache.save_entry(stem, arrays, meta)
            corrupt(stem.with_name(stem.name + suffix), how)
            assert plaincache.load_entry(stem, "the test entry") is None, (suffix, how)
            assert "the test entry plan-x.npz is damaged" in capsys.readouterr().err
            assert not stem.with_name(stem.name + ".npz").exists()  # removed, to be rebuilt


def test_an_object_array_is_never_stored(own_cache):
    with pytest.raises(TypeError, match="dtype object"):
        plaincache.save_entry(own_cache / "x", {"o": np.array([{"a": 1}], dtype=object)}, {})


def test_a_pickle_in_the_cache_is_not_loaded(own_cache):
    """A foreign .npz holding a pickled object, with a matching checksum, is refused by allow_pickle=False."""
    import io

    buf = io.BytesIO()
    np.savez(buf, a=np.array([print], dtype=object))
    stem = own_cache / "engine" / "plan-evil"
    stem.parent.mkdir(parents=True)
    stem.with_name(stem.name + ".npz").write_bytes(buf.getvalue())
    meta = {}
    stem.with_name(stem.name + ".json").write_text(
        json.dumps({"sha256": plaincache._digest(buf.getvalue(), meta), "meta": meta}))
    assert plaincache.load_entry(stem, "the cached route plan") is None


@pytest.mark.parametrize("code, reason", [(errno.EROFS, "Read-only file system"), (errno.EACCES, "Permission denied"),
                                          (errno.ENOSPC, "No space left on device")])
def test_unwritable_cache_warns_once_and_does_not_store(own_cache, monkeypatch, capsys, code, reason):
    paths.cache_dir()
    real_replace = plaincache.os.replace
    calls = []

    def replace_then_fail(src, dst):  # the first file lands, the second does not: nothing half-written may stay
        calls.append(dst)
        if len(calls) > 1:
            raise OSError(code, reason)
        return real_replace(src, dst)

    monkeypatch.setattr(plaincache.os, "replace", replace_then_fail)
    assert not plaincache.save_entry(own_cache / "engine" / "plan-a", {"a": np.zeros(3)}, {})
    assert not plaincache.save_entry(own_cache / "engine" / "plan-b", {"a": np.zeros(3)}, {})
    err = capsys.readouterr().err
    assert err.count("warning: cannot write to the cache") == 1
    assert reason in err and "continuing without caching" in err
    assert not list((own_cache / "engine").glob("*"))  # nothing half-written: no temporary file, no lone .npz
    assert plaincache.load_entry(own_cache / "engine" / "plan-a", "the entry") is None  # a half entry is not read


# -- atlas ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".npz", ".json"])
@pytest.mark.parametrize("how", CORRUPTIONS)
def test_damaged_atlas_is_rebuilt_with_a_notice(own_cache, monkeypatch, capsys, how, suffix):
    from longwalk.atlas import build

    region = (50.0, 50.5, 100.0, 100.5)
    monkeypatch.setattr(build, "atlas_cache_dir", lambda: own_cache / "atlas")
    monkeypatch.setattr(build, "places_within", lambda *a, **k: _tiny_places())  # GeoNames is not under test here
    first = build.load_atlas(region)
    (path,) = (own_cache / "atlas").glob(f"atlas-*{suffix}")
    corrupt(path, how)
    capsys.readouterr()
    again = build.load_atlas(region)
    assert capsys.readouterr().err.count("the cached atlas") == 1
    for layer in ("elevation", "surface", "river_class"):
        assert np.array_equal(getattr(again, layer), getattr(first, layer))
    assert again.sources == first.sources
    assert build._load(path.with_suffix(".npz"), first.grid) is not None  # stored again, whole


def test_atlas_in_a_read_only_cache_is_built_and_not_stored(own_cache, monkeypatch, capsys):
    from longwalk.atlas import build

    monkeypatch.setattr(build, "atlas_cache_dir", lambda: own_cache / "atlas")
    monkeypatch.setattr(build, "places_within", lambda *a, **k: _tiny_places())
    reference = build.load_atlas((50.0, 50.5, 100.0, 100.5), cache=False)
    _read_only(monkeypatch, errno.EACCES)
    atlas = build.load_atlas((50.0, 50.5, 100.0, 100.5))
    assert np.array_equal(atlas.elevation, reference.elevation)
    assert "cannot write to the cache" in capsys.readouterr().err
    assert not (own_cache / "atlas").exists() or not list((own_cache / "atlas").iterdir())


def _tiny_places():
    from longwalk.atlas.places import Places

    return Places(["Khatgal", "Mörön"], [50.44, 49.64], [100.16, 100.16], [3000, 40000], ["MN", "MN"], ["", ""])


# -- places -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("how", CORRUPTIONS)
def test_damaged_places_are_rebuilt(own_cache, monkeypatch, capsys, how):
    from longwalk.atlas import places as P

    monkeypatch.setattr(P, "_read_geonames", _tiny_places)
    P.builtin_places.cache_clear()
    try:
        first = P.builtin_places()
        (path,) = (own_cache / "atlas").glob("places-*.npz")
        corrupt(path, how, at="Mörön".encode())
        P.builtin_places.cache_clear()
        again = P.builtin_places()
        assert again.name.tolist() == first.name.tolist() == ["Khatgal", "Mörön"]
        assert np.array_equal(again.lat, first.lat)
        assert "the cached places" in capsys.readouterr().err
        P.builtin_places.cache_clear()
        assert P.builtin_places().name.tolist() == first.name.tolist()  # the rebuilt file reads back
    finally:
        P.builtin_places.cache_clear()


def test_places_in_a_read_only_cache(own_cache, monkeypatch, capsys):
    from longwalk.atlas import places as P

    monkeypatch.setattr(P, "_read_geonames", _tiny_places)
    P.builtin_places.cache_clear()
    paths.cache_dir()  # an existing cache on a file system that has since become read-only
    _read_only(monkeypatch)
    try:
        assert P.builtin_places().name.tolist() == ["Khatgal", "Mörön"]
        assert "cannot write to the cache" in capsys.readouterr().err
    finally:
        P.builtin_places.cache_clear()


# -- ice calendar -----------------------------------------------------------------------------------------------


def _ice_grid():
    lat = np.linspace(52.0, 53.0, 12)
    lon = np.linspace(106.0, 107.0, 12)
    elevation = np.full((12, 12), 450.0)
    surface = np.ones((12, 12), np.uint8)
    surface[3:7, 3:7] = 2
    river = np.zeros((12, 12), np.uint8)
    river[9, :] = 3
    return lat, lon, elevation, surface, river


@pytest.mark.parametrize("how", CORRUPTIONS)
def test_damaged_ice_calendar_is_rebuilt(own_cache, how):
    from longwalk.routing import seasons

    grid = _ice_grid()
    seasons._memory.clear()
    first = seasons.ice_calendar(*grid)
    (path,) = (own_cache / "ice").glob("calendar-*.npz")
    corrupt(path, how)
    seasons._memory.clear()
    again = seasons.ice_calendar(*grid)
    for name in ("lake_rows", "lake_cols", "lake_bits", "river_rows", "river_cols", "river_bits"):
        assert np.array_equal(getattr(again, name), getattr(first, name)), name
    assert again.lake_bits.any() and again.river_bits.any()
    seasons._memory.clear()


# -- climate nodes ----------------------------------------------------------------------------------------------


def _climate(disk_cache=False):
    import importlib.resources

    from longwalk.atlas import climate as C

    data = json.loads(importlib.resources.files("longwalk.atlas").joinpath("data", C.COEFFICIENTS_FILE).read_text())
    return C.FittedClimatology.from_coefficients(data, disk_cache=disk_cache)


PLACE = (np.array([52.3]), np.array([107.4]), np.array([600.0]), np.array([100]))


@pytest.mark.parametrize("how", CORRUPTIONS)
@pytest.mark.parametrize("suffix", [".npz", ".json"])
def test_damaged_climate_nodes_are_recomputed(own_cache, capsys, how, suffix):
    from longwalk.atlas import climate as C

    reference = _climate().daily_normals(*PLACE)
    _climate(disk_cache=True).daily_normals(*PLACE)
    files = sorted((own_cache / "climate").glob(f"nodes-*/*{suffix}"))
    assert files
    for path in files:
        corrupt(path, how)
    capsys.readouterr()
    clim = _climate(disk_cache=True)
    again = clim.daily_normals(*PLACE)
    for f in C.FIELDS:
        assert getattr(again, f).tobytes() == getattr(reference, f).tobytes(), f
    assert capsys.readouterr().err.count("the cached climate nodes") == len(files)
    fresh = _climate(disk_cache=True)
    assert all(fresh._load_slab(path.with_suffix("")) is not None for path in files)  # stored again, whole


def test_bit_flipped_climate_node_is_refused(own_cache):
    clim = _climate(disk_cache=True)
    clim.daily_normals(*PLACE)
    path = sorted((own_cache / "climate").glob("nodes-*/*.npz"))[0]
    stem = path.with_suffix("")
    ids, values = clim._load_slab(stem)
    corrupt(path, "bitflip", at=values[len(values) // 2].tobytes())  # one bit of one node's numbers
    assert _climate(disk_cache=True)._load_slab(stem) is None


# -- a whole run ------------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_run_from_the_cache_writes_what_the_first_run_wrote(tmp_path):
    """The first run builds and stores every cache entry (atlas, places, climate nodes, ice calendar, plan); the next
    run reads them all back.  Both write the same files, byte for byte; the first says what it builds."""
    import os
    import subprocess
    import sys

    src = str(Path(__file__).resolve().parents[1] / "src")
    env = dict(os.environ, LONGWALK_CACHE=str(tmp_path / "cache"),
               PYTHONPATH=src + os.pathsep + os.environ.get("PYTHONPATH", ""))

    def run(out: str) -> str:
        done = subprocess.run([sys.executable, "-m", "longwalk", "run", "--out", str(tmp_path / out)], env=env,
                              capture_output=True, text=True, timeout=900)
        assert done.returncode == 0, done.stderr
        return done.stderr

    first = run("first")
    assert "building the atlas" in first and "ice season" in first
    again = run("again")
    assert "building" not in again and "ice season" not in again
    for path in sorted((tmp_path / "first").iterdir()):
        assert (tmp_path / "again" / path.name).read_bytes() == path.read_bytes(), path.name


# -- progress bars ----------------------------------------------------------------------------------------------


def test_progress_bar_on_a_terminal_and_one_line_elsewhere():
    import io

    from longwalk.cache import ProgressBar

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    tty = Terminal()
    with ProgressBar("building the atlas", 4, stream=tty) as bar:
        bar.advance()
        bar.advance()
    frames = tty.getvalue().split("\r")[1:]
    assert [f.rstrip("\n")[-5:] for f in frames] == ["  0 %", " 25 %", " 50 %", "100 %"]
    assert frames[2].count("#") == 12 and tty.getvalue().endswith("100 %\n")  # half of the 24-character bar
    log = io.StringIO()
    with ProgressBar("building the atlas", 4, stream=log) as bar:
        for _ in range(4):
            bar.advance()
    assert log.getvalue() == "longwalk: building the atlas ...\n"  # a log gets the step's line only
    tty = Terminal()
    with pytest.raises(RuntimeError), ProgressBar("planning", 2, stream=tty) as bar:
        raise RuntimeError("boom")
    assert tty.getvalue().endswith("  0 %\n")  # an error's message starts on a line of its own
