""" "I want to talk to a person": confirm and open a ticket for staff."""

from __future__ import annotations

from collections.abc import Callable

from bot.messages import Button, IncomingMessage, Reply, ReplyKind
from bot.pipeline import Context, Handler, reply_language
from bot.text import fold
from bot.texts import Texts
from handlers.gate import StoreText, stored_text

# Phrases (folded) that ask for a human; a message containing one is handed over.
_ASKS_FOR_A_PERSON = tuple(
    fold(phrase)
    for phrase in (
        "mit einem Menschen sprechen",
        "mit einem Menschen reden",
        "mit einem echten Menschen",
        "mit jemandem sprechen",
        "mit jemandem reden",
        "mit einer Person sprechen",
        "mit einem Mitarbeiter",
        "mit einer Mitarbeiterin",
        "talk to a human",
        "talk to a person",
        "talk to someone",
        "speak to a human",
        "speak to a person",
        "speak to someone",
        "real person",
    )
)
# "… talk to someone face to face" asks for a meeting, not for a person in this
# chat: the FAQ's office and advice hours answer it.
_IN_PERSON = tuple(fold(phrase) for phrase in ("face to face", "in person", "persönlich", "vor ort"))
HUMAN_PAYLOAD = "human"
# "/human" does what the "talk to a person" button does.
HUMAN_COMMANDS = frozenset({"human", "mensch", "person", "team"})
HANDOVER_PAYLOAD = "handover"


def handover_button(texts: Texts, language: str) -> Button:
    """ "Ans Team weitergeben": under "I don't know", hands the member's question to staff."""
    return Button(texts.get("handover_button", language), HANDOVER_PAYLOAD)


class HumanHandler(Handler):
    name = "human"

    def __init__(self, texts: Texts, new_case_code: Callable[[], str], store_text: StoreText) -> None:
        self._texts = texts
        self._new_case_code = new_case_code
        self._store_text = store_text

    def handle(self, message: IncomingMessage, context: Context) -> Reply | None:
        language = reply_language(self._texts, message, context)
        if message.payload == HANDOVER_PAYLOAD:
            code = self._new_case_code()
            text = self._texts.get("handover_done", language, code=code)
            return Reply(text, language, ReplyKind.COMMAND, case_code=code, escalate="unanswered")
        if not asks_for_a_person(message):
            return None
        code = self._new_case_code()
        return Reply(
            self._texts.get("human_confirm", language, code=code),
            language,
            ReplyKind.COMMAND,
            case_code=code,
            escalate="human",
            # A bare "/human" says nothing for staff to read.
            stored_text=stored_text(message.text, self._store_text)
            if message.text and not _by_command(message)
            else None,
        )


def asks_for_a_person(message: IncomingMessage) -> bool:
    """ "/human", the "talk to a person" button, or "kann ich mit jemandem reden?"."""
    if message.payload == HUMAN_PAYLOAD or _by_command(message):
        return True
    folded = f" {fold(message.text)} "
    return any(f" {phrase} " in folded and not _followed_by_in_person(folded, phrase) for phrase in _ASKS_FOR_A_PERSON)


def _by_command(message: IncomingMessage) -> bool:
    command = message.command
    return command is not None and command[0] in HUMAN_COMMANDS


def _followed_by_in_person(folded: str, phrase: str) -> bool:
    after = folded.split(f" {phrase} ", 1)[1]
    return after.startswith(_IN_PERSON)
