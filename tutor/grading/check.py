"""Grading an answer to a lesson's step: the one function the app and `tutor check` both call.

The expected value comes from the solution it is given, which the app computes from the values
the learner already had accepted (follow-through), so an accepted rounding upstream never makes a
later right answer wrong, and the mistakes it is checked against are computed from the same values.
"""

from __future__ import annotations

import numpy as np

from tutor.engine import Solution
from tutor.lessons import Lesson, Step

from .diagnosis import step_mistakes
from .shapes import grade_shape
from .tolerance import Tolerance, largest
from .verdict import Verdict, grade


def tolerance_for(lesson: Lesson, step: Step) -> Tolerance:
    return Tolerance(lesson.tolerance_for(step).sig_figs)


def scale_of(solution: Solution, name: str) -> float:
    """The size of quantity `name`: its largest entry, or, when every entry is 0, its inputs' largest."""
    quantity = solution[name]
    size = largest(quantity.value)
    if size == 0:
        size = max((largest(solution[other].value) for other in quantity.inputs if other in solution), default=0.0)
    return size


def check_step(lesson: Lesson, step: Step, answer: str, solution: Solution | None = None) -> Verdict:
    """Grade `answer` to `step` (a value, or a shape); a wrong one that a known mistake explains says which."""
    solution = solution or lesson.solution()
    if step.asks_shape:
        return grade_shape(answer, solution, step.name)
    with np.errstate(all="ignore"):
        return grade(answer, lesson.expected(step, solution), tolerance_for(lesson, step),
                     quantity=lesson.symbol(step, solution), scale=scale_of(solution, step.name),
                     mistakes=step_mistakes(lesson, step, solution))
