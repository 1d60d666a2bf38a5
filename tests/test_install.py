"""What an installed `tutor` offers besides the course: its distribution name and version, the app
refused before it starts where it could not work, and shell completion.

The app itself is never started here: `tutor.ui.app.run` is replaced by a recorder.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from importlib.metadata import distribution
from pathlib import Path

import pytest

import tutor
from tests.test_cli import tutor as run_tutor
from tutor.cli import COMMANDS

ROOT = Path(__file__).resolve().parent.parent
CHAPTER_FILE = ROOT / "lessons" / "05-chain-rule.toml"
TUTOR = Path(sys.executable).parent / "tutor"  # the console script of the venv running the tests


class Keyboard(io.StringIO):
    """Standard input that passes for a terminal."""

    def isatty(self) -> bool:
        return True


def tutor_main(capsys, *argv: str, terminal=None) -> tuple[int, str, str]:
    """Run `tutor ARGV` in-process: (exit code, stdout, stderr). Standard output is captured, so not a
    terminal, unless `terminal` (a monkeypatch) makes it pass for one."""
    if terminal is not None:
        terminal.setattr(sys.stdout, "isatty", lambda: True)  # sys.stdout is capsys's now
        terminal.setattr(sys, "stdin", Keyboard())
    return run_tutor(capsys, *argv)


@pytest.fixture
def app_runs(monkeypatch) -> list[tuple]:
    """The app's run, recorded instead of started."""
    import tutor.ui.app

    runs = []
    monkeypatch.setattr(tutor.ui.app, "run", lambda *args, **kwargs: runs.append((args, kwargs)) or 0)
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    return runs


# --- name and version ---------------------------------------------------------------------------


def test_the_distribution_is_backprop_tutor_and_installs_the_tutor_command():
    installed = distribution("backprop-tutor")  # the package index's "tutor" is another program
    assert installed.version == tutor.__version__
    (script,) = [e for e in installed.entry_points if e.group == "console_scripts"]
    assert (script.name, script.value) == ("tutor", "tutor.cli:main")


def test_version(capsys):
    assert tutor_main(capsys, "--version") == (0, f"tutor {tutor.__version__}\n", "")


# --- the app, refused before it starts ----------------------------------------------------------


@pytest.mark.parametrize("argv", [["open", "NOSUCH"], ["open", "chain-rule~x"], ["practice", "NOSUCH"]])
def test_an_unknown_lesson_is_refused_as_solve_refuses_it(capsys, app_runs, monkeypatch, argv):
    code, out, err = tutor_main(capsys, *argv, terminal=monkeypatch)
    assert (code, out, app_runs) == (2, "", [])
    solve = tutor_main(capsys, "solve", argv[1])
    assert err == solve[2].replace("tutor solve:", f"tutor {argv[0]}:")
    assert "no lesson with this id or path; the course has: chain-of-functions" in err


def test_a_missing_lesson_file_is_refused(capsys, app_runs, monkeypatch, tmp_path):
    code, out, err = tutor_main(capsys, "open", str(tmp_path / "nosuch.toml"), terminal=monkeypatch)
    assert (code, app_runs) == (2, [])
    assert err.endswith("no lesson with this id or path: there is no such file\n")


@pytest.mark.parametrize("lesson", ["chain-rule", "chain-rule~7", "05-chain-rule", str(CHAPTER_FILE)])
def test_a_lesson_by_id_variant_or_path_opens(capsys, app_runs, monkeypatch, lesson):
    assert tutor_main(capsys, "open", lesson, terminal=monkeypatch)[0] == 0
    assert app_runs == [((lesson,), {"theme": None})]


@pytest.mark.parametrize("argv", [[], ["open", "chain-rule"], ["practice", "chain-rule", "--seed", "3"],
                                  ["replay", "--tui"]])
def test_the_app_needs_a_terminal(capsys, monkeypatch, argv):
    """`tutor | less`, `tutor > file`: a clear refusal, not escape codes written forever."""
    import tutor.ui.app

    monkeypatch.setattr(tutor.ui.app, "run", lambda *args, **kwargs: pytest.fail("the app was started"))
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    code, out, err = tutor_main(capsys, *argv)  # capsys: standard output is not a terminal
    assert (code, out) == (2, "")
    assert "standard output is not a terminal" in err and "Run tutor in a terminal" in err


def test_the_app_needs_keys_from_a_terminal(capsys, monkeypatch):
    """`tutor < /dev/null` drew the course and then read no key, not even q."""
    import tutor.ui.app

    monkeypatch.setattr(tutor.ui.app, "run", lambda *args, **kwargs: pytest.fail("the app was started"))
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    monkeypatch.setattr(sys, "stdin", io.StringIO())
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    code, out, err = tutor_main(capsys)
    assert (code, out) == (2, "")
    assert "standard input is not a terminal, and the app reads its keys from one" in err


def test_a_textual_driver_of_its_own_is_let_through(capsys, app_runs, monkeypatch):
    """textual-serve runs the app on pipes with its web driver, named in TEXTUAL_DRIVER."""
    monkeypatch.setenv("TEXTUAL_DRIVER", "textual.drivers.web_driver:WebDriver")
    assert tutor_main(capsys, "open", "chain-rule")[0] == 0 and len(app_runs) == 1


def test_the_printing_commands_still_print_into_a_pipe(tmp_path):
    done = subprocess.run([TUTOR, "list"], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "TUTOR_HOME": str(tmp_path)})
    assert done.returncode == 0 and "chain-rule" in done.stdout


def test_theme_for_this_run(capsys, app_runs, monkeypatch):
    assert tutor_main(capsys, "--theme", "nord", "open", "chain-rule", terminal=monkeypatch)[0] == 0
    assert app_runs == [(("chain-rule",), {"theme": "nord"})]


def test_an_unknown_theme_is_refused_with_the_list(capsys, app_runs, monkeypatch):
    code, out, err = tutor_main(capsys, "--theme", "neon", terminal=monkeypatch)
    assert (code, out, app_runs) == (2, "", [])
    assert err.startswith("tutor: there is no theme 'neon'; the themes are: textual-dark, textual-light, nord")


# --- shell completion ---------------------------------------------------------------------------


def completions(line: str, tmp_path) -> list[str]:
    """What `tutor` answers a shell completing `line` (argcomplete's protocol: words on file descriptor 8)."""
    env = {**os.environ, "_ARGCOMPLETE": "1", "_ARGCOMPLETE_IFS": "\n", "COMP_LINE": line,
           "COMP_POINT": str(len(line)), "TUTOR_HOME": str(tmp_path)}
    done = subprocess.run(["bash", "-c", '"$0" 8>&1 9>/dev/null', TUTOR], capture_output=True, text=True,
                          env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.split("\n")


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_a_completion_script_for_each_shell(capsys, shell):
    code, out, err = tutor_main(capsys, "completion", shell)
    assert (code, err) == (0, "")
    assert "_ARGCOMPLETE" in out and "tutor" in out


def test_an_unknown_shell_is_a_usage_error(capsys):
    code, out, err = tutor_main(capsys, "completion", "powershell")
    assert code == 2 and "invalid choice: 'powershell'" in err


def test_completion_names_the_subcommands_and_the_lessons(tmp_path):
    assert set(COMMANDS) | {"--help", "--version", "--theme"} <= set(completions("tutor ", tmp_path))
    assert completions("tutor op", tmp_path) == ["open "]
    assert set(completions("tutor open ch", tmp_path)) == {"chain-of-functions", "chain-rule"}
    assert "two-layer-sigmoid" in completions("tutor solve ", tmp_path)
    assert "--json" in completions("tutor solve chain-rule --", tmp_path)
    assert completions("tutor --theme no", tmp_path) == ["nord "]


def in_bash(script: str, tmp_path) -> str:
    env = {**os.environ, "PATH": f"{TUTOR.parent}{os.pathsep}{os.environ['PATH']}", "TUTOR_HOME": str(tmp_path)}
    done = subprocess.run(["bash", "--norc", "-c", script], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_bash_sources_the_script_and_completes_through_it(tmp_path):
    """The script as a learner's ~/.bashrc would run it, and bash's completion function called as tab does."""
    out = in_bash('eval "$(tutor completion bash)"; complete -p tutor; '
                  'COMP_LINE="tutor open chain-r"; COMP_POINT=${#COMP_LINE}; COMP_WORDS=(tutor open chain-r); '
                  'COMP_CWORD=2; $(complete -p tutor | sed "s/.*-F \\([^ ]*\\) .*/\\1/") tutor chain-r tutor; '
                  'echo "reply: ${COMPREPLY[*]}"', tmp_path)
    assert "tutor" in out.splitlines()[0]
    assert out.splitlines()[-1] == "reply: chain-rule "


@pytest.mark.skipif(shutil.which("fish") is None, reason="fish is not installed")
def test_fish_completes_through_the_script(tmp_path):
    env = {**os.environ, "PATH": f"{TUTOR.parent}{os.pathsep}{os.environ['PATH']}", "TUTOR_HOME": str(tmp_path)}
    done = subprocess.run(["fish", "--no-config", "-c", "tutor completion fish | source; complete -C 'tutor open chain-r'"],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["chain-rule"]


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed")
def test_zsh_reads_the_script(tmp_path):
    script = tmp_path / "_tutor"
    script.write_text(subprocess.run([TUTOR, "completion", "zsh"], capture_output=True, text=True, timeout=120).stdout)
    done = subprocess.run(["zsh", "-n", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
