"""Every number a lesson's texts state agrees with the engine, on the lesson and on its
practice variants (300 seeds; 1,000 with `TUTOR_PRACTICE_SEEDS=1000`).

A text (intro, outro, a step's title, text, question, hints, a mistake's message) states numbers
in two ways. A placeholder (`{{W1[0,0]}}`) is filled in from the engine: on every variant, the
number shown must be the variant's own value, to the precision shown. A number written as it is
(a literal) never changes: it must be a constant, not a value of the lesson that a practice
variant changes (`keep x[1] = 0.5`, when a variant's x[1] is −1.6, is the mistake this finds).

The values a text could quote are the givens, the forward pass, what the steps ask and what the
placeholders quote. What counts as a stated literal: every decimal number (0.5, 2.0), and every
integer stated as a value, alone after =, ≈ or ← (`w = 1`) or in a list of numbers
(`x = 1, 3, −1`). Integers inside formulas (`1 − a`, `2/‖∇L‖²`) are constants, and structure is
never a value: a LaTeX sub- or superscript (`a^{l-1}`), a fraction of integers (`\frac{1}{2n}`),
an index (`W₁[0,1]`), the number of a layer, link, row, unit, example, step or seed.
"""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np
import pytest

from tutor.engine import element
from tutor.lessons import Lesson, load_course, load_lesson
from tutor.lessons.placeholders import PLACEHOLDER, read, texts
from tutor.lessons.practice import practice

COURSE = load_course()
MINUSES = "−-"

_SCRIPT = re.compile(r"[_^](?:\{[^{}]*\}|\\?[A-Za-z0-9]+)")  # a_{l-1}, w^2, x_1, e^{-z}
_FRACTION = re.compile(r"\\frac\{\d+\}\{[^{}]*\}")  # \frac{1}{2n}, once the scripts are gone
_INDEX = re.compile(r"(?<=[^\s(\[,;])\[\d+(?:,\s*\d+)?\]")  # W₁[0,1], x[1], not [1, 2]
_LABEL = re.compile(r"\b(?:layers?|links?|rows?|columns?|units?|examples?|steps?|entry|entries|seeds?|lessons?)\s+\d+(?:[–-]\d+)?",
                    re.IGNORECASE)
_NUMBER = re.compile(r"(?<![A-Za-z0-9_.])([−-]?)(\d+(?:\.\d+)?(?:e[−-]?\d+)?)(?![A-Za-z0-9_]|\.\d)")
_SHOWN = re.compile(r"[−-]?\d+(?:\.\d+)?(?:e[−-]?\d+)?")


# --- the lesson's values, and which of them practice variants change ------------------------------


def quotable(lesson: Lesson) -> set[str]:
    """The quantities a text could quote: givens, the forward pass, asked ones, placeholders' ones."""
    solution = lesson.solution()
    names = set(solution.names("given")) | set(solution.names("forward")) | {"learning_rate", "n"}
    names |= {step.name for step in lesson.asked_steps()}
    names |= {read(match.group(0)).name for _, text in every_text(lesson) for match in PLACEHOLDER.finditer(text)}
    return names


def varying_values(lesson: Lesson, variants: tuple[Lesson, ...]) -> list[tuple[str, float]]:
    """(name[entry], original value) for every entry of a quotable quantity that some variant changes."""
    original = {name: value for name, value in lesson.values().items() if name in quotable(lesson)}
    changed = {name: np.zeros(np.size(value), dtype=bool) for name, value in original.items()}
    for variant in variants:
        for name, value in variant.values().items():
            if name in changed:
                changed[name] |= np.ravel(value) != np.ravel(original[name])
    return [(f"{name}[{i}]", float(v)) for name, value in original.items()
            for i, v in enumerate(np.ravel(value)) if changed[name][i] and np.isfinite(v)]


def stated_numbers(text: str) -> list[tuple[str, str]]:
    """(literal, its context) for every number `text` states outside its placeholders (see above)."""
    text = PLACEHOLDER.sub(" ⟦⟧ ", text)
    for structure in (_INDEX, _SCRIPT, _FRACTION, _LABEL):
        text = structure.sub(" ", text)
    found = []
    for match in _NUMBER.finditer(text):
        literal = match.group(1) + match.group(2)
        if re.fullmatch(r"[−-]?\d+", literal) and not _stated_as_value(text, match):
            continue
        found.append((literal, text[max(0, match.start() - 30): match.end() + 15].replace("\n", " ")))
    return found


def _stated_as_value(text: str, match: re.Match) -> bool:
    """Alone after =, ≈ or ← (`w = 1`, not `= (1 − η) w`), or in a list of numbers (`x = (1, 3)`)."""
    before, after = text[: match.start()], text[match.end():]
    alone = re.match(r"[\s)\]$]*(?:[,;.:!?]|\s+[^\s+−\-×·*/^]|\s*$)", after) is not None
    return ((before.rstrip(" ($[").endswith(("=", "≈", "←")) and alone)
            or re.search(r"\d\s*[,;]\s*$", before) is not None or re.match(r"\s*[,;]\s*[−-]?\d", after) is not None)


def coincides(literal: str, value: float) -> bool:
    """Whether `literal` could be a quote of `value`: the same, or `value` rounded to the figures written."""
    number = float(literal.replace("−", "-"))
    if abs(number - value) <= 1e-9 * abs(value) or number == value:
        return True
    mantissa = literal.lstrip(MINUSES).split("e")[0]
    figures = len(mantissa.replace(".", "").lstrip("0"))
    return figures >= 2 and abs(number - value) <= _last_unit(literal) / 2 * (1 + 1e-9)


def _last_unit(shown: str) -> float:
    """The value of one unit in the last digit written: 0.01 for '0.25', 1e-8 for '1.3e-07'."""
    mantissa, _, exponent = shown.lstrip(MINUSES).partition("e")
    decimals = len(mantissa.split(".")[1]) if "." in mantissa else 0
    return 10.0 ** (-decimals + (int(exponent.replace("−", "-")) if exponent else 0))


def every_text(lesson: Lesson):
    """(where, text as written) for everything of `lesson` a learner reads."""
    written = lesson.template or lesson
    yield "title", written.title
    yield "summary", written.summary
    for field, text, _ in texts(written):
        yield field, text
    for item in written.derived:
        yield f"derived.{item.name}.symbol", item.symbol
        yield f"derived.{item.name}.meaning", item.meaning


def stale_literals(lesson: Lesson, variants: tuple[Lesson, ...]) -> list[str]:
    """Every literal of the lesson's texts that is a value some variant changes, with where it is."""
    varying = varying_values(lesson, variants)
    found = []
    for where, text in every_text(lesson):
        for literal, context in stated_numbers(text):
            quoted = [name for name, value in varying if coincides(literal, value)]
            if quoted:
                found.append(f"{lesson.id} {where}: {literal} is the value of {', '.join(quoted[:3])}, which "
                             f"practice changes; quote it with a placeholder (…{context}…)")
    return found


# --- placeholders show each variant's own numbers -------------------------------------------------


def misquoted(variant: Lesson) -> list[str]:
    """Every placeholder of the variant's texts whose shown number is not the variant's value."""
    written = variant.template
    solution = variant.solution()
    engine = {**{name: quantity.value for name, quantity in solution.quantities.items()},
              "learning_rate": variant.network.learning_rate, "n": variant.network.examples}
    found = []
    for (field, template, _), (_, shown, _) in zip(texts(written), texts(variant)):
        pieces = PLACEHOLDER.split(template)  # literal, inside, literal, inside, …
        pattern = "".join(re.escape(piece) if i % 2 == 0 else "(.*?)" for i, piece in enumerate(pieces))
        if field == "intro":  # a variant's intro opens with its numbers, its outro ends with another seed
            pattern = r"(?:.*\n\n)?" + pattern
        elif field == "outro":
            pattern = pattern + r"(?:\n\n.*)?"
        match = re.fullmatch(pattern, shown, re.DOTALL)
        if match is None:
            found.append(f"{variant.id} {field}: the text around its placeholders changed: {shown!r}")
            continue
        for placeholder, text in zip((read("{{" + inside + "}}") for inside in pieces[1::2]), match.groups()):
            expected = np.ravel(element(np.asarray(engine[placeholder.name], dtype=np.float64), placeholder.index))
            numbers = _SHOWN.findall(text)
            if len(numbers) != expected.size or not all(
                    abs(float(n.replace("−", "-")) - v) <= _last_unit(n) / 2 * (1 + 1e-9) + 1e-12
                    for n, v in zip(numbers, expected)):
                found.append(f"{variant.id} {field}: {placeholder.source} shows {text!r}, the engine has {expected}")
    return found


# --- the course ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lesson", COURSE.lessons, ids=lambda lesson: lesson.id)
def test_every_placeholder_of_every_variant_shows_the_variants_own_value(lesson, variants):
    found = misquoted(lesson)  # the lesson itself
    for variant in variants(lesson.id):
        found += misquoted(variant)
    assert not found, "\n".join(found[:10])


@pytest.mark.parametrize("lesson", COURSE.lessons, ids=lambda lesson: lesson.id)
def test_no_number_written_in_a_text_is_a_value_practice_changes(lesson, variants):
    found = stale_literals(lesson, variants(lesson.id))
    assert not found, "\n".join(found)


def test_the_course_quotes_its_numbers():
    """Placeholders are used, not only allowed: every lesson quotes the engine somewhere."""
    for lesson in COURSE.lessons:
        assert any(PLACEHOLDER.search(text) for _, text in every_text(lesson)), lesson.id


# --- the checks can fail --------------------------------------------------------------------------


def test_a_number_copied_into_a_text_is_found(tmp_path):
    """The bug this guards against: a text that copies x[1] = 0.5 while practice draws a new x[1]."""
    text = (COURSE_DIR / "01-chain-of-functions.toml").read_text(encoding="utf-8")
    copied = text.replace("the second input where it is, $x[1] = {{a0[1]}}$", "the second input at $x[1] = 0.5$")
    assert copied != text
    path = tmp_path / "copied.toml"
    path.write_text(copied, encoding="utf-8")
    lesson = load_lesson(path)
    found = stale_literals(lesson, tuple(practice(lesson, seed) for seed in range(20)))
    assert len(found) == 1 and "steps[2].text: 0.5 is the value of a0[1]" in found[0], found


def test_a_variant_that_kept_the_lessons_numbers_is_found():
    lesson = next(lesson for lesson in COURSE.lessons if lesson.id == "chain-of-functions")
    variant = practice(lesson, 4)
    assert misquoted(variant) == []
    stale = replace(variant, steps=lesson.steps)  # texts filled in from the lesson, not the variant
    assert any("{{W1[0,0]}}" in line for line in misquoted(stale)), misquoted(stale)


def test_what_counts_as_a_stated_number():
    def literals(text):
        return [literal for literal, _ in stated_numbers(text)]

    assert literals("keep $x[1] = 0.5$ and w = 1") == ["0.5", "1"]
    assert literals(r"layer 2, $a^{l-1}$, $\frac{1}{2n}$, W₁[0,1], (1 − η), σ′(0), {{W1}}, unit 0") == []
    assert literals("x = 1, 3, −1, 2.5 and (0.25)⁴") == ["1", "3", "−1", "2.5", "0.25"]
    assert coincides("0.5", 0.5) and coincides("0.6225", 0.62246) and coincides("1.5", 1.5)
    assert not coincides("0.6", 0.62246) and not coincides("1", 1.4)


COURSE_DIR = COURSE.lessons[0].path.parent
