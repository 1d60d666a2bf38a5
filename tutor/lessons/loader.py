"""Reading one lesson file into a `Lesson`, refusing anything the format does not allow.

Every problem names the file, the line (and column, for TOML syntax errors) or the field path
(`network.layers[1].weights`), what was expected and what was found. All problems of a file are
reported together, as one `LessonError`. A problem is a (field, message) pair, or (field, message,
text) when `text` (a placeholder, say) pins it to a line inside a long field.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import numpy as np

from tutor.engine import (
    ACTIVATIONS, LOSSES, OPTIMIZERS, UPDATE_RULES, Layer, Network, element, solve,
)
from tutor.engine.formatting import format_value
from tutor.engine.network import distribution_problems
from tutor.engine.notation import LEARNING_RATE
from tutor.expressions import ExpressionError, parse

from . import fields as f
from . import placeholders
from .derived import Derived, add_derived, network_names
from .errors import LessonError, Problem
from .locate import line_of
from .model import ExpectedMistake, Lesson, Replay, Step, ToleranceRule, Training, TrainingRun, parse_ask
from .requirements import Requirement, read_requirement

FORMAT_VERSION = 1
ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
PHASE_NAMES = ("forward", "loss", "backward", "update")


def load_lesson(path: str | Path) -> Lesson:
    """The lesson in `path`; LessonError lists every problem if it cannot be used."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raw = error.object
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise LessonError([Problem(path, f"is not UTF-8 text (found byte 0x{raw[error.start]:02x}); save it as UTF-8",
                                   line=line, column=column)]) from None
    except OSError as error:
        raise LessonError([Problem(path, f"cannot be read: {error.strerror or error}")]) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise LessonError([_syntax_problem(path, error)]) from None
    problems: list[tuple[str, ...]] = []
    lesson = _read(path, data, problems)
    if problems or lesson is None:
        raise LessonError([Problem(path, message, line=line_of(text, field, *pin), field=field)
                           for field, message, *pin in problems])
    return lesson


def _syntax_problem(path: Path, error: tomllib.TOMLDecodeError) -> Problem:
    message = str(error)
    match = re.search(r"\(at line (\d+), column (\d+)\)", message)
    if match:
        message = message[: match.start()].strip()
        return Problem(path, f"TOML syntax error: {message}", line=int(match.group(1)), column=int(match.group(2)))
    return Problem(path, f"TOML syntax error: {message}")


def _read(path: Path, data: dict, problems: list[tuple[str, ...]]) -> Lesson | None:
    top = f.Table(data, "", problems)
    version = top.take("format_version", f.integer_between(1, 1000), default=FORMAT_VERSION)
    if version > FORMAT_VERSION:
        top.fail("format_version", f"this tutor reads lesson format {FORMAT_VERSION}; found {version} (update tutor)")
    lesson_id = top.take("id", _lesson_id, required=True)
    title = top.take("title", f.nonempty_text, required=True)
    summary = top.take("summary", f.text, default="")
    section = top.take("section", f.text, default="")
    minutes = top.take("minutes", f.integer_between(1, 60))
    intro = top.take("intro", f.text, default="")
    outro = top.take("outro", f.text, default="")
    symbols = top.take("symbols", f.table_of_text, default={})
    tolerance = _tolerance(top, "tolerance") or ToleranceRule()
    network = _network(top.sub("network")) if top.has("network") else top.take("network", None, required=True)
    derived_table = top.sub("derived")
    step_tables = top.take("steps", f.list_of_tables, default=None)
    top.taken.add("replay")
    replay_table = top.sub("replay") if top.has("replay") else None
    training = _training(top.sub("training"), network) if top.has("training") else None
    practice_table = top.sub("practice")
    fixed = practice_table.take("fixed", f.list_of_text, default=[])
    requires = _requirements(practice_table)
    practice_table.finish()
    top.finish()
    if network is None:
        return None

    # The network is sound: the engine can name every quantity, and the rest can be checked against it.
    with np.errstate(all="ignore"):
        solution = solve(network, symbols=symbols)
    derived = _derived(derived_table, solution, problems)
    unknown_symbols = sorted(set(symbols) - set(solution.quantities) - {d.name for d in derived} - {LEARNING_RATE})
    for name in unknown_symbols:
        top.fail(f"symbols.{name}", "names no quantity of this lesson (tutor solve lists them) and is not learning_rate")
    givens = solution.names("given")
    for i, name in enumerate(fixed):
        if name not in givens:
            top.fail(f"practice.fixed[{i}]", f"expected a given value ({', '.join(givens)}); found {name!r}")
    names = set(solution.values()) | {"learning_rate", "n"}
    steps = _steps(step_tables, names, problems) if step_tables is not None else None
    replay = _replay(replay_table, network) if replay_table is not None else None
    if problems:
        return None
    if steps is None:
        steps = tuple(Step(i, ask) for i, ask in enumerate(solution.walk()))
    written = Lesson(
        path, lesson_id, title, network, steps, summary or title, section, minutes, intro, outro,
        symbols, tolerance, derived, replay, version, frozenset(fixed), training, tuple(requires),
    )
    written.remember(solution)  # the engine's solution with the derived quantities: worked out above
    _check_answers(written, problems)
    if problems:
        return None
    values = {**network_names(network), **solution.values()}
    _check_requirements(written, values, problems)
    for field, text, answer in placeholders.texts(written):
        for source, message in placeholders.problems(text, values, answer):
            problems.append((field, message, source))
    return None if problems else placeholders.render_lesson(written, values)


def _lesson_id(value, field, table):
    value = f.text(value, field, table)
    if not ID.match(value):
        raise f.Wrong(f"expected kebab-case (lowercase words joined by -, like 'chain-rule'), found {value!r}")
    return value


def _tolerance(table: f.Table, key: str) -> ToleranceRule | None:
    if not table.has(key):
        table.taken.add(key)
        return None
    sub = table.sub(key)
    sig_figs = sub.take("sig_figs", f.integer_between(1, 10), default=3)
    if sub.has("absolute"):
        sub.fail(sub.field("absolute"), "is no longer read: an answer must agree with the engine to sig_figs "
                                        "significant figures at every scale, and an entry that is 0 is judged "
                                        "against the size of its quantity; remove `absolute`")
        sub.taken.add("absolute")
    sub.finish()
    return ToleranceRule(sig_figs)


def _network(table: f.Table) -> Network | None:
    inputs = table.take("inputs", f.matrix, required=True)
    targets = table.take("targets", f.matrix, required=True)
    loss = table.take("loss", f.one_of(*LOSSES), default="mse")
    learning_rate = table.take("learning_rate", f.positive_number, required=True)
    update = table.take("update", f.one_of(*UPDATE_RULES), default="descent")
    trainable = table.take("trainable", f.list_of_text, default=None)
    layer_tables = table.take("layers", f.list_of_tables, required=True, default=None)
    table.finish()
    before = len(table.problems)
    layers = []
    previous = len(inputs[0]) if inputs else None
    for i, data in enumerate(layer_tables or []):
        layer = f.Table(data, f"{table.path}.layers[{i}]", table.problems)
        weights = layer.take("weights", f.matrix, required=True)
        biases = layer.take("biases", f.vector, required=True)
        act = layer.take("activation", f.one_of(*ACTIVATIONS), required=True)
        layer.finish()
        if weights is None:
            previous = None
            continue
        if previous is not None and len(weights[0]) != previous:
            source = "input (column of network.inputs)" if i == 0 else f"unit of layer {i} (row of network.layers[{i - 1}].weights)"
            layer.fail(layer.field("weights"), f"expected {f.count(previous, 'column')}, one per {source}; found {len(weights[0])}")
        if biases is not None and len(biases) != len(weights):
            layer.fail(layer.field("biases"), f"expected {f.count(len(weights), 'entry')}, one per row of weights; found {len(biases)}")
        previous = len(weights)
        layers.append(Layer(np.array(weights), np.array(biases or [0.0] * len(weights)), act or "identity"))
    if layer_tables == []:
        table.fail(table.field("layers"), "expected at least one [[network.layers]]")
    if inputs and targets:
        if len(targets) != len(inputs):
            table.fail(table.field("targets"), f"expected {f.count(len(inputs), 'row')}, one per example (row of inputs); found {len(targets)}")
        if previous is not None and layers and len(targets[0]) != previous:
            table.fail(table.field("targets"), f"expected {f.count(previous, 'column')}, one per output unit; found {len(targets[0])}")
    names = [f"{k}{l}" for l in range(1, len(layer_tables or []) + 1) for k in ("W", "b")]
    for i, name in enumerate(trainable or []):
        if name not in names:
            table.fail(f"{table.field('trainable')}[{i}]", f"expected a parameter name ({', '.join(names)}); found {name!r}")
    if update == "output-ascent" and layers and previous != 1:
        table.fail(table.field("update"), f"output-ascent needs a single output unit; this network has {previous}")
    if len(layers) == len(layer_tables or []):
        _check_softmax(table, layers, loss or "mse", targets)
    if len(table.problems) > before or inputs is None or targets is None or learning_rate is None or not layers:
        return None
    return Network(tuple(layers), np.array(inputs), np.array(targets), learning_rate, loss=loss or "mse",
                   update=update, trainable=None if trainable is None else frozenset(trainable))


def _check_softmax(table: f.Table, layers: list[Layer], loss: str, targets) -> None:
    """Softmax only as the output layer, with two units or more; cross-entropy with it, and only with it."""
    last = len(layers) - 1
    for i, layer in enumerate(layers[:-1]):
        if layer.activation == "softmax":
            table.fail(f"{table.field('layers')}[{i}].activation",
                       f"softmax is allowed only on the output layer (the last [[network.layers]], layer {last + 1}); "
                       f"found it on layer {i + 1}: use sigmoid, tanh, relu or identity here")
    output = f"{table.field('layers')}[{last}]"
    if layers[-1].activation == "softmax" and layers[-1].units < 2:
        table.fail(f"{output}.weights", "a softmax output needs at least 2 units (rows of weights); over 1 unit it "
                                        "is always 1")
    if layers[-1].activation == "softmax" and loss != "cross-entropy":
        table.fail(f"{output}.activation", f"a softmax output is trained with loss = \"cross-entropy\" in [network]; "
                                           f"found loss {loss!r} (softmax with mse is not supported)")
    if loss == "cross-entropy" and layers[-1].activation != "softmax":
        table.fail(table.field("loss"), f"cross-entropy needs a softmax output layer; the last layer's activation "
                                        f"is {layers[-1].activation!r}: set activation = \"softmax\" there")
    if loss == "cross-entropy" and targets:
        _check_distributions(table, targets)


def _check_distributions(table: f.Table, targets) -> None:
    """Each row of a cross-entropy lesson's `targets` is a probability distribution."""
    for row, problem in distribution_problems(np.array(targets)):
        table.fail(f"{table.field('targets')}[{row}]", f"with cross-entropy each row of targets is a probability "
                                                      f"distribution (entries ≥ 0 adding up to 1); row {row}: {problem}")


def _derived(table: f.Table, solution, problems) -> tuple[Derived, ...]:
    out: list[Derived] = []
    values = {**solution.values(), "learning_rate": 0.0, "n": 0.0}
    for name, data in table.data.items():
        table.taken.add(name)
        field = table.field(name)
        if not NAME.match(name) or name in solution:
            problems.append((field, f"expected a new quantity name (letters, digits, _); {name!r} is already taken or not a name"))
            continue
        sub = f.Table(data, field, problems)
        formula = sub.take("formula", f.nonempty_text, required=True)
        symbol = sub.take("symbol", f.nonempty_text, default=name)
        meaning = sub.take("meaning", f.text, default="")
        phase = sub.take("phase", f.one_of(*PHASE_NAMES), default="")
        sub.finish()
        if formula is None:
            continue
        try:
            expression = parse(formula)
            unknown = sorted(n for n in expression.names if n not in values)
            if unknown:
                raise ExpressionError(f"unknown name {unknown[0]!r}; a formula can use the lesson's quantities "
                                      f"(tutor solve lists them), learning_rate, n and earlier derived names")
            item = Derived(name, expression, symbol, meaning, phase)
            with np.errstate(all="ignore"):
                add_derived(solution, (item,), {})
        except ExpressionError as error:
            problems.append((f"{field}.formula", error.message))
            continue
        values[name] = solution[name].value
        out.append(item)
    return tuple(out)


def _steps(tables: list[dict], names: set[str], problems) -> tuple[Step, ...]:
    steps = []
    for i, data in enumerate(tables):
        table = f.Table(data, f"steps[{i}]", problems)
        ask = table.take("ask", _reference)
        step = Step(
            i, ask,
            title=table.take("title", f.text, default=""),
            text=table.take("text", f.text, default=""),
            question=table.take("question", f.text, default=""),
            hints=tuple(table.take("hints", _hints, default=())),
            tolerance=_tolerance(table, "tolerance"),
            mistakes=_mistakes(table.take("mistakes", f.list_of_tables, default=[]), f"steps[{i}].mistakes",
                               names, problems),
        )
        table.finish()
        if ask is not None and step.asks_shape:
            for key, where in (("mistakes", "mistakes[0]"), ("tolerance", "tolerance")):
                if table.has(key):
                    table.fail(table.field(where), f"a shape step ({ask}) takes no `{key}`: its answer is a shape, "
                                                 f"and its wrong shapes are explained by the tutor; remove `{key}`")
        if ask is None and not step.text.strip() and not table.has("ask"):
            table.fail(f"steps[{i}]", "expected `ask` (a quantity to compute) or `text` (a page to read)")
        steps.append(step)
    return tuple(steps)


def _mistakes(tables: list[dict], path: str, names: set[str], problems) -> tuple[ExpectedMistake, ...]:
    """`[[steps.mistakes]]`: a formula for the wrong value a lesson expects, and the message to give."""
    out = []
    for i, data in enumerate(tables):
        table = f.Table(data, f"{path}[{i}]", problems)
        formula = table.take("formula", f.nonempty_text, required=True)
        message = table.take("message", f.nonempty_text, required=True)
        table.finish()
        if formula is None or message is None:
            continue
        try:
            expression = parse(formula)
        except ExpressionError as error:
            problems.append((table.field("formula"), error.message))
            continue
        unknown = sorted(expression.names - names)
        if unknown:
            problems.append((table.field("formula"), f"unknown name {unknown[0]!r}; a formula can use the lesson's "
                                                     f"quantities, learning_rate and n"))
            continue
        out.append(ExpectedMistake(expression, message))
    return tuple(out)


def _reference(value, field, table):
    value = f.text(value, field, table)
    try:
        parse_ask(value)
    except ValueError as error:
        raise f.Wrong(str(error)) from None
    return value.replace(" ", "")


def _hints(value, field, table):
    hints = f.list_of_text(value, field, table)
    if not 1 <= len(hints) <= 3:
        raise f.Wrong(f"expected 1 to 3 hints (rule, formula, numbers), found {len(hints)}")
    return hints


def _replay(table: f.Table, network: Network) -> Replay:
    rates = table.take("learning_rates", _rates, default=[network.learning_rate])
    steps = table.take("steps", f.integer_between(1, 10000), default=10)
    table.finish()
    return Replay(tuple(rates), steps)


def _training(table: f.Table, network: Network | None) -> Training:
    steps = table.take("steps", f.integer_between(1, 10000), default=100)
    seed = table.take("seed", f.integer_between(0, 2**32 - 1), default=0)
    inputs = table.take("inputs", f.matrix, default=None)
    targets = table.take("targets", f.matrix, default=None)
    if (inputs is None) != (targets is None):
        table.fail(table.field("inputs" if inputs is None else "targets"), "expected both inputs and targets, or neither")
    elif inputs is not None and network is not None:
        if len(inputs) != len(targets):
            table.fail(table.field("targets"), f"expected {f.count(len(inputs), 'row')}, one per example (row of inputs); found {len(targets)}")
        if len(inputs[0]) != network.inputs.shape[1]:
            table.fail(table.field("inputs"), f"expected {f.count(network.inputs.shape[1], 'column')}, one per network input; found {len(inputs[0])}")
        if len(targets[0]) != network.targets.shape[1]:
            table.fail(table.field("targets"), f"expected {f.count(network.targets.shape[1], 'column')}, one per output unit; found {len(targets[0])}")
        elif network.loss == "cross-entropy":
            _check_distributions(table, targets)
    runs = []
    for i, data in enumerate(table.take("runs", f.list_of_tables, required=True, default=[])):
        sub = f.Table(data, table.field(f"runs[{i}]"), table.problems)
        runs.append(TrainingRun(
            sub.take("label", f.nonempty_text, required=True, default=f"run {i + 1}"),
            sub.take("optimizer", f.one_of(*OPTIMIZERS), default="sgd"),
            sub.take("batch_size", f.integer_between(1, 100000), default=None),
            sub.take("learning_rate", f.positive_number, default=None),
        ))
        sub.finish()
    table.finish()
    data = (None, None) if inputs is None or targets is None else (np.array(inputs), np.array(targets))
    return Training(steps, seed, tuple(runs), *data)


def _requirements(table: f.Table) -> list[Requirement]:
    """`[practice] requires`: comparisons the lesson's text relies on, read (checked once the lesson is known)."""
    out = []
    for i, text in enumerate(table.take("requires", f.list_of_text, default=[])):
        try:
            out.append(read_requirement(text))
        except ExpressionError as error:
            table.fail(f"{table.field('requires')}[{i}]", error.message)
    return out


def _check_requirements(lesson: Lesson, values, problems) -> None:
    """Each requirement uses known names, and the lesson's own numbers meet it."""
    for i, requirement in enumerate(lesson.practice_requires):
        field = f"practice.requires[{i}]"
        unknown = sorted(requirement.names - set(values))
        if unknown:
            problems.append((field, f"unknown name {unknown[0]!r}; a requirement can use the lesson's quantities "
                                    f"(tutor solve lists them), derived names, learning_rate and n"))
            continue
        try:
            holds = requirement.holds(values)
        except ExpressionError as error:
            problems.append((field, f"cannot be computed: {error.message}"))
            continue
        if not holds:
            left, right = (format_value(side) for side in requirement.sides(values))
            problems.append((field, f"the lesson's own numbers break {requirement.source!r} ({left} against "
                                    f"{right}); a requirement states what the text relies on, so it must hold here"))


def _rates(value, field, table):
    rates = f.vector(value, field, table)
    if not rates or any(r <= 0 for r in rates):
        raise f.Wrong(f"expected a non-empty list of learning rates > 0, found {value!r}")
    return rates


def _check_answers(lesson: Lesson, problems) -> None:
    """Every asked quantity exists, once, and its value is a finite number."""
    solution = lesson.solution()
    seen: dict[str, int] = {}
    for step in lesson.steps:
        if step.is_reading:
            continue
        field = f"steps[{step.index}].ask"
        if step.name not in solution:
            problems.append((field, f"expected a quantity of this lesson ({_names(solution)}); found {step.name!r}"))
            continue
        if step.ask in seen:
            problems.append((field, f"asks {step.ask} again (steps[{seen[step.ask]}] already asks it)"))
        seen[step.ask] = step.index
        try:
            value = element(solution[step.name].value, step.element)
        except IndexError as error:
            problems.append((field, str(error)))
            continue
        if not np.all(np.isfinite(value)):
            problems.append((field, f"the engine's value of {step.ask} is not finite; choose smaller numbers"))


def _names(solution) -> str:
    names = [n for n in solution.names() if solution[n].phase != "given"]
    return ", ".join(names[:12]) + (", …" if len(names) > 12 else "")
