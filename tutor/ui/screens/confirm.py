"""A yes/no question in a small modal: y or enter confirms, n or escape cancels."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ..closing import ClosesOnce


class ConfirmScreen(ClosesOnce, ModalScreen[bool]):
    """Ask before doing something that cannot be undone; dismisses with True to go ahead."""

    CSS_PATH = Path(__file__).resolve().parent.parent / "dialogs.tcss"

    BINDINGS = [
        Binding("y", "choose(True)", "Yes"),
        Binding("n,escape", "choose(False)", "No"),
    ]

    def __init__(self, question: str, detail: str, yes: str = "Yes"):
        super().__init__()
        self.question, self.detail, self.yes = question, detail, yes

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.question, id="dialog-question", markup=False)
            yield Static(self.detail, id="dialog-detail", markup=False)
            with Horizontal(id="dialog-buttons"):
                yield Button(f"{self.yes} (y)", variant="error", id="yes")
                yield Button("Cancel (n)", id="no")

    def on_mount(self) -> None:
        if self.still_open():
            self.set_focus(self.query_one("#no", Button))  # the safe choice is where enter lands

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_choose(self, yes: bool) -> None:
        self.dismiss(yes)
