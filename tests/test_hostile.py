"""Hostile and odd input is answered without a crash, and quickly."""

from __future__ import annotations

import time

import pytest

from bot.messages import ReplyKind
from bot.pipeline import Context, Pipeline
from bot.text import MAX_TEXT_CHARS
from tests.conftest import TODAY
from tests.fakes import message

HOSTILE = [
    "",
    "x" * 100_000,
    "Kita " * 20_000,
    "\x00\x01\x02\x1b[31mrot\x1b[0m\u202e\ufeff",
    "🙂🙂🙂 👋 🏳️‍🌈 🧑‍🧑‍🧒",
    "<script>alert('x')</script><b>Kita</b>",
    "**fett** _kursiv_ `code` [link](http://example.org) @everyone <@&123>",
    "' OR 1=1; DROP TABLE redirects; --",
    "{{7*7}} ${jndi:ldap://x} %s%s%s",
    "\n\n\n",
    "ÄÖÜß" * 1000,
    "a\u0301" * 500,
    "/" * 100,
    "/language " + "x" * 10_000,
    # many questions in one message: cut into at most four, else read whole
    "wo seid ihr und wann habt ihr offen " * 300,
    "wo seid ihr " + "und wann habt ihr offen " * 3,
    "? und " * 2000,
    # hundreds of ages: the age-gap rule reads a few, not every pair
    "er 1 " * 1000,
    "ich bin 14 er ist 30 " * 200,
]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_input_gets_a_reply(pipeline: Pipeline, text: str) -> None:
    started = time.perf_counter()
    reply = pipeline.process(message(text), Context(today=TODAY))
    elapsed = time.perf_counter() - started
    assert reply.text
    assert reply.kind is not ReplyKind.ERROR
    # generous: only catches pathological (quadratic) behaviour, not a speed goal
    assert elapsed < 2.0


def test_huge_text_is_stored_cut(pipeline: Pipeline) -> None:
    reply = pipeline.process(message("Wetter? " * 20_000), Context(today=TODAY))
    assert reply.stored_text is not None and len(reply.stored_text) <= MAX_TEXT_CHARS
