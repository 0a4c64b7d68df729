"""Stored messages in arrival order, found by their number in one step.

A message's number is its store's tag and its place in the store's sequence, so the messages
sit in a list at (place - base): one pointer each, where a dict keyed by id would cost an
entry, its hash and a key object. A message whose id is not such a number (made by hand,
or added out of turn) gets the next place and a line in a small side table."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from .messages import Message

PLACE_BITS = 40
_PLACE_MASK = (1 << PLACE_BITS) - 1
# Process-wide: two stores in one process (two mocks) never hand out the same number.
_store_tags = itertools.count(1)
# Left-over holes (evicted or forgotten messages) past which the list is tidied.
_SLACK = 64


class Arrivals:
    def __init__(self) -> None:
        self._tag = next(_store_tags)
        self._places = itertools.count(0)  # never restarts: an id is never handed out twice
        self._slots: list[Message | None] = []  # the message at place base + i, or a hole
        self._base = 0
        self._front = 0  # every slot before this one is a hole
        self._count = 0
        self._moved: dict[int | str, int] = {}  # key -> place, for keys that are not theirs
        # Live messages taken out of a list with too many holes, oldest first: all older
        # than any message still in the list.
        self._old: dict[int | str, Message] = {}

    def __len__(self) -> int:
        return self._count

    def new_number(self) -> int:
        return (self._tag << PLACE_BITS) | next(self._places)

    def place(self, key: int | str) -> int | None:
        """The place in arrival order of the message with this key (its number or its id)."""
        place = self._moved.get(key)
        if place is None and type(key) is int and key >> PLACE_BITS == self._tag:
            place = key & _PLACE_MASK
        return place

    def get(self, key: int | str) -> Message | None:
        place = self.place(key)
        if place is None:
            return None
        at = place - self._base
        if at < 0:
            return self._old.get(key)
        if at < len(self._slots):
            message = self._slots[at]
            # With no message out of turn, a slot holds the message numbered for it.
            if message is not None and (not self._moved or message._id == key):
                return message
        return None

    def add(self, message: Message) -> None:
        key = message._id
        place = self.place(key)
        end = self._base + len(self._slots)
        if place is None or place < end or key in self._moved:
            place = next(self._places)
            self._moved[key] = place
        if place > end:
            self._slots.extend([None] * (place - end))  # numbers handed out, never stored
        self._slots.append(message)
        self._count += 1

    def remove(self, message: Message) -> None:
        key = message._id
        place = self.place(key)
        assert place is not None
        at = place - self._base
        if at < 0:
            del self._old[key]
        else:
            self._slots[at] = None
        self._moved.pop(key, None)
        self._count -= 1
        self._tidy()

    def __iter__(self) -> Iterator[Message]:
        yield from list(self._old.values())
        slots = self._slots
        for at in range(self._front, len(slots)):
            message = slots[at]
            if message is not None:
                yield message

    def __reversed__(self) -> Iterator[Message]:
        slots = self._slots
        for at in range(len(slots) - 1, self._front - 1, -1):
            message = slots[at]
            if message is not None:
                yield message
        yield from reversed(list(self._old.values()))

    def clear(self) -> None:
        self._slots.clear()
        self._base = next(self._places)
        self._front = 0
        self._count = 0
        self._moved.clear()
        self._old.clear()

    def _tidy(self) -> None:
        slots = self._slots
        while self._front < len(slots) and slots[self._front] is None:
            self._front += 1
        if self._front > _SLACK and 2 * self._front > len(slots):
            self._drop_front(self._front)
        # Holes behind a message that stays (one never settled) are not left to grow: the
        # older half's live messages move to the side table.
        if len(slots) - self._front > 2 * (self._count - len(self._old)) + _SLACK:
            half = self._front + (len(slots) - self._front) // 2
            for message in slots[self._front:half]:
                if message is not None:
                    self._old[message._id] = message
            self._drop_front(half)

    def _drop_front(self, count: int) -> None:
        del self._slots[:count]
        self._base += count
        self._front = 0
        slots = self._slots
        while self._front < len(slots) and slots[self._front] is None:
            self._front += 1
