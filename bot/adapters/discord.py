"""The Discord channel, on discord.py 2.7, inside Kiezbot's own event loop.

* `await client.start(token)` in a task beside the other channels; reconnects and
  429s are discord.py's job.
* DMs: every message goes to the pipeline. Servers: every message in the support
  channels named in config, elsewhere only messages that mention the bot. The answer
  replies to the message (or opens a thread, if configured).
* Buttons are a `discord.ui.View` whose buttons carry the reply's payload as a stable
  custom id (`faq:<entry>`). Clicks are handled by custom id, not by view instance, so
  buttons on old messages still work after a restart; unknown ones get a polite
  ephemeral note.
* Slash commands /help, /privacy, /language are synced to the configured servers.
* Every send uses `AllowedMentions.none()`: no @everyone, role or user ping, whatever
  the FAQ or a member writes. Text is Markdown-escaped and split at 2,000 characters.
  Attachments are never downloaded.

`to_incoming` turns a message into an `IncomingMessage`; it is a pure function,
tested on recorded payloads.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from collections import OrderedDict
from typing import Any

import discord
from discord import app_commands

from bot.adapters.base import ChannelAdapter, GoneForGood, OnMessage
from bot.config import DiscordSettings
from bot.messages import Button, IncomingMessage, Outgoing, Reply, ReplyKind

log = logging.getLogger(__name__)

PLATFORM = "discord"
MAX_MESSAGE_LENGTH = 2000
# Discord accepts message nonces of up to 25 characters.
MAX_NONCE_LENGTH = 25
MAX_BUTTONS = 5
# Interactions waiting for their reply, keyed by the IncomingMessage's message_id.
MAX_PENDING_INTERACTIONS = 1000
READY_TIMEOUT_SECONDS = 60.0
NO_PINGS = discord.AllowedMentions.none()
_INTERACTION_PREFIX = "interaction:"


def _mention_pattern(bot_id: int) -> re.Pattern[str]:
    return re.compile(rf"<@!?{bot_id}>")


def to_incoming(
    message: discord.Message,
    bot_id: int,
    support_channels: frozenset[int],
    staff_channels: frozenset[int] = frozenset(),
) -> IncomingMessage | None:
    """The member's message as an `IncomingMessage`; None if it is not for the bot.

    A message in a thread of a staff channel counts as said in the staff channel, in
    reply to the card the thread was opened on (a thread started from a message has
    that message's id).
    """
    if message.author.bot or message.author.id == bot_id:
        return None
    text = message.content or ""
    private = message.guild is None
    parent = getattr(message.channel, "parent_id", None)
    if parent is not None and parent in staff_channels:
        return IncomingMessage(
            platform=PLATFORM,
            chat_id=str(parent),
            user_id=str(message.author.id),
            text=text,
            display_name=message.author.display_name,
            is_private=False,
            message_id=str(message.id),
            reply_to=str(message.channel.id),
        )
    if not private:
        mentioned = any(user.id == bot_id for user in message.mentions)
        if not mentioned and message.channel.id not in support_channels:
            return None
        text = _mention_pattern(bot_id).sub(" ", text).strip()
    return IncomingMessage(
        platform=PLATFORM,
        chat_id=str(message.channel.id),
        user_id=str(message.author.id),
        text=text,
        display_name=message.author.display_name,
        language_hint=None,
        is_private=private,
        message_id=str(message.id),
        has_attachment=bool(message.attachments or message.stickers),
        reply_to=str(message.reference.message_id) if message.reference and message.reference.message_id else None,
    )


def split_text(text: str, limit: int = MAX_MESSAGE_LENGTH) -> list[str]:
    """Cut text into pieces of at most `limit` characters at line or word breaks."""
    pieces: list[str] = []
    while len(text) > limit:
        cut = max(text.rfind("\n", 0, limit), text.rfind(" ", 0, limit))
        if cut <= limit // 2 or text[cut - 1] == "\\":
            cut = limit - 1 if text[limit - 1] == "\\" else limit
        pieces.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    if text or not pieces:
        pieces.append(text)
    return pieces


def view_for(buttons: tuple[Button, ...]) -> discord.ui.View | None:
    """Buttons as a view; custom ids are the payloads, so they survive restarts."""
    if not buttons:
        return None
    view = discord.ui.View(timeout=None)
    for button in buttons[:MAX_BUTTONS]:
        view.add_item(
            discord.ui.Button(
                label=button.label[:80], custom_id=button.payload[:100], style=discord.ButtonStyle.secondary
            )
        )
    return view


class DiscordAdapter(ChannelAdapter):
    platform = PLATFORM

    def __init__(self, token: str, settings: DiscordSettings, always_read: frozenset[int] = frozenset()) -> None:
        self._token = token
        self._settings = settings
        # Support channels, and the staff channel, where every message counts.
        self._support_channels = frozenset(settings.support_channels) | always_read
        self._staff_channels = always_read
        self._client: discord.Client | None = None
        self._task: asyncio.Task[None] | None = None
        self._on_message: OnMessage | None = None
        self._pending: OrderedDict[str, discord.Interaction] = OrderedDict()
        self._synced = False

    # --- lifecycle ---------------------------------------------------------------

    async def start(self, on_message: OnMessage) -> None:
        self._on_message = on_message
        intents = discord.Intents.none()
        intents.guilds = True
        intents.guild_messages = True
        intents.dm_messages = True
        intents.message_content = True
        client = discord.Client(intents=intents, allowed_mentions=NO_PINGS)
        tree = app_commands.CommandTree(client)
        self._register_commands(tree)
        ready = asyncio.Event()

        @client.event
        async def on_ready() -> None:
            if not self._synced:
                self._synced = True
                await self._sync_commands(tree)
            ready.set()

        @client.event
        async def on_interaction(interaction: discord.Interaction) -> None:
            if interaction.type is discord.InteractionType.component:
                await self._handle_click(interaction)

        @client.event
        async def on_error(event: str, *args: object, **kwargs: object) -> None:
            # discord.py would print the traceback with the event's arguments (message
            # texts); the type of failure is enough, and the client keeps running.
            log.error("discord: error in %s handler", event)

        # discord.py dispatches an event to the client attribute named on_<event>.
        setattr(client, "on_message", self._message_event)  # noqa: B010
        self._client = client
        self._task = asyncio.create_task(client.start(self._token), name="kiezbot-discord")
        ready_wait = asyncio.create_task(ready.wait())
        done, _ = await asyncio.wait(
            {self._task, ready_wait}, timeout=READY_TIMEOUT_SECONDS, return_when="FIRST_COMPLETED"
        )
        if ready_wait not in done:
            ready_wait.cancel()
            if self._task in done and self._task.exception() is not None:
                raise self._task.exception()  # type: ignore[misc]
            raise TimeoutError("discord: no READY from the gateway")
        assert client.user is not None
        log.info("discord: connected as %s", client.user.name)

    async def stop(self) -> None:
        if self._client is not None:
            await self._client.close()
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await asyncio.wait_for(self._task, 10)
        self._client = None
        self._task = None

    def _register_commands(self, tree: app_commands.CommandTree[discord.Client]) -> None:
        async def run(interaction: discord.Interaction, text: str) -> None:
            await self._dispatch_interaction(interaction, text=text, payload=None)

        @tree.command(name="help", description="Was ich kann / What I can do")
        async def help_command(interaction: discord.Interaction) -> None:
            await run(interaction, "/help")

        @tree.command(name="privacy", description="Was mit den Nachrichten passiert / Privacy")
        async def privacy_command(interaction: discord.Interaction) -> None:
            await run(interaction, "/privacy")

        @tree.command(name="human", description="An unser Team weitergeben / Pass it on to our team")
        async def human_command(interaction: discord.Interaction) -> None:
            await run(interaction, "/human")

        @tree.command(name="language", description="Sprache wählen / Choose a language")
        @app_commands.choices(
            language=[app_commands.Choice(name="Deutsch", value="de"), app_commands.Choice(name="English", value="en")]
        )
        async def language_command(interaction: discord.Interaction, language: str | None = None) -> None:
            await run(interaction, f"/language {language or ''}".strip())

    async def _sync_commands(self, tree: app_commands.CommandTree[discord.Client]) -> None:
        for guild_id in self._settings.guilds:
            guild = discord.Object(id=guild_id)
            tree.copy_global_to(guild=guild)
            try:
                await tree.sync(guild=guild)
            except discord.HTTPException as exc:
                log.warning("discord: could not sync slash commands to a server (%s)", exc.status)

    # --- incoming ----------------------------------------------------------------

    async def _message_event(self, message: discord.Message) -> None:
        # An exception here goes to on_error (logged); the client keeps running.
        await self._handle_message(message)

    async def _handle_message(self, message: discord.Message) -> None:
        client = self._client
        if client is None or client.user is None or self._on_message is None:
            return
        incoming = to_incoming(message, client.user.id, self._support_channels, self._staff_channels)
        if incoming is not None:
            await self._on_message(incoming)

    async def _handle_click(self, interaction: discord.Interaction) -> None:
        data: dict[str, object] = dict(interaction.data or {})
        custom_id = str(data.get("custom_id", ""))
        await self._dispatch_interaction(interaction, text="", payload=custom_id or "unknown:")

    async def _dispatch_interaction(self, interaction: discord.Interaction, text: str, payload: str | None) -> None:
        if self._on_message is None or interaction.channel_id is None:
            return
        key = f"{_INTERACTION_PREFIX}{interaction.id}"
        self._pending[key] = interaction
        while len(self._pending) > MAX_PENDING_INTERACTIONS:
            self._pending.popitem(last=False)
        locale = str(interaction.locale) if interaction.locale else None
        await self._on_message(
            IncomingMessage(
                platform=PLATFORM,
                chat_id=str(interaction.channel_id),
                user_id=str(interaction.user.id),
                text=text,
                display_name=interaction.user.display_name,
                language_hint=locale,
                is_private=interaction.guild_id is None,
                message_id=key,
                payload=payload,
            )
        )
        self._pending.pop(key, None)

    # --- outgoing ----------------------------------------------------------------

    async def send(self, message: IncomingMessage, reply: Reply) -> None:
        client = self._client
        if client is None:
            raise RuntimeError("discord adapter is not running")
        text = discord.utils.escape_markdown(reply.text)
        interaction = self._pending.pop(message.message_id or "", None)
        if interaction is not None:
            await self._respond(interaction, text, reply)
            return
        channel = client.get_partial_messageable(int(message.chat_id))
        if not message.is_private and reply.public_text and reply.kind is ReplyKind.REDIRECT:
            # In a public channel: repeat nothing; the details go to the member by DM.
            await self._send(channel, discord.utils.escape_markdown(reply.public_text), (), message)
            try:
                user = await client.fetch_user(int(message.user_id))
                dm = await user.create_dm()
                await self._send(dm, text, reply.buttons, None)
            except discord.Forbidden:
                log.info("discord: member does not accept DMs; public reply only")
            return
        if not message.is_private and self._settings.reply_in_thread and message.message_id:
            source = channel.get_partial_message(int(message.message_id))
            try:
                thread = await source.create_thread(name=reply.text[:90] or "Kiezbot")
                await self._send(thread, text, reply.buttons, None)
                return
            except discord.HTTPException as exc:
                log.info("discord: could not open a thread (%s); replying in the channel", exc.status)
        await self._send(channel, text, reply.buttons, message if not message.is_private else None)

    async def deliver(self, outgoing: Outgoing) -> str:
        client = self._client
        if client is None:
            raise RuntimeError("discord adapter is not running")
        if outgoing.chat_id.startswith("user:"):
            # A member who wrote in a server: relayed replies go to them by DM.
            user = await client.fetch_user(int(outgoing.chat_id.removeprefix("user:")))
            dm = await user.create_dm()
            return await self._send(
                dm, discord.utils.escape_markdown(outgoing.text), outgoing.buttons, None, outgoing.key
            )
        channel = client.get_partial_messageable(int(outgoing.thread_id or outgoing.chat_id))
        reply_to = None
        if outgoing.reply_to:
            reply_to = IncomingMessage(
                platform=PLATFORM, chat_id=outgoing.chat_id, user_id="", text="", message_id=outgoing.reply_to
            )
        return await self._send(
            channel, discord.utils.escape_markdown(outgoing.text), outgoing.buttons, reply_to, outgoing.key
        )

    async def edit(self, outgoing: Outgoing, message_id: str) -> None:
        client = self._client
        if client is None:
            raise RuntimeError("discord adapter is not running")
        channel = client.get_partial_messageable(int(outgoing.thread_id or outgoing.chat_id))
        try:
            await channel.get_partial_message(int(message_id)).edit(
                content=discord.utils.escape_markdown(outgoing.text), view=None
            )
        except (discord.NotFound, discord.Forbidden) as exc:
            raise GoneForGood(type(exc).__name__) from exc

    async def _send(
        self,
        channel: discord.abc.Messageable,
        text: str,
        buttons: tuple[Button, ...],
        reply_to: IncomingMessage | None,
        key: str | None = None,
    ) -> str:
        """Send `text` (split if long) and return the id of the last message sent.

        With a `key`, each piece carries a nonce that Discord enforces: a repeat within a
        few minutes returns the message already posted instead of posting it again.
        """
        sent_id = ""
        pieces = split_text(text)
        for number, piece in enumerate(pieces):
            last = number == len(pieces) - 1
            reference = None
            if reply_to is not None and reply_to.message_id and number == 0:
                reference = discord.MessageReference(
                    message_id=int(reply_to.message_id), channel_id=int(reply_to.chat_id), fail_if_not_exists=False
                )
            options: dict[str, Any] = {"reference": reference, "allowed_mentions": NO_PINGS}
            view = view_for(buttons) if last else None
            if view is not None:
                options["view"] = view
            if key:
                options["nonce"] = f"{key}.{number}"[-MAX_NONCE_LENGTH:]
            sent = await channel.send(piece, **options)
            sent_id = str(sent.id)
        return sent_id

    async def _respond(self, interaction: discord.Interaction, text: str, reply: Reply) -> None:
        # Commands, language menus and stale buttons concern only the member who asked;
        # in the staff channel, the whole team sees what a colleague did.
        ephemeral = reply.kind is ReplyKind.COMMAND and interaction.channel_id not in self._staff_channels
        pieces = split_text(text)
        view = view_for(reply.buttons)
        first, rest = pieces[0], pieces[1:]
        if view is not None and not rest:
            await interaction.response.send_message(first, view=view, ephemeral=ephemeral, allowed_mentions=NO_PINGS)
        else:
            await interaction.response.send_message(first, ephemeral=ephemeral, allowed_mentions=NO_PINGS)
        for number, piece in enumerate(rest):
            last_view = view if number == len(rest) - 1 else None
            if last_view is not None:
                await interaction.followup.send(piece, view=last_view, ephemeral=ephemeral, allowed_mentions=NO_PINGS)
            else:
                await interaction.followup.send(piece, ephemeral=ephemeral, allowed_mentions=NO_PINGS)
