"""`kiezbot run` as a real process, with discord.py pointed at the local Discord fake.

The in-process Discord tests point discord.py at tests/discord_api.py by patching two
class attributes (tests/conftest.py). A `kiezbot run` process needs the same two
patched inside it before the CLI starts; this launcher does only that, then runs the
real CLI with its arguments. Tests only: production talks to discord.com.

    python tests/discord_run.py run --config kiezbot.toml   (FAKE_DISCORD_API, FAKE_DISCORD_GATEWAY set)
"""

from __future__ import annotations

import os
import sys

import discord
import yarl
from discord.gateway import DiscordWebSocket

from bot.cli import main

if __name__ == "__main__":
    discord.http.Route.BASE = os.environ["FAKE_DISCORD_API"]
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(os.environ["FAKE_DISCORD_GATEWAY"])
    raise SystemExit(main(sys.argv[1:]))
