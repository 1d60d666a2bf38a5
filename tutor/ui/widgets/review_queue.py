"""The review queue on the course list: "To review: 3 steps", then each step and its lesson.

Hidden while the queue is empty: the course list then says nothing about reviewing at all. On a
short terminal it is one line, the steps' symbols only. Plain text only (no NumPy): the home screen
hands it (symbol, lesson title) pairs.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Static

SHOWN = 4  # steps listed; the rest are counted ("and 2 more")


class ReviewQueue(Static):
    """The steps due for review, and the key that starts it."""

    DEFAULT_CSS = """
    ReviewQueue { display: none; }
    ReviewQueue.-due { display: block; }
    ReviewQueue > .review--heading { text-style: bold; }
    ReviewQueue > .review--key { color: $text-muted; }
    ReviewQueue > .review--symbol { color: $text-accent; text-style: bold; }
    ReviewQueue > .review--lesson { color: $text-muted; }
    """
    COMPONENT_CLASSES = {"review--heading", "review--key", "review--symbol", "review--lesson"}

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._shown: tuple[list[tuple[str, str]], bool] = ([], False)

    def show(self, steps: list[tuple[str, str]], short: bool = False) -> None:
        """`steps`: (symbol, lesson title) for each step due, in queue order; `short`: in one line."""
        self.set_class(bool(steps), "-due")
        self._shown = (steps, short)
        self.refresh(layout=True)

    def render(self) -> Text:
        """Drawn here, not stored, so that a change of theme changes its colours too."""
        steps, short = self._shown
        if not steps:
            return Text()
        style = lambda name: self.get_component_rich_style(f"review--{name}")  # noqa: E731
        text = Text()
        text.append(f"To review: {len(steps)} step{'' if len(steps) == 1 else 's'}", style("heading"))
        if short:
            more = f" and {len(steps) - SHOWN} more" if len(steps) > SHOWN else ""
            text.append(f" ({', '.join(symbol for symbol, _ in steps[:SHOWN])}{more})", style("symbol"))
        text.append("  ·  v starts the review", style("key"))
        if short:
            return text
        width = max((cell_len(symbol) for symbol, _ in steps[:SHOWN]), default=0)
        for symbol, lesson in steps[:SHOWN]:
            text.append("\n")
            text.append(symbol + " " * (width - cell_len(symbol)), style("symbol"))
            text.append(f"  {lesson}", style("lesson"))
        if len(steps) > SHOWN:
            text.append(f"\nand {len(steps) - SHOWN} more", style("lesson"))
        return text
