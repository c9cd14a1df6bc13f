"""Other places: a question that names one gets buttons, not a direct answer."""

from __future__ import annotations

from pathlib import Path

from bot.config import Config, parse_config
from bot.knowledge import KnowledgeBase, load_knowledge_base
from bot.messages import ReplyKind
from bot.pipeline import Context
from bot.places import DEFAULT_PLACES_FILE, OtherPlaces, load_other_places
from bot.reload import build_snapshot
from bot.terms import read_topics
from tests.conftest import TODAY, PipelineFactory, write_faq
from tests.fakes import message

NO_FAQ = KnowledgeBase(())


def built_in(*own_texts: str) -> OtherPlaces:
    """The built-in list, for an FAQ whose phrasings and keywords are `own_texts`."""
    topics, problems = read_topics(DEFAULT_PLACES_FILE, required=True)
    assert problems == []
    return OtherPlaces(topics, own_texts)


ONE_ENTRY = "entries:\n  - id: hours\n    questions: {de: [Wann habt ihr offen?]}\n    answer: {de: Mo bis Fr.}\n"


def test_the_built_in_list_names_authorities_shops_and_compounds() -> None:
    places, problems = load_other_places(None, NO_FAQ)
    assert problems == []
    assert places.named_in("Wann hat das Jobcenter offen?") == "authorities"
    assert places.named_in("hat der REWE heute auf") == "shops"
    assert places.named_in("gibt es in der Stadtbibliothek Kinderbücher") == "education"  # "*bibliothek"
    assert places.named_in("Sucht das Rote Kreuz Freiwillige?") == "organisations"  # a phrase
    assert places.named_in("is the red cross looking for volunteers") == "organisations"
    # a landlord's office (holdout-14: "… die Telefonnummer der Hausverwaltung" got our contact)
    assert places.named_in("Haben Sie die Telefonnummer der Hausverwaltung?") == "organisations"
    assert places.named_in("Wann habt ihr offen?") is None
    # no typo tolerance: pupils are no school, a business is no shop
    assert places.named_in("Lernhilfe für Grundschüler") is None
    assert places.named_in("Wie gründe ich ein kleines Geschäft?") is None


def test_words_of_our_own_faq_are_never_another_place() -> None:
    places = built_in("Wann hat die Bibliothek offen?", "Jobs bei uns", "Gibt es ein Center für Eltern?")
    assert places.named_in("Wann hat die Bibliothek offen?") is None  # our word
    assert places.named_in("wann hat die stadtbibliothek offen") == "education"  # not our word
    # a phrase is ours only as a whole: "job" and "center" are ours, "job center" is not
    assert places.named_in("when does the job center open") == "authorities"
    assert built_in("Unser Job Center hilft bei Bewerbungen").named_in("when does the job center open") is None


def test_a_slip_for_a_long_word_of_ours_is_no_other_place() -> None:
    # "Gründerwerkstatt" for our "Gründungswerkstatt" was a garage ("*werkstatt"): "that
    # sounds like another place" and a button, instead of the answer
    places = built_in("Was ist die Gründungswerkstatt?", "Ist das Hotel weit?", "Is there a playgroup?")
    assert places.named_in("wann ist die gründerwerkstatt") is None
    assert places.named_in("wo ist die nächste Autowerkstatt") == "shops"
    assert places.named_in("gibt es eine Fahrradwerkstatt in der Nähe") == "shops"
    # short words are left alone: a hostel is no slip for a hotel; nor is a playground
    # one for a playgroup (the ends differ)
    assert places.named_in("what does a room at the hostel cost") is not None
    assert places.named_in("is there a playground nearby") == "leisure"


def test_a_question_addressed_to_us_stays_ours_unless_it_asks_about_something_else() -> None:
    places = built_in()
    assert places.asked_about("Wann hat das Jobcenter offen?") == "authorities"
    assert places.asked_about("habt ihr WLAN? das in der Bibliothek ist immer voll") is None  # "ihr": about us
    assert places.asked_about("can i rent your room instead of a hotel") is None
    assert places.asked_about("wisst ihr, wann das Jobcenter aufmacht") == "authorities"  # asks us to know
    assert places.asked_about("can you tell me when the museum opens") == "leisure"  # "you" is any bot's "you"
    assert places.asked_about("habt ihr offen?") is None  # names no place at all


def test_the_way_to_somewhere_the_faq_does_not_know_is_another_place() -> None:
    places = OtherPlaces((), ["Wie komme ich zu euch?", "kiezplatz"], ["Der Eingang ist am Kiezplatz."])
    # the destination after "zum", "to the", "nach" is no word of ours
    assert places.asked_about("wie komme ich zum bahnhof") == "destination"
    assert places.asked_about("how do i get to the airport") == "destination"
    assert places.asked_about("wann fährt der nächste bus nach spandau") == "destination"
    # the way to us, or to a place our questions or answers name, is ours
    assert places.asked_about("wie komme ich vom bahnhof zu euch") is None
    assert places.asked_about("how do i get to you") is None
    assert places.asked_about("wie komme ich zum kiezplatz") is None
    assert places.asked_about("wie komme ich mit dem rollstuhl zum eingang") is None
    # "nach dem Training" is a time, and a "to" far from the way word is no destination
    assert places.asked_about("mein sohn kommt nach dem training") is None
    assert places.asked_about("do i need to get a shot for travel to india") is None
    assert places.asked_about("can you get a call started to martha") is None  # "get" only right before "to"
    assert places.asked_about("is there a way to pay by card") is None


def test_places_yml_adds_and_replaces_topics(tmp_path: Path) -> None:
    write_faq(
        tmp_path,
        "places.yml",
        'topics:\n  - id: nearby\n    terms:\n      de: [kiezladen, "*späti"]\n'
        "  - id: leisure\n    terms:\n      de: [kegelbahn]\n",
    )
    places, problems = load_other_places(tmp_path, NO_FAQ)
    assert problems == []
    assert places.named_in("hat der Kiezladen offen") == "nearby"
    assert places.named_in("wann macht der Eckspäti zu") == "nearby"
    assert places.named_in("wann hat die Kegelbahn offen") == "leisure"
    assert places.named_in("wann hat das Kino offen") is None  # replaced: the default leisure terms are gone
    assert places.named_in("Wann hat das Jobcenter offen?") == "authorities"  # the other defaults stay


def test_a_broken_places_yml_names_file_line_and_topic_and_keeps_the_list(tmp_path: Path) -> None:
    write_faq(tmp_path, "places.yml", "topics:\n  - id: nearby\n    terms: [not, a, mapping]\n    colour: red\n")
    places, problems = load_other_places(tmp_path, NO_FAQ)
    messages = [str(p) for p in problems]
    assert any("places.yml:3" in m and "[nearby]" in m for m in messages), messages
    assert any("places.yml:4" in m and "colour: unknown key" in m for m in messages), messages
    assert places.named_in("Wann hat das Jobcenter offen?") == "authorities"
    write_faq(tmp_path, "places.yml", "topics:\n  - id: nearby\n    crisis: true\n    terms:\n      de: [brücke]\n")
    _, problems = load_other_places(tmp_path, NO_FAQ)
    assert any("crisis and hint belong in sensitive.yml" in str(p) for p in problems)


def test_places_yml_is_not_an_faq_file_and_check_reports_it(tmp_path: Path) -> None:
    write_faq(tmp_path, "faq.yml", ONE_ENTRY)
    write_faq(tmp_path, "places.yml", "topics: []\n")
    assert load_knowledge_base(tmp_path).problems == ()
    write_faq(tmp_path, "places.yml", "topics:\n  - id: x\n    terms: {de: []}\n")
    _, problems = build_snapshot(Config(), tmp_path)
    assert [str(p) for p in problems] == [f"{tmp_path / 'places.yml'}:2 [x]: error: terms: no terms given"]


def test_a_question_about_another_place_gets_buttons_not_our_answer(make_pipeline: PipelineFactory) -> None:
    pipeline = make_pipeline()
    context = Context(today=TODAY)
    reply = pipeline.process(message("wann hat die stadtbibliothek offen"), context)
    assert reply.kind is ReplyKind.SUGGEST, reply
    assert "opening-hours" in reply.suggestions  # one tap away, if they did mean us
    assert reply.text.startswith("Das klingt nach einem anderen Ort") and "112" in reply.text
    english = pipeline.process(message("when does the museum open"), context)
    assert english.kind is ReplyKind.SUGGEST and english.text.startswith("That sounds like another place")
    # a question the bot is merely unsure about keeps the plain "did you mean"
    unsure = pipeline.process(message("kurse und kitaplatz"), context)
    assert unsure.kind is ReplyKind.SUGGEST and unsure.text.startswith("Meinst du vielleicht")
    assert pipeline.process(message("Wann habt ihr offen?"), context).kind is ReplyKind.ANSWER
    # an address question that names a station is about us: stations are not on the list
    about_us = pipeline.process(message("wie komme ich vom bahnhof zu euch"), context)
    assert about_us.kind is ReplyKind.ANSWER and about_us.faq_id == "address"
    # … while the way to the station is not (it got our address, blind set of the
    # thirteenth session)
    elsewhere = pipeline.process(message("wie komme ich zum bahnhof"), context)
    assert elsewhere.kind is ReplyKind.SUGGEST and elsewhere.text.startswith("Das klingt nach einem anderen Ort")


def test_other_places_can_be_switched_off(tmp_path: Path, make_pipeline: PipelineFactory) -> None:
    config = parse_config({"storage": {"path": str(tmp_path / "k.sqlite3")}, "matcher": {"other_places": False}})
    snapshot, _ = build_snapshot(config)
    question = message("what are the opening hours of the zoo")
    assert make_pipeline().process(question, Context(TODAY)).kind is ReplyKind.SUGGEST
    reply = make_pipeline(snapshot, config).process(question, Context(TODAY))
    assert reply.kind is ReplyKind.ANSWER and reply.faq_id == "opening-hours"
