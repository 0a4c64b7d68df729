"""Accounts of the three providers, their credentials and limits, and who may use them."""

from __future__ import annotations

import hashlib
import ipaddress
from collections import deque
from collections.abc import Iterable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .billing import Channel, RateCard, to_decimal
from .clock import Clock


class Provider(StrEnum):
    INTELTELE = "inteltele"
    TARGETSMS = "targetsms"
    SMSC = "smsc"


DEFAULT_TIMEZONE = {
    Provider.INTELTELE: "Europe/Kyiv",
    Provider.TARGETSMS: "Europe/Moscow",
    Provider.SMSC: "Europe/Moscow",
}
DEFAULT_CURRENCY = {Provider.INTELTELE: "UAH", Provider.TARGETSMS: "RUB", Provider.SMSC: "RUR"}
MAX_API_KEYS = 5

IpNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


@dataclass(slots=True)
class SenderId:
    """A sender name in an account's registry, as SMSC's senders.php manages it."""

    id: int
    sender: str
    status: str = "active"
    comment: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def to_mapping(self) -> dict[str, Any]:
        return {"id": self.id, "sender": self.sender, "status": self.status,
                "comment": self.comment, **self.extra}


@dataclass(slots=True)
class Account:
    provider: Provider
    login: str
    password: str = ""
    api_key: str = ""
    api_keys: list[str] = field(default_factory=list)
    balance: Decimal = Decimal("0")
    credit: Decimal = Decimal("0")
    allowed_ips: list[IpNetwork] = field(default_factory=list)
    senders: dict[str, list[str]] = field(default_factory=dict)
    sender_ids: list[SenderId] = field(default_factory=list)
    banned_senders: set[str] = field(default_factory=set)
    blacklist: set[str] = field(default_factory=set)
    routes: set[str] = field(default_factory=set)
    rates: RateCard | None = None
    callback_url: str = ""
    callback_method: str = "POST"
    vk_enabled: bool = False
    currency: str = ""
    timezone: str = ""
    # Test mode (SMSC's "virtual sending"): sends are priced, never charged or delivered.
    test_mode: bool = False

    # --- credentials and access -------------------------------------------------------------
    def accepts_api_key(self, key: str) -> bool:
        return bool(key) and key in self.api_keys

    def accepts_password(self, password: str, md5_too: bool = False) -> bool:
        if not password or not self.password:
            return False
        if password == self.password:
            return True
        return md5_too and password == hashlib.md5(self.password.encode()).hexdigest()

    def allows_ip(self, address: str) -> bool:
        if not self.allowed_ips:
            return True
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip in network for network in self.allowed_ips)

    # --- what a send may do --------------------------------------------------------------------
    def may_use_sender(self, channel: str, sender: str) -> bool:
        allowed = self.senders.get(channel) or []
        return not allowed or sender in allowed

    def routes_to(self, country: str) -> bool:
        return not self.routes or country in self.routes

    def can_afford(self, amount: Decimal) -> bool:
        return amount <= self.balance + self.credit

    def charge(self, amount: Decimal) -> None:
        self.balance -= amount

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone or DEFAULT_TIMEZONE[self.provider])

    # --- plain mappings (fixtures and the control plane) ----------------------------------
    @classmethod
    def from_mapping(cls, provider: str, login: str, raw: Mapping[str, Any]) -> Account:
        return apply_fields(cls(Provider(provider), login), raw)

    def to_mapping(self) -> dict[str, Any]:
        return {
            "provider": str(self.provider),
            "login": self.login,
            "password": self.password,
            "api_key": self.api_key,
            "api_keys": list(self.api_keys),
            "balance": str(self.balance),
            "credit": str(self.credit),
            "allowed_ips": [str(net) for net in self.allowed_ips],
            "senders": {channel: list(names) for channel, names in self.senders.items()},
            "sender_ids": [entry.to_mapping() for entry in self.sender_ids],
            "banned_senders": sorted(self.banned_senders),
            "blacklist": sorted(self.blacklist),
            "routes": sorted(self.routes),
            "rates": self.rates.to_mapping() if self.rates is not None else None,
            "callback_url": self.callback_url,
            "callback_method": self.callback_method,
            "vk_enabled": self.vk_enabled,
            "currency": self.currency or DEFAULT_CURRENCY[self.provider],
            "timezone": self.timezone or DEFAULT_TIMEZONE[self.provider],
            "test_mode": self.test_mode,
        }


def _networks(values: Iterable[str]) -> list[IpNetwork]:
    return [ipaddress.ip_network(str(value).strip(), strict=False) for value in values]


def _sender_ids(values: Iterable[Mapping[str, Any]]) -> list[SenderId]:
    entries = []
    for position, raw in enumerate(values, start=1):
        known = {"id", "sender", "status", "comment"}
        entries.append(SenderId(
            id=int(raw.get("id", position)),
            sender=str(raw["sender"]),
            status=str(raw.get("status", "active")),
            comment=str(raw.get("comment", "")),
            extra={key: value for key, value in raw.items() if key not in known},
        ))
    return entries


def _string_list(value: Any, name: str) -> list[str]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise ValueError(f"{name} must be a list")
    return [str(item) for item in value]


def _senders(value: Mapping[str, Any]) -> dict[str, list[str]]:
    result = {}
    for channel, names in value.items():
        Channel(channel)
        result[channel] = _string_list(names, f"senders.{channel}")
    return result


def _timezone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone {value!r}") from exc
    return value


def _callback_method(value: str) -> str:
    method = str(value).upper()
    if method not in ("GET", "POST"):
        raise ValueError("callback_method must be GET or POST")
    return method


def _flag(value: Any) -> bool:
    """true/false, 1/0 or "true"/"false": a string like "false" must not read as True."""
    if isinstance(value, bool):
        return value
    if value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in ("true", "false", "1", "0", "yes", "no"):
        return value.strip().lower() in ("true", "1", "yes")
    raise ValueError(f"expected true or false, got {value!r}")


def _api_keys(value: Any) -> list[str]:
    keys = _string_list(value, "api_keys")
    if len(keys) > MAX_API_KEYS:
        raise ValueError(f"an account holds at most {MAX_API_KEYS} API keys")
    return keys


_FIELD_PARSERS: dict[str, Any] = {
    "password": str,
    "api_key": str,
    "api_keys": _api_keys,
    "balance": to_decimal,
    "credit": to_decimal,
    "allowed_ips": _networks,
    "senders": _senders,
    "sender_ids": _sender_ids,
    "banned_senders": lambda v: set(_string_list(v, "banned_senders")),
    "blacklist": lambda v: set(_string_list(v, "blacklist")),
    "routes": lambda v: {c.lower() for c in _string_list(v, "routes")},
    "rates": lambda v: None if v is None else RateCard.from_mapping(v),
    "callback_url": str,
    "callback_method": _callback_method,
    "vk_enabled": _flag,
    "currency": str,
    "timezone": _timezone,
    "test_mode": _flag,
}
ACCOUNT_FIELDS = frozenset(_FIELD_PARSERS)


def apply_fields(account: Account, raw: Mapping[str, Any]) -> Account:
    """Set the named fields from plain values; raises ValueError naming a bad or unknown one."""
    for name, value in raw.items():
        if name in ("provider", "login"):
            continue
        parser = _FIELD_PARSERS.get(name)
        if parser is None:
            raise ValueError(f"unknown account field {name!r}")
        try:
            setattr(account, name, parser(value))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ValueError(f"{name}: {exc}") from exc
    return account


class AccountBook:
    """All accounts, found by provider and login (or by SMSC's account-wide API key)."""

    def __init__(self, accounts: Iterable[Account] = ()) -> None:
        self._accounts: dict[tuple[str, str], Account] = {}
        self._opening: dict[tuple[str, str], Decimal] = {}  # balance when put, for a reset
        for account in accounts:
            self.put(account)

    def __iter__(self):
        return iter(self._accounts.values())

    def get(self, provider: str, login: str) -> Account | None:
        return self._accounts.get((provider, login))

    def by_api_key(self, provider: str, key: str) -> Account | None:
        if not key:
            return None
        for account in self._accounts.values():
            if account.provider == provider and account.api_key == key:
                return account
        return None

    def put(self, account: Account) -> None:
        self._accounts[(str(account.provider), account.login)] = account
        self._opening[(str(account.provider), account.login)] = account.balance

    def restore_balance(self, account: Account) -> None:
        """Back to the balance the account had when it was put (created or replaced)."""
        account.balance = self._opening.get((str(account.provider), account.login),
                                            account.balance)

    def remove(self, provider: str, login: str) -> bool:
        return self._accounts.pop((provider, login), None) is not None

    def clear(self) -> None:
        self._accounts.clear()
        self._opening.clear()


class BruteForceGuard:
    """Too many failed authentications from one address lock that address out for a while."""

    def __init__(self, clock: Clock, failures: int = 10, window_s: float = 60,
                 block_s: float = 300) -> None:
        self._clock = clock
        self.failures = failures
        self.window = timedelta(seconds=window_s)
        self.block = timedelta(seconds=block_s)
        self._recent: dict[tuple[str, str], deque[datetime]] = {}
        self._blocked_until: dict[tuple[str, str], datetime] = {}

    def is_blocked(self, provider: str, address: str) -> bool:
        until = self._blocked_until.get((provider, address))
        if until is None:
            return False
        if self._clock.now() >= until:
            del self._blocked_until[(provider, address)]
            return False
        return True

    def record_failure(self, provider: str, address: str) -> bool:
        """Count one failure; True when this one tips the address into a lock-out."""
        now = self._clock.now()
        key = (provider, address)
        recent = self._recent.setdefault(key, deque())
        recent.append(now)
        while recent and now - recent[0] > self.window:
            recent.popleft()
        if len(recent) >= self.failures:
            self._blocked_until[key] = now + self.block
            recent.clear()
            return True
        return False

    def clear(self) -> None:
        self._recent.clear()
        self._blocked_until.clear()


class AuthFailure(StrEnum):
    BLOCKED = "blocked"  # the address is locked out after too many failures
    UNKNOWN_LOGIN = "unknown_login"
    WRONG_SECRET = "wrong_secret"
    IP_NOT_ALLOWED = "ip_not_allowed"


class Credential(StrEnum):
    API_KEY = "api_key"  # one of the account's API keys (IntelTele)
    PASSWORD = "password"  # the password (TargetSMS)
    PASSWORD_OR_MD5 = "password_or_md5"  # the password or its lowercase MD5 (SMSC)


@dataclass(frozen=True, slots=True)
class AuthResult:
    account: Account | None
    failure: AuthFailure | None = None


# The account the request in hand named (by login or key), whether or not its secret was
# right: the journal files the request under it. Each request runs in its own task, so each
# has its own value.
NAMED_ACCOUNT: ContextVar[Account | None] = ContextVar("named_account", default=None)


class Authenticator:
    """The order every provider checks in: lock-out, login, secret, then the address."""

    def __init__(self, book: AccountBook, guard: BruteForceGuard) -> None:
        self.book = book
        self.guard = guard

    def authenticate(self, provider: str, login: str, secret: str, address: str,
                     credential: Credential) -> AuthResult:
        if self.guard.is_blocked(provider, address):
            return AuthResult(None, AuthFailure.BLOCKED)
        account = self.book.get(provider, login) if login else None
        if account is None:
            return self._failed(provider, address, AuthFailure.UNKNOWN_LOGIN)
        NAMED_ACCOUNT.set(account)
        if not self._secret_matches(account, secret, credential):
            return self._failed(provider, address, AuthFailure.WRONG_SECRET)
        if not account.allows_ip(address):
            return AuthResult(None, AuthFailure.IP_NOT_ALLOWED)
        return AuthResult(account)

    def by_account_key(self, provider: str, key: str, address: str) -> AuthResult:
        """SMSC's `apikey`: one secret in place of login and password."""
        if self.guard.is_blocked(provider, address):
            return AuthResult(None, AuthFailure.BLOCKED)
        account = self.book.by_api_key(provider, key)
        if account is None:
            return self._failed(provider, address, AuthFailure.WRONG_SECRET)
        NAMED_ACCOUNT.set(account)
        if not account.allows_ip(address):
            return AuthResult(None, AuthFailure.IP_NOT_ALLOWED)
        return AuthResult(account)

    @staticmethod
    def _secret_matches(account: Account, secret: str, credential: Credential) -> bool:
        if credential is Credential.API_KEY:
            return account.accepts_api_key(secret)
        return account.accepts_password(secret, md5_too=credential is Credential.PASSWORD_OR_MD5)

    def _failed(self, provider: str, address: str, failure: AuthFailure) -> AuthResult:
        self.guard.record_failure(provider, address)
        return AuthResult(None, failure)
