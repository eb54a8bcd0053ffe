"""Write the fates of a small ensemble of every built-in scenario, as simulated by the engine at a git ref.

The same-seed test (``tests/engine/test_same_fates.py``) compares the current engine with these files: a change to
the engine's speed or structure must not change who arrives, dies (on which day, of what) or leaves.  When a model
changes on purpose, regenerate them from the commit that makes the change, and say so in its message::

    python tools/engine_fates.py                 # the engine of the working tree (src/)
    python tools/engine_fates.py --ref 16ad21f   # the engine of a commit (its src/ extracted to a temporary dir)

Each file ``tests/engine/data/fates-<scenario>.json`` records the commit it came from, the seed and the runs.  The
plans come from the route cache (``~/.cache/longwalk``); a scenario whose plan is not cached takes a minute or more.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "engine" / "data"
RUNS = 50
SEED = 0


def fates_of(name: str, runs: int = RUNS, seed: int = SEED) -> dict:
    """The fates of runs ``0 .. runs-1`` of built-in scenario ``name``: per run, per person (status, day, cause).

    Uses only what every engine version since the first ensemble has had (``simulate(..., incidents="fates")`` and
    ``JourneyResult.fates``), so that the engine of an older commit can write it.
    """
    from longwalk.engine import simulate
    from longwalk.scenario.loader import load_scenario

    scenario = load_scenario(name)
    result = simulate(scenario, n_runs=runs, seed=seed, incidents="fates")
    return {
        "scenario": name,
        "seed": seed,
        "runs": runs,
        "people": list(result.people),
        "fates": [[[f.status.name, int(f.day), f.cause] for f in row] for row in result.fates],
    }


def _commit(ref: str) -> str:
    return subprocess.run(["git", "rev-parse", ref], cwd=ROOT, check=True, capture_output=True,
                          text=True).stdout.strip()


def _builtin_names() -> list[str]:
    from longwalk.scenario.loader import builtin_scenarios

    return sorted(builtin_scenarios())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ref", help="git ref whose engine writes the files (default: the working tree's src/)")
    ap.add_argument("--runs", type=int, default=RUNS)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--scenario", action="append", help="only these scenarios (default: every built-in one)")
    ap.add_argument("--out", type=Path, default=DATA)
    ap.add_argument("--_emit", action="store_true", help=argparse.SUPPRESS)  # child: print one JSON per scenario
    args = ap.parse_args()
    names = args.scenario or _builtin_names()

    if args._emit:
        for name in names:
            print(json.dumps(fates_of(name, args.runs, args.seed)), flush=True)
        return

    if args.ref:
        commit = _commit(args.ref)
        with tempfile.TemporaryDirectory(prefix="longwalk-ref-") as tmp:
            archive = subprocess.run(["git", "archive", commit, "src"], cwd=ROOT, check=True, capture_output=True)
            subprocess.run(["tar", "-x", "-C", tmp], input=archive.stdout, check=True)
            env = dict(os.environ, PYTHONPATH=str(Path(tmp) / "src"))
            cmd = [sys.executable, __file__, "--_emit", "--runs", str(args.runs), "--seed", str(args.seed)]
            cmd += [a for n in names for a in ("--scenario", n)]
            out = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True).stdout
        records = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    else:
        commit = _commit("HEAD")
        dirty = subprocess.run(["git", "status", "--porcelain", "src"], cwd=ROOT, capture_output=True,
                               text=True).stdout.strip()
        if dirty:
            commit += " (with uncommitted changes to src/)"
        records = [fates_of(n, args.runs, args.seed) for n in names]

    args.out.mkdir(parents=True, exist_ok=True)
    for rec in records:
        rec = {"commit": commit, **rec}
        path = args.out / f"fates-{rec['scenario']}.json"
        path.write_text(json.dumps(rec, indent=None, separators=(",", ":")) + "\n")
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: {rec['runs']} runs from {commit}")


if __name__ == "__main__":
    main()
