"""Messages that recipients send back: a subscriber's answer to one of the account's numbers,
optionally in reply to a message the account sent. The control plane makes them; provider
edges show them (incoming-message lists, notifications)."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .clock import format_instant

MAX_TEXT_CHARS = 10_000
STORE_LIMIT = 100_000  # oldest answers are forgotten past this many


@dataclass(frozen=True, slots=True)
class InboundMessage:
    id: int  # increasing per provider, as gateways number incoming messages
    provider: str
    login: str
    phone: str  # who wrote: the subscriber's number, digits only
    to: str  # the number written to ("" when the account has none in particular)
    text: str
    received_at: datetime
    reply_to: str = ""  # the mock id of the message this answers, if any

    def to_mapping(self) -> dict[str, Any]:
        return {"id": self.id, "provider": self.provider, "login": self.login,
                "phone": self.phone, "to": self.to, "text": self.text,
                "received_at": format_instant(self.received_at), "reply_to": self.reply_to}


class InboundStore:
    """Answers in arrival order, per provider and login, with their listeners."""

    def __init__(self, limit: int = STORE_LIMIT) -> None:
        self._limit = limit
        self._messages: dict[tuple[str, int], InboundMessage] = {}
        self._sequences: dict[str, Iterator[int]] = {}
        # Told of each answer as it is stored (notifications, the inbox).
        self.listeners: list[Callable[[InboundMessage], None]] = []

    def __iter__(self) -> Iterator[InboundMessage]:
        return iter(self._messages.values())

    def __len__(self) -> int:
        return len(self._messages)

    def add(self, provider: str, login: str, phone: str, to: str, text: str,
            received_at: datetime, reply_to: str = "") -> InboundMessage:
        sequence = self._sequences.setdefault(provider, itertools.count(1))
        message = InboundMessage(next(sequence), provider, login, phone, to, text, received_at,
                                 reply_to)
        self._messages[(provider, message.id)] = message
        while len(self._messages) > self._limit:
            del self._messages[next(iter(self._messages))]
        for listener in self.listeners:
            listener(message)
        return message

    def of(self, provider: str, login: str) -> list[InboundMessage]:
        return [m for m in self._messages.values()
                if m.provider == provider and m.login == login]

    def clear(self) -> None:
        self._messages.clear()
        self._sequences.clear()
