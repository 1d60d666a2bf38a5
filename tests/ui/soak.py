"""The soak: seeded random keys on every screen of the app, in bursts, with resizes, quits and restarts.

`soak(keys, seed)` drives the real app under Pilot. The run is cut into stints of a few dozen keys;
each stint first opens one screen (in turn: the course list, a lesson or a practice variant, the
review, help, the summary, the restart question, the loss curves, the experiment, the palette), then
sends random keys as a terminal would: every key any screen binds, digits, letters, the characters
of answers, escape, tab, arrows, enter, ctrl+p, in bursts of one to a dozen keys read by Textual's
own parser (`tests/ui/burst.py`), the terminal resized now and then anywhere from 20×8 to 250×80.
Every few stints the app is quit and started again on the same progress, as q and ctrl+q in the
random keys also do. An exception anywhere in the app ends the run: Pilot raises it.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field

from tutor.ui.app import create_app
from tutor.ui.screens.curves import CurvesScreen
from tutor.ui.screens.experiment import ExperimentScreen
from tutor.ui.screens.help import HelpScreen
from tutor.ui.screens.home import HomeScreen
from tutor.ui.screens.lesson import LessonScreen
from tutor.ui.screens.review import ReviewScreen
from tutor.ui.screens.summary import SummaryScreen
from tutor.ui.widgets.step import AnswerBox

from .burst import burst, settle

SMALLEST, LARGEST = (20, 8), (250, 80)
STINT = 30  # keys on one screen before the next is opened
STINTS_PER_RUN = 4  # then the app is quit and started again
# The screens opened in turn, one per stint; the review last, when revealed steps are due.
TURNS = ("home", "lesson", "help", "summary", "confirm", "curves", "experiment", "palette", "review")

# What a terminal sends for each key (the rest are their own character).
SENT = {"enter": "\r", "escape": "\x1b", "tab": "\t", "shift+tab": "\x1b[Z", "backspace": "\x7f", "space": " ",
        "up": "\x1b[A", "down": "\x1b[B", "right": "\x1b[C", "left": "\x1b[D", "home": "\x1b[H", "end": "\x1b[F",
        "pageup": "\x1b[5~", "pagedown": "\x1b[6~", "question_mark": "?", "full_stop": ".", "minus": "-"}
TYPED = "0123456789.-+*/(), abcdefghijklmnopqrstuvwxyz?"
EVERYWHERE = ["enter", "escape", "tab", "shift+tab", "up", "down", "left", "right", "backspace", "space",
              "home", "end", "pageup", "pagedown", "ctrl+p", "ctrl+u", "ctrl+q"]


def bound_keys() -> list[str]:
    """Every key that a screen, the app or the answer box binds."""
    from tutor.ui.app import TutorApp
    from tutor.ui.screens.confirm import ConfirmScreen

    owners = (TutorApp, HomeScreen, LessonScreen, ReviewScreen, SummaryScreen, HelpScreen, ConfirmScreen,
              CurvesScreen, ExperimentScreen, AnswerBox)
    return sorted({key.strip() for owner in owners for binding in owner.BINDINGS for key in binding.key.split(",")})


def sent(key: str) -> str:
    """The bytes a terminal sends for `key` (a key name or a character)."""
    if key in SENT:
        return SENT[key]
    if key.startswith("ctrl+") and len(key) == 6:
        return chr(ord(key[-1]) - ord("a") + 1)
    return key


@dataclass
class Report:
    keys: int = 0
    runs: int = 0
    resizes: int = 0
    screens: Counter = field(default_factory=Counter)  # screen on top → times seen (opened, or after keys)

    def __str__(self) -> str:
        seen = ", ".join(f"{name} {count}" for name, count in self.screens.most_common())
        return f"{self.keys} keys in {self.runs} runs of the app, {self.resizes} resizes; screens seen: {seen}"


async def soak(keys: int, seed: int) -> Report:
    """Send `keys` random keys; returns what was done. Any exception in the app is raised."""
    rng = random.Random(seed)
    alphabet = [*bound_keys(), *EVERYWHERE, *TYPED]
    report = Report()
    stint = 0
    while report.keys < keys:
        report.runs += 1
        app = create_app()
        async with app.run_test(size=(rng.randint(60, 160), rng.randint(20, 50))) as pilot:
            if rng.random() < 0.5:  # sometimes keys come before the course is loaded
                burst(app, "".join(sent(rng.choice(alphabet)) for _ in range(rng.randint(1, 4))))
            for _ in range(STINTS_PER_RUN):
                if report.keys >= keys or app.return_code is not None:
                    break
                await settle(pilot)
                if app.return_code is None:
                    await open_screen(pilot, stint, rng)
                if app.return_code is None:
                    report.screens[type(app.screen).__name__] += 1
                stint += 1
                await random_keys(pilot, rng, alphabet, min(STINT, keys - report.keys), report)
            if app.return_code is None:
                app.exit()
    return report


async def random_keys(pilot, rng: random.Random, alphabet: list[str], count: int, report: Report) -> None:
    app = pilot.app
    sent_here = 0
    while sent_here < count and app.return_code is None:
        if rng.random() < 0.08:
            await pilot.resize_terminal(rng.randint(SMALLEST[0], LARGEST[0]), rng.randint(SMALLEST[1], LARGEST[1]))
            report.resizes += 1
        size = 1 if rng.random() < 0.6 else rng.randint(2, 12)
        if rng.random() < 0.2:  # an answer typed at once
            typed = "".join(rng.choice("0123456789.-") for _ in range(size)) + "\r"
        else:
            typed = "".join(sent(rng.choice(alphabet)) for _ in range(size))
        burst(app, typed)
        sent_here += size
        if rng.random() < 0.7:
            await settle(pilot)
        if app.return_code is None:
            report.screens[type(app.screen).__name__] += 1
    report.keys += sent_here
    await settle(pilot)


async def open_screen(pilot, stint: int, rng: random.Random) -> None:
    """Open the screen whose turn it is, as a learner would get there."""
    app = pilot.app
    if app.course is None:
        return  # still loading: keys will do
    lessons = app.course.lessons
    lesson = rng.choice(lessons)
    turn = TURNS[stint % len(TURNS)]
    if turn == "home":
        app.go_home()
    elif turn == "lesson":
        app.open_lesson(lesson.id)
        await settle(pilot)
        if isinstance(app.screen, LessonScreen):  # reveal a step: it is due for review after a restart
            while not app.screen.session.asks and app.screen.session.next():
                pass
            await pilot.press("ctrl+o")
        if rng.random() < 0.3:  # then a practice variant (which fills no review queue)
            app.open_lesson(f"{lesson.id}~{rng.randint(0, 999)}")
    elif turn == "review":
        app.start_review()  # nothing when no step is due (steps revealed today are due after a restart)
    elif turn == "help":
        app.action_help()
    elif turn in ("summary", "confirm"):
        app.open_lesson(lesson.id)
        await settle(pilot)
        screen = app.screen
        if isinstance(screen, LessonScreen):
            if turn == "confirm":
                screen.action_restart()
            else:
                for _ in range(len(screen.session.lesson.steps) + 2):
                    if app.screen is screen:
                        screen.action_next()
    elif turn == "curves":
        app.open_curves(rng.choice([lesson for lesson in lessons if lesson.trains()] or lessons))
    elif turn == "experiment":
        app.open_experiment(lesson)
    else:
        app.action_command_palette()
    await settle(pilot)
