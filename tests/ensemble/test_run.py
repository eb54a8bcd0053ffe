"""The ensemble driver: batch-size independence, counts that add up, the Wilson interval."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "engine"))
from engine_helpers import constant_climate, flat_track, person, plan_for, scenario  # noqa: E402

from longwalk.engine.records import Status  # noqa: E402
from longwalk.ensemble import run_ensemble, wilson_interval  # noqa: E402


def test_wilson_interval_reference_values():
    # Newcombe (1998, Stat Med 17:857) Table I, method 3 (Wilson score): 81/263 → 0.2553-0.3662; 0/10 → 0-0.2775
    lo, hi = wilson_interval(81, 263)
    assert round(float(lo), 4) == 0.2553 and round(float(hi), 4) == 0.3662
    lo, hi = wilson_interval(0, 10)
    assert float(lo) == 0.0 and round(float(hi), 4) == 0.2775


def _heat():
    return scenario([person("a"), person("b", body_mass=58.0, sex="female", height=1.65, body_fat=0.25)],
                    weather=dict(air_temperature_max=36.0, air_temperature_min=22.0, relative_humidity=0.2),
                    supplies=dict(food=[dict(kind="r", mass=10.0, energy_density=3000.0)], water=3.0,
                                  water_capacity=3.0),
                    max_days=30)


def test_ensemble_does_not_depend_on_batch_size():
    sc = _heat()
    plan = plan_for(flat_track(length=200_000.0, n=201))  # no water on the way: some make it, some do not
    a = run_ensemble(sc, n_runs=60, seed=2, batch_size=7, plan=plan)
    b = run_ensemble(sc, n_runs=60, seed=2, batch_size=60, plan=plan)
    assert a.as_dict() == b.as_dict()
    for p in a.people:
        assert p.arrived + p.died + p.left + p.on_the_way == p.runs == 60
        assert p.arrived_ci[0] <= p.arrived / 60 <= p.arrived_ci[1]
        assert sum(p.causes.values()) == p.died == sum(p.death_legs.values())
    assert sum(a.causes.values()) == sum(p.died for p in a.people)
    c = run_ensemble(sc, n_runs=60, seed=3, batch_size=60, plan=plan)
    assert c.as_dict() != a.as_dict()
    assert np.isfinite(a.days).all()


def test_journey_length_counts_people_still_on_the_way():
    # mild weather, ample food and water, a long track and only 5 days: everyone is still walking at the end

    track = flat_track(length=400_000.0, n=401, water=True)
    plan = plan_for(track, climate=constant_climate(track))
    sc = scenario([person("a"), person("b")], max_days=5,
                  supplies=dict(food=[dict(kind="bread", mass=20.0, energy_density=2500.0)], water=4.0))
    summary = run_ensemble(sc, n_runs=6, seed=1, plan=plan)
    assert summary.days == (5.0, 5.0, 5.0)
    assert all(p.on_the_way == 6 for p in summary.people)


def test_on_batch_sees_every_run_once_and_leaves_the_summary_alone():
    sc = _heat()
    plan = plan_for(flat_track(length=200_000.0, n=201))
    seen = []
    a = run_ensemble(sc, n_runs=25, seed=2, batch_size=10, plan=plan, on_batch=lambda r: seen.append(r))
    b = run_ensemble(sc, n_runs=25, seed=2, batch_size=10, plan=plan)
    assert a.as_dict() == b.as_dict()
    assert [len(r.run_ids) for r in seen] == [10, 10, 5]
    assert sorted(int(i) for r in seen for i in r.run_ids) == list(range(25))
    died = sum(int(f.status) == Status.DEAD for r in seen for row in r.fates for f in row)
    assert died == sum(p.died for p in a.people)


def test_fate_table_of_a_fates_only_record_is_the_full_ones():
    """The ensemble asks the engine for each run's last day only (``record="fates"``); its table of fates (the leg
    where each fate happened, the episodes of each condition) must be the one the full day record gives."""
    from longwalk.engine.plan import plan_journey
    from longwalk.ensemble.chunks import Job, fate_table, simulate_runs
    from longwalk.scenario.loader import load_scenario

    for name in ("the-way-back", "gobi-crossing-spring"):
        sc = load_scenario(name)
        plan = plan_journey(sc)  # from the route cache
        job = Job(scenario=sc, plan=plan, seed=3)
        ids = np.arange(10, 70)
        full = fate_table(simulate_runs(job, ids, record="full"), plan.track.waypoint_x)
        lean = fate_table(simulate_runs(job, ids), plan.track.waypoint_x)
        assert lean.equals(full), name
        assert sum(full[k].to_numpy().sum() for k in ("injury", "illness", "lost")) > 0, name


def test_progress_is_told_within_a_chunk_run_in_this_process():
    # one chunk of 60 runs whose journeys end on different days: progress rises day by day before the chunk is done,
    # never falls, and ends at every run; the numbers are those of chunks of 7
    sc = _heat()
    plan = plan_for(flat_track(length=200_000.0, n=201))
    told = []
    one = run_ensemble(sc, n_runs=60, seed=2, batch_size=60, plan=plan, progress=lambda done, n: told.append(done))
    assert told[-1] == 60 and told == sorted(told)
    assert len(set(told)) > 2 and 0 < told[0] < 60  # more than the chunk's end alone
    assert one.as_dict() == run_ensemble(sc, n_runs=60, seed=2, batch_size=7, plan=plan).as_dict()


def test_default_chunks_are_few_and_shared_evenly():
    from longwalk.ensemble.run import DEFAULT_CHUNK, chunk_ranges, default_chunk_size

    for n, workers in ((100_000, 2), (30_000, 2), (10_000, 2), (10_000, 1), (1_000_000, 3), (7, 2)):
        size = default_chunk_size(n, workers)
        chunks = len(chunk_ranges(n, size))
        assert size <= DEFAULT_CHUNK
        assert chunks % workers == 0 or chunks < workers  # each worker gets as many chunks
        assert default_chunk_size(n, workers) * (chunks - 1) < n  # no chunk left empty
        # no fewer chunks would do: one chunk fewer per worker would exceed DEFAULT_CHUNK
        assert chunks <= workers or -(-n // (chunks - workers)) > DEFAULT_CHUNK
