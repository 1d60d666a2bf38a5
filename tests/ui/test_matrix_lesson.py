"""Pilot tests of the matrix-form lesson's own interactions: a shape step, and a slip of another shape."""

from __future__ import annotations

from tutor.ui.app import create_app
from tutor.ui.screens.lesson import LessonScreen
from tutor.ui.widgets.step import SHAPE_PLACEHOLDER, AnswerBox

from .conftest import answer, ready, shown

SIZE = (100, 30)


async def walk_to(pilot, key: str) -> LessonScreen:
    """Open lesson 07 and press enter (or reveal, ctrl+o) until the step `key` is on screen."""
    await ready(pilot)
    pilot.app.open_lesson("matrix-form")
    await pilot.pause()
    screen = pilot.app.screen
    while screen.session.step is None or screen.session.step.key != key:
        if screen.session.asks and not screen.session.state.done:
            await pilot.press("ctrl+o")
        await pilot.press("enter")
        await pilot.pause()
    return screen


async def test_a_shape_step_is_answered_as_a_shape():
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await walk_to(pilot, "shape(W2)")
        box = screen.query_one("#answer", AnswerBox)
        assert box.placeholder == SHAPE_PLACEHOLDER
        assert not shown(app, "#rule")  # no precision rule for a shape
        await answer(pilot, "3 by 2")
        assert "3×2 is the shape of W₂ᵀ" in shown(app, "#note")
        box.value = ""  # the wrong answer stays for correcting: start again
        await answer(pilot, "(2, 3)")
        assert shown(app, "#feedback").startswith("✓ Correct: W₂ is 2×3.")
        assert "shape of W₂      2×3" in shown(app, "#graph")


async def test_a_slip_of_another_shape_is_diagnosed_in_the_app():
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await walk_to(pilot, "delta1")
        values = screen.session.solution.values()
        slope = values["a1"][0] * (1 - values["a1"][0])
        await answer(pilot, f"{float(values['da1'][0] @ slope):.4g}")  # a dot product where ⊙ belongs
        assert "That is a dot product, a single number" in shown(app, "#note")
        assert screen.session.state.status == "attempted"
