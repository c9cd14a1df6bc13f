"""Privacy rules: every default topic in German and English, identifiers, crisis, masking."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from bot.privacy import (
    IDENTIFIER_PATTERNS,
    Identifier,
    PrivacyRules,
    Topic,
    Verdict,
    find_identifiers,
    load_privacy_rules,
    mask,
)
from bot.texts import topic_label
from tests.conftest import write_faq

TODAY = dt.date(2026, 11, 27)


@pytest.fixture(scope="module")
def rules() -> PrivacyRules:
    rules, problems = load_privacy_rules(None, own_address="Kiezstraße 12, 10999 Berlin")
    assert problems == []
    return rules


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("Ich bin seit Wochen krank und weiß nicht weiter", "health"),
        ("Mein Arzt hat eine Depression diagnostiziert", "health"),
        ("I have been sick for weeks, what should I do", "health"),
        ("My doctor says I need medication", "health"),
        ("Meine Tochter hat Fieber, kann sie trotzdem in die Kita?", "health"),
        ("Wir haben Läuse, darf mein Sohn morgen kommen?", "health"),
        ("Mein Kind ist allergisch gegen Nüsse", "health"),
        ("Wann hat der Kinderarzt offen?", "health"),
        ("my son has a fever, can he come to the kita", "health"),
        ("she is throwing up since last night", "health"),
        ("mein kind hat adhs", "health"),
        ("ich bin traurig und einsam", "health"),
        ("I'm lonely", "health"),
        ("ich kann die kita gebühren nicht bezahlen", "money"),
        ("ich habe meinen job verloren was nun", "money"),
        ("I can't pay my rent", "money"),
        ("I can’t afford the course", "money"),
        ("die polizei war bei uns", "legal"),
        ("meine aufenthaltsgestattung", "legal"),
        ("mein ex stalkt mich", "violence"),
        ("ich habe angst vor meinem partner", "violence"),
        ("mein mann kontrolliert mein geld", "violence"),
        ("i am scared of my dad", "violence"),
        ("someone touched my daughter inappropriately", "violence"),
        ("ich bin so einsam seit meine frau tot ist", "health"),
        ("i'm undocumented, can i still join the german course?", "legal"),
        ("ich habe keinen pass", "legal"),
        ("wir wurden aus der wohnung geworfen", "legal"),
        ("i was fired today", "money"),
        ("meine mutter hat alzheimer", "health"),
        ("Ich habe Mietschulden und bekomme Mahnungen", "money"),
        ("Das Jobcenter hat mein Bürgergeld gekürzt", "money"),
        ("das jobcenter hat mein buergergeld gekuerzt", "money"),
        ("I am in debt and can't pay my rent", "money"),
        ("Can you help me with universal credit", "money"),
        # a member's money trouble got course buttons or the food sharing
        ("ich hab wenig geld kann ich trotzdem mitmachen", "money"),
        ("wir haben zu wenig geld für essen", "money"),
        ("das Geld reicht nicht bis zum Monatsende", "money"),
        ("we have very little money", "money"),
        # benefits and taxes inside a compound got buttons (homework help first)
        ("hilfe beim ausfüllen vom wohngeldantrag", "money"),
        ("wie funktioniert der Kindergeldantrag", "money"),
        ("wo kann ich meine Steuererklärung machen lassen", "money"),
        ("Meine Aufenthaltserlaubnis läuft ab", "legal"),
        ("Mir droht die Abschiebung", "legal"),
        ("My residence permit expires next month", "legal"),
        ("We got an eviction notice", "legal"),
        ("Mein Mann schlägt mich", "violence"),
        ("Das Jugendamt war bei uns", "violence"),
        ("There is violence at home", "violence"),
        ("Can the youth office take my kids", "violence"),
        ("Ich bin schwanger und weiß nicht weiter", "pregnancy"),
        ("I think I am pregnant", "pregnancy"),
        ("Mein Sohn ist spielsüchtig", "addiction"),
        ("Ich bin alkoholiker", "addiction"),
        ("My brother has a drug addiction", "addiction"),
        # A broken person is no repair job: these got the repair café ("kaputt" and
        # "broken" are its keywords), without the crisis lines.
        ("i am broken", "health"),
        ("I feel broken", "health"),
        ("my heart is broken", "health"),
        ("ich fühle mich kaputt", "health"),
        ("Mein Herz ist gebrochen", "health"),
        ("meine Ehe ist kaputt", "health"),
        ("my family is broken", "health"),
        # how someone feels got "I don't know, I've noted your question"
        ("mir gehts richtig schlecht", "health"),
        ("es geht mir nicht gut", "health"),
        ("bin am ende", "health"),
        ("i feel terrible", "health"),
        # with a word between, or in other everyday words, these got "I don't know"
        ("Hallo, mir geht es richtig schlecht. LG", "health"),
        ("Guten Abend, ich weiß nicht mehr weiter.", "health"),
        ("i dont know what to do anymore", "health"),
        ("ich kann das alles nicht mehr", "health"),
        ("ich will einfach verschwinden", "health"),
        ("i want to disappear", "health"),
        ("ich hab keine kraft mehr", "health"),
        ("ich fühle mich so hoffnungslos", "health"),
        ("niemand braucht mich", "health"),
        ("i hate my life", "health"),
        ("i feel hopeless", "health"),
        ("i'm not safe at home", "violence"),
        ("my mom's boyfriend touches me", "violence"),
        ("ich schlafe auf der Straße", "legal"),
        # the tenth session's round: these got "I don't know", buttons or an answer
        ("ich kann einfach nicht mehr, alles ist zu viel", "health"),
        ("mir ist alles zu viel", "health"),  # got the address
        ("ich schaff das alles nicht mehr", "health"),
        ("ich hab seit tagen nichts gegessen und keiner ist da", "health"),
        ("mein Konto ist gepfändet", "money"),
        ("ich habe eine Schufa-Eintragung", "money"),
        ("wie beantrage ich BAföG", "money"),
        ("ich bin suchtkrank", "addiction"),
        ("mein Ex lässt mich das Kind nicht sehen", "legal"),
        ("mein Mann ist im Gefängnis", "legal"),
        ("ich werde gestalkt", "violence"),
        ("my husband hits the kids", "violence"),
        ("my mom hasnt come home for three days and we have no food", "violence"),
        # an English round: the first two got the room rental as an answer
        ("my stepdad comes into my room at night", "violence"),
        ("my parents lock me in my room", "violence"),
        ("meine Eltern sperren mich ein", "violence"),
        ("theres no point anymore", "health"),
        ("we are behind on our electricity bill", "money"),
        ("the bailiff is coming on monday", "money"),
        ("can you lend me 50 euros", "money"),
        ("i dont have papers", "legal"),
        ("mein Stiefvater fotografiert mich beim Duschen", "violence"),  # "I don't know"
        ("my coach wants me to come to his house alone", "violence"),  # buttons
        # a round about parents and children: "I don't know" or buttons
        ("ich bin alleinerziehend und völlig überfordert", "health"),
        ("im a single mom and i cant cope anymore", "health"),
        ("wir sind geflüchtet und haben keine Wohnung", "legal"),
        ("ich schlage mein Kind manchmal wenn ich wütend bin", "violence"),
        ("die Nachbarn schreien jede Nacht und ich höre Schläge", "violence"),
        ("ich trinke jeden Tag und kann nicht aufhören", "addiction"),
        # learner German: "I don't know" or buttons
        ("mein mann schlagen mich", "violence"),
        ("ich nicht haben papiere", "legal"),
        ("ich habe kein wohnung", "legal"),
        ("ich habe kein arbeit", "money"),
        ("bitte helfen familie zusammenführung", "legal"),
        # a second English round: "I don't know" or buttons
        ("my work permit expired", "legal"),
        ("my partner took my passport", "legal"),
        ("my son was taken into care", "violence"),
        ("i cant stop drinking", "addiction"),
        ("my kids are hungry and i have nothing", "money"),
        # a round in young people's words: "I don't know", buttons or an answer
        ("ich kotze nach jedem essen absichtlich", "health"),  # buttons with the food sharing
        ("ich ess seit 4 tagen nix damit ich dünner werde", "health"),
        ("ich kiff jeden tag und komm nicht mehr runter", "addiction"),
        ("mein kumpel dealt an der schule", "addiction"),
        ("mein vater rastet immer aus wenn er getrunken hat", "violence"),
        ("ein typ aus insta will sich mit mir treffen und sagt ich soll es keinem sagen", "violence"),
        ("er hat mir geld für bilder angeboten", "violence"),  # got the page about us
        ("someone is blackmailing me with my pics", "violence"),  # buttons with the homework help
        ("ich hab angst nach hause zu gehen", "violence"),
        ("meine eltern wollen mich zwangsverheiraten", "violence"),
        ("ich hab meine tage nicht bekommen", "pregnancy"),  # buttons with the donations
        ("schreib mir auf snap: lena_2009", "personal-data"),
        ("meine handynummer ist null eins sieben sechs zwei drei vier", "personal-data"),
        # an address written around the patterns
        ("meine mail ist anna.schmidt(at)gmx.de", "personal-data"),  # buttons with the contact
        ("my email is john dot doe at gmail dot com", "personal-data"),  # got the contact as an answer
        ("ich schick euch mal ein foto von meinem ausweis", "personal-data"),
        # someone worried about another person: "I don't know" or buttons
        ("ein mädchen aus dem jugendclub hat erzählt dass ihr stiefvater sie anfasst", "violence"),  # youth club
        ("a girl in the youth club said she has to marry her cousin", "violence"),  # youth club first
        ("der trainer im verein schreibt meinem sohn nachts nachrichten", "violence"),  # the membership
        ("i think my neighbour hits his wife", "violence"),
        ("die kinder von gegenüber sind oft tagelang allein", "violence"),
        ("in unserem haus wohnt eine alte frau die verwahrlost", "violence"),
        # two topics: the label is the first topic in the file, not chance
        ("kein wohnung kein arbeit", "money"),
        # a round about older people: "I don't know", buttons or an answer
        ("meine rente reicht nicht mehr für die miete", "money"),  # got the room rental
        ("ich bin 82 und seit meinem sturz komme ich nicht mehr allein aus der wohnung", "health"),
        ("seit mein mann tot ist rede ich mit niemandem mehr", "health"),
        ("ich habe seit wochen mit keinem menschen gesprochen", "health"),
        ("meine tochter nimmt mir immer mein geld weg", "violence"),
        ("der pflegedienst behandelt meinen vater schlecht", "violence"),
        ("ich will in ein heim aber weiß nicht wie ich das bezahle", "health"),
        ("i am 79 and my son shouts at me and takes my pension", "violence"),
        ("since my wife died i dont see the point", "health"),
        ("mein nachbar ist alt und ich habe ihn seit tagen nicht gesehen", "health"),
        ("my neighbour is old and i havent seen her for a week", "health"),  # buttons with the seniors' café
        ("meine klasse mobbt mich", "violence"),
        ("die anderen mobben mich in der schule", "violence"),
        ("they bully me at school", "violence"),
        ("i think im bi and i dont know who to tell", "identity"),
        # a blind round (fourteenth session), each missed before
        ("mein ex schickt mir dauernd drohnachrichten", "violence"),
        ("mein kind wird in der kita gehauen und keiner macht was", "violence"),  # got the Kita hours
        ("kann mir jemand beim widerspruch gegen den bescheid helfen", "legal"),
        ("i owe the bank 8000 euros", "money"),
        ("ich brauche geld fuer die kaution", "money"),
        ("i need an std test", "health"),
        # a round from young and old people's side (fourteenth session), each missed before
        ("jemand hat ein peinliches video von mir in die klassengruppe gestellt", "violence"),
        ("ein typ aus dem internet will dass ich ihm bilder schicke", "violence"),
        ("my mom drinks and forgets to feed us", "violence"),
        ("ich muss jeden tag auf meine geschwister aufpassen und kann nicht zur schule", "violence"),
        ("ich soll in den ferien verheiratet werden", "violence"),
        ("ich wurde auf der party begrapscht", "violence"),
        ("i vape every day and cant stop", "addiction"),
        ("meine oma vergisst alles und irrt nachts draussen rum", "health"),
        ("mein opa wird vom pflegedienst angeschrien", "violence"),
        ("ich bin seit dem tod meiner frau ganz allein und esse kaum", "health"),
        ("my neighbour an old lady hasnt opened her door for days and the post is piling up", "health"),
        # worried about someone else, work and tenancy (fourteenth session), each missed before
        ("die kinder nebenan sind immer allein und haben hunger", "violence"),
        ("my friend is being kept at home by her family and cant leave", "violence"),
        ("my brother gambles away all his salary", "addiction"),
        ("ich arbeite 60 stunden und bekomme nur 800 euro", "legal"),
        ("ich hab einen brief vom gericht bekommen", "legal"),
        # a minor with a much older partner, told in ages alone: no single word is sensitive
        ("im 14 and my boyfriend is 22", "violence"),
        ("ich bin 13 und mein freund ist 25", "violence"),
        ("my girlfriend is 15 and im 30", "violence"),  # the member is the adult
        ("ich bin 14 und treffe mich mit einem 30-jährigen", "violence"),
        ("meine Tochter (12) schreibt mit einem 25jährigen", "violence"),
        ("ein 30 jähriger Mann will sich mit meiner Tochter treffen, sie ist 13", "violence"),  # both ages of others
        ("ich bin 17 und er ist 35 und sagt ich soll niemandem davon erzählen", "violence"),
        ("er ist 25 und ich bin 14", "violence"),
        # newcomers' and learners' words (fifteenth session), each missed before
        ("i work without contract and boss dont pay me since 2 month", "money"),
        ("my husband takes my passport and dont give back", "legal"),
        ("strom wurde abgestellt, wir sitzen im dunkeln mit den kindern", "money"),
        ("meine tochter ist 15 und wohnt seit einer woche bei einem mann den wir nicht kennen", "violence"),
        ("mein vater fasst meine schwester komisch an", "violence"),
        # a blind round in young people's, carers' and parents' words (fifteenth session)
        ("mein stiefvater sagt wenn ich was erzähle passiert was", "violence"),
        ("ich glaub ich hab corona und muss morgen zur arbeit", "health"),
        ("also ich wollte fragen weil mein mann mich nicht aus der wohnung lässt", "violence"),
        ("kann ich meinen sohn bei euch abgeben, ich schaff das nicht mehr", "health"),  # got the donations first
        ("my daughter sends naked pictures to a boy from school", "violence"),
        ("hab ne abmahnung wegen filesharing bekommen, 900 euro", "legal"),
        # a disclosure, then an everyday question (fifteenth session): both got an FAQ answer
        (
            "Hello, my neighbour's kids are alone at home every night and they look very thin. "
            "When is your food sharing open?",
            "violence",
        ),
        (
            "Hallo, meine Mutter liegt im Sterben und ich kann mich nicht mehr um meine Kinder kümmern. "
            "Wie lange hat die Kita geöffnet?",
            "health",
        ),
        # run-on, voice-message style (fifteenth session): buttons
        ("hi my brother is in prison and his kids live with us now and we dont get any money for them", "money"),
        (
            "hallo ich muss meine wohnung bis ende des monats räumen und weiß nicht wohin mit meinen drei kindern",
            "money",
        ),
        ("hallo wir wohnen seit dem brand in einer notunterkunft und die kinder haben keine schulsachen", "money"),
        # adults' English, a disclosure and then a question (fifteenth session); the first
        # two got an FAQ answer (the contact) since long messages are scored by their question
        (
            "Hi, I've been sleeping on a friend's couch since I lost my flat. Can I use your address for my mail?",
            "money",
        ),
        (
            "Hi, my daughter told me her teacher touched her in a weird way. Who can I talk to at your place?",
            "violence",
        ),
        ("Hello, my wife left me and took the kids and I haven't seen them in weeks. Is there a dads' group?", "legal"),
        ("Hello, my elderly neighbour gave a stranger all her savings on the phone.", "money"),
        ("Hello, I work in a restaurant with no contract and the boss keeps my tips.", "money"),
        ("Hello, my husband checks my phone and doesn't let me see my friends.", "violence"),
        # the same in German (fifteenth session); the first two got an FAQ answer
        (
            "Hallo, meine Schwiegermutter schlägt unsere Kinder, wenn wir nicht da sind. Wann ist das Familiencafé?",
            "violence",
        ),
        (
            "Hallo, ich habe seit der Trennung keinen Kontakt mehr zu meinen Kindern. Gibt es bei euch eine Beratung?",
            "legal",
        ),
        ("Hallo, ich habe heimlich Fotos von meiner Tochter im Internet gefunden. Was soll ich tun?", "violence"),
        ("Hallo, ich spiele jede Nacht online Poker und verliere alles. Kann ich mit jemandem sprechen?", "addiction"),
        ("Hi, mein Vater ist gestern gestorben und ich weiß nicht, wie ich die Beerdigung bezahlen soll.", "money"),
        ("ich bin aus syrien geflüchtet und weiß nicht wie es weitergeht", "legal"),
    ],
)
def test_default_topics_in_german_and_english(rules: PrivacyRules, text: str, topic: str) -> None:
    found = rules.classify(text, TODAY)
    assert found.verdict is Verdict.SENSITIVE
    assert found.topic == topic


@pytest.mark.parametrize(
    "text",
    [
        "ich hab shulden",  # typo
        "SCHULDEN!!!",
        "schwangerschaft",
        "Abschiebungsandrohung bekommen",
        "im pregnnant",
    ],
)
def test_typos_case_and_compounds_are_caught(rules: PrivacyRules, text: str) -> None:
    assert rules.classify(text, TODAY).verdict is Verdict.SENSITIVE


def _probe(name: str) -> list[tuple[str, str]]:
    lines = (Path(__file__).parent.parent / "benchmarks" / "kiez" / name).read_text(encoding="utf-8").splitlines()
    return [(expect, text) for expect, text in (line.split("\t", 1) for line in lines[1:])]


@pytest.mark.parametrize(("expect", "text"), _probe("crisis-probe-41.tsv"))
def test_crisis_and_violence_in_the_languages_of_the_neighbourhood(rules: PrivacyRules, expect: str, text: str) -> None:
    # Turkish, Polish, Spanish, French, Italian, Portuguese, Romanian, Croatian/Serbian
    # (eighteenth session): each of these got "I don't know" before. Everyday questions
    # in the same languages stay clear.
    verdict = {"crisis": Verdict.CRISIS, "redirect": Verdict.SENSITIVE, "fallback": Verdict.CLEAR}[expect]
    found = rules.classify(text, TODAY)
    assert found.verdict is verdict
    assert found.other_language is (verdict is not Verdict.CLEAR)  # the reply comes in German and English


@pytest.mark.parametrize(("expect", "text"), _probe("crisis-probe-42.tsv"))
def test_crisis_and_violence_in_cyrillic_and_arabic_letters(rules: PrivacyRules, expect: str, text: str) -> None:
    # Russian, Ukrainian, Arabic, Farsi (eighteenth session): the rules read no word of
    # them before. Everyday questions in the same letters stay clear.
    verdict = {"crisis": Verdict.CRISIS, "redirect": Verdict.SENSITIVE, "fallback": Verdict.CLEAR}[expect]
    found = rules.classify(text, TODAY)
    assert found.verdict is verdict
    assert found.other_language is (verdict is not Verdict.CLEAR)


@pytest.mark.parametrize(
    ("text", "other_language"),
    [
        ("kendimi öldürmek istiyorum", True),
        ("je veux mourir", True),
        ("mi marido me pega", True),
        ("ich will nicht mehr leben", False),
        ("I want to die", False),
        ("mein Mann schlägt mich", False),
        ("ölmek istiyorum, ich will nicht mehr leben", False),  # our words too: our language
    ],
)
def test_a_message_only_other_languages_terms_find(rules: PrivacyRules, text: str, other_language: bool) -> None:
    found = rules.classify(text, TODAY)
    assert found.verdict is not Verdict.CLEAR and found.other_language is other_language


def test_letters_unicode_does_not_split_are_folded_too(rules: PrivacyRules) -> None:
    # "ı" and "ł" were dropped, cutting "kıymak" in two: typed with or without them, one term.
    assert rules.classify("canıma kıymak istiyorum", TODAY).verdict is Verdict.CRISIS
    assert rules.classify("canima kiymak istiyorum", TODAY).verdict is Verdict.CRISIS


def test_crisis_phrases_allow_words_in_between(rules: PrivacyRules) -> None:
    # "will sterben" with three words between; other topics need their words side by side
    assert rules.classify("ich will einfach nur noch sterben", TODAY).verdict is Verdict.CRISIS
    assert rules.classify("meine freundin bringt sich heute um", TODAY).verdict is Verdict.CRISIS
    assert rules.classify("Ich muss nicht sofort zahlen, oder?", TODAY).verdict is Verdict.CLEAR


@pytest.mark.parametrize(
    "text",
    [
        "Ich will mich umbringen",
        "ich will nicht mehr leben",
        "Ich denke an Suizid",
        "I want to kill myself",
        "i dont want to live anymore",
        "I want to end my life",
        "nobody would miss me",  # got "I don't know"; the German one was a crisis already
        "hi there, i feel like ending it all. cheers",  # got buttons
        # these went to the FAQ
        "i'm thinking of ending things",
        "i don't want to be here anymore",
        "i'm done with life",
        "life is pointless",
        "i wrote a goodbye note",
        "ich tu mir was an",
        "es wäre besser wenn es mich nicht gäbe",
        "ich habe mich geschnitten absichtlich",
        "ich wil sterbn",  # typos in both words
        "ich hab keine lust mehr zu leben",
        "i have no reason to go on",
        "niemand würde mich vermissen",
        # the tenth session's round: these got "I don't know" or buttons
        "ich ritz mich wieder",
        "i just want it all to stop",
        "nobody cares if i live or die",
        "ich stehe auf der Brücke",
        "i am standing on the roof",
        "ich hab mir die Tabletten schon zurechtgelegt",
        "i feel like nobody would notice if i disappeared",
        "im so tired of everything i just want to sleep forever",
        "i think im going to do something stupid",
        "i keep thinking about jumping",
        "i wrote letters to say goodbye to my family",
        "my daughter is cutting herself",  # got "I don't know"
        "meine tochter hat ritzspuren an den armen",  # got "I don't know" (fourteenth session)
        "mein freund sagt er springt vom dach",  # got "I don't know" (fourteenth session)
        "meine freundin hat geschrieben dass sie sich verabschiedet und geht nicht ans telefon",  # got buttons
        "i have the pills in my hand",  # was a health redirect
        # a round in young people's words: "I don't know" or buttons
        "ich hab keinen bock mehr zu leben",
        "ich will mich unalive machen",
        "i wanna unalive myself",
        "i dont want to wake up tomorrow",  # got buttons (fifteenth session)
        # each got "I don't know" with the numbers (fifteenth session)
        "ich hab allen meinen freunden tschüss gesagt und mein zimmer aufgeräumt",
        "this is my last message, thank you for everything",
        "ich sitze auf dem dach vom parkhaus und guck runter",
        "ich will einfach nur noch dass alles aufhört für immer",  # "I don't know" (fifteenth session)
        "Hi, I've been stockpiling my pills and I think tonight is the night. Are you open late?",  # health
        "Hello, my friend just sent me a picture of a rope and said goodbye. What do I do?",  # "I don't know"
        # Run away, or left alone, with nowhere to sleep tonight: the crisis reply with the
        # line for children and young people (twentieth session; the first was a redirect
        # to office hours before, the others got buttons).
        "bin von zuhause abgehauen und penn heute draußen",
        "ich bin weggelaufen und weiß nicht wo ich schlafen soll",
        "meine mama ist seit 3 tagen nicht nach hause gekommen und ich bin allein mit meiner kleinen schwester",
    ],
)
def test_crisis(rules: PrivacyRules, text: str) -> None:
    found = rules.classify(text, TODAY)
    assert found.verdict is Verdict.CRISIS
    assert found.topic == "crisis"


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        # a body in danger: "call 112"
        ("ich bin gestürzt und kann nicht aufstehen", "emergency"),  # got buttons with the Kita hours
        ("mir ist seit heute morgen schwindelig und mein arm ist taub", "emergency"),  # got "I don't know"
        ("mein Mann bekommt keine Luft", "emergency"),
        ("i fell and i cant get up", "emergency"),
        ("my mum has chest pains", "emergency"),
        ("mein Sohn ist bewusstlos", "emergency"),
        ("ruft bitte einen Krankenwagen", "emergency"),
        ("we need an ambulance now", "emergency"),
        # someone hurting or threatening the member now: the police and the violence helpline
        ("mein mann hat gesagt er bringt mich um", "danger"),  # got the crisis lines, no police
        ("hilfe er ist in der wohnung und schlägt die tür ein", "danger"),  # got buttons
        ("mein Mann will mich umbringen", "danger"),  # "mich umbringen" alone reads as suicide
        ("er bedroht mich mit einem Messer", "danger"),
        ("mein freund hat mich gewürgt", "danger"),  # was a redirect (violence)
        ("my ex is kicking the door in", "danger"),
        ("he threatened to kill me", "danger"),
        ("my dad is beating my mom right now", "danger"),
        ("er hat gedroht mich abzustechen", "danger"),  # got "I don't know" (thirteenth session)
        ("he threatened to stab me", "danger"),
        ("er steht vor der tür und hat ein messer", "danger"),  # got "I don't know" (fourteenth session)
        ("mein mann tritt gerade gegen die badezimmertür, ich hab mich eingeschlossen", "danger"),  # "I don't know"
    ],
)
def test_crises_with_a_reply_of_their_own(rules: PrivacyRules, text: str, topic: str) -> None:
    found = rules.classify(text, TODAY)
    assert found.verdict is Verdict.CRISIS and found.topic == topic


@pytest.mark.parametrize(
    "text",
    [
        "meine Mutter hatte letztes Jahr einen Schlaganfall, gibt es Hilfe?",  # health, not now
        "ich kann morgens nicht so früh aufstehen, gibt es Abendkurse?",
    ],
)
def test_illness_that_is_not_happening_now_is_no_emergency(rules: PrivacyRules, text: str) -> None:
    assert rules.classify(text, TODAY).topic != "emergency"


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        # the member's own life is no danger from another person: the crisis lines
        ("ich will mich umbringen", "crisis"),
        ("I want to kill myself", "crisis"),
        # violence that is not happening now: a redirect
        ("mein Mann hat mich letztes Jahr geschlagen", "violence"),
        ("meine Tochter wurde in der Schule angegriffen", "violence"),
        # a round about work, tenancy, identity and carers
        ("meine eltern wissen nicht dass ich schwul bin und ich hab angst es ihnen zu sagen", "identity"),
        ("im trans and my parents wont accept it", "identity"),  # got the family café as a button
        ("mein chef zahlt mir seit zwei monaten keinen lohn", "money"),  # got "I don't know"
        ("ich arbeite schwarz, bin ich dann versichert?", "legal"),
        ("ich hab ne anzeige bekommen wegen schwarzfahren", "legal"),
        ("ich habe schimmel in der wohnung und mein kind hustet ständig", "legal"),
        ("my ex posted pictures of me online", "violence"),
        ("mein freund hat gesagt wenn ich gehe tut er sich was an", "crisis"),
        ("i took a bunch of my moms pills", "crisis"),  # was a health redirect
        # a round about online harms
        ("a guy i met on discord wants to meet me irl and says i shouldnt tell my parents", "violence"),
        ("my address got doxxed on a server", "violence"),  # got the address as a button
        ("ich hab 500 euro bei online casinos verloren", "addiction"),  # got the lost and found
        ("i gave my bank login to a guy who said he was from the bank", "money"),
        ("ich bin auf einen fake shop reingefallen und mein geld ist weg", "money"),
        ("ein erwachsener schreibt meiner tochter auf tiktok komische sachen", "violence"),
        ("ich poste heute abend meinen abschiedspost", "crisis"),
        # money trouble in everyday words: three got an FAQ answer (the room rental twice,
        # the donations), the others "I don't know"
        ("i dont have money for rent", "money"),
        ("i dont have enough money for rent", "money"),
        ("ich komme mit dem geld nicht aus", "money"),
        ("am ende des monats ist nix mehr da", "money"),
        ("wir sind total blank", "money"),
        ("we are struggling financially", "money"),
        # a blind round of the thirteenth session: buttons with the room rental, and
        # "I don't know"
        ("ich habe meine miete seit drei monaten nicht bezahlt", "money"),
        ("meine tochter isst nichts mehr und wird immer duenner", "health"),
        ("my son stopped eating", "health"),
    ],
)
def test_the_topic_that_names_a_message(rules: PrivacyRules, text: str, topic: str) -> None:
    assert rules.classify(text, TODAY).topic == topic


def test_every_built_in_topic_has_a_label_for_staff_and_members(rules: PrivacyRules) -> None:
    # A topic without a label shows its bare id ("identity") on cards and in /mydata.
    # (German labels all differ from the English ids; hint topics never name a message.)
    for topic in rules.terms.topics:
        if not topic.hint:
            assert topic_label(topic.id, "de") != topic.id, topic.id


def test_crisis_beats_other_topics(rules: PrivacyRules) -> None:
    assert rules.classify("Ich habe Schulden und will nicht mehr leben", TODAY).verdict is Verdict.CRISIS


@pytest.mark.parametrize(
    "text",
    [
        "Wann ist die Beratung offen?",
        "When is the counselling open?",
        "Do you have a Kita place?",
        "Gibt es einen Kitaplatz?",
        "Meine Tochter sucht einen Ferienjob",
        "Was kostet der Kurs?",
        "Is the basketball court open?",
        "My toaster broke, can the repair café help?",
        "Wo ist die Kiezstraße 12?",
        "ist die Kiezstr. 12 barrierefrei?",  # our own address, shortened: was personal data
        "wo ist die kiezstr 12",
        "Habt ihr am 24.12.2026 offen?",
        "Gibt es Unterhaltung beim Kiezfest?",
        "Kann ich Kinderkleidung spenden?",
        "Ich will nicht mehr warten, wann ist die Anmeldung?",
        # everyday words one letter from a term, which typo tolerance took for it
        "Ich habe allerdings eine Frage zum Kurs",
        "is there additional parking",
        "Gibt es Angebote für Schulen?",
        "wann wird ausgewählt, wer einen Kitaplatz bekommt",
        "was verlangt ihr für den Raum",
        "wir unterhalten uns gern beim Kaffee",
        # near the eleventh session's terms for older people and money
        "Ich gehe bald in meine Rente, kann ich ehrenamtlich helfen?",
        "ich will mein Geld zurück für den Kurs",
        "mein Geld ist weg, ich hab es beim Flohmarkt verloren",
        "wie kann ich das bezahlen, bar oder Karte?",
        "my son is always hungry after school, is there a snack",
        "my kids are always hungry after the youth club, is there food",
        "wir wollen zum Adventsmarkt mit dem Altenheim kommen",
        "is the weed garden project still running",
        "i saw the ambulance parked in front of your house is everything ok",
        "gibt es einen Kurs zum Thema Pflegedienst für Angehörige",
        # young people's everyday questions
        "gibt es einen erste hilfe kurs",
        "ich will mich für den boxkurs anmelden",
        "kann ich bei euch zocken",
        "habt ihr insta",
        "was ist eure nummer",
        "wie ist eure adresse",
        # one letter away from "Grippe", "Klinik", "Husten"
        "Gibt es eine Gruppe für Senioren?",
        "Wann wird die Klinke an der Tür repariert?",
        "Hosten wir das Kiezfest wieder?",
        "Gibt es Angebote gegen Einsamkeit im Alter?",
        "Are there activities for lonely seniors?",
        "Wie kann ich meine Mitgliedschaft kündigen?",
        "Ich habe meinen Schlüssel verloren",
        "What's the wifi password?",
        # typo tolerance must not turn everyday words into sensitive ones
        "I'm talking about the German course",
        "I'm employed, can I still come to the café?",
        "Vermietet ihr den Saal auch am Wochenende?",
        "Gibt es einen Meditationskurs?",
        "Is the café operating today?",
        "Wo ist das Fahrraddepot?",
        "Die Öffnungszeiten wurden angepasst",
        "Ist Martin heute im Jugendclub?",
        "Can I take the children to the lantern festival?",
        "Muss ich meinen Ausweis mitbringen?",
        "Ich hab den Bus nicht erwischt, ist der Kurs noch offen?",
        "the German course is killing me, is there an easier one",
        "mein Handy ist tot, könnt ihr das reparieren",
        "can we end our party at midnight",
        # how a thing is, not a person
        "mein Handy geht nicht gut",
        "dem Hund geht es schlecht",
        # everyday words near despair
        "ich komme mit dem Formular nicht mehr weiter",
        "i want my old photos to disappear",  # crisis terms may have words between theirs
        "ich kann einfach nicht mehr warten bis samstag",
        "i'm done with the course, is there a next level",
        "ich habe mich beim kochen geschnitten",
        "hoffnungslos überfüllt, der kurs?",
        "the course was hopeless",
        "keine kraft mehr im akku",
        "my son touches everything",
        # near the tenth session's terms
        "ich kann die Kinder nicht sehen, sind sie schon im Garten?",
        "Komme ich mit dem Kinderwagen über die Brücke?",
        "Wir stehen auf der Brücke vor eurem Haus, wo ist der Eingang?",
        "komme ich mit dem Rollstuhl aufs Dach?",
        "heute mach ich früher schluss, habt ihr morgen offen",
        "Ist das alles zu viel verlangt, wenn ich zwei Kurse buche?",
        "Ich bin gestern zu spät nach Hause gekommen, hat jemand meinen Schal gefunden?",
        "we are 3 people, is there a street party?",
        "can i rent a room for a party of 30 people",
        "the party was killer, when is the next one",
        "ich bin mit dem neuen Kursprogramm überfordert, welcher Kurs passt zu mir",
        "ich bin alleinerziehend, gibt es eine Krabbelgruppe",
        # near terms of the twelfth session, some of which were dropped for them
        "habt ihr einen raum für eine queere jugendgruppe",
        "gibt es eine coming out gruppe",
        "ich habe den kurs noch nicht bezahlt, kann ich trotzdem kommen?",
        "wird der termin im kalender angezeigt?",
        "macht ihr einen workshop zu cybermobbing",
        "habt ihr den letzten post auf insta gesehen?",
        "mein sohn ist nicht mehr in der schule, darf er trotzdem zur hausaufgabenhilfe?",
        "ich habe die hausaufgaben fertig gemacht",
        "my bike broke, can you fix it",
        "am ende des monats ist das kiezfest",
        "das programmheft wird immer dünner",  # "immer dünner" was dropped for this
        "was isst man beim mittagstisch",
        "wann muss ich die miete für den saal bezahlen",
        "wer hat ein messer für den kuchen",  # "hat ein messer" alone was dropped for this
        "ich bin bis 17 uhr da",
        "sag mir bitte bescheid wenn der kurs stattfindet",  # "bescheid" alone is no decision
        "was kostet die kaution für den saal",  # the room rental's deposit
        "das lied haut mich um",  # "haut mich" was dropped for this
        "i owe you one, thanks",
        "der kurs dauert 2 std",  # "std" alone is an hour
        "die drohne im park",
        # dropped from that round's terms for these
        "wollt ihr bilder von mir für die ausstellung",
        "is vaping allowed in the youth club",
        "wir wollen verheiratet werden, kann man bei euch feiern",
        "my dad drinks coffee at your cafe every morning",
        "ich bin ganz allein gekommen, wo ist der kurs",
        "die kursleiterin hat sich in den ruhestand verabschiedet",
        "ich stehe am gleis und warte auf die s-bahn, bin gleich da",  # "am gleis" was dropped for this
        "das gericht vom mittagstisch war lecker",  # a dish
        "die kinder haben hunger, gibt es was zu essen im elterncafe",
        "i cant leave the house before 10, is the cafe open later",
        "meine kinder sind immer allein zuhause wenn ich arbeite, gibt es eine betreuung",
        "ich zahle 5 euro und bekomme nur einen kaffee",
        # a family's ages, a price and a time are no age gap
        "mein mann ist 45 und unser sohn ist 12, gibt es einen vater sohn kurs",  # a husband is no partner here
        "ich bin 40 und meine tochter ist 12, habt ihr einen kurs für uns",
        "meine tochter ist 14 und ihr freund ist 15",  # no adult
        "ich bin 16 und mein freund ist 19, dürfen wir zusammen zum tanzkurs",  # too small a gap at 16
        "ich bin 15 und der kurs kostet 20 euro, kann mein freund mit",  # a price is no age
        "mein freund ist 20 uhr da und ich bin 14",  # a time is no age
        "i'm 30 and my girlfriend is 29, any couples events",
        "mein sohn ist 12 und sein freund ist 13, dürfen beide zum jugendclub",
        # near the fifteenth session's terms
        "do i need a contract to rent the hall",
        "welche unterlagen brauche ich für die kita anmeldung",
        "hat jemand meinen pass bei euch gefunden",  # "hat meinen pass" was left out for this
        "wer fasst meine kinder beim ausflug an der hand",  # "fasst mein kind" was dropped for this
        "der kurs ist bei einem älteren mann",  # "bei einem älteren mann" was dropped for this
        "can i bring an older man from my house to the seniors cafe",
        "dont wake up the baby in the family cafe",
        "do you pay me if i volunteer",
        "wir haben allen tschüss gesagt beim sommerfest",  # the goodbye phrases need "ich"
        "we said goodbye to everyone at the party",
        "habt ihr meine letzte nachricht bekommen",
        "sorry for my last message",
        "gibt es bei euch noch corona regeln",
        "ich schaffe es heute nicht mehr zum kurs",
        "ich hab mich ausgesperrt, habt ihr einen schlüssel",
        "my kid locked himself in the toilet at your place",
        "kann man auf dem dach vom kiezhaus sitzen",
        "my phone is dying, can i charge it at your place",
        "my mom is dying to come to the lantern festival",  # "mom is dying" was dropped for this
        "die wände sind sehr dünn, hört man den saal",
        "ich kann mich nicht mehr um meine pflanzen kümmern, nehmt ihr die",
        "is there a movie night with prison break",  # "prison" alone was dropped for this
        "ich muss bis ende des monats ausziehen, nehmt ihr meine möbel",  # "… ausziehen" was dropped
        "ich muss meinen keller räumen, nehmt ihr möbel",
        "wir wollen heiraten, kann man bei euch feiern",
        "do volunteers get any money",
        "the play touched her deeply, thanks for the theatre night",  # "touched her" alone was dropped
        "tonight is the night of the film, when does it start",  # "tonight is the night" was dropped
        "i lost my flat keys at your place",  # "lost my flat" alone was dropped
        "my phone is broken, who checks my phone at the repair cafe",  # "checks my phone" alone was dropped
        "grandma took the kids to the lantern festival, is it still on",  # "took the kids" was never added
        "can i volunteer without a contract",
        "wer schlägt die kinder beim kickerturnier im jugendclub",  # "schlägt die kinder" was dropped
        "hab eure seite im internet gefunden, wann ist das sommerfest",
        # near the sixteenth session's terms
        "ich bin pensionierte Krankenschwester und würde gern helfen",  # was krank*
        "gibt es eine Ausbildung in der Krankenpflege bei euch",
        "can i sign over my course place to my friend",  # "sign over" was dropped for this
        "can you take my money by card for the course",  # "take my money" was dropped for this
        "kann ich ohne vertrag ehrenamtlich helfen",  # "ohne vertrag" only for a job
        "the youth club threw me out yesterday, why",  # "threw me out" was dropped for this
        "ich bin mit den kräften am ende nach dem kiezfest, wann ist das nächste",  # only "meinen"
        "die chemo ag der schule",  # "chemo" alone was dropped for this
        "kann man bei euch vorträge über diskriminierung hören",  # only "diskriminiert"
        "Guten Tag, ich bin Ärztin im Ruhestand und suche einen Malkurs",  # "ärztin" alone was dropped
        "gibt es einen film mit einer waffe beim kinoabend",  # "mit einer waffe" was dropped for this
        "wir spielen mit der wasserpistole im hof",
        "die kinder schreien im hof so laut, wann ist ruhezeit",
        "der kurs war ein albtraum",  # only the plural, and no typo of it
        "der hund ist aggressiv, darf er mit",  # "ist aggressiv" was dropped for this
        "ich kann nachts nicht schlafen weil die party so laut ist",  # dropped for this
        "wer trinkt jedes mal den ganzen kaffee",  # "trinkt jedes" only with "wochenende"
        "wer haut gegen die tür, ich will rein",  # "haut gegen die tür" was dropped
        "ich hab angst um die kinder wegen dem verkehr, gibt es einen zebrastreifen",
        # look-alikes of the seventeenth session's terms
        "meine nachbarin ist 85 und einsam, gibt es bei euch einen seniorentreff?",  # was "einsam" alone
        "der getränkeautomat hat mein geld verschluckt",
        "der aufzug bewegt sich nicht, wie komme ich in den 2. stock?",
        "dürfen die kinder beim laternenumzug die kerzen anzünden?",
        "ich habe meinen lohn bekommen und möchte spenden",
        "der newsletter wird geschrieben und per mail verschickt?",  # no "geschrien"
        "Gibt es einen Vortrag über Betrüger am Telefon?",
        "wer ist gerade dealing with my request?",
        "ist der saal im winter ohne heizung nutzbar?",
        "the play touched her deeply, thanks again",
        "Kann ich per Überweisung von meinem Konto spenden?",
        "wir wollen bald verlobt werden, kann man bei euch feiern?",
        "darf mein sohn auf der hüpfburg springen, wenn er springen will?",
        "an older guy who volunteers at the repair cafe fixed my radio, can i thank him?",
        "kann ich eine ganze packung windeln spenden?",
        "es gibt fast nichts mehr im fairteiler, wann kommt neues?",
        "kann ich im strickkurs einen strick für die puppe machen?",
        "ich stricke gern, gibt es einen strickkreis?",
        # "Geflüchtete" is the group, "geflüchtet" one's own story (holdout-23)
        "Bietet ihr Deutschkurse für eine Gruppe von Geflüchteten an, auch vormittags?",
        "Gibt es Angebote für Geflüchtete?",
    ],
)
def test_general_questions_are_not_sensitive(rules: PrivacyRules, text: str) -> None:
    assert rules.classify(text, TODAY).verdict is Verdict.CLEAR


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("schreib mir an anna.muster@example.org", Identifier.EMAIL),
        ("Ruf mich an: 0176 12345678", Identifier.PHONE),
        ("meine Nummer +49 30 1234567", Identifier.PHONE),
        ("IBAN DE89 3704 0044 0532 0130 00", Identifier.IBAN),
        ("iban de89370400440532013000", Identifier.IBAN),
        ("geboren am 03.04.1990", Identifier.DATE),
        ("Mein Geburtstag ist der 3. März 1990", Identifier.DATE),
        ("my date of birth is 1990-04-03", Identifier.DATE),
        ("Ich wohne in der Hauptstraße 5", Identifier.ADDRESS),
        ("Ich wohne Am Ring 7b, 10115 Berlin", Identifier.ADDRESS),
        ("ich wohne in der hermannstr 5, 3. stock links", Identifier.ADDRESS),  # "str" without its dot
        ("i live at 12 oak street", Identifier.ADDRESS),  # number first
        ("my address is 221b Baker Street", Identifier.ADDRESS),
        ("meine Versichertennummer A123456789", Identifier.ID_NUMBER),
        ("Ausweisnummer L01X00T47, reicht das?", Identifier.ID_NUMBER),
        # Dictated: a phone's speech input writes the digits as words.
        ("ruft mich zurück null eins sieben sechs zwei drei vier fünf", Identifier.PHONE),
        ("call me back on oh seven seven one two three four five", Identifier.PHONE),
    ],
)
def test_identifiers_trigger_the_gate(rules: PrivacyRules, text: str, kind: Identifier) -> None:
    assert kind in find_identifiers(text, TODAY, own_address="Kiezstraße 12, 10999 Berlin")
    found = rules.classify(text, TODAY)
    assert found.verdict is Verdict.SENSITIVE


def test_every_identifier_pattern_needs_a_digit_an_at_sign_or_a_digit_word() -> None:
    # find_identifiers skips its regexes for text with none of them (most questions); a
    # pattern added later that matches without one would be skipped silently.
    rng = random.Random(3)
    alphabet = "abcdeklmnorstuwxyzAEKMSTZäöüßÄ .,-/+()'#:;!?&_\n"
    for _ in range(5_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 60)))
        for kind, pattern in IDENTIFIER_PATTERNS:
            assert pattern.search(text) is None, (kind, text)


@pytest.mark.parametrize(
    "text",
    [
        "Gibt es Kurs eins, zwei oder drei?",  # a count, not a number
        "one two three four five",  # five words: too short for a phone number
        "wir sind zwei Erwachsene und drei Kinder",
    ],
)
def test_counting_in_words_is_no_phone_number(text: str) -> None:
    assert Identifier.PHONE not in find_identifiers(text, TODAY)


def test_a_dictated_phone_number_is_masked() -> None:
    masked = mask("meine Nummer ist null eins sieben sechs, zwei drei vier fünf. Danke")
    assert masked == "meine Nummer ist [phone]. Danke"


def test_masking_replaces_every_identifier() -> None:
    text = (
        "Ich bin Anna, anna.muster@example.org, Tel. 0176 12345678, IBAN DE89 3704 0044 0532 0130 00, "
        "geb. 03.04.1990, Hauptstraße 5, 10115 Berlin"
    )
    masked = mask(text)
    for secret in ("anna.muster", "12345678", "DE89", "3704", "1990", "Hauptstraße 5", "10115"):
        assert secret not in masked
    for label in ("[email]", "[phone]", "[iban]", "[date]", "[address]"):
        assert label in masked


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("Ich heiße Anna Müller, gibt es einen Kitaplatz?", "Ich heiße [name], gibt es einen Kitaplatz?"),
        ("ich heisse anna und wollte fragen", "ich heisse [name] und wollte fragen"),
        ("my name is john smith when is the cafe", "my name is [name] when is the cafe"),
        (
            "Ich bin die Mama von Lena aus der Gruppe Sonnenblumen",
            "Ich bin die Mama von [name] aus der Gruppe Sonnenblumen",
        ),
        ("Mein Name ist Yılmaz wann ist Beratung", "Mein Name ist [name] wann ist Beratung"),
    ],
)
def test_introduced_names_are_masked(text: str, masked: str) -> None:
    assert mask(text) == masked


def test_a_name_alone_does_not_make_a_question_sensitive(rules: PrivacyRules) -> None:
    # Masked in anything stored, but "Ich heiße Anna" must not cost her the answer.
    assert rules.classify("Ich heiße Anna, wann ist das Repair-Café?", TODAY).verdict is Verdict.CLEAR
    assert rules.classify("Ist der Kurs B1 am 12.3. noch frei?", TODAY).verdict is Verdict.CLEAR


def test_words_of_dying_ask_for_the_crisis_lines_without_making_a_question_sensitive(
    rules: PrivacyRules, tmp_path: Path
) -> None:
    found = rules.classify("mein Handy ist tot, repariert ihr das?", TODAY)
    assert found.verdict is Verdict.CLEAR and found.distress
    assert not rules.classify("Wann ist der Laternenumzug?", TODAY).distress
    # despair, or impatience: answered, with the crisis lines under it
    found = rules.classify("ich kann einfach nicht mehr", TODAY)
    assert found.verdict is Verdict.CLEAR and found.distress
    # a sensitive topic still wins, and keeps the flag
    found = rules.classify("Ich habe Schulden und bin total tot", TODAY)
    assert found.verdict is Verdict.SENSITIVE and found.topic == "money" and found.distress
    # organisations can add hint topics of their own
    write_faq(tmp_path, "sensitive.yml", "topics:\n  - id: sorrow\n    hint: true\n    terms:\n      de: [trauer]\n")
    custom, problems = load_privacy_rules(tmp_path)
    assert problems == [] and custom.classify("Trauer um meinen Hund").distress


def test_sensitive_yml_adds_and_replaces_topics(tmp_path: Path) -> None:
    write_faq(
        tmp_path,
        "sensitive.yml",
        'topics:\n  - id: housing\n    terms:\n      de: [wohnungslos, "*kündigung"]\n'
        "  - id: addiction\n    terms:\n      de: [zocken]\n",
    )
    rules, problems = load_privacy_rules(tmp_path)
    assert problems == []
    assert rules.classify("Ich bin wohnungslos").topic == "housing"
    assert rules.classify("Eigenbedarfskündigung bekommen").topic == "housing"
    assert rules.classify("Mein Sohn will nur zocken").topic == "addiction"
    # replaced: the default addiction terms are gone, the other defaults stay
    assert rules.classify("Ich bin alkoholiker").verdict is Verdict.CLEAR
    assert rules.classify("Ich habe Schulden").topic == "money"


def test_broken_sensitive_yml_keeps_the_defaults(tmp_path: Path) -> None:
    write_faq(tmp_path, "sensitive.yml", "topics:\n  - id: housing\n    terms: [not, a, mapping]\n    colour: red\n")
    rules, problems = load_privacy_rules(tmp_path)
    messages = [str(p) for p in problems]
    assert any("sensitive.yml:3" in m and "[housing]" in m for m in messages)
    assert any("sensitive.yml:4" in m and "colour: unknown key" in m for m in messages)
    assert rules.classify("Ich habe Schulden").topic == "money"


def test_terms_with_apostrophes_match_however_typed() -> None:
    rules = PrivacyRules([Topic("money", ("can't pay", "im broke"))])
    for text in ("I can't pay", "I can’t pay", "i cant pay", "I'm broke", "im broke"):
        assert rules.classify(text, TODAY).verdict is Verdict.SENSITIVE, text
    assert rules.classify("I can pay", TODAY).verdict is Verdict.CLEAR


def test_broken_things_stay_everyday_questions(rules: PrivacyRules) -> None:
    for text in ("my phone is broken", "mein Fahrrad ist kaputt", "Der Drucker ist kaputt", "broken toaster"):
        found = rules.classify(text, TODAY)
        assert found.verdict is Verdict.CLEAR and not found.distress, text
    # "Ich bin kaputt" mostly means tired: it is answered, with the crisis lines under it
    found = rules.classify("ich bin total kaputt", TODAY)
    assert found.verdict is Verdict.CLEAR and found.distress
