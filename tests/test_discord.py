"""The Discord channel: the real discord.py client against a local gateway and REST fake."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import discord
import pytest

from bot.adapters.base import GoneForGood
from bot.adapters.discord import DiscordAdapter, split_text, to_incoming
from bot.config import Config, parse_config
from bot.logs import add_secret
from bot.messages import Button, Outgoing
from bot.reload import Snapshot
from tests.conftest import TODAY
from tests.discord_api import BOT_ID, GENERAL_CHANNEL, GUILD_ID, STAFF_CHANNEL, SUPPORT_CHANNEL, TOKEN, FakeDiscord
from tests.fakes import build_app, run_app, start_kiezbot_run, wait_until


@dataclass
class Running:
    api: FakeDiscord
    adapter: DiscordAdapter
    config: Config
    stop: asyncio.Event
    task: asyncio.Task[None]


async def start_app(tmp_path: Path, snapshot: Snapshot, api: FakeDiscord, **discord_settings: object) -> Running:
    config = parse_config(
        {
            "storage": {"path": str(tmp_path / "k.sqlite3")},
            "bot": {"watch_faq": False},
            "discord": {
                "enabled": True,
                "support_channels": [SUPPORT_CHANNEL],
                "guilds": [GUILD_ID],
                **discord_settings,
            },
        }
    )
    add_secret(TOKEN)
    adapter = DiscordAdapter(TOKEN, config.discord)
    synced_before = len(api.synced)
    stop, task = run_app(build_app(config, snapshot, [adapter], TODAY, flood=True))
    await wait_until(lambda: len(api.synced) > synced_before, timeout=10, interval=0.02)
    return Running(api, adapter, config, stop, task)


@pytest.fixture
async def running(tmp_path: Path, shipped_snapshot: Snapshot, fake_discord: FakeDiscord) -> AsyncIterator[Running]:
    bot = await start_app(tmp_path, shipped_snapshot, fake_discord)
    yield bot
    bot.stop.set()
    await asyncio.wait_for(bot.task, 15)


async def test_dm_answer(running: Running) -> None:
    await running.api.message("Gibt es freie Kitaplätze?")
    (sent,) = await running.api.wait_for("sent", 1)
    assert "Kiezkinder" in sent["content"]
    assert sent["allowed_mentions"] == {"parse": []}
    buttons = sent["components"][0]["components"]
    assert buttons[0]["custom_id"] == "faq:kita-hours"


RECORDED = Path(__file__).parent / "recorded" / "discord"


def recorded(running: Running, name: str) -> discord.Message:
    client = running.adapter._client
    assert client is not None
    data = json.loads((RECORDED / f"{name}.json").read_text())
    state = client._connection
    channel, _ = state._get_guild_channel(data)
    return discord.Message(state=state, channel=channel, data=data)  # type: ignore[arg-type]


async def test_recorded_payloads_become_incoming_messages(running: Running) -> None:
    support = frozenset({SUPPORT_CHANNEL})
    dm = to_incoming(recorded(running, "dm"), BOT_ID, support)
    assert dm is not None and dm.is_private and dm.text == "wann ist der jugendclub offen?"
    assert (dm.platform, dm.chat_id, dm.user_id, dm.display_name) == (
        "discord",
        "1311000000000000500",
        "402000000000000001",
        "Lena",
    )
    mention = to_incoming(recorded(running, "guild_mention"), BOT_ID, support)
    assert mention is not None and not mention.is_private and mention.text == "gibt es hausaufgabenhilfe?"
    assert to_incoming(recorded(running, "guild_plain"), BOT_ID, support) is None
    attachment = to_incoming(recorded(running, "support_attachment"), BOT_ID, support)
    assert attachment is not None and attachment.has_attachment and attachment.text == ""
    assert to_incoming(recorded(running, "from_bot"), BOT_ID, support) is None


def test_split_text_respects_discords_limit() -> None:
    pieces = split_text("Kiez " * 1000)
    assert len(pieces) == 3 and all(len(p) <= 2000 for p in pieces)
    assert split_text("kurz") == ["kurz"]


async def test_server_messages_need_a_mention_outside_support_channels(running: Running) -> None:
    await running.api.message("Wann ist das Repair-Café?", guild=True, channel_id=GENERAL_CHANNEL)
    await running.api.message(
        "<@880000000000000001> Wann ist das Repair-Café?", guild=True, channel_id=GENERAL_CHANNEL, mention_bot=True
    )
    (sent,) = await running.api.wait_for("sent", 1)
    await asyncio.sleep(0.3)
    assert len(running.api.sent) == 1
    assert sent["channel_id"] == str(GENERAL_CHANNEL) and "Repair-Café" in sent["content"]
    assert sent["message_reference"]["fail_if_not_exists"] is False


async def test_support_channel_answers_without_mention(running: Running) -> None:
    await running.api.message("Gibt es Deutschkurse?", guild=True)
    (sent,) = await running.api.wait_for("sent", 1)
    assert sent["channel_id"] == str(SUPPORT_CHANNEL) and "Deutschkurse" in sent["content"]
    assert "message_reference" in sent


async def test_attachments_get_text_only_please(running: Running) -> None:
    attachment = json.loads((RECORDED / "support_attachment.json").read_text())["attachments"]
    await running.api.message("", guild=True, attachments=attachment)
    (sent,) = await running.api.wait_for("sent", 1)
    assert "nur Text" in sent["content"]
    assert not [r for r in running.api.requests if "attachments" in r[1]]


async def test_buttons_are_clicked_and_stale_ones_get_an_ephemeral_note(running: Running) -> None:
    await running.api.message("kurse und kitaplatz")
    (suggestion,) = await running.api.wait_for("sent", 1)
    ids = [b["custom_id"] for b in suggestion["components"][0]["components"]]
    assert "faq:kita-places" in ids
    await running.api.click("faq:kita-places")
    (answer,) = await running.api.wait_for("callbacks", 1, timeout=3)  # Discord's 3-second deadline
    assert answer["type"] == 4 and "Kiezkinder" in answer["data"]["content"]
    assert not answer["data"].get("flags")  # visible, not ephemeral
    assert answer["data"]["allowed_mentions"] == {"parse": []}
    await running.api.click("faq:entry-deleted-since")
    stale = (await running.api.wait_for("callbacks", 2))[1]
    assert "nicht mehr aktuell" in stale["data"]["content"] and stale["data"]["flags"] == 64


async def test_buttons_still_work_after_a_restart(
    tmp_path: Path, shipped_snapshot: Snapshot, fake_discord: FakeDiscord
) -> None:
    first = await start_app(tmp_path / "one", shipped_snapshot, fake_discord)
    await fake_discord.message("Gibt es freie Kitaplätze?")
    (answer,) = await fake_discord.wait_for("sent", 1)
    old_button = answer["components"][0]["components"][0]["custom_id"]
    first.stop.set()
    await asyncio.wait_for(first.task, 15)
    second = await start_app(tmp_path / "two", shipped_snapshot, fake_discord)
    try:
        await fake_discord.click(old_button)
        (clicked,) = await fake_discord.wait_for("callbacks", 1)
        assert "Kita ist Montag bis Freitag" in clicked["data"]["content"]
    finally:
        second.stop.set()
        await asyncio.wait_for(second.task, 15)


async def test_slash_commands_are_synced_and_answered(running: Running) -> None:
    guild, commands = running.api.synced[0]
    assert guild == str(GUILD_ID)
    assert {c["name"] for c in commands} == {"help", "privacy", "language", "human"}
    await running.api.slash("help")
    (helped,) = await running.api.wait_for("callbacks", 1)
    assert "/privacy" in helped["data"]["content"] and helped["data"]["flags"] == 64
    await running.api.slash("language", options=[{"name": "language", "type": 3, "value": "en"}])
    chosen = (await running.api.wait_for("callbacks", 2))[1]
    assert "English from now on" in chosen["data"]["content"]
    await running.api.slash("human")
    handed_over = (await running.api.wait_for("callbacks", 3))[2]
    assert "passed your message on to our team" in handed_over["data"]["content"]
    assert "KB-" in handed_over["data"]["content"]


async def test_sensitive_message_in_a_public_channel(running: Running) -> None:
    await running.api.message("Ich habe Schulden und weiß nicht weiter", author_id=777, guild=True)
    public, private = await running.api.wait_for("sent", 2)
    assert public["channel_id"] == str(SUPPORT_CHANNEL)
    assert "Schulden" not in public["content"] and "KB-" not in public["content"] and "lösch" in public["content"]
    assert private["channel_id"] == str(700000000000000000 + 777) and "KB-" in private["content"]


async def test_crisis(running: Running) -> None:
    await running.api.message("ich will mich umbringen")
    (sent,) = await running.api.wait_for("sent", 1)
    assert "0800 111 0 111" in sent["content"] and "116 123" in sent["content"]


async def test_mention_injection_pings_nobody(tmp_path: Path, fake_discord: FakeDiscord) -> None:
    from bot.config import Config as PlainConfig
    from bot.reload import build_snapshot
    from tests.conftest import write_faq

    write_faq(
        tmp_path / "faq",
        "x.yml",
        "entries:\n  - id: party\n    questions: {de: [Wann ist die Party?]}\n"
        '    answer: {de: "@everyone Party am Freitag! <@&123456> <@402000000000000001>"}\n',
    )
    snapshot, _ = build_snapshot(PlainConfig(), tmp_path / "faq", lambda: TODAY)
    bot = await start_app(tmp_path, snapshot, fake_discord)
    try:
        await fake_discord.message("Wann ist die Party?")
        await fake_discord.message("@everyone @here <@&123456> hallo")
        sent = await fake_discord.wait_for("sent", 2)
        assert all(message["allowed_mentions"] == {"parse": []} for message in sent)
        assert "@everyone" in sent[0]["content"]  # shown as text, but pings nobody
    finally:
        bot.stop.set()
        await asyncio.wait_for(bot.task, 15)


async def test_429_is_respected_and_recovered(running: Running) -> None:
    running.api.rate_limits["POST channels/"] = 1
    await running.api.message("Gibt es Deutschkurse?")
    (sent,) = await running.api.wait_for("sent", 1)
    assert "Deutschkurse" in sent["content"]
    attempts = [r for r in running.api.requests if r[0] == "POST" and r[1].endswith("/messages")]
    assert len(attempts) == 2


async def test_burst_of_50_each_answered_once(running: Running) -> None:
    questions = ["Wann habt ihr geöffnet?", "Gibt es Deutschkurse?", "Hallo", "Wo seid ihr?", "Ich habe Schulden"]
    for number in range(50):
        await running.api.message(questions[number % 5], author_id=600 + number % 10)
    sent = await running.api.wait_for("sent", 50, timeout=30)
    await asyncio.sleep(0.5)
    assert len(running.api.sent) == 50
    per_channel = {m["channel_id"] for m in sent}
    assert len(per_channel) == 10


async def test_an_error_in_a_handler_does_not_stop_the_client(
    running: Running, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    calls = 0
    original = running.adapter._handle_message

    async def sometimes_broken(message: discord.Message) -> None:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise RuntimeError("bug")
        await original(message)

    monkeypatch.setattr(running.adapter, "_handle_message", sometimes_broken)
    await running.api.message("Gibt es Deutschkurse?")
    await running.api.message("Gibt es Deutschkurse?")
    (sent,) = await running.api.wait_for("sent", 1)
    assert "Deutschkurse" in sent["content"]
    assert calls == 2 and "discord: error in on_message handler" in caplog.text


async def test_reconnects_after_the_gateway_drops(running: Running) -> None:
    await running.api.drop_connection()
    await wait_until(lambda: running.api.identified >= 2, timeout=15)
    await asyncio.sleep(0.5)
    await running.api.message("Gibt es Deutschkurse?")
    await running.api.wait_for("sent", 1)


async def test_token_never_appears_in_logs(running: Running, caplog: pytest.LogCaptureFixture) -> None:
    for name in ("", "discord", "aiohttp"):
        caplog.set_level(logging.DEBUG, logger=name)
    running.api.rate_limits["POST channels/"] = 1
    await running.api.message("Gibt es Deutschkurse?")
    await running.api.wait_for("sent", 1)
    running.stop.set()
    await asyncio.wait_for(running.task, 15)
    assert caplog.records
    assert TOKEN not in caplog.text


async def test_clean_shutdown(running: Running) -> None:
    await running.api.message("Hallo")
    await running.api.wait_for("sent", 1)
    running.stop.set()
    await asyncio.wait_for(running.task, 15)
    assert running.adapter._client is None
    await running.api.message("Noch da?")
    await asyncio.sleep(0.5)
    assert len(running.api.sent) == 1


async def test_a_posted_card_can_be_blanked(running: Running) -> None:
    card = Outgoing("discord", str(STAFF_CHANNEL), "Anfrage KB-TEST „Text“", (Button("Übernehmen", "claim:KB-TEST"),))
    first = await running.adapter.deliver(card)
    second = await running.adapter.deliver(card)
    await running.adapter.edit(Outgoing("discord", str(STAFF_CHANNEL), "KB-TEST: gelöscht"), first)
    edit = running.api.edited[-1]
    assert edit["id"] == first and edit["channel_id"] == str(STAFF_CHANNEL)
    assert edit["content"] == "KB-TEST: gelöscht" and edit["components"] == []
    # Deleted in the client meanwhile: nothing to blank, and retrying would not help.
    running.api.deleted_messages.add(second)
    with pytest.raises(GoneForGood):
        await running.adapter.edit(Outgoing("discord", str(STAFF_CHANNEL), "KB-TEST: gelöscht"), second)


async def test_kiezbot_run_serves_discord_and_stops_on_sigterm(tmp_path: Path, fake_discord: FakeDiscord) -> None:
    """The real `kiezbot run` process: config, token from the environment, adapter, staff channel."""
    import os
    import signal

    config = tmp_path / "kiezbot.toml"
    config.write_text(
        f'[storage]\npath = "{tmp_path / "k.sqlite3"}"\n'
        f'[bot]\nfaq_dir = "{Path(__file__).parent.parent / "faq"}"\n'
        f"[discord]\nenabled = true\nsupport_channels = [{SUPPORT_CHANNEL}]\nguilds = [{GUILD_ID}]\n"
        f"[staff]\ndiscord_channel_id = {STAFF_CHANNEL}\n"
        '[logging]\nlevel = "DEBUG"\n'
    )
    env = {
        **os.environ,
        "KIEZBOT_DISCORD_TOKEN": TOKEN,
        "FAKE_DISCORD_API": fake_discord.api_base,
        "FAKE_DISCORD_GATEWAY": fake_discord.gateway_url,
    }
    launcher = (str(Path(__file__).parent / "discord_run.py"),)
    process = await start_kiezbot_run(config, env, capture=True, launcher=launcher)
    try:
        await wait_until(lambda: len(fake_discord.synced) > 0, timeout=20, interval=0.02)
        await fake_discord.message("Gibt es freie Kitaplätze?")
        (answer,) = await fake_discord.wait_for("sent", 1, timeout=20)
        assert "Kiezkinder" in answer["content"]
        await fake_discord.message("Ich habe Schulden und weiß nicht weiter", author_id=777)
        _, redirect, card = await fake_discord.wait_for("sent", 3, timeout=20)
        assert redirect["channel_id"] == str(700000000000000000 + 777) and "KB-" in redirect["content"]
        assert card["channel_id"] == str(STAFF_CHANNEL) and "KB-" in card["content"]
        assert "Schulden" in card["content"]  # staff see the request, masked (privacy.store_text)
        process.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(process.communicate(), 30)
    finally:
        if process.returncode is None:
            process.kill()
    log = stderr.decode()
    assert process.returncode == 0, log
    assert "discord: connected" in log and "stopped" in log
    assert TOKEN not in log
    assert "Kitaplätze" not in log and "Schulden" not in log  # no message text in the logs, even at DEBUG


async def test_a_card_retried_after_a_crash_is_not_posted_twice(
    tmp_path: Path, running: Running, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bot dies after Discord took the card but before noting it: the retry posts nothing new."""
    import bot.inbox
    from bot.inbox import OutboxWorker, enqueue, pending_outbox
    from bot.storage import AsyncStorage, Storage

    storage = Storage(tmp_path / "outbox.sqlite3")
    enqueue(storage.db, Outgoing("discord", str(STAFF_CHANNEL), "Anfrage KB-NONC"), "KB-NONC", None)
    writer = AsyncStorage(storage)
    worker = OutboxWorker(writer, [running.adapter])
    noted = bot.inbox.mark_delivered

    def dies_before_noting(*args: object) -> None:
        raise RuntimeError("process killed")

    monkeypatch.setattr(bot.inbox, "mark_delivered", dies_before_noting)
    with pytest.raises(RuntimeError):
        await worker.deliver_due()
    (first,) = await running.api.wait_for("sent", 1)
    monkeypatch.setattr(bot.inbox, "mark_delivered", noted)
    assert await worker.deliver_due() == 1  # the retry
    assert len(running.api.sent) == 1, running.api.sent  # Discord returned the card it already had
    assert first["nonce"].startswith("kb") and len(first["nonce"]) <= 25 and first["enforce_nonce"] is True
    assert pending_outbox(storage.db) == []
    card = storage.db.execute("SELECT message_id FROM cards WHERE code = 'KB-NONC'").fetchone()
    assert card == (first["id"],)  # staff can still answer by replying to that card
    # Answers keep discord.py's own random nonce: two equal questions get two answers.
    await running.api.message("Gibt es freie Kitaplätze?")
    await running.api.message("Gibt es freie Kitaplätze?")
    answers = await running.api.wait_for("sent", 3)
    assert answers[1]["id"] != answers[2]["id"] and answers[1]["nonce"] != answers[2]["nonce"]
    await writer.close()
