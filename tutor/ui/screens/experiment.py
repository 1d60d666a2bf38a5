"""The experiment screen: predict where one update lands, then replay it step by step for several rates.

The chapter's overshoot is the default: with α = 0.2 one step carries L from 3.5 to 6.58, past the
target 5; with α = 0.1 it lands at 4.92. The learner predicts first (1/2/3 and a number), then steps
(space), plays (p) or resets (r) the replay; edits the rates and steps (e, n); compares the chapter's
rule with descent on the error (u, b); and sweeps ~100 rates on a log axis (w). Every number comes
from `tutor.ui.models.experiment.ExperimentState`; this screen only draws it.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import DataTable, Input, Label, OptionList, Static

from tutor.lessons import Lesson

from ..actions import TableScreen, When, roomy
from ..models.experiment import RULE_NAMES, ExperimentState, rule_formula
from ..widgets.footer import Footer
from ..widgets.ordered_input import OrderedInput
from ..widgets.plots import FigurePlot, PlotLegend
from ..widgets.prediction import PredictionPanel
from ..widgets.title_bar import TitleBar

NARROW = 96  # below this width the table goes under the plot, in a short strip
PLAY_EVERY = 0.6  # seconds between steps while playing


def _replaying(screen: ExperimentScreen) -> bool:
    """The replay is on screen (not the sweep)."""
    return not screen.state.sweeping


def _two_rules(screen: ExperimentScreen) -> bool:
    """The lesson can be replayed under both update rules (its output is one number)."""
    return len(screen.state.rules) > 1


ONE_RULE = "This network has more than one output, so only descent on the error applies: there is no other rule."


def _why_no_step(screen: ExperimentScreen) -> str:
    if screen.state.sweeping:
        return "The sweep is on screen: w goes back to the replay."
    return f"The replay is at its last step ({screen.state.steps}): r starts it again, n sets more steps."


class ExperimentScreen(TableScreen):
    """Replay a learning-rate experiment on a lesson (default: the chapter's overshoot)."""

    CSS_PATH = Path(__file__).resolve().parent.parent / "experiment.tcss"
    AUTO_FOCUS = None  # keys act on the replay until the learner picks a box

    BINDINGS = [
        Binding("space", "next_step", "Step"),
        Binding("p", "play", "Play"),
        Binding("r", "reset", "Reset"),
        Binding("e", "edit('rates')", "Rates"),
        Binding("n", "edit('steps')", "Steps"),
        Binding("u", "rule", "Rule"),
        Binding("b", "both", "Both rules"),
        Binding("w", "sweep", "Sweep"),
        Binding("q", "back", "Back"),
        Binding("escape", "escape", "Leave the box / back", show=False),
        Binding("1", "predict(0)", "Predict short of the target", show=False),
        Binding("2", "predict(1)", "Predict on the target", show=False),
        Binding("3", "predict(2)", "Predict past the target", show=False),
        # Last, so that Textual reaches them only when the key's own action was refused: they say why.
        Binding("space", "why_not('next_step')", show=False),
        Binding("u", "why_not('rule')", show=False),
        Binding("b", "why_not('both')", show=False),
    ]

    ACTIONS = {
        "next_step": When(applies=_replaying, enabled=lambda screen: not screen.state.finished, why=_why_no_step),
        "play": When(applies=_replaying),
        "reset": When(applies=_replaying),
        "both": When(applies=lambda screen: _replaying(screen) and _two_rules(screen), shown=roomy,
                     why=lambda screen: ONE_RULE if not _two_rules(screen) else "The sweep is on screen: w goes back."),
        "edit('steps')": When(shown=roomy),  # a narrow footer has no room: help lists them
        "rule": When(applies=_two_rules, why=lambda screen: ONE_RULE),
        "predict": When(applies=lambda screen: screen.state.predicting),
    }

    def __init__(self, lesson: Lesson, rates: list[float] | None = None, steps: int | None = None,
                 rule: str | None = None):
        super().__init__()
        self.state = ExperimentState(lesson, rates, steps, rule)
        self._timer: Timer | None = None
        self._table_shows: tuple | None = None  # (rule, rates, steps, step) the table was drawn for

    # ---- layout -------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        state = self.state
        yield TitleBar(f"Experiment · {state.lesson.title}")
        with Horizontal(id="controls"):
            yield Label(state.experiment().rate_name, classes="control-label")
            yield OrderedInput(state.rates_text(), id="rates")  # selected on focus: typing replaces them
            yield Label("steps", classes="control-label")
            yield OrderedInput(str(state.steps), id="steps")
            yield Static(id="status", markup=False)
        with Container(id="body"):
            with Vertical(id="plots-pane"):
                yield PlotLegend(id="legend")  # outside the plot: inside, it hid the overshoot at step 1
                with Container(id="plots"):
                    yield FigurePlot(legend=False, id="plot-main")
                    yield FigurePlot(legend=False, id="plot-other")
            with Vertical(id="side"):
                if state.prediction is not None:
                    own = state.prediction.rule
                    formula = rule_formula(own, state.experiment(own).cost_name, state.experiment(own).rate_name)
                    yield PredictionPanel(state.prediction, f"{RULE_NAMES[own]} ({formula})", id="predict")
                yield DataTable(id="table", cursor_type="none", cell_padding=0)
            with Vertical(id="sweep-pane"):
                yield PlotLegend(id="sweep-legend")
                yield FigurePlot(legend=False, id="sweep")
        with Vertical(id="notes"):
            yield Static(id="input-error", markup=False)
            yield Static(id="outcome", markup=False)
            yield Static(id="divergence", markup=False)
            yield Static(id="explain", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        if not self.still_open():
            return  # closed before it finished opening
        self.show()
        if self.state.predicting:
            self.set_focus(self.query_one("#predict-choices"))

    def on_resize(self, event: events.Resize) -> None:
        if not self.still_open():
            return
        narrow = event.size.width < NARROW
        self.set_class(narrow, "-narrow")
        for plot in self.query(FigurePlot):
            plot.compact = narrow

    # ---- drawing the state --------------------------------------------------------------------
    def show(self) -> None:
        """Redraw everything from the state."""
        state = self.state
        self.set_class(state.both, "-both")
        self.set_class(state.sweeping, "-sweeping")
        self.set_class(state.predicting, "-predicting")
        for box in self.query("#controls Input"):  # tab stays in the prediction while it is asked (e, n reach them)
            box.can_focus = not state.predicting or box.has_focus
        self.query_one("#status", Static).update(state.status())
        if state.sweeping:
            figure = state.sweep().figure()
            self.query_one("#sweep", FigurePlot).show(figure)
            self.query_one("#sweep-legend", PlotLegend).show(figure)
        else:
            rules = state.shown_rules
            main = state.figure(rules[0])
            self.query_one("#plot-main", FigurePlot).show(main)
            self.query_one("#legend", PlotLegend).show(main)
            if len(rules) > 1:
                self.query_one("#plot-other", FigurePlot).show(state.figure(rules[1]))
            self._show_table()
        if state.prediction is not None:
            self.query_one(PredictionPanel).show()
        self._note("#input-error", state.input_error)
        self._note("#outcome", state.sweep().summary() if state.sweeping else state.outcome())
        verdict = "" if state.sweeping else state.outcome_verdict()
        self.query_one("#outcome").set_class(verdict == "right", "-right").set_class(verdict == "wrong", "-wrong")
        self._note("#divergence", "" if state.sweeping else "\n".join(state.divergences()))
        self._note("#explain", "" if state.sweeping else state.explanation())
        self.refresh_actions()

    def _note(self, selector: str, text: str) -> None:
        note = self.query_one(selector, Static)
        note.update(text)
        note.set_class(not text, "-empty")

    def _show_table(self) -> None:
        """Add the new step's rows while stepping forward; otherwise draw the table again."""
        state, table = self.state, self.query_one("#table", DataTable)
        shows = (state.rule, tuple(state.rates), state.steps)
        if self._table_shows is not None and self._table_shows[:3] == shows and self._table_shows[3] + 1 == state.step:
            table.add_rows(_cells(state.rows_at(state.step)))
        elif self._table_shows != (*shows, state.step):
            rows = state.table()
            table.clear(columns=True)
            table.add_columns(*(Text(f" {header}", justify="right") for header in rows[0]))
            table.add_rows(_cells(rows[1:]))
        self._table_shows = (*shows, state.step)
        self.call_after_refresh(table.scroll_end, animate=False, x_axis=False)  # once the new rows are laid out

    # ---- the replay ---------------------------------------------------------------------------
    def action_next_step(self) -> None:
        self._stop()
        self.state.advance()
        self._leave_prediction()
        self.show()

    def action_play(self) -> None:
        state = self.state
        if state.playing:
            self._stop()
        else:
            if state.finished:
                state.reset()
            state.playing = True
            self._leave_prediction()
            self._timer = self.set_interval(PLAY_EVERY, self._tick)
            self._tick()
            return
        self.show()

    def _tick(self) -> None:
        state = self.state
        state.advance()
        if state.finished:
            self._stop()
        self.show()

    def _stop(self) -> None:
        self.state.playing = False
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def action_reset(self) -> None:
        self._stop()
        self.state.reset()
        self._leave_prediction()
        self.show()

    def _leave_prediction(self) -> None:
        """The replay started: the prediction panel gives way to the table."""
        self.state.predicting = False
        if isinstance(self.focused, (OptionList, Input)) and self.focused.id in ("predict-choices", "predict-param"):
            self.set_focus(None)

    # ---- rules and the sweep ------------------------------------------------------------------
    def action_rule(self) -> None:
        self.state.switch_rule()
        self.show()

    def action_both(self) -> None:
        self.state.toggle_both()
        self._hide_side()
        self.show()

    def action_sweep(self) -> None:
        self._stop()
        self.state.sweeping = not self.state.sweeping
        self._hide_side()
        self.show()

    def _hide_side(self) -> None:
        """Before the side panel hides, take focus out of it (Textual would hand it to the rates box,
        which would then swallow the keys); when it shows the prediction again, give it back."""
        side = self.query_one("#side")
        state = self.state
        if state.both or state.sweeping:
            if self.focused is not None and side in self.focused.ancestors:
                self.set_focus(None)
        elif state.predicting and self.focused is None:
            self.set_focus(self.query_one("#predict-choices"))

    # ---- the prediction -----------------------------------------------------------------------
    def action_predict(self, choice: int) -> None:
        if self.state.prediction is not None and self.state.predicting:
            self.state.prediction.choose(choice)
            self.show()
            self.set_focus(self.query_one("#predict-param", Input))

    @on(OptionList.OptionSelected, "#predict-choices")
    def chose(self, event: OptionList.OptionSelected) -> None:
        self.action_predict(event.option_index)

    @on(Input.Submitted, "#predict-param")
    def guessed(self, event: Input.Submitted) -> None:
        verdict = self.state.prediction.guess_param(event.value)
        self.show()
        if verdict.status not in ("unreadable", "wrong-shape"):
            self.set_focus(None)  # space now starts the replay

    # ---- rates and steps ----------------------------------------------------------------------
    def action_edit(self, which: str) -> None:
        self._stop()
        box = self.query_one(f"#{which}", Input)
        box.can_focus = True
        self.set_focus(box)

    @on(Input.Submitted, "#rates")
    def rates_submitted(self, event: Input.Submitted) -> None:
        before = self.state.rates_text()
        if self.state.set_rates(event.value):
            event.input.value = self.state.rates_text()
            self.set_focus(None)
            if self.state.rates_text() != before:  # never silently
                self.notify(f"Learning rates {self.state.experiment().rate_name} = {self.state.rates_text()} (were {before}); space replays them.",
                            timeout=4, markup=False)
        event.input.set_class(bool(self.state.input_error), "-invalid")
        self.show()

    @on(Input.Submitted, "#steps")
    def steps_submitted(self, event: Input.Submitted) -> None:
        before = self.state.steps
        if self.state.set_steps(event.value):
            self.set_focus(None)
            if self.state.steps != before:
                self.notify(f"{self.state.steps} steps (were {before}).", timeout=3, markup=False)
        event.input.set_class(bool(self.state.input_error), "-invalid")
        self.show()

    @on(Input.Changed, "#rates, #steps")
    def typing(self, event: Input.Changed) -> None:
        event.input.remove_class("-invalid")

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        """Leaving a box puts back what the state holds: a rejected entry, and its message, go."""
        widget = event.widget
        if isinstance(widget, Input) and widget.id in ("rates", "steps"):
            widget.value = self.state.rates_text() if widget.id == "rates" else str(self.state.steps)
            if self.state.input_error:
                self.state.input_error = ""
                self.show()

    # ---- leaving --------------------------------------------------------------------------------
    def action_escape(self) -> None:
        if isinstance(self.focused, Input):
            self.set_focus(None)
        else:
            self.action_back()

    def action_back(self) -> None:
        self._stop()
        self.dismiss()


def _cells(rows: list[list[str]]) -> list[list[Text]]:
    """Numbers right-aligned with one space before each (no cell padding: the side panel is narrow)."""
    return [[Text(f" {cell}", justify="right", style="italic" if cell == "diverged" else "") for cell in row]
            for row in rows]
