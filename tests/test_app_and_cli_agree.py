"""The app and `tutor check` give the same verdict and the same diagnosis to the same answer.

Over every asked step of every course lesson, for the wrong number each mistake that applies to it
gives (and for the right one), the lesson session the app shows and the command line both call one
grading function: their status, mistake and feedback must be identical.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from tutor.cli import main
from tutor.grading import step_mistakes
from tutor.lessons import load_course
from tutor.progress import Progress
from tutor.ui.models.session import LessonSession

COURSE = load_course()


def typed(value) -> str:
    array = np.atleast_2d(np.asarray(value, dtype=np.float64))
    return "; ".join(", ".join(repr(float(v)) for v in row) for row in array)


def from_the_command_line(capsys, lesson_id: str, ask: str, answer: str) -> dict:
    main(["check", lesson_id, ask, answer, "--json"])
    return json.loads(capsys.readouterr().out)


def in_the_app(lesson, step, answer: str):
    session = LessonSession(lesson, Progress())
    session.go(next(i for i, page in enumerate(session.pages) if page is step))
    return session.check(answer)


@pytest.mark.parametrize("lesson", COURSE.lessons, ids=lambda lesson: lesson.id)
def test_every_mistake_gets_the_same_verdict_in_the_app_and_on_the_command_line(capsys, lesson):
    solution = lesson.solution()
    checked = 0
    for step in lesson.asked_steps():
        answers = {typed(lesson.expected(step, solution))}
        answers |= {typed(mistake.value) for mistake in step_mistakes(lesson, step, solution)
                    if np.all(np.isfinite(mistake.value))}
        for answer in sorted(answers):
            cli = from_the_command_line(capsys, lesson.id, step.ask, answer)
            app = in_the_app(lesson, step, answer)
            assert (cli["status"], cli["mistake"], cli["feedback"]) == (app.status, app.mistake, app.feedback), (
                step.ask, answer)
            checked += 1
    assert checked > len(lesson.asked_steps())  # there were mistakes to check, not only right answers
