"""The course list must appear about as fast as a bare Textual app: nothing heavy on the way.

`tutor.ui.app` may not import NumPy, plotext, the engine, the lessons or the grading at module
level (they load in a background worker once the home screen is up); and the time from process
start to the first frame of the home screen must stay within 1.15× that of an app showing one
Static. Both are measured in fresh interpreters. The timing runs only with TUTOR_TIMING=1: on a
shared machine it measures the neighbours as much as the app.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("numpy", "plotext", "textual_plotext", "tutor.engine", "tutor.lessons", "tutor.grading", "markdown_it")

BARE = """
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("tutor")
    def on_ready(self):
        print(time.time(), flush=True)
        self.exit()

Bare().run(headless=True)
"""

TUTOR = """
from tutor.ui.app import TutorApp

class Timed(TutorApp):
    def on_ready(self):
        print(time.time(), flush=True)
        self.exit()

Timed().run(headless=True)
"""


def test_the_app_module_imports_nothing_heavy():
    code = "import json, sys, tutor.ui.app; print(json.dumps(sorted(sys.modules)))"
    loaded = json.loads(subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True,
                                       capture_output=True, text=True).stdout)
    heavy = [m for m in loaded if m.startswith(HEAVY)]
    assert heavy == [], f"imported at startup: {heavy}"


def _time_to_first_frame(program: str, env: dict) -> float:
    """Seconds from launching a fresh interpreter to the first frame its app displays."""
    start = time.time()
    result = subprocess.run([sys.executable, "-c", "import time\n" + textwrap.dedent(program)], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return float(result.stdout.split()[0]) - start


@pytest.mark.skipif(os.environ.get("TUTOR_TIMING") != "1", reason="timing runs with TUTOR_TIMING=1")
def test_the_home_screen_appears_as_fast_as_a_bare_app(tutor_home):
    env = {**os.environ, "TUTOR_HOME": str(tutor_home)}
    bare, tutor = [], []
    for _ in range(7):  # interleaved, and the best of each: robust to a busy machine
        bare.append(_time_to_first_frame(BARE, env))
        tutor.append(_time_to_first_frame(TUTOR, env))
    ratio = min(tutor) / min(bare)
    assert ratio <= 1.15, f"home screen {min(tutor):.3f}s vs bare app {min(bare):.3f}s: {ratio:.2f}×"
