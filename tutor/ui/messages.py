"""Messages between the app, its screens and widgets: small dataclasses, one line each."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:  # the course types import NumPy; the app must start without them
    from tutor.lessons import Course, Lesson
    from tutor.progress import Progress, ProgressStore


@dataclass
class ProgressLoaded(Message):
    """The learner's saved progress was read, with any warning about reading or saving it."""

    progress: Progress
    store: ProgressStore
    warnings: list[str]


@dataclass
class CourseLoaded(Message):
    """The course was loaded and checked in the background (with the lesson asked for at launch)."""

    course: Course
    requested: Lesson | None = None
    problem: str | None = None


@dataclass
class LessonChosen(Message):
    """The learner picked a lesson to open, by its id."""

    lesson_id: str
