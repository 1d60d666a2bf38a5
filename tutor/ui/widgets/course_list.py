"""The course as a list (number, title, length, progress) and the panel about the highlighted lesson.

Both are single widgets drawing rich text, not a widget per cell: the course list is the first
thing on screen and has to appear as fast as a bare Textual app.

Nothing is cut off: where the width is short the minutes go (the details panel has them), each
progress column takes the longest of its wordings that fits ("in progress 2 of 14 · 1 hinted",
"in progress 2 of 14", "2 of 14"), and a title that is still too long wraps onto a second line.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tutor.catalog import Entry

NOT_STARTED, IN_PROGRESS, DONE, FAILED = "not-started", "in-progress", "done", "failed"
GLYPHS = {NOT_STARTED: "○", IN_PROGRESS: "◐", DONE: "✓", FAILED: "✗"}


MINUTES = 8  # "15 min  "


class Row:
    """One lesson of the list: its catalog entry and its progress in words, longest wording first
    (none until known)."""

    __slots__ = ("entry", "state", "words")

    def __init__(self, entry: Entry):
        self.entry, self.state, self.words = entry, NOT_STARTED, ()

    def statuses(self) -> list[str]:
        """The progress column's wordings, longest first."""
        return [f"{GLYPHS[self.state]} {words}" for words in self.words]

    @property
    def status(self) -> str:
        """The full wording."""
        return next(iter(self.statuses()), "")

    def status_within(self, width: int) -> str:
        """The longest wording that fits `width` (the shortest when none does)."""
        statuses = self.statuses()
        return next((s for s in statuses if cell_len(s) <= width), statuses[-1] if statuses else "")


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
        drawn = (width, self.highlighted, self.has_focus, self.app.theme, [(r.state, r.words) for r in self.rows])
        if drawn == self._drawn:
            return  # nothing a row shows has changed
        self._drawn = drawn
        styles = {name: _foreground(self.get_component_rich_style(f"course-list--{name}"))
                  for name in ("number", "minutes", *GLYPHS)}
        minutes_width, status_width, title_width = self._columns(width)
        plain = {name: Style() for name in styles}  # the highlighted row takes the cursor's colours
        for index, row in enumerate(self.rows):
            styles_here = plain if index == self.highlighted and self.has_focus else styles
            titles = Text(row.entry.title).wrap(self.app.console, title_width)
            line = Text(f"{index + 1:>2} ", styles_here["number"])
            line.append_text(_fit(titles[0].plain, title_width))
            if minutes_width:
                minutes = f"{row.entry.minutes} min" if row.entry.minutes else ""
                line.append(f"{minutes:>{minutes_width - 1}} ", styles_here["minutes"])
            else:
                line.append(" ")
            line.append_text(_fit(row.status_within(status_width), status_width, styles_here[row.state]))
            for more in titles[1:]:  # a title too long for its column goes on under itself
                line.append(f"\n   {more.plain}")
            self.replace_option_prompt_at_index(index, line)

    def _columns(self, width: int) -> tuple[int, int, int]:
        """The widths of the minutes (0: left out), progress and title columns within `width`."""
        longest_title = max((cell_len(row.entry.title) for row in self.rows), default=0)
        shortest = max((cell_len(row.statuses()[-1]) for row in self.rows if row.words), default=13)
        longest = max((cell_len(row.status) for row in self.rows if row.words), default=13)
        minutes_width = MINUTES if width >= 3 + longest_title + MINUTES + shortest else 0
        room = width - 3 - minutes_width - longest_title - 1  # for the progress, with no title wrapped
        status_width = min(max(room, shortest), longest)
        return minutes_width, status_width, max(width - 3 - minutes_width - status_width - 1, 8)

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

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._shown: tuple[str, str, str, str, bool] = ("", "", "", "", False)

    def show(self, title: str, summary: str, about: str, progress: str, failed: bool = False,
             short: bool = False) -> None:
        """The panel's text; `short` (a short terminal) leaves out the blank line before the progress."""
        self._shown = (title, summary, about, ("\n" if short else "\n\n") + progress if progress else "", failed)
        self.set_class(failed, "-failed")
        self.refresh(layout=True)

    def render(self) -> Text:
        """Drawn here, not stored, so that a change of theme changes its colours too."""
        title, summary, about, progress, failed = self._shown
        style = lambda name: _foreground(self.get_component_rich_style(f"details--{name}"))  # noqa: E731
        text = Text()
        text.append(title, style("title") + style("problem") if failed else style("title"))
        if summary:
            text.append("\n" + summary, style("problem") if failed else Style())
        if about:
            text.append("\n" + about, style("about"))
        text.append(progress, style("progress"))
        return text
