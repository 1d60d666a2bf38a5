"""The sweep: ~100 learning rates around the replay's own, each run for the replay's steps at once.

`RateSweep` keeps the final cost of every swept rate (one vectorised run, `tutor.engine.sweep`) and
of the replay's own rates, and turns them into the sweep's plot (the final cost against η on a log
axis) and the sentence under it: where the cost is lowest, from where it diverges (or, when no rate
blows up within the steps, from where it ends higher than it started, and how high), how yours ended.
The experiment screen and `tutor replay --sweep` both show it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tutor.engine import Sweep, sweep, sweep_rates
from tutor.engine.formatting import format_number
from tutor.figures import COLORS, Figure, sweep_figure
from tutor.lessons import Lesson

from .settings import RULE_NAMES


@dataclass(frozen=True)
class RateSweep:
    """The swept rates (`around`) and the replay's own (`yours`), under one update rule."""

    rule: str
    rates: tuple[float, ...]  # the replay's own, in the order of their colours
    steps: int
    cost: str  # the cost's symbol, C
    around: Sweep
    yours: Sweep
    start: float  # the cost before the first step, the same for every rate
    rate: str = "η"  # the learning rate's symbol in the lesson (α in the chapter's example)

    @classmethod
    def run(cls, lesson: Lesson, rule: str, rates: tuple[float, ...], steps: int, cost: str,
            rate: str = "η") -> RateSweep:
        network = lesson.network
        start = float(np.sum(lesson.solution()["loss"].value))
        return cls(rule, rates, steps, cost, sweep(network, sweep_rates(list(rates)), steps, rule),
                   sweep(network, list(rates), steps, rule), start, rate)

    def figure(self) -> Figure:
        colors = [COLORS[self.rates.index(rate)] for rate in self.yours.learning_rates.tolist()]
        figure = sweep_figure(self.around, self.yours, self.cost, colors, self.rate)
        figure.title += f" · {RULE_NAMES[self.rule]}, {self.steps} steps"
        figure.short_title = f"final {self.cost} against {self.rate} · {RULE_NAMES[self.rule]}"
        return figure

    def summary(self, switch: str = "u switches to descent") -> str:
        """Where the cost is lowest, where it diverges or grows, how the replay's rates ended;
        `switch` says how to change to descent (a key in the app, an option on the command line)."""
        cost, result, eta = self.cost, self.around, self.rate
        text = f"Lowest {cost} after {self.steps} steps at {eta} ≈ {format_number(result.best())}"
        edge = result.edge()
        text += f"; diverges from {eta} ≈ {format_number(edge)} on." if edge is not None else f". {self._growth()}"
        yours = [f"{eta} = {format_number(rate)} diverged at step {gone}" if gone >= 0
                 else f"{eta} = {format_number(rate)} ends at {cost} = {format_number(loss)}"
                 for rate, loss, gone in zip(self.yours.learning_rates, self.yours.final_loss, self.yours.diverged_at)]
        text += " Yours: " + ", ".join(yours) + "."
        if self.rule == "output-ascent":
            text += f" The chapter's rule keeps pushing the output up and never settles: {switch}."
        return text

    def _growth(self) -> str:
        """What happened when no rate blew up: did the cost grow anywhere, and how far?"""
        rates, final, cost, eta = self.around.learning_rates, self.around.final_loss, self.cost, self.rate
        grows = final > self.start
        if not grows.any():
            return f"Every rate brings {cost} down from {format_number(self.start)} in {self.steps} steps."
        first, worst = int(np.argmax(grows)), int(np.argmax(final))
        where = "on" if grows[first:].all() else "and at some rates above it"
        return (f"None blew up within {self.steps} steps, but from {eta} ≈ {format_number(rates[first])} {where} {cost} "
                f"ends higher than it started ({format_number(self.start)}): up to {format_number(final[worst])} "
                f"at {eta} ≈ {format_number(rates[worst])}.")
