"""Which mistakes could explain a wrong answer to a step: every classic slip that applies to it.

The engine's rules know the slips of each quantity of the chain (σ′ left out, the bias missing, the
value before the update, …); a lesson's own formulas are varied one change at a time
(`formulas.py`); a lesson may add mistakes of its own (`[[steps.mistakes]]`), tried first. Every
wrong value is computed from the same values the right one is (the learner's own, with
follow-through), so a diagnosis holds on any network and for any practice variant.
"""

from __future__ import annotations

from typing import Iterator

import numpy as np

from tutor.engine import Solution, element
from tutor.engine.rules import Mistake
from tutor.lessons import Lesson, Step
from tutor.lessons.derived import extra_names

from .formulas import formula_mistakes


def step_mistakes(lesson: Lesson, step: Step, solution: Solution) -> Iterator[Mistake]:
    """Every mistake that applies to `step`, as the value of the element it asks, the lesson's own first."""
    shape = np.shape(element(solution[step.name].value, step.element))
    for mistake in _mistakes(lesson, step, solution):
        try:
            value = np.asarray(element(mistake.value, step.element), dtype=np.float64)
        except (IndexError, ValueError):
            continue
        if _same_numbers(value.shape, shape):  # a lesson's formula may give a 1×1 quantity as a plain number
            value = value.reshape(shape)
        yield Mistake(mistake.code, mistake.message, value)


def _same_numbers(shape: tuple[int, ...], wanted: tuple[int, ...]) -> bool:
    """Shapes that differ only by axes of length 1 (a plain number for 1×1, a row for a vector);
    a transposed matrix (3×2 for 2×3) is another answer, never reshaped into the asked one."""
    return [n for n in shape if n != 1] == [n for n in wanted if n != 1]


def _mistakes(lesson: Lesson, step: Step, solution: Solution) -> Iterator[Mistake]:
    values = {**extra_names(solution), **solution.values()}
    for expected in step.mistakes:
        try:
            yield Mistake("lesson", expected.message, expected.expression.evaluate(values))
        except ValueError:
            continue
    name = step.name
    quantity = solution[name]
    if np.any(quantity.value != 0):
        yield Mistake("sign-flipped", _sign_message(solution, name), -quantity.value)
    derived = {item.name: item for item in lesson.derived}
    if name in derived:
        symbol = lambda other: solution[other].symbol if other in solution else solution.symbols(other)
        yield from formula_mistakes(derived[name].expression, values, symbol, quantity.phase == "update")
    else:
        yield from solution.mistakes(name)


def _sign_message(solution: Solution, name: str) -> str:
    symbol = solution[name].symbol
    if solution.network.loss == "cross-entropy":
        sym = solution.symbols
        if name in ("loss", "loss_new"):
            return (f"The size is right but the sign is flipped: the cost has a minus in front, "
                    f"{sym.cost_formula()}, because ln a < 0 for a probability below 1.")
        if name.startswith(("delta", "dW", "db")):
            return (f"The size is right but the sign is flipped. At the softmax output δ = {sym.output} − "
                    f"{sym.target}, not {sym.target} − {sym.output}: check that sign and carry it through to {symbol}.")
    if name.startswith(("delta", "dW", "db")):
        rule = solution.rules.get(name)
        cost, output, target = (rule.symbols.cost, rule.symbols.output, rule.symbols.target) if rule else ("C", "a", "y")
        return (f"The size is right but the sign is flipped. At the output ∂{cost}/∂{output} = −({target} − {output}) "
                f"= {output} − {target}: check that sign and carry it through to {symbol}.")
    return f"The size is right but the sign is flipped: check the sign of each term of {symbol}."
