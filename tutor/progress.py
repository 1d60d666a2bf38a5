"""The learner's saved state: which lessons and steps were done, and how.

Location: ``$TUTOR_HOME/progress.json`` when TUTOR_HOME is set and non-empty,
else ``platformdirs.user_data_path("tutor") / "progress.json"``.

Format (UTF-8 JSON, written by ``ProgressStore.save`` below)::

    {"format_version": 1,
     "lessons": {"<lesson-id>": {
         "current_step": 3,                    # index of the step the learner is on
         "completed": false,                   # set by mark_completed()
         "updated": "2026-11-27T20:40:00Z",    # UTC, last change to this lesson
         "order": 17,                          # when it was last changed, counted in changes: the
                                               # latest lesson has the largest (timestamps tie)
         "steps": {"<step-key>": {             # caller's key, e.g. "z1", "dW2[0,1]"
             "status": "attempted",            # "attempted" | "correct" | "revealed"
             "attempts": 2,                    # answers submitted
             "hints": 1,                       # hints shown
             "first_try": true,                # false once a wrong answer was given
             "value": 0.62,                    # a finite number, a list of them, a list of equal-length
                                               # lists of them (a matrix), or null
             "answer": "0.62"}}}},             # the learner's correct answer text, or null
     "review": [{"lesson": "<lesson-id>", "step": "<step-key>"}]}

Known keys are checked strictly (a wrong type makes the file unreadable);
missing keys take their defaults; unknown keys are ignored (and dropped on the
next save), so a later minor addition does not destroy progress.  An unreadable
file, or one with a newer ``format_version``, is never overwritten: it is
renamed to ``progress.json.bak-YYYYMMDD-HHMMSS`` (UTC; ``-1``, ``-2``... if
taken) and a fresh state is started.  Saves are atomic: temp file in the same
directory, fsync, ``os.replace``; a temp file a crash left behind (``.progress-*.tmp``,
older than a minute, so never one another tutor is still writing) is removed on load.

Two tutors may share one file (two terminals, two tabs of ``tutor serve``): a save takes a lock on
the folder, reads the file again and keeps what the other wrote, replacing only the lessons this
tutor changed since its last save (and their review items); it then knows the other's lessons too.
"""

from __future__ import annotations

import contextlib
import errno
import json
import math
import os
import tempfile
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Collection, Iterator

import platformdirs

try:
    import fcntl  # POSIX: a lock while two tutors save one file
except ImportError:  # pragma: no cover - Windows: saves still atomic, not merged under a lock
    fcntl = None

from tutor.files import make_parent, move_aside, remove_stale_temp_files, write_atomically

FORMAT_VERSION = 1
FILE_NAME = "progress.json"
STATUSES = ("attempted", "correct", "revealed")
STALE_TEMP_SECONDS = 60
TEMP_PREFIX = ".progress-"


def progress_dir() -> Path:
    home = os.environ.get("TUTOR_HOME")
    return Path(home) if home else platformdirs.user_data_path("tutor")


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _plain(value):
    """None, a number or nested lists of numbers as plain JSON-able Python (numpy via .tolist())."""
    value = value.tolist() if hasattr(value, "tolist") else value
    value = [_plain(v) for v in value] if isinstance(value, (list, tuple)) else value
    if not _is_value(value):
        raise TypeError(f"progress value must be a number, nested lists of numbers, or None: {value!r}")
    return value


@dataclass
class StepRecord:
    status: str = "attempted"
    attempts: int = 0
    hints: int = 0
    first_try: bool = True
    value: object = None
    answer: str | None = None

    def needs_review(self) -> bool:
        """Answered wrongly, hinted or revealed: worth another look later."""
        return not self.first_try or self.hints > 0 or self.status == "revealed"


@dataclass
class LessonSummary:
    """How a lesson went. Each finished step is counted once, so that

        right_first_time + right_after_wrong + with_hints + revealed = done_count ≤ total_steps

    and the questions not done yet are total_steps − done_count.
    """

    state: str  # "not started" | "in progress" | "done"
    done_count: int  # answered right or revealed
    total_steps: int
    with_hints: int  # answered right after one hint or more
    revealed: int  # the solution was shown (hinted or not)
    right_first_time: int  # answered right with no hint and no wrong try before
    right_after_wrong: int = 0  # answered right, without a hint, after a wrong try

    @property
    def not_done(self) -> int:
        return self.total_steps - self.done_count


@dataclass
class LessonProgress:
    current_step: int = 0
    completed: bool = False
    updated: str = ""
    order: int = 0
    steps: dict[str, StepRecord] = field(default_factory=dict)

    def summary(self, total_steps: int, keys: Collection[str] | None = None) -> LessonSummary:
        """Counts over the recorded steps (only those in `keys`, the lesson's step keys, when given:
        a step since removed from the lesson is not counted); "done" means mark_completed() was called."""
        steps = [s for k, s in self.steps.items() if keys is None or k in keys]
        right = [s for s in steps if s.status == "correct"]
        started = self.steps or self.current_step
        return LessonSummary(
            state="done" if self.completed else "in progress" if started else "not started",
            done_count=len(right) + sum(s.status == "revealed" for s in steps),
            total_steps=total_steps,
            with_hints=sum(s.hints > 0 for s in right),
            revealed=sum(s.status == "revealed" for s in steps),
            right_first_time=sum(s.first_try and not s.hints for s in right),
            right_after_wrong=sum(not s.first_try and not s.hints for s in right),
        )


@dataclass(frozen=True)
class ReviewItem:
    lesson: str
    step: str


@dataclass
class Progress:
    lessons: dict[str, LessonProgress] = field(default_factory=dict)
    review: list[ReviewItem] = field(default_factory=list)
    # What this tutor changed since it last saved: a save keeps every other lesson as the file has it.
    changed: set[str] = field(default_factory=set, compare=False, repr=False)
    cleared: bool = field(default=False, compare=False, repr=False)  # reset() of everything

    def lesson(self, lesson_id: str) -> LessonProgress:
        return self.lessons.setdefault(lesson_id, LessonProgress())

    def reset(self, lesson_id: str | None = None) -> None:
        """Forget one lesson (its review items stay, so redoing it right clears them) or everything."""
        if lesson_id is None:
            self.lessons.clear()
            self.review.clear()
            self.cleared = True
        else:
            self.lessons.pop(lesson_id, None)
            self.changed.add(lesson_id)

    def merge_saved(self, saved: "Progress") -> None:
        """Take in what another tutor saved: every lesson this one did not change since its last save.

        The review queue keeps the saved items of those lessons, in their order, then this tutor's
        items of the lessons it changed.
        """
        if self.cleared:
            return
        mine = self.lessons
        self.lessons = {lid: lp for lid, lp in saved.lessons.items() if lid not in self.changed}
        self.lessons.update({lid: lp for lid, lp in mine.items() if lid in self.changed})
        review = [r for r in saved.review if r.lesson not in self.changed]
        review += [r for r in self.review if r.lesson in self.changed and r not in review]
        self.review = review

    def last_lesson(self) -> str | None:
        """The unfinished lesson changed last, else the lesson changed last.

        Ordered by `order`, a count of changes that never ties; files from before it existed
        fall back to the timestamp and then to the order of the file.
        """
        touched = [(lp.order, lp.updated, i, lid, lp.completed)
                   for i, (lid, lp) in enumerate(self.lessons.items()) if lp.updated or lp.order]
        pool = [t for t in touched if not t[4]] or touched
        return max(pool)[3] if pool else None

    def _touch(self, lesson_id: str) -> LessonProgress:
        self.changed.add(lesson_id)
        lp = self.lesson(lesson_id)
        lp.order = max((other.order for other in self.lessons.values()), default=0) + 1
        lp.updated = _now().strftime("%Y-%m-%dT%H:%M:%SZ")
        return lp

    def _step(self, lesson_id: str, step_key: str) -> StepRecord:
        return self._touch(lesson_id).steps.setdefault(step_key, StepRecord())

    def record_attempt(self, lesson_id: str, step_key: str, correct: bool, answer: str, value,
                       review: bool = True) -> None:
        """An answer that counts; a step answered with help joins the review queue (unless not `review`)."""
        step = self._step(lesson_id, step_key)
        step.attempts += 1
        if not correct:
            step.first_try = False
            return
        unaided = not step.needs_review()
        if step.status != "revealed":
            step.status = "correct"
        step.value = _plain(value)
        step.answer = None if answer is None else str(answer)
        if unaided:
            self.clear_review(lesson_id, step_key)
        elif review:
            self._add_review(lesson_id, step_key)

    def record_hint(self, lesson_id: str, step_key: str) -> None:
        self._step(lesson_id, step_key).hints += 1

    def record_reveal(self, lesson_id: str, step_key: str, value, review: bool = True) -> None:
        step = self._step(lesson_id, step_key)
        step.status = "revealed"
        step.value = _plain(value)
        if review:
            self._add_review(lesson_id, step_key)

    def set_current_step(self, lesson_id: str, index: int) -> None:
        self._touch(lesson_id).current_step = index

    def mark_completed(self, lesson_id: str) -> None:
        self._touch(lesson_id).completed = True

    def review_items(self) -> list[ReviewItem]:
        return list(self.review)

    def _add_review(self, lesson_id: str, step_key: str) -> None:
        self.changed.add(lesson_id)
        if ReviewItem(lesson_id, step_key) not in self.review:
            self.review.append(ReviewItem(lesson_id, step_key))

    def clear_review(self, lesson_id: str, step_key: str) -> None:
        self.changed.add(lesson_id)
        self.review = [r for r in self.review if r != ReviewItem(lesson_id, step_key)]

    def to_dict(self) -> dict:
        lessons = {lid: {"current_step": lp.current_step, "completed": lp.completed, "updated": lp.updated,
                         "order": lp.order, "steps": {k: asdict(s) for k, s in lp.steps.items()}}
                   for lid, lp in self.lessons.items()}
        return {"format_version": FORMAT_VERSION, "lessons": lessons,
                "review": [{"lesson": r.lesson, "step": r.step} for r in self.review]}


# ---- reading: known keys are type-checked, unknown keys ignored, missing keys default ----

class _Unreadable(Exception):
    """Carries the phrase that follows "Your progress file ..." in the warning."""


def _is_count(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and v >= 0


def _is_number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def _is_value(v) -> bool:
    """None, a finite number, a list of them, or a list of equal-length lists of them (a matrix)."""
    if v is None or _is_number(v):
        return True
    if not isinstance(v, list):
        return False
    if all(_is_number(x) for x in v):
        return True
    rows = [len(row) if isinstance(row, list) and all(_is_number(x) for x in row) else None for row in v]
    return None not in rows and len(set(rows)) == 1


_COUNT = (_is_count, "a whole number")
_BOOL = (lambda v: isinstance(v, bool), "true or false")
_TEXT = (lambda v: isinstance(v, str), "text")
_TOP = {"format_version": _COUNT, "lessons": (lambda v: isinstance(v, dict), "an object"),
        "review": (lambda v: isinstance(v, list), "a list")}
_LESSON = {"current_step": _COUNT, "completed": _BOOL, "updated": _TEXT, "order": _COUNT,
           "steps": (lambda v: isinstance(v, dict), "an object")}
_STEP = {"status": (lambda v: v in STATUSES, "attempted, correct or revealed"), "attempts": _COUNT,
         "hints": _COUNT, "first_try": _BOOL, "value": (_is_value, "a number, a list of numbers, rows of equal length, or null"),
         "answer": (lambda v: v is None or isinstance(v, str), "text or null")}
_REVIEW = {"lesson": _TEXT, "step": _TEXT}


def _known(d, spec: dict, where: str, required: tuple = ()) -> dict:
    """The keys of JSON object `d` that `spec` knows, each checked against its type."""
    if not isinstance(d, dict):
        raise _Unreadable(f"could not be read ({where or 'the top level'} should be an object)")
    for key, (ok, what) in spec.items():
        name = f"{where}.{key}" if where else key
        if key not in d and key in required:
            raise _Unreadable(f"could not be read ({name} is missing)")
        if key in d and not ok(d[key]):
            raise _Unreadable(f"could not be read ({name} should be {what})")
    return {k: d[k] for k in spec if k in d}


def _parse_lesson(d, where: str) -> LessonProgress:
    fields = _known(d, _LESSON, where)
    fields["steps"] = {k: StepRecord(**_known(s, _STEP, f"{where}.steps.{k}"))
                       for k, s in fields.get("steps", {}).items()}
    return LessonProgress(**fields)


def _parse(raw: bytes) -> Progress:
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise _Unreadable("could not be read (it is not UTF-8 text)") from None
    except json.JSONDecodeError as e:
        raise _Unreadable(f"could not be read (line {e.lineno}: {e.msg})") from None
    top = _known(data, _TOP, "", required=("format_version",))
    if top["format_version"] < 1:
        raise _Unreadable(f"could not be read (unknown format version {top['format_version']})")
    if top["format_version"] > FORMAT_VERSION:
        raise _Unreadable(f"was written by a newer tutor (format version {top['format_version']}, "
                          f"this one reads {FORMAT_VERSION})")
    progress = Progress({lid: _parse_lesson(lp, f"lessons.{lid}") for lid, lp in top.get("lessons", {}).items()})
    for i, item in enumerate(top.get("review", [])):
        item = _known(item, _REVIEW, f"review[{i}]", required=("lesson", "step"))
        progress._add_review(item["lesson"], item["step"])
    progress.changed.clear()  # as read: nothing changed yet
    return progress


@dataclass
class LoadResult:
    progress: Progress
    warning: str | None = None


class ProgressStore:
    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path is not None else progress_dir() / FILE_NAME
        self._blocked: str | None = None  # set when an unreadable file could not be moved aside

    def load(self) -> LoadResult:
        self._blocked = None
        remove_stale_temp_files(self.path.parent, TEMP_PREFIX, STALE_TEMP_SECONDS)
        try:
            raw = self.path.read_bytes()
        except (FileNotFoundError, NotADirectoryError):  # no file there (yet)
            return LoadResult(Progress())
        except OSError as e:
            self._blocked = f"Progress will not be saved: {self.path} could not be opened ({e.strerror or e})."
            return LoadResult(Progress(), f"Your progress file {self.path} could not be opened ({e.strerror or e}). "
                                          "It was left untouched; this session starts fresh and will not be saved.")
        try:
            return LoadResult(_parse(raw))
        except _Unreadable as e:
            return LoadResult(Progress(), self._move_aside(str(e)))
        except RecursionError:
            return LoadResult(Progress(), self._move_aside("could not be read (it is nested too deeply)"))

    def _move_aside(self, problem: str) -> str:
        try:
            backup = move_aside(self.path, _now())
        except OSError as e:
            self._blocked = (f"Progress will not be saved: {self.path} could not be read and could not be moved "
                             "aside, so it was left in place. Move it away to save progress again.")
            return (f"Your progress file {problem}, and it could not be moved aside ({e.strerror or e}). "
                    f"It was left untouched at {self.path}; progress from this session will not be saved.")
        return f"Your progress file {problem}; it was kept as {backup} and a fresh one started."

    def save(self, progress: Progress) -> str | None:
        """Write atomically, keeping what another tutor saved meanwhile (see the module's docstring).

        Returns None on success, else a message for the learner. `progress` then holds the merged state.
        """
        if self._blocked:
            return self._blocked
        try:
            with self._locked():
                progress.merge_saved(self._saved())
                text = json.dumps(progress.to_dict(), indent=2, ensure_ascii=False) + "\n"
                write_atomically(self.path, text, TEMP_PREFIX)
        except OSError as e:
            return self._cannot_write(e)
        progress.changed.clear()
        progress.cleared = False
        return None

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold a lock on the file's folder while it is read and written again (POSIX)."""
        make_parent(self.path)
        if fcntl is None:
            yield
            return
        folder = os.open(self.path.parent, os.O_RDONLY)
        try:
            fcntl.flock(folder, fcntl.LOCK_EX)
            yield
        finally:
            os.close(folder)  # closing releases the lock

    def _saved(self) -> Progress:
        """What the file holds now; nothing when it is missing, and an unreadable one is moved aside."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return Progress()
        try:
            return _parse(raw)
        except (_Unreadable, RecursionError):
            move_aside(self.path, _now())  # never overwritten: kept beside, as on load
            return Progress()

    def writable_problem(self) -> str | None:
        """Can progress be saved here? Checks with a scratch file; progress.json is not touched."""
        if self._blocked:
            return self._blocked
        try:
            if self.path.is_dir():
                raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
            make_parent(self.path)
            with tempfile.NamedTemporaryFile(dir=self.path.parent, prefix=".progress-check-"):
                pass
        except OSError as e:
            return self._cannot_write(e)
        return None

    def _cannot_write(self, e: OSError) -> str:
        return f"Progress will not be saved: cannot write to {self.path} ({e.strerror or e})."
