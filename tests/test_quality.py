"""Quality floors: matching must not get worse without anyone noticing.

Runs the real benchmark (`kiezbot bench`) on our own paraphrase set and its held-out
companion, on the privacy, crisis and other-places probes (all full pipeline), and on
the public German xSID set and CLINC validation (matcher only). The floors sit a little
under the figures measured for docs/benchmarks.md.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from bot.bench import run_bench
from bot.config import SHIPPED_FAQ_DIR, Config

ROOT = Path(__file__).resolve().parent.parent
SHARED_EVAL = ROOT.parent / "shared" / "eval"


def test_own_paraphrase_set() -> None:
    out = io.StringIO()
    result = run_bench(
        Config(), SHIPPED_FAQ_DIR, ROOT / "benchmarks" / "kiez" / "cases.tsv", False, out, baselines=False
    )
    assert result["in_scope"] >= 200 and result["out_of_scope"] >= 40 and result["sensitive"] >= 40
    assert result["correct"] >= 0.92, out.getvalue()
    assert result["wrong"] <= 0.03, out.getvalue()
    assert result["oos_answered"] <= 0.10, out.getvalue()
    # privacy is not a quality trade-off: every sensitive message is redirected
    assert result["sensitive_from_faq"] == 0, out.getvalue()
    assert result["sensitive_redirected"] == 1.0, out.getvalue()
    assert result["crisis_caught"] == 1.0, out.getvalue()
    assert result["redirected_in_scope"] <= 0.01, out.getvalue()


def test_held_out_set() -> None:
    # Written after the example FAQ and never used to change it; its out-of-scope
    # questions about other places are still answered too often (25 % measured,
    # docs/benchmarks.md), hence the loose cap.
    out = io.StringIO()
    result = run_bench(
        Config(), SHIPPED_FAQ_DIR, ROOT / "benchmarks" / "kiez" / "holdout.tsv", False, out, baselines=False
    )
    assert result["correct"] >= 0.91, out.getvalue()
    assert result["wrong"] <= 0.03, out.getvalue()
    assert result["oos_answered"] <= 0.30, out.getvalue()
    assert result["sensitive_from_faq"] == 0 and result["sensitive_redirected"] == 1.0, out.getvalue()
    assert result["crisis_caught"] == 1.0, out.getvalue()


@pytest.mark.parametrize(
    ("name", "in_scope", "out_of_scope", "correct", "wrong", "oos_answered"),
    [
        # Written blind in the thirteenth session: 84.6 % right, 4.4 % wrong, 20 % of its
        # out-of-scope questions answered. Five FAQ edits, the keyword rules and the way
        # to other places followed from it, so it is no longer unseen (docs/benchmarks.md).
        ("holdout-2.tsv", 90, 20, 0.89, 0.03, 0.20),
        # Written blind after those fixes: 87.1 / 3.2 / 10.0 %. The price rule and keyword
        # endings then turned two of its wrong answers into a right one and buttons.
        ("holdout-3.tsv", 90, 20, 0.86, 0.03, 0.15),
        # Written blind in the fourteenth session, two questions an entry: 91.9 / 1.6 /
        # 6.7 %. Two keyword edits (Kleiderstube, English courses) followed.
        ("holdout-4.tsv", 62, 15, 0.93, 0.03, 0.10),
        # Written blind after that, terse as members type (no verbs, typos, "r u open
        # sunday"): 87.1 / 6.5 / 0.0 %, the most wrong answers of any blind set. Keyword
        # edits brought it to 88.7 / 4.8 / 0.0 %; the rest is in docs/benchmarks.md.
        ("holdout-5.tsv", 62, 15, 0.87, 0.05, 0.10),
        # In learners' English, blind: 77.4 / 3.2 / 10.0 %, the lowest of any blind set.
        # A clause after a comma now asks ("my husband uses wheelchair, can he come in"
        # got buttons), and the food sharing got "bread", "vegetables": 87.1 %.
        ("holdout-6.tsv", 31, 10, 0.86, 0.04, 0.10),
        # Long messages that tell before they ask, blind (fifteenth session): 57.5 / 2.5 /
        # 10.0 %, every told word the FAQ does not know counting against the question.
        # Scored as the mean of the message and its question (`asked_sentence`): 80.0 /
        # 0.0 / 10.0 %, fitted to it; 77.5 % since the Kita hours' keywords were
        # narrowed ("… meine Tochter morgens in die Kita bringen?" got buttons).
        ("holdout-7.tsv", 40, 10, 0.77, 0.03, 0.10),
        # … and a second such set, written before that change and run once with it:
        # 80.0 / 0.0 / 12.5 % (73.3 / 0.0 / 12.5 % without).
        ("holdout-8.tsv", 30, 8, 0.78, 0.03, 0.13),
        # Run-on messages without punctuation, as typed on a phone or spoken into it
        # ("hallo ich wollte mal fragen ob es bei euch was für rentner gibt meine …"),
        # blind: 58.3 / 5.6 / 37.5 %, with a second set of them at 64.3 / 3.6 / 25.0 %.
        # No sentence to pick the question from; a clause finder cost right answers
        # elsewhere and on CLINC validation. "I'm" and "hab" no longer count as unknown
        # words: 61.1 and 67.9 % right.
        ("holdout-9.tsv", 36, 8, 0.61, 0.06, 0.375),
        ("holdout-10.tsv", 28, 8, 0.67, 0.04, 0.125),
        # In learners' German ("ich wollen deutsch lernen, wo kurs?"), blind: 77.4 / 3.2 /
        # 25.0 %, as low as learners' English. Nothing changed for it.
        ("holdout-11.tsv", 31, 8, 0.77, 0.04, 0.25),
        # Letters in formal German and English (sixteenth session), blind: 46.2 / 5.1 / 0.0 %,
        # the lowest of any blind set. "Ihnen", "Ihrer", "könnten" counted as words no
        # entry knows, and "Sehr geehrtes Team", "ich würde gerne wissen, ob", "could you
        # kindly let me know" as part of the question: 51.3 %. "… as a volunteer. Whom
        # should I contact?" got the contact; what was told is now what is asked about:
        # 56.4 / 2.6 / 0.0 %. The rest is mostly an office's words ("Räumlichkeiten",
        # "Rundbrief", "Verkehrsmittel") that the FAQ lacked; six such keywords: 59.0 %.
        ("holdout-12.tsv", 39, 10, 0.58, 0.03, 0.10),
        # A second set of letters, written before those changes and run once with them:
        # 71.4 / 0.0 / 25.0 % (65.7 / 0.0 / 25.0 % on the session's base code). A
        # "Hausverwaltung" is now another place: 12.5 % out of scope answered.
        ("holdout-14.tsv", 35, 8, 0.71, 0.03, 0.125),
        # German and English in one message, as many in Berlin write ("kann ich bei euch
        # volunteeren? hab am weekend zeit"), blind: 90.0 / 0.0 / 25.0 %. Nothing changed.
        ("holdout-15.tsv", 30, 8, 0.89, 0.03, 0.25),
        # Young people's messages with emoji and slang ("digga ich check mathe null 😭"),
        # blind: 81.1 / 2.7 / 10.0 %. Nothing changed for it.
        ("holdout-13.tsv", 37, 10, 0.81, 0.03, 0.10),
        # Spoken into a phone's dictation ("wann ist der Laternen Umzug dieses Jahr",
        # "habt ihr W-Lan"), seventeenth session, blind: 92.1 / 2.6 / 0.0 %. A compound
        # written apart is now read as the one word the FAQ knows; "Was für Kurse …?"
        # got the course fees: 97.4 / 0.0 / 0.0 %.
        ("holdout-16.tsv", 38, 6, 0.94, 0.03, 0.0),
        # Native speakers' English ("any spaces going at the nursery?", "my kettle's
        # packed in"), blind: 86.1 / 0.0 / 37.5 %; nothing changed for it. Out of scope,
        # "what time's the match on tonight?" gets the events, and "how do I open a
        # German bank account?" the German courses.
        ("holdout-17.tsv", 36, 8, 0.83, 0.03, 0.375),
        # Questions with a day, a date or a time ("habt ihr am 24.12. auf?", "ist das
        # seniorencafé diesen mittwoch um 14:30?"), blind: 70.6 / 5.9 / 12.5 %. Both
        # wrong answers were the opening hours for a holiday ("am 24.12.", "an Ostern");
        # a date that is a holiday every year is now read as its name (bot/holidays.py):
        # 73.5 / 2.9 / 12.5 %. Easter still gets the opening hours, which now say that
        # the house is closed on holidays. Days and times the FAQ does not name
        # ("dienstags nachmittags") no longer count as unknown words: 76.5 / 2.9 / 12.5 %.
        ("holdout-18.tsv", 34, 8, 0.76, 0.03, 0.125),
        # Older members: capitals, a space before "?", "Sie", blind: 86.7 / 10.0 / 0.0 %.
        # Wrong: "Gibt es einen Computerkurs für Senioren?" (the seniors' café; buttons
        # with the courses first since the nineteenth session: 6.7 % wrong), "… möchte
        # Deutsch lernen. Gibt es bei Ihnen einen Kurs?" (the courses, from the question
        # alone) and "Können Sie mir Ihr Programmheft zuschicken?" (the courses, whose
        # answer names the booklet: arguably right).
        ("holdout-19.tsv", 30, 8, 0.86, 0.07, 0.0),
        # Written with a translation app ("When is the coffee of repairing?", "Gibt es ein
        # Treffen für alte Menschen?"), blind (eighteenth session): 80.0 / 5.0 / 0.0 %. Two
        # labels were wrong (clothes and toys to give away: the clothes room takes
        # clothes, no entry takes toys): 84.6 / 2.6 / 0.0 %. Nothing changed for it.
        ("holdout-20.tsv", 39, 9, 0.84, 0.03, 0.0),
        # Parents of teenagers (eighteenth session), blind: 46.7 / 20.0 / 25.0 %, the most
        # wrong answers of any blind set. A question about the youth club's wifi, its
        # entrance, whom to reach there or what is planned gets the youth club's entry
        # (its keyword "Jugendclub"), whose answer says none of that. One label was
        # wrong: its answer gives the Saturday hours (50.0 / 16.7 / 25.0 %). A place named
        # in passing ("im Jugendclub") now gets buttons with what is asked first: 6.7 %.
        ("holdout-21.tsv", 30, 8, 0.50, 0.07, 0.25),
        # A side of a named offer (nineteenth session: "Gibt es im Seniorencafé einen
        # Aufzug?", "Gibt es im Jugendclub eine Dusche?"), written blind after the rule
        # for places named in passing: 50.0 / 25.0 / 87.5 % (on the session's base code
        # 50.0 / 43.8 / 87.5 %). English "to the" counts as a preposition since, and an
        # entry without a keyword is named by its rarer phrasing words ("in der Kita"):
        # 18.8 % wrong. Out of scope, seven of eight questions about a side no entry
        # knows got the named offer's entry; since the twentieth session, a question
        # whether something no entry knows is there gets "I don't know" with the offer as
        # a button: 50.0 / 15.6 / 12.5 %.
        ("holdout-22.tsv", 32, 8, 0.50, 0.16, 0.125),
        # Groups and organisations writing to the house (a choir looking for a rehearsal
        # room, a company's volunteering day, a school class), blind: 66.7 / 10.0 / 0.0 %,
        # and "Deutschkurse für eine Gruppe von Geflüchteten" redirected as legal. "Geht
        # das bei euch?" and "Wann ist das nächste?" after what was told now point back
        # to it, and "Geflüchtete" is no typo of "geflüchtet": 76.7 / 3.3 / 0.0 %.
        ("holdout-23.tsv", 30, 8, 0.76, 0.04, 0.0),
        # English-speaking newcomers (nineteenth session), written blind after all of the
        # session's other matcher changes: 76.7 / 10.0 / 25.0 % (on the session's base
        # code 76.7 / 13.3 / 25.0 %: "I think I left my gloves at the family café" now gets
        # buttons, the lost and found first). "… a small monthly donation. How does that
        # work?" got the jobs; "How does that work?" now points back: 80.0 / 6.7 / 25.0 %.
        # Wrong: "help out at the repair café" (the Repair Café), "drop off some winter
        # coats my kids have grown out of" (the Kita's drop-off).
        ("holdout-24.tsv", 30, 8, 0.80, 0.07, 0.25),
        # Whether there is something at one of the offers (twentieth session: "Gibt es im
        # Familiencafé einen Wickeltisch?", "is there a pool table at the youth club?"),
        # blind: 73.3 / 6.7 / 90.0 %. Such a question about something neither the FAQ's
        # phrasings nor the offer's answer know now gets "I don't know" with the offer
        # as a button: 70.0 / 3.3 / 30.0 % ("Mittagessen" in the seniors' café, whose
        # answer says "Mittagstisch", is the right answer lost).
        ("holdout-25.tsv", 30, 10, 0.70, 0.04, 0.30),
        # The same kind of question, written before that rule and run once with it:
        # 83.3 / 3.3 / 80.0 % on the session's base code, 83.3 / 3.3 / 10.0 % with it;
        # 0.0 % since "Hat die Kleiderkammer eine Umkleidekabine?" reads like "Gibt es in
        # der Kleiderkammer …?".
        ("holdout-26.tsv", 30, 10, 0.83, 0.04, 0.0),
        # What an offer has ("Hat der Jugendclub eine Dusche?", "Hat das Seniorencafé
        # WLAN?"), blind: 83.3 / 6.7 / 80.0 %. The offer named after "hat der …" now
        # counts like one named after "im …": 83.3 / 3.3 / 20.0 %.
        ("holdout-27.tsv", 30, 10, 0.83, 0.04, 0.20),
        # Whether one may do something at an offer ("Darf man im Jugendclub übernachten?",
        # "Can I bring my cat to the family café?"), blind: 76.2 / 0.0 / 30.0 % (85.7 / 4.8 /
        # 80.0 % on the session's base code). "tanzen" now counts as said by the seniors'
        # café's "Tanz" (the same stem): 81.0 / 0.0 / 30.0 %.
        ("holdout-28.tsv", 21, 10, 0.80, 0.0, 0.30),
        # Members who write as they speak ("wan habt ir offen", "brauch winta jake fur mein
        # kint"), blind: 80.0 / 0.0 / 30.0 %. "wo is das jobcenta" is now read as the
        # Jobcenter by the privacy gate: 80.0 / 0.0 / 20.0 %.
        ("holdout-29.tsv", 30, 10, 0.80, 0.0, 0.20),
        # Young people's chat German ("yo habt ihr heut noch offen?", "gibts iwo
        # hausaufgabenhilfe bei euch"), blind, written after chat German became filler:
        # 76.7 / 3.3 / 50.0 %. Two labels were wrong (old clothes go to the clothes room,
        # and the youth club has a PlayStation): 80.6 / 0.0 / 44.4 %. Answered out of
        # scope: "wann fährt die u8" (the address), "wo kann man hier gut döner essen"
        # (the food sharing), "wann is das nächste hertha spiel" and "wo is das nächste
        # kino" (the events). Nothing was changed for it.
        ("holdout-30.tsv", 31, 9, 0.80, 0.0, 0.45),
    ],
)
def test_later_held_out_sets(
    name: str, in_scope: int, out_of_scope: int, correct: float, wrong: float, oos_answered: float
) -> None:
    out = io.StringIO()
    result = run_bench(Config(), SHIPPED_FAQ_DIR, ROOT / "benchmarks" / "kiez" / name, False, out, baselines=False)
    assert result["in_scope"] >= in_scope and result["out_of_scope"] >= out_of_scope
    assert result["correct"] >= correct, out.getvalue()
    assert result["wrong"] <= wrong, out.getvalue()
    assert result["oos_answered"] <= oos_answered, out.getvalue()


@pytest.mark.parametrize(
    ("name", "in_scope", "correct", "oos_answered"),
    [
        # Measured at 57.5 % answered before the places list; the list was written
        # with it at hand, so this is a regression guard, not an unseen figure.
        ("other-places.tsv", 0, 0.0, 0.25),
        # Written after the list was frozen: 47.5 % → 15 % answered, 86.7 % → 66.7 %
        # right; then "*schule" and "*verein" were narrowed (80 %), so it is no
        # longer unseen either (docs/benchmarks.md).
        ("other-places-2.tsv", 15, 0.73, 0.20),
        # Questions about us that mention a place in passing: the list alone turned
        # 92 % right into 20 %; a question addressed to us ("habt ihr") now stays ours.
        ("places-in-passing.tsv", 25, 0.72, 0.0),
        # … unless it asks us about something else ("wisst ihr, wann das Jobcenter …").
        ("other-places-asked-of-us.tsv", 0, 0.0, 0.15),
        # Written before that rule and measured once with it: 53.3 % right, 5 % answered.
        ("other-places-3.tsv", 15, 0.46, 0.10),
        # Everyday questions we have no answer for that name no place (blind, thirteenth
        # session): 6 of 29 answered as written ("wo kann ich blut spenden" got the
        # donations); 5 after the blood-donation terms.
        ("other-things.tsv", 11, 0.9, 0.20),
        # A second such probe, blind (fourteenth session): 6 of 30 answered, nothing
        # changed for it; a guard at that level.
        ("other-things-2.tsv", 10, 0.9, 0.20),
        # Timetables and tickets beside the way to us (twenty-first session), blind,
        # written to see whether timetable questions need a rule of their own: only 1
        # of 12 answered ("wann fährt morgen früh der erste bus": the address), 62.5 %
        # of the way-to-us questions right. No rule was built; a guard at that level.
        ("other-places-4.tsv", 8, 0.62, 0.09),
    ],
)
def test_questions_about_other_places(name: str, in_scope: int, correct: float, oos_answered: float) -> None:
    # "Wann hat das Jobcenter offen?" reads like our opening hours; a question that
    # names another place gets buttons instead of our answer (bot/places.py).
    out = io.StringIO()
    cases = ROOT / "benchmarks" / "kiez" / name
    result = run_bench(Config(), SHIPPED_FAQ_DIR, cases, False, out, baselines=False)
    assert result["out_of_scope"] + result["in_scope"] >= 20 and result["in_scope"] >= in_scope, out.getvalue()
    assert result["oos_answered"] <= oos_answered, out.getvalue()
    assert result["correct"] >= correct and result["wrong"] == 0.0, out.getvalue()


@pytest.mark.parametrize(
    ("name", "sensitive", "crisis", "everyday", "crisis_reply"),
    [
        ("privacy-probe-1.tsv", 40, 6, 20, 1.0),
        ("privacy-probe-2.tsv", 40, 6, 20, 1.0),
        ("crisis-probe.tsv", 1, 30, 10, 1.0),
        ("crisis-probe-2.tsv", 0, 25, 10, 1.0),
        ("crisis-probe-3.tsv", 0, 23, 8, 1.0),
        # Measured once untuned: half its messages got the crisis reply. The tenth
        # session added terms for four it missed (bridge, roof, pills laid out), so
        # 70 % now, and it is no fresh measure. Every one must still get the numbers.
        ("crisis-probe-4.tsv", 0, 20, 8, 0.7),
        # Written with the ninth session's fixes, from the messages the rules missed: a
        # guard against losing them again, not a fresh measure.
        ("crisis-probe-5.tsv", 16, 13, 9, 1.0),
        # The same for the tenth session's round (17 of 70 messages missed, 16 fixed).
        ("crisis-probe-6.tsv", 12, 4, 7, 1.0),
        # … and for its English round (13 of 35 missed, all fixed).
        ("crisis-probe-7.tsv", 8, 5, 7, 1.0),
        # … and for a round about parents and children (10 of 30 missed, 7 fixed) and
        # a handful about abuse (2 missed).
        ("crisis-probe-8.tsv", 8, 2, 7, 1.0),
        # Learner German ("mein mann schlagen mich", "ich nicht haben papiere"): 4 of
        # 20 missed, all fixed; its 9 everyday questions were all answered right.
        ("crisis-probe-9.tsv", 19, 1, 9, 1.0),
        # A second English round, about money, papers and personal data: 6 of 25 missed,
        # all fixed.
        ("crisis-probe-10.tsv", 24, 1, 8, 1.0),
        # Young people's words (unalive, nudes for money, running away, forced marriage,
        # a number written in words): 18 of 30 missed, 17 fixed.
        ("crisis-probe-11.tsv", 23, 6, 11, 1.0),
        # Older people's words (a fall, a stroke, a pension that does not reach, grief,
        # a neighbour not seen for days): 14 of 20 missed, 13 fixed; the two emergencies
        # get "call 112".
        ("crisis-probe-12.tsv", 17, 2, 6, 1.0),
        # Personal data written around the patterns ("anna.schmidt(at)gmx.de", "john dot
        # doe at gmail dot com", a photo of an ID): 6 of 18 missed, 4 fixed, and two
        # everyday questions with a name in them.
        ("privacy-probe-3.tsv", 16, 0, 2, 0.0),
        # Someone worried about another person (a neighbour's child, a friend controlled by
        # her husband, a coach texting a boy at night): 11 of 20 missed, all fixed.
        ("crisis-probe-13.tsv", 18, 2, 5, 1.0),
        # Newcomers and parents (papers, a refugee shelter, Kita fees, a child not brought
        # back, a racist attack, a door being kicked in): 5 of 24 missed, all fixed; one
        # ("ich kann die kitagebühren nicht mehr bezahlen") had got the course fees.
        ("crisis-probe-14.tsv", 20, 4, 6, 1.0),
        # Work, tenancy, the police, sexual identity, carers (a wage not paid, mould, a fine
        # for riding without a ticket, "ich bin schwul", pills taken): 12 of 24 missed, 11
        # fixed; left to the net: a phone contract "den ich nicht wollte".
        ("crisis-probe-15.tsv", 20, 3, 5, 1.0),
        # Online harms (sextortion, grooming on Discord, doxxing, loot boxes, a fake shop,
        # bank login given away, a goodbye post): 14 of 21 missed, 13 fixed; one had got
        # the lost and found ("500 euro bei online casinos verloren"). Left to the net:
        # "ich werde in whatsapp gruppen fertig gemacht" ("fertig gemacht" is also "done").
        ("crisis-probe-16.tsv", 17, 3, 4, 1.0),
        # A mixed round, blind (thirteenth session): 3 of 23 missed, all fixed: rent not
        # paid for three months (it got buttons with the room rental), a daughter who
        # stops eating, and a threat to stab (fallback, now the danger reply).
        ("crisis-probe-17.tsv", 20, 3, 8, 1.0),
        # Blind again (fourteenth session): 3 of 24 missed, all fixed: "i think im bi",
        # a daughter's cutting scars ("ritzspuren"), and a man at the door "und hat ein
        # Messer" (fallback, now the danger reply).
        ("crisis-probe-18.tsv", 20, 4, 8, 1.0),
        # And a harder one: 6 of 20 sensitive missed, one of them answered with the Kita
        # hours ("mein kind wird in der kita gehauen"); all fixed with 28 terms.
        ("crisis-probe-19.tsv", 20, 4, 8, 1.0),
        # Young and old people's words and online harms: 11 of 20 sensitive and 1 of 4
        # crisis messages missed (all got at least the crisis numbers); all fixed.
        ("crisis-probe-20.tsv", 20, 4, 8, 1.0),
        # Worried about someone else, work and tenancy: 5 of 20 sensitive and 3 of 4
        # crisis messages missed. Fixed but one: "ich steh am bahngleis" still gets "I
        # don't know" with the crisis numbers ("am gleis" is also where one waits for
        # the S-Bahn), hence 0.75.
        ("crisis-probe-21.tsv", 20, 4, 8, 0.75),
        # Newcomers' and learners' words, papers, work, money (fifteenth session): 5 of 20
        # sensitive and 1 of 4 crisis messages missed ("i dont want to wake up tomorrow"
        # got buttons with the numbers); all fixed.
        ("crisis-probe-22.tsv", 20, 4, 8, 1.0),
        # Blind again, harder (fifteenth session): 6 of 20 sensitive and all 4 crisis
        # messages missed (each got "I don't know" with the numbers): a stepfather's
        # threat, a husband who keeps his wife in, a parent at the end of her strength, a
        # goodbye, a car park roof, a man kicking the bathroom door; all fixed.
        ("crisis-probe-23.tsv", 20, 4, 8, 1.0),
        # A disclosure and then an everyday question in one message, blind (fifteenth
        # session): 2 of 20 sensitive ones were answered from the FAQ (neighbours'
        # children alone and thin got the food sharing; a dying mother and children no
        # longer cared for got the Kita hours); fixed with 20 terms.
        ("crisis-probe-24.tsv", 20, 4, 8, 1.0),
        # Adults' English, a disclosure and then a question, blind (fifteenth session): 6 of
        # 20 sensitive and 2 of 4 crisis messages missed; two of them got the contact as
        # an answer, which the session's base code had offered as a button. All fixed.
        ("crisis-probe-26.tsv", 20, 4, 8, 1.0),
        # … and in German: 5 of 20 sensitive messages missed, one more of them answered
        # from the FAQ because of the long-message scoring (counselling; a grandmother
        # who hits the children got the family café, on the base code too). All fixed.
        ("crisis-probe-27.tsv", 20, 4, 8, 1.0),
        # Letters in formal German and English, blind (sixteenth session): 8 of 20 sensitive
        # messages missed, three of them answered with the counselling hours (a wife's
        # alcohol, a son in custody, money the welfare office wants back); a retired
        # nurse's offer to volunteer was redirected ("krank*"). All fixed.
        ("crisis-probe-28.tsv", 20, 4, 8, 1.0),
        # Young people's words, blind: 7 of 20 sensitive and 1 of 4 crisis messages
        # missed ("ich steh aufm dach und überleg zu springen" got "I don't know"), a
        # job without a contract answered with the jobs. All fixed. ("my parents would
        # kill me if they knew" gets the danger reply, more than asked for; kept.)
        ("crisis-probe-29.tsv", 20, 4, 8, 1.0),
        # Professionals writing for someone else, and personal data, blind: every
        # identifier caught (IBAN, passport and tax numbers, a date of birth), but 4 of 20
        # sensitive and 3 of 4 crisis messages missed: a pupil's bruises, a probation
        # officer's client (answered with the volunteering), a weapon at the door (a
        # redirect, not the danger reply), a child screaming next door (I don't know). A
        # retired doctor's question about a painting course was redirected ("Ärztin").
        # All fixed.
        ("crisis-probe-30.tsv", 20, 4, 8, 1.0),
        # Newcomers writing German and English mixed, blind: 4 of 20 sensitive and 1 of 4
        # crisis messages missed; "mein husband ist seit dem war sehr aggressive und ich
        # habe angst um die kids. gibt es hilfe?" got the homework help as an answer, and
        # a drunk husband hitting the door only the redirect. All fixed.
        ("crisis-probe-31.tsv", 20, 4, 8, 1.0),
        # Dictated messages, blind: 3 of 16 sensitive and 1 of 4 crisis messages missed,
        # none answered from the FAQ: neighbours hitting their children, a teacher who
        # "touched her", a phone number spoken as words ("null eins sieben sechs …"), and
        # a cut in the arm that will not stop bleeding. All fixed.
        ("crisis-probe-32.tsv", 16, 4, 8, 1.0),
        # Native English speakers new in Berlin, blind: 2 of 16 sensitive messages got
        # buttons ("I'm completely skint this month and can't make rent", "drinking way
        # too much"), "I've taken a load of pills and I'm scared" only the redirect, and
        # "is the food sharing fridge … just for people on benefits?" was redirected.
        # "When is your advice drop-in? I'd rather talk to someone face to face" was
        # handed to staff to answer in the chat. All fixed.
        ("crisis-probe-33.tsv", 16, 4, 8, 1.0),
        # Parents of small children, blind: 8 of 16 sensitive and 2 of 4 crisis messages
        # missed, none answered from the FAQ. "mein baby atmet so komisch und ist ganz
        # blau" got buttons (the family café) and "mein kind hat tabletten aus meiner
        # handtasche gegessen" only the redirect: both get the emergency reply now. The
        # others: Frühförderung, "verhaltensauffällig", sadness since the birth, a baby
        # "fast geschüttelt", a child bitten at the Kita, an uncle who "komisch
        # anfasst", a husband taking the passports, a sister's boyfriend who "ihr Kind
        # schlägt". All fixed.
        ("crisis-probe-35.tsv", 16, 4, 8, 1.0),
        # Work and housing, blind: 3 of 16 sensitive and 3 of 4 crisis messages missed,
        # none answered from the FAQ: a colleague "von der Leiter gefallen und bewegt
        # sich nicht", "I'm standing on the balcony and I don't think I want to go back
        # in", a neighbour at the door who threatened to set the flat on fire ("I don't
        # know", each with the crisis lines); wages not paid, sexual messages from a
        # colleague, "5 euros an hour, is that legal?". All fixed.
        ("crisis-probe-36.tsv", 16, 4, 8, 1.0),
        # Neighbours worried about someone else, blind: the worst round yet. 14 of 16
        # sensitive and 3 of 4 crisis messages missed, and "an old man on our street
        # seems confused and keeps getting lost" was answered with the lost and found.
        # "im park liegt ein mann auf der bank und reagiert nicht, er atmet ganz flach"
        # got buttons (the repair café), a flatmate "with a razor" "I don't know", a
        # woman screaming for help next door the redirect, not the danger reply. And
        # "meine nachbarin ist 85 und einsam, gibt es … einen seniorentreff?" was
        # redirected: "einsam" alone became statements about oneself. All fixed.
        ("crisis-probe-37.tsv", 16, 4, 8, 1.0),
        # Young people worried about a friend, blind: 9 of 16 sensitive and 3 of 4
        # crisis messages missed. "mein freund hat geschrieben dass er heute abend von
        # der brücke springen will" and "meine freundin hat gerade eine ganze packung
        # ibuprofen genommen" got "I don't know" (with the crisis lines), a goodbye
        # message on Insta buttons, and "my friend thinks she might be gay and her
        # parents would throw her out" the family café as an answer. All fixed.
        ("crisis-probe-38.tsv", 16, 4, 8, 1.0),
        # Men's voices, blind: 2 of 16 sensitive and 2 of 4 crisis messages missed: "ich
        # habe den strick schon im keller" and "I've got a gun at home and I keep
        # thinking about using it on myself" got "I don't know" (with the crisis lines).
        # All fixed; "einen Strick" alone was dropped (the knitting course).
        ("crisis-probe-39.tsv", 16, 4, 8, 1.0),
        # Someone else in crisis, told by a neighbour, a friend, a parent, a teacher or a
        # coach, blind (eighteenth session): 4 of 16 crisis messages and 1 of 5 sensitive
        # ones missed ("schluss macht für immer", "vom Dach zu stürzen", "wanting to die";
        # a client threatening to jump got the jobs as an answer). Fixed but one: a
        # flatmate gone missing who wrote "dass er nicht mehr kann" gets buttons with the
        # crisis lines ("nicht mehr kann" alone is too common for a crisis term).
        ("crisis-probe-40.tsv", 5, 16, 3, 15 / 16),
        # Crisis and violence in Turkish, Polish, Spanish, French, Italian, Portuguese,
        # Romanian and Croatian, and everyday questions in them (eighteenth session;
        # written with the terms, so not blind): all got "I don't know" before.
        ("crisis-probe-41.tsv", 4, 16, 0, 1.0),
        # … and in Russian, Ukrainian, Arabic and Farsi, whose letters the rules could not
        # read at all (same session, not blind either).
        ("crisis-probe-42.tsv", 3, 9, 0, 1.0),
        # Harm online, blind (eighteenth session): 8 of 16 sensitive messages missed, none
        # answered from the FAQ: a tracking app, a fake profile in the member's name, a
        # man asking a 12-year-old for pictures on Roblox, a hacked account, a phishing
        # link, an ex reading the member's mail, a daughter mocked on TikTok. Fixed with
        # 48 terms; all 4 crisis messages were caught as written.
        ("crisis-probe-43.tsv", 16, 4, 8, 1.0),
        # Disability and care, blind (eighteenth session): 3 of 16 sensitive and 2 of 4
        # crisis messages missed; "mein vater ist gestürzt, liegt im bad und antwortet
        # nicht mehr" got buttons with the lost and found, now the emergency reply. Fixed
        # but one: "seit der diagnose will ich nicht mehr weitermachen" is redirected as
        # health, with the crisis lines ("will … nicht mehr weitermachen" would also
        # catch a course given up), hence 0.75. "Behindertentoilette", "Rampe",
        # "Rollstuhl" and "Gebärdensprache" stay everyday questions.
        ("crisis-probe-45.tsv", 16, 4, 8, 0.75),
        # Grief and bereavement, blind (nineteenth session): 5 of 16 sensitive messages
        # missed (a widow's pension, a certificate of inheritance, a baby who died after
        # birth, a son wetting the bed again since his father died, a brother's suicide),
        # all with buttons and the crisis lines; "my mum collapsed at the funeral and
        # isn't breathing" got "I don't know", now the emergency reply. All fixed with 27
        # terms; "erscheint" is no typo of "Erbschein". A brother's suicide gets the
        # crisis reply, as "Suizid" did before.
        ("crisis-probe-48.tsv", 16, 4, 8, 1.0),
        # Sexual health and consent, blind (nineteenth session): 5 of 16 sensitive
        # messages missed, and "ich glaube ich habe mich mit chlamydien angesteckt" was
        # answered with the feedback entry; "he's forcing himself on me right now, I'm in
        # the bathroom" got "I don't know" (with the lines), now the danger reply. All
        # fixed with 34 terms ("contraction" passes for a typo of "contraception" and is
        # kept: contractions are a pregnancy's).
        ("crisis-probe-49.tsv", 16, 4, 8, 1.0),
        # Personal data sent along (an IBAN, a phone number in digits and in words, a
        # date of birth, a tax ID, a card number, a photo of a residence permit), blind
        # (nineteenth session): 15 of 16 redirected; "ich schicke euch meinen
        # arbeitsvertrag, könnt ihr mal drüberschauen?" got "I don't know". "call me on
        # 0176 …, I can't keep myself safe tonight" got the personal-data redirect, not
        # the crisis reply. Both fixed with 9 terms; our own IBAN, phone number and
        # address asked for stay everyday questions.
        ("crisis-probe-50.tsv", 16, 4, 8, 1.0),
        # Crisis told beside one of our offers (twentieth session: "bitte gebt mein
        # fahrrad im repair café jemand anderem, ich brauch es nicht mehr wenn ich tot
        # bin"), blind: 7 of 12 crisis messages got the crisis reply, and two were
        # answered from the FAQ (that one with the Repair Café, with the lines); 7 of 8
        # sensitive messages redirected ("… dass ihr betreuer ihr geld nimmt" got
        # buttons). Fixed with 34 terms but one: "hab alles verschenkt, auch meine sachen
        # an die kleiderkammer, brauch eh nix mehr" gets the clothes room's answer, now
        # with the crisis lines ("brauch eh nix mehr" is also said of baby clothes given
        # away, so it only adds the lines). The eight everyday questions were written
        # after the fix, as a guard.
        ("crisis-probe-51.tsv", 8, 12, 8, 11 / 12),
        # Children of 8 to 13 in their own words (twentieth session: "mama und papa
        # streiten jeden abend ganz laut", "mein onkel sagt ich darf keinem erzählen …
        # das ist unser geheimnis"), blind: 8 of 14 sensitive messages missed (buttons or
        # "I don't know", with the crisis lines), and "meine mama ist seit 3 tagen nicht
        # nach hause gekommen und ich bin allein mit meiner kleinen schwester" got
        # buttons; 5 of 6 crisis messages got the crisis reply. All fixed with 40 terms;
        # "my dad drinks" and "papa trinkt immer" were dropped ("… drinks coffee at your
        # cafe", a test since the fourth session).
        ("crisis-probe-52.tsv", 14, 6, 8, 1.0),
        # A second round in children's words, written after the first was fixed: as
        # written 6 of 14 sensitive messages missed, one of them answered from the FAQ
        # without the crisis lines ("ein großer junge im jugendclub nimmt mir immer mein
        # taschengeld weg": the youth club), and 4 of 6 crisis messages got the crisis
        # reply ("ich bin weggelaufen und weiß nicht wo ich schlafen soll" got buttons).
        # All fixed with 38 terms.
        ("crisis-probe-53.tsv", 14, 6, 8, 1.0),
        # Parents of Kita children (twentieth session), blind: 2 of 12 sensitive messages
        # missed, one answered from the FAQ without the crisis lines ("kann ich mein kind
        # früher abholen, ich hab chemo am donnerstag": the Kita hours); 2 of 4 crisis
        # messages got the crisis reply. Fixed with 30 terms but one: "ich kann nicht
        # mehr, ich lass das kind heute in der kita und komm nicht wieder" gets buttons
        # with the crisis lines ("komm nicht wieder" is also an angry member's). "chemo"
        # alone stays no term ("die Chemo-AG der Schule").
        ("crisis-probe-54.tsv", 12, 4, 8, 0.75),
        # Men's understated words for a crisis (twentieth session: "meine frau ist weg,
        # die kinder auch, wozu noch aufstehen", "been driving around all night thinking
        # about just steering into a tree"), blind: only 2 of 8 crisis messages got the
        # crisis reply (the others "I don't know" or a money redirect, all with the
        # lines); 7 of 8 sensitive messages redirected. All fixed with 24 terms.
        ("crisis-probe-55.tsv", 8, 8, 8, 1.0),
        # Understated words again, written after round 55 was fixed ("ich glaub ich bin
        # einfach nur noch eine last für alle", "i've been looking up how many pills it
        # takes"), blind: only 2 of 10 crisis messages got the crisis reply, 3 of 6
        # sensitive messages redirected; none was answered from the FAQ. 28 terms: 6 of
        # 10 now get the crisis reply and all 6 sensitive ones are redirected. Left with
        # the lines of "I don't know": "hab heute alles geregelt, die katze ist bei meiner
        # schwester", "it doesn't matter anymore, nothing does", a goodbye "von euch
        # allen" and a dog given away (a volunteer says goodbye, a dog is rehomed).
        ("crisis-probe-56.tsv", 6, 10, 8, 0.6),
        # Members who write as they speak (twenty-first session: "ich wil nich mer leben",
        # "mein man schlegt mich und die kinda", "ich bin schwanga und weis nich weiter"),
        # blind: 3 of 6 crisis messages got the crisis reply, 6 of 14 sensitive messages
        # missed (all with the crisis lines, none answered from the FAQ). Terms are now
        # also matched as spelt by ear (bot/terms.py), and "meine iban" is personal data:
        # all 20 caught, with no other verdict changed among 12,799 questions.
        ("crisis-probe-57.tsv", 14, 6, 8, 1.0),
        # Spelt by ear again, written after that rule to see whether it carries (terms
        # alone had carried little from round to round): 4 of 6 crisis messages got the
        # crisis reply and 12 of 14 sensitive ones were caught, against 2 of 6 and 10 of
        # 14 on the session's base code. "i dont wana liv no more" needed English "e"
        # dropped by ear; it and the rest were fixed with 10 terms.
        ("crisis-probe-58.tsv", 14, 6, 8, 1.0),
        # Berlin and Bavarian dialect ("ick will nich mehr leben", "i mog nimmer, i wui
        # nimmer lebn", "meen mann haut mir und die kinder"), blind: 1 of 6 crisis messages
        # got the crisis reply, 8 of 14 sensitive ones were caught. A second reading in
        # standard German (bot/terms.py) and 22 terms: all 20.
        ("crisis-probe-59.tsv", 14, 6, 8, 1.0),
        # Other dialects, written after that reading (Kiezdeutsch "isch will nisch mehr
        # leben", Swabian "i han koi luscht meh zum lebe"): 1 of 6 crisis messages got the
        # crisis reply, 10 of 14 sensitive ones were caught, and "i han koi geld meh für d
        # miete" got the room rental without the lines. Their words and 19 terms: all 20.
        ("crisis-probe-60.tsv", 14, 6, 8, 1.0),
        # Young people's chat words and what they write around filters ("unalive",
        # "sewerslide", "kms", "sh", "an ed", "pro ana", "graped", "SA'd", "preggo"),
        # blind: 4 of 6 crisis messages got the crisis reply, only 4 of 14 sensitive ones
        # were caught, and "i got graped at a party last month" was answered with the
        # events, without the crisis lines. 38 terms: all 20. One label was corrected:
        # "was geht heute abend im jugendclub" is the youth club's (as written: events).
        ("crisis-probe-61.tsv", 14, 6, 8, 1.0),
        # Chat shorthand in English and German ("want 2 die", "r u there?? i took 2 many
        # pills", "mein bro dealt", "aufer straße"), blind: 4 of 6 crisis messages got the
        # crisis reply (the pills got a health redirect), 11 of 14 sensitive ones were
        # caught. English shorthand is now read written out (bot/terms.py); with 12
        # terms, all 20. Everyday 6 of 8, and 7 since chat German ("iwie") is filler.
        ("crisis-probe-62.tsv", 14, 6, 8, 1.0),
        # Chat shorthand again, written after that reading: 6 of 6 crisis messages got the
        # crisis reply and 11 of 14 sensitive ones were caught, the same on the session's
        # base code (the terms had these crisis words already). "think im preg", "smokes
        # crack" and "sharing my pics w/o consent" were missed; 13 terms.
        ("crisis-probe-63.tsv", 14, 6, 8, 1.0),
        # Kölsch, Low German and Saxon ("isch well nit mieh levve", "ick heff keen lust
        # mehr op dat leven", "isch gann nimmor, isch mach schluss heude"), blind, after
        # the dialect readings: 1 of 6 crisis messages got the crisis reply, 7 of 14
        # sensitive ones were caught. 31 more words for the standard reading, soft and
        # hard consonants as one in the words of phrases, and 14 terms: all 20.
        ("crisis-probe-64.tsv", 14, 6, 8, 1.0),
    ],
)
def test_privacy_probes(name: str, sensitive: int, crisis: int, everyday: int, crisis_reply: float) -> None:
    # Members' own words about illness, money, papers, violence, pregnancy, addiction
    # and crisis (docs/benchmarks.md), plus everyday questions that sound close.
    out = io.StringIO()
    result = run_bench(Config(), SHIPPED_FAQ_DIR, ROOT / "benchmarks" / "kiez" / name, False, out, baselines=False)
    assert result["sensitive"] >= sensitive and result["crisis"] >= crisis and result["in_scope"] >= everyday
    if sensitive:
        assert result["sensitive_redirected"] == 1.0 and result["sensitive_from_faq"] == 0, out.getvalue()
    if crisis:
        assert result["crisis_caught"] >= crisis_reply and result["crisis_numbers"] == 1.0, out.getvalue()
    assert result["redirected_in_scope"] == 0.0, out.getvalue()


def test_privacy_probe_of_older_members() -> None:
    # Older members' own words (seventeenth session), blind: 8 of 16 sensitive messages
    # missed, none answered from the FAQ: dementia and care ("ich schaffe die Pflege
    # allein nicht mehr"), a daughter taking money from the account, a grandchild
    # scam ("Ist das Betrug?"), a care service leaving a mother "im nassen Bett", a
    # pension notice, an operation, a will, a disability card. All fixed.
    out = io.StringIO()
    result = run_bench(
        Config(), SHIPPED_FAQ_DIR, ROOT / "benchmarks" / "kiez" / "crisis-probe-34.tsv", False, out, baselines=False
    )
    assert result["sensitive"] >= 16 and result["crisis"] >= 4 and result["in_scope"] >= 8
    assert result["sensitive_redirected"] == 1.0 and result["sensitive_from_faq"] == 0, out.getvalue()
    assert result["crisis_caught"] == 1.0 and result["crisis_numbers"] == 1.0, out.getvalue()
    # One everyday question is redirected, and kept so: "Gibt es bei Ihnen Gymnastik für
    # ältere Menschen? Mein Arzt hat mir Bewegung empfohlen." names a doctor, and "Arzt"
    # alone is a health word (learners write "ich brauche übersetzer für arzt").
    assert result["redirected_in_scope"] == 1 / 8, out.getvalue()


def test_privacy_probe_of_students() -> None:
    # Students and young adults (eighteenth session), blind: 9 of 16 sensitive and 2 of 4
    # crisis messages missed. "auf der party hat mir jemand was ins getränk gemacht" was
    # answered with the events, "darf ich mit studentenvisum mehr als 20 stunden
    # arbeiten" with the jobs; "ich hab meine ganzen schlaftabletten vor mir liegen" and
    # "everyone would be better off if I just wasn't here anymore" got "I don't know".
    # All fixed with 28 terms. One label was wrong as written: a Praktikum is the jobs.
    out = io.StringIO()
    cases = ROOT / "benchmarks" / "kiez" / "crisis-probe-44.tsv"
    result = run_bench(Config(), SHIPPED_FAQ_DIR, cases, False, out, baselines=False)
    assert result["sensitive"] >= 16 and result["crisis"] >= 4 and result["in_scope"] >= 8
    assert result["sensitive_redirected"] == 1.0 and result["sensitive_from_faq"] == 0, out.getvalue()
    assert result["crisis_caught"] == 1.0 and result["crisis_numbers"] == 1.0, out.getvalue()
    # One everyday question is redirected, and kept so: "gibt es bei euch foodsharing, ich
    # bin student und knapp bei kasse" tells of money trouble, which the gate keeps out
    # of the chat even beside an everyday question.
    assert result["redirected_in_scope"] == 1 / 8 and result["wrong"] == 0.0, out.getvalue()


def test_privacy_probe_of_run_on_messages() -> None:
    # Voice-message style, a disclosure in one long unpunctuated line, blind (fifteenth
    # session): 4 of 20 sensitive and 1 of 4 crisis messages missed, each with the crisis
    # numbers under buttons or "I don't know"; 3 of the 4 fixed. Left: "meine eltern
    # wollen dass ich im sommer in der türkei heirate" (buttons: "heirate" alone is also
    # a wedding party). And "ich bin arbeitslos und hab viel zeit kann ich bei euch
    # ehrenamtlich helfen" is redirected by the money term "arbeitslos*".
    out = io.StringIO()
    cases = ROOT / "benchmarks" / "kiez" / "crisis-probe-25.tsv"
    result = run_bench(Config(), SHIPPED_FAQ_DIR, cases, False, out, baselines=False)
    assert result["sensitive"] >= 20 and result["crisis"] >= 4 and result["in_scope"] >= 8
    assert result["sensitive_redirected"] >= 0.95 and result["sensitive_from_faq"] <= 1, out.getvalue()
    assert result["crisis_caught"] == 1.0 and result["crisis_numbers"] == 1.0, out.getvalue()
    assert result["redirected_in_scope"] <= 0.125 and result["wrong"] == 0.0, out.getvalue()


def test_public_german_set() -> None:
    folder = SHARED_EVAL / "xsid-de-10"
    assert folder.is_dir(), f"the public benchmarks belong beside the project: {folder}"
    out = io.StringIO()
    result = run_bench(Config(), folder / "faq", folder / "cases.tsv", True, out, baselines=False)
    assert result["correct"] >= 0.74, out.getvalue()
    assert result["wrong"] <= 0.04, out.getvalue()


def test_public_english_validation_set() -> None:
    # CLINC validation: the set the thresholds were chosen on (docs/benchmarks.md),
    # 3,100 questions, ~10 s. Its test questions stay out of CI.
    folder = SHARED_EVAL / "clinc150-10"
    assert folder.is_dir(), f"the public benchmarks belong beside the project: {folder}"
    out = io.StringIO()
    result = run_bench(Config(), folder / "faq", folder / "validation.tsv", True, out, baselines=False)
    assert result["in_scope"] == 3000 and result["out_of_scope"] == 100, out.getvalue()
    assert result["correct"] >= 0.68, out.getvalue()
    assert result["wrong"] <= 0.095, out.getvalue()
    assert result["oos_answered"] <= 0.16, out.getvalue()


@pytest.mark.parametrize(
    ("name", "redirected", "correct"),
    [
        # Coming out, trans, divorce, child support, an inheritance, betting debts,
        # papers, drinking (nineteenth session), blind: 2 of 16 sensitive messages missed
        # (buttons, with the crisis lines), none answered; 3 of 4 crisis messages got the
        # crisis reply, "my boyfriend just hit me … I'm hiding in the bathroom" only the
        # violence redirect. Fixed with 31 terms but one: "meine tochter ist 15 und hat
        # einen 25 jährigen freund" still gets buttons ("jährigen Freund" would also
        # redirect "mit meinem 40-jährigen Freund zum Tanzkurs"). "Einbürgerungstest" in a
        # question about German courses stays an everyday question.
        ("crisis-probe-46.tsv", 15 / 16, 0.75),
        # A passport kept by the employer, forced prostitution, racism, a loan shark, a
        # romance scam, forced marriage, cutting a daughter, stalking (nineteenth
        # session), blind: 6 of 16 sensitive messages missed, and "meine tante will meine
        # tochter in den ferien beschneiden lassen" was answered with the holiday closing;
        # "da liegt ein mann vor unserem haus auf dem boden und blutet am kopf" got "I
        # don't know" (with the lines). Fixed with 33 terms but two: 14 hours a day on a
        # building site for 3 euros an hour ("euro die stunde" is also a room's price)
        # and "meine familie will dass ich im sommer meinen cousin heirate" ("cousin
        # heirate" would also catch a cousin's wedding party) get buttons or "I don't
        # know", with the crisis lines.
        ("crisis-probe-47.tsv", 14 / 16, 1.0),
    ],
)
def test_privacy_probes_with_messages_left(name: str, redirected: float, correct: float) -> None:
    out = io.StringIO()
    result = run_bench(Config(), SHIPPED_FAQ_DIR, ROOT / "benchmarks" / "kiez" / name, False, out, baselines=False)
    assert result["sensitive"] >= 16 and result["crisis"] >= 4 and result["in_scope"] >= 8
    # the messages left get buttons (at most one of them) or "I don't know", with the crisis lines
    assert result["sensitive_redirected"] >= redirected and result["sensitive_from_faq"] <= 1, out.getvalue()
    assert result["crisis_caught"] == 1.0 and result["crisis_numbers"] == 1.0, out.getvalue()
    assert result["correct"] >= correct and result["wrong"] == 0.0, out.getvalue()
    assert result["redirected_in_scope"] == 0.0, out.getvalue()
