"""`longwalk odds`: the ensemble's numbers add up and do not depend on how the runs are batched."""

import json
import subprocess
import sys

import pytest


def odds(*args):
    return subprocess.run([sys.executable, "-m", "longwalk", "odds", *args], capture_output=True, text=True,
                          timeout=900)


@pytest.mark.slow
def test_odds_json_adds_up_and_is_independent_of_batching():
    a = odds("the-way-back", "--runs", "24", "--seed", "3", "--json")
    assert a.returncode == 0, a.stderr
    b = odds("the-way-back", "--runs", "24", "--seed", "3", "--batch-size", "5", "--json")
    assert b.returncode == 0, b.stderr
    assert a.stdout == b.stdout
    summary = json.loads(a.stdout)
    assert summary["n_runs"] == 24
    for person in summary["people"]:
        assert person["arrived"] + person["died"] + person["left"] + person["on_the_way"] == person["runs"]
        assert sum(person["causes"].values()) == person["died"]
        lo, hi = person["arrived_ci"]
        assert 0.0 <= lo <= person["arrived"] / max(person["runs"], 1) <= hi <= 1.0


def test_odds_bad_input_exits_2():
    out = odds("the-way-back", "--runs", "0")
    assert out.returncode == 2
    assert "--runs" in out.stderr and "Traceback" not in out.stderr
    out = odds("no-such-scenario")
    assert out.returncode == 2 and "the-way-back" in out.stderr


def test_negative_seed_is_a_clear_error():
    out = odds("the-way-back", "--runs", "2", "--seed", "-1")
    assert out.returncode == 2 and "Traceback" not in out.stderr and "--seed" in out.stderr


def test_journey_length_counts_runs_cut_off_with_people_still_walking():
    # 15 days: some die (the weakest go in the first fortnight), the others are still walking when the days run out
    out = odds("the-way-back", "--runs", "3", "--set", "max_days=15", "--json")
    assert out.returncode == 0, out.stderr
    summary = json.loads(out.stdout)
    assert sum(p["died"] for p in summary["people"]) > 0
    assert sum(p["on_the_way"] for p in summary["people"]) > 0
    assert summary["days"][2] == 15.0  # before the fix the length was the last death day + 1


def test_default_workers_fill_the_cores_for_a_large_ensemble_only(monkeypatch):
    """Without --workers: one process per 10,000 runs up to the cores (the rule worked by hand), one where the run
    must stay in this process (a Dask scheduler, --png, --netcdf); --workers as given."""
    import os

    from longwalk.cli.odds_cmd import _workers
    from longwalk.ensemble.run import AUTO_RUNS_PER_WORKER

    assert AUTO_RUNS_PER_WORKER == 10_000
    monkeypatch.setattr(os, "cpu_count", lambda: 4)
    assert [_workers(None, n, False) for n in (1000, 19_999, 25_000, 1_000_000)] == [1, 1, 2, 4]
    assert _workers(None, 1_000_000, True) == 1
    assert _workers(3, 1000, False) == 3
