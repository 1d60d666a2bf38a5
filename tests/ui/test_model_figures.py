"""The curves and experiment models build a drawable figure, and their sentences, from any numbers.

The loss-curves screen (`CurvesState`) and the experiment screen (`ExperimentState`, `RateSweep`)
turn training runs into figures. Here their runs are replaced by any data a run could hold and some
it should not: flat, tiny, huge, negative, NaN and infinite costs, one step, a run with nothing
finite, rates that diverge at any step. Every figure must pass `Figure.ready` and be drawn by plotext
(`drawn`, from tests/test_figures.py), and the summaries under the plots must be built. Regression:
`tutor`, ↓ ↓, l crashed in a figure of this kind (issue 9).
"""

from __future__ import annotations

import dataclasses
import math
from types import SimpleNamespace

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tutor.engine import Sweep, sweep_rates
from tutor.lessons import load_course
from tutor.ui.models.curves import CurvesState
from tutor.ui.models.experiment import ExperimentState
from tutor.ui.models.experiment.sweep import RateSweep

from tests.test_figures import VALUES, drawn

COURSE = {lesson.id: lesson for lesson in load_course().lessons}
ANY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
POSITIVE = st.one_of(st.floats(0, 1e300), st.sampled_from([0.0, 1e-300, 1e-12, 0.0287, 1.0, 1e25, math.inf, math.nan]))


def costs(steps: int) -> st.SearchStrategy[list[float]]:
    """One run's cost at steps 0..steps: anything, or all the same value."""
    return st.one_of(st.lists(VALUES, min_size=steps + 1, max_size=steps + 1),
                     VALUES.map(lambda value: [value] * (steps + 1)))


@st.composite
def runs(draw) -> list:
    """Training runs as `CurvesState.curves` holds them: (its spec, its result), 0 to 4 of them."""
    steps = draw(st.integers(0, 30))
    count = draw(st.integers(0, 4))
    return [(SimpleNamespace(label=f"run {number}"), SimpleNamespace(loss=np.array([draw(costs(steps))]), steps=steps))
            for number in range(count)]


@ANY
@given(runs(), st.integers(4, 24))
def test_loss_curves_of_any_runs_are_drawn(curves, rows):
    state = CurvesState(COURSE["cost-function"])
    state.curves = curves
    drawn(state.curves_figure(), rows)
    assert isinstance(state.curves_summary(), str)
    assert len(state.final_costs()) == len(curves)


@ANY
@given(st.lists(st.lists(POSITIVE, min_size=2, max_size=2), min_size=4, max_size=4), st.integers(0, 3))
def test_gradient_flow_of_any_size_is_drawn(flows, shown):
    """Mean |δˡ| per layer for each activation (the cost lesson has two layers): zero, tiny, huge, inf, NaN."""
    state = CurvesState(COURSE["cost-function"])
    state.flows = {name: np.array(values) for name, values in zip(state.activations, flows)}
    state.shown = shown % len(state.activations)
    drawn(state.flow_figure(), rows=len(state.lesson.network.layers) + 4)
    assert isinstance(state.flow_summary(), str)


@st.composite
def replays(draw, rates: int, steps: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A replay's numbers for `rates` rates: outputs, costs, and the step each diverged at (or −1)."""
    outputs = np.array([draw(costs(steps)) for _ in range(rates)]).reshape(rates, steps + 1, 1, 1)
    loss = np.array([draw(costs(steps)) for _ in range(rates)])
    diverged_at = np.array([draw(st.one_of(st.just(-1), st.integers(1, max(steps, 1)))) for _ in range(rates)])
    return outputs, loss, diverged_at


@pytest.mark.parametrize("lesson_id", ["chain-rule", "two-layer-sigmoid"])
@ANY
@given(data=st.data())
def test_replay_of_any_run_is_drawn(lesson_id, data):
    """chain-rule plots its one output against the target; two-layer-sigmoid plots its cost."""
    state = ExperimentState(COURSE[lesson_id])
    experiment = state.experiment()
    steps = state.steps
    outputs, loss, diverged_at = data.draw(replays(len(state.rates), steps))
    shape = experiment.result.outputs.shape
    outputs = np.broadcast_to(outputs, shape[:2] + outputs.shape[2:]) if shape[2:] == (1, 1) else experiment.result.outputs
    experiment.result = dataclasses.replace(experiment.result, outputs=np.array(outputs), loss=loss,
                                            diverged_at=diverged_at)
    state.step = data.draw(st.integers(0, steps))
    drawn(state.figure(), rows=data.draw(st.integers(6, 30)))
    assert isinstance(state.outcome(), str) and isinstance(state.divergences(), list)


def swept(draw, rates: np.ndarray) -> Sweep:
    """Any final costs for `rates`, each diverged (at any step) or not."""
    final = np.array(draw(st.lists(POSITIVE, min_size=rates.size, max_size=rates.size)))
    diverged_at = np.array(draw(st.lists(st.integers(-1, 50), min_size=rates.size, max_size=rates.size)))
    return Sweep(rates, np.where(diverged_at >= 0, np.inf, final), diverged_at)


@ANY
@given(st.lists(st.floats(1e-6, 1e6), min_size=1, max_size=3, unique=True), st.integers(6, 30), st.data())
def test_a_sweep_of_any_costs_is_drawn(rates, rows, data):
    """The rates are the replay's own and those swept around them (`sweep_rates`); their costs are anything."""
    yours = np.sort(np.array(rates))
    rate_sweep = RateSweep("descent", tuple(rates), 20, "C", swept(data.draw, sweep_rates(yours)), swept(data.draw, yours),
                           data.draw(POSITIVE))
    drawn(rate_sweep.figure(), rows)
    assert rate_sweep.summary().startswith("Lowest C after 20 steps")
