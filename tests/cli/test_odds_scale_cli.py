"""`longwalk odds` at scale from the command line: workers, chunks on disk, Ctrl-C and --resume, bad places and
schedulers, and `longwalk run --run K` telling run K of an ensemble."""

import csv
import json
import os
import signal
import socket
import subprocess
import sys
import time

import pytest

# The Way Back cut to its first 30 days: Kazik and others die in some runs, not in others (fates differ by run)
SHORT = ("the-way-back", "--set", "max_days=30")


def longwalk(*args, **kwargs):
    return subprocess.run([sys.executable, "-m", "longwalk", *map(str, args)], capture_output=True, text=True,
                          timeout=900, **kwargs)


def fates_csv(directory):
    with open(directory / "fates.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory):
    out = tmp_path_factory.mktemp("odds") / "whole"
    done = longwalk("odds", *SHORT, "--runs", "16", "--seed", "3", "--batch-size", "16", "--out", out, "--json")
    assert done.returncode == 0, done.stderr
    return out, json.loads(done.stdout)


@pytest.mark.slow
def test_two_workers_give_the_numbers_of_one(uninterrupted, tmp_path):
    out, summary = uninterrupted
    two = longwalk("odds", *SHORT, "--runs", "16", "--seed", "3", "--workers", "2", "--batch-size", "3", "--out",
                   tmp_path / "two", "--json")
    assert two.returncode == 0, two.stderr
    assert json.loads(two.stdout) == summary
    assert fates_csv(tmp_path / "two") == fates_csv(out)
    assert len({(r["fate"], r["day"]) for r in fates_csv(out) if r["person"] == "Kazik"}) > 1  # runs do differ


@pytest.mark.slow
@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGKILL], ids=["ctrl-c", "killed"])
def test_an_interrupted_odds_resumes_to_the_uninterrupted_result(uninterrupted, tmp_path, stop):
    out, summary = uninterrupted
    part = tmp_path / "part"
    process = subprocess.Popen([sys.executable, "-m", "longwalk", "odds", *SHORT, "--runs", "16", "--seed", "3",
                                "--batch-size", "1", "--out", str(part)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    manifest = part / "manifest.json"
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline and process.poll() is None:
        if manifest.exists() and len(json.loads(manifest.read_text())["chunks"]) >= 2:
            break
        time.sleep(0.05)
    assert process.poll() is None, "finished before it could be interrupted"
    process.send_signal(stop)
    _, err = process.communicate(timeout=120)
    if stop == signal.SIGINT:
        assert process.returncode == 130, err
        assert "--resume" in err and "Traceback" not in err
    kept = json.loads(manifest.read_text())["chunks"]
    assert 2 <= len(kept) < 16
    resumed = longwalk("odds", *SHORT, "--runs", "16", "--seed", "3", "--out", part, "--resume", "--json")
    assert resumed.returncode == 0, resumed.stderr
    assert json.loads(resumed.stdout) == summary
    assert fates_csv(part) == fates_csv(out)


def test_run_k_tells_run_k_of_the_ensemble(uninterrupted, tmp_path):
    out, _ = uninterrupted
    rows = fates_csv(out)
    for k in (0, 11):
        told = longwalk("run", *SHORT, "--seed", "3", "--run", k, "--out", tmp_path / f"run{k}")
        assert told.returncode == 0, told.stderr
        summary = json.loads((tmp_path / f"run{k}" / "summary.json").read_text())
        assert summary["run"] == k
        got = [(p["name"], p["fate"], p["date"] or "", p["cause"]) for p in summary["people"]
               if p["fate"] in ("dead", "arrived", "left")]
        want = [(r["person"], r["fate"], r["date"], r["cause"]) for r in rows
                if int(r["run"]) == k and r["fate"] in ("dead", "arrived", "left")]
        assert got == want


def test_a_directory_of_another_scenario_is_refused_and_left_alone(uninterrupted, tmp_path):
    out, _ = uninterrupted
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    other = longwalk("odds", "the-way-back", "--set", "max_days=31", "--runs", "4", "--out", out)
    assert other.returncode == 2
    assert "another scenario" in other.stderr and "Traceback" not in other.stderr
    seed = longwalk("odds", *SHORT, "--runs", "4", "--seed", "4", "--out", out, "--resume")
    assert seed.returncode == 2 and "seed 3" in seed.stderr and "Traceback" not in seed.stderr
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_bad_numbers_and_a_silent_scheduler_are_exit_2():
    assert longwalk("odds", *SHORT, "--runs", "0").returncode == 2
    both = longwalk("odds", *SHORT, "--runs", "2", "--workers", "2", "--scheduler", "tcp://127.0.0.1:1")
    assert both.returncode == 2 and "not both" in both.stderr
    with socket.socket() as s:  # bound, never listening: nobody answers there
        s.bind(("127.0.0.1", 0))
        t0 = time.monotonic()
        silent = longwalk("odds", *SHORT, "--runs", "2", "--scheduler", f"tcp://127.0.0.1:{s.getsockname()[1]}",
                          env={**os.environ, "COLUMNS": "200"})
        elapsed = time.monotonic() - t0
    assert silent.returncode == 2, silent.stderr
    assert "no Dask scheduler answered" in silent.stderr and "--workers" in silent.stderr
    assert "Traceback" not in silent.stderr
    assert elapsed < 30  # the wait itself is 5 s (timed in tests/ensemble); the rest is starting Python


@pytest.mark.slow
def test_a_dask_cluster_gives_the_numbers_of_local_processes(uninterrupted):
    from distributed import LocalCluster

    _, summary = uninterrupted
    # threads in this process, reached over TCP by the command in its own process
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, protocol="tcp",
                      dashboard_address=None) as cluster:
        dask = longwalk("odds", *SHORT, "--runs", "16", "--seed", "3", "--batch-size", "5", "--scheduler",
                        cluster.scheduler_address, "--json")
    assert dask.returncode == 0, dask.stderr
    assert json.loads(dask.stdout) == summary
