"""The loss curves of a lesson that trains something, and how much gradient reaches each layer.

Top: the cost per step of each of the lesson's training runs (`[training]` in its TOML: optimizers,
batch sizes, rates) on a log axis, with a legend beside it giving each run's final cost. Bottom: mean
|δˡ| per layer as bars on a log axis; `a` switches the activation (the lesson's, tanh, relu) so the
vanishing gradient of a deep sigmoid chain can be compared. `tutor.ui.models.curves` has the numbers.

A two-input classifier (the xor lesson) also shows its decision boundary beside the curve: the shaded
grid of its output over the plane with its examples on it. Full-batch runs train a few steps at a time
in a worker thread, and the curve and the boundary are redrawn after each piece until training ends.
"""

from __future__ import annotations

from pathlib import Path

from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import get_current_worker

from tutor.engine.formatting import format_number
from tutor.lessons import Lesson

from ..closing import ClosesOnce
from ..models.curves import CurvesState, no_curves
from ..widgets.footer import Footer
from ..widgets.plots import FigurePlot, PlotLegend
from ..widgets.title_bar import TitleBar

NARROW = 96  # below this width the legend goes under the curves


class CurvesScreen(ClosesOnce, Screen):
    """A lesson's training curves and its gradient flow."""

    CSS_PATH = Path(__file__).resolve().parent.parent / "curves.tcss"
    AUTO_FOCUS = None

    BINDINGS = [
        Binding("a", "activation", "Activation"),
        Binding("q,escape", "back", "Back"),
    ]

    def __init__(self, lesson: Lesson):
        super().__init__()
        self.state = CurvesState(lesson)

    def compose(self) -> ComposeResult:
        lesson = self.state.lesson
        yield TitleBar(f"Loss curves · {lesson.title}")
        with Horizontal(id="curves-row"):
            if lesson.trains():
                with Horizontal(id="plots"):
                    yield FigurePlot(legend=False, id="curves")
                    if self.state.draws_boundary():
                        yield FigurePlot(legend=False, id="boundary")
                with Vertical(id="legend-pane"):
                    yield Static("Runs · final cost", id="legend-title", markup=False)
                    yield PlotLegend(id="legend")
                    yield Static("Training the lesson's runs…", id="curves-summary", markup=False)
            else:
                yield Static(no_curves(lesson), id="no-curves", markup=False)
        if self.state.draws_boundary():
            yield Static(id="boundary-summary", markup=False)
        flow = FigurePlot(id="flow")
        # One text row per layer: plotext lines bars up with their names only when rows and layers agree.
        flow.styles.height = len(lesson.network.layers) + 4  # + title, frame and ticks
        yield flow
        yield Static(id="flow-summary", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        if not self.still_open():
            return  # closed before it finished opening
        self.set_class(self.state.draws_boundary(), "-boundary")
        self.show_flow()
        if self.state.lesson.trains():
            self.train()

    @work(thread=True, exclusive=True, group="curves")
    def train(self) -> None:
        """Hundreds of steps per run take a moment: the flow and the screen are up meanwhile, and
        full-batch runs are drawn after every few steps (each redraw waits for the last to finish)."""
        worker = get_current_worker()
        for _ in self.state.training():
            if worker.is_cancelled or not self.still_open():
                return  # closed while the runs were training
            self.app.call_from_thread(self.show_curves)

    def show_curves(self) -> None:
        if not self.still_open():
            return  # closed while the runs were training
        state = self.state
        self.query_one("#curves", FigurePlot).show(state.curves_figure())
        done, planned = state.steps_trained, state.planned_steps
        summary = state.curves_summary() if done >= planned else f"Training: step {done} of {planned}…"
        self.query_one("#curves-summary", Static).update(summary)
        self.show_legend()
        self.show_boundary()

    def show_boundary(self) -> None:
        """The output over the plane on a grid twice as fine as the plot's cells, so no cell is left blank."""
        if not (self.state.draws_boundary() and self.still_open()):
            return  # no boundary here, or closed before this redraw came round
        plot = self.query_one("#boundary", FigurePlot)
        columns, rows = max(plot.size.width - 8, 4), max(plot.size.height - 5, 4)  # less ticks and frame
        plot.show(self.state.boundary_figure(2 * columns, 2 * rows))
        self.query_one("#boundary-summary", Static).update(f"{self.state.boundary_summary()}\n{self.state.boundary_key()}")

    def on_resize(self, event: events.Resize) -> None:
        if not self.still_open():
            return
        narrow = event.size.width < NARROW
        self.set_class(narrow, "-narrow")
        self.refresh_bindings()
        for plot in self.query(FigurePlot):
            plot.compact = narrow
        self.show_legend()
        if self.state.curves:
            self.call_after_refresh(self.show_boundary)  # its grid follows the plot's new size

    def show_legend(self) -> None:
        """Beside the curves, a run a row; under them on small terminals, the runs wrapped in a few lines."""
        state = self.state
        if state.curves:
            finals = [format_number(cost, 3) for cost in state.final_costs()]
            self.query_one(PlotLegend).show(state.curves_figure(), finals, rows=not self.has_class("-narrow"))

    def show_flow(self) -> None:
        self.query_one("#flow", FigurePlot).show(self.state.flow_figure())
        self.query_one("#flow-summary", Static).update(self.state.flow_summary())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """On a small terminal the boundary takes the gradient flow's place: `a` has nothing to switch."""
        if action == "activation" and self.has_class("-narrow") and self.has_class("-boundary"):
            return None
        return super().check_action(action, parameters)

    def action_activation(self) -> None:
        self.state.next_activation()
        self.show_flow()

    def action_back(self) -> None:
        self.dismiss()
