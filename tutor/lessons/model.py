"""A lesson as the app and the command line use it: its network, its steps, and their answers.

A `Lesson` is made by `tutor.lessons.loader` from a TOML file (see lessons/README.md for the format)
and is immutable; its texts are already filled in from the engine (`tutor.lessons.placeholders`).
Every number it asks comes from the engine: `lesson.solution()` computes them all, and
`lesson.solution(accepted)` recomputes them from the values a learner already had accepted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Mapping

import numpy as np

from tutor.engine.formatting import format_value
from tutor.engine.network import Network
from tutor.engine.quantities import Solution, element, parse_reference, solve, values
from tutor.engine.shapes import as_matrix, shape_hints, shape_of, written
from tutor.expressions import Expression

from .derived import Derived, add_derived, derived_values, network_names
from .requirements import Requirement

READING = "reading"
SHAPE = re.compile(r"^\s*shape\s*\(\s*(.*?)\s*\)\s*$")
SHAPE_FORMAT = "Answer rows×columns: 4x5, 4×5 and (4, 5) read the same; a column vector's shape may be just its length."


def parse_ask(text: str) -> tuple[str, tuple[int, ...] | None, bool]:
    """What a step asks: 'dW2[0,1]' → ('dW2', (0, 1), False); 'shape(dW1)' → ('dW1', None, True).

    ValueError when it is neither a quantity, one element of one, nor shape(quantity).
    """
    match = SHAPE.match(text)
    try:
        name, index = parse_reference(text if match is None else match.group(1))
    except ValueError:
        raise ValueError(f"{text!r} is not a quantity name like dW2, one element like dW2[0,1], "
                         f"or a shape like shape(dW2)") from None
    if match is None:
        return name, index, False
    if index is not None:
        raise ValueError(f"{text!r}: shape(…) asks the shape of a whole quantity, like shape(dW1)")
    return name, None, True


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
        """The quantity asked ('dW2' for 'dW2[0,1]' and for 'shape(dW2)'), or None for a reading step."""
        return None if self.ask is None else parse_ask(self.ask)[0]

    @property
    def element(self) -> tuple[int, ...] | None:
        return None if self.ask is None else parse_ask(self.ask)[1]

    @property
    def asks_shape(self) -> bool:
        """Whether the step asks the quantity's shape (`shape(dW1)`), not its value."""
        return self.ask is not None and parse_ask(self.ask)[2]

    @property
    def gives_value(self) -> bool:
        """Whether an answer is the whole quantity's value, which later steps then follow through from."""
        return self.ask is not None and self.element is None and not self.asks_shape

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
        """The value `step` asks for (one element when it asks for one; rows, columns for a shape)."""
        solution = solution or self.solution()
        if step.asks_shape:
            return np.array(as_matrix(shape_of(solution, step.name)), dtype=np.float64)
        return element(solution[step.name].value, step.element)

    def shown(self, step: Step, solution: Solution | None = None) -> str:
        """The answer to `step` as a reveal writes it: '0.25, -0.5', or '2×3' for a shape."""
        solution = solution or self.solution()
        if step.asks_shape:
            return written(shape_of(solution, step.name))
        return format_value(self.expected(step, solution))

    def phase(self, step: Step, solution: Solution | None = None) -> str:
        if step.is_reading:
            return READING
        return (solution or self.solution())[step.name].phase

    def symbol(self, step: Step, solution: Solution | None = None) -> str:
        quantity = (solution or self.solution())[step.name]
        if step.asks_shape:
            return f"shape of {quantity.symbol}"
        if step.element is None:
            return quantity.symbol
        return f"{quantity.symbol}[{','.join(str(i) for i in step.element)}]"

    def question(self, step: Step, solution: Solution | None = None) -> str:
        """What the learner is asked: the lesson's words, or 'Compute z₁, the weighted input of layer 1.'"""
        if step.question or step.is_reading:
            return step.question
        solution = solution or self.solution()
        quantity = solution[step.name]
        if step.asks_shape:
            meaning = quantity.meaning.split(" (")[0]  # not "(one row per example)": one example is a column
            return f"What is the shape of {quantity.symbol}, {meaning}? {SHAPE_FORMAT}"
        return f"Compute {self.symbol(step, solution)}, {quantity.meaning}."

    def hints(self, step: Step, solution: Solution | None = None) -> list[str]:
        """Three hints of growing help: the rule, the formula in symbols, the formula with numbers."""
        if step.hints:
            return list(step.hints)
        if step.is_reading:
            return []
        solution = solution or self.solution()
        if step.asks_shape:
            return shape_hints(solution, step.name)
        quantity = solution[step.name]
        return [quantity.rule, quantity.formula, quantity.substituted]

    def tolerance_for(self, step: Step) -> ToleranceRule:
        return step.tolerance or self.tolerance
