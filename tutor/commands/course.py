"""`tutor list` and `tutor validate`."""

from __future__ import annotations

from pathlib import Path

from tutor.catalog import read_catalog

from . import print_json


def list_lessons(args) -> int:
    """The course from the catalog: no NumPy, no validation (that is `tutor validate`)."""
    entries = read_catalog()
    if args.json:
        print_json([
            {"id": e.id, "title": e.title, "summary": e.summary or e.title, "minutes": e.minutes, "file": str(e.path)}
            for e in entries if e.readable
        ])
        return 0
    width = max((len(e.id) for e in entries), default=0)
    for number, entry in enumerate(entries, start=1):
        if not entry.readable:
            print(f"{number:>2}. {entry.path.name}  !! not valid TOML: see `tutor validate {entry.path}`")
            continue
        minutes = f" ({entry.minutes} min)" if entry.minutes else ""
        print(f"{number:>2}. {entry.id:<{width}}  {entry.title}{minutes}")
        if entry.summary and entry.summary != entry.title:
            print(f"    {'':<{width}}  {entry.summary}")
    return 0


def validate(args) -> int:
    from tutor.lessons import Problem, load_course

    files: list[Path] = []
    for name in args.paths:
        path = Path(name)
        files.extend(sorted(path.glob("*.toml")) if path.is_dir() else [path])
    course = load_course(files=files) if args.paths else load_course()
    problems: list[Problem] = course.problems()
    for problem in dict.fromkeys(str(p) for p in problems):
        print(problem)
    if problems:
        return 1
    count = len(course.lessons)
    print(f"ok: {count} lesson{'s' if count != 1 else ''} valid")
    return 0
