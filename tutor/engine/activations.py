"""Activation functions σ and their derivatives σ′, each next to the other.

Every function takes and returns float64 arrays element-wise, except softmax, which turns a whole
row of z into probabilities (every output depends on every z, so its derivative is a Jacobian, not
one number per unit). relu′(0) is 0 by convention (the chapter's footnote: a subgradient is chosen
where the function has a kink).
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


def _softmax(z: Array) -> Array:
    # e^(z − max) ≤ 1 never overflows, and dividing by the sum cancels the shift.
    z = np.asarray(z, dtype=np.float64)
    powers = np.exp(z - z.max(axis=-1, keepdims=True))
    return powers / powers.sum(axis=-1, keepdims=True)


def _softmax_diagonal(z: Array) -> Array:
    # Only ∂aⱼ/∂zⱼ = aⱼ(1 − aⱼ), the Jacobian's diagonal: what an element-wise "softmax′" would be.
    a = _softmax(z)
    return a * (1.0 - a)


def _softmax_backward(upstream: Array, z: Array) -> Array:
    # Jᵀg with ∂aᵢ/∂zⱼ = aᵢ([i = j] − aⱼ): Σᵢ gᵢ aᵢ([i = j] − aⱼ) = aⱼ (gⱼ − Σᵢ gᵢ aᵢ).
    a = _softmax(z)
    return a * (upstream - np.sum(upstream * a, axis=-1, keepdims=True))


def _relu(z: Array) -> Array:
    return np.where(z > 0, z, 0.0)


def _relu_prime(z: Array) -> Array:
    return np.where(z > 0, 1.0, 0.0)


@dataclass(frozen=True)
class Activation:
    """One activation: its name, σ and σ′, and how a learner writes them.

    `derivative_from_output` writes σ′(z) from the unit's own values, with `{a}` and `{z}` standing
    for their symbols: a(1 − a) for the sigmoid, 1 − a² for tanh. `jacobian_product`, for an
    activation whose outputs each depend on every z (softmax), carries a gradient from a to z
    through the whole Jacobian; `derivative` is then only its diagonal.
    """

    name: str
    function: Callable[[Array], Array]
    derivative: Callable[[Array], Array]
    symbol: str  # σ, tanh, relu; empty for the identity, which is written as nothing
    derivative_from_output: str
    jacobian_product: Callable[[Array, Array], Array] | None = None

    @property
    def elementwise(self) -> bool:
        return self.jacobian_product is None

    def backward(self, upstream: Array, z: Array) -> Array:
        """∂/∂z from ∂/∂a = `upstream`: upstream ⊙ σ′(z), or through the Jacobian (softmax)."""
        if self.jacobian_product is not None:
            return self.jacobian_product(upstream, z)
        return upstream * self.derivative(z)

    def apply(self, z: str) -> str:
        """σ(z₁), tanh(z₁), or z₁ itself for the identity."""
        return f"{self.symbol}({z})" if self.symbol else z

    def prime(self, z: str) -> str:
        """σ′(z₁), tanh′(z₁), relu′(z₁); 1 for the identity."""
        return f"{self.symbol}′({z})" if self.symbol else "1"

    def derivative_rule(self, a: str = "a", z: str = "z") -> str:
        """σ′(z₁) = a₁(1 − a₁), in the lesson's symbols."""
        return f"{self.prime(z)} = {self.derivative_from_output.format(a=a, z=z)}" if self.symbol else "1"


ACTIVATIONS: dict[str, Activation] = {
    "identity": Activation(
        "identity",
        lambda z: np.asarray(z, dtype=np.float64).copy(),
        lambda z: np.ones_like(z, dtype=np.float64),
        "",
        "1",
    ),
    "sigmoid": Activation("sigmoid", _sigmoid, _sigmoid_prime, "σ", "{a}(1 − {a})"),
    "tanh": Activation(
        "tanh",
        lambda z: np.tanh(np.asarray(z, dtype=np.float64)),
        _tanh_prime,
        "tanh",
        "1 − {a}²",
    ),
    "relu": Activation("relu", _relu, _relu_prime, "relu", "1 where {z} > 0, else 0 (0 at the kink too)"),
    # Output layer only, with the cross-entropy cost (engine.network says so).
    "softmax": Activation("softmax", _softmax, _softmax_diagonal, "softmax", "{a}ᵢ([i = j] − {a}ⱼ)", _softmax_backward),
}
ELEMENTWISE = tuple(name for name, act in ACTIVATIONS.items() if act.elementwise)


def activation(name: str) -> Activation:
    """The activation called `name`; KeyError lists the known names."""
    try:
        return ACTIVATIONS[name]
    except KeyError:
        raise KeyError(f"unknown activation {name!r}; expected one of {', '.join(ACTIVATIONS)}") from None
