"""The composition root: the one place that knows adapters, handlers and storage.

Everything is wired through constructors here; there are no globals or registries.
`build_handlers` is the pipeline order, in one explicit list.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Callable, Sequence
from zoneinfo import ZoneInfo

from bot.adapters.base import ChannelAdapter, OnMessage
from bot.config import Config
from bot.messages import IncomingMessage, Reply
from bot.pipeline import Context, Handler, Pipeline
from bot.reload import LiveKnowledge, watch_faq
from bot.storage import AsyncStorage
from bot.texts import Texts
from handlers.commands import ButtonHandler, CommandHandler
from handlers.fallback import EmptyMessageHandler, FallbackHandler
from handlers.faq import FaqHandler
from handlers.gate import PrivacyGate
from handlers.smalltalk import SmalltalkHandler

log = logging.getLogger(__name__)


def build_handlers(
    config: Config,
    live: LiveKnowledge,
    texts: Texts,
    new_case_code: Callable[[], str],
    matcher_only: bool = False,
) -> list[Handler]:
    """The pipeline, in order; the first handler with a reply wins.

    `matcher_only` leaves out the privacy gate and small talk, to measure the FAQ
    matcher alone on public benchmarks (`kiezbot ask --matcher-only`). Never for members.
    """
    store_text = config.privacy.store_text
    handlers: list[Handler] = [
        EmptyMessageHandler(texts),
        ButtonHandler(live, texts),
        CommandHandler(texts),
        PrivacyGate(live, texts, new_case_code, store_text),
        SmalltalkHandler(texts),
        FaqHandler(live, texts),
        FallbackHandler(texts, store_text),
    ]
    if matcher_only:
        handlers = [h for h in handlers if not isinstance(h, PrivacyGate | SmalltalkHandler)]
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
    ) -> None:
        self.config = config
        self.live = live
        self.pipeline = pipeline
        self.storage = storage
        self.adapters = list(adapters)
        self._today = today or today_in(config)

    async def respond(self, message: IncomingMessage) -> Reply:
        """Answer one message and keep what staff need, before the member sees the reply."""
        chosen = self.storage.chosen_language(message.user_ref) if self.storage else None
        context = Context(today=self._today(), chosen_language=chosen)
        reply = self.pipeline.process(message, context)
        if self.storage is not None:
            await self.storage.record(message, reply, context.today)
        return reply

    def _callback_for(self, adapter: ChannelAdapter) -> OnMessage:
        async def on_message(message: IncomingMessage) -> None:
            try:
                reply = await self.respond(message)
            except Exception as exc:
                # Storage or pipeline trouble must not stop the channel; the member is not
                # told "saved" when it was not: no reply goes out for this message.
                log.error("could not handle a %s message: %s", adapter.platform, type(exc).__name__)
                return
            try:
                await adapter.send(message, reply)
            except Exception as exc:
                log.error("could not send a reply on %s: %s", adapter.platform, type(exc).__name__)

        return on_message

    async def run(self, stop: asyncio.Event) -> None:
        """Start storage, FAQ watching and every adapter; stop them all when `stop` is set."""
        if self.storage is not None:
            self.storage.start()
        watcher = None
        if self.config.bot.watch_faq:
            watcher = asyncio.create_task(watch_faq(self.config, self.live, stop), name="faq-watcher")
        started: list[ChannelAdapter] = []
        try:
            for adapter in self.adapters:
                await adapter.start(self._callback_for(adapter))
                started.append(adapter)
                log.info("channel %s started", adapter.platform)
            await stop.wait()
        finally:
            log.info("shutting down")
            for adapter in reversed(started):
                try:
                    await adapter.stop()
                except Exception as exc:
                    log.error("channel %s did not stop cleanly: %s", adapter.platform, type(exc).__name__)
            if watcher is not None:
                stop.set()
                await asyncio.gather(watcher, return_exceptions=True)
            if self.storage is not None:
                await self.storage.close()
