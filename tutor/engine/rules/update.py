"""The update and its check: each trainable parameter stepped, then the output and cost it gives.

Descent steps against the cost's gradient, p ← p − η ∂C/∂p; the chapter's worked example steps
along the output's, p ← p + η ∂L/∂p, to push the output L up. "Did it work?" runs the forward pass
again with the new parameters.
"""

from __future__ import annotations

from itertools import combinations
from typing import Iterator

import numpy as np

from .. import backprop as bp
from ..activations import activation
from ..notation import Symbols, first, show, signed
from .base import Known, Mistake, Rule
from .forward import Cost


class Update(Rule):
    """p (new) = p − η ∂C/∂p, or p + η ∂L/∂p under the output-ascent rule."""

    phase = "update"

    def __init__(self, symbols: Symbols, parameter: str):
        network = symbols.network
        self.parameter = parameter
        self.ascent = network.update == "output-ascent"
        self.gradient = ("dL_d" if self.ascent else "d") + parameter
        self.sign = "+" if self.ascent else "−"
        self.learning_rate = network.learning_rate
        p, eta, gradient = symbols(parameter), symbols.learning_rate, symbols(self.gradient)
        rule = (f"The chapter's worked example steps along the output's gradient to push {symbols.output} up: "
                f"{p} ← {p} + {eta} {gradient}." if self.ascent else
                f"Gradient descent: step against the gradient, scaled by the learning rate {eta}: "
                f"{p} ← {p} − {eta} {gradient}.")
        super().__init__(symbols, f"{parameter}_new", f"{p} after one update step", rule,
                         f"{p} (new) = {p} {self.sign} {eta} {gradient}", (parameter, self.gradient))

    def link(self, parameter: np.ndarray, gradient: np.ndarray, learning_rate: float) -> np.ndarray:
        """One step; the ascent rule is a descent step on −∂L/∂p."""
        return bp.gradient_step(parameter, -gradient if self.ascent else gradient, learning_rate)

    def compute(self, known: Known) -> np.ndarray:
        return self.link(known[self.parameter], known[self.gradient], self.learning_rate)

    def numbers(self, known: Known) -> str:
        old, gradient = known[self.parameter], known[self.gradient]
        return f"{show(old)} {self.sign} {show(self.learning_rate)} {self.times} {show(gradient, paren=True)}"

    def mistakes(self, known: Known) -> Iterator[Mistake]:
        sym = self.symbols
        old, gradient, rate = known[self.parameter], known[self.gradient], self.learning_rate
        p, eta, g = sym(self.parameter), sym.learning_rate, sym(self.gradient)
        step = self.link(np.zeros_like(old), gradient, rate)
        if self.ascent:
            yield Mistake("descent-instead-of-ascent",
                          f"You subtracted the step; this lesson's rule pushes the output up: {self.formula}.",
                          old - step)
        else:
            yield Mistake("ascent-instead-of-descent", f"You stepped uphill: gradient descent subtracts, {self.formula}.",
                          old - step)
        size = f" = {signed(float(step.reshape(-1)[0]))}" if step.size == 1 else ""
        yield Mistake("value-before-update",
                      f"That is {p} before the update: the step adds {self.sign}{eta} {g}{size}.", old)
        if rate != 1:
            yield Mistake("learning-rate-missing",
                          f"The step is {eta} times the gradient: multiply it by {eta} = {show(rate)} first.",
                          self.link(old, gradient, 1.0))
            yield Mistake("learning-rate-twice", f"{eta} = {show(rate)} is applied twice: the step is {eta} × gradient, once.",
                          self.link(old, gradient, rate * rate))
        yield Mistake("step-without-old-value",
                      f"That is only the step; add it to the old value: {self.formula}.", step)


class OutputAfter(Rule):
    """aᴸ (new): the forward pass run again with the new parameters ("Did it work?")."""

    phase = "update"

    def __init__(self, symbols: Symbols):
        network = symbols.network
        self.output = f"a{network.depth}"
        self.trainable = network.trainable_names()
        params = tuple(network.parameter_names())
        out = symbols.output
        super().__init__(symbols, f"{self.output}_new", "the output after the update",
                         "Did it work? Run the forward pass again with the new parameters.",
                         f"{out} (new) = the forward pass with the new parameters",
                         ("a0", *params, *(f"{p}_new" for p in self.trainable)))
        self.symbol = f"{out} (new)"

    def link(self, known: Known, updated) -> bp.Pass:
        """The forward pass with the parameters named in `updated` at their new values."""
        layers = range(1, self.network.depth + 1)
        pick = lambda name: known[f"{name}_new"] if name in updated else known[name]
        return bp.forward_layers(known["a0"], [pick(f"W{l}") for l in layers], [pick(f"b{l}") for l in layers],
                                 [layer.activation for layer in self.network.layers])

    def compute(self, known: Known) -> np.ndarray:
        return self.link(known, self.trainable).output

    def numbers(self, known: Known) -> str:
        """Each link with its new numbers; every value but the last (that is the answer)."""
        sym, result = self.symbols, self.link(known, self.trainable)
        lines = []
        for l, layer in enumerate(self.network.layers, start=1):
            pick = lambda name: known[f"{name}_new"] if name in self.trainable else known[name]
            a = show(first(result.activations[l - 1]), paren=True)
            lines.append(f"{sym(f'z{l}')} (new) = {show(pick(f'W{l}'))} {self.times} {a} + {show(pick(f'b{l}'), paren=True)}")
            if l < self.network.depth:
                lines[-1] += f" = {show(first(result.zs[l - 1]))}"
                if layer.activation != "identity":
                    lines.append(f"{sym(f'a{l}')} (new) = {show(first(result.activations[l]))}")
        last = self.network.layers[-1].activation
        if last != "identity":
            z = f"{sym(f'z{self.network.depth}')} (new)"
            lines.append(f"then {self.symbol} = {activation(last).apply(z)}")
        return ", ".join(lines)

    def worked(self, known: Known, value: np.ndarray) -> str:
        return f"with the new parameters: {self.numbers(known)}, so {self.symbol} = {show(first(value))}{self.note}"

    def substituted(self, known: Known) -> str:
        return f"with the new parameters: {self.numbers(known)}{self.note}"

    def mistakes(self, known: Known) -> Iterator[Mistake]:
        yield from self.mistaken_outputs(known, "the output", lambda output: output)
        gradients = [f"dL_d{p}" for p in self.trainable]
        if self.network.examples == 1 and all(g in known for g in gradients):
            out = self.symbols.output
            yield Mistake("first-order-estimate",
                          f"That is the first-order estimate {out} + Σ ∂{out}/∂w Δw. The question asks for the forward "
                          f"pass run again with the new parameters, which differs because {out} is not linear in them.",
                          known[self.output] + self.change(known, gradients))

    def change(self, known: Known, gradients: list[str]) -> float:
        """Σ ∂f/∂p · Δp over the trainable parameters: the first-order change of f."""
        return sum(float(np.sum(known[g] * (known[f"{p}_new"] - known[p]))) for g, p in zip(gradients, self.trainable))

    def mistaken_outputs(self, known: Known, word: str, after) -> Iterator[Mistake]:
        """The classic slips of "did it work?", each output passed through `after` (the cost, for C (new))."""
        sym = self.symbols
        yield Mistake("value-before-update", f"That is {word} before the update: run the forward pass again with "
                                             f"the new parameters.", after(known[self.output]))
        if len(self.trainable) > 1:
            for kept in combinations(self.trainable, len(self.trainable) - 1):
                left = next(p for p in self.trainable if p not in kept)
                yield Mistake("only-some-updated",
                              f"Only {', '.join(sym(p) for p in kept)} {'was' if len(kept) == 1 else 'were'} updated: "
                              f"use the new {sym(left)} too.", after(self.link(known, kept).output))

    @property
    def per_example(self) -> bool:
        return True


class CostAfter(Cost):
    """C (new): the cost of the output after the update."""

    phase = "update"

    def __init__(self, symbols: Symbols, output_after: OutputAfter):
        self.output_after = output_after
        super().__init__(symbols, "loss_new", output=output_after.name, symbol=f"{symbols.cost} (new)",
                         output_symbol=output_after.symbol, meaning="the cost after the update",
                         rule="The same cost as before, with the output after the update.")

    def mistakes(self, known: Known) -> Iterator[Mistake]:
        cost = lambda output: self.link(known["y"], output)
        yield from self.output_after.mistaken_outputs(known, "the cost", cost)
        gradients = [f"d{p}" for p in self.output_after.trainable]
        c = self.symbols.cost
        yield Mistake("first-order-estimate",
                      f"That is the first-order estimate {c} + Σ ∂{c}/∂w Δw. The question asks for the cost of the "
                      f"forward pass run again with the new parameters, which differs because {c} is not linear in them.",
                      known["loss"] + self.output_after.change(known, gradients))
        yield from super().mistakes(known)
