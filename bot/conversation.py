"""What the bot last answered each member, for follow-up questions ("und was kostet das?").

A member who just read the Repair Café's answer and asks "und wann?" means the Repair
Café, not the Kita hours that "wann" alone would get. Only the entry's id is kept, in
memory, for a few minutes: a follow-up comes within one conversation, and nothing the
member wrote is kept here.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable

# A follow-up comes within minutes; after that, "und wann?" starts a new conversation.
FOLLOW_UP_SECONDS = 15 * 60
# Members remembered at most (the oldest are forgotten first); an entry id is a few bytes.
MAX_MEMBERS = 10_000


class RecentAnswers:
    """The FAQ entry each member was last answered, for `FOLLOW_UP_SECONDS`."""

    def __init__(
        self,
        seconds: float = FOLLOW_UP_SECONDS,
        capacity: int = MAX_MEMBERS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._seconds = seconds
        self._capacity = capacity
        self._clock = clock
        self._answers: OrderedDict[str, tuple[str, float]] = OrderedDict()

    def get(self, user_ref: str) -> str | None:
        found = self._answers.get(user_ref)
        if found is None:
            return None
        entry_id, since = found
        if self._clock() - since > self._seconds:
            del self._answers[user_ref]
            return None
        return entry_id

    def remember(self, user_ref: str, entry_id: str) -> None:
        self._answers[user_ref] = (entry_id, self._clock())
        self._answers.move_to_end(user_ref)
        while len(self._answers) > self._capacity:
            self._answers.popitem(last=False)

    def forget(self, user_ref: str) -> None:
        self._answers.pop(user_ref, None)
