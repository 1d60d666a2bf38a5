"""How a lesson writes its quantities: the chapter's symbols, a lesson's own names, numbers in formulas.

The chapter writes z₁, a₁, w₂ (W₂ for a matrix), C, y, η and δ₂. A lesson may rename any quantity,
and the learning rate, in its `symbols` table: the worked example calls the output L, the cost E,
the target L_target and the learning rate α. Every formula, hint and mistake message is written
through a `Symbols`, so each lesson speaks its own notation everywhere.
"""

from __future__ import annotations

from typing import Mapping

import numpy as np

from .formatting import format_number, format_value
from .network import Network

SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
LEARNING_RATE = "learning_rate"  # the name under which a lesson renames η


class Symbols:
    """z₁, a₀ = x, w₂ for a single weight, W₂ for a matrix, C, y, η; a lesson's overrides win."""

    def __init__(self, network: Network, overrides: Mapping[str, str] | None = None):
        self.network = network
        self.overrides = dict(overrides or {})

    def __call__(self, name: str) -> str:
        if name in self.overrides:
            return self.overrides[name]
        fixed = {"loss": "C", "y": "y", "a0": "x", LEARNING_RATE: "η", "n": "n"}
        if name in fixed:
            return fixed[name]
        if name.endswith("_new"):
            return f"{self(name[:-4])} (new)"
        base = name.rstrip("0123456789")
        layer = name[len(base):]
        if base == "delta":
            return f"δ{layer.translate(SUBSCRIPTS)}"
        if base in ("dW", "db", "da"):
            return self.gradient(self.cost, base[1:] + layer)
        if base in ("dL_dz", "dL_da", "dL_dW", "dL_db"):
            return self.gradient(self.output, base[4:] + layer)
        if base == "W" and self.network.layers[int(layer) - 1].weights.size == 1:
            base = "w"
        return base + layer.translate(SUBSCRIPTS)

    @property
    def cost(self) -> str:
        return self("loss")

    @property
    def learning_rate(self) -> str:
        return self(LEARNING_RATE)

    @property
    def output(self) -> str:
        return self(f"a{self.network.depth}")

    @property
    def target(self) -> str:
        return self("y")

    def gradient(self, of: str, name: str) -> str:
        """∂C/∂w₂: how `of` (a symbol) changes with quantity `name`."""
        return f"∂{of}/∂{self(name)}"

    def cost_formula(self, cost: str = "", output: str = "") -> str:
        """The lesson's cost: ½(y − a)² for one number, 1/(2n) Σₓ ‖y − a‖² otherwise; the
        cross-entropy −Σⱼ yⱼ ln aⱼ (written y · ln a), averaged over the examples when there are several."""
        cost, output, target = cost or self.cost, output or self.output, self.target
        if self.network.loss == "cross-entropy":
            mean = "" if self.network.examples == 1 else "(1/n) Σₓ "
            return f"{cost} = −{mean}{target} · ln {output}"
        if self.network.examples == 1 and self.network.targets.size == 1:
            return f"{cost} = ½({target} − {output})²"
        if self.network.examples == 1:
            return f"{cost} = ½ ‖{target} − {output}‖²"
        return f"{cost} = 1/(2n) Σₓ ‖{target} − {output}‖²"


def show(value: np.ndarray, paren: bool = False) -> str:
    """A value inside a formula: a plain number when it is one, else in brackets.

    With `paren`, a negative number is put in parentheses, as it must be after × or −.
    """
    value = np.asarray(value)
    if value.size != 1:
        return f"[{format_value(value)}]"
    text = format_number(float(value.reshape(-1)[0]))
    return f"({text})" if paren and text.startswith("-") else text


def signed(value: float) -> str:
    """A number with its sign always written: +0.029, −1.5."""
    text = format_number(value)
    return text.replace("-", "−") if text.startswith("-") else f"+{text}"


def equation(*sides: str) -> str:
    """'a = b = c', leaving out a side that repeats the one before (a = z = 2, not a = z = 2 = 2)."""
    kept: list[str] = []
    for side in sides:
        if side and (not kept or side != kept[-1].rsplit(" = ", 1)[-1]):
            kept.append(side)
    return " = ".join(kept)


def first(value: np.ndarray) -> np.ndarray:
    """The first example's row of a per-example quantity."""
    return np.asarray(value)[0]
