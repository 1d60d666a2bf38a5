"""Lesson text as the screens show it: `$…$` mathematics rewritten as readable Unicode."""

from __future__ import annotations

from tutor.mathtext import to_unicode


def readable(markdown: str) -> str:
    """`markdown` with its mathematics in Unicode (`tutor.mathtext`).

    Nothing is caught: the converter reads any text (tests/test_mathtext.py feeds it arbitrary
    text), so an exception here is a bug for the tests to show, not something to hide.
    """
    return to_unicode(markdown)


def sentence(text: str) -> str:
    """`text` with a capital first letter (the grader's messages start in lower case)."""
    return text[:1].upper() + text[1:]
