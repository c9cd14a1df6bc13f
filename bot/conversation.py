"""What the bot last told each member, for the next message of the same conversation.

A member who just read the Repair Café's answer and asks "und wann?" means the Repair
Café, not the Kita hours that "wann" alone would get. A member who just got the crisis
reply and writes "ich trau mich nicht anzurufen" must not get FAQ buttons. Only the
entry's id or the case code is kept, in memory, for a while: nothing the member wrote
is kept here. A crisis case comes back from the tickets after a restart
(`App.restore_crisis_cases`), so a restart does not cut the hour short.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

# A follow-up comes within minutes; after that, "und wann?" starts a new conversation.
FOLLOW_UP_SECONDS = 15 * 60
# After a crisis reply, what the member writes next is read as part of that crisis
# for an hour (handlers/crisis_follow_up.py).
CRISIS_FOLLOW_UP_SECONDS = 60 * 60
# Members remembered at most (the oldest are forgotten first); an entry id is a few bytes.
MAX_MEMBERS = 10_000


Value = TypeVar("Value")


class RecentPerMember(Generic[Value]):
    """One small value per member (the FAQ entry last answered, a crisis case), for `seconds`."""

    def __init__(
        self,
        seconds: float = FOLLOW_UP_SECONDS,
        capacity: int = MAX_MEMBERS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._seconds = seconds
        self._capacity = capacity
        self._clock = clock
        self._values: OrderedDict[str, tuple[Value, float]] = OrderedDict()

    def get(self, user_ref: str) -> Value | None:
        found = self._values.get(user_ref)
        if found is None:
            return None
        value, since = found
        if self._clock() - since > self._seconds:
            del self._values[user_ref]
            return None
        return value

    def remember(self, user_ref: str, value: Value, age: float = 0.0) -> None:
        """Keep `value` for this member; `age` seconds of its time have passed already."""
        self._values[user_ref] = (value, self._clock() - age)
        self._values.move_to_end(user_ref)
        while len(self._values) > self._capacity:
            self._values.popitem(last=False)

    def forget(self, user_ref: str) -> None:
        self._values.pop(user_ref, None)
