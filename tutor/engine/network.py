"""A feed-forward network in the chapter's notation, with its data and how it learns.

Layer l computes zˡ = Wˡ aˡ⁻¹ + bˡ and aˡ = σ(zˡ), with a⁰ = x. `weights` has one row per unit of
layer l and one column per unit of layer l − 1. Examples are rows: `inputs` is (n, units of a⁰) and
`targets` is (n, units of aᴸ).

Two update rules are known:

* ``descent`` (the default): every trainable parameter moves against the cost's gradient,
  W ← W − η ∂C/∂W, with the chapter's cost C = 1/(2n) Σₓ ‖y(x) − aᴸ(x)‖² (``mse``) or, for a
  softmax output, the cross-entropy C = −(1/n) Σₓ Σⱼ yⱼ ln aᴸⱼ (``cross-entropy``).
* ``output-ascent``: the chapter's worked example (L = g(f(x, w₁), w₂)), which steps each parameter
  along the output's own gradient, w ← w + η ∂L/∂w, to push the output L up toward a larger target.
  L is the mean over examples of the single output unit.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from .activations import ACTIVATIONS

UPDATE_RULES = ("descent", "output-ascent")
LOSSES = ("mse", "cross-entropy")
DISTRIBUTION_SLACK = 1e-9  # how far a cross-entropy target row's sum may be from 1 (decimals in binary)
OPTIMIZERS = ("sgd", "momentum", "rmsprop", "adam")  # how a gradient becomes a step (engine.optimizers)


@dataclass(frozen=True, eq=False)  # eq=False: arrays have no single truth value to compare by
class Layer:
    """One layer: zˡ = Wˡ aˡ⁻¹ + bˡ, aˡ = σ(zˡ)."""

    weights: np.ndarray  # (units, units of the previous layer)
    biases: np.ndarray  # (units,)
    activation: str = "sigmoid"

    @property
    def units(self) -> int:
        return self.weights.shape[0]


@dataclass(frozen=True, eq=False)  # eq=False: arrays have no single truth value to compare by
class Network:
    """A network, the examples it sees, and the update it makes (one lesson's mathematics)."""

    layers: tuple[Layer, ...]
    inputs: np.ndarray  # (n, units of a⁰)
    targets: np.ndarray  # (n, units of aᴸ)
    learning_rate: float = 0.5
    loss: str = "mse"
    update: str = "descent"
    trainable: frozenset[str] | None = None  # names like "W1", "b2"; None means every parameter

    def __post_init__(self) -> None:
        layers = tuple(
            Layer(_matrix(layer.weights), np.asarray(layer.biases, dtype=np.float64).reshape(-1), layer.activation)
            for layer in self.layers
        )
        object.__setattr__(self, "layers", layers)
        object.__setattr__(self, "inputs", _matrix(self.inputs))
        object.__setattr__(self, "targets", _matrix(self.targets))
        object.__setattr__(self, "learning_rate", float(self.learning_rate))
        if self.trainable is not None:
            object.__setattr__(self, "trainable", frozenset(self.trainable))
        problems = self.problems()
        if problems:
            raise ValueError("; ".join(problems))

    # --- what the network is -------------------------------------------------------------
    @property
    def depth(self) -> int:
        """L, the number of layers."""
        return len(self.layers)

    @property
    def examples(self) -> int:
        """n, the number of training examples."""
        return self.inputs.shape[0]

    def parameter_names(self) -> list[str]:
        """W1, b1, W2, b2, … in layer order."""
        return [f"{kind}{l}" for l in range(1, self.depth + 1) for kind in ("W", "b")]

    def trainable_names(self) -> list[str]:
        names = self.parameter_names()
        return names if self.trainable is None else [n for n in names if n in self.trainable]

    def parameters(self) -> dict[str, np.ndarray]:
        """Every parameter by name (copies)."""
        out: dict[str, np.ndarray] = {}
        for l, layer in enumerate(self.layers, start=1):
            out[f"W{l}"] = layer.weights.copy()
            out[f"b{l}"] = layer.biases.copy()
        return out

    def subset(self, examples: np.ndarray) -> "Network":
        """The same network seeing only some of its examples (a mini-batch)."""
        if len(examples) == self.examples:
            return self
        return replace(self, inputs=self.inputs[examples], targets=self.targets[examples])

    def with_parameters(self, params: dict[str, np.ndarray]) -> "Network":
        """The same network with some parameters replaced."""
        layers = tuple(
            replace(layer, weights=params.get(f"W{l}", layer.weights), biases=params.get(f"b{l}", layer.biases))
            for l, layer in enumerate(self.layers, start=1)
        )
        return replace(self, layers=layers)

    def problems(self) -> list[str]:
        """What is inconsistent about this network, in words (empty when it is sound)."""
        found: list[str] = []
        if not self.layers:
            return ["a network needs at least one layer"]
        previous = self.inputs.shape[1]
        for l, layer in enumerate(self.layers, start=1):
            rows, cols = layer.weights.shape
            if cols != previous:
                found.append(f"W{l} has {cols} columns but layer {l - 1} has {previous} units")
            if layer.biases.shape != (rows,):
                found.append(f"b{l} has {layer.biases.size} entries but W{l} has {rows} rows")
            if layer.activation not in ACTIVATIONS:
                found.append(f"layer {l}: unknown activation {layer.activation!r}")
            previous = rows
        if self.targets.shape != (self.examples, previous):
            found.append(
                f"targets are {self.targets.shape[0]}×{self.targets.shape[1]} but need one row per example "
                f"({self.examples}) and one column per output unit ({previous})"
            )
        if self.loss not in LOSSES:
            found.append(f"unknown loss {self.loss!r}")
        found += self._softmax_problems()
        if self.update not in UPDATE_RULES:
            found.append(f"unknown update rule {self.update!r}")
        if self.update == "output-ascent" and previous != 1:
            found.append("the output-ascent rule needs a single output unit")
        if self.trainable is not None:
            unknown = sorted(self.trainable - set(self.parameter_names()))
            if unknown:
                found.append(f"trainable names unknown parameters: {', '.join(unknown)}")
        return found

    def _softmax_problems(self) -> list[str]:
        """Softmax only as the output, with two units or more, and only with cross-entropy (and back)."""
        found = []
        last = self.layers[-1]
        for l, layer in enumerate(self.layers[:-1], start=1):
            if layer.activation == "softmax":
                found.append(f"layer {l}: softmax is allowed only on the output layer")
        if last.activation == "softmax" and last.units < 2:
            found.append("a softmax output needs at least 2 units (over one unit it is always 1)")
        if last.activation == "softmax" and self.loss != "cross-entropy":
            found.append("a softmax output is trained with the cross-entropy loss")
        if self.loss == "cross-entropy":
            if last.activation != "softmax":
                found.append("the cross-entropy loss needs a softmax output layer")
            found += [f"target row {i}: {problem}" for i, problem in distribution_problems(self.targets)]
        return found


def distribution_problems(targets: np.ndarray) -> list[tuple[int, str]]:
    """(row, what is wrong) for each row of `targets` that is not a probability distribution."""
    found = []
    for i, row in enumerate(np.asarray(targets, dtype=np.float64)):
        if np.any(row < 0):
            found.append((i, f"entry {int(np.argmax(row < 0))} is negative ({row[row < 0][0]:g}); "
                             "probabilities are 0 or more"))
        elif abs(row.sum() - 1.0) > DISTRIBUTION_SLACK:
            found.append((i, f"its entries sum to {row.sum():g}, not 1"))
    return found


def _matrix(value) -> np.ndarray:
    array = np.asarray(value, dtype=np.float64)
    if array.ndim == 1:
        array = array.reshape(1, -1)
    return array
