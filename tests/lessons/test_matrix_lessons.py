"""The matrix-form lessons (07 matrix-form, 08 batch-matrix-form), every number recomputed with plain NumPy.

Lesson 07 is worked in the chapter's column form (z = W a + b, δ a column, ∂C/∂W = δ aᵀ) and lesson 08
in rows (Z = X Wᵀ + b, ∂C/∂W = (1/n) Δᵀ A, as tests/grading/test_diagnosis.py's `by_hand`), neither
with the engine, for the lesson's own numbers and
for practice variants. The two diagnoses the matrix form is about fire through `tutor check` and
through the app's grading (the session model), and the shapes asked are the shapes NumPy gives.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from tests.grading.test_diagnosis import by_hand
from tutor.cli import main
from tutor.engine.shapes import as_matrix
from tutor.lessons import find_lesson
from tutor.lessons.practice import practice
from tutor.progress import Progress
from tutor.ui.models.session import LessonSession


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def column_form(lesson) -> dict:
    """Lesson 07's one example, as the chapter writes it: columns."""
    net = lesson.network
    (W1, b1), (W2, b2) = [(layer.weights, layer.biases) for layer in net.layers]
    x, y, eta = net.inputs[0], net.targets[0], net.learning_rate
    z1 = W1 @ x + b1
    a1 = sigmoid(z1)
    z2 = W2 @ a1 + b2
    a2 = sigmoid(z2)
    delta2 = (a2 - y) * a2 * (1 - a2)
    da1 = W2.T @ delta2
    delta1 = da1 * a1 * (1 - a1)
    return {"z1": z1, "a1": a1, "z2": z2, "a2": a2, "loss": 0.5 * np.sum((y - a2) ** 2), "delta2": delta2,
            "dW2": np.outer(delta2, a1), "db2": delta2, "da1": da1, "delta1": delta1,
            "dW1": np.outer(delta1, x), "db1": delta1, "W2_new": W2 - eta * np.outer(delta2, a1),
            "shape(W2)": W2.shape, "shape(da1)": (da1.size, 1), "shape(dW2)": (delta2.size, a1.size),
            "shape(dW1)": (delta1.size, x.size)}


def row_form(lesson) -> dict:
    """Lesson 08's batch, rows for examples (the diagnosis tests' hand computation, plus the means)."""
    v = by_hand(lesson)
    n, eta, D2, D1, A1 = v["n"], v["eta"], v["delta2"], v["delta1"], v["a1"]
    return {"z1": v["z1"], "a1": A1, "z2": v["z2"], "a2": v["a2"], "loss": v["cost"], "delta2": D2,
            "dW2": v["dW2"], "db2": D2.mean(axis=0), "delta1": D1, "dW1": v["dW1"], "db1": D1.mean(axis=0),
            "W2_new": v["W2"] - eta * v["dW2"], "dW2_summed": D2.T @ A1, "W2_summed": v["W2"] - eta * (D2.T @ A1),
            "shape(z1)": v["z1"].shape, "shape(dW2)": v["dW2"].shape}


LESSONS = {"matrix-form": column_form, "batch-matrix-form": row_form}


def expected(lesson, key):
    step = lesson.step_for(key)
    return lesson.expected(step) if step.asks_shape else lesson.solution()[step.name].value


@pytest.mark.parametrize("seed", [None, 1, 2, 3])
@pytest.mark.parametrize("lesson_id", LESSONS)
def test_every_number_agrees_with_numpy(lesson_id, seed):
    lesson = find_lesson(lesson_id)
    lesson = lesson if seed is None else practice(lesson, seed)
    mine = LESSONS[lesson_id](lesson)
    asked = {step.ask for step in lesson.asked_steps()}
    assert asked <= set(mine), asked - set(mine)
    for key, value in mine.items():
        if key.startswith("shape("):
            np.testing.assert_array_equal(expected(lesson, key), as_matrix(value), err_msg=key)
        else:
            engine = lesson.solution()[key].value
            np.testing.assert_allclose(np.reshape(engine, np.shape(value)), value, rtol=1e-12, atol=1e-15, err_msg=key)


def test_the_lessons_own_numbers_as_the_text_quotes_them():
    lesson = find_lesson("matrix-form")
    assert "W₂ = [0.4, −0.5, 0.3; −0.2, 0.6, 0.5]" in lesson.intro.replace("W_2", "W₂")
    batch = find_lesson("batch-matrix-form")
    why = next(step for step in batch.steps if step.title == "Why the 1/n")
    summed = row_form(batch)["dW2_summed"]
    assert f"{summed[0, 0]:.4g}".replace("-", "−") in why.text


def check(capsys, lesson_id, ask, answer) -> dict:
    code = main(["check", lesson_id, ask, answer, "--json"])
    verdict = json.loads(capsys.readouterr().out)
    assert code == (0 if verdict["correct"] else 1)
    return verdict


def typed(array) -> str:
    array = np.atleast_2d(array)
    return "; ".join(", ".join(f"{v:.6g}" for v in row) for row in array)


MATRIX_SLIPS = [  # (ask, the slip's number from column_form's values, the code it must get)
    ("dW2", lambda v: np.outer(v["a1"], v["delta2"]), "weights-not-transposed"),  # a δᵀ for δ aᵀ
    ("dW1", lambda v: np.outer(np.array([1.0, 2.0]), v["delta1"]), "weights-not-transposed"),
    ("da1", lambda v: find_lesson("matrix-form").network.layers[1].weights * v["delta2"][:, None],
     "elementwise-for-matrix-product"),  # W₂ ⊙ δ₂, never summed
    ("delta1", lambda v: np.sum(v["da1"] * v["a1"] * (1 - v["a1"])), "dot-for-elementwise"),
    ("delta1", lambda v: np.outer(v["da1"], v["a1"] * (1 - v["a1"])), "outer-for-elementwise"),
    ("delta2", lambda v: np.sum((v["a2"] - np.array([1.0, 0.0])) * v["a2"] * (1 - v["a2"])), "dot-for-elementwise"),
]


@pytest.mark.parametrize("ask, slip, code", MATRIX_SLIPS)
def test_the_matrix_form_s_slips_are_named_by_tutor_check_and_by_the_app(capsys, ask, slip, code):
    lesson = find_lesson("matrix-form")
    answer = typed(slip(column_form(lesson)))
    verdict = check(capsys, "matrix-form", ask, answer)
    assert verdict["mistake"] == code and verdict["status"] == "wrong", verdict["feedback"]
    session = LessonSession(lesson, Progress())
    while session.step is None or session.step.key != ask:
        session.next()
    in_app = session.check(answer)
    assert in_app.mistake == code and in_app.feedback == verdict["feedback"]
    assert session.state.status == "attempted"  # a slip, not a typo: it counts


def test_w_not_transposed_is_named_on_a_shape_step(capsys):
    assert check(capsys, "matrix-form", "shape(da1)", "2x1")["mistake"] == "weights-not-transposed"
    verdict = check(capsys, "matrix-form", "shape(dW2)", "3x2")
    assert verdict["mistake"] == "shape-transposed" and "W₂ᵀ" in verdict["feedback"]
    assert check(capsys, "matrix-form", "shape(dW2)", "(2, 3)")["correct"]


def test_the_batch_sum_for_the_mean_is_named(capsys):
    lesson = find_lesson("batch-matrix-form")
    v = row_form(lesson)
    verdict = check(capsys, "batch-matrix-form", "dW2", typed(v["dW2_summed"]))
    assert verdict["mistake"] == "factor-n" and "sum over the 3 examples" in verdict["feedback"]
    verdict = check(capsys, "batch-matrix-form", "delta2", typed(v["delta2"] / 3))
    assert verdict["mistake"] == "factor-n"


def test_solve_lists_the_shapes_asked(capsys):
    assert main(["solve", "matrix-form", "--json"]) == 0
    solved = json.loads(capsys.readouterr().out)
    assert solved["shapes"] == {"shape(W2)": [2.0, 3.0], "shape(da1)": [3.0, 1.0], "shape(dW2)": [2.0, 3.0],
                                "shape(dW1)": [3.0, 2.0]}
    assert main(["solve", "batch-matrix-form"]) == 0
    assert "shape(z1)   shape of z₁: 3×2" in capsys.readouterr().out
