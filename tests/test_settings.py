"""The settings file (tutor.settings): where it is, what it keeps, and that a bad one is kept aside, not lost."""

from __future__ import annotations

import os

import platformdirs
import pytest

from tutor.settings import Settings, SettingsStore, settings_path


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("TUTOR_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def backups(home):
    return sorted(p.name for p in home.glob("settings.toml.bak-*"))


def test_it_lives_beside_progress_under_tutor_home(home):
    assert settings_path() == home / "settings.toml"


def test_without_tutor_home_it_is_in_the_config_directory(monkeypatch):
    monkeypatch.setenv("TUTOR_HOME", "")
    assert settings_path() == platformdirs.user_config_path("tutor") / "settings.toml"


def test_no_file_means_the_defaults_and_no_message(home):
    loaded = SettingsStore().load()
    assert loaded.settings == Settings() and loaded.warning is None
    assert not home.exists()  # reading creates nothing


def test_a_saved_theme_is_read_back(home):
    assert SettingsStore().save(Settings(theme="nord")) is None
    text = (home / "settings.toml").read_text(encoding="utf-8")
    assert text.startswith("# tutor's settings") and 'theme = "nord"' in text
    assert SettingsStore().load().settings.theme == "nord"
    assert [p.name for p in home.iterdir()] == ["settings.toml"]  # no temp file left behind


def test_a_name_with_quotes_survives_the_round_trip(home):
    SettingsStore().save(Settings(theme='a "quoted" \\ name'))
    assert SettingsStore().load().settings.theme == 'a "quoted" \\ name'


@pytest.mark.parametrize("text, problem", [
    ("theme = nord\n", "is not valid TOML"),
    ("theme = 3\n", "has theme = 3, which should be a name in quotes"),
    (b"theme = \"\xff\"\n", "is not UTF-8 text"),
])
def test_an_unreadable_file_is_kept_aside_and_the_defaults_used(home, text, problem):
    home.mkdir()
    raw = text if isinstance(text, bytes) else text.encode()
    (home / "settings.toml").write_bytes(raw)
    store = SettingsStore()
    loaded = store.load()
    assert loaded.settings == Settings()
    assert problem in loaded.warning
    (backup,) = backups(home)
    assert backup in loaded.warning and (home / backup).read_bytes() == raw  # nothing of it lost
    assert not (home / "settings.toml").exists()
    assert store.save(Settings(theme="dracula")) is None  # and a new one can be written
    assert SettingsStore().load().settings.theme == "dracula"


def test_unknown_keys_are_told_and_ignored_not_backed_up(home):
    home.mkdir()
    (home / "settings.toml").write_text('theme = "nord"\nthem = "gruvbox"\n', encoding="utf-8")
    loaded = SettingsStore().load()
    assert loaded.settings.theme == "nord"
    assert "them" in loaded.warning and "ignored" in loaded.warning
    assert backups(home) == []


def test_a_file_that_cannot_be_moved_aside_is_left_alone_and_not_overwritten(home, monkeypatch):
    home.mkdir()
    (home / "settings.toml").write_text("not toml at all", encoding="utf-8")

    def no_rename(*_):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "rename", no_rename)
    store = SettingsStore()
    loaded = store.load()
    assert loaded.settings == Settings() and "could not be moved aside" in loaded.warning
    assert "will not be saved" in store.save(Settings(theme="nord"))
    assert (home / "settings.toml").read_text(encoding="utf-8") == "not toml at all"


def test_a_write_that_fails_is_told_not_raised(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way", encoding="utf-8")
    monkeypatch.setenv("TUTOR_HOME", str(blocker / "home"))
    problem = SettingsStore().save(Settings(theme="nord"))
    assert problem.startswith("Settings will not be saved: cannot write to ")


def test_a_temp_file_a_crash_left_is_removed_on_load_but_not_a_live_one(home):
    home.mkdir()
    stale, live = home / ".settings-abc.tmp", home / ".settings-def.tmp"
    stale.write_text("half", encoding="utf-8")
    live.write_text("being written", encoding="utf-8")
    os.utime(stale, (0, 0))
    SettingsStore().load()
    assert not stale.exists() and live.exists()
