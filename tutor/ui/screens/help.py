"""Help (`?`): the keys, how answers are written, and when an answer counts as right.

The text is `tutor/ui/help.md`; `{tolerance}` in it becomes the rule of the lesson on screen.
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

if TYPE_CHECKING:
    from tutor.grading import Tolerance

HELP = Path(__file__).resolve().parent.parent / "help.md"


def help_text(tolerance: Tolerance | None = None) -> str:
    """The help page, with the tolerance rule spelled out."""
    from tutor.grading import Tolerance

    return HELP.read_text(encoding="utf-8").replace("{tolerance}", (tolerance or Tolerance()).describe())


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
            yield Markdown(help_text(self.tolerance), open_links=False)
        yield Static("", id="help-spacer")

    def on_mount(self) -> None:
        if self.still_open():
            self.set_focus(self.query_one("#help"))

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll(self, lines: int) -> None:
        self.query_one("#help", VerticalScroll).scroll_relative(y=lines, animate=False)
