"""The slips of the matrix form, built by hand on one-example networks, are named; wrong shapes included.

"W not transposed" (W δ for Wᵀ δ where W is square; a δᵀ for δ aᵀ, rows and columns swapped, where it
is not) and "⊙ where a matrix product belongs, or the reverse" (W ⊙ δ with no sum, δ ⊙ a or δᵀa for the
outer product δ aᵀ; a dot or outer product for (Wᵀδ) ⊙ σ′). Most of them have another shape than
the right answer: the grader names them anyway, with the shape typed and the one asked. Every
wrong number is written here with NumPy in the chapter's column form, not with the engine's rules.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tests.grading.test_diagnosis import FUNCTIONS, SEEDS_WANTED, count_named
from tutor.engine import Layer, Network
from tutor.grading import check_step
from tutor.lessons import Lesson, find_lesson


def one_example(seed: int, activation: str, hidden: int) -> Lesson:
    """x (2) → `hidden` units → 2 outputs, one example: W₂ is square when hidden = 2."""
    rng = np.random.default_rng(seed)
    sizes = (2, hidden, 2)
    layers = tuple(Layer(rng.uniform(-1.5, 1.5, (sizes[i + 1], sizes[i])), rng.uniform(-0.5, 0.8, sizes[i + 1]),
                         activation) for i in range(2))
    network = Network(layers, rng.uniform(-1, 1.5, (1, 2)), rng.uniform(0, 1, (1, 2)), 0.5)
    return Lesson(Path(f"matrix-{seed}.toml"), f"matrix-{seed}", "Random layers", network, ())


def column_form(lesson: Lesson) -> dict:
    """One example's quantities as the chapter writes them: column vectors, z = W a + b."""
    net = lesson.network
    f, df = FUNCTIONS[net.layers[0].activation]
    (W1, b1), (W2, b2) = [(layer.weights, layer.biases) for layer in net.layers]
    x, y = net.inputs[0], net.targets[0]
    z1 = W1 @ x + b1
    a1 = f(z1)
    z2 = W2 @ a1 + b2
    a2 = f(z2)
    delta2 = (a2 - y) * df(z2)
    da1 = W2.T @ delta2
    delta1 = da1 * df(z1)
    return dict(df=df, x=x, y=y, W2=W2, z1=z1, a1=a1, z2=z2, a2=a2, delta2=delta2, da1=da1, delta1=delta1)


def slip(code: str, v: dict) -> list[tuple[str, np.ndarray]]:
    """Each place `code` can happen, with the number it gives there."""
    df, W2, d2 = v["df"], v["W2"], v["delta2"]
    not_summed = W2 * d2[:, None]  # each weight times the δ of the unit it feeds, never added up
    places = {
        "dot-for-elementwise": lambda: [("delta2", np.sum((v["a2"] - v["y"]) * df(v["z2"]))),
                                        ("delta1", np.sum(v["da1"] * df(v["z1"])))],
        "outer-for-elementwise": lambda: [("delta2", np.outer(v["a2"] - v["y"], df(v["z2"]))),
                                          ("delta1", np.outer(v["da1"], df(v["z1"])))],
        "elementwise-for-matrix-product": lambda: [("da1", not_summed), ("delta1", not_summed * df(v["z1"]))],
        "transposed-gradient": lambda: [("dW2", np.outer(v["a1"], d2)), ("dW1", np.outer(v["x"], v["delta1"]))],
        "not-transposed-square": lambda: [("da1", W2 @ d2), ("delta1", (W2 @ d2) * df(v["z1"]))],
        "elementwise-for-outer-product": lambda: [("dW2", d2 * v["a1"]), ("dW1", v["delta1"] * v["x"])],
        "inner-for-outer-product": lambda: [("dW2", d2 @ v["a1"]), ("dW1", v["delta1"] @ v["x"])],
    }
    return places[code]()  # only this slip's numbers: the others may not exist on this network


# slip → (code the grader gives, hidden units: 3 makes W₂ non-square, 2 square)
CASES = {
    "dot-for-elementwise": ("dot-for-elementwise", 3),
    "outer-for-elementwise": ("outer-for-elementwise", 3),
    "elementwise-for-matrix-product": ("elementwise-for-matrix-product", 3),
    "transposed-gradient": ("weights-not-transposed", 3),
    "not-transposed-square": ("weights-not-transposed", 2),
    "elementwise-for-outer-product": ("elementwise-for-matrix-product", 2),
    "inner-for-outer-product": ("inner-for-outer-product", 2),
}


@pytest.mark.parametrize("activation", FUNCTIONS)
@pytest.mark.parametrize("case", CASES)
def test_each_matrix_slip_is_named(case, activation):
    code, hidden = CASES[case]
    places = len(slip(case, column_form(one_example(0, activation, hidden))))
    for place in range(places):
        def make(seed):
            lesson = one_example(seed, activation, hidden)
            return (lesson, *slip(case, column_form(lesson))[place])

        assert count_named(code, activation, make) == SEEDS_WANTED, place


def test_a_wrong_shape_a_slip_explains_says_both_shapes():
    lesson = one_example(3, "sigmoid", hidden=3)
    v = column_form(lesson)
    typed = "; ".join(", ".join(repr(float(x)) for x in row) for row in np.outer(v["a1"], v["delta2"]))
    verdict = check_step(lesson, lesson.step_for("dW2"), typed)
    assert verdict.status == "wrong" and verdict.mistake == "weights-not-transposed"
    assert verdict.feedback == ("Not right yet. Rows and columns are swapped: ∂C/∂W₂ = δ₂ a₁ᵀ has one row per unit "
                                "of layer 2, like W₂. ∂C/∂W₂ is 2 rows of 3 numbers (write rows separated by ;); "
                                "you wrote 3 rows of 2 numbers.")


def test_a_wrong_shape_no_slip_explains_is_not_counted():
    lesson = one_example(3, "sigmoid", hidden=3)
    verdict = check_step(lesson, lesson.step_for("dW2"), "0.1, 0.2")
    assert verdict.status == "wrong-shape" and verdict.mistake is None


def test_the_batch_sum_for_the_mean_is_named():
    """Summed over the rows instead of averaged: n times the gradient."""
    lesson = find_lesson("two-layer-sigmoid")  # one example: there is no sum to forget
    assert all(m.code != "factor-n" for m in lesson.solution().mistakes("dW1"))
