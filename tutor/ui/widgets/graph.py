"""The computation graph beside a lesson: x → z₁ → a₁ → … → C, filled in as answers are accepted,
and the values it starts from.

The widgets only draw a `tutor.ui.models.chain.Chain`. `GivenValues` lists what the lesson gives
(x, the weights and biases, the target, the learning rate); it stays put while the graph below it
scrolls. `ComputationGraph` draws the chain: wide (a side panel), each node is a row per unit with
its gradient beside it; compact (a strip above the lesson on small terminals), the chain is one
wrapped line `x 1, 0.5 → z₁ ?, ? → …`. The node being asked is marked ▶ and highlighted, and the
rows it takes are known (`asked_rows`) so that the screen can scroll it into view; what the learner
has not computed yet is `?`.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from ..models.chain import FILLED, GIVEN, REVEALED, UNKNOWN, YOURS, Cell, Chain, Node

ARROW, ASKED = "↓ ", "▶ "
COMPACT_BELOW = 90  # columns: on a narrower terminal the lesson screen puts the graph, compact, above the step
STATES = {GIVEN: "given", FILLED: "filled", YOURS: "yours", REVEALED: "revealed", UNKNOWN: "unknown"}


def flow(groups: list[tuple[Text, bool]], separator: Text, width: int, indent: str = "  ") -> list[tuple[Text, bool]]:
    """Groups joined by `separator`, wrapped between groups to fit `width` (a group is never split).

    Each group comes with a mark (it is the asked one); a line is marked when it holds a marked group.
    """
    lines: list[tuple[Text, bool]] = []
    for group, marked in groups:
        if lines and cell_len(lines[-1][0].plain) + cell_len(separator.plain) + cell_len(group.plain) <= width:
            line, holds = lines[-1]
            line.append_text(separator)
            line.append_text(group)
            lines[-1] = (line, holds or marked)
        else:
            line = Text(indent) if lines else Text()
            line.append_text(group)
            lines.append((line, marked))
    return lines


class GraphText(Widget):
    """What the two widgets share: the graph's colours, and drawing again when the width changes."""

    DEFAULT_CSS = """
    GraphText > .graph--symbol { text-style: bold; }
    GraphText > .graph--given { color: $text-muted; }
    GraphText > .graph--filled { color: $text-muted; }
    GraphText > .graph--yours { color: $text-success; }
    GraphText > .graph--revealed { color: $text-warning; }
    GraphText > .graph--unknown { color: $text-muted; }
    GraphText > .graph--asked { background: $accent 25%; color: $text; text-style: bold; }
    GraphText > .graph--arrow { color: $text-muted; }
    GraphText > .graph--heading { color: $text-secondary; text-style: bold; }
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
        return self._style(STATES[cell.state], *["asked"] * cell.asked)

    def _group(self, cell: Cell, equals: str = " ") -> Text:
        """`z₁ ?, ?` (or `w₁ = 0.5` with `equals=" = "`), the asked one marked."""
        text = Text(ASKED if cell.asked else "", style=self._style("arrow"))
        text.append(cell.symbol, self._style("symbol", *["asked"] * cell.asked))
        text.append(equals)
        text.append(", ".join(cell.rows), self._value_style(cell))
        return text

    def on_resize(self) -> None:
        self.refresh(layout=True)  # what fits beside what depends on the width: draw again


class GivenValues(GraphText):
    """The lesson's givens, above the graph: `Given  x = 2   w₁ = 0.5   b₁ = 1 …`, wrapped."""

    DEFAULT_CSS = """
    GivenValues { height: auto; width: 1fr; }
    """

    def render(self) -> Text:
        if self.chain is None or not self.chain.givens:
            return Text("")
        width = max(self.size.width, 20)
        label = Text("given:" if self.compact else "Given", self._style("heading"))
        groups = [(self._group(cell, " = "), False) for cell in self.chain.givens]
        if self.compact:
            lines = flow([(label, False), *groups], Text("  "), width)
        else:
            lines = [(label, False), *flow(groups, Text("   "), width, indent="")]
        return Text("\n").join(line for line, _ in lines)


class ComputationGraph(GraphText):
    """Draws the lesson's chain of functions with the values known so far."""

    DEFAULT_CSS = """
    ComputationGraph { height: auto; width: 1fr; }
    """

    def _lines(self) -> list[tuple[Text, bool]]:
        """The rows drawn, each with whether it belongs to the asked node."""
        if self.chain is None:
            return []
        return self._lines_compact(self.chain) if self.compact else self._lines_wide(self.chain)

    @property
    def asked_rows(self) -> tuple[int, int] | None:
        """The first and last row of the asked node as the chain is drawn now (known before it is
        painted, so the screen can scroll to it as the page changes)."""
        asked = [row for row, (_, is_asked) in enumerate(self._lines()) if is_asked]
        return (asked[0], asked[-1]) if asked else None

    def render(self) -> Text:
        lines = self._lines()
        return Text("\n").join(line for line, _ in lines)

    # ---- wide: a column of nodes, one row per unit ----------------------------------------
    def _lines_wide(self, chain: Chain) -> list[tuple[Text, bool]]:
        width = max(self.size.width, 20)
        cells = [node.value for node in chain.nodes]
        label_w = max(cell_len(c.symbol) for c in cells)
        value_w = max(cell_len(r) for c in cells for r in c.rows)
        grads = [node.gradient for node in chain.nodes if node.gradient is not None]
        grad_label_w = max((cell_len(g.symbol) for g in grads), default=0)
        grad_w = max((cell_len(r) for g in grads for r in g.rows), default=0)
        beside = 2 + label_w + 2 + value_w + 3 + grad_label_w + 1 + grad_w <= width
        out: list[tuple[Text, bool]] = []
        for number, node in enumerate(chain.nodes):
            lines = self._node_lines(node, ASKED if node.asked else ARROW if number else "  ", label_w, value_w)
            if node.gradient is not None:
                self._add_gradient(lines, node.gradient, beside, label_w, grad_label_w)
            out += [(self._band(line, width) if node.asked else line, node.asked) for line in lines]
        if chain.extras:
            out += [(Text(), False), (Text("Also asked", self._style("heading")), False)]
            extra_w = max(cell_len(c.symbol) for c in chain.extras)
            for cell in chain.extras:
                line = Text(ASKED if cell.asked else "  ", style=self._style("arrow"))
                line.append(cell.symbol.ljust(extra_w), self._style("symbol", *["asked"] * cell.asked))
                line.append("  ")
                line.append(cell.rows[0], self._value_style(cell))
                out.append((self._band(line, width) if cell.asked else line, cell.asked))
        return out

    def _node_lines(self, node: Node, margin: str, label_w: int, value_w: int) -> list[Text]:
        cell, lines = node.value, []
        for i, row in enumerate(cell.rows):
            line = Text(margin if i == 0 else "  ", style=self._style("arrow"))
            label = cell.symbol if i == 0 else ""
            line.append(label.ljust(label_w), self._style("symbol", *["asked"] * cell.asked))
            line.append("  ")
            line.append(row.ljust(value_w) if node.gradient else row, self._value_style(cell))
            lines.append(line)
        return lines

    def _band(self, line: Text, width: int) -> Text:
        """The asked node stands out as a whole band across the panel."""
        line.pad_right(max(width - cell_len(line.plain), 0))
        line.stylize(self._style("asked"))
        return line

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
    def _lines_compact(self, chain: Chain) -> list[tuple[Text, bool]]:
        width = max(self.size.width, 20)
        arrow, gap = Text(" → ", self._style("arrow")), Text("  ")
        lines = flow([(self._group(node.value), node.value.asked) for node in chain.nodes], arrow, width)
        grads = [node.gradient for node in reversed(chain.nodes) if node.gradient is not None]
        if grads:
            label = (Text("backward:", self._style("heading")), False)
            lines += flow([label, *((self._group(g), g.asked) for g in grads)], gap, width)
        if chain.extras:
            label = (Text("also:", self._style("heading")), False)
            lines += flow([label, *((self._group(c), c.asked) for c in chain.extras)], gap, width)
        return lines
