"""Training for N steps, for many learning rates at once.

`run` stacks one copy of the network per learning rate and steps them all together, so a sweep of a
hundred rates is one NumPy pass per step, not a Python loop per rate. Any optimizer (SGD, momentum,
RMSprop, Adam) and full-batch, mini-batch or one-example-at-a-time (SGD) batches. A rate whose values blow up
(non-finite, or larger than `DIVERGED`) is marked as diverged at that step and its later values are NaN,
so a plot line simply stops there.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterator

import numpy as np

from . import backprop as bp
from .network import Network
from .optimizers import Optimizer, OptimizerState, step

DIVERGED = 1e30  # a cost past this is taken as divergence even while it is still finite


@dataclass(frozen=True, eq=False)  # eq=False: arrays have no single truth value to compare by
class Run:
    """The history of R copies of one network, trained with R learning rates. Step 0 is the start."""

    network: Network
    learning_rates: np.ndarray  # (R,)
    params: dict[str, np.ndarray]  # name → (R, steps + 1, *shape)
    outputs: np.ndarray  # (R, steps + 1, n, output units)
    loss: np.ndarray  # (R, steps + 1)
    diverged_at: np.ndarray  # (R,): the first step whose values blew up, or −1

    @property
    def steps(self) -> int:
        return self.loss.shape[1] - 1

    def diverged(self, r: int) -> bool:
        return bool(self.diverged_at[r] >= 0)

    def forward(self) -> bp.Pass:
        """The forward pass at every step of every rate: zs and activations shaped (R, steps + 1, n, units)."""
        rates, count = self.loss.shape
        stack = bp.Stack(
            [self.params[f"W{l}"].reshape(rates * count, *self.params[f"W{l}"].shape[2:]) for l in range(1, self.network.depth + 1)],
            [self.params[f"b{l}"].reshape(rates * count, -1) for l in range(1, self.network.depth + 1)],
        )
        with np.errstate(all="ignore"):
            result = bp.forward(self.network, stack)
        unflatten = lambda a: a.reshape(rates, count, *a.shape[1:])
        return bp.Pass([unflatten(z) for z in result.zs],
                       [np.broadcast_to(result.activations[0], (rates, count) + result.activations[0].shape[1:])]
                       + [unflatten(a) for a in result.activations[1:]])

    def final_loss(self) -> np.ndarray:
        """The last cost of each rate (inf for a rate that diverged)."""
        return np.where(self.diverged_at >= 0, np.inf, self.loss[:, -1])


def run(network: Network, learning_rates, steps: int, update: str | None = None, *,
        optimizer: Optimizer | str = "sgd", batch_size: int | None = None, seed: int = 0) -> Run:
    """Train one copy of `network` per learning rate for `steps` steps.

    The update rule (`update`, default the network's) decides what is followed: the cost's gradient
    (descent) or the output's (output-ascent); `optimizer` decides how a gradient becomes a step.
    With `batch_size`, each step sees the next mini-batch of a shuffled pass over the examples
    (seeded, so a run is reproducible); the recorded cost is always over all the examples.
    """
    if update is not None and update != network.update:
        network = replace(network, update=update)
    if isinstance(optimizer, str):
        optimizer = Optimizer(optimizer)
    rates = np.asarray(learning_rates, dtype=np.float64).reshape(-1)
    stack = bp.Stack.of(network, rates.size)
    batches = _batches(network.examples, batch_size, seed)
    trainable = network.trainable_names()
    state = OptimizerState()
    history = {name: [value.copy()] for name, value in stack.named().items()}
    outputs, losses = [], []
    with np.errstate(all="ignore"):
        for index in range(steps + 1):
            result = bp.forward(network, stack)
            outputs.append(result.output)
            losses.append(bp.cost(network, result))
            if index == steps:
                break
            params = stack.named()
            params.update(optimizer_step(optimizer, state, network.subset(next(batches)), stack, trainable, rates))
            stack = bp.Stack.from_named(params, network.depth)
            for name, value in params.items():
                history[name].append(value.copy())
    return _finish(network, rates, history, outputs, losses)


def resume(result: Run, steps: int) -> Run:
    """`result` trained `steps` more steps by full-batch SGD from where it stopped, its history joined on.

    For a screen that draws training as it runs: plain gradient descent on every example keeps no state
    between steps, so training in pieces gives the numbers of one long run (momentum, RMSprop, Adam and
    shuffled mini-batches do keep state: train those in one go). A run that diverged stays as it is.
    """
    if result.diverged_at.max() >= 0 or steps < 1:
        return result
    if result.learning_rates.size != 1:
        raise ValueError("resume continues one learning rate at a time")
    last = {name: history[0, -1] for name, history in result.params.items()}
    more = run(result.network.with_parameters(last), result.learning_rates, steps)
    joined = lambda old, new: np.concatenate([old, new[:, 1:]], axis=1)  # step 0 of `more` is the last step
    return Run(result.network, result.learning_rates,
               {name: joined(history, more.params[name]) for name, history in result.params.items()},
               joined(result.outputs, more.outputs), joined(result.loss, more.loss),
               np.where(more.diverged_at >= 0, more.diverged_at + result.steps, -1))


def optimizer_step(optimizer: Optimizer, state: OptimizerState, batch: Network, stack: bp.Stack,
                   trainable: list[str], rates: np.ndarray) -> dict[str, np.ndarray]:
    """One optimizer step on `batch` for every network of the stack: the new trainable parameters."""
    result = bp.forward(batch, stack)
    grads = bp.rule_gradients(batch, stack, result).named()
    sign = -1.0 if batch.update == "output-ascent" else 1.0  # ascent on L is descent on −L
    wanted = {name: sign * grads[f"d{name}"] for name in trainable}
    return {name: value for name, value in step(optimizer, state, stack.named(), wanted, rates).items()
            if name in wanted}


def _batches(examples: int, batch_size: int | None, seed: int) -> Iterator[np.ndarray]:
    """Index sets, one per step: all examples, or mini-batches of a reshuffled pass each epoch."""
    if batch_size is None or batch_size >= examples:
        while True:
            yield np.arange(examples)
    rng = np.random.default_rng(seed)
    while True:
        order = rng.permutation(examples)
        for start in range(0, examples - batch_size + 1, batch_size):
            yield order[start:start + batch_size]


def _finish(network: Network, rates: np.ndarray, history: dict[str, list[np.ndarray]],
            outputs: list[np.ndarray], losses: list[np.ndarray]) -> Run:
    """Stack the history and blank every value from the step a rate diverged at."""
    params = {name: np.stack(values, axis=1) for name, values in history.items()}
    out, loss = np.stack(outputs, axis=1), np.stack(losses, axis=1)
    blown = ~np.isfinite(loss) | (np.abs(loss) > DIVERGED)
    diverged_at = np.where(blown.any(axis=1), blown.argmax(axis=1), -1)
    # After divergence the numbers mean nothing: blank them so lines stop where the rate blew up.
    steps_axis = np.arange(loss.shape[1])
    gone = (diverged_at[:, None] >= 0) & (steps_axis[None, :] >= diverged_at[:, None])
    loss = np.where(gone, np.nan, loss)
    out = np.where(gone[:, :, None, None], np.nan, out)
    params = {k: np.where(gone.reshape(gone.shape + (1,) * (v.ndim - 2)), np.nan, v) for k, v in params.items()}
    return Run(network, rates, params, out, loss, diverged_at)


def gradient_flow(network: Network, activation_name: str | None = None) -> np.ndarray:
    """Mean |δˡ| over examples and units for each layer l = 1…L: how much error reaches each layer.

    With `activation_name`, every layer uses that activation instead (same weights), to compare how
    sigmoid, tanh and relu let the gradient through a deep chain; a softmax output stays, as its
    cross-entropy cost needs it.
    """
    if activation_name is not None:
        swapped = lambda layer: layer if layer.activation == "softmax" else replace(layer, activation=activation_name)
        network = replace(network, layers=tuple(swapped(layer) for layer in network.layers))
    stack = bp.Stack.of(network)
    with np.errstate(all="ignore"):
        result = bp.forward(network, stack)
        deltas = bp.cost_gradients(network, stack, result).deltas
    return np.array([float(np.mean(np.abs(delta))) for delta in deltas])


@dataclass(frozen=True, eq=False)  # eq=False: arrays have no single truth value to compare by
class Sweep:
    """The cost after a fixed number of steps, for each of many learning rates (one vectorised run)."""

    learning_rates: np.ndarray  # (R,), increasing
    final_loss: np.ndarray  # (R,): inf where the rate diverged
    diverged_at: np.ndarray  # (R,): the step it diverged at, or −1

    def best(self) -> float:
        """The rate with the lowest final cost: the sweet spot."""
        return float(self.learning_rates[int(np.argmin(self.final_loss))])

    def edge(self) -> float | None:
        """The smallest rate that diverged: the edge of divergence (None if none did)."""
        gone = np.flatnonzero(self.diverged_at >= 0)
        return float(self.learning_rates[gone[0]]) if gone.size else None


def sweep_rates(around, count: int = 100) -> np.ndarray:
    """`count` rates evenly spaced on a log axis, from 1/100 of the smallest to 50 times the largest."""
    around = np.asarray(around, dtype=np.float64)
    return np.geomspace(around.min() / 100, around.max() * 50, count)


def sweep(network: Network, learning_rates, steps: int, update: str | None = None, **options) -> Sweep:
    """The final cost of every learning rate after `steps` steps, all rates trained together."""
    rates = np.sort(np.asarray(learning_rates, dtype=np.float64).reshape(-1))
    result = run(network, rates, steps, update, **options)
    return Sweep(rates, result.final_loss(), result.diverged_at)
