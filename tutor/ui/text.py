"""Lesson text as the screens show it: `$…$` mathematics rewritten as readable Unicode."""

from __future__ import annotations


def readable(markdown: str) -> str:
    """`markdown` with its mathematics in Unicode (`tutor.mathtext`), or as written if that fails."""
    try:
        from tutor.mathtext import to_unicode
    except ImportError:  # the converter is optional for the app: raw LaTeX is still legible
        return markdown
    try:
        return to_unicode(markdown)
    except Exception:  # noqa: BLE001 - a converter bug must not stop a lesson; show the source
        return markdown


def sentence(text: str) -> str:
    """`text` with a capital first letter (the grader's messages start in lower case)."""
    return text[:1].upper() + text[1:]
