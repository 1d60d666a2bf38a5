"""The course itself: the lesson files in lessons/ load, teach the chapter in order, and
every number they ask is the number the chapter prints (or one a learner can work by hand)."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from tutor.grading import Tolerance, check_step
from tutor.lessons import load_course, load_lesson
from tutor.lessons.course import lesson_files

LESSONS_DIR = Path(__file__).resolve().parent.parent / "lessons"

COURSE_ORDER = [
    "chain-of-functions",
    "why-nonlinearity",
    "cost-function",
    "gradient-descent-scalar",
    "chain-rule",
    "two-layer-sigmoid",
    "matrix-form",
    "batch-matrix-form",
    "softmax-cross-entropy",
    "deep-relu",
    "computational-graph",
    "xor",
    "the-landscape",
]

# The chapter's headings a lesson's `section` may name; every one of them must be taught somewhere.
CHAPTER_HEADINGS = [
    "Neural Network as a Chain of Functions",
    "The Forward Pass",
    "Why Non-Linearity Is Non-Negotiable",
    "The Cost Function (Loss Function)",
    "The Goal of Training",
    "Optimization: Gradient Descent — Take 1",
    "Gradient Descent for Scalar Functions",
    "Gradient Descent for a Two-Layer Neural Network (Scalar Form)",
    "Some other notes related to Gradient Descent",
]

EXACT = dict(rtol=1e-12, atol=0)


@pytest.fixture(scope="module")
def course():
    return load_course(LESSONS_DIR)


@pytest.fixture(scope="module")
def lessons(course):
    return {lesson.id: lesson for lesson in course.lessons}


def value(solution, name) -> np.ndarray:
    return np.asarray(solution[name].value, dtype=np.float64)


def scalar(solution, name) -> float:
    v = value(solution, name)
    assert v.size == 1, f"{name} should be a single number, is {v.shape}"
    return float(v.reshape(-1)[0])


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


# --- (a) the course loads, in order --------------------------------------------------------------


def test_every_lesson_file_loads(course):
    problems = [f"{path.name}: {p}" for path, error in course.failures for p in error.problems]
    assert not problems, "\n".join(problems)
    assert len(course.lessons) == len(lesson_files(LESSONS_DIR))


def test_the_lessons_in_course_order_with_unique_ids(course):
    ids = [lesson.id for lesson in course.lessons]
    assert len(ids) == len(set(ids)), f"duplicate ids: {ids}"
    assert ids == COURSE_ORDER


def test_file_names_sort_in_course_order():
    names = [path.name for path in lesson_files(LESSONS_DIR)]
    assert names == sorted(names)
    numbers = [int(re.match(r"^(\d+)-", name).group(1)) for name in names]
    assert numbers == sorted(set(numbers)) and numbers[0] == 1  # one file a number, in order


@pytest.mark.parametrize("path", sorted(LESSONS_DIR.glob("*.toml")), ids=lambda p: p.name)
def test_lesson_has_its_teaching_fields(path):
    lesson = load_lesson(path)
    assert lesson.title.strip() and lesson.summary.strip() and lesson.summary != lesson.title
    assert "\n" not in lesson.summary.strip(), "the summary is one line"
    assert lesson.section.strip()
    assert lesson.minutes is not None and 5 <= lesson.minutes <= 15
    assert lesson.intro.strip() and lesson.outro.strip()
    asked = lesson.asked_steps()
    assert 5 <= len(asked) <= 15, f"{len(asked)} asked steps"
    for step in lesson.steps:
        assert step.ask is not None or step.text.strip()


def test_sections_are_chapter_headings_and_cover_the_chapter(course):
    covered = set()
    for lesson in course.lessons:
        parts = [part.strip() for part in lesson.section.split(";")]
        for part in parts:
            assert part in CHAPTER_HEADINGS, f"{lesson.id}: {part!r} is not a heading of the chapter"
        covered.update(parts)
    assert set(CHAPTER_HEADINGS) <= covered, f"not taught: {set(CHAPTER_HEADINGS) - covered}"


# --- (b) the chapter's worked example, number for number -----------------------------------------


def test_chain_rule_reproduces_the_chapters_numbers(lessons):
    lesson = lessons["chain-rule"]
    s = lesson.solution()
    printed = {
        "z1": 2.0,  # z = f(x, w1) = 2.0 × 0.5 + 1.0
        "a2": 3.5,  # L = g(z, w2) = 2.0 × 1.5 + 0.5
        "loss": 1.125,  # E = ½(3.5 − 5.0)²
        "dL_dz1": 1.5,  # ∂L/∂z = w2
        "dL_dW1": 3.0,  # ∂L/∂w1 = 1.5 × 2.0
        "dL_dW2": 2.0,  # ∂L/∂w2 = z
        "W1_new": 1.1,  # α = 0.2
        "W2_new": 1.9,
        "z_new": 3.2,
        "a2_new": 6.58,
        "w1_lr01": 0.8,  # α = 0.1
        "w2_lr01": 1.7,
        "z_lr01": 2.6,
        "L_lr01": 4.92,
    }
    for name, number in printed.items():
        np.testing.assert_allclose(scalar(s, name), number, **EXACT, err_msg=name)
    # The ordinary-descent contrast: ∂E/∂w1 = (L − target) ∂L/∂w1.
    np.testing.assert_allclose(scalar(s, "dW1"), (3.5 - 5.0) * 3.0, **EXACT)
    # The overshoot the chapter discusses: past the target with α = 0.2, close below it with α = 0.1.
    assert scalar(s, "a2_new") > 5.0 > scalar(s, "L_lr01")


def test_chain_rule_is_set_up_as_the_chapter_says(lessons):
    lesson = lessons["chain-rule"]
    net = lesson.network
    assert net.update == "output-ascent"
    assert set(net.trainable_names()) == {"W1", "W2"}
    assert net.learning_rate == 0.2
    assert lesson.replay is not None and tuple(lesson.replay.learning_rates) == (0.2, 0.1)
    asked = {step.ask for step in lesson.asked_steps()}
    # The chapter's steps; at α = 0.1 the learner computes L, the hints walk through w₁, w₂ and z.
    assert {"z1", "a2", "loss", "dL_dz1", "dL_dW1", "dL_dW2", "W1_new", "W2_new", "z_new", "a2_new",
            "L_lr01"} <= asked
    # ... and the descent step on E the chapter only mentions.
    assert {"dW1", "w1_desc", "w2_desc", "L_desc"} <= asked
    assert lesson.symbols.get("a2") == "L" and lesson.symbols.get("z1") == "z"
    assert lesson.symbols.get("learning_rate") == "α"


def test_chain_rule_descent_step_and_its_limit(lessons):
    """One descent step on E = ½(L − target)² at α = 0.2 overshoots worse: α is above 2/‖∇L‖²."""
    s = lessons["chain-rule"].solution()
    for name, number in {"w1_desc": 1.4, "w2_desc": 2.1, "L_desc": 8.48, "grad_sq": 13.0, "ascent_step": 2.6,
                         "L_first": 6.1, "miss_factor": -1.6}.items():
        np.testing.assert_allclose(scalar(s, name), number, **EXACT, err_msg=name)
    np.testing.assert_allclose(scalar(s, "stable_rate"), 2 / 13, **EXACT)
    # The overshoot is already in the first-order step (6.1 > 5); the product term adds the rest.
    x, dw1, dw2 = scalar(s, "a0"), scalar(s, "W1_new") - 0.5, scalar(s, "W2_new") - 1.5
    np.testing.assert_allclose(scalar(s, "a2_new"), scalar(s, "L_first") + x * dw1 * dw2, **EXACT)


def test_chain_rule_replay_says_what_the_lesson_says(lessons):
    """The text: ascent climbs past the target at both rates; descent never settles at 0.2, swings around
    the target and settles at 0.1, and approaches it from one side at 0.05."""
    from tutor.engine.training import run

    network = lessons["chain-rule"].network
    ascent = run(network, [0.2, 0.1], 10, update="output-ascent").outputs[..., 0, 0]
    assert np.all(np.diff(ascent, axis=1) > 0) and np.all(ascent[:, -1] > 5)
    descent = run(network, [0.2, 0.1, 0.05], 60, update="descent").outputs[..., 0, 0] - 5.0
    assert np.abs(descent[0, -10:]).min() > 0.5  # 0.2: still far off after 60 steps
    swings = np.sign(descent[1, :30])
    assert np.all(swings[1:] != swings[:-1]) and abs(descent[1, -1]) < 1e-3  # 0.1: around the target, settles
    assert np.all(descent[2] <= 0) and np.all(np.diff(descent[2, :8]) > 0) and abs(descent[2, -1]) < 1e-6


# --- (c) the collapse: W = W2 W1 -----------------------------------------------------------------


def test_collapsed_layer_reproduces_the_two_layer_output(lessons):
    lesson = lessons["why-nonlinearity"]
    s = lesson.solution()
    w1, w2 = value(s, "W1"), value(s, "W2")
    b1, b2 = value(s, "b1"), value(s, "b2")
    assert [layer.activation for layer in lesson.network.layers] == ["identity", "identity"]
    np.testing.assert_allclose(value(s, "W"), w2 @ w1, **EXACT)
    np.testing.assert_allclose(value(s, "c"), w2 @ b1 + b2, **EXACT)
    np.testing.assert_allclose(value(s, "one_layer"), value(s, "a2"), **EXACT)
    # ... and not only for the lesson's input: the algebra holds for every x.
    rng = np.random.default_rng(3)
    for x in rng.normal(size=(5, 2)):
        two_layers = w2 @ (w1 @ x + b1) + b2
        np.testing.assert_allclose(value(s, "W") @ x + value(s, "c"), two_layers, rtol=1e-12, atol=1e-12)
    # With a sigmoid in between, the output differs from the collapsed layer's.
    assert not np.allclose(value(s, "out_sig"), value(s, "one_layer"), rtol=1e-3)


def test_collapse_lesson_numbers_are_small(lessons):
    s = lessons["why-nonlinearity"].solution()
    for name in ("W1", "W2", "b1", "b2", "a0", "W", "c", "z1", "z2"):
        v = value(s, name)
        assert np.all(np.abs(v) <= 10), name
        assert np.all(np.abs(v * 10 - np.round(v * 10)) < 1e-12), f"{name} should have one decimal at most"


# --- (d) workable by hand ------------------------------------------------------------------------


@pytest.mark.parametrize("lesson_id", ["chain-of-functions", "two-layer-sigmoid"])
def test_sigmoids_are_not_saturated_and_asked_values_not_tiny(lessons, lesson_id):
    lesson = lessons[lesson_id]
    s = lesson.solution()
    for l, layer in enumerate(lesson.network.layers, start=1):
        if layer.activation == "sigmoid":
            z = value(s, f"z{l}")
            assert np.all(np.abs(z) < 3), f"z{l} = {z} saturates the sigmoid"
    for step in lesson.asked_steps():
        expected = np.asarray(lesson.expected(step, s))
        assert np.all(np.abs(expected) > 0.005), f"{step.ask} = {expected} is too small to work by hand"
    if any(lesson.phase(step, s) == "backward" for step in lesson.asked_steps()):
        for name in s.names("backward"):
            assert np.all(np.abs(value(s, name)) > 0.005), f"{name} is a tiny gradient"


def test_given_numbers_have_few_decimals(course):
    for lesson in course.lessons:
        net = lesson.network
        arrays = [net.inputs, net.targets] + [a for layer in net.layers for a in (layer.weights, layer.biases)]
        for array in arrays:
            assert np.all(np.abs(array * 100 - np.round(array * 100)) < 1e-9), f"{lesson.id}: {array}"


def test_two_layer_lesson_follows_the_chapters_formulas(lessons):
    s = lessons["two-layer-sigmoid"].solution()
    x, y = scalar(s, "a0"), scalar(s, "y")
    w1, b1, w2, b2 = (scalar(s, n) for n in ("W1", "b1", "W2", "b2"))
    eta = lessons["two-layer-sigmoid"].network.learning_rate
    z1 = w1 * x + b1
    a1 = sigmoid(z1)
    z2 = w2 * a1 + b2
    a2 = sigmoid(z2)
    delta2 = -(y - a2) * a2 * (1 - a2)
    delta1 = delta2 * w2 * a1 * (1 - a1)
    chapter = {
        "z1": z1, "a1": a1, "z2": z2, "a2": a2, "loss": 0.5 * (y - a2) ** 2,
        "delta2": delta2, "dW2": delta2 * a1, "db2": delta2,
        "delta1": delta1, "dW1": delta1 * x, "db1": delta1,
        "W2_new": w2 - eta * delta2 * a1, "W1_new": w1 - eta * delta1 * x,
    }
    for name, number in chapter.items():
        np.testing.assert_allclose(scalar(s, name), number, rtol=1e-12, err_msg=name)
    assert scalar(s, "loss_new") < scalar(s, "loss"), "one descent step should lower the cost"
    assert x != 1.0, "with x = 1 the learner could not tell ∂C/∂w₁ from ∂C/∂b₁"


# --- (e) every asked value is a finite number, and 0 is never accepted for it ------------------


@pytest.mark.parametrize("path", sorted(LESSONS_DIR.glob("*.toml")), ids=lambda p: p.name)
def test_every_expected_value_is_finite(path):
    lesson = load_lesson(path)
    s = lesson.solution()
    for step in lesson.steps:
        if step.ask is None:
            continue
        expected = np.asarray(lesson.expected(step, s))
        assert expected.size >= 1 and np.all(np.isfinite(expected)), step.ask


@pytest.mark.parametrize("path", sorted(LESSONS_DIR.glob("*.toml")), ids=lambda p: p.name)
def test_zero_is_never_accepted_for_a_nonzero_answer(path):
    lesson = load_lesson(path)
    s = lesson.solution()
    for step in lesson.asked_steps():
        expected = np.asarray(lesson.expected(step, s), dtype=np.float64)
        verdict = check_step(lesson, step, ", ".join(["0"] * expected.size), s)
        if np.all(expected != 0):
            assert not verdict.correct, f"{step.ask} = {expected}, but 0 counts as right"


# --- the lessons' own claims ---------------------------------------------------------------------


def test_cost_lesson(lessons):
    lesson = lessons["cost-function"]
    s = lesson.solution()
    y, a = value(s, "y"), value(s, "a1")
    n = lesson.network.examples
    assert 3 <= n <= 4
    np.testing.assert_allclose(scalar(s, "loss"), np.sum((y - a) ** 2) / (2 * n), **EXACT)
    np.testing.assert_allclose(scalar(s, "sq_sum"), np.sum((y - a) ** 2), **EXACT)
    # The point of the "why square" step: the plain errors cancel although none is zero... almost.
    assert scalar(s, "err_sum") == 0.0
    assert np.count_nonzero(value(s, "err")) >= 3


def test_scalar_descent_lesson(lessons):
    lesson = lessons["gradient-descent-scalar"]
    s = lesson.solution()
    w, eta = scalar(s, "W1"), lesson.network.learning_rate
    # The text says: here f(w) = ½w² and f′(w) = w.
    np.testing.assert_allclose(scalar(s, "loss"), 0.5 * w**2, **EXACT)
    np.testing.assert_allclose(scalar(s, "dW1"), w, **EXACT)
    np.testing.assert_allclose(scalar(s, "W1_new"), (1 - eta) * w, **EXACT)
    np.testing.assert_allclose(scalar(s, "w3"), (1 - eta) ** 3 * w, **EXACT)
    assert scalar(s, "f3") < scalar(s, "loss")
    # η = 2.5 overshoots and grows; η = 0.01 barely moves.
    assert abs(scalar(s, "big2")) > abs(scalar(s, "big1")) > abs(w)
    assert np.sign(scalar(s, "big1")) != np.sign(w)
    assert 0 < w - scalar(s, "small1") < 0.05


def test_landscape_lesson(lessons):
    lesson = lessons["the-landscape"]
    s = lesson.solution()
    layers = lesson.network.layers
    assert len(layers) >= 4 and all(layer.weights.shape == (1, 1) for layer in layers)
    assert all(layer.activation == "sigmoid" for layer in layers)
    depth = len(layers)
    # Vanishing: the ratio is the product of the σ′ on the way back, below its bound 0.25^(L−1).
    ratio = scalar(s, "shrink")
    assert 0 < ratio < scalar(s, "shrink_max") == 0.25 ** (depth - 1)
    primes = [float(sigmoid(value(s, f"z{l}"))[0, 0] * (1 - sigmoid(value(s, f"z{l}"))[0, 0]))
              for l in range(1, depth)]
    np.testing.assert_allclose(ratio, np.prod(primes), rtol=1e-12)
    assert scalar(s, "grow") > 1
    # Mini-batch gradients are means of per-example gradients δ·x.
    per_example = value(s, "delta1")[:, 0] * value(s, "a0")[:, 0]
    np.testing.assert_allclose(scalar(s, "dW1"), per_example.mean(), rtol=1e-12)
    np.testing.assert_allclose(scalar(s, "g_batch2"), per_example[:2].mean(), rtol=1e-12)
    np.testing.assert_allclose(scalar(s, "g_sgd"), per_example[2], rtol=1e-12)
    # Adam's first step is ≈ η·sign(g), however small g is; plain descent moves by η·g.
    g, eta = scalar(s, "dW1"), lesson.network.learning_rate
    np.testing.assert_allclose(scalar(s, "adam_step"), g / (abs(g) + 1e-8), rtol=1e-12)
    np.testing.assert_allclose(scalar(s, "w1_adam"), scalar(s, "W1") - eta * np.sign(g), rtol=1e-3)
    assert abs(scalar(s, "W1_new") - scalar(s, "W1")) < 1e-3 * abs(scalar(s, "w1_adam") - scalar(s, "W1"))


def _landscape_with(lesson, *, weight=None, activation=None, bias1=None, first_weight=None):
    """The landscape's network with the later layers' weight, every layer's activation, or b₁ or w₁ changed."""
    from dataclasses import replace

    layers = list(lesson.network.layers)
    if bias1 is not None or first_weight is not None:
        layers[0] = replace(layers[0], biases=np.array([bias1 if bias1 is not None else layers[0].biases[0]]),
                            weights=np.array([[first_weight if first_weight is not None else layers[0].weights[0, 0]]]))
    for l in range(len(layers)):
        if weight is not None and l > 0:
            layers[l] = replace(layers[l], weights=np.array([[float(weight)]]))
        if activation is not None:
            layers[l] = replace(layers[l], activation=activation)
    return replace(lesson, network=replace(lesson.network, layers=tuple(layers)))


def test_landscape_outro_experiments_say_what_the_engine_does(lessons):
    """Weight 2 lets a little more through, 4 and 8 less; through relu layers, weight 2 gives (2 × 1)⁴ = 16."""
    lesson = lessons["the-landscape"]
    ratio = {w: scalar(_landscape_with(lesson, weight=w).solution(), "shrink") for w in (1, 2, 4, 8)}
    assert ratio[2] > ratio[1] > ratio[4] > ratio[8]
    relu = _landscape_with(lesson, weight=2, activation="relu").solution()
    np.testing.assert_allclose(scalar(relu, "shrink"), scalar(relu, "grow"), rtol=1e-12)
    assert scalar(relu, "grow") == 16


def test_landscape_momentum_uses_the_same_gradient_for_its_second_step(lessons):
    """The text: at the new w₁ the gradient is g again to within 0.1%; so for every b₁ a variant may draw."""
    lesson = lessons["the-landscape"]
    for bias in np.arange(-10, 11) / 10:
        s = _landscape_with(lesson, bias1=bias).solution()
        after = _landscape_with(lesson, bias1=bias, first_weight=scalar(s, "W1_new")).solution()
        assert abs(scalar(after, "dW1") / scalar(s, "dW1") - 1) < 1e-3, bias
    s = lesson.solution()
    g, eta = scalar(s, "dW1"), lesson.network.learning_rate
    np.testing.assert_allclose(scalar(s, "momentum_v2"), 1.9 * g, rtol=1e-12)  # v ← 0.9 v + g, from v = g
    np.testing.assert_allclose(scalar(s, "w1_momentum2"), -eta * g - eta * 1.9 * g, rtol=1e-12)
    # ... as the engine's momentum does it, on the lesson's own data, training w₁ alone as the lesson does.
    from dataclasses import replace

    from tutor.engine.training import run

    two = run(replace(lesson.network, trainable=frozenset({"W1"})), [eta], 2, optimizer="momentum")
    np.testing.assert_allclose(two.params["W1"][0, 2].item(), scalar(s, "w1_momentum2"), rtol=1e-4)


def test_landscape_loss_curves_say_what_the_text_says(lessons):
    """400 steps: the plain methods and momentum sit near 0.029, RMSprop and Adam below 0.003;
    momentum leaves the plateau only several hundred steps later. For every b₁ a variant may draw."""
    from tutor.engine.training import run

    lesson = lessons["the-landscape"]
    for bias in (-1.0, -0.3, 0.4, 1.0):
        curves = _landscape_with(lesson, bias1=bias).training_curves()
        final = {spec.label.split(" (")[0]: float(result.loss[0][-1]) for spec, result in curves}
        for plain in ("full batch", "mini-batch of 2", "one example at a time", "momentum"):
            assert 0.0285 <= final[plain] < 0.0295, (bias, plain, final[plain])
        assert final["RMSprop"] < 0.003 and final["Adam"] < 0.003, (bias, final)
        training = lesson.training
        network = replace_data(_landscape_with(lesson, bias1=bias).network, training)
        momentum = run(network, [1.0], 1200, optimizer="momentum", seed=training.seed).loss[0]
        leaves = int(np.argmax(momentum < 0.02))
        assert 500 < leaves < 1200, (bias, leaves)


def replace_data(network, training):
    from dataclasses import replace

    return replace(network, inputs=training.inputs, targets=training.targets)


# --- hints and texts -----------------------------------------------------------------------------


def _numeric_tail(hint: str) -> str | None:
    """The part of a hint after its last '=' or '←', if it is arithmetic on numbers only."""
    tail = re.split(r"[=←]", hint)[-1].strip()
    if not tail or re.search(r"[A-Za-zα-ωΑ-Ω∂σ²³⁴½√]", tail.replace("e-", "").replace("e+", "")):
        return None
    return tail


@pytest.mark.parametrize("path", sorted(LESSONS_DIR.glob("*.toml")), ids=lambda p: p.name)
def test_written_hints_with_numbers_lead_to_an_accepted_answer(path):
    from tutor.expressions import ExpressionError, evaluate

    lesson = load_lesson(path)
    s = lesson.solution()
    for step in lesson.asked_steps():
        if not step.hints:
            continue
        assert len(step.hints) == 3, f"{step.ask}: write three hints (rule, formula, numbers)"
        tail = _numeric_tail(step.hints[-1])
        if tail is None:
            continue
        try:
            number = evaluate(tail)
        except ExpressionError:
            continue
        expected = np.asarray(lesson.expected(step, s), dtype=np.float64)
        if number.size != expected.size:
            continue
        tolerance = Tolerance(lesson.tolerance_for(step).sig_figs)
        assert tolerance.accepts(number.reshape(expected.shape), expected).all(), (
            f"{step.ask}: the last hint {step.hints[-1]!r} gives {number}, not {expected}")


def test_derived_quantities_that_are_asked_have_written_hints(course):
    for lesson in course.lessons:
        derived = {d.name for d in lesson.derived}
        for step in lesson.asked_steps():
            if step.name in derived:
                assert len(step.hints) == 3, f"{lesson.id}: {step.ask} needs three hints"


def _shown(number: float) -> list[str]:
    """How an answer might be written in a text: to 3 and 4 significant figures."""
    forms = set()
    for sig in (3, 4):
        text = f"{number:.{sig}g}"
        if "e" not in text:
            forms.add(text)
    return sorted(forms)


def test_no_step_states_its_own_answer(course):
    for lesson in course.lessons:
        s = lesson.solution()
        for step in lesson.asked_steps():
            words = f"{step.text}\n{step.question}"
            for number in np.asarray(lesson.expected(step, s), dtype=np.float64).reshape(-1):
                digits = re.sub(r"[^0-9]", "", f"{abs(number):.4g}").lstrip("0")
                if len(digits) < 2:
                    continue  # 1, 2, 0.5: too common to tell apart from other numbers in the text
                for form in _shown(number):
                    assert not re.search(rf"(?<![0-9.]){re.escape(form)}(?![0-9])", words), (
                        f"{lesson.id}: step {step.ask} shows its answer {form} in its text or question")


def test_hand_written_third_hints_substitute_without_printing_the_result(course):
    """Hint 3 puts the numbers in; only a reveal shows the value (so no hint ends in '= the answer')."""
    for lesson in course.lessons:
        s = lesson.solution()
        for step in lesson.asked_steps():
            if len(step.hints) < 3:
                continue
            expected = np.asarray(lesson.expected(step, s), dtype=np.float64).reshape(-1)
            tail = re.split(r"[=←]", step.hints[2])[-1].strip().replace("−", "-")
            try:
                number = float(tail)
            except ValueError:
                continue  # arithmetic left to do, or words
            assert not (expected.size == 1 and np.isclose(number, expected[0], rtol=5e-4)), (
                f"{lesson.id}: the third hint of {step.ask} prints its result: {step.hints[2]!r}")


def _mistake_cases(course):
    for lesson in course.lessons:
        for step in lesson.asked_steps():
            for i, mistake in enumerate(step.mistakes):
                yield pytest.param(lesson, step, mistake, id=f"{lesson.id}-{step.ask}-{i}")


@pytest.mark.parametrize("lesson, step, mistake", _mistake_cases(load_course(LESSONS_DIR)))
def test_each_lesson_mistake_is_named_by_tutor_check(lesson, step, mistake, capsys):
    """`tutor check LESSON QUANTITY WRONG` names the lesson's own mistake for the value it describes."""
    from tutor.cli import main
    from tutor.lessons.derived import extra_names

    from tutor.engine import element

    s = lesson.solution()
    # The formula gives the whole quantity; the step's element of it is the wrong answer.
    wrong = element(np.asarray(mistake.expression.evaluate({**extra_names(s), **s.values()})), step.element)
    typed = ", ".join(f"{v:.6g}" for v in np.ravel(wrong))
    assert not np.allclose(wrong, lesson.expected(step, s), rtol=5e-3), "the mistake gives the right answer"
    assert main(["check", lesson.id, step.ask, typed]) == 1
    out = capsys.readouterr().out
    assert mistake.message in out, out


def test_the_course_uses_lesson_mistakes():
    assert len(list(_mistake_cases(load_course(LESSONS_DIR)))) >= 8


def test_no_step_of_a_variant_states_its_own_answer(course):
    from tutor.lessons.practice import practice

    for lesson in course.lessons:
        for seed in range(0, 1000, 50):
            variant = practice(lesson, seed)
            s = variant.solution()
            for step, written in zip(variant.steps, variant.template.steps):
                if step.is_reading:
                    continue
                words = f"{step.text}\n{step.question}"
                constants = f"{written.text}\n{written.question}".replace("−", "-")  # 0.999 of β₂ is no answer
                for number in np.asarray(variant.expected(step, s), dtype=np.float64).reshape(-1):
                    digits = re.sub(r"[^0-9]", "", f"{abs(number):.4g}").lstrip("0")
                    if len(digits) < 2:
                        continue
                    form = f"{number:.4g}"  # 3 figures would catch w₁ − η ≈ −0.1 in a question saying η = 0.1
                    if form in constants:
                        continue
                    assert not re.search(rf"(?<![0-9.]){re.escape(form)}(?![0-9])", words.replace("−", "-")), (
                        f"{variant.id}: step {step.ask} shows its answer {form}")
