"""Every text on every screen reads at 4.5:1 or better against its background (WCAG AA), in
textual-dark and textual-light, and with NO_COLOR.

The test reads what the compositor would paint, cell by cell: each character with its colour and
its background (a reversed style swapped, a dim one blended halfway into its background, as
Textual's dim filter does). Lines and blocks that draw rather than write (box drawing, bars, the
plots' braille and point markers) are left out, and so are the keys the footer dims because they do nothing there
(WCAG asks no contrast of inactive controls). Over a modal screen only the dialog is read: what
shows dimly behind it is inactive too.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.metadata import version

import pytest
from rich.cells import cell_len
from textual.color import Color
from textual.geometry import Region
from textual.screen import ModalScreen

from tutor.engine.formatting import format_value
from tutor.ui.app import create_app
from tutor.ui.colors import AA, contrast

from .conftest import SNAPSHOT_TEXTUAL, ready

# The cells are read from the compositor's segments, whose layout is Textual's own (a 3-tuple in
# 8.2.8, not in 6.0): measured on the Textual the snapshots were drawn with, like the pictures.
pytestmark = pytest.mark.skipif(version("textual") != SNAPSHOT_TEXTUAL,
                                reason=f"the cells are read as textual {SNAPSHOT_TEXTUAL} draws them")
from .test_snapshots import opened_at

THEMES = ("textual-dark", "textual-light")


def drawing(character: str) -> bool:
    """Box drawing, block elements, braille and the plots' point markers: lines, bars and dots, not text."""
    return (character.isspace() or character == "●"
            or 0x2500 <= ord(character) <= 0x259F or 0x2800 <= ord(character) <= 0x28FF)


@dataclass(frozen=True)
class Cell:
    text: str
    x: int
    y: int
    ratio: float
    colors: tuple[str, str]


def read_where(app) -> tuple[Region, list[Region]]:
    """Where text is read: the screen, or the dialog of a modal one (what shows dimly behind it is
    inactive), less the keys the footer dims."""
    width, height = app.size
    area = app.screen.children[0].region if isinstance(app.screen, ModalScreen) else Region(0, 0, width, height)
    return area, [key.region for key in app.screen.query("FooterKey.-disabled")]


def cells(app) -> list[Cell]:
    """Every written character on screen, with the contrast of its colour on its background."""
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    area, dimmed = read_where(app)
    background = Color.parse(app.get_css_variables()["background"])
    found = []
    for y, line in enumerate(update.strips, update.region.y):
        segments = [segment for strip in line for segment in strip]
        for line_filter in app.get_line_filters():  # NO_COLOR's monochrome, the dim filter
            segments = line_filter.apply(segments, background)
        x = update.region.x
        for text, style, control in segments:
            written = style is not None and not control and not all(drawing(c) for c in text)
            if written and area.contains(x, y) and not any(key.contains(x, y) for key in dimmed):
                found.append(_cell(text, x, y, style))
            x += cell_len(text)
    return found


def _cell(text: str, x: int, y: int, style) -> Cell:
    fore = style.color.get_truecolor(foreground=True) if style.color else None
    back = style.bgcolor.get_truecolor(foreground=False) if style.bgcolor else None
    fore = Color(*fore) if fore is not None else Color(255, 255, 255)
    back = Color(*back) if back is not None else Color(0, 0, 0)
    if style.reverse:
        fore, back = back, fore
    if style.dim:
        fore = fore.blend(back, 0.5)
    return Cell(text, x, y, contrast(fore, back), (fore.hex, back.hex))


def unreadable(app) -> list[str]:
    """The texts below AA, one line each: where, what, and the two colours."""
    return [f"{cell.x},{cell.y} {cell.text.strip()!r} {cell.colors[0]} on {cell.colors[1]}: {cell.ratio:.2f}"
            for cell in cells(app) if cell.ratio < AA]


async def in_both_themes(pilot) -> dict[str, list[str]]:
    found = {}
    for theme in THEMES:
        pilot.app.theme = theme
        await pilot.pause()
        await pilot.pause()
        found[theme] = unreadable(pilot.app)
    return found


def walked(lesson_id: str, key: str | None, *keys: str):
    """Open `lesson_id` at step `key` (answering on the way), then press `keys`."""

    async def scene(pilot) -> None:
        await opened_at(lesson_id, key)(pilot)
        if keys:
            await pilot.press(*keys)
        await pilot.pause()

    return scene


async def home(pilot) -> None:
    await pilot.pause()


async def practice_and_summary(pilot) -> None:
    """The end of a lesson with a wrong try, a hint and a solution among its answers."""
    await opened_at("chain-of-functions", "z1")(pilot)
    await pilot.press("1", "enter", "ctrl+o", "enter", "ctrl+t")
    for _ in range(7):
        await pilot.press("ctrl+n")
    await pilot.pause()


async def diagnosis(pilot) -> None:
    await opened_at("two-layer-sigmoid", "delta2")(pilot)
    values = pilot.app.screen.session.lesson.solution()
    await pilot.press(*format_value(-(values["y"].value - values["a2"].value)), "enter", "ctrl+t", "ctrl+t")
    await pilot.pause()


async def experiment(pilot) -> None:
    pilot.app.open_experiment()
    await pilot.pause()
    await pilot.press("3", "enter", *"1.1", "enter", "space", "space")
    await pilot.pause()


def sweep(*keys: str):
    """The chapter's experiment swept, after `keys` (u: under descent, where rates diverge)."""

    async def scene(pilot) -> None:
        pilot.app.open_experiment()
        await pilot.pause()
        await pilot.press(*keys, "w")
        await pilot.pause(0.3)

    return scene


async def curves(pilot) -> None:
    pilot.app.open_curves(pilot.app.find("two-layer-sigmoid"))
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def xor_curves(pilot) -> None:
    """The decision boundary: its shades are drawing, its digits and its key are text."""
    pilot.app.open_curves(pilot.app.find("xor"))
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


SCENES = {
    "home": (home, (100, 30)),
    "intro-small": (walked("chain-rule", None), (80, 24)),
    "reading-page": (walked("chain-rule", "page-4"), (80, 24)),
    "question": (walked("chain-rule", "W1_new", "escape", "h"), (100, 30)),
    "diagnosis-and-hints": (diagnosis, (100, 30)),
    "revealed-and-checked": (walked("two-layer-sigmoid", "dW2", "ctrl+o", "c"), (100, 30)),
    "summary": (practice_and_summary, (100, 30)),
    "help": (walked("chain-of-functions", "z1", "question_mark"), (100, 30)),
    "confirm": (walked("chain-of-functions", "z1", "escape", "r"), (80, 24)),
    "experiment": (experiment, (100, 30)),
    "sweep": (sweep(), (100, 30)),
    "sweep-diverging": (sweep("u"), (80, 24)),
    "curves": (curves, (100, 30)),
    "xor-curves": (xor_curves, (100, 30)),
    "xor-curves-small": (xor_curves, (80, 24)),
}


@pytest.mark.parametrize("name", SCENES)
async def test_every_text_reads_at_aa_in_both_themes(name):
    scene, size = SCENES[name]
    app = create_app()
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        await scene(pilot)
        found = await in_both_themes(pilot)
    assert found == {theme: [] for theme in THEMES}


async def test_a_practice_variant_and_a_review_queue_read_at_aa(tutor_home):
    tutor_home.mkdir(parents=True)
    (tutor_home / "progress.json").write_text(
        '{"format_version": 1, "lessons": {"chain-of-functions": {"current_step": 2, "steps": {"z1": '
        '{"status": "correct", "attempts": 2, "first_try": false}}}}, '
        '"review": [{"lesson": "chain-of-functions", "step": "z1"}]}')
    app = create_app("two-layer-sigmoid~7")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert await in_both_themes(pilot) == {theme: [] for theme in THEMES}
        pilot.app.go_home()
        await pilot.pause()
        assert await in_both_themes(pilot) == {theme: [] for theme in THEMES}


async def test_no_color_is_still_readable(monkeypatch):
    """With NO_COLOR the app paints in greys (Textual's monochrome filter): still AA everywhere."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = create_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert unreadable(app) == []
        await walked("two-layer-sigmoid", "delta2", *"0.5", "enter")(pilot)
        assert unreadable(app) == []
        assert all(_grey(color) for cell in cells(app) for color in cell.colors)  # the filter was on


def _grey(hex_color: str) -> bool:
    red, green, blue = Color.parse(hex_color).rgb
    return red == green == blue


def test_the_measure_can_fail():
    """Black on black is caught; black on white is fine."""
    assert contrast(Color(0, 0, 0), Color(0, 0, 0)) == 1
    assert contrast(Color(0, 0, 0), Color(255, 255, 255)) == pytest.approx(21)
