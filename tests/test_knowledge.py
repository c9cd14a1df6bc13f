"""The FAQ loader and `check`: every problem names file, line and entry."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.config import SHIPPED_FAQ_DIR
from bot.knowledge import KnowledgeBase, load_knowledge_base, near_duplicates
from tests.conftest import write_faq

GOOD = """\
entries:
  - id: kita-places
    category: kita
    questions:
      de: [Gibt es freie Kitaplätze?, Wie melde ich mein Kind an?]
      en: [Are there free places in the daycare?]
    answer:
      de: Frag in der Kita-Sprechstunde.
      en: Ask at the Kita office hour.
    keywords: [kita, kitaplatz]
    follow_up: [kita-hours]
  - id: kita-hours
    questions:
      de: [Wann hat die Kita auf?]
    answer:
      de: 7:30 bis 17 Uhr.
    valid_from: 2026-11-01
    valid_until: 2026-12-24
"""


def test_shipped_knowledge_base_is_clean_and_rich_enough() -> None:
    result = load_knowledge_base(SHIPPED_FAQ_DIR)
    assert result.problems == ()
    entries = result.knowledge.entries
    assert len(entries) >= 25
    for entry in entries:
        assert set(entry.questions) == {"de", "en"}, entry.id
        assert sum(len(q) for q in entry.questions.values()) >= 3, entry.id
        assert set(entry.answer) == {"de", "en"}, entry.id


def test_good_file_loads_every_field(tmp_path: Path) -> None:
    write_faq(tmp_path, "faq.yml", GOOD)
    result = load_knowledge_base(tmp_path)
    assert result.problems == ()
    places = result.knowledge.get("kita-places")
    assert places is not None
    assert places.questions["de"][0] == "Gibt es freie Kitaplätze?"
    assert places.keywords == ("kita", "kitaplatz")
    assert places.follow_up == ("kita-hours",)
    assert places.line == 2
    assert places.phrasings() == (
        "Gibt es freie Kitaplätze?",
        "Wie melde ich mein Kind an?",
        "Are there free places in the daycare?",
    )
    assert result.knowledge.phrasing_count == 4
    hours = result.knowledge.get("kita-hours")
    assert hours is not None and hours.valid_until == dt.date(2026, 12, 24)
    assert hours.is_valid_on(dt.date(2026, 12, 1))
    assert not hours.is_valid_on(dt.date(2026, 12, 25))
    assert not hours.is_valid_on(dt.date(2026, 10, 31))


def _problems(tmp_path: Path, text: str, name: str = "faq.yml") -> list[str]:
    write_faq(tmp_path, name, text)
    return [str(p) for p in load_knowledge_base(tmp_path).problems]


def test_yaml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    text = GOOD.replace("    category: kita\n", "    category: kita: oops\n")
    (problem,) = _problems(tmp_path, text)
    assert problem.startswith(f"{tmp_path / 'faq.yml'}:3")
    assert "YAML syntax error" in problem and "must be in quotes" in problem


@pytest.mark.parametrize(
    ("text", "line", "hint"),
    [
        ("entries:\n  - id: a\n    questions:\n\t  de: [x]\n", 4, "indent with spaces only"),
        ("entries:\n  - id: b\n    questions:\n      de: [Wann, ist das\n    answer: {de: x}\n", 5, "opened on line 4"),
        (
            'entries:\n  - id: c\n    questions:\n      de: ["Wann ist das]\n    answer: {de: x}\n',
            6,
            "opened on line 4",
        ),
    ],
)
def test_common_yaml_slips_get_a_hint_for_admins(tmp_path: Path, text: str, line: int, hint: str) -> None:
    (problem,) = _problems(tmp_path, text)
    assert problem.startswith(f"{tmp_path / 'faq.yml'}:{line}") and hint in problem, problem


def test_duplicate_id_across_files(tmp_path: Path) -> None:
    write_faq(tmp_path, "a.yml", GOOD)
    dup = "entries:\n  - id: kita-hours\n    questions: {de: [Noch mal?]}\n    answer: {de: Ja.}\n"
    problems = _problems(tmp_path, dup, name="b.yml")
    assert len(problems) == 1
    assert problems[0].startswith(f"{tmp_path / 'b.yml'}:2 [kita-hours]")
    assert f"first used at {tmp_path / 'a.yml'}:12" in problems[0]


def test_language_without_answer(tmp_path: Path) -> None:
    text = GOOD.replace("      en: Ask at the Kita office hour.\n", "")
    (problem,) = _problems(tmp_path, text)
    assert ":7 [kita-places]" in problem and "no answer for language(s): en" in problem


def test_unknown_follow_up(tmp_path: Path) -> None:
    text = GOOD.replace("follow_up: [kita-hours]", "follow_up: [kita-hourz]")
    (problem,) = _problems(tmp_path, text)
    assert ":11 [kita-places]" in problem and "unknown entry id 'kita-hourz'" in problem


def test_empty_questions(tmp_path: Path) -> None:
    text = GOOD.replace("      de: [Wann hat die Kita auf?]\n", "      de: []\n")
    (problem,) = _problems(tmp_path, text)
    assert ":14 [kita-hours]" in problem and "no questions for language 'de'" in problem
    text = GOOD.replace("      de: [Wann hat die Kita auf?]\n", "      de: ['  ']\n")
    (problem,) = _problems(tmp_path, text)
    assert "[kita-hours]" in problem and "no questions" in problem


def test_bad_and_reversed_dates(tmp_path: Path) -> None:
    bad = GOOD.replace("valid_from: 2026-11-01", "valid_from: 2026-13-01")
    (problem,) = _problems(tmp_path, bad)
    assert ":17 [kita-hours]" in problem and "valid_from" in problem
    reversed_ = GOOD.replace("valid_from: 2026-11-01", "valid_from: 2027-01-01")
    (problem,) = _problems(tmp_path, reversed_)
    assert ":18 [kita-hours]" in problem and "valid_until is before valid_from" in problem


def test_unknown_keys_in_entry_and_file(tmp_path: Path) -> None:
    text = GOOD.replace("    category: kita\n", "    category: kita\n    answr: typo\n")
    text = "version: 2\n" + text
    problems = _problems(tmp_path, text)
    assert any(p.startswith(f"{tmp_path / 'faq.yml'}:1:") and "version: unknown key" in p for p in problems)
    assert any(":5 [kita-places]" in p and "answr: unknown key" in p for p in problems)


def test_bad_id_and_language_code(tmp_path: Path) -> None:
    text = GOOD.replace("id: kita-places", "id: Kita Places")
    (problem,) = _problems(tmp_path, text)
    assert ":2" in problem and "id must use lowercase" in problem
    text = GOOD.replace("      en: [Are there", "      english: [Are there")
    problems = _problems(tmp_path, text)
    assert any(":6 [kita-places]" in p and "'english' is not a two-letter language code" in p for p in problems)
    assert any("no answer for language(s): english" in p for p in problems)


def test_other_files_still_load_when_one_is_broken(tmp_path: Path) -> None:
    write_faq(tmp_path, "a.yml", GOOD)
    write_faq(tmp_path, "b.yml", "entries:\n  - id: [broken\n")
    result = load_knowledge_base(tmp_path)
    assert len(result.knowledge) == 2
    assert len(result.errors) == 1 and "b.yml" in result.errors[0].file


def test_binary_and_non_mapping_files(tmp_path: Path) -> None:
    (tmp_path / "a.yml").write_bytes(b"\xff\xfe\x00garbage")
    write_faq(tmp_path, "b.yaml", "- just a list\n")
    problems = [str(p) for p in load_knowledge_base(tmp_path).problems]
    assert any("a.yml" in p and "not UTF-8" in p for p in problems)
    assert any("b.yaml:1" in p and "expected a top-level key 'entries:'" in p for p in problems)


def test_sensitive_yml_is_not_an_faq_file(tmp_path: Path) -> None:
    write_faq(tmp_path, "faq.yml", GOOD)
    write_faq(tmp_path, "sensitive.yml", "topics: []\n")
    assert load_knowledge_base(tmp_path).problems == ()


def test_near_duplicate_phrasings_are_warned(tmp_path: Path) -> None:
    copy = "entries:\n  - id: copy\n    questions: {de: [Gibt es freie Kitaplätze ?]}\n    answer: {de: Ja.}\n"
    write_faq(tmp_path, "a.yml", GOOD)
    write_faq(tmp_path, "b.yml", copy)
    knowledge = load_knowledge_base(tmp_path).knowledge
    warnings = near_duplicates(knowledge)
    assert len(warnings) == 1
    assert warnings[0].severity == "warning" and "nearly the same" in warnings[0].message
    assert near_duplicates(KnowledgeBase(knowledge.entries[:2])) == []
