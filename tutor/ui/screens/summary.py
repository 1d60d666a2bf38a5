"""The end of a lesson: how it went and what to try next: the next lesson, or (a) the same one
again on fresh numbers.

Every question is counted once: right first time, right after a wrong try, with hints, revealed or
not answered yet, and the counts add up to the lesson's questions.
"""

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


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


class SummaryScreen(TableScreen):
    """How the lesson went, and its outro."""

    CSS_PATH = Path(__file__).resolve().parent.parent / "dialogs.tcss"

    BINDINGS = [
        Binding("enter", "next_lesson", "Next lesson"),
        Binding("enter", "course", "Course"),  # after the last lesson
        Binding("escape,b", "back", "Back"),
        Binding("a", "another", "Another one"),
        Binding("q", "course", "Course"),
    ]

    ACTIONS = {"next_lesson": When(applies=lambda screen: screen._next_lesson() is not None)}

    def __init__(self, session: LessonSession, summary: LessonSummary):
        super().__init__()
        self.session, self.summary = session, summary

    def compose(self) -> ComposeResult:
        s, lesson = self.summary, self.session.lesson
        yield TitleBar(self.session.lesson.title)
        with VerticalScroll(id="summary"):
            heading = "Lesson complete" if s.not_done == 0 else f"{plural(s.not_done, 'question')} still open"
            yield Static(f"{heading} · {lesson.title}", id="summary-heading", markup=False)
            with Vertical(id="summary-counts"):
                counts = [("✓", s.right_first_time, "right first time", "-first"),
                          ("↻", s.right_after_wrong, "right after a wrong try", "-retried"),
                          ("◇", s.with_hints, "with hints", "-hints"),
                          ("◆", s.revealed, "revealed", "-revealed")]
                if s.not_done:
                    counts.append(("○", s.not_done, "not answered yet (escape goes back)", "-open"))
                for mark, count, words, kind in counts:
                    yield Static(f"{mark} {count:>3}  {words}", classes=f"count {kind}", markup=False)
                yield Static(f"Σ {s.total_steps:>3}  {'question' if s.total_steps == 1 else 'questions'} in all",
                             classes="count -total", markup=False)
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
