"""The question before the replay: where does one step with the lesson's first rate put the output?

The learner picks short of the target, on it or past it, and may type where the first weight goes;
`Prediction` keeps both, says whether a typed guess is right without giving the number away, and
after the replay's first step tells the outcome with the chapter's numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tutor.engine.formatting import format_number
from tutor.grading import Tolerance, Verdict, grade
from tutor.lessons import Lesson
from tutor.lessons.experiment import Experiment, default_rates

from .settings import RULE_NAMES


@dataclass
class Prediction:
    """Before the replay: where does one step with the lesson's first rate put the output, and one weight?"""

    rate: float
    start: float  # the output at step 0
    after: float  # the output after one step
    target: float
    output: str  # its symbol, L
    param: str  # the first scalar parameter, w₁
    param_after: float
    others: list[tuple[float, float]]  # the lesson's other rates and where one step puts the output
    rule: str = "output-ascent"  # the lesson's update rule, which the question is about
    rate_name: str = "η"  # the learning rate's symbol in the lesson (α in the chapter's example)
    choice: int | None = None
    guess: Verdict | None = None

    @classmethod
    def of(cls, lesson: Lesson) -> Prediction | None:
        """The lesson's question, or None when its experiment has no single output to aim at a target."""
        rates = default_rates(lesson)
        experiment = Experiment(lesson, rates, 1)
        if not experiment.single_output or len(experiment.columns) < 3:
            return None
        param, params = experiment.columns[0]
        outputs = dict(experiment.columns)[experiment.output_name]
        if not np.isfinite(outputs[:, 1]).all():
            return None
        return cls(rates[0], float(outputs[0, 0]), float(outputs[0, 1]), experiment.target, experiment.output_name,
                   param, float(params[0, 1]), [(rate, float(outputs[r, 1])) for r, rate in enumerate(rates) if r],
                   experiment.rule, experiment.rate_name)

    @property
    def choices(self) -> list[str]:
        target = format_number(self.target)
        short, beyond = ("below", "above") if self.start < self.target else ("above", "below")
        return [f"{short} the target {target} (short of it)", f"on the target {target}",
                f"past the target {target} ({beyond} it)"]

    @property
    def answer(self) -> int:
        """0 short of the target, 1 on it (within 1 %), 2 past it."""
        gap = self.after - self.target
        if abs(gap) <= 0.01 * max(abs(self.target), abs(self.start - self.target)):
            return 1
        return 0 if (gap < 0) == (self.start < self.target) else 2

    def choose(self, choice: int) -> None:
        self.choice = choice

    def guess_param(self, text: str) -> Verdict:
        self.guess = grade(text, self.param_after, Tolerance(), quantity=self.param)
        return self.guess

    def guess_feedback(self) -> str:
        """Right or wrong, without giving the number away before the replay."""
        verdict = self.guess
        if verdict is None:
            return ""
        if verdict.correct:
            return f"✓ {self.param} = {verdict.answer}: right."
        if verdict.status in ("unreadable", "wrong-shape"):
            return f"? {verdict.feedback}"
        return f"✗ Not {verdict.answer}: the replay shows {self.param} after one step."

    def outcome(self) -> str:
        """After the first step: was the prediction right, with the chapter's numbers."""
        where = ["short of", "on", "past"][self.answer]
        said = ""
        if self.choice is not None:
            verdict = "right" if self.choice == self.answer else f"it went {where} it"
            said = f"You said {['short of', 'on', 'past'][self.choice]} the target: {verdict}. "
        rate = self.rate_name
        numbers = (f"With {rate} = {format_number(self.rate)} one step of {RULE_NAMES[self.rule]} carried {self.output} "
                   f"from {format_number(self.start)} to {format_number(self.after)}, {where} the target "
                   f"{format_number(self.target)} ({self.param} became {format_number(self.param_after)})")
        numbers += "".join(f"; with {rate} = {format_number(other)} it lands at {format_number(after)}"
                           for other, after in self.others)
        guess = ""
        if self.guess is not None and self.guess.status not in ("unreadable", "wrong-shape"):
            guess = (f" Your {self.param} = {self.guess.answer}: "
                     f"{'right' if self.guess.correct else 'not quite'}.")
        return said + numbers + "." + guess
