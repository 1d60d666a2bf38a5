"""A plotext plot that draws a `tutor.ui.figures.Figure`: the screen's model keeps the numbers.

`FigurePlot.show(figure)` keeps the figure (tests read its legend from `plot.figure.labels`) and draws
it through the widget's own `plt`: `clear_data()`, the series, `refresh()`. With NO_COLOR each line
gets a marker of its own, so the legend still tells them apart. `PlotLegend` lists a figure's labels
beside its plot when they would cover the lines (six training runs, say).
"""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static
from textual_plotext import PlotextPlot

from ..figures import MARKERS, Figure, draw


class FigurePlot(PlotextPlot):
    """Draws one figure; `show` another to replace it."""

    DEFAULT_CSS = """
    FigurePlot { width: 1fr; height: 1fr; min-height: 6; }
    """

    compact: reactive[bool] = reactive(False)  # small terminals: no axis labels, the ticks say enough

    def __init__(self, figure: Figure | None = None, legend: bool = True, **kwargs) -> None:
        super().__init__(**kwargs)
        self.figure: Figure | None = figure
        self.legend = legend  # False: a PlotLegend beside the plot shows the labels instead

    def on_mount(self) -> None:  # PlotextPlot's own on_mount runs too (Textual calls each class's)
        self.replot()

    def show(self, figure: Figure) -> None:
        self.figure = figure
        self.replot()

    def replot(self) -> None:
        if self.figure is None or not self.is_mounted:
            return
        figure = self.figure
        if self.compact or len(figure.title) > self.size.width - 4:
            figure = replace(figure, title=figure.short_title or figure.title)
        if self.compact:
            figure = replace(figure, xlabel="", ylabel="")
        if not self.legend:
            figure = replace(figure, series=[replace(s, label="") for s in figure.series])
        draw(self.plt, figure.ready(), monochrome=self.app.no_color)
        self.refresh()

    def on_resize(self) -> None:
        self.replot()  # the title that fits depends on the width

    def watch_compact(self) -> None:
        self.replot()


class PlotLegend(Static):
    """A figure's legend beside its plot, for figures with too many or too long labels to sit inside.

    Each label gets a swatch in its line's plotext colour (with NO_COLOR, the line's marker), and,
    when given, a value after it, like the final cost of a training run."""

    DEFAULT_CSS = """
    PlotLegend { width: auto; height: auto; padding: 0 1; }
    """

    def show(self, figure: Figure, values: list[str] | None = None) -> None:
        import plotext

        labelled = [s for s in figure.series if s.label]
        width = max((len(s.label) for s in labelled), default=0)
        text = Text()
        for number, series in enumerate(labelled):
            if number:
                text.append("\n")
            if self.app.no_color:
                text.append(MARKERS[figure.series.index(series) % len(MARKERS)] * 2)
            else:
                text.append_text(Text.from_ansi(plotext.colorize("━━", series.color or "default")))
            text.append(f" {series.label.ljust(width)}")
            if values is not None:
                text.append(f"  {values[number]}", "dim")
        self.update(text)
