"""Snapshot tests of the experiment and loss-curves screens (pytest-textual-snapshot).

Each screen is pushed on a bare host app. Update with
`pytest tests/ui/test_experiment_snapshots.py --snapshot-update`, then look at the SVGs in
`tests/ui/__snapshots__/test_experiment_snapshots/` before accepting. No picture is taken while the
replay is playing: every one is stepped with space, so no timer runs.
"""

from __future__ import annotations

from textual.app import App

from tutor.lessons import find_lesson
from tutor.ui.screens.curves import CurvesScreen
from tutor.ui.screens.experiment import ExperimentScreen

WIDE, SMALL = (100, 30), (80, 24)


class _Host(App):
    def __init__(self, make_screen):
        super().__init__()
        self.make_screen = make_screen

    def on_mount(self) -> None:
        self.push_screen(self.make_screen())


def experiment(rates=None) -> _Host:
    return _Host(lambda: ExperimentScreen(find_lesson("chain-rule"), rates))


def keys(*pressed: str):
    async def run_before(pilot) -> None:
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()  # the curves screen trains its runs in a thread
        await pilot.pause()
        for key in pressed:
            await pilot.press(key)
            await pilot.pause()
        await pilot.pause()

    return run_before


# Predict "past the target" and w₁ = 1.1, then step to the end.
PREDICTED_AND_REPLAYED = ("3", "1", ".", "1", "enter", *["space"] * 5)


def test_replay_finished_wide(snap_compare):
    """The chapter's replay after a right prediction, at step 5 of 5. Left: L against the step under
    the chapter's rule, a line for η = 0.2 above one for η = 0.1, both running away upwards past the
    flat target line at 5; legend 'η = 0.2', 'η = 0.1', 'target 5'. Right: the table, steps 0-5 with
    a row per rate, step 1 reading 1.1 1.9 3.2 6.58 1.248 for η = 0.2 and 0.8 1.7 2.6 4.92 0.0032 for
    η = 0.1. Notes: 'You said past the target: right.' with 3.5 → 6.58 and 4.92, and the rule's formula."""
    assert snap_compare(experiment(), terminal_size=WIDE, run_before=keys(*PREDICTED_AND_REPLAYED))


def test_replay_finished_small(snap_compare):
    """The same at 80×24: the plot full width on top, the table a strip under it showing the last
    steps (4 and 5), the prediction's verdict in the notes, a compact footer that fits."""
    assert snap_compare(experiment(), terminal_size=SMALL, run_before=keys(*PREDICTED_AND_REPLAYED))


def test_divergent_rate_wide(snap_compare):
    """Descent on the error (u) with η = 0.2 and 2.5, stepped to the end: η = 0.2 oscillates around
    the target; η = 2.5's line leaves through the top of the frame at step 0-1 and its legend says
    'η = 2.5 · diverged at step 3'. The table has '2.5 diverged' at step 3 and only η = 0.2 after it;
    the notes say 'η = 2.5 diverged at step 3: the values grew without bound; try a smaller η'."""
    assert snap_compare(experiment([0.2, 2.5]), terminal_size=WIDE, run_before=keys("u", *["space"] * 5))


def test_divergent_rate_small(snap_compare):
    """The divergent replay at 80×24: the plot is still drawn (η = 0.2's swings visible), the
    strip shows the last steps, and the divergence message is in the notes."""
    assert snap_compare(experiment([0.2, 2.5]), terminal_size=SMALL, run_before=keys("u", *["space"] * 5))


def test_both_rules_small(snap_compare):
    """Both rules (b) at 80×24 after three steps: two plots side by side, descent on the error on the
    left (the step shrinks near the target), the chapter's rule on the right (L runs away); the notes
    explain the error factor (L − target) in two sentences."""
    assert snap_compare(experiment(), terminal_size=SMALL, run_before=keys("u", "b", "space", "space", "space"))


def test_sweep_wide(snap_compare):
    """The learning-rate sweep under descent (u, w): final E against η from 0.001 to 10 on log axes,
    a deep dip near η ≈ 0.05 (the sweet spot), a vertical line with 'diverges →' near η ≈ 0.24 where
    the curve stops, the replay's η = 0.1 and 0.2 marked as points with their own legend entries; the
    notes give the lowest E, the edge and each of the replay's final costs."""
    assert snap_compare(experiment(), terminal_size=WIDE, run_before=keys("u", "w"))


def test_sweep_small(snap_compare):
    """The same sweep at 80×24: the plot's short title, the dip and the edge of divergence still
    readable, the notes wrapped over three lines."""
    assert snap_compare(experiment(), terminal_size=SMALL, run_before=keys("u", "w"))


def test_curves_wide(snap_compare):
    """The landscape's loss curves at 100×30: six lines on a log axis from 0.05 down to 0.0005 over
    400 steps; four SGD-like runs stay on the plateau near 0.03, RMSprop and Adam drop below 0.002.
    Beside it the legend with a coloured swatch, the label and the final cost of each run. Below,
    the gradient flow: five horizontal bars, layer 1 (δ¹ = 0.00032) shortest on top to δ⁵ = 0.15,
    on decades 0.0001 … 1, and the sentence 'layer 1 gets 0.216 % of the output layer's error term'."""
    app = _Host(lambda: CurvesScreen(find_lesson("the-landscape")))
    assert snap_compare(app, terminal_size=WIDE, run_before=keys())
