"""The request journal: every provider request with its reply and the contract violations in it."""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class Violation:
    """Something the provider documents as wrong or risky, explained for the developer."""

    rule: str  # stable snake_case name, e.g. "button_text_too_long"
    field: str  # the parameter it is about ("" for the request as a whole)
    message: str  # English explanation, with the rule it breaks


@dataclass(slots=True)
class JournalEntry:
    id: int
    at: datetime
    provider: str | None  # None: a request no provider serves (an unmatched path)
    method: str
    path: str
    query: str
    remote: str
    status: int = 0
    violations: list[Violation] = field(default_factory=list)
    # The bytes as they came and went, and their Content-Types (recordings replay these).
    raw_body: bytes = b""
    raw_reply: bytes = b""
    content_type: str = ""
    reply_type: str = ""
    login: str = ""  # the account the request named ("" when it named none)
    # The codecs of the bodies (None: utf-8), and how much of each is shown as text. The text
    # is decoded when it is read, which is seldom: not on the request's path.
    body_charset: str | None = None
    reply_charset: str | None = None
    body_limit: int = 16_384

    @property
    def body(self) -> str:
        return _text(self.raw_body, self.body_charset, self.body_limit)

    @property
    def reply(self) -> str:
        return _text(self.raw_reply, self.reply_charset, self.body_limit)


def _text(raw: bytes, charset: str | None, limit: int) -> str:
    try:
        text = raw[:limit].decode(charset or "utf-8", errors="replace")
    except LookupError:  # a charset Python does not know
        text = raw[:limit].decode("utf-8", errors="replace")
    return text + ("…" if len(raw) > limit else "")


class Journal:
    """A bounded log, oldest first; the oldest entries fall off when it is full."""

    def __init__(self, capacity: int = 10_000, body_limit: int = 16_384) -> None:
        self._entries: deque[JournalEntry] = deque(maxlen=capacity)
        self._ids = itertools.count(1)
        self.body_limit = body_limit
        # Told of each entry as it is recorded (the inbox's live feed of violations).
        self.listeners: list[Callable[[JournalEntry], None]] = []
        self.last_id = 0  # the id of the latest entry recorded (0: none yet)

    def __iter__(self) -> Iterator[JournalEntry]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def record(self, *, at: datetime, provider: str | None, method: str, path: str,
               query: str, body: bytes, remote: str, status: int, reply: bytes,
               violations: list[Violation], body_charset: str | None = None,
               reply_charset: str | None = None, content_type: str = "",
               reply_type: str = "", login: str = "") -> JournalEntry:
        """Bodies are decoded with their own charsets (utf-8 when none is named)."""
        entry = JournalEntry(
            next(self._ids), at, provider, method, path, query, remote, status,
            list(violations) if violations else [], body, reply, content_type, reply_type,
            login, body_charset, reply_charset, self.body_limit)
        self._entries.append(entry)
        self.last_id = entry.id
        for listener in self.listeners:
            listener(entry)
        return entry

    def violations(self) -> Iterator[tuple[JournalEntry, Violation]]:
        for entry in self._entries:
            for violation in entry.violations:
                yield entry, violation

    def clear(self) -> None:
        self._entries.clear()

    def forget(self, provider: str, login: str) -> None:
        """Drop one account's entries, keeping everyone else's in order."""
        kept = [e for e in self._entries if (e.provider, e.login) != (provider, login)]
        self._entries.clear()
        self._entries.extend(kept)



def violation_mapping(entry: JournalEntry, violation: Violation) -> dict[str, Any]:
    return {"request_id": entry.id, "provider": entry.provider, "login": entry.login,
            "path": entry.path, "rule": violation.rule, "field": violation.field,
            "message": violation.message}
