"""The course list must appear about as fast as a bare Textual app: nothing heavy on the way.

`tutor.ui.app` may not import NumPy, plotext, the engine, the lessons or the grading at module
level (they load in a background worker once the home screen is up). The time itself is measured
by `benchmarks/app_startup.py`, as a ratio to a bare app in the same run, not in a timed test.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("numpy", "plotext", "textual_plotext", "tutor.engine", "tutor.lessons", "tutor.grading", "markdown_it")


def test_the_app_module_imports_nothing_heavy():
    code = "import json, sys, tutor.ui.app; print(json.dumps(sorted(sys.modules)))"
    loaded = json.loads(subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True,
                                       capture_output=True, text=True).stdout)
    heavy = [m for m in loaded if m.startswith(HEAVY)]
    assert heavy == [], f"imported at startup: {heavy}"
