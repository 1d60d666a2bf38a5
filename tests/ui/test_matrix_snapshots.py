"""Snapshots of the matrix-form lessons: a shape step, Wᵀδ flowing back in the graph, the batch's mean.

Update with `pytest tests/ui/test_matrix_snapshots.py --snapshot-update`, then look at the pictures.
"""

from __future__ import annotations

import numpy as np

from tutor.ui.app import create_app

from .test_snapshots import SMALL, WIDE, opened_at


def test_matrix_shape_step_transposed(snap_compare):
    """Lesson 07 at the shape of ∂C/∂W₂, answered 3x2: the red '✗ Not right yet.' and the note
    '3×2 is the shape of W₂ᵀ: rows and columns swapped. ∂C/∂W₂ has one row per unit of layer 2 and
    one column per unit of layer 1.'; in the graph's 'Also asked', 'shape of W₂ 2×3' and 'shape of
    ∂C/∂a₁ 3×1' answered, '▶ shape of ∂C/∂W₂ ?' marked."""
    run_before = opened_at("matrix-form", "shape(dW2)")
    assert snap_compare(create_app(), terminal_size=WIDE, run_before=run_before, press=[*"3x2", "enter"])


def test_matrix_gradient_sent_back(snap_compare):
    """Lesson 07 at ∂C/∂a₁ = W₂ᵀδ₂: the graph shows x, z₁ (3 units) with δ₁ '?', a₁ with '▶ ∂C/∂a₁'
    and three '?' beside it, z₂ (2 units) with δ₂ filled in, a₂ and C; the step text on column k of W₂."""
    assert snap_compare(create_app(), terminal_size=WIDE, run_before=opened_at("matrix-form", "da1"))


def test_matrix_small_terminal(snap_compare):
    """Lesson 07 at 80×24 at δ₁: the compact strip x → z₁ → a₁ → z₂ → a₂ → C, and 'backward:' δ₂,
    ∂C/∂a₁ filled in and ▶ δ₁ ?, ?, ? — the gradient flowing back from layer to layer."""
    assert snap_compare(create_app(), terminal_size=SMALL, run_before=opened_at("matrix-form", "delta1"))


def test_batch_gradient_summed_not_averaged(snap_compare):
    """Lesson 08 at ∂C/∂W₂ answered with the sum over the three examples: the diagnosis 'That is the
    sum over the 3 examples; ∂C/∂W₂ is their mean: divide by n.'; the graph shows z₁, a₁ with three
    rows of values per unit (one per example)."""

    async def run_before(pilot) -> None:
        await opened_at("batch-matrix-form", "dW2")(pilot)
        values = pilot.app.screen.session.lesson.solution()
        summed = 3 * np.asarray(values["dW2"].value)[0]
        await pilot.press(*", ".join(f"{v:.4g}" for v in summed), "enter")
        await pilot.pause()

    assert snap_compare(create_app(), terminal_size=WIDE, run_before=run_before)
