"""Lesson text that quotes the engine's numbers instead of copying them: `{{W1[0,0]}}`, `{{a0:.1f}}`.

Every text a learner reads (the intro and outro, a step's title, text, question and hints, the
message of a lesson's own mistake) may quote the lesson's quantities. The loader fills them in
from the engine, and a practice variant fills them in again from its own numbers, so the text is
true on every variant. A placeholder is one of

    {{NAME}}          the value as the engine shows it: up to 4 significant figures; a vector 0.1, 0.2;
                      a matrix 1, 2; 3, 4
    {{NAME[i,j]}}     one element, 0-based, as in a step's `ask`
    {{NAME:SPEC}}     each number written with Python's format SPEC: {{a0:.1f}} shows 2.0
    {{(NAME)}}        a single number, in parentheses when it is negative, as after × or −

where NAME is a quantity of the lesson (`tutor solve` lists them), a derived one, `learning_rate`
or `n` (`Lesson.values()`). Minus signs are written −. Double braces, because single ones are LaTeX's: `a^{l-1}`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Iterator, Mapping

import numpy as np

from tutor.engine import element, parse_reference
from tutor.engine.formatting import format_number, format_value

from .model import Lesson

PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)
MINUS = "−"


class PlaceholderError(ValueError):
    """A placeholder that cannot be filled in, with what was expected."""


@dataclass(frozen=True)
class Placeholder:
    """One `{{…}}` of a text, read."""

    source: str  # as written, braces included
    name: str
    index: tuple[int, ...] | None = None
    spec: str = ""  # Python's format spec for each number; "" is the engine's way
    paren: bool = False  # parenthesise a negative number

    def value(self, values: Mapping[str, np.ndarray]) -> np.ndarray:
        return element(values[self.name], self.index)

    def show(self, values: Mapping[str, np.ndarray]) -> str:
        """The value as the text shows it."""
        text = format_value(self.value(values), self._number)
        return f"({text})" if self.paren and text.startswith(MINUS) else text

    def _number(self, x: float) -> str:
        text = format(float(x), self.spec) if self.spec else format_number(x)
        return MINUS + text[1:] if text.startswith("-") else text


def read(source: str) -> Placeholder:
    """`{{(a0[0,1]):.2f}}` → Placeholder('a0', (0, 1), '.2f', paren=True); PlaceholderError if it is not one."""
    inside = source[2:-2].strip()
    reference, _, spec = inside.partition(":")
    reference = reference.strip()
    paren = reference.startswith("(") and reference.endswith(")")
    if paren:
        reference = reference[1:-1].strip()
    try:
        name, index = parse_reference(reference)
    except ValueError:
        raise PlaceholderError(f"{source} is not a placeholder: expected {{{{NAME}}}}, {{{{NAME[i,j]}}}}, "
                               f"{{{{NAME:SPEC}}}} or {{{{(NAME)}}}}, with NAME a quantity of the lesson") from None
    if spec:
        try:
            format(1.5, spec)
        except ValueError as error:
            raise PlaceholderError(f"{source}: {spec!r} is not a number format ({error}); "
                                   f"try .1f for one decimal or .3g for 3 significant figures") from None
    return Placeholder(source, name, index, spec, paren)


def placeholders(text: str) -> Iterator[Placeholder]:
    """Every placeholder of `text`, in order; PlaceholderError at the first that is not one."""
    for match in PLACEHOLDER.finditer(text):
        yield read(match.group(0))


def problems(text: str, values: Mapping[str, np.ndarray], answer: str | None = None) -> list[tuple[str, str]]:
    """(placeholder, message) for each placeholder of `text` that cannot be filled in from `values`.

    `answer` is the quantity the step asks, which its own texts must not quote.
    """
    found = []
    for match in PLACEHOLDER.finditer(text):
        source = match.group(0)
        try:
            placeholder = read(source)
            if placeholder.name not in values:
                known = ", ".join(sorted(values))
                raise PlaceholderError(f"{source}: unknown name {placeholder.name!r}; expected one of {known}")
            if placeholder.name == answer:
                raise PlaceholderError(f"{source} quotes the answer of this step; only a reveal shows it")
            try:
                value = placeholder.value(values)
            except IndexError as error:
                raise PlaceholderError(f"{source}: {error}") from None
            if placeholder.paren and value.size != 1:
                raise PlaceholderError(f"{source}: (…) is for a single number; this is {value.size} numbers")
        except PlaceholderError as error:
            found.append((source, str(error)))
    return found


def render(text: str, values: Mapping[str, np.ndarray]) -> str:
    """`text` with every placeholder replaced by its value."""
    return PLACEHOLDER.sub(lambda match: read(match.group(0)).show(values), text)


def texts(lesson: Lesson) -> Iterator[tuple[str, str, str | None]]:
    """(field path, text, the quantity its step asks) for every text of the lesson a learner reads."""
    yield "intro", lesson.intro, None
    yield "outro", lesson.outro, None
    for step in lesson.steps:
        where = f"steps[{step.index}]"
        yield f"{where}.title", step.title, step.name
        yield f"{where}.text", step.text, step.name
        yield f"{where}.question", step.question, step.name
        for i, hint in enumerate(step.hints):
            yield f"{where}.hints[{i}]", hint, step.name
        for i, mistake in enumerate(step.mistakes):
            yield f"{where}.mistakes[{i}].message", mistake.message, step.name


def render_lesson(written: Lesson, values: Mapping[str, np.ndarray] | None = None) -> Lesson:
    """The lesson `written` (its texts with placeholders) with its texts filled in from its own numbers.

    `values` are `written.values()` when the caller has them. The result keeps `written` as its
    `template`, so a practice variant can fill them in again, and shares its solution: the numbers
    are the same, only the words differ.
    """
    values = written.values() if values is None else values

    def fill(text: str) -> str:
        return render(text, values)

    steps = tuple(
        replace(step, title=fill(step.title), text=fill(step.text), question=fill(step.question),
                hints=tuple(fill(hint) for hint in step.hints),
                mistakes=tuple(replace(mistake, message=fill(mistake.message)) for mistake in step.mistakes))
        for step in written.steps
    )
    rendered = replace(written, intro=fill(written.intro), outro=fill(written.outro), steps=steps, template=written)
    rendered.remember(written.solution())
    return rendered
