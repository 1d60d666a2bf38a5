"""`tutor replay --tui`: the experiment screen on its own, in a small app that ends when it closes.

Imported only by that command (it loads the engine, NumPy and plotext at once), so it keeps the
replay's own arguments: a lesson, its rates, steps and update rule.
"""

from __future__ import annotations

from pathlib import Path

from tutor.lessons import Lesson

from .base_app import BaseApp
from .screens.experiment import ExperimentScreen


class ExperimentApp(BaseApp):
    """One learning-rate experiment; q on it quits."""

    CSS_PATH = Path(__file__).resolve().parent / "app.tcss"
    TITLE = "tutor"

    def __init__(self, lesson: Lesson, rates: list[float] | None = None, steps: int | None = None,
                 rule: str | None = None, theme: str | None = None):
        super().__init__(theme)
        self.screen_to_show = ExperimentScreen(lesson, rates, steps, rule)

    def on_mount(self) -> None:
        self.push_screen(self.screen_to_show, callback=lambda _: self.exit(0))


def run(lesson: Lesson, rates: list[float] | None = None, steps: int | None = None, rule: str | None = None,
        theme: str | None = None) -> int:
    """Run the experiment in the terminal; the exit status for `tutor replay --tui`."""
    app = ExperimentApp(lesson, rates, steps, rule, theme)
    app.run()
    return app.return_code or 0
