"""The end of a lesson: how it went (right first time, with hints, revealed) and what to try next:
the next lesson, or (a) the same one again on fresh numbers."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Markdown, Static

from tutor.progress import LessonSummary

from ..actions import TableScreen, When
from ..models.session import LessonSession
from ..widgets.footer import Footer
from ..widgets.title_bar import TitleBar
from ..text import readable


def _count(n: int, what: str) -> str:
    return f"{n} {what}"


class SummaryScreen(TableScreen):
    """How the lesson went, and its outro."""

    CSS_PATH = Path(__file__).resolve().parent.parent / "dialogs.tcss"

    BINDINGS = [
        Binding("enter", "next_lesson", "Next lesson"),
        Binding("enter", "course", "Course"),  # after the last lesson
        Binding("escape,b", "back", "Back to the lesson"),
        Binding("a", "another", "Another one"),
        Binding("q", "course", "Course"),
    ]

    ACTIONS = {"next_lesson": When(applies=lambda screen: screen._next_lesson() is not None)}

    def __init__(self, session: LessonSession, summary: LessonSummary):
        super().__init__()
        self.session, self.summary = session, summary

    def compose(self) -> ComposeResult:
        s, lesson = self.summary, self.session.lesson
        missing = s.total_steps - s.done_count
        yield TitleBar(self.session.lesson.title)
        with VerticalScroll(id="summary"):
            heading = "Lesson complete" if missing == 0 else f"{_count(missing, 'question')} still open"
            yield Static(f"{heading} · {lesson.title}", id="summary-heading", markup=False)
            with Vertical(id="summary-counts"):
                yield Static(f"✓ {s.right_first_time:>3}  right first time", classes="count -first", markup=False)
                yield Static(f"◇ {s.with_hints:>3}  with hints", classes="count -hints", markup=False)
                yield Static(f"◆ {s.revealed:>3}  revealed", classes="count -revealed", markup=False)
                if missing:
                    yield Static(f"○ {missing:>3}  not answered yet (escape goes back)", classes="count -open",
                                 markup=False)
            yield Markdown(readable(lesson.outro or "That was the last step."), id="outro", open_links=False)
        yield Footer()

    def _next_lesson(self) -> str | None:
        course = self.app.course
        ids = [lesson.id for lesson in course.lessons] if course is not None else []
        here = ids.index(self.session.lesson.id) if self.session.lesson.id in ids else len(ids)
        return ids[here + 1] if here + 1 < len(ids) else None

    def action_next_lesson(self) -> None:
        next_id = self._next_lesson()
        if next_id is not None:
            self.app.open_lesson(next_id)

    def action_another(self) -> None:
        """The same lesson again on fresh numbers (a practice variant)."""
        self.app.open_variant(self.session.lesson.id)

    def action_back(self) -> None:
        self.dismiss()

    def action_course(self) -> None:
        self.app.go_home()
