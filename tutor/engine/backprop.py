"""Forward and backward passes, written once for a stack of networks that differ only in parameters.

Every parameter carries a leading axis R (one slice per learning rate in an experiment, R = 1 for a
single lesson), so the experiment runner trains many learning rates in one NumPy pass. Shapes:
Wˡ (R, units, previous units), bˡ (R, units), zˡ and aˡ (R, n, units), with examples as rows.

The backward pass is the chapter's: δᴸ = ∂Cₓ/∂aᴸ ⊙ σ′(zᴸ), δˡ = (δˡ⁺¹ Wˡ⁺¹) ⊙ σ′(zˡ),
∂C/∂Wˡ = (1/n) Σₓ δˡ (aˡ⁻¹)ᵀ and ∂C/∂bˡ = (1/n) Σₓ δˡ.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .activations import activation
from .network import Network


@dataclass
class Stack:
    """Parameters of R networks with one architecture: weights[l-1] is Wˡ with shape (R, units, prev)."""

    weights: list[np.ndarray]
    biases: list[np.ndarray]

    @classmethod
    def of(cls, network: Network, copies: int = 1) -> "Stack":
        return cls(
            [np.repeat(layer.weights[None], copies, axis=0) for layer in network.layers],
            [np.repeat(layer.biases[None], copies, axis=0) for layer in network.layers],
        )

    @classmethod
    def from_named(cls, params: dict[str, np.ndarray], depth: int) -> "Stack":
        return cls([params[f"W{l}"] for l in range(1, depth + 1)], [params[f"b{l}"] for l in range(1, depth + 1)])

    def named(self) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        for l, (w, b) in enumerate(zip(self.weights, self.biases), start=1):
            out[f"W{l}"], out[f"b{l}"] = w, b
        return out


@dataclass
class Pass:
    """Everything one forward pass computes: zs[l-1] = zˡ, activations[l] = aˡ (activations[0] = a⁰)."""

    zs: list[np.ndarray]
    activations: list[np.ndarray]

    @property
    def output(self) -> np.ndarray:
        return self.activations[-1]


@dataclass
class Gradients:
    """δˡ per example and the parameter gradients, for whichever scalar was differentiated."""

    deltas: list[np.ndarray]  # deltas[l-1] = δˡ, (R, n, units)
    weights: list[np.ndarray]  # ∂/∂Wˡ, (R, units, prev)
    biases: list[np.ndarray]  # ∂/∂bˡ, (R, units)

    def named(self, prefix: str = "d") -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        for l, (w, b) in enumerate(zip(self.weights, self.biases), start=1):
            out[f"{prefix}W{l}"], out[f"{prefix}b{l}"] = w, b
        return out


# --- one link of the chain each; every function broadcasts over leading axes -------------------


def pre_activation(a_previous: np.ndarray, weights: np.ndarray, biases: np.ndarray) -> np.ndarray:
    """zˡ = Wˡ aˡ⁻¹ + bˡ, written for rows of examples: z = a Wᵀ + b."""
    return a_previous @ np.swapaxes(weights, -1, -2) + biases[..., None, :]


def weight_gradient(delta: np.ndarray, a_previous: np.ndarray) -> np.ndarray:
    """∂C/∂Wˡ = (1/n) Σₓ δˡ (aˡ⁻¹)ᵀ: each weight's δ times the activation it multiplies."""
    return np.swapaxes(delta, -1, -2) @ a_previous / delta.shape[-2]


def bias_gradient(delta: np.ndarray) -> np.ndarray:
    """∂C/∂bˡ = (1/n) Σₓ δˡ, since ∂z/∂b = 1."""
    return delta.sum(axis=-2) / delta.shape[-2]


def send_back(delta: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """(Wˡ)ᵀ δˡ per example, the gradient with respect to aˡ⁻¹ (rows: δ W)."""
    return delta @ weights


def squared_error_cost(targets: np.ndarray, output: np.ndarray) -> np.ndarray:
    """C = 1/(2n) Σₓ ‖y(x) − aᴸ(x)‖² over the last two axes (examples, units)."""
    return np.sum((targets - output) ** 2, axis=(-2, -1)) / (2 * output.shape[-2])


def forward(network: Network, stack: Stack) -> Pass:
    """aˡ = σ(Wˡ aˡ⁻¹ + bˡ) for every layer, for every network of the stack at once."""
    a = network.inputs[None]  # (1, n, units): broadcasts against any R
    zs, activations = [], [a]
    for layer, w, b in zip(network.layers, stack.weights, stack.biases):
        z = pre_activation(a, w, b)
        a = activation(layer.activation).function(z)
        zs.append(z)
        activations.append(a)
    return Pass(zs, activations)


def cost(network: Network, result: Pass) -> np.ndarray:
    """C = 1/(2n) Σₓ ‖y(x) − aᴸ(x)‖², one value per network of the stack: shape (R,)."""
    return squared_error_cost(network.targets[None], result.output)


def backward(network: Network, stack: Stack, result: Pass, seed: np.ndarray) -> Gradients:
    """Send `seed` = ∂(scalar)ₓ/∂aᴸ back through the layers; parameter gradients are means over examples.

    For the cost, seed = aᴸ − y (the derivative of ½‖y − aᴸ‖²); for the output L itself, seed = 1.
    """
    layers = network.layers
    deltas: list[np.ndarray] = [np.empty(0)] * len(layers)
    grad_w: list[np.ndarray] = [np.empty(0)] * len(layers)
    grad_b: list[np.ndarray] = [np.empty(0)] * len(layers)
    upstream = seed  # ∂/∂aˡ, per example
    for index in range(len(layers) - 1, -1, -1):
        delta = upstream * activation(layers[index].activation).derivative(result.zs[index])
        a_previous = result.activations[index]
        deltas[index] = delta
        grad_w[index] = weight_gradient(delta, a_previous)
        grad_b[index] = bias_gradient(delta)
        upstream = send_back(delta, stack.weights[index])
    return Gradients(deltas, grad_w, grad_b)


def cost_gradients(network: Network, stack: Stack, result: Pass) -> Gradients:
    """δˡ = ∂Cₓ/∂zˡ and ∂C/∂Wˡ, ∂C/∂bˡ."""
    return backward(network, stack, result, result.output - network.targets[None])


def output_gradients(network: Network, stack: Stack, result: Pass) -> Gradients:
    """∂L/∂zˡ and ∂L/∂Wˡ, ∂L/∂bˡ where L is the (single) output, averaged over examples."""
    return backward(network, stack, result, np.ones_like(result.output))


def rule_gradients(network: Network, stack: Stack, result: Pass) -> Gradients:
    """The gradients the network's update rule steps along."""
    if network.update == "output-ascent":
        return output_gradients(network, stack, result)
    return cost_gradients(network, stack, result)
