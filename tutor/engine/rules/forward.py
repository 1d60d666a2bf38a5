"""The forward pass and the cost: zˡ = Wˡ aˡ⁻¹ + bˡ, aˡ = σ(zˡ), C = 1/(2n) Σₓ ‖y − aᴸ‖²."""

from __future__ import annotations

from typing import Iterator

import numpy as np

from .. import backprop as bp
from ..activations import activation
from ..formatting import format_number
from ..notation import Symbols, first, show
from .base import Known, Mistake, Rule


class PreActivation(Rule):
    """zˡ = Wˡ aˡ⁻¹ + bˡ: each unit adds up its weighted inputs and its bias."""

    phase = "forward"
    per_example = True

    def __init__(self, symbols: Symbols, layer: int):
        self.layer = layer
        self.z, self.a_previous, self.w, self.b = f"z{layer}", f"a{layer - 1}", f"W{layer}", f"b{layer}"
        super().__init__(
            symbols, self.z, f"the weighted input of layer {layer} (before its activation)",
            "Forward pass, linear part: each unit adds up its weighted inputs and its bias.",
            f"{symbols(self.z)} = {symbols(self.w)} {symbols(self.a_previous)} + {symbols(self.b)}",
            (self.a_previous, self.w, self.b),
        )

    def link(self, a_previous: np.ndarray, weights: np.ndarray, biases: np.ndarray) -> np.ndarray:
        return bp.pre_activation(a_previous, weights, biases)

    def compute(self, known: Known) -> np.ndarray:
        return self.link(known[self.a_previous], known[self.w], known[self.b])

    def numbers(self, known: Known) -> str:
        a_previous = show(first(known[self.a_previous]), paren=True)
        return f"{show(known[self.w])} {self.times} {a_previous} + {show(known[self.b], paren=True)}"

    def mistakes(self, known: Known) -> Iterator[Mistake]:
        sym = self.symbols
        a_previous, w, b = known[self.a_previous], known[self.w], known[self.b]
        yield Mistake("bias-left-out", f"The bias {sym(self.b)} is missing: {self.formula}.",
                      self.link(a_previous, w, np.zeros_like(b)))
        if self.layer > 1:
            z_previous = f"z{self.layer - 1}"
            if activation(self.network.layers[self.layer - 2].activation).symbol:
                yield Mistake("preactivation-for-activation",
                              f"You multiplied {sym(self.w)} by {sym(z_previous)}; it multiplies the previous "
                              f"layer's activation {sym(self.a_previous)}, after "
                              f"{activation(self.network.layers[self.layer - 2].activation).symbol}.",
                              self.link(known[z_previous], w, b))
        if w.shape[0] == w.shape[1] and w.shape[0] > 1:
            yield Mistake("weights-not-transposed",
                          f"Each unit uses its own ROW of {sym(self.w)}: unit i computes Σⱼ Wᵢⱼ aⱼ + bᵢ.",
                          self.link(a_previous, w.T, b))


class Activated(Rule):
    """aˡ = σ(zˡ), element by element; with the identity, aˡ is zˡ itself."""

    phase = "forward"
    per_example = True

    def __init__(self, symbols: Symbols, layer: int, linear: PreActivation):
        self.layer = layer
        self.linear = linear
        self.a, self.z = f"a{layer}", f"z{layer}"
        self.activation = activation(symbols.network.layers[layer - 1].activation)
        act = self.activation
        rule = (f"Forward pass, activation: apply {act.name} to {symbols(self.z)}, element by element."
                if act.symbol else "Forward pass, activation: this layer has no activation (the identity), so a = z.")
        super().__init__(symbols, self.a, f"the activation (output) of layer {layer}", rule,
                         f"{symbols(self.a)} = {act.apply(symbols(self.z))}", (self.z,))

    @property
    def trivial(self) -> bool:
        """With the identity, a is z under another name: nothing to compute."""
        return not self.activation.symbol

    def compute(self, known: Known) -> np.ndarray:
        return bp.activate(known[self.z], self.activation.name)

    def numbers(self, known: Known) -> str:
        return self.activation.apply(show(first(known[self.z])))

    def mistakes(self, known: Known) -> Iterator[Mistake]:
        sym, act = self.symbols, self.activation
        z = known[self.z]
        if act.symbol:
            yield Mistake("activation-not-applied",
                          f"That is {sym(self.z)}, before the activation: {sym(self.a)} = {act.apply(sym(self.z))}.", z)
            yield Mistake("derivative-instead-of-activation",
                          f"That is {act.prime(sym(self.z))}, the derivative; {sym(self.a)} is the activation "
                          f"itself, {act.apply(sym(self.z))}.", act.derivative(z))
        # Computing a in one go, a slip in its linear part shows through the activation.
        for mistake in self.linear.mistakes(known):
            yield Mistake(mistake.code, mistake.message, bp.activate(mistake.value, act.name))


class Cost(Rule):
    """C = 1/(2n) Σₓ ‖y − aᴸ‖²: half the mean squared error over the examples."""

    phase = "loss"

    def __init__(self, symbols: Symbols, name: str = "loss", output: str = "", symbol: str = "",
                 output_symbol: str = "", meaning: str = "the cost: half the mean squared error over the examples",
                 rule: str = ("The cost is the mean squared error: half the squared distance between target "
                              "and output, averaged over the examples.")):
        self.output = output or f"a{symbols.network.depth}"
        symbol = symbol or symbols(name)
        output_symbol = output_symbol or symbols(self.output)
        super().__init__(symbols, name, meaning, rule, symbols.cost_formula(symbol, output_symbol),
                         ("y", self.output))
        self.symbol = symbol

    def link(self, targets: np.ndarray, output: np.ndarray) -> np.ndarray:
        return bp.squared_error_cost(targets, output)

    def compute(self, known: Known) -> np.ndarray:
        return self.link(known["y"], known[self.output])

    def numbers(self, known: Known) -> str:
        y, a = known["y"], known[self.output]
        n = self.network.examples
        if y.size == 1:
            return f"½({show(y)} − {show(a, paren=True)})²"
        total = format_number(float(np.sum((y - a) ** 2)))
        return f"½ × {total}" if n == 1 else f"1/(2 × {n}) × {total}"

    def mistakes(self, known: Known) -> Iterator[Mistake]:
        cost = self.compute(known)
        n, formula = self.network.examples, self.formula
        y, a = known["y"], known[self.output]
        yield Mistake("factor-two", f"That is twice the cost: the ½ belongs in it, {formula}.", 2 * cost)
        yield Mistake("factor-two", f"That is half the cost: the ½ appears once, {formula}.", cost / 2)
        yield Mistake("not-squared", f"The differences are not squared: {formula}.",
                      np.sum(np.abs(y - a)) / (2 * n))
        if n > 1:
            yield Mistake("factor-n", f"That is n = {n} times the cost: {self.symbols.cost} averages over the "
                                      f"examples, so divide by n: {formula}.", n * cost)
            yield Mistake("factor-n", f"That is the cost divided by n = {n} once too often: {formula}.", cost / n)
            yield Mistake("factor-n", f"That is the plain sum of squared errors: {formula} needs the 1/(2n).",
                          2 * n * cost)
