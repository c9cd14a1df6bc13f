"""Config as data: TOML → frozen settings; one ConfigError that names the key."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pydantic
import pytest

from bot.config import SHIPPED_FAQ_DIR, Config, ConfigError, load_config, parse_config

ROOT = Path(__file__).resolve().parent.parent


def test_defaults_without_a_file() -> None:
    config = load_config(None)
    assert config.bot.faq_dir == SHIPPED_FAQ_DIR
    assert config.privacy.store_text == "masked"
    assert [line.number for line in config.crisis.lines] == [
        "112",
        "0800 111 0 111",
        "0800 111 0 222",
        "116 123",
        "116 111",
    ]


def test_example_documents_every_key_with_the_default_values() -> None:
    example = load_config(ROOT / "config.example.toml")
    defaults = Config()
    assert example.model_dump(exclude={"bot": {"faq_dir"}, "storage": {"path"}}) == defaults.model_dump(
        exclude={"bot": {"faq_dir"}, "storage": {"path"}}
    )
    assert example.bot.faq_dir == ROOT / "faq"
    raw = (ROOT / "config.example.toml").read_text()
    data = tomllib.loads(raw)
    for section, model in Config.model_fields.items():
        assert section in data, section
        assert model.annotation is not None
        for key in model.annotation.model_fields:  # type: ignore[union-attr]
            # Optional keys without a default are shown commented out, with an example.
            documented = key in data[section] or f"\n# {key} = " in raw
            assert documented, f"{section}.{key} is not documented"


def test_relative_paths_follow_the_config_file(tmp_path: Path) -> None:
    path = tmp_path / "conf" / "kiezbot.toml"
    path.parent.mkdir()
    path.write_text('[bot]\nfaq_dir = "wissen"\n[storage]\npath = "db/k.sqlite3"\n')
    config = load_config(path)
    assert config.bot.faq_dir == tmp_path / "conf" / "wissen"
    assert config.storage.path == tmp_path / "conf" / "db" / "k.sqlite3"


@pytest.mark.parametrize(
    ("toml", "needle"),
    [
        ("[matcher]\nanswer_threshold = 1.5\n", "matcher.answer_threshold"),
        ("[matcher]\nanswer_threshold = 0.3\nsuggest_threshold = 0.4\n", "suggest_threshold must not be above"),
        ("[privacy]\nstore_text = 'all'\n", "privacy.store_text"),
        ("[bot]\ndefault_language = 'fr'\n", "default_language 'fr' is not in languages"),
        ("[bot]\ntimezone = 'Mars/Base'\n", "unknown time zone"),
        ("[telegram]\ntoken = '123:abc'\n", "telegram.token: unknown key"),
        ("[crisis]\nlines = []\n", "crisis.lines"),
        ("[matcher\n", "not valid TOML"),
    ],
)
def test_bad_config_raises_one_error_naming_the_key(tmp_path: Path, toml: str, needle: str) -> None:
    path = tmp_path / "kiezbot.toml"
    path.write_text(toml)
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    assert needle in str(raised.value)
    assert str(path) in str(raised.value)


def test_missing_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read config file"):
        load_config(tmp_path / "nope.toml")


def test_settings_are_frozen() -> None:
    config = parse_config({})
    with pytest.raises(pydantic.ValidationError):
        config.matcher.answer_threshold = 0.1  # type: ignore[misc]


def test_the_line_for_children_is_marked_young_by_default() -> None:
    lines = parse_config({}).crisis.lines
    assert [line.number for line in lines if line.young] == ["116 111"]
    custom = parse_config({"crisis": {"lines": [{"number": "1", "label": {"de": "a", "en": "a"}, "young": True}]}})
    assert custom.crisis.lines[0].young
