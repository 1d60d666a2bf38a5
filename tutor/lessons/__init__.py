"""Lessons as data: the schema, TOML loading with clear errors, and the course.

Knows the engine, not the UI: nothing here imports textual, rich or plotext.
"""

from .course import Course, course_dir, find_lesson, lesson_files, load_course
from .derived import Derived
from .errors import LessonError, Problem
from .loader import FORMAT_VERSION, load_lesson
from .model import READING, ExpectedMistake, Lesson, Replay, Step, ToleranceRule, Training, TrainingRun

__all__ = [
    "FORMAT_VERSION", "READING", "Course", "Derived", "ExpectedMistake", "Lesson", "LessonError", "Problem", "Replay", "Step",
    "ToleranceRule", "Training", "TrainingRun", "course_dir", "find_lesson", "lesson_files", "load_course", "load_lesson",
]
