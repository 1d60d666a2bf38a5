"""The home screen: the course in order, each lesson's progress, and the selected one's summary.

It is painted from `tutor.catalog` alone (no NumPy); `show_course` adds the step counts and the
load failures once the app's background worker has loaded the course.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, OptionList

from tutor.catalog import Entry

from ..messages import LessonChosen
from ..widgets.course_list import DONE, FAILED, IN_PROGRESS, NOT_STARTED, CourseList, LessonDetails
from ..widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from tutor.lessons import Course, Lesson
    from tutor.progress import LessonProgress


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def progress_words(saved: LessonProgress | None, lesson: Lesson | None) -> tuple[str, str, str]:
    """A lesson's progress: its state, a few words for its row, and a sentence for the details."""
    total = len(lesson.asked_steps()) if lesson is not None else None
    if saved is None:
        return NOT_STARTED, "not started", f"Not started: {_plural(total, 'question')}." if total else "Not started."
    summary = saved.summary(total or 0)
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
        minutes = sum(e.minutes or 0 for e in entries)
        yield TitleBar(self.app.SUB_TITLE)
        course_list = CourseList(entries)
        course_list.border_title = f"The course · {_plural(len(entries), 'lesson')}" + (
            f" · about {minutes} minutes" if minutes else "")
        yield course_list
        yield LessonDetails(id="details")
        yield Footer()

    def show_progress(self) -> None:
        """The progress file is read: show each lesson's, and highlight the last one worked on."""
        course_list = self.query_one(CourseList)
        last = self.app.progress.last_lesson()
        index = next((i for i, row in enumerate(course_list.rows) if row.entry.id == last), None)
        if index is not None and course_list.highlighted in (None, 0):
            course_list.highlighted = index
        self.refresh_rows()

    def on_screen_resume(self) -> None:  # also when it is first shown
        self.refresh_rows()

    def show_course(self, course: Course) -> None:
        """The course is loaded: add step counts, and the lessons that failed with their problems."""
        self.lessons = {str(lesson.path): lesson for lesson in course.lessons}
        self.failures = {str(path): "\n".join(str(p) for p in error.problems) for path, error in course.failures}
        self.refresh_rows()

    def refresh_rows(self) -> None:
        course_list = self.query_one(CourseList)
        for row in course_list.rows:
            path = str(row.entry.path)
            if path in self.failures or not row.entry.readable:
                row.state, row.words = FAILED, "could not be loaded"
            elif self.app.progress is None:
                continue  # not read yet: the column stays empty for a moment
            else:
                row.state, row.words, _ = progress_words(self.app.progress.lessons.get(row.entry.id),
                                                         self.lessons.get(path))
        course_list.redraw()
        self.show_details()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.show_details()

    def highlighted_row(self):
        course_list = self.query_one(CourseList)
        index = course_list.highlighted
        return None if index is None else course_list.rows[index]

    def show_details(self) -> None:
        """The highlighted lesson: title, one-line summary, section and progress, or why it failed."""
        row = self.highlighted_row()
        if row is None:
            return
        entry, path = row.entry, str(row.entry.path)
        details = self.query_one(LessonDetails)
        if row.state == FAILED:
            problems = self.failures.get(path) or "It is not valid TOML; the full check is still running."
            details.show(f"{entry.path.name} could not be loaded", problems,
                         "Fix the file (tutor validate lists every problem); the other lessons work as usual.",
                         "", failed=True)
            return
        lesson = self.lessons.get(path)
        saved = self.app.progress.lessons.get(entry.id) if self.app.progress is not None else None
        _, _, progress = progress_words(saved, lesson) if self.app.progress is not None else ("", "", "")
        about = [lesson.section if lesson is not None else "", f"{entry.minutes} min" if entry.minutes else ""]
        details.show(entry.title, entry.summary, " · ".join(a for a in about if a), progress)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        row = self.query_one(CourseList).rows[event.option_index]
        self.post_message(LessonChosen(row.entry.id))

    def action_continue(self) -> None:
        """Open the lesson last worked on (or the first one not done)."""
        entries, progress = self.app.catalog, self.app.progress
        if progress is None:
            return  # still being read; a moment later this works
        last = progress.last_lesson()
        if last is None or all(e.id != last for e in entries):
            saved = progress.lessons
            last = next((e.id for e in entries if not (e.id in saved and saved[e.id].completed)),
                        entries[0].id if entries else None)
        if last is not None:
            self.post_message(LessonChosen(last))
