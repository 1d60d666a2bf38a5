"""Safe arithmetic for what learners type and for the formulas lesson files define.

`parser` turns text into a small tree (never Python's `eval`); `evaluate` computes it in float64
NumPy. It sits between the engine and the lessons: lessons read their formulas with it, grading
reads answers with it, and it knows nothing of either.
"""

from .evaluate import EMPTY, HOW_TO_WRITE, MAX_DEPTH, MAX_ENTRIES, MAX_LENGTH, Expression, ExpressionError, evaluate, parse

__all__ = ["EMPTY", "HOW_TO_WRITE", "MAX_DEPTH", "MAX_ENTRIES", "MAX_LENGTH", "Expression", "ExpressionError", "evaluate", "parse"]
