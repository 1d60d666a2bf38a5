"""What a lesson's text relies on about its numbers: `[practice] requires = ["a2_new > y"]`.

A sentence like "the step jumps past the target" is true of the lesson's numbers but not of every
practice variant's. A requirement states it as a comparison of two formulas over the lesson's
quantities (as in `[derived]`); the loader checks that the lesson's own numbers meet it, and a
practice variant whose numbers break one is drawn again.
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass
from typing import Mapping

import numpy as np

from tutor.expressions import Expression, ExpressionError, parse

COMPARISONS = {"<=": operator.le, ">=": operator.ge, "<": operator.lt, ">": operator.gt}
_SPLIT = re.compile(r"(<=|>=|<|>)")


@dataclass(frozen=True)
class Requirement:
    """`left OP right`, to hold for every entry."""

    source: str
    left: Expression
    comparison: str
    right: Expression

    @property
    def names(self) -> frozenset[str]:
        return self.left.names | self.right.names

    def sides(self, values: Mapping[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        return self.left.evaluate(values), self.right.evaluate(values)

    def holds(self, values: Mapping[str, np.ndarray]) -> bool:
        left, right = self.sides(values)
        with np.errstate(all="ignore"):
            return bool(np.all(COMPARISONS[self.comparison](left, right)))


def read_requirement(text: str) -> Requirement:
    """'a2_new > y' → a Requirement; ExpressionError says what is wrong."""
    parts = _SPLIT.split(text)
    if len(parts) != 3:
        raise ExpressionError(f"expected one comparison like 'a2_new > y' (with <, <=, > or >=), found {text!r}")
    left, comparison, right = parts
    return Requirement(text, parse(left), comparison, parse(right))
