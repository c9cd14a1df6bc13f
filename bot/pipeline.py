"""The pipeline: one explicit, ordered list of handlers; the first reply wins.

A handler is a small object with `handle(message, context) -> Reply | None`. It never
sends and never touches storage: it describes its answer and effects in the `Reply`,
and the app carries them out. Errors are contained here, once, for all handlers:

* a handler marked `fail_closed` (the privacy gate) that raises still yields its safe
  reply, so a bug can never let a sensitive message fall through to the FAQ;
* any other handler that raises yields a polite apology and a log line.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
import traceback
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, replace

from bot.messages import IncomingMessage, Reply, ReplyKind
from bot.text import clean, guess_language
from bot.texts import Texts

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Context:
    """What the pipeline knows besides the message itself."""

    today: dt.date
    # The language the member chose with /language, if any.
    chosen_language: str | None = None
    # The FAQ entry this member was answered a few minutes ago, if any: "und wann?" then
    # asks about it (bot/conversation.py).
    previous_answer: str | None = None
    # The case code of this member's crisis reply within the last hour, if any: what
    # they write next belongs to that crisis (handlers/crisis_follow_up.py).
    crisis_case: str | None = None
    # … and its topic ("crisis", "danger", "emergency"), which decides the lines offered again.
    crisis_topic: str | None = None
    # … and whether that reply came in all the bot's languages (a crisis in another one).
    crisis_in_all_languages: bool = False
    # … and whether the member said they are young ("ich bin 12"): the line for
    # children and young people comes right after the first (`CrisisLine.young`).
    crisis_young: bool = False


class Handler(ABC):
    """One pipeline step: look at the message, reply or pass (`None`)."""

    name: str = "handler"
    # True for steps whose failure must not let the message through (privacy gate).
    fail_closed: bool = False

    @abstractmethod
    def handle(self, message: IncomingMessage, context: Context) -> Reply | None:
        """The reply, or `None` to let the next handler try."""

    def closed_reply(self, message: IncomingMessage, context: Context) -> Reply:
        """The safe reply when `handle` raised; called only if `fail_closed` is True."""
        raise NotImplementedError(f"{self.name} is marked fail_closed but has no closed_reply")


class Pipeline:
    def __init__(self, handlers: Sequence[Handler], texts: Texts) -> None:
        if not handlers:
            raise ValueError("a pipeline needs at least one handler")
        self.handlers = tuple(handlers)
        self._texts = texts

    def process(self, message: IncomingMessage, context: Context) -> Reply:
        """Run the handlers in order and return the first reply."""
        started = time.perf_counter()
        # Cleaned once at the door: control characters out, overlong text cut, so no
        # handler has to defend against a 100 KB paste on its own.
        message = replace(message, text=clean(message.text))
        for handler in self.handlers:
            try:
                reply = handler.handle(message, context)
            except Exception as exc:
                # Log where it failed, not the exception's message: that may quote the member.
                log.error(
                    "handler %s failed on a %s message: %s\n%s",
                    handler.name,
                    message.platform,
                    type(exc).__name__,
                    "".join(traceback.format_tb(exc.__traceback__)),
                )
                if handler.fail_closed:
                    reply = handler.closed_reply(message, context)
                else:
                    reply = self._apology(message, context)
            if reply is not None:
                log.debug(
                    "%s → %s via %s in %.1f ms",
                    message.platform,
                    reply.kind,
                    handler.name,
                    (time.perf_counter() - started) * 1000,
                )
                return reply
        return self._apology(message, context)

    def _apology(self, message: IncomingMessage, context: Context) -> Reply:
        language = reply_language(self._texts, message, context)
        return Reply(self._texts.get("error", language), language, ReplyKind.ERROR)


def reply_language(texts: Texts, message: IncomingMessage, context: Context) -> str:
    """The member's chosen language, else a guess from the text and the platform's hint."""
    if context.chosen_language:
        return texts.language(context.chosen_language)
    return texts.language(guess_language(message.text, message.language_hint, texts.default_language))
