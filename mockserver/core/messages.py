"""Messages, their attempts on each channel, and the store that finds them."""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from .billing import Channel
from .segments import count_parts


class Status(StrEnum):
    QUEUED = "queued"  # scheduled, not yet handed to the network
    SENT = "sent"  # handed to the network, no report yet
    DELIVERED = "delivered"
    READ = "read"  # Viber: delivered and opened
    UNDELIVERED = "undelivered"
    EXPIRED = "expired"
    REJECTED = "rejected"
    DELETED = "deleted"
    UNKNOWN = "unknown"


FAILURES = frozenset(
    {Status.UNDELIVERED, Status.EXPIRED, Status.REJECTED, Status.DELETED, Status.UNKNOWN}
)
REPORTS = FAILURES | {Status.DELIVERED, Status.READ}


@dataclass(slots=True)
class StatusChange:
    status: Status
    at: datetime


@dataclass(slots=True)
class ChannelContent:
    """What one channel of the cascade carries."""

    channel: Channel
    text: str
    sender: str = ""
    button_text: str = ""
    button_url: str = ""
    image_url: str = ""
    template_id: str = ""
    template_data: dict[str, Any] | None = None
    ttl_s: int | None = None

    @property
    def billed_parts(self) -> int:
        # Viber and VK messages are billed as one message whatever their length.
        return count_parts(self.text) if self.channel is Channel.SMS else 1

    def fingerprint(self) -> tuple:
        return (self.channel, self.text, self.button_text, self.button_url, self.image_url,
                self.template_id)


@dataclass(slots=True)
class ChannelAttempt(ChannelContent):
    """One channel of a message: what it carries and what became of it."""

    order: int = 0
    parts: int = 1
    cost: Decimal | None = None
    provider_id: str = ""
    history: list[StatusChange] = field(default_factory=list)

    @classmethod
    def of(cls, content: ChannelContent, order: int) -> ChannelAttempt:
        # Field by field, in ChannelContent's order (a test holds the two in step).
        return cls(content.channel, content.text, content.sender, content.button_text,
                   content.button_url, content.image_url, content.template_id,
                   content.template_data, content.ttl_s, order=order,
                   parts=content.billed_parts)

    @property
    def status(self) -> Status | None:
        """None while the attempt has not started."""
        return self.history[-1].status if self.history else None

    @property
    def started_at(self) -> datetime | None:
        return self.history[0].at if self.history else None

    @property
    def changed_at(self) -> datetime | None:
        return self.history[-1].at if self.history else None

    @property
    def started(self) -> bool:
        return bool(self.history)

    def accepts(self, status: Status) -> bool:
        """Whether the network may still report `status` for this attempt."""
        current = self.status
        if current is Status.SENT:
            return status in REPORTS
        if current is Status.DELIVERED and self.channel is Channel.VIBER:
            return status is Status.READ
        return False

    @property
    def is_open(self) -> bool:
        return self.status is Status.SENT or (
            self.status is Status.DELIVERED and self.channel is Channel.VIBER
        )


# The meta of every message sent without any: one shared dict (a message's meta is never
# changed after it is made), not an empty dict per message.
NO_META: dict[str, Any] = {}


@dataclass(slots=True)
class Message:
    """One recipient's message, with one attempt per channel in cascade order."""

    id: str
    provider: str
    login: str
    phone: str
    country: str
    mcc: str
    mnc: str
    created_at: datetime
    channels: list[ChannelAttempt]
    provider_ids: dict[str, str] = field(default_factory=dict)
    client_id: str = ""
    name_delivery: str = ""
    scheduled_at: datetime | None = None
    finale_read: bool = False  # a delivered Viber message counts only once read
    virtual: bool = False  # accepted and priced, never delivered (test mode)
    meta: dict[str, Any] = field(default_factory=dict)
    withdrawn: bool = False  # its account was reset: the network says no more about it

    @property
    def status(self) -> Status:
        current = self.current
        if current is None:
            return Status.QUEUED
        return current.status  # type: ignore[return-value]

    @property
    def current(self) -> ChannelAttempt | None:
        """The latest attempt that has started."""
        started = [attempt for attempt in self.channels if attempt.started]
        return started[-1] if started else None

    @property
    def changed_at(self) -> datetime:
        current = self.current
        return current.changed_at if current else self.created_at  # type: ignore[return-value]

    @property
    def cost(self) -> Decimal:
        return sum((a.cost for a in self.channels if a.cost is not None), Decimal("0"))

    def attempt(self, channel: str) -> ChannelAttempt | None:
        for attempt in self.channels:
            if attempt.channel == channel:
                return attempt
        return None

    def next_attempt(self) -> ChannelAttempt | None:
        for attempt in self.channels:
            if not attempt.started:
                return attempt
        return None

    @property
    def settled(self) -> bool:
        """Nothing more will happen to it but, at most, a Viber read receipt: its attempt
        has a report and no other channel is left to try."""
        current = self.current
        if current is None or current.status is Status.SENT:
            return False
        return current.status not in FAILURES or self.next_attempt() is None


DEFAULT_CAPACITY = 1_000_000


class MessageStore:
    """Messages in arrival order, indexed by id, provider id, phone and client id.

    Bounded: past `capacity` messages, the oldest settled ones make room (the oldest of all
    when none has settled), so a mock left running for days keeps a steady footprint. An
    evicted message is simply unknown, as it would be to a provider that forgot it."""

    def __init__(self, capacity: int = DEFAULT_CAPACITY) -> None:
        self.capacity = capacity
        self._by_id: dict[str, Message] = {}
        # A key most often names one message: the index holds it alone, a list only for more.
        self._by_provider_id: dict[str, Message | list[Message]] = {}
        self._by_phone: dict[str, Message | list[Message]] = {}
        self._by_client_id: dict[tuple[str, str, str], Message] = {}
        self._sequences: dict[str, Iterator[int]] = {}
        self._arrivals = itertools.count()
        self._arrival: dict[str, int] = {}  # id -> place in arrival order, for "newer than"
        # Told of each message as it is stored (waiters, the inbox's live feed).
        self.listeners: list[Callable[[Message], None]] = []

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[Message]:
        return iter(self._by_id.values())

    def __reversed__(self) -> Iterator[Message]:
        return reversed(self._by_id.values())

    @staticmethod
    def new_id() -> str:
        # 32 random hex digits, as uuid4().hex spells them, for a fraction of its cost.
        return os.urandom(16).hex()

    def next_number(self, namespace: str, start: int = 1) -> int:
        """Numeric ids a provider hands out, increasing per namespace."""
        sequence = self._sequences.get(namespace)
        if sequence is None:
            sequence = self._sequences[namespace] = itertools.count(start)
        return next(sequence)

    def add(self, message: Message) -> None:
        if len(self._by_id) >= self.capacity:
            self._make_room()
        self._by_id[message.id] = message
        self._arrival[message.id] = next(self._arrivals)
        _index(self._by_phone, message.phone, message)
        for value in message.provider_ids.values():
            self.index_provider_id(message, value)
        if message.client_id:
            self._by_client_id[(message.provider, message.login, message.client_id)] = message
        for listener in self.listeners:
            listener(message)

    def index_provider_id(self, message: Message, value: str) -> None:
        if value and value != "0":
            _index(self._by_provider_id, value, message)

    def get(self, message_id: str) -> Message | None:
        return self._by_id.get(message_id)

    def by_provider_id(self, value: str, provider: str | None = None,
                       login: str | None = None) -> list[Message]:
        return [
            message for message in _found(self._by_provider_id, value)
            if (provider is None or message.provider == provider)
            and (login is None or message.login == login)
        ]

    def arrival(self, message_id: str) -> int | None:
        """Where a stored message came in the order of arrival (larger is newer)."""
        return self._arrival.get(message_id)

    def forget(self, provider: str, login: str) -> list[Message]:
        """Remove one account's messages from the store and its indexes; returns them."""
        gone = [m for m in self._by_id.values() if (m.provider, m.login) == (provider, login)]
        for message in gone:
            message.withdrawn = True
            self._forget(message)
        return gone

    def by_phone(self, phone: str) -> list[Message]:
        return _found(self._by_phone, phone)

    def by_client_id(self, provider: str, login: str, client_id: str) -> Message | None:
        return self._by_client_id.get((provider, login, client_id))

    def _make_room(self) -> None:
        # Evict in small batches (1% of the capacity), so that the scan from the oldest end
        # is paid once per batch, not once per message.
        batch = max(1, self.capacity // 100)
        oldest = iter(self._by_id.values())
        evict = [m for m in itertools.islice(oldest, 4 * batch) if m.settled][:batch]
        if not evict:
            evict = [next(iter(self._by_id.values()))]
        for message in evict:
            self._forget(message)

    def _forget(self, message: Message) -> None:
        del self._by_id[message.id]
        self._arrival.pop(message.id, None)
        _drop(self._by_phone, message.phone, message)
        for value in message.provider_ids.values():
            _drop(self._by_provider_id, value, message)
        if message.client_id:
            key = (message.provider, message.login, message.client_id)
            if self._by_client_id.get(key) is message:
                del self._by_client_id[key]

    def clear(self) -> None:
        self._by_id.clear()
        self._by_provider_id.clear()
        self._by_phone.clear()
        self._by_client_id.clear()
        self._sequences.clear()
        self._arrival.clear()


def _index(index: dict[str, Message | list[Message]], key: str, message: Message) -> None:
    held = index.get(key)
    if held is None:
        index[key] = message
    elif isinstance(held, list):
        held.append(message)
    else:
        index[key] = [held, message]


def _found(index: dict[str, Message | list[Message]], key: str) -> list[Message]:
    held = index.get(key)
    if held is None:
        return []
    return list(held) if isinstance(held, list) else [held]


def _drop(index: dict[str, Message | list[Message]], key: str, message: Message) -> None:
    held = index.get(key)
    if held is message:
        del index[key]
    elif isinstance(held, list):
        held[:] = [m for m in held if m is not message]
        if len(held) == 1:
            index[key] = held[0]
        elif not held:
            del index[key]
