"""The `tutor` app: the course on the home screen, one lesson at a time, help and summaries.

`create_app()` builds it for the CLI (through `run`) and for the tests. Startup paints the home
screen from `tutor.catalog` (reading TOML only), then loads and checks the course in a thread.
NumPy, the engine, the lessons and the grading are imported there and when a lesson opens, never
at module level here, so the course list appears as fast as a bare Textual app.

A lesson is opened by its id, or as a practice variant by `ID~SEED` (the CLI's `tutor practice`).
The review queue lists the steps that were queued when the app started: a step gone wrong today
comes back the next time, not a minute later.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from tutor.catalog import read_catalog, split_variant

from .base_app import BaseApp
from .messages import CourseLoaded, LessonChosen, ProgressLoaded
from .screens.home import HomeScreen

if TYPE_CHECKING:
    from tutor.lessons import Course, Lesson
    from tutor.progress import Progress, ProgressStore, ReviewItem

    from .models.review import ReviewStep


def _lesson_commands():
    """The palette's lesson provider, imported when the palette first opens (textual.command is slow)."""
    from .commands import LessonCommands

    return LessonCommands


class TutorApp(BaseApp):
    """Learn backpropagation by doing it, one step at a time."""

    # The course list's styles only: each other screen brings its own, so startup parses less.
    # Absolute, so that subclasses elsewhere (the startup benchmark) find them too.
    CSS_PATH = [Path(__file__).resolve().parent / name for name in ("app.tcss", "home.tcss")]
    TITLE = "tutor"
    SUB_TITLE = "backpropagation, step by step"
    COMMANDS = App.COMMANDS | {_lesson_commands}
    BINDINGS = [
        # "?" is never part of an answer, so it opens help from anywhere, the answer box included (which
        # runs it as it arrives). Not a priority key: those act as they arrive, ahead of the keys typed
        # before them that are still on their way (escape, ? in one burst closed help, then opened it).
        Binding("question_mark", "help", "Help", key_display="?"),
    ]

    def __init__(self, lesson_id: str | None = None, course_dir: Path | None = None, theme: str | None = None):
        super().__init__(theme)
        self.course_dir = course_dir
        self.requested = lesson_id
        self.catalog = read_catalog(course_dir)
        self.course: Course | None = None  # set when the background load is done
        self.progress: Progress | None = None  # read in the background too, first
        self.store: ProgressStore | None = None
        self._told: set[str] = set()  # save problems already shown once
        self._when_loaded: Callable[[], None] | None = None  # asked for before the course was loaded
        self.due: set[ReviewItem] = set()  # the review queue as it was when the app started

    def get_default_screen(self) -> Screen:
        return HomeScreen()

    def on_ready(self) -> None:
        self.load_course()  # the course list is on screen first; everything else loads behind it

    @work(thread=True, exclusive=True, group="course")
    def load_course(self) -> None:
        """Read the learner's progress, then load and check every lesson (NumPy is imported here)."""
        from tutor.progress import ProgressStore

        store = ProgressStore()
        loaded = store.load()
        warnings = [w for w in (loaded.warning, store.writable_problem()) if w]
        self.post_message(ProgressLoaded(loaded.progress, store, warnings))

        from tutor.lessons import LessonError, find_lesson, load_course

        course = load_course(self.course_dir)
        requested, problem = None, None
        if self.requested:
            try:
                requested = find_lesson(self.requested, course)
            except LessonError as error:
                problem = f"Cannot open {self.requested}:\n{error}"
        self.post_message(CourseLoaded(course, requested, problem))
        from .warm_up import import_screens

        import_screens()  # while the learner reads the course list

    def on_progress_loaded(self, message: ProgressLoaded) -> None:
        self.progress, self.store = message.progress, message.store
        self.due = set(message.progress.review_items())
        for warning in message.warnings:
            self.tell(warning)
        home = self.get_screen_stack_home()
        if home is not None:
            home.show_progress()

    def on_course_loaded(self, message: CourseLoaded) -> None:
        self.course = message.course
        home = self.get_screen_stack_home()
        if home is not None:
            home.show_course(message.course)
        if message.problem:
            self.notify(message.problem, title="Lesson not found", severity="error", timeout=10, markup=False)
        waiting, self._when_loaded = self._when_loaded, None
        if message.requested is not None:
            self.show_lesson(message.requested)
        elif waiting is not None:
            waiting()
        else:
            from .warm_up import read_screen_css

            self.call_after_refresh(read_screen_css, self)  # once the course list is painted

    def when_loaded(self, action: Callable[[], None]) -> None:
        """Do `action` as soon as the course is loaded (the last such request wins); say so meanwhile.

        A key pressed as the course list appears (enter, c, x, l) is not lost while the course and the
        learner's progress are still being read.
        """
        self._when_loaded = action
        self.notify("Loading the course…", timeout=2)

    def get_screen_stack_home(self) -> HomeScreen | None:
        return next((s for s in self.screen_stack if isinstance(s, HomeScreen)), None)

    # ---- opening lessons ------------------------------------------------------------------
    def on_lesson_chosen(self, message: LessonChosen) -> None:
        self.open_lesson(message.lesson_id)

    def open_lesson(self, lesson_id: str) -> None:
        """Open a lesson by id (once the course is loaded), on the step where the learner left it."""
        if self.course is None:
            self.when_loaded(partial(self.open_lesson, lesson_id))
            return
        lesson = self.find(lesson_id)
        if lesson is not None:
            self.show_lesson(lesson)
            return
        paths = {str(entry.path) for entry in self.catalog if entry.id == lesson_id}
        for path, error in self.course.failures:
            if str(path) in paths or path.stem == lesson_id:
                self.notify(f"{path.name} could not be loaded:\n{error}", title="Lesson not available",
                            severity="error", timeout=10, markup=False)
                return
        self.notify(f"There is no lesson {lesson_id!r} in the course.", severity="error", markup=False)

    def open_variant(self, lesson_id: str) -> None:
        """Open the lesson `lesson_id` (or the one a variant of it practises) on fresh numbers."""
        import secrets

        self.open_lesson(f"{split_variant(lesson_id)[0]}~{secrets.randbelow(10_000)}")

    def find(self, lesson_id: str) -> Lesson | None:
        """A lesson of the loaded course by id, or the practice variant `ID~SEED` of one."""
        return self.course.find(lesson_id) if self.course is not None else None

    def show_lesson(self, lesson: Lesson) -> None:
        from .screens.lesson import LessonScreen  # imports the engine: only once a lesson opens
        from .models.session import LessonSession

        self.go_home()
        self.push_screen(LessonScreen(LessonSession(lesson, self.progress, self.store)))

    # ---- experiments ----------------------------------------------------------------------
    def open_experiment(self, lesson: Lesson | None = None) -> None:
        """The learning-rate experiment on `lesson` (default: the chapter's overshoot, chain-rule)."""
        from tutor.lessons.experiment import CHAPTER_EXPERIMENT

        if lesson is None or lesson.replay is None:
            lesson = self.find(CHAPTER_EXPERIMENT) if self.course is not None else None
        if lesson is None:
            self.notify("Loading the course…", timeout=2)
            return
        from .screens.experiment import ExperimentScreen

        self.push_screen(ExperimentScreen(lesson))

    def open_curves(self, lesson: Lesson | None) -> None:
        """The loss curves and gradient flow of a lesson that trains something."""
        if lesson is None:
            self.notify("Loading the course…" if self.course is None else "This lesson could not be loaded.", timeout=3)
            return
        if not lesson.trains():
            from .models.curves import no_curves

            self.notify(no_curves(lesson), timeout=4, markup=False)
            return
        from .screens.curves import CurvesScreen

        self.push_screen(CurvesScreen(lesson))

    # ---- review ---------------------------------------------------------------------------
    def review_queue(self) -> list[ReviewStep]:
        """The steps due for review (queued before this run), once progress and course are loaded."""
        if self.progress is None or self.course is None:
            return []
        from .models.review import review_queue

        return review_queue(self.progress, self.find, self.due)

    def start_review(self) -> None:
        """Work through the steps due for review, one at a time."""
        queue = self.review_queue()
        if not queue:
            return
        from .models.review import ReviewSession
        from .screens.review import ReviewScreen

        self.go_home()
        self.push_screen(ReviewScreen(ReviewSession(queue, self.progress, self.store)))

    def go_home(self) -> None:
        """Close every screen above the course list."""
        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()

    # ---- help and messages ----------------------------------------------------------------
    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
            return
        session = getattr(self.screen, "session", None)
        self.push_screen(HelpScreen(session.tolerance() if session is not None else None))

    def tell(self, problem: str | None) -> None:
        """Show a problem with saving progress, once."""
        if problem and problem not in self._told:
            self._told.add(problem)
            self.notify(problem, title="Progress", severity="warning", timeout=12, markup=False)


def create_app(lesson_id: str | None = None, course_dir: Path | None = None, theme: str | None = None) -> TutorApp:
    """The app, opened on the course list (or straight on `lesson_id`: an id or a .toml path)."""
    return TutorApp(lesson_id, Path(course_dir) if course_dir is not None else None, theme)


def run(lesson_id: str | None = None, course_dir: Path | None = None, theme: str | None = None) -> int:
    """Run the app in the terminal; the exit status for the `tutor` command."""
    app = create_app(lesson_id, course_dir, theme)
    app.run()
    return app.return_code or 0
