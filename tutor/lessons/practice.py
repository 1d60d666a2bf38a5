"""Practice variants: a lesson on fresh numbers, reproducible from a seed.

The variant is the whole lesson (its network's shape and rules, its derived formulas, its steps,
reading pages, texts, questions and hints) on new numbers. Its texts quote the engine through
placeholders, so they are filled in again from the variant's numbers; what a text relies on beyond
that (`[practice] requires`, the values `[practice] fixed` keeps) every variant keeps true.
"""

from __future__ import annotations

import zlib
from dataclasses import replace

from tutor.engine.formatting import format_value
from tutor.engine.network import Network
from tutor.engine.variants import problems, variant
from tutor.expressions import ExpressionError

from .model import Lesson
from .placeholders import render_lesson

SMALLEST = 1e-6  # a non-zero asked entry below this is too small to work out by hand


def practice(lesson: Lesson, seed: int) -> Lesson:
    """The lesson on the numbers `seed` picks; the same seed always gives the same lesson."""
    written = lesson.template or lesson
    smallest = {step.name: SMALLEST for step in written.asked_steps()}

    def check(network: Network) -> list[str]:
        candidate = replace(written, network=network)
        try:
            values = candidate.values()
        except ExpressionError as error:  # a derived formula divides by a value the draw made 0
            return [f"a derived formula fails: {error}"]
        # Most draws of a lesson with requirements break one: name the first, skip the full solution.
        broken = next((r.source for r in written.practice_requires if not r.holds(values)), None)
        return [f"breaks {broken}"] if broken else problems(network, candidate.solution(), smallest)

    # The lesson's id is part of the seed, so seed 1 of two lessons are not the same numbers.
    network = variant(written.network, [seed, zlib.crc32(written.id.encode())], check, written.practice_fixed)
    shown = render_lesson(replace(written, id=f"{written.id}~{seed}", title=f"{written.title} — practice {seed}",
                                  network=network))
    another = f"Another one: press the practice key again, or run `tutor practice {written.id} --seed {seed + 1}`."
    return replace(shown, intro=_preface(shown, written, seed) + "\n\n" + shown.intro,
                   outro=f"{shown.outro}\n\n{another}".strip())


def _preface(variant: Lesson, written: Lesson, seed: int) -> str:
    solution = variant.solution()
    given = [f"{solution[name].symbol} = {format_value(solution[name].value)}" for name in solution.names("given")]
    rate = solution.symbols.learning_rate
    return (f"Practice on “{written.title}” with new numbers (seed {seed}; share it with "
            f"`tutor practice {written.id} --seed {seed}`). The lesson is the same; its numbers are new:\n\n"
            + "\n".join(f"- {line}" for line in given)
            + f"\n- learning rate {rate} = {variant.network.learning_rate:g}")
