"""Logging set-up that keeps secrets out of every log line.

HTTP client libraries log request URLs, and Telegram's URLs contain the bot token
(`/bot<token>/getUpdates`). Rather than trusting every library's log format, each
log record is redacted where it is created: any registered secret in the message,
its arguments or an attached traceback becomes `***`.
"""

from __future__ import annotations

import logging
import threading
import traceback
from typing import Any

_secrets: set[str] = set()
_lock = threading.Lock()
_installed = False
REDACTED = "***"


def redact(text: str) -> str:
    for secret in _secrets:
        text = text.replace(secret, REDACTED)
    return text


def add_secret(secret: str) -> None:
    """Never let `secret` appear in a log record from now on (empty strings are ignored)."""
    if len(secret) < 6:
        return  # too short to be a real token, and would mangle ordinary words
    with _lock:
        _secrets.add(secret)
    _install()


def _install() -> None:
    global _installed
    with _lock:
        if _installed:
            return
        _installed = True
    factory = logging.getLogRecordFactory()

    def redacting_factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = factory(*args, **kwargs)
        if not _secrets:
            return record
        try:
            message = record.getMessage()
        except Exception:  # a broken format string is the caller's bug, not ours to hide
            return record
        record.msg, record.args = redact(message), ()
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = redact("".join(traceback.format_exception(*record.exc_info)).rstrip())
            record.exc_info = None
        return record

    logging.setLogRecordFactory(redacting_factory)
