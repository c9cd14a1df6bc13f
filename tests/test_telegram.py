"""The Telegram channel: the real python-telegram-bot client against a local Bot API fake."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from telegram import Update

from bot.adapters.telegram import BotIdentity, TelegramAdapter, split_html, to_incoming
from bot.config import Config, parse_config
from bot.logs import add_secret
from bot.reload import Snapshot
from bot.storage import Storage
from tests.conftest import TODAY
from tests.fakes import build_app, run_app, start_kiezbot_run, wait_until
from tests.telegram_api import BOT_ID, BOT_USERNAME, FakeTelegram

TOKEN = "123456:TEST-token-AbCdEfGhIjKlMnOpQrStUvWxYz"
RECORDED = Path(__file__).parent / "recorded" / "telegram"
ME = BotIdentity(BOT_ID, BOT_USERNAME)


@dataclass
class Running:
    api: FakeTelegram
    adapter: TelegramAdapter
    config: Config
    stop: asyncio.Event
    task: asyncio.Task[None]


@pytest.fixture
async def telegram(tmp_path: Path, shipped_snapshot: Snapshot) -> AsyncIterator[Running]:
    api = FakeTelegram(TOKEN)
    await api.start()
    config = parse_config(
        {
            "storage": {"path": str(tmp_path / "k.sqlite3")},
            "bot": {"watch_faq": False},
            "telegram": {"enabled": True, "api_base_url": api.base_url},
            "flood": {"messages_per_minute": 20, "mute_minutes": 5},
        }
    )
    add_secret(TOKEN)
    adapter = TelegramAdapter(TOKEN, config.telegram, backoff_seconds=0.01, poll_timeout=1)
    stop, task = run_app(build_app(config, shipped_snapshot, [adapter], TODAY, flood=True))
    await wait_until(lambda: api.called("getUpdates"), timeout=4, interval=0.02)
    yield Running(api, adapter, config, stop, task)
    stop.set()
    await asyncio.wait_for(task, 15)
    await api.stop()


async def test_private_faq_answer(telegram: Running) -> None:
    telegram.api.push_text("Gibt es freie Kitaplätze?")
    (sent,) = await telegram.api.wait_sent(1)
    assert sent["chat_id"] == 111
    assert sent["parse_mode"] == "HTML"
    assert "Kiezkinder" in sent["text"]
    assert sent["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "faq:kita-hours"


def recorded(name: str) -> Update:
    return Update.de_json(json.loads((RECORDED / f"{name}.json").read_text()), None)


def test_private_text_becomes_an_incoming_message() -> None:
    message = to_incoming(recorded("private_text"), ME)
    assert message is not None
    assert (message.platform, message.chat_id, message.user_id) == ("telegram", "5550001", "5550001")
    assert message.text == "Gibt es freie Kitaplätze?" and message.is_private
    assert message.display_name == "Aylin K." and message.language_hint == "de"
    assert message.message_id == "52" and message.thread_id is None and not message.has_attachment


def test_group_messages_need_a_mention_a_reply_or_a_command() -> None:
    mentioned = to_incoming(recorded("group_mention"), ME)
    assert mentioned is not None and mentioned.text == "when is the repair café?" and not mentioned.is_private
    assert to_incoming(recorded("group_plain"), ME) is None
    assert to_incoming(recorded("group_command_other_bot"), ME) is None
    reply = to_incoming(recorded("forum_reply_to_bot"), ME)
    assert reply is not None and reply.thread_id == "77" and reply.text == "und wann ist das nächste?"


def test_button_tap_and_photo() -> None:
    tap = to_incoming(recorded("callback"), ME)
    assert tap is not None and tap.payload == "faq:kita-hours" and tap.text == "" and tap.chat_id == "5550001"
    photo = to_incoming(recorded("photo"), ME)
    assert photo is not None and photo.has_attachment and photo.text == ""


def test_split_html_escapes_and_respects_the_limit() -> None:
    text = ("<b>Kita</b> & Co. " * 400).strip()
    pieces = split_html(text)
    assert len(pieces) > 1
    assert all(len(piece) <= 4096 for piece in pieces)
    joined = " ".join(pieces)
    assert "<b>" not in joined and "&lt;b&gt;Kita&lt;/b&gt; &amp; Co." in joined
    assert all(not piece.endswith("&") and not piece.endswith("&amp") for piece in pieces)
    assert split_html("kurz") == ["kurz"]


async def test_commands_are_registered_in_german_and_english(telegram: Running) -> None:
    calls = telegram.api.called("setMyCommands")
    languages = {call.get("language_code") for call in calls}
    assert {"de", "en"} <= languages
    german = next(call for call in calls if call.get("language_code") == "de")
    assert [c["command"] for c in german["commands"]] == ["start", "help", "privacy", "language", "human"]


async def test_suggestion_buttons_and_a_tap(telegram: Running) -> None:
    telegram.api.push_text("kurse und kitaplatz")
    (suggestion,) = await telegram.api.wait_sent(1)
    payloads = [row[0]["callback_data"] for row in suggestion["reply_markup"]["inline_keyboard"]]
    assert "faq:kita-places" in payloads
    telegram.api.push_callback("faq:kita-places")
    sent = await telegram.api.wait_sent(2)
    assert "Kiezkinder" in sent[1]["text"]
    assert len(telegram.api.called("answerCallbackQuery")) == 1
    telegram.api.push_callback("faq:entry-that-was-deleted")
    sent = await telegram.api.wait_sent(3)
    assert "nicht mehr aktuell" in sent[2]["text"]
    assert len(telegram.api.called("answerCallbackQuery")) == 2


async def test_a_follow_up_after_a_tapped_answer(telegram: Running) -> None:
    # A tapped button is an answer too: "ist das kostenlos?" then asks about it.
    telegram.api.push_callback("faq:repair-cafe")
    await telegram.api.wait_sent(1)
    telegram.api.push_text("ist das kostenlos?")
    sent = await telegram.api.wait_sent(2)
    assert "Repair-Café" in sent[1]["text"] and "Kostenlos" in sent[1]["text"]


async def test_group_only_when_mentioned_and_in_the_same_topic(telegram: Running) -> None:
    group = -100123
    telegram.api.push_text("Wann ist das Repair-Café?", user_id=7, chat_id=group, chat_type="supergroup")
    telegram.api.push_text(
        f"@{BOT_USERNAME} Wann ist das Repair-Café?", user_id=7, chat_id=group, chat_type="supergroup", thread_id=42
    )
    (sent,) = await telegram.api.wait_sent(1)
    await asyncio.sleep(0.3)
    assert len(telegram.api.sent) == 1  # the message without mention got no answer
    assert sent["chat_id"] == group and sent["message_thread_id"] == 42
    assert "Repair-Café ist jeden" in sent["text"]
    assert "reply_parameters" in sent
    telegram.api.push_text("und um wie viel uhr?", user_id=7, chat_id=group, chat_type="supergroup", reply_to_bot=True)
    await telegram.api.wait_sent(2)


async def test_sensitive_message_in_a_group(telegram: Running) -> None:
    group = -100123
    telegram.api.push_text(
        f"@{BOT_USERNAME} ich habe Schulden beim Vermieter", user_id=8, chat_id=group, chat_type="supergroup"
    )
    public, private = await telegram.api.wait_sent(2)
    assert public["chat_id"] == group
    assert "Schulden" not in public["text"] and "KB-" not in public["text"]
    assert private["chat_id"] == 8 and "KB-" in private["text"]
    # a member who never started the bot gets the public reply only
    telegram.api.blocked_chats.add(9)
    telegram.api.push_text(f"@{BOT_USERNAME} ich bin schwanger", user_id=9, chat_id=group, chat_type="supergroup")
    sent = await telegram.api.wait_sent(3)
    await asyncio.sleep(0.3)
    assert len(telegram.api.sent) == 3 and sent[2]["chat_id"] == group


async def test_crisis_gets_the_lines_at_once(telegram: Running) -> None:
    telegram.api.push_text("ich will nicht mehr leben")
    (sent,) = await telegram.api.wait_sent(1)
    assert "0800 111 0 111" in sent["text"] and "112" in sent["text"]
    storage = Storage(telegram.config.storage.path)
    rows = list(storage.db.table("redirects").rows)
    storage.close()
    assert len(rows) == 1 and rows[0]["urgent"] == 1 and rows[0]["platform"] == "telegram"


async def test_photos_get_text_only_please_and_are_not_downloaded(telegram: Running) -> None:
    telegram.api.push(json.loads((RECORDED / "photo.json").read_text()) | {"update_id": 10_000})
    (sent,) = await telegram.api.wait_sent(1)
    assert "nur Text" in sent["text"]
    assert not telegram.api.called("getFile")


async def test_html_in_answers_is_escaped(telegram: Running) -> None:
    telegram.api.push_text("<b>Hallo</b>")
    (sent,) = await telegram.api.wait_sent(1)
    assert "<b>" not in sent["text"]


async def test_429_and_500_are_retried(telegram: Running) -> None:
    telegram.api.fail("sendMessage", 500, times=2)
    telegram.api.fail("sendMessage", 429, times=1, retry_after=1)
    telegram.api.push_text("Wann habt ihr geöffnet?")
    (sent,) = await telegram.api.wait_sent(1, timeout=15)
    assert "Montag bis Freitag" in sent["text"]
    assert len(telegram.api.called("sendMessage")) == 4  # 2 × 500, 1 × 429, then success


async def test_flood_limit(telegram: Running) -> None:
    for number in range(30):
        telegram.api.push_text(f"Wann habt ihr geöffnet? {number}", user_id=66)
    await telegram.api.wait_sent(21)
    await asyncio.sleep(0.5)
    texts = [m["text"] for m in telegram.api.sent]
    assert len(texts) == 21
    assert sum("sehr viele Nachrichten" in t for t in texts) == 1
    telegram.api.push_text("Hallo", user_id=67)  # other members are not affected
    await telegram.api.wait_sent(22)


async def test_burst_of_50_from_10_members(telegram: Running) -> None:
    questions = ["Wann habt ihr geöffnet?", "Gibt es Deutschkurse?", "Hallo", "Wo seid ihr?", "Ich habe Schulden"]
    for number in range(50):
        telegram.api.push_text(f"{questions[number % 5]}", user_id=200 + number % 10)
    sent = await telegram.api.wait_sent(50, timeout=20)
    await asyncio.sleep(0.5)
    assert len(telegram.api.sent) == 50
    per_member = {uid: sum(1 for m in sent if m["chat_id"] == uid) for uid in range(200, 210)}
    assert set(per_member.values()) == {5}


async def test_token_never_appears_in_logs(telegram: Running, caplog: pytest.LogCaptureFixture) -> None:
    # Even with every library at DEBUG (the CLI caps them at WARNING), no token leaks.
    for name in ("", "httpx", "httpcore", "telegram"):
        caplog.set_level(logging.DEBUG, logger=name)
    telegram.api.fail("sendMessage", 500, times=1)
    telegram.api.push_text("Wann habt ihr geöffnet?")
    await telegram.api.wait_sent(1)
    telegram.stop.set()
    await asyncio.wait_for(telegram.task, 15)
    assert caplog.records, "expected some log output"
    assert "send_message failed (NetworkError), retrying" in caplog.text
    assert "/bot***/" in caplog.text  # the HTTP library logged the URL, redacted
    assert TOKEN not in caplog.text
    assert TOKEN.split(":")[1] not in caplog.text


async def test_clean_shutdown(telegram: Running) -> None:
    telegram.api.push_text("Hallo")
    await telegram.api.wait_sent(1)
    telegram.stop.set()
    await asyncio.wait_for(telegram.task, 15)
    pending = [t for t in asyncio.all_tasks() if t is not asyncio.current_task() and not t.done()]
    assert not [t for t in pending if "kiezbot" in t.get_name() or "Updater" in repr(t)]
    telegram.api.push_text("Noch da?")
    await asyncio.sleep(1.5)
    assert len(telegram.api.sent) == 1  # nobody is polling any more


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_webhook_mode_checks_the_secret_header(tmp_path: Path, shipped_snapshot: Snapshot) -> None:
    import aiohttp

    api = FakeTelegram(TOKEN)
    await api.start()
    port = free_port()
    config = parse_config(
        {
            "storage": {"path": str(tmp_path / "k.sqlite3")},
            "bot": {"watch_faq": False},
            "telegram": {
                "enabled": True,
                "api_base_url": api.base_url,
                "mode": "webhook",
                "webhook_url": "https://kiezhaus.example/hooks",
                "listen_port": port,
            },
        }
    )
    adapter = TelegramAdapter(TOKEN, config.telegram, webhook_secret="s3cret-header-value", backoff_seconds=0.01)
    stop, task = run_app(build_app(config, shipped_snapshot, [adapter]))
    try:
        await wait_until(lambda: api.called("setWebhook"), timeout=4, interval=0.02)
        (hook,) = api.called("setWebhook")
        assert hook["url"] == "https://kiezhaus.example/hooks" + adapter.webhook_path
        assert hook["secret_token"] == "s3cret-header-value"
        assert not api.called("getUpdates")
        update = api.push_text("Wann habt ihr geöffnet?")
        api.updates.clear()  # delivered by webhook, not by polling
        url = f"http://127.0.0.1:{port}{adapter.webhook_path}"
        async with aiohttp.ClientSession() as session:
            async with session.post(url, json=update) as refused:
                assert refused.status == 403
            async with session.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "wrong"}) as refused:
                assert refused.status == 403
            async with session.post(f"http://127.0.0.1:{port}/telegram/guess", json=update) as missing:
                assert missing.status == 404
            await asyncio.sleep(0.3)
            assert api.sent == []
            headers = {"X-Telegram-Bot-Api-Secret-Token": "s3cret-header-value"}
            async with session.post(url, json=update, headers=headers) as accepted:
                assert accepted.status == 200
            async with session.post(url, data=b"\xff not json", headers=headers) as malformed:
                assert malformed.status == 400
        (sent,) = await api.wait_sent(1)
        assert "Montag bis Freitag" in sent["text"]
    finally:
        stop.set()
        await asyncio.wait_for(task, 15)
        await api.stop()


async def test_kiezbot_run_serves_telegram_and_stops_on_sigterm(tmp_path: Path) -> None:
    import os
    import signal

    api = FakeTelegram(TOKEN)
    await api.start()
    config = tmp_path / "kiezbot.toml"
    config.write_text(
        f'[storage]\npath = "{tmp_path / "k.sqlite3"}"\n[bot]\nfaq_dir = "{Path(__file__).parent.parent / "faq"}"\n'
        f'[telegram]\nenabled = true\napi_base_url = "{api.base_url}"\n[logging]\nlevel = "DEBUG"\n'
    )
    env = {**os.environ, "KIEZBOT_TELEGRAM_TOKEN": TOKEN}
    process = await start_kiezbot_run(config, env, capture=True)
    try:
        await wait_until(lambda: api.called("getUpdates"), timeout=10, interval=0.02)
        api.push_text("Gibt es freie Kitaplätze?")
        (sent,) = await api.wait_sent(1, timeout=20)
        assert "Kiezkinder" in sent["text"]
        process.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(process.communicate(), 30)
    finally:
        if process.returncode is None:
            process.kill()
        await api.stop()
    log = stderr.decode()
    assert process.returncode == 0, log
    assert "shutting down" in log and "stopped" in log
    assert TOKEN not in log and TOKEN.split(":")[1] not in log
    assert "Gibt es freie" not in log  # no message text in the logs, even at DEBUG
