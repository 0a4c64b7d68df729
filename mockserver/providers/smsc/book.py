"""What an SMSC account keeps besides its messages, as its management paths edit it: message
templates, contacts and groups, mailings (jobs), sub-clients and dedicated numbers.

Held per login in `state.extensions["smsc-book"]` and emptied when the mock is reset. The
contact blacklist is the account's own `blacklist` (the core's), so that every send honours it
and the control plane shows it."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from ...core.state import MockState

NAME = "smsc-book"
MAX_ENTRIES = 10_000  # per kind and login: a runaway client gets error 5, not a full memory


@dataclass(slots=True)
class Template:
    id: int
    name: str
    message: str
    format: str = ""  # "", sms, flash, bin, push, mms, call, mail, viber
    sender: str = ""
    autosign: bool = False


@dataclass(slots=True)
class Contact:
    id: int
    phone: str
    name: str = ""
    groups: list[int] = field(default_factory=list)
    comment: str = ""


@dataclass(slots=True)
class Group:
    id: int
    name: str


@dataclass(slots=True)
class Job:
    id: int
    name: str
    phones: list[str]
    text: str
    kind: str  # the send kind: sms, mms, viber, ...
    created_at: datetime
    message_id: str = ""  # the SMSC id its messages share
    status: str = "active"  # active, cancelled


@dataclass(slots=True)
class DedicatedNumber:
    phone: str
    monthly: Decimal
    prolong: bool = True


@dataclass(slots=True)
class AccountBook:
    templates: dict[int, Template] = field(default_factory=dict)
    contacts: dict[str, Contact] = field(default_factory=dict)  # by phone
    groups: dict[int, Group] = field(default_factory=dict)
    jobs: dict[int, Job] = field(default_factory=dict)
    sub_clients: list[str] = field(default_factory=list)  # logins created through users.php
    numbers: dict[str, DedicatedNumber] = field(default_factory=dict)  # bought, by phone

    def contacts_in(self, group: int) -> list[Contact]:
        return [c for c in self.contacts.values() if group in c.groups]


class Books:
    """Every login's book, and the ids they hand out (increasing, shared across logins as the
    real service's are)."""

    def __init__(self) -> None:
        self._books: dict[str, AccountBook] = {}
        self._ids: dict[str, Iterator[int]] = {}

    def of(self, login: str) -> AccountBook:
        found = self._books.get(login)
        if found is None:
            found = self._books[login] = AccountBook()
        return found

    def every(self) -> Iterator[AccountBook]:
        return iter(self._books.values())

    def next_id(self, kind: str) -> int:
        return next(self._ids.setdefault(kind, itertools.count(1)))

    def clear(self) -> None:
        self._books.clear()
        self._ids.clear()


def books(state: MockState) -> Books:
    found = state.extensions.get(NAME)
    if found is None:
        found = state.extensions[NAME] = Books()
        state.on_reset(found.clear)
    return found
