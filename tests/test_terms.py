"""Topic term lists: the matching engine under the privacy rules and the places list."""

from __future__ import annotations

import random
from pathlib import Path

from bot.meanings import vocabulary
from bot.privacy import load_privacy_rules
from bot.terms import TermRules, Topic, caught_as_typos, read_topics, words_of
from bot.text import fold

# Every question of our own benchmark sets and probes: members' words, typos included.
BENCHMARK_LINES = [
    line.split("\t", 1)[-1]
    for path in sorted((Path(__file__).parent.parent / "benchmarks" / "kiez").glob("*.tsv"))
    for line in path.read_text(encoding="utf-8").splitlines()[1:]
]


def test_patterns_filed_by_letter_find_what_checking_all_would() -> None:
    # A new word is checked only against the patterns filed under its first and last
    # letters (and the "*part*" ones); it must find exactly what checking every
    # pattern finds, typos included. The built-in privacy rules have ~500 patterns.
    terms = load_privacy_rules(None)[0].terms
    rng = random.Random(5)
    words = [fold(w) for line in BENCHMARK_LINES for w in line.split()]
    words += ["".join(rng.choice("abcdefghiklmnorstuzäöüß") for _ in range(rng.randrange(1, 14))) for _ in range(3_000)]
    for word in set(words):
        typos = word not in terms._not_typos
        found = terms._patterns_matching(word, typos)
        assert found == {i for i, pattern in enumerate(terms._patterns) if pattern.matches(word, typos)}, word


def test_without_typo_tolerance_terms_match_only_as_written() -> None:
    topics = [Topic("school", ("grundschule", "*bibliothek", "rotes kreuz"))]
    tolerant, strict = TermRules(topics), TermRules(topics, typos=False)
    for text, tolerant_finds, strict_finds in [
        ("Lernhilfe für Grundschüler", True, False),  # one letter from "grundschule"
        ("die grundschule", True, True),
        ("in der Stadtbiblothek", True, False),  # a typo in the compound's end
        ("in der Stadtbibliothek", True, True),
        ("das Rote Kreuz", False, False),  # a phrase needs its words as written
        ("beim roten kreuz", False, False),
        ("rotes kreuz", True, True),
    ]:
        assert bool(tolerant.topics_in(words_of(text))) is tolerant_finds, text
        assert bool(strict.topics_in(words_of(text))) is strict_finds, text


def test_everyday_words_listed_as_no_typos_match_only_as_written() -> None:
    topics = [Topic("money", ("schulden",)), Topic("addiction", ("addict*",))]
    tolerant, listed = TermRules(topics), TermRules(topics, not_typos=["Schulen", "additional"])
    for text, tolerant_finds, listed_finds in [
        ("Angebote für Schulen", True, False),  # one letter from "Schulden"
        ("is there additional parking", True, False),
        ("ich habe schuldn", True, True),  # a typo of the term that is no listed word
        ("my son is an addict", True, True),
        ("additionally addicted", True, True),  # the listed word stops only its own typo
    ]:
        assert bool(tolerant.topics_in(words_of(text))) is tolerant_finds, text
        assert bool(listed.topics_in(words_of(text))) is listed_finds, text


# Real words that the built-in rules flag only through typo tolerance, reviewed: typos,
# stems and inflections of the terms in other languages ("doctors", "clínica",
# "divorced"), none an everyday German or English word.
REVIEWED_TYPO_MATCHES = set(
    [
        "additionner",
        "alleg",
        "antidepress",
        "bedroh",
        "chmerzen",
        "clinica",
        "clínica",
        "clínico",
        "contraction",  # for "contraception": a member who writes of contractions is pregnant
        "contagio",
        "dentista",
        "depresión",
        "diarr",
        "disable",
        "diseases",
        "divorc",
        "divorced",
        "doctors",
        "eczem",
        "epileps",
        "geslagen",
        "geweld",  # Dutch for violence, spelt by ear like "Gewalt"
        "gripp",
        "herói",
        "hospitals",
        "héroï",
        "hôpital",
        "ilegal",
        "illegale",
        "immigrati",
        "issbrauch",
        "kanker",
        "kredi",
        "lawyers",
        "medicamento",
        "medicamentos",
        "médicament",
        "médicaments",
        "pleit",
        "plice",
        "polic",
        "pollic",  # "police" spelt by ear
        "pregna",
        "prenant",
        "psychiatr",
        "psychiatri",
        "psychiatris",
        "residence",
        "résidence",
        "schuf",
        "sotterrane",
        "stalk",
        "tablette",
        "terapeuta",
        "testamento",  # Spanish and Portuguese for a will ("testament")
        "verschuld",
        "verslagen",
        "violenta",
        "violento",
        "volent",
    ]
)


def test_real_words_taken_for_typos_of_a_term_are_reviewed() -> None:
    # "Ich habe allerdings eine Frage" was redirected as health: typo tolerance took
    # "allerdings" for "allergie". Every real word of the word-meaning table's
    # vocabulary (38,565 of 5+ letters) that the rules flag only through a typo must be
    # one reviewed above; a new one is an everyday word for NOT_TYPOS (bot/privacy.py)
    # or a rightly caught one for the list.
    words = vocabulary()
    rules = load_privacy_rules(None)[0]
    as_written = TermRules(rules.topics, typos=False)
    by_typo = {w for w in words if rules.terms.topics_in(words_of(w)) and not as_written.topics_in(words_of(w))}
    assert by_typo <= REVIEWED_TYPO_MATCHES, sorted(by_typo - REVIEWED_TYPO_MATCHES)
    assert "allerdings" in words and "additional" in words  # the check sees such words


def test_a_topics_not_typos_match_only_as_written(tmp_path: Path) -> None:
    (tmp_path / "sensitive.yml").write_text(
        "topics:\n  - id: weapons\n    terms: {de: [messer]}\n    not_typos: [messe]\n"
    )
    topics, problems = read_topics(tmp_path / "sensitive.yml", required=True)
    assert problems == [] and topics[0].not_typos == ("messe",) and topics[0].line == 2
    rules = TermRules(topics)
    assert rules.topics_in(words_of("Wann ist die Messe?")) == []
    assert rules.topics_in(words_of("er hat ein meser")) == topics  # a real typo still counts
    assert caught_as_typos(topics[0], ["messe", "meser", "messer", "kuchen"]) == {"messer": ["meser"]}


def test_terms_of_other_languages_and_scripts(tmp_path: Path) -> None:
    # Listed under any language; those not under the bot's own are remembered as such,
    # and Cyrillic or Arabic words are matched like Latin ones (`fold` keeps none of them).
    (tmp_path / "sensitive.yml").write_text(
        "topics:\n  - id: crisis\n    crisis: true\n"
        "    terms: {de: [will sterben], tr: [olmek istiyorum], ru: [хочу умереть], ar: ['*انتحار*']}\n",
        encoding="utf-8",
    )
    topics, problems = read_topics(tmp_path / "sensitive.yml", required=True)
    assert problems == []
    assert topics[0].other_language_terms == {"olmek istiyorum", "хочу умереть", "*انتحار*"}
    assert topics[0].own_language_terms() == ("will sterben",)
    rules = TermRules(topics)
    for text in ("ich will sterben", "ölmek istiyorum", "Я ХОЧУ УМЕРЕТЬ!", "أفكر في الانتحار"):
        assert rules.topics_in(words_of(text)) == topics, text
    assert rules.topics_in(words_of("я хочу учиться")) == []


def test_topics_come_in_file_order_whatever_the_message_order() -> None:
    # Staff read the first sensitive topic as the message's label: it must not depend
    # on which word came first, or on how a set of pattern numbers iterates.
    rules = TermRules([Topic("money", ("schulden", "kein arbeit")), Topic("legal", ("abschiebung", "kein wohnung"))])
    for text in ("abschiebung und schulden", "schulden und abschiebung", "kein wohnung kein arbeit"):
        assert [t.id for t in rules.topics_in(words_of(text))] == ["money", "legal"], text


def test_a_term_listed_twice_is_a_warning_with_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "sensitive.yml").write_text(
        "topics:\n"
        "  - id: gaming\n"
        "    terms:\n"
        "      de:\n"
        "        - zocken\n"
        "        - spielkonsole*\n"
        "        - Zocken\n"  # the same word, however written
        "        - spielkonsole\n"  # no repeat: the bare word, not every word starting with it
        "      en: [gaming, gaming]\n",
        encoding="utf-8",
    )
    rules, problems = load_privacy_rules(tmp_path)
    messages = [str(p) for p in problems]
    assert len(messages) == 2, messages
    assert "sensitive.yml:7" in messages[0] and "[gaming]" in messages[0] and "'Zocken' is listed twice" in messages[0]
    assert "terms.en: 'gaming' is listed twice" in messages[1]
    assert all(p.severity == "warning" for p in problems)
    # a warning only: the topic works
    assert rules.classify("mein Sohn will nur zocken").topic == "gaming"


def test_the_built_in_lists_repeat_no_term() -> None:
    # They load with no problem at all (a broken built-in file raises); this is the
    # check that found five repeated crisis terms.
    _, problems = load_privacy_rules(None)
    assert problems == []


def test_the_built_in_rules_read_members_who_write_as_they_speak() -> None:
    # Round 57 of the privacy probes (twenty-first session): all of these were missed,
    # "ich wil nich mer leben" among them.
    terms = load_privacy_rules(None)[0].terms
    for text, topic in [
        ("ich wil nich mer leben", "crisis"),
        ("ich hab tabletn genomen ganze packung", "crisis"),
        ("i wanna kil myself", "crisis"),
        ("i dont wana liv no more", "crisis"),  # round 58: a silent "e" dropped
        ("mein man schlegt mich und die kinda", "violence"),  # "ä" written as "e"
        ("ich bin schwanga und weis nich weiter", "pregnancy"),
        ("ich trinke zu fil alkohol jeden tag", "addiction"),
        ("mein fermieter wil mich raus schmeisen", "legal"),  # a word written apart
        ("ich krieg kein harz 4 mer", "money"),
    ]:
        assert topic in [t.id for t in terms.topics_in(words_of(text))], text
    # Everyday words that some spelling by ear would take for a term: none is found.
    for text in [
        "wann macht die kita auf",  # "wanna die" by a coarser phonetics
        "eltern kind gruppe?",  # "grippe"
        "mein sohn ist nicht mehr in der schule, darf er zur hausaufgabenhilfe?",  # "isst nichts mehr"
        "Herzliche Grüße",  # "harz…" is a start of "hartz*" only with "e" read as "a"
        "wir fahren in den harz",  # the mountains
        "gibt es einen workshop für rapper?",  # "rape*" without its doubled letter
        "he rapped at the festival",
        "did you meet the team",  # "died", "meth" by German rules
        "my tooth hurts",
        "ein glückspilz",
        "is there a fishing trip",
        "is there a trip to kiev",  # "kiff" by German rules
        "do you have grape juice",  # "graped" is a rape (round 61), a grape is fruit
        "grazie, prego!",  # "preggo"
        "my tooth is loose",  # "tot"
        "ist in der krippe noch ein platz frei?",  # "Grippe" with hard and soft consonants as one
        "ist der keller trocken?",  # "Drogen" the same way
    ]:
        assert terms.topics_in(words_of(text)) == [], text


def test_the_built_in_rules_read_dialect() -> None:
    # Round 59 of the privacy probes (twenty-first session), Berlin and Bavarian: as
    # written only 1 of 6 crisis messages got the crisis reply.
    terms = load_privacy_rules(None)[0].terms
    for text, topic in [
        ("ick will nich mehr leben, ehrlich", "crisis"),
        ("i mog nimmer, i wui nimmer lebn", "crisis"),
        ("mei bua sagt er bringt si um", "crisis"),
        ("meen kumpel hat sich uffjehängt, ick weeß nich weiter", "crisis"),
        ("der olle hat n messer und steht vor meener tür", "danger"),
        ("mei mo schlogt mi", "violence"),
        ("mein chef zahlt mir keen lohn seit zwee monaten", "money"),
        # Round 60, written after: Swabian and Kiezdeutsch ("sch" for "ch") were new to it.
        ("wallah isch will nisch mehr leben", "crisis"),
        ("i han koi luscht meh zum lebe", "crisis"),
        ("mein vadder schlägt misch jeden tag", "violence"),
        # Round 64, Kölsch, Low German and Saxon, written after both: 1 of 6 at first.
        ("isch well nit mieh levve", "crisis"),
        ("isch gann nimmor, isch mach schluss heude", "crisis"),
        ("mi broder hett seggt he bringt sik üm", "crisis"),
        ("mei chef bezahld mich nisch", "money"),
    ]:
        assert topic in [t.id for t in terms.topics_in(words_of(text))], text
    # The second reading only adds: English keeps its "i", everyday Berlin stays everyday.
    assert [t.id for t in terms.topics_in(words_of("i want to die"))] == ["crisis"]
    for text in ["wat kann man im jugendclub so machen?", "jibt et deutschkurse bei euch?", "hab ne frage zum kurs"]:
        assert terms.topics_in(words_of(text)) == [], text


def test_the_built_in_rules_read_chat_shorthand() -> None:
    # Round 62 of the privacy probes (twenty-first session): chat shorthand.
    terms = load_privacy_rules(None)[0].terms
    for text, topic in [
        ("idk y im still here tbh, want 2 die", "crisis"),
        ("r u there?? i took 2 many pills pls help", "crisis"),
        ("ich wohn grad aufer straße seit ner woche", "legal"),  # "aufer" is "auf der"
    ]:
        assert topic in [t.id for t in terms.topics_in(words_of(text))], text
    # "wanna" stays as written: as "want to" it made this "want to … jump".
    assert terms.topics_in(words_of("i wanna know how to jump start my car")) == []
