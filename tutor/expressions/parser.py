"""Reading arithmetic text: the tokenizer, the AST and the recursive-descent parser.

`tutor.expressions` is the public face (parse, evaluate); this module only turns text
into a tree of small named tuples, or an `ExpressionError` that says what could not be
read and how to write it instead. It never computes anything, so no text can hang it; length
and nesting are bounded before any recursion can get deep.
"""

from __future__ import annotations

import math
import re
from typing import NamedTuple

MAX_LENGTH = 300
MAX_DEPTH = 40
MAX_ENTRIES = 400
HOW_TO_WRITE = (
    "Write numbers like 0.25 or -1.5e-3, fractions like 3/4, + - * / ^ and parentheses, "
    "exp() log() sqrt() sigmoid(); vectors as 0.1, 0.2 and matrices with ; between rows."
)
EMPTY = "type a number, e.g. 0.25, -1.5, 3/4, exp(-1)"


class ExpressionError(ValueError):
    """What could not be read and how to write it instead."""

    def __init__(self, message: str, position: int | None = None):
        super().__init__(message)
        self.message = message
        self.position = position


FUNCTION_NAMES = frozenset(
    ("exp", "log", "ln", "sqrt", "abs", "sigmoid", "dsigmoid", "tanh", "dtanh", "relu", "drelu",
     "sum", "mean", "T"))
CONSTANTS = {"e": math.e, "pi": math.pi}
_SYMBOLS = {"σ": "sigmoid", "π": "pi"}
_SYNONYMS = {"−": "-", "–": "-", "×": "*", "·": "*", "÷": "/"}
_NUMBER = re.compile(r"(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_DIGITS_AND_POINTS = re.compile(r"[0-9.]*")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_PUNCTUATION = "+-*/^@(),;[]"


def significant_figures(literal: str) -> int:
    """How many significant figures a typed number shows: '0.50' → 2, '1.5e-3' → 2, '0' → 0.

    The zeros that end a whole number without a point only place it ('1500' → 2), so they do not count.
    """
    mantissa = literal.lower().partition("e")[0]
    whole, point, fraction = mantissa.partition(".")
    digits = (whole + fraction).lstrip("0")
    if not point:
        digits = digits.rstrip("0")
    return len(digits)


class Token(NamedTuple):
    kind: str  # "num", "name", "end", ".T", or the (normalised) symbol itself
    text: str  # as typed, for messages
    pos: int
    name: str = ""  # the canonical name for σ, π, σ′


class Num(NamedTuple):
    value: float
    pos: int
    figures: int | None = None  # significant figures typed; None for constants, which are not typed


class Name(NamedTuple):
    name: str
    pos: int


class Index(NamedTuple):
    name: str
    indices: tuple[int, ...]
    pos: int


class Unary(NamedTuple):
    op: str
    operand: Node
    pos: int


class Binary(NamedTuple):
    op: str
    left: Node
    right: Node
    pos: int


class Call(NamedTuple):
    func: str
    arg: Node
    pos: int


class Stack(NamedTuple):
    items: tuple[Node, ...]
    pos: int


# The tree's nodes are named tuples: immutable records, and cheap to define when `tutor` starts.
Node = Num | Name | Index | Unary | Binary | Call | Stack


_HINTS = {
    ".": "a '.' belongs in a number like 0.5, or after a name as .T to transpose",
    "=": "write just the value, without '='",
    "%": "write a percentage as a decimal, e.g. 0.05 for 5%",
}


def _bad_character(char: str, pos: int) -> ExpressionError:
    if char in _HINTS:
        return ExpressionError(f"{_HINTS[char]} (column {pos + 1})", pos)
    return ExpressionError(f"'{char}' (column {pos + 1}) cannot be used here. {HOW_TO_WRITE}", pos)


def _number(text: str, i: int) -> Token:
    end = _NUMBER.match(text, i).end()
    if text[end:end + 1] == ".":
        run = _DIGITS_AND_POINTS.match(text, end).end()
        raise ExpressionError(
            f"could not read '{text[i:run]}' at column {i + 1}: a number has at most one decimal point", i
        )
    return Token("num", text[i:end], i)


def tokenize(text: str) -> list[Token]:
    """Split `text` into tokens, ending with an "end" token; raises ExpressionError."""
    tokens, i = [], 0
    while i < len(text):
        char = _SYNONYMS.get(text[i], text[i])
        after = text[i + 1:i + 2]
        if char.isspace():
            i += 1
            continue
        if char in "0123456789" or (char == "." and after.isascii() and after.isdigit()):
            token = _number(text, i)
        elif match := _NAME.match(text, i):
            token = Token("name", match.group(), i)
        elif char == "σ" and after in ("′", "'"):
            token = Token("name", text[i:i + 2], i, "dsigmoid")
        elif char in _SYMBOLS:
            token = Token("name", char, i, _SYMBOLS[char])
        elif char == "." and after == "T" and not _NAME.match(text[i + 2:i + 3] or " "):
            token = Token(".T", ".T", i)
        elif char == "*" and after == "*":
            token = Token("^", "**", i)
        elif char in _PUNCTUATION:
            token = Token(char, text[i], i)
        else:
            raise _bad_character(text[i], i)
        tokens.append(token)
        i += len(token.text)
    tokens.append(Token("end", "", len(text)))
    return tokens


class Parser:
    """Recursive descent: rows > row > expr (+ -) > term (* / @) > unary > power (^) > postfix > atom."""

    def __init__(self, text: str):
        self.text = text
        self.tokens = tokenize(text)
        self.i = 0
        self.depth = 0
        self.entries = 0
        self.names: set[str] = set()

    def peek(self) -> Token:
        return self.tokens[self.i]

    def take(self) -> Token:
        token = self.tokens[self.i]
        self.i += token.kind != "end"
        return token

    def accept(self, *kinds: str) -> Token | None:
        return self.take() if self.peek().kind in kinds else None

    def parse(self) -> Node:
        node = self.rows(bracket=False)
        token = self.peek()
        if token.kind != "end":
            opener = "(" if token.kind == ")" else "["
            raise ExpressionError(
                f"the '{token.text}' at column {token.pos + 1} has no matching '{opener}'", token.pos
            )
        return node

    def rows(self, bracket: bool, start: int | None = None) -> Node:
        starts, rows = [self.peek().pos], [self.row()]
        start = starts[0] if start is None else start
        while self.accept(";"):
            starts.append(self.peek().pos)
            rows.append(self.row())
        if len(rows) == 1 and len(rows[0]) == 1 and not bracket:
            return rows[0][0]
        self.entries += sum(len(row) for row in rows)
        if self.entries > MAX_ENTRIES:
            raise ExpressionError(f"a list can have at most {MAX_ENTRIES} entries", start)
        if len(rows) == 1:
            return Stack(tuple(rows[0]), start)
        for number, (row, begin) in enumerate(zip(rows, starts), 1):
            if len(row) != len(rows[0]):
                raise ExpressionError(
                    f"each row needs the same number of entries: row 1 has {len(rows[0])} "
                    f"but row {number} has {len(row)} (column {begin + 1})", begin)
        return Stack(tuple(Stack(tuple(row), begin) for row, begin in zip(rows, starts)), start)

    def row(self) -> list[Node]:
        items = [self.expr()]
        while self.accept(","):
            items.append(self.expr())
        return items

    def expr(self) -> Node:
        node = self.term()
        while token := self.accept("+", "-"):
            node = Binary(token.kind, node, self.term(), token.pos)
        return node

    def term(self) -> Node:
        node = self.unary()
        while True:
            token = self.peek()
            if token.kind in ("num", "name", "(", "["):
                raise self.missing_operator(token)
            if token.kind not in ("*", "/", "@"):
                return node
            self.take()
            node = Binary(token.kind, node, self.unary(), token.pos)

    def unary(self) -> Node:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExpressionError(
                f"this is nested too deeply (more than {MAX_DEPTH} levels); write it more simply",
                self.peek().pos)
        if token := self.accept("+", "-"):
            node = Unary(token.kind, self.unary(), token.pos)
        else:
            node = self.power()
        self.depth -= 1
        return node

    def power(self) -> Node:
        base = self.postfix()
        if token := self.accept("^"):
            # The exponent is a unary, so ^ is right-associative and 2^-1 reads as 2^(-1).
            return Binary("^", base, self.unary(), token.pos)
        return base

    def postfix(self) -> Node:
        node = self.atom()
        while token := self.accept(".T"):
            node = Call("T", node, token.pos)
        return node

    def atom(self) -> Node:
        before = self.tokens[self.i - 1] if self.i else None
        token = self.take()
        if token.kind == "num":
            return self.number(token)
        if token.kind == "name":
            return self.name(token)
        if token.kind in ("(", "["):
            node = self.rows(token.kind == "[", token.pos)
            self.close(token)
            return node
        raise self.missing_operand(token, before)

    def number(self, token: Token) -> Num:
        value = float(token.text)
        if not math.isfinite(value):
            raise ExpressionError(
                f"the number {token.text} (column {token.pos + 1}) is too large; "
                "numbers must stay below about 1.8e308", token.pos)
        return Num(value, token.pos, significant_figures(token.text))

    def name(self, token: Token) -> Node:
        name = token.name or token.text
        if name in CONSTANTS:
            return Num(CONSTANTS[name], token.pos)
        if name in FUNCTION_NAMES:
            opener = self.accept("(")
            if opener is None:
                raise ExpressionError(
                    f"write {token.text}(...) with parentheses, e.g. {token.text}(0.5) "
                    f"(column {token.pos + 1})", token.pos)
            argument = self.rows(bracket=False)
            self.close(opener)
            return Call(name, argument, token.pos)
        self.names.add(name)
        return self.index(token) if self.peek().kind == "[" else Name(name, token.pos)

    def index(self, token: Token) -> Index:
        opener, indices = self.take(), []
        while True:
            number = self.take()
            if number.kind != "num" or not number.text.isdigit():
                raise ExpressionError(
                    f"an index is a whole number counted from 0, e.g. {token.text}[0] or "
                    f"{token.text}[0,1] (column {number.pos + 1})", number.pos)
            indices.append(int(number.text))
            if self.accept("]"):
                return Index(token.text, tuple(indices), token.pos)
            if not self.accept(","):
                self.close(opener)

    def close(self, opener: Token) -> None:
        closer = ")" if opener.kind == "(" else "]"
        found = self.take()
        if found.kind == closer:
            return
        where = f"the '{opener.text}' at column {opener.pos + 1}"
        if found.kind == "end":
            raise ExpressionError(f"{where} is never closed: add '{closer}'", opener.pos)
        raise ExpressionError(
            f"{where} needs a '{closer}' where '{found.text}' is (column {found.pos + 1})", found.pos)

    def missing_operator(self, token: Token) -> ExpressionError:
        before = self.tokens[self.i - 1]
        left, right = self.text[:before.pos + len(before.text)], self.text[token.pos:]
        column = token.pos + 1
        if before.kind == "num" and token.kind == "num":
            return ExpressionError(
                f"put a comma between the numbers of a vector (column {column}): {left}, {right}",
                token.pos)
        return ExpressionError(
            f"write * between '{before.text}' and '{token.text}' (column {column}): {left}*{right}",
            token.pos)

    def missing_operand(self, token: Token, before: Token | None) -> ExpressionError:
        column = token.pos + 1
        if token.kind == "end":
            return ExpressionError(
                f"'{self.text.strip()}' ends with '{before.text}': put a number after it", before.pos)
        if token.kind in (",", ";"):
            why = f"missing an entry before '{token.text}' (column {column}): write a number there"
        elif token.kind in (")", "]") and before is not None and before.kind in ("(", "["):
            why = f"nothing inside '{before.text}{token.text}' (column {before.pos + 1}): put a number in it"
        elif token.kind in (")", "]"):
            why = f"missing a number before '{token.text}' (column {column})"
        elif token.kind == ".T":
            why = f"'.T' goes right after a name or a ')', e.g. W2.T (column {column})"
        elif before is None or before.kind in ("(", "[", ",", ";"):
            why = f"'{token.text}' (column {column}) needs a number before it"
        else:
            why = (f"two operators in a row, '{before.text}' then '{token.text}' (column {column}): "
                   "put a number between them")
        return ExpressionError(why, token.pos)


def parse_tree(text: str) -> tuple[Node, frozenset[str]]:
    """The tree of `text` and the names it refers to; raises ExpressionError."""
    if not isinstance(text, str):
        raise ExpressionError(f"an expression must be text, not {type(text).__name__}")
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"that is too long ({len(text)} characters); write at most {MAX_LENGTH}")
    if not text.strip():
        raise ExpressionError(EMPTY)
    parser = Parser(text)
    return parser.parse(), frozenset(parser.names)
