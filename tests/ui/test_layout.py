"""A learner is never lost, at 80×24 or 250×80: what each screen shows must fit and be true.

Pilot tests of issue 9 §3: the givens beside the graph at every size, the asked node in view, a
cut page that says so and scrolls, footers that end in `? Help`, words that match the layout, keys
that do nothing saying why.
"""

from __future__ import annotations

import json

import pytest
from rich.cells import cell_len
from textual.containers import VerticalScroll
from textual.widgets import Footer

from tutor.engine.formatting import format_value
from tutor.ui.app import create_app
from tutor.ui.screens.help import HelpScreen
from tutor.ui.screens.summary import SummaryScreen
from tutor.ui.widgets.course_list import CourseList
from tutor.ui.widgets.graph import ComputationGraph
from tutor.ui.widgets.step import AnswerBox

from .conftest import ready, shown
from .test_snapshots import opened_at

SIZES = [(80, 24), (100, 30), (250, 80)]


def footer_keys(app) -> list:
    """The keys the footer shows (it hides those it has no use for now, to relabel them later)."""
    return [key for key in app.screen.query_one(Footer).query("FooterKey") if key.display]


async def footer_settled(pilot) -> None:
    """The footer is rebuilt a few frames after the bindings change."""
    for _ in range(3):
        await pilot.pause()
    await pilot.pause(0.05)
    await pilot.pause()


def footer_fits(app) -> list[str]:
    """What is wrong with the footer: keys cut off at the right, or no `?`."""
    width = app.size.width
    keys = footer_keys(app)
    problems = [f"{key.key_display} {key.description} ends at {key.region.right} > {width}"
                for key in keys if key.region.right > width or not key.region.width]
    if not any(key.key_display == "?" and key.description == "Help" for key in keys):
        problems.append("no ? Help")
    return problems


def toasts(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


# ---- the givens, and the asked node in view ----------------------------------------------------

@pytest.mark.parametrize("size", SIZES)
async def test_the_givens_are_beside_the_graph_at_every_size(size):
    """'Compute w₁ (new) = w₁ + α ∂L/∂w₁' with w₁, the target and the rate in view."""
    app = create_app()
    async with app.run_test(size=size) as pilot:
        await opened_at("chain-rule", "W1_new")(pilot)
        solution = app.screen.session.solution
        givens = shown(app, "#givens")
        for name in ("a0", "W1", "b1", "W2", "b2", "y"):
            assert f"{solution[name].symbol} = {format_value(solution[name].value)}" in givens, (name, givens)
        assert f"{solution.symbols.learning_rate} = 0.2" in givens
        region = app.screen.query_one("#givens").region
        assert region.height >= 1 and region.right <= size[0] and region.bottom <= size[1]


async def test_a_practice_variant_shows_its_own_givens():
    app = create_app("chain-rule~3")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        solution = app.screen.session.solution
        assert f"w₁ = {format_value(solution['W1'].value)}" in shown(app, "#givens")
        assert format_value(solution["W1"].value) != "0.5"


@pytest.mark.parametrize("lesson_id", ["chain-rule", "two-layer-sigmoid"])
async def test_the_asked_node_is_always_in_view_at_80x24(lesson_id):
    app = create_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        app.open_lesson(lesson_id)
        await pilot.pause()
        session = app.screen.session
        seen = 0
        while True:
            if session.asks and not session.state.done:
                await pilot.pause()
                graph = app.screen.query_one(ComputationGraph)
                scroll = app.screen.query_one("#graph-scroll", VerticalScroll)
                first, last = graph.asked_rows
                top, height = round(scroll.scroll_y), scroll.scrollable_content_region.height
                assert top <= first and last < top + height, (session.step.key, graph.asked_rows, top, height)
                assert "▶" in str(graph.render()).splitlines()[first]
                seen += 1
                app.screen.query_one(AnswerBox).value = format_value(session.lesson.expected(session.step, session.solution))
                await pilot.press("enter")
            if session.at_last_page:
                break
            await pilot.press("enter")
            await pilot.pause()
        assert seen == len(session.lesson.asked_steps())


async def test_the_trivial_gradient_is_not_drawn():
    app = create_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await opened_at("chain-rule", "dL_dz1")(pilot)
        graph = shown(app, "#graph")
        assert "∂L/∂z" in graph and "∂L/∂L" not in graph


# ---- a page cut short says so, and scrolls ----------------------------------------------------

async def test_a_cut_page_says_there_is_more_and_space_scrolls_it():
    app = create_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await opened_at("chain-rule", "page-4")(pilot)
        await pilot.pause()
        explanation = app.screen.query_one("#explanation", VerticalScroll)
        assert explanation.max_scroll_y > 0  # the page is longer than its room
        assert shown(app, "#feedback") == "▼ More below: space scrolls, enter goes on."
        assert app.screen.query_one("#ask").border_title == "▼ more · space"
        position = app.screen.session.position
        for _ in range(10):
            if explanation.scroll_y >= explanation.max_scroll_y:
                break
            await pilot.press("space")
            await pilot.pause()
        assert explanation.scroll_y == explanation.max_scroll_y
        assert app.screen.session.position == position  # space scrolls; it never moves on
        assert shown(app, "#feedback") == "Press enter to go on."
        assert app.screen.query_one("#ask").border_title == ""
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.session.position == position + 1


async def test_a_page_that_fits_says_nothing_of_more():
    app = create_app()
    async with app.run_test(size=(200, 50)) as pilot:
        await opened_at("chain-rule", "page-4")(pilot)
        await pilot.pause()
        assert shown(app, "#feedback") == "Press enter to go on."
        assert app.screen.query_one("#ask").border_title == ""


# ---- nothing cut off ----------------------------------------------------------------------------

async def test_the_course_list_cuts_no_title_and_no_progress_at_80_columns(tutor_home):
    tutor_home.mkdir(parents=True)
    steps = {f"s{i}": {"status": "revealed", "hints": 1} for i in range(3)}
    saved = {"format_version": 1, "lessons": {"two-layer-sigmoid": {"current_step": 8, "updated": "2026-01-01T00:00:00Z",
                                                                  "steps": steps}}}
    (tutor_home / "progress.json").write_text(json.dumps(saved))
    for width in (80, 100):
        app = create_app()
        async with app.run_test(size=(width, 24)) as pilot:
            await ready(pilot)
            course_list = app.screen.query_one(CourseList)
            rows = [str(course_list.get_option_at_index(i).prompt) for i in range(course_list.option_count)]
            assert all("…" not in row for row in rows), rows
            for prompt, row in zip(rows, course_list.rows):
                status = next(status for status in row.statuses() if status in prompt)  # one of its wordings
                minutes = f"{row.entry.minutes} min"
                words = prompt.replace(status, " ").replace(minutes, " ").split()[1:]  # less number, minutes, progress
                assert " ".join(words) == row.entry.title  # whole, though perhaps over two lines
            assert all(cell_len(line) <= course_list.scrollable_content_region.width for row in rows for line in row.splitlines())
            assert "◐" in rows[5]


async def footers_at(width: int, height: int = 24) -> dict[str, list[str]]:
    """Every screen's footer problems at `width`: keys cut off, or no ? Help."""
    app = create_app()
    found = {}
    async with app.run_test(size=(width, height)) as pilot:
        await ready(pilot)
        found["home"] = footer_fits(app)
        app.open_lesson("gradient-descent-scalar")  # a lesson with an experiment and loss curves
        await footer_settled(pilot)
        found["lesson, a page to read"] = footer_fits(app)
        await opened_at("gradient-descent-scalar", "loss")(pilot)
        await footer_settled(pilot)
        found["lesson, in the answer box"] = footer_fits(app)
        await pilot.press("escape")
        await footer_settled(pilot)
        found["lesson, outside the box"] = footer_fits(app)
        app.go_home()
        await opened_at("chain-of-functions", "page-7")(pilot)
        await pilot.press("enter")
        await footer_settled(pilot)
        assert isinstance(app.screen, SummaryScreen)
        found["summary"] = footer_fits(app)
        app.go_home()
        app.open_experiment()
        await footer_settled(pilot)
        found["experiment, predicting"] = footer_fits(app)
        await pilot.press("space")
        await footer_settled(pilot)
        found["experiment, replaying"] = footer_fits(app)
        await pilot.press("w")
        await footer_settled(pilot)
        found["experiment, sweep"] = footer_fits(app)
        await pilot.press("q")
        await pilot.pause()
        app.open_curves(app.find("two-layer-sigmoid"))
        await footer_settled(pilot)
        found["curves"] = footer_fits(app)
    return found


@pytest.mark.parametrize("width", [80, 100])
async def test_every_footer_fits_and_ends_in_help(width):
    found = await footers_at(width)
    assert found == {screen: [] for screen in found}


async def test_a_review_queue_leaves_help_in_the_footer(tutor_home):
    tutor_home.mkdir(parents=True)
    step = {"status": "correct", "attempts": 2, "hints": 0, "first_try": False}
    saved = {"format_version": 1, "lessons": {"chain-of-functions": {"current_step": 2, "steps": {"z1": step}}},
             "review": [{"lesson": "chain-of-functions", "step": "z1"}]}
    (tutor_home / "progress.json").write_text(json.dumps(saved))
    app = create_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await footer_settled(pilot)
        assert "v" in [key.key_display for key in footer_keys(app)]
        assert footer_fits(app) == []
        assert app.screen.query_one("#review").region.bottom <= 23  # the queue shows, above the footer
        app.start_review()
        await footer_settled(pilot)
        assert footer_fits(app) == []


async def test_the_progress_bar_keeps_apart_from_its_labels():
    for size in [(80, 24), (100, 30)]:
        app = create_app()
        async with app.run_test(size=size) as pilot:
            await opened_at("chain-rule", "z1")(pilot)
            strip = app.screen.query_one("#progress")
            position, bar = strip.query_one("#position").content_region, strip.query_one("#bar").region
            after = [w.content_region for w in strip.children if w.region.x > bar.x and w.region.width]
            assert bar.x > position.right  # a gap after 'Step 1 of 19'
            assert after and all(region.x > bar.right for region in after)  # and before the count or the phases


async def test_a_step_title_does_not_number_the_step_twice():
    app = create_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await opened_at("chain-rule", "z1")(pilot)
        steps = len(app.screen.session.lesson.steps)
        assert shown(app, "#step-title") == f"Step 1 of {steps} · The first function"


@pytest.mark.parametrize(("width", "place"), [(80, "at the top"), (100, "on the right")])
async def test_help_says_where_the_graph_is(width, place):
    app = create_app()
    async with app.run_test(size=(width, 30)) as pilot:
        await opened_at("chain-of-functions", "z1")(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        source = app.screen.query_one("Markdown").source
        assert f"The computation graph\n{place} starts" in source


# ---- keys that do nothing say so ---------------------------------------------------------------

async def test_the_course_lists_loss_curves_key_works_once_the_course_is_loaded():
    """A race: the footer was drawn before the course loaded and showed 'l Loss curves' dimmed
    until the highlight moved."""
    app = create_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await footer_settled(pilot)
        curves = next(key for key in footer_keys(app) if key.key_display == "l")
        assert not curves.has_class("-disabled")  # the first lesson trains: its curves are there


async def test_l_on_a_lesson_without_curves_says_why():
    app = create_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press(*["down"] * 4)  # the chain rule: it climbs the output, it trains nothing
        await footer_settled(pilot)
        assert next(k for k in footer_keys(app) if k.key_display == "l").has_class("-disabled")
        await pilot.press("l")
        await pilot.pause()
        assert any("not down a cost" in toast for toast in toasts(app)), toasts(app)
        app.open_lesson("chain-rule")
        await pilot.pause()
        app._notifications.clear()
        await pilot.press("l")
        await pilot.pause()
        assert any("not down a cost" in toast for toast in toasts(app)), toasts(app)


async def test_keys_that_cannot_apply_in_a_lesson_say_why():
    app = create_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        app.open_lesson("chain-of-functions")
        await pilot.pause()
        await pilot.press("p", "h")  # the first page; nothing asked on it
        await pilot.pause()
        assert toasts(app)[-2:] == ["This is the first page.", "Nothing is asked on this page."]
        await opened_at("chain-of-functions", "z1")(pilot)
        await pilot.press("escape", "h", "h", "h", "h")  # three hints, then none left
        await pilot.pause()
        assert toasts(app)[-1] == "No more hints: s shows the solution."


# ---- the experiment -----------------------------------------------------------------------------

async def the_chapters_experiment(pilot) -> None:
    await ready(pilot)
    pilot.app.open_experiment()
    await pilot.pause()


async def test_tab_from_the_prediction_never_lands_in_the_rates():
    """Tab from the w₁ box and enter once replaced the rates with the typed 1.1, without a word."""
    app = create_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await the_chapters_experiment(pilot)
        await pilot.press("3", *"1.1", "tab")
        await pilot.pause()
        assert app.screen.focused.id in ("predict-choices", "predict-param")
        await pilot.press("tab", "tab", "tab")
        await pilot.pause()
        assert app.screen.focused.id in ("predict-choices", "predict-param")
        assert app.screen.state.rates == [0.2, 0.1]


async def test_changing_the_rates_is_said():
    app = create_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await the_chapters_experiment(pilot)
        await pilot.press("e", *"0.3", "enter")
        await pilot.pause()
        assert app.screen.state.rates == [0.3]
        assert any("α = 0.3 (were 0.2, 0.1)" in toast for toast in toasts(app)), toasts(app)


async def test_the_sweep_says_what_happened_when_nothing_blew_up():
    """Under the chapter's rule no rate passes the divergence limit in 5 steps, but the cost climbs
    to ~1e+27: the sentence must say so, not 'no rate diverged'."""
    app = create_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await the_chapters_experiment(pilot)
        await pilot.press("w")
        await pilot.pause()
        outcome = shown(app, "#outcome")
        assert "no rate diverged" not in outcome
        assert "None blew up within 5 steps, but from α ≈" in outcome and "ends higher than it started (1.125)" in outcome
        assert "e+27 at α ≈ 10" in outcome


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (200, 50)])
async def test_the_whole_course_and_a_long_review_queue_fit_without_scrolling(tutor_home, size):
    """Thirteen lessons and five steps to review: the course list scrolls inside itself where it must,
    and the details and the queue stay above the footer."""
    tutor_home.mkdir(parents=True)
    step = {"status": "correct", "attempts": 2, "hints": 0, "first_try": False}
    keys = ["z1", "a1", "z2", "a2", "loss"]
    saved = {"format_version": 1,
             "lessons": {"chain-of-functions": {"current_step": 2, "steps": {key: step for key in keys}}},
             "review": [{"lesson": "chain-of-functions", "step": key} for key in keys]}
    (tutor_home / "progress.json").write_text(json.dumps(saved))
    app = create_app()
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        await footer_settled(pilot)
        screen = app.screen
        assert screen.max_scroll_y == 0
        footer_top = size[1] - 1
        assert screen.query_one("#details").region.bottom <= footer_top
        assert screen.query_one("#review").region.bottom <= footer_top
