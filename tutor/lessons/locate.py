"""Find the line of a field in a TOML text, so an error can point at it.

tomllib gives line numbers only for syntax errors; for a schema error we know the field's path
(`network.layers[1].weights`) and look for the line that sets it. Best effort: tables, arrays of
tables, `key =` lines and inline tables on one line are followed; what is not found has no line.
"""

from __future__ import annotations

import re

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-\"'.]+)\s*=")


def _path_parts(field: str) -> list[str]:
    """'network.layers[1].weights' → ['network', 'layers[1]', 'weights']."""
    return [p for p in re.split(r"\.(?![^\[]*\])", field) if p]


def field_lines(text: str) -> dict[str, int]:
    """Every table, array element and key the text sets, mapped to its 1-based line."""
    lines: dict[str, int] = {}
    counts: dict[str, int] = {}
    prefix = ""
    in_string = False
    for number, line in enumerate(text.splitlines(), start=1):
        if line.count('"""') % 2 == 1 or line.count("'''") % 2 == 1:
            was_in = in_string
            in_string = not in_string
            if was_in:
                continue
        elif in_string:
            continue
        header = _HEADER.match(line)
        if header and not in_string:
            name = header.group(2).replace('"', "").replace(" ", "")
            if header.group(1) == "[[":
                index = counts.get(name, 0)
                counts[name] = index + 1
                name = f"{name}[{index}]"
            # an array of tables nested in an earlier element: rewrite its parent with that index
            for parent, count in counts.items():
                if name.startswith(parent + ".") and not name.startswith(f"{parent}["):
                    name = f"{parent}[{count - 1}]" + name[len(parent):]
            prefix = name
            lines.setdefault(prefix, number)
            continue
        key = _KEY.match(line)
        if key:
            name = key.group(1).strip("\"'")
            full = f"{prefix}.{name}" if prefix else name
            lines.setdefault(full, number)
    return lines


def line_of(text: str, field: str, pin: str | None = None) -> int | None:
    """The line that sets `field`, or the nearest enclosing table's line, or None.

    With `pin` (a placeholder, say), the line of its first occurrence from there on: in a long text
    that is the line the problem is on.
    """
    line = _line_of_field(text, field)
    if pin is None or line is None:
        return line
    start = sum(len(row) for row in text.splitlines(keepends=True)[: line - 1])
    found = text.find(pin, start)
    return line if found < 0 else text.count("\n", 0, found) + 1


def _line_of_field(text: str, field: str) -> int | None:
    known = field_lines(text)
    parts = _path_parts(field)
    while parts:
        candidate = ".".join(parts)
        if candidate in known:
            return known[candidate]
        last = re.sub(r"\[\d+\]$", "", parts[-1])
        if last and last != parts[-1]:
            parts[-1] = last  # weights[0][1] → weights[0] → weights: the key's own line
        else:
            parts.pop()
    return None
