"""Pilot tests of practice variants in the app: `a` for another one, `ID~SEED` at launch, and their progress."""

from __future__ import annotations

import secrets

import numpy as np

from tutor.ui.app import create_app
from tutor.ui.screens.home import HomeScreen
from tutor.ui.screens.lesson import LessonScreen
from tutor.ui.widgets.course_list import CourseList
from tutor.ui.widgets.title_bar import TitleBar

from .conftest import answer, ready, shown

SIZE = (100, 30)


def parameters(lesson) -> dict[str, list]:
    return {name: value.tolist() for name, value in lesson.network.parameters().items()}


async def test_another_one_opens_the_lesson_on_fresh_numbers(monkeypatch):
    seeds = iter([4242, 17])
    monkeypatch.setattr(secrets, "randbelow", lambda n: n == 10_000 and next(seeds))
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.open_lesson("two-layer-sigmoid")
        await pilot.pause()
        original = app.screen.session.lesson
        await pilot.press("a")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LessonScreen) and screen.session.lesson.id == "two-layer-sigmoid~4242"
        assert str(screen.query_one(TitleBar).render()).endswith("— practice 4242")
        assert "seed 4242" in screen.query_one("#text").source
        assert parameters(screen.session.lesson) != parameters(original)
        assert [s.ask for s in screen.session.lesson.steps] == [s.ask for s in original.steps]  # pages too
        await pilot.press("a")  # from a variant: another variant of the lesson, not of the variant
        await pilot.pause()
        assert app.screen.session.lesson.id == "two-layer-sigmoid~17"
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_a_variant_opens_at_launch_and_keeps_its_own_progress(tutor_home):
    app = create_app("two-layer-sigmoid~7")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        session = app.screen.session
        assert isinstance(app.screen, LessonScreen) and session.lesson.id == "two-layer-sigmoid~7"
        assert "practice 7" in shown(app, "TitleBar")
        z1 = session.lesson.solution()["z1"].value.item()
        assert not np.isclose(z1, 0.5)  # the lesson's own z₁ is 0.5
        await pilot.press("enter")
        await answer(pilot, f"{z1:.6g}")
        assert shown(app, "#feedback").startswith("✓ Correct")
        assert f"z₁  {z1:.4g}" in shown(app, "#graph")
    again = create_app()
    async with again.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert set(again.progress.lessons) == {"two-layer-sigmoid~7"}
        rows = again.screen.query_one(CourseList).rows
        assert [row.entry.id for row in rows][5] == "two-layer-sigmoid" and "~" not in "".join(r.entry.id for r in rows)
        assert {row.status for row in rows} == {"○ not started"}  # the course's lessons, untouched
        assert rows[again.screen.query_one(CourseList).highlighted].entry.id == "two-layer-sigmoid"
        await pilot.press("c")  # continue where we left off: in the variant
        await pilot.pause()
        session = again.screen.session
        assert session.lesson.id == "two-layer-sigmoid~7" and session.step.key == "z1"
        assert session.states["z1"].status == "correct"
