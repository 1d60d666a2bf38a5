"""Grade what a learner typed against the engine's value, with feedback that teaches.

`grade` reads the answer with the safe expression parser (no names: learners type numbers and
small expressions), matches its shape to the expected one, and decides between correct,
too-rounded (the right value rounded to fewer figures than the rule needs), close (probably
rounded along the way, or cut off), wrong (with the mistake behind it when one explains the
number, even one of another shape: δ ⊙ a where δ aᵀ belongs), wrong-shape and unreadable.
Feedback never shows the expected value of a wrong answer; revealing it is the app's separate,
deliberate action. No input string makes it raise.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Iterable

import numpy as np

from tutor.engine.formatting import format_number
from tutor.engine.rules import Mistake
from tutor.expressions import Expression, ExpressionError, parse

from .tolerance import Tolerance, largest

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
          quantity: str = "", scale: float | None = None, mistakes: Iterable[Mistake] = ()) -> Verdict:
    """Judge `answer` (as typed) against `expected`; `quantity` names it in feedback.

    `scale` is the size of the whole quantity (see `Tolerance.accepts`). `mistakes` are the wrong
    values the classic slips give, shaped like `expected`; they are only computed once the answer is
    found not right. A mistake that explains the answer at the precision typed is named before any
    "too rounded" or "close": the learner hears what went wrong.
    """
    answer = answer if isinstance(answer, str) else str(answer)
    expected = np.asarray(expected, dtype=np.float64)
    scale = largest(expected) if scale is None else scale
    try:
        expression = parse(answer)
        value = expression.evaluate()
    except ExpressionError as error:
        return Verdict(answer, "unreadable", expected, None, error.message)
    shaped = match_shape(value, expected)
    if shaped is None:
        slip = explain_shape(expression, value, expected, mistakes, tolerance)
        feedback = _shape_feedback(answer, value, expected, quantity)
        if slip is not None:  # a slip that changes the shape (⊙ for a matrix product): a wrong method, not a typo
            return Verdict(answer, "wrong", expected, value, f"Not right yet. {slip.message} {feedback}",
                           mistake=slip.code)
        return Verdict(answer, "wrong-shape", expected, value, feedback)
    wrong = ~tolerance.accepts(shaped, expected, scale)
    if not wrong.any():
        return Verdict(answer, "correct", expected, value, f"Correct (to {tolerance.sig_figs} significant figures).")
    indices = _wrong_indices(wrong, expected)
    figures = _typed_figures(expression, expected.shape)
    rounded = figures is not None and _is_rounding(shaped[wrong], figures[wrong], expected[wrong], tolerance.sig_figs)
    found = explain(shaped, figures, expected, mistakes, tolerance, scale)
    if found is not None and (found.exact or not rounded):
        return Verdict(answer, "wrong", expected, value, f"Not right yet. {found.mistake.message}", indices,
                       found.mistake.code)
    if rounded:
        where = f"entry {_entry(indices[0])} ({format_number(shaped[wrong][0])})" if indices else expression.source.strip()
        return Verdict(answer, "too-rounded", expected, value,
                       f"Right, but rounded too much: {where} needs {tolerance.sig_figs} significant figures, "
                       f"e.g. {_rounded(expected[wrong][0], tolerance.sig_figs)}.", indices)
    status, feedback = _judge_wrong(shaped, figures, expected, wrong, indices, tolerance, quantity)
    return Verdict(answer, status, expected, value, feedback, indices)


@dataclass(frozen=True)
class Explanation:
    """A mistake that gives the learner's number: `exact` when to the lesson's precision, not only to theirs."""

    mistake: Mistake
    exact: bool


def explain(shaped: np.ndarray, figures: np.ndarray | None, expected: np.ndarray, mistakes: Iterable[Mistake],
            tolerance: Tolerance, scale: float) -> Explanation | None:
    """The first mistake whose value the answer is, at the precision it was typed.

    A typed number matches a mistake when it is the mistake's value rounded to the figures typed
    (`exact` when it is also within the lesson's tolerance of it, so it cannot be a rounding of
    anything else); an expression matches within the tolerance. One typed figure says too little to
    name a mistake unless it is exact. A mistake whose value cannot be told from the right one is
    skipped (σ′ = 1 for the identity, say).
    """
    loose: Explanation | None = None
    for mistake in mistakes:
        wrong = np.asarray(mistake.value, dtype=np.float64)
        if wrong.shape != expected.shape or not np.all(np.isfinite(wrong)):
            continue
        if tolerance.accepts(wrong, expected, scale).all():
            continue
        exact = _typed_as(shaped, figures, wrong, tolerance, scale)
        if exact:
            return Explanation(mistake, exact=True)
        if exact is not None and loose is None:
            loose = Explanation(mistake, exact=False)
    return loose


def explain_shape(expression: Expression, value: np.ndarray, expected: np.ndarray, mistakes: Iterable[Mistake],
                  tolerance: Tolerance) -> Mistake | None:
    """The first mistake of another shape than `expected` whose value the answer is (δ ⊙ a for δ aᵀ)."""
    for mistake in mistakes:
        wrong = np.asarray(mistake.value, dtype=np.float64)
        if wrong.shape == expected.shape or not np.all(np.isfinite(wrong)):
            continue
        shaped = match_shape(value, wrong)
        if shaped is None:
            continue
        if _typed_as(shaped, _typed_figures(expression, wrong.shape), wrong, tolerance, largest(wrong)) is not None:
            return mistake
    return None


def _typed_as(shaped: np.ndarray, figures: np.ndarray | None, wrong: np.ndarray, tolerance: Tolerance,
              scale: float) -> bool | None:
    """Whether the answer is `wrong`: True to the lesson's precision, False only to the figures typed
    (at least two of them), None not at all."""
    within = tolerance.accepts(shaped, wrong, scale).all()
    if figures is None:
        return True if within else None
    rounded = _is_rounded_to(shaped, figures, wrong) | (shaped == wrong)
    # More figures than the tolerance needs: the answer must be within it of the mistake, not just typed.
    if within and np.all(rounded | (figures > tolerance.sig_figs)):
        return True
    if np.all(rounded) and np.all(figures >= 2):
        return False
    return None


def _typed_figures(expression: Expression, shape: tuple[int, ...]) -> np.ndarray | None:
    """The significant figures of each typed number, in the answer's shape (None for an expression)."""
    if not expression.is_plain_number or expression.figures is None:
        return None
    return np.array(expression.figures, dtype=np.int64).reshape(shape)


def _is_rounded_to(answer: np.ndarray, figures: np.ndarray, value: np.ndarray) -> np.ndarray:
    """Element-wise: `answer` is `value` rounded to `figures` significant figures.

    At an exact tie both common conventions count: half away from zero (2.5 → 3) and half to even
    (2.5 → 2); rounding 3.5 down to 3 is neither.
    """
    with np.errstate(all="ignore"):
        magnitude = np.floor(np.log10(np.abs(value)))
        unit = 10.0 ** (magnitude - figures + 1)
        steps = value / unit
        low, high = np.floor(steps) * unit, np.ceil(steps) * unit
        tie = np.abs(np.abs(steps) - np.floor(np.abs(steps)) - 0.5) < 1e-9
        nearest = np.where(np.abs(value - low) <= np.abs(high - value), low, high)
        away = np.sign(value) * np.ceil(np.abs(steps) - 1e-9) * unit
        even = np.round(steps) * unit
        near = lambda target: np.abs(answer - target) <= 1e-9 * np.maximum(np.abs(target), 1e-300)
        return (value != 0) & (figures > 0) & np.where(tie, near(away) | near(even), near(nearest))


def _is_rounding(answer: np.ndarray, figures: np.ndarray, expected: np.ndarray, sig: int) -> bool:
    """Each wrong entry is the expected value rounded to the figures typed, which are fewer than `sig`.

    1.5 for 1.529 is a rounding; 1 for 0.5 is not, and a typed 0 has no significant figure at all.
    """
    return bool(np.all((figures < sig) & _is_rounded_to(answer, figures, expected)))


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


def _judge_wrong(shaped: np.ndarray, figures: np.ndarray | None, expected: np.ndarray, wrong: np.ndarray,
                 indices: tuple[tuple[int, ...], ...], tolerance: Tolerance, quantity: str) -> tuple[str, str]:
    answer, target = shaped[wrong], expected[wrong]
    sig = tolerance.sig_figs
    entries = f" Check {_entries(indices)}." if indices else ""
    if figures is not None and np.all(_is_cut_off(answer, figures[wrong], target)):
        return "close", (f"Close: the last figure looks cut off rather than rounded. Round it to the nearest, "
                         f"and keep {sig} significant figures.{entries}")
    with np.errstate(all="ignore"):
        close = np.all(np.abs(answer - target) <= CLOSE * np.abs(target))
    if close:
        return "close", (f"Close, but not within {sig} significant figures; did you round a value "
                         f"along the way? Keep more digits.{entries}")
    return "wrong", _wrong_feedback(shaped, expected, indices, tolerance, quantity)


def _is_cut_off(answer: np.ndarray, figures: np.ndarray, value: np.ndarray) -> np.ndarray:
    """Element-wise: `answer` is `value` with the figures after the typed ones dropped (not rounded)."""
    with np.errstate(all="ignore"):
        unit = 10.0 ** (np.floor(np.log10(np.abs(value))) - figures + 1)
        cut = np.trunc(value / unit * (1 + 1e-12)) * unit  # 0.6 / 0.1 is 5.999…: not cut to 0.5
        return (figures > 0) & (np.abs(answer - cut) <= 1e-9 * np.abs(value)) & ~_is_rounded_to(answer, figures, value)


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
    if np.any(expected != 0) and tolerance.accepts(-shaped, expected).all():
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
