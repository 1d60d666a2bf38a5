"""Softmax and cross-entropy against independent references: finite differences, the a − y identity,
plain formulas written here in NumPy, and numbers far beyond where a naive e^z overflows."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tutor.engine import Layer, Network, numerical_gradient, relative_error, run, solve
from tutor.engine import backprop as bp
from tutor.engine.activations import ELEMENTWISE, activation
from tutor.engine.training import gradient_flow
from tutor.engine.variants import draw

HIDDEN = [name for name in ELEMENTWISE if name != "relu"]  # finite differences are meaningless at relu's kink


def softmax_network(seed: int, one_hot: bool = False) -> Network:
    """1 to 3 hidden layers and a softmax output of 2 to 4 units, 1 to 4 examples, random targets."""
    rng = np.random.default_rng(seed)
    widths = [int(w) for w in rng.integers(1, 4, size=rng.integers(2, 5))] + [int(rng.integers(2, 5))]
    n = int(rng.integers(1, 5))
    layers = tuple(
        Layer(rng.normal(0, 1.0, (widths[i + 1], widths[i])), rng.normal(0, 0.5, widths[i + 1]),
              "softmax" if i == len(widths) - 2 else HIDDEN[int(rng.integers(len(HIDDEN)))])
        for i in range(len(widths) - 1)
    )
    if one_hot:
        targets = np.eye(widths[-1])[rng.integers(widths[-1], size=n)]
    else:
        targets = rng.dirichlet(np.ones(widths[-1]), size=n)
    return Network(layers, rng.normal(0, 1, (n, widths[0])), targets, float(rng.uniform(0.05, 1)),
                   loss="cross-entropy")


def reference_cost(network: Network) -> float:
    """C = −(1/n) Σₓ Σⱼ yⱼ ln aⱼ, the forward pass written out here in plain NumPy."""
    a = network.inputs
    for layer in network.layers:
        z = a @ layer.weights.T + layer.biases
        if layer.activation == "softmax":
            a = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
        else:
            a = activation(layer.activation).function(z)
    return float(-np.sum(network.targets * np.log(a)) / network.examples)


@settings(max_examples=120, deadline=None)
@given(st.integers(0, 2**32 - 1), st.booleans())
def test_cross_entropy_gradients_match_finite_differences(seed, one_hot):
    network = softmax_network(seed, one_hot)
    solution = solve(network)
    assert float(solution["loss"].value) == pytest.approx(reference_cost(network), rel=1e-12)
    for name in network.parameter_names():
        numeric = numerical_gradient(network, name)
        assert relative_error(solution[f"d{name}"].value, numeric) < 1e-6, name


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_the_output_delta_is_a_minus_y_and_the_jacobian_collapses_to_it(seed):
    """δᴸ = a − y per example, and it is what −y/a gives through the softmax's full Jacobian."""
    network = softmax_network(seed)
    solution = solve(network)
    depth = network.depth
    a, y, z = solution[f"a{depth}"].value, network.targets, solution[f"z{depth}"].value
    np.testing.assert_allclose(solution[f"delta{depth}"].value, a - y, rtol=0, atol=1e-15)
    for row in range(network.examples):
        jacobian = np.diag(a[row]) - np.outer(a[row], a[row])  # ∂aᵢ/∂zⱼ = aᵢ([i = j] − aⱼ)
        np.testing.assert_allclose(jacobian.T @ (-y[row] / a[row]), a[row] - y[row], atol=1e-12)
    through = bp.through_activation(bp.cross_entropy_seed(y, a), z, "softmax")
    np.testing.assert_allclose(through, a - y, atol=1e-12)
    # ∂C/∂Wᴸ is the mean over examples of δ aᵀ: the whole cost's gradient, not one example's
    a_previous = solution[f"a{depth - 1}"].value
    expected = np.mean([np.outer(d, x) for d, x in zip(a - y, a_previous)], axis=0)
    np.testing.assert_allclose(solution[f"dW{depth}"].value, expected, atol=1e-15)


def test_softmax_jacobian_product_matches_finite_differences():
    rng = np.random.default_rng(4)
    z, upstream = rng.normal(0, 2, (3, 4)), rng.normal(0, 1, (3, 4))
    h = 1e-6
    numeric = np.empty_like(z)
    for index in np.ndindex(z.shape):
        moved = np.zeros_like(z)
        moved[index] = h
        plus = np.sum(upstream * activation("softmax").function(z + moved))
        minus = np.sum(upstream * activation("softmax").function(z - moved))
        numeric[index] = (plus - minus) / (2 * h)
    np.testing.assert_allclose(bp.through_activation(upstream, z, "softmax"), numeric, atol=1e-8)


def test_large_z_neither_overflows_nor_takes_the_log_of_zero():
    """z = 1000 against −1000: e^1000 overflows and a = e^−2000 underflows to 0, yet C is exact."""
    z = np.array([[1000.0, 0.0, -1000.0]])
    y = np.array([[0.0, 0.0, 1.0]])
    with np.errstate(over="raise", divide="raise", invalid="raise"):  # underflow to 0 is the point
        a = activation("softmax").function(z)
        logs = bp.log_softmax(z)
    assert a[0, 0] == 1.0 and a[0, 2] == 0.0
    assert bp.cross_entropy_cost(y, logs) == 2000.0
    assert bp.cross_entropy_cost(y, bp.log_output(a, z)) == 2000.0  # a is 0 there: the log comes from z
    np.testing.assert_array_equal(bp.softmax_cross_entropy_delta(y, a), [[1.0, 0.0, -1.0]])


def test_a_saturated_network_trains_with_finite_numbers():
    network = Network((Layer([[1.0]], [0.0], "identity"), Layer([[400.0], [-400.0]], [0.0, 0.0], "softmax")),
                      [[2.0]], [[0.0, 1.0]], 0.001, loss="cross-entropy")
    solution = solve(network)
    assert float(solution["loss"].value) == pytest.approx(1600.0)
    np.testing.assert_allclose(solution["delta2"].value, [[1.0, -1.0]])
    history = run(network, [0.001], 5)
    assert np.all(np.isfinite(history.loss)) and history.loss[0, -1] < history.loss[0, 0]


def test_training_lowers_the_cross_entropy_and_the_flow_keeps_the_softmax():
    network = softmax_network(11, one_hot=True)
    history = run(network, [0.5], 200)
    assert history.loss[0, -1] < history.loss[0, 0]
    np.testing.assert_allclose(history.loss[0, 0], reference_cost(network), rtol=1e-12)
    for name in ("sigmoid", "tanh", "relu"):
        flow = gradient_flow(network, name)
        assert flow.shape == (network.depth,) and np.all(np.isfinite(flow))
    np.testing.assert_allclose(gradient_flow(network)[-1], np.mean(np.abs(solve(network)[f"delta{network.depth}"].value)))


@pytest.mark.parametrize("seed", range(20))
def test_practice_draws_keep_targets_probability_distributions(seed):
    one_hot = softmax_network(seed, one_hot=True)
    spread = replace(one_hot, targets=np.full(one_hot.targets.shape, 1 / one_hot.targets.shape[1]))
    rng = np.random.default_rng(seed)
    for network in (one_hot, spread):
        targets = draw(network, rng).targets
        assert np.all(targets >= 0) and np.allclose(targets.sum(axis=1), 1.0, atol=1e-12)
        assert targets.shape == network.targets.shape
    assert np.all(np.count_nonzero(draw(one_hot, rng).targets, axis=1) == 1)  # one-hot stays one-hot


@pytest.mark.parametrize("change, words", [
    (dict(loss="mse"), "softmax output is trained with the cross-entropy"),
    (dict(targets=[[0.5, 0.6]]), "sum to 1.1"),
    (dict(targets=[[-0.5, 1.5]]), "negative"),
])
def test_the_network_refuses_what_softmax_and_cross_entropy_cannot_mean(change, words):
    layers = (Layer([[1.0]], [0.0], "sigmoid"), Layer([[1.0], [-1.0]], [0.0, 0.0], "softmax"))
    arguments = dict(layers=layers, inputs=[[1.0]], targets=[[0.0, 1.0]], loss="cross-entropy") | change
    with pytest.raises(ValueError, match=words):
        Network(**arguments)
    with pytest.raises(ValueError, match="only on the output layer"):
        Network((Layer([[1.0], [2.0]], [0.0, 0.0], "softmax"), *layers[1:]), [[1.0]], [[0.0, 1.0]],
                loss="cross-entropy")


def test_every_cross_entropy_mistake_is_what_its_slip_computes():
    """On two examples with spread targets (so no two slips coincide), each named slip's value is the
    formula with that one term changed, written out here."""
    network = Network((Layer([[0.5, -0.3], [0.2, 0.4]], [0.1, -0.1], "tanh"),
                       Layer([[1.0, -0.5], [0.3, 0.8], [-0.6, 0.2]], [0.2, 0.0, -0.1], "softmax")),
                      [[1.0, 2.0], [-0.5, 0.3]], [[0.2, 0.3, 0.5], [0.0, 1.0, 0.0]], 0.5, loss="cross-entropy")
    solution = solve(network)
    a, y, n = solution["a2"].value, network.targets, 2
    cost = -np.sum(y * np.log(a)) / n
    expected = {
        "log-base-10": -np.sum(y * np.log10(a)) / n,
        "every-unit-counted": -np.sum(np.log(a)) / n,
        "binary-cross-entropy": -np.sum(y * np.log(a) + (1 - y) * np.log(1 - a)) / n,
        "predicted-unit": -np.sum(np.log(a.max(axis=1))) / n,
    }
    found = {m.code: m.value for m in solution.mistakes("loss")}
    for code, value in expected.items():
        np.testing.assert_allclose(found[code], value, rtol=1e-12, err_msg=code)
    assert sorted(float(m.value) for m in solution.mistakes("loss") if m.code == "factor-n") == pytest.approx(
        [cost / n, n * cost])
    deltas = {m.code: m.value for m in solution.mistakes("delta2")}
    np.testing.assert_allclose(deltas["elementwise-softmax-derivative"], (a - y) * a * (1 - a), rtol=1e-12)
    np.testing.assert_allclose(deltas["gradient-at-output"], -y / a, rtol=1e-12)
    np.testing.assert_allclose(deltas["target-left-out"], a, rtol=1e-12)
    np.testing.assert_allclose(deltas["factor-n"], (a - y) / n, rtol=1e-12)
    # the ½ of the squared error has no place here
    assert all(m.code != "factor-two" for name in ("dW2", "db2", "dW1") for m in solution.mistakes(name))
