"""Configuration as data: a TOML file becomes frozen, validated settings.

Every key has a default, so Kiezbot runs without a config file. Unknown keys and
wrong values raise one `ConfigError` that names the key, e.g.
``matcher.answer_threshold: must be between 0 and 1``. Secrets never live here:
the config only names the environment variable that holds a token.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

LanguageCode = str

# The example knowledge base that ships with Kiezbot, used when no config names one.
SHIPPED_FAQ_DIR = Path(__file__).resolve().parent.parent / "faq"


class ConfigError(Exception):
    """A config file that cannot be used; the message names the file and key."""


class _Section(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class BotSettings(_Section):
    name: str = "Nachbarschaftshaus Kiezstraße"
    default_language: LanguageCode = "de"
    languages: tuple[LanguageCode, ...] = ("de", "en")
    faq_dir: Path = SHIPPED_FAQ_DIR
    timezone: str = "Europe/Berlin"
    # Reload the knowledge base when a file in faq_dir changes.
    watch_faq: bool = True
    # How the bot's own German texts address members: "du" (the default, as most
    # neighbourhood centres and youth clubs do) or "Sie" (as many counselling services
    # do). The FAQ answers are the organisation's own and keep whatever they say.
    address: Literal["du", "Sie"] = "du"

    @field_validator("address", mode="before")
    @classmethod
    def _address_any_case(cls, value: object) -> object:
        # "sie" and "Du" mean the same to an admin as "Sie" and "du".
        if isinstance(value, str) and value.strip().lower() in ("du", "sie"):
            return "Sie" if value.strip().lower() == "sie" else "du"
        return value

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @model_validator(mode="after")
    def _default_is_served(self) -> BotSettings:
        if self.default_language not in self.languages:
            raise ValueError(f"default_language {self.default_language!r} is not in languages")
        return self


class MatcherSettings(_Section):
    # Scores run from 0 to about 1.5 (word meanings add up to 0.525 to the lexical 0..1).
    # At or above answer_threshold the bot answers; between the two it offers "Did you
    # mean …?" buttons; below suggest_threshold it falls back.
    answer_threshold: float = Field(default=0.08, ge=0.0, le=1.0)
    suggest_threshold: float = Field(default=0.08, ge=0.0, le=1.0)
    # The best entry must lead the runner-up by this much to be answered outright;
    # otherwise both are offered as suggestions.
    answer_margin: float = Field(default=0.08, ge=0.0, le=1.0)
    max_suggestions: int = Field(default=3, ge=1, le=5)
    # Word meanings from a static table (bot/meanings.py, ~15 MB, a fraction of a
    # millisecond): adds meaning_weight × (cosine − meaning_floor) to every entry's
    # score, so "verloren" can find "lost". The thresholds above were chosen with it on.
    word_meanings: bool = True
    meaning_weight: float = Field(default=0.75, ge=0.0, le=5.0)
    meaning_floor: float = Field(default=0.3, ge=-1.0, le=1.0)
    # A question that names another place ("Wann hat das Jobcenter offen?") gets
    # buttons, not a direct answer (bot/places.py; the list: bot/data/places_default.yml,
    # your additions: faq/places.yml).
    other_places: bool = True
    # Optional sentence-encoder re-ranker (bot/semantic.py; needs `kiezbot[semantic]`,
    # ~100 MB more memory). Adds semantic_weight × (cosine − semantic_floor) to every
    # entry's score in place of the static word meanings; with it on, the answer uses
    # the two semantic_answer_* settings.
    semantic_reranker: bool = False
    semantic_weight: float = Field(default=1.0, ge=0.0, le=5.0)
    semantic_floor: float = Field(default=0.3, ge=-1.0, le=1.0)
    semantic_answer_threshold: float = Field(default=0.12, ge=0.0, le=1.0)
    semantic_answer_margin: float = Field(default=0.12, ge=0.0, le=1.0)

    @model_validator(mode="after")
    def _ordered(self) -> MatcherSettings:
        if self.suggest_threshold > self.answer_threshold:
            raise ValueError("suggest_threshold must not be above answer_threshold")
        if self.semantic_reranker and self.suggest_threshold > self.semantic_answer_threshold:
            raise ValueError("suggest_threshold must not be above semantic_answer_threshold")
        return self

    @property
    def effective_answer_threshold(self) -> float:
        return self.semantic_answer_threshold if self.semantic_reranker else self.answer_threshold

    @property
    def effective_answer_margin(self) -> float:
        return self.semantic_answer_margin if self.semantic_reranker else self.answer_margin


class PrivacySettings(_Section):
    # What is kept of a redirected or unanswered message: the text with identifiers
    # masked (default), nothing, or the full text.
    store_text: Literal["masked", "none", "full"] = "masked"


class LocalizedText(_Section):
    de: str = ""
    en: str = ""

    def get(self, language: str) -> str:
        text = getattr(self, language, "") if language in ("de", "en") else ""
        return text or self.de or self.en


class ContactSettings(_Section):
    email: str = "beratung@kiezhaus.example"
    phone: str = "030 1234 5678"
    # The organisation's own address: mentioning it is not personal data.
    address: str = "Kiezstraße 12, 10999 Berlin"
    office_hours: LocalizedText = LocalizedText(
        de="Mo–Fr 9–17 Uhr, Do bis 19 Uhr",
        en="Mon–Fri 9 am–5 pm, Thu until 7 pm",
    )


class CrisisLine(_Section):
    number: str
    label: LocalizedText
    # For children and young people: shown right after the first line to a member who
    # writes that they are under 18 ("ich bin 12", "in der 4. Klasse").
    young: bool = False


def _default_crisis_lines() -> tuple[CrisisLine, ...]:
    return (
        CrisisLine(number="112", label=LocalizedText(de="Notruf (akute Gefahr)", en="Emergency (acute danger)")),
        CrisisLine(
            number="0800 111 0 111",
            label=LocalizedText(de="TelefonSeelsorge, rund um die Uhr, kostenlos", en="TelefonSeelsorge, 24/7, free"),
        ),
        CrisisLine(
            number="0800 111 0 222",
            label=LocalizedText(de="TelefonSeelsorge, rund um die Uhr, kostenlos", en="TelefonSeelsorge, 24/7, free"),
        ),
        CrisisLine(number="116 123", label=LocalizedText(de="Seelsorge, rund um die Uhr", en="Crisis line, 24/7")),
        CrisisLine(
            number="116 111",
            label=LocalizedText(
                de="Nummer gegen Kummer für Kinder und Jugendliche",
                en="Nummer gegen Kummer, for children and young people",
            ),
            young=True,
        ),
    )


class CrisisChat(_Section):
    address: str
    label: LocalizedText


def _default_crisis_chats() -> tuple[CrisisChat, ...]:
    return (
        CrisisChat(
            address="online.telefonseelsorge.de",
            label=LocalizedText(
                de="Chat und Mail der TelefonSeelsorge, anonym", en="TelefonSeelsorge chat and email, anonymous"
            ),
        ),
        CrisisChat(
            address="krisenchat.de",
            label=LocalizedText(de="Chat rund um die Uhr für alle unter 25", en="chat 24/7 for everyone under 25"),
        ),
    )


class CrisisSettings(_Section):
    lines: tuple[CrisisLine, ...] = Field(default_factory=_default_crisis_lines, min_length=1)
    # Where a member can write instead of calling: offered after the crisis reply, to a
    # member who writes on ("ich trau mich nicht anzurufen"). Empty leaves it out.
    chats: tuple[CrisisChat, ...] = Field(default_factory=_default_crisis_chats)
    # The first this many lines also close every "I don't know" and privacy reply. The
    # crisis rules miss many crisis messages in words they have not seen
    # (docs/benchmarks.md); most of those land there. 0 leaves the hint out.
    hint_lines: int = Field(default=2, ge=0)


class FloodSettings(_Section):
    # More messages than this from one member within a minute: one polite notice,
    # then the member is ignored for mute_minutes.
    messages_per_minute: int = Field(default=20, ge=1)
    mute_minutes: float = Field(default=5.0, gt=0)


class BusinessHoursSettings(_Section):
    # Per weekday, when staff are there: "09:00-17:00", several ranges with commas,
    # "" for closed. Times are in bot.timezone.
    mon: str = "09:00-17:00"
    tue: str = "09:00-17:00"
    wed: str = "09:00-17:00"
    thu: str = "09:00-19:00"
    fri: str = "09:00-17:00"
    sat: str = ""
    sun: str = ""
    # Holidays and other days without staff.
    closed_dates: tuple[dt.date, ...] = ()

    @field_validator("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    @classmethod
    def _ranges(cls, value: str) -> str:
        for part in filter(None, (p.strip() for p in value.split(","))):
            start, sep, end = part.partition("-")
            try:
                if not sep or dt.time.fromisoformat(start.strip()) >= dt.time.fromisoformat(end.strip()):
                    raise ValueError
            except ValueError:
                raise ValueError(f"{part!r} is not a time range like 09:00-17:00") from None
        return value


class StaffSettings(_Section):
    # Where escalations go: a Telegram group (optionally a forum topic) and/or a Discord
    # channel. Without either, tickets are still stored and `kiezbot stats` shows them.
    telegram_chat_id: int | None = None
    telegram_thread_id: int | None = None
    discord_channel_id: int | None = None
    # Staff who may also act from elsewhere (e.g. /reply in a private chat), as
    # "platform:user id", e.g. "telegram:123456789".
    staff_users: tuple[str, ...] = ()
    # Sign relayed replies with the staff member's name (default: the organisation's only).
    sign_with_name: bool = False
    # Language of the staff cards and of the bot's answers to staff commands. Replies
    # relayed to a member always go out in the member's language.
    language: Literal["de", "en"] = "de"
    # Closed tickets and redirected requests are deleted after this many days.
    retention_days: int = Field(default=90, ge=1)
    # An open ticket nobody claimed is announced again after this many business hours.
    reannounce_after_hours: float = Field(default=4.0, gt=0)
    hours: BusinessHoursSettings = BusinessHoursSettings()


class StorageSettings(_Section):
    path: Path = Path("data/kiezbot.sqlite3")


class TelegramSettings(_Section):
    enabled: bool = False
    token_env: str = "KIEZBOT_TELEGRAM_TOKEN"
    # "polling" (default, works behind any firewall) or "webhook" (needs a public HTTPS URL).
    mode: Literal["polling", "webhook"] = "polling"
    # Webhook mode: the public URL Telegram posts to (Kiezbot appends a secret path),
    # and where Kiezbot's own HTTP server listens (usually behind a reverse proxy).
    webhook_url: str = ""
    listen_host: str = "127.0.0.1"
    listen_port: int = Field(default=8443, ge=1, le=65535)
    # Environment variable with the secret that Telegram sends in
    # X-Telegram-Bot-Api-Secret-Token; requests without it are refused.
    webhook_secret_env: str = "KIEZBOT_TELEGRAM_WEBHOOK_SECRET"
    # Where the Bot API lives; only changed for a local Bot API server or tests.
    api_base_url: str = "https://api.telegram.org/bot"

    @model_validator(mode="after")
    def _webhook_needs_url(self) -> TelegramSettings:
        if self.enabled and self.mode == "webhook" and not self.webhook_url.startswith("https://"):
            raise ValueError("webhook mode needs webhook_url, a public https:// address")
        return self


class DiscordSettings(_Section):
    enabled: bool = False
    token_env: str = "KIEZBOT_DISCORD_TOKEN"
    # Channel ids where every message is answered; elsewhere only mentions of the bot.
    support_channels: tuple[int, ...] = ()
    # Server (guild) ids whose slash commands /help, /privacy, /language are synced.
    guilds: tuple[int, ...] = ()
    # Answer in a new thread on the member's message instead of a reply in the channel.
    reply_in_thread: bool = False


class LoggingSettings(_Section):
    level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"


class Config(_Section):
    bot: BotSettings = BotSettings()
    matcher: MatcherSettings = MatcherSettings()
    privacy: PrivacySettings = PrivacySettings()
    contact: ContactSettings = ContactSettings()
    crisis: CrisisSettings = CrisisSettings()
    storage: StorageSettings = StorageSettings()
    flood: FloodSettings = FloodSettings()
    staff: StaffSettings = StaffSettings()
    telegram: TelegramSettings = TelegramSettings()
    discord: DiscordSettings = DiscordSettings()
    logging: LoggingSettings = LoggingSettings()


def _describe(error: ValidationError, source: str) -> str:
    lines = []
    for item in error.errors():
        key = ".".join(str(part) for part in item["loc"]) or "(top level)"
        message = item["msg"]
        if item["type"] == "extra_forbidden":
            message = "unknown key"
        lines.append(f"{source}: {key}: {message}")
    return "\n".join(lines)


def parse_config(data: dict[str, object], source: str = "<config>", base_dir: Path | None = None) -> Config:
    """Validate already-parsed TOML data; relative paths are taken from `base_dir`."""
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(_describe(exc, source)) from None
    if base_dir is None:
        return config
    return config.model_copy(
        update={
            "bot": config.bot.model_copy(update={"faq_dir": base_dir / config.bot.faq_dir}),
            "storage": config.storage.model_copy(update={"path": base_dir / config.storage.path}),
        }
    )


def load_config(path: Path | None) -> Config:
    """Read a TOML config file; `None` gives the built-in defaults.

    Relative paths in the file are resolved against the file's folder, so the bot
    behaves the same whatever directory it is started from.
    """
    if path is None:
        return Config()
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config file ({exc.strerror})") from None
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    return parse_config(data, str(path), base_dir=path.parent)
