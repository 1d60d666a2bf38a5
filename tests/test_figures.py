"""Figures over any data: every plot the app draws is built and drawn by plotext without an error.

Flat, tiny, huge, negative, NaN and infinite values, one point, an empty series: `Figure.ready`
must give limits and ticks plotext can draw, with every tick inside its limits, and `draw` must
build a picture (regression: a narrow range left no y tick, and thinning the ticks crashed).
"""

from __future__ import annotations

import math

import numpy as np
import plotext
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tutor.engine import Layer, Network, sweep, sweep_rates
from tutor.figures import Figure, Series, decade_ticks, draw, nice_ticks, step_ticks, sweep_figure

VALUES = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True, width=64),
    st.floats(-1e-9, 1e-9),
    st.sampled_from([0.0, 1.0, -1.0, 1e300, -1e300, 1e-300, 0.0287, 0.02870001]),
)
SERIES = st.lists(VALUES, min_size=0, max_size=12)


def drawn(figure: Figure, rows: int = 12) -> str:
    plotext.clf()
    plotext.plotsize(60, rows)
    ready = figure.ready(rows)
    for ticks, limits in ((ready.xticks, ready.xlim), (ready.yticks, ready.ylim)):
        assert all(math.isfinite(v) for v in limits) and limits[0] < limits[1]
        low, high = limits
        slack = 1e-9 * max(abs(low), abs(high), 1.0)
        assert all(low - slack <= p <= high + slack for p in ticks[0])
    # plotext draws very far outside its limits slowly: the screens clip lines first, and so does this
    clipped = [Series(s.label, s.x, list(np.clip(np.asarray(s.y, dtype=float), *ready.ylim)), s.color, s.kind)
               for s in ready.series]
    draw(plotext, Figure(**{**ready.__dict__, "series": clipped}))
    return plotext.build()


@settings(max_examples=150, deadline=None)
@given(st.lists(SERIES, min_size=1, max_size=4), st.integers(4, 30))
def test_any_lines_can_be_drawn(columns, rows):
    series = [Series(f"run {i}", list(range(len(ys))), ys) for i, ys in enumerate(columns)]
    assert isinstance(drawn(Figure(title="cost", series=series), rows), str)


@pytest.mark.parametrize("ys", [[0.0287] * 400, [0.0287, 0.02870001], [5.0], [], [1e-12, 2e-12],
                                [-3.0, -3.0], [math.nan, 1.0], [math.inf, 1.0, -math.inf], [1e25, 1e-5]])
def test_awkward_data(ys):
    assert "cost" in drawn(Figure(title="cost", series=[Series("a", list(range(len(ys))), ys)]), rows=8)


def test_a_flat_curve_in_a_short_plot_regression():
    """tutor → ↓ ↓ → l: the cost lesson's curve is nearly flat; no y tick fell inside it and the app exited."""
    figure = Figure(series=[Series("full batch", [0, 1, 2], [0.3125, 0.31249, 0.31248])])
    ready = figure.ready(rows=6)
    assert ready.yticks is not None
    drawn(figure, rows=6)


@given(st.floats(-400, 400), st.floats(-400, 400), st.integers(1, 12))
def test_nice_ticks_are_inside_and_ordered(low, high, count):
    low, high = min(low, high), max(low, high)
    positions, labels = nice_ticks(low, high, count)
    assert len(positions) == len(labels) >= 1
    assert positions == sorted(positions)


@given(st.integers(0, 100_000))
def test_step_ticks_are_whole_and_within(steps):
    positions, labels = step_ticks(steps)
    assert positions[0] == 0 and positions[-1] <= steps and labels == [str(int(p)) for p in positions]


def test_decade_ticks_use_one_format_per_axis():
    assert decade_ticks(-2, 2)[1] == ["0.01", "0.1", "1", "10", "100"]
    labels = decade_ticks(-2, 25)[1]
    assert all(label.startswith("1e") for label in labels) and "1e+05" in decade_ticks(0, 10)[1]
    assert decade_ticks(-4, 5)[1][0] == "0.0001"
    assert decade_ticks(math.nan, 1.0) == ([], [])


def test_a_sweep_that_diverges_draws():
    network = Network((Layer([[0.5]], [1.0], "identity"), Layer([[1.5]], [0.5], "identity")), [[2.0]], [[5.0]], 0.2)
    rates = sweep_rates([0.1, 0.2])
    figure = sweep_figure(sweep(network, rates, 50), sweep(network, [0.1, 0.2], 50), "E")
    assert "diverges" in drawn(figure, rows=16)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(VALUES, min_size=3, max_size=3), min_size=2, max_size=5), st.integers(4, 30))
def test_a_decision_boundary_over_any_outputs_is_drawn(rows, height):
    """Outputs outside (0, 1), NaN and infinite included: every finite cell above ¼ is in one band."""
    from types import SimpleNamespace

    from tutor.figures import boundary_figure

    outputs = np.array(rows, dtype=float)
    grid = SimpleNamespace(xs=np.linspace(-0.5, 1.5, 3), ys=np.linspace(-0.5, 1.5, len(rows)), outputs=outputs)
    inputs, targets = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]), np.array([[0.0], [1.0], [1.0], [0.0]])
    figure = boundary_figure(grid, inputs, targets)
    with np.errstate(invalid="ignore"):
        assert sum(len(s.x) for s in figure.series[:-2]) == int((outputs > 0.25).sum())
    assert [s.marker for s in figure.series[-2:]] == ["0", "1"]
    assert isinstance(drawn(figure, height), str)
