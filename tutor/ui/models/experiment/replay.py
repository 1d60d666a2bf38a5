"""The experiment screen's state: the rates, the replay's step, the table, the notes and the plot.

`ExperimentState` holds what the screen shows and what its keys change; the screen only draws it,
so the tests can drive a replay without Textual. The numbers come from
`tutor.lessons.experiment.Experiment` (one vectorised run per update rule); the question before the
replay is a `Prediction`, the sweep of ~100 rates a `RateSweep`.
"""

from __future__ import annotations

import math

from tutor.engine.formatting import format_number
from tutor.figures import COLORS, TARGET_COLOR, Figure, Series, span, step_ticks
from tutor.lessons import Lesson
from tutor.lessons.experiment import Experiment, default_rates, default_steps

from .prediction import Prediction
from .settings import RULE_NAMES, RULES, parse_rates, parse_steps, rule_formula
from .sweep import RateSweep


class ExperimentState:
    """One learning-rate experiment on a lesson, replayed step by step under one or both update rules."""

    def __init__(self, lesson: Lesson, rates: list[float] | None = None, steps: int | None = None,
                 rule: str | None = None):
        self.lesson = lesson
        self.rates = list(rates or default_rates(lesson))
        self.steps = steps or default_steps(lesson)
        self.rule = lesson.network.update
        self.step = 0
        self.both = False
        self.sweeping = False
        self.playing = False
        self.input_error = ""
        self._experiments: dict[tuple, Experiment] = {}
        self._sweeps: dict[tuple, RateSweep] = {}
        single_unit = self.experiment().result.outputs.shape[-1] == 1
        self.rules = RULES if single_unit else (self.rule,)
        if rule in self.rules:
            self.rule = rule  # shown first; the prediction stays about the lesson's own rule
        self.prediction = Prediction.of(lesson)
        self.predicting = self.prediction is not None

    # ---- the runs -------------------------------------------------------------------------------
    def experiment(self, rule: str | None = None) -> Experiment:
        """The replay under `rule` (default: the one shown first), computed once per rates and steps."""
        rule = rule or self.rule
        key = (rule, tuple(self.rates), self.steps)
        if key not in self._experiments:
            self._experiments[key] = Experiment(self.lesson, self.rates, self.steps, rule)
        return self._experiments[key]

    @property
    def shown_rules(self) -> list[str]:
        return [self.rule, self.other_rule] if self.both and self.other_rule else [self.rule]

    @property
    def other_rule(self) -> str | None:
        return next((rule for rule in self.rules if rule != self.rule), None)

    @property
    def finished(self) -> bool:
        return self.step >= self.steps

    # ---- what the keys do -----------------------------------------------------------------------
    def set_rates(self, text: str) -> bool:
        """Take the learner's rates; on bad input keep the old ones and say why (`input_error`)."""
        try:
            self.rates = parse_rates(text)
        except ValueError as error:
            self.input_error = f"{error} The rates stay {self.rates_text()}."
            return False
        self.input_error = ""
        return True

    def set_steps(self, text: str) -> bool:
        try:
            self.steps = parse_steps(text)
        except ValueError as error:
            self.input_error = f"{error} It stays {self.steps}."
            return False
        self.input_error = ""
        self.step = min(self.step, self.steps)
        return True

    def rates_text(self) -> str:
        return ", ".join(format_number(rate) for rate in self.rates)

    def advance(self) -> bool:
        """One step further (the first one ends the prediction); False at the last step."""
        self.predicting = False
        if self.finished:
            return False
        self.step += 1
        return True

    def reset(self) -> None:
        self.step = 0
        self.playing = False

    def toggle_both(self) -> None:
        self.both = not self.both and len(self.rules) > 1

    def switch_rule(self) -> None:
        self.rule = self.other_rule or self.rule

    # ---- the table ------------------------------------------------------------------------------
    def header(self) -> list[str]:
        experiment = self.experiment()
        return ["step", experiment.rate_name] + experiment.rows(0, upto=0)[0][1:]

    def rows_at(self, step: int) -> list[list[str]]:
        """The table's rows for one step: one per rate, the step written on the first."""
        return self._grouped(step, step)

    def table(self) -> list[list[str]]:
        """Header first, then every step so far, the rates of each step together."""
        return [self.header()] + self._grouped(0, self.step)

    def _grouped(self, first: int, last: int) -> list[list[str]]:
        experiment = self.experiment()
        by_rate = [experiment.rows(r, upto=last)[1:] for r in range(len(self.rates))]  # one call per rate
        blank = [""] * (len(experiment.columns) - 1)
        rows = []
        for step in range(first, last + 1):
            group = []
            for r, rate in enumerate(self.rates):
                if step < len(by_rate[r]):
                    values = by_rate[r][step][1:]
                elif step == experiment.result.diverged_at[r]:
                    values = ["diverged", *blank]
                else:
                    continue
                group.append(["" if group else str(step), format_number(rate), *values])
            rows += group
        return rows

    # ---- what the notes say ---------------------------------------------------------------------
    def divergences(self) -> list[str]:
        """A sentence per rate that has blown up by the step on screen (per rule when both are shown)."""
        lines = []
        for rule in self.shown_rules:
            experiment = self.experiment(rule)
            for r in range(len(self.rates)):
                message = experiment.divergence(r)
                if message and self.step >= experiment.result.diverged_at[r]:
                    lines.append(f"{RULE_NAMES[rule]}: {message}" if self.both else message)
        return lines

    def outcome(self) -> str:
        """The prediction's verdict, once the replay has taken the step it was about (if one was made)."""
        prediction = self.prediction
        if (prediction is None or self.predicting or self.step < 1
                or (prediction.choice is None and prediction.guess is None)):
            return ""
        return prediction.outcome()

    def outcome_verdict(self) -> str:
        """'right' or 'wrong' for the where-does-it-land choice once it is told, else ''."""
        prediction = self.prediction
        if not self.outcome() or prediction.choice is None:
            return ""
        return "right" if prediction.choice == prediction.answer else "wrong"

    def explanation(self) -> str:
        experiment = self.experiment()
        out, cost, rate = experiment.output_name, experiment.cost_name, experiment.rate_name
        if not self.both:
            other = " · b shows both rules" if len(self.rules) > 1 else ""
            return f"{RULE_NAMES[self.rule].capitalize()}: {rule_formula(self.rule, cost, rate)}{other}."
        return (f"The chapter's rule steps by {rate}·∂{out}/∂w whatever {out} is, so {out} runs on past the target. "
                f"Descent steps by {rate}·({out} − target)·∂{out}/∂w, so its steps shrink near the target: "
                f"small {rate} creeps, larger {rate} overshoots and oscillates, too large diverges.")

    def status(self) -> str:
        if self.sweeping:
            return f"sweep · {RULE_NAMES[self.rule]}"
        if self.predicting:
            return "predict first · space starts"
        return f"step {self.step} of {self.steps}" + (" · playing" if self.playing else "")

    # ---- the plots ------------------------------------------------------------------------------
    def figure(self, rule: str | None = None) -> Figure:
        """The output (or the cost) against the step up to the step on screen, one line per rate."""
        rule = rule or self.rule
        experiment = self.experiment(rule)
        result = experiment.result
        single = experiment.single_output
        name = experiment.output_name if single else experiment.cost_name
        values = result.outputs[:, :, 0, 0] if single else result.loss
        lines = []
        for r, rate in enumerate(self.rates):
            last = min(experiment.last_step(r), self.step)
            gone = result.diverged(r) and self.step >= result.diverged_at[r]
            label = f"{experiment.rate_name} = {format_number(rate)}" + (f" · diverged at step {result.diverged_at[r]}" if gone else "")
            lines.append(Series(label, list(range(last + 1)), values[r, :last + 1].tolist(), COLORS[r]))
        # The frame fits the rates that stay finite; one that blows up leaves through its edge.
        calm = [v for r, line in enumerate(lines) if not result.diverged(r) for v in line.y]
        seen = calm or [v for line in lines for v in line.y]
        if single:
            seen.append(experiment.target)
        low, high = _margin(seen)
        # The target first, so the rates' lines are drawn over it where they cross.
        target = [Series(f"target {format_number(experiment.target)}", [0, self.steps], [experiment.target] * 2,
                         TARGET_COLOR)] if single else []
        return Figure(title=f"{name} against the step · {RULE_NAMES[rule]}",
                      short_title=f"{name} · {RULE_NAMES[rule]}", xlabel="step",
                      series=target + [Series(line.label, *_clip(line.x, line.y, low, high), line.color)
                                       for line in lines],
                      xticks=step_ticks(self.steps), xlim=(0.0, float(self.steps)), ylim=(low, high))

    # ---- the sweep ------------------------------------------------------------------------------
    def sweep(self) -> RateSweep:
        """~100 rates around the replay's (one vectorised run), and the replay's own rates."""
        rates = tuple(self.rates)
        key = (self.rule, rates, self.steps)
        if key not in self._sweeps:
            self._sweeps[key] = RateSweep.run(self.lesson, self.rule, rates, self.steps, self.experiment().cost_name,
                                                self.experiment().rate_name)
        return self._sweeps[key]


def _margin(values: list[float]) -> tuple[float, float]:
    """The frame for `values`: the span of those that can be drawn (`figures.span`), and 8 % more."""
    low, high = span(values)
    pad = 0.08 * (high - low)
    return low - pad, high + pad


def _clip(xs: list[float], ys: list[float], low: float, high: float) -> tuple[list[float], list[float]]:
    """A line cut where it first leaves [low, high], ending on the edge (plotext must never be asked to
    draw far outside its limits: it fills the gap point by point)."""
    out_x, out_y = [], []
    for i, (x, y) in enumerate(zip(xs, ys)):
        if low <= y <= high:
            out_x.append(float(x))
            out_y.append(float(y))
            continue
        if i and out_y and not math.isnan(y):
            edge = high if y > high else low
            x0, y0 = out_x[-1], out_y[-1]
            out_x.append(x0 + (edge - y0) / (y - y0) * (float(x) - x0))
            out_y.append(edge)
        break
    return out_x, out_y
