"""Warming up: what opening the first lesson, review or help does only once, done while the learner
reads the course list, after its first paint.

In the thread that loads the course: import the screens and their models, and let markdown-it build
its parser on the help page (lesson texts and help are Markdown). On the main thread, once the
course list is painted: read the screens' CSS into the stylesheet, so that the first screen pushed
does not parse and apply it all while the learner waits.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App

SCREENS = ("lesson", "review", "summary", "help", "confirm")


def import_screens() -> None:
    """Import what a lesson, a review, a summary and help need (NumPy is loaded by now)."""
    for name in SCREENS:
        importlib.import_module(f"tutor.ui.screens.{name}")
    from markdown_it import MarkdownIt

    from .screens.help import help_text

    MarkdownIt("gfm-like").parse(help_text())


def read_screen_css(app: App) -> None:
    """Put the CSS of the lesson screen and the dialogs into the app's stylesheet now."""
    from .screens.help import HelpScreen
    from .screens.lesson import LessonScreen

    paths = [LessonScreen.CSS_PATH, HelpScreen.CSS_PATH]  # the summary and confirm share the dialogs' CSS
    fresh = [path for path in paths if not app.stylesheet.has_source(str(path), "")]
    for path in fresh:
        app.stylesheet.read(path)
    if fresh:
        app.stylesheet.reparse()
        app.stylesheet.update(app)
