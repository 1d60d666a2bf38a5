"""`tutor replay`: a learning-rate experiment as tables and a terminal plot, or as JSON.

With no LESSON it replays the chapter's: L = g(f(x, w₁), w₂) stepped with α = 0.2 and α = 0.1.
"""

from __future__ import annotations

import os
import shutil
import sys
import textwrap

import numpy as np

from tutor.engine import Run, Sweep
from tutor.engine.formatting import format_number
from tutor.engine.notation import Symbols
from tutor.lessons import Lesson
from tutor.lessons.experiment import CHAPTER_EXPERIMENT, Experiment, default_rates, default_steps

from .common import lesson_or_exit, plain, print_json

def replay(args) -> int:
    lesson = lesson_or_exit(args.lesson or CHAPTER_EXPERIMENT)
    if args.tui:
        from tutor.ui.experiment_app import run  # only the app needs textual

        return run(lesson, args.rates, args.steps, args.rule, theme=args.theme)
    rates = args.rates or default_rates(lesson)
    steps = args.steps or default_steps(lesson)
    if args.sweep:
        return _sweep(lesson, rates, steps, args)
    experiment = Experiment(lesson, rates, steps, args.rule)
    if args.json:
        print_json(as_json(lesson, experiment.result))
        return 0
    print(experiment.heading())
    for r, rate in enumerate(experiment.rates):
        print(f"\n{experiment.rate_name} = {format_number(rate)}")
        print(table(experiment.rows(r)))
        if experiment.divergence(r):
            print(f"  {experiment.divergence(r)}")
    print()
    print(plot(experiment))
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


def table(rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  " + "  ".join(cell.rjust(w) for cell, w in zip(row, widths)) for row in rows)


def plot(experiment: Experiment) -> str:
    """The output (or, for bigger networks, the cost) against the step, one line per rate."""
    import plotext as plt

    result = experiment.result
    steps = list(range(result.steps + 1))
    plt.clear_figure()
    plt.plotsize(max(40, min(shutil.get_terminal_size((100, 30)).columns, 160)), 22)
    for r, rate in enumerate(result.learning_rates):
        values = result.outputs[r, :, 0, 0] if experiment.single_output else result.loss[r]
        keep = np.isfinite(values)
        plt.plot([s for s, k in zip(steps, keep) if k], values[keep].tolist(), label=f"{experiment.rate_name} = {format_number(rate)}")
    if experiment.single_output:
        plt.plot(steps, [experiment.target] * len(steps), label=f"target {format_number(experiment.target)}")
        plt.title(f"{experiment.output_name} against the step")
        plt.ylabel(experiment.output_name)
    else:
        plt.title(f"the cost {experiment.cost_name} against the step")
    plt.xlabel("step")
    chart = plt.build()
    return plt.uncolorize(chart) if not sys.stdout.isatty() or os.environ.get("NO_COLOR") else chart


def _sweep(lesson: Lesson, rates: list[float], steps: int, args) -> int:
    from tutor.ui.models.experiment.sweep import RateSweep  # plain Python: the words the app says too

    symbols = Symbols(lesson.network, lesson.symbols)
    cost, eta = symbols("loss"), symbols.learning_rate
    rule = args.rule or lesson.network.update
    swept = RateSweep.run(lesson, rule, tuple(rates), steps, cost, eta)
    result, highlighted = swept.around, swept.yours
    if args.json:
        print_json({"lesson": lesson.id, "update": rule, "steps": steps,
                    "learning_rates": plain(result.learning_rates), "final_loss": plain(result.final_loss),
                    "diverged_at": [int(k) if k >= 0 else None for k in result.diverged_at]})
        return 0
    print(f"{lesson.title}  ({lesson.id})\nthe cost {cost} after {steps} steps of {rule}, for "
          f"{result.learning_rates.size} learning rates from {format_number(result.learning_rates[0])} to "
          f"{format_number(result.learning_rates[-1])}")
    print(textwrap.fill(swept.summary(switch="try --rule descent"), width=100))
    print()
    print(sweep_plot(result, highlighted, cost, eta))
    return 0


def sweep_plot(result: Sweep, highlighted: Sweep, cost: str, rate: str = "η") -> str:
    """Final cost against the learning rate, both on log axes; the replay's own rates marked.

    The axes are drawn as log₁₀ of the values with labels at the decades, which reads better in a
    terminal than plotext's own log scale. The figure is the one the app's experiment screen shows.
    """
    import plotext as plt

    from tutor.figures import draw, sweep_figure

    plt.clear_figure()
    plt.plotsize(max(40, min(shutil.get_terminal_size((100, 30)).columns, 160)), 22)
    draw(plt, sweep_figure(result, highlighted, cost, rate=rate))
    chart = plt.build()
    return plt.uncolorize(chart) if not sys.stdout.isatty() or os.environ.get("NO_COLOR") else chart
