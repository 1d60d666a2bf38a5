"""The learning-rate experiment in plain Python: predict one step, replay it, sweep the rates.

- `settings`: the rates, steps and update rule the learner sets, read and named in their words.
- `prediction`: before the replay, where one step puts the output (`Prediction`).
- `replay`: the replay step by step, its table, notes and plot (`ExperimentState`, which the
  experiment screen draws).
- `sweep`: ~100 rates around the replay's, run at once (`RateSweep`).
"""

from .prediction import Prediction
from .replay import ExperimentState
from .settings import RULE_NAMES, parse_rates, parse_steps, rule_formula

__all__ = ["RULE_NAMES", "ExperimentState", "Prediction", "parse_rates", "parse_steps", "rule_formula"]
