"""What Kiezbot keeps, in one SQLite file (sqlite-utils), and nothing more.

Kept: redirected requests (case code, time, platform, member reference, topic, the
text as `privacy.store_text` allows), unanswered questions (masked), daily counters
per entry/platform/action, and each member's chosen language. There is no message log.

`Storage` is the plain, synchronous store (used by the CLI). `AsyncStorage` runs it on
one dedicated writer thread so the event loop never waits on disk, and awaits each
redirect before the member sees its case code: a confirmed record is committed (WAL)
and survives a crash of the process. Counters are batched and flushed every few
seconds; at worst a crash loses those last seconds of counts, never a request.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import secrets
import sqlite3
import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from sqlite_utils import Database

from bot.messages import IncomingMessage, Reply, ReplyKind

T = TypeVar("T")
# Crockford's base32 without I, L, O, U: nothing to misread when a member reads it out.
_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 4
COUNTED_KINDS = (ReplyKind.ANSWER, ReplyKind.SUGGEST, ReplyKind.FALLBACK, ReplyKind.REDIRECT, ReplyKind.CRISIS)


def _migration_1(db: Database) -> None:
    db.table("redirects").create(
        {
            "case_code": str,
            "created_at": str,
            "platform": str,
            "user_ref": str,
            "chat_id": str,
            "topic": str,
            "urgent": int,
            "language": str,
            "text": str,
        },
        pk="case_code",
        not_null={"created_at", "platform", "user_ref", "topic"},
    )
    db.table("redirects").create_index(["created_at"])
    db.table("unanswered").create(
        {"id": int, "created_at": str, "platform": str, "user_ref": str, "language": str, "text": str},
        pk="id",
        not_null={"created_at", "platform"},
    )
    db.table("daily_counts").create(
        {"day": str, "entry_id": str, "platform": str, "action": str, "count": int},
        pk=("day", "entry_id", "platform", "action"),
    )
    db.table("member_prefs").create({"user_ref": str, "language": str, "updated_at": str}, pk="user_ref")


def _migration_2(db: Database) -> None:
    """Staff inbox: tickets, notes added by members, and the persistent outbox."""
    db.table("tickets").create(
        {
            "code": str,
            "kind": str,
            "status": str,
            "urgent": int,
            "created_at": str,
            "platform": str,
            "user_ref": str,
            "chat_id": str,
            "language": str,
            "topic": str,
            "claimed_by": str,
            "claimed_at": str,
            "closed_by": str,
            "closed_at": str,
            "close_note": str,
            "announced_at": str,
        },
        pk="code",
        not_null={"kind", "status", "created_at", "platform", "user_ref", "chat_id"},
    )
    db.table("tickets").create_index(["status", "created_at"])
    db.table("tickets").create_index(["user_ref"])
    db.table("ticket_notes").create(
        {"id": int, "code": str, "created_at": str, "text": str}, pk="id", not_null={"code", "created_at"}
    )
    db.table("outbox").create(
        {
            "id": int,
            "created_at": str,
            "platform": str,
            "chat_id": str,
            "thread_id": str,
            "reply_to": str,
            "text": str,
            "buttons": str,
            "code": str,
            "user_ref": str,
            "attempts": int,
            "next_attempt_at": str,
            "delivered_at": str,
            "delivered_id": str,
        },
        pk="id",
        not_null={"created_at", "platform", "chat_id", "text", "attempts", "next_attempt_at"},
    )
    db.table("outbox").create_index(["delivered_at", "id"])
    # Which posted card belongs to which ticket, so a staff reply to a card finds it.
    db.table("cards").create(
        {"platform": str, "chat_id": str, "message_id": str, "code": str}, pk=("platform", "chat_id", "message_id")
    )


def _migration_3(db: Database) -> None:
    """Outbox items can overwrite an earlier bot message (blanking a card on /forgetme)."""
    db.table("outbox").add_column("edit_of", str)


# Each migration runs once, in order; PRAGMA user_version records how far a file is.
MIGRATIONS: tuple[Callable[[Database], None], ...] = (_migration_1, _migration_2, _migration_3)


@dataclass(frozen=True, slots=True)
class Stats:
    top_entries: list[tuple[str, int]]
    unanswered: list[tuple[str, int]]
    redirects_by_topic: list[tuple[str, int]]
    totals: dict[str, int]


def insert(db: Database, table: str, row: dict[str, Any], replace: bool = False) -> None:
    """A plain parameterised INSERT. sqlite-utils' `insert` inspects the table on every
    call, which costs more than the write itself on the per-message path."""
    columns = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    verb = "INSERT OR REPLACE" if replace else "INSERT"
    db.execute(f"{verb} INTO {table} ({columns}) VALUES ({marks})", list(row.values()))


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class Storage:
    """Synchronous access to the SQLite file; use from one thread at a time."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        # AsyncStorage's writer thread uses the connection, but it is created on the
        # caller's thread; one thread at a time, so check_same_thread can be off.
        self._connection = sqlite3.connect(path, check_same_thread=False)
        self.db = Database(self._connection)
        self.db.execute("PRAGMA journal_mode=WAL")
        # In WAL mode, NORMAL keeps every committed transaction through a process crash.
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA busy_timeout=5000")
        self._migrate()

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        for number, migration in enumerate(MIGRATIONS[version:], start=version + 1):
            with self._connection:
                migration(self.db)
                self._connection.execute(f"PRAGMA user_version = {number}")

    def close(self) -> None:
        self._connection.close()

    # --- writes -------------------------------------------------------------------

    def record(
        self, message: IncomingMessage, reply: Reply, escalation: Callable[[Database], object] | None = None
    ) -> None:
        """Keep what staff need from one handled message, committed before returning.

        `escalation` runs inside the same transaction (the staff inbox opens its ticket
        and queues its cards there), so a request is stored with its card or not at all.
        """
        with self._connection:
            if reply.kind in (ReplyKind.REDIRECT, ReplyKind.CRISIS) and reply.case_code:
                insert(
                    self.db,
                    "redirects",
                    {
                        "case_code": reply.case_code,
                        "created_at": _now(),
                        "platform": message.platform,
                        "user_ref": message.user_ref,
                        "chat_id": message.chat_id,
                        "topic": reply.topic or "",
                        "urgent": int(reply.kind is ReplyKind.CRISIS),
                        "language": reply.language,
                        "text": reply.stored_text,
                    },
                )
            elif reply.kind is ReplyKind.FALLBACK:
                insert(
                    self.db,
                    "unanswered",
                    {
                        "created_at": _now(),
                        "platform": message.platform,
                        "user_ref": message.user_ref,
                        "language": reply.language,
                        "text": reply.stored_text,
                    },
                )
            if reply.set_language:
                self.set_language(message.user_ref, reply.set_language)
            if escalation is not None:
                escalation(self.db)

    def add_counts(self, counts: Counter[tuple[str, str, str, str]]) -> None:
        """Add to the daily counters; keys are (day, entry id or '', platform, action)."""
        if not counts:
            return
        with self._connection:
            self._connection.executemany(
                "INSERT INTO daily_counts (day, entry_id, platform, action, count) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (day, entry_id, platform, action) DO UPDATE SET count = count + excluded.count",
                [(*key, count) for key, count in counts.items()],
            )

    def set_language(self, user_ref: str, language: str) -> None:
        insert(
            self.db, "member_prefs", {"user_ref": user_ref, "language": language, "updated_at": _now()}, replace=True
        )

    # --- reads --------------------------------------------------------------------

    def languages(self) -> dict[str, str]:
        return {row["user_ref"]: row["language"] for row in self.db.table("member_prefs").rows}

    def case_codes(self) -> set[str]:
        return {row[0] for row in self.db.execute("SELECT case_code FROM redirects")}

    def redirect(self, case_code: str) -> dict[str, Any] | None:
        rows = list(self.db.table("redirects").rows_where("case_code = ?", [case_code]))
        return rows[0] if rows else None

    def stats(self, days: int = 30, limit: int = 10) -> Stats:
        since = (dt.datetime.now(dt.UTC) - dt.timedelta(days=days)).isoformat(timespec="seconds")
        since_day = since[:10]
        top = self.db.execute(
            "SELECT entry_id, SUM(count) AS n FROM daily_counts WHERE action = 'answer' AND day >= ? "
            "GROUP BY entry_id ORDER BY n DESC, entry_id LIMIT ?",
            [since_day, limit],
        ).fetchall()
        unanswered = self.db.execute(
            "SELECT COALESCE(text, '(text not stored)') AS question, COUNT(*) AS n FROM unanswered "
            "WHERE created_at >= ? GROUP BY lower(question) ORDER BY n DESC, question LIMIT ?",
            [since, limit],
        ).fetchall()
        topics = self.db.execute(
            "SELECT topic, COUNT(*) AS n FROM redirects WHERE created_at >= ? GROUP BY topic ORDER BY n DESC, topic",
            [since],
        ).fetchall()
        totals = self.db.execute(
            "SELECT action, SUM(count) FROM daily_counts WHERE day >= ? GROUP BY action", [since_day]
        ).fetchall()
        return Stats(
            top_entries=[(row[0], row[1]) for row in top],
            unanswered=[(row[0], row[1]) for row in unanswered],
            redirects_by_topic=[(row[0], row[1]) for row in topics],
            totals={row[0]: row[1] for row in totals},
        )


class CaseCodes:
    """Issues short, unique case codes like ``KB-7F3K``; safe to call from the event loop."""

    def __init__(self, used: set[str] | None = None) -> None:
        self._used = set(used or ())
        self._lock = threading.Lock()

    def __call__(self) -> str:
        with self._lock:
            while True:
                code = "KB-" + "".join(secrets.choice(_CODE_ALPHABET) for _ in range(CODE_LENGTH))
                if code not in self._used:
                    self._used.add(code)
                    return code


class AsyncStorage:
    """Runs a `Storage` on one writer thread; the event loop only awaits results."""

    def __init__(self, storage: Storage, flush_seconds: float = 2.0) -> None:
        self._storage = storage
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kiezbot-storage")
        self._counts: Counter[tuple[str, str, str, str]] = Counter()
        self._flush_seconds = flush_seconds
        self._flusher: asyncio.Task[None] | None = None
        self.case_codes = CaseCodes(storage.case_codes())
        self._languages = storage.languages()

    @classmethod
    def open(cls, path: Path) -> AsyncStorage:
        return cls(Storage(path))

    async def _run(self, function: Callable[..., T], *args: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._executor, function, *args)

    def start(self) -> None:
        self._flusher = asyncio.create_task(self._flush_regularly(), name="kiezbot-storage-flush")

    def chosen_language(self, user_ref: str) -> str | None:
        return self._languages.get(user_ref)

    def forget_language(self, user_ref: str) -> None:
        self._languages.pop(user_ref, None)

    @property
    def db(self) -> Database:
        """For functions passed to `run`, which execute on the writer thread."""
        return self._storage.db

    async def run(self, function: Callable[..., T], *args: Any) -> T:
        """Run a storage function on the writer thread."""
        return await self._run(function, *args)

    async def record(
        self,
        message: IncomingMessage,
        reply: Reply,
        today: dt.date,
        escalation: Callable[[Database], object] | None = None,
    ) -> None:
        if reply.kind in COUNTED_KINDS:
            entries = [reply.faq_id, *reply.also_answered] if reply.faq_id else list(reply.suggestions) or [""]
            for entry_id in entries:
                self._counts[(today.isoformat(), entry_id, message.platform, reply.kind.value)] += 1
        if reply.set_language:
            self._languages[message.user_ref] = reply.set_language
        if (
            reply.kind in (ReplyKind.REDIRECT, ReplyKind.CRISIS, ReplyKind.FALLBACK)
            or reply.set_language
            or escalation is not None
        ):
            await self._run(self._storage.record, message, reply, escalation)

    async def flush(self) -> None:
        counts, self._counts = self._counts, Counter()
        await self._run(self._storage.add_counts, counts)

    async def _flush_regularly(self) -> None:
        while True:
            await asyncio.sleep(self._flush_seconds)
            await self.flush()

    async def close(self) -> None:
        if self._flusher:
            self._flusher.cancel()
            await asyncio.gather(self._flusher, return_exceptions=True)
        await self.flush()
        await self._run(self._storage.close)
        self._executor.shutdown(wait=True)
