"""The review queue behind the review screen (tutor.ui.models.review), without Textual."""

from __future__ import annotations

import pytest

from tutor.lessons import find_lesson, load_course
from tutor.progress import Progress, ProgressStore, ReviewItem
from tutor.ui.models.chain import FILLED, UNKNOWN, chain
from tutor.ui.models.review import ReviewSession, review_queue
from tutor.ui.models.session import LessonSession


@pytest.fixture(scope="module")
def course():
    return load_course()


def find(course):
    def lesson(reference: str):
        try:
            return find_lesson(reference, course)
        except Exception:  # noqa: BLE001 - an unknown lesson is simply not in the queue
            return None

    return lesson


def answered_with_help(course, progress: Progress, lesson_id: str, key: str) -> None:
    """Work one step of a lesson the way that sends it to review: a wrong answer, then the right one."""
    session = LessonSession(find_lesson(lesson_id, course), progress)
    session.go(next(i for i, page in enumerate(session.pages) if page is not None and page.key == key))
    expected = session.lesson.expected(session.step, session.solution).ravel()
    assert session.check(", ".join(str(v + 10) for v in expected)).status == "wrong"
    assert session.check(", ".join(str(v) for v in expected)).correct


def review_of(course, *items: tuple[str, str], store=None) -> ReviewSession:
    progress = Progress()
    for lesson_id, key in items:
        answered_with_help(course, progress, lesson_id, key)
    return ReviewSession(review_queue(progress, find(course)), progress, store)


def test_the_queue_lists_steps_with_their_lesson_and_symbol(course):
    progress = Progress()
    answered_with_help(course, progress, "two-layer-sigmoid", "delta2")
    progress.record_reveal("chain-of-functions", "z1", [[0.6, 0.2]])
    progress.record_reveal("no-such-lesson", "z1", 1.0)  # a lesson since removed: left out
    progress.record_reveal("chain-of-functions", "no-such-step", 1.0)
    queue = review_queue(progress, find(course))
    assert [(e.lesson.id, e.step.key, e.symbol) for e in queue] == [
        ("two-layer-sigmoid", "delta2", "δ₂"), ("chain-of-functions", "z1", "z₁")]
    due = {ReviewItem("chain-of-functions", "z1")}
    assert [e.step.key for e in review_queue(progress, find(course), due)] == ["z1"]


def test_a_step_opens_fresh_with_what_was_known_before_it(course):
    progress = Progress()
    answered_with_help(course, progress, "two-layer-sigmoid", "delta2")
    progress.record_hint("two-layer-sigmoid", "delta2")  # hints taken in the lesson do not carry over
    review = ReviewSession(review_queue(progress, find(course)), progress)
    assert review.step.key == "delta2" and review.state.status == "new"
    assert review.state.answer == "" and review.hints_shown() == [] and review.hints_left() == 3
    assert (review.heading(), review.position_words()) == ("Review", "Review 1 of 1")
    assert review.page_title() == "Review 1 of 1 · Backpropagation through a two-layer sigmoid network · The output error term δ₂"
    assert review.precision_rule().startswith("An answer counts as right when it matches the engine's value to 3 significant figures")
    nodes = {node.value.symbol: node for node in chain(review).nodes}
    assert nodes["a₂"].value.state == FILLED and nodes["a₂"].value.rows == ("0.6068",)
    assert nodes["z₂"].gradient.asked and nodes["z₂"].gradient.state == UNKNOWN
    assert nodes["z₁"].gradient.state == UNKNOWN  # δ₁ comes after δ₂


def test_right_first_time_takes_a_step_off_the_queue_and_leaves_the_lesson_alone(course, tutor_home):
    store = ProgressStore()
    review = review_of(course, ("chain-of-functions", "z1"), store=store)
    before = review.progress.lesson("chain-of-functions").steps["z1"]
    attempts = before.attempts
    assert review.check("0.6, 0.2").correct
    assert review.progress.review_items() == [] and review.cleared == [ReviewItem("chain-of-functions", "z1")]
    assert before.attempts == attempts and not before.first_try  # the lesson's record is history
    assert ProgressStore().load().progress.review_items() == []  # and saved
    assert review.outcome() == "Review done: 1 of 1 right first time and off the queue."


@pytest.mark.parametrize("help_first", ["wrong", "hint", "reveal"])
def test_a_step_reviewed_with_help_stays(course, help_first):
    review = review_of(course, ("chain-of-functions", "z1"))
    if help_first == "wrong":
        review.check("0.5, 0.2")
    elif help_first == "hint":
        review.hint()
    else:
        review.reveal()
    review.check("0.6, 0.2")
    assert review.progress.review_items() == [ReviewItem("chain-of-functions", "z1")]
    assert review.outcome() == "Review done: 0 of 1 right first time; 1 stays for next time."


def test_too_rounded_does_not_spoil_right_first_time(course):
    review = review_of(course, ("chain-of-functions", "a1"))
    assert review.check("0.6, 0.5").status == "too-rounded"
    assert review.check("0.6457, 0.5498").correct
    assert review.progress.review_items() == []


def test_the_review_walks_through_steps_of_several_lessons(course):
    review = review_of(course, ("chain-of-functions", "z1"), ("two-layer-sigmoid", "z1"))
    assert review.lesson.id == "chain-of-functions"
    assert review.check("0.6, 0.2").correct
    assert review.next() and review.lesson.id == "two-layer-sigmoid"
    assert review.state.status == "new" and review.position_words() == "Review 2 of 2"
    assert review.precision_rule() is None  # same rule as the step before
    assert review.check(str(course.find("two-layer-sigmoid").solution()["z1"].value.item())).correct
    assert not review.next()
    assert review.progress.review_items() == [] and review.answered() == 2


def test_practice_fills_no_review_queue(course):
    """A variant's numbers are one-off: its steps done with help are saved, but not queued."""
    progress = Progress()
    answered_with_help(course, progress, "two-layer-sigmoid~7", "z1")
    session = LessonSession(find_lesson("two-layer-sigmoid~7", course), progress)
    for page, step in enumerate(session.pages):
        if step is not None and not step.is_reading and step.key != "z1":
            session.go(page)
            session.hint()
            session.reveal()
    assert progress.review_items() == []
    assert progress.lesson("two-layer-sigmoid~7").steps["z1"].status == "correct"  # its own progress is kept
    progress.review.append(ReviewItem("two-layer-sigmoid~7", "z1"))  # queued by an older tutor
    assert review_queue(progress, find(course)) == []
