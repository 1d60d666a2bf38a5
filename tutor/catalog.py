"""The course at a glance, read fast: ids, titles and summaries, with no NumPy and no validation.

The app paints its home screen from this, then loads and checks the lessons in the background
(`tutor.lessons.load_course`). A checkout or editable install reads the top-level `lessons/` folder;
a wheel carries the same files inside the package as `tutor/_course`.
"""

from __future__ import annotations

import re
import tomllib
from typing import NamedTuple
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
NO_SUCH_LESSON = "no lesson with this id or path"  # how a reference to no lesson is told, everywhere


def course_dir() -> Path:
    """Where the course's lesson files are."""
    checkout = _PACKAGE.parent / "lessons"
    if checkout.is_dir() and any(checkout.glob("*.toml")):
        return checkout
    return _PACKAGE / "_course"


def split_variant(reference: str) -> tuple[str, int | None]:
    """'chain-rule~7' → ('chain-rule', 7): a practice variant's lesson and seed; ('chain-rule', None) otherwise."""
    base, tilde, seed = reference.rpartition("~")
    return (base, int(seed)) if tilde and base and seed.isdigit() else (reference, None)


def lesson_files(directory: Path | None = None) -> list[Path]:
    """The lesson files of the course, in course order (by file name)."""
    return sorted((directory or course_dir()).glob("*.toml"))


class Entry(NamedTuple):
    """One lesson file as the course list shows it before it is fully loaded (a cheap record: `tutor` starts fast)."""

    path: Path
    id: str
    title: str
    summary: str = ""
    minutes: int | None = None
    readable: bool = True  # False: the file is not even valid TOML; the full load says why


_TABLE = re.compile(r"^\s*\[", re.M)


def _top_level(text: str) -> dict:
    """The keys before the first [table]: all the list needs, and much less to parse.

    A line starting with [ can also sit inside a multi-line string; if cutting there breaks the
    TOML, the whole file is parsed instead.
    """
    match = _TABLE.search(text)
    if match is not None:
        try:
            return tomllib.loads(text[: match.start()])
        except tomllib.TOMLDecodeError:
            pass
    return tomllib.loads(text)


def read_catalog(directory: Path | None = None) -> list[Entry]:
    """Every lesson file's id, title and summary; a broken file is still listed, by its name."""
    entries = []
    for path in lesson_files(directory):
        try:
            data = _top_level(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            entries.append(Entry(path, path.stem, path.stem, readable=False))
            continue
        text = lambda key, default="": data.get(key) if isinstance(data.get(key), str) else default
        minutes = data.get("minutes") if isinstance(data.get("minutes"), int) else None
        entries.append(Entry(path, text("id", path.stem), text("title", path.stem), text("summary"), minutes))
    return entries


def missing_lesson(reference: str, directory: Path | None = None) -> str | None:
    """Why `reference` (an id, a .toml path, or either with ~SEED) names no lesson; None when it names one.

    Only file names and top-level keys are read, so `tutor open` refuses a wrong id before the app
    starts; whether the lesson it names is valid, the app tells once it has loaded it.
    """
    base = split_variant(reference)[0]
    if Path(base).is_file():
        return None
    if base.endswith(".toml"):
        return f"{NO_SUCH_LESSON}: there is no such file"
    entries = read_catalog(directory)
    named = re.compile(rf"(\d+-)?{re.escape(base)}")
    if any(entry.id == base or named.fullmatch(entry.path.stem) for entry in entries):
        return None
    return f"{NO_SUCH_LESSON}; the course has: {', '.join(entry.id for entry in entries) or 'none'}"
