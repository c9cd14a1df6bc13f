"""Test doubles shared by the tests: a channel adapter with in/out queues.

It stands in for a chat platform's network only; the pipeline, storage and knowledge
base it talks to are the real ones.
"""

from __future__ import annotations

import asyncio

from bot.adapters.base import ChannelAdapter, OnMessage
from bot.messages import IncomingMessage, Outgoing, Reply


class FakeAdapter(ChannelAdapter):
    def __init__(self, platform: str = "fake") -> None:
        self.platform = platform
        self.sent: asyncio.Queue[tuple[IncomingMessage, Reply]] = asyncio.Queue()
        self._on_message: OnMessage | None = None
        self.started = False
        self.stopped = False
        self.delivered: list[Outgoing] = []
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

    async def stop(self) -> None:
        self.stopped = True


def message(text: str = "", user: str = "u1", platform: str = "fake", **fields: object) -> IncomingMessage:
    values: dict[str, object] = {"platform": platform, "chat_id": f"chat-{user}", "user_id": user, "text": text}
    values.update(fields)
    return IncomingMessage(**values)  # type: ignore[arg-type]
