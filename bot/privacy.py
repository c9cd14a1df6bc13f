"""The privacy gate's knowledge: sensitive topics, crisis words and personal identifiers.

Social organisations must not discuss health, money, legal status, violence,
child welfare, pregnancy, addiction or a member's sexual identity over commercial chat
platforms, nor collect personal data there. This module decides *whether* a message
touches any of that (`PrivacyRules.classify`) and masks identifiers for storage
(`mask`). What to answer is the gate handler's business (handlers/gate.py).

Rules are data: built-in defaults (bot/data/sensitive_default.yml) plus an optional
`sensitive.yml` in the FAQ folder whose topics add to or replace the defaults by id.

The terms are matched by bot/terms.py (syntax there): words typo-tolerant, prefixes,
compound ends, phrases; crisis phrases may have a few words in between.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path

from bot.knowledge import SENSITIVE_FILE, Problem
from bot.meanings import vocabulary
from bot.terms import TermRules, Topic, caught_as_typos, load_topics, read_topics, words_of
from bot.text import FILLER_WORDS, clean, fold

DEFAULT_RULES_FILE = Path(__file__).parent / "data" / "sensitive_default.yml"
# The last few whole messages, so the FAQ step's question costs nothing after the
# gate's (a few, not many: repeated questions should not look faster than they are).
MAX_RECENT_MESSAGES = 32
PERSONAL_DATA_TOPIC = "personal-data"
# Crisis topics with a reply of their own (bot/texts.py, same key) instead of the crisis
# reply: a body in danger gets "call 112", a member threatened or attacked right now
# "call 110" and the violence helpline before the crisis lines.
EMERGENCY_TOPIC = "emergency"
DANGER_TOPIC = "danger"
OWN_REPLY_TOPICS = frozenset({EMERGENCY_TOPIC, DANGER_TOPIC})
# Everyday words one letter or two from a term, which typo tolerance took for it: "Ich
# habe allerdings eine Frage" was health ("allergie"), "is there additional parking"
# addiction ("addict…"), "Angebote für Schulen" money ("Schulden"), "wann wird gewählt"
# violence ("Gewalt"). Found by running the rules over the 38,565 real words in the
# word-meaning table's vocabulary; these words match only as written.
NOT_TYPOS = (
    "absorption",
    "addition",
    "additional",
    "additionally",
    "additiv",
    "additive",
    "allegation",
    "allegations",
    "allege",
    "alleged",
    "allegedly",
    "aller",
    "allerdings",
    "ausgewählt",
    "gewählt",
    # "Wann erscheint der Newsletter?" is no "Erbschein".
    "erscheint",
    # "ich bin geflüchtet" tells of one's own papers; "Deutschkurse für Geflüchtete" is
    # an everyday question, often from a group that helps them.
    "geflüchtete",
    "geflüchteten",
    "gestalt",
    "gestalten",
    "gestaltet",
    "gestaltung",
    "fiber",
    "layer",
    "layers",
    "moles",
    "violet",
    "schule",
    "schulen",
    # Spelt by ear (bot/terms.py): the Harz mountains are no "Hartz IV" (the phrases
    # "harz 4" and "harz iv" are terms), a "Glückspilz" no "Glücksspiel", "fishing" no
    # "phishing", "Messern" no "Masern".
    "harz",
    "harzer",
    "glückspilz",
    "fishing",
    "messern",
    # … and "rapped" (doubled letters dropped) no "raped".
    "rapped",
    # Young people's words for what a filter would block ("graped", "preggo") sit one
    # letter from fruit, a grip and Italian manners.
    "grape",
    "grapes",
    "grasped",
    "prego",
    "unterhalten",
    "unterhaltung",
    "verlangen",
    "verlangt",
    "verheiratet",  # "verheiraten" (to marry someone off)
    "albtraum",  # "der Kurs war ein Albtraum"; the plural is the term
    "alptraum",
    "schreiben",  # "schreiben ihre Kinder auch Hausaufgaben bei euch?" is no "schreien"
    "schreibt",
    "geschrieben",  # "… wird geschrieben und verschickt" is no "geschrien"
)


class Identifier(StrEnum):
    EMAIL = "email"
    PHONE = "phone"
    IBAN = "iban"
    DATE = "date"
    ADDRESS = "address"
    ID_NUMBER = "id-number"


# Digits as words, as dictation writes them: six in a row are a phone number, not a count.
_DIGIT_WORDS = (
    "null|eins|zwei|zwo|drei|vier|fünf|funf|fuenf|sechs|sieben|acht|neun|"
    "zero|oh|one|two|three|four|five|six|seven|eight|nine"
)
_MONTHS = (
    "januar|februar|marz|märz|april|mai|juni|juli|august|september|oktober|november|dezember|"
    "january|february|march|may|june|july|october|december"
)
# Order matters: more specific patterns first, so an IBAN is not also taken for a phone.
IDENTIFIER_PATTERNS: tuple[tuple[Identifier, re.Pattern[str]], ...] = (
    # Bounded repetitions keep every pattern linear on long input.
    (Identifier.EMAIL, re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}", re.IGNORECASE)),
    (Identifier.IBAN, re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){3,7}(?:[ ]?[A-Z0-9]{1,3})?\b", re.IGNORECASE)),
    (
        Identifier.DATE,
        re.compile(
            rf"\b(?:\d{{1,2}}\.\s?\d{{1,2}}\.\s?(?:19|20)?\d{{2}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}"
            rf"|\d{{1,2}}\.?\s(?:{_MONTHS})\s(?:19|20)\d{{2}})\b",
            re.IGNORECASE,
        ),
    ),
    # Insurance, ID card and passport numbers: one run of 8-12 letters and digits,
    # at least one letter and five digits ("A123456789", "L01X00T47").
    (
        Identifier.ID_NUMBER,
        re.compile(r"\b(?=[0-9]*[a-z])(?=(?:[a-z]*[0-9]){5})[a-z0-9]{8,12}\b", re.IGNORECASE),
    ),
    (Identifier.PHONE, re.compile(r"(?<![\w@])(?:\+|00)?\d(?:[ /()-]{0,2}\d){6,}(?!\w)")),
    # The same number spoken into a phone's dictation: "null eins sieben sechs …".
    (
        Identifier.PHONE,
        re.compile(rf"\b(?:{_DIGIT_WORDS})(?:[ ,.-]{{1,2}}(?:{_DIGIT_WORDS})){{5,}}\b", re.IGNORECASE),
    ),
    (
        Identifier.ADDRESS,
        re.compile(
            r"\b[\wäöüÄÖÜß.-]*(?:stra(?:ß|ss)e|str\.?|weg|allee|platz|gasse|ring|damm|ufer|chaussee|street|st\.|road|avenue)"
            r"\s+\d{1,4}\s?[a-z]?\b"
            # English order, number first: "12 Oak Street", "221b Baker Street"
            r"|\b\d{1,4}[a-z]?\s+(?:[a-z'-]{1,30}\s+){1,2}(?:street|road|avenue|lane|drive)\b"
            r"|\b\d{5}\s+[A-ZÄÖÜ][a-zäöüß]{2,}",
            re.IGNORECASE,
        ),
    ),
)
# Every pattern above needs a digit, an "@" or a digit word. Most questions have none,
# and for them seven regex passes would cost more than all the topic rules together.
_MAY_HOLD_IDENTIFIER = re.compile(rf"[\d@]|\b(?:{_DIGIT_WORDS})[ ,.-]", re.IGNORECASE)
_BIRTH_WORDS = re.compile(
    r"\b(?:geb\.?|geboren|geburtsdatum|geburtstag|born|birthday|date of birth|dob)\b", re.IGNORECASE
)
# A full date this many years back is a birth date, not an appointment.
_BIRTH_YEARS_BACK = 3
_YEAR = re.compile(r"(?:19|20)\d{2}")


def find_identifiers(text: str, today: dt.date | None = None, own_address: str = "") -> list[Identifier]:
    """Which kinds of personal identifiers appear in `text`.

    A date counts only as a birth date: with a birth word nearby, or a year far back.
    The organisation's own address (from config) is not a member's data.
    """
    if not _MAY_HOLD_IDENTIFIER.search(text):
        return []
    found: list[Identifier] = []
    year = (today or dt.date.today()).year
    remaining = text
    for kind, pattern in IDENTIFIER_PATTERNS:
        matches = list(pattern.finditer(remaining))
        if kind is Identifier.ADDRESS and own_address:
            own = _street_key(own_address)
            matches = [m for m in matches if _street_key(m.group(0)) not in own]
        if kind is Identifier.DATE:
            matches = [m for m in matches if _is_birth_date(m.group(0), remaining, year)]
        if matches:
            found.append(kind)
        remaining = pattern.sub(" ", remaining)
    return found


# "Kiezstr. 12" and "kiezstr 12" are the organisation's "Kiezstraße 12" too.
_STREET_ABBREVIATION = re.compile(r"str\b")


def _street_key(address: str) -> str:
    """An address folded, with "str" written out, for comparing two spellings."""
    return _STREET_ABBREVIATION.sub("strasse", fold(address))


def _is_birth_date(found: str, text: str, year: int) -> bool:
    if _BIRTH_WORDS.search(text):
        return True
    match = _YEAR.search(found)
    if match is None:
        short = found.rsplit(".", 1)[-1].rsplit("/", 1)[-1].strip()
        return short.isdigit() and len(short) == 2 and int(short) > (year % 100) + 1
    return int(match.group(0)) <= year - _BIRTH_YEARS_BACK


# A name a member introduces ("ich heiße Anna Müller", "Mama von Lena") is masked in
# everything stored, but does not make an everyday question sensitive on its own.
_NAME_INTRO = re.compile(
    r"\b(?:ich hei(?:ß|ss)e|mein name ist|my name is|(?:mama|mutter|papa|vater|mum|mom|dad|mother|father)"
    r" (?:von|of))\s+([^\W\d_][\w'-]{0,40})(?:\s+([^\W\d_][\w'-]{0,40}))?",
    re.IGNORECASE,
)
# After a first name, these words start the question, not a surname.
_NOT_A_SURNAME = FILLER_WORDS | frozenset(
    [
        "wann",
        "wo",
        "wie",
        "was",
        "warum",
        "wer",
        "welche",
        "welcher",
        "gibt",
        "when",
        "where",
        "how",
        "what",
        "why",
        "who",
        "which",
    ]
)


def _mask_name(found: re.Match[str]) -> str:
    surname = found.group(2)
    keep = f" {surname}" if surname and fold(surname) in _NOT_A_SURNAME else ""
    return f"{found.group(0)[: found.start(1) - found.start(0)]}[name]{keep}"


def mask(text: str) -> str:
    """Replace every identifier by its kind, e.g. ``[email]``; dates are always masked."""
    for kind, pattern in IDENTIFIER_PATTERNS:
        text = pattern.sub(f"[{kind.value}]", text)
    return _NAME_INTRO.sub(_mask_name, text)


# A minor with a much older partner is a child-welfare matter even without a single
# sensitive word ("I'm 14 and my boyfriend is 22"). Read on the folded text: one age is
# the member's or their child's, the other a partner's: a boyfriend, girlfriend, "he"
# or "a 30-year-old". A husband or wife is no partner here, so a family's ages ("mein
# Mann ist 45, unser Sohn 12") stay everyday; a child's friend of 13 is no adult.
CHILD_WELFARE_TOPIC = "violence"
# A number followed by a unit is a price, a time or a count, no age.
_NOT_AN_AGE = "euro|eur|uhr|minuten|min|stunden|std|cm|kg|km|prozent|mal|leute|personen|people|pm|am"
_AGE = rf"(\d{{1,2}})(?!\d)(?! (?:{_NOT_AN_AGE})\b)"
_OWN_AGE = re.compile(
    r"\b(?:ich bin|bin|i m|im|i am|meine tochter(?: ist)?|mein sohn(?: ist)?|mein kind(?: ist)?"
    r"|my daughter(?: is)?|my son(?: is)?|my kid(?: is)?|my child(?: is)?) " + _AGE
)
_PARTNER_AGE = re.compile(
    r"\b(?:(?:boyfriend|girlfriend|bf|gf|freund|freundin|typ|guy|er|he|she|sie)(?: (?:is|ist|s))?"
    r"|(?:ein|einem|einer|nem|ner|a|an)(?= \d+ ?(?:jahrig|year old|years old|yo\b)))"
    r" " + _AGE
)
# The partner at least this many years older, by the minor's age: any adult with a
# child under 16, and with a 16- or 17-year-old an adult much older.
_MIN_GAP_UNDER_16 = 5
_MIN_GAP_16_17 = 8
MAX_AGES = 8
_DIGIT = re.compile(r"\d")


def minor_with_adult_partner(folded: str) -> bool:
    """Does the text tell of a minor (the member or their child) with an adult partner?"""
    if not _DIGIT.search(folded):  # most messages: no age told
        return False
    # Either side may be the minor ("my girlfriend is 15 and I'm 30"), and both ages may
    # be told of others ("ein 30-jähriger Mann … sie ist 13").
    # A message tells a few ages; the cap keeps a paste of hundreds from costing pairs².
    partners = {m.start(): int(m.group(1)) for m in itertools.islice(_PARTNER_AGE.finditer(folded), MAX_AGES)}
    ages = partners | {m.start(): int(m.group(1)) for m in itertools.islice(_OWN_AGE.finditer(folded), MAX_AGES)}
    for (at, age), (partner_at, partner) in itertools.product(ages.items(), partners.items()):
        if at == partner_at:
            continue
        minor, adult = sorted((age, partner))
        gap = _MIN_GAP_UNDER_16 if minor < 16 else _MIN_GAP_16_17
        # Under 6 is a count ("2 Kinder"), not a member or child with a partner.
        if 6 <= minor <= 17 and adult >= 18 and adult - minor >= gap:
            return True
    return False


class Verdict(StrEnum):
    CLEAR = "clear"
    SENSITIVE = "sensitive"
    CRISIS = "crisis"


@dataclass(frozen=True, slots=True)
class Classification:
    verdict: Verdict
    topic: str | None = None
    # Words of a hint topic: the reply should carry the crisis lines.
    distress: bool = False
    # Only terms of another language found it ("ölmek istiyorum", "хочу умереть"): the
    # member may read neither German nor English, so the reply comes in both.
    other_language: bool = False


CLEAR = Classification(Verdict.CLEAR)


class PrivacyRules:
    """Compiled privacy rules; `classify` is cheap enough to run on every message."""

    def __init__(self, topics: Iterable[Topic], own_address: str = "") -> None:
        self.terms = TermRules(topics, not_typos=NOT_TYPOS)
        self.topics = self.terms.topics
        # The same rules without the terms of other languages, to tell whether those
        # alone found a message.
        own = [replace(t, terms=terms) for t in self.topics if (terms := t.own_language_terms())]
        self._own_language_terms = TermRules(own, not_typos=NOT_TYPOS)
        self._own_address = own_address
        self._recent: dict[tuple[str, dt.date | None], Classification] = {}

    def classify(self, text: str, today: dt.date | None = None) -> Classification:
        """Crisis beats every topic; any topic or identifier makes a message sensitive."""
        # The gate and the FAQ step both ask about the same message: remember the last few.
        key = (text, today)
        known = self._recent.get(key)
        if known is None:
            known = self._classify(text, today)
            if len(self._recent) >= MAX_RECENT_MESSAGES:
                self._recent.clear()
            self._recent[key] = known
        return known

    def _classify(self, text: str, today: dt.date | None) -> Classification:
        text = clean(text)
        words = words_of(text)
        hits = self.terms.topics_in(words)
        crisis = next((t for t in hits if t.crisis), None)
        if crisis:
            own = self._own_language_terms.topics_in(words)
            return Classification(Verdict.CRISIS, crisis.id, other_language=not any(t.crisis for t in own))
        distress = any(t.hint for t in hits)
        sensitive = next((t for t in hits if not t.hint), None)
        if sensitive:
            own = self._own_language_terms.topics_in(words)
            return Classification(
                Verdict.SENSITIVE, sensitive.id, distress, other_language=not any(not t.hint for t in own)
            )
        if minor_with_adult_partner(fold(text)):
            return Classification(Verdict.SENSITIVE, CHILD_WELFARE_TOPIC, distress)
        if find_identifiers(text, today, self._own_address):
            return Classification(Verdict.SENSITIVE, PERSONAL_DATA_TOPIC, distress)
        return Classification(Verdict.CLEAR, None, distress) if distress else CLEAR


def load_privacy_rules(faq_dir: Path | None, own_address: str = "") -> tuple[PrivacyRules, list[Problem]]:
    """The built-in rules, with the FAQ folder's `sensitive.yml` topics added or replacing by id.

    With problems in `sensitive.yml`, the built-in rules stay in force (fail closed:
    a typo by an admin never switches the gate off).
    """
    topics, problems = load_topics(
        DEFAULT_RULES_FILE, faq_dir / SENSITIVE_FILE if faq_dir is not None else None, what="privacy rules"
    )
    return PrivacyRules(topics, own_address), problems


# At most this many caught words are named in one warning.
MAX_WORDS_SHOWN = 8


def typo_warnings(faq_dir: Path) -> list[Problem]:
    """Warnings for the organisation's own terms that would take everyday words for a typo.

    Terms of 6+ letters also match with a typo, so an admin's "messer" catches "Messe"
    ("Wann ist die Messe?" would be redirected) and "grundrente" catches "gründete".
    Each term of `faq/sensitive.yml` is run over the ~38,000 words of the word-meaning
    table's vocabulary; a word it catches only through a typo, and that the built-in
    rules do not flag anyway, is named with the topic's file and line, so the admin can
    list it under the topic's `not_typos:`. Takes about a second, so `kiezbot check`
    runs it, not every reload. A file with errors gets none: its errors come first.
    """
    path = faq_dir / SENSITIVE_FILE
    if not path.exists():
        return []
    own, problems = read_topics(path, required=False, what="privacy rules")
    if any(problem.severity == "error" for problem in problems):
        return []
    replaced = {topic.id for topic in own}
    defaults, _ = load_topics(DEFAULT_RULES_FILE, None, what="privacy rules")
    built_in = TermRules([topic for topic in defaults if topic.id not in replaced], not_typos=NOT_TYPOS)
    words = vocabulary()
    warnings: list[Problem] = []
    for topic in own:
        for term, caught in caught_as_typos(topic, words, NOT_TYPOS).items():
            new = [word for word in caught if not built_in.topics_in(words_of(word))]
            if not new:
                continue
            shown = ", ".join(map(repr, new[:MAX_WORDS_SHOWN])) + (" …" if len(new) > MAX_WORDS_SHOWN else "")
            message = (
                f"terms: {term!r} also catches {shown} as a typo of it; if that is an everyday word, "
                "list it under not_typos: in this topic"
            )
            warnings.append(Problem(str(path), topic.line, topic.id, message, "warning"))
    return warnings
