"""The footer of every screen: Textual's, made to fit the terminal's width instead of running off it.

Textual's footer lays its keys out in one row and cuts whatever does not fit at the right, which is
where `? Help` is. This one measures its keys first: roomy when they fit, compact (less space around
each key) when they do not, and without the command palette's `^p` when even that is too wide
(ctrl+p still opens it). A screen whose keys do not fit even so shows fewer of them (see
`tutor.ui.actions.When.shown`); tests/ui/test_layout.py checks that every footer fits at 80 columns.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.widgets import Footer

ROOMY, COMPACT = 3, 2  # cells around a key and its description: " ⏎ Open " or "⏎ Open "
PALETTE = 3  # the palette key's border and padding, besides its text


class KeyFooter(Footer):
    """A footer that is compact, and leaves out the palette key, only when it has to."""

    def on_resize(self) -> None:
        self.fit()

    def bindings_changed(self, screen) -> None:
        self.fit()
        super().bindings_changed(screen)

    def fit(self) -> None:
        """Choose the roomy or the compact look, with or without the palette key, for this width."""
        width = self.size.width
        if not width or not self.is_attached:
            return
        keys, palette = self.key_widths()
        roomy = sum(cells + ROOMY for cells in keys)
        compact = sum(cells + COMPACT for cells in keys)
        self.compact = roomy + palette > width
        with_palette = (compact if self.compact else roomy) + palette <= width
        if with_palette != self.show_command_palette:
            self.show_command_palette = with_palette
            self.call_after_refresh(self.recompose)

    def key_widths(self) -> tuple[list[int], int]:
        """The cells of each key shown (its key and description), and those the palette key takes."""
        shown: dict[str, int] = {}  # by action: the footer shows one key per action
        palette = 0
        for _node, binding, _enabled, _tooltip in self.screen.active_bindings.values():
            cells = cell_len(self.app.get_key_display(binding)) + cell_len(binding.description)
            if binding.key == self.app.COMMAND_PALETTE_BINDING:
                palette = cells + 1 + PALETTE
            elif binding.show and binding.action not in shown:
                shown[binding.action] = cells
        return list(shown.values()), palette
