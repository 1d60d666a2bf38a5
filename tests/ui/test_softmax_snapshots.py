"""Snapshot tests of lesson 09, softmax-cross-entropy (a file of its own: the course-wide pictures
change whenever a lesson is added, these only when this lesson does).

Update with `pytest tests/ui/test_softmax_snapshots.py --snapshot-update`, then look at the pictures.
"""

from __future__ import annotations

from tutor.engine.formatting import format_value
from tutor.ui.app import create_app

from .test_snapshots import SMALL, WIDE, opened_at


def test_softmax_delta_with_an_elementwise_derivative(snap_compare):
    """δ₂ answered as (a₂ − y) ⊙ a₂(1 − a₂): the question 'Compute δ₂ = a₂ − y, all three entries.',
    '✗ Not right yet.' and the red-edged diagnosis 'You multiplied by a₂(1 − a₂), as if softmax acted
    on each unit alone. … drop the factor a₂(1 − a₂).'; the graph has z₁, a₁, z₂, a₂ and C = 6.506
    filled in (from the rounded answers typed on the way: a₂ = 0.9576, 0.04095, 0.001494), δ₂ '?'."""

    async def run_before(pilot) -> None:
        await opened_at("softmax-cross-entropy", "delta2")(pilot)
        values = pilot.app.screen.session.lesson.solution()
        a, y = values["a2"].value, values["y"].value
        await pilot.press(*format_value((a - y) * a * (1 - a)), "enter")
        await pilot.pause()

    assert snap_compare(create_app(), terminal_size=WIDE, run_before=run_before)


def test_softmax_side_by_side_at_80_columns(snap_compare):
    """At 80×24, the last page: 'Why sigmoid + MSE learns slowly', 'Side by side, the δ₂ of each output
    unit …' and a table of the units '1, wrong', 2, '3, right' with z₂ (3.431, 0.2789, −3.032), δ₂ of
    softmax + CE (0.9575, 0.04096, −0.9985) and of sigmoid + MSE (0.02942, 0.1396, −0.04187), one row each;
    the strip above shows δ₂ (sigmoid + MSE) and r = 32.56 (from the rounded answers) filled in."""
    assert snap_compare(create_app(), terminal_size=SMALL, run_before=opened_at("softmax-cross-entropy", "page-14"))
