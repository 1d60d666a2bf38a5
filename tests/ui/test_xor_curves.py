"""The xor lesson's loss-curve screen: the decision boundary beside the curve, redrawn as training runs.

Pilot tests on a bare host app. Training is held at a gate (a wrapped `CurvesState.training`) where a
test needs it still running, so nothing depends on timing: keys pressed while the worker waits, the
screen closed while it waits. Snapshots of the finished screen at 100×30 and 80×24.
"""

from __future__ import annotations

import threading

import numpy as np
import pytest
from textual.app import App

from tutor.engine.boundary import output_grid
from tutor.figures import SHADES
from tutor.lessons import find_lesson
from tutor.ui.models.curves import CurvesState
from tutor.ui.screens.curves import CurvesScreen
from tutor.ui.widgets.plots import FigurePlot

from .conftest import shown

SIZES = {"wide": (100, 30), "small": (80, 24)}


class _Host(App):
    def on_mount(self) -> None:
        self.push_screen(CurvesScreen(find_lesson("xor")))


async def trained(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.fixture
def gate(monkeypatch):
    """Training stops after its first piece (step 0 drawn) until the test sets the event."""
    go_on = threading.Event()
    original = CurvesState.training

    def held(self, every=10):
        for number, done in enumerate(original(self, every)):
            yield done
            if number == 0:
                assert go_on.wait(timeout=60), "the test never let training go on"

    monkeypatch.setattr(CurvesState, "training", held)
    return go_on


def test_the_boundary_figure_shades_the_output_and_marks_the_points_by_class():
    state = CurvesState(find_lesson("xor"))
    for _ in state.training(every=100):
        pass
    figure = state.boundary_figure(30, 20)
    *shades, zeros, ones = figure.series
    assert [s.marker for s in shades] == [shade for _, _, shade, _ in SHADES]
    assert (zeros.marker, zeros.x, zeros.y) == ("0", [0.0, 1.0], [0.0, 1.0])
    assert (ones.marker, ones.x, ones.y) == ("1", [0.0, 1.0], [1.0, 0.0])
    network = state.lesson.network
    last = {name: history[0, -1] for name, history in state.curves[0][1].params.items()}
    grid = output_grid(network, last, 30, 20)
    above = sum(len(s.x) for s in shades[1:])
    assert above == int((grid.outputs > 0.5).sum()) > 0  # every cell above ½ is drawn ▒ or ▓
    assert len(shades[0].x) == int(((grid.outputs > 0.25) & (grid.outputs <= 0.5)).sum())
    assert figure.title.endswith("step 400")
    assert state.boundary_summary() == ("Step 400: 4 of 4 points on their class's side of ½, "
                                        "every one of them since step 200.")


def test_training_in_pieces_gives_the_numbers_of_one_run():
    state = CurvesState(find_lesson("xor"))
    steps = list(state.training(every=7))
    assert steps[0] == 0 and steps[-1] == 400 and steps == sorted(steps)
    (_, pieces), (_, whole) = state.curves[0], state.lesson.training_curves()[0]
    assert np.array_equal(pieces.loss, whole.loss)
    for name in whole.params:
        assert np.array_equal(pieces.params[name], whole.params[name])


async def test_the_curve_and_the_boundary_are_redrawn_as_training_runs(monkeypatch):
    drawn = []
    original = CurvesScreen.show_curves

    def recording(self):
        original(self)
        plot = self.query_one("#boundary", FigurePlot)
        drawn.append((self.state.steps_trained, plot.figure.title, len(self.query_one("#curves", FigurePlot).figure.series[0].x)))

    monkeypatch.setattr(CurvesScreen, "show_curves", recording)
    async with _Host().run_test(size=SIZES["wide"]) as pilot:
        await trained(pilot)
        assert [steps for steps, _, _ in drawn] == list(range(0, 401, 10))  # a redraw every 10 steps
        assert all(title.endswith(f"step {steps}") for steps, title, _ in drawn)
        assert [points for _, _, points in drawn] == [steps + 1 for steps, _, _ in drawn]  # the curve grows
        assert shown(pilot.app, "#boundary-summary").startswith(
            "Step 400: 4 of 4 points on their class's side of ½, every one of them since step 200.")
        assert "After 400 steps" in shown(pilot.app, "#curves-summary")


async def test_keys_work_while_training_runs(gate):
    async with _Host().run_test(size=SIZES["wide"]) as pilot:
        await pilot.pause()
        screen = pilot.app.screen
        assert screen.state.steps_trained == 0
        assert shown(pilot.app, "#curves-summary") == "Training: step 0 of 400…"
        await pilot.press("a")  # the gradient flow switches while the worker is held mid-training
        await pilot.pause()
        assert screen.query_one("#flow", FigurePlot).figure.title.endswith("· tanh")
        assert screen.state.steps_trained == 0
        gate.set()
        await trained(pilot)
        assert screen.state.steps_trained == 400
        assert screen.query_one("#boundary", FigurePlot).figure.title.endswith("step 400")


async def test_q_closes_the_screen_mid_training_and_training_stops(gate):
    async with _Host().run_test(size=SIZES["wide"]) as pilot:
        await pilot.pause()
        screen = pilot.app.screen
        await pilot.press("q")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, CurvesScreen)
        gate.set()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.state.steps_trained < 400  # it stopped with the screen, after one more piece at most
    assert pilot.app.return_code in (None, 0)


async def test_a_small_terminal_keeps_the_boundary_beside_the_curve():
    async with _Host().run_test(size=SIZES["small"]) as pilot:
        await trained(pilot)
        screen = pilot.app.screen
        boundary, curves = screen.query_one("#boundary"), screen.query_one("#curves")
        assert boundary.region.height >= 12 and boundary.region.y == curves.region.y
        assert not screen.query_one("#flow").display  # the flow gives the boundary its rows
        assert screen.check_action("activation", ()) is None  # so `a` is dimmed, with nothing to switch


@pytest.mark.parametrize("size", SIZES)
def test_xor_curves_snapshot(snap_compare, size):
    """The xor lesson's loss-curve screen after 400 steps: the cost falling on a log axis from 0.14
    to 0.0085 and, beside it, the boundary at step 400: a band of ▒/▓ (output above ½) from (0, 1)
    to (1, 0) between two lighter ░ edges, blank corners at (0, 0) and (1, 1), the digits 0 and 1 on
    the four points. Under them: 'Step 400: 4 of 4 points … since step 200.' and the shading key.
    At 100×30 the run's legend is beside the plots and the gradient flow below; at 80×24 the flow is
    left out and the legend is one line under the plots."""

    async def run_before(pilot) -> None:
        await trained(pilot)

    assert snap_compare(_Host(), terminal_size=SIZES[size], run_before=run_before)
