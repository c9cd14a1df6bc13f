"""The composition root: the one place that knows adapters, handlers and storage.

Everything is wired through constructors here; there are no globals or registries.
`build_handlers` is the pipeline order, in one explicit list.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import replace
from zoneinfo import ZoneInfo

from sqlite_utils import Database

from bot.adapters.base import ChannelAdapter, OnMessage
from bot.config import Config
from bot.conversation import CRISIS_FOLLOW_UP_SECONDS, FOLLOW_UP_SECONDS, RecentPerMember
from bot.flood import FloodGuard, FloodVerdict
from bot.hours import BusinessHours, describe
from bot.inbox import (
    OutboxWorker,
    StaffDesk,
    member_rights,
    note_for_crisis_case,
    note_for_open_ticket,
    open_ticket,
    purge,
    reannounce,
    recent_crisis_cases,
)
from bot.messages import IncomingMessage, Reply, ReplyKind
from bot.pipeline import Context, Handler, Pipeline, reply_language
from bot.reload import LiveKnowledge, watch_faq
from bot.storage import AsyncStorage
from bot.text import writes_as_young
from bot.texts import Texts
from handlers.about_chat import AboutThisChatHandler
from handlers.commands import ButtonHandler, CommandHandler
from handlers.crisis_follow_up import CrisisFollowUpHandler
from handlers.fallback import EmptyMessageHandler, FallbackHandler
from handlers.faq import FaqHandler
from handlers.gate import PrivacyGate
from handlers.human import HumanHandler
from handlers.smalltalk import SmalltalkHandler

log = logging.getLogger(__name__)
PURGE_INTERVAL_SECONDS = 24 * 3600
REANNOUNCE_CHECK_SECONDS = 60


def build_handlers(
    config: Config,
    live: LiveKnowledge,
    texts: Texts,
    new_case_code: Callable[[], str],
    matcher_only: bool = False,
) -> list[Handler]:
    """The pipeline, in order; the first handler with a reply wins.

    `matcher_only` leaves out the privacy gate, hand-over and small talk, to measure the FAQ
    matcher alone on public benchmarks (`kiezbot ask --matcher-only`), and the FAQ step's
    own privacy net (no answer to a statement about someone close). Never for members.
    """
    store_text = config.privacy.store_text
    handlers: list[Handler] = [
        EmptyMessageHandler(texts),
        ButtonHandler(live, texts),
        CommandHandler(texts),
        PrivacyGate(live, texts, new_case_code, store_text),
        CrisisFollowUpHandler(texts, store_text, statements_only=True),
        HumanHandler(texts, new_case_code, store_text),
        AboutThisChatHandler(texts),
        SmalltalkHandler(texts),
        FaqHandler(live, texts, store_text, guard_personal=not matcher_only),
        CrisisFollowUpHandler(texts, store_text),
        FallbackHandler(texts, store_text),
    ]
    if matcher_only:
        skipped = PrivacyGate | AboutThisChatHandler | SmalltalkHandler | HumanHandler | CrisisFollowUpHandler
        handlers = [h for h in handlers if not isinstance(h, skipped)]
    return handlers


def today_in(config: Config) -> Callable[[], dt.date]:
    zone = ZoneInfo(config.bot.timezone)
    return lambda: dt.datetime.now(zone).date()


class App:
    """Receives messages from every adapter, answers through the pipeline, records, sends."""

    def __init__(
        self,
        config: Config,
        live: LiveKnowledge,
        pipeline: Pipeline,
        storage: AsyncStorage | None,
        adapters: Sequence[ChannelAdapter] = (),
        today: Callable[[], dt.date] | None = None,
        flood: FloodGuard | None = None,
        now: Callable[[], dt.datetime] | None = None,
    ) -> None:
        self.config = config
        self.live = live
        self.pipeline = pipeline
        self.storage = storage
        self.adapters = list(adapters)
        self._today = today or today_in(config)
        self._texts = Texts(config)
        self._flood = flood
        # The staff inbox needs storage: without it (kiezbot ask) nothing is escalated.
        self.desk = StaffDesk(config, storage) if storage is not None else None
        self.outbox = OutboxWorker(storage, self.adapters) if storage is not None else None
        self._now = now or (lambda: dt.datetime.now(dt.UTC))
        self.hours = BusinessHours(config.staff.hours, config.bot.timezone)
        self.recent_answers: RecentPerMember[str] = RecentPerMember(FOLLOW_UP_SECONDS)
        # Each member's crisis reply within the hour: (case code, topic, reply in all
        # languages, member said they are young)
        self.recent_crises: RecentPerMember[tuple[str, str, bool, bool]] = RecentPerMember(CRISIS_FOLLOW_UP_SECONDS)

    def _flood_reply(self, message: IncomingMessage) -> Reply | None:
        """None to go on; otherwise the one notice for a member who floods (empty text: drop)."""
        if self._flood is None:
            return None
        verdict = self._flood.check(message.user_ref)
        if verdict is FloodVerdict.OK:
            return None
        if verdict is FloodVerdict.DROP:
            return Reply("", "", ReplyKind.COMMAND)
        language = reply_language(self._texts, message, self._context(message))
        return Reply(self._texts.get("flood", language), language, ReplyKind.COMMAND)

    def _context(self, message: IncomingMessage) -> Context:
        chosen = self.storage.chosen_language(message.user_ref) if self.storage else None
        previous = self.recent_answers.get(message.user_ref)
        code, topic, in_all_languages, young = self.recent_crises.get(message.user_ref) or (None, None, False, False)
        return Context(
            today=self._today(),
            chosen_language=chosen,
            previous_answer=previous,
            crisis_case=code,
            crisis_topic=topic,
            crisis_in_all_languages=in_all_languages,
            crisis_young=young,
        )

    def _remember_answer(self, message: IncomingMessage, reply: Reply) -> None:
        """Keep what a follow-up may refer to: one answered entry; anything else ends the thread."""
        user = message.user_ref
        remembered = self.recent_answers.get(user)
        if reply.kind is ReplyKind.ANSWER and reply.faq_id and not reply.also_answered:
            # An answer from a linked entry ("how much is it?" after the courses gets
            # the fees) keeps the thread on the topic the member asked about.
            self.recent_answers.remember(user, reply.follows_up or reply.faq_id)
        elif reply.kind in (ReplyKind.SMALLTALK, ReplyKind.COMMAND):
            pass  # "danke", /language: the thread goes on
        elif remembered is not None and remembered in (reply.follows_up, *reply.suggestions):
            # "my answer doesn't say" about that entry, or buttons that still offer it:
            # the member is still on that topic
            pass
        else:
            # After other buttons, "I don't know", or a sensitive topic, "und wann?"
            # refers to nothing the bot said: read it on its own.
            self.recent_answers.forget(user)

    async def respond(self, message: IncomingMessage) -> Reply:
        """Answer one message and keep what staff need, before the member sees the reply."""
        context = self._context(message)
        if self.storage is not None and self.desk is not None:
            # Staff commands from anyone else get the desk's neutral refusal.
            if (staff_reply := await self.desk.handle(message)) is not None:
                return staff_reply
            if self.desk.is_staff_chat(message):
                return Reply("", "", ReplyKind.COMMAND)  # internal chatter: no answer, nothing relayed
            rights = await member_rights(
                self.storage, self._texts, message, lambda: reply_language(self._texts, message, context)
            )
            if rights is not None:
                self.recent_answers.forget(message.user_ref)  # /forgetme forgets this too
                self.recent_crises.forget(message.user_ref)
                return rights
        reply = self.pipeline.process(message, context)
        self._remember_answer(message, reply)
        if reply.kind is ReplyKind.CRISIS and reply.case_code:
            young = writes_as_young(message.text)
            crisis = (reply.case_code, reply.topic or "crisis", reply.in_all_languages, young)
            self.recent_crises.remember(message.user_ref, crisis)
        if self.storage is not None:
            escalation = self._escalation(message, reply)
            if escalation is not None and reply.kind is not ReplyKind.CRISIS:
                reply = self._after_hours(reply)
            if escalation is None and reply.kind is ReplyKind.FALLBACK and self.desk is not None:
                # A member with an open ticket: the new question joins it, masked like the rest,
                # in the same transaction as the unanswered question itself.
                user_ref, text = message.user_ref, reply.stored_text
                escalation = lambda db: note_for_open_ticket(db, user_ref, text)  # noqa: E731
            if reply.kind is ReplyKind.CRISIS_FOLLOW_UP and reply.case_code and self.desk is not None:
                # The crisis case gets the message and goes to staff again (reopened if closed).
                code, note, cards = reply.case_code, reply.stored_text, self.desk.cards
                escalation = lambda db: note_for_crisis_case(db, code, note, cards)  # noqa: E731
            await self.storage.record(message, reply, context.today, escalation)
            if self.outbox is not None and escalation is not None:
                self.outbox.wake.set()
        return reply

    async def restore_crisis_cases(self) -> int:
        """After a restart, the members who got a crisis reply within the hour, from the tickets.

        What such a member writes next must still join their case and reach staff; in
        memory alone, a restart (an update, a crash) would cut the hour short. Whether the
        reply was in all languages is not stored: the follow-ups come in the member's. Nor
        whether the member said they are young: the lines come in the usual order.
        """
        if self.storage is None:
            return 0
        now = self._now()
        since = now - dt.timedelta(seconds=CRISIS_FOLLOW_UP_SECONDS)
        cases = await self.storage.run(recent_crisis_cases, self.storage.db, since)
        for user_ref, code, topic, created_at in cases:
            age = (now - dt.datetime.fromisoformat(created_at)).total_seconds()
            self.recent_crises.remember(user_ref, (code, topic, False, False), age=max(age, 0.0))
        return len(cases)

    def _after_hours(self, reply: Reply) -> Reply:
        """Outside business hours, tell the member when the team is back (crisis never waits)."""
        now = self._now()
        if self.hours.is_open(now):
            return reply
        back = self.hours.next_opening(now)
        if back is None:
            return reply
        when = describe(back, reply.language, self.config.bot.timezone)
        return replace(reply, text=f"{reply.text}\n\n{self._texts.get('after_hours', reply.language, when=when)}")

    async def reannounce_due(self) -> list[str]:
        """Announce unclaimed tickets again after `staff.reannounce_after_hours` business hours."""
        if self.storage is None or self.desk is None or not self.desk.targets:
            return []
        now = self._now()
        codes: list[str] = await self.storage.run(
            reannounce,
            self.storage.db,
            self.desk.reminder_cards,
            lambda since: self.hours.hours_between(since, now),
            self.config.staff.reannounce_after_hours,
            now,
        )
        if codes and self.outbox is not None:
            self.outbox.wake.set()
        return codes

    def _escalation(self, message: IncomingMessage, reply: Reply) -> Callable[[Database], object] | None:
        if self.desk is None or reply.case_code is None:
            return None
        kind = reply.escalate or {ReplyKind.CRISIS: "crisis", ReplyKind.REDIRECT: "redirect"}.get(reply.kind)
        if kind is None:
            return None
        desk = self.desk
        now = self._now()
        return lambda db: open_ticket(db, message, reply, kind, desk.cards, now)

    def _callback_for(self, adapter: ChannelAdapter) -> OnMessage:
        async def on_message(message: IncomingMessage) -> None:
            flooded = self._flood_reply(message)
            if flooded is not None:
                if not flooded.text:
                    log.info("ignored a message from a member who floods (%s)", adapter.platform)
                    return
                log.info("flood limit reached by a member on %s; muted for a while", adapter.platform)
            try:
                reply = flooded or await self.respond(message)
            except Exception as exc:
                # Storage or pipeline trouble must not stop the channel; the member is not
                # told "saved" when it was not: no reply goes out for this message.
                log.error("could not handle a %s message: %s", adapter.platform, type(exc).__name__)
                return
            if not reply.text:
                return
            try:
                await adapter.send(message, reply)
            except Exception as exc:
                log.error("could not send a reply on %s: %s", adapter.platform, type(exc).__name__)

        return on_message

    async def _purge_once(self) -> None:
        """Delete closed tickets and old requests past `staff.retention_days`."""
        assert self.storage is not None
        deleted = await self.storage.run(
            purge, self.storage.db, self.config.staff.retention_days, self.config.staff.language
        )
        log.info("retention: %d old records deleted", deleted)

    async def _start_when_possible(self, adapter: ChannelAdapter, stop: asyncio.Event) -> bool:
        """Start one channel, retrying with backoff; a platform that is down never holds up the others."""
        delay = 1.0
        while not stop.is_set():
            try:
                await adapter.start(self._callback_for(adapter))
                log.info("channel %s started", adapter.platform)
                return True
            except Exception as exc:
                log.error(
                    "channel %s could not start (%s); retrying in %.0f s", adapter.platform, type(exc).__name__, delay
                )
                try:
                    await adapter.stop()
                except Exception as stop_error:
                    log.debug("cleanup after a failed start: %s", type(stop_error).__name__)
            await _pause(stop, delay)
            delay = min(delay * 2, 300.0)
        return False

    async def run(self, stop: asyncio.Event) -> None:
        """Start storage, FAQ watching and every adapter; stop them all when `stop` is set."""
        if self.storage is not None:
            self.storage.start()
            try:
                if restored := await self.restore_crisis_cases():
                    log.info("%d crisis case(s) of the last hour restored", restored)
            except Exception as exc:
                log.error("could not restore the last hour's crisis cases: %s", type(exc).__name__)
        watcher = None
        if self.config.bot.watch_faq:
            watcher = asyncio.create_task(watch_faq(self.config, self.live, stop), name="faq-watcher")
        outbox = purger = None
        if self.outbox is not None:
            outbox = asyncio.create_task(self.outbox.run(stop), name="kiezbot-outbox")
        reminder = None
        if self.storage is not None:
            purger = asyncio.create_task(
                _repeat(self._purge_once, PURGE_INTERVAL_SECONDS, "retention purge", stop), name="kiezbot-purge"
            )
            reminder = asyncio.create_task(
                _repeat(self.reannounce_due, REANNOUNCE_CHECK_SECONDS, "re-announcing tickets", stop),
                name="kiezbot-reannounce",
            )
        starting = {
            adapter: asyncio.create_task(self._start_when_possible(adapter, stop), name=f"start-{adapter.platform}")
            for adapter in self.adapters
        }
        try:
            await stop.wait()
        finally:
            log.info("shutting down")
            stop.set()
            for adapter, task in starting.items():
                started = await task
                if not started:
                    continue
                try:
                    await adapter.stop()
                except Exception as exc:
                    log.error("channel %s did not stop cleanly: %s", adapter.platform, type(exc).__name__)
            if watcher is not None:
                await asyncio.gather(watcher, return_exceptions=True)
            for helper in (outbox, purger, reminder):
                if helper is not None:
                    await asyncio.gather(helper, return_exceptions=True)
            if self.storage is not None:
                await self.storage.close()


async def _pause(stop: asyncio.Event, seconds: float) -> None:
    """Sleep for `seconds`, or less if `stop` is set meanwhile."""
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), seconds)


async def _repeat(job: Callable[[], Awaitable[object]], seconds: float, what: str, stop: asyncio.Event) -> None:
    """Run `job` now and every `seconds` until `stop`; a failed round is logged, never fatal."""
    while not stop.is_set():
        try:
            await job()
        except Exception as exc:
            log.error("%s failed: %s", what, type(exc).__name__)
        await _pause(stop, seconds)
