"""Speed and memory of Kiezbot on this machine; prints numbers, asserts nothing.

    .venv/bin/python benchmarks/speed.py [--shared ../shared] [--semantic]

1. Matcher query latency (median, p95) at 1,500 phrasings (CLINC150-10) and at
   15,000 (the same FAQ with nine perturbed copies of every phrasing: dropped words,
   swapped words, typos), with index build time.
2. Full-pipeline throughput through an in-process channel with SQLite storage on,
   one message at a time and with 16 in flight (as the Telegram adapter runs updates).
3. Resident memory of a process that has imported both platform libraries
   (python-telegram-bot, discord.py) and loaded the example knowledge base.

With --semantic, all of it runs with the optional sentence-encoder re-ranker on; with
--no-word-meanings, without the default word-meaning table (to see what it costs).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.config import Config, parse_config  # noqa: E402
from bot.knowledge import Entry, KnowledgeBase, load_knowledge_base  # noqa: E402
from bot.matcher import Matcher  # noqa: E402
from bot.messages import IncomingMessage  # noqa: E402
from bot.reload import build_snapshot, meaning_signal  # noqa: E402
from tests.fakes import FakeAdapter, build_app, run_app  # noqa: E402


def perturb(question: str, rng: random.Random) -> str:
    words = question.split()
    choice = rng.randrange(3)
    if choice == 0 and len(words) > 2:
        del words[rng.randrange(len(words))]
    elif choice == 1 and len(words) > 2:
        i = rng.randrange(len(words) - 1)
        words[i], words[i + 1] = words[i + 1], words[i]
    else:
        i = rng.randrange(len(words))
        word = words[i]
        if len(word) > 3:
            j = rng.randrange(1, len(word) - 1)
            words[i] = word[:j] + word[j + 1] + word[j] + word[j + 2 :]
    return " ".join(words)


def scaled(knowledge: KnowledgeBase, copies: int) -> KnowledgeBase:
    rng = random.Random(7)
    entries = []
    for entry in knowledge.entries:
        questions = {
            lang: tuple(q for original in qs for q in [original, *(perturb(original, rng) for _ in range(copies))])
            for lang, qs in entry.questions.items()
        }
        entries.append(Entry(entry.id, questions, entry.answer, keywords=entry.keywords))
    return KnowledgeBase(tuple(entries))


def latency(config: Config, knowledge: KnowledgeBase, questions: list[str], label: str) -> None:
    phrasings = knowledge.phrasing_count
    signal = meaning_signal(config.matcher)
    started = time.perf_counter()
    matcher = Matcher(knowledge, config.matcher, meaning=signal)
    build = time.perf_counter() - started
    times = []
    for question in questions:
        begin = time.perf_counter()
        matcher.match(question)
        times.append(time.perf_counter() - begin)
    times.sort()
    p95 = times[int(len(times) * 0.95)]
    print(
        f"{label}: {phrasings} phrasings, {len(questions)} questions: median {statistics.median(times) * 1000:.2f} ms, "
        f"p95 {p95 * 1000:.2f} ms; index build {build:.1f} s"
    )


async def throughput(matcher: dict[str, object], messages: int, in_flight: int = 16) -> None:
    with tempfile.TemporaryDirectory() as folder:
        config = parse_config(
            {
                "storage": {"path": str(Path(folder) / "bench.sqlite3")},
                "bot": {"watch_faq": False},
                "matcher": matcher,
            }
        )
        snapshot, _ = build_snapshot(config)
        adapter = FakeAdapter()
        app = build_app(config, snapshot, [adapter])
        stop, task = run_app(app)
        while not adapter.started:
            await asyncio.sleep(0.01)
        cases = (ROOT / "benchmarks" / "kiez" / "cases.tsv").read_text(encoding="utf-8").splitlines()[1:]
        questions = [line.split("\t", 1)[1] for line in cases]
        started = time.perf_counter()
        # Up to 16 messages in flight, as the Telegram adapter handles updates; with one
        # at a time, each SQLite commit on the writer thread would stall the next message.
        slots = asyncio.Semaphore(in_flight)

        async def one(number: int) -> None:
            async with slots:
                text = questions[number % len(questions)]
                await adapter.receive(
                    IncomingMessage("fake", f"c{number % 50}", f"u{number % 50}", text, message_id=str(number))
                )

        await asyncio.gather(*(one(number) for number in range(messages)))
        elapsed = time.perf_counter() - started
        stop.set()
        await task
        assert adapter.sent.qsize() == messages
        print(
            f"pipeline throughput (fake channel, SQLite storage on, {len(questions)} distinct questions incl. "
            f"redirects, {in_flight} in flight): {messages / elapsed:.0f} messages/s"
        )


def memory(config: Config) -> None:
    import discord  # noqa: F401
    import telegram.ext  # noqa: F401

    build_snapshot(config)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"resident memory with python-telegram-bot, discord.py and the example FAQ loaded: {rss:.0f} MB (peak)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--messages", type=int, default=5000)
    parser.add_argument("--semantic", action="store_true", help="with the sentence-encoder re-ranker on")
    parser.add_argument("--no-word-meanings", action="store_true", help="without the word-meaning table")
    args = parser.parse_args()
    matcher: dict[str, object] = {"semantic_reranker": args.semantic, "word_meanings": not args.no_word_meanings}
    config = parse_config({"matcher": matcher})
    memory(config)  # first, before the big indexes below raise the peak
    # Next, in a process that holds only the example FAQ, like a running bot.
    asyncio.run(throughput(matcher, args.messages, in_flight=1))
    asyncio.run(throughput(matcher, args.messages))
    clinc = load_knowledge_base(args.shared / "eval" / "clinc150-10" / "faq").knowledge
    lines = (args.shared / "eval" / "clinc150-10" / "cases.tsv").read_text().splitlines()[1:]
    questions = [line.split("\t", 1)[1] for line in lines][:2000]
    latency(config, clinc, questions, "matcher latency")
    latency(config, scaled(clinc, 9), questions, "matcher latency")


if __name__ == "__main__":
    main()
