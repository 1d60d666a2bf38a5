"""When a typed number counts as right: it agrees with the engine to the lesson's significant figures.

One rule at every scale. For an entry v that is not zero, x is right when |x − v| ≤ ½·10^(1−s)·|v|
(s significant figures: 0.5 % for s = 3), so 0 is never right for a non-zero value, however small.
Relative agreement means nothing for an entry that is zero, so there the bound is taken relative to
the quantity's `scale` instead: the largest magnitude among its entries, or among the values it is
computed from when every entry is zero (`check.scale_of` finds it).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tutor.engine.formatting import format_number

# Values sitting exactly on a rounding boundary must not fail because 0.1 and friends have no
# exact binary form; this slack is far below any digit a learner types.
_SLACK = 1e-9
# An entry this small against the quantity's scale is a zero that float arithmetic left behind.
NOISE = 1e-9


@dataclass(frozen=True)
class Tolerance:
    """Accept x for v when |x − v| ≤ relative·|v|, or, where v is zero, when |x| ≤ relative·scale."""

    sig_figs: int = 3

    @property
    def relative(self) -> float:
        return 0.5 * 10.0 ** (1 - self.sig_figs)

    def accepts(self, answer: np.ndarray, expected: np.ndarray, scale: float | None = None) -> np.ndarray:
        """Element-wise: which entries of `answer` are right for `expected` (broadcasting).

        `scale` is the size of the quantity the entries belong to (default: the largest finite
        magnitude in `expected`); it only matters for entries that are zero.
        """
        answer = np.asarray(answer, dtype=np.float64)
        expected = np.asarray(expected, dtype=np.float64)
        if scale is None:
            scale = largest(expected)
        with np.errstate(all="ignore"):
            size = np.abs(expected)
            zero = size <= NOISE * scale
            bound = np.where(zero, self.relative * scale, self.relative * size) * (1 + _SLACK)
            return np.abs(answer - expected) <= bound

    def describe(self) -> str:
        """The rule in words, for the first question of a lesson and the help screen."""
        percent = format_number(100 * self.relative)
        return (f"it matches the engine's value to {self.sig_figs} significant figures (within {percent} %, "
                f"however small the value; an entry that is exactly 0 within {percent} % of its quantity's size)")


def largest(values: np.ndarray) -> float:
    """The largest finite magnitude in `values` (0 when there is none)."""
    values = np.abs(np.asarray(values, dtype=np.float64))
    values = values[np.isfinite(values)]
    return float(values.max()) if values.size else 0.0
