"""Dates that are holidays every year, read as the holiday's name.

"Habt ihr am 24.12. auf?" got the usual opening hours as an answer, though the house is
closed over Christmas: the FAQ says "Weihnachten", the member wrote a date. The matcher
adds the names of such a date to the question, as far as the FAQ uses them (an unknown
name would count against the question's coverage).

Only days with the same date every year. Easter and Whitsun move, and members name
them anyway ("an Ostern").
"""

from __future__ import annotations

import re

# (day, month) -> names, folded as the matcher folds words.
_NAMES: dict[tuple[int, int], tuple[str, ...]] = {
    (1, 1): ("neujahr", "feiertag", "holiday"),
    (1, 5): ("feiertag", "holiday"),
    (3, 10): ("feiertag", "holiday"),
    (24, 12): ("heiligabend", "weihnachten", "christmas"),
    (25, 12): ("weihnachten", "feiertag", "christmas", "holiday"),
    (26, 12): ("weihnachten", "feiertag", "christmas", "holiday"),
    (31, 12): ("silvester",),
}
# German day and month, each with its full stop ("24.12.", "24. 12.", "24.12.2026"): a
# bare "24.12" may be a price or a time, and English dates name the month anyway.
_DAY_MONTH = re.compile(r"(?<![\w.])(\d{1,2})\.\s?(\d{1,2})\.")


def holiday_names(text: str) -> list[str]:
    """The names of the holidays the text's dates fall on, each once, in order."""
    names: list[str] = []
    for found in _DAY_MONTH.finditer(text):
        for name in _NAMES.get((int(found.group(1)), int(found.group(2))), ()):
            if name not in names:
                names.append(name)
    return names
