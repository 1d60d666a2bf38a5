"""The command palette and its lessons: ctrl+p, type part of a title, enter opens it."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual import command, on
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.events import Mount
from textual.widgets import Input, OptionList

from .closing import ClosesOnce

if TYPE_CHECKING:
    from .app import TutorApp


class LessonCommands(Provider):
    """Open any lesson of the course from the command palette."""

    def _lessons(self) -> list[tuple[str, str, str]]:
        """(command text, lesson id, help) for every lesson in the course list."""
        app: TutorApp = self.app  # type: ignore[assignment]
        return [(f"Open lesson {number}: {entry.title}", entry.id, entry.summary or entry.title)
                for number, entry in enumerate(app.catalog, start=1)]

    async def discover(self) -> Hits:
        app: TutorApp = self.app  # type: ignore[assignment]
        for text, lesson_id, help_text in self._lessons():
            yield DiscoveryHit(text, partial(app.open_lesson, lesson_id), help=help_text)

    async def search(self, query: str) -> Hits:
        app: TutorApp = self.app  # type: ignore[assignment]
        matcher = self.matcher(query)
        for text, lesson_id, help_text in self._lessons():
            score = matcher.match(f"{text} {lesson_id}")
            if score > 0:
                yield Hit(score, matcher.highlight(text), partial(app.open_lesson, lesson_id), text=text, help=help_text)


class CommandPalette(ClosesOnce, command.CommandPalette):
    """Textual's palette, sturdy under a burst of keys.

    Enter, enter: the second reached the palette as it closed, ran the command again and closed the
    screen under it (`ScreenStackError`); it is ignored once the palette is closing. Page up or down
    before the list had been laid out raised `KeyError` in Textual 8.2.8; they do nothing then. Closed
    from outside, or before it had opened, it stops searching (or never starts).
    """

    @on(Input.Submitted)
    @on(OptionList.OptionSelected)
    def _closing_already(self, event: Input.Submitted | OptionList.OptionSelected) -> None:
        if not self.still_open() or not self.is_active:
            event.stop()
            event.prevent_default()  # Textual's handlers, in the base class, do not run

    def on_mount(self, event: Mount) -> None:
        if not self.still_open():
            event.prevent_default()  # closed before it opened: Textual's would start a search for a list now gone

    def on_unmount(self) -> None:
        # Closed by something else than its own keys (a lesson chosen while the course loaded opens
        # over it): the search still running would look for its list, gone (`NoMatches`).
        self._cancel_gather_commands()

    def _action_command_list(self, action: str) -> None:
        try:
            super()._action_command_list(action)
        except KeyError:  # OptionList._move_page with no lines yet: a page key with nothing to page
            if not action.startswith("page_"):
                raise
