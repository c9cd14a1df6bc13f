"""The knowledge in service, and how it is replaced when an admin edits `faq/`.

Matcher index, privacy rules and the list of other places are built together into
one immutable `Snapshot`; handlers read `LiveKnowledge.snapshot` for every message,
and a reload swaps the whole snapshot in one assignment. A broken edit never replaces
a good snapshot: the problems are logged (file, line, entry) and the last good
knowledge base stays in service.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from watchfiles import awatch

from bot.config import Config, MatcherSettings
from bot.knowledge import KnowledgeBase, Problem, load_knowledge_base
from bot.matcher import Matcher, MeaningSignal
from bot.meanings import shared_meanings
from bot.places import OtherPlaces, load_other_places
from bot.privacy import PrivacyRules, load_privacy_rules
from bot.semantic import shared_encoder

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Snapshot:
    knowledge: KnowledgeBase
    matcher: Matcher
    rules: PrivacyRules
    places: OtherPlaces


class LiveKnowledge:
    """Holds the snapshot in service; replaced whole, never changed in place."""

    def __init__(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot

    def replace(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot


def build_snapshot(
    config: Config, faq_dir: Path | None = None, today: Callable[[], dt.date] = dt.date.today
) -> tuple[Snapshot, list[Problem]]:
    """Load FAQ and privacy rules from the folder and index them; return all problems."""
    folder = faq_dir or config.bot.faq_dir
    loaded = load_knowledge_base(folder)
    rules, rule_problems = load_privacy_rules(folder, config.contact.address)
    matcher = Matcher(loaded.knowledge, config.matcher, today, meaning_signal(config.matcher))
    places, place_problems = (
        load_other_places(folder, loaded.knowledge) if config.matcher.other_places else (OtherPlaces((), ()), [])
    )
    return Snapshot(loaded.knowledge, matcher, rules, places), [*loaded.problems, *rule_problems, *place_problems]


def meaning_signal(settings: MatcherSettings) -> MeaningSignal | None:
    """The word-meaning signal the settings ask for; the sentence encoder, when on, replaces the table."""
    if settings.semantic_reranker:
        return MeaningSignal(shared_encoder(), settings.semantic_weight, settings.semantic_floor)
    if settings.word_meanings:
        return MeaningSignal(
            shared_meanings(),
            settings.meaning_weight,
            settings.meaning_floor,
            content_words_only=True,
            limited_by_coverage=True,
        )
    return None


def has_errors(problems: list[Problem]) -> bool:
    return any(problem.severity == "error" for problem in problems)


async def reload_now(config: Config, live: LiveKnowledge, faq_dir: Path | None = None) -> bool:
    """Rebuild off the event loop; swap in only if the files have no errors."""
    snapshot, problems = await asyncio.to_thread(build_snapshot, config, faq_dir)
    for problem in problems:
        log.warning("FAQ: %s", problem)
    if has_errors(problems):
        log.error("FAQ reload refused (%d problems); the previous knowledge base stays in service", len(problems))
        return False
    live.replace(snapshot)
    log.info("FAQ reloaded: %d entries", len(snapshot.knowledge))
    return True


async def watch_faq(config: Config, live: LiveKnowledge, stop: asyncio.Event, faq_dir: Path | None = None) -> None:
    """Reload whenever a YAML file in the FAQ folder changes, until `stop` is set."""
    folder = faq_dir or config.bot.faq_dir

    def is_yaml(_change: object, path: str) -> bool:
        return path.endswith((".yml", ".yaml"))

    # debounce: editors write a file in several steps; wait for the burst to settle.
    async for _changes in awatch(folder, watch_filter=is_yaml, stop_event=stop, debounce=400, recursive=False):
        try:
            await reload_now(config, live, folder)
        except Exception as exc:  # a reload must never take the running bot down
            log.error("FAQ reload failed: %s", type(exc).__name__)
