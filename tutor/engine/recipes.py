"""How each named quantity is computed and explained: one recipe per quantity, in chapter order.

A recipe computes its value from values already known (so a learner's accepted values can stand in
for the engine's) and explains itself three ways: the rule, the formula, the formula with numbers.
Symbols follow the chapter; a lesson may rename some (the worked example calls a₂ "L").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator, Mapping

import numpy as np

from . import backprop as bp
from .activations import activation
from .formatting import format_number, format_value
from .network import Network

Known = Mapping[str, np.ndarray]
_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


@dataclass(frozen=True)
class Recipe:
    """One quantity before it is computed: what it is, and how to get it."""

    name: str
    phase: str
    symbol: str
    meaning: str
    rule: str
    formula: str
    inputs: tuple[str, ...]
    compute: Callable[[Known], np.ndarray]
    describe: Callable[[Known, np.ndarray], str] | None = None  # → "formula = numbers = value"


def show(value: np.ndarray, paren: bool = False) -> str:
    """A value inside a formula: a plain number when it is one, else in brackets.

    With `paren`, a negative number is put in parentheses, as it must be after × or −.
    """
    value = np.asarray(value)
    if value.size != 1:
        return f"[{format_value(value)}]"
    text = format_number(float(value.reshape(-1)[0]))
    return f"({text})" if paren and text.startswith("-") else text


def equation(*sides: str) -> str:
    """'a = b = c', leaving out a side that repeats the one before (a = z = 2, not a = z = 2 = 2)."""
    kept: list[str] = []
    for side in sides:
        if side and (not kept or side != kept[-1].rsplit(" = ", 1)[-1]):
            kept.append(side)
    return " = ".join(kept)


def first(value: np.ndarray) -> np.ndarray:
    """The first example's row of a per-example quantity."""
    return np.asarray(value)[0]


class Symbols:
    """How each quantity is written: z₁, a₀, w₂ for a single weight, W₂ for a matrix; lesson overrides win."""

    def __init__(self, network: Network, overrides: Mapping[str, str] | None = None):
        self.network = network
        self.overrides = dict(overrides or {})

    def __call__(self, name: str) -> str:
        if name in self.overrides:
            return self.overrides[name]
        if name == "loss":
            return "C"
        if name == "y":
            return "y"
        if name == "a0":
            return "x"
        base, _, layer = name.rstrip("0123456789"), None, name[len(name.rstrip("0123456789")):]
        if base == "W" and self.network.layers[int(layer) - 1].weights.size == 1:
            base = "w"
        return base + layer.translate(_SUB)

    def gradient(self, of: str, name: str) -> str:
        return f"∂{of}/∂{self(name)}"


def build(network: Network, overrides: Mapping[str, str] | None = None) -> Iterator[Recipe]:
    """Every recipe of `network`, in the order a learner meets them."""
    sym = Symbols(network, overrides)
    depth = network.depth
    scalar = network.examples == 1 and all(layer.weights.size == 1 for layer in network.layers)
    n = network.examples
    x = "×" if scalar else "·"
    note = "" if n == 1 else " (first example; every row the same way)"

    yield Recipe("a0", "given", sym("a0"), "the input, one row per example", "given", "given",
                 (), lambda k: network.inputs)
    yield Recipe("y", "given", sym("y"), "the target, one row per example", "given", "given",
                 (), lambda k: network.targets)
    for l, layer in enumerate(network.layers, start=1):
        yield Recipe(f"W{l}", "given", sym(f"W{l}"), f"the weights of layer {l}", "given", "given",
                     (), lambda k, w=layer.weights: w)
        yield Recipe(f"b{l}", "given", sym(f"b{l}"), f"the biases of layer {l}", "given", "given",
                     (), lambda k, b=layer.biases: b)

    # --- forward: zˡ = Wˡ aˡ⁻¹ + bˡ, aˡ = σ(zˡ) ----------------------------------------------
    for l, layer in enumerate(network.layers, start=1):
        z, a, a_prev, w, b = f"z{l}", f"a{l}", f"a{l - 1}", f"W{l}", f"b{l}"
        z_formula = f"{sym(z)} = {sym(w)} {sym(a_prev)} + {sym(b)}"

        def describe_z(k, v, z_formula=z_formula, a_prev=a_prev, w=w, b=b):
            numbers = f"{show(k[w])} {x} {show(first(k[a_prev]), True)} + {show(k[b], True)}"
            return equation(z_formula, numbers, show(first(v))) + note

        yield Recipe(z, "forward", sym(z), f"the weighted input of layer {l} (before its activation)",
                     "Forward pass, linear part: each unit adds up its weighted inputs and its bias.",
                     z_formula, (a_prev, w, b),
                     lambda k, a_prev=a_prev, w=w, b=b: bp.pre_activation(k[a_prev], k[w], k[b]), describe_z)

        act = activation(layer.activation)
        if layer.activation == "identity":
            a_formula = f"{sym(a)} = {sym(z)}"
            rule = "Forward pass, activation: this layer has no activation (the identity), so a = z."
        else:
            a_formula = f"{sym(a)} = {act.symbol}({sym(z)})"
            rule = f"Forward pass, activation: apply {act.name} to z, element by element."

        def describe_a(k, v, a_formula=a_formula, z=z, act=act):
            inner = show(first(k[z]))
            middle = inner if act.name == "identity" else f"{act.symbol}({inner})"
            return equation(a_formula, middle, show(first(v))) + note

        yield Recipe(a, "forward", sym(a), f"the activation (output) of layer {l}", rule, a_formula, (z,),
                     lambda k, z=z, act=act: act.function(k[z]), describe_a)

    # --- the cost -------------------------------------------------------------------------------
    out, cost = f"a{depth}", sym("loss")
    if n == 1 and network.targets.size == 1:
        loss_formula = f"{cost} = ½({sym('y')} − {sym(out)})²"
    else:
        loss_formula = f"{cost} = 1/(2n) Σₓ ‖{sym('y')} − {sym(out)}‖²"

    def describe_loss(k, v):
        if n == 1 and network.targets.size == 1:
            return equation(loss_formula, f"½({show(k['y'])} − {show(k[out], True)})²", show(v))
        total = float(np.sum((k["y"] - k[out]) ** 2))
        return equation(loss_formula, f"1/(2×{n}) × {format_number(total)}", show(v))

    yield Recipe("loss", "loss", cost, "the cost: half the mean squared error over the examples",
                 "The cost is the mean squared error: half the squared distance between target and output, "
                 "averaged over the examples.", loss_formula, ("y", out),
                 lambda k: bp.squared_error_cost(k["y"], k[out]), describe_loss)

    # --- backward: δ and the gradients of C, then (one output) of the output L itself ----------
    yield from _backward(network, sym, True, "delta", "d", x, note)
    if network.targets.shape[1] == 1:
        yield from _backward(network, sym, False, "dL_dz", "dL_d", x, note)

    # --- the update -----------------------------------------------------------------------------
    yield from _update(network, sym, x)


def _backward(network: Network, sym: Symbols, cost: bool, delta_name: str, prefix: str,
              x: str, note: str) -> Iterator[Recipe]:
    """δˡ (or ∂L/∂zˡ) from the output back to layer 1, each followed by its W and b gradients."""
    depth, n = network.depth, network.examples
    of = sym("loss") if cost else sym(f"a{depth}")
    mean = "" if n == 1 else "(1/n) Σₓ "
    for l in range(depth, 0, -1):
        act = activation(network.layers[l - 1].activation)
        d, z, a_prev = f"{delta_name}{l}", f"z{l}", f"a{l - 1}"
        d_sym = f"δ{str(l).translate(_SUB)}" if cost else f"∂{of}/∂{sym(z)}"
        identity = act.name == "identity"
        prime = "" if identity else f" {act.symbol}′({sym(z)})"  # the identity's derivative, 1, goes unwritten
        if l == depth:
            if cost:
                formula = f"{d_sym} = −({sym('y')} − {sym(f'a{l}')}){prime}"
                rule = (f"Chain rule at the output: δ = ∂{of}/∂a · ∂a/∂z, with ∂{of}/∂a = −(y − a) and "
                        f"∂a/∂z = {act.derivative_rule}.")
                inputs = ("y", f"a{l}", z)
                compute = (lambda k, l=l, z=z, act=act: (k[f"a{l}"] - k["y"]) * act.derivative(k[z]))
            else:
                formula = f"{d_sym} = {prime.strip() or '1'}"
                rule = f"The output is {sym(f'a{l}')} = {act.symbol}({sym(z)}), so its derivative is {act.derivative_rule}."
                inputs = (z,)
                compute = lambda k, z=z, act=act: act.derivative(k[z])
        else:
            up, w_up = f"{delta_name}{l + 1}", f"W{l + 1}"
            up_sym = f"δ{str(l + 1).translate(_SUB)}" if cost else f"∂{of}/∂{sym(f'z{l + 1}')}"
            formula = (f"{d_sym} = {up_sym} {sym(w_up)}{prime}" if x == "×"
                       else f"{d_sym} = ({sym(w_up)}ᵀ {up_sym})" + (f" ⊙{prime}" if prime else ""))
            rule = (f"Backpropagation: send the next layer's gradient back through its weights, then "
                    f"multiply by this layer's derivative ({act.derivative_rule}).")
            inputs = (up, w_up, z)
            compute = lambda k, up=up, w_up=w_up, z=z, act=act: bp.send_back(k[up], k[w_up]) * act.derivative(k[z])

        def describe_delta(k, v, formula=formula, inputs=inputs, act=act, z=z, l=l, identity=identity):
            deriv = "" if identity else show(first(act.derivative(k[z])))
            times = f" {x} {deriv}" if deriv else ""
            if l == depth and cost:
                numbers = f"−({show(first(k['y']))} − {show(first(k[f'a{l}']), True)}){times}"
            elif l == depth:
                numbers = deriv or "1"
            elif x == "×":
                numbers = f"{show(first(k[inputs[0]]))} × {show(k[inputs[1]], True)}{times}"
            else:
                back = show(first(bp.send_back(k[inputs[0]], k[inputs[1]])))
                numbers = back + (f" ⊙ {deriv}" if deriv else "")
            return equation(formula, numbers, show(first(v))) + note

        what = "how the cost of one example changes with" if cost else f"how the output {of} changes with"
        yield Recipe(d, "backward", d_sym, f"{what} z of layer {l} (one row per example)", rule, formula,
                     inputs, compute, describe_delta)

        w, b = f"W{l}", f"b{l}"
        dw_sym, db_sym = sym.gradient(of, w), sym.gradient(of, b)
        a_t = sym(a_prev) + ("" if x == "×" else "ᵀ")
        dw_formula = f"{dw_sym} = {mean}{d_sym} {a_t}"
        db_formula = f"{db_sym} = {mean}{d_sym}"

        def describe_dw(k, v, dw_formula=dw_formula, d=d, a_prev=a_prev):
            if n == 1:
                return equation(dw_formula, f"{show(first(k[d]))} {x} {show(first(k[a_prev]), True)}", show(v))
            return equation(dw_formula, f"the mean over the {n} examples", show(v))

        def describe_db(k, v, db_formula=db_formula, d=d):
            if n == 1:
                return equation(db_formula, show(v))
            return equation(db_formula, f"the mean of the rows of {show(k[d])}", show(v))

        yield Recipe(f"{prefix}{w}", "backward", dw_sym, f"the gradient of {of} with respect to the weights of layer {l}",
                     "A weight's gradient is the δ of the unit it feeds times the activation it multiplies"
                     + (" (averaged over the examples)." if n > 1 else "."),
                     dw_formula, (d, a_prev), lambda k, d=d, a_prev=a_prev: bp.weight_gradient(k[d], k[a_prev]),
                     describe_dw)
        yield Recipe(f"{prefix}{b}", "backward", db_sym, f"the gradient of {of} with respect to the biases of layer {l}",
                     "A bias's gradient is its unit's δ, because ∂z/∂b = 1"
                     + (" (averaged over the examples)." if n > 1 else "."),
                     db_formula, (d,), lambda k, d=d: bp.bias_gradient(k[d]), describe_db)


def _update(network: Network, sym: Symbols, x: str) -> Iterator[Recipe]:
    """Wˡ_new and bˡ_new for the trainable parameters, then the output and the cost they give."""
    ascent = network.update == "output-ascent"
    of, sign, prefix = (sym(f"a{network.depth}"), "+", "dL_d") if ascent else (sym("loss"), "−", "d")
    eta = network.learning_rate
    rule = ("The chapter's worked example steps along the output's gradient to push the output up: "
            "w ← w + η ∂L/∂w." if ascent else
            f"Gradient descent: step against the gradient, scaled by the learning rate η: w ← w − η ∂{of}/∂w.")
    new_names = []
    for p in network.trainable_names():
        grad = f"{prefix}{p}"
        formula = f"{sym(p)} ← {sym(p)} {sign} η {sym.gradient(of, p)}"

        def describe(k, v, formula=formula, p=p, grad=grad):
            return equation(formula, f"{show(k[p])} {sign} {format_number(eta)} {x} {show(k[grad], True)}", show(v))

        step = +eta if ascent else -eta
        new_names.append(f"{p}_new")
        yield Recipe(f"{p}_new", "update", f"{sym(p)} (new)", f"{sym(p)} after one update step", rule, formula,
                     (p, grad), lambda k, p=p, grad=grad, step=step: k[p] + step * k[grad], describe)

    depth = network.depth
    out = f"a{depth}"

    def new_output(k):
        a = k["a0"]
        for l, layer in enumerate(network.layers, start=1):
            w = k.get(f"W{l}_new", k[f"W{l}"])
            b = k.get(f"b{l}_new", k[f"b{l}"])
            a = activation(layer.activation).function(bp.pre_activation(a, w, b))
        return a

    def describe_output(k, v):
        # Spell the forward pass out again, with the new parameters, as the chapter's "Did it work?"
        a, steps = k["a0"], []
        for l, layer in enumerate(network.layers, start=1):
            w = k.get(f"W{l}_new", k[f"W{l}"])
            b = k.get(f"b{l}_new", k[f"b{l}"])
            z = bp.pre_activation(a, w, b)
            steps.append(f"{sym(f'z{l}')} = {show(w)} {x} {show(first(a), True)} + {show(b, True)} = {show(first(z))}")
            a = activation(layer.activation).function(z)
            if layer.activation != "identity":
                steps.append(f"{sym(f'a{l}')} = {show(first(a))}")
        return "with the new parameters: " + ", ".join(steps) + ("" if network.examples == 1 else " (first example)")

    params = tuple(network.parameter_names())
    yield Recipe(f"{out}_new", "update", f"{sym(out)} (new)", "the output after the update",
                 "Did it work? Run the forward pass again with the new parameters.",
                 f"{sym(out)} (new) = the forward pass with the new parameters",
                 ("a0", *params, *new_names), new_output, describe_output)
    cost = sym("loss")
    yield Recipe("loss_new", "update", f"{cost} (new)", "the cost after the update",
                 "The same cost as before, with the new output.",
                 f"{cost} (new) = 1/(2n) Σₓ ‖{sym('y')} − {sym(out)} (new)‖²", ("y", f"{out}_new"),
                 lambda k: bp.squared_error_cost(k["y"], k[f"{out}_new"]),
                 lambda k, v: f"{cost} (new) = {show(v)}")
