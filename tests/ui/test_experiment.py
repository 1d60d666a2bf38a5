"""The experiment screen: predict, replay step by step, edit the rates, compare the rules, sweep.

Pilot tests on a bare host app (the screen needs nothing of the main app), asserting on what the
screen shows: the table's cells, the notes, and the plots' figures (their legends and lines). The
numbers are the chapter's (whose learning rate is α): with α = 0.2 one step carries L from 3.5 to 6.58, with α = 0.1 to 4.92.
"""

from __future__ import annotations

import math

import pytest
from textual.app import App
from textual.widgets import DataTable, Input

from tutor.lessons import find_lesson
from tutor.lessons.experiment import Experiment
from tutor.ui.models.experiment import ExperimentState, Prediction, parse_rates, parse_steps
from tutor.ui.screens import experiment as experiment_screen
from tutor.ui.screens.experiment import ExperimentScreen
from tutor.ui.widgets.plots import FigurePlot

from .conftest import shown, until

SIZE = (100, 30)
CHAPTER = "chain-rule"


class _Host(App):
    def __init__(self, lesson_id: str = CHAPTER, rates=None, steps=None):
        super().__init__()
        self.lesson = find_lesson(lesson_id)
        self.rates, self.steps = rates, steps

    def on_mount(self) -> None:
        self.push_screen(ExperimentScreen(self.lesson, self.rates, self.steps))


def table_rows(screen) -> list[list[str]]:
    table = screen.query_one("#table", DataTable)
    return [[str(cell).strip() for cell in table.get_row_at(i)] for i in range(table.row_count)]


def figure(screen, selector: str = "#plot-main"):
    return screen.query_one(selector, FigurePlot).figure


def visible(screen, selector: str) -> bool:
    widget = screen.query_one(selector)
    return widget.display and widget.styles.display != "none" and not widget.has_class("-empty")


async def type_into(pilot, key: str, text: str) -> None:
    """Open a box with its key (which selects what it holds), type `text` over it and press enter."""
    await pilot.press(key, *text, "enter")
    await pilot.pause()


async def opened(pilot) -> ExperimentScreen:
    """The experiment screen, once it is up (on its prediction, for a lesson that has one)."""
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ExperimentScreen)
    return screen


# ---- the model, without a screen ----------------------------------------------------------------
def test_parse_rates_reads_commas_and_spaces_and_refuses_nonsense():
    assert parse_rates("0.2, 0.1 0.05") == [0.2, 0.1, 0.05]
    assert parse_rates("0.2,0.2") == [0.2]
    for text, words in [("", "at least one"), ("fast", "“fast” is not a learning rate"), ("-1", "greater than 0"),
                        ("0", "greater than 0"), ("inf", "greater than 0"), ("1 2 3 4 5 6 7 8 9", "At most")]:
        with pytest.raises(ValueError, match=words):
            parse_rates(text)
    assert parse_steps(" 7 ") == 7
    for text in ("0", "x", "100000"):
        with pytest.raises(ValueError):
            parse_steps(text)


def test_the_prediction_is_the_chapters_overshoot():
    prediction = Prediction.of(find_lesson(CHAPTER))
    assert (prediction.rate, prediction.start, prediction.target) == (0.2, 3.5, 5.0)
    assert prediction.after == pytest.approx(6.58) and prediction.param_after == pytest.approx(1.1)
    assert prediction.others == [(0.1, pytest.approx(4.92))]
    assert prediction.choices[prediction.answer].startswith("past the target 5")


def test_a_rate_that_diverges_leaves_the_plot_through_its_edge_and_never_blanks_it():
    state = ExperimentState(find_lesson(CHAPTER), [0.2, 2.5], 5)
    state.rule, state.step = "descent", 5
    plot = state.figure()
    low, high = plot.ylim
    line = plot.series[2]
    assert line.label == "α = 2.5 · diverged at step 3"
    assert len(line.y) >= 2 and all(math.isfinite(v) and low <= v <= high for v in line.y)
    assert line.y[-1] == pytest.approx(high)  # cut where it leaves, not squashing the other lines
    assert 8.48 < high < 50  # the frame fits α = 0.2 (up to 8.48), not α = 2.5's 2.6e8


# ---- predict, then replay -----------------------------------------------------------------------
async def test_it_opens_on_the_prediction_with_the_choices_focused():
    async with _Host().run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        assert visible(screen, "#predict") and not visible(screen, "#table")
        assert pilot.app.focused.id == "predict-choices"
        assert "Where does L land?" in shown(pilot.app, "#predict-question")
        assert shown(pilot.app, "#status") == "predict first · space starts"
        assert figure(screen).labels == ["target 5", "α = 0.2", "α = 0.1"]


async def test_a_right_prediction_is_confirmed_with_the_chapters_numbers():
    async with _Host().run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await pilot.press("3")
        await pilot.pause()
        assert screen.state.prediction.choice == 2
        assert pilot.app.focused.id == "predict-param"
        await pilot.press(*"1.1", "enter")
        await pilot.pause()
        feedback = shown(pilot.app, "#predict-feedback")
        assert "You said: past the target 5 (above it)." in feedback and "✓ w₁ = 1.1: right." in feedback
        assert pilot.app.focused is None  # so space starts the replay
        assert not visible(screen, "#outcome")  # nothing told before the step is taken
        await pilot.press("space")
        await pilot.pause()
        assert not visible(screen, "#predict") and visible(screen, "#table")
        outcome = shown(pilot.app, "#outcome")
        assert outcome.startswith("You said past the target: right.")
        assert "one step of the chapter's rule carried L from 3.5 to 6.58, past the target 5 (w₁ became 1.1)" in outcome
        assert "with α = 0.1 it lands at 4.92" in outcome and "Your w₁ = 1.1: right." in outcome
        assert screen.query_one("#outcome").has_class("-right")


async def test_a_wrong_prediction_by_arrows_and_enter_is_told_without_blocking():
    async with _Host().run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await pilot.press("down", "enter")  # from the first choice to "on the target"
        await pilot.pause()
        assert screen.state.prediction.choice == 1
        await pilot.press(*"1.2", "enter")
        await pilot.pause()
        assert "✗ Not 1.2: the replay shows w₁ after one step." in shown(pilot.app, "#predict-feedback")
        await pilot.press("space")
        await pilot.pause()
        outcome = shown(pilot.app, "#outcome")
        assert outcome.startswith("You said on the target: it went past it.") and "6.58" in outcome
        assert outcome.endswith("Your w₁ = 1.2: not quite.")
        assert screen.query_one("#outcome").has_class("-wrong")


async def test_an_unreadable_number_keeps_the_box_open():
    async with _Host().run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("tab", *"one", "enter")
        await pilot.pause()
        assert shown(pilot.app, "#predict-feedback").startswith("?")
        assert pilot.app.focused.id == "predict-param"


# ---- stepping, playing, resetting ---------------------------------------------------------------
async def test_space_steps_through_and_the_table_has_every_rates_rows():
    async with _Host().run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        reference = Experiment(screen.state.lesson, [0.2, 0.1], 5)
        for step in range(1, 6):
            await pilot.press("space")
            await pilot.pause()
            assert shown(pilot.app, "#status") == f"step {step} of 5"
            rows = table_rows(screen)
            assert len(rows) == 2 * (step + 1)
            for r, rate in enumerate(("0.2", "0.1")):
                mine = [row[2:] for row in rows if row[1] == rate]
                assert mine == [row[1:] for row in reference.rows(r, upto=step)[1:]]
        rows = table_rows(screen)
        assert not visible(screen, "#outcome")  # no prediction was made, so there is no verdict
        assert rows[2] == ["1", "0.2", "1.1", "1.9", "3.2", "6.58", "1.248"]
        assert rows[3] == ["", "0.1", "0.8", "1.7", "2.6", "4.92", "0.0032"]
        headers = [str(column.label).strip() for column in screen.query_one(DataTable).columns.values()]
        assert headers == ["step", "α", "w₁", "w₂", "z", "L", "E"]
        assert figure(screen).series[1].y[:2] == [3.5, pytest.approx(6.58)]
        await pilot.press("space")  # past the last step: nothing changes
        await pilot.pause()
        assert screen.state.step == 5


async def test_play_runs_to_the_end_and_stops_and_p_pauses(monkeypatch):
    monkeypatch.setattr(experiment_screen, "PLAY_EVERY", 0.05)
    async with _Host().run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await pilot.press("p")
        assert screen.state.step >= 1  # the first step comes at once
        await until(pilot, lambda: not screen.state.playing)  # five ticks of 0.05 s, later on a busy machine
        assert screen.state.step == 5 and not screen.state.playing and screen._timer is None
        assert shown(pilot.app, "#status") == "step 5 of 5"
        await pilot.press("r")
        await pilot.pause()
        assert screen.state.step == 0 and len(table_rows(screen)) == 2
        monkeypatch.setattr(experiment_screen, "PLAY_EVERY", 30)  # slow enough to catch it playing
        await pilot.press("p")
        await pilot.pause()
        assert screen.state.playing and screen._timer is not None and screen.state.step == 1
        assert shown(pilot.app, "#status") == "step 1 of 5 · playing"
        await pilot.press("p")
        await pilot.pause()
        assert not screen.state.playing and screen._timer is None and screen.state.step == 1
        assert shown(pilot.app, "#status") == "step 1 of 5"


async def test_reset_goes_back_to_step_0():
    async with _Host().run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await pilot.press("space", "space", "space", "r")
        await pilot.pause()
        assert screen.state.step == 0 and shown(pilot.app, "#status") == "step 0 of 5"
        assert [row[:2] for row in table_rows(screen)] == [["0", "0.2"], ["", "0.1"]]
        assert [len(line.y) for line in figure(screen).series[1:]] == [1, 1]


# ---- editing the rates and the steps ------------------------------------------------------------
async def test_new_rates_are_plotted_and_tabled_at_once():
    async with _Host().run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await pilot.press("space", "space")
        await type_into(pilot, "e", "0.2, 0.1, 0.05")
        assert screen.state.rates == [0.2, 0.1, 0.05]
        assert figure(screen).labels == ["target 5", "α = 0.2", "α = 0.1", "α = 0.05"]
        assert [row[1] for row in table_rows(screen)][:3] == ["0.2", "0.1", "0.05"]
        assert len(table_rows(screen)) == 3 * 3  # steps 0-2, three rates
        assert screen.query_one("#rates", Input).value == "0.2, 0.1, 0.05"
        assert pilot.app.focused is None and not visible(screen, "#input-error")


async def test_bad_rates_say_why_and_the_old_rates_stay():
    async with _Host().run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await type_into(pilot, "e", "0.2, fast")
        assert screen.state.rates == [0.2, 0.1]
        assert shown(pilot.app, "#input-error") == ("“fast” is not a learning rate: write numbers like 0.2, 0.1, "
                                                    "0.05. The rates stay 0.2, 0.1.")
        rates = screen.query_one("#rates", Input)
        assert rates.has_class("-invalid") and pilot.app.focused is rates
        assert figure(screen).labels == ["target 5", "α = 0.2", "α = 0.1"]
        await pilot.press("ctrl+u", "-", "1", "enter")
        await pilot.pause()
        assert "greater than 0, not -1" in shown(pilot.app, "#input-error")
        await pilot.press("escape")  # leaving the box puts the rates back, and the message goes
        await pilot.pause()
        assert pilot.app.focused is None and rates.value == "0.2, 0.1" and not rates.has_class("-invalid")
        assert not visible(screen, "#input-error")
        await type_into(pilot, "e", "0.3")
        assert screen.state.rates == [0.3] and not visible(screen, "#input-error")


async def test_the_number_of_steps_can_change_and_bad_steps_are_refused():
    async with _Host().run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await type_into(pilot, "n", "3")
        assert screen.state.steps == 3 and figure(screen).xlim == (0.0, 3.0)
        await pilot.press("space")
        await pilot.pause()
        assert shown(pilot.app, "#status") == "step 1 of 3"
        await type_into(pilot, "n", "0")
        assert screen.state.steps == 3
        assert shown(pilot.app, "#input-error") == "The number of steps must be from 1 to 200, not 0. It stays 3."


# ---- the two rules, divergence, the sweep -------------------------------------------------------
async def test_u_switches_the_rule_and_b_shows_both_side_by_side():
    async with _Host().run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await pilot.press("space", "space", "space")
        assert "the chapter's rule" in figure(screen).title
        await pilot.press("u")
        await pilot.pause()
        assert screen.state.rule == "descent" and "descent on the error" in figure(screen).title
        assert table_rows(screen)[4][5] == "1.615"  # descent with α = 0.2 swings L from 8.48 down to 1.615
        await pilot.press("b")
        await pilot.pause()
        assert visible(screen, "#plot-other") and not visible(screen, "#side")
        assert "the chapter's rule" in figure(screen, "#plot-other").title
        explanation = shown(pilot.app, "#explain")
        assert "α·(L − target)·∂L/∂w" in explanation and "diverges" in explanation
        await pilot.press("b")
        await pilot.pause()
        assert not visible(screen, "#plot-other") and visible(screen, "#side")
        assert shown(pilot.app, "#explain") == "Descent on the error: w ← w − α ∂E/∂w · b shows both rules."


async def test_a_divergent_rate_is_reported_and_its_line_stops():
    async with _Host(rates=[0.2, 2.5]).run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await pilot.press("u", "space", "space")
        await pilot.pause()
        assert not visible(screen, "#divergence")  # it has not blown up yet at step 2
        await pilot.press("space", "space", "space")
        await pilot.pause()
        expected = Experiment(screen.state.lesson, [0.2, 2.5], 5, "descent").divergence(1)
        assert shown(pilot.app, "#divergence") == expected
        assert expected.startswith("α = 2.5 diverged at step 3")
        assert figure(screen).labels[2] == "α = 2.5 · diverged at step 3"
        rows = table_rows(screen)
        assert ["", "2.5", "diverged", "", "", "", ""] in rows
        assert [row[1] for row in rows[-2:]] == ["0.2", "0.2"]  # after it, only α = 0.2 goes on
        await pilot.press("b")  # both rules: still reported, per rule
        await pilot.pause()
        assert shown(pilot.app, "#divergence") == f"descent on the error: {expected}"


async def test_w_shows_the_sweep_with_the_replays_rates_and_goes_back():
    async with _Host().run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await pilot.press("u", "w")
        await pilot.pause()
        assert visible(screen, "#sweep-pane") and not visible(screen, "#plots-pane")
        sweep = figure(screen, "#sweep")
        assert sweep.labels == ["E after the last step", "α = 0.1", "α = 0.2"]
        assert sweep.xticks[1][0] == "0.001" and sweep.xticks[1][-1] == "10"  # α/100 to 50 α on a log axis
        assert sweep.vlines and sweep.texts[0][0].strip() == "diverges from here on"  # the edge is marked
        summary = shown(pilot.app, "#outcome")
        assert summary.startswith("Lowest E after 5 steps at α ≈ 0.05") and "diverges from α ≈ 0.24" in summary
        assert "α = 0.2 ends at E = 8.755" in summary
        assert shown(pilot.app, "#status") == "sweep · descent on the error"
        await pilot.press("space")  # the replay's keys rest while the sweep is shown
        assert screen.state.step == 0
        await pilot.press("w")
        await pilot.pause()
        assert not visible(screen, "#sweep-pane") and visible(screen, "#plots-pane")


async def test_the_sweep_marks_a_rate_that_diverged():
    async with _Host(rates=[0.2, 2.5]).run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await pilot.press("u", "w")
        await pilot.pause()
        assert "α = 2.5 (diverged at step 3)" in figure(screen, "#sweep").labels
        assert "α = 2.5 diverged at step 3" in shown(pilot.app, "#outcome")


async def test_q_closes_the_screen_and_escape_first_leaves_a_box():
    async with _Host().run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("e", "escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ExperimentScreen) and pilot.app.focused is None
        await pilot.press("q")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, ExperimentScreen)


async def test_a_lesson_without_a_target_replays_without_a_prediction():
    async with _Host("why-nonlinearity").run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        assert screen.state.prediction is None and not screen.state.predicting
        assert visible(screen, "#table") and figure(screen).labels == ["η = 0.1"]
        await pilot.press("u", "b")  # one output unit is needed for the chapter's rule: these keys rest
        await pilot.pause()
        assert screen.state.rule == "descent" and not screen.state.both


async def test_the_replay_command_app_opens_on_a_rule_and_ends_when_the_screen_closes():
    from tutor.ui.experiment_app import ExperimentApp

    app = ExperimentApp(find_lesson(CHAPTER), [0.2, 2.5], 4, "descent")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, ExperimentScreen) and screen.state.rule == "descent"
        assert screen.state.steps == 4 and screen.state.rates == [0.2, 2.5]
        # the prediction is still the chapter's, about its own rule
        assert "the chapter's rule (w ← w + α ∂L/∂w)" in shown(pilot.app, "#predict-question")
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
