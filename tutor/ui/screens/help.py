"""Help (`?`): the keys, how answers are written, and when an answer counts as right.

The text is `tutor/ui/help.md`; `{tolerance}` in it becomes the rule of the lesson on screen, and
`{graph_place}` where the lesson screen puts its graph at this width (beside the step, or above it).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static

from ..closing import ClosesOnce
from ..widgets.graph import COMPACT_BELOW

if TYPE_CHECKING:
    from tutor.grading import Tolerance

HELP = Path(__file__).resolve().parent.parent / "help.md"


def help_text(tolerance: Tolerance | None = None, graph_on_top: bool = False) -> str:
    """The help page, with the tolerance rule spelled out and the graph where it is."""
    from tutor.grading import Tolerance

    text = HELP.read_text(encoding="utf-8").replace("{tolerance}", (tolerance or Tolerance()).describe())
    return text.replace("{graph_place}", "at the top" if graph_on_top else "on the right")


class HelpScreen(ClosesOnce, ModalScreen[None]):
    """The help page over whatever screen it was opened from."""

    CSS_PATH = Path(__file__).resolve().parent.parent / "dialogs.tcss"

    BINDINGS = [
        Binding("escape,q,question_mark", "close", "Close"),
        Binding("up", "scroll(-1)", "Scroll", show=False),
        Binding("down", "scroll(1)", "Scroll", show=False),
    ]

    def __init__(self, tolerance: Tolerance | None = None):
        super().__init__()
        self.tolerance = tolerance

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help") as scroll:
            scroll.border_title = "Help"
            scroll.border_subtitle = "? or escape closes"
            yield Markdown(help_text(self.tolerance, self._graph_on_top()), open_links=False)
        yield Static("", id="help-spacer")

    def _graph_on_top(self) -> bool:
        return self.app.size.width < COMPACT_BELOW

    def on_resize(self) -> None:
        if not self.still_open():
            return
        markdown = self.query_one(Markdown)
        text = help_text(self.tolerance, self._graph_on_top())
        if text != markdown.source:
            markdown.update(text)

    def on_mount(self) -> None:
        if self.still_open():
            self.set_focus(self.query_one("#help"))

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll(self, lines: int) -> None:
        self.query_one("#help", VerticalScroll).scroll_relative(y=lines, animate=False)
