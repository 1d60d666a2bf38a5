"""Pilot tests of the course list and the app around it: loading, failures, the palette, warnings."""

from __future__ import annotations

import json
import re

from textual.widgets import Footer
from tutor.catalog import read_catalog
from tutor.ui.app import create_app
from tutor.ui.screens.help import HelpScreen
from tutor.ui.screens.home import HomeScreen
from tutor.ui.screens.lesson import LessonScreen
from tutor.ui.widgets.course_list import CourseList

from .conftest import answer, ready, shown, until

SIZE = (100, 30)


def statuses(app) -> list[str]:
    """The progress column of the course list, row by row."""
    return [row.status for row in app.screen.query_one(CourseList).rows]


def details(app) -> str:
    return shown(app, "#details")


def highlighted_command(app) -> str:
    """The command palette's highlighted suggestion ("" while it has none)."""
    commands = app.screen.query_one("CommandList")
    if commands.highlighted is None:
        return ""
    return str(commands.get_option_at_index(commands.highlighted).prompt)


def toasts(app) -> list[str]:
    """The notifications raised so far, as title and message (Textual keeps them on the app)."""
    return [f"{n.title}\n{n.message}" for n in app._notifications]


async def test_home_lists_the_course_in_order_with_progress():
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        course_list = app.screen.query_one(CourseList)
        assert [row.entry.title for row in course_list.rows] == [entry.title for entry in read_catalog()]
        first = str(course_list.get_option_at_index(0).prompt)
        assert first.startswith(" 1 A network is a chain of functions") and "10 min" in first
        await ready(pilot)
        assert app.course is not None and not app.course.failures
        assert set(statuses(app)) == {"○ not started"}
        assert details(app).startswith("A network is a chain of functions\nRun the forward pass")
        assert details(app).endswith("\n\nNot started: 5 questions.")
        await pilot.press("down")
        assert details(app).startswith(course_list.rows[1].entry.title)
        assert "10 min" in details(app)


async def test_progress_shows_counts_hints_and_reveals(tutor_home):
    tutor_home.mkdir(parents=True)
    steps = {"z1": {"status": "correct", "attempts": 1, "hints": 2, "first_try": True, "value": [[0.6, 0.2]]},
             "a1": {"status": "revealed", "attempts": 0, "hints": 0, "value": [[0.6457, 0.5498]]}}
    saved = {"format_version": 1, "lessons": {"chain-of-functions": {
        "current_step": 3, "updated": "2026-01-01T00:00:00Z", "steps": steps}}}
    (tutor_home / "progress.json").write_text(json.dumps(saved))
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert statuses(app)[0] == "◐ in progress 2 of 5 · 1 hinted · 1 revealed"
        assert details(app).endswith("In progress: 2 of 5 answered (1 with hints, 1 revealed); enter picks up at step 4 of 7.")


async def test_a_lesson_that_failed_to_load_is_listed_with_its_error(course_dir):
    app = create_app(course_dir=course_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert len(app.course.lessons) == 2 and len(app.course.failures) == 1
        assert statuses(app)[2] == "✗ could not be loaded"
        await pilot.press("down", "down")
        assert details(app).startswith("03-broken.toml could not be loaded\n")
        problems = details(app)
        assert re.search(r"03-broken\.toml:\d+: network\.layers\[0\]\.weights: expected 1 column", problems), problems
        assert "activation: is required but missing" in problems
        assert app.screen.query_one("#details").has_class("-failed")
        await pilot.press("enter")  # it cannot be opened ...
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert any("03-broken.toml could not be loaded" in t for t in toasts(app))
        await pilot.press("up", "enter")  # ... but the others can
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen) and app.screen.session.lesson.id == "cost-function"


async def test_the_command_palette_opens_any_lesson():
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"cost function")
        await until(pilot, lambda: "cost function" in highlighted_command(app))  # it searches in the background
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)
        assert app.screen.session.lesson.id == "cost-function"


async def test_the_footer_offers_loss_curves_only_for_a_lesson_that_trains():
    """`l` is dimmed in the footer on a lesson without a loss curve (the chain rule's), lit on one
    with (the others), and that follows the highlight and the course loading behind the list."""

    def curves_key_lit(app) -> bool:
        key = next(k for k in app.screen.query_one(Footer).query("FooterKey") if k.action == "curves")
        return not key.has_class("-disabled")

    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        course_list = app.screen.query_one(CourseList)
        seen = {}
        for row in course_list.rows:
            seen[row.entry.id] = curves_key_lit(app)
            await pilot.press("down")
            await pilot.pause()
        assert seen == {lesson.id: lesson.trains() for lesson in app.course.lessons}
        assert seen["chain-rule"] is False and seen["chain-of-functions"] is True


async def test_help_opens_from_home_and_closes():
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("?")
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.query_one("Markdown").source
        assert "matches the engine's value to 3 significant figures" in text and "`-1.5e-3`" in text and "`3/4`" in text
        await pilot.press("?")  # ? closes it again
        assert isinstance(app.screen, HomeScreen)


async def test_open_goes_straight_into_a_lesson():
    app = create_app("chain-rule")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, LessonScreen) and app.screen.session.lesson.id == "chain-rule"
        await pilot.press("q")  # back to the course, which was underneath
        assert isinstance(app.screen, HomeScreen)


async def test_an_unknown_lesson_is_told_and_the_course_still_opens():
    app = create_app("no-such-lesson")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert any("Cannot open no-such-lesson" in t for t in toasts(app))


async def test_an_unreadable_progress_file_is_told_and_the_app_starts(tutor_home):
    tutor_home.mkdir(parents=True)
    (tutor_home / "progress.json").write_text("{ this is not json")
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        told = toasts(app)
        assert any("Your progress file" in t and "could not be read" in t for t in told), told
        assert isinstance(app.screen, HomeScreen) and len(statuses(app)) == len(read_catalog())


async def test_an_unwritable_place_still_runs_and_says_progress_is_not_saved(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way")
    monkeypatch.setenv("TUTOR_HOME", str(blocker / "tutor"))
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert any("Progress will not be saved" in t for t in toasts(app))
        app.open_lesson("chain-of-functions")
        await pilot.pause()
        await pilot.press("enter", "enter")
        await answer(pilot, "0.6, 0.2")
        assert shown(app, "#feedback").startswith("✓ Correct")


async def test_no_color_draws_in_shades_of_grey_only(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.open_lesson("chain-of-functions")
        await pilot.pause()
        await pilot.press("enter", "enter")
        await answer(pilot, "0.6, 0.3")
        assert app.no_color
        svg = app.export_screenshot()
        # the window buttons drawn around every screenshot, and the default text colour of the export
        chrome = {"ff5f57", "febc2e", "28c840", "c5c8c6"}
        colours = set(re.findall(r"#([0-9a-f]{6})\b", svg)) - chrome
        assert colours and all(c[0:2] == c[2:4] == c[4:6] for c in colours), sorted(c for c in colours if not c[0:2] == c[2:4] == c[4:6])
        assert "▶" in shown(app, "#graph")  # the node being asked is marked, not only coloured
