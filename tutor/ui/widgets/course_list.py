"""The course as a list (number, title, length, progress) and the panel about the highlighted lesson.

Both are single widgets drawing rich text, not a widget per cell: the course list is the first
thing on screen and has to appear as fast as a bare Textual app.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tutor.catalog import Entry

NOT_STARTED, IN_PROGRESS, DONE, FAILED = "not-started", "in-progress", "done", "failed"
GLYPHS = {NOT_STARTED: "○", IN_PROGRESS: "◐", DONE: "✓", FAILED: "✗"}


class Row:
    """One lesson of the list: its catalog entry and its progress in words (empty until known)."""

    __slots__ = ("entry", "state", "words")

    def __init__(self, entry: Entry):
        self.entry, self.state, self.words = entry, NOT_STARTED, ""

    @property
    def status(self) -> str:
        return f"{GLYPHS[self.state]} {self.words}" if self.words else ""


class CourseList(OptionList):
    """The lessons in course order; enter opens the highlighted one."""

    DEFAULT_CSS = """
    CourseList > .course-list--number, CourseList > .course-list--minutes { color: $text-muted; }
    CourseList > .course-list--done { color: $text-success; }
    CourseList > .course-list--in-progress { color: $text-accent; }
    CourseList > .course-list--not-started { color: $text-muted; }
    CourseList > .course-list--failed { color: $text-error; }
    """
    COMPONENT_CLASSES = {"course-list--number", "course-list--minutes", "course-list--done",
                         "course-list--in-progress", "course-list--not-started", "course-list--failed"}
    BINDINGS = [Binding("enter", "select", "Open")]

    def __init__(self, entries: list[Entry], **kwargs):
        self.rows = [Row(entry) for entry in entries]
        self._drawn: tuple | None = None
        super().__init__(*(Option(entry.title, id=f"lesson-{n}") for n, entry in enumerate(entries, start=1)), **kwargs)

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.redraw())

    def redraw(self) -> None:
        """Draw every row again (after progress changed, the theme changed or the width did)."""
        width = self.scrollable_content_region.width - 2  # less the option's padding
        if width <= 0:
            return  # not laid out yet: on_resize draws
        drawn = (width, self.highlighted, self.has_focus, self.app.theme, [r.status for r in self.rows])
        if drawn == self._drawn:
            return  # nothing a row shows has changed
        self._drawn = drawn
        styles = {name: _foreground(self.get_component_rich_style(f"course-list--{name}"))
                  for name in ("number", "minutes", *GLYPHS)}
        status_width = 28 if width >= 80 else 22
        title_width = max(width - 3 - 8 - status_width, 8)
        plain = {name: Style() for name in styles}  # the highlighted row takes the cursor's colours
        for index, row in enumerate(self.rows):
            styles_here = plain if index == self.highlighted and self.has_focus else styles
            minutes = f"{row.entry.minutes} min" if row.entry.minutes else ""
            line = Text(f"{index + 1:>2} ", styles_here["number"])
            line.append_text(_fit(row.entry.title, title_width))
            line.append(f"{minutes:>7} ", styles_here["minutes"])
            line.append_text(_fit(row.status, status_width, styles_here[row.state]))
            self.replace_option_prompt_at_index(index, line)

    def on_resize(self) -> None:
        self.redraw()

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        self.redraw()

    def on_focus(self) -> None:
        self.redraw()

    def on_blur(self) -> None:
        self.redraw()


def _foreground(style: Style) -> Style:
    """The colour and emphasis of `style` without its background, so a highlighted row keeps its own."""
    return Style(color=style.color, bold=style.bold, dim=style.dim, italic=style.italic)


def _fit(text: str, width: int, style: Style | str = "") -> Text:
    """`text` in exactly `width` cells: padded, or cut with an ellipsis."""
    fitted = Text(text, style)
    fitted.truncate(width, overflow="ellipsis", pad=True)
    return fitted


class LessonDetails(Static):
    """The panel under the list: title, one-line summary, section, progress, or what went wrong."""

    DEFAULT_CSS = """
    LessonDetails > .details--title { text-style: bold; }
    LessonDetails > .details--about { color: $text-muted; }
    LessonDetails > .details--progress { color: $text-accent; }
    LessonDetails > .details--problem { color: $text-error; }
    """
    COMPONENT_CLASSES = {"details--title", "details--about", "details--progress", "details--problem"}

    def show(self, title: str, summary: str, about: str, progress: str, failed: bool = False) -> None:
        style = lambda name: _foreground(self.get_component_rich_style(f"details--{name}"))  # noqa: E731
        text = Text()
        text.append(title, style("title") + style("problem") if failed else style("title"))
        if summary:
            text.append("\n" + summary, style("problem") if failed else Style())
        if about:
            text.append("\n" + about, style("about"))
        if progress:
            text.append("\n\n" + progress, style("progress"))
        self.set_class(failed, "-failed")
        self.update(text)
