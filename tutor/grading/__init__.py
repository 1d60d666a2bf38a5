"""Grading learners' answers: the tolerance rule, verdicts with feedback that teaches, diagnosis."""

from tutor.engine.rules import Mistake

from .check import check_step, scale_of, tolerance_for
from .diagnosis import step_mistakes
from .tolerance import Tolerance
from .verdict import CLOSE, STATUSES, Verdict, grade

__all__ = [
    "CLOSE", "STATUSES", "Mistake", "Tolerance", "Verdict",
    "check_step", "grade", "scale_of", "step_mistakes", "tolerance_for",
]
