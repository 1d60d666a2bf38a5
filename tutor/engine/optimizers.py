"""Update rules that turn a gradient g into a step: SGD, momentum, RMSprop and Adam.

Each works on a stack of R networks at once (state arrays carry the same leading axis as the
parameters) with one learning rate per network, so a sweep over rates is one NumPy pass.
At step t = 1, 2, …, for each parameter p with gradient g:

  sgd       p ← p − η g
  momentum  v ← μ v + g;                  p ← p − η v                      (μ = 0.9)
  rmsprop   s ← ρ s + (1 − ρ) g²;         p ← p − η g / (√s + ε)           (ρ = 0.9)
  adam      m ← β₁ m + (1 − β₁) g;  v ← β₂ v + (1 − β₂) g²;
            m̂ = m / (1 − β₁ᵗ);  v̂ = v / (1 − β₂ᵗ);  p ← p − η m̂ / (√v̂ + ε)  (β₁ = 0.9, β₂ = 0.999)
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .backprop import gradient_step
from .network import OPTIMIZERS


@dataclass(frozen=True)
class Optimizer:
    """An update rule and its constants (the usual defaults)."""

    name: str = "sgd"
    momentum: float = 0.9
    rho: float = 0.9
    beta1: float = 0.9
    beta2: float = 0.999
    epsilon: float = 1e-8

    def __post_init__(self) -> None:
        if self.name not in OPTIMIZERS:
            raise ValueError(f"unknown optimizer {self.name!r}; expected one of {', '.join(OPTIMIZERS)}")


@dataclass
class OptimizerState:
    """What an optimizer remembers between steps, per parameter name."""

    step: int = 0
    first: dict[str, np.ndarray] = field(default_factory=dict)  # v (momentum) or m (Adam)
    second: dict[str, np.ndarray] = field(default_factory=dict)  # s (RMSprop) or v (Adam)


def _rates(eta: np.ndarray, like: np.ndarray) -> np.ndarray:
    """η with one entry per network, shaped to broadcast against a parameter of the stack."""
    return eta.reshape((-1,) + (1,) * (like.ndim - 1))


def step(optimizer: Optimizer, state: OptimizerState, params: dict[str, np.ndarray],
         grads: dict[str, np.ndarray], learning_rate) -> dict[str, np.ndarray]:
    """New values of `params` (only those with a gradient in `grads`); `state` is advanced in place."""
    state.step += 1
    t = state.step
    eta = np.asarray(learning_rate, dtype=np.float64).reshape(-1)
    out = dict(params)
    for name, g in grads.items():
        p, lr = params[name], _rates(eta, params[name])
        if optimizer.name == "sgd":
            out[name] = gradient_step(p, g, lr)
        elif optimizer.name == "momentum":
            v = optimizer.momentum * state.first.get(name, 0.0) + g
            state.first[name] = v
            out[name] = p - lr * v
        elif optimizer.name == "rmsprop":
            s = optimizer.rho * state.second.get(name, 0.0) + (1 - optimizer.rho) * g**2
            state.second[name] = s
            out[name] = p - lr * g / (np.sqrt(s) + optimizer.epsilon)
        else:  # adam
            m = optimizer.beta1 * state.first.get(name, 0.0) + (1 - optimizer.beta1) * g
            v = optimizer.beta2 * state.second.get(name, 0.0) + (1 - optimizer.beta2) * g**2
            state.first[name], state.second[name] = m, v
            m_hat = m / (1 - optimizer.beta1**t)
            v_hat = v / (1 - optimizer.beta2**t)
            out[name] = p - lr * m_hat / (np.sqrt(v_hat) + optimizer.epsilon)
    return out
