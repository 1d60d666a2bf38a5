"""The core (engine, lessons, grading, progress, catalog), the UI's presentation models (`tutor.ui.models`)
and the printing subcommands never import the UI stack: textual, rich, plotext, textual_plotext. Only
`tutor replay` may load plotext, for its plot.

Each check runs in a fresh interpreter, because this test process may have imported anything.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

UI = ("textual", "rich", "plotext", "textual_plotext")


def imported_after(code: str, tmp_path) -> dict:
    """Run `code` in a fresh interpreter: the UI packages in sys.modules afterwards, and `_code`."""
    script = textwrap.dedent(code) + textwrap.dedent(f"""
        import json, sys
        print("@@" + json.dumps({{"modules": sorted({{m.split(".")[0] for m in sys.modules}} & set({UI!r})),
                                 "code": _code}}))
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path,
                          env={**os.environ, "TUTOR_HOME": str(tmp_path)}, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    (line,) = [line for line in done.stdout.splitlines() if line.startswith("@@")]
    return json.loads(line[2:])


def test_core_packages_import_no_ui(tmp_path):
    found = imported_after("""
        import tutor.engine, tutor.expressions, tutor.lessons, tutor.grading, tutor.progress, tutor.catalog
        import tutor.files, tutor.settings
        import tutor.commands, tutor.cli
        _code = 0
    """, tmp_path)
    assert found["modules"] == []


def test_presentation_models_import_no_ui(tmp_path):
    found = imported_after("""
        import importlib, pkgutil
        import tutor.ui.models
        names = [module.name for module in pkgutil.walk_packages(tutor.ui.models.__path__, "tutor.ui.models.")]
        for name in names:
            importlib.import_module(name)
        _code = names
    """, tmp_path)
    assert "tutor.ui.models.session" in found["code"]
    assert "tutor.ui.models.experiment.sweep" in found["code"]  # the walk reaches into subpackages
    assert found["modules"] == []


@pytest.mark.parametrize("argv, code", [
    (["solve", "chain-rule", "--json"], 0),
    (["solve", "chain-rule"], 0),
    (["list"], 0),
    (["list", "--json"], 0),
    (["check", "chain-rule", "dL_dW1", "3"], 0),
    (["check", "chain-rule", "dL_dW1", "2", "--json"], 1),
    (["validate"], 0),
    (["progress", "--json"], 0),
    (["replay", "--json"], 0),
    (["--version"], 0),
    (["completion", "bash"], 0),
    (["open", "NOSUCH"], 2),  # refused before the app starts
    ([], 2),  # standard output is not a terminal here: refused before the app starts
    (["--theme", "nord", "open", "chain-rule"], 2),  # the same
], ids=lambda v: " ".join(v) if isinstance(v, list) else str(v))
def test_printing_subcommands_import_no_ui(tmp_path, argv, code):
    found = imported_after(f"""
        from tutor.cli import main
        try:
            _code = main({argv!r})
        except SystemExit as exit:
            _code = exit.code
    """, tmp_path)
    assert found["code"] == code
    assert found["modules"] == []


def test_replay_plot_loads_plotext_but_not_textual(tmp_path):
    found = imported_after("""
        from tutor.cli import main
        _code = main(["replay"])
    """, tmp_path)
    assert found["code"] == 0
    assert "plotext" in found["modules"]
    assert found["modules"] == ["plotext"]
