"""The NumPy engine: networks, forward and backward passes, every named quantity, training.

The source of truth for every number a lesson asks. NumPy only, float64; it knows no screen.
"""

from .activations import ACTIVATIONS, activation
from .gradcheck import Nudge, nudge, numerical_gradient, relative_error
from .network import LOSSES, UPDATE_RULES, Layer, Network
from .quantities import PHASES, Quantity, Solution, element, parse_reference, solve
from .optimizers import OPTIMIZERS, Optimizer
from .training import Run, Sweep, gradient_flow, run, sweep, sweep_rates, train

__all__ = [
    "ACTIVATIONS", "LOSSES", "OPTIMIZERS", "PHASES", "UPDATE_RULES",
    "Layer", "Network", "Nudge", "Optimizer", "Quantity", "Run", "Solution", "Sweep",
    "activation", "element", "gradient_flow", "nudge", "numerical_gradient", "parse_reference",
    "relative_error", "run", "solve", "sweep", "sweep_rates", "train",
]
