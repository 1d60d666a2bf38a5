"""The computation graph of a lesson's network, as the learner has filled it in so far.

`chain(session)` lays out x → z₁ → a₁ → … → C: each node with its value per unit (or `?` while
the learner has not computed it) and, when the lesson goes backward, its gradient δ (∂L/∂z under
the chapter's output-ascent rule); in a lesson that asks ∂C/∂aˡ = (Wˡ⁺¹)ᵀ δˡ⁺¹, each hidden aˡ shows
it too, the gradient flowing back between the layers. A layer with the identity activation is one node, since its
a equals its z, and a gradient that is trivially 1 (∂L/∂L at an identity output) is left out.
Quantities the lesson asks that are not on the chain (∂C/∂W₂, W₁ (new), a lesson's own formulas,
one element, a shape: "shape of ∂C/∂W₂ = 2×3") are listed as `extras`.

Beside the chain, `givens` are what every step is computed from, in the lesson's own symbols: the
input, the parameters, the target and, when the lesson updates its parameters, the learning rate
(x = 2, w₁ = 0.5, …, L_target = 5, α = 0.2).

What is known: the given values (x, y), what the learner answered or revealed, what the
lesson never asks once everything it is computed from is known (the tutor fills those in), and in
a review the steps before the one asked (filled in too).
Plain Python (no Textual): the widget in `tutor.ui.widgets.graph` only draws this.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tutor.engine.formatting import format_number, format_value
from tutor.engine.network import Network

from .session import LessonSession

GIVEN, YOURS, REVEALED, FILLED, UNKNOWN = "given", "yours", "revealed", "filled", "unknown"
# How a finished step shows: answered, revealed, or known before the step a review asks.
AS_DONE = {"correct": YOURS, "revealed": REVEALED, "known": FILLED}


@dataclass(frozen=True)
class Cell:
    """One quantity as the graph shows it: one text per unit (or one for a scalar)."""

    symbol: str
    rows: tuple[str, ...]  # "?" for each unit while unknown
    state: str  # GIVEN | YOURS | REVEALED | FILLED | UNKNOWN
    asked: bool = False  # the step on screen asks for it

    @property
    def known(self) -> bool:
        return self.state != UNKNOWN


@dataclass(frozen=True)
class Node:
    """A node of the chain: a value, and its gradient when the lesson goes backward."""

    value: Cell
    gradient: Cell | None = None

    @property
    def asked(self) -> bool:
        return self.value.asked or (self.gradient is not None and self.gradient.asked)


@dataclass(frozen=True)
class Chain:
    nodes: tuple[Node, ...]
    extras: tuple[Cell, ...]
    backward: bool  # whether gradients are shown at all
    givens: tuple[Cell, ...] = ()  # x, the weights and biases, the target, the learning rate


def given_names(network: Network) -> list[str]:
    """The given quantities in the order a learner reads them: input, parameters, target."""
    parameters = [f"{kind}{l}" for l in range(1, network.depth + 1) for kind in ("W", "b")]
    return ["a0", *parameters, "y"]


def givens(session: LessonSession) -> tuple[Cell, ...]:
    """What the lesson gives, each as `symbol = value`; the learning rate when a step updates."""
    lesson, solution = session.lesson, session.solution
    cells = [Cell(solution[name].symbol, (format_value(solution[name].value),), GIVEN)
             for name in given_names(solution.network) if name in solution]
    if any(lesson.phase(step, solution) == "update" for step in lesson.asked_steps()):
        rate = format_number(solution.network.learning_rate)
        cells.append(Cell(solution.symbols.learning_rate, (rate,), GIVEN))
    return tuple(cells)


def _rows(value: np.ndarray, per_unit: bool) -> tuple[str, ...]:
    """One text per unit; each lists that unit's value for every example."""
    value = np.asarray(value, dtype=np.float64)
    if per_unit and value.ndim == 2 and value.shape[1] > 1:
        return tuple(", ".join(format_number(v) for v in value[:, j]) for j in range(value.shape[1]))
    if per_unit and value.ndim == 2:
        return (", ".join(format_number(v) for v in value[:, 0]),)
    return (format_value(value),)


def known_states(session: LessonSession) -> dict[str, str]:
    """Every quantity the graph may show, with how it came to be known."""
    solution, done = session.solution, session.done_names()
    asked = {step.name for step in session.lesson.asked_steps() if not step.asks_shape}
    # With the identity activation a equals z: asking either asks both, and answering one gives both.
    twins = {}
    for l, layer in enumerate(solution.network.layers, start=1):
        if layer.activation == "identity":
            twins |= {f"z{l}": f"a{l}", f"a{l}": f"z{l}"}
    asked |= {twins[name] for name in asked if name in twins}
    known: dict[str, str] = {}
    for name in solution.names():
        quantity = solution[name]
        done_as = done.get(name) or done.get(twins.get(name, ""))
        if quantity.phase == "given":
            known[name] = GIVEN
        elif done_as:
            known[name] = AS_DONE[done_as]
        elif name not in asked and all(i in known for i in quantity.inputs):
            known[name] = FILLED
    return known


def chain(session: LessonSession) -> Chain:
    """The graph for the page on screen."""
    lesson, solution = session.lesson, session.solution
    network = solution.network
    known = known_states(session)
    asked_now = None if session.step is None or session.step.asks_shape else session.asked_name()
    asked_phases = {lesson.phase(step, solution) for step in lesson.asked_steps()}
    backward = bool(asked_phases & {"backward", "update"})
    gradient_prefix = "dL_dz" if network.update == "output-ascent" else "delta"
    sent_back_prefix = "dL_da" if network.update == "output-ascent" else "da"
    asked_names = {step.name for step in lesson.asked_steps()}
    # ∂C/∂aˡ = (Wˡ⁺¹)ᵀ δˡ⁺¹ beside aˡ, between the layers, when the lesson teaches it (asks one)
    hidden = [l for l in range(1, network.depth) if network.layers[l - 1].activation != "identity"]
    sent_back = ({f"{sent_back_prefix}{l}" for l in hidden} | (asked_names & {f"{sent_back_prefix}0"})
                 if any(f"{sent_back_prefix}{l}" in asked_names for l in range(network.depth)) else set())

    def gradient(layer: int) -> Cell | None:
        name = f"{gradient_prefix}{layer}"
        if not backward or name not in solution or solution[name].trivial:
            return None  # ∂L/∂L = 1 at an identity output says nothing
        return cell(name)

    def sent_back_to(layer: int) -> Cell | None:
        name = f"{sent_back_prefix}{layer}"
        return cell(name) if backward and name in sent_back else None

    def cell(*names: str, per_unit: bool = True) -> Cell:
        names = tuple(n for n in names if n in solution)
        main = next((n for n in names if n in known), names[0])
        symbol = " = ".join(dict.fromkeys(solution[n].symbol for n in names))
        value = solution[main].value
        units = value.shape[1] if per_unit and value.ndim == 2 else 1
        state = known.get(main, UNKNOWN)
        rows = _rows(value, per_unit) if state != UNKNOWN else ("?",) * units
        return Cell(symbol, rows, state, asked=asked_now in names)

    nodes = [Node(cell("a0"), sent_back_to(0))]
    for l, layer in enumerate(network.layers, start=1):
        if layer.activation == "identity":  # δ and ∂C/∂a are one: the node shows δ
            nodes.append(Node(cell(f"z{l}", f"a{l}"), gradient(l)))
        else:
            nodes += [Node(cell(f"z{l}"), gradient(l)), Node(cell(f"a{l}"), sent_back_to(l))]
    nodes.append(Node(cell("loss", per_unit=False)))  # its target is among the givens

    on_chain = ({"a0", "loss"} | sent_back
                | {f"{k}{l}" for l in range(1, network.depth + 1) for k in ("z", "a", gradient_prefix)})
    extras = []
    for step in dict((s.key, s) for s in lesson.asked_steps()).values():
        if step.gives_value and step.name in on_chain:
            continue
        if step.gives_value:
            extras.append(cell(step.name, per_unit=False))
            continue
        state = session.states[step.key]  # one element, or a shape
        value = lesson.shown(step, solution) if state.done else "?"
        status = AS_DONE[state.status] if state.done else UNKNOWN
        extras.append(Cell(lesson.symbol(step, solution), (value,), status, asked=session.step is step))
    return Chain(tuple(nodes), tuple(extras), backward, givens(session))
