"""The question asked before a replay: where will one step put the output, and what will a weight be?

`PredictionPanel.show(prediction)` redraws it from a `tutor.ui.models.experiment.Prediction`; the
experiment screen handles the choice (1/2/3, or arrows and enter) and the typed number.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tutor.engine.formatting import format_number

from .ordered_input import OrderedInput

if TYPE_CHECKING:
    from ..models.experiment import Prediction


class PredictionPanel(Vertical):
    """Predict, then replay: three choices and one number, graded without holding the replay up."""

    def __init__(self, prediction: Prediction, rule: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.prediction, self.rule = prediction, rule

    def compose(self) -> ComposeResult:
        p = self.prediction
        yield Static(f"With {p.rate_name} = {format_number(p.rate)}, one step of {self.rule} from {p.output} = "
                     f"{format_number(p.start)}. Where does {p.output} land?", id="predict-question", markup=False)
        yield OptionList(*(Option(f"{n}  {choice}", id=f"choice-{n}") for n, choice in enumerate(p.choices, 1)),
                         id="predict-choices")
        yield Static(f"And what will {p.param} be after that step?", id="predict-param-question", markup=False)
        yield OrderedInput(placeholder=f"{p.param} after one step", id="predict-param", select_on_focus=False)
        yield Static("", id="predict-feedback", markup=False)
        yield Static("1 2 3 or ↑↓ enter: choose · enter: check · space: replay",
                     id="predict-keys", markup=False)

    def on_mount(self) -> None:
        self.border_title = "Predict, then replay"
        self.show()

    def show(self) -> None:
        p = self.prediction
        choices = self.query_one("#predict-choices", OptionList)
        if p.choice is not None and choices.highlighted != p.choice:
            choices.highlighted = p.choice
        said = f"You said: {p.choices[p.choice]}." if p.choice is not None else ""
        feedback = self.query_one("#predict-feedback", Static)
        feedback.update("  ".join(part for part in (said, p.guess_feedback()) if part))
        feedback.set_class(p.guess is not None and p.guess.correct, "-right")
        feedback.set_class(p.guess is not None and not p.guess.correct, "-wrong")
