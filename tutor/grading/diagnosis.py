"""Which mistake a wrong number comes from: the engine recomputes the quantity the common wrong ways.

For the asked quantity, `candidates` rebuilds it under each classic slip (sign flipped, σ′ left out,
σ where σ′ belongs, σ′ taken at a instead of z, the input factor dropped, the ½ or the 1/n of the
cost mishandled, ascent instead of descent, updated weights used on the way back, W not transposed,
η applied twice or not at all). Each is computed from the same values the right answer is computed
from (the learner's own, with follow-through), so the diagnosis works on any network. When the
learner's number matches one, `diagnose` names it and points at the term to fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, Mapping

import numpy as np

from tutor.engine import Solution, element
from tutor.engine import backprop as bp
from tutor.engine.activations import activation
from tutor.engine.formatting import format_number

from .tolerance import Tolerance


@dataclass(frozen=True)
class Candidate:
    """One way to get the quantity wrong: a stable code, what to tell the learner, the wrong value."""

    code: str
    message: str
    value: np.ndarray


@dataclass(frozen=True)
class Mistake:
    """The mistake a wrong answer matches."""

    code: str
    message: str


def diagnose(answer: np.ndarray, expected: np.ndarray, candidates: list[Candidate],
             tolerance: Tolerance, index: tuple[int, ...] | None = None) -> Mistake | None:
    """The first candidate the answer matches, skipping any that cannot be told from the right value."""
    answer = np.asarray(answer, dtype=np.float64)
    for candidate in candidates:
        try:
            wrong = np.asarray(element(candidate.value, index), dtype=np.float64)
        except (IndexError, ValueError):
            continue
        if wrong.shape != expected.shape or not np.all(np.isfinite(wrong)):
            continue
        if tolerance.accepts(wrong, expected).all():
            continue  # this slip changes nothing here (σ′ = 1 for the identity, say)
        if tolerance.accepts(answer.reshape(wrong.shape), wrong).all():
            return Mistake(candidate.code, candidate.message)
    return None


_LAYERED = re.compile(r"^(z|a|delta|dL_dz|dW|db|dL_dW|dL_db|W|b)(\d+)(_new)?$")


def candidates(solution: Solution, name: str) -> list[Candidate]:
    """Every classic wrong version of quantity `name` that applies to this network."""
    found: list[Candidate] = []
    if name == "loss":
        found = list(_loss(solution))
    else:
        match = _LAYERED.match(name)
        if match:
            kind, layer, new = match.group(1), int(match.group(2)), match.group(3)
            if new and kind in ("W", "b"):
                found = list(_update(solution, f"{kind}{layer}"))
            elif not new and kind in ("z", "a"):
                found = list(_forward(solution, kind, layer))
            elif not new:
                found = list(_backward(solution, kind, layer))
    if name in solution and np.any(solution[name].value != 0):
        found.insert(0, Candidate("sign-flipped", _sign_message(solution, name), -solution[name].value))
    return found


def _sym(solution: Solution, name: str) -> str:
    return solution[name].symbol


def _sign_message(solution: Solution, name: str) -> str:
    if name.startswith(("delta", "dW", "db")):
        return (f"The size is right but the sign is flipped. At the output ∂C/∂a = −(y − a) = a − y: "
                f"check that sign and carry it through to {_sym(solution, name)}.")
    return f"The size is right but the sign is flipped: check the sign of each term of {_sym(solution, name)}."


# --- forward pass ----------------------------------------------------------------------------------


def _forward(solution: Solution, kind: str, l: int) -> Iterator[Candidate]:
    k = solution.values()
    layer = solution.network.layers[l - 1]
    z, a = _sym(solution, f"z{l}"), _sym(solution, f"a{l}")
    if kind == "a":
        yield Candidate("activation-not-applied", f"That is {z}, before the activation: {a} = {activation(layer.activation).symbol}({z}).",
                        k[f"z{l}"])
        yield Candidate("derivative-instead-of-activation",
                        f"That is σ′({z}), the derivative; {a} is the activation itself, σ({z}).",
                        activation(layer.activation).derivative(k[f"z{l}"]))
        return
    w, b, prev = k[f"W{l}"], k[f"b{l}"], k[f"a{l - 1}"]
    if l > 1:
        yield Candidate("preactivation-for-activation",
                        f"You multiplied {_sym(solution, f'W{l}')} by {_sym(solution, f'z{l - 1}')}; it multiplies the "
                        f"previous layer's activation {_sym(solution, f'a{l - 1}')}, after σ.",
                        bp.pre_activation(k[f"z{l - 1}"], w, b))
    yield Candidate("bias-left-out", f"The bias {_sym(solution, f'b{l}')} is missing: {z} = W a + b.", prev @ w.T)
    if w.shape[0] == w.shape[1] and w.shape[0] > 1:
        yield Candidate("weights-not-transposed",
                        f"Each unit uses its own ROW of {_sym(solution, f'W{l}')}: unit i computes Σⱼ Wᵢⱼ aⱼ + bᵢ.",
                        prev @ w + b)


def _loss(solution: Solution) -> Iterator[Candidate]:
    c, n = solution["loss"].value, solution.network.examples
    yield Candidate("factor-two", "That is twice the cost: C = ½ Σ(y − a)², so halve the squared error.", 2 * c)
    yield Candidate("factor-two", "That is half the cost: the ½ appears once, C = ½(y − a)².", c / 2)
    if n > 1:
        yield Candidate("factor-n", f"That is n = {n} times the cost: C averages over the examples, divide by n.", n * c)
        yield Candidate("factor-n", f"That is the cost divided by n = {n} once too often: C = 1/(2n) Σ ‖y − a‖².", c / n)
        yield Candidate("factor-n", f"That is the sum of squared errors: C = 1/(2n) Σ ‖y − a‖² needs the 1/(2n).", 2 * n * c)


# --- backward pass ---------------------------------------------------------------------------------


def _delta_variants(solution: Solution, l: int, cost: bool) -> Iterator[tuple[str, str, np.ndarray]]:
    """Wrong versions of δˡ (or ∂L/∂zˡ) built from the right upstream values."""
    k, network = solution.values(), solution.network
    depth, n = network.depth, network.examples
    act = activation(network.layers[l - 1].activation)
    z, a = k[f"z{l}"], k[f"a{l}"]
    d_name = f"delta{l}" if cost else f"dL_dz{l}"
    d, zs, as_ = _sym(solution, d_name), _sym(solution, f"z{l}"), _sym(solution, f"a{l}")
    if l == depth:
        upstream = (a - k["y"]) if cost else np.ones_like(a)
        up_words = "−(y − a)" if cost else "1"
    else:
        w_up = k[f"W{l + 1}"]
        upstream = bp.send_back(k[f"{'delta' if cost else 'dL_dz'}{l + 1}"], w_up)
        up_words = f"the δ sent back through {_sym(solution, f'W{l + 1}')}"
        if f"W{l + 1}_new" in k and not np.allclose(k[f"W{l + 1}_new"], w_up):
            yield ("updated-weights-in-backward-pass",
                   f"You sent δ back through the already-updated {_sym(solution, f'W{l + 1}')}; the backward pass "
                   f"uses the weights of the forward pass, before any update.",
                   bp.send_back(k[f"{'delta' if cost else 'dL_dz'}{l + 1}"], k[f"W{l + 1}_new"]) * act.derivative(z))
        if w_up.shape[0] == w_up.shape[1] and w_up.shape[0] > 1:
            yield ("weights-not-transposed",
                   f"Send δ back with the transpose, {_sym(solution, f'W{l + 1}')}ᵀ δ: the weights of unit i's "
                   f"outgoing connections are column i.",
                   (k[f"{'delta' if cost else 'dL_dz'}{l + 1}"] @ w_up.T) * act.derivative(z))
    if act.name != "identity":
        yield ("missing-activation-derivative",
               f"σ′({zs}) is missing: {d} = {up_words} × σ′({zs}), the activation's derivative.", upstream)
        yield ("activation-instead-of-derivative",
               f"You used σ({zs}) where σ′({zs}) = σ({zs})(1 − σ({zs})) belongs.", upstream * act.function(z))
        yield ("activation-for-preactivation",
               f"You took σ′ at {as_}; the derivative is taken at {zs}: σ′({zs}).", upstream * act.derivative(a))
    if cost and l == depth:
        yield ("factor-two", "That is twice δ: the ½ in C = ½(y − a)² cancels the 2 from the square, so ∂C/∂a = −(y − a).",
               2 * upstream * act.derivative(z))
        if n > 1:
            yield ("factor-n", "δ is per example: it is not divided by n (the 1/n comes in when the gradients are averaged).",
                   upstream * act.derivative(z) / n)


def _backward(solution: Solution, kind: str, l: int) -> Iterator[Candidate]:
    k, network = solution.values(), solution.network
    cost = kind in ("delta", "dW", "db")
    d_name = f"delta{l}" if cost else f"dL_dz{l}"
    if d_name not in k:
        return
    variants = list(_delta_variants(solution, l, cost))
    if kind in ("delta", "dL_dz"):
        yield from (Candidate(code, message, value) for code, message, value in variants)
        return
    a_prev, delta, n = k[f"a{l - 1}"], k[d_name], network.examples
    weights = kind in ("dW", "dL_dW")
    gradient = (lambda d: bp.weight_gradient(d, a_prev)) if weights else bp.bias_gradient
    for code, message, wrong_delta in variants:
        yield Candidate(code, message, gradient(wrong_delta))
    g = gradient(delta)
    target = _sym(solution, f"{'d' if cost else 'dL_d'}{'W' if weights else 'b'}{l}")
    if weights:
        yield Candidate("missing-input-factor",
                        f"The input factor is missing: {target} = {_sym(solution, d_name)} × {_sym(solution, f'a{l - 1}')}, "
                        f"the δ times the activation the weight multiplies.",
                        np.broadcast_to(bp.bias_gradient(delta)[..., None], g.shape))
        if l > 1:
            yield Candidate("preactivation-for-activation",
                            f"You multiplied by {_sym(solution, f'z{l - 1}')}; the weight multiplies the activation "
                            f"{_sym(solution, f'a{l - 1}')}, so use that.", bp.weight_gradient(delta, k[f"z{l - 1}"]))
        if g.shape[0] == g.shape[1] and g.shape[0] > 1:
            yield Candidate("weights-not-transposed", f"Rows and columns are swapped: {target} = δ aᵀ has one row per unit "
                            f"of layer {l}.", g.T)
    else:
        yield Candidate("extra-input-factor", f"A bias has no input to multiply: ∂z/∂b = 1, so {target} is just the δ "
                        f"(averaged over examples).", np.mean(delta * np.mean(a_prev, axis=-1, keepdims=True), axis=0))
    if n > 1:
        yield Candidate("factor-n", f"That is the sum over the {n} examples; {target} is their mean: divide by n.", n * g)
        yield Candidate("factor-n", f"You divided by n = {n} twice: δ is per example, and the gradient is its mean.", g / n)
    if cost:
        yield Candidate("factor-two", "That is twice the gradient: the ½ in C cancels the 2 from the square.", 2 * g)


# --- the update ------------------------------------------------------------------------------------


def _update(solution: Solution, parameter: str) -> Iterator[Candidate]:
    k, network = solution.values(), solution.network
    ascent = network.update == "output-ascent"
    grad = k[f"{'dL_d' if ascent else 'd'}{parameter}"]
    eta, old, sign = network.learning_rate, k[parameter], (1.0 if ascent else -1.0)
    p, eta_text = _sym(solution, parameter), format_number(eta)
    if ascent:
        yield Candidate("descent-instead-of-ascent",
                        f"You subtracted the step; this lesson's rule pushes the output up: {p} ← {p} + η ∂L/∂{p}.",
                        old - eta * grad)
    else:
        yield Candidate("ascent-instead-of-descent",
                        f"You stepped uphill: gradient descent subtracts, {p} ← {p} − η ∂C/∂{p}.", old + eta * grad)
    if eta != 1:
        yield Candidate("learning-rate-missing", f"The step is η times the gradient: multiply it by η = {eta_text} first.",
                        old + sign * grad)
        yield Candidate("learning-rate-twice", f"η = {eta_text} is applied twice: the step is η × gradient, once.",
                        old + sign * eta * eta * grad)
    yield Candidate("step-without-old-value", f"That is only the step; add it to the old value: {p} (new) = {p} "
                    f"{'+' if ascent else '−'} η × gradient.", sign * eta * grad)


def lesson_candidates(formulas: list[tuple[object, str]], values: Mapping[str, np.ndarray]) -> list[Candidate]:
    """A lesson's own expected mistakes for a step: (parsed expression, message) pairs."""
    out = []
    for expression, message in formulas:
        try:
            out.append(Candidate("lesson", message, np.asarray(expression.evaluate(values), dtype=np.float64)))
        except ValueError:
            continue
    return out
