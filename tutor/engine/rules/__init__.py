"""Every named quantity of a network as a rule: its formula, its hints, its classic mistakes.

`build(network, symbols)` lists the rules in the order a learner meets them: the givens, the
forward pass, the cost (the squared error, or the cross-entropy of a softmax output), the backward
pass (δ and the gradients of C, then, for a single output, those of the output L itself), the
update and its check. Every rule computes with the chain's link functions in `engine.backprop`,
so the solution, the worked lines, the diagnosis and training all come from one home per formula.
"""

from __future__ import annotations

from typing import Iterator

from ..network import Network
from ..notation import Symbols
from .backward import ActivationGradient, Delta, ParameterGradient
from .base import Given, Known, Mistake, Rule
from .cross_entropy import SoftmaxActivated, SoftmaxDelta, cost_rules
from .forward import Activated, PreActivation
from .update import OutputAfter, Update

__all__ = ["Known", "Mistake", "Rule", "build", "has_output_gradients"]


def has_output_gradients(network: Network) -> bool:
    """∂L/∂w for the output L itself: one output unit, and one example (or the rule that steps along it)."""
    return network.targets.shape[1] == 1 and (network.examples == 1 or network.update == "output-ascent")


def build(symbols: Symbols) -> Iterator[Rule]:
    """Every rule of `symbols.network`, in the order a learner meets them, written in `symbols`."""
    network = symbols.network
    yield Given(symbols, "a0", "the input, one row per example", network.inputs)
    yield Given(symbols, "y", "the target, one row per example", network.targets)
    for l, layer in enumerate(network.layers, start=1):
        yield Given(symbols, f"W{l}", f"the weights of layer {l}", layer.weights)
        yield Given(symbols, f"b{l}", f"the biases of layer {l}", layer.biases)
    cost, cost_after = cost_rules(symbols)
    for l, layer in enumerate(network.layers, start=1):
        linear = PreActivation(symbols, l)
        yield linear
        yield (SoftmaxActivated if layer.activation == "softmax" else Activated)(symbols, l, linear)
    yield cost(symbols)
    yield from _backward(symbols, of_cost=True)
    if has_output_gradients(network):
        yield from _backward(symbols, of_cost=False)
    for parameter in network.trainable_names():
        yield Update(symbols, parameter)
    output_after = OutputAfter(symbols)
    yield output_after
    yield cost_after(symbols, output_after)


def _backward(symbols: Symbols, of_cost: bool) -> Iterator[Rule]:
    """δˡ, ∂/∂Wˡ, ∂/∂bˡ, then ∂/∂aˡ⁻¹ = (Wˡ)ᵀ δˡ, from which the layer below takes its δ (down to ∂/∂x)."""
    network = symbols.network
    sent_back = None
    for l in range(network.depth, 0, -1):
        softmax_output = of_cost and l == network.depth and network.loss == "cross-entropy"
        delta = SoftmaxDelta(symbols, l) if softmax_output else Delta(symbols, l, of_cost, sent_back)
        yield delta
        yield ParameterGradient(symbols, delta, "W")
        yield ParameterGradient(symbols, delta, "b")
        sent_back = ActivationGradient(symbols, delta)
        yield sent_back
