"""Benchmark of ``report.html``: the default run's report size, the time to build it, and the time Chromium takes
to open it from a file with the network refused.

Measured for the report and for two baselines opened the same way in the same browser, several times each
(a new tab each time), medians reported:

* ``journal``: the run's journal as plain text in a page (no script, no image): a page that costs nothing;
* ``same size``: that page padded with an HTML comment to the report's byte size: what reading and parsing the
  bytes alone costs.

Times, from the browser's Navigation Timing and Paint Timing: ``load`` (navigation start to the load event's end),
``first paint`` and ``first contentful paint``, and for the report ``map ready`` (navigation start to the end of
the report's script, which draws the map).  The issue's goals: under 10 MB, opening in under 3 s.

Run: ``python bench/report.py [--dir RUN_DIR] [--repeat 7]`` (without ``--dir`` it runs ``longwalk run`` first:
The Way Back, seed 0).  Needs the ``playwright`` package and Chromium (``/usr/bin/chromium``, or
``LONGWALK_CHROMIUM``).
"""

from __future__ import annotations

import argparse
import html
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from longwalk.report.html import REPORT_FILE, build_report

CHROMIUM = os.environ.get("LONGWALK_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"

_TIMING = """() => {
  const t = performance.timing, n = t.navigationStart;
  const paint = Object.fromEntries(performance.getEntriesByType('paint').map(e => [e.name, e.startTime]));
  return {load: t.loadEventEnd - n, first_paint: paint['first-paint'] ?? null,
          first_contentful_paint: paint['first-contentful-paint'] ?? null,
          map_ready: window.longwalkReadyAt === undefined ? null : window.longwalkReadyAt};
}"""


def load() -> str:
    """The 1, 5 and 15 minute load averages (other work on the machine slows every figure here)."""
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg()) + f" on {os.cpu_count()} CPUs"


def open_times(browser, path: Path, repeat: int) -> dict[str, list[float]]:
    """Open ``path`` ``repeat`` times, each in a new page with every other request aborted; times [ms]."""
    url = path.resolve().as_uri()
    out: dict[str, list[float]] = {}
    for _ in range(repeat):
        page = browser.new_page(viewport={"width": 1100, "height": 800})
        refused: list[str] = []

        def refuse(route, refused=refused):
            if route.request.url == url:
                route.continue_()
            else:
                refused.append(route.request.url)
                route.abort()

        page.route("**/*", refuse)
        # Set before the page's scripts run: the report's script ends by defining window.longwalkReport.
        page.add_init_script("""Object.defineProperty(window, 'longwalkReport', {configurable: true,
            set(v) { window.longwalkReadyAt = performance.now();
                     Object.defineProperty(window, 'longwalkReport', {value: v}); }});""")
        page.goto(url, wait_until="load")
        page.wait_for_timeout(100)  # paint entries are queued after the load event
        timing = page.evaluate(_TIMING)
        if refused:
            raise SystemExit(f"{path} asked for {refused[:3]}: not an offline page")
        for key, value in timing.items():
            if value is not None:
                out.setdefault(key, []).append(float(value))
        page.close()
    return out


def baselines(report: Path, journal: str, folder: Path) -> dict[str, Path]:
    page = f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>journal</title></head><body><pre>" \
           f"{html.escape(journal)}</pre></body></html>\n"
    plain = folder / "journal.html"
    plain.write_text(page, encoding="utf-8")
    padding = report.stat().st_size - len(page.encode("utf-8")) - len("<!--  -->")
    filler = ("the same size as the report " * (padding // 28 + 1))[: max(padding, 0)]
    padded = folder / "same-size.html"
    padded.write_text(page.replace("</body>", f"<!-- {filler} --></body>"), encoding="utf-8")
    return {"journal": plain, "same size": padded}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", type=Path, help="an existing `longwalk run` output directory")
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    print(load())
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        run_dir = args.dir
        if run_dir is None:
            run_dir = tmp / "run"
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-m", "longwalk.cli.main", "run", "--out", str(run_dir)], check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            print(f"longwalk run (The Way Back, seed 0, report included): {time.perf_counter() - t0:.1f} s")
        builds = []
        for _ in range(3):
            t0 = time.perf_counter()
            text = build_report(run_dir)
            builds.append(time.perf_counter() - t0)
        report = tmp / REPORT_FILE
        report.write_text(text, encoding="utf-8", newline="\n")
        size = report.stat().st_size
        print(f"report.html: {size / 1e6:.2f} MB ({size:,} bytes); built in {statistics.median(builds):.2f} s "
              f"(median of {len(builds)}, atlas cached)")
        pages = {"report": report} | baselines(report, (run_dir / "journal.md").read_text(encoding="utf-8"), tmp)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            open_times(browser, report, 1)  # the browser's own first start is not timed
            print(f"Chromium {browser.version}, {args.repeat} openings each, median [min–max] in ms:")
            for name, path in pages.items():
                times = open_times(browser, path, args.repeat)
                cells = [f"{key.replace('_', ' ')} {statistics.median(v):.0f} [{min(v):.0f}–{max(v):.0f}]"
                         for key, v in times.items()]
                print(f"  {name:10s} ({path.stat().st_size / 1e6:5.2f} MB): " + "; ".join(cells))
            browser.close()


if __name__ == "__main__":
    main()
