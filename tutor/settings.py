"""The learner's settings: for now the colour theme chosen in the app, kept from one run to the next.

Location: ``$TUTOR_HOME/settings.toml`` when TUTOR_HOME is set and non-empty (beside progress.json),
else ``platformdirs.user_config_path("tutor") / "settings.toml"``.

Format (UTF-8 TOML, written whole by ``SettingsStore.save`` when a theme is chosen)::

    theme = "nord"    # a Textual theme's name, as the palette's "Theme" command lists them

A missing file or key means the default. An unknown key is reported and ignored (and dropped on the
next save). A file that is not TOML, or whose ``theme`` is not text, is never overwritten: it is
renamed to ``settings.toml.bak-YYYYMMDD-HHMMSS`` as an unreadable progress file is (`tutor.files`),
the defaults are used and the learner is told. Saves are atomic (temp file, fsync, ``os.replace``);
a ``.settings-*.tmp`` a crash left behind is removed on load once it is a minute old.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from tutor.files import move_aside, remove_stale_temp_files, write_atomically

FILE_NAME = "settings.toml"
TEMP_PREFIX = ".settings-"
STALE_TEMP_SECONDS = 60  # a live save's temp file is never this old
HEADER = "# tutor's settings: rewritten when you choose a theme in the app (ctrl+p, then \"Theme\").\n"


def settings_path() -> Path:
    home = os.environ.get("TUTOR_HOME")
    if home:
        return Path(home) / FILE_NAME
    import platformdirs  # only when the file is in its usual place

    return platformdirs.user_config_path("tutor") / FILE_NAME


@dataclass
class Settings:
    theme: str | None = None  # None: the app's default


@dataclass
class LoadedSettings:
    settings: Settings
    warning: str | None = None


class SettingsStore:
    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path is not None else settings_path()
        self._blocked: str | None = None  # set when an unreadable file could not be moved aside

    def load(self) -> LoadedSettings:
        self._blocked = None
        remove_stale_temp_files(self.path.parent, TEMP_PREFIX, STALE_TEMP_SECONDS)
        try:
            text = self.path.read_bytes().decode("utf-8")
            data = tomllib.loads(text)
        except (FileNotFoundError, NotADirectoryError):
            return LoadedSettings(Settings())
        except OSError as e:
            self._blocked = f"Settings will not be saved: {self.path} could not be opened ({e.strerror or e})."
            return LoadedSettings(Settings(), f"Your settings file {self.path} could not be opened "
                                              f"({e.strerror or e}); the defaults are used.")
        except UnicodeDecodeError:
            return LoadedSettings(Settings(), self._move_aside("is not UTF-8 text"))
        except tomllib.TOMLDecodeError as e:
            return LoadedSettings(Settings(), self._move_aside(f"is not valid TOML ({e})"))
        theme = data.get("theme")
        if theme is not None and not isinstance(theme, str):
            return LoadedSettings(Settings(), self._move_aside(f"has theme = {theme!r}, which should be a name in quotes"))
        unknown = sorted(set(data) - {"theme"})
        warning = (f"Your settings file {self.path} has keys tutor does not know: {', '.join(unknown)}. "
                   "They are ignored.") if unknown else None
        return LoadedSettings(Settings(theme), warning)

    def _move_aside(self, problem: str) -> str:
        try:
            backup = move_aside(self.path, datetime.now(timezone.utc))
        except OSError as e:
            self._blocked = f"Settings will not be saved: {self.path} could not be read or moved aside."
            return (f"Your settings file {self.path} {problem}, and it could not be moved aside "
                    f"({e.strerror or e}); the defaults are used and it was left untouched.")
        return f"Your settings file {problem}; it was kept as {backup} and the defaults are used."

    def save(self, settings: Settings) -> str | None:
        """Write atomically. Returns None on success, else a message for the learner."""
        if self._blocked:
            return self._blocked
        import tomli_w  # only when a setting changes

        values = {"theme": settings.theme} if settings.theme is not None else {}
        try:
            write_atomically(self.path, HEADER + tomli_w.dumps(values), TEMP_PREFIX)
        except OSError as e:
            return f"Settings will not be saved: cannot write to {self.path} ({e.strerror or e})."
        return None
