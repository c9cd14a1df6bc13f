"""After a crisis reply: what the member writes next, when the FAQ cannot answer it.

"ich trau mich nicht da anzurufen" right after the crisis lines got FAQ buttons ("Meinst
du vielleicht eins davon?"), and "ich hab angst" "I don't know". Within the hour after
a crisis reply (`Context.crisis_case`), such a message gets the lines again, the places
to write to instead of calling, and the case code; the app adds it to the member's open
case for staff. After the danger reply (someone threatening the member) or the
emergency reply (a body in danger), that reply comes again: the police and the violence
helpline, or 112, are what matters then. Small talk, a hand-over request and a question the FAQ answers with
confidence still get their own replies (the FAQ step then adds the crisis lines).
"""

from __future__ import annotations

from bot.messages import IncomingMessage, Reply, ReplyKind
from bot.pipeline import Context, Handler, reply_language
from bot.privacy import OWN_REPLY_TOPICS
from bot.texts import Texts
from handlers.gate import StoreText, stored_text


class CrisisFollowUpHandler(Handler):
    name = "crisis-follow-up"

    def __init__(self, texts: Texts, store_text: StoreText) -> None:
        self._texts = texts
        self._store_text = store_text

    def handle(self, message: IncomingMessage, context: Context) -> Reply | None:
        if context.crisis_case is None or not message.text:
            return None
        language = reply_language(self._texts, message, context)
        key = context.crisis_topic if context.crisis_topic in OWN_REPLY_TOPICS else "crisis_follow_up"
        text = self._texts.get(
            key,
            language,
            lines=self._texts.crisis_lines(language),
            chats=self._texts.crisis_chats(language),
            code=context.crisis_case,
        )
        return Reply(
            text,
            language,
            ReplyKind.CRISIS_FOLLOW_UP,
            case_code=context.crisis_case,
            stored_text=stored_text(message.text, self._store_text),
        )
