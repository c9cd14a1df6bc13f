"""The first step: slash commands and button taps, which need no matching.

Commands: /start (greeting and short privacy notice), /help, /privacy, /language.
/human, /mydata and /forgetme are answered further on (`handlers/human.py`, the app).
Button payloads: ``faq:<id>`` answers that entry, ``lang:<code>`` sets the language.
A payload that no longer fits (an entry deleted since) gets a polite note.
"""

from __future__ import annotations

from bot.messages import Button, IncomingMessage, Reply, ReplyKind
from bot.pipeline import Context, Handler, reply_language
from bot.reload import LiveKnowledge
from bot.texts import Texts
from handlers.faq import FAQ_PAYLOAD, answer_reply
from handlers.human import HANDOVER_PAYLOAD, HUMAN_COMMANDS, HUMAN_PAYLOAD

LANGUAGE_PAYLOAD = "lang:"
# Button payloads that later handlers answer ("talk to a person", "pass it on").
OWNED_ELSEWHERE = frozenset({HUMAN_PAYLOAD, HANDOVER_PAYLOAD, "forget:yes"})
_LANGUAGE_NAMES = {"de": "Deutsch", "en": "English"}
_LANGUAGE_ALIASES = {"deutsch": "de", "german": "de", "english": "en", "englisch": "en"}


class CommandHandler(Handler):
    name = "commands"

    def __init__(self, texts: Texts) -> None:
        self._texts = texts

    def handle(self, message: IncomingMessage, context: Context) -> Reply | None:
        found = message.command  # parsed on every read: once is enough
        if found is None:
            return None
        command, argument = found
        language = reply_language(self._texts, message, context)
        if command in ("mydata", "forgetme"):
            return None  # answered by the app, which can read what is stored
        if command in HUMAN_COMMANDS:
            return None  # answered by the human step, like the "talk to a person" button
        if command == "start":
            return self._reply("start", language)
        if command == "help":
            return self._reply("help", language)
        if command in ("privacy", "datenschutz"):
            return self._reply("privacy", language)
        if command in ("language", "lang", "sprache"):
            return self._language(argument, language)
        return self._reply("unknown_command", language)

    def _reply(self, key: str, language: str) -> Reply:
        return Reply(self._texts.get(key, language), language, ReplyKind.COMMAND)

    def _language(self, argument: str, language: str) -> Reply:
        if not argument:
            buttons = tuple(
                Button(_LANGUAGE_NAMES.get(code, code), f"{LANGUAGE_PAYLOAD}{code}") for code in self._texts.languages
            )
            return Reply(self._texts.get("language_menu", language), language, ReplyKind.COMMAND, buttons=buttons)
        return set_language(self._texts, _LANGUAGE_ALIASES.get(argument, argument), language)


def set_language(texts: Texts, wanted: str, current: str) -> Reply:
    if wanted not in texts.languages or wanted not in _LANGUAGE_NAMES:
        return Reply(texts.get("language_unknown", current), current, ReplyKind.COMMAND)
    return Reply(texts.get("language_set", wanted), wanted, ReplyKind.COMMAND, set_language=wanted)


class ButtonHandler(Handler):
    name = "buttons"

    def __init__(self, live: LiveKnowledge, texts: Texts) -> None:
        self._live = live
        self._texts = texts

    def handle(self, message: IncomingMessage, context: Context) -> Reply | None:
        payload = message.payload
        if payload is None or payload in OWNED_ELSEWHERE:
            return None
        language = reply_language(self._texts, message, context)
        if payload.startswith(LANGUAGE_PAYLOAD):
            return set_language(self._texts, payload.removeprefix(LANGUAGE_PAYLOAD), language)
        if payload.startswith(FAQ_PAYLOAD):
            knowledge = self._live.snapshot.knowledge
            entry = knowledge.get(payload.removeprefix(FAQ_PAYLOAD))
            if entry is not None and entry.is_valid_on(context.today):
                return answer_reply(entry, context.chosen_language or language, self._texts, knowledge)
        return Reply(self._texts.get("stale_button", language), language, ReplyKind.COMMAND)
