"""Reading a TOML table strictly: each field taken with its expected type, unknown keys refused.

A `Table` collects problems instead of stopping at the first, so a teacher sees every mistake in a
file at once. Each problem names the field's path and says what was expected and what was found.
"""

from __future__ import annotations

import math
from typing import Any, Callable


def count(n: int, noun: str) -> str:
    """'1 column', '2 columns', '1 entry', '3 entries'."""
    if n == 1:
        return f"1 {noun}"
    return f"{n} {noun[:-1]}ies" if noun.endswith("y") else f"{n} {noun}s"


def describe(value: Any) -> str:
    """What a TOML value is, in a few words: 'the string "sigmod"', 'a list of 3 items'."""
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, str):
        short = value if len(value) <= 40 else value[:37] + "..."
        return f"the string {short!r}"
    if isinstance(value, list):
        return f"a list of {len(value)} item{'s' if len(value) != 1 else ''}"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


class Table:
    """One TOML table being read; `problems` receives (field path, message) pairs."""

    def __init__(self, data: Any, path: str, problems: list[tuple[str, str]]):
        self.path = path
        self.problems = problems
        self.data = data if isinstance(data, dict) else {}
        self.taken: set[str] = set()
        if not isinstance(data, dict):
            self.fail(path, f"expected a table, found {describe(data)}")

    def field(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def fail(self, field: str, message: str) -> None:
        self.problems.append((field, message))

    def has(self, key: str) -> bool:
        return key in self.data

    def take(self, key: str, check: Callable[[Any, str, "Table"], Any], *, required: bool = False,
             default: Any = None) -> Any:
        """The value at `key`, checked (and converted) by `check`; `default` when absent or wrong."""
        self.taken.add(key)
        if key not in self.data:
            if required:
                self.fail(self.field(key), "is required but missing")
            return default
        try:
            return check(self.data[key], self.field(key), self)
        except _Wrong as wrong:
            self.fail(wrong.field or self.field(key), wrong.message)
            return default

    def sub(self, key: str) -> "Table":
        self.taken.add(key)
        return Table(self.data.get(key, {}), self.field(key), self.problems)

    def finish(self, known_hint: str = "") -> None:
        """Refuse every key that nobody took: a typo must fail loudly."""
        for key in self.data:
            if key not in self.taken:
                known = ", ".join(sorted(self.taken))
                self.fail(self.field(key), f"unknown key; expected one of: {known}{known_hint}")


class _Wrong(Exception):
    def __init__(self, message: str, field: str | None = None):
        self.message, self.field = message, field


# --- checks: each takes (value, field path, table) and returns the value or raises _Wrong ---------


def text(value, field, table):
    if not isinstance(value, str):
        raise _Wrong(f"expected a string, found {describe(value)}")
    return value


def nonempty_text(value, field, table):
    value = text(value, field, table)
    if not value.strip():
        raise _Wrong("expected some text, found an empty string")
    return value


def integer_between(low: int, high: int):
    def check(value, field, table):
        if isinstance(value, bool) or not isinstance(value, int):
            raise _Wrong(f"expected a whole number from {low} to {high}, found {describe(value)}")
        if not low <= value <= high:
            raise _Wrong(f"expected a whole number from {low} to {high}, found {value}")
        return value
    return check


def number(value, field, table) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _Wrong(f"expected a number, found {describe(value)}")
    if not math.isfinite(value):
        raise _Wrong(f"expected a finite number, found {value!r}")
    return float(value)


def positive_number(value, field, table) -> float:
    value = number(value, field, table)
    if value <= 0:
        raise _Wrong(f"expected a number greater than 0, found {value!r}")
    return value


def one_of(*choices: str):
    def check(value, field, table):
        value = text(value, field, table)
        if value not in choices:
            raise _Wrong(f"expected one of {', '.join(choices)}; found {value!r}")
        return value
    return check


def vector(value, field, table) -> list[float]:
    """A flat list of finite numbers."""
    if not isinstance(value, list):
        raise _Wrong(f"expected a list of numbers like [0.5, -1.0], found {describe(value)}")
    out = []
    for i, item in enumerate(value):
        try:
            out.append(number(item, field, table))
        except _Wrong as wrong:
            raise _Wrong(wrong.message, f"{field}[{i}]") from None
    return out


def matrix(value, field, table) -> list[list[float]]:
    """A list of equally long rows of finite numbers: [[1.0, 2.0], [3.0, 4.0]]."""
    if not isinstance(value, list) or not value or not all(isinstance(row, list) for row in value):
        raise _Wrong(f"expected a list of rows like [[1.0, 2.0], [3.0, 4.0]], found {describe(value)}")
    rows = [vector(row, f"{field}[{i}]", table) for i, row in enumerate(value)]
    widths = {len(row) for row in rows}
    if len(widths) != 1 or 0 in widths:
        lengths = ", ".join(str(len(row)) for row in rows)
        raise _Wrong(f"expected every row to have the same number of entries (at least 1), found rows of {lengths}")
    return rows


def list_of_text(value, field, table) -> list[str]:
    if not isinstance(value, list):
        raise _Wrong(f"expected a list of strings, found {describe(value)}")
    for i, item in enumerate(value):
        if not isinstance(item, str):
            raise _Wrong(f"expected a string, found {describe(item)}", f"{field}[{i}]")
    return list(value)


def list_of_tables(value, field, table) -> list[dict]:
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise _Wrong(f"expected an array of tables ([[{field}]] sections), found {describe(value)}")
    return value


def table_of_text(value, field, table) -> dict[str, str]:
    if not isinstance(value, dict):
        raise _Wrong(f"expected a table like {{ a2 = \"L\" }}, found {describe(value)}")
    for key, item in value.items():
        if not isinstance(item, str):
            raise _Wrong(f"expected a string, found {describe(item)}", f"{field}.{key}")
    return dict(value)


Wrong = _Wrong
