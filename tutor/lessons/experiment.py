"""A learning-rate experiment on a lesson: what `tutor replay` prints and the experiment screen shows.

`Experiment(lesson, rates, steps, rule)` trains the lesson's network once per rate (one vectorised
run) and lays the history out as the chapter does: a column per scalar parameter (w₁, w₂), per
scalar hidden value (z), the output (L) and the cost (E). Knows the engine and the lesson, no screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from tutor.engine.formatting import format_number
from tutor.engine.notation import Symbols
from tutor.engine.training import Run, run

from .model import Lesson

CHAPTER_EXPERIMENT = "chain-rule"

RULES = {
    "output-ascent": "w ← w + η ∂L/∂w (the chapter's step along the output's gradient)",
    "descent": "w ← w − η ∂E/∂w (gradient descent on the error)",
}


def default_rates(lesson: Lesson) -> list[float]:
    return list(lesson.replay.learning_rates) if lesson.replay else [lesson.network.learning_rate]


def default_steps(lesson: Lesson) -> int:
    return lesson.replay.steps if lesson.replay else 10


@dataclass
class Experiment:
    """One replay: the lesson, its learning rates, how many steps, which update rule."""

    lesson: Lesson
    rates: list[float]
    steps: int
    rule: str | None = None  # None: the lesson's own
    result: Run = field(init=False)
    columns: list[tuple[str, np.ndarray]] = field(init=False)  # (header, values shaped (R, steps + 1))

    def __post_init__(self) -> None:
        self.rule = self.rule or self.lesson.network.update
        self.result = run(self.lesson.network, self.rates, self.steps, update=self.rule)
        self.columns = self._columns()

    @property
    def symbols(self) -> Symbols:
        return Symbols(self.result.network, self.lesson.symbols)

    @property
    def rate_name(self) -> str:
        """The learning rate as the lesson writes it: η, or α in the chapter's worked example."""
        return self.symbols.learning_rate

    @property
    def output_name(self) -> str:
        return self.symbols(f"a{self.result.network.depth}")

    @property
    def cost_name(self) -> str:
        return self.symbols("loss")

    @property
    def single_output(self) -> bool:
        """One example and one output unit: the plot can show the output itself against the target."""
        return self.result.outputs.shape[-1] == 1 and self.result.network.examples == 1

    @property
    def target(self) -> float | None:
        return float(self.result.network.targets[0, 0]) if self.single_output else None

    def _columns(self) -> list[tuple[str, np.ndarray]]:
        network, result, sym = self.result.network, self.result, self.symbols
        forward = result.forward()
        columns = []
        for name in network.trainable_names():
            values = result.params[name]
            if values[0, 0].size == 1:
                columns.append((sym(name), values.reshape(values.shape[0], values.shape[1])))
        for l in range(1, network.depth):
            z = forward.zs[l - 1]
            if network.examples == 1 and z.shape[-1] == 1:
                columns.append((sym(f"z{l}"), z[..., 0, 0]))
        if self.single_output:
            columns.append((self.output_name, result.outputs[..., 0, 0]))
        columns.append((self.cost_name, result.loss))
        return columns

    def last_step(self, r: int) -> int:
        """The last step with numbers for rate r (the step before it diverged, if it did)."""
        return int(self.result.diverged_at[r]) - 1 if self.result.diverged(r) else self.result.steps

    def rows(self, r: int, upto: int | None = None) -> list[list[str]]:
        """The table of rate r, header first, up to step `upto` (default: every step it has)."""
        stop = min(self.last_step(r), self.result.steps if upto is None else upto)
        rows = [["step"] + [header for header, _ in self.columns]]
        for s in range(stop + 1):
            rows.append([str(s)] + [format_number(values[r, s]) for _, values in self.columns])
        return rows

    def divergence(self, r: int) -> str | None:
        """The message for a rate that blew up, or None."""
        if not self.result.diverged(r):
            return None
        rate = self.rate_name
        return (f"{rate} = {format_number(self.rates[r])} diverged at step {self.result.diverged_at[r]}: "
                f"the values grew without bound; try a smaller {rate}")

    def heading(self) -> str:
        trained = ", ".join(self.symbols(name) for name in self.result.network.trainable_names())
        rule = RULES[self.rule].replace("∂E", f"∂{self.cost_name}").replace("η", self.rate_name)
        steps = f"{self.steps} step{'s' if self.steps != 1 else ''}"
        return f"{self.lesson.title}  ({self.lesson.id})\nupdate: {rule}; trains {trained}; {steps}"
