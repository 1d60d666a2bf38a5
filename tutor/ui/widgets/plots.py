"""A plotext plot that draws a `tutor.ui.figures.Figure`: the screen's model keeps the numbers.

`FigurePlot.show(figure)` keeps the figure (tests read its legend from `plot.figure.labels`) and draws
it through the widget's own `plt`: `clear_data()`, the series, `refresh()`. With NO_COLOR each line
gets a marker of its own, so the legend still tells them apart.
"""

from __future__ import annotations

from dataclasses import replace

from textual.reactive import reactive
from textual_plotext import PlotextPlot

from ..figures import Figure, draw


class FigurePlot(PlotextPlot):
    """Draws one figure; `show` another to replace it."""

    DEFAULT_CSS = """
    FigurePlot { width: 1fr; height: 1fr; min-height: 6; }
    """

    compact: reactive[bool] = reactive(False)  # small terminals: no axis labels, the ticks say enough

    def __init__(self, figure: Figure | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.figure: Figure | None = figure

    def on_mount(self) -> None:  # PlotextPlot's own on_mount runs too (Textual calls each class's)
        self.replot()

    def show(self, figure: Figure) -> None:
        self.figure = figure
        self.replot()

    def replot(self) -> None:
        if self.figure is None or not self.is_mounted:
            return
        figure = self.figure
        if self.compact:
            figure = replace(figure, title=figure.short_title or figure.title, xlabel="", ylabel="")
        draw(self.plt, figure.ready(), monochrome=self.app.no_color)
        self.refresh()

    def watch_compact(self) -> None:
        self.replot()
