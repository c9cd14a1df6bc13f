"""Greetings, thanks, goodbyes and a plain "ok" get a short friendly reply, not an FAQ answer.

Only messages that are *nothing but* small talk count: "Hallo, gibt es Deutschkurse?"
is a question and goes on to the FAQ. The one exception is a thanks with a remark that
asks for nothing ("das Essen war super, danke").
"""

from __future__ import annotations

import re

from bot.messages import IncomingMessage, Reply, ReplyKind
from bot.pipeline import Context, Handler, reply_language
from bot.text import FILLER_WORDS, fold, tokens
from bot.texts import Texts

_GREETINGS = {
    "de": "hallo hallochen moin moinsen servus gruss grusse gott gruezi tag guten morgen abend hey hi huhu na",
    "en": "hi hello hey hiya howdy good morning evening afternoon day yo",
}
_THANKS = {
    "de": "danke dankeschon schon sehr vielen dank super toll prima klasse lieben herzlichen tausend merci",
    "en": "thanks thank you thx ty cheers great awesome perfect nice many lot so much very",
}
_GOODBYES = {
    "de": "tschuss tschau ciao bis bald dann spater wiedersehen auf schonen schones tag noch gute nacht wochenende "
    "lg vg mfg viele beste herzliche",
    "en": "bye goodbye see you later soon cya have a nice day good night weekend",
}
# A reply to the bot's answer that needs no answer itself: "ok", "alles klar", "got it".
# Alone it gets a short "all right"; with a thanks or a goodbye, that reply.
_ACKNOWLEDGEMENTS = {
    "de": "ok okay oki okidoki alles klar passt gut verstanden ja jo jup nein ne nee bitte gerne gern",
    "en": "ok okay alright all right got it cool fine yes yeah yep no nope sure please",
}
# Whom a greeting, thanks or goodbye is for: "Hallo zusammen", "hi there", "danke euch",
# "bye everyone". They may follow the small-talk word, never stand for it: a message
# must still start with a greeting, a thanks or a goodbye.
_ADDRESSEES = {
    "de": "zusammen leute alle an ihr euch lieben liebe liebes team",
    "en": "there everyone everybody all folks guys team people",
}
# Words that join small talk: "hallo und tschüss", "Liebe Grüße und schönes Wochenende".
_JOINING = {"de": "und", "en": "and"}
# "Grüße" after another word signs off ("Liebe Grüße", "viele Grüße"); first, it greets
# ("Grüß Gott", "Grüße aus Neukölln").
_SIGN_OFF_GREETINGS = frozenset({"grusse", "gruss", "grussen"})
# A thanks with a remark ("das Essen war super, danke", "thanks, that was helpful") is
# still a thanks: these got "I don't know" or buttons. It must say thank you in so many
# words, near its start or end, and the rest must be no question, request or complaint;
# anything else goes on to the FAQ ("danke, wann habt ihr offen?", "danke, aber das
# hilft mir nicht").
_THANKS_WORDS = {
    "danke": "de",
    "dankeschon": "de",
    "dank": "de",
    "merci": "de",
    "thanks": "en",
    "thank": "en",
    "thx": "en",
}
_THANKS_REACH = 2  # how near the start or the end the thanks must stand, in words
_MAX_REMARK_WORDS = 12
# Words that make the rest a question or a request wherever they stand. Per language,
# since "was" asks in German and tells in English ("that was helpful").
_ASKING = {
    "de": "wann wo wie was wer warum wieso weshalb welche welcher welches woher wohin ob "
    "brauche brauchen suche suchen mochte mochten will wollen frage fragen gibt gibts",
    "en": "when where how what who why which whether need want looking question wonder",
}
# Words that ask when they open the rest: "danke, habt ihr morgen offen", "thanks, is
# the cafe open tomorrow"; not "thanks, that is great".
_ASKING_FIRST = {
    "de": "ist sind hat habt kann konnt konnen darf durfen muss soll kommt geht gilt macht",
    "en": "is are was were do does did can could would will should have has may",
}
# The rest must tell something, not name it: "danke für die Info", "das war super,
# danke", "thanks, that helped". A bare name with a thanks ("WLAN Passwort, danke") is a
# request and goes on to the FAQ.
_THANKS_FOR = frozenset({"fur", "furs", "for"})
_TELLING = frozenset(
    fold(
        "war waren ist sind hat hatte haben habe hab geholfen hilft hilfreich super toll klasse "
        "prima schon lecker nett lieb gut komme kommen vorbei was were is are has have had help "
        "helped helps helpful great nice lovely good awesome amazing wonderful perfect delicious "
        "kind come"
    ).split()
)
# A complaint or a doubt is no plain thanks, in either language. ("didn't" is folded
# to "didn t", so both spellings are here.)
_NOT_SATISFIED = frozenset(
    fold(
        "nicht nichts kein keine keinen aber leider trotzdem nie but not no nothing never "
        "dont doesnt didnt isnt wasnt cant wont don doesn didn isn wasn won still"
    ).split()
)
# Praise on its own ("ihr seid toll", "das ist ja super", "you guys are amazing") got
# "I don't know, I've noted your question". A message of these words only, with at least
# one word of praise, is praise, with or without a thanks ("thanks, you guys are great");
# one other word and it is something else ("das ist ja super teuer", "ihr seid nicht toll").
_PRAISE = frozenset(
    fold(
        "toll super klasse prima spitze genial cool wunderbar grossartig grossartige lieb nett beste besten "
        "hilfreich klasse mega hammer stark great awesome amazing wonderful lovely helpful nice cool best "
        "brilliant fantastic perfect kind sweet"
    ).split()
)
_PRAISE_FRAME = frozenset(
    fold(
        "ihr seid das ist war es euer eure du bist ja echt wirklich total voll so sehr richtig einfach die "
        "der einfach mal team leute you are re guys this that is was it s really so very just the all folks "
        "team ur u thats its youre danke dankeschon vielen dank merci thanks thank thx"
    ).split()
)
# Thanks in a sentence: "ich möchte mich bedanken", "I wanted to say thank you for
# everything" got "I don't know". The sentence may say for what, and nothing else.
_THANKS_SENTENCES = tuple(
    fold(phrase)
    for phrase in ("bedanken", "danke sagen", "dankeschön sagen", "say thank you", "say thanks", "to thank you")
)
_THANKS_SENTENCE_WORDS = frozenset(
    fold(
        "wollte wollten mochte mochten will nochmal noch mal herzlich ganz fur die alles eure deine hilfe "
        "unterstutzung infos info antwort just wanted want would like everything your help support answer "
        "info again so much"
    ).split()
)
# A message of nothing but these is a reaction: a wave says hello, the rest say thanks.
# (A lone smile could mean either, so it gets the "in words, please" nudge.)
_GREETING_EMOJI = frozenset("👋")
_THANKS_EMOJI = frozenset("🙏👍👌❤♥💐🌷🌸🤗")
# Emoji variation selector, zero-width joiner and skin tones: parts of the emoji above.
_EMOJI_MODIFIERS = frozenset("\ufe0f\u200d\U0001f3fb\U0001f3fc\U0001f3fd\U0001f3fe\U0001f3ff")


# Typed emoticons, standing alone: ":)", ":-D", ";P", ":'(", "<3", "xD", "^^". Folded,
# ":D" would become the word "d" and "<3" the number "3": "hallo :D" was no greeting,
# and "hallo <3" got an FAQ answer.
_EMOTICON = re.compile(r"(?<!\S)(?:[:;=][-o'^]?[()\[\]DPpOo3*|/\\]+|<3+|[xX][dD]+|\^\^)(?!\S)")


def without_emoticons(text: str) -> str:
    """The text with typed emoticons taken out."""
    return _EMOTICON.sub(" ", text)


def folded_words(table: dict[str, str]) -> dict[str, frozenset[str]]:
    """Each language's words of a table, folded like members' text."""
    return {language: frozenset(fold(text).split()) for language, text in table.items()}


# Every small-talk word, for the questions about this chat ("hallo, bist du ein bot?").
SMALLTALK_WORDS = frozenset().union(
    *(
        vocabulary
        for table in (_GREETINGS, _THANKS, _GOODBYES, _ACKNOWLEDGEMENTS, _ADDRESSEES, _JOINING)
        for vocabulary in folded_words(table).values()
    )
)


def words_besides(padded: str, phrase: str) -> list[str] | None:
    """The message's other words if it holds the phrase, else None.

    `padded` is the message's folded words with a space before and after, built once
    for all the phrases a caller tries.
    """
    if f" {phrase} " not in padded:
        return None
    return padded.replace(f" {phrase} ", " ", 1).split()


def only_small_words(words: list[str], also: frozenset[str] = frozenset()) -> bool:
    """Nothing but filler words, small talk and `also`: the rest of a message that says one thing."""
    return all(w in FILLER_WORDS or w in SMALLTALK_WORDS or w in also for w in words)


class SmalltalkHandler(Handler):
    name = "smalltalk"

    def __init__(self, texts: Texts) -> None:
        self._texts = texts
        # The first word of a kind decides the reply; acknowledgements only when no other
        # kind is there ("ok danke" is a thanks).
        self._kinds = {
            "greeting": folded_words(_GREETINGS),
            "thanks": folded_words(_THANKS),
            "goodbye": folded_words(_GOODBYES),
            "acknowledged": folded_words(_ACKNOWLEDGEMENTS),
        }
        # Words only a goodbye has ("tschuss", "nacht"; not "tag", which greets too).
        goodbye_words = frozenset().union(*self._kinds["goodbye"].values())
        other_words = frozenset().union(
            *(
                vocabulary
                for kind, by_language in self._kinds.items()
                if kind != "goodbye"
                for vocabulary in by_language.values()
            )
        )
        self._goodbye_only = goodbye_words - other_words
        self._asking = folded_words(_ASKING)
        self._asking_first = folded_words(_ASKING_FIRST)

    def handle(self, message: IncomingMessage, context: Context) -> Reply | None:
        reaction = _reaction(message.text)
        if reaction is not None:
            chosen = reply_language(self._texts, message, context)
            return Reply(self._texts.get(reaction, chosen), chosen, ReplyKind.SMALLTALK)
        words = tokens(without_emoticons(message.text))
        if words and "?" not in message.text:
            thanked = self._thanks_with_a_remark(words)
            if thanked is not None:
                kind, thanked_in = thanked
                chosen = self._texts.language(context.chosen_language or thanked_in)
                return Reply(self._texts.get(kind, chosen), chosen, ReplyKind.SMALLTALK)
        if "?" not in message.text and _says_thank_you(words):
            chosen = reply_language(self._texts, message, context)
            return Reply(self._texts.get("thanks", chosen), chosen, ReplyKind.SMALLTALK)
        if _is_praise(words) and "?" not in message.text:
            chosen = reply_language(self._texts, message, context)
            return Reply(self._texts.get("praise", chosen), chosen, ReplyKind.SMALLTALK)
        if not words or len(words) > 6 or not all(self._is_smalltalk(w) for w in words):
            return None
        small_talk, languages = self._kind_of(words)
        if small_talk is None:
            return None
        # "hi" or "super" exist in both languages: then guess from the whole message.
        language = languages[0] if len(languages) == 1 else reply_language(self._texts, message, context)
        chosen = self._texts.language(context.chosen_language or language)
        return Reply(self._texts.get(small_talk, chosen), chosen, ReplyKind.SMALLTALK)

    def _kind_of(self, words: list[str]) -> tuple[str | None, list[str]]:
        """Which small talk a message of small-talk words is, and the languages it fits.

        A word only a goodbye has ("tschüss", "nacht") makes it a goodbye wherever it
        stands: "good night" and "danke, bis bald". Otherwise the first greeting or
        thanks word decides ("Guten Tag" is a greeting, "ok danke" a thanks), and a
        message of acknowledgements alone ("ok", "alles klar") gets a short "all right".
        """
        for word in words:
            if word in self._goodbye_only:
                return "goodbye", self._languages_of("goodbye", word)
        if any(word in _SIGN_OFF_GREETINGS for word in words[1:]):
            return "goodbye", ["de"]
        for word in words:
            for kind in ("greeting", "thanks"):
                languages = self._languages_of(kind, word)
                if languages:
                    return kind, languages
        # A goodbye word that also greets or thanks ("tag", "you") counts as that, so
        # what is left is an acknowledgement.
        for word in words:
            languages = self._languages_of("acknowledged", word)
            if languages:
                return "acknowledged", languages
        return None, []

    def _languages_of(self, kind: str, word: str) -> list[str]:
        return [language for language, vocabulary in self._kinds[kind].items() if word in vocabulary]

    def _thanks_with_a_remark(self, words: list[str]) -> tuple[str, str] | None:
        """("thanks" or "goodbye", language) for a thanks with a remark that asks for nothing.

        A remark that says goodbye ("merci, bis morgen im Kurs") makes it a goodbye. A
        message of small-talk words alone is left to the rules below ("danke, bis bald"
        is a goodbye there too).
        """
        if len(words) > _MAX_REMARK_WORDS or all(self._is_smalltalk(w) for w in words):
            return None
        reach = min(_THANKS_REACH, len(words))
        at_start = [i for i in range(reach) if words[i] in _THANKS_WORDS]
        at_end = [i for i in range(len(words) - reach, len(words)) if words[i] in _THANKS_WORDS]
        if at_start:
            language, rest = _THANKS_WORDS[words[at_start[0]]], words[at_start[-1] + 1 :]
        elif at_end:
            language, rest = _THANKS_WORDS[words[at_end[-1]]], words[: at_end[0]]
        else:
            return None
        # The thanks may come with small talk around it: "vielen Dank", "thank you so much".
        remark = [w for w in rest if not self._is_smalltalk(w)]
        if not remark or remark[0] in self._asking_first[language]:
            return None
        if any(w in self._asking[language] or w in _NOT_SATISFIED for w in remark):
            return None
        says_goodbye = any(w in self._goodbye_only for w in rest)
        if remark[0] not in _THANKS_FOR and not says_goodbye and not any(w in _TELLING for w in rest):
            return None
        return ("goodbye" if says_goodbye else "thanks"), language

    def _is_smalltalk(self, word: str) -> bool:
        return word in SMALLTALK_WORDS


def _says_thank_you(words: list[str]) -> bool:
    padded = f" {' '.join(words)} "
    for phrase in _THANKS_SENTENCES:
        rest = words_besides(padded, phrase)
        if rest is not None:
            return only_small_words(rest, _THANKS_SENTENCE_WORDS)
    return False


def _is_praise(words: list[str]) -> bool:
    return (
        0 < len(words) <= _MAX_REMARK_WORDS
        and any(w in _PRAISE for w in words)
        and all(w in _PRAISE or w in _PRAISE_FRAME for w in words)
        # "super" or "toll" alone is a thanks (below), as it always was.
        and not all(w in SMALLTALK_WORDS for w in words)
    )


def is_reaction(text: str) -> bool:
    """Nothing but a wave, a thumbs-up, folded hands, a heart or flowers."""
    return _reaction(text) is not None


def _reaction(text: str) -> str | None:
    marks = set("".join(text.split())) - _EMOJI_MODIFIERS
    if not marks or not marks <= _GREETING_EMOJI | _THANKS_EMOJI:
        return None
    return "greeting" if marks & _GREETING_EMOJI else "thanks"
