"""Fixtures for the app's tests: a private TUTOR_HOME for every test, and helpers to drive the app.

Every test gets its own progress directory (TUTOR_HOME), so no test reads or writes the real
learner's data; `course_dir` makes a small course of its own for tests that need broken files.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tutor.catalog import course_dir as real_course_dir

LESSONS = real_course_dir()


@pytest.fixture(autouse=True)
def tutor_home(tmp_path, monkeypatch) -> Path:
    home = tmp_path / "tutor-home"
    monkeypatch.setenv("TUTOR_HOME", str(home))
    monkeypatch.delenv("NO_COLOR", raising=False)
    return home


@pytest.fixture
def course_dir(tmp_path) -> Path:
    """A course of two good lessons and one whose network does not fit together."""
    folder = tmp_path / "course"
    folder.mkdir()
    shutil.copy(LESSONS / "01-chain-of-functions.toml", folder / "01-chain-of-functions.toml")
    shutil.copy(LESSONS / "03-cost-function.toml", folder / "02-cost-function.toml")
    (folder / "03-broken.toml").write_text(
        'id = "broken"\ntitle = "A broken lesson"\n\n[network]\ninputs = [[1.0]]\ntargets = [[1.0]]\n'
        'learning_rate = 0.5\n\n[[network.layers]]\nweights = [[1.0, 2.0]]\nbiases = [0.0]\n',
        encoding="utf-8")
    return folder


async def ready(pilot) -> None:
    """Wait until the course has loaded in the background and the app is idle.

    The worker starts from on_ready, which may not have run yet: wait for its results, not for it.
    """
    app = pilot.app
    for _ in range(400):
        await app.workers.wait_for_complete()
        if getattr(app, "course", True) is not None and getattr(app, "progress", True) is not None:
            break
        await pilot.pause(0.01)
    await pilot.pause()
    await pilot.pause()


async def type_text(pilot, text: str) -> None:
    await pilot.press(*text)


async def answer(pilot, text: str) -> None:
    """Type `text` into the answer box and press enter."""
    await type_text(pilot, text)
    await pilot.press("enter")
    await pilot.pause()


def shown(app, selector: str) -> str:
    """The text a widget shows right now (a Static, Label or the like)."""
    return str(app.screen.query_one(selector).render())
