"""The small interface every channel adapter implements.

The app injects `on_message` at `start`; the adapter calls it for each member message
and never reaches into the core otherwise. Sending is chosen by the app: it calls
`send(message, reply)` with the message being answered, so the adapter knows where
(chat, thread, reply-to) the reply belongs.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable

from bot.messages import IncomingMessage, Outgoing, Reply

OnMessage = Callable[[IncomingMessage], Awaitable[None]]


class GoneForGood(Exception):
    """The platform refused an edit for good (the message was deleted, the chat is gone):
    retrying cannot help, so the outbox drops the edit instead of blocking the queue."""


class ChannelAdapter(ABC):
    """One chat platform. Adapters run side by side in one event loop."""

    platform: str

    @abstractmethod
    async def start(self, on_message: OnMessage) -> None:
        """Connect and begin delivering messages to `on_message`; return once running."""

    @abstractmethod
    async def send(self, message: IncomingMessage, reply: Reply) -> None:
        """Deliver `reply` as the answer to `message`."""

    @abstractmethod
    async def deliver(self, outgoing: Outgoing) -> str:
        """Send a message the bot starts itself (staff card, relayed reply); return its platform id.

        Raises on failure, so the outbox can retry it later.
        """

    @abstractmethod
    async def edit(self, outgoing: Outgoing, message_id: str) -> None:
        """Replace the text of a message the bot posted earlier and remove its buttons.

        Used to blank a staff card when the member's data is deleted. Raises
        `GoneForGood` when the message cannot be edited any more, anything else when
        it may work later.
        """

    @abstractmethod
    async def stop(self) -> None:
        """Disconnect cleanly; pending sends finish or are dropped with a log line."""
