"""`tutor replay`: a learning-rate experiment as tables and a terminal plot, or as JSON.

With no LESSON it replays the chapter's: L = g(f(x, w₁), w₂) stepped with α = 0.2 and α = 0.1.
A two-input classifier (the xor lesson) is told differently: a line saying whether and from which step
every point is on its class's side of ½, the cost and the four outputs every few steps, the cost curve,
and the decision boundary at the last step (the same figure the loss-curve screen draws).
"""

from __future__ import annotations

import os
import shutil
import sys
import textwrap

import numpy as np

from tutor.engine import Run, Sweep
from tutor.engine.boundary import classified_from, draws_boundary, output_grid, params_at
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
    boundary = draws_boundary(lesson.network) and experiment.rule == "descent"
    if args.json:
        found = as_json(lesson, experiment.result)
        if boundary:
            found["boundary"] = boundary_json(experiment)
        print_json(found)
        return 0
    if boundary:
        return _classifier(experiment)
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


# The decision boundary's grid in `--json` and in print: columns × rows points over the square.
GRID = (41, 41)
ROWS_SHOWN = 10  # a classifier's table shows about this many steps, evenly spaced


def boundary_json(experiment: Experiment) -> dict:
    """Rate 1's classification: from which step every point is right, its last outputs, costs and grid."""
    result, last = experiment.result, experiment.last_step(0)
    grid = output_grid(result.network, params_at(result, last), *GRID)
    return {"learning_rate": float(result.learning_rates[0]), "classified_from": classified_from(result),
            "losses": plain(result.loss[0]), "final_outputs": plain(result.outputs[0, last, :, 0]),
            "grid": {"x": plain(grid.xs), "y": plain(grid.ys), "outputs": plain(grid.outputs)}}


def classified_line(result: Run, r: int = 0) -> str:
    """Whether, and from which step, every point is on its class's side of ½."""
    count, since = result.network.examples, classified_from(result, r)
    if result.diverged(r):
        return f"diverged at step {result.diverged_at[r]}: no classification to report"
    if since is None:
        return f"after {result.steps} steps not every one of the {count} points is on its class's side of ½"
    return (f"all {count} points are on their class's side of ½ from step {since} on "
            f"(of {result.steps} steps)")


def _classifier(experiment: Experiment) -> int:
    result, output = experiment.result, experiment.output_name
    print(experiment.heading())
    for r, rate in enumerate(experiment.rates):
        print(f"\n{experiment.rate_name} = {format_number(rate)}: {classified_line(result, r)}")
        points = [", ".join(format_number(v) for v in x) for x in result.network.inputs]
        rows = [["step", experiment.cost_name] + [f"{output} at ({p})" for p in points]]
        stride = max(1, result.steps // ROWS_SHOWN)
        for s in sorted(set(range(0, experiment.last_step(r) + 1, stride)) | {experiment.last_step(r)}):
            rows.append([str(s), format_number(result.loss[r, s])] + [format_number(v) for v in result.outputs[r, s, :, 0]])
        print(table(rows))
    print()
    print(plot(experiment))
    print()
    print(boundary_plot(experiment))
    return 0


def boundary_plot(experiment: Experiment) -> str:
    """The first rate's output over the plane at its last step, shaded, with the points on it by class."""
    import plotext as plt

    from tutor.figures import boundary_figure, draw, shading_key

    result = experiment.result
    last = experiment.last_step(0)
    width, height = min(shutil.get_terminal_size((100, 30)).columns, 80), 24
    # Twice as many points as the plot has cells, so plotext leaves no cell of the grid blank.
    grid = output_grid(result.network, params_at(result, last), 2 * (width - 8), 2 * (height - 5))
    figure = boundary_figure(grid, result.network.inputs, result.network.targets, experiment.output_name)
    figure.title += f" · step {last}"
    plt.clear_figure()
    plt.plotsize(width, height)
    draw(plt, figure.ready(height - 5))
    chart = plt.build()
    chart = plt.uncolorize(chart) if not sys.stdout.isatty() or os.environ.get("NO_COLOR") else chart
    return f"{chart}\n{shading_key(experiment.output_name)}"


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
