"""The app and the focus, as in a web page (`tutor serve`): the first key works, the footer shows.

Textual's web driver tells the app at once that it has no focus. In a page the app ignores that (and
every later blur): the course list is focused and its keys shown as in a terminal. Wherever the app
does start without the focus, the focus coming back (or the first key) makes the screen focus its
first widget, as it would have on opening, and the key goes there.
"""

from __future__ import annotations

from textual import events

from tutor.ui.app import TutorApp, create_app
from tutor.ui.screens.lesson import LessonScreen
from tutor.ui.widgets.course_list import CourseList

from .conftest import ready, until

SIZE = (100, 30)


def started_blurred():
    app = create_app()
    app.set_reactive(TutorApp.app_focus, False)  # as the web driver's first AppBlur leaves it: the screen opens with no focus
    return app


async def enter_opens_the_highlighted_lesson(pilot) -> None:
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(pilot.app.screen, LessonScreen))


def course_list_focused(app) -> bool:
    return isinstance(app.screen.focused, CourseList)


async def test_enter_as_the_first_key_opens_the_highlighted_lesson():
    app = started_blurred()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app.screen.focused is None
        await enter_opens_the_highlighted_lesson(pilot)


async def test_the_pages_focus_focuses_the_course_list_and_shows_its_keys():
    app = started_blurred()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.post_message(events.AppFocus())
        await until(pilot, lambda: course_list_focused(app))
        assert app.screen.query_one("Footer").query("FooterKey"), "the footer shows the keys"


async def test_in_a_page_the_app_keeps_the_focus_when_told_it_has_lost_it(monkeypatch):
    """The web driver's first AppBlur (and any later one) leaves the course list focused, its keys shown."""
    monkeypatch.setattr(TutorApp, "is_web", property(lambda app: True))  # as under textual-serve
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.post_message(events.AppBlur())
        await pilot.pause()
        assert app.app_focus and course_list_focused(app)
        await enter_opens_the_highlighted_lesson(pilot)


async def test_in_a_terminal_a_blur_is_still_a_blur():
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.post_message(events.AppBlur())
        await until(pilot, lambda: not app.app_focus)
        assert app.screen.focused is None
        app.post_message(events.AppFocus())
        await until(pilot, lambda: course_list_focused(app))
