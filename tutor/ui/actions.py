"""When a screen's keys apply: one table from each action to `When`, read by `check_action`.

Textual asks `check_action` before it runs an action and before it draws the footer. The answer is
True (run it, show the key), None (show the key dimmed, do nothing) or False (hide the key, and let
it fall through to the next binding of the same key). A `TableScreen` answers from its `ACTIONS`
table instead of an if-chain, and adds what Textual has no word for: a key that works but is left out
of the footer (`shown`), where the footer has no room for it; and a key that does nothing here
saying why (`why`): a screen binds the same key once more, last and hidden, to `why_not('ACTION')`,
which Textual reaches only when the action itself was refused.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Callable, ClassVar

from textual import events
from textual.binding import ActiveBinding
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget

from .closing import ClosesOnce

Predicate = Callable[[Any], bool]  # of the screen
Reason = Callable[[Any], str]  # of the screen: why an action does nothing now


def always(screen: Any) -> bool:
    return True


def never(screen: Any) -> bool:
    return False


ROOMY = 100  # columns from which a footer has room for every key of its screen

# In a web page (`tutor serve`) the footer names these keys instead: browsers keep ctrl+t and ctrl+n
# (a new tab, a new window) for themselves. An alt key is escape then its letter (tutor.ui.base_app),
# so each does what its ctrl key does; ctrl+o and ctrl+g follow, for one rule in the footer.
PAGE_KEYS = {"ctrl+t": "alt+h", "ctrl+o": "alt+s", "ctrl+g": "alt+c", "ctrl+n": "alt+n"}


def roomy(screen: Any) -> bool:
    """The terminal is wide enough for the keys a narrow footer leaves out (help lists them all)."""
    return screen.size.width >= ROOMY


@dataclass(frozen=True)
class When:
    """When an action applies (else its key is hidden and falls through), when it is enabled (else
    its key is dimmed and does nothing, or says `why`) and when its key is shown in the footer."""

    applies: Predicate = always
    enabled: Predicate = always
    shown: Predicate = always
    why: Reason | None = None

    def check(self, screen: Any) -> bool | None:
        """What `check_action` answers: True, None (dimmed) or False (hidden)."""
        if not self.applies(screen):
            return False
        return True if self.enabled(screen) else None


class TableScreen(ClosesOnce, Screen):
    """A screen whose `check_action` reads `ACTIONS`; an action not in it always applies.

    For the footer alone, an entry may name an action with its parameters ("edit('steps')"): one of
    two keys of the same action can be left out.
    """

    ACTIONS: ClassVar[dict[str, When]] = {}
    # Textual repaints the whole screen whenever the focus moves: a frame of its own before the key's.
    # The widgets that gain and lose the focus restyle and repaint themselves, which is all that changes.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    _states_shown: tuple | None = None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not super().check_action(action, parameters):
            return None  # still opening
        if action == "why_not":  # only where the action it explains is refused and has a reason
            refused = self.ACTIONS.get(str(parameters[0])) if parameters else None
            return refused is not None and refused.why is not None and refused.check(self) is not True
        when = self.ACTIONS.get(action)
        return True if when is None else when.check(self)

    def action_why_not(self, action: str) -> None:
        """Say why the key of `action` does nothing here."""
        self.notify(self.ACTIONS[action].why(self), timeout=4, markup=False)

    def set_focus(self, widget, scroll_visible: bool = True, from_app_focus: bool = False) -> None:
        """Move the focus, and paint it with the footer's new keys in the frame of the key that moved it.

        Textual restyles the two widgets when their Focus and Blur events arrive, a frame or two later;
        their `has_focus` is set here, as the events will. (The footer hears of the new focus at once:
        assigning `focused` refreshes the bindings.)
        """
        blurred = self.focused
        super().set_focus(widget, scroll_visible, from_app_focus)
        if blurred is not None and blurred is not self.focused:
            blurred.has_focus = False
        if self.focused is not None:
            self.focused.has_focus = True

    async def on_key(self, event: events.Key) -> None:
        """Run a key that reaches the screen now, in the order the keys were typed.

        Textual runs a bound key only once it has bubbled up to the app (textual#6605), after the keys
        typed behind it have reached the screen: enter on a page to read, then `0.6`, lost the digits
        (the page asking for them was not open yet). Here the binding runs as the key arrives, so the
        keys after it find the focus where it put it. A character that reaches the screen while a text
        box has the focus was typed after the key that moved the focus there: it belongs in the box
        (an OrderedInput's `type_character`; not imported here, the home screen has none).
        """
        type_character = getattr(self.focused, "type_character", None)
        if type_character is not None and event.is_printable:
            type_character(event.character)
        elif not await self.app._check_bindings(event.key):
            return  # bound to nothing: it bubbles on to the app
        event.stop()
        event.prevent_default()

    def action_states(self) -> tuple:
        """What the table says now, action by action: the footer changes only when this does."""
        return tuple((when.check(self), when.shown(self)) for when in self.ACTIONS.values())

    def refresh_actions(self) -> None:
        """Refresh the bindings, which rebuilds the footer, only when what the table says has changed."""
        states = self.action_states()
        if states != self._states_shown:
            self._states_shown = states
            self.refresh_bindings()

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """Textual's, with the keys of this screen's actions that are not `shown` now left out of the
        footer, and in a web page the keys that work there named instead of those the browser keeps."""
        active = super().active_bindings
        in_page = self.app.is_web
        for key, (node, binding, enabled, tooltip) in list(active.items()):
            name = binding.action.partition("(")[0]  # "predict(0)" is the action "predict" ...
            when = self.ACTIONS.get(binding.action, self.ACTIONS.get(name)) if node is self else None  # ... or itself
            shown = binding
            if binding.show and when is not None and not when.shown(self):
                shown = replace(shown, show=False)
            if in_page and key in PAGE_KEYS:
                shown = replace(shown, key_display=PAGE_KEYS[key])
            if shown is not binding:
                active[key] = ActiveBinding(node, shown, enabled, tooltip)
        return active
