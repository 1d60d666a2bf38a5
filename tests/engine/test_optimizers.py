"""Optimizers against steps computed by hand, and mini-batches that are reproducible.

The network is one identity unit with input 1 and target 0, so C = ½w² and g = ∂C/∂w = w:
every step below can be redone with a pocket calculator.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from tutor.engine import Layer, Network, run
from tutor.engine.optimizers import Optimizer


def half_square(w0: float = 1.0) -> Network:
    return Network((Layer([[w0]], [0.0], "identity"),), [[1.0]], [[0.0]], 0.1, trainable=frozenset({"W1"}))


def weights(optimizer: str, steps: int = 3, rate: float = 0.1) -> list[float]:
    history = run(half_square(), [rate], steps, optimizer=optimizer)
    return history.params["W1"][0, :, 0, 0].tolist()


def test_sgd_by_hand():
    assert weights("sgd") == pytest.approx([1.0, 0.9, 0.81, 0.729], rel=1e-12)


def test_momentum_by_hand():
    # v ← 0.9 v + g, w ← w − 0.1 v:  v = 1, 1.8, 2.34
    assert weights("momentum") == pytest.approx([1.0, 0.9, 0.72, 0.486], rel=1e-12)


def test_rmsprop_by_hand():
    w, s, expected = 1.0, 0.0, [1.0]
    for _ in range(3):
        g = w
        s = 0.9 * s + 0.1 * g * g
        w = w - 0.1 * g / (math.sqrt(s) + 1e-8)
        expected.append(w)
    assert expected[1] == pytest.approx(1 - 0.1 / math.sqrt(0.1))  # the first step, by hand: 0.68377
    assert weights("rmsprop") == pytest.approx(expected, rel=1e-12)


def test_adam_by_hand():
    # step 1: m = 0.1, v = 0.001, m̂ = 1, v̂ = 1, so w = 1 − 0.1 = 0.9 (Adam's first step is η·sign(g))
    # step 2: g = 0.9, m = 0.18, v = 0.001809, m̂ = 0.18/0.19, v̂ = 0.001809/0.001999
    m_hat, v_hat = 0.18 / 0.19, 0.001809 / 0.001999
    w2 = 0.9 - 0.1 * m_hat / (math.sqrt(v_hat) + 1e-8)
    got = weights("adam", steps=2)
    assert got[1] == pytest.approx(0.9, rel=1e-7)
    assert got[2] == pytest.approx(w2, rel=1e-8)  # ε makes step 1 land at 0.9 − 1e-9, not 0.9
    assert w2 == pytest.approx(0.800412, abs=1e-6)


def test_optimizers_vectorise_over_rates():
    for name in ("sgd", "momentum", "rmsprop", "adam"):
        together = run(half_square(), [0.01, 0.1, 0.5], 20, optimizer=name)
        for r, rate in enumerate([0.01, 0.1, 0.5]):
            alone = run(half_square(), [rate], 20, optimizer=name)
            np.testing.assert_allclose(together.params["W1"][r], alone.params["W1"][0], rtol=1e-12)


def test_unknown_optimizer_is_refused():
    with pytest.raises(ValueError, match="expected one of sgd, momentum, rmsprop, adam"):
        Optimizer("adagrad")


def regression(n: int = 8) -> Network:
    x = np.linspace(-1, 1, n).reshape(-1, 1)
    return Network((Layer([[0.0]], [0.0], "identity"),), x, 2 * x + 0.5, 0.3)


def test_mini_batches_are_reproducible_and_differ_from_full_batch():
    a = run(regression(), [0.3], 40, batch_size=2, seed=3)
    b = run(regression(), [0.3], 40, batch_size=2, seed=3)
    full = run(regression(), [0.3], 40)
    np.testing.assert_array_equal(a.loss, b.loss)
    assert not np.allclose(a.loss, full.loss)
    assert a.loss[0, -1] < a.loss[0, 0] and full.loss[0, -1] < full.loss[0, 0]


def test_one_example_at_a_time_matches_a_hand_written_sgd_loop():
    network = regression(4)
    history = run(network, [0.1], 8, batch_size=1, seed=5)
    rng = np.random.default_rng(5)
    w, b = 0.0, 0.0
    x, y = network.inputs[:, 0], network.targets[:, 0]
    expected = [w]
    for _ in range(2):  # two epochs of four examples
        for i in rng.permutation(4):
            error = (w * x[i] + b) - y[i]
            w, b = w - 0.1 * error * x[i], b - 0.1 * error
            expected.append(w)
    np.testing.assert_allclose(history.params["W1"][0, :, 0, 0], expected, rtol=1e-12)
