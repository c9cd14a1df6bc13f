"""The knowledge base: reads the admins' YAML files in `faq/` and reports every problem.

Admins are often not programmers, so every problem names the file, the line and the
entry id, and one broken entry never hides the problems of the others. Loading
returns the entries *and* the problems; the caller decides whether problems are fatal
(`kiezbot check`, start-up) or whether the last good knowledge base stays in service
(reload while running).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictStr, ValidationError, field_validator
from rapidfuzz import fuzz, process
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError

from bot.text import fold

SENSITIVE_FILE = "sensitive.yml"
# Other places the FAQ does not answer for (bot/places.py); not FAQ entries either.
PLACES_FILE = "places.yml"
_ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_LANGUAGE_PATTERN = re.compile(r"^[a-z]{2}$")
# Two phrasings of different entries this similar (0-100, on folded text) confuse the
# matcher and usually mean an admin copied an entry and forgot to change it.
NEAR_DUPLICATE_SCORE = 95.0
# Files larger than this are refused rather than parsed; a real FAQ is far smaller.
MAX_FILE_BYTES = 5_000_000


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong (or suspicious) in a knowledge-base file."""

    file: str
    line: int | None
    entry_id: str | None
    message: str
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        entry = f" [{self.entry_id}]" if self.entry_id else ""
        return f"{where}{entry}: {self.severity}: {self.message}"


@dataclass(frozen=True, slots=True)
class Entry:
    """One question-and-answer entry, as the admins wrote it."""

    id: str
    questions: Mapping[str, tuple[str, ...]]
    answer: Mapping[str, str]
    category: str | None = None
    keywords: tuple[str, ...] = ()
    follow_up: tuple[str, ...] = ()
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    file: str = ""
    line: int | None = None

    def is_valid_on(self, day: dt.date) -> bool:
        if self.valid_from and day < self.valid_from:
            return False
        return not (self.valid_until and day > self.valid_until)

    def answer_language(self, wanted: str, default: str) -> str:
        """The language to answer in: the wanted one if written, else the default, else any."""
        for language in (wanted, default):
            if language in self.answer:
                return language
        return next(iter(self.answer))

    def phrasings(self) -> tuple[str, ...]:
        """Every question the admins wrote for this entry, all languages in file order."""
        return tuple(question for questions in self.questions.values() for question in questions)

    def title(self, language: str, default: str) -> str:
        """A short label for buttons: the entry's first phrasing in that language."""
        for lang in (language, default, *self.questions):
            if self.questions.get(lang):
                return self.questions[lang][0]
        return self.id


@dataclass(frozen=True, slots=True)
class KnowledgeBase:
    entries: tuple[Entry, ...]
    by_id: Mapping[str, Entry] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Frozen, so the lookup table is set once here and never changes afterwards.
        object.__setattr__(self, "by_id", {entry.id: entry for entry in self.entries})

    def get(self, entry_id: str) -> Entry | None:
        return self.by_id.get(entry_id)

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def phrasing_count(self) -> int:
        """How many phrasings all entries have together: the size the matcher indexes."""
        return sum(len(entry.phrasings()) for entry in self.entries)


@dataclass(frozen=True, slots=True)
class LoadResult:
    knowledge: KnowledgeBase
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")


class _EntrySchema(BaseModel):
    """The shape of one entry; cross-entry rules are checked after parsing."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: StrictStr
    category: StrictStr | None = None
    questions: dict[StrictStr, list[StrictStr]] = Field(min_length=1)
    answer: dict[StrictStr, StrictStr] = Field(min_length=1)
    keywords: list[StrictStr] = []
    follow_up: list[StrictStr] = []
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None

    @field_validator("id")
    @classmethod
    def _id_format(cls, value: str) -> str:
        if not _ID_PATTERN.match(value):
            raise ValueError("id must use lowercase letters, digits and dashes, e.g. kita-places")
        return value


def _content_problems(schema: _EntrySchema, raw: Mapping[str, Any], shown_as: str) -> list[Problem]:
    """Per-language checks, each pointing at the exact line of that language."""
    problems = []

    def add(path: list[Any], message: str) -> None:
        problems.append(Problem(shown_as, line_of(raw, path), schema.id, message))

    for language, phrasings in schema.questions.items():
        if not _LANGUAGE_PATTERN.match(language):
            add(["questions", language], f"{language!r} is not a two-letter language code such as de or en")
        if not any(p.strip() for p in phrasings):
            add(["questions", language], f"questions: no questions for language {language!r}")
        for index, phrasing in enumerate(phrasings):
            if phrasings and any(p.strip() for p in phrasings) and not phrasing.strip():
                add(["questions", language, index], f"questions: an empty question in language {language!r}")
    for language, text in schema.answer.items():
        if not _LANGUAGE_PATTERN.match(language):
            add(["answer", language], f"{language!r} is not a two-letter language code such as de or en")
        if not text.strip():
            add(["answer", language], f"answer: the answer in {language!r} is empty")
    missing = sorted(set(schema.questions) - set(schema.answer))
    if missing:
        add(["answer"], f"no answer for language(s): {', '.join(missing)}")
    if schema.valid_from and schema.valid_until and schema.valid_from > schema.valid_until:
        add(["valid_until"], "valid_until is before valid_from")
    return problems


class _DatesAsText(RoundTripConstructor):
    """Leaves dates as text, so a bad date is reported by validation, with its line."""


_DatesAsText.add_constructor(
    "tag:yaml.org,2002:timestamp",
    lambda constructor, node: str(constructor.construct_scalar(node)),
)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Constructor = _DatesAsText
    yaml.allow_duplicate_keys = False
    return yaml


def line_of(node: Any, path: Iterable[Any]) -> int | None:
    """The 1-based line of `path` inside a ruamel node, as deep as the path can be followed."""
    line: int | None = None
    if isinstance(node, CommentedMap | CommentedSeq):
        line = node.lc.line + 1
    for part in path:
        if isinstance(node, CommentedMap) and part in node:
            line = node.lc.key(part)[0] + 1
            node = node[part]
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
            line = node.lc.item(part)[0] + 1
            node = node[part]
        else:
            break
    return line


def read_yaml(path: Path, shown_as: str) -> tuple[Any, list[Problem]]:
    """Parse one YAML file; a syntax error becomes a `Problem` with its line."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return None, [Problem(shown_as, None, None, f"file is larger than {MAX_FILE_BYTES} bytes")]
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except OSError as exc:
        return None, [Problem(shown_as, None, None, f"cannot read file ({exc.strerror})")]
    except UnicodeDecodeError:
        return None, [Problem(shown_as, None, None, "file is not UTF-8 text")]
    try:
        return _yaml().load(text), []
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        detail = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        if "mapping values are not allowed" in detail:
            detail += ' (a text that contains ": " must be in quotes)'
        if "alias" in detail:
            detail += ' (a text that starts with * or & must be in quotes, e.g. "*schulden")'
        if "'\\t'" in detail:
            detail += " (a tab: indent with spaces only)"
        if "found unexpected end of stream" in detail or "expected ',' or ']'" in detail:
            # The error shows where the parser gave up; the admin needs where it began.
            opened = exc.context_mark
            where = f" on line {opened.line + 1}" if opened is not None else ""
            detail += f" (a quote or bracket opened{where} and never closed?)"
        return None, [Problem(shown_as, line, None, f"YAML syntax error: {detail}")]
    except Exception as exc:  # ruamel raises a few unmarked errors on odd input
        return None, [Problem(shown_as, None, None, f"YAML syntax error: {exc}")]


def _entry_from(raw: Mapping[str, Any], shown_as: str, line: int | None) -> Entry | list[Problem]:
    entry_id = raw.get("id") if isinstance(raw.get("id"), str) else None
    try:
        schema = _EntrySchema.model_validate(dict(raw))
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = [part for part in error["loc"] if not (isinstance(part, str) and part.startswith("function-"))]
            key = ".".join(str(p) for p in loc)
            message = (
                "unknown key" if error["type"] == "extra_forbidden" else error["msg"].removeprefix("Value error, ")
            )
            problems.append(Problem(shown_as, line_of(raw, loc) or line, entry_id, f"{key}: {message}"))
        return problems
    problems = _content_problems(schema, raw, shown_as)
    if problems:
        return problems
    return Entry(
        id=schema.id,
        category=schema.category,
        questions={lang: tuple(q.strip() for q in qs) for lang, qs in schema.questions.items()},
        answer={lang: text.strip() for lang, text in schema.answer.items()},
        keywords=tuple(k.strip() for k in schema.keywords if k.strip()),
        follow_up=tuple(schema.follow_up),
        valid_from=schema.valid_from,
        valid_until=schema.valid_until,
        file=shown_as,
        line=line,
    )


def faq_files(folder: Path) -> list[Path]:
    """Every *.yml / *.yaml file in the folder, sorted, without the privacy rules and places files."""
    files = [p for p in folder.iterdir() if p.is_file() and p.suffix in (".yml", ".yaml")]
    return sorted(p for p in files if p.name not in (SENSITIVE_FILE, PLACES_FILE) and not p.name.startswith("."))


def load_knowledge_base(folder: Path) -> LoadResult:
    """Read every FAQ file in `folder`; return the good entries and all problems."""
    problems: list[Problem] = []
    if not folder.is_dir():
        problem = Problem(str(folder), None, None, "FAQ folder not found")
        return LoadResult(KnowledgeBase(()), (problem,))
    entries: list[Entry] = []
    first_seen: dict[str, str] = {}
    follow_ups: list[tuple[Entry, str, int | None]] = []
    # Ids of every entry written, even broken ones: a follow-up to an entry with its own
    # problem is not a second problem.
    declared: set[str] = set()
    files = faq_files(folder)
    if not files:
        problems.append(Problem(str(folder), None, None, "no *.yml files with entries found"))
    for path in files:
        shown_as = str(path)
        document, file_problems = read_yaml(path, shown_as)
        problems.extend(file_problems)
        if file_problems:
            continue
        if document is None:
            problems.append(Problem(shown_as, None, None, "file is empty (expected 'entries:')", "warning"))
            continue
        if not isinstance(document, CommentedMap) or "entries" not in document:
            problems.append(Problem(shown_as, line_of(document, []), None, "expected a top-level key 'entries:'"))
            continue
        unknown = [key for key in document if key != "entries"]
        for key in unknown:
            problems.append(Problem(shown_as, line_of(document, [key]), None, f"{key}: unknown key"))
        raw_entries = document["entries"]
        if not isinstance(raw_entries, CommentedSeq):
            problems.append(Problem(shown_as, line_of(document, ["entries"]), None, "'entries' must be a list"))
            continue
        for index, raw in enumerate(raw_entries):
            line = line_of(raw_entries, [index])
            if not isinstance(raw, CommentedMap):
                problems.append(Problem(shown_as, line, None, "an entry must be a mapping with id, questions, answer"))
                continue
            result = _entry_from(raw, shown_as, line)
            if isinstance(raw.get("id"), str):
                declared.add(raw["id"])
            if isinstance(result, list):
                problems.extend(result)
                continue
            if result.id in first_seen:
                problems.append(
                    Problem(shown_as, line, result.id, f"duplicate id (first used at {first_seen[result.id]})")
                )
                continue
            first_seen[result.id] = f"{shown_as}:{line}"
            entries.append(result)
            for target in result.follow_up:
                follow_ups.append((result, target, line_of(raw, ["follow_up"])))
    for entry, target, line in follow_ups:
        if target not in declared:
            problems.append(Problem(entry.file, line, entry.id, f"follow_up: unknown entry id {target!r}"))
    return LoadResult(KnowledgeBase(tuple(entries)), tuple(problems))


def near_duplicates(knowledge: KnowledgeBase, threshold: float = NEAR_DUPLICATE_SCORE) -> list[Problem]:
    """Warn about near-identical phrasings in two different entries."""
    phrasings: list[tuple[Entry, str]] = [
        (entry, question) for entry in knowledge.entries for question in entry.phrasings()
    ]
    folded = [fold(question) for _, question in phrasings]
    if len(folded) < 2:
        return []
    scores = process.cdist(folded, folded, scorer=fuzz.ratio, score_cutoff=threshold, workers=1)
    warnings = []
    for i, j in zip(*scores.nonzero(), strict=True):
        if i >= j or phrasings[i][0].id == phrasings[j][0].id:
            continue
        (first, q1), (second, q2) = phrasings[i], phrasings[j]
        warnings.append(
            Problem(
                first.file,
                first.line,
                first.id,
                f"phrasing {q1!r} is nearly the same as {q2!r} in entry {second.id!r}",
                "warning",
            )
        )
    return warnings
