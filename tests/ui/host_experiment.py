"""Open the experiment (or the curves) screen on its own, for trying it by hand in a terminal.

    .venv/bin/python tests/ui/host_experiment.py [LESSON] [--curves] [--rates 0.2,2.5] [--rule descent]

The screens are pushed on a bare `App`, as the tests do, so this works without the rest of the app.
"""

from __future__ import annotations

import argparse

from textual.app import App

from tutor.lessons import find_lesson


class Host(App):
    """A bare app that shows one screen; q on that screen closes it, and then the app."""

    def __init__(self, screen_factory):
        super().__init__()
        self.screen_factory = screen_factory

    def on_mount(self) -> None:
        self.push_screen(self.screen_factory(), callback=lambda _: self.exit())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("lesson", nargs="?", default="chain-rule")
    parser.add_argument("--curves", action="store_true")
    parser.add_argument("--rates", default=None)
    parser.add_argument("--steps", type=int, default=None)
    args = parser.parse_args()
    lesson = find_lesson(args.lesson)
    if args.curves:
        from tutor.ui.screens.curves import CurvesScreen

        Host(lambda: CurvesScreen(lesson)).run()
    else:
        from tutor.ui.screens.experiment import ExperimentScreen

        rates = [float(r) for r in args.rates.split(",")] if args.rates else None
        Host(lambda: ExperimentScreen(lesson, rates, args.steps)).run()


if __name__ == "__main__":
    main()
