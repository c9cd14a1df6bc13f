"""A local fake of the Telegram Bot API (aiohttp), for the real python-telegram-bot client.

It follows the documented Bot API for what Kiezbot uses: `getMe` (with `is_bot`),
`getUpdates` with `offset` and `timeout` (long polling), `sendMessage`,
`editMessageText`, `answerCallbackQuery`, `setMyCommands`, `setWebhook`,
`deleteWebhook`; dates in seconds; errors as `{"ok": false, "error_code",
"description", "parameters": {"retry_after"}}`. Tests push updates in, read what the
bot sent, and inject faults.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.fakes import serve_on_loopback

BOT_ID = 999000
BOT_USERNAME = "KiezTestBot"


@dataclass
class Fault:
    status: int
    times: int
    retry_after: int | None = None
    description: str = "Internal Server Error"


@dataclass
class FakeTelegram:
    token: str
    updates: list[dict[str, Any]] = field(default_factory=list)
    sent: list[dict[str, Any]] = field(default_factory=list)
    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    faults: dict[str, list[Fault]] = field(default_factory=dict)
    blocked_chats: set[int] = field(default_factory=set)
    port: int = 0

    def __post_init__(self) -> None:
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._new_update = asyncio.Event()
        self._new_sent = asyncio.Event()
        self._runner: web.AppRunner | None = None

    # --- server ------------------------------------------------------------------

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._dispatch)
        self._runner, self.port = await serve_on_loopback(app)

    async def stop(self) -> None:
        if self._runner:
            await self._runner.cleanup()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    def fail(
        self,
        method: str,
        status: int,
        times: int = 1,
        retry_after: int | None = None,
        description: str = "Internal Server Error",
    ) -> None:
        self.faults.setdefault(method, []).append(Fault(status, times, retry_after, description))

    async def _params(self, request: web.Request) -> dict[str, Any]:
        params: dict[str, Any] = dict(request.query)
        if request.content_type == "application/json":
            params.update(await request.json())
        elif request.can_read_body:
            form = await request.post()
            for key, value in form.items():
                text = str(value)
                try:
                    params[key] = (
                        json.loads(text)
                        if text[:1] in "[{" or key in ("offset", "timeout", "limit", "chat_id", "message_thread_id")
                        else text
                    )
                except json.JSONDecodeError:
                    params[key] = text
        return params

    async def _dispatch(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return self._error(401, "Unauthorized")
        method = request.match_info["method"]
        params = await self._params(request)
        self.calls.append((method, params))
        faults = self.faults.get(method, [])
        if faults:
            fault = faults[0]
            fault.times -= 1
            if fault.times <= 0:
                faults.pop(0)
            if fault.status == 429:
                return self._error(429, f"Too Many Requests: retry after {fault.retry_after}", fault.retry_after)
            return self._error(fault.status, fault.description)
        handler = getattr(self, f"_{method}", None)
        if handler is None:
            return self._error(404, "Not Found: method not found")
        result = await handler(params)
        if isinstance(result, web.Response):
            return result
        return web.json_response({"ok": True, "result": result})

    @staticmethod
    def _error(status: int, description: str, retry_after: int | None = None) -> web.Response:
        body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
        if retry_after is not None:
            body["parameters"] = {"retry_after": retry_after}
        return web.json_response(body, status=status)

    # --- methods -----------------------------------------------------------------

    async def _getMe(self, params: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": BOT_ID,
            "is_bot": True,
            "first_name": "Kiezbot",
            "username": BOT_USERNAME,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    async def _getUpdates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        timeout = float(params.get("timeout") or 0)
        deadline = time.monotonic() + min(timeout, 2.0)
        while True:
            # Confirmed updates (id below offset) are forgotten, as Telegram does.
            self.updates = [u for u in self.updates if u["update_id"] >= offset]
            if self.updates or time.monotonic() >= deadline:
                return self.updates[: int(params.get("limit") or 100)]
            self._new_update.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._new_update.wait(), max(0.0, deadline - time.monotonic()))

    async def _deleteWebhook(self, params: dict[str, Any]) -> bool:
        return True

    async def _setWebhook(self, params: dict[str, Any]) -> bool:
        return True

    async def _setMyCommands(self, params: dict[str, Any]) -> bool:
        return True

    async def _answerCallbackQuery(self, params: dict[str, Any]) -> bool:
        return True

    async def _editMessageText(self, params: dict[str, Any]) -> dict[str, Any]:
        return self._message(int(params["chat_id"]), params["text"])

    async def _sendMessage(self, params: dict[str, Any]) -> dict[str, Any] | web.Response:
        chat_id = int(params["chat_id"])
        if chat_id in self.blocked_chats:
            return self._error(403, "Forbidden: bot can't initiate conversation with a user")
        self.sent.append(params)
        self._new_sent.set()
        return self._message(chat_id, params["text"])

    def _message(self, chat_id: int, text: str) -> dict[str, Any]:
        return {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup"},
            "from": {"id": BOT_ID, "is_bot": True, "first_name": "Kiezbot", "username": BOT_USERNAME},
            "text": text,
        }

    # --- test helpers ------------------------------------------------------------

    def push(self, update: dict[str, Any]) -> dict[str, Any]:
        update = {"update_id": next(self._update_ids), **update}
        self.updates.append(update)
        self._new_update.set()
        return update

    def push_text(
        self,
        text: str,
        user_id: int = 111,
        chat_id: int | None = None,
        chat_type: str = "private",
        thread_id: int | None = None,
        reply_to_bot: bool = False,
        language: str = "de",
        **extra: Any,
    ) -> dict[str, Any]:
        chat_id = chat_id if chat_id is not None else user_id
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": chat_type, **({"title": "Kiez"} if chat_type != "private" else {})},
            "from": {"id": user_id, "is_bot": False, "first_name": f"User{user_id}", "language_code": language},
            **extra,
        }
        if text:
            message["text"] = text
            mention = f"@{BOT_USERNAME}"
            if mention in text:
                message["entities"] = [{"type": "mention", "offset": text.index(mention), "length": len(mention)}]
            elif text.startswith("/"):
                message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        if thread_id is not None:
            message["message_thread_id"] = thread_id
            message["is_topic_message"] = True
        if reply_to_bot:
            message["reply_to_message"] = {
                "message_id": 1,
                "date": int(time.time()),
                "chat": message["chat"],
                "from": {"id": BOT_ID, "is_bot": True, "first_name": "Kiezbot", "username": BOT_USERNAME},
                "text": "earlier answer",
            }
        return self.push({"message": message})

    def push_callback(self, data: str, user_id: int = 111, chat_id: int | None = None) -> dict[str, Any]:
        chat_id = chat_id if chat_id is not None else user_id
        return self.push(
            {
                "callback_query": {
                    "id": str(next(self._message_ids)),
                    "from": {"id": user_id, "is_bot": False, "first_name": f"User{user_id}", "language_code": "de"},
                    "chat_instance": "42",
                    "data": data,
                    "message": self._message(chat_id, "earlier answer"),
                }
            }
        )

    async def wait_sent(self, count: int, timeout: float = 10.0) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout
        while len(self.sent) < count:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"expected {count} sent messages, got {len(self.sent)}: {self.sent}")
            self._new_sent.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._new_sent.wait(), remaining)
        return self.sent

    def called(self, method: str) -> list[dict[str, Any]]:
        return [params for name, params in self.calls if name == method]
