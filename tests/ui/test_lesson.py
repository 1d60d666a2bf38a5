"""Pilot tests of the lesson screen: answering, hints, solutions, moving, restarting, resuming."""

from __future__ import annotations

import json

import pytest
from textual.widgets import Footer

from tutor.ui.app import create_app
from tutor.ui.screens.confirm import ConfirmScreen
from tutor.ui.screens.curves import CurvesScreen
from tutor.ui.screens.experiment import ExperimentScreen
from tutor.ui.screens.help import HelpScreen
from tutor.ui.screens.lesson import LessonScreen
from tutor.ui.screens.summary import SummaryScreen
from tutor.ui.widgets.step import AnswerBox

from .conftest import answer, ready, settle, shown, until

SIZE = (100, 30)


async def open_at_z1(pilot) -> LessonScreen:
    """Open the first lesson and go to its first question, z₁ (intro → reading page → z₁)."""
    await ready(pilot)
    pilot.app.open_lesson("chain-of-functions")
    await pilot.pause()
    await pilot.press("enter", "enter")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, LessonScreen) and screen.session.step.key == "z1"
    return screen


def footer_keys(app) -> dict[str, str]:
    """What the footer teaches right now: key as shown → description."""
    return {key.key_display: key.description for key in app.screen.query_one(Footer).query("FooterKey") if key.display}


async def test_a_right_answer_fills_the_graph_and_enter_goes_on():
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_at_z1(pilot)
        assert "Step 2 of 7" in shown(app, "#step-title")
        assert isinstance(app.focused, AnswerBox)
        assert "z₁  ?" in shown(app, "#graph")
        await answer(pilot, "0.6, 0.2")
        assert shown(app, "#feedback").startswith("✓ Correct (to 3 significant figures).")
        graph = shown(app, "#graph")
        assert "z₁  0.6" in graph and "0.2" in graph
        assert app.screen.query_one(AnswerBox).disabled
        assert "1 of 5 answered" in shown(app, "#answered")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.session.step.key == "x1_edge"
        assert "Step 3 of 7" in shown(app, "#step-title")


async def test_a_wrong_answer_is_specific_and_can_be_retried():
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_at_z1(pilot)
        await answer(pilot, "0.6, 0.3")
        assert shown(app, "#feedback") == "✗ Not right for z₁ yet: entry [1] is wrong."
        assert app.screen.query_one("#feedback").has_class("-wrong")
        assert isinstance(app.focused, AnswerBox)  # straight back to typing
        app.screen.query_one(AnswerBox).value = ""
        await answer(pilot, "-0.6, -0.2")
        assert shown(app, "#feedback") == "✗ Not right yet."
        assert "the sign is flipped" in shown(app, "#note")  # diagnosed from the engine
        app.screen.query_one(AnswerBox).value = ""
        await answer(pilot, "0.4*1 + 0.2*0.5 + 0.1, 0.2")
        assert shown(app, "#feedback").startswith("✓ Correct")


async def test_too_rounded_is_not_called_wrong():
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_at_z1(pilot)
        await answer(pilot, "0.6, 0.2")
        await pilot.press("enter")  # on to x₁, then skip it to a₁
        await pilot.press("escape", "n")
        await pilot.pause()
        assert screen.session.step.key == "a1"
        await answer(pilot, "0.6, 0.5")
        feedback = shown(app, "#feedback")
        assert feedback.startswith("≈ Right, but rounded too much") and "Not right" not in feedback
        assert "e.g. 0.646" in feedback
        assert app.screen.query_one("#feedback").has_class("-too-rounded")


async def test_unreadable_input_says_how_to_write_it():
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_at_z1(pilot)
        await answer(pilot, "0.6 0.2")
        feedback = shown(app, "#feedback")
        assert feedback.startswith("? Put a comma between the numbers of a vector")
        assert "Press ? to see how answers are written." in feedback
        app.screen.query_one(AnswerBox).value = ""
        await answer(pilot, "0.6")
        assert shown(app, "#feedback") == ("✗ z₁ is 2 numbers separated by commas; you wrote a single number. "
                                           "Press ? to see how answers are written.")
        assert app.screen.session.state.status == "new"  # neither counted as an attempt


async def test_hints_come_one_level_at_a_time():
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_at_z1(pilot)
        assert not app.screen.query_one("#hints").display
        await pilot.press("ctrl+t")  # from inside the answer box
        assert shown(app, "#hints").startswith("Hint 1 · Rule: Forward pass, linear part")
        await pilot.press("escape", "h")
        assert "Hint 2 · Formula: z₁ = W₁ x + b₁" in shown(app, "#hints")
        await pilot.press("h")
        assert "Hint 3 · With numbers: z₁ = W₁ x + b₁ = [0.4, 0.2; -0.3, 0.6]" in shown(app, "#hints")
        await pilot.press("h")  # no fourth hint: the key is disabled
        assert shown(app, "#hints").count("Hint ") == 3
        assert screen.session.progress.lesson("chain-of-functions").steps["z1"].hints == 3


async def test_show_solution_marks_the_step_revealed(tutor_home):
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_at_z1(pilot)
        await pilot.press("escape", "s")
        assert shown(app, "#feedback").startswith("◆ Solution: z₁ = 0.6, 0.2.")
        assert "Worked: z₁ = W₁ x + b₁" in shown(app, "#hints")
        assert "z₁  0.6" in shown(app, "#graph")
        assert screen.session.state.status == "revealed"
    saved = json.loads((tutor_home / "progress.json").read_text())
    assert saved["lessons"]["chain-of-functions"]["steps"]["z1"]["status"] == "revealed"


async def test_next_and_previous_leave_a_skipped_step_unanswered():
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_at_z1(pilot)
        await pilot.press("escape", "n")
        assert screen.session.step.key == "x1_edge"
        assert "z₁  ?" in shown(app, "#graph")
        await pilot.press("escape", "p")
        assert screen.session.step.key == "z1" and screen.session.state.status == "new"
        assert isinstance(app.focused, AnswerBox)
        await pilot.press("ctrl+n")  # next, without leaving the answer box
        assert screen.session.step.key == "x1_edge"


async def test_typing_a_number_outside_the_box_goes_back_into_it():
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_at_z1(pilot)
        await pilot.press("escape")
        assert not isinstance(app.focused, AnswerBox)
        await pilot.press("0", ".", "6")
        assert isinstance(app.focused, AnswerBox) and app.focused.value == "0.6"


async def test_the_footer_teaches_the_keys_of_each_mode():
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_at_z1(pilot)
        typing = footer_keys(app)
        assert typing["⏎"] == "Check" and typing["esc"] == "Commands"
        assert typing["^t"] == "Hint" and typing["^o"] == "Solution" and typing["?"] == "Help"
        assert "h" not in typing  # letters belong to the answer while typing
        await pilot.press("escape")
        await pilot.pause()
        commands = footer_keys(app)
        assert {"h": "Hint", "s": "Solution", "n": "Next", "p": "Prev", "r": "Restart", "q": "Course"}.items() <= commands.items()
        assert commands["⏎"] == "Answer"


async def test_reading_pages_go_on_with_enter_or_n():
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.open_lesson("chain-of-functions")
        await pilot.pause()
        screen = app.screen
        assert screen.session.step is None and "Introduction" in shown(app, "#step-title")
        explanation = app.screen.query_one("#explanation")
        await until(pilot, lambda: explanation._more is not None)  # once the text is laid out
        await settle(pilot)
        cut = explanation.max_scroll_y > 0  # a long intro says there is more
        assert shown(app, "#feedback") == ("▼ More below: space scrolls, enter goes on." if cut else "Press enter to go on.")
        assert not app.screen.query_one(AnswerBox).display
        await pilot.press("n")
        assert screen.session.step.key == "page-1"
        await pilot.press("enter")
        assert screen.session.step.key == "z1"


async def test_restart_asks_first_and_can_be_cancelled():
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_at_z1(pilot)
        await answer(pilot, "0.6, 0.2")
        await pilot.press("r")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Restart this lesson?" in shown(app, "#dialog-question")
        await pilot.press("n")
        assert app.screen is screen and screen.session.answered() == 1
        await pilot.press("r")
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is screen and screen.session.answered() == 0 and screen.session.step is None
        assert "z₁  ?" in shown(app, "#graph")


async def test_help_opens_from_inside_the_answer_box():
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_at_z1(pilot)
        await pilot.press("0", ".", "6")
        await pilot.press("?")
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.query_one("Markdown").source
        assert "matches the engine's value to 3 significant figures" in text
        assert "`1, 2; 3, 4`" in text and "`sigmoid(0.5)`" in text
        await pilot.press("escape")
        assert isinstance(app.focused, AnswerBox) and app.focused.value == "0.6"


async def test_resume_after_quitting_lands_on_the_same_step_with_the_values(tutor_home):
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_at_z1(pilot)
        await answer(pilot, "0.6005, 0.2")
        await pilot.press("enter")  # on to x₁
        await pilot.pause()
    again = create_app()
    async with again.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert again.screen.query_one("CourseList").rows[0].status == "◐ in progress 1 of 5"
        await pilot.press("c")  # continue where we left off
        await pilot.pause()
        screen = again.screen
        assert isinstance(screen, LessonScreen) and screen.session.step.key == "x1_edge"
        assert "z₁  0.6005" in shown(again, "#graph")
        await pilot.press("escape", "p")
        assert shown(again, "#feedback").startswith("✓ You answered 0.6005, 0.2.")


async def test_the_summary_counts_the_lesson_and_shows_its_outro():
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_at_z1(pilot)
        await answer(pilot, "0.6, 0.2")
        await pilot.press("enter", "ctrl+t", "ctrl+o")  # x₁: a hint, then the solution
        await pilot.press("enter")
        await answer(pilot, "1, 1")  # a₁: wrong first ...
        await pilot.press(*["backspace"] * 4)
        await answer(pilot, "0.6457, 0.5498")  # ... then right
        await pilot.press("enter")
        await pilot.press("ctrl+t")  # z₂: a hint, then right
        await answer(pilot, "0.4966")
        await pilot.press("enter")
        await answer(pilot, "0.6217")
        await pilot.press("enter")
        await pilot.press("enter")  # the last page is to read; enter ends the lesson
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert shown(app, "#summary-heading").startswith("Lesson complete")
        counts = [str(w.render()) for w in app.screen.query(".count")]
        # every question counted once: 2 + 1 + 1 + 1 = 5
        assert counts == ["✓   2  right first time", "↻   1  right after a wrong try", "◇   1  with hints",
                          "◆   1  revealed", "Σ   5  questions in all"]
        assert "Every bigger network is this same link" in app.screen.query_one("#outro").source
        assert screen.session.progress.lesson("chain-of-functions").completed
        await pilot.press("enter")  # the next lesson
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen) and app.screen.session.lesson.id == "why-nonlinearity"


async def footer_once(pilot, key: str, description: str) -> dict[str, str]:
    """The footer's keys once it shows `key` as `description` (it is rebuilt a few frames after a change)."""
    for _ in range(300):
        keys = footer_keys(pilot.app)
        if keys.get(key) == description:
            break
        await pilot.pause(0.01)
    return keys


@pytest.mark.parametrize("key, description, opens", [
    ("a", "Another one", LessonScreen),
    ("x", "Experiment", ExperimentScreen),
    ("l", "Loss curves", CurvesScreen),
])
async def test_keys_the_footer_shows_on_reading_pages_only_work_on_question_pages_too(key, description, opens):
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.open_lesson("gradient-descent-scalar")
        await pilot.pause()
        assert (await footer_once(pilot, "⏎", "Continue"))[key] == description  # the introduction, to read
        await pilot.press("enter", "enter", "escape")  # the first question, outside the answer box
        keys = await footer_once(pilot, "⏎", "Answer")
        lesson = app.screen
        assert lesson.session.step.key == "loss" and key not in keys
        await pilot.press(key)
        await pilot.pause()
        assert app.screen is not lesson and isinstance(app.screen, opens)
