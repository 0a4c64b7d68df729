"""The store of messages: arrival order, and indexes by id, provider id, phone, client id."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from typing import Any

from .arrivals import Arrivals
from .compact import number_of
from .messages import OWN_ID, Message, phone_key

DEFAULT_CAPACITY = 1_000_000
# At the default capacity 1% would be 10,000 messages: a quarter-second stall at once.
EVICTION_BATCH = 256


class MessageStore:
    """Messages in arrival order, indexed by id, provider id, phone and client id.

    Bounded: past `capacity` messages, the oldest settled ones make room (the oldest of all
    when none has settled), so a mock left running for days keeps a steady footprint. An
    evicted message is simply unknown, as it would be to a provider that forgot it.

    Messages are keyed by their number (an id given as a string, as tests do, is its own
    key); a provider id that is the message's own id is found through the id, not indexed."""

    def __init__(self, capacity: int = DEFAULT_CAPACITY) -> None:
        self.capacity = capacity
        self._by_id = Arrivals()
        # A key most often names one message: the index holds it alone, a list only for more.
        self._by_provider_id: dict[str, Message | list[Message]] = {}
        self._by_phone: dict[int | str, Message | list[Message]] = {}
        self._by_client_id: dict[tuple[str, str, str], Message] = {}
        self._sequences: dict[str, Iterator[int]] = {}
        # Told of each message as it is stored (waiters, the inbox's live feed).
        self.listeners: list[Callable[[Message], None]] = []

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[Message]:
        return iter(self._by_id)

    def __reversed__(self) -> Iterator[Message]:
        return reversed(self._by_id)

    def new_id(self) -> int:
        """A new message's number: its id, spelled as 32 hex digits, is `Message.id`."""
        return self._by_id.new_number()

    def next_number(self, namespace: str, start: int = 1) -> int:
        """Numeric ids a provider hands out, increasing per namespace."""
        sequence = self._sequences.get(namespace)
        if sequence is None:
            sequence = self._sequences[namespace] = itertools.count(start)
        return next(sequence)

    def add(self, message: Message) -> None:
        if len(self._by_id) >= self.capacity:
            self._make_room()
        self._by_id.add(message)
        _index(self._by_phone, message._phone, message)
        for value in _indexed_ids(message):
            self.index_provider_id(message, value)
        if message.client_id:
            self._by_client_id[(message.provider, message.login, message.client_id)] = message
        for listener in self.listeners:
            listener(message)

    def index_provider_id(self, message: Message, value: str) -> None:
        if value and value != "0":
            _index(self._by_provider_id, value, message)

    def get(self, message_id: str) -> Message | None:
        number = number_of(message_id)
        return self._by_id.get(message_id if number is None else number)

    def by_provider_id(self, value: str, provider: str | None = None,
                       login: str | None = None) -> list[Message]:
        held = self._by_provider_id.get(value)
        found = [] if held is None else list(held) if isinstance(held, list) else [held]
        number = number_of(value)
        if number is not None:
            own = self._by_id.get(number)
            if own is not None and own._pids is not None and OWN_ID in own._pids:
                found = sorted([*found, own], key=self._place) if found else [own]
        if provider is None and login is None:
            return found
        return [
            message for message in found
            if (provider is None or message._place[0] == provider)
            and (login is None or message._place[1] == login)
        ]

    def arrival(self, message_id: str) -> int | None:
        """Where a stored message came in the order of arrival (larger is newer)."""
        message = self.get(message_id)
        return None if message is None else self._place(message)

    def _place(self, message: Message) -> int:
        return self._by_id.place(message._id)  # type: ignore[return-value]

    def forget(self, provider: str, login: str) -> list[Message]:
        """Remove one account's messages from the store and its indexes; returns them."""
        gone = [m for m in self._by_id if (m.provider, m.login) == (provider, login)]
        for message in gone:
            message.withdrawn = True
            self._forget(message)
        return gone

    def by_phone(self, phone: str) -> list[Message]:
        return _found(self._by_phone, phone_key(phone))

    def by_client_id(self, provider: str, login: str, client_id: str) -> Message | None:
        return self._by_client_id.get((provider, login, client_id))

    def _make_room(self) -> None:
        # Evict in small batches (1% of the capacity, at most EVICTION_BATCH), so that the
        # scan from the oldest end is paid once per batch, not once per message, and no
        # batch holds up the requests in flight for long (about 23 µs a message).
        batch = max(1, min(self.capacity // 100, EVICTION_BATCH))
        oldest = iter(self._by_id)
        evict = [m for m in itertools.islice(oldest, 4 * batch) if m.settled][:batch]
        if not evict:
            evict = [next(iter(self._by_id))]
        for message in evict:
            self._forget(message)

    def _forget(self, message: Message) -> None:
        self._by_id.remove(message)
        _drop(self._by_phone, message._phone, message)
        for value in _indexed_ids(message):
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


def _indexed_ids(message: Message) -> list[str]:
    """The provider ids the index holds for a message: all but one that is its own id."""
    pids = message._pids
    return [] if pids is None else [value for value in pids[1::2] if value is not OWN_ID]


def _index(index: dict, key: Any, message: Message) -> None:
    held = index.get(key)
    if held is None:
        index[key] = message
    elif isinstance(held, list):
        held.append(message)
    else:
        index[key] = [held, message]


def _found(index: dict, key: Any) -> list[Message]:
    held = index.get(key)
    if held is None:
        return []
    return list(held) if isinstance(held, list) else [held]


def _drop(index: dict, key: Any, message: Message) -> None:
    held = index.get(key)
    if held is message:
        del index[key]
    elif isinstance(held, list):
        held[:] = [m for m in held if m is not message]
        if len(held) == 1:
            index[key] = held[0]
        elif not held:
            del index[key]
