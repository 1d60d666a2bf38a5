"""Keys as a terminal sends them in one burst: the bytes read by Textual's own parser, posted at once.

`burst(app, "\\x7f\\x7f3.5\\r")` is two backspaces, `3.5` and enter arriving together, as when a fast
typist, a paste or tmux's send-keys outruns the app; escape then a letter (`"\\x1bh"`) arrives as the
terminal makes it, alt+h. `settle` waits until the app has handled all of them.
"""

from __future__ import annotations

from textual._xterm_parser import XTermParser

ENTER, ESCAPE, BACKSPACE, CTRL_U = "\r", "\x1b", "\x7f", "\x15"


def burst(app, typed: str) -> None:
    """Post every key in `typed` (terminal bytes) to `app` without waiting between them."""
    parser = XTermParser()
    for event in [*parser.feed(typed), *parser.feed("")]:  # "" ends the input: a lone escape is sent
        app.post_message(event)


async def settle(pilot) -> None:
    """Let the app handle everything posted (keys travel through several message queues)."""
    for _ in range(4):
        await pilot.pause()
