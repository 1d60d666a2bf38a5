"""Snapshot tests: what each screen looks like (pytest-textual-snapshot).

Update with `pytest tests/ui/test_snapshots.py --snapshot-update`, then look at the report before
accepting. Every picture waits for the course to finish loading, so none depends on timing.
"""

from __future__ import annotations

import json

from tutor.engine.formatting import format_value
from tutor.ui.app import create_app
from tutor.ui.widgets.step import AnswerBox

from .conftest import ready

WIDE, SMALL = (100, 30), (80, 24)


def opened_at(lesson_id: str, key: str | None, answers: bool = True):
    """A `run_before` that opens `lesson_id` and walks to step `key`, answering each question
    on the way with the value the engine expects (so the graph fills in as a learner's would)."""

    async def run_before(pilot) -> None:
        await ready(pilot)
        pilot.app.open_lesson(lesson_id)
        await pilot.pause()
        screen = pilot.app.screen
        session = screen.session
        while key is not None and (session.step is None or session.step.key != key):
            if session.asks and answers and not session.state.done:
                expected = session.lesson.expected(session.step, session.solution)
                screen.query_one(AnswerBox).value = format_value(expected)  # typed at once: a key a frame is slow
                await pilot.press("enter")
            await pilot.press("enter")
            await pilot.pause()
        await pilot.pause()

    return run_before


def test_home(snap_compare):
    """The course list: thirteen lessons in order, the first highlighted, all 'not started', and the
    highlighted lesson's title, summary, section and question count in the panel below; the
    footer's 'l Loss curves' lit, as the first lesson trains."""
    assert snap_compare(create_app(), terminal_size=WIDE, run_before=ready)


def test_home_with_a_failed_lesson(snap_compare, course_dir, monkeypatch):
    """A course with a broken third file: its row says '✗ could not be loaded', and with it
    highlighted the panel (red edge) lists each problem as file:line: field: message, and the
    footer's 'l Loss curves' is dimmed."""
    monkeypatch.chdir(course_dir.parent)  # relative paths keep the picture the same on every machine

    async def run_before(pilot) -> None:
        await ready(pilot)
        await pilot.press("down", "down")

    assert snap_compare(create_app(course_dir=course_dir.name), terminal_size=WIDE, run_before=run_before)


def test_lesson_forward_step(snap_compare):
    """The first question of the first lesson: the step text, the question about z₁, under it the
    muted precision rule ('An answer counts as right when it matches the engine's value to 3 significant figures …'), an
    empty answer box with the cursor in it; the graph panel starts with the givens (x = 1, 0.5,
    W₁ = 0.4, 0.2; -0.3, 0.6, b₁, W₂, b₂, y), then marks z₁ (▶, highlighted) with '?' for both
    units; the bar shows step 2 of 7, 0 of 5 answered, phase 'forward'."""
    assert snap_compare(create_app(), terminal_size=WIDE, run_before=opened_at("chain-of-functions", "z1"))


def test_lesson_wrong_answer(snap_compare):
    """After typing '0.6, 0.3' for z₁: the red feedback '✗ Not right for z₁ yet: entry [1] is
    wrong.' under the answer, the answer kept for correcting, z₁ still '?' in the graph."""
    run_before = opened_at("chain-of-functions", "z1")
    assert snap_compare(create_app(), terminal_size=WIDE, run_before=run_before,
                        press=[*"0.6, 0.3", "enter"])


def test_lesson_backward_phase(snap_compare):
    """The two-layer sigmoid lesson at its first gradient: x, z₁, a₁, z₂, a₂ and C filled in
    with the learner's values, δ₂ marked as asked with '?' beside z₂, δ₁ still '?', the givens
    (with η = 0.5, as the lesson updates) above them, and the phase strip lit on 'backward'."""
    assert snap_compare(create_app(), terminal_size=WIDE, run_before=opened_at("two-layer-sigmoid", "delta2"))


def test_lesson_small_terminal(snap_compare):
    """At 80×24 the givens ('given: x = 1, 0.5  W₁ = …', two lines) and the graph are a compact
    strip above the step (x → z₁ → a₁ → z₂ → a₂ → C with z₁ filled in, and the asked x[0] under
    'also:', marked ▶), a one-line answer box, and a footer that ends in '? Help'."""
    assert snap_compare(create_app(), terminal_size=SMALL, run_before=opened_at("chain-of-functions", "x1_edge"))


def test_help(snap_compare):
    """Help over a lesson: 'the computation graph on the right starts with what the lesson gives'
    and the keys table (enter, escape, h, s, n/p, …) in a bordered panel titled 'Help' with
    '? or escape closes' at its foot."""
    run_before = opened_at("chain-of-functions", "z1")
    assert snap_compare(create_app(), terminal_size=WIDE, run_before=run_before, press=["question_mark"])


def test_summary(snap_compare):
    """The end of the first lesson, every question answered right first time: 'Lesson complete',
    5 right first time, 0 right after a wrong try, 0 with hints, 0 revealed, 'Σ 5 questions in
    all', then the lesson's outro; the footer offers 'a Another one' beside the next lesson."""

    async def run_before(pilot) -> None:
        await opened_at("chain-of-functions", "page-7")(pilot)
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(create_app(), terminal_size=WIDE, run_before=run_before)


# ---- grading that teaches, practice variants, review ---------------------------------------

def test_lesson_diagnosis(snap_compare):
    """δ₂ of the two-layer sigmoid lesson answered as −(y − a₂), σ′(z₂) left out: the red
    '✗ Not right yet.' under the answer, and beneath it the diagnosis in a red-edged note,
    'σ′(z₂) is missing: δ₂ = −(y − a) × σ′(z₂), the activation's derivative.'"""

    async def run_before(pilot) -> None:
        await opened_at("two-layer-sigmoid", "delta2")(pilot)
        values = pilot.app.screen.session.lesson.solution()
        await pilot.press(*format_value(-(values["y"].value - values["a2"].value)), "enter")
        await pilot.pause()

    assert snap_compare(create_app(), terminal_size=WIDE, run_before=run_before)


def test_lesson_numerical_check(snap_compare):
    """∂C/∂w₂ answered right (-0.0584) and then `c`: the invitation 'Check it yourself: c nudges
    w₂ by h and recomputes C.' under the feedback, and under the graph 'Check numerically ·
    h = 0.0001' with C(w₂ + h), C(w₂ − h), their quotient -0.0584053 and 'your ∂C/∂w₂ = -0.0584'."""

    async def run_before(pilot) -> None:
        await opened_at("two-layer-sigmoid", "dW2")(pilot)
        await pilot.press(*"-0.0584", "enter", "c")
        await pilot.pause()

    assert snap_compare(create_app(), terminal_size=WIDE, run_before=run_before)


def test_practice_variant(snap_compare):
    """`tutor practice two-layer-sigmoid --seed 7`: the title bar ends '— practice 7', the intro
    gives the seed and the command to share it, and lists the variant's new x, y, w and b, which
    the graph panel's givens show too; the footer offers 'a Another one'."""
    assert snap_compare(create_app("two-layer-sigmoid~7"), terminal_size=WIDE, run_before=ready)


def test_home_with_review_queue(snap_compare, tutor_home):
    """The course list with three steps queued from an earlier session: under the lesson's
    details, an amber-edged 'To review: 3 steps · v starts the review', then z₁, δ₂ and ∂C/∂w₂
    each beside its lesson's title; the footer has 'v Review'."""
    tutor_home.mkdir(parents=True)
    step = {"status": "correct", "attempts": 2, "hints": 0, "first_try": False}
    lessons = {"chain-of-functions": {"current_step": 2, "updated": "2026-01-01T00:00:00Z", "steps": {"z1": step}},
               "two-layer-sigmoid": {"current_step": 8, "updated": "2026-01-02T00:00:00Z",
                                     "steps": {"delta2": step, "dW2": {**step, "status": "revealed"}}}}
    review = [{"lesson": "chain-of-functions", "step": "z1"}, {"lesson": "two-layer-sigmoid", "step": "delta2"},
              {"lesson": "two-layer-sigmoid", "step": "dW2"}]
    (tutor_home / "progress.json").write_text(json.dumps({"format_version": 1, "lessons": lessons, "review": review}))
    assert snap_compare(create_app(), terminal_size=WIDE, run_before=ready)
