"""Pilot tests of grading that teaches: diagnosed mistakes, follow-through, the precision rule told
before the first answer, and the numerical check of a gradient on the graph panel."""

from __future__ import annotations

from textual.widgets import Footer

from tutor.engine.formatting import format_value
from tutor.engine.gradcheck import nudge
from tutor.grading import check_step
from tutor.ui.app import create_app
from tutor.ui.screens.help import HelpScreen
from tutor.ui.screens.lesson import LessonScreen
from tutor.ui.widgets.numerical_check import NumericalCheckView
from tutor.ui.widgets.step import AnswerBox

from .conftest import answer, ready, shown

SIZE = (100, 30)
RULE = ("An answer counts as right when it matches the engine's value to 3 significant figures (within 0.5 %, "
        "however small the value; an entry that is exactly 0 within 0.5 % of its quantity's size).")


async def open_at(pilot, lesson_id: str, key: str) -> LessonScreen:
    """Open `lesson_id` and walk to step `key`, answering each question on the way as the engine does."""
    await ready(pilot)
    pilot.app.open_lesson(lesson_id)
    await pilot.pause()
    screen = pilot.app.screen
    session = screen.session
    while session.step is None or session.step.key != key:
        if session.asks and not session.state.done:
            await answer(pilot, format_value(session.lesson.expected(session.step, session.solution)))
        await pilot.press("enter")
        await pilot.pause()
    return screen


def toasts(app) -> list[str]:
    return [n.message for n in app._notifications]


def footer_keys(app) -> dict[str, str]:
    return {key.key_display: key.description for key in app.screen.query_one(Footer).query("FooterKey") if key.display}


async def test_a_diagnosed_mistake_names_the_term_to_fix():
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_at(pilot, "two-layer-sigmoid", "delta2")
        values = screen.session.lesson.solution()
        without_derivative = -(values["y"].value - values["a2"].value)  # −(y − a₂), σ′(z₂) left out
        await answer(pilot, format_value(without_derivative))
        assert shown(app, "#feedback") == "✗ Not right yet."
        note = shown(app, "#note")
        assert note.startswith("σ′(z₂) is missing: δ₂ = −(y − a₂) σ′(z₂), with σ′(z₂) = a₂(1 − a₂)"), note
        assert app.screen.query_one("#note").has_class("-diagnosis")
        assert screen.session.state.status == "attempted"


async def test_rounded_too_much_and_wrong_are_told_apart():
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_at(pilot, "chain-of-functions", "a1")
        await answer(pilot, "0.6, 0.5")
        assert shown(app, "#feedback").startswith("≈ Right, but rounded too much: entry [0] (0.6) needs 3 significant")
        assert app.screen.query_one("#feedback").has_class("-too-rounded")
        app.screen.query_one(AnswerBox).value = ""
        await answer(pilot, "0.7, 0.5")
        assert shown(app, "#feedback").startswith("✗ Not right for a₁ yet")
        assert app.screen.query_one("#feedback").has_class("-wrong")


async def test_the_precision_rule_is_told_before_the_first_answer():
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_at(pilot, "chain-of-functions", "z1")
        assert screen.session.progress.lesson("chain-of-functions").steps == {}  # nothing answered yet
        assert shown(app, "#rule") == RULE
        await pilot.press("?")
        assert isinstance(app.screen, HelpScreen)
        assert "matches the engine's value to 3 significant figures" in app.screen.query_one("Markdown").source
        await pilot.press("escape")
        await answer(pilot, "0.6, 0.2")
        await pilot.press("enter")  # the next question: told once is enough
        await pilot.pause()
        assert screen.session.step.key == "x1_edge" and not app.screen.query_one("#rule").display


async def test_later_steps_follow_the_learners_rounded_values():
    # In this variant a₁ = 0.15187: rounded to 0.152, it makes z₂ = -0.0088, which is wrong
    # against the engine's z₂ = -0.008877 and right against the learner's own a₁.
    app = create_app("two-layer-sigmoid~26")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = app.screen
        lesson = screen.session.lesson
        await pilot.press("enter")
        for value in ("-1.72", "0.152"):
            await answer(pilot, value)
            assert shown(app, "#feedback").startswith("✓ Correct")
            await pilot.press("enter")
        z2 = screen.session.step
        assert z2.key == "z2" and not check_step(lesson, z2, "-0.0088").correct  # not by the engine's numbers
        await answer(pilot, "-0.0088")
        assert shown(app, "#feedback").startswith("✓ Correct")
        graph = shown(app, "#graph")
        assert "a₁  0.152" in graph and "z₂  -0.0088" in graph
        assert "0.6106" not in graph and "-0.01596" not in graph


async def test_the_numerical_check_is_a_tool_before_the_answer():
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_at(pilot, "two-layer-sigmoid", "dW2")
        view = app.screen.query_one(NumericalCheckView)
        assert not view.display
        assert footer_keys(app)["^g"] == "Nudge"  # reachable from inside the answer box
        await pilot.press("ctrl+g")
        assert view.display
        moved = nudge(screen.session.lesson.network, "W2", (0, 0), 1e-4)
        text = shown(app, "#check")
        assert text.splitlines() == [
            "Check numerically · h = 0.0001",
            f"C₊ = C(w₂ + h) = {moved.plus:.10g}",
            f"C₋ = C(w₂ − h) = {moved.minus:.10g}",
            f"(C₊ − C₋) / 2h = {moved.estimate:.6g}",
            "your ∂C/∂w₂ = —",
        ]
        assert f"{moved.estimate:.3g}" == "-0.0584"
        await pilot.press(*"-0.06")  # yours follows what is typed
        assert shown(app, "#check").endswith("your ∂C/∂w₂ = -0.06")
        assert screen.session.state.status == "new" and not app.screen.query_one("#note").display
        await pilot.press("escape", "n")  # another page: the check is put away
        await pilot.pause()
        assert not view.display


async def test_the_numerical_check_is_offered_after_the_answer():
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_at(pilot, "two-layer-sigmoid", "dW2")
        await answer(pilot, "-0.0584")
        assert shown(app, "#feedback").startswith("✓ Correct")
        assert shown(app, "#note") == "Check it yourself: c nudges w₂ by h and recomputes C."
        assert footer_keys(app)["c"] == "Nudge"
        await pilot.press("c")
        assert app.screen.query_one(NumericalCheckView).display
        assert shown(app, "#check").endswith("your ∂C/∂w₂ = -0.0584")


async def test_the_numerical_check_says_why_not_off_a_gradient():
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_at(pilot, "two-layer-sigmoid", "delta2")
        assert "^g" not in footer_keys(app)
        await pilot.press("escape")
        await pilot.pause()
        assert "c" not in footer_keys(app)
        await pilot.press("c")
        await pilot.pause()
        assert not app.screen.query_one(NumericalCheckView).display
        assert any(t.startswith("δ₂ is not a gradient.") for t in toasts(app)), toasts(app)
