"""The line at the top of every screen: the app's name and where the learner is."""

from __future__ import annotations

from textual.widgets import Static


class TitleBar(Static):
    """`∂ tutor — <where you are>`, centred (a plain Static: cheaper to start than Header)."""

    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 1fr;
        height: 1;
        background: $panel;
        color: $foreground;
        text-align: center;
    }
    """

    def __init__(self, where: str, **kwargs) -> None:
        super().__init__(f"∂ tutor — {where}", markup=False, **kwargs)
