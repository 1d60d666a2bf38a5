"""Training for N steps, for many learning rates at once.

`run` stacks one copy of the network per learning rate and steps them all together, so a sweep of a
hundred rates is one NumPy pass per step, not a Python loop per rate. A rate whose values blow up
(non-finite, or larger than `DIVERGED`) is marked as diverged at that step and its later values are NaN,
so a plot line simply stops there.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from . import backprop as bp
from .network import Network

DIVERGED = 1e30  # a cost past this is taken as divergence even while it is still finite


@dataclass(frozen=True)
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


def run(network: Network, learning_rates, steps: int, update: str | None = None) -> Run:
    """Train one copy of `network` per learning rate for `steps` steps of its update rule."""
    if update is not None and update != network.update:
        network = replace(network, update=update)
    rates = np.asarray(learning_rates, dtype=np.float64).reshape(-1)
    count = rates.size
    stack = bp.Stack.of(network, count)
    history = {name: [value.copy()] for name, value in stack.named().items()}
    outputs, losses = [], []
    diverged_at = np.full(count, -1)
    with np.errstate(all="ignore"):
        for step in range(steps + 1):
            result = bp.forward(network, stack)
            loss = bp.cost(network, result)
            outputs.append(result.output)
            losses.append(loss)
            blown = ~np.isfinite(loss) | (np.abs(loss) > DIVERGED)
            diverged_at = np.where((diverged_at < 0) & blown, step, diverged_at)
            if step == steps:
                break
            stack = bp.update(network, stack, bp.rule_gradients(network, stack, result), rates)
            for name, value in stack.named().items():
                history[name].append(value.copy())
    params = {name: np.stack(values, axis=1) for name, values in history.items()}
    out, loss = np.stack(outputs, axis=1), np.stack(losses, axis=1)
    # After divergence the numbers mean nothing: blank them so lines stop where the rate blew up.
    steps_axis = np.arange(steps + 1)
    gone = (diverged_at[:, None] >= 0) & (steps_axis[None, :] >= diverged_at[:, None])
    loss = np.where(gone, np.nan, loss)
    out = np.where(gone[:, :, None, None], np.nan, out)
    params = {k: np.where(gone.reshape(gone.shape + (1,) * (v.ndim - 2)), np.nan, v) for k, v in params.items()}
    return Run(network, rates, params, out, loss, diverged_at)


def train(network: Network, steps: int) -> Run:
    """Train the network with its own learning rate (a run with one rate)."""
    return run(network, [network.learning_rate], steps)
