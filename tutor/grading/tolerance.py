"""When a typed number counts as right: a significant-figures rule with an absolute floor near zero."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tutor.engine.formatting import format_number

# Values sitting exactly on a rounding boundary must not fail because 0.1 and friends have no
# exact binary form; this slack is far below any digit a learner types.
_SLACK = 1e-9


@dataclass(frozen=True)
class Tolerance:
    """Accept x for v when |x − v| ≤ 0.5·10^(1−sig_figs)·|v|, or when |x − v| ≤ absolute.

    With 3 significant figures the relative bound is 0.5 %, which every value rounded to
    3 significant figures meets; the absolute bound keeps answers near zero gradeable.
    """

    sig_figs: int = 3
    absolute: float = 5e-4

    @property
    def relative(self) -> float:
        return 0.5 * 10.0 ** (1 - self.sig_figs)

    def accepts(self, answer: np.ndarray, expected: np.ndarray) -> np.ndarray:
        """Element-wise: which entries of `answer` are right for `expected` (broadcasting)."""
        answer = np.asarray(answer, dtype=np.float64)
        expected = np.asarray(expected, dtype=np.float64)
        with np.errstate(all="ignore"):
            error = np.abs(answer - expected)
            relative = self.relative * np.abs(expected) * (1 + _SLACK)
            return (error <= self.absolute) | (error <= relative)

    def describe(self) -> str:
        """The rule in words, for feedback and help screens."""
        return (f"correct to {self.sig_figs} significant figures "
                f"(or within {format_number(self.absolute)} of it near zero)")
