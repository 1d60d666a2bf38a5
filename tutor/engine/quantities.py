"""Every named quantity of a lesson's network, in the order a learner computes them.

`solve(network)` returns a `Solution`: for each name (`z1`, `a1`, `loss`, `delta2`, `dW2`, `W2_new`, …)
its value, its phase, how it is written (`∂C/∂W₂`), and three hints of growing help: the rule that
applies, the formula in symbols, and the formula with the numbers put in.

Each quantity is computed by a rule (`engine.rules`) from other named values, so
`solve(network, accepted)` can recompute everything downstream of the values a learner already had
accepted (follow-through), and `solution.mistakes(name)` gives the classic wrong versions of a
quantity, computed from those same values.

Names (layer l = 1…L; per-example quantities have one row per example):
  given     a0 (the input x), y (targets), W{l}, b{l}
  forward   z{l}, a{l}
  loss      loss                         C = 1/(2n) Σₓ ‖y − aᴸ‖², or −(1/n) Σₓ y · ln aᴸ after a softmax
  backward  delta{l}, dW{l}, db{l}       δˡ = ∂Cₓ/∂zˡ, ∂C/∂Wˡ, ∂C/∂bˡ
            da{l}                        ∂Cₓ/∂aˡ = (Wˡ⁺¹)ᵀ δˡ⁺¹ for l = 0 … L−1 (da0: ∂Cₓ/∂x)
            dL_dz{l}, dL_da{l}, dL_dW{l}, dL_db{l}
                                         the output's own gradients (one output, and one example or the
                                         output-ascent rule)
  update    W{l}_new, b{l}_new           after one step of the update rule (trainable ones)
            a{L}_new, loss_new           the output and the cost after that step
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator, Mapping

import numpy as np

from .network import Network
from .notation import Symbols, show
from .rules import Mistake, Rule, build

PHASES = ("given", "forward", "loss", "backward", "update")
Values = Mapping[str, np.ndarray]


@dataclass(frozen=True, eq=False)  # eq=False: arrays have no single truth value to compare by
class Quantity:
    """One named quantity: its value and how a learner gets to it."""

    name: str
    phase: str
    symbol: str  # as the chapter writes it: z₁, δ₂, ∂C/∂W₂
    meaning: str  # one line: what it is
    rule: str  # hint 1: which rule applies
    formula: str  # hint 2: the formula in symbols
    value: np.ndarray
    substituted: str = ""  # hint 3: the formula with the numbers put in, without the result
    inputs: tuple[str, ...] = ()  # the names it is computed from
    worked: str = ""  # the worked line: formula = numbers = value
    trivial: bool = False  # it only restates another quantity or a constant (a = z under the identity)

    @property
    def per_example(self) -> bool:
        return self.name[:1] in "za" or re.match(r"(delta|dL_dz|da|dL_da)\d+$", self.name) is not None


@dataclass(eq=False)  # eq=False: arrays have no single truth value to compare by
class Solution:
    """The worked solution of one network: every quantity, in order."""

    network: Network
    quantities: dict[str, Quantity] = field(default_factory=dict)
    rules: dict[str, Rule] = field(default_factory=dict, repr=False)
    symbols: Symbols | None = field(default=None, repr=False)  # how this lesson writes its quantities

    def __getitem__(self, name: str) -> Quantity:
        return self.quantities[name]

    def __contains__(self, name: object) -> bool:
        return name in self.quantities

    def names(self, phase: str | None = None) -> list[str]:
        return [n for n, q in self.quantities.items() if phase is None or q.phase == phase]

    def values(self) -> dict[str, np.ndarray]:
        return {n: q.value for n, q in self.quantities.items()}

    def mistakes(self, name: str) -> list[Mistake]:
        """The classic wrong versions of quantity `name`, from the values this solution holds."""
        rule = self.rules.get(name)
        if rule is None:
            return []
        with np.errstate(all="ignore"):
            return list(rule.mistakes(self.values()))

    def walk(self) -> list[str]:
        """The default lesson: every forward quantity, the loss, every gradient backward, the update."""
        net = self.network
        names = [f"{kind}{l}" for l in range(1, net.depth + 1) for kind in ("z", "a")] + ["loss"]
        prefix = ("dL_dz", "dL_dW", "dL_db") if net.update == "output-ascent" else ("delta", "dW", "db")
        for l in range(net.depth, 0, -1):
            names += [f"{p}{l}" for p in prefix]
        names += [f"{p}_new" for p in net.trainable_names()]
        return names


ELEMENT = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:\[\s*(\d+)\s*(?:,\s*(\d+)\s*)?\])?\s*$")


def parse_reference(text: str) -> tuple[str, tuple[int, ...] | None]:
    """'dW2[0,1]' → ('dW2', (0, 1)); 'loss' → ('loss', None). ValueError if it is not such a name."""
    match = ELEMENT.match(text)
    if not match:
        raise ValueError(f"{text!r} is not a quantity name like dW2 or one element like dW2[0,1]")
    name, i, j = match.groups()
    index = None if i is None else tuple(int(k) for k in (i, j) if k is not None)
    return name, index


def element(value: np.ndarray, index: tuple[int, ...] | None) -> np.ndarray:
    """The element `index` of a quantity (0-based); a 1-index on a single-row matrix reads along the row."""
    if index is None:
        return value
    array = np.asarray(value)
    if len(index) == 1 and array.ndim == 2 and array.shape[0] == 1:
        array = array[0]
    elif len(index) == 1 and array.ndim == 2 and array.shape[1] == 1:
        array = array[:, 0]
    if len(index) != array.ndim or any(not 0 <= k < s for k, s in zip(index, array.shape)):
        shape = "×".join(str(s) for s in np.shape(value)) or "a single number"
        raise IndexError(f"index {list(index)} is outside this quantity ({shape}); indices start at 0")
    return np.asarray(array[index], dtype=np.float64)


def computed(symbols: Symbols, accepted: Values | None = None) -> Iterator[tuple[Rule, np.ndarray, dict]]:
    """Each rule of the network in order, with its value and every value known so far.

    Names in `accepted` take the learner's values instead of the engine's, and everything computed
    after them follows from those values.
    """
    accepted = dict(accepted or {})
    known: dict[str, np.ndarray] = {}
    with np.errstate(all="ignore"):
        for rule in build(symbols):
            value = accepted[rule.name] if rule.name in accepted else rule.compute(known)
            known[rule.name] = np.asarray(value, dtype=np.float64)
            yield rule, known[rule.name], known


def values(network: Network, symbols: Mapping[str, str] | None = None) -> dict[str, np.ndarray]:
    """Every quantity's value and nothing else: what practice draws need, many times, quickly."""
    known: dict[str, np.ndarray] = {}
    for _, _, known in computed(Symbols(network, symbols)):
        pass
    return dict(known)


def solve(network: Network, accepted: Values | None = None, symbols: Mapping[str, str] | None = None) -> Solution:
    """Compute every quantity of `network`, with its hints and worked line.

    Names in `accepted` take the learner's values instead of the engine's (follow-through).
    `symbols` renames how quantities are written (a lesson's choice, e.g. a2 → "L").
    """
    solution = Solution(network, symbols=Symbols(network, symbols))
    for rule, value, known in computed(solution.symbols, accepted):
        solution.rules[rule.name] = rule
        solution.quantities[rule.name] = Quantity(
            rule.name, rule.phase, rule.symbol, rule.meaning, rule.rule, rule.formula, value,
            rule.substituted(known), rule.inputs, rule.worked(known, value), rule.trivial,
        )
    return solution
