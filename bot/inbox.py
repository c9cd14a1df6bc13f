"""The staff inbox: tickets, staff cards through a persistent outbox, and staff commands.

Every request that needs a person becomes a ticket (its number is the case code the
member got, e.g. ``KB-7F3K``): redirected privacy requests, crisis messages (urgent),
"talk to a person", and unanswered questions the member chose to pass on. Staff see a
card in their Telegram group or Discord channel and act from there:

* buttons *Claim* and *Close* on the card; `/tickets` lists the open ones, oldest first;
* a reply to a card, or `/reply KB-7F3K text`, reaches the member on the member's own
  platform, signed with the organisation's name. Nothing else said in the staff
  channel ever leaves it.

Nothing is lost: cards and relayed replies go through an outbox table in SQLite that
is written in the same transaction as the ticket, and delivered in order with retries
and backoff until the platform takes them — across restarts.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import json
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from bot.adapters.base import ChannelAdapter, GoneForGood
from bot.config import Config
from bot.messages import Button, IncomingMessage, Outgoing, Reply, ReplyKind
from bot.storage import AsyncStorage, insert
from bot.texts import Texts, staff_text, topic_label

log = logging.getLogger(__name__)

CLAIM = "claim:"
CLOSE = "close:"
# Backoff for undeliverable outbox items: 2 s, 4 s, … up to 10 minutes.
FIRST_RETRY_SECONDS = 2.0
MAX_RETRY_SECONDS = 600.0
# How much of a member's message a staff card quotes; the rest is in the ticket.
CARD_QUOTE_CHARS = 1000
_CODE = re.compile(r"\bKB-[0-9A-Z]{4}\b", re.IGNORECASE)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _stamp(moment: dt.datetime | None = None) -> str:
    return (moment or _now()).isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class Ticket:
    code: str
    kind: str
    status: str
    urgent: bool
    created_at: str
    platform: str
    user_ref: str
    chat_id: str
    language: str
    topic: str
    claimed_by: str | None
    text: str | None

    @classmethod
    def from_row(cls, row: dict[str, Any], text: str | None = None) -> Ticket:
        return cls(
            row["code"],
            row["kind"],
            row["status"],
            bool(row["urgent"]),
            row["created_at"],
            row["platform"],
            row["user_ref"],
            row["chat_id"],
            row["language"] or "de",
            row["topic"] or "",
            row["claimed_by"],
            text,
        )


CardBuilder = Callable[[Ticket], list[Outgoing]]


# --- storage (runs on the storage writer thread) ---------------------------------------


def member_chat(message: IncomingMessage) -> str:
    """Where a relayed reply reaches the member privately."""
    if message.is_private:
        return message.chat_id
    # A group message: write to the member directly (Telegram: the user id is the
    # private chat; Discord: the adapter opens a DM for "user:<id>").
    return message.user_id if message.platform == "telegram" else f"user:{message.user_id}"


def open_ticket(
    db: Database, message: IncomingMessage, reply: Reply, kind: str, cards: CardBuilder, now: dt.datetime | None = None
) -> Ticket:
    """Create the ticket and queue its cards; the caller holds the transaction."""
    assert reply.case_code is not None
    text = reply.stored_text
    if kind == "unanswered":
        # The member tapped "pass it on": the question is the last one we could not answer.
        rows = db.execute(
            "SELECT text FROM unanswered WHERE user_ref = ? ORDER BY id DESC LIMIT 1", [message.user_ref]
        ).fetchall()
        text = rows[0][0] if rows else None
    row = {
        "code": reply.case_code,
        "kind": kind,
        "status": "open",
        "urgent": int(reply.kind is ReplyKind.CRISIS),
        "created_at": _stamp(now),
        "platform": message.platform,
        "user_ref": message.user_ref,
        "chat_id": member_chat(message),
        "language": reply.language,
        "topic": reply.topic or kind,
        "announced_at": _stamp(now),
    }
    insert(db, "tickets", row)
    if text:
        insert(db, "ticket_notes", {"code": reply.case_code, "created_at": _stamp(), "text": text})
    ticket = Ticket.from_row({**row, "claimed_by": None}, text)
    for outgoing in cards(ticket):
        enqueue(db, outgoing, ticket.code, None)
    return ticket


def enqueue(
    db: Database, outgoing: Outgoing, code: str | None, user_ref: str | None, edit_of: str | None = None
) -> None:
    """Queue a message for delivery; with `edit_of`, an edit of that earlier bot message."""
    insert(
        db,
        "outbox",
        {
            "created_at": _stamp(),
            "platform": outgoing.platform,
            "chat_id": outgoing.chat_id,
            "thread_id": outgoing.thread_id,
            "reply_to": outgoing.reply_to,
            "text": outgoing.text,
            "buttons": json.dumps([[b.label, b.payload] for b in outgoing.buttons]),
            "code": code,
            "user_ref": user_ref,
            "attempts": 0,
            "next_attempt_at": _stamp(),
            "edit_of": edit_of,
        },
    )


def pending_outbox(db: Database, limit: int = 100) -> list[dict[str, Any]]:
    return list(db.query("SELECT * FROM outbox WHERE delivered_at IS NULL ORDER BY id LIMIT ?", [limit]))


def mark_delivered(db: Database, item: dict[str, Any], message_id: str) -> None:
    with db.conn:
        db.execute(
            "UPDATE outbox SET delivered_at = ?, delivered_id = ?, attempts = attempts + 1 WHERE id = ?",
            [_stamp(), message_id, item["id"]],
        )
        if item["code"] and item["user_ref"] is None and message_id:
            db.table("cards").upsert(
                {
                    "platform": item["platform"],
                    "chat_id": item["chat_id"],
                    "message_id": message_id,
                    "code": item["code"],
                },
                pk=("platform", "chat_id", "message_id"),
            )


def mark_failed(db: Database, item: dict[str, Any]) -> None:
    attempts = int(item["attempts"]) + 1
    wait = min(FIRST_RETRY_SECONDS * 2 ** (attempts - 1), MAX_RETRY_SECONDS)
    with db.conn:
        db.execute(
            "UPDATE outbox SET attempts = ?, next_attempt_at = ? WHERE id = ?",
            [attempts, _stamp(_now() + dt.timedelta(seconds=wait)), item["id"]],
        )


def ticket(db: Database, code: str) -> Ticket | None:
    rows = list(db.table("tickets").rows_where("code = ?", [code.upper()]))
    return _with_notes(db, rows[0]) if rows else None


def _with_notes(db: Database, row: dict[str, Any]) -> Ticket:
    """A ticket row with the member's messages (its notes) as the text."""
    notes = [r[0] for r in db.execute("SELECT text FROM ticket_notes WHERE code = ? ORDER BY id", [row["code"]])]
    return Ticket.from_row(row, "\n".join(n for n in notes if n) or None)


def reannounce(
    db: Database,
    cards: CardBuilder,
    business_hours_since: Callable[[dt.datetime], float],
    threshold: float,
    now: dt.datetime | None = None,
) -> list[str]:
    """Queue reminder cards of open, unclaimed tickets once enough business hours passed."""
    rows = list(db.query("SELECT * FROM tickets WHERE status = 'open' ORDER BY created_at, code"))
    again = []
    with db.conn:
        for row in rows:
            if business_hours_since(dt.datetime.fromisoformat(row["announced_at"])) < threshold:
                continue
            found = _with_notes(db, row)
            for reminder in cards(found):
                enqueue(db, reminder, found.code, None)
            db.execute("UPDATE tickets SET announced_at = ? WHERE code = ?", [_stamp(now), row["code"]])
            again.append(found.code)
    return again


def ticket_for_card(db: Database, platform: str, chat_id: str, message_id: str) -> str | None:
    rows = db.execute(
        "SELECT code FROM cards WHERE platform = ? AND chat_id = ? AND message_id = ?", [platform, chat_id, message_id]
    ).fetchall()
    return str(rows[0][0]) if rows else None


def open_tickets(db: Database) -> list[Ticket]:
    rows = db.query("SELECT * FROM tickets WHERE status != 'closed' ORDER BY created_at, code")
    return [Ticket.from_row(row) for row in rows]


def set_status(db: Database, code: str, status: str, who: str, note: str | None = None) -> bool:
    field = "claimed" if status == "claimed" else "closed"
    with db.conn:
        cursor = db.execute(
            f"UPDATE tickets SET status = ?, {field}_by = ?, {field}_at = ?"
            + (", close_note = ?" if status == "closed" else "")
            + " WHERE code = ? AND status != 'closed'",
            [status, who, _stamp(), *([note] if status == "closed" else []), code.upper()],
        )
    return bool(cursor.rowcount)


def open_ticket_of(db: Database, user_ref: str) -> str | None:
    rows = db.execute(
        "SELECT code FROM tickets WHERE user_ref = ? AND status != 'closed' ORDER BY created_at DESC LIMIT 1",
        [user_ref],
    ).fetchall()
    return str(rows[0][0]) if rows else None


def note_for_open_ticket(db: Database, user_ref: str, text: str | None) -> str | None:
    """Add the member's new message to their open ticket, if they have one; return its code.

    Runs inside the caller's transaction (Storage.record).
    """
    code = open_ticket_of(db, user_ref)
    if code is not None:
        insert(db, "ticket_notes", {"code": code, "created_at": _stamp(), "text": text})
    return code


def note_for_crisis_case(db: Database, code: str, text: str | None, cards: CardBuilder) -> bool:
    """A message in the hour after a crisis reply joins that case; its cards go out again.

    A crisis case must not wait until someone looks, so the card comes again with all
    the member wrote. If staff closed it meanwhile, it is open again: what a member in
    crisis writes next must reach someone. False if there is no such ticket. Runs inside
    the caller's transaction (Storage.record).
    """
    code = code.upper()  # as tickets are stored, so the note finds its ticket
    if not db.execute("SELECT 1 FROM tickets WHERE code = ?", [code]).fetchone():
        return False
    db.execute("UPDATE tickets SET status = 'open' WHERE code = ? AND status = 'closed'", [code])
    insert(db, "ticket_notes", {"code": code, "created_at": _stamp(), "text": text})
    # Read once, after the note: the card shows everything the member wrote.
    reopened = ticket(db, code)
    assert reopened is not None  # it was there a moment ago, in this transaction
    for card in cards(reopened):
        enqueue(db, card, code, None)
    return True


def recent_crisis_cases(db: Database, since: dt.datetime) -> list[tuple[str, str, str, str]]:
    """(member, case code, topic, created at) of every crisis case opened since `since`, oldest first."""
    rows = db.execute(
        "SELECT user_ref, code, topic, created_at FROM tickets WHERE kind = 'crisis' AND created_at >= ?"
        " ORDER BY created_at",
        [_stamp(since)],
    ).fetchall()
    return [(str(user), str(code), str(topic), str(created)) for user, code, topic, created in rows]


def member_data(db: Database, user_ref: str) -> dict[str, Any]:
    """Everything stored with a reference to this member."""
    return {
        "requests": [
            dict(r)
            for r in db.query("SELECT case_code, created_at, topic FROM redirects WHERE user_ref = ?", [user_ref])
        ],
        "tickets": [
            dict(r)
            for r in db.query("SELECT code, created_at, status, topic FROM tickets WHERE user_ref = ?", [user_ref])
        ],
        "unanswered": [
            dict(r) for r in db.query("SELECT created_at, text FROM unanswered WHERE user_ref = ?", [user_ref])
        ],
        "language": next(
            (r[0] for r in db.execute("SELECT language FROM member_prefs WHERE user_ref = ?", [user_ref])), None
        ),
    }


def retracted_card_text(code: str, staff_language: str) -> str:
    # What a staff card says once the member's data is gone: the case code only, so
    # staff can still tell which conversation it was.
    return staff_text("card_deleted", staff_language, code=code)


def _delete_tickets(db: Database, codes: list[str], staff_language: str) -> int:
    """Delete tickets with their notes, card references and queued or sent cards.

    Cards already posted in a staff chat still show the member's (masked) words, so
    each gets an edit queued that blanks it; the edit goes through the outbox like
    any card, in order and retried.
    """
    deleted = 0
    for code in codes:
        posted = db.execute(
            "SELECT platform, chat_id, thread_id, delivered_id FROM outbox WHERE code = ? AND user_ref IS NULL "
            "AND delivered_id IS NOT NULL AND delivered_id != '' AND edit_of IS NULL",
            [code],
        ).fetchall()
        for platform, chat_id, thread_id, message_id in posted:
            blank = Outgoing(platform, chat_id, retracted_card_text(code, staff_language), thread_id=thread_id)
            enqueue(db, blank, code=None, user_ref=None, edit_of=message_id)
        deleted += db.execute("DELETE FROM ticket_notes WHERE code = ?", [code]).rowcount
        deleted += db.execute("DELETE FROM cards WHERE code = ?", [code]).rowcount
        deleted += db.execute("DELETE FROM outbox WHERE code = ?", [code]).rowcount
        deleted += db.execute("DELETE FROM tickets WHERE code = ?", [code]).rowcount
    return deleted


def forget(db: Database, user_ref: str, staff_language: str) -> int:
    """Delete every record that refers to the member; counters never did. Returns rows deleted."""
    with db.conn:
        codes = [r[0] for r in db.execute("SELECT code FROM tickets WHERE user_ref = ?", [user_ref])]
        deleted = _delete_tickets(db, codes, staff_language)
        for table in ("redirects", "unanswered", "member_prefs"):
            deleted += db.execute(f"DELETE FROM {table} WHERE user_ref = ?", [user_ref]).rowcount
        # Replies relayed to the member, sent or not: their text is about the member.
        deleted += db.execute("DELETE FROM outbox WHERE user_ref = ?", [user_ref]).rowcount
    return deleted


def purge(db: Database, retention_days: int, staff_language: str, now: dt.datetime | None = None) -> int:
    """Delete closed tickets, redirected requests and delivered outbox items past retention."""
    cutoff = _stamp((now or _now()) - dt.timedelta(days=retention_days))
    with db.conn:
        old = [r[0] for r in db.execute("SELECT code FROM tickets WHERE status = 'closed' AND closed_at < ?", [cutoff])]
        deleted = _delete_tickets(db, old, staff_language)
        deleted += db.execute(
            "DELETE FROM redirects WHERE created_at < ? AND case_code NOT IN "
            "(SELECT code FROM tickets WHERE status != 'closed')",
            [cutoff],
        ).rowcount
        deleted += db.execute("DELETE FROM unanswered WHERE created_at < ?", [cutoff]).rowcount
        deleted += db.execute(
            "DELETE FROM outbox WHERE delivered_at IS NOT NULL AND delivered_at < ?", [cutoff]
        ).rowcount
    return deleted


# --- members' data rights ------------------------------------------------------------------

FORGET_PAYLOAD = "forget:yes"


async def member_rights(
    storage: AsyncStorage, texts: Texts, message: IncomingMessage, reply_language: Callable[[], str]
) -> Reply | None:
    """/mydata shows what is kept about the member; /forgetme deletes it after a confirmation."""
    command = message.command[0] if message.command else ""
    if command not in ("mydata", "forgetme") and message.payload != FORGET_PAYLOAD:
        return None
    language = reply_language()
    if command == "mydata":
        data = await storage.run(member_data, storage.db, message.user_ref)
        items = [
            texts.get(
                "mydata_request",
                language,
                code=r["case_code"],
                topic=texts.topic(r["topic"] or "", language),
                date=r["created_at"][:10],
            )
            for r in data["requests"]
        ]
        items += [
            texts.get("mydata_ticket", language, code=t["code"], status=texts.get(f"status_{t['status']}", language))
            for t in data["tickets"]
            if t["code"] not in {r["case_code"] for r in data["requests"]}
        ]
        items += [
            texts.get("mydata_question", language, date=u["created_at"][:10], text=u["text"] or "–")
            for u in data["unanswered"]
        ]
        if data["language"]:
            items.append(texts.get("mydata_language", language, chosen=data["language"]))
        if not items:
            return Reply(texts.get("mydata_empty", language), language, ReplyKind.COMMAND)
        return Reply(texts.get("mydata", language, items="\n".join(items)), language, ReplyKind.COMMAND)
    if command == "forgetme":
        button = Button(texts.get("forget_yes", language), FORGET_PAYLOAD)
        return Reply(texts.get("forget_ask", language), language, ReplyKind.COMMAND, buttons=(button,))
    if message.payload == FORGET_PAYLOAD:
        deleted = await storage.run(forget, storage.db, message.user_ref, texts.staff_language)
        storage.forget_language(message.user_ref)
        log.info("a member's data was deleted on request (%d records)", deleted)
        return Reply(texts.get("forget_done", language), language, ReplyKind.COMMAND)
    return None


# --- the desk: staff-facing texts and commands -------------------------------------------


class StaffDesk:
    """Staff cards and staff commands. Knows the staff targets, not the platforms' details."""

    def __init__(self, config: Config, storage: AsyncStorage) -> None:
        self._config = config
        self._storage = storage
        self._member_texts = Texts(config)  # for replies relayed to members
        staff = config.staff
        self.targets: list[Outgoing] = []
        if staff.telegram_chat_id is not None:
            self.targets.append(
                Outgoing(
                    "telegram",
                    str(staff.telegram_chat_id),
                    "",
                    thread_id=str(staff.telegram_thread_id) if staff.telegram_thread_id else None,
                )
            )
        if staff.discord_channel_id is not None:
            self.targets.append(Outgoing("discord", str(staff.discord_channel_id), ""))
        self._staff_chats = {(t.platform, t.chat_id) for t in self.targets}
        self._staff_users = set(staff.staff_users)
        self._language = staff.language

    def is_staff_chat(self, message: IncomingMessage) -> bool:
        return (message.platform, message.chat_id) in self._staff_chats

    def is_staff(self, message: IncomingMessage) -> bool:
        return self.is_staff_chat(message) or message.user_ref in self._staff_users

    # cards

    def cards(self, ticket: Ticket) -> list[Outgoing]:
        return self._cards(ticket, self.card_text(ticket))

    def reminder_cards(self, ticket: Ticket) -> list[Outgoing]:
        """The ticket's cards again, marked as still open (re-announcing)."""
        return self._cards(ticket, self._text("reminder") + self.card_text(ticket))

    def _cards(self, ticket: Ticket, text: str) -> list[Outgoing]:
        buttons = (
            Button(self._text("claim_button"), f"{CLAIM}{ticket.code}"),
            Button(self._text("close_button"), f"{CLOSE}{ticket.code}"),
        )
        return [Outgoing(t.platform, t.chat_id, text, buttons, thread_id=t.thread_id) for t in self.targets]

    def card_text(self, ticket: Ticket) -> str:
        when = dt.datetime.fromisoformat(ticket.created_at).astimezone().strftime("%d.%m. %H:%M")
        head = self._text("urgent") if ticket.urgent else ""
        lines = [
            f"{head}{self._kind(ticket.kind)} {ticket.code}",
            self._text("card_meta", topic=self._topic(ticket.topic), platform=ticket.platform, when=when),
        ]
        if ticket.text:
            # A card must fit one message on every platform (Discord: 2,000 characters),
            # so it can be blanked later by editing that one message.
            quote = ticket.text if len(ticket.text) <= CARD_QUOTE_CHARS else ticket.text[:CARD_QUOTE_CHARS] + " …"
            lines.append(f"„{quote}“")
        elif self._config.privacy.store_text == "none":
            lines.append(self._text("card_text_not_stored"))
        lines.append(self._text("card_howto", code=ticket.code))
        return "\n".join(lines)

    # staff commands

    async def handle(self, message: IncomingMessage) -> Reply | None:
        """A message in the staff channel (or from a staff member): act on it, or stay silent."""
        text = message.text.strip()
        payload = message.payload or ""
        command, _, rest = text.partition(" ")
        command = command.split("@")[0].lower()
        is_command = command in ("/tickets", "/reply", "/claim", "/close") or payload.startswith((CLAIM, CLOSE))
        if not self.is_staff(message):
            return self._say(self._text("not_allowed")) if is_command else None
        who = message.display_name or message.user_ref
        if payload.startswith(CLAIM) or command == "/claim":
            code = payload.removeprefix(CLAIM) or rest.strip()
            return await self._set(code, "claimed", who)
        if payload.startswith(CLOSE) or command == "/close":
            code, _, note = (payload.removeprefix(CLOSE) or rest).strip().partition(" ")
            return await self._set(code, "closed", who, note or None)
        if command == "/tickets":
            return await self._list()
        if command == "/reply":
            code, _, answer = rest.strip().partition(" ")
            return await self._relay(code, answer, who)
        if message.reply_to and self.is_staff_chat(message) and text and not text.startswith("/"):
            card: str | None = await self._storage.run(
                ticket_for_card, self._storage.db, message.platform, message.chat_id, message.reply_to
            )
            if card is not None:
                return await self._relay(card, text, who)
        return None  # internal chatter stays internal

    def _say(self, text: str) -> Reply:
        return Reply(text, self._language, ReplyKind.COMMAND)

    def _text(self, key: str, **values: str) -> str:
        return staff_text(key, self._language, **values)

    def _kind(self, kind: str) -> str:
        return self._text(f"kind_{kind}") if kind in ("redirect", "crisis", "human", "unanswered") else kind

    def _topic(self, topic: str) -> str:
        return topic_label(topic, self._language)

    async def _set(self, code: str, status: str, who: str, note: str | None = None) -> Reply:
        done = await self._storage.run(set_status, self._storage.db, code, status, who, note)
        if not done:
            return self._say(self._text("no_such_ticket", code=code.upper()))
        return self._say(self._text(status, code=code.upper(), who=who))

    async def _list(self) -> Reply:
        tickets = await self._storage.run(open_tickets, self._storage.db)
        if not tickets:
            return self._say(self._text("no_open_tickets"))
        lines = [
            f"{'🆘 ' if t.urgent else ''}{t.code} · {self._kind(t.kind)} · {self._topic(t.topic)} · "
            f"{t.created_at[:16].replace('T', ' ')} · "
            f"{self._text('claimed_by', who=t.claimed_by) if t.claimed_by else self._text('open')}"
            for t in tickets
        ]
        return self._say("\n".join([self._text("open_tickets"), *lines]))

    async def _relay(self, code: str, answer: str, who: str) -> Reply:
        found = await self._storage.run(ticket, self._storage.db, code) if _CODE.fullmatch(code or "") else None
        if found is None or not answer.strip():
            return self._say(self._text("reply_usage"))
        if found.status == "closed":
            return self._say(self._text("already_closed", code=found.code))
        name = self._config.bot.name
        signature = f"{who}, {name}" if self._config.staff.sign_with_name else name
        header = self._member_texts.get("relay_header", found.language, code=found.code)
        text = f"{header}\n{answer.strip()}\n– {signature}"
        outgoing = Outgoing(found.platform, found.chat_id, text)
        await self._storage.run(_enqueue_relay, self._storage.db, outgoing, found.code, found.user_ref)
        return self._say(self._text("reply_sent", code=found.code))


def _enqueue_relay(db: Database, outgoing: Outgoing, code: str, user_ref: str) -> None:
    with db.conn:
        enqueue(db, outgoing, code, user_ref)


# --- delivery ----------------------------------------------------------------------------


def delivery_key(item: dict[str, Any]) -> str:
    """A key for one outbox row, the same on every retry and unlike any other row's.

    The row id alone would repeat if the database were ever recreated; with a digest of
    when and what was queued, a new card can never be taken for a recent old one.
    """
    what = f"{item['id']}|{item['created_at']}|{item['chat_id']}|{item['text']}"
    return f"kb{item['id']}-{hashlib.blake2s(what.encode(), digest_size=4).hexdigest()}"


class OutboxWorker:
    """Delivers queued cards and replies in order, retrying with backoff; survives restarts."""

    def __init__(self, storage: AsyncStorage, adapters: Sequence[ChannelAdapter], poll_seconds: float = 1.0) -> None:
        self._storage = storage
        self._adapters = {adapter.platform: adapter for adapter in adapters}
        self._poll_seconds = poll_seconds
        self.wake = asyncio.Event()

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                await self.deliver_due()
            except Exception as exc:  # the worker must outlive any single bad round
                log.error("outbox: delivery round failed: %s", type(exc).__name__)
            self.wake.clear()
            waiters = [asyncio.ensure_future(stop.wait()), asyncio.ensure_future(self.wake.wait())]
            await asyncio.wait(waiters, timeout=self._poll_seconds, return_when=asyncio.FIRST_COMPLETED)
            for waiter in waiters:
                waiter.cancel()

    async def deliver_due(self) -> int:
        """One round: deliver what is due; a target that fails waits, so order is kept."""
        items = await self._storage.run(pending_outbox, self._storage.db)
        blocked: set[tuple[str, str]] = set()
        delivered = 0
        now = _stamp()
        for item in items:
            target = (item["platform"], item["chat_id"])
            adapter = self._adapters.get(item["platform"])
            if target in blocked or adapter is None or item["next_attempt_at"] > now:
                blocked.add(target)
                continue
            buttons = tuple(Button(label, payload) for label, payload in json.loads(item["buttons"] or "[]"))
            outgoing = Outgoing(
                item["platform"],
                item["chat_id"],
                item["text"],
                buttons,
                item["thread_id"],
                item["reply_to"],
                key=delivery_key(item),
            )
            try:
                if item["edit_of"]:
                    await adapter.edit(outgoing, item["edit_of"])
                    message_id = item["edit_of"]
                else:
                    message_id = await adapter.deliver(outgoing)
            except GoneForGood as exc:
                # Only edits raise this: the card was deleted in the chat, or the bot
                # was removed. Nothing is left to blank, and the queue must move on.
                log.warning("outbox: %s message gone, edit dropped (%s)", item["platform"], exc)
                message_id = ""
            except Exception as exc:
                log.warning("outbox: %s unreachable (%s); will retry", item["platform"], type(exc).__name__)
                await self._storage.run(mark_failed, self._storage.db, item)
                blocked.add(target)
                continue
            await self._storage.run(mark_delivered, self._storage.db, item, message_id)
            delivered += 1
        return delivered
