"""A rule: how one named quantity is computed from others, written, explained, and got wrong.

Each rule computes its value with the chain's link functions (`engine.backprop`) from values
already known, so a learner's accepted values can stand in for the engine's (follow-through). It
explains itself three ways (the hints: the rule in words, the formula, the formula with the numbers
put in) and lists its classic mistakes: the same link function called with one term changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Mapping

import numpy as np

from ..notation import Symbols, equation, first, show

Known = Mapping[str, np.ndarray]


@dataclass(frozen=True, eq=False)  # eq=False: arrays have no single truth value to compare by
class Mistake:
    """One way to get a quantity wrong: a stable code, what to tell the learner, the wrong value."""

    code: str
    message: str
    value: np.ndarray


class Rule:
    """One quantity before it is computed. Subclasses fill in the fields and the three methods."""

    phase = "given"

    def __init__(self, symbols: Symbols, name: str, meaning: str, rule: str, formula: str,
                 inputs: tuple[str, ...] = ()):
        self.symbols = symbols
        self.name = name
        self.symbol = symbols(name)
        self.meaning = meaning
        self.rule = rule  # hint 1: which rule applies, in words
        self.formula = formula  # hint 2: the formula in symbols
        self.inputs = inputs

    @property
    def network(self):
        return self.symbols.network

    @property
    def times(self) -> str:
        """× between numbers when every layer has one unit, · between arrays."""
        return "×" if all(layer.weights.size == 1 for layer in self.network.layers) else "·"

    @property
    def trivial(self) -> bool:
        """Whether it only restates another quantity or a constant (a = z under the identity, ∂L/∂L = 1)."""
        return False

    @property
    def note(self) -> str:
        """Said after a worked line of a per-example quantity when there are several examples."""
        return "" if self.network.examples == 1 else " (first example; every row the same way)"

    def compute(self, known: Known) -> np.ndarray:
        raise NotImplementedError

    def numbers(self, known: Known) -> str:
        """The right-hand side of the formula with the numbers put in ("" when it has none)."""
        return ""

    def mistakes(self, known: Known) -> Iterator[Mistake]:
        """The classic wrong versions of this quantity, computed from the same known values."""
        return iter(())

    # --- derived from the above ------------------------------------------------------------------
    def substituted(self, known: Known) -> str:
        """Hint 3: the formula with the numbers put in, without its result (only a reveal shows that).

        Where the formula is one value the learner already has (∂L/∂w₂ = z, ∂C/∂b = δ), its number is
        the answer: the hint names that value instead of printing it.
        """
        numbers = self.numbers(known)
        value = self.compute(known)
        if numbers and numbers == show(first(value) if self.per_example else value):
            return f"{self.formula}: the same number as the {self.formula.rsplit(' = ', 1)[-1]} you have"
        return equation(self.formula, numbers) + (self.note if numbers and self.per_example else "")

    def worked(self, known: Known, value: np.ndarray) -> str:
        """The worked line: formula = numbers = value."""
        shown = show(first(value)) if self.per_example else show(value)
        line = equation(self.formula, self.numbers(known), shown)
        return line + (self.note if self.per_example else "")

    @property
    def per_example(self) -> bool:
        """Whether the value has a row per example (z, a, δ), so a worked line shows the first."""
        return False


class Given(Rule):
    """x, y, Wˡ, bˡ: values the lesson gives."""

    def __init__(self, symbols: Symbols, name: str, meaning: str, value: np.ndarray):
        super().__init__(symbols, name, meaning, "given", "given")
        self.value = value

    def compute(self, known: Known) -> np.ndarray:
        return self.value

    def substituted(self, known: Known) -> str:
        return f"{self.symbol} = {show(self.value)}"

    def worked(self, known: Known, value: np.ndarray) -> str:
        return f"{self.symbol} = {show(value)}"
