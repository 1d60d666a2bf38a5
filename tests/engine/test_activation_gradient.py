"""∂Cₓ/∂aˡ = (Wˡ⁺¹)ᵀ δˡ⁺¹ (`da{l}`, `dL_da{l}`) against finite differences with respect to the activations.

The network above layer l is a network of its own whose input is aˡ, so nudging that input and
recomputing its cost is an independent check that knows nothing of the backward pass.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tutor.engine import Layer, Network, relative_error, solve
from tutor.engine.gradcheck import scalar

from tests.engine.test_backprop import moved_away_from_relu_kinks, random_network


def per_example_gradient(network: Network, of: str = "cost", h: float = 1e-3) -> np.ndarray:
    """∂(scalar)ₓ/∂x for every example x: n × ∂/∂x of the mean over the examples (five-point stencil)."""
    inputs = network.inputs
    grad = np.empty_like(inputs)
    for index in np.ndindex(inputs.shape):
        def at(step: float) -> float:
            moved = inputs.copy()
            moved[index] += step
            return scalar(replace(network, inputs=moved), of)
        grad[index] = (8 * (at(h) - at(-h)) - (at(2 * h) - at(-2 * h))) / (12 * h)
    return grad * network.examples


def above(network: Network, layer: int, activations: np.ndarray) -> Network:
    """The layers above `layer`, fed with that layer's activations."""
    return replace(network, layers=network.layers[layer:], inputs=activations)


@pytest.mark.parametrize("of, update, prefix", [("cost", "descent", "da"), ("output", "output-ascent", "dL_da")])
@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_gradient_sent_back_matches_finite_differences(of, update, prefix, seed):
    network = random_network(seed, update=update)
    if not moved_away_from_relu_kinks(network):
        return
    solution = solve(network)
    for l in range(network.depth):
        numeric = per_example_gradient(above(network, l, solution[f"a{l}"].value), of)
        assert relative_error(solution[f"{prefix}{l}"].value, numeric) < 1e-6, l


def two_three_two() -> Network:
    layers = (Layer(np.array([[0.1, 0.2], [0.3, -0.4], [0.5, 0.6]]), np.array([0.1, -0.1, 0.2])),
              Layer(np.array([[0.7, -0.8, 0.9], [0.2, 0.3, -0.5]]), np.array([0.0, 0.1])))
    return Network(layers, np.array([[1.0, -2.0]]), np.array([[1.0, 0.0]]))


def test_delta_is_the_gradient_sent_back_through_the_derivative():
    solution = solve(two_three_two())
    v = solution.values()
    np.testing.assert_allclose(v["da1"], v["delta2"] @ v["W2"])  # (W₂ᵀ δ₂) per example, as a row
    np.testing.assert_allclose(v["delta1"], v["da1"] * v["a1"] * (1 - v["a1"]))
    np.testing.assert_allclose(v["da0"], v["delta1"] @ v["W1"])
    assert v["da1"].shape == (1, 3) and v["da0"].shape == (1, 2)


def test_written_as_the_chapter_writes_gradients():
    solution = solve(two_three_two())
    assert solution["da1"].symbol == "∂C/∂a₁"
    assert solution["da0"].symbol == "∂C/∂x"
    assert solution["da1"].formula == "∂C/∂a₁ = W₂ᵀ δ₂"
    assert solution["delta1"].formula == "δ₁ = (W₂ᵀ δ₂) ⊙ σ′(z₁)"
    assert solution["da1"].inputs == ("delta2", "W2")
    assert solution["delta1"].inputs == ("da1", "z1")
    assert solution["da1"].per_example


def test_slips_of_sending_back_are_the_values_they_claim():
    network = two_three_two()
    square = replace(network, layers=(network.layers[0], Layer(np.array([[0.7, -0.8, 0.9], [0.2, 0.3, -0.5],
                                                                         [0.4, 0.1, 0.3]]), np.zeros(3))),
                     targets=np.array([[1.0, 0.0, 0.5]]))
    v = solve(square).values()
    mistakes = {m.code: m.value for m in solve(square).mistakes("da1")}
    np.testing.assert_allclose(mistakes["weights-not-transposed"], v["delta2"] @ v["W2"].T)
    np.testing.assert_allclose(mistakes["weight-left-out"], v["delta2"] @ np.ones((3, 3)))
    np.testing.assert_allclose(mistakes["updated-weights-in-backward-pass"], v["delta2"] @ v["W2_new"])
