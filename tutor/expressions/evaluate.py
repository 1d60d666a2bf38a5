"""Safe arithmetic: read what learners type and evaluate the formulas lessons define.

Learners answer with numbers and small expressions (`1.5*2`, `exp(-1)`, `0.1, 0.2; 0.3, 0.4`);
lesson files define quantities as formulas over named arrays (`W2 @ W1`, `dW2[0,1]`). Both are
parsed by `parser` (never Python's `eval`) and evaluated here over the tree, in
float64 NumPy with floating-point errors silenced and then checked: any inf or nan becomes an
`ExpressionError` that says in plain words what went wrong (division by zero, too large, ...).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from tutor.engine.activations import ACTIVATIONS
from .parser import (
    CONSTANTS, EMPTY, FUNCTION_NAMES, HOW_TO_WRITE, MAX_DEPTH, MAX_ENTRIES, MAX_LENGTH,
    Binary, Call, ExpressionError, Index, Name, Node, Num, Stack, Unary, parse_tree,
)

__all__ = [
    "EMPTY", "HOW_TO_WRITE", "MAX_DEPTH", "MAX_ENTRIES", "MAX_LENGTH",
    "Expression", "ExpressionError", "evaluate", "parse",
]

Values = Mapping[str, "float | np.ndarray"]


# The activations are the engine's own; dsigmoid, dtanh and drelu are their derivatives at x
# (σ′(z) = σ(z)(1 − σ(z))), as the backward pass uses them on the pre-activations z.
_FUNCTIONS = {
    "exp": np.exp, "log": np.log, "ln": np.log, "sqrt": np.sqrt, "abs": np.abs,
    "sum": np.sum, "mean": np.mean, "T": np.transpose,
    **{name: ACTIVATIONS[name].function for name in ("sigmoid", "tanh", "relu")},
    **{f"d{name}": ACTIVATIONS[name].derivative for name in ("sigmoid", "tanh", "relu")},
}
assert set(_FUNCTIONS) == FUNCTION_NAMES
_OPERATIONS = {"+": np.add, "-": np.subtract, "*": np.multiply, "/": np.divide, "^": np.power}


@dataclass(frozen=True)
class Expression:
    """A parsed expression: what it refers to, whether it is a plain typed number, its value."""

    source: str
    tree: Node = field(repr=False)
    names: frozenset[str] = frozenset()
    is_plain_number: bool = False
    figures: tuple[int, ...] | None = None  # significant figures of each typed literal, row by row

    def evaluate(self, values: Values | None = None) -> np.ndarray:
        """The value as a float64 array (0-d for a scalar); raises ExpressionError."""
        with np.errstate(all="ignore"):
            # A copy, so a caller changing the result never changes the values it passed in.
            return np.array(_evaluate(self.tree, values), dtype=np.float64)


def parse(text: str) -> Expression:
    """Read `text` into an Expression; raises ExpressionError saying how to write it."""
    tree, names = parse_tree(text)
    literals = _literal_figures(tree)
    return Expression(
        text, tree, names, literals is not None, None if literals is None else tuple(literals)
    )


def evaluate(text: str, values: Values | None = None) -> np.ndarray:
    """Parse and evaluate `text` in one go."""
    return parse(text).evaluate(values)


def _literal_figures(node: Node) -> list[int] | None:
    """Significant figures of each typed literal when the tree is only (signed) literals, else None."""
    match node:
        case Num(figures=int(figures)) | Unary(operand=Num(figures=int(figures))):
            return [figures]
        case Stack(items=items):
            found: list[int] = []
            for item in items:
                inner = _literal_figures(item)
                if inner is None:
                    return None
                found += inner
            return found
    return None


def _evaluate(node: Node, values: Values | None) -> np.ndarray:
    match node:
        case Num(value=value):
            return np.array(value, dtype=np.float64)
        case Name(name=name, pos=pos):
            return _lookup(name, pos, values)
        case Index():
            return _index(node, _lookup(node.name, node.pos, values))
        case Unary(op=op, operand=operand):
            inner = _evaluate(operand, values)
            return -inner if op == "-" else inner
        case Binary(op="@"):
            return _matmul(node, _evaluate(node.left, values), _evaluate(node.right, values))
        case Binary():
            return _arithmetic(node, _evaluate(node.left, values), _evaluate(node.right, values))
        case Call():
            return _call(node, _evaluate(node.arg, values))
        case Stack():
            return _stack(node, [_evaluate(item, values) for item in node.items])
    raise TypeError(f"not an expression node: {node!r}")


def _lookup(name: str, pos: int, values: Values | None) -> np.ndarray:
    if not values or name not in values:
        raise ExpressionError(_unknown_name(name, pos, values), pos)
    try:
        value = np.asarray(values[name], dtype=np.float64)
    except (TypeError, ValueError):
        raise ExpressionError(f"the value of {name} is not a number or an array of numbers", pos)
    if not np.all(np.isfinite(value)):
        raise ExpressionError(f"the value of {name} is not a finite number", pos)
    return value


def _unknown_name(name: str, pos: int, values: Values | None) -> str:
    where = f"unknown name '{name}' at column {pos + 1}"
    if values:
        return f"{where}; the names available are {', '.join(sorted(values))}"
    functions = ", ".join(sorted(FUNCTION_NAMES, key=str.lower))
    return (f"{where}: write a number, the constants {' and '.join(CONSTANTS)}, "
            f"or the functions {functions}. {HOW_TO_WRITE}")


def _index(node: Index, value: np.ndarray) -> np.ndarray:
    indices = node.indices
    if len(indices) == 1 and value.ndim == 2 and 1 in value.shape:
        # Lessons write z1[1] for entry 1 of a single row or column, whichever way it lies.
        value = value.reshape(-1)
    if len(indices) > value.ndim or any(i >= n for i, n in zip(indices, value.shape)):
        written = f"{node.name}[{','.join(map(str, indices))}]"
        raise ExpressionError(
            f"{written} is out of range: {node.name} is {_describe(value)}, "
            f"and indices count from 0 (column {node.pos + 1})", node.pos)
    return np.asarray(value[indices], dtype=np.float64)


def _describe(value: np.ndarray) -> str:
    if value.ndim == 0:
        return "a single number"
    if value.ndim == 1:
        return f"a vector of {value.shape[0]} number{'s' * (value.shape[0] != 1)}"
    return f"a {'×'.join(map(str, value.shape))} matrix"


def _arithmetic(node: Binary, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    where = f"the '{node.op}' at column {node.pos + 1}"
    try:
        np.broadcast_shapes(left.shape, right.shape)
    except ValueError:
        raise ExpressionError(
            f"cannot combine {_describe(left)} and {_describe(right)} with {where}: "
            "the shapes must match", node.pos)
    result = _OPERATIONS[node.op](left, right)
    if not np.all(np.isfinite(result)):
        raise ExpressionError(f"{_why_not_finite(node.op, left, right)} ({where})", node.pos)
    return result


def _why_not_finite(op: str, left: np.ndarray, right: np.ndarray) -> str:
    if op == "/" and np.any(right == 0):
        return "division by zero"
    if op == "^" and np.any((left == 0) & (right < 0)):
        return "0 cannot be raised to a negative power (that divides by zero)"
    if op == "^" and np.any((left < 0) & (right != np.round(right))):
        return "a negative number cannot be raised to a fractional power"
    return "the result is too large"


def _matmul(node: Binary, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    where = f"'@' (column {node.pos + 1})"
    if left.ndim == 0 or right.ndim == 0:
        raise ExpressionError(f"{where} multiplies vectors and matrices; for numbers use *", node.pos)
    try:
        result = np.matmul(left, right)
    except ValueError:
        rows = right.shape[-2] if right.ndim > 1 else right.shape[0]
        raise ExpressionError(
            f"cannot multiply {_describe(left)} by {_describe(right)} with {where}: the left needs "
            f"as many columns ({left.shape[-1]}) as the right has rows ({rows})", node.pos)
    if not np.all(np.isfinite(result)):
        raise ExpressionError(f"the result is too large ({where})", node.pos)
    return result


def _call(node: Call, argument: np.ndarray) -> np.ndarray:
    result = np.asarray(_FUNCTIONS[node.func](argument), dtype=np.float64)
    if np.all(np.isfinite(result)):
        return result
    if node.func in ("log", "ln") and np.any(argument <= 0):
        why = "log needs a number greater than 0"
    elif node.func == "sqrt" and np.any(argument < 0):
        why = "sqrt needs a number that is not negative"
    else:
        why = "the result is too large"
    raise ExpressionError(f"{why} ({node.func}(...) at column {node.pos + 1})", node.pos)


def _stack(node: Stack, items: list[np.ndarray]) -> np.ndarray:
    if len({item.shape for item in items}) > 1:
        shapes = " and ".join(dict.fromkeys(_describe(item) for item in items))
        raise ExpressionError(
            f"each row needs the same number of entries; the list at column {node.pos + 1} "
            f"mixes {shapes}", node.pos)
    return np.stack(items)
