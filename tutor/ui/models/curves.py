"""The loss-curves screen's numbers in plain Python: each training run's cost, and the gradient flow.

`CurvesState(lesson)` measures mean |δˡ| per layer (`tutor.engine.gradient_flow`) with the lesson's
activations and with sigmoid, tanh and relu in every layer; `train()` trains the lesson's runs once
(`Lesson.training_curves()`). The screen only draws the figures built here. Both plots use log₁₀ values with
labels at the decades, so a plateau at 0.03 and an escape to 0.0008 are both visible.

A lesson whose network is a two-input classifier (XOR) also gets its decision boundary: the output over
the plane at the latest step trained. Full-batch SGD runs train `EVERY` steps at a time (`training()`),
so the screen can redraw the curve and the boundary as they go.
"""

from __future__ import annotations

import math
from typing import Iterator

import numpy as np

from tutor.engine import gradient_flow
from tutor.engine.boundary import classified_from, draws_boundary, output_grid, params_at, right_side
from tutor.engine.formatting import format_number
from tutor.engine.training import resume, run
from tutor.lessons import Lesson

from tutor.figures import COLORS, Figure, Series, boundary_figure, decade_ticks, log10, shading_key, step_ticks

ACTIVATIONS = ("sigmoid", "tanh", "relu")
EVERY = 10  # steps trained between two redraws, when the runs train as the screen watches
SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def log_ticks(low: float, high: float) -> tuple[list[float], list[str]]:
    """Ticks between low and high on a log₁₀ axis: the decades, with 2× and 5× when there are few."""
    positions, labels = decade_ticks(low, high)
    ticks = list(zip(positions, labels))
    if math.floor(high) - math.ceil(low) < 2:
        ticks = sorted(ticks + [(p + math.log10(m), format_number(m * 10.0**p)) for p in positions for m in (2, 5)])
    inside = [(p, label) for p, label in ticks if low <= p <= high]
    return [p for p, _ in inside], [label for _, label in inside]


def no_curves(lesson: Lesson) -> str:
    """Why a lesson has no loss curves to show (it trains nothing, or climbs instead of descending)."""
    if lesson.network.update != "descent":
        return ("This lesson steps along ∂L/∂w (the chapter's rule), not down a cost, so there is no loss "
                "curve to watch: its experiment (x) replays the steps instead.")
    return "This lesson trains no parameters, so there is no loss curve to show."


class CurvesState:
    """What the curves screen shows for one lesson."""

    def __init__(self, lesson: Lesson):
        self.lesson = lesson
        self.curves: list = []  # (TrainingRun, Run) per run, once `train` has run
        self.steps_trained = 0  # so far, while `training()` runs
        layers = lesson.network.layers
        # A softmax output stays when the others are tried (gradient_flow keeps it): it is not compared.
        own = {layer.activation for layer in layers if layer.activation != "softmax"}
        self.own = own.pop() if len(own) == 1 else None  # the lesson's one activation, if it has one
        # The lesson's own first, then the others: one press of `a` compares.
        self.activations: list[str | None] = [None] + [a for a in ACTIVATIONS if a != self.own]
        self.flows = {name: gradient_flow(lesson.network, name) for name in self.activations}
        self.shown = 0

    @property
    def activation(self) -> str | None:
        return self.activations[self.shown]

    def activation_name(self) -> str:
        """The activation whose bars are shown, in words."""
        if self.activation is None:
            return f"{self.own} (the lesson's)" if self.own else "the lesson's activations"
        return self.activation

    def next_activation(self) -> None:
        self.shown = (self.shown + 1) % len(self.activations)

    # ---- the loss curves ------------------------------------------------------------------------
    def train(self) -> None:
        """Train the lesson's runs (hundreds of steps each: the screen does this in a thread)."""
        self.curves = self.lesson.training_curves() if self.lesson.trains() else []
        self.steps_trained = self.planned_steps

    @property
    def planned_steps(self) -> int:
        """How many steps each run trains in the end."""
        return self.lesson.training_plan()[0].steps

    def trains_live(self) -> bool:
        """Whether the runs can be trained a piece at a time: every one is full-batch SGD (no state)."""
        training, _ = self.lesson.training_plan()
        return self.lesson.trains() and all(spec.optimizer == "sgd" and spec.batch_size is None
                                            for spec in training.runs)

    def training(self, every: int = EVERY) -> Iterator[int]:
        """Train the runs `every` steps at a time, yielding the steps trained so far after each piece
        (step 0 first); a lesson whose runs cannot be trained in pieces is trained in one go."""
        if not self.trains_live():
            self.train()
            yield self.planned_steps
            return
        training, network = self.lesson.training_plan()
        self.curves = [(spec, run(network, [spec.learning_rate or network.learning_rate], 0)) for spec in training.runs]
        self.steps_trained = 0
        yield 0
        while self.steps_trained < training.steps:
            piece = min(every, training.steps - self.steps_trained)
            self.curves = [(spec, resume(result, piece)) for spec, result in self.curves]  # a diverged run stays
            self.steps_trained += piece
            yield self.steps_trained

    def labels(self) -> list[str]:
        return [spec.label for spec, _ in self.curves]

    def final_costs(self) -> list[float]:
        return [float(result.loss[0][np.isfinite(result.loss[0])][-1]) if np.isfinite(result.loss[0]).any()
                else math.nan for _, result in self.curves]

    def curves_figure(self) -> Figure:
        """The cost per step of every run, on a log axis, one colour each."""
        cost = self.lesson.symbols.get("loss", "C")
        figure = Figure(title=f"training cost {cost} against the step (log scale)",
                        short_title=f"{cost} per step (log)", xlabel="step")
        seen = []
        for number, (spec, result) in enumerate(self.curves):
            values = log10(result.loss[0])
            keep = np.isfinite(values)
            figure.series.append(Series(spec.label, np.flatnonzero(keep).tolist(), values[keep].tolist(),
                                        COLORS[number % len(COLORS)]))
            seen += values[keep].tolist()
        steps = max(self.planned_steps, 1)  # the whole axis from the start: a live curve grows along it
        figure.xticks, figure.xlim = step_ticks(steps), (0.0, float(steps))
        if seen:
            low, high = min(seen), max(seen)
            pad = max(0.05 * (high - low), 0.02)
            figure.ylim = (low - pad, high + pad)
            figure.yticks = log_ticks(low - pad, high + pad)
        return figure

    def curves_summary(self) -> str:
        """Which runs got off the plateau (ended below half the worst final cost) and which did not."""
        finals = [(cost, label) for cost, label in zip(self.final_costs(), self.labels()) if math.isfinite(cost)]
        if not finals:
            return ""
        worst = max(cost for cost, _ in finals)
        off = [f"{label} to {format_number(cost, 2)}" for cost, label in finals if cost < worst / 2]
        stuck = [label for cost, label in finals if cost >= worst / 2]
        steps = self.curves[0][1].steps
        if not off:
            return f"After {steps} steps every run ends near {format_number(worst, 2)}."
        return (f"After {steps} steps {', '.join(off)} got down; "
                f"{len(stuck)} other{'s' if len(stuck) != 1 else ''} stayed near {format_number(worst, 2)}"
                + (" (their lines lie on top of each other)." if len(stuck) > 1 else "."))

    # ---- the decision boundary ------------------------------------------------------------------
    def draws_boundary(self) -> bool:
        return self.lesson.trains() and draws_boundary(self.lesson.training_plan()[1])

    def boundary_figure(self, columns: int, rows: int) -> Figure:
        """The first run's output over the plane at its latest step (the start before any training),
        on a grid of columns × rows points, with the examples on it by class."""
        _, network = self.lesson.training_plan()
        params = params_at(self.curves[0][1], -1) if self.curves else network.parameters()
        grid = output_grid(network, params, columns, rows)
        figure = boundary_figure(grid, network.inputs, network.targets, self._output_name())
        step = self.curves[0][1].steps if self.curves else 0
        figure.title += f" · step {step}"
        figure.short_title = f"boundary · step {step}"
        return figure

    def boundary_key(self) -> str:
        """What the boundary's characters mean."""
        return shading_key(self._output_name())

    def _output_name(self) -> str:
        depth = self.lesson.network.depth
        return self.lesson.symbols.get(f"a{depth}", f"a{depth}".translate(SUBSCRIPTS))

    def boundary_summary(self) -> str:
        """How many examples the first run puts on their class's side of ½ now, and since when all of them."""
        if not self.curves:
            return ""
        result = self.curves[0][1]
        outputs = result.outputs[0, -1]
        if not np.isfinite(outputs).all():
            return f"{self.curves[0][0].label} diverged: no boundary to draw."
        right = int(right_side(outputs, result.network.targets).sum())
        count = result.network.examples
        since = classified_from(result)
        told = f"Step {result.steps}: {right} of {count} points on their class's side of ½"
        if since is None:
            return told + "."
        return told + (" from the start." if since == 0 else f", every one of them since step {since}.")

    # ---- the gradient flow ----------------------------------------------------------------------
    def flow(self) -> np.ndarray:
        return self.flows[self.activation]

    def flow_figure(self) -> Figure:
        """Mean |δˡ| per layer as bars on a log axis, layer 1 (the input side) on top, values beside the names.

        Horizontal, because a row of text is one step of resolution and a column a fifth of it. The axis
        is the same for every activation, so switching compares lengths, not scales."""
        everything = log10(np.concatenate(list(self.flows.values())))
        everything = everything[np.isfinite(everything)]
        floor = float(np.floor(everything.min())) if everything.size else -1.0
        top = float(np.ceil(everything.max())) if everything.size else 0.0
        top = top if top > everything.max() + 0.1 else top + 0.5  # room after the longest bar
        values = self.flow()
        names = [f"δ{str(layer).translate(SUPERSCRIPTS)} = {format_number(v, 2)}" for layer, v in enumerate(values, 1)]
        lengths = [float(h) if np.isfinite(h) else floor for h in log10(values)]
        names, lengths = names[::-1], lengths[::-1]  # plotext puts the first bar at the bottom
        return Figure(title=f"mean |δˡ| per layer, input side on top · {self.activation_name()}",
                      short_title=f"mean |δˡ| per layer · {self.activation_name()}",
                      series=[Series("", names, lengths, COLORS[0], "hbars")],
                      bar_floor=floor, xlim=(floor, top), xticks=decade_ticks(floor, top),
                      ylim=(0.5, len(names) + 0.5), yticks=(list(range(1, len(names) + 1)), names))

    def flow_summary(self) -> str:
        values = self.flow()
        if values.size < 2 or not np.isfinite(values).all() or values[-1] == 0:
            return ""
        with np.errstate(over="ignore"):
            share = values[0] / values[-1]
        if not np.isfinite(share):
            return ""
        last = str(values.size).translate(SUPERSCRIPTS)
        name = self.activation_name()
        return (f"{name[:1].upper()}{name[1:]}: layer 1 gets {format_number(100 * share, 3)} % of the output "
                f"layer's error term (|δ¹| = {format_number(values[0], 2)} against |δ{last}| = "
                f"{format_number(values[-1], 2)}).")
