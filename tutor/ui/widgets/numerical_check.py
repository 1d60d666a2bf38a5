"""The numerical check under the computation graph: C(w + h), C(w − h) and their quotient, beside yours.

The widget only draws a `tutor.ui.models.numerical.NumericalCheck`. Wide (the side panel), each nudged
entry is a small block:

    Check numerically · h = 0.0001
    C₊ = C(w₂ + h) = 0.07731528062
    C₋ = C(w₂ − h) = 0.07732696167
    (C₊ − C₋) / 2h = -0.0584053
    your ∂C/∂w₂    = 0.05

Compact (the strip above the lesson on small terminals), one line per entry.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from ..models.numerical import Entry, NumericalCheck

NOT_GIVEN = "—"


def costs(value: float) -> str:
    """A recomputed cost, with enough digits that the difference of two of them still shows."""
    return f"{value:.10g}"


def quotient(value: float) -> str:
    return f"{value:.6g}"


def yours(entry: Entry) -> str:
    return NOT_GIVEN if entry.yours is None else f"{entry.yours:.6g}"


class NumericalCheckView(Widget):
    """Draws the finite differences of the gradient on screen (hidden until there are some)."""

    DEFAULT_CSS = """
    NumericalCheckView { height: auto; width: 1fr; margin-top: 1; display: none; }
    NumericalCheckView.-shown { display: block; }
    NumericalCheckView > .check--heading { color: $text-secondary; text-style: bold; }
    NumericalCheckView > .check--label { color: $text-muted; }
    NumericalCheckView > .check--estimate { color: $text; text-style: bold; }
    NumericalCheckView > .check--yours { color: $text-accent; text-style: bold; }
    """
    COMPONENT_CLASSES = {"check--heading", "check--label", "check--estimate", "check--yours"}

    check: reactive[NumericalCheck | None] = reactive(None, layout=True)
    compact: reactive[bool] = reactive(False, layout=True)

    def watch_check(self, check: NumericalCheck | None) -> None:
        self.set_class(check is not None, "-shown")

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"check--{name}")

    def render(self) -> Text:
        if self.check is None:
            return Text("")
        return self._render_compact(self.check) if self.compact else self._render_wide(self.check)

    def _render_wide(self, check: NumericalCheck) -> Text:
        f, label = check.function, self._style("label")
        out = Text(no_wrap=False, overflow="fold")
        out.append(f"Check numerically · h = {check.h:g}", self._style("heading"))
        for entry in check.entries:
            w = entry.symbol
            gradient = check.gradient if len(check.entries) == 1 else f"∂{f}/∂{w}"
            out.append(f"\n{f}₊ = {f}({w} + h) = ", label)
            out.append(costs(entry.plus))
            out.append(f"\n{f}₋ = {f}({w} − h) = ", label)
            out.append(costs(entry.minus))
            out.append(f"\n({f}₊ − {f}₋) / 2h = ", label)
            out.append(quotient(entry.estimate), self._style("estimate"))
            out.append(f"\nyour {gradient} = ", label)
            out.append(yours(entry), self._style("yours"))
        return out

    def _render_compact(self, check: NumericalCheck) -> Text:
        f, label = check.function, self._style("label")
        out = Text(no_wrap=False, overflow="fold")
        out.append(f"check numerically · h = {check.h:g}: ({f}(w + h) − {f}(w − h)) / 2h", self._style("heading"))
        for entry in check.entries:
            out.append(f"\n{entry.symbol}: ", label)
            out.append(f"({costs(entry.plus)} − {costs(entry.minus)}) / {2 * check.h:g} = ")
            out.append(quotient(entry.estimate), self._style("estimate"))
            out.append("  yours ", label)
            out.append(yours(entry), self._style("yours"))
        return out
