"""The training path against finite differences: run, sweep, the optimizers, mini-batches, gradient flow.

Every step training takes is rebuilt here from difference quotients of the cost (or of the output,
for the chapter's ascent rule), which know nothing of the backward pass. On sigmoid and tanh
networks, so a training backward pass that dropped σ′, flipped a sign or skipped a transpose fails.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from tutor.engine import Layer, Network, gradient_flow, numerical_gradient, run, sweep
from tutor.engine.gradcheck import scalar

ACTIVATIONS = ["sigmoid", "tanh"]


def network_of(seed: int, activation: str, update: str = "descent", examples: int = 3) -> Network:
    """2 inputs → 3 units → 3 units → 2 outputs (1 for the ascent rule): square and non-square weights."""
    rng = np.random.default_rng(seed)
    widths = [2, 3, 3, 1 if update == "output-ascent" else 2]
    layers = tuple(Layer(rng.normal(0, 0.9, (widths[i + 1], widths[i])), rng.normal(0, 0.5, widths[i + 1]), activation)
                   for i in range(len(widths) - 1))
    return Network(layers, rng.normal(0, 1, (examples, 2)), rng.uniform(0, 1, (examples, widths[-1])),
                   float(rng.uniform(0.1, 0.8)), update=update)


def finite_difference_step(network: Network, rate: float, of: str = "cost") -> dict[str, np.ndarray]:
    """p − η ∂C/∂p (or p + η ∂L/∂p) for every parameter, the gradient by finite differences."""
    sign = 1.0 if of == "output" else -1.0
    params = network.parameters()
    return {name: value + sign * rate * numerical_gradient(network, name, of=of) for name, value in params.items()}


def after(result, step: int = 1) -> dict[str, np.ndarray]:
    return {name: history[0, step] for name, history in result.params.items()}


def close(found: dict, expected: dict) -> None:
    for name in expected:
        np.testing.assert_allclose(found[name], expected[name], rtol=1e-7, atol=1e-10, err_msg=name)


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("seed", range(4))
def test_one_training_step_is_the_finite_difference_step(activation, seed):
    network = network_of(seed, activation)
    result = run(network, [network.learning_rate], 1)
    close(after(result), finite_difference_step(network, network.learning_rate))


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_two_steps_follow_the_gradient_where_they_are(activation):
    network = network_of(11, activation)
    rate = network.learning_rate
    first = finite_difference_step(network, rate)
    second = finite_difference_step(network.with_parameters(first), rate)
    close(after(run(network, [rate], 2), 2), second)


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_the_chapter_s_ascent_rule_steps_along_the_output_gradient(activation):
    network = network_of(3, activation, update="output-ascent", examples=1)
    result = run(network, [0.3], 1)
    close(after(result), finite_difference_step(network, 0.3, of="output"))


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_a_sweep_s_costs_are_those_of_the_finite_difference_steps(activation):
    network = network_of(5, activation)
    rates = [0.05, 0.4, 1.5]
    found = sweep(network, rates, 1)
    for rate, cost in zip(found.learning_rates, found.final_loss):
        expected = scalar(network.with_parameters(finite_difference_step(network, rate)))
        assert cost == pytest.approx(expected, rel=1e-9)


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_a_mini_batch_step_uses_only_its_examples(activation):
    network = network_of(8, activation, examples=4)
    result = run(network, [0.5], 1, batch_size=1, seed=3)
    order = np.random.default_rng(3).permutation(4)  # the first batch of the seeded pass
    alone = replace(network, inputs=network.inputs[order[:1]], targets=network.targets[order[:1]])
    close(after(result), finite_difference_step(alone, 0.5))


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_the_optimizers_first_steps_from_finite_differences(activation):
    network = network_of(13, activation)
    rate, params = 0.2, network.parameters()
    g = {name: numerical_gradient(network, name) for name in params}
    # momentum: v = g, p ← p − η v; then v ← μ v + g(p₁)
    momentum = run(network, [rate], 2, optimizer="momentum")
    first = {name: params[name] - rate * g[name] for name in params}
    close(after(momentum, 1), first)
    moved = network.with_parameters(first)
    second = {name: first[name] - rate * (0.9 * g[name] + numerical_gradient(moved, name)) for name in params}
    close(after(momentum, 2), second)
    # Adam's first step is η·g/(|g| + ε): about η·sign(g), however small g is
    adam = after(run(network, [rate], 1, optimizer="adam"))
    close(adam, {name: params[name] - rate * g[name] / (np.abs(g[name]) + 1e-8) for name in params})
    # RMSprop: s = (1 − ρ) g², p ← p − η g / (√s + ε)
    rmsprop = after(run(network, [rate], 1, optimizer="rmsprop"))
    close(rmsprop, {name: params[name] - rate * g[name] / (np.sqrt(0.1 * g[name] ** 2) + 1e-8) for name in params})


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_gradient_flow_is_the_size_of_each_layer_s_delta(activation):
    """With one example, δˡ = ∂C/∂bˡ: the flow is the mean |∂C/∂bˡ| from finite differences."""
    network = network_of(21, activation, examples=1)
    expected = [np.mean(np.abs(numerical_gradient(network, f"b{l}"))) for l in range(1, network.depth + 1)]
    np.testing.assert_allclose(gradient_flow(network), expected, rtol=1e-7)
