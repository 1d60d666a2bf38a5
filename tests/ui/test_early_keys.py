"""Keys pressed as the course list appears, before the course and the progress are loaded, are kept.

The course list is painted from the catalog at once; the lessons and the learner's progress are
read behind it. A key that needs them (c, x, l, enter) used to do nothing in that moment: now it is
done as soon as they are in, with a note meanwhile. The loading is held up here until the key is in.
"""

from __future__ import annotations

import threading

import pytest

import tutor.lessons
from tutor.progress import ProgressStore
from tutor.ui.app import create_app
from tutor.ui.screens.curves import CurvesScreen
from tutor.ui.screens.experiment import ExperimentScreen
from tutor.ui.screens.home import HomeScreen
from tutor.ui.screens.lesson import LessonScreen

from .conftest import ready

SIZE = (100, 30)


@pytest.fixture
def held_course(monkeypatch) -> threading.Event:
    """Neither the progress nor the course is read until the test sets the returned event."""
    gate = threading.Event()

    def held(load):
        def wait_then_load(*args, **kwargs):
            gate.wait(30)
            return load(*args, **kwargs)
        return wait_then_load

    monkeypatch.setattr(ProgressStore, "load", held(ProgressStore.load))
    monkeypatch.setattr(tutor.lessons, "load_course", held(tutor.lessons.load_course))
    return gate


async def press_while_loading(pilot, gate: threading.Event, *keys: str) -> None:
    app = pilot.app
    await pilot.pause()
    assert app.progress is None and app.course is None, "loaded before the keys were pressed"
    await pilot.press(*keys)
    assert isinstance(app.screen, HomeScreen)
    assert any("Loading the course" in str(n.message) for n in app._notifications), "nothing said why"
    gate.set()
    await ready(pilot)
    await pilot.pause()


async def test_continue_pressed_while_loading_opens_the_lesson(held_course):
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await press_while_loading(pilot, held_course, "c")
        assert isinstance(app.screen, LessonScreen)
        assert app.screen.session.lesson.id == "chain-of-functions"  # a new learner starts at the start


async def test_enter_on_a_lesson_while_loading_opens_it(held_course):
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await press_while_loading(pilot, held_course, "down", "enter")
        assert isinstance(app.screen, LessonScreen)
        assert app.screen.session.lesson.id == app.catalog[1].id


async def test_experiment_pressed_while_loading_opens(held_course):
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await press_while_loading(pilot, held_course, "x")
        assert isinstance(app.screen, ExperimentScreen)


async def test_loss_curves_pressed_while_loading_open_for_the_highlighted_lesson(held_course):
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        index = next(i for i, entry in enumerate(app.catalog) if entry.id == "cost-function")
        await press_while_loading(pilot, held_course, *["down"] * index, "l")
        assert isinstance(app.screen, CurvesScreen)
        assert app.screen.state.lesson.id == "cost-function"
