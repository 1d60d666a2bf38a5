"""The computation graph beside a lesson: x → z₁ → a₁ → … → C, filled in as answers are accepted.

The widget only draws a `tutor.ui.models.chain.Chain`. Wide (a side panel), each node is a row per unit
with its gradient beside it; compact (a strip above the lesson on small terminals), the chain is
one wrapped line `x 1, 0.5 → z₁ ?, ? → …`. The node being asked is marked ▶ and highlighted;
what the learner has not computed yet is `?`.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from ..models.chain import FILLED, GIVEN, REVEALED, UNKNOWN, YOURS, Cell, Chain

ARROW, ASKED = "↓ ", "▶ "


class ComputationGraph(Widget):
    """Draws the lesson's chain of functions with the values known so far."""

    DEFAULT_CSS = """
    ComputationGraph { height: auto; width: 1fr; }
    ComputationGraph > .graph--symbol { text-style: bold; }
    ComputationGraph > .graph--given { color: $text-muted; }
    ComputationGraph > .graph--filled { color: $text-muted; }
    ComputationGraph > .graph--yours { color: $text-success; }
    ComputationGraph > .graph--revealed { color: $text-warning; }
    ComputationGraph > .graph--unknown { color: $text-muted; text-style: dim; }
    ComputationGraph > .graph--asked { background: $accent 25%; color: $text; text-style: bold; }
    ComputationGraph > .graph--arrow { color: $text-muted; }
    ComputationGraph > .graph--heading { color: $text-secondary; text-style: bold; }
    """
    COMPONENT_CLASSES = {
        "graph--symbol", "graph--given", "graph--filled", "graph--yours", "graph--revealed",
        "graph--unknown", "graph--asked", "graph--arrow", "graph--heading",
    }

    chain: reactive[Chain | None] = reactive(None, layout=True)
    compact: reactive[bool] = reactive(False, layout=True)

    def _style(self, *names: str) -> Style:
        return Style.combine(self.get_component_rich_style(f"graph--{n}") for n in names)

    def _value_style(self, cell: Cell) -> Style:
        state = {GIVEN: "given", FILLED: "filled", YOURS: "yours", REVEALED: "revealed", UNKNOWN: "unknown"}
        names = [state[cell.state]] + ["asked"] * cell.asked
        return self._style(*names)

    def on_resize(self) -> None:
        self.refresh(layout=True)  # what fits beside what depends on the width: draw again

    def render(self) -> Text:
        if self.chain is None:
            return Text("")
        return self._render_compact(self.chain) if self.compact else self._render_wide(self.chain)

    # ---- wide: a column of nodes, one row per unit ----------------------------------------
    def _render_wide(self, chain: Chain) -> Text:
        width = max(self.size.width, 20)
        cells = [node.value for node in chain.nodes]
        label_w = max(cell_len(c.symbol) for c in cells)
        value_w = max(cell_len(r) for c in cells for r in c.rows)
        grads = [node.gradient for node in chain.nodes if node.gradient is not None]
        grad_label_w = max((cell_len(g.symbol) for g in grads), default=0)
        grad_w = max((cell_len(r) for g in grads for r in g.rows), default=0)
        beside = 2 + label_w + 2 + value_w + 3 + grad_label_w + 1 + grad_w <= width
        out = Text(no_wrap=False, overflow="fold")
        for number, node in enumerate(chain.nodes):
            cell = node.value
            margin = ASKED if cell.asked or (node.gradient and node.gradient.asked) else ARROW if number else "  "
            lines = []
            for i, row in enumerate(cell.rows):
                line = Text(margin if i == 0 else "  ", style=self._style("arrow"))
                label = cell.symbol if i == 0 else ""
                line.append(label.ljust(label_w) if i == 0 else " " * label_w, self._style("symbol", *["asked"] * cell.asked))
                line.append("  ")
                line.append(row.ljust(value_w) if node.gradient or (i == 0 and node.note) else row, self._value_style(cell))
                lines.append(line)
            if node.note and cell_len(lines[0].plain) + 3 + cell_len(node.note) <= width:
                lines[0].append(f"   {node.note}", self._style("given"))
            elif node.note:  # no room beside the value: on a line of its own, under it
                lines.append(Text(" " * (2 + label_w + 2) + node.note, self._style("given")))
            if node.gradient is not None:
                self._add_gradient(lines, node.gradient, beside, label_w, grad_label_w)
            asked = cell.asked or (node.gradient is not None and node.gradient.asked)
            for line in lines:
                if asked:  # the node being asked stands out as a whole band
                    line.pad_right(max(width - cell_len(line.plain), 0))
                    line.stylize(self._style("asked"))
                out.append_text(line)
                out.append("\n")
        if chain.extras:
            out.append("\n")
            out.append("Also asked\n", self._style("heading"))
            extra_w = max(cell_len(c.symbol) for c in chain.extras)
            for cell in chain.extras:
                line = Text(ASKED if cell.asked else "  ", style=self._style("arrow"))
                line.append(cell.symbol.ljust(extra_w), self._style("symbol", *["asked"] * cell.asked))
                line.append("  ")
                line.append(cell.rows[0], self._value_style(cell))
                if cell.asked:
                    line.pad_right(max(width - cell_len(line.plain), 0))
                    line.stylize(self._style("asked"))
                out.append_text(line)
                out.append("\n")
        out.rstrip()
        return out

    def _add_gradient(self, lines: list[Text], gradient: Cell, beside: bool, label_w: int, grad_label_w: int) -> None:
        """Put the gradient beside the node's rows, or under them when the panel is narrow."""
        style = self._value_style(gradient)
        symbol_style = self._style("symbol", *["asked"] * gradient.asked)
        if not beside:
            indent = " " * (2 + label_w + 2)
            for i, row in enumerate(gradient.rows):
                line = Text(indent)
                line.append((gradient.symbol if i == 0 else "").ljust(grad_label_w), symbol_style)
                line.append(" ")
                line.append(row, style)
                lines.append(line)
            return
        for i, row in enumerate(gradient.rows):
            while len(lines) <= i:
                lines.append(Text(" " * cell_len(lines[0].plain)))
            lines[i].append("   ")
            lines[i].append((gradient.symbol if i == 0 else "").ljust(grad_label_w), symbol_style)
            lines[i].append(" ")
            lines[i].append(row, style)

    # ---- compact: x 1, 0.5 → z₁ ?, ? → … wrapped at the arrows ----------------------------
    def _render_compact(self, chain: Chain) -> Text:
        width = max(self.size.width, 20)
        groups = [self._group(node.value, node.note) for node in chain.nodes]
        lines = self._flow(groups, " → ", width)
        grads = [self._group(node.gradient) for node in reversed(chain.nodes) if node.gradient is not None]
        if grads:
            lines += self._flow([Text("backward:", self._style("heading")), *grads], "  ", width)
        if chain.extras:
            lines += self._flow([Text("also:", self._style("heading")), *(self._group(c) for c in chain.extras)], "  ", width)
        return Text("\n").join(lines)

    def _group(self, cell: Cell, note: str = "") -> Text:
        text = Text(ASKED if cell.asked else "", style=self._style("arrow"))
        text.append(cell.symbol, self._style("symbol", *["asked"] * cell.asked))
        text.append(" ")
        text.append(", ".join(cell.rows), self._value_style(cell))
        if note:
            text.append(f" ({note})", self._style("given"))
        return text

    def _flow(self, groups: list[Text], separator: str, width: int) -> list[Text]:
        """Groups joined by `separator`, wrapped between groups to fit `width`."""
        lines: list[Text] = [Text()]
        for group in groups:
            line = lines[-1]
            joined = cell_len(line.plain) + cell_len(separator) + cell_len(group.plain)
            if line.plain and joined > width:
                lines.append(Text("  "))
                line = lines[-1]
            elif line.plain:
                line.append(separator, self._style("arrow"))
            line.append_text(group)
        return lines
