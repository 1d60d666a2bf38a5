"""The backward pass: δ at every layer, each layer's weight and bias gradients, and what it sends back.

δᴸ = ∂Cₓ/∂aᴸ ⊙ σ′(zᴸ) with ∂Cₓ/∂aᴸ = −(y − aᴸ); ∂Cₓ/∂aˡ = (Wˡ⁺¹)ᵀ δˡ⁺¹ (`da{l}`, l = 0 … L−1, where
a⁰ = x); δˡ = ∂Cₓ/∂aˡ ⊙ σ′(zˡ); ∂C/∂Wˡ = (1/n) Σₓ δˡ (aˡ⁻¹)ᵀ and ∂C/∂bˡ = (1/n) Σₓ δˡ. For the output's
own gradients (the chapter's worked example differentiates L, not C) the seed at the output is 1
instead of −(y − aᴸ), and the names are dL_dz, dL_da, dL_dW, dL_db.
"""

from __future__ import annotations

from typing import Iterator

import numpy as np

from .. import backprop as bp
from ..activations import activation
from ..formatting import format_number
from ..notation import Symbols, first, show
from .base import Known, Mistake, Rule


class Delta(Rule):
    """δˡ (or ∂L/∂zˡ): the gradient at a unit's output carried through its activation to its z."""

    phase = "backward"
    per_example = True

    def __init__(self, symbols: Symbols, layer: int, of_cost: bool, sent_back: "ActivationGradient | None" = None):
        """`sent_back` is ∂/∂aˡ from the layer above (None at the output, where the seed starts)."""
        network = symbols.network
        self.symbols = symbols
        self.layer, self.of_cost, self.sent_back = layer, of_cost, sent_back
        self.prefix = "delta" if of_cost else "dL_dz"
        self.z, self.a = f"z{layer}", f"a{layer}"
        self.at_output = layer == network.depth
        self.activation = activation(network.layers[layer - 1].activation)
        self.vector = network.layers[layer - 1].units > 1 or (not self.at_output and network.layers[layer].units > 1)
        name = f"{self.prefix}{layer}"
        of = symbols.cost if of_cost else symbols.output
        inputs = (("y", self.a, self.z) if of_cost else (self.z,)) if self.at_output else (sent_back.name, self.z)
        super().__init__(symbols, name, f"how {'the cost of one example' if of_cost else f'the output {of}'} "
                                        f"changes with z of layer {layer} (one row per example)",
                         self._rule(), "", inputs)
        self.formula = f"{self.symbol} = {self._right_side()}"

    @property
    def trivial(self) -> bool:
        """∂L/∂zᴸ through the identity is 1: nothing to compute."""
        return self.at_output and not self.of_cost and not self.activation.symbol

    # --- how it is written ------------------------------------------------------------------------
    def _prime(self) -> str:
        return self.activation.prime(self.symbols(self.z))

    def _derivative_rule(self) -> str:
        return self.activation.derivative_rule(self.symbols(self.a), self.symbols(self.z))

    def _rule(self) -> str:
        sym, of = self.symbols, (self.symbols.cost if self.of_cost else self.symbols.output)
        if self.at_output and self.of_cost:
            return (f"Chain rule at the output: ∂{of}/∂{sym(self.z)} = ∂{of}/∂{sym(self.a)} · "
                    f"∂{sym(self.a)}/∂{sym(self.z)}, with ∂{of}/∂{sym(self.a)} = −({sym.target} − {sym(self.a)}) "
                    f"and {self._derivative_rule()}.")
        if self.at_output:
            return f"The output is {sym(self.a)} = {self.activation.apply(sym(self.z))}, so its slope in {sym(self.z)} is {self._derivative_rule()}."
        return (f"Backpropagation: send the next layer's gradient back through the weights that connect the "
                f"layers, then multiply by this layer's derivative ({self._derivative_rule()}).")

    def _right_side(self) -> str:
        sym, prime = self.symbols, self._prime()
        with_prime = "" if not self.activation.symbol else (f" ⊙ {prime}" if self.vector else f" {prime}")
        if self.at_output and self.of_cost:
            return f"−({sym.target} − {sym(self.a)}){with_prime}"
        if self.at_output:
            return prime
        if self.vector:
            return f"({self.sent_back.right_side()}){with_prime}"
        return f"{self.sent_back.right_side()}{with_prime}"

    # --- how it is computed ------------------------------------------------------------------------
    def upstream(self, known: Known) -> np.ndarray:
        """∂/∂aˡ per example: the seed at the output, else what the layer above sends back."""
        if self.at_output:
            return bp.cost_seed(known["y"], known[self.a]) if self.of_cost else bp.output_seed(known[self.a])
        return known[self.sent_back.name]

    def compute(self, known: Known) -> np.ndarray:
        return bp.through_activation(self.upstream(known), known[self.z], self.activation.name)

    def numbers(self, known: Known) -> str:
        derivative = self.activation.derivative(known[self.z])
        times = f" {'⊙' if self.vector else self.times} {show(first(derivative))}" if self.activation.symbol else ""
        if self.at_output and self.of_cost:
            return f"−({show(first(known['y']))} − {show(first(known[self.a]), paren=True)}){times}"
        if self.at_output:
            return show(first(derivative))
        if self.vector:
            return show(first(self.upstream(known))) + times
        return self.sent_back.numbers(known) + times

    def mistakes(self, known: Known) -> Iterator[Mistake]:
        sym, act, prime = self.symbols, self.activation, self._prime()
        upstream, z, a = self.upstream(known), known[self.z], known[self.a]
        if act.symbol:
            yield Mistake("missing-activation-derivative",
                          f"{prime} is missing: {self.formula}, with {self._derivative_rule()}.",
                          bp.through_activation(upstream, z, "identity"))
            yield Mistake("activation-instead-of-derivative",
                          f"You used {act.apply(sym(self.z))} where {prime} belongs: {self._derivative_rule()}.",
                          upstream * act.function(z))
            yield Mistake("activation-for-preactivation",
                          f"You took {act.symbol}′ at {sym(self.a)}; the derivative is taken at {sym(self.z)}: "
                          f"{self._derivative_rule()}.", bp.through_activation(upstream, a, act.name))
        units = z.shape[-1]
        if act.symbol and units > 1 and self.network.examples == 1:  # with one example, δ is one vector
            derivative = act.derivative(z)
            keeps = f"⊙ multiplies entry by entry, so {self.symbol} keeps one entry per unit of layer {self.layer}"
            yield Mistake("dot-for-elementwise", f"That is a dot product, a single number; in {self.formula}, {keeps}.",
                          np.sum(upstream * derivative, axis=-1, keepdims=True))
            yield Mistake("outer-for-elementwise", f"That is an outer product, a {units}×{units} matrix; in "
                                                   f"{self.formula}, {keeps}.",
                          np.outer(first(upstream), first(derivative)))
        if self.at_output and self.of_cost:
            cost = sym.cost_formula()
            yield Mistake("factor-two", f"That is twice {self.symbol}: the ½ in {cost} cancels the 2 from the "
                                        f"square, so ∂{sym.cost}/∂{sym(self.a)} = −({sym.target} − {sym(self.a)}).",
                          2 * self.compute(known))
            n = self.network.examples
            if n > 1:
                yield Mistake("factor-n", f"{self.symbol} is per example: it is not divided by n (the 1/n comes in "
                                          f"when the gradients are averaged over the examples).",
                              self.compute(known) / n)
        if self.at_output:
            return
        for mistake in self.sent_back.slips(known, self.formula):
            yield Mistake(mistake.code, mistake.message, bp.through_activation(mistake.value, z, act.name))


class ActivationGradient(Rule):
    """∂Cₓ/∂aˡ = (Wˡ⁺¹)ᵀ δˡ⁺¹ (or ∂L/∂aˡ): the gradient the layer above sends back to layer l's activations.

    Unit i of layer l feeds every unit j above it through the weight Wⱼᵢ, so its gradient gathers
    Σⱼ Wⱼᵢ δⱼ: column i of W against δ. For l = 0 it is the gradient with respect to the input x.
    """

    phase = "backward"
    per_example = True

    def __init__(self, symbols: Symbols, above: Delta):
        self.above, self.layer = above, above.layer - 1
        self.w_up = f"W{above.layer}"
        self.vector = symbols.network.layers[above.layer - 1].weights.size > 1
        self.upstream_is_one = above.trivial  # ∂L/∂z at an identity output is 1: only the weights remain
        name = ("da" if above.of_cost else "dL_da") + str(self.layer)
        of = "the cost of one example" if above.of_cost else f"the output {symbols.output}"
        what = "the input" if self.layer == 0 else f"the activations of layer {self.layer}"
        rule = ("Send the gradient back through the weights that connect the layers: a unit feeds every unit "
                "above it, so its gradient adds up each one's δ times the weight between them (a column of W).")
        super().__init__(symbols, name, f"how {of} changes with {what} (one row per example)", rule, "",
                         (above.name, self.w_up))
        self.formula = f"{self.symbol} = {self.right_side()}"

    def right_side(self) -> str:
        """(Wˡ⁺¹)ᵀ δˡ⁺¹, or δ w for single numbers, as the chapter writes them."""
        sym = self.symbols
        up = "1" if self.upstream_is_one else sym(self.above.name)
        if self.vector:
            return f"{sym(self.w_up)}ᵀ {up}"
        return sym(self.w_up) if self.upstream_is_one else f"{up} {sym(self.w_up)}"

    def through(self, known: Known, weights: np.ndarray) -> np.ndarray:
        """δˡ⁺¹ sent back through `weights` (Wˡ⁺¹, or a wrong version of it)."""
        return bp.send_back(known[self.above.name], weights)

    def compute(self, known: Known) -> np.ndarray:
        return self.through(known, known[self.w_up])

    def numbers(self, known: Known) -> str:
        weights, up = known[self.w_up], known[self.above.name]
        if self.vector:
            return f"{show(weights)}ᵀ {show(first(up))}"
        if self.upstream_is_one:
            return show(weights)
        return f"{show(first(up))} {self.times} {show(weights, paren=True)}"

    def mistakes(self, known: Known) -> Iterator[Mistake]:
        return self.slips(known, self.formula)

    def slips(self, known: Known, formula: str) -> Iterator[Mistake]:
        """The wrong ways to send the gradient back; `formula` is the one the messages point to."""
        sym, weights = self.symbols, known[self.w_up]
        new = f"{self.w_up}_new"
        if new in known and not np.allclose(known[new], weights):
            yield Mistake("updated-weights-in-backward-pass",
                          f"You sent the gradient back through the already-updated {sym(self.w_up)}; the backward "
                          f"pass uses the weights of the forward pass, before any update.",
                          self.through(known, known[new]))
        if weights.shape[0] == weights.shape[1] and weights.shape[0] > 1:
            yield Mistake("weights-not-transposed",
                          f"Send the gradient back with the transpose, {sym(self.w_up)}ᵀ {sym(self.above.name)}: the "
                          f"weights of unit i's outgoing connections are column i of {sym(self.w_up)}.",
                          self.through(known, weights.T))
        if not np.all(weights == 1):
            yield Mistake("weight-left-out",
                          f"{sym(self.w_up)} is missing: {formula}. The gradient travels back through the "
                          f"weight that connects the layers.",
                          self.through(known, np.ones_like(weights)))
        if weights.shape[0] > 1 and self.network.examples == 1:
            units = "the input" if self.layer == 0 else f"layer {self.layer}"
            yield Mistake("elementwise-for-matrix-product",
                          f"You multiplied each weight by its δ ({sym(self.w_up)} ⊙ {sym(self.above.name)}) but did not "
                          f"add them up: in {formula} the matrix product sums ({sym(self.w_up)})ⱼₖ "
                          f"({sym(self.above.name)})ⱼ over the units j above, one number per unit k of {units}.",
                          weights * first(known[self.above.name])[:, None])


class ParameterGradient(Rule):
    """∂C/∂Wˡ = (1/n) Σₓ δˡ (aˡ⁻¹)ᵀ or ∂C/∂bˡ = (1/n) Σₓ δˡ (or the output's ∂L/∂W, ∂L/∂b)."""

    phase = "backward"

    def __init__(self, symbols: Symbols, delta: Delta, kind: str):
        layer, n = delta.layer, symbols.network.examples
        self.delta, self.kind, self.layer = delta, kind, layer
        self.a_previous = f"a{layer - 1}"
        self.parameter = f"{kind}{layer}"
        name = ("d" if delta.of_cost else "dL_d") + self.parameter
        of = symbols.cost if delta.of_cost else symbols.output
        mean = "" if n == 1 else "(1/n) Σₓ "
        averaged = "." if n == 1 else " (averaged over the examples)."
        factor = "" if delta.trivial else f"{delta.symbol} "
        # δ aᵀ, a column times a row, as soon as either is a vector
        self.outer = kind == "W" and (delta.vector or symbols.network.layers[layer - 1].weights.shape[1] > 1)
        if kind == "W":
            formula_right = f"{mean}{factor}{symbols(self.a_previous)}{'ᵀ' if self.outer else ''}"
            rule = "A weight's gradient is the δ of the unit it feeds times the activation it multiplies" + averaged
            inputs = (delta.name, self.a_previous)
        else:
            formula_right = f"{mean}{factor.strip() or '1'}"
            rule = "A bias's gradient is its unit's δ, because ∂z/∂b = 1" + averaged
            inputs = (delta.name,)
        meaning = f"the gradient of {of} with respect to the {'weights' if kind == 'W' else 'biases'} of layer {layer}"
        super().__init__(symbols, name, meaning, rule, "", inputs)
        self.formula = f"{self.symbol} = {formula_right}"

    def link(self, delta: np.ndarray, a_previous: np.ndarray) -> np.ndarray:
        return bp.weight_gradient(delta, a_previous) if self.kind == "W" else bp.bias_gradient(delta)

    def compute(self, known: Known) -> np.ndarray:
        return self.link(known[self.delta.name], known[self.a_previous])

    def numbers(self, known: Known) -> str:
        delta, a_previous = known[self.delta.name], known[self.a_previous]
        n = self.network.examples
        if self.delta.trivial:
            return "" if self.kind == "b" else show(first(a_previous)) if n == 1 else ""
        if n == 1:
            if self.kind == "b":
                return show(first(delta))
            if self.outer:
                return f"{show(first(delta))} {show(first(a_previous))}ᵀ"
            return f"{show(first(delta))} {self.times} {show(first(a_previous), paren=True)}"
        if delta.shape[1] == 1 and a_previous.shape[1] == 1 and n <= 8:
            terms = [format_number(float(d)) if self.kind == "b" else f"{format_number(float(d))} × {show(x, paren=True)}"
                     for d, x in zip(delta[:, 0], a_previous[:, 0])]
            return f"(1/{n}) × ({' + '.join(terms)})".replace("+ -", "− ")
        return f"the mean over the {n} examples of {self.delta.symbol} {self.symbols(self.a_previous) + 'ᵀ' if self.kind == 'W' else ''}".rstrip()

    def mistakes(self, known: Known) -> Iterator[Mistake]:
        sym, n = self.symbols, self.network.examples
        delta, a_previous = known[self.delta.name], known[self.a_previous]
        gradient = self.compute(known)
        for mistake in self.delta.mistakes(known):
            if mistake.value.shape == delta.shape:  # a δ of another shape has no gradient to carry into
                yield Mistake(mistake.code, mistake.message, self.link(mistake.value, a_previous))
        if self.kind == "W":
            yield Mistake("missing-input-factor",
                          f"The input factor is missing: {self.formula}, the δ times the activation the weight "
                          f"multiplies.", self.link(delta, np.ones_like(a_previous)))
            if self.layer > 1 and activation(self.network.layers[self.layer - 2].activation).symbol:
                z_previous = f"z{self.layer - 1}"
                yield Mistake("preactivation-for-activation",
                              f"You multiplied by {sym(z_previous)}; the weight multiplies the activation "
                              f"{sym(self.a_previous)}, so use that.", self.link(delta, known[z_previous]))
            if min(gradient.shape) > 1:  # a single row or column transposed holds the same numbers
                yield Mistake("weights-not-transposed", f"Rows and columns are swapped: {self.formula} has one row "
                                                        f"per unit of layer {self.layer}, like {sym(self.parameter)}.",
                              gradient.T)
            if n == 1 and delta.shape == a_previous.shape and delta.size > 1:
                outer = (f"{self.formula} is an outer product, a column times a row: one entry per weight, the "
                         f"shape of {sym(self.parameter)}")
                d, x = sym(self.delta.name), sym(self.a_previous)
                yield Mistake("elementwise-for-matrix-product", f"That is {d} ⊙ {x}, one number per unit; {outer}.",
                              first(delta) * first(a_previous))
                yield Mistake("inner-for-outer-product", f"That is {d}ᵀ{x}, a single number; {outer}.",
                              np.array(first(delta) @ first(a_previous)))
        elif a_previous.shape[1] == 1 and not np.all(a_previous == 1):
            yield Mistake("extra-input-factor", f"A bias has no input to multiply: ∂z/∂b = 1, so {self.formula}.",
                          bp.bias_gradient(delta * a_previous))
        if n > 1:
            yield Mistake("factor-n", f"That is the sum over the {n} examples; {self.symbol} is their mean: divide by n.",
                          n * gradient)
            yield Mistake("factor-n", f"You divided by n = {n} twice: δ is per example, and the gradient is its mean.",
                          gradient / n)
        if not self.delta.of_cost or self.network.loss != "mse":
            return  # the ½ and the output's own gradient belong to the squared error
        yield Mistake("factor-two", f"That is twice the gradient: the ½ in {sym.cost_formula()} cancels the 2 from "
                                    f"the square.", 2 * gradient)
        output_delta = f"dL_dz{self.layer}"
        if output_delta in known:
            output_gradient = sym(f"dL_d{self.parameter}")
            error = f"({sym.output} − {sym.target})"
            yield Mistake("missing-error-factor",
                          f"That is {output_gradient}, the output's own gradient: {self.symbol} = {error} · "
                          f"{output_gradient} needs the factor {error}.", self.link(known[output_delta], a_previous))
