"""The keys for a web page (`tutor serve`): browsers keep ctrl+t and ctrl+n (a new tab, a new window)
for themselves, so from the answer box alt+h and alt+n do what they do, as alt+s and alt+c do for
ctrl+o and ctrl+g. An alt key is escape then the key (tutor.ui.base_app): it leaves the box, and a
digit typed next goes back into it.
"""

from __future__ import annotations

import pytest

from tutor.ui.app import create_app
from tutor.ui.widgets.step import AnswerBox

from .burst import burst, settle
from .conftest import shown
from .test_teaching import open_at

SIZE = (100, 30)


def what_shows(app) -> tuple:
    screen = app.screen
    return screen.session.step.key, screen.session.state.status, shown(app, "#hints"), shown(app, "#graph")


# As a terminal (xterm.js in the page too) sends them: ctrl+t is the byte 0x14, alt+h is escape then h.
@pytest.mark.parametrize("alt, ctrl, lesson, step", [
    ("\x1bh", "\x14", "chain-of-functions", "z1"),  # alt+h, ctrl+t: a hint
    ("\x1bs", "\x0f", "chain-of-functions", "z1"),  # alt+s, ctrl+o: the solution
    ("\x1bn", "\x0e", "chain-of-functions", "z1"),  # alt+n, ctrl+n: the next step
    ("\x1bc", "\x07", "chain-rule", "dL_dW1"),  # alt+c, ctrl+g: the numerical check of a gradient
], ids=["alt+h", "alt+s", "alt+n", "alt+c"])
async def test_an_alt_key_in_the_answer_box_does_what_its_ctrl_key_does(alt, ctrl, lesson, step, tmp_path, monkeypatch):
    seen = {}
    for key in (ctrl, alt):
        monkeypatch.setenv("TUTOR_HOME", str(tmp_path / key))  # each starts from no progress
        app = create_app()
        async with app.run_test(size=SIZE) as pilot:
            await open_at(pilot, lesson, step)
            assert isinstance(app.focused, AnswerBox)
            before = what_shows(app)
            burst(app, key)
            await settle(pilot)
            seen[key] = what_shows(app)
            assert seen[key] != before, f"{key!r} did nothing"
    assert seen[alt] == seen[ctrl]


async def test_in_a_page_the_footer_names_the_alt_keys(monkeypatch):
    from .test_lesson import footer_keys

    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_at(pilot, "chain-of-functions", "z1")
        assert {"^t": "Hint", "^o": "Solution", "^n": "Next"}.items() <= footer_keys(app).items()
        monkeypatch.setattr(type(app), "is_web", property(lambda app: True))  # as under textual-serve
        app.screen.refresh_bindings()
        await settle(pilot)
        keys = footer_keys(app)
        assert {"alt+h": "Hint", "alt+s": "Solution", "alt+n": "Next"}.items() <= keys.items()
        assert not {"^t", "^o", "^n"} & keys.keys()
