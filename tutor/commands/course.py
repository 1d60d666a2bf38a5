"""`tutor list` and `tutor validate`."""

from __future__ import annotations

import sys
from pathlib import Path

from tutor.lessons import Problem, load_course

from .common import print_json


def list_lessons(args) -> int:
    course = load_course()
    if args.json:
        print_json([
            {"id": l.id, "title": l.title, "summary": l.summary, "minutes": l.minutes,
             "steps": len(l.asked_steps()), "file": str(l.path)}
            for l in course.lessons
        ])
        return 0
    width = max((len(l.id) for l in course.lessons), default=0)
    for number, lesson in enumerate(course.lessons, start=1):
        minutes = f" ({lesson.minutes} min)" if lesson.minutes else ""
        print(f"{number:>2}. {lesson.id:<{width}}  {lesson.title}{minutes}")
        if lesson.summary and lesson.summary != lesson.title:
            print(f"    {'':<{width}}  {lesson.summary}")
    for path, error in course.failures:
        print(f"\n!! {path.name} could not be loaded:", file=sys.stderr)
        for problem in error.problems:
            print(f"   {problem}", file=sys.stderr)
    return 0


def validate(args) -> int:
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
