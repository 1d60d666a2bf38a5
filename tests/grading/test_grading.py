"""Grading typed answers: every status, shapes, feedback that teaches without giving the answer away."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tutor.grading import STATUSES, Tolerance, Verdict, grade


@pytest.mark.parametrize(("answer", "expected", "status"), [
    ("0.123", 0.1234, "correct"),
    ("0.1234", 0.1234, "correct"),
    ("0.12", 0.1234, "too-rounded"),
    ("0.1", 0.1234, "too-rounded"),
    ("0.125", 0.1234, "close"),
    ("0.120", 0.1234, "close"),
    ("0.2", 0.1234, "wrong"),
    ("-0.1234", 0.1234, "wrong"),
    ("0", 0.0, "correct"),
    ("0.0004", 0.0, "wrong"),  # the quantity 0 has no size to be judged against: only 0 is right
    ("0", 0.0003, "wrong"),  # 0 is never right for a value that is not 0, however small
    ("0.0003", 0.0003, "correct"),
    ("4", 3.5, "too-rounded"),  # half away from zero
    ("2", 2.5, "too-rounded"),  # half to even
    ("3", 3.5, "close"),  # not a rounding of 3.5 in any convention: cut off
    ("0.000301", 0.0003, "correct"),
    ("0.000302", 0.0003, "close"),
    ("0", 0.3, "wrong"),
    ("1", 1.4, "too-rounded"),
    ("1.00", 1.005, "correct"),
    ("1230", 1234.5, "correct"),
    ("1.5*2", 3.0, "correct"),
    ("3/4", 0.75, "correct"),
    ("exp(-1)", 0.36787944, "correct"),
    ("-(5-3.5)", -1.5, "correct"),
    ("1/3", 0.3334, "correct"),
    ("0.33", 1 / 3, "too-rounded"),
    ("0.3", 1 / 3, "too-rounded"),
    ("0.34", 1 / 3, "close"),
    ("1/3", 0.3, "wrong"),  # an expression is never "too rounded": nothing was typed rounded
    ("0.332", 1 / 3, "correct"),
    ("0.331", 1 / 3, "close"),
    ("abc", 1.0, "unreadable"),
    ("", 1.0, "unreadable"),
    ("1/0", 1.0, "unreadable"),
    ("0.1, 0.2", 0.1, "wrong-shape"),
])
def test_statuses(answer, expected, status):
    verdict = grade(answer, expected)
    assert verdict.status == status, verdict.feedback
    assert verdict.correct == (status == "correct")
    assert verdict.status in STATUSES
    assert verdict.answer == answer
    assert verdict.feedback


def test_correct_feedback_states_the_rule():
    verdict = grade("0.123", 0.1234)
    assert verdict.feedback == "Correct (to 3 significant figures)."
    assert grade("0.12", 0.1234, Tolerance(sig_figs=2)).feedback == "Correct (to 2 significant figures)."


def test_too_rounded_is_told_not_called_wrong():
    verdict = grade("0.12", 0.1234)
    assert verdict.feedback == "Right, but rounded too much: 0.12 needs 3 significant figures, e.g. 0.123."
    assert not verdict.correct
    assert "wrong" not in verdict.feedback.lower()


def test_too_rounded_in_a_vector_names_the_entry():
    verdict = grade("0.5, 0.12", [0.5, 0.1234])
    assert verdict.status == "too-rounded"
    assert "[1]" in verdict.feedback and "0.123" in verdict.feedback
    assert verdict.wrong_elements == ((1,),)


def test_close_feedback():
    verdict = grade("0.125", 0.1234)
    assert verdict.feedback == ("Close, but not within 3 significant figures; did you round a value "
                                "along the way? Keep more digits.")


def test_wrong_feedback_does_not_reveal_the_answer():
    for expected in (0.1234, 0.6225, 12.5):
        verdict = grade("7", expected)
        assert verdict.status == "wrong"
        assert "not right" in verdict.feedback.lower()
        for shown in (str(expected), f"{expected:.3g}", f"{expected:.2g}"):
            assert shown not in verdict.feedback


def test_wrong_sign_is_pointed_out():
    assert "sign" in grade("-0.5", 0.5).feedback
    assert "Check the sign" not in grade("0.7", 0.5).feedback


def test_wrong_names_the_quantity():
    assert "dW2" in grade("7", 0.5, quantity="dW2").feedback


def test_vector_answers():
    expected = np.array([0.1, 0.2, 0.3])
    assert grade("0.1, 0.2, 0.3", expected).correct
    assert grade("[0.1, 0.2, 0.3]", expected).correct
    assert grade("0.1; 0.2; 0.3", expected).correct  # a column for a row vector: same entries
    verdict = grade("0.1, 0.9, 0.3", expected)
    assert verdict.status == "wrong"
    assert verdict.wrong_elements == ((1,),)
    assert "[1]" in verdict.feedback
    assert "0.2" not in verdict.feedback


@pytest.mark.parametrize("shape", [(3,), (1, 3), (3, 1)])
def test_vectors_of_any_orientation_match_a_flat_list(shape):
    expected = np.array([1.0, 2.0, 3.0]).reshape(shape)
    for answer in ("1, 2, 3", "1; 2; 3", "[[1, 2, 3]]"):
        assert grade(answer, expected).correct, (answer, shape)
    verdict = grade("1, 5, 3", expected)
    assert verdict.wrong_elements == ((1,),)


def test_matrix_answers():
    expected = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    assert grade("1, 2, 3; 4, 5, 6", expected).correct
    assert grade("[[1, 2, 3], [4, 5, 6]]", expected).correct
    verdict = grade("1, 2, 3; 4, 9, 7", expected)
    assert verdict.status == "wrong"
    assert verdict.wrong_elements == ((1, 1), (1, 2))
    assert "[1,1]" in verdict.feedback and "[1,2]" in verdict.feedback
    assert "[0,0]" not in verdict.feedback


def test_every_entry_wrong():
    verdict = grade("9, 9; 9, 9", [[1.0, 2.0], [3.0, 4.0]])
    assert verdict.status == "wrong"
    assert len(verdict.wrong_elements) == 4
    assert "none of the 4 entries" in verdict.feedback


def test_matrix_close():
    verdict = grade("1, 2; 3, 4.1", [[1.0, 2.0], [3.0, 4.0]])
    assert verdict.status == "close"
    assert "[1,1]" in verdict.feedback


@pytest.mark.parametrize("expected", [0.5, np.array(0.5), np.array([0.5]), np.array([[0.5]])])
@pytest.mark.parametrize("answer", ["0.5", "[0.5]", "[[0.5]]", "1/2"])
def test_size_one_answers_match_any_size_one_expected(answer, expected):
    verdict = grade(answer, expected)
    assert verdict.correct
    assert verdict.wrong_elements == ()


@pytest.mark.parametrize(("answer", "expected", "words"), [
    ("1, 2", [1.0, 2.0, 3.0], ["Expected 3 numbers separated by commas", "you wrote 2 numbers"]),
    ("1, 2, 3", [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]],
     ["Expected 2 rows of 3 numbers (write rows separated by ;)", "you wrote 3 numbers"]),
    ("1, 2; 3, 4", [1.0, 2.0, 3.0, 4.0], ["Expected 4 numbers", "you wrote 2 rows of 2 numbers"]),
    ("1, 2; 3, 4", [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], ["2 rows of 3 numbers"]),
    ("1, 2", 0.5, ["Expected a single number"]),
    ("0,5", 0.5, ["a point"]),
    ("0.5", [0.5, 0.5], ["Expected 2 numbers", "you wrote a single number"]),
])
def test_wrong_shape(answer, expected, words):
    verdict = grade(answer, expected)
    assert verdict.status == "wrong-shape"
    assert verdict.value is not None
    for word in words:
        assert word in verdict.feedback


def test_wrong_shape_names_the_quantity():
    verdict = grade("1, 2", [[1.0, 2.0], [3.0, 4.0]], quantity="dW2")
    assert verdict.feedback.startswith("dW2 is 2 rows of 2 numbers")


def test_unreadable_gives_the_reader_s_advice():
    verdict = grade("2(3)", 6.0)
    assert verdict.status == "unreadable"
    assert verdict.value is None
    assert verdict.feedback == "write * between '2' and '(' (column 2): 2*(3)"
    assert "type a number" in grade("", 1.0).feedback


def test_answers_cannot_use_names():
    verdict = grade("W1", 1.0)
    assert verdict.status == "unreadable"
    assert "unknown name 'W1'" in verdict.feedback


def test_tolerance_rule():
    tolerance = Tolerance()
    assert tolerance.sig_figs == 3
    accepted = tolerance.accepts(np.array([0.123, 0.124, 0.125, 0.0004]), np.array([0.1234, 0.1234, 0.1234, 0.0]))
    assert accepted.tolist() == [True, True, False, True]  # 0.0004 is within 0.5 % of the largest entry
    assert accepted.dtype == bool
    assert "3 significant figures" in tolerance.describe() and "0.5 %" in tolerance.describe()
    assert "2 significant figures" in Tolerance(sig_figs=2).describe()


def test_zero_is_never_right_for_a_small_value():
    tolerance = Tolerance()
    for value in (0.0004, -3e-7, 1e-12, 2.5e-5):
        assert not tolerance.accepts(0.0, value)
        assert tolerance.accepts(value * 1.004, value)
        assert not tolerance.accepts(value * 1.006, value)


def test_a_zero_entry_is_judged_against_the_scale_of_its_quantity():
    tolerance = Tolerance()
    assert tolerance.accepts(0.004, 0.0, scale=1.0)
    assert not tolerance.accepts(0.006, 0.0, scale=1.0)
    assert not tolerance.accepts(1e-6, 0.0, scale=0.0)
    assert tolerance.accepts(0.0, 0.0, scale=0.0)
    assert tolerance.accepts(0.0, 1e-17, scale=1.0)  # float noise around a zero


@settings(max_examples=500, deadline=None)
@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False).filter(lambda v: abs(v) > 1e-3),
       st.integers(min_value=3, max_value=6))
def test_rounding_to_enough_significant_figures_is_always_correct(value, digits):
    typed = f"{value:.{digits}g}"
    verdict = grade(typed, value)
    assert verdict.correct, (typed, value, verdict.feedback)


def test_to_json():
    verdict = grade("0.12", 0.1234)
    data = verdict.to_json()
    assert set(data) == {"answer", "correct", "status", "expected", "value", "feedback", "mistake"}
    assert data["mistake"] is None
    assert data["expected"] == 0.1234 and data["value"] == 0.12
    assert data["correct"] is False and data["status"] == "too-rounded"
    json.dumps(data)

    matrix = grade("1, 2; 3, 5", np.array([[1.0, 2.0], [3.0, 4.0]])).to_json()
    assert matrix["expected"] == [[1.0, 2.0], [3.0, 4.0]]
    assert matrix["value"] == [[1.0, 2.0], [3.0, 5.0]]
    json.dumps(matrix)

    unreadable = grade("((", 1.0).to_json()
    assert unreadable["value"] is None and unreadable["correct"] is False
    assert grade("1", np.array([[1.0]])).to_json()["expected"] == 1.0
    assert json.loads(json.dumps(grade("1", float("nan")).to_json()))["expected"] is None


def test_verdict_is_frozen():
    verdict = grade("1", 1.0)
    assert isinstance(verdict, Verdict)
    with pytest.raises(AttributeError):
        verdict.status = "wrong"  # type: ignore[misc]


_EXPECTED = st.sampled_from([
    0.0, 0.1234, -2.5, 1e6, 1e-6, np.array([0.1, 0.2]), np.array([[1.0, 2.0], [3.0, 4.0]]),
    np.array([[0.5]]), np.array([[1.0], [2.0], [3.0]]),
])


@settings(max_examples=3000, deadline=None)
@given(st.one_of(st.text(max_size=320), st.text(alphabet="0123456789.,;+-*/^()[]eE σ", max_size=60)), _EXPECTED)
def test_grade_never_raises(answer, expected):
    verdict = grade(answer, expected)
    assert verdict.status in STATUSES
    assert isinstance(verdict.feedback, str) and verdict.feedback
    json.dumps(verdict.to_json(), allow_nan=False)
