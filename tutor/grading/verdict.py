"""Grade what a learner typed against the engine's value, with feedback that teaches.

`grade` reads the answer with the safe expression parser (no names: learners type numbers and
small expressions), matches its shape to the expected one, and decides between correct,
too-rounded (right, but fewer digits than the rule needs), close (probably rounded along the
way), wrong, wrong-shape and unreadable. Feedback never shows the expected value of a wrong
answer; revealing it is the app's separate, deliberate action. No input string makes it raise.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

from tutor.expressions import Expression, ExpressionError, parse
from tutor.engine.formatting import format_number

from .tolerance import Tolerance

STATUSES = ("correct", "too-rounded", "close", "wrong", "wrong-shape", "unreadable")
CLOSE = 0.05  # relative error that still looks like rounding along the way, not a wrong method
_SHOWN_ENTRIES = 6
_DECIMAL_COMMA = re.compile(r"\s*[-+]?[0-9]+,[0-9]+\s*")


@dataclass(frozen=True, eq=False)  # eq=False: arrays have no single truth value to compare by
class Verdict:
    """The outcome of one answer: its status, the values compared, and what to tell the learner."""

    answer: str
    status: str
    expected: np.ndarray
    value: np.ndarray | None
    feedback: str
    wrong_elements: tuple[tuple[int, ...], ...] = ()
    mistake: str | None = None  # the diagnosed mistake's code (see diagnosis.py), when one matched

    @property
    def correct(self) -> bool:
        return self.status == "correct"

    def to_json(self) -> dict:
        """Plain JSON types: size-1 arrays become numbers, others nested lists."""
        return {
            "answer": self.answer,
            "correct": self.correct,
            "status": self.status,
            "expected": _plain(self.expected),
            "value": None if self.value is None else _plain(self.value),
            "feedback": self.feedback,
            "mistake": self.mistake,
        }


def grade(answer: str, expected: np.ndarray | float, tolerance: Tolerance = Tolerance(), *,
          quantity: str = "") -> Verdict:
    """Judge `answer` (as typed) against `expected`; `quantity` names it in feedback."""
    answer = answer if isinstance(answer, str) else str(answer)
    expected = np.asarray(expected, dtype=np.float64)
    try:
        expression = parse(answer)
        value = expression.evaluate()
    except ExpressionError as error:
        return Verdict(answer, "unreadable", expected, None, error.message)
    shaped = match_shape(value, expected)
    if shaped is None:
        return Verdict(answer, "wrong-shape", expected, value, _shape_feedback(answer, value, expected, quantity))
    wrong = ~tolerance.accepts(shaped, expected)
    if not wrong.any():
        return Verdict(answer, "correct", expected, value, f"Correct (to {tolerance.sig_figs} significant figures).")
    indices = _wrong_indices(wrong, expected)
    status, feedback = _judge_wrong(expression, shaped, expected, wrong, indices, tolerance, quantity)
    return Verdict(answer, status, expected, value, feedback, indices)


def _is_vector(array: np.ndarray) -> bool:
    return sum(n > 1 for n in array.shape) <= 1


def match_shape(value: np.ndarray, expected: np.ndarray) -> np.ndarray | None:
    """The answer in the expected shape, or None when its shape cannot be meant that way."""
    if expected.size == 1 and value.size == 1:
        return value.reshape(expected.shape)
    if expected.size > 1 and _is_vector(expected) and _is_vector(value) and value.size == expected.size:
        return value.reshape(expected.shape)
    return value if value.shape == expected.shape else None


def _wrong_indices(wrong: np.ndarray, expected: np.ndarray) -> tuple[tuple[int, ...], ...]:
    if expected.size == 1:
        return ()
    if _is_vector(expected):
        return tuple((int(i),) for i in np.flatnonzero(wrong))
    return tuple(tuple(int(i) for i in index) for index in np.argwhere(wrong))


def _judge_wrong(expression: Expression, shaped: np.ndarray, expected: np.ndarray, wrong: np.ndarray,
                 indices: tuple[tuple[int, ...], ...], tolerance: Tolerance, quantity: str) -> tuple[str, str]:
    answer, target = shaped[wrong], expected[wrong]
    sig = tolerance.sig_figs
    if _too_rounded(expression, expected.shape, wrong, answer, target, sig):
        where = f"entry {_entry(indices[0])} ({format_number(answer[0])})" if indices else expression.source.strip()
        return "too-rounded", (f"Right, but rounded too much: {where} needs {sig} significant figures, "
                               f"e.g. {_rounded(target[0], sig)}.")
    with np.errstate(all="ignore"):
        close = np.all(np.abs(answer - target) <= CLOSE * np.abs(target))
    if close:
        entries = f" Check {_entries(indices)}." if indices else ""
        return "close", (f"Close, but not within {sig} significant figures; did you round a value "
                         f"along the way? Keep more digits.{entries}")
    return "wrong", _wrong_feedback(shaped, expected, indices, tolerance, quantity)


def _too_rounded(expression: Expression, shape: tuple[int, ...], wrong: np.ndarray,
                 answer: np.ndarray, target: np.ndarray, sig: int) -> bool:
    """Each wrong entry is the expected value rounded to the decimals typed, which are too few."""
    if not expression.is_plain_number or expression.decimals is None:
        return False
    # Literals come in row-major order, the order of the (reshaped) answer's entries.
    typed = np.clip(np.array(expression.decimals, dtype=np.float64), -300, 300).reshape(shape)[wrong]
    with np.errstate(all="ignore"):
        needed = sig - 1 - np.floor(np.log10(np.abs(target)))
        unit = 10.0 ** -typed
        # the expected value rounded half away from zero to the decimals typed (3.5 → 4, never 3)
        conventional = np.sign(target) * np.floor(np.abs(target) / unit + 0.5) * unit
        rounded = (np.abs(answer - conventional) <= 1e-9 * np.maximum(1.0, np.abs(target))) | (
            np.abs(answer - target) < 0.5 * unit * (1 - 1e-9))
    # A typed 0 has no significant figure at all; that is a wrong answer, not a rounded one.
    return bool(np.all(rounded & (typed < needed) & (answer != 0)))


def _rounded(value: float, sig: int) -> str:
    """`value` to `sig` significant figures, keeping trailing zeros since they count here."""
    if value == 0 or not math.isfinite(value):
        return format_number(value)
    decimals = sig - 1 - math.floor(math.log10(abs(value)))
    return f"{value:.{decimals}f}" if decimals >= 0 else f"{round(value, decimals):.0f}"


def _wrong_feedback(shaped: np.ndarray, expected: np.ndarray, indices: tuple[tuple[int, ...], ...],
                    tolerance: Tolerance, quantity: str) -> str:
    subject = f" for {quantity}" if quantity else ""
    if not indices:
        text = f"Not right{subject} yet (graded to {tolerance.sig_figs} significant figures)."
    elif len(indices) == expected.size:
        text = f"Not right{subject} yet: none of the {expected.size} entries is right."
    else:
        text = f"Not right{subject} yet: {_entries(indices)} {'is' if len(indices) == 1 else 'are'} wrong."
    if tolerance.accepts(-shaped, expected).all() and np.any(expected != 0):
        text += " Check the sign."
    return text


def _entry(index: tuple[int, ...]) -> str:
    return f"[{','.join(map(str, index))}]"


def _entries(indices: tuple[tuple[int, ...], ...]) -> str:
    shown = [_entry(index) for index in indices[:_SHOWN_ENTRIES]]
    more = len(indices) - len(shown)
    if more:
        return f"entries {', '.join(shown)} and {more} more"
    if len(shown) == 1:
        return f"entry {shown[0]}"
    return f"entries {', '.join(shown[:-1])} and {shown[-1]}"


def _shape_words(array: np.ndarray) -> tuple[str, str]:
    """How many numbers `array` holds, and how to write that many."""
    if array.size == 1:
        return "a single number", ""
    if _is_vector(array):
        return f"{array.size} numbers", " separated by commas"
    if array.ndim == 2:
        return f"{array.shape[0]} rows of {array.shape[1]} numbers", " (write rows separated by ;)"
    return f"an array of shape {'×'.join(map(str, array.shape))}", ""


def _shape_feedback(answer: str, value: np.ndarray, expected: np.ndarray, quantity: str) -> str:
    wanted, how = _shape_words(expected)
    text = f"{f'{quantity} is' if quantity else 'Expected'} {wanted}{how}; you wrote {_shape_words(value)[0]}."
    if expected.size == 1 and _DECIMAL_COMMA.fullmatch(answer):
        text += " Write decimals with a point, e.g. 0.5, not a comma."
    return text


def _plain(array: np.ndarray) -> float | list | None:
    array = np.asarray(array, dtype=np.float64)
    if array.size == 1:
        return _finite_or_none(array.item())
    return _finite_or_none(array.tolist())


def _finite_or_none(value):
    # JSON has no inf or nan; None keeps the output parseable by any reader.
    if isinstance(value, list):
        return [_finite_or_none(item) for item in value]
    return value if math.isfinite(value) else None
