"""What both apps (`tutor` and `tutor replay --tui`) do alike: readable colours (`tutor.ui.colors`),
and keys that come in a burst.

- Escape then a key, typed quickly, are read as the two keys they were. A terminal sends escape as
  the byte ESC and alt+h as ESC then h; Textual waits 100 ms after an ESC to tell them apart, so
  escape then `h` within that time arrived as alt+h, which the answer box typed as an `h`: the hint
  asked for never came. The apps bind nothing to alt, so an alt key is escape, then the key.
- ctrl+p opens one command palette: pressed again while the first was still opening (or closing)
  it opened a second with the same id, and Textual raised `DuplicateIds`.
"""

from __future__ import annotations

from textual import events
from textual.app import App

from .colors import ReadableColors


def as_typed(event: events.Key) -> list[events.Key]:
    """`event`, or escape and the key for an alt key that has a character (alt+h → escape, h)."""
    if not (event.key.startswith("alt+") and event.character):
        return [event]
    key = event.key.removeprefix("alt+")
    if key.startswith("shift+"):  # alt+H is "alt+shift+h", H alone is "H"
        key = event.character
    return [events.Key("escape", "\x1b"), events.Key(key, event.character)]


class BaseApp(ReadableColors, App[int]):
    """An app whose keys are handled as they were typed, in colours every text can be read in."""

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:  # from the terminal
            for key in as_typed(event):
                await super().on_event(key)
        else:
            await super().on_event(event)

    def action_command_palette(self) -> None:
        from .commands import CommandPalette  # textual.command is slow to import: only when asked

        if self.use_command_palette and not any(isinstance(screen, CommandPalette) for screen in self.screen_stack):
            self.push_screen(CommandPalette())
