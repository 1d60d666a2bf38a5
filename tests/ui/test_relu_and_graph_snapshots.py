"""Snapshots of the deep-relu and computational-graph lessons, each at a diagnosed wrong answer.

Update with `pytest tests/ui/test_relu_and_graph_snapshots.py --snapshot-update`, then look at the
pictures before accepting.
"""

from __future__ import annotations

from tutor.engine.formatting import format_value
from tutor.ui.app import create_app

from .test_snapshots import SMALL, WIDE, opened_at


def answered(lesson_id: str, key: str, answer: str):
    """A `run_before` that walks to step `key` of `lesson_id` and types `answer` there."""

    async def run_before(pilot) -> None:
        await opened_at(lesson_id, key)(pilot)
        await pilot.press(*answer, "enter")
        await pilot.pause()

    return run_before


def test_deep_relu_dead_unit_without_relu_prime(snap_compare):
    """δ₁ of the deep relu lesson answered as W₂ᵀδ₂ alone (-1.056, -0.792): '✗ Not right yet.' and
    the red-edged note 'relu′(z₁) is missing: … relu′(z₁) = 1 where z₁ > 0, else 0 (0 at the kink
    too).'; the step text quotes z_A = 1.1 and z_D = −1.2; the graph on the right has z₁ = 1.1, -1.2,
    a₁ = 1.1, 0 and δ₂ = -1.32, δ₃ = -0.88 filled in."""
    assert snap_compare(create_app(), terminal_size=WIDE,
                        run_before=answered("deep-relu", "delta1", format_value([-1.056, -0.792])))


def test_computational_graph_one_path_only(snap_compare):
    """∂o/∂x of the computational-graph lesson answered with the path through A alone (0.2846), at
    80×24: 'That is only the path through A. x is used twice: add the gradient that comes back
    through B, w_B · ∂o/∂z_B.' under the answer; the strip at the top has ∂o/∂n, ∂o/∂z₁ and the
    weights' gradients filled in."""
    assert snap_compare(create_app(), terminal_size=SMALL,
                        run_before=answered("computational-graph", "dL_da0", "0.2846"))
