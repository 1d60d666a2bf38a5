"""Lesson 09, softmax-cross-entropy: every number it asks recomputed here in plain NumPy (not by the
engine), what its texts claim about them, the slips it diagnoses, and the commands that print it."""

from __future__ import annotations

import json

import numpy as np
import pytest

from tutor.cli import main
from tutor.grading import check_step
from tutor.lessons import load_course
from tutor.lessons.practice import practice

LESSON = "softmax-cross-entropy"
ASKED = ["z1", "a1", "z2", "a2", "loss", "delta2", "dW2", "db2", "delta1", "mse_delta2", "ratio_wrong"]


@pytest.fixture(scope="module")
def lesson():
    return next(lesson for lesson in load_course().lessons if lesson.id == LESSON)


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def by_hand(network) -> dict[str, np.ndarray]:
    """The lesson's numbers, one example, written out as a learner computes them."""
    x, y = network.inputs[0], network.targets[0]
    (w1, b1), (w2, b2) = [(layer.weights, layer.biases) for layer in network.layers]
    z1 = w1 @ x + b1
    a1 = sigmoid(z1)
    z2 = w2 @ a1 + b2
    a2 = np.exp(z2) / np.sum(np.exp(z2))
    loss = -np.sum(y * np.log(a2))
    delta2 = a2 - y
    delta1 = (w2.T @ delta2) * a1 * (1 - a1)
    mse_delta2 = (sigmoid(z2) - y) * sigmoid(z2) * (1 - sigmoid(z2))
    return {"z1": z1, "a1": a1, "z2": z2, "a2": a2, "loss": loss, "delta2": delta2,
            "dW2": np.outer(delta2, a1), "db2": delta2, "delta1": delta1, "dW1": np.outer(delta1, x),
            "mse_delta2": mse_delta2, "ratio_wrong": delta2[0] / mse_delta2[0],
            "ratio_right": delta2[2] / mse_delta2[2]}


def test_every_asked_number_is_the_hand_computed_one(lesson):
    assert [step.ask for step in lesson.asked_steps()] == ASKED
    expected, solution = by_hand(lesson.network), lesson.solution()
    for name, value in expected.items():
        np.testing.assert_allclose(np.squeeze(solution[name].value), value, rtol=1e-12, atol=0, err_msg=name)


def test_the_lesson_s_numbers_are_the_ones_its_text_describes(lesson):
    numbers = by_hand(lesson.network)
    np.testing.assert_allclose(numbers["z2"], [3.431, 0.2789, -3.032], atol=5e-4)
    np.testing.assert_allclose(numbers["a2"], [0.9575, 0.04096, 0.001494], rtol=5e-4)
    assert numbers["loss"] == pytest.approx(6.506, abs=5e-4)
    assert numbers["ratio_wrong"] == pytest.approx(32.55, abs=5e-3)
    assert numbers["ratio_right"] == pytest.approx(23.85, abs=5e-3)


@pytest.mark.parametrize("seed", [None, *range(25)])
def test_what_the_text_says_holds_for_the_lesson_and_its_variants(lesson, seed):
    """The example is of the third class; the network is confidently wrong (first class > 0.9, the first
    z large and positive, the third large and negative); sigmoid + MSE's δ is under a tenth of
    cross-entropy's for the wrong unit and the right one; and the variant is still a one-hot lesson."""
    network = lesson.network if seed is None else practice(lesson, seed).network
    numbers = by_hand(network)
    np.testing.assert_array_equal(network.targets, [[0.0, 0.0, 1.0]])
    assert numbers["z2"][0] > 2 and numbers["z2"][2] < -2
    assert numbers["a2"][0] > 0.9
    assert numbers["ratio_wrong"] > 10 and numbers["ratio_right"] > 10
    # both δ's point the same way: the step lowers the wrong unit's z and raises the right one's
    assert np.all(np.sign(numbers["delta2"][[0, 2]]) == np.sign(numbers["mse_delta2"][[0, 2]]))
    if seed is not None:
        solution = practice(lesson, seed).solution()
        for name, value in numbers.items():
            np.testing.assert_allclose(np.squeeze(solution[name].value), value, rtol=1e-12, err_msg=name)


def test_the_jacobian_collapses_to_a_minus_y_on_the_lesson_s_numbers(lesson):
    numbers = by_hand(lesson.network)
    a, y = numbers["a2"], lesson.network.targets[0]
    jacobian = np.array([[a[i] * ((i == j) - a[j]) for j in range(3)] for i in range(3)])
    np.testing.assert_allclose(jacobian.T @ (-y / a), a - y, atol=1e-12)
    # the cross-entropy's derivative in z by finite differences, from the formula alone
    z, h = numbers["z2"], 1e-6
    cost = lambda z: -np.sum(y * (z - np.log(np.sum(np.exp(z)))))
    numeric = [(cost(z + h * np.eye(3)[j]) - cost(z - h * np.eye(3)[j])) / (2 * h) for j in range(3)]
    np.testing.assert_allclose(numeric, a - y, atol=1e-8)


def test_the_outro_s_experiment_moves_the_two_deltas_closer(lesson):
    """'make b₂ all zeros and watch the two δ's move closer together'."""
    from dataclasses import replace

    layers = (lesson.network.layers[0], replace(lesson.network.layers[1], biases=np.zeros(3)))
    calm = by_hand(replace(lesson.network, layers=layers))
    saturated = by_hand(lesson.network)
    assert 1 < calm["ratio_wrong"] < saturated["ratio_wrong"]
    assert 1 < calm["ratio_right"] < saturated["ratio_right"]


def typed(value) -> str:
    rows = np.atleast_2d(value)
    return "; ".join(", ".join(f"{v:.4g}" for v in row) for row in rows)


@pytest.mark.parametrize("ask, slip, mistake", [
    ("delta2", lambda n, y: y - n["a2"], "sign-flipped"),
    ("delta2", lambda n, y: n["a2"], "target-left-out"),
    ("delta2", lambda n, y: (n["a2"] - y) * n["a2"] * (1 - n["a2"]), "elementwise-softmax-derivative"),
    ("delta2", lambda n, y: -y / n["a2"], "gradient-at-output"),
    ("loss", lambda n, y: np.sum(y * np.log(n["a2"])), "sign-flipped"),
    ("loss", lambda n, y: -np.sum(y * np.log10(n["a2"])), "log-base-10"),
    ("loss", lambda n, y: -np.sum(np.log(n["a2"])), "every-unit-counted"),
    # a₃ is tiny, so a₁ + a₂ ≈ 1 and the binary cross-entropy gives what counting every unit gives: one message
    ("loss", lambda n, y: -np.sum(y * np.log(n["a2"]) + (1 - y) * np.log(1 - n["a2"])), "every-unit-counted"),
    ("loss", lambda n, y: -np.log(n["a2"][0]), "predicted-unit"),
    ("a2", lambda n, y: np.exp(n["z2"]), "softmax-not-normalised"),
    ("a2", lambda n, y: sigmoid(n["z2"]), "sigmoid-instead-of-softmax"),
    ("a2", lambda n, y: n["z2"] / n["z2"].sum(), "softmax-without-exp"),
    ("dW2", lambda n, y: np.outer(y - n["a2"], n["a1"]), "sign-flipped"),
    ("dW2", lambda n, y: np.outer((n["a2"] - y) * n["a2"] * (1 - n["a2"]), n["a1"]), "elementwise-softmax-derivative"),
    ("mse_delta2", lambda n, y: sigmoid(n["z2"]) - y, "lesson"),
    ("ratio_wrong", lambda n, y: 1 / n["ratio_wrong"], "lesson"),
])
def test_each_slip_is_diagnosed_from_what_it_really_gives(lesson, ask, slip, mistake):
    """The wrong value is computed here, as the slip would compute it, and typed to 4 figures."""
    numbers = by_hand(lesson.network)
    verdict = check_step(lesson, lesson.step_for(ask), typed(slip(numbers, lesson.network.targets[0])))
    assert verdict.status == "wrong" and verdict.mistake == mistake, verdict.feedback


def test_the_messages_name_the_term_to_fix(lesson):
    numbers, y = by_hand(lesson.network), lesson.network.targets[0]
    feedback = lambda ask, value: check_step(lesson, lesson.step_for(ask), typed(value)).feedback
    assert "a₂ − y, not y − a₂" in feedback("delta2", y - numbers["a2"])
    assert "drop the factor a₂(1 − a₂)" in feedback("delta2", (numbers["a2"] - y) * numbers["a2"] * (1 - numbers["a2"]))
    assert "∂C/∂a₂ = −y/a₂" in feedback("delta2", -y / numbers["a2"])
    assert "minus in front" in feedback("loss", np.sum(y * np.log(numbers["a2"])))
    assert "natural log" in feedback("loss", -np.sum(y * np.log10(numbers["a2"])))
    binary = -np.sum(y * np.log(numbers["a2"]) + (1 - y) * np.log(1 - numbers["a2"]))
    assert "binary cross-entropy" in feedback("loss", binary) and "only the target's units" in feedback("loss", binary)


def test_the_commands_print_the_lesson_as_json(capsys):
    assert main(["solve", LESSON, "--json"]) == 0
    solved = json.loads(capsys.readouterr().out)
    quantities = {name: np.array(value) for name, value in solved["quantities"].items()}
    np.testing.assert_allclose(quantities["delta2"], quantities["a2"] - quantities["y"], atol=1e-15)
    assert main(["check", LESSON, "delta2", "0.9575, 0.04096, -0.9985", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["correct"] is True
    assert main(["replay", LESSON, "--json"]) == 0
    runs = json.loads(capsys.readouterr().out)["runs"]
    losses = [step["loss"] for step in runs[0]["steps"]]
    assert losses[0] == pytest.approx(6.506, abs=5e-4) and losses[-1] < losses[0] / 10


def test_the_loss_curves_train_the_cross_entropy(lesson):
    from tutor.ui.models.curves import CurvesState

    state = CurvesState(lesson)
    state.train()
    (final,) = state.final_costs()
    assert np.isfinite(final) and final < 0.01 < 6.5
    # the lesson's (sigmoid hidden, softmax output), then tanh and relu in the hidden layer
    assert state.activations == [None, "tanh", "relu"] and state.activation_name() == "sigmoid (the lesson's)"
    for _ in state.activations:
        assert np.all(np.isfinite(state.flow())) and state.flow().shape == (2,)
        state.next_activation()
