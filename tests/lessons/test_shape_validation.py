"""A shape step (`ask = "shape(dW1)"`) that cannot be is refused with the file, the line and what to do.

The fixture files live in tests/lessons/broken_shapes/ (test_validation.py keeps its own folder).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.lessons.test_validation import Case, the_problem
from tutor.lessons import LessonError, load_lesson

BROKEN = Path(__file__).resolve().parent / "broken_shapes"
CASES = [
    Case("shape-of-element.toml", "steps[0].ask", 20, ("shape(…) asks the shape of a whole quantity", "shape(dW1)")),
    Case("shape-with-mistakes.toml", "steps[0].mistakes[0]", 22, ("a shape step (shape(dW1)) takes no `mistakes`",)),
    Case("shape-of-unknown.toml", "steps[0].ask", 20, ("expected a quantity of this lesson", "found 'dW3'")),
]


def test_every_fixture_file_has_a_case():
    assert sorted(p.name for p in BROKEN.glob("*.toml")) == sorted(case.file for case in CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.file for c in CASES])
def test_a_broken_shape_step_names_file_line_and_what_to_do(case):
    with pytest.raises(LessonError) as caught:
        load_lesson(BROKEN / case.file)
    problem = the_problem(caught.value, case)
    assert problem.line == case.line, str(problem)
    assert str(BROKEN / case.file) in str(problem)
    for words in case.words:
        assert words in str(problem), f"{words!r} not in {problem}"
