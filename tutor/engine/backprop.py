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


@dataclass(eq=False)  # eq=False: arrays have no single truth value to compare by
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


@dataclass(eq=False)  # eq=False: arrays have no single truth value to compare by
class Pass:
    """Everything one forward pass computes: zs[l-1] = zˡ, activations[l] = aˡ (activations[0] = a⁰)."""

    zs: list[np.ndarray]
    activations: list[np.ndarray]

    @property
    def output(self) -> np.ndarray:
        return self.activations[-1]


@dataclass(eq=False)  # eq=False: arrays have no single truth value to compare by
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
# The quantity rules (engine.rules) call these one at a time on a learner's own values, and call
# them again with one argument changed to build a mistake; `forward` and `backward` below run the
# whole chain with them for training. No formula of the chain is written anywhere else.


def pre_activation(a_previous: np.ndarray, weights: np.ndarray, biases: np.ndarray) -> np.ndarray:
    """zˡ = Wˡ aˡ⁻¹ + bˡ, written for rows of examples: z = a Wᵀ + b."""
    return a_previous @ np.swapaxes(weights, -1, -2) + biases[..., None, :]


def activate(z: np.ndarray, activation_name: str) -> np.ndarray:
    """aˡ = σ(zˡ), element by element."""
    return activation(activation_name).function(z)


def through_activation(upstream: np.ndarray, z: np.ndarray, activation_name: str) -> np.ndarray:
    """δˡ = ∂/∂aˡ ⊙ σ′(zˡ): the gradient at a unit's output carried to its weighted input."""
    return upstream * activation(activation_name).derivative(z)


def send_back(delta: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """(Wˡ)ᵀ δˡ per example, the gradient with respect to aˡ⁻¹ (rows: δ W)."""
    return delta @ weights


def weight_gradient(delta: np.ndarray, a_previous: np.ndarray) -> np.ndarray:
    """∂C/∂Wˡ = (1/n) Σₓ δˡ (aˡ⁻¹)ᵀ: each weight's δ times the activation it multiplies."""
    return np.swapaxes(delta, -1, -2) @ a_previous / delta.shape[-2]


def bias_gradient(delta: np.ndarray) -> np.ndarray:
    """∂C/∂bˡ = (1/n) Σₓ δˡ, since ∂z/∂b = 1."""
    return delta.sum(axis=-2) / delta.shape[-2]


def squared_error_cost(targets: np.ndarray, output: np.ndarray) -> np.ndarray:
    """C = 1/(2n) Σₓ ‖y(x) − aᴸ(x)‖² over the last two axes (examples, units)."""
    return np.sum((targets - output) ** 2, axis=(-2, -1)) / (2 * output.shape[-2])


def cost_seed(targets: np.ndarray, output: np.ndarray) -> np.ndarray:
    """∂Cₓ/∂aᴸ = −(y − aᴸ) = aᴸ − y per example: the derivative of ½‖y − aᴸ‖² (the ½ cancels the 2)."""
    return output - targets


def output_seed(output: np.ndarray) -> np.ndarray:
    """∂L/∂aᴸ = 1 when the scalar sent back is the output L itself."""
    return np.ones_like(output)


def gradient_step(parameter: np.ndarray, gradient: np.ndarray, learning_rate) -> np.ndarray:
    """p ← p − η g: one step against `gradient` (ascent on L is this step on −∂L/∂p)."""
    return parameter - learning_rate * gradient


def forward_layers(a0: np.ndarray, weights, biases, activations) -> Pass:
    """aˡ = σ(Wˡ aˡ⁻¹ + bˡ), layer after layer, from a⁰ = `a0`."""
    a = a0
    zs, outputs = [], [a]
    for w, b, name in zip(weights, biases, activations):
        z = pre_activation(a, w, b)
        a = activate(z, name)
        zs.append(z)
        outputs.append(a)
    return Pass(zs, outputs)


def forward(network: Network, stack: Stack) -> Pass:
    """The forward pass of every network of the stack at once."""
    names = [layer.activation for layer in network.layers]
    return forward_layers(network.inputs[None], stack.weights, stack.biases, names)  # (1, n, units) broadcasts


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
        delta = through_activation(upstream, result.zs[index], layers[index].activation)
        deltas[index] = delta
        grad_w[index] = weight_gradient(delta, result.activations[index])
        grad_b[index] = bias_gradient(delta)
        upstream = send_back(delta, stack.weights[index])
    return Gradients(deltas, grad_w, grad_b)


def cost_gradients(network: Network, stack: Stack, result: Pass) -> Gradients:
    """δˡ = ∂Cₓ/∂zˡ and ∂C/∂Wˡ, ∂C/∂bˡ."""
    return backward(network, stack, result, cost_seed(network.targets[None], result.output))


def output_gradients(network: Network, stack: Stack, result: Pass) -> Gradients:
    """∂L/∂zˡ and ∂L/∂Wˡ, ∂L/∂bˡ where L is the (single) output, averaged over examples."""
    return backward(network, stack, result, output_seed(result.output))


def rule_gradients(network: Network, stack: Stack, result: Pass) -> Gradients:
    """The gradients the network's update rule steps along."""
    if network.update == "output-ascent":
        return output_gradients(network, stack, result)
    return cost_gradients(network, stack, result)
