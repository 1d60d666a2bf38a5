"""The engine against independent references: finite differences, hand-computed chapter numbers."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tutor.engine import Layer, Network, numerical_gradient, relative_error, run, solve
from tutor.engine.activations import ELEMENTWISE, activation


def random_network(seed: int, activations=None, update: str = "descent") -> Network:
    rng = np.random.default_rng(seed)
    widths = [int(w) for w in rng.integers(1, 4, size=rng.integers(2, 5))]
    if update == "output-ascent":
        widths[-1] = 1
    n = int(rng.integers(1, 5))
    names = activations or list(ELEMENTWISE)
    layers = tuple(
        Layer(rng.normal(0, 0.8, (widths[i + 1], widths[i])), rng.normal(0, 0.5, widths[i + 1]),
              names[int(rng.integers(len(names)))])
        for i in range(len(widths) - 1)
    )
    return Network(layers, rng.normal(0, 1, (n, widths[0])), rng.uniform(-1, 1, (n, widths[-1])),
                   float(rng.uniform(0.05, 1)), update=update)


def moved_away_from_relu_kinks(network: Network) -> bool:
    """Finite differences are meaningless across relu's kink: skip networks with some z near 0."""
    solution = solve(network)
    return all(
        np.min(np.abs(solution[f"z{l}"].value)) > 0.05
        for l, layer in enumerate(network.layers, start=1) if layer.activation == "relu"
    )


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_activation_derivatives_match_finite_differences(name):
    z = np.linspace(-4, 4, 81)
    z = z[np.abs(z) > 1e-3]  # relu has a kink at 0
    act = activation(name)
    h = 1e-6
    numeric = (act.function(z + h) - act.function(z - h)) / (2 * h)
    np.testing.assert_allclose(act.derivative(z), numeric, rtol=1e-6, atol=1e-9)


def test_relu_derivative_at_zero_is_zero():
    assert activation("relu").derivative(np.array([0.0]))[0] == 0.0


def test_sigmoid_does_not_overflow():
    with np.errstate(over="raise", invalid="raise"):
        values = activation("sigmoid").function(np.array([-1000.0, 0.0, 1000.0]))
    np.testing.assert_allclose(values, [0.0, 0.5, 1.0])


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_cost_gradients_match_finite_differences(seed):
    network = random_network(seed)
    if not moved_away_from_relu_kinks(network):
        return
    solution = solve(network)
    for name in network.parameter_names():
        numeric = numerical_gradient(network, name)
        assert relative_error(solution[f"d{name}"].value, numeric) < 1e-6, name


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_output_gradients_match_finite_differences(seed):
    network = random_network(seed, update="output-ascent")
    if not moved_away_from_relu_kinks(network):
        return
    solution = solve(network)
    for name in network.parameter_names():
        numeric = numerical_gradient(network, name, of="output")
        assert relative_error(solution[f"dL_d{name}"].value, numeric) < 1e-6, name


@pytest.mark.parametrize("act", ELEMENTWISE)
def test_every_activation_in_a_batch(act):
    """A 3-4-2 network with 5 examples and one activation throughout, to 1e-6 relative."""
    for seed in range(5):
        network = random_network(1000 + seed, activations=[act])
        if not moved_away_from_relu_kinks(network):
            continue
        solution = solve(network)
        for name in network.parameter_names():
            numeric = numerical_gradient(network, name)
            assert relative_error(solution[f"d{name}"].value, numeric) < 1e-6


def test_delta_is_the_per_example_gradient_of_half_the_squared_error():
    """δˡ row x is ∂Cₓ/∂zˡ with Cₓ = ½‖y − aᴸ‖² (not divided by n)."""
    network = random_network(7, activations=["tanh"])
    solution = solve(network)
    depth = network.depth
    delta = solution[f"delta{depth}"].value
    out, y, z = solution[f"a{depth}"].value, network.targets, solution[f"z{depth}"].value
    np.testing.assert_allclose(delta, (out - y) * (1 - np.tanh(z) ** 2))
    # and the weight gradient is the mean over examples of δ aᵀ
    a_prev = solution[f"a{depth - 1}"].value
    expected = np.mean([np.outer(d, a) for d, a in zip(delta, a_prev)], axis=0)
    np.testing.assert_allclose(solution[f"dW{depth}"].value, expected)


def test_shapes_follow_the_chapter():
    network = random_network(3)
    solution = solve(network)
    n = network.examples
    for l, layer in enumerate(network.layers, start=1):
        assert solution[f"W{l}"].value.shape == layer.weights.shape
        assert solution[f"dW{l}"].value.shape == layer.weights.shape
        assert solution[f"db{l}"].value.shape == layer.biases.shape
        assert solution[f"z{l}"].value.shape == (n, layer.units)
        assert solution[f"delta{l}"].value.shape == (n, layer.units)
    assert solution["loss"].value.shape == ()
    assert all(q.value.dtype == np.float64 for q in solution.quantities.values())


def test_update_leaves_frozen_parameters_and_follows_descent():
    network = Network(random_network(5).layers, random_network(5).inputs, random_network(5).targets,
                      0.3, trainable=frozenset({"W1"}))
    solution = solve(network)
    np.testing.assert_allclose(solution["W1_new"].value, network.layers[0].weights - 0.3 * solution["dW1"].value)
    assert "b1_new" not in solution and "W2_new" not in solution


def test_training_lowers_the_cost_with_a_small_rate():
    network = random_network(11, activations=["sigmoid"])
    history = run(network, [0.1], 200)
    assert history.loss[0, -1] < history.loss[0, 0]
    assert history.loss.shape == (1, 201)


def test_vectorised_run_equals_one_run_per_rate():
    network = random_network(12, activations=["tanh", "sigmoid"])
    rates = [0.01, 0.3, 1.7]
    together = run(network, rates, 25)
    for r, rate in enumerate(rates):
        alone = run(network, [rate], 25)
        np.testing.assert_allclose(together.loss[r], alone.loss[0], rtol=1e-12, equal_nan=True)
        for name in network.parameter_names():
            np.testing.assert_allclose(together.params[name][r], alone.params[name][0], rtol=1e-12, equal_nan=True)


def test_divergence_is_marked_and_the_line_stops():
    network = Network((Layer([[2.0]], [0.0], "identity"),), [[1.0]], [[0.0]], 1.0, trainable=frozenset({"W1"}))
    history = run(network, [0.5, 3.0], 400)
    assert not history.diverged(0)
    assert history.diverged(1)
    k = history.diverged_at[1]
    assert np.all(np.isnan(history.loss[1, k:])) and np.all(np.isfinite(history.loss[1, :k]))


def test_follow_through_uses_the_learners_accepted_values():
    network = random_network(22, activations=["sigmoid"])
    assert network.depth >= 2
    exact = solve(network)
    rounded = np.round(exact["a1"].value, 2)
    mine = solve(network, accepted={"a1": rounded})
    np.testing.assert_array_equal(mine["a1"].value, rounded)
    # z2 is computed from the learner's a1, not from the exact one
    w2, b2 = network.layers[1].weights, network.layers[1].biases
    np.testing.assert_allclose(mine["z2"].value, rounded @ w2.T + b2)
