"""Staff business hours: when someone is there to answer, and when they are back.

The weekly schedule and closed dates come from config (`[staff.hours]`). Used to tell a
member outside business hours when staff will be back, and to count *business* hours
before an unclaimed ticket is announced again. Crisis replies never wait for them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from zoneinfo import ZoneInfo

from bot.config import BusinessHoursSettings

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# How far ahead to look for the next opening (a long holiday closure fits easily).
LOOKAHEAD_DAYS = 60


def parse_ranges(text: str) -> list[tuple[dt.time, dt.time]]:
    """ "09:00-12:00, 13:00-17:00" → [(9:00, 12:00), (13:00, 17:00)]; "" → closed."""
    ranges = []
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        start, _, end = part.partition("-")
        ranges.append((dt.time.fromisoformat(start.strip()), dt.time.fromisoformat(end.strip())))
    return ranges


class BusinessHours:
    def __init__(self, settings: BusinessHoursSettings, timezone: str) -> None:
        self._zone = ZoneInfo(timezone)
        self._week = {day: parse_ranges(getattr(settings, day)) for day in DAYS}
        self._closed = set(settings.closed_dates)

    def _periods(self, day: dt.date) -> list[tuple[dt.datetime, dt.datetime]]:
        if day in self._closed:
            return []
        return [
            (dt.datetime.combine(day, start, self._zone), dt.datetime.combine(day, end, self._zone))
            for start, end in self._week[DAYS[day.weekday()]]
        ]

    def _periods_from(self, moment: dt.datetime) -> Iterator[tuple[dt.datetime, dt.datetime]]:
        local = moment.astimezone(self._zone)
        for offset in range(LOOKAHEAD_DAYS):
            yield from self._periods(local.date() + dt.timedelta(days=offset))

    def is_open(self, moment: dt.datetime) -> bool:
        local = moment.astimezone(self._zone)
        return any(start <= local < end for start, end in self._periods(local.date()))

    def next_opening(self, moment: dt.datetime) -> dt.datetime | None:
        """The start of the next business period after `moment` (None if none is scheduled)."""
        for start, _ in self._periods_from(moment):
            if start > moment:
                return start
        return None

    def hours_between(self, since: dt.datetime, until: dt.datetime) -> float:
        """Business hours that passed between two moments."""
        total = 0.0
        for start, end in self._periods_from(since):
            if start >= until:
                break
            overlap = (min(end, until) - max(start, since)).total_seconds()
            total += max(0.0, overlap) / 3600
        return total


_WEEKDAYS = {
    "de": ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}


def describe(moment: dt.datetime, language: str, zone: str) -> str:
    """'Montag, 02.12., 9:00 Uhr' / 'Monday, 2 Dec, 9:00'."""
    local = moment.astimezone(ZoneInfo(zone))
    day = _WEEKDAYS.get(language, _WEEKDAYS["de"])[local.weekday()]
    if language == "en":
        return f"{day}, {local.day} {local.strftime('%b')}, {local.hour}:{local.minute:02d}"
    return f"{day}, {local.strftime('%d.%m.')}, {local.hour}:{local.minute:02d} Uhr"
