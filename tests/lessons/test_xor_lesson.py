"""The xor lesson's numbers, recomputed here in plain NumPy (not through the engine), and its claims.

The four points and the starting weights are read from the lesson's TOML file itself; everything the
steps ask, the texts quote and the outro claims (all four points right from step 200 of full-batch
descent with η = 3) is computed by hand-written code below and compared with what the lesson says.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import numpy as np
import pytest

from tutor.lessons import find_lesson
from tutor.lessons.practice import practice

FILE = Path(__file__).resolve().parents[2] / "lessons" / "12-xor.toml"
DATA = tomllib.loads(FILE.read_text(encoding="utf-8"))
X = np.array(DATA["network"]["inputs"])
Y = np.array(DATA["network"]["targets"])
ETA = DATA["network"]["learning_rate"]


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def given(data=DATA):
    first, second = data["network"]["layers"]
    return (np.array(first["weights"]), np.array(first["biases"]),
            np.array(second["weights"]), np.array(second["biases"]))


def by_hand(W1, b1, W2, b2):
    """Forward and backward over the four points, written out for this 2-2-1 sigmoid network."""
    z1 = X @ W1.T + b1
    a1 = sigmoid(z1)
    z2 = a1 @ W2.T + b2
    a2 = sigmoid(z2)
    loss = np.sum((Y - a2) ** 2) / (2 * len(X))
    delta2 = (a2 - Y) * a2 * (1 - a2)
    delta1 = (delta2 @ W2) * a1 * (1 - a1)
    grads = (delta1.T @ X / len(X), delta1.mean(axis=0), delta2.T @ a1 / len(X), delta2.mean(axis=0))
    return dict(z1=z1, a1=a1, z2=z2, a2=a2, loss=loss, delta2=delta2, delta1=delta1, grads=grads)


def descend(params, steps):
    """Full-batch gradient descent; the outputs at every step (step 0 first)."""
    outputs = []
    for step in range(steps + 1):
        found = by_hand(*params)
        outputs.append(found["a2"][:, 0])
        params = tuple(p - ETA * g for p, g in zip(params, found["grads"]))
    return np.array(outputs)


def test_the_points_are_xor():
    assert X.tolist() == [[0, 0], [0, 1], [1, 0], [1, 1]]
    assert Y[:, 0].tolist() == [float(a != b) for a, b in X.astype(int)]


def test_every_asked_number_agrees_with_numpy():
    W1, b1, W2, b2 = given()
    found = by_hand(W1, b1, W2, b2)
    mine = {
        "z1[1,0]": W1[0, 1] + b1[0], "z1[2,0]": W1[0, 0] + b1[0],
        "ends": b1[0] + (W1[0, 0] + W1[0, 1] + b1[0]), "middle": (W1[0, 1] + b1[0]) + (W1[0, 0] + b1[0]),
        "z1[2,1]": W1[1, 0] + b1[1],
        "a1[2,0]": sigmoid(W1[0, 0] + b1[0]), "a1[2,1]": sigmoid(W1[1, 0] + b1[1]),
        "z2[2,0]": found["z2"][2, 0], "a2[2,0]": found["a2"][2, 0],
        "delta2[2,0]": found["delta2"][2, 0], "delta1[2,0]": found["delta1"][2, 0],
        "delta1[2,1]": found["delta1"][2, 1],
        "dW2[0,0]": np.mean(found["delta2"][:, 0] * found["a1"][:, 0]),
        "dW1[0,0]": (found["delta1"][2, 0] + found["delta1"][3, 0]) / 4,  # x₁ = 0 at the other two
        "W2_new[0,0]": W2[0, 0] - ETA * found["grads"][2][0, 0],
    }
    lesson = find_lesson("xor")
    asked = {step.ask for step in lesson.asked_steps()}
    assert asked == set(mine)
    for step in lesson.asked_steps():
        assert float(lesson.expected(step)) == pytest.approx(mine[step.ask], rel=1e-12), step.ask
    # The quoted values: the cost before and after one full step, the four terms of ∂C/∂W₂[0].
    values = lesson.values()
    assert float(values["loss"]) == pytest.approx(found["loss"])
    after = by_hand(*(p - ETA * g for p, g in zip(given(), found["grads"])))
    assert float(values["loss_new"]) == pytest.approx(after["loss"])
    for point in range(4):
        assert float(values[f"share{point}"]) == pytest.approx(found["delta2"][point, 0] * found["a1"][point, 0])


def test_the_sums_are_equal_for_any_linear_unit():
    """The text's argument: z(0,0) + z(1,1) = z(0,1) + z(1,0) = w₁ + w₂ + 2b, for any weights."""
    rng = np.random.default_rng(0)
    for w1, w2, b in rng.normal(size=(200, 3)):
        z = X @ np.array([w1, w2]) + b
        assert z[0] + z[3] == pytest.approx(z[1] + z[2]) == pytest.approx(w1 + w2 + 2 * b)


def test_the_start_misclassifies_and_the_text_says_so_through_one_step():
    found = by_hand(*given())
    right = (found["a2"][:, 0] > 0.5) == (Y[:, 0] > 0.5)
    assert not right.all()  # the network starts wrong: there is something to learn
    after = by_hand(*(p - ETA * g for p, g in zip(given(), found["grads"])))
    assert after["loss"] < found["loss"]  # "the cost goes from … to …" after one step, down


def test_descent_from_the_lessons_weights_classifies_all_four_from_step_200():
    """The outro's claim, and `tutor replay xor`'s: right from step 200 on, through the last step."""
    steps = DATA["replay"]["steps"]
    outputs = descend(given(), steps)
    right = ((outputs > 0.5) == (Y[:, 0] > 0.5)).all(axis=1)
    assert right[200:].all() and not right[199]
    assert "from step 200 on" in find_lesson("xor").outro
    assert DATA["replay"]["learning_rates"] == [ETA] and DATA["training"]["steps"] == steps


def test_tutor_replay_xor_prints_the_truth_and_its_numbers():
    command = [sys.executable, "-m", "tutor", "replay", "xor"]
    printed = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    assert "all 4 points are on their class's side of ½ from step 200 on (of 400 steps)" in printed
    assert "the decision boundary · step 400" in printed and "the cost C against the step" in printed
    found = json.loads(subprocess.run(command + ["--json"], capture_output=True, text=True, check=True).stdout)
    boundary = found["boundary"]
    mine = descend(given(), 400)
    assert boundary["classified_from"] == 200
    assert boundary["final_outputs"] == pytest.approx(mine[-1].tolist())
    assert len(boundary["losses"]) == 401
    grid = np.array(boundary["grid"]["outputs"])
    assert grid.shape == (len(boundary["grid"]["y"]), len(boundary["grid"]["x"]))
    assert ((grid > 0) & (grid < 1)).all()


@pytest.mark.parametrize("seed", range(20))
def test_practice_keeps_the_points_and_lowers_the_cost(seed):
    variant = practice(find_lesson("xor"), seed)
    assert variant.network.inputs.tolist() == X.tolist() and variant.network.targets.tolist() == Y.tolist()
    values = variant.values()
    assert float(values["ends"]) == pytest.approx(float(values["middle"]))
    assert float(values["loss_new"]) < float(values["loss"])
