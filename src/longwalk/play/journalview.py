"""The journal panel: the journal's Markdown drawn a line at a time, each line wrapped once and kept.

A ``Static`` holding the whole journal wrapped and laid out all of it again whenever a day was added, a cost that
grew with the journey.  Here each line of the journal is wrapped once for the panel's width and kept while it stays
in the journal; a new day wraps only the lines that changed, and only the lines in view are drawn.
"""

from __future__ import annotations

import re

from rich.segment import Segment
from rich.text import Text
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

_BOLD = re.compile(r"\*\*(.+?)\*\*")


def markdown_line(line: str) -> Text:
    """One line of the journal's Markdown as styled text: a heading in bold and underlined, **bold** in bold, the
    marks dropped (a full Markdown layout of a long journal costs more than a keypress may)."""
    if line.startswith("#"):
        return Text(line.lstrip("#").strip(), style="bold underline")
    out = Text()
    last = 0
    for m in _BOLD.finditer(line):
        out.append(line[last:m.start()])
        out.append(m.group(1), style="bold")
        last = m.end()
    out.append(line[last:])
    return out


class JournalView(ScrollView):
    """The journal so far, scrolled to its end whenever it is shown again."""

    # no scroll bar drawn (the wheel still scrolls): Textual redraws a bar after every layout that changes the
    # journal's length, a frame of its own after the day's
    DEFAULT_CSS = "JournalView { height: 1fr; scrollbar-size-vertical: 0; }"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._source: list[str] = []  # the journal's lines, Markdown
        self._wrapped: dict[tuple[str, int], list[Strip]] = {}  # (line, width) -> its strips
        self._strips: list[Strip] = []
        self._style = None  # the panel's style, worked out once a draw (render_lines)

    def show(self, text: str) -> None:
        """Show the journal ``text`` (Markdown), scrolled to its end (anchored there: the layout that follows scrolls
        it, for the panel's height after it)."""
        self._source = text.splitlines()
        self._lay_out()
        self.anchor()

    def on_resize(self) -> None:
        if self.scrollable_content_region.width != self.virtual_size.width:  # a new height wraps nothing anew
            self._lay_out()

    def _lay_out(self) -> None:
        width = self.scrollable_content_region.width
        if width < 1:
            return
        wrapped = {(line, width): self._wrapped.get((line, width)) or self._wrap(line, width) for line in self._source}
        self._wrapped = wrapped  # lines no longer in the journal (or of another width) are let go
        self._strips = [strip for line in self._source for strip in wrapped[(line, width)]]
        self.virtual_size = Size(width, len(self._strips))
        self.refresh()

    def _wrap(self, line: str, width: int) -> list[Strip]:
        console = self.app.console
        lines = console.render_lines(markdown_line(line), console.options.update_width(width), pad=False)
        return [Strip(segments) for segments in lines] or [Strip([Segment("")])]

    def render_lines(self, crop: Region) -> list[Strip]:
        self._style = self.rich_style  # it walks the styles of every ancestor: once a draw, not twice a line
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        _, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        i = scroll_y + y
        strip = self._strips[i] if i < len(self._strips) else Strip.blank(width)
        style = self._style if self._style is not None else self.rich_style  # (a line asked for outside a draw)
        return strip.crop_extend(0, width, style).apply_style(style)
