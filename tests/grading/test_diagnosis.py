"""Each classic mistake, built by hand on random networks, is recognised; right answers never are.

The mistaken numbers are written out here with NumPy from the chapter's formulas, independently of
the diagnosis code, which rebuilds them its own way.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tutor.engine import Layer, Network
from tutor.grading import candidates, check_step, tolerance_for
from tutor.lessons import Lesson


def sig(z):
    return 1 / (1 + np.exp(-z))


def dsig(z):
    return sig(z) * (1 - sig(z))


def random_lesson(seed: int, examples: int = 3) -> Lesson:
    """x (2) → 2 sigmoid units (square W2 for the transpose mistakes) → 2 sigmoid outputs."""
    rng = np.random.default_rng(seed)
    layers = (
        Layer(rng.uniform(-1.5, 1.5, (2, 2)), rng.uniform(-0.5, 0.5, 2), "sigmoid"),
        Layer(rng.uniform(-1.5, 1.5, (2, 2)), rng.uniform(-0.5, 0.5, 2), "sigmoid"),
    )
    network = Network(layers, rng.uniform(-1, 1, (examples, 2)), rng.uniform(0, 1, (examples, 2)),
                      float(rng.uniform(0.2, 0.9)))
    return Lesson(Path(f"random-{seed}.toml"), f"random-{seed}", "Random network", network, ())


def text(array) -> str:
    """An answer as a learner would type it, to full precision."""
    array = np.atleast_2d(np.asarray(array, dtype=np.float64))
    return "; ".join(", ".join(repr(float(v)) for v in row) for row in array)


def forward(lesson: Lesson):
    net = lesson.network
    (w1, b1), (w2, b2) = [(layer.weights, layer.biases) for layer in net.layers]
    x, y = net.inputs, net.targets
    z1 = x @ w1.T + b1
    a1 = sig(z1)
    z2 = a1 @ w2.T + b2
    a2 = sig(z2)
    return x, y, w1, b1, w2, b2, z1, a1, z2, a2


def mistaken(lesson: Lesson, code: str) -> tuple[str, np.ndarray]:
    """(quantity, the number a learner making mistake `code` would get)."""
    x, y, w1, b1, w2, b2, z1, a1, z2, a2 = forward(lesson)
    n, eta = len(x), lesson.network.learning_rate
    delta2 = (a2 - y) * dsig(z2)
    delta1 = (delta2 @ w2) * dsig(z1)
    dW2 = delta2.T @ a1 / n
    dW1 = delta1.T @ x / n
    cost = np.sum((y - a2) ** 2) / (2 * n)
    w2_new = w2 - eta * dW2
    return {
        "sign-flipped": ("delta2", -delta2),
        "missing-activation-derivative": ("delta2", a2 - y),
        "activation-instead-of-derivative": ("delta2", (a2 - y) * sig(z2)),
        "activation-for-preactivation": ("delta1", (delta2 @ w2) * dsig(a1)),
        "missing-input-factor": ("dW1", np.repeat(delta1.mean(axis=0)[:, None], 2, axis=1)),
        "factor-two": ("loss", 2 * cost),
        "factor-n": ("dW2", delta2.T @ a1),
        "ascent-instead-of-descent": ("W2_new", w2 + eta * dW2),
        "updated-weights-in-backward-pass": ("delta1", (delta2 @ w2_new) * dsig(z1)),
        "weights-not-transposed": ("delta1", (delta2 @ w2.T) * dsig(z1)),
        "learning-rate-twice": ("W1_new", w1 - eta * eta * dW1),
        "learning-rate-missing": ("W1_new", w1 - dW1),
    }[code]


MISTAKES = [
    "sign-flipped", "missing-activation-derivative", "activation-instead-of-derivative",
    "activation-for-preactivation", "missing-input-factor", "factor-two", "factor-n",
    "ascent-instead-of-descent", "updated-weights-in-backward-pass", "weights-not-transposed",
    "learning-rate-twice", "learning-rate-missing",
]


@pytest.mark.parametrize("code", MISTAKES)
@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_each_mistake_is_diagnosed(code, seed):
    lesson = random_lesson(seed)
    name, wrong = mistaken(lesson, code)
    step = lesson.step_for(name)
    tolerance = tolerance_for(lesson, step)
    # Where the slip changes the number by less than the tolerance, it is no mistake to grade;
    # where two slips give the same number (tiny gradients), neither name can be told from it.
    assume(not tolerance.accepts(wrong, lesson.expected(step)).all())
    others = [c for c in candidates(lesson.solution(), name) if c.code != code]
    assume(not any(c.value.shape == np.shape(wrong) and tolerance.accepts(wrong, c.value).all() for c in others))
    verdict = check_step(lesson, step, text(wrong))
    assert not verdict.correct
    assert verdict.mistake == code, verdict.feedback
    assert verdict.to_json()["mistake"] == code


def test_a_diagnosis_points_at_the_term_to_fix():
    lesson = random_lesson(1)
    name, wrong = mistaken(lesson, "missing-activation-derivative")
    feedback = check_step(lesson, lesson.step_for(name), text(wrong)).feedback
    assert "σ′(z₂)" in feedback and "missing" in feedback


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_a_right_answer_never_gets_a_diagnosis(seed):
    lesson = random_lesson(seed)
    solution = lesson.solution()
    for name in solution.names():
        if solution[name].phase == "given":
            continue
        verdict = check_step(lesson, lesson.step_for(name), text(solution[name].value), solution)
        assert verdict.correct and verdict.mistake is None, (name, verdict.feedback)


def test_the_ascent_rule_diagnoses_descent():
    network = Network((Layer([[0.5]], [1.0], "identity"), Layer([[1.5]], [0.5], "identity")), [[2.0]], [[5.0]],
                      0.2, update="output-ascent", trainable=frozenset({"W1", "W2"}))
    lesson = Lesson(Path("chain.toml"), "chain", "Chain", network, ())
    verdict = check_step(lesson, lesson.step_for("W1_new"), "0.5 - 0.2*3")
    assert verdict.mistake == "descent-instead-of-ascent"
