"""The bot's own texts: every key filled in, and the formal German ("Sie") complete."""

from __future__ import annotations

import re
import string

import pytest

from bot.config import parse_config
from bot.pipeline import Context
from bot.texts import _FORMAL_GERMAN, _TEXTS, Texts
from tests.conftest import TODAY, PipelineFactory
from tests.fakes import message

# Words that say "du" to the reader: pronouns, and the imperatives and verb forms our
# texts use ("schreib", "tipp", "möchtest"). "ihr" is the informal plural ("Wann habt
# ihr offen?"); the formal "Ihr"/"Ihre" is written with a capital and told apart below.
_INFORMAL = re.compile(
    r"\b(du|dir|dich|dein\w*|euch|eur\w*|habt|schreib|frag|tipp|melde|nenn|lösch|ruf|bring|stell|versuch|"
    r"entschuldige|magst|möchtest|bist|hast|kannst|willst|siehst|legst)\b",
    re.IGNORECASE,
)


def _informal_words(text: str) -> list[str]:
    found = _INFORMAL.findall(text)
    # The informal plural "ihr" is lower-case; the formal possessive "Ihr" is not.
    found += re.findall(r"\bihr\b", text)
    return found


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_german_text_that_says_du_has_a_formal_version() -> None:
    informal = {key for key, variants in _TEXTS.items() if _informal_words(variants["de"])}
    assert informal, "the check found no informal text at all: the word list is broken"
    assert sorted(informal - _FORMAL_GERMAN.keys()) == []


@pytest.mark.parametrize("key", sorted(_FORMAL_GERMAN))
def test_formal_version_says_sie_and_fills_the_same_blanks(key: str) -> None:
    formal = _FORMAL_GERMAN[key]
    assert key in _TEXTS
    assert _informal_words(formal) == []
    assert _fields(formal) == _fields(_TEXTS[key]["de"])


def test_texts_follow_the_configured_address() -> None:
    informal = Texts(parse_config({}))
    formal = Texts(parse_config({"bot": {"address": "Sie"}}))
    assert "Meinst du" in informal.get("suggest", "de")
    assert formal.get("suggest", "de") == "Meinen Sie vielleicht eins davon?"
    # English has one "you", and German texts that address nobody stay the same.
    assert formal.get("suggest", "en") == informal.get("suggest", "en")
    assert formal.get("status_open", "de") == informal.get("status_open", "de") == "offen"
    assert "Ihr Code: KB-1234" in formal.get("crisis", "de", lines="☎️ 112", code="KB-1234")


def test_address_is_read_in_any_case_and_checked() -> None:
    assert parse_config({"bot": {"address": "sie"}}).bot.address == "Sie"
    assert parse_config({"bot": {"address": " Du "}}).bot.address == "du"
    assert parse_config({}).bot.address == "du"
    with pytest.raises(Exception, match=r"bot\.address"):
        parse_config({"bot": {"address": "ihr"}})


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("hallo", "Schön, dass Sie schreiben"),
        ("Ich habe Schulden und weiß nicht weiter", "Danke, dass Sie sich melden"),
        ("ich will nicht mehr leben", "Sie sind nicht allein"),
        ("xqzzv blorf", "Ich habe Ihre Frage notiert"),
        ("/help", "Schreiben Sie mir Ihre Frage"),
    ],
)
def test_the_whole_pipeline_says_sie_when_configured(make_pipeline: PipelineFactory, text: str, needle: str) -> None:
    pipeline = make_pipeline(cfg=parse_config({"bot": {"address": "Sie"}}))
    reply = pipeline.process(message(text), Context(today=TODAY, chosen_language="de"))
    assert needle in reply.text
    assert _informal_words(reply.text) == []
