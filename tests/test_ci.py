"""CI runs what the README tells a developer to run, and the test extra installs the Textual that
drew the snapshots."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from tests.ui.conftest import SNAPSHOT_TEXTUAL

ROOT = Path(__file__).resolve().parent.parent


def test_ci_runs_the_readmes_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = re.search(r"Install and run the tests:\n\n```sh\n(.+)\n```", readme)[1]
    last_line = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    assert last_line == command


def test_the_test_extra_installs_the_textual_the_snapshots_were_drawn_with():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert f"textual=={SNAPSHOT_TEXTUAL}" in project["optional-dependencies"]["test"]
    assert any(re.fullmatch(r"textual>=[\d.]+", dependency) for dependency in project["dependencies"])
