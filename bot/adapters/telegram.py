"""The Telegram channel, on python-telegram-bot 22, inside Kiezbot's own event loop.

* Long polling by default (`updater.start_polling`); webhook mode serves updates from
  Kiezbot's aiohttp server on a secret path and refuses requests without Telegram's
  secret header.
* Private chats: every message goes to the pipeline. Groups and forum topics: only
  messages that mention the bot, reply to it or are commands; the answer goes to the
  same topic.
* Buttons are inline keyboards; a tap is answered (`answerCallbackQuery`) at once and
  its payload goes through the pipeline like a message.
* Everything is sent as HTML with all text escaped, split at 4,096 characters.
  Attachments are never downloaded.
* Sends are retried with backoff on network errors, 5xx and 429 (`retry_after`).

`to_incoming` turns an update into an `IncomingMessage`; it is a pure function,
tested on recorded update JSON.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import os
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from aiohttp import web
from telegram import (
    Bot,
    BotCommand,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    ReplyParameters,
    Update,
)
from telegram.constants import ChatType, MessageEntityType, ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter
from telegram.ext import Application, CallbackQueryHandler, ContextTypes, MessageHandler, filters
from telegram.request import HTTPXRequest
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, stop_after_attempt, wait_exponential

from bot.adapters.base import ChannelAdapter, GoneForGood, OnMessage
from bot.config import TelegramSettings
from bot.messages import Button, IncomingMessage, Outgoing, Reply, ReplyKind

# Opt in to python-telegram-bot's upcoming behaviour (time periods as timedelta),
# which also silences its deprecation warning for the old integer form.
os.environ.setdefault("PTB_TIMEDELTA", "1")

log = logging.getLogger(__name__)
T = TypeVar("T")

PLATFORM = "telegram"
MAX_MESSAGE_LENGTH = 4096
MAX_CALLBACK_DATA_BYTES = 64
# Longer waits than this from a 429 are not sat out inside one send.
MAX_RETRY_AFTER_SECONDS = 60.0
SEND_ATTEMPTS = 5

COMMANDS = {
    "de": [
        ("start", "Begrüßung und Hinweis zum Datenschutz"),
        ("help", "Was ich kann"),
        ("privacy", "Was mit den Nachrichten passiert"),
        ("language", "Sprache wählen"),
        ("human", "An unser Team weitergeben"),
    ],
    "en": [
        ("start", "Welcome and privacy note"),
        ("help", "What I can do"),
        ("privacy", "What happens to your messages"),
        ("language", "Choose a language"),
        ("human", "Pass it on to our team"),
    ],
}


@dataclass(frozen=True, slots=True)
class BotIdentity:
    id: int
    username: str


def _has_attachment(message: Message) -> bool:
    return bool(
        message.photo
        or message.voice
        or message.sticker
        or message.document
        or message.video
        or message.audio
        or message.animation
        or message.video_note
        or message.location
        or message.contact
    )


def _addressed_text(message: Message, text: str, me: BotIdentity) -> str | None:
    """In a group: the text meant for the bot, without the @mention; None if not meant for it."""
    mention = f"@{me.username}".lower()
    replied = message.reply_to_message
    if replied is not None and replied.from_user is not None and replied.from_user.id == me.id:
        return text
    if text.startswith("/"):
        command = text.split(maxsplit=1)[0]
        target = command.partition("@")[2].lower()
        return text if not target or target == me.username.lower() else None
    entities = message.entities or message.caption_entities or ()
    for entity in entities:
        if entity.type == MessageEntityType.MENTION:
            found = text[entity.offset : entity.offset + entity.length]
            if found.lower() == mention:
                return (text[: entity.offset] + text[entity.offset + entity.length :]).strip()
        if entity.type == MessageEntityType.TEXT_MENTION and entity.user is not None and entity.user.id == me.id:
            return (text[: entity.offset] + text[entity.offset + entity.length :]).strip()
    return None


def to_incoming(update: Update, me: BotIdentity, always_read: frozenset[str] = frozenset()) -> IncomingMessage | None:
    """The member's message (or button tap) as an `IncomingMessage`; None if not for the bot.

    In the chats of `always_read` (the staff group) every message counts, mentioned or not.
    """
    query = update.callback_query
    if query is not None:
        return _from_callback(query)
    message = update.message
    if message is None or message.from_user is None or message.from_user.is_bot:
        return None
    text = message.text or message.caption or ""
    private = message.chat.type == ChatType.PRIVATE
    if not private and str(message.chat.id) not in always_read:
        addressed = _addressed_text(message, text, me)
        if addressed is None:
            return None
        text = addressed
    user = message.from_user
    return IncomingMessage(
        platform=PLATFORM,
        chat_id=str(message.chat.id),
        user_id=str(user.id),
        text=text,
        display_name=user.full_name,
        language_hint=user.language_code,
        is_private=private,
        message_id=str(message.message_id),
        thread_id=str(message.message_thread_id) if message.is_topic_message and message.message_thread_id else None,
        has_attachment=_has_attachment(message),
        reply_to=str(message.reply_to_message.message_id) if message.reply_to_message else None,
    )


def _from_callback(query: CallbackQuery) -> IncomingMessage | None:
    origin = query.message
    if query.data is None or origin is None:
        return None
    chat = origin.chat
    thread = getattr(origin, "message_thread_id", None) if getattr(origin, "is_topic_message", False) else None
    return IncomingMessage(
        platform=PLATFORM,
        chat_id=str(chat.id),
        user_id=str(query.from_user.id),
        text="",
        display_name=query.from_user.full_name,
        language_hint=query.from_user.language_code,
        is_private=chat.type == ChatType.PRIVATE,
        message_id=None,
        thread_id=str(thread) if thread else None,
        payload=query.data,
    )


def split_text(text: str, limit: int = MAX_MESSAGE_LENGTH) -> list[str]:
    """Cut a long text into pieces of at most `limit` characters, at paragraph, line or word breaks."""
    pieces: list[str] = []
    while len(text) > limit:
        cut = max(text.rfind("\n\n", 0, limit), text.rfind("\n", 0, limit), text.rfind(" ", 0, limit))
        if cut <= limit // 2:
            cut = limit
        pieces.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    if text or not pieces:
        pieces.append(text)
    return pieces


def split_html(text: str, limit: int = MAX_MESSAGE_LENGTH) -> list[str]:
    """Escape plain text for HTML and split it so that no piece exceeds `limit` or cuts an entity."""
    pieces: list[str] = []
    for piece in split_text(text, limit):
        escaped = html.escape(piece, quote=False)
        # Escaping makes text longer; split again on the escaped form, never inside "&amp;".
        while len(escaped) > limit:
            cut = escaped.rfind(" ", 0, limit)
            amp = escaped.rfind("&", 0, limit)
            if amp > cut and ";" not in escaped[amp:limit]:
                cut = amp
            cut = cut if cut > 0 else limit
            pieces.append(escaped[:cut])
            escaped = escaped[cut:].lstrip()
        pieces.append(escaped)
    return pieces


def keyboard(buttons: tuple[Button, ...]) -> InlineKeyboardMarkup | None:
    rows = [
        [InlineKeyboardButton(button.label[:60], callback_data=button.payload)]
        for button in buttons
        if len(button.payload.encode()) <= MAX_CALLBACK_DATA_BYTES
    ]
    return InlineKeyboardMarkup(rows) if rows else None


def _retryable(error: BaseException) -> bool:
    # BadRequest and Forbidden are NetworkError subclasses in PTB, but retrying them
    # would only repeat the same answer.
    return isinstance(error, RetryAfter) or (
        isinstance(error, NetworkError) and not isinstance(error, BadRequest | Forbidden)
    )


class _WaitForTelegram:
    """Wait as long as a 429 says (capped); otherwise exponential backoff."""

    def __init__(self, base_seconds: float) -> None:
        self._backoff = wait_exponential(multiplier=base_seconds, max=30)

    def __call__(self, state: RetryCallState) -> float:
        error = state.outcome.exception() if state.outcome else None
        if isinstance(error, RetryAfter):
            wait = error.retry_after
            seconds = wait.total_seconds() if isinstance(wait, dt.timedelta) else float(wait)
            return min(seconds, MAX_RETRY_AFTER_SECONDS)
        return float(self._backoff(state))


class TelegramAdapter(ChannelAdapter):
    platform = PLATFORM

    def __init__(
        self,
        token: str,
        settings: TelegramSettings,
        webhook_secret: str | None = None,
        backoff_seconds: float = 0.5,
        poll_timeout: float = 10.0,
        always_read: frozenset[str] = frozenset(),
    ) -> None:
        self._token = token
        self._always_read = always_read
        self._settings = settings
        self._webhook_secret = webhook_secret
        self._backoff_seconds = backoff_seconds
        self._poll_timeout = poll_timeout
        self._application: Application | None = None  # type: ignore[type-arg]
        self._me: BotIdentity | None = None
        self._on_message: OnMessage | None = None
        self._webhook_runner: web.AppRunner | None = None
        # Telegram posts webhooks to <webhook_url>/<this path>; unguessable on purpose.
        self.webhook_path = f"/telegram/{secrets.token_urlsafe(24)}"

    # --- lifecycle ---------------------------------------------------------------

    async def start(self, on_message: OnMessage) -> None:
        self._on_message = on_message
        builder = (
            Application.builder()
            .token(self._token)
            .base_url(self._settings.api_base_url)
            .request(HTTPXRequest(connection_pool_size=16, connect_timeout=10, read_timeout=20, write_timeout=20))
            .get_updates_request(HTTPXRequest(connect_timeout=10, read_timeout=self._poll_timeout + 10))
            .concurrent_updates(16)
        )
        if self._settings.mode == "webhook":
            builder = builder.updater(None)
        application = builder.build()
        application.add_handler(CallbackQueryHandler(self._handle_callback))
        application.add_handler(MessageHandler(filters.ALL, self._handle_message))
        application.add_error_handler(self._handle_error)
        self._application = application
        await self._with_retries(application.initialize)
        me = application.bot
        self._me = BotIdentity(me.id, me.username or "")
        await self._register_commands(application.bot)
        await application.start()
        if self._settings.mode == "webhook":
            await self._start_webhook(application)
        else:
            assert application.updater is not None
            await application.updater.start_polling(
                timeout=int(self._poll_timeout),
                allowed_updates=[Update.MESSAGE, Update.CALLBACK_QUERY],
                error_callback=self._polling_error,
            )
        log.info("telegram: connected as @%s (%s)", self._me.username, self._settings.mode)

    async def stop(self) -> None:
        application = self._application
        if application is None:
            return
        if self._webhook_runner is not None:
            await self._webhook_runner.cleanup()
        if application.updater is not None and application.updater.running:
            await application.updater.stop()
        if application.running:
            await application.stop()
        await application.shutdown()
        self._application = None

    async def _register_commands(self, bot: Bot) -> None:
        for language, commands in COMMANDS.items():
            listed = [BotCommand(name, description) for name, description in commands]
            await self._with_retries(bot.set_my_commands, listed, language_code=language)
        await self._with_retries(bot.set_my_commands, [BotCommand(n, d) for n, d in COMMANDS["en"]])

    def _polling_error(self, error: Exception) -> None:
        # The updater retries polling by itself; this only keeps a calm, token-free log.
        log.warning("telegram: polling failed (%s), retrying", type(error).__name__)

    async def _handle_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        log.error("telegram: error while handling an update: %s", type(context.error).__name__)

    # --- webhook -----------------------------------------------------------------

    async def _start_webhook(self, application: Application) -> None:  # type: ignore[type-arg]
        server = web.Application(client_max_size=1_000_000)
        server.router.add_post(self.webhook_path, self._webhook)
        runner = web.AppRunner(server, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, self._settings.listen_host, self._settings.listen_port)
        await site.start()
        self._webhook_runner = runner
        url = self._settings.webhook_url.rstrip("/") + self.webhook_path
        await self._with_retries(
            application.bot.set_webhook,
            url,
            secret_token=self._webhook_secret,
            allowed_updates=[Update.MESSAGE, Update.CALLBACK_QUERY],
        )

    async def _webhook(self, request: web.Request) -> web.Response:
        application = self._application
        given = request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
        if not self._webhook_secret or not secrets.compare_digest(given, self._webhook_secret):
            log.warning("telegram: refused a webhook request without the right secret header")
            return web.Response(status=403)
        if application is None:
            return web.Response(status=503)
        try:
            data = await request.json()
            update = Update.de_json(data, application.bot)
        except Exception:
            log.warning("telegram: dropped a malformed webhook request")
            return web.Response(status=400)
        await application.update_queue.put(update)
        return web.Response()

    # --- incoming ----------------------------------------------------------------

    async def _handle_message(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if self._me is None or self._on_message is None:
            return
        incoming = to_incoming(update, self._me, self._always_read)
        if incoming is not None:
            await self._on_message(incoming)

    async def _handle_callback(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        if query is None or self._me is None or self._on_message is None:
            return
        # Answer first, so the member's button stops spinning whatever happens next.
        try:
            await self._with_retries(query.answer)
        except Exception as exc:
            log.warning("telegram: could not answer a button tap: %s", type(exc).__name__)
        incoming = to_incoming(update, self._me)
        if incoming is not None:
            await self._on_message(incoming)

    # --- outgoing ----------------------------------------------------------------

    async def send(self, message: IncomingMessage, reply: Reply) -> None:
        if self._application is None:
            raise RuntimeError("telegram adapter is not running")
        bot = self._application.bot
        if not message.is_private and reply.public_text and reply.kind is ReplyKind.REDIRECT:
            # In a group: repeat nothing in public; the details go to the member privately.
            await self._send_text(bot, message, reply.public_text, (), reply_to=message.message_id)
            private = IncomingMessage(
                platform=PLATFORM, chat_id=message.user_id, user_id=message.user_id, text="", is_private=True
            )
            try:
                await self._send_text(bot, private, reply.text, reply.buttons)
            except Forbidden:
                log.info("telegram: member has not started a private chat; public reply only")
            return
        reply_to = None if message.is_private else message.message_id
        await self._send_text(bot, message, reply.text, reply.buttons, reply_to=reply_to)

    async def deliver(self, outgoing: Outgoing) -> str:
        if self._application is None:
            raise RuntimeError("telegram adapter is not running")
        target = IncomingMessage(
            platform=PLATFORM, chat_id=outgoing.chat_id, user_id="", text="", thread_id=outgoing.thread_id
        )
        return await self._send_text(self._application.bot, target, outgoing.text, outgoing.buttons, outgoing.reply_to)

    async def edit(self, outgoing: Outgoing, message_id: str) -> None:
        if self._application is None:
            raise RuntimeError("telegram adapter is not running")
        try:
            # Without reply_markup the inline keyboard is removed as well.
            await self._with_retries(
                self._application.bot.edit_message_text,
                html.escape(outgoing.text, quote=False),
                chat_id=int(outgoing.chat_id),
                message_id=int(message_id),
                parse_mode=ParseMode.HTML,
            )
        except BadRequest as exc:
            if "not modified" in str(exc).lower():
                return  # already reads so
            raise GoneForGood(type(exc).__name__) from exc
        except Forbidden as exc:
            raise GoneForGood(type(exc).__name__) from exc

    async def _send_text(
        self,
        bot: Bot,
        target: IncomingMessage,
        text: str,
        buttons: tuple[Button, ...],
        reply_to: str | None = None,
    ) -> str:
        """Send `text` (split if long) and return the id of the last message sent."""
        pieces = split_html(text)
        sent_id = ""
        for number, piece in enumerate(pieces):
            last = number == len(pieces) - 1
            sent = await self._with_retries(
                bot.send_message,
                int(target.chat_id),
                piece,
                parse_mode=ParseMode.HTML,
                reply_markup=keyboard(buttons) if last else None,
                message_thread_id=int(target.thread_id) if target.thread_id else None,
                reply_parameters=(
                    ReplyParameters(int(reply_to), allow_sending_without_reply=True)
                    if reply_to and number == 0
                    else None
                ),
            )
            sent_id = str(sent.message_id)
        return sent_id

    async def _with_retries(self, call: Callable[..., Awaitable[T]], *args: Any, **kwargs: Any) -> T:
        """Run one Bot API call, retrying network errors, 5xx and 429 with backoff."""
        async for attempt in AsyncRetrying(
            retry=retry_if_exception(_retryable),
            wait=_WaitForTelegram(self._backoff_seconds),
            stop=stop_after_attempt(SEND_ATTEMPTS),
            reraise=True,
            before_sleep=lambda state: log.warning(
                "telegram: %s failed (%s), retrying",
                getattr(call, "__name__", "request"),
                type(state.outcome.exception()).__name__ if state.outcome else "?",
            ),
        ):
            with attempt:
                return await call(*args, **kwargs)
        raise AssertionError("unreachable: tenacity re-raises the last error")
