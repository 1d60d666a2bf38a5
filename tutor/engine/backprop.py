"""Forward and backward passes, written once for a stack of networks that differ only in parameters.

Every parameter carries a leading axis R (one slice per learning rate in an experiment, R = 1 for a
single lesson), so the experiment runner trains many learning rates in one NumPy pass. Shapes:
Wˡ (R, units, previous units), bˡ (R, units), zˡ and aˡ (R, n, units), with examples as rows.

The backward pass is the chapter's: δᴸ = ∂Cₓ/∂aᴸ ⊙ σ′(zᴸ), δˡ = (δˡ⁺¹ Wˡ⁺¹) ⊙ σ′(zˡ),
∂C/∂Wˡ = (1/n) Σₓ δˡ (aˡ⁻¹)ᵀ and ∂C/∂bˡ = (1/n) Σₓ δˡ. With a softmax output and the
cross-entropy cost, δᴸ = aᴸ − y: the softmax's Jacobian times ∂Cₓ/∂aᴸ = −y/a collapses to it.
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
    """δˡ = ∂/∂aˡ ⊙ σ′(zˡ): the gradient at a unit's output carried to its weighted input.

    Softmax mixes the units, so there the gradient goes through its Jacobian instead of ⊙ σ′.
    """
    return activation(activation_name).backward(upstream, z)


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


def log_softmax(z: np.ndarray) -> np.ndarray:
    """ln softmax(z)ⱼ = zⱼ − ln Σₖ e^zₖ, by log-sum-exp shifted by the largest z: finite for any z."""
    shifted = z - z.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def log_output(output: np.ndarray, z: np.ndarray | None = None) -> np.ndarray:
    """ln aᴸ of a softmax output: the log of a as given (a learner's rounded a, followed through),
    and, where a underflowed to 0, the log-sum-exp of z (so a tiny probability is never ln 0 = −∞)."""
    output = np.asarray(output, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        logs = np.log(output)
    return logs if z is None else np.where(output > 0, logs, log_softmax(np.asarray(z, dtype=np.float64)))


def cross_entropy_cost(targets: np.ndarray, log_outputs: np.ndarray) -> np.ndarray:
    """C = −(1/n) Σₓ Σⱼ yⱼ ln aⱼ over the last two axes, from ln a; a unit whose target is 0 adds 0."""
    terms = np.where(targets == 0, 0.0, targets * log_outputs)
    return -np.sum(terms, axis=(-2, -1)) / log_outputs.shape[-2]


def cross_entropy_seed(targets: np.ndarray, output: np.ndarray) -> np.ndarray:
    """∂Cₓ/∂aᴸ = −y/a per example, the derivative of −Σⱼ yⱼ ln aⱼ (the softmax then carries it to z)."""
    return -targets / output


def softmax_cross_entropy_delta(targets: np.ndarray, output: np.ndarray) -> np.ndarray:
    """δᴸ = ∂Cₓ/∂zᴸ = aᴸ − y per example: −y/a through the softmax's Jacobian is
    Σᵢ (−yᵢ/aᵢ) aᵢ([i = j] − aⱼ) = −yⱼ + aⱼ Σᵢ yᵢ, and Σᵢ yᵢ = 1."""
    return output - targets


def cost_delta(loss: str, targets: np.ndarray, output: np.ndarray, z: np.ndarray, activation_name: str) -> np.ndarray:
    """δᴸ = ∂Cₓ/∂zᴸ per example, for the network's cost."""
    if loss == "cross-entropy":
        return softmax_cross_entropy_delta(targets, output)
    return through_activation(cost_seed(targets, output), z, activation_name)


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
    """C, one value per network of the stack: shape (R,). Cross-entropy is taken from zᴸ (log-sum-exp)."""
    if network.loss == "cross-entropy":
        return cross_entropy_cost(network.targets[None], log_softmax(result.zs[-1]))
    return squared_error_cost(network.targets[None], result.output)


def backward(network: Network, stack: Stack, result: Pass, output_delta: np.ndarray) -> Gradients:
    """Send `output_delta` = ∂(scalar)ₓ/∂zᴸ back through the layers; parameter gradients are means over examples."""
    layers = network.layers
    last = len(layers) - 1
    deltas: list[np.ndarray] = [np.empty(0)] * len(layers)
    grad_w: list[np.ndarray] = [np.empty(0)] * len(layers)
    grad_b: list[np.ndarray] = [np.empty(0)] * len(layers)
    for index in range(last, -1, -1):
        if index == last:
            delta = output_delta
        else:
            upstream = send_back(deltas[index + 1], stack.weights[index + 1])  # ∂/∂aˡ, per example
            delta = through_activation(upstream, result.zs[index], layers[index].activation)
        deltas[index] = delta
        grad_w[index] = weight_gradient(delta, result.activations[index])
        grad_b[index] = bias_gradient(delta)
    return Gradients(deltas, grad_w, grad_b)


def cost_gradients(network: Network, stack: Stack, result: Pass) -> Gradients:
    """δˡ = ∂Cₓ/∂zˡ and ∂C/∂Wˡ, ∂C/∂bˡ."""
    last = network.layers[-1].activation
    delta = cost_delta(network.loss, network.targets[None], result.output, result.zs[-1], last)
    return backward(network, stack, result, delta)


def output_gradients(network: Network, stack: Stack, result: Pass) -> Gradients:
    """∂L/∂zˡ and ∂L/∂Wˡ, ∂L/∂bˡ where L is the (single) output, averaged over examples."""
    delta = through_activation(output_seed(result.output), result.zs[-1], network.layers[-1].activation)
    return backward(network, stack, result, delta)


def rule_gradients(network: Network, stack: Stack, result: Pass) -> Gradients:
    """The gradients the network's update rule steps along."""
    if network.update == "output-ascent":
        return output_gradients(network, stack, result)
    return cost_gradients(network, stack, result)
