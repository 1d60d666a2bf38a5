"""The `tutor` command's subcommands: output, JSON shapes, exit codes (0 ok, 1 data, 2 usage), and the
chapter's numbers reproduced through `tutor solve --json` and `tutor replay --json`.

Most tests call `tutor.cli.main` in-process (fast); a few run `python -m tutor` in a subprocess to
check the real entry point, its exit codes and that nothing ends in a traceback.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tutor.catalog import read_catalog
from tutor.cli import build_parser, main

ROOT = Path(__file__).resolve().parent.parent
CHAPTER = "chain-rule"  # lessons/05-chain-rule.toml: the chapter's worked example L = g(f(x, w1), w2)
CHAPTER_FILE = ROOT / "lessons" / "05-chain-rule.toml"
EXACT = dict(rtol=1e-12, atol=0)
DOCUMENTED = ["open", "list", "validate", "solve", "check", "replay", "progress"]


def subcommands() -> list[str]:
    """Every subcommand the parser knows (the documented ones, and any added since)."""
    (action,) = [a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)]
    return list(action.choices)


def tutor(capsys, *argv: str, stdin: str | None = None, monkeypatch=None) -> tuple[int, str, str]:
    """Run `tutor ARGV` in-process: (exit code, stdout, stderr)."""
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    try:
        code = main(list(argv))
    except SystemExit as exit:
        code = exit.code
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def tutor_process(*argv: str, stdin: str = "", cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "tutor", *argv], input=stdin, capture_output=True, text=True,
                          cwd=cwd, env={**os.environ, "TUTOR_HOME": str(cwd), **(env or {})}, timeout=120)
    assert "Traceback" not in done.stdout + done.stderr
    return done


def scalar(value) -> float:
    return float(np.asarray(value).reshape(-1)[0])


@pytest.fixture(autouse=True)
def private_home(tmp_path, monkeypatch):
    """No test reads or writes the real progress file."""
    monkeypatch.setenv("TUTOR_HOME", str(tmp_path / "home"))


# A lesson of our own, given by path: three examples, a 2-2-1 sigmoid network, a 2-figure tolerance.
SMALL = '''\
id = "small"
title = "Small"
tolerance = { sig_figs = 2 }

[network]
inputs = [[1.0, 2.0], [0.5, -1.0], [-2.0, 0.0]]
targets = [[1.0], [0.0], [0.5]]
learning_rate = 0.5

[[network.layers]]
weights = [[0.1, 0.2], [0.3, -0.4]]
biases = [0.0, 0.1]
activation = "sigmoid"

[[network.layers]]
weights = [[0.5, -0.5]]
biases = [0.2]
activation = "sigmoid"

[[steps]]
ask = "dW1[0,1]"
tolerance = { sig_figs = 4 }
'''

# A linear network trained by descent with a large rate: it must blow up, and be told so.
LINEAR = '''\
id = "linear"
title = "Linear"

[network]
inputs = [[2.0]]
targets = [[1.0]]
learning_rate = 0.1

[[network.layers]]
weights = [[1.5]]
biases = [0.5]
activation = "identity"
'''


@pytest.fixture
def small(tmp_path) -> Path:
    path = tmp_path / "small.toml"
    path.write_text(SMALL, encoding="utf-8")
    return path


@pytest.fixture
def linear(tmp_path) -> Path:
    path = tmp_path / "linear.toml"
    path.write_text(LINEAR, encoding="utf-8")
    return path


def backprop_by_hand() -> dict[str, np.ndarray]:
    """SMALL's quantities, computed here independently of the engine (C = 1/(2n) Σ ‖y − a²‖²)."""
    x = np.array([[1.0, 2.0], [0.5, -1.0], [-2.0, 0.0]])
    y = np.array([[1.0], [0.0], [0.5]])
    w1, b1 = np.array([[0.1, 0.2], [0.3, -0.4]]), np.array([0.0, 0.1])
    w2, b2 = np.array([[0.5, -0.5]]), np.array([0.2])
    sig = lambda z: 1 / (1 + np.exp(-z))
    n = len(x)
    z1 = x @ w1.T + b1
    a1 = sig(z1)
    z2 = a1 @ w2.T + b2
    a2 = sig(z2)
    delta2 = (a2 - y) * a2 * (1 - a2)
    delta1 = (delta2 @ w2) * a1 * (1 - a1)
    dw2, dw1 = delta2.T @ a1 / n, delta1.T @ x / n
    return {"z1": z1, "a1": a1, "z2": z2, "a2": a2, "loss": np.sum((y - a2) ** 2) / (2 * n),
            "delta2": delta2, "delta1": delta1, "dW2": dw2, "db2": delta2.mean(0), "dW1": dw1, "db1": delta1.mean(0),
            "W1_new": w1 - 0.5 * dw1, "b1_new": b1 - 0.5 * delta1.mean(0),
            "W2_new": w2 - 0.5 * dw2, "b2_new": b2 - 0.5 * delta2.mean(0)}


# --- solve -------------------------------------------------------------------------------------------


def test_the_chapter_lesson_is_there():
    assert CHAPTER_FILE.is_file(), "lessons/05-chain-rule.toml (lesson chain-rule) is not written yet"


def test_solve_json_reproduces_the_chapters_worked_example(capsys):
    code, out, err = tutor(capsys, "solve", CHAPTER, "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["lesson"] == CHAPTER
    q = data["quantities"]
    np.testing.assert_allclose(scalar(q["z1"]), 2.0, **EXACT)  # z = x·w₁ + b₁
    np.testing.assert_allclose(scalar(q["a2"]), 3.5, **EXACT)  # L = z·w₂ + b₂
    assert isinstance(q["loss"], float)
    np.testing.assert_allclose(q["loss"], 1.125, **EXACT)  # E = ½(L − 5)²
    np.testing.assert_allclose(scalar(q["dL_dW1"]), 3.0, **EXACT)  # ∂L/∂w₁ = w₂·x
    np.testing.assert_allclose(scalar(q["dL_dW2"]), 2.0, **EXACT)  # ∂L/∂w₂ = z
    np.testing.assert_allclose(scalar(q["W1_new"]), 1.1, **EXACT)  # w₁ + 0.2·3
    np.testing.assert_allclose(scalar(q["W2_new"]), 1.9, **EXACT)  # w₂ + 0.2·2
    np.testing.assert_allclose(scalar(q["a2_new"]), 6.58, **EXACT)
    np.testing.assert_allclose(scalar(q["dW1"]), -4.5, **EXACT)  # ∂E/∂w₁ = (L − 5)·∂L/∂w₁


def test_solve_json_names_every_quantity_in_its_shape(capsys):
    q = json.loads(tutor(capsys, "solve", CHAPTER, "--json")[1])["quantities"]
    for l in (1, 2):
        for name in (f"z{l}", f"a{l}", f"delta{l}", f"dW{l}", f"db{l}"):
            assert name in q, name
    # only the trainable parameters are updated in the chapter's example: the biases stay fixed
    assert {"W1_new", "W2_new"} <= set(q) and not {"b1_new", "b2_new"} & set(q)
    assert q["W1"] == [[0.5]] and q["W2"] == [[1.5]]  # matrices as lists of rows
    assert q["z1"] == [[2.0]] and q["a2"] == [[3.5]]  # per-example quantities as lists of rows (one example)


def test_solve_json_by_path_with_several_examples(capsys, small):
    code, out, _ = tutor(capsys, "solve", str(small), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["lesson"] == "small"
    q = data["quantities"]
    expected = backprop_by_hand()
    for name, value in expected.items():
        assert name in q, name
        np.testing.assert_allclose(np.array(q[name], dtype=float), value, rtol=1e-12, atol=1e-15, err_msg=name)
    assert isinstance(q["loss"], float)
    assert np.shape(q["z1"]) == (3, 2) and np.shape(q["a2"]) == (3, 1)  # one row per example
    assert np.shape(q["delta1"]) == (3, 2)
    assert np.shape(q["dW1"]) == (2, 2) and np.shape(q["dW2"]) == (1, 2)  # rows = units, columns = inputs


def test_solve_plain_lists_each_phase(capsys):
    code, out, _ = tutor(capsys, "solve", CHAPTER)
    assert code == 0
    for heading in ("Given", "Forward pass", "Cost", "Backward pass", "Update"):
        assert f"\n{heading}\n" in out
    assert "1.125" in out and "6.58" in out


# --- replay ------------------------------------------------------------------------------------------


def step_of(run: dict, step: int) -> dict:
    (found,) = [s for s in run["steps"] if s["step"] == step]
    return found


CHAPTER_STEP_1 = {0.2: (1.1, 1.9, 6.58), 0.1: (0.8, 1.7, 4.92)}  # w₁, w₂, L after one step


def check_chapter_replay(data: dict) -> None:
    assert data["lesson"] == CHAPTER
    assert [run["learning_rate"] for run in data["runs"]] == [0.2, 0.1]
    for run in data["runs"]:
        start = step_of(run, 0)
        np.testing.assert_allclose([scalar(start["params"]["W1"]), scalar(start["params"]["W2"]),
                                    scalar(start["output"]), start["loss"]], [0.5, 1.5, 3.5, 1.125], **EXACT)
        first = step_of(run, 1)
        np.testing.assert_allclose(
            [scalar(first["params"]["W1"]), scalar(first["params"]["W2"]), scalar(first["output"])],
            CHAPTER_STEP_1[run["learning_rate"]], **EXACT)
        np.testing.assert_allclose(scalar(first["params"]["b1"]), 1.0, **EXACT)  # the biases stay fixed
        assert [s["step"] for s in run["steps"]] == list(range(len(run["steps"])))


def test_replay_json_without_lesson_is_the_chapters_experiment(capsys):
    code, out, err = tutor(capsys, "replay", "--json")
    assert (code, err) == (0, "")
    check_chapter_replay(json.loads(out))


def test_replay_json_of_the_chapter_lesson_with_rates_and_steps(capsys):
    code, out, _ = tutor(capsys, "replay", CHAPTER, "--lr", "0.1", "--lr", "0.2", "--steps", "3", "--json")
    assert code == 0
    data = json.loads(out)
    assert [run["learning_rate"] for run in data["runs"]] == [0.1, 0.2]
    for run in data["runs"]:
        assert [s["step"] for s in run["steps"]] == [0, 1, 2, 3]
        np.testing.assert_allclose(scalar(step_of(run, 1)["output"]), CHAPTER_STEP_1[run["learning_rate"]][2], **EXACT)


def test_replay_plain_has_tables_and_the_plot(capsys):
    code, out, _ = tutor(capsys, "replay")
    assert code == 0
    lines = out.splitlines()
    headers = [line for line in lines if line.split()[:1] == ["step"]]
    assert len(headers) == 2  # one table per rate
    assert "α = 0.2" in out and "α = 0.1" in out and "η" not in out  # the chapter's example calls it α
    assert "trains w₁, w₂" in out
    assert "6.58" in out and "4.92" in out
    assert "against the step" in out  # the plot's title
    assert any("┌" in line for line in lines) and any("└" in line for line in lines)  # its frame
    assert "\x1b[" not in out  # not a terminal: no colour codes


def test_replay_reports_divergence_without_a_traceback(capsys, linear):
    code, out, _ = tutor(capsys, "replay", str(linear), "--lr", "50", "--steps", "30")
    assert code == 0
    assert "diverged at step" in out
    code, out, _ = tutor(capsys, "replay", str(linear), "--lr", "50", "--steps", "30", "--json")
    (run,) = json.loads(out)["runs"]  # valid JSON: no NaN or Infinity in it
    assert run["diverged_at"] is not None and 1 <= run["diverged_at"] <= 30


@pytest.mark.parametrize("entry", [e for e in read_catalog()], ids=lambda e: e.id)
def test_replay_with_a_huge_rate_never_crashes(capsys, entry):
    code, out, _ = tutor(capsys, "replay", entry.id, "--lr", "50", "--steps", "30", "--rule", "descent")
    assert code == 0
    assert "against the step" in out


def test_replay_divergence_of_a_course_descent_lesson(capsys):
    code, out, _ = tutor(capsys, "replay", "gradient-descent-scalar", "--lr", "50", "--steps", "30")
    assert code == 0
    assert "diverged" in out


# --- check -------------------------------------------------------------------------------------------


def test_check_right_answer(capsys):
    code, out, err = tutor(capsys, "check", CHAPTER, "dL_dW1", "3")
    assert (code, err) == (0, "")
    assert out.startswith("✓ 3: ")
    assert "3 significant figures" in out  # the tolerance, stated


def test_check_right_and_wrong_answers(capsys):
    code, out, _ = tutor(capsys, "check", CHAPTER, "dL_dW1", "3", "1.5*2", "2.5", "-3")
    assert code == 1
    lines = out.splitlines()
    assert [line[0] for line in lines] == ["✓", "✓", "✗", "✗"]
    assert "3.0" not in lines[2] and "Not right" in lines[2]  # a wrong answer is not given away
    assert "sign" in lines[3]


def test_check_too_rounded_is_told_so_not_called_wrong(capsys):
    code, out, _ = tutor(capsys, "check", CHAPTER, "loss", "1.1", "--json")  # E = 1.125
    assert code == 1
    verdict = json.loads(out)
    assert verdict["status"] == "too-rounded"
    assert verdict["feedback"].startswith("Right, but rounded too much")
    assert "3 significant figures" in verdict["feedback"]
    code, out, _ = tutor(capsys, "check", CHAPTER, "loss", "1.1")
    assert "Not right" not in out and "rounded" in out


def test_check_unreadable_answer(capsys):
    code, out, err = tutor(capsys, "check", CHAPTER, "dL_dW1", "three", "--json")
    assert code == 1
    verdict = json.loads(out)
    assert verdict["status"] == "unreadable" and verdict["correct"] is False
    assert "three" in verdict["feedback"] or "name" in verdict["feedback"]


def test_check_json_is_one_verdict_per_line(capsys):
    code, out, _ = tutor(capsys, "check", CHAPTER, "dL_dW2", "2", "2.0001", "7", "--json")
    assert code == 1
    verdicts = [json.loads(line) for line in out.splitlines()]
    assert [v["answer"] for v in verdicts] == ["2", "2.0001", "7"]
    assert [v["correct"] for v in verdicts] == [True, True, False]
    for v in verdicts:
        assert {"answer", "correct", "expected", "feedback"} <= set(v)
        assert v["expected"] == 2.0
    assert "significant figures" in verdicts[0]["feedback"]


def test_check_reads_answers_from_stdin(capsys, monkeypatch):
    code, out, _ = tutor(capsys, "check", CHAPTER, "dL_dW1", stdin="3\n\n2.9\n", monkeypatch=monkeypatch)
    assert code == 1
    assert [line[:5] for line in out.splitlines()] == ["✓ 3: ", "✗ 2.9"]  # the blank line is skipped
    code, out, _ = tutor(capsys, "check", CHAPTER, "dL_dW1", "--json", stdin="3.00\n", monkeypatch=monkeypatch)
    assert code == 0 and json.loads(out)["correct"] is True


def test_check_with_nothing_on_stdin_is_a_usage_error(capsys, monkeypatch):
    code, _, err = tutor(capsys, "check", CHAPTER, "dL_dW1", stdin="", monkeypatch=monkeypatch)
    assert code == 2 and "no answer" in err


def test_check_one_element_of_a_matrix(capsys, small):
    dw1 = backprop_by_hand()["dW1"]
    right = f"{dw1[0, 1]:.6g}"
    code, out, _ = tutor(capsys, "check", str(small), "dW1[0,1]", right, "--json")
    assert code == 0, out
    verdict = json.loads(out)
    np.testing.assert_allclose(verdict["expected"], dw1[0, 1], **EXACT)
    assert "4 significant figures" in verdict["feedback"]  # the step's own tolerance
    code, out, _ = tutor(capsys, "check", str(small), "dW1[1,0]", f"{dw1[1, 0]:.6g}", f"{dw1[0, 1]:.6g}")
    assert code == 1 and out.splitlines()[0].startswith("✓") and out.splitlines()[1].startswith("✗")
    assert "2 significant figures" in out  # no step asks dW1[1,0]: the lesson's tolerance


def test_check_a_whole_matrix(capsys, small):
    dw1 = backprop_by_hand()["dW1"]
    typed = "; ".join(", ".join(f"{v:.6g}" for v in row) for row in dw1)
    code, out, _ = tutor(capsys, "check", str(small), "dW1", typed, "--json")
    assert code == 0, out
    np.testing.assert_allclose(json.loads(out)["expected"], dw1, **EXACT)


@pytest.mark.parametrize("argv, words", [
    (["check", CHAPTER, "dW9", "1"], "no quantity 'dW9'"),
    (["check", CHAPTER, "dW1[3,0]", "1"], "outside"),
    (["check", CHAPTER, "dW1[", "1"], "not a quantity name"),
    (["check", "no-such-lesson", "z1", "1"], "no lesson with this id or path"),
    (["solve", "no-such-lesson"], "no lesson with this id or path"),
    (["replay", "no-such-lesson"], "no lesson with this id or path"),
], ids=["unknown-quantity", "element-out-of-range", "bad-reference", "unknown-lesson-check",
        "unknown-lesson-solve", "unknown-lesson-replay"])
def test_unknown_things_are_usage_errors(capsys, argv, words):
    code, out, err = tutor(capsys, *argv)
    assert code == 2
    assert out == ""
    assert words in err and err.startswith(f"tutor {argv[0]}: ")


def test_a_lesson_path_that_does_not_exist_is_a_usage_error(capsys, tmp_path):
    code, _, err = tutor(capsys, "check", str(tmp_path / "nope.toml"), "z1", "1")
    assert code == 2 and "no lesson" in err


def test_an_unknown_id_is_not_matched_to_a_broken_file_by_substring(capsys, tmp_path, monkeypatch):
    import tutor.catalog as catalog

    course = tmp_path / "course"
    course.mkdir()
    (course / "01-broken-lesson.toml").write_text('id = "broken-lesson"\ntitle = 3\n', encoding="utf-8")
    (course / "02-linear.toml").write_text(LINEAR, encoding="utf-8")
    monkeypatch.setattr(catalog, "course_dir", lambda: course)
    assert tutor(capsys, "solve", "linear", "--json")[0] == 0  # the monkeypatched course is the one used
    code, _, err = tutor(capsys, "solve", "e")
    assert code == 2 and "no lesson with this id or path" in err


def test_an_invalid_lesson_file_exits_1_with_its_problems(capsys):
    path = ROOT / "tests" / "lessons" / "broken" / "typo-activation.toml"
    code, out, err = tutor(capsys, "solve", str(path))
    assert (code, out) == (1, "")
    assert err.startswith(f"{path}:17: network.layers[1].activation: ")


def test_check_negative_answers_in_documented_forms(capsys):
    code, out, err = tutor(capsys, "check", CHAPTER, "dW1", "-4.5e0", "-(9/2)")  # ∂E/∂w₁ = -4.5
    assert code == 0, err
    assert len(out.splitlines()) == 2


def test_check_plain_negative_number(capsys):
    code, out, _ = tutor(capsys, "check", CHAPTER, "dW1", "-4.5")
    assert code == 0 and out.startswith("✓ -4.5: ")


# --- list, validate ----------------------------------------------------------------------------------


def test_list_json_is_the_course_in_order(capsys):
    code, out, err = tutor(capsys, "list", "--json")
    assert (code, err) == (0, "")
    listed = json.loads(out)
    assert [item["id"] for item in listed] == [entry.id for entry in read_catalog()]
    assert CHAPTER in [item["id"] for item in listed]
    for item in listed:
        assert item["title"] and item["summary"]
        assert Path(item["file"]).is_file()


def test_list_plain_names_every_lesson(capsys):
    code, out, _ = tutor(capsys, "list")
    assert code == 0
    for number, entry in enumerate(read_catalog(), start=1):
        assert f"{number:>2}. {entry.id}" in out


def test_validate_default_is_the_course(capsys):
    code, out, _ = tutor(capsys, "validate")
    assert code == 0 and out.startswith("ok: ")


def test_validate_a_missing_file_exits_1(capsys, tmp_path):
    code, out, _ = tutor(capsys, "validate", str(tmp_path / "gone.toml"))
    assert code == 1 and out.startswith(f"{tmp_path / 'gone.toml'}: cannot be read")


# --- progress ----------------------------------------------------------------------------------------


def progress_json(capsys) -> dict:
    code, out, err = tutor(capsys, "progress", "--json")
    assert (code, err) == (0, ""), err
    return json.loads(out)


def test_progress_with_tutor_home(capsys, tmp_path, monkeypatch):
    from tutor.progress import Progress, ProgressStore

    home = tmp_path / "learner"
    monkeypatch.setenv("TUTOR_HOME", str(home))
    data = progress_json(capsys)
    assert data["file"] == str(home / "progress.json")
    assert [item["id"] for item in data["lessons"]] == [entry.id for entry in read_catalog()]
    assert {item["state"] for item in data["lessons"]} == {"not started"}
    assert not (home / "progress.json").exists()  # looking does not write

    state = Progress()
    state.record_attempt(CHAPTER, "z1", True, "2", 2.0)
    state.record_hint(CHAPTER, "a2")
    state.record_attempt(CHAPTER, "a2", True, "3.5", 3.5)  # right after a hint
    state.record_hint(CHAPTER, "loss")  # a hint, not answered yet: not done, counted once, there
    assert ProgressStore().save(state) is None
    data = progress_json(capsys)
    (chapter,) = [item for item in data["lessons"] if item["id"] == CHAPTER]
    assert chapter["state"] == "in progress" and chapter["done"] == 2
    assert (chapter["right_first_time"], chapter["with_hints"], chapter["right_after_wrong"]) == (1, 1, 0)
    code, out, _ = tutor(capsys, "progress")
    assert code == 0 and str(home) in out and "in progress" in out

    code, out, _ = tutor(capsys, "progress", "--reset", CHAPTER)  # not a terminal: asks nobody, resets nothing
    assert code == 1 and "Nothing was reset" in out
    code, _, err = tutor(capsys, "progress", "--reset", "no-such-lesson", "--yes")
    assert code == 2 and "no-such-lesson" in err
    code, out, _ = tutor(capsys, "progress", "--reset", CHAPTER, "--yes")
    assert code == 0
    assert {item["state"] for item in progress_json(capsys)["lessons"]} == {"not started"}


# --- help and usage ----------------------------------------------------------------------------------


def test_every_documented_subcommand_exists():
    assert set(DOCUMENTED) <= set(subcommands())


@pytest.mark.parametrize("command", [None, *subcommands()])
def test_help_everywhere(capsys, command):
    argv = ["--help"] if command is None else [command, "--help"]
    code, out, err = tutor(capsys, *argv)
    assert (code, err) == (0, "")
    assert out.startswith("usage: tutor" + ("" if command is None else f" {command}"))


@pytest.mark.parametrize("argv", [
    ["frobnicate"], ["solve"], ["check", CHAPTER], ["replay", "--lr", "0"], ["replay", "--lr", "fast"],
    ["replay", "--steps", "0"], ["replay", "--rule", "sideways"], ["list", "--jsn"], ["open"],
], ids=lambda argv: " ".join(argv))
def test_usage_errors_exit_2(capsys, argv):
    code, out, err = tutor(capsys, *argv)
    assert code == 2 and out == ""
    assert "usage: tutor" in err or err.startswith("tutor ")


# --- the real entry point, in a subprocess -----------------------------------------------------------


def test_subprocess_solve_json(tmp_path):
    done = tutor_process("solve", CHAPTER, "--json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    q = json.loads(done.stdout)["quantities"]
    np.testing.assert_allclose([scalar(q[n]) for n in ("z1", "a2", "loss", "dL_dW1", "dL_dW2")],
                               [2.0, 3.5, 1.125, 3.0, 2.0], **EXACT)


def test_subprocess_replay_json(tmp_path):
    done = tutor_process("replay", "--json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    check_chapter_replay(json.loads(done.stdout))


def test_subprocess_check_from_stdin(tmp_path):
    done = tutor_process("check", CHAPTER, "dL_dW1", "--json", stdin="3\n2.9\n", cwd=tmp_path)
    assert done.returncode == 1
    assert [json.loads(line)["correct"] for line in done.stdout.splitlines()] == [True, False]
    done = tutor_process("check", CHAPTER, "dL_dW1", "3", cwd=tmp_path)
    assert done.returncode == 0 and done.stdout.startswith("✓ 3")


def test_subprocess_usage_errors_exit_2(tmp_path):
    for argv in (["check", "no-such-lesson", "z1", "1"], ["check", CHAPTER, "dW9", "1"], ["replay", "--steps", "x"]):
        done = tutor_process(*argv, cwd=tmp_path)
        assert done.returncode == 2, argv
        assert done.stdout == "" and done.stderr


def test_subprocess_replay_divergence(tmp_path, linear):
    done = tutor_process("replay", str(linear), "--lr", "50", "--steps", "30", cwd=tmp_path)
    assert done.returncode == 0 and "diverged" in done.stdout


def test_check_does_not_name_a_mistake_a_longer_wrong_answer_is_not(capsys):
    """7.123 for z = 2 is wrong, not 'the size is right but the sign is flipped' (it was, typed with 4 figures)."""
    code, out, _ = tutor(capsys, "check", CHAPTER, "z1", "7.123", "-2.000")
    assert code == 1
    wrong, flipped = out.splitlines()
    assert "flipped" not in wrong and "Not right" in wrong
    assert "sign is flipped" in flipped
