"""Benchmark: how fast each screen of ``longwalk play`` answers a keypress, against an empty Textual app.

Every keypress is driven by Textual's pilot in a headless app of a fixed size and timed from the press until the
app is idle again (``pilot.press`` then ``pilot.pause``: the key handled and the screen redrawn).  The baseline is
the same measure on an empty Textual app whose key does nothing, in the same process and run, so the ratios say
what the game adds to Textual's own cost of a keypress.

Screens and keys (each pressed ``--repeat`` times, alternating so that no state runs away):

baseline      an empty App, a bound key that does nothing
baseline screen   the empty App, a key that opens another screen and ``escape`` that closes it
decide        the journey screen, ``+`` and ``-`` (walking hours up and down: the decisions panel redrawn)
night         the journey screen, ``n`` (night travel cycled)
help          ``h`` opens the help screen (the models and their sources), ``escape`` closes it
causes        ``c``: the deaths and their causes (a text screen, or the line saying nobody has died)
save dialog   a character typed into the save dialog's file name
walk a day    ``space``: the engine steps one day, the journal is written again, every panel and the map redrawn

Prints the median and 95th percentile [ms] of each, and their ratios to the baseline's median; asserts nothing
(STYLE.md: no timed asserts in tests).  Run: ``python bench/play.py [--scenario NAME] [--repeat 40]``.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static


class Blank(Screen):
    BINDINGS = [Binding("escape", "app.pop_screen", "back")]

    def compose(self):
        yield Static("another screen")


class Empty(App):
    BINDINGS = [Binding("x", "nothing", "nothing"), Binding("y", "other", "other")]

    def compose(self):
        yield Static("baseline")

    def action_nothing(self) -> None:
        pass

    def action_other(self) -> None:
        self.push_screen(Blank())


SIZE = (140, 45)


async def _timed(pilot, keys, repeat: int) -> list[float]:
    out = []
    for i in range(repeat):
        key = keys[i % len(keys)]
        t0 = time.perf_counter()
        await pilot.press(key)
        await pilot.pause()
        out.append(1000.0 * (time.perf_counter() - t0))
    return out


async def baseline(repeat: int) -> dict[str, list[float]]:
    app = Empty()
    async with app.run_test(size=SIZE) as pilot:
        await _timed(pilot, ["x"], 3)  # warm-up
        return {"baseline": await _timed(pilot, ["x"], repeat),
                "baseline screen": await _timed(pilot, ["y", "escape"], repeat)}


async def game(scenario: str, repeat: int) -> dict[str, list[float]]:
    from longwalk.cli.play_cmd import atlas_for
    from longwalk.play.app import PlayApp
    from longwalk.play.session import Session
    from longwalk.scenario import load_scenario

    session = Session(load_scenario(scenario, []), 0)
    app = PlayApp(session, "/dev/null", out_dir=None, atlas=atlas_for(session))
    times: dict[str, list[float]] = {}
    async with app.run_test(size=SIZE) as pilot:
        await _timed(pilot, ["space"], 2)  # warm-up: numba kernels loaded, a journal written
        times["decide"] = await _timed(pilot, ["plus", "minus"], repeat)
        times["night"] = await _timed(pilot, ["n"], repeat)
        times["help"] = await _timed(pilot, ["h", "escape"], repeat)
        times["causes"] = [t for i, t in enumerate(await _timed(pilot, ["c", "escape"], repeat)) if i % 2 == 0]
        await pilot.press("s")
        await pilot.pause()
        times["save dialog"] = await _timed(pilot, ["a", "backspace"], repeat)
        await pilot.press("escape")
        await pilot.pause()
        walks = []
        for _ in range(repeat):
            if app.session.over:
                break
            walks += await _timed(pilot, ["space"], 1)
            if app.screen is not app._journey_screen():  # a death's causes shown: back to the journey
                await pilot.press("escape")
                await pilot.pause()
        times["walk a day"] = walks
    return times


def _p95(values: list[float]) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(0.95 * (len(s) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scenario", default="the-way-back")
    parser.add_argument("--repeat", type=int, default=40)
    args = parser.parse_args()
    base = asyncio.run(baseline(args.repeat))
    times = asyncio.run(game(args.scenario, args.repeat))
    ref = statistics.median(base["baseline"])
    print(f"keypress response, {args.scenario}, headless {SIZE[0]}x{SIZE[1]}, {args.repeat} presses each")
    print(f"{'screen':<16}{'median ms':>10}{'p95 ms':>9}{'× baseline':>12}")
    for name, values in list(base.items()) + list(times.items()):
        if values:
            med = statistics.median(values)
            print(f"{name:<16}{med:>10.1f}{_p95(values):>9.1f}{med / ref:>12.1f}")


if __name__ == "__main__":
    main()
