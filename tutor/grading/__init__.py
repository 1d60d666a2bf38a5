"""Grading learners' answers: the tolerance rule, and verdicts with feedback that teaches."""

from .tolerance import Tolerance
from .verdict import CLOSE, STATUSES, Verdict, grade

__all__ = ["CLOSE", "STATUSES", "Tolerance", "Verdict", "grade"]
