"""A lesson as the app and the command line use it: its network, its steps, and their answers.

A `Lesson` is made by `tutor.lessons.loader` from a TOML file (see lessons/README.md for the format)
and is immutable; its texts are already filled in from the engine (`tutor.lessons.placeholders`).
Every number it asks comes from the engine: `lesson.solution()` computes them all, and
`lesson.solution(accepted)` recomputes them from the values a learner already had accepted.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Mapping

import numpy as np

from tutor.engine.network import Network
from tutor.engine.quantities import Solution, element, parse_reference, solve, values
from tutor.expressions import Expression

from .derived import Derived, add_derived, derived_values, network_names
from .requirements import Requirement

READING = "reading"


@dataclass(frozen=True)
class ToleranceRule:
    """When an answer counts as right: it agrees with the engine to `sig_figs` significant figures."""

    sig_figs: int = 3


@dataclass(frozen=True)
class ExpectedMistake:
    """A mistake a lesson expects on a step: the wrong value as a formula, and what to say."""

    expression: Expression
    message: str

    @property
    def formula(self) -> str:
        return self.expression.source


@dataclass(frozen=True)
class Step:
    """One step of a lesson: a quantity to compute (`ask`), or a page to read."""

    index: int
    ask: str | None = None
    title: str = ""
    text: str = ""
    question: str = ""
    hints: tuple[str, ...] = ()
    tolerance: ToleranceRule | None = None
    mistakes: tuple[ExpectedMistake, ...] = ()

    @property
    def name(self) -> str | None:
        """The quantity asked ('dW2' for 'dW2[0,1]'), or None for a reading step."""
        return None if self.ask is None else parse_reference(self.ask)[0]

    @property
    def element(self) -> tuple[int, ...] | None:
        return None if self.ask is None else parse_reference(self.ask)[1]

    @property
    def key(self) -> str:
        """A name for this step that survives edits to other steps (progress is saved by it)."""
        return self.ask if self.ask is not None else f"page-{self.index + 1}"

    @property
    def is_reading(self) -> bool:
        return self.ask is None


@dataclass(frozen=True)
class Replay:
    """The learning-rate experiment a lesson replays."""

    learning_rates: tuple[float, ...]
    steps: int = 10


@dataclass(frozen=True)
class TrainingRun:
    """One curve of a lesson's training plot: an optimizer, a batch size and a learning rate."""

    label: str
    optimizer: str = "sgd"
    batch_size: int | None = None  # None: every example at each step (full batch)
    learning_rate: float | None = None  # None: the network's


@dataclass(frozen=True, eq=False)  # eq=False: arrays have no single truth value to compare by
class Training:
    """What a lesson's loss-curve plot trains: how long, which seed, which curves."""

    steps: int = 100
    seed: int = 0
    runs: tuple[TrainingRun, ...] = ()
    inputs: np.ndarray | None = None  # a data set of its own (default: the network's examples)
    targets: np.ndarray | None = None


@dataclass(frozen=True, eq=False)  # eq=False: arrays have no single truth value to compare by
class Lesson:
    """One lesson of the course."""

    path: Path
    id: str
    title: str
    network: Network
    steps: tuple[Step, ...]
    summary: str = ""
    section: str = ""
    minutes: int | None = None
    intro: str = ""
    outro: str = ""
    symbols: Mapping[str, str] = field(default_factory=dict)
    tolerance: ToleranceRule = ToleranceRule()
    derived: tuple[Derived, ...] = ()
    replay: Replay | None = None
    format_version: int = 1
    practice_fixed: frozenset[str] = frozenset()  # given values practice variants keep
    training: Training | None = None
    practice_requires: tuple[Requirement, ...] = ()  # what the text relies on; variants keep it true
    # The lesson as written, its texts with {{placeholders}}; practice variants fill them in again.
    template: Lesson | None = field(default=None, repr=False, compare=False)
    _solved: dict = field(default_factory=dict, init=False, repr=False, compare=False)  # see solution()

    def solution(self, accepted: Mapping[str, np.ndarray] | None = None) -> Solution:
        """Every quantity of the lesson, the derived ones included, in order.

        The engine's own solution (nothing accepted) is worked out once per lesson and shared:
        treat it as read-only.
        """
        if not accepted and "engine" in self._solved:
            return self._solved["engine"]
        with np.errstate(all="ignore"):
            solution = solve(self.network, accepted, self.symbols)
            add_derived(solution, self.derived, accepted or {})
        if not accepted:
            self._solved["engine"] = solution
        return solution

    def remember(self, solution: Solution) -> None:
        """Take `solution` as this lesson's engine solution: whoever made the lesson had worked it out."""
        self._solved["engine"] = solution

    def values(self) -> dict[str, np.ndarray]:
        """Every quantity's value, derived ones included, and η and n: what formulas and texts quote.

        The same numbers as `solution()`, without writing its hints and worked lines, so practice
        can try many draws quickly.
        """
        with np.errstate(all="ignore"):
            return derived_values({**network_names(self.network), **values(self.network, self.symbols)}, self.derived)

    def trains(self) -> bool:
        """Whether a loss curve means something here: gradient descent on the cost."""
        return self.network.update == "descent" and bool(self.network.trainable_names())

    def training_plan(self) -> tuple[Training, Network]:
        """What the loss-curve plot trains (default: one full-batch run with its own η) and on which data."""
        training = self.training or Training(runs=(TrainingRun("gradient descent (full batch)"),))
        network = self.network
        if training.inputs is not None:
            network = replace(network, inputs=training.inputs, targets=training.targets)
        return training, network

    def training_curves(self) -> list[tuple[TrainingRun, "Run"]]:
        """The training runs of the lesson's loss-curve plot, each trained to the end."""
        from tutor.engine.training import run

        training, network = self.training_plan()
        return [
            (spec, run(network, [spec.learning_rate or network.learning_rate], training.steps,
                       optimizer=spec.optimizer, batch_size=spec.batch_size, seed=training.seed))
            for spec in training.runs
        ]

    def asked_steps(self) -> list[Step]:
        return [step for step in self.steps if not step.is_reading]

    def step_for(self, reference: str) -> Step:
        """The step that asks `reference` ('dW2' or 'dW2[0,1]'), or a step of its own for any other quantity."""
        reference = reference.replace(" ", "")
        return next((step for step in self.steps if step.ask == reference), Step(-1, reference))

    def expected(self, step: Step, solution: Solution | None = None) -> np.ndarray:
        """The value `step` asks for (one element when it asks for one)."""
        solution = solution or self.solution()
        return element(solution[step.name].value, step.element)

    def phase(self, step: Step, solution: Solution | None = None) -> str:
        if step.is_reading:
            return READING
        return (solution or self.solution())[step.name].phase

    def symbol(self, step: Step, solution: Solution | None = None) -> str:
        quantity = (solution or self.solution())[step.name]
        if step.element is None:
            return quantity.symbol
        return f"{quantity.symbol}[{','.join(str(i) for i in step.element)}]"

    def question(self, step: Step, solution: Solution | None = None) -> str:
        """What the learner is asked: the lesson's words, or 'Compute z₁, the weighted input of layer 1.'"""
        if step.question or step.is_reading:
            return step.question
        solution = solution or self.solution()
        return f"Compute {self.symbol(step, solution)}, {solution[step.name].meaning}."

    def hints(self, step: Step, solution: Solution | None = None) -> list[str]:
        """Three hints of growing help: the rule, the formula in symbols, the formula with numbers."""
        if step.hints:
            return list(step.hints)
        if step.is_reading:
            return []
        quantity = (solution or self.solution())[step.name]
        return [quantity.rule, quantity.formula, quantity.substituted]

    def tolerance_for(self, step: Step) -> ToleranceRule:
        return step.tolerance or self.tolerance
