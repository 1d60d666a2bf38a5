"""A key on the lesson screen → painted, against a bare Textual app's key → Label update.

Both apps run headless under Textual's Pilot in this process, in alternating rounds so both see the
same machine. For each key the time is from sending it to the last frame written for it (the app is
idle again after that frame). The bare app has one Label that shows the last key pressed. The answer
box's cursor does not blink here: a blink is a frame of its own, not the key's.

The lesson screen gets the keys a learner presses between answers, in a cycle that ends where it
started: escape (leaves the answer box), a digit outside the box (back into it, the digit typed), a
digit and backspace in the box, tab and shift+tab (focus out and back). Goal: tutor ≤ 1.5× the bare
app for every key.

Run: .venv/bin/python benchmarks/key_latency.py [--rounds 3] [--cycles 15]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from collections import defaultdict

from textual.app import App
from textual.widgets import Input, Label

CYCLE = ("escape", "5", "backspace", "tab", "shift+tab", "escape", "7", "8", "backspace", "backspace")
SIZE = (100, 30)


class Bare(App):
    def compose(self):
        yield Label("no key yet", id="last")

    def on_key(self, event) -> None:
        self.query_one("#last", Label).update(f"pressed {event.key}")


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.animator.wait_until_complete()  # nothing still moving
    await pilot.pause()


def record_frames(app: App) -> list[float]:
    """The times at which `app` writes a frame to its terminal, from now on."""
    frames: list[float] = []
    display = app._display

    def timed(screen, renderable) -> None:
        display(screen, renderable)
        if renderable is not None:
            frames.append(time.perf_counter())

    app._display = timed
    return frames


async def time_keys(app: App, prepare, cycles: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = defaultdict(list)
    async with app.run_test(size=SIZE) as pilot:
        await prepare(pilot)
        frames = record_frames(app)
        for _ in range(cycles):
            for key in CYCLE:
                await settle(pilot)
                frames.clear()
                start = time.perf_counter()
                await pilot.press(key)
                await settle(pilot)
                assert frames, f"{key} changed nothing on screen"
                times[key].append(frames[-1] - start)
    return times


async def open_a_question(pilot) -> None:
    """The chapter's worked example, on its first question, the answer box focused."""
    app = pilot.app
    while app.course is None or app.progress is None:
        await pilot.pause(0.05)
    app.open_lesson("chain-rule")
    await settle(pilot)
    while not app.screen.session.asks:
        await pilot.press("enter")
        await settle(pilot)
    for box in app.screen.query(Input):
        box.cursor_blink = False


async def nothing(pilot) -> None:
    await settle(pilot)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--cycles", type=int, default=15)
    args = parser.parse_args()
    from tutor.ui.app import create_app

    bare: list[float] = []
    tutor: dict[str, list[float]] = defaultdict(list)
    for _ in range(args.rounds):  # alternate, so both see the same machine
        for times in (await time_keys(Bare(), nothing, args.cycles)).values():
            bare += times
        with tempfile.TemporaryDirectory() as home:  # a learner who has not started, each time
            os.environ["TUTOR_HOME"] = home
            for key, times in (await time_keys(create_app(), open_a_question, args.cycles)).items():
                tutor[key] += times
    b = statistics.median(bare)
    print(f" bare: key → Label update          median {b * 1000:6.2f} ms")
    worst = 0.0
    for key in dict.fromkeys(CYCLE):
        t = statistics.median(tutor[key])
        worst = max(worst, t / b)
        print(f"tutor: {key:<10} → painted        median {t * 1000:6.2f} ms   {t / b:.2f}×")
    print(f"worst ratio: {worst:.2f}×   goal ≤ 1.5× for every key")


if __name__ == "__main__":
    asyncio.run(main())
