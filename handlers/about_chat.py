"""Questions about this chat itself, not about the organisation: is it a bot, how is it,
which languages it speaks, how it works ("Hilfe"), messages that ask nothing yet ("hä?",
"ich habe eine Frage"), and a member telling it that it did not help ("nichts davon",
"you don't understand").

Runs before small talk and the FAQ: "how are you" must not get the address, nor "hä?"
an "I don't know". Only the question itself counts, maybe with a greeting: "who are you
open for?" is a question about the house.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bot.messages import Button, IncomingMessage, Reply, ReplyKind
from bot.pipeline import Context, Handler
from bot.text import FILLER_WORDS, TIME_WORDS, fold, tokens
from bot.texts import Texts
from handlers.human import HUMAN_PAYLOAD
from handlers.smalltalk import folded_words, only_small_words, without_emoticons, words_besides

# Questions about the bot itself. It always says plainly that it is a bot: nobody
# should believe they are writing with a person.
_ABOUT_THE_BOT = {
    "de": (
        "bist du ein bot",
        "bist du ein chatbot",
        "bist du ein roboter",
        "bist du ein mensch",
        "bist du echt",
        "bist du eine ki",
        "bist du ki",
        "ist das ein bot",
        "wer bist du",
        "was bist du",
        "was kannst du",
        "wie alt bist du",
        "bist du chatgpt",
        "wer hat dich gemacht",
        "wer hat dich programmiert",
        # "is anyone there?" asks whether a person reads this: it got buttons
        "ist da jemand",
        "ist jemand da",
        "jemand da",
        "ist hier jemand",
    ),
    "en": (
        "are you a bot",
        "are you a chatbot",
        "are you a robot",
        "are you human",
        "are you a human",
        "are you real",
        "are you an ai",
        "are you ai",
        "is this a bot",
        "who are you",
        "what are you",
        "what can you do",
        "how old are you",
        "are you chatgpt",
        "who made you",
        "who built you",
        "is anyone there",
        "anyone there",
        "is anybody there",
        "anybody there",
        "is someone there",
        "is anyone here",
    ),
}
# "How are you?": these got the address ("wie", "you") or the events ("what's on").
_HOW_ARE_YOU = {
    "de": (
        *("wie gehts", "wie geht s", "wie geht es dir", "wie geht es euch", "wie gehts dir", "wie gehts euch"),
        *("geht es dir gut", "gehts dir gut", "alles gut bei dir", "alles gut bei euch", "was geht"),
    ),
    "en": (
        *("how are you", "how are u", "how r u", "how are you doing", "hows it going", "how s it going"),
        *("how is it going", "whats up", "what s up", "wassup", "sup", "how do you do"),
    ),
}
# "was geht" and "what's up" with a day or a time ask what is on ("was geht am wochenende
# bei euch?" got "mir geht's gut").
_WHATS_ON = frozenset(fold(phrase) for phrase in ("was geht", "whats up", "what s up", "wassup", "sup"))
_WHEN = TIME_WORDS | {"wochenende", "weekend"}
# "None of these", "das war nicht meine Frage", "du verstehst mich nicht": these got "I
# don't know, I've noted your question". Now: sorry, ask again in other words, or a
# button to write to the team.
_NOT_HELPED = {
    "de": (
        *("nichts davon", "keins davon", "keine davon", "keiner davon", "nichts passt", "passt nicht"),
        *("das war nicht meine frage", "nicht meine frage", "das meinte ich nicht", "das meine ich nicht"),
        *("du verstehst mich nicht", "ihr versteht mich nicht", "falsche antwort", "das hilft mir nicht"),
        *("hilft mir nicht", "das hilft nicht", "das stimmt nicht", "das ist falsch"),
    ),
    "en": (
        *("none of these", "none of them", "neither", "not what i asked", "not what i meant"),
        *("you don t understand", "you dont understand", "you do not understand", "wrong answer"),
        *("that doesn t help", "that doesnt help", "that didn t help", "that didnt help", "not helpful"),
        *("that s wrong", "thats wrong", "that s not right", "thats not right"),
    ),
}
_NOT_HELPED_FRAME = frozenset({"thats", "that", "this", "s", "leider", "sorry", "sadly"})
# "Ich habe eine Frage", "quick question": the question is still to come. These got "I
# don't know, I've noted your question"; now: go ahead.
_ANNOUNCES_A_QUESTION = {
    "de": (
        *("ich habe eine frage", "ich hab eine frage", "ich hab ne frage", "ich hatte eine frage"),
        *("ich hatte da eine frage", "ich habe mal eine frage", "ich hab mal ne frage", "ich hab mal eine frage"),
        *("ich habe noch eine frage", "ich hab noch ne frage", "ich hab noch eine frage", "noch eine frage"),
        *("ich habe ein paar fragen", "ich habe fragen", "ich haben frage", "ich habe frage", "eine frage"),
        *("kurze frage", "ne frage", "frage", "darf ich was fragen", "darf ich etwas fragen"),
        *("kann ich was fragen", "kann ich etwas fragen", "kann ich dich was fragen", "kann ich euch was fragen"),
    ),
    "en": (
        *("i have a question", "i ve got a question", "ive got a question", "i have a quick question"),
        *("quick question", "one question", "a question", "question", "i have some questions"),
        *("i have another question", "another question", "can i ask something", "can i ask you something"),
        *("can i ask a question", "may i ask something", "may i ask a question"),
    ),
}
# "Sprichst du Englisch?", "do you speak arabic?": which languages the bot answers in.
_SPEAKS = {
    "de": ("sprichst du", "sprecht ihr", "sprechen sie", "kannst du", "konnt ihr", "verstehst du"),
    "en": ("do you speak", "can you speak", "you speak", "do you understand", "can you understand"),
}
_LANGUAGE_NAMES = frozenset(
    fold(
        "deutsch englisch german english arabisch arabic turkisch turkish russisch russian ukrainisch "
        "ukrainian französisch french spanisch spanish polnisch polish persisch farsi persian dari "
        "kurdisch kurdish italienisch italian rumänisch romanian bulgarisch bulgarian vietnamesisch vietnamese"
    ).split()
)
# A bare "Hilfe" asks how this chat works, like /help.
_HELP_WORDS = {"hilfe": "de", "hilf": "de", "help": "en"}
# Asking for help without saying with what, also as a verb.
_HELPING_WORDS = {**_HELP_WORDS, "helfen": "de", "helft": "de", "hilfst": "de"}
# "Hilfe, bitte schnell!", "help me please", "gibt es hilfe?", "könnt ihr mir helfen?":
# still no topic, but maybe someone in trouble. These got the homework help or the
# founders' workshop ("… könnt ihr helfen?") as an answer; now the help text, with the
# crisis lines. Filler words may be among them ("can you help me"), but one word must
# ask for help for oneself: "ich möchte helfen" and "can i help?" offer it.
_PLEAS = frozenset(
    fold("bitte schnell dringend sofort jetzt mir uns brauche please me us now urgent quick need sos hilfe").split()
)
_PLEADING = FILLER_WORDS | _PLEAS | frozenset(fold("gibt gibts wer who someone somebody anyone anybody").split())
# A message of nothing but these asks nothing yet: "hä?", "how?", "und?", "warum".
# They got "I don't know, I've noted your question", buttons or the address; now the
# member is asked to say a bit more. ("wann?" and "wo?" are left to the FAQ: the
# opening hours and the address are good guesses for them.)
_VAGUE = {
    "de": "ha hae hm hmm hmmm wie was warum wieso weshalb wer welche welcher welches und oder",
    "en": "huh hm hmm hmmm how what why who which and or eh",
}


def _folded(table: Mapping[str, Sequence[str]]) -> dict[str, tuple[str, ...]]:
    """A phrase table folded like the messages it is compared with: "question" becomes
    "qustion" and "doesn't" "dosn t" (the "ue" and "oe" of German spelled without umlauts)."""
    return {language: tuple(fold(phrase) for phrase in phrases) for language, phrases in table.items()}


# Each kind of question about this chat, its phrases, and the words allowed around them.
_PHRASE_KINDS: tuple[tuple[str, dict[str, tuple[str, ...]], frozenset[str]], ...] = (
    ("about_bot", _folded(_ABOUT_THE_BOT), frozenset()),
    ("how_are_you", _folded(_HOW_ARE_YOU), frozenset()),
    ("languages", _folded(_SPEAKS), _LANGUAGE_NAMES),
    ("not_helped", _folded(_NOT_HELPED), _NOT_HELPED_FRAME),
    ("ask_away", _folded(_ANNOUNCES_A_QUESTION), frozenset()),
)
# The same phrases, in the same order, each filed under its first word: a message is
# checked only against the phrases that can be in it. Trying all ~150 on every message
# took about 40 µs (own set), 7 µs this way.
_Phrase = tuple[int, str, str, str, frozenset[str]]  # order, kind, language, phrase, also allowed


def _by_first_word() -> dict[str, list[_Phrase]]:
    filed: dict[str, list[_Phrase]] = {}
    order = 0
    for kind, table, also in _PHRASE_KINDS:
        for language, phrases in table.items():
            for phrase in phrases:
                filed.setdefault(phrase.split()[0], []).append((order, kind, language, phrase, also))
                order += 1
    return filed


_PHRASES_BY_FIRST_WORD = _by_first_word()


def candidate_phrases(words: Sequence[str]) -> list[_Phrase]:
    """The phrases that may be in a message of these folded words, in the tables' order."""
    return sorted(phrase for word in set(words) for phrase in _PHRASES_BY_FIRST_WORD.get(word, ()))


# What this step still answers in the hour after a crisis reply: whether a person reads
# along, and which languages the bot reads.
_AFTER_A_CRISIS = frozenset({"about_bot", "languages"})


class AboutThisChatHandler(Handler):
    name = "about-chat"

    def __init__(self, texts: Texts) -> None:
        self._texts = texts
        self._vague = folded_words(_VAGUE)

    def handle(self, message: IncomingMessage, context: Context) -> Reply | None:
        about = self._about_this_chat(tokens(without_emoticons(message.text)))
        if about is None:
            return None
        kind, language = about
        if context.crisis_case is not None and kind not in _AFTER_A_CRISIS:
            # "gibt es hier jemanden der mir helfen kann?" right after the crisis lines
            # got the list of commands: the crisis follow-up answers it.
            return None
        chosen = self._texts.language(context.chosen_language or language)
        if kind == "help_pleading":
            text = self._texts.with_crisis_hint(self._texts.get("help", chosen), chosen)
            return Reply(text, chosen, ReplyKind.SMALLTALK)
        if kind == "not_helped":
            button = Button(self._texts.get("human_button", chosen), HUMAN_PAYLOAD)
            return Reply(self._texts.get(kind, chosen), chosen, ReplyKind.SMALLTALK, buttons=(button,))
        return Reply(self._texts.get(kind, chosen), chosen, ReplyKind.SMALLTALK)

    def _about_this_chat(self, words: list[str]) -> tuple[str, str] | None:
        """The kind of question about this chat and its language: "Bist du ein Bot?", "Hilfe", "hä?".

        Kinds: "about_bot", "how_are_you", "languages", "help", "help_pleading", "say_more",
        "not_helped", "ask_away".
        """
        if len(words) == 1 and words[0] in _HELP_WORDS:
            return "help", _HELP_WORDS[words[0]]
        if words and len(words) <= 3:
            for language, vague in self._vague.items():
                if all(w in vague for w in words):
                    return "say_more", language
        helps = [w for w in words if w in _HELPING_WORDS]
        if helps and all(w in _HELPING_WORDS or w in _PLEADING for w in words) and any(w in _PLEAS for w in words):
            return "help_pleading", _HELPING_WORDS[helps[0]]
        padded = f" {' '.join(words)} "
        for _, kind, language, phrase, also_allowed in candidate_phrases(words):
            rest = words_besides(padded, phrase)
            if rest is None:
                continue
            if kind == "languages" and not any(w in _LANGUAGE_NAMES for w in rest):
                continue  # "kannst du mir helfen" asks for no language
            if phrase in _WHATS_ON and any(w in _WHEN for w in rest):
                continue  # "was geht am wochenende bei euch?" asks what is on, not how we are
            # Only the question itself, maybe with a greeting: "who are you open
            # for?" is a question about the house, not about the bot.
            if only_small_words(rest, also_allowed):
                return kind, language
        return None
