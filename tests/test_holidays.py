"""Dates that are holidays every year, read as their names."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import MatcherSettings
from bot.holidays import holiday_names
from bot.knowledge import load_knowledge_base
from bot.matcher import Matcher, Outcome
from bot.reload import Snapshot
from tests.conftest import TODAY, write_faq


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("habt ihr am 24.12. auf?", ["heiligabend", "weihnachten", "christmas"]),
        ("am 31.12.2026 und am 1.1.?", ["silvester", "neujahr", "feiertag", "holiday"]),
        ("seid ihr am 3. 10. da", ["feiertag", "holiday"]),
        ("habt ihr am 5.12. offen", []),  # no holiday
        ("der Kurs kostet 24.12 Euro", []),  # no full stop after the month: a price
        ("um 14.30 Uhr", []),
        ("geht das mit Version v1.5.3?", []),  # a version number, not the first of May
    ],
)
def test_a_holiday_date_is_read_as_its_name(text: str, names: list[str]) -> None:
    assert holiday_names(text) == names


def test_a_question_about_christmas_eve_by_date_gets_the_christmas_closing(shipped_snapshot: Snapshot) -> None:
    # got the usual opening hours, though the house is closed then
    result = shipped_snapshot.matcher.match("habt ihr am 24.12. auf?", TODAY)
    assert result.outcome is Outcome.ANSWER and result.best is not None
    assert result.best.entry.id == "holiday-closing"
    # a day that is no holiday is still a question about the opening hours
    other = shipped_snapshot.matcher.match("habt ihr am 5.12. auf?", TODAY)
    assert other.best is not None and other.best.entry.id == "opening-hours"


def test_names_the_faq_does_not_use_are_not_added(tmp_path: Path) -> None:
    # An unknown word counts against the question's coverage: "Weihnachten" must not
    # make a plain question about the opening hours look off-topic.
    write_faq(
        tmp_path,
        "faq.yml",
        "entries:\n  - id: hours\n    questions: {de: [Wann habt ihr offen?]}\n    answer: {de: Immer.}\n",
    )
    matcher = Matcher(load_knowledge_base(tmp_path).knowledge, MatcherSettings(), lambda: TODAY)
    assert matcher.signals("wann habt ihr am 24.12. offen").coverage == 1.0
    assert matcher.match("wann habt ihr am 24.12. offen").outcome is Outcome.ANSWER
