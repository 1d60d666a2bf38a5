"""The home screen: the course in order, each lesson's progress, and the selected one's summary.

It is painted from `tutor.catalog` alone (no NumPy); `show_course` adds the step counts and the
load failures once the app's background worker has loaded the course, and the review queue (the
steps due, `v` to review them) once both the course and the progress are in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList

from tutor.catalog import Entry, split_variant

from ..actions import TableScreen, When
from ..messages import LessonChosen
from ..widgets.course_list import DONE, FAILED, IN_PROGRESS, NOT_STARTED, CourseList, LessonDetails
from ..widgets.footer import Footer
from ..widgets.review_queue import SHOWN, ReviewQueue
from ..widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from tutor.lessons import Course, Lesson
    from tutor.progress import LessonProgress


SHORT = 28  # below this height the panels lose their spare lines, so the review queue fits
SPARE = 14  # rows the home screen needs besides one per lesson and the review queue: title, details, footer
def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def progress_words(saved: LessonProgress | None, lesson: Lesson | None) -> tuple[str, tuple[str, ...], str]:
    """A lesson's progress: its state, its row's words (longest first: the list takes the longest
    that fits) and a sentence for the details."""
    total = len(lesson.asked_steps()) if lesson is not None else None
    keys = {step.key for step in lesson.asked_steps()} if lesson is not None else None
    summary = saved.summary(total or 0, keys) if saved is not None else None
    if summary is None or summary.state == "not started":
        return NOT_STARTED, ("not started",), f"Not started: {_plural(total, 'question')}." if total else "Not started."
    counts = [(summary.right_first_time, "right first time"), (summary.right_after_wrong, "after a wrong try"),
              (summary.with_hints, "with hints"), (summary.revealed, "revealed")]
    how = ", ".join(f"{n} {words}" for n, words in counts if n)  # e.g. "3 right first time, 1 revealed"
    aided = [f"{summary.with_hints} hinted"] * bool(summary.with_hints) + [f"{summary.revealed} revealed"] * bool(summary.revealed)
    if summary.state == "done":
        sentence = f"Done: {how} ({_plural(summary.total_steps, 'question')})." if how else "Done."
        return DONE, (" · ".join(["done", *aided]), "done"), sentence
    if not total:
        return IN_PROGRESS, ("in progress",), "In progress."
    count = f"{summary.done_count} of {total}"
    sentence = f"In progress: {count} answered" + (f" ({how})" if how else "")
    sentence += f"; enter picks up at step {min(saved.current_step + 1, len(lesson.steps))} of {len(lesson.steps)}."
    return IN_PROGRESS, (" · ".join([f"in progress {count}", *aided]), f"in progress {count}", count), sentence


def _course_lesson(lesson_id: str | None) -> str | None:
    """The course lesson an id belongs to: itself, or the lesson a variant `ID~SEED` practises."""
    return None if lesson_id is None else split_variant(lesson_id)[0]


def _trains(screen: HomeScreen) -> bool:
    """The highlighted lesson is loaded and has loss curves to show."""
    lesson = screen._highlighted_lesson()
    return lesson is not None and lesson.trains()


def _why_no_curves(screen: HomeScreen) -> str:
    lesson = screen._highlighted_lesson()
    if lesson is not None:
        from ..models.curves import no_curves  # NumPy is loaded by now: the lesson is

        return no_curves(lesson)
    return "This lesson could not be loaded, so it has no loss curves."


class HomeScreen(TableScreen):
    """The course: pick a lesson, or continue where you left off."""

    BINDINGS = [
        Binding("c", "continue", "Continue"),
        Binding("v", "review", "Review"),
        Binding("x", "experiment", "Experiment"),
        Binding("l", "curves", "Loss curves"),
        Binding("q", "app.quit", "Quit"),
        Binding("l", "why_not('curves')", show=False),
    ]

    ACTIONS = {
        "review": When(applies=lambda screen: screen._review_due),
        "curves": When(enabled=lambda screen: screen.app.course is None or _trains(screen),  # waits for the course
                       why=_why_no_curves),
    }

    def __init__(self) -> None:
        super().__init__()
        self.lessons: dict[str, Lesson] = {}  # by file path, once the course is loaded
        self.failures: dict[str, str] = {}  # file path → every problem, one a line
        self._review_due = False

    def compose(self) -> ComposeResult:
        entries = self.app.catalog
        minutes = sum(e.minutes or 0 for e in entries)
        yield TitleBar(self.app.SUB_TITLE)
        course_list = CourseList(entries)
        course_list.border_title = f"The course · {_plural(len(entries), 'lesson')}" + (
            f" · about {minutes} minutes" if minutes else "")
        yield course_list
        yield LessonDetails(id="details")
        yield ReviewQueue(id="review")
        yield Footer()

    def on_resize(self, event: events.Resize) -> None:
        self.fit(event.size.height)

    def fit(self, height: int) -> None:
        """Short: the panels lose their spare lines and the course list takes the rows left over (and
        scrolls), so that the details and the review queue show."""
        queue = len(self.app.review_queue())
        review = 0 if not queue else 2 + min(queue, SHOWN) + (queue > SHOWN)  # heading, steps, "and more", margin
        short = height < max(SHORT, len(self.app.catalog) + SPARE + review)
        if short != self.has_class("-short"):
            self.set_class(short, "-short")
            self.show_details()
            self.show_review()

    def show_progress(self) -> None:
        """The progress file is read: show each lesson's, and highlight the last one worked on."""
        course_list = self.query_one(CourseList)
        last = _course_lesson(self.app.progress.last_lesson())
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
        self.refresh_rows()  # and the keys: which lessons have loss curves is known now

    def show_review(self) -> None:
        """The steps due for review (none shown, and `v` hidden, while the queue is empty)."""
        queue = self.app.review_queue()
        self.fit(self.size.height)
        self.query_one(ReviewQueue).show([(entry.symbol, entry.lesson.title) for entry in queue],
                                         short=self.has_class("-short"))
        self._review_due = bool(queue)
        self.refresh_actions()

    def action_review(self) -> None:
        self.app.start_review()

    def _highlighted_lesson(self) -> Lesson | None:
        row = self.highlighted_row()
        return self.lessons.get(str(row.entry.path)) if row is not None else None

    def action_experiment(self) -> None:
        """The selected lesson's experiment, or the chapter's when it has none."""
        if self.app.course is None:
            self.app.when_loaded(self.action_experiment)
        else:
            self.app.open_experiment(self._highlighted_lesson())

    def action_curves(self) -> None:
        if self.app.course is None:
            self.app.when_loaded(self.action_curves)
        else:
            self.app.open_curves(self._highlighted_lesson())

    def refresh_rows(self) -> None:
        course_list = self.query_one(CourseList)
        for row in course_list.rows:
            path = str(row.entry.path)
            if path in self.failures or not row.entry.readable:
                row.state, row.words = FAILED, ("could not be loaded", "not loaded")
            elif self.app.progress is None:
                continue  # not read yet: the column stays empty for a moment
            else:
                row.state, row.words, _ = progress_words(self.app.progress.lessons.get(row.entry.id),
                                                         self.lessons.get(path))
        course_list.redraw()
        self.show_details()
        self.show_review()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.show_details()
        self.refresh_actions()  # the highlighted lesson may have loss curves, or not

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
        details.show(entry.title, entry.summary, " · ".join(a for a in about if a), progress,
                     short=self.has_class("-short"))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        row = self.query_one(CourseList).rows[event.option_index]
        self.post_message(LessonChosen(row.entry.id))

    def action_continue(self) -> None:
        """Open the lesson last worked on (or the first one not done)."""
        entries, progress = self.app.catalog, self.app.progress
        if progress is None:  # still being read: done once it is
            self.app.when_loaded(self.action_continue)
            return
        last = progress.last_lesson()  # a practice variant's id continues that variant
        if last is None or all(e.id != _course_lesson(last) for e in entries):
            saved = progress.lessons
            last = next((e.id for e in entries if not (e.id in saved and saved[e.id].completed)),
                        entries[0].id if entries else None)
        if last is not None:
            self.post_message(LessonChosen(last))
