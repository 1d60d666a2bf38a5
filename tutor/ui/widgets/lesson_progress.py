"""The strip under a lesson: which step, how many answered (a bar), and the phase of backprop."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, ProgressBar, Static

PHASES = ("forward", "loss", "backward", "update")


class PhaseStrip(Static):
    """forward · loss · backward · update, with the current phase marked and lit."""

    DEFAULT_CSS = """
    PhaseStrip { width: auto; }
    PhaseStrip > .phase--current { color: $text-accent; text-style: bold reverse; }
    PhaseStrip > .phase--visited { color: $text; }
    PhaseStrip > .phase--absent { color: $text-muted; }
    """
    COMPONENT_CLASSES = {"phase--current", "phase--visited", "phase--absent"}

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._shown: tuple[str, list[str]] = ("", [])

    def show(self, current: str, in_lesson: list[str]) -> None:
        if (current, in_lesson) != self._shown:
            self._shown = (current, in_lesson)
            self.refresh(layout=True)

    def render(self) -> Text:
        """Drawn here, not stored, so that a change of theme changes its colours too."""
        current, in_lesson = self._shown
        text = Text()
        for i, phase in enumerate(PHASES):
            if i:
                text.append(" › ", self.get_component_rich_style("phase--absent"))
            kind = "current" if phase == current else "visited" if phase in in_lesson else "absent"
            label = f" {phase} " if kind == "current" else phase
            text.append(label, self.get_component_rich_style(f"phase--{kind}"))
        return text


class StepProgress(Horizontal):
    """Step n of m · a bar of the questions answered · the phase."""

    def compose(self) -> ComposeResult:
        yield Label(id="position")
        yield ProgressBar(show_eta=False, show_percentage=False, id="bar")
        yield Label(id="answered")
        yield PhaseStrip(id="phases")

    def show(self, position: str, answered: int, total: int, phase: str, phases: list[str]) -> None:
        self.query_one("#position", Label).update(position)
        self.query_one("#bar", ProgressBar).update(total=max(total, 1), progress=answered)
        self.query_one("#answered", Label).update(f"{answered} of {total} answered")
        self.query_one(PhaseStrip).show(phase, phases)
