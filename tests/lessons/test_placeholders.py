"""Placeholders: a lesson's texts quote the engine (`{{W1[0,0]}}`, `{{a0:.1f}}`, `{{(b1[0])}}`), filled in
when the lesson loads and again for every practice variant."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tutor.lessons import find_lesson
from tutor.lessons.placeholders import PlaceholderError, problems, read, render
from tutor.lessons.practice import practice

VALUES = {
    "x": np.array([[1.0, -1.6]]),
    "W1": np.array([[0.4, 0.2], [-0.3, 0.6]]),
    "w": np.array([[2.0]]),
    "small": np.array([[-3.605e-05]]),
    "learning_rate": np.float64(0.2),
}


@pytest.mark.parametrize("text, shown", [
    ("{{w}}", "2"),
    ("{{w:.1f}}", "2.0"),
    ("{{x}}", "1, −1.6"),
    ("{{x[1]}}", "−1.6"),
    ("{{x[0,1]}}", "−1.6"),
    ("{{W1}}", "0.4, 0.2; −0.3, 0.6"),
    ("0.2 × {{(x[1])}}", "0.2 × (−1.6)"),
    ("0.2 × {{(x[0])}}", "0.2 × 1"),
    ("{{ (x[1]) : .2f }}", "(−1.60)"),
    ("{{small}}", "−3.605e-05"),
    ("α = {{learning_rate}}", "α = 0.2"),
    ("$a^{l-1}$ and {{w}}", "$a^{l-1}$ and 2"),  # single braces are LaTeX's
])
def test_a_placeholder_shows_the_value_as_written(text, shown):
    assert problems(text, VALUES) == []
    assert render(text, VALUES) == shown


@pytest.mark.parametrize("text, words", [
    ("{{v}}", ("unknown name 'v'", "W1, learning_rate")),
    ("{{W1[2,0]}}", ("outside",)),
    ("{{w:.2q}}", ("not a number format",)),
    ("{{W1 + 1}}", ("is not a placeholder",)),
    ("{{(W1)}}", ("single number",)),
    ("{{}}", ("is not a placeholder",)),
    ("{{w}} is {{w}}", ("answer of this step",)),
])
def test_a_wrong_placeholder_is_a_problem_that_says_why(text, words):
    found = problems(text, VALUES, answer="w")
    assert found, text
    source, message = found[0]
    assert source in text and all(word in message for word in words), message


def test_read_takes_each_part():
    placeholder = read("{{(x[0,1]):.2f}}")
    assert (placeholder.name, placeholder.index, placeholder.spec, placeholder.paren) == ("x", (0, 1), ".2f", True)
    with pytest.raises(PlaceholderError):
        read("{{1.5}}")


@given(st.text(alphabet="{}()[]:.,x w1W_ab0-", max_size=40))
def test_any_text_gives_problems_or_renders_never_a_traceback(text):
    if not problems(text, VALUES):
        render(text, VALUES)


def test_a_lesson_is_filled_in_when_it_loads_and_keeps_what_was_written():
    lesson = find_lesson("chain-of-functions")
    step = next(step for step in lesson.steps if step.ask == "x1_edge")
    written = next(step for step in lesson.template.steps if step.ask == "x1_edge")
    assert "{{a0[1]}}" in written.question and "{{" not in step.question
    assert step.question == "With x[1] = 0.5, at which x[0] is hidden unit 0 exactly on its hyperplane (z = 0)?"
    assert "{{" not in lesson.intro + lesson.outro + "".join(s.text + "".join(s.hints) for s in lesson.steps)


def test_a_variant_asks_its_own_question():
    """The bug: `chain-of-functions~4` asked for x[0] 'with x[1] kept at 0.5' when its x[1] is −1.6."""
    variant = practice(find_lesson("chain-of-functions"), 4)
    step = next(step for step in variant.steps if step.ask == "x1_edge")
    x1 = float(variant.network.inputs[0, 1])
    assert x1 != 0.5 and f"x[1] = {x1:g}".replace("-", "−") in step.question
