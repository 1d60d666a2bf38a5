"""The command palette's lessons: ctrl+p, type part of a title, enter opens it."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from .app import TutorApp


class LessonCommands(Provider):
    """Open any lesson of the course from the command palette."""

    def _lessons(self) -> list[tuple[str, str, str]]:
        """(command text, lesson id, help) for every lesson in the course list."""
        app: TutorApp = self.app  # type: ignore[assignment]
        return [(f"Open lesson {number}: {entry.title}", entry.id, entry.summary or entry.title)
                for number, entry in enumerate(app.catalog, start=1)]

    async def discover(self) -> Hits:
        app: TutorApp = self.app  # type: ignore[assignment]
        for text, lesson_id, help_text in self._lessons():
            yield DiscoveryHit(text, partial(app.open_lesson, lesson_id), help=help_text)

    async def search(self, query: str) -> Hits:
        app: TutorApp = self.app  # type: ignore[assignment]
        matcher = self.matcher(query)
        for text, lesson_id, help_text in self._lessons():
            score = matcher.match(f"{text} {lesson_id}")
            if score > 0:
                yield Hit(score, matcher.highlight(text), partial(app.open_lesson, lesson_id), text=text, help=help_text)
