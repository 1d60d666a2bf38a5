"""The home screen: the course in order, each lesson's progress, and the selected one's summary.

It is painted from `tutor.catalog` alone (no NumPy); `show_course` adds the step counts and the
load failures once the app's background worker has loaded the course.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, ListView, Static

from tutor.catalog import Entry
from tutor.progress import LessonProgress

from ..messages import LessonChosen
from ..widgets.course_list import DONE, FAILED, IN_PROGRESS, NOT_STARTED, CourseList, LessonRow

if TYPE_CHECKING:
    from tutor.lessons import Course, Lesson


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def progress_words(saved: LessonProgress | None, lesson: Lesson | None) -> tuple[str, str, str]:
    """A lesson's progress: its state, a few words for its row, and a sentence for the details."""
    total = len(lesson.asked_steps()) if lesson is not None else None
    summary = (saved or LessonProgress()).summary(total or 0)
    state = {"not started": NOT_STARTED, "in progress": IN_PROGRESS, "done": DONE}[summary.state]
    aided = [f"{summary.with_hints} hinted"] * bool(summary.with_hints) + [f"{summary.revealed} revealed"] * bool(summary.revealed)
    if state == NOT_STARTED:
        row = "not started"
        sentence = f"Not started: {_plural(total, 'question')}." if total else "Not started."
    elif state == DONE:
        row = "done"
        sentence = (f"Done: {summary.right_first_time} of {summary.total_steps} right first time, "
                    f"{summary.with_hints} with hints, {summary.revealed} revealed.")
    else:
        row = f"in progress {summary.done_count} of {total}" if total else "in progress"
        sentence = f"In progress: {summary.done_count} of {total} answered" if total else "In progress"
        if lesson is not None and saved is not None:
            sentence += f"; enter picks up at step {min(saved.current_step + 1, len(lesson.steps))} of {len(lesson.steps)}"
        sentence += "."
    return state, " · ".join([row, *aided]), sentence


class HomeScreen(Screen):
    """The course: pick a lesson, or continue where you left off."""

    BINDINGS = [
        Binding("c", "continue", "Continue"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.lessons: dict[str, Lesson] = {}  # by file path, once the course is loaded
        self.failures: dict[str, str] = {}  # file path → every problem, one a line

    def compose(self) -> ComposeResult:
        entries = self.app.catalog
        yield Header(icon="∂")
        with Vertical(id="course"):
            minutes = sum(e.minutes or 0 for e in entries)
            yield Static(f"The course · {_plural(len(entries), 'lesson')}"
                         + (f" · about {minutes} minutes" if minutes else ""), id="course-heading")
            yield CourseList(entries, initial=self._last_index(entries))
            with Vertical(id="details"):
                for part in ("title", "summary", "about", "progress"):
                    yield Static(id=f"detail-{part}", markup=False)
        yield Footer()

    def _last_index(self, entries: list[Entry]) -> int:
        last = self.app.progress.last_lesson()
        return next((i for i, e in enumerate(entries) if e.id == last), 0)

    def on_mount(self) -> None:
        self.refresh_rows()

    def on_screen_resume(self) -> None:
        self.refresh_rows()

    def show_course(self, course: Course) -> None:
        """The course is loaded: add step counts, and the lessons that failed with their problems."""
        self.lessons = {str(lesson.path): lesson for lesson in course.lessons}
        self.failures = {str(path): "\n".join(str(p) for p in error.problems) for path, error in course.failures}
        self.refresh_rows()

    def refresh_rows(self) -> None:
        for row in self.query_one(CourseList).rows:
            path = str(row.entry.path)
            if path in self.failures or not row.entry.readable:
                row.show_status(FAILED, "could not be loaded")
                continue
            lesson = self.lessons.get(path)
            state, words, _ = progress_words(self.app.progress.lessons.get(row.entry.id), lesson)
            row.show_status(state, words)
        self.show_details()

    def on_list_view_highlighted(self, event: ListView.Highlighted) -> None:
        self.show_details()

    def show_details(self) -> None:
        """The highlighted lesson: title, one-line summary, section and progress, or why it failed."""
        row = self.query_one(CourseList).highlighted_child
        if not isinstance(row, LessonRow):
            return
        entry, path = row.entry, str(row.entry.path)
        failed = row.state == FAILED
        self.query_one("#details").set_class(failed, "-failed")
        if failed:
            problems = self.failures.get(path) or "It is not valid TOML; the full check is still running."
            parts = [f"{entry.path.name} could not be loaded", problems,
                     "Fix the file (tutor validate lists every problem); the other lessons work as usual.", ""]
        else:
            lesson = self.lessons.get(path)
            _, _, progress = progress_words(self.app.progress.lessons.get(entry.id), lesson)
            about = [lesson.section if lesson is not None else "", f"{entry.minutes} min" if entry.minutes else ""]
            parts = [entry.title, entry.summary, " · ".join(a for a in about if a), progress]
        for name, text in zip(("title", "summary", "about", "progress"), parts):
            part = self.query_one(f"#detail-{name}", Static)
            part.update(text)
            part.display = bool(text)

    def on_list_view_selected(self, event: ListView.Selected) -> None:
        if isinstance(event.item, LessonRow):
            self.post_message(LessonChosen(event.item.entry.id))

    def action_continue(self) -> None:
        """Open the lesson last worked on (or the first one not done)."""
        entries = self.app.catalog
        last = self.app.progress.last_lesson()
        if last is None or all(e.id != last for e in entries):
            saved = self.app.progress.lessons
            last = next((e.id for e in entries if not (e.id in saved and saved[e.id].completed)),
                        entries[0].id if entries else None)
        if last is not None:
            self.post_message(LessonChosen(last))
