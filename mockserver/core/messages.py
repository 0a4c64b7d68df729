"""Messages and their attempts on each channel, kept compactly (see MessageStore in store.py)."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from .billing import Channel
from .compact import (
    SharedValues,
    instant,
    packed_time,
    spell_id,
    unpack_micros,
)
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


# What a message keeps of each channel of its cascade, shared between messages that send
# alike: channel, sender, button text and link, image, template and its data, validity,
# parts, and the price charged (None until charged).
(_CHANNEL, _SENDER, _BUTTON_TEXT, _BUTTON_URL, _IMAGE_URL, _TEMPLATE_ID, _TEMPLATE_DATA, _TTL,
 _PARTS, _COST) = range(10)
# What most messages leave at its default, in one shared tuple: client id, name of the
# delivery, scheduled time, meta, virtual, finale_read, withdrawn, the channels' own ids.
(_CLIENT_ID, _NAME_DELIVERY, _SCHEDULED_AT, _META, _VIRTUAL, _FINALE_READ, _WITHDRAWN,
 _ATTEMPT_IDS) = range(8)

# The meta of every message sent without any: one shared dict (a message's meta is never
# changed after it is made), not an empty dict per message.
NO_META: dict[str, Any] = {}

_STATUSES = tuple(Status)
_CODES = {status: code for code, status in enumerate(_STATUSES)}
# A status record: the creation time (8 bytes), then one entry per change: the attempt's
# place in the cascade, the status code and the time in microseconds.
_ENTRY = 10
_FIRST = 8

# A provider id that is the message's own id: kept as this mark, found by the id itself.
class _OwnId:
    __slots__ = ()

    def __repr__(self) -> str:
        return "OWN_ID"


OWN_ID: Any = _OwnId()

_plans = SharedValues()
_extras = SharedValues()
_places = SharedValues()
_provider_ids = SharedValues()


def _shared_extras(extras: tuple) -> tuple:
    if extras[_CLIENT_ID] or extras[_META] is not NO_META or extras[_SCHEDULED_AT] is not None \
            or extras[_ATTEMPT_IDS] is not None:
        return extras
    return _extras.get(extras[:_META] + extras[_META + 1:], extras)


def _shared_plan(plan: tuple) -> tuple:
    key: list = []
    for entry in plan:
        if entry[_TEMPLATE_DATA] is not None:
            return plan  # a dict: not to be shared, nor hashed
        # Equal prices may differ in their digits (0.3 and 0.30): the key tells them apart.
        key += (entry[:_COST], id(entry[_COST]))
    return _plans.get(tuple(key), plan)


def phone_key(phone: str) -> int | str:
    """How the store keeps a phone number: as an int when it spells one exactly."""
    if len(phone) <= 18 and phone.isascii() and phone.isdigit() and phone[0] != "0":
        return int(phone)
    return phone


class ChannelAttempt:
    """One channel of a message: what it carries and what became of it. A window on the
    message, which keeps every channel's data in its own compact form."""

    __slots__ = ("message", "index")

    def __init__(self, message: Message, index: int) -> None:
        self.message = message
        self.index = index  # place in the cascade, from 0

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, ChannelAttempt) and other.message is self.message
                and other.index == self.index)

    def __hash__(self) -> int:
        return hash((id(self.message), self.index))

    def __repr__(self) -> str:
        return f"ChannelAttempt({self.channel}, order={self.order}, status={self.status})"

    channel = property(lambda self: self.message._plan[self.index][_CHANNEL])
    sender = property(lambda self: self.message._plan[self.index][_SENDER])
    button_text = property(lambda self: self.message._plan[self.index][_BUTTON_TEXT])
    button_url = property(lambda self: self.message._plan[self.index][_BUTTON_URL])
    image_url = property(lambda self: self.message._plan[self.index][_IMAGE_URL])
    template_id = property(lambda self: self.message._plan[self.index][_TEMPLATE_ID])
    template_data = property(lambda self: self.message._plan[self.index][_TEMPLATE_DATA])
    ttl_s = property(lambda self: self.message._plan[self.index][_TTL])
    parts = property(lambda self: self.message._plan[self.index][_PARTS])
    billed_parts = parts

    @property
    def order(self) -> int:
        return self.index + 1

    @property
    def text(self) -> str:
        text = self.message._text
        return text if type(text) is str else text[self.index]

    @property
    def cost(self) -> Decimal | None:
        return self.message._plan[self.index][_COST]

    @cost.setter
    def cost(self, value: Decimal | None) -> None:
        message = self.message
        plan = list(message._plan)
        plan[self.index] = plan[self.index][:_COST] + (value,)
        message._plan = _shared_plan(tuple(plan))

    @property
    def provider_id(self) -> str:
        ids = self.message._extras[_ATTEMPT_IDS]
        return ids[self.index] if ids is not None else ""

    @provider_id.setter
    def provider_id(self, value: str) -> None:
        message = self.message
        ids = list(message._extras[_ATTEMPT_IDS] or ("",) * len(message._plan))
        ids[self.index] = value
        message._set_extra(_ATTEMPT_IDS, tuple(ids))

    def fingerprint(self) -> tuple:
        return (self.channel, self.text, self.button_text, self.button_url, self.image_url,
                self.template_id)

    @property
    def history(self) -> list[StatusChange]:
        record, index = self.message._record, self.index
        return [StatusChange(_STATUSES[record[at + 1]], instant(unpack_micros(record, at + 2)))
                for at in range(_FIRST, len(record), _ENTRY) if record[at] == index]

    def record(self, change: StatusChange) -> None:
        """What became of the attempt, appended to its history."""
        message = self.message
        message._record += bytes((self.index, _CODES[change.status])) + packed_time(change.at)

    def _last(self) -> int:
        """Where the attempt's latest change sits in the record; 0 when it has none."""
        record, index = self.message._record, self.index
        for at in range(len(record) - _ENTRY, _FIRST - 1, -_ENTRY):
            if record[at] == index:
                return at
        return 0

    @property
    def status(self) -> Status | None:
        """None while the attempt has not started."""
        at = self._last()
        return _STATUSES[self.message._record[at + 1]] if at else None

    @property
    def started_at(self) -> datetime | None:
        record, index = self.message._record, self.index
        for at in range(_FIRST, len(record), _ENTRY):
            if record[at] == index:
                return instant(unpack_micros(record, at + 2))
        return None

    @property
    def changed_at(self) -> datetime | None:
        at = self._last()
        return instant(unpack_micros(self.message._record, at + 2)) if at else None

    @property
    def started(self) -> bool:
        return self.index in self.message._record[_FIRST::_ENTRY]

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
        status = self.status
        return status is Status.SENT or (
            status is Status.DELIVERED and self.channel is Channel.VIBER)


class Message:
    """One recipient's message, with one attempt per channel in cascade order.

    A store holds up to a million of these, so a message owns few objects: its number (the
    id is spelled from it), its phone (an int when it is all digits), its text (one string
    when every channel says the same), and one byte record of its creation time and status
    changes. What many messages share (who sent it, where it goes, each channel's settings
    and price, the fields most leave empty) is one shared tuple each."""

    __slots__ = ("_id", "_place", "_phone", "_plan", "_text", "_record", "_pids", "_extras")

    def __init__(self, id: int | str, provider: str, login: str, phone: str, country: str,
                 mcc: str, mnc: str, created_at: datetime,
                 channels: Sequence[ChannelContent], provider_ids: Mapping[str, str] | None = None,
                 client_id: str = "", name_delivery: str = "",
                 scheduled_at: datetime | None = None, finale_read: bool = False,
                 virtual: bool = False, meta: dict[str, Any] | None = None,
                 withdrawn: bool = False) -> None:
        self._id = id  # a number from new_number(), or an id given as it is
        self._place = _places.get((provider, login, country, mcc, mnc))
        self._phone = phone_key(phone)
        texts, plan = [], []
        for content in channels:
            texts.append(content.text)
            plan.append((content.channel, content.sender, content.button_text,
                         content.button_url, content.image_url, content.template_id,
                         content.template_data, content.ttl_s, content.billed_parts, None))
        # Every channel saying the same is one string (the Viber text and its SMS fallback).
        self._text = texts[0] if texts and texts.count(texts[0]) == len(texts) else tuple(texts)
        self._plan = _shared_plan(tuple(plan))
        self._record = packed_time(created_at)
        self._pids = None
        self._extras = _shared_extras((client_id, name_delivery, scheduled_at,
                                       meta if meta else NO_META, virtual, finale_read,
                                       withdrawn, None))
        if provider_ids:
            self.provider_ids = provider_ids

    def __repr__(self) -> str:
        return f"Message({self.id}, {self.provider}, {self.phone}, {self.status})"

    @property
    def id(self) -> str:
        number = self._id
        return number if type(number) is str else spell_id(number)

    provider = property(lambda self: self._place[0])
    login = property(lambda self: self._place[1])
    country = property(lambda self: self._place[2])
    mcc = property(lambda self: self._place[3])
    mnc = property(lambda self: self._place[4])
    client_id = property(lambda self: self._extras[_CLIENT_ID])
    name_delivery = property(lambda self: self._extras[_NAME_DELIVERY])
    scheduled_at = property(lambda self: self._extras[_SCHEDULED_AT])
    meta = property(lambda self: self._extras[_META])
    virtual = property(lambda self: self._extras[_VIRTUAL])
    # A delivered Viber message counts only once read.
    finale_read = property(lambda self: self._extras[_FINALE_READ])

    @property
    def phone(self) -> str:
        phone = self._phone
        return phone if type(phone) is str else str(phone)

    @property
    def created_at(self) -> datetime:
        return instant(unpack_micros(self._record, 0))

    @property
    def withdrawn(self) -> bool:
        """Its account was reset: the network says no more about it."""
        return self._extras[_WITHDRAWN]

    @withdrawn.setter
    def withdrawn(self, value: bool) -> None:
        self._set_extra(_WITHDRAWN, value)

    def _set_extra(self, field: int, value: Any) -> None:
        extras = list(self._extras)
        extras[field] = value
        self._extras = _shared_extras(tuple(extras))

    @property
    def provider_ids(self) -> dict[str, str]:
        """The ids the provider gave the client (a fresh dict: change them by assigning)."""
        pids = self._pids
        if pids is None:
            return {}
        own = None
        ids = {}
        for at in range(0, len(pids), 2):
            value = pids[at + 1]
            if value is OWN_ID:
                value = own = own or self.id
            ids[pids[at]] = value
        return ids

    @provider_ids.setter
    def provider_ids(self, ids: Mapping[str, str]) -> None:
        own, all_own = self.id, True
        flat: list = []
        for key, value in ids.items():
            if value == own:
                value = OWN_ID
            else:
                all_own = False
            flat += (key, value)
        if not flat:
            self._pids = None
        else:
            # Ids that are all the message's own are the same pairs for every message.
            self._pids = _provider_ids.get(tuple(flat)) if all_own else tuple(flat)

    def _owns_id(self) -> bool:
        """Whether one of its provider ids is its own id."""
        return self._pids is not None and OWN_ID in self._pids  # (keys are strings)

    @property
    def channels(self) -> tuple[ChannelAttempt, ...]:
        count = len(self._plan)
        return tuple(map(ChannelAttempt, itertools.repeat(self, count), range(count)))

    def _current_index(self) -> int:
        """The place of the latest attempt that has started; -1 when none has."""
        started = self._record[_FIRST::_ENTRY]
        return max(started) if started else -1

    @property
    def status(self) -> Status:
        record = self._record
        started = record[_FIRST::_ENTRY]
        if not started:
            return Status.QUEUED
        index = max(started)
        for at in range(len(record) - _ENTRY, _FIRST - 1, -_ENTRY):
            if record[at] == index:
                return _STATUSES[record[at + 1]]
        raise AssertionError("a started attempt has a change")  # pragma: no cover

    @property
    def current(self) -> ChannelAttempt | None:
        """The latest attempt that has started."""
        index = self._current_index()
        return ChannelAttempt(self, index) if index >= 0 else None

    @property
    def changed_at(self) -> datetime:
        current = self.current
        return current.changed_at if current else self.created_at  # type: ignore[return-value]

    @property
    def cost(self) -> Decimal:
        return sum((entry[_COST] for entry in self._plan if entry[_COST] is not None),
                   Decimal("0"))

    def attempt(self, channel: str) -> ChannelAttempt | None:
        for index, entry in enumerate(self._plan):
            if entry[_CHANNEL] == channel:
                return ChannelAttempt(self, index)
        return None

    def next_attempt(self) -> ChannelAttempt | None:
        index = self._current_index() + 1
        return ChannelAttempt(self, index) if index < len(self._plan) else None

    @property
    def settled(self) -> bool:
        """Nothing more will happen to it but, at most, a Viber read receipt: its attempt
        has a report and no other channel is left to try."""
        current = self.current
        if current is None:
            return False
        status = current.status
        if status is Status.SENT:
            return False
        return status not in FAILURES or current.index + 1 >= len(self._plan)
