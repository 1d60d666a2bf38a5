"""The theme chosen in the palette (ctrl+p, "Theme") is kept for the next run (tutor.settings), and a bad settings file
is kept aside and told, the app starting in its default theme."""

from __future__ import annotations

from textual.command import CommandList, CommandPalette
from textual.widgets import Input

from tutor.lessons import find_lesson
from tutor.settings import Settings, SettingsStore
from tutor.ui.app import create_app
from tutor.ui.experiment_app import ExperimentApp

from .conftest import ready, until

SIZE = (100, 30)
DEFAULT = "textual-dark"


def notifications(app) -> list[str]:
    return [n.message for n in app._notifications]


def palette_options(app) -> list[str]:
    """The first line (the name, not the help) of each option the palette shows."""
    if not isinstance(app.screen, CommandPalette):
        return []
    options = app.screen.query_one(CommandList)
    return [str(options.get_option_at_index(i).prompt).split("\n")[0] for i in range(options.option_count)]


async def choose_theme_in_the_palette(pilot, name: str) -> None:
    """As a learner does: ctrl+p, the palette's theme command, then the theme's name."""
    app = pilot.app
    await pilot.press("ctrl+p")
    await until(pilot, lambda: isinstance(app.screen, CommandPalette))
    await pilot.press(*"theme")
    # "Theme" since textual 7 (the snapshots' 8.2.8); "Change theme" before, down to the floor, 6.0.
    await until(pilot, lambda: palette_options(app)[:1] in (["Theme"], ["Change theme"]))
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, CommandPalette)
                and app.screen.query_one(Input).placeholder == "Search for themes…")
    await pilot.press(*name)
    await until(pilot, lambda: palette_options(app)[:1] == [name])
    await pilot.press("enter")
    await until(pilot, lambda: not isinstance(app.screen, CommandPalette))


async def test_a_theme_chosen_in_the_palette_is_the_next_runs(tutor_home):
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app.theme == DEFAULT
        await choose_theme_in_the_palette(pilot, "nord")
        assert app.theme == "nord"
    assert 'theme = "nord"' in (tutor_home / "settings.toml").read_text(encoding="utf-8")

    again = create_app()
    async with again.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert again.theme == "nord"
        assert not notifications(again)


async def test_the_experiment_app_keeps_the_theme_too(tutor_home):
    SettingsStore().save(Settings(theme="gruvbox"))
    app = ExperimentApp(find_lesson("chain-rule"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "gruvbox"
        app.theme = "dracula"
        await pilot.pause()
    assert SettingsStore().load().settings.theme == "dracula"


async def test_theme_for_this_run_is_not_kept(tutor_home):
    """`tutor --theme NAME`: this run only; the kept choice stays until another is made in the app."""
    app = create_app(theme="dracula")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app.theme == "dracula"
    assert not (tutor_home / "settings.toml").exists()


def settings_file(tutor_home, text: str) -> None:
    tutor_home.mkdir()
    (tutor_home / "settings.toml").write_text(text, encoding="utf-8")


async def test_a_corrupt_settings_file_is_kept_aside_and_told(tutor_home):
    settings_file(tutor_home, "theme = nord  # quotes forgotten\n")
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app.theme == DEFAULT
        (told,) = [m for m in notifications(app) if "settings file" in m]
        assert "is not valid TOML" in told and "defaults are used" in told
        (backup,) = tutor_home.glob("settings.toml.bak-*")
        assert backup.name in told
        assert backup.read_text(encoding="utf-8") == "theme = nord  # quotes forgotten\n"
        app.theme = "nord"  # and a choice made now is kept again
        await pilot.pause()
    assert SettingsStore().load().settings.theme == "nord"


async def test_a_theme_this_textual_lacks_is_told_and_the_default_used(tutor_home):
    settings_file(tutor_home, 'theme = "no-such-theme"\n')
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app.theme == DEFAULT
        assert any("'no-such-theme'" in m and "default is used" in m for m in notifications(app))
