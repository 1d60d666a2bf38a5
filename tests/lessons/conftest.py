"""Practice variants of the course's lessons, drawn once for every test of this folder.

Variants take a while to draw (CI draws 300 of each lesson; `TUTOR_PRACTICE_SEEDS=1000` is the long
run, kept out of CI); the tests of practice and of the texts both read them, so the `variants` fixture draws each lesson's once per test session.
"""

from __future__ import annotations

import os
from functools import cache

import pytest

from tutor.lessons import Lesson, load_course
from tutor.lessons.practice import practice

SEEDS = range(int(os.environ.get("TUTOR_PRACTICE_SEEDS", "300")))


@cache
def _variants(lesson_id: str) -> tuple[Lesson, ...]:
    lesson = next(lesson for lesson in load_course().lessons if lesson.id == lesson_id)
    return tuple(practice(lesson, seed) for seed in SEEDS)


@pytest.fixture(scope="session")
def variants():
    """`variants(lesson_id)`: the practice variants of a course lesson, one per seed of SEEDS."""
    return _variants
