"""An Input that holds exactly what was typed, however fast the keys come.

Textual's Input types a printable key as soon as the key reaches it, but a bound key (backspace,
ctrl+u, the arrows, enter) runs only once it has bubbled up to the app through the message queue of
every ancestor (textual#6605). Keys that arrive in one burst (a fast typist, a paste through the
terminal, keys typed while the app was busy grading) then apply out of order: the backspaces of a
correction land after the digits that followed them, and `2.25` is graded as `2.251`. This Input
runs a bound key's action the moment the key reaches it, as the app would have after the bubbling.

A burst also puts keys in this box's queue before the key that moves the focus away has been
handled (escape, then `h`): those that reach it once it has lost the focus are handed on to the
widget that has it now (on the screen on top: `?` opens help over the box), in order, as if they
had been sent there. (The other way round, characters sent elsewhere before the focus came here are
typed here by `TableScreen.on_key`.)

The tutor's boxes take numbers and formulas, where `?` never appears: it is left to the app's help.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class OrderedInput(Input):
    """An Input whose keys apply in the order they were typed."""

    def check_consume_key(self, key: str, character: str | None) -> bool:
        return character != "?" and super().check_consume_key(key, character)

    async def _on_key(self, event: events.Key) -> None:
        if self.app.focused is not self:  # moved to another widget, or a screen opened over this one
            self._hand_on(event)
        elif self.check_consume_key(event.key, event.character):
            return  # a character: Textual's Input types it
        elif not await self.app._check_bindings(event.key):  # what the app would run after the bubbling
            return  # bound to nothing: it bubbles up as usual
        event.stop()
        event.prevent_default()

    def type_character(self, character: str) -> None:
        """Type `character` as its key would have: at the cursor, or over the selection."""
        selection = self.selection
        if selection.is_empty:
            self.insert_text_at_cursor(character)
        else:
            self.replace(character, *selection)

    def _hand_on(self, event: events.Key) -> None:
        """Send a key that came after the focus moved to where the focus is now, as the app does."""
        app = self.app
        (app.focused or app.screen)._forward_event(events.Key(event.key, event.character))
