"""A softmax output with the cross-entropy cost: aᴸ = softmax(zᴸ), C = −(1/n) Σₓ y · ln aᴸ, δᴸ = aᴸ − y.

The same quantities as the chapter's sigmoid + MSE (`a{L}`, `loss`, `delta{L}`, …), with their own
formulas, hints and classic slips. Each value comes from the link functions of `engine.backprop`,
and each mistake is one of them called with one term changed.
"""

from __future__ import annotations

from typing import Iterator

import numpy as np

from .. import backprop as bp
from ..notation import Symbols, first, show
from .backward import Delta
from .base import Known, Mistake
from .forward import Activated, Cost, PreActivation
from .update import CostAfter

LN_10 = np.log(10.0)


class SoftmaxActivated(Activated):
    """aᴸ = softmax(zᴸ): each e^zⱼ divided by their sum, so the outputs are positive and add up to 1."""

    def __init__(self, symbols: Symbols, layer: int, linear: PreActivation):
        super().__init__(symbols, layer, linear)
        a, z = symbols(self.a), symbols(self.z)
        self.rule = ("Forward pass, softmax: raise e to each z, then divide each by their sum, so the outputs "
                     "are positive and add up to 1 (probabilities).")
        self.formula = f"{a} = softmax({z}) = e^{z} / Σₖ e^{z}ₖ"

    def numbers(self, known: Known) -> str:
        powers = np.exp(first(known[self.z]))
        return f"{show(powers)} / {show(powers.sum())}"

    def mistakes(self, known: Known) -> Iterator[Mistake]:
        sym, z = self.symbols, known[self.z]
        a, zs = sym(self.a), sym(self.z)
        yield Mistake("activation-not-applied", f"That is {zs}, before the softmax: {self.formula}.", z)
        yield Mistake("softmax-not-normalised", f"Those are the powers e^{zs}; divide each by their sum Σₖ e^{zs}ₖ "
                                                f"so that {a} adds up to 1.", np.exp(z))
        yield Mistake("sigmoid-instead-of-softmax",
                      f"That is σ({zs}), each unit on its own; softmax divides each e^{zs} by the sum over all "
                      f"units: {self.formula}.", bp.activate(z, "sigmoid"))
        yield Mistake("softmax-without-exp", f"You divided {zs} by its sum; softmax divides the powers e^{zs}: "
                                             f"{self.formula}.", z / z.sum(axis=-1, keepdims=True))
        for mistake in self.linear.mistakes(known):
            yield Mistake(mistake.code, mistake.message, bp.activate(mistake.value, "softmax"))


class CrossEntropyCost(Cost):
    """C = −(1/n) Σₓ Σⱼ yⱼ ln aⱼ: minus the log of the probability the output gives the target."""

    def __init__(self, symbols: Symbols, name: str = "loss",
                 meaning: str = "the cross-entropy cost: minus the log of the probability given to the target",
                 rule: str = ("The cross-entropy cost: minus the natural log of each output unit's probability, "
                              "weighted by the target (only the target's units count), averaged over the examples."),
                 **rest):
        super().__init__(symbols, name, meaning=meaning, rule=rule, **rest)

    def z_of(self, known: Known) -> np.ndarray | None:
        """zᴸ, for the log-sum-exp where a probability underflowed to 0."""
        return known.get(f"z{self.network.depth}")

    def link(self, targets: np.ndarray, output: np.ndarray, z: np.ndarray | None = None) -> np.ndarray:
        return bp.cross_entropy_cost(targets, bp.log_output(output, z))

    def compute(self, known: Known) -> np.ndarray:
        return self.link(known["y"], known[self.output], self.z_of(known))

    def numbers(self, known: Known) -> str:
        y, a = known["y"], known[self.output]
        n = self.network.examples
        if n == 1:
            row_y, row_a = first(y), first(a)
            terms = [(t, p) for t, p in zip(row_y, row_a) if t != 0]
            if len(terms) == 1 and terms[0][0] == 1:
                return f"−ln {show(terms[0][1])}"
            return "−(" + " + ".join(f"{show(t)} × ln {show(p)}" for t, p in terms) + ")"
        sums = np.sum(np.where(y == 0, 0.0, y * bp.log_output(a, self.z_of(known))), axis=-1)
        return f"−(1/{n}) × ({' + '.join(show(s, paren=True) for s in sums)})"

    def mistakes(self, known: Known) -> Iterator[Mistake]:
        y, a, z = known["y"], known[self.output], self.z_of(known)
        logs = bp.log_output(a, z)
        cost, formula, n = bp.cross_entropy_cost(y, logs), self.formula, self.network.examples
        yield Mistake("log-base-10", f"That is the log to base 10; the cost takes the natural log ln: {formula}.",
                      bp.cross_entropy_cost(y, logs / LN_10))
        every_unit = bp.cross_entropy_cost(np.ones_like(y), logs)
        with np.errstate(divide="ignore", invalid="ignore"):
            binary = cost + bp.cross_entropy_cost(1 - y, np.log(1 - a))
        if np.allclose(every_unit, binary, rtol=0.01):
            # When the target's probability is tiny the others add up to nearly 1, and the two slips
            # give the same number: name both.
            yield Mistake("every-unit-counted", f"You added a term for every unit (ln a of each, or the binary "
                                                f"cross-entropy's (1 − y) ln(1 − a)); only the target's units count, "
                                                f"each ln aⱼ weighted by yⱼ: {formula}.", every_unit)
        else:
            yield Mistake("every-unit-counted", f"You added ln a of every unit; only the target's units count, each "
                                                f"ln aⱼ weighted by yⱼ: {formula}.", every_unit)
            yield Mistake("binary-cross-entropy",
                          f"That adds (1 − y) ln(1 − a) for every unit, the binary cross-entropy of separate sigmoids; "
                          f"a softmax output's cost has only the y ln a terms: {formula}.", binary)
        predicted = (a == a.max(axis=-1, keepdims=True)).astype(np.float64)
        if not np.array_equal(predicted, y):
            yield Mistake("predicted-unit", f"You took ln a of the unit the network rates highest; the cost takes "
                                            f"the target's: {formula}.", bp.cross_entropy_cost(predicted, logs))
        if n > 1:
            yield Mistake("factor-n", f"That is the sum over the {n} examples; the cost is their mean: {formula}.",
                          n * cost)
            yield Mistake("factor-n", f"That is the cost divided by n = {n} once too often: {formula}.", cost / n)


class CrossEntropyCostAfter(CostAfter, CrossEntropyCost):
    """C (new): the cross-entropy of the output after the update."""

    def z_of(self, known: Known) -> np.ndarray:
        return self.output_after.link(known, self.output_after.trainable).zs[-1]


class SoftmaxDelta(Delta):
    """δᴸ = ∂Cₓ/∂zᴸ = aᴸ − y at a softmax output under cross-entropy: the Jacobian collapses."""

    def __init__(self, symbols: Symbols, layer: int):
        super().__init__(symbols, layer, of_cost=True)
        self.inputs = ("y", self.a)
        self.formula = f"{self.symbol} = {self._right_side()}"

    def _rule(self) -> str:
        sym, c = self.symbols, self.symbols.cost
        a, z = sym(self.a), sym(self.z)
        return (f"Chain rule through the softmax: ∂{c}/∂{z}ⱼ = Σᵢ ∂{c}/∂{a}ᵢ · ∂{a}ᵢ/∂{z}ⱼ, with "
                f"∂{c}/∂{a}ᵢ = −yᵢ/{a}ᵢ and ∂{a}ᵢ/∂{z}ⱼ = {a}ᵢ([i = j] − {a}ⱼ); since the targets add up to 1, "
                f"everything but {a}ⱼ − yⱼ cancels.")

    def _right_side(self) -> str:
        return f"{self.symbols(self.a)} − {self.symbols.target}"

    def compute(self, known: Known) -> np.ndarray:
        return bp.cost_delta(self.network.loss, known["y"], known[self.a], known[self.z], "softmax")

    def numbers(self, known: Known) -> str:
        return f"{show(first(known[self.a]))} − {show(first(known['y']))}"

    def mistakes(self, known: Known) -> Iterator[Mistake]:
        sym, c = self.symbols, self.symbols.cost
        y, a = known["y"], known[self.a]
        a_s, z_s = sym(self.a), sym(self.z)
        delta = self.compute(known)
        yield Mistake("elementwise-softmax-derivative",
                      f"You multiplied by {a_s}(1 − {a_s}), as if softmax acted on each unit alone. Its Jacobian "
                      f"{a_s}ᵢ([i = j] − {a_s}ⱼ) mixes the units, and with ∂{c}/∂{a_s} = −y/{a_s} it collapses "
                      f"to {self.formula}: drop the factor {a_s}(1 − {a_s}).",
                      delta * a * (1 - a))
        yield Mistake("target-left-out", f"That is {a_s} itself; subtract the target: {self.formula}.",
                      bp.softmax_cross_entropy_delta(np.zeros_like(y), a))
        with np.errstate(divide="ignore", invalid="ignore"):
            at_output = bp.cross_entropy_seed(y, a)
        yield Mistake("gradient-at-output",
                      f"That is ∂{c}/∂{a_s} = −y/{a_s}, the gradient at the softmax's output; {self.symbol} is at "
                      f"its input {z_s}, and through the softmax it becomes {self.formula}.", at_output)
        n = self.network.examples
        if n > 1:
            yield Mistake("factor-n", f"{self.symbol} is per example: it is not divided by n (the 1/n comes in "
                                      f"when the gradients are averaged over the examples).", delta / n)


def cost_rules(symbols: Symbols) -> tuple[type[Cost], type[CostAfter]]:
    """The cost rule and the cost-after-the-update rule of the network's loss."""
    if symbols.network.loss == "cross-entropy":
        return CrossEntropyCost, CrossEntropyCostAfter
    return Cost, CostAfter
