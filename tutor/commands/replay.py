"""`tutor replay`: a learning-rate experiment as tables and a terminal plot, or as JSON.

With no LESSON it replays the chapter's: L = g(f(x, w₁), w₂) stepped with η = 0.2 and η = 0.1.
"""

from __future__ import annotations

import os
import shutil
import sys

import numpy as np

from tutor.engine import Run, Sweep, run, sweep, sweep_rates
from tutor.engine.formatting import format_number
from tutor.engine.recipes import Symbols
from tutor.lessons import Lesson

from .common import lesson_or_exit, plain, print_json

CHAPTER_EXPERIMENT = "chain-rule"


def replay(args) -> int:
    lesson = lesson_or_exit(args.lesson or CHAPTER_EXPERIMENT)
    rates = args.rates or list(lesson.replay.learning_rates if lesson.replay else [lesson.network.learning_rate])
    steps = args.steps or (lesson.replay.steps if lesson.replay else 10)
    if args.sweep:
        return _sweep(lesson, rates, steps, args)
    result = run(lesson.network, rates, steps, update=args.rule)
    if args.json:
        print_json(as_json(lesson, result))
        return 0
    print(heading(lesson, result))
    columns = Columns(lesson, result)
    for r, rate in enumerate(result.learning_rates):
        print(f"\nη = {format_number(rate)}")
        print(columns.table(r))
        if result.diverged(r):
            print(f"  diverged at step {result.diverged_at[r]}: the values grew without bound; try a smaller η")
    print()
    print(plot(lesson, result, columns))
    return 0


def as_json(lesson: Lesson, result: Run) -> dict:
    runs = []
    for r, rate in enumerate(result.learning_rates):
        steps = [
            {"step": s,
             "params": {name: plain(history[r, s]) for name, history in result.params.items()},
             "output": plain(result.outputs[r, s]),
             "loss": plain(result.loss[r, s])}
            for s in range(result.steps + 1)
        ]
        diverged = int(result.diverged_at[r]) if result.diverged(r) else None
        runs.append({"learning_rate": float(rate), "diverged_at": diverged, "steps": steps})
    return {"lesson": lesson.id, "update": result.network.update, "runs": runs}


def heading(lesson: Lesson, result: Run) -> str:
    rule = ("w ← w + η ∂L/∂w (the chapter's step along the output's gradient)"
            if result.network.update == "output-ascent" else "w ← w − η ∂C/∂w (gradient descent on the cost)")
    trained = ", ".join(result.network.trainable_names())
    return (f"{lesson.title}  ({lesson.id})\nupdate: {rule}; trains {trained}; "
            f"{result.steps} step{'s' if result.steps != 1 else ''}")


class Columns:
    """What the table shows at each step: scalar parameters, scalar hidden z, the output and the cost."""

    def __init__(self, lesson: Lesson, result: Run):
        sym = Symbols(result.network, lesson.symbols)
        network, self.result = result.network, result
        scalar_example = network.examples == 1
        forward = result.forward()
        self.columns: list[tuple[str, np.ndarray]] = []  # (header, values (R, steps + 1))
        for name in network.trainable_names():
            values = result.params[name]
            if values[0, 0].size == 1:
                self.columns.append((sym(name), values.reshape(values.shape[0], values.shape[1])))
        for l in range(1, network.depth):
            z = forward.zs[l - 1]
            if scalar_example and z.shape[-1] == 1:
                self.columns.append((sym(f"z{l}"), z[..., 0, 0]))
        self.output_name = sym(f"a{network.depth}")
        if result.outputs.shape[-1] == 1 and scalar_example:
            self.columns.append((self.output_name, result.outputs[..., 0, 0]))
        self.columns.append((lesson.symbols.get("loss", "C"), result.loss))

    def table(self, r: int) -> str:
        rows = [["step"] + [header for header, _ in self.columns]]
        stop = self.result.diverged_at[r] if self.result.diverged(r) else self.result.steps + 1
        for s in range(stop):
            rows.append([str(s)] + [format_number(values[r, s]) for _, values in self.columns])
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        return "\n".join("  " + "  ".join(cell.rjust(w) for cell, w in zip(row, widths)) for row in rows)


def plot(lesson: Lesson, result: Run, columns: Columns) -> str:
    """The output (or, for bigger networks, the cost) against the step, one line per rate."""
    import plotext as plt

    steps = list(range(result.steps + 1))
    single = result.outputs.shape[-1] == 1 and result.network.examples == 1
    plt.clear_figure()
    width = max(40, min(shutil.get_terminal_size((100, 30)).columns, 160))
    plt.plotsize(width, 22)
    for r, rate in enumerate(result.learning_rates):
        values = result.outputs[r, :, 0, 0] if single else result.loss[r]
        keep = np.isfinite(values)
        plt.plot([s for s, k in zip(steps, keep) if k], values[keep].tolist(), label=f"η = {format_number(rate)}")
    if single:
        target = float(result.network.targets[0, 0])
        plt.plot(steps, [target] * len(steps), label=f"target {format_number(target)}")
        plt.title(f"{columns.output_name} against the step")
        plt.ylabel(columns.output_name)
    else:
        plt.title("the cost against the step")
    plt.xlabel("step")
    chart = plt.build()
    return plt.uncolorize(chart) if not sys.stdout.isatty() or os.environ.get("NO_COLOR") else chart


def _sweep(lesson: Lesson, rates: list[float], steps: int, args) -> int:
    network = lesson.network
    result = sweep(network, sweep_rates(rates), steps, update=args.rule)
    highlighted = sweep(network, rates, steps, update=args.rule)
    if args.json:
        print_json({"lesson": lesson.id, "update": args.rule or network.update, "steps": steps,
                    "learning_rates": plain(result.learning_rates), "final_loss": plain(result.final_loss),
                    "diverged_at": [int(k) if k >= 0 else None for k in result.diverged_at]})
        return 0
    rule = args.rule or network.update
    print(f"{lesson.title}  ({lesson.id})\nthe cost after {steps} steps of {rule}, for {result.learning_rates.size} "
          f"learning rates from {format_number(result.learning_rates[0])} to {format_number(result.learning_rates[-1])}")
    print(f"lowest cost at η ≈ {format_number(result.best())}", end="")
    edge = result.edge()
    print(f"; diverges from η ≈ {format_number(edge)} on" if edge is not None else "; no rate diverged")
    if rule == "output-ascent":
        print("(the chapter's rule keeps pushing the output up and never settles; try --rule descent)")
    for rate, loss, gone in zip(highlighted.learning_rates, highlighted.final_loss, highlighted.diverged_at):
        outcome = f"diverged at step {gone}" if gone >= 0 else f"final cost {format_number(loss)}"
        print(f"  η = {format_number(rate)}: {outcome}")
    print()
    print(sweep_plot(result, highlighted, lesson.symbols.get("loss", "C")))
    return 0


def _decade_ticks(low: float, high: float) -> tuple[list[float], list[str]]:
    """Tick positions at whole powers of ten on a log₁₀ axis, labelled like 1e-05 … 1e+01."""
    first, last = int(np.floor(low)), int(np.ceil(high))
    stride = max(1, (last - first) // 6)
    positions = list(range(first, last + 1, stride))
    return [float(p) for p in positions], [format_number(10.0**p) for p in positions]


def sweep_plot(result: Sweep, highlighted: Sweep, cost: str) -> str:
    """Final cost against the learning rate, both on log axes; the replay's own rates marked.

    The axes are drawn as log₁₀ of the values with labels at the decades, which reads better in a
    terminal than plotext's own log scale.
    """
    import plotext as plt

    plt.clear_figure()
    plt.plotsize(max(40, min(shutil.get_terminal_size((100, 30)).columns, 160)), 22)
    floor = 1e-30  # a cost that reached exactly 0 is drawn at the bottom of the plot
    keep = np.isfinite(result.final_loss)
    x = np.log10(result.learning_rates)
    y = np.log10(np.maximum(result.final_loss, floor))
    plt.plot(x[keep].tolist(), y[keep].tolist(), label=f"{cost} after the last step")
    mark = np.isfinite(highlighted.final_loss)
    if mark.any():
        plt.scatter(np.log10(highlighted.learning_rates[mark]).tolist(),
                    np.log10(np.maximum(highlighted.final_loss[mark], floor)).tolist(), label="your rates", marker="●")
    edge = result.edge()
    if edge is not None:
        plt.vline(float(np.log10(edge)))
        plt.text("diverges →", float(np.log10(edge)), float(np.nanmax(y[keep])) if keep.any() else 0.0)
    plt.xticks(*_decade_ticks(x.min(), x.max()))
    if keep.any():
        plt.yticks(*_decade_ticks(y[keep].min(), y[keep].max()))
    plt.xlim(float(x.min()), float(x.max()))
    plt.xlabel("learning rate η (log scale)")
    plt.title(f"final {cost} against the learning rate (log scales)")
    chart = plt.build()
    return plt.uncolorize(chart) if not sys.stdout.isatty() or os.environ.get("NO_COLOR") else chart
