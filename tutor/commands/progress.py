"""`tutor progress`: what the learner has done, and `--reset` to start over."""

from __future__ import annotations

import sys

from tutor.catalog import read_catalog
from tutor.progress import ProgressStore

from . import UsageError
from .common import print_json


def _confirm(question: str) -> bool:
    if not sys.stdin or not sys.stdin.isatty():
        return False
    try:
        return input(f"{question} [y/N] ").strip().lower() in ("y", "yes")
    except EOFError:
        return False


def _total_steps() -> dict[str, int]:
    """How many steps each lesson asks (NumPy is loaded only here, to count them)."""
    from tutor.lessons import load_course

    return {lesson.id: len(lesson.asked_steps()) for lesson in load_course().lessons}


def progress(args) -> int:
    store = ProgressStore()
    loaded = store.load()
    if loaded.warning:
        print(loaded.warning, file=sys.stderr)
    state = loaded.progress
    if args.reset is not None:
        return _reset(args, store, state)
    totals = _total_steps()
    titles = {entry.id: entry.title for entry in read_catalog()}
    rows = []
    for lesson_id in list(titles) + [i for i in state.lessons if i not in titles]:
        summary = state.lesson(lesson_id).summary(totals.get(lesson_id, 0)) if lesson_id in state.lessons else None
        rows.append((lesson_id, titles.get(lesson_id, "(not in the course)"), summary))
    if args.json:
        print_json({
            "file": str(store.path),
            "lessons": [
                {"id": lid, "title": title, "state": s.state if s else "not started",
                 "done": s.done_count if s else 0, "steps": totals.get(lid, 0),
                 "with_hints": s.with_hints if s else 0, "revealed": s.revealed if s else 0,
                 "right_first_time": s.right_first_time if s else 0,
                 "right_after_wrong": s.right_after_wrong if s else 0}
                for lid, title, s in rows
            ],
            "review": [{"lesson": item.lesson, "step": item.step} for item in state.review_items()],
        })
        return 0
    print(f"Progress ({store.path})")
    width = max((len(lid) for lid, _, _ in rows), default=0)
    for lid, title, s in rows:
        if s is None or s.state == "not started":
            status = "not started"
        else:
            status = f"{s.state}, {s.done_count} of {s.total_steps}" if s.state != "done" else "done"
            extras = [f"{s.with_hints} with hints" if s.with_hints else "", f"{s.revealed} revealed" if s.revealed else ""]
            extras = [e for e in extras if e]
            status += f" ({', '.join(extras)})" if extras else ""
        print(f"  {lid:<{width}}  {status}")
    review = state.review_items()
    if review:
        print(f"\nTo review ({len(review)}): " + ", ".join(f"{item.lesson} {item.step}" for item in review))
    return 0


def _reset(args, store: ProgressStore, state) -> int:
    target = args.reset or None
    if target is not None and target not in state.lessons and target not in {e.id for e in read_catalog()}:
        raise UsageError(f"no lesson {target!r} in the course or in your progress")
    what = f"your progress in {target}" if target else "ALL your progress"
    if not args.yes and not _confirm(f"Reset {what}?"):
        print("Nothing was reset." + ("" if sys.stdin and sys.stdin.isatty() else " (use --yes to reset without asking)"))
        return 1
    state.reset(target)
    problem = store.save(state)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    print(f"Reset {what}.")
    return 0
