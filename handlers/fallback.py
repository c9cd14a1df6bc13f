"""The last steps: empty input, and the kind "I don't know" that records the question."""

from __future__ import annotations

from bot.messages import IncomingMessage, Reply, ReplyKind
from bot.pipeline import Context, Handler, reply_language
from bot.text import in_another_language, in_another_script, tokens, writes_as_young
from bot.texts import Texts
from handlers.gate import StoreText, stored_text
from handlers.human import handover_button
from handlers.smalltalk import is_reaction, without_emoticons


class EmptyMessageHandler(Handler):
    """Runs first: a message with no text (and no button) gets a gentle nudge.

    A photo, voice message, sticker or file without text gets "text only, please";
    the attachment itself is never downloaded. Text without a single word ("?", "😬", ":D")
    gets "in words, please" and is not noted as an unanswered question; a thumbs-up
    or a wave is left to small talk, words in another script ("مرحبا") to the fallback.
    """

    name = "empty"

    def __init__(self, texts: Texts) -> None:
        self._texts = texts

    def handle(self, message: IncomingMessage, context: Context) -> Reply | None:
        text = message.text.strip()
        if message.payload or tokens(without_emoticons(text)) or is_reaction(text) or in_another_script(text):
            return None
        language = reply_language(self._texts, message, context)
        key = "text_only" if message.has_attachment and not text else "no_words" if text else "empty"
        return Reply(self._texts.get(key, language), language, ReplyKind.COMMAND)


class FallbackHandler(Handler):
    """Always answers: says so kindly, offers the contact, records the question (masked)."""

    name = "fallback"

    def __init__(self, texts: Texts, store_text: StoreText) -> None:
        self._texts = texts
        self._store_text = store_text

    def handle(self, message: IncomingMessage, context: Context) -> Reply | None:
        language = reply_language(self._texts, message, context)
        # Arabic, Ukrainian, Turkish …: the bot cannot read it, so it says so in both
        # its languages; the team may, so the button and the record stay.
        other = in_another_script(message.text) or in_another_language(message.text)
        key = "other_language" if other else "fallback"
        return Reply(
            self._texts.with_crisis_hint(self._texts.get(key, language), language, writes_as_young(message.text)),
            language,
            ReplyKind.FALLBACK,
            buttons=(handover_button(self._texts, language),),
            stored_text=stored_text(message.text, self._store_text),
        )
