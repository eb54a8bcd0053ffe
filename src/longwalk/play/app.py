"""The ``longwalk play`` screens (Textual): the journey, the help, a death's causes, save and load.

The main screen shows the map with the route so far, the weather and sky, the supplies, each person's condition
and the journal as it grows; the keys in the footer change the decisions for the days ahead and walk a day, a
week or to the next waypoint.  Nothing here computes the journey: :class:`longwalk.play.session.Session` does,
with the engine's phases.
"""

from __future__ import annotations

import dataclasses
import gc
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Input, SelectionList, Static, TextArea

from longwalk.errors import LongwalkError
from longwalk.play import words
from longwalk.play.journalview import JournalView
from longwalk.play.mapview import MapView
from longwalk.play.session import LIMITS, NIGHT_CHOICES, Decisions, Session, skippable_waypoints

if TYPE_CHECKING:
    from longwalk.report.journal import JournalSoFar

MIN_WIDTH, MIN_HEIGHT = 100, 30  # [cells] below this the panels do not fit: the screen says so instead
HOURS_STEP, RATION_STEP, FORAGE_STEP = 1.0, 250.0, 1.0  # [h], [kcal], [h] per keypress
WEEK = 7  # [day]
NOT_SET_OUT = "The party has not set out yet. Press space to walk a day."
TO_WAYPOINT_MAX = 60  # [day] "walk to the next waypoint" stops after this many days at most


class KeyFooter(Footer):
    """Textual's footer, recomposed only when the keys it shows change.

    Textual's own recomposes its keys (a widget each, restyled) whenever the bindings may have changed, which is
    every time a screen is pushed or popped; the journey's keys stay the same, and that recomposition cost the
    help screen and a death's causes a second frame each way."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._keys: tuple | None = None  # the keys shown

    def bindings_changed(self, screen: Screen) -> None:
        keys = tuple((key, b.action, b.description, enabled, tooltip)
                     for key, (_, b, enabled, tooltip) in screen.active_bindings.items() if b.show)
        if keys == self._keys and getattr(self, "_bindings_ready", False):  # Textual private: absent, recompose
            return
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self._keys = keys  # only once the recomposition below will happen
        super().bindings_changed(screen)


class JourneyScreen(Screen):
    """The journey: map, weather, supplies, people, decisions, journal."""

    BINDINGS = [
        Binding("space", "walk(1)", "walk a day"),
        Binding("w", "walk(7)", "a week"),
        Binding("g", "to_waypoint", "to waypoint"),
        Binding("plus,equals", "hours(1)", "+hours", show=False),
        Binding("minus", "hours(-1)", "-hours", show=False),
        Binding("right_square_bracket", "ration(1)", "+ration", show=False),
        Binding("left_square_bracket", "ration(-1)", "-ration", show=False),
        Binding("f", "forage(1)", "+forage", show=False),
        Binding("F", "forage(-1)", "-forage", show=False),
        Binding("n", "night", "night", show=False),
        Binding("r", "rest", "rest", show=False),
        Binding("b", "toggle('leave_behind')", "leave behind", show=False),
        Binding("v", "toggle('resupply')", "villages", show=False),
        Binding("o", "toggle('wait_out_storms')", "storms", show=False),
        Binding("j", "stranger", "stranger", show=False),
        Binding("d", "defaults", "plan", show=False),
        Binding("k", "route", "route", show=False),
        Binding("c", "causes", "causes"),
        Binding("s", "save", "save"),
        Binding("l", "load", "load"),
        Binding("question_mark,h", "help", "help"),
        Binding("q", "quit_game", "quit"),
    ]

    def __init__(self):
        super().__init__()
        self._shown: dict[str, object] = {}  # panel -> what it shows (put)

    def compose(self) -> ComposeResult:
        yield Static("", id="too-small")
        with Vertical(id="main"):
            yield Static("", id="title")
            with Horizontal():
                with Vertical(id="left"):
                    yield MapView(id="map")
                    yield Static("", id="weather")
                    yield Static("", id="supplies")
                with Vertical(id="right"):
                    yield Static("", id="people")
                    yield Static("", id="decisions")
                    yield JournalView(id="journal")
            yield Static("", id="message")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.refresh_all()
        self.check_size()

    def on_resize(self, event) -> None:
        self.check_size()

    def check_size(self) -> None:
        w, h = self.app.size
        small = w < MIN_WIDTH or h < MIN_HEIGHT
        self.query_one("#too-small", Static).update(
            f"The terminal is {w}×{h} characters; longwalk play needs at least {MIN_WIDTH}×{MIN_HEIGHT}. "
            "Enlarge the window (or make the font smaller)." if small else "")
        self.query_one("#too-small").display = small
        self.query_one("#main").display = not small

    @property
    def session(self) -> Session:
        return self.app.session

    # --- drawing --------------------------------------------------------------------------------------------------

    def refresh_all(self) -> None:
        s = self.session
        title = s.scenario.title or s.scenario.name
        self.put("#title", Text.assemble((title, "bold"), f"  seed {s.seed} · day {s.n_days} · {s.date:%d %B %Y} · ",
                                         words.place_text(s), ("  · journey over" if s.over else "", "bold red")))
        self.query_one("#map", MapView).show(s)
        self.put("#weather", "\n".join(["[b]Weather and sky[/b]"] + words.weather_text(s)))
        self.refresh_supplies()
        self.put("#people", self.people_table())
        self.refresh_decisions()
        self.query_one("#journal", JournalView).show(self.app.journal_text)

    def put(self, panel: str, content) -> None:
        """Show ``content`` in the panel (a ``Static``) unless it shows it already: an update lays out and draws the
        panel again even when nothing changed, and most panels stay the same from one keypress to the next."""
        if self._shown.get(panel) != content:
            self._shown[panel] = content
            self.query_one(panel, Static).update(content)

    def refresh_supplies(self) -> None:
        self.put("#supplies", "\n".join(["[b]Supplies[/b]"] + words.supplies_text(self.session)))

    def people_table(self) -> Text:
        """Each person's status, condition words and numbers, in aligned columns (plain text: a Rich table took a
        tenth of a second to lay out again whenever the screen was redrawn)."""
        s = self.session
        width = max(len(n) for n in s.party.names)
        text = Text()
        text.append("The party\n", style="bold")
        text.append(f"{'name':<{width}}  {'status':<22} {'kg':>5} {'Δkg':>6} {'BMI':>5} {'dry %':>5}  condition\n",
                    style="underline")
        for p, name in enumerate(s.party.names):
            status, cond, n = words.person_condition(s, p)
            text.append(f"{name:<{width}}  {status:<22} {n['body_mass']:>5.1f} {n['mass_change']:>+6.1f} "
                        f"{n['bmi']:>5.1f} {n['water_deficit']:>5.1f}  ")
            text.append(", ".join(cond) or "well", style="bold" if cond else "")
            text.append("\n")
        return text

    def refresh_decisions(self) -> None:
        d = self.session.decisions
        plan = Decisions.of(self.session.scenario)
        joiners = self.app.joiners()

        def mark(key):
            return "" if getattr(d, key) == getattr(plan, key) else " *"

        night_above = self.session.scenario.policy.night_travel_above
        # the night choice has a line of its own: its words change length, and a panel that grows or shrinks a line
        # costs Textual a second layout (a second frame for the keypress)
        lines = [
            "[b]Decisions for the days ahead[/b] (* differs from the plan; d restores the plan)",
            f"[b]+/-[/b] walking hours {d.hours_per_day:.0f} h{mark('hours_per_day')}   "
            f"[b][ ][/b] ration {d.ration:.0f} kcal{mark('ration')}   "
            f"[b]f/F[/b] foraging {d.forage_hours:.0f} h{mark('forage_hours')}",
            f"[b]n[/b] by night: {d.night}"
            + (f" (when hotter than {night_above:.0f} °C)" if d.night == "as planned" else "") + mark("night"),
            f"[b]r[/b] rest tomorrow: {'yes' if d.rest else 'no'}   "
            f"[b]b[/b] leave those who cannot walk: {'yes' if d.leave_behind else 'no'}{mark('leave_behind')}   "
            f"[b]v[/b] seek villages: {'yes' if d.resupply else 'no'}{mark('resupply')}   "
            f"[b]o[/b] wait out storms: {'yes' if d.wait_out_storms else 'no'}{mark('wait_out_storms')}",
        ]
        s = self.session
        forks = skippable_waypoints(s.base)
        if forks:
            shown = ", ".join(forks[:4]) + (f" or {len(forks) - 4} more" if len(forks) > 4 else "")
            lines.append("route: " + (f"round {', '.join(s.skip)}" if s.skip else "as planned")
                         + (f" ([b]k[/b] before setting out: go round {shown})" if s.n_days == 0 else ""))
        if joiners:
            lines.append("[b]j[/b] strangers who may join: " + ", ".join(
                f"{n} ({'turned away' if n in d.turned_away else 'taken in'})" for n in joiners))
        self.put("#decisions", "\n".join(lines))

    def say(self, text: str) -> None:
        self.put("#message", text)

    # --- decisions ------------------------------------------------------------------------------------------------

    def _set(self, **changes) -> None:
        self.session.decide(dataclasses.replace(self.session.decisions, **changes))
        self.refresh_decisions()
        self.refresh_supplies()

    def _step(self, key: str, sign: int, step: float) -> None:
        lo, hi = LIMITS[key]
        value = min(max(getattr(self.session.decisions, key) + sign * step, lo), hi)
        self._set(**{key: value})

    def action_hours(self, sign: int) -> None:
        self._step("hours_per_day", sign, HOURS_STEP)

    def action_ration(self, sign: int) -> None:
        self._step("ration", sign, RATION_STEP)

    def action_forage(self, sign: int) -> None:
        self._step("forage_hours", sign, FORAGE_STEP)

    def action_night(self) -> None:
        i = NIGHT_CHOICES.index(self.session.decisions.night)
        self._set(night=NIGHT_CHOICES[(i + 1) % len(NIGHT_CHOICES)])

    def action_rest(self) -> None:
        self._set(rest=not self.session.decisions.rest)

    def action_toggle(self, key: str) -> None:
        self._set(**{key: not getattr(self.session.decisions, key)})

    def action_defaults(self) -> None:
        d = Decisions.of(self.session.scenario)
        self._set(**{f.name: getattr(d, f.name) for f in dataclasses.fields(d) if f.name != "turned_away"})

    def action_stranger(self) -> None:
        """Cycle through who may join: each press turns the next one away or takes them in again."""
        joiners = self.app.joiners()
        if not joiners:
            self.say("Nobody is waiting to join the party.")
            return
        away = set(self.session.decisions.turned_away)
        # the states of all joiners as a binary counter: every combination in turn
        bits = [n in away for n in joiners]
        for i in range(len(bits)):
            bits[i] = not bits[i]
            if bits[i]:
                break
        self._set(turned_away=tuple(n for n, b in zip(joiners, bits, strict=True) if b))

    # --- walking --------------------------------------------------------------------------------------------------

    def action_walk(self, days: int) -> None:
        self.app.walk(days)

    def action_to_waypoint(self) -> None:
        self.app.walk(TO_WAYPOINT_MAX, to_waypoint=True)

    def action_causes(self) -> None:
        self.app.show_causes()

    def action_route(self) -> None:
        s = self.session
        forks = skippable_waypoints(s.base)
        if not forks:
            self.say("This route has no waypoint that can be gone round.")
        elif s.n_days > 0:
            self.say("The way is chosen before setting out: the route is planned by season as a whole.")
        elif self.app.planning:
            self.say("The route is being planned; wait for it.")
        else:
            self.app.push_screen(RouteScreen(forks, s.skip), self.app.replan)

    def action_save(self) -> None:
        self.app.push_screen(PathScreen("Save the game to:", self.app.save_path), self.app.save_to)

    def action_load(self) -> None:
        self.app.push_screen(PathScreen("Load the game from:", self.app.save_path), self.app.load_from)

    def action_help(self) -> None:
        # built once and kept: its text area holds some 50,000 characters
        if not self.app.is_screen_installed("help"):
            self.app.install_screen(HelpScreen(), "help")
        self.app.push_screen("help")

    def action_quit_game(self) -> None:
        self.app.exit(self.app.session)


class PathScreen(ModalScreen[str | None]):
    """Ask for a file name (Enter accepts, Escape cancels)."""

    BINDINGS = [Binding("escape", "cancel", "cancel")]

    def __init__(self, prompt: str, default: Path):
        super().__init__()
        self.prompt, self.default = prompt, default

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.prompt)
            yield Input(value=str(self.default), id="path")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class RouteScreen(ModalScreen[tuple[str, ...] | None]):
    """Choose the waypoints to go round (space ticks one, Enter accepts, Escape cancels)."""

    BINDINGS = [Binding("escape", "cancel", "cancel"), Binding("enter", "accept", "accept", priority=True)]

    def __init__(self, forks: tuple[str, ...], skip: tuple[str, ...]):
        super().__init__()
        self.forks, self.skip = forks, skip

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static("Tick the waypoints to go round (space), Enter to plan the way, Escape to keep it. "
                         "A new way is planned by season before setting out: a minute or more the first time.")
            yield SelectionList[str](*[(name, name, name in self.skip) for name in self.forks], id="forks")

    def action_accept(self) -> None:
        chosen = set(self.query_one("#forks", SelectionList).selected)
        self.dismiss(tuple(n for n in self.forks if n in chosen))

    def action_cancel(self) -> None:
        self.dismiss(None)


class TextScreen(ModalScreen[None]):
    """A page of text (a death's causes); any of Escape, Enter or q closes it."""

    BINDINGS = [Binding("escape,enter,q,c", "close", "close")]

    def __init__(self, title: str, lines: list[str]):
        super().__init__()
        self.title_text, self.lines = title, lines

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog"):
            yield Static(Text(self.title_text, style="bold"))
            yield Static(Text("\n".join(self.lines)))
            yield Static(Text("(Esc or Enter to go back)", style="dim"))

    def action_close(self) -> None:
        self.dismiss(None)


class HelpScreen(Screen):
    """How the game works and what each model is, with its source.

    The text (some 50,000 characters, most of it docs/models.md's tables) is shown in a read-only text area, which
    draws only the lines in view: laid out whole as rendered Markdown it took seconds to open."""

    BINDINGS = [Binding("escape,q,h,question_mark", "close", "close")]

    def compose(self) -> ComposeResult:
        from longwalk.play.help import help_markdown

        with Vertical(id="help"):
            yield Static(Text("Help: arrows and PgUp/PgDn scroll, Esc closes", style="bold"))
            text = TextArea(help_markdown(), read_only=True, soft_wrap=True, show_line_numbers=False, id="help-text")
            text.cursor_blink = False  # a blinking cursor redraws the text area twice a second
            yield text

    def on_mount(self) -> None:
        self.query_one("#help-text", TextArea).focus()

    def action_close(self) -> None:
        self.app.pop_screen()


class PlayApp(App):
    """``longwalk play``: lead one run of a scenario with the engine; returns the session on exit."""

    CSS = """
    #too-small { padding: 1 2; color: $warning; text-style: bold; }
    #title { height: 1; background: $boost; }
    #left { width: 52%; }
    #right { width: 48%; }
    #map { height: 1fr; min-height: 10; }
    #weather, #supplies { height: auto; padding: 0 1; }
    #people { height: auto; }
    #decisions { height: auto; padding: 0 1; border-top: solid $primary; }
    #journal { height: 1fr; border-top: solid $primary; padding: 0 1; }
    #message { height: 2; color: $warning; padding: 0 1; }
    #dialog { width: 90%; height: auto; max-height: 90%; border: thick $primary; background: $surface;
              padding: 1 2; }
    #help { width: 95%; height: 95%; border: thick $primary; background: $surface; }
    /* no scroll bar drawn (the keys and the wheel still scroll): its restyle each time the help opens drew it
       again a frame later */
    #help-text { scrollbar-size-vertical: 0; }
    PathScreen, TextScreen, HelpScreen, RouteScreen { align: center middle; background: $background; }
    """

    def __init__(self, session: Session, save_path: Path, out_dir: Path | None = None, plan_for_load=None,
                 atlas=None, planner=None):
        super().__init__()
        self.planner = planner  # scenario -> route plan (tests); default the cached season plan
        self.planning = False
        self.session = session
        self.save_path = Path(save_path)
        self.out_dir = out_dir
        self.plan_for_load = plan_for_load
        self.atlas = atlas
        self.journal_text = NOT_SET_OUT
        self._told: tuple[Session, JournalSoFar] | None = None  # the journal of the session it tells
        self.written: list[Path] = []
        self.shown_deaths: set[tuple[int, int]] = set()

    def on_mount(self) -> None:
        # What is loaded by now (the engine, numba, the atlas, Textual) lives as long as the game: kept out of the
        # garbage collector's full passes, which walked it all (some 70 ms) in the middle of a keypress.
        gc.freeze()
        self.push_screen(JourneyScreen())

    def on_unmount(self) -> None:
        gc.unfreeze()

    @property
    def journey(self) -> JourneyScreen:
        return self.screen if isinstance(self.screen, JourneyScreen) else self.query_one(JourneyScreen)

    def joiners(self) -> list[str]:
        """People who may still join (a join event of the scenario, not yet happened)."""
        s = self.session
        joined = {i.person for i in s.incidents if i.kind == "join"}
        names = []
        for e in s.scenario.events:
            p = s.party.names.index(e.person)
            if e.action == "join" and p not in joined and e.person not in names:
                names.append(e.person)
        return names

    def walk(self, days: int, to_waypoint: bool = False) -> None:
        s = self.session
        screen = self._journey_screen()
        if self.planning:
            screen.say("The route is being planned; wait for it.")
            return
        if s.over:
            where = f" (its journal and report are in {self.out_dir})" if self.written else ""
            screen.say(f"The journey is over{where}: l loads a game, q quits.")
            return
        target = int(s.state.next_waypoint[0])
        for _ in range(days):
            summary = s.step(1)
            if not summary or s.over or int(s.state.next_waypoint[0]) != target and to_waypoint:
                break
            if any(i.kind in ("death", "join", "leave", "lost", "left_behind") for i in summary[-1].incidents):
                break
        self.update_journal()
        screen.refresh_all()
        screen.say("")
        deaths = [i for i in s.incidents if i.kind == "death" and (i.day, i.person) not in self.shown_deaths]
        if s.over:
            self.finish()
        if deaths:
            self.shown_deaths.update((i.day, i.person) for i in deaths)
            self.push_screen(TextScreen("A death", [line for i in deaths for line in words.death_story(s, i) + [""]]))

    def _journey_screen(self) -> JourneyScreen:
        for screen in self.screen_stack:
            if isinstance(screen, JourneyScreen):
                return screen
        raise LookupError("no journey screen")

    def update_journal(self) -> None:
        """The journal as ``longwalk run`` writes it: while the journey goes on, its days (the closing and the notes
        on the sources come at the end), told on from the day before."""
        from longwalk.report.journal import JournalSoFar, write_journal

        s = self.session
        if not s.n_days:
            return
        if s.over:
            self.journal_text = write_journal(s.result(), 0, scenario=s.scenario, atlas=self.atlas)
            return
        if self._told is None or self._told[0] is not s:  # a new game, a loaded one or a new way: told afresh
            self._told = (s, JournalSoFar(s.scenario, self.atlas))
        self.journal_text = self._told[1].text(s.result())

    def show_causes(self) -> None:
        deaths = [i for i in self.session.incidents if i.kind == "death"]
        if not deaths:
            self._journey_screen().say("Nobody has died.")
            return
        self.push_screen(TextScreen("Deaths and their causes",
                                    [line for i in deaths for line in words.death_story(self.session, i) + [""]]))

    def finish(self) -> None:
        """At the end of the journey: the journal and report written as ``longwalk run --out`` writes them."""
        if self.out_dir is None or self.written:
            return
        from longwalk.play.output import write_run_outputs

        try:
            self.written = write_run_outputs(self.session, self.out_dir, self.atlas)
            self._journey_screen().say(f"The journey is over. Wrote {', '.join(p.name for p in self.written)} "
                                       f"to {self.out_dir}")
        except LongwalkError as err:
            self._journey_screen().say(f"The journey is over, but the output could not be written: {err}")

    def replan(self, skip: tuple[str, ...] | None) -> None:
        """Plan the way round the waypoints ``skip`` (in a thread: a new route takes a minute or more)."""
        if skip is None or skip == self.session.skip:
            return
        from longwalk.play.session import route_variant

        old = self.session
        self.planning = True
        self._journey_screen().say(f"Planning the way{' round ' + ', '.join(skip) if skip else ' as planned'}...")

        def plan() -> None:
            try:
                given = self.planner(route_variant(old.base, skip)) if self.planner is not None else None
                new = Session(old.base, old.seed, skip, plan=given)
                new.decide(dataclasses.replace(old.decisions))
            except LongwalkError as err:
                self.call_from_thread(self._planned, None, str(err))
                return
            self.call_from_thread(self._planned, new, "")

        self.run_worker(plan, thread=True, exclusive=True)

    def _planned(self, session: Session | None, error: str) -> None:
        self.planning = False
        screen = self._journey_screen()
        if session is None:
            screen.say(f"The way could not be planned: {error}")
            return
        self.session = session
        screen.refresh_all()
        screen.say("The way is planned: " + (f"round {', '.join(session.skip)}." if session.skip else "as planned."))

    def save_to(self, path: str | None) -> None:
        if not path:
            return
        from longwalk.play.save import save_game

        try:
            written = save_game(self.session, path)
            self.save_path = written
            self._journey_screen().say(f"Saved day {self.session.n_days} to {written}")
        except LongwalkError as err:
            self._journey_screen().say(f"Not saved: {err}")

    def load_from(self, path: str | None) -> None:
        if not path:
            return
        from longwalk.play.save import load_game

        try:
            self.session = load_game(path, plan=self.plan_for_load)
        except LongwalkError as err:
            self._journey_screen().say(f"Not loaded: {err}")
            return
        self.save_path = Path(path)
        self.shown_deaths = {(i.day, i.person) for i in self.session.incidents if i.kind == "death"}
        self.written = []
        self.journal_text = NOT_SET_OUT
        self.update_journal()
        screen = self._journey_screen()
        screen.refresh_all()
        screen.say(f"Loaded day {self.session.n_days} from {path}")
