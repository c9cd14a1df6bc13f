"""A local fake of Discord's gateway and REST API (aiohttp), for the real discord.py client.

Gateway: HELLO, heartbeat ACK, IDENTIFY → READY and GUILD_CREATE, then whatever the
test dispatches (MESSAGE_CREATE, INTERACTION_CREATE). REST: the current user, sending
messages, opening DMs, interaction callbacks and follow-ups, syncing guild commands.
Responses use `Content-Type: application/json` exactly, as discord.py expects; guild
members carry `flags`. Point discord.py at it with `discord.http.Route.BASE` and
`DiscordWebSocket.DEFAULT_GATEWAY`.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

from tests.fakes import serve_on_loopback

TOKEN = "MTIzNDU2Nzg5.TEST.discord-token-AbCdEfGhIjKlMn"
BOT_ID = 880000000000000001
APP_ID = 880000000000000002
GUILD_ID = 880000000000000100
SUPPORT_CHANNEL = 880000000000000200
GENERAL_CHANNEL = 880000000000000201
STAFF_CHANNEL = 880000000000000300
EVERYONE_ROLE = GUILD_ID
NOW = "2026-11-27T10:00:00.000000+00:00"
BOT_USER = {
    "id": str(BOT_ID),
    "username": "Kiezbot",
    "discriminator": "0",
    "global_name": "Kiezbot",
    "avatar": None,
    "bot": True,
}


def user(user_id: int, name: str = "") -> dict[str, Any]:
    return {
        "id": str(user_id),
        "username": name or f"member{user_id}",
        "discriminator": "0",
        "global_name": None,
        "avatar": None,
    }


def member() -> dict[str, Any]:
    return {"roles": [], "joined_at": NOW, "deaf": False, "mute": False, "flags": 0, "nick": None}


@dataclass
class FakeDiscord:
    token: str
    sent: list[dict[str, Any]] = field(default_factory=list)
    callbacks: list[dict[str, Any]] = field(default_factory=list)
    synced: list[tuple[str, list[dict[str, Any]]]] = field(default_factory=list)
    dm_channels: dict[str, int] = field(default_factory=dict)
    blocked_dm: set[int] = field(default_factory=set)
    rate_limits: dict[str, int] = field(default_factory=dict)
    edited: list[dict[str, Any]] = field(default_factory=list)
    # Message ids that someone deleted in the client: editing them gives 404.
    deleted_messages: set[str] = field(default_factory=set)
    # (channel, nonce) of messages sent with enforce_nonce, as Discord remembers them
    # for a few minutes.
    nonces: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    identified: int = 0
    port: int = 0

    def __post_init__(self) -> None:
        self._ids = itertools.count(990000000000000000)
        self._sequence = itertools.count(1)
        self._sockets: list[web.WebSocketResponse] = []
        self._runner: web.AppRunner | None = None
        self._changed = asyncio.Event()
        self.requests: list[tuple[str, str]] = []

    # --- server ------------------------------------------------------------------

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/gateway", self._gateway)
        app.router.add_get("/", self._gateway)
        app.router.add_route("*", "/api/v10/{path:.*}", self._rest)
        self._runner, self.port = await serve_on_loopback(app)

    async def stop(self) -> None:
        for socket in list(self._sockets):
            await socket.close()
        if self._runner:
            await self._runner.cleanup()

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/"

    @staticmethod
    def _json(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
        # Bytes, not text: aiohttp would add "; charset=utf-8", which discord.py does not accept.
        return web.Response(
            body=json.dumps(data).encode(),
            status=status,
            headers={"Content-Type": "application/json", **(headers or {})},
        )

    # --- gateway -----------------------------------------------------------------

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        self._sockets.append(socket)
        await socket.send_json({"op": 10, "d": {"heartbeat_interval": 41250}, "s": None, "t": None})
        try:
            async for frame in socket:
                if frame.type != WSMsgType.TEXT:
                    continue
                payload = json.loads(frame.data)
                if payload["op"] == 1:
                    await socket.send_json({"op": 11, "d": None, "s": None, "t": None})
                elif payload["op"] in (2, 6):  # IDENTIFY, or RESUME after a dropped connection
                    if payload["d"]["token"] != self.token:
                        await socket.close(code=4004, message=b"Authentication failed.")
                        break
                    self.identified += 1
                    if payload["op"] == 6:
                        await self._send(socket, "RESUMED", {})
                    else:
                        await self._ready(socket)
        finally:
            self._sockets.remove(socket)
        return socket

    async def _ready(self, socket: web.WebSocketResponse) -> None:
        await self._send(
            socket,
            "READY",
            {
                "v": 10,
                "user": BOT_USER,
                "guilds": [{"id": str(GUILD_ID), "unavailable": True}],
                "session_id": "fake-session",
                "resume_gateway_url": self.gateway_url,
                "shard": [0, 1],
                "application": {"id": str(APP_ID), "flags": 0},
                "private_channels": [],
                "relationships": [],
            },
        )
        channel = {
            "type": 0,
            "guild_id": str(GUILD_ID),
            "position": 0,
            "permission_overwrites": [],
            "nsfw": False,
            "parent_id": None,
        }
        await self._send(
            socket,
            "GUILD_CREATE",
            {
                "id": str(GUILD_ID),
                "name": "Kiez Jugendclub",
                "icon": None,
                "owner_id": "1",
                "roles": [
                    {
                        "id": str(EVERYONE_ROLE),
                        "name": "@everyone",
                        "permissions": "2248473465835073",
                        "position": 0,
                        "color": 0,
                        "hoist": False,
                        "managed": False,
                        "mentionable": False,
                        "flags": 0,
                    }
                ],
                "emojis": [],
                "stickers": [],
                "features": [],
                "member_count": 3,
                "members": [{**member(), "user": BOT_USER}],
                "channels": [
                    {**channel, "id": str(SUPPORT_CHANNEL), "name": "fragen"},
                    {**channel, "id": str(GENERAL_CHANNEL), "name": "allgemein", "position": 1},
                    {**channel, "id": str(STAFF_CHANNEL), "name": "team-intern", "position": 2},
                ],
                "threads": [],
                "presences": [],
                "voice_states": [],
                "large": False,
                "unavailable": False,
                "joined_at": NOW,
                "preferred_locale": "de",
                "premium_tier": 0,
                "afk_timeout": 300,
                "verification_level": 0,
                "default_message_notifications": 0,
                "explicit_content_filter": 0,
                "mfa_level": 0,
                "system_channel_flags": 0,
                "nsfw_level": 0,
                "premium_progress_bar_enabled": False,
            },
        )

    async def _send(self, socket: web.WebSocketResponse, event: str, data: dict[str, Any]) -> None:
        await socket.send_json({"op": 0, "t": event, "s": next(self._sequence), "d": data})

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        for socket in list(self._sockets):
            await self._send(socket, event, data)

    async def drop_connection(self) -> None:
        """Close the gateway socket as Discord does on a restart; the client must reconnect."""
        for socket in list(self._sockets):
            await socket.close(code=4000, message=b"Unknown error")

    # --- events --------------------------------------------------------------------

    async def message(
        self,
        content: str,
        author_id: int = 501,
        channel_id: int | None = None,
        guild: bool = False,
        mention_bot: bool = False,
        attachments: list[dict[str, Any]] | None = None,
    ) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": str(next(self._ids)),
            "channel_id": str(channel_id or (SUPPORT_CHANNEL if guild else 700000000000000000 + author_id)),
            "author": user(author_id),
            "content": content,
            "timestamp": NOW,
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [{**BOT_USER, "member": member()}] if mention_bot else [],
            "mention_roles": [],
            "attachments": attachments or [],
            "embeds": [],
            "pinned": False,
            "type": 0,
        }
        if guild:
            data["guild_id"] = str(GUILD_ID)
            data["member"] = member()
        await self.dispatch("MESSAGE_CREATE", data)
        return data

    async def open_thread(self, on_message_id: str, parent_id: int) -> None:
        """A staff member opens a thread on a card (the thread takes the message's id)."""
        await self.dispatch(
            "THREAD_CREATE",
            {
                "id": on_message_id,
                "guild_id": str(GUILD_ID),
                "parent_id": str(parent_id),
                "type": 11,
                "name": "Ticket",
                "owner_id": "4242",
                "member_count": 1,
                "message_count": 0,
                "rate_limit_per_user": 0,
                "flags": 0,
                "newly_created": True,
                "thread_metadata": {
                    "archived": False,
                    "auto_archive_duration": 1440,
                    "archive_timestamp": NOW,
                    "locked": False,
                },
            },
        )

    async def click(
        self, custom_id: str, user_id: int = 501, channel_id: int | None = None, guild: bool = False
    ) -> dict[str, Any]:
        return await self._interaction(3, {"custom_id": custom_id, "component_type": 2}, user_id, channel_id, guild)

    async def slash(
        self, name: str, user_id: int = 501, options: list[dict[str, Any]] | None = None, guild: bool = True
    ) -> dict[str, Any]:
        data = {"id": "880000000000000900", "name": name, "type": 1, "options": options or []}
        return await self._interaction(2, data, user_id, None, guild)

    async def _interaction(
        self, kind: int, data: dict[str, Any], user_id: int, channel_id: int | None, guild: bool
    ) -> dict[str, Any]:
        channel = channel_id or (SUPPORT_CHANNEL if guild else 700000000000000000 + user_id)
        payload: dict[str, Any] = {
            "id": str(next(self._ids)),
            "application_id": str(APP_ID),
            "type": kind,
            "data": data,
            "channel_id": str(channel),
            "channel": {"id": str(channel), "type": 0 if guild else 1},
            "token": f"interaction-token-{next(self._ids)}",
            "version": 1,
            "locale": "de",
            "app_permissions": "0",
            "entitlements": [],
            "authorizing_integration_owners": {},
            "context": 0 if guild else 1,
            "attachment_size_limit": 1024,
        }
        if guild:
            payload["guild_id"] = str(GUILD_ID)
            payload["guild_locale"] = "de"
            payload["member"] = {**member(), "user": user(user_id), "permissions": "0"}
        else:
            payload["user"] = user(user_id)
        if kind == 3:
            payload["message"] = self._message_object(str(channel), "earlier answer")
        await self.dispatch("INTERACTION_CREATE", payload)
        return payload

    # --- REST ----------------------------------------------------------------------

    def _message_object(self, channel_id: str, content: str, extra: dict[str, Any] | None = None) -> dict[str, Any]:
        return {
            "id": str(next(self._ids)),
            "channel_id": channel_id,
            "author": BOT_USER,
            "content": content,
            "timestamp": NOW,
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": [],
            "embeds": [],
            "pinned": False,
            "type": 0,
            **(extra or {}),
        }

    async def _rest(self, request: web.Request) -> web.Response:
        # Interaction callbacks and follow-ups are authorised by the interaction token instead.
        unauthenticated = "/interactions/" in request.path or "/webhooks/" in request.path
        if not unauthenticated and request.headers.get("Authorization") != f"Bot {self.token}":
            return self._json({"message": "401: Unauthorized", "code": 0}, 401)
        path = request.match_info["path"]
        self.requests.append((request.method, path))
        body: dict[str, Any] = {}
        if request.can_read_body:
            if request.content_type == "multipart/form-data":
                form = await request.post()
                body = json.loads(str(form.get("payload_json", "{}")))
            else:
                with contextlib.suppress(json.JSONDecodeError):
                    body = await request.json()
        route = f"{request.method} {path}"
        for pattern, remaining in list(self.rate_limits.items()):
            if remaining > 0 and route.startswith(pattern):
                self.rate_limits[pattern] = remaining - 1
                return self._json(
                    {"message": "You are being rate limited.", "retry_after": 0.3, "global": False},
                    429,
                    {
                        "X-RateLimit-Limit": "5",
                        "X-RateLimit-Remaining": "0",
                        "X-RateLimit-Reset-After": "0.3",
                        "X-RateLimit-Bucket": "fake",
                        "Retry-After": "1",
                        "X-RateLimit-Scope": "user",
                        # Without Via, discord.py takes a 429 for a Cloudflare ban and gives up.
                        "Via": "1.1 google",
                    },
                )
        if route == "GET users/@me":
            return self._json(BOT_USER)
        if route in ("GET oauth2/applications/@me", "GET applications/@me"):
            return self._json(
                {
                    "id": str(APP_ID),
                    "name": "Kiezbot",
                    "icon": None,
                    "description": "",
                    "rpc_origins": [],
                    "bot_public": True,
                    "bot_require_code_grant": False,
                    "verify_key": "0" * 64,
                    "flags": 0,
                    "team": None,
                    "owner": user(1),
                    "summary": "",
                }
            )
        if request.method == "GET" and path.startswith("users/"):
            return self._json(user(int(path.split("/")[1])))
        if route == "POST users/@me/channels":
            recipient = int(body["recipient_id"])
            channel_id = self.dm_channels.setdefault(str(recipient), 700000000000000000 + recipient)
            return self._json(
                {"id": str(channel_id), "type": 1, "recipients": [user(recipient)], "last_message_id": None}
            )
        if request.method == "POST" and path.startswith("channels/") and path.endswith("/messages"):
            channel_id = path.split("/")[1]
            if int(channel_id) - 700000000000000000 in self.blocked_dm:
                return self._json({"message": "Cannot send messages to this user", "code": 50007}, 403)
            # enforce_nonce: a repeat of a recent nonce returns the message already created.
            nonce = body.get("nonce") if body.get("enforce_nonce") else None
            if nonce is not None and (channel_id, nonce) in self.nonces:
                return self._json(self.nonces[(channel_id, nonce)])
            message = self._message_object(channel_id, body.get("content", ""))
            self.sent.append({"channel_id": channel_id, "id": message["id"], **body})
            if nonce is not None:
                self.nonces[(channel_id, nonce)] = message
            self._changed.set()
            return self._json(message)
        if request.method == "PATCH" and path.startswith("channels/") and "/messages/" in path:
            channel_id, message_id = path.split("/")[1], path.split("/")[3]
            if message_id in self.deleted_messages:
                return self._json({"message": "Unknown Message", "code": 10008}, 404)
            self.edited.append({"channel_id": channel_id, "id": message_id, **body})
            self._changed.set()
            return self._json({**self._message_object(channel_id, body.get("content", "")), "id": message_id})
        if request.method == "POST" and path.startswith("interactions/") and path.endswith("/callback"):
            self.callbacks.append({"interaction_id": path.split("/")[1], **body})
            self._changed.set()
            return web.Response(status=204)
        if request.method == "POST" and path.startswith("webhooks/"):
            self.callbacks.append({"followup": True, **body})
            self._changed.set()
            return self._json(self._message_object("0", body.get("content", "")))
        if request.method == "PUT" and path.startswith(f"applications/{APP_ID}/guilds/"):
            guild = path.split("/")[3]
            self.synced.append((guild, body if isinstance(body, list) else []))
            commands = [
                {
                    "id": str(next(self._ids)),
                    "application_id": str(APP_ID),
                    "guild_id": guild,
                    "version": "1",
                    "type": 1,
                    "default_member_permissions": None,
                    "dm_permission": True,
                    "nsfw": False,
                    **command,
                }
                for command in (body if isinstance(body, list) else [])
            ]
            return self._json(commands)
        return self._json({"message": "404: Not Found", "code": 0}, 404)

    async def wait_for(self, what: str, count: int, timeout: float = 10.0) -> list[dict[str, Any]]:
        items = self.sent if what == "sent" else self.callbacks
        deadline = time.monotonic() + timeout
        while len(items) < count:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"expected {count} {what}, got {len(items)}: {items}")
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), remaining)
        return items
