"""Text helpers: the question inside a message, where one asks several things, and which language it is in."""

from __future__ import annotations

import pytest

from bot.bench import Outcome
from bot.text import (
    MAX_QUESTION_PARTS,
    about_someone_else,
    answer_covers,
    asked_sentence,
    follow_up_aspects,
    guess_language,
    in_another_language,
    in_another_script,
    names_no_topic,
    question_core,
    question_parts,
    tells_about_someone,
    writes_as_young,
)


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("wo seid ihr und wann habt ihr offen", ["wo seid ihr", "wann habt ihr offen"]),
        ("Wie ist die Adresse? Und habt ihr Parkplätze?", ["Wie ist die Adresse", "Und habt ihr Parkplätze"]),
        ("where are you and when are you open", ["where are you", "when are you open"]),
        ("Gibt es Yoga??? Was kostet das?", ["Gibt es Yoga", "Was kostet das"]),
        (
            "Wir sind neu hier. Wo seid ihr und wann habt ihr offen",
            ["Wir sind neu hier. Wo seid ihr", "wann habt ihr offen"],
        ),
    ],
)
def test_a_message_is_cut_where_a_new_question_starts(text: str, parts: list[str]) -> None:
    assert question_parts(text) == parts


@pytest.mark.parametrize(
    "text",
    [
        "Kann ich Kleidung und Möbel abgeben",  # "und" between two things, not two questions
        "Wann und wo ist der Flohmarkt?",  # "wann" alone asks nothing
        "I lost my card, how do I report it",  # no cut at commas
        "Hilfe! Wann habt ihr offen?",  # nor at exclamation marks
        "Kita? Wann habt ihr offen?",  # a one-word piece is no question of its own
        "kurse und kitaplatz",
        "mein Sohn war beim Jugendclub und hat seine Jacke liegen lassen",  # tells, then "und hat"
    ],
)
def test_one_question_stays_whole(text: str) -> None:
    assert question_parts(text) == [text]


def test_a_list_of_many_questions_is_read_as_one() -> None:
    flood = "? ".join(f"wann ist kurs {n}" for n in range(MAX_QUESTION_PARTS + 1))
    assert question_parts(flood) == [flood]
    assert len(question_parts("? ".join(f"wann ist kurs {n}" for n in range(MAX_QUESTION_PARTS)))) == 4


def test_the_benchmark_counts_an_entry_answered_among_several() -> None:
    several = Outcome("answer", "address", (), also_answered=("opening-hours",))
    assert several.answered("opening-hours") and several.answered("address")
    assert not several.answered("wifi") and not several.answered(None)
    assert not Outcome("suggest", None, ("address",)).answered("address")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # "an" and "was" are words of both languages: these were answered in English
        ("ruft mich an 0176 1234567", "de"),
        ("thanks, that was helpful", "en"),
        ("call me 0176 1234567", "en"),
        ("was kostet das", "de"),
        ("an apple a day", "en"),
        ("whats on this weekend", "en"),  # "that", "this" and their contractions are English only
        ("thats great", "en"),
    ],
)
def test_the_language_is_guessed_from_words_of_one_language(text: str, language: str) -> None:
    assert guess_language(text, None, "de" if language == "en" else "en") == language


def test_another_script_is_letters_without_latin_ones() -> None:
    assert in_another_script("مرحبا") and in_another_script("Привіт!")
    assert not in_another_script("Привіт Kita") and not in_another_script("😬 ?")
    assert not in_another_script("Öffnungszeiten") and not in_another_script("")


def test_another_language_in_latin_letters_needs_its_words_and_none_of_ours() -> None:
    assert in_another_language("hola, cuando abren?") and in_another_language("merhaba, kreşte yer var mı?")
    assert not in_another_language("hola, wann habt ihr offen?")  # German words too
    assert not in_another_language("what is the capital of france")
    assert not in_another_language("a dove on the roof")  # "dove" is English as well


@pytest.mark.parametrize(
    ("text", "core"),
    [
        ("wann habt ihr offen? LG Anna", "wann habt ihr offen?"),
        ("wann habt ihr offen lg anna", "wann habt ihr offen"),
        ("Hallo liebes Team, gibt es noch freie Kitaplätze? Viele Grüße Maria", "gibt es noch freie Kitaplätze?"),
        ("Guten Tag, wann ist das Repair Café? Mit freundlichen Grüßen, Dr. Klaus Becker", "wann ist das Repair Café?"),
        ("Sehr geehrte Damen und Herren, wie sind Ihre Öffnungszeiten?", "wie sind Ihre Öffnungszeiten?"),
        ("Dear Sir or Madam, when are you open? Kind regards, John", "when are you open?"),
        ("Hallo, ich bin neu hier und wollte fragen wann ihr offen habt", "wann ihr offen habt"),
        ("Entschuldigung, aber wie ist das WLAN Passwort?", "wie ist das WLAN Passwort?"),
        ("Hi, sorry to bother you, where are you located?", "where are you located?"),
        ("Servus miteinander, wann ist der Flohmarkt?", "wann ist der Flohmarkt?"),
        ("gibts noch kitaplaetze, danke im voraus :)", "gibts noch kitaplaetze"),
        ("What's the wifi password? Thanks a lot 🙏", "What's the wifi password?"),
        # a letter's polite openers
        ("Sehr geehrtes Team, ich würde gerne wissen, ob Sie Kleidung ausgeben", "Sie Kleidung ausgeben"),
        ("Guten Tag, könnten Sie mir bitte mitteilen, welche Kurse Sie anbieten?", "welche Kurse Sie anbieten?"),
        ("Dear team, could you kindly let me know your opening hours?", "your opening hours?"),
        ("Good afternoon, I would be grateful for information about events at your centre.", "events at your centre."),
        ("hiya, any idea when the repair cafe is on?", "when the repair cafe is on?"),
        ("Do you have any idea if the cafe is open?", "the cafe is open?"),
        # asking whom to turn to, after saying what about
        ("Ich will ehrenamtlich helfen. An wen kann ich mich wenden?", "Ich will ehrenamtlich helfen."),
        ("hab ne idee für den jugendclub, wem sag ich das 💡", "hab ne idee für den jugendclub"),
        ("I'd like to volunteer as a tutor. Whom should I contact?", "I'd like to volunteer as a tutor."),
        # written-out and left-out umlauts
        ("Liebe Gruesse, wann ist Yoga? Viele Grusse", "Liebe Gruesse, wann ist Yoga?"),
    ],
)
def test_the_question_is_read_without_greeting_opener_or_sign_off(text: str, core: str) -> None:
    assert question_core(text) == core


@pytest.mark.parametrize(
    "text",
    [
        "Kann man einen LG Fernseher reparieren lassen?",  # "LG" with more than a name after it
        "where can i buy cheers beer",  # "cheers" signs off only after a comma or full stop
        "Any ideas for the summer party?",  # ideas are what is asked for
        "wann ist hilfe bei den hausaufgaben",  # "hi" only as a word
        "Hallo!",  # nothing else left
        "Liebe Grüße",
        "hi, ai",  # less than three words left: the greeting is the message
        "hey what's up",
        "wann ist yoga danke",  # a thanks signs off only after a comma or full stop
        "An wen kann ich mich wenden?",  # alone, it is the question
        "who can i talk to at your place",
    ],
)
def test_a_message_without_a_frame_stays_as_it_is(text: str) -> None:
    assert question_core(text) == text


@pytest.mark.parametrize(
    ("text", "follow_up"),
    [
        ("und was kostet das?", True),
        ("wo ist das?", True),
        ("und wann?", True),
        ("muss ich mich dafür anmelden?", True),
        ("is it free?", True),
        ("do i need to sign up?", True),
        ("when does it start?", True),  # "start" got the founders' workshop
        ("wann geht es los?", True),
        ("wie lange dauert das?", True),
        ("Wann ist das Lichterfest?", False),  # names its topic
        # whom one brings along, when bringing along is asked: it got unrelated buttons
        ("kann ich da mein kind mitbringen?", True),
        ("darf mein hund mit?", True),
        ("can i bring my kids along?", True),
        ("wann kann ich mein kind bringen?", False),  # the Kita's drop-off times
        ("ab wann kann man sein kind anmelden", False),
        ("mein kind", False),
        ("wo seid ihr?", False),  # about the house, whatever came before
        ("when are you open?", False),
        # … but "das", "that" point back to what was told (holdout-23: the address, the events)
        ("Geht das bei euch?", True),
        ("Is that possible at your place?", True),
        ("Wann ist das nächste?", True),
        ("How does that work?", True),  # holdout-24: "work" sent it to the jobs
        ("Wie funktioniert das?", True),
        ("where can i work?", False),  # names the jobs
        ("danke", False),
    ],
)
def test_a_follow_up_names_no_topic(text: str, follow_up: bool) -> None:
    assert names_no_topic(text) is follow_up


@pytest.mark.parametrize(
    ("text", "aspects"),
    [
        ("und was kostet das?", {"cost"}),
        ("is it free?", {"cost"}),
        ("wo ist das?", {"place"}),
        ("und wann?", {"time"}),
        ("muss ich mich dafür anmelden?", {"sign-up"}),
        ("wann und wo?", {"time", "place"}),
        ("und auf englisch?", set()),
        ("kann ich da mein kind mitbringen?", {"bring-along"}),
        ("darf mein hund mit?", {"bring-along"}),
        ("und mit karte?", set()),  # "mit" alone brings nobody along
    ],
)
def test_what_a_follow_up_asks(text: str, aspects: set[str]) -> None:
    assert follow_up_aspects(text) == aspects


@pytest.mark.parametrize(
    ("answer", "aspect", "covered"),
    [
        ("Jeden zweiten Samstag im Monat von 11 bis 15 Uhr.", "time", True),
        ("Die Kita ist von 7:30 bis 17 Uhr geöffnet.", "time", True),
        ("Kostenlos, Spenden sind willkommen.", "cost", True),
        ("Lunch for 3.50 €.", "cost", True),
        ("Free places are usually given out in August.", "cost", False),  # free as in available
        ("Feel free to send an application.", "cost", False),
        ("Die Kleiderkammer im Keller ist montags offen.", "place", True),
        ("Du findest uns in der Kiezstraße 12.", "place", True),
        ("Das Haus ist Montag bis Freitag offen.", "place", False),
        ("Ohne Anmeldung, komm einfach vorbei.", "sign-up", True),
        ("Free and no registration needed.", "sign-up", True),
        ("Wir freuen uns auf dich!", "sign-up", False),
    ],
)
def test_whether_an_answer_says_it(answer: str, aspect: str, covered: bool) -> None:
    assert answer_covers(answer, aspect) is covered


@pytest.mark.parametrize(
    ("text", "statement"),
    [
        ("mein Onkel übernachtet in meinem Zimmer wenn Mama arbeitet", True),
        ("my dad takes the money from the donation box", True),
        ("mein Mann ist im Gefängnis", True),  # "ist" asks only at the start
        ("something for my grandma", True),
        ("unser Baby schreit die ganze Nacht und ich kann nicht mehr", True),  # got the family café
        # "was" and "will" ask in German only
        ("my uncle was in my room last night", True),  # got the room rental
        ("my dad will be gone all week and im alone", True),
        ("mein Enkel schläft seit Wochen bei mir auf dem Sofa", True),
        ("was macht mein Sohn im Kurs", False),
        ("mein Sohn will Fußball spielen", False),
        # questions and requests about the house
        ("mein Sohn braucht Hilfe bei den Hausaufgaben", False),
        ("ich suche einen Kitaplatz für meine Tochter", False),
        ("meine Tochter möchte Deutsch lernen", False),
        ("mein Sohn ist 2, habt ihr Platz in der Kita", False),
        ("can my grandma come to the cafe", False),
        ("wann kann mein Vater sein Fahrrad abholen", False),
        ("my son is bored?", False),
        # a clause after a comma asks like a message's start (the "?" left out)
        ("my husband uses wheelchair, can he come in", False),  # got buttons
        ("my mother is old and alone, is there a meeting for old people", False),
        ("mein Kind hat morgen Geburtstag, können wir bei euch feiern", False),
        ("mein Onkel kommt nachts in mein Zimmer, Mama weiß nichts", True),
        # the people children write about (twentieth session: got the youth club)
        ("ein großer junge im jugendclub nimmt mir immer mein taschengeld weg", True),
        ("the guy downstairs keeps following me", True),
        ("kann mein kumpel mit in den jugendclub", False),
        # no one close named, or too short to tell
        ("mein Fahrrad ist kaputt", False),
        ("my mom again", False),
    ],
)
def test_a_statement_about_someone_close(text: str, statement: bool) -> None:
    assert tells_about_someone(text) is statement


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("Mein Toaster ist kaputt. Wann ist das Repair-Café?", "Wann ist das Repair-Café?"),
        ("Ich bin neu da. Wo seid ihr? Danke", "Wo seid ihr?"),  # the last question, not the last sentence
        ("Meine Tochter ist in der 4. Klasse. Gibt es Hausaufgabenhilfe?", "Gibt es Hausaufgabenhilfe?"),
        ("im at the cafe! is there wifi?", "is there wifi?"),
        # a question may start right after a number's full stop
        ("We moved here and our son is 2. Do you have free places?", "Do you have free places?"),
        ("Sie ist 2. Habt ihr einen Kitaplatz?", "Habt ihr einen Kitaplatz?"),
    ],
)
def test_the_question_after_what_a_member_tells(text: str, asked: str) -> None:
    assert asked_sentence(text) == asked


@pytest.mark.parametrize(
    "text",
    [
        "Wann ist das Repair-Café?",  # one sentence
        "Habt ihr WLAN? Wie ist das Passwort?",  # questions only
        "Mein Toaster ist kaputt.",  # asks nothing
        "Wie wird das Wetter am 5. Dezember?",  # a date's full stop ends no sentence
        "Ist die Hausaufgabenhilfe auch für die 4. Klasse?",  # nor a class number's
        "Gibt es ca. 20 Plätze? Danke.",
        "",
    ],
)
def test_no_question_after_a_told_sentence(text: str) -> None:
    assert asked_sentence(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "mein freund hat geschrieben dass er heute abend von der brücke springen will",
        "meine freundin hat gerade eine ganze packung ibuprofen genommen",
        "my flatmate locked herself in the bathroom and says she has a razor",
        "meine tochter ritzt sich, was soll ich tun",
        # the member speaks only of their worry, or of being told
        "mein kollege erzählt ständig dass er keinen sinn mehr sieht, ich weiß nicht wie ich ihm helfen kann",
        "my friend said she wants to die what do i do",
        "mein freund hat mir gerade geschrieben dass er sich verabschieden will",
        "my friend wants to kill herself and I’m so worried",  # a typographic apostrophe
        "meine freundin will nicht mehr leben, sie hat mir erzaehlt dass sie tabletten sammelt",
        # those who work with someone say first who they are (eighteenth session)
        "Ich bin Lehrer und ein Schüler hat mir eben geschrieben, dass er sich heute umbringen will",
        "Ich arbeite als Trainer im Fußballverein, einer meiner Jungs ritzt sich, was kann ich tun",
        "I'm a youth worker and one of the kids told me he wants to kill himself",
        "As a teacher I just read a student's essay about wanting to die. Who do I call?",
        "Ich bin Übungsleiterin, ein Mädchen aus meiner Gruppe hat Suizidgedanken",
        "eine freundin von mir hat auf insta gepostet dass sie heute abend schluss macht für immer",
    ],
)
def test_a_crisis_of_someone_else(text: str) -> None:
    assert about_someone_else(text)


@pytest.mark.parametrize(
    "text",
    [
        "ich will nicht mehr leben",
        "Seit mein Mann tot ist will ich auch nicht mehr da sein",  # someone named, but the member speaks
        "my mum would be better off without me",
        "meine freundin hat mich verlassen und ich will nicht mehr leben",
        "hab grad 20 tabletten genommen, meine eltern wissen nichts",  # "hab": the member, without "ich"
        "mein leben hat keinen sinn",  # no one else named
        # a teacher or a coach in crisis themself: the role is no one else
        "Ich bin Lehrerin und will nicht mehr leben",
        "As a teacher I feel like I want to die",
        "ich bin trainer und kann nicht mehr, ich will sterben",
        "Als Kind wurde ich missbraucht und will nicht mehr leben",
        "I just read my old diary and I want to die",  # what they read is no one else's
        "mein freund will weg von mir und ich will nicht mehr leben",  # "von mir" after a person, yet the member
    ],
)
def test_the_members_own_crisis(text: str) -> None:
    assert not about_someone_else(text)


@pytest.mark.parametrize(
    ("text", "young"),
    [
        ("ich bin 10 und wir haben kein essen mehr", True),
        ("i am 11 and my mum says", True),
        ("hey ich bin 15 und langweil mich", True),
        ("ich bin in der 4. klasse", True),
        ("I'm in year 7", True),
        ("bin 14, darf ich in den jugendclub?", True),
        # a time, a duration, an adult, a parent telling a child's age
        ("ich bin 16 uhr da", False),
        ("ich bin 16.30 da", False),
        ("i'm 10 minutes late", False),
        ("ich bin 8 stunden am tag arbeiten", False),
        ("ich bin 34 und suche arbeit", False),
        ("mein sohn ist 12", False),
        ("ich bin 5 jahre hier", False),
    ],
)
def test_a_member_who_says_they_are_young(text: str, young: bool) -> None:
    assert writes_as_young(text) is young
