"""The NumPy engine: networks, forward and backward passes, every named quantity, training.

The source of truth for every number a lesson asks. NumPy only, float64; it knows no screen.
Names are imported on first use, so a command that only solves a lesson does not pay for the
training, optimizer and finite-difference modules.
"""

from __future__ import annotations

import importlib

_HOMES = {
    "ACTIVATIONS": "activations", "activation": "activations",
    "LOSSES": "network", "UPDATE_RULES": "network", "Layer": "network", "Network": "network",
    "PHASES": "quantities", "Quantity": "quantities", "Solution": "quantities", "element": "quantities",
    "parse_reference": "quantities", "solve": "quantities",
    "Nudge": "gradcheck", "nudge": "gradcheck", "numerical_gradient": "gradcheck", "relative_error": "gradcheck",
    "OPTIMIZERS": "network", "Optimizer": "optimizers",
    "Run": "training", "Sweep": "training", "gradient_flow": "training", "run": "training",
    "sweep": "training", "sweep_rates": "training",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str):
    if name not in _HOMES:
        raise AttributeError(f"module 'tutor.engine' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_HOMES[name]}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
