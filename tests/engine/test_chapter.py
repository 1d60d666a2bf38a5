"""Every number the chapter prints, reproduced by the engine (and, in test_cli, by `tutor solve`)."""

from __future__ import annotations

import numpy as np
import pytest

from tutor.engine import Layer, Network, run, solve


def worked_example(learning_rate: float = 0.2, update: str = "output-ascent") -> Network:
    """L = g(f(x, w₁), w₂): x = 2, b₁ = 1, b₂ = 0.5, w₁ = 0.5, w₂ = 1.5, target 5; biases fixed."""
    return Network(
        (Layer([[0.5]], [1.0], "identity"), Layer([[1.5]], [0.5], "identity")),
        [[2.0]], [[5.0]], learning_rate, update=update, trainable=frozenset({"W1", "W2"}),
    )


def value(solution, name) -> float:
    return float(np.asarray(solution[name].value).reshape(-1)[0])


def test_forward_and_error():
    s = solve(worked_example())
    assert value(s, "z1") == pytest.approx(2.0, rel=1e-12)
    assert value(s, "a2") == pytest.approx(3.5, rel=1e-12)
    assert value(s, "loss") == pytest.approx(1.125, rel=1e-12)


def test_gradients_of_the_output():
    s = solve(worked_example())
    assert value(s, "dL_dz1") == pytest.approx(1.5, rel=1e-12)  # ∂L/∂z = w₂
    assert value(s, "dL_dW1") == pytest.approx(3.0, rel=1e-12)
    assert value(s, "dL_dW2") == pytest.approx(2.0, rel=1e-12)


@pytest.mark.parametrize("rate, w1, w2, z, L", [(0.2, 1.1, 1.9, 3.2, 6.58), (0.1, 0.8, 1.7, 2.6, 4.92)])
def test_the_update_and_its_overshoot(rate, w1, w2, z, L):
    s = solve(worked_example(rate))
    assert value(s, "W1_new") == pytest.approx(w1, rel=1e-12)
    assert value(s, "W2_new") == pytest.approx(w2, rel=1e-12)
    assert value(s, "a2_new") == pytest.approx(L, rel=1e-12)
    history = run(worked_example(), [rate], 1)
    assert history.forward().zs[0][0, 1, 0, 0] == pytest.approx(z, rel=1e-12)
    assert history.outputs[0, 1, 0, 0] == pytest.approx(L, rel=1e-12)


def test_ordinary_descent_on_the_error_for_comparison():
    """E = ½(L − 5)²: ∂E/∂w = (L − 5) ∂L/∂w, so w₁ ← 0.5 − 0.2·(−1.5·3) = 1.4."""
    s = solve(worked_example(0.2, update="descent"))
    assert value(s, "dW1") == pytest.approx(-4.5, rel=1e-12)
    assert value(s, "dW2") == pytest.approx(-3.0, rel=1e-12)
    assert value(s, "W1_new") == pytest.approx(1.4, rel=1e-12)
    assert value(s, "W2_new") == pytest.approx(2.1, rel=1e-12)


def test_vectorised_replay_matches_the_chapter():
    history = run(worked_example(), [0.2, 0.1], 1)
    np.testing.assert_allclose(history.outputs[:, 1, 0, 0], [6.58, 4.92], rtol=1e-12)
    np.testing.assert_allclose(history.params["W1"][:, 1, 0, 0], [1.1, 0.8], rtol=1e-12)
    np.testing.assert_allclose(history.params["W2"][:, 1, 0, 0], [1.9, 1.7], rtol=1e-12)
