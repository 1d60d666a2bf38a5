"""Tests for tutor.progress: the learner's saved state on disk."""

import json
import os
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tutor import progress as prog
from tutor.progress import (
    LessonProgress,
    Progress,
    ProgressStore,
    ReviewItem,
    StepRecord,
    progress_dir,
)


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("TUTOR_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture
def frozen_clock(monkeypatch):
    """A settable clock for `updated` stamps and backup names."""
    now = {"t": datetime(2026, 11, 27, 20, 40, 0, tzinfo=timezone.utc)}
    monkeypatch.setattr(prog, "_now", lambda: now["t"])
    return now


def sample() -> Progress:
    p = Progress()
    p.record_attempt("intro", "z1", False, "0.5", None)
    p.record_attempt("intro", "z1", True, "0.62", 0.62)
    p.record_hint("intro", "dW2[0,1]")
    p.record_reveal("intro", "dW2[0,1]", [[1.0, 2.5], [3, -4e-3]])
    p.set_current_step("intro", 3)
    p.record_attempt("chain", "a", True, "1", 1)
    p.mark_completed("chain")
    return p


def backups(directory: Path) -> list[Path]:
    return sorted(directory.glob("progress.json.bak-*"))


# ---- location ----

def test_tutor_home_is_respected(home):
    assert progress_dir() == home
    assert ProgressStore().path == home / "progress.json"


def test_empty_tutor_home_falls_back_to_platformdirs(monkeypatch):
    import platformdirs

    monkeypatch.setenv("TUTOR_HOME", "")
    assert progress_dir() == platformdirs.user_data_path("tutor")


def test_module_stays_light():
    code = ("import sys, tutor.progress; "
            "print(sorted(m for m in ('textual', 'rich', 'plotext', 'numpy') if m in sys.modules))")
    root = Path(__file__).resolve().parents[1]
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root)
    assert out.stdout.strip() == "[]"


# ---- round trip and format ----

def test_missing_file_gives_empty_progress_without_warning(home):
    result = ProgressStore().load()
    assert result.progress == Progress()
    assert result.warning is None


def test_round_trip(home):
    store = ProgressStore()
    original = sample()
    assert store.save(original) is None
    loaded = ProgressStore().load()
    assert loaded.warning is None
    assert loaded.progress == original
    assert loaded.progress.lesson("intro").steps["dW2[0,1]"].value == [[1.0, 2.5], [3, -4e-3]]


def test_saved_file_matches_documented_format(home, frozen_clock):
    store = ProgressStore()
    store.save(sample())
    data = json.loads((home / "progress.json").read_text(encoding="utf-8"))
    assert data["format_version"] == 1
    intro = data["lessons"]["intro"]
    assert intro["current_step"] == 3 and intro["completed"] is False
    assert intro["updated"] == "2026-11-27T20:40:00Z"
    assert intro["steps"]["z1"] == {"status": "correct", "attempts": 2, "hints": 0, "first_try": False,
                                    "value": 0.62, "answer": "0.62"}
    assert intro["steps"]["dW2[0,1]"]["status"] == "revealed"
    assert data["review"] == [{"lesson": "intro", "step": "z1"}, {"lesson": "intro", "step": "dW2[0,1]"}]


def test_unknown_keys_are_ignored_and_missing_keys_default(home):
    (home).mkdir()
    (home / "progress.json").write_text(json.dumps({
        "format_version": 1, "future_top": {"x": 1},
        "lessons": {"intro": {"current_step": 2, "mood": "happy",
                              "steps": {"z1": {"status": "correct", "attempts": 1, "confidence": 0.9}}}},
    }))
    result = ProgressStore().load()
    assert result.warning is None
    lesson = result.progress.lesson("intro")
    assert lesson.current_step == 2 and lesson.completed is False
    assert lesson.steps["z1"] == StepRecord(status="correct", attempts=1)
    assert backups(home) == []


def test_numpy_like_values_are_stored_as_plain_lists(home):
    class FakeArray:
        def tolist(self):
            return [[1, 2], [3.5, 4]]

    p = Progress()
    p.record_reveal("l", "W", FakeArray())
    assert p.lesson("l").steps["W"].value == [[1, 2], [3.5, 4]]
    with pytest.raises(TypeError):
        p.record_reveal("l", "W", "not a number")


# ---- atomic save ----

def test_save_leaves_no_temp_files(home):
    store = ProgressStore()
    assert store.save(sample()) is None
    assert store.save(sample()) is None
    assert sorted(p.name for p in home.iterdir()) == ["progress.json"]


def test_crash_during_replace_keeps_old_file(home, monkeypatch):
    store = ProgressStore()
    store.save(sample())
    before = (home / "progress.json").read_bytes()

    def boom(*args, **kwargs):
        raise RuntimeError("power cut")

    monkeypatch.setattr(os, "replace", boom)
    changed = sample()
    changed.mark_completed("intro")
    with pytest.raises(RuntimeError):
        store.save(changed)
    assert (home / "progress.json").read_bytes() == before
    assert sorted(p.name for p in home.iterdir()) == ["progress.json"]


def test_oserror_during_replace_is_reported_not_raised(home, monkeypatch):
    store = ProgressStore()
    store.save(sample())
    before = (home / "progress.json").read_bytes()

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    message = store.save(Progress())
    assert message == f"Progress will not be saved: cannot write to {home / 'progress.json'} (No space left on device)."
    assert (home / "progress.json").read_bytes() == before
    assert sorted(p.name for p in home.iterdir()) == ["progress.json"]


def test_save_creates_missing_directories(tmp_path):
    store = ProgressStore(tmp_path / "a" / "b" / "progress.json")
    assert store.save(sample()) is None
    assert ProgressStore(store.path).load().progress == sample()


# ---- unwritable location ----

def test_location_under_a_regular_file_gives_message(tmp_path):
    (tmp_path / "afile").write_text("I am a file")
    path = tmp_path / "afile" / "progress.json"
    store = ProgressStore(path)
    expected = f"Progress will not be saved: cannot write to {path} (Not a directory)."
    assert store.writable_problem() == expected
    assert store.load().warning is None  # nothing there yet: not an error
    assert store.save(sample()) == expected
    assert (tmp_path / "afile").read_text() == "I am a file"


def test_writable_problem_ok_and_does_not_touch_progress_file(home):
    store = ProgressStore()
    store.save(sample())
    before = (home / "progress.json").stat()
    assert store.writable_problem() is None
    after = (home / "progress.json").stat()
    assert (before.st_mtime_ns, before.st_ino) == (after.st_mtime_ns, after.st_ino)
    assert sorted(p.name for p in home.iterdir()) == ["progress.json"]


def test_writable_problem_creates_missing_dir_quietly(home):
    assert ProgressStore().writable_problem() is None
    assert list(home.iterdir()) == []


def test_progress_path_that_is_a_directory(home):
    (home / "progress.json").mkdir(parents=True)
    store = ProgressStore()
    result = store.load()
    assert result.progress == Progress()
    assert "could not be opened" in result.warning
    assert store.save(sample()) is not None
    assert store.writable_problem() is not None
    assert (home / "progress.json").is_dir()


# ---- unreadable files are moved aside, bytes intact ----

BAD_FILES = {
    "truncated": b'{"format_version": 1,\n "lessons": {"intro": {"current_step": 3,\n "completed"',
    "garbage": b"\x00\x01 this is not json at all",
    "empty": b"",
    "not utf-8": b'{"format_version": 1, "lessons": {"caf\xe9": {}}}',
    "top is a list": b"[1, 2, 3]",
    "no version": b'{"lessons": {}}',
    "version is text": b'{"format_version": "1", "lessons": {}}',
    "lessons is a list": b'{"format_version": 1, "lessons": []}',
    "step count is text": b'{"format_version": 1, "lessons": {"intro": {"steps": {"z1": {"attempts": "2"}}}}}',
    "bool as count": b'{"format_version": 1, "lessons": {"intro": {"current_step": true}}}',
    "bad status": b'{"format_version": 1, "lessons": {"intro": {"steps": {"z1": {"status": "great"}}}}}',
    "bad value": b'{"format_version": 1, "lessons": {"i": {"steps": {"z": {"value": {"a": 1}}}}}}',
    "ragged value": b'{"format_version": 1, "lessons": {"i": {"steps": {"z": {"value": [[1, 2], [3]]}}}}}',
    "value of three dimensions": b'{"format_version": 1, "lessons": {"i": {"steps": {"z": {"value": [[[1]]]}}}}}',
    "value is not finite": b'{"format_version": 1, "lessons": {"i": {"steps": {"z": {"value": [NaN, 1]}}}}}',
    "order is negative": b'{"format_version": 1, "lessons": {"i": {"order": -1}}}',
    "review item incomplete": b'{"format_version": 1, "review": [{"lesson": "intro"}]}',
    "deeply nested": b"[" * 100_000,
    "deeply nested value": (b'{"format_version": 1, "lessons": {"i": {"steps": {"z": {"value": '
                            + b"[" * 900 + b"1" + b"]" * 900 + b"}}}}}"),
    "version zero": b'{"format_version": 0}',
}


@pytest.mark.parametrize("content", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_unreadable_file_is_backed_up_with_original_bytes(home, frozen_clock, content):
    home.mkdir()
    (home / "progress.json").write_bytes(content)
    store = ProgressStore()
    result = store.load()
    backup = home / "progress.json.bak-20261127-204000"
    assert backups(home) == [backup]
    assert backup.read_bytes() == content
    assert result.progress == Progress()
    assert result.warning.startswith("Your progress file could not be read (")
    assert result.warning.endswith(f"; it was kept as {backup} and a fresh one started.")
    assert not (home / "progress.json").exists()
    assert store.save(sample()) is None  # a fresh file can be written
    assert backup.read_bytes() == content


def test_warning_names_json_error_line(home, frozen_clock):
    home.mkdir()
    (home / "progress.json").write_text('{"format_version": 1,\n "lessons": {}\n "review": []}')
    warning = ProgressStore().load().warning
    backup = home / "progress.json.bak-20261127-204000"
    assert warning == (f"Your progress file could not be read (line 3: Expecting ',' delimiter); "
                       f"it was kept as {backup} and a fresh one started.")


def test_warning_names_wrong_field(home):
    home.mkdir()
    (home / "progress.json").write_bytes(BAD_FILES["step count is text"])
    warning = ProgressStore().load().warning
    assert "lessons.intro.steps.z1.attempts should be a whole number" in warning


def test_non_utf8_warning(home):
    home.mkdir()
    (home / "progress.json").write_bytes(BAD_FILES["not utf-8"])
    assert "not UTF-8" in ProgressStore().load().warning


def test_newer_version_is_backed_up(home, frozen_clock):
    home.mkdir()
    content = b'{"format_version": 2, "lessons": {}, "shiny": true}'
    (home / "progress.json").write_bytes(content)
    result = ProgressStore().load()
    backup = home / "progress.json.bak-20261127-204000"
    assert backup.read_bytes() == content
    assert result.warning.startswith("Your progress file was written by a newer tutor (format version 2")
    assert str(backup) in result.warning


def test_backup_name_gets_counter_when_taken(home, frozen_clock):
    home.mkdir()
    for i, content in enumerate([b"first", b"second", b"third"]):
        (home / "progress.json").write_bytes(content)
        ProgressStore().load()
    names = [p.name for p in backups(home)]
    assert names == ["progress.json.bak-20261127-204000", "progress.json.bak-20261127-204000-1",
                     "progress.json.bak-20261127-204000-2"]
    assert [p.read_bytes() for p in backups(home)] == [b"first", b"second", b"third"]


def test_failed_move_blocks_saving(home, frozen_clock, monkeypatch):
    home.mkdir()
    (home / "progress.json").write_bytes(b"garbage")

    def no_rename(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "rename", no_rename)
    store = ProgressStore()
    result = store.load()
    assert "could not be moved aside (Permission denied)" in result.warning
    assert "will not be saved" in result.warning
    message = store.save(sample())
    assert message is not None and "left in place" in message
    assert store.writable_problem() == message
    assert (home / "progress.json").read_bytes() == b"garbage"
    assert backups(home) == []


# ---- recording and the review queue ----

def test_wrong_then_right_goes_to_review():
    p = Progress()
    p.record_attempt("l", "z1", False, "0.1", None)
    step = p.lesson("l").steps["z1"]
    assert (step.status, step.attempts, step.first_try, step.answer) == ("attempted", 1, False, None)
    assert p.review_items() == []  # only queued once the step is finished
    p.record_attempt("l", "z1", True, "0.62", 0.62)
    assert (step.status, step.attempts, step.value, step.answer) == ("correct", 2, 0.62, "0.62")
    assert p.review_items() == [ReviewItem("l", "z1")]


def test_right_first_time_is_not_queued():
    p = Progress()
    p.record_attempt("l", "z1", True, "1", 1.0)
    assert p.lesson("l").steps["z1"].first_try is True
    assert p.review_items() == []


def test_hint_then_right_goes_to_review():
    p = Progress()
    p.record_hint("l", "z1")
    p.record_hint("l", "z1")
    assert p.lesson("l").steps["z1"].hints == 2
    assert p.review_items() == []
    p.record_attempt("l", "z1", True, "1", 1.0)
    assert p.review_items() == [ReviewItem("l", "z1")]


def test_reveal_goes_to_review_and_stays_revealed():
    p = Progress()
    p.record_reveal("l", "z1", 0.5)
    assert p.review_items() == [ReviewItem("l", "z1")]
    p.record_attempt("l", "z1", True, "0.5", 0.5)
    step = p.lesson("l").steps["z1"]
    assert step.status == "revealed"
    assert step.answer == "0.5"
    assert p.review_items() == [ReviewItem("l", "z1")]  # no duplicate, not removed


def test_review_has_no_duplicates():
    p = Progress()
    for _ in range(3):
        p.record_attempt("l", "z1", False, "x", None)
        p.record_attempt("l", "z1", True, "1", 1)
        p.record_reveal("l", "z1", 1)
    assert p.review_items() == [ReviewItem("l", "z1")]


def test_unaided_answer_after_reset_clears_review_item():
    p = Progress()
    p.record_attempt("l", "z1", False, "x", None)
    p.record_attempt("l", "z1", True, "1", 1)
    p.record_attempt("l", "z2", True, "2", 2)
    assert p.review_items() == [ReviewItem("l", "z1")]
    p.reset("l")  # start the lesson again: the review queue is kept
    assert "l" not in p.lessons and p.review_items() == [ReviewItem("l", "z1")]
    p.record_hint("l", "z1")
    p.record_attempt("l", "z1", True, "1", 1)  # right, but with a hint: stays
    assert p.review_items() == [ReviewItem("l", "z1")]
    p.reset("l")
    p.record_attempt("l", "z1", True, "1", 1)  # right first time, no help: removed
    assert p.review_items() == []


def test_clear_review_and_review_items_copy():
    p = Progress()
    p.record_reveal("a", "x", 1)
    p.record_reveal("b", "y", 2)
    items = p.review_items()
    items.clear()
    assert len(p.review_items()) == 2
    p.clear_review("a", "x")
    p.clear_review("nope", "nothing")
    assert p.review_items() == [ReviewItem("b", "y")]


def test_reset_all():
    p = sample()
    p.reset()
    assert p == Progress()


def test_duplicate_review_entries_in_file_are_merged(home):
    home.mkdir()
    item = {"lesson": "l", "step": "z1", "added": "later"}
    (home / "progress.json").write_text(json.dumps({"format_version": 1, "review": [item, item]}))
    result = ProgressStore().load()
    assert result.warning is None
    assert result.progress.review_items() == [ReviewItem("l", "z1")]


# ---- summary ----

def test_summary_counts():
    p = Progress()
    assert p.lesson("l").summary(5).state == "not started"
    p.record_attempt("l", "a", True, "1", 1)            # right first time
    p.record_attempt("l", "b", False, "0", None)
    p.record_attempt("l", "b", True, "1", 1)            # done, not first time
    p.record_hint("l", "c")
    p.record_attempt("l", "c", True, "1", 1)            # done with a hint
    p.record_hint("l", "d")
    p.record_reveal("l", "d", 1)                        # revealed with a hint
    p.record_attempt("l", "e", False, "0", None)        # not done yet
    s = p.lesson("l").summary(6)
    assert s.state == "in progress"
    assert (s.done_count, s.total_steps, s.not_done) == (4, 6, 2)
    # each question is counted once: a, b, c and d, then e and one never tried
    assert (s.right_first_time, s.right_after_wrong, s.with_hints, s.revealed) == (1, 1, 1, 1)
    assert p.lesson("l").summary(6, keys={"a", "b"}).done_count == 2  # steps no longer in the lesson are not counted
    p.mark_completed("l")
    assert p.lesson("l").summary(6).state == "done"


@given(st.lists(st.tuples(st.sampled_from("abcdef"), st.sampled_from(["wrong", "right", "hint", "reveal"])), max_size=30))
def test_summary_counts_add_up(moves):
    """However a learner got there, right first time + after a wrong try + with hints + revealed +
    not done = the questions."""
    p = Progress()
    for key, move in moves:
        if move == "hint":
            p.record_hint("l", key)
        elif move == "reveal":
            p.record_reveal("l", key, 1)
        else:
            p.record_attempt("l", key, move == "right", "1", 1 if move == "right" else None)
    s = p.lesson("l").summary(6)
    assert s.right_first_time + s.right_after_wrong + s.with_hints + s.revealed + s.not_done == s.total_steps == 6
    assert s.not_done >= 0


def test_summary_in_progress_after_moving_on():
    lp = LessonProgress(current_step=1)
    assert lp.summary(3).state == "in progress"


# ---- last_lesson ----

def test_last_lesson_prefers_unfinished(frozen_clock):
    p = Progress()
    assert p.last_lesson() is None
    p.lesson("untouched")
    assert p.last_lesson() is None
    p.set_current_step("a", 1)
    frozen_clock["t"] = datetime(2026, 11, 27, 21, 0, 0, tzinfo=timezone.utc)
    p.set_current_step("b", 1)
    assert p.last_lesson() == "b"
    frozen_clock["t"] = datetime(2026, 11, 27, 22, 0, 0, tzinfo=timezone.utc)
    p.mark_completed("b")
    assert p.last_lesson() == "a"
    p.mark_completed("a")
    assert p.last_lesson() == "a"  # all done: the most recent one


def test_last_lesson_ties_go_to_latest_touched(frozen_clock):
    p = Progress()
    p.set_current_step("a", 1)
    p.set_current_step("b", 1)
    p.record_hint("a", "z1")
    assert p.last_lesson() == "a"
    p.record_hint("b", "z1")
    assert p.last_lesson() == "b"


def test_last_lesson_survives_round_trip(home, frozen_clock):
    p = Progress()
    p.set_current_step("a", 1)
    p.set_current_step("b", 1)
    p.set_current_step("a", 2)
    store = ProgressStore()
    store.save(p)
    assert store.load().progress.last_lesson() == "a"


def test_the_lesson_changed_last_wins_within_one_second(frozen_clock):
    """The clock is frozen: every change has the same timestamp, and the latest change still wins."""
    p = Progress()
    for lesson in ("a", "b", "a", "c", "b"):
        p.set_current_step(lesson, 1)
        assert p.last_lesson() == lesson


def test_a_file_without_order_falls_back_to_the_timestamps(home):
    home.mkdir()
    (home / "progress.json").write_text(json.dumps({"format_version": 1, "lessons": {
        "late": {"updated": "2026-11-27T20:41:00Z"}, "early": {"updated": "2026-11-27T20:40:00Z"}}}))
    assert ProgressStore().load().progress.last_lesson() == "late"


def test_stale_temp_files_are_removed_and_live_ones_kept(home):
    home.mkdir()
    stale, live = home / ".progress-abc.tmp", home / ".progress-def.tmp"
    stale.write_text("{")
    live.write_text("{")
    old = os.path.getmtime(stale) - 2 * prog.STALE_TEMP_SECONDS
    os.utime(stale, (old, old))
    ProgressStore().load()
    assert not stale.exists() and live.exists()


def test_a_ragged_value_never_reaches_the_lesson(home, frozen_clock):
    """A value a lesson could not shape (rows of different lengths) makes the file unreadable, not the app."""
    home.mkdir()
    (home / "progress.json").write_text(json.dumps({"format_version": 1, "lessons": {"chain-of-functions": {
        "steps": {"z1": {"status": "correct", "value": [[0.6], [0.2, 0.1]]}}}}}))
    result = ProgressStore().load()
    assert result.progress == Progress() and "lessons.chain-of-functions.steps.z1.value" in result.warning
    assert backups(home)


# ---- two tutors on one file (two terminals, two tabs of `tutor serve`) ----

def _two_tutors(home) -> tuple[ProgressStore, Progress, ProgressStore, Progress]:
    first, second = ProgressStore(), ProgressStore()
    return first, first.load().progress, second, second.load().progress


def test_a_save_keeps_the_lessons_another_tutor_saved(home):
    first, mine, second, theirs = _two_tutors(home)
    mine.record_attempt("chain-rule", "z1", True, "2", 2.0)
    theirs.record_attempt("xor", "z1", False, "1", None)
    theirs.record_attempt("xor", "z1", True, "0.5", 0.5)  # right after a wrong try: reviewed later
    assert first.save(mine) is None
    assert second.save(theirs) is None
    saved = ProgressStore().load().progress
    assert set(saved.lessons) == {"chain-rule", "xor"}
    assert saved.lessons["chain-rule"].steps["z1"].answer == "2"
    assert saved.review_items() == [ReviewItem("xor", "z1")]
    assert set(theirs.lessons) == {"chain-rule", "xor"}  # the second now knows the first's lesson too


def test_the_next_save_does_not_bring_back_what_the_other_tutor_changed_since(home):
    first, mine, second, theirs = _two_tutors(home)
    mine.record_attempt("chain-rule", "z1", False, "1", None)
    mine.record_attempt("chain-rule", "z1", True, "2", 2.0)
    first.save(mine)
    second.save(theirs)  # knows chain-rule now, changed nothing
    theirs.record_attempt("chain-rule", "a1", True, "0.5", 0.5)
    second.save(theirs)
    mine.record_attempt("xor", "z1", True, "1", 1.0)
    first.save(mine)  # must not write its older chain-rule back over the second's
    saved = ProgressStore().load().progress
    assert set(saved.lessons["chain-rule"].steps) == {"z1", "a1"}
    assert saved.review_items() == [ReviewItem("chain-rule", "z1")]


def test_a_reset_is_kept_against_the_other_tutors_lessons(home):
    first, mine, second, theirs = _two_tutors(home)
    mine.record_attempt("chain-rule", "z1", True, "2", 2.0)
    mine.record_attempt("xor", "z1", True, "1", 1.0)
    first.save(mine)
    second.load()
    theirs = second.load().progress
    theirs.reset("xor")
    second.save(theirs)
    assert set(ProgressStore().load().progress.lessons) == {"chain-rule"}
    theirs.reset()
    second.save(theirs)
    assert ProgressStore().load().progress.lessons == {}


def test_a_file_made_unreadable_meanwhile_is_kept_aside_not_overwritten(home, frozen_clock):
    store = ProgressStore()
    progress = store.load().progress
    progress.record_attempt("chain-rule", "z1", True, "2", 2.0)
    home.mkdir(parents=True)
    (home / "progress.json").write_text("{ not json")
    assert store.save(progress) is None
    assert [b.read_text() for b in backups(home)] == ["{ not json"]
    assert set(ProgressStore().load().progress.lessons) == {"chain-rule"}


_SAVER = """
import sys
from tutor.progress import ProgressStore
lesson, count = sys.argv[1], int(sys.argv[2])
store = ProgressStore()
progress = store.load().progress
for i in range(count):
    progress.record_attempt(lesson, f"step{i}", True, str(i), float(i))
    problem = store.save(progress)
    assert problem is None, problem
"""


def test_two_processes_saving_at_once_lose_nothing(home):
    """Each save reads, merges and writes under the folder's lock, so neither process's answers are lost."""
    env = {**os.environ, "TUTOR_HOME": str(home)}
    savers = [subprocess.Popen([sys.executable, "-c", _SAVER, lesson, "40"], env=env)
              for lesson in ("first-lesson", "second-lesson")]
    assert [saver.wait(timeout=120) for saver in savers] == [0, 0]
    saved = ProgressStore().load().progress
    assert {lid: len(lp.steps) for lid, lp in saved.lessons.items()} == {"first-lesson": 40, "second-lesson": 40}


def test_a_review_item_cleared_here_stays_cleared(home):
    first, mine, second, theirs = _two_tutors(home)
    mine.record_attempt("chain-rule", "z1", False, "1", None)
    mine.record_attempt("chain-rule", "z1", True, "2", 2.0)
    mine.record_attempt("xor", "z1", False, "1", None)
    mine.record_attempt("xor", "z1", True, "1", 1.0)
    first.save(mine)
    reviewer = ProgressStore()
    progress = reviewer.load().progress
    progress.clear_review("chain-rule", "z1")  # reviewed right first time
    reviewer.save(progress)
    assert ProgressStore().load().progress.review_items() == [ReviewItem("xor", "z1")]
