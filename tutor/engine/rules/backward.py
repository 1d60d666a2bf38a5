"""The backward pass: δ at every layer, then each layer's weight and bias gradients.

δᴸ = ∂Cₓ/∂aᴸ ⊙ σ′(zᴸ) with ∂Cₓ/∂aᴸ = −(y − aᴸ); δˡ = (Wˡ⁺¹)ᵀ δˡ⁺¹ ⊙ σ′(zˡ); ∂C/∂Wˡ = (1/n) Σₓ δˡ (aˡ⁻¹)ᵀ
and ∂C/∂bˡ = (1/n) Σₓ δˡ. For the output's own gradients (the chapter's worked example differentiates
L, not C) the seed at the output is 1 instead of −(y − aᴸ), and the names are dL_dz, dL_dW, dL_db.
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

    def __init__(self, symbols: Symbols, layer: int, of_cost: bool):
        network = symbols.network
        self.symbols = symbols
        self.layer, self.of_cost = layer, of_cost
        self.prefix = "delta" if of_cost else "dL_dz"
        self.z, self.a = f"z{layer}", f"a{layer}"
        self.at_output = layer == network.depth
        self.up, self.w_up = f"{self.prefix}{layer + 1}", f"W{layer + 1}"
        self.activation = activation(network.layers[layer - 1].activation)
        # ∂L/∂z at an identity output is 1: the layer below then just multiplies by the weight.
        self.upstream_is_one = (not of_cost and layer + 1 == network.depth
                                and network.layers[layer].activation == "identity")
        self.vector = network.layers[layer - 1].units > 1 or (not self.at_output and network.layers[layer].units > 1)
        name = f"{self.prefix}{layer}"
        of = symbols.cost if of_cost else symbols.output
        inputs = (("y", self.a, self.z) if of_cost else (self.z,)) if self.at_output else (self.up, self.w_up, self.z)
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
        up = "" if self.upstream_is_one else f"{sym(self.up)} "
        if self.vector:
            return f"({sym(self.w_up)}ᵀ {up.strip() or '1'}){with_prime}"
        return f"{up}{sym(self.w_up)}{with_prime}"

    # --- how it is computed ------------------------------------------------------------------------
    def upstream(self, known: Known, weights: np.ndarray | None = None) -> np.ndarray:
        """∂/∂aˡ per example: the seed at the output, else δˡ⁺¹ sent back through `weights` (Wˡ⁺¹)."""
        if self.at_output:
            return bp.cost_seed(known["y"], known[self.a]) if self.of_cost else bp.output_seed(known[self.a])
        return bp.send_back(known[self.up], known[self.w_up] if weights is None else weights)

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
        if self.upstream_is_one:
            return f"{show(known[self.w_up])}{times}"
        return f"{show(first(known[self.up]))} {self.times} {show(known[self.w_up], paren=True)}{times}"

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
        w_up = known[self.w_up]
        new = f"{self.w_up}_new"
        if new in known and not np.allclose(known[new], w_up):
            yield Mistake("updated-weights-in-backward-pass",
                          f"You sent the gradient back through the already-updated {sym(self.w_up)}; the backward "
                          f"pass uses the weights of the forward pass, before any update.",
                          bp.through_activation(self.upstream(known, known[new]), z, act.name))
        if w_up.shape[0] == w_up.shape[1] and w_up.shape[0] > 1:
            yield Mistake("weights-not-transposed",
                          f"Send the gradient back with the transpose, {sym(self.w_up)}ᵀ {sym(self.up)}: the "
                          f"weights of unit i's outgoing connections are column i of {sym(self.w_up)}.",
                          bp.through_activation(self.upstream(known, w_up.T), z, act.name))
        if not np.all(w_up == 1):
            yield Mistake("weight-left-out",
                          f"{sym(self.w_up)} is missing: {self.formula}. The gradient travels back through the "
                          f"weight that connects the layers.",
                          bp.through_activation(self.upstream(known, np.ones_like(w_up)), z, act.name))


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
        if kind == "W":
            transpose = "ᵀ" if delta.vector or symbols.network.layers[layer - 1].weights.shape[1] > 1 else ""
            formula_right = f"{mean}{factor}{symbols(self.a_previous)}{transpose}"
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
            return show(first(delta)) if self.kind == "b" else f"{show(first(delta))} {self.times} {show(first(a_previous), paren=True)}"
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
            if gradient.shape[0] == gradient.shape[1] and gradient.shape[0] > 1:
                yield Mistake("weights-not-transposed", f"Rows and columns are swapped: {self.symbol} = δ aᵀ has one "
                                                        f"row per unit of layer {self.layer}.", gradient.T)
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
