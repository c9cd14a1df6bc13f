"""The terminal channel behind `kiezbot chat`: the embedded default that needs no tokens.

Buttons are shown as numbered choices; typing the number taps the button.
"""

from __future__ import annotations

import asyncio
import sys
from typing import TextIO

from bot.adapters.base import ChannelAdapter, OnMessage
from bot.messages import IncomingMessage, Outgoing, Reply

PLATFORM = "console"
_QUIT = {"/quit", "/exit", "quit", "exit"}


class ConsoleAdapter(ChannelAdapter):
    platform = PLATFORM

    def __init__(self, stdin: TextIO | None = None, stdout: TextIO | None = None, prompt: str = "du> ") -> None:
        self._stdin = stdin or sys.stdin
        self._stdout = stdout or sys.stdout
        self._prompt = prompt
        self._buttons: dict[str, str] = {}
        self._count = 0
        self.finished = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    async def start(self, on_message: OnMessage) -> None:
        self._task = asyncio.create_task(self._read_loop(on_message), name="console-reader")

    async def _read_loop(self, on_message: OnMessage) -> None:
        try:
            while True:
                self._stdout.write(self._prompt)
                self._stdout.flush()
                line = await asyncio.to_thread(self._stdin.readline)
                if not line or line.strip().lower() in _QUIT:
                    break
                await on_message(self.to_message(line.rstrip("\n")))
        finally:
            self.finished.set()

    def to_message(self, line: str) -> IncomingMessage:
        """A typed line, or the number of a button shown with the last reply."""
        self._count += 1
        payload = self._buttons.get(line.strip())
        return IncomingMessage(
            platform=PLATFORM,
            chat_id="local",
            user_id="local",
            display_name="Terminal",
            text="" if payload else line,
            message_id=str(self._count),
            payload=payload,
        )

    async def send(self, message: IncomingMessage, reply: Reply) -> None:
        self._buttons = {str(number): button.payload for number, button in enumerate(reply.buttons, start=1)}
        lines = [f"bot> {reply.text}"]
        lines += [f"  [{number}] {button.label}" for number, button in enumerate(reply.buttons, start=1)]
        self._stdout.write("\n".join(lines) + "\n")
        self._stdout.flush()

    async def deliver(self, outgoing: Outgoing) -> str:
        self._count += 1
        self._stdout.write(f"bot> {outgoing.text}\n")
        self._stdout.flush()
        return str(self._count)

    async def edit(self, outgoing: Outgoing, message_id: str) -> None:
        self._stdout.write(f"bot> (message {message_id} now reads) {outgoing.text}\n")
        self._stdout.flush()

    async def stop(self) -> None:
        if self._task and not self._task.done():
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
