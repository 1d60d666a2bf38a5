"""The lesson screen: one step at a time, the computation graph beside it, progress below.

Keys work like a calm modal tool. On a question the answer box has focus: enter checks, escape
leaves the box. Outside it the single letters work (h hint, s solution, n/p next/previous,
c check a gradient numerically, a another one on fresh numbers, r restart, q back to the course),
and typing a digit, `-`, `.` or `(` goes back into the box with that character typed. `?` opens
help from anywhere; ctrl+t, ctrl+o, ctrl+g and ctrl+n give hint, solution, numerical check and next
without leaving the box. All state is in the `LessonSession`; this screen only shows it.
"""

from __future__ import annotations

from pathlib import Path

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.geometry import Region
from textual.widgets import Input

from ..actions import TableScreen, When, roomy
from ..models.chain import chain
from ..models.curves import no_curves
from ..models.numerical import nudged, numerical_check
from ..models.session import LessonSession
from ..widgets.footer import Footer
from ..widgets.title_bar import TitleBar
from ..widgets.graph import COMPACT_BELOW, ComputationGraph, GivenValues
from ..widgets.lesson_progress import StepProgress
from ..widgets.numerical_check import NumericalCheckView
from ..widgets.step import AnswerBox, StepView

NARROW = COMPACT_BELOW  # below this width the graph becomes a compact strip above the step
SHORT = 28  # below this height the answer box and its neighbours lose their margins
TYPE_TO_ANSWER = set("0123456789-.(")


def _question(screen: LessonScreen) -> bool:
    """The page asks something, open or answered."""
    return screen.session.asks


def _question_open(screen: LessonScreen) -> bool:
    """The page asks something not yet answered (nor revealed)."""
    state = screen.session.state
    return state is not None and not state.done


def _reading(screen: LessonScreen) -> bool:
    """A page to read: nothing is asked."""
    return not screen.session.asks


def _can_nudge(screen: LessonScreen) -> bool:
    """A gradient page, whose answer the numerical check can test."""
    return nudged(screen.session) is not None


def _has_experiment(screen: LessonScreen) -> bool:
    return screen.session.lesson.replay is not None


NOTHING_ASKED = "Nothing is asked on this page."
NO_EXPERIMENT = "This lesson has no learning-rate experiment; x on the course list opens the chapter's."


def _why_no_hint(screen: LessonScreen) -> str:
    state = screen.session.state
    if state is None:
        return NOTHING_ASKED
    return "This step is done: no hint needed." if state.done else "No more hints: s shows the solution."


def _why_no_solution(screen: LessonScreen) -> str:
    state = screen.session.state
    return NOTHING_ASKED if state is None else "The solution of this step is already shown (under the answer)."


def _why_no_check(screen: LessonScreen) -> str:
    session = screen.session
    if not session.asks:
        return "Nothing to check numerically on a page to read."
    return (f"{session.symbol()} is not a gradient. The numerical check nudges a weight or a bias and "
            "recomputes the cost: it is for ∂C/∂W and ∂C/∂b steps.")


class LessonScreen(TableScreen):
    """Work through one lesson."""

    CSS_PATH = Path(__file__).resolve().parent.parent / "lesson.tcss"

    BINDINGS = [
        Binding("enter", "go_on", "Continue"),
        Binding("enter", "answer", "Answer"),
        Binding("h,ctrl+t", "hint", "Hint"),
        Binding("s,ctrl+o", "reveal", "Solution"),
        Binding("n,ctrl+n", "next", "Next"),
        Binding("p", "previous", "Prev"),
        Binding("c,ctrl+g", "check_numerically", "Nudge"),
        Binding("a", "another", "Another one"),
        Binding("x", "experiment", "Experiment"),
        Binding("l", "curves", "Loss curves"),
        Binding("r", "restart", "Restart"),
        Binding("q", "course", "Course"),
        Binding("pageup", "scroll_text(-1)", "Scroll up", show=False),
        Binding("pagedown,space", "scroll_text(1)", "Scroll down", show=False),
        # Last, so that Textual reaches them only when the key's own action was refused: they say why.
        *(Binding(keys, f"why_not('{action}')", show=False) for keys, action in (
            ("h,ctrl+t", "hint"), ("s,ctrl+o", "reveal"), ("p", "previous"), ("c,ctrl+g", "check_numerically"),
            ("x", "experiment"), ("l", "curves"), ("a", "another"), ("r", "restart"))),
    ]

    ACTIONS = {
        "go_on": When(applies=lambda screen: not _question_open(screen)),
        "answer": When(applies=_question_open),
        "hint": When(applies=_question, enabled=lambda screen: _question_open(screen) and screen.session.hints_left() > 0,
                     why=_why_no_hint),
        "reveal": When(applies=_question, enabled=_question_open, why=_why_no_solution),
        "next": When(shown=_question_open),  # elsewhere enter goes on, and says so
        "previous": When(enabled=lambda screen: screen.session.position > 0, why=lambda screen: "This is the first page."),
        "check_numerically": When(applies=_can_nudge, why=_why_no_check),
        # These work on every page where they apply, but only pages to read have room for them in the footer
        # (and a narrow one for the experiment or the curves, not both).
        "another": When(shown=_reading),
        "experiment": When(applies=_has_experiment, shown=_reading, why=lambda screen: NO_EXPERIMENT),
        "curves": When(applies=lambda screen: screen.session.lesson.trains(),
                       shown=lambda screen: _reading(screen) and (roomy(screen) or not _has_experiment(screen)),
                       why=lambda screen: no_curves(screen.session.lesson)),
        "restart": When(shown=roomy),
    }

    def __init__(self, session: LessonSession):
        super().__init__()
        self.session = session
        self.checking: int | None = None  # the page whose numerical check is on the graph panel

    def compose(self) -> ComposeResult:
        yield TitleBar(self.session.heading())
        with Horizontal(id="lesson"):
            yield StepView(id="step")
            with Vertical(id="graph-pane") as pane:
                pane.border_title = "Computation graph"
                yield GivenValues(id="givens")  # stays put while the graph scrolls to the asked node
                with VerticalScroll(id="graph-scroll") as scroll:
                    scroll.can_focus = False
                    yield ComputationGraph(id="graph")
                    yield NumericalCheckView(id="check")
        yield StepProgress(id="progress")
        yield Footer()

    def on_mount(self) -> None:
        if self.still_open():  # not closed before it finished opening
            self.show()
            self.place_focus()

    def on_resize(self, event: events.Resize) -> None:
        if not self.still_open():
            return
        narrow = event.size.width < NARROW
        self.set_class(narrow, "-narrow")
        self.set_class(event.size.height < SHORT, "-short")
        for widget in (self.query_one(GivenValues), self.query_one(ComputationGraph), self.query_one(NumericalCheckView)):
            widget.compact = narrow
        self.call_after_refresh(self.show_asked)

    # ---- showing the session ----------------------------------------------------------------
    def show(self) -> None:
        """Redraw everything from the session."""
        session = self.session
        self.query_one(StepView).show(session)
        graph_chain = chain(session)
        self.query_one(GivenValues).chain = self.query_one(ComputationGraph).chain = graph_chain
        self._show_check()
        self.call_after_refresh(self.show_asked)
        self.query_one(StepProgress).show(session.position_words(), session.answered(), session.questions(),
                                          session.phase(), session.phases())
        self.refresh_actions()
        self.app.tell(session.save_problem)

    def show_asked(self) -> None:
        """Scroll the graph so that the node the page asks for is in view (the strip is short)."""
        if not self.still_open():
            return  # closed since this was asked for
        graph = self.query_one(ComputationGraph)
        if graph.asked_rows is None or self.checking is not None:
            return  # nothing asked, or the numerical check has the panel
        first, last = graph.asked_rows
        scroll = self.query_one("#graph-scroll", VerticalScroll)
        scroll.scroll_to_region(Region(0, first, 1, last - first + 1), animate=False, immediate=True)

    def _show_check(self) -> None:
        """The numerical check under the graph, while it is on for the page on screen."""
        if self.checking != self.session.position:
            self.checking = None
        typed = self.query_one(AnswerBox).value
        check = numerical_check(self.session, typed) if self.checking is not None else None
        self.query_one(NumericalCheckView).check = check
        self.set_class(check is not None, "-checking")

    def place_focus(self) -> None:
        """The answer box when the page asks something still open, else the explanation.

        Focus moves at once (`set_focus`, not `focus()`, which waits a message): the keys after the
        one that moved it go to the right place.
        """
        state = self.session.state
        self.set_focus(self.query_one(AnswerBox) if state is not None and not state.done else self._explanation())

    def _explanation(self) -> VerticalScroll:
        return self.query_one("#explanation", VerticalScroll)

    # ---- the answer -------------------------------------------------------------------------
    def action_check_answer(self) -> None:
        """Enter in the answer box: check what it holds (once answered, enter goes on)."""
        state = self.session.state
        if state is None or state.done:
            self.action_next()
            return
        verdict = self.session.check(self.query_one(AnswerBox).value)
        self.show()
        if verdict.correct:
            self.set_focus(self._explanation())

    @on(Input.Changed, "#answer")
    def answer_changed(self) -> None:
        if self.checking is not None:  # "yours" in the numerical check follows what is typed
            self._show_check()

    def on_key(self, event: events.Key) -> None:
        """Outside the answer box, typing the start of a number goes back into it (`TableScreen.on_key`,
        which runs next, types it there, and the characters after it)."""
        state = self.session.state
        answer = self.query_one(AnswerBox)
        if state is not None and not state.done and self.focused is not answer and event.character in TYPE_TO_ANSWER:
            self.set_focus(answer)  # now, not a message later: the keys after this one are typed there

    # ---- actions ----------------------------------------------------------------------------
    def action_leave_answer(self) -> None:
        self.set_focus(self._explanation())

    def action_answer(self) -> None:
        self.set_focus(self.query_one(AnswerBox))

    def action_go_on(self) -> None:
        self.action_next()

    def action_hint(self) -> None:
        self.session.hint()  # the table lets this run only while a hint is left
        self.show()

    def action_reveal(self) -> None:
        if self.session.reveal() is not None:
            self.show()
            self.set_focus(self._explanation())

    def action_next(self) -> None:
        if self.session.next():
            self.show()
            self.place_focus()
        else:
            from .summary import SummaryScreen

            self.app.push_screen(SummaryScreen(self.session, self.session.finish()))

    def action_previous(self) -> None:
        if self.session.previous():
            self.show()
            self.place_focus()

    def action_restart(self) -> None:
        from .confirm import ConfirmScreen

        def restart(confirmed: bool | None) -> None:
            if confirmed:
                self.session.restart()
                self.show()
                self.place_focus()
                self.notify("The lesson starts again from the beginning.", timeout=3)

        self.app.push_screen(ConfirmScreen("Restart this lesson?",
                                           "Your answers and hints in it are forgotten.", "Restart"), restart)

    def action_check_numerically(self) -> None:
        """Nudge the weight by ±h and recompute the cost: shown under the graph, beside your answer."""
        self.checking = self.session.position
        self._show_check()
        self.call_after_refresh(self.query_one(NumericalCheckView).scroll_visible, animate=False)

    def action_another(self) -> None:
        """The same lesson on fresh numbers: a practice variant with a random seed (shown in the title)."""
        self.app.open_variant(self.session.lesson.id)

    def action_experiment(self) -> None:
        self.app.open_experiment(self.session.lesson)

    def action_curves(self) -> None:
        self.app.open_curves(self.session.lesson)

    def action_course(self) -> None:
        self.app.go_home()

    def action_scroll_text(self, direction: int) -> None:
        explanation = self._explanation()
        (explanation.scroll_page_down if direction > 0 else explanation.scroll_page_up)()
