"""Practice variants: a lesson's steps on fresh numbers, reproducible from a seed.

The variant keeps the lesson's structure (its network's shape and rules, its derived formulas,
the quantities its steps ask) and drops what was written for the original numbers (reading
pages, step texts, hand-written hints and questions); the generated hints fit any numbers.
"""

from __future__ import annotations

import zlib
from dataclasses import replace

import numpy as np

from tutor.engine.formatting import format_value
from tutor.engine.network import Network
from tutor.engine.variants import problems, variant

from .model import Lesson, Step

SMALLEST = 1e-6  # a non-zero asked entry below this is too small to work out by hand


def practice(lesson: Lesson, seed: int) -> Lesson:
    """The lesson on the numbers `seed` picks; the same seed always gives the same lesson."""
    asked = [step for step in lesson.steps if not step.is_reading]
    smallest = {step.name: SMALLEST for step in asked}

    def check(network: Network) -> list[str]:
        candidate = replace(lesson, network=network)
        solution = candidate.solution()
        return problems(network, solution, smallest)

    # The lesson's id is part of the seed, so seed 1 of two lessons are not the same numbers.
    network = variant(lesson.network, [seed, zlib.crc32(lesson.id.encode())], check, lesson.practice_fixed)
    steps = tuple(Step(i, step.ask, title=step.title, tolerance=step.tolerance, mistakes=step.mistakes)
                  for i, step in enumerate(asked))
    return replace(
        lesson,
        id=f"{lesson.id}~{seed}",
        title=f"{lesson.title} — practice {seed}",
        network=network,
        steps=steps,
        intro=_intro(lesson, network, seed),
        outro=f"Another one: press the practice key again, or run `tutor practice {lesson.id} --seed {seed + 1}`.",
    )


def _intro(lesson: Lesson, network: Network, seed: int) -> str:
    solution = replace(lesson, network=network).solution()
    given = [f"{solution[name].symbol} = {format_value(solution[name].value)}"
             for name in solution.names("given")]
    return (f"Practice on “{lesson.title}” with new numbers (seed {seed}; share it with "
            f"`tutor practice {lesson.id} --seed {seed}`). The steps are the lesson's; the numbers are new:\n\n"
            + "\n".join(f"- {line}" for line in given)
            + f"\n- learning rate η = {network.learning_rate:g}")
