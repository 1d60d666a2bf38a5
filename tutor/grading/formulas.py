"""The classic slips on a formula a lesson defines itself: a term left out, a sign or a product turned.

A lesson's derived quantity (`[derived.NAME]`, e.g. `W2 @ W1` or `W1_new - learning_rate * W1_new`)
has no rule in the engine, so its mistakes are found on its parsed formula: each is the same tree
with one thing changed, evaluated on the same values, and told in the lesson's symbols. When
leaving out a term leaves only a name, in the update phase, that name is the value before the step.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Iterator, Mapping

import numpy as np

from tutor.engine.notation import signed
from tutor.engine.rules import Mistake
from tutor.expressions import Expression, ExpressionError
from tutor.expressions.parser import Binary, Call, Index, Name, Node, Unary
from tutor.expressions.writing import SHOWN as _SHOWN, write



def formula_mistakes(expression: Expression, values: Mapping[str, np.ndarray], symbol: Callable[[str], str],
                     update: bool) -> Iterator[Mistake]:
    """Each one-change variant of `expression` that can be evaluated, as a mistake with its message.

    `symbol` writes a name as the lesson does; `update` says the quantity is a step of an update.
    """
    written = lambda node: write(node, lambda leaf: _symbol_of(leaf, symbol))
    whole = written(expression.tree)

    def step_size(node: Node, op: str) -> str:
        """' = −0.5': the value of the step a term makes, when it is one number."""
        try:
            value = replace(expression, tree=node).evaluate(values)
        except ExpressionError:
            return ""
        return f" = {signed(float((-value if op == '-' else value).reshape(-1)[0]))}" if value.size == 1 else ""

    for changed, code, message in _variants(expression.tree, written, whole, update, step_size):
        try:
            value = replace(expression, tree=changed).evaluate(values)
        except ExpressionError:
            continue
        yield Mistake(code, message, value)


def _variants(tree: Node, written, whole: str, update: bool, step_size) -> Iterator[tuple[Node, str, str]]:
    """(changed tree, code, message) for every place in `tree` one slip can happen."""
    for node, rebuild in _places(tree):
        if not isinstance(node, Binary):
            continue
        left, right, op = node.left, node.right, node.op
        if op in "+-":
            if update and isinstance(left, (Name, Index)):
                yield (rebuild(left), "value-before-update",
                       f"That is {written(left)}, the value before this step: the step adds "
                       f"{_SHOWN[op]}{written(right)}{step_size(right, op)}.")
            else:
                yield rebuild(left), "term-left-out", f"The term {_SHOWN[op]} {written(right)} is left out: {whole}."
            kept = right if op == "+" else Unary("-", right, node.pos)
            yield rebuild(kept), "term-left-out", f"The term {written(left)} is left out: {whole}."
            flipped = "-" if op == "+" else "+"
            yield (rebuild(Binary(flipped, left, right, node.pos)), "sign-flipped",
                   f"{'Added' if flipped == '+' else 'Subtracted'} where the formula "
                   f"{'subtracts' if op == '-' else 'adds'}: {whole}.")
        elif op == "*":
            yield rebuild(left), "factor-left-out", f"The factor {written(right)} is left out: {whole}."
            yield rebuild(right), "factor-left-out", f"The factor {written(left)} is left out: {whole}."
        elif op == "@":
            yield (rebuild(Binary("@", right, left, node.pos)), "product-order",
                   f"That is {written(right)}{written(left)}: the order of a matrix product matters. "
                   f"{written(left)}{written(right)} applies {written(right)} first, then {written(left)}.")


def _places(node: Node, rebuild=lambda new: new) -> Iterator[tuple[Node, Callable[[Node], Node]]]:
    """Every node of the tree, with a function that puts a replacement for it back into the whole tree."""
    yield node, rebuild
    match node:
        case Binary(left=left, right=right):
            yield from _places(left, lambda new, node=node: rebuild(node._replace(left=new)))
            yield from _places(right, lambda new, node=node: rebuild(node._replace(right=new)))
        case Unary(operand=operand):
            yield from _places(operand, lambda new, node=node: rebuild(node._replace(operand=new)))
        case Call(arg=arg):
            yield from _places(arg, lambda new, node=node: rebuild(node._replace(arg=new)))


def _symbol_of(leaf: Name | Index, symbol: Callable[[str], str]) -> str:
    if isinstance(leaf, Index):
        return f"{symbol(leaf.name)}[{','.join(map(str, leaf.indices))}]"
    return symbol(leaf.name)
