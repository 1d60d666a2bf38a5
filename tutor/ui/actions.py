"""When a screen's keys apply: one table from each action to `When`, read by `check_action`.

Textual asks `check_action` before it runs an action and before it draws the footer. The answer is
True (run it, show the key), None (show the key dimmed, do nothing) or False (hide the key, and let
it fall through to the next binding of the same key). A `TableScreen` answers from its `ACTIONS`
table instead of an if-chain, and adds what Textual has no word for: a key that works but is left out
of the footer (`shown`), where the footer has no room for it, and a dimmed key that says why it
cannot apply when it is pressed (`why`) instead of doing nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Callable, ClassVar

from textual import events
from textual.binding import ActiveBinding
from textual.screen import Screen

from .closing import ClosesOnce
from .widgets.ordered_input import OrderedInput

Predicate = Callable[[Any], bool]  # of the screen


def always(screen: Any) -> bool:
    return True


def never(screen: Any) -> bool:
    return False


@dataclass(frozen=True)
class When:
    """When an action applies (else its key is hidden and falls through), when it is enabled (else
    its key is dimmed and does nothing, or says `why`) and when its key is shown in the footer."""

    applies: Predicate = always
    enabled: Predicate = always
    shown: Predicate = always
    why: Callable[[Any], str] | None = None  # what a press of the dimmed key says (the action asks `refused`)

    def check(self, screen: Any) -> bool | None:
        """What `check_action` answers: True, None (dimmed) or False (hidden). A key with a `why` is
        dimmed in the footer only (`TableScreen.active_bindings`): pressed, its action runs, and says it."""
        if not self.applies(screen):
            return False
        return True if self.enabled(screen) or self.why is not None else None


class TableScreen(ClosesOnce, Screen):
    """A screen whose `check_action` reads `ACTIONS`; an action not in it always applies."""

    ACTIONS: ClassVar[dict[str, When]] = {}

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not super().check_action(action, parameters):
            return None  # still opening
        when = self.ACTIONS.get(action)
        return True if when is None else when.check(self)

    def set_focus(self, widget, scroll_visible: bool = True, from_app_focus: bool = False) -> None:
        """Move the focus, and paint it with the footer's new keys in the frame of the key that moved it.

        Textual restyles the two widgets when their Focus and Blur events arrive, and the footer after
        the next refresh: three frames for one key. Their `has_focus` is set here, as the events will.
        """
        blurred = self.focused
        super().set_focus(widget, scroll_visible, from_app_focus)
        if blurred is not None and blurred is not self.focused:
            blurred.has_focus = False
        if self.focused is not None:
            self.focused.has_focus = True
        self.refresh_bindings()

    def on_key(self, event: events.Key) -> None:
        """A character that reaches the screen while a text box has the focus was typed after the key
        that moved the focus there, and sent elsewhere before it had moved: it belongs in the box."""
        if isinstance(self.focused, OrderedInput) and event.is_printable:
            self.focused.type_character(event.character)
            event.stop()
            event.prevent_default()

    def refused(self, action: str) -> bool:
        """Whether `action` cannot apply now; then its `why` is said (call it first in the action)."""
        when = self.ACTIONS[action]
        if when.enabled(self):
            return False
        self.notify(when.why(self) if when.why else "Not now.", timeout=3, markup=False)
        return True

    def action_states(self) -> tuple:
        """What the table says now, action by action: the footer changes only when this does."""
        return tuple((when.check(self), when.enabled(self), when.shown(self)) for when in self.ACTIONS.values())

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """Textual's, with the keys of this screen's actions that are not `shown` now left out of the
        footer, and those that only say `why` dimmed."""
        active = super().active_bindings
        for key, (node, binding, enabled, tooltip) in list(active.items()):
            name = binding.action.partition("(")[0]  # "predict(0)" is the action "predict"
            when = self.ACTIONS.get(name) if node is self else None
            if when is None:
                continue
            if binding.show and not when.shown(self):
                active[key] = ActiveBinding(node, replace(binding, show=False), enabled, tooltip)
            elif enabled and not when.enabled(self):  # a key with a `why`: heard, but dimmed
                active[key] = ActiveBinding(node, binding, False, tooltip)
        return active
