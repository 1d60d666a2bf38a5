"""The deep-relu and computational-graph lessons, every number recomputed in plain NumPy.

The networks are read from the lesson files with tomllib, not through the engine; the forward and
backward passes below are written out by hand, link by link, as a learner would work them, and
compared with what the engine solves. Practice variants keep what the texts claim: a dead unit
stays dead and its zero gradients are graded right; the finite difference agrees with backprop.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import numpy as np
import pytest

from tutor.grading import check_step
from tutor.lessons import find_lesson
from tutor.lessons.practice import practice

LESSONS = Path(__file__).resolve().parents[2] / "lessons"
H = 0.01


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def given(file: str, network: dict | None = None) -> dict:
    """x, y and each layer's (W, b) as plain floats, from the file or from a variant's network."""
    if network is None:
        data = tomllib.loads((LESSONS / file).read_text())["network"]
        layers = [(np.array(layer["weights"], float), np.array(layer["biases"], float)) for layer in data["layers"]]
        return {"x": float(data["inputs"][0][0]), "y": float(data["targets"][0][0]), "eta": data["learning_rate"],
                "layers": layers}
    return {"x": float(network.inputs[0, 0]), "y": float(network.targets[0, 0]), "eta": network.learning_rate,
            "layers": [(layer.weights.copy(), layer.biases.copy()) for layer in network.layers]}


# --- lesson 10: a deeper relu network -----------------------------------------------------------


def relu_by_hand(g: dict) -> dict:
    """1-2-1-1: two relu units A and D, one relu unit, a linear output; C = ½(y − a₃)²."""
    (W1, b1), (W2, b2), (W3, b3) = g["layers"]
    x, y, eta = g["x"], g["y"], g["eta"]
    zA, zD = W1[0, 0] * x + b1[0], W1[1, 0] * x + b1[1]
    aA, aD = max(zA, 0.0), max(zD, 0.0)
    z2 = W2[0, 0] * aA + W2[0, 1] * aD + b2[0]
    a2 = max(z2, 0.0)
    a3 = W3[0, 0] * a2 + b3[0]
    delta3 = -(y - a3)
    delta2 = delta3 * W3[0, 0] * (1.0 if z2 > 0 else 0.0)
    dA = delta2 * W2[0, 0] * (1.0 if zA > 0 else 0.0)
    dD = delta2 * W2[0, 1] * (1.0 if zD > 0 else 0.0)
    wD_new, bD_new = W1[1, 0] - eta * dD * x, b1[1] - eta * dD
    # The same weights with sigmoid in both hidden layers; the output stays linear.
    sA, sD = sigmoid(zA), sigmoid(zD)
    s_z2 = W2[0, 0] * sA + W2[0, 1] * sD + b2[0]
    s_a3 = W3[0, 0] * sigmoid(s_z2) + b3[0]
    s_delta2 = -(y - s_a3) * W3[0, 0] * sigmoid(s_z2) * (1 - sigmoid(s_z2))
    s_dA = s_delta2 * W2[0, 0] * sA * (1 - sA)
    s_dD = s_delta2 * W2[0, 1] * sD * (1 - sD)
    return {"z1": [zA, zD], "a1": [aA, aD], "z2": z2, "a2": a2, "a3": a3, "loss": 0.5 * (y - a3) ** 2,
            "delta3": delta3, "delta2": delta2, "delta1": [dA, dD], "dW1": [dA * x, dD * x], "db1": [dA, dD],
            "dW2": [delta2 * aA, delta2 * aD], "zD_new": wD_new * x + bD_new,
            "sigmoid_a1": [sA, sD], "sigmoid_z2": s_z2, "sigmoid_a3": s_a3, "sigmoid_delta2": s_delta2,
            "sigmoid_delta1": s_dA, "sigmoid_deltaD": s_dD, "ratio": s_dA / dA}


def engine_values(lesson) -> dict:
    return {name: np.asarray(value, dtype=np.float64) for name, value in lesson.values().items()}


def test_every_number_of_deep_relu_recomputed():
    by_hand = relu_by_hand(given("10-deep-relu.toml"))
    engine = engine_values(find_lesson("deep-relu"))
    for name, value in by_hand.items():
        np.testing.assert_allclose(engine[name].ravel(), np.ravel(value), rtol=1e-12, atol=1e-15, err_msg=name)
    # The numbers the text is about, as the lesson file has them.
    assert by_hand["z1"] == pytest.approx([1.1, -1.2]) and by_hand["delta1"][1] == 0.0
    assert by_hand["dW1"][1] == 0.0 and by_hand["db1"][1] == 0.0 and by_hand["dW2"][1] == 0.0
    assert by_hand["zD_new"] == by_hand["z1"][1]  # descent left D where it was
    assert 0 < by_hand["ratio"] < 0.1  # sigmoid lets through a twentieth of relu's error term


@pytest.mark.parametrize("seed", range(0, 200, 7))
def test_deep_relu_variants_keep_the_dead_unit_dead_and_its_zeros_graded_right(seed):
    variant = practice(find_lesson("deep-relu"), seed)
    by_hand = relu_by_hand(given("", variant.network))
    assert by_hand["z1"][0] > 0 and by_hand["z2"] > 0 and by_hand["z1"][1] < 0 and by_hand["ratio"] > 0
    assert by_hand["delta1"][1] == 0 and by_hand["dW1"][1] == 0 and by_hand["db1"][1] == 0 and by_hand["dW2"][1] == 0
    assert by_hand["zD_new"] == pytest.approx(by_hand["z1"][1], abs=1e-12)
    assert abs(by_hand["sigmoid_delta1"]) < abs(by_hand["delta1"][0])
    assert by_hand["sigmoid_deltaD"] != 0  # with sigmoid D is not dead
    steps = {step.name: step for step in variant.steps if not step.is_reading}
    for name in ("delta1", "dW1", "db1", "dW2"):
        alive = float(by_hand[name][0])
        assert check_step(variant, steps[name], f"{alive!r}, 0").correct, name
        # A zero entry is judged against the quantity's size: a slip of 5 % of it is wrong at any scale.
        assert not check_step(variant, steps[name], f"{alive!r}, {0.05 * abs(alive)!r}").correct, name


# --- lesson 11: the computational graph ---------------------------------------------------------


def graph_by_hand(g: dict) -> dict:
    """x feeds two linear units (multiply, add), which feed o = tanh(v_A z_A + v_B z_B + c)."""
    (W1, b1), (W2, b2) = g["layers"]
    x = g["x"]
    wA, wB, bA, bB = W1[0, 0], W1[1, 0], b1[0], b1[1]
    vA, vB, c = W2[0, 0], W2[0, 1], b2[0]

    def output(at: float) -> float:
        return np.tanh(vA * (wA * at + bA) + vB * (wB * at + bB) + c)

    zA, zB = wA * x + bA, wB * x + bB
    n = vA * zA + vB * zB + c
    o = np.tanh(n)
    g_n = 1 - o**2                    # the tanh gate
    g_zA, g_zB = vA * g_n, vB * g_n   # multiply gates swap; the add gate before them hands g_n on
    return {"z1": [zA, zB], "z2": n, "a2": o, "dL_dz2": g_n, "dL_db2": g_n, "dL_dW2": [zA * g_n, zB * g_n],
            "dL_dz1": [g_zA, g_zB], "dL_db1": [g_zA, g_zB], "dL_dW1": [x * g_zA, x * g_zB],
            "dL_dx_via_A": wA * g_zA, "dL_dx_via_B": wB * g_zB, "dL_da0": wA * g_zA + wB * g_zB,
            "n_plus": np.arctanh(output(x + H)), "n_minus": np.arctanh(output(x - H)),
            "numerical": (output(x + H) - output(x - H)) / (2 * H)}


def test_every_number_of_computational_graph_recomputed():
    by_hand = graph_by_hand(given("11-computational-graph.toml"))
    engine = engine_values(find_lesson("computational-graph"))
    for name, value in by_hand.items():
        np.testing.assert_allclose(engine[name].ravel(), np.ravel(value), rtol=1e-9, err_msg=name)
    # Both paths carry a share of ∂o/∂x, and the finite difference agrees with their sum.
    assert by_hand["dL_dx_via_A"] > 0 and by_hand["dL_dx_via_B"] > 0
    assert abs(by_hand["numerical"] - by_hand["dL_da0"]) < 1e-3 * abs(by_hand["dL_da0"])


def test_the_finite_difference_is_graded_to_three_figures_and_one_path_alone_is_diagnosed():
    lesson = find_lesson("computational-graph")
    by_hand = graph_by_hand(given("11-computational-graph.toml"))
    steps = {step.name: step for step in lesson.steps if not step.is_reading}
    # A learner who keeps the calculator's digits gets the finite difference right, and it is also
    # right as the backprop gradient's three figures.
    assert check_step(lesson, steps["numerical"], f"{by_hand['numerical']:.6f}").correct
    assert check_step(lesson, steps["numerical"], f"{by_hand['dL_da0']:.3g}").correct
    divided_by_h = check_step(lesson, steps["numerical"], f"{2 * by_hand['numerical']:.4g}")
    assert not divided_by_h.correct and divided_by_h.mistake == "lesson"
    for wrong in ("dL_dx_via_A", "dL_dx_via_B"):
        verdict = check_step(lesson, steps["dL_da0"], f"{by_hand[wrong]:.4g}")
        assert not verdict.correct and "only the path" in verdict.feedback
    own_value = check_step(lesson, steps["dL_dW2"], f"{by_hand['dL_dz1'][0]:.4g}, {by_hand['dL_dz1'][1]:.4g}")
    assert "multiply gate swaps" in own_value.feedback


@pytest.mark.parametrize("seed", range(0, 200, 7))
def test_computational_graph_variants_keep_both_paths_and_the_check(seed):
    variant = practice(find_lesson("computational-graph"), seed)
    by_hand = graph_by_hand(given("", variant.network))
    engine = engine_values(variant)
    for name, value in by_hand.items():
        np.testing.assert_allclose(engine[name].ravel(), np.ravel(value), rtol=1e-9, err_msg=name)
    assert abs(by_hand["numerical"] - by_hand["dL_da0"]) < 1e-3 * abs(by_hand["dL_da0"])
    for path in ("dL_dx_via_A", "dL_dx_via_B"):
        assert abs(by_hand[path]) > 0.05 * abs(by_hand["dL_da0"])
