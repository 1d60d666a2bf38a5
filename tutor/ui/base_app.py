"""What both apps (`tutor` and `tutor replay --tui`) do alike: readable colours (`tutor.ui.colors`),
and keys that come in a burst.

- Escape then a key, typed quickly, are read as the two keys they were. A terminal sends escape as
  the byte ESC and alt+h as ESC then h; Textual waits 100 ms after an ESC to tell them apart, so
  escape then `h` within that time arrived as alt+h, which the answer box typed as an `h`: the hint
  asked for never came. The apps bind nothing to alt, so an alt key is escape, then the key.
- The first key works in a browser (`tutor serve`). Textual's web driver starts the app told it has
  no focus (an AppBlur), so the screen skipped focusing its first widget and the footer stayed
  empty; when the page's focus (or a key) arrived, Textual gave the focus back only to a widget that
  had it before, and enter did nothing. In a page the app ignores blurs: the page sends keys only
  while its terminal has the keyboard, which tutor's page gives it as it loads
  (tutor/web/templates), and the browser's own focus then tells the app nothing it needs; the
  focus stays where the learner left it. And wherever the app gets the focus back with nothing
  focused (a terminal left before the app had drawn), the screen focuses its first widget, as it
  would have on opening.
- ctrl+p opens one command palette: pressed again while the first was still opening (or closing)
  it opened a second with the same id, and Textual raised `DuplicateIds`.
- The theme chosen in the palette is kept for the next run (`tutor.settings`); `tutor --theme NAME`
  picks one for this run only.
"""

from __future__ import annotations

from textual import events, on
from textual.app import App
from textual.theme import Theme

from tutor.settings import Settings, SettingsStore

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

    def __init__(self, theme: str | None = None):
        """`theme`: this run's theme (the CLI checked the name); else the one kept in the settings file."""
        super().__init__()
        self.settings_store = SettingsStore()
        loaded = self.settings_store.load()
        self.settings = loaded.settings
        self.settings_warnings = [loaded.warning] if loaded.warning else []
        kept = self.settings.theme
        if kept is not None and kept not in self.available_themes:
            self.settings_warnings.append(f"Your settings file {self.settings_store.path} names the theme {kept!r}, "
                                          "which this version of Textual does not have; the default is used.")
        elif theme is None and kept is not None:
            self.theme = kept
        if theme is not None:
            self.theme = theme

    @on(events.Mount)
    def keep_theme_choices(self) -> None:
        """From now on a new theme is a choice to keep (the one set at start is not)."""
        self.theme_changed_signal.subscribe(self, self.save_theme)
        for warning in self.settings_warnings:
            self.notify(warning, title="Settings", severity="warning", timeout=12, markup=False)

    def save_theme(self, theme: Theme) -> None:
        if theme.name == self.settings.theme:
            return
        self.settings.theme = theme.name
        problem = self.settings_store.save(self.settings)
        if problem and problem not in self.settings_warnings:
            self.settings_warnings.append(problem)
            self.notify(problem, title="Settings", severity="warning", timeout=12, markup=False)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:  # from the terminal
            for key in as_typed(event):
                await super().on_event(key)
        elif not (isinstance(event, events.AppBlur) and self.is_web):
            await super().on_event(event)

    def watch_app_focus(self, focus: bool) -> None:
        """The app has the focus again (Textual has put back the widget that had it, if any)."""
        if focus and self.screen.focused is None:
            self.screen._update_auto_focus()  # Textual's own choice on opening (the screen's AUTO_FOCUS)

    def action_command_palette(self) -> None:
        from .commands import CommandPalette  # textual.command is slow to import: only when asked

        if self.use_command_palette and not any(isinstance(screen, CommandPalette) for screen in self.screen_stack):
            self.push_screen(CommandPalette())
