"""The real `tutor` command in a real terminal (tmux): answer the worked example, quit, come back.

Opens the chapter's worked example (lesson `chain-rule`) from the command palette, answers its
first two questions (one near miss on the way), quits, starts `tutor` again and finds the progress
kept: the course list says 2 of 15, `c` lands on the step where it stopped with the answer shown,
and the next step has z = 2 and L = 3.5 in the computation graph.
Another sends its keys in bursts (one send-keys each), as a fast typist does: a correction after
a near miss, and escape then h, apply in the order typed.
Each test runs its own tmux session under a unique name, and kills only that one.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

TUTOR = Path(sys.executable).parent / "tutor"


class Terminal:
    """One tmux session running a command at 100×30."""

    def __init__(self, command: str, env: dict[str, str]):
        self.name = f"tutor-e2e-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        # COLUMNS and LINES (pytest sets them) would override the pane's real size: drop them.
        subprocess.run(["tmux", "new-session", "-d", "-s", self.name, "-x", "100", "-y", "30",
                        f"env -u COLUMNS -u LINES {exports} {command}"], check=True)

    def screen(self) -> str:
        done = subprocess.run(["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True, text=True)
        return done.stdout

    def alive(self) -> bool:
        return subprocess.run(["tmux", "has-session", "-t", self.name], capture_output=True).returncode == 0

    def wait_for(self, *texts: str, timeout: float = 20) -> str:
        """Poll the screen until every one of `texts` is on it."""
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if all(text in screen for text in texts):
                return screen
            if time.monotonic() > deadline:
                pytest.fail(f"waited {timeout}s for {texts!r}; the screen shows:\n{screen}")
            time.sleep(0.1)

    def wait_for_exit(self, timeout: float = 10) -> None:
        deadline = time.monotonic() + timeout
        while self.alive():
            if time.monotonic() > deadline:
                pytest.fail(f"tutor did not quit; the screen shows:\n{self.screen()}")
            time.sleep(0.1)

    def keys(self, *keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)

    def type(self, text: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, "-l", text], check=True)

    def kill(self) -> None:
        if self.alive():
            subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


@pytest.fixture
def terminals():
    opened: list[Terminal] = []
    yield opened
    for terminal in opened:
        terminal.kill()


def test_progress_is_kept_across_runs_of_the_real_command(tmp_path, terminals):
    if not TUTOR.exists():
        pytest.skip(f"{TUTOR} is not installed (pip install -e .)")
    env = {"TUTOR_HOME": str(tmp_path / "home"), "TERM": "xterm-256color", "LANG": "C.UTF-8"}

    first = Terminal(str(TUTOR), env)
    terminals.append(first)
    first.wait_for("The course", "The chain rule through L", "not started")
    first.keys("C-p")
    first.wait_for("Search for commands")
    first.type("chain rule")
    first.wait_for("Open lesson 5: The chain rule")
    first.keys("Enter")
    first.wait_for("Introduction · The chain rule", "Computation graph")
    first.keys("Enter")
    first.wait_for("Compute z = f(x, w₁) = x · w₁ + b₁.")
    first.type("2")
    first.keys("Enter")
    first.wait_for("✓ Correct")
    first.keys("Enter")
    first.wait_for("Compute the output L")
    first.type("3.4")
    first.keys("Enter")
    first.wait_for("≈ Close")  # a near miss first: told, and retried
    first.keys("C-u")
    # Textual runs ctrl+u's action after keys already on their way to the box: wait till it is empty
    first.wait_for("Your answer: 0.25")
    first.type("2*1.5 + 0.5")
    first.keys("Enter")
    first.wait_for("✓ Correct")
    first.keys("q")
    first.wait_for("The course", "in progress 2 of 15")
    first.keys("q")
    first.wait_for_exit()

    saved = json.loads((tmp_path / "home" / "progress.json").read_text(encoding="utf-8"))
    steps = saved["lessons"]["chain-rule"]["steps"]
    assert steps["z1"]["status"] == "correct" and steps["z1"]["first_try"]
    assert steps["a2"]["status"] == "correct" and not steps["a2"]["first_try"]

    second = Terminal(str(TUTOR), env)
    terminals.append(second)
    second.wait_for("in progress 2 of 15")
    second.keys("c")  # back on the step where we quit, with our answer shown
    second.wait_for("Step 2 of 20", "✓ You answered 2*1.5 + 0.5.")
    second.keys("Enter")
    screen = second.wait_for("How far off are we?", "Compute the error E")
    graph = [line.split("│")[-2] for line in screen.splitlines() if line.count("│") >= 2]
    assert any(row.split()[:3] == ["↓", "z", "2"] for row in graph), screen
    assert any(row.split()[:3] == ["↓", "L", "3.5"] for row in graph), screen
    assert any(row.split()[:3] == ["▶", "E", "?"] for row in graph), screen
    second.keys("C-q")
    second.wait_for_exit()


def test_keys_sent_in_one_burst_apply_in_order(tmp_path, terminals):
    if not TUTOR.exists():
        pytest.skip(f"{TUTOR} is not installed (pip install -e .)")
    env = {"TUTOR_HOME": str(tmp_path / "home"), "TERM": "xterm-256color", "LANG": "C.UTF-8"}
    terminal = Terminal(f"{TUTOR} open chain-rule", env)
    terminals.append(terminal)
    terminal.wait_for("Introduction · The chain rule", "Computation graph")
    terminal.keys("Enter")
    terminal.wait_for("Compute z = f(x, w₁) = x · w₁ + b₁.")
    terminal.keys("2", "Enter")
    terminal.wait_for("✓ Correct")
    terminal.keys("Enter")
    terminal.wait_for("Compute the output L")
    terminal.keys("3", ".", "4", "Enter")
    terminal.wait_for("≈ Close")
    terminal.keys("BSpace", "BSpace", "BSpace", "3", ".", "5", "Escape", "h")  # one burst
    terminal.wait_for("Hint 1")
    terminal.keys("Enter")  # outside the box enter does not check: back in it first
    terminal.keys("0", "BSpace", "Enter")
    terminal.wait_for("✓ Correct")
    terminal.keys("C-q")
    terminal.wait_for_exit()

    saved = json.loads((tmp_path / "home" / "progress.json").read_text(encoding="utf-8"))
    step = saved["lessons"]["chain-rule"]["steps"]["a2"]
    assert step["answer"] == "3.5" and step["attempts"] == 2


def test_xor_draws_its_boundary_as_it_trains_in_a_real_terminal(tmp_path, terminals):
    """`tutor open xor`, l: the curve and the boundary reach step 400 with all four points right;
    q goes back to the lesson."""
    if not TUTOR.exists():
        pytest.skip(f"{TUTOR} is not installed (pip install -e .)")
    env = {"TUTOR_HOME": str(tmp_path / "home"), "TERM": "xterm-256color", "LANG": "C.UTF-8"}
    terminal = Terminal(f"{TUTOR} open xor", env)
    terminals.append(terminal)
    terminal.wait_for("Introduction · XOR: why non-linearity, drawn")
    terminal.keys("l")
    screen = terminal.wait_for("boundary · step 400", "Step 400: 4 of 4 points on their class's side of ½")
    assert "every one of them since step 200" in screen and "▓" in screen and "░" in screen
    terminal.keys("q")
    terminal.wait_for("Introduction · XOR: why non-linearity, drawn")
