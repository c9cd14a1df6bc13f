"""After a crisis reply: what the member writes next.

Through `kiezbot chat`, right after the crisis lines, "ich trau mich nicht da anzurufen"
got FAQ buttons ("Meinst du vielleicht eins davon?"), "ich hab angst" "I don't know",
"das hilft mir nicht" "Schreib deine Frage gern noch mal mit anderen Worten", and "nein"
"Alles klar!". Within the hour after a crisis reply (`Context.crisis_case`):

* a message that is no question ("ich will lieber schreiben als telefonieren"), a
  request for a person and a question that seeks help ("ist da jemand?") get the lines
  again, the places to write to instead of calling, and the case code ("danke", "nein",
  "sorry" alone: a short note that the lines are there). A request for a person made
  a new ticket and, at night, "our team is back on Monday";
* a question goes its usual way ("bist du ein Mensch?", "wann habt ihr offen?"), but
  the FAQ answers it only with confidence, and what it cannot answer comes back here.

The app adds each such message to the member's open case and sends its card to staff
again. After the danger reply (someone threatening the member) or the emergency reply
(a body in danger), that reply comes again: the police and the violence helpline, or
112, are what matters then. After a crisis reply in German and English (the member
wrote in another language), these come in both as well.
"""

from __future__ import annotations

from bot.messages import IncomingMessage, Reply, ReplyKind
from bot.pipeline import Context, Handler, reply_language
from bot.privacy import OWN_REPLY_TOPICS
from bot.text import asks_a_question, fold, tokens, writes_as_young
from bot.texts import Texts
from handlers.gate import StoreText, stored_text
from handlers.human import asks_for_a_person

# A message of only these words gets a short note, not the whole reply again.
_ACKNOWLEDGEMENTS = frozenset(
    fold(word)
    for word in (
        *("danke", "dankeschön", "ok", "okay", "oki", "gut", "alles", "klar", "ja", "nein", "ne", "nee"),
        *("sorry", "tut", "mir", "leid", "vergiss", "es", "egal", "schon", "passt"),
        *("thanks", "thank", "you", "thx", "yes", "no", "nope", "fine", "never", "mind", "forget", "it"),
    )
)


# A question with one of these seeks help, not an FAQ answer: "gibt es hier jemanden der
# mir helfen kann?" got the homework help, "is anyone there?" buttons.
_SEEKING_HELP = frozenset(
    fold(word)
    for word in (
        *("hilfe", "helfen", "hilft", "hilf", "jemand", "jemanden", "jemandem", "reden", "sprechen"),
        *("help", "helps", "someone", "somebody", "anyone", "anybody", "talk"),
    )
)


class CrisisFollowUpHandler(Handler):
    def __init__(self, texts: Texts, store_text: StoreText, statements_only: bool = False) -> None:
        """`statements_only`: the step before the others, for messages that ask nothing;
        without it, the step after the FAQ, for what nothing else answered."""
        self._texts = texts
        self._store_text = store_text
        self._statements_only = statements_only
        self.name = "crisis-follow-up" if statements_only else "crisis-follow-up-questions"

    def handle(self, message: IncomingMessage, context: Context) -> Reply | None:
        if context.crisis_case is None or not message.text:
            return None
        words = tokens(message.text)
        seeks_help = asks_for_a_person(message) or any(word in _SEEKING_HELP for word in words)
        if self._statements_only and asks_a_question(message.text) and not seeks_help:
            return None
        language = reply_language(self._texts, message, context)
        code, in_all_languages = context.crisis_case, context.crisis_in_all_languages
        young = context.crisis_young or writes_as_young(message.text)
        if context.crisis_topic in OWN_REPLY_TOPICS:
            key = str(context.crisis_topic)
        elif words and all(word in _ACKNOWLEDGEMENTS for word in words):
            # Small talk in the tone of the moment: nothing for staff to read.
            short = self._texts.in_each(
                language, in_all_languages, lambda shown: self._texts.get("crisis_follow_up_short", shown, code=code)
            )
            return Reply(short, language, ReplyKind.SMALLTALK)
        else:
            key = "crisis_follow_up"
        text = self._texts.in_each(
            language,
            in_all_languages,
            lambda shown: self._texts.get(
                key,
                shown,
                lines=self._texts.crisis_lines(shown, young=young),
                chats=self._texts.crisis_chats(shown),
                code=code,
            ),
        )
        return Reply(
            text,
            language,
            ReplyKind.CRISIS_FOLLOW_UP,
            case_code=context.crisis_case,
            stored_text=stored_text(message.text, self._store_text),
        )
