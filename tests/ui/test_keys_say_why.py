"""A key that cannot apply says why, instead of doing nothing (issue 9: no key silently dropped).

Its footer key stays dimmed (or hidden where the footer has no room); pressed, it tells the learner
what is in the way.
"""

from __future__ import annotations

import pytest

from tutor.ui.app import create_app
from tutor.ui.models.curves import no_curves
from tutor.ui.screens.home import HomeScreen
from tutor.ui.screens.lesson import LessonScreen

from .conftest import ready
from .test_teaching import open_at, toasts

SIZE = (100, 30)


async def press(pilot, *keys: str) -> list[str]:
    """Press `keys`; the notifications they raised."""
    before = len(toasts(pilot.app))
    await pilot.press(*keys)
    await pilot.pause()
    return toasts(pilot.app)[before:]


async def test_hint_after_the_last_one():
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_at(pilot, "chain-rule", "a2")
        await pilot.press("escape")
        hints = screen.session.hints_left()
        await pilot.press(*["h"] * hints)
        assert await press(pilot, "h") == ["No more hints: s shows the solution."]


@pytest.mark.parametrize("key, said", [("h", "This step is done: no hint needed."),
                                       ("s", "The solution of this step is already shown (under the answer).")])
async def test_hint_or_solution_on_an_answered_step(key, said):
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_at(pilot, "chain-rule", "a2")
        await pilot.press(*"3.5", "enter")
        assert await press(pilot, key) == [said]


async def test_previous_on_the_first_page():
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.open_lesson("chain-rule")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen) and app.screen.session.position == 0
        assert await press(pilot, "p") == ["This is the first page."]


async def test_experiment_and_curves_on_a_lesson_without_them():
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.open_lesson("chain-of-functions")  # trains, but has no replay
        await pilot.pause()
        assert (await press(pilot, "x"))[0].startswith("This lesson has no learning-rate experiment")
        app.open_lesson("chain-rule")  # replays, but its rule is not descent on a cost
        await pilot.pause()
        assert await press(pilot, "l") == [no_curves(app.screen.session.lesson)]
        assert isinstance(app.screen, LessonScreen)


async def test_loss_curves_of_a_lesson_that_could_not_be_loaded(course_dir):
    app = create_app(course_dir=course_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("down", "down")
        assert await press(pilot, "l") == ["This lesson could not be loaded, so it has no loss curves."]
        assert isinstance(app.screen, HomeScreen)
