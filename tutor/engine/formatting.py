"""Numbers as a learner reads them: compact, up to four significant figures, no trailing zeros."""

from __future__ import annotations

from typing import Callable

import numpy as np


def format_number(x: float, sig: int = 4) -> str:
    """0.622459 → '0.6225', 2.0 → '2', -0.0 → '0', 1.5e-07 → '1.5e-07'."""
    x = float(x)
    if not np.isfinite(x):
        return str(x)
    if x == 0:
        return "0"
    if 1e-4 <= abs(x) < 1e6:
        text = f"{x:.{sig}g}"
        if "e" in text:  # %g chose exponent form for a number we want plain
            text = f"{x:.{max(sig - 1 - int(np.floor(np.log10(abs(x)))), 0)}f}"
        return text.rstrip("0").rstrip(".") if "." in text else text
    mantissa, exponent = f"{x:.{sig - 1}e}".split("e")
    mantissa = mantissa.rstrip("0").rstrip(".") if "." in mantissa else mantissa
    return f"{mantissa}e{int(exponent):+03d}"


def format_value(value, number: Callable[[float], str] = format_number) -> str:
    """A scalar as a number; a vector as '0.1, 0.2'; a matrix as '1, 2; 3, 4'. `number` writes each entry."""
    array = np.asarray(value, dtype=np.float64)
    if array.size == 1:
        return number(array.reshape(-1)[0])
    if array.ndim <= 1 or min(array.shape) == 1 and array.ndim == 2 and array.shape[0] == 1:
        return ", ".join(number(v) for v in array.reshape(-1))
    return "; ".join(", ".join(number(v) for v in row) for row in array.reshape(array.shape[0], -1))
