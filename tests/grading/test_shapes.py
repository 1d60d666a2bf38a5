"""Shape steps: reading a typed shape (hypothesis), the shape of every quantity, and why a shape is wrong."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tutor.engine.shapes import as_matrix, canonical, shape_of, written
from tutor.grading import check_step
from tutor.grading.shapes import ShapeError, parse_shape
from tutor.lessons import find_lesson

dimensions = st.lists(st.integers(1, 999), min_size=1, max_size=3).map(tuple)
separators = st.sampled_from(["x", "×", "X", ",", " by "])
spaces = st.sampled_from(["", " ", "  "])


@settings(max_examples=300, deadline=None)
@given(dimensions, separators, spaces, st.sampled_from(["{}", "({})", "[{}]"]), spaces)
def test_a_shape_reads_back_however_it_is_written(shape, separator, space, brackets, outside):
    body = f"{space}{separator}{space}".join(str(n) for n in shape)
    assert parse_shape(f"{outside}{brackets.format(body)}{outside}") == shape


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=20))
def test_any_text_is_a_shape_or_a_clear_error(text):
    try:
        shape = parse_shape(text)
    except ShapeError as error:
        assert "rows×columns" in error.message
        return
    assert 1 <= len(shape) <= 3 and all(n >= 1 for n in shape)


@settings(max_examples=200, deadline=None)
@given(dimensions)
def test_a_written_shape_reads_back_as_the_same_shape(shape):
    assert canonical(parse_shape(written(shape))) == canonical(shape)


def test_a_column_vector_is_its_length_and_a_row_is_not():
    assert canonical(parse_shape("3")) == canonical(parse_shape("3x1")) == canonical(parse_shape("(3,)")) == (3,)
    assert canonical(parse_shape("1x3")) == (1, 3)
    assert canonical(parse_shape("1")) == canonical(parse_shape("1 by 1")) == ()
    assert as_matrix((3,)) == (3, 1) and written(()) == "1×1"


@pytest.mark.parametrize("text", ["", "2x", "x3", "2.5x3", "0x2", "-2x3", "2x3x4x5", "2 * 3", "two by three", "(2, 3"])
def test_what_is_not_a_shape(text):
    with pytest.raises(ShapeError):
        parse_shape(text)


def test_every_quantity_of_the_matrix_lesson_has_the_chapter_s_shape():
    solution = find_lesson("matrix-form").solution()
    expected = {"a0": (2,), "y": (2,), "W1": (3, 2), "b1": (3,), "W2": (2, 3), "z1": (3,), "a2": (2,), "loss": (),
                "delta2": (2,), "dW2": (2, 3), "db2": (2,), "da1": (3,), "delta1": (3,), "dW1": (3, 2), "da0": (2,)}
    assert {name: shape_of(solution, name) for name in expected} == expected


def test_a_batch_has_a_row_per_example():
    solution = find_lesson("batch-matrix-form").solution()
    n = solution.network.examples
    assert n > 1
    assert shape_of(solution, "z1") == (n, solution.network.layers[0].units)
    assert shape_of(solution, "dW1") == solution.network.layers[0].weights.shape


@pytest.mark.parametrize("ask, answer, status, mistake, says", [
    ("shape(dW2)", "2x3", "correct", None, "Correct: ∂C/∂W₂ is 2×3."),
    ("shape(dW2)", "(2, 3)", "correct", None, ""),
    ("shape(dW2)", "2 by 3", "correct", None, ""),
    ("shape(dW2)", "3×2", "wrong", "shape-transposed", "3×2 is the shape of W₂ᵀ: rows and columns swapped."),
    ("shape(dW2)", "6", "wrong", "shape-entries", "6 is how many numbers ∂C/∂W₂ holds"),
    ("shape(dW2)", "2", "wrong", "shape-of-other", "2×1 is the shape of δ₂, not of ∂C/∂W₂."),
    ("shape(da1)", "3", "correct", None, ""),
    ("shape(da1)", "3x1", "correct", None, ""),
    ("shape(da1)", "1x3", "wrong", "shape-transposed", "a row; the chapter's vectors are columns"),
    ("shape(da1)", "2", "wrong", "weights-not-transposed", "W₂ δ₂ cannot even be formed (W₂ is 2×3, δ₂ is 2×1)"),
    ("shape(dW1)", "3 x 2", "correct", None, ""),
    ("shape(dW1)", "4x4", "wrong", None, "Not the shape of ∂C/∂W₁: it has one row per unit of layer 1 and one column per input."),
    ("shape(dW1)", "3.5", "unreadable", None, "is not a shape"),
])
def test_a_shape_step_is_graded_with_its_own_feedback(ask, answer, status, mistake, says):
    lesson = find_lesson("matrix-form")
    verdict = check_step(lesson, lesson.step_for(ask), answer)
    assert (verdict.status, verdict.mistake) == (status, mistake)
    assert says in verdict.feedback


def test_a_shape_step_is_answered_and_revealed_as_a_shape():
    lesson = find_lesson("matrix-form")
    step = lesson.step_for("shape(dW2)")
    assert step.asks_shape and not step.gives_value and step.name == "dW2"
    assert lesson.shown(step) == "2×3"
    assert lesson.symbol(step) == "shape of ∂C/∂W₂"
    np.testing.assert_array_equal(lesson.expected(step), [2, 3])
    assert lesson.question(step).startswith("What is the shape of ∂C/∂W₂, the gradient of C")
    hints = lesson.hints(step)
    assert hints[1] == "Follow the shapes through its formula, ∂C/∂W₂ = δ₂ a₁ᵀ." and len(hints) == 3
    assert hints[2] == "δ₂ is 2×1, a₁ is 3×1."
    assert not any("2×3" in hint for hint in hints)  # no hint states the answer
