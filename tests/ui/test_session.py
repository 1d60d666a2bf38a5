"""The lesson model behind the screen (tutor.ui.models.session, tutor.ui.models.chain), without Textual."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from tutor.engine.formatting import format_value
from tutor.grading import Tolerance
from tutor.lessons import Step, find_lesson, load_course
from tutor.progress import Progress, ProgressStore
from tutor.ui.models.chain import FILLED, GIVEN, REVEALED, UNKNOWN, YOURS, chain
from tutor.ui.models.numerical import nudged, numerical_check
from tutor.ui.models.session import LessonSession


@pytest.fixture(scope="module")
def course():
    return load_course()


def session_at(course, lesson_id: str, key: str, store=None, progress=None) -> LessonSession:
    session = LessonSession(find_lesson(lesson_id, course), progress or Progress(), store)
    while session.step is None or session.step.key != key:
        assert session.next(), f"no step {key} in {lesson_id}"
    return session


def test_a_fresh_lesson_starts_on_its_intro(course):
    session = LessonSession(course.find("chain-of-functions"), Progress())
    assert session.step is None and session.position == 0
    assert len(session.pages) == len(session.lesson.steps) + 1
    assert not session.asks and session.phase() == "forward"


def test_a_right_answer_is_recorded_and_followed_through(course):
    session = session_at(course, "chain-of-functions", "z1")
    verdict = session.check("0.6005, 0.2")  # right to 3 significant figures, not exactly
    assert verdict.correct and session.state.status == "correct"
    record = session.progress.lesson("chain-of-functions").steps["z1"]
    assert record.status == "correct" and record.first_try and record.value == [[0.6005, 0.2]]
    # a₁ is now graded against the learner's own z₁
    a1 = next(s for s in session.lesson.steps if s.key == "a1")
    expected = session.lesson.expected(a1, session.solution)
    assert expected[0, 0] == pytest.approx(1 / (1 + math.exp(-0.6005)))


@pytest.mark.parametrize("answer, status", [("0.6, 0.2, 0.1", "wrong-shape"), ("0.6 0.2", "unreadable"),
                                            ("abc", "unreadable")])
def test_answers_that_cannot_be_meant_do_not_count(course, answer, status):
    session = session_at(course, "chain-of-functions", "z1")
    assert session.check(answer).status == status
    assert "z1" not in session.progress.lesson("chain-of-functions").steps
    assert session.state.status == "new"


def test_too_rounded_is_told_and_does_not_count(course):
    session = session_at(course, "chain-of-functions", "a1")
    verdict = session.check("0.6, 0.5")
    assert verdict.status == "too-rounded"
    assert session.state.status == "new"
    assert session.check("0.6457, 0.5498").correct
    assert session.progress.lesson("chain-of-functions").steps["a1"].first_try


def test_a_wrong_answer_counts_once_and_can_be_retried(course):
    session = session_at(course, "chain-of-functions", "z1")
    assert session.check("0.5, 0.2").status == "wrong"
    assert session.check("0.5, 0.2").status == "wrong"  # the same text again is not a new attempt
    record = session.progress.lesson("chain-of-functions").steps["z1"]
    assert record.attempts == 1 and not record.first_try
    assert session.check("0.6, 0.2").correct


def test_hints_come_in_three_levels_then_stop(course):
    session = session_at(course, "chain-of-functions", "z1")
    hints = [session.hint() for _ in range(3)]
    assert hints == session.lesson.hints(session.step, session.solution)
    assert "W₁ x + b₁" in hints[1] and "0.4" in hints[2]
    assert session.hint() is None
    assert session.progress.lesson("chain-of-functions").steps["z1"].hints == 3


def test_reveal_shows_value_and_working_and_marks_the_step(course):
    session = session_at(course, "chain-of-functions", "z1")
    reveal = session.reveal()
    assert reveal.value == "0.6, 0.2" and "W₁ x + b₁" in reveal.worked
    assert session.state.status == "revealed" and session.hint() is None
    assert session.progress.lesson("chain-of-functions").steps["z1"].status == "revealed"


def test_resume_lands_on_the_same_step_with_the_answers(course, tutor_home):
    store = ProgressStore()
    session = session_at(course, "chain-of-functions", "z1", store=store)
    session.check("0.6005, 0.2")
    session.next()
    session.next()  # on a₁, unanswered
    again = LessonSession(course.find("chain-of-functions"), ProgressStore().load().progress, ProgressStore())
    assert again.step.key == "a1"
    assert again.states["z1"].status == "correct" and again.states["z1"].answer == "0.6005, 0.2"
    assert again.accepted["z1"].tolist() == [[0.6005, 0.2]]
    nodes = {node.value.symbol: node.value for node in chain(again).nodes}
    assert nodes["z₁"].rows == ("0.6005", "0.2") and nodes["z₁"].state == YOURS
    assert nodes["a₁"].rows == ("?", "?") and nodes["a₁"].asked


def test_restart_forgets_the_lesson(course):
    session = session_at(course, "chain-of-functions", "z1")
    session.check("0.6, 0.2")
    session.restart()
    assert session.position == 0 and session.answered() == 0 and not session.accepted
    assert "chain-of-functions" not in session.progress.lessons


def test_finishing_marks_done_only_when_every_question_is_answered(course):
    session = LessonSession(course.find("chain-of-functions"), Progress())
    assert session.finish().state != "done"
    for step in session.lesson.asked_steps():
        session.go(session.pages.index(step))
        session.reveal()
    summary = session.finish()
    assert summary.state == "done" and summary.revealed == summary.total_steps == 5


def test_the_graph_fills_in_and_never_gives_the_next_answer_away(course):
    session = session_at(course, "chain-rule", "z1")
    nodes = chain(session).nodes
    assert [n.value.symbol for n in nodes] == ["x", "z", "L", "E"]
    assert nodes[0].value.state == GIVEN and nodes[1].value.asked
    session.check("2")
    session.next()
    nodes = chain(session).nodes
    assert nodes[1].value.rows == ("2",) and nodes[1].value.state == YOURS
    # L = z·w₂ + b₂ is the next question: with the identity activation z₂ = a₂ = L stays hidden
    assert nodes[2].value.rows == ("?",) and nodes[2].value.asked
    session.reveal()
    nodes = chain(session).nodes
    assert nodes[2].value.rows == ("3.5",) and nodes[2].value.state == REVEALED


def test_the_tutor_fills_in_what_a_lesson_never_asks(course):
    session = session_at(course, "chain-of-functions", "a2")
    for key in ("z1", "a1", "z2", "a2"):
        step = next(s for s in session.lesson.steps if s.key == key)
        session.go(session.pages.index(step))
        session.reveal()
    cost = chain(session).nodes[-1]
    assert cost.value.symbol == "C" and cost.value.state == FILLED
    assert [(g.symbol, g.rows) for g in chain(session).givens][-1] == ("y", ("1",))  # its target, among the givens
    extras = chain(session).extras
    assert [c.symbol for c in extras] == ["x[0] on the line"] and extras[0].state == UNKNOWN


def test_backward_lessons_show_gradients(course):
    session = LessonSession(course.find("two-layer-sigmoid"), Progress())
    graph = chain(session)
    assert graph.backward
    gradients = [n.gradient.symbol for n in graph.nodes if n.gradient is not None]
    assert gradients == ["δ₁", "δ₂"]
    assert all(n.value.rows for n in graph.nodes[1:-1])  # every inner node has its rows


# ---- grading that teaches: the precision rule, follow-through, the numerical check ----------

def test_the_precision_rule_is_told_on_the_first_question_and_where_it_changes(course):
    session = session_at(course, "chain-of-functions", "z1")
    assert session.precision_rule() == ("An answer counts as right when it matches the engine's value to 3 "
                                        "significant figures (within 0.5 %, however small the value; an entry "
                                        "that is exactly 0 within 0.5 % of its quantity's size).")
    session.next()
    assert session.precision_rule() is None  # told once, before the first answer
    landscape = session_at(course, "the-landscape", "delta1[0]")
    assert landscape.precision_rule() is None  # the same rule all through: told once


def test_a_rounded_answer_upstream_is_what_later_steps_are_checked_against(course):
    session = session_at(course, "two-layer-sigmoid~26", "a1")
    engine = session.lesson.solution()
    assert f"{engine['a1'].value.item():.3g}" == "0.152"
    assert session.check("0.152").correct
    session.next()
    # z₂ = w₂ a₁ + b₂ from the learner's a₁ is -0.0088; from the engine's it is -0.008877
    assert not Tolerance().accepts(-0.0088, engine["z2"].value).all()
    assert session.check("-0.0088").correct


def test_the_numerical_check_is_the_difference_quotient_of_the_original_cost(course):
    session = session_at(course, "two-layer-sigmoid", "dW2")
    lesson = session.lesson
    check = numerical_check(session)
    [entry] = check.entries
    assert (check.gradient, check.function, check.h, entry.symbol) == ("∂C/∂w₂", "C", 1e-4, "w₂")
    assert entry.plus == pytest.approx(_cost(lesson, "W2", (0, 0), +1e-4), rel=1e-12)
    assert entry.minus == pytest.approx(_cost(lesson, "W2", (0, 0), -1e-4), rel=1e-12)
    assert entry.estimate == pytest.approx(lesson.solution()["dW2"].value.item(), rel=1e-7)
    assert entry.yours is None
    assert numerical_check(session, "-0.06").entries[0].yours == -0.06  # what is typed in the box
    session.check("-0.07")
    assert numerical_check(session).entries[0].yours == -0.07  # else the last answer


def test_the_numerical_check_ignores_follow_through(course):
    session = session_at(course, "two-layer-sigmoid~36", "a1")
    session.check("0.611")
    while session.step.key != "dW2":
        session.next()
    estimate = numerical_check(session).entries[0].estimate
    assert estimate == pytest.approx(session.lesson.solution()["dW2"].value.item(), rel=1e-7)


def test_the_numerical_check_of_a_matrix_shows_every_entry_or_the_asked_one(course):
    base = course.find("chain-of-functions")
    lesson = replace(base, intro="", steps=(Step(0, "dW1"), Step(1, "dW1[1,0]")))
    session = LessonSession(lesson, Progress())
    check = numerical_check(session, "1, 2; 3, 4")
    assert [e.symbol for e in check.entries] == ["W₁[0,0]", "W₁[0,1]", "W₁[1,0]", "W₁[1,1]"]
    assert [e.yours for e in check.entries] == [1, 2, 3, 4]
    gradient = lesson.solution()["dW1"].value
    assert [e.estimate for e in check.entries] == pytest.approx(gradient.ravel().tolist(), rel=1e-6)
    session.next()
    [entry] = numerical_check(session, "0.5").entries
    assert (entry.symbol, entry.yours) == ("W₁[1,0]", 0.5)
    assert entry.estimate == pytest.approx(gradient[1, 0], rel=1e-6)


def test_the_output_gradients_nudge_the_output_not_the_cost(course):
    session = session_at(course, "chain-rule", "dL_dW1")
    check = numerical_check(session)
    assert check.function == "L" and check.gradient == "∂L/∂w₁"
    assert check.entries[0].estimate == pytest.approx(session.lesson.solution()["dL_dW1"].value.item(), rel=1e-7)


def test_only_gradient_steps_have_a_numerical_check(course):
    session = session_at(course, "two-layer-sigmoid", "delta2")
    assert nudged(session) is None and numerical_check(session) is None
    session.go(0)  # the intro
    assert nudged(session) is None


def _cost(lesson, parameter: str, index: tuple[int, ...], h: float) -> float:
    """C with one parameter moved by h, by a forward pass of the engine's own solution."""
    moved = lesson.network.parameters()[parameter].copy()
    moved[index] += h
    return float(replace(lesson, network=lesson.network.with_parameters({parameter: moved})).solution()["loss"].value)


def test_a_page_title_does_not_number_the_step_twice(course):
    session = LessonSession(course.find("chain-rule"), Progress())
    session.go(1)
    steps = len(session.lesson.steps)
    assert session.step.title.startswith("Step 1") and session.page_title() == f"Step 1 of {steps} · The first function"


def test_the_graph_gives_the_lesson_s_givens_in_its_own_symbols(course):
    session = LessonSession(course.find("chain-rule"), Progress())
    solution = session.solution
    givens = {cell.symbol: cell.rows for cell in chain(session).givens}
    assert givens == {"x": ("2",), "w₁": ("0.5",), "b₁": ("1",), "w₂": ("1.5",), "b₂": ("0.5",),
                      "L_target": ("5",), solution.symbols.learning_rate: ("0.2",)}
    forward_only = LessonSession(course.find("chain-of-functions"), Progress())  # nothing is updated: no η
    assert [cell.symbol for cell in chain(forward_only).givens] == ["x", "W₁", "b₁", "W₂", "b₂", "y"]


def test_a_practice_variant_gives_its_own_numbers(course):
    session = LessonSession(find_lesson("two-layer-sigmoid~7", course), Progress())
    givens = {cell.symbol: cell.rows[0] for cell in chain(session).givens}
    assert givens["x"] == format_value(session.solution["a0"].value)
    assert givens["w₁"] == format_value(session.solution["W1"].value)
    assert givens["w₁"] != format_value(course.find("two-layer-sigmoid").network.layers[0].weights)


def test_the_trivial_gradient_at_an_identity_output_is_not_shown(course):
    """∂L/∂L = 1 says nothing: the chain-rule lesson's graph shows ∂L/∂z beside z and nothing beside L."""
    session = LessonSession(course.find("chain-rule"), Progress())
    gradients = {node.value.symbol: node.gradient for node in chain(session).nodes}
    assert gradients["z"].symbol == "∂L/∂z" and gradients["L"] is None


def test_a_shape_step_is_no_value_to_follow_through(course):
    session = session_at(course, "matrix-form", "shape(dW2)")
    assert session.check("3x2").status == "wrong" and session.state.status == "attempted"
    assert session.check("2×3").correct
    record = session.progress.lesson("matrix-form").steps["shape(dW2)"]
    assert record.status == "correct" and record.value is None
    assert "dW2" not in session.accepted and "dW2" not in session.done_names()
    assert nudged(session) is None  # a shape has no finite-difference check


def test_a_revealed_shape_is_written_rows_by_columns(course):
    session = session_at(course, "matrix-form", "shape(dW1)")
    reveal = session.reveal()
    assert (reveal.symbol, reveal.value) == ("shape of ∂C/∂W₁", "3×2")
    assert session.accepted == {}


def test_the_matrix_graph_shows_the_gradient_sent_back_and_the_shapes(course):
    session = session_at(course, "matrix-form", "shape(dW2)")
    graph = chain(session)
    extras = {cell.symbol: cell for cell in graph.extras}
    assert extras["shape of ∂C/∂W₂"].asked and extras["shape of ∂C/∂W₂"].rows == ("?",)
    assert not any(node.asked for node in graph.nodes)
    session.check("2x3")
    assert {cell.symbol: cell for cell in chain(session).extras}["shape of ∂C/∂W₂"].rows == ("2×3",)
    session = session_at(course, "matrix-form", "da1")
    nodes = {node.value.symbol: node for node in chain(session).nodes}
    sent_back = nodes["a₁"].gradient
    assert sent_back.symbol == "∂C/∂a₁" and sent_back.asked and sent_back.rows == ("?", "?", "?")
    assert nodes["z₁"].gradient.symbol == "δ₁" and nodes["a₂"].gradient is None
    assert "∂C/∂a₁" not in {cell.symbol for cell in chain(session).extras}
