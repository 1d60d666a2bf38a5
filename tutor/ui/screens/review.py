"""The review: the lesson screen over a `ReviewSession`, titled "Review", one queued step per page.

Every key works as in a lesson (answer, hints, solution, the numerical check, next), except those
that make no sense for a queue of steps from several lessons: previous, restart and another one.
After the last step the course list comes back, with a note of how the review went.
"""

from __future__ import annotations

from ..actions import When, never
from ..models.review import ReviewSession
from .lesson import LessonScreen

NOT_IN_REVIEW = ("previous", "restart", "another")


class ReviewScreen(LessonScreen):
    """Work through the steps due for review."""

    session: ReviewSession

    ACTIONS = {**LessonScreen.ACTIONS, **{action: When(applies=never) for action in NOT_IN_REVIEW}}

    def action_next(self) -> None:
        if self.session.next():
            self.show()
            self.place_focus()
            return
        self.app.go_home()
        self.app.notify(self.session.outcome(), title="Review", timeout=6, markup=False)
