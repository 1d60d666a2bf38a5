"""Quantities a lesson defines by a formula over the engine's (the collapsed W = W₂W₁, say).

Formulas are read by the engine's safe expression parser, never by `eval`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

import numpy as np

from tutor.engine import PHASES, Network, Quantity, Solution, element
from tutor.engine.notation import equation, show
from tutor.expressions import Expression
from tutor.expressions.parser import Index, Name
from tutor.expressions.writing import write



@dataclass(frozen=True)
class Derived:
    """`[derived.NAME]` of a lesson file, its formula already parsed."""

    name: str
    expression: Expression
    symbol: str
    meaning: str = ""
    phase: str = ""  # "" means: the latest phase among the names the formula uses

    @property
    def formula(self) -> str:
        return self.expression.source


def network_names(network: Network) -> dict[str, np.ndarray]:
    """Names a formula may use besides the quantities: η and n."""
    return {"learning_rate": np.float64(network.learning_rate), "n": np.float64(network.examples)}


def extra_names(solution: Solution) -> dict[str, np.ndarray]:
    """η and n of the solution's network."""
    return network_names(solution.network)


def derived_values(values: dict[str, np.ndarray], derived: tuple[Derived, ...]) -> dict[str, np.ndarray]:
    """`values` with each derived quantity added, in order: the numbers only, no worked lines."""
    for item in derived:
        values[item.name] = np.asarray(item.expression.evaluate(values), dtype=np.float64)
    return values


def add_derived(solution: Solution, derived: tuple[Derived, ...], accepted: Mapping[str, np.ndarray]) -> None:
    """Evaluate each derived quantity in order and add it to `solution` (accepted values win)."""
    for item in derived:
        values = {**extra_names(solution), **solution.values()}
        if item.name in accepted:
            value = np.asarray(accepted[item.name], dtype=np.float64)
        else:
            value = np.asarray(item.expression.evaluate(values), dtype=np.float64)
        used = tuple(n for n in sorted(item.expression.names) if n in solution)
        phase = item.phase or _latest_phase(solution, used)
        formula = equation(item.symbol, _in_symbols(item.expression, solution))  # not 'σ(z₁) = σ(z₁)'
        substituted = equation(formula, _substitute(item.expression, values))
        solution.quantities[item.name] = Quantity(
            item.name, phase, item.symbol, item.meaning or f"defined as {item.formula}",
            "Use the formula the lesson gives, with the values you already have.",
            formula, value, substituted, used, f"{substituted} = {show(value)}",
        )


def _latest_phase(solution: Solution, names: tuple[str, ...]) -> str:
    # A derived quantity is computed, so it belongs at least to the forward pass, never to "given".
    phases = [PHASES.index(solution[n].phase) for n in names if solution[n].phase in PHASES]
    return PHASES[max(phases + [PHASES.index("forward")])]


def _in_symbols(expression: Expression, solution: Solution) -> str:
    """The formula as the chapter writes it: 'W1 + 0.1 * dL_dW1' → 'w₁ + 0.1 × ∂L/∂w₁'."""
    def symbol_of(leaf: Name | Index) -> str:
        symbol = solution[leaf.name].symbol if leaf.name in solution else solution.symbols(leaf.name)
        return f"{symbol}[{','.join(map(str, leaf.indices))}]" if isinstance(leaf, Index) else symbol

    return write(expression.tree, symbol_of)


def _substitute(expression: Expression, values: Mapping[str, np.ndarray]) -> str:
    """The formula with each name replaced by its value: 'W2 @ W1' → '[1, 2; 0, 1] [0.5, 0; 0, 2]'."""
    def value_of(leaf: Name | Index) -> str:
        value = values[leaf.name]
        if isinstance(leaf, Index):
            value = element(value, leaf.indices)
        return show(value, paren=True)

    return write(expression.tree, value_of)
