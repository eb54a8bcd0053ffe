"""Re-run `longwalk check` on the book's itinerary and `longwalk whatif` on the film's outcome, and write the results
into the docs, so that no number in them is typed by hand.

    python tools/make_check_docs.py            # re-run, rewrite the generated blocks, print progress
    python tools/make_check_docs.py --check    # re-run and exit 1 if a committed block is out of date

It rewrites the blocks between

    <!-- generated-check:NAME:start -->
    ...
    <!-- generated-check:NAME:end -->

in ``docs/the-long-walk.md`` (the check of ``the-long-walk-1941``, :data:`CHECK_RUNS` runs as written and as many
with every uncertain input at its favourable end, and the table of those inputs) and ``docs/the-way-back.md`` (what
would make the film's outcome plausible: ``whatif the-way-back --target "3 arrive"``).  Its markers are its own
(``generated-check``), so ``tools/make_scenario_docs.py``, which writes the other blocks of ``the-way-back.md``, keeps
them as hand-written text and this tool keeps its blocks.  ``tests/test_check_docs_current.py`` calls
:func:`generate` and compares.

Run time on this machine's 2 shared cores: about 2-4 minutes (the check's 4 × 1,000 runs of a journey the model
ends within two months, and the what-if's ensembles of 40 runs each), printed at the end.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COMMAND = "python tools/make_check_docs.py"
SEED = 0
CHECK_RUNS = 1000  # each of the check's ensembles: "impossible" is then 0 of 1,000 with favourable inputs
ITINERARY = "the-long-walk-1941"
WHATIF = dict(scenario="the-way-back", target="3 arrive", runs=40, trajectories=3, top=3, sobol_samples=4, search=4,
              above=0.5)  # the film: "three men walked out of the Himalayas into India" (opening card)

LONG_WALK_DOC = Path("docs/the-long-walk.md")
WAY_BACK_DOC = Path("docs/the-way-back.md")
BLOCKS = {LONG_WALK_DOC: ("header", "check", "inputs"), WAY_BACK_DOC: ("whatif",)}

_MARK = re.compile(r"<!-- generated-check:(?P<name>[a-z0-9-]+):start -->\n(?P<body>.*?)"
                   r"<!-- generated-check:(?P=name):end -->", re.DOTALL)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def check_block(result, scenario) -> str:
    """The check of the itinerary: the command, a table of the claims, the margins, the verdict."""
    from longwalk.analysis.check import percent

    lines = ["```bash", f"longwalk check {ITINERARY} --runs {CHECK_RUNS} --seed {SEED}", "```", "",
             "| leg | claimed by | km | km a day needed | best 1 % / median run | as written (95 % CI) | "
             "favourable inputs | grade | binding |",
             "|---|---|---|---|---|---|---|---|---|"]
    for leg in result.legs:
        lo, hi = leg.tally.interval
        when = f"{leg.latest:%-d %b %Y}" if leg.earliest == leg.latest else \
            f"{leg.earliest:%-d %b} – {leg.latest:%-d %b %Y}"
        pace = "–" if leg.best != leg.best else f"{leg.best:.0f} / {leg.median:.0f}"
        lines.append(f"| {leg.start} → {leg.end} | {when} | {leg.distance:,.0f} | {leg.needed:.0f} | {pace} | "
                     f"{percent(leg.tally.p)} ({percent(lo)}–{percent(hi)}) | "
                     f"{percent(leg.tally.met_favourable / leg.tally.runs)} | {leg.tally.grade} | {leg.constraint} |")
        for c in leg.conditions:
            lo, hi = c.tally.interval
            lines.append(f"| {c.days} days without {c.kind}, from {c.start:%-d %b %Y} | | | | "
                         f"{c.best_days:.0f} / {c.median_days:.0f} days | {percent(c.tally.p)} "
                         f"({percent(lo)}–{percent(hi)}) | {percent(c.tally.met_favourable / c.tally.runs)} | "
                         f"{c.tally.grade} | {c.kind} (claimed) |")
    lines += ["", "The claims of the dates are met together: a leg's share is that of the runs in which someone alive "
              "is at each claimed waypoint so far by the end of its claimed range. Where they fail:", ""]
    for leg in result.legs:
        lines.append(f"- **{leg.start} → {leg.end}** ({leg.constraint}): {_cell(leg.margin)}.")
        for c in leg.conditions:
            lines.append(f"- **{c.days} days without {c.kind}** before {leg.end}: {c.tally.words()}; {c.margin()}.")
    lines += ["", f"**Verdict: {result.verdict}.** {result.evidence}"]
    return "\n".join(lines) + "\n"


def inputs_block() -> str:
    """The uncertain inputs, their ranges and the basis of each: the registry, as a table."""
    from longwalk.analysis.uncertain import FACTORS

    lines = ["| input | scenario field | range | favourable end | basis |", "|---|---|---|---|---|"]
    for f in FACTORS:
        span = f"×{f.low:g} to ×{f.high:g}" if f.how == "scale" else f"{f.low:+g} to {f.high:+g}"
        lines.append(f"| {f.name} | `{f.field}` | {span} | {f.favourable} | {_cell(f.basis)} |")
    return "\n".join(lines) + "\n"


def whatif_block(result) -> str:
    """What would make the film's outcome plausible: the screening, the indices, the search."""
    from longwalk.analysis.check import percent
    from longwalk.ensemble import wilson_interval

    w = WHATIF
    lo, hi = (float(v) for v in wilson_interval(result.baseline.met, result.runs))
    lines = ["```bash",
             f"longwalk whatif {w['scenario']} --target \"{w['target']}\" --runs {w['runs']} --trajectories "
             f"{w['trajectories']} --top {w['top']} --sobol-samples {w['sobol_samples']} --search {w['search']} "
             f"--above {w['above']} --seed {SEED}", "```", "",
             f"As written, \"{w['target']}\" is met in {result.baseline.met} of {result.runs} runs "
             f"({percent(result.baseline.p)}, 95 % CI {percent(lo)}–{percent(hi)}); {result.ensembles} ensembles of "
             f"{result.runs} runs in all.", "",
             "| input | Morris mu* | mu | sigma |", "|---|---|---|---|"]
    for s in result.screening:
        lines.append(f"| {s.name} | {s.mu_star:.3f} ± {s.mu_star_conf:.3f} | {s.mu:+.3f} | {s.sigma:.3f} |")
    if result.indices:
        lines += ["", "| input | Sobol S1 | Sobol ST |", "|---|---|---|"]
        for s in result.indices:
            lines.append(f"| {s.name} | {s.first:.2f} ± {s.first_conf:.2f} | {s.total:.2f} ± {s.total_conf:.2f} |")
    lines += [""] + [n for n in result.notes] + ["", result.answer_words()]
    if any(t.met for t in result.trials):
        lines += ["", "| changes tried | target met |", "|---|---|"]
        for t in result.trials:
            lines.append(f"| {t.words()} | {t.met} of {t.runs} |")
    return "\n".join(lines).replace("\n\n\n", "\n\n") + "\n"


def header() -> str:
    from longwalk import __version__

    return (f"*Generated: every outcome in this document is written by `{COMMAND}` (longwalk {__version__}, seed "
            f"{SEED}) between `generated-check` markers. Do not edit those parts by hand: rerun the command after a "
            "change to a model or to the scenario; `tests/test_check_docs_current.py` fails while they are out of "
            "date.*\n")


def generate(progress: Callable[[str], None] = lambda s: None) -> dict[Path, dict[str, str]]:
    """Re-run the check and the what-if and return, for each document, the text of each generated block."""
    from longwalk.analysis.check import check_itinerary
    from longwalk.analysis.whatif import whatif
    from longwalk.scenario import load_scenario

    t0 = time.monotonic()

    def say(text: str) -> None:
        progress(f"[{time.monotonic() - t0:5.0f} s] {text}")

    itinerary = load_scenario(ITINERARY)
    say(f"check {ITINERARY}: {CHECK_RUNS} runs per ensemble")
    checked = check_itinerary(itinerary, n_runs=CHECK_RUNS, seed=SEED,
                              progress=lambda done, total: done % 1000 == 0 and say(f"  {done}/{total} runs"))
    w = {k: v for k, v in WHATIF.items() if k != "scenario"}
    say(f"whatif {WHATIF['scenario']} --target {WHATIF['target']!r}")
    answer = whatif(load_scenario(WHATIF["scenario"]), seed=SEED,
                    progress=lambda done, total: done % 10 == 0 and say(f"  {done} ensembles"), **w)
    say("done")
    return {LONG_WALK_DOC: {"header": header(), "check": check_block(checked, itinerary), "inputs": inputs_block()},
            WAY_BACK_DOC: {"whatif": whatif_block(answer)}}


def blocks(text: str) -> dict[str, str]:
    """The generated blocks of a document: name -> text between its markers."""
    return {m.group("name"): m.group("body") for m in _MARK.finditer(text)}


def fill(text: str, new: dict[str, str], path: Path | str = "document") -> str:
    """``text`` with each generated block replaced; every block must have its markers in the document."""
    missing = sorted(set(new) - set(blocks(text)))
    if missing:
        raise SystemExit(f"{path}: no markers for the generated block(s) {', '.join(missing)}; add "
                         f"'<!-- generated-check:NAME:start -->' and '<!-- generated-check:NAME:end -->' lines")

    def swap(m: re.Match) -> str:
        name = m.group("name")
        return f"<!-- generated-check:{name}:start -->\n{new.get(name, m.group('body'))}" \
               f"<!-- generated-check:{name}:end -->"

    return _MARK.sub(swap, text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a document is out of date")
    args = parser.parse_args(argv)
    t0 = time.monotonic()
    generated = generate(progress=lambda s: print(s, file=sys.stderr, flush=True))
    stale = []
    for path, new in generated.items():
        old = (ROOT / path).read_text(encoding="utf-8")
        text = fill(old, new, path)
        if text != old:
            stale.append(str(path))
            if not args.check:
                (ROOT / path).write_text(text, encoding="utf-8")
    print(f"{'out of date' if args.check and stale else 'written' if stale else 'current'}: "
          f"{', '.join(stale) or 'every document'} ({time.monotonic() - t0:.0f} s)", file=sys.stderr)
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
