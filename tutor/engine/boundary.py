"""A classifier's decision boundary: its output over a grid of the input plane, and when it got every example right.

For a network with two inputs and one sigmoid output unit (XOR's 2-2-1), the output aᴸ ∈ (0, 1) says
class 1 above ½. `output_grid` runs the forward pass at every point of a grid over the plane, with any
parameters (a step of a training run), so a figure can shade it; `classified_from` reads a training
run for the first step from which every example stays on its target's side of ½.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .backprop import forward_layers
from .network import Network
from .training import Run

THRESHOLD = 0.5  # aᴸ above this is class 1
SQUARE = (-0.5, 1.5)  # the plane drawn around XOR's unit square: every corner has room around it


def draws_boundary(network: Network) -> bool:
    """Whether the network is a two-input classifier with a boundary to draw."""
    return (network.inputs.shape[1] == 2 and network.targets.shape[1] == 1
            and network.layers[-1].activation == "sigmoid")


@dataclass(frozen=True, eq=False)  # eq=False: arrays have no single truth value to compare by
class Grid:
    """The output at the points (xs[j], ys[i]): outputs[i, j], rows bottom (smallest y) first."""

    xs: np.ndarray
    ys: np.ndarray
    outputs: np.ndarray


def output_grid(network: Network, params: dict[str, np.ndarray], columns: int, rows: int,
                span: tuple[float, float] = SQUARE) -> Grid:
    """The network's output with `params` (W1, b1, … of one network) on a columns × rows grid over span²."""
    xs, ys = np.linspace(*span, max(columns, 2)), np.linspace(*span, max(rows, 2))
    points = np.stack(np.meshgrid(xs, ys), axis=-1).reshape(-1, 2)
    weights = [params[f"W{l}"] for l in range(1, network.depth + 1)]
    biases = [params[f"b{l}"] for l in range(1, network.depth + 1)]
    with np.errstate(all="ignore"):
        result = forward_layers(points, weights, biases, [layer.activation for layer in network.layers])
    return Grid(xs, ys, result.output[:, 0].reshape(ys.size, xs.size))


def params_at(result: Run, step: int, r: int = 0) -> dict[str, np.ndarray]:
    """The parameters of rate r's network at `step` of a training run."""
    return {name: history[r, step] for name, history in result.params.items()}


def right_side(outputs: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """Which outputs are on their target's side of ½ (a target of exactly ½ has no side: never right)."""
    return np.where(targets > THRESHOLD, outputs > THRESHOLD, np.where(targets < THRESHOLD, outputs <= THRESHOLD, False))


def classified_from(result: Run, r: int = 0) -> int | None:
    """The first step from which every example stays on the right side of ½ to the end, or None."""
    right = right_side(result.outputs[r], result.network.targets[None]).all(axis=(1, 2))
    if not right[-1]:
        return None
    wrong = np.flatnonzero(~right)
    return int(wrong[-1]) + 1 if wrong.size else 0
