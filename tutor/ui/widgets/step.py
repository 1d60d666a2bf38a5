"""One page of a lesson: its explanation, the question, the answer box, feedback and hints.

`StepView.show(session)` redraws it from a `tutor.ui.models.session.LessonSession`; it holds no state of
its own beyond which page its explanation shows (Markdown is only re-rendered when that changes).
Under the question, on the first step that asks something, a muted line tells how precisely answers
are checked. Under the feedback, a note: the diagnosed mistake of a wrong answer (the term to fix),
or, once a gradient is accepted, the invitation to check it numerically.

When the explanation is longer than the room it has, the rule under it says so ("▼ more") with the
key that scrolls it, and a page to read says so in its last line too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Markdown, Static

from ..models.numerical import nudged
from ..text import readable, sentence
from .ordered_input import OrderedInput

if TYPE_CHECKING:
    from ..models.session import LessonSession

HINT_NAMES = ("Rule", "Formula", "With numbers")
MARKS = {"correct": "✓", "too-rounded": "≈", "close": "≈", "wrong": "✗", "wrong-shape": "✗", "unreadable": "?"}
HOW_TO_WRITE = "Press ? to see how answers are written."
PLACEHOLDER = "Your answer: 0.25 · 3/4 · exp(-1) · 0.1, 0.2"
SHAPE_PLACEHOLDER = "Your answer, rows×columns: 4x5 · 4×5 · (4, 5)"  # a shape step (shape(dW1))
NOT_RIGHT = "Not right yet. "  # how the grader starts a diagnosed wrong answer, before the mistake
CHECK_IT_YOURSELF = "Check it yourself: c nudges {parameter} by h and recomputes {function}."


class AnswerBox(OrderedInput):
    """The answer box. Enter checks; escape leaves it, so the single-letter keys work.

    Both act as the key arrives (see `OrderedInput`): the answer checked is what was typed before
    enter, and the keys typed after it go where the check has moved the focus.
    """

    BINDINGS = [
        Binding("enter", "screen.check_answer", "Check"),
        Binding("escape", "screen.leave_answer", "Commands"),
    ]


class Explanation(VerticalScroll):
    """The page's text, scrolled with space or pagedown; it tells when some of it is out of view below."""

    @dataclass
    class Overflow(Message):
        """Whether part of the explanation is below what shows."""

        more: bool

    def __init__(self, *children, **kwargs) -> None:
        super().__init__(*children, **kwargs)
        self._more: bool | None = None

    def check_more(self) -> None:
        """Post `Overflow` when whether some of the text is out of view below has changed."""
        more = self.display and round(self.scroll_y) < self.max_scroll_y
        if more != self._more:
            self._more = more
            self.post_message(self.Overflow(more))

    def on_resize(self) -> None:
        self.check_more()

    def watch_virtual_size(self) -> None:  # the text changed height (its container is set after this)
        self.call_after_refresh(self.check_more)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self.check_more()


def reading_words(more: bool, at_last_page: bool) -> str:
    """The last line of a page to read."""
    then = "enter finishes the lesson" if at_last_page else "enter goes on"
    if more:
        return f"▼ More below: space scrolls, {then}."
    return "Press enter to finish the lesson." if at_last_page else "Press enter to go on."


class StepView(Vertical):
    """The page on screen: text above, the question and its answer below."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._page: tuple[str, int] | None = None
        self._more = False  # part of the explanation is out of view below
        self._reading_last: bool | None = None  # on a page to read: whether it is the last page

    def compose(self) -> ComposeResult:
        yield Static(id="step-title", markup=False)
        with Explanation(id="explanation"):
            yield Markdown(id="text", open_links=False)
        with Vertical(id="ask"):
            yield Static(id="question", markup=False)
            yield Static(id="rule", markup=False)
            yield AnswerBox(placeholder=PLACEHOLDER, id="answer", select_on_focus=False)
            yield Static(id="feedback", markup=False)
            yield Static(id="note", markup=False)
            yield Static(id="hints", markup=False)

    def show(self, session: LessonSession) -> None:
        """Redraw for the page `session` is on."""
        step, state = session.step, session.state
        page = (session.lesson.id, session.position)
        if page != self._page:
            self._page = page
            text = session.lesson.intro if step is None else step.text
            self.query_one("#text", Markdown).update(readable(text))
            explanation = self.query_one(Explanation)
            explanation.display = bool(text.strip())
            explanation.scroll_home(animate=False)
            explanation.call_after_refresh(explanation.check_more)  # a hidden one has no more to show
            answer = self.query_one("#answer", AnswerBox)
            answer.value = state.answer if state is not None and state.done else ""
        self.query_one("#step-title", Static).update(session.page_title())
        self.query_one("#question", Static).update(readable(session.question()))
        self.query_one("#question").display = session.asks
        rule = session.precision_rule()
        self.query_one("#rule", Static).update(rule or "")
        self.query_one("#rule").display = bool(rule)
        answer = self.query_one("#answer", AnswerBox)
        answer.display = session.asks
        answer.disabled = state is not None and state.done
        typed = SHAPE_PLACEHOLDER if step is not None and step.asks_shape else PLACEHOLDER
        answer.placeholder = "" if answer.disabled else typed  # a done step shows its answer, or nothing
        self._show_feedback(session)
        self._show_hints(session)
        self._show_more()

    def _show_feedback(self, session: LessonSession) -> None:
        feedback = self.query_one("#feedback", Static)
        state = session.state
        status, text, note, note_kind = "", "", "", ""
        self._reading_last = session.at_last_page if state is None else None
        if state is None:
            status, text = "reading", reading_words(self._more, session.at_last_page)
        elif state.status == "revealed":
            reveal = session.reveal_text()
            status, text = "revealed", f"◆ Solution: {reveal.symbol} = {reveal.value}. Press enter to go on."
        elif state.status == "correct":
            told = (state.verdict.feedback if state.verdict is not None and state.verdict.correct
                    else f"You answered {state.answer}." if state.answer else "Correct.")
            status, text = "correct", f"✓ {told} Press enter to go on."
        elif state.verdict is not None:
            status = state.verdict.status
            told = state.verdict.feedback  # the parser's messages start in lower case; symbols must not
            if state.verdict.mistake is not None and told.startswith(NOT_RIGHT):
                told, note, note_kind = NOT_RIGHT.strip(), told[len(NOT_RIGHT):], "diagnosis"
            text = f"{MARKS[status]} {sentence(told) if status == 'unreadable' else told}"
            if status in ("unreadable", "wrong-shape") and "Write numbers" not in text:
                text += f" {HOW_TO_WRITE}"
        weight = nudged(session) if state is not None and state.status in ("correct", "revealed") else None
        if weight is not None:
            note, note_kind = CHECK_IT_YOURSELF.format(parameter=weight[0], function=weight[1]), "offer"
        for name in ("reading", "revealed", *MARKS):
            feedback.set_class(name == status, f"-{name}")
        feedback.update(text)
        feedback.display = bool(text)
        self._show_note(note, note_kind)

    def on_explanation_overflow(self, event: Explanation.Overflow) -> None:
        self._more = event.more
        self._show_more()

    def _show_more(self) -> None:
        """Whether there is more text below, on the rule under it (and in the last line of a page to read)."""
        key = "space" if self._reading_last is not None else "pgdn"
        self.query_one("#ask").border_title = f"▼ more · {key}" if self._more else ""
        if self._reading_last is not None:
            self.query_one("#feedback", Static).update(reading_words(self._more, self._reading_last))

    def _show_note(self, text: str, kind: str) -> None:
        note = self.query_one("#note", Static)
        for name in ("diagnosis", "offer"):
            note.set_class(name == kind, f"-{name}")
        note.update(text)
        note.display = bool(text)

    def _show_hints(self, session: LessonSession) -> None:
        hints = self.query_one("#hints", Static)
        lines = [f"Hint {i + 1} · {HINT_NAMES[min(i, 2)]}: {readable(h)}" for i, h in enumerate(session.hints_shown())]
        state = session.state
        if state is not None and state.done:
            reveal = session.reveal_text()
            if reveal.worked:
                lines.append(f"Worked: {readable(reveal.worked)}")
        hints.update("\n".join(lines))
        hints.display = bool(lines)
