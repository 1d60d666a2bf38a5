"""Screens that close once, and may close before they have finished opening.

A burst of keys reaches a screen faster than Textual opens and closes it:
- enter, enter on the palette, y, y on a question, escape, escape on help: the second key reached
  the screen while it was closing, and `dismiss` popped whatever screen was under it (Textual does
  not check), ending in `ScreenStackError`, or answered the question twice (`InvalidStateError`).
  Here a screen that is not on top, or is already closing, has nothing left to close.
- enter then q, or ? then escape (or ctrl+q): the screen was closed while Textual was still
  mounting it, and its `on_mount` and `on_resize` found no widgets (`NoMatches`). They ask
  `still_open()` first. A key reaching a screen still opening runs none of its actions.
"""

from __future__ import annotations

from textual.await_complete import AwaitComplete


class ClosesOnce:
    """For a Screen (listed before it, so Textual's CSS still follows the Screen's own bases): a
    second close is ignored, and the screen knows whether it is still on the app's stack."""

    _dismissed = False

    def still_open(self) -> bool:
        """On the app's screen stack (not closed, perhaps before it finished mounting), and the app
        is not quitting (ctrl+q in a burst removes every screen's widgets while they still mount)."""
        return self.app.return_code is None and self in self.app.screen_stack

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Nothing runs before the screen has mounted (a key typed on the screen under it can reach
        it while it opens): its widgets are not there yet."""
        return True if self.is_mounted else None

    def dismiss(self, result=None) -> AwaitComplete:
        if self._dismissed or not self.is_active:
            return AwaitComplete.nothing()
        self._dismissed = True
        return super().dismiss(result)  # type: ignore[misc]
