"""What the learner sets for an experiment: the learning rates, the number of steps, the update rule.

Typed rates and steps are read here, and a mistake is told in the learner's words (a ValueError);
the update rules are named as the screens say them.
"""

from __future__ import annotations

import math
import re

from tutor.figures import COLORS

MAX_RATES = len(COLORS)  # each rate has a colour of its own
MAX_STEPS = 200
RULES = ("output-ascent", "descent")
RULE_NAMES = {"output-ascent": "the chapter's rule", "descent": "descent on the error"}


def rule_formula(rule: str, cost: str, rate: str = "η") -> str:
    """The update rule as the lesson writes it: its cost's symbol and its learning rate's (η, or α)."""
    return f"w ← w + {rate} ∂L/∂w" if rule == "output-ascent" else f"w ← w − {rate} ∂{cost}/∂w"


def parse_rates(text: str) -> list[float]:
    """'0.2, 0.1 0.05' → [0.2, 0.1, 0.05]; a ValueError says what is wrong in the learner's words."""
    words = [w for w in re.split(r"[,;\s]+", text.strip()) if w]
    if not words:
        raise ValueError("Write at least one learning rate, like 0.2, 0.1.")
    rates: list[float] = []
    for word in words:
        try:
            rate = float(word)
        except ValueError:
            raise ValueError(f"“{word}” is not a learning rate: write numbers like 0.2, 0.1, 0.05.") from None
        if not (math.isfinite(rate) and rate > 0):
            raise ValueError(f"A learning rate must be a number greater than 0, not {word}.")
        if rate not in rates:
            rates.append(rate)
    if len(rates) > MAX_RATES:
        raise ValueError(f"At most {MAX_RATES} learning rates at once, so each has a colour of its own.")
    return rates


def parse_steps(text: str) -> int:
    try:
        steps = int(text.strip())
    except ValueError:
        raise ValueError(f"“{text.strip()}” is not a number of steps: write a whole number like 10.") from None
    if not 1 <= steps <= MAX_STEPS:
        raise ValueError(f"The number of steps must be from 1 to {MAX_STEPS}, not {steps}.")
    return steps
