"""Regenerate the README screenshots: assets/home.svg, assets/lesson.svg, assets/experiment.svg.

    .venv/bin/python tests/ui/screenshots.py

Runs the app headless at 100×30 with a throwaway TUTOR_HOME: the course list, and the chain-rule
lesson in its backward phase with the forward values filled in by correct answers, and the chapter's
learning-rate experiment two steps into its replay.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


async def main() -> None:
    from tutor.engine.formatting import format_value
    from tutor.ui.app import create_app

    app = create_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.save_screenshot("home.svg", str(ROOT / "assets"))
        app.open_lesson("chain-rule")
        await pilot.pause()
        session = app.screen.session
        while session.step is None or session.step.key != "dL_dW1":
            if session.asks and not session.state.done:
                await pilot.press(*format_value(session.lesson.expected(session.step, session.solution)), "enter")
            await pilot.press("enter")
            await pilot.pause()
        await pilot.press("escape", "h")
        await pilot.pause()
        app.save_screenshot("lesson.svg", str(ROOT / "assets"))
        # the chapter's experiment: predict "past the target", w₁ = 1.1, then two steps of replay
        app.open_experiment()
        await pilot.pause()
        await pilot.press("3", "enter", *"1.1", "enter")
        await pilot.pause()
        await pilot.press("space", "space")
        await pilot.pause(0.3)
        app.save_screenshot("experiment.svg", str(ROOT / "assets"))


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as home:
        os.environ["TUTOR_HOME"] = home
        os.environ.pop("NO_COLOR", None)
        asyncio.run(main())
    print("wrote assets/home.svg, assets/lesson.svg and assets/experiment.svg")
