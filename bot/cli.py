"""The `kiezbot` command: ask, chat, run, check, stats.

The only place that turns errors into exit codes: below this module, bad config or
FAQ files raise `ConfigError` or return problems, and nothing calls `sys.exit`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import signal
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TextIO

from bot import __version__
from bot.adapters.base import ChannelAdapter
from bot.adapters.console import ConsoleAdapter
from bot.app import App, build_handlers, today_in
from bot.config import Config, ConfigError, load_config
from bot.flood import FloodGuard
from bot.knowledge import near_duplicates
from bot.logs import add_secret
from bot.messages import IncomingMessage, Reply
from bot.pipeline import Context, Pipeline
from bot.privacy import typo_warnings
from bot.reload import LiveKnowledge, Snapshot, build_snapshot, has_errors
from bot.storage import AsyncStorage, CaseCodes, Storage
from bot.texts import Texts

log = logging.getLogger("kiezbot")


def _setup_logging(config: Config, quiet: bool = False) -> None:
    level = logging.WARNING if quiet else getattr(logging, config.logging.level)
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    # Platform and HTTP libraries log whole updates (members' messages and names) at
    # DEBUG and request URLs (with bot tokens) at INFO: only their warnings get through,
    # whatever the level. Tokens are redacted anyway (bot.logs).
    for library in ("telegram", "discord", "httpx", "httpcore", "aiohttp", "watchfiles", "apscheduler"):
        logging.getLogger(library).setLevel(logging.WARNING)


def _load(args: argparse.Namespace) -> tuple[Config, Path]:
    config = load_config(args.config)
    faq_dir = args.faq if getattr(args, "faq", None) else config.bot.faq_dir
    return config, faq_dir


def _snapshot_or_report(config: Config, faq_dir: Path, out: TextIO) -> Snapshot | None:
    snapshot, problems = build_snapshot(config, faq_dir, today_in(config))
    for problem in problems:
        out.write(f"{problem}\n")
    if has_errors(problems):
        out.write(f"The knowledge base in {faq_dir} has errors; run `kiezbot check --faq {faq_dir}`.\n")
        return None
    return snapshot


def _reply_json(question: str, reply: Reply) -> str:
    return json.dumps(
        {
            "question": question,
            "action": reply.kind.value,
            "faq_id": reply.faq_id,
            "also_answered": list(reply.also_answered),
            "suggestions": list(reply.suggestions),
            "topic": reply.topic,
            "score": None if reply.score is None else round(reply.score, 4),
            "lang": reply.language,
            "reply": reply.text,
        },
        ensure_ascii=False,
    )


def _questions(args: argparse.Namespace, stdin: TextIO) -> Iterable[str]:
    if args.question is not None:
        yield args.question
        return
    for line in stdin:
        yield line.rstrip("\n")


def cmd_ask(args: argparse.Namespace, stdin: TextIO, stdout: TextIO, stderr: TextIO) -> int:
    config, faq_dir = _load(args)
    snapshot = _snapshot_or_report(config, faq_dir, stderr)
    if snapshot is None:
        return 1
    if args.question is None and not args.json:
        stderr.write('Give a question, e.g. kiezbot ask "Wann habt ihr offen?" (or --json to read stdin).\n')
        return 2
    texts = Texts(config)
    live = LiveKnowledge(snapshot)
    # `ask` keeps nothing: case codes come from memory, and no storage is opened.
    pipeline = Pipeline(build_handlers(config, live, texts, CaseCodes(), matcher_only=args.matcher_only), texts)
    today = today_in(config)
    for number, question in enumerate(_questions(args, stdin), start=1):
        message = IncomingMessage(platform="cli", chat_id="cli", user_id="cli", text=question, message_id=str(number))
        reply = pipeline.process(message, Context(today=today(), chosen_language=args.lang))
        if args.json:
            stdout.write(_reply_json(question, reply) + "\n")
        else:
            stdout.write(reply.text + "\n")
            for button in reply.buttons:
                stdout.write(f"  [{button.label}]\n")
    return 0


def _build_app(config: Config, snapshot: Snapshot, adapters: Sequence[ChannelAdapter]) -> App:
    texts = Texts(config)
    live = LiveKnowledge(snapshot)
    storage = AsyncStorage.open(config.storage.path)
    pipeline = Pipeline(build_handlers(config, live, texts, storage.case_codes), texts)
    flood = FloodGuard(config.flood.messages_per_minute, config.flood.mute_minutes * 60)
    return App(config, live, pipeline, storage, adapters, flood=flood)


def cmd_chat(args: argparse.Namespace, stdin: TextIO, stdout: TextIO, stderr: TextIO) -> int:
    config, faq_dir = _load(args)
    _setup_logging(config, quiet=True)
    config = config.model_copy(update={"bot": config.bot.model_copy(update={"faq_dir": faq_dir})})
    snapshot = _snapshot_or_report(config, faq_dir, stderr)
    if snapshot is None:
        return 1
    console = ConsoleAdapter(stdin, stdout)
    app = _build_app(config, snapshot, [console])
    stdout.write(f"Kiezbot {__version__} – {config.bot.name}. Frag einfach! (Ende mit /quit oder Strg+D)\n")

    async def main() -> None:
        stop = asyncio.Event()

        async def stop_when_done() -> None:
            await console.finished.wait()
            stop.set()

        watcher = asyncio.create_task(stop_when_done())
        await app.run(stop)
        await watcher

    asyncio.run(main())
    return 0


def _secret_from_env(name: str, key: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ConfigError(f"{key}: the environment variable {name} is not set (it should hold the secret)")
    add_secret(value)
    return value


def _channel_adapters(config: Config) -> list[ChannelAdapter]:
    """Every channel enabled in config, with its secrets read from the environment."""
    adapters: list[ChannelAdapter] = []
    if config.telegram.enabled:
        from bot.adapters.telegram import TelegramAdapter  # only load PTB when it is used

        token = _secret_from_env(config.telegram.token_env, "telegram.token_env")
        secret = None
        if config.telegram.mode == "webhook":
            secret = _secret_from_env(config.telegram.webhook_secret_env, "telegram.webhook_secret_env")
        staff_group = frozenset({str(config.staff.telegram_chat_id)} if config.staff.telegram_chat_id else ())
        adapters.append(TelegramAdapter(token, config.telegram, webhook_secret=secret, always_read=staff_group))
    if config.discord.enabled:
        from bot.adapters.discord import DiscordAdapter  # only load discord.py when it is used

        token = _secret_from_env(config.discord.token_env, "discord.token_env")
        staff_channel = frozenset({config.staff.discord_channel_id} if config.staff.discord_channel_id else ())
        adapters.append(DiscordAdapter(token, config.discord, always_read=staff_channel))
    return adapters


def cmd_run(args: argparse.Namespace, stdin: TextIO, stdout: TextIO, stderr: TextIO) -> int:
    config, faq_dir = _load(args)
    _setup_logging(config)
    config = config.model_copy(update={"bot": config.bot.model_copy(update={"faq_dir": faq_dir})})
    adapters = _channel_adapters(config)
    if not adapters:
        stderr.write(
            "No channel is enabled in the config. Enable [telegram] or [discord] (see config.example.toml), "
            "or talk to the bot in the terminal with `kiezbot chat`.\n"
        )
        return 2
    snapshot = _snapshot_or_report(config, faq_dir, stderr)
    if snapshot is None:
        return 1
    app = _build_app(config, snapshot, adapters)
    log.info("starting %s with %d entries", ", ".join(a.platform for a in adapters), len(snapshot.knowledge))

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        await app.run(stop)

    asyncio.run(main())
    log.info("stopped")
    return 0


def cmd_check(args: argparse.Namespace, stdin: TextIO, stdout: TextIO, stderr: TextIO) -> int:
    config, faq_dir = _load(args)
    snapshot, problems = build_snapshot(config, faq_dir)
    problems = [*problems, *near_duplicates(snapshot.knowledge), *typo_warnings(faq_dir)]
    for problem in problems:
        stdout.write(f"{problem}\n")
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    stdout.write(f"{len(snapshot.knowledge)} entries checked in {faq_dir}: {errors} errors, {warnings} warnings\n")
    return 1 if errors else 0


def cmd_stats(args: argparse.Namespace, stdin: TextIO, stdout: TextIO, stderr: TextIO) -> int:
    config, _ = _load(args)
    path = config.storage.path
    if not path.exists():
        stderr.write(f"No data yet: {path} does not exist.\n")
        return 1
    storage = Storage(path)
    try:
        stats = storage.stats(days=args.days)
    finally:
        storage.close()
    out = [f"Last {args.days} days"]
    out.append(
        "  " + ", ".join(f"{k}: {v}" for k, v in sorted(stats.totals.items())) if stats.totals else "  no answers yet"
    )
    out.append("\nMost-asked entries:")
    out += [f"  {n:5d}  {entry}" for entry, n in stats.top_entries] or ["  –"]
    out.append("\nUnanswered questions (most frequent first):")
    out += [f"  {n:5d}  {text}" for text, n in stats.unanswered] or ["  –"]
    out.append("\nRedirects by topic:")
    out += [f"  {n:5d}  {topic}" for topic, n in stats.redirects_by_topic] or ["  –"]
    stdout.write("\n".join(out) + "\n")
    return 0


def cmd_bench(args: argparse.Namespace, stdin: TextIO, stdout: TextIO, stderr: TextIO) -> int:
    from bot.bench import run_bench  # numpy-heavy reporting, only needed here

    config = load_config(args.config)
    if args.semantic:
        matcher = config.matcher.model_copy(update={"semantic_reranker": True})
        config = config.model_copy(update={"matcher": matcher})
    try:
        run_bench(
            config,
            args.faq_dir,
            args.cases,
            args.matcher_only,
            stdout,
            baselines=not args.no_baselines,
            sweep_thresholds=args.sweep,
        )
    except (OSError, ValueError) as exc:
        stderr.write(f"{exc}\n")
        return 1
    return 0


def cmd_purge(args: argparse.Namespace, stdin: TextIO, stdout: TextIO, stderr: TextIO) -> int:
    from bot.inbox import purge

    config, _ = _load(args)
    path = config.storage.path
    if not path.exists():
        stdout.write(f"Nothing to purge: {path} does not exist.\n")
        return 0
    storage = Storage(path)
    try:
        deleted = purge(storage.db, config.staff.retention_days, config.staff.language)
    finally:
        storage.close()
    stdout.write(f"Deleted {deleted} records older than {config.staff.retention_days} days.\n")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kiezbot", description="FAQ chat-bot for social organisations.")
    parser.add_argument("--version", action="version", version=f"kiezbot {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", type=Path, help="TOML config file (default: built-in defaults)")
    with_faq = argparse.ArgumentParser(add_help=False, parents=[common])
    with_faq.add_argument("--faq", type=Path, help="FAQ folder (default: from config, else the shipped faq/)")
    commands = parser.add_subparsers(dest="command", required=True)

    ask = commands.add_parser("ask", parents=[with_faq], help="answer one question (or stdin with --json)")
    ask.add_argument("question", nargs="?", help="the question; with --json and without it, one per stdin line")
    ask.add_argument("--json", action="store_true", help="one JSON object per question")
    ask.add_argument("--lang", choices=["de", "en"], help="answer as if the member chose this language")
    ask.add_argument(
        "--matcher-only", action="store_true", help="skip privacy gate and small talk (for matcher benchmarks)"
    )
    ask.set_defaults(handler=cmd_ask)
    commands.add_parser("chat", parents=[with_faq], help="talk to the bot in the terminal").set_defaults(
        handler=cmd_chat
    )
    commands.add_parser("run", parents=[with_faq], help="start every channel enabled in config").set_defaults(
        handler=cmd_run
    )
    commands.add_parser("check", parents=[with_faq], help="check the FAQ files and list every problem").set_defaults(
        handler=cmd_check
    )
    bench = commands.add_parser("bench", parents=[common], help="measure matching quality and speed on a case file")
    bench.add_argument("faq_dir", type=Path, help="FAQ folder")
    bench.add_argument("cases", type=Path, help="cases file: expect<TAB>question per line")
    bench.add_argument("--matcher-only", action="store_true", help="skip privacy gate and small talk")
    bench.add_argument("--no-baselines", action="store_true", help="skip the rapidfuzz baselines")
    bench.add_argument(
        "--semantic", action="store_true", help="turn the optional sentence-encoder re-ranker on for this run"
    )
    bench.add_argument(
        "--sweep",
        action="store_true",
        help="also show the best answer threshold and margin for these cases (an upper bound, not a result)",
    )
    bench.set_defaults(handler=cmd_bench)
    commands.add_parser("purge", parents=[common], help="delete closed tickets and old requests now").set_defaults(
        handler=cmd_purge
    )
    stats = commands.add_parser("stats", parents=[common], help="most-asked, unanswered, redirects")
    stats.add_argument("--days", type=int, default=30)
    stats.set_defaults(handler=cmd_stats)
    return parser


def main(argv: Sequence[str] | None = None, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    args = build_parser().parse_args(argv)
    out = stdout or sys.stdout
    try:
        result: int = args.handler(args, stdin or sys.stdin, out, sys.stderr)
        return result
    except ConfigError as exc:
        sys.stderr.write(f"Config error: {exc}\n")
        return 2
    except KeyboardInterrupt:
        return 130
