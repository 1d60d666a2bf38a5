"""Keys sent faster than the app handles them apply in order, where they were typed.

Each test sends its keys in one burst (`tests/ui/burst.py`): Textual's Input types a character at
once but used to run a bound key (backspace, ctrl+u, enter, escape) only after it had bubbled up to
the app, so a fast correction was graded garbled (issue 9). These fail on that behaviour.
"""

from __future__ import annotations

from textual import events

from tutor.ui.app import create_app
from tutor.ui.screens.help import HelpScreen
from tutor.ui.widgets.step import AnswerBox

from .burst import BACKSPACE, CTRL_U, ENTER, ESCAPE, burst, settle
from .conftest import answer, shown
from .test_experiment import _Host, opened
from .test_teaching import open_at

SIZE = (100, 30)


def box(app) -> AnswerBox:
    return app.screen.query_one(AnswerBox)


async def correct_a_near_miss(pilot, correction: str) -> None:
    """The chapter's L = 3.5 answered 3.4 (close), then `correction` sent in one burst."""
    await open_at(pilot, "chain-rule", "a2")
    await answer(pilot, "3.4")
    assert shown(pilot.app, "#feedback").startswith("≈ Close")
    burst(pilot.app, correction)
    await settle(pilot)


async def test_a_fast_correction_is_graded_as_typed():
    """After a near miss, three backspaces and the right number in one burst: 3.5 is graded, nothing else."""
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await correct_a_near_miss(pilot, BACKSPACE * 3 + "3.5" + ENTER)
        assert box(app).value == "3.5"
        assert shown(app, "#feedback").startswith("✓ Correct")


async def test_ctrl_u_then_a_new_answer_in_one_burst():
    """The tmux end-to-end test's keys: ctrl+u empties the box before the new answer is typed, not after."""
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await correct_a_near_miss(pilot, CTRL_U + "2*1.5 + 0.5" + ENTER)
        assert box(app).value == "2*1.5 + 0.5"
        assert shown(app, "#feedback").startswith("✓ Correct")
        assert app.screen.session.state.answer == "2*1.5 + 0.5"


async def test_escape_then_h_at_once_gives_a_hint():
    """Escape then h within Textual's escape delay arrives as alt+h: it is a hint, not an h in the box."""
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_at(pilot, "chain-rule", "a2")
        burst(app, "3" + ESCAPE + "h")
        await settle(pilot)
        assert screen.session.hints_shown(), "no hint was given"
        assert box(app).value == "3"
        assert "Hint 1" in shown(app, "#hints")


async def test_escape_and_h_as_two_keys_in_one_burst_give_a_hint():
    """The same two keys, sent as separate keys: h reaches the box after escape has left it, and goes on."""
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_at(pilot, "chain-rule", "a2")
        for key, character in (("escape", "\x1b"), ("h", "h")):
            app.post_message(events.Key(key, character))
        await settle(pilot)
        assert screen.session.hints_shown()
        assert box(app).value == ""


async def test_keys_after_a_right_answer_go_where_the_focus_went():
    """A right answer moves the focus out of the box: p in the same burst goes back a page, not into the box."""
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_at(pilot, "chain-rule", "z1")
        here = screen.session.position
        burst(app, "2" + ENTER + "p")
        await settle(pilot)
        assert screen.session.position == here - 1
        await pilot.press("n")
        assert box(app).value == "2"  # what was graded, without the p


async def test_an_answer_typed_with_the_enter_that_opens_its_question():
    """On a page to read, enter then the answer in one burst: the digits once arrived before the
    question was open (enter ran only after bubbling up to the app) and were lost; then an empty
    answer was checked."""
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_at(pilot, "chain-of-functions", "page-1")
        assert not screen.session.asks
        burst(app, ENTER + "0.6, 0.2" + ENTER)
        await settle(pilot)
        assert screen.session.step.key == "z1"
        assert box(app).value == "0.6, 0.2"
        assert shown(app, "#feedback").startswith("✓ Correct")


async def test_a_number_typed_outside_the_box_arrives_whole():
    """Outside the box, 3e-2 then enter in one burst: the 3 moves the focus, the rest follows it in."""
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_at(pilot, "chain-rule", "a2")
        await pilot.press("escape")
        assert not isinstance(app.focused, AnswerBox)
        burst(app, "3.5e0" + ENTER)
        await settle(pilot)
        assert box(app).value == "3.5e0"
        assert shown(app, "#feedback").startswith("✓ Correct")


async def test_new_rates_typed_in_one_burst_with_the_key_that_opens_their_box():
    """e, the rates and enter at once: e moves the focus into the box, the characters sent before it
    had moved follow it there, and enter sets them (none is lost, none lands on the screen's keys)."""
    async with _Host().run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await pilot.press("space")  # past the prediction
        burst(pilot.app, "e0.2, 0.1" + ENTER)
        await settle(pilot)
        assert screen.state.rates == [0.2, 0.1] and not screen.state.input_error


async def test_question_mark_in_a_number_box_opens_help():
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_at(pilot, "chain-rule", "z1")
        app.open_experiment(app.screen.session.lesson)
        await settle(pilot)
        rates = app.screen.state.rates_text()
        await pilot.press("space", "e", "?")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert app.screen.query_one("#rates").value == rates
