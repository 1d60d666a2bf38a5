"""Pilot tests of the review queue: a step gone wrong comes back the next time the app opens,
is reviewed fresh in its lesson, and leaves the queue when it is right first time."""

from __future__ import annotations

from textual.widgets import Footer

from tutor.progress import ReviewItem
from tutor.ui.app import create_app
from tutor.ui.screens.home import HomeScreen
from tutor.ui.screens.review import ReviewScreen
from tutor.ui.widgets.step import AnswerBox

from .conftest import answer, ready, shown

SIZE = (100, 30)


def footer_keys(app) -> dict[str, str]:
    return {key.key_display: key.description for key in app.screen.query_one(Footer).query("FooterKey") if key.display}


async def a_wrong_answer_then_the_right_one() -> None:
    """z₁ of the first lesson: wrong, then right (so it goes to the queue), then quit."""
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.open_lesson("chain-of-functions")
        await pilot.pause()
        await pilot.press("enter", "enter")
        await answer(pilot, "0.5, 0.2")
        app.screen.query_one(AnswerBox).value = ""
        await answer(pilot, "0.6, 0.2")
        assert app.progress.review_items() == [ReviewItem("chain-of-functions", "z1")]
        await pilot.press("q")
        await pilot.pause()
        assert not app.screen.query_one("#review").display  # it comes back next time, not now


async def test_a_step_gone_wrong_comes_back_and_leaves_when_right_first_time():
    await a_wrong_answer_then_the_right_one()
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert shown(app, "#review") == "To review: 1 step  ·  v starts the review\nz₁  A network is a chain of functions"
        assert footer_keys(app)["v"] == "Review"
        await pilot.press("v")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen) and "Review" in shown(app, "TitleBar")
        assert shown(app, "#step-title").startswith("Review 1 of 1 · A network is a chain of functions")
        assert isinstance(app.focused, AnswerBox) and app.focused.value == ""  # the old answer is not shown
        assert not app.screen.query_one("#hints").display
        assert "▶ z₁  ?" in shown(app, "#graph")
        await answer(pilot, "0.6, 0.2")
        assert shown(app, "#feedback").startswith("✓ Correct")
        assert app.progress.review_items() == []
        await pilot.press("enter")  # the last step of the review: back to the course
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "Review done: 1 of 1 right first time and off the queue." in [n.message for n in app._notifications]
        assert not app.screen.query_one("#review").display and "v" not in footer_keys(app)
    again = create_app()
    async with again.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert not again.screen.query_one("#review").display and "v" not in footer_keys(again)
        await pilot.press("v")  # nothing to review: nothing happens
        assert isinstance(again.screen, HomeScreen)


async def test_a_step_reviewed_wrongly_stays_in_the_queue():
    await a_wrong_answer_then_the_right_one()
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("v")
        await pilot.pause()
        await answer(pilot, "0.6, 0.3")
        assert shown(app, "#feedback").startswith("✗ Not right")
        app.screen.query_one(AnswerBox).value = ""
        await answer(pilot, "0.6, 0.2")
        await pilot.press("enter")
        await pilot.pause()
        assert "Review done: 0 of 1 right first time; 1 stays for next time." in [n.message for n in app._notifications]
        assert shown(app, "#review").startswith("To review: 1 step")
    again = create_app()
    async with again.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert again.progress.review_items() == [ReviewItem("chain-of-functions", "z1")]
        assert again.progress.lessons["chain-of-functions"].steps["z1"].attempts == 2  # the lesson's own record
