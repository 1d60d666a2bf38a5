"""Fresh numbers for the same network: practice variants a learner can still work by hand.

`variant(network, seed)` keeps the architecture, the activations, the learning rate, the update
rule and every parameter or input that is exactly 0 (a lesson's structure often rests on one), and
draws the other numbers from one-decimal grids (a softmax output's targets stay probabilities:
one-hot rows one-hot). `problems(...)` states the "workable by hand"
rules; a draw that breaks one is thrown away and the next one tried, all from the same seed, so a
seed always gives the same variant.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Mapping

import numpy as np

from .network import Network
from .backprop import Stack, forward
from .quantities import Solution

SATURATED = 2.5  # |z| beyond this flattens σ and tanh: σ′(2.5) ≈ 0.07
LARGEST = 50.0  # no asked value larger than this
TRIES = 400


def _grid(rng: np.random.Generator, shape, low: float, high: float, keep_zeros: np.ndarray) -> np.ndarray:
    """Numbers with one decimal in [low, high], never 0 unless the original was 0 there."""
    steps = np.arange(round(low * 10), round(high * 10) + 1)
    steps = steps[steps != 0]
    values = rng.choice(steps, size=shape) / 10.0
    return np.where(keep_zeros, 0.0, values)


def draw(network: Network, rng: np.random.Generator, fixed: frozenset[str] = frozenset()) -> Network:
    """One candidate: new weights, biases, inputs and targets on the same architecture.

    Names in `fixed` (a0, y, W1, b1, …) keep their values, as do entries that are exactly 0.
    """
    def fresh(name: str, value: np.ndarray, low: float, high: float) -> np.ndarray:
        return value if name in fixed else _grid(rng, value.shape, low, high, value == 0)

    layers = tuple(
        replace(layer, weights=fresh(f"W{l}", layer.weights, -1.5, 1.5), biases=fresh(f"b{l}", layer.biases, -1.0, 1.0))
        for l, layer in enumerate(network.layers, start=1)
    )
    inputs = fresh("a0", network.inputs, -2.0, 2.0)
    output = network.layers[-1].activation
    if "y" in fixed:
        targets = network.targets
    elif output == "softmax":
        targets = _distributions(rng, network.targets)
    elif output == "sigmoid":
        targets = rng.choice([0.0, 0.2, 0.5, 0.8, 1.0], size=network.targets.shape)
    elif output == "tanh":
        targets = rng.choice([-1.0, -0.5, 0.0, 0.5, 1.0], size=network.targets.shape)
    else:
        targets = fresh("y", network.targets, -3.0, 3.0)
    return replace(network, layers=layers, inputs=inputs, targets=targets)


def _distributions(rng: np.random.Generator, targets: np.ndarray) -> np.ndarray:
    """New probability rows for a softmax output: a one-hot row stays one-hot (its 1 moves), any
    other gets tenths that add up to 1."""
    rows = []
    for row in targets:
        if np.count_nonzero(row) == 1:
            rows.append(np.eye(row.size)[rng.integers(row.size)])
        else:
            cuts = np.sort(rng.integers(0, 11, size=row.size - 1))
            rows.append(np.diff(np.concatenate([[0], cuts, [10]])) / 10.0)
    return np.array(rows)


def problems(network: Network, solution: Solution, smallest: Mapping[str, float]) -> list[str]:
    """Which "workable by hand" rules the numbers break (empty: a learner can work it).

    `smallest` maps each asked quantity to the least size its non-zero entries may have: below
    it, rounding to a few significant figures by hand would lose the answer.
    """
    found = []
    for l, layer in enumerate(network.layers, start=1):
        z = solution[f"z{l}"].value
        if layer.activation in ("sigmoid", "tanh") and np.max(np.abs(z)) > SATURATED:
            found.append(f"z{l} saturates {layer.activation} (|z| > {SATURATED})")
        if layer.activation == "relu" and np.min(np.abs(z)) < 0.1:
            found.append(f"z{l} sits on relu's kink (|z| < 0.1)")
    for name, least in smallest.items():
        value = np.asarray(solution[name].value)
        if not np.all(np.isfinite(value)):
            found.append(f"{name} is not finite")
            continue
        if np.max(np.abs(value)) > LARGEST:
            found.append(f"{name} is huge (> {LARGEST})")
        tiny = (np.abs(value) < least) & (value != 0)
        if np.any(tiny):
            found.append(f"{name} has an entry too small to work by hand (< {least:g})")
    return found


def variant(network: Network, seed: int | list[int], check: Callable[[Network], list[str]],
            fixed: frozenset[str] = frozenset()) -> Network:
    """The practice network for `seed`: the first draw for which `check` finds no problem.

    `check(network)` returns the rules a draw breaks (see `problems`; a lesson adds its own
    derived quantities). If no draw in `TRIES` passes, the one with the fewest problems is used.
    """
    rng = np.random.default_rng(seed)
    best, best_count = network, None
    for _ in range(TRIES):
        candidate = draw(network, rng, fixed)
        if network.update == "output-ascent" and "y" not in fixed:
            # The chapter's rule pushes the output up toward a larger target.
            out = float(forward(candidate, Stack.of(candidate)).output.reshape(-1)[0])
            candidate = replace(candidate, targets=np.full_like(candidate.targets, round(out + rng.integers(1, 4), 1)))
        with np.errstate(all="ignore"):
            found = check(candidate)
        if not found:
            return candidate
        if best_count is None or len(found) < best_count:
            best, best_count = candidate, len(found)
    return best
