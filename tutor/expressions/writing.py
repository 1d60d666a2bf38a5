"""A parsed formula written back as a learner reads it: × for *, − for -, ² for ^2, W₂ W₁ for W2 @ W1.

`write(tree, leaf)` decides the operators and the parentheses; `leaf` writes each name or indexed
name (`W1[0,1]`), as the lesson's symbol or as its value, so the same function gives a lesson's
formula in symbols and the same formula with the numbers put in.
"""

from __future__ import annotations

import re
from typing import Callable

from tutor.engine.formatting import format_number

from .parser import Binary, Call, Index, Name, Node, Num, Stack, Unary

PRECEDENCE = {"+": 1, "-": 1, "*": 2, "/": 2, "@": 2, "^": 3}
SHOWN = {"+": "+", "-": "−", "*": "×", "/": "/", "@": "", "^": "^"}
_SUPERSCRIPT = {2: "²", 3: "³", 4: "⁴"}
_SINGLE = re.compile(r"[^\s/]+")  # a symbol that needs no parentheses before an exponent: w₁, δ₂, x[0]
# Functions as the chapter writes them (`T` and `abs` have forms of their own: Wᵀ, |x|).
FUNCTIONS = {"sigmoid": "σ", "dsigmoid": "σ′", "dtanh": "tanh′", "drelu": "relu′", "sum": "Σ", "sqrt": "√"}


def write(node: Node, leaf: Callable[[Name | Index], str], parent: int = 0) -> str:
    """The formula under `node`, parenthesised only where the order of operations needs it."""
    match node:
        case Num(value=value):
            return format_number(value).replace("-", "−")
        case Name() | Index():
            return leaf(node)
        case Unary(op=op, operand=operand):
            return f"{SHOWN.get(op, op)}{write(operand, leaf, 3)}"
        case Call(func="T", arg=arg):  # W.T
            return f"{write(arg, leaf, 4)}ᵀ"
        case Call(func="abs", arg=arg):
            return f"|{write(arg, leaf)}|"
        case Call(func=func, arg=arg):
            return f"{FUNCTIONS.get(func, func)}({write(arg, leaf)})"
        case Stack(items=items):
            return "[" + ", ".join(write(item, leaf) for item in items) + "]"
        case Binary(op=op, left=left, right=right):
            level = PRECEDENCE[op]
            if op == "^" and isinstance(right, Num) and right.value in _SUPERSCRIPT:
                base = write(left, leaf, 4)
                if isinstance(left, (Name, Index)) and not _SINGLE.fullmatch(base):
                    base = f"({base})"  # (∂C/∂w₁)², not ∂C/∂w₁²
                return f"{base}{_SUPERSCRIPT[right.value]}"
            joined = f" {SHOWN[op]} " if SHOWN[op] else " "
            text = write(left, leaf, level) + joined + write(right, leaf, level + 1)
            return f"({text})" if level < parent else text
    raise TypeError(f"not an expression node: {node!r}")
