"""Grading an answer to a lesson's step: the verdict, and on a wrong answer, the mistake behind it.

The expected value comes from the solution it is given, which the app computes from the values
the learner already had accepted (follow-through), so an accepted rounding upstream never makes a
later right answer wrong, and the diagnosis is computed from the same values.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from tutor.engine import Solution
from tutor.lessons import Lesson, Step
from tutor.lessons.derived import extra_names

from .diagnosis import candidates, diagnose, lesson_candidates
from .tolerance import Tolerance
from .verdict import Verdict, grade, match_shape


def tolerance_for(lesson: Lesson, step: Step) -> Tolerance:
    rule = lesson.tolerance_for(step)
    return Tolerance(rule.sig_figs, rule.absolute)


def check_step(lesson: Lesson, step: Step, answer: str, solution: Solution | None = None) -> Verdict:
    """Grade `answer` to `step`; a wrong one that matches a known mistake says which."""
    solution = solution or lesson.solution()
    expected = lesson.expected(step, solution)
    tolerance = tolerance_for(lesson, step)
    verdict = grade(answer, expected, tolerance, quantity=lesson.symbol(step, solution))
    if verdict.status not in ("wrong", "close") or verdict.value is None:
        return verdict
    shaped = match_shape(verdict.value, expected)
    if shaped is None:
        return verdict
    values = {**extra_names(solution), **solution.values()}
    pool = lesson_candidates([(m.expression, m.message) for m in step.mistakes], values)
    pool += candidates(solution, step.name)
    mistake = diagnose(shaped, np.asarray(expected), pool, tolerance, step.element)
    if mistake is None:
        return verdict
    return replace(verdict, feedback=f"Not right yet. {mistake.message}", mistake=mistake.code)
