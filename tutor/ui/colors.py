"""Theme colours every text can be read in: at least 4.5:1 against its background (WCAG AA).

Textual derives `$text-accent`, `$text-success`, … from a theme's accent and status colours, and
in textual-light several of them reach only about 3:1 on its grey panels; the footer's keys
(`$footer-key-foreground`) and the highlighted row of a list (`$block-cursor-background` under
near-white text) fall short too. `readable` moves each such colour towards the theme's foreground
(darker in a light theme, lighter in a dark one) just far enough, so the hue stays recognisable.
The apps apply it to whichever theme is chosen (`ReadableColors`); tests/ui/test_contrast.py
measures the result on every screen's rendered cells.
"""

from __future__ import annotations

from typing import Callable

from textual.color import Color

AA = 4.5  # WCAG 2 level AA, for text of any size
BACKGROUNDS = ("background", "surface", "panel")  # where the app puts text
TEXT = ("text-primary", "text-secondary", "text-accent", "text-success", "text-warning", "text-error",
        "footer-key-foreground", "footer-description-foreground",
        "markdown-h1-color", "markdown-h2-color", "markdown-h3-color")
STEPS = 20  # how finely a colour is moved towards the foreground
CURSOR_TEXT = 0.87  # the alpha of the text on a list's cursor ($block-cursor-foreground: auto 87%)


def luminance(color: Color) -> float:
    """Relative luminance, as WCAG defines it."""
    def channel(value: int) -> float:
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = color.rgb
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast(one: Color, other: Color) -> float:
    """The WCAG contrast ratio of two opaque colours, from 1 (the same) to 21 (black on white)."""
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _towards(color: Color, target: Color, good: Callable[[Color], bool]) -> Color:
    """`color`, moved towards `target` in small steps until it is `good`."""
    for step in range(STEPS + 1):
        moved = color.blend(target, step / STEPS)
        if good(moved):
            return moved
    return target


def readable(variables: dict[str, str]) -> dict[str, str]:
    """A theme's CSS variables with its text colours and list cursor made readable (see the module)."""
    try:
        backgrounds = [Color.parse(variables[name]) for name in BACKGROUNDS]
        foreground = Color.parse(variables["foreground"])
        cursor = Color.parse(variables["block-cursor-background"])
    except (KeyError, ValueError):
        return variables  # an ANSI theme or an unusual one: leave it to the terminal
    fixed = dict(variables)
    for name in TEXT:
        try:
            color = Color.parse(variables[name])
        except (KeyError, ValueError):
            continue  # "auto" colours contrast by construction
        fixed[name] = _towards(color, foreground, lambda moved: all(
            contrast(background + moved, background) >= AA for background in backgrounds)).hex
    # The cursor's text is near-white or near-black ("auto 87%"): move the cursor away from it, towards
    # the background.
    fixed["block-cursor-background"] = _towards(cursor, backgrounds[0], lambda moved: contrast(
        moved + moved.get_contrast_text(CURSOR_TEXT), moved) >= AA).hex
    return fixed


class ReadableColors:
    """Mixed into an App: whichever theme is chosen, its CSS variables go through `readable`."""

    def get_css_variables(self) -> dict[str, str]:
        return readable(super().get_css_variables())  # type: ignore[misc]
