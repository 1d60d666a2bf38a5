"""Fixtures for the app's tests: a private TUTOR_HOME for every test, and helpers to drive the app.

Every test gets its own progress directory (TUTOR_HOME), so no test reads or writes the real
learner's data; `course_dir` makes a small course of its own for tests that need broken files.

`snap_compare` here wraps pytest-textual-snapshot's: every picture is taken once the screen has
settled (`settle`), so no snapshot depends on how busy the machine is. The pictures belong to the
Textual they were drawn with (SNAPSHOT_TEXTUAL, which the `test` extra installs); under another one
(benchmarks/dependency_floor.py) the snapshot tests are skipped, saying why.
"""

from __future__ import annotations

import shutil
from importlib.metadata import version
from pathlib import Path

import pytest
from textual.widgets import Input

from tutor.catalog import course_dir as real_course_dir

LESSONS = real_course_dir()
SNAPSHOT_TEXTUAL = "8.2.8"  # the Textual that drew tests/ui/__snapshots__


def pytest_collection_modifyitems(config, items) -> None:
    """Skip the snapshot tests under another Textual: its pictures differ in small ways."""
    textual = version("textual")
    if textual == SNAPSHOT_TEXTUAL:
        return
    skip = pytest.mark.skip(reason=f"the snapshots were drawn by textual {SNAPSHOT_TEXTUAL}, this is {textual}")
    for item in items:
        if "snap_compare" in getattr(item, "fixturenames", ()):
            item.add_marker(skip)


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
    for _ in range(1000):
        await app.workers.wait_for_complete()
        if app.course is not None and app.progress is not None:
            break
        await pilot.pause(0.01)
    else:
        pytest.fail("the course did not load in the background")
    await pilot.pause()
    await pilot.pause()


async def until(pilot, condition, seconds: float = 20) -> None:
    """Let the app run until `condition()` holds: a wait for background work, not a timing test.

    `seconds` only stops a test that would otherwise hang; a busy machine may need all of it.
    """
    for _ in range(round(seconds / 0.02)):
        if condition():
            return
        await pilot.pause(0.02)
    pytest.fail(f"still not true after {seconds} s: {condition.__doc__ or 'the awaited condition'}")


async def settle(pilot) -> None:
    """Let the screen come to rest: background work done, animations over, a steady cursor.

    An Input's cursor blinks every half second, so on a busy machine a picture could catch it off;
    with `cursor_blink` off it is always drawn. Only the tests' copy changes: a learner's blinks.
    """
    app = pilot.app
    await app.workers.wait_for_complete()
    await pilot.wait_for_scheduled_animations()
    for screen in app.screen_stack:
        for box in screen.query(Input):
            box.cursor_blink = False
    await pilot.pause()


@pytest.fixture
def snap_compare(snap_compare):
    """pytest-textual-snapshot's `snap_compare`, with the screen settled before the picture.

    `run_before` runs first, then the `press`ed keys, then `settle`.
    """

    def compare(app, *, terminal_size, run_before=None, press=()) -> bool:
        async def settled(pilot) -> None:
            if run_before is not None:
                await run_before(pilot)
            await pilot.press(*press)
            await settle(pilot)

        return snap_compare(app, terminal_size=terminal_size, run_before=settled)

    return compare


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
