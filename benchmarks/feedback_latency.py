"""Enter → feedback painted, in the lesson screen, against a bare app's Input-submit → Label-update.

Both apps run headless under Textual's Pilot in this process. For each of many answers, the time
is from pressing enter to the feedback being on screen (the screen has refreshed after it changed).
The bare app has one Input whose submit sets one Label. Goal: tutor ≤ 1.5× the bare app.

Run: .venv/bin/python benchmarks/feedback_latency.py [--answers 40]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time

from textual.app import App
from textual.widgets import Input, Label


class Bare(App):
    def compose(self):
        yield Input(id="answer")
        yield Label(id="feedback")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one("#feedback", Label).update(f"Not right yet: {event.value}")


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.animator.wait_until_complete()  # nothing still moving
    await pilot.pause()


async def time_answers(app: App, prepare, box_selector: str, feedback_selector: str, answers: int) -> list[float]:
    times = []
    async with app.run_test(size=(100, 30)) as pilot:
        await prepare(pilot)
        for k in range(answers):
            box = app.screen.query_one(box_selector)
            box.value = f"-{k + 11}.5"  # always wrong, always new, so every answer is graded and shown
            await settle(pilot)
            start = time.perf_counter()
            await pilot.press("enter")
            await pilot.pause()  # the message is handled and the screen refreshed
            times.append(time.perf_counter() - start)
            shown = app.screen.query_one(feedback_selector).render()
            assert str(getattr(shown, "plain", shown)).strip(), f"nothing shown after answer {k}"
    return times


async def open_first_question(pilot) -> None:
    app = pilot.app
    while app.course is None:
        await pilot.pause(0.05)
    app.open_lesson("two-layer-sigmoid")
    await settle(pilot)
    while not getattr(app.screen, "session", None) or not app.screen.session.asks:
        await pilot.press("enter")
        await settle(pilot)


async def nothing(pilot) -> None:
    await settle(pilot)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=40)
    args = parser.parse_args()
    from tutor.ui.app import create_app

    bare, tutor = [], []
    for _ in range(3):  # alternate, so both see the same machine
        bare += await time_answers(Bare(), nothing, "#answer", "#feedback", args.answers)
        with tempfile.TemporaryDirectory() as home:  # a learner who has not answered yet, each time
            os.environ["TUTOR_HOME"] = home
            tutor += await time_answers(create_app(), open_first_question, "#answer", "#feedback", args.answers)
    b, t = statistics.median(bare), statistics.median(tutor)
    print(f" bare: Input submit → Label update   median {b * 1000:6.2f} ms")
    print(f"tutor: enter → graded feedback shown  median {t * 1000:6.2f} ms")
    print(f"ratio: {t / b:.2f}×   goal ≤ 1.5×")


if __name__ == "__main__":
    asyncio.run(main())
