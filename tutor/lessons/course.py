"""The course: every lesson file in order (see `tutor.catalog` for where they are found).

A lesson that fails to load is kept with its problems, so the app and `tutor list` can show it
instead of refusing to start.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from tutor.catalog import NO_SUCH_LESSON, course_dir, lesson_files, read_catalog, split_variant

from .errors import LessonError, Problem
from .loader import load_lesson
from .model import Lesson


@dataclass
class Course:
    """The lessons that loaded, in order, and the files that did not, with why."""

    lessons: list[Lesson] = field(default_factory=list)
    failures: list[tuple[Path, LessonError]] = field(default_factory=list)

    def find(self, lesson_id: str) -> Lesson | None:
        """A lesson by id, or the practice variant `ID~SEED` of one."""
        base, seed = split_variant(lesson_id)
        lesson = next((lesson for lesson in self.lessons if lesson.id == base), None)
        if lesson is None or seed is None:
            return lesson
        from .practice import practice

        return practice(lesson, seed)

    def problems(self) -> list[Problem]:
        return [p for _, error in self.failures for p in error.problems]


def load_course(directory: Path | None = None, files: list[Path] | None = None) -> Course:
    """Load every lesson; duplicate ids are problems of the later file."""
    course = Course()
    seen: dict[str, Path] = {}
    for path in files if files is not None else lesson_files(directory):
        try:
            lesson = load_lesson(path)
        except LessonError as error:
            course.failures.append((path, error))
            continue
        if lesson.id in seen:
            problem = Problem(path, f"{lesson.id!r} is already the id of {seen[lesson.id]}; ids must be unique", field="id")
            course.failures.append((path, LessonError([problem])))
            continue
        seen[lesson.id] = path
        course.lessons.append(lesson)
    return course


def find_lesson(reference: str, course: Course | None = None) -> Lesson:
    """A lesson by id from the course, or by path to a .toml file. LessonError if neither works.

    `ID~SEED` (e.g. `chain-rule~7`) is the practice variant of lesson ID with that seed.
    """
    base, seed = split_variant(reference)
    if seed is not None:
        from .practice import practice

        return practice(find_lesson(base, course), seed)
    path = Path(reference)
    if path.is_file():
        return load_lesson(path)
    if reference.endswith(".toml"):
        raise LessonError([Problem(path, f"{NO_SUCH_LESSON}: there is no such file")])
    if course is None:  # load just that file: the one named after the id, else the one the catalog finds
        named = [path for path in lesson_files() if re.fullmatch(rf"(\d+-)?{re.escape(reference)}", path.stem)]
        for path in named:
            lesson = _loaded_if_valid(path)
            if lesson is not None and lesson.id == reference:
                return lesson
        entry = next((e for e in read_catalog() if e.id == reference and e.readable), None)
        if entry is not None:
            return load_lesson(entry.path)
    course = course or load_course()
    lesson = course.find(reference)
    if lesson is not None:
        return lesson
    for failed, error in course.failures:
        if re.fullmatch(rf"(\d+-)?{re.escape(reference)}", failed.stem):
            raise error
    known = ", ".join(l.id for l in course.lessons) or "none"
    raise LessonError([Problem(Path(reference), f"{NO_SUCH_LESSON}; the course has: {known}")])


def _loaded_if_valid(path: Path) -> Lesson | None:
    try:
        return load_lesson(path)
    except LessonError:
        return None  # the catalog's way finds it, or says what is wrong
