"""The shape of a quantity as the chapter writes it, and how a shape is written (2×3).

The engine keeps examples as rows: a per-example quantity of a layer with k units is stored
(n, k). The chapter writes one example's vectors as columns, so with one example z, a, δ, ∂C/∂a,
x and y are k-vectors (k×1); with a batch they are n×k matrices, one row per example. Weights and
their gradients are (units of the layer, units of the layer before); biases and their gradients
are k-vectors; the cost is a single number.

Shapes are compared in canonical form, trailing 1s dropped: a k×1 column is the k-vector (k,), a
single number is (), and a 1×k row stays (1, k).
"""

from __future__ import annotations

import math
import re

from .quantities import Solution

PER_LAYER = re.compile(r"^(W|dW|dL_dW|b|db|dL_db|z|a|delta|dL_dz|da|dL_da)(\d+)(_new)?$")


def canonical(shape: tuple[int, ...]) -> tuple[int, ...]:
    """`shape` without trailing 1s: (2, 1) → (2,), (1, 1) → (), (1, 3) stays."""
    shape = tuple(int(n) for n in shape)
    while shape and shape[-1] == 1:
        shape = shape[:-1]
    return shape


def as_matrix(shape: tuple[int, ...]) -> tuple[int, ...]:
    """A shape as rows × columns: () → (1, 1), (k,) → (k, 1); three or more axes stay as they are."""
    shape = canonical(shape)
    return shape + (1,) * (2 - len(shape)) if len(shape) < 2 else shape


def written(shape: tuple[int, ...]) -> str:
    """'2×3'; a vector is a column, '2×1'; a single number '1×1'."""
    return "×".join(str(n) for n in as_matrix(shape))


def entries(shape: tuple[int, ...]) -> int:
    return math.prod(canonical(shape))


def shape_of(solution: Solution, name: str) -> tuple[int, ...]:
    """The canonical shape of quantity `name`: one example's vectors are columns, a batch's rows are examples."""
    quantity = solution[name]
    shape = quantity.value.shape
    examples = solution.network.examples
    if (quantity.per_example or name == "y") and len(shape) == 2 and examples == 1:
        shape = shape[1:]
    return canonical(shape)


def layout(solution: Solution, name: str) -> str:
    """What the rows and columns of quantity `name` are, in words ("" for a lesson's own quantity)."""
    network = solution.network
    batch = network.examples > 1

    def of(layer: int) -> str:
        return "input" if layer == 0 else f"unit of layer {layer}"

    if name in ("loss", "loss_new"):
        return "a single number"
    if name in ("a0", "y"):
        what = "input" if name == "a0" else "output unit"
        return f"one row per example and one column per {what}" if batch else f"one entry per {what}"
    match = PER_LAYER.match(name)
    if match is None:
        return ""
    kind, layer = match.group(1), int(match.group(2))
    if kind.endswith("W"):
        return f"one row per {of(layer)} and one column per {of(layer - 1)}"
    if kind.endswith("b"):
        return f"one entry per {of(layer)}"
    if batch:
        return f"one row per example and one column per {of(layer)}"
    return f"one entry per {of(layer)}"


def transposed_symbol(solution: Solution, name: str) -> str:
    """How Xᵀ is written: a weight gradient has its weights' shape, so ∂C/∂W₂ transposed is W₂ᵀ's shape."""
    match = PER_LAYER.match(name)
    if match is not None and match.group(1).endswith("W"):
        return f"{solution.symbols(f'W{match.group(2)}')}ᵀ"
    symbol = solution[name].symbol
    return f"({symbol})ᵀ" if "/" in symbol or " " in symbol else f"{symbol}ᵀ"


def shape_hints(solution: Solution, name: str) -> list[str]:
    """Hints for a shape step, as for a value: the rule (rows and columns in words), the formula, and
    the shapes of what it is made from (one example's; a batch's rows would not fit its formula)."""
    quantity = solution[name]
    hints = []
    words = layout(solution, name)
    if words:
        hints.append(f"{quantity.symbol} has {words}.")
    if solution.network.examples > 1 and (quantity.per_example or name == "y"):
        hints.append("With several examples, rows are examples: each row is one example's value.")
    elif quantity.formula and quantity.formula != "given":
        hints.append(f"Follow the shapes through its formula, {quantity.formula}.")
    if solution.network.examples == 1:
        shapes = [f"{solution[other].symbol} is {written(shape_of(solution, other))}"
                  for other in dict.fromkeys(quantity.inputs) if other in solution]
        if shapes:
            hints.append(", ".join(shapes) + ".")
    return hints or [f"Look at how {quantity.symbol} is computed and follow the shapes."]
