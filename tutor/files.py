"""The learner's files, written safely: whole or not at all, and an unreadable one kept, never overwritten.

`tutor.progress` (progress.json) and `tutor.settings` (settings.toml) both write through here.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
import time
from datetime import datetime
from pathlib import Path


def make_parent(path: Path) -> None:
    """Create the folder `path` goes in; a regular file in the way is ENOTDIR, as the OS says it."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR)) from None


def write_atomically(path: Path, text: str, temp_prefix: str) -> None:
    """Replace `path` with `text` (UTF-8): temp file in the same folder, fsync, `os.replace`.

    A reader sees the old file or the new one, never half of one. Raises OSError.
    """
    make_parent(path)
    tmp = None
    try:
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, prefix=temp_prefix,
                                         suffix=".tmp", delete=False) as f:
            tmp = f.name
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
        tmp = None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def remove_stale_temp_files(folder: Path, temp_prefix: str, older_than: float) -> None:
    """Temp files a crash or a power cut left behind (a live write's is never `older_than` seconds old)."""
    now = time.time()
    with contextlib.suppress(OSError):
        for leftover in folder.glob(f"{temp_prefix}*.tmp"):
            with contextlib.suppress(OSError):
                if now - leftover.stat().st_mtime > older_than:
                    leftover.unlink()


def move_aside(path: Path, now: datetime) -> Path:
    """Rename an unreadable `path` to `NAME.bak-YYYYMMDD-HHMMSS` (`-1`, `-2`… if taken); the new name.

    Raises OSError when it cannot be renamed.
    """
    base = path.with_name(f"{path.name}.bak-{now:%Y%m%d-%H%M%S}")
    backup, n = base, 0
    while backup.exists():
        n += 1
        backup = base.with_name(f"{base.name}-{n}")
    os.rename(path, backup)
    return backup
