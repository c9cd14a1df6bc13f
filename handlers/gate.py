"""The crisis and privacy gate: runs before the FAQ and fails closed.

A crisis message gets the crisis lines at once, at any hour. A sensitive message
(health, money, legal status, violence, child welfare, pregnancy, addiction, a
member's own sexual identity, or personal identifiers) is never answered from the
FAQ: the member is asked to get in touch by email or phone, with a short case code
staff can look up.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from bot.messages import IncomingMessage, Reply, ReplyKind
from bot.pipeline import Context, Handler, reply_language
from bot.privacy import OWN_REPLY_TOPICS, PERSONAL_DATA_TOPIC, Verdict, mask
from bot.reload import LiveKnowledge
from bot.text import about_someone_else, writes_as_young
from bot.texts import Texts

# Topic recorded when the gate itself failed and redirected to be safe.
UNKNOWN_TOPIC = "unchecked"
StoreText = Literal["masked", "none", "full"]


def stored_text(text: str, policy: StoreText) -> str | None:
    """What storage may keep of a member's text under `privacy.store_text`."""
    if policy == "none":
        return None
    if policy == "full":
        return text
    return mask(text)


class PrivacyGate(Handler):
    name = "privacy-gate"
    fail_closed = True

    def __init__(
        self, live: LiveKnowledge, texts: Texts, new_case_code: Callable[[], str], store_text: StoreText
    ) -> None:
        self._live = live
        self._texts = texts
        self._new_case_code = new_case_code
        self._store_text = store_text

    def handle(self, message: IncomingMessage, context: Context) -> Reply | None:
        if not message.text:
            return None
        found = self._live.snapshot.rules.classify(message.text, context.today)
        if found.verdict is Verdict.CLEAR:
            return None
        if found.verdict is Verdict.CRISIS:
            return self._crisis(message, context, found.topic or "crisis", found.other_language)
        return self._redirect(message, context, found.topic or UNKNOWN_TOPIC, other_language=found.other_language)

    def closed_reply(self, message: IncomingMessage, context: Context) -> Reply:
        # Nothing is known about the text here, so nothing of it is kept.
        return self._redirect(message, context, UNKNOWN_TOPIC, keep_text=False)

    def _redirect(
        self,
        message: IncomingMessage,
        context: Context,
        topic: str,
        keep_text: bool = True,
        other_language: bool = False,
    ) -> Reply:
        language = reply_language(self._texts, message, context)
        code = self._new_case_code()
        young = writes_as_young(message.text)
        text = self._texts.in_each(
            language,
            other_language,
            lambda shown: self._texts.with_crisis_hint(self._texts.get("redirect", shown, code=code), shown, young),
        )
        kept = stored_text(message.text, self._store_text) if keep_text else None
        if topic == PERSONAL_DATA_TOPIC and self._store_text == "masked" and kept == message.text:
            # Personal data no pattern found (a social-media name, a number half
            # written out: "null eins sieben sechs") cannot be masked, so nothing of
            # the message is kept.
            kept = None
        return Reply(
            text,
            language,
            ReplyKind.REDIRECT,
            topic=topic,
            case_code=code,
            stored_text=kept,
            public_text=self._texts.get("redirect_public", language),
        )

    def _crisis(self, message: IncomingMessage, context: Context, topic: str, other_language: bool) -> Reply:
        language = reply_language(self._texts, message, context)
        code = self._new_case_code()
        key = topic if topic in OWN_REPLY_TOPICS else "crisis"
        if key == "crisis" and about_someone_else(message.text):
            key = "crisis_other"
        young = writes_as_young(message.text)
        text = self._texts.in_each(
            language,
            other_language,
            lambda shown: self._texts.get(key, shown, lines=self._texts.crisis_lines(shown, young=young), code=code),
        )
        return Reply(
            text,
            language,
            ReplyKind.CRISIS,
            topic=topic,
            case_code=code,
            stored_text=stored_text(message.text, self._store_text),
            in_all_languages=other_language,
        )
