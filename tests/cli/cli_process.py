"""Run the real ``longwalk`` entry point in the test's own process, as the console script does (fast, and the
exit code, stdout and stderr are what a user sees)."""

import sys
from dataclasses import dataclass

import pytest


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def longwalk(capsys, monkeypatch):
    """Run the real entry point (``longwalk.cli.main.main``) in this process, as the console script does."""
    from longwalk.cli.main import main

    def run(*args):
        monkeypatch.setattr(sys, "argv", ["longwalk", *map(str, args)])
        code = 0
        try:
            main()
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


# --- places that cannot be written -----------------------------------------------------------------------------
# The tests run as root, which ignores file modes, so a read-only place is either a real read-only (or size-limited)
# tmpfs mount, where the machine allows mounting, or the same failure injected into the calls that write.

import builtins  # noqa: E402
import errno  # noqa: E402
import io  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
from pathlib import Path  # noqa: E402

_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


def _mount(target: Path, options: str) -> bool:
    """Mount a tmpfs at ``target`` with ``options``; False where this machine does not allow it."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(target)], capture_output=True)
    return done.returncode == 0


def _umount(target: Path) -> None:
    subprocess.run(["umount", str(target)], capture_output=True, check=False)


def _under(path, root: Path) -> bool:
    try:
        return os.path.abspath(os.fsdecode(path)).startswith(str(root))
    except TypeError:  # a file descriptor
        return False


def inject_os_error(monkeypatch, root: Path, code: int, *, on_write_bytes: int | None = None) -> None:
    """Make writing under ``root`` fail with ``OSError(code)``, as a read-only (``EROFS``) or full (``ENOSPC``) file
    system would.

    With ``on_write_bytes=None`` creating, renaming or removing anything under ``root`` fails at once (read-only).
    With a number, files open as usual but the writes fail once that many bytes in all were written (a full disk:
    a file can be left half-written by a careless writer).
    """
    root = Path(root).absolute()
    real_open, real_os_open = builtins.open, os.open
    budget = [on_write_bytes]

    def fail(path):
        raise OSError(code, os.strerror(code), os.fsdecode(path))

    def wrap(handle, path):
        write = handle.write

        def limited(data):
            size = len(data.encode() if isinstance(data, str) else data)
            if size > budget[0]:
                part = data[: budget[0]]
                write(part)
                budget[0] = 0
                fail(path)
            budget[0] -= size
            return write(data)

        handle.write = limited
        return handle

    def guarded_open(file, mode="r", *args, **kwargs):
        if _under(file, root) and any(c in mode for c in "wax+"):
            if on_write_bytes is None:
                fail(file)
            return wrap(real_open(file, mode, *args, **kwargs), file)
        return real_open(file, mode, *args, **kwargs)

    def guarded_os_open(path, flags, *args, **kwargs):
        if _under(path, root) and flags & _WRITE_FLAGS:
            if on_write_bytes is None or budget[0] <= 0:
                fail(path)
        return real_os_open(path, flags, *args, **kwargs)

    def refuse_two(real):
        def call(src, dst, *args, **kwargs):
            if on_write_bytes is None and (_under(src, root) or _under(dst, root)):
                fail(dst)
            return real(src, dst, *args, **kwargs)
        return call

    def refuse_one(real):
        def call(path, *args, **kwargs):
            if on_write_bytes is None and _under(path, root):
                fail(path)
            return real(path, *args, **kwargs)
        return call

    monkeypatch.setattr(builtins, "open", guarded_open)
    monkeypatch.setattr(io, "open", guarded_open)
    monkeypatch.setattr(os, "open", guarded_os_open)
    for name in ("rename", "replace"):
        monkeypatch.setattr(os, name, refuse_two(getattr(os, name)))
    for name in ("mkdir", "rmdir", "unlink", "remove", "chmod"):
        monkeypatch.setattr(os, name, refuse_one(getattr(os, name)))


def _failing_dir(request, target: Path, monkeypatch, mount_options: str, code: int, budget: int | None) -> Path:
    """``target`` as a real tmpfs mounted with ``mount_options`` (parameter "mounted"; skipped where this machine
    does not allow mounting) or with ``OSError(code)`` injected after ``budget`` bytes (parameter "injected")."""
    target.mkdir()
    if request.param == "mounted":
        if not _mount(target, mount_options):
            pytest.skip("cannot mount a tmpfs here (needs root and mount)")
        request.addfinalizer(lambda: _umount(target))
    else:
        inject_os_error(monkeypatch, target, code, on_write_bytes=budget)
    return target


@pytest.fixture(params=["mounted", "injected"])
def read_only_dir(request, tmp_path, monkeypatch):
    """An empty folder on a read-only file system: a real ``ro`` tmpfs mount, or the failure injected."""
    return _failing_dir(request, tmp_path / "read-only", monkeypatch, "ro,size=64k", errno.EROFS, None)


@pytest.fixture(params=["mounted", "injected"])
def full_disk_dir(request, tmp_path, monkeypatch):
    """A folder on a file system with room for 12 KiB, then ``ENOSPC``: a real size-limited tmpfs, or the failure
    injected into the writes."""
    return _failing_dir(request, tmp_path / "small-disk", monkeypatch, "size=12k", errno.ENOSPC, 12 * 1024)


@pytest.fixture
def hand_built_engine(monkeypatch):
    """``longwalk run`` on the hand-built journey of tests/report/journey_fixture.py instead of the engine (and no
    atlas for place names); the list records each simulated seed, so a test can tell whether the run started."""
    import importlib.util

    from longwalk.cli import run_cmd

    spec = importlib.util.spec_from_file_location(
        "journey_fixture", Path(__file__).parents[1] / "report" / "journey_fixture.py")
    fixture = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fixture)
    calls = []

    def simulate(scenario, seed, progress):
        calls.append(seed)
        return fixture.make_result(seed)

    monkeypatch.setattr(run_cmd, "_simulate", simulate)
    monkeypatch.setattr(run_cmd, "_atlas_for_places", lambda result: None)
    return calls
