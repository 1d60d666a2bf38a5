"""The loss-curves screen: every training run of a lesson on one plot, and the gradient flow per layer.

Pilot tests on a bare host app, asserting on what is shown: the plot's figure (its legend and lines),
the legend beside it with each run's final cost, and the bars with their values.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from textual.app import App

from tutor.engine import gradient_flow
from tutor.lessons import find_lesson
from tutor.ui.models.curves import CurvesState, log_ticks
from tutor.ui.screens.curves import CurvesScreen
from tutor.ui.widgets.plots import FigurePlot, PlotLegend

from .conftest import shown

SIZE = (100, 30)
RUNS = ["full batch (SGD, η = 1)", "mini-batch of 2 (SGD, η = 1)", "one example at a time (SGD, η = 1)",
        "momentum (η = 1)", "RMSprop (η = 0.05)", "Adam (η = 0.05)"]


async def trained(pilot) -> None:
    """Wait for the screen's training worker, then for the redraw."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


class _Host(App):
    def __init__(self, lesson_id: str = "the-landscape"):
        super().__init__()
        self.lesson = find_lesson(lesson_id)

    def on_mount(self) -> None:
        self.push_screen(CurvesScreen(self.lesson))


def test_log_ticks_add_2_and_5_when_there_are_few_decades():
    assert log_ticks(-3.2, -1.3)[1] == ["0.001", "0.002", "0.005", "0.01", "0.02", "0.05"]
    assert log_ticks(-4.0, 0.5)[1] == ["0.0001", "0.001", "0.01", "0.1", "1"]


def test_the_curves_are_log10_of_each_runs_cost():
    state = CurvesState(find_lesson("the-landscape"))
    state.train()
    figure = state.curves_figure()
    for series, (spec, result) in zip(figure.series, state.curves):
        assert series.label == spec.label
        assert series.y == pytest.approx(np.log10(result.loss[0]).tolist())
    low, high = figure.ylim
    assert low < math.log10(0.001) and high > math.log10(0.04)  # the escape to 0.0008 and the plateau


async def test_the_landscape_shows_six_labelled_runs_with_their_final_costs():
    async with _Host().run_test(size=SIZE) as pilot:
        await trained(pilot)
        screen = pilot.app.screen
        figure = screen.query_one("#curves", FigurePlot).figure
        assert figure.labels == RUNS
        assert len({s.color for s in figure.series}) == 6  # a colour each
        assert all(len(s.x) == 401 for s in figure.series)  # step 0 and 400 steps
        legend = str(screen.query_one(PlotLegend).render())
        for label in RUNS:
            assert label in legend
        assert "0.0008" in legend and "0.0287" in legend  # RMSprop escaped the plateau; full batch did not
        summary = shown(pilot.app, "#curves-summary")
        assert summary == ("After 400 steps RMSprop (η = 0.05) to 0.0008, Adam (η = 0.05) to 0.0021 got down; "
                           "4 others stayed near 0.029 (their lines lie on top of each other).")


async def test_a_cycles_the_gradient_flow_through_sigmoid_tanh_and_relu():
    async with _Host().run_test(size=SIZE) as pilot:
        await trained(pilot)
        screen = pilot.app.screen
        network = screen.state.lesson.network

        def bars():
            figure = screen.query_one("#flow", FigurePlot).figure
            return figure, list(reversed(figure.series[0].x))  # drawn bottom-up: layer 1 last

        figure, names = bars()
        assert "sigmoid (the lesson's)" in figure.title
        assert names == ["δ¹ = 0.00032", "δ² = 0.0016", "δ³ = 0.0074", "δ⁴ = 0.033", "δ⁵ = 0.15"]
        assert figure.series[0].y[::-1] == pytest.approx(np.log10(gradient_flow(network)).tolist())
        assert "layer 1 gets 0.216 % of the output layer's error term" in shown(pilot.app, "#flow-summary")
        await pilot.press("a")
        await pilot.pause()
        figure, names = bars()
        assert figure.title.endswith("· tanh") and names[0] == "δ¹ = 0.045"
        assert figure.series[0].y[::-1] == pytest.approx(np.log10(gradient_flow(network, "tanh")).tolist())
        assert shown(pilot.app, "#flow-summary").startswith("Tanh: layer 1 gets 12.4 %")
        await pilot.press("a")
        await pilot.pause()
        figure, names = bars()
        assert figure.title.endswith("· relu") and names == [f"δ{s} = 1" for s in "¹²³⁴⁵"]
        await pilot.press("a")
        await pilot.pause()
        assert "sigmoid (the lesson's)" in bars()[0].title
        assert bars()[0].xlim == figure.xlim  # one axis for all three: lengths compare


async def test_a_lesson_that_does_not_train_says_so_and_still_shows_the_flow():
    async with _Host("chain-rule").run_test(size=SIZE) as pilot:
        await trained(pilot)
        screen = pilot.app.screen
        assert not screen.query("#curves")
        assert "no loss curve" in shown(pilot.app, "#no-curves")
        assert screen.query_one("#flow", FigurePlot).figure.series[0].x  # two layers, two bars


async def test_q_closes_the_curves_even_while_its_runs_are_training():
    async with _Host().run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("q")  # at once: the training thread is still running
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(pilot.app.screen, CurvesScreen)
    assert pilot.app.return_code in (None, 0)  # no error on the way out
