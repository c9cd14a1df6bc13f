"""Test doubles shared by the tests: a channel adapter with in/out queues, a clock.

It stands in for a chat platform's network only; the pipeline, storage and knowledge
base it talks to are the real ones.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from aiohttp import web

from bot.adapters.base import ChannelAdapter, GoneForGood, OnMessage
from bot.app import App, build_handlers
from bot.config import Config
from bot.flood import FloodGuard
from bot.messages import IncomingMessage, Outgoing, Reply
from bot.pipeline import Pipeline
from bot.reload import LiveKnowledge, Snapshot
from bot.storage import AsyncStorage
from bot.texts import Texts


class Clock:
    """A monotonic clock the test moves by hand (`clock.now = …`)."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


async def serve_on_loopback(app: web.Application) -> tuple[web.AppRunner, int]:
    """Start a fake platform's aiohttp app on a free loopback port; return runner and port."""
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    return runner, site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]


async def wait_until(condition: Callable[[], object], timeout: float = 10.0, interval: float = 0.05) -> None:
    """Poll `condition` until it holds; fail the test if it does not within `timeout` seconds."""
    for _ in range(max(1, int(timeout / interval))):
        if condition():
            return
        await asyncio.sleep(interval)
    raise AssertionError("condition not reached in time")


class FakeAdapter(ChannelAdapter):
    def __init__(self, platform: str = "fake") -> None:
        self.platform = platform
        self.sent: asyncio.Queue[tuple[IncomingMessage, Reply]] = asyncio.Queue()
        self._on_message: OnMessage | None = None
        self.started = False
        self.stopped = False
        self.delivered: list[Outgoing] = []
        self.edits: list[tuple[str, Outgoing]] = []
        # Ids of delivered messages that were deleted on the (fake) platform.
        self.gone: set[str] = set()
        self.down = False

    async def start(self, on_message: OnMessage) -> None:
        self._on_message = on_message
        self.started = True

    async def receive(self, message: IncomingMessage) -> None:
        """A member's message arriving from the (fake) platform."""
        assert self._on_message is not None, "adapter not started"
        await self._on_message(message)

    async def send(self, message: IncomingMessage, reply: Reply) -> None:
        await self.sent.put((message, reply))

    async def deliver(self, outgoing: Outgoing) -> str:
        if self.down:
            raise ConnectionError("platform unreachable")
        self.delivered.append(outgoing)
        return str(len(self.delivered))

    async def edit(self, outgoing: Outgoing, message_id: str) -> None:
        if self.down:
            raise ConnectionError("platform unreachable")
        if message_id in self.gone:
            raise GoneForGood("message deleted")
        self.edits.append((message_id, outgoing))

    async def stop(self) -> None:
        self.stopped = True


def build_app(
    config: Config,
    snapshot: Snapshot,
    adapters: Sequence[ChannelAdapter],
    today: dt.date | None = None,
    flood: bool = False,
    now: Callable[[], dt.datetime] | None = None,
) -> App:
    """The real app (pipeline, SQLite storage, staff desk) wired as `kiezbot run` does."""
    texts = Texts(config)
    live = LiveKnowledge(snapshot)
    storage = AsyncStorage.open(config.storage.path)
    pipeline = Pipeline(build_handlers(config, live, texts, storage.case_codes), texts)
    guard = FloodGuard(config.flood.messages_per_minute, config.flood.mute_minutes * 60) if flood else None
    day = today
    return App(config, live, pipeline, storage, adapters, (lambda: day) if day else None, guard, now)


def run_app(app: App) -> tuple[asyncio.Event, asyncio.Task[None]]:
    stop = asyncio.Event()
    return stop, asyncio.create_task(app.run(stop))


async def start_kiezbot_run(
    config: Path, env: dict[str, str], capture: bool, launcher: Sequence[str] = ("-m", "bot")
) -> asyncio.subprocess.Process:
    """`python -m bot run --config …` as a real process, from the project's sources.

    `launcher` replaces `-m bot` (tests/discord_run.py points discord.py at the fake first).
    """
    output = asyncio.subprocess.PIPE if capture else asyncio.subprocess.DEVNULL
    return await asyncio.create_subprocess_exec(
        sys.executable,
        *launcher,
        "run",
        "--config",
        str(config),
        env={**env, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)},
        stdout=output,
        stderr=output,
    )


def message(text: str = "", user: str = "u1", platform: str = "fake", **fields: object) -> IncomingMessage:
    values: dict[str, object] = {"platform": platform, "chat_id": f"chat-{user}", "user_id": user, "text": text}
    values.update(fields)
    return IncomingMessage(**values)  # type: ignore[arg-type]
