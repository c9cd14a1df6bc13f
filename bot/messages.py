"""The two value types that cross every boundary: `IncomingMessage` in, `Reply` out.

Every channel adapter turns its platform payload into one `IncomingMessage`; every
handler answers with a `Reply` (or `None`). Both are frozen so that no step of the
pipeline can change what an earlier step saw.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

# "/help", "/help@KiezBot" (Telegram groups), "/language en"
_COMMAND = re.compile(r"^/(?P<name>[A-Za-z_]+)(?:@\w+)?(?:\s+(?P<argument>.*))?$", re.DOTALL)


class ReplyKind(StrEnum):
    """What a reply is, so adapters, storage and statistics can treat it right."""

    ANSWER = "answer"
    SUGGEST = "suggest"
    REDIRECT = "redirect"
    CRISIS = "crisis"
    # A message after a crisis reply that the FAQ cannot answer: the crisis lines again,
    # and the message joins the member's open case for staff.
    CRISIS_FOLLOW_UP = "crisis-follow-up"
    FALLBACK = "fallback"
    SMALLTALK = "smalltalk"
    COMMAND = "command"
    # A handler failed and the member got an apology; nothing else happened.
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class IncomingMessage:
    """One message from a member, the same shape on every platform.

    `payload` is set instead of (or beside) `text` when the member tapped a button;
    it carries the button's payload, e.g. ``faq:kita-places``.
    """

    platform: str
    chat_id: str
    user_id: str
    text: str
    display_name: str = ""
    language_hint: str | None = None
    is_private: bool = True
    message_id: str | None = None
    thread_id: str | None = None
    payload: str | None = None
    # The member sent a photo, voice message, sticker or file. Kiezbot never downloads
    # attachments; the pipeline asks for text instead.
    has_attachment: bool = False
    # The platform id of the message this one replies to (used by staff replying to a card).
    reply_to: str | None = None

    @property
    def command(self) -> tuple[str, str] | None:
        """(name, argument) of a slash command, both lower-case: ("language", "en")."""
        found = _COMMAND.match(self.text.strip())
        if self.payload or found is None:
            return None
        return found.group("name").lower(), (found.group("argument") or "").strip().lower()

    @property
    def user_ref(self) -> str:
        """A stable reference to the member across the platforms we serve."""
        return f"{self.platform}:{self.user_id}"


@dataclass(frozen=True, slots=True)
class Button:
    """A button under a reply: the label the member sees and what a tap sends back."""

    label: str
    payload: str


@dataclass(frozen=True, slots=True)
class Reply:
    """The bot's answer plus what happened, for storage and `ask --json`.

    Handlers only describe effects (`set_language`, the case to record); the app
    carries them out, so handlers stay free of I/O.
    """

    text: str
    language: str
    kind: ReplyKind
    buttons: tuple[Button, ...] = ()
    faq_id: str | None = None
    # Further entries answered in the same reply, when a message asked several things.
    also_answered: tuple[str, ...] = ()
    suggestions: tuple[str, ...] = ()
    # The entry answered just before, when this reply is about a follow-up to it that
    # the answer does not cover: the member is still on that topic.
    follows_up: str | None = None
    topic: str | None = None
    score: float | None = None
    case_code: str | None = None
    # What storage may keep of the member's text (redirects, unanswered questions):
    # identifiers masked by default, per `privacy.store_text`.
    stored_text: str | None = None
    set_language: str | None = None
    # A short version for public group chats: says nothing about the request.
    public_text: str | None = None
    # Open a ticket for staff of this kind ("human", "unanswered"); redirects and
    # crisis replies always open one.
    escalate: str | None = None
    # The text is in each of the bot's languages: the member wrote in another one
    # ("ölmek istiyorum"), and what the bot says next to them should be too.
    in_all_languages: bool = False


@dataclass(frozen=True, slots=True)
class Outgoing:
    """A message the bot starts itself (staff cards, relayed replies), not an answer."""

    platform: str
    chat_id: str
    text: str
    buttons: tuple[Button, ...] = ()
    thread_id: str | None = None
    reply_to: str | None = None
    # The same on every attempt to deliver this message (the outbox row). A platform
    # that can drops a repeat with it: if the bot dies after sending but before noting
    # the delivery, the retry must not post the card twice (Discord's message nonce).
    key: str | None = None
