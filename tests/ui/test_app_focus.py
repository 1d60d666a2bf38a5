"""The app started without the focus, as in a web page (`tutor serve`): the first key still works.

Textual's web driver tells the app at once that it has no focus, so the course list is not focused
when the screen opens. The page's focus, or the first key, gives the app the focus back; then the
screen focuses its first widget, as it would have on opening, and the key goes there.
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


async def test_enter_as_the_first_key_opens_the_highlighted_lesson():
    app = started_blurred()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app.screen.focused is None
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, LessonScreen))


async def test_the_pages_focus_focuses_the_course_list_and_shows_its_keys():
    app = started_blurred()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.post_message(events.AppFocus())
        await until(pilot, lambda: isinstance(app.screen.focused, CourseList))
        assert app.screen.query_one("Footer").query("FooterKey"), "the footer shows the keys"
