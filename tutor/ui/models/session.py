"""One learner working through one lesson: where they are, what they answered, what is saved.

Plain Python (no Textual), so it is tested on its own; the lesson screen only shows it.

The rules the screens rely on:

* Pages are the lesson's intro (when it has one) followed by its steps.
* Only a number of the right shape counts as an attempt. An unreadable answer, one of the wrong
  shape, and one that is right but rounded too much are told so and may be retyped without
  counting against "right first time". Submitting the same text twice counts once. A wrong shape
  that a known slip gives (δ ⊙ a where δ aᵀ belongs) is a wrong answer, and counts.
* An accepted (or revealed) answer to a whole quantity is used for everything computed after it
  (follow-through), so later steps are graded against the learner's own numbers. A shape step's
  answer (`shape(dW1)`) is no value: nothing follows through from it.
* Progress is saved after every counted answer, hint, reveal and move between pages. A practice
  variant (`ID~SEED`) keeps its own progress but puts nothing in the review queue: its numbers are
  one-off, and the lesson's own steps are what comes back.
* The precision rule is told on the first step that asks a value, before any answer, and again
  wherever a step's own rule differs from the step before it (a shape step has none).

A review (`tutor.ui.models.review.ReviewSession`) is this same session over steps of several lessons:
it overrides where the pages come from and what is recorded, nothing else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from tutor.catalog import split_variant
from tutor.grading import Tolerance, Verdict, check_step, tolerance_for
from tutor.lessons import Lesson, Step
from tutor.progress import LessonSummary, Progress, ProgressStore

from ..text import sentence

NOT_COUNTED = ("unreadable", "wrong-shape", "too-rounded")
HINT_LEVELS = 3
NUMBERED = re.compile(r"^step\s+\d+\s*[:.·—–-]\s*", re.IGNORECASE)  # "Step 1: " at the start of a title


@dataclass
class StepState:
    """How far the learner got with one asked step."""

    status: str = "new"  # "new" | "attempted" | "correct" | "revealed" | "known" (given in a review)
    hints: int = 0  # how many hints are shown (0–3)
    answer: str = ""  # the accepted answer as typed
    verdict: Verdict | None = None  # the last answer checked, for the feedback line

    @property
    def done(self) -> bool:
        return self.status in ("correct", "revealed", "known")


@dataclass(frozen=True)
class Reveal:
    """The solution of a step, as the screen shows it."""

    symbol: str
    value: str
    worked: str


def step_title(step: Step) -> str:
    """A step's title without a number of its own ('Step 1: the first function' → 'The first
    function'): the page already says which step of how many it is."""
    return sentence(NUMBERED.sub("", step.title))


class LessonSession:
    """The state of one lesson being worked through, and the moves a learner can make."""

    def __init__(self, lesson: Lesson, progress: Progress, store: ProgressStore | None = None):
        self.lesson = lesson
        self.progress = progress
        self.store = store
        self.pages: list[Step | None] = self._pages()
        self.save_problem: str | None = None
        self._engine = lesson.solution()  # the shapes learners' values are stored in
        self._start_fresh()
        self._resume()

    def _pages(self) -> list[Step | None]:
        """The lesson's intro (None, when it has one), then its steps."""
        return ([None] if self.lesson.intro else []) + list(self.lesson.steps)

    # ---- where the learner is -------------------------------------------------------------
    @property
    def step(self) -> Step | None:
        """The step on screen, or None on the intro page."""
        return self.pages[self.position]

    @property
    def state(self) -> StepState | None:
        """The state of the step on screen when it asks something."""
        step = self.step
        return None if step is None or step.is_reading else self.states[step.key]

    @property
    def asks(self) -> bool:
        return self.state is not None

    @property
    def at_last_page(self) -> bool:
        return self.position == len(self.pages) - 1

    def heading(self) -> str:
        """What the title bar says: the lesson's title (a variant's says its seed)."""
        return self.lesson.title

    def position_words(self) -> str:
        """Where the page is, for the strip under the lesson: 'Step 2 of 7'."""
        step = self.step
        return "Introduction" if step is None else f"Step {step.index + 1} of {len(self.lesson.steps)}"

    def page_title(self) -> str:
        """The heading of the page: 'Step 2 of 7 · Forward: hidden neuron, linear part'."""
        step = self.step
        if step is None:
            return f"Introduction · {self.lesson.title}"
        position, title = self.position_words(), step_title(step)
        return f"{position} · {title}" if title else position

    def precision_rule(self) -> str | None:
        """The rule answers are checked by, on the pages where it must be told (see the module)."""
        if not self.asks or self.step.asks_shape:  # a shape is right or not: no precision to tell
            return None
        asked = [page for page in self.pages if page is not None and not page.is_reading and not page.asks_shape]
        here = asked.index(self.step)
        rule = self.tolerance()
        if here == 0:
            return f"An answer counts as right when {rule.describe()}."
        before = tolerance_for(self.lesson, asked[here - 1])
        return None if before == rule else f"On this step, an answer counts as right when {rule.describe()}."

    def asked_name(self) -> str | None:
        """The quantity the step on screen asks for, if any."""
        return self.step.name if self.asks else None

    def phase(self) -> str:
        """The phase of the page on screen; a reading page takes the phase of the step it leads to."""
        steps = [s for s in self.pages[self.position:] if s is not None and not s.is_reading]
        steps = steps or [s for s in reversed(self.pages[: self.position]) if s is not None and not s.is_reading]
        return self.lesson.phase(steps[0], self.solution) if steps else "reading"

    def phases(self) -> list[str]:
        """The phases this lesson's steps visit."""
        return list(dict.fromkeys(self.lesson.phase(s, self.solution) for s in self.lesson.asked_steps()))

    def question(self) -> str:
        return self.lesson.question(self.step, self.solution) if self.asks else ""

    def symbol(self) -> str:
        return self.lesson.symbol(self.step, self.solution) if self.asks else ""

    def hints_shown(self) -> list[str]:
        state = self.state
        return [] if state is None else self.lesson.hints(self.step, self.solution)[: state.hints]

    def hints_left(self) -> int:
        state = self.state
        return 0 if state is None else len(self.lesson.hints(self.step, self.solution)) - state.hints

    def reveal_text(self) -> Reveal | None:
        """The value and worked formula of the step on screen (what `reveal` shows)."""
        if not self.asks:
            return None
        hints = self.lesson.hints(self.step, self.solution)
        value = self.lesson.shown(self.step, self.solution)
        return Reveal(self.symbol(), value, hints[-1] if hints else "")

    def tolerance(self) -> Tolerance:
        """The tolerance of the step on screen (the lesson's on a reading page)."""
        if self.step is not None:
            return tolerance_for(self.lesson, self.step)
        return Tolerance(self.lesson.tolerance.sig_figs)

    def answered(self) -> int:
        return sum(state.done for state in self.states.values())

    def questions(self) -> int:
        """How many questions there are to answer: the lesson's asked steps."""
        return len(self.states)

    def done_names(self) -> dict[str, str]:
        """Whole quantities known so far: name → "correct", "revealed" (or "known", before a reviewed step)."""
        steps = {s.key: s for s in self.lesson.asked_steps()}
        return {steps[key].name: state.status for key, state in self.states.items()
                if state.done and steps[key].gives_value}

    def summary(self) -> LessonSummary:
        return self.progress.lesson(self.lesson.id).summary(len(self.states), self.states.keys())

    # ---- what the learner does ------------------------------------------------------------
    def check(self, answer: str) -> Verdict:
        """Grade `answer` for the step on screen; record it when it counts."""
        step, state = self.step, self.state
        assert state is not None, "check() on a page that asks nothing"
        if state.verdict is not None and state.verdict.answer == answer and not state.done:
            return state.verdict  # the same text again: already told, not another attempt
        expected = self.lesson.expected(step, self.solution)
        # graded against the learner's own earlier values; a wrong answer is diagnosed from them too
        verdict = check_step(self.lesson, step, answer, self.solution)
        if state.done:  # checking again after the fact changes nothing that is saved
            return verdict
        state.verdict = verdict
        if verdict.status in NOT_COUNTED:
            return verdict
        value = np.reshape(verdict.value, np.shape(expected)) if verdict.correct and not step.asks_shape else None
        self._record_attempt(step, verdict.correct, answer, value)
        if verdict.correct:
            state.status, state.answer = "correct", answer
            self._accept(step, value)
        else:
            state.status = "attempted"
        self._save()
        return verdict

    def hint(self) -> str | None:
        """Show the next hint; None when there is none left (or the step is done)."""
        state = self.state
        if state is None or state.done or self.hints_left() <= 0:
            return None
        state.hints += 1
        self._record_hint(self.step)
        self._save()
        return self.hints_shown()[-1]

    def reveal(self) -> Reveal | None:
        """Show the solution: the step is marked revealed, its value is used from now on."""
        state = self.state
        if state is None or state.done:
            return None
        expected = self.lesson.expected(self.step, self.solution)
        self._record_reveal(self.step, None if self.step.asks_shape else expected)
        state.status = "revealed"
        self._accept(self.step, expected)
        self._save()
        return self.reveal_text()

    def go(self, position: int) -> None:
        """Move to another page (an unanswered step stays unanswered)."""
        self.position = max(0, min(position, len(self.pages) - 1))
        step = self.step
        self.progress.set_current_step(self.lesson.id, step.index if step is not None else 0)
        self._save()

    def next(self) -> bool:
        """Go to the next page; False at the last one (the lesson is at its end)."""
        if self.at_last_page:
            return False
        self.go(self.position + 1)
        return True

    def previous(self) -> bool:
        if self.position == 0:
            return False
        self.go(self.position - 1)
        return True

    def finish(self) -> LessonSummary:
        """The end of the lesson: completed when every asked step is answered or revealed."""
        if all(state.done for state in self.states.values()):
            self.progress.mark_completed(self.lesson.id)
            self._save()
        return self.summary()

    def restart(self) -> None:
        """Forget this lesson's progress and start again on its first page."""
        self.progress.reset(self.lesson.id)
        self._start_fresh()
        self._save()

    # ---- what is recorded (a review records differently) -----------------------------------
    def _record_attempt(self, step: Step, correct: bool, answer: str, value: np.ndarray | None) -> None:
        """Called before the step's state changes, so it still says how the step stood."""
        self.progress.record_attempt(self.lesson.id, step.key, correct, answer, value, review=self._reviewed)

    def _record_hint(self, step: Step) -> None:
        self.progress.record_hint(self.lesson.id, step.key)

    def _record_reveal(self, step: Step, value: np.ndarray) -> None:
        self.progress.record_reveal(self.lesson.id, step.key, value, review=self._reviewed)

    @property
    def _reviewed(self) -> bool:
        """Whether steps done with help come back for review: not those of a practice variant."""
        return split_variant(self.lesson.id)[1] is None

    # ---- inside ---------------------------------------------------------------------------
    def _start_fresh(self) -> None:
        self.position = 0
        self.states = {step.key: StepState() for step in self.lesson.asked_steps()}
        self.accepted: dict[str, np.ndarray] = {}
        self.solution = self._engine

    def _resume(self) -> None:
        """Back to the saved page, with the saved answers in place (and used for follow-through)."""
        saved = self.progress.lessons.get(self.lesson.id)
        if saved is None:
            return
        for step in self.lesson.asked_steps():
            record = saved.steps.get(step.key)
            if record is None:
                continue
            state = self.states[step.key]
            state.status, state.hints, state.answer = record.status, min(record.hints, HINT_LEVELS), record.answer or ""
            if state.done and record.value is not None and step.gives_value:
                engine = self._engine[step.name].value
                value = np.asarray(record.value, dtype=np.float64)
                if value.size == engine.size:  # a stale value from an edited lesson is ignored
                    self.accepted[step.name] = value.reshape(engine.shape)
        self.solution = self.lesson.solution(self.accepted)
        if saved.steps or saved.current_step:
            pages = [i for i, page in enumerate(self.pages) if page is not None and page.index == saved.current_step]
            self.position = pages[0] if pages else 0

    def _accept(self, step: Step, value: np.ndarray) -> None:
        if step.gives_value:
            self.accepted[step.name] = np.reshape(value, np.shape(self.solution[step.name].value))
            self.solution = self.lesson.solution(self.accepted)

    def _save(self) -> None:
        if self.store is not None:
            self.save_problem = self.store.save(self.progress)
