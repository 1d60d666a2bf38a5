"""Grading a shape step (`ask = "shape(dW1)"`): reading a typed shape, and why a wrong one is wrong.

A shape is typed rows×columns: `2x3`, `2×3`, `2 X 3`, `(2, 3)`, `[2, 3]`, `2, 3` or `2 by 3`. The
chapter's vectors are columns, so a vector's shape is `3` or `3x1` (or `(3,)`); a single number's
is `1` or `1x1`. Shapes are compared in canonical form (`tutor.engine.shapes`), so `3` and `3x1`
are the same answer and `1x3` (a row) is not.

A wrong shape is explained when a classic slip gives it: rows and columns swapped ("that is the
shape of W₂ᵀ"), the number of entries instead of the shape, or the shape of another quantity of the
lesson (what it is computed from first, then the layers' activations). For ∂C/∂a₁ or δ₁, the shape
of δ₂ is "W not transposed": W₂ δ₂ cannot even be formed when W₂ is not square.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

import numpy as np

from tutor.engine import Solution
from tutor.engine.shapes import as_matrix, canonical, entries, layout, shape_of, transposed_symbol, written

from .verdict import Verdict

FORMAT = "Write a shape as rows×columns, like 4x5 (or 4×5, (4, 5), 4 by 5); a column vector's may be just its length."
_BRACKETS = re.compile(r"^\((.*)\)$|^\[(.*)\]$", re.DOTALL)
_SEPARATOR = re.compile(r"\s*(?:[x×X,]|\bby\b)\s*")
_DIMENSION = re.compile(r"[0-9]{1,4}")
MAX_AXES = 3
SENT_BACK = re.compile(r"^(da|dL_da|delta|dL_dz)(\d+)$")  # what the layer above sends back through Wᵀ


class ShapeError(ValueError):
    """A typed shape that cannot be read; `message` says how to write one."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def parse_shape(text: str) -> tuple[int, ...]:
    """'2x3', '2×3', '(2, 3)', '2 by 3' → (2, 3); '3' or '(3,)' → (3,). ShapeError for anything else."""
    body = text.strip()
    bracketed = _BRACKETS.match(body)
    if bracketed:
        body = (bracketed.group(1) if bracketed.group(1) is not None else bracketed.group(2)).strip()
        if body.endswith(","):
            body = body[:-1].rstrip()  # Python's one-axis tuple, (3,)
    parts = _SEPARATOR.split(body) if body else []
    if not parts or not all(_DIMENSION.fullmatch(part) for part in parts):
        raise ShapeError(f"{text.strip()!r} is not a shape. {FORMAT}" if text.strip() else f"Type a shape. {FORMAT}")
    shape = tuple(int(part) for part in parts)
    if any(n == 0 for n in shape):
        raise ShapeError(f"A shape has at least one row and one column; {text.strip()!r} has a 0. {FORMAT}")
    if len(shape) > MAX_AXES:
        raise ShapeError(f"{text.strip()!r} has {len(shape)} axes; the quantities here have at most 2. {FORMAT}")
    return shape


@dataclass(frozen=True)
class ShapeSlip:
    """A wrong shape a classic slip gives, with what to tell the learner."""

    code: str
    message: str
    shape: tuple[int, ...]  # canonical


def shape_slips(solution: Solution, name: str) -> Iterator[ShapeSlip]:
    """The wrong shapes of quantity `name` that a slip explains, most telling first."""
    expected = shape_of(solution, name)
    symbol, words = solution[name].symbol, layout(solution, name)
    has = f" {symbol} has {words}." if words else ""
    swapped = canonical(as_matrix(expected)[::-1])
    if swapped != expected:
        row = " (a row; the chapter's vectors are columns)" if len(expected) == 1 else ""
        yield ShapeSlip("shape-transposed", f"{written(swapped)} is the shape of {transposed_symbol(solution, name)}"
                                            f"{row}: rows and columns swapped.{has}", swapped)
    if len(expected) >= 2:
        yield ShapeSlip("shape-entries", f"{entries(expected)} is how many numbers {symbol} holds; its shape says how "
                                         f"they are laid out, rows×columns.{has}", (entries(expected),))
    not_transposed = _not_transposed(solution, name)
    if not_transposed is not None:
        yield not_transposed
    activations = [f"a{l}" for l in range(solution.network.depth + 1)]
    others = [*solution[name].inputs, *activations, *solution.names()]
    for other in dict.fromkeys(others):
        if other == name or other not in solution or solution[other].trivial:
            continue
        shape = shape_of(solution, other)
        if shape != expected:
            yield ShapeSlip("shape-of-other", f"{written(shape)} is the shape of {solution[other].symbol}, not of "
                                              f"{symbol}.{has}", shape)


def _not_transposed(solution: Solution, name: str) -> ShapeSlip | None:
    """The shape of δˡ⁺¹ for ∂C/∂aˡ (or δˡ): as if Wˡ⁺¹ δˡ⁺¹, which a non-square Wˡ⁺¹ cannot even form."""
    match = SENT_BACK.match(name)
    if match is None or solution.network.examples > 1 or int(match.group(2)) >= solution.network.depth:
        return None
    layer = int(match.group(2))
    above, weights = f"{'dL_dz' if match.group(1).startswith('dL') else 'delta'}{layer + 1}", f"W{layer + 1}"
    rows, columns = solution[weights].value.shape
    if rows == columns or above not in solution:
        return None
    delta, w = solution[above].symbol, solution[weights].symbol
    return ShapeSlip("weights-not-transposed",
                     f"{written(shape_of(solution, above))} is the shape of {delta}, the layer above's. {w} {delta} "
                     f"cannot even be formed ({w} is {rows}×{columns}, {delta} is {rows}×1): the gradient goes back "
                     f"through the transpose, {w}ᵀ {delta}.", shape_of(solution, above))


def grade_shape(answer: str, solution: Solution, name: str) -> Verdict:
    """Judge a typed shape of quantity `name`."""
    answer = answer if isinstance(answer, str) else str(answer)
    quantity = solution[name].symbol
    expected = shape_of(solution, name)
    expected_array = np.array(as_matrix(expected), dtype=np.float64)
    try:
        typed = parse_shape(answer)
    except ShapeError as error:
        return Verdict(answer, "unreadable", expected_array, None, error.message)
    value = np.array(typed, dtype=np.float64)
    if canonical(typed) == expected:
        return Verdict(answer, "correct", expected_array, value, f"Correct: {quantity} is {written(expected)}.")
    for slip in shape_slips(solution, name):
        if slip.shape == canonical(typed):
            return Verdict(answer, "wrong", expected_array, value, f"Not right yet. {slip.message}", mistake=slip.code)
    words = layout(solution, name)
    has = f": it has {words}" if words else ""
    return Verdict(answer, "wrong", expected_array, value, f"Not the shape of {quantity}{has}.")
