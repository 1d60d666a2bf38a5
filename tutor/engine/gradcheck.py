"""Finite differences: an independent check of every gradient the backward pass computes.

A difference quotient knows nothing of the backward pass, so agreeing with it catches a wrong rule.
`nudge` is the learner's version, (C(w + h) − C(w − h)) / 2h with every number shown;
`numerical_gradient` is the precise one the tests use.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import backprop as bp
from .network import Network


def scalar(network: Network, of: str = "cost") -> float:
    """The cost C, or (of="output") the mean of the single output L, of `network` as it stands."""
    result = bp.forward(network, bp.Stack.of(network))
    if of == "output":
        return float(result.output.mean())
    return float(bp.cost(network, result)[0])


@dataclass(frozen=True)
class Nudge:
    """One finite difference, with every number shown so a learner can redo it."""

    parameter: str
    index: tuple[int, ...]
    h: float
    plus: float  # f(w + h)
    minus: float  # f(w − h)

    @property
    def estimate(self) -> float:
        return (self.plus - self.minus) / (2 * self.h)


def nudge(network: Network, parameter: str, index: tuple[int, ...], h: float = 1e-4, of: str = "cost") -> Nudge:
    """Move one element of one parameter by ±h and recompute the cost (or the output)."""
    values = []
    for sign in (+1.0, -1.0):
        params = network.parameters()
        moved = params[parameter].copy()
        moved[index] += sign * h
        values.append(scalar(network.with_parameters({parameter: moved}), of))
    return Nudge(parameter, tuple(index), h, values[0], values[1])


def numerical_gradient(network: Network, parameter: str, h: float = 1e-3, of: str = "cost") -> np.ndarray:
    """∂C/∂parameter (or ∂L/∂parameter) by finite differences, element by element.

    The five-point stencil (−f(w+2h) + 8f(w+h) − 8f(w−h) + f(w−2h)) / 12h is exact to O(h⁴), so a
    moderate h keeps both truncation and rounding error near 1e-12: tiny gradient entries are
    checked as tightly as large ones.
    """
    shape = network.parameters()[parameter].shape
    grad = np.empty(shape, dtype=np.float64)
    for index in np.ndindex(shape):
        near, far = nudge(network, parameter, index, h, of), nudge(network, parameter, index, 2 * h, of)
        grad[index] = (8 * (near.plus - near.minus) - (far.plus - far.minus)) / (12 * h)
    return grad


def relative_error(a: np.ndarray, b: np.ndarray, floor: float = 1e-6) -> float:
    """max |a − b| / max(|a|, |b|, floor): the agreement of two gradients, insensitive to their scale."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    scale = np.maximum(np.maximum(np.abs(a), np.abs(b)), floor)
    return float(np.max(np.abs(a - b) / scale)) if a.size else 0.0
