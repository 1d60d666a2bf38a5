"""`tutor practice LESSON [--seed N]`: a lesson on fresh numbers, in the app or printed."""

from __future__ import annotations

import secrets

from tutor.mathtext import to_plain

from . import UsageError
from .common import lesson_or_exit


def practice(args) -> int:
    if "~" in args.lesson:
        raise UsageError("give the lesson id and the seed apart: tutor practice LESSON --seed N")
    seed = args.seed if args.seed is not None else secrets.randbelow(10_000)
    if seed < 0:
        raise UsageError(f"the seed is a whole number ≥ 0, got {seed}")
    reference = f"{lesson_or_exit(args.lesson).id}~{seed}"
    if not args.print:
        from tutor.ui.app import run  # only the app needs textual

        return run(reference, theme=args.theme)
    variant = lesson_or_exit(reference)
    solution = variant.solution()
    print(f"{variant.title}\n")
    print(to_plain(variant.intro).replace("**", ""))  # the lesson's intro follows, with its math
    print()
    for number, step in enumerate(variant.asked_steps(), start=1):
        print(f"{number:>2}. {step.ask:<12} {variant.question(step, solution)}")
    print(f"\nCheck an answer with: tutor check {reference} QUANTITY ANSWER")
    print(f"See the worked solution with: tutor solve {reference}")
    return 0
