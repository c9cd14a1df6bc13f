"""The staff inbox, end to end: real clients, fake platforms, SQLite outbox, restarts."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.adapters.base import ChannelAdapter, GoneForGood
from bot.adapters.discord import DiscordAdapter
from bot.adapters.telegram import TelegramAdapter
from bot.app import App
from bot.config import Config, parse_config
from bot.inbox import OutboxWorker, enqueue, mark_delivered, pending_outbox, purge, retracted_card_text
from bot.messages import Outgoing
from bot.reload import Snapshot
from bot.storage import AsyncStorage, Storage
from tests.conftest import TODAY
from tests.discord_api import STAFF_CHANNEL, FakeDiscord
from tests.discord_api import TOKEN as DISCORD_TOKEN
from tests.fakes import FakeAdapter, build_app, start_kiezbot_run, wait_until
from tests.telegram_api import FakeTelegram

TOKEN = "123456:INBOX-token-AbCdEfGhIjKlMnOpQrStUvWxYz"
STAFF_GROUP = -1005550000
STAFF_MEMBER = 4242
MEMBER = 111


@dataclass
class Bot:
    api: FakeTelegram
    app: App
    config: Config
    stop: asyncio.Event
    task: asyncio.Task[None]

    async def shutdown(self) -> None:
        self.stop.set()
        await asyncio.wait_for(self.task, 15)


def make_config(tmp_path: Path, base_url: str, **staff: object) -> Config:
    return parse_config(
        {
            "storage": {"path": str(tmp_path / "k.sqlite3")},
            "bot": {"watch_faq": False},
            "telegram": {"enabled": True, "api_base_url": base_url},
            "staff": {"telegram_chat_id": STAFF_GROUP, **staff},
        }
    )


async def start(
    config: Config, snapshot: Snapshot, adapters: list[ChannelAdapter]
) -> tuple[App, asyncio.Event, asyncio.Task[None]]:
    app = build_app(config, snapshot, adapters, TODAY)
    assert app.outbox is not None
    app.outbox._poll_seconds = 0.1
    stop = asyncio.Event()
    task = asyncio.create_task(app.run(stop))
    return app, stop, task


async def start_bot(tmp_path: Path, snapshot: Snapshot, api: FakeTelegram, **staff: object) -> Bot:
    config = make_config(tmp_path, api.base_url, **staff)
    adapter = TelegramAdapter(
        TOKEN, config.telegram, backoff_seconds=0.01, poll_timeout=1, always_read=frozenset({str(STAFF_GROUP)})
    )
    calls_before = len(api.called("getUpdates"))
    app, stop, task = await start(config, snapshot, [adapter])
    await wait_until(lambda: len(api.called("getUpdates")) > calls_before, timeout=6, interval=0.02)
    return Bot(api, app, config, stop, task)


@pytest.fixture
async def api() -> AsyncIterator[FakeTelegram]:
    fake = FakeTelegram(TOKEN)
    await fake.start()
    yield fake
    await fake.stop()


@pytest.fixture
async def bot(tmp_path: Path, shipped_snapshot: Snapshot, api: FakeTelegram) -> AsyncIterator[Bot]:
    running = await start_bot(tmp_path, shipped_snapshot, api)
    yield running
    await running.shutdown()


def to(chat: int, sent: list[dict]) -> list[dict]:  # type: ignore[type-arg]
    return [m for m in sent if m["chat_id"] == chat]


def assert_each_card_once_in_order(api: FakeTelegram, count: int) -> None:
    """After a restart: the cards of messages "(Nummer 0)" … "(Nummer count-1)", none lost or doubled."""
    cards = to(STAFF_GROUP, api.sent)
    assert len(cards) == count
    assert [int(c["text"].split("(Nummer ")[1][0]) for c in cards] == list(range(count))


def cards(api: FakeTelegram) -> list[dict]:  # type: ignore[type-arg]
    """Staff cards only (they carry the Claim button), not the desk's short answers."""
    return [m for m in to(STAFF_GROUP, api.sent) if "claim:" in str(m.get("reply_markup", ""))]


async def test_redirect_becomes_a_card_with_masked_text(bot: Bot) -> None:
    bot.api.push_text("Ich habe Schulden, ruf mich an: 0176 12345678")
    await wait_until(lambda: len(to(STAFF_GROUP, bot.api.sent)) == 1)
    member_reply = to(MEMBER, bot.api.sent)[0]["text"]
    code = member_reply[member_reply.index("KB-") : member_reply.index("KB-") + 7]
    card = to(STAFF_GROUP, bot.api.sent)[0]
    assert code in card["text"] and "Thema: Geld" in card["text"] and "telegram" in card["text"]
    assert "[phone]" in card["text"] and "0176" not in card["text"]
    assert [b[0]["callback_data"] for b in card["reply_markup"]["inline_keyboard"]] == [
        f"claim:{code}",
        f"close:{code}",
    ]


async def test_crisis_card_is_urgent(bot: Bot) -> None:
    bot.api.push_text("ich will nicht mehr leben")
    await wait_until(lambda: len(to(STAFF_GROUP, bot.api.sent)) == 1)
    assert "DRINGEND" in to(STAFF_GROUP, bot.api.sent)[0]["text"]


async def test_talk_to_a_person_and_pass_on_an_unanswered_question(bot: Bot) -> None:
    bot.api.push_text("Ich möchte mit einem Menschen sprechen")
    await wait_until(lambda: len(to(STAFF_GROUP, bot.api.sent)) == 1)
    assert "Team weiter" in to(MEMBER, bot.api.sent)[0]["text"]
    assert "Möchte mit einem Menschen sprechen" in to(STAFF_GROUP, bot.api.sent)[0]["text"]
    bot.api.push_text("Wer hat 1954 die Fußball-WM gewonnen?", user_id=112)
    await wait_until(lambda: len(to(112, bot.api.sent)) == 1)
    fallback = to(112, bot.api.sent)[0]
    assert fallback["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "handover"
    bot.api.push_callback("handover", user_id=112)
    await wait_until(lambda: len(to(STAFF_GROUP, bot.api.sent)) == 2)
    card = to(STAFF_GROUP, bot.api.sent)[1]["text"]
    assert "Unbeantwortete Frage" in card and "Fußball-WM" in card


async def test_the_human_command_opens_a_ticket(bot: Bot) -> None:
    bot.api.push_text("/human")
    await wait_until(lambda: len(to(STAFF_GROUP, bot.api.sent)) == 1)
    assert "Team weiter" in to(MEMBER, bot.api.sent)[0]["text"]
    assert "KB-" in to(STAFF_GROUP, bot.api.sent)[0]["text"]


async def test_claim_close_list_and_reply(bot: Bot) -> None:
    bot.api.push_text("Ich möchte mit einem Menschen sprechen")
    await wait_until(lambda: len(to(STAFF_GROUP, bot.api.sent)) == 1)
    card = to(STAFF_GROUP, bot.api.sent)[0]
    code = card["reply_markup"]["inline_keyboard"][0][0]["callback_data"].removeprefix("claim:")
    bot.api.push_text("/tickets", user_id=STAFF_MEMBER, chat_id=STAFF_GROUP, chat_type="supergroup")
    await wait_until(lambda: len(to(STAFF_GROUP, bot.api.sent)) == 2)
    assert code in to(STAFF_GROUP, bot.api.sent)[1]["text"] and "offen" in to(STAFF_GROUP, bot.api.sent)[1]["text"]
    bot.api.push_callback(f"claim:{code}", user_id=STAFF_MEMBER, chat_id=STAFF_GROUP)
    await wait_until(lambda: len(to(STAFF_GROUP, bot.api.sent)) == 3)
    assert "übernommen" in to(STAFF_GROUP, bot.api.sent)[2]["text"]
    # internal chatter is not relayed
    bot.api.push_text("Kann das jemand übernehmen?", user_id=STAFF_MEMBER, chat_id=STAFF_GROUP, chat_type="supergroup")
    # an explicit reply is
    bot.api.push_text(
        f"/reply {code} Hallo! Ruf uns gern morgen an.",
        user_id=STAFF_MEMBER,
        chat_id=STAFF_GROUP,
        chat_type="supergroup",
    )
    await wait_until(lambda: len(to(MEMBER, bot.api.sent)) == 2)
    relayed = to(MEMBER, bot.api.sent)[1]["text"]
    assert "Hallo! Ruf uns gern morgen an." in relayed and "Nachbarschaftshaus Kiezstraße" in relayed
    assert "Kann das jemand" not in " ".join(m["text"] for m in to(MEMBER, bot.api.sent))
    bot.api.push_callback(f"close:{code}", user_id=STAFF_MEMBER, chat_id=STAFF_GROUP)
    await wait_until(lambda: any("geschlossen" in m["text"] for m in to(STAFF_GROUP, bot.api.sent)))
    storage = Storage(bot.config.storage.path)
    row = storage.db.execute("SELECT status, claimed_by, closed_by FROM tickets WHERE code = ?", [code]).fetchone()
    storage.close()
    assert row[0] == "closed" and row[1] == row[2] == "User4242"


async def test_staff_can_work_in_english(tmp_path: Path, shipped_snapshot: Snapshot, api: FakeTelegram) -> None:
    # A German member, an English-speaking team: cards and desk answers in English,
    # the relayed reply's header still in the member's language.
    bot = await start_bot(tmp_path, shipped_snapshot, api, language="en")
    try:
        bot.api.push_text("Ich habe Schulden und brauche Hilfe")
        await wait_until(lambda: len(to(STAFF_GROUP, bot.api.sent)) == 1)
        card = to(STAFF_GROUP, bot.api.sent)[0]
        assert "Personal matter" in card["text"] and "Topic: money" in card["text"]
        assert "To answer: reply to this message or /reply" in card["text"]
        buttons = [row[0]["text"] for row in card["reply_markup"]["inline_keyboard"]]
        assert buttons == ["Claim", "Close"]
        code = card["reply_markup"]["inline_keyboard"][0][0]["callback_data"].removeprefix("claim:")
        bot.api.push_callback(f"claim:{code}", user_id=STAFF_MEMBER, chat_id=STAFF_GROUP)
        await wait_until(lambda: len(to(STAFF_GROUP, bot.api.sent)) == 2)
        assert to(STAFF_GROUP, bot.api.sent)[1]["text"] == f"Ticket {code} claimed by User4242."
        bot.api.push_text(f"/reply {code} Ruf uns morgen an.", user_id=STAFF_MEMBER, chat_id=STAFF_GROUP)
        await wait_until(lambda: len(to(MEMBER, bot.api.sent)) == 2)
        assert to(MEMBER, bot.api.sent)[1]["text"].startswith(f"Antwort vom Team ({code})")
        await wait_until(lambda: any("is on its way" in m["text"] for m in to(STAFF_GROUP, bot.api.sent)))
    finally:
        await bot.shutdown()


async def test_reply_to_a_card_reaches_the_member(bot: Bot) -> None:
    bot.api.push_text("Ich habe Schulden")
    await wait_until(lambda: len(to(STAFF_GROUP, bot.api.sent)) == 1)
    await asyncio.sleep(0.3)
    storage = Storage(bot.config.storage.path)
    (card_message_id,) = storage.db.execute("SELECT message_id FROM cards").fetchone()
    storage.close()
    update = bot.api.push_text(
        "Wir rufen dich morgen an.", user_id=STAFF_MEMBER, chat_id=STAFF_GROUP, chat_type="supergroup"
    )
    update["message"]["reply_to_message"] = {
        "message_id": int(card_message_id),
        "date": 1,
        "chat": update["message"]["chat"],
        "text": "card",
        "from": {"id": 999000, "is_bot": True, "first_name": "Kiezbot"},
    }
    await wait_until(lambda: len(to(MEMBER, bot.api.sent)) == 2)
    assert "Wir rufen dich morgen an." in to(MEMBER, bot.api.sent)[1]["text"]


async def test_staff_commands_from_anyone_else_are_refused(bot: Bot) -> None:
    bot.api.push_text("Ich möchte mit einem Menschen sprechen")
    await wait_until(lambda: len(to(STAFF_GROUP, bot.api.sent)) == 1)
    code = to(STAFF_GROUP, bot.api.sent)[0]["reply_markup"]["inline_keyboard"][0][0]["callback_data"][6:]
    bot.api.push_text(f"/reply {code} haha", user_id=999)
    bot.api.push_text("/tickets", user_id=999)
    await wait_until(lambda: len(to(999, bot.api.sent)) == 2)
    assert all(m["text"] == "Das geht leider nicht." for m in to(999, bot.api.sent))
    await asyncio.sleep(0.3)
    assert len(to(MEMBER, bot.api.sent)) == 1


async def test_after_a_crisis_the_members_next_words_reach_staff_at_once(bot: Bot) -> None:
    # Real Telegram client and staff group: "ich trau mich nicht da anzurufen" got FAQ
    # buttons and stayed with the bot. Now it gets the lines and where to write, and
    # the crisis card goes out again with it.
    bot.api.push_text("ich will nicht mehr leben")
    await wait_until(lambda: len(cards(bot.api)) == 1)
    bot.api.push_text("ich trau mich nicht da anzurufen")
    await wait_until(lambda: len(cards(bot.api)) == 2)
    first, follow_up = (m["text"] for m in to(MEMBER, bot.api.sent))
    code = first[first.index("KB-") : first.index("KB-") + 7]
    assert "Ich bin nur ein Bot" in follow_up and code in follow_up and "online.telefonseelsorge.de" in follow_up
    again = cards(bot.api)[1]["text"]
    assert "DRINGEND" in again and code in again and "leben" in again and "anzurufen" in again
    # A thanks gets a short note in the tone of the moment, and goes nowhere.
    bot.api.push_text("danke")
    await wait_until(lambda: len(to(MEMBER, bot.api.sent)) == 3)
    assert "Ich bin weiter hier" in to(MEMBER, bot.api.sent)[2]["text"] and len(cards(bot.api)) == 2
    # Asking for a person joins the crisis case: its card again, no second ticket.
    bot.api.push_text("kann ich mit jemandem reden?")
    await wait_until(lambda: len(cards(bot.api)) == 3)
    assert code in cards(bot.api)[2]["text"] and "jemandem reden" in cards(bot.api)[2]["text"]
    assert "nicht im Haus" not in to(MEMBER, bot.api.sent)[3]["text"]
    # Staff close the case; the member writes again within the hour: it opens again,
    # and its card goes out once more.
    bot.api.push_callback(f"close:{code}", user_id=STAFF_MEMBER, chat_id=STAFF_GROUP)
    await wait_until(lambda: any("geschlossen" in m["text"] for m in to(STAFF_GROUP, bot.api.sent)))
    bot.api.push_text("es ist wieder schlimmer geworden")
    await wait_until(lambda: len(cards(bot.api)) == 4)
    assert code in cards(bot.api)[3]["text"] and "schlimmer" in cards(bot.api)[3]["text"]
    storage = Storage(bot.config.storage.path)
    status = storage.db.execute("SELECT status FROM tickets WHERE code = ?", [code]).fetchone()[0]
    tickets = storage.db.execute("SELECT COUNT(*) FROM tickets").fetchone()[0]
    storage.close()
    assert status == "open" and tickets == 1


async def test_further_messages_join_the_open_ticket(bot: Bot) -> None:
    bot.api.push_text("Ich möchte mit einem Menschen sprechen")
    await wait_until(lambda: len(to(STAFF_GROUP, bot.api.sent)) == 1)
    bot.api.push_text("Es geht um den Kurs am Dienstag, meine Nummer ist 0176 12345678")
    await wait_until(lambda: len(to(MEMBER, bot.api.sent)) == 2)
    storage = Storage(bot.config.storage.path)
    notes = [r[0] for r in storage.db.execute("SELECT text FROM ticket_notes ORDER BY id")]
    storage.close()
    assert len(notes) == 2 and "[phone]" in notes[1] and "0176" not in notes[1]


async def test_mydata_and_forgetme(bot: Bot) -> None:
    bot.api.push_text("Ich habe Schulden")
    bot.api.push_text("Wer hat 1954 die Fußball-WM gewonnen?")
    await wait_until(lambda: len(to(MEMBER, bot.api.sent)) == 2)
    await wait_until(lambda: len(cards(bot.api)) == 1)
    assert "Schulden" in cards(bot.api)[0]["text"]
    with closing(Storage(bot.config.storage.path)) as reader:

        def card_id() -> str | None:
            row = reader.db.execute("SELECT delivered_id FROM outbox WHERE chat_id = ?", [str(STAFF_GROUP)]).fetchone()
            return row[0] if row else None

        await wait_until(lambda: card_id() is not None)
        posted_card = card_id()
    bot.api.push_text("/mydata")
    await wait_until(lambda: len(to(MEMBER, bot.api.sent)) == 3)
    shown = to(MEMBER, bot.api.sent)[2]["text"]
    assert "Anfrage KB-" in shown and "(Geld, " in shown and "Fußball-WM" in shown and "money" not in shown
    bot.api.push_text("/language en")
    await wait_until(lambda: len(to(MEMBER, bot.api.sent)) == 4)
    bot.api.push_text("/mydata")
    await wait_until(lambda: len(to(MEMBER, bot.api.sent)) == 5)
    shown = to(MEMBER, bot.api.sent)[4]["text"]
    assert "Request KB-" in shown and "(money, " in shown and "Language: en" in shown and "Anfrage" not in shown
    bot.api.push_text("/mydata", user_id=555)  # nothing about someone else
    await wait_until(lambda: len(to(555, bot.api.sent)) == 1)
    assert "nichts gespeichert" in to(555, bot.api.sent)[0]["text"]
    bot.api.push_text("/forgetme")
    await wait_until(lambda: len(to(MEMBER, bot.api.sent)) == 6)
    assert to(MEMBER, bot.api.sent)[5]["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "forget:yes"
    bot.api.push_callback("forget:yes")
    await wait_until(lambda: len(to(MEMBER, bot.api.sent)) == 7)
    assert "deleted everything" in to(MEMBER, bot.api.sent)[6]["text"]
    storage = Storage(bot.config.storage.path)
    for table in ("redirects", "unanswered", "tickets", "member_prefs"):
        assert storage.db.execute(f"SELECT COUNT(*) FROM {table} WHERE user_ref = 'telegram:111'").fetchone()[0] == 0
    # counters never referred to members, so they stay as they are
    assert "user_ref" not in storage.db.table("daily_counts").columns_dict
    # The card posted in the staff group is blanked, and no queued or sent text is kept.
    await wait_until(lambda: len(bot.api.called("editMessageText")) == 1)
    edit = bot.api.called("editMessageText")[0]
    assert int(edit["chat_id"]) == STAFF_GROUP and str(edit["message_id"]) == posted_card
    assert "gelöscht" in edit["text"] and "Schulden" not in edit["text"]
    assert "reply_markup" not in edit  # the Claim/Close buttons go too
    outbox = [r[0] for r in storage.db.execute("SELECT text FROM outbox")]
    assert outbox and not any("Schulden" in text for text in outbox)
    storage.close()


async def test_cards_quote_a_long_message_only_in_part(bot: Bot) -> None:
    bot.api.push_text("Ich habe Schulden " + "und noch mehr " * 400)
    await wait_until(lambda: len(cards(bot.api)) == 1)
    await asyncio.sleep(0.3)
    card = cards(bot.api)
    assert len(card) == 1 and len(card[0]["text"]) < 2000 and " …“" in card[0]["text"]


async def test_editing_a_card_that_is_gone(bot: Bot) -> None:
    telegram = bot.app.adapters[0]
    blank = Outgoing("telegram", str(STAFF_GROUP), "KB-TEST: gelöscht")
    bot.api.fail("editMessageText", 400, description="Bad Request: message is not modified")
    await telegram.edit(blank, "1001")  # already blank: fine
    bot.api.fail("editMessageText", 400, description="Bad Request: message to edit not found")
    with pytest.raises(GoneForGood):
        await telegram.edit(blank, "1002")
    bot.api.fail("editMessageText", 500, times=1)
    await telegram.edit(blank, "1003")  # a passing server error is retried
    assert [str(c["message_id"]) for c in bot.api.called("editMessageText")] == ["1001", "1002", "1003", "1003"]


async def test_outage_restart_nothing_lost_in_order(
    tmp_path: Path, shipped_snapshot: Snapshot, api: FakeTelegram
) -> None:
    api.blocked_chats.add(STAFF_GROUP)  # the bot was removed from the staff group
    first = await start_bot(tmp_path, shipped_snapshot, api)
    count = 6
    for number in range(count):
        api.push_text(f"Ich habe Schulden (Nummer {number})", user_id=300 + number)
    await wait_until(lambda: len([m for m in api.sent if m["chat_id"] != STAFF_GROUP]) == count)
    await asyncio.sleep(0.5)
    await first.shutdown()  # "kill and restart": nothing kept in memory survives
    assert to(STAFF_GROUP, api.sent) == []
    second = await start_bot(tmp_path, shipped_snapshot, api)
    try:
        api.blocked_chats.discard(STAFF_GROUP)
        await wait_until(lambda: len(to(STAFF_GROUP, api.sent)) >= count, timeout=30)
        await asyncio.sleep(1.0)
        assert_each_card_once_in_order(api, count)
    finally:
        await second.shutdown()


def test_retention_purge(tmp_path: Path) -> None:
    storage = Storage(tmp_path / "k.sqlite3")
    old = (dt.datetime.now(dt.UTC) - dt.timedelta(days=100)).isoformat(timespec="seconds")
    new = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    db = storage.db
    for code, status, when in (("KB-OLD1", "closed", old), ("KB-OPEN", "open", old), ("KB-NEW1", "closed", new)):
        db.table("tickets").insert(
            {
                "code": code,
                "kind": "redirect",
                "status": status,
                "created_at": when,
                "closed_at": when,
                "platform": "telegram",
                "user_ref": "telegram:1",
                "chat_id": "1",
                "urgent": 0,
            }
        )
        db.table("redirects").insert(
            {
                "case_code": code,
                "created_at": when,
                "platform": "telegram",
                "user_ref": "telegram:1",
                "topic": "money",
                "urgent": 0,
            }
        )
    deleted = purge(db, retention_days=90, staff_language="de")
    assert deleted >= 2
    assert {r[0] for r in db.execute("SELECT code FROM tickets")} == {"KB-OPEN", "KB-NEW1"}
    assert {r[0] for r in db.execute("SELECT case_code FROM redirects")} == {"KB-OPEN", "KB-NEW1"}
    storage.close()


async def test_purge_blanks_posted_cards_and_a_deleted_card_does_not_block(tmp_path: Path) -> None:
    storage = Storage(tmp_path / "k.sqlite3")
    db = storage.db
    old = (dt.datetime.now(dt.UTC) - dt.timedelta(days=100)).isoformat(timespec="seconds")
    for code, message_id in (("KB-OLD1", "41"), ("KB-OLD2", "42")):
        db.table("tickets").insert(
            {"code": code, "kind": "redirect", "status": "closed", "created_at": old, "closed_at": old}
            | {"platform": "fake", "user_ref": "fake:1", "chat_id": "1", "urgent": 0}
        )
        enqueue(db, Outgoing("fake", "staff", f"Anfrage {code} „Miete“"), code, None)
        item = pending_outbox(db)[0]
        mark_delivered(db, item, message_id)
    enqueue(db, Outgoing("fake", "staff", "Anfrage KB-NEW1"), "KB-NEW1", None)
    assert purge(db, retention_days=90, staff_language="de") >= 4
    assert not any("Miete" in r[0] for r in db.execute("SELECT text FROM outbox"))
    adapter = FakeAdapter()
    adapter.gone.add("42")  # a staff member deleted that card by hand
    writer = AsyncStorage(storage)
    worker = OutboxWorker(writer, [adapter])
    assert await worker.deliver_due() == 3
    assert [(message_id, out.text) for message_id, out in adapter.edits] == [
        ("41", retracted_card_text("KB-OLD1", "de"))
    ]
    assert [out.text for out in adapter.delivered] == ["Anfrage KB-NEW1"]  # queued after the edits, not blocked
    assert pending_outbox(db) == []
    await writer.close()


async def test_cross_platform_discord_member_telegram_staff(
    tmp_path: Path, shipped_snapshot: Snapshot, api: FakeTelegram, fake_discord: FakeDiscord
) -> None:
    config = make_config(tmp_path, api.base_url)
    config = config.model_copy(update={"discord": config.discord.model_copy(update={"enabled": True})})
    telegram = TelegramAdapter(
        TOKEN, config.telegram, backoff_seconds=0.01, poll_timeout=1, always_read=frozenset({str(STAFF_GROUP)})
    )
    _app, stop, task = await start(config, shipped_snapshot, [telegram, DiscordAdapter(DISCORD_TOKEN, config.discord)])
    try:
        await wait_until(lambda: api.called("getUpdates") and fake_discord.identified >= 1, timeout=20)
        await asyncio.sleep(2.5)  # discord.py waits for its guilds before READY
        await fake_discord.message("Ich möchte mit einem Menschen sprechen", author_id=777)
        await wait_until(lambda: len(to(STAFF_GROUP, api.sent)) == 1, timeout=15)
        card = to(STAFF_GROUP, api.sent)[0]
        assert "discord" in card["text"]
        code = card["reply_markup"]["inline_keyboard"][0][0]["callback_data"][6:]
        api.push_text(
            f"/reply {code} Hallo aus dem Team!", user_id=STAFF_MEMBER, chat_id=STAFF_GROUP, chat_type="supergroup"
        )
        await wait_until(
            lambda: any("Hallo aus dem Team!" in m.get("content", "") for m in fake_discord.sent), timeout=15
        )
        relayed = next(m for m in fake_discord.sent if "Hallo aus dem Team!" in m.get("content", ""))
        assert relayed["channel_id"] == str(700000000000000000 + 777)
        # the other escalation kinds from Discord members reach the Telegram staff group too
        await fake_discord.message("ich will mich umbringen", author_id=778)
        await wait_until(lambda: len(cards(api)) == 2, timeout=15)
        assert "DRINGEND" in cards(api)[1]["text"]
        await fake_discord.message("Ich habe Schulden", author_id=779)
        await wait_until(lambda: len(cards(api)) == 3, timeout=15)
        assert "Thema: Geld" in cards(api)[2]["text"]
        await fake_discord.message("Wer hat 1954 die Fußball-WM gewonnen?", author_id=780)
        await wait_until(
            lambda: any("Fußball" not in m.get("content", "") and m.get("components") for m in fake_discord.sent[-1:])
        )
        await fake_discord.click("handover", user_id=780)
        await wait_until(lambda: len(cards(api)) == 4, timeout=15)
        assert "Unbeantwortete Frage" in cards(api)[3]["text"]
        assert "Fußball-WM" in cards(api)[3]["text"]
    finally:
        stop.set()
        await asyncio.wait_for(task, 15)


async def test_cross_platform_telegram_member_discord_staff(
    tmp_path: Path, shipped_snapshot: Snapshot, api: FakeTelegram, fake_discord: FakeDiscord
) -> None:
    staff_channel = STAFF_CHANNEL
    config = parse_config(
        {
            "storage": {"path": str(tmp_path / "k.sqlite3")},
            "bot": {"watch_faq": False},
            "telegram": {"enabled": True, "api_base_url": api.base_url},
            "discord": {"enabled": True},
            "staff": {"discord_channel_id": staff_channel},
        }
    )
    telegram = TelegramAdapter(TOKEN, config.telegram, backoff_seconds=0.01, poll_timeout=1)
    discord_adapter = DiscordAdapter(DISCORD_TOKEN, config.discord, always_read=frozenset({staff_channel}))
    _app, stop, task = await start(config, shipped_snapshot, [telegram, discord_adapter])
    try:
        await wait_until(lambda: api.called("getUpdates") and fake_discord.identified >= 1, timeout=20)
        await asyncio.sleep(2.5)
        api.push_text("Ich habe Schulden beim Vermieter", user_id=MEMBER)
        await wait_until(lambda: any(m["channel_id"] == str(staff_channel) for m in fake_discord.sent), timeout=15)
        card = next(m for m in fake_discord.sent if m["channel_id"] == str(staff_channel))
        assert "telegram" in card["content"] and card["allowed_mentions"] == {"parse": []}
        code = card["components"][0]["components"][0]["custom_id"].removeprefix("claim:")
        # claim by button on Discord
        await fake_discord.click(f"claim:{code}", user_id=4242, channel_id=staff_channel, guild=True)
        await wait_until(
            lambda: any("übernommen" in c["data"]["content"] for c in fake_discord.callbacks if "data" in c)
        )
        claimed = next(c for c in fake_discord.callbacks if "übernommen" in c["data"]["content"])
        assert not claimed["data"].get("flags")  # the whole team sees who took it
        # answer in the card's thread
        await fake_discord.open_thread(card["id"], staff_channel)
        await fake_discord.message(
            "Melde dich gern morgen bei uns.", author_id=4242, channel_id=int(card["id"]), guild=True
        )
        await wait_until(lambda: any("Melde dich gern morgen" in m["text"] for m in to(MEMBER, api.sent)), timeout=15)
        # chatter in the staff channel itself is not relayed
        await fake_discord.message("Wer macht das?", author_id=4242, channel_id=staff_channel, guild=True)
        # /reply, /tickets and /close work as text commands in the Discord staff channel too
        await fake_discord.message(
            f"/reply {code} Noch eine Info: bring den Brief mit.", author_id=4242, channel_id=staff_channel, guild=True
        )
        await wait_until(lambda: any("bring den Brief mit" in m["text"] for m in to(MEMBER, api.sent)), timeout=15)
        await fake_discord.message("/tickets", author_id=4242, channel_id=staff_channel, guild=True)
        await wait_until(lambda: any("Offene Tickets" in m.get("content", "") for m in fake_discord.sent))
        await fake_discord.message(f"/close {code} erledigt", author_id=4242, channel_id=staff_channel, guild=True)
        await wait_until(lambda: any("geschlossen" in m.get("content", "") for m in fake_discord.sent))
        assert not any("Wer macht das" in m["text"] for m in to(MEMBER, api.sent))
    finally:
        stop.set()
        await asyncio.wait_for(task, 15)


async def test_killed_process_loses_no_card(tmp_path: Path, api: FakeTelegram) -> None:
    """The real thing: `kiezbot run`, staff group unreachable, SIGKILL, restart, staff back."""
    import os
    import signal

    config = tmp_path / "kiezbot.toml"
    config.write_text(
        f'[storage]\npath = "{tmp_path / "k.sqlite3"}"\n[bot]\nfaq_dir = "{Path(__file__).parent.parent / "faq"}"\n'
        f'[telegram]\nenabled = true\napi_base_url = "{api.base_url}"\n[staff]\ntelegram_chat_id = {STAFF_GROUP}\n'
    )
    env = {**os.environ, "KIEZBOT_TELEGRAM_TOKEN": TOKEN}

    async def launch() -> asyncio.subprocess.Process:
        calls = len(api.called("getUpdates"))
        process = await start_kiezbot_run(config, env, capture=False)
        await wait_until(lambda: len(api.called("getUpdates")) > calls, timeout=30)
        return process

    api.blocked_chats.add(STAFF_GROUP)
    first = await launch()
    count = 5
    for number in range(count):
        api.push_text(f"Ich habe Schulden (Nummer {number})", user_id=400 + number)
    await wait_until(lambda: len([m for m in api.sent if m["chat_id"] != STAFF_GROUP]) == count, timeout=30)
    first.send_signal(signal.SIGKILL)
    await first.wait()
    assert to(STAFF_GROUP, api.sent) == []
    api.blocked_chats.discard(STAFF_GROUP)
    second = await launch()
    try:
        await wait_until(lambda: len(to(STAFF_GROUP, api.sent)) >= count, timeout=60)
        await asyncio.sleep(1.5)
        assert_each_card_once_in_order(api, count)
    finally:
        second.send_signal(signal.SIGTERM)
        await asyncio.wait_for(second.wait(), 30)
