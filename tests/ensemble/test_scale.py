"""Ensembles at scale: the same numbers whatever the chunking, the workers or the cluster; chunks on disk that
survive interruption and damage."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "engine"))
from engine_helpers import flat_track, person, plan_for, scenario  # noqa: E402

from longwalk.engine import simulate  # noqa: E402
from longwalk.engine.records import Status  # noqa: E402
from longwalk.ensemble import run_ensemble  # noqa: E402
from longwalk.ensemble.store import MANIFEST  # noqa: E402
from longwalk.errors import InputError  # noqa: E402

N = 48


@pytest.fixture(scope="module")
def heat():
    """Two walkers, 40 km of dry flat ground at 34 °C: most runs arrive, some die on the way."""
    sc = scenario([person("a"), person("b", body_mass=58.0, sex="female", height=1.65, body_fat=0.25)],
                  weather=dict(air_temperature_max=34.0, air_temperature_min=20.0, relative_humidity=0.2),
                  supplies=dict(food=[dict(kind="r", mass=10.0, energy_density=3000.0)], water=6.0,
                                water_capacity=6.0),
                  max_days=30)
    return sc, plan_for(flat_track(length=40_000.0, n=201))


@pytest.fixture(scope="module")
def reference(heat):
    sc, plan = heat
    return run_ensemble(sc, n_runs=N, seed=5, batch_size=N, plan=plan).as_dict()


def test_reference_is_not_trivial(reference):
    # the comparisons below could fail only if the runs differ among themselves
    statuses = {(p["arrived"], p["died"]) for p in reference["people"]}
    assert any(0 < died < N for _, died in statuses)
    assert sum(reference["survivors"].values()) == N


def test_workers_and_chunk_sizes_do_not_change_the_result(heat, reference):
    sc, plan = heat
    assert run_ensemble(sc, n_runs=N, seed=5, batch_size=5, plan=plan).as_dict() == reference
    assert run_ensemble(sc, n_runs=N, seed=5, batch_size=7, plan=plan, workers=2).as_dict() == reference


def test_dask_local_cluster_equals_the_local_run(heat, reference):
    from distributed import Client, LocalCluster

    sc, plan = heat
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster, \
            Client(cluster, set_as_default=False) as client:
        got = run_ensemble(sc, n_runs=N, seed=5, batch_size=11, plan=plan, scheduler=client)
        assert got.as_dict() == reference
        # and by address, as the command line gives it
        assert run_ensemble(sc, n_runs=N, seed=5, batch_size=16, plan=plan,
                            scheduler=cluster.scheduler_address).as_dict() == reference


def test_an_interrupted_ensemble_resumes_to_the_uninterrupted_result(heat, reference, tmp_path):
    sc, plan = heat
    computed = []

    def stop_after_two(start, stop, table):
        computed.append(start)
        if len(computed) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_ensemble(sc, n_runs=N, seed=5, batch_size=10, plan=plan, out=tmp_path, on_chunk=stop_after_two)
    manifest = json.loads((tmp_path / MANIFEST).read_text())
    assert [c["start"] for c in manifest["chunks"]] == [0, 10]  # both finished chunks kept, nothing else
    assert not list((tmp_path / "chunks").glob(".*"))  # no half-written file

    # what a process killed in the middle of writing leaves: a temporary file, never named by the manifest
    stale = tmp_path / "chunks" / ".manifest.json.x1y2.partial"
    stale.write_text('{"half": ')
    resumed = []
    got = run_ensemble(sc, n_runs=N, seed=5, batch_size=3, plan=plan, out=tmp_path, resume=True,
                       on_chunk=lambda start, stop, table: resumed.append(start))
    assert got.as_dict() == reference
    assert not stale.exists()
    assert resumed == [0, 10, 20, 30, 40]  # the chunk size of the directory, the first two read back
    again = []
    run_ensemble(sc, n_runs=N, seed=5, plan=plan, out=tmp_path, resume=True,
                 on_chunk=lambda start, stop, table: again.append(start))
    assert again == [0, 10, 20, 30, 40]


def test_a_damaged_chunk_is_detected_and_recomputed(heat, reference, tmp_path, monkeypatch):
    sc, plan = heat
    run_ensemble(sc, n_runs=N, seed=5, batch_size=16, plan=plan, out=tmp_path)
    victim = tmp_path / "chunks" / json.loads((tmp_path / MANIFEST).read_text())["chunks"][1]["file"]
    data = bytearray(victim.read_bytes())
    data[len(data) // 2] ^= 0xFF
    victim.write_bytes(bytes(data))

    import longwalk.ensemble.chunks as chunks

    simulated = []
    real = chunks.simulate_runs
    monkeypatch.setattr(chunks, "simulate_runs",
                        lambda job, ids, **kw: simulated.append(int(ids[0])) or real(job, ids, **kw))
    told = []
    got = run_ensemble(sc, n_runs=N, seed=5, plan=plan, out=tmp_path, resume=True, notice=told.append)
    assert simulated == [16]  # only the damaged chunk ran again
    assert len(told) == 1 and victim.name in told[0]
    assert got.as_dict() == reference
    assert pq.read_table(victim).num_rows == 16 * 2


def test_a_directory_of_another_scenario_or_seed_is_refused_untouched(heat, tmp_path):
    sc, plan = heat
    run_ensemble(sc, n_runs=8, seed=5, batch_size=4, plan=plan, out=tmp_path)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    other = sc.model_copy(update={"max_days": 29})
    with pytest.raises(InputError, match="another scenario"):
        run_ensemble(other, n_runs=8, seed=5, plan=plan, out=tmp_path)
    with pytest.raises(InputError, match="another scenario"):
        run_ensemble(other, n_runs=8, seed=5, plan=plan, out=tmp_path, resume=True)
    with pytest.raises(InputError, match="seed 5"):
        run_ensemble(sc, n_runs=8, seed=6, plan=plan, out=tmp_path, resume=True)
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before


def test_a_scheduler_that_does_not_answer_is_named_quickly(heat):
    import socket
    import time

    sc, plan = heat
    with socket.socket() as s:  # a port nobody listens on: bound, never listening
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        t0 = time.monotonic()
        with pytest.raises(InputError, match="no Dask scheduler answered.*--workers"):
            run_ensemble(sc, n_runs=4, seed=5, plan=plan, scheduler=f"tcp://127.0.0.1:{port}")
        assert time.monotonic() - t0 < 10.0


def test_run_k_of_an_ensemble_is_run_k_alone(heat, tmp_path):
    sc, plan = heat
    run_ensemble(sc, n_runs=20, seed=5, batch_size=20, plan=plan, out=tmp_path)
    table = pq.read_table(next((tmp_path / "chunks").glob("*.parquet"))).to_pylist()
    for k in (0, 13, 19):
        alone = simulate(sc, seed=5, run_ids=[k], plan=plan, incidents="all")
        inside = [row for row in table if row["run"] == k]
        assert [(int(f.status), f.day, f.cause) for f in alone.fates[0]] == \
               [(row["status"], row["day"], row["cause"]) for row in inside]
    assert {row["status"] for row in table} >= {int(Status.DEAD)}
    assert np.all(np.diff([row["run"] for row in table]) >= 0)
