"""Benchmark: how long a user waits — ``longwalk --help``, a first run on a new cache, a cached run.

Each is a fresh process, as a user starts it, next to ``python -c 'import numpy'`` measured in the same run:

numpy   = ``python -c 'import numpy'`` (the baseline: the least any NumPy program costs to start)
help    = ``longwalk --help``
first   = ``longwalk run`` (The Way Back) with ``LONGWALK_CACHE`` pointing at a new, empty directory: the atlas, the
          GeoNames places, the ice calendar and the route plan are built and cached.  numba's compiled kernels are
          the package's own (``__pycache__``), compiled by an earlier run; ``--numba-cold`` also times a first run
          with an empty numba cache (``NUMBA_CACHE_DIR``), as after a fresh install
cached  = ``longwalk run`` again on that cache

The four are interleaved (numpy, help, first, cached, numpy, help, ...) so that a change in the machine's load
touches them alike; each is repeated ``--repeat`` times and the medians are printed: wall time, CPU time (user +
system of the process: less sensitive than wall time to other work on the machine), peak memory (maximum resident
set size), and the cache's size after the first run; then the ratios to the numpy baseline.

``--readme`` writes the figures into the marked block of README.md (``<!-- bench:startup:start -->`` ..
``<!-- bench:startup:end -->``): the only place the README quotes a time, so it cannot drift from a measurement.

Run: ``python bench/startup.py [--repeat 3] [--numba-cold] [--readme]``.  Prints medians and ratios; asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
_BLOCK = re.compile(r"(<!-- bench:startup:start -->\n).*?(<!-- bench:startup:end -->)", re.DOTALL)


def measure(argv: list[str], env: dict[str, str], cwd: str) -> dict[str, float]:
    """Run ``argv`` to completion: wall time [s], CPU time (user + system) [s] and peak resident memory [MB]."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}):\n{err}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss / 1024.0}


def folder_size(path: Path) -> float:
    """Bytes of the files under ``path`` [MB]."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def run(repeat: int, numba_cold: bool) -> dict[str, dict[str, float]]:
    py = sys.executable
    base = dict(os.environ)
    src = str(ROOT / "src")  # this checkout's longwalk, whatever is installed
    base["PYTHONPATH"] = src + (os.pathsep + base["PYTHONPATH"] if base.get("PYTHONPATH") else "")
    kinds = ["numpy", "help", "first", "cached"] + (["first, numba cold"] if numba_cold else [])
    samples: dict[str, list[dict[str, float]]] = {k: [] for k in kinds}
    sizes = []
    with tempfile.TemporaryDirectory(prefix="longwalk-bench-") as tmp:
        for i in range(repeat):
            cache = Path(tmp) / f"cache-{i}"
            env = dict(base, LONGWALK_CACHE=str(cache))
            out = ["--out", str(Path(tmp) / f"out-{i}")]
            samples["numpy"].append(measure([py, "-c", "import numpy"], base, tmp))
            samples["help"].append(measure([py, "-m", "longwalk", "--help"], base, tmp))
            samples["first"].append(measure([py, "-m", "longwalk", "run", *out], env, tmp))
            sizes.append(folder_size(cache))
            samples["cached"].append(measure([py, "-m", "longwalk", "run", *out], env, tmp))
            if numba_cold:
                cold = dict(env, LONGWALK_CACHE=str(cache) + "-cold", NUMBA_CACHE_DIR=str(Path(tmp) / f"numba-{i}"))
                samples["first, numba cold"].append(measure([py, "-m", "longwalk", "run", *out], cold, tmp))
            print(f"repetition {i + 1}/{repeat} done", file=sys.stderr, flush=True)
    medians = {k: {m: statistics.median(s[m] for s in v) for m in ("wall", "cpu", "rss")} for k, v in samples.items()}
    medians["first"]["cache_mb"] = statistics.median(sizes)
    medians["first"]["load"] = os.getloadavg()[1]  # the machine's load over the last 5 minutes: others' work too
    return medians


def report(medians: dict[str, dict[str, float]]) -> None:
    print(f"{'':20s} {'wall [s]':>9s} {'CPU [s]':>9s} {'peak [MB]':>10s}   wall / numpy   CPU / numpy")
    numpy = medians["numpy"]
    for kind, m in medians.items():
        print(f"{kind:20s} {m['wall']:9.2f} {m['cpu']:9.2f} {m['rss']:10.0f}   {m['wall'] / numpy['wall']:12.1f}"
              f"  {m['cpu'] / numpy['cpu']:12.1f}")
    first = medians["first"]
    print(f"cache after the first run: {first['cache_mb']:.1f} MB; load average {first['load']:.1f} on "
          f"{os.cpu_count()} CPU cores (wall times grow with it, CPU times much less)")


def readme_block(medians: dict[str, dict[str, float]], repeat: int) -> str:
    first, cached, helped = medians["first"], medians["cached"], medians["help"]
    return (f"Measured by `python bench/startup.py --readme` on {dt.date.today().isoformat()} ({os.cpu_count()} CPU "
            f"cores, load average {first['load']:.1f}, median of {repeat}): a first `run` of The Way Back on a new "
            f"cache takes {first['wall']:.1f} s "
            f"({first['cpu']:.1f} s of CPU, {first['rss']:.0f} MB of memory) and leaves {first['cache_mb']:.0f} MB "
            f"in the cache; a cached run takes {cached['wall']:.1f} s, and `longwalk --help` {helped['wall']:.2f} s.\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, help="repetitions of the interleaved set (median reported)")
    parser.add_argument("--numba-cold", action="store_true", help="also time a first run with an empty numba cache")
    parser.add_argument("--readme", action="store_true", help="write the figures into README.md's marked block")
    args = parser.parse_args()
    medians = run(args.repeat, args.numba_cold)
    report(medians)
    if args.readme:
        text = README.read_text(encoding="utf-8")
        if not _BLOCK.search(text):
            raise SystemExit("README.md has no <!-- bench:startup:start --> ... <!-- bench:startup:end --> block")
        README.write_text(_BLOCK.sub(lambda m: m.group(1) + readme_block(medians, args.repeat) + m.group(2), text),
                          encoding="utf-8")
        print("README.md: startup figures updated")


if __name__ == "__main__":
    main()
