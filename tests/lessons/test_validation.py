"""Lesson validation: every kind of mistake in a lesson file is refused with a message that names the
file, the line (for TOML syntax errors the line and column) or the field path, what was expected and
what was found, and never with a traceback.

One fixture file per kind of mistake lives in tests/lessons/broken/; the file that is not UTF-8 is
written by its test, so no binary file is committed.
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tutor.cli import main
from tutor.lessons import Lesson, LessonError, Problem, load_course, load_lesson

HERE = Path(__file__).resolve().parent
BROKEN = HERE / "broken"
ROOT = HERE.parent.parent

# A problem as `tutor validate` prints it: `file:line: message`, `file:line:col: message`,
# `file:line: field: message` or `file: field: message`.
PRINTED = re.compile(r"^(?P<file>\S+?\.toml)(?::(?P<line>\d+)(?::(?P<column>\d+))?)?: (?P<rest>.+)$")


@dataclass(frozen=True)
class Case:
    file: str
    field: str | None  # the field path of the problem (None: a TOML syntax error)
    line: int | None  # the exact line it must name (None: the field is missing, so no line has it)
    words: tuple[str, ...]  # what was expected and what was found, in the message
    column: int | None = None


CASES = [
    Case("syntax-error.toml", None, 7, ("TOML syntax error", "Expected newline"), column=21),
    Case("unknown-top-key.toml", "titel", 2, ("unknown key", "expected one of", "title")),
    Case("unknown-layer-key.toml", "network.layers[1].bias", 16, ("unknown key", "expected one of", "biases")),
    Case("typo-activation.toml", "network.layers[1].activation", 17,
         ("expected one of", "identity, sigmoid, tanh, relu", "found 'sigmod'")),
    Case("weights-do-not-chain.toml", "network.layers[1].weights", 15,
         ("expected 2 columns", "network.layers[0].weights", "found 3")),
    Case("biases-wrong-length.toml", "network.layers[0].biases", 11, ("expected 2 entries", "found 3")),
    Case("targets-rows.toml", "network.targets", 6, ("expected 1 row", "found 2")),
    Case("targets-columns.toml", "network.targets", 6, ("expected 1 column", "output unit", "found 2")),
    Case("ragged-rows.toml", "network.layers[0].weights", 10, ("expected every row", "same number", "rows of 2, 1")),
    Case("nan-weight.toml", "network.layers[0].weights[0][1]", 10, ("expected a finite number", "found nan")),
    Case("inf-learning-rate.toml", "network.learning_rate", 7, ("expected a finite number", "found inf")),
    Case("string-for-number.toml", "network.layers[0].biases[1]", 11, ("expected a number", "found the string '0.1'")),
    Case("missing-id.toml", "id", None, ("required", "missing")),
    Case("missing-title.toml", "title", None, ("required", "missing")),
    Case("missing-network.toml", "network", None, ("required", "missing")),
    Case("non-kebab-id.toml", "id", 1, ("expected kebab-case", "found 'Chain_Rule'")),
    Case("step-unknown-quantity.toml", "steps[1].ask", 23, ("expected a quantity of this lesson", "found 'dW3'")),
    Case("element-out-of-range.toml", "steps[1].ask", 23, ("[2, 0]", "outside", "2×2")),
    Case("duplicate-ask.toml", "steps[2].ask", 26, ("dW2", "again", "steps[0]")),
    Case("derived-unreadable.toml", "derived.W.formula", 20, ("two operators in a row", "'@'", "column 5")),
    Case("derived-unknown-name.toml", "derived.W.formula", 20, ("unknown name 'V1'", "quantities")),
    Case("hints-too-long.toml", "steps[0].hints", 21, ("expected 1 to 3 hints", "found 4")),
    Case("negative-learning-rate.toml", "network.learning_rate", 7, ("expected a number greater than 0", "found -0.5")),
    Case("trainable-non-parameter.toml", "network.trainable[1]", 8,
         ("expected a parameter name", "W1, b1, W2, b2", "found 'W3'")),
    Case("output-ascent-two-outputs.toml", "network.update", 8, ("single output unit", "has 2")),
    Case("future-format.toml", "format_version", 1, ("format 1", "found 2")),
    # A placeholder is checked where it is: the line inside a long text, not only the key's line.
    Case("placeholder-unknown-name.toml", "steps[0].text", 23, ("{{W9[0,0]}}", "unknown name 'W9'", "W1, W1_new")),
    Case("placeholder-bad-format.toml", "steps[0].hints[2]", 21, ("{{z1:.2q}}", "not a number format", ".1f")),
    Case("placeholder-quotes-answer.toml", "steps[0].question", 21, ("{{z2}}", "answer of this step")),
    Case("placeholder-out-of-range.toml", "intro", 2, ("{{W1[2,0]}}", "[2, 0]", "outside", "2×2")),
    Case("requires-broken-here.toml", "practice.requires[1]", 20, ("'a2 > 1'", "own numbers break", "0.5317")),
    Case("requires-unreadable.toml", "practice.requires[0]", 20, ("one comparison", "found 'a2 y'")),
    Case("requires-unknown-name.toml", "practice.requires[0]", 20, ("unknown name 'a9'", "quantities")),
    # Softmax and cross-entropy go together, at the output, on targets that are probabilities.
    Case("softmax-hidden-layer.toml", "network.layers[0].activation", 13, ("only on the output layer", "layer 1")),
    Case("softmax-one-unit.toml", "network.layers[1].weights", 16, ("at least 2 units", "always 1")),
    Case("softmax-with-mse.toml", "network.layers[1].activation", 17,
         ('loss = "cross-entropy"', "found loss 'mse'", "not supported")),
    Case("cross-entropy-sigmoid-output.toml", "network.loss", 7, ("needs a softmax output", "'sigmoid'")),
    Case("cross-entropy-target-sum.toml", "network.targets[0]", 6, ("probability distribution", "sum to 0.9, not 1")),
    Case("cross-entropy-negative-target.toml", "network.targets[0]", 6,
         ("probability distribution", "entry 0 is negative (-0.5)")),
]
BY_FILE = {case.file: case for case in CASES}
DUPLICATE_IDS = ("duplicate-id-1.toml", "duplicate-id-2.toml")  # each valid alone; together, one id twice



def the_problem(error: LessonError, case: Case) -> Problem:
    """The problem of `error` that is about `case.field` (a syntax error is the only problem)."""
    if case.field is None:
        assert len(error.problems) == 1, error.problems
        return error.problems[0]
    matching = [p for p in error.problems if p.field == case.field]
    assert matching, f"no problem about {case.field}; got:\n{error}"
    return matching[0]


def load_error(name: str) -> LessonError:
    with pytest.raises(LessonError) as caught:
        load_lesson(BROKEN / name)
    return caught.value


def run_validate(capsys, *paths) -> tuple[int, str, str]:
    try:
        code = main(["validate", *map(str, paths)])
    except SystemExit as exit:  # argparse and lesson_or_exit leave this way
        code = exit.code
    out, err = capsys.readouterr()
    return code, out, err


# --- the fixture files --------------------------------------------------------------------------


def test_every_fixture_file_has_a_case():
    on_disk = sorted(p.name for p in BROKEN.glob("*.toml"))
    assert on_disk == sorted([*BY_FILE, *DUPLICATE_IDS])


@pytest.mark.parametrize("case", CASES, ids=[c.file for c in CASES])
def test_broken_lesson_names_file_field_expected_and_found(case):
    error = load_error(case.file)
    problem = the_problem(error, case)
    text = str(problem)
    assert case.file in text
    assert str(BROKEN / case.file) in text  # the path as given, so it can be opened
    if case.field is not None:
        assert f": {case.field}: " in text
    for words in case.words:
        assert words in text, f"{words!r} not in {text!r}"
    assert "Traceback" not in str(error)
    # Every problem of the file says where it is: a line or a field path.
    for other in error.problems:
        assert other.line is not None or other.field, other


@pytest.mark.parametrize("case", [
    pytest.param(c, id=c.file)
    for c in CASES if c.line is not None
])
def test_broken_lesson_names_the_exact_line(case):
    problem = the_problem(load_error(case.file), case)
    assert problem.line == case.line, str(problem)
    where = f"{BROKEN / case.file}:{case.line}"
    if case.column is not None:
        assert problem.column == case.column
        where += f":{case.column}"
    assert str(problem).startswith(where + ": "), str(problem)


@pytest.mark.parametrize("case", [c for c in CASES if c.line is None], ids=lambda c: c.file)
def test_missing_required_field_names_the_field(case):
    problem = the_problem(load_error(case.file), case)
    assert str(problem) == f"{BROKEN / case.file}: {case.field}: is required but missing"


def test_unknown_layer_key_also_reports_the_missing_one():
    error = load_error("unknown-layer-key.toml")
    fields = {p.field for p in error.problems}
    assert fields == {"network.layers[1].bias", "network.layers[1].biases"}


def test_all_problems_of_a_file_are_reported_together(tmp_path):
    text = (BROKEN / "typo-activation.toml").read_text(encoding="utf-8")
    text = text.replace("learning_rate = 0.5", "learning_rate = -0.5").replace('title = "A broken lesson"', "title = 3")
    path = tmp_path / "many.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LessonError) as caught:
        load_lesson(path)
    fields = {p.field for p in caught.value.problems}
    assert {"title", "network.learning_rate", "network.layers[1].activation"} <= fields
    assert str(caught.value).count(str(path)) == len(caught.value.problems)


def test_unknown_key_message_lists_every_known_top_level_key(tmp_path):
    text = (BROKEN / "typo-activation.toml").read_text(encoding="utf-8").replace('"sigmod"', '"sigmoid"')
    path = tmp_path / "replays.toml"
    path.write_text(text + "\n[replays]\nsteps = 3\n", encoding="utf-8")
    with pytest.raises(LessonError) as caught:
        load_lesson(path)
    (problem,) = caught.value.problems
    assert problem.field == "replays" and problem.line == 19
    assert "replay," in problem.message or problem.message.endswith("replay")


# --- a file that is not UTF-8, and two files with one id -----------------------------------------


def write_not_utf8(tmp_path: Path) -> Path:
    path = tmp_path / "latin-1.toml"
    path.write_bytes(b'id = "latin-1"\ntitle = "Caf\xe9"\n')  # \xe9 is é in Latin-1, invalid in UTF-8
    return path


def test_not_utf8_is_refused_by_name(tmp_path, capsys):
    path = write_not_utf8(tmp_path)
    with pytest.raises(LessonError) as caught:
        load_lesson(path)
    (problem,) = caught.value.problems
    assert str(path) in str(problem)
    assert "not UTF-8" in str(problem) and "save it as UTF-8" in str(problem)
    code, out, err = run_validate(capsys, path)
    assert code == 1
    assert out.strip() == str(problem)
    assert "Traceback" not in out + err


def test_not_utf8_names_the_line(tmp_path):
    path = write_not_utf8(tmp_path)
    with pytest.raises(LessonError) as caught:
        load_lesson(path)
    assert caught.value.problems[0].line == 2
    assert re.match(rf"{re.escape(str(path))}:2(:\d+)?: ", str(caught.value))


def test_two_files_with_one_id():
    first, second = (BROKEN / name for name in DUPLICATE_IDS)
    assert load_lesson(first).id == load_lesson(second).id == "twin"  # each is valid alone
    course = load_course(files=[first, second])
    assert [lesson.path for lesson in course.lessons] == [first]
    (problem,) = course.problems()
    assert problem.file == second and problem.field == "id"
    assert str(problem).startswith(f"{second}: id: 'twin' is already the id of {first}")
    assert "unique" in str(problem)


def test_validate_two_files_with_one_id(capsys):
    code, out, err = run_validate(capsys, *(BROKEN / name for name in DUPLICATE_IDS))
    assert code == 1
    assert out.splitlines() == [f"{BROKEN / DUPLICATE_IDS[1]}: id: 'twin' is already the id of "
                                f"{BROKEN / DUPLICATE_IDS[0]}; ids must be unique"]
    assert "Traceback" not in out + err


# --- `tutor validate` ------------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=[c.file for c in CASES])
def test_validate_prints_each_problem_and_exits_1(case, capsys):
    path = BROKEN / case.file
    code, out, err = run_validate(capsys, path)
    assert code == 1
    assert "Traceback" not in out + err
    lines = out.splitlines()
    assert lines == [str(p) for p in load_error(case.file).problems]
    for line in lines:
        printed = PRINTED.match(line)
        assert printed and printed["file"] == str(path), line
        assert printed["line"] or printed["rest"].split(": ", 1)[0] in {case.field, "id", "title", "network"}


def test_validate_a_folder_reports_every_broken_file(capsys):
    code, out, err = run_validate(capsys, BROKEN)
    assert code == 1
    named = {PRINTED.match(line)["file"] for line in out.splitlines()}
    assert named == {str(BROKEN / name) for name in [*BY_FILE, DUPLICATE_IDS[1]]}
    assert "Traceback" not in out + err


def test_validate_in_a_subprocess(tmp_path):
    files = [*(BROKEN / name for name in sorted(BY_FILE)), write_not_utf8(tmp_path), *(BROKEN / n for n in DUPLICATE_IDS)]
    done = subprocess.run([sys.executable, "-m", "tutor", "validate", *map(str, files)],
                          capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert done.stderr == ""
    for line in done.stdout.splitlines():
        assert PRINTED.match(line), line
    named = {PRINTED.match(line)["file"] for line in done.stdout.splitlines()}
    assert named == {str(f) for f in files} - {str(BROKEN / DUPLICATE_IDS[0])}


def test_validate_the_course_is_ok(capsys):
    code, out, err = run_validate(capsys)
    assert code == 0, out + err
    assert re.fullmatch(r"ok: \d+ lessons? valid\n", out)


# --- a valid minimal lesson -----------------------------------------------------------------------

MINIMAL = '''\
id = "tiny"
title = "Tiny"

[network]
inputs = [[1.0, 2.0]]
targets = [[0.5]]
learning_rate = 0.5

[[network.layers]]
weights = [[0.1, 0.2], [0.3, 0.4]]
biases = [0.0, 0.1]
activation = "sigmoid"

[[network.layers]]
weights = [[0.5, -0.5]]
biases = [0.2]
activation = "sigmoid"
'''

DEFAULT_WALK = ["z1", "a1", "z2", "a2", "loss", "delta2", "dW2", "db2", "delta1", "dW1", "db1",
                "W1_new", "b1_new", "W2_new", "b2_new"]


def test_minimal_lesson_loads_with_the_default_walk(tmp_path, capsys):
    path = tmp_path / "tiny.toml"
    path.write_text(MINIMAL, encoding="utf-8")
    lesson = load_lesson(path)
    assert isinstance(lesson, Lesson)
    assert (lesson.id, lesson.title, lesson.summary) == ("tiny", "Tiny", "Tiny")
    # forward (z, a per layer), the cost, backward layer by layer (δ, ∂C/∂W, ∂C/∂b), then the update
    assert [step.ask for step in lesson.steps] == DEFAULT_WALK
    assert [step.index for step in lesson.steps] == list(range(len(DEFAULT_WALK)))
    assert not any(step.is_reading for step in lesson.steps)
    assert lesson.network.update == "descent" and lesson.replay is None
    code, out, err = run_validate(capsys, path)
    assert (code, out, err) == (0, "ok: 1 lesson valid\n", "")


def test_minimal_output_ascent_lesson_walks_the_output_gradients(tmp_path):
    text = MINIMAL.replace("learning_rate = 0.5", 'learning_rate = 0.5\nupdate = "output-ascent"\ntrainable = ["W1", "W2"]')
    path = tmp_path / "ascent.toml"
    path.write_text(text, encoding="utf-8")
    assert [step.ask for step in load_lesson(path).steps] == [
        "z1", "a1", "z2", "a2", "loss", "dL_dz2", "dL_dW2", "dL_db2", "dL_dz1", "dL_dW1", "dL_db1", "W1_new", "W2_new"]


# --- random damage never escapes as anything but a LessonError -----------------------------------

RICH = MINIMAL.replace('title = "Tiny"', '''title = "Tiny"
summary = "A lesson with every optional part, for the fuzzer to break."
minutes = 5
symbols = { a2 = "L" }
tolerance = { sig_figs = 3 }''') + '''
[derived.W]
formula = "W2 @ W1"
symbol = "W"
phase = "forward"

[[steps]]
ask = "z1[0,1]"
text = "The first link."
hints = ["rule", "formula", "numbers"]

[[steps]]
title = "A page"
text = """
Just reading.
"""

[[steps]]
ask = "W"
tolerance = { sig_figs = 2 }

[[steps]]
ask = "dW1"

[replay]
learning_rates = [0.5, 0.1]
steps = 3
'''

NUMBER = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?(?:e-?\d+)?(?![\w.])")
REPLACEMENTS = ["0", "-1", "1e308", "-1e308", "nan", "inf", "-inf", "1e-320", "99999999999999999999", "true",
                "[1.0, 2.0]", "[[1.0], [2.0]]", "[]", "[[]]", "{}", '"x"', "0.5, 0.5"]
GARBAGE = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["[", "]]", "[[network.layers]]", "[network]", "[[steps]]", 'ask = "z9"', "x = ", '"""',
                     "weights = [[1.0]]", "[derived.z1]", "= 1", "id = 3", "\x00", "\ufeff", "a.b.c = 1"]),
)


@st.composite
def damaged(draw) -> str:
    lines = RICH.splitlines()
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["delete", "duplicate", "number to string", "number to other", "garbage"]))
        numbered = [i for i, line in enumerate(lines) if "=" in line and NUMBER.search(line)]
        if kind in ("number to string", "number to other") and numbered:
            i = draw(st.sampled_from(numbered))
            matches = list(NUMBER.finditer(lines[i]))
            m = draw(st.sampled_from(matches))
            new = f'"{m.group(0)}"' if kind == "number to string" else draw(st.sampled_from(REPLACEMENTS))
            lines[i] = lines[i][: m.start()] + new + lines[i][m.end():]
        elif kind == "delete" and lines:
            del lines[draw(st.integers(0, len(lines) - 1))]
        elif kind == "duplicate" and lines:
            i = draw(st.integers(0, len(lines) - 1))
            lines.insert(i, lines[i])
        else:
            lines.insert(draw(st.integers(0, len(lines))), draw(GARBAGE))
    return "\n".join(lines) + "\n"


def test_rich_lesson_is_valid(tmp_path):
    path = tmp_path / "rich.toml"
    path.write_text(RICH, encoding="utf-8")
    lesson = load_lesson(path)
    assert [step.ask for step in lesson.steps] == ["z1[0,1]", None, "W", "dW1"]


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("damaged") / "damaged.toml"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=damaged())
def test_damaged_lesson_is_a_lesson_or_a_lesson_error(scratch, text):
    # surrogatepass: garbage may hold lone surrogates, which makes the file invalid UTF-8 on purpose
    scratch.write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        result = load_lesson(scratch)
    except LessonError as error:
        assert error.problems
        for problem in error.problems:
            assert str(problem).startswith(str(scratch))
            assert problem.message
    else:
        assert isinstance(result, Lesson)


# --- the format's own documentation -----------------------------------------------------------------


def _readme_blocks() -> list[str]:
    text = (ROOT / "lessons" / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```toml\n(.*?)```", text, re.DOTALL)


def test_the_readme_lessons_are_valid(tmp_path):
    """The smallest lesson and the complete example of lessons/README.md load as they are written."""
    whole = [block for block in _readme_blocks() if "[network]" in block and "id = " in block]
    assert len(whole) == 2
    for i, block in enumerate(whole):
        path = tmp_path / f"example-{i}.toml"
        path.write_text(block, encoding="utf-8")
        lesson = load_lesson(path)
        assert "{{" not in "".join(step.text + "".join(step.hints) + step.question for step in lesson.steps)
