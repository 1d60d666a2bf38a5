"""Grading learners' answers: the tolerance rule, and verdicts with feedback that teaches."""

from .check import check_step, tolerance_for
from .diagnosis import Candidate, Mistake, candidates, diagnose
from .tolerance import Tolerance
from .verdict import CLOSE, STATUSES, Verdict, grade

__all__ = [
    "CLOSE", "STATUSES", "Candidate", "Mistake", "Tolerance", "Verdict",
    "candidates", "check_step", "diagnose", "grade", "tolerance_for",
]
