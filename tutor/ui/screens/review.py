"""The review: the lesson screen over a `ReviewSession`, titled "Review", one queued step per page.

Every key works as in a lesson (answer, hints, solution, the numerical check, next), except those
that make no sense for a queue of steps from several lessons: previous, restart and another one.
After the last step the course list comes back, with a note of how the review went.
"""

from __future__ import annotations

from ..actions import When, never
from ..models.review import ReviewSession
from .lesson import LessonScreen

NOT_IN_REVIEW = {  # and why not
    "previous": "A review goes forward only: n skips a step.",
    "restart": "A review is not restarted: q goes back to the course, v starts it again.",
    "another": "Another one is for lessons: a in a lesson gives it fresh numbers.",
}


class ReviewScreen(LessonScreen):
    """Work through the steps due for review."""

    session: ReviewSession

    ACTIONS = {**LessonScreen.ACTIONS,
               **{action: When(applies=never, why=lambda screen, why=why: why) for action, why in NOT_IN_REVIEW.items()}}

    def action_next(self) -> None:
        if self.session.next():
            self.show()
            self.place_focus()
            return
        self.app.go_home()
        self.app.notify(self.session.outcome(), title="Review", timeout=6, markup=False)
