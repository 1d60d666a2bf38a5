"""`tutor solve` (the worked solution) and `tutor check` (grading answers to one quantity)."""

from __future__ import annotations

import sys

from tutor.engine import element
from tutor.engine.formatting import format_value
from tutor.lessons.model import parse_ask

from . import UsageError
from .common import lesson_or_exit, plain, print_json

PHASE_TITLES = {"given": "Given", "forward": "Forward pass", "loss": "Cost",
                "backward": "Backward pass", "update": "Update"}


def solve(args) -> int:
    lesson = lesson_or_exit(args.lesson)
    solution = lesson.solution()
    shapes = [step for step in lesson.asked_steps() if step.asks_shape]
    if args.json:
        print_json({"lesson": lesson.id, "quantities": {n: plain(q.value) for n, q in solution.quantities.items()},
                    "shapes": {step.ask: plain(lesson.expected(step, solution)) for step in shapes}})
        return 0
    print(f"{lesson.title}  ({lesson.id})")
    for phase, title in PHASE_TITLES.items():
        # a = z under the identity, ∂L/∂L = 1: lines that restate and teach nothing
        names = [name for name in solution.names(phase) if not solution[name].trivial]
        if not names:
            continue
        print(f"\n{title}")
        width = max(len(n) for n in names)
        for name in names:
            quantity = solution[name]
            print(f"  {name:<{width}}  {quantity.worked}")
            if quantity.value.size > 1 and solution.network.examples > 1 and quantity.per_example and phase != "given":
                print(f"  {'':<{width}}  every example: {format_value(quantity.value)}")
    if shapes:  # the shapes the lesson asks, rows×columns (a vector is a column)
        print("\nShapes asked")
        width = max(len(step.ask) for step in shapes)
        for step in shapes:
            print(f"  {step.ask:<{width}}  {lesson.symbol(step, solution)}: {lesson.shown(step, solution)}")
    return 0


def check(args) -> int:
    from tutor.grading import check_step  # only `check` grades: `solve` starts without it

    lesson = lesson_or_exit(args.lesson)
    solution = lesson.solution()
    try:
        name, index, _ = parse_ask(args.quantity)
    except ValueError as error:
        raise UsageError(str(error)) from None
    if name not in solution:
        known = ", ".join(n for n in solution.names() if solution[n].phase != "given")
        raise UsageError(f"{lesson.id} has no quantity {name!r}; it has: {known}")
    try:
        element(solution[name].value, index)
    except IndexError as error:
        raise UsageError(f"{args.quantity}: {error}") from None
    step = lesson.step_for(args.quantity)
    answers = args.answers if args.answers else (line.rstrip("\n") for line in sys.stdin)
    all_correct, any_answer = True, False
    for answer in answers:
        if not args.answers and not answer.strip():
            continue  # blank lines between answers on standard input
        any_answer = True
        verdict = check_step(lesson, step, answer, solution)
        all_correct &= verdict.correct
        if args.json:
            print_json(verdict.to_json())
        else:
            mark = "✓" if verdict.correct else "✗"
            print(f"{mark} {answer.strip()}: {verdict.feedback}")
    if not any_answer:
        raise UsageError("no answer given: pass answers as arguments or one per line on standard input")
    return 0 if all_correct else 1
