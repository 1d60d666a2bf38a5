"""The numerical check of a gradient step: nudge one weight by ±h, recompute the cost, divide.

On a step that asks ∂C/∂Wˡ (`dW{l}`), ∂C/∂bˡ (`db{l}`), the output's own ∂L/∂Wˡ or ∂L/∂bˡ
(`dL_dW{l}`, `dL_db{l}`), or one element of one of them (`dW2[0,1]`), the learner can compare
their answer with the difference quotient

    (C(w + h) − C(w − h)) / 2h

for every entry of the parameter (the asked one only, for an element). The nudges are made on the
lesson's ORIGINAL network, whatever the learner had accepted upstream: the finite difference is of
the true cost, an independent check that knows nothing of the backward pass.

`numerical_check(session)` is the check of the page a `LessonSession` is on, beside the learner's
own value, as `chain(session)` is its graph. Plain Python (no Textual): the widget in
`tutor.ui.widgets.numerical_check` draws a `NumericalCheck`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from tutor.expressions import ExpressionError, parse
from tutor.engine.gradcheck import nudge
from tutor.engine.quantities import Solution, element
from tutor.grading.verdict import match_shape
from tutor.lessons import Lesson, Step

if TYPE_CHECKING:
    from .session import LessonSession

H = 1e-4  # small enough that the quotient agrees with ∂C/∂w to far more than 3 figures
GRADIENT = re.compile(r"^(dW|db|dL_dW|dL_db)(\d+)$")


@dataclass(frozen=True)
class Entry:
    """One nudged entry: the parameter's symbol with its index, both costs, the quotient, yours."""

    symbol: str  # w₂, or W₁[0,1] for one entry of a matrix
    plus: float  # C(w + h)
    minus: float  # C(w − h)
    estimate: float  # (plus − minus) / 2h
    yours: float | None  # the learner's value for this entry, None when they have not given one


@dataclass(frozen=True)
class NumericalCheck:
    """The finite differences of one gradient step, ready to show."""

    gradient: str  # ∂C/∂w₂ as the step writes it
    function: str  # what is recomputed: C (the cost), or the output, e.g. L
    h: float
    entries: tuple[Entry, ...]


def differentiates(step: Step | None) -> tuple[str, str] | None:
    """The parameter a gradient step differentiates by, and what: ('W2', 'cost'); None for any other step."""
    if step is None or step.is_reading or step.asks_shape:
        return None
    match = GRADIENT.match(step.name)
    if match is None:
        return None
    kind, layer = match.groups()
    return f"{'W' if kind.endswith('W') else 'b'}{layer}", "output" if kind.startswith("dL_") else "cost"


def nudged_symbols(lesson: Lesson, step: Step, solution: Solution | None = None) -> tuple[str, str] | None:
    """How the chapter writes the parameter a gradient step nudges and what is recomputed: ('w₂', 'C')."""
    target = differentiates(step)
    if target is None:
        return None
    parameter, of = target
    solution = solution or lesson.solution()
    function = solution["loss"] if of == "cost" else solution[f"a{lesson.network.depth}"]
    return solution[parameter].symbol, function.symbol


def nudged(session: LessonSession) -> tuple[str, str] | None:
    """On a gradient page, the weight a numerical check nudges and what it recomputes: ('w₂', 'C')."""
    return nudged_symbols(session.lesson, session.step, session.solution) if session.asks else None


def numerical_check(session: LessonSession, typed: str = "") -> NumericalCheck | None:
    """The check of the page `session` is on, beside the learner's own value: `typed` (what is in
    the answer box) when it reads as one, else their last answer, else the accepted one."""
    if nudged(session) is None:
        return None
    state = session.state
    expected = session.lesson.expected(session.step, session.solution)
    texts = (typed, state.verdict.answer if state.verdict is not None else "", state.answer)
    yours = next((value for value in (read_answer(t, expected) for t in texts) if value is not None), None)
    return check_gradient(session.lesson, session.step, yours)


def check_gradient(lesson: Lesson, step: Step, yours: np.ndarray | None = None, h: float = H) -> NumericalCheck | None:
    """Nudge each entry of the parameter `step` differentiates by (the asked one for an element step).

    `yours` is the learner's answer in the shape the step asks (None: not given yet).
    """
    target = differentiates(step)
    if target is None:
        return None
    parameter, of = target
    network = lesson.network  # the original numbers: the true cost, not the follow-through
    solution = lesson.solution()
    value = network.parameters()[parameter]
    symbol, function = nudged_symbols(lesson, step, solution)
    if step.element is None:
        indices = list(np.ndindex(value.shape))
        labels = [symbol if value.size == 1 else f"{symbol}[{','.join(map(str, i))}]" for i in indices]
        mine = [None if yours is None else float(np.reshape(yours, value.shape)[i]) for i in indices]
    else:  # the element as the step counts it (a 1-index on a single row reads along the row)
        flat = int(element(np.arange(value.size).reshape(value.shape), step.element))
        indices = [np.unravel_index(flat, value.shape)]
        labels = [f"{symbol}[{','.join(map(str, step.element))}]"]
        mine = [None if yours is None else float(np.asarray(yours).reshape(-1)[0])]
    entries = []
    for index, label, own in zip(indices, labels, mine):
        moved = nudge(network, parameter, tuple(int(i) for i in index), h, of)
        entries.append(Entry(label, moved.plus, moved.minus, moved.estimate, own))
    return NumericalCheck(lesson.symbol(step, solution), function, h, tuple(entries))


def read_answer(text: str, expected: np.ndarray) -> np.ndarray | None:
    """`text` as a value of the expected shape, or None when it cannot be read as one."""
    if not text or not text.strip():
        return None
    try:
        value = parse(text).evaluate()
    except ExpressionError:
        return None
    shaped = match_shape(np.asarray(value, dtype=np.float64), np.asarray(expected))
    return None if shaped is None or not np.all(np.isfinite(shaped)) else shaped
