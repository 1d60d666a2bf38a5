"""Crashes found by sending keys faster than the app opens and closes screens (issue 9), each kept
from coming back: screens closed twice, or before they finished opening, and the command palette
under a burst. Keys are posted in one burst (`tests/ui/burst.py`) unless a Pilot press is enough.
"""

from __future__ import annotations

import pytest
from textual import events
from textual.keys import key_to_character

from tutor.ui.app import create_app
from textual.command import CommandPalette
from tutor.ui.models.session import LessonSession
from tutor.ui.screens.confirm import ConfirmScreen
from tutor.ui.screens.curves import CurvesScreen
from tutor.ui.screens.experiment import ExperimentScreen
from tutor.ui.screens.help import HelpScreen
from tutor.ui.screens.home import HomeScreen
from tutor.ui.screens.lesson import LessonScreen
from tutor.ui.widgets.graph import ComputationGraph

from .burst import ENTER, ESCAPE, burst, settle
from .conftest import ready

SIZE = (100, 30)
CTRL_P, PAGE_DOWN = "\x10", "\x1b[6~"


def stack(app) -> list[str]:
    return [type(screen).__name__ for screen in app.screen_stack]


async def test_down_down_l_shows_the_cost_function_lesson_s_loss_curves():
    """`tutor`, ↓ ↓, l: the loss curves of the third lesson, trained and drawn (it used to raise
    'slice step cannot be zero' in figures._thin)."""
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("down", "down", "l")
        await pilot.pause()
        assert isinstance(app.screen, CurvesScreen)
        assert app.screen.state.lesson.id == app.catalog[2].id == "cost-function"
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert app.screen.state.curves, "no run was trained"
        assert "final cost" in str(app.screen.query_one("#legend-title").render())


async def test_palette_enter_enter_opens_the_lesson_once():
    """ctrl+p, a title, enter, enter in one burst: the second enter reached the closing palette, which
    closed the screen under it (ScreenStackError)."""
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        burst(app, CTRL_P + "chain rule" + ENTER + ENTER)
        await settle(pilot)
        assert stack(app)[0] == "HomeScreen"
        assert not any(isinstance(screen, CommandPalette) for screen in app.screen_stack)


@pytest.mark.parametrize("keys", [["ctrl+p", "ctrl+p"], ["ctrl+p", "question_mark", "ctrl+p"]])
async def test_ctrl_p_again_opens_one_palette(keys):
    """ctrl+p again, at once or from help over the palette: still one palette."""
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        for key in keys:
            app.post_message(events.Key(key, key_to_character(key)))
        await settle(pilot)
        assert stack(app)[:2] == ["HomeScreen", "CommandPalette"] and stack(app).count("CommandPalette") == 1


async def test_ctrl_p_as_the_palette_closes():
    """ctrl+p while the palette closed (off the stack, not yet removed) opened a second palette with
    the same id: DuplicateIds."""
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        palette = app.screen
        palette.dismiss()
        app.action_command_palette()
        await settle(pilot)
        assert stack(app) == ["HomeScreen", "CommandPalette"] and app.screen is not palette


async def test_page_down_in_a_palette_just_opened():
    """Page down before the palette's list was laid out raised KeyError in Textual's OptionList."""
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        burst(app, CTRL_P + "a" + PAGE_DOWN + PAGE_DOWN)
        await settle(pilot)
        assert stack(app) == ["HomeScreen", "CommandPalette"]


async def on_a_lesson_page(pilot, keys: str) -> list[str]:
    """Open the first lesson, leave its text focused, send `keys` in one burst: the screens then."""
    await ready(pilot)
    pilot.app.open_lesson("chain-of-functions")
    await settle(pilot)
    await pilot.press("escape")
    burst(pilot.app, keys)
    await settle(pilot)
    return stack(pilot.app)


@pytest.mark.parametrize("answers", ["yy", "yn", "y" + ENTER, ENTER + "y", "n" + ESCAPE + "y"])
async def test_a_question_answered_twice_is_answered_once(answers):
    """Restart? answered twice in one burst: the dialog closes once and the lesson is still there
    (a second answer used to close the lesson too, or raise InvalidStateError)."""
    async with create_app().run_test(size=SIZE) as pilot:
        assert await on_a_lesson_page(pilot, "r" + answers) == ["HomeScreen", "LessonScreen"]


async def test_a_question_answered_twice_before_it_closed():
    """Two answers reaching the dialog before it has gone (enter on a button, then y): the second
    closed the lesson under it and set the dialog's result again (InvalidStateError)."""
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.open_lesson("chain-of-functions")
        await settle(pilot)
        answers = []
        dialog = ConfirmScreen("Restart this lesson?", "Your answers are forgotten.", "Restart")
        await app.push_screen(dialog, answers.append)
        dialog.action_choose(False)
        dialog.action_choose(True)
        await settle(pilot)
        assert answers == [False]
        assert stack(app) == ["HomeScreen", "LessonScreen"]


@pytest.mark.parametrize("keys", ["?" + ESCAPE + ESCAPE, "??" + ESCAPE, "?" + ESCAPE + "?" + ESCAPE])
async def test_help_closed_twice_closes_help_only(keys):
    async with create_app().run_test(size=SIZE) as pilot:
        assert await on_a_lesson_page(pilot, keys) == ["HomeScreen", "LessonScreen"]


def lesson_screen(app):
    return LessonScreen(LessonSession(app.find("chain-rule"), app.progress, app.store))


@pytest.mark.parametrize("make", [lesson_screen, lambda app: CurvesScreen(app.find("cost-function")),
                                  lambda app: HelpScreen(), lambda app: ExperimentScreen(app.find("chain-rule"))],
                         ids=["lesson", "curves", "help", "experiment"])
async def test_a_screen_closed_before_it_finished_opening(make):
    """Pushed and popped in one go (a key opens it, the next closes it): its mount and resize found no
    widgets (NoMatches). Then the terminal is resized, which reaches the closed screen too."""
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.push_screen(make(app))
        app.pop_screen()
        await settle(pilot)
        await pilot.resize_terminal(60, 20)
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


@pytest.mark.parametrize("keys", [ENTER + "q", "x" + "q", "\x1b[B\x1b[Bl" + ESCAPE, "?" + ESCAPE, ENTER + "?" + "q"])
async def test_keys_that_open_and_close_a_screen_at_once(keys):
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        burst(app, keys)
        await settle(pilot)
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert stack(app)[0] == "HomeScreen"


async def test_a_lesson_closed_before_its_graph_scrolls_to_the_asked_node():
    """The long soak found it: a resize (or a new page) asks the graph to scroll after the next
    refresh, and q came first; the lesson's widgets were gone (`NoMatches`)."""
    app = create_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        app.open_lesson("chain-rule")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LessonScreen)
        app.go_home()
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen) and not screen.query(ComputationGraph)
        screen.show_asked()  # what the refresh after the resize calls, late
