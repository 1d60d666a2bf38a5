"""Activation functions σ and their derivatives σ′, each next to the other.

Every function takes and returns float64 arrays element-wise. relu′(0) is 0 by convention
(the chapter's footnote: a subgradient is chosen where the function has a kink).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

Array = np.ndarray


def _sigmoid(z: Array) -> Array:
    # exp(−|z|) ≤ 1 never overflows; each sign then gets the form that loses no precision.
    z = np.asarray(z, dtype=np.float64)
    small = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + small), small / (1.0 + small))


def _sigmoid_prime(z: Array) -> Array:
    s = _sigmoid(z)
    return s * (1.0 - s)


def _tanh_prime(z: Array) -> Array:
    return 1.0 - np.tanh(z) ** 2


def _relu(z: Array) -> Array:
    return np.where(z > 0, z, 0.0)


def _relu_prime(z: Array) -> Array:
    return np.where(z > 0, 1.0, 0.0)


@dataclass(frozen=True)
class Activation:
    """One activation: its name, σ, σ′ and how a learner writes them."""

    name: str
    function: Callable[[Array], Array]
    derivative: Callable[[Array], Array]
    symbol: str  # σ, tanh, relu, or the identity written as nothing
    derivative_rule: str  # how σ′ is computed, in words a learner can follow


ACTIVATIONS: dict[str, Activation] = {
    "identity": Activation(
        "identity",
        lambda z: np.asarray(z, dtype=np.float64).copy(),
        lambda z: np.ones_like(z, dtype=np.float64),
        "id",
        "the identity's derivative is 1",
    ),
    "sigmoid": Activation(
        "sigmoid", _sigmoid, _sigmoid_prime, "σ", "σ′(z) = σ(z)(1 − σ(z))"
    ),
    "tanh": Activation(
        "tanh",
        lambda z: np.tanh(np.asarray(z, dtype=np.float64)),
        _tanh_prime,
        "tanh",
        "tanh′(z) = 1 − tanh²(z)",
    ),
    "relu": Activation(
        "relu", _relu, _relu_prime, "relu", "relu′(z) = 1 if z > 0, else 0 (also at z = 0)"
    ),
}


def activation(name: str) -> Activation:
    """The activation called `name`; KeyError lists the known names."""
    try:
        return ACTIVATIONS[name]
    except KeyError:
        raise KeyError(f"unknown activation {name!r}; expected one of {', '.join(ACTIVATIONS)}") from None
