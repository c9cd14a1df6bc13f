"""Fixtures shared by all tests; the network is off (loopback only)."""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import discord
import pytest
import yarl
from discord.gateway import DiscordWebSocket

from bot.app import build_handlers
from bot.config import SHIPPED_FAQ_DIR, Config, parse_config
from bot.pipeline import Context, Pipeline
from bot.reload import LiveKnowledge, Snapshot, build_snapshot
from bot.storage import CaseCodes
from bot.texts import Texts
from tests.discord_api import TOKEN as DISCORD_TOKEN
from tests.discord_api import FakeDiscord

# A fixed day inside the example FAQ's seasonal entries, so tests do not age.
TODAY = dt.date(2026, 11, 27)


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail any test that tries to reach beyond this machine (like PTB's OfflineRequest)."""
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> object:
        if isinstance(address, tuple) and address:
            host = str(address[0])
            try:
                allowed = ipaddress.ip_address(host).is_loopback
            except ValueError:
                allowed = host == "localhost"
            if not allowed:
                raise OSError(f"test tried to reach the network: {host}")
        return real_connect(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", guarded)
    yield


@pytest.fixture
async def fake_discord(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[FakeDiscord]:
    """The local Discord gateway and REST fake, with discord.py pointed at it."""
    api = FakeDiscord(DISCORD_TOKEN)
    await api.start()
    monkeypatch.setattr(discord.http.Route, "BASE", api.api_base)
    monkeypatch.setattr(DiscordWebSocket, "DEFAULT_GATEWAY", yarl.URL(api.gateway_url))
    yield api
    await api.stop()


@pytest.fixture(scope="session")
def shipped_snapshot() -> Snapshot:
    snapshot, problems = build_snapshot(Config(), SHIPPED_FAQ_DIR, lambda: TODAY)
    assert not [p for p in problems if p.severity == "error"], problems
    return snapshot


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return parse_config({"storage": {"path": str(tmp_path / "kiezbot.sqlite3")}})


PipelineFactory = Callable[..., Pipeline]


@pytest.fixture
def make_pipeline(shipped_snapshot: Snapshot, config: Config) -> PipelineFactory:
    def factory(snapshot: Snapshot | None = None, cfg: Config | None = None, matcher_only: bool = False) -> Pipeline:
        cfg = cfg or config
        texts = Texts(cfg)
        live = LiveKnowledge(snapshot or shipped_snapshot)
        return Pipeline(build_handlers(cfg, live, texts, CaseCodes(), matcher_only=matcher_only), texts)

    return factory


@pytest.fixture
def pipeline(make_pipeline: PipelineFactory) -> Pipeline:
    return make_pipeline()


@pytest.fixture
def context() -> Context:
    return Context(today=TODAY)


def write_faq(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path
