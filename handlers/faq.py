"""The FAQ step: answer a confident match, offer close ones, leave the rest to fallback.

A message that asks several things ("wo seid ihr und wann habt ihr offen?") gets every
answer the matcher is sure of, when it is sure of two or more. A follow-up that names no
topic ("und wann?", "is it free?") refers to what the member was just answered.
"""

from __future__ import annotations

import dataclasses

from bot.knowledge import Entry, KnowledgeBase
from bot.matcher import Candidate, Outcome
from bot.messages import Button, IncomingMessage, Reply, ReplyKind
from bot.pipeline import Context, Handler, reply_language
from bot.reload import LiveKnowledge, Snapshot
from bot.text import (
    answer_covers,
    follow_up_aspects,
    marked_language,
    names_no_topic,
    question_parts,
    tells_about_someone,
    writes_as_young,
)
from bot.texts import Texts
from handlers.gate import StoreText, stored_text
from handlers.human import handover_button

FAQ_PAYLOAD = "faq:"
# Answers in one reply, and follow-up buttons under several answers.
MAX_ANSWERS = 3
MAX_FOLLOW_UPS = 3


def entry_button(entry: Entry, language: str, default_language: str) -> Button:
    return Button(entry.title(language, default_language), f"{FAQ_PAYLOAD}{entry.id}")


def answer_reply(
    entry: Entry, wanted_language: str, texts: Texts, knowledge: KnowledgeBase, score: float | None = None
) -> Reply:
    """The reply for one entry: its answer plus follow-up buttons (from `knowledge`), in the best language."""
    language = entry.answer_language(wanted_language, texts.default_language)
    buttons = tuple(
        entry_button(follow, language, texts.default_language)
        for follow in (knowledge.get(follow_id) for follow_id in entry.follow_up)
        if follow is not None
    )
    return Reply(entry.answer[language], language, ReplyKind.ANSWER, buttons=buttons, faq_id=entry.id, score=score)


class FaqHandler(Handler):
    name = "faq"

    def __init__(self, live: LiveKnowledge, texts: Texts, store_text: StoreText, guard_personal: bool = True) -> None:
        self._live = live
        self._texts = texts
        self._store_text = store_text
        self._guard_personal = guard_personal

    def handle(self, message: IncomingMessage, context: Context) -> Reply | None:
        # One snapshot for the whole message: a reload in between must not pair one
        # FAQ's matcher with the next one's privacy rules or follow-ups.
        snapshot = self._live.snapshot
        # In the hour after a crisis reply, only a question answered with confidence gets
        # the FAQ ("wann habt ihr offen?"); buttons would miss the member: the crisis
        # follow-up step takes those (and statements never get here).
        after_crisis = context.crisis_case is not None
        follow_up = self._follow_up(message, context, snapshot)
        if follow_up is not None:
            # Question words and "das" only: no words of distress to answer with the
            # crisis lines, unlike other buttons below.
            return follow_up
        reply = self._reply(message, context, snapshot)
        if reply is None or (after_crisis and reply.kind is not ReplyKind.ANSWER):
            return None
        # Buttons and "I don't know" mean the bot is unsure, and that is where crisis messages in words the
        # privacy rules do not know end up ("heute nacht mach ich schluss" got three
        # event buttons, benchmarks/kiez/crisis-probe-4.tsv): like "I don't know", they
        # carry the crisis lines. An answer carries them for words of distress only:
        # "ich werde heute sterben" once matched the membership entry ("Mitglied werden").
        if (
            after_crisis
            or reply.kind in (ReplyKind.SUGGEST, ReplyKind.FALLBACK)
            or snapshot.rules.classify(message.text, context.today).distress
        ):
            hinted = self._texts.with_crisis_hint(reply.text, reply.language, writes_as_young(message.text))
            return dataclasses.replace(reply, text=hinted)
        return reply

    def _reply(self, message: IncomingMessage, context: Context, snapshot: Snapshot) -> Reply | None:
        several = self._several_answers(message, context, snapshot)
        if several is not None:
            return several
        # A question naming another place ("Wann hat das Jobcenter offen?") may still
        # mean us, so it gets buttons: a tap away from our answer, never a wrong one.
        elsewhere = snapshot.places.asked_about(message.text) is not None
        # So does a statement about someone close that asks nothing: it may be a
        # disclosure in words the privacy rules do not know, and must not get an answer.
        personal = self._guard_personal and not elsewhere and tells_about_someone(message.text)
        answer = not elsewhere and not personal
        result = snapshot.matcher.match(message.text, context.today, answer=answer)
        best = result.best
        if best is None or result.outcome is Outcome.FALLBACK:
            return None
        language = self._answer_language(message, context, best.language)
        if result.outcome is Outcome.ANSWER:
            priced = self._linked_for_the_price(best.entry, message, language, context, snapshot)
            if priced is not None:
                # The thread stays with what was asked about: "und wann?" means Yoga.
                reply = answer_reply(priced, language, self._texts, snapshot.knowledge, best.score)
                return dataclasses.replace(reply, follows_up=best.entry.id)
            return answer_reply(best.entry, language, self._texts, snapshot.knowledge, best.score)
        language = self._texts.language(language)
        if result.unknown_asked:
            return self._unknown_at(best.entry, message, language, best.score)
        key = "suggest_elsewhere" if elsewhere else "suggest_personal" if personal else "suggest"
        return Reply(
            self._texts.get(key, language),
            language,
            ReplyKind.SUGGEST,
            buttons=tuple(entry_button(c.entry, language, self._texts.default_language) for c in result.candidates),
            suggestions=tuple(c.entry.id for c in result.candidates),
            score=best.score,
        )

    def _unknown_at(self, entry: Entry, message: IncomingMessage, language: str, score: float) -> Reply:
        """ "I don't know": something at an offer the FAQ does not know, with that offer and the team as buttons.

        Noted with the offer's id like any unanswered question, so admins see what
        members want to know about it ("Gibt es im Jugendclub eine Dusche? [youth-club]").
        """
        return Reply(
            self._texts.get("unknown_at_place", language),
            language,
            ReplyKind.FALLBACK,
            buttons=(
                entry_button(entry, language, self._texts.default_language),
                handover_button(self._texts, language),
            ),
            suggestions=(entry.id,),
            score=score,
            stored_text=self._noted(message, entry),
        )

    def _noted(self, message: IncomingMessage, about: Entry) -> str | None:
        """The question as stored for the admins, with the entry it was about: "… [repair-cafe]"."""
        stored = stored_text(message.text, self._store_text)
        return f"{stored} [{about.id}]" if stored else None

    def _linked_for_the_price(
        self, entry: Entry, message: IncomingMessage, language: str, context: Context, snapshot: Snapshot
    ) -> Entry | None:
        """For a price asked of an entry whose answer names none: its linked entry about prices.

        "Wie teuer ist Yoga?" matches the courses by its keyword "Yoga", but their
        answer has no price; the course fees, linked from the courses, do. Only for a
        price: a time or a place in a linked answer may be another thing's ("wann ist
        Yoga?" must not get the German courses' times).
        """
        cost = frozenset({"cost"})
        if "cost" not in follow_up_aspects(message.text) or self._says(entry, cost, language):
            return None
        return self._linked_saying(entry, cost, language, context, snapshot)

    def _follow_up(self, message: IncomingMessage, context: Context, snapshot: Snapshot) -> Reply | None:
        """For "und wann?" after an answer: that entry again, another one, or "my answer doesn't say".

        On its own, "und wann?" got the Kita hours and "und was kostet das?" the course
        fees, whatever the member had just asked about. If the previous answer says what
        is asked (a time, a price, a place, whether to sign up), it comes again. If it
        does not, the admin's follow-up entry for it that is about what is asked is the
        answer ("how much is it?" after the courses gets the course fees). Else showing it again
        would not help: a place asked for may mean another entry ("wo ist das?" after
        the opening hours means the address), offered as a button when the matcher
        alone has a guess; else the bot says its answer does not say,
        and notes the question with its topic for the admins ("muss ich mich anmelden?
        [repair-cafe]"), like any question it cannot answer.
        """
        if context.previous_answer is None or not names_no_topic(message.text):
            return None
        previous = snapshot.knowledge.get(context.previous_answer)
        if previous is None or not previous.is_valid_on(context.today):
            return None  # the FAQ changed since, or the event is over
        language = reply_language(self._texts, message, context)
        asked = follow_up_aspects(message.text)
        if asked and self._says(previous, asked, language):
            return answer_reply(previous, language, self._texts, snapshot.knowledge)
        linked = self._linked_saying(previous, asked, language, context, snapshot)
        if linked is not None:
            # "how much is it?" after the courses: their fees entry says it. The thread
            # stays with the courses, so "and when?" still means them.
            reply = answer_reply(linked, language, self._texts, snapshot.knowledge)
            return dataclasses.replace(reply, follows_up=previous.id)
        # Words alone guess well where a place is asked (the address is where everything
        # is), not for a time or a price: "and when?" alone means the Kita hours.
        other = self._guess_besides(previous, message, context, snapshot) if asked <= {"place"} else None
        if not asked:
            # "und?", "erzähl mehr": nothing in particular asked, so the answer again,
            # or both to choose from if the words alone mean another entry.
            if other is None:
                return answer_reply(previous, language, self._texts, snapshot.knowledge)
            choices = (previous, other)
            return Reply(
                self._texts.get("suggest", language),
                language,
                ReplyKind.SUGGEST,
                buttons=tuple(entry_button(entry, language, self._texts.default_language) for entry in choices),
                suggestions=tuple(entry.id for entry in choices),
            )
        return self._not_in_answer(previous, other, message, language)

    def _not_in_answer(self, previous: Entry, other: Entry | None, message: IncomingMessage, language: str) -> Reply:
        """ "My answer doesn't say": the entry the words alone mean, or the team, with the question noted."""
        handover = handover_button(self._texts, language)
        if other is not None:
            return Reply(
                self._texts.get("follow_up_other", language),
                language,
                ReplyKind.SUGGEST,
                buttons=(entry_button(other, language, self._texts.default_language), handover),
                suggestions=(other.id,),
                follows_up=previous.id,
            )
        return Reply(
            self._texts.get("follow_up_unknown", language),
            language,
            ReplyKind.FALLBACK,
            buttons=(handover,),
            follows_up=previous.id,
            # with its topic, so admins see what the answer leaves out
            stored_text=self._noted(message, previous),
        )

    def _guess_besides(
        self, previous: Entry, message: IncomingMessage, context: Context, snapshot: Snapshot
    ) -> Entry | None:
        """The entry the bare follow-up means on its own, if the matcher is sure of one besides `previous`.

        Only a sure one: for "muss ich mich anmelden?" after the repair café, the
        matcher's best guess alone was the feedback entry, a button that helps nobody.
        """
        alone = snapshot.matcher.match(message.text, context.today)
        if alone.outcome is not Outcome.ANSWER:
            return None
        return next((c.entry for c in alone.candidates if c.entry.id != previous.id), None)

    def _answer_language(self, message: IncomingMessage, context: Context, matched: str | None) -> str:
        """The member's choice, then their own words, then the matched phrasing's language ("Kita?")."""
        return (
            context.chosen_language
            or marked_language(message.text)
            or matched
            or reply_language(self._texts, message, context)
        )

    def _says(self, entry: Entry, asked: frozenset[str], language: str) -> bool:
        """Whether the entry's answer already says what a follow-up asks (a time, a price, …)."""
        said = entry.answer[entry.answer_language(language, self._texts.default_language)]
        return bool(asked) and all(answer_covers(said, aspect) for aspect in asked)

    def _linked_saying(
        self, previous: Entry, asked: frozenset[str], language: str, context: Context, snapshot: Snapshot
    ) -> Entry | None:
        """The first of the admin's follow-up entries for `previous` that is about what is asked.

        For a follow-up that `previous` does not answer itself (the callers check that).
        About it: its own questions ask it and its answer says it. The courses' fees
        entry ("Was kostet ein Kurs?") answers "how much is it?" after the courses; the
        German courses, also linked there and with times in their answer, do not answer
        "and when?" about a sewing class.
        """
        if not asked:
            return None
        for follow_id in previous.follow_up:
            follow = snapshot.knowledge.get(follow_id)
            if (
                follow is not None
                and follow.is_valid_on(context.today)
                and any(asked <= follow_up_aspects(q) for qs in follow.questions.values() for q in qs)
                and self._says(follow, asked, language)
            ):
                return follow
        return None

    def _several_answers(self, message: IncomingMessage, context: Context, snapshot: Snapshot) -> Reply | None:
        """One reply with an answer per question, if the message asks two or more the matcher is sure of.

        A part that gets no sure answer ("habt ihr WLAN? das in der Bibliothek ist immer
        voll") is context, not a question: it is left out, and with fewer than two sure
        answers the message is matched as a whole. A part that names no topic ("… einen
        Raum mieten? Was kostet das?") asks about the answer before it: if that answer
        says it, the part adds nothing (alone, "was kostet das" got the course fees);
        if it does not, one of the answer's follow-up entries that says it is added ("wann
        ist Yoga und was kostet das" gets the courses and the course fees). Else the part
        is left out: alone it would be matched to whatever its words suggest ("is the
        German class free and when does it start" got the founders' workshop).
        """
        parts = question_parts(message.text)
        if len(parts) < 2:
            return None
        answered: list[Candidate] = []
        language = reply_language(self._texts, message, context)
        for part in parts:
            if answered and names_no_topic(part):
                before, asked = answered[-1], follow_up_aspects(part)
                if not self._says(before.entry, asked, language):
                    linked = self._linked_saying(before.entry, asked, language, context, snapshot)
                    if linked is not None and linked.id not in {c.entry.id for c in answered}:
                        answered.append(Candidate(linked, before.score, before.language))
                continue
            answer = snapshot.places.asked_about(part) is None
            result = snapshot.matcher.match(part, context.today, answer=answer)
            best = result.best
            if (
                result.outcome is Outcome.ANSWER
                and best is not None
                and best.entry.id not in {c.entry.id for c in answered}
            ):
                answered.append(best)
        if len(answered) < 2:
            return None
        answered = answered[:MAX_ANSWERS]
        language = self._answer_language(message, context, answered[0].language)
        replies = [answer_reply(c.entry, language, self._texts, snapshot.knowledge, c.score) for c in answered]
        ids = [c.entry.id for c in answered]
        buttons: list[Button] = []
        for button in (b for r in replies for b in r.buttons):
            if button.payload.removeprefix(FAQ_PAYLOAD) not in ids and button not in buttons:
                buttons.append(button)
        return Reply(
            "\n\n".join(r.text for r in replies),
            replies[0].language,
            ReplyKind.ANSWER,
            buttons=tuple(buttons[:MAX_FOLLOW_UPS]),
            faq_id=ids[0],
            also_answered=tuple(ids[1:]),
            score=min(c.score for c in answered),
        )
