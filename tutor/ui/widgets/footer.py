"""The footer of every screen: Textual's, made to fit the terminal's width, and relabelled in place.

It fits. Textual's footer lays its keys out in one row and cuts whatever does not fit at the right,
which is where `? Help` is. This one measures its keys first: roomy when they fit, compact (less space
around each key) when they do not, and without the command palette's `^p` when even that is too wide
(ctrl+p still opens it). A screen whose keys do not fit even so shows fewer of them (see
`tutor.ui.actions.When.shown`); tests/ui/test_layout.py checks that every footer fits at 80 columns.

It is quick. Textual's footer removes and mounts a widget per key each time the screen's bindings are
refreshed (several times for every change of focus), one frame after the change. On the lesson screen
that made escape, tab or a digit typed outside the answer box cost several rebuilds and three or four
frames each. This footer compares the keys it would show with those it shows; when they differ it
relabels the key widgets it has at once, hiding those left over. The screen asks for that as focus
moves (`TableScreen.set_focus`), so the new keys are painted with the new focus.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual import widgets
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets._footer import FooterKey

Shown = tuple[Binding, bool, str]  # a binding, whether it is enabled, its tooltip
ROOMY, COMPACT = 3, 2  # cells around a key and its description: " ⏎ Open " or "⏎ Open "
PALETTE = 3  # the palette key's border and padding, besides its text


class Footer(widgets.Footer):
    """The keys of the screen, fitted to its width; a change of keys relabels the widgets already there."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._drawn: tuple | None = None  # what is on screen now
        self._fitted_width = 0  # the width the look was chosen for

    def keys_to_show(self) -> list[Shown]:
        """The first binding of each action shown in the footer, as `compose` picks them."""
        first: dict[str, Shown] = {}
        for _node, binding, enabled, tooltip in self.screen.active_bindings.values():
            if binding.show:
                first.setdefault(binding.action, (binding, enabled, tooltip))
        return list(first.values())

    def on_mount(self) -> None:
        # Textual's footer hears of new bindings a message later; this one as they change (its own
        # subscription, still made, then finds nothing to do).
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed, immediate=True)

    def on_resize(self) -> None:
        if self.is_attached and self._drawn is not None:
            self.update_keys()

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self.update_keys()

    def update_keys(self) -> None:
        """Show the screen's keys now, fitted to the width, if they are not the ones shown."""
        keys = self.keys_to_show()
        self.fit(keys)
        to_draw = self._to_draw(keys)
        if to_draw == self._drawn:
            return
        drawn, self._drawn = self._drawn, to_draw
        have, palette = self._key_widgets(), self._palette_key()
        if drawn is None:  # the first keys come after the screen's first frame, as Textual's do
            self.call_after_refresh(self.call_next, self._rebuild)  # in its own turn: see below
        elif (len(keys) > len(have) or any(b.group for b, _, _ in keys) or drawn[2] != to_draw[2]
              or (to_draw[1] and palette is None)):
            # More keys than ever, groups, or another palette key: Textual's way, in the footer's own
            # turn (it binds the keys' `compact` to itself).
            self.call_next(self._rebuild)
        else:
            self._relabel(have, keys)
            if palette is not None:
                palette.display = to_draw[1]

    def fit(self, keys: list[Shown]) -> None:
        """Choose the roomy or the compact look, with or without the palette key, for this width.

        At one width the footer only ever gets tighter: its look does not change back and forth as
        the focus moves between the answer box and the page (restyling every key each time).
        """
        width = self.size.width
        if not width:
            return
        if width != self._fitted_width:  # a new width: fit afresh
            self._fitted_width = width
            self.compact, self.show_command_palette = False, True
        cells = [cell_len(self.app.get_key_display(b)) + cell_len(b.description) for b, _, _ in keys]
        palette = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
        palette_cells = 0 if palette is None else (
            cell_len(self.app.get_key_display(palette.binding)) + cell_len(palette.binding.description) + 1 + PALETTE)
        roomy = sum(c + ROOMY for c in cells)
        self.compact = self.compact or roomy + palette_cells > width
        shown = sum(c + COMPACT for c in cells) if self.compact else roomy
        self.show_command_palette = self.show_command_palette and shown + palette_cells <= width

    def _to_draw(self, keys: list[Shown]) -> tuple:
        """All that `compose` draws from: the keys, then whether and how the palette key shows."""
        app = self.app
        palette = self.screen.active_bindings.get(app.COMMAND_PALETTE_BINDING)
        return (tuple((b.key, app.get_key_display(b), b.description, b.action, b.group, enabled, tooltip)
                      for b, enabled, tooltip in keys),
                self.show_command_palette and app.ENABLE_COMMAND_PALETTE,
                None if palette is None else (palette.binding, palette.enabled))

    async def _rebuild(self) -> None:
        self._drawn = self._to_draw(self.keys_to_show())
        await widgets.Footer.recompose(self)

    async def recompose(self) -> None:
        """Textual asks for this as the bindings change: relabel instead, if anything changed."""
        if self.is_attached:
            self.update_keys()

    def _key_widgets(self) -> list[FooterKey]:
        """The key widgets, shown or hidden, in order (not those on their way out)."""
        return [child for child in self.children
                if isinstance(child, FooterKey) and not child.has_class("-command-palette") and not child._pruning]

    def _palette_key(self) -> FooterKey | None:
        return next((child for child in self.children if child.has_class("-command-palette") and not child._pruning),
                    None)

    def _relabel(self, have: list[FooterKey], keys: list[Shown]) -> None:
        """Relabel the key widgets in order; hide those left over (the next keys may need them)."""
        app = self.app
        for widget, (binding, enabled, tooltip) in zip(have, keys):
            widget.key, widget.key_display = binding.key, app.get_key_display(binding)
            widget.description, widget.action = binding.description, binding.action
            widget._disabled = not enabled  # what a click on it checks
            widget.set_class(not enabled, "-disabled")
            widget.tooltip = tooltip or None
            widget.display = True
            widget.refresh(layout=True)
        for widget in have[len(keys):]:
            widget.display = False
