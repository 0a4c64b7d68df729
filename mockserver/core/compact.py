"""How a stored message keeps its parts small: numbered ids spelled on read, times as
integer microseconds in one byte record, and equal values shared between messages.

A store that holds a million messages pays for every object each one owns; these helpers
let a message own a handful of small objects and point at shared ones for the rest."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from typing import Any

# --- ids -------------------------------------------------------------------------------------
# A message id is 32 hex digits, as uuid4().hex spells them. A stored message keeps only its
# number (its store's tag and place, see arrivals.py); each half of the id is the number
# scrambled by an invertible mix with this process's random keys (multiplication by an odd
# key, then an exclusive or), so ids look random throughout, never repeat within a run, and
# two runs share no id but by chance.
_MASK = (1 << 64) - 1


def _odd_key() -> int:
    return int.from_bytes(os.urandom(8), "little") | 1


_FACTOR, _HIGH_FACTOR = _odd_key(), _odd_key()
_INVERSE = pow(_FACTOR, -1, 1 << 64)
_XOR, _HIGH_XOR = _odd_key(), _odd_key()


def spell_id(number: int) -> str:
    high = ((number * _HIGH_FACTOR) & _MASK) ^ _HIGH_XOR
    return f"{high:016x}{((number * _FACTOR) & _MASK) ^ _XOR:016x}"


def number_of(message_id: str) -> int | None:
    """The number an id spelled by `spell_id` stands for; None for any other string."""
    # int() also takes "0x", "_", "+", spaces, other scripts' digits and upper case: only
    # the exact spelling, lower-case ASCII hex digits, is an id.
    if (len(message_id) != 32 or not message_id.isascii() or not message_id.isalnum()
            or message_id[1] == "x" or message_id.lower() != message_id):
        return None
    try:
        value = int(message_id, 16)
    except ValueError:
        return None
    number = (((value & _MASK) ^ _XOR) * _INVERSE) & _MASK
    # The first half must be the number's too.
    if value >> 64 != ((number * _HIGH_FACTOR) & _MASK) ^ _HIGH_XOR:
        return None
    return number


# --- times -----------------------------------------------------------------------------------
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def micros(instant: datetime) -> int:
    delta = instant - EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def instant(us: int) -> datetime:
    return EPOCH + timedelta(microseconds=us)


def packed_time(at: datetime) -> bytes:
    """An instant as 8 bytes of microseconds; the last one is kept, since a frozen clock
    gives the same instant to every message of a burst."""
    global _last_packed
    if _last_packed[0] is not at:
        _last_packed = (at, micros(at).to_bytes(8, "little", signed=True))
    return _last_packed[1]


_last_packed: tuple[datetime | None, bytes] = (None, b"")


def unpack_micros(record: bytes, offset: int) -> int:
    return int.from_bytes(record[offset:offset + 8], "little", signed=True)


# --- shared values ---------------------------------------------------------------------------
class SharedValues:
    """Equal immutable values handed out as one object. Bounded: past `limit` distinct values
    it starts afresh, which costs only the sharing, never a wrong value."""

    __slots__ = ("_values", "limit")

    def __init__(self, limit: int = 4096) -> None:
        self._values: dict[Any, Any] = {}
        self.limit = limit

    def get(self, key: Any, value: Any = None) -> Any:
        """The shared object equal to `value` (itself, when `value` is None, is `key`)."""
        held = self._values.get(key)
        if held is None:
            if len(self._values) >= self.limit:
                self._values.clear()
            held = self._values[key] = key if value is None else value
        return held
