"""The course as a list: one row per lesson with its number, title, length and progress."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Label, ListItem, ListView

from tutor.catalog import Entry

NOT_STARTED, IN_PROGRESS, DONE, FAILED, LOADING = "not-started", "in-progress", "done", "failed", "loading"
GLYPHS = {NOT_STARTED: "○", IN_PROGRESS: "◐", DONE: "✓", FAILED: "✗", LOADING: "·"}


class LessonRow(ListItem):
    """One lesson of the course list."""

    def __init__(self, number: int, entry: Entry):
        super().__init__(id=f"lesson-{number}")
        self.number = number
        self.entry = entry
        self.state = LOADING

    def compose(self) -> ComposeResult:
        yield Label(f"{self.number:>2}", classes="number")
        yield Label(self.entry.title, classes="title", markup=False)
        yield Label(f"{self.entry.minutes} min" if self.entry.minutes else "", classes="minutes")
        yield Label("", classes="status", markup=False)

    def show_status(self, state: str, text: str) -> None:
        """Set the progress column: a state (for its glyph and style) and its words."""
        self.remove_class(f"-{self.state}")
        self.state = state
        self.add_class(f"-{state}")
        self.query_one(".status", Label).update(f"{GLYPHS[state]} {text}")


class CourseList(ListView):
    """The lessons in course order; enter opens the highlighted one."""

    BINDINGS = [Binding("enter", "select_cursor", "Open")]

    def __init__(self, entries: list[Entry], initial: int = 0):
        super().__init__(*(LessonRow(n, e) for n, e in enumerate(entries, start=1)), initial_index=initial)

    @property
    def rows(self) -> list[LessonRow]:
        return list(self.query(LessonRow))
