"""Reviewing: the steps a learner answered wrongly, with hints or revealed come back, one at a time.

`tutor.progress` keeps the queue (an item is added once its step is finished with help or after a
wrong answer, and removed when that step is answered right first time without hints).
`review_queue` turns its items into steps of the course's lessons (practice variants queue nothing);
`ReviewSession` walks through them. It is a `LessonSession` whose pages are the queued steps, each
opened fresh in the context of its own lesson:

* the old answer is not shown and the hints start again from none;
* the graph shows what was known before that step (the engine's values, as the tutor fills them
  in), and nothing after it;
* right first time, without a hint or the solution: the item leaves the queue. Anything else
  leaves it where it is, and nothing is written to the lesson's own progress.

Plain Python (no Textual); the review screen only shows it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Collection

import numpy as np

from tutor.catalog import split_variant
from tutor.grading import tolerance_for
from tutor.lessons import Lesson, Step
from tutor.progress import Progress, ProgressStore, ReviewItem

from .session import LessonSession, StepState, step_title


@dataclass(frozen=True)
class ReviewStep:
    """One queued step, with the lesson it belongs to and how the chapter writes what it asks."""

    item: ReviewItem
    lesson: Lesson
    step: Step
    symbol: str


def review_queue(progress: Progress, find: Callable[[str], Lesson | None],
                 due: Collection[ReviewItem] | None = None) -> list[ReviewStep]:
    """The queue's items that can still be opened, in queue order (only those in `due`, if given).

    `find` gives a lesson by id or None; an item whose lesson or step is no longer in the course is
    left out, not an error, and so is one of a practice variant (`ID~SEED`, queued by an older tutor).
    """
    queue = []
    for item in progress.review_items():
        if (due is not None and item not in due) or split_variant(item.lesson)[1] is not None:
            continue
        lesson = find(item.lesson)
        step = next((s for s in lesson.asked_steps() if s.key == item.step), None) if lesson is not None else None
        if step is not None:
            queue.append(ReviewStep(item, lesson, step, lesson.symbol(step)))
    return queue


class ReviewSession(LessonSession):
    """The review queue as a session: one page per queued step, each in its own lesson."""

    def __init__(self, queue: list[ReviewStep], progress: Progress, store: ProgressStore | None = None):
        if not queue:
            raise ValueError("a review needs at least one step")
        self.queue = list(queue)
        self.results = [StepState() for _ in self.queue]  # how each step went in this review
        self.cleared: list[ReviewItem] = []
        super().__init__(self.queue[0].lesson, progress, store)

    def _pages(self) -> list[Step | None]:
        return [entry.step for entry in self.queue]

    def _start_fresh(self) -> None:
        self._open(0)

    def _resume(self) -> None:
        """Nothing to resume: a review always starts at its first step."""

    # ---- where the learner is -------------------------------------------------------------
    def heading(self) -> str:
        return "Review"

    def position_words(self) -> str:
        return f"Review {self.position + 1} of {len(self.queue)}"

    def page_title(self) -> str:
        title = step_title(self.step)
        return f"{self.position_words()} · {self.lesson.title}" + (f" · {title}" if title else "")

    def precision_rule(self) -> str | None:
        """Told on the first step of the review, and where a step's rule differs from the one before."""
        if self.step.asks_shape:  # a shape is right or not: no precision to tell
            return None
        rules = [tolerance_for(entry.lesson, entry.step) for entry in self.queue]
        here = rules[self.position]
        if self.position == 0:
            return f"An answer counts as right when {here.describe()}."
        if here != rules[self.position - 1]:
            return f"On this step, an answer counts as right when {here.describe()}."
        return None

    def answered(self) -> int:
        return sum(result.done for result in self.results)

    def questions(self) -> int:
        return len(self.queue)

    def phases(self) -> list[str]:
        return [self.phase()]

    def outcome(self) -> str:
        """How the review went, in one sentence."""
        total, cleared = len(self.queue), len(self.cleared)
        staying = total - cleared
        words = f"{cleared} of {total} right first time" + (" and off the queue" if cleared else "")
        if staying:
            words += f"; {staying} {'stays' if staying == 1 else 'stay'} for next time"
        return f"Review done: {words}."

    # ---- what the learner does ------------------------------------------------------------
    def go(self, position: int) -> None:
        self._open(max(0, min(position, len(self.pages) - 1)))

    def finish(self):
        raise NotImplementedError("a review ends with outcome(), not a lesson summary")

    def restart(self) -> None:
        raise NotImplementedError("a review is not restarted")

    # ---- what is recorded -----------------------------------------------------------------
    def _record_attempt(self, step: Step, correct: bool, answer: str, value: np.ndarray | None) -> None:
        state = self.state  # still as it stood before this answer
        if correct and state.status == "new" and state.hints == 0:
            item = self.queue[self.position].item
            self.progress.clear_review(item.lesson, item.step)
            self.cleared.append(item)

    def _record_hint(self, step: Step) -> None:
        """A hint keeps the step in the queue; the lesson's own record is left as it was."""

    def _record_reveal(self, step: Step, value: np.ndarray) -> None:
        """So does the solution."""

    # ---- inside ---------------------------------------------------------------------------
    def _open(self, position: int) -> None:
        """Open the step at `position` in its lesson: the steps before it known, the rest not."""
        entry = self.queue[position]
        self.position, self.lesson = position, entry.lesson
        self._engine = self.solution = entry.lesson.solution()
        self.accepted: dict[str, np.ndarray] = {}
        self.states = {step.key: StepState("known" if step.index < entry.step.index else "new")
                       for step in entry.lesson.asked_steps()}
        self.states[entry.step.key] = self.results[position]
