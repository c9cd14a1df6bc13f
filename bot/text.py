"""Text normalisation shared by the matcher and the privacy gate.

Members type on phones: no umlauts, typos, no punctuation, everything in one line.
Both the knowledge base and the incoming question go through the same folding, so
"Kitaplätze", "kitaplaetze" and "KITAPLATZE" all become ``kitaplatze``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Members rarely write more than a few lines; anything longer is cut before the
# expensive steps so a 100 KB paste cannot slow the bot down.
MAX_TEXT_CHARS = 2000

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_NON_LETTER = re.compile(r"[\W_]+")
_APOSTROPHE = re.compile(r"(?<=\w)['’ʼ`´](?=\w)")
# Written-out umlauts ("ae") and typed ones ("ä" → "a") must meet: fold both to the
# bare vowel. Applied to every text alike, so English words lose nothing that matters.
_DIGRAPHS = re.compile(r"(?<=[a-z])(ae|oe|ue)")
# Latin letters that Unicode does not split into a base letter and a mark, so NFKD
# would leave them to be dropped: Turkish "ı" and Polish "ł" cut "kıymak" and "chciałbym"
# in two, and members who type them without ("kiymak") would not meet the same term.
_UNDECOMPOSABLE = str.maketrans(
    {"ı": "i", "ł": "l", "đ": "d", "ø": "o", "ħ": "h", "ŀ": "l", "æ": "ae", "œ": "oe", "ð": "d", "þ": "th"}
)

# Filler words that carry no intent in either language. Question words ("wann",
# "wo", "when", "where") are kept on purpose: they tell opening hours from address.
# The polite forms belong here as much as "euch" and "eure": a letter in formal German
# ("Bieten Sie … an? Könnten Sie mir Ihr Kursangebot …") counted "Ihnen", "Ihrer" and
# "könnten" as words no entry knows, the matcher's sign of a question about something else.
# So did chat German: "habt ihr iwie nen kochkurs" got buttons for "iwie".
_FILLER_RAW = """
    a an the and or but of to in on at for with from by about as is are was were be been being am
    do does did doing have has had i me my we us our you your he she it its they them their this that
    these those there here please pls plz hi hello hey thanks thank just also really actually maybe
    can could would should will shall may might must any some something anything
    der die das den dem des ein eine einen einem einer eines und oder aber von zu zum zur im in am an
    auf fur mit bei aus ist sind war waren sein bin bist seid habe hast hat haben hatte ich mich mir
    du dich dir wir uns ihr euch er sie es man mein meine meinen meinem dein deine unser unsere euer
    eure bitte mal denn doch halt eigentlich ja nein noch schon auch so gerne gern hallo moin
    kann kannst konnt konnen konnte mochte mocht wurde wurden soll sollte muss darf etwas irgendwas
    hab vielleicht m s t d ll re ve
    dass ob weil wenn nur sehr jetzt gerade grad hier jemand jemanden alle wollte wollten will hatte
    ihnen ihre ihrem ihren ihrer ihres meiner meines seine seinen seinem seiner seines deinen deinem
    deiner deines unseren unserem unserer unseres euren eurem eurer eures konnten mochten als leider
    nen ne nem ner irgendwie iwie vllt evtl eventuell bzw bisschen bissl eig
    """

# Days, months, times of day and units of time: the words of "when" in any question
# about a schedule ("ist die Sozialberatung auch dienstags nachmittags?"). A FAQ names
# a few of them, so the rest counted as words no entry knows, the matcher's sign of a
# question about something else, and such questions got buttons.
_TIME_RAW = """
    montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag montags dienstags
    mittwochs donnerstags freitags samstags sonnabends sonntags wochentag wochentags wochentage
    werktag werktags werktage feiertags morgen morgens fruh vormittag vormittags mittag mittags
    nachmittag nachmittags abend abends nacht nachts heute gestern ubermorgen tag tage tagen
    woche wochen monat monate monats jahr jahre jahres uhr um uhrzeit halb viertel minuten
    stunde stunden januar janner februar marz april mai juni juli august september oktober
    november dezember
    monday tuesday wednesday thursday friday saturday sunday mondays tuesdays wednesdays thursdays
    fridays saturdays sundays weekday weekdays morning mornings afternoon afternoons evening
    evenings night nights tonight today tomorrow yesterday day days week weeks month months year
    years time times oclock hour hours minute minutes pm january february march april june july
    august september october november december
    """

# Words of one language only: not "was" (English "that was helpful", German "was
# kostet") nor "an" (English "an apple", German "ruft mich an").
_GERMAN_RAW = """
    der die das und ist ich wir ihr nicht wann wo wie wer gibt es bei mit fur ein eine kann
    habt hab haben sind mein meine bitte danke hallo moin euch uns auch noch kein keine zum zur
    mich mir dich dir seid bist
    """
_ENGLISH_RAW = """
    the and is i we you not when where how what who there a can do does have are my please
    thanks thank hello hi your to for of with any it me that thats this youre
    """


def clean(text: str) -> str:
    """Strip control and invisible characters and cut overlong input."""
    text = _CONTROL.sub(" ", text[: MAX_TEXT_CHARS * 2])
    return " ".join(text.split())[:MAX_TEXT_CHARS]


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case, fold umlauts/ß/accents, drop punctuation; words separated by one space."""
    return _folded(_NON_WORD.sub(" ", _without_marks(text)))


@lru_cache(maxsize=65536)
def fold_any_script(text: str) -> str:
    """`fold`, but letters of other scripts stay ("хочу умереть", "انتحار").

    The privacy rules read every message, also those in Cyrillic or Arabic letters, of
    which `fold` keeps nothing. Latin text folds as with `fold`.
    """
    return _folded(_NON_LETTER.sub(" ", _without_marks(text)))


def _without_marks(text: str) -> str:
    text = text.casefold().replace("ß", "ss").translate(_UNDECOMPOSABLE)
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def _folded(text: str) -> str:
    return " ".join(_DIGRAPHS.sub(lambda m: m.group(1)[0], text).split())


def in_another_script(text: str) -> bool:
    """Letters, but none of them Latin: Arabic, Cyrillic, Greek … ("مرحبا", "Привіт").

    Folding keeps only a–z and digits, so such a message has no words for the bot at
    all, though the member wrote some.
    """
    return not fold(text) and any(ch.isalpha() for ch in text)


# Greetings and question words of languages members also write in, with Latin letters:
# Turkish, Spanish, French, Italian, Polish, and Arabic written in Latin letters. Only
# words that are no German or English words ("merci" and "ciao" are German chat too,
# "dove", "jest" and "hay" English). Read only when nothing else answered: at worst, an
# "I don't know" is worded for someone who may not read German.
_OTHER_LANGUAGE_RAW = """
    merhaba selam selamlar nerede nerde nasil zaman lutfen tesekkurler tesekkur mi mu var yok
    hola buenos buenas cuando donde gracias tienen puedo
    bonjour bonsoir salut quand avez vous est ce que
    buongiorno buonasera quando grazie avete
    dzien dobry kiedy gdzie czy dziekuje
    salam marhaba shukran
    """


def in_another_language(text: str) -> bool:
    """Words of another language in Latin letters ("hola, cuando abren?") and none of ours."""
    words = tokens(text)
    return any(w in _OTHER_LANGUAGE for w in words) and not any(w in _OUR_MARKERS for w in words)


def join_contractions(text: str) -> str:
    """Drop apostrophes inside words: "can't", "can’t" and "cant" become one word.

    Used by the privacy gate, whose terms ("cant pay", "im broke") must match however a
    member types them. The matcher keeps "what's" as two words: its scores were chosen
    that way (docs/benchmarks.md).
    """
    return _APOSTROPHE.sub("", text)


def _folded_set(words: str) -> frozenset[str]:
    return frozenset(fold(word) for word in words.split())


FILLER_WORDS = _folded_set(_FILLER_RAW)
TIME_WORDS = _folded_set(_TIME_RAW)
_OTHER_LANGUAGE = _folded_set(_OTHER_LANGUAGE_RAW)
_GERMAN_MARKERS = _folded_set(_GERMAN_RAW)
_ENGLISH_MARKERS = _folded_set(_ENGLISH_RAW)
_OUR_MARKERS = _GERMAN_MARKERS | _ENGLISH_MARKERS


def tokens(text: str) -> list[str]:
    """Folded words of `text`, filler words included."""
    return fold(text).split()


def content_tokens(text: str) -> list[str]:
    """Folded words without filler words; falls back to all words if only filler is left."""
    words = tokens(text)
    kept = [w for w in words if w not in FILLER_WORDS]
    return kept or words


def marked_language(text: str) -> str | None:
    """German or English if the member's own words say so (umlauts, marker words); else None.

    Ahead of the language of the FAQ phrasing a question matched best: that follows the
    topic word, and members use loanwords ("is there wlan" got the German answer,
    "schick mir das per email" the English one).
    """
    if any(ch in text for ch in "äöüÄÖÜß"):
        return "de"
    words = tokens(text)
    german = sum(1 for w in words if w in _GERMAN_MARKERS)
    english = sum(1 for w in words if w in _ENGLISH_MARKERS)
    if german > english:
        return "de"
    if english > german:
        return "en"
    return None


def guess_language(text: str, hint: str | None, default: str) -> str:
    """A cheap German/English guess from marker words and umlauts.

    Used for replies that no FAQ entry decides (fallback, redirect, small talk).
    The platform's language hint breaks ties, then the configured default.
    """
    marked = marked_language(text)
    if marked is not None:
        return marked
    if hint:
        short = hint.split("-")[0].lower()
        if short in ("de", "en"):
            return short
    return default


# One message may ask two or three things: "wo seid ihr und wann habt ihr offen?".
# It is cut at question marks, and at "und", "and", "oder" or "or" where
# a question starts after it ("… und wann habt ihr offen"), not in "Kleidung und Möbel"
# or "Wann und wo ist der Flohmarkt?". Not at commas or exclamation marks: "I lost my
# card, how do I report it" and "help! I'm a victim of fraud" are one question each,
# and their pieces ("how", "help") got answers of their own. (Line breaks are gone by
# then: the pipeline joins a message's lines.)
_SENTENCE_END = re.compile(r"\?+")
_JOINERS = frozenset({"und", "and", "oder", "or", "&"})
_QUESTION_STARTS = _folded_set(
    """
    wann wo wie was wer warum wieso welche welcher welches gibt gibts habt hat ist sind kann
    könnt können kostet muss darf when where how what who why which is are do does can could
    """
)
# More parts than this is no ordinary message (a list, a flood): it is read as one.
MAX_QUESTION_PARTS = 4
MIN_PART_WORDS = 3


_fold_uncached = fold.__wrapped__


def question_parts(text: str) -> list[str]:
    """The questions in one message, in order; the whole text if it asks one thing."""
    if not _SENTENCE_END.search(text) and not any(w.casefold() in _JOINERS for w in text.split()):
        return [text]  # most messages: nothing to cut at
    parts: list[str] = []
    for sentence in _SENTENCE_END.split(text):
        words = sentence.split()
        # Folded word by word without `fold`'s cache, which single words of every
        # message would crowd. A word that folds to nothing ("&") is kept as typed.
        folded = [" ".join(_fold_uncached(word).split()[:1]) or word for word in words]
        current: list[str] = []
        current_folded: list[str] = []
        clause_start = 0  # where the last "." or "!" left off, in `current_folded`
        for index, word in enumerate(words):
            following = folded[index + 1] if index + 1 < len(words) else ""
            # "Wann und wo …" is one question: what comes before must say more than "wann".
            said = any(w not in _QUESTION_STARTS for w in current_folded)
            # … and must ask itself: "mein Sohn war beim Jugendclub und hat seine Jacke
            # liegen lassen" tells, and its first half got the youth club's answer. A
            # told sentence before it does not count ("We just moved here. Where are
            # you and when are you open?").
            asks = any(w in _QUESTION_STARTS for w in current_folded[clause_start : clause_start + 2])
            if said and asks and following in _QUESTION_STARTS and folded[index] in _JOINERS:
                parts.append(" ".join(current))
                current, current_folded, clause_start = [], [], 0
                continue
            current.append(word)
            current_folded.append(folded[index])
            if word[-1] in ".!":
                clause_start = len(current_folded)
        if current:
            parts.append(" ".join(current))
    # A piece of one or two words ("kita?", "und?") is no question of its own.
    parts = [part for part in parts if len(_fold_uncached(part).split()) >= MIN_PART_WORDS]
    return parts if 1 < len(parts) <= MAX_QUESTION_PARTS else [text]


# A greeting, a polite opener or a sign-off frames a question without saying what it is
# about: "Guten Morgen, ich hätte eine Frage: wann ist der Laternenumzug?" got buttons
# with the Kita first, "hi there, is there wifi? cheers, tom" and "Moin! Was kostet ein
# Deutschkurs? Danke und LG" got buttons too. Their words (and the name under a
# sign-off) count as words the FAQ does not know, which is the matcher's best sign of a
# question about something else. So the matcher reads the question without them.
# Written as patterns over the text as typed: a space stands for any run of spaces and
# punctuation, and "ä", "ö", "ü", "ß" also match "ae"/"a", "oe"/"o", "ue"/"u", "ss".
_NAME = r"\w+"
_GREETING_PHRASES = r"""
    hallo; hallöchen; hi; hey; huhu; moin moin; moin; moinsen; servus; grüß gott; grüezi; guten morgen
    guten tag; guten abend; hello; hiya; howdy; good morning; good afternoon; good evening
    sehr geehrte damen und herren; sehr geehrtes team; sehr geehrte frau NAME; sehr geehrter herr NAME; liebe frau NAME
    lieber herr NAME; dear sir or madam; dear sir madam; dear NAME
"""
# Only right after a greeting: "Hallo zusammen", "hi there", "Hallo liebes Team".
_ADDRESSEE_PHRASES = r"""
    zusammen; miteinander; ihr lieben; ihr; liebes team; liebe leute; liebe alle; leute; team; there
    everyone; all; folks; guys
"""
_OPENER_PHRASES = r"""
    ich (?:hätte|habe|hab) (?:mal |da |nur )?(?:eine |ne )?(?:kurze )?frage; (?:eine |ne )?kurze frage
    eine frage; (?:i have |i've got )?(?:a )?quick question; i have a question
    sorry to bother you; sorry for bothering you; sorry für die störung; entschuldigung für die störung
    entschuldigen sie die störung; entschuldigung; excuse me
    (?:ich bin|wir sind) neu (?:hier|in der gegend|im kiez|in der stadt)
    (?:i am|i'm|im|we are|we're) new (?:here|in the area|in town)
    (?:ich )?(?:wollte|würde|möchte) (?:gerne |gern )?(?:mal |nur )?(?:kurz )?(?:fragen|nachfragen)(?: ob)?
    (?:ich )?(?:wollte|würde|möchte) (?:mich )?(?:gerne |gern )?(?:mal )?(?:erkundigen|informieren)(?: ob)?
    i (?:wanted|would like|want) to ask(?: if| whether)?
    (?:ich )?(?:wollte|würde|möchte) (?:gerne |gern )?(?:mal )?wissen(?: ob)?
    (?:könnten|können|würden) sie (?:mir |uns )?(?:bitte )?(?:kurz )?(?:sagen|mitteilen|erläutern|erklären)(?: ob)?
    (?:kannst du|könnt ihr) (?:mir |uns )?(?:bitte )?(?:kurz )?(?:sagen|erklären)(?: ob)?
    (?:could|would|can) you (?:please |kindly )?(?:tell me|tell us|let me know|let us know)(?: if| whether)?
    i would be grateful for (?:some |any )?information (?:about|on)
    (?:do you |does anyone |have you |has anyone )?(?:got |have )?any idea(?: if| whether)?
"""
# At the end, with a name after it ("LG Anna", "Viele Grüße, Dr. Klaus Becker"): up to
# three words after a comma or full stop, else one (two after a sign-off that can be
# nothing else). Not more: "Kann man einen LG Fernseher reparieren lassen?" is a question.
_SIGN_OFF_PHRASES = r"""
    liebe grüße; viele grüße; beste grüße; herzliche grüße; freundliche grüße; mit freundlichen grüßen
    schöne grüße; kind regards; best regards; best wishes
"""
_SHORT_SIGN_OFF_PHRASES = r"""
    lg; vg; mfg; gruß; grüße
"""
# Words that are sign-offs only after a comma or full stop: "where can I buy cheers beer".
_PUNCTUATED_SIGN_OFF_PHRASES = r"""
    regards; cheers
"""
# At the end, after a full stop, comma or emoji only: "… offen, danke im voraus".
_THANKS_PHRASES = r"""
    (?:vielen |herzlichen )?danke?(?: schön| sehr| dir| euch)?(?: im voraus| schon mal| vorab)?
    thanks(?: a lot| so much)?(?: in advance)?; thank you(?: so much| very much)?(?: in advance)?
"""
# At the end, after a comma or full stop: asking whom to turn to about what was just
# said. "… würde mich gern ehrenamtlich einbringen. An wen darf ich mich wenden?" and
# "… as a volunteer. Whom should I contact?" got the contact details as an answer, and
# so did a worry in words the privacy rules do not know, followed by "Who can I talk
# to at your place?". What is asked about is what was told. Alone ("An wen kann ich
# mich wenden?") such a question is the question, and stays.
_ASKING_FOR_SOMEONE_PHRASES = r"""
    (?:an )?wen (?:kann|darf|soll|sollte|könnte) (?:ich|man) (?:mich |sich )?(?:bei euch |bei ihnen )?wenden
    (?:an )?wen (?:kann|darf|soll|sollte|könnte) (?:ich|man) (?:mich |sich )?(?:da |damit |dafür )?wenden
    wen (?:kann|darf|soll|sollte|könnte) (?:ich|man) (?:bei euch |bei ihnen |da |dafür )?(?:ansprechen|fragen)
    wen (?:kann|darf|soll|sollte|könnte) (?:ich|man) (?:bei euch |bei ihnen |dafür )?(?:kontaktieren|anrufen)
    wohin (?:kann|darf|soll) (?:ich|man) (?:mich |sich )?(?:damit )?wenden
    wem (?:sag|sage|schreib|schreibe) ich (?:das|es|bescheid)
    wer ist (?:bei euch |bei ihnen )?(?:dafür |da )?zuständig
    (?:who|whom) (?:should|can|could|do) i (?:contact|talk to|speak to|ask|turn to)(?: about it| about this)?
    (?:who|whom) (?:should|can|could|do) i (?:contact|talk to|ask)(?: at your place| there| at the cent(?:re|er))
    who is the right person(?: to ask| to contact| to talk to)?
"""
_UMLAUTS = {"ä": "(?:ä|ae|a)", "ö": "(?:ö|oe|o)", "ü": "(?:ü|ue|u)", "ß": "(?:ß|ss)", "'": "['’]?"}
_BETWEEN = r"[\W_]+"


def _phrases(raw: str) -> str:
    """One regular expression for phrases given one per line or separated by ";"."""
    alternatives = (" ".join(p.split()) for p in re.split(r"[;\n]", raw) if p.strip())
    spelled = "|".join("".join(_UMLAUTS.get(ch, ch) for ch in p) for p in alternatives)
    return spelled.replace(" ", _BETWEEN).replace("NAME", _NAME)


_FRAMING_START = re.compile(
    rf"^[\W_]*(?:(?:(?:{_phrases(_GREETING_PHRASES)})(?:{_BETWEEN}(?:{_phrases(_ADDRESSEE_PHRASES)}))?"
    rf"|{_phrases(_OPENER_PHRASES)})\b[\W_]*(?:(?:und|and|aber|but)\b[\W_]*)?)+",
    re.IGNORECASE,
)
_ANY_SIGN_OFF = "|".join(
    _phrases(raw) for raw in (_SIGN_OFF_PHRASES, _SHORT_SIGN_OFF_PHRASES, _PUNCTUATED_SIGN_OFF_PHRASES)
)
_AFTER_PUNCTUATION = r"(?<=[^\w\s])\s*"
_WORD_START = r"(?<![^\W_])"
_FRAMING_END = re.compile(
    rf"(?:{_AFTER_PUNCTUATION}(?:{_ANY_SIGN_OFF})(?:{_BETWEEN}\w+){{0,3}}"
    rf"|{_WORD_START}(?:{_phrases(_SIGN_OFF_PHRASES)})(?:{_BETWEEN}\w+){{0,2}}"
    rf"|{_WORD_START}(?:{_phrases(_SHORT_SIGN_OFF_PHRASES)})(?:{_BETWEEN}\w+)?"
    rf"|{_AFTER_PUNCTUATION}(?:{_phrases(_THANKS_PHRASES)})"
    rf"|{_AFTER_PUNCTUATION}(?:{_phrases(_ASKING_FOR_SOMEONE_PHRASES)}))"
    rf"(?:{_BETWEEN}(?:und|and|&){_BETWEEN}(?:{_ANY_SIGN_OFF}))?[\W_]*$",
    re.IGNORECASE,
)
# Greetings and openers stand in a message's first words, sign-offs in its last: the
# patterns read no further, so a hostile message (", , , …" × 500) costs no more than a
# long greeting.
_FRAMING_START_REACH = 200
_FRAMING_END_REACH = 80


# Less than this left, and the framing was the message, or most of it: "hi, ai", "hey
# what's up" (CLINC's greetings).
MIN_CORE_WORDS = 3


def question_core(text: str) -> str:
    """The question without a greeting, polite opener or sign-off around it.

    The text itself if less than three words would be left ("Hallo!", "Liebe Grüße").
    """
    opening = _FRAMING_START.match(text, 0, _FRAMING_START_REACH)
    core = text[opening.end() :] if opening else text
    ending = _FRAMING_END.search(core, max(0, len(core) - _FRAMING_END_REACH))
    if ending is not None:
        core = core[: ending.start()]
    if core is text:
        return text
    core = core.strip().rstrip(",;")
    return core if len(core.split()) >= MIN_CORE_WORDS and any(ch.isalnum() for ch in core) else text


# A sentence ends at ".", "!" or "?" before a space, but not at the full stop of a
# number ("am 5. Dezember", "in der 4. Klasse"), an initial or a common abbreviation:
# a date's "5." cannot be told from a sentence's end by the characters alone.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+")
_NO_SENTENCE_END = re.compile(
    r"(?:\d|\b\w|\b(?:ca|st|dr|nr|str|bzw|usw|etc|evtl|ggf|inkl|mr|mrs|ms|vs))\.$", re.IGNORECASE
)
# … unless a question starts after it: no date or class number is followed by "Habt",
# "Gibt" or "Do you" ("our son is 2. Do you have free places in the daycare?").
_QUESTION_START = re.compile(
    r"(?:habt|gibt|gibts|hat|haben|kann|kannst|konnt|konnen|können|darf|durfen|dürfen|ist|sind|seid|wann|wo|wie"
    r"|wer|welche[rsmn]?|do|does|can|could|is|are|have|has|will|would|what|when|where|how|who|which)\b",
    re.IGNORECASE,
)


def asked_sentence(text: str) -> str | None:
    """The question a message leads up to, when it first tells something.

    Members often write what happened before they ask ("Mein Toaster geht nicht mehr und
    ich will ihn nicht wegwerfen. Wann ist das Repair-Café?"). Every told word the FAQ
    does not know counts against the whole message, so such questions got buttons: the
    last sentence with a question mark is what is asked. None for a message of one
    sentence, or of questions only ("Habt ihr WLAN? Wie ist das Passwort?").
    """
    sentences: list[str] = []
    for piece in _SENTENCE_BREAK.split(text.strip()):
        if sentences and _NO_SENTENCE_END.search(sentences[-1]) and not _QUESTION_START.match(piece):
            sentences[-1] += " " + piece
        else:
            sentences.append(piece)
    asking = [index for index, sentence in enumerate(sentences) if sentence.endswith("?")]
    if not asking or all(sentence.endswith("?") for sentence in sentences[: asking[-1]]):
        return None
    return sentences[asking[-1]]


# Words a follow-up asks with ("und was kostet das?", "wo ist das?", "is it free?"): what,
# when, where, how much, whether one must sign up or may bring something, and the words
# that point back to what was just said. A message of these (and filler words) alone
# names no topic of its own.
_FOLLOW_UP_RAW = """
    wann wo wohin wie was wer welche welcher welches wieviel viel viele lange uhr uhrzeit zeit
    kostet kosten kostenlos umsonst gratis preis teuer gebuhr anmelden anmeldung melden melde
    voranmeldung termin muss musst mussen braucht brauche brauchen mitbringen bringen
    heute morgen wochenende samstag sonntag montag dienstag mittwoch donnerstag freitag
    abends vormittags nachmittags jeden jede woche monat offen geoffnet statt findet gilt
    geht gehts genau wirklich immer nur dafur dort da dazu dahin hin dabei damit davon drin
    englisch deutsch sprache los anfangen fangt beginnt beginn startet endet ende dauert
    when where how what who which much many long time cost costs free price fee fees sign
    up register registration book booking appointment need needed bring today tomorrow
    weekend saturday sunday monday tuesday wednesday thursday friday evening morning every
    week month open place take takes still only english german language then start starts
    begin begins end ends last lasts nachste nachsten nachstes next moglich possible
"""
_FOLLOW_UP_WORDS = _folded_set(_FOLLOW_UP_RAW)
# "Wo seid ihr?", "when are you open?" ask about the house, whatever was said before …
_ABOUT_THE_HOUSE = _folded_set("ihr euch euer eure you your")
# … but "Geht das bei euch?", "is that possible at your place?" ask about what was told.
_POINTING_BACK = _folded_set("das dies dieses sowas that this it")
# "How does that work?", "Wie funktioniert das?" ask about what was told; "where can I
# work?" names the jobs.
_HOW_IT_GOES = _folded_set("funktioniert klappt work works")
MAX_FOLLOW_UP_WORDS = 8
# Whom or what one brings along ("kann ich da mein Kind mitbringen?", "darf mein Hund
# mit?", "can I bring my kids along?") names no topic either, when the message asks
# about bringing them: it asks about what was just answered. Only with these words of
# bringing along: "wann kann ich mein Kind bringen?" asks for the Kita's drop-off
# times, whatever came before.
_COMPANIONS = _folded_set(
    """
    kind kinder kindern sohn tochter baby babys hund hunde freund freundin freunde freunden
    partner partnerin mann frau oma opa mama papa eltern enkel enkelin begleitung
    kid kids child children son daughter dog dogs friend friends husband wife mum mom dad
    parents grandma grandpa
    """
)
_BRINGING_ALONG = _folded_set("mitbringen mitnehmen mitkommen mit along")


def names_no_topic(text: str) -> bool:
    """A short question of question words and words pointing back only: a follow-up."""
    words = tokens(text)
    if not 0 < len(words) <= MAX_FOLLOW_UP_WORDS:
        return False
    pointing_back = any(w in _POINTING_BACK for w in words)
    if any(w in _ABOUT_THE_HOUSE for w in words) and not pointing_back:
        return False
    along = any(w in _BRINGING_ALONG for w in words)
    return all(
        w in _FOLLOW_UP_WORDS
        or w in FILLER_WORDS
        or (along and (w in _COMPANIONS or w in _BRINGING_ALONG))
        or (pointing_back and w in _HOW_IT_GOES)
        for w in words
    )


# What a follow-up asks about, and whether an answer already says it. "ist das
# kostenlos?" after the Repair Café's answer ("… Kostenlos, Spenden willkommen") is
# answered by that answer again; "wo ist das?" after the opening hours is not (they name
# no place), so the member gets a choice with the address.
_ASPECT_QUESTION_WORDS = {
    "time": "wann when uhrzeit uhr zeit time heute morgen today tomorrow wochenende weekend",
    "cost": "kostet kosten kostenlos umsonst gratis preis teuer gebuhr wieviel cost costs free price fee fees much",
    "place": "wo where wohin dort",
    "sign-up": (
        "anmelden anmeldung voranmeldung melden melde register registration sign book booking termin appointment"
    ),
}
_ASPECTS = {aspect: _folded_set(words) for aspect, words in _ASPECT_QUESTION_WORDS.items()}
_WEEKDAYS = (
    "montag dienstag mittwoch donnerstag freitag samstag sonntag monday tuesday wednesday thursday friday "
    "saturday sunday"
)
# Read on the folded answer ("7:30 Uhr" → "7 30 uhr"; "€" is gone, hence "euro" and the raw check).
_ASPECT_IN_ANSWER = {
    "time": re.compile(
        rf"\b(?:\d{{1,2}} (?:\d{{2}} )?(?:uhr|am|pm)|(?:{'|'.join(_WEEKDAYS.split())})s?|taglich|daily)\b"
    ),
    # "free" but not "free places", "feel free" or "step-free"
    "cost": re.compile(
        r"\b(?:kost\w*|euros?|gratis|umsonst|spende\w*|donations?|(?<!feel )(?<!step )free(?! places| spots)"
        r"|\w*zahl\w*|pay\w*|costs?|price|preis\w*|gebuhr\w*|fees?)\b"
    ),
    "place": re.compile(
        r"\b(?:raum|saal|keller|foyer|erdgeschoss|obergeschoss|etage|empfang|garten|hof|\w*strasse|room|hall"
        r"|basement|floor|reception|garden|yard|street)\b"
    ),
    "sign-up": re.compile(
        r"\b(?:\w*anmeld\w*|termin\w*|sign ?up|regist\w*|book\w*|appointment|einfach vorbei|drop by)\b"
    ),
    # whether children, a dog or a companion may come: the answer must name them
    "bring-along": re.compile(
        r"\b(?:\w*kind\w*|kids?|child\w*|famil\w*|eltern|parents|bab(?:y|ys|ies)|hund\w*|dogs?|mitbring\w*"
        r"|begleit\w*|bring (?:along|your))\b"
    ),
}


def follow_up_aspects(text: str) -> frozenset[str]:
    """What a follow-up asks: "time", "cost", "place", "sign-up", "bring-along" (none, some or several)."""
    words = set(tokens(text))
    asked = {aspect for aspect, vocabulary in _ASPECTS.items() if words & vocabulary}
    if words & _COMPANIONS and words & _BRINGING_ALONG:
        asked.add("bring-along")  # "kann ich mein Kind mitbringen?", "darf mein Hund mit?"
    return frozenset(asked)


def answer_covers(answer: str, aspect: str) -> bool:
    """Whether an answer says something about the aspect (a time, a price, a place, signing up)."""
    if aspect == "cost" and "€" in answer:
        return True
    return _ASPECT_IN_ANSWER[aspect].search(fold(answer)) is not None


# Someone close to the member, named in a message: family, partner, teacher, neighbour.
# Not the `_COMPANIONS` above, though the lists overlap: no "Kind", "Kinder", "kid" or
# "child" here. Half our entries are about children, and with them five right answers
# became buttons ("mein kind hat morgen geburtstag, können wir bei euch feiern",
# docs/benchmarks.md, fourteenth session); no dog or "Begleitung" either. And the
# people children write about: "ein großer junge im jugendclub nimmt mir immer mein
# taschengeld weg" got the youth club (twentieth session).
_PEOPLE_CLOSE = _folded_set(
    """
    mama mami mutter papa papi vater eltern stiefvater stiefmutter stiefpapa stiefmama bruder
    schwester sohn tochter mann ehemann frau ehefrau freund freundin partner partnerin ex onkel
    tante opa oma enkel enkelin enkelkind cousin cousine lehrer lehrerin trainer trainerin
    nachbar nachbarin baby junge jungen jungs mädchen typ typen kerl kumpel betreuer
    betreuerin erzieher erzieherin
    mum mom mommy mummy dad daddy mother father parents stepdad stepfather stepmom stepmother
    brother sister son daughter husband wife boyfriend girlfriend uncle aunt grandpa grandma
    grandson granddaughter grandchild teacher coach neighbour neighbor boy boys girl girls guy
    guys
    """
)
# Words that ask or request something wherever they stand: with one of them, a message
# is a question. (Verbs like "ist", "hat", "can" ask only at the start: "mein Mann ist
# im Gefängnis", "mein Vater hat mich geschlagen" ask nothing.) One list per language,
# because German asking words are English telling words: "my uncle was in my room last
# night" and "my dad will be gone all week" ask nothing.
_ASKING = {
    "de": _folded_set(
        """
        wann wo wohin woher wie was wer warum wieso weshalb welche welcher welches gibt gibts
        habt könnt bietet seid suche suchen sucht brauche braucht brauchen möchte möchten will
        wollen würde interessiert info infos anmelden helfen hilfe
        """
    ),
    "en": _folded_set(
        """
        when where how what who why which need needs looking want wants would like interested
        info information sign register help
        """
    ),
}
_ASKING_IN_EITHER = _ASKING["de"] | _ASKING["en"]
MIN_STATEMENT_WORDS = 4
_CLAUSE_BREAK = re.compile(r"[,;:.!]")


def tells_about_someone(text: str) -> bool:
    """A statement about someone close to the member that asks nothing.

    "my stepdad comes into my room at night" and "my parents lock me in my room" got
    the room rental as an answer: the privacy rules did not know their words, and
    "room" is the room rental's. Such a message may be a disclosure; questions about
    the house ask ("?", "wann", "gibt es", "ich suche", "I need").
    """
    words = tokens(text)
    if len(words) < MIN_STATEMENT_WORDS or not set(words) & _PEOPLE_CLOSE:
        return False
    return not asks(text)


def asks_a_question(text: str) -> bool:
    """A "?", or a clause that starts like a question ("wann habt ihr offen", "can he come in")."""
    if "?" in text:
        return True
    # A clause asks where a message would: at its start, or after a comma when the "?"
    # is left out ("my husband uses a wheelchair, can he come in").
    return any(clause and clause[0] in _QUESTION_STARTS for clause in map(tokens, _CLAUSE_BREAK.split(text)))


def asks(text: str) -> bool:
    """Whether a message asks or requests something: a question, or "gibt es", "ich suche", "I need"."""
    if asks_a_question(text):
        return True
    language = marked_language(text)
    # A message in neither language for sure asks with the words of both.
    return bool(set(tokens(text)) & (_ASKING[language] if language else _ASKING_IN_EITHER))


# A crisis message may be about someone else: "mein freund hat geschrieben dass er
# heute abend von der brücke springen will". Such a member is worried, not in crisis
# themself, and "Es tut mir leid, dass es dir so schlecht geht" misses them. The
# people: those close (above), and friends, flatmates, colleagues.
_PEOPLE_AROUND = _PEOPLE_CLOSE | _folded_set(
    """
    kind kumpel kollege kollegin mitbewohner mitbewohnerin junge jungs mädchen jugendliche jugendlicher
    schüler schülerin klient klientin teilnehmer teilnehmerin bewohner bewohnerin patient patientin
    friend mate flatmate roommate colleague child kid kids boy girl teen teenager student pupil client
    resident
    """
)
# Those who write about someone in their care say first who they are: "Ich bin
# Lehrerin und eine Schülerin hat mir gesagt …", "I'm a youth worker and one of the
# kids …". That "ich" is no sign of the member's own crisis, nor is the role someone
# else (a teacher who writes "ich bin Lehrerin und will nicht mehr" means themself).
_HELPER_ROLES = (
    r"(?:lehrer|erzieher|trainer|sozialarbeiter|schulsozialarbeiter|ubungsleiter|betreuer|jugendarbeiter"
    r"|sozialpadagoge?|pfleger|kursleiter|ehrenamtliche?|tagesmutter|tagesvater|hebamme"
    r"|krankenschwester)(?:in|r)?"
    r"|teacher|coach|(?:youth|social|support) worker|nurse|carer|caregiver|counsell?or|mentor|volunteer|tutor"
)
_SELF_INTRODUCTION = re.compile(
    rf"\b(?:(?:ich )?bin (?:ein |eine )?|(?:ich )?arbeite als |als |i ?m an? |i am an? |i work as an? |as an? )"
    rf"(?:{_HELPER_ROLES})\b"
)
_OF_MINE = re.compile(r"\b(\w+) von mir\b")
# The member speaking of themself, also without "ich" as chats often write ("bin am
# ende", "hab keine kraft mehr").
_FIRST_PERSON = _folded_set("ich mich mir bin hab habe i me myself")
# … except where they only speak of their worry or their helplessness, or of being
# told ("mein Freund hat mir gerade geschrieben, dass …"). Matched on folded text, so
# "weiß"/"weiss" and "I'm"/"I’m" are one.
_WORRY = re.compile(
    r"\bich weiss (?:nicht|echt nicht)\b|\bich mache? mir (?:grosse |solche )?sorgen\b"
    r"|\bwie ich (?:ihm|ihr|ihnen) helfen\b|\bwas (?:soll|kann) ich (?:tun|machen)\b"
    r"|\bi (?:don ?t|do not) know\b|\b(?:i ?m|i am) (?:so |really )?worried\b"
    r"|\bwhat (?:should|can|do) i do\b|\bhow (?:can|do) i help\b"
    r"|\b(?:sent|texted|told|showed|wrote|messaged) me\b|\bhat mir (?:\w+ )?(?:geschrieben|gesagt|erzahlt|geschickt)\b"
    # … or of what they found and whom to call ("I just read a student's essay …")
    r"|\bi (?:just |ve just |have just )?(?:read|saw|found|heard|noticed)\b"
    r"|\bich habe? (?:gerade |eben )?(?:gelesen|gesehen|gefunden|gehort|bemerkt)\b"
    r"|\bwho (?:do|should|can) i (?:call|contact|tell|talk to)\b|\bwen (?:soll|kann) ich (?:anrufen|fragen)\b"
)


# "ich bin 12", "bin 14 und …", "i'm 11", "ich bin in der 4. klasse", "i'm in year 7":
# the member says their own age or school year. Not "ich bin 16 uhr da" or "i'm 10
# minutes late": a unit or a time after the number is no age.
_NO_AGE_AFTER = (
    r"uhr|h\b|min|std|stunden|hours|tage|days|wochen|weeks|monate|months|euro|€|km|kg|%|prozent"
    r"|jahre? (?:hier|da|in)"
)
_OWN_AGE = re.compile(rf"\b(?:ich bin|bin|i am|i['’]?m)\s+(\d{{1,2}})(?![\d.:,]\d)(?!\s*(?:{_NO_AGE_AFTER}))")
_OWN_SCHOOL_YEAR = re.compile(
    r"\b(?:ich bin|bin|i am|i['’]?m|ich geh(?:e)?) (?:in (?:die|der)|in (?:year|grade)) (\d{1,2})\b",
)
YOUNGEST_WRITER, OLDEST_YOUNG = 6, 17


def writes_as_young(text: str) -> bool:
    """Whether the member says they are a child or a teenager: an age of 6 to 17, or a school year.

    Such a member is shown the lines for children and young people first (`CrisisLine.young`).
    """
    lowered = text.casefold()
    ages = [int(found) for found in _OWN_AGE.findall(lowered)]
    return any(YOUNGEST_WRITER <= age <= OLDEST_YOUNG for age in ages) or bool(_OWN_SCHOOL_YEAR.search(lowered))


def about_someone_else(text: str) -> bool:
    """A message about another person's crisis, not the member's own.

    It names someone ("mein Freund", "my flatmate") and the member does not speak of
    themself, except of their worry ("ich weiß nicht, wie ich ihm helfen kann").
    """
    words = _SELF_INTRODUCTION.sub(" ", " ".join(tokens(text)))
    # "eine Freundin von mir" is the member's friend, not the member.
    words = _OF_MINE.sub(lambda found: found[1] if found[1] in _PEOPLE_AROUND else found[0], words)
    said = set(_WORRY.sub(" ", words).split())
    return bool(said & _PEOPLE_AROUND) and not said & _FIRST_PERSON
