"""What a plot shows, as plain data: lines, points and bars with their labels, ticks and limits.

The screens build a `Figure` from the engine's numbers; `tutor.ui.widgets.plots.FigurePlot` draws it
through its own plotext figure, and `tutor replay --sweep` draws the same sweep figure through the
`plotext` module. `draw` takes the plotext object as an argument, so nothing here imports Textual or
plotext (the printing subcommands use this module too).

Log axes are drawn as log₁₀ of the values with labels at the decades (`decade_ticks`): plotext's own
log scale labels read poorly in a terminal.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

import numpy as np

from tutor.engine.formatting import format_number

# One colour per learning rate or run, in order (plotext's named colours: the terminal's palette).
# No magenta: Textual's default ANSI theme paints it the same as red.
COLORS = ("blue+", "red+", "green+", "orange", "cyan+", "orange+", "gray+", "green")
TARGET_COLOR = "gray"  # the target line; the sweep's curve, under the replay's coloured rates
# With NO_COLOR every line is the same grey: each series gets a marker of its own instead.
MARKERS = ("•", "+", "×", "o", "*", "#", "%", "@")
LOG_FLOOR = 1e-30  # a cost of exactly 0 is drawn at the bottom of a log axis
# Larger values set no limit (training marks a cost past 1e30 as diverged; plotext overflows near 1e308).
OFF_THE_CHART = 1e100


@dataclass
class Series:
    """One line, set of points or set of bars, with the label the legend shows ('' for none)."""

    label: str
    x: list
    y: list[float]
    color: str | None = None  # None: plotext's next colour
    kind: str = "line"  # "line", "points" or "hbars" (horizontal bars: x holds their names)
    marker: str | None = None
    marker_says: bool = False  # the marker means something (a shade, a class): kept under NO_COLOR


@dataclass
class Figure:
    """Everything one plot shows. Ticks are (positions, labels); None leaves plotext's."""

    title: str = ""
    short_title: str = ""  # for small plots, where plotext drops a title longer than the plot
    xlabel: str = ""
    ylabel: str = ""
    series: list[Series] = field(default_factory=list)
    vlines: list[float] = field(default_factory=list)
    texts: list[tuple] = field(default_factory=list)  # (label, x, y) or (label, x, y, alignment)
    xticks: tuple[list[float], list[str]] | None = None
    yticks: tuple[list[float], list[str]] | None = None
    xlim: tuple[float, float] | None = None
    ylim: tuple[float, float] | None = None
    bar_floor: float | None = None  # where bars start (the lowest decade on a log axis)

    @property
    def labels(self) -> list[str]:
        """The legend, in order."""
        return [s.label for s in self.series if s.label]

    def ready(self, rows: int = 12, width: int | None = None) -> Figure:
        """This figure with ticks and limits on both axes, so a redraw never keeps the last figure's,
        and no tick outside its limits (plotext would print its label beyond the frame). Missing y
        ticks get one per two of the plot's `rows` (three to six), and given ones are thinned to two
        for every three rows, so a short plot is not crowded. Given the plot's `width`, x ticks are
        thinned until their labels have room: plotext drops colliding labels in an order that changes
        from one run of Python to the next (it goes through a set of strings)."""
        xs = [float(v) for s in self.series if s.kind != "hbars" for v in s.x]
        ys = [float(v) for s in self.series for v in s.y] + ([self.bar_floor] if self.bar_floor is not None else [])
        xlim = self.xlim or span(xs)
        ylim = self.ylim or span(ys)
        count = max(3, min(6, rows // 2))
        yticks = _within(self.yticks or nice_ticks(*ylim, count=count), ylim)
        if not any(s.kind == "hbars" for s in self.series):  # a bar's name is never dropped
            yticks = _thin(yticks, max(3, rows * 2 // 3))
        xticks = _within(self.xticks or nice_ticks(*xlim), xlim)
        if width is not None and xticks[1]:
            canvas = width - max((len(label) for label in yticks[1]), default=0) - 3  # less y labels, ┤ and frame
            room = max(len(label) for label in xticks[1]) + 1  # the widest label and a space
            xticks = _thin(xticks, max(2, canvas // room + 1))  # n ticks are n − 1 gaps apart
        return replace(self, xlim=xlim, ylim=ylim, xticks=xticks, yticks=yticks)


def _thin(ticks: tuple[list[float], list[str]], count: int) -> tuple[list[float], list[str]]:
    """Every second (third, …) tick when there are more than `count`, so labels never crowd a short plot."""
    stride = max(1, -(-len(ticks[0]) // max(count, 1)))  # no tick at all (a narrow range) is stride 1
    return ticks[0][::stride], ticks[1][::stride]


def _within(ticks: tuple[list[float], list[str]], limits: tuple[float, float]) -> tuple[list[float], list[str]]:
    low, high = limits
    slack = 1e-9 * max(abs(low), abs(high), 1.0)
    kept = [(p, label) for p, label in zip(*ticks) if low - slack <= p <= high + slack]
    return [p for p, _ in kept], [label for _, label in kept]


def span(values: list[float]) -> tuple[float, float]:
    """The range of the finite values, widened when they are all (nearly) one number."""
    finite = [v for v in values if math.isfinite(v) and abs(v) <= OFF_THE_CHART]
    if not finite:
        return (0.0, 1.0)
    low, high = min(finite), max(finite)
    pad = max(1.0, abs(low), abs(high)) * 1e-6
    if high - low < pad:  # flat: a band around the value, wide enough to be a range at any size
        pad = max(1.0, abs(low)) * 0.5 if low == high else pad
        return (low - pad, high + pad)
    return (low, high)


def draw(plt, figure: Figure, monochrome: bool = False) -> None:
    """Draw `figure` on a plotext figure (`plt`): its data first, then its texts, ticks and labels."""
    plt.clear_data()
    for number, series in enumerate(figure.series):
        if not any(math.isfinite(float(v)) for v in series.y):
            continue  # nothing to draw (plotext cannot build a series without a number)
        if series.kind == "hbars":
            _hbars(plt, series, figure.bar_floor or 0.0)
            continue
        options = {"label": series.label or None,
                   "marker": MARKERS[number % len(MARKERS)] if monochrome and not series.marker_says else series.marker}
        if series.color is not None:
            options["color"] = series.color
        if series.kind == "points":
            plt.scatter(series.x, series.y, **options)
        else:
            plt.plot(series.x, series.y, **options)
    for x in figure.vlines:
        plt.vline(x)
    for label, x, y, *alignment in figure.texts:  # in the plot's own text colour: plotext's blue reads at under 4.5:1
        plt.text(label, x, y, color="default", **({"alignment": alignment[0]} if alignment else {}))
    if figure.xticks is not None:
        plt.xticks(*figure.xticks)
    if figure.yticks is not None:
        plt.yticks(*figure.yticks)
    if figure.xlim is not None:
        plt.xlim(*figure.xlim)
    if figure.ylim is not None:
        plt.ylim(*figure.ylim)
    plt.xlabel(figure.xlabel)
    plt.ylabel(figure.ylabel)
    plt.title(figure.title)


def _hbars(plt, series: Series, floor: float) -> None:
    """Horizontal bars at y = 1, 2, …, each a one-row line of full blocks from `floor` to its value.

    Drawn as lines because plotext's own bars round their edges to rows unevenly, so a bar can land on
    its neighbour's label; a line at a whole y is always on its row (given one row per bar)."""
    for row, value in enumerate(series.y, start=1):
        plt.plot([floor, value], [row, row], marker="█", color=series.color or "default")


# ---- ticks ------------------------------------------------------------------------------------
def nice_ticks(low: float, high: float, count: int = 6) -> tuple[list[float], list[str]]:
    """About `count` (at least two) ticks at round numbers, 1, 2, 2.5 or 5 times a power of ten, in [low, high]."""
    span = high - low
    if not (math.isfinite(span) and span > 0):
        return [float(low)], [format_number(low)]
    base = math.floor(math.log10(span / max(count, 2)))
    steps = [m * 10.0**p for p in (base - 1, base, base + 1) for m in (1, 2, 2.5, 5)]

    def positions(step: float) -> list[float]:
        first, last = math.ceil(low / step - 1e-9), math.floor(high / step + 1e-9)
        return [k * step for k in range(first, last + 1)]

    def badness(step: float) -> tuple:  # fewer than two is worst; then far from `count`; then more
        n = len(positions(step))
        return n < 2, abs(n - count), n

    ticks = positions(min(steps, key=badness))
    return ticks, [format_number(round(t, 12)) for t in ticks]


def step_ticks(steps: int, count: int = 8) -> tuple[list[float], list[str]]:
    """Whole-number ticks for a step axis 0…steps."""
    stride = max(1, math.ceil(steps / count))
    for nice in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if nice >= stride:
            stride = nice
            break
    positions = list(range(0, steps + 1, stride))
    return [float(p) for p in positions], [str(p) for p in positions]


def decade_ticks(low: float, high: float) -> tuple[list[float], list[str]]:
    """Tick positions at whole powers of ten on a log₁₀ axis, all labelled in one format.

    Plain numbers (0.0001 … 100000) while every decade reads well that way, else all like 1e-05 … 1e+10,
    so one axis never mixes 100000 with 1e+10.
    """
    if not (math.isfinite(low) and math.isfinite(high)):
        return [], []
    first, last = int(np.floor(low)), int(np.ceil(high))
    stride = max(1, (last - first) // 6)
    positions = list(range(first, last + 1, stride))
    plain = all(-4 <= p <= 5 for p in positions)  # where format_number writes plain numbers
    labels = [format_number(10.0**p) if plain else f"1e{p:+03d}" for p in positions]
    return [float(p) for p in positions], labels


def log10(values) -> np.ndarray:
    """log₁₀ of positive values, with 0 drawn at the floor and NaN left as NaN."""
    return np.log10(np.maximum(np.asarray(values, dtype=np.float64), LOG_FLOOR))


# ---- the learning-rate sweep (shared with `tutor replay --sweep`) -------------------------------
def sweep_figure(result, highlighted, cost: str, colors: list[str] | None = None, rate: str = "η") -> Figure:
    """Final cost against the learning rate, both on log axes, with the replay's own rates marked.

    `result` and `highlighted` are `tutor.engine.Sweep`s: ~100 rates, and the replay's. Without
    `colors` the replay's rates are one set of points ("your rates"), as `tutor replay` prints them;
    with a colour per rate each gets its own label, and a rate that diverged is marked at the top.
    `rate` is the learning rate's symbol in the lesson.
    """
    keep = np.isfinite(result.final_loss)
    x = np.log10(result.learning_rates)
    y = log10(result.final_loss)
    figure = Figure(title=f"final {cost} against the learning rate (log scales)",
                    xlabel=f"learning rate {rate} (log scale)",
                    series=[Series(f"{cost} after the last step", x[keep].tolist(), y[keep].tolist(),
                                   None if colors is None else TARGET_COLOR)])
    top = float(np.nanmax(y[keep])) if keep.any() else 0.0
    mark = np.isfinite(highlighted.final_loss)
    if colors is None:
        if mark.any():
            figure.series.append(Series("your rates", np.log10(highlighted.learning_rates[mark]).tolist(),
                                        log10(highlighted.final_loss[mark]).tolist(), kind="points", marker="●"))
    else:
        for value, loss, gone, color in zip(highlighted.learning_rates, highlighted.final_loss,
                                            highlighted.diverged_at, colors):
            label = f"{rate} = {format_number(value)}" + (f" (diverged at step {gone})" if gone >= 0 else "")
            level = top if gone >= 0 else float(log10([loss])[0])
            figure.series.append(Series(label, [float(np.log10(value))], [level], color, "points",
                                        "×" if gone >= 0 else "●"))
    edge = result.edge()
    if edge is not None:
        figure.vlines.append(float(np.log10(edge)))
        if colors is None:
            figure.texts.append(("diverges →", float(np.log10(edge)), top))
        else:  # right of the line, at the bottom, where no rate is drawn and no point is covered
            bottom = float(np.nanmin(y[keep])) if keep.any() else 0.0
            figure.texts.append(("  diverges from here on", float(np.log10(edge)), bottom, "left"))
    figure.xticks = decade_ticks(x.min(), x.max())
    if keep.any():
        figure.yticks = decade_ticks(y[keep].min(), y[keep].max())
    figure.xlim = (float(x.min()), float(x.max()))
    return figure


# ---- a classifier's decision boundary (the xor lesson) -----------------------------------------
# Its output aᴸ over the plane in four bands, from blank (surely class 0) to dense (surely class 1): the
# characters alone tell the bands apart under NO_COLOR, the colours tell the two sides of ½ apart.
SHADES = ((0.25, 0.5, "░", "blue+"), (0.5, 0.75, "▒", "orange"), (0.75, math.inf, "▓", "orange"))


def shading_key(output: str = "a") -> str:
    """What the boundary's characters mean, in one line."""
    return f"blank: {output} ≤ 0.25 · ░ up to ½ · ▒ above ½ · ▓ above 0.75 · 0 and 1: the points, by class"


def boundary_figure(grid, inputs: np.ndarray, targets: np.ndarray, output: str = "a") -> Figure:
    """The shaded grid of a two-input classifier's output (a `tutor.engine.boundary.Grid`), with each
    example drawn on it as its class's digit, 0 or 1. A band's cells above ½ are the class-1 side."""
    xs, ys = np.meshgrid(grid.xs, grid.ys)
    figure = Figure(title=f"{output} over the plane: the decision boundary", short_title="decision boundary",
                    xlabel="x₁", ylabel="x₂")
    for low, high, shade, color in SHADES:
        inside = (grid.outputs > low) & (grid.outputs <= high)  # exactly ½ is class 0's side
        figure.series.append(Series("", xs[inside].tolist(), ys[inside].tolist(), color, "points", shade, True))
    for digit in ("0", "1"):
        mine = (targets[:, 0] > 0.5) == (digit == "1")
        figure.series.append(Series("", inputs[mine, 0].tolist(), inputs[mine, 1].tolist(), "default", "points",
                                    digit, True))
    figure.xlim = (float(grid.xs[0]), float(grid.xs[-1]))
    figure.ylim = (float(grid.ys[0]), float(grid.ys[-1]))
    figure.xticks = figure.yticks = ([0.0, 0.5, 1.0], ["0", "0.5", "1"])  # where the points are, and between
    return figure
