"""What the subcommands share: finding a lesson, and turning values into plain JSON."""

from __future__ import annotations

import math
import sys

import numpy as np

from tutor.catalog import NO_SUCH_LESSON
from tutor.lessons import Lesson, LessonError, find_lesson

from . import UsageError, print_json  # noqa: F401 (re-exported for the commands)


def lesson_or_exit(reference: str) -> Lesson:
    """The lesson named by id or path; a usage error when there is none, exit 1 when it is invalid."""
    try:
        return find_lesson(reference)
    except LessonError as error:
        if len(error.problems) == 1 and NO_SUCH_LESSON in error.problems[0].message:
            raise UsageError(f"{reference!r}: {error.problems[0].message}") from None
        for problem in error.problems:
            print(problem, file=sys.stderr)
        raise SystemExit(1) from None


def plain(value) -> object:
    """A NumPy value as JSON: a number for a 0-d array, nested lists otherwise; NaN/inf → null."""
    array = np.asarray(value, dtype=np.float64)
    if array.ndim == 0:
        number = float(array)
        return number if math.isfinite(number) else None
    return [plain(item) for item in array]

