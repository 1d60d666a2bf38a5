"""The LaTeX math of a lesson's Markdown rewritten as readable Unicode: ``to_unicode(markdown)``.

markdown-it-py, with mdit-py-plugins' dollarmath, reads the Markdown, so Markdown itself decides
what is math: ``$…$`` and ``$$…$$`` outside code become Unicode text (``tutor.latex``), while fenced
and indented code, code spans, ``\\$`` and the text around the math stay exactly as written.

* Inline ``$…$`` must close in the same paragraph, and not right before a digit: in
  ``$5 and $10`` there is no math.
* Display math (``$$…$$``, on lines of its own or inside a paragraph) becomes a paragraph of its
  own, indented by four ``&nbsp;`` (never a code block) and kept inside its block quote or list
  item; the rows of an aligned formula are joined by hard line breaks.
* Markdown-active characters of the converted math are escaped, so the renderer shows them as they
  are. Text without math comes back unchanged; where there is math, line endings become ``\\n``.

``to_plain(text)`` is the same for text shown as it is (a question, a hint): nothing is escaped,
and display math goes on its own line, indented by four spaces.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.dollarmath.index import math_block_dollar, math_inline_dollar

from tutor.latex import unicode_rows

__all__ = ["to_unicode", "to_plain"]

INDENT = "&nbsp;" * 4  # display math: indented, yet never a code block
PLAIN_INDENT = " " * 4
_MARKDOWN_ACTIVE = re.compile(r"([\\`*_\[\]<&|$~])")
_BACKTICKS = re.compile(r"(?<![`\\])`+")  # a run of backticks, not escaped

# Inline dollars: "$ x $" is math (the chapter writes it so), while a $ right after a digit
# opens nothing and one right before a digit closes nothing, so "$5 and $10" is text.
_DOLLARS = {"allow_space": True, "allow_digits": False}


def _math_reader() -> MarkdownIt:
    """CommonMark with dollar math, where each inline math token knows where it stands.

    "$$…$$" may stand inside a paragraph too; a blank line ends display math; "$$…$$ (label)"
    is not our syntax.
    """
    reader = MarkdownIt("commonmark").use(
        dollarmath_plugin, **_DOLLARS, double_inline=True, allow_labels=False, allow_blank_lines=False)
    find_inline_math = math_inline_dollar(**_DOLLARS, allow_double=True)
    find_display_math = math_block_dollar(allow_labels=False, allow_blank_lines=False)

    def inline_math_with_its_place(state: StateInline, silent: bool) -> bool:
        start = state.pos
        if not find_inline_math(state, True):  # a look ahead: it moves on, makes no token
            return False
        end, state.pos = state.pos, start
        if _code_span_crosses(state.src, start, end, state.posMax):
            return False  # the code span wins: "$10 … `$x$`" is text, then code
        find_inline_math(state, silent)
        if not silent:
            state.tokens[-1].meta["span"] = (start, end)  # offsets in the block's text
        return True

    def display_math_alone_on_its_lines(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        line_start = state.bMarks[start_line] + state.tShift[start_line]
        if state.src.count("$$", line_start, state.eMarks[start_line]) > 2:
            return False  # "$$a$$ $$b$$": two formulas on one line are read inside a paragraph
        return find_display_math(state, start_line, end_line, silent)

    reader.inline.ruler.at("math_inline", inline_math_with_its_place)
    reader.block.ruler.at("math_block", display_math_alone_on_its_lines)
    return reader


def _code_span_crosses(text: str, start: int, end: int, limit: int) -> bool:
    """Whether a code span opens inside text[start:end] and closes after it (before `limit`).

    Backticks bind tighter than dollars, as in CommonMark code spans bind tighter than anything.
    """
    position = start
    while opener := _BACKTICKS.search(text, position, end):
        closer = re.compile(f"(?<!`){opener[0]}(?!`)").search(text, opener.end(), limit)
        if closer is None:  # no run as long later on: these backticks are literal
            position = opener.end()
        elif closer.start() >= end:
            return True
        else:
            position = closer.end()
    return False


_READER = _math_reader()


@dataclass(frozen=True)
class _Math:
    """One math span of the source: where it stands, what it says, and the block around it."""

    start: int  # offset of the opening $ in the source
    end: int  # offset just past the closing $
    latex: str
    display: bool
    block: bool  # $$…$$ on lines of its own (else it stands inside a paragraph)
    text_start: int  # where the block's text starts on the line of `start` (after > and indents)
    first_line: bool  # whether `start` is on the block's first line
    last_line: bool  # whether `end` is on the block's last line
    continuation: str  # what starts a further line of the same container: "> ", "   ", …


def _continuation(prefix: str) -> str:
    """The prefix of a container's further lines: its `>` marks kept, a list marker as spaces."""
    return "".join(char if char in "> \t" else " " for char in prefix)


def _where_in_line(source_line: str, text_line: str) -> int | None:
    """Where a line of a block's text starts in its source line, or None if it cannot be placed.

    The block's text is its source lines without the container's `>` marks, list markers and
    indentation, stripped at both ends; a heading's closing #s are left out too.
    """
    text = text_line.rstrip()
    start = len(source_line.rstrip()) - len(text)
    if start >= 0 and source_line.startswith(text, start):
        return start
    found = source_line.find(text)
    return found if found >= 0 else None


def _line_starts(source: str) -> list[int]:
    """The offset where each line of `source` starts."""
    starts = [0]
    for index, char in enumerate(source):
        if char == "\n":
            starts.append(index + 1)
    return starts


def _find_math(source: str) -> list[_Math]:
    """Every math span of `source` (already with "\\n" line endings), in order."""
    lines = source.split("\n")
    line_starts = _line_starts(source)
    found = []
    for token in _READER.parse(source):
        if token.type == "math_block" and token.map:
            first, after = token.map
            opening = line_starts[first] + lines[first].index("$$")
            closing = line_starts[after - 1] + len(lines[after - 1].rstrip())
            prefix = source[line_starts[first]:opening]
            found.append(_Math(opening, closing, token.content, display=True, block=True,
                               text_start=opening, first_line=True, last_line=True,
                               continuation=_continuation(prefix)))
        elif token.type == "inline" and token.map and token.children:
            found += _math_in_block_text(token, source, lines, line_starts)
    return sorted(found, key=lambda math: math.start)


def _math_in_block_text(token, source: str, lines: list[str], line_starts: list[int]) -> list[_Math]:
    """The math of one paragraph or heading, placed in the source through its lines."""
    text_lines = token.content.split("\n")
    first = token.map[0]
    in_text = [0]  # where each line starts in the block's text
    for text_line in text_lines[:-1]:
        in_text.append(in_text[-1] + len(text_line) + 1)
    in_source = []  # where each line starts in the source
    for number, text_line in enumerate(text_lines):
        column = _where_in_line(lines[first + number], text_line) if first + number < len(lines) else None
        in_source.append(None if column is None else line_starts[first + number] + column)
    if in_source[0] is None:
        return []
    continuation = _continuation(source[line_starts[first]:in_source[0]])

    def place(offset: int) -> tuple[int, int | None]:
        """(line number in the block, offset in the source) of an offset in the block's text."""
        number = bisect_right(in_text, offset) - 1
        start = in_source[number]
        return number, None if start is None else start + offset - in_text[number]

    found = []
    for child in token.children:
        if child.type not in ("math_inline", "math_inline_double") or "span" not in child.meta:
            continue
        span_start, span_end = child.meta["span"]
        first_number, start = place(span_start)
        last_number, last = place(span_end - 1)
        if start is None or last is None or source[start] != "$" or source[last] != "$":
            continue  # a line the block's text does not show as written (a tab in the indent)
        found.append(_Math(start, last + 1, child.content, display=child.type == "math_inline_double",
                           block=False, text_start=in_source[first_number], first_line=first_number == 0,
                           last_line=last_number == len(text_lines) - 1, continuation=continuation))
    return found


def _normalised(text: str) -> str:
    """`text` with the line endings and NULs markdown-it reads it with, so offsets agree."""
    return re.sub(r"\r\n?", "\n", text).replace("\0", "\ufffd")


def _escaped(row: str) -> str:
    return _MARKDOWN_ACTIVE.sub(r"\\\1", row)


def to_unicode(markdown: str) -> str:
    """`markdown` with every ``$…$`` and ``$$…$$`` math span rewritten as Unicode text."""
    if "$" not in markdown:
        return markdown
    source = _normalised(markdown)
    out = []
    copied = 0  # the source before this is in `out`
    resumed = 0  # where the text after the last display math starts
    for math in _find_math(source):
        rows = [_escaped(row) for row in unicode_rows(math.latex)] if math.latex.strip() else None
        if rows is None:
            continue  # "$ $" is not math
        if not math.display:
            out.append(source[copied:math.start] + "; ".join(rows))
            copied = math.end
        elif math.block:
            copied = resumed = _display_block(source, math, rows, copied, out)
        else:
            copied = resumed = _display_in_paragraph(source, math, rows, copied, resumed, out)
    out.append(source[copied:])
    return "".join(out)


def _display_lines(math: _Math, rows: list[str]) -> str:
    """The display's paragraph: each row indented, joined by hard line breaks."""
    rows = rows or [""]
    return ("\\\n" + math.continuation).join(INDENT + row for row in rows) + "\n"


def _has_text(line: str) -> bool:
    return bool(line.strip(" \t>"))


def _display_block(source: str, math: _Math, rows: list[str], copied: int, out: list[str]) -> int:
    """Rewrite display math on lines of its own in place; returns where copying resumes."""
    line_end = source.find("\n", math.end)
    after = len(source) if line_end < 0 else line_end + 1
    out.append(source[copied:math.start] + _display_lines(math, rows))
    next_line = source[after:].split("\n", 1)[0]
    if _has_text(next_line):  # keep what follows out of the display's paragraph
        out.append(math.continuation.rstrip() + "\n")
    return after


def _display_in_paragraph(source: str, math: _Math, rows: list[str], copied: int, resumed: int,
                          out: list[str]) -> int:
    """Split the paragraph around display math; returns where copying resumes.

    `resumed` is where the text after the previous display math started (it began a paragraph).
    """
    blank = math.continuation.rstrip() + "\n"
    line_start = source.rfind("\n", 0, math.start) + 1
    before = source[max(math.text_start, resumed):math.start]
    if before.strip():  # text before it on its line: that paragraph ends here
        cut = math.start - (len(before) - len(before.rstrip()))
        lead = "\n" + blank + math.continuation
    elif math.first_line or resumed >= line_start:  # it opens the paragraph, or a display ended above
        cut, lead = math.start, ""
    else:  # the paragraph's earlier lines end above it
        cut, lead = line_start, blank + math.continuation
    out.append(source[copied:cut] + lead + _display_lines(math, rows))

    line_end = source.find("\n", math.end)
    line_end = len(source) if line_end < 0 else line_end
    tail = source[math.end:line_end]
    if tail.strip():  # text after it on its line starts a new paragraph
        out.append(blank + math.continuation)
        return math.end + len(tail) - len(tail.lstrip())
    if not math.last_line:  # the paragraph goes on below
        out.append(blank)
    return min(line_end + 1, len(source))


def to_plain(text: str) -> str:
    """`text` shown as it is, with each ``$…$`` and ``$$…$$`` math span rewritten as Unicode.

    Nothing is escaped; display math goes on its own line, indented by four spaces.
    """
    if "$" not in text:
        return text
    source = _normalised(text)
    out = []
    copied = 0
    for math in _find_math(source):
        if not math.latex.strip():
            continue
        rows = unicode_rows(math.latex)
        if math.display:
            converted = "\n" + "\n".join(PLAIN_INDENT + row for row in rows) + "\n"
        else:
            converted = "; ".join(rows)
        out.append(source[copied:math.start].replace("\\$", "$") + converted)
        copied = math.end
    out.append(source[copied:].replace("\\$", "$"))
    return "".join(out)
