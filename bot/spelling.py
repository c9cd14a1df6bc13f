"""How members spell: words as written by ear, in dialect and in chat shorthand.

The privacy rules (bot/terms.py) know words as they are spelt. Many members write as
they speak ("ich wil nich mer leben", "mein man schlegt mich", "ich bin schwanga"), in
dialect ("ick will nich mehr leben", "i wui nimmer lebn") or in chat shorthand ("want 2
die", "r u there"). Blind rounds of such messages caught half of them or fewer
(docs/benchmarks.md, rounds 57–64). This module gives the rules three more ways to read
a member's words:

* `spoken_form`: a word as spelt by ear. German words lose doubled letters and a silent
  "h", read "v" as "f", "ie" as "i", "ck" as "k", "tz" as "z", and the endings of longer
  words as said ("schwanger" as "schwanga", "tabletten" as "tabletn", "kind" as
  "kint"). Other languages only lose doubled letters and a silent final "e" ("kil" for
  "kill", "liv" for "live"): by German rules "did" would be "died" and "meet" "meth".
  Every letter that is pronounced stays, so "Gruppe" is no "Grippe". The Cologne
  phonetics were tried first and were far too coarse ("wann" sounded like "wanna").
* `standard_german`: the message with dialect and chat words in standard German
  (Berlin "ick", "dit", "jeld"; Bavarian "i", "koa", "nimmer"; Swabian "han", "koi";
  Kiezdeutsch "isch", "misch"; chat "nich", "n", "ner").
* `standard_english`: the message with English chat shorthand written out ("u", "r",
  "2", "idk", "rn").

The readings only add: the rules still read the message as written too, so English "i
want to die" stays English although Bavarian "i" is "ich". Which of these words a
member used is never stored or logged; only the topic a message is about is.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Spelt and standard forms are remembered; bounded so a flood of random words cannot
# grow them.
MAX_REMEMBERED_WORDS = 50_000
# A word of this length or more may have an "e" for a term's "ä" (see `spoken_keys`).
E_FOR_A_MIN_LENGTH = 5
# German spelling by ear (see `spoken_form`): letters written as they sound, a silent
# h ("mehr", "zahlen"), doubled letters ("will", "genommen"), and the endings of longer
# words as they are said ("schwanger" as "schwanga", "tabletten" as "tabletn", "kind"
# as "kint"; "mehr" stays "mer").
_SOUNDS = {"ck": "k", "ph": "f", "th": "t", "dt": "t", "tz": "z", "ie": "i", "v": "f"}
_SOUND = re.compile("|".join(_SOUNDS))
_SILENT_H = re.compile(r"([aeiouy])h(?![aeiouy])")
_DOUBLED_LETTER = re.compile(r"(.)\1+")
_ENDINGS = {"er": "a", "en": "n", "d": "t"}
_ENDING = re.compile(r"(?<=\w{3})(?:er|en)$|d$")
# Soft and hard consonants as one ("d" and "t", "b" and "p", "g" and "k"), for the words
# of phrases only (`soft_spoken_form`). Saxon speaks them alike ("heude", "gann"), and
# they are the spelling mistake German schools know best ("bezahld", "angsd"). A single
# word would be taken for too many others: "Krippe" for "Grippe", "trocken" for "Drogen".
_HARD = str.maketrans("dbg", "tpk")
# English by ear: a silent final e after a consonant ("liv" for "live", "hav" for "have").
_SILENT_E = re.compile(r"(?<=\w\w[^aeiouy])e$")
# A word spelt by ear needs this many letters left, so that "at" and "ad" stay apart.
SPOKEN_MIN_LENGTH = 3
# Chat and dialect words, read as standard German in a second reading of the message
# (`standard_german`): Berlin ("ick", "dit", "wat"), Bavarian ("i", "mi", "koa", "net",
# "nimmer"), Swabian ("han", "koi", "meh"), Kiezdeutsch ("isch", "misch") and chat
# ("nich", "n" for "ein").
_STANDARD_WORDS: dict[str, tuple[str, ...]] = {
    "nich": ("nicht",),
    "net": ("nicht",),
    "ned": ("nicht",),
    "nimmer": ("nicht", "mehr"),
    "nimma": ("nicht", "mehr"),
    "ick": ("ich",),
    "icke": ("ich",),
    "i": ("ich",),
    "mi": ("mich",),
    "di": ("dich",),
    "si": ("sich",),
    "mei": ("mein",),
    "koa": ("kein",),
    "koane": ("keine",),
    "dit": ("das",),
    "det": ("das",),
    "wat": ("was",),
    "allet": ("alles",),
    "uff": ("auf",),
    "tach": ("tag",),
    "jeld": ("geld",),
    "jut": ("gut",),
    "janz": ("ganz",),
    "jibt": ("gibt",),
    "n": ("ein",),
    "ne": ("eine",),
    "nen": ("einen",),
    "hob": ("hab",),
    "mog": ("mag",),
    "wui": ("will",),
    "mo": ("mann",),
    "bua": ("junge",),
    "schlogt": ("schlagt",),
    "d": ("die",),
    "des": ("das",),
    "hot": ("hat",),
    "heit": ("heute",),
    "gsagt": ("gesagt",),
    "obend": ("abend",),
    "koi": ("kein",),
    "koin": ("kein",),
    "koine": ("keine",),
    "han": ("habe",),
    "meh": ("mehr",),
    "lebe": ("leben",),
    "luscht": ("lust",),
    "vadder": ("vater",),
    "mudder": ("mutter",),
    # "sch" for "ch": Kiezdeutsch, Hesse, the Rhineland, Saxony.
    "isch": ("ich",),
    "misch": ("mich",),
    "disch": ("dich",),
    "sisch": ("sich",),
    "nisch": ("nicht",),
    "fertisch": ("fertig",),
    # Kölsch and Low German (Plattdeutsch).
    "nit": ("nicht",),
    "mieh": ("mehr",),
    "levve": ("leben",),
    "leven": ("leben",),
    "well": ("will",),
    "heff": ("habe",),
    "hett": ("hat",),
    "seggt": ("sagt",),
    "op": ("auf",),
    "dat": ("das",),
    "sik": ("sich",),
    "kei": ("kein",),
    "keen": ("kein",),
    "veel": ("viel",),
    "to": ("zu",),
    "un": ("und",),
    "minge": ("meine",),
    "minger": ("meiner",),
    "mien": ("mein",),
    "broder": ("bruder",),
    "metz": ("messer",),
    "steiht": ("steht",),
    "schlaat": ("schlagt",),
    "dr": ("der",),
    "e": ("ein",),
    "de": ("die",),
    # Saxon.
    "nimmor": ("nicht", "mehr"),
    "naus": ("raus",),
    "dach": ("tag",),
    "sachd": ("sagt",),
    "sacht": ("sagt",),
    "aufer": ("auf", "der"),
    "aufm": ("auf", "dem"),
    "ner": ("einer",),
    "nem": ("einem",),
}
# English chat shorthand, read as written out in a third reading ("want 2 die", "r u
# there", "my bf"): "n" and "wat" mean other words here than in Berlin. Not "wanna":
# the terms have it, and as "want to" it took "i wanna know how to jump start my car"
# for "want to … jump".
_STANDARD_ENGLISH: dict[str, tuple[str, ...]] = {
    "u": ("you",),
    "r": ("are",),
    "y": ("why",),
    "ur": ("your",),
    "n": ("and",),
    "2": ("to",),
    "4": ("for",),
    "wat": ("what",),
    "wen": ("when",),
    "pls": ("please",),
    "plz": ("please",),
    "bc": ("because",),
    "cuz": ("because",),
    "coz": ("because",),
    "bf": ("boyfriend",),
    "gf": ("girlfriend",),
    "rn": ("right", "now"),
    "idk": ("i", "dont", "know"),
    "ppl": ("people",),
    "2nite": ("tonight",),
    "2day": ("today",),
    "2moro": ("tomorrow",),
    "tmrw": ("tomorrow",),
}
# "2 many pills" is "too many": "2" before these is "too", not "to".
_TOO_BEFORE = frozenset({"many", "much", "late"})
# Berlin's sound shifts, for any word: "ee" for "ei" ("meen", "keene", "weeß"), and
# "je" for the "ge" of a past participle ("jestrichen", "uffjehängt"), but not in the
# words that start with "je" in standard German ("jeden", "jetzt").
_BERLIN_SHIFTS = (
    (re.compile("ee"), "ei"),
    (re.compile(r"^uff"), "auf"),
    (re.compile(r"^(auf|ab|an|aus|ver|zu)?je(?=[bdfghklmnprstwz])"), r"\1ge"),
)
_STANDARD_JE = frozenset(
    [
        "jede",
        "jeden",
        "jeder",
        "jedes",
        "jedem",
        "jedenfalls",
        "jedoch",
        "jemand",
        "jemanden",
        "jemandem",
        "jemals",
        "jene",
        "jener",
        "jenes",
        "jenseits",
        "jetzt",
        "jetzige",
        "jeweils",
    ]
)


def spoken_keys(word: str) -> tuple[tuple[bool, str, bool], ...]:
    """The spoken forms a member's word is looked up by: (German, form, whole word only).

    German spelling by ear writes "ä" as "e" ("schlegt", "erger"), and terms are folded
    ("schlägt" is "schlagt"), so a longer word is also read with one "e" as "a", but
    only as a whole word: as a start, "herzlich" would be "harz…", and so "hartz*".
    """
    keys = [(german, form, False) for german in (True, False) if (form := spoken_form(word, german))]
    if len(word) >= E_FOR_A_MIN_LENGTH:
        for at in (i for i, letter in enumerate(word) if letter == "e"):
            if form := spoken_form(word[:at] + "a" + word[at + 1 :]):
                keys.append((True, form, True))
    return tuple(dict.fromkeys(keys))


def standard_english(words: list[str]) -> list[str]:
    """The words with English chat shorthand written out ("want 2 die" → "want to die",
    "2 many pills" → "too many pills"); the same list if none is."""
    standard: list[str] = []
    for position, word in enumerate(words):
        if word == "2" and position + 1 < len(words) and words[position + 1] in _TOO_BEFORE:
            standard.append("too")
        else:
            standard.extend(_STANDARD_ENGLISH.get(word, (word,)))
    return standard


def standard_german(words: list[str]) -> list[str]:
    """The words with chat and dialect words put in standard German ("ick" → "ich",
    "nimmer" → "nicht mehr", "jeld" → "geld"); the same list if none is."""
    return [standard for word in words for standard in _standard_word(word)]


@lru_cache(maxsize=MAX_REMEMBERED_WORDS)
def _standard_word(word: str) -> tuple[str, ...]:
    if word in _STANDARD_WORDS:
        return _STANDARD_WORDS[word]
    if word in _STANDARD_JE:
        return (word,)
    for pattern, replacement in _BERLIN_SHIFTS:
        word = pattern.sub(replacement, word)
    return (word,)


@lru_cache(maxsize=MAX_REMEMBERED_WORDS)
def spoken_form(word: str, german: bool = True) -> str:
    """A folded word as someone would spell it by ear: "mehr" and "mer", "vermieter" and
    "fermieter", "tabletten" and "tabletn" come out the same; not German, only doubled
    letters go ("kill", "kil"). Too short: empty."""
    if german:
        word = _SILENT_H.sub(r"\1", _SOUND.sub(lambda found: _SOUNDS[found[0]], word))
    word = _DOUBLED_LETTER.sub(r"\1", word)
    # The endings as said: German "schwanga", "tabletn", "kint"; English "liv".
    word = _ENDING.sub(lambda found: _ENDINGS[found[0]], word) if german else _SILENT_E.sub("", word)
    return word if len(word) >= SPOKEN_MIN_LENGTH else ""


@lru_cache(maxsize=MAX_REMEMBERED_WORDS)
def soft_spoken_form(word: str) -> str:
    """`spoken_form` (German) with soft and hard consonants as one: "heude" and "heute",
    "gann" and "kann". For the words of phrases only, whose other words confirm them."""
    return spoken_form(word).translate(_HARD)
