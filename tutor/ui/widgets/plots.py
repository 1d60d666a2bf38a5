"""A plotext plot that draws a `tutor.figures.Figure`: the screen's model keeps the numbers.

`FigurePlot.show(figure)` keeps the figure (tests read its legend from `plot.figure.labels`) and draws
it through the widget's own `plt`: `clear_data()`, the series, `refresh()`. With NO_COLOR each line
gets a marker of its own, so the legend still tells them apart. `PlotLegend` lists a figure's labels
beside its plot when they would cover the lines (six training runs, say).
"""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget
from textual_plotext import PlotextPlot

from tutor.figures import MARKERS, Figure, draw


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
        # plotext keeps the canvas colours a figure was drawn in: draw it again in a new theme's.
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.call_after_refresh(self.replot))
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
        rows = self.size.height - 3 - bool(figure.title) - bool(figure.xlabel)  # less frame, ticks and labels
        draw(self.plt, figure.ready(rows, width=self.size.width), monochrome=self.app.no_color)
        self.refresh()

    def on_resize(self) -> None:
        self.replot()  # the title that fits depends on the width

    def watch_compact(self) -> None:
        self.replot()


class PlotLegend(Widget):
    """A figure's legend outside its plot, where it cannot cover a line: entries in a row, wrapped
    between entries (never inside one), or one a row; each may have a value after it, like a training
    run's final cost. Each label gets a swatch in its line's plotext colour (with NO_COLOR, the line's
    marker)."""

    DEFAULT_CSS = """
    PlotLegend { width: auto; height: auto; padding: 0 1; }
    """
    GAP = "   "

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._entries: list[Text] = []
        self._rows = False  # one entry a row

    def show(self, figure: Figure, values: list[str] | None = None, rows: bool | None = None) -> None:
        """Show `figure`'s labels (with `values` after them), one a row by default when there are values."""
        import plotext  # the swatches take the very escape codes plotext gives the lines

        labelled = [(n, s) for n, s in enumerate(figure.series) if s.label]
        self._rows, self._entries = values is not None if rows is None else rows, []
        width = max((len(s.label) for _, s in labelled), default=0) if self._rows else 0
        for entry, (number, series) in enumerate(labelled):
            if self.app.no_color:
                text = Text(MARKERS[number % len(MARKERS)] * 2)
            else:
                text = Text.from_ansi(plotext.colorize("━━", series.color or "default"))
            text.append(f" {series.label.ljust(width)}")
            if values is not None:
                text.append(f"  {values[entry]}" if self._rows else f" {values[entry]}", "dim")
            self._entries.append(text)
        self.refresh(layout=True)

    def _lines(self, width: int) -> list[Text]:
        if self._rows:
            return list(self._entries)
        lines: list[Text] = []
        for entry in self._entries:
            if lines and lines[-1].cell_len + len(self.GAP) + entry.cell_len <= width:
                lines[-1].append(self.GAP)
                lines[-1].append_text(entry)
            else:
                lines.append(entry.copy())
        return lines

    def render(self) -> Text:
        return Text("\n").join(self._lines(self.content_region.width or 10_000))

    def get_content_width(self, container, viewport) -> int:
        return max((line.cell_len for line in self._lines(container.width)), default=0)

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self._lines(width))
